//! What can go wrong when a flow is driven or loaded.

use std::time::Duration;

crate::errors! {
    /// An input the flow refused. The flow is left exactly as it was.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Error in Flow {
        /// The input does not belong to the step the flow is at.
        UnexpectedInput {
            /// The step the flow is at (`Stage::name`).
            stage: &'static str,
            /// The input that was given (`Input::name`).
            input: &'static str,
        } = "flow.unexpected_input" {
            ru: "Это действие сейчас недоступно. Вернитесь к текущему шагу восстановления.",
            en: "This action is not available now. Return to the current recovery step.",
            detail: ("{} at {}", input, stage),
        },
        /// The flow has lived longer than its configured lifetime: start a new one.
        Expired = "flow.expired" {
            ru: "Время на восстановление доступа истекло. Начните заново.",
            en: "The time for recovering access has run out. Please start again.",
        },
        /// A new code was asked for before the cooldown ended.
        ResendTooSoon {
            /// How long to wait.
            retry_after: Duration,
        } = "flow.resend_too_soon" {
            ru: "Новый код можно будет запросить чуть позже.",
            en: "You can request a new code a little later.",
            retry: retry_after,
            detail: ("retry after {} s", retry_after.as_secs()),
        },
        /// The identifier's send budget (shared by every flow) is spent.
        SendLimited {
            /// How long to wait.
            retry_after: Duration,
        } = "flow.send_limited" {
            ru: "Слишком много запросов кода. Попробуйте позже.",
            en: "Too many code requests. Please try again later.",
            retry: retry_after,
            detail: ("retry after {} s", retry_after.as_secs()),
        },
        /// The login's budget of code guesses (shared by every flow) is spent.
        GuessLimited {
            /// How long to wait.
            retry_after: Duration,
        } = "flow.guess_limited" {
            ru: "Слишком много попыток ввода кода. Попробуйте позже.",
            en: "Too many code attempts. Please try again later.",
            retry: retry_after,
            detail: ("retry after {} s", retry_after.as_secs()),
        },
        /// Too many wrong codes were typed for this login: recovery is locked for a while, in
        /// every flow.
        Locked {
            /// How long to wait.
            retry_after: Duration,
        } = "flow.locked" {
            ru: "Слишком много неверных кодов. Восстановление временно заблокировано.",
            en: "Too many wrong codes. Recovery is temporarily locked.",
            retry: retry_after,
            detail: ("retry after {} s", retry_after.as_secs()),
        },
        /// The new password came without the proof that this session may set it (the link's
        /// token, or the grant handed over after the code), or with a wrong or expired one.
        ProofInvalid = "flow.proof_invalid" {
            ru: "Ссылка или подтверждение кода недействительны или устарели. Откройте ссылку из письма ещё раз или начните заново.",
            en: "The link or code confirmation is not valid or has expired. Open the link from the e-mail again or start over.",
        },
        /// The host's compare-and-set of the new password failed: the account changed since the
        /// lookup (the password was set already, or the step was replayed). Hosts return this.
        Stale = "flow.stale" {
            ru: "Пароль уже был изменён. Начните восстановление заново, если это были не вы.",
            en: "The password has already been changed. Start the recovery again if it was not you.",
        },
        /// The host did not pass a budget the input spends (see `Flow::budget_keys`).
        BudgetMissing = "flow.budget_missing" {
            ru: "Сервис восстановления настроен неверно.",
            en: "The recovery service is misconfigured.",
        },
        /// The account the host found has an id that is empty or longer than 64 bytes.
        AccountId = "flow.account_id" {
            ru: "Сервис восстановления настроен неверно.",
            en: "The recovery service is misconfigured.",
        },
        /// "Nothing arrived" was reported before the waiting time was over.
        TooEarly {
            /// How long to wait.
            retry_after: Duration,
        } = "flow.too_early" {
            ru: "Сообщение может прийти с задержкой. Подождите ещё немного.",
            en: "The message may be delayed. Please wait a little longer.",
            retry: retry_after,
            detail: ("retry after {} s", retry_after.as_secs()),
        },
        /// The configuration is inconsistent.
        Config {
            /// What does not fit.
            reason: ConfigProblem,
        } = "flow.config" {
            ru: "Сервис восстановления настроен неверно.",
            en: "The recovery service is misconfigured.",
            detail: ("{}", reason),
        },
        /// A sealed state or budget did not open: forged, damaged, sealed for another portal,
        /// budget key or library version, or under a key no longer in the ring. Which one is
        /// deliberately not said.
        StateInvalid = "flow.state_invalid" {
            ru: "Не удалось продолжить восстановление. Начните заново.",
            en: "The recovery could not be continued. Please start again.",
        },
    }
    wraps {
        /// What the person typed is not a valid identifier.
        Id(crate::id::Error),
        /// Hashing the new password failed.
        Password(crate::password::Error),
        /// Issuing or checking a code failed for a reason other than a wrong guess.
        Code(crate::code::Error),
    }
}

crate::names! {
    /// What does not fit in a flow's [`Config`](super::Config) ([`Error::Config`]).
    #[non_exhaustive]
    pub enum ConfigProblem as "a configuration problem" {
        /// The flow's lifetime is shorter than a code's or a link's.
        LifetimeBelowCodes = "lifetime_below_codes",
        /// A send or guess budget has no rate, or more than eight.
        RateCount = "rate_count",
        /// The password window is 0 or longer than a day.
        PasswordWindow = "password_window",
    }
}
