//! `restore_access.flow`: the recovery state machine. Prompts, actions, routes and inputs are
//! small immutable classes, one per case, under a base class per kind (`Prompt`, `Action`,
//! `Route`, `Input`), so hosts can `match` on them.

use std::sync::Arc;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use restore_access::flow::{self as core, Config, Escalation};
use restore_access::id::{Document as CoreDocument, Snils};
use restore_access::password::{BirthDate, Password};
use restore_access::{Lang, i18n};

use crate::codes::Keys;
use crate::errors;
use crate::id::DetectedLogin;
use crate::time::now_or_clock;

/// `Name(field=value, ...)` from the fields named in the class's `__match_args__`.
fn repr(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let name = obj.get_type().name()?.to_string();
    let mut parts = Vec::new();
    for field in obj.getattr("__match_args__")?.try_iter()? {
        let field = field?;
        let value = obj.getattr(field.cast::<pyo3::types::PyString>()?)?;
        parts.push(format!("{}={}", field, value.repr()?));
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
        StorePasswordHash { account: String, phc: String }
        RevokeAllSessions { account: String }
        NotifyPasswordChanged { account: String }
        Audit { event: &'static str, flow_id: String, login: Option<String> }
    }
}

base! {
    /// One input to `Flow.handle`.
    Input
}

mod inputs {
    use super::*;
    cases! { new Input;
        Contact { text: String }
        LoginAndSurname { login: String, surname: String }
        Document { text: String }
        AccountLookup { account: Option<Py<Account>> }
        HumanCheckPassed {}
        Code { code: String }
        LinkOpened { token: String }
        Resend {}
        NoAccessToContacts {}
        NothingArrived {}
    }
}

/// The new password, with what the host knows of the person for the password checks.
#[pyclass(frozen, extends = Input, module = "restore_access.flow")]
pub(crate) struct NewPassword {
    #[pyo3(get)]
    password: String,
    #[pyo3(get)]
    personal: Option<Py<PersonalData>>,
}

#[pymethods]
impl NewPassword {
    #[classattr]
    fn __match_args__(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        PyTuple::new(py, ["password", "personal"]).map(Bound::unbind)
    }

    #[new]
    #[pyo3(signature = (password, personal = None))]
    fn new(
        password: String,
        personal: Option<Py<PersonalData>>,
    ) -> PyClassInitializer<NewPassword> {
        PyClassInitializer::from(Input).add_subclass(NewPassword { password, personal })
    }

    fn __repr__(&self) -> &'static str {
        "NewPassword(password='[REDACTED]')"
    }
}

/// An account as the host's directory holds it; contacts and documents are validated here.
#[pyclass(frozen, module = "restore_access.flow")]
pub(crate) struct Account(core::Account);

#[pymethods]
impl Account {
    #[new]
    #[pyo3(signature = (id, *, phone = None, email = None, surname = None, documents = Vec::new()))]
    fn new(
        py: Python<'_>,
        id: String,
        phone: Option<&str>,
        email: Option<&str>,
        surname: Option<String>,
        documents: Vec<String>,
    ) -> PyResult<Account> {
        let id_err = |e| errors::id(py, e);
        let mut a = core::Account::new(id);
        a.phone = phone.map(str::parse).transpose().map_err(id_err)?;
        a.email = email.map(str::parse).transpose().map_err(id_err)?;
        a.surname = surname;
        a.documents = documents
            .iter()
            .map(|d| CoreDocument::parse(d))
            .collect::<Result<_, _>>()
            .map_err(id_err)?;
        Ok(Account(a))
    }

    /// The host's identifier of the account.
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
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
        format!("Account(id={:?})", self.0.id)
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
        login: Option<String>,
        email: Option<String>,
        phone: Option<String>,
        snils: Option<String>,
        first_name: Option<String>,
        surname: Option<String>,
        birth_date: Option<&Bound<'_, PyAny>>,
        old_hash: Option<String>,
    ) -> PyResult<PersonalData> {
        let mut p = core::PersonalData::default();
        p.login = login;
        p.email = email;
        p.phone = phone;
        p.snils = snils;
        p.first_name = first_name;
        p.surname = surname;
        p.birth_date = birth_date
            .map(|d| -> PyResult<BirthDate> {
                Ok(BirthDate {
                    year: d.getattr("year")?.extract()?,
                    month: d.getattr("month")?.extract()?,
                    day: d.getattr("day")?.extract()?,
                })
            })
            .transpose()?;
        p.old_hash = old_hash;
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

/// What one login may still spend across all its flows: store it under `Flow.budget_key`.
#[pyclass(module = "restore_access.flow")]
#[derive(Default)]
pub(crate) struct Budget(core::Budget);

#[pymethods]
impl Budget {
    #[new]
    fn new() -> Budget {
        Budget::default()
    }

    /// The budget as JSON, to store.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| String::from("{}"))
    }

    /// A budget stored with `to_json`; raises `ValueError` for anything else.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Budget> {
        serde_json::from_str(json)
            .map(Budget)
            .map_err(|e| PyValueError::new_err(format!("not a budget: {e}")))
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
        core::Action::StorePasswordHash { account, phc } => {
            object!(py, Action, StorePasswordHash { account, phc })
        }
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

/// The core input for a Python one.
fn input(input: &Bound<'_, Input>) -> PyResult<core::Input> {
    use inputs::*;
    let i = input.as_any();
    Ok(if let Ok(c) = i.cast::<Contact>() {
        core::Input::Contact(c.get().text.clone())
    } else if let Ok(c) = i.cast::<LoginAndSurname>() {
        core::Input::LoginAndSurname {
            login: c.get().login.clone(),
            surname: c.get().surname.clone(),
        }
    } else if let Ok(c) = i.cast::<Document>() {
        core::Input::Document(c.get().text.clone())
    } else if let Ok(c) = i.cast::<AccountLookup>() {
        let py = input.py();
        core::Input::Account(c.get().account.as_ref().map(|a| a.bind(py).get().0.clone()))
    } else if i.cast::<HumanCheckPassed>().is_ok() {
        core::Input::HumanCheckPassed
    } else if let Ok(c) = i.cast::<Code>() {
        core::Input::Code(c.get().code.clone())
    } else if let Ok(c) = i.cast::<LinkOpened>() {
        core::Input::LinkOpened(c.get().token.clone())
    } else if let Ok(c) = i.cast::<NewPassword>() {
        let c = c.get();
        let py = input.py();
        core::Input::NewPassword {
            password: Password::from(c.password.clone()),
            personal: c
                .personal
                .as_ref()
                .map(|p| p.bind(py).get().0.clone())
                .unwrap_or_default(),
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

/// One person's attempt to recover access.
#[pyclass(module = "restore_access.flow")]
struct Flow {
    flow: core::Flow,
    /// The budget used when `handle` is given none.
    budget: core::Budget,
}

impl Flow {
    fn start(py: Python<'_>, config: Config, now: Option<u64>) -> PyResult<Flow> {
        let (flow, _) = core::Flow::start(Arc::new(config), now_or_clock(now))
            .map_err(|e| errors::flow(py, e))?;
        Ok(Flow {
            flow,
            budget: core::Budget::default(),
        })
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

    /// Recovery for a person whose sign-up failed with «СНИЛС уже зарегистрирован»: the
    /// СНИЛС is the login; the step asks the host to look the account up.
    #[staticmethod]
    #[pyo3(signature = (keys, snils, *, portal = "gosuslugi", now = None))]
    fn after_signup_conflict(
        py: Python<'_>,
        keys: &Keys,
        snils: &str,
        portal: &str,
        now: Option<u64>,
    ) -> PyResult<(Flow, Step)> {
        let snils: Snils = snils.parse().map_err(|e| errors::id(py, e))?;
        let (flow, s) = core::Flow::after_signup_conflict(
            Arc::new(config(portal, &keys.0)?),
            &snils,
            now_or_clock(now),
        )
        .map_err(|e| errors::flow(py, e))?;
        let flow = Flow {
            flow,
            budget: core::Budget::default(),
        };
        Ok((flow, step(py, s)?))
    }

    /// A flow stored with `to_json`, under the keys it was started with; raises `FlowError`
    /// (`flow.state_invalid`, `flow.state_version`).
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str, keys: &Keys) -> PyResult<Flow> {
        let portal = serde_json::from_str::<serde_json::Value>(json)
            .ok()
            .and_then(|v| v.get("portal").and_then(|p| p.as_str()).map(str::to_owned))
            .unwrap_or_default();
        let config =
            config(&portal, &keys.0).map_err(|_| errors::flow(py, core::Error::StateInvalid))?;
        let flow =
            core::Flow::from_json(Arc::new(config), json).map_err(|e| errors::flow(py, e))?;
        Ok(Flow {
            flow,
            budget: core::Budget::default(),
        })
    }

    /// Advances the flow by one input. `budget` is the login's shared `Budget` (stored under
    /// `budget_key`); without one, a budget of this flow object alone is used. On error
    /// neither the flow nor the budget changes. The GIL is released (the last step hashes).
    #[pyo3(signature = (input, *, now = None, budget = None))]
    fn handle(
        &mut self,
        py: Python<'_>,
        input: &Bound<'_, Input>,
        now: Option<u64>,
        budget: Option<PyRefMut<'_, Budget>>,
    ) -> PyResult<Step> {
        let input = self::input(input)?;
        let now = now_or_clock(now);
        let mut budget = budget;
        let spend = match budget.as_deref_mut() {
            Some(b) => &mut b.0,
            None => &mut self.budget,
        };
        let flow = &mut self.flow;
        let s = py
            .detach(|| flow.handle(input, now, spend))
            .map_err(|e| errors::flow(py, e))?;
        step(py, s)
    }

    /// The state as JSON, to store between requests.
    fn to_json(&self) -> String {
        self.flow.to_json()
    }

    /// The flow's random identifier, for links and cookies.
    #[getter]
    fn id(&self) -> &str {
        self.flow.id()
    }

    /// `"gosuslugi"` or `"mosru"`.
    #[getter]
    fn portal(&self) -> &'static str {
        self.flow.config().portal.as_str()
    }

    /// The key to store the login's `Budget` under, once the login is known.
    #[getter]
    fn budget_key(&self) -> Option<&str> {
        self.flow.budget_key()
    }

    /// The prompt for where the flow is now.
    #[getter]
    fn prompt(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        prompt(py, &self.flow.prompt())
    }

    fn __repr__(&self) -> String {
        format!("Flow(portal={:?}, id={:?})", self.portal(), self.id())
    }
}

/// The configuration of the portal called `name`.
fn config(name: &str, keys: &restore_access::code::Keys) -> PyResult<Config> {
    match name {
        "gosuslugi" => Ok(Config::gosuslugi(keys.clone())),
        "mosru" => Ok(Config::mosru(keys.clone())),
        _ => Err(PyValueError::new_err(
            "portal is \"gosuslugi\" or \"mosru\"",
        )),
    }
}

/// The message for a code (a prompt's `rejected`, a violation in `ChoosePassword`).
#[pyfunction]
#[pyo3(signature = (code, lang = "ru"))]
fn message(code: &str, lang: &str) -> PyResult<Option<&'static str>> {
    let lang = match lang {
        "ru" => Lang::Ru,
        "en" => Lang::En,
        _ => return Err(PyValueError::new_err("lang is \"ru\" or \"en\"")),
    };
    Ok(i18n::message(code, lang))
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
