//! What the portal knows about the person, so the password does not repeat it.

use super::dictionary::{fold_case, key_char};
use super::{Hasher, Password, Violation, capped};
use crate::id::clean::digits;
use std::fmt;

/// A date of birth, as the portal stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BirthDate {
    /// Year, e.g. 1985.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

/// What the host knows of the person, so the new password cannot contain it.
///
/// `PersonalData::from` a [`crate::flow::Account`] fills the contacts, surname and СНИЛС; add the first
/// name, birth date and the current password's hash where the host has them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct PersonalData {
    /// The login the person signs in with.
    pub login: Option<String>,
    /// The e-mail.
    pub email: Option<String>,
    /// The phone, in any form.
    pub phone: Option<String>,
    /// The СНИЛС, in any form.
    pub snils: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Surname.
    pub surname: Option<String>,
    /// Date of birth.
    pub birth_date: Option<BirthDate>,
    /// The current password's PHC string, so the new one cannot equal it.
    pub old_hash: Option<String>,
}

impl PersonalData {
    /// The password checker's view of this data; the old hash is checked with `hasher`.
    ///
    /// ```
    /// use restore_access::password::{Hasher, PersonalData, Policy};
    ///
    /// let mut person = PersonalData::default();
    /// person.surname = Some("Шелестов".into());
    /// let hasher = Hasher::new();
    /// let report = Policy::gosuslugi().check("Shelestov2024!", &person.context(&hasher));
    /// assert_eq!(report.codes().collect::<Vec<_>>(), ["password.contains_surname"]);
    /// ```
    pub fn context<'a>(&'a self, hasher: &'a Hasher) -> Context<'a> {
        let mut ctx = Context::new();
        type Setter<'a> = fn(Context<'a>, &'a str) -> Context<'a>;
        let fields: [(&Option<String>, Setter<'a>); 6] = [
            (&self.login, Context::login),
            (&self.email, Context::email),
            (&self.phone, Context::phone),
            (&self.snils, Context::snils),
            (&self.first_name, Context::first_name),
            (&self.surname, Context::surname),
        ];
        for (value, set) in fields {
            if let Some(v) = value {
                ctx = set(ctx, v);
            }
        }
        if let Some(date) = self.birth_date {
            ctx = ctx.birth_date(date);
        }
        if let Some(phc) = &self.old_hash {
            ctx = ctx.previous_hash(phc, hasher);
        }
        ctx
    }
}

/// The person's data a password must not contain; every field is optional.
///
/// Fields take what the person or the portal typed, in any form: the phone as
/// `8 (916) 123-45-67` or `+79161234567`, the СНИЛС as `112-233-445 95` or `11223344595`.
/// `Debug` shows only which fields are set. Each text field is looked at up to its first
/// [`MAX_PASSWORD_BYTES`](super::MAX_PASSWORD_BYTES) bytes, so the checks take bounded time
/// whatever the fields hold.
///
/// ```
/// use restore_access::password::{BirthDate, Context};
/// let ctx = Context::new()
///     .login("ivanov85")
///     .surname("Иванов")
///     .phone("8 (916) 123-45-67")
///     .birth_date(BirthDate { year: 1985, month: 5, day: 5 });
/// assert_eq!(
///     format!("{ctx:?}"),
///     "Context { set: [\"login\", \"surname\", \"phone\", \"birth_date\"] }"
/// );
/// ```
#[derive(Clone, Copy, Default)]
pub struct Context<'a> {
    login: Option<&'a str>,
    email: Option<&'a str>,
    surname: Option<&'a str>,
    first_name: Option<&'a str>,
    phone: Option<&'a str>,
    snils: Option<&'a str>,
    birth_date: Option<BirthDate>,
    previous: Option<(&'a str, &'a Hasher)>,
}

/// Shortest name, login or e-mail part that is looked for: shorter ones match by chance.
const MIN_TEXT: usize = 3;
/// Shortest run of a phone's or СНИЛС's digits that is looked for.
const MIN_DIGITS: usize = 4;

impl<'a> Context<'a> {
    /// No personal data.
    pub fn new() -> Self {
        Context::default()
    }

    /// The login the person signs in with.
    pub fn login(mut self, login: &'a str) -> Self {
        self.login = Some(capped(login));
        self
    }

    /// The e-mail address; its local part (before `@`, and its pieces) is looked for.
    pub fn email(mut self, email: &'a str) -> Self {
        self.email = Some(capped(email));
        self
    }

    /// The surname, in Cyrillic or Latin.
    pub fn surname(mut self, surname: &'a str) -> Self {
        self.surname = Some(capped(surname));
        self
    }

    /// The first name, in Cyrillic or Latin.
    pub fn first_name(mut self, first_name: &'a str) -> Self {
        self.first_name = Some(capped(first_name));
        self
    }

    /// The phone number in any typed form.
    pub fn phone(mut self, phone: &'a str) -> Self {
        self.phone = Some(capped(phone));
        self
    }

    /// The СНИЛС in any typed form.
    pub fn snils(mut self, snils: &'a str) -> Self {
        self.snils = Some(capped(snils));
        self
    }

    /// The date of birth.
    pub fn birth_date(mut self, date: BirthDate) -> Self {
        self.birth_date = Some(date);
        self
    }

    /// The stored PHC hash of the current password and the hasher (with its pepper) that
    /// verifies it, for the reuse check. This costs at most one Argon2 computation at the
    /// hasher's own cost per check: a stored hash that would cost more (more memory, or more
    /// work — memory × passes — than `hasher` spends on a hash of its own, or passes or
    /// lanes above the ceiling of [`Hasher::verify`]) is treated as *not the same password*
    /// and not verified, so what is stored cannot make a check slow. After lowering the hasher's cost, reuse of
    /// a password stored at the old, higher cost is therefore not caught until it is rehashed
    /// (see [`Hasher::needs_rehash`]).
    pub fn previous_hash(mut self, phc: &'a str, hasher: &'a Hasher) -> Self {
        self.previous = Some((phc, hasher));
        self
    }

    /// Appends a violation for each piece of personal data found in `password`, whose
    /// characters' key forms are `keys`.
    pub(crate) fn violations(&self, password: &str, keys: &[char], out: &mut Vec<Violation>) {
        let mut typed = Typed::new(password, keys);
        let texts = [
            (self.login, Violation::ContainsLogin),
            (self.surname, Violation::ContainsSurname),
            (self.first_name, Violation::ContainsName),
        ];
        for (text, violation) in texts {
            if text.is_some_and(|t| typed.contains_text(t)) {
                out.push(violation);
            }
        }
        if self.email.is_some_and(|e| typed.contains_email(e)) {
            out.push(Violation::ContainsEmail);
        }
        // Most passwords hold no run of digits long enough: then the numbers are not read.
        let numbers = typed.has_digit_run();
        if numbers
            && self
                .phone
                .is_some_and(|p| typed.contains_digit_run(&national_digits(p)))
        {
            out.push(Violation::ContainsPhone);
        }
        if numbers
            && self
                .snils
                .is_some_and(|s| typed.contains_digit_run(&digits(s)))
        {
            out.push(Violation::ContainsSnils);
        }
        if self.birth_date.is_some_and(|d| typed.contains_date(d)) {
            out.push(Violation::ContainsBirthDate);
        }
    }

    /// Whether `password` verifies against the previous hash, at no more than the hasher's
    /// own cost. A malformed stored hash tells nothing, and one costlier than the hasher's own
    /// is not verified, so neither is a violation.
    pub(crate) fn reuses(&self, password: &str) -> bool {
        self.previous.is_some_and(|(phc, hasher)| {
            hasher
                .verify_at_own_cost(&Password::from(password), phc)
                .unwrap_or(false)
        })
    }
}

impl fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fields = [
            ("login", self.login.is_some()),
            ("email", self.email.is_some()),
            ("surname", self.surname.is_some()),
            ("first_name", self.first_name.is_some()),
            ("phone", self.phone.is_some()),
            ("snils", self.snils.is_some()),
            ("birth_date", self.birth_date.is_some()),
            ("previous_hash", self.previous.is_some()),
        ];
        let set: Vec<&str> = fields.iter().filter(|f| f.1).map(|f| f.0).collect();
        f.debug_struct("Context").field("set", &set).finish()
    }
}

/// The password in the forms the checks compare against.
struct Typed<'p> {
    raw: &'p [u8],
    /// Lower case, Cyrillic letters as their QWERTY keys.
    key: String,
    /// Where the form of each name is built, reused from one to the next.
    form: String,
}

impl<'p> Typed<'p> {
    fn new(raw: &'p str, keys: &[char]) -> Self {
        Typed {
            raw: raw.as_bytes(),
            key: keys.iter().collect(),
            form: String::new(),
        }
    }

    /// `text` as typed, keyboard-remapped (both via the key form) or transliterated.
    fn contains_text(&mut self, text: &str) -> bool {
        let text = text.trim();
        if text.chars().count() < MIN_TEXT {
            return false;
        }
        self.form.clear();
        self.form.extend(text.chars().map(key_char));
        if contains(&self.key, &self.form) {
            return true;
        }
        // Only a name with non-ASCII letters has a transliteration.
        !text.is_ascii()
            && TRANSLIT_STYLES.iter().any(|&style| {
                self.form.clear();
                transliterate_into(text, style, &mut self.form);
                contains(&self.key, &self.form)
            })
    }

    /// The local part of the address and each of its pieces (`ivan.petrov+news`).
    fn contains_email(&mut self, email: &str) -> bool {
        let local = email.rsplit_once('@').map_or(email, |(local, _)| local);
        let local = local.split('+').next().unwrap_or(local);
        self.contains_text(local)
            || local
                .split(['.', '_', '-'])
                .filter(|part| part.chars().count() > MIN_TEXT)
                .any(|part| self.contains_text(part))
    }

    /// Whether the password holds [`MIN_DIGITS`] digits in a row.
    fn has_digit_run(&self) -> bool {
        self.digit_windows().next().is_some()
    }

    /// Every [`MIN_DIGITS`] bytes of the password that are all digits.
    fn digit_windows(&self) -> impl Iterator<Item = &[u8]> {
        self.raw
            .windows(MIN_DIGITS)
            .filter(|w| w.iter().all(u8::is_ascii_digit))
    }

    /// Any run of [`MIN_DIGITS`] consecutive digits of `number`.
    fn contains_digit_run(&self, number: &[u8]) -> bool {
        self.digit_windows()
            .any(|w| number.windows(MIN_DIGITS).any(|n| n == w))
    }

    /// The date as people write it: 05051985, 050585, 0505, 19850505, 1985, with `.`, `-`,
    /// `/` or nothing between the parts. Every form holds the year or the day followed by
    /// the month, so those two are all that is looked for, in one pass.
    fn contains_date(&self, date: BirthDate) -> bool {
        let digit = |n: u16| char::from_digit(u32::from(n % 10), 10).map_or(b'0', |c| c as u8);
        let two = |n: u16| [digit(n / 10), digit(n)];
        let [d0, d1] = two(date.day.into());
        let month = two(date.month.into());
        let [y0, y1] = two(date.year / 100);
        let [y2, y3] = two(date.year % 100);
        let year = [y0, y1, y2, y3];
        let raw = self.raw;
        (0..raw.len()).any(|i| {
            let rest = raw.get(i..).unwrap_or_default();
            let day_month = match rest {
                [a, b, after @ ..] if [*a, *b] == [d0, d1] => match after {
                    [b'.' | b'-' | b'/', tail @ ..] => tail.starts_with(&month),
                    _ => after.starts_with(&month),
                },
                _ => false,
            };
            day_month || rest.starts_with(&year)
        })
    }
}

/// Whether `needle` occurs in `haystack`. Both are a few dozen bytes at most, where trying
/// each place the first byte matches beats a searcher that first analyses the needle.
fn contains(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    let last_start = haystack.len().saturating_sub(needle.len());
    haystack
        .get(..=last_start)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == first)
        .any(|(i, _)| {
            haystack
                .get(i..)
                .is_some_and(|rest| rest.starts_with(needle))
        })
}

/// A Russian phone's ten national digits (the `+7`/`8` trunk prefix dropped); other numbers
/// as they are.
fn national_digits(phone: &str) -> Vec<u8> {
    let all = digits(phone);
    match all.as_slice() {
        [b'7' | b'8', rest @ ..] if rest.len() == 10 => rest.to_vec(),
        _ => all,
    }
}

/// Transliteration styles people use for their names: the passport (ICAO 9303) rules, and
/// the popular one (й → y, х → h, ю → yu, я → ya).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Style {
    Passport,
    Popular,
}

pub(crate) const TRANSLIT_STYLES: [Style; 2] = [Style::Passport, Style::Popular];

/// Appends `text` transliterated, in lower case; non-Cyrillic characters are kept.
pub(crate) fn transliterate_into(text: &str, style: Style, out: &mut String) {
    let popular = matches!(style, Style::Popular);
    for c in text.chars().map(fold_case) {
        let latin = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'э' => "e",
            'ё' if popular => "yo",
            'ё' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' if popular => "y",
            'й' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' if popular => "h",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' if popular => "sch",
            'щ' => "shch",
            'ъ' if popular => "",
            'ъ' => "ie",
            'ы' => "y",
            'ь' => "",
            'ю' if popular => "yu",
            'ю' => "iu",
            'я' if popular => "ya",
            'я' => "ia",
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str(latin);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_agrees_with_the_standard_search() {
        let texts = [
            "",
            "a",
            "ab",
            "aab",
            "abab",
            "ivanov85",
            "ivan",
            "85",
            "van",
            "5",
            "ivanov855",
        ];
        for haystack in texts {
            for needle in texts {
                assert_eq!(
                    contains(haystack, needle),
                    haystack.contains(needle),
                    "{haystack:?} {needle:?}"
                );
            }
        }
    }

    #[test]
    fn transliterates_both_styles() {
        let transliterate = |text: &str, style| {
            let mut out = String::new();
            transliterate_into(text, style, &mut out);
            out
        };
        assert_eq!(transliterate("юрьев", Style::Passport), "iurev");
        assert_eq!(transliterate("юрьев", Style::Popular), "yurev");
        assert_eq!(transliterate("Хрущёв", Style::Passport), "khrushchev");
    }

    #[test]
    fn phone_digits_lose_the_trunk_prefix() {
        assert_eq!(national_digits("8 (916) 123-45-67"), b"9161234567");
        assert_eq!(national_digits("+7 916 123 45 67"), b"9161234567");
        assert_eq!(national_digits("１２３"), b"123");
    }
}
