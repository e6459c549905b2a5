//! Every identifier parser on any text: no panic, `is_valid` agrees with the parser, and the
//! canonical form parses back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use restore_access::id::{self, Document, Email, Inn, Login, Passport, Phone, Snils, Surname};

fn round_trip<T>(s: &str, is_valid: fn(&str) -> bool)
where
    T: std::str::FromStr + std::fmt::Display + PartialEq + std::fmt::Debug,
{
    let parsed = s.parse::<T>();
    assert_eq!(is_valid(s), parsed.is_ok(), "is_valid disagrees on {s:?}");
    if let Ok(value) = parsed {
        let again = value.to_string().parse::<T>().ok();
        assert_eq!(again.as_ref(), Some(&value), "{value} does not parse back");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    round_trip::<Snils>(s, id::snils::is_valid);
    round_trip::<Inn>(s, id::inn::is_valid);
    round_trip::<Passport>(s, id::passport::is_valid);
    round_trip::<Phone>(s, id::phone::is_valid);
    round_trip::<Email>(s, id::email::is_valid);
    let _ = Login::parse(s).map(|l| l.masked().to_string());
    let _ = Login::parse_unambiguous(s);
    let _ = Document::parse(s).map(|d| d.masked().to_string());
    if let Ok(surname) = Surname::new(s) {
        assert!(surname.matches(s), "a surname matches itself: {s:?}");
    }
});
