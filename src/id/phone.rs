//! Russian phone numbers.

use std::fmt;
use std::str::FromStr;

use super::Error;
use super::clean::{exact, normalise, scan};

/// What starts an extension after the number: «доб. 123», «ext 12», «x12», «#12», «вн. 5».
const EXTENSION_MARKERS: &[&str] = &["доб", "ext", "x", "#", "вн"];

/// A Russian phone number (+7 and 10 national digits).
///
/// Parsing accepts every form people type: `8 (916) 123-45-67`, `+7 916 1234567`,
/// `79161234567`, `9161234567`, `8-916-123-45-67`, the old international prefix
/// `8 10 7 916 …`, full-width digits and no-break spaces. The national number must start with
/// 3, 4 or 8 (fixed lines, 800 toll-free, 808/809) or 9 (mobile): +7 6xx and +7 7xx are
/// Kazakhstan (`phone.kazakhstan`) and 0, 1, 2, 5 are not assigned (`phone.not_assigned`).
/// Numbers whose national part starts with 8 (`+7 812 …`, `8-800-…`) keep it.
///
/// An extension (`доб. 123`) is rejected with `phone.extension`, never dropped or kept: the
/// number is for SMS codes, which cannot reach an extension, and silently dropping it would
/// store a number the person did not give.
///
/// `Display` is E.164 (`+79161234567`); [`Phone::pretty`] is `+7 (916) 123-45-67`.
///
/// ```
/// use restore_access::Phone;
///
/// let phone: Phone = "8 (812) 123-45-67".parse()?;
/// assert_eq!(phone.e164(), "+78121234567");
/// assert_eq!(phone.national(), "8121234567");
/// assert_eq!(phone.pretty().to_string(), "+7 (812) 123-45-67");
/// assert_eq!(phone.masked().to_string(), "+7 (812) ***-**-67");
/// assert!(!phone.is_mobile());
/// assert!("87011234567".parse::<Phone>().is_err()); // a Kazakh mobile
/// # Ok::<(), restore_access::id::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone([u8; 12]);

fn parse(s: &str) -> Result<[u8; 10], Error> {
    if let Some(national) = exact::<10>(s, b"+7DDDDDDDDDD") {
        return check_national(national);
    }
    let scan = scan(s, &[]).ok_or(Error::PhoneLength)?;
    if !scan.rest.is_empty() {
        return Err(if is_extension(scan.rest) {
            Error::PhoneExtension
        } else {
            Error::PhoneFormat
        });
    }
    if scan.number_sign {
        return Err(Error::PhoneFormat);
    }
    let d = scan.digits();
    let national = if scan.plus {
        match d.first() {
            None => return Err(Error::PhoneLength),
            Some(b'7') if scan.count == 11 => &d[1..],
            Some(b'7') => return Err(Error::PhoneLength),
            Some(_) => return Err(Error::PhoneNotRussian),
        }
    } else {
        match scan.count {
            10 => d,
            11 if matches!(d[0], b'7' | b'8') => &d[1..],
            14 if d.starts_with(b"8107") => &d[4..],
            n if n > 11 && d.starts_with(b"810") => return Err(Error::PhoneNotRussian),
            _ => return Err(Error::PhoneLength),
        }
    };
    let mut out = [0u8; 10];
    out.copy_from_slice(national);
    check_national(out)
}

/// Checks the code of 10 national digits.
fn check_national(national: [u8; 10]) -> Result<[u8; 10], Error> {
    match national[0] {
        b'3' | b'4' | b'8' | b'9' => Ok(national),
        b'6' | b'7' => Err(Error::PhoneKazakhstan),
        _ => Err(Error::PhoneNotAssigned),
    }
}

/// Whether the text after the digits starts an extension.
fn is_extension(rest: &str) -> bool {
    let rest = rest.trim_start_matches([',', ';', ' ']);
    EXTENSION_MARKERS.iter().any(|marker| {
        let typed = rest.chars().map(normalise).flat_map(char::to_lowercase);
        typed.take(marker.chars().count()).eq(marker.chars())
    })
}

/// Whether `s` is a Russian phone number in any form [`Phone::from_str`] accepts; allocates
/// nothing.
///
/// ```
/// assert!(restore_access::id::phone::is_valid("8 (916) 123-45-67"));
/// ```
pub fn is_valid(s: &str) -> bool {
    parse(s).is_ok()
}

impl Phone {
    /// E.164: `+79161234567`.
    pub fn e164(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The 10 national digits: `9161234567`.
    pub fn national(&self) -> &str {
        &self.e164()[2..]
    }

    /// Whether it is a mobile number (national part starts with 9), the only kind that
    /// receives SMS.
    pub fn is_mobile(&self) -> bool {
        self.0[2] == b'9'
    }

    /// The form for people: `+7 (916) 123-45-67`.
    pub fn pretty(&self) -> impl fmt::Display + '_ {
        Pretty(self)
    }

    /// A form safe for logs: the code and the last two digits, `+7 (916) ***-**-67`.
    pub fn masked(&self) -> super::Masked<'_> {
        super::Masked(super::masked::Of::Phone(self))
    }

    pub(crate) fn fmt_masked(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.national();
        write!(f, "+7 ({}) ***-**-{}", &n[..3], &n[8..])
    }
}

struct Pretty<'a>(&'a Phone);

impl fmt::Display for Pretty<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.national();
        write!(f, "+7 ({}) {}-{}-{}", &n[..3], &n[3..6], &n[6..8], &n[8..])
    }
}

impl FromStr for Phone {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let national = parse(s)?;
        let mut e164 = *b"+7          ";
        e164[2..].copy_from_slice(&national);
        Ok(Phone(e164))
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.e164())
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", self.masked())
    }
}
