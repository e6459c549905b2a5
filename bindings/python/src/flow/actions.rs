//! `Action`: what the host must carry out, one class per case of the core's `Action`.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use restore_access::flow as core;

use super::cases::unknown;
use crate::id::DetectedLogin;

base! {
    /// Something the host must carry out, in the order a ``Step`` lists them, one subclass
    /// per case (``SendSmsCode``, ``StorePasswordHash``, …). Never shown to the person.
    ///
    /// >>> import os
    /// >>> from restore_access import codes
    /// >>> f = Flow.gosuslugi(codes.Keys("k1", os.urandom(32)))
    /// >>> f.handle(Contact("+79161234567"), budgets={}).actions
    /// (Audit(event='recovery.started', flow_id=..., login='+7 (916) ***-**-67'),)
    Action
}

cases! { Action;
    /// Look the account up by the ``login`` readings (a ``DetectedLogin``) and answer with
    /// ``AccountLookup`` (``None`` when there is none).
    LookUpAccount { login: Py<DetectedLogin> }
    /// Send ``code`` by SMS to ``phone`` (E.164), the phone of ``account``.
    SendSmsCode { account: String, phone: String, code: String }
    /// Mail a link holding ``flow_id`` and ``token`` to ``email`` (deliver to
    /// ``email_ascii``, its domain in punycode).
    SendEmailLink { account: String, email: String, email_ascii: String, flow_id: String, token: String }
    /// Hand ``proof`` to the session that typed the right code or opened the link, and to no
    /// other; it comes back in ``NewPassword``.
    HoldProof { proof: String }
    /// Store ``phc`` for ``account`` by compare-and-set: only if its credential version is
    /// still ``expected_version``, changing the version in the same write; otherwise store
    /// nothing, carry out none of the remaining actions and show ``flow.stale``.
    StorePasswordHash { account: String, phc: String, expected_version: u64 }
    /// End every session of ``account``.
    RevokeAllSessions { account: String }
    /// Tell the person, by their contacts, that the password of ``account`` was changed.
    NotifyPasswordChanged { account: String }
    /// Write ``event`` of the flow ``flow_id`` (with the masked ``login``) to the audit log.
    Audit { event: &'static str, flow_id: String, login: Option<String> }
}

/// The Python object of a core action.
pub(super) fn action(py: Python<'_>, a: core::Action) -> PyResult<Py<PyAny>> {
    match a {
        core::Action::LookUpAccount { login } => object!(
            py,
            Action,
            LookUpAccount {
                login: Py::new(py, DetectedLogin::of(&login))?,
            },
        ),
        core::Action::SendSmsCode {
            account,
            phone,
            code,
        } => object!(
            py,
            Action,
            SendSmsCode {
                account,
                phone: phone.e164().to_owned(),
                code: code.expose().to_owned(),
            },
        ),
        core::Action::SendEmailLink {
            account,
            email,
            flow_id,
            token,
        } => object!(
            py,
            Action,
            SendEmailLink {
                account,
                email: email.as_str().to_owned(),
                email_ascii: email.ascii().to_owned(),
                flow_id,
                token: token.expose().to_owned(),
            },
        ),
        core::Action::HoldProof { proof } => object!(
            py,
            Action,
            HoldProof {
                proof: proof.expose().to_owned(),
            },
        ),
        core::Action::StorePasswordHash {
            account,
            phc,
            expected_version,
        } => object!(
            py,
            Action,
            StorePasswordHash {
                account,
                phc,
                expected_version,
            },
        ),
        core::Action::RevokeAllSessions { account } => {
            object!(py, Action, RevokeAllSessions { account })
        }
        core::Action::NotifyPasswordChanged { account } => {
            object!(py, Action, NotifyPasswordChanged { account })
        }
        core::Action::Audit(e) => object!(
            py,
            Action,
            Audit {
                event: e.event.as_str(),
                flow_id: e.flow_id,
                login: e.login,
            },
        ),
        a => Err(unknown("action", &a)),
    }
}
