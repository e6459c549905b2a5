//! The cost of `ra_snils_is_valid` (C string in, panic guard, UTF-8 check) against the core's
//! `is_valid` on the same input. The goal is at most 1.5× the core.

use std::ffi::CStr;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use restore_access_c::id::ra_snils_is_valid;

fn snils(c: &mut Criterion) {
    let typed: &CStr = c"112-233-445 95";
    let text = typed.to_str().unwrap_or_default();
    let mut group = c.benchmark_group("snils_is_valid");
    group.bench_function("rust", |b| {
        b.iter(|| restore_access::id::snils::is_valid(black_box(text)))
    });
    group.bench_function("c_api", |b| {
        b.iter(|| ra_snils_is_valid(black_box(typed.as_ptr())))
    });
    group.finish();
}

criterion_group!(benches, snils);
criterion_main!(benches);
