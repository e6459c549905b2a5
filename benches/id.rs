//! Speed of the identifier checks: `is_valid` (allocation-free) and `FromStr`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use restore_access::id;
use restore_access::{Email, Inn, Passport, Phone, Snils};

fn is_valid(c: &mut Criterion) {
    let mut g = c.benchmark_group("is_valid");
    g.bench_function("snils", |b| {
        b.iter(|| id::snils::is_valid(black_box("112-233-445 95")))
    });
    g.bench_function("inn_10", |b| {
        b.iter(|| id::inn::is_valid(black_box("7707083893")))
    });
    g.bench_function("inn_12", |b| {
        b.iter(|| id::inn::is_valid(black_box("500100732259")))
    });
    g.bench_function("passport", |b| {
        b.iter(|| id::passport::is_valid(black_box("45 08 123456")))
    });
    g.bench_function("phone_e164", |b| {
        b.iter(|| id::phone::is_valid(black_box("+79161234567")))
    });
    g.bench_function("phone_typed", |b| {
        b.iter(|| id::phone::is_valid(black_box("8 (916) 123-45-67")))
    });
    g.bench_function("email_ascii", |b| {
        b.iter(|| id::email::is_valid(black_box("ivan.petrov@gosuslugi.ru")))
    });
    g.bench_function("email_idn", |b| {
        b.iter(|| id::email::is_valid(black_box("ivan@почта.рф")))
    });
    g.finish();
}

fn from_str(c: &mut Criterion) {
    let mut g = c.benchmark_group("from_str");
    g.bench_function("snils", |b| {
        b.iter(|| black_box("112-233-445 95").parse::<Snils>())
    });
    g.bench_function("inn_12", |b| {
        b.iter(|| black_box("500100732259").parse::<Inn>())
    });
    g.bench_function("passport", |b| {
        b.iter(|| black_box("45 08 123456").parse::<Passport>())
    });
    g.bench_function("phone_typed", |b| {
        b.iter(|| black_box("8 (916) 123-45-67").parse::<Phone>())
    });
    g.bench_function("email_ascii", |b| {
        b.iter(|| black_box("ivan.petrov@gosuslugi.ru").parse::<Email>())
    });
    g.bench_function("email_idn", |b| {
        b.iter(|| black_box("ivan@почта.рф").parse::<Email>())
    });
    g.finish();
}

/// The same inputs through this library and the crates a Rust user would reach for: the
/// `phonenumber` crate (libphonenumber's port; ours must stay ≥ 50× faster) and `email_address`
/// (ours ≥ 2× on ASCII addresses).
fn compared(c: &mut Criterion) {
    const PHONES: [&str; 4] = [
        "+79161234567",
        "8 (916) 123-45-67",
        "8 (812) 123-45-67",
        "+7 701 123 45 67",
    ];
    const EMAILS: [&str; 4] = [
        "ivan.petrov@gosuslugi.ru",
        "i@mail.ru",
        "first.last+tag@sub.example.com",
        "not an address",
    ];
    let mut g = c.benchmark_group("compared");
    g.bench_function("phone/restore_access", |b| {
        b.iter(|| PHONES.map(|p| id::phone::is_valid(black_box(p))))
    });
    g.bench_function("phone/phonenumber", |b| {
        b.iter(|| {
            PHONES.map(|p| {
                phonenumber::parse(Some(phonenumber::country::Id::RU), black_box(p))
                    .is_ok_and(|n| phonenumber::is_valid(&n))
            })
        })
    });
    g.bench_function("email_ascii/restore_access", |b| {
        b.iter(|| EMAILS.map(|e| id::email::is_valid(black_box(e))))
    });
    g.bench_function("email_ascii/email_address", |b| {
        b.iter(|| EMAILS.map(|e| email_address::EmailAddress::is_valid(black_box(e))))
    });
    g.finish();
}

criterion_group!(benches, is_valid, from_str, compared);
criterion_main!(benches);
