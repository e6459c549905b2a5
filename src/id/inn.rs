//! ИНН, the taxpayer number of an organisation (10 digits) or a person (12 digits).

use std::fmt;
use std::str::FromStr;

use super::Error;
use super::clean::{exact, scan};

/// Whose ИНН it is, told by its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InnKind {
    /// 10 digits, one check digit.
    Organisation,
    /// 12 digits, two check digits: a person or an individual entrepreneur.
    Person,
}

/// An ИНН (идентификационный номер налогоплательщика), checked.
///
/// Parsing accepts the digits with spaces or hyphens between them, full-width digits and
/// no-break spaces. Every check digit is verified (both of a 12-digit number); region prefixes
/// are not, since real numbers start with `00` too. `Display` is the bare digits.
///
/// ```
/// use restore_access::Inn;
/// use restore_access::id::InnKind;
///
/// let inn: Inn = "500100732259".parse()?;
/// assert_eq!(inn.kind(), InnKind::Person);
/// assert_eq!(inn.masked().to_string(), "********2259");
/// assert!("500100732250".parse::<Inn>().is_err()); // the second check digit is wrong
/// # Ok::<(), restore_access::id::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Inn {
    digits: [u8; 12],
    len: u8,
}

const WEIGHTS: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/// The check digit of the `N` digits of `body`: weights are the last `N` of [`WEIGHTS`].
#[inline]
fn check_digit<const N: usize>(body: &[u8; N]) -> u8 {
    let weights = &WEIGHTS[WEIGHTS.len() - N..];
    let mut sum = 0u32;
    for i in 0..N {
        sum += u32::from(body[i].wrapping_sub(b'0')) * weights[i];
    }
    b'0' + (sum % 11 % 10) as u8
}

/// The first `N` bytes of `d`.
fn head<const N: usize>(d: &[u8; 12]) -> &[u8; N] {
    d.first_chunk().unwrap_or(&[0; N])
}

/// Checks the digits of a 10-digit (`len` 10, the rest zero) or 12-digit ИНН.
#[inline]
fn check(d: &[u8; 12], len: usize) -> bool {
    if len == 10 {
        check_digit::<9>(head(d)) == d[9]
    } else {
        check_digit::<10>(head(d)) == d[10] && check_digit::<11>(head(d)) == d[11]
    }
}

fn parse(s: &str) -> Result<Inn, Error> {
    let mut digits = [0u8; 12];
    let len = if let Some(d) = exact::<12>(s, b"DDDDDDDDDDDD") {
        digits = d;
        12
    } else if let Some(d) = exact::<10>(s, b"DDDDDDDDDD") {
        digits[..10].copy_from_slice(&d);
        10
    } else {
        let scan = scan(s, &[]).ok_or(Error::InnLength)?;
        if !scan.is_plain() {
            return Err(Error::InnFormat);
        }
        if scan.count != 10 && scan.count != 12 {
            return Err(Error::InnLength);
        }
        digits[..scan.count].copy_from_slice(scan.digits());
        scan.count
    };
    if !check(&digits, len) {
        return Err(Error::InnChecksum);
    }
    Ok(Inn {
        digits,
        len: len as u8,
    })
}

/// Whether `s` is a valid ИНН of either kind in any form [`Inn::from_str`] accepts;
/// allocates nothing.
///
/// ```
/// assert!(restore_access::id::inn::is_valid("7707083893"));
/// ```
pub fn is_valid(s: &str) -> bool {
    parse(s).is_ok()
}

impl Inn {
    /// Whether it is an organisation's or a person's number.
    pub fn kind(&self) -> InnKind {
        if self.len == 10 {
            InnKind::Organisation
        } else {
            InnKind::Person
        }
    }

    /// The 10 or 12 digits, ASCII.
    pub fn digits(&self) -> &str {
        std::str::from_utf8(&self.digits[..usize::from(self.len)]).unwrap_or_default()
    }

    /// A form safe for logs: only the last four digits are shown, `******3893`.
    pub fn masked(&self) -> super::Masked<'_> {
        super::Masked(super::masked::Of::Inn(self))
    }

    pub(crate) fn fmt_masked(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.digits();
        let shown = d.len() - 4;
        write!(f, "{:*<shown$}{}", "", &d[shown..])
    }
}

impl FromStr for Inn {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        parse(s)
    }
}

impl fmt::Display for Inn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.digits())
    }
}

impl fmt::Debug for Inn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Inn({})", self.masked())
    }
}
