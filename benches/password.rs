//! `Policy::check` beside `zxcvbn::zxcvbn` on the same inputs, Argon2id at the defaults and at
//! the ceiling of a stored hash, and the refusals that must cost nothing: input over the cap,
//! stored hashes above the ceiling.
//!
//! Run: `cargo bench --bench password -- --warm-up-time 1 --measurement-time 3`

use criterion::{Criterion, criterion_group, criterion_main};
use restore_access::password::{BirthDate, Context, Hasher, LONGEST_MAX_LEN, Password, Policy};
use std::hint::black_box;

/// What people type, and inputs built to make the matchers work hardest at the maximum
/// length of each profile (long dictionary prefixes, keyboard walks, dates, repeats).
fn inputs() -> Vec<(&'static str, Policy, String)> {
    let gosuslugi = Policy::gosuslugi();
    let nist = Policy::nist();
    // The longest a policy may allow: LONGEST_MAX_LEN characters, no composition rules.
    let longest = Policy::builder()
        .max_len(LONGEST_MAX_LEN)
        .min_score(3)
        .build()
        .unwrap_or_else(|_| Policy::nist());
    let fill = |unit: &str, len: usize| unit.chars().cycle().take(len).collect::<String>();
    vec![
        (
            "typical/Sharik1599+",
            gosuslugi.clone(),
            "Sharik1599+".into(),
        ),
        (
            "typical/koloBok_15!",
            gosuslugi.clone(),
            "koloBok_15!".into(),
        ),
        (
            "typical/P@ssw0rd2024!",
            gosuslugi.clone(),
            "P@ssw0rd2024!".into(),
        ),
        (
            "typical/wrong_layout",
            gosuslugi.clone(),
            "Ырфкшл1599+".into(),
        ),
        (
            "typical/passphrase",
            nist.clone(),
            "Ёжик в тумане 1975 года".into(),
        ),
        (
            "worst64/words",
            gosuslugi.clone(),
            fill("Passw0rd1q2w3e4r!", 64),
        ),
        ("worst64/dates", gosuslugi.clone(), fill("01.01.1990", 64)),
        (
            "worst128/words",
            nist.clone(),
            fill("passwordqwertyпароль1q2w3e", 128),
        ),
        ("worst128/walk", nist.clone(), fill("1qaz2wsx3edc4rfv", 128)),
        (
            "worst128/mixed_scripts",
            nist.clone(),
            fill("Pаsswоrd1!пapoль1990", 128),
        ),
        (
            "worst256/words",
            longest.clone(),
            fill("passwordqwertyпароль1q2w3eкатя1990", LONGEST_MAX_LEN),
        ),
        (
            "worst256/repeats",
            longest.clone(),
            fill("Aa1!michael", LONGEST_MAX_LEN),
        ),
        // The slowest input a search over repeated units found: a date, a keyboard walk and
        // a list entry at every position.
        (
            "worst256/digits",
            longest.clone(),
            fill("12", LONGEST_MAX_LEN),
        ),
    ]
}

fn check(c: &mut Criterion) {
    let ctx = Context::new()
        .login("ivanov85")
        .email("anna.petrova@mail.ru")
        .surname("Иванов")
        .first_name("Юлия")
        .phone("8 (916) 123-45-67")
        .snils("112-233-445 95")
        .birth_date(BirthDate {
            year: 1985,
            month: 5,
            day: 5,
        });
    let user_inputs = ["ivanov85", "anna.petrova@mail.ru", "Иванов", "Юлия"];
    let mut group = c.benchmark_group("check");
    for (name, policy, pw) in inputs() {
        group.bench_function(format!("restore_access/{name}"), |b| {
            b.iter(|| policy.check(black_box(&pw), black_box(&ctx)))
        });
        // zxcvbn overflows its arithmetic on some long inputs (this profile checks overflow):
        // those are measured on our side only.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let compared = std::panic::catch_unwind(|| zxcvbn::zxcvbn(&pw, &user_inputs)).is_ok();
        std::panic::set_hook(hook);
        if compared {
            group.bench_function(format!("zxcvbn/{name}"), |b| {
                b.iter(|| zxcvbn::zxcvbn(black_box(&pw), black_box(&user_inputs)))
            });
        }
    }
    group.finish();
}

fn argon2(c: &mut Criterion) {
    let hasher = Hasher::new();
    let pw = Password::from("koloBok_15!");
    let phc = hasher.hash(&pw).unwrap_or_default();
    let mut group = c.benchmark_group("argon2id_default");
    group.sample_size(10);
    group.bench_function("hash", |b| b.iter(|| hasher.hash(black_box(&pw))));
    group.bench_function("verify", |b| {
        b.iter(|| hasher.verify(black_box(&pw), black_box(&phc)))
    });
    group.finish();

    // The most a stored hash may cost: memory and work at their ceilings (256 MiB × 3).
    let mut group = c.benchmark_group("argon2id_ceiling");
    group.sample_size(10);
    if let Ok(heavy) = Hasher::with_params(Hasher::MAX_STORED_M_COST, 3, 1) {
        let heavy_phc = heavy.hash(&pw).unwrap_or_default();
        group.bench_function("verify_at_ceiling", |b| {
            b.iter(|| hasher.verify(black_box(&pw), black_box(&heavy_phc)))
        });
    }
    group.finish();
}

/// What is refused must be refused before any work: each of these is over a limit.
fn refused(c: &mut Criterion) {
    let hasher = Hasher::new();
    let pw = Password::from("koloBok_15!");
    let phc = hasher.hash(&pw).unwrap_or_default();
    let mut group = c.benchmark_group("refused");
    for params in [
        "m=19456,t=4294967295,p=1",
        "m=2097152,t=2,p=1",
        "m=19456,t=2,p=255",
    ] {
        let costly = phc.replace("m=19456,t=2,p=1", params);
        group.bench_function(format!("verify/{params}"), |b| {
            b.iter(|| hasher.verify(black_box(&pw), black_box(&costly)))
        });
    }
    let huge = "\u{FDFA}".repeat(1_000_000);
    let nist = Policy::nist();
    group.bench_function("check/nist/3MB_U+FDFA", |b| {
        b.iter(|| nist.check(black_box(&huge), black_box(&Context::new())))
    });
    let huge = Password::new(huge);
    group.bench_function("hash/3MB", |b| b.iter(|| hasher.hash(black_box(&huge))));
    group.finish();
}

criterion_group!(benches, check, argon2, refused);
criterion_main!(benches);
