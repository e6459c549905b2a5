//! `Account` (an account as the host's directory holds it) and `PersonalData` (what the host
//! knows of the person, for the password checks): the core's types, wrapped.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use restore_access::flow as core;
use restore_access::id::{self, Document};

use crate::errors;
use crate::id::parse_arg;
use crate::password::personal_data;
use crate::text::{Capped, Text};

/// An account as the host's directory holds it, the answer to ``LookUpAccount``: its ``id``
/// (1 to 64 bytes), the host's ``credential_version`` (its counter of password changes,
/// handed back in ``StorePasswordHash`` for the compare-and-set), and the phone, e-mail,
/// surname and documents recovery may use. These are validated here: one that does not
/// parse raises its ``ValidationError``, naming the argument.
///
/// >>> a = Account("acc-1", phone="8 (916) 123-45-67", documents=["4508 123456"])
/// >>> a.phone, a.documents
/// ('+79161234567', ('45 08 123456',))
#[pyclass(frozen, module = "restore_access.flow")]
pub(crate) struct Account(pub(crate) core::Account);

#[pymethods]
impl Account {
    #[new]
    #[pyo3(signature = (id, *, credential_version = 0, phone = None, email = None, surname = None, documents = Vec::new()))]
    fn new(
        py: Python<'_>,
        id: Text,
        credential_version: u64,
        phone: Option<Text>,
        email: Option<Text>,
        surname: Option<Text>,
        documents: Vec<Text>,
    ) -> PyResult<Account> {
        let id = id.or_else(|| errors::raise(py, &core::Error::AccountId))?;
        let mut a = core::Account::new(id);
        a.credential_version = credential_version;
        a.phone = phone
            .map(|p| parse_arg(py, &p, id::Error::PhoneFormat, "phone"))
            .transpose()?;
        a.email = email
            .map(|e| parse_arg(py, &e, id::Error::EmailFormat, "email"))
            .transpose()?;
        a.surname = surname
            .map(|s| {
                let raise = || errors::raise_arg(py, &id::Error::SurnameFormat, "surname");
                s.or_else(raise).map(str::to_owned)
            })
            .transpose()?;
        a.documents = documents
            .iter()
            .map(|d| {
                let raise = |e: &id::Error| errors::raise_arg(py, e, "documents");
                let d = d.or_else(|| raise(&id::Error::DocumentFormat))?;
                Document::parse(d).map_err(|e| raise(&e))
            })
            .collect::<PyResult<_>>()?;
        Ok(Account(a))
    }

    /// The host's identifier of the account.
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    /// The host's counter of password changes, handed back in `StorePasswordHash`.
    #[getter]
    fn credential_version(&self) -> u64 {
        self.0.credential_version
    }

    /// The phone, E.164.
    #[getter]
    fn phone(&self) -> Option<String> {
        self.0.phone.as_ref().map(|p| p.e164().to_owned())
    }

    /// The e-mail, canonical.
    #[getter]
    fn email(&self) -> Option<String> {
        self.0.email.as_ref().map(|e| e.as_str().to_owned())
    }

    /// The surname.
    #[getter]
    fn surname(&self) -> Option<&str> {
        self.0.surname.as_deref()
    }

    /// The documents, canonical.
    #[getter]
    fn documents<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.0.documents.iter().map(|d| d.to_string()))
    }

    fn __repr__(&self) -> String {
        format!(
            "Account(id={:?}, credential_version={})",
            self.0.id, self.0.credential_version
        )
    }
}

/// What the host knows of the person, so the new password cannot contain it, given to
/// ``NewPassword``. The arguments are those of ``password.check``: a phone, e-mail or СНИЛС
/// that does not parse raises its ``ValidationError`` naming the argument, ``birth_date``
/// is a ``datetime.date`` or ``"YYYY-MM-DD"``. Its ``repr`` shows none of it.
///
/// >>> PersonalData(surname="Петров", birth_date="1985-05-17")
/// PersonalData(...)
/// >>> PersonalData(phone="+7 916 123")
/// Traceback (most recent call last):
///     ...
/// restore_access.InvalidLength: phone.length: ...
#[pyclass(frozen, module = "restore_access.flow")]
pub(crate) struct PersonalData(pub(crate) core::PersonalData);

#[pymethods]
impl PersonalData {
    #[new]
    #[pyo3(signature = (*, login = None, email = None, phone = None, snils = None, first_name = None, surname = None, birth_date = None, old_hash = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        login: Option<Capped>,
        email: Option<Text>,
        phone: Option<Text>,
        snils: Option<Text>,
        first_name: Option<Capped>,
        surname: Option<Capped>,
        birth_date: Option<&Bound<'_, PyAny>>,
        old_hash: Option<Capped>,
    ) -> PyResult<PersonalData> {
        personal_data(
            py, login, email, phone, snils, first_name, surname, birth_date, old_hash,
        )
        .map(PersonalData)
    }

    /// The personal data an ``Account`` holds: its contacts, surname and СНИЛС.
    #[staticmethod]
    fn from_account(account: &Account) -> PersonalData {
        PersonalData(core::PersonalData::from(&account.0))
    }

    fn __repr__(&self) -> &'static str {
        "PersonalData(...)"
    }
}
