//! The account the host's lookup found, as the flow reads it.

use std::ffi::c_char;

use restore_access::flow::{Account, MAX_ACCOUNT_ID_LEN};
use restore_access::id::Document;

use crate::ffi::{self, ErrOut, Out, borrow_mut, free, into_handle, text};
use crate::status::{ra_error, ra_status};

/// The longest account id a flow takes, in bytes (a UUID has 36).
pub const RA_MAX_ACCOUNT_ID_LEN: usize = 64;
const _: () = assert!(RA_MAX_ACCOUNT_ID_LEN == MAX_ACCOUNT_ID_LEN);

/// An account as the host's directory holds it: the answer to `RA_ACTION_LOOK_UP_ACCOUNT`.
/// One thread at a time. Free with `ra_account_free`.
#[derive(Debug)]
pub struct ra_account {
    pub(crate) account: Account,
}

/// An account with the host's identifier `id` (1 to `RA_MAX_ACCOUNT_ID_LEN` bytes; a flow
/// refuses another with `flow.account_id`), credential version 0 and nothing bound yet.
///
/// # Safety
/// - `id`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `account_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_account_new(
    id: *const c_char,
    account_out: *mut *mut ra_account,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `account_out` NULL or writable; `id` NULL or NUL-terminated (`# Safety`).
        let (out, id) = unsafe { (Out::new(account_out)?, text(id)?) };
        out.write(into_handle(ra_account {
            account: Account::new(id),
        }));
        Ok(())
    })
}

/// Changes an account through `change`, which may refuse with an identifier error.
///
/// # Safety
/// As the exported `ra_account_set_*` functions: `account` NULL or a live account no other
/// thread uses, `value` NULL or NUL-terminated within the bound, `error` NULL or writable.
unsafe fn edit_account(
    account: *mut ra_account,
    value: *const c_char,
    error: *mut ra_error,
    change: impl FnOnce(&mut Account, &str) -> Result<(), restore_access::id::Error>,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: forwarded from the caller.
        let (account, error, value) =
            unsafe { (borrow_mut(account)?, ErrOut::new(error), text(value)?) };
        change(&mut account.account, value).map_err(error.fail())
    })
}

/// Sets the account's credential version: a number the host changes whenever the password
/// changes (a counter, or the time of the change in milliseconds), kept beside the password
/// hash. The flow hands it back in `RA_ACTION_STORE_PASSWORD_HASH` (`expected_version`) for
/// the host's compare-and-set, so a replayed flow cannot change the password twice.
///
/// # Safety
/// - `account`: NULL, or a live `ra_account` from this library that no other thread uses during the
///   call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_account_set_credential_version(
    account: *mut ra_account,
    version: u64,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `account` NULL or live and unshared (`# Safety`).
        let account = unsafe { borrow_mut(account) }?;
        account.account.credential_version = version;
        Ok(())
    })
}

/// Binds the phone to the account. `RA_ID_ERROR` with a `phone.*` code.
///
/// # Safety
/// - `account`: NULL, or a live `ra_account` from this library that no other thread uses during the
///   call.
/// - `phone`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_account_set_phone(
    account: *mut ra_account,
    phone: *const c_char,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        edit_account(account, phone, error, |a, s| {
            a.phone = Some(s.parse()?);
            Ok(())
        })
    }
}

/// Binds the e-mail to the account. `RA_ID_ERROR` with an `email.*` code.
///
/// # Safety
/// - `account`: NULL, or a live `ra_account` from this library that no other thread uses during the
///   call.
/// - `email`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_account_set_email(
    account: *mut ra_account,
    email: *const c_char,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        edit_account(account, email, error, |a, s| {
            a.email = Some(s.parse()?);
            Ok(())
        })
    }
}

/// Sets the surname (mos.ru checks it). Any text; never refused.
///
/// # Safety
/// - `account`: NULL, or a live `ra_account` from this library that no other thread uses during the
///   call.
/// - `surname`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever
///   comes first.
/// - `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_account_set_surname(
    account: *mut ra_account,
    surname: *const c_char,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        edit_account(account, surname, error, |a, s| {
            a.surname = Some(s.to_owned());
            Ok(())
        })
    }
}

/// Adds a document on file (passport, a person's ИНН or СНИЛС; Госуслуги checks the typed
/// one against these). `RA_ID_ERROR` with `document.format` or the identifier's code.
///
/// # Safety
/// - `account`: NULL, or a live `ra_account` from this library that no other thread uses during the
///   call.
/// - `document`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever
///   comes first.
/// - `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_account_add_document(
    account: *mut ra_account,
    document: *const c_char,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        edit_account(account, document, error, |a, s| {
            a.documents.push(Document::parse(s)?);
            Ok(())
        })
    }
}

/// Frees an account. NULL is ignored.
///
/// # Safety
/// - `account`: NULL, or a live `ra_account` from this library that no other thread is using; it is
///   freed, and neither it nor anything borrowed from it may be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_account_free(account: *mut ra_account) {
    ffi::guard((), || {
        // SAFETY: NULL or an account from `ra_account_new`, freed once (`# Safety`).
        unsafe { free(account) }
    })
}
