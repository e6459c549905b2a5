//! `Action`: what the host must carry out, one class per case of the core's `Action`.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use restore_access::flow as core;

use super::cases::unknown;
use crate::id::DetectedLogin;

base! {
    /// Something the host must carry out.
    Action
}

cases! { Action;
    LookUpAccount { login: Py<DetectedLogin> }
    SendSmsCode { account: String, phone: String, code: String }
    SendEmailLink { account: String, email: String, email_ascii: String, flow_id: String, token: String }
    HoldProof { proof: String }
    StorePasswordHash { account: String, phc: String, expected_version: u64 }
    RevokeAllSessions { account: String }
    NotifyPasswordChanged { account: String }
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
