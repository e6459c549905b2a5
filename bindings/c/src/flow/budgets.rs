//! The set of budgets one `ra_flow_handle` call may spend, by key.

use std::ffi::c_char;

use restore_access::flow::{BudgetKey, Budgets};

use crate::ffi::{self, ErrOut, Out, Text, borrow, borrow_mut, free, into_handle, parse_key};
use crate::flow::ra_budget;
use crate::status::ra_status;

/// The budgets one `ra_flow_handle` call may spend, by key. For each request: load every
/// budget `ra_flow_budget_key` names for the input into a set (`ra_budgets_insert`), pass
/// the set to `ra_flow_handle`, and after `RA_OK` store each of them back
/// (`ra_budgets_get`, `ra_budget_seal`). One thread at a time. Free with
/// `ra_budgets_free`.
#[derive(Debug, Default)]
pub struct ra_budgets {
    pub(crate) budgets: Budgets,
}

/// An empty set of budgets.
///
/// # Safety
/// - `budgets_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_budgets_new(budgets_out: *mut *mut ra_budgets) -> ra_status {
    ffi::status(|| {
        // SAFETY: `budgets_out` NULL or writable (`# Safety`).
        let out = unsafe { Out::new(budgets_out) }?;
        out.write(into_handle(ra_budgets::default()));
        Ok(())
    })
}

/// Puts a copy of `budget` under `key`, replacing any budget there; the caller keeps (and
/// frees) `budget`. `RA_FLOW_ERROR` (`flow.state_invalid`) for a `key` that is not a budget
/// key.
///
/// # Safety
/// - `budgets`: NULL, or a live `ra_budgets` from this library that no other thread uses during the
///   call.
/// - `key`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `budget`: NULL, or a live `ra_budget` from this library that no other thread changes during
///   the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_budgets_insert(
    budgets: *mut ra_budgets,
    key: *const c_char,
    budget: *const ra_budget,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `budgets` NULL or live and unshared; `budget` NULL or live; `key` NULL or
        // NUL-terminated (`# Safety`).
        let (budgets, budget, key) = unsafe {
            (
                borrow_mut(budgets)?,
                borrow(budget)?,
                parse_key::<BudgetKey>(Text::Nul(key), &ErrOut::none())?,
            )
        };
        budgets.budgets.insert(key, budget.budget.clone());
        Ok(())
    })
}

/// A copy of the budget under `key`, as a new budget the caller frees. `RA_INVALID_ARGUMENT`
/// for a `key` not in the set; `RA_FLOW_ERROR` (`flow.state_invalid`) for a `key` that is not
/// a budget key.
///
/// # Safety
/// - `budgets`: NULL, or a live `ra_budgets` from this library that no other thread changes during
///   the call.
/// - `key`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `budget_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_budgets_get(
    budgets: *const ra_budgets,
    key: *const c_char,
    budget_out: *mut *mut ra_budget,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `budget_out` NULL or writable; `budgets` NULL or live; `key` NULL or
        // NUL-terminated (`# Safety`).
        let (out, budgets, key) = unsafe {
            (
                Out::new(budget_out)?,
                borrow(budgets)?,
                parse_key::<BudgetKey>(Text::Nul(key), &ErrOut::none())?,
            )
        };
        let budget = budgets
            .budgets
            .get(&key)
            .ok_or(ra_status::RA_INVALID_ARGUMENT)?;
        out.write(into_handle(ra_budget {
            budget: budget.clone(),
        }));
        Ok(())
    })
}

/// Frees a set of budgets. NULL is ignored.
///
/// # Safety
/// - `budgets`: NULL, or a live `ra_budgets` from this library that no other thread is using; it is
///   freed, and neither it nor anything borrowed from it may be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_budgets_free(budgets: *mut ra_budgets) {
    ffi::guard((), || {
        // SAFETY: NULL or a set from `ra_budgets_new`, freed once (`# Safety`).
        unsafe { free(budgets) }
    })
}
