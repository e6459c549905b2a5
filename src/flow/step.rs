//! What a flow hands back after each input: the prompt to show and the actions to carry out.

use super::input::Proof;
use crate::UnixTime;
use crate::code::{self, Channel, LinkToken, SmsCode};
use crate::i18n::{Lang, Message};
pub use crate::id::DocumentKind;
use crate::id::{Email, Login, Phone};

/// The host's own identifier of an account (a database key, a UUID): opaque to the flow.
pub type AccountId = String;

/// The result of one input: what the person sees next and what the host must do.
///
/// Only [`Step::prompt`] may be shown to the person: it is the same for an account that
/// exists and one that does not. The actions are for the host alone.
#[derive(Debug)]
#[non_exhaustive]
pub struct Step {
    /// What the person sees next.
    pub prompt: Prompt,
    /// What the host must carry out, in order.
    pub actions: Vec<Action>,
}

/// A refusal as its code: what the public part of a step says of it.
#[cfg(feature = "serde")]
fn rejected_code<S: serde::Serializer>(
    rejected: &Option<code::Error>,
    s: S,
) -> Result<S::Ok, S::Error> {
    use crate::ErrorCode;
    s.serialize_str(rejected.as_ref().map_or("", |e| e.code()))
}

/// A way to regain access once self-service recovery cannot go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "route", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Route {
    /// The portal's support form.
    SupportForm,
    /// The portal's phone line, in E.164.
    PhoneLine {
        /// The number to call.
        phone: &'static str,
    },
    /// A service centre («Мои документы», a ЦОН): come in person with these documents.
    ServiceCentre {
        /// What to bring.
        bring: &'static [DocumentKind],
    },
}

crate::names! {
    /// Why the flow ended in [`Prompt::Escalation`].
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    #[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
    pub enum Escalation as "an escalation reason" {
        /// The person has no access to the phone or e-mail bound to the account.
        NoAccess = "no_access",
        /// Nothing arrived within the waiting time.
        NothingArrived = "nothing_arrived",
    }
}

/// What the person sees next. Serialized (with the `serde` feature) it is the public part of
/// a step, byte-identical for known and unknown accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "prompt", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Prompt {
    /// Госуслуги: type the phone, e-mail or СНИЛС the account is registered with.
    EnterContact,
    /// mos.ru: type the login (phone, e-mail or СНИЛС) and the surname.
    EnterLoginAndSurname,
    /// Госуслуги: type a document (passport, a person's ИНН or СНИЛС).
    EnterDocument,
    /// Nothing to show yet: carry out the actions (an account lookup) and feed the answer back.
    AwaitingHost,
    /// Госуслуги: pass the «I am not a robot» check.
    HumanCheck,
    /// A code or link has been sent to the contact bound to the account, if there is one.
    CodeSent {
        /// How it was sent, when what the person typed tells it (`None` for a СНИЛС login:
        /// "to the phone or e-mail bound to the account").
        channel: Option<Channel>,
        /// Digits in an SMS code.
        digits: u8,
        /// Wrong codes the person may still type.
        attempts_left: u8,
        /// When a new code may be asked for.
        resend_at: UnixTime,
        /// Why the last code or link was refused ([`code::Error::Wrong`],
        /// [`code::Error::Expired`], …), if it was.
        #[cfg_attr(
            feature = "serde",
            serde(
                skip_serializing_if = "Option::is_none",
                serialize_with = "rejected_code"
            )
        )]
        rejected: Option<code::Error>,
    },
    /// Choose the new password. `violations` holds the codes of the last refused attempt.
    NewPassword {
        /// The rule codes the last password broke (empty on first display).
        violations: Vec<&'static str>,
    },
    /// The password was changed. Every session was ended: the person signs in anew.
    Done,
    /// Too many wrong codes. A new attempt may start at `retry_at`.
    Locked {
        /// When recovery may be tried again.
        retry_at: UnixTime,
    },
    /// Self-service recovery cannot go on: these are the ways left.
    Escalation {
        /// Why.
        reason: Escalation,
        /// Where to turn.
        routes: &'static [Route],
    },
}

impl Prompt {
    /// A stable code for the prompt (`prompt.enter_contact`); [`Prompt::message`] has its
    /// text, and a test checks that every prompt has one in both languages.
    pub fn code(&self) -> &'static str {
        match self {
            Prompt::EnterContact => "prompt.enter_contact",
            Prompt::EnterLoginAndSurname => "prompt.enter_login_and_surname",
            Prompt::EnterDocument => "prompt.enter_document",
            Prompt::AwaitingHost => "prompt.awaiting_host",
            Prompt::HumanCheck => "prompt.human_check",
            Prompt::CodeSent {
                channel: Some(Channel::Sms),
                ..
            } => "prompt.code_sent_sms",
            Prompt::CodeSent {
                channel: Some(Channel::Email),
                ..
            } => "prompt.code_sent_email",
            Prompt::CodeSent { channel: None, .. } => "prompt.code_sent",
            Prompt::NewPassword { .. } => "prompt.new_password",
            Prompt::Done => "prompt.done",
            Prompt::Locked { .. } => "prompt.locked",
            Prompt::Escalation {
                reason: Escalation::NoAccess,
                ..
            } => "prompt.escalation_no_access",
            Prompt::Escalation {
                reason: Escalation::NothingArrived,
                ..
            } => "prompt.escalation_nothing_arrived",
        }
    }

    /// The text to show, in `lang`.
    pub fn message(&self, lang: Lang) -> &'static str {
        PROMPTS
            .iter()
            .find(|m| m.code == self.code())
            .map_or(self.code(), |m| m.text(lang))
    }

    /// Whether the flow has ended: no input moves it further.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Prompt::Done | Prompt::Locked { .. } | Prompt::Escalation { .. }
        )
    }
}

/// Something the host must carry out. Deliveries carry the only plaintext copy of a secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum Action {
    /// Look the account up by this login and answer with [`crate::flow::Input::Account`].
    LookUpAccount {
        /// The login as the person typed it, normalised.
        login: Login,
    },
    /// Send this code by SMS to the phone stored for the account.
    SendSmsCode {
        /// The account.
        account: AccountId,
        /// The phone stored for it.
        phone: Phone,
        /// The code: its only plaintext copy.
        code: SmsCode,
    },
    /// Send a link with this token by e-mail to the address stored for the account.
    SendEmailLink {
        /// The account.
        account: AccountId,
        /// The e-mail stored for it.
        email: Email,
        /// The flow to name in the link, so the host can load it when the link is opened.
        flow_id: String,
        /// The token: its only plaintext copy.
        token: LinkToken,
    },
    /// Hand this proof to the session that typed the right code or opened the link, and to
    /// no other: keep it in that session's own cookie or in a hidden field of its
    /// new-password form, apart from the flow's state. It must come back in
    /// [`crate::flow::Input::NewPassword`]; whoever holds only the flow's state cannot set the
    /// password.
    HoldProof {
        /// The proof: the link's token, or a fresh grant after an SMS code.
        proof: Proof,
    },
    /// Store this password hash (Argon2id PHC string) for the account — by compare-and-set:
    /// only if the account's credential version is still `expected_version`, changing the
    /// version in the same write. If the account has moved on (the password was changed since
    /// the lookup, or this step is a replay), store nothing, carry out none of the remaining
    /// actions and show [`crate::flow::Error::Stale`].
    StorePasswordHash {
        /// The account.
        account: AccountId,
        /// The PHC string.
        phc: String,
        /// The credential version the account had when the flow looked it up.
        expected_version: u64,
    },
    /// End every session and revoke every remember-me token of the account. The flow never
    /// signs the person in.
    RevokeAllSessions {
        /// The account.
        account: AccountId,
    },
    /// Tell the person, on every contact bound to the account, that the password changed.
    NotifyPasswordChanged {
        /// The account.
        account: AccountId,
    },
    /// Write an audit record. Identifiers in it are masked.
    Audit(AuditEvent),
}

/// An audit record: what happened, in which flow, for which (masked) login.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AuditEvent {
    /// What happened.
    pub event: AuditKind,
    /// The flow.
    pub flow_id: String,
    /// The login, masked (`+7 (***) ***-45-67`), when the flow knows it.
    pub login: Option<String>,
}

crate::names! {
    /// What an [`AuditEvent`] records; the name is the one an audit log stores.
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[non_exhaustive]
    pub enum AuditKind as "an audit event" {
        /// A flow started.
        #[cfg_attr(feature = "serde", serde(rename = "recovery.started"))]
        Started = "recovery.started",
        /// No account has the login or document (the person is not told).
        #[cfg_attr(feature = "serde", serde(rename = "recovery.account_unknown"))]
        AccountUnknown = "recovery.account_unknown",
        /// The account has no contact to send to over the channel asked for.
        #[cfg_attr(feature = "serde", serde(rename = "recovery.no_contact_bound"))]
        NoContactBound = "recovery.no_contact_bound",
        /// A code or link was sent.
        #[cfg_attr(feature = "serde", serde(rename = "recovery.code_sent"))]
        CodeSent = "recovery.code_sent",
        /// The contact's own send budget is spent: nothing was delivered, and the person is
        /// not told.
        #[cfg_attr(feature = "serde", serde(rename = "recovery.delivery_suppressed"))]
        DeliverySuppressed = "recovery.delivery_suppressed",
        /// A wrong, expired or used code or link.
        #[cfg_attr(feature = "serde", serde(rename = "recovery.code_rejected"))]
        CodeRejected = "recovery.code_rejected",
        /// The right code or link.
        #[cfg_attr(feature = "serde", serde(rename = "recovery.code_accepted"))]
        CodeAccepted = "recovery.code_accepted",
        /// Too many wrong codes: recovery is locked for the login.
        #[cfg_attr(feature = "serde", serde(rename = "recovery.locked"))]
        Locked = "recovery.locked",
        /// The new password was set.
        #[cfg_attr(feature = "serde", serde(rename = "recovery.password_changed"))]
        PasswordChanged = "recovery.password_changed",
        /// The flow ended with the escalation routes.
        #[cfg_attr(feature = "serde", serde(rename = "recovery.escalated"))]
        Escalated = "recovery.escalated",
    }
}

/// Messages for every [`Prompt::code`].
pub(crate) const PROMPTS: &[Message] = &[
    Message {
        code: "prompt.enter_contact",
        ru: "Введите телефон, почту или СНИЛС, указанные в учётной записи.",
        en: "Enter the phone number, e-mail or SNILS of your account.",
    },
    Message {
        code: "prompt.enter_login_and_surname",
        ru: "Введите логин (телефон, почту или СНИЛС) и фамилию.",
        en: "Enter your login (phone number, e-mail or SNILS) and your surname.",
    },
    Message {
        code: "prompt.enter_document",
        ru: "Введите серию и номер паспорта, ИНН или СНИЛС.",
        en: "Enter your passport series and number, INN or SNILS.",
    },
    Message {
        code: "prompt.awaiting_host",
        ru: "Проверяем данные…",
        en: "Checking your details…",
    },
    Message {
        code: "prompt.human_check",
        ru: "Подтвердите, что вы не робот.",
        en: "Confirm that you are not a robot.",
    },
    Message {
        code: "prompt.code_sent_sms",
        ru: "Если данные верны, мы отправили код в СМС на телефон из учётной записи. Введите его.",
        en: "If the details are correct, we have sent a code by SMS to the account's phone. Enter it.",
    },
    Message {
        code: "prompt.code_sent_email",
        ru: "Если данные верны, мы отправили ссылку на почту из учётной записи. Откройте её.",
        en: "If the details are correct, we have sent a link to the account's e-mail. Open it.",
    },
    Message {
        code: "prompt.code_sent",
        ru: "Если данные верны, мы отправили инструкции на телефон или почту из учётной записи.",
        en: "If the details are correct, we have sent instructions to the account's phone or e-mail.",
    },
    Message {
        code: "prompt.new_password",
        ru: "Придумайте новый пароль.",
        en: "Choose a new password.",
    },
    Message {
        code: "prompt.done",
        ru: "Пароль изменён. Все сеансы завершены: войдите с новым паролем.",
        en: "Your password has been changed. All sessions were ended: sign in with the new password.",
    },
    Message {
        code: "prompt.locked",
        ru: "Слишком много неверных кодов. Восстановление временно недоступно.",
        en: "Too many wrong codes. Recovery is temporarily unavailable.",
    },
    Message {
        code: "prompt.escalation_no_access",
        ru: "Без доступа к телефону и почте восстановить доступ можно только лично или через поддержку.",
        en: "Without access to your phone and e-mail, access can be restored in person or through support.",
    },
    Message {
        code: "prompt.escalation_nothing_arrived",
        ru: "Сообщение не пришло. Обратитесь в поддержку или в центр обслуживания.",
        en: "The message did not arrive. Contact support or visit a service centre.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prompt_has_its_own_message_in_both_languages() {
        let sent = |channel| Prompt::CodeSent {
            channel,
            digits: 6,
            attempts_left: 5,
            resend_at: UnixTime::from_secs(0),
            rejected: None,
        };
        let escalation = |reason| Prompt::Escalation {
            reason,
            routes: &[],
        };
        let prompts = [
            Prompt::EnterContact,
            Prompt::EnterLoginAndSurname,
            Prompt::EnterDocument,
            Prompt::AwaitingHost,
            Prompt::HumanCheck,
            sent(Some(Channel::Sms)),
            sent(Some(Channel::Email)),
            sent(None),
            Prompt::NewPassword { violations: vec![] },
            Prompt::Done,
            Prompt::Locked {
                retry_at: UnixTime::from_secs(0),
            },
            escalation(Escalation::NoAccess),
            escalation(Escalation::NothingArrived),
        ];
        for p in &prompts {
            let entry = PROMPTS.iter().find(|m| m.code == p.code());
            assert!(entry.is_some(), "{} has no message", p.code());
            assert_ne!(p.message(Lang::Ru), p.message(Lang::En), "{}", p.code());
        }
        assert_eq!(PROMPTS.len(), prompts.len(), "a message no prompt shows");
    }
}
