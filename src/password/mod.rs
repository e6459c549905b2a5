//! Passwords: policy rules, Russian-aware checks, and Argon2id hashing.
//!
//! The new password chosen at the end of recovery goes through a [`Policy`]
//! ([`Policy::gosuslugi`], [`Policy::nist`] or one from [`Policy::builder`]), which reports
//! every broken rule at once as [`Violation`]s with stable codes and ru/en messages, plus a
//! [`Strength`] estimate. Beyond composition it catches the Russian layout left on
//! (`Ырфкшл1599+` is `Sharik1599+`), common passwords in either layout and with the usual
//! decorations (`gfhjkm` is «пароль»), the person's own data ([`Context`]), and reuse of
//! the previous password. The accepted password is hashed by [`Hasher`] (Argon2id, OWASP
//! minimum or stronger) and travels as a [`Password`], which never prints.
//!
//! ```
//! use restore_access::password::{Context, Hasher, Policy, Password};
//! use restore_access::{ErrorCode, Lang};
//!
//! let policy = Policy::gosuslugi();
//! let ctx = Context::new().surname("Иванов").phone("+7 916 123-45-67");
//! let report = policy.check("Ivanov4567!", &ctx);
//! let messages: Vec<_> = report.violations().iter().map(|v| v.message(Lang::Ru)).collect();
//! assert_eq!(report.codes().collect::<Vec<_>>(), ["password.contains_surname", "password.contains_phone"]);
//! assert!(messages[0].contains("фамилию"));
//!
//! let password = Password::from("Sharik1599+");
//! assert!(policy.check(password.expose(), &ctx).is_ok());
//! // Then store `Hasher::new().hash(&policy.prepare(&password))?`.
//! ```
//!
//! # Limits before work
//!
//! Every input is measured before any work is done on it, so a check or a verification takes
//! bounded time whatever it is given. A password longer than [`Policy::max_bytes`] (four
//! bytes per allowed character, at most [`MAX_PASSWORD_BYTES`] = 1024) is reported as
//! `password.too_long` before it is normalised, remapped or looked up; [`Hasher`] refuses a
//! password over [`MAX_PASSWORD_BYTES`], and a stored hash whose Argon2 parameters are above
//! its ceiling (`password.hash_too_costly`), without hashing. The arithmetic of the checks
//! saturates: no input makes it overflow.

// No input may make the arithmetic of the checks overflow (and panic, or wrap).
#![deny(clippy::arithmetic_side_effects)]

mod context;
mod dictionary;
mod hash;
mod layout;
mod policy;
mod secret;
mod strength;

pub use context::{BirthDate, Context};
pub use hash::Hasher;
pub use layout::{to_cyrillic_layout, to_latin_layout};
pub use policy::{Charset, LONGEST_MAX_LEN, MAX_PASSWORD_BYTES, Policy, PolicyBuilder, Report};
pub use secret::Password;
pub use strength::Strength;

use crate::i18n::{ErrorCode, Lang, Message};
use std::fmt;

/// The longest prefix of `s` of at most [`MAX_PASSWORD_BYTES`] bytes that ends on a character
/// boundary: what the checks look at of an input they cannot refuse.
pub(crate) fn capped(s: &str) -> &str {
    let mut end = s.len().min(MAX_PASSWORD_BYTES);
    while !s.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    s.get(..end).unwrap_or_default()
}

/// One broken password rule. The code is stable; the message explains the rule to the person.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Violation {
    /// Shorter than `min` characters.
    TooShort {
        /// The minimum length.
        min: usize,
    },
    /// Longer than `max` characters, or longer than [`Policy::max_bytes`] bytes as typed
    /// (measured before normalisation); nothing else was checked.
    TooLong {
        /// The maximum length.
        max: usize,
    },
    /// No upper-case Latin letter.
    NoUpper,
    /// No lower-case Latin letter.
    NoLower,
    /// No digit.
    NoDigit,
    /// No punctuation character.
    NoSymbol,
    /// A character the policy does not accept (a space, a non-Latin letter).
    InvalidChar,
    /// Cyrillic letters where Latin ones are required: the Russian layout was on.
    WrongLayout {
        /// The password as it would read in the Latin layout — as secret as the password.
        latin: Password,
    },
    /// A common password, possibly decorated (capitals, digits, symbols, leet, layout).
    Blocklisted,
    /// Contains the login.
    ContainsLogin,
    /// Contains the e-mail address's local part.
    ContainsEmail,
    /// Contains the surname (as typed, transliterated or keyboard-remapped).
    ContainsSurname,
    /// Contains the first name (as typed, transliterated or keyboard-remapped).
    ContainsName,
    /// Contains a run of the phone number's digits.
    ContainsPhone,
    /// Contains a run of the СНИЛС's digits.
    ContainsSnils,
    /// Contains the date of birth or its year.
    ContainsBirthDate,
    /// The same as the previous password.
    Reused,
    /// Easier to guess than the policy's minimum strength score allows.
    TooWeak {
        /// The minimum score.
        min_score: u8,
    },
}

impl ErrorCode for Violation {
    fn code(&self) -> &'static str {
        match self {
            Violation::TooShort { .. } => "password.too_short",
            Violation::TooLong { .. } => "password.too_long",
            Violation::NoUpper => "password.no_upper",
            Violation::NoLower => "password.no_lower",
            Violation::NoDigit => "password.no_digit",
            Violation::NoSymbol => "password.no_symbol",
            Violation::InvalidChar => "password.invalid_char",
            Violation::WrongLayout { .. } => "password.wrong_layout",
            Violation::Blocklisted => "password.blocklisted",
            Violation::ContainsLogin => "password.contains_login",
            Violation::ContainsEmail => "password.contains_email",
            Violation::ContainsSurname => "password.contains_surname",
            Violation::ContainsName => "password.contains_name",
            Violation::ContainsPhone => "password.contains_phone",
            Violation::ContainsSnils => "password.contains_snils",
            Violation::ContainsBirthDate => "password.contains_birth_date",
            Violation::Reused => "password.reused",
            Violation::TooWeak { .. } => "password.too_weak",
        }
    }
}

impl fmt::Display for Violation {
    /// The English message, with the number where the rule has one. Never the password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(Lang::En))?;
        match self {
            Violation::TooShort { min } => write!(f, " (minimum {min})"),
            Violation::TooLong { max } => write!(f, " (maximum {max})"),
            Violation::TooWeak { min_score } => write!(f, " (minimum score {min_score})"),
            _ => Ok(()),
        }
    }
}

/// Errors of hashing and of building a policy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An Argon2 parameter below the OWASP minimum.
    #[error("argon2 parameter {name} is below the minimum {min}")]
    WeakParams {
        /// `m_cost`, `t_cost` or `p_cost`.
        name: &'static str,
        /// The smallest value allowed.
        min: u32,
    },
    /// Argon2 parameters above its own limits.
    #[error("argon2 parameters out of range")]
    InvalidParams,
    /// The stored hash is not a well-formed PHC string with Argon2 parameters.
    #[error("malformed password hash")]
    MalformedHash,
    /// The stored hash is not an Argon2 hash (bcrypt, scrypt, …).
    #[error("unsupported password hash algorithm")]
    UnsupportedAlgorithm,
    /// The stored hash's Argon2 parameters are above the [`Hasher`]'s ceiling (see
    /// [`Hasher::MAX_STORED_M_COST`] and the constants beside it); it was not verified.
    #[error("the stored password hash is too costly to verify")]
    HashTooCostly,
    /// A password longer than [`MAX_PASSWORD_BYTES`] bytes was given to the [`Hasher`]; it
    /// was not hashed. The same code as [`Violation::TooLong`]: `password.too_long`.
    #[error("the password is longer than {max_bytes} bytes")]
    PasswordTooLong {
        /// The longest password accepted, in bytes.
        max_bytes: usize,
    },
    /// The OS random number generator failed.
    #[error("the OS random number generator failed")]
    Rng,
    /// Argon2 failed to compute the hash.
    #[error("password hashing failed")]
    Hashing,
    /// A custom policy with contradictory or out-of-range settings.
    #[error("invalid password policy: {reason}")]
    InvalidPolicy {
        /// What is wrong.
        reason: &'static str,
    },
}

impl ErrorCode for Error {
    fn code(&self) -> &'static str {
        match self {
            Error::WeakParams { .. } => "password.weak_params",
            Error::InvalidParams => "password.invalid_params",
            Error::MalformedHash => "password.malformed_hash",
            Error::UnsupportedAlgorithm => "password.unsupported_hash",
            Error::HashTooCostly => "password.hash_too_costly",
            Error::PasswordTooLong { .. } => "password.too_long",
            Error::Rng => "password.rng_failed",
            Error::Hashing => "password.hashing_failed",
            Error::InvalidPolicy { .. } => "password.invalid_policy",
        }
    }
}

/// Messages for this module's codes.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "password.too_short",
        ru: "Пароль слишком короткий. Придумайте пароль подлиннее.",
        en: "The password is too short. Please choose a longer one.",
    },
    Message {
        code: "password.too_long",
        ru: "Пароль слишком длинный. Сократите его, пожалуйста.",
        en: "The password is too long. Please shorten it.",
    },
    Message {
        code: "password.no_upper",
        ru: "Добавьте хотя бы одну заглавную латинскую букву (A–Z).",
        en: "Please add at least one upper-case Latin letter (A–Z).",
    },
    Message {
        code: "password.no_lower",
        ru: "Добавьте хотя бы одну строчную латинскую букву (a–z).",
        en: "Please add at least one lower-case Latin letter (a–z).",
    },
    Message {
        code: "password.no_digit",
        ru: "Добавьте хотя бы одну цифру.",
        en: "Please add at least one digit.",
    },
    Message {
        code: "password.no_symbol",
        ru: "Добавьте хотя бы один знак препинания или символ, например ! _ + ?",
        en: "Please add at least one punctuation mark or symbol, such as ! _ + ?",
    },
    Message {
        code: "password.invalid_char",
        ru: "Пароль может состоять только из латинских букв, цифр и знаков препинания, без пробелов.",
        en: "The password may contain only Latin letters, digits and punctuation, without spaces.",
    },
    Message {
        code: "password.wrong_layout",
        ru: "Похоже, включена русская раскладка клавиатуры. Переключите раскладку на английскую.",
        en: "It looks like the Russian keyboard layout is on. Please switch to the English layout.",
    },
    Message {
        code: "password.blocklisted",
        ru: "Этот пароль слишком распространён, его легко подобрать. Придумайте другой.",
        en: "This password is too common and easy to guess. Please choose another one.",
    },
    Message {
        code: "password.contains_login",
        ru: "Пароль не должен содержать логин.",
        en: "The password must not contain your login.",
    },
    Message {
        code: "password.contains_email",
        ru: "Пароль не должен содержать адрес электронной почты.",
        en: "The password must not contain your e-mail address.",
    },
    Message {
        code: "password.contains_surname",
        ru: "Пароль не должен содержать вашу фамилию.",
        en: "The password must not contain your surname.",
    },
    Message {
        code: "password.contains_name",
        ru: "Пароль не должен содержать ваше имя.",
        en: "The password must not contain your first name.",
    },
    Message {
        code: "password.contains_phone",
        ru: "Пароль не должен содержать цифры вашего номера телефона.",
        en: "The password must not contain digits of your phone number.",
    },
    Message {
        code: "password.contains_snils",
        ru: "Пароль не должен содержать цифры вашего СНИЛС.",
        en: "The password must not contain digits of your SNILS.",
    },
    Message {
        code: "password.contains_birth_date",
        ru: "Пароль не должен содержать дату или год вашего рождения.",
        en: "The password must not contain your date or year of birth.",
    },
    Message {
        code: "password.reused",
        ru: "Новый пароль совпадает с прежним. Придумайте другой.",
        en: "The new password is the same as the old one. Please choose another one.",
    },
    Message {
        code: "password.too_weak",
        ru: "Пароль слишком простой, его легко подобрать. Добавьте слова или символы.",
        en: "The password is too easy to guess. Please add more words or characters.",
    },
    Message {
        code: "password.weak_params",
        ru: "Параметры хеширования паролей слабее допустимого минимума.",
        en: "The password hashing parameters are below the allowed minimum.",
    },
    Message {
        code: "password.invalid_params",
        ru: "Недопустимые параметры хеширования паролей.",
        en: "The password hashing parameters are out of range.",
    },
    Message {
        code: "password.malformed_hash",
        ru: "Сохранённый хеш пароля повреждён.",
        en: "The stored password hash is malformed.",
    },
    Message {
        code: "password.unsupported_hash",
        ru: "Сохранённый хеш пароля сделан неподдерживаемым алгоритмом.",
        en: "The stored password hash uses an unsupported algorithm.",
    },
    Message {
        code: "password.hash_too_costly",
        ru: "Сохранённый хеш пароля слишком дорого проверять: его параметры выше допустимого предела.",
        en: "The stored password hash is too costly to verify: its parameters are above the allowed ceiling.",
    },
    Message {
        code: "password.rng_failed",
        ru: "Не удалось сохранить пароль. Попробуйте, пожалуйста, позже.",
        en: "The password could not be saved. Please try again later.",
    },
    Message {
        code: "password.hashing_failed",
        ru: "Не удалось сохранить пароль. Попробуйте, пожалуйста, позже.",
        en: "The password could not be saved. Please try again later.",
    },
    Message {
        code: "password.invalid_policy",
        ru: "Неверно настроены правила паролей.",
        en: "The password policy is misconfigured.",
    },
];
