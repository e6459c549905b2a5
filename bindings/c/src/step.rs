//! A step of the flow as C reads it: typed accessors for the prompt and each action, and the
//! prompt's JSON for hosts that render it generically.

use std::ffi::{CString, c_char};

use restore_access::ErrorCode;
use restore_access::flow::{Action, DocumentKind, Escalation, Prompt, Route, Step};
use zeroize::Zeroizing;

use crate::code::{channel_value, ra_channel};
use crate::ffi::{self, Buf, Out, borrow, free, owned_cstring, static_cstr};
use crate::status::ra_status;

/// The kind of a prompt (its `code` tells the same as a string).
pub type ra_prompt_kind = u32;
/// A prompt newer than this header: read `code` or the JSON.
pub const RA_PROMPT_OTHER: ra_prompt_kind = 0;
/// Госуслуги: type the phone, e-mail or СНИЛС of the account.
pub const RA_PROMPT_ENTER_CONTACT: ra_prompt_kind = 1;
/// mos.ru: type the login and the surname.
pub const RA_PROMPT_ENTER_LOGIN_AND_SURNAME: ra_prompt_kind = 2;
/// Госуслуги: type a document (passport, ИНН or СНИЛС).
pub const RA_PROMPT_ENTER_DOCUMENT: ra_prompt_kind = 3;
/// Nothing to show: carry out the actions (an account lookup) and answer.
pub const RA_PROMPT_AWAITING_HOST: ra_prompt_kind = 4;
/// Госуслуги: the «I am not a robot» check.
pub const RA_PROMPT_HUMAN_CHECK: ra_prompt_kind = 5;
/// A code or link was sent (if the account exists): `channel`, `digits`, `attempts_left`,
/// `resend_at`, `rejected`.
pub const RA_PROMPT_CODE_SENT: ra_prompt_kind = 6;
/// Choose the new password; `violation_count` codes of the last refused one.
pub const RA_PROMPT_NEW_PASSWORD: ra_prompt_kind = 7;
/// The password was changed; every session was ended. Final.
pub const RA_PROMPT_DONE: ra_prompt_kind = 8;
/// Too many wrong codes; a new attempt from `retry_at`. Final.
pub const RA_PROMPT_LOCKED: ra_prompt_kind = 9;
/// Self-service cannot go on: `escalation` says why, `route_count` routes where to turn.
/// Final.
pub const RA_PROMPT_ESCALATION: ra_prompt_kind = 10;

/// Why the flow escalated.
pub type ra_escalation = u32;
/// Not an escalation.
pub const RA_ESCALATION_NONE: ra_escalation = 0;
/// No access to the account's phone or e-mail.
pub const RA_ESCALATION_NO_ACCESS: ra_escalation = 1;
/// Nothing arrived within the waiting time.
pub const RA_ESCALATION_NOTHING_ARRIVED: ra_escalation = 2;

/// The prompt of a step, field by field. Strings are static (never freed).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ra_prompt_info {
    /// One of `RA_PROMPT_*`.
    pub kind: ra_prompt_kind,
    /// The stable prompt code (`prompt.code_sent_sms`); its text via `ra_message`.
    pub code: *const c_char,
    /// Whether the flow has ended (done, locked, escalated).
    pub is_final: bool,
    /// `RA_PROMPT_CODE_SENT`: how it was sent (`RA_CHANNEL_NONE` when not said).
    pub channel: ra_channel,
    /// `RA_PROMPT_CODE_SENT`: digits in the SMS code.
    pub digits: u8,
    /// `RA_PROMPT_CODE_SENT`: wrong codes the person may still type.
    pub attempts_left: u8,
    /// `RA_PROMPT_CODE_SENT`: when a new code may be asked for (Unix seconds).
    pub resend_at: u64,
    /// `RA_PROMPT_CODE_SENT`: why the last code was refused (`code.wrong`), or NULL.
    pub rejected: *const c_char,
    /// `RA_PROMPT_LOCKED`: when recovery may be tried again (Unix seconds).
    pub retry_at: u64,
    /// `RA_PROMPT_ESCALATION`: why.
    pub escalation: ra_escalation,
    /// `RA_PROMPT_NEW_PASSWORD`: codes of the broken rules, read with `ra_step_violation`.
    pub violation_count: usize,
    /// `RA_PROMPT_ESCALATION`: routes, read with `ra_step_route`.
    pub route_count: usize,
}

/// A way to regain access when self-service cannot go on.
pub type ra_route_kind = u32;
/// A route newer than this header.
pub const RA_ROUTE_OTHER: ra_route_kind = 0;
/// The portal's support form.
pub const RA_ROUTE_SUPPORT_FORM: ra_route_kind = 1;
/// The portal's phone line, `phone`.
pub const RA_ROUTE_PHONE_LINE: ra_route_kind = 2;
/// A service centre; bring the documents in `bring`.
pub const RA_ROUTE_SERVICE_CENTRE: ra_route_kind = 3;

/// `ra_route_info.bring`: the passport.
pub const RA_BRING_PASSPORT: u32 = 1;
/// `ra_route_info.bring`: the СНИЛС.
pub const RA_BRING_SNILS: u32 = 2;
/// `ra_route_info.bring`: the ИНН.
pub const RA_BRING_INN: u32 = 4;

/// One escalation route.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ra_route_info {
    /// One of `RA_ROUTE_*`.
    pub kind: ra_route_kind,
    /// `RA_ROUTE_PHONE_LINE`: the number in E.164, a static string; NULL otherwise.
    pub phone: *const c_char,
    /// `RA_ROUTE_SERVICE_CENTRE`: what to bring, `RA_BRING_*` bits.
    pub bring: u32,
}

/// What the host must carry out.
pub type ra_action_kind = u32;
/// An action newer than this header: ignore it or upgrade.
pub const RA_ACTION_OTHER: ra_action_kind = 0;
/// Look the account up by `phone`, `email` and/or `snils` (each NULL when the login is not
/// one; a bare 11-digit login gives both `phone` and `snils`) and answer with
/// `RA_INPUT_ACCOUNT`.
pub const RA_ACTION_LOOK_UP_ACCOUNT: ra_action_kind = 1;
/// Send the code `secret` by SMS to `phone` of `account`.
pub const RA_ACTION_SEND_SMS_CODE: ra_action_kind = 2;
/// Send a link with `flow_id` and the token `secret` to `email` of `account`.
pub const RA_ACTION_SEND_EMAIL_LINK: ra_action_kind = 3;
/// Store the PHC string `phc` as the password hash of `account` by compare-and-set: only if
/// the account's credential version is still `expected_version`, changing the version in the
/// same write. If it is not (the password changed since the lookup, or this step is a
/// replay), store nothing, carry out none of the remaining actions and show `flow.stale`.
pub const RA_ACTION_STORE_PASSWORD_HASH: ra_action_kind = 4;
/// End every session and remember-me token of `account`.
pub const RA_ACTION_REVOKE_ALL_SESSIONS: ra_action_kind = 5;
/// Tell the person on every contact of `account` that the password changed.
pub const RA_ACTION_NOTIFY_PASSWORD_CHANGED: ra_action_kind = 6;
/// Write the audit record `audit_event` for `flow_id` and the masked `login`.
pub const RA_ACTION_AUDIT: ra_action_kind = 7;
/// Hand the proof `secret` to the session that typed the right code or opened the link, and
/// to no other: keep it in that session's own cookie or a hidden field of its new-password
/// form, apart from the flow's state, and pass it back as `ra_input.proof` with
/// `RA_INPUT_NEW_PASSWORD`. Whoever holds only the flow's state cannot set the password.
pub const RA_ACTION_HOLD_PROOF: ra_action_kind = 8;

/// One action, field by field. The strings belong to the step and stay valid until
/// `ra_step_free`; fields an action does not have are NULL.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ra_action_info {
    /// One of `RA_ACTION_*`.
    pub kind: ra_action_kind,
    /// The host's account id.
    pub account: *const c_char,
    /// Lookup: the login, canonical; audit: the login, masked for logs.
    pub login: *const c_char,
    /// The phone, E.164 (`+79161234567`).
    pub phone: *const c_char,
    /// The e-mail with its domain in ASCII (punycode): lookup, the form to compare (the
    /// core's comparison key); e-mail link, the form to deliver to.
    pub email: *const c_char,
    /// Lookup: the СНИЛС, canonical (`112-233-445 95`).
    pub snils: *const c_char,
    /// The flow's id (e-mail link, audit).
    pub flow_id: *const c_char,
    /// The SMS code, the link token or the proof to hold: its only plaintext copy, wiped by
    /// `ra_step_free`.
    pub secret: *const c_char,
    /// The PHC string to store.
    pub phc: *const c_char,
    /// The audit event (`recovery.code_sent`), a static string.
    pub audit_event: *const c_char,
    /// Store-hash: the credential version the account had when the flow looked it up, for
    /// the compare-and-set; 0 for other actions.
    pub expected_version: u64,
}

/// An action with its strings copied out as C strings.
#[derive(Debug, Default)]
struct CAction {
    kind: ra_action_kind,
    account: Option<CString>,
    login: Option<CString>,
    phone: Option<CString>,
    email: Option<CString>,
    snils: Option<CString>,
    flow_id: Option<CString>,
    /// NUL-terminated, wiped on drop.
    secret: Option<Zeroizing<Vec<u8>>>,
    phc: Option<CString>,
    audit_event: Option<&'static str>,
    expected_version: u64,
}

fn c(s: impl AsRef<str>) -> Option<CString> {
    Some(owned_cstring(s.as_ref()))
}

fn secret(s: &str) -> Option<Zeroizing<Vec<u8>>> {
    let mut bytes = Zeroizing::new(Vec::with_capacity(s.len() + 1));
    bytes.extend(s.bytes().filter(|&b| b != 0));
    bytes.push(0);
    Some(bytes)
}

impl CAction {
    fn new(action: Action) -> CAction {
        let none = CAction::default();
        match action {
            Action::LookUpAccount { login } => {
                let keys = login.lookup_keys();
                CAction {
                    kind: RA_ACTION_LOOK_UP_ACCOUNT,
                    login: c(login.to_string()),
                    phone: keys.phone.and_then(c),
                    email: keys.email.and_then(c),
                    snils: keys.snils.and_then(c),
                    ..none
                }
            }
            Action::SendSmsCode {
                account,
                phone,
                code,
            } => CAction {
                kind: RA_ACTION_SEND_SMS_CODE,
                account: c(account),
                phone: c(phone.e164()),
                secret: secret(code.expose()),
                ..none
            },
            Action::SendEmailLink {
                account,
                email,
                flow_id,
                token,
            } => CAction {
                kind: RA_ACTION_SEND_EMAIL_LINK,
                account: c(account),
                email: c(email.ascii()),
                flow_id: c(flow_id),
                secret: secret(token.expose()),
                ..none
            },
            Action::HoldProof { proof } => CAction {
                kind: RA_ACTION_HOLD_PROOF,
                secret: secret(proof.expose()),
                ..none
            },
            Action::StorePasswordHash {
                account,
                phc,
                expected_version,
            } => CAction {
                kind: RA_ACTION_STORE_PASSWORD_HASH,
                account: c(account),
                phc: c(phc),
                expected_version,
                ..none
            },
            Action::RevokeAllSessions { account } => CAction {
                kind: RA_ACTION_REVOKE_ALL_SESSIONS,
                account: c(account),
                ..none
            },
            Action::NotifyPasswordChanged { account } => CAction {
                kind: RA_ACTION_NOTIFY_PASSWORD_CHANGED,
                account: c(account),
                ..none
            },
            Action::Audit(event) => CAction {
                kind: RA_ACTION_AUDIT,
                login: event.login.and_then(c),
                flow_id: c(event.flow_id),
                audit_event: Some(event.event.as_str()),
                ..none
            },
            _ => none,
        }
    }

    fn info(&self) -> ra_action_info {
        let p = |s: &Option<CString>| s.as_ref().map_or(std::ptr::null(), |s| s.as_ptr());
        ra_action_info {
            kind: self.kind,
            account: p(&self.account),
            login: p(&self.login),
            phone: p(&self.phone),
            email: p(&self.email),
            snils: p(&self.snils),
            flow_id: p(&self.flow_id),
            secret: self
                .secret
                .as_ref()
                .map_or(std::ptr::null(), |s| s.as_ptr().cast()),
            phc: p(&self.phc),
            audit_event: self.audit_event.map_or(std::ptr::null(), static_cstr),
            expected_version: self.expected_version,
        }
    }
}

/// What one input led to: the prompt the person sees and the actions for the host.
/// Immutable: may be read from several threads at once. Free with `ra_step_free`, which
/// wipes any code, token or proof in it.
#[derive(Debug)]
pub struct ra_step {
    prompt: Prompt,
    actions: Vec<CAction>,
}

impl ra_step {
    pub(crate) fn new(step: Step) -> ra_step {
        ra_step {
            prompt: step.prompt,
            actions: step.actions.into_iter().map(CAction::new).collect(),
        }
    }

    pub(crate) fn from_prompt(prompt: Prompt) -> ra_step {
        ra_step {
            prompt,
            actions: Vec::new(),
        }
    }

    fn info(&self) -> ra_prompt_info {
        let mut info = ra_prompt_info {
            kind: RA_PROMPT_OTHER,
            code: static_cstr(self.prompt.code()),
            is_final: self.prompt.is_final(),
            channel: channel_value(None),
            digits: 0,
            attempts_left: 0,
            resend_at: 0,
            rejected: std::ptr::null(),
            retry_at: 0,
            escalation: RA_ESCALATION_NONE,
            violation_count: 0,
            route_count: 0,
        };
        info.kind = match &self.prompt {
            Prompt::EnterContact => RA_PROMPT_ENTER_CONTACT,
            Prompt::EnterLoginAndSurname => RA_PROMPT_ENTER_LOGIN_AND_SURNAME,
            Prompt::EnterDocument => RA_PROMPT_ENTER_DOCUMENT,
            Prompt::AwaitingHost => RA_PROMPT_AWAITING_HOST,
            Prompt::HumanCheck => RA_PROMPT_HUMAN_CHECK,
            Prompt::CodeSent {
                channel,
                digits,
                attempts_left,
                resend_at,
                rejected,
            } => {
                info.channel = channel_value(*channel);
                info.digits = *digits;
                info.attempts_left = *attempts_left;
                info.resend_at = resend_at.as_secs();
                info.rejected = rejected
                    .as_ref()
                    .map_or(std::ptr::null(), |e| static_cstr(e.code()));
                RA_PROMPT_CODE_SENT
            }
            Prompt::NewPassword { violations } => {
                info.violation_count = violations.len();
                RA_PROMPT_NEW_PASSWORD
            }
            Prompt::Done => RA_PROMPT_DONE,
            Prompt::Locked { retry_at } => {
                info.retry_at = retry_at.as_secs();
                RA_PROMPT_LOCKED
            }
            Prompt::Escalation { reason, routes } => {
                info.escalation = match reason {
                    Escalation::NoAccess => RA_ESCALATION_NO_ACCESS,
                    Escalation::NothingArrived => RA_ESCALATION_NOTHING_ARRIVED,
                };
                info.route_count = routes.len();
                RA_PROMPT_ESCALATION
            }
            _ => RA_PROMPT_OTHER,
        };
        info
    }
}

/// Reads the step's prompt.
///
/// # Safety
/// - `step`: NULL, or a live `ra_step` from this library that no other thread changes during the
///   call.
/// - `info_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_step_prompt(
    step: *const ra_step,
    info_out: *mut ra_prompt_info,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `info_out` NULL or writable; `step` NULL or live (`# Safety`).
        let (out, step) = unsafe { (Out::new(info_out)?, borrow(step)?) };
        out.write(step.info());
        Ok(())
    })
}

/// Writes the prompt as JSON (`{"prompt":"code_sent","channel":"sms",…}`): the public part
/// of a step, byte-identical for known and unknown accounts.
///
/// # Safety
/// - `step`: NULL, or a live `ra_step` from this library that no other thread changes during the
///   call.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_step_prompt_json(
    step: *const ra_step,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `step` NULL or live (`# Safety`).
        let (buf, step) = unsafe { (Buf::new(buf, cap, len_out)?, borrow(step)?) };
        buf.write(&step.prompt.to_json())
    })
}

/// The code of broken password rule `index` of an `RA_PROMPT_NEW_PASSWORD` prompt: a static
/// string. `RA_INVALID_ARGUMENT` for `index >= violation_count`.
///
/// # Safety
/// - `step`: NULL, or a live `ra_step` from this library that no other thread changes during the
///   call.
/// - `code_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_step_violation(
    step: *const ra_step,
    index: usize,
    code_out: *mut *const c_char,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `code_out` NULL or writable; `step` NULL or live (`# Safety`).
        let (out, step) = unsafe { (Out::new(code_out)?, borrow(step)?) };
        let Prompt::NewPassword { violations } = &step.prompt else {
            return Err(ra_status::RA_INVALID_ARGUMENT);
        };
        let code = violations
            .get(index)
            .ok_or(ra_status::RA_INVALID_ARGUMENT)?;
        out.write(static_cstr(code));
        Ok(())
    })
}

/// Route `index` of an `RA_PROMPT_ESCALATION` prompt. `RA_INVALID_ARGUMENT` for
/// `index >= route_count`.
///
/// # Safety
/// - `step`: NULL, or a live `ra_step` from this library that no other thread changes during the
///   call.
/// - `route_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_step_route(
    step: *const ra_step,
    index: usize,
    route_out: *mut ra_route_info,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `route_out` NULL or writable; `step` NULL or live (`# Safety`).
        let (out, step) = unsafe { (Out::new(route_out)?, borrow(step)?) };
        let Prompt::Escalation { routes, .. } = &step.prompt else {
            return Err(ra_status::RA_INVALID_ARGUMENT);
        };
        let route = routes.get(index).ok_or(ra_status::RA_INVALID_ARGUMENT)?;
        let mut info = ra_route_info {
            kind: RA_ROUTE_OTHER,
            phone: std::ptr::null(),
            bring: 0,
        };
        match route {
            Route::SupportForm => info.kind = RA_ROUTE_SUPPORT_FORM,
            Route::PhoneLine { phone } => {
                info.kind = RA_ROUTE_PHONE_LINE;
                info.phone = static_cstr(phone);
            }
            Route::ServiceCentre { bring } => {
                info.kind = RA_ROUTE_SERVICE_CENTRE;
                for document in *bring {
                    info.bring |= match document {
                        DocumentKind::Passport => RA_BRING_PASSPORT,
                        DocumentKind::Snils => RA_BRING_SNILS,
                        DocumentKind::Inn => RA_BRING_INN,
                        _ => 0,
                    };
                }
            }
            _ => {}
        }
        out.write(info);
        Ok(())
    })
}

/// The number of actions the host must carry out, in order.
///
/// # Safety
/// - `step`: NULL, or a live `ra_step` from this library that no other thread changes during the
///   call.
/// - `count_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_step_action_count(
    step: *const ra_step,
    count_out: *mut usize,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `count_out` NULL or writable; `step` NULL or live (`# Safety`).
        let (out, step) = unsafe { (Out::new(count_out)?, borrow(step)?) };
        out.write(step.actions.len());
        Ok(())
    })
}

/// Action `index`. Its strings live as long as the step. `RA_INVALID_ARGUMENT` for
/// `index >= count`.
///
/// # Safety
/// - `step`: NULL, or a live `ra_step` from this library that no other thread changes during the
///   call.
/// - `action_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_step_action(
    step: *const ra_step,
    index: usize,
    action_out: *mut ra_action_info,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `action_out` NULL or writable; `step` NULL or live (`# Safety`).
        let (out, step) = unsafe { (Out::new(action_out)?, borrow(step)?) };
        let action = step
            .actions
            .get(index)
            .ok_or(ra_status::RA_INVALID_ARGUMENT)?;
        out.write(action.info());
        Ok(())
    })
}

/// Frees a step, wiping any code, token or proof it holds. NULL is ignored.
///
/// # Safety
/// - `step`: NULL, or a live `ra_step` from this library that no other thread is using; it is
///   freed, and neither it nor anything borrowed from it may be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_step_free(step: *mut ra_step) {
    ffi::guard((), || {
        // SAFETY: NULL or a step from this library, freed once (`# Safety`).
        unsafe { free(step) }
    })
}
