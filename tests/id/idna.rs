//! E-mail domains through UTS #46 (the `idna` crate): the audit's examples, each refused with
//! its own code or stored in the one form every spelling shares.

use restore_access::id::email::{self, Options};
use restore_access::{Email, ErrorCode};

fn code(s: &str) -> &'static str {
    s.parse::<Email>().map_or_else(|e| e.code(), |_| "ok")
}

#[test]
fn what_idna_does_not_allow_is_refused_with_its_own_code() {
    let cases = [
        ("me@xn--zz.ru", "email.a_label"),
        ("me@XN--ZZ.ru", "email.a_label"),
        ("me@⒈example.com", "email.domain_char"),
        ("me@ㅤ.com", "email.domain_char"),
        ("me@a\u{200C}b.com", "email.domain_char"),
        ("me@1שלום.com", "email.bidi"),
        ("me@ab_c.почта.рф", "email.domain"),
        ("me@-почта.рф", "email.domain"),
        ("me@почта..рф", "email.domain"),
    ];
    for (typed, expected) in cases {
        assert_eq!(code(typed), expected, "{typed}");
        assert!(!email::is_valid(typed), "{typed}");
    }
}

#[test]
fn the_stored_form_and_the_key_are_the_uts46_ones() {
    let cases = [
        ("me@ﬁle.com", "me@file.com", "me@file.com"),
        ("me@x².com", "me@x2.com", "me@x2.com"),
        ("me@ПОЧТА.рф", "me@почта.рф", "me@xn--80a1acny.xn--p1ai"),
        (
            "me@xn--80a1acny.xn--p1ai",
            "me@xn--80a1acny.xn--p1ai",
            "me@xn--80a1acny.xn--p1ai",
        ),
        ("me@straße.de", "me@straße.de", "me@xn--strae-oqa.de"),
    ];
    for (typed, stored, key) in cases {
        let email: Email = typed.parse().unwrap_or_else(|e| panic!("{typed}: {e}"));
        assert_eq!((email.as_str(), email.key()), (stored, key), "{typed}");
    }
    let typed: Email = "me@ﬁle.com".parse().unwrap();
    let plain: Email = "me@file.com".parse().unwrap();
    assert_eq!(typed, plain, "one mailbox, one stored form");
}

#[test]
fn every_full_stop_separates_labels() {
    for typed in [
        "ivan@mail.ru",
        "ivan@mail。ru",
        "ivan@mail．ru",
        "ivan@mail｡ru",
    ] {
        assert_eq!(
            typed.parse::<Email>().map(|e| e.key().to_owned()),
            Ok("ivan@mail.ru".to_owned()),
            "{typed}"
        );
    }
}

#[test]
fn special_use_domains_are_refused_unless_allowed() {
    for tld in ["test", "invalid", "localhost", "local", "onion", "arpa"] {
        let typed = format!("ivan@host.{tld}");
        assert_eq!(code(&typed), "email.special_use", "{typed}");
        assert!(Email::parse_with(&typed, Options::default().special_use(true)).is_ok());
        assert!(email::is_valid_with(
            &typed,
            Options::default().special_use(true)
        ));
    }
    assert_eq!(
        code("ivan@example.com"),
        "ok",
        "reserved for documentation, not special use"
    );
}

#[test]
fn symbols_uts46_alone_would_pass_are_not_idna2008() {
    for typed in ["ivan@mail.ru☺", "ivan@☺.ru", "ivan@почта♥.рф"] {
        assert_eq!(code(typed), "email.domain_char", "{typed}");
    }
}

/// Found by the `identifiers` fuzz target: `¾` maps to `3⁄4`, whose `⁄` is no letter, so the
/// stored form would not have parsed back.
#[test]
fn what_is_stored_parses_back() {
    assert_eq!(code("ivavn@поп¾чяG8ӂа.рф"), "email.domain_char");
    for typed in [
        "me@ﬁle.com",
        "me@x².com",
        "me@ПОЧТА.рф",
        "me@straße.de",
        "me@ТМ™.рф",
    ] {
        if let Ok(email) = typed.parse::<Email>() {
            let again: Email = email
                .as_str()
                .parse()
                .unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(again, email, "{typed}");
        }
    }
}
