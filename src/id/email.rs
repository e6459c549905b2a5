//! E-mail addresses, by the practical rules portals apply.

use std::fmt;
use std::str::FromStr;

use idna::uts46::{
    AsciiDenyList, DnsLength, ErrorPolicy, Hyphens, ProcessingError, ProcessingSuccess, Uts46,
};
use unicode_bidi::{BidiClass, bidi_class};
use unicode_normalization::char::is_combining_mark;

use super::Error;
use super::clean::{normalise, trim};

/// Longest input, in bytes, looked at: 254 characters of up to four bytes each.
const MAX_INPUT: usize = 1024;
const MAX_TOTAL: usize = 254;
const MAX_LOCAL: usize = 64;
const MAX_LABEL: usize = 63;
/// The longest domain in ASCII form (RFC 1035: 253 characters without the root dot).
const MAX_DOMAIN: usize = 253;
const ACE_PREFIX: &[u8] = b"xn--";
/// The four full stops UTS #46 reads as the label separator.
const DOTS: [char; 4] = ['.', '\u{3002}', '\u{FF0E}', '\u{FF61}'];
/// Top-level domains reserved for special use (RFC 6761, 6762, 7686, 3172), where no reset
/// e-mail can arrive: the list email-validator refuses.
const SPECIAL_USE: [&[u8]; 6] = [
    b"arpa",
    b"invalid",
    b"local",
    b"localhost",
    b"onion",
    b"test",
];
/// UTS #46 as IDNA2008 registration asks: STD3 ASCII rules, no hyphen at a label's edge.
const DENY: AsciiDenyList = AsciiDenyList::STD3;
const HYPHENS: Hyphens = Hyphens::CheckFirstLast;

/// What an address may hold beyond what portals accept by default.
///
/// ```
/// use restore_access::Email;
/// use restore_access::id::email::Options;
///
/// assert!("ivan@mail.test".parse::<Email>().is_err());
/// let testing = Options::default().special_use(true);
/// assert!(Email::parse_with("ivan@mail.test", testing).is_ok());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Non-ASCII letters in the local part (`иван@почта.рф`, RFC 6531).
    pub internationalised: bool,
    /// Special-use domains (`.test`, `.invalid`, `.localhost`, `.local`, `.onion`, `.arpa`),
    /// e.g. for a test system.
    pub special_use: bool,
}

impl Options {
    /// With or without non-ASCII letters in the local part.
    pub const fn internationalised(mut self, on: bool) -> Self {
        self.internationalised = on;
        self
    }

    /// With or without special-use domains.
    pub const fn special_use(mut self, on: bool) -> Self {
        self.special_use = on;
        self
    }
}

/// An e-mail address.
///
/// The rules are those portals apply, not all of RFC 5322: a dot-atom local part of at most
/// 64 characters (letters, digits and ``!#$%&'*+-/=?^_`{|}~``, dots not at either end nor
/// doubled), no quoted local parts, no address literals (`[127.0.0.1]`), a domain of labels
/// of letters, digits and hyphens (not at a label's edge), at least one dot, a top-level
/// label that is not all digits, labels of at most 63 characters and the whole address at
/// most 254 characters, both counted in the ASCII form. Non-ASCII domain labels may hold
/// letters, digits and combining marks after the first character (as Indic scripts need).
/// Internationalised domains (`почта.рф`) go through UTS #46 processing (the `idna` crate:
/// IDNA2008 validity, the bidi and CONTEXTJ rules, `xn--` labels decoded and checked), so a
/// character IDNA does not allow is `email.domain_char`, a fake or invalid `xn--` label
/// `email.a_label`, a right-to-left label that breaks the bidi rule `email.bidi`; the four
/// full stops (`.`, `。`, `．`, `｡`) all separate labels. Special-use domains (`.test`,
/// `.invalid`, `.localhost`, `.local`, `.onion`, `.arpa`) are `email.special_use` unless
/// [`Options::special_use`] allows them. The local part must be ASCII unless
/// [`Options::internationalised`] allows more. Surrounding whitespace is trimmed and full-width
/// forms (`ｉｖａｎ＠ｍａｉｌ.ｒｕ`) are read as ASCII.
///
/// - [`Email::as_str`] (and `Display`): the local part as typed, the domain lower-cased: as
///   typed when it was ASCII (`xn--` labels too), else in its UTS #46 form (`ﬁle.com` is
///   `file.com`).
/// - [`Email::ascii`]: the domain in ASCII (punycode), for delivery.
/// - [`Email::key`]: the comparison key, see there.
///
/// ```
/// use restore_access::Email;
///
/// let email: Email = " Ivan.Petrov@Почта.РФ ".parse()?;
/// assert_eq!(email.as_str(), "Ivan.Petrov@почта.рф");
/// assert_eq!(email.ascii(), "Ivan.Petrov@xn--80a1acny.xn--p1ai");
/// assert_eq!(email.masked().to_string(), "I***@почта.рф");
/// assert!("ivan@localhost".parse::<Email>().is_err());
/// # Ok::<(), restore_access::id::Error>(())
/// ```
#[derive(Clone)]
pub struct Email {
    text: Box<str>,
    /// Byte offset of the `@` in `text`.
    at: usize,
    /// The ASCII form, when it differs from `text`.
    ascii: Option<Box<str>>,
}

/// The two sides of a valid address.
struct Parts<'a> {
    local: &'a str,
    domain: &'a str,
}

/// Characters allowed in a dot-atom besides ASCII letters and digits (RFC 5322 `atext`).
fn is_atext(c: char) -> bool {
    u8::try_from(c).is_ok_and(|b| ascii_is(b, ATEXT))
}

/// What each ASCII byte may be: `ATEXT` (before the `@`), `LDH` (in a domain label).
const ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let alnum = c.is_ascii_alphanumeric();
        let atext = alnum
            || matches!(
                c,
                b'!' | b'#'
                    ..=b'\''
                        | b'*'
                        | b'+'
                        | b'-'
                        | b'/'
                        | b'='
                        | b'?'
                        | b'^'
                        | b'_'
                        | b'`'
                        | b'{'
                        | b'|'
                        | b'}'
                        | b'~'
            );
        table[b] = (atext as u8 * ATEXT) | ((alnum || c == b'-') as u8 * LDH);
        b += 1;
    }
    table
};
const ATEXT: u8 = 1;
const LDH: u8 = 2;

/// Whether ASCII `b` is of `class` (`ATEXT` or `LDH`).
fn ascii_is(b: u8, class: u8) -> bool {
    ASCII.get(usize::from(b)).is_some_and(|&c| c & class != 0)
}

fn validate(s: &str, options: Options) -> Result<Parts<'_>, Error> {
    if s.len() > MAX_INPUT {
        return Err(Error::EmailTooLong);
    }
    let s = trim(s);
    if s.starts_with('"') {
        return Err(Error::EmailQuoted);
    }
    // The one `@` (or full-width `＠`), found without decoding when the text is ASCII.
    let (at, at_len) = if s.is_ascii() {
        the_one(
            s.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'@')
                .map(|(i, _)| (i, 1)),
        )?
    } else {
        let is_at = |&(_, c): &(usize, char)| c == '@' || c == '\u{FF20}';
        the_one(
            s.char_indices()
                .filter(is_at)
                .map(|(i, c)| (i, c.len_utf8())),
        )?
    };
    let (local, domain) = (&s[..at], &s[at + at_len..]);
    if local.is_empty() || domain.is_empty() {
        return Err(Error::EmailFormat);
    }
    check_local(local, options.internationalised)?;
    let domain_len = check_domain(domain, options.special_use)?;
    if chars(local) + 1 + domain_len > MAX_TOTAL {
        return Err(Error::EmailTooLong);
    }
    Ok(Parts { local, domain })
}

/// The only item of `items`; `email.format` for none or more.
fn the_one<T>(mut items: impl Iterator<Item = T>) -> Result<T, Error> {
    match (items.next(), items.next()) {
        (Some(one), None) => Ok(one),
        _ => Err(Error::EmailFormat),
    }
}

/// The characters in `s`, counted without decoding when it is ASCII.
fn chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

fn check_local(local: &str, unicode_local: bool) -> Result<(), Error> {
    if chars(local) > MAX_LOCAL {
        return Err(Error::EmailLocalTooLong);
    }
    if local.is_ascii() {
        // The common case: no decoding, same answer as the loop below.
        let mut previous_dot = true; // a dot may not start the local part
        for &b in local.as_bytes() {
            let dot = b == b'.';
            if (dot && previous_dot) || (!dot && !ascii_is(b, ATEXT)) {
                return Err(Error::EmailLocalPart);
            }
            previous_dot = dot;
        }
        return if previous_dot {
            Err(Error::EmailLocalPart)
        } else {
            Ok(())
        };
    }
    let mut previous_dot = true; // a dot may not start the local part
    for c in local.chars().map(normalise) {
        if c == '.' {
            if previous_dot {
                return Err(Error::EmailLocalPart);
            }
            previous_dot = true;
            continue;
        }
        // A combining mark (an Indic virama, an accent) belongs to the letter before it.
        let letter = c.is_alphanumeric() || (!previous_dot && is_combining_mark(c));
        previous_dot = false;
        if is_atext(c) || (unicode_local && !c.is_ascii() && letter) {
            continue;
        }
        return Err(if !c.is_ascii() && c.is_alphanumeric() {
            Error::EmailUnicodeLocal
        } else {
            Error::EmailLocalPart
        });
    }
    if previous_dot {
        return Err(Error::EmailLocalPart);
    }
    Ok(())
}

/// Checks the domain; returns the length of its ASCII form.
fn check_domain(domain: &str, special_use: bool) -> Result<usize, Error> {
    if domain.starts_with('[') {
        return Err(Error::EmailAddressLiteral);
    }
    if domain.is_ascii() {
        // The common case, without UTS #46: an ASCII domain is checked as it is, unless it
        // holds an `xn--` label, which UTS #46 must decode and check.
        match check_ascii_domain(domain.as_bytes(), special_use, false) {
            Err(Error::EmailALabel) => {}
            checked => return checked,
        }
    }
    if domain
        .split(DOTS)
        .any(|l| l.is_empty() || l.starts_with('-') || l.ends_with('-'))
    {
        return Err(Error::EmailDomain);
    }
    let Ok(ascii) = uts46::<{ MAX_DOMAIN + 1 }>(domain, false) else {
        return Err(why_not_idna(domain));
    };
    if ascii.overflow {
        return Err(Error::EmailTooLong);
    }
    // A label of invisible characters only (`ㅤ.com`) maps to nothing.
    if ascii.labels().any(<[u8]>::is_empty) {
        return Err(Error::EmailDomainChar);
    }
    // IDNA2008 allows letters, digits and marks (RFC 5892's LetterDigits); UTS #46 alone also
    // passes symbols such as `☺`. What is checked is the mapped form, the one stored: `ﬁ` and
    // `²` have become `fi` and `2`, `¾` has become `3⁄4`, whose `⁄` is no letter.
    let unicode = uts46::<MAX_INPUT>(domain, true).map_err(|_| why_not_idna(domain))?;
    let idna2008 = |c: char| c.is_ascii() || c.is_alphanumeric() || is_combining_mark(c);
    if unicode.overflow || !unicode.as_str().chars().all(idna2008) {
        return Err(Error::EmailDomainChar);
    }
    check_ascii_domain(ascii.as_bytes(), special_use, true)
}

/// `domain` through UTS #46 with the library's options, written ASCII (punycode) or Unicode
/// into a buffer on the stack.
fn uts46<const N: usize>(domain: &str, unicode: bool) -> Result<DomainBuf<N>, ProcessingError> {
    let mut out = DomainBuf::default();
    let done = Uts46::new().process(
        domain.as_bytes(),
        DENY,
        HYPHENS,
        ErrorPolicy::FailFast,
        |_, _, _| unicode,
        &mut out,
        None,
    )?;
    if done == ProcessingSuccess::Passthrough {
        // Nothing was written: the input is its own output.
        fmt::Write::write_str(&mut out, domain).map_err(|_| ProcessingError::SinkError)?;
    }
    Ok(out)
}

/// Why UTS #46 refused `domain`: the first label refused on its own names the reason; when
/// every label passes alone, the domain as a whole broke the bidi rule.
fn why_not_idna(domain: &str) -> Error {
    let refused = |label: &str| uts46::<{ MAX_DOMAIN + 1 }>(label, false).is_err();
    match domain.split(DOTS).find(|l| refused(l)) {
        Some(label) if is_a_label(label) => Error::EmailALabel,
        Some(label) if label.chars().any(is_right_to_left) => Error::EmailBidi,
        Some(label) if label.is_ascii() => Error::EmailDomain,
        Some(_) => Error::EmailDomainChar,
        None => Error::EmailBidi,
    }
}

/// Whether `label` starts with the ACE prefix `xn--`, in any case: it claims to be punycode.
fn is_a_label(label: impl AsRef<[u8]>) -> bool {
    label
        .as_ref()
        .get(..ACE_PREFIX.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(ACE_PREFIX))
}

fn is_right_to_left(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// The checks of an ASCII domain (as typed, or UTS #46's output); returns its length. An
/// `xn--` label is `email.a_label` unless `punycode` says the domain has been through UTS #46.
fn check_ascii_domain(domain: &[u8], special_use: bool, punycode: bool) -> Result<usize, Error> {
    let mut count = 0usize;
    let mut last: &[u8] = &[];
    for label in domain.split(|&b| b == b'.') {
        count += 1;
        if label.first().is_none_or(|&b| b == b'-') || label.last() == Some(&b'-') {
            return Err(Error::EmailDomain);
        }
        if !label.iter().all(|&b| ascii_is(b, LDH)) {
            return Err(Error::EmailDomain);
        }
        if !punycode && is_a_label(label) {
            return Err(Error::EmailALabel);
        }
        // `ab--cd`: hyphens in the third and fourth place are reserved for the `xn--` of
        // IDNA (RFC 5891 §4.2.3.1); no registry hands such a name out.
        if label.get(2..4) == Some(b"--") && !is_a_label(label) {
            return Err(Error::EmailDomain);
        }
        if label.len() > MAX_LABEL {
            return Err(Error::EmailLabelTooLong);
        }
        last = label;
    }
    if count < 2 {
        return Err(Error::EmailDomainDot);
    }
    if last.iter().all(u8::is_ascii_digit) {
        return Err(Error::EmailAddressLiteral);
    }
    // Every top-level domain is letters, or an internationalised one in its `xn--` form.
    if !last.iter().all(u8::is_ascii_alphabetic) && !is_a_label(last) {
        return Err(Error::EmailDomain);
    }
    if !special_use && SPECIAL_USE.iter().any(|s| last.eq_ignore_ascii_case(s)) {
        return Err(Error::EmailSpecialUse);
    }
    if domain.len() > MAX_DOMAIN {
        return Err(Error::EmailTooLong);
    }
    Ok(domain.len())
}

/// What UTS #46 writes, kept on the stack: a longer output is too long anyway.
struct DomainBuf<const N: usize> {
    bytes: [u8; N],
    len: usize,
    overflow: bool,
}

impl<const N: usize> Default for DomainBuf<N> {
    fn default() -> Self {
        DomainBuf {
            bytes: [0; N],
            len: 0,
            overflow: false,
        }
    }
}

impl<const N: usize> DomainBuf<N> {
    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// The text written; whole characters only, as `write_str` never splits one.
    fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    fn labels(&self) -> impl Iterator<Item = &[u8]> {
        self.as_bytes().split(|&b| b == b'.')
    }
}

impl<const N: usize> fmt::Write for DomainBuf<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        match self.bytes.get_mut(self.len..end) {
            Some(room) => {
                room.copy_from_slice(s.as_bytes());
                self.len = end;
            }
            None => self.overflow = true,
        }
        Ok(())
    }
}

/// Whether `s` is an e-mail address [`Email::from_str`] accepts (ASCII local part);
/// allocates nothing.
///
/// ```
/// assert!(restore_access::id::email::is_valid("ivan@почта.рф"));
/// assert!(!restore_access::id::email::is_valid("иван@почта.рф"));
/// ```
pub fn is_valid(s: &str) -> bool {
    is_valid_with(s, Options::default())
}

/// Whether `s` is an e-mail address [`Email::parse_with`] accepts with `options`.
pub fn is_valid_with(s: &str, options: Options) -> bool {
    validate(s, options).is_ok()
}

impl Email {
    /// Parses an address whose local part may hold non-ASCII letters (`иван@почта.рф`,
    /// RFC 6531); delivering to one needs a mail server with SMTPUTF8.
    pub fn parse_internationalised(s: &str) -> Result<Self, Error> {
        Self::parse_with(s, Options::default().internationalised(true))
    }

    /// Parses an address with what `options` allows beyond the defaults.
    pub fn parse_with(s: &str, options: Options) -> Result<Self, Error> {
        Self::build(validate(s, options)?)
    }

    fn build(parts: Parts<'_>) -> Result<Self, Error> {
        let mut text = String::with_capacity(parts.local.len() + 1 + parts.domain.len());
        text.extend(parts.local.chars().map(normalise));
        let at = text.len();
        text.push('@');
        let mut ascii = None;
        if parts.domain.is_ascii() {
            text.extend(parts.domain.chars().map(|c| c.to_ascii_lowercase()));
        }
        if !parts.domain.is_ascii() || parts.domain.split('.').any(is_a_label) {
            let uts46 = Uts46::new();
            let ascii_domain = uts46
                .to_ascii(parts.domain.as_bytes(), DENY, HYPHENS, DnsLength::Ignore)
                .map_err(|_| Error::EmailDomainChar)?;
            if !parts.domain.is_ascii() {
                let (unicode, checked) = uts46.to_unicode(ascii_domain.as_bytes(), DENY, HYPHENS);
                checked.map_err(|_| Error::EmailDomainChar)?;
                text.push_str(&unicode);
            }
            let mut out = String::with_capacity(at + 1 + ascii_domain.len());
            out.push_str(&text[..=at]);
            out.push_str(&ascii_domain);
            ascii = Some(out)
                .filter(|out| *out != text)
                .map(String::into_boxed_str);
        }
        Ok(Email {
            text: text.into_boxed_str(),
            at,
            ascii,
        })
    }

    /// The canonical form: the local part as typed, the domain lower-cased.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The part before the `@`, as typed.
    pub fn local_part(&self) -> &str {
        &self.text[..self.at]
    }

    /// The domain, lower-cased, as typed (Unicode or ASCII).
    pub fn domain(&self) -> &str {
        &self.text[self.at + 1..]
    }

    /// The address with its domain in ASCII (punycode), for delivery. The local part is
    /// unchanged, so an internationalised one stays Unicode.
    pub fn ascii(&self) -> &str {
        self.ascii.as_deref().unwrap_or(&self.text)
    }

    /// The key to compare addresses by, e.g. to find the account of a typed address.
    ///
    /// It folds only what cannot tell two mailboxes apart: the case of the domain and its
    /// spelling in Unicode or punycode (`Почта.РФ`, `почта.рф` and `xn--80a1acny.xn--p1ai`
    /// give one key), surrounding spaces and full-width forms. It folds nothing in the local
    /// part: not case (`Ivan@` and `ivan@` are different keys, as RFC 5321 allows a server
    /// to treat them), not dots, not `+tags`, and no Unicode case folding of any kind — the
    /// mistake behind Django's CVE-2019-19844, where `ı` folded into `i` sent a reset link
    /// to another person's address.
    ///
    /// ```
    /// use restore_access::Email;
    /// let a: Email = "ivan@ПОЧТА.рф".parse()?;
    /// let b: Email = "ivan@xn--80a1acny.xn--p1ai".parse()?;
    /// let c: Email = "Ivan@почта.рф".parse()?;
    /// assert_eq!(a.key(), b.key());
    /// assert_ne!(a.key(), c.key());
    /// # Ok::<(), restore_access::id::Error>(())
    /// ```
    pub fn key(&self) -> &str {
        self.ascii()
    }

    /// Whether the local part is non-ASCII, so delivery needs SMTPUTF8.
    pub fn needs_smtputf8(&self) -> bool {
        !self.local_part().is_ascii()
    }

    /// A form safe for logs: the first character of the local part and the domain,
    /// `i***@mail.ru`.
    pub fn masked(&self) -> super::Masked<'_> {
        super::Masked(super::masked::Of::Email(self))
    }

    pub(crate) fn fmt_masked(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let first = self.local_part().chars().next().unwrap_or('*');
        write!(f, "{first}***@{}", self.domain())
    }
}

impl FromStr for Email {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse_with(s, Options::default())
    }
}

/// Two addresses are equal when their canonical forms are: the same local part and the same
/// domain spelt the same way. Compare [`Email::key`]s to treat `почта.рф` and its punycode as
/// one.
impl PartialEq for Email {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Email {}

impl std::hash::Hash for Email {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email({})", self.masked())
    }
}
