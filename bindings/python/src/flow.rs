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
//! documents and surname with their `*.format`; the personal data a password is checked
//! against is a `ValueError`.

use std::sync::Arc;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use restore_access::flow::{self as core, BudgetKey, Config, Escalation};
use restore_access::id::{self, Document as CoreDocument, Snils};
use restore_access::password::{BirthDate, Password};
use restore_access::{Lang, i18n};

use crate::codes::Keys;
use crate::errors;
use crate::id::{DetectedLogin, parse, text};
use crate::text::{Text, optional_or_value_error};
use crate::time::now_or_clock;

/// Fields that hold a secret (a code, a link token, a proof, a password): `[REDACTED]` in a
/// `repr`, so logging a step or an input never writes one down.
const SECRET_FIELDS: &[&str] = &["code", "token", "proof", "password"];

/// `Name(field=value, ...)` from the fields named in the class's `__match_args__`.
fn repr(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let name = obj.get_type().name()?.to_string();
    let mut parts = Vec::new();
    for field in obj.getattr("__match_args__")?.try_iter()? {
        let field = field?;
        let field = field.cast::<PyString>()?;
        let value = if SECRET_FIELDS.contains(&field.to_cow()?.as_ref()) {
            String::from("'[REDACTED]'")
        } else {
            obj.getattr(field)?.repr()?.to_string()
        };
        parts.push(format!("{field}={value}"));
    }
    Ok(format!("{name}({})", parts.join(", ")))
}

/// Declares one class per case under `base`, frozen, with getters and `__match_args__`;
/// `new` also gives it a constructor taking the fields in order.
macro_rules! cases {
    (@class $base:ident $name:ident { $($field:ident : $ty:ty),* } { $($ctor:tt)* }) => {
        #[pyclass(frozen, extends = $base, module = "restore_access.flow")]
        pub(crate) struct $name {
            $( #[pyo3(get)] pub(crate) $field: $ty, )*
        }

        #[pymethods]
        impl $name {
            #[classattr]
            fn __match_args__(py: Python<'_>) -> PyResult<Py<PyTuple>> {
                PyTuple::new(py, [$(stringify!($field)),*] as [&str; _]).map(Bound::unbind)
            }
            $($ctor)*
        }
    };
    (new $base:ident; $( $name:ident { $($field:ident : $ty:ty),* $(,)? } )*) => {
        $( cases!(@class $base $name { $($field : $ty),* } {
            #[new]
            fn new($($field: $ty),*) -> PyClassInitializer<$name> {
                PyClassInitializer::from($base).add_subclass($name { $($field),* })
            }
        }); )*
        cases!(@add $base $($name)*);
    };
    ($base:ident; $( $name:ident { $($field:ident : $ty:ty),* $(,)? } )*) => {
        $( cases!(@class $base $name { $($field : $ty),* } {}); )*
        cases!(@add $base $($name)*);
    };
    (@add $base:ident $($name:ident)*) => {
        pub(super) fn add(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<$base>()?;
            $( m.add_class::<$name>()?; )*
            Ok(())
        }
    };
}

/// Declares a frozen base class whose `__repr__` lists the case's fields.
macro_rules! base {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[pyclass(frozen, subclass, module = "restore_access.flow")]
        pub(crate) struct $name;

        #[pymethods]
        impl $name {
            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                repr(slf.as_any())
            }
        }
    };
}

/// What the person sees next: `code`, the message in both languages, and the case's fields.
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

mod prompts {
    use super::*;
    cases! { Prompt;
        EnterContact {}
        EnterLoginAndSurname {}
        EnterDocument {}
        AwaitingHost {}
        HumanCheck {}
        CodeSent { channel: Option<&'static str>, digits: u8, attempts_left: u8, resend_at: u64, rejected: Option<&'static str> }
        ChoosePassword { violations: Py<PyTuple> }
        Done {}
        Locked { retry_at: u64 }
        Escalated { reason: &'static str, routes: Py<PyTuple> }
    }
}

base! {
    /// A way to regain access once self-service recovery cannot go on.
    Route
}

mod routes {
    use super::*;
    cases! { Route;
        SupportForm {}
        PhoneLine { phone: &'static str }
        ServiceCentre { bring: Py<PyTuple> }
    }
}

base! {
    /// Something the host must carry out.
    Action
}

mod actions {
    use super::*;
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
}

base! {
    /// One input to `Flow.handle`.
    Input
}

/// The inputs hold their `str`s as given (a `str` with a lone surrogate too); [`input`] reads
/// them.
mod inputs {
    use super::*;
    cases! { new Input;
        Contact { text: Py<PyString> }
        LoginAndSurname { login: Py<PyString>, surname: Py<PyString> }
        Document { text: Py<PyString> }
        AccountLookup { account: Option<Py<Account>> }
        HumanCheckPassed {}
        Code { code: Py<PyString> }
        LinkOpened { token: Py<PyString> }
        Resend {}
        NoAccessToContacts {}
        NothingArrived {}
    }
}

/// The new password, the proof that this session may set it (the `HoldProof` it was handed),
/// and what the host knows of the person for the password checks.
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

/// An account as the host's directory holds it; contacts and documents are validated here.
#[pyclass(frozen, module = "restore_access.flow")]
pub(crate) struct Account(core::Account);

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
        let id = id.or_else(|| errors::flow(py, core::Error::AccountId))?;
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
                CoreDocument::parse(d).map_err(|e| errors::id(py, e))
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
        PyTuple::new(
            py,
            self.0
                .documents
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>(),
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "Account(id={:?}, credential_version={})",
            self.0.id, self.0.credential_version
        )
    }
}

/// What the host knows of the person, so the new password cannot contain it.
#[pyclass(frozen, module = "restore_access.flow")]
pub(crate) struct PersonalData(core::PersonalData);

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
        // Taken as it is by the core: a `ValueError` when it is not text.
        let data = |value: &Option<Text>, arg: &str| -> PyResult<Option<String>> {
            Ok(optional_or_value_error(value, arg)?.map(str::to_owned))
        };
        let mut p = core::PersonalData::default();
        p.login = data(&login, "login")?;
        p.email = data(&email, "email")?;
        p.phone = data(&phone, "phone")?;
        p.snils = data(&snils, "snils")?;
        p.first_name = data(&first_name, "first_name")?;
        p.surname = data(&surname, "surname")?;
        p.birth_date = birth_date
            .map(|d| -> PyResult<BirthDate> {
                Ok(BirthDate {
                    year: d.getattr("year")?.extract()?,
                    month: d.getattr("month")?.extract()?,
                    day: d.getattr("day")?.extract()?,
                })
            })
            .transpose()?;
        // As any hash that is not a PHC string: U+FFFD is in none.
        p.old_hash = old_hash.map(|h| h.lossy().to_owned());
        Ok(PersonalData(p))
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

/// What one identity may still spend across all its flows: sends, code guesses, lockout.
/// Kept by the host in its own store, sealed, under the key `Flow.budget_keys` names.
#[pyclass(module = "restore_access.flow")]
#[derive(Default)]
pub(crate) struct Budget(core::Budget);

/// A budget key as `Flow.budget_keys` gave it; `flow.state_invalid` for anything else.
fn budget_key(py: Python<'_>, key: &Text) -> PyResult<BudgetKey> {
    key.lossy().parse().map_err(|e| errors::flow(py, e))
}

#[pymethods]
impl Budget {
    /// A fresh budget: what a key missing from the store stands for.
    #[new]
    fn new() -> Budget {
        Budget::default()
    }

    /// The budget sealed for the host's store, bound to `key`.
    fn seal(&self, py: Python<'_>, keys: &Keys, key: Text) -> PyResult<String> {
        let key = budget_key(py, &key)?;
        self.0.seal(&keys.0, &key).map_err(|e| errors::flow(py, e))
    }

    /// A budget sealed by `seal` under the same key; `FlowError` (`flow.state_invalid`) for
    /// anything else.
    #[staticmethod]
    fn open(py: Python<'_>, keys: &Keys, key: Text, sealed: Text) -> PyResult<Budget> {
        let key = budget_key(py, &key)?;
        core::Budget::open(&keys.0, &key, sealed.lossy())
            .map(Budget)
            .map_err(|e| errors::flow(py, e))
    }

    /// From this moment on (Unix seconds) the budget equals a fresh one: delete it then.
    #[getter]
    fn idle_at(&self) -> u64 {
        self.0.idle_at().as_secs()
    }

    /// The budget as JSON, for debugging only: nothing reads it back.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| String::from("{}"))
    }

    fn __repr__(&self) -> String {
        format!("Budget(idle_at={})", self.idle_at())
    }
}

/// The result of one input: the prompt to show and the actions for the host, in order.
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

/// An object of case class `sub` under `base`.
macro_rules! object {
    ($py:expr, $base:expr, $sub:expr $(,)?) => {
        Py::new($py, PyClassInitializer::from($base).add_subclass($sub)).map(Py::into_any)
    };
}

fn prompt(py: Python<'_>, p: &core::Prompt) -> PyResult<Py<PyAny>> {
    use prompts::*;
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
                rejected: *rejected,
            },
        ),
        core::Prompt::NewPassword { violations } => object!(
            py,
            base,
            ChoosePassword {
                violations: PyTuple::new(py, violations)?.unbind(),
            },
        ),
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
            let reason = match reason {
                Escalation::NoAccess => "no_access",
                Escalation::NothingArrived => "nothing_arrived",
            };
            object!(
                py,
                base,
                Escalated {
                    reason,
                    routes: PyTuple::new(py, routes)?.unbind(),
                },
            )
        }
        _ => object!(py, base, Done {}),
    }
}

fn route(py: Python<'_>, r: &core::Route) -> PyResult<Py<PyAny>> {
    use routes::*;
    match r {
        core::Route::PhoneLine { phone } => object!(py, Route, PhoneLine { phone }),
        core::Route::ServiceCentre { bring } => {
            let bring: Vec<&str> = bring
                .iter()
                .map(|d| match d {
                    core::DocumentKind::Passport => "passport",
                    core::DocumentKind::Snils => "snils",
                    _ => "other",
                })
                .collect();
            object!(
                py,
                Route,
                ServiceCentre {
                    bring: PyTuple::new(py, bring)?.unbind(),
                },
            )
        }
        _ => object!(py, Route, SupportForm {}),
    }
}

fn action(py: Python<'_>, a: core::Action) -> PyResult<Option<Py<PyAny>>> {
    use actions::*;
    let obj = match a {
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
                event: e.event,
                flow_id: e.flow_id,
                login: e.login,
            },
        ),
        // An action this version of the binding does not know: a newer core.
        _ => return Ok(None),
    };
    obj.map(Some)
}

fn step(py: Python<'_>, s: core::Step) -> PyResult<Step> {
    let prompt = prompt(py, &s.prompt)?;
    let mut actions = Vec::with_capacity(s.actions.len());
    for a in s.actions {
        actions.extend(action(py, a)?);
    }
    Ok(Step {
        prompt,
        actions: PyTuple::new(py, actions)?.unbind(),
    })
}

/// What an input's `str` reads as: U+FFFD for each lone surrogate, which no contact,
/// document, code, token or proof holds, so the flow answers it as a wrong one.
fn lossy(py: Python<'_>, s: &Py<PyString>) -> PyResult<String> {
    Ok(Text::read(s.bind(py))?.lossy().to_owned())
}

/// The core input for a Python one.
fn input(input: &Bound<'_, Input>) -> PyResult<core::Input> {
    use inputs::*;
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
        // Never hashed with U+FFFD in place of what was typed: refused.
        let password = Text::read(c.password.bind(py))?;
        let password = password.or_else(|| errors::unreadable_password(py))?;
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

/// The budgets of a `budgets` mapping (budget key → `Budget`), with the objects they came
/// from so that they can be updated after the call.
type Loaded<'py> = (core::Budgets, Vec<(BudgetKey, Bound<'py, Budget>)>);

fn budgets_in<'py>(py: Python<'py>, mapping: Option<&Bound<'py, PyAny>>) -> PyResult<Loaded<'py>> {
    let mut budgets = core::Budgets::new();
    let mut objects = Vec::new();
    if let Some(mapping) = mapping {
        for item in mapping.call_method0("items")?.try_iter()? {
            let (key, budget): (Text, Bound<'py, Budget>) = item?.extract()?;
            let key = budget_key(py, &key)?;
            budgets.insert(key.clone(), budget.try_borrow()?.0.clone());
            objects.push((key, budget));
        }
    }
    Ok((budgets, objects))
}

/// One person's attempt to recover access.
#[pyclass(module = "restore_access.flow")]
struct Flow(core::Flow);

impl Flow {
    fn start(py: Python<'_>, config: Config, now: Option<u64>) -> PyResult<Flow> {
        let (flow, _) = core::Flow::start(Arc::new(config), now_or_clock(now))
            .map_err(|e| errors::flow(py, e))?;
        Ok(Flow(flow))
    }
}

#[pymethods]
impl Flow {
    /// A Госуслуги recovery, at its first step.
    #[staticmethod]
    #[pyo3(signature = (keys, *, now = None))]
    fn gosuslugi(py: Python<'_>, keys: &Keys, now: Option<u64>) -> PyResult<Flow> {
        Flow::start(py, Config::gosuslugi(keys.0.clone()), now)
    }

    /// A mos.ru recovery, at its first step.
    #[staticmethod]
    #[pyo3(signature = (keys, *, now = None))]
    fn mosru(py: Python<'_>, keys: &Keys, now: Option<u64>) -> PyResult<Flow> {
        Flow::start(py, Config::mosru(keys.0.clone()), now)
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
        let (flow, s) = core::Flow::after_signup_conflict(
            Arc::new(config(&portal, &keys.0)?),
            &snils,
            now_or_clock(now),
        )
        .map_err(|e| errors::flow(py, e))?;
        Ok((Flow(flow), step(py, s)?))
    }

    /// A flow sealed by `seal`, under a key ring that still holds the sealing key, for the
    /// portal it was started for; `FlowError` (`flow.state_invalid`) for anything else.
    #[staticmethod]
    #[pyo3(signature = (keys, sealed, *, portal))]
    fn open(py: Python<'_>, keys: &Keys, sealed: Text, portal: Text) -> PyResult<Flow> {
        core::Flow::open(Arc::new(config(&portal, &keys.0)?), sealed.lossy())
            .map(Flow)
            .map_err(|e| errors::flow(py, e))
    }

    /// The state sealed for the host's store (encrypted and authenticated): text of one
    /// length at every step, for known and unknown accounts alike.
    fn seal(&self, py: Python<'_>) -> PyResult<String> {
        self.0.seal().map_err(|e| errors::flow(py, e))
    }

    /// The keys of the budgets `input` spends at the current step (none, one or two): load
    /// each from the store (a missing one is `Budget()`), pass them to `handle`, store them
    /// back.
    fn budget_keys(&self, py: Python<'_>, input: &Bound<'_, Input>) -> PyResult<Vec<String>> {
        let input = self::input(input)?;
        let keys = self
            .0
            .budget_keys(&input)
            .map_err(|e| errors::flow(py, e))?;
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
        let (mut spent, objects) = budgets_in(py, budgets)?;
        let flow = &mut self.0;
        let s = py
            .detach(|| flow.handle(input, now, &mut spent))
            .map_err(|e| errors::flow(py, e))?;
        for (key, object) in objects {
            if let Some(budget) = spent.get(&key) {
                object.try_borrow_mut()?.0 = budget.clone();
            }
        }
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

/// The configuration of the portal called `name`.
fn config(name: &Text, keys: &restore_access::code::Keys) -> PyResult<Config> {
    match name.lossy() {
        "gosuslugi" => Ok(Config::gosuslugi(keys.clone())),
        "mosru" => Ok(Config::mosru(keys.clone())),
        _ => Err(PyValueError::new_err(
            "portal is \"gosuslugi\" or \"mosru\"",
        )),
    }
}

/// The message for a code (a prompt's `rejected`, a violation in `ChoosePassword`).
#[pyfunction]
#[pyo3(signature = (code, lang = Text::Default("ru")), text_signature = "(code, lang='ru')")]
fn message(code: Text, lang: Text) -> PyResult<Option<&'static str>> {
    let lang = match lang.lossy() {
        "ru" => Lang::Ru,
        "en" => Lang::En,
        _ => return Err(PyValueError::new_err("lang is \"ru\" or \"en\"")),
    };
    Ok(i18n::message(code.lossy(), lang))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Flow>()?;
    m.add_class::<Step>()?;
    m.add_class::<Budget>()?;
    m.add_class::<Account>()?;
    m.add_class::<PersonalData>()?;
    m.add_class::<NewPassword>()?;
    prompts::add(m)?;
    routes::add(m)?;
    actions::add(m)?;
    inputs::add(m)?;
    m.add_function(wrap_pyfunction!(message, m)?)?;
    Ok(())
}
