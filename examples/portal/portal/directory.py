"""The accounts the portal knows, and the keys it finds them by.

A login finds an account by its phone (E.164), its mailbox (``email.key``: every spelling of
one mailbox is one key) or its СНИЛС (among its documents). The demo accounts are the ones
the README names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from restore_access import DetectedLogin, detect_document, email, flow


@dataclass(frozen=True)
class AccountRecord:
    id: str
    phone: Optional[str] = None
    email: Optional[str] = None
    surname: Optional[str] = None
    documents: tuple[str, ...] = ()
    version: int = 0
    phc: Optional[str] = None

    def account(self) -> flow.Account:
        return flow.Account(
            self.id,
            credential_version=self.version,
            phone=self.phone,
            email=self.email,
            surname=self.surname,
            documents=list(self.documents),
        )

    def index_keys(self) -> list[str]:
        """The keys this account is found by."""
        keys = [f"phone:{self.phone}"] if self.phone else []
        if self.email:
            keys.append(f"email:{email.key(self.email)}")
        keys += [f"snils:{d.value}" for d in map(detect_document, self.documents) if d.kind == "snils"]
        return keys


def lookup_keys(login: DetectedLogin) -> list[str]:
    """The keys a typed login may find an account by (a phone-or-СНИЛС login: both)."""
    keys = [f"phone:{login.phone}"] if login.phone else []
    if login.email:
        keys.append(f"email:{email.key(login.email)}")
    if login.snils:
        keys.append(f"snils:{login.snils}")
    return keys


DEMO_ACCOUNTS = (
    AccountRecord(
        "ivan-petrov",
        phone="+79161234567",
        email="ivan.petrov@mail.ru",
        surname="Петров",
        documents=("45 08 123456", "112-233-445 95"),
    ),
    AccountRecord(
        "maria-sidorova",
        email="maria.sidorova@yandex.ru",
        surname="Сидорова",
        documents=("45 11 654321",),
    ),
)
