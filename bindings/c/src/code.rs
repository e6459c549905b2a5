//! One-time codes: server keys, SMS codes and link tokens, and the keyed records that check
//! them.

use std::ffi::c_char;

use restore_access::UnixTime;
use restore_access::code::{self, CodeRecord, Keys, LinkToken, Purpose, SmsCode};
use zeroize::Zeroizing;

use crate::ffi::{
    self, Buf, ErrOut, Out, Text, borrow, borrow_mut, bytes, free, into_handle, text,
};
use crate::status::{ra_error, ra_status};

/// How a code reaches the person.
pub type ra_channel = u32;
/// Not said (a prompt for a СНИЛС login: "the phone or e-mail of the account").
pub const RA_CHANNEL_NONE: ra_channel = 0;
/// A numeric code by SMS.
pub const RA_CHANNEL_SMS: ra_channel = 1;
/// A link with a token by e-mail.
pub const RA_CHANNEL_EMAIL: ra_channel = 2;

pub(crate) fn channel_value(channel: Option<code::Channel>) -> ra_channel {
    match channel {
        Some(code::Channel::Sms) => RA_CHANNEL_SMS,
        Some(code::Channel::Email) => RA_CHANNEL_EMAIL,
        _ => RA_CHANNEL_NONE,
    }
}

/// What a code is for; bound into its hash, so a code for one purpose fails for another.
pub type ra_purpose = u32;
/// Recovering access (resetting the password).
pub const RA_PURPOSE_RECOVERY: ra_purpose = 0;
/// Confirming a contact while signing up.
pub const RA_PURPOSE_SIGN_UP: ra_purpose = 1;
/// Confirming a new phone or e-mail on an existing account.
pub const RA_PURPOSE_CONTACT_CHANGE: ra_purpose = 2;
/// A second factor while signing in.
pub const RA_PURPOSE_SIGN_IN: ra_purpose = 3;

fn purpose(value: ra_purpose) -> Result<Purpose, ra_status> {
    match value {
        RA_PURPOSE_RECOVERY => Ok(Purpose::Recovery),
        RA_PURPOSE_SIGN_UP => Ok(Purpose::SignUp),
        RA_PURPOSE_CONTACT_CHANGE => Ok(Purpose::ContactChange),
        RA_PURPOSE_SIGN_IN => Ok(Purpose::SignIn),
        _ => Err(ra_status::RA_INVALID_ARGUMENT),
    }
}

/// The server secrets that key code hashes: the current key first, older ones still verify.
/// Read-only calls may run on several threads at once; `ra_keys_rotate` needs the handle to
/// itself. Free with `ra_keys_free` (the secrets are wiped).
#[derive(Debug)]
pub struct ra_keys {
    pub(crate) keys: Keys,
}

/// A key ring holding one key: `id` is 1–16 of `A-Z a-z 0-9 . _ -` (`code.key_id`), the
/// secret 32–64 random bytes (`code.key_length`).
///
/// # Safety
/// - `id`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `secret`: NULL with `secret_len` 0, or readable for `secret_len` bytes.
/// - `keys_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_keys_new(
    id: *const c_char,
    secret: *const u8,
    secret_len: usize,
    keys_out: *mut *mut ra_keys,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `keys_out`, `error` NULL or writable; `id` NULL or NUL-terminated;
        // `secret` NULL or `secret_len` bytes (`# Safety`).
        let (out, error, id, secret) = unsafe {
            (
                Out::new(keys_out)?,
                ErrOut::new(error),
                text(id)?,
                bytes(secret, secret_len)?,
            )
        };
        let keys = Keys::new(id, secret).map_err(error.fail())?;
        out.write(into_handle(ra_keys { keys }));
        Ok(())
    })
}

/// Puts a new key first: codes issued from now on use it; older keys still verify.
/// `code.key_duplicate` if the id is in the ring already. On error the ring is unchanged.
/// Flow configurations made earlier keep the keys they were made with.
///
/// # Safety
/// - `keys`: NULL, or a live `ra_keys` from this library that no other thread uses during the call.
/// - `id`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `secret`: NULL with `secret_len` 0, or readable for `secret_len` bytes.
/// - `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_keys_rotate(
    keys: *mut ra_keys,
    id: *const c_char,
    secret: *const u8,
    secret_len: usize,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `keys` NULL or a live ring no other thread uses; `error` NULL or writable;
        // `id` NULL or NUL-terminated; `secret` NULL or `secret_len` bytes (`# Safety`).
        let (keys, error, id, secret) = unsafe {
            (
                borrow_mut(keys)?,
                ErrOut::new(error),
                text(id)?,
                bytes(secret, secret_len)?,
            )
        };
        keys.keys.rotate(id, secret).map_err(error.fail())?;
        Ok(())
    })
}

/// Frees a key ring, wiping the secrets. NULL is ignored.
///
/// # Safety
/// - `keys`: NULL, or a live `ra_keys` from this library that no other thread is using; it is
///   freed, and neither it nor anything borrowed from it may be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_keys_free(keys: *mut ra_keys) {
    ffi::guard((), || {
        // SAFETY: NULL or a ring from `ra_keys_new`, freed once (`# Safety`).
        unsafe { free(keys) }
    })
}

/// Writes a fresh SMS code of `digits` digits (4–10; `code.digits` otherwise) from the OS
/// random generator, uniformly distributed.
///
/// # Safety
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_sms_code_generate(
    digits: u8,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `error` NULL or writable (`# Safety`).
        let (buf, error) = unsafe { (Buf::new(buf, cap, len_out)?, ErrOut::new(error)) };
        let code = SmsCode::generate(digits).map_err(error.fail())?;
        buf.write(code.expose())
    })
}

/// Writes a fresh URL-safe link token of `bits` bits (128–512 in whole bytes; `code.token_bits`
/// otherwise; 256 is the default of the flow).
///
/// # Safety
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_link_token_generate(
    bits: u16,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `error` NULL or writable (`# Safety`).
        let (buf, error) = unsafe { (Buf::new(buf, cap, len_out)?, ErrOut::new(error)) };
        let token = LinkToken::generate(bits).map_err(error.fail())?;
        buf.write(token.expose())
    })
}

/// An issued code as the host stores it: a keyed hash (never the code), expiry and attempt
/// counter. One thread at a time. Store it sealed (`ra_code_record_seal`), load it with
/// `ra_code_record_open`; free with `ra_code_record_free`.
#[derive(Debug)]
pub struct ra_code_record {
    record: CodeRecord,
}

/// Issues a code for `flow_id` and `purpose` at `now` (Unix seconds) with the default
/// policy (SMS: 6 digits, 5 minutes; link: 256 bits, 1 hour; 5 attempts): the code or token
/// goes into `secret_buf` (for the SMS or the link), the record to `*record_out`.
/// `channel` is `RA_CHANNEL_SMS` or `RA_CHANNEL_EMAIL`. A link token needs 44 bytes.
///
/// # Safety
/// - `keys`: NULL, or a live `ra_keys` from this library that no other thread changes during the
///   call.
/// - `flow_id`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever
///   comes first.
/// - `secret_buf`: NULL, or writable for `secret_cap` bytes.
/// - `secret_len_out`, `record_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ra_code_issue(
    keys: *const ra_keys,
    channel: ra_channel,
    flow_id: *const c_char,
    purpose: ra_purpose,
    now: u64,
    secret_buf: *mut c_char,
    secret_cap: usize,
    secret_len_out: *mut usize,
    record_out: *mut *mut ra_code_record,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `record_out`, `error` NULL or writable; `keys` NULL or live;
        // `flow_id` NULL or NUL-terminated (`# Safety`).
        let (buf, out, error, keys, flow_id) = unsafe {
            (
                Buf::new(secret_buf, secret_cap, secret_len_out)?,
                Out::new(record_out)?,
                ErrOut::new(error),
                borrow(keys)?,
                text(flow_id)?,
            )
        };
        let purpose = self::purpose(purpose)?;
        let now = UnixTime::from_secs(now);
        let policy = code::Policy::default();
        let fail = error.fail();
        let (record, secret) = match channel {
            RA_CHANNEL_SMS => CodeRecord::issue_sms(&keys.keys, flow_id, purpose, now, &policy)
                .map(|(r, c)| (r, Zeroizing::new(c.expose().to_owned()))),
            RA_CHANNEL_EMAIL => CodeRecord::issue_link(&keys.keys, flow_id, purpose, now, &policy)
                .map(|(r, t)| (r, Zeroizing::new(t.expose().to_owned()))),
            _ => return Err(ra_status::RA_INVALID_ARGUMENT),
        }
        .map_err(fail)?;
        buf.write(&secret)?;
        out.write(into_handle(ra_code_record { record }));
        Ok(())
    })
}

/// Checks `typed` against the record at `now` and, if right, marks it used. The attempt is
/// counted first, so the record changes even on a refusal: store it back every time.
/// `RA_CODE_ERROR` with `code.wrong`, `code.expired`, `code.not_yet_valid` (a clock that went
/// back), `code.used`, `code.locked`, `code.wrong_purpose` or `code.key_retired`.
///
/// # Safety
/// - `record`: NULL, or a live `ra_code_record` from this library that no other thread uses during
///   the call.
/// - `keys`: NULL, or a live `ra_keys` from this library that no other thread changes during the
///   call.
/// - `flow_id`, `typed`: each NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes,
///   whichever comes first.
/// - `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_code_record_verify(
    record: *mut ra_code_record,
    keys: *const ra_keys,
    flow_id: *const c_char,
    purpose: ra_purpose,
    typed: *const c_char,
    now: u64,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `record` NULL or live and unshared; `keys` NULL or live; `error` NULL or
        // writable; the strings NULL or NUL-terminated (`# Safety`).
        let (record, keys, error, flow_id, typed) = unsafe {
            (
                borrow_mut(record)?,
                borrow(keys)?,
                ErrOut::new(error),
                text(flow_id)?,
                text(typed)?,
            )
        };
        let purpose = self::purpose(purpose)?;
        record
            .record
            .verify(
                &keys.keys,
                flow_id,
                purpose,
                typed,
                UnixTime::from_secs(now),
            )
            .map_err(error.fail())
    })
}

/// Writes the record sealed for the host's store: encrypted and authenticated under `keys`,
/// bound to `flow_id` (the one it was issued for): base64url text of one length whatever it
/// holds (under 200 characters). Two seals of one record differ. `RA_CODE_ERROR` with `code.rng` if the OS random
/// generator fails.
///
/// # Safety
/// - `record`: NULL, or a live `ra_code_record` from this library that no other thread changes
///   during the call.
/// - `keys`: NULL, or a live `ra_keys` from this library that no other thread changes during the
///   call.
/// - `flow_id`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever
///   comes first.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_code_record_seal(
    record: *const ra_code_record,
    keys: *const ra_keys,
    flow_id: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `error` NULL or writable; `record`, `keys` NULL or live;
        // `flow_id` NULL or NUL-terminated (`# Safety`).
        let (buf, error, record, keys, flow_id) = unsafe {
            (
                Buf::new(buf, cap, len_out)?,
                ErrOut::new(error),
                borrow(record)?,
                borrow(keys)?,
                text(flow_id)?,
            )
        };
        let sealed = record
            .record
            .seal(&keys.keys, flow_id)
            .map_err(error.fail())?;
        buf.write(&sealed)
    })
}

/// The body of `ra_code_record_open` and `ra_code_record_open_n`.
///
/// # Safety
/// As `ra_code_record_open`, with `flow_id`, `sealed` as in [`Text::read`].
unsafe fn code_record_open(
    keys: *const ra_keys,
    flow_id: Text,
    sealed: Text,
    record_out: *mut *mut ra_code_record,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: forwarded from the exported function's contract.
        let (out, error, keys, flow_id, sealed) = unsafe {
            (
                Out::new(record_out)?,
                ErrOut::new(error),
                borrow(keys)?,
                flow_id.read()?,
                sealed.read()?,
            )
        };
        let record = CodeRecord::open(&keys.keys, flow_id, sealed).map_err(error.fail())?;
        out.write(into_handle(ra_code_record { record }));
        Ok(())
    })
}

/// Opens a record sealed by `ra_code_record_seal` for the same `flow_id`, under a ring that
/// still holds the sealing key, into a new handle. `RA_CODE_ERROR` with `code.state_invalid`
/// for anything else (forged, damaged, another flow's, a retired key's), without saying which.
///
/// # Safety
/// - `keys`: NULL, or a live `ra_keys` from this library that no other thread changes during the
///   call.
/// - `flow_id`, `sealed`: each NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes,
///   whichever comes first.
/// - `record_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_code_record_open(
    keys: *const ra_keys,
    flow_id: *const c_char,
    sealed: *const c_char,
    record_out: *mut *mut ra_code_record,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        code_record_open(
            keys,
            Text::Nul(flow_id),
            Text::Nul(sealed),
            record_out,
            error,
        )
    }
}

/// `ra_code_record_open` for strings passed with their lengths (`flow_id_len`, `sealed_len`)
/// instead of a NUL: a NUL among the bytes is `RA_INVALID_ARGUMENT`, a length over
/// `RA_MAX_INPUT_LEN` is `RA_INPUT_TOO_LONG` (and none of the bytes is read).
///
/// # Safety
/// - `keys`: NULL, or a live `ra_keys` from this library that no other thread changes during the
///   call.
/// - `flow_id`: NULL with `flow_id_len` 0, or readable for `flow_id_len` bytes (none is read when
///   `flow_id_len` is over `RA_MAX_INPUT_LEN`).
/// - `sealed`: NULL with `sealed_len` 0, or readable for `sealed_len` bytes (none is read when
///   `sealed_len` is over `RA_MAX_INPUT_LEN`).
/// - `record_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_code_record_open_n(
    keys: *const ra_keys,
    flow_id: *const c_char,
    flow_id_len: usize,
    sealed: *const c_char,
    sealed_len: usize,
    record_out: *mut *mut ra_code_record,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        code_record_open(
            keys,
            Text::Len(flow_id, flow_id_len),
            Text::Len(sealed, sealed_len),
            record_out,
            error,
        )
    }
}

/// Writes the record as JSON, for debugging only: nothing reads it back (store
/// `ra_code_record_seal`). It holds the keyed hash, never the code.
///
/// # Safety
/// - `record`: NULL, or a live `ra_code_record` from this library that no other thread changes
///   during the call.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_code_record_to_json(
    record: *const ra_code_record,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `record` NULL or live (`# Safety`).
        let (buf, record) = unsafe { (Buf::new(buf, cap, len_out)?, borrow(record)?) };
        buf.write(&record.record.to_json())
    })
}

/// Frees a record. NULL is ignored.
///
/// # Safety
/// - `record`: NULL, or a live `ra_code_record` from this library that no other thread is using; it
///   is freed, and neither it nor anything borrowed from it may be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_code_record_free(record: *mut ra_code_record) {
    ffi::guard((), || {
        // SAFETY: NULL or a record from this library, freed once (`# Safety`).
        unsafe { free(record) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_purpose_and_channel_has_a_c_value() {
        let mapped: Vec<Purpose> = (0..16).filter_map(|v| purpose(v).ok()).collect();
        assert_eq!(mapped, Purpose::ALL);
        for channel in code::Channel::ALL {
            assert_ne!(channel_value(Some(*channel)), RA_CHANNEL_NONE, "{channel}");
        }
    }
}
