//! Sealed records and limiter states (property 21).

use super::*;

#[test]
fn a_sealed_record_opens_only_for_its_flow_and_ring() {
    let (record, code) = sms(&Policy::default());
    let sealed = record.seal(&keys(), FLOW).unwrap();
    assert!(
        !sealed.contains(code.expose()),
        "the code is not in the sealed record"
    );
    let mut back = CodeRecord::open(&keys(), FLOW, &sealed).unwrap();
    assert_eq!(back, record);
    assert_eq!(
        (back.issued_at(), back.max_attempts(), back.attempts_used()),
        (T0, 5, 0)
    );
    assert_eq!(verify(&mut back, code.expose(), T0), Ok(()));

    let refused =
        |text: &str, flow: &str, ring: &Keys| CodeRecord::open(ring, flow, text).map(drop);
    assert_eq!(
        refused(&sealed, "another-flow", &keys()),
        Err(Error::StateInvalid)
    );
    let stranger = Keys::new("k1", &[8u8; 32]).unwrap();
    assert_eq!(refused(&sealed, FLOW, &stranger), Err(Error::StateInvalid));
    for (i, c) in sealed.char_indices() {
        let flipped = if c == 'A' { "B" } else { "A" };
        let mut forged = sealed.clone();
        forged.replace_range(i..i + 1, flipped);
        assert_eq!(
            refused(&forged, FLOW, &keys()),
            Err(Error::StateInvalid),
            "at {i}"
        );
    }
    for bad in ["", "not sealed", &sealed[..sealed.len() - 1]] {
        assert_eq!(refused(bad, FLOW, &keys()), Err(Error::StateInvalid));
    }
    let huge = "A".repeat(1 << 20);
    assert_eq!(refused(&huge, FLOW, &keys()), Err(Error::StateInvalid));
    assert_eq!(Error::StateInvalid.code(), "code.state_invalid");
}

#[test]
fn sealed_records_have_one_length_whatever_they_hold() {
    let (sms_record, _) = sms(&Policy::default());
    let (link, _) =
        CodeRecord::issue_link(&keys(), FLOW, Purpose::SignIn, T0, &Policy::default()).unwrap();
    let mut used = sms_record.clone();
    let _ = verify(&mut used, "000000", T0);
    let lengths: Vec<usize> = [&sms_record, &link, &used]
        .iter()
        .map(|r| r.seal(&keys(), FLOW).unwrap().len())
        .collect();
    assert!(lengths.windows(2).all(|w| w[0] == w[1]), "{lengths:?}");
}

#[test]
fn an_overlong_guess_is_wrong_without_being_read() {
    let (mut record, code) = sms(&Policy::default());
    let padded = format!("{}{}", " ".repeat(CodeRecord::MAX_TYPED_LEN), code.expose());
    assert_eq!(verify(&mut record, &padded, T0), Err(Error::Wrong));
    assert_eq!(record.attempts_used(), 1, "counted like any guess");
    let just_fits = format!(
        "{}{}",
        " ".repeat(CodeRecord::MAX_TYPED_LEN - 6),
        code.expose()
    );
    assert_eq!(verify(&mut record, &just_fits, T0), Ok(()));
}

#[test]
fn a_code_is_never_valid_before_it_was_issued() {
    let (mut record, code) = sms(&Policy::default());
    assert_eq!(
        verify(
            &mut record,
            code.expose(),
            UnixTime::from_secs(T0.as_secs() - 1)
        ),
        Err(Error::NotYetValid)
    );
    assert_eq!(record.attempts_used(), 0);
    assert_eq!(verify(&mut record, code.expose(), T0), Ok(()));
}

/// Found by the `stored` fuzz target: a record issued at the end of time (the expiry
/// saturates to the issue time) sealed but did not open again.
#[test]
fn a_record_issued_at_the_end_of_time_opens_again() {
    let end = UnixTime::from_secs(u64::MAX);
    let (record, code) =
        CodeRecord::issue_sms(&keys(), FLOW, Purpose::Recovery, end, &Policy::default()).unwrap();
    let sealed = record.seal(&keys(), FLOW).unwrap();
    let mut back = CodeRecord::open(&keys(), FLOW, &sealed).unwrap();
    assert_eq!(back, record);
    assert_eq!(verify(&mut back, code.expose(), end), Err(Error::Expired));
}

#[test]
fn a_sealed_limiter_opens_only_under_its_key() {
    let keys = keys();
    let key = limiter_key(&keys, Bucket::Send, Channel::Sms, "+79161234567").unwrap();
    let other = limiter_key(&keys, Bucket::Send, Channel::Sms, "+79161234568").unwrap();
    let mut state = LimiterState::default();
    state.check(&presets::SMS_SEND, T0).unwrap();
    let sealed = state.seal(&keys, &key).unwrap();
    assert_eq!(LimiterState::open(&keys, &key, &sealed).unwrap(), state);
    assert_eq!(
        LimiterState::open(&keys, &other, &sealed),
        Err(Error::StateInvalid),
        "a spent limiter cannot be passed off as another key's"
    );
    assert_eq!(
        LimiterState::default().seal(&keys, &key).unwrap().len(),
        sealed.len()
    );
}

#[test]
fn a_limiter_survives_a_clock_that_jumps_to_the_far_future_and_back() {
    let far = UnixTime::from_secs(u64::MAX);
    for rates in [&presets::SMS_SEND[..], &presets::WRONG_CODES[..]] {
        let mut state = LimiterState::default();
        for _ in 0..20 {
            let _ = state.check(rates, far);
        }
        assert!(
            state.idle_at().as_secs() > 1 << 50,
            "the state went far ahead"
        );
        // Back to the real time: the far future is forgotten, not waited for.
        assert!(state.check(rates, T0).is_ok());
    }
    // A small step back (within a period) is no jump: the limit holds.
    let mut state = LimiterState::default();
    state.check(&presets::SMS_SEND, T0 + secs(10)).unwrap();
    assert!(state.check(&presets::SMS_SEND, T0 + secs(5)).is_err());
}
