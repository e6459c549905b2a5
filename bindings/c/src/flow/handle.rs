//! The flow handle: starting a flow, the budgets an input spends, and advancing it.

use std::ffi::c_char;
use std::sync::Arc;

use restore_access::UnixTime;
use restore_access::flow::{BudgetKey, Flow, Step};
use restore_access::id::Snils;

use crate::ffi::{self, Buf, ErrOut, Out, borrow, borrow_mut, into_handle, text};
use crate::flow::input::read_input;
use crate::flow::{ra_budgets, ra_config, ra_input};
use crate::status::{ra_error, ra_status};
use crate::step::ra_step;

/// One person's recovery attempt. Not synchronised: one thread at a time (it may move
/// between threads). Store it between requests with `ra_flow_seal`, load it with
/// `ra_flow_open`; free with `ra_flow_free`.
#[derive(Debug)]
pub struct ra_flow {
    pub(crate) flow: Flow,
}

/// Gives a new flow and its first step to the caller.
fn hand_out(flow_out: Out<*mut ra_flow>, step_out: Out<*mut ra_step>, (flow, step): (Flow, Step)) {
    flow_out.write(into_handle(ra_flow { flow }));
    step_out.write(into_handle(ra_step::new(step)));
}

/// Starts a flow at `now` (Unix seconds): the flow to `*flow_out`, its first step (the
/// prompt, no actions) to `*step_out`.
///
/// # Safety
/// - `config`: NULL, or a live `ra_config` from this library that no other thread changes during
///   the call.
/// - `flow_out`, `step_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_flow_new(
    config: *const ra_config,
    now: u64,
    flow_out: *mut *mut ra_flow,
    step_out: *mut *mut ra_step,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: the outs and `error` NULL or writable; `config` NULL or live (`# Safety`).
        let (flow_out, step_out, error, config) = unsafe {
            (
                Out::new(flow_out)?,
                Out::new(step_out)?,
                ErrOut::new(error),
                borrow(config)?,
            )
        };
        let started = Flow::start(Arc::clone(&config.config), UnixTime::from_secs(now))
            .map_err(error.fail())?;
        hand_out(flow_out, step_out, started);
        Ok(())
    })
}

/// Starts recovery for a person whose sign-up failed with «СНИЛС уже зарегистрирован».
/// Госуслуги: the typed СНИЛС is the login and the first step asks for a document
/// (`RA_PROMPT_ENTER_DOCUMENT`, no actions but the audit record), exactly as if the person
/// had typed the СНИЛС as the contact. mos.ru: a plain start (`RA_PROMPT_ENTER_LOGIN_AND_SURNAME`;
/// the host may fill the login in). `RA_ID_ERROR` with `snils.*` in `error` for a wrong
/// СНИЛС.
///
/// # Safety
/// - `config`: NULL, or a live `ra_config` from this library that no other thread changes during
///   the call.
/// - `snils`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `flow_out`, `step_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_flow_after_signup_conflict(
    config: *const ra_config,
    snils: *const c_char,
    now: u64,
    flow_out: *mut *mut ra_flow,
    step_out: *mut *mut ra_step,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: the outs and `error` NULL or writable; `config` NULL or live; `snils` NULL
        // or NUL-terminated (`# Safety`).
        let (flow_out, step_out, error, config, snils) = unsafe {
            (
                Out::new(flow_out)?,
                Out::new(step_out)?,
                ErrOut::new(error),
                borrow(config)?,
                text(snils)?,
            )
        };
        let snils: Snils = snils.parse().map_err(error.fail())?;
        let started = Flow::after_signup_conflict(
            Arc::clone(&config.config),
            &snils,
            UnixTime::from_secs(now),
        )
        .map_err(error.fail())?;
        hand_out(flow_out, step_out, started);
        Ok(())
    })
}

/// The budget keys `input` spends at the flow's current step, computed once per call: the
/// login's own and, when it is another, the delivery contact's.
///
/// # Safety
/// As [`read_input`].
unsafe fn budget_keys(
    flow: &ra_flow,
    input: *const ra_input,
    error: &ErrOut,
) -> Result<Vec<BudgetKey>, ra_status> {
    // SAFETY: forwarded from the caller.
    let input = unsafe { read_input(input) }?;
    flow.flow.budget_keys(&input).map_err(error.fail())
}

/// How many budgets `input` spends at the flow's current step (0, 1 or 2): read each key
/// with `ra_flow_budget_key` for the same `input`, load those budgets into the
/// `ra_budgets` for `ra_flow_handle`, and store them back after it.
///
/// # Safety
/// - `flow`: NULL, or a live `ra_flow` from this library that no other thread changes during the
///   call.
/// - `input`: NULL, or a readable `ra_input` whose fields for its `kind` are as documented there:
///   each string it reads NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes,
///   whichever comes first; `account` NULL or a live `ra_account` from this library; `personal`
///   NULL or as for `ra_password_check`.
/// - `count_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_flow_budget_key_count(
    flow: *const ra_flow,
    input: *const ra_input,
    count_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `count_out`, `error` NULL or writable; `flow` NULL or live; `input` NULL
        // or a valid input (`# Safety`).
        let (out, error, flow) =
            unsafe { (Out::new(count_out)?, ErrOut::new(error), borrow(flow)?) };
        // SAFETY: as above.
        let keys = unsafe { budget_keys(flow, input, &error) }?;
        out.write(keys.len());
        Ok(())
    })
}

/// Writes budget key `index` that `input` spends at the flow's current step: 22 URL-safe
/// characters, a keyed hash of one identity in its canonical form (every spelling of a phone
/// names one budget; the key holds no personal data). It names the budget in the host's
/// store. `RA_INVALID_ARGUMENT` for `index >= count` (`ra_flow_budget_key_count`).
///
/// # Safety
/// - `flow`: NULL, or a live `ra_flow` from this library that no other thread changes during the
///   call.
/// - `input`: NULL, or a readable `ra_input` whose fields for its `kind` are as documented there:
///   each string it reads NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes,
///   whichever comes first; `account` NULL or a live `ra_account` from this library; `personal`
///   NULL or as for `ra_password_check`.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_flow_budget_key(
    flow: *const ra_flow,
    input: *const ra_input,
    index: usize,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `error` NULL or writable; `flow` NULL or live; `input` NULL
        // or a valid input (`# Safety`).
        let (buf, error, flow) = unsafe {
            (
                Buf::new(buf, cap, len_out)?,
                ErrOut::new(error),
                borrow(flow)?,
            )
        };
        // SAFETY: as above.
        let keys = unsafe { budget_keys(flow, input, &error) }?;
        let key = keys.get(index).ok_or(ra_status::RA_INVALID_ARGUMENT)?;
        buf.write(key.as_str())
    })
}

/// Advances the flow by one input at `now`, spending from `budgets`, which must hold every
/// budget `ra_flow_budget_key` names for this input (one missing: `RA_FLOW_ERROR` with
/// `flow.budget_missing`); store them all back after `RA_OK`. The next step goes to
/// `*step_out`. A refusal comes with its reason in `error` and the status of the reason's
/// domain: `RA_FLOW_ERROR` for `flow.unexpected_input`, `flow.resend_too_soon` (with
/// `retry_after_secs`), `flow.proof_invalid`, …; `RA_ID_ERROR` for a typed identifier
/// refused (`phone.length`, `login.format`, …). The flow and the budgets are then unchanged.
///
/// # Safety
/// - `flow`: NULL, or a live `ra_flow` from this library that no other thread uses during the call.
/// - `input`: NULL, or a readable `ra_input` whose fields for its `kind` are as documented there:
///   each string it reads NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes,
///   whichever comes first; `account` NULL or a live `ra_account` from this library; `personal`
///   NULL or as for `ra_password_check`.
/// - `budgets`: NULL, or a live `ra_budgets` from this library that no other thread uses during the
///   call.
/// - `step_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_flow_handle(
    flow: *mut ra_flow,
    input: *const ra_input,
    now: u64,
    budgets: *mut ra_budgets,
    step_out: *mut *mut ra_step,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `step_out`, `error` NULL or writable; `flow` and `budgets` NULL or live and
        // unshared; `input` NULL or a valid input (`# Safety`).
        let (out, error, flow, budgets, input) = unsafe {
            (
                Out::new(step_out)?,
                ErrOut::new(error),
                borrow_mut(flow)?,
                borrow_mut(budgets)?,
                read_input(input)?,
            )
        };
        let step = flow
            .flow
            .handle(input, UnixTime::from_secs(now), &mut budgets.budgets)
            .map_err(error.fail())?;
        out.write(into_handle(ra_step::new(step)));
        Ok(())
    })
}

/// The prompt for where the flow is now (to show it again), as a step without actions.
///
/// # Safety
/// - `flow`: NULL, or a live `ra_flow` from this library that no other thread changes during the
///   call.
/// - `step_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_flow_prompt(
    flow: *const ra_flow,
    step_out: *mut *mut ra_step,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `step_out` NULL or writable; `flow` NULL or live (`# Safety`).
        let (out, flow) = unsafe { (Out::new(step_out)?, borrow(flow)?) };
        out.write(into_handle(ra_step::from_prompt(flow.flow.prompt())));
        Ok(())
    })
}
