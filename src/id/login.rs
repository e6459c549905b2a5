//! What the login and document fields of the portals accept.

use std::borrow::Cow;
use std::fmt;

use super::clean::{normalise, scan, trim};
use super::{Email, Error, Inn, Passport, Phone, Snils, passport};

/// What mos.ru's login field accepts: a phone number, an e-mail address or a СНИЛС.
///
/// Eleven digits starting with 7 or 8 can be both a phone number and a СНИЛС. The typed shape
/// decides when it tells: a `+`, parentheses or a lone first digit (`8 916 …`, `8-916-…`)
/// make a phone; the groups `XXX-XXX-XXX YY` (or `XXXXXXXXX YY`) make a СНИЛС. Bare digits
/// valid as both give [`Login::PhoneOrSnils`]: the host looks up both, never one by guess.
///
/// ```
/// use restore_access::Login;
///
/// assert!(matches!(Login::parse("8 (916) 123-45-67")?, Login::Phone(_)));
/// assert!(matches!(Login::parse("112-233-445 95")?, Login::Snils(_)));
/// assert!(matches!(Login::parse("ivan@mail.ru")?, Login::Email(_)));
/// assert_eq!(Login::parse("8 916 123 45 67")?.masked().to_string(), "+7 (916) ***-**-67");
/// # Ok::<(), restore_access::id::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Login {
    /// A phone number.
    Phone(Phone),
    /// An e-mail address.
    Email(Email),
    /// A СНИЛС.
    Snils(Snils),
    /// Eleven bare digits valid both as a phone number and as a СНИЛС.
    PhoneOrSnils {
        /// The phone reading.
        phone: Phone,
        /// The СНИЛС reading.
        snils: Snils,
    },
}

impl Login {
    /// Reads what a person typed into the login field.
    pub fn parse(s: &str) -> Result<Self, Error> {
        if trim(s).chars().any(|c| normalise(c) == '@') {
            return s.parse().map(Login::Email);
        }
        let scan = scan(s, &[]).ok_or(Error::LoginFormat)?;
        let phone = || s.parse().map(Login::Phone);
        let snils = || s.parse().map(Login::Snils);
        if scan.plus || scan.parens || (!scan.rest.is_empty() && scan.count >= 10) {
            return phone();
        }
        if !scan.is_plain() {
            return Err(Error::LoginFormat);
        }
        if matches!(scan.groups(), [3, 3, 3, 2] | [9, 2]) {
            return snils();
        }
        let first = scan.digits().first().copied();
        match scan.count {
            10 | 14 => phone(),
            11 if scan.groups().first() == Some(&1) => phone(),
            11 if matches!(first, Some(b'7' | b'8')) => match (s.parse(), s.parse()) {
                (Ok(phone), Ok(snils)) => Ok(Login::PhoneOrSnils { phone, snils }),
                (Ok(phone), Err(_)) => Ok(Login::Phone(phone)),
                (Err(_), Ok(snils)) => Ok(Login::Snils(snils)),
                (Err(e), Err(_)) => Err(e),
            },
            11 => snils(),
            _ => Err(Error::LoginFormat),
        }
    }

    /// Like [`Login::parse`], but eleven bare digits that read both ways are an error
    /// ([`Error::LoginAmbiguous`]) asking for a shape that tells: for hosts that look up one
    /// account per login and must not guess.
    ///
    /// ```
    /// use restore_access::{ErrorCode, Login};
    ///
    /// assert_eq!(Login::parse_unambiguous("89161200100").unwrap_err().code(), "login.ambiguous");
    /// assert!(Login::parse_unambiguous("+7 916 120-01-00").is_ok());
    /// assert!(Login::parse_unambiguous("891-612-001 00").is_ok());
    /// ```
    pub fn parse_unambiguous(s: &str) -> Result<Self, Error> {
        match Login::parse(s)? {
            Login::PhoneOrSnils { .. } => Err(Error::LoginAmbiguous),
            login => Ok(login),
        }
    }

    /// Which kind of login this is.
    pub const fn kind(&self) -> LoginKind {
        match self {
            Login::Phone(_) => LoginKind::Phone,
            Login::Email(_) => LoginKind::Email,
            Login::Snils(_) => LoginKind::Snils,
            Login::PhoneOrSnils { .. } => LoginKind::PhoneOrSnils,
        }
    }

    /// The readings to look the account up by, each in the form a directory indexes it:
    /// the phone in E.164, the e-mail's [`Email::key`], the СНИЛС canonical. An ambiguous login
    /// has two, and the host looks up both.
    ///
    /// ```
    /// use restore_access::Login;
    ///
    /// let phone = Login::parse("8 (916) 123-45-67")?;
    /// let keys = phone.lookup_keys();
    /// assert_eq!(keys.phone.as_deref(), Some("+79161234567"));
    /// assert_eq!(keys.snils, None);
    /// let email = Login::parse("ivan@ПОЧТА.рф")?;
    /// assert_eq!(email.lookup_keys().email.as_deref(), Some("ivan@xn--80a1acny.xn--p1ai"));
    /// # Ok::<(), restore_access::id::Error>(())
    /// ```
    pub fn lookup_keys(&self) -> LookupKeys<'_> {
        let (phone, email, snils) = match self {
            Login::Phone(p) => (Some(p), None, None),
            Login::Email(e) => (None, Some(e), None),
            Login::Snils(s) => (None, None, Some(s)),
            Login::PhoneOrSnils { phone, snils } => (Some(phone), None, Some(snils)),
        };
        LookupKeys {
            phone: phone.map(|p| Cow::Borrowed(p.e164())),
            email: email.map(|e| Cow::Borrowed(e.key())),
            snils: snils.map(|s| Cow::Owned(s.to_string())),
        }
    }

    /// A form safe for logs, built from the masked forms of the readings.
    pub fn masked(&self) -> super::Masked<'_> {
        super::Masked(super::masked::Of::Login(self))
    }

    pub(crate) fn fmt_masked(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Login::Phone(p) => p.fmt_masked(f),
            Login::Email(e) => e.fmt_masked(f),
            Login::Snils(s) => s.fmt_masked(f),
            Login::PhoneOrSnils { phone, snils } => {
                write!(f, "{} | {}", phone.masked(), snils.masked())
            }
        }
    }
}

crate::names! {
    /// Which kind of [`Login`] was typed.
    #[non_exhaustive]
    pub enum LoginKind as "a login kind" {
        /// A phone number.
        Phone = "phone",
        /// An e-mail address.
        Email = "email",
        /// A СНИЛС.
        Snils = "snils",
        /// Eleven bare digits valid both as a phone number and as a СНИЛС.
        PhoneOrSnils = "phone_or_snils",
    }
}

/// The keys to look an account up by ([`Login::lookup_keys`]); `None` where the login has
/// no such reading.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LookupKeys<'a> {
    /// The phone, E.164 (`+79161234567`).
    pub phone: Option<Cow<'a, str>>,
    /// The e-mail's comparison key ([`Email::key`]).
    pub email: Option<Cow<'a, str>>,
    /// The СНИЛС, `XXX-XXX-XXX YY`.
    pub snils: Option<Cow<'a, str>>,
}

/// The canonical form of the reading; an ambiguous login prints its eleven digits, which
/// parse back to the same ambiguity.
impl fmt::Display for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Login::Phone(p) => p.fmt(f),
            Login::Email(e) => e.fmt(f),
            Login::Snils(s) => s.fmt(f),
            Login::PhoneOrSnils { snils, .. } => f.write_str(snils.digits()),
        }
    }
}

impl fmt::Debug for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Login({})", self.masked())
    }
}

/// What Госуслуги's document field accepts: a passport, a person's ИНН or a СНИЛС.
///
/// The number of digits decides: 10 a passport series and number, 11 a СНИЛС, 12 a
/// person's ИНН. (An organisation's 10-digit ИНН cannot identify a person, so 10 digits are
/// read as a passport.)
///
/// ```
/// use restore_access::Document;
///
/// assert!(matches!(Document::parse("45 08 123456")?, Document::Passport(_)));
/// assert!(matches!(Document::parse("500100732259")?, Document::Inn(_)));
/// assert!(matches!(Document::parse("112-233-445 95")?, Document::Snils(_)));
/// # Ok::<(), restore_access::id::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Document {
    /// Series and number of a passport.
    Passport(Passport),
    /// A person's ИНН (12 digits).
    Inn(Inn),
    /// A СНИЛС.
    Snils(Snils),
}

impl Document {
    /// Reads what a person typed into the document field.
    pub fn parse(s: &str) -> Result<Self, Error> {
        let scan = scan(s, passport::WORDS).ok_or(Error::DocumentFormat)?;
        if !scan.rest.is_empty() || scan.plus || scan.parens {
            return Err(Error::DocumentFormat);
        }
        match scan.count {
            10 => s.parse().map(Document::Passport),
            11 => s.parse().map(Document::Snils),
            12 => s.parse().map(Document::Inn),
            _ => Err(Error::DocumentFormat),
        }
    }

    /// Which kind of document this is.
    pub const fn kind(&self) -> DocumentKind {
        match self {
            Document::Passport(_) => DocumentKind::Passport,
            Document::Inn(_) => DocumentKind::Inn,
            Document::Snils(_) => DocumentKind::Snils,
        }
    }

    /// A form safe for logs: the masked form of the document.
    pub fn masked(&self) -> super::Masked<'_> {
        super::Masked(super::masked::Of::Document(self))
    }

    pub(crate) fn fmt_masked(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Document::Passport(p) => p.fmt_masked(f),
            Document::Inn(i) => i.fmt_masked(f),
            Document::Snils(s) => s.fmt_masked(f),
        }
    }
}

crate::names! {
    /// A kind of identity document: what the document field holds, and what a person brings
    /// to a service centre.
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
    #[non_exhaustive]
    pub enum DocumentKind as "a document kind" {
        /// The Russian internal passport.
        Passport = "passport",
        /// A person's ИНН.
        Inn = "inn",
        /// The СНИЛС.
        Snils = "snils",
    }
}

/// The canonical form of the document.
impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Document::Passport(p) => p.fmt(f),
            Document::Inn(i) => i.fmt(f),
            Document::Snils(s) => s.fmt(f),
        }
    }
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Document({})", self.masked())
    }
}
