"""The failures every binding answers alike (tests/data/failures.tsv): each row is performed as
its `how` column says, and the exception must have the row's `code` and `python_class`.

Every row is performed: a row whose case this file does not know, a case of this file that the
table lacks, or a `how` that no longer says what the case does fails the test, so the table
and the test cannot drift apart. Also: an unknown name raises `UnknownName` listing the names."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, NamedTuple

import pytest

import restore_access as ra
from restore_access import codes, email, flow, password, phone, snils

from host import Host, Record

FAILURES = Path(__file__).resolve().parents[3] / "tests" / "data" / "failures.tsv"
KEYS = codes.Keys("k1", bytes(range(32)))
T0 = 1_800_000_000
PHONE, PASSPORT = "+79161234567", "45 08 123456"


class Row(NamedTuple):
    case: str
    code: str
    c_status: str
    python_class: str
    how: str


def table() -> list[Row]:
    lines = FAILURES.read_text(encoding="utf-8").splitlines()
    rows = [Row(*line.split("\t")) for line in lines if line and not line.startswith("#")]
    assert rows, f"{FAILURES} has no rows"
    return rows


def handle_fresh(f: flow.Flow, inp: flow.Input) -> flow.Step:
    """`Flow.handle` with a fresh budget for every key it names."""
    return f.handle(inp, now=T0, budgets={k: flow.Budget() for k in f.budget_keys(inp)})


def resend_at_once() -> None:
    host = Host(KEYS, "gosuslugi", [Record("acc-1", phone=PHONE, documents=(PASSPORT,))])
    host.start(T0)
    host.request(flow.Contact(PHONE), T0)
    host.request(flow.Document(PASSPORT), T0)
    assert isinstance(host.request(flow.HumanCheckPassed(), T0).prompt, flow.CodeSent)
    host.request(flow.Resend(), T0)


# Each case: what its `how` says, word for word, and what performs it.
CASES: dict[str, tuple[str, Callable[[], object]]] = {
    "snils_checksum": ('parse the СНИЛС "112-233-445 96"', lambda: snils.validate("112-233-445 96")),
    "phone_short": ('parse the phone "+7 916 123 456"', lambda: phone.validate("+7 916 123 456")),
    "email_address_literal": ('parse the e-mail "ivan@[127.0.0.1]"', lambda: email.validate("ivan@[127.0.0.1]")),
    "flow_contact_phone_short": (
        'start a Госуслуги flow, input Contact "+7 916 123 456"',
        lambda: handle_fresh(flow.Flow.gosuslugi(KEYS, now=T0), flow.Contact("+7 916 123 456")),
    ),
    "flow_code_at_start": (
        'start a Госуслуги flow, input Code "123456"',
        lambda: handle_fresh(flow.Flow.gosuslugi(KEYS, now=T0), flow.Code("123456")),
    ),
    "flow_open_garbage": (
        'open "garbage" as a sealed Госуслуги flow',
        lambda: flow.Flow.open(KEYS, "garbage", portal="gosuslugi"),
    ),
    "budget_open_garbage": (
        'open "garbage" as a sealed budget under the key "garbage"',
        lambda: flow.Budget.open(KEYS, "garbage", "garbage"),
    ),
    "record_open_garbage": (
        'open "garbage" as a sealed code record of flow "flow-1"',
        lambda: codes.CodeRecord.open(KEYS, "flow-1", "garbage"),
    ),
    "keys_short_secret": ('build keys with id "k1" and an 8-byte secret', lambda: codes.Keys("k1", bytes(8))),
    "password_malformed_hash": (
        'verify "Sharik1599+" against the stored hash "not-a-phc"',
        lambda: password.verify("Sharik1599+", "not-a-phc"),
    ),
    "flow_resend_too_soon": (
        "walk a Госуслуги flow to the code (account with a phone) and input Resend at once",
        resend_at_once,
    ),
}

ROWS = table()


def test_the_table_and_the_cases_agree() -> None:
    names = [r.case for r in ROWS]
    assert len(names) == len(set(names)), f"a case is listed twice in {FAILURES}"
    unknown = sorted(set(names) - set(CASES))
    assert not unknown, f"{FAILURES} has cases this test does not perform: {unknown}"
    missing = sorted(set(CASES) - set(names))
    assert not missing, f"this test performs cases {FAILURES} no longer lists: {missing}"


@pytest.mark.parametrize("row", ROWS, ids=[r.case for r in ROWS])
def test_every_failure_is_the_same_code_and_class(row: Row) -> None:
    if row.case not in CASES:
        pytest.fail(f"unknown case {row.case!r} in {FAILURES}: perform it here")
    how, perform = CASES[row.case]
    assert row.how == how, f"{row.case}: the table now says {row.how!r}; perform that"
    cls = getattr(ra, row.python_class, None)
    assert isinstance(cls, type) and issubclass(cls, ra.Error), f"{row.case}: no class {row.python_class}"
    with pytest.raises(ra.Error) as info:
        perform()
    e = info.value
    assert (e.code, type(e).__name__) == (row.code, row.python_class), repr(e)
    # The core's code, with its messages in both languages.
    assert e.message_ru == flow.message(e.code, "ru") and e.message_en == flow.message(e.code, "en")


UNKNOWN_NAMES: list[tuple[str, Callable[[], object], str]] = [
    ("portal", lambda: flow.Flow.open(KEYS, "x", portal="gosuslugi.ru"), "a portal is one of: gosuslugi, mosru"),  # type: ignore[arg-type]
    (
        "portal (after_signup_conflict)",
        lambda: flow.Flow.after_signup_conflict(KEYS, "112-233-445 95", portal="esia"),  # type: ignore[arg-type]
        "a portal is one of: gosuslugi, mosru",
    ),
    ("policy", lambda: password.check("Sharik1599+", "owasp"), "a password policy is one of: gosuslugi, nist"),  # type: ignore[arg-type]
    ("policy (hash)", lambda: password.hash("Sharik1599+", policy="owasp"), "a password policy is one of: gosuslugi, nist"),  # type: ignore[arg-type]
    ("lang", lambda: flow.message("flow.expired", "de"), "a language is one of: ru, en"),  # type: ignore[arg-type]
    (
        "purpose",
        lambda: codes.CodeRecord.issue_sms(KEYS, "flow-1", "login"),  # type: ignore[arg-type]
        "a purpose is one of: recovery, sign_up, contact_change, sign_in",
    ),
    ("channel", lambda: codes.limiter_key(KEYS, "send", "push", PHONE), "a channel is one of: sms, email"),  # type: ignore[arg-type]
    ("bucket", lambda: codes.limiter_key(KEYS, "sends", "sms", PHONE), "a bucket is one of:"),  # type: ignore[arg-type]
    (
        "rate preset",
        lambda: codes.Limiter().check("sms"),  # type: ignore[arg-type]
        "a rate preset is one of: sms_send, email_send, wrong_codes",
    ),
]


@pytest.mark.parametrize(("what", "call", "names"), UNKNOWN_NAMES, ids=[u[0] for u in UNKNOWN_NAMES])
def test_an_unknown_name_lists_the_names(what: str, call: Callable[[], object], names: str) -> None:
    with pytest.raises(ra.UnknownName) as info:
        call()
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, ra.Error)
    assert e.code == "name.unknown" and e.retry_after is None
    assert e.message_en == flow.message("name.unknown", "en") and e.message_ru == flow.message("name.unknown", "ru")
    assert names in e.description and names in str(e), f"{what}: {e}"
    assert str(e) == f"name.unknown: {e.description}"


def test_language_tags_are_read_by_the_core() -> None:
    assert flow.message("flow.expired", "EN") == flow.message("flow.expired", "en-GB") == flow.message("flow.expired", "en")  # type: ignore[arg-type]
    assert flow.message("flow.expired", "ru_RU") == flow.message("flow.expired")  # type: ignore[arg-type]


def test_retry_after_and_description_come_with_the_error() -> None:
    with pytest.raises(ra.FlowError) as info:
        resend_at_once()
    e = info.value
    assert e.retry_after is not None and e.retry_after > 0
    assert e.description.startswith(e.message_en) and "retry after" in e.description
    # An exception built by a host (no description) shows its English message.
    host_made = ra.FlowError("flow.stale", "ру", "en")
    assert str(host_made) == "flow.stale: en" and host_made.description == "en"
