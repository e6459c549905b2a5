//! Identifiers: the fast validity checks and the canonical forms.

use std::ffi::c_char;
use std::fmt::Display;
use std::str::FromStr;

use restore_access::id::{self, Email, Inn, Passport, Phone, Snils};

use crate::ffi::{self, Buf, ErrOut, text};
use crate::status::{ra_error, ra_status};

/// `check` on a C string; false for NULL, invalid UTF-8 and over-long input.
#[inline(always)]
fn is_valid(s: *const c_char, check: impl FnOnce(&str) -> bool) -> bool {
    ffi::guard(false, || {
        // SAFETY: the header requires `s` to be NULL or a NUL-terminated string.
        unsafe { text(s) }.is_ok_and(check)
    })
}

/// Parses `s` as `T` and writes its canonical form.
fn normalize<T>(
    s: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status
where
    T: FromStr<Err = id::Error> + Display,
{
    ffi::status(|| {
        // SAFETY: the header's buffer rule: `buf` NULL or `cap` writable bytes, `len_out`
        // NULL or writable; `error` NULL or writable.
        let (buf, error) = unsafe { (Buf::new(buf, cap, len_out)?, ErrOut::new(error)) };
        // SAFETY: the header requires `s` to be NULL or a NUL-terminated string.
        let s = unsafe { text(s) }?;
        let value: T = s.parse().map_err(error.fail(ra_status::RA_ID_ERROR, 0))?;
        buf.write(&value.to_string())
    })
}

/// Whether `s` is a valid СНИЛС (`112-233-445 95`, `11223344595`). False for NULL, invalid
/// UTF-8 and input over `RA_MAX_INPUT_LEN`. Allocates nothing. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn ra_snils_is_valid(s: *const c_char) -> bool {
    is_valid(s, id::snils::is_valid)
}

/// Whether `s` is a valid ИНН (10 or 12 digits). As `ra_snils_is_valid`.
#[unsafe(no_mangle)]
pub extern "C" fn ra_inn_is_valid(s: *const c_char) -> bool {
    is_valid(s, id::inn::is_valid)
}

/// Whether `s` is a valid passport series and number. As `ra_snils_is_valid`.
#[unsafe(no_mangle)]
pub extern "C" fn ra_passport_is_valid(s: *const c_char) -> bool {
    is_valid(s, id::passport::is_valid)
}

/// Whether `s` is a valid Russian phone number. As `ra_snils_is_valid`.
#[unsafe(no_mangle)]
pub extern "C" fn ra_phone_is_valid(s: *const c_char) -> bool {
    is_valid(s, id::phone::is_valid)
}

/// Whether `s` is a valid e-mail address (ASCII local part). As `ra_snils_is_valid`.
#[unsafe(no_mangle)]
pub extern "C" fn ra_email_is_valid(s: *const c_char) -> bool {
    is_valid(s, id::email::is_valid)
}

/// Writes the canonical СНИЛС (`112-233-445 95`) for what a person typed.
/// `RA_ID_ERROR` with `snils.length`, `snils.format` or `snils.checksum` in `error`.
#[unsafe(no_mangle)]
pub extern "C" fn ra_snils_normalize(
    s: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    normalize::<Snils>(s, buf, cap, len_out, error)
}

/// Writes the canonical ИНН (its digits). `RA_ID_ERROR` with an `inn.*` code.
#[unsafe(no_mangle)]
pub extern "C" fn ra_inn_normalize(
    s: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    normalize::<Inn>(s, buf, cap, len_out, error)
}

/// Writes the canonical passport series and number (`45 08 123456`). `RA_ID_ERROR` with a
/// `passport.*` code.
#[unsafe(no_mangle)]
pub extern "C" fn ra_passport_normalize(
    s: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    normalize::<Passport>(s, buf, cap, len_out, error)
}

/// Writes the phone number in E.164 (`+79161234567`). `RA_ID_ERROR` with a `phone.*` code.
#[unsafe(no_mangle)]
pub extern "C" fn ra_phone_normalize(
    s: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    normalize::<Phone>(s, buf, cap, len_out, error)
}

/// Writes the e-mail address as it will be stored (domain lower-cased, IDN kept in Unicode).
/// `RA_ID_ERROR` with an `email.*` code.
#[unsafe(no_mangle)]
pub extern "C" fn ra_email_normalize(
    s: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    normalize::<Email>(s, buf, cap, len_out, error)
}
