//! Identifiers: the fast validity checks and the canonical forms, each for a NUL-terminated
//! string and, as `_n`, for a pointer and a length.

use std::ffi::c_char;
use std::fmt::Display;
use std::str::FromStr;

use restore_access::id::{self, Email, Inn, Passport, Phone, Snils};

use crate::ffi::{self, Buf, ErrOut, Text};
use crate::status::{ra_error, ra_status};

/// `check` on a C string; false for NULL, invalid UTF-8, a NUL inside a `_n` string and
/// over-long input.
///
/// # Safety
/// `s` as in [`Text::read`].
#[inline(always)]
unsafe fn is_valid(s: Text, check: impl FnOnce(&str) -> bool) -> bool {
    // One guarded closure per form, so each exported function gets the reading of its own
    // form inlined into its panic guard, without a branch on the form.
    match s {
        Text::Nul(_) => ffi::guard(false, || {
            // SAFETY: forwarded from the exported function's contract.
            unsafe { s.read() }.is_ok_and(check)
        }),
        Text::Len(..) => ffi::guard(false, || {
            // SAFETY: forwarded from the exported function's contract.
            unsafe { s.read() }.is_ok_and(check)
        }),
    }
}

/// Parses `s` as `T` and writes its canonical form.
///
/// # Safety
/// `s` as in [`Text::read`]; `buf` NULL or writable for `cap` bytes; `len_out` and `error`
/// NULL or writable.
unsafe fn normalize<T>(
    s: Text,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status
where
    T: FromStr<Err = id::Error> + Display,
{
    ffi::status(|| {
        // SAFETY: forwarded from the exported function's contract.
        let (buf, error, s) =
            unsafe { (Buf::new(buf, cap, len_out)?, ErrOut::new(error), s.read()?) };
        let value: T = s.parse().map_err(error.fail())?;
        buf.write(&value.to_string())
    })
}

/// Whether `s` is a valid СНИЛС (`112-233-445 95`, `11223344595`). False for NULL, invalid
/// UTF-8 and input over `RA_MAX_INPUT_LEN`. Allocates nothing. Thread-safe.
///
/// # Safety
/// - `s`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_snils_is_valid(s: *const c_char) -> bool {
    // SAFETY: forwarded from this function's contract.
    unsafe { is_valid(Text::Nul(s), id::snils::is_valid) }
}

/// `ra_snils_is_valid` for the `len` bytes at `s`, which need no NUL: false for a NUL among
/// them, and for `len` over `RA_MAX_INPUT_LEN` without reading any.
///
/// # Safety
/// - `s`: NULL with `len` 0, or readable for `len` bytes (none is read when `len` is over
///   `RA_MAX_INPUT_LEN`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_snils_is_valid_n(s: *const c_char, len: usize) -> bool {
    // SAFETY: forwarded from this function's contract.
    unsafe { is_valid(Text::Len(s, len), id::snils::is_valid) }
}

/// Whether `s` is a valid ИНН (10 or 12 digits). As `ra_snils_is_valid`.
///
/// # Safety
/// - `s`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_inn_is_valid(s: *const c_char) -> bool {
    // SAFETY: forwarded from this function's contract.
    unsafe { is_valid(Text::Nul(s), id::inn::is_valid) }
}

/// `ra_inn_is_valid` for the `len` bytes at `s`, which need no NUL: false for a NUL among
/// them, and for `len` over `RA_MAX_INPUT_LEN` without reading any.
///
/// # Safety
/// - `s`: NULL with `len` 0, or readable for `len` bytes (none is read when `len` is over
///   `RA_MAX_INPUT_LEN`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_inn_is_valid_n(s: *const c_char, len: usize) -> bool {
    // SAFETY: forwarded from this function's contract.
    unsafe { is_valid(Text::Len(s, len), id::inn::is_valid) }
}

/// Whether `s` is a valid passport series and number. As `ra_snils_is_valid`.
///
/// # Safety
/// - `s`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_passport_is_valid(s: *const c_char) -> bool {
    // SAFETY: forwarded from this function's contract.
    unsafe { is_valid(Text::Nul(s), id::passport::is_valid) }
}

/// `ra_passport_is_valid` for the `len` bytes at `s`, which need no NUL: false for a NUL among
/// them, and for `len` over `RA_MAX_INPUT_LEN` without reading any.
///
/// # Safety
/// - `s`: NULL with `len` 0, or readable for `len` bytes (none is read when `len` is over
///   `RA_MAX_INPUT_LEN`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_passport_is_valid_n(s: *const c_char, len: usize) -> bool {
    // SAFETY: forwarded from this function's contract.
    unsafe { is_valid(Text::Len(s, len), id::passport::is_valid) }
}

/// Whether `s` is a valid Russian phone number. As `ra_snils_is_valid`.
///
/// # Safety
/// - `s`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_phone_is_valid(s: *const c_char) -> bool {
    // SAFETY: forwarded from this function's contract.
    unsafe { is_valid(Text::Nul(s), id::phone::is_valid) }
}

/// `ra_phone_is_valid` for the `len` bytes at `s`, which need no NUL: false for a NUL among
/// them, and for `len` over `RA_MAX_INPUT_LEN` without reading any.
///
/// # Safety
/// - `s`: NULL with `len` 0, or readable for `len` bytes (none is read when `len` is over
///   `RA_MAX_INPUT_LEN`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_phone_is_valid_n(s: *const c_char, len: usize) -> bool {
    // SAFETY: forwarded from this function's contract.
    unsafe { is_valid(Text::Len(s, len), id::phone::is_valid) }
}

/// Whether `s` is a valid e-mail address (ASCII local part). As `ra_snils_is_valid`.
///
/// # Safety
/// - `s`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_email_is_valid(s: *const c_char) -> bool {
    // SAFETY: forwarded from this function's contract.
    unsafe { is_valid(Text::Nul(s), id::email::is_valid) }
}

/// `ra_email_is_valid` for the `len` bytes at `s`, which need no NUL: false for a NUL among
/// them, and for `len` over `RA_MAX_INPUT_LEN` without reading any.
///
/// # Safety
/// - `s`: NULL with `len` 0, or readable for `len` bytes (none is read when `len` is over
///   `RA_MAX_INPUT_LEN`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_email_is_valid_n(s: *const c_char, len: usize) -> bool {
    // SAFETY: forwarded from this function's contract.
    unsafe { is_valid(Text::Len(s, len), id::email::is_valid) }
}

/// Writes the canonical СНИЛС (`112-233-445 95`) for what a person typed.
/// `RA_ID_ERROR` with `snils.length`, `snils.format` or `snils.checksum` in `error`.
///
/// # Safety
/// - `s`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_snils_normalize(
    s: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { normalize::<Snils>(Text::Nul(s), buf, cap, len_out, error) }
}

/// `ra_snils_normalize` for the `len` bytes at `s`, which need no NUL: `RA_INVALID_ARGUMENT`
/// for a NUL among them, `RA_INPUT_TOO_LONG` for `len` over `RA_MAX_INPUT_LEN` without reading
/// any.
///
/// # Safety
/// - `s`: NULL with `len` 0, or readable for `len` bytes (none is read when `len` is over
///   `RA_MAX_INPUT_LEN`).
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_snils_normalize_n(
    s: *const c_char,
    len: usize,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { normalize::<Snils>(Text::Len(s, len), buf, cap, len_out, error) }
}

/// Writes the canonical ИНН (its digits). `RA_ID_ERROR` with an `inn.*` code.
///
/// # Safety
/// - `s`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_inn_normalize(
    s: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { normalize::<Inn>(Text::Nul(s), buf, cap, len_out, error) }
}

/// `ra_inn_normalize` for the `len` bytes at `s`, which need no NUL: `RA_INVALID_ARGUMENT`
/// for a NUL among them, `RA_INPUT_TOO_LONG` for `len` over `RA_MAX_INPUT_LEN` without reading
/// any.
///
/// # Safety
/// - `s`: NULL with `len` 0, or readable for `len` bytes (none is read when `len` is over
///   `RA_MAX_INPUT_LEN`).
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_inn_normalize_n(
    s: *const c_char,
    len: usize,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { normalize::<Inn>(Text::Len(s, len), buf, cap, len_out, error) }
}

/// Writes the canonical passport series and number (`45 08 123456`). `RA_ID_ERROR` with a
/// `passport.*` code.
///
/// # Safety
/// - `s`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_passport_normalize(
    s: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { normalize::<Passport>(Text::Nul(s), buf, cap, len_out, error) }
}

/// `ra_passport_normalize` for the `len` bytes at `s`, which need no NUL: `RA_INVALID_ARGUMENT`
/// for a NUL among them, `RA_INPUT_TOO_LONG` for `len` over `RA_MAX_INPUT_LEN` without reading
/// any.
///
/// # Safety
/// - `s`: NULL with `len` 0, or readable for `len` bytes (none is read when `len` is over
///   `RA_MAX_INPUT_LEN`).
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_passport_normalize_n(
    s: *const c_char,
    len: usize,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { normalize::<Passport>(Text::Len(s, len), buf, cap, len_out, error) }
}

/// Writes the phone number in E.164 (`+79161234567`). `RA_ID_ERROR` with a `phone.*` code.
///
/// # Safety
/// - `s`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_phone_normalize(
    s: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { normalize::<Phone>(Text::Nul(s), buf, cap, len_out, error) }
}

/// `ra_phone_normalize` for the `len` bytes at `s`, which need no NUL: `RA_INVALID_ARGUMENT`
/// for a NUL among them, `RA_INPUT_TOO_LONG` for `len` over `RA_MAX_INPUT_LEN` without reading
/// any.
///
/// # Safety
/// - `s`: NULL with `len` 0, or readable for `len` bytes (none is read when `len` is over
///   `RA_MAX_INPUT_LEN`).
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_phone_normalize_n(
    s: *const c_char,
    len: usize,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { normalize::<Phone>(Text::Len(s, len), buf, cap, len_out, error) }
}

/// Writes the e-mail address as it will be stored (domain lower-cased, IDN kept in Unicode).
/// `RA_ID_ERROR` with an `email.*` code.
///
/// # Safety
/// - `s`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_email_normalize(
    s: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { normalize::<Email>(Text::Nul(s), buf, cap, len_out, error) }
}

/// `ra_email_normalize` for the `len` bytes at `s`, which need no NUL: `RA_INVALID_ARGUMENT`
/// for a NUL among them, `RA_INPUT_TOO_LONG` for `len` over `RA_MAX_INPUT_LEN` without reading
/// any.
///
/// # Safety
/// - `s`: NULL with `len` 0, or readable for `len` bytes (none is read when `len` is over
///   `RA_MAX_INPUT_LEN`).
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_email_normalize_n(
    s: *const c_char,
    len: usize,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { normalize::<Email>(Text::Len(s, len), buf, cap, len_out, error) }
}
