//! The recovery flow as opaque handles: its configuration, the budgets it spends, the
//! account a lookup found, the flow itself and the inputs that drive it.

use std::ffi::c_char;
use std::sync::Arc;

use restore_access::UnixTime;
use restore_access::flow::{
    Account, Budget, BudgetKey, Budgets, Config, Flow, Input, MAX_ACCOUNT_ID_LEN, Portal, Proof,
    Step,
};
use restore_access::id::{Document, Snils};
use restore_access::password::Password;

use crate::code::ra_keys;
use crate::ffi::{
    self, Buf, ErrOut, Out, Text, borrow, borrow_mut, free, into_handle, opt_text, parse_key, text,
};
use crate::password::{Personal, ra_personal};
use crate::status::{ra_error, ra_status};
use crate::step::ra_step;

/// Which portal's recovery rules a flow follows.
pub type ra_portal = u32;
/// Госуслуги: contact → document → human check → code or link → new password.
pub const RA_PORTAL_GOSUSLUGI: ra_portal = 0;
/// mos.ru: login and surname → code or link → new password.
pub const RA_PORTAL_MOSRU: ra_portal = 1;

/// A portal's flow configuration (its own copy of the keys, the password policy, the
/// limits). Immutable: share it between threads and flows. Flows keep what they need, so it
/// may be freed before them. Free with `ra_config_free`.
#[derive(Debug)]
pub struct ra_config {
    config: Arc<Config>,
}

/// The preset configuration for `portal` with a copy of `keys`.
///
/// # Safety
/// - `keys`: NULL, or a live `ra_keys` from this library that no other thread changes during the
///   call.
/// - `config_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_config_new(
    portal: ra_portal,
    keys: *const ra_keys,
    config_out: *mut *mut ra_config,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `config_out` NULL or writable; `keys` NULL or live (`# Safety`).
        let (out, keys) = unsafe { (Out::new(config_out)?, borrow(keys)?) };
        let portal = match portal {
            RA_PORTAL_GOSUSLUGI => Portal::Gosuslugi,
            RA_PORTAL_MOSRU => Portal::Mosru,
            _ => return Err(ra_status::RA_INVALID_ARGUMENT),
        };
        let config = Arc::new(Config::for_portal(portal, keys.keys.clone()));
        out.write(into_handle(ra_config { config }));
        Ok(())
    })
}

/// Frees a configuration. NULL is ignored.
///
/// # Safety
/// - `config`: NULL, or a live `ra_config` from this library that no other thread is using; it is
///   freed, and neither it nor anything borrowed from it may be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_config_free(config: *mut ra_config) {
    ffi::guard((), || {
        // SAFETY: NULL or a configuration from `ra_config_new`, freed once (`# Safety`).
        unsafe { free(config) }
    })
}

/// What one identity (a phone, a mailbox, a СНИЛС) may still spend across all its flows:
/// sends, code guesses, and the lockout after too many wrong codes. The host keeps one per
/// budget key (`ra_flow_budget_key`) in its own store, sealed (`ra_budget_seal`) — never
/// where the person could send an older copy back, such as a cookie. A key the store does
/// not have is a fresh budget (`ra_budget_new`). One thread at a time. Free with
/// `ra_budget_free`.
#[derive(Debug, Default)]
pub struct ra_budget {
    budget: Budget,
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
/// one budget differ. `RA_INVALID_ARGUMENT` for a `key` that is not a budget key;
/// `RA_FLOW_ERROR` with `code.rng` if the OS random generator fails.
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
        let (buf, error, budget, config, key) = unsafe {
            (
                Buf::new(buf, cap, len_out)?,
                ErrOut::new(error),
                borrow(budget)?,
                borrow(config)?,
                parse_key::<BudgetKey>(Text::Nul(key))?,
            )
        };
        let sealed = budget
            .budget
            .seal(&config.config.keys, &key)
            .map_err(flow_error(&error))?;
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
        let (out, error, config, key, sealed) = unsafe {
            (
                Out::new(budget_out)?,
                ErrOut::new(error),
                borrow(config)?,
                parse_key::<BudgetKey>(key)?,
                sealed.read()?,
            )
        };
        let budget = Budget::open(&config.config.keys, &key, sealed).map_err(flow_error(&error))?;
        out.write(into_handle(ra_budget { budget }));
        Ok(())
    })
}

/// Opens a budget sealed by `ra_budget_seal` under the same `key`, with a configuration
/// whose keys still hold the sealing key. `RA_FLOW_ERROR` with `flow.state_invalid` for
/// anything else (forged, damaged, sealed under another key), without saying which;
/// `RA_INVALID_ARGUMENT` for a `key` that is not a budget key.
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
        ffi::write_json(buf, &budget.budget)
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

/// The budgets one `ra_flow_handle` call may spend, by key. For each request: load every
/// budget `ra_flow_budget_key` names for the input into a set (`ra_budgets_insert`), pass
/// the set to `ra_flow_handle`, and after `RA_OK` store each of them back
/// (`ra_budgets_get`, `ra_budget_seal`). One thread at a time. Free with
/// `ra_budgets_free`.
#[derive(Debug, Default)]
pub struct ra_budgets {
    budgets: Budgets,
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
/// frees) `budget`. `RA_INVALID_ARGUMENT` for a `key` that is not a budget key.
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
                parse_key::<BudgetKey>(Text::Nul(key))?,
            )
        };
        budgets.budgets.insert(key, budget.budget.clone());
        Ok(())
    })
}

/// A copy of the budget under `key`, as a new budget the caller frees. `RA_INVALID_ARGUMENT`
/// for a `key` that is not a budget key or not in the set.
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
                parse_key::<BudgetKey>(Text::Nul(key))?,
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

/// The longest account id a flow takes, in bytes (a UUID has 36).
pub const RA_MAX_ACCOUNT_ID_LEN: usize = 64;
const _: () = assert!(RA_MAX_ACCOUNT_ID_LEN == MAX_ACCOUNT_ID_LEN);

/// An account as the host's directory holds it: the answer to `RA_ACTION_LOOK_UP_ACCOUNT`.
/// One thread at a time. Free with `ra_account_free`.
#[derive(Debug)]
pub struct ra_account {
    account: Account,
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
        change(&mut account.account, value).map_err(error.fail(ra_status::RA_ID_ERROR, 0))
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

/// Which input an `ra_input` carries.
pub type ra_input_kind = u32;
/// Госуслуги: the phone, e-mail or СНИЛС typed as the login, in `text`.
pub const RA_INPUT_CONTACT: ra_input_kind = 1;
/// mos.ru: the login in `text` and the surname in `surname`.
pub const RA_INPUT_LOGIN_AND_SURNAME: ra_input_kind = 2;
/// Госуслуги: the passport, ИНН or СНИЛС typed, in `text`.
pub const RA_INPUT_DOCUMENT: ra_input_kind = 3;
/// The answer to `RA_ACTION_LOOK_UP_ACCOUNT`: `account`, or NULL for "no such account".
pub const RA_INPUT_ACCOUNT: ra_input_kind = 4;
/// The host checked that a person, not a robot, is at the keyboard.
pub const RA_INPUT_HUMAN_CHECK_PASSED: ra_input_kind = 5;
/// The code from the SMS as typed, in `text`. When it is right, the step hands this session
/// its proof (`RA_ACTION_HOLD_PROOF`).
pub const RA_INPUT_CODE: ra_input_kind = 6;
/// The person opened the e-mail link: its token in `text`. Also after the flow already
/// waits for the new password (a mail scanner opened the link first): either way the step
/// hands this session its proof (`RA_ACTION_HOLD_PROOF`) and consumes nothing.
pub const RA_INPUT_LINK_OPENED: ra_input_kind = 7;
/// The new password in `text`, with the person's data in `personal` (may be NULL) and the
/// proof this session was handed in `proof` (NULL if it holds none: then `flow.proof_invalid`).
pub const RA_INPUT_NEW_PASSWORD: ra_input_kind = 8;
/// Send the code again.
pub const RA_INPUT_RESEND: ra_input_kind = 9;
/// The person has no access to the phone or e-mail of the account.
pub const RA_INPUT_NO_ACCESS_TO_CONTACTS: ra_input_kind = 10;
/// Nothing arrived (after the waiting time).
pub const RA_INPUT_NOTHING_ARRIVED: ra_input_kind = 11;

/// One input to `ra_flow_handle`. Only the fields its `kind` names are read (the others may
/// be anything); the library copies what it needs during the call.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ra_input {
    /// One of `RA_INPUT_*`.
    pub kind: ra_input_kind,
    /// What was typed: contact, login, document, code, link token or new password.
    pub text: *const c_char,
    /// `RA_INPUT_LOGIN_AND_SURNAME`: the surname as typed.
    pub surname: *const c_char,
    /// `RA_INPUT_ACCOUNT`: the account found, or NULL.
    pub account: *const ra_account,
    /// `RA_INPUT_NEW_PASSWORD`: what the password must not contain, or NULL.
    pub personal: *const ra_personal,
    /// `RA_INPUT_NEW_PASSWORD`: the `secret` of the `RA_ACTION_HOLD_PROOF` this session was
    /// handed (kept in its own cookie or form, apart from the flow's state), or NULL.
    pub proof: *const c_char,
}

/// Reads an `ra_input` into the core's `Input`.
///
/// # Safety
/// `p` is NULL or points to an `ra_input` whose fields, for its kind, are as documented.
unsafe fn read_input(p: *const ra_input) -> Result<Input, ra_status> {
    // SAFETY: forwarded from the caller.
    let input = unsafe { borrow(p) }?;
    // SAFETY: for the kinds that read it, `text` is NULL or NUL-terminated (caller).
    let typed = || unsafe { text(input.text) }.map(str::to_owned);
    Ok(match input.kind {
        RA_INPUT_CONTACT => Input::Contact(typed()?),
        RA_INPUT_LOGIN_AND_SURNAME => Input::LoginAndSurname {
            login: typed()?,
            // SAFETY: `surname` is NULL or NUL-terminated for this kind (caller).
            surname: unsafe { text(input.surname) }?.to_owned(),
        },
        RA_INPUT_DOCUMENT => Input::Document(typed()?),
        RA_INPUT_ACCOUNT => {
            // SAFETY: `account` is NULL or a live account for this kind (caller).
            let account = unsafe { input.account.as_ref() };
            Input::Account(account.map(|a| a.account.clone()))
        }
        RA_INPUT_HUMAN_CHECK_PASSED => Input::HumanCheckPassed,
        RA_INPUT_CODE => Input::Code(typed()?),
        RA_INPUT_LINK_OPENED => Input::LinkOpened(typed()?),
        RA_INPUT_NEW_PASSWORD => Input::NewPassword {
            password: Password::new(typed()?),
            // SAFETY: `personal` is NULL or a valid `ra_personal` for this kind (caller).
            personal: unsafe { Personal::read(input.personal) }?.to_owned_data(),
            // No proof is an empty one, which the flow refuses as it refuses a wrong one.
            // SAFETY: `proof` is NULL or NUL-terminated for this kind (caller).
            proof: Proof::new(unsafe { opt_text(input.proof) }?.unwrap_or_default()),
        },
        RA_INPUT_RESEND => Input::Resend,
        RA_INPUT_NO_ACCESS_TO_CONTACTS => Input::NoAccessToContacts,
        RA_INPUT_NOTHING_ARRIVED => Input::NothingArrived,
        _ => return Err(ra_status::RA_INVALID_ARGUMENT),
    })
}

/// One person's recovery attempt. Not synchronised: one thread at a time (it may move
/// between threads). Store it between requests with `ra_flow_seal`, load it with
/// `ra_flow_open`; free with `ra_flow_free`.
#[derive(Debug)]
pub struct ra_flow {
    flow: Flow,
}

fn flow_error(error: &ErrOut) -> impl FnOnce(restore_access::flow::Error) -> ra_status + '_ {
    move |e| {
        let retry = e.retry_after().map_or(0, |d| d.as_secs());
        error.fail(ra_status::RA_FLOW_ERROR, retry)(e)
    }
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
            .map_err(flow_error(&error))?;
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
        let snils: Snils = snils
            .parse()
            .map_err(error.fail(ra_status::RA_ID_ERROR, 0))?;
        let started = Flow::after_signup_conflict(
            Arc::clone(&config.config),
            &snils,
            UnixTime::from_secs(now),
        )
        .map_err(flow_error(&error))?;
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
    flow.flow.budget_keys(&input).map_err(flow_error(error))
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
/// `*step_out`. `RA_FLOW_ERROR` with the reason (`flow.unexpected_input`, `phone.length`,
/// `flow.resend_too_soon` with `retry_after_secs`, `flow.proof_invalid`, …): the flow and
/// the budgets are then unchanged.
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
            .map_err(flow_error(&error))?;
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
    ffi::status(|| {
        // SAFETY: buffer rule; `flow` NULL or live (`# Safety`).
        let (buf, flow) = unsafe { (Buf::new(buf, cap, len_out)?, borrow(flow)?) };
        buf.write(flow.flow.id())
    })
}

/// Writes the flow's state sealed for the host's store: encrypted and authenticated under
/// the configuration's keys, base64url text of one length at every step, for known and
/// unknown accounts alike (about 1 KiB). Store it anywhere, a cookie included: whoever holds
/// it can neither read nor change it, only present it again, and the credential version
/// answers a replay; the proof (`RA_ACTION_HOLD_PROOF`) does not travel with it. Two seals
/// of one state differ. `RA_FLOW_ERROR` with `code.rng` if the OS random generator fails.
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
        let sealed = flow.flow.seal().map_err(flow_error(&error))?;
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
        let flow = Flow::open(Arc::clone(&config.config), sealed).map_err(flow_error(&error))?;
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
