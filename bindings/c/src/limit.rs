//! Budgets across flows: the GCRA limiter state a host keeps per limiter key.

use std::ffi::c_char;

use restore_access::UnixTime;
use restore_access::code::{self, Bucket, LimiterKey, LimiterState, Rate, presets};

use crate::code::{RA_CHANNEL_EMAIL, RA_CHANNEL_SMS, ra_channel, ra_keys};
use crate::ffi::{
    self, Buf, ErrOut, Out, Text, borrow, borrow_mut, free, into_handle, parse_key, text,
};
use crate::status::{ra_error, ra_status};

/// What a limiter counts, for `ra_limiter_key`.
pub type ra_bucket = u32;
/// Codes and links sent to one identifier over one channel.
pub const RA_BUCKET_SEND: ra_bucket = 0;
/// Wrong codes typed for one identifier over one channel, across all its flows.
pub const RA_BUCKET_WRONG_CODE: ra_bucket = 1;

fn bucket(value: ra_bucket) -> Result<Bucket, ra_status> {
    match value {
        RA_BUCKET_SEND => Ok(Bucket::Send),
        RA_BUCKET_WRONG_CODE => Ok(Bucket::WrongCode),
        _ => Err(ra_status::RA_INVALID_ARGUMENT),
    }
}

/// Writes the key to keep a limiter under: a keyed hash (22 characters) of the bucket, the
/// channel and the identifier (normalise it first, e.g. with `ra_phone_normalize`), so the
/// store never holds the phone or e-mail itself. The host stores the limiter under this text
/// and passes it to `ra_limiter_seal` and `ra_limiter_open`.
///
/// # Safety
/// - `keys`: NULL, or a live `ra_keys` from this library that no other thread changes during the
///   call.
/// - `identifier`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever
///   comes first.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ra_limiter_key(
    keys: *const ra_keys,
    bucket: ra_bucket,
    channel: ra_channel,
    identifier: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `error` NULL or writable; `keys` NULL or live; `identifier`
        // NULL or NUL-terminated (`# Safety`).
        let (buf, error, keys, identifier) = unsafe {
            (
                Buf::new(buf, cap, len_out)?,
                ErrOut::new(error),
                borrow(keys)?,
                text(identifier)?,
            )
        };
        let bucket = self::bucket(bucket)?;
        let channel = match channel {
            RA_CHANNEL_SMS => code::Channel::Sms,
            RA_CHANNEL_EMAIL => code::Channel::Email,
            _ => return Err(ra_status::RA_INVALID_ARGUMENT),
        };
        let key =
            code::limiter_key(&keys.keys, bucket, channel, identifier).map_err(error.fail())?;
        buf.write(key.as_str())
    })
}

/// A preset set of rates for `ra_limiter_check`.
pub type ra_rates = u32;
/// SMS sends per identifier: one per 60 s and five per hour.
pub const RA_RATES_SMS_SEND: ra_rates = 0;
/// E-mail sends per identifier: one per 60 s and ten per hour.
pub const RA_RATES_EMAIL_SEND: ra_rates = 1;
/// Wrong codes per identifier across all flows: ten per day.
pub const RA_RATES_WRONG_CODES: ra_rates = 2;

fn rates(value: ra_rates) -> Result<&'static [Rate], ra_status> {
    match value {
        RA_RATES_SMS_SEND => Ok(&presets::SMS_SEND),
        RA_RATES_EMAIL_SEND => Ok(&presets::EMAIL_SEND),
        RA_RATES_WRONG_CODES => Ok(&presets::WRONG_CODES),
        _ => Err(ra_status::RA_INVALID_ARGUMENT),
    }
}

/// The state of one limiter, kept per `ra_limiter_key` and stored sealed between requests
/// (`ra_limiter_seal`), in the server's own store — never a cookie: an older copy sent back
/// would undo the limit. A flow spends its own budgets (`ra_budgets`); this is for the
/// host's other sends and checks. A fresh one allows everything. One thread at a time. Free
/// with `ra_limiter_free`.
#[derive(Debug)]
pub struct ra_limiter {
    state: LimiterState,
}

/// A fresh limiter, which allows everything.
///
/// # Safety
/// - `limiter_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_limiter_new(limiter_out: *mut *mut ra_limiter) -> ra_status {
    ffi::status(|| {
        // SAFETY: `limiter_out` is NULL or writable (`# Safety`).
        let out = unsafe { Out::new(limiter_out) }?;
        out.write(into_handle(ra_limiter {
            state: LimiterState::default(),
        }));
        Ok(())
    })
}

/// Spends one event at `now` (Unix seconds) under every rate of `rates`. When a rate does not
/// allow it, nothing is spent and the result is `RA_CODE_ERROR` with `code.rate_limited` and
/// the seconds to wait in `retry_after_secs`.
///
/// # Safety
/// - `limiter`: NULL, or a live `ra_limiter` from this library that no other thread uses during the
///   call.
/// - `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_limiter_check(
    limiter: *mut ra_limiter,
    rates: ra_rates,
    now: u64,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `limiter` NULL or live and used by this thread only; `error` NULL or
        // writable (`# Safety`).
        let (limiter, error) = unsafe { (borrow_mut(limiter)?, ErrOut::new(error)) };
        let rates = self::rates(rates)?;
        limiter
            .state
            .check(rates, UnixTime::from_secs(now))
            .map_err(|wait| error.fail()(code::Error::from(wait)))
    })
}

/// When the state equals a fresh one again (Unix seconds): the host may delete it then, for
/// example as the expiry of its key.
///
/// # Safety
/// - `limiter`: NULL, or a live `ra_limiter` from this library that no other thread changes during
///   the call.
/// - `idle_at_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_limiter_idle_at(
    limiter: *const ra_limiter,
    idle_at_out: *mut u64,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `idle_at_out` NULL or writable; `limiter` NULL or live (`# Safety`).
        let (out, limiter) = unsafe { (Out::new(idle_at_out)?, borrow(limiter)?) };
        out.write(limiter.state.idle_at().as_secs());
        Ok(())
    })
}

/// Writes the state sealed for the host's store under `key` (the text `ra_limiter_key`
/// wrote): encrypted and authenticated under `keys`, bound to `key`, base64url text of one
/// length whatever it holds. Two seals of one state differ. `RA_CODE_ERROR` with
/// `code.state_invalid` for a `key` that is not a limiter key, with `code.rng` if the OS
/// random generator fails.
///
/// # Safety
/// - `limiter`: NULL, or a live `ra_limiter` from this library that no other thread changes during
///   the call.
/// - `keys`: NULL, or a live `ra_keys` from this library that no other thread changes during the
///   call.
/// - `key`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_limiter_seal(
    limiter: *const ra_limiter,
    keys: *const ra_keys,
    key: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `error` NULL or writable; `limiter`, `keys` NULL or live;
        // `key` NULL or NUL-terminated (`# Safety`).
        let error = unsafe { ErrOut::new(error) };
        // SAFETY: as above.
        let (buf, limiter, keys, key) = unsafe {
            (
                Buf::new(buf, cap, len_out)?,
                borrow(limiter)?,
                borrow(keys)?,
                parse_key::<LimiterKey>(Text::Nul(key), &error)?,
            )
        };
        let sealed = limiter.state.seal(&keys.keys, &key).map_err(error.fail())?;
        buf.write(&sealed)
    })
}

/// The body of `ra_limiter_open` and `ra_limiter_open_n`.
///
/// # Safety
/// As `ra_limiter_open`, with `key`, `sealed` as in [`Text::read`].
unsafe fn limiter_open(
    keys: *const ra_keys,
    key: Text,
    sealed: Text,
    limiter_out: *mut *mut ra_limiter,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: forwarded from the exported function's contract.
        let error = unsafe { ErrOut::new(error) };
        // SAFETY: as above.
        let (out, keys, key, sealed) = unsafe {
            (
                Out::new(limiter_out)?,
                borrow(keys)?,
                parse_key::<LimiterKey>(key, &error)?,
                sealed.read()?,
            )
        };
        let state = LimiterState::open(&keys.keys, &key, sealed).map_err(error.fail())?;
        out.write(into_handle(ra_limiter { state }));
        Ok(())
    })
}

/// Opens a state sealed by `ra_limiter_seal` under the same `key`, with a ring that still
/// holds the sealing key, into a new limiter. `RA_CODE_ERROR` with `code.state_invalid` for
/// anything else (forged, damaged, sealed under another limiter key, a `key` that is not a
/// limiter key), without saying which.
///
/// # Safety
/// - `keys`: NULL, or a live `ra_keys` from this library that no other thread changes during the
///   call.
/// - `key`, `sealed`: each NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes,
///   whichever comes first.
/// - `limiter_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_limiter_open(
    keys: *const ra_keys,
    key: *const c_char,
    sealed: *const c_char,
    limiter_out: *mut *mut ra_limiter,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { limiter_open(keys, Text::Nul(key), Text::Nul(sealed), limiter_out, error) }
}

/// `ra_limiter_open` for strings passed with their lengths (`key_len`, `sealed_len`) instead of
/// a NUL: a NUL among the bytes is `RA_INVALID_ARGUMENT`, a length over `RA_MAX_INPUT_LEN` is
/// `RA_INPUT_TOO_LONG` (and none of the bytes is read).
///
/// # Safety
/// - `keys`: NULL, or a live `ra_keys` from this library that no other thread changes during the
///   call.
/// - `key`: NULL with `key_len` 0, or readable for `key_len` bytes (none is read when `key_len` is
///   over `RA_MAX_INPUT_LEN`).
/// - `sealed`: NULL with `sealed_len` 0, or readable for `sealed_len` bytes (none is read when
///   `sealed_len` is over `RA_MAX_INPUT_LEN`).
/// - `limiter_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_limiter_open_n(
    keys: *const ra_keys,
    key: *const c_char,
    key_len: usize,
    sealed: *const c_char,
    sealed_len: usize,
    limiter_out: *mut *mut ra_limiter,
    error: *mut ra_error,
) -> ra_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        limiter_open(
            keys,
            Text::Len(key, key_len),
            Text::Len(sealed, sealed_len),
            limiter_out,
            error,
        )
    }
}

/// Writes the state as JSON (a short array of integers), for debugging only: nothing reads
/// it back (store `ra_limiter_seal`).
///
/// # Safety
/// - `limiter`: NULL, or a live `ra_limiter` from this library that no other thread changes during
///   the call.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_limiter_to_json(
    limiter: *const ra_limiter,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `limiter` NULL or live (`# Safety`).
        let (buf, limiter) = unsafe { (Buf::new(buf, cap, len_out)?, borrow(limiter)?) };
        buf.write(&limiter.state.to_json())
    })
}

/// Frees a limiter. NULL is ignored.
///
/// # Safety
/// - `limiter`: NULL, or a live `ra_limiter` from this library that no other thread is using; it is
///   freed, and neither it nor anything borrowed from it may be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_limiter_free(limiter: *mut ra_limiter) {
    ffi::guard((), || {
        // SAFETY: NULL or a limiter from this library, freed once (`# Safety`).
        unsafe { free(limiter) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bucket_has_a_c_value() {
        let mapped: Vec<Bucket> = (0..16).filter_map(|v| bucket(v).ok()).collect();
        assert_eq!(mapped, Bucket::ALL);
    }
}
