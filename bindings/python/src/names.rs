//! Name arguments (a portal, a policy, a purpose, a channel, a bucket, a language, a rate
//! preset), read by the core's `FromStr`: an unknown one raises `UnknownName`
//! (`name.unknown`), whose message lists the names there are.
//!
//! A name holding a lone surrogate is read with U+FFFD in its place, which no name holds: it
//! is unknown like any other misspelling.

use std::str::FromStr;

use pyo3::prelude::*;
use restore_access::code::{Rate, presets};
use restore_access::name;

use crate::errors;
use crate::text::Text;

/// `s` as the named enumeration `T`.
pub(crate) fn parse<T>(py: Python<'_>, s: &Text) -> PyResult<T>
where
    T: FromStr<Err = name::Error>,
{
    s.lossy().parse().map_err(|e| errors::raise(py, &e))
}

/// The rates of the preset called `s`.
pub(crate) fn rate_preset(py: Python<'_>, s: &Text) -> PyResult<&'static [Rate]> {
    parse(py, s).map(presets::Preset::rates)
}
