//! The stored part of a flow: small, versioned, and free of plaintext secrets.

use crate::UnixTime;
use crate::code::{Channel, CodeRecord, LimiterState};

use super::config::Portal;
use super::step::{AccountId, Escalation};

/// The version of the stored state this library writes and reads.
pub const STATE_VERSION: u64 = 1;

/// A flow's state: what the host stores between requests (a row, a Redis key, a cookie).
///
/// It holds keyed hashes of codes, never a code; the typed login and document only until the
/// account lookup has been answered; after that, the host's account id and the contact the
/// code went to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct State {
    pub(crate) v: u64,
    pub(crate) portal: Portal,
    pub(crate) id: String,
    pub(crate) created: UnixTime,
    /// The keyed hash of the login that names this person's [`Budget`].
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) budget_key: Option<String>,
    /// The login, masked, for audit records.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) masked_login: Option<String>,
    pub(crate) stage: Stage,
}

/// Where the flow is. Canonical strings rather than typed identifiers keep the stored form
/// plain; they are parsed again (infallibly in practice, checked anyway) when used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "at", rename_all = "snake_case"))]
pub(crate) enum Stage {
    /// Waiting for the login (Госуслуги: contact; mos.ru: login and surname).
    Start,
    /// Госуслуги: the contact is in, the document is next.
    Document {
        login: String,
    },
    /// Waiting for the host's account lookup.
    Lookup {
        login: String,
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        document: Option<String>,
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        surname: Option<String>,
    },
    /// Госуслуги: waiting for the human check.
    HumanCheck {
        target: Target,
    },
    /// A code or link is out (or, for an unknown account, a decoy stands in its place).
    CodeSent {
        target: Target,
        record: CodeRecord,
        sent_at: UnixTime,
    },
    /// The code was right: waiting for the new password. A link is consumed only here.
    NewPassword {
        account: AccountId,
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        link: Option<CodeRecord>,
    },
    Done,
    Locked {
        until: UnixTime,
    },
    Escalated {
        reason: Escalation,
    },
}

impl Stage {
    /// The stage's name, for errors.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Stage::Start => "start",
            Stage::Document { .. } => "document",
            Stage::Lookup { .. } => "lookup",
            Stage::HumanCheck { .. } => "human_check",
            Stage::CodeSent { .. } => "code_sent",
            Stage::NewPassword { .. } => "new_password",
            Stage::Done => "done",
            Stage::Locked { .. } => "locked",
            Stage::Escalated { .. } => "escalated",
        }
    }
}

/// Where the code goes: the account and its stored contact, or nowhere (unknown account).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Target {
    /// The channel of the code or link (a decoy uses the channel a real one would).
    pub(crate) channel: Channel,
    /// Whether the prompt may name the channel (it follows from what the person typed).
    pub(crate) shown: bool,
    /// The account and the stored contact (canonical), when the account exists and matched.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) account: Option<(AccountId, String)>,
}

/// What one login may still spend across all its flows: sends and code guesses.
///
/// The host keeps one per [`crate::flow::Flow::budget_key`] (in the same store as the
/// flows, or a faster one) and passes it to every [`crate::flow::Flow::handle`] call. The
/// key exists whether or not an account has that login, so the limits treat known and
/// unknown logins alike.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Budget {
    pub(crate) sends: LimiterState,
    pub(crate) guesses: LimiterState,
}
