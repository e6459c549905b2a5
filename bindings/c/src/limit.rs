//! Budgets across flows: the GCRA limiter state a host keeps per limiter key.

use std::ffi::c_char;

use restore_access::UnixTime;
use restore_access::code::{self, Bucket, LimiterKey, LimiterState, Rate, presets};

use crate::code::{RA_CHANNEL_EMAIL, RA_CHANNEL_SMS, ra_channel, ra_keys};
use crate::ffi::{self, Buf, ErrOut, Out, borrow, borrow_mut, free, into_handle, parse_key, text};
use crate::status::{ra_error, ra_status};

/// What a limiter counts, for `ra_limiter_key`.
pub type ra_bucket = u32;
/// Codes and links sent to one identifier over one channel.
pub const RA_BUCKET_SEND: ra_bucket = 0;
/// Wrong codes typed for one identifier over one channel, across all its flows.
pub const RA_BUCKET_WRONG_CODE: ra_bucket = 1;

/// Writes the key to keep a limiter under: a keyed hash (22 characters) of the bucket, the
/// channel and the identifier (normalise it first, e.g. with `ra_phone_normalize`), so the
/// store never holds the phone or e-mail itself. The host stores the limiter under this text
/// and passes it to `ra_limiter_seal` and `ra_limiter_open`.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn ra_limiter_key(
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
        // NULL or NUL-terminated (header).
        let (buf, error, keys, identifier) = unsafe {
            (
                Buf::new(buf, cap, len_out)?,
                ErrOut::new(error),
                borrow(keys)?,
                text(identifier)?,
            )
        };
        let bucket = match bucket {
            RA_BUCKET_SEND => Bucket::Send,
            RA_BUCKET_WRONG_CODE => Bucket::WrongCode,
            _ => return Err(ra_status::RA_INVALID_ARGUMENT),
        };
        let channel = match channel {
            RA_CHANNEL_SMS => code::Channel::Sms,
            RA_CHANNEL_EMAIL => code::Channel::Email,
            _ => return Err(ra_status::RA_INVALID_ARGUMENT),
        };
        let key = code::limiter_key(&keys.keys, bucket, channel, identifier)
            .map_err(error.fail(ra_status::RA_CODE_ERROR, 0))?;
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
#[unsafe(no_mangle)]
pub extern "C" fn ra_limiter_new(limiter_out: *mut *mut ra_limiter) -> ra_status {
    ffi::status(|| {
        // SAFETY: `limiter_out` is NULL or writable (header).
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
#[unsafe(no_mangle)]
pub extern "C" fn ra_limiter_check(
    limiter: *mut ra_limiter,
    rates: ra_rates,
    now: u64,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `limiter` NULL or live and used by this thread only; `error` NULL or
        // writable (header).
        let (limiter, error) = unsafe { (borrow_mut(limiter)?, ErrOut::new(error)) };
        let rates = self::rates(rates)?;
        limiter
            .state
            .check(rates, UnixTime::from_secs(now))
            .map_err(|wait| {
                error.fail(ra_status::RA_CODE_ERROR, wait.secs())(code::Error::from(wait))
            })
    })
}

/// When the state equals a fresh one again (Unix seconds): the host may delete it then, for
/// example as the expiry of its key.
#[unsafe(no_mangle)]
pub extern "C" fn ra_limiter_idle_at(
    limiter: *const ra_limiter,
    idle_at_out: *mut u64,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `idle_at_out` NULL or writable; `limiter` NULL or live (header).
        let (out, limiter) = unsafe { (Out::new(idle_at_out)?, borrow(limiter)?) };
        out.write(limiter.state.idle_at().as_secs());
        Ok(())
    })
}

/// Writes the state sealed for the host's store under `key` (the text `ra_limiter_key`
/// wrote): encrypted and authenticated under `keys`, bound to `key`, base64url text of one
/// length whatever it holds. Two seals of one state differ. `RA_INVALID_ARGUMENT` for a
/// `key` that is not a limiter key; `RA_CODE_ERROR` with `code.rng` if the OS random
/// generator fails.
#[unsafe(no_mangle)]
pub extern "C" fn ra_limiter_seal(
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
        // `key` NULL or NUL-terminated (header).
        let (buf, error, limiter, keys, key) = unsafe {
            (
                Buf::new(buf, cap, len_out)?,
                ErrOut::new(error),
                borrow(limiter)?,
                borrow(keys)?,
                parse_key::<LimiterKey>(key)?,
            )
        };
        let sealed = limiter
            .state
            .seal(&keys.keys, &key)
            .map_err(error.fail(ra_status::RA_CODE_ERROR, 0))?;
        buf.write(&sealed)
    })
}

/// Opens a state sealed by `ra_limiter_seal` under the same `key`, with a ring that still
/// holds the sealing key, into a new limiter. `RA_CODE_ERROR` with `code.state_invalid` for
/// anything else (forged, damaged, sealed under another limiter key), without saying which;
/// `RA_INVALID_ARGUMENT` for a `key` that is not a limiter key.
#[unsafe(no_mangle)]
pub extern "C" fn ra_limiter_open(
    keys: *const ra_keys,
    key: *const c_char,
    sealed: *const c_char,
    limiter_out: *mut *mut ra_limiter,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `limiter_out`, `error` NULL or writable; `keys` NULL or live; `key` and
        // `sealed` NULL or NUL-terminated (header).
        let (out, error, keys, key, sealed) = unsafe {
            (
                Out::new(limiter_out)?,
                ErrOut::new(error),
                borrow(keys)?,
                parse_key::<LimiterKey>(key)?,
                text(sealed)?,
            )
        };
        let state = LimiterState::open(&keys.keys, &key, sealed)
            .map_err(error.fail(ra_status::RA_CODE_ERROR, 0))?;
        out.write(into_handle(ra_limiter { state }));
        Ok(())
    })
}

/// Writes the state as JSON (a short array of integers), for debugging only: nothing reads
/// it back (store `ra_limiter_seal`).
#[unsafe(no_mangle)]
pub extern "C" fn ra_limiter_to_json(
    limiter: *const ra_limiter,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `limiter` NULL or live (header).
        let (buf, limiter) = unsafe { (Buf::new(buf, cap, len_out)?, borrow(limiter)?) };
        ffi::write_json(buf, &limiter.state)
    })
}

/// Frees a limiter. NULL is ignored.
#[unsafe(no_mangle)]
pub extern "C" fn ra_limiter_free(limiter: *mut ra_limiter) {
    ffi::guard((), || {
        // SAFETY: NULL or a limiter from this library, freed once (header).
        unsafe { free(limiter) }
    })
}
