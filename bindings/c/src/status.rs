//! The status every fallible function returns, the error details that come with a refusal,
//! and the messages for error codes.

use std::ffi::c_char;

use restore_access::ErrorCode;
use restore_access::catalog;
use restore_access::code::RetryAfter;
use restore_access::i18n::Domain;

use crate::ffi::{self, Buf, ErrOut, text};

/// What a call came to. Values are stable: a value keeps its meaning forever, new values are
/// only added, and a retired value stays reserved.
///
/// 0 is success; 1–99 are misuse of the API (the call did nothing); 100 and up mean the
/// library read the input and refused it, with the reason as a stable error code in
/// `ra_error.code` (for example `snils.checksum`) whose message `ra_message` gives.
/// Which of them is the part of the library the code belongs to, whichever function met it:
/// `phone.length` is `RA_ID_ERROR` from `ra_phone_normalize` and from `ra_flow_handle`
/// alike, `code.rng` is `RA_CODE_ERROR` from every seal.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ra_status {
    /// Success: the out-parameters were written.
    RA_OK = 0,
    /// A pointer the function needs was NULL.
    RA_NULL_POINTER = 1,
    /// A string was not valid UTF-8.
    RA_INVALID_UTF8 = 2,
    /// A string was longer than `RA_MAX_INPUT_LEN` bytes.
    RA_INPUT_TOO_LONG = 3,
    /// The output buffer is too small; `*len_out` holds the length needed (without the NUL).
    RA_BUFFER_TOO_SMALL = 4,
    /// An enumeration value (language, portal, input kind, …) or an index out of range.
    RA_INVALID_ARGUMENT = 5,
    /// `ra_message` was asked for a code this library does not define.
    RA_UNKNOWN_CODE = 6,
    /// A bug in the library was caught at the boundary; nothing was written.
    RA_PANIC = 7,
    /// An identifier (СНИЛС, ИНН, passport, phone, e-mail, login, document) was refused.
    RA_ID_ERROR = 100,
    /// A password hash or hasher setting was refused.
    RA_PASSWORD_ERROR = 200,
    /// A one-time code, link token or key was refused.
    RA_CODE_ERROR = 300,
    /// The recovery flow refused an input or a stored state.
    RA_FLOW_ERROR = 400,
}

/// The status of a refusal by the core: the error's domain decides, never the function that
/// met it, so `phone.length` is `RA_ID_ERROR` from `ra_phone_normalize` and from inside a
/// flow alike. Records the details in `details` for a status of 100 and up.
///
/// Every refusal by the core goes through here (by way of [`ErrOut::fail`]).
pub(crate) fn refusal(error: &dyn ErrorCode, details: &ErrOut) -> ra_status {
    let status = match error.domain() {
        Domain::Id(_) => ra_status::RA_ID_ERROR,
        Domain::Password => ra_status::RA_PASSWORD_ERROR,
        Domain::Code => ra_status::RA_CODE_ERROR,
        Domain::Flow => ra_status::RA_FLOW_ERROR,
        // C passes every enumeration as a number, refused before the core sees it, so no
        // name reaches the core from here; were one to, it is an argument out of range.
        Domain::Name => return ra_status::RA_INVALID_ARGUMENT,
        // A domain newer than this binding is a bug in the binding: reported as one.
        _ => return ra_status::RA_PANIC,
    };
    details.record(ra_error {
        code: ffi::static_cstr(error.code()),
        // Rounded up, as the core rounds a wait: never earlier than the core allows.
        retry_after_secs: error.retry_after().map_or(0, |d| RetryAfter(d).secs()),
    });
    status
}

/// Details of a refusal (status 100 and up), written through the optional `ra_error *`
/// parameter only when such a status is returned.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ra_error {
    /// The stable error code (`snils.checksum`, `code.wrong`, `flow.resend_too_soon`): a
    /// static string owned by the library, valid for the life of the process. Never freed.
    pub code: *const c_char,
    /// Seconds to wait before trying again, for the codes that have such a time
    /// (`flow.resend_too_soon`, `flow.send_limited`, `flow.guess_limited`, `flow.locked`,
    /// `flow.too_early`, `code.rate_limited`); 0 otherwise.
    pub retry_after_secs: u64,
}

/// The language of a message: `RA_LANG_RU` or `RA_LANG_EN`.
pub type ra_lang = u32;
/// Russian, the language of the portals' own forms.
pub const RA_LANG_RU: ra_lang = 0;
/// English.
pub const RA_LANG_EN: ra_lang = 1;

pub(crate) fn lang(value: ra_lang) -> Result<restore_access::Lang, ra_status> {
    match value {
        RA_LANG_RU => Ok(restore_access::Lang::Ru),
        RA_LANG_EN => Ok(restore_access::Lang::En),
        _ => Err(ra_status::RA_INVALID_ARGUMENT),
    }
}

/// Writes the message for the error or prompt `code` in `lang` into `buf` (UTF-8,
/// NUL-terminated).
///
/// Returns `RA_UNKNOWN_CODE` for a code the library does not define, `RA_INVALID_ARGUMENT`
/// for another `lang`. Buffer convention as everywhere: see the top of this header.
///
/// # Safety
/// - `code`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_message(
    code: *const c_char,
    lang: ra_lang,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `buf` is NULL or `cap` writable bytes, `len_out` NULL or writable (`# Safety`).
        let buf = unsafe { Buf::new(buf, cap, len_out) }?;
        // SAFETY: `code` is NULL or NUL-terminated within the bound (`# Safety`).
        let code = unsafe { text(code) }?;
        let lang = self::lang(lang)?;
        let message = catalog::message(code, lang).ok_or(ra_status::RA_UNKNOWN_CODE)?;
        buf.write(message)
    })
}

/// The name of `status` (`"RA_BUFFER_TOO_SMALL"`), for logs: a static string, never freed.
/// `"RA_UNKNOWN_STATUS"` for a value this version does not define.
#[unsafe(no_mangle)]
pub extern "C" fn ra_status_name(status: u32) -> *const c_char {
    let name: &'static std::ffi::CStr = match status {
        0 => c"RA_OK",
        1 => c"RA_NULL_POINTER",
        2 => c"RA_INVALID_UTF8",
        3 => c"RA_INPUT_TOO_LONG",
        4 => c"RA_BUFFER_TOO_SMALL",
        5 => c"RA_INVALID_ARGUMENT",
        6 => c"RA_UNKNOWN_CODE",
        7 => c"RA_PANIC",
        100 => c"RA_ID_ERROR",
        200 => c"RA_PASSWORD_ERROR",
        300 => c"RA_CODE_ERROR",
        400 => c"RA_FLOW_ERROR",
        _ => c"RA_UNKNOWN_STATUS",
    };
    name.as_ptr()
}

#[cfg(test)]
mod tests {
    use std::ffi::CStr;
    use std::time::Duration;

    use restore_access::flow::Portal;
    use restore_access::{Phone, code, flow};

    use super::*;

    /// The status and the details `refusal` gives `error`.
    fn refused(error: &dyn ErrorCode) -> (ra_status, Option<(String, u64)>) {
        let mut details = ra_error {
            code: std::ptr::null(),
            retry_after_secs: 0,
        };
        // SAFETY: `details` is a live, writable `ra_error`.
        let status = refusal(error, &unsafe { ErrOut::new(&mut details) });
        let written = (!details.code.is_null()).then(|| {
            // SAFETY: a code from `static_cstr`: NUL-terminated, static.
            let code = unsafe { CStr::from_ptr(details.code) };
            (
                code.to_string_lossy().into_owned(),
                details.retry_after_secs,
            )
        });
        (status, written)
    }

    #[test]
    fn the_domain_decides_the_status() {
        let phone = "+7 916".parse::<Phone>().unwrap_err();
        let (status, details) = refused(&phone);
        assert_eq!(status, ra_status::RA_ID_ERROR);
        assert_eq!(details, Some((phone.code().to_owned(), 0)));
        assert_eq!(
            refused(&flow::Error::StateInvalid),
            (
                ra_status::RA_FLOW_ERROR,
                Some(("flow.state_invalid".into(), 0))
            )
        );
        // A wait is rounded up, never shortened.
        let limited = code::Error::RateLimited {
            retry_after: Duration::from_millis(1500),
        };
        assert_eq!(
            refused(&limited),
            (
                ra_status::RA_CODE_ERROR,
                Some(("code.rate_limited".into(), 2))
            )
        );
        // A name never reaches the core from C; were one to, it is an argument out of range,
        // without details (those come with statuses of 100 and up).
        let name = "gosuslugi.ru".parse::<Portal>().unwrap_err();
        assert_eq!(refused(&name), (ra_status::RA_INVALID_ARGUMENT, None));
    }
}
