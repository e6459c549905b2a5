"""A tiny host for the flow tests, doing what SECURITY.md asks of a real one: a directory
whose password hashes change only by compare-and-set on the credential version, a budget store
that holds budgets only sealed (a missing key is a fresh budget), and one row for the sealed
flow state that every session reads and writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

import restore_access as ra
from restore_access import codes, email, flow

Portal = Literal["gosuslugi", "mosru"]


@dataclass
class Record:
    """One account of the directory."""

    id: str
    phone: Optional[str] = None
    email: Optional[str] = None
    surname: Optional[str] = None
    documents: tuple[str, ...] = ()
    version: int = 0
    phc: Optional[str] = None
    changes: int = 0

    def account(self) -> flow.Account:
        return flow.Account(
            self.id,
            credential_version=self.version,
            phone=self.phone,
            email=self.email,
            surname=self.surname,
            documents=list(self.documents),
        )


@dataclass
class Host:
    keys: codes.Keys
    portal: Portal
    records: list[Record] = field(default_factory=list)
    budgets: dict[str, str] = field(default_factory=dict)  # budget key -> sealed budget
    row: str = ""  # the sealed flow state, shared by whoever holds the flow
    sent: list[str] = field(default_factory=list)  # codes and tokens delivered, in order

    def start(self, now: int) -> flow.Flow:
        f = flow.Flow.gosuslugi(self.keys, now=now) if self.portal == "gosuslugi" else flow.Flow.mosru(self.keys, now=now)
        self.row = f.seal()
        return f

    def open(self, sealed: Optional[str] = None) -> flow.Flow:
        return flow.Flow.open(self.keys, self.row if sealed is None else sealed, portal=self.portal)

    def find(self, login: ra.DetectedLogin) -> Optional[flow.Account]:
        for r in self.records:
            a = r.account()
            # The login's readings are lookup keys: the phone E.164, the e-mail its `email.key`.
            if (login.phone and login.phone == a.phone) or (login.email and a.email and login.email == email.key(a.email)):
                return a
            if login.snils and login.snils in a.documents:
                return a
        return None

    def request(self, inp: flow.Input, now: int, sealed: Optional[str] = None) -> flow.Step:
        """One request: open the row (or `sealed`), load the budgets, handle, store both back,
        carry out the actions; an account lookup is answered at once, as a host would."""
        f = self.open(sealed)
        keys = f.budget_keys(inp)
        budgets = {k: flow.Budget.open(self.keys, k, self.budgets[k]) if k in self.budgets else flow.Budget() for k in keys}
        step = f.handle(inp, now=now, budgets=budgets)
        for k, b in budgets.items():
            self.budgets[k] = b.seal(self.keys, k)
        self.row = f.seal()
        for action in step.actions:
            if isinstance(action, flow.LookUpAccount):
                return self.request(flow.AccountLookup(self.find(action.login)), now)
            if isinstance(action, flow.SendSmsCode):
                self.sent.append(action.code)
            elif isinstance(action, flow.SendEmailLink):
                self.sent.append(action.token)
            elif isinstance(action, flow.StorePasswordHash):
                self.store(action)
        return step

    def store(self, action: flow.StorePasswordHash) -> None:
        """The compare-and-set: the new hash only over the version the flow looked up."""
        (record,) = [r for r in self.records if r.id == action.account]
        if record.version != action.expected_version:
            raise flow.stale()
        record.phc, record.version, record.changes = action.phc, record.version + 1, record.changes + 1


def proof_of(step: flow.Step) -> str:
    (hold,) = [a for a in step.actions if isinstance(a, flow.HoldProof)]
    return hold.proof


def store_of(step: flow.Step) -> flow.StorePasswordHash:
    (store,) = [a for a in step.actions if isinstance(a, flow.StorePasswordHash)]
    return store
