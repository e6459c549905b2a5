"""A `str` holding a lone surrogate ('\\ud800', which json.loads('"\\\\ud800"') gives for web
input) has no UTF-8 form. Every public function of every module answers it as invalid input —
False, or the exception its documentation names — and never with UnicodeEncodeError.

The functions are found by introspection: every module reachable from `restore_access.__all__`,
every name in each module's `__all__`, every class's constructor and methods. A new function
or parameter therefore fails `test_every_str_parameter_is_covered` until it has a sample value
in SAMPLES and its answer is written down (EXPECT, or the identifier rule in `expected`)."""

from __future__ import annotations

import inspect
import json
import types
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional, Union

import pytest

import restore_access as ra
from restore_access import codes, email, flow, inn, passport, password, phone, snils

from host import Host, Record, proof_of

BAD = ("\ud800", "abc\udfff")
assert json.loads('"\\ud800"') == BAD[0]
KEYS = codes.Keys("k1", bytes(range(32)))
T0 = 1_800_000_000
PHONE, SNILS, PASSPORT, SURNAME = "+79161234567", "112-233-445 95", "45 08 123456", "Петров"

IDENTIFIERS = {snils: "snils", inn: "inn", passport: "passport", phone: "phone", email: "email"}


def modules() -> list[types.ModuleType]:
    found = [ra] + [m for m in (getattr(ra, n) for n in ra.__all__) if isinstance(m, types.ModuleType)]
    assert set(IDENTIFIERS) | {password, codes, flow} <= set(found)
    return found


def short(module: types.ModuleType) -> str:
    return "ra" if module is ra else module.__name__.removeprefix("restore_access.")


@dataclass(frozen=True)
class Target:
    """One public callable: `qualname` as `module.name` or `module.Class.method`."""

    qualname: str
    module: types.ModuleType
    function: Callable[..., Any]
    cls: Optional[type] = None  # an instance method of this class: called on INSTANCES[cls]()


def targets() -> Iterator[Target]:
    for module in modules():
        for name in module.__all__:
            obj = getattr(module, name)
            qual = f"{short(module)}.{name}"
            if isinstance(obj, types.ModuleType) or name == "__version__":
                continue
            if isinstance(obj, type) and issubclass(obj, BaseException):
                continue  # the exception classes, written in Python: they only hold their args
            if isinstance(obj, type):
                if getattr(obj, "__text_signature__", None) is not None:
                    yield Target(qual, module, obj)  # the constructor
                for attr, raw in vars(obj).items():
                    if attr.startswith("_"):
                        continue
                    if isinstance(raw, staticmethod):
                        yield Target(f"{qual}.{attr}", module, getattr(obj, attr))
                    elif callable(raw):
                        yield Target(f"{qual}.{attr}", module, getattr(obj, attr), obj)
            else:
                assert callable(obj), qual
                yield Target(qual, module, obj)


def parameters(t: Target) -> list[inspect.Parameter]:
    params = list(inspect.signature(t.function).parameters.values())
    return [p for p in params if p.name != "self"]


# A valid value for every parameter (qualified name first, then the bare name). A `str`, a list
# of `str` or a dict with `str` keys marks a parameter that takes text, which the test fills
# with each BAD string in turn.
SAMPLES: dict[str, Any] = {
    "s": "x",
    "items": ["x"],
    "internationalised": False,
    "special_use": False,
    "m_cost": None,
    "t_cost": None,
    "p_cost": None,
    "unambiguous": False,
    "password": "Sharik1599+",
    "policy": "gosuslugi",
    "login": "ivan",
    "email": "ivan@mail.ru",
    "phone": PHONE,
    "snils": SNILS,
    "first_name": "Иван",
    "surname": SURNAME,
    "birth_date": "1990-05-17",
    "previous_hash": "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
    "old_hash": "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
    "phc": "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
    "pepper": None,
    "id": "k2",
    "secret": bytes(range(1, 33)),
    "digits": 6,
    "bits": 256,
    "keys": KEYS,
    "bucket": "send",
    "channel": "sms",
    "identifier": PHONE,
    "flow_id": "flow-1",
    "purpose": "recovery",
    "now": T0,
    "ttl": None,
    "max_attempts": None,
    "typed": "000000",
    "sealed": "x",
    "rates": "sms_send",
    "key": "x",
    "portal": "gosuslugi",
    "input": flow.Contact(PHONE),
    "budgets": {"x": flow.Budget()},
    "credential_version": 0,
    "documents": [PASSPORT],
    "account": flow.Account("acc-1"),
    "proof": "x",
    "personal": None,
    "text": "x",
    "code": "x",
    "token": "x",
    "lang": "ru",
    "flow.Account.id": "acc-1",
    "password.Rule.id": "portal.name",
    "pattern": "(?i)gosuslugi",
    "message_ru": "Без названия портала.",
    "message_en": "Not the portal's name.",
    "forbid": True,
    "preset": "gosuslugi",
    "rules": [],
}


def sample(t: Target, p: inspect.Parameter) -> Any:
    for key in (f"{t.qualname}.{p.name}", p.name):
        if key in SAMPLES:
            return SAMPLES[key]
    pytest.fail(f"no sample value for parameter {p.name!r} of {t.qualname}: add one to SAMPLES")


def corrupted(value: Any, bad: str) -> Optional[Any]:
    """`value` with `bad` in place of its text, or None when it takes none."""
    if isinstance(value, str):
        return bad
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [bad]
    if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
        return {bad: v for v in value.values()}
    return None


INSTANCES: dict[type, Callable[[], Any]] = {
    codes.Keys: lambda: codes.Keys("k1", bytes(range(32))),
    codes.CodeRecord: lambda: codes.CodeRecord.issue_sms(KEYS, "flow-1")[0],  # now: the clock, as in call()
    codes.Limiter: codes.Limiter,
    flow.Flow: lambda: flow.Flow.gosuslugi(KEYS),
    flow.Budget: flow.Budget,
    password.Policy: lambda: password.Policy("gosuslugi"),
}


# What the answer is. `Returns(check)`: the call returns a value `check` accepts; `Raises(cls,
# code)`: it raises `cls` (with the stable `code`, for the package's own errors); `Holds()`: an
# input object, which keeps the str as given (`Flow.handle` answers it, see the flow tests).
@dataclass(frozen=True)
class Returns:
    check: Callable[[Any], bool]
    what: str


@dataclass(frozen=True)
class Raises:
    cls: type[BaseException]
    code: Optional[str] = None


@dataclass(frozen=True)
class Holds:
    pass


Answer = Union[Returns, Raises, Holds]
FALSE = Returns(lambda r: r is False, "False")
NOT_TEXT = Raises(ValueError)  # host data, which the core takes as it is: a plain ValueError
NOT_A_DATE = Raises(ValueError)  # a birth date that is no YYYY-MM-DD, as any other text


def report_refusing_it(r: Any) -> bool:
    return isinstance(r, password.Report) and not r.ok and "password.invalid_char" in r.codes


# Keyed by `qualname.parameter`.
EXPECT: dict[str, Answer] = {
    "ra.detect_login.s": Raises(ra.InvalidFormat, "login.format"),
    "ra.detect_document.s": Raises(ra.InvalidFormat, "document.format"),
    # password: never hashed; a stored hash that holds one is malformed; a policy unknown.
    "password.check.password": Returns(report_refusing_it, "a Report with password.invalid_char"),
    "password.check.policy": Raises(ra.UnknownName, "name.unknown"),
    "password.check.login": NOT_TEXT,
    "password.check.email": Raises(ra.InvalidFormat, "email.format"),
    "password.check.phone": Raises(ra.InvalidFormat, "phone.format"),
    "password.check.snils": Raises(ra.InvalidFormat, "snils.format"),
    "password.check.birth_date": NOT_A_DATE,
    "password.check.first_name": NOT_TEXT,
    "password.check.surname": NOT_TEXT,
    "password.check.previous_hash": Returns(lambda r: isinstance(r, password.Report), "a Report (no reuse found)"),
    "password.hash.password": Raises(ra.PasswordError, "password.invalid_char"),
    # A portal's rule: text that is not text is no id, pattern or message.
    "password.Rule.id": Raises(ra.PasswordError, "password.invalid_policy"),
    "password.Rule.pattern": Raises(ra.PasswordError, "password.invalid_policy"),
    "password.Rule.message_ru": Raises(ra.PasswordError, "password.invalid_policy"),
    "password.Rule.message_en": Raises(ra.PasswordError, "password.invalid_policy"),
    "password.Policy.preset": Raises(ra.UnknownName, "name.unknown"),
    "password.Policy.check.password": Returns(report_refusing_it, "a Report with password.invalid_char"),
    "password.Policy.check.login": NOT_TEXT,
    "password.Policy.check.email": Raises(ra.InvalidFormat, "email.format"),
    "password.Policy.check.phone": Raises(ra.InvalidFormat, "phone.format"),
    "password.Policy.check.snils": Raises(ra.InvalidFormat, "snils.format"),
    "password.Policy.check.birth_date": NOT_A_DATE,
    "password.Policy.check.first_name": NOT_TEXT,
    "password.Policy.check.surname": NOT_TEXT,
    "password.Policy.check.previous_hash": Returns(lambda r: isinstance(r, password.Report), "a Report (no reuse found)"),
    "password.hash.policy": Raises(ra.UnknownName, "name.unknown"),
    "password.verify.password": Raises(ra.PasswordError, "password.invalid_char"),
    "password.verify.phc": Raises(ra.PasswordError, "password.malformed_hash"),
    "password.verify.policy": Raises(ra.UnknownName, "name.unknown"),
    "password.needs_rehash.phc": Returns(lambda r: r is True, "True, as for any string that is not a PHC hash"),
    # codes: a wrong guess, a state that does not open, an unknown name; ids bound as given.
    "codes.Keys.id": Raises(ra.CodeError, "code.key_id"),
    "codes.Keys.rotate.id": Raises(ra.CodeError, "code.key_id"),
    "codes.Keys.retire.id": Returns(lambda r: r is None, "None, as for any id not in the ring"),
    "codes.limiter_key.bucket": Raises(ra.UnknownName, "name.unknown"),
    "codes.limiter_key.channel": Raises(ra.UnknownName, "name.unknown"),
    "codes.limiter_key.identifier": NOT_TEXT,
    "codes.CodeRecord.issue_sms.flow_id": NOT_TEXT,
    "codes.CodeRecord.issue_sms.purpose": Raises(ra.UnknownName, "name.unknown"),
    "codes.CodeRecord.issue_link.flow_id": NOT_TEXT,
    "codes.CodeRecord.issue_link.purpose": Raises(ra.UnknownName, "name.unknown"),
    "codes.CodeRecord.verify.flow_id": NOT_TEXT,
    "codes.CodeRecord.verify.typed": Raises(ra.CodeError, "code.wrong"),
    "codes.CodeRecord.verify.purpose": Raises(ra.UnknownName, "name.unknown"),
    "codes.CodeRecord.check.flow_id": NOT_TEXT,
    "codes.CodeRecord.check.typed": Raises(ra.CodeError, "code.wrong"),
    "codes.CodeRecord.check.purpose": Raises(ra.UnknownName, "name.unknown"),
    "codes.CodeRecord.seal.flow_id": NOT_TEXT,
    "codes.CodeRecord.open.flow_id": NOT_TEXT,
    "codes.CodeRecord.open.sealed": Raises(ra.CodeError, "code.state_invalid"),
    "codes.Limiter.check.rates": Raises(ra.UnknownName, "name.unknown"),
    "codes.Limiter.seal.key": Raises(ra.CodeError, "code.state_invalid"),
    "codes.Limiter.open.key": Raises(ra.CodeError, "code.state_invalid"),
    "codes.Limiter.open.sealed": Raises(ra.CodeError, "code.state_invalid"),
    # flow: inputs hold it and the flow answers it; accounts validate what they hold.
    "flow.Flow.after_signup_conflict.snils": Raises(ra.InvalidFormat, "snils.format"),
    "flow.Flow.after_signup_conflict.portal": Raises(ra.UnknownName, "name.unknown"),
    "flow.Flow.open.sealed": Raises(ra.FlowError, "flow.state_invalid"),
    "flow.Flow.open.portal": Raises(ra.UnknownName, "name.unknown"),
    "flow.Flow.handle.budgets": Raises(ra.FlowError, "flow.state_invalid"),
    "flow.Budget.seal.key": Raises(ra.FlowError, "flow.state_invalid"),
    "flow.Budget.open.key": Raises(ra.FlowError, "flow.state_invalid"),
    "flow.Budget.open.sealed": Raises(ra.FlowError, "flow.state_invalid"),
    "flow.Account.id": Raises(ra.FlowError, "flow.account_id"),
    "flow.Account.phone": Raises(ra.InvalidFormat, "phone.format"),
    "flow.Account.email": Raises(ra.InvalidFormat, "email.format"),
    "flow.Account.surname": Raises(ra.InvalidFormat, "surname.format"),
    "flow.Account.documents": Raises(ra.InvalidFormat, "document.format"),
    "flow.PersonalData.login": NOT_TEXT,
    "flow.PersonalData.email": Raises(ra.InvalidFormat, "email.format"),
    "flow.PersonalData.phone": Raises(ra.InvalidFormat, "phone.format"),
    "flow.PersonalData.snils": Raises(ra.InvalidFormat, "snils.format"),
    "flow.PersonalData.birth_date": NOT_A_DATE,
    "flow.PersonalData.first_name": NOT_TEXT,
    "flow.PersonalData.surname": NOT_TEXT,
    "flow.PersonalData.old_hash": Returns(lambda r: isinstance(r, flow.PersonalData), "PersonalData (a hash that is no PHC string)"),
    "flow.Contact.text": Holds(),
    "flow.LoginAndSurname.login": Holds(),
    "flow.LoginAndSurname.surname": Holds(),
    "flow.Document.text": Holds(),
    "flow.Code.code": Holds(),
    "flow.LinkOpened.token": Holds(),
    "flow.NewPassword.password": Holds(),
    "flow.NewPassword.proof": Holds(),
    "flow.message.code": Returns(lambda r: r is None, "None, as for an unknown code"),
    "flow.message.lang": Raises(ra.UnknownName, "name.unknown"),
}


def expected(t: Target, p: inspect.Parameter) -> Answer:
    """The identifier modules by their rule (the predicates False, the rest `<id>.format`);
    everything else as EXPECT writes it down."""
    key = f"{t.qualname}.{p.name}"
    if t.module in IDENTIFIERS and p.name in ("s", "items"):
        name = t.qualname.split(".")[-1]
        if name == "is_valid":
            return FALSE
        if name == "is_valid_many":
            return Returns(lambda r: r == [False], "[False]")
        return Raises(ra.InvalidFormat, f"{IDENTIFIERS[t.module]}.format")
    if key not in EXPECT:
        pytest.fail(f"{key} takes a str: write down in EXPECT what it answers for a lone surrogate")
    return EXPECT[key]


def cases() -> Iterator[tuple[str, Target, str, Any]]:
    for t in targets():
        params = parameters(t)
        for p in params:
            value = sample(t, p)
            for bad in BAD:
                c = corrupted(value, bad)
                if c is not None:
                    yield f"{t.qualname}.{p.name}[{bad!a}]", t, p.name, c


CASES = list(cases())


def test_every_str_parameter_is_covered() -> None:
    covered = {f"{t.qualname}.{name}" for _, t, name, _ in CASES}
    for key in EXPECT:
        assert key in covered, f"EXPECT names {key}, which is not a str parameter of a public function"
    # The new functions of issue 13 are among those found.
    for key in ["phone.is_mobile.s", "phone.pretty.s", "email.key.s", "email.ascii.s", "snils.is_valid_many.items"]:
        assert key in covered
    assert len(covered) >= 90  # introspection found them (99 when written)


def call(t: Target, name: str, value: Any) -> Any:
    kwargs = {}
    for p in parameters(t):
        if p.name == name:
            kwargs[p.name] = value
        elif p.default is inspect.Parameter.empty:
            kwargs[p.name] = sample(t, p)
    function = t.function
    if t.cls is not None:
        if t.cls not in INSTANCES:
            pytest.fail(f"{t.qualname} is a method of {t.cls.__name__}: add an instance to INSTANCES")
        function = getattr(INSTANCES[t.cls](), t.qualname.split(".")[-1])
    return function(**kwargs)


def assert_coded(e: ra.Error, code: str) -> None:
    assert e.code == code, e
    # The code is the core's, with its message in both languages.
    assert e.message_ru == flow.message(code, "ru") and e.message_en == flow.message(code, "en")
    assert e.message_ru != e.message_en


@pytest.mark.parametrize(("label", "t", "name", "value"), CASES, ids=[c[0] for c in CASES])
def test_a_lone_surrogate_is_invalid_input(label: str, t: Target, name: str, value: Any) -> None:
    answer = expected(t, next(p for p in parameters(t) if p.name == name))
    try:
        result = call(t, name, value)
    except UnicodeError as e:  # what this test is about
        pytest.fail(f"{label} raised {type(e).__name__}: {e}")
    except Exception as e:
        if not isinstance(answer, Raises):
            raise
        assert isinstance(e, answer.cls), f"{label}: {e!r} is not {answer.cls.__name__}"
        if isinstance(e, ra.Error):
            assert answer.code is not None, f"{label}: {e!r}"
            assert_coded(e, answer.code)
        else:
            assert answer.code is None and type(e) in (ValueError, TypeError), f"{label}: {e!r}"
            assert "codec" not in str(e)
            if answer is NOT_TEXT:
                assert str(e).startswith(f"{name} is not text"), e
        return
    if isinstance(answer, Raises):
        pytest.fail(f"{label} returned {result!r}, expected {answer.cls.__name__} {answer.code or ''}")
    if isinstance(answer, Holds):
        assert getattr(result, name) == value  # as given; Flow.handle reads it
    else:
        assert answer.check(result), f"{label} returned {result!r}, expected {answer.what}"


@pytest.mark.parametrize("module", list(IDENTIFIERS))
def test_batches_answer_false_for_the_item(module: types.ModuleType) -> None:
    valid = {snils: SNILS, inn: "500100732259", passport: PASSPORT, phone: PHONE, email: "ivan@почта.рф"}[module]
    items = [valid, BAD[0], BAD[1], valid + BAD[0], "", valid]
    want = [True, False, False, False, False, True]
    assert [module.is_valid(s) for s in items] == want
    assert module.is_valid_many(items) == want
    assert module.is_valid_many(tuple(items)) == want
    assert module.is_valid_many(iter(items)) == want
    assert module.is_valid_many(["\0".join([valid, BAD[0]]), valid]) == [False, True]


def test_email_options_answer_alike() -> None:
    for bad in BAD:
        assert not email.is_valid(bad + "@почта.рф", internationalised=True)
        assert email.is_valid_many([bad, "иван@почта.рф"], internationalised=True) == [False, True]
        for f in (email.compact, email.validate, email.format, email.key, email.ascii):
            with pytest.raises(ra.InvalidFormat) as info:
                f("иван" + bad + "@почта.рф", internationalised=True)
            assert_coded(info.value, "email.format")


def test_a_surrogate_pair_written_as_two_code_points_is_not_text_either() -> None:
    pair = "\ud83d\ude00"  # two lone surrogates of a str, not the emoji
    assert not email.is_valid(pair + "@mail.ru")
    with pytest.raises(ra.PasswordError):
        password.hash("Sharik1599+" + pair)


# The flow: an input holds the str as given, and `handle` answers it as it answers a wrong value
# of the same kind, so a host's code path is the one it has for a typo.


def victim() -> Record:
    return Record("acc-1", phone=PHONE, email="ivan.petrov@mail.ru", surname=SURNAME, documents=(PASSPORT, SNILS), version=7)


def outcome(host: Host, inp: flow.Input, now: int) -> tuple[Any, ...]:
    """What one request answers, as a host sees it: the error's class and code, or the prompt,
    what it rejected and the attempts left; and whether the state changed."""
    before = host.row
    try:
        step = host.request(inp, now)
    except ra.Error as e:
        assert host.row == before  # on error the flow does not change
        return (type(e), e.code)
    p = step.prompt
    return (type(p), getattr(p, "rejected", None), getattr(p, "attempts_left", None))


def same_answer(host: Host, bad: flow.Input, wrong: flow.Input, now: int) -> tuple[Any, ...]:
    row, budgets = host.row, dict(host.budgets)
    a = outcome(host, bad, now)
    host.row, host.budgets = row, budgets
    b = outcome(host, wrong, now)
    assert a == b, (a, b)
    return a


@pytest.mark.parametrize("bad", BAD)
def test_the_flow_answers_typed_fields_as_typos(bad: str) -> None:
    host = Host(KEYS, "gosuslugi", [victim()])
    host.start(T0)
    assert same_answer(host, flow.Contact(bad), flow.Contact("hello"), T0) == (ra.InvalidFormat, "login.format")
    # Beside a valid contact, as beside any other symbol: never the contact without it.
    for contact in (PHONE, "ivan.petrov@mail.ru", SNILS):
        assert same_answer(host, flow.Contact(contact + bad), flow.Contact(contact + "☺"), T0)[0] is ra.InvalidFormat
    host.request(flow.Contact(PHONE), T0)
    assert same_answer(host, flow.Document(bad), flow.Document("hello"), T0) == (ra.InvalidFormat, "document.format")
    mosru = Host(KEYS, "mosru", [victim()])
    mosru.start(T0)
    assert same_answer(mosru, flow.LoginAndSurname(bad, SURNAME), flow.LoginAndSurname("hello", SURNAME), T0) == (
        ra.InvalidFormat,
        "login.format",
    )
    assert same_answer(mosru, flow.LoginAndSurname(PHONE, bad), flow.LoginAndSurname(PHONE, "!"), T0) == (
        ra.InvalidFormat,
        "surname.format",
    )


def to_code_step(host: Host, contact: str) -> None:
    host.start(T0)
    host.request(flow.Contact(contact), T0)
    host.request(flow.Document(PASSPORT), T0)
    step = host.request(flow.HumanCheckPassed(), T0)
    assert isinstance(step.prompt, flow.CodeSent)


@pytest.mark.parametrize("bad", BAD)
def test_the_flow_answers_a_code_or_token_as_a_wrong_guess(bad: str) -> None:
    host = Host(KEYS, "gosuslugi", [victim()])
    to_code_step(host, PHONE)
    answer = same_answer(host, flow.Code(bad), flow.Code("000000" if host.sent[-1] != "000000" else "111111"), T0 + 1)
    assert answer[:2] == (flow.CodeSent, "code.wrong")
    by_mail = Host(KEYS, "gosuslugi", [victim()])
    to_code_step(by_mail, "ivan.petrov@mail.ru")
    same_answer(by_mail, flow.LinkOpened(bad), flow.LinkOpened(codes.link_token()), T0 + 1)
    # The person can still go on with the right code.
    assert isinstance(host.request(flow.Code(host.sent[-1]), T0 + 2).prompt, flow.ChoosePassword)


@pytest.mark.parametrize("bad", BAD)
def test_the_flow_refuses_a_new_password_that_is_not_text(bad: str) -> None:
    host = Host(KEYS, "gosuslugi", [victim()])
    to_code_step(host, PHONE)
    proof = proof_of(host.request(flow.Code(host.sent[-1]), T0 + 1))
    assert same_answer(host, flow.NewPassword("Sharik1599+", bad), flow.NewPassword("Sharik1599+", "x"), T0 + 2) == (
        ra.FlowError,
        "flow.proof_invalid",
    )
    assert outcome(host, flow.NewPassword("Sharik1599+" + bad, proof), T0 + 2) == (ra.PasswordError, "password.invalid_char")
    assert host.records[0].changes == 0
    assert isinstance(host.request(flow.NewPassword("Sharik1599+", proof), T0 + 3).prompt, flow.Done)
    assert host.records[0].changes == 1
