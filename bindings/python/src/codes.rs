//! `restore_access.codes`: SMS codes, e-mail link tokens, keyed code records and limiter
//! states; the stored ones leave the core only sealed (`seal`/`open`).
//!
//! A `str` holding a lone surrogate is read with U+FFFD in its place where no valid value
//! holds one, so the core answers it as any wrong value: a typed code is a wrong guess
//! (`code.wrong`, an attempt spent), a sealed state or limiter key does not open
//! (`code.state_invalid`), a key id is refused (`code.key_id`), a purpose, channel, bucket or
//! rate preset is an unknown name (`UnknownName` `name.unknown`). A flow id or limiter identifier holding one, which the
//! codes are bound to as given, is a `ValueError`.

use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use restore_access::code::{self as core, Bucket, Channel, Policy, Purpose};

use crate::errors;
use crate::names;
use crate::text::Text;
use crate::time::now_or_clock;

/// The module's docstring.
pub(crate) const DOC: &[&str] = crate::docstring_lines! {
    /// One-time SMS codes, e-mail link tokens, keyed code records and limiter states.
    ///
    /// A ``CodeRecord`` is the stored form of one issued code (a keyed hash, never the code);
    /// a ``Limiter`` is the send or guess budget the host keeps per ``limiter_key``. Both
    /// leave the library only sealed, encrypted and authenticated under the ``Keys`` and
    /// bound to their flow id or limiter key, and come back only through ``open``.
    ///
    /// Errors: ``restore_access.CodeError`` (a ``ValueError``): ``code.wrong``,
    /// ``code.expired``, ``code.used``, ``code.locked``, ``code.rate_limited`` (with
    /// ``retry_after``), ``code.state_invalid`` (a sealed value that does not open), and
    /// settings out of range such as ``code.digits`` or ``code.key_length``. An unknown
    /// purpose, channel, bucket or rate preset is ``restore_access.UnknownName``. A ``str``
    /// holding a lone surrogate is answered as any wrong value; a ``flow_id`` or limiter
    /// ``identifier`` holding one is a ``ValueError``.
    ///
    /// >>> import os
    /// >>> from restore_access import codes
    /// >>> keys = codes.Keys("k1", os.urandom(32))
    /// >>> record, code = codes.CodeRecord.issue_sms(keys, "flow-1")
    /// >>> record.verify(keys, "flow-1", code)
    /// >>> record.is_used
    /// True
};

/// The server's secrets, 32 to 64 bytes each under a short id: codes are issued and states
/// sealed with the current key (the newest), and verified and opened with any key of the
/// ring. Load them from a secret store; ``rotate`` in a new key, ``retire`` an old one once
/// what it sealed has expired. Raises ``CodeError`` (``code.key_length``, ``code.key_id``,
/// …) for a bad key.
///
/// >>> import os
/// >>> keys = Keys("k1", os.urandom(32))
/// >>> keys.rotate("k2", os.urandom(32))
/// >>> keys.current_id, keys.ids
/// ('k2', ('k2', 'k1'))
#[pyclass(module = "restore_access.codes")]
pub(crate) struct Keys(pub(crate) core::Keys);

#[pymethods]
impl Keys {
    #[new]
    fn new(py: Python<'_>, id: Text, secret: Vec<u8>) -> PyResult<Keys> {
        core::Keys::new(id.lossy(), &secret)
            .map(Keys)
            .map_err(|e| errors::raise(py, &e))
    }

    /// Puts a new key first; the older ones keep verifying the codes already out.
    fn rotate(&mut self, py: Python<'_>, id: Text, secret: Vec<u8>) -> PyResult<()> {
        self.0
            .rotate(id.lossy(), &secret)
            .map_err(|e| errors::raise(py, &e))
    }

    /// Removes a key once its codes have expired.
    fn retire(&mut self, py: Python<'_>, id: Text) -> PyResult<()> {
        self.0.retire(id.lossy()).map_err(|e| errors::raise(py, &e))
    }

    /// The id of the key new codes are issued with.
    #[getter]
    fn current_id(&self) -> &str {
        self.0.current_id()
    }

    /// Every id, newest first.
    #[getter]
    fn ids<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.0.ids().collect::<Vec<_>>())
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.0)
    }
}

/// A fresh SMS code of ``digits`` digits (4 to 10; ``CodeError`` ``code.digits`` otherwise)
/// from the OS random generator. ``CodeRecord.issue_sms`` issues and records one at once.
///
/// >>> code = sms_code()
/// >>> len(code), code.isdigit()
/// (6, True)
#[pyfunction]
#[pyo3(signature = (digits = 6))]
fn sms_code(py: Python<'_>, digits: u8) -> PyResult<String> {
    core::SmsCode::generate(digits)
        .map(|c| c.expose().to_owned())
        .map_err(|e| errors::raise(py, &e))
}

/// A fresh URL-safe link token of ``bits`` bits (128 to 512; ``CodeError``
/// ``code.token_bits`` otherwise) from the OS random generator. ``CodeRecord.issue_link``
/// issues and records one at once.
///
/// >>> len(link_token()), len(link_token(128))
/// (43, 22)
#[pyfunction]
#[pyo3(signature = (bits = 256))]
fn link_token(py: Python<'_>, bits: u16) -> PyResult<String> {
    core::LinkToken::generate(bits)
        .map(|t| t.expose().to_owned())
        .map_err(|e| errors::raise(py, &e))
}

/// The limiter key of ``identifier`` (a phone, e-mail or СНИЛС, normalised: ``+79161234567``,
/// as ``phone.validate`` gives it) for a
/// ``bucket`` (``"send"``, ``"wrong_code"``) and ``channel`` (``"sms"``, ``"email"``): a keyed
/// hash of 22 URL-safe characters, the name of a ``Limiter`` in the host's store and what its
/// sealed state is bound to. The identifier itself is never stored.
///
/// >>> import os
/// >>> keys = Keys("k1", os.urandom(32))
/// >>> key = limiter_key(keys, "send", "sms", "+79161234567")
/// >>> len(key), key == limiter_key(keys, "send", "email", "+79161234567")
/// (22, False)
#[pyfunction]
fn limiter_key(
    py: Python<'_>,
    keys: &Keys,
    bucket: Text,
    channel: Text,
    identifier: Text,
) -> PyResult<String> {
    let identifier = identifier.or_value_error("identifier")?;
    let bucket: Bucket = names::parse(py, &bucket)?;
    let channel: Channel = names::parse(py, &channel)?;
    core::limiter_key(&keys.0, bucket, channel, identifier)
        .map(|k| k.as_str().to_owned())
        .map_err(|e| errors::raise(py, &e))
}

/// The lifetime setter of an SMS code or of a link token.
type SetTtl = fn(Policy, Duration) -> Result<Policy, core::Error>;

/// The code policy with the settings given (`ttl` through `set_ttl`), the core's defaults
/// for the rest.
fn policy(
    py: Python<'_>,
    digits: Option<u8>,
    bits: Option<u16>,
    ttl: Option<u64>,
    set_ttl: SetTtl,
    max_attempts: Option<u8>,
) -> PyResult<Policy> {
    let build = || -> Result<Policy, core::Error> {
        let mut p = Policy::default();
        if let Some(d) = digits {
            p = p.with_sms_digits(d)?;
        }
        if let Some(b) = bits {
            p = p.with_link_bits(b)?;
        }
        if let Some(t) = ttl {
            p = set_ttl(p, Duration::from_secs(t))?;
        }
        if let Some(m) = max_attempts {
            p = p.with_max_attempts(m)?;
        }
        Ok(p)
    };
    build().map_err(|e| errors::raise(py, &e))
}

fn purpose(py: Python<'_>, s: &Text) -> PyResult<Purpose> {
    names::parse(py, s)
}

/// The flow id a code is bound to, as given: a `ValueError` for one that is not text.
fn flow_id(id: &Text) -> PyResult<&str> {
    id.or_value_error("flow_id")
}

/// The stored form of one issued SMS code or e-mail link token: a keyed hash bound to the
/// flow and the purpose, never the code; attempts and expiry are counted in it. Store it
/// sealed (``seal``) after every ``verify`` or ``check``, right or wrong.
///
/// >>> import os
/// >>> keys = Keys("k1", os.urandom(32))
/// >>> record, code = CodeRecord.issue_sms(keys, "flow-1", now=1_800_000_000)
/// >>> record.verify(keys, "flow-1", "0" * 6 if code != "0" * 6 else "1" * 6, now=1_800_000_001)
/// Traceback (most recent call last):
///     ...
/// restore_access.CodeError: code.wrong: ...
/// >>> record.attempts_left < record.max_attempts
/// True
#[pyclass(module = "restore_access.codes")]
struct CodeRecord(core::CodeRecord);

#[pymethods]
impl CodeRecord {
    /// Issues an SMS code for the flow: `(record, code)`; store the record, send the code.
    #[staticmethod]
    #[pyo3(
        signature = (keys, flow_id, purpose = Text::Default("recovery"), *, now = None, digits = None, ttl = None, max_attempts = None),
        text_signature = "(keys, flow_id, purpose='recovery', *, now=None, digits=None, ttl=None, max_attempts=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn issue_sms(
        py: Python<'_>,
        keys: &Keys,
        flow_id: Text,
        purpose: Text,
        now: Option<u64>,
        digits: Option<u8>,
        ttl: Option<u64>,
        max_attempts: Option<u8>,
    ) -> PyResult<(CodeRecord, String)> {
        let flow_id = self::flow_id(&flow_id)?;
        let policy = policy(py, digits, None, ttl, Policy::with_sms_ttl, max_attempts)?;
        let purpose = self::purpose(py, &purpose)?;
        core::CodeRecord::issue_sms(&keys.0, flow_id, purpose, now_or_clock(now), &policy)
            .map(|(r, c)| (CodeRecord(r), c.expose().to_owned()))
            .map_err(|e| errors::raise(py, &e))
    }

    /// Issues an e-mail link token for the flow: `(record, token)`.
    #[staticmethod]
    #[pyo3(
        signature = (keys, flow_id, purpose = Text::Default("recovery"), *, now = None, bits = None, ttl = None, max_attempts = None),
        text_signature = "(keys, flow_id, purpose='recovery', *, now=None, bits=None, ttl=None, max_attempts=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn issue_link(
        py: Python<'_>,
        keys: &Keys,
        flow_id: Text,
        purpose: Text,
        now: Option<u64>,
        bits: Option<u16>,
        ttl: Option<u64>,
        max_attempts: Option<u8>,
    ) -> PyResult<(CodeRecord, String)> {
        let flow_id = self::flow_id(&flow_id)?;
        let policy = policy(py, None, bits, ttl, Policy::with_link_ttl, max_attempts)?;
        let purpose = self::purpose(py, &purpose)?;
        core::CodeRecord::issue_link(&keys.0, flow_id, purpose, now_or_clock(now), &policy)
            .map(|(r, t)| (CodeRecord(r), t.expose().to_owned()))
            .map_err(|e| errors::raise(py, &e))
    }

    /// Checks and uses up the typed code; raises `CodeError` (`code.wrong`, `code.expired`,
    /// `code.used`, `code.locked`, …) otherwise. Store the record back either way.
    #[pyo3(
        signature = (keys, flow_id, typed, purpose = Text::Default("recovery"), *, now = None),
        text_signature = "($self, keys, flow_id, typed, purpose='recovery', *, now=None)"
    )]
    fn verify(
        &mut self,
        py: Python<'_>,
        keys: &Keys,
        flow_id: Text,
        typed: Text,
        purpose: Text,
        now: Option<u64>,
    ) -> PyResult<()> {
        let flow_id = self::flow_id(&flow_id)?;
        let purpose = self::purpose(py, &purpose)?;
        self.0
            .verify(&keys.0, flow_id, purpose, typed.lossy(), now_or_clock(now))
            .map_err(|e| errors::raise(py, &e))
    }

    /// Like `verify`, but a right code is not used up (for opening an e-mail link).
    #[pyo3(
        signature = (keys, flow_id, typed, purpose = Text::Default("recovery"), *, now = None),
        text_signature = "($self, keys, flow_id, typed, purpose='recovery', *, now=None)"
    )]
    fn check(
        &mut self,
        py: Python<'_>,
        keys: &Keys,
        flow_id: Text,
        typed: Text,
        purpose: Text,
        now: Option<u64>,
    ) -> PyResult<()> {
        let flow_id = self::flow_id(&flow_id)?;
        let purpose = self::purpose(py, &purpose)?;
        self.0
            .check(&keys.0, flow_id, purpose, typed.lossy(), now_or_clock(now))
            .map_err(|e| errors::raise(py, &e))
    }

    /// Whether the code's lifetime is over at `now`.
    #[pyo3(signature = (now = None))]
    fn is_expired(&self, now: Option<u64>) -> bool {
        self.0.is_expired(now_or_clock(now))
    }

    /// `"sms"` or `"email"`.
    #[getter]
    fn channel(&self) -> &'static str {
        self.0.channel().as_str()
    }

    /// `"recovery"`, `"sign_up"`, `"contact_change"` or `"sign_in"`.
    #[getter]
    fn purpose(&self) -> &'static str {
        self.0.purpose().as_str()
    }

    /// The id of the key the code was hashed with.
    #[getter]
    fn key_id(&self) -> &str {
        self.0.key_id()
    }

    /// Issue time, seconds since the epoch.
    #[getter]
    fn issued_at(&self) -> u64 {
        self.0.issued_at().as_secs()
    }

    /// Expiry time, seconds since the epoch.
    #[getter]
    fn expires_at(&self) -> u64 {
        self.0.expires_at().as_secs()
    }

    /// Attempts made so far.
    #[getter]
    fn attempts_used(&self) -> u8 {
        self.0.attempts_used()
    }

    /// Attempts left.
    #[getter]
    fn attempts_left(&self) -> u8 {
        self.0.attempts_left()
    }

    /// Attempts allowed.
    #[getter]
    fn max_attempts(&self) -> u8 {
        self.0.max_attempts()
    }

    /// Whether the right code was already used.
    #[getter]
    fn is_used(&self) -> bool {
        self.0.is_used()
    }

    /// The record sealed for the host's store, bound to `flow_id`: of one length whatever it
    /// holds (for a given key id).
    fn seal(&self, py: Python<'_>, keys: &Keys, flow_id: Text) -> PyResult<String> {
        self.0
            .seal(&keys.0, self::flow_id(&flow_id)?)
            .map_err(|e| errors::raise(py, &e))
    }

    /// A record sealed by `seal` for the same flow; `CodeError` (`code.state_invalid`) for
    /// anything else.
    #[staticmethod]
    fn open(py: Python<'_>, keys: &Keys, flow_id: Text, sealed: Text) -> PyResult<CodeRecord> {
        core::CodeRecord::open(&keys.0, self::flow_id(&flow_id)?, sealed.lossy())
            .map(CodeRecord)
            .map_err(|e| errors::raise(py, &e))
    }

    /// The record as JSON, for debugging only: nothing reads it back.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "CodeRecord(channel={:?}, purpose={:?}, key_id={:?}, attempts_left={})",
            self.channel(),
            self.purpose(),
            self.key_id(),
            self.attempts_left()
        )
    }
}

/// The rates of a preset name, or of a list of `(count, per_seconds)` pairs.
fn rates(py: Python<'_>, rates: &Bound<'_, PyAny>) -> PyResult<Vec<core::Rate>> {
    if let Ok(name) = rates.extract::<Text>() {
        return names::rate_preset(py, &name).map(<[core::Rate]>::to_vec);
    }
    rates
        .extract::<Vec<(u32, u64)>>()?
        .into_iter()
        .map(|(count, per)| {
            core::Rate::new(count, Duration::from_secs(per)).map_err(|e| errors::raise(py, &e))
        })
        .collect()
}

/// A limiter key as `limiter_key` gave it; `code.state_invalid` for anything else.
fn parse_limiter_key(py: Python<'_>, key: &Text) -> PyResult<core::LimiterKey> {
    key.lossy().parse().map_err(|e| errors::raise(py, &e))
}

/// A send or guess budget (GCRA) that the host keeps per ``limiter_key``, across flows, in
/// its own store (never the client's: an older copy sent back would undo the limit). A fresh
/// one allows everything; store it back (``seal``) after every ``check``.
///
/// >>> limiter = Limiter()
/// >>> limiter.check("sms_send", now=1_800_000_000)
/// >>> limiter.check("sms_send", now=1_800_000_001)
/// Traceback (most recent call last):
///     ...
/// restore_access.CodeError: code.rate_limited: ...
#[pyclass(module = "restore_access.codes")]
struct Limiter(core::LimiterState);

#[pymethods]
impl Limiter {
    #[new]
    fn new() -> Limiter {
        Limiter(core::LimiterState::default())
    }

    /// Spends one event under every rate, or raises `CodeError` (`code.rate_limited`, with
    /// `retry_after`) and spends nothing. `rates` is `"sms_send"` (1 per 60 s, 5 per hour),
    /// `"email_send"`, `"wrong_codes"` or a list of `(count, per_seconds)`.
    #[pyo3(signature = (rates, *, now = None))]
    fn check(
        &mut self,
        py: Python<'_>,
        rates: &Bound<'_, PyAny>,
        now: Option<u64>,
    ) -> PyResult<()> {
        let rates = self::rates(py, rates)?;
        self.0
            .check(&rates, now_or_clock(now))
            .map_err(|r| errors::raise(py, &core::Error::from(r)))
    }

    /// When the state equals a fresh one again (Unix seconds): the host may delete it then.
    #[getter]
    fn idle_at(&self) -> u64 {
        self.0.idle_at().as_secs()
    }

    /// The state sealed for the host's store, bound to `key` (as `limiter_key` gave it).
    fn seal(&self, py: Python<'_>, keys: &Keys, key: Text) -> PyResult<String> {
        let key = parse_limiter_key(py, &key)?;
        self.0
            .seal(&keys.0, &key)
            .map_err(|e| errors::raise(py, &e))
    }

    /// A state sealed by `seal` under the same key; `CodeError` (`code.state_invalid`) for
    /// anything else.
    #[staticmethod]
    fn open(py: Python<'_>, keys: &Keys, key: Text, sealed: Text) -> PyResult<Limiter> {
        let key = parse_limiter_key(py, &key)?;
        core::LimiterState::open(&keys.0, &key, sealed.lossy())
            .map(Limiter)
            .map_err(|e| errors::raise(py, &e))
    }

    /// The state as JSON, for debugging only: nothing reads it back.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    fn __repr__(&self) -> String {
        format!("Limiter(idle_at={})", self.idle_at())
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Keys>()?;
    m.add_class::<CodeRecord>()?;
    m.add_class::<Limiter>()?;
    m.add_function(wrap_pyfunction!(sms_code, m)?)?;
    m.add_function(wrap_pyfunction!(link_token, m)?)?;
    m.add_function(wrap_pyfunction!(limiter_key, m)?)?;
    Ok(())
}
