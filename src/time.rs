//! Points in time, passed in by the host: the core never reads the clock.

use std::fmt;
use std::time::{Duration, SystemTime};

/// Whole seconds since the Unix epoch (UTC).
///
/// The host reads its clock and passes the value in (`UnixTime::now()` is the one-liner for
/// that); tests pass any value they like. Seconds are the unit because every deadline in
/// account recovery (code expiry, send cooldowns, flow lifetime) is stated in seconds or more,
/// and a plain integer keeps stored state small.
///
/// ```
/// use restore_access::UnixTime;
/// use std::time::Duration;
/// let issued = UnixTime::from_secs(1_700_000_000);
/// let expires = issued + Duration::from_secs(600);
/// assert_eq!(expires.secs_since(issued), Some(600));
/// assert_eq!(issued.secs_since(expires), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct UnixTime(u64);

impl UnixTime {
    /// The moment `secs` seconds after the epoch.
    pub const fn from_secs(secs: u64) -> Self {
        UnixTime(secs)
    }

    /// Seconds since the epoch.
    pub const fn as_secs(self) -> u64 {
        self.0
    }

    /// The host's clock, for hosts that have one. The core itself never calls this.
    /// A clock set before 1970 reads as the epoch.
    pub fn now() -> Self {
        SystemTime::now().into()
    }

    /// Seconds from `earlier` to `self`, or `None` when `earlier` is later than `self`.
    pub const fn secs_since(self, earlier: UnixTime) -> Option<u64> {
        self.0.checked_sub(earlier.0)
    }

    /// `self + d`, saturating at the far future instead of overflowing.
    pub const fn saturating_add(self, d: Duration) -> Self {
        UnixTime(self.0.saturating_add(d.as_secs()))
    }
}

impl std::ops::Add<Duration> for UnixTime {
    type Output = UnixTime;

    /// Saturating: a deadline never wraps around into the past.
    fn add(self, d: Duration) -> UnixTime {
        self.saturating_add(d)
    }
}

impl From<SystemTime> for UnixTime {
    fn from(t: SystemTime) -> Self {
        UnixTime(
            t.duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        )
    }
}

impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}", self.0)
    }
}
