//! Every error code the module defines is reached by some input, and has its messages.

use std::collections::BTreeSet;

use restore_access::id::{Error, ErrorKind};
use restore_access::{
    Document, Email, ErrorCode, Inn, Lang, Login, Passport, Phone, Snils, Surname, catalog,
};

type Parser = fn(&str) -> Result<(), Error>;

fn snils(s: &str) -> Result<(), Error> {
    s.parse::<Snils>().map(drop)
}
fn inn(s: &str) -> Result<(), Error> {
    s.parse::<Inn>().map(drop)
}
fn passport(s: &str) -> Result<(), Error> {
    s.parse::<Passport>().map(drop)
}
fn phone(s: &str) -> Result<(), Error> {
    s.parse::<Phone>().map(drop)
}
fn email(s: &str) -> Result<(), Error> {
    s.parse::<Email>().map(drop)
}
fn login(s: &str) -> Result<(), Error> {
    Login::parse(s).map(drop)
}
fn login_unambiguous(s: &str) -> Result<(), Error> {
    Login::parse_unambiguous(s).map(drop)
}
fn document(s: &str) -> Result<(), Error> {
    Document::parse(s).map(drop)
}
fn surname(s: &str) -> Result<(), Error> {
    Surname::new(s).map(drop)
}

/// One input per code, and the kind it must have.
const CASES: &[(Parser, &str, &str, ErrorKind)] = &[
    (snils, "112-233-445", "snils.length", ErrorKind::Length),
    (snils, "112-233-445 9a", "snils.format", ErrorKind::Format),
    (
        snils,
        "112-233-445 96",
        "snils.checksum",
        ErrorKind::Checksum,
    ),
    (
        snils,
        "000-000-000 00",
        "snils.placeholder",
        ErrorKind::Component,
    ),
    (inn, "77070838931", "inn.length", ErrorKind::Length),
    (inn, "7707O83893", "inn.format", ErrorKind::Format),
    (inn, "500100732250", "inn.checksum", ErrorKind::Checksum),
    (passport, "108123456", "passport.length", ErrorKind::Length),
    (
        passport,
        "45O8 123456",
        "passport.format",
        ErrorKind::Format,
    ),
    (
        passport,
        "00 08 123456",
        "passport.region",
        ErrorKind::Component,
    ),
    (
        passport,
        "45 08 000000",
        "passport.number",
        ErrorKind::Component,
    ),
    (phone, "+7 916 123 45", "phone.length", ErrorKind::Length),
    (phone, "+7 916 123-45-6б", "phone.format", ErrorKind::Format),
    (
        phone,
        "+7 (916) 123-45-67 доб. 123",
        "phone.extension",
        ErrorKind::Component,
    ),
    (
        phone,
        "+375 29 123 45 67",
        "phone.not_russian",
        ErrorKind::Component,
    ),
    (
        phone,
        "87011234567",
        "phone.kazakhstan",
        ErrorKind::Component,
    ),
    (
        phone,
        "+7 555 123 4567",
        "phone.not_assigned",
        ErrorKind::Component,
    ),
    (
        phone,
        "+7 600 123 4567",
        "phone.reserved",
        ErrorKind::Component,
    ),
    (
        phone,
        "8 916 123 45 6",
        "phone.digit_missing",
        ErrorKind::Length,
    ),
    (
        phone,
        "+7 916 123 45 678",
        "phone.digit_extra",
        ErrorKind::Length,
    ),
    (email, "ivan.mail.ru", "email.format", ErrorKind::Format),
    (
        email,
        "me@⒈example.com",
        "email.domain_char",
        ErrorKind::Format,
    ),
    (email, "me@xn--zz.ru", "email.a_label", ErrorKind::Format),
    (email, "me@1שלום.com", "email.bidi", ErrorKind::Format),
    (
        email,
        "me@mail.test",
        "email.special_use",
        ErrorKind::Component,
    ),
    (
        email,
        "ivan@ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.ru",
        "email.too_long",
        ErrorKind::Length,
    ),
    (
        email,
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@mail.ru",
        "email.local_too_long",
        ErrorKind::Length,
    ),
    (
        email,
        "ivan..petrov@mail.ru",
        "email.local_part",
        ErrorKind::Format,
    ),
    (
        email,
        "\"ivan petrov\"@mail.ru",
        "email.quoted",
        ErrorKind::Component,
    ),
    (
        email,
        "иван@пример.рф",
        "email.unicode_local",
        ErrorKind::Component,
    ),
    (email, "ivan@mail_box.ru", "email.domain", ErrorKind::Format),
    (
        email,
        "a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ru",
        "email.label_too_long",
        ErrorKind::Length,
    ),
    (
        email,
        "ivan@localhost",
        "email.domain_dot",
        ErrorKind::Component,
    ),
    (
        email,
        "ivan@[127.0.0.1]",
        "email.address_literal",
        ErrorKind::Component,
    ),
    (login, "ivan petrov", "login.format", ErrorKind::Format),
    (
        login_unambiguous,
        "89161200100",
        "login.ambiguous",
        ErrorKind::Format,
    ),
    (document, "12345", "document.format", ErrorKind::Format),
    (surname, " - ", "surname.empty", ErrorKind::Length),
    (
        surname,
        "Иванов-Иванов-Иванов-Иванов-Иванов-Иванов-Иванов-Иванов-Иванов-Иванов-Иванов-Иванов-Иванов-Иванов-Иванов-Петров",
        "surname.too_long",
        ErrorKind::Length,
    ),
    (surname, "Иванов2", "surname.format", ErrorKind::Format),
    (
        surname,
        "Иванoв",
        "surname.mixed_script",
        ErrorKind::Component,
    ),
];

#[test]
fn every_code_is_reached_with_its_kind() {
    for &(parse, input, code, kind) in CASES {
        let err = parse(input).expect_err(input);
        assert_eq!((err.code(), err.kind()), (code, Some(kind)), "{input}");
    }
}

#[test]
fn the_cases_cover_exactly_the_codes_in_the_message_table() {
    let domains = [
        "snils", "inn", "passport", "phone", "email", "login", "document", "surname",
    ];
    let table: BTreeSet<&str> = catalog::all()
        .map(|m| m.code)
        .filter(|c| domains.iter().any(|d| c.split('.').next() == Some(*d)))
        .collect();
    let reached: BTreeSet<&str> = CASES.iter().map(|c| c.2).collect();
    assert_eq!(reached, table);
}

#[test]
fn messages_come_from_the_table_in_both_languages() {
    for &(parse, input, code, _) in CASES {
        let err = parse(input).unwrap_err();
        let entry = catalog::lookup(code).unwrap();
        assert_eq!(err.message(Lang::Ru), entry.ru);
        assert_eq!(err.message(Lang::En), entry.en);
        assert_eq!(err.to_string(), entry.en);
    }
}

#[test]
fn errors_never_repeat_the_input() {
    let err = "112-233-445 96".parse::<Snils>().unwrap_err();
    for text in [
        format!("{err}"),
        format!("{err:?}"),
        err.message(Lang::Ru).to_string(),
    ] {
        assert!(!text.contains("445"), "{text}");
    }
}

/// The input limits of the `id` module docs: over them, each parser answers at once with the
/// documented code, whatever the content.
#[test]
fn inputs_over_the_limits_are_refused_by_length() {
    let digits = "1".repeat(129);
    for (parser, code) in [
        (snils as Parser, "snils.length"),
        (inn, "inn.length"),
        (passport, "passport.length"),
        (phone, "phone.length"),
    ] {
        assert_eq!(parser(&digits).unwrap_err().code(), code);
    }
    let email = format!("{}@mail.ru", "a".repeat(1024));
    assert_eq!(
        email.parse::<restore_access::Email>().unwrap_err().code(),
        "email.too_long"
    );
    let surname = "Я".repeat(restore_access::Surname::MAX_CHARS + 1);
    assert_eq!(
        restore_access::Surname::new(&surname).unwrap_err().code(),
        "surname.too_long"
    );
}
