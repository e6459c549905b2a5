//! `restore_access.flow`: the recovery state machine. Prompts, actions, routes and inputs are
//! small immutable classes, one per case, under a base class per kind (`Prompt`, `Action`,
//! `Route`, `Input`), so hosts can `match` on them.
//!
//! Between requests a flow exists only sealed (`Flow.seal`, `Flow.open`); the budgets it spends
//! are the host's, passed to `Flow.handle` by the keys `Flow.budget_keys` names.
//!
//! A `str` holding a lone surrogate: an input holds it as given and `Flow.handle` reads it
//! with U+FFFD in its place, so the flow answers it as any other wrong contact, document,
//! code or token, except a new password, which is refused (`PasswordError`
//! `password.invalid_char`). A sealed state or budget key holding one does not open
//! (`flow.state_invalid`); an account's id is refused with `flow.account_id`, its contacts,
//! documents and surname with their `*.format`; in the personal data a password is checked
//! against, the phone's, e-mail's or СНИЛС's `*.format`, a `ValueError` for the rest.

// The macros first: `cases!`, `base!` and `object!` are used by the modules after it.
#[macro_use]
mod cases;
mod account;
mod actions;
mod budget;
mod inputs;
mod machine;
mod prompts;
mod routes;

use pyo3::prelude::*;
use restore_access::{Lang, catalog};

use crate::names;
use crate::text::Text;

/// The module's docstring.
pub(crate) const DOC: &[&str] = crate::docstring_lines! {
    /// The recovery flow of Госуслуги and mos.ru, sans I/O.
    ///
    /// ``Flow.handle(input)`` returns a ``Step``: the ``Prompt`` to show (the same for known
    /// and unknown accounts) and the ``Action`` objects for the host alone. Every prompt,
    /// action, route and input is an immutable object of one small class per case, so hosts
    /// can ``match`` on them. Between requests a flow exists only sealed (``Flow.seal``,
    /// ``Flow.open``); the budgets it spends are the host's, passed to ``Flow.handle`` by the
    /// keys ``Flow.budget_keys`` names.
    ///
    /// Errors: ``restore_access.FlowError`` (a ``ValueError``): ``flow.unexpected_input``,
    /// ``flow.expired``, ``flow.resend_too_soon``, ``flow.locked``, ``flow.proof_invalid``,
    /// ``flow.state_invalid``, ``flow.budget_missing``, …; a typo in a typed identifier
    /// raises its ``restore_access.ValidationError``; an unknown ``portal`` or ``lang`` is
    /// ``restore_access.UnknownName``.
    ///
    /// >>> import os
    /// >>> from restore_access import codes, flow
    /// >>> keys = codes.Keys("k1", os.urandom(32))
    /// >>> f = flow.Flow.gosuslugi(keys)
    /// >>> inp = flow.Contact("8 (916) 123-45-67")
    /// >>> step = f.handle(inp, budgets={k: flow.Budget() for k in f.budget_keys(inp)})
    /// >>> step.prompt
    /// EnterDocument()
    /// >>> f = flow.Flow.open(keys, f.seal(), portal="gosuslugi")
};

/// The message for a code (a prompt's ``rejected``, a violation in ``ChoosePassword``, an
/// exception's ``code``) in ``lang``, ``"ru"`` (the default) or ``"en"``, read as a language
/// tag (any case, a region such as ``ru-RU`` allowed); ``None`` for a code the library does
/// not define. Another language raises ``UnknownName``.
///
/// >>> message("code.wrong", "en")
/// 'The code is incorrect. Please check it and try again.'
/// >>> message("no.such_code") is None
/// True
#[pyfunction]
#[pyo3(signature = (code, lang = Text::Default("ru")), text_signature = "(code, lang='ru')")]
fn message(py: Python<'_>, code: Text, lang: Text) -> PyResult<Option<&'static str>> {
    let lang: Lang = names::parse(py, &lang)?;
    Ok(catalog::message(code.lossy(), lang))
}

/// The ``FlowError`` (``flow.stale``) a host raises when its compare-and-set of the new
/// password fails: the account changed since the lookup (the password was set already, or
/// the step is a replay). Store nothing, carry out none of the remaining actions.
///
/// >>> e = stale()
/// >>> e.code, isinstance(e, ValueError)
/// ('flow.stale', True)
#[pyfunction]
fn stale(py: Python<'_>) -> Py<PyAny> {
    crate::errors::raise(py, &restore_access::flow::Error::Stale)
        .into_value(py)
        .into_any()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<machine::Flow>()?;
    m.add_class::<machine::Step>()?;
    m.add_class::<budget::Budget>()?;
    m.add_class::<account::Account>()?;
    m.add_class::<account::PersonalData>()?;
    m.add_class::<inputs::NewPassword>()?;
    prompts::add(m)?;
    routes::add(m)?;
    actions::add(m)?;
    inputs::add(m)?;
    m.add_function(wrap_pyfunction!(message, m)?)?;
    m.add_function(wrap_pyfunction!(stale, m)?)?;
    Ok(())
}
