//! The password checker on any text, with any personal data: no panic, in bounded time (the
//! fuzzer's timeout flags a slow input).
#![no_main]

use libfuzzer_sys::fuzz_target;
use restore_access::password::{Context, Policy};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first line is the password, the rest personal data.
    let mut lines = text.split('\n');
    let password = lines.next().unwrap_or_default();
    let surname = lines.next().unwrap_or_default();
    let login = lines.next().unwrap_or_default();
    let ctx = Context::new()
        .surname(surname)
        .login(login)
        .phone(login)
        .snils(login);
    for policy in [Policy::gosuslugi(), Policy::nist()] {
        let report = policy.check(password, &ctx);
        let _ = report.is_ok();
    }
});
