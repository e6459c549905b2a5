"""The recovery flow of Госуслуги and mos.ru, sans I/O.

``Flow.handle(input)`` returns a :class:`Step`: the :class:`Prompt` to show (the same for known
and unknown accounts) and the :class:`Action` objects for the host alone. Every prompt, action,
route and input is an immutable object of one small class per case, so hosts can ``match``.

One request of a host::

    f = flow.Flow.open(keys, row.sealed, portal="gosuslugi")   # or Flow.gosuslugi(keys)
    budgets = {k: load_budget(k) for k in f.budget_keys(inp)}   # missing: flow.Budget()
    step = f.handle(inp, budgets=budgets)                       # Budget objects updated
    for k, b in budgets.items():
        store_budget(k, b.seal(keys, k))                        # the server's store only
    row.sealed = f.seal()                                       # anywhere, even a cookie

What goes where: ``Flow.seal()`` anywhere (a replay can do nothing the credential version does
not allow); each :class:`Budget`, sealed, in the server's own store; a :class:`HoldProof`'s
``proof`` with the session that earned it only, to come back in :class:`NewPassword`; the
account's credential version beside its password hash, for the compare-and-set of
:class:`StorePasswordHash`.

Errors: :class:`restore_access.FlowError` (a ``ValueError``): ``flow.unexpected_input``,
``flow.expired``, ``flow.resend_too_soon``, ``flow.send_limited``, ``flow.guess_limited``,
``flow.too_early``, ``flow.locked`` — these five with ``retry_after`` —,
``flow.proof_invalid``, ``flow.state_invalid`` (a sealed state or budget that does not open),
``flow.budget_missing``, ``flow.account_id``, and ``flow.stale`` for the host to raise when
its compare-and-set fails; a typo in a typed identifier raises its
:class:`restore_access.ValidationError` (the same class as the identifier's own module
raises: ``phone.length`` is an ``InvalidLength`` here too). An unknown ``portal`` or ``lang``
is :class:`restore_access.UnknownName` (``name.unknown``, a ``ValueError``). A prompt, action
or route of a newer core that this version has no class for raises ``NotImplementedError``;
it is never answered as another case.

A ``str`` holding a lone surrogate (``'\\ud800'``): an input holds it as given and
``Flow.handle`` answers it as any other wrong contact, document, code or token (a typo raises
its ``InvalidFormat``, a code is a wrong guess); a new password holding one is refused with
``PasswordError`` ``password.invalid_char``. A sealed state or budget key holding one does not
open (``flow.state_invalid``); an :class:`Account`'s id is refused with ``flow.account_id``,
its contacts, documents and surname with their ``*.format``; :class:`PersonalData` holding one
is its phone's, e-mail's or СНИЛС's ``*.format``, a ``ValueError`` for the rest; ``message``
answers None for such a code, and a ``lang`` holding one is an unknown name.
"""

import datetime
from typing import Literal, Mapping, Optional, Sequence, Union

from typing_extensions import disjoint_base, final

from . import DetectedLogin, FlowError
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
    def bring(self) -> tuple[Literal["passport", "inn", "snils"], ...]: ...

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
class HoldProof(Action):
    """Hand ``proof`` to the session that typed the right code or opened the link, and to no
    other (its own cookie, a hidden field of its form), apart from the flow's state: it comes
    back in :class:`NewPassword`."""

    __match_args__ = ("proof",)
    @property
    def proof(self) -> str: ...

@final
class StorePasswordHash(Action):
    """Store ``phc`` by compare-and-set: only if the account's credential version is still
    ``expected_version``, changing the version in the same write. Otherwise store nothing,
    carry out none of the remaining actions and show ``flow.stale``."""

    __match_args__ = ("account", "phc", "expected_version")
    @property
    def account(self) -> str: ...
    @property
    def phc(self) -> str: ...
    @property
    def expected_version(self) -> int: ...

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
    """The new password with the ``proof`` of :class:`HoldProof` this session was handed."""

    __match_args__ = ("password", "proof", "personal")
    def __new__(cls, password: str, proof: str, personal: Optional[PersonalData] = None) -> NewPassword: ...
    @property
    def password(self) -> str: ...
    @property
    def proof(self) -> str: ...
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
        credential_version: int = 0,
        phone: Optional[str] = None,
        email: Optional[str] = None,
        surname: Optional[str] = None,
        documents: Sequence[str] = ...,
    ) -> Account:
        """``id``: 1 to 64 bytes. ``credential_version``: the host's counter of password
        changes, handed back in :class:`StorePasswordHash` for its compare-and-set."""
    @property
    def id(self) -> str: ...
    @property
    def credential_version(self) -> int: ...
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
        birth_date: Union[datetime.date, str, None] = None,
        old_hash: Optional[str] = None,
    ) -> PersonalData:
        """The arguments of ``password.check``: a phone, e-mail or СНИЛС that does not parse
        raises its ``ValidationError`` naming the argument; ``birth_date`` is a
        ``datetime.date`` or ``"YYYY-MM-DD"``."""
    @staticmethod
    def from_account(account: Account) -> PersonalData: ...

@final
class Budget:
    """What one identity (a phone, a mailbox, a СНИЛС) may still spend across all its flows:
    sends, code guesses, lockout. The host keeps one per key of ``Flow.budget_keys``, sealed,
    in its own store — never where the person could send an older copy back."""

    def __new__(cls) -> Budget:
        """A fresh budget: what a key missing from the store stands for."""
    def seal(self, keys: Keys, key: str) -> str:
        """The budget sealed for the host's store, bound to ``key``."""
    @staticmethod
    def open(keys: Keys, key: str, sealed: str) -> Budget:
        """A budget sealed by ``seal`` under the same key; ``FlowError``
        (``flow.state_invalid``) for anything else."""
    @property
    def idle_at(self) -> int:
        """From this moment on (Unix seconds) the budget equals a fresh one: delete it then."""
    def to_json(self) -> str:
        """The budget as JSON, for debugging only: nothing reads it back."""

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
    ) -> tuple[Flow, Step]:
        """Recovery after «СНИЛС уже зарегистрирован», the СНИЛС as the login: on Госуслуги
        the step asks for a document (:class:`EnterDocument`); mos.ru starts at its first
        step."""
    @staticmethod
    def open(keys: Keys, sealed: str, *, portal: Literal["gosuslugi", "mosru"]) -> Flow:
        """A flow sealed by ``seal``, under a key ring that still holds the sealing key, for
        the portal it was started for; ``FlowError`` (``flow.state_invalid``) for anything
        else, without saying what."""
    def seal(self) -> str:
        """The state sealed for the host's store: text of one length at every step, for known
        and unknown accounts alike, small enough for a cookie."""
    def budget_keys(self, input: Input) -> list[str]:
        """The keys of the budgets ``input`` spends at the current step (none, one or two):
        load each (a missing one is ``Budget()``) into the ``budgets`` of ``handle``."""
    def handle(
        self, input: Input, *, now: Optional[int] = None, budgets: Optional[Mapping[str, Budget]] = None
    ) -> Step:
        """Advances the flow by one input. ``budgets`` holds the budgets ``budget_keys(input)``
        names (a needed one missing: ``FlowError`` ``flow.budget_missing``; ``None`` is no
        budgets); its :class:`Budget` objects are updated in place on success. On error
        neither the flow nor the budgets change."""
    def to_json(self) -> str:
        """The state as JSON, for debugging only (personal data: do not log it); nothing reads
        it back."""
    @property
    def id(self) -> str: ...
    @property
    def account_id(self) -> Optional[str]:
        """The account whose password the flow is about to set (after the right code or the
        opened link), else None: load the person's data by it for NewPassword(personal=...)."""
    @property
    def portal(self) -> Literal["gosuslugi", "mosru"]: ...
    @property
    def prompt(self) -> Prompt: ...

def message(code: str, lang: Literal["ru", "en"] = "ru") -> Optional[str]:
    """The message for a code (a prompt's ``rejected``, a ChoosePassword violation, an
    exception's ``code``); None for a code the library does not define. ``lang`` is read as a
    language tag (any case, a region suffix such as ``ru-RU`` allowed); another raises
    :class:`restore_access.UnknownName`."""

def stale() -> FlowError:
    """The ``FlowError`` (``flow.stale``) a host raises when its compare-and-set of the new
    password fails: the account changed since the lookup. Store nothing, carry out none of the
    remaining actions."""

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
    "HoldProof",
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
    "stale",
]
