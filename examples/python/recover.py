"""The Госуслуги recovery flow from Python: python examples/python/recover.py

A terminal host like the Rust demo (examples/support/demo.rs): an in-memory directory with one
account, an "SMS gateway" and a "mail server" that print what they would send. Piped input
works too: a line ``{sms}`` stands for the code the gateway just printed.
"""

from __future__ import annotations

import sys
from typing import Iterator, Optional

from restore_access import Error, flow
from restore_access.codes import Keys

ACCOUNT = flow.Account(
    "account-42",
    phone="+79161234567",
    email="ivan.petrov@mail.ru",
    surname="Петров",
    documents=["45 08 123456", "112-233-445 95", "500100732259"],
)


def find(login: flow.LookUpAccount) -> Optional[flow.Account]:
    """The account whose phone, e-mail or СНИЛС is the login, if any."""
    l = login.login
    if l.phone is not None and l.phone == ACCOUNT.phone:
        return ACCOUNT
    if l.email is not None and l.email == ACCOUNT.email:
        return ACCOUNT
    if l.snils is not None and l.snils in ACCOUNT.documents:
        return ACCOUNT
    return None


def show(prompt: flow.Prompt) -> None:
    if isinstance(prompt, flow.AwaitingHost):
        return
    print(f"\n» {prompt.message_ru}\n  {prompt.message_en}")
    if isinstance(prompt, flow.CodeSent) and prompt.rejected:
        print(f"  ✗ {prompt.rejected}: {flow.message(prompt.rejected)} (attempts left: {prompt.attempts_left})")
    if isinstance(prompt, flow.ChoosePassword):
        for code in prompt.violations:
            print(f"  ✗ {code}: {flow.message(code)}")
    if isinstance(prompt, flow.Escalated):
        for route in prompt.routes:
            if isinstance(route, flow.PhoneLine):
                print(f"  • phone / телефон {route.phone}")
            elif isinstance(route, flow.ServiceCentre):
                print(f"  • service centre «Мои документы», bring / взять с собой: {', '.join(route.bring)}")
            else:
                print("  • support form / форма обратной связи")


def ask(lines: Iterator[str], prompt: flow.Prompt, secret: str) -> Optional[flow.Input]:
    labels = {flow.HumanCheck: "I am not a robot [y]", flow.CodeSent: "code, or: resend | link | no access"}
    print(f"  {labels.get(type(prompt), '')}> ", end="")
    line = next(lines, None)
    if line is None:
        return None
    line = line.strip().replace("{sms}", secret).replace("{link}", secret)
    print(line)
    if line == "no access":
        return flow.NoAccessToContacts()
    if isinstance(prompt, flow.EnterContact):
        return flow.Contact(line)
    if isinstance(prompt, flow.EnterDocument):
        return flow.Document(line)
    if isinstance(prompt, flow.HumanCheck):
        return flow.HumanCheckPassed()
    if isinstance(prompt, flow.CodeSent):
        if line == "resend":
            return flow.Resend()
        if line == "link":
            return flow.LinkOpened(secret)
        return flow.Code(line)
    if isinstance(prompt, flow.ChoosePassword):
        return flow.NewPassword(line, flow.PersonalData.from_account(ACCOUNT))
    return flow.Code(line)


def main() -> None:
    keys = Keys("demo", b"demo-key-demo-key-demo-key-demo-key!")  # a real host loads 32+ random bytes
    recovery = flow.Flow.gosuslugi(keys)
    print("restore-access demo (Python): gosuslugi")
    print("The directory holds one account: +7 (916) 123-45-67, ivan.petrov@mail.ru, Петров,")
    print("passport 45 08 123456, СНИЛС 112-233-445 95. Anything else is an unknown account.")
    budget = flow.Budget()
    lines = iter(sys.stdin)
    prompt = recovery.prompt
    secret = ""
    pending: Optional[flow.Input] = None
    while True:
        if pending is None:
            show(prompt)
            if prompt.is_final:
                return
            pending = ask(lines, prompt, secret)
            if pending is None:
                print("(input ended)")
                return
        try:
            step = recovery.handle(pending, budget=budget)
        except Error as e:
            print(f"  ✗ {e.code}: {e.message_ru}\n    {e.message_en}")
            pending = None
            continue
        pending = None
        # The state a real host stores between requests: the flow continues from it.
        recovery = flow.Flow.from_json(recovery.to_json(), keys)
        for action in step.actions:
            if isinstance(action, flow.LookUpAccount):
                found = find(action)
                print(f"  [directory] lookup {action.login.masked} → {'found' if found else 'not found'}")
                pending = flow.AccountLookup(found)
            elif isinstance(action, flow.SendSmsCode):
                print(f"  [sms gateway] to {action.phone[:5]}…: код {action.code}")
                secret = action.code
            elif isinstance(action, flow.SendEmailLink):
                print(f"  [mail] https://portal.example/recover?flow={action.flow_id}&token={action.token}")
                secret = action.token
            elif isinstance(action, flow.StorePasswordHash):
                print(f"  [directory] {action.account}: new hash {action.phc[:40]}…")
            elif isinstance(action, flow.RevokeAllSessions):
                print(f"  [sessions] {action.account}: every session ended")
            elif isinstance(action, flow.NotifyPasswordChanged):
                print(f"  [notify] {action.account}: «Ваш пароль изменён»")
            elif isinstance(action, flow.Audit):
                print(f"  [audit] {action.event} {action.login or '-'}")
        prompt = step.prompt


if __name__ == "__main__":
    main()
