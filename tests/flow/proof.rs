//! Who may set the password (SECURITY 12, 16, 20, 22): only the holder of the proof — the
//! link's token, or the grant handed to whoever typed the code — and only once per
//! credential version, however often the state is copied or replayed.

use std::sync::Arc;

use restore_access::ErrorCode;
use restore_access::flow::{Account, Action, Channel, Config, Flow, Input, Prompt, Step};

use super::host::*;

/// The audit's attack: the attacker starts recovery for the victim and keeps the sealed
/// state; the victim's mail scanner (or the victim) opens the link, or the victim types the
/// code, in a session of its own that loaded the same state. The attacker's copy of the
/// flow — at the new-password step or not — cannot set the password; the victim's can.
fn attack(config: Arc<Config>, start: Vec<Input>, proof_step: fn(&Step) -> Input) {
    let mut store = Store::default();
    let (mut flow, _) = Flow::start(Arc::clone(&config), T0).unwrap();
    let mut step = None;
    for input in start {
        step = Some(store.handle(&mut flow, input, T0).unwrap());
    }
    let sent = step.unwrap();
    let shared = flow.seal().unwrap();

    // The victim's session opens the link or types the code.
    let mut victim = Flow::open(Arc::clone(&config), &shared).unwrap();
    let opened = store
        .handle(&mut victim, proof_step(&sent), at(10))
        .unwrap();
    assert_eq!(opened.prompt, Prompt::NewPassword { violations: vec![] });
    let proof = proof(&opened).expect("the victim's session holds the proof");

    // The attacker holds the state from before, and the state from after (a shared row).
    for state in [shared.clone(), victim.seal().unwrap()] {
        let mut attacker = Flow::open(Arc::clone(&config), &state).unwrap();
        for forged in ["", "guess", &"A".repeat(43)] {
            let result = store.handle(&mut attacker, new_password(GOOD_PASSWORD, forged), at(20));
            let code = match &result {
                Ok(step) => panic!("the attacker got {:?}", kinds(step)),
                Err(e) => e.code(),
            };
            assert!(
                ["flow.proof_invalid", "flow.unexpected_input"].contains(&code),
                "{code}"
            );
        }
    }

    let done = store
        .handle(&mut victim, new_password(GOOD_PASSWORD, &proof), at(30))
        .unwrap();
    assert_eq!(done.prompt, Prompt::Done);
    assert!(done.actions.iter().any(|a| matches!(
        a,
        Action::StorePasswordHash {
            expected_version: 7,
            ..
        }
    )));
}

fn open_link(step: &Step) -> Input {
    Input::LinkOpened(delivered(step).expect("a link went out"))
}

fn type_code(step: &Step) -> Input {
    Input::Code(delivered(step).expect("a code went out"))
}

#[test]
fn mosru_a_link_opened_by_the_victim_lets_no_one_else_set_the_password() {
    for (login, proof_step) in [(EMAIL, open_link as fn(&Step) -> Input), (PHONE, type_code)] {
        let start = vec![
            Input::LoginAndSurname {
                login: login.into(),
                surname: SURNAME.into(),
            },
            Input::Account(Some(account())),
        ];
        attack(mosru(), start, proof_step);
    }
}

#[test]
fn gosuslugi_a_link_or_code_in_one_session_lets_no_other_set_the_password() {
    for (login, proof_step) in [(EMAIL, open_link as fn(&Step) -> Input), (PHONE, type_code)] {
        let start = vec![
            Input::Contact(login.into()),
            Input::Document(PASSPORT.into()),
            Input::Account(Some(account())),
            Input::HumanCheckPassed,
        ];
        attack(gosuslugi(), start, proof_step);
    }
}

#[test]
fn a_link_is_spent_only_when_the_password_is_set() {
    let (mut flow, mut store, step) = gosuslugi_to_code(EMAIL, Some(account()));
    assert!(matches!(
        step.prompt,
        Prompt::CodeSent {
            channel: Some(Channel::Email),
            ..
        }
    ));
    let token = delivered(&step).unwrap();
    assert!(step.actions.iter().any(|a| matches!(
        a,
        Action::SendEmailLink { email, flow_id, .. } if email.to_string() == EMAIL && flow_id == flow.id()
    )));
    // A mail scanner opens the link, then the person does: both work, and both are told to
    // keep the token as their proof.
    for t in [10, 20] {
        let step = store
            .handle(&mut flow, Input::LinkOpened(token.clone()), at(t))
            .unwrap();
        assert_eq!(step.prompt, Prompt::NewPassword { violations: vec![] });
        assert_eq!(proof(&step).as_deref(), Some(token.as_str()));
    }
    let step = store
        .handle(&mut flow, new_password(GOOD_PASSWORD, &token), at(30))
        .unwrap();
    assert_eq!(step.prompt, Prompt::Done);
    assert!(
        store
            .handle(&mut flow, Input::LinkOpened(token), at(40))
            .is_err()
    );
}

#[test]
fn the_grant_after_a_code_expires_with_the_password_window() {
    let (mut flow, mut store, step) = gosuslugi_to_code(PHONE, Some(account()));
    let code = delivered(&step).unwrap();
    let step = store.handle(&mut flow, Input::Code(code), at(10)).unwrap();
    let grant = proof(&step).unwrap();
    let window = flow.config().password_window;
    let late = at(10) + window;
    let err = store
        .handle(&mut flow, new_password(GOOD_PASSWORD, &grant), late)
        .unwrap_err();
    assert_eq!(err.code(), "flow.proof_invalid");
    let just_in_time = at(9) + window;
    let step = store
        .handle(&mut flow, new_password(GOOD_PASSWORD, &grant), just_in_time)
        .unwrap();
    assert_eq!(step.prompt, Prompt::Done);
}

#[test]
fn a_proof_of_another_flow_or_the_link_token_as_a_grant_fails() {
    let (mut a, mut store, step_a) = gosuslugi_to_code(PHONE, Some(account()));
    let (mut b, _, step_b) = gosuslugi_to_code(PHONE, Some(account()));
    let grant_a = proof(
        &store
            .handle(&mut a, Input::Code(delivered(&step_a).unwrap()), at(1))
            .unwrap(),
    )
    .unwrap();
    let grant_b = proof(
        &store
            .handle(&mut b, Input::Code(delivered(&step_b).unwrap()), at(1))
            .unwrap(),
    )
    .unwrap();
    let err = store
        .handle(&mut a, new_password(GOOD_PASSWORD, &grant_b), at(2))
        .unwrap_err();
    assert_eq!(err.code(), "flow.proof_invalid");
    let step = store
        .handle(&mut a, new_password(GOOD_PASSWORD, &grant_a), at(3))
        .unwrap();
    assert_eq!(step.prompt, Prompt::Done);
}

/// A tiny directory that stores a hash only by compare-and-set on the credential version,
/// as the docs tell a host to.
struct Directory {
    version: u64,
    hash: Option<String>,
}

impl Directory {
    /// Carries out a step's store action; `false` when the version moved on.
    fn store(&mut self, step: &Step) -> bool {
        for action in &step.actions {
            if let Action::StorePasswordHash {
                phc,
                expected_version,
                ..
            } = action
            {
                if *expected_version != self.version {
                    return false;
                }
                self.version += 1;
                self.hash = Some(phc.clone());
            }
        }
        true
    }

    fn lookup(&self) -> Account {
        let mut a = account();
        a.credential_version = self.version;
        a
    }
}

#[test]
fn a_replayed_state_cannot_change_the_password_twice() {
    let mut directory = Directory {
        version: 7,
        hash: None,
    };
    let mut store = Store::default();
    let (mut flow, step) = gosuslugi_to_code_with(PHONE, Some(directory.lookup()), &mut store, T0);
    let step = store
        .handle(&mut flow, Input::Code(delivered(&step).unwrap()), at(5))
        .unwrap();
    let grant = proof(&step).unwrap();
    // Whoever copies everything at this point — sealed state and proof — can replay it.
    let captured = flow.seal().unwrap();

    let done = store
        .handle(&mut flow, new_password(GOOD_PASSWORD, &grant), at(10))
        .unwrap();
    assert!(directory.store(&done));
    let first = directory.hash.clone();

    let mut replayed = Flow::open(gosuslugi(), &captured).unwrap();
    let again = store
        .handle(&mut replayed, new_password("Another1599+", &grant), at(20))
        .unwrap();
    assert_eq!(again.prompt, Prompt::Done, "the flow alone cannot tell");
    assert!(!directory.store(&again), "the compare-and-set refuses it");
    assert_eq!(directory.hash, first);
    assert_eq!(directory.version, 8);
    assert_eq!(restore_access::flow::Error::Stale.code(), "flow.stale");
}
