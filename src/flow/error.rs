//! What can go wrong when a flow is driven or loaded.

use std::time::Duration;

use crate::i18n::{ErrorCode, Message};

/// An input the flow refused. The flow is left exactly as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input does not belong to the step the flow is at.
    #[error("input {input} does not fit the flow at {stage}")]
    UnexpectedInput {
        /// The step the flow is at (`Stage::name`).
        stage: &'static str,
        /// The input that was given (`Input::name`).
        input: &'static str,
    },
    /// The flow has lived longer than its configured lifetime: start a new one.
    #[error("the recovery attempt has expired")]
    Expired,
    /// A new code was asked for before the cooldown ended.
    #[error("a new code can be sent in {} s", retry_after.as_secs())]
    ResendTooSoon {
        /// How long to wait.
        retry_after: Duration,
    },
    /// The identifier's send budget (shared by every flow) is spent.
    #[error("too many codes were sent; try again in {} s", retry_after.as_secs())]
    SendLimited {
        /// How long to wait.
        retry_after: Duration,
    },
    /// The login's budget of code guesses (shared by every flow) is spent.
    #[error("too many codes were tried; try again in {} s", retry_after.as_secs())]
    GuessLimited {
        /// How long to wait.
        retry_after: Duration,
    },
    /// "Nothing arrived" was reported before the waiting time was over.
    #[error("the message may still arrive; wait {} s more", retry_after.as_secs())]
    TooEarly {
        /// How long to wait.
        retry_after: Duration,
    },
    /// What the person typed is not a valid identifier.
    #[error(transparent)]
    Id(#[from] crate::id::Error),
    /// Hashing the new password failed.
    #[error(transparent)]
    Password(#[from] crate::password::Error),
    /// Issuing or checking a code failed for a reason other than a wrong guess.
    #[error(transparent)]
    Code(#[from] crate::code::Error),
    /// The configuration is inconsistent.
    #[error("invalid flow configuration: {0}")]
    Config(&'static str),
    /// A stored state could not be read (corrupt, or written for another portal).
    #[error("the stored flow state is not valid")]
    StateInvalid,
    /// A stored state was written by a version of the library this one cannot read.
    #[error("the stored flow state has version {found}, this library reads version {supported}")]
    StateVersion {
        /// The version in the stored state.
        found: u64,
        /// The version this library writes and reads.
        supported: u64,
    },
}

impl Error {
    /// How long to wait before trying again, for the errors that have such a time.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::ResendTooSoon { retry_after }
            | Error::SendLimited { retry_after }
            | Error::GuessLimited { retry_after }
            | Error::TooEarly { retry_after } => Some(*retry_after),
            _ => None,
        }
    }
}

impl ErrorCode for Error {
    fn code(&self) -> &'static str {
        match self {
            Error::UnexpectedInput { .. } => "flow.unexpected_input",
            Error::Expired => "flow.expired",
            Error::ResendTooSoon { .. } => "flow.resend_too_soon",
            Error::SendLimited { .. } => "flow.send_limited",
            Error::GuessLimited { .. } => "flow.guess_limited",
            Error::TooEarly { .. } => "flow.too_early",
            Error::Id(e) => e.code(),
            Error::Password(e) => e.code(),
            Error::Code(e) => e.code(),
            Error::Config(_) => "flow.config",
            Error::StateInvalid => "flow.state_invalid",
            Error::StateVersion { .. } => "flow.state_version",
        }
    }
}

pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "flow.unexpected_input",
        ru: "Это действие сейчас недоступно. Вернитесь к текущему шагу восстановления.",
        en: "This action is not available now. Return to the current recovery step.",
    },
    Message {
        code: "flow.expired",
        ru: "Время на восстановление доступа истекло. Начните заново.",
        en: "The time for recovering access has run out. Please start again.",
    },
    Message {
        code: "flow.resend_too_soon",
        ru: "Новый код можно будет запросить чуть позже.",
        en: "You can request a new code a little later.",
    },
    Message {
        code: "flow.send_limited",
        ru: "Слишком много запросов кода. Попробуйте позже.",
        en: "Too many code requests. Please try again later.",
    },
    Message {
        code: "flow.guess_limited",
        ru: "Слишком много попыток ввода кода. Попробуйте позже.",
        en: "Too many code attempts. Please try again later.",
    },
    Message {
        code: "flow.too_early",
        ru: "Сообщение может прийти с задержкой. Подождите ещё немного.",
        en: "The message may be delayed. Please wait a little longer.",
    },
    Message {
        code: "flow.config",
        ru: "Сервис восстановления настроен неверно.",
        en: "The recovery service is misconfigured.",
    },
    Message {
        code: "flow.state_invalid",
        ru: "Не удалось продолжить восстановление. Начните заново.",
        en: "The recovery could not be continued. Please start again.",
    },
    Message {
        code: "flow.state_version",
        ru: "Сервис был обновлён. Начните восстановление заново.",
        en: "The service has been updated. Please start the recovery again.",
    },
];
