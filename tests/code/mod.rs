//! One-time codes, link tokens, records and limits (SECURITY.md properties 3–14).

use std::collections::HashSet;
use std::time::Duration;

use proptest::prelude::*;
use restore_access::Lang;
use restore_access::catalog;
use restore_access::code::{
    Bucket, Channel, CodeRecord, Error, Keys, LimiterState, LinkToken, Policy, Purpose, Rate,
    RetryAfter, SmsCode, limiter_key, presets,
};
use restore_access::{ErrorCode, UnixTime};

mod binding;
mod generation;
mod limits;
mod links;
mod sealed;
mod secrets;
mod text;
mod verification;

const T0: UnixTime = UnixTime::from_secs(1_700_000_000);
const FLOW: &str = "flow-7f3a";

fn keys() -> Keys {
    Keys::new("k1", &[7u8; 32]).unwrap()
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn sms(policy: &Policy) -> (CodeRecord, SmsCode) {
    CodeRecord::issue_sms(&keys(), FLOW, Purpose::Recovery, T0, policy).unwrap()
}

fn verify(record: &mut CodeRecord, typed: &str, now: UnixTime) -> Result<(), Error> {
    record.verify(&keys(), FLOW, Purpose::Recovery, typed, now)
}

/// A code of the same length that differs in every digit.
fn other_code(code: &str) -> String {
    code.bytes()
        .map(|b| char::from(b'0' + (b - b'0' + 1) % 10))
        .collect()
}

fn wrong_for(code: &SmsCode) -> String {
    other_code(code.expose())
}
