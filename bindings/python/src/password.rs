//! `restore_access.password`: policy checks and Argon2id hashing, the GIL released around
//! both (a check with `previous_hash` runs Argon2 too).
//!
//! A password holding a lone surrogate is not text and is never hashed: `check` reports
//! `password.invalid_char` for it (with what else the rest of it breaks), `hash` and `verify`
//! raise `PasswordError` `password.invalid_char`. A stored hash holding one is a malformed
//! hash, a policy name holding one an unknown name (`UnknownName`), and the personal data a
//! password is checked against a `ValueError`.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use restore_access::password::{
    self as core, BirthDate, Hasher, Password, PersonalData, Policy, RuleKind,
};
use restore_access::{ErrorCode, Lang};

use crate::errors;
use crate::names;
use crate::text::{Text, optional_or_value_error};

/// The policy preset called `name`; `UnknownName` for another name.
fn policy(py: Python<'_>, name: &Text) -> PyResult<Policy> {
    names::parse(py, name).map(Policy::preset)
}

/// A hasher with the default (OWASP) parameters and the pepper, if any.
fn hasher(pepper: Option<Vec<u8>>) -> Hasher {
    match pepper {
        Some(p) => Hasher::new().with_pepper(p),
        None => Hasher::new(),
    }
}

/// One broken rule.
#[pyclass(frozen, module = "restore_access.password")]
struct Violation {
    /// The stable code, such as `password.too_short`.
    #[pyo3(get)]
    code: &'static str,
    /// The message in Russian.
    #[pyo3(get)]
    message_ru: String,
    /// The message in English.
    #[pyo3(get)]
    message_en: String,
    /// The number the rule names: the minimum or maximum length, the minimum score.
    #[pyo3(get)]
    detail: Option<u64>,
    /// For `password.wrong_layout`: the password as it reads in the Latin layout, so the form
    /// can say the Russian layout is on. As secret as the password; not in `repr`.
    #[pyo3(get)]
    latin: Option<String>,
    /// For `password.custom`: the id of the portal's rule that was broken.
    #[pyo3(get)]
    rule_id: Option<String>,
    /// For `password.blocklisted`: the list word the password was built on.
    #[pyo3(get)]
    word: Option<&'static str>,
}

#[pymethods]
impl Violation {
    fn __repr__(&self) -> String {
        format!("Violation(code={:?}, detail={:?})", self.code, self.detail)
    }
}

/// The strength estimate.
#[pyclass(frozen, module = "restore_access.password")]
struct Strength {
    /// 0 (guessed at once) to 4 (very hard to guess).
    #[pyo3(get)]
    score: u8,
    /// log10 of the estimated number of guesses.
    #[pyo3(get)]
    guesses_log10: f64,
}

#[pymethods]
impl Strength {
    fn __repr__(&self) -> String {
        format!(
            "Strength(score={}, guesses_log10={:.2})",
            self.score, self.guesses_log10
        )
    }
}

/// What `check` found: every broken rule at once, and the strength.
#[pyclass(frozen, module = "restore_access.password")]
struct Report {
    /// True when no rule is broken.
    #[pyo3(get)]
    ok: bool,
    /// The broken rules, in a stable order.
    #[pyo3(get)]
    violations: Py<PyTuple>,
    /// The strength estimate.
    #[pyo3(get)]
    strength: Py<Strength>,
    codes: Vec<&'static str>,
}

#[pymethods]
impl Report {
    /// The codes of the violations.
    #[getter]
    fn codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.codes)
    }

    fn __bool__(&self) -> bool {
        self.ok
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let ok = if self.ok { "True" } else { "False" };
        Ok(format!(
            "Report(ok={ok}, codes={})",
            self.codes(py)?.repr()?
        ))
    }
}

/// `birth_date` as the core's date: anything with `year`, `month` and `day`
/// (`datetime.date`, `datetime.datetime`).
fn birth_date(date: &Bound<'_, PyAny>) -> PyResult<BirthDate> {
    Ok(BirthDate {
        year: date.getattr("year")?.extract()?,
        month: date.getattr("month")?.extract()?,
        day: date.getattr("day")?.extract()?,
    })
}

/// What the host knows of the person, as the core's [`PersonalData`] (`password.check` and
/// `flow.PersonalData` alike). The core takes the text as it is: a `ValueError` naming a
/// field that is not text. The old hash is read as any hash that is no PHC string: U+FFFD is
/// in none.
#[allow(clippy::too_many_arguments)]
pub(crate) fn personal_data(
    login: Option<Text>,
    email: Option<Text>,
    phone: Option<Text>,
    snils: Option<Text>,
    first_name: Option<Text>,
    surname: Option<Text>,
    birth_date: Option<&Bound<'_, PyAny>>,
    old_hash: Option<Text>,
) -> PyResult<PersonalData> {
    let data = |value: &Option<Text>, arg: &str| -> PyResult<Option<String>> {
        Ok(optional_or_value_error(value, arg)?.map(str::to_owned))
    };
    let mut p = PersonalData::default();
    p.login = data(&login, "login")?;
    p.email = data(&email, "email")?;
    p.phone = data(&phone, "phone")?;
    p.snils = data(&snils, "snils")?;
    p.first_name = data(&first_name, "first_name")?;
    p.surname = data(&surname, "surname")?;
    p.birth_date = birth_date.map(self::birth_date).transpose()?;
    p.old_hash = old_hash.map(|h| h.lossy().to_owned());
    Ok(p)
}

/// `PasswordError` `password.invalid_char`, for a password that is not text (a `str` holding
/// a lone surrogate), which is never hashed.
pub(crate) fn unreadable(py: Python<'_>) -> PyErr {
    errors::raise(py, &core::Violation::InvalidChar)
}

/// Checks `password` against the policy and the person's own data.
#[pyfunction]
#[pyo3(
    signature = (
        password, policy = Text::Default("gosuslugi"), *, login = None, email = None,
        phone = None, snils = None, first_name = None, surname = None, birth_date = None,
        previous_hash = None, pepper = None,
    ),
    text_signature = "(password, policy='gosuslugi', *, login=None, email=None, phone=None, snils=None, first_name=None, surname=None, birth_date=None, previous_hash=None, pepper=None)"
)]
#[allow(clippy::too_many_arguments)]
fn check(
    py: Python<'_>,
    password: Text,
    policy: Text,
    login: Option<Text>,
    email: Option<Text>,
    phone: Option<Text>,
    snils: Option<Text>,
    first_name: Option<Text>,
    surname: Option<Text>,
    birth_date: Option<&Bound<'_, PyAny>>,
    previous_hash: Option<Text>,
    pepper: Option<Vec<u8>>,
) -> PyResult<Report> {
    // A password with a lone surrogate is checked with U+FFFD in its place, for what else it
    // breaks, and `password.invalid_char` is added whatever the policy's characters.
    let unreadable = password.ok().is_none();
    let password = Password::from(password.lossy());
    let policy = self::policy(py, &policy)?;
    let hasher = hasher(pepper);
    let person = personal_data(
        login,
        email,
        phone,
        snils,
        first_name,
        surname,
        birth_date,
        previous_hash,
    )?;
    let report = py.detach(|| policy.check(password.expose(), &person.context(&hasher)));
    to_report(py, &report, unreadable)
}

/// The core's report as Python's; `unreadable` adds `password.invalid_char` for a password
/// that held a lone surrogate.
fn to_report(py: Python<'_>, report: &core::Report, unreadable: bool) -> PyResult<Report> {
    let mut found: Vec<&core::Violation> = report.violations().iter().collect();
    if unreadable && !found.contains(&&core::Violation::InvalidChar) {
        // Where the core puts it: after length and composition.
        use core::Violation as V;
        let at = found
            .iter()
            .position(|v| {
                !matches!(
                    v,
                    V::TooShort { .. }
                        | V::TooLong { .. }
                        | V::NoUpper
                        | V::NoLower
                        | V::NoDigit
                        | V::NoSymbol
                )
            })
            .unwrap_or(found.len());
        found.insert(at, &V::InvalidChar);
    }
    let violations = found.iter().map(|v| Violation {
        code: v.code(),
        message_ru: v.describe(Lang::Ru).to_owned(),
        message_en: v.describe(Lang::En).to_owned(),
        detail: match *v {
            core::Violation::TooShort { min } => Some(*min as u64),
            core::Violation::TooLong { max } => Some(*max as u64),
            core::Violation::TooWeak { min_score } => Some(u64::from(*min_score)),
            _ => None,
        },
        latin: match *v {
            core::Violation::WrongLayout { latin } => Some(latin.expose().to_owned()),
            _ => None,
        },
        rule_id: match *v {
            core::Violation::Custom { rule } => Some(rule.id().to_owned()),
            _ => None,
        },
        word: match *v {
            core::Violation::Blocklisted { word } => Some(*word),
            _ => None,
        },
    });
    let violations = violations
        .map(|v| Py::new(py, v))
        .collect::<PyResult<Vec<_>>>()?;
    let strength = report.strength();
    Ok(Report {
        ok: found.is_empty(),
        codes: found.iter().map(|v| v.code()).collect(),
        violations: PyTuple::new(py, violations)?.unbind(),
        strength: Py::new(
            py,
            Strength {
                score: strength.score,
                guesses_log10: strength.guesses_log10,
            },
        )?,
    })
}

/// Hashes the password (as the policy stores it) into an Argon2id PHC string; raises
/// `PasswordError` `password.invalid_char` for a password that is not text.
#[pyfunction]
#[pyo3(
    signature = (password, *, policy = Text::Default("gosuslugi"), pepper = None),
    text_signature = "(password, *, policy='gosuslugi', pepper=None)"
)]
fn hash(py: Python<'_>, password: Text, policy: Text, pepper: Option<Vec<u8>>) -> PyResult<String> {
    let password = password.or_else(|| unreadable(py))?;
    let prepared = self::policy(py, &policy)?.prepare(&Password::from(password));
    let hasher = hasher(pepper);
    py.detach(|| hasher.hash(&prepared))
        .map_err(|e| errors::raise(py, &e))
}

/// Whether `password` matches the stored PHC string; raises `PasswordError` for a string that
/// is not an Argon2 hash (`password.malformed_hash`, …) and for a password that is not text
/// (`password.invalid_char`).
#[pyfunction]
#[pyo3(
    signature = (password, phc, *, policy = Text::Default("gosuslugi"), pepper = None),
    text_signature = "(password, phc, *, policy='gosuslugi', pepper=None)"
)]
fn verify(
    py: Python<'_>,
    password: Text,
    phc: Text,
    policy: Text,
    pepper: Option<Vec<u8>>,
) -> PyResult<bool> {
    let password = password.or_else(|| unreadable(py))?;
    let prepared = self::policy(py, &policy)?.prepare(&Password::from(password));
    let hasher = hasher(pepper);
    let phc = phc.lossy();
    py.detach(|| hasher.verify(&prepared, phc))
        .map_err(|e| errors::raise(py, &e))
}

/// Whether a stored hash should be replaced at the next successful sign-in.
#[pyfunction]
fn needs_rehash(phc: Text) -> bool {
    Hasher::new().needs_rehash(phc.lossy())
}

/// A portal's own rule: a pattern (Rust `regex` syntax, matched in linear time) the
/// password must not match (`forbid=True`, the default) or must match, with the portal's id
/// and messages. `PasswordError` `password.invalid_policy` for a bad id, message or pattern.
#[pyclass(frozen, module = "restore_access.password")]
struct Rule {
    rule: core::Rule,
}

#[pymethods]
impl Rule {
    #[new]
    #[pyo3(signature = (id, pattern, *, message_ru, message_en, forbid = true))]
    fn new(
        py: Python<'_>,
        id: Text,
        pattern: Text,
        message_ru: Text,
        message_en: Text,
        forbid: bool,
    ) -> PyResult<Self> {
        let kind = if forbid {
            RuleKind::Forbid
        } else {
            RuleKind::Require
        };
        // Text with a lone surrogate is no id, pattern or message: the problem of that field.
        fn field<'t>(
            py: Python<'_>,
            value: &'t Text,
            problem: core::PolicyProblem,
        ) -> PyResult<&'t str> {
            value
                .ok()
                .ok_or_else(|| errors::raise(py, &core::Error::InvalidPolicy { reason: problem }))
        }
        let rule = core::Rule::new(
            kind,
            field(py, &id, core::PolicyProblem::RuleId)?,
            field(py, &pattern, core::PolicyProblem::RulePatternInvalid)?,
            field(py, &message_ru, core::PolicyProblem::RuleMessage)?,
            field(py, &message_en, core::PolicyProblem::RuleMessage)?,
        )
        .map_err(|e| errors::raise(py, &e))?;
        Ok(Rule { rule })
    }

    /// The portal's id for the rule.
    #[getter]
    fn id(&self) -> &str {
        self.rule.id()
    }

    /// The pattern as written.
    #[getter]
    fn pattern(&self) -> &str {
        self.rule.pattern()
    }

    /// True for a forbidden pattern, false for a required one.
    #[getter]
    fn forbid(&self) -> bool {
        self.rule.kind() == RuleKind::Forbid
    }

    fn __repr__(&self) -> String {
        format!(
            "Rule(id={:?}, pattern={:?}, forbid={})",
            self.rule.id(),
            self.rule.pattern(),
            if self.forbid() { "True" } else { "False" }
        )
    }
}

/// A preset with the portal's own rules, built once: `Policy("gosuslugi", rules=[...])`.
/// `PasswordError` `password.invalid_policy` for too many rules or a repeated id.
#[pyclass(frozen, name = "Policy", module = "restore_access.password")]
struct PolicyWithRules {
    policy: Policy,
}

#[pymethods]
impl PolicyWithRules {
    #[new]
    #[pyo3(
        signature = (preset = Text::Default("gosuslugi"), *, rules = Vec::new()),
        text_signature = "(preset='gosuslugi', *, rules=())"
    )]
    fn new(py: Python<'_>, preset: Text, rules: Vec<PyRef<'_, Rule>>) -> PyResult<Self> {
        let mut builder = self::policy(py, &preset)?.to_builder();
        for rule in rules {
            builder = builder
                .rule(rule.rule.clone())
                .map_err(|e| errors::raise(py, &e))?;
        }
        let policy = builder.build().map_err(|e| errors::raise(py, &e))?;
        Ok(PolicyWithRules { policy })
    }

    /// The ids of the custom rules, in order.
    #[getter]
    fn rule_ids(&self) -> Vec<String> {
        self.policy
            .rules()
            .iter()
            .map(|r| r.id().to_owned())
            .collect()
    }

    /// Checks `password` as `password.check` does, with this policy's rules too.
    #[pyo3(signature = (
        password, *, login = None, email = None, phone = None, snils = None,
        first_name = None, surname = None, birth_date = None, previous_hash = None,
        pepper = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn check(
        &self,
        py: Python<'_>,
        password: Text,
        login: Option<Text>,
        email: Option<Text>,
        phone: Option<Text>,
        snils: Option<Text>,
        first_name: Option<Text>,
        surname: Option<Text>,
        birth_date: Option<&Bound<'_, PyAny>>,
        previous_hash: Option<Text>,
        pepper: Option<Vec<u8>>,
    ) -> PyResult<Report> {
        let unreadable = password.ok().is_none();
        let password = Password::from(password.lossy());
        let hasher = hasher(pepper);
        let person = personal_data(
            login,
            email,
            phone,
            snils,
            first_name,
            surname,
            birth_date,
            previous_hash,
        )?;
        let policy = &self.policy;
        let report = py.detach(|| policy.check(password.expose(), &person.context(&hasher)));
        to_report(py, &report, unreadable)
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Report>()?;
    m.add_class::<Violation>()?;
    m.add_class::<Strength>()?;
    m.add_class::<Rule>()?;
    m.add_class::<PolicyWithRules>()?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(hash, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(needs_rehash, m)?)?;
    Ok(())
}
