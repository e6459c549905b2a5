//! `restore_access.password`: policy checks and Argon2id hashing, the GIL released around
//! both (a check with `previous_hash` runs Argon2 too).
//!
//! Of a password, the personal data and a stored hash at most `MAX_PASSWORD_BYTES + 1`
//! characters are read ([`Capped`]): longer input is refused or reported as too long as the
//! whole would be, without being copied.
//!
//! A password holding a lone surrogate is not text and is never hashed: `check` reports
//! `password.invalid_char` for it (with what else the rest of it breaks), `hash` and `verify`
//! raise `PasswordError` `password.invalid_char`. A stored hash holding one is a malformed
//! hash, a policy name holding one an unknown name (`UnknownName`), a phone, e-mail or СНИЛС
//! of the personal data holding one its `*.format`, and the other personal data a
//! `ValueError`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use restore_access::id::{self, Snils, email::Options};
use restore_access::password::{
    self as core, BirthDate, Hasher, Password, PersonalData, Policy, RuleKind,
};
use restore_access::{ErrorCode, Lang};

use crate::errors;
use crate::id::parse_arg;
use crate::names;
use crate::text::{Capped, Text};

/// The module's docstring.
pub(crate) const DOC: &[&str] = crate::docstring_lines! {
    /// Password rules and Argon2id hashing, the GIL released around checks and Argon2.
    ///
    /// ``check`` reports every broken rule of a policy (``"gosuslugi"``, ``"nist"``) at once,
    /// with stable codes and messages in Russian and English: composition, the Russian layout
    /// left on, common passwords, the person's own data, reuse of the previous password.
    /// ``hash`` stores a password as an Argon2id PHC string (the OWASP minimum by default;
    /// ``m_cost``, ``t_cost`` and ``p_cost`` only raise it), ``verify`` checks a login
    /// against one, ``needs_rehash`` says when to store a fresh hash.
    ///
    /// Errors: ``restore_access.PasswordError`` (``password.malformed_hash``,
    /// ``password.too_long_to_hash`` for a password over 1024 bytes, ``password.weak_params``
    /// for Argon2 parameters below the OWASP minimum, ``password.invalid_char`` for a
    /// password holding a lone surrogate, which is never hashed, …); an unknown policy is
    /// ``restore_access.UnknownName`` (``name.unknown``, a ``ValueError``); a phone, e-mail or
    /// СНИЛС given as personal data that does not parse raises its ``ValidationError``
    /// naming the argument. Of a password, the personal data and a stored hash at most 1025
    /// characters are read: what is longer is refused or reported as too long without being
    /// copied.
    ///
    /// >>> from restore_access import password
    /// >>> password.check("Shelestov4567!", surname="Шелестов", phone="+7 916 123-45-67").codes
    /// ('password.contains_surname', 'password.contains_phone')
    /// >>> phc = password.hash("Sharik1599+")
    /// >>> password.verify("Sharik1599+", phc), password.verify("sharik1599+", phc)
    /// (True, False)
};

/// The policy preset called `name`; `UnknownName` for another name.
fn policy(py: Python<'_>, name: &Text) -> PyResult<Policy> {
    names::parse(py, name).map(Policy::preset)
}

/// A hasher with the Argon2 parameters given, each left out at the OWASP minimum, and the
/// pepper, if any. The core refuses a parameter below the minimum (`password.weak_params`, a
/// negative one too) and one above Argon2's limits (`password.invalid_params`, any that does
/// not fit Argon2's 32 bits too).
fn hasher(
    py: Python<'_>,
    pepper: Option<Vec<u8>>,
    m_cost: Option<i64>,
    t_cost: Option<i64>,
    p_cost: Option<i64>,
) -> PyResult<Hasher> {
    let cost = |value: Option<i64>, min: u32| match value {
        None => Ok(min),
        Some(v) if v < 0 => Ok(0),
        Some(v) => u32::try_from(v).map_err(|_| core::Error::InvalidParams),
    };
    let build = || -> Result<Hasher, core::Error> {
        let hasher = if (m_cost, t_cost, p_cost) == (None, None, None) {
            Hasher::new()
        } else {
            Hasher::with_params(
                cost(m_cost, Hasher::MIN_M_COST)?,
                cost(t_cost, Hasher::MIN_T_COST)?,
                cost(p_cost, Hasher::MIN_P_COST)?,
            )?
        };
        Ok(match pepper {
            Some(p) => hasher.with_pepper(p),
            None => hasher,
        })
    };
    build().map_err(|e| errors::raise(py, &e))
}

/// One broken rule of a ``check``: its stable code, the message for the person in Russian and
/// English, and the number the rule names.
///
/// >>> v = check("Ab1!").violations[0]
/// >>> v.code, v.detail
/// ('password.too_short', 8)
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

/// How hard the password is to guess, by an estimate of the guesses an attacker needs.
///
/// >>> check("qwerty").strength.score, check("lemon tree over the quiet river", "nist").strength.score
/// (0, 4)
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

/// What ``check`` found: every broken rule at once, in a stable order, and the strength. True
/// when no rule is broken.
///
/// >>> report = check("Ырфкшл1599+")
/// >>> bool(report), report.codes
/// (False, ('password.no_upper', 'password.no_lower', 'password.wrong_layout'))
/// >>> report.violations[-1].latin
/// 'Sharik1599+'
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

/// What `birth_date` must be, in a `TypeError` or `ValueError`.
const BIRTH_DATE: &str = "argument 'birth_date' must be a datetime.date, a datetime.datetime \
                          or a str written YYYY-MM-DD";

/// `birth_date` as the core's date: a `datetime.date` (a `datetime.datetime` too) or its ISO
/// text, `YYYY-MM-DD`, a day of the calendar. Another type is a `TypeError`, other text a
/// `ValueError`; neither repeats the value, which is personal data.
fn birth_date(date: &Bound<'_, PyAny>) -> PyResult<BirthDate> {
    let py = date.py();
    if let Ok(text) = date.cast::<PyString>() {
        let text = Text::read(text)?;
        return text
            .ok()
            .and_then(iso_date)
            .ok_or_else(|| PyValueError::new_err(format!("{BIRTH_DATE}, such as '1985-05-17'")));
    }
    if !date.is_instance(&py.import("datetime")?.getattr("date")?)? {
        return Err(PyTypeError::new_err(format!(
            "{BIRTH_DATE}, not {}",
            errors::type_name(date)
        )));
    }
    Ok(BirthDate {
        year: date.getattr("year")?.extract()?,
        month: date.getattr("month")?.extract()?,
        day: date.getattr("day")?.extract()?,
    })
}

/// `YYYY-MM-DD` as a date: the year 1 to 9999, a day that the month has.
fn iso_date(s: &str) -> Option<BirthDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
    let digits = |r: std::ops::Range<usize>| -> Option<u16> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if !shape {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    // Two digits each: a month and a day always fit a `u8`.
    let date = BirthDate {
        year,
        month: u8::try_from(month).ok()?,
        day: u8::try_from(day).ok()?,
    };
    (year >= 1 && (1..=days).contains(&day)).then_some(date)
}

/// What the host knows of the person, as the core's [`PersonalData`] (`password.check` and
/// `flow.PersonalData` alike). The phone, e-mail and СНИЛС must be valid (the host's own
/// records; an e-mail may be internationalised or at a special-use domain): one that does
/// not parse raises its `ValidationError`, naming the argument, instead of being ignored.
/// The other text is taken as it is: a `ValueError` naming a field that is not text. The old
/// hash is read as any hash that is no PHC string: U+FFFD is in none.
#[allow(clippy::too_many_arguments)]
pub(crate) fn personal_data(
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
    let data = |value: &Option<Capped>, arg: &str| -> PyResult<Option<String>> {
        value
            .as_ref()
            .map(|v| v.or_value_error(arg).map(str::to_owned))
            .transpose()
    };
    let parse_email = |e: &Text| -> PyResult<String> {
        let options = Options::default().internationalised(true).special_use(true);
        let raise = |e: &id::Error| errors::raise_arg(py, e, "email");
        let text = e.or_else(|| raise(&id::Error::EmailFormat))?;
        id::Email::parse_with(text, options)
            .map(|e| e.as_str().to_owned())
            .map_err(|e| raise(&e))
    };
    let mut p = PersonalData::default();
    p.login = data(&login, "login")?;
    p.email = email.as_ref().map(parse_email).transpose()?;
    p.phone = phone
        .map(|v| parse_arg::<id::Phone>(py, &v, id::Error::PhoneFormat, "phone"))
        .transpose()?
        .map(|v| v.e164().to_owned());
    p.snils = snils
        .map(|v| parse_arg::<Snils>(py, &v, id::Error::SnilsFormat, "snils"))
        .transpose()?
        .map(|v| v.digits().to_owned());
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

/// Checks the password against the policy (``"gosuslugi"``, the default, or ``"nist"``) and
/// the person's own data, and returns a ``Report`` of every broken rule at once. The personal
/// data is what the host knows: ``login``, ``email``, ``phone`` and ``snils`` (in any usual
/// form; one that does not parse raises its ``ValidationError``, naming the argument),
/// ``first_name``, ``surname``, ``birth_date`` (a ``datetime.date`` or ``"YYYY-MM-DD"``;
/// anything else is a ``TypeError`` or ``ValueError``), and ``previous_hash``, the stored PHC
/// string, which adds the reuse check at the cost of one Argon2 run (with ``pepper`` and the
/// Argon2 parameters it was hashed with, as for ``verify``). A password over 1024 bytes is
/// reported as ``password.too_long`` without being read further.
///
/// >>> check("Shelestov4567!", surname="Шелестов", phone="+7 916 123-45-67").codes
/// ('password.contains_surname', 'password.contains_phone')
/// >>> check("Sharik1985+", birth_date="1985-05-17").codes
/// ('password.contains_birth_date',)
/// >>> check("Sharik1599+").ok
/// True
#[pyfunction]
#[pyo3(
    signature = (
        password, policy = Text::Default("gosuslugi"), *, login = None, email = None,
        phone = None, snils = None, first_name = None, surname = None, birth_date = None,
        previous_hash = None, pepper = None, m_cost = None, t_cost = None, p_cost = None,
    ),
    text_signature = "(password, policy='gosuslugi', *, login=None, email=None, phone=None, snils=None, first_name=None, surname=None, birth_date=None, previous_hash=None, pepper=None, m_cost=None, t_cost=None, p_cost=None)"
)]
#[allow(clippy::too_many_arguments)]
fn check(
    py: Python<'_>,
    password: Capped,
    policy: Text,
    login: Option<Capped>,
    email: Option<Text>,
    phone: Option<Text>,
    snils: Option<Text>,
    first_name: Option<Capped>,
    surname: Option<Capped>,
    birth_date: Option<&Bound<'_, PyAny>>,
    previous_hash: Option<Capped>,
    pepper: Option<Vec<u8>>,
    m_cost: Option<i64>,
    t_cost: Option<i64>,
    p_cost: Option<i64>,
) -> PyResult<Report> {
    let policy = self::policy(py, &policy)?;
    let hasher = hasher(py, pepper, m_cost, t_cost, p_cost)?;
    let person = personal_data(
        py,
        login,
        email,
        phone,
        snils,
        first_name,
        surname,
        birth_date,
        previous_hash,
    )?;
    run_check(py, &policy, &password, &person, &hasher)
}

/// The check of `password.check` and `Policy.check`, with the GIL released. A password with
/// a lone surrogate is checked with U+FFFD in its place, for what else it breaks, and
/// `password.invalid_char` is added whatever the policy's characters.
fn run_check(
    py: Python<'_>,
    policy: &Policy,
    password: &Capped,
    person: &PersonalData,
    hasher: &Hasher,
) -> PyResult<Report> {
    let unreadable = password.ok().is_none();
    let password = Password::from(password.lossy());
    let report = py.detach(|| policy.check(password.expose(), &person.context(hasher)));
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

/// Hashes the password, as the policy stores it (``"nist"`` NFKC-normalises it), into an
/// Argon2id PHC string to store. Argon2 runs at the OWASP minimum (``m_cost`` 19456 KiB,
/// ``t_cost`` 2 passes, ``p_cost`` 1 lane) unless ``m_cost``, ``t_cost`` or ``p_cost`` raise
/// it; a value below the minimum raises ``PasswordError`` ``password.weak_params``. A
/// ``pepper`` (a server secret kept outside the database) goes in as Argon2's secret: verify
/// with the same one. Raises ``PasswordError`` ``password.too_long_to_hash`` for a password
/// over 1024 bytes (before reading it further) and ``password.invalid_char`` for one that is
/// not text.
///
/// >>> hash("Sharik1599+").startswith("$argon2id$v=19$m=19456,t=2,p=1$")
/// True
/// >>> hash("Sharik1599+", m_cost=65536, t_cost=3).startswith("$argon2id$v=19$m=65536,t=3,p=1$")
/// True
/// >>> hash("Sharik1599+", t_cost=1)
/// Traceback (most recent call last):
///     ...
/// restore_access.PasswordError: password.weak_params: ...
#[pyfunction]
#[pyo3(
    signature = (password, *, policy = Text::Default("gosuslugi"), pepper = None, m_cost = None, t_cost = None, p_cost = None),
    text_signature = "(password, *, policy='gosuslugi', pepper=None, m_cost=None, t_cost=None, p_cost=None)"
)]
fn hash(
    py: Python<'_>,
    password: Capped,
    policy: Text,
    pepper: Option<Vec<u8>>,
    m_cost: Option<i64>,
    t_cost: Option<i64>,
    p_cost: Option<i64>,
) -> PyResult<String> {
    let password = password.or_else(|| unreadable(py))?;
    let prepared = self::policy(py, &policy)?.prepare(&Password::from(password));
    let hasher = hasher(py, pepper, m_cost, t_cost, p_cost)?;
    py.detach(|| hasher.hash(&prepared))
        .map_err(|e| errors::raise(py, &e))
}

/// Whether the password matches the stored PHC string, compared in constant time, the
/// password prepared as by ``hash`` with the same ``policy`` and ``pepper``. Any Argon2 hash
/// up to a cost ceiling verifies (256 MiB, 10 passes, 8 lanes, or the ``m_cost``, ``t_cost``
/// and ``p_cost`` given, where higher); a costlier one raises ``PasswordError``
/// ``password.hash_too_costly`` unverified. Also raises ``PasswordError`` for a string that
/// is not an Argon2 hash (``password.malformed_hash``, ``password.unsupported_hash``), for a
/// password over 1024 bytes (``password.too_long_to_hash``) and for one that is not text
/// (``password.invalid_char``).
///
/// >>> phc = hash("Sharik1599+")
/// >>> verify("Sharik1599+", phc), verify("Sharik1599", phc)
/// (True, False)
#[pyfunction]
#[pyo3(
    signature = (password, phc, *, policy = Text::Default("gosuslugi"), pepper = None, m_cost = None, t_cost = None, p_cost = None),
    text_signature = "(password, phc, *, policy='gosuslugi', pepper=None, m_cost=None, t_cost=None, p_cost=None)"
)]
#[allow(clippy::too_many_arguments)]
fn verify(
    py: Python<'_>,
    password: Capped,
    phc: Capped,
    policy: Text,
    pepper: Option<Vec<u8>>,
    m_cost: Option<i64>,
    t_cost: Option<i64>,
    p_cost: Option<i64>,
) -> PyResult<bool> {
    let password = password.or_else(|| unreadable(py))?;
    let prepared = self::policy(py, &policy)?.prepare(&Password::from(password));
    let hasher = hasher(py, pepper, m_cost, t_cost, p_cost)?;
    let phc = phc.lossy();
    py.detach(|| hasher.verify(&prepared, phc))
        .map_err(|e| errors::raise(py, &e))
}

/// Whether a stored hash should be replaced by a fresh ``hash`` at the next successful
/// sign-in: it is not Argon2id, one of its parameters is below those given (by default the
/// OWASP minimum), or it is above the cost ceiling of ``verify``. Never runs Argon2; raises
/// ``PasswordError`` ``password.weak_params`` for parameters below the minimum.
///
/// >>> needs_rehash(hash("Sharik1599+")), needs_rehash(hash("Sharik1599+"), m_cost=65536)
/// (False, True)
/// >>> needs_rehash("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW")
/// True
#[pyfunction]
#[pyo3(signature = (phc, *, m_cost = None, t_cost = None, p_cost = None))]
fn needs_rehash(
    py: Python<'_>,
    phc: Capped,
    m_cost: Option<i64>,
    t_cost: Option<i64>,
    p_cost: Option<i64>,
) -> PyResult<bool> {
    let hasher = hasher(py, None, m_cost, t_cost, p_cost)?;
    Ok(hasher.needs_rehash(phc.lossy()))
}

/// A portal's own rule: a pattern (Rust `regex` syntax, matched in linear time) the
/// password must not match (`forbid=True`, the default) or must match, with the portal's id
/// and messages. `PasswordError` `password.invalid_policy` for a bad id, message or pattern.
///
/// >>> rule = Rule("no_portal_name", "(?i)gosuslugi", message_ru="Без названия портала.",
/// ...             message_en="Not the portal's name.")
/// >>> rule.id, rule.forbid
/// ('no_portal_name', True)
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
///
/// >>> only_digits = Rule("no_only_digits", "^[0-9]+$", message_ru="Не только цифры.",
/// ...                    message_en="Not digits only.")
/// >>> Policy("nist", rules=[only_digits]).rule_ids
/// ['no_only_digits']
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

    /// Checks `password` as `password.check` does (the same personal data and Argon2
    /// arguments), with this policy's rules too.
    ///
    /// >>> rule = Rule("no_portal_name", "(?i)gosuslugi", message_ru="Без названия портала.",
    /// ...             message_en="Not the portal's name.")
    /// >>> Policy("gosuslugi", rules=[rule]).check("MyGosuslugi1!").codes
    /// ('password.custom',)
    #[pyo3(signature = (
        password, *, login = None, email = None, phone = None, snils = None,
        first_name = None, surname = None, birth_date = None, previous_hash = None,
        pepper = None, m_cost = None, t_cost = None, p_cost = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn check(
        &self,
        py: Python<'_>,
        password: Capped,
        login: Option<Capped>,
        email: Option<Text>,
        phone: Option<Text>,
        snils: Option<Text>,
        first_name: Option<Capped>,
        surname: Option<Capped>,
        birth_date: Option<&Bound<'_, PyAny>>,
        previous_hash: Option<Capped>,
        pepper: Option<Vec<u8>>,
        m_cost: Option<i64>,
        t_cost: Option<i64>,
        p_cost: Option<i64>,
    ) -> PyResult<Report> {
        let hasher = hasher(py, pepper, m_cost, t_cost, p_cost)?;
        let person = personal_data(
            py,
            login,
            email,
            phone,
            snils,
            first_name,
            surname,
            birth_date,
            previous_hash,
        )?;
        run_check(py, &self.policy, &password, &person, &hasher)
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
