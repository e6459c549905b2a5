//! One-time SMS codes and e-mail link tokens: generated from the OS CSPRNG, stored only as
//! keyed hashes, verified once, and budgeted across flows.
//!
//! The pieces, in the order a flow uses them:
//!
//! 1. [`Keys`]: the server secrets (a list, so they can rotate).
//! 2. [`CodeRecord::issue_sms`] / [`CodeRecord::issue_link`]: a fresh secret ([`SmsCode`],
//!    [`LinkToken`]) for the delivery action, and a [`CodeRecord`] (keyed hash, expiry,
//!    attempt counter) for the flow's state. The flow keeps one record per purpose: storing
//!    the new record in place of the old one is what voids the earlier code.
//! 3. [`CodeRecord::verify`] (consumes) and [`CodeRecord::check`] (for opening a link: consumes
//!    nothing).
//! 4. [`LimiterState`] with [`Rate`] and the [`presets`]: send limits and the wrong-code budget
//!    per identifier, under a [`limiter_key`] that holds no personal data.
//!
//! ```
//! use restore_access::UnixTime;
//! use restore_access::code::{CodeRecord, Keys, Policy, Purpose};
//!
//! let keys = Keys::new("k1", &[7u8; 32])?;
//! let now = UnixTime::from_secs(1_700_000_000);
//! let (mut record, code) =
//!     CodeRecord::issue_sms(&keys, "flow-42", Purpose::Recovery, now, &Policy::default())?;
//! // `code.expose()` goes into the SMS; `record` goes into the flow's state.
//! assert_eq!(code.expose().len(), 6);
//! record.verify(&keys, "flow-42", Purpose::Recovery, code.expose(), now)?;
//! # Ok::<(), restore_access::code::Error>(())
//! ```

mod keys;
mod limit;
mod record;
mod secret;

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

pub use keys::{Bucket, Keys, LimiterKey, limiter_key};
pub(crate) use keys::{Key, is_tag_text};
pub use limit::{LimiterState, Rate, RetryAfter, presets};
pub use record::{CodeRecord, Policy};
pub use secret::{LinkToken, SmsCode};

use crate::i18n::{ErrorCode, Message};

/// What a code is for. Bound into its hash: a sign-up code fails in a recovery flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Purpose {
    /// Recovering access to an account (the password is being reset).
    Recovery,
    /// Confirming a contact while signing up.
    SignUp,
    /// Confirming a new phone number or e-mail address on an existing account.
    ContactChange,
    /// A second factor while signing in.
    SignIn,
}

impl Purpose {
    /// The stable name: `recovery`, `sign_up`, `contact_change`, `sign_in`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Purpose::Recovery => "recovery",
            Purpose::SignUp => "sign_up",
            Purpose::ContactChange => "contact_change",
            Purpose::SignIn => "sign_in",
        }
    }

    const ALL: [Purpose; 4] = [
        Purpose::Recovery,
        Purpose::SignUp,
        Purpose::ContactChange,
        Purpose::SignIn,
    ];
}

impl fmt::Display for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Purpose {
    type Err = Error;

    /// The names [`Purpose::as_str`] returns, exactly.
    fn from_str(s: &str) -> Result<Self, Error> {
        Purpose::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or(Error::UnknownPurpose)
    }
}

/// How a secret reaches the person. Bound into the hash, and part of a limiter key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Channel {
    /// A numeric code by SMS.
    Sms,
    /// A link with a token by e-mail.
    Email,
}

impl Channel {
    /// The stable name: `sms` or `email`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Channel {
    type Err = Error;

    /// `sms` or `email`, exactly.
    fn from_str(s: &str) -> Result<Self, Error> {
        [Channel::Sms, Channel::Email]
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or(Error::UnknownChannel)
    }
}

/// Everything that can go wrong with codes, tokens, keys and limits.
///
/// The first group is what a person sees when a code is refused; the rest are configuration
/// errors of the host. Every variant has a stable [`ErrorCode::code`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The code does not match (also: it belongs to another flow).
    #[error("the code is wrong")]
    Wrong,
    /// The code's lifetime is over.
    #[error("the code has expired")]
    Expired,
    /// The code was checked at a time before it was issued (a clock that went back).
    #[error("the code is not valid yet")]
    NotYetValid,
    /// The code was already used once.
    #[error("the code has already been used")]
    Used,
    /// Too many wrong attempts: the record accepts nothing more, not even the right code.
    #[error("too many wrong attempts")]
    Locked,
    /// The record was issued for another purpose.
    #[error("the code was issued for another purpose")]
    WrongPurpose,
    /// The record was hashed under a key no longer in the ring.
    #[error("the code was issued under a retired key")]
    KeyRetired,
    /// Too many requests for this key; try again after the given time.
    #[error("too many requests, retry after {} s", retry_after.as_secs())]
    RateLimited {
        /// How long to wait before the next request can pass.
        retry_after: Duration,
    },
    /// An SMS code length outside 4..=10 digits.
    #[error("an SMS code has 4 to 10 digits, not {digits}")]
    Digits {
        /// The length asked for.
        digits: u8,
    },
    /// A link token size outside 128..=512 bits or not a whole number of bytes.
    #[error("a link token has 128 to 512 bits in whole bytes, not {bits}")]
    TokenBits {
        /// The size asked for.
        bits: u16,
    },
    /// A lifetime of zero or above the cap for the channel.
    #[error("a {channel} code lives 1 s to {} s", max.as_secs())]
    Ttl {
        /// The channel whose cap applies.
        channel: Channel,
        /// The cap.
        max: Duration,
    },
    /// A maximum number of attempts outside 1..=10.
    #[error("the maximum number of attempts is 1 to 10, not {max}")]
    MaxAttempts {
        /// The number asked for.
        max: u8,
    },
    /// A server key shorter than 32 or longer than 64 bytes.
    #[error("a server key has 32 to 64 bytes, not {len}")]
    KeyLength {
        /// The length given.
        len: usize,
    },
    /// A key id that is empty, longer than 16 bytes, or not `[A-Za-z0-9._-]`.
    #[error("a key id has 1 to 16 characters from A-Z a-z 0-9 . _ -")]
    KeyId,
    /// Two keys in the ring with the same id.
    #[error("two keys have the same id")]
    KeyDuplicate,
    /// Retiring the last key would leave nothing to issue with.
    #[error("the key ring cannot be empty")]
    NoKeys,
    /// A rate of zero requests or over a zero or absurd period.
    #[error("a rate is 1 or more requests per 1 s to 366 days")]
    Rate,
    /// A purpose name this version does not know.
    #[error("unknown purpose")]
    UnknownPurpose,
    /// A channel name this version does not know.
    #[error("unknown channel")]
    UnknownChannel,
    /// The operating system's random number generator failed.
    #[error("the system random number generator failed")]
    Rng,
    /// A sealed record or limiter state did not open: forged, damaged, sealed for another
    /// key, flow or limiter key, or under a key no longer in the ring. Which one is not said.
    #[error("the stored value is not valid")]
    StateInvalid,
}

impl ErrorCode for Error {
    fn code(&self) -> &'static str {
        match self {
            Error::Wrong => "code.wrong",
            Error::Expired => "code.expired",
            Error::NotYetValid => "code.not_yet_valid",
            Error::Used => "code.used",
            Error::Locked => "code.locked",
            Error::WrongPurpose => "code.wrong_purpose",
            Error::KeyRetired => "code.key_retired",
            Error::RateLimited { .. } => "code.rate_limited",
            Error::Digits { .. } => "code.digits",
            Error::TokenBits { .. } => "code.token_bits",
            Error::Ttl { .. } => "code.ttl",
            Error::MaxAttempts { .. } => "code.max_attempts",
            Error::KeyLength { .. } => "code.key_length",
            Error::KeyId => "code.key_id",
            Error::KeyDuplicate => "code.key_duplicate",
            Error::NoKeys => "code.no_keys",
            Error::Rate => "code.rate",
            Error::UnknownPurpose => "code.purpose",
            Error::UnknownChannel => "code.channel",
            Error::Rng => "code.rng",
            Error::StateInvalid => "code.state_invalid",
        }
    }
}

/// Messages for this module's codes.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "code.wrong",
        ru: "Неверный код. Проверьте его и попробуйте ещё раз.",
        en: "The code is incorrect. Please check it and try again.",
    },
    Message {
        code: "code.expired",
        ru: "Срок действия кода истёк. Запросите новый код.",
        en: "The code has expired. Please request a new one.",
    },
    Message {
        code: "code.not_yet_valid",
        ru: "Код пока не действует. Проверьте время на сервере или запросите новый код.",
        en: "The code is not valid yet. Check the server clock or request a new code.",
    },
    Message {
        code: "code.used",
        ru: "Этот код уже использован. Запросите новый код.",
        en: "This code has already been used. Please request a new one.",
    },
    Message {
        code: "code.locked",
        ru: "Слишком много неверных попыток. Запросите новый код позже.",
        en: "Too many incorrect attempts. Please request a new code later.",
    },
    Message {
        code: "code.wrong_purpose",
        ru: "Этот код предназначен для другой операции. Запросите новый код.",
        en: "This code was issued for a different action. Please request a new one.",
    },
    Message {
        code: "code.key_retired",
        ru: "Код больше не действует. Запросите новый код.",
        en: "This code is no longer valid. Please request a new one.",
    },
    Message {
        code: "code.rate_limited",
        ru: "Слишком много запросов. Пожалуйста, повторите попытку позже.",
        en: "Too many requests. Please try again later.",
    },
    Message {
        code: "code.digits",
        ru: "Длина SMS-кода должна быть от 4 до 10 цифр.",
        en: "An SMS code must have 4 to 10 digits.",
    },
    Message {
        code: "code.token_bits",
        ru: "Длина токена ссылки должна быть от 128 до 512 бит, кратно 8.",
        en: "A link token must have 128 to 512 bits, in whole bytes.",
    },
    Message {
        code: "code.ttl",
        ru: "Срок действия кода должен быть не больше 10 минут для SMS и 24 часов для ссылки.",
        en: "A code may live at most 10 minutes by SMS and 24 hours by e-mail link.",
    },
    Message {
        code: "code.max_attempts",
        ru: "Допустимое число попыток ввода кода — от 1 до 10.",
        en: "The number of attempts allowed for a code must be between 1 and 10.",
    },
    Message {
        code: "code.key_length",
        ru: "Секретный ключ сервера должен быть длиной от 32 до 64 байт.",
        en: "A server secret key must be 32 to 64 bytes long.",
    },
    Message {
        code: "code.key_id",
        ru: "Идентификатор ключа: от 1 до 16 символов из A–Z, a–z, 0–9, «.», «_», «-».",
        en: "A key id must have 1 to 16 characters from A-Z, a-z, 0-9, '.', '_', '-'.",
    },
    Message {
        code: "code.key_duplicate",
        ru: "Два ключа сервера имеют одинаковый идентификатор.",
        en: "Two server keys have the same id.",
    },
    Message {
        code: "code.no_keys",
        ru: "Нужен хотя бы один секретный ключ сервера.",
        en: "At least one server secret key is required.",
    },
    Message {
        code: "code.rate",
        ru: "Ограничение частоты задано неверно: нужен хотя бы 1 запрос за период от 1 секунды до 366 дней.",
        en: "A rate limit must allow at least 1 request per period of 1 second to 366 days.",
    },
    Message {
        code: "code.purpose",
        ru: "Неизвестное назначение кода.",
        en: "Unknown code purpose.",
    },
    Message {
        code: "code.channel",
        ru: "Неизвестный способ доставки кода.",
        en: "Unknown code delivery channel.",
    },
    Message {
        code: "code.rng",
        ru: "Не удалось создать код. Пожалуйста, повторите попытку позже.",
        en: "A code could not be generated. Please try again later.",
    },
    Message {
        code: "code.state_invalid",
        ru: "Сохранённые данные кода недействительны. Запросите новый код.",
        en: "The stored code data is not valid. Please request a new code.",
    },
];
