"""password, codes and flow through the Python API."""

from __future__ import annotations

import datetime

import pytest

import restore_access as ra
from restore_access import codes, flow, password

KEYS = codes.Keys("k1", bytes(range(32)))
T0 = 1_800_000_000


def test_password_check_reports_every_rule_with_messages() -> None:
    r = password.check("Shelestov4567!", surname="Шелестов", phone="+7 916 123-45-67")
    assert not r.ok and not r
    assert r.codes == ("password.contains_surname", "password.contains_phone")
    assert [v.code for v in r.violations] == list(r.codes)
    assert all(v.message_ru and v.message_en for v in r.violations)
    short = password.check("Ab1!", "gosuslugi")
    assert short.violations[0].code == "password.too_short" and short.violations[0].detail == 8
    layout = password.check("Ырфкшл1599+")
    wrong = [v for v in layout.violations if v.code == "password.wrong_layout"]
    assert [v.latin for v in wrong] == ["Sharik1599+"]
    assert "Sharik" not in repr(wrong[0]) and short.violations[0].latin is None
    ok = password.check("Sharik1599+", birth_date=datetime.date(1985, 5, 5), login="ivanov85")
    assert ok.ok and ok.strength.score >= 3 and ok.strength.guesses_log10 > 6
    assert password.check("Sharik1599+", "nist").codes == ("password.too_short",)
    assert password.check("lemon tree over the quiet river", "nist").ok
    with pytest.raises(ra.UnknownName) as info:
        password.check("x", "nope")  # type: ignore[arg-type]
    assert info.value.code == "name.unknown" and "gosuslugi, nist" in str(info.value)


def test_a_policy_with_the_portals_own_rules() -> None:
    no_name = password.Rule(
        "portal.name",
        "(?i)gosuslugi",
        message_ru="Пароль не должен содержать название портала.",
        message_en="The password must not contain the portal's name.",
    )
    two_digits = password.Rule(
        "corp.two_digits", r"\d.*\d", message_ru="Нужны две цифры.", message_en="Two digits.", forbid=False
    )
    policy = password.Policy("gosuslugi", rules=[no_name, two_digits])
    assert policy.rule_ids == ["portal.name", "corp.two_digits"]
    assert no_name.id == "portal.name" and no_name.forbid and not two_digits.forbid
    r = policy.check("MyGosuslugi_7!")
    assert r.codes == ("password.custom", "password.custom")
    assert [v.rule_id for v in r.violations] == ["portal.name", "corp.two_digits"]
    assert r.violations[0].message_en == "The password must not contain the portal's name."
    assert policy.check("Sharik1599+").ok
    for bad in [("Bad Id", "x"), ("ok", "("), ("ok", "x" * 1025)]:
        with pytest.raises(ra.PasswordError) as info:
            password.Rule(*bad, message_ru="р", message_en="e")
        assert info.value.code == "password.invalid_policy"
    with pytest.raises(ra.PasswordError):
        password.Policy("nist", rules=[no_name, no_name])
    blocked = password.check("Trustno1!")
    assert [v.word for v in blocked.violations] == ["trustno1"]


def test_hash_verify_rehash_and_reuse() -> None:
    phc = password.hash("Sharik1599+")
    assert phc.startswith("$argon2id$") and not password.needs_rehash(phc)
    assert password.verify("Sharik1599+", phc) and not password.verify("Sharik1599-", phc)
    assert password.check("Sharik1599+", previous_hash=phc).codes == ("password.reused",)
    peppered = password.hash("Sharik1599+", pepper=b"pepper-pepper")
    assert not password.verify("Sharik1599+", peppered)
    assert password.verify("Sharik1599+", peppered, pepper=b"pepper-pepper")
    assert password.needs_rehash("$2b$12$abcdefghijklmnopqrstuv")
    with pytest.raises(ra.PasswordError) as info:
        password.verify("x", "not a hash")
    assert info.value.code == "password.malformed_hash"


def test_codes_issue_verify_and_errors() -> None:
    assert len(codes.sms_code()) == 6 and codes.sms_code(8).isdigit()
    assert len(codes.link_token(128)) == 22
    with pytest.raises(ra.CodeError) as info:
        codes.sms_code(3)
    assert info.value.code == "code.digits"
    record, code = codes.CodeRecord.issue_sms(KEYS, "flow-1", now=T0, max_attempts=3)
    assert (record.channel, record.purpose, record.key_id, record.attempts_left) == ("sms", "recovery", "k1", 3)
    assert code not in record.to_json()
    stored = record.seal(KEYS, "flow-1")
    link, _ = codes.CodeRecord.issue_link(KEYS, "flow-1", now=T0)
    assert len(stored) == len(link.seal(KEYS, "flow-1")) and code not in stored
    with pytest.raises(ra.CodeError) as info:
        record.verify(KEYS, "flow-1", "000000" if code != "000000" else "111111", now=T0)
    assert info.value.code == "code.wrong" and record.attempts_used == 1
    assert len(record.seal(KEYS, "flow-1")) == len(stored)
    for other in ["flow-2", ""]:
        with pytest.raises(ra.CodeError) as info:
            codes.CodeRecord.open(KEYS, other, stored)
        assert info.value.code == "code.state_invalid" and isinstance(info.value, ValueError)
    record = codes.CodeRecord.open(KEYS, "flow-1", stored)
    assert record.attempts_used == 0
    with pytest.raises(ra.CodeError) as info:
        record.verify(KEYS, "flow-1", code, now=T0 - 1)  # a clock that went back
    assert info.value.code == "code.not_yet_valid"
    record.verify(KEYS, "flow-1", code, now=T0)
    assert record.is_used
    with pytest.raises(ra.CodeError) as info:
        record.verify(KEYS, "flow-1", code, now=T0)
    assert info.value.code == "code.used"
    link, token = codes.CodeRecord.issue_link(KEYS, "flow-2", "sign_in", now=T0, ttl=60)
    link.check(KEYS, "flow-2", token, "sign_in", now=T0)
    assert not link.is_used and link.is_expired(T0 + 61)
    with pytest.raises(ra.CodeError) as info:
        link.verify(KEYS, "flow-2", token, "sign_in", now=T0 + 61)
    assert info.value.code == "code.expired"
    with pytest.raises(ra.CodeError):
        codes.Keys("k1", b"short")
    ring = codes.Keys("a", bytes(32))
    ring.rotate("b", bytes(range(32)))
    assert ring.ids == ("b", "a") and ring.current_id == "b"
    ring.retire("a")
    assert "k1" not in repr(ring) and bytes(32).hex() not in repr(ring)
    key = codes.limiter_key(KEYS, "send", "sms", "+79161234567")
    assert type(key) is str and len(key) == 22 and "9161234567" not in key
    assert key == codes.limiter_key(KEYS, "send", "sms", "+79161234567")
    assert key != codes.limiter_key(KEYS, "send", "email", "+79161234567")
    assert key != codes.limiter_key(KEYS, "wrong_code", "sms", "+79161234567")
    assert key != codes.limiter_key(KEYS, "send", "sms", "+79161234568")


def test_limiter_on_both_sides_of_each_boundary() -> None:
    key = codes.limiter_key(KEYS, "send", "sms", "+79161234567")
    sends = codes.Limiter()
    sends.check("sms_send", now=T0)
    with pytest.raises(ra.CodeError) as info:
        sends.check("sms_send", now=T0 + 59)
    assert info.value.code == "code.rate_limited" and info.value.retry_after == 1
    stored = sends.seal(KEYS, key)
    sends = codes.Limiter.open(KEYS, key, stored)
    for minute in range(1, 5):  # five an hour: the sixth within the hour waits
        sends.check("sms_send", now=T0 + 60 * minute)
    with pytest.raises(ra.CodeError):
        sends.check("sms_send", now=T0 + 60 * 5)
    assert sends.idle_at > T0 + 60 * 4
    custom = codes.Limiter()
    custom.check([(2, 10)], now=T0)
    custom.check([(2, 10)], now=T0)
    with pytest.raises(ra.CodeError):
        custom.check([(2, 10)], now=T0)
    with pytest.raises(ValueError):
        custom.check("nope", now=T0)  # type: ignore[arg-type]
    with pytest.raises(ra.CodeError) as info:
        custom.check([(0, 10)], now=T0)
    assert info.value.code == "code.rate"
    for bad in ["{", "", stored[:-1], stored + "A"]:
        with pytest.raises(ra.CodeError) as info:
            codes.Limiter.open(KEYS, key, bad)
        assert info.value.code == "code.state_invalid" and isinstance(info.value, ValueError)
    # Text that is not a limiter key opens and seals nothing.
    for bad_key in ["", "nope", key + "A", key[:-1] + "!", key[:-1] + "é"]:
        with pytest.raises(ra.CodeError) as info:
            codes.Limiter.open(KEYS, bad_key, stored)
        assert info.value.code == "code.state_invalid" and isinstance(info.value, ValueError)
        with pytest.raises(ra.CodeError) as info:
            sends.seal(KEYS, bad_key)
        assert info.value.code == "code.state_invalid"


ACCOUNT = flow.Account("acc", phone="+79161234567", surname="Петров", documents=["45 08 123456"])


def load(f: flow.Flow, inp: flow.Input, store: dict[str, str]) -> dict[str, flow.Budget]:
    """The budgets `inp` spends, from a store of sealed budgets (a missing one is fresh)."""
    return {k: flow.Budget.open(KEYS, k, store[k]) if k in store else flow.Budget() for k in f.budget_keys(inp)}


def save(budgets: dict[str, flow.Budget], store: dict[str, str]) -> None:
    store.update((k, b.seal(KEYS, k)) for k, b in budgets.items())


def test_gosuslugi_flow_end_to_end_with_sealed_round_trips() -> None:
    store: dict[str, str] = {}
    f = flow.Flow.gosuslugi(KEYS, now=T0)
    assert isinstance(f.prompt, flow.EnterContact) and f.portal == "gosuslugi"
    with pytest.raises(ra.InvalidFormat):
        f.handle(flow.Contact("not a contact"), now=T0)
    contact = flow.Contact("8 (916) 123-45-67")
    assert f.budget_keys(contact) == []
    step = f.handle(contact, now=T0)
    assert isinstance(step.prompt, flow.EnterDocument)
    step = f.handle(flow.Document("45 08 123456"), now=T0)
    (lookup,) = [a for a in step.actions if isinstance(a, flow.LookUpAccount)]
    assert lookup.login.phone == "+79161234567"
    step = f.handle(flow.AccountLookup(ACCOUNT), now=T0)
    assert isinstance(step.prompt, flow.HumanCheck)
    f = flow.Flow.open(KEYS, f.seal(), portal="gosuslugi")
    assert isinstance(f.prompt, flow.HumanCheck)
    passed = flow.HumanCheckPassed()
    keys = f.budget_keys(passed)  # the login's, and the phone's it reaches
    assert 1 <= len(keys) <= 2 and all(len(k) == 22 for k in keys)
    budgets = load(f, passed, store)
    step = f.handle(passed, now=T0, budgets=budgets)
    save(budgets, store)
    (sms,) = [a for a in step.actions if isinstance(a, flow.SendSmsCode)]
    assert isinstance(step.prompt, flow.CodeSent) and step.prompt.channel == "sms"
    with pytest.raises(ra.FlowError) as info:
        f.handle(flow.Resend(), now=T0, budgets=load(f, flow.Resend(), store))
    assert info.value.code == "flow.resend_too_soon" and info.value.retry_after
    wrong = flow.Code("000000" if sms.code != "000000" else "111111")
    step = f.handle(wrong, now=T0, budgets=load(f, wrong, store))
    assert isinstance(step.prompt, flow.CodeSent) and step.prompt.rejected == "code.wrong"
    right = flow.Code(sms.code)
    step = f.handle(right, now=T0, budgets=load(f, right, store))
    assert isinstance(step.prompt, flow.ChoosePassword)
    proof = [a for a in step.actions if isinstance(a, flow.HoldProof)][0].proof
    assert proof != sms.code and len(proof) >= 22
    step = f.handle(flow.NewPassword("Petrov1599+", proof, flow.PersonalData.from_account(ACCOUNT)), now=T0)
    assert isinstance(step.prompt, flow.ChoosePassword) and "password.contains_surname" in step.prompt.violations
    step = f.handle(flow.NewPassword("Sharik1599+", proof), now=T0)
    assert isinstance(step.prompt, flow.Done) and step.prompt.is_final
    kinds = [type(a) for a in step.actions]
    assert kinds[:3] == [flow.StorePasswordHash, flow.RevokeAllSessions, flow.NotifyPasswordChanged]
    (store_hash,) = [a for a in step.actions if isinstance(a, flow.StorePasswordHash)]
    assert password.verify("Sharik1599+", store_hash.phc)
    assert (store_hash.account, store_hash.expected_version) == ("acc", 0)
    with pytest.raises(ra.FlowError) as info:
        f.handle(flow.Resend(), now=T0)
    assert info.value.code == "flow.unexpected_input"
    with pytest.raises(AttributeError):
        step.prompt.code = "x"  # type: ignore[misc]
    assert '"stage":{"at":"done"}' in f.to_json()  # debugging only


def test_mosru_escalation_routes_and_state_errors() -> None:
    f = flow.Flow.mosru(KEYS, now=T0)
    assert isinstance(f.prompt, flow.EnterLoginAndSurname)
    step = f.handle(flow.LoginAndSurname("112-233-445 95", "Петров"), now=T0)
    unknown = flow.AccountLookup(None)
    keys = f.budget_keys(unknown)
    assert len(keys) == 2  # a СНИЛС login and a decoy contact, as a known account would have
    step = f.handle(unknown, now=T0, budgets={k: flow.Budget() for k in keys})
    assert isinstance(step.prompt, flow.CodeSent) and step.prompt.channel is None
    step = f.handle(flow.NoAccessToContacts(), now=T0)
    prompt = step.prompt
    assert isinstance(prompt, flow.Escalated) and prompt.reason == "no_access"
    assert any(isinstance(r, flow.PhoneLine) and r.phone == "+74955395555" for r in prompt.routes)
    assert any(isinstance(r, flow.ServiceCentre) and r.bring == ("passport", "snils") for r in prompt.routes)
    with pytest.raises(ra.FlowError) as info:
        flow.Flow.open(KEYS, "{}", portal="mosru")
    assert info.value.code == "flow.state_invalid"
    with pytest.raises(ValueError):
        flow.Flow.open(KEYS, f.seal(), portal="nope")  # type: ignore[arg-type]
    assert isinstance(flow.Flow.open(KEYS, f.seal(), portal="mosru").prompt, flow.Escalated)
    assert flow.message("code.wrong", "en") and flow.message("nope") is None
    match flow.Contact("x"):
        case flow.Contact(text):
            assert text == "x"


def test_mosru_email_link_and_the_remaining_inputs() -> None:
    account = flow.Account("acc-2", email="Ivan.Petrov@Mail.RU", surname="Петров", documents=["112-233-445 95"])
    assert (account.id, account.email, account.phone, account.surname) == ("acc-2", "Ivan.Petrov@mail.ru", None, "Петров")
    assert account.documents == ("112-233-445 95",)
    with pytest.raises(ra.InvalidChecksum):
        flow.Account("x", documents=["112-233-445 96"])
    f = flow.Flow.mosru(KEYS, now=T0)
    assert len(f.id) >= 16 and f.id in repr(f)
    f.handle(flow.LoginAndSurname("Ivan.Petrov@mail.ru", "Петров"), now=T0)
    lookup = flow.AccountLookup(account)
    step = f.handle(lookup, now=T0, budgets={k: flow.Budget() for k in f.budget_keys(lookup)})
    (mail,) = [a for a in step.actions if isinstance(a, flow.SendEmailLink)]
    assert (mail.account, mail.email, mail.email_ascii, mail.flow_id) == ("acc-2", "Ivan.Petrov@mail.ru", "Ivan.Petrov@mail.ru", f.id)
    with pytest.raises(ra.FlowError) as info:
        f.handle(flow.NothingArrived(), now=T0 + 60)
    assert info.value.code == "flow.too_early" and 0 < (info.value.retry_after or 0) <= 2 * 3600
    opened = flow.LinkOpened(mail.token)
    step = f.handle(opened, now=T0 + 60, budgets={k: flow.Budget() for k in f.budget_keys(opened)})
    assert isinstance(step.prompt, flow.ChoosePassword) and step.prompt.violations == ()
    (hold,) = [a for a in step.actions if isinstance(a, flow.HoldProof)]
    assert hold.proof == mail.token  # a link's token is its own proof
    personal = flow.PersonalData(first_name="Иван", surname="Петров", birth_date=datetime.date(1985, 5, 5))
    step = f.handle(flow.NewPassword("Ivan1985+Petrov", hold.proof, personal), now=T0 + 60)
    assert isinstance(step.prompt, flow.ChoosePassword)
    assert {"password.contains_name", "password.contains_surname"} <= set(step.prompt.violations)
    match flow.NewPassword("secret", "proof-1"):
        case flow.NewPassword(pw, proof, None):
            assert (pw, proof) == ("secret", "proof-1")
    with pytest.raises(TypeError):
        flow.NewPassword("secret")  # type: ignore[call-arg]


def test_code_record_times() -> None:
    record, _ = codes.CodeRecord.issue_sms(KEYS, "flow-3", "contact_change", now=T0, ttl=120, digits=4)
    assert (record.issued_at, record.expires_at, record.max_attempts) == (T0, T0 + 120, record.attempts_left)
    assert record.purpose == "contact_change" and not record.is_expired(T0 + 119) and record.is_expired(T0 + 120)
    with pytest.raises(ra.CodeError) as info:
        record.verify(KEYS, "flow-3", "1234", "recovery", now=T0)
    assert info.value.code == "code.wrong_purpose"
    with pytest.raises(ra.UnknownName) as info:
        codes.CodeRecord.issue_sms(KEYS, "f", "no_such_purpose")  # type: ignore[arg-type]
    assert info.value.code == "name.unknown"
