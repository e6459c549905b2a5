//! Portal presets: every value is overridable.

use std::time::Duration;

use crate::code::{Keys, Rate};
use crate::password::{Hasher, Policy};

use super::Error;
use super::step::{DocumentKind, Route};

/// Which portal's recovery rules a flow follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Portal {
    /// Госуслуги: contact → document → human check → code or link → new password.
    Gosuslugi,
    /// mos.ru: login and surname → code or link → new password.
    Mosru,
}

impl Portal {
    /// `"gosuslugi"` or `"mosru"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Portal::Gosuslugi => "gosuslugi",
            Portal::Mosru => "mosru",
        }
    }
}

const PASSPORT_AND_SNILS: &[DocumentKind] = &[DocumentKind::Passport, DocumentKind::Snils];

/// Where a Госуслуги user without access to their contacts turns: a service centre.
pub const GOSUSLUGI_ROUTES: &[Route] = &[Route::ServiceCentre {
    bring: PASSPORT_AND_SNILS,
}];

/// mos.ru's routes when self-service fails: the support form, the phone line, a «Мои
/// документы» centre.
pub const MOSRU_ROUTES: &[Route] = &[
    Route::SupportForm,
    Route::PhoneLine {
        phone: "+74955395555",
    },
    Route::ServiceCentre {
        bring: PASSPORT_AND_SNILS,
    },
];

/// Longest SMS-code lifetime the configuration accepts.
pub const MAX_SMS_TTL: Duration = Duration::from_secs(10 * 60);
/// Longest e-mail-link lifetime the configuration accepts.
pub const MAX_LINK_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// A flow's configuration: built once per portal at start-up, shared by every flow.
///
/// The configuration is not part of the stored state: the host builds it again (same keys,
/// same settings) when it loads a state.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// The portal whose rules the flow follows.
    pub portal: Portal,
    /// The server keys that hash codes and budget keys.
    pub keys: Keys,
    /// Digits in an SMS code.
    pub code_digits: u8,
    /// How long an SMS code is valid (at most [`MAX_SMS_TTL`]).
    pub sms_ttl: Duration,
    /// How long an e-mail link is valid (at most [`MAX_LINK_TTL`]).
    pub link_ttl: Duration,
    /// Wrong codes before the flow locks.
    pub max_code_attempts: u8,
    /// How long a locked person waits before a new attempt.
    pub lockout: Duration,
    /// Time between two sends in one flow.
    pub resend_cooldown: Duration,
    /// How long after it was sent "nothing arrived" leads to the escalation routes.
    pub nothing_arrived_after: Duration,
    /// How long a flow lives from its start.
    pub lifetime: Duration,
    /// Sends per login, across every flow.
    pub send_rate: Rate,
    /// Code guesses per login, across every flow.
    pub guess_rate: Rate,
    /// The rules for the new password.
    pub policy: Policy,
    /// How the new password is hashed.
    pub hasher: Hasher,
    /// Where the person turns when self-service cannot go on.
    pub routes: &'static [Route],
}

impl Config {
    /// Госуслуги: 6-digit SMS codes valid 5 minutes, links valid 24 hours, 5 wrong codes,
    /// 60 s between sends, [`Policy::gosuslugi`].
    pub fn gosuslugi(keys: Keys) -> Self {
        Config {
            portal: Portal::Gosuslugi,
            keys,
            code_digits: 6,
            sms_ttl: Duration::from_secs(5 * 60),
            link_ttl: MAX_LINK_TTL,
            max_code_attempts: 5,
            lockout: Duration::from_secs(60 * 60),
            resend_cooldown: Duration::from_secs(60),
            nothing_arrived_after: Duration::from_secs(2 * 60 * 60),
            lifetime: MAX_LINK_TTL,
            send_rate: Rate::per_hour(5),
            guess_rate: Rate::per_day(10),
            policy: Policy::gosuslugi(),
            hasher: Hasher::default(),
            routes: GOSUSLUGI_ROUTES,
        }
    }

    /// mos.ru: as Госуслуги, with mos.ru's escalation routes (support form, +7 (495)
    /// 539-55-55, «Мои документы») after two hours without a message.
    pub fn mosru(keys: Keys) -> Self {
        Config {
            portal: Portal::Mosru,
            routes: MOSRU_ROUTES,
            ..Config::gosuslugi(keys)
        }
    }

    /// The preset for `portal`.
    pub fn for_portal(portal: Portal, keys: Keys) -> Self {
        match portal {
            Portal::Gosuslugi => Config::gosuslugi(keys),
            Portal::Mosru => Config::mosru(keys),
        }
    }

    /// Checks the values against their caps; [`crate::flow::Flow`] calls it on creation.
    pub fn validate(&self) -> Result<(), Error> {
        if self.sms_ttl.is_zero() || self.sms_ttl > MAX_SMS_TTL {
            return Err(Error::Config("sms_ttl must be between 1 s and 10 min"));
        }
        if self.link_ttl.is_zero() || self.link_ttl > MAX_LINK_TTL {
            return Err(Error::Config("link_ttl must be between 1 s and 24 h"));
        }
        if self.max_code_attempts == 0 {
            return Err(Error::Config("max_code_attempts must be at least 1"));
        }
        if self.lifetime < self.sms_ttl {
            return Err(Error::Config("lifetime must be at least sms_ttl"));
        }
        Ok(())
    }
}
