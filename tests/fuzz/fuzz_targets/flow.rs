//! The recovery flow driven by any sequence of inputs, sealed and opened between steps: no
//! panic, no stored password without the proof this flow handed out, and no text the fuzzer
//! makes opens as a state.
#![no_main]

use std::sync::Arc;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use restore_access::UnixTime;
use restore_access::code::Keys;
use restore_access::flow::{
    Account, Action, Budget, Budgets, Config, Flow, Input, PersonalData, Proof,
};
use restore_access::id::Document;
use restore_access::password::Password;

fn account() -> Account {
    let mut a = Account::new("acc-1");
    a.phone = "+79161234567".parse().ok();
    a.email = "ivan.petrov@mail.ru".parse().ok();
    a.surname = Some("Петров".into());
    a.documents = Document::parse("45 08 123456").into_iter().collect();
    a
}

fuzz_target!(|data: &[u8]| {
    let Some((&portal, ops)) = data.split_first() else {
        return;
    };
    let Ok(keys) = Keys::new("k1", &[7u8; 32]) else {
        return;
    };
    let config = Arc::new(if portal % 2 == 0 {
        Config::gosuslugi(keys)
    } else {
        Config::mosru(keys)
    });
    assert!(Flow::open(Arc::clone(&config), &String::from_utf8_lossy(ops)).is_err());

    let mut now = UnixTime::from_secs(1_800_000_000);
    let Ok((mut flow, _)) = Flow::start(Arc::clone(&config), now) else {
        return;
    };
    let mut store: Vec<(restore_access::flow::BudgetKey, Budget)> = Vec::new();
    let mut secret = String::new();
    let mut proof: Option<String> = None;
    for &op in ops {
        let with_proof = |p: &str| Input::NewPassword {
            password: Password::from("Sharik1599+"),
            personal: PersonalData::default(),
            proof: Proof::new(p),
        };
        let input = match op % 16 {
            0 => Input::Contact("8 (916) 123-45-67".into()),
            1 => Input::Contact("ivan.petrov@mail.ru".into()),
            2 => Input::Document("45 08 123456".into()),
            3 => Input::Account(Some(account())),
            4 => Input::Account(None),
            5 => Input::HumanCheckPassed,
            6 => Input::Code(secret.clone()),
            7 => Input::LinkOpened(secret.clone()),
            8 => with_proof(proof.as_deref().unwrap_or_default()),
            9 => with_proof("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            10 => Input::Resend,
            11 => Input::NoAccessToContacts,
            12 => Input::NothingArrived,
            13 => Input::LoginAndSurname {
                login: "+7 916 123-45-67".into(),
                surname: "петров".into(),
            },
            14 => {
                now = now + Duration::from_secs(u64::from(op) * 60);
                continue;
            }
            _ => Input::Code("000000".into()),
        };
        let presented = matches!(op % 16, 8).then(|| proof.clone()).flatten();
        let Ok(keys_needed) = flow.budget_keys(&input) else {
            continue;
        };
        let mut budgets = Budgets::new();
        for key in keys_needed {
            let budget = store
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, b)| b.clone())
                .unwrap_or_default();
            budgets.insert(key, budget);
        }
        let Ok(step) = flow.handle(input, now, &mut budgets) else {
            continue;
        };
        for (key, budget) in budgets.iter() {
            store.retain(|(k, _)| k != key);
            store.push((key.clone(), budget.clone()));
        }
        for action in &step.actions {
            match action {
                Action::SendSmsCode { code, .. } => secret = code.expose().to_owned(),
                Action::SendEmailLink { token, .. } => secret = token.expose().to_owned(),
                Action::HoldProof { proof: p } => proof = Some(p.expose().to_owned()),
                Action::StorePasswordHash { .. } => {
                    assert!(presented.is_some(), "a password stored without the proof")
                }
                _ => {}
            }
        }
        // Every step survives the trip through the seal.
        let sealed = flow.seal().ok();
        let reopened = sealed.and_then(|s| Flow::open(Arc::clone(&config), &s).ok());
        assert_eq!(reopened.as_ref().map(Flow::state), Some(flow.state()));
    }
});
