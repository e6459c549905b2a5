"""Identifiers: the Rust suite's vectors through the Python API, every exception class."""

from __future__ import annotations

import pytest

import restore_access as ra
from restore_access import email, inn, passport, phone, snils

from conftest import rows

MODULES = [snils, inn, passport, phone, email]


def ref(row: list[str]) -> bool:
    """The independent reference's answer (`ref=True`) of a row."""
    return next(c for c in row if c.startswith("ref=")) == "ref=True"


@pytest.mark.parametrize("row", rows("snils_computed.tsv"))
def test_snils_computed_vectors(row: list[str]) -> None:
    number, expected, formatted = row[0], row[1], row[2]
    assert snils.is_valid(number) == (expected == "valid")
    if expected == "valid":
        assert snils.validate(number) == formatted
        assert snils.format(number) == formatted
        assert snils.compact(formatted) == number
    else:
        with pytest.raises(ra.ValidationError):
            snils.validate(number)


@pytest.mark.parametrize("row", rows("snils_from_libs.tsv"))
def test_snils_vectors_from_libraries_follow_the_rule(row: list[str]) -> None:
    # The all-zero placeholder is refused (`snils.placeholder`), as the Rust suite says.
    assert snils.is_valid(row[0]) == (ref(row) and row[0] != "00000000000")


# The core also forgives hyphens between the digits, which python-stdnum does not: the rows
# written to show that difference of stdnum's are left out.
@pytest.mark.parametrize("row", [r for r in rows("inn.tsv") if r[1] != "invalid-for-stdnum"])
def test_inn_vectors_follow_the_rule(row: list[str]) -> None:
    assert inn.is_valid(row[0]) == ref(row)
    if ref(row):
        assert inn.validate(row[0]) == inn.compact(row[0]) == row[0].replace(" ", "")


@pytest.mark.parametrize("row", [r for r in rows("passport_ru_forms.tsv") if r[1] in ("valid", "invalid")])
def test_passport_forms(row: list[str]) -> None:
    assert passport.is_valid(row[0]) == (row[1] == "valid")
    if row[1] == "valid":
        assert passport.validate(row[0]) == passport.format(row[0]) == row[2]
        assert passport.compact(row[0]) == row[2].replace(" ", "")


def test_published_examples() -> None:
    assert snils.validate("112 233 445 95") == "112-233-445 95"
    assert snils.validate("001-001-998 00") == "001-001-998 00"  # before check numbers
    assert phone.validate("8 (916) 123-45-67") == phone.compact("+7 916 1234567") == "+79161234567"
    assert phone.format("8-800-555-35-35") == "+7 (800) 555-35-35"
    assert inn.validate("005826107187") == "005826107187"
    assert email.validate(" Ivan@Почта.РФ ") == "Ivan@почта.рф"
    assert email.compact("ivan@MAIL.ru") == email.format("ivan@MAIL.ru") == "ivan@mail.ru"


@pytest.mark.parametrize(
    ("module", "value", "cls", "code"),
    [
        (snils, "112-233-445 9", ra.InvalidLength, "snils.length"),
        (snils, "112-233-445 9x", ra.InvalidFormat, "snils.format"),
        (snils, "112-233-445 96", ra.InvalidChecksum, "snils.checksum"),
        (snils, "000-000-000 00", ra.InvalidComponent, "snils.placeholder"),
        (inn, "500100732250", ra.InvalidChecksum, "inn.checksum"),
        (passport, "108123456", ra.InvalidLength, "passport.length"),
        (passport, "00 08 123456", ra.InvalidComponent, "passport.region"),
        (phone, "+7 701 123 45 67", ra.InvalidComponent, "phone.kazakhstan"),
        (phone, "8 916 123-45-67 доб. 12", ra.InvalidComponent, "phone.extension"),
        (email, "ivan@localhost", ra.InvalidComponent, "email.domain_dot"),
        (email, "ivan", ra.InvalidFormat, "email.format"),
    ],
)
def test_every_exception_class_with_code_and_messages(module, value, cls, code) -> None:  # type: ignore[no-untyped-def]
    for f in (module.validate, module.compact, module.format):
        with pytest.raises(cls) as info:
            f(value)
        e = info.value
        assert isinstance(e, ra.ValidationError) and isinstance(e, ValueError) and isinstance(e, ra.Error)
        assert e.code == code
        assert e.message_ru and e.message_en and e.message_ru != e.message_en
        assert any("а" <= ch <= "я" for ch in e.message_ru.lower())
        assert e.retry_after is None
        assert e.description.startswith(e.message_en) and str(e) == f"{code}: {e.description}"
    assert not module.is_valid(value)


@pytest.mark.parametrize("module", MODULES)
def test_batch_answers_as_is_valid(module) -> None:  # type: ignore[no-untyped-def]
    inputs = [r[0] for name in ("snils_computed.tsv", "inn.tsv", "passport_ru_forms.tsv", "phones_ru.tsv", "emails.tsv") for r in rows(name)]
    inputs += ["", "x\0y", "112-233-445 95\0", "\0", "почта"]
    expected = [module.is_valid(s) for s in inputs]
    assert module.is_valid_many(inputs) == expected
    assert module.is_valid_many(tuple(inputs)) == expected
    assert module.is_valid_many(iter(inputs)) == expected
    assert module.is_valid_many(s for s in inputs) == expected
    assert module.is_valid_many([]) == []
    with pytest.raises(TypeError):
        module.is_valid_many(["112-233-445 95", 11223344595])
    with pytest.raises(TypeError):
        module.is_valid(None)


def test_email_key_and_ascii() -> None:
    # The key folds the domain's case and spelling (Unicode or punycode), nothing before the @.
    assert email.key("ivan@почта.рф") == email.key("ivan@xn--80a1acny.xn--p1ai") == email.key(" ivan@ПОЧТА.РФ ")
    assert email.key("ivan@почта.рф") == "ivan@xn--80a1acny.xn--p1ai"
    assert email.key("Ivan@mail.ru") != email.key("ivan@mail.ru")
    assert email.key("ivan.petrov+tag@mail.ru") != email.key("ivanpetrov@mail.ru")
    assert email.ascii("Ivan@Почта.РФ") == "Ivan@xn--80a1acny.xn--p1ai"
    assert email.ascii("ivan@mail.ru") == email.key("ivan@mail.ru") == "ivan@mail.ru"
    for f in (email.key, email.ascii):
        with pytest.raises(ra.InvalidComponent) as info:
            f("ivan@localhost")
        assert info.value.code == "email.domain_dot"


def test_email_internationalised_local_parts() -> None:
    address = "иван@почта.рф"
    assert not email.is_valid(address) and email.is_valid(address, internationalised=True)
    with pytest.raises(ra.InvalidComponent) as info:
        email.validate(address)
    assert info.value.code == "email.unicode_local"
    for f in (email.compact, email.validate, email.format):
        assert f(address, internationalised=True) == address
    # The local part stays Unicode in the ASCII form (delivery needs SMTPUTF8).
    assert email.ascii(address, internationalised=True) == email.key(address, internationalised=True) == "иван@xn--80a1acny.xn--p1ai"
    assert email.key("иван@xn--80a1acny.xn--p1ai", internationalised=True) == email.key(address, internationalised=True)
    # Still no case folding, and still no symbols that are not letters.
    assert email.key("Иван@почта.рф", internationalised=True) != email.key(address, internationalised=True)
    assert not email.is_valid("иван☺@почта.рф", internationalised=True)
    # An ASCII address reads the same either way.
    for s in ("Ivan.Petrov@Почта.РФ", "ivan@mail.ru", "ivan", "ivan@localhost"):
        assert email.is_valid(s) == email.is_valid(s, internationalised=True)
    items = [address, "ivan@mail.ru", "иван@localhost", "x"]
    assert email.is_valid_many(items) == [False, True, False, False]
    assert email.is_valid_many(items, internationalised=True) == [True, True, False, False]
    assert email.is_valid_many(iter(items), internationalised=True) == [True, True, False, False]


def test_phone_is_mobile_and_pretty() -> None:
    assert phone.is_mobile("8 (916) 123-45-67") and phone.is_mobile("+79031234567")
    assert not phone.is_mobile("8 (812) 123-45-67") and not phone.is_mobile("8-800-555-35-35")
    assert phone.pretty("89161234567") == phone.format("89161234567") == "+7 (916) 123-45-67"
    assert phone.pretty("+7 812 1234567") == "+7 (812) 123-45-67"
    # An invalid number is not a landline: both raise, as validate does.
    for f in (phone.is_mobile, phone.pretty):
        with pytest.raises(ra.InvalidComponent) as info:
            f("+7 701 123 45 67")
        assert info.value.code == "phone.kazakhstan"
        with pytest.raises(ra.ValidationError):
            f("8 916 123")


def test_detect_login_and_document() -> None:
    l = ra.detect_login("8 (916) 123-45-67")
    assert (l.kind, l.value, l.phone, l.masked) == ("phone", "+79161234567", "+79161234567", "+7 (916) ***-**-67")
    assert ra.detect_login("112-233-445 95").snils == "112-233-445 95"
    assert ra.detect_login("ivan@mail.ru").email == "ivan@mail.ru"
    bare = ra.detect_login("79161234567")  # 11 bare digits: a phone, and a СНИЛС if its check number fits
    assert bare.kind == ("phone_or_snils" if snils.is_valid("79161234567") else "phone")
    both = next(ra.detect_login(n) for n in (f"7916123{i:04d}" for i in range(10000)) if snils.is_valid(n))
    assert both.kind == "phone_or_snils" and both.phone and both.snils and both.value.isdigit()
    with pytest.raises(ra.InvalidFormat) as info:
        ra.detect_login(both.value, unambiguous=True)
    assert info.value.code == "login.ambiguous"
    with pytest.raises(ra.InvalidFormat) as info:
        ra.detect_login("hello")
    assert info.value.code == "login.format"
    d = ra.detect_document("45 08 123456")
    assert (d.kind, d.value) == ("passport", "45 08 123456")
    assert ra.detect_document("500100732259").kind == "inn"
    assert ra.detect_document("112-233-445 95").kind == "snils"
    with pytest.raises(ra.InvalidFormat):
        ra.detect_document("12345")
    assert "phone" in repr(l) and "123-45" not in repr(l)  # the repr is masked


def test_exceptions_survive_pickling() -> None:
    import pickle

    with pytest.raises(ra.InvalidChecksum) as info:
        snils.validate("112-233-445 96")
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is ra.InvalidChecksum
    assert (copy.code, copy.message_ru, copy.message_en) == (info.value.code, info.value.message_ru, info.value.message_en)


def test_version() -> None:
    assert ra.__version__.count(".") == 2
