"""Password rules and Argon2id hashing; the GIL is released around checks and Argon2.

Errors: :class:`restore_access.PasswordError` (``password.malformed_hash``,
``password.unsupported_hash``, ``password.invalid_char``, …); an unknown policy name is
:class:`restore_access.UnknownName` (``name.unknown``, a ``ValueError``).

A password holding a lone surrogate (``'\\ud800'``) is not text and is never hashed:
``check`` reports ``password.invalid_char`` for it (beside what else the rest of it breaks),
``hash`` and ``verify`` raise ``PasswordError`` ``password.invalid_char``. A stored hash holding
one is malformed (``verify``: ``password.malformed_hash``; ``needs_rehash``: True), a policy
name holding one an unknown name (``UnknownName``), a ``phone``, ``email`` or ``snils`` holding
one its ``InvalidFormat``, and other personal data (``login``, ``surname``, …) holding one a
``ValueError``.

Of a password, the personal data and a stored hash at most 1025 characters are read: what is
longer is refused (``password.too_long_to_hash``) or reported as ``password.too_long`` without
being copied.
"""

import datetime
from typing import Literal, Optional, Sequence, Union

from typing_extensions import disjoint_base, final

@final
class Violation:
    """One broken rule."""

    @property
    def code(self) -> str:
        """The stable code, such as ``password.too_short``."""
    @property
    def message_ru(self) -> str: ...
    @property
    def message_en(self) -> str: ...
    @property
    def detail(self) -> Optional[int]:
        """The number the rule names: the minimum or maximum length, the minimum score."""
    @property
    def latin(self) -> Optional[str]:
        """For ``password.wrong_layout``: the password as it reads in the Latin layout. As
        secret as the password."""
    @property
    def rule_id(self) -> Optional[str]:
        """For ``password.custom``: the id of the portal's rule that was broken (its own
        messages are in ``message_ru`` and ``message_en``)."""
    @property
    def word(self) -> Optional[str]:
        """For ``password.blocklisted``: the list word the password was built on."""

@final
class Strength:
    """The strength estimate."""

    @property
    def score(self) -> int:
        """0 (guessed at once) to 4 (very hard to guess)."""
    @property
    def guesses_log10(self) -> float: ...

@final
class Report:
    """Every broken rule at once, and the strength; true when no rule is broken."""

    @property
    def ok(self) -> bool: ...
    @property
    def violations(self) -> tuple[Violation, ...]: ...
    @property
    def codes(self) -> tuple[str, ...]: ...
    @property
    def strength(self) -> Strength: ...
    def __bool__(self) -> bool: ...

@final
class Rule:
    """A portal's own rule: a pattern (Rust ``regex`` syntax, linear-time matching) the
    password must not match (``forbid=True``) or must match, with the portal's id
    (``a``–``z``, ``0``–``9``, ``.``, ``_``, ``-``) and messages. Raises ``PasswordError``
    ``password.invalid_policy`` for a bad id, message or pattern."""

    def __new__(
        cls, id: str, pattern: str, *, message_ru: str, message_en: str, forbid: bool = True
    ) -> Rule: ...
    @property
    def id(self) -> str: ...
    @property
    def pattern(self) -> str: ...
    @property
    def forbid(self) -> bool: ...

@final
class Policy:
    """A preset with the portal's own rules, compiled once. Raises ``PasswordError``
    ``password.invalid_policy`` for more than 32 rules or a repeated id."""

    def __new__(
        cls, preset: Literal["gosuslugi", "nist"] = "gosuslugi", *, rules: Sequence[Rule] = ()
    ) -> Policy: ...
    @property
    def rule_ids(self) -> list[str]: ...
    def check(
        self,
        password: str,
        *,
        login: Optional[str] = None,
        email: Optional[str] = None,
        phone: Optional[str] = None,
        snils: Optional[str] = None,
        first_name: Optional[str] = None,
        surname: Optional[str] = None,
        birth_date: Union[datetime.date, str, None] = None,
        previous_hash: Optional[str] = None,
        pepper: Optional[bytes] = None,
        m_cost: Optional[int] = None,
        t_cost: Optional[int] = None,
        p_cost: Optional[int] = None,
    ) -> Report:
        """Checks as ``check`` does (the same personal data and Argon2 arguments), with this
        policy's rules too (``password.custom``)."""

def check(
    password: str,
    policy: Literal["gosuslugi", "nist"] = "gosuslugi",
    *,
    login: Optional[str] = None,
    email: Optional[str] = None,
    phone: Optional[str] = None,
    snils: Optional[str] = None,
    first_name: Optional[str] = None,
    surname: Optional[str] = None,
    birth_date: Union[datetime.date, str, None] = None,
    previous_hash: Optional[str] = None,
    pepper: Optional[bytes] = None,
    m_cost: Optional[int] = None,
    t_cost: Optional[int] = None,
    p_cost: Optional[int] = None,
) -> Report:
    """Checks the password against the policy and the person's own data. ``phone``,
    ``email`` and ``snils`` must parse (else their ValidationError, naming the argument);
    ``birth_date`` is a ``datetime.date`` or ``"YYYY-MM-DD"`` (else TypeError/ValueError);
    ``previous_hash`` (a PHC string) adds the reuse check, at the cost of one Argon2
    computation with ``pepper`` and the Argon2 parameters given."""

def hash(
    password: str,
    *,
    policy: Literal["gosuslugi", "nist"] = "gosuslugi",
    pepper: Optional[bytes] = None,
    m_cost: Optional[int] = None,
    t_cost: Optional[int] = None,
    p_cost: Optional[int] = None,
) -> str:
    """An Argon2id PHC string of the password as the policy stores it, at the OWASP minimum
    (m_cost=19456 KiB, t_cost=2, p_cost=1) or the higher parameters given; PasswordError
    ``password.weak_params`` below the minimum, ``password.too_long_to_hash`` over 1024
    bytes."""

def verify(
    password: str,
    phc: str,
    *,
    policy: Literal["gosuslugi", "nist"] = "gosuslugi",
    pepper: Optional[bytes] = None,
    m_cost: Optional[int] = None,
    t_cost: Optional[int] = None,
    p_cost: Optional[int] = None,
) -> bool:
    """Whether the password matches the PHC string; raises PasswordError for a string that
    is not an Argon2 hash, for a hash above the cost ceiling (raised to the parameters given)
    and for a password over 1024 bytes."""

def needs_rehash(
    phc: str, *, m_cost: Optional[int] = None, t_cost: Optional[int] = None, p_cost: Optional[int] = None
) -> bool:
    """Whether a stored hash is weaker than the parameters given (by default the OWASP
    minimum), above the cost ceiling, or not Argon2id."""

__all__ = [
    "Policy",
    "Report",
    "Rule",
    "Strength",
    "Violation",
    "check",
    "hash",
    "needs_rehash",
    "verify",
]
