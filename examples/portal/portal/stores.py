"""What every store holds and promises; ``open_store`` picks SQLite or Redis.

A store keeps the accounts, the sealed budgets and the demo outbox. Its one write path for a
recovery step is ``transact``: it hands ``work`` the sealed budgets stored under the keys the
step spends, and commits what ``work`` returns — the budgets, the deliveries and the new
password hash — all at once or not at all, so that no guess or send is lost when requests for
one login run at the same time, and a password is stored only by compare-and-set on the
account's credential version.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Literal, Mapping, Optional, Protocol, Sequence

from restore_access import DetectedLogin

from .directory import AccountRecord
from .settings import Settings

Channel = Literal["sms", "email", "support"]


@dataclass(frozen=True)
class Message:
    """One entry of the demo outbox: what an SMS gateway or a mail server would have sent."""

    channel: Channel
    to: str
    text: str
    link: Optional[str] = None
    at: float = field(default_factory=time.time)
    # A stand-in written where the flow sent a code to nobody, so that step writes as much as
    # a real send; never shown, never sent.
    decoy: bool = False


@dataclass(frozen=True)
class PasswordChange:
    """``StorePasswordHash``: store ``phc`` only while the account is at ``expected_version``."""

    account: str
    phc: str
    expected_version: int


@dataclass(frozen=True)
class SealedBudget:
    """``Budget.seal`` and ``Budget.idle_at``: from then on the budget equals a fresh one."""

    sealed: str
    idle_at: int


@dataclass
class Writes:
    """What one step stores: sealed budgets by key, deliveries, and perhaps a new password."""

    budgets: dict[str, SealedBudget] = field(default_factory=dict)
    outbox: list[Message] = field(default_factory=list)
    password: Optional[PasswordChange] = None


class Stale(Exception):
    """The compare-and-set found the account at another credential version: nothing stored."""


Work = Callable[[Mapping[str, Optional[str]]], Writes]


class Store(Protocol):
    def add(self, record: AccountRecord) -> None:
        """Adds or replaces an account."""

    def get(self, account_id: str) -> Optional[AccountRecord]: ...

    def find(self, login: DetectedLogin) -> Optional[AccountRecord]:
        """The account the login names, if any."""

    def transact(self, budget_keys: Sequence[str], work: Work) -> None:
        """Runs ``work`` on the stored budgets and commits its writes atomically; ``work`` may
        run more than once (it must be a function of what it is given). Raises ``Stale`` and
        stores nothing when the password's compare-and-set fails."""

    def post(self, message: Message) -> None:
        """Adds a message to the outbox outside a step (notices, support requests)."""

    def outbox(self, limit: int = 50) -> list[Message]:
        """The newest messages first."""


def open_store(settings: Settings) -> Store:
    if settings.redis_url:
        from .store_redis import RedisStore

        return RedisStore(settings.redis_url)
    from .store_sqlite import SqliteStore

    return SqliteStore(settings.sqlite_path)
