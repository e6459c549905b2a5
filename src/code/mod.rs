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
mod policy;
mod record;
mod secret;

use std::time::Duration;

pub use keys::{Bucket, Keys, LimiterKey, limiter_key};
pub(crate) use keys::{Key, is_tag_text};
pub use limit::{LimiterState, Rate, RetryAfter, presets};
pub use policy::Policy;
pub use record::CodeRecord;
pub use secret::{LinkToken, SmsCode};

crate::names! {
    /// What a code is for. Bound into its hash: a sign-up code fails in a recovery flow.
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    #[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
    #[non_exhaustive]
    pub enum Purpose as "a purpose" {
        /// Recovering access to an account (the password is being reset).
        Recovery = "recovery",
        /// Confirming a contact while signing up.
        SignUp = "sign_up",
        /// Confirming a new phone number or e-mail address on an existing account.
        ContactChange = "contact_change",
        /// A second factor while signing in.
        SignIn = "sign_in",
    }
}

crate::names! {
    /// How a secret reaches the person. Bound into the hash, and part of a limiter key.
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    #[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
    #[non_exhaustive]
    pub enum Channel as "a channel" {
        /// A numeric code by SMS.
        Sms = "sms",
        /// A link with a token by e-mail.
        Email = "email",
    }
}

crate::errors! {
    /// Everything that can go wrong with codes, tokens, keys and limits.
    ///
    /// The first group is what a person sees when a code is refused; the rest are configuration
    /// errors of the host. Every variant has a stable [`ErrorCode::code`](crate::ErrorCode::code).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Error in Code {
        /// The code does not match (also: it belongs to another flow).
        Wrong = "code.wrong" {
            ru: "Неверный код. Проверьте его и попробуйте ещё раз.",
            en: "The code is incorrect. Please check it and try again.",
        },
        /// The code's lifetime is over.
        Expired = "code.expired" {
            ru: "Срок действия кода истёк. Запросите новый код.",
            en: "The code has expired. Please request a new one.",
        },
        /// The code was checked at a time before it was issued (a clock that went back).
        NotYetValid = "code.not_yet_valid" {
            ru: "Код пока не действует. Проверьте время на сервере или запросите новый код.",
            en: "The code is not valid yet. Check the server clock or request a new code.",
        },
        /// The code was already used once.
        Used = "code.used" {
            ru: "Этот код уже использован. Запросите новый код.",
            en: "This code has already been used. Please request a new one.",
        },
        /// Too many wrong attempts: the record accepts nothing more, not even the right code.
        Locked = "code.locked" {
            ru: "Слишком много неверных попыток. Запросите новый код позже.",
            en: "Too many incorrect attempts. Please request a new code later.",
        },
        /// The record was issued for another purpose.
        WrongPurpose = "code.wrong_purpose" {
            ru: "Этот код предназначен для другой операции. Запросите новый код.",
            en: "This code was issued for a different action. Please request a new one.",
        },
        /// The record was hashed under a key no longer in the ring.
        KeyRetired = "code.key_retired" {
            ru: "Код больше не действует. Запросите новый код.",
            en: "This code is no longer valid. Please request a new one.",
        },
        /// Too many requests for this key; try again after the given time.
        RateLimited {
            /// How long to wait before the next request can pass.
            retry_after: Duration,
        } = "code.rate_limited" {
            ru: "Слишком много запросов. Пожалуйста, повторите попытку позже.",
            en: "Too many requests. Please try again later.",
            retry: retry_after,
            detail: ("retry after {} s", retry_after.as_secs()),
        },
        /// An SMS code length outside 4..=10 digits.
        Digits {
            /// The length asked for.
            digits: u8,
        } = "code.digits" {
            ru: "Длина SMS-кода должна быть от 4 до 10 цифр.",
            en: "An SMS code must have 4 to 10 digits.",
            detail: ("{} digits asked for", digits),
        },
        /// A link token size outside 128..=512 bits or not a whole number of bytes.
        TokenBits {
            /// The size asked for.
            bits: u16,
        } = "code.token_bits" {
            ru: "Длина токена ссылки должна быть от 128 до 512 бит, кратно 8.",
            en: "A link token must have 128 to 512 bits, in whole bytes.",
            detail: ("{} bits asked for", bits),
        },
        /// A lifetime of zero or above the cap for the channel.
        Ttl {
            /// The channel whose cap applies.
            channel: Channel,
            /// The cap.
            max: Duration,
        } = "code.ttl" {
            ru: "Срок действия кода должен быть не больше 10 минут для SMS и 24 часов для ссылки.",
            en: "A code may live at most 10 minutes by SMS and 24 hours by e-mail link.",
            detail: ("{}: 1 s to {} s", channel, max.as_secs()),
        },
        /// A maximum number of attempts outside 1..=10.
        MaxAttempts {
            /// The number asked for.
            max: u8,
        } = "code.max_attempts" {
            ru: "Допустимое число попыток ввода кода — от 1 до 10.",
            en: "The number of attempts allowed for a code must be between 1 and 10.",
            detail: ("{} asked for", max),
        },
        /// A server key shorter than 32 or longer than 64 bytes.
        KeyLength {
            /// The length given.
            len: usize,
        } = "code.key_length" {
            ru: "Секретный ключ сервера должен быть длиной от 32 до 64 байт.",
            en: "A server secret key must be 32 to 64 bytes long.",
            detail: ("{} bytes given", len),
        },
        /// A key id that is empty, longer than 16 bytes, or not `[A-Za-z0-9._-]`.
        KeyId = "code.key_id" {
            ru: "Идентификатор ключа: от 1 до 16 символов из A–Z, a–z, 0–9, «.», «_», «-».",
            en: "A key id must have 1 to 16 characters from A-Z, a-z, 0-9, '.', '_', '-'.",
        },
        /// Two keys in the ring with the same id.
        KeyDuplicate = "code.key_duplicate" {
            ru: "Два ключа сервера имеют одинаковый идентификатор.",
            en: "Two server keys have the same id.",
        },
        /// Retiring the last key would leave nothing to issue with.
        NoKeys = "code.no_keys" {
            ru: "Нужен хотя бы один секретный ключ сервера.",
            en: "At least one server secret key is required.",
        },
        /// A rate of zero requests or over a zero or absurd period.
        Rate = "code.rate" {
            ru: "Ограничение частоты задано неверно: нужен хотя бы 1 запрос за период от 1 секунды до 366 дней.",
            en: "A rate limit must allow at least 1 request per period of 1 second to 366 days.",
        },
        /// The operating system's random number generator failed.
        Rng = "code.rng" {
            ru: "Не удалось создать код. Пожалуйста, повторите попытку позже.",
            en: "A code could not be generated. Please try again later.",
        },
        /// A sealed record or limiter state did not open: forged, damaged, sealed for another
        /// key, flow or limiter key, or under a key no longer in the ring. Which one is not said.
        StateInvalid = "code.state_invalid" {
            ru: "Сохранённые данные кода недействительны. Запросите новый код.",
            en: "The stored code data is not valid. Please request a new code.",
        },
    }
}
