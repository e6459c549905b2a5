//! `Account` (an account as the host's directory holds it) and `PersonalData` (what the host
//! knows of the person, for the password checks): the core's types, wrapped.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use restore_access::flow as core;
use restore_access::id::{self, Document};

use crate::errors;
use crate::id::{parse, text};
use crate::password::personal_data;
use crate::text::Text;

/// An account as the host's directory holds it; contacts and documents are validated here.
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
            .map(|p| parse(py, &p, id::Error::PhoneFormat))
            .transpose()?;
        a.email = email
            .map(|e| parse(py, &e, id::Error::EmailFormat))
            .transpose()?;
        a.surname = surname
            .map(|s| text(py, &s, id::Error::SurnameFormat).map(str::to_owned))
            .transpose()?;
        a.documents = documents
            .iter()
            .map(|d| {
                let d = text(py, d, id::Error::DocumentFormat)?;
                Document::parse(d).map_err(|e| errors::raise(py, &e))
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

/// What the host knows of the person, so the new password cannot contain it: the core's
/// `PersonalData`, built as `password.check` builds it.
#[pyclass(frozen, module = "restore_access.flow")]
pub(crate) struct PersonalData(pub(crate) core::PersonalData);

#[pymethods]
impl PersonalData {
    #[new]
    #[pyo3(signature = (*, login = None, email = None, phone = None, snils = None, first_name = None, surname = None, birth_date = None, old_hash = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        login: Option<Text>,
        email: Option<Text>,
        phone: Option<Text>,
        snils: Option<Text>,
        first_name: Option<Text>,
        surname: Option<Text>,
        birth_date: Option<&Bound<'_, PyAny>>,
        old_hash: Option<Text>,
    ) -> PyResult<PersonalData> {
        personal_data(
            login, email, phone, snils, first_name, surname, birth_date, old_hash,
        )
        .map(PersonalData)
    }

    /// The contacts, surname and СНИЛС of an account.
    #[staticmethod]
    fn from_account(account: &Account) -> PersonalData {
        PersonalData(core::PersonalData::from(&account.0))
    }

    fn __repr__(&self) -> &'static str {
        "PersonalData(...)"
    }
}
