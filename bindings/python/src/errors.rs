//! Core errors as the Python exceptions of `restore_access._errors`.
//!
//! The classes are written in Python (exceptions that subclass `ValueError` and carry data
//! cannot be native classes in an abi3 module before Python 3.12); this module looks them up
//! once and raises them. [`raise`] is the only way the module raises a core error: the class
//! comes from the error's [`Domain`], so a code is the same class wherever it surfaces (a
//! `phone.length` typed into a flow is an `InvalidLength`, as in `phone.validate`).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use restore_access::i18n::{Domain, ErrorKind};
use restore_access::{ErrorCode, Lang};

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The class in `restore_access._errors` for an error of `domain`. A domain or family this
/// binding does not know (a newer core) gets the closest base the binding has: an
/// identifier's `ValidationError`, or `Error`.
fn class(domain: Domain) -> &'static str {
    match domain {
        Domain::Id(ErrorKind::Length) => "InvalidLength",
        Domain::Id(ErrorKind::Format) => "InvalidFormat",
        Domain::Id(ErrorKind::Checksum) => "InvalidChecksum",
        Domain::Id(ErrorKind::Component) => "InvalidComponent",
        Domain::Id(_) => "ValidationError",
        Domain::Password => "PasswordError",
        Domain::Code => "CodeError",
        Domain::Flow => "FlowError",
        Domain::Name => "UnknownName",
        _ => "Error",
    }
}

/// The exception for `error`: the class of its domain, with its code, both messages, its
/// `retry_after` and its `Display` (the English message with the error's data, such as the
/// valid names of a `name.unknown`).
pub(crate) fn raise(py: Python<'_>, error: &dyn ErrorCode) -> PyErr {
    build(py, error, error.to_string())
}

/// [`raise`] for an error in the argument `arg`, which the description names:
/// `phone.length: The phone number is too short. (argument 'phone')`. For functions that take
/// several identifiers, where the code alone does not say which one was wrong.
pub(crate) fn raise_arg(py: Python<'_>, error: &dyn ErrorCode, arg: &str) -> PyErr {
    build(py, error, format!("{error} (argument '{arg}')"))
}

/// `restore_access._errors`, imported once.
fn module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    ERRORS
        .get_or_try_init(py, || {
            py.import("restore_access._errors").map(Bound::unbind)
        })
        .map(|m| m.bind(py))
}

fn build(py: Python<'_>, error: &dyn ErrorCode, description: String) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let cls = module(py)?.getattr(class(error.domain()))?;
        let args = (
            error.code(),
            error.message(Lang::Ru),
            error.message(Lang::En),
            error.retry_after().map(|d| d.as_secs_f64()),
            description,
        );
        Ok(PyErr::from_value(cls.call1(args)?))
    };
    build().unwrap_or_else(|e| e)
}

/// The `TypeError` for an argument that is not a `expected`: `must be str, not int`. Its class
/// (`ArgumentTypeError`) takes in the argument's name, which pyo3 hands every error of an
/// argument's conversion as the note `while processing 'name'`, so the message reads
/// `argument 's' must be str, not int` on every Python version.
pub(crate) fn wrong_type(obj: &Bound<'_, PyAny>, expected: &str) -> PyErr {
    let py = obj.py();
    let message = format!("must be {expected}, not {}", type_name(obj));
    let build = || -> PyResult<PyErr> {
        let cls = module(py)?.getattr("ArgumentTypeError")?;
        Ok(PyErr::from_value(cls.call1((message,))?))
    };
    build().unwrap_or_else(|e| e)
}

/// The name of `obj`'s type, as Python's own messages give it (`int`, `NoneType`).
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string())
}
