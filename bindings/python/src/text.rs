//! `str` arguments, read in one place.
//!
//! A Python `str` may hold a lone surrogate (`'\ud800'`; `json.loads('"\\ud800"')` gives one
//! for web input). Such a string has no UTF-8 form, so reading it as `&str` or `String` raises
//! `UnicodeEncodeError`, which no caller expects from an identifier check. Every `str`
//! argument of the module is read as a [`Text`] instead, which holds either the text or the
//! fact that there is none, and each function answers the second case as the invalid input it
//! is, by one of the rules below (the stubs' module docstrings list which applies where):
//!
//! - [`Text::ok`]: a predicate (`is_valid`, `is_valid_many`) answers `False`;
//! - [`Text::or_else`]: refused with the error of the argument's domain (an identifier's
//!   `*.format`, `password.invalid_char`, `flow.account_id`, …);
//! - [`Text::lossy`]: read with U+FFFD in place of each lone surrogate, where no valid value
//!   holds U+FFFD (typed codes and tokens, sealed states and keys, PHC strings, names such as
//!   a policy or a purpose, what a flow input holds), so the core refuses it exactly as it
//!   refuses any other wrong value: a typed code is a wrong guess, a sealed state does not
//!   open, an unknown name is unknown;
//! - [`Text::or_value_error`]: host data the core takes as it is (a flow id, the personal data
//!   a password is checked against): `ValueError` naming the argument.
//!
//! An argument that is not a `str` is the `TypeError` `argument 's' must be str, not int`:
//! pyo3 names the argument of a failed conversion only in a note (`while processing 's'`,
//! shown in tracebacks from Python 3.11 on), which the error's class takes into its message
//! ([`errors::wrong_type`]). [`Capped`] reads a `str` only up to the password cap.

use pyo3::exceptions::{PyUnicodeEncodeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBytes, PySlice, PyString};
use restore_access::password::MAX_PASSWORD_BYTES;

use crate::errors;

/// A `str` argument: its text, or, for a `str` holding a lone surrogate, its reading with
/// U+FFFD in place of each surrogate. Any other type is a `TypeError`, as for `&str`.
#[derive(Debug)]
pub(crate) enum Text {
    /// A `str` with a UTF-8 form.
    Utf8(PyBackedStr),
    /// A default written in a signature (`Text::Default("recovery")`). A default other than
    /// a literal shows as `...` in `__text_signature__`, so the functions with one spell their
    /// signature out in `text_signature`.
    Default(&'static str),
    /// A `str` holding a lone surrogate, with U+FFFD for each: never the text itself.
    Unreadable(String),
}

impl Text {
    /// Reads `s`; an error only for what is not an encoding failure (memory).
    pub(crate) fn read(s: &Bound<'_, PyString>) -> PyResult<Text> {
        match PyBackedStr::try_from(s.clone()) {
            Ok(text) => Ok(Text::Utf8(text)),
            Err(e) if e.is_instance_of::<PyUnicodeEncodeError>(s.py()) => {
                Ok(Text::Unreadable(replaced(s)?))
            }
            Err(e) => Err(e),
        }
    }

    /// The text; `None` for a `str` with a lone surrogate.
    pub(crate) fn ok(&self) -> Option<&str> {
        match self {
            Text::Utf8(s) => Some(s),
            Text::Default(s) => Some(s),
            Text::Unreadable(_) => None,
        }
    }

    /// The text, U+FFFD standing for each lone surrogate. Only for arguments no valid value
    /// of which holds U+FFFD: the core then refuses it as any other wrong value.
    pub(crate) fn lossy(&self) -> &str {
        match self {
            Text::Utf8(s) => s,
            Text::Default(s) => s,
            Text::Unreadable(s) => s,
        }
    }

    /// The text, or the error `refuse` gives for a `str` with a lone surrogate.
    pub(crate) fn or_else(&self, refuse: impl FnOnce() -> PyErr) -> PyResult<&str> {
        self.ok().ok_or_else(refuse)
    }

    /// The text, or a `ValueError` naming the argument `arg`.
    pub(crate) fn or_value_error(&self, arg: &str) -> PyResult<&str> {
        self.or_else(|| not_text(arg))
    }
}

impl FromPyObject<'_, '_> for Text {
    type Error = PyErr;

    /// A `str`; anything else is the `TypeError` `argument 's' must be str, not int` (see
    /// [`errors::wrong_type`]).
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        Text::read(&str_arg(obj)?)
    }
}

/// `obj` as a `str`, or the `TypeError` naming the argument.
fn str_arg<'py>(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
    match obj.cast::<PyString>() {
        Ok(s) => Ok(s.to_owned()),
        Err(_) => Err(errors::wrong_type(&obj.to_owned(), "str")),
    }
}

/// A `str` argument of which at most [`MAX_PASSWORD_BYTES`] + 1 characters are read (and
/// copied): a password, the personal data it is checked against, a stored hash. Each reader
/// of such text refuses or ignores what is over `MAX_PASSWORD_BYTES` bytes (the hasher
/// refuses it with `password.too_long_to_hash`, the check reports `password.too_long`, the
/// personal data is looked at up to its first `MAX_PASSWORD_BYTES` bytes, a stored hash that
/// long is malformed), and the characters kept are more bytes than that: a 10 MB `str` is
/// answered as the full one would be, without being copied.
#[derive(Debug)]
pub(crate) struct Capped(pub(crate) Text);

impl Capped {
    /// Reads at most `MAX_PASSWORD_BYTES + 1` characters of `s`.
    pub(crate) fn read(s: &Bound<'_, PyString>) -> PyResult<Capped> {
        const KEEP: usize = MAX_PASSWORD_BYTES + 1;
        if s.len()? <= MAX_PASSWORD_BYTES {
            return Text::read(s).map(Capped);
        }
        let slice = PySlice::new(s.py(), 0, KEEP as isize, 1);
        let head = s.get_item(slice)?.cast_into::<PyString>()?;
        Text::read(&head).map(Capped)
    }
}

impl std::ops::Deref for Capped {
    type Target = Text;

    fn deref(&self) -> &Text {
        &self.0
    }
}

impl FromPyObject<'_, '_> for Capped {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        Capped::read(&str_arg(obj)?)
    }
}

/// The `ValueError` for an argument `arg` holding a lone surrogate.
fn not_text(arg: &str) -> PyErr {
    PyValueError::new_err(format!(
        "{arg} is not text: it holds a lone surrogate (U+D800 to U+DFFF), which has no UTF-8 form"
    ))
}

/// `s` with U+FFFD for each lone surrogate: one per surrogate, and two surrogates that would
/// pair in UTF-16 are still two (they are two code points of the `str`).
fn replaced(s: &Bound<'_, PyString>) -> PyResult<String> {
    let units = s.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
    let units = units.cast::<PyBytes>()?.as_bytes();
    Ok(units
        .chunks_exact(4)
        .map(|c| {
            let unit = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect())
}
