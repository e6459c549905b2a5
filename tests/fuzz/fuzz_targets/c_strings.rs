//! The C API's string entry points on any bytes, NUL-terminated or not within the limit: a
//! status, never a crash or a read past the limit (AddressSanitizer watches the reads).
#![no_main]

use std::ffi::c_char;

use libfuzzer_sys::fuzz_target;
use restore_access_c::id::*;

fuzz_target!(|data: &[u8]| {
    // The bytes as the C caller would pass them: up to the first NUL, then a NUL.
    let mut text: Vec<u8> = data.iter().copied().take_while(|&b| b != 0).collect();
    text.push(0);
    let s = text.as_ptr().cast::<c_char>();
    let mut buf = [0 as c_char; 64];
    let mut len = 0usize;
    #[allow(unused_unsafe)]
    unsafe {
        for is_valid in [
            ra_snils_is_valid,
            ra_inn_is_valid,
            ra_passport_is_valid,
            ra_phone_is_valid,
            ra_email_is_valid,
        ] {
            is_valid(s);
        }
        for normalize in [
            ra_snils_normalize,
            ra_inn_normalize,
            ra_passport_normalize,
            ra_phone_normalize,
            ra_email_normalize,
        ] {
            normalize(
                s,
                buf.as_mut_ptr(),
                buf.len(),
                &mut len,
                std::ptr::null_mut(),
            );
        }
    }
});
