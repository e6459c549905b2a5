"""How arguments are read (issue 15, and issue 13's options): a wrong type is a TypeError that
names the argument; a birth date is a date or its ISO text; personal data that does not parse
is refused, not ignored; a batch refuses a bare str; a password is capped before it is copied;
the Argon2 parameters can be raised and never lowered; e-mail's `special_use` and `phone.kind`."""

from __future__ import annotations

import datetime
from typing import Any, Callable

import pytest

import restore_access as ra
from restore_access import codes, email, flow, inn, passport, password, phone, snils

IDENTIFIERS = [snils, inn, passport, phone, email]
PHONE, SNILS = "+79161234567", "112-233-445 95"


@pytest.mark.parametrize(
    ("call", "arg", "got"),
    [
        (lambda: phone.validate(79161234567), "s", "int"),  # type: ignore[arg-type]
        (lambda: snils.is_valid(None), "s", "NoneType"),  # type: ignore[arg-type]
        (lambda: email.key(b"ivan@mail.ru"), "s", "bytes"),  # type: ignore[arg-type]
        (lambda: password.check("Sharik1599+", surname=1), "surname", "int"),  # type: ignore[arg-type]
        (lambda: password.hash(b"Sharik1599+"), "password", "bytes"),  # type: ignore[arg-type]
        (lambda: codes.CodeRecord.issue_sms(codes.Keys("k1", bytes(32)), 5), "flow_id", "int"),  # type: ignore[arg-type]
        (lambda: flow.Account("acc-1", phone=79161234567), "phone", "int"),  # type: ignore[arg-type]
        (lambda: flow.message(1), "code", "int"),  # type: ignore[arg-type]
    ],
)
def test_a_wrong_type_names_the_argument(call: Callable[[], object], arg: str, got: str) -> None:
    with pytest.raises(TypeError) as info:
        call()
    assert str(info.value) == f"argument '{arg}' must be str, not {got}"
    assert getattr(info.value, "__notes__", []) == []  # taken into the message, not repeated


@pytest.mark.parametrize("module", IDENTIFIERS, ids=lambda m: m.__name__)
def test_a_batch_refuses_a_str_or_bytes(module: Any) -> None:
    name = module.__name__.rsplit(".", 1)[-1]
    for items in ("11223344595", b"11223344595", bytearray(b"1")):
        with pytest.raises(TypeError) as info:
            module.is_valid_many(items)
        assert str(info.value).startswith(f"{name}.is_valid_many() argument 'items' must be an iterable of str, not {type(items).__name__}")
    with pytest.raises(TypeError) as info:
        module.is_valid_many(["x", 1])
    assert str(info.value) == f"{name}.is_valid_many() argument 'items': item 1 must be str, not int"


def test_birth_date_is_a_date_or_its_iso_text() -> None:
    want = ("password.contains_birth_date",)
    for date in (datetime.date(1985, 5, 17), datetime.datetime(1985, 5, 17, 12, 30), "1985-05-17"):
        assert password.check("Sharik1985+", birth_date=date).codes == want, date
        assert isinstance(flow.PersonalData(birth_date=date), flow.PersonalData)
    assert password.check("Sharik2000+", birth_date="2000-02-29").codes == ("password.contains_birth_date",)
    for text in ("1985-5-17", "17.05.1985", "19850517", "1985-13-01", "1985-02-29", "0000-01-01", " 1985-05-17", "1985-05-17T00:00", ""):
        with pytest.raises(ValueError) as info:
            password.check("Sharik1599+", birth_date=text)
        assert str(info.value).startswith("argument 'birth_date' must be a datetime.date") and text not in str(info.value) or not text
        with pytest.raises(ValueError):
            flow.PersonalData(birth_date=text)
    for wrong in (1985, 1985.5, (1985, 5, 17), datetime.time(12)):
        with pytest.raises(TypeError) as info:
            password.check("Sharik1599+", birth_date=wrong)  # type: ignore[arg-type]
        assert str(info.value).startswith("argument 'birth_date' must be") and str(info.value).endswith(f"not {type(wrong).__name__}")


@pytest.mark.parametrize("build", [password.check, lambda _pw, **kw: flow.PersonalData(**kw)], ids=["check", "PersonalData"])
@pytest.mark.parametrize(
    ("arg", "value", "cls", "code"),
    [
        ("phone", "garbage", ra.InvalidFormat, "phone.format"),
        ("phone", "+7 916 123", ra.InvalidLength, "phone.length"),
        ("email", "ivan at mail.ru", ra.InvalidFormat, "email.format"),
        ("snils", "112-233-445 96", ra.InvalidChecksum, "snils.checksum"),
    ],
)
def test_personal_data_that_does_not_parse_is_refused(build: Callable[..., object], arg: str, value: str, cls: type, code: str) -> None:
    with pytest.raises(cls) as info:
        build("Sharik1599+", **{arg: value})
    assert info.value.code == code and f"(argument '{arg}')" in str(info.value)
    assert info.value.message_en == flow.message(code, "en")


def test_valid_personal_data_is_read_in_any_form() -> None:
    assert password.check("Sharik4567!", phone="8 (916) 123-45-67").codes == ("password.contains_phone",)
    assert password.check("Sharik4595!", snils="11223344595").codes == ("password.contains_snils",)
    # The host's own records: an internationalised address, a special-use domain.
    assert password.check("Ivanovich1!", email="ivanovich@почта.рф").codes == ("password.contains_email",)
    assert password.check("Sharik1599+", email="иван@почта.рф").ok
    assert password.check("Sharik1599+", email="ivan@mail.test").ok


def test_a_huge_password_is_refused_before_it_is_copied() -> None:
    huge = "Sharik1599+" * 1_000_000  # 11 MB
    for f in (lambda: password.hash(huge), lambda: password.verify(huge, password.hash("Sharik1599+"))):
        with pytest.raises(ra.PasswordError) as info:
            f()
        assert info.value.code == "password.too_long_to_hash"
    # 1024 bytes are hashed; one more is refused, in characters of any width.
    assert password.hash("A" * 1024, policy="nist")
    for over in ("A" * 1025, "Ж" * 513, "\U0001F600" * 257):
        with pytest.raises(ra.PasswordError):
            password.hash(over, policy="nist")
    assert password.check(huge).codes == ("password.too_long",)
    assert password.check(huge, "nist").codes == ("password.too_long",)
    # A lone surrogate past the cap is not read: the password is too long, as a whole.
    assert password.check(huge + "\ud800").codes == ("password.too_long",)
    # Personal data and a stored hash are read up to the cap too.
    assert password.check("Sharik1599+", surname="Петров" * 1_000_000, previous_hash="$" * 10_000_000).ok


def test_argon2_parameters_are_raised_never_lowered() -> None:
    phc = password.hash("Sharik1599+", m_cost=32768, t_cost=3, p_cost=2)
    assert phc.startswith("$argon2id$v=19$m=32768,t=3,p=2$")
    assert password.verify("Sharik1599+", phc) and not password.verify("Sharik1599-", phc)
    assert password.needs_rehash(password.hash("Sharik1599+"), m_cost=32768)
    assert not password.needs_rehash(phc, m_cost=32768, t_cost=3, p_cost=2)
    assert password.check("Sharik1599+", previous_hash=phc, m_cost=32768, t_cost=3, p_cost=2).codes == ("password.reused",)
    peppered = password.hash("Sharik1599+", pepper=b"pepper", t_cost=3)
    assert password.verify("Sharik1599+", peppered, pepper=b"pepper") and not password.verify("Sharik1599+", peppered)
    for kwargs, detail in [
        ({"m_cost": 19455}, "m_cost is below the minimum 19456"),
        ({"t_cost": 1}, "t_cost is below the minimum 2"),
        ({"p_cost": 0}, "p_cost is below the minimum 1"),
        ({"t_cost": -5}, "t_cost is below the minimum 2"),
    ]:
        for f in (password.hash, password.check):
            with pytest.raises(ra.PasswordError) as info:
                f("Sharik1599+", **kwargs)
            assert info.value.code == "password.weak_params" and detail in str(info.value)
        with pytest.raises(ra.PasswordError):
            password.verify("Sharik1599+", phc, **kwargs)
        with pytest.raises(ra.PasswordError):
            password.needs_rehash(phc, **kwargs)
    with pytest.raises(ra.PasswordError) as info:
        password.hash("Sharik1599+", t_cost=2**32)
    assert info.value.code == "password.invalid_params"


def test_email_special_use() -> None:
    for f in (email.validate, email.compact, email.format, email.key, email.ascii):
        with pytest.raises(ra.InvalidComponent) as info:
            f("ivan@mail.test")
        assert info.value.code == "email.special_use"
        assert f("ivan@mail.test", special_use=True) == "ivan@mail.test"
    assert email.validate("иван@почта.test", internationalised=True, special_use=True) == "иван@почта.test"
    assert not email.is_valid("ivan@mail.test") and email.is_valid("ivan@mail.test", special_use=True)
    items = ["ivan@mail.test", "иван@host.localhost", "ivan@mail.ru"]
    assert email.is_valid_many(items) == [False, False, True]
    assert email.is_valid_many(items, special_use=True) == [True, False, True]
    assert email.is_valid_many(iter(items), internationalised=True, special_use=True) == [True, True, True]


def test_phone_kind() -> None:
    kinds = {
        "8 (916) 123-45-67": "mobile",
        "8 (812) 123-45-67": "fixed_line",
        "+7 495 123-45-67": "fixed_line",
        "8 800 555-35-35": "toll_free",
        "8 809 123-45-67": "premium_rate",
        "8 808 123-45-67": "personal",
    }
    for number, kind in kinds.items():
        if phone.is_valid(number):
            assert phone.kind(number) == kind, number
            assert phone.is_mobile(number) == (kind == "mobile")
    assert {phone.kind(n) for n in kinds if phone.is_valid(n)} >= {"mobile", "fixed_line", "toll_free"}
    with pytest.raises(ra.InvalidComponent):
        phone.kind("+7 701 123 45 67")
