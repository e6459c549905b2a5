"""The recovery flow of Госуслуги and mos.ru, sans I/O.

``Flow.handle(input)`` returns a :class:`Step`: the :class:`Prompt` to show (the same for known
and unknown accounts) and the :class:`Action` objects for the host alone. Every prompt, action,
route and input is an immutable object of one small class per case, so hosts can ``match``.

Errors: :class:`restore_access.FlowError` (``flow.unexpected_input``, ``flow.expired``,
``flow.resend_too_soon``, ``flow.send_limited``, ``flow.guess_limited``, ``flow.too_early``
— these four with ``retry_after`` —, ``flow.state_invalid``, ``flow.state_version``);
a typo in a typed identifier raises its :class:`restore_access.ValidationError`.
"""

import datetime
from typing import Literal, Optional, Sequence

from typing_extensions import disjoint_base, final

from . import DetectedLogin
from .codes import Keys

@disjoint_base
class Prompt:
    @property
    def code(self) -> str:
        """The stable code, such as ``prompt.enter_contact``."""
    @property
    def message_ru(self) -> str: ...
    @property
    def message_en(self) -> str: ...
    @property
    def is_final(self) -> bool: ...

@final
class EnterContact(Prompt):
    __match_args__ = ()
@final
class EnterLoginAndSurname(Prompt):
    __match_args__ = ()
@final
class EnterDocument(Prompt):
    __match_args__ = ()
@final
class AwaitingHost(Prompt):
    __match_args__ = ()
@final
class HumanCheck(Prompt):
    __match_args__ = ()

@final
class CodeSent(Prompt):
    __match_args__ = ("channel", "digits", "attempts_left", "resend_at", "rejected")
    @property
    def channel(self) -> Optional[Literal["sms", "email"]]: ...
    @property
    def digits(self) -> int: ...
    @property
    def attempts_left(self) -> int: ...
    @property
    def resend_at(self) -> int: ...
    @property
    def rejected(self) -> Optional[str]:
        """Why the last code was refused (``code.wrong``, ``code.expired``), if it was."""

@final
class ChoosePassword(Prompt):
    __match_args__ = ("violations",)
    @property
    def violations(self) -> tuple[str, ...]:
        """The rule codes the last password broke."""

@final
class Done(Prompt):
    __match_args__ = ()

@final
class Locked(Prompt):
    __match_args__ = ("retry_at",)
    @property
    def retry_at(self) -> int: ...

@final
class Escalated(Prompt):
    __match_args__ = ("reason", "routes")
    @property
    def reason(self) -> Literal["no_access", "nothing_arrived"]: ...
    @property
    def routes(self) -> tuple[Route, ...]: ...

class Route: ...
@final
class SupportForm(Route):
    __match_args__ = ()

@final
class PhoneLine(Route):
    __match_args__ = ("phone",)
    @property
    def phone(self) -> str: ...

@final
class ServiceCentre(Route):
    __match_args__ = ("bring",)
    @property
    def bring(self) -> tuple[Literal["passport", "snils"], ...]: ...

class Action: ...

@final
class LookUpAccount(Action):
    __match_args__ = ("login",)
    @property
    def login(self) -> DetectedLogin: ...

@final
class SendSmsCode(Action):
    __match_args__ = ("account", "phone", "code")
    @property
    def account(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def code(self) -> str: ...

@final
class SendEmailLink(Action):
    __match_args__ = ("account", "email", "email_ascii", "flow_id", "token")
    @property
    def account(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def email_ascii(self) -> str: ...
    @property
    def flow_id(self) -> str: ...
    @property
    def token(self) -> str: ...

@final
class StorePasswordHash(Action):
    __match_args__ = ("account", "phc")
    @property
    def account(self) -> str: ...
    @property
    def phc(self) -> str: ...

@final
class RevokeAllSessions(Action):
    __match_args__ = ("account",)
    @property
    def account(self) -> str: ...

@final
class NotifyPasswordChanged(Action):
    __match_args__ = ("account",)
    @property
    def account(self) -> str: ...

@final
class Audit(Action):
    __match_args__ = ("event", "flow_id", "login")
    @property
    def event(self) -> str: ...
    @property
    def flow_id(self) -> str: ...
    @property
    def login(self) -> Optional[str]: ...

class Input: ...

@final
class Contact(Input):
    __match_args__ = ("text",)
    def __new__(cls, text: str) -> Contact: ...
    @property
    def text(self) -> str: ...

@final
class LoginAndSurname(Input):
    __match_args__ = ("login", "surname")
    def __new__(cls, login: str, surname: str) -> LoginAndSurname: ...
    @property
    def login(self) -> str: ...
    @property
    def surname(self) -> str: ...

@final
class Document(Input):
    __match_args__ = ("text",)
    def __new__(cls, text: str) -> Document: ...
    @property
    def text(self) -> str: ...

@final
class AccountLookup(Input):
    __match_args__ = ("account",)
    def __new__(cls, account: Optional[Account]) -> AccountLookup: ...
    @property
    def account(self) -> Optional[Account]: ...

@final
class HumanCheckPassed(Input):
    __match_args__ = ()
    def __new__(cls) -> HumanCheckPassed: ...

@final
class Code(Input):
    __match_args__ = ("code",)
    def __new__(cls, code: str) -> Code: ...
    @property
    def code(self) -> str: ...

@final
class LinkOpened(Input):
    __match_args__ = ("token",)
    def __new__(cls, token: str) -> LinkOpened: ...
    @property
    def token(self) -> str: ...

@final
class NewPassword(Input):
    __match_args__ = ("password", "personal")
    def __new__(cls, password: str, personal: Optional[PersonalData] = None) -> NewPassword: ...
    @property
    def password(self) -> str: ...
    @property
    def personal(self) -> Optional[PersonalData]: ...

@final
class Resend(Input):
    __match_args__ = ()
    def __new__(cls) -> Resend: ...

@final
class NoAccessToContacts(Input):
    __match_args__ = ()
    def __new__(cls) -> NoAccessToContacts: ...

@final
class NothingArrived(Input):
    __match_args__ = ()
    def __new__(cls) -> NothingArrived: ...

@final
class Account:
    """An account of the host's directory; contacts and documents are validated here."""

    def __new__(
        cls,
        id: str,
        *,
        phone: Optional[str] = None,
        email: Optional[str] = None,
        surname: Optional[str] = None,
        documents: Sequence[str] = ...,
    ) -> Account: ...
    @property
    def id(self) -> str: ...
    @property
    def phone(self) -> Optional[str]: ...
    @property
    def email(self) -> Optional[str]: ...
    @property
    def surname(self) -> Optional[str]: ...
    @property
    def documents(self) -> tuple[str, ...]: ...

@final
class PersonalData:
    """What the host knows of the person, so the new password cannot contain it."""

    def __new__(
        cls,
        *,
        login: Optional[str] = None,
        email: Optional[str] = None,
        phone: Optional[str] = None,
        snils: Optional[str] = None,
        first_name: Optional[str] = None,
        surname: Optional[str] = None,
        birth_date: Optional[datetime.date] = None,
        old_hash: Optional[str] = None,
    ) -> PersonalData: ...
    @staticmethod
    def from_account(account: Account) -> PersonalData: ...

@final
class Budget:
    """What one login may still spend across all its flows; store it under Flow.budget_key."""

    def __new__(cls) -> Budget: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(json: str) -> Budget: ...

@final
class Step:
    @property
    def prompt(self) -> Prompt: ...
    @property
    def actions(self) -> tuple[Action, ...]: ...

@final
class Flow:
    """One person's attempt to recover access; ``now`` defaults to the current time."""

    @staticmethod
    def gosuslugi(keys: Keys, *, now: Optional[int] = None) -> Flow: ...
    @staticmethod
    def mosru(keys: Keys, *, now: Optional[int] = None) -> Flow: ...
    @staticmethod
    def after_signup_conflict(
        keys: Keys, snils: str, *, portal: Literal["gosuslugi", "mosru"] = "gosuslugi", now: Optional[int] = None
    ) -> tuple[Flow, Step]: ...
    @staticmethod
    def from_json(json: str, keys: Keys) -> Flow: ...
    def handle(self, input: Input, *, now: Optional[int] = None, budget: Optional[Budget] = None) -> Step: ...
    def to_json(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def portal(self) -> Literal["gosuslugi", "mosru"]: ...
    @property
    def budget_key(self) -> Optional[str]: ...
    @property
    def prompt(self) -> Prompt: ...

def message(code: str, lang: Literal["ru", "en"] = "ru") -> Optional[str]:
    """The message for a code (a prompt's ``rejected``, a ChoosePassword violation)."""

__all__ = [
    "Account",
    "AccountLookup",
    "Action",
    "Audit",
    "AwaitingHost",
    "Budget",
    "ChoosePassword",
    "Code",
    "CodeSent",
    "Contact",
    "Document",
    "Done",
    "EnterContact",
    "EnterDocument",
    "EnterLoginAndSurname",
    "Escalated",
    "Flow",
    "HumanCheck",
    "HumanCheckPassed",
    "Input",
    "LinkOpened",
    "Locked",
    "LoginAndSurname",
    "LookUpAccount",
    "NewPassword",
    "NoAccessToContacts",
    "NothingArrived",
    "NotifyPasswordChanged",
    "PersonalData",
    "PhoneLine",
    "Prompt",
    "Resend",
    "RevokeAllSessions",
    "Route",
    "SendEmailLink",
    "SendSmsCode",
    "ServiceCentre",
    "Step",
    "StorePasswordHash",
    "SupportForm",
    "message",
]
