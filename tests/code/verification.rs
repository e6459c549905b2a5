//! Verification: once, counted before comparing, locked after the maximum, expiry (properties 5, 6, 8, 11).

use super::*;

#[test]
fn the_right_code_works_exactly_once() {
    let (mut record, code) = sms(&Policy::default());
    assert_eq!(verify(&mut record, code.expose(), T0), Ok(()));
    assert!(record.is_used());
    assert_eq!(verify(&mut record, code.expose(), T0), Err(Error::Used));
    assert_eq!(record.attempts_used(), 1, "a used code counts nothing more");
}

#[test]
fn a_wrong_code_is_counted_and_refused() {
    let (mut record, code) = sms(&Policy::default());
    let before = record.clone();
    let err = verify(&mut record, &other_code(code.expose()), T0).unwrap_err();
    assert_eq!(err.code(), "code.wrong");
    assert_ne!(record, before, "the failed attempt changed the record");
    assert_eq!(record.attempts_used(), 1);
    assert_eq!(record.attempts_left(), 4);
    assert!(!record.is_used());
}

#[test]
fn locked_after_max_wrong_even_when_the_next_is_right() {
    for max in [1u8, 3, 5, 10] {
        let policy = Policy::default().with_max_attempts(max).unwrap();
        // max - 1 wrong: the right one still passes.
        let (mut record, code) = sms(&policy);
        let wrong = other_code(code.expose());
        for _ in 1..max {
            assert_eq!(verify(&mut record, &wrong, T0), Err(Error::Wrong));
        }
        assert_eq!(verify(&mut record, code.expose(), T0), Ok(()), "max {max}");

        // max wrong: the right one is refused.
        let (mut record, code) = sms(&policy);
        for _ in 0..max {
            assert_eq!(
                verify(&mut record, &wrong_for(&code), T0),
                Err(Error::Wrong)
            );
        }
        assert_eq!(record.attempts_left(), 0);
        assert_eq!(verify(&mut record, code.expose(), T0), Err(Error::Locked));
        assert_eq!(
            record.check(&keys(), FLOW, Purpose::Recovery, code.expose(), T0),
            Err(Error::Locked)
        );
    }
    assert_eq!(Policy::default().max_attempts(), 5);
    for max in [0, 11] {
        assert_eq!(
            Policy::default().with_max_attempts(max),
            Err(Error::MaxAttempts { max })
        );
    }
}

#[test]
fn every_outcome_counts_the_attempt_before_comparing() {
    // Outcomes decided after the count: wrong, wrong purpose, retired key, malformed input.
    let (mut record, code) = sms(&Policy::default());
    let _ = verify(&mut record, &wrong_for(&code), T0);
    let _ = record.verify(&keys(), FLOW, Purpose::SignUp, code.expose(), T0);
    let _ = verify(&mut record, "12a456", T0);
    let mut rotated = Keys::new("k2", &[8u8; 32]).unwrap();
    let _ = record.verify(&rotated, FLOW, Purpose::Recovery, code.expose(), T0);
    assert_eq!(record.attempts_used(), 4);
    rotated.rotate("k3", &[9u8; 32]).unwrap();
    let _ = record.verify(&rotated, FLOW, Purpose::Recovery, code.expose(), T0);
    // Five attempts spent, none of them right: the right code is now refused.
    assert_eq!(verify(&mut record, code.expose(), T0), Err(Error::Locked));
}

#[test]
fn what_people_type_is_accepted() {
    let (record, code) = sms(&Policy::default());
    let c = code.expose();
    let fullwidth: String = c
        .chars()
        .map(|d| char::from_u32('０' as u32 + d.to_digit(10).unwrap()).unwrap())
        .collect();
    let typed = [
        c.to_owned(),
        format!("{} {}", &c[..3], &c[3..]),
        format!("{}-{}", &c[..3], &c[3..]),
        format!("  {c}\n"),
        format!("{}\u{a0}{}", &c[..3], &c[3..]),
        format!("{}\u{2013}{}", &c[..3], &c[3..]),
        fullwidth,
    ];
    for t in typed {
        let mut r = record.clone();
        assert_eq!(verify(&mut r, &t, T0), Ok(()), "{t:?}");
    }
    for t in [
        format!("{c}0"),
        c[..5].to_owned(),
        format!("{}x", &c[..5]),
        format!("{}x{}", &c[..3], &c[3..]),
        String::new(),
        "12345678901234567890".to_owned(),
    ] {
        let mut r = record.clone();
        assert_eq!(verify(&mut r, &t, T0), Err(Error::Wrong), "{t:?}");
        assert_eq!(r.attempts_used(), 1);
    }
}

#[test]
fn expiry_on_both_sides_of_the_boundary() {
    // SMS: default 5 min, configurable up to 10 min and no further.
    assert_eq!(Policy::default().sms_ttl(), secs(300));
    for ttl in [1, 300, 600] {
        let policy = Policy::default().with_sms_ttl(secs(ttl)).unwrap();
        let (record, code) = sms(&policy);
        assert_eq!(record.expires_at(), T0 + secs(ttl));
        let mut r = record.clone();
        assert_eq!(verify(&mut r, code.expose(), T0 + secs(ttl - 1)), Ok(()));
        let mut r = record.clone();
        assert_eq!(
            verify(&mut r, code.expose(), T0 + secs(ttl)),
            Err(Error::Expired)
        );
        assert_eq!(r.attempts_used(), 0, "an expired code counts nothing");
    }
    let cap = Error::Ttl {
        channel: Channel::Sms,
        max: secs(600),
    };
    assert_eq!(Policy::default().with_sms_ttl(secs(601)), Err(cap.clone()));
    assert_eq!(
        Policy::default().with_sms_ttl(Duration::from_millis(999)),
        Err(cap)
    );

    // Links: default 1 h, configurable up to 24 h and no further.
    assert_eq!(Policy::default().link_ttl(), secs(3600));
    let day = 24 * 3600;
    let policy = Policy::default().with_link_ttl(secs(day)).unwrap();
    let (record, token) =
        CodeRecord::issue_link(&keys(), FLOW, Purpose::Recovery, T0, &policy).unwrap();
    let mut r = record.clone();
    assert_eq!(verify(&mut r, token.expose(), T0 + secs(day - 1)), Ok(()));
    let mut r = record;
    assert_eq!(
        verify(&mut r, token.expose(), T0 + secs(day)),
        Err(Error::Expired)
    );
    assert_eq!(
        Policy::default()
            .with_link_ttl(secs(day + 1))
            .unwrap_err()
            .code(),
        "code.ttl"
    );
    assert!(Policy::default().with_link_ttl(Duration::ZERO).is_err());
}
