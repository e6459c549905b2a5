//! No shortcut (SECURITY 6, 15, 20): no sequence of inputs stores a password without every
//! step in order and the proof, and no flow takes more guesses than allowed.

use std::time::Duration;

use proptest::prelude::*;
use restore_access::flow::{Action, Flow, Input, Prompt};

use super::host::*;

/// The inputs a property test may throw at a Госуслуги flow, in any order.
#[derive(Debug, Clone)]
enum Move {
    Contact,
    Document,
    Found,
    NotFound,
    Human,
    RightCode,
    WrongCode,
    Resend,
    Password,
    ForgedPassword,
    NoAccess,
    Wait(u16),
}

fn moves() -> impl Strategy<Value = Vec<Move>> {
    let one = prop_oneof![
        Just(Move::Contact),
        Just(Move::Document),
        Just(Move::Found),
        Just(Move::NotFound),
        Just(Move::Human),
        Just(Move::RightCode),
        Just(Move::WrongCode),
        Just(Move::Resend),
        Just(Move::Password),
        Just(Move::ForgedPassword),
        Just(Move::NoAccess),
        (0u16..200).prop_map(Move::Wait),
    ];
    proptest::collection::vec(one, 0..40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No sequence of inputs stores a password without contact, document, human check and
    /// the right code, in that order; no flow accepts more code guesses than allowed.
    #[test]
    fn no_shortcut_to_a_stored_password(moves in moves()) {
        let config = gosuslugi();
        let max_guesses = usize::from(config.codes.max_attempts());
        let (mut flow, _) = Flow::start(config, T0).unwrap();
        let mut store = Store::default();
        let mut proof_held: Option<String> = None;
        let mut now = T0;
        let mut code: Option<String> = None;
        let mut passed: Vec<&str> = Vec::new();
        let mut guesses = 0;
        for m in moves {
            let input = match &m {
                Move::Contact => Input::Contact(PHONE.into()),
                Move::Document => Input::Document(PASSPORT.into()),
                Move::Found => Input::Account(Some(account())),
                Move::NotFound => Input::Account(None),
                Move::Human => Input::HumanCheckPassed,
                Move::RightCode => Input::Code(code.clone().unwrap_or_else(|| "123456".into())),
                Move::WrongCode => Input::Code("12345".into()),
                Move::Resend => Input::Resend,
                Move::Password => new_password(GOOD_PASSWORD, proof_held.as_deref().unwrap_or("")),
                Move::ForgedPassword => new_password(GOOD_PASSWORD, "A".repeat(43).as_str()),
                Move::NoAccess => Input::NoAccessToContacts,
                Move::Wait(s) => {
                    now = now + Duration::from_secs(u64::from(*s));
                    continue;
                }
            };
            let is_code = matches!(input, Input::Code(_));
            let Ok(step) = store.handle(&mut flow, input, now) else { continue };
            if let Some(p) = proof(&step) {
                proof_held = Some(p);
            }
            match m {
                Move::Contact | Move::Document | Move::Human => passed.push(match m {
                    Move::Contact => "contact",
                    Move::Document => "document",
                    _ => "human",
                }),
                Move::Found | Move::NotFound => passed.push(if matches!(m, Move::Found) { "found" } else { "not_found" }),
                _ => {}
            }
            if is_code {
                guesses += 1;
                prop_assert!(guesses <= max_guesses, "{} guesses", guesses);
                if step.prompt == (Prompt::NewPassword { violations: vec![] }) {
                    passed.push("code");
                }
            }
            if let Some(c) = delivered(&step) {
                code = Some(c);
                guesses = 0;
            }
            if step.actions.iter().any(|a| matches!(a, Action::StorePasswordHash { .. })) {
                prop_assert!(matches!(m, Move::Password), "only with the proof held: {:?}", m);
                prop_assert_eq!(&passed, &["contact", "document", "found", "human", "code"]);
            }
        }
    }
}
