//! Surnames, compared the way mos.ru's recovery form compares them.

use std::fmt;
use std::str::FromStr;

use super::Error;
use super::clean::chars;

/// A surname as a person typed it, with the key it is compared by.
///
/// What does not matter when comparing ([`Surname::matches`]):
/// - letter case (`ИВАНОВ` = `иванов`);
/// - `ё` and `е` (`Алёшин` = `Алешин`);
/// - hyphens, dashes, spaces and apostrophes (`Римский-Корсаков` = `Римский Корсаков` =
///   `РимскийКорсаков`, `Д'Артаньян` = `Дартаньян`);
/// - surrounding spaces, no-break spaces, and `й`/`ё` typed as a letter plus a combining
///   mark (`и` + U+0306, `е` + U+0308), as some keyboards and PDFs produce.
///
/// What does matter:
/// - every other letter, including `й` against `и` and `ъ` against `ь`;
/// - the script: a Latin letter never matches a Cyrillic one, however alike they look
///   (`Иванoв` with a Latin `o` is rejected with `surname.mixed_script`, and `Ivanov` does
///   not match `Иванов` — there is no transliteration);
/// - letters outside Cyrillic and Latin (U+0000–U+024F, U+0400–U+04FF) and digits are not
///   accepted (`surname.format`).
///
/// ```
/// use restore_access::Surname;
///
/// let surname = Surname::new("Римский-Корсаков")?;
/// assert!(surname.matches("римский корсаков"));
/// assert!(Surname::new("Алёшин")?.matches("АЛЕШИН"));
/// assert!(!Surname::new("Иванов")?.matches("Ivanov"));
/// assert_eq!(surname.masked().to_string(), "Р***");
/// # Ok::<(), restore_access::id::Error>(())
/// ```
#[derive(Clone)]
pub struct Surname {
    text: Box<str>,
    key: Box<str>,
}

#[derive(PartialEq)]
enum Script {
    Cyrillic,
    Latin,
}

fn script(c: char) -> Option<Script> {
    match c {
        '\u{0400}'..='\u{04FF}' if c.is_alphabetic() => Some(Script::Cyrillic),
        'a'..='z' | 'A'..='Z' => Some(Script::Latin),
        '\u{00C0}'..='\u{024F}' if c.is_alphabetic() => Some(Script::Latin),
        _ => None,
    }
}

impl Surname {
    /// Longest surname accepted, in characters.
    pub const MAX_CHARS: usize = 100;

    /// Checks a surname and computes its comparison key.
    pub fn new(s: &str) -> Result<Self, Error> {
        // Four bytes per character at most: longer input cannot be within the limit.
        if s.len() > 4 * Self::MAX_CHARS + 64 || chars(s).count() > Self::MAX_CHARS {
            return Err(Error::SurnameTooLong);
        }
        let mut key = String::new();
        let mut seen = None;
        for c in chars(s) {
            match c {
                ' ' | '-' | '\'' | '`' | '\u{2019}' | '\u{02BC}' => continue,
                // A combining breve after и makes й; a diaeresis after е makes ё, read as е.
                '\u{0306}' if key.ends_with('и') => {
                    key.pop();
                    key.push('й');
                    continue;
                }
                '\u{0308}' if key.ends_with('е') => continue,
                _ => {}
            }
            let this = script(c).ok_or(Error::SurnameFormat)?;
            if seen.as_ref().is_some_and(|s| *s != this) {
                return Err(Error::SurnameMixedScript);
            }
            seen = Some(this);
            for lower in c.to_lowercase() {
                key.push(if lower == 'ё' { 'е' } else { lower });
            }
        }
        if key.is_empty() {
            return Err(Error::SurnameEmpty);
        }
        Ok(Surname {
            text: chars(s).collect::<String>().into_boxed_str(),
            key: key.into_boxed_str(),
        })
    }

    /// Whether `typed` is this surname, by the rules above. Input that is not a valid surname
    /// never matches.
    pub fn matches(&self, typed: &str) -> bool {
        Surname::new(typed).is_ok_and(|t| t.key == self.key)
    }

    /// The surname as typed, trimmed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The comparison key: lower case, `ё` as `е`, without spaces, hyphens and apostrophes.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// A form safe for logs: the first letter only, `И***`.
    pub fn masked(&self) -> super::Masked<'_> {
        super::Masked(super::masked::Of::Surname(self))
    }

    pub(crate) fn fmt_masked(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let first = self.text.chars().find(|c| c.is_alphabetic()).unwrap_or('*');
        write!(f, "{first}***")
    }
}

impl FromStr for Surname {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Surname::new(s)
    }
}

/// Surnames are equal when their keys are, that is when one [`Surname::matches`] the other.
impl PartialEq for Surname {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for Surname {}

impl std::hash::Hash for Surname {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl fmt::Display for Surname {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Surname {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Surname({})", self.masked())
    }
}
