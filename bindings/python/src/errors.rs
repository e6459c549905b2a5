//! Core errors as the Python exceptions of `restore_access._errors`.
//!
//! The classes are written in Python (exceptions that subclass `ValueError` and carry data
//! cannot be native classes in an abi3 module before Python 3.12); this module looks them up
//! once and raises them with the stable code and both messages.

use std::time::Duration;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use restore_access::id::ErrorKind;
use restore_access::{ErrorCode, Lang};

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// An exception of class `class` (a name in `restore_access._errors`) for `error`.
fn raise(
    py: Python<'_>,
    class: &str,
    error: &dyn ErrorCode,
    retry_after: Option<Duration>,
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let module = ERRORS.get_or_try_init(py, || {
            py.import("restore_access._errors").map(Bound::unbind)
        })?;
        let cls = module.bind(py).getattr(class)?;
        let args = (
            error.code(),
            error.message(Lang::Ru),
            error.message(Lang::En),
            retry_after.map(|d| d.as_secs_f64()),
        );
        Ok(PyErr::from_value(cls.call1(args)?))
    };
    build().unwrap_or_else(|e| e)
}

/// `ValidationError` subclasses by the core's [`ErrorKind`].
pub(crate) fn id(py: Python<'_>, e: restore_access::id::Error) -> PyErr {
    let class = match e.kind() {
        ErrorKind::Length => "InvalidLength",
        ErrorKind::Format => "InvalidFormat",
        ErrorKind::Checksum => "InvalidChecksum",
        ErrorKind::Component => "InvalidComponent",
        _ => "ValidationError",
    };
    raise(py, class, &e, None)
}

/// `PasswordError`.
pub(crate) fn password(py: Python<'_>, e: restore_access::password::Error) -> PyErr {
    raise(py, "PasswordError", &e, None)
}

/// `PasswordError` `password.invalid_char`, for a password that is not text (a `str` holding
/// a lone surrogate), which is never hashed.
pub(crate) fn unreadable_password(py: Python<'_>) -> PyErr {
    raise(
        py,
        "PasswordError",
        &restore_access::password::Violation::InvalidChar,
        None,
    )
}

/// `CodeError`, with `retry_after` when rate-limited.
pub(crate) fn code(py: Python<'_>, e: restore_access::code::Error) -> PyErr {
    let retry = match &e {
        restore_access::code::Error::RateLimited { retry_after } => Some(*retry_after),
        _ => None,
    };
    raise(py, "CodeError", &e, retry)
}

/// `FlowError`, or the class of the domain error the flow passed on: a typo in an identifier
/// is a `ValidationError` wherever it is typed.
pub(crate) fn flow(py: Python<'_>, e: restore_access::flow::Error) -> PyErr {
    use restore_access::flow::Error;
    match e {
        Error::Id(e) => id(py, e),
        Error::Password(e) => password(py, e),
        Error::Code(e) => code(py, e),
        e => {
            let retry = e.retry_after();
            raise(py, "FlowError", &e, retry)
        }
    }
}
