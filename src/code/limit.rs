//! A pure-logic rate limiter (GCRA) whose small state the host keeps per key.
//!
//! GCRA, the generic cell rate algorithm, is a token bucket written as one number per rate:
//! the *theoretical arrival time* (TAT) of the next request. A [`Rate`] of `count` per `per`
//! lets `count` requests through at once, then one every `per / count`; over any stretch of
//! time `t` at most `count + t·count/per` pass. No timers, no counters to reset, and the
//! state is as small as a state can be — a good fit for a sans-IO core whose host keeps the
//! state in Redis or a table row.

use std::time::Duration;

use super::{Error, Keys, LimiterKey};
use crate::UnixTime;
use crate::seal::codec::{Reader, Writer};
use crate::seal::{self, Kind};

/// `count` requests per `per`, with bursts of up to `count`.
///
/// ```
/// use restore_access::code::Rate;
/// use std::time::Duration;
/// let rate = Rate::new(5, Duration::from_secs(3600))?;
/// assert_eq!(rate.interval(), Duration::from_secs(720));
/// # Ok::<(), restore_access::code::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    count: u32,
    per_ms: u64,
}

impl Rate {
    /// The longest period accepted.
    pub const MAX_PER: Duration = Duration::from_secs(366 * 24 * 60 * 60);

    /// `count` requests per `per` (millisecond precision).
    ///
    /// # Errors
    /// `code.rate` for a count of zero or a period under 1 s or over [`Rate::MAX_PER`].
    pub const fn new(count: u32, per: Duration) -> Result<Rate, Error> {
        if count == 0 || per.as_secs() == 0 || per.as_secs() > Self::MAX_PER.as_secs() {
            return Err(Error::Rate);
        }
        // At most 366 days in milliseconds: far inside u64.
        Ok(Rate {
            count,
            per_ms: per.as_millis() as u64,
        })
    }

    /// For the presets: arguments known to be in range.
    const fn per_secs(count: u32, secs: u64) -> Rate {
        Rate {
            count,
            per_ms: secs * 1000,
        }
    }

    /// Requests allowed at once.
    pub const fn count(&self) -> u32 {
        self.count
    }

    /// The period.
    pub const fn per(&self) -> Duration {
        Duration::from_millis(self.per_ms)
    }

    /// The sustained spacing between requests: `per / count`, rounded up to a millisecond.
    pub const fn interval(&self) -> Duration {
        Duration::from_millis(self.interval_ms())
    }

    const fn interval_ms(&self) -> u64 {
        self.per_ms.div_ceil(self.count as u64)
    }

    /// How far ahead of `now` the TAT may run and still let a request through.
    const fn tolerance_ms(&self) -> u64 {
        self.per_ms.saturating_sub(self.interval_ms())
    }

    /// The TAT after one more request, or how long to wait for it.
    fn admit(&self, tat_ms: u64, now_ms: u64) -> Result<u64, RetryAfter> {
        let tat_ms = tat_ms.max(now_ms);
        let allowed_from = tat_ms.saturating_sub(self.tolerance_ms());
        if now_ms < allowed_from {
            return Err(RetryAfter(Duration::from_millis(allowed_from - now_ms)));
        }
        Ok(tat_ms.saturating_add(self.interval_ms()))
    }
}

/// A refused request: the time to wait until the same request would pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RetryAfter(pub Duration);

impl RetryAfter {
    /// The wait in whole seconds, rounded up: for an HTTP `Retry-After` header or a message.
    pub fn secs(&self) -> u64 {
        self.0.as_secs() + u64::from(self.0.subsec_nanos() > 0)
    }
}

impl From<RetryAfter> for Error {
    /// `code.rate_limited`, carrying the wait.
    fn from(r: RetryAfter) -> Error {
        Error::RateLimited { retry_after: r.0 }
    }
}

/// What the host keeps per limiter key: one TAT (milliseconds since the epoch) per rate.
///
/// A fresh state (`LimiterState::default()`) allows everything; a missing key in the host's
/// store is a fresh state. The host stores it sealed ([`LimiterState::seal`], bound to its
/// [`LimiterKey`]), in its own store: a limiter the person can hold (a cookie) is no limit,
/// since an older copy can always be sent again. After [`LimiterState::idle_at`] the state
/// equals a fresh one, so the host may delete it then (e.g. as the Redis key's expiry).
///
/// A clock that jumps far ahead and back cannot jam it: a TAT more than two periods ahead of
/// `now` cannot come from a clock that only moves forward, and is forgotten.
///
/// ```
/// use restore_access::UnixTime;
/// use restore_access::code::{presets, LimiterState};
/// use std::time::Duration;
///
/// let mut state = LimiterState::default();
/// let t = UnixTime::from_secs(1_700_000_000);
/// assert!(state.check(&presets::SMS_SEND, t).is_ok());
/// // One SMS per 60 s: the second one now is refused, with the wait.
/// let refused = state.check(&presets::SMS_SEND, t).unwrap_err();
/// assert_eq!(refused.0, Duration::from_secs(60));
/// assert!(state.check(&presets::SMS_SEND, t + Duration::from_secs(60)).is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct LimiterState {
    tat_ms: Vec<u64>,
}

impl LimiterState {
    /// The most rates one state follows (and so the most a rate list may have).
    pub const MAX_RATES: usize = 8;

    /// Whether a request at `now` would pass every rate in `rates`, without recording it.
    ///
    /// # Errors
    /// The longest wait among the rates that refuse.
    pub fn peek(&self, rates: &[Rate], now: UnixTime) -> Result<(), RetryAfter> {
        self.admit(rates, now).map(drop)
    }

    /// Records a request at `now` if every rate in `rates` allows it; otherwise records
    /// nothing (never half-applied) and returns the longest wait.
    ///
    /// The state follows `rates` by position: keep the same list for the same key.
    ///
    /// # Errors
    /// The longest wait among the rates that refuse.
    pub fn check(&mut self, rates: &[Rate], now: UnixTime) -> Result<(), RetryAfter> {
        self.tat_ms = self.admit(rates, now)?;
        Ok(())
    }

    /// From this moment on the state allows what a fresh one does.
    pub fn idle_at(&self) -> UnixTime {
        let last = self.tat_ms.iter().copied().max().unwrap_or(0);
        UnixTime::from_secs(last.div_ceil(1000))
    }

    /// The state sealed for the host's store, bound to `key`.
    ///
    /// ```
    /// use restore_access::UnixTime;
    /// use restore_access::code::{limiter_key, presets, Bucket, Channel, Keys, LimiterState};
    /// let keys = Keys::new("k1", &[7u8; 32])?;
    /// let key = limiter_key(&keys, Bucket::Send, Channel::Sms, "+79161234567")?;
    /// let mut state = LimiterState::default();
    /// state.check(&presets::SMS_SEND, UnixTime::from_secs(1_700_000_000))?;
    /// let sealed = state.seal(&keys, &key)?;
    /// assert_eq!(LimiterState::open(&keys, &key, &sealed)?, state);
    /// # Ok::<(), restore_access::code::Error>(())
    /// ```
    ///
    /// # Errors
    /// `code.rate` for a state of more than [`LimiterState::MAX_RATES`] rates, `code.rng` if
    /// the OS random generator fails.
    pub fn seal(&self, keys: &Keys, key: &LimiterKey) -> Result<String, Error> {
        let mut w = Writer::default();
        self.encode(&mut w)?;
        let payload = w.finish().ok_or(Error::StateInvalid)?;
        seal::seal(keys, Kind::Limiter, key.as_str().as_bytes(), payload)
    }

    /// Opens a state sealed by [`LimiterState::seal`] for the same key.
    ///
    /// # Errors
    /// `code.state_invalid` for anything else, whatever the reason.
    pub fn open(keys: &Keys, key: &LimiterKey, sealed: &str) -> Result<LimiterState, Error> {
        let payload = seal::open(keys, Kind::Limiter, key.as_str().as_bytes(), sealed)
            .map_err(|_| Error::StateInvalid)?;
        let mut r = Reader::new(&payload);
        LimiterState::decode(&mut r)
            .filter(|_| r.finish().is_some())
            .ok_or(Error::StateInvalid)
    }

    pub(crate) fn encode(&self, w: &mut Writer) -> Result<(), Error> {
        let count = u8::try_from(self.tat_ms.len())
            .ok()
            .filter(|&n| usize::from(n) <= Self::MAX_RATES)
            .ok_or(Error::Rate)?;
        w.u8(count);
        for &tat in &self.tat_ms {
            w.u64(tat);
        }
        Ok(())
    }

    pub(crate) fn decode(r: &mut Reader<'_>) -> Option<LimiterState> {
        let count = usize::from(r.u8()?);
        if count > Self::MAX_RATES {
            return None;
        }
        let tat_ms = (0..count).map(|_| r.u64()).collect::<Option<Vec<_>>>()?;
        Some(LimiterState { tat_ms })
    }

    fn admit(&self, rates: &[Rate], now: UnixTime) -> Result<Vec<u64>, RetryAfter> {
        let now_ms = now.as_secs().saturating_mul(1000);
        let mut next = Vec::with_capacity(rates.len());
        let mut wait: Option<RetryAfter> = None;
        for (i, rate) in rates.iter().enumerate() {
            // Under a clock that only moves forward the TAT is at most one period ahead; one
            // further ahead than two came from a clock that ran ahead, and is forgotten.
            let tat = self
                .tat_ms
                .get(i)
                .copied()
                .filter(|&t| t <= now_ms.saturating_add(rate.per_ms.saturating_mul(2)))
                .unwrap_or(0);
            match rate.admit(tat, now_ms) {
                Ok(t) => next.push(t),
                Err(w) => wait = wait.max(Some(w)),
            }
        }
        match wait {
            Some(w) => Err(w),
            None => Ok(next),
        }
    }
}

/// Limits worth starting from. Apply the send limits to every identifier asked about,
/// whether or not an account has it (otherwise the limit itself tells them apart).
pub mod presets {
    use super::Rate;

    /// SMS sends per identifier: one per 60 s, and five per hour (a burst of five, then one
    /// every 12 min). SMS cost money and are a toll-fraud target, hence the tight hour.
    pub const SMS_SEND: [Rate; 2] = [Rate::per_secs(1, 60), Rate::per_secs(5, 60 * 60)];

    /// E-mail sends per identifier: one per 60 s, ten per hour.
    pub const EMAIL_SEND: [Rate; 2] = [Rate::per_secs(1, 60), Rate::per_secs(10, 60 * 60)];

    /// Wrong codes per identifier and channel across all flows: ten per 24 h (a burst of
    /// ten, then one every 2.4 h). [`peek`](super::LimiterState::peek) before verifying and
    /// refuse when it refuses; [`check`](super::LimiterState::check) after each `code.wrong`.
    /// Opening more flows then buys no more guesses.
    pub const WRONG_CODES: [Rate; 1] = [Rate::per_secs(10, 24 * 60 * 60)];

    crate::names! {
        /// The presets by the names configuration files and the bindings use.
        #[non_exhaustive]
        pub enum Preset as "a rate preset" {
            /// [`SMS_SEND`].
            SmsSend = "sms_send",
            /// [`EMAIL_SEND`].
            EmailSend = "email_send",
            /// [`WRONG_CODES`].
            WrongCodes = "wrong_codes",
        }
    }

    impl Preset {
        /// The rates of the preset.
        pub const fn rates(self) -> &'static [Rate] {
            match self {
                Preset::SmsSend => &SMS_SEND,
                Preset::EmailSend => &EMAIL_SEND,
                Preset::WrongCodes => &WRONG_CODES,
            }
        }
    }
}
