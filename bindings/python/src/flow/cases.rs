//! How the case classes are declared: one small frozen class per case under a base class per
//! kind (`Prompt`, `Route`, `Action`, `Input`), with getters, `__match_args__` and a `repr`
//! that never shows a secret.

use std::fmt::Debug;

use pyo3::exceptions::PyNotImplementedError;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// Fields that hold a secret (a code, a link token, a proof, a password): `[REDACTED]` in a
/// `repr`, so logging a step or an input never writes one down.
const SECRET_FIELDS: &[&str] = &["code", "token", "proof", "password"];

/// `Name(field=value, ...)` from the fields named in the class's `__match_args__`.
pub(super) fn repr(obj: &Bound<'_, PyAny>) -> PyResult<String> {
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

/// The error for a case of the core that this binding has no class for (a newer core): the
/// binding never answers it as another case. `value` is named by its variant only (the name
/// its `Debug` starts with), so a secret it holds is not written down.
pub(super) fn unknown(kind: &str, value: &dyn Debug) -> PyErr {
    let debug = format!("{value:?}");
    let variant: String = debug
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    PyNotImplementedError::new_err(format!(
        "this version of restore_access has no class for the {kind} {variant}"
    ))
}

/// Declares one class per case under `base`, frozen, with its docstring (the `///` lines
/// before its name), getters and `__match_args__`;
/// `new` also gives it a constructor taking the fields in order. Each use also declares
/// `add`, which adds the base and its cases to a module.
macro_rules! cases {
    (@class $(#[$doc:meta])* $base:ident $name:ident { $($field:ident : $ty:ty),* } { $($ctor:tt)* }) => {
        $(#[$doc])*
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
    (new $base:ident; $( $(#[$doc:meta])* $name:ident { $($field:ident : $ty:ty),* $(,)? } )*) => {
        $( cases!(@class $(#[$doc])* $base $name { $($field : $ty),* } {
            #[new]
            fn new($($field: $ty),*) -> PyClassInitializer<$name> {
                PyClassInitializer::from($base).add_subclass($name { $($field),* })
            }
        }); )*
        cases!(@add $base $($name)*);
    };
    ($base:ident; $( $(#[$doc:meta])* $name:ident { $($field:ident : $ty:ty),* $(,)? } )*) => {
        $( cases!(@class $(#[$doc])* $base $name { $($field : $ty),* } {}); )*
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
                super::cases::repr(slf.as_any())
            }
        }
    };
}

/// An object of case class `sub` under `base`.
macro_rules! object {
    ($py:expr, $base:expr, $sub:expr $(,)?) => {
        Py::new($py, PyClassInitializer::from($base).add_subclass($sub)).map(Py::into_any)
    };
}
