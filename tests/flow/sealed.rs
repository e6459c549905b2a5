//! What the host stores (SECURITY 13, 21): a flow's state and its budgets leave the core only
//! sealed, of one length whatever they hold, and nothing forged, damaged or misplaced opens.

use restore_access::ErrorCode;
use restore_access::code::Keys;
use restore_access::flow::{Account, Budget, Config, Error, Flow, Input, MAX_ACCOUNT_ID_LEN};
use std::sync::Arc;

use super::host::*;

/// The sealed state after each step of a whole Госуслуги recovery.
fn sealed_along_the_way(contact: &str, found: Option<Account>) -> Vec<String> {
    let mut store = Store::default();
    let (mut flow, _) = Flow::start(gosuslugi(), T0).unwrap();
    let mut sealed = vec![flow.seal().unwrap()];
    let inputs = [
        Input::Contact(contact.into()),
        Input::Document(PASSPORT.into()),
        Input::Account(found),
        Input::HumanCheckPassed,
        Input::Code("12".into()),
    ];
    for input in inputs {
        store.handle(&mut flow, input, T0).unwrap();
        sealed.push(flow.seal().unwrap());
    }
    sealed
}

#[test]
fn a_sealed_state_has_one_length_at_every_step_and_fits_a_cookie() {
    let known = sealed_along_the_way(EMAIL, Some(account()));
    let unknown = sealed_along_the_way(EMAIL, None);
    let lengths: Vec<usize> = known.iter().chain(&unknown).map(String::len).collect();
    assert!(lengths.windows(2).all(|w| w[0] == w[1]), "{lengths:?}");
    assert!(lengths[0] <= 1024, "{} characters", lengths[0]);
    assert!(
        known.iter().all(|s| s
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')),
        "cookie-safe base64url"
    );
}

/// The largest state the caps allow — a 254-character e-mail as login and as the stored
/// contact, a 64-byte account id, a 16-character key id — still seals, opens, and has the
/// same length as any other under that key id.
#[test]
fn the_largest_state_the_caps_allow_seals_and_fits() {
    let label = |c: &str, n| c.repeat(n);
    let long_email = format!(
        "{}@{}.{}.{}.ru",
        label("a", 64),
        label("b", 63),
        label("c", 63),
        label("d", 58)
    );
    assert_eq!(long_email.len(), 254);
    let mut found = account();
    found.id = "x".repeat(MAX_ACCOUNT_ID_LEN);
    found.email = Some(long_email.parse().unwrap());
    let keys = Keys::new("a-16-char-key-id", &[1u8; 32]).unwrap();
    let config = Arc::new(Config::gosuslugi(keys));
    let mut store = Store::default();
    let (mut flow, _) = Flow::start(Arc::clone(&config), T0).unwrap();
    let short = flow.seal().unwrap();
    for input in [
        Input::Contact(long_email.clone()),
        Input::Document(PASSPORT.into()),
        Input::Account(Some(found)),
        Input::HumanCheckPassed,
    ] {
        store.handle(&mut flow, input, T0).unwrap();
    }
    let long = flow.seal().unwrap();
    assert_eq!(long.len(), short.len());
    assert!(long.len() <= 1024, "{} characters", long.len());
    let again = Flow::open(config, &long).unwrap();
    assert_eq!(again.state(), flow.state());

    let mut too_long = account();
    too_long.id = "x".repeat(MAX_ACCOUNT_ID_LEN + 1);
    let (mut flow, _) = Flow::start(gosuslugi(), T0).unwrap();
    store
        .handle(&mut flow, Input::Contact(PHONE.into()), T0)
        .unwrap();
    store
        .handle(&mut flow, Input::Document(PASSPORT.into()), T0)
        .unwrap();
    let err = store
        .handle(&mut flow, Input::Account(Some(too_long)), T0)
        .unwrap_err();
    assert_eq!(err.code(), "flow.account_id");
}

#[test]
fn a_sealed_state_opens_again_and_holds_no_secret_in_the_clear() {
    let (flow, _, step) = gosuslugi_to_code(PHONE, Some(account()));
    let code = delivered(&step).unwrap();
    let sealed = flow.seal().unwrap();
    assert!(!sealed.contains(&code));
    assert!(!sealed.contains("acc-1") && !sealed.contains("916"));
    let again = Flow::open(gosuslugi(), &sealed).unwrap();
    assert_eq!(again.state(), flow.state());
    assert_eq!(again.prompt(), flow.prompt());
    assert_ne!(
        again.seal().unwrap(),
        sealed,
        "a fresh nonce for every seal"
    );
    let debug = flow.to_json();
    assert!(!debug.contains(&code), "{debug}");
}

#[test]
fn nothing_forged_damaged_or_misplaced_opens() {
    let (flow, _, _) = gosuslugi_to_code(PHONE, Some(account()));
    let sealed = flow.seal().unwrap();
    let refused = |config: Arc<Config>, text: &str| Flow::open(config, text).unwrap_err();

    for (i, c) in sealed.char_indices() {
        let mut forged = sealed.clone();
        forged.replace_range(i..i + 1, if c == 'A' { "B" } else { "A" });
        assert_eq!(refused(gosuslugi(), &forged), Error::StateInvalid, "at {i}");
    }
    for cut in [0, 1, sealed.len() / 2, sealed.len() - 1] {
        assert_eq!(refused(gosuslugi(), &sealed[..cut]), Error::StateInvalid);
    }
    // The audit's forgeries, as JSON: nothing reads JSON any more.
    for json in [
        r#"{"v":1,"portal":"gosuslugi","id":"x","created":0,"stage":{"at":"new_password","account":"victim-42"}}"#,
        &flow.to_json(),
    ] {
        assert_eq!(refused(gosuslugi(), json), Error::StateInvalid);
    }
    assert_eq!(
        refused(mosru(), &sealed),
        Error::StateInvalid,
        "another portal"
    );
    let stranger = Arc::new(Config::gosuslugi(Keys::new("k1", &[1u8; 32]).unwrap()));
    assert_eq!(
        refused(stranger, &sealed),
        Error::StateInvalid,
        "another server"
    );
    assert_eq!(
        refused(gosuslugi(), &"A".repeat(1 << 20)),
        Error::StateInvalid
    );
    assert_eq!(Error::StateInvalid.code(), "flow.state_invalid");
}

#[test]
fn a_state_sealed_under_an_older_key_opens_until_the_key_is_retired() {
    let (flow, _, _) = gosuslugi_to_code(PHONE, Some(account()));
    let sealed = flow.seal().unwrap();
    let mut ring = keys();
    ring.rotate("k2", &[43u8; 32]).unwrap();
    let rotated = Arc::new(Config::gosuslugi(ring.clone()));
    let again = Flow::open(Arc::clone(&rotated), &sealed).unwrap();
    assert_eq!(again.state(), flow.state());
    ring.retire("k1").unwrap();
    let retired = Arc::new(Config::gosuslugi(ring));
    assert_eq!(
        Flow::open(retired, &sealed).unwrap_err(),
        Error::StateInvalid
    );
}

#[test]
fn a_budget_opens_only_under_its_own_key() {
    let (_, store, _) = gosuslugi_to_code(PHONE, Some(account()));
    let (key, spent) = store.budgets.iter().next().unwrap();
    let keys = keys();
    let sealed = spent.seal(&keys, key).unwrap();
    assert_eq!(&Budget::open(&keys, key, &sealed).unwrap(), spent);
    assert_eq!(
        Budget::default().seal(&keys, key).unwrap().len(),
        sealed.len()
    );
    let (_, other, _) = gosuslugi_to_code(EMAIL, Some(account()));
    let other_key = other.budgets.keys().next().unwrap();
    assert_ne!(other_key, key);
    assert_eq!(
        Budget::open(&keys, other_key, &sealed).unwrap_err(),
        Error::StateInvalid,
        "a spent budget cannot be passed off as another identity's"
    );
    assert!(
        key.as_str()
            .parse::<restore_access::flow::BudgetKey>()
            .is_ok()
    );
    assert!(
        "not a key"
            .parse::<restore_access::flow::BudgetKey>()
            .is_err()
    );
}

/// A budget holds one state per configured rate: with the most rates a configuration may
/// have (eight of each), it still seals, and to the same length as a fresh one.
#[test]
fn a_budget_of_the_most_rates_seals() {
    use restore_access::code::{LimiterState, Rate};
    use std::time::Duration;
    let rates: Vec<Rate> = (1..=LimiterState::MAX_RATES as u64)
        .map(|n| Rate::new(10, Duration::from_secs(60 * n)).unwrap())
        .collect();
    let mut config = Config::gosuslugi(keys());
    config.send_rates = rates.clone();
    config.guess_rates = rates;
    let config = Arc::new(config);
    let mut store = Store::default();
    let (mut flow, _) = Flow::start(Arc::clone(&config), T0).unwrap();
    for input in [
        Input::Contact(PHONE.into()),
        Input::Document(PASSPORT.into()),
        Input::Account(Some(account())),
        Input::HumanCheckPassed,
        Input::Code("000000".into()),
    ] {
        store.handle(&mut flow, input, T0).unwrap();
    }
    for (key, budget) in &store.budgets {
        let sealed = budget.seal(&config.keys, key).unwrap();
        assert_eq!(&Budget::open(&config.keys, key, &sealed).unwrap(), budget);
        assert_eq!(
            sealed.len(),
            Budget::default().seal(&config.keys, key).unwrap().len()
        );
    }
}
