"""The flow's security properties as a Python host meets them (SECURITY.md 1, 7, 20, 21, 22, 24):
only the session that proved itself sets the password, sealed values cannot be forged or
moved, known and unknown accounts seal alike, a replayed state cannot change a password twice,
and budgets belong to the person across flows and spellings."""

from __future__ import annotations

import types
from typing import Callable

import pytest

import restore_access as ra
from restore_access import codes, flow, password

from host import Host, Portal, Record, proof_of, store_of

KEYS = codes.Keys("k1", bytes(range(32)))
T0 = 1_800_000_000
PORTALS: list[Portal] = ["gosuslugi", "mosru"]
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

PHONE, EMAIL, SNILS, PASSPORT, SURNAME = "+79161234567", "ivan.petrov@mail.ru", "112-233-445 95", "45 08 123456", "Петров"
LOGINS = {"sms": "8 (916) 123-45-67", "email": "ivan.petrov@MAIL.ru", "snils": "112 233 445 95"}


def victim_record() -> Record:
    return Record("acc-1", phone=PHONE, email=EMAIL, surname=SURNAME, documents=(PASSPORT, SNILS), version=7)


def to_code_step(host: Host, login: str, now: int, *, document: str = PASSPORT, surname: str = SURNAME) -> list[flow.Step]:
    """Starts a flow and walks it to the code step; every step on the way."""
    host.start(now)
    if host.portal == "gosuslugi":
        steps = [host.request(flow.Contact(login), now), host.request(flow.Document(document), now)]
        steps.append(host.request(flow.HumanCheckPassed(), now))
    else:
        steps = [host.request(flow.LoginAndSurname(login, surname), now)]
    assert isinstance(steps[-1].prompt, flow.CodeSent)
    return steps


def answer(channel: str, secret: str) -> flow.Input:
    return flow.Code(secret) if channel == "sms" else flow.LinkOpened(secret)


def flow_error(code: str, call: Callable[[], object]) -> ra.FlowError:
    with pytest.raises(ra.FlowError) as info:
        call()
    assert info.value.code == code, info.value
    assert isinstance(info.value, ValueError)
    return info.value


# (a) SECURITY 20: the mail-scanner attack, on both portals and both channels.


@pytest.mark.parametrize("channel", ["sms", "email"])
@pytest.mark.parametrize("portal", PORTALS)
def test_holding_the_state_is_not_enough_to_set_the_password(portal: Portal, channel: str) -> None:
    host = Host(KEYS, portal, [victim_record()])
    to_code_step(host, LOGINS[channel], T0)
    secret = host.sent[-1]
    sealed = host.row
    attacker = flow.Flow.open(KEYS, sealed, portal=portal)
    victim = flow.Flow.open(KEYS, sealed, portal=portal)
    if channel == "email":
        # The mail scanner opens the link first: that consumes nothing, and the scanner's
        # session, not the person's, would be handed the proof.
        scanned = host.request(flow.LinkOpened(secret), T0 + 10)
        assert proof_of(scanned) == secret and isinstance(scanned.prompt, flow.ChoosePassword)
        victim = host.open()
    # The victim opens the link (again) or types the SMS code, in its own session.
    inp = answer(channel, secret)
    budgets = {k: flow.Budget() for k in victim.budget_keys(inp)}
    step = victim.handle(inp, now=T0 + 20, budgets=budgets)
    assert isinstance(step.prompt, flow.ChoosePassword)
    proof = proof_of(step)
    host.row = victim.seal()  # the shared row the attacker reads too

    # The attacker's copy from before the code is not even at the password step.
    flow_error("flow.unexpected_input", lambda: attacker.handle(flow.NewPassword("Attack1599+", proof), now=T0 + 30))
    # With the state as it is now, no proof, a made-up one, the SMS code itself, or the
    # victim's proof from another flow of the same account all fail.
    attacker = host.open()
    made_up = ["", codes.link_token(), codes.link_token(128), secret + "x", proof[:-1]]
    if channel == "sms":
        made_up.append(secret)  # the grant is not the code: whoever saw the SMS still needs it
    for guess in made_up:
        flow_error("flow.proof_invalid", lambda: attacker.handle(flow.NewPassword("Attack1599+", guess), now=T0 + 30))
    assert isinstance(attacker.prompt, flow.ChoosePassword)
    other = Host(KEYS, portal, [victim_record()], budgets=host.budgets)
    to_code_step(other, LOGINS[channel], T0 + 120)
    other_proof = proof_of(other.request(answer(channel, other.sent[-1]), T0 + 125))
    flow_error("flow.proof_invalid", lambda: attacker.handle(flow.NewPassword("Attack1599+", other_proof), now=T0 + 130))
    assert host.records[0].changes == 0

    # The victim, with the proof it was handed, sets the password, by compare-and-set on the
    # version the lookup saw.
    done = host.request(flow.NewPassword("Sharik1599+", proof), T0 + 40)
    assert isinstance(done.prompt, flow.Done)
    store = store_of(done)
    assert (store.account, store.expected_version) == ("acc-1", 7)
    (record,) = host.records
    assert (record.version, record.changes) == (8, 1) and record.phc and password.verify("Sharik1599+", record.phc)
    # The proof is used up where the password is set.
    flow_error("flow.unexpected_input", lambda: host.request(flow.NewPassword("Other1599+!", proof), T0 + 50))


def test_a_wrong_password_does_not_use_the_proof_up() -> None:
    host = Host(KEYS, "gosuslugi", [victim_record()])
    to_code_step(host, LOGINS["sms"], T0)
    proof = proof_of(host.request(flow.Code(host.sent[-1]), T0))
    step = host.request(flow.NewPassword("qwerty", proof), T0 + 1)
    assert isinstance(step.prompt, flow.ChoosePassword) and step.prompt.violations
    assert isinstance(host.request(flow.NewPassword("Sharik1599+", proof), T0 + 2).prompt, flow.Done)


def test_a_stateless_host_checks_the_password_against_the_account_it_sets() -> None:
    host = Host(KEYS, "gosuslugi", [victim_record()])
    to_code_step(host, LOGINS["sms"], T0)
    assert host.open().account_id is None
    proof = proof_of(host.request(flow.Code(host.sent[-1]), T0))
    account_id = host.open().account_id
    assert account_id == "acc-1"
    (record,) = [r for r in host.records if r.id == account_id]
    personal = flow.PersonalData.from_account(record.account())
    step = host.request(flow.NewPassword("Petrov1599+", proof, personal), T0 + 1)
    assert isinstance(step.prompt, flow.ChoosePassword)
    assert "password.contains_surname" in step.prompt.violations


def test_the_grant_after_an_sms_code_expires() -> None:
    host = Host(KEYS, "mosru", [victim_record()])
    to_code_step(host, LOGINS["sms"], T0)
    proof = proof_of(host.request(flow.Code(host.sent[-1]), T0))
    flow_error("flow.proof_invalid", lambda: host.request(flow.NewPassword("Sharik1599+", proof), T0 + 15 * 60))
    assert isinstance(host.request(flow.NewPassword("Sharik1599+", proof), T0 + 15 * 60 - 1).prompt, flow.Done)


# (b) SECURITY 21: a sealed state opens only as it was sealed.


@pytest.mark.parametrize("portal", PORTALS)
def test_a_changed_truncated_or_moved_state_does_not_open(portal: Portal) -> None:
    host = Host(KEYS, portal, [victim_record()])
    to_code_step(host, LOGINS["sms"], T0)
    host.request(flow.Code(host.sent[-1]), T0)  # the state worth forging: the password step
    sealed = host.row
    assert isinstance(flow.Flow.open(KEYS, sealed, portal=portal).prompt, flow.ChoosePassword)
    assert set(sealed) <= set(B64URL)

    def refused(text: str, keys: codes.Keys = KEYS, as_portal: Portal = portal) -> None:
        flow_error("flow.state_invalid", lambda: flow.Flow.open(keys, text, portal=as_portal))

    for i, c in enumerate(sealed):  # every character, each changed to another valid one
        refused(sealed[:i] + B64URL[(B64URL.index(c) + 1 + i % 63) % 64] + sealed[i + 1 :])
    for cut in [1, 2, 3, 4, len(sealed) // 2, len(sealed) - 1]:
        refused(sealed[:-cut])
    for junk in ["", "A", "=", sealed + "A", sealed + "AAAA", sealed * 2, "{}", "+" + sealed[1:], " " + sealed]:
        refused(junk)
    refused(sealed, as_portal="mosru" if portal == "gosuslugi" else "gosuslugi")
    refused(sealed, keys=codes.Keys("k1", bytes(range(1, 33))))  # same id, another secret
    refused(sealed, keys=codes.Keys("k2", bytes(range(32))))  # same secret, another id
    ring = codes.Keys("k1", bytes(range(32)))
    ring.rotate("k2", bytes(range(2, 34)))
    assert isinstance(flow.Flow.open(ring, sealed, portal=portal).prompt, flow.ChoosePassword)
    ring.retire("k1")
    refused(sealed, keys=ring)
    # Every failure is the same error: nothing tells a flipped bit from a wrong portal.
    messages = set()
    for text, as_portal in [(sealed[:-1], portal), (sealed, "mosru" if portal == "gosuslugi" else "gosuslugi")]:
        e = flow_error("flow.state_invalid", lambda: flow.Flow.open(KEYS, text, portal=as_portal))
        messages.add((e.message_ru, e.message_en, e.retry_after))
    assert len(messages) == 1


def test_budgets_and_records_open_only_where_they_were_sealed() -> None:
    host = Host(KEYS, "gosuslugi", [victim_record()])
    to_code_step(host, LOGINS["sms"], T0)
    key = next(iter(host.budgets))
    sealed = host.budgets[key]
    budget = flow.Budget.open(KEYS, key, sealed)
    assert budget.idle_at > T0 and flow.Budget().idle_at == 0
    assert budget.to_json() == flow.Budget.open(KEYS, key, budget.seal(KEYS, key)).to_json()
    other_key = flow.Flow.gosuslugi(KEYS, now=T0)
    other_key.handle(flow.Contact("+79031234567"), now=T0)
    other_key.handle(flow.Document(PASSPORT), now=T0)
    other_key.handle(flow.AccountLookup(None), now=T0)
    stranger = other_key.budget_keys(flow.HumanCheckPassed())[0]
    assert stranger not in host.budgets
    for text, k in [(sealed, stranger), (sealed[:-1], key), (sealed[:5] + ("A" if sealed[5] != "A" else "B") + sealed[6:], key), ("", key), (host.row, key)]:
        flow_error("flow.state_invalid", lambda: flow.Budget.open(KEYS, k, text))
    flow_error("flow.state_invalid", lambda: flow.Budget.open(codes.Keys("k9", bytes(32)), key, sealed))
    for bad_key in ["", "nope", key + "A", key[:-1] + "!"]:
        flow_error("flow.state_invalid", lambda: flow.Budget().seal(KEYS, bad_key))
    # A sealed flow is not a budget, a code record or a limiter, and the other way round.
    flow_error("flow.state_invalid", lambda: flow.Flow.open(KEYS, sealed, portal="gosuslugi"))
    record, _ = codes.CodeRecord.issue_sms(KEYS, "flow-x", now=T0)
    with pytest.raises(ra.CodeError) as info:
        codes.CodeRecord.open(KEYS, "flow-x", sealed)
    assert info.value.code == "code.state_invalid" and isinstance(info.value, ValueError)
    limiter_key = codes.limiter_key(KEYS, "send", "sms", PHONE)
    for text in [record.seal(KEYS, "flow-x"), sealed]:
        with pytest.raises(ra.CodeError) as info:
            codes.Limiter.open(KEYS, limiter_key, text)
        assert info.value.code == "code.state_invalid"
    limiter = codes.Limiter()
    limiter.check("sms_send", now=T0)
    # Another identifier's, bucket's or channel's limiter key does not open it.
    others = [
        codes.limiter_key(KEYS, "send", "sms", "+79031234567"),
        codes.limiter_key(KEYS, "wrong_code", "sms", PHONE),
        codes.limiter_key(KEYS, "send", "email", PHONE),
    ]
    for other in others:
        with pytest.raises(ra.CodeError) as info:
            codes.Limiter.open(KEYS, other, limiter.seal(KEYS, limiter_key))
        assert info.value.code == "code.state_invalid"
    assert codes.Limiter.open(KEYS, limiter_key, limiter.seal(KEYS, limiter_key)).idle_at == limiter.idle_at


# (c) SECURITY 1 and 21: a known and an unknown account seal alike.


CASES = [
    # portal, login, what the directory holds: the account matches, or does not exist / match
    ("gosuslugi", LOGINS["sms"], "+79031234567", {}),
    ("gosuslugi", LOGINS["email"], "someone.else@mail.ru", {}),
    ("gosuslugi", LOGINS["snils"], "112 233 445 95", {"document": "4508 654321"}),
    ("mosru", LOGINS["sms"], "+79031234567", {}),
    ("mosru", LOGINS["email"], EMAIL, {"surname": "Сидоров"}),
    ("mosru", LOGINS["snils"], "087-654-303 00", {}),
]


@pytest.mark.parametrize(("portal", "login", "unknown", "other"), CASES)
def test_known_and_unknown_accounts_seal_to_one_length(portal: Portal, login: str, unknown: str, other: dict[str, str]) -> None:
    known_host = Host(KEYS, portal, [victim_record()])
    unknown_host = Host(KEYS, portal, [victim_record()])
    lengths: set[int] = set()
    known = to_code_step(known_host, login, T0)
    lengths.add(len(known_host.row))
    unknown_steps = to_code_step(unknown_host, unknown if not other else login, T0, **other)
    lengths.add(len(unknown_host.row))
    assert known_host.sent and not unknown_host.sent  # a real code went out to the known only
    assert [repr(s.prompt) for s in known] == [repr(s.prompt) for s in unknown_steps]
    # The next inputs: the same number of budgets, and again the same length and prompt.
    wrong = flow.Code("00000000")
    k, u = known_host.open(), unknown_host.open()
    assert len(k.budget_keys(wrong)) == len(u.budget_keys(wrong))
    assert repr(known_host.request(wrong, T0 + 1).prompt) == repr(unknown_host.request(wrong, T0 + 1).prompt)
    lengths |= {len(known_host.row), len(unknown_host.row), len(flow.Flow.gosuslugi(KEYS, now=T0).seal())}
    assert len(lengths) == 1, lengths


def test_one_length_at_every_step_to_the_end() -> None:
    host = Host(KEYS, "gosuslugi", [victim_record()])
    lengths = {len(host.start(T0).seal())}
    host.request(flow.Contact(LOGINS["sms"]), T0)
    lengths.add(len(host.row))
    host.request(flow.Document(PASSPORT), T0)
    lengths.add(len(host.row))
    host.request(flow.HumanCheckPassed(), T0)
    lengths.add(len(host.row))
    proof = proof_of(host.request(flow.Code(host.sent[-1]), T0))
    lengths.add(len(host.row))
    host.request(flow.NewPassword("Sharik1599+", proof), T0)
    lengths.add(len(host.row))
    escalated = Host(KEYS, "mosru")
    escalated.start(T0)
    escalated.request(flow.NoAccessToContacts(), T0)
    lengths.add(len(escalated.row))
    assert len(lengths) == 1, lengths


# (d) SECURITY 22: a replayed state cannot change the password twice.


@pytest.mark.parametrize(("portal", "channel"), [("gosuslugi", "sms"), ("mosru", "email")])
def test_a_replayed_state_cannot_change_the_password_twice(portal: Portal, channel: str) -> None:
    host = Host(KEYS, portal, [victim_record()])
    to_code_step(host, LOGINS[channel], T0)
    at_code = host.row
    secret = host.sent[-1]
    proof = proof_of(host.request(answer(channel, secret), T0 + 5))
    at_password = host.row
    done = host.request(flow.NewPassword("Sharik1599+", proof), T0 + 10)
    assert store_of(done).expected_version == 7
    (record,) = host.records
    first = record.phc
    assert (record.version, record.changes) == (8, 1)

    # Replaying the state from the password step with the same proof: the flow cannot know
    # the password was set, so it asks for the old version, and the compare-and-set refuses.
    replay = host.open(at_password)
    step = replay.handle(flow.NewPassword("koloBok_15!", proof), now=T0 + 20)
    store = store_of(step)
    assert store.expected_version == 7 != record.version
    flow_error("flow.stale", lambda: host.store(store))
    # From the code step: the same code or link once more, a new proof, the same answer.
    flow_error("flow.stale", lambda: host.request(flow.NewPassword("koloBok_15!", proof_of(host.request(answer(channel, secret), T0 + 30, sealed=at_code))), T0 + 31))
    assert (record.version, record.changes, record.phc) == (8, 1, first)
    assert first and password.verify("Sharik1599+", first) and not password.verify("koloBok_15!", first)


def test_a_password_changed_since_the_lookup_is_not_overwritten() -> None:
    host = Host(KEYS, "gosuslugi", [victim_record()])
    to_code_step(host, LOGINS["sms"], T0)
    proof = proof_of(host.request(flow.Code(host.sent[-1]), T0))
    host.records[0].version += 1  # the person changed the password in the settings meanwhile
    flow_error("flow.stale", lambda: host.request(flow.NewPassword("Sharik1599+", proof), T0))
    assert host.records[0].changes == 0


def test_the_credential_version_is_carried_as_given() -> None:
    for version in [0, 2**63, 2**64 - 1]:
        record = victim_record()
        record.version = version
        host = Host(KEYS, "mosru", [record])
        to_code_step(host, LOGINS["sms"], T0)
        proof = proof_of(host.request(flow.Code(host.sent[-1]), T0))
        f = host.open()
        assert store_of(f.handle(flow.NewPassword("Sharik1599+", proof), now=T0)).expected_version == version
    assert flow.Account("a").credential_version == 0
    with pytest.raises(OverflowError):
        flow.Account("a", credential_version=-1)
    with pytest.raises(OverflowError):
        flow.Account("a", credential_version=2**64)


# Budgets (SECURITY 7, 24): the host's, by key, across flows and spellings.


def test_budgets_are_passed_by_key_and_updated_in_place() -> None:
    f = flow.Flow.gosuslugi(KEYS, now=T0)
    f.handle(flow.Contact("+7 916 123-45-67"), now=T0)
    f.handle(flow.Document(PASSPORT), now=T0)
    f.handle(flow.AccountLookup(victim_record().account()), now=T0)
    passed = flow.HumanCheckPassed()
    keys = f.budget_keys(passed)
    before = f.seal()
    flow_error("flow.budget_missing", lambda: f.handle(passed, now=T0))
    flow_error("flow.budget_missing", lambda: f.handle(passed, now=T0, budgets={}))
    stranger = flow.Flow.gosuslugi(KEYS, now=T0)
    stranger.handle(flow.Contact("+79031234567"), now=T0)
    stranger.handle(flow.Document(PASSPORT), now=T0)
    stranger.handle(flow.AccountLookup(None), now=T0)
    other = stranger.budget_keys(passed)[0]
    assert other not in keys
    flow_error("flow.budget_missing", lambda: f.handle(passed, now=T0, budgets={other: flow.Budget()}))
    for present in keys:  # each key needed: one alone is not enough where two are named
        if len(keys) > 1:
            flow_error("flow.budget_missing", lambda: f.handle(passed, now=T0, budgets={present: flow.Budget()}))
    flow_error("flow.state_invalid", lambda: f.handle(passed, now=T0, budgets={"not a key": flow.Budget()}))
    with pytest.raises(TypeError):
        f.handle(passed, now=T0, budgets={keys[0]: "sealed"})  # type: ignore[dict-item]
    assert isinstance(f.prompt, flow.HumanCheck) and flow.Flow.open(KEYS, before, portal="gosuslugi").prompt.code == f.prompt.code
    mine, spare = [flow.Budget() for _ in keys], flow.Budget()
    budgets = {**dict(zip(keys, mine)), other: spare}
    step = f.handle(passed, now=T0, budgets=types.MappingProxyType(budgets))  # any mapping
    assert isinstance(step.prompt, flow.CodeSent)
    assert [budgets[k] for k in keys] == mine and spare.idle_at == 0  # the same objects, spent
    assert all(b.idle_at > T0 for b in mine)
    spent = [b.to_json() for b in mine]
    # On an error the budgets do not change either.
    flow_error("flow.resend_too_soon", lambda: f.handle(flow.Resend(), now=T0 + 1, budgets=budgets))
    assert [b.to_json() for b in mine] == spent


def test_one_budget_for_every_spelling_and_every_flow() -> None:
    host = Host(KEYS, "gosuslugi", [victim_record()])
    spellings = ["8 (916) 123-45-67", "+7 916 1234567", "79161234567", "9161234567", "8-916-123-45-67"]
    for minute, spelling in enumerate(spellings):  # five sends an hour, one a minute
        to_code_step(host, spelling, T0 + 60 * minute)
        if minute == 0:
            one_flow = set(host.budgets)
    assert set(host.budgets) == one_flow and len(host.sent) == 5
    e = flow_error("flow.send_limited", lambda: to_code_step(host, "+79161234567", T0 + 300))
    assert e.retry_after and e.retry_after > 0
    # A budget the host lost (or never loaded) is a fresh one: that is why it must keep them.
    host.budgets.clear()
    to_code_step(host, "+79161234567", T0 + 300)


def test_too_many_wrong_codes_lock_every_flow_of_the_login() -> None:
    host = Host(KEYS, "mosru", [victim_record()])
    to_code_step(host, LOGINS["sms"], T0)
    code = host.sent[-1]
    wrong = [c for c in ("000000", "111111", "222222", "333333", "444444", "555555") if c != code][:5]
    for guess in wrong:
        step = host.request(flow.Code(guess), T0 + 1)
    assert isinstance(step.prompt, flow.Locked) and step.prompt.retry_at == T0 + 1 + 3600
    e = flow_error("flow.locked", lambda: to_code_step(host, "+7 916 123 45 67", T0 + 120))
    assert e.retry_after is not None and 0 < e.retry_after <= 3600
    assert e.message_ru == flow.message("flow.locked", "ru")


# The rest of what the core now says.


def test_an_account_id_must_have_1_to_64_bytes() -> None:
    for bad in ["", "x" * 65, "я" * 33]:
        host = Host(KEYS, "mosru", [Record(bad, phone=PHONE, surname=SURNAME)])
        host.start(T0)
        flow_error("flow.account_id", lambda: host.request(flow.LoginAndSurname(LOGINS["sms"], SURNAME), T0))
    host = Host(KEYS, "mosru", [Record("x" * 64, phone=PHONE, surname=SURNAME)])
    to_code_step(host, LOGINS["sms"], T0)


def test_after_a_signup_conflict() -> None:
    f, step = flow.Flow.after_signup_conflict(KEYS, SNILS, now=T0)
    assert isinstance(step.prompt, flow.EnterDocument) and isinstance(f.prompt, flow.EnterDocument)
    assert not any(isinstance(a, flow.LookUpAccount) for a in step.actions)
    step = f.handle(flow.Document(PASSPORT), now=T0)
    (lookup,) = [a for a in step.actions if isinstance(a, flow.LookUpAccount)]
    assert lookup.login.snils == SNILS
    m, step = flow.Flow.after_signup_conflict(KEYS, SNILS, portal="mosru", now=T0)
    assert isinstance(step.prompt, flow.EnterLoginAndSurname) and step.actions == ()
    with pytest.raises(ra.InvalidChecksum):
        flow.Flow.after_signup_conflict(KEYS, "112-233-445 96", now=T0)


def test_secrets_are_redacted_in_reprs() -> None:
    host = Host(KEYS, "gosuslugi", [victim_record()])
    steps = to_code_step(host, LOGINS["sms"], T0)
    code = host.sent[-1]
    held = host.request(flow.Code(code), T0)
    proof = proof_of(held)
    mail_host = Host(KEYS, "mosru", [victim_record()])
    mail = to_code_step(mail_host, LOGINS["email"], T0)
    token = mail_host.sent[-1]
    text = " ".join(repr(x) for x in [*steps, *mail, held, flow.Code(code), flow.LinkOpened(token), flow.NewPassword("Sharik1599+", proof)])
    for secret in [code, proof, token, "Sharik1599+"]:
        assert secret not in text
    assert "HoldProof(proof='[REDACTED]')" in text and "code='[REDACTED]'" in text and "token='[REDACTED]'" in text
    match held.actions[0]:
        case flow.HoldProof(p):
            assert p == proof


def test_error_classes() -> None:
    assert issubclass(ra.FlowError, ValueError) and issubclass(ra.CodeError, ValueError)
    assert not issubclass(ra.FlowError, ra.CodeError) and issubclass(ra.FlowError, ra.Error)
    for code in ["flow.locked", "flow.proof_invalid", "flow.stale", "flow.budget_missing", "flow.account_id", "code.not_yet_valid", "code.state_invalid"]:
        assert flow.message(code, "ru") and flow.message(code, "en")


def test_the_readme_example_runs() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```python\n")[1:]
    assert blocks
    for block in blocks:
        exec(compile(block.split("```")[0], "README.md", "exec"), {"__name__": "readme"})
