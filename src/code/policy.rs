//! How codes are issued: length, lifetime, attempts, with the caps every setting is checked
//! against.

use std::time::Duration;

use super::{Channel, Error, LinkToken, SmsCode};

/// How codes are issued: length, lifetime, attempts. `Policy::default()` is the safe choice.
///
/// | setting | default | allowed |
/// |---|---|---|
/// | SMS digits | 6 | 4..=10 |
/// | SMS lifetime | 5 min | 1 s ..= 10 min |
/// | link token | 256 bits | 128..=512, whole bytes |
/// | link lifetime | 1 h | 1 s ..= 24 h |
/// | attempts per code | 5 | 1..=10 |
///
/// The caps are NIST SP 800-63B's and OWASP's: a short-lived code leaves a guesser little
/// time, and a link sits in a mailbox that may be read later by someone else.
///
/// ```
/// use restore_access::code::Policy;
/// use std::time::Duration;
/// let policy = Policy::default().with_sms_ttl(Duration::from_secs(600))?;
/// assert_eq!(policy.sms_ttl(), Duration::from_secs(600));
/// assert!(Policy::default().with_sms_ttl(Duration::from_secs(601)).is_err());
/// # Ok::<(), restore_access::code::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub(super) sms_digits: u8,
    pub(super) sms_ttl: Duration,
    pub(super) link_bits: u16,
    pub(super) link_ttl: Duration,
    pub(super) max_attempts: u8,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            sms_digits: SmsCode::DEFAULT_DIGITS,
            sms_ttl: Duration::from_secs(5 * 60),
            link_bits: LinkToken::DEFAULT_BITS,
            link_ttl: Duration::from_secs(60 * 60),
            max_attempts: 5,
        }
    }
}

impl Policy {
    /// The longest an SMS code may live.
    pub const SMS_TTL_MAX: Duration = Duration::from_secs(10 * 60);
    /// The longest an e-mail link may live.
    pub const LINK_TTL_MAX: Duration = Duration::from_secs(24 * 60 * 60);
    /// The most attempts a code may allow.
    pub const MAX_ATTEMPTS_CAP: u8 = 10;

    /// SMS codes of `digits` digits.
    ///
    /// # Errors
    /// `code.digits` outside 4..=10.
    pub fn with_sms_digits(mut self, digits: u8) -> Result<Self, Error> {
        self.sms_digits = SmsCode::checked_digits(digits)?;
        Ok(self)
    }

    /// SMS codes that live `ttl` (whole seconds count).
    ///
    /// # Errors
    /// `code.ttl` for less than a second or more than [`Policy::SMS_TTL_MAX`].
    pub fn with_sms_ttl(mut self, ttl: Duration) -> Result<Self, Error> {
        self.sms_ttl = checked_ttl(ttl, Channel::Sms, Self::SMS_TTL_MAX)?;
        Ok(self)
    }

    /// Link tokens of `bits` bits.
    ///
    /// # Errors
    /// `code.token_bits` outside 128..=512 or not a multiple of 8.
    pub fn with_link_bits(mut self, bits: u16) -> Result<Self, Error> {
        self.link_bits = LinkToken::checked_bits(bits)?;
        Ok(self)
    }

    /// Links that live `ttl` (whole seconds count).
    ///
    /// # Errors
    /// `code.ttl` for less than a second or more than [`Policy::LINK_TTL_MAX`].
    pub fn with_link_ttl(mut self, ttl: Duration) -> Result<Self, Error> {
        self.link_ttl = checked_ttl(ttl, Channel::Email, Self::LINK_TTL_MAX)?;
        Ok(self)
    }

    /// Allow `max` attempts per code; the next one after that is `code.locked`.
    ///
    /// # Errors
    /// `code.max_attempts` outside 1..=10.
    pub fn with_max_attempts(mut self, max: u8) -> Result<Self, Error> {
        if !(1..=Self::MAX_ATTEMPTS_CAP).contains(&max) {
            return Err(Error::MaxAttempts { max });
        }
        self.max_attempts = max;
        Ok(self)
    }

    /// Digits per SMS code.
    pub fn sms_digits(&self) -> u8 {
        self.sms_digits
    }

    /// Lifetime of an SMS code.
    pub fn sms_ttl(&self) -> Duration {
        self.sms_ttl
    }

    /// Bits per link token.
    pub fn link_bits(&self) -> u16 {
        self.link_bits
    }

    /// Lifetime of an e-mail link.
    pub fn link_ttl(&self) -> Duration {
        self.link_ttl
    }

    /// Attempts allowed per code.
    pub fn max_attempts(&self) -> u8 {
        self.max_attempts
    }
}

fn checked_ttl(ttl: Duration, channel: Channel, max: Duration) -> Result<Duration, Error> {
    let whole = Duration::from_secs(ttl.as_secs());
    if whole.is_zero() || whole > max {
        return Err(Error::Ttl { channel, max });
    }
    Ok(whole)
}
