//! One identity's budget across its flows, and how the host stores it.

use std::ffi::c_char;

use restore_access::flow::{Budget, BudgetKey};

use crate::ffi::{self, Buf, ErrOut, Out, Text, borrow, free, into_handle, parse_key};
use crate::flow::ra_config;
use crate::status::{ra_error, ra_status};

/// What one identity (a phone, a mailbox, a СНИЛС) may still spend across all its flows:
/// sends, code guesses, and the lockout after too many wrong codes. The host keeps one per
/// budget key (`ra_flow_budget_key`) in its own store, sealed (`ra_budget_seal`) — never
/// where the person could send an older copy back, such as a cookie. A key the store does
/// not have is a fresh budget (`ra_budget_new`). One thread at a time. Free with
/// `ra_budget_free`.
#[derive(Debug, Default)]
pub struct ra_budget {
    pub(crate) budget: Budget,
}

/// A fresh budget: nothing spent.
///
/// # Safety
/// - `budget_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_budget_new(budget_out: *mut *mut ra_budget) -> ra_status {
    ffi::status(|| {
        // SAFETY: `budget_out` NULL or writable (`# Safety`).
        let out = unsafe { Out::new(budget_out) }?;
        out.write(into_handle(ra_budget::default()));
        Ok(())
    })
}

/// Writes the budget sealed for the host's store under `key` (encrypted and authenticated
/// under the keys of `config`, bound to `key`; base64url text of one length). Two seals of
/// one budget differ. `RA_FLOW_ERROR` with `flow.state_invalid` for a `key` that is not a
/// budget key; `RA_CODE_ERROR` with `code.rng` if the OS random generator fails.
///
/// # Safety
/// - `budget`: NULL, or a live `ra_budget` from this library that no other thread changes during
///   the call.
/// - `config`: NULL, or a live `ra_config` from this library that no other thread changes during
///   the call.
/// - `key`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_budget_seal(
    budget: *const ra_budget,
    config: *const ra_config,
    key: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `error` NULL or writable; `budget`, `config` NULL or live;
        // `key` NULL or NUL-terminated (`# Safety`).
        let error = unsafe { ErrOut::new(error) };
        // SAFETY: as above.
        let (buf, budget, config, key) = unsafe {
            (
                Buf::new(buf, cap, len_out)?,
                borrow(budget)?,
                borrow(config)?,
                parse_key::<BudgetKey>(Text::Nul(key), &error)?,
            )
        };
        let sealed = budget
            .budget
            .seal(&config.config.keys, &key)
            .map_err(error.fail())?;
        buf.write(&sealed)
    })
}

/// The body of `ra_budget_open` and `ra_budget_open_n`.
///
/// # Safety
/// As `ra_budget_open`, with `key`, `sealed` as in [`Text::read`].
unsafe fn budget_open(
    config: *const ra_config,
    key: Text,
    sealed: Text,
    budget_out: *mut *mut ra_budget,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: forwarded from the exported function's contract.
        let error = unsafe { ErrOut::new(error) };
        // SAFETY: as above.
        let (out, config, key, sealed) = unsafe {
            (
                Out::new(budget_out)?,
                borrow(config)?,
                parse_key::<BudgetKey>(key, &error)?,
                sealed.read()?,
            )
        };
        let budget = Budget::open(&config.config.keys, &key, sealed).map_err(error.fail())?;
        out.write(into_handle(ra_budget { budget }));
        Ok(())
    })
}

/// Opens a budget sealed by `ra_budget_seal` under the same `key`, with a configuration
/// whose keys still hold the sealing key. `RA_FLOW_ERROR` with `flow.state_invalid` for
/// anything else (forged, damaged, sealed under another key, a `key` that is not a budget
/// key), without saying which.
///
/// # Safety
/// - `config`: NULL, or a live `ra_config` from this library that no other thread changes during
///   the call.
/// - `key`, `sealed`: each NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes,
///   whichever comes first.
/// - `budget_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_budget_open(
    config: *const ra_config,
    key: *const c_char,
    sealed: *const c_char,
    budget_out: *mut *mut ra_budget,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { budget_open(config, Text::Nul(key), Text::Nul(sealed), budget_out, error) }
}

/// `ra_budget_open` for strings passed with their lengths (`key_len`, `sealed_len`) instead of
/// a NUL: a NUL among the bytes is `RA_INVALID_ARGUMENT`, a length over `RA_MAX_INPUT_LEN` is
/// `RA_INPUT_TOO_LONG` (and none of the bytes is read).
///
/// # Safety
/// - `config`: NULL, or a live `ra_config` from this library that no other thread changes during
///   the call.
/// - `key`: NULL with `key_len` 0, or readable for `key_len` bytes (none is read when `key_len` is
///   over `RA_MAX_INPUT_LEN`).
/// - `sealed`: NULL with `sealed_len` 0, or readable for `sealed_len` bytes (none is read when
///   `sealed_len` is over `RA_MAX_INPUT_LEN`).
/// - `budget_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_budget_open_n(
    config: *const ra_config,
    key: *const c_char,
    key_len: usize,
    sealed: *const c_char,
    sealed_len: usize,
    budget_out: *mut *mut ra_budget,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        budget_open(
            config,
            Text::Len(key, key_len),
            Text::Len(sealed, sealed_len),
            budget_out,
            error,
        )
    }
}

/// When the budget equals a fresh one again (Unix seconds): the host may delete it then,
/// for example as the expiry of its key.
///
/// # Safety
/// - `budget`: NULL, or a live `ra_budget` from this library that no other thread changes during
///   the call.
/// - `idle_at_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_budget_idle_at(
    budget: *const ra_budget,
    idle_at_out: *mut u64,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `idle_at_out` NULL or writable; `budget` NULL or live (`# Safety`).
        let (out, budget) = unsafe { (Out::new(idle_at_out)?, borrow(budget)?) };
        out.write(budget.budget.idle_at().as_secs());
        Ok(())
    })
}

/// Writes the budget as JSON, for debugging only: nothing reads it back. Store
/// `ra_budget_seal`.
///
/// # Safety
/// - `budget`: NULL, or a live `ra_budget` from this library that no other thread changes during
///   the call.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_budget_to_json(
    budget: *const ra_budget,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `budget` NULL or live (`# Safety`).
        let (buf, budget) = unsafe { (Buf::new(buf, cap, len_out)?, borrow(budget)?) };
        buf.write(&budget.budget.to_json())
    })
}

/// Frees a budget. NULL is ignored.
///
/// # Safety
/// - `budget`: NULL, or a live `ra_budget` from this library that no other thread is using; it is
///   freed, and neither it nor anything borrowed from it may be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_budget_free(budget: *mut ra_budget) {
    ffi::guard((), || {
        // SAFETY: NULL or a budget from this library, freed once (`# Safety`).
        unsafe { free(budget) }
    })
}
