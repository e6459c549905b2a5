"""The Госуслуги recovery flow from Python: python examples/python/recover.py

A terminal host like the Rust demo (examples/support/demo.rs): an in-memory directory with one
account, an "SMS gateway" and a "mail server" that print what they would send. Piped input
works too: a line ``{sms}`` stands for the code the gateway just printed, and what is read is
echoed only then (a terminal shows what is typed already).

It keeps what a real host keeps, where a real host keeps it: between requests the flow exists
only sealed (the "row", which could as well be a cookie); the budgets live sealed in the
server's own store under the keys the flow names; the proof handed over after the code stays
with this session only; the password hash is stored by compare-and-set on the account's
credential version.
"""

from __future__ import annotations

import math
import sys
from typing import Final, Iterator, Optional

from restore_access import Error, FlowError, detect_login, email, flow
from restore_access.codes import Keys

PORTAL: Final = "gosuslugi"

# The demo's human check: a question a person answers at once. A real host puts its CAPTCHA
# here and sends HumanCheckPassed only when it is solved.
HUMAN_QUESTION: Final = "Сколько будет 2 + 3? / What is 2 + 3?"
HUMAN_ANSWER: Final = "5"

CODE_HELP: Final = """\
  resend     прислать код ещё раз / send a new code
  link       открыть ссылку из письма / open the link from the e-mail
  nothing    ничего не пришло / nothing arrived
  no access  нет доступа к телефону и почте / I have no access to these contacts
  help       эта подсказка / this help"""

PASSWORD_RULES: Final = """\
  Пароль: от 8 до 64 символов — латинские буквы, цифры и знаки препинания;
  нужны заглавная и строчная буква, цифра и знак. Не подойдут распространённые
  пароли и ваши данные (фамилия, телефон, СНИЛС, дата рождения).
  Password: 8 to 64 Latin letters, digits and punctuation, with an upper- and a
  lower-case letter, a digit and a symbol; no common password, nothing of your own data."""

# A terminal already shows what is typed; piped input is echoed so the transcript reads.
ECHO: Final = not sys.stdin.isatty()


class Directory:
    """One account, with its password hash and credential version."""

    def __init__(self) -> None:
        self.id = "account-42"
        self.version = 0
        self.phc: Optional[str] = None

    def account(self) -> flow.Account:
        return flow.Account(
            self.id,
            credential_version=self.version,
            phone="+79161234567",
            email="ivan.petrov@mail.ru",
            surname="Петров",
            documents=["45 08 123456", "112-233-445 95", "500100732259"],
        )

    def find(self, login: flow.LookUpAccount) -> Optional[flow.Account]:
        """The account whose phone, e-mail or СНИЛС is the login, if any."""
        account = self.account()
        l = login.login
        if l.phone is not None and l.phone == account.phone:
            return account
        # By key, not by spelling: ivan@почта.рф and ivan@xn--80a1acny.xn--p1ai are one mailbox.
        if l.email is not None and account.email is not None and email.key(l.email) == email.key(account.email):
            return account
        if l.snils is not None and l.snils in account.documents:
            return account
        return None

    def store_hash(self, action: flow.StorePasswordHash) -> bool:
        """Compare-and-set: the new hash only over the version the flow looked up."""
        if action.account != self.id or action.expected_version != self.version:
            return False
        self.phc, self.version = action.phc, self.version + 1
        return True


DIRECTORY = Directory()


def show(prompt: flow.Prompt) -> None:
    if isinstance(prompt, flow.AwaitingHost):
        return
    print(f"\n» {prompt.message_ru}\n  {prompt.message_en}")
    if isinstance(prompt, flow.CodeSent) and prompt.rejected:
        print(f"  ✗ {prompt.rejected}: {flow.message(prompt.rejected)} (attempts left: {prompt.attempts_left})")
    if isinstance(prompt, flow.ChoosePassword) and not prompt.violations:
        print(PASSWORD_RULES)  # the rules before the first try (Policy::gosuslugi)
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


def looks_like_code(line: str) -> bool:
    """Digits, perhaps grouped with spaces or dashes."""
    return any(c.isdigit() for c in line) and all(c in "0123456789 -" for c in line)


def read(lines: Iterator[str], label: str, secret: str) -> Optional[str]:
    print(f"  {label}> ", end="", flush=True)
    line = next(lines, None)
    if line is None:
        return None
    line = line.strip().replace("{sms}", secret).replace("{link}", secret)
    if ECHO:
        print(line)
    return line


def ask(lines: Iterator[str], prompt: flow.Prompt, secret: str, proof: str) -> Optional[flow.Input]:
    """The input for what is typed at ``prompt``; commands and wrong answers are dealt with
    here and asked again, so only a real input reaches the flow."""
    labels = {flow.HumanCheck: HUMAN_QUESTION, flow.CodeSent: "code, or: resend | link | nothing | no access | help"}
    while True:
        line = read(lines, labels.get(type(prompt), ""), secret)
        if line is None:
            return None
        if line == "no access":
            return flow.NoAccessToContacts()
        if isinstance(prompt, flow.EnterContact):
            return flow.Contact(line)
        if isinstance(prompt, flow.EnterDocument):
            return flow.Document(line)
        if isinstance(prompt, flow.HumanCheck):
            if line == HUMAN_ANSWER:
                return flow.HumanCheckPassed()
            print("  ✗ Неверно, попробуйте ещё раз. / Wrong, try again.")
            continue
        if isinstance(prompt, flow.CodeSent):
            if line in ("help", "?"):
                print(CODE_HELP)
                continue
            if line == "resend":
                return flow.Resend()
            if line == "nothing":
                return flow.NothingArrived()
            if line == "link":
                return flow.LinkOpened(secret)
            if looks_like_code(line):
                return flow.Code(line)
            # Not sent: a typo of a command must not cost a code attempt.
            print("  ✗ Это не код и не команда, см. help. / Not a code or a command: type help.")
            continue
        if isinstance(prompt, flow.ChoosePassword):
            return flow.NewPassword(line, proof, flow.PersonalData.from_account(DIRECTORY.account()))
        return flow.Code(line)


def main() -> None:
    keys = Keys("demo", b"demo-key-demo-key-demo-key-demo-key!")  # a real host loads 32+ random bytes
    row = flow.Flow.gosuslugi(keys).seal()  # the flow's state, sealed: a row or a cookie
    budgets: dict[str, str] = {}  # the server's own store of sealed budgets, by key
    print("restore-access demo (Python): gosuslugi")
    print("The directory holds one account: +7 (916) 123-45-67, ivan.petrov@mail.ru, Петров,")
    print("passport 45 08 123456, СНИЛС 112-233-445 95. Anything else is an unknown account.")
    lines = iter(sys.stdin)
    prompt = flow.Flow.open(keys, row, portal=PORTAL).prompt
    secret = ""  # what the SMS gateway or the mail server last delivered
    proof = ""  # what this session was handed after the code: it stays with the session
    pending: Optional[flow.Input] = None
    while True:
        if pending is None:
            show(prompt)
            if prompt.is_final:
                return
            pending = ask(lines, prompt, secret, proof)
            if pending is None:
                print("(input ended)")
                return
        # One request: open the state, load the budgets the input spends, handle it, store
        # the budgets and the state back.
        recovery = flow.Flow.open(keys, row, portal=PORTAL)
        spend = {
            key: flow.Budget.open(keys, key, budgets[key]) if key in budgets else flow.Budget()
            for key in recovery.budget_keys(pending)
        }
        try:
            step = recovery.handle(pending, budgets=spend)
        except Error as e:
            print(f"  ✗ {e.code}: {e.message_ru}\n    {e.message_en}")
            if e.retry_after:
                secs = math.ceil(e.retry_after)  # whole seconds, rounded up
                print(f"    Подождите {secs} с. / Wait {secs} s.")
            pending = None
            continue
        pending = None
        for key, budget in spend.items():
            budgets[key] = budget.seal(keys, key)
        row = recovery.seal()
        prompt = step.prompt
        try:
            pending = carry_out(step.actions)
        except FlowError as e:
            print(f"  ✗ {e.code}: {e.message_ru}\n    {e.message_en}")
            return
        for action in step.actions:
            if isinstance(action, flow.SendSmsCode):
                secret = action.code
            elif isinstance(action, flow.SendEmailLink):
                secret = action.token
            elif isinstance(action, flow.HoldProof):
                proof = action.proof


def carry_out(actions: tuple[flow.Action, ...]) -> Optional[flow.Input]:
    """The host's side of a step; the answer to an account lookup, if there was one."""
    answer: Optional[flow.Input] = None
    for action in actions:
        if isinstance(action, flow.LookUpAccount):
            found = DIRECTORY.find(action)
            print(f"  [directory] lookup {action.login.masked} → {'found' if found else 'not found'}")
            answer = flow.AccountLookup(found)
        elif isinstance(action, flow.SendSmsCode):
            print(f"  [sms gateway] to {detect_login(action.phone).masked}: код {action.code}")
        elif isinstance(action, flow.SendEmailLink):
            print(f"  [mail] https://portal.example/recover?flow={action.flow_id}&token={action.token}")
        elif isinstance(action, flow.HoldProof):
            print("  [session] proof kept in this session's cookie, not in the flow's state")
        elif isinstance(action, flow.StorePasswordHash):
            if not DIRECTORY.store_hash(action):
                # The account moved on (a replay, or a change since the lookup): nothing more.
                raise flow.stale()
            print(f"  [directory] {action.account}: new hash {action.phc[:40]}… (version {DIRECTORY.version})")
        elif isinstance(action, flow.RevokeAllSessions):
            print(f"  [sessions] {action.account}: every session ended")
        elif isinstance(action, flow.NotifyPasswordChanged):
            print(f"  [notify] {action.account}: «Ваш пароль изменён»")
        elif isinstance(action, flow.Audit):
            print(f"  [audit] {action.event} {action.login or '-'}")
    return answer


if __name__ == "__main__":
    main()
