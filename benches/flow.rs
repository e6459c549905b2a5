//! A whole recovery flow: every step up to the new password, as a stateless host runs it
//! (state and budgets opened and sealed around each step) and with the final step (which
//! runs Argon2id at the OWASP minimum); and the cost of sealing and opening alone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use restore_access::code::Keys;
use restore_access::flow::{
    Account, Action, Budget, BudgetKey, Budgets, Config, Flow, Input, PersonalData, Proof,
};
use restore_access::id::Document;
use restore_access::{Password, UnixTime};

const NOW: UnixTime = UnixTime::from_secs(1_800_000_000);

fn account() -> Account {
    let mut a = Account::new("acc-1");
    a.phone = "+79161234567".parse().ok();
    a.documents = vec![Document::parse("45 08 123456").unwrap()];
    a
}

/// One request of a stateless host: open the state and the budgets, handle, seal both.
fn request(
    config: &Arc<Config>,
    sealed: &mut String,
    store: &mut HashMap<BudgetKey, String>,
    input: Input,
) -> restore_access::flow::Step {
    let mut flow = Flow::open(Arc::clone(config), sealed).unwrap();
    let mut budgets = Budgets::new();
    for key in flow.budget_keys(&input).unwrap() {
        let budget = store.get(&key).map_or_else(Budget::default, |s| {
            Budget::open(&config.keys, &key, s).unwrap()
        });
        budgets.insert(key, budget);
    }
    let step = flow.handle(input, NOW, &mut budgets).unwrap();
    for (key, budget) in budgets.iter() {
        store.insert(key.clone(), budget.seal(&config.keys, key).unwrap());
    }
    *sealed = flow.seal().unwrap();
    step
}

/// Walks Госуслуги from the start to the new-password prompt; the sealed state, the budget
/// store and the proof.
fn to_new_password(config: &Arc<Config>) -> (String, HashMap<BudgetKey, String>, Proof) {
    let mut store = HashMap::new();
    let (flow, _) = Flow::start(Arc::clone(config), NOW).unwrap();
    let mut sealed = flow.seal().unwrap();
    for input in [
        Input::Contact("8 (916) 123-45-67".into()),
        Input::Document("4508 123456".into()),
        Input::Account(Some(account())),
    ] {
        request(config, &mut sealed, &mut store, input);
    }
    let step = request(config, &mut sealed, &mut store, Input::HumanCheckPassed);
    let code = step
        .actions
        .iter()
        .find_map(|a| match a {
            Action::SendSmsCode { code, .. } => Some(code.expose().to_owned()),
            _ => None,
        })
        .unwrap();
    let step = request(config, &mut sealed, &mut store, Input::Code(code));
    let proof = step
        .actions
        .into_iter()
        .find_map(|a| match a {
            Action::HoldProof { proof } => Some(proof),
            _ => None,
        })
        .unwrap();
    (sealed, store, proof)
}

fn bench(c: &mut Criterion) {
    let config = Arc::new(Config::gosuslugi(Keys::new("k1", &[7; 32]).unwrap()));
    c.bench_function(
        "flow/gosuslugi to new password, stateless (no argon2)",
        |b| b.iter(|| black_box(to_new_password(&config))),
    );

    let (sealed, store, _) = to_new_password(&config);
    let flow = Flow::open(Arc::clone(&config), &sealed).unwrap();
    c.bench_function("flow/seal state", |b| {
        b.iter(|| black_box(flow.seal().unwrap()))
    });
    c.bench_function("flow/open state", |b| {
        b.iter(|| black_box(Flow::open(Arc::clone(&config), black_box(&sealed)).unwrap()))
    });
    let (key, sealed_budget) = store.iter().next().unwrap();
    let budget = Budget::open(&config.keys, key, sealed_budget).unwrap();
    c.bench_function("flow/seal budget", |b| {
        b.iter(|| black_box(budget.seal(&config.keys, key).unwrap()))
    });
    c.bench_function("flow/open budget", |b| {
        b.iter(|| black_box(Budget::open(&config.keys, key, black_box(sealed_budget)).unwrap()))
    });

    let mut group = c.benchmark_group("flow");
    group.sample_size(10);
    group.bench_function("gosuslugi whole flow, stateless (with argon2)", |b| {
        b.iter(|| {
            let (mut sealed, mut store, proof) = to_new_password(&config);
            let input = Input::NewPassword {
                password: Password::from("Sharik1599+"),
                personal: PersonalData::default(),
                proof,
            };
            black_box(request(&config, &mut sealed, &mut store, input))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
