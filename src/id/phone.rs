//! Russian phone numbers.

use std::fmt;
use std::str::FromStr;

use super::Error;
use super::clean::{exact, normalise, scan};
use super::phone_plan::RANGES;

/// What starts an extension after the number: «доб. 123», «ext 12», «x12», «#12», «вн. 5».
const EXTENSION_MARKERS: &[&str] = &["доб", "ext", "x", "#", "вн"];

/// A Russian phone number (+7 and 10 national digits).
///
/// Parsing accepts every form people type: `8 (916) 123-45-67`, `+7 916 1234567`,
/// `79161234567`, `9161234567`, `8-916-123-45-67`, the trunk prefix after the country code
/// (`+7 8 921 …`), the old international prefix `8 10 7 916 …`, full-width digits and
/// no-break spaces. Numbers whose national part starts with 8 (`+7 812 …`, `8-800-…`) keep it.
///
/// The national number must be in a range the Russian numbering plan assigns (the table in
/// `phone_plan.rs`, generated from libphonenumber's metadata by `scripts/phone_plan.py`):
/// `+7 555 …`, `+7 880 …` or a passport typed as a phone (`4509 123456`) are
/// `phone.not_assigned`, +7 7xx is Kazakhstan (`phone.kazakhstan`), +7 6xx neither country's
/// (`phone.reserved`). A number one digit short or long is `phone.digit_missing` or
/// `phone.digit_extra`, never read as another number: `8 916 123 45 6` is not
/// `+7 891 612-34-56`.
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

fn parse(s: &str) -> Result<([u8; 10], Kind), Error> {
    if let Some(national) = exact::<10>(s, b"+7DDDDDDDDDD") {
        return check_national(&national).map(|kind| (national, kind));
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
        match d {
            [] => return Err(Error::PhoneLength),
            [b'7', rest @ ..] => after_country_code(rest)?,
            _ => return Err(Error::PhoneNotRussian),
        }
    } else {
        match d {
            [b'8', b'1', b'0', b'7', rest @ ..] if rest.len() == 10 => rest,
            [b'8', b'1', b'0', ..] if d.len() > 11 => return Err(Error::PhoneNotRussian),
            [b'7' | b'8', rest @ ..] if rest.len() == 10 => rest,
            _ if d.len() == 10 => d,
            [b'7' | b'8', rest @ ..] if d.len() > 11 => return Err(wrong_count(rest)),
            _ => return Err(wrong_count(d)),
        }
    };
    let mut out = [0u8; 10];
    out.copy_from_slice(national);
    match check_national(&out) {
        Ok(kind) => Ok((out, kind)),
        // Ten digits that start with the trunk or country code and go on as a Russian number:
        // the person dropped a digit, and the number is no other one.
        Err(_) if !scan.plus && matches!(out[0], b'7' | b'8') && starts_assigned(&out[1..]) => {
            Err(Error::PhoneDigitMissing)
        }
        Err(e) => Err(e),
    }
}

/// The national digits after `+7`: ten of them, or `8` and ten (the trunk prefix typed after
/// the country code).
fn after_country_code(rest: &[u8]) -> Result<&[u8], Error> {
    match rest {
        [b'8', national @ ..] if national.len() == 10 && starts_assigned(national) => Ok(national),
        _ if rest.len() == 10 => Ok(rest),
        _ => Err(wrong_count(rest)),
    }
}

/// The error for national digits that are not ten: one short or one over a number that
/// starts as a Russian one says so; any other count is `phone.length`.
fn wrong_count(national: &[u8]) -> Error {
    match national.len() {
        9 if starts_assigned(national) => Error::PhoneDigitMissing,
        11 if starts_assigned(national) => Error::PhoneDigitExtra,
        _ => Error::PhoneLength,
    }
}

/// What kind of number a national number is, or why it is none.
fn check_national(national: &[u8; 10]) -> Result<Kind, Error> {
    match national[0] {
        b'7' => Err(Error::PhoneKazakhstan),
        b'6' => Err(Error::PhoneReserved),
        _ => kind_of(national).ok_or(Error::PhoneNotAssigned),
    }
}

/// The kind of the assigned range `digits` starts in.
fn kind_of(digits: &[u8]) -> Option<Kind> {
    match BLOCKS.get(block(digits)?)? {
        Block::Unassigned => None,
        Block::Whole(kind) => Some(*kind),
        Block::Split => in_ranges(digits),
    }
}

/// The one prefix of the sorted, prefix-free table at or before `digits`, if it starts them.
fn in_ranges(digits: &[u8]) -> Option<Kind> {
    let at = RANGES.partition_point(|(prefix, _)| *prefix <= digits);
    let (prefix, kind) = RANGES.get(at.checked_sub(1)?)?;
    digits.starts_with(prefix).then_some(*kind)
}

/// What the table says of every number with the same first three digits.
#[derive(Clone, Copy)]
enum Block {
    Unassigned,
    Whole(Kind),
    /// Some ranges of the block are assigned (`930`): look them up in the table.
    Split,
}

/// The index of the block `digits` start in: their first three digits as a number.
fn block(digits: &[u8]) -> Option<usize> {
    let [a, b, c] = digits
        .first_chunk::<3>()?
        .map(|d| usize::from(d.wrapping_sub(b'0')));
    (a < 10 && b < 10 && c < 10).then_some(a * 100 + b * 10 + c)
}

/// [`RANGES`] by three-digit block, built at compile time, so a number's kind is one lookup.
static BLOCKS: [Block; 1000] = {
    let mut blocks = [Block::Unassigned; 1000];
    let mut i = 0;
    while i < RANGES.len() {
        let (prefix, kind) = RANGES[i];
        // A prefix of one or two digits covers 100 or 10 whole blocks; a longer one, part of
        // one block.
        let (mut first, mut span, mut d) = (0, 1000, 0);
        while d < 3 && d < prefix.len() {
            first = first * 10 + (prefix[d] - b'0') as usize;
            span /= 10;
            d += 1;
        }
        let block = if prefix.len() <= 3 {
            Block::Whole(kind)
        } else {
            Block::Split
        };
        let mut j = 0;
        while j < span {
            blocks[first * span + j] = block;
            j += 1;
        }
        i += 1;
    }
    blocks
};

/// Whether `digits` (a national number with a digit too few or too many) begin an assigned
/// range.
fn starts_assigned(digits: &[u8]) -> bool {
    kind_of(digits).is_some()
}

crate::names! {
    /// What a Russian number is, by the range it is in.
    #[non_exhaustive]
    pub enum Kind as "a phone kind" {
        /// A fixed line (geographic code: 3xx, 4xx, 81x–87x).
        Fixed = "fixed_line",
        /// A mobile number (9xx), the kind that receives SMS.
        Mobile = "mobile",
        /// Free to call (800, 804).
        TollFree = "toll_free",
        /// Premium rate (803, 809).
        PremiumRate = "premium_rate",
        /// A personal number (808).
        Personal = "personal",
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

    /// The kind of number, by the numbering plan.
    pub fn kind(&self) -> Kind {
        // Every `Phone` was parsed, so its range is in the table.
        kind_of(&self.0[2..]).unwrap_or(Kind::Fixed)
    }

    /// Whether it is a mobile number, the only kind that receives SMS.
    pub fn is_mobile(&self) -> bool {
        self.kind() == Kind::Mobile
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
        let (national, _) = parse(s)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_index_answers_as_the_table() {
        for block in 0..1000 {
            for tail in ["0000000", "0050000", "5555555", "9999999"] {
                let national = format!("{block:03}{tail}");
                assert_eq!(
                    kind_of(national.as_bytes()),
                    in_ranges(national.as_bytes()),
                    "{national}"
                );
            }
        }
    }
}
