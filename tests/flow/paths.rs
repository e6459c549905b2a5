//! The paths people walk: both portals to the end, wrong inputs, lockout, resend, expiry,
//! escalation and the sign-up conflict.

use std::time::Duration;

use restore_access::ErrorCode;
use restore_access::flow::{Action, Channel, Error, Escalation, Flow, Input, Prompt, Route};
use restore_access::id::Snils;

use super::host::*;

#[test]
fn gosuslugi_by_phone_sets_the_password_and_never_signs_in() {
    let (mut flow, mut store, step) = gosuslugi_to_code(PHONE, Some(account()));
    assert_eq!(flow.account_id(), None, "not before the code");
    assert!(matches!(
        step.prompt,
        Prompt::CodeSent {
            channel: Some(Channel::Sms),
            digits: 6,
            attempts_left: 5,
            rejected: None,
            ..
        }
    ));
    let sms = step
        .actions
        .iter()
        .find_map(|a| match a {
            Action::SendSmsCode { account, phone, .. } => {
                Some((account.clone(), phone.to_string()))
            }
            _ => None,
        })
        .expect("an SMS to the stored phone");
    assert_eq!(sms, ("acc-1".to_owned(), "+79161234567".to_owned()));
    let code = delivered(&step).unwrap();

    let step = store
        .handle(&mut flow, Input::Code(code.clone()), at(30))
        .unwrap();
    assert_eq!(step.prompt, Prompt::NewPassword { violations: vec![] });
    assert_eq!(
        flow.account_id(),
        Some("acc-1"),
        "the host loads the person's data by it"
    );
    let grant = proof(&step).expect("the session that typed the code gets a proof");
    assert_ne!(grant, code, "the proof is a fresh secret, not the code");
    assert!(grant.len() >= 43, "at least 256 bits: {grant}");

    let step = store
        .handle(&mut flow, new_password("qwerty", &grant), at(40))
        .unwrap();
    let Prompt::NewPassword { violations } = &step.prompt else {
        panic!("{:?}", step.prompt)
    };
    assert!(violations.contains(&"password.too_short"), "{violations:?}");
    assert!(step.actions.is_empty());

    // A refused password consumed nothing: the same proof sets the good one.
    let step = store
        .handle(&mut flow, new_password(GOOD_PASSWORD, &grant), at(50))
        .unwrap();
    assert_eq!(step.prompt, Prompt::Done);
    assert_eq!(flow.account_id(), None, "nor after");
    assert_eq!(kinds(&step), ["store", "revoke", "notify", "audit"]);
    for action in &step.actions {
        match action {
            Action::StorePasswordHash {
                account,
                phc,
                expected_version,
            } => {
                assert!(phc.starts_with("$argon2id$"), "{phc}");
                assert_eq!((account.as_str(), *expected_version), ("acc-1", 7));
            }
            Action::Audit(e) => assert_eq!(e.event.as_str(), "recovery.password_changed"),
            _ => {}
        }
    }
    assert!(flow.prompt().is_final());
}

/// SECURITY 23: a stored hash that asks for an absurd Argon2 cost (a tampered directory) is
/// not verified on the way to a new password: the reuse check is skipped, not run for ever.
#[test]
fn a_costly_old_hash_is_not_verified_when_the_password_is_set() {
    let (mut flow, mut store, step) = gosuslugi_to_code(PHONE, Some(account()));
    let step = store
        .handle(&mut flow, Input::Code(delivered(&step).unwrap()), at(1))
        .unwrap();
    let grant = proof(&step).unwrap();
    let hasher = restore_access::password::Hasher::new();
    let phc = hasher
        .hash(&restore_access::password::Password::from(GOOD_PASSWORD))
        .unwrap()
        .replace("t=2,", "t=4294967295,");
    let mut personal = restore_access::flow::PersonalData::default();
    personal.old_hash = Some(phc);
    let input = Input::NewPassword {
        password: restore_access::password::Password::from(GOOD_PASSWORD),
        personal,
        proof: restore_access::flow::Proof::new(grant),
    };
    let step = store.handle(&mut flow, input, at(2)).unwrap();
    assert_eq!(
        step.prompt,
        Prompt::Done,
        "no password.reused, and it returned"
    );
}

#[test]
fn a_wrong_input_names_the_step_and_changes_nothing() {
    let (mut flow, mut store, _) = gosuslugi_to_code(PHONE, Some(account()));
    let before = flow.state().clone();
    let budgets_before = store.budgets.clone();
    let err = store
        .handle(&mut flow, Input::HumanCheckPassed, at(1))
        .unwrap_err();
    assert_eq!(
        err,
        Error::UnexpectedInput {
            stage: "code_sent",
            input: "human_check_passed"
        }
    );
    assert_eq!(err.code(), "flow.unexpected_input");
    let err = store
        .handle(&mut flow, new_password(GOOD_PASSWORD, "x"), at(1))
        .unwrap_err();
    assert!(matches!(
        err,
        Error::UnexpectedInput {
            input: "new_password",
            ..
        }
    ));
    assert_eq!(flow.state(), &before);
    assert_eq!(store.budgets, budgets_before);

    // An invalid contact is the identifier's own error, and the flow stays at the start.
    let (mut flow, _) = Flow::start(gosuslugi(), T0).unwrap();
    let before = flow.state().clone();
    let err = store
        .handle(&mut flow, Input::Contact("+7 701 123 45 67".into()), T0)
        .unwrap_err();
    assert_eq!(err.code(), "phone.kazakhstan");
    assert_eq!(flow.state(), &before);
}

#[test]
fn a_budget_the_host_did_not_load_is_an_error_not_a_fresh_budget() {
    let (mut flow, _, step) = gosuslugi_to_code(PHONE, Some(account()));
    let code = delivered(&step).unwrap();
    let before = flow.state().clone();
    let mut nothing_loaded = restore_access::flow::Budgets::new();
    let err = flow
        .handle(Input::Code(code), at(1), &mut nothing_loaded)
        .unwrap_err();
    assert_eq!(err.code(), "flow.budget_missing");
    assert_eq!(flow.state(), &before);
}

#[test]
fn five_wrong_codes_lock_even_when_the_next_is_right() {
    let (mut flow, mut store, step) = gosuslugi_to_code(PHONE, Some(account()));
    let code = delivered(&step).unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for left in (1..5).rev() {
        let step = store
            .handle(&mut flow, Input::Code(wrong.into()), at(1))
            .unwrap();
        assert!(matches!(
            step.prompt,
            Prompt::CodeSent { attempts_left, rejected: Some(restore_access::code::Error::Wrong), .. } if attempts_left == left
        ));
    }
    let step = store
        .handle(&mut flow, Input::Code(wrong.into()), at(1))
        .unwrap();
    let until = at(1) + Duration::from_secs(3600);
    assert_eq!(step.prompt, Prompt::Locked { retry_at: until });
    let err = store
        .handle(&mut flow, Input::Code(code), at(2))
        .unwrap_err();
    assert!(matches!(
        err,
        Error::UnexpectedInput {
            stage: "locked",
            ..
        }
    ));

    // The lockout holds the login, not just this flow: a new flow sends nothing until it ends.
    let mut fresh = store.clone();
    let (mut again, _) = Flow::start(gosuslugi(), at(60)).unwrap();
    for input in [
        Input::Contact(PHONE.into()),
        Input::Document(PASSPORT.into()),
        Input::Account(Some(account())),
    ] {
        fresh.handle(&mut again, input, at(60)).unwrap();
    }
    let err = fresh
        .handle(&mut again, Input::HumanCheckPassed, at(60))
        .unwrap_err();
    assert_eq!(err.code(), "flow.locked");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600 - 59)));
    let step = fresh
        .handle(&mut again, Input::HumanCheckPassed, until)
        .unwrap();
    assert!(
        delivered(&step).is_some(),
        "after the lockout a code goes out"
    );
}

/// A lockout set while the clock ran far ahead is forgotten when the clock comes back: it
/// cannot keep a login locked for ever.
#[test]
fn a_lockout_from_a_clock_far_ahead_is_forgotten() {
    let far = restore_access::UnixTime::from_secs(u64::MAX / 2);
    let mut store = Store::default();
    let (mut flow, _) = gosuslugi_to_code_with(PHONE, Some(account()), &mut store, far);
    for _ in 0..5 {
        store
            .handle(&mut flow, Input::Code("12345".into()), far)
            .unwrap();
    }
    assert!(matches!(flow.prompt(), Prompt::Locked { .. }));
    let (_, step) = gosuslugi_to_code_with(PHONE, Some(account()), &mut store, T0);
    assert!(
        delivered(&step).is_some(),
        "back at the real time, a code goes out"
    );
}

#[test]
fn resend_waits_for_the_cooldown_and_voids_the_old_code() {
    let (mut flow, mut store, step) = gosuslugi_to_code(PHONE, Some(account()));
    let old = delivered(&step).unwrap();
    let err = store.handle(&mut flow, Input::Resend, at(59)).unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
    assert_eq!(err.code(), "flow.resend_too_soon");
    let record_before = record_of(&flow);
    let step = store.handle(&mut flow, Input::Resend, at(60)).unwrap();
    let new = delivered(&step).unwrap();
    // The record itself was replaced (compared by record: a new code may equal the old one).
    let record_after = record_of(&flow);
    assert_ne!(record_before["issued"], record_after["issued"]);
    assert_eq!(record_after["tries"], 0);
    if old != new {
        let step = store.handle(&mut flow, Input::Code(old), at(61)).unwrap();
        assert!(matches!(
            step.prompt,
            Prompt::CodeSent {
                rejected: Some(restore_access::code::Error::Wrong),
                ..
            }
        ));
    }
    let step = store.handle(&mut flow, Input::Code(new), at(62)).unwrap();
    assert_eq!(step.prompt, Prompt::NewPassword { violations: vec![] });
}

/// The code record in the flow's state, as its debugging JSON shows it.
fn record_of(flow: &Flow) -> serde_json::Value {
    let state: serde_json::Value = serde_json::from_str(&flow.to_json()).unwrap();
    state["stage"]["record"].clone()
}

/// SECURITY 18: the code goes to the contact stored for the account, never to what was
/// typed, even when the host's lookup matched a different spelling.
#[test]
fn a_code_goes_to_the_stored_contact_not_the_typed_one() {
    let mut stored = account();
    stored.email = Some("petrov.ivan@mail.ru".parse().unwrap());
    // The host found the account by the typed address (say, through an alias table).
    let (_, _, step) = mosru_to_code("Ivan.Petrov@mail.ru", SURNAME, Some(stored));
    let to: Vec<String> = step
        .actions
        .iter()
        .filter_map(|a| match a {
            Action::SendEmailLink { email, .. } => Some(email.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(to, ["petrov.ivan@mail.ru"]);

    let mut stored = account();
    stored.phone = Some("+7 903 111-22-33".parse().unwrap());
    let (_, _, step) = gosuslugi_to_code(PHONE, Some(stored));
    let to: Vec<String> = step
        .actions
        .iter()
        .filter_map(|a| match a {
            Action::SendSmsCode { phone, .. } => Some(phone.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(to, ["+79031112233"]);
}

#[test]
fn an_expired_code_is_refused() {
    let (mut flow, mut store, step) = gosuslugi_to_code(PHONE, Some(account()));
    let code = delivered(&step).unwrap();
    let step = store
        .handle(&mut flow, Input::Code(code), at(5 * 60))
        .unwrap();
    assert!(matches!(
        step.prompt,
        Prompt::CodeSent {
            rejected: Some(restore_access::code::Error::Expired),
            ..
        }
    ));
}

#[test]
fn a_code_typed_before_it_was_sent_is_refused() {
    let mut store = Store::default();
    let (mut flow, step) = gosuslugi_to_code_with(PHONE, Some(account()), &mut store, at(100));
    let code = delivered(&step).unwrap();
    let step = store.handle(&mut flow, Input::Code(code), at(99)).unwrap();
    assert!(matches!(
        step.prompt,
        Prompt::CodeSent {
            rejected: Some(restore_access::code::Error::NotYetValid),
            ..
        }
    ));
}

#[test]
fn gosuslugi_without_access_ends_at_a_service_centre() {
    let (mut flow, _) = Flow::start(gosuslugi(), T0).unwrap();
    let step = Store::default()
        .handle(&mut flow, Input::NoAccessToContacts, T0)
        .unwrap();
    assert!(service_centre_with_passport_and_snils(routes(
        &step,
        Escalation::NoAccess
    )));
}

#[test]
fn mosru_checks_the_surname_and_sends_to_the_bound_contact() {
    let (mut flow, mut store, step) = mosru_to_code(PHONE, "ПЕТРОВ", Some(account()));
    let code = delivered(&step).expect("a code for a matching surname");
    let step = store.handle(&mut flow, Input::Code(code), at(10)).unwrap();
    assert_eq!(step.prompt, Prompt::NewPassword { violations: vec![] });

    let (_, _, known) = mosru_to_code(PHONE, SURNAME, Some(account()));
    let (_, _, wrong) = mosru_to_code(PHONE, "Сидоров", Some(account()));
    let (_, _, unknown) = mosru_to_code(PHONE, SURNAME, None);
    assert!(delivered(&wrong).is_none() && delivered(&unknown).is_none());
    assert_eq!(public(&known), public(&wrong));
    assert_eq!(public(&known), public(&unknown));
}

/// By СНИЛС the prompt names no channel, whatever the account has bound: an e-mail only, a
/// phone, nothing at all (saying so would reveal the account), or no account.
#[test]
fn mosru_by_snils_names_no_channel_and_hides_a_missing_contact() {
    let mut only_email = account();
    only_email.phone = None;
    let mut bare = only_email.clone();
    bare.email = None;
    let (_, _, by_email) = mosru_to_code(SNILS, SURNAME, Some(only_email));
    let (_, _, by_phone) = mosru_to_code(SNILS, SURNAME, Some(account()));
    let (mut flow, mut store, no_contact) = mosru_to_code(SNILS, SURNAME, Some(bare));
    let (_, _, unknown) = mosru_to_code(SNILS, SURNAME, None);
    assert!(matches!(
        by_email.prompt,
        Prompt::CodeSent { channel: None, .. }
    ));
    let sends = |step: &restore_access::flow::Step| -> Vec<&'static str> {
        step.actions
            .iter()
            .filter_map(|a| match a {
                Action::SendEmailLink { .. } => Some("link"),
                Action::SendSmsCode { .. } => Some("sms"),
                Action::Audit(e) if e.event.as_str() == "recovery.no_contact_bound" => {
                    Some("no contact")
                }
                _ => None,
            })
            .collect()
    };
    assert_eq!(sends(&by_email), ["link"]);
    assert_eq!(sends(&by_phone), ["sms"]);
    assert_eq!(sends(&no_contact), ["no contact"]);
    assert!(sends(&unknown).is_empty());
    for step in [&by_email, &by_phone, &no_contact] {
        assert_eq!(public(step), public(&unknown));
    }

    let step = store
        .handle(&mut flow, Input::NoAccessToContacts, at(5))
        .unwrap();
    assert!(service_centre_with_passport_and_snils(routes(
        &step,
        Escalation::NoAccess
    )));
}

#[test]
fn mosru_escalates_after_two_hours_of_nothing() {
    let (mut flow, mut store, _) = mosru_to_code(EMAIL, SURNAME, Some(account()));
    let err = store
        .handle(&mut flow, Input::NothingArrived, at(7199))
        .unwrap_err();
    assert_eq!(
        (err.code(), err.retry_after()),
        ("flow.too_early", Some(Duration::from_secs(1)))
    );
    let step = store
        .handle(&mut flow, Input::NothingArrived, at(7200))
        .unwrap();
    let routes = routes(&step, Escalation::NothingArrived);
    assert!(routes.contains(&Route::SupportForm));
    assert!(routes.contains(&Route::PhoneLine {
        phone: "+74955395555"
    }));
    assert!(service_centre_with_passport_and_snils(routes));
    assert!(flow.prompt().is_final());
}

#[test]
fn a_flow_expires_after_its_lifetime() {
    let (mut flow, mut store, _) = gosuslugi_to_code(PHONE, Some(account()));
    let lifetime = flow.config().lifetime.as_secs();
    assert!(
        store
            .handle(&mut flow, Input::Resend, at(lifetime - 1))
            .is_ok()
    );
    let before = flow.state().clone();
    let err = store
        .handle(&mut flow, Input::Resend, at(lifetime))
        .unwrap_err();
    assert_eq!(err, Error::Expired);
    assert_eq!(err.code(), "flow.expired");
    assert_eq!(flow.state(), &before);
}

/// «СНИЛС уже зарегистрирован»: the СНИЛС is the login, and the document is still asked
/// for, so a СНИЛС alone never reaches the bound phone.
#[test]
fn a_signup_conflict_asks_for_the_document_like_the_normal_path() {
    let snils: Snils = SNILS.parse().unwrap();
    let (mut flow, step) = Flow::after_signup_conflict(gosuslugi(), &snils, T0).unwrap();
    assert_eq!(step.prompt, Prompt::EnterDocument);
    assert!(
        !step
            .actions
            .iter()
            .any(|a| matches!(a, Action::LookUpAccount { .. }))
    );
    let mut store = Store::default();
    let err = store
        .handle(&mut flow, Input::HumanCheckPassed, T0)
        .unwrap_err();
    assert_eq!(err.code(), "flow.unexpected_input");

    // A wrong document: the same prompts as ever, and nothing is delivered.
    let step = store
        .handle(&mut flow, Input::Document("4509 654321".into()), T0)
        .unwrap();
    assert!(step.actions.iter().any(|a| matches!(
        a,
        Action::LookUpAccount { login } if login.to_string() == SNILS
    )));
    store
        .handle(&mut flow, Input::Account(Some(account())), T0)
        .unwrap();
    let step = store
        .handle(&mut flow, Input::HumanCheckPassed, T0)
        .unwrap();
    assert!(delivered(&step).is_none());

    // The right document reaches the bound phone.
    let (mut flow, _) = Flow::after_signup_conflict(gosuslugi(), &snils, T0).unwrap();
    for input in [
        Input::Document(PASSPORT.into()),
        Input::Account(Some(account())),
    ] {
        store.handle(&mut flow, input, at(60)).unwrap();
    }
    let step = store
        .handle(&mut flow, Input::HumanCheckPassed, at(60))
        .unwrap();
    assert!(delivered(&step).is_some());

    // mos.ru asks for the surname with the login: its conflict starts at its first step.
    let (_, step) = Flow::after_signup_conflict(mosru(), &snils, T0).unwrap();
    assert_eq!(step.prompt, Prompt::EnterLoginAndSurname);
}
