//! `snils`, `inn`, `passport`, `phone`, `email`: stdnum-style functions over the core's
//! identifier types, batch checks that release the GIL, and login/document detection.
//!
//! A `str` with a lone surrogate is no identifier: the predicates answer `False`, the other
//! functions raise the identifier's `*.format` error (`login.format`, `document.format` for
//! the detections), as for any other character the identifier cannot hold.

use std::borrow::Cow;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};
use restore_access::id::{self, Document, Login};

use crate::errors;
use crate::text::Text;

/// The text of an identifier argument, or the `error` (a `*.format`) for a `str` with a lone
/// surrogate.
pub(crate) fn text<'t>(py: Python<'_>, s: &'t Text, error: id::Error) -> PyResult<&'t str> {
    s.or_else(|| errors::raise(py, &error))
}

/// `s` parsed as `T`; `error` (the type's `*.format`) for a `str` with a lone surrogate.
pub(crate) fn parse<T>(py: Python<'_>, s: &Text, error: id::Error) -> PyResult<T>
where
    T: std::str::FromStr<Err = id::Error>,
{
    text(py, s, error)?
        .parse::<T>()
        .map_err(|e| errors::raise(py, &e))
}

/// Declares one submodule per identifier: `compact`, `validate`, `is_valid`, `format` and
/// `is_valid_many`, each a line over the core type, and the functions in `extra { … }`.
macro_rules! identifier {
    (
        $module:ident, $ty:ty, $unreadable:expr, |$v:ident|
        compact: $compact:expr, validate: $validate:expr, format: $format:expr
        $(, extra { $($extra:item)* } [$($name:ident),*])? $(,)?
    ) => {
        mod $module {
            use super::*;

            /// What a `str` with a lone surrogate is refused with.
            const UNREADABLE: id::Error = $unreadable;

            fn parse(py: Python<'_>, s: &Text) -> PyResult<$ty> {
                super::parse(py, s, UNREADABLE)
            }

            /// The shortest canonical form; raises `ValidationError` for an invalid number.
            #[pyfunction]
            fn compact(py: Python<'_>, s: Text) -> PyResult<String> {
                parse(py, &s).map(|$v| $compact)
            }

            /// The canonical form; raises `ValidationError` for an invalid number.
            #[pyfunction]
            fn validate(py: Python<'_>, s: Text) -> PyResult<String> {
                parse(py, &s).map(|$v| $validate)
            }

            /// The form for people to read; raises `ValidationError` for an invalid number.
            #[pyfunction]
            fn format(py: Python<'_>, s: Text) -> PyResult<String> {
                parse(py, &s).map(|$v| $format)
            }

            /// Whether `s` is valid, as `validate` would accept it.
            #[pyfunction]
            fn is_valid(s: Text) -> bool {
                s.ok().is_some_and(id::$module::is_valid)
            }

            /// `[is_valid(s) for s in items]`, checked with the GIL released.
            #[pyfunction]
            fn is_valid_many<'py>(items: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
                super::batch(items, id::$module::is_valid)
            }

            $($($extra)*)?

            pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
                m.add_function(wrap_pyfunction!(compact, m)?)?;
                m.add_function(wrap_pyfunction!(validate, m)?)?;
                m.add_function(wrap_pyfunction!(format, m)?)?;
                m.add_function(wrap_pyfunction!(is_valid, m)?)?;
                m.add_function(wrap_pyfunction!(is_valid_many, m)?)?;
                $($(m.add_function(wrap_pyfunction!($name, m)?)?;)*)?
                Ok(())
            }
        }
    };
}

identifier!(snils, id::Snils, id::Error::SnilsFormat, |v|
    compact: v.digits().to_owned(),
    validate: v.to_string(),
    format: v.to_string());
identifier!(inn, id::Inn, id::Error::InnFormat, |v|
    compact: v.digits().to_owned(),
    validate: v.to_string(),
    format: v.to_string());
identifier!(passport, id::Passport, id::Error::PassportFormat, |v|
    compact: format!("{}{}", v.series(), v.number()),
    validate: v.to_string(),
    format: v.to_string());
identifier!(phone, id::Phone, id::Error::PhoneFormat, |v|
    compact: v.e164().to_owned(),
    validate: v.e164().to_owned(),
    format: v.pretty().to_string(),
    extra {
        /// Whether the number is a mobile one (its national part starts with 9), the only
        /// kind that receives SMS; raises `ValidationError` for an invalid number.
        ///
        /// >>> is_mobile("8 (916) 123-45-67")
        /// True
        /// >>> is_mobile("8 (812) 123-45-67")
        /// False
        #[pyfunction]
        fn is_mobile(py: Python<'_>, s: Text) -> PyResult<bool> {
            parse(py, &s).map(|v| v.is_mobile())
        }

        /// The form for people, `+7 (916) 123-45-67` (the same as `format`); raises
        /// `ValidationError` for an invalid number.
        ///
        /// >>> pretty("89161234567")
        /// '+7 (916) 123-45-67'
        #[pyfunction]
        fn pretty(py: Python<'_>, s: Text) -> PyResult<String> {
            parse(py, &s).map(|v| v.pretty().to_string())
        }
    } [is_mobile, pretty]);

/// `email`: written out, as every function takes `internationalised`.
mod email {
    use super::*;

    /// What a `str` with a lone surrogate is refused with.
    const UNREADABLE: id::Error = id::Error::EmailFormat;

    /// `s` as an address: an ASCII local part, or with `internationalised` one that may hold
    /// non-ASCII letters (RFC 6531).
    fn parse(py: Python<'_>, s: &Text, internationalised: bool) -> PyResult<id::Email> {
        let s = text(py, s, UNREADABLE)?;
        let email = if internationalised {
            id::Email::parse_internationalised(s)
        } else {
            s.parse()
        };
        email.map_err(|e| errors::raise(py, &e))
    }

    /// The core's check of an internationalised address (it has no allocation-free one).
    fn is_valid_internationalised(s: &str) -> bool {
        id::Email::parse_internationalised(s).is_ok()
    }

    fn check(internationalised: bool) -> fn(&str) -> bool {
        if internationalised {
            is_valid_internationalised
        } else {
            id::email::is_valid
        }
    }

    /// The shortest canonical form: the local part as typed, the domain lower-cased (Unicode
    /// or punycode, as typed); raises `ValidationError` for an invalid address.
    ///
    /// >>> compact(" Ivan@Почта.РФ ")
    /// 'Ivan@почта.рф'
    #[pyfunction]
    #[pyo3(signature = (s, *, internationalised = false))]
    fn compact(py: Python<'_>, s: Text, internationalised: bool) -> PyResult<String> {
        parse(py, &s, internationalised).map(|v| v.as_str().to_owned())
    }

    /// The canonical form (the same as `compact`); raises `ValidationError` for an invalid
    /// address.
    #[pyfunction]
    #[pyo3(signature = (s, *, internationalised = false))]
    fn validate(py: Python<'_>, s: Text, internationalised: bool) -> PyResult<String> {
        parse(py, &s, internationalised).map(|v| v.as_str().to_owned())
    }

    /// The form for people (the same as `compact`); raises `ValidationError` for an invalid
    /// address.
    #[pyfunction]
    #[pyo3(signature = (s, *, internationalised = false))]
    fn format(py: Python<'_>, s: Text, internationalised: bool) -> PyResult<String> {
        parse(py, &s, internationalised).map(|v| v.as_str().to_owned())
    }

    /// The address with its domain in ASCII (punycode), for delivery; the local part is
    /// unchanged. Raises `ValidationError` for an invalid address.
    ///
    /// >>> ascii("Ivan@Почта.РФ")
    /// 'Ivan@xn--80a1acny.xn--p1ai'
    #[pyfunction]
    #[pyo3(signature = (s, *, internationalised = false))]
    fn ascii(py: Python<'_>, s: Text, internationalised: bool) -> PyResult<String> {
        parse(py, &s, internationalised).map(|v| v.ascii().to_owned())
    }

    /// The key to compare addresses by (to find the account of a typed address): the case of
    /// the domain and its Unicode or punycode spelling are folded, nothing in the local part
    /// is (not case, not dots, not `+tags`). Raises `ValidationError` for an invalid address.
    ///
    /// >>> key("ivan@почта.рф") == key("ivan@xn--80a1acny.xn--p1ai") == key("ivan@ПОЧТА.рф")
    /// True
    /// >>> key("Ivan@mail.ru") == key("ivan@mail.ru")
    /// False
    #[pyfunction]
    #[pyo3(signature = (s, *, internationalised = false))]
    fn key(py: Python<'_>, s: Text, internationalised: bool) -> PyResult<String> {
        parse(py, &s, internationalised).map(|v| v.key().to_owned())
    }

    /// Whether `s` is valid, as `validate` would accept it.
    ///
    /// >>> is_valid("иван@почта.рф"), is_valid("иван@почта.рф", internationalised=True)
    /// (False, True)
    #[pyfunction]
    #[pyo3(signature = (s, *, internationalised = false))]
    fn is_valid(s: Text, internationalised: bool) -> bool {
        s.ok().is_some_and(check(internationalised))
    }

    /// `[is_valid(s) for s in items]`, checked with the GIL released.
    #[pyfunction]
    #[pyo3(signature = (items, *, internationalised = false))]
    fn is_valid_many<'py>(
        items: &Bound<'py, PyAny>,
        internationalised: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        super::batch(items, check(internationalised))
    }

    pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_function(wrap_pyfunction!(compact, m)?)?;
        m.add_function(wrap_pyfunction!(validate, m)?)?;
        m.add_function(wrap_pyfunction!(format, m)?)?;
        m.add_function(wrap_pyfunction!(is_valid, m)?)?;
        m.add_function(wrap_pyfunction!(is_valid_many, m)?)?;
        m.add_function(wrap_pyfunction!(ascii, m)?)?;
        m.add_function(wrap_pyfunction!(key, m)?)?;
        Ok(())
    }
}

/// What separates items in the one buffer a batch is read into.
const SEP: char = '\0';

/// `is_valid` over the items of `text`, `SEP` between them, when there are `len` of them;
/// `None` when there are more (an item held the separator itself). `text` came from UTF-8
/// encoding; `from_utf8` only proves it without `unsafe`.
fn check_joined(text: &[u8], len: usize, is_valid: fn(&str) -> bool) -> Option<Vec<bool>> {
    let text = std::str::from_utf8(text).ok()?;
    if len == 0 {
        return Some(Vec::new());
    }
    let mut results = Vec::with_capacity(len);
    for item in text.split(SEP) {
        if results.len() == len {
            return None;
        }
        results.push(is_valid(item));
    }
    (results.len() == len).then_some(results)
}

/// A list or tuple of `str` read with one C-level `"\0".join(items)` and one UTF-8 encoding
/// instead of a conversion per item. `None` when that does not apply: not a list or tuple,
/// an item that is not a `str` or cannot be encoded, or an item holding the separator itself
/// (told by the piece count).
fn joined<'py>(items: &Bound<'py, PyAny>) -> Option<(Bound<'py, PyBytes>, usize)> {
    let len = if let Ok(list) = items.cast::<PyList>() {
        list.len()
    } else {
        items.cast::<PyTuple>().ok()?.len()
    };
    let sep = PyString::new(items.py(), "\0");
    let joined = sep.call_method1("join", (items,)).ok()?;
    let bytes = joined
        .call_method0("encode")
        .ok()?
        .cast_into::<PyBytes>()
        .ok()?;
    Some((bytes, len))
}

/// Reads any iterable of `str`, one item at a time: into one buffer, `SEP` between items,
/// and the end of each item, since an item may hold `SEP` itself; `None` for an item with a
/// lone surrogate, which is not valid.
fn collected(items: &Bound<'_, PyAny>) -> PyResult<(String, Vec<Option<usize>>)> {
    let mut text = String::new();
    let mut ends = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        let item = item?;
        let s = item.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "is_valid_many() expects str items, item {i} is {}",
                item.get_type()
                    .name()
                    .map_or_else(|_| "?".into(), |n| n.to_string())
            ))
        })?;
        match Text::read(s)?.ok() {
            Some(s) => {
                text.push_str(s);
                ends.push(Some(text.len()));
            }
            None => ends.push(None),
        }
    }
    Ok((text, ends))
}

/// `is_valid` over every item, the checks run with the GIL released.
fn batch<'py>(
    items: &Bound<'py, PyAny>,
    is_valid: fn(&str) -> bool,
) -> PyResult<Bound<'py, PyList>> {
    let py = items.py();
    let fast = match joined(items) {
        Some((bytes, len)) => {
            let text = bytes.as_bytes();
            py.detach(|| check_joined(text, len, is_valid))
        }
        None => None,
    };
    let results = match fast {
        Some(results) => results,
        None => {
            let (text, ends) = collected(items)?;
            py.detach(|| {
                let mut start = 0;
                ends.iter()
                    .map(|&end| {
                        let Some(end) = end else { return false };
                        let item = text.get(start..end).unwrap_or_default();
                        start = end;
                        is_valid(item)
                    })
                    .collect()
            })
        }
    };
    PyList::new(py, results)
}

/// What a login field holds: its kind, canonical form, masked form and readings.
#[pyclass(frozen, module = "restore_access")]
pub(crate) struct DetectedLogin {
    /// `"phone"`, `"email"`, `"snils"` or `"phone_or_snils"`.
    #[pyo3(get)]
    kind: &'static str,
    /// The canonical form (eleven digits for `phone_or_snils`).
    #[pyo3(get)]
    value: String,
    /// A form safe for logs.
    #[pyo3(get)]
    masked: String,
    /// The phone reading, E.164.
    #[pyo3(get)]
    phone: Option<String>,
    /// The СНИЛС reading, `XXX-XXX-XXX YY`.
    #[pyo3(get)]
    snils: Option<String>,
    /// The e-mail reading, as accounts are looked up by it (`email.key`).
    #[pyo3(get)]
    email: Option<String>,
}

impl DetectedLogin {
    /// The core's reading of `login`: its kind and its lookup keys.
    pub(crate) fn of(login: &Login) -> DetectedLogin {
        let keys = login.lookup_keys();
        DetectedLogin {
            kind: login.kind().as_str(),
            value: login.to_string(),
            masked: login.masked().to_string(),
            phone: keys.phone.map(Cow::into_owned),
            snils: keys.snils.map(Cow::into_owned),
            email: keys.email.map(Cow::into_owned),
        }
    }
}

#[pymethods]
impl DetectedLogin {
    fn __repr__(&self) -> String {
        format!(
            "DetectedLogin(kind={:?}, masked={:?})",
            self.kind, self.masked
        )
    }
}

/// What a document field holds: its kind, canonical form and masked form.
#[pyclass(frozen, module = "restore_access")]
struct DetectedDocument {
    /// `"passport"`, `"inn"` or `"snils"`.
    #[pyo3(get)]
    kind: &'static str,
    /// The canonical form.
    #[pyo3(get)]
    value: String,
    /// A form safe for logs.
    #[pyo3(get)]
    masked: String,
}

#[pymethods]
impl DetectedDocument {
    fn __repr__(&self) -> String {
        format!(
            "DetectedDocument(kind={:?}, masked={:?})",
            self.kind, self.masked
        )
    }
}

/// Reads a login field (mos.ru): a phone, an e-mail or a СНИЛС; `login.format` for a `str`
/// with a lone surrogate.
#[pyfunction]
#[pyo3(signature = (s, *, unambiguous = false))]
fn detect_login(py: Python<'_>, s: Text, unambiguous: bool) -> PyResult<DetectedLogin> {
    let s = text(py, &s, id::Error::LoginFormat)?;
    let login = if unambiguous {
        Login::parse_unambiguous(s)
    } else {
        Login::parse(s)
    };
    login
        .map(|l| DetectedLogin::of(&l))
        .map_err(|e| errors::raise(py, &e))
}

/// Reads a document field (Госуслуги): a passport, a person's ИНН or a СНИЛС;
/// `document.format` for a `str` with a lone surrogate.
#[pyfunction]
fn detect_document(py: Python<'_>, s: Text) -> PyResult<DetectedDocument> {
    let s = text(py, &s, id::Error::DocumentFormat)?;
    let doc = Document::parse(s).map_err(|e| errors::raise(py, &e))?;
    Ok(DetectedDocument {
        kind: doc.kind().as_str(),
        value: doc.to_string(),
        masked: doc.masked().to_string(),
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    crate::submodule(m, "snils", snils::register)?;
    crate::submodule(m, "inn", inn::register)?;
    crate::submodule(m, "passport", passport::register)?;
    crate::submodule(m, "phone", phone::register)?;
    crate::submodule(m, "email", email::register)?;
    m.add_class::<DetectedLogin>()?;
    m.add_class::<DetectedDocument>()?;
    m.add_function(wrap_pyfunction!(detect_login, m)?)?;
    m.add_function(wrap_pyfunction!(detect_document, m)?)?;
    Ok(())
}
