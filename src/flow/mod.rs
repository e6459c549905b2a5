//! The recovery flow: a sans-IO state machine for Госуслуги and mos.ru.
//!
//! A [`Flow`] is a value: its [`State`] plus a shared [`Config`]. [`Flow::handle`] takes one
//! [`Input`] (what the person typed, or what the host found) and the time, and returns a
//! [`Step`]: the [`Prompt`] the person sees next and the [`Action`]s the host carries out
//! (look the account up, send this code, store this hash, end every session). The flow never
//! touches the network, a database or the clock.
//!
//! Properties the flow keeps:
//! - An unknown account walks the same prompts as a known one; a decoy code record stands in
//!   for the real one, so verification does the same work and locks out the same way. An
//!   account with no contact bound is answered the same way (with an audit event for the
//!   host); [`Input::NoAccessToContacts`] then leads to the service centre.
//! - An input that does not fit the current step is an error naming both, and changes
//!   nothing: each input is applied to a copy that replaces the state only on success.
//! - Codes are checked before anything else can happen, the guess is counted before the
//!   comparison, and a person who may not guess again is locked out.
//! - Setting the password never signs anyone in: the flow asks the host to end every
//!   session and tell the person.
//!
//! ```
//! use std::sync::Arc;
//! use restore_access::code::Keys;
//! use restore_access::flow::{Budget, Config, Flow, Input, Prompt};
//! use restore_access::UnixTime;
//!
//! let keys = Keys::new("k1", &[7u8; 32]).unwrap();
//! let config = Arc::new(Config::gosuslugi(keys));
//! let now = UnixTime::from_secs(1_800_000_000);
//! let (mut flow, step) = Flow::start(config, now).unwrap();
//! assert_eq!(step.prompt, Prompt::EnterContact);
//!
//! let mut budget = Budget::default();
//! let step = flow.handle(Input::Contact("8 (916) 123-45-67".into()), now, &mut budget).unwrap();
//! assert_eq!(step.prompt, Prompt::EnterDocument);
//! ```

mod config;
mod error;
mod input;
mod machine;
mod state;
mod step;

use std::sync::Arc;

/// How a code reaches the person (the code module's channel).
pub use crate::code::Channel;
pub use config::{Config, GOSUSLUGI_ROUTES, MOSRU_ROUTES, Portal};
pub use error::Error;
pub use input::{Account, Input, PersonalData};
pub use state::{Budget, STATE_VERSION, State};
pub use step::{AccountId, Action, AuditEvent, DocumentKind, Escalation, Prompt, Route, Step};

use crate::UnixTime;
use crate::id::{Login, Snils};

pub(crate) use error::MESSAGES;
pub(crate) use step::PROMPTS;

/// One person's attempt to recover access.
#[derive(Debug, Clone)]
pub struct Flow {
    config: Arc<Config>,
    state: State,
}

impl Flow {
    /// Starts a flow at the portal's first step.
    pub fn start(config: impl Into<Arc<Config>>, now: UnixTime) -> Result<(Flow, Step), Error> {
        let config = config.into();
        config.validate()?;
        let state = machine::initial_state(&config, now)?;
        let flow = Flow { config, state };
        let step = Step {
            prompt: flow.prompt(),
            actions: Vec::new(),
        };
        Ok((flow, step))
    }

    /// Starts recovery for a person whose sign-up failed with «СНИЛС уже зарегистрирован»:
    /// the СНИЛС is the login, and the first action looks the account up by it.
    pub fn after_signup_conflict(
        config: impl Into<Arc<Config>>,
        snils: &Snils,
        now: UnixTime,
    ) -> Result<(Flow, Step), Error> {
        let (mut flow, _) = Flow::start(config, now)?;
        let login = Login::Snils(snils.clone());
        let step = machine::begin_with_login(&flow.config, &mut flow.state, &login, None)?;
        Ok((flow, step))
    }

    /// Continues a flow from a stored state, under the configuration it was started with.
    pub fn resume(config: impl Into<Arc<Config>>, state: State) -> Result<Flow, Error> {
        let config = config.into();
        config.validate()?;
        if state.v != STATE_VERSION {
            return Err(Error::StateVersion {
                found: state.v,
                supported: STATE_VERSION,
            });
        }
        if state.portal != config.portal {
            return Err(Error::StateInvalid);
        }
        Ok(Flow { config, state })
    }

    /// The state to store between requests.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The flow's identifier (random, URL-safe), to put in links and cookies.
    pub fn id(&self) -> &str {
        &self.state.id
    }

    /// The configuration the flow runs under.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The key of the [`Budget`] the host passes to [`Flow::handle`]: a keyed hash of the
    /// login (no personal data), known once the login is typed. Before that any budget will
    /// do (`Budget::default()`): nothing is spent.
    pub fn budget_key(&self) -> Option<&str> {
        self.state.budget_key.as_deref()
    }

    /// The prompt for where the flow is now, to show it again.
    pub fn prompt(&self) -> Prompt {
        machine::prompt(&self.config, &self.state.stage)
    }

    /// Advances the flow by one input.
    ///
    /// `budget` is this login's [`Budget`] (see [`Flow::budget_key`]); the host stores it
    /// back after the call. On `Err` neither the flow nor the budget has changed.
    pub fn handle(
        &mut self,
        input: Input,
        now: UnixTime,
        budget: &mut Budget,
    ) -> Result<Step, Error> {
        let mut state = self.state.clone();
        let mut spent = budget.clone();
        let step = machine::handle(&self.config, &mut state, &mut spent, input, now)?;
        self.state = state;
        *budget = spent;
        Ok(step)
    }
}

/// Reading and writing the state as JSON, the form the C and Python bindings use.
#[cfg(feature = "serde")]
impl Flow {
    /// The state as compact JSON.
    pub fn to_json(&self) -> String {
        // A derived Serialize of plain data cannot fail; fall back to an empty object anyway.
        serde_json::to_string(&self.state).unwrap_or_else(|_| String::from("{}"))
    }

    /// Continues a flow from JSON written by [`Flow::to_json`]. A state written by another
    /// version fails with [`Error::StateVersion`], anything unreadable with
    /// [`Error::StateInvalid`].
    pub fn from_json(config: impl Into<Arc<Config>>, json: &str) -> Result<Flow, Error> {
        #[derive(serde::Deserialize)]
        struct Version {
            v: u64,
        }
        let Version { v } = serde_json::from_str(json).map_err(|_| Error::StateInvalid)?;
        if v != STATE_VERSION {
            return Err(Error::StateVersion {
                found: v,
                supported: STATE_VERSION,
            });
        }
        let state = serde_json::from_str(json).map_err(|_| Error::StateInvalid)?;
        Flow::resume(config, state)
    }
}
