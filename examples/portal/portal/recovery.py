"""One recovery step as a stateless server takes it: the flow comes in sealed from the
client and goes back sealed, the budgets it spends are read and written in one store
transaction, and the step's actions are carried out — an account lookup answered at once,
deliveries put in the outbox in that same transaction, the proof handed back for this
session's cookie only, the new password stored by compare-and-set."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal, Mapping, Optional
from urllib.parse import urlencode

import restore_access as ra
from restore_access import flow
from restore_access.codes import Keys

from . import i18n
from .stores import Message, PasswordChange, SealedBudget, Stale, Store, Writes

Portal = Literal["gosuslugi", "mosru"]
PORTALS: tuple[Portal, ...] = ("gosuslugi", "mosru")

audit = logging.getLogger("portal.audit")


@dataclass(frozen=True)
class Outcome:
    """The flow after a step: its sealed state, the prompt to show, and the proof this
    session was handed (``HoldProof``), if it was."""

    sealed: str
    prompt: flow.Prompt
    proof: Optional[str] = None


class Recovery:
    def __init__(self, keys: Keys, store: Store) -> None:
        self.keys = keys
        self.store = store

    def start(self, portal: Portal) -> Outcome:
        f = flow.Flow.gosuslugi(self.keys) if portal == "gosuslugi" else flow.Flow.mosru(self.keys)
        return Outcome(f.seal(), f.prompt)

    def after_signup_conflict(self, snils: str) -> Outcome:
        f, step = flow.Flow.after_signup_conflict(self.keys, snils)
        self.carry_out(step, base_url="")
        return Outcome(f.seal(), step.prompt)

    def open(self, portal: Portal, sealed: str) -> flow.Flow:
        """The client's flow; ``FlowError`` ``flow.state_invalid`` for anything forged."""
        return flow.Flow.open(self.keys, sealed, portal=portal)

    def submit(self, portal: Portal, sealed: str, inp: flow.Input, base_url: str) -> Outcome:
        """Handles one input; raises the library's ``Error`` (the flow and every budget as
        they were) or ``flow.stale`` when the account's password changed since the lookup."""
        if isinstance(inp, flow.NewPassword) and inp.personal is None:
            inp = self.with_person(portal, sealed, inp)
        done: dict[str, tuple[flow.Flow, flow.Step]] = {}

        def work(stored: Mapping[str, Optional[str]]) -> Writes:
            f = self.open(portal, sealed)  # afresh on every try: handle changes it
            budgets = {k: flow.Budget.open(self.keys, k, s) if s else flow.Budget() for k, s in stored.items()}
            step = f.handle(inp, budgets=budgets)
            done["step"] = f, step
            return Writes(
                budgets={k: SealedBudget(b.seal(self.keys, k), b.idle_at) for k, b in budgets.items()},
                outbox=deliveries(step, portal, base_url),
                password=next(
                    (PasswordChange(a.account, a.phc, a.expected_version) for a in step.actions if isinstance(a, flow.StorePasswordHash)),
                    None,
                ),
            )

        try:
            self.store.transact(self.open(portal, sealed).budget_keys(inp), work)
        except Stale:
            raise flow.stale() from None
        f, step = done["step"]
        lookup = self.carry_out(step, base_url)
        if lookup is not None:
            record = self.store.find(lookup.login)
            return self.submit(portal, f.seal(), flow.AccountLookup(record.account() if record else None), base_url)
        proof = next((a.proof for a in step.actions if isinstance(a, flow.HoldProof)), None)
        return Outcome(f.seal(), step.prompt, proof)

    def with_person(self, portal: Portal, sealed: str, inp: flow.NewPassword) -> flow.NewPassword:
        """The new password with what the directory knows of the account it is for, which the
        flow names once the code or link was right, so the rules refuse the person's own
        surname, phone or СНИЛС; as it came where the flow names none."""
        account_id = self.open(portal, sealed).account_id
        record = self.store.get(account_id) if account_id else None
        if record is None:
            return inp
        return flow.NewPassword(inp.password, inp.proof, flow.PersonalData.from_account(record.account()))

    def carry_out(self, step: flow.Step, base_url: str) -> Optional[flow.LookUpAccount]:
        """The actions that follow a committed step; the account lookup to answer, if any."""
        lookup = None
        for action in step.actions:
            if isinstance(action, flow.LookUpAccount):
                lookup = action
            elif isinstance(action, flow.Audit):
                audit.info("%s flow=%s login=%s", action.event, action.flow_id, action.login or "-")
            elif isinstance(action, flow.RevokeAllSessions):
                audit.info("sessions.revoked account=%s", action.account)  # the demo signs no one in
            elif isinstance(action, flow.NotifyPasswordChanged):
                record = self.store.get(action.account)
                if record is not None and (record.phone or record.email):
                    channel: Literal["sms", "email"] = "sms" if record.phone else "email"
                    self.store.post(Message(channel, record.phone or record.email or "", i18n.text("notice.password_changed", "ru")))
        return lookup


def deliveries(step: flow.Step, portal: Portal, base_url: str) -> list[Message]:
    """The SMS codes and e-mail links of a step, as the outbox keeps them (in Russian, as the
    portals send them). Where the flow sent a code to nobody (an unknown login, a contact whose
    budget is spent: `recovery.code_sent` without a delivery), a decoy row stands in, so the
    step writes the same as for a known login and takes as long."""
    out = []
    for action in step.actions:
        if isinstance(action, flow.SendSmsCode):
            out.append(Message("sms", action.phone, i18n.text("sms.code", "ru").format(code=action.code)))
        elif isinstance(action, flow.SendEmailLink):
            link = f"{base_url}/{portal}/link?" + urlencode({"flow": action.flow_id, "token": action.token})
            out.append(Message("email", action.email, i18n.text("email.link", "ru"), link))
    sent = any(isinstance(a, flow.Audit) and a.event == "recovery.code_sent" for a in step.actions)
    if sent and not out:
        out.append(Message("sms", "", i18n.text("sms.code", "ru").format(code="000000"), decoy=True))
    return out
