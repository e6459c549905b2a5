//! Russian and English messages for every stable error code.
//!
//! Each domain module keeps its own table (`MESSAGES`) next to its error enum, so that a new
//! code and its message are written in the same place; this module joins the tables and is
//! the one place a binding asks for a message by code.

use std::fmt;
use std::str::FromStr;

/// The language of a human-readable message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Russian, the language of the portals' own forms.
    #[default]
    Ru,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code: `"ru"` or `"en"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a language tag other than `ru` or `en`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language tag (expected \"ru\" or \"en\")")]
pub struct UnknownLang;

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts `ru` and `en` in any case, and a region suffix such as `ru-RU` or `en_GB`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("ru") {
            Ok(Lang::Ru)
        } else if primary.eq_ignore_ascii_case("en") {
            Ok(Lang::En)
        } else {
            Err(UnknownLang)
        }
    }
}

/// One stable code with its message in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message {
    /// The stable machine code, `domain.reason` (e.g. `snils.checksum`).
    pub code: &'static str,
    /// The message in Russian.
    pub ru: &'static str,
    /// The message in English.
    pub en: &'static str,
}

impl Message {
    /// The message in `lang`.
    pub const fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ru => self.ru,
            Lang::En => self.en,
        }
    }
}

/// Implemented by every error and rule violation in the crate: a stable code and its
/// messages.
pub trait ErrorCode {
    /// The stable machine code, e.g. `snils.checksum`. Codes never change meaning.
    fn code(&self) -> &'static str;

    /// The human message in `lang`.
    fn message(&self, lang: Lang) -> &'static str {
        message(self.code(), lang).unwrap_or(self.code())
    }
}

const TABLES: [&[Message]; 5] = [
    crate::id::MESSAGES,
    crate::password::MESSAGES,
    crate::code::MESSAGES,
    crate::flow::MESSAGES,
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
/// use restore_access::i18n::{message, Lang};
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

    #[test]
    fn lang_parses_tags() {
        assert_eq!("ru-RU".parse(), Ok(Lang::Ru));
        assert_eq!("EN_gb".parse(), Ok(Lang::En));
        assert_eq!("de".parse::<Lang>(), Err(UnknownLang));
        assert_eq!(Lang::En.to_string(), "en");
    }
}
