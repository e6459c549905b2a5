//! Properties over arbitrary and generated input.

use proptest::prelude::*;
use restore_access::id;
use restore_access::{Document, Email, Inn, Login, Passport, Phone, Snils, Surname};

use super::reference;

/// Strings made mostly of what identifiers are typed with, to reach deep into the parsers.
fn typed() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "0", "1", "7", "8", "9", " ", "-", "(", ")", "+", "@", ".", "№", "a", "я", "ё",
            "\u{a0}", "\u{2013}", "７", "доб", "xn--", "рф", "\u{306}", "\"", "[",
        ]),
        0..30,
    )
    .prop_map(|parts| parts.concat())
}

fn any_input() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        typed(),
        "[0-9 ()+-]{0,20}",
        "[a-zA-Z0-9.@-]{0,30}"
    ]
}

/// National numbers in assigned ranges: mobiles (9xx but the partly assigned 930), the fixed
/// lines of Moscow, Saint Petersburg and Novosibirsk, and toll-free numbers.
fn assigned_national() -> impl Strategy<Value = String> {
    "(9[0-24-9][0-9]|495|812|383|800)[0-9]{7}"
}

fn email() -> impl Strategy<Value = String> {
    (
        "[a-zA-Z0-9_+-]{1,10}(\\.[a-zA-Z0-9]{1,5}){0,2}",
        prop::collection::vec("[a-z0-9]{1,8}|[а-яё]{1,8}|[a-z]{1,3}-[a-z]{1,3}", 1..4),
        "[a-z]{2,6}|рф|москва",
    )
        .prop_map(|(local, labels, tld)| format!("{local}@{}.{tld}", labels.join(".")))
}

proptest! {
    #[test]
    fn no_parser_panics_and_is_valid_agrees(s in any_input()) {
        prop_assert_eq!(id::snils::is_valid(&s), s.parse::<Snils>().is_ok());
        prop_assert_eq!(id::inn::is_valid(&s), s.parse::<Inn>().is_ok());
        prop_assert_eq!(id::passport::is_valid(&s), s.parse::<Passport>().is_ok());
        prop_assert_eq!(id::phone::is_valid(&s), s.parse::<Phone>().is_ok());
        prop_assert_eq!(id::email::is_valid(&s), s.parse::<Email>().is_ok());
        let _ = Email::parse_internationalised(&s);
        let _ = Login::parse(&s);
        let _ = Document::parse(&s);
        if let Ok(surname) = Surname::new(&s) {
            prop_assert!(surname.matches(&s));
            prop_assert!(surname.matches(&s.to_uppercase()));
        }
    }

    #[test]
    fn snils_display_round_trips_and_one_digit_changes_are_caught(
        body in "[0-9]{9}", pos in 0usize..11, digit in 0u32..10,
    ) {
        let valid = reference::snils_complete(&body);
        let snils: Snils = valid.parse().unwrap();
        prop_assert_eq!(snils.to_string().parse::<Snils>().unwrap(), snils.clone());
        prop_assert_eq!(snils.digits(), valid.as_str());

        let mut changed: Vec<char> = valid.chars().collect();
        changed[pos] = char::from_digit(digit, 10).unwrap();
        let changed: String = changed.into_iter().collect();
        prop_assert_eq!(changed.parse::<Snils>().is_ok(), reference::snils_ok(&changed));
        if changed != valid && body.parse::<u32>().unwrap() > 1_001_998 && pos >= 9 {
            // The check number itself was changed: always caught.
            prop_assert!(changed.parse::<Snils>().is_err());
        }
    }

    #[test]
    fn inn_display_round_trips_and_one_digit_changes_are_caught(
        body in "[0-9]{9}|[0-9]{10}", pos in 0usize..12, digit in 0u32..10,
    ) {
        let valid = reference::inn_complete(&body);
        let inn: Inn = valid.parse().unwrap();
        prop_assert_eq!(inn.to_string().parse::<Inn>().unwrap(), inn.clone());
        prop_assert_eq!(inn.digits(), valid.as_str());

        let pos = pos % valid.len();
        let mut changed: Vec<char> = valid.chars().collect();
        changed[pos] = char::from_digit(digit, 10).unwrap();
        let changed: String = changed.into_iter().collect();
        prop_assert_eq!(changed.parse::<Inn>().is_ok(), reference::inn_ok(&changed));
        if changed != valid && pos == valid.len() - 1 {
            prop_assert!(changed.parse::<Inn>().is_err());
        }
    }

    #[test]
    fn phone_forms_round_trip(national in assigned_national()) {
        let (code, rest) = national.split_at(3);
        let forms = [
            format!("+7{national}"),
            format!("8 ({code}) {}-{}-{}", &rest[..3], &rest[3..5], &rest[5..]),
            format!("7{national}"),
            national.clone(),
        ];
        for form in forms {
            let phone: Phone = form.parse().unwrap();
            prop_assert_eq!(phone.national(), national.as_str());
            prop_assert_eq!(phone.to_string().parse::<Phone>().unwrap(), phone.clone());
            prop_assert_eq!(phone.pretty().to_string().parse::<Phone>().unwrap(), phone);
        }
    }

    #[test]
    fn passport_round_trips(digits in "[0-9]{10}") {
        prop_assume!(&digits[..2] != "00" && &digits[4..] != "000000");
        let passport: Passport = digits.parse().unwrap();
        prop_assert_eq!(format!("{}{}", passport.series(), passport.number()), digits);
        prop_assert_eq!(passport.to_string().parse::<Passport>().unwrap(), passport);
    }

    #[test]
    fn email_round_trips(s in email()) {
        let email: Email = s.parse().unwrap();
        let again: Email = email.to_string().parse().unwrap();
        prop_assert_eq!(again.as_str(), email.as_str());
        let ascii: Email = email.ascii().parse().unwrap();
        prop_assert_eq!(ascii.key(), email.key());
        prop_assert!(email.ascii().is_ascii());
        prop_assert!(id::email::is_valid(&s));
    }
}
