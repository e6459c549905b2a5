//! A whole recovery flow: every step up to the new password, and with the final step (which
//! runs Argon2id at the OWASP minimum).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use restore_access::code::Keys;
use restore_access::flow::{Account, Action, Budget, Config, Flow, Input, PersonalData};
use restore_access::id::Document;
use restore_access::{Password, UnixTime};

const NOW: UnixTime = UnixTime::from_secs(1_800_000_000);

fn account() -> Account {
    let mut a = Account::new("acc-1");
    a.phone = "+79161234567".parse().ok();
    a.documents = vec![Document::parse("45 08 123456").unwrap()];
    a
}

/// Walks Госуслуги from the start to the new-password prompt.
fn to_new_password(config: &Arc<Config>) -> Flow {
    let mut budget = Budget::default();
    let (mut flow, _) = Flow::start(config.clone(), NOW).unwrap();
    for input in [
        Input::Contact("8 (916) 123-45-67".into()),
        Input::Document("4508 123456".into()),
        Input::Account(Some(account())),
    ] {
        flow.handle(input, NOW, &mut budget).unwrap();
    }
    let step = flow
        .handle(Input::HumanCheckPassed, NOW, &mut budget)
        .unwrap();
    let code = step
        .actions
        .iter()
        .find_map(|a| match a {
            Action::SendSmsCode { code, .. } => Some(code.expose().to_owned()),
            _ => None,
        })
        .unwrap();
    flow.handle(Input::Code(code), NOW, &mut budget).unwrap();
    flow
}

fn bench(c: &mut Criterion) {
    let config = Arc::new(Config::gosuslugi(Keys::new("k1", &[7; 32]).unwrap()));
    c.bench_function("flow/gosuslugi to new password (no argon2)", |b| {
        b.iter(|| black_box(to_new_password(&config)))
    });
    let mut group = c.benchmark_group("flow");
    group.sample_size(10);
    group.bench_function("gosuslugi whole flow (with argon2)", |b| {
        b.iter(|| {
            let mut flow = to_new_password(&config);
            let input = Input::NewPassword {
                password: Password::from("Sharik1599+"),
                personal: PersonalData::default(),
            };
            black_box(flow.handle(input, NOW, &mut Budget::default()).unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
