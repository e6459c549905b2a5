//! A flow between requests: its id and account, its sealed state (and the JSON for debugging), and
//! freeing it.

use std::ffi::c_char;
use std::sync::Arc;

use restore_access::flow::Flow;

use crate::ffi::{self, Buf, ErrOut, Out, Text, borrow, free, into_handle};
use crate::flow::{ra_config, ra_flow};
use crate::status::{ra_error, ra_status};

/// Writes the flow's identifier (random, URL-safe), to put in links and cookies.
///
/// # Safety
/// - `flow`: NULL, or a live `ra_flow` from this library that no other thread changes during the
///   call.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_flow_id(
    flow: *const ra_flow,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
) -> ra_status {
    // SAFETY: forwarded from the caller (`# Safety`).
    unsafe { write_text(flow, buf, cap, len_out, Flow::id) }
}

/// Writes `text(flow)` into `buf` by the buffer rule.
///
/// # Safety
/// As the functions that call it: `flow` NULL or live, `buf` NULL or `cap` writable bytes,
/// `len_out` NULL or writable.
unsafe fn write_text(
    flow: *const ra_flow,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    text: fn(&Flow) -> &str,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `flow` NULL or live (`# Safety`).
        let (buf, flow) = unsafe { (Buf::new(buf, cap, len_out)?, borrow(flow)?) };
        buf.write(text(&flow.flow))
    })
}

/// Writes the id of the account whose password the flow is about to set — known once the
/// right code was typed or the link opened — so a host that keeps no state of its own can
/// load what it knows of the person for the new password's `ra_personal`. Writes the empty
/// string before and after that step (an account id is never empty).
///
/// # Safety
/// - `flow`: NULL, or a live `ra_flow` from this library that no other thread changes during the
///   call.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_flow_account_id(
    flow: *const ra_flow,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
) -> ra_status {
    // SAFETY: forwarded from the caller (`# Safety`).
    unsafe {
        write_text(flow, buf, cap, len_out, |f| {
            f.account_id().unwrap_or_default()
        })
    }
}

/// Writes the flow's state sealed for the host's store: encrypted and authenticated under
/// the configuration's keys, base64url text of one length at every step, for known and
/// unknown accounts alike (about 1 KiB). Store it anywhere, a cookie included: whoever holds
/// it can neither read nor change it, only present it again, and the credential version
/// answers a replay; the proof (`RA_ACTION_HOLD_PROOF`) does not travel with it. Two seals
/// of one state differ. `RA_CODE_ERROR` with `code.rng` if the OS random generator fails.
///
/// # Safety
/// - `flow`: NULL, or a live `ra_flow` from this library that no other thread changes during the
///   call.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_flow_seal(
    flow: *const ra_flow,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `error` NULL or writable; `flow` NULL or live (`# Safety`).
        let (buf, error, flow) = unsafe {
            (
                Buf::new(buf, cap, len_out)?,
                ErrOut::new(error),
                borrow(flow)?,
            )
        };
        let sealed = flow.flow.seal().map_err(error.fail())?;
        buf.write(&sealed)
    })
}

/// The body of `ra_flow_open` and `ra_flow_open_n`.
///
/// # Safety
/// As `ra_flow_open`, with `sealed` as in [`Text::read`].
unsafe fn flow_open(
    config: *const ra_config,
    sealed: Text,
    flow_out: *mut *mut ra_flow,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: forwarded from the exported function's contract.
        let (out, error, config, sealed) = unsafe {
            (
                Out::new(flow_out)?,
                ErrOut::new(error),
                borrow(config)?,
                sealed.read()?,
            )
        };
        let flow = Flow::open(Arc::clone(&config.config), sealed).map_err(error.fail())?;
        out.write(into_handle(ra_flow { flow }));
        Ok(())
    })
}

/// Continues a flow from a state sealed by `ra_flow_seal`, under a configuration of the same
/// portal whose keys still hold the sealing key. `RA_FLOW_ERROR` with `flow.state_invalid`
/// for anything else — forged, damaged, truncated, another portal's, another library
/// version's, a retired key's — without saying which.
///
/// # Safety
/// - `config`: NULL, or a live `ra_config` from this library that no other thread changes during
///   the call.
/// - `sealed`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `flow_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_flow_open(
    config: *const ra_config,
    sealed: *const c_char,
    flow_out: *mut *mut ra_flow,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { flow_open(config, Text::Nul(sealed), flow_out, error) }
}

/// `ra_flow_open` for a string passed with its length (`sealed_len`) instead of a NUL: a NUL
/// among the bytes is `RA_INVALID_ARGUMENT`, a length over `RA_MAX_INPUT_LEN` is
/// `RA_INPUT_TOO_LONG` (and none of the bytes is read).
///
/// # Safety
/// - `config`: NULL, or a live `ra_config` from this library that no other thread changes during
///   the call.
/// - `sealed`: NULL with `sealed_len` 0, or readable for `sealed_len` bytes (none is read when
///   `sealed_len` is over `RA_MAX_INPUT_LEN`).
/// - `flow_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_flow_open_n(
    config: *const ra_config,
    sealed: *const c_char,
    sealed_len: usize,
    flow_out: *mut *mut ra_flow,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { flow_open(config, Text::Len(sealed, sealed_len), flow_out, error) }
}

/// Writes the flow's state as JSON, for debugging only: nothing reads it back (store
/// `ra_flow_seal`). It holds personal data (the login): do not log it.
///
/// # Safety
/// - `flow`: NULL, or a live `ra_flow` from this library that no other thread changes during the
///   call.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_flow_to_json(
    flow: *const ra_flow,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `flow` NULL or live (`# Safety`).
        let (buf, flow) = unsafe { (Buf::new(buf, cap, len_out)?, borrow(flow)?) };
        buf.write(&flow.flow.to_json())
    })
}

/// Frees a flow. NULL is ignored.
///
/// # Safety
/// - `flow`: NULL, or a live `ra_flow` from this library that no other thread is using; it is
///   freed, and neither it nor anything borrowed from it may be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_flow_free(flow: *mut ra_flow) {
    ffi::guard((), || {
        // SAFETY: NULL or a flow from this library, freed once (`# Safety`).
        unsafe { free(flow) }
    })
}
