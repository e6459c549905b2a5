//! The password as a secret value.

use std::fmt;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// A password, or anything as sensitive (its reading in the other keyboard layout).
///
/// The bytes are wiped when the value is dropped, `Debug` prints `[REDACTED]`, there is no
/// `Display`, and the plaintext is reachable only through [`Password::expose`], so that
/// logging a request or an error never leaks it. Equality is constant-time.
///
/// ```
/// use restore_access::password::Password;
/// let pw = Password::from("Sharik1599+");
/// assert_eq!(format!("{pw:?}"), "[REDACTED]");
/// assert_eq!(pw.expose(), "Sharik1599+");
/// ```
#[derive(Clone, Default, Zeroize, ZeroizeOnDrop)]
pub struct Password(String);

impl Password {
    /// Wraps `s`; the string is taken over, not copied.
    pub fn new(s: String) -> Self {
        Password(s)
    }

    /// The plaintext. Call this only where the plaintext must be used (checking, hashing).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The length in characters (Unicode scalar values), as the length rules count it.
    pub fn char_len(&self) -> usize {
        self.0.chars().count()
    }
}

impl From<String> for Password {
    fn from(s: String) -> Self {
        Password(s)
    }
}

impl From<&str> for Password {
    fn from(s: &str) -> Self {
        Password(s.to_owned())
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl PartialEq for Password {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}

impl Eq for Password {}
