//! `Input`: one input to `Flow.handle`, one class per case of the core's `Input`. The inputs
//! hold their `str`s as given (a `str` with a lone surrogate too); [`input`] reads them.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use restore_access::flow as core;
use restore_access::password::Password;

use super::account::{Account, PersonalData};
use crate::password::unreadable;
use crate::text::{Capped, Text};

base! {
    /// One input to ``Flow.handle``, one subclass per case (``Contact``, ``Code``, …); each
    /// holds what was typed as given, and ``Flow.handle`` reads it.
    ///
    /// >>> inp = LoginAndSurname("+79161234567", "Петров")
    /// >>> isinstance(inp, Input), inp
    /// (True, LoginAndSurname(login='+79161234567', surname='Петров'))
    Input
}

cases! { new Input;
    /// The phone, e-mail or СНИЛС typed at ``EnterContact``.
    Contact { text: Py<PyString> }
    /// The login and surname typed at ``EnterLoginAndSurname`` (mos.ru).
    LoginAndSurname { login: Py<PyString>, surname: Py<PyString> }
    /// The passport, ИНН or СНИЛС typed at ``EnterDocument``.
    Document { text: Py<PyString> }
    /// The answer to ``LookUpAccount``: the ``Account`` found, or ``None``.
    AccountLookup { account: Option<Py<Account>> }
    /// The human check of ``HumanCheck`` was passed.
    HumanCheckPassed {}
    /// The code typed at ``CodeSent``.
    Code { code: Py<PyString> }
    /// The e-mail link was opened: the ``token`` it held.
    LinkOpened { token: Py<PyString> }
    /// Send the code again (after ``CodeSent.resend_at``).
    Resend {}
    /// The person has no access to the contacts the account has.
    NoAccessToContacts {}
    /// The code or link did not arrive.
    NothingArrived {}
}

/// The new password typed at ``ChoosePassword``, with the ``proof`` of the ``HoldProof`` this
/// session was handed and, for the password checks, what the host knows of the person
/// (``PersonalData``). Its ``repr`` never shows the password or the proof.
///
/// >>> NewPassword("Sharik1599+", "proof")
/// NewPassword(password='[REDACTED]', proof='[REDACTED]')
#[pyclass(frozen, extends = Input, module = "restore_access.flow")]
pub(crate) struct NewPassword {
    #[pyo3(get)]
    password: Py<PyString>,
    #[pyo3(get)]
    proof: Py<PyString>,
    #[pyo3(get)]
    personal: Option<Py<PersonalData>>,
}

#[pymethods]
impl NewPassword {
    #[classattr]
    fn __match_args__(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        PyTuple::new(py, ["password", "proof", "personal"]).map(Bound::unbind)
    }

    #[new]
    #[pyo3(signature = (password, proof, personal = None))]
    fn new(
        password: Py<PyString>,
        proof: Py<PyString>,
        personal: Option<Py<PersonalData>>,
    ) -> PyClassInitializer<NewPassword> {
        PyClassInitializer::from(Input).add_subclass(NewPassword {
            password,
            proof,
            personal,
        })
    }

    fn __repr__(&self) -> &'static str {
        "NewPassword(password='[REDACTED]', proof='[REDACTED]')"
    }
}

/// What an input's `str` reads as: U+FFFD for each lone surrogate, which no contact,
/// document, code, token or proof holds, so the flow answers it as a wrong one.
fn lossy(py: Python<'_>, s: &Py<PyString>) -> PyResult<String> {
    Ok(Text::read(s.bind(py))?.lossy().to_owned())
}

/// The core input for a Python one.
pub(super) fn input(input: &Bound<'_, Input>) -> PyResult<core::Input> {
    let py = input.py();
    let i = input.as_any();
    Ok(if let Ok(c) = i.cast::<Contact>() {
        core::Input::Contact(lossy(py, &c.get().text)?)
    } else if let Ok(c) = i.cast::<LoginAndSurname>() {
        core::Input::LoginAndSurname {
            login: lossy(py, &c.get().login)?,
            surname: lossy(py, &c.get().surname)?,
        }
    } else if let Ok(c) = i.cast::<Document>() {
        core::Input::Document(lossy(py, &c.get().text)?)
    } else if let Ok(c) = i.cast::<AccountLookup>() {
        core::Input::Account(c.get().account.as_ref().map(|a| a.bind(py).get().0.clone()))
    } else if i.cast::<HumanCheckPassed>().is_ok() {
        core::Input::HumanCheckPassed
    } else if let Ok(c) = i.cast::<Code>() {
        core::Input::Code(lossy(py, &c.get().code)?)
    } else if let Ok(c) = i.cast::<LinkOpened>() {
        core::Input::LinkOpened(lossy(py, &c.get().token)?)
    } else if let Ok(c) = i.cast::<NewPassword>() {
        let c = c.get();
        // Never hashed with U+FFFD in place of what was typed: refused. At most
        // `MAX_PASSWORD_BYTES + 1` characters are read: the flow refuses a longer one.
        let password = Capped::read(c.password.bind(py))?;
        let password = password.or_else(|| unreadable(py))?;
        core::Input::NewPassword {
            password: Password::from(password),
            personal: c
                .personal
                .as_ref()
                .map(|p| p.bind(py).get().0.clone())
                .unwrap_or_default(),
            proof: core::Proof::new(Text::read(c.proof.bind(py))?.lossy()),
        }
    } else if i.cast::<Resend>().is_ok() {
        core::Input::Resend
    } else if i.cast::<NoAccessToContacts>().is_ok() {
        core::Input::NoAccessToContacts
    } else if i.cast::<NothingArrived>().is_ok() {
        core::Input::NothingArrived
    } else {
        return Err(PyTypeError::new_err("not a restore_access.flow input"));
    })
}
