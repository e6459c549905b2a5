//! СНИЛС, the individual insurance account number.

use std::fmt;
use std::str::FromStr;

use super::Error;
use super::clean::{exact, scan};

/// A СНИЛС (страховой номер индивидуального лицевого счёта), checked.
///
/// Parsing accepts any grouping of the 11 digits with spaces, hyphens or dots between them,
/// full-width digits and no-break spaces; it rejects anything else. The check number is the
/// sum of the first nine digits weighted 9..1, taken `% 101 % 100`; numbers up to
/// `001-001-998` were issued before the check number existed and are accepted as they are,
/// except `000-000-000 00`, the placeholder of blank forms, which was never issued
/// (`snils.placeholder`).
///
/// `Display` is the printed form `112-233-445 95`; `Debug` shows only the masked form.
///
/// ```
/// use restore_access::Snils;
///
/// let snils: Snils = "112 233 445 95".parse()?;
/// assert_eq!(snils.to_string(), "112-233-445 95");
/// assert_eq!(snils.digits(), "11223344595");
/// assert_eq!(snils.masked().to_string(), "***-***-**5 95");
/// assert!("112-233-445 96".parse::<Snils>().is_err());
/// # Ok::<(), restore_access::id::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Snils([u8; 11]);

/// The largest number issued before check numbers existed: `001-001-998`.
const LAST_UNCHECKED: u32 = 1_001_998;

/// Checks 11 ASCII digits.
#[inline]
fn check(d: &[u8; 11]) -> Result<(), Error> {
    let mut sum = 0u32;
    let mut body = 0u32;
    for (i, &c) in d[..9].iter().enumerate() {
        let v = u32::from(c - b'0');
        sum += v * (9 - i as u32);
        body = body * 10 + v;
    }
    let given = u32::from(d[9] - b'0') * 10 + u32::from(d[10] - b'0');
    if body == 0 && given == 0 {
        return Err(Error::SnilsPlaceholder);
    }
    if body <= LAST_UNCHECKED || sum % 101 % 100 == given {
        Ok(())
    } else {
        Err(Error::SnilsChecksum)
    }
}

fn parse(s: &str) -> Result<[u8; 11], Error> {
    if let Some(d) = exact(s, b"DDD-DDD-DDD DD").or_else(|| exact(s, b"DDDDDDDDDDD")) {
        return check(&d).map(|()| d);
    }
    let scan = scan(s, &[]).ok_or(Error::SnilsLength)?;
    if !scan.is_plain() {
        return Err(Error::SnilsFormat);
    }
    let digits = scan.exactly::<11>().ok_or(Error::SnilsLength)?;
    check(&digits)?;
    Ok(digits)
}

/// Whether `s` is a valid СНИЛС in any form [`Snils::from_str`] accepts; allocates nothing.
///
/// ```
/// assert!(restore_access::id::snils::is_valid("112-233-445 95"));
/// ```
pub fn is_valid(s: &str) -> bool {
    parse(s).is_ok()
}

impl Snils {
    /// The 11 digits, ASCII, without separators.
    pub fn digits(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// A form safe for logs: only the last three digits are shown, `***-***-**5 95`.
    pub fn masked(&self) -> super::Masked<'_> {
        super::Masked(super::masked::Of::Snils(self))
    }

    pub(crate) fn fmt_masked(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.digits();
        write!(f, "***-***-**{} {}", &d[8..9], &d[9..])
    }
}

impl FromStr for Snils {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        parse(s).map(Snils)
    }
}

impl fmt::Display for Snils {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.digits();
        write!(f, "{}-{}-{} {}", &d[..3], &d[3..6], &d[6..9], &d[9..])
    }
}

impl fmt::Debug for Snils {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Snils({})", self.masked())
    }
}
