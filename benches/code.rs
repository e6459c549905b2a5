//! Speed of code generation, issuing (one keyed hash) and verification.
#![allow(clippy::unwrap_used)] // fixed, valid inputs: a failure here is a broken bench

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use restore_access::UnixTime;
use restore_access::code::{
    CodeRecord, Keys, LimiterState, LinkToken, Policy, Purpose, SmsCode, presets,
};

fn bench(c: &mut Criterion) {
    let keys = Keys::new("k1", &[7u8; 32]).unwrap();
    let policy = Policy::default();
    let now = UnixTime::from_secs(1_700_000_000);

    c.bench_function("generate sms code (6 digits)", |b| {
        b.iter(|| SmsCode::generate(black_box(6)).unwrap())
    });
    c.bench_function("generate link token (256 bits)", |b| {
        b.iter(|| LinkToken::generate(black_box(256)).unwrap())
    });
    c.bench_function("issue sms (generate + hash)", |b| {
        b.iter(|| {
            CodeRecord::issue_sms(&keys, black_box("flow-1"), Purpose::Recovery, now, &policy)
                .unwrap()
        })
    });

    let (record, code) =
        CodeRecord::issue_sms(&keys, "flow-1", Purpose::Recovery, now, &policy).unwrap();
    let typed = format!("{} {}", &code.expose()[..3], &code.expose()[3..]);
    c.bench_function("verify sms (right code, typed with a space)", |b| {
        b.iter(|| {
            let mut r = black_box(record.clone());
            r.verify(
                black_box(&keys),
                "flow-1",
                Purpose::Recovery,
                black_box(&typed),
                now,
            )
        })
    });
    // Well-formed but wrong: the hash is computed and compared like for the right code.
    let wrong: String = code
        .expose()
        .bytes()
        .map(|b| char::from(b'0' + (b - b'0' + 1) % 10))
        .collect();
    c.bench_function("verify sms (wrong code)", |b| {
        b.iter(|| {
            let mut r = black_box(record.clone());
            r.verify(
                black_box(&keys),
                "flow-1",
                Purpose::Recovery,
                black_box(&wrong),
                now,
            )
        })
    });
    c.bench_function("limiter check (sms send preset)", |b| {
        b.iter(|| {
            let mut state = LimiterState::default();
            state.check(black_box(&presets::SMS_SEND), now)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
