//! Public vectors (copied into tests/vectors/ with their provenance) against the library and
//! the reference.

use restore_access::id::{self, Error};
use restore_access::{Email, ErrorCode, Inn, Passport, Phone, Snils};

use super::reference;

/// The rows of `tests/vectors/<name>`.
fn rows(name: &str) -> Vec<Vec<String>> {
    let rows = super::table("vectors", name);
    assert!(rows.len() > 10, "{name}: too few rows");
    rows
}

/// The digits of `s` when it holds nothing but digits, spaces and hyphens.
fn plain_digits(s: &str) -> Option<String> {
    s.chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
        .then(|| s.chars().filter(char::is_ascii_digit).collect())
}

#[test]
fn snils_computed_edge_cases() {
    for row in rows("snils_computed.tsv") {
        let (input, expected) = (&row[0], row[1] == "valid");
        let parsed = input.parse::<Snils>();
        assert_eq!(parsed.is_ok(), expected, "{input}: {}", row[3]);
        assert_eq!(id::snils::is_valid(input), expected, "{input}");
        if let Ok(snils) = parsed {
            assert_eq!(snils.to_string(), row[2], "{input}");
        }
        if let Some(d) = plain_digits(input).filter(|d| d.len() == 11) {
            assert_eq!(reference::snils_ok(&d), expected, "reference on {input}");
        }
    }
}

#[test]
fn snils_from_libraries_follow_the_rule() {
    // The last column is the answer of an implementation of the rule; where a library's own
    // answer differs (it demanded the dashed format), the rule wins, as the vectors say.
    for row in rows("snils_from_libs.tsv") {
        let input = &row[0];
        // The one row where the project's rule differs from the vectors' reference: the
        // all-zero placeholder is refused (`snils.placeholder`), as Kenedy228's test says.
        let placeholder = plain_digits(input).is_some_and(|d| d == "00000000000");
        let expected = row[3] == "ref=True" && !placeholder;
        assert_eq!(
            input.parse::<Snils>().is_ok(),
            expected,
            "{input} ({})",
            row[2]
        );
        if let Some(d) = plain_digits(input).filter(|d| d.len() == 11) {
            assert_eq!(reference::snils_ok(&d), expected, "reference on {input}");
        }
    }
}

#[test]
fn inn_vectors() {
    for row in rows("inn.tsv") {
        let input = &row[0];
        let parsed = input.parse::<Inn>();
        let reference = plain_digits(input).is_some_and(|d| reference::inn_ok(&d));
        assert_eq!(parsed.is_ok(), reference, "{input}");
        assert_eq!(id::inn::is_valid(input), reference, "{input}");
        // The vectors' own reference strips only spaces, so it rejects `7707-083-893`, which
        // this library (like people) reads as 7707083893.
        if !input.contains('-') {
            assert_eq!(
                row[3] == "ref=True",
                reference,
                "vector reference on {input}"
            );
        }
    }
}

#[test]
fn phone_vectors_agree_with_libphonenumber_and_beat_the_rust_crate() {
    let mut beaten = 0;
    for row in rows("phones_ru.tsv") {
        let (input, e164, valid, region, note) = (&row[0], &row[1], &row[2], &row[4], &row[6]);
        let national = e164.strip_prefix("+7").unwrap_or_default();
        let expected: Result<&str, Error> = if note.contains("extension") {
            Err(Error::PhoneExtension)
        } else if !e164.starts_with("+7") {
            Err(Error::PhoneNotRussian)
        } else if note == "too short" {
            Err(Error::PhoneDigitMissing)
        } else if note == "too long" {
            Err(Error::PhoneDigitExtra)
        } else if national.starts_with('7') {
            Err(Error::PhoneKazakhstan)
        } else if national.starts_with('6') {
            Err(Error::PhoneReserved)
        } else if valid == "True" && region == "RU" {
            Ok(e164.as_str())
        } else {
            // The numbering plan is libphonenumber's: what it calls invalid is unassigned.
            Err(Error::PhoneNotAssigned)
        };
        // Where libphonenumber calls a +7 number valid and Russian, the rule must accept it
        // (except an extension, which this library rejects on purpose).
        if valid == "True" && region == "RU" && !note.contains("extension") {
            assert!(expected.is_ok(), "{input}");
        }
        let got = input.parse::<Phone>();
        assert_eq!(
            got.as_ref().map(Phone::e164).map_err(|e| e.code()),
            expected.map_err(|e| e.code()),
            "{input}: {note}"
        );
        assert_eq!(id::phone::is_valid(input), expected.is_ok(), "{input}");
        if row[7].contains("<<DIFFERS") && got.is_ok() {
            beaten += 1;
        }
    }
    assert!(
        beaten >= 10,
        "right on only {beaten} numbers the phonenumber crate gets wrong"
    );
}

#[test]
fn passport_forms() {
    for row in rows("passport_ru_forms.tsv") {
        let (input, verdict, canonical, note) = (&row[0], &row[1], &row[2], &row[3]);
        let parsed = input.parse::<Passport>();
        // The year of the blank is not checked: that would need today's date (see the docs).
        let expected = verdict.starts_with("valid")
            || verdict.starts_with("suspicious")
            || (verdict == "invalid-strict" && note.contains("blank year"));
        assert_eq!(parsed.is_ok(), expected, "{input}: {note}");
        assert_eq!(id::passport::is_valid(input), expected, "{input}");
        if let Ok(p) = parsed {
            assert_eq!(p.to_string(), *canonical, "{input}");
        }
    }
}

/// Where this library answers differently from python email-validator, on purpose.
fn email_deviation(note_or_input: &str) -> Option<bool> {
    match note_or_input {
        // Surrounding whitespace is trimmed for every identifier.
        "trailing space" | "trailing newline" | "a@b.com\n" => Some(true),
        // The 64-octet limit of RFC 5321 is enforced (email-validator 2.4 does not).
        "65-char local (over)" => Some(false),
        "1234567890123456789012345678901234567890123456789012345678901234+x@example.com" => {
            Some(false)
        }
        _ => None,
    }
}

#[test]
fn emails_agree_with_email_validator() {
    for row in rows("emails.tsv") {
        let (input, note, py) = (super::unescape(&row[0]), &row[1], &row[2]);
        let parsed = input.parse::<Email>();
        assert_eq!(id::email::is_valid(&input), parsed.is_ok(), "{input:?}");
        let py_ascii = py
            .split(" ascii='")
            .nth(1)
            .and_then(|rest| rest.split('\'').next());
        let expected = match (email_deviation(note), py.starts_with("valid")) {
            (Some(ours), _) => ours,
            // An internationalised local part needs the opt-in parser.
            (None, true) if py_ascii.is_none() => {
                assert!(Email::parse_internationalised(&input).is_ok(), "{input}");
                assert_eq!(parsed, Err(Error::EmailUnicodeLocal), "{input}");
                continue;
            }
            (None, py_valid) => py_valid,
        };
        assert_eq!(parsed.is_ok(), expected, "{input:?}: {note}: {parsed:?}");
        if let (Ok(email), Some(ascii), None) = (&parsed, py_ascii, email_deviation(note)) {
            assert_eq!(email.ascii(), ascii, "{input}");
        }
    }
}

#[test]
fn emails_from_other_libraries_agree_with_email_validator() {
    for row in rows("emails_from_libs.tsv") {
        let input = super::unescape(&row[0]);
        let py_valid = row[3] == "py=valid";
        let parsed = input.parse::<Email>();
        assert_eq!(id::email::is_valid(&input), parsed.is_ok(), "{input:?}");
        let expected = match email_deviation(&input) {
            Some(ours) => ours,
            None if py_valid && !input.split('@').next().unwrap_or("").is_ascii() => {
                assert!(Email::parse_internationalised(&input).is_ok(), "{input}");
                false
            }
            None => py_valid,
        };
        assert_eq!(parsed.is_ok(), expected, "{input:?} ({})", row[2]);
    }
}
