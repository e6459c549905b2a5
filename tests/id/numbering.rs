//! The numbering plan: only assigned ranges are phones, and a mistyped number is never read as
//! another one (issue: `8 916 123 45 6` became `+7 891 612-34-56`).

use restore_access::id::phone::{self, Kind};
use restore_access::{ErrorCode, Login, Phone};

fn code(s: &str) -> &'static str {
    s.parse::<Phone>().map_or_else(|e| e.code(), |_| "ok")
}

#[test]
fn a_digit_too_few_or_too_many_is_said_so() {
    let cases = [
        ("8 916 123 45 6", "phone.digit_missing"),
        ("8800831436", "phone.digit_missing"),
        ("916 123 45 6", "phone.digit_missing"),
        ("+7 916 123 45 6", "phone.digit_missing"),
        ("+7 916 123 45 678", "phone.digit_extra"),
        ("8 916 123 45 678", "phone.digit_extra"),
        ("9161234567 8", "phone.digit_extra"),
        ("+7 916 12", "phone.length"),
        ("8 916 1", "phone.length"),
    ];
    for (typed, expected) in cases {
        assert_eq!(code(typed), expected, "{typed}");
    }
}

#[test]
fn unassigned_ranges_are_refused() {
    let cases = [
        ("+7 300 123-45-67", "phone.not_assigned"),
        ("+7 340 123-45-67", "phone.not_assigned"),
        ("+7 430 123-45-67", "phone.not_assigned"),
        ("+7 469 123-45-67", "phone.not_assigned"),
        ("+7 880 123-45-67", "phone.not_assigned"),
        ("+7 899 123-45-67", "phone.not_assigned"),
        ("4509 123456", "phone.not_assigned"),
        ("+7 555 123-45-67", "phone.not_assigned"),
        ("+7 701 123-45-67", "phone.kazakhstan"),
        ("87011234567", "phone.kazakhstan"),
        ("+7 600 123-45-67", "phone.reserved"),
    ];
    for (typed, expected) in cases {
        assert_eq!(code(typed), expected, "{typed}");
        assert!(!phone::is_valid(typed), "{typed}");
    }
}

#[test]
fn assigned_ranges_are_phones_of_their_kind() {
    let cases = [
        ("+7 916 123-45-67", Kind::Mobile),
        ("+7 930 005 45 67", Kind::Mobile),
        ("8 (812) 123-45-67", Kind::Fixed),
        ("8 (495) 539-55-55", Kind::Fixed),
        ("+7 301 123-45-67", Kind::Fixed),
        ("8-800-555-35-35", Kind::TollFree),
        ("8 809 123-45-67", Kind::PremiumRate),
        ("8 808 123-45-67", Kind::Personal),
    ];
    for (typed, kind) in cases {
        let phone: Phone = typed.parse().unwrap_or_else(|e| panic!("{typed}: {e}"));
        assert_eq!(phone.kind(), kind, "{typed}");
        assert_eq!(phone.is_mobile(), kind == Kind::Mobile, "{typed}");
    }
    // Inside 930, only some blocks are assigned.
    assert_eq!(code("+7 930 001 45 67"), "phone.not_assigned");
}

#[test]
fn the_trunk_prefix_after_the_country_code_is_read() {
    let phone: Phone = "+7 8 921 547-28-03".parse().unwrap();
    assert_eq!(phone.e164(), "+79215472803");
    // `+7 812 …` keeps its 8: the fixed line of St Petersburg.
    assert_eq!(
        "+7 812 547-28-03".parse::<Phone>().unwrap().e164(),
        "+78125472803"
    );
}

#[test]
fn a_passport_in_the_login_field_is_no_phone() {
    assert!(Login::parse("4509 123456").is_err());
}
