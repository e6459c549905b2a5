//! A portal's flow configuration: which portal, with a copy of the keys.

use std::sync::Arc;

use restore_access::flow::{Config, Portal};

use crate::code::ra_keys;
use crate::ffi::{self, Out, borrow, free, into_handle};
use crate::status::ra_status;

/// Which portal's recovery rules a flow follows.
pub type ra_portal = u32;
/// Госуслуги: contact → document → human check → code or link → new password.
pub const RA_PORTAL_GOSUSLUGI: ra_portal = 0;
/// mos.ru: login and surname → code or link → new password.
pub const RA_PORTAL_MOSRU: ra_portal = 1;

fn portal(value: ra_portal) -> Result<Portal, ra_status> {
    match value {
        RA_PORTAL_GOSUSLUGI => Ok(Portal::Gosuslugi),
        RA_PORTAL_MOSRU => Ok(Portal::Mosru),
        _ => Err(ra_status::RA_INVALID_ARGUMENT),
    }
}

/// A portal's flow configuration (its own copy of the keys, the password policy, the
/// limits). Immutable: share it between threads and flows. Flows keep what they need, so it
/// may be freed before them. Free with `ra_config_free`.
#[derive(Debug)]
pub struct ra_config {
    pub(crate) config: Arc<Config>,
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
        let portal = self::portal(portal)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_portal_has_a_c_value() {
        let mapped: Vec<Portal> = (0..16).filter_map(|v| portal(v).ok()).collect();
        assert_eq!(mapped, Portal::ALL);
    }
}
