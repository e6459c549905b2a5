//! The Russian internal passport: series and number.

use std::fmt;
use std::str::FromStr;

use super::Error;
use super::clean::{exact, scan};

/// Words people type between the parts: «серия 4508 номер 123456».
pub(crate) const WORDS: &[&str] = &["серия", "номер"];

/// The series and number of a Russian internal passport.
///
/// The series is four digits (two of the region, two of the year the blank was printed),
/// the number six. Parsing accepts `4508 123456`, `45 08 123456`, `4508123456`,
/// `45-08 123456`, `45 08 № 123456` and `серия 4508 номер 123456`, with full-width digits
/// and no-break spaces. It never pads: nine digits are rejected, because a spreadsheet that
/// dropped the zero of regions 01–09 cannot tell which digit is missing. Region `00` and
/// number `000000` do not exist and are rejected; the year of the blank is not checked (that
/// would need today's date, and old series remain valid).
///
/// `Display` is `45 08 123456`; `Debug` shows only the masked form.
///
/// ```
/// use restore_access::Passport;
///
/// let p: Passport = "45 08 № 123456".parse()?;
/// assert_eq!(p.to_string(), "45 08 123456");
/// assert_eq!((p.series(), p.number()), ("4508", "123456"));
/// assert_eq!(p.masked().to_string(), "** ** ***456");
/// assert!("108123456".parse::<Passport>().is_err()); // the leading zero was lost
/// # Ok::<(), restore_access::id::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Passport([u8; 10]);

fn parse(s: &str) -> Result<[u8; 10], Error> {
    let d = match exact(s, b"DD DD DDDDDD") {
        Some(d) => d,
        None => {
            let scan = scan(s, WORDS).ok_or(Error::PassportLength)?;
            if !scan.rest.is_empty() || scan.plus || scan.parens {
                return Err(Error::PassportFormat);
            }
            scan.exactly::<10>().ok_or(Error::PassportLength)?
        }
    };
    if d[..2] == *b"00" {
        return Err(Error::PassportRegion);
    }
    if d[4..] == *b"000000" {
        return Err(Error::PassportNumber);
    }
    Ok(d)
}

/// Whether `s` is a passport series and number in any form [`Passport::from_str`] accepts;
/// allocates nothing.
///
/// ```
/// assert!(restore_access::id::passport::is_valid("4508 123456"));
/// ```
pub fn is_valid(s: &str) -> bool {
    parse(s).is_ok()
}

impl Passport {
    fn text(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The four digits of the series, `4508`.
    pub fn series(&self) -> &str {
        &self.text()[..4]
    }

    /// The six digits of the number, `123456`.
    pub fn number(&self) -> &str {
        &self.text()[4..]
    }

    /// A form safe for logs: only the last three digits are shown, `** ** ***456`.
    pub fn masked(&self) -> super::Masked<'_> {
        super::Masked(super::masked::Of::Passport(self))
    }

    pub(crate) fn fmt_masked(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "** ** ***{}", &self.number()[3..])
    }
}

impl FromStr for Passport {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        parse(s).map(Passport)
    }
}

impl fmt::Display for Passport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.series();
        write!(f, "{} {} {}", &s[..2], &s[2..], self.number())
    }
}

impl fmt::Debug for Passport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Passport({})", self.masked())
    }
}
