//! Every code the crate defines, with its messages: the domains' tables joined, for a lookup
//! by code (a binding showing the message of a code it was handed, a test that every code is
//! unique and has both messages).

use crate::i18n::{Lang, Message};

const TABLES: &[&[Message]] = &[
    crate::id::Error::MESSAGES,
    crate::name::Error::MESSAGES,
    crate::password::Violation::MESSAGES,
    crate::password::Error::MESSAGES,
    crate::code::Error::MESSAGES,
    crate::flow::Error::MESSAGES,
    crate::flow::PROMPTS,
];

/// Every code the crate can report, with its messages.
pub fn all() -> impl Iterator<Item = &'static Message> {
    TABLES.iter().flat_map(|table| table.iter())
}

/// The entry for `code`, if the crate defines it.
pub fn lookup(code: &str) -> Option<&'static Message> {
    all().find(|m| m.code == code)
}

/// The message for `code` in `lang`, if the crate defines the code.
///
/// ```
/// use restore_access::catalog::message;
/// use restore_access::Lang;
///
/// assert_eq!(message("snils.checksum", Lang::En).map(|m| m.starts_with("The SNILS")), Some(true));
/// assert!(message("no.such.code", Lang::En).is_none());
/// ```
pub fn message(code: &str, lang: Lang) -> Option<&'static str> {
    lookup(code).map(|m| m.text(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for m in all() {
            assert!(seen.insert(m.code), "duplicate code {}", m.code);
            let (domain, reason) = m.code.split_once('.').expect("code has a domain");
            let well_formed = |s: &str| {
                !s.is_empty()
                    && s.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.'
                    })
            };
            assert!(
                well_formed(domain) && well_formed(reason),
                "bad code {}",
                m.code
            );
        }
    }

    #[test]
    fn every_message_is_written_in_its_language() {
        for m in all() {
            assert!(
                m.ru.chars()
                    .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c))),
                "{}: the Russian message has no Cyrillic",
                m.code
            );
            assert!(
                m.en.chars().any(|c| c.is_ascii_alphabetic()),
                "{}: the English message has no Latin letters",
                m.code
            );
        }
    }
}
