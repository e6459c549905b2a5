//! `snils`, `inn`, `passport`, `phone`, `email`: stdnum-style functions over the core's
//! identifier types, batch checks that release the GIL, and login/document detection.
//!
//! A `str` with a lone surrogate is no identifier: the predicates answer `False`, the other
//! functions raise the identifier's `*.format` error (`login.format`, `document.format` for
//! the detections), as for any other character the identifier cannot hold.

use std::borrow::Cow;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyString, PyTuple};
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

/// [`parse`] of the argument `arg` of a function that takes several identifiers: the error
/// names the argument (`phone.length: … (argument 'phone')`).
pub(crate) fn parse_arg<T>(py: Python<'_>, s: &Text, error: id::Error, arg: &str) -> PyResult<T>
where
    T: std::str::FromStr<Err = id::Error>,
{
    s.or_else(|| errors::raise_arg(py, &error, arg))?
        .parse::<T>()
        .map_err(|e| errors::raise_arg(py, &e, arg))
}

/// Declares one submodule per identifier: its docstring, and `compact`, `validate`,
/// `format`, `is_valid` and `is_valid_many`, each a line over the core type with its own
/// docstring, and the functions in `extra { … }`.
macro_rules! identifier {
    (
        $(#[doc = $module_doc:literal])*
        mod $module:ident: $ty:ty, unreadable $unreadable:expr, codes $codes:literal;
        example { $(#[doc = $module_example:literal])* }
        $(#[$compact_doc:meta])* fn compact(|$v:ident| $compact:expr);
        $(#[$validate_doc:meta])* fn validate(|$v2:ident| $validate:expr);
        $(#[$format_doc:meta])* fn format(|$v3:ident| $format:expr);
        $(#[$is_valid_doc:meta])* fn is_valid;
        $(#[$many_doc:meta])* fn is_valid_many;
        $(extra { $($extra:item)* } [$($name:ident),*])?
    ) => {
        mod $module {
            use super::*;

            /// The module's docstring: what the identifier is, the API and its errors, an
            /// example.
            pub(crate) const DOC: &[&str] = &[
                $($module_doc,)*
                "",
                " python-stdnum's API: ``compact``, ``validate``, ``format``, ``is_valid`` and",
                " the batch ``is_valid_many``. Every function but ``is_valid`` and",
                " ``is_valid_many`` raises a subclass of ``restore_access.ValidationError`` (a",
                concat!(" ``ValueError``) for an invalid value (", $codes, "); a ``str``"),
                concat!(" holding a lone surrogate is not valid either (``", stringify!($module), ".format``)."),
                " An argument that is not a ``str`` is a ``TypeError`` naming it.",
                "",
                $($module_example),*
            ];

            /// What a `str` with a lone surrogate is refused with.
            const UNREADABLE: id::Error = $unreadable;

            fn parse(py: Python<'_>, s: &Text) -> PyResult<$ty> {
                super::parse(py, s, UNREADABLE)
            }

            $(#[$compact_doc])*
            #[pyfunction]
            fn compact(py: Python<'_>, s: Text) -> PyResult<String> {
                parse(py, &s).map(|$v| $compact)
            }

            $(#[$validate_doc])*
            #[pyfunction]
            fn validate(py: Python<'_>, s: Text) -> PyResult<String> {
                parse(py, &s).map(|$v2| $validate)
            }

            $(#[$format_doc])*
            #[pyfunction]
            fn format(py: Python<'_>, s: Text) -> PyResult<String> {
                parse(py, &s).map(|$v3| $format)
            }

            $(#[$is_valid_doc])*
            #[pyfunction]
            fn is_valid(s: Text) -> bool {
                s.ok().is_some_and(id::$module::is_valid)
            }

            /// ``[is_valid(s) for s in items]`` for any iterable of ``str`` (a list or tuple is
            /// read in one pass), checked with the GIL released. A ``str`` or ``bytes`` given
            /// as ``items``, or an item that is not a ``str``, is a ``TypeError``.
            ///
            $(#[$many_doc])*
            #[pyfunction]
            fn is_valid_many<'py>(items: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
                super::batch(
                    concat!(stringify!($module), ".is_valid_many"),
                    items,
                    id::$module::is_valid,
                )
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

identifier! {
    /// СНИЛС, the Russian insurance number: 11 digits, the last two a check number
    /// (Σ dᵢ·(9..1) % 101 % 100; numbers up to 001-001-998 have none).
    mod snils: id::Snils, unreadable id::Error::SnilsFormat,
        codes "``InvalidLength`` ``snils.length``, ``InvalidFormat`` ``snils.format``, ``InvalidChecksum`` ``snils.checksum``, …";
    example {
        /// >>> from restore_access import snils
        /// >>> snils.validate("11223344595")
        /// '112-233-445 95'
        /// >>> snils.is_valid("112-233-445 96")
        /// False
    }
    /// The shortest canonical form, the 11 digits; raises ``ValidationError`` for an invalid
    /// СНИЛС.
    ///
    /// >>> compact("112 233 445 95")
    /// '11223344595'
    fn compact(|v| v.digits().to_owned());
    /// The canonical form, ``XXX-XXX-XXX YY``, of a valid СНИЛС typed in any usual way;
    /// raises ``ValidationError`` (``InvalidChecksum`` ``snils.checksum``, …) otherwise.
    ///
    /// >>> validate("112 233 445 95")
    /// '112-233-445 95'
    /// >>> validate("112-233-445 96")
    /// Traceback (most recent call last):
    ///     ...
    /// restore_access.InvalidChecksum: snils.checksum: ...
    fn validate(|v| v.to_string());
    /// The form for people, ``XXX-XXX-XXX YY`` (the same as ``validate``); raises
    /// ``ValidationError`` for an invalid СНИЛС.
    ///
    /// >>> format("11223344595")
    /// '112-233-445 95'
    fn format(|v| v.to_string());
    /// Whether ``validate`` accepts the СНИЛС; ``False`` for anything else, never an
    /// exception for a ``str``.
    ///
    /// >>> is_valid("112-233-445 95"), is_valid("112-233-445 96")
    /// (True, False)
    fn is_valid;
    /// >>> is_valid_many(["11223344595", "112-233-445 96"])
    /// [True, False]
    fn is_valid_many;
}

identifier! {
    /// ИНН, the Russian taxpayer number: 10 digits for an organisation, 12 for a person, every
    /// check digit verified.
    mod inn: id::Inn, unreadable id::Error::InnFormat,
        codes "``InvalidLength`` ``inn.length``, ``InvalidFormat`` ``inn.format``, ``InvalidChecksum`` ``inn.checksum``";
    example {
        /// >>> from restore_access import inn
        /// >>> inn.validate("7707 083 893")
        /// '7707083893'
        /// >>> inn.is_valid("500100732250")
        /// False
    }
    /// The shortest canonical form, the digits; raises ``ValidationError`` for an invalid ИНН.
    ///
    /// >>> compact(" 500100732259 ")
    /// '500100732259'
    fn compact(|v| v.digits().to_owned());
    /// The canonical form (the digits) of a valid ИНН; raises ``ValidationError``
    /// (``InvalidChecksum`` ``inn.checksum``, …) otherwise.
    ///
    /// >>> validate("7707083893")
    /// '7707083893'
    /// >>> validate("500100732250")
    /// Traceback (most recent call last):
    ///     ...
    /// restore_access.InvalidChecksum: inn.checksum: ...
    fn validate(|v| v.to_string());
    /// The form for people: the digits, as printed on the certificate; raises
    /// ``ValidationError`` for an invalid ИНН.
    ///
    /// >>> format("500 100 732 259")
    /// '500100732259'
    fn format(|v| v.to_string());
    /// Whether ``validate`` accepts the ИНН (of an organisation or of a person); ``False``
    /// for anything else, never an exception for a ``str``.
    ///
    /// >>> is_valid("7707083893"), is_valid("500100732259"), is_valid("12345")
    /// (True, True, False)
    fn is_valid;
    /// >>> is_valid_many(("7707083893", "500100732250"))
    /// [True, False]
    fn is_valid_many;
}

identifier! {
    /// The Russian internal passport: a 4-digit series (region and year of issue) and a
    /// 6-digit number. A lost leading zero is never padded back: ``4 08 123456`` is refused.
    mod passport: id::Passport, unreadable id::Error::PassportFormat,
        codes "``InvalidLength`` ``passport.length``, ``InvalidFormat`` ``passport.format``, ``InvalidComponent`` ``passport.region``, …";
    example {
        /// >>> from restore_access import passport
        /// >>> passport.validate("4508 123456")
        /// '45 08 123456'
        /// >>> passport.is_valid("4 08 123456")
        /// False
    }
    /// The shortest canonical form: the 10 digits, series first; raises ``ValidationError``
    /// for an invalid passport.
    ///
    /// >>> compact("45 08 123456")
    /// '4508123456'
    fn compact(|v| format!("{}{}", v.series(), v.number()));
    /// The canonical form, ``SS SS NNNNNN``, of a valid series and number; raises
    /// ``ValidationError`` (``InvalidLength`` ``passport.length``, …) otherwise.
    ///
    /// >>> validate("4508123456")
    /// '45 08 123456'
    /// >>> validate("45 08 12345")
    /// Traceback (most recent call last):
    ///     ...
    /// restore_access.InvalidLength: passport.length: ...
    fn validate(|v| v.to_string());
    /// The form for people, ``SS SS NNNNNN`` (the same as ``validate``); raises
    /// ``ValidationError`` for an invalid passport.
    ///
    /// >>> format("4508 123456")
    /// '45 08 123456'
    fn format(|v| v.to_string());
    /// Whether ``validate`` accepts the series and number; ``False`` for anything else, never
    /// an exception for a ``str``.
    ///
    /// >>> is_valid("45 08 123456"), is_valid("45 08 12345")
    /// (True, False)
    fn is_valid;
    /// >>> is_valid_many(s for s in ["4508123456", "x"])
    /// [True, False]
    fn is_valid_many;
}

identifier! {
    /// Russian phone numbers: +7 and a national part in an assigned range of the numbering
    /// plan (3xx, 4xx, 8xx and 9xx; +7 6xx and 7xx are Kazakhstan), typed in any usual way
    /// (``8 (916) 123-45-67``, ``+7 916 1234567``, ``89161234567``). Beside the functions of
    /// every identifier, ``kind`` tells the kind of number (``is_mobile``: one that receives
    /// SMS) and ``pretty`` gives the form for people.
    mod phone: id::Phone, unreadable id::Error::PhoneFormat,
        codes "``InvalidLength`` ``phone.length``, ``InvalidFormat`` ``phone.format``, ``InvalidComponent`` ``phone.kazakhstan``, …";
    example {
        /// >>> from restore_access import phone
        /// >>> phone.validate("8 (916) 123-45-67")
        /// '+79161234567'
        /// >>> phone.kind("8 800 555-35-35")
        /// 'toll_free'
    }
    /// The shortest canonical form, E.164; raises ``ValidationError`` for an invalid number.
    ///
    /// >>> compact("8 (916) 123-45-67")
    /// '+79161234567'
    fn compact(|v| v.e164().to_owned());
    /// The canonical form, E.164 (``+79161234567``), of a valid number; raises
    /// ``ValidationError`` (``InvalidLength`` ``phone.length``, ``InvalidComponent``
    /// ``phone.kazakhstan``, …) otherwise.
    ///
    /// >>> validate("+7 916 123 45 67")
    /// '+79161234567'
    /// >>> validate("+7 916 123 456")
    /// Traceback (most recent call last):
    ///     ...
    /// restore_access.InvalidLength: phone.length: ...
    fn validate(|v| v.e164().to_owned());
    /// The form for people, ``+7 (916) 123-45-67``; raises ``ValidationError`` for an invalid
    /// number.
    ///
    /// >>> format("89161234567")
    /// '+7 (916) 123-45-67'
    fn format(|v| v.pretty().to_string());
    /// Whether ``validate`` accepts the number; ``False`` for anything else, never an
    /// exception for a ``str``.
    ///
    /// >>> is_valid("8 (916) 123-45-67"), is_valid("+7 701 123 45 67")
    /// (True, False)
    fn is_valid;
    /// >>> is_valid_many(["+79161234567", "12345"])
    /// [True, False]
    fn is_valid_many;
    extra {
        /// Whether the number is a mobile one (``kind(s) == "mobile"``), the only kind that
        /// receives SMS; raises ``ValidationError`` for an invalid number, so a typo is not
        /// taken for a landline.
        ///
        /// >>> is_mobile("8 (916) 123-45-67")
        /// True
        /// >>> is_mobile("8 (812) 123-45-67")
        /// False
        #[pyfunction]
        fn is_mobile(py: Python<'_>, s: Text) -> PyResult<bool> {
            parse(py, &s).map(|v| v.is_mobile())
        }

        /// The kind of number, by the range of the numbering plan it is in:
        /// ``"fixed_line"``, ``"mobile"``, ``"toll_free"`` (800, 804), ``"premium_rate"``
        /// (803, 809) or ``"personal"`` (808); raises ``ValidationError`` for an invalid
        /// number.
        ///
        /// >>> kind("8 (916) 123-45-67"), kind("8 (812) 123-45-67"), kind("8 800 555-35-35")
        /// ('mobile', 'fixed_line', 'toll_free')
        #[pyfunction]
        fn kind(py: Python<'_>, s: Text) -> PyResult<&'static str> {
            parse(py, &s).map(|v| v.kind().as_str())
        }

        /// The form for people, ``+7 (916) 123-45-67`` (the same as ``format``); raises
        /// ``ValidationError`` for an invalid number.
        ///
        /// >>> pretty("89161234567")
        /// '+7 (916) 123-45-67'
        #[pyfunction]
        fn pretty(py: Python<'_>, s: Text) -> PyResult<String> {
            parse(py, &s).map(|v| v.pretty().to_string())
        }
    } [is_mobile, kind, pretty]
}

/// `email`: written out, as every function takes `internationalised` and `special_use`.
mod email {
    use super::*;
    use restore_access::id::email::Options;

    /// The module's docstring.
    pub(crate) const DOC: &[&str] = crate::docstring_lines! {
        /// E-mail addresses as portals accept them: an ASCII dot-atom local part, a domain of
        /// letters, digits and hyphens, internationalised domains (``почта.рф``) through
        /// UTS #46, no quoted local parts, no address literals, no special-use domains.
        ///
        /// Every function takes two keyword flags: ``internationalised=True`` lets the local
        /// part hold non-ASCII letters (``иван@почта.рф``, RFC 6531; delivery needs a server
        /// with SMTPUTF8), ``special_use=True`` allows the special-use domains (``.test``,
        /// ``.invalid``, ``.localhost``, ``.local``, ``.onion``, ``.arpa``), e.g. for a test
        /// system. Every function but ``is_valid`` and ``is_valid_many`` raises a subclass of
        /// ``restore_access.ValidationError`` (a ``ValueError``) for an invalid address
        /// (``InvalidLength`` ``email.too_long``, ``InvalidFormat`` ``email.format``,
        /// ``InvalidComponent`` ``email.special_use``, …); a ``str`` holding a lone surrogate
        /// is not valid either (``email.format``). An argument that is not a ``str`` is a
        /// ``TypeError``.
        ///
        /// >>> from restore_access import email
        /// >>> email.validate(" Ivan@Почта.РФ ")
        /// 'Ivan@почта.рф'
        /// >>> email.is_valid("ivan@mail.test"), email.is_valid("ivan@mail.test", special_use=True)
        /// (False, True)
    };

    /// What a `str` with a lone surrogate is refused with.
    const UNREADABLE: id::Error = id::Error::EmailFormat;

    fn options(internationalised: bool, special_use: bool) -> Options {
        Options::default()
            .internationalised(internationalised)
            .special_use(special_use)
    }

    /// `s` as an address, with what `options` allows beyond the defaults.
    fn parse(py: Python<'_>, s: &Text, options: Options) -> PyResult<id::Email> {
        let s = text(py, s, UNREADABLE)?;
        id::Email::parse_with(s, options).map_err(|e| errors::raise(py, &e))
    }

    /// The shortest canonical form: the local part as typed, the domain lower-cased (Unicode
    /// or punycode, as typed); raises ``ValidationError`` for an invalid address.
    ///
    /// >>> compact(" Ivan@Почта.РФ ")
    /// 'Ivan@почта.рф'
    #[pyfunction]
    #[pyo3(signature = (s, *, internationalised = false, special_use = false))]
    fn compact(
        py: Python<'_>,
        s: Text,
        internationalised: bool,
        special_use: bool,
    ) -> PyResult<String> {
        parse(py, &s, options(internationalised, special_use)).map(|v| v.as_str().to_owned())
    }

    /// The canonical form of a valid address (the same as ``compact``); raises
    /// ``ValidationError`` (``InvalidFormat`` ``email.format``, ``InvalidComponent``
    /// ``email.address_literal`` or ``email.special_use``, …) otherwise.
    ///
    /// >>> validate("ivan@mail.ru")
    /// 'ivan@mail.ru'
    /// >>> validate("ivan@[127.0.0.1]")
    /// Traceback (most recent call last):
    ///     ...
    /// restore_access.InvalidComponent: email.address_literal: ...
    /// >>> validate("ivan@mail.test", special_use=True)
    /// 'ivan@mail.test'
    #[pyfunction]
    #[pyo3(signature = (s, *, internationalised = false, special_use = false))]
    fn validate(
        py: Python<'_>,
        s: Text,
        internationalised: bool,
        special_use: bool,
    ) -> PyResult<String> {
        parse(py, &s, options(internationalised, special_use)).map(|v| v.as_str().to_owned())
    }

    /// The form for people: the canonical form, with the domain in Unicode where it was typed
    /// so (the same as ``compact``); raises ``ValidationError`` for an invalid address.
    ///
    /// >>> format("Ivan@XN--80A1ACNY.XN--P1AI")
    /// 'Ivan@xn--80a1acny.xn--p1ai'
    #[pyfunction]
    #[pyo3(signature = (s, *, internationalised = false, special_use = false))]
    fn format(
        py: Python<'_>,
        s: Text,
        internationalised: bool,
        special_use: bool,
    ) -> PyResult<String> {
        parse(py, &s, options(internationalised, special_use)).map(|v| v.as_str().to_owned())
    }

    /// The address with its domain in ASCII (punycode), for delivery; the local part is
    /// unchanged. Raises ``ValidationError`` for an invalid address.
    ///
    /// >>> ascii("Ivan@Почта.РФ")
    /// 'Ivan@xn--80a1acny.xn--p1ai'
    #[pyfunction]
    #[pyo3(signature = (s, *, internationalised = false, special_use = false))]
    fn ascii(
        py: Python<'_>,
        s: Text,
        internationalised: bool,
        special_use: bool,
    ) -> PyResult<String> {
        parse(py, &s, options(internationalised, special_use)).map(|v| v.ascii().to_owned())
    }

    /// The key to compare addresses by (to find the account of a typed address): the case of
    /// the domain and its Unicode or punycode spelling are folded, nothing in the local part
    /// is (not case, not dots, not ``+tags``). Compare keys, not compact forms. Raises
    /// ``ValidationError`` for an invalid address.
    ///
    /// >>> key("ivan@почта.рф") == key("ivan@xn--80a1acny.xn--p1ai") == key("ivan@ПОЧТА.рф")
    /// True
    /// >>> key("Ivan@mail.ru") == key("ivan@mail.ru")
    /// False
    #[pyfunction]
    #[pyo3(signature = (s, *, internationalised = false, special_use = false))]
    fn key(
        py: Python<'_>,
        s: Text,
        internationalised: bool,
        special_use: bool,
    ) -> PyResult<String> {
        parse(py, &s, options(internationalised, special_use)).map(|v| v.key().to_owned())
    }

    /// Whether ``validate`` accepts the address with the same flags; ``False`` for anything
    /// else, never an exception for a ``str``.
    ///
    /// >>> is_valid("иван@почта.рф"), is_valid("иван@почта.рф", internationalised=True)
    /// (False, True)
    /// >>> is_valid("ivan@mail.test"), is_valid("ivan@mail.test", special_use=True)
    /// (False, True)
    #[pyfunction]
    #[pyo3(signature = (s, *, internationalised = false, special_use = false))]
    fn is_valid(s: Text, internationalised: bool, special_use: bool) -> bool {
        let options = options(internationalised, special_use);
        s.ok().is_some_and(|s| id::email::is_valid_with(s, options))
    }

    /// ``[is_valid(s, ...) for s in items]`` for any iterable of ``str`` (a list or tuple is
    /// read in one pass), checked with the GIL released. A ``str`` or ``bytes`` given as
    /// ``items``, or an item that is not a ``str``, is a ``TypeError``.
    ///
    /// >>> is_valid_many(["ivan@mail.ru", "иван@почта.рф"], internationalised=True)
    /// [True, True]
    #[pyfunction]
    #[pyo3(signature = (items, *, internationalised = false, special_use = false))]
    fn is_valid_many<'py>(
        items: &Bound<'py, PyAny>,
        internationalised: bool,
        special_use: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let options = options(internationalised, special_use);
        super::batch("email.is_valid_many", items, move |s| {
            id::email::is_valid_with(s, options)
        })
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
fn check_joined(text: &[u8], len: usize, is_valid: impl Fn(&str) -> bool) -> Option<Vec<bool>> {
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
/// lone surrogate, which is not valid. `function` names the batch in a `TypeError`.
fn collected(function: &str, items: &Bound<'_, PyAny>) -> PyResult<(String, Vec<Option<usize>>)> {
    let mut text = String::new();
    let mut ends = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        let item = item?;
        let s = item.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "{function}() argument 'items': item {i} must be str, not {}",
                errors::type_name(&item)
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

/// `is_valid` over every item of `items`, an iterable of `str`, the checks run with the GIL
/// released. A `str` or `bytes` is an iterable too, but of characters or numbers, never of
/// identifiers (`is_valid_many("11223344595")` would answer eleven `False`s): a `TypeError`.
fn batch<'py>(
    function: &str,
    items: &Bound<'py, PyAny>,
    is_valid: impl Fn(&str) -> bool + Copy + Send + Sync,
) -> PyResult<Bound<'py, PyList>> {
    let py = items.py();
    if items.is_instance_of::<PyString>()
        || items.is_instance_of::<PyBytes>()
        || items.is_instance_of::<PyByteArray>()
    {
        return Err(PyTypeError::new_err(format!(
            "{function}() argument 'items' must be an iterable of str, not {} (to check one \
             value, call is_valid)",
            errors::type_name(items)
        )));
    }
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
            let (text, ends) = collected(function, items)?;
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

/// What a login field holds, as ``detect_login`` reads it: its kind, canonical form, a form
/// safe for logs, and the readings to look the account up by.
///
/// >>> login = detect_login("Ivan@Почта.РФ")
/// >>> login.kind, login.email
/// ('email', 'Ivan@xn--80a1acny.xn--p1ai')
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

/// What a document field holds, as ``detect_document`` reads it: its kind, canonical form
/// and a form safe for logs.
///
/// >>> doc = detect_document("112 233 445 95")
/// >>> doc.kind, doc.value
/// ('snils', '112-233-445 95')
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

/// Reads a login field (mos.ru's): a phone, an e-mail or a СНИЛС, as a ``DetectedLogin``.
/// Eleven bare digits valid both as a phone and as a СНИЛС give ``"phone_or_snils"`` (look
/// the account up by both), or, with ``unambiguous=True``, raise ``InvalidFormat``
/// ``login.ambiguous``. Anything else raises ``InvalidFormat`` ``login.format`` (also for a
/// ``str`` with a lone surrogate), or the error of the identifier it nearly is.
///
/// >>> login = detect_login("8 (916) 123-45-67")
/// >>> login.kind, login.phone, login.masked
/// ('phone', '+79161234567', '+7 (916) ***-**-67')
/// >>> detect_login("ivan@mail.ru").kind
/// 'email'
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

/// Reads a document field (Госуслуги's), as a ``DetectedDocument``: 10 digits are a
/// passport, 11 a СНИЛС, 12 a person's ИНН. Raises ``InvalidFormat`` ``document.format`` for
/// anything else (also for a ``str`` with a lone surrogate), or the error of the identifier
/// it nearly is.
///
/// >>> doc = detect_document("45 08 123456")
/// >>> doc.kind, doc.value
/// ('passport', '45 08 123456')
/// >>> detect_document("500100732259").kind
/// 'inn'
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
    crate::submodule(m, "snils", snils::DOC, snils::register)?;
    crate::submodule(m, "inn", inn::DOC, inn::register)?;
    crate::submodule(m, "passport", passport::DOC, passport::register)?;
    crate::submodule(m, "phone", phone::DOC, phone::register)?;
    crate::submodule(m, "email", email::DOC, email::register)?;
    m.add_class::<DetectedLogin>()?;
    m.add_class::<DetectedDocument>()?;
    m.add_function(wrap_pyfunction!(detect_login, m)?)?;
    m.add_function(wrap_pyfunction!(detect_document, m)?)?;
    Ok(())
}
