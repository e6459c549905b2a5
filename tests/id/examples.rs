//! Published examples and the behaviour the docs promise.

use restore_access::id::{self, InnKind};
use restore_access::{Document, Email, Inn, Login, Passport, Phone, Snils, Surname};

use super::reference;

#[test]
fn published_examples() {
    // ФНС examples (Сбербанк, a person's ИНН) and the ПФР's СНИЛС example.
    assert_eq!(
        "7707083893".parse::<Inn>().unwrap().kind(),
        InnKind::Organisation
    );
    assert_eq!(
        "500100732259".parse::<Inn>().unwrap().kind(),
        InnKind::Person
    );
    let snils: Snils = "112-233-445 95".parse().unwrap();
    assert_eq!(snils.digits(), "11223344595");
    assert_eq!(snils.to_string(), "112-233-445 95");
}

#[test]
fn typed_forms_of_one_phone() {
    let forms = [
        "8 (916) 123-45-67",
        "+7 916 1234567",
        "79161234567",
        "9161234567",
        "8-916-123-45-67",
        "8 10 7 916 123 45 67",
        "７９１６１２３４５６７",
        "\u{00A0}+7\u{2009}916\u{2009}123\u{2013}45\u{2013}67 ",
        "＋７ （９１６） １２３－４５－６７",
    ];
    for form in forms {
        let phone: Phone = form.parse().unwrap_or_else(|e| panic!("{form}: {e}"));
        assert_eq!(phone.e164(), "+79161234567", "{form}");
        assert_eq!(phone.pretty().to_string(), "+7 (916) 123-45-67");
        assert!(phone.is_mobile());
    }
}

#[test]
fn debug_shows_only_the_masked_form() {
    let snils: Snils = "112-233-445 95".parse().unwrap();
    let phone: Phone = "+79161234567".parse().unwrap();
    let passport: Passport = "4508 123456".parse().unwrap();
    let inn: Inn = "500100732259".parse().unwrap();
    let email: Email = "ivan.petrov@mail.ru".parse().unwrap();
    let surname = Surname::new("Петров").unwrap();
    let login = Login::parse("112 233 445 95").unwrap();
    let document = Document::parse("4508 123456").unwrap();
    let cases: [(String, String, &str); 8] = [
        (
            format!("{snils:?}"),
            snils.masked().to_string(),
            "112233445",
        ),
        (format!("{phone:?}"), phone.masked().to_string(), "1234567"),
        (
            format!("{passport:?}"),
            passport.masked().to_string(),
            "4508",
        ),
        (format!("{inn:?}"), inn.masked().to_string(), "5001007"),
        (
            format!("{email:?}"),
            email.masked().to_string(),
            "ivan.petrov",
        ),
        (
            format!("{surname:?}"),
            surname.masked().to_string(),
            "Петров",
        ),
        (format!("{login:?}"), login.masked().to_string(), "112-233"),
        (
            format!("{document:?}"),
            document.masked().to_string(),
            "123456",
        ),
    ];
    for (debug, masked, secret) in cases {
        assert!(debug.contains(&masked), "{debug} lacks {masked}");
        assert!(!debug.contains(secret), "{debug} leaks {secret}");
        assert!(masked.contains('*'), "{masked}");
    }
}

#[test]
fn login_decides_by_shape_and_reports_ambiguity() {
    // A number valid both as a mobile phone (8 9xx…) and as a СНИЛС, found by the reference.
    let both = (0..1000)
        .map(|i| reference::snils_complete(&format!("891612{i:03}")))
        .find(|s| s.starts_with("89"))
        .unwrap();
    match Login::parse(&both).unwrap() {
        Login::PhoneOrSnils { phone, snils } => {
            assert_eq!(phone.national(), &both[1..]);
            assert_eq!(snils.digits(), both);
        }
        other => panic!("{both}: {other:?}"),
    }
    let phone_shaped = format!(
        "8 ({}) {}-{}-{}",
        &both[1..4],
        &both[4..7],
        &both[7..9],
        &both[9..]
    );
    assert!(matches!(
        Login::parse(&phone_shaped).unwrap(),
        Login::Phone(_)
    ));
    assert!(matches!(
        Login::parse(&format!("+7{}", &both[1..])).unwrap(),
        Login::Phone(_)
    ));
    let snils_shaped = format!(
        "{}-{}-{} {}",
        &both[..3],
        &both[3..6],
        &both[6..9],
        &both[9..]
    );
    assert!(matches!(
        Login::parse(&snils_shaped).unwrap(),
        Login::Snils(_)
    ));
    // Bare digits valid only one way are that one.
    assert!(matches!(
        Login::parse("89161234567").unwrap(),
        Login::Phone(_)
    ));
    assert!(matches!(
        Login::parse("11223344595").unwrap(),
        Login::Snils(_)
    ));
    assert!(matches!(
        Login::parse("Ivan@Mail.ru").unwrap(),
        Login::Email(_)
    ));
}

#[test]
fn document_by_number_of_digits() {
    assert!(matches!(
        Document::parse("серия 4508 номер 123456").unwrap(),
        Document::Passport(_)
    ));
    assert!(matches!(
        Document::parse("5001 0073 2259").unwrap(),
        Document::Inn(_)
    ));
    assert!(matches!(
        Document::parse("112 233 445 95").unwrap(),
        Document::Snils(_)
    ));
    assert_eq!(
        Document::parse("500100732250").unwrap_err(),
        id::Error::InnChecksum
    );
}

#[test]
fn surname_comparison_rules() {
    let s = Surname::new("Алёшин-Петров").unwrap();
    for same in [
        "алешин петров",
        "АЛЁШИН–ПЕТРОВ",
        " Алешинпетров ",
        "Але\u{0308}шин-Петров",
    ] {
        assert!(s.matches(same), "{same}");
    }
    for other in [
        "Алешин",
        "Алёшин-Петрова",
        "Aлёшин-Петров",
        "Aleshin-Petrov",
        "",
    ] {
        assert!(!s.matches(other), "{other}");
    }
    let y = Surname::new("Чайковский").unwrap();
    assert!(y.matches("Чаи\u{0306}ковский"));
    assert!(!y.matches("Чаиковский"));
    assert!(Surname::new("O'Brien").unwrap().matches("obrien"));
}

#[test]
fn email_key_folds_the_domain_only() {
    let key = |s: &str| s.parse::<Email>().unwrap().key().to_string();
    assert_eq!(key("ivan@ПОЧТА.РФ"), key("ivan@xn--80a1acny.xn--p1ai"));
    assert_eq!(key("ivan@Mail.RU"), key(" ivan@mail.ru "));
    assert_ne!(key("Ivan@mail.ru"), key("ivan@mail.ru"));
    assert_ne!(key("ivan.petrov@mail.ru"), key("ivanpetrov@mail.ru"));
    assert_ne!(key("ivan+a@mail.ru"), key("ivan@mail.ru"));
    // Decomposed й in the domain gives the same ASCII form as the composed letter.
    assert_eq!(key("a@и\u{0306}ошкар-ола.рф"), key("a@йошкар-ола.рф"));
    // Django CVE-2019-19844: a dotless ı must not meet i.
    let dotless = Email::parse_internationalised("mıke@example.com").unwrap();
    assert_ne!(dotless.key(), key("mike@example.com"));
}

#[test]
fn huge_inputs_are_rejected_quickly() {
    let huge = "1".repeat(10_000_000);
    assert!(huge.parse::<Snils>().is_err());
    assert!(huge.parse::<Phone>().is_err());
    assert!(format!("{huge}@mail.ru").parse::<Email>().is_err());
    assert!(Login::parse(&huge).is_err());
    assert!(Surname::new(&"я".repeat(1_000_000)).is_err());
}

#[test]
fn types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Snils>();
    check::<Inn>();
    check::<Passport>();
    check::<Phone>();
    check::<Email>();
    check::<Login>();
    check::<Document>();
    check::<Surname>();
    check::<id::Error>();
}

#[cfg(feature = "serde")]
#[test]
fn serde_uses_the_canonical_string_and_validates() {
    let snils: Snils = "11223344595".parse().unwrap();
    assert_eq!(serde_json::to_string(&snils).unwrap(), "\"112-233-445 95\"");
    let back: Snils = serde_json::from_str("\"112 233 445 95\"").unwrap();
    assert_eq!(back, snils);
    assert!(serde_json::from_str::<Snils>("\"112-233-445 96\"").is_err());
    let phone: Phone = serde_json::from_str("\"8 (916) 123-45-67\"").unwrap();
    assert_eq!(serde_json::to_string(&phone).unwrap(), "\"+79161234567\"");
    let email: Email = serde_json::from_str("\"ivan@ПОЧТА.рф\"").unwrap();
    assert_eq!(serde_json::to_string(&email).unwrap(), "\"ivan@почта.рф\"");
    assert!(serde_json::from_str::<Email>("\"ivan@localhost\"").is_err());
}
