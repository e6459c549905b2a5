//! `Flow`, one person's attempt to recover access, and `Step`, what it answers each input
//! with.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use restore_access::flow::{self as core, Config, Portal};
use restore_access::id::{self, Snils};

use super::actions::action;
use super::budget::Loaded;
use super::inputs::{Input, input};
use super::prompts::prompt;
use crate::codes::Keys;
use crate::errors;
use crate::id::parse;
use crate::names;
use crate::text::Text;
use crate::time::now_or_clock;

/// What ``Flow.handle`` answers one input with: the ``prompt`` to show and the ``actions``
/// for the host, to carry out in order.
///
/// >>> import os
/// >>> from restore_access import codes
/// >>> f = Flow.gosuslugi(codes.Keys("k1", os.urandom(32)))
/// >>> step = f.handle(Contact("8 (916) 123-45-67"), budgets={})
/// >>> type(step.prompt).__name__, [type(a).__name__ for a in step.actions]
/// ('EnterDocument', ['Audit'])
#[pyclass(frozen, module = "restore_access.flow")]
pub(crate) struct Step {
    #[pyo3(get)]
    prompt: Py<PyAny>,
    #[pyo3(get)]
    actions: Py<PyTuple>,
}

#[pymethods]
impl Step {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Step(prompt={}, actions={})",
            self.prompt.bind(py).repr()?,
            self.actions.bind(py).repr()?
        ))
    }
}

fn step(py: Python<'_>, s: core::Step) -> PyResult<Step> {
    let prompt = prompt(py, &s.prompt)?;
    let actions = s
        .actions
        .into_iter()
        .map(|a| action(py, a))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Step {
        prompt,
        actions: PyTuple::new(py, actions)?.unbind(),
    })
}

/// The configuration of the portal called `portal`; `UnknownName` for another name.
fn config(py: Python<'_>, portal: &Text, keys: &Keys) -> PyResult<Arc<Config>> {
    let portal: Portal = names::parse(py, portal)?;
    Ok(Arc::new(Config::for_portal(portal, keys.0.clone())))
}

/// One person's attempt to recover access, started with ``Flow.gosuslugi``, ``Flow.mosru``
/// or ``Flow.after_signup_conflict`` and advanced with ``handle``; ``now`` (Unix seconds)
/// defaults to the current time. Between requests it exists only sealed (``seal``,
/// ``Flow.open``).
///
/// >>> import os
/// >>> from restore_access import codes
/// >>> keys = codes.Keys("k1", os.urandom(32))
/// >>> f = Flow.mosru(keys)
/// >>> f.portal, f.prompt
/// ('mosru', EnterLoginAndSurname())
/// >>> Flow.open(keys, f.seal(), portal="mosru").id == f.id
/// True
#[pyclass(module = "restore_access.flow")]
pub(crate) struct Flow(core::Flow);

impl Flow {
    fn start(py: Python<'_>, portal: Portal, keys: &Keys, now: Option<u64>) -> PyResult<Flow> {
        let config = Config::for_portal(portal, keys.0.clone());
        let (flow, _) =
            core::Flow::start(config, now_or_clock(now)).map_err(|e| errors::raise(py, &e))?;
        Ok(Flow(flow))
    }
}

#[pymethods]
impl Flow {
    /// A Госуслуги recovery, at its first step.
    #[staticmethod]
    #[pyo3(signature = (keys, *, now = None))]
    fn gosuslugi(py: Python<'_>, keys: &Keys, now: Option<u64>) -> PyResult<Flow> {
        Flow::start(py, Portal::Gosuslugi, keys, now)
    }

    /// A mos.ru recovery, at its first step.
    #[staticmethod]
    #[pyo3(signature = (keys, *, now = None))]
    fn mosru(py: Python<'_>, keys: &Keys, now: Option<u64>) -> PyResult<Flow> {
        Flow::start(py, Portal::Mosru, keys, now)
    }

    /// Recovery for a person whose sign-up failed with «СНИЛС уже зарегистрирован», the СНИЛС
    /// as the login: on Госуслуги the step asks for a document next (`EnterDocument`); mos.ru
    /// starts at its first step.
    #[staticmethod]
    #[pyo3(
        signature = (keys, snils, *, portal = Text::Default("gosuslugi"), now = None),
        text_signature = "(keys, snils, *, portal='gosuslugi', now=None)"
    )]
    fn after_signup_conflict(
        py: Python<'_>,
        keys: &Keys,
        snils: Text,
        portal: Text,
        now: Option<u64>,
    ) -> PyResult<(Flow, Step)> {
        let snils: Snils = parse(py, &snils, id::Error::SnilsFormat)?;
        let config = config(py, &portal, keys)?;
        let (flow, s) = core::Flow::after_signup_conflict(config, &snils, now_or_clock(now))
            .map_err(|e| errors::raise(py, &e))?;
        Ok((Flow(flow), step(py, s)?))
    }

    /// A flow sealed by `seal`, under a key ring that still holds the sealing key, for the
    /// portal it was started for; `FlowError` (`flow.state_invalid`) for anything else.
    #[staticmethod]
    #[pyo3(signature = (keys, sealed, *, portal))]
    fn open(py: Python<'_>, keys: &Keys, sealed: Text, portal: Text) -> PyResult<Flow> {
        core::Flow::open(config(py, &portal, keys)?, sealed.lossy())
            .map(Flow)
            .map_err(|e| errors::raise(py, &e))
    }

    /// The state sealed for the host's store (encrypted and authenticated): text of one
    /// length at every step, for known and unknown accounts alike.
    fn seal(&self, py: Python<'_>) -> PyResult<String> {
        self.0.seal().map_err(|e| errors::raise(py, &e))
    }

    /// The keys of the budgets `input` spends at the current step (none, one or two): load
    /// each from the store (a missing one is `Budget()`), pass them to `handle`, store them
    /// back.
    fn budget_keys(&self, py: Python<'_>, input: &Bound<'_, Input>) -> PyResult<Vec<String>> {
        let input = self::input(input)?;
        let keys = self
            .0
            .budget_keys(&input)
            .map_err(|e| errors::raise(py, &e))?;
        Ok(keys.into_iter().map(|k| k.as_str().to_owned()).collect())
    }

    /// Advances the flow by one input. `budgets` maps the keys `budget_keys(input)` names to
    /// their `Budget`s (a needed one missing is `FlowError` `flow.budget_missing`); the
    /// `Budget` objects are updated in place on success. On error neither the flow nor the
    /// budgets change. The GIL is released (the last step hashes the password).
    #[pyo3(signature = (input, *, now = None, budgets = None))]
    fn handle(
        &mut self,
        py: Python<'_>,
        input: &Bound<'_, Input>,
        now: Option<u64>,
        budgets: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Step> {
        let input = self::input(input)?;
        let now = now_or_clock(now);
        let mut loaded = Loaded::read(py, budgets)?;
        let flow = &mut self.0;
        let spent = &mut loaded.budgets;
        let s = py
            .detach(|| flow.handle(input, now, spent))
            .map_err(|e| errors::raise(py, &e))?;
        loaded.write_back()?;
        step(py, s)
    }

    /// The state as JSON, for debugging only (it holds personal data: do not log it).
    /// Nothing reads it back: store `seal()`.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The flow's random identifier, for links and cookies.
    #[getter]
    fn id(&self) -> &str {
        self.0.id()
    }

    /// The account whose password the flow is about to set: known once the right code was
    /// typed or the link opened, else `None`. A host that keeps no state of its own loads the
    /// person's data by it for `NewPassword(personal=...)`.
    #[getter]
    fn account_id(&self) -> Option<&str> {
        self.0.account_id()
    }

    /// `"gosuslugi"` or `"mosru"`.
    #[getter]
    fn portal(&self) -> &'static str {
        self.0.config().portal.as_str()
    }

    /// The prompt for where the flow is now.
    #[getter]
    fn prompt(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        prompt(py, &self.0.prompt())
    }

    fn __repr__(&self) -> String {
        format!("Flow(portal={:?}, id={:?})", self.portal(), self.id())
    }
}
