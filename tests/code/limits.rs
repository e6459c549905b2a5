//! Send and wrong-code limits across flows (properties 3, 7).

use super::*;

#[test]
fn sms_send_limit_on_both_sides_of_each_boundary() {
    let mut state = LimiterState::default();
    let at = |s: u64| T0 + secs(s);
    // One per 60 s.
    assert_eq!(state.check(&presets::SMS_SEND, at(0)), Ok(()));
    assert_eq!(
        state.check(&presets::SMS_SEND, at(59)),
        Err(RetryAfter(secs(1)))
    );
    assert_eq!(state.check(&presets::SMS_SEND, at(60)), Ok(()));
    // Five per hour: a burst of five, then one per interval (12 min).
    for t in [120, 180, 240] {
        assert_eq!(
            state.check(&presets::SMS_SEND, at(t)),
            Ok(()),
            "send at {t}"
        );
    }
    let hourly = presets::SMS_SEND[1];
    assert_eq!((hourly.count(), hourly.per()), (5, secs(3600)));
    let next = hourly.interval().as_secs();
    assert_eq!(next, 720);
    let refused = state.check(&presets::SMS_SEND, at(next - 1)).unwrap_err();
    assert_eq!(refused, RetryAfter(secs(1)));
    assert_eq!(refused.secs(), 1);
    assert_eq!(state.check(&presets::SMS_SEND, at(next)), Ok(()));
    assert!(state.idle_at() > at(next));
    let idle = state.idle_at();
    let mut again = state.clone();
    assert_eq!(again.check(&presets::SMS_SEND, idle), Ok(()));
}

#[test]
fn combined_rates_commit_only_when_all_allow() {
    // The minute rate refuses while the hour rate would allow.
    let mut state = LimiterState::default();
    state.check(&presets::SMS_SEND, T0).unwrap();
    let before = state.clone();
    assert!(state.check(&presets::SMS_SEND, T0 + secs(30)).is_err());
    assert_eq!(state, before);
    // The hour rate refuses while the minute rate would allow.
    for i in 1..5 {
        state.check(&presets::SMS_SEND, T0 + secs(60 * i)).unwrap();
    }
    let before = state.clone();
    let err = state.check(&presets::SMS_SEND, T0 + secs(600)).unwrap_err();
    assert!(err.0 > secs(60), "the longest wait is reported: {err:?}");
    assert_eq!(state, before);
    // `peek` never records.
    let mut fresh = LimiterState::default();
    for _ in 0..3 {
        assert_eq!(fresh.peek(&presets::SMS_SEND, T0), Ok(()));
    }
    assert_eq!(fresh, LimiterState::default());
    fresh.check(&presets::SMS_SEND, T0).unwrap();
    assert!(fresh.peek(&presets::SMS_SEND, T0).is_err());
}

#[test]
fn wrong_codes_are_budgeted_across_flows() {
    // An attacker opens flow after flow for one phone and guesses in each.
    let identifier = "+79161234567";
    let key = limiter_key(&keys(), Bucket::WrongCode, Channel::Sms, identifier).unwrap();
    let mut budgets = std::collections::HashMap::<String, LimiterState>::new();
    let mut guesses = 0;
    for flow in 0..10 {
        let flow_id = format!("flow-{flow}");
        let (mut record, code) =
            CodeRecord::issue_sms(&keys(), &flow_id, Purpose::Recovery, T0, &Policy::default())
                .unwrap();
        let budget = budgets.entry(key.as_str().to_owned()).or_default();
        while budget.peek(&presets::WRONG_CODES, T0).is_ok() {
            match record.verify(&keys(), &flow_id, Purpose::Recovery, &wrong_for(&code), T0) {
                Err(Error::Wrong) => {
                    guesses += 1;
                    budget.check(&presets::WRONG_CODES, T0).unwrap();
                }
                _ => break,
            }
        }
    }
    assert_eq!(guesses, 10, "ten wrong codes in all, not five per flow");
    // Back one guess after 2.4 h, not before.
    let budget = &budgets[key.as_str()];
    let step = presets::WRONG_CODES[0].interval().as_secs();
    assert_eq!(step, 8640);
    assert!(
        budget
            .peek(&presets::WRONG_CODES, T0 + secs(step - 1))
            .is_err()
    );
    assert!(budget.peek(&presets::WRONG_CODES, T0 + secs(step)).is_ok());
}

#[test]
fn limiter_keys_hide_the_identifier_and_separate_budgets() {
    let phone = "+79161234567";
    let key = limiter_key(&keys(), Bucket::Send, Channel::Sms, phone).unwrap();
    // Known answer from an independent implementation (CPython's hashlib.blake2b with
    // key=[7]*32, digest_size=16, over the documented length-prefixed fields).
    assert_eq!(key.as_str(), "G29tta5zl9g8doV5ZTYg9Q");
    let email = "ivan@xn--80a1acny.xn--p1ai";
    let key2 = limiter_key(&keys(), Bucket::WrongCode, Channel::Email, email).unwrap();
    assert_eq!(key2.to_string(), "BvNRqWEaOnWl_9jnYptSoQ");

    let variants = [
        limiter_key(&keys(), Bucket::Send, Channel::Sms, phone),
        limiter_key(&keys(), Bucket::WrongCode, Channel::Sms, phone),
        limiter_key(&keys(), Bucket::Send, Channel::Email, phone),
        limiter_key(&keys(), Bucket::Send, Channel::Sms, "+79161234568"),
        limiter_key(
            &Keys::new("k1", &[8u8; 32]).unwrap(),
            Bucket::Send,
            Channel::Sms,
            phone,
        ),
    ];
    let distinct: HashSet<_> = variants.into_iter().map(Result::unwrap).collect();
    assert_eq!(distinct.len(), 5);
}

#[test]
fn rates_are_validated() {
    assert_eq!(Rate::new(0, secs(60)), Err(Error::Rate));
    assert_eq!(Rate::new(1, Duration::from_millis(999)), Err(Error::Rate));
    assert_eq!(Rate::new(1, Rate::MAX_PER + secs(1)), Err(Error::Rate));
    assert!(Rate::new(1, Rate::MAX_PER).is_ok());
    let err: Error = RetryAfter(Duration::from_millis(1500)).into();
    assert_eq!(err.code(), "code.rate_limited");
    assert_eq!(RetryAfter(Duration::from_millis(1500)).secs(), 2);
}

/// An independent token bucket: `per` ms of credit, refilled 1 ms per ms, each request
/// costs `per / count` (rounded up).
struct RefBucket {
    credit: u64,
    last: u64,
}

proptest! {
    #[test]
    fn gcra_matches_a_token_bucket(
        count in 1u32..20,
        per in 1u64..5_000,
        gaps in proptest::collection::vec(0u64..2_000, 1..60),
    ) {
        let rate = Rate::new(count, secs(per)).unwrap();
        let per_ms = per * 1000;
        let cost = per_ms.div_ceil(u64::from(count));
        let mut bucket = RefBucket { credit: per_ms, last: 0 };
        let mut state = LimiterState::default();
        let mut now = 0;
        for gap in gaps {
            now += gap;
            bucket.credit = (bucket.credit + (now - bucket.last) * 1000).min(per_ms);
            bucket.last = now;
            let expected = if bucket.credit >= cost {
                bucket.credit -= cost;
                Ok(())
            } else {
                Err(RetryAfter(Duration::from_millis(cost - bucket.credit)))
            };
            prop_assert_eq!(state.check(&[rate], UnixTime::from_secs(now)), expected);
        }
    }

    #[test]
    fn typed_variants_of_the_code_are_accepted(
        seps in proptest::collection::vec(prop_oneof![
            Just(""), Just(" "), Just("-"), Just("\u{a0}"), Just(" - "), Just("\u{2010}")
        ], 7),
        wide in proptest::collection::vec(any::<bool>(), 6),
    ) {
        let (mut record, code) = sms(&Policy::default());
        let mut typed = seps[0].to_owned();
        for (i, d) in code.expose().chars().enumerate() {
            let digit = d.to_digit(10).unwrap();
            typed.push(if wide[i] { char::from_u32('０' as u32 + digit).unwrap() } else { d });
            typed.push_str(seps[i + 1]);
        }
        prop_assert_eq!(verify(&mut record, &typed, T0), Ok(()), "{:?}", typed);
    }

    #[test]
    fn any_input_is_refused_without_panic_unless_it_is_the_code(typed in "\\PC{0,40}") {
        let (mut sms_record, code) = sms(&Policy::default());
        let result = verify(&mut sms_record, &typed, T0);
        let digits: String = typed
            .chars()
            .filter_map(|c| match c {
                '0'..='9' => Some(c),
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
                _ => None,
            })
            .collect();
        if result.is_ok() {
            prop_assert_eq!(digits, code.expose());
        } else {
            prop_assert_eq!(result, Err(Error::Wrong));
        }
        let (mut link, _) =
            CodeRecord::issue_link(&keys(), FLOW, Purpose::Recovery, T0, &Policy::default())
                .unwrap();
        prop_assert_eq!(verify(&mut link, &typed, T0), Err(Error::Wrong));
    }
}
