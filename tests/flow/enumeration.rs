//! No enumeration (SECURITY 1, 2, 3): whatever account stands behind a login — none, one with
//! a phone only, an e-mail only, both, a wrong document, a wrong surname — everything the
//! person can observe is the same at every step of both portals: the prompt, the error and
//! its wait, the host's action shapes apart from deliveries and audit records, the sealed
//! state's length, the budgets named, and the work done on the code record.

use std::sync::Arc;
use std::time::Duration;

use restore_access::ErrorCode;
use restore_access::flow::{Account, Config, Flow, Input};
use restore_access::id::Document;

use super::host::*;

const LOGINS: [&str; 3] = [PHONE, EMAIL, SNILS];

/// The account kinds behind a login, by name.
fn accounts() -> Vec<(&'static str, Option<Account>)> {
    let mut phone_only = account();
    phone_only.email = None;
    let mut email_only = account();
    email_only.phone = None;
    let mut wrong_document = account();
    wrong_document.documents = vec![Document::parse("4509 654321").unwrap()];
    let mut wrong_surname = account();
    wrong_surname.surname = Some("Сидоров".into());
    vec![
        ("none", None),
        ("phone only", Some(phone_only)),
        ("e-mail only", Some(email_only)),
        ("both", Some(account())),
        ("wrong document", Some(wrong_document)),
        ("wrong surname", Some(wrong_surname)),
    ]
}

/// The inputs after the login: `found` answers the lookup. Codes are wrong guesses, probed on
/// both sides of every lifetime (an SMS code's 5 min, a link's hour), then to the lockout.
fn script(config: &Config, login: &str, found: Option<Account>) -> Vec<(u64, Input)> {
    let mut inputs = match config.portal {
        restore_access::flow::Portal::Gosuslugi => vec![
            (0, Input::Contact(login.into())),
            (0, Input::Document(PASSPORT.into())),
            (0, Input::Account(found)),
            (0, Input::HumanCheckPassed),
        ],
        _ => vec![
            (
                0,
                Input::LoginAndSurname {
                    login: login.into(),
                    surname: SURNAME.into(),
                },
            ),
            (0, Input::Account(found)),
        ],
    };
    inputs.extend([
        (1, Input::Code("000000".into())),
        (2, Input::LinkOpened("not-the-token".into())),
        (3, new_password(GOOD_PASSWORD, "forged")),
        (30, Input::Resend),
        (299, Input::Code("000001".into())),
        (301, Input::Code("000002".into())),
        (302, Input::Resend),
        (303, Input::NothingArrived),
        (3601, Input::Code("000003".into())),
        (3603, Input::Resend),
        (3604, Input::Code("000004".into())),
        (3605, Input::Code("000005".into())),
        (3606, Input::Code("000006".into())),
        (3607, Input::Code("000007".into())),
        (3608, Input::Code("000008".into())),
        (3609, Input::Resend),
    ]);
    inputs
}

/// Everything observable after one step, as text.
fn observe(
    flow: &Flow,
    result: &Result<restore_access::flow::Step, restore_access::flow::Error>,
) -> String {
    let answer = match result {
        Ok(step) => {
            let shape: Vec<&str> = kinds(step)
                .into_iter()
                .filter(|k| !["sms", "link", "audit"].contains(k))
                .collect();
            format!("{} {shape:?}", public(step))
        }
        Err(e) => format!("{} {:?}", e.code(), e.retry_after()),
    };
    format!(
        "{answer} | sealed {} | budgets {} | record {:?}",
        flow.seal().unwrap().len(),
        flow.budget_keys(&Input::Resend).unwrap().len(),
        work_done(flow)
    )
}

/// The work a flow has done on its code record, apart from the secret values: which fields
/// it has, the length of the keyed hash, the attempts counted. A decoy must match the real
/// record here (SECURITY 2): the same hash computed, the same guesses counted.
fn work_done(flow: &Flow) -> Vec<String> {
    let state: serde_json::Value = serde_json::from_str(&flow.to_json()).unwrap();
    let Some(record) = state["stage"]["record"].as_object() else {
        return Vec::new();
    };
    record
        .iter()
        .map(|(field, value)| match (field.as_str(), value) {
            ("mac", serde_json::Value::String(mac)) => format!("mac: {} chars", mac.len()),
            ("issued" | "expires", _) => format!("{field}: set"),
            ("channel", _) => "channel: hidden".to_owned(),
            _ => format!("{field}: {value}"),
        })
        .collect()
}

/// Runs the script; returns what was observed and how many deliveries the host was asked for.
fn run(config: &Arc<Config>, login: &str, found: Option<Account>) -> (Vec<String>, usize) {
    let mut store = Store::default();
    let (mut flow, step) = Flow::start(Arc::clone(config), T0).unwrap();
    let mut seen = vec![observe(&flow, &Ok(step))];
    let mut deliveries = 0;
    for (secs, input) in script(config, login, found) {
        let result = store.handle(&mut flow, input, T0 + Duration::from_secs(secs));
        if let Ok(step) = &result {
            deliveries += usize::from(delivered(step).is_some());
        }
        seen.push(observe(&flow, &result));
    }
    (seen, deliveries)
}

#[test]
fn every_login_kind_and_account_kind_looks_the_same_at_every_step() {
    let mut compared = 0;
    for config in [gosuslugi(), mosru()] {
        for login in LOGINS {
            let (expected, none_delivered) = run(&config, login, None);
            assert_eq!(none_delivered, 0);
            let mut delivered_somewhere = false;
            for (kind, found) in accounts() {
                let (seen, deliveries) = run(&config, login, found);
                delivered_somewhere |= deliveries > 0;
                for (step, (a, b)) in expected.iter().zip(&seen).enumerate() {
                    assert_eq!(
                        a,
                        b,
                        "{} {login} {kind}: step {step} differs from an unknown account",
                        config.portal.as_str()
                    );
                }
                assert_eq!(expected.len(), seen.len());
                compared += seen.len();
            }
            // The matrix is not vacuous: a matching account did get its code.
            assert!(delivered_somewhere, "{} {login}", config.portal.as_str());
        }
    }
    // 2 portals × 3 logins × 6 account kinds × (21 or 19 steps, the start included).
    assert_eq!(compared, 3 * 6 * (21 + 19));
}

/// The audit's case: a СНИЛС login whose account has only an e-mail gets a link, an unknown
/// one an SMS decoy; at +301 s both must say the same.
#[test]
fn a_hidden_channel_expires_at_the_same_time_for_a_link_and_a_decoy() {
    let mut email_only = account();
    email_only.phone = None;
    let probe = |found: Option<Account>| {
        let (mut flow, mut store, _) = gosuslugi_to_code(SNILS, found);
        let step = store
            .handle(&mut flow, Input::Code("123456".into()), at(301))
            .unwrap();
        public(&step)
    };
    let known = probe(Some(email_only));
    assert!(known.contains("code.expired"), "{known}");
    assert_eq!(known, probe(None));
}
