//! Identifiers people type to recover an account: СНИЛС, ИНН, passport, phone, e-mail; what
//! the login and document fields accept; the surname check.
//!
//! Each identifier is a newtype built by `FromStr` from what a person typed (spaces, dashes,
//! brackets, no-break spaces, full-width digits and surrounding whitespace are forgiven),
//! printed canonically by `Display`, and masked for logs by `masked()` — which is also all its
//! `Debug` shows. Each kind also has an allocation-free `is_valid(&str)` for bulk work that
//! answers exactly as `parse().is_ok()` does. Every failure is an [`Error`] with a stable code
//! and messages in Russian and English.
//!
//! # Limits before work
//!
//! Every parser measures its input before it looks at a character, so any call runs in time
//! bounded by the limit, whatever it is given:
//!
//! | input | longest looked at | longer input is |
//! |---|---|---|
//! | СНИЛС, ИНН, passport, phone, document | 128 bytes | the identifier's `*.length` |
//! | e-mail, and a login that looks like one | 1024 bytes | `email.too_long` |
//! | surname | [`Surname::MAX_CHARS`] characters, 464 bytes | `surname.too_long` |
//!
//! ```
//! use restore_access::{ErrorCode, Phone};
//!
//! let phone: Phone = "8 (916) 123-45-67".parse()?;
//! assert_eq!(phone.to_string(), "+79161234567");
//! assert_eq!(format!("{phone:?}"), "Phone(+7 (916) ***-**-67)");
//!
//! let err = "+7 701 123 45 67".parse::<Phone>().unwrap_err();
//! assert_eq!(err.code(), "phone.kazakhstan");
//! # Ok::<(), restore_access::id::Error>(())
//! ```

pub(crate) mod clean;
mod error;
mod login;
mod masked;
#[cfg(feature = "serde")]
mod serde;
mod surname;

pub mod email;
pub mod inn;
pub mod passport;
pub mod phone;
mod phone_plan;
pub mod snils;

pub use email::Email;
pub use error::{Error, ErrorKind};
pub use inn::{Inn, InnKind};
pub use login::{Document, DocumentKind, Login, LoginKind, LookupKeys};
pub use masked::Masked;
pub use passport::Passport;
pub use phone::Phone;
pub use snils::Snils;
pub use surname::Surname;
