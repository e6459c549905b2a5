//! `Prompt`: what the person sees next, one class per case of the core's `Prompt`.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use restore_access::flow as core;
use restore_access::{ErrorCode, Lang};

use super::cases::{repr, unknown};
use super::routes::route;

/// What the person sees next, one subclass per case (``EnterContact``, ``CodeSent``, …): the
/// stable ``code``, the text to show in Russian and English, and the case's fields.
///
/// >>> import os
/// >>> from restore_access import codes
/// >>> prompt = Flow.gosuslugi(codes.Keys("k1", os.urandom(32))).prompt
/// >>> isinstance(prompt, EnterContact), prompt.code, prompt.is_final
/// (True, 'prompt.enter_contact', False)
#[pyclass(frozen, subclass, module = "restore_access.flow")]
pub(crate) struct Prompt {
    /// The stable code, such as `prompt.enter_contact`.
    #[pyo3(get)]
    code: &'static str,
    /// The text to show, in Russian.
    #[pyo3(get)]
    message_ru: &'static str,
    /// The text to show, in English.
    #[pyo3(get)]
    message_en: &'static str,
    /// Whether the flow has ended.
    #[pyo3(get)]
    is_final: bool,
}

#[pymethods]
impl Prompt {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr(slf.as_any())
    }
}

cases! { Prompt;
    /// Ask for a phone, an e-mail or a СНИЛС (Госуслуги's first step); answer with
    /// ``Contact``.
    EnterContact {}
    /// Ask for the login and the surname (mos.ru's first step); answer with
    /// ``LoginAndSurname``.
    EnterLoginAndSurname {}
    /// Ask for a passport, ИНН or СНИЛС of the account; answer with ``Document``.
    EnterDocument {}
    /// Wait for the host: carry out ``LookUpAccount`` and answer with ``AccountLookup``.
    AwaitingHost {}
    /// Show a human check (a CAPTCHA); answer with ``HumanCheckPassed`` once it is passed.
    HumanCheck {}
    /// A code or link was sent, if the account exists (``channel`` is None when nothing could
    /// be sent, shown the same): ask for the ``digits``-digit code (``Code``), or wait for the
    /// link (``LinkOpened``). ``rejected`` says why the last code was refused.
    CodeSent { channel: Option<&'static str>, digits: u8, attempts_left: u8, resend_at: u64, rejected: Option<&'static str> }
    /// Ask for the new password; ``violations`` holds the rule codes the last one broke.
    /// Answer with ``NewPassword``.
    ChoosePassword { violations: Py<PyTuple> }
    /// The password was changed: the flow has ended.
    Done {}
    /// Too many attempts: the flow is locked until ``retry_at`` (Unix seconds).
    Locked { retry_at: u64 }
    /// Self-service recovery cannot go on (``reason``): show the ``routes`` to regain access.
    Escalated { reason: &'static str, routes: Py<PyTuple> }
}

/// The Python object of a core prompt.
pub(super) fn prompt(py: Python<'_>, p: &core::Prompt) -> PyResult<Py<PyAny>> {
    let base = Prompt {
        code: p.code(),
        message_ru: p.message(Lang::Ru),
        message_en: p.message(Lang::En),
        is_final: p.is_final(),
    };
    match p {
        core::Prompt::EnterContact => object!(py, base, EnterContact {}),
        core::Prompt::EnterLoginAndSurname => object!(py, base, EnterLoginAndSurname {}),
        core::Prompt::EnterDocument => object!(py, base, EnterDocument {}),
        core::Prompt::AwaitingHost => object!(py, base, AwaitingHost {}),
        core::Prompt::HumanCheck => object!(py, base, HumanCheck {}),
        core::Prompt::CodeSent {
            channel,
            digits,
            attempts_left,
            resend_at,
            rejected,
        } => object!(
            py,
            base,
            CodeSent {
                channel: channel.map(|c| c.as_str()),
                digits: *digits,
                attempts_left: *attempts_left,
                resend_at: resend_at.as_secs(),
                rejected: rejected.as_ref().map(|e| e.code()),
            },
        ),
        core::Prompt::NewPassword { violations } => object!(
            py,
            base,
            ChoosePassword {
                violations: PyTuple::new(py, violations)?.unbind(),
            },
        ),
        core::Prompt::Done => object!(py, base, Done {}),
        core::Prompt::Locked { retry_at } => object!(
            py,
            base,
            Locked {
                retry_at: retry_at.as_secs(),
            },
        ),
        core::Prompt::Escalation { reason, routes } => {
            let routes = routes
                .iter()
                .map(|r| route(py, r))
                .collect::<PyResult<Vec<_>>>()?;
            object!(
                py,
                base,
                Escalated {
                    reason: reason.as_str(),
                    routes: PyTuple::new(py, routes)?.unbind(),
                },
            )
        }
        _ => Err(unknown("prompt", p)),
    }
}
