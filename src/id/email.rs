//! E-mail addresses, by the practical rules portals apply.

use std::fmt;
use std::str::FromStr;

use super::Error;
use super::clean::{normalise, trim};
use super::punycode;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longest input, in bytes, looked at: 254 characters of up to four bytes each.
const MAX_INPUT: usize = 1024;
const MAX_TOTAL: usize = 254;
const MAX_LOCAL: usize = 64;
const MAX_LABEL: usize = 63;
const ACE_PREFIX: &str = "xn--";

/// An e-mail address.
///
/// The rules are those portals apply, not all of RFC 5322: a dot-atom local part of at most
/// 64 characters (letters, digits and ``!#$%&'*+-/=?^_`{|}~``, dots not at either end nor
/// doubled), no quoted local parts, no address literals (`[127.0.0.1]`), a domain of labels
/// of letters, digits and hyphens (not at a label's edge), at least one dot, a top-level
/// label that is not all digits, labels of at most 63 characters and the whole address at
/// most 254 characters, both counted in the ASCII form. Non-ASCII domain labels may hold
/// letters, digits and combining marks after the first character (as Indic scripts need); the
/// domain is brought to NFC before it is converted. Internationalised domains
/// (`почта.рф`) are accepted; the local part must be ASCII unless parsed with
/// [`Email::parse_internationalised`]. Surrounding whitespace is trimmed and full-width forms
/// (`ｉｖａｎ＠ｍａｉｌ.ｒｕ`) are read as ASCII.
///
/// - [`Email::as_str`] (and `Display`): the local part as typed, the domain lower-cased and
///   as typed (Unicode or `xn--`).
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

/// What validation learnt about a valid address.
struct Parts<'a> {
    local: &'a str,
    domain: &'a str,
    ascii_domain: bool,
}

/// Characters allowed in a dot-atom besides ASCII letters and digits (RFC 5322 `atext`).
fn is_atext(c: char) -> bool {
    matches!(c, 'a'..='z' | 'A'..='Z' | '0'..='9' | '!' | '#'..='\'' | '*' | '+' | '-' | '/'
        | '=' | '?' | '^' | '_' | '`' | '{' | '|' | '}' | '~')
}

/// The domain's characters as stored: normalised, lower-cased and in NFC, so that `й` typed
/// as `и` + a combining breve gives the same ASCII form, and so the same key, as `й`.
fn domain_chars(domain: &str) -> impl Iterator<Item = char> + Clone + '_ {
    domain
        .chars()
        .map(normalise)
        .flat_map(char::to_lowercase)
        .nfc()
}

/// Splits `domain` (already normalised and lower-cased by `domain_chars`) into labels.
fn labels(domain: &str) -> impl Iterator<Item = &str> {
    domain.split(|c| normalise(c) == '.')
}

fn validate(s: &str, unicode_local: bool) -> Result<Parts<'_>, Error> {
    if s.len() > MAX_INPUT {
        return Err(Error::EmailTooLong);
    }
    let s = trim(s);
    if s.starts_with('"') {
        return Err(Error::EmailQuoted);
    }
    let is_at = |&(_, c): &(usize, char)| c == '@' || c == '\u{FF20}';
    let mut ats = s.char_indices().filter(is_at);
    let (at, at_char) = ats.next().ok_or(Error::EmailFormat)?;
    if ats.next().is_some() {
        return Err(Error::EmailFormat);
    }
    let (local, domain) = (&s[..at], &s[at + at_char.len_utf8()..]);
    if local.is_empty() || domain.is_empty() {
        return Err(Error::EmailFormat);
    }
    check_local(local, unicode_local)?;
    let ascii_domain = domain.is_ascii() || domain_chars(domain).all(|c| c.is_ascii());
    let domain_len = check_domain(domain)?;
    let local_len = local.chars().count();
    let unicode_len = if domain.is_ascii() {
        domain.len()
    } else {
        domain_chars(domain).count()
    };
    if local_len + 1 + domain_len.max(unicode_len) > MAX_TOTAL {
        return Err(Error::EmailTooLong);
    }
    Ok(Parts {
        local,
        domain,
        ascii_domain,
    })
}

fn check_local(local: &str, unicode_local: bool) -> Result<(), Error> {
    if local.chars().count() > MAX_LOCAL {
        return Err(Error::EmailLocalTooLong);
    }
    if local.is_ascii() {
        // The common case: no decoding, same answer as the loop below.
        let b = local.as_bytes();
        let dots_ok = b[0] != b'.' && b[b.len() - 1] != b'.' && !local.contains("..");
        return if dots_ok && b.iter().all(|&c| c == b'.' || is_atext(char::from(c))) {
            Ok(())
        } else {
            Err(Error::EmailLocalPart)
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
        previous_dot = false;
        if is_atext(c) || (unicode_local && !c.is_ascii() && c.is_alphanumeric()) {
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
fn check_domain(domain: &str) -> Result<usize, Error> {
    if domain.starts_with('[') {
        return Err(Error::EmailAddressLiteral);
    }
    let (mut count, mut total) = (0usize, 0usize);
    let mut last_all_digits = false;
    for label in labels(domain) {
        count += 1;
        if label.is_ascii() {
            // The common case, without NFC: ASCII needs no normalising to be checked.
            let bytes = label.as_bytes();
            let inner = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-';
            if bytes.is_empty() || bytes[0] == b'-' || bytes[bytes.len() - 1] == b'-' {
                return Err(Error::EmailDomain);
            }
            if !bytes.iter().all(inner) {
                return Err(Error::EmailDomain);
            }
            if bytes.len() > MAX_LABEL {
                return Err(Error::EmailLabelTooLong);
            }
            total += bytes.len() + 1;
            last_all_digits = bytes.iter().all(u8::is_ascii_digit);
            continue;
        }
        let chars = domain_chars(label);
        let (mut n, mut ascii, mut edge) = (0usize, true, '-');
        for c in chars.clone() {
            if n == 0 && c == '-' {
                return Err(Error::EmailDomain);
            }
            edge = c;
            let letter = !c.is_ascii() && (c.is_alphanumeric() || (n > 0 && is_combining_mark(c)));
            if !(c.is_ascii_alphanumeric() || c == '-' || letter) {
                return Err(Error::EmailDomain);
            }
            ascii &= c.is_ascii();
            n += 1;
        }
        if n == 0 || edge == '-' {
            return Err(Error::EmailDomain);
        }
        if n > MAX_LABEL {
            return Err(Error::EmailLabelTooLong);
        }
        let len = if ascii {
            n
        } else {
            let mut encoded = ACE_PREFIX.len();
            punycode::encode(chars, &mut |_| encoded += 1).ok_or(Error::EmailLabelTooLong)?;
            encoded
        };
        if len > MAX_LABEL {
            return Err(Error::EmailLabelTooLong);
        }
        total += len + 1;
        last_all_digits = label.chars().all(|c| normalise(c).is_ascii_digit());
    }
    if count < 2 {
        return Err(Error::EmailDomainDot);
    }
    if last_all_digits {
        return Err(Error::EmailAddressLiteral);
    }
    Ok(total - 1)
}

/// Whether `s` is an e-mail address [`Email::from_str`] accepts (ASCII local part);
/// allocates nothing.
///
/// ```
/// assert!(restore_access::id::email::is_valid("ivan@почта.рф"));
/// assert!(!restore_access::id::email::is_valid("иван@почта.рф"));
/// ```
pub fn is_valid(s: &str) -> bool {
    validate(s, false).is_ok()
}

impl Email {
    /// Parses an address whose local part may hold non-ASCII letters (`иван@почта.рф`,
    /// RFC 6531); delivering to one needs a mail server with SMTPUTF8.
    pub fn parse_internationalised(s: &str) -> Result<Self, Error> {
        Self::build(validate(s, true)?)
    }

    fn build(parts: Parts<'_>) -> Result<Self, Error> {
        let mut text = String::with_capacity(parts.local.len() + 1 + parts.domain.len());
        text.extend(parts.local.chars().map(normalise));
        let at = text.len();
        text.push('@');
        let mut ascii = None;
        if parts.domain.is_ascii() {
            text.extend(parts.domain.chars().map(|c| c.to_ascii_lowercase()));
        } else if parts.ascii_domain {
            text.extend(domain_chars(parts.domain));
        } else {
            let mut out = text.clone();
            for (i, label) in labels(parts.domain).enumerate() {
                if i > 0 {
                    text.push('.');
                    out.push('.');
                }
                text.extend(domain_chars(label));
                if domain_chars(label).all(|c| c.is_ascii()) {
                    out.extend(domain_chars(label));
                } else {
                    out.push_str(ACE_PREFIX);
                    punycode::encode(domain_chars(label), &mut |b| out.push(char::from(b)))
                        .ok_or(Error::EmailLabelTooLong)?;
                }
            }
            ascii = Some(out.into_boxed_str());
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
        Self::build(validate(s, false)?)
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
