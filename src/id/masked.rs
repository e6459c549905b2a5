//! The form of an identifier that is safe to write to a log.

use std::fmt;

use super::{Document, Email, Inn, Login, Passport, Phone, Snils, Surname};

/// An identifier with most of it hidden, for logs: `***-***-**5 95`, `+7 (916) ***-**-67`,
/// `i***@mail.ru`. Returned by each identifier's `masked()`; `Debug` of the identifiers
/// prints this form too, so a stray `{:?}` does not leak personal data.
#[derive(Clone, Copy)]
pub struct Masked<'a>(pub(super) Of<'a>);

#[derive(Clone, Copy)]
pub(super) enum Of<'a> {
    Snils(&'a Snils),
    Inn(&'a Inn),
    Passport(&'a Passport),
    Phone(&'a Phone),
    Email(&'a Email),
    Surname(&'a Surname),
    Login(&'a Login),
    Document(&'a Document),
}

impl fmt::Display for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Of::Snils(x) => x.fmt_masked(f),
            Of::Inn(x) => x.fmt_masked(f),
            Of::Passport(x) => x.fmt_masked(f),
            Of::Phone(x) => x.fmt_masked(f),
            Of::Email(x) => x.fmt_masked(f),
            Of::Surname(x) => x.fmt_masked(f),
            Of::Login(x) => x.fmt_masked(f),
            Of::Document(x) => x.fmt_masked(f),
        }
    }
}

impl fmt::Debug for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
