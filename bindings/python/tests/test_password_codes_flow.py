"""password, codes and flow through the Python API."""

from __future__ import annotations

import datetime

import pytest

import restore_access as ra
from restore_access import codes, flow, password

KEYS = codes.Keys("k1", bytes(range(32)))
T0 = 1_800_000_000


def test_password_check_reports_every_rule_with_messages() -> None:
    r = password.check("Ivanov4567!", surname="Иванов", phone="+7 916 123-45-67")
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
    with pytest.raises(ra.PasswordError) as info:
        password.check("x", "nope")  # type: ignore[arg-type]
    assert info.value.code == "password.invalid_policy"


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
    stored = record.to_json()
    assert code not in stored
    with pytest.raises(ra.CodeError) as info:
        record.verify(KEYS, "flow-1", "000000" if code != "000000" else "111111", now=T0)
    assert info.value.code == "code.wrong" and record.attempts_used == 1
    record = codes.CodeRecord.from_json(stored)
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
    assert len(key) == 22 and key == codes.limiter_key(KEYS, "send", "sms", "+79161234567")


def test_limiter_on_both_sides_of_each_boundary() -> None:
    sends = codes.Limiter()
    sends.check("sms_send", now=T0)
    with pytest.raises(ra.CodeError) as info:
        sends.check("sms_send", now=T0 + 59)
    assert info.value.code == "code.rate_limited" and info.value.retry_after == 1
    stored = sends.to_json()
    sends = codes.Limiter.from_json(stored)
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
    with pytest.raises(ValueError):
        codes.Limiter.from_json("{")


ACCOUNT = flow.Account("acc", phone="+79161234567", surname="Петров", documents=["45 08 123456"])


def test_gosuslugi_flow_end_to_end_with_json_round_trips() -> None:
    f = flow.Flow.gosuslugi(KEYS, now=T0)
    assert isinstance(f.prompt, flow.EnterContact) and f.portal == "gosuslugi"
    with pytest.raises(ra.InvalidFormat):
        f.handle(flow.Contact("not a contact"), now=T0)
    budget = flow.Budget()
    step = f.handle(flow.Contact("8 (916) 123-45-67"), now=T0, budget=budget)
    assert isinstance(step.prompt, flow.EnterDocument) and f.budget_key
    step = f.handle(flow.Document("45 08 123456"), now=T0, budget=budget)
    (lookup,) = [a for a in step.actions if isinstance(a, flow.LookUpAccount)]
    assert lookup.login.phone == "+79161234567"
    step = f.handle(flow.AccountLookup(ACCOUNT), now=T0, budget=budget)
    assert isinstance(step.prompt, flow.HumanCheck)
    f = flow.Flow.from_json(f.to_json(), KEYS)
    budget = flow.Budget.from_json(budget.to_json())
    step = f.handle(flow.HumanCheckPassed(), now=T0, budget=budget)
    (sms,) = [a for a in step.actions if isinstance(a, flow.SendSmsCode)]
    assert isinstance(step.prompt, flow.CodeSent) and step.prompt.channel == "sms"
    with pytest.raises(ra.FlowError) as info:
        f.handle(flow.Resend(), now=T0, budget=budget)
    assert info.value.code == "flow.resend_too_soon" and info.value.retry_after
    step = f.handle(flow.Code("000000" if sms.code != "000000" else "111111"), now=T0, budget=budget)
    assert isinstance(step.prompt, flow.CodeSent) and step.prompt.rejected == "code.wrong"
    step = f.handle(flow.Code(sms.code), now=T0, budget=budget)
    assert isinstance(step.prompt, flow.ChoosePassword)
    step = f.handle(flow.NewPassword("Petrov1599+", flow.PersonalData.from_account(ACCOUNT)), now=T0, budget=budget)
    assert isinstance(step.prompt, flow.ChoosePassword) and "password.contains_surname" in step.prompt.violations
    step = f.handle(flow.NewPassword("Sharik1599+"), now=T0, budget=budget)
    assert isinstance(step.prompt, flow.Done) and step.prompt.is_final
    kinds = [type(a) for a in step.actions]
    assert flow.StorePasswordHash in kinds and flow.RevokeAllSessions in kinds and flow.NotifyPasswordChanged in kinds
    (store,) = [a for a in step.actions if isinstance(a, flow.StorePasswordHash)]
    assert password.verify("Sharik1599+", store.phc)
    with pytest.raises(ra.FlowError) as info:
        f.handle(flow.Resend(), now=T0)
    assert info.value.code == "flow.unexpected_input"
    with pytest.raises(AttributeError):
        step.prompt.code = "x"  # type: ignore[misc]


def test_mosru_escalation_routes_and_state_errors() -> None:
    f = flow.Flow.mosru(KEYS, now=T0)
    assert isinstance(f.prompt, flow.EnterLoginAndSurname)
    step = f.handle(flow.LoginAndSurname("112-233-445 95", "Петров"), now=T0)
    step = f.handle(flow.AccountLookup(None), now=T0)
    assert isinstance(step.prompt, flow.CodeSent)
    step = f.handle(flow.NoAccessToContacts(), now=T0)
    prompt = step.prompt
    assert isinstance(prompt, flow.Escalated) and prompt.reason == "no_access"
    assert any(isinstance(r, flow.PhoneLine) and r.phone == "+74955395555" for r in prompt.routes)
    assert any(isinstance(r, flow.ServiceCentre) and r.bring == ("passport", "snils") for r in prompt.routes)
    with pytest.raises(ra.FlowError) as info:
        flow.Flow.from_json("{}", KEYS)
    assert info.value.code == "flow.state_invalid"
    f2, step = flow.Flow.after_signup_conflict(KEYS, "112-233-445 95", now=T0)
    assert any(isinstance(a, flow.LookUpAccount) for a in step.actions)
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
    step = f.handle(flow.AccountLookup(account), now=T0)
    (mail,) = [a for a in step.actions if isinstance(a, flow.SendEmailLink)]
    assert (mail.account, mail.email, mail.email_ascii, mail.flow_id) == ("acc-2", "Ivan.Petrov@mail.ru", "Ivan.Petrov@mail.ru", f.id)
    with pytest.raises(ra.FlowError) as info:
        f.handle(flow.NothingArrived(), now=T0 + 60)
    assert info.value.code == "flow.too_early" and 0 < (info.value.retry_after or 0) <= 2 * 3600
    step = f.handle(flow.LinkOpened(mail.token), now=T0 + 60)
    assert isinstance(step.prompt, flow.ChoosePassword) and step.prompt.violations == ()
    personal = flow.PersonalData(first_name="Иван", surname="Петров", birth_date=datetime.date(1985, 5, 5))
    step = f.handle(flow.NewPassword("Ivan1985+Petrov", personal), now=T0 + 60)
    assert isinstance(step.prompt, flow.ChoosePassword)
    assert {"password.contains_name", "password.contains_surname"} <= set(step.prompt.violations)
    assert "REDACTED" in repr(flow.NewPassword("secret")) and "secret" not in repr(flow.NewPassword("secret"))


def test_code_record_times() -> None:
    record, _ = codes.CodeRecord.issue_sms(KEYS, "flow-3", "contact_change", now=T0, ttl=120, digits=4)
    assert (record.issued_at, record.expires_at, record.max_attempts) == (T0, T0 + 120, record.attempts_left)
    assert record.purpose == "contact_change" and not record.is_expired(T0 + 119) and record.is_expired(T0 + 120)
    with pytest.raises(ra.CodeError) as info:
        record.verify(KEYS, "flow-3", "1234", "recovery", now=T0)
    assert info.value.code == "code.wrong_purpose"
    with pytest.raises(ra.CodeError) as info:
        codes.CodeRecord.issue_sms(KEYS, "f", "no_such_purpose")  # type: ignore[arg-type]
    assert info.value.code == "code.purpose"
