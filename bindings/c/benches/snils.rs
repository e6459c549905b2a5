//! The cost of the C entry points against the core's `snils::is_valid`, on the same inputs in
//! one run: `ra_snils_is_valid` (finds the NUL, then the shared body: panic guard, NUL and
//! UTF-8 check) and `ra_snils_is_valid_n` (the length is given, so only the shared body).
//! The goal is `c_len` at most 1.2× `rust`.
//!
//! Ratios from one run: the medians are in `$CARGO_TARGET_DIR/criterion/snils_is_valid_*/
//! {rust,c_nul,c_len}/new/estimates.json` (`median.point_estimate`, nanoseconds).

use std::ffi::CString;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use restore_access_c::id::{ra_snils_is_valid, ra_snils_is_valid_n};

/// What people type: the printed form, the bare digits, and a wrong checksum.
const INPUTS: [(&str, &str); 3] = [
    ("formatted", "112-233-445 95"),
    ("digits", "11223344595"),
    ("wrong_checksum", "112-233-445 96"),
];

fn snils(c: &mut Criterion) {
    for (name, text) in INPUTS {
        let nul = CString::new(text).unwrap_or_default();
        let mut group = c.benchmark_group(format!("snils_is_valid_{name}"));
        group.bench_function("rust", |b| {
            b.iter(|| restore_access::id::snils::is_valid(black_box(text)))
        });
        group.bench_function("c_nul", |b| {
            // SAFETY: a NUL-terminated string that outlives the loop.
            b.iter(|| unsafe { ra_snils_is_valid(black_box(nul.as_ptr())) })
        });
        group.bench_function("c_len", |b| {
            // SAFETY: `text.len()` readable bytes that outlive the loop.
            b.iter(|| unsafe {
                ra_snils_is_valid_n(black_box(text.as_ptr().cast()), black_box(text.len()))
            })
        });
        group.finish();
    }
}

criterion_group!(benches, snils);
criterion_main!(benches);
