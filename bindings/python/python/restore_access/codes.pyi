"""One-time SMS codes, e-mail link tokens, keyed code records and limiter states.

What the host stores (a :class:`CodeRecord`, a :class:`Limiter`) leaves the library only
sealed — encrypted and authenticated under the :class:`Keys`, bound to its flow id or
limiter key (:func:`limiter_key`) — and comes back only through ``open``.

Errors: :class:`restore_access.CodeError` (a ``ValueError``) — ``code.wrong``,
``code.expired``, ``code.not_yet_valid``, ``code.used``, ``code.locked``,
``code.wrong_purpose``, ``code.key_retired``, ``code.rate_limited`` (with ``retry_after``),
``code.state_invalid`` (a sealed value that does not open), and configuration errors such as
``code.digits`` or ``code.key_length``. An unknown purpose, channel, bucket or rate preset is
:class:`restore_access.UnknownName` (``name.unknown``, a ``ValueError``) listing the names.

A ``str`` holding a lone surrogate (``'\\ud800'``) is answered as any wrong value: a typed
code is a wrong guess (``code.wrong``, an attempt spent), a sealed value or limiter key does
not open (``code.state_invalid``), a key id is refused (``code.key_id``; ``Keys.retire``
leaves the ring as it is, as for any id not in it), a purpose, channel, bucket or rate preset
is an unknown name (``UnknownName``). A ``flow_id`` or limiter ``identifier`` holding one, which codes are bound to as
given, is a ``ValueError``.
"""

from typing import Literal, Optional, Sequence, Union

from typing_extensions import disjoint_base, final

_Purpose = Literal["recovery", "sign_up", "contact_change", "sign_in"]

@final
class Keys:
    """The server secrets (32 to 64 bytes each): issue with the current key, verify with any."""

    def __new__(cls, id: str, secret: bytes) -> Keys: ...
    def rotate(self, id: str, secret: bytes) -> None: ...
    def retire(self, id: str) -> None: ...
    @property
    def current_id(self) -> str: ...
    @property
    def ids(self) -> tuple[str, ...]: ...

@final
class CodeRecord:
    """The stored form of one issued code: a keyed hash, never the code."""

    @staticmethod
    def issue_sms(
        keys: Keys,
        flow_id: str,
        purpose: _Purpose = "recovery",
        *,
        now: Optional[int] = None,
        digits: Optional[int] = None,
        ttl: Optional[int] = None,
        max_attempts: Optional[int] = None,
    ) -> tuple[CodeRecord, str]:
        """``(record, code)``: store the record, send the code."""
    @staticmethod
    def issue_link(
        keys: Keys,
        flow_id: str,
        purpose: _Purpose = "recovery",
        *,
        now: Optional[int] = None,
        bits: Optional[int] = None,
        ttl: Optional[int] = None,
        max_attempts: Optional[int] = None,
    ) -> tuple[CodeRecord, str]:
        """``(record, token)``: store the record, send a link with the token."""
    def verify(
        self, keys: Keys, flow_id: str, typed: str, purpose: _Purpose = "recovery", *, now: Optional[int] = None
    ) -> None:
        """Accepts and uses up the right code; raises CodeError otherwise."""
    def check(
        self, keys: Keys, flow_id: str, typed: str, purpose: _Purpose = "recovery", *, now: Optional[int] = None
    ) -> None:
        """Like verify, but a right code is not used up (opening an e-mail link)."""
    def is_expired(self, now: Optional[int] = None) -> bool: ...
    @property
    def channel(self) -> Literal["sms", "email"]: ...
    @property
    def purpose(self) -> _Purpose: ...
    @property
    def key_id(self) -> str: ...
    @property
    def issued_at(self) -> int: ...
    @property
    def expires_at(self) -> int: ...
    @property
    def attempts_used(self) -> int: ...
    @property
    def attempts_left(self) -> int: ...
    @property
    def max_attempts(self) -> int: ...
    @property
    def is_used(self) -> bool: ...
    def seal(self, keys: Keys, flow_id: str) -> str:
        """The record sealed for the host's store, bound to ``flow_id``: of one length
        whatever it holds (for a given key id)."""
    @staticmethod
    def open(keys: Keys, flow_id: str, sealed: str) -> CodeRecord:
        """A record sealed by ``seal`` for the same flow; ``CodeError``
        (``code.state_invalid``) for anything else."""
    def to_json(self) -> str:
        """The record as JSON, for debugging only: nothing reads it back."""

@final
class Limiter:
    """A send or guess budget (GCRA) the host keeps per ``limiter_key``, across flows, in its
    own store (never the client's: an older copy sent back would undo the limit). A fresh one
    allows everything; store it back (``seal``) after every ``check``."""

    def __new__(cls) -> Limiter: ...
    def check(
        self,
        rates: Union[Literal["sms_send", "email_send", "wrong_codes"], Sequence[tuple[int, int]]],
        *,
        now: Optional[int] = None,
    ) -> None:
        """Spends one event under every rate, or raises ``CodeError`` (``code.rate_limited``,
        with ``retry_after``) and spends nothing."""
    @property
    def idle_at(self) -> int:
        """When the state equals a fresh one again (Unix seconds): delete it then."""
    def seal(self, keys: Keys, key: str) -> str:
        """The state sealed for the host's store, bound to ``key`` (as :func:`limiter_key`
        gave it; ``CodeError`` ``code.state_invalid`` for any other text)."""
    @staticmethod
    def open(keys: Keys, key: str, sealed: str) -> Limiter:
        """A state sealed by ``seal`` under the same key; ``CodeError``
        (``code.state_invalid``) for anything else."""
    def to_json(self) -> str:
        """The state as JSON, for debugging only: nothing reads it back."""

def sms_code(digits: int = 6) -> str:
    """A fresh code of 4 to 10 digits from the OS random generator."""

def link_token(bits: int = 256) -> str:
    """A fresh URL-safe token of 128 to 512 bits."""

def limiter_key(
    keys: Keys, bucket: Literal["send", "wrong_code"], channel: Literal["sms", "email"], identifier: str
) -> str:
    """A keyed hash (22 URL-safe characters) of the (normalised) identifier: the name of a
    :class:`Limiter` in the host's store, and what its sealed state is bound to."""

__all__ = [
    "CodeRecord",
    "Keys",
    "Limiter",
    "limiter_key",
    "link_token",
    "sms_code",
]
