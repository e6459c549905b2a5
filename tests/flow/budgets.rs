//! Budgets (SECURITY 3, 7, 24): sends and guesses are spent per person, not per spelling or
//! route, for known and unknown identifiers alike, across every flow.

use restore_access::ErrorCode;
use restore_access::flow::{Action, Flow, Input};

use super::host::*;

/// Starts a Госуслуги flow for `contact` at `secs` and asks for the code; the send's result.
fn send(
    store: &mut Store,
    contact: &str,
    found: Option<restore_access::flow::Account>,
    secs: u64,
) -> Result<restore_access::flow::Step, restore_access::flow::Error> {
    let now = at(secs);
    let (mut flow, _) = Flow::start(gosuslugi(), now).unwrap();
    for input in [
        Input::Contact(contact.into()),
        Input::Document(PASSPORT.into()),
        Input::Account(found),
    ] {
        store.handle(&mut flow, input, now).unwrap();
    }
    store.handle(&mut flow, Input::HumanCheckPassed, now)
}

#[test]
fn send_limits_span_flows_and_treat_unknown_logins_alike() {
    for found in [Some(account()), None] {
        let mut store = Store::default();
        // Once a minute: the per-minute limit allows each, the hourly one stops the sixth.
        for n in 0..6 {
            let result = send(&mut store, PHONE, found.clone(), n * 60);
            if n < 5 {
                assert!(result.is_ok(), "send {n}");
            } else {
                let err = result.unwrap_err();
                assert_eq!(err.code(), "flow.send_limited");
                assert!(err.retry_after().is_some());
            }
        }
        assert_eq!(
            store.budgets.len(),
            2,
            "the phone's budgets as login and as contact"
        );
    }
}

/// The audit's three spellings of one mailbox, and three of one phone: one budget each.
#[test]
fn every_spelling_of_one_identifier_spends_one_budget() {
    for spellings in [
        [
            "ivan@почта.рф",
            "ivan@xn--80a1acny.xn--p1ai",
            "ivan@ПОЧТА.xn--p1ai",
        ],
        ["8 (916) 123-45-67", "+7 916 1234567", "9161234567"],
    ] {
        let mut store = Store::default();
        let mut refused = None;
        for (n, spelling) in spellings.iter().cycle().take(12).enumerate() {
            if let Err(e) = send(&mut store, spelling, None, n as u64 * 60) {
                refused = Some((n, e.code()));
                break;
            }
        }
        assert_eq!(refused, Some((5, "flow.send_limited")), "{spellings:?}");
        assert_eq!(store.budgets.len(), 2, "{spellings:?}");
    }
}

/// The same phone reached by its number and by the account's СНИЛС: one contact budget.
/// Past it nothing more is delivered, and the person is not told (the refusal would tell a
/// stranger that this СНИЛС belongs to that phone).
#[test]
fn every_route_to_one_phone_shares_its_budget_silently() {
    let mut store = Store::default();
    let mut delivered_sms = 0;
    let mut suppressed = 0;
    for n in 0..10u64 {
        let route = if n % 2 == 0 { PHONE } else { SNILS };
        let step = send(&mut store, route, Some(account()), n * 60)
            .unwrap_or_else(|e| panic!("route {route} at {n}: {}", e.code()));
        let sent = delivered(&step).is_some();
        let held_back = step.actions.iter().any(
            |a| matches!(a, Action::Audit(e) if e.event.as_str() == "recovery.delivery_suppressed"),
        );
        assert_ne!(
            sent, held_back,
            "step {n}: delivered or held back, never both"
        );
        delivered_sms += usize::from(sent);
        suppressed += usize::from(held_back);
        if n == 9 {
            // What the person sees is what a delivered code would show.
            let fresh = send(&mut Store::default(), SNILS, Some(account()), n * 60).unwrap();
            assert!(delivered(&fresh).is_some() && delivered(&step).is_none());
            assert_eq!(public(&step), public(&fresh));
        }
    }
    assert_eq!(
        delivered_sms, 5,
        "five SMS an hour to one phone, by any route"
    );
    assert_eq!(suppressed, 5);
}

#[test]
fn code_guesses_are_budgeted_across_flows() {
    // Four wrong guesses per flow stay under each flow's own lock (five); the login's budget
    // of ten guesses a day still runs out in the third flow.
    let mut store = Store::default();
    let mut accepted = 0;
    let mut n = 0;
    let err = 'flows: loop {
        let start = at(n * 60);
        n += 1;
        let (mut flow, _) = gosuslugi_to_code_with(PHONE, Some(account()), &mut store, start);
        for _ in 0..4 {
            match store.handle(&mut flow, Input::Code("12345".into()), start) {
                Ok(_) => accepted += 1,
                Err(e) => break 'flows e,
            }
        }
    };
    assert_eq!(err.code(), "flow.guess_limited");
    assert_eq!(accepted, 10);
}

/// Guesses at codes sent to one phone by two routes share the phone's budget: once it is
/// spent, even the right code fails — as a wrong one, with the same answer.
#[test]
fn guesses_by_every_route_to_one_phone_share_its_budget() {
    let mut store = Store::default();
    let mut n = 0;
    for route in [PHONE, PHONE, SNILS, SNILS] {
        let (mut flow, _) =
            gosuslugi_to_code_with(route, Some(account()), &mut store, at(n * 3600));
        for _ in 0..3 {
            store
                .handle(&mut flow, Input::Code("12345".into()), at(n * 3600))
                .unwrap();
        }
        n += 1;
    }
    // Twelve wrong guesses at that phone: more than its ten a day. A new СНИЛС flow's right
    // code is refused, though the СНИЛС's own budget has guesses left.
    let (mut flow, step) = gosuslugi_to_code_with(SNILS, Some(account()), &mut store, at(n * 3600));
    let code = delivered(&step).expect("a send budget is left");
    let step = store
        .handle(&mut flow, Input::Code(code), at(n * 3600))
        .unwrap();
    assert!(
        matches!(
            step.prompt,
            restore_access::flow::Prompt::CodeSent {
                rejected: Some(restore_access::code::Error::Wrong),
                ..
            }
        ),
        "{:?}",
        step.prompt
    );
}
