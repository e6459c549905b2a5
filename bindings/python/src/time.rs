//! The `now` argument: seconds since the epoch, or the host's clock when left out.

use restore_access::UnixTime;

/// `now` as given, or the current time: the core never reads the clock, the host (this
/// binding, on the caller's behalf) does.
pub(crate) fn now_or_clock(now: Option<u64>) -> UnixTime {
    now.map_or_else(UnixTime::now, UnixTime::from_secs)
}
