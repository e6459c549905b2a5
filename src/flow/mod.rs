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
//! - Only the holder of the proof sets the password: the link's token, or the grant handed
//!   to whoever typed the right SMS code ([`Action::HoldProof`]). Whoever holds only the
//!   flow's state — a shared row, a copied cookie — cannot. The proof is used up exactly where
//!   the password is set.
//! - Setting the password never signs anyone in: the flow asks the host to end every
//!   session and tell the person, and to store the hash only by compare-and-set on the
//!   account's credential version, so a replayed state cannot set it twice.
//! - The state leaves the core only sealed ([`Flow::seal`]: encrypted, authenticated, of one
//!   length whatever it holds) and comes back only through [`Flow::open`].
//!
//! # What the host stores where
//!
//! | value | where | why |
//! |---|---|---|
//! | [`Flow::seal`] | anywhere: a cookie, a row, a Redis key | sealed; the worst a holder can do is replay it, and the credential version answers that |
//! | [`Budget::seal`] under its [`BudgetKey`] | the server's own store, never the client | an older copy sent back would restore spent sends and guesses |
//! | [`Action::HoldProof`] | with the session that earned it only (its own cookie, a form field) | it is what entitles that session to set the password |
//! | the account's credential version | beside the password hash | the compare-and-set of [`Action::StorePasswordHash`] |
//!
//! ```
//! use std::sync::Arc;
//! use restore_access::code::Keys;
//! use restore_access::flow::{Budget, Budgets, Config, Flow, Input, Prompt};
//! use restore_access::UnixTime;
//!
//! let keys = Keys::new("k1", &[7u8; 32])?;
//! let config = Arc::new(Config::gosuslugi(keys));
//! let now = UnixTime::from_secs(1_800_000_000);
//! let (mut flow, step) = Flow::start(Arc::clone(&config), now)?;
//! assert_eq!(step.prompt, Prompt::EnterContact);
//!
//! // Each request: load the budgets the input spends, handle it, store them back.
//! let input = Input::Contact("8 (916) 123-45-67".into());
//! let mut budgets = Budgets::new();
//! for key in flow.budget_keys(&input)? {
//!     budgets.insert(key, Budget::default()); // or Budget::open(…) from the store
//! }
//! let step = flow.handle(input, now, &mut budgets)?;
//! assert_eq!(step.prompt, Prompt::EnterDocument);
//!
//! // Between requests the state exists only sealed: store it anywhere, even in a cookie.
//! let sealed = flow.seal()?;
//! let flow = Flow::open(config, &sealed)?;
//! assert_eq!(flow.prompt(), Prompt::EnterDocument);
//! # Ok::<(), restore_access::flow::Error>(())
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
/// What the host knows of the person (the password module's), for [`Input::NewPassword`].
pub use crate::password::PersonalData;
pub use config::{Config, GOSUSLUGI_ROUTES, MOSRU_ROUTES, Portal};
pub use error::{ConfigProblem, Error};
pub use input::{Account, Input, MAX_ACCOUNT_ID_LEN, Proof};
pub use state::{Budget, BudgetKey, Budgets, STATE_VERSION, State};
pub use step::{
    AccountId, Action, AuditEvent, AuditKind, DocumentKind, Escalation, Prompt, Route, Step,
};

use crate::UnixTime;
use crate::id::{Login, Snils};

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

    /// Starts recovery for a person whose sign-up failed with «СНИЛС уже зарегистрирован».
    ///
    /// On Госуслуги the СНИЛС is the login and the flow asks for a document next, exactly as
    /// if the person had typed the СНИЛС at the first step: a СНИЛС alone never reaches the
    /// bound phone. mos.ru asks for the surname with the login, so its flow starts at its
    /// first step (the host may fill the login field in).
    pub fn after_signup_conflict(
        config: impl Into<Arc<Config>>,
        snils: &Snils,
        now: UnixTime,
    ) -> Result<(Flow, Step), Error> {
        let (mut flow, step) = Flow::start(config, now)?;
        if flow.config.portal == Portal::Mosru {
            return Ok((flow, step));
        }
        let step = machine::begin_with_snils(&mut flow.state, Login::Snils(snils.clone()));
        Ok((flow, step))
    }

    /// The state sealed for the host's store: base64url text of one length at every step
    /// (under 1 KiB, so it fits a cookie), for known and unknown accounts alike.
    ///
    /// # Errors
    /// `code.rng` if the OS random generator fails.
    pub fn seal(&self) -> Result<String, Error> {
        self.state.seal(&self.config.keys)
    }

    /// Continues a flow from a state sealed by [`Flow::seal`], under a configuration of the
    /// same portal with a key ring that still holds the sealing key.
    ///
    /// # Errors
    /// [`Error::StateInvalid`] for anything else — forged, damaged, another portal's, another
    /// version's, a retired key's — without saying which.
    pub fn open(config: impl Into<Arc<Config>>, sealed: &str) -> Result<Flow, Error> {
        let config = config.into();
        config.validate()?;
        let state = State::open(&config.keys, config.portal, sealed)?;
        Ok(Flow { config, state })
    }

    /// The state, to compare in tests; it leaves the process only through [`Flow::seal`].
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The flow's identifier (random, URL-safe), to put in links.
    pub fn id(&self) -> &str {
        &self.state.id
    }

    /// The account whose password the flow is about to set: known once the right code was
    /// typed or the link opened, and `None` before and after. A stateless host loads what it
    /// knows of that person by it, for the [`PersonalData`] of [`Input::NewPassword`] (it is
    /// not in the state, which only holds the account's id). It tells the host nothing the
    /// person could not already see: an unknown account never gets this far.
    pub fn account_id(&self) -> Option<&str> {
        match &self.state.stage {
            state::Stage::NewPassword { holder, .. } => Some(&holder.account),
            _ => None,
        }
    }

    /// The configuration the flow runs under.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The keys of the [`Budget`]s that `input` spends at the current step: load each from
    /// the store (a missing one is `Budget::default()`) into the [`Budgets`] passed to
    /// [`Flow::handle`], and store them all back after it. Empty where nothing is spent.
    ///
    /// # Errors
    /// [`Error::StateInvalid`] never in practice (a stage past the start has a login).
    pub fn budget_keys(&self, input: &Input) -> Result<Vec<BudgetKey>, Error> {
        machine::budget_keys(&self.config, &self.state, input)
    }

    /// The prompt for where the flow is now, to show it again.
    pub fn prompt(&self) -> Prompt {
        machine::prompt(&self.config, &self.state.stage)
    }

    /// Advances the flow by one input.
    ///
    /// `budgets` holds the budgets [`Flow::budget_keys`] names for this input (a missing one
    /// is [`Error::BudgetMissing`]); the host stores them back after the call. On `Err`
    /// neither the flow nor the budgets have changed.
    pub fn handle(
        &mut self,
        input: Input,
        now: UnixTime,
        budgets: &mut Budgets,
    ) -> Result<Step, Error> {
        let mut state = self.state.clone();
        let mut spent = budgets.clone();
        let step = machine::handle(&self.config, &mut state, &mut spent, input, now)?;
        self.state = state;
        *budgets = spent;
        Ok(step)
    }
}
