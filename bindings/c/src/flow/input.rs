//! One input to `ra_flow_handle`, as C fills it in, and its reading into the core's `Input`.

use std::ffi::c_char;

use restore_access::flow::{Input, Proof};
use restore_access::password::Password;

use crate::ffi::{borrow, opt_text, text};
use crate::flow::ra_account;
use crate::password::{ra_personal, read_personal};
use crate::status::ra_status;

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
pub(crate) unsafe fn read_input(p: *const ra_input) -> Result<Input, ra_status> {
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
            personal: unsafe { read_personal(input.personal) }?,
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
