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
    /// Too many wrong codes were typed for this login: recovery is locked for a while, in
    /// every flow.
    #[error("recovery is locked; try again in {} s", retry_after.as_secs())]
    Locked {
        /// How long to wait.
        retry_after: Duration,
    },
    /// The new password came without the proof that this session may set it (the link's
    /// token, or the grant handed over after the code), or with a wrong or expired one.
    #[error("the new password cannot be set without a valid link or confirmed code")]
    ProofInvalid,
    /// The host's compare-and-set of the new password failed: the account changed since the
    /// lookup (the password was set already, or the step was replayed). Hosts return this.
    #[error("the account has changed since the recovery started")]
    Stale,
    /// The host did not pass a budget the input spends (see `Flow::budget_keys`).
    #[error("a budget the input spends was not passed")]
    BudgetMissing,
    /// The account the host found has an id that is empty or longer than 64 bytes.
    #[error("an account id has 1 to 64 bytes")]
    AccountId,
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
    /// A sealed state or budget did not open: forged, damaged, sealed for another portal,
    /// budget key or library version, or under a key no longer in the ring. Which one is
    /// deliberately not said.
    #[error("the stored flow state is not valid")]
    StateInvalid,
}

impl Error {
    /// How long to wait before trying again, for the errors that have such a time.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::ResendTooSoon { retry_after }
            | Error::SendLimited { retry_after }
            | Error::GuessLimited { retry_after }
            | Error::Locked { retry_after }
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
            Error::Locked { .. } => "flow.locked",
            Error::ProofInvalid => "flow.proof_invalid",
            Error::Stale => "flow.stale",
            Error::BudgetMissing => "flow.budget_missing",
            Error::AccountId => "flow.account_id",
            Error::Id(e) => e.code(),
            Error::Password(e) => e.code(),
            Error::Code(e) => e.code(),
            Error::Config(_) => "flow.config",
            Error::StateInvalid => "flow.state_invalid",
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
        code: "flow.locked",
        ru: "Слишком много неверных кодов. Восстановление временно заблокировано.",
        en: "Too many wrong codes. Recovery is temporarily locked.",
    },
    Message {
        code: "flow.proof_invalid",
        ru: "Ссылка или подтверждение кода недействительны или устарели. Откройте ссылку из письма ещё раз или начните заново.",
        en: "The link or code confirmation is not valid or has expired. Open the link from the e-mail again or start over.",
    },
    Message {
        code: "flow.stale",
        ru: "Пароль уже был изменён. Начните восстановление заново, если это были не вы.",
        en: "The password has already been changed. Start the recovery again if it was not you.",
    },
    Message {
        code: "flow.budget_missing",
        ru: "Сервис восстановления настроен неверно.",
        en: "The recovery service is misconfigured.",
    },
    Message {
        code: "flow.account_id",
        ru: "Сервис восстановления настроен неверно.",
        en: "The recovery service is misconfigured.",
    },
];
