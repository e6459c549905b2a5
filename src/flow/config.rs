//! Portal presets: every value is overridable.

use std::time::Duration;

use crate::code::{self, Keys, LimiterState, Rate, presets};
use crate::password::{Hasher, Policy};

use super::step::{DocumentKind, Route};
use super::{ConfigProblem, Error};

crate::names! {
    /// Which portal's recovery rules a flow follows.
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    #[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
    pub enum Portal as "a portal" {
        /// Госуслуги: contact → document → human check → code or link → new password.
        Gosuslugi = "gosuslugi",
        /// mos.ru: login and surname → code or link → new password.
        Mosru = "mosru",
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

/// A flow's configuration: built once per portal at start-up, shared by every flow.
///
/// The configuration is not part of the stored state: the host builds it again (same keys,
/// same settings) when it loads a state.
#[derive(Debug)]
#[non_exhaustive]
pub struct Config {
    /// The portal whose rules the flow follows.
    pub portal: Portal,
    /// The server keys that hash codes and budget keys.
    pub keys: Keys,
    /// Digits, lifetimes and attempts of codes and links (capped by the code module).
    pub codes: code::Policy,
    /// How long a locked person waits before a new attempt.
    pub lockout: Duration,
    /// Time between two sends in one flow.
    pub resend_cooldown: Duration,
    /// How long after it was sent "nothing arrived" leads to the escalation routes.
    pub nothing_arrived_after: Duration,
    /// How long a flow lives from its start.
    pub lifetime: Duration,
    /// How long after the right SMS code the new password may be set (the grant's lifetime;
    /// a link's token lives as long as the link).
    pub password_window: Duration,
    /// Sends per login, across every flow (every rate must allow).
    pub send_rates: Vec<Rate>,
    /// Code guesses per login, across every flow.
    pub guess_rates: Vec<Rate>,
    /// The rules for the new password.
    pub policy: Policy,
    /// How the new password is hashed.
    pub hasher: Hasher,
    /// Where the person turns when self-service cannot go on.
    pub routes: &'static [Route],
}

impl Config {
    /// Госуслуги: the code module's defaults (6-digit SMS codes valid 5 minutes, links valid
    /// an hour, 5 wrong codes), 60 s between sends and at most 5 an hour per login, 10 code
    /// guesses a day per login, a lockout of an hour, 15 minutes to set the password after
    /// the code, a flow lifetime of a day, [`Policy::gosuslugi`].
    pub fn gosuslugi(keys: Keys) -> Self {
        Config {
            portal: Portal::Gosuslugi,
            keys,
            codes: code::Policy::default(),
            lockout: Duration::from_secs(60 * 60),
            resend_cooldown: Duration::from_secs(60),
            nothing_arrived_after: Duration::from_secs(2 * 60 * 60),
            lifetime: Duration::from_secs(24 * 60 * 60),
            password_window: Duration::from_secs(15 * 60),
            send_rates: presets::SMS_SEND.to_vec(),
            guess_rates: presets::WRONG_CODES.to_vec(),
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

    /// Checks that the values fit together; [`crate::flow::Flow`] calls it on creation.
    pub fn validate(&self) -> Result<(), Error> {
        if self.lifetime < self.codes.sms_ttl().max(self.codes.link_ttl()) {
            return Err(Error::Config {
                reason: ConfigProblem::LifetimeBelowCodes,
            });
        }
        let rates_ok = |r: &[Rate]| (1..=LimiterState::MAX_RATES).contains(&r.len());
        if !rates_ok(&self.send_rates) || !rates_ok(&self.guess_rates) {
            return Err(Error::Config {
                reason: ConfigProblem::RateCount,
            });
        }
        if self.password_window.as_secs() == 0 || self.password_window > code::Policy::LINK_TTL_MAX
        {
            return Err(Error::Config {
                reason: ConfigProblem::PasswordWindow,
            });
        }
        Ok(())
    }
}
