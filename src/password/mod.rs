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
//! let ctx = Context::new().surname("Шелестов").phone("+7 916 123-45-67");
//! let report = policy.check("Shelestov4567!", &ctx);
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
mod decoration;
mod dictionary;
mod hash;
mod layout;
mod policy;
mod reading;
mod rule;
mod secret;
mod strength;

pub use context::{BirthDate, Context, PersonalData};
pub use hash::Hasher;
pub use layout::{to_cyrillic_layout, to_latin_layout};
pub use policy::{
    Charset, LONGEST_MAX_LEN, MAX_PASSWORD_BYTES, Policy, PolicyBuilder, Preset, Report,
};
pub use rule::{
    MAX_RULE_ID_BYTES, MAX_RULE_MESSAGE_BYTES, MAX_RULE_PATTERN_BYTES, MAX_RULES, Rule, RuleKind,
};
pub use secret::Password;
pub use strength::Strength;

/// The longest prefix of `s` of at most [`MAX_PASSWORD_BYTES`] bytes that ends on a character
/// boundary: what the checks look at of an input they cannot refuse.
pub(crate) fn capped(s: &str) -> &str {
    let mut end = s.len().min(MAX_PASSWORD_BYTES);
    while !s.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    s.get(..end).unwrap_or_default()
}

crate::errors! {
    /// One broken password rule. The code is stable; the message explains the rule to the person.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Violation in Password {
        /// Shorter than `min` characters.
        TooShort {
            /// The minimum length.
            min: usize,
        } = "password.too_short" {
            ru: "Пароль слишком короткий. Придумайте пароль подлиннее.",
            en: "The password is too short. Please choose a longer one.",
            detail: ("minimum {}", min),
        },
        /// Longer than `max` characters, or longer than [`Policy::max_bytes`] bytes as typed
        /// (measured before normalisation); nothing else was checked.
        TooLong {
            /// The maximum length.
            max: usize,
        } = "password.too_long" {
            ru: "Пароль слишком длинный. Сократите его, пожалуйста.",
            en: "The password is too long. Please shorten it.",
            detail: ("maximum {}", max),
        },
        /// No upper-case Latin letter.
        NoUpper = "password.no_upper" {
            ru: "Добавьте хотя бы одну заглавную латинскую букву (A–Z).",
            en: "Please add at least one upper-case Latin letter (A–Z).",
        },
        /// No lower-case Latin letter.
        NoLower = "password.no_lower" {
            ru: "Добавьте хотя бы одну строчную латинскую букву (a–z).",
            en: "Please add at least one lower-case Latin letter (a–z).",
        },
        /// No digit.
        NoDigit = "password.no_digit" {
            ru: "Добавьте хотя бы одну цифру.",
            en: "Please add at least one digit.",
        },
        /// No punctuation character.
        NoSymbol = "password.no_symbol" {
            ru: "Добавьте хотя бы один знак препинания или символ, например ! _ + ?",
            en: "Please add at least one punctuation mark or symbol, such as ! _ + ?",
        },
        /// A character the policy does not accept (a space, a non-Latin letter).
        InvalidChar = "password.invalid_char" {
            ru: "Пароль может состоять только из латинских букв, цифр и знаков препинания, без пробелов.",
            en: "The password may contain only Latin letters, digits and punctuation, without spaces.",
        },
        /// Cyrillic letters where Latin ones are required: the Russian layout was on.
        WrongLayout {
            /// The password as it would read in the Latin layout — as secret as the password.
            latin: Password,
        } = "password.wrong_layout" {
            ru: "Похоже, включена русская раскладка клавиатуры. Переключите раскладку на английскую.",
            en: "It looks like the Russian keyboard layout is on. Please switch to the English layout.",
        },
        /// A common password, name or word, possibly decorated (digits, years and symbols
        /// before or after it, capitals, leet, lookalike letters, reversal, the other layout,
        /// transliteration).
        Blocklisted {
            /// The list entry found at its core, as the list spells it (`катя` for
            /// `Rfnz_15!`): a public word, but it tells what the password was built on.
            word: &'static str,
        } = "password.blocklisted" {
            ru: "Этот пароль слишком распространён, его легко подобрать. Придумайте другой.",
            en: "This password is too common and easy to guess. Please choose another one.",
            detail: ("found {:?}", word),
        },
        /// Contains the login.
        ContainsLogin = "password.contains_login" {
            ru: "Пароль не должен содержать логин.",
            en: "The password must not contain your login.",
        },
        /// Contains the e-mail address's local part.
        ContainsEmail = "password.contains_email" {
            ru: "Пароль не должен содержать адрес электронной почты.",
            en: "The password must not contain your e-mail address.",
        },
        /// Contains the surname (as typed, transliterated or keyboard-remapped).
        ContainsSurname = "password.contains_surname" {
            ru: "Пароль не должен содержать вашу фамилию.",
            en: "The password must not contain your surname.",
        },
        /// Contains the first name (as typed, transliterated or keyboard-remapped).
        ContainsName = "password.contains_name" {
            ru: "Пароль не должен содержать ваше имя.",
            en: "The password must not contain your first name.",
        },
        /// Contains a run of the phone number's digits.
        ContainsPhone = "password.contains_phone" {
            ru: "Пароль не должен содержать цифры вашего номера телефона.",
            en: "The password must not contain digits of your phone number.",
        },
        /// Contains a run of the СНИЛС's digits.
        ContainsSnils = "password.contains_snils" {
            ru: "Пароль не должен содержать цифры вашего СНИЛС.",
            en: "The password must not contain digits of your SNILS.",
        },
        /// Contains the date of birth or its year.
        ContainsBirthDate = "password.contains_birth_date" {
            ru: "Пароль не должен содержать дату или год вашего рождения.",
            en: "The password must not contain your date or year of birth.",
        },
        /// The same as the previous password.
        Reused = "password.reused" {
            ru: "Новый пароль совпадает с прежним. Придумайте другой.",
            en: "The new password is the same as the old one. Please choose another one.",
        },
        /// A custom [`Rule`] of the portal's is broken. The code is always
        /// `password.custom` and the message a general one; the rule itself, with its own id
        /// and messages, is in `rule` ([`Violation::describe`] gives its message).
        Custom {
            /// The rule that was broken.
            rule: Rule,
        } = "password.custom" {
            ru: "Пароль не соответствует правилам портала.",
            en: "The password does not meet the portal's rules.",
            detail: ("rule {}", rule.id()),
        },
        /// Easier to guess than the policy's minimum strength score allows.
        TooWeak {
            /// The minimum score.
            min_score: u8,
        } = "password.too_weak" {
            ru: "Пароль слишком простой, его легко подобрать. Добавьте слова или символы.",
            en: "The password is too easy to guess. Please add more words or characters.",
            detail: ("minimum score {}", min_score),
        },
    }
}

crate::errors! {
    /// Errors of hashing and of building a policy.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Error in Password {
        /// An Argon2 parameter below the OWASP minimum.
        WeakParams {
            /// `m_cost`, `t_cost` or `p_cost`.
            name: &'static str,
            /// The smallest value allowed.
            min: u32,
        } = "password.weak_params" {
            ru: "Параметры хеширования паролей слабее допустимого минимума.",
            en: "The password hashing parameters are below the allowed minimum.",
            detail: ("{} is below the minimum {}", name, min),
        },
        /// Argon2 parameters above its own limits.
        InvalidParams = "password.invalid_params" {
            ru: "Недопустимые параметры хеширования паролей.",
            en: "The password hashing parameters are out of range.",
        },
        /// The stored hash is not a well-formed PHC string with Argon2 parameters.
        MalformedHash = "password.malformed_hash" {
            ru: "Сохранённый хеш пароля повреждён.",
            en: "The stored password hash is malformed.",
        },
        /// The stored hash is not an Argon2 hash (bcrypt, scrypt, …).
        UnsupportedAlgorithm = "password.unsupported_hash" {
            ru: "Сохранённый хеш пароля сделан неподдерживаемым алгоритмом.",
            en: "The stored password hash uses an unsupported algorithm.",
        },
        /// The stored hash's Argon2 parameters are above the [`Hasher`]'s ceiling (see
        /// [`Hasher::MAX_STORED_M_COST`] and the constants beside it); it was not verified.
        HashTooCostly = "password.hash_too_costly" {
            ru: "Сохранённый хеш пароля слишком дорого проверять: его параметры выше допустимого предела.",
            en: "The stored password hash is too costly to verify: its parameters are above the allowed ceiling.",
        },
        /// A password longer than [`MAX_PASSWORD_BYTES`] bytes was given to the [`Hasher`]; it
        /// was not hashed. (A [`Policy`] reports such a password as [`Violation::TooLong`].)
        PasswordTooLong {
            /// The longest password accepted, in bytes.
            max_bytes: usize,
        } = "password.too_long_to_hash" {
            ru: "Пароль слишком длинный. Сократите его, пожалуйста.",
            en: "The password is too long. Please shorten it.",
            detail: ("more than {} bytes", max_bytes),
        },
        /// Argon2 failed to compute the hash.
        Hashing = "password.hashing_failed" {
            ru: "Не удалось сохранить пароль. Попробуйте, пожалуйста, позже.",
            en: "The password could not be saved. Please try again later.",
        },
        /// A custom policy with contradictory or out-of-range settings.
        InvalidPolicy {
            /// What is wrong.
            reason: PolicyProblem,
        } = "password.invalid_policy" {
            ru: "Неверно настроены правила паролей.",
            en: "The password policy is misconfigured.",
            detail: ("{}", reason),
        },
    }
    wraps {
        /// The OS random number generator failed while salting: [`crate::code::Error::Rng`]
        /// (`code.rng`), the one declaration of that failure.
        Rng(crate::code::Error),
    }
}

crate::names! {
    /// What is wrong with a custom [`Policy`] ([`Error::InvalidPolicy`]).
    #[non_exhaustive]
    pub enum PolicyProblem as "a policy problem" {
        /// The minimum length is 0.
        MinLenZero = "min_len_zero",
        /// The maximum length is below the minimum.
        MaxBelowMin = "max_below_min",
        /// The maximum length is above [`LONGEST_MAX_LEN`].
        MaxAboveLongest = "max_above_longest",
        /// The minimum score is above 4.
        ScoreAboveFour = "score_above_four",
        /// A custom rule's id is empty, too long, or not made of `a`–`z`, `0`–`9`, `.`, `_`, `-`.
        RuleId = "rule_id",
        /// A custom rule's message is empty or too long.
        RuleMessage = "rule_message",
        /// A custom rule's pattern is longer than [`MAX_RULE_PATTERN_BYTES`].
        RulePatternTooLong = "rule_pattern_too_long",
        /// A custom rule's pattern is not a valid pattern.
        RulePatternInvalid = "rule_pattern_invalid",
        /// A custom rule's pattern compiles to more than the size limit.
        RulePatternTooBig = "rule_pattern_too_big",
        /// More than [`MAX_RULES`] custom rules.
        TooManyRules = "too_many_rules",
        /// Two custom rules with one id.
        DuplicateRuleId = "duplicate_rule_id",
    }
}

impl Violation {
    /// The message to show for this violation in `lang`: the rule's own message for a
    /// [`Violation::Custom`], [`ErrorCode::message`](crate::ErrorCode::message) otherwise.
    pub fn describe(&self, lang: crate::Lang) -> &str {
        match self {
            Violation::Custom { rule } => rule.message(lang),
            other => crate::ErrorCode::message(other, lang),
        }
    }
}
