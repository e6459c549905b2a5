//! What the host stores, opened from any text: code records, limiter states, budgets. Nothing
//! forged opens, nothing panics; a value sealed here opens back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use restore_access::UnixTime;
use restore_access::code::{
    Bucket, Channel, CodeRecord, Keys, LimiterState, Policy, Purpose, limiter_key, presets,
};
use restore_access::flow::{Budget, BudgetKey};

fuzz_target!(|data: &[u8]| {
    let Ok(keys) = Keys::new("k1", &[7u8; 32]) else {
        return;
    };
    let text = String::from_utf8_lossy(data);
    let flow_id = "AAAAAAAAAAAAAAAAAAAAAA";
    assert!(
        CodeRecord::open(&keys, flow_id, &text).is_err(),
        "a forged record opened"
    );
    let Ok(key) = limiter_key(&keys, Bucket::Send, Channel::Sms, "+79161234567") else {
        return;
    };
    let _ = LimiterState::open(&keys, &key, &text);
    if let Ok(budget_key) = "AAAAAAAAAAAAAAAAAAAAAA".parse::<BudgetKey>() {
        let _ = Budget::open(&keys, &budget_key, &text);
    }
    // Times from the input: a limiter and a record behave at any clock, far future included.
    let mut clock = [0u8; 8];
    for (c, b) in clock.iter_mut().zip(data) {
        *c = *b;
    }
    let now = UnixTime::from_secs(u64::from_le_bytes(clock));
    let mut limiter = LimiterState::default();
    let _ = limiter.check(&presets::SMS_SEND, now);
    let sealed = limiter.seal(&keys, &key).ok();
    assert_eq!(
        sealed.and_then(|s| LimiterState::open(&keys, &key, &s).ok()),
        Some(limiter)
    );
    if let Ok((mut record, _)) =
        CodeRecord::issue_sms(&keys, flow_id, Purpose::Recovery, now, &Policy::default())
    {
        let _ = record.verify(&keys, flow_id, Purpose::Recovery, &text, now);
        let sealed = record.seal(&keys, flow_id).ok();
        assert_eq!(
            sealed.and_then(|s| CodeRecord::open(&keys, flow_id, &s).ok()),
            Some(record)
        );
    }
});
