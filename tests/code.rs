//! One-time codes, link tokens, records and limits (SECURITY.md properties 3–14).

use std::collections::HashSet;
use std::time::Duration;

use proptest::prelude::*;
use restore_access::code::{
    Bucket, Channel, CodeRecord, Error, Keys, LimiterState, LinkToken, Policy, Purpose, Rate,
    RetryAfter, SmsCode, limiter_key, presets,
};
use restore_access::i18n::{self, Lang};
use restore_access::{ErrorCode, UnixTime};

const T0: UnixTime = UnixTime::from_secs(1_700_000_000);
const FLOW: &str = "flow-7f3a";

fn keys() -> Keys {
    Keys::new("k1", &[7u8; 32]).unwrap()
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn sms(policy: &Policy) -> (CodeRecord, SmsCode) {
    CodeRecord::issue_sms(&keys(), FLOW, Purpose::Recovery, T0, policy).unwrap()
}

fn verify(record: &mut CodeRecord, typed: &str, now: UnixTime) -> Result<(), Error> {
    record.verify(&keys(), FLOW, Purpose::Recovery, typed, now)
}

/// A code of the same length that differs in every digit.
fn other_code(code: &str) -> String {
    code.bytes()
        .map(|b| char::from(b'0' + (b - b'0' + 1) % 10))
        .collect()
}

// ---------------------------------------------------------------- generation (property 4)

/// Pearson's statistic for `counts` against a uniform expectation.
fn chi_square(counts: &[u64]) -> f64 {
    let total: u64 = counts.iter().sum();
    let expected = total as f64 / counts.len() as f64;
    counts
        .iter()
        .map(|&c| (c as f64 - expected).powi(2) / expected)
        .sum()
}

// Upper 10^-6 quantiles of the χ² distribution, computed for this test from the regularized
// incomplete gamma function, Q(df/2, x/2) = 10^-6 solved by bisection in 60-digit
// arithmetic; the Wilson–Hilferty approximation (Wilson & Hilferty 1931, with the normal
// quantile z = 4.753424) gives 45.97, 1226.13 and 10685.68. A uniform sampler exceeds each
// with probability 10^-6.
const CHI2_DF9_P1E6: f64 = 44.811;
const CHI2_DF999_P1E6: f64 = 1226.046;
const CHI2_DF9999_P1E6: f64 = 10685.656;

#[test]
fn six_digit_codes_are_uniform_per_position_and_over_the_value() {
    const N: usize = 1_000_000;
    let mut per_position = [[0u64; 10]; 6];
    // The value in 1000 equal bins (its leading three digits' worth of resolution).
    let mut bins = vec![0u64; 1000];
    for _ in 0..N {
        let code = SmsCode::generate(6).unwrap();
        let text = code.expose().as_bytes();
        assert_eq!(text.len(), 6);
        let mut value = 0usize;
        for (pos, &b) in text.iter().enumerate() {
            assert!(b.is_ascii_digit());
            let digit = usize::from(b - b'0');
            per_position[pos][digit] += 1;
            value = value * 10 + digit;
        }
        bins[value / 1000] += 1;
    }
    for (pos, counts) in per_position.iter().enumerate() {
        let stat = chi_square(counts);
        assert!(stat < CHI2_DF9_P1E6, "position {pos}: χ² = {stat:.1}");
    }
    let stat = chi_square(&bins);
    assert!(stat < CHI2_DF999_P1E6, "value bins: χ² = {stat:.1}");
}

#[test]
fn four_digit_codes_are_uniform_over_every_value() {
    const N: usize = 1_000_000;
    let mut counts = vec![0u64; 10_000];
    for _ in 0..N {
        let code = SmsCode::generate(4).unwrap();
        counts[code.expose().parse::<usize>().unwrap()] += 1;
    }
    let stat = chi_square(&counts);
    assert!(stat < CHI2_DF9999_P1E6, "χ² = {stat:.1}");

    // The same statistic does catch the classic mistake: `u16 % 10^4` favours 0..5536.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut biased = vec![0u64; 10_000];
    for _ in 0..N {
        // xorshift64*, a fair 16-bit source; the bias is all in the `%`.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let word = (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 48) as u16;
        biased[usize::from(word % 10_000)] += 1;
    }
    assert!(chi_square(&biased) > CHI2_DF9999_P1E6);
}

#[test]
fn code_lengths() {
    for digits in 4..=10 {
        let code = SmsCode::generate(digits).unwrap();
        assert_eq!(code.expose().len(), usize::from(digits));
        assert!(code.expose().bytes().all(|b| b.is_ascii_digit()));
    }
    for digits in [0, 3, 11] {
        assert_eq!(
            SmsCode::generate(digits).unwrap_err(),
            Error::Digits { digits }
        );
        assert_eq!(
            Policy::default()
                .with_sms_digits(digits)
                .unwrap_err()
                .code(),
            "code.digits"
        );
    }
}

#[test]
fn tokens_have_the_length_alphabet_and_entropy_asked_for() {
    use base64ct::{Base64UrlUnpadded, Encoding};
    for (bits, len) in [(128, 22), (256, 43), (384, 64), (512, 86)] {
        let token = LinkToken::generate(bits).unwrap();
        let text = token.expose();
        assert_eq!(text.len(), len, "{bits} bits");
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{text}"
        );
        let bytes = Base64UrlUnpadded::decode_vec(text).unwrap();
        assert_eq!(bytes.len(), usize::from(bits / 8));
    }
    assert_eq!(
        LinkToken::generate(LinkToken::DEFAULT_BITS)
            .unwrap()
            .expose()
            .len(),
        43
    );
    for bits in [0, 120, 127, 130, 520] {
        assert_eq!(
            LinkToken::generate(bits).unwrap_err(),
            Error::TokenBits { bits }
        );
        assert!(Policy::default().with_link_bits(bits).is_err());
    }
    assert_eq!(Policy::default().link_bits(), LinkToken::DEFAULT_BITS);
    let policy = Policy::default().with_link_bits(128).unwrap();
    assert_eq!(policy.link_bits(), 128);
    let (_, token) = CodeRecord::issue_link(&keys(), FLOW, Purpose::Recovery, T0, &policy).unwrap();
    assert_eq!(
        token.expose().len(),
        22,
        "the policy's size is the size issued"
    );
    let seen: HashSet<String> = (0..10_000)
        .map(|_| LinkToken::generate(128).unwrap().expose().to_owned())
        .collect();
    assert_eq!(seen.len(), 10_000);
}

// ------------------------------------------------------------- secrets in logs (property 14)

/// SECURITY 14: every secret type wipes itself on drop. Checked when the tests compile: the
/// build fails if one of them stops being `ZeroizeOnDrop`.
const _: () = {
    const fn wiped_on_drop<T: zeroize::ZeroizeOnDrop>() {}
    wiped_on_drop::<SmsCode>();
    wiped_on_drop::<LinkToken>();
    wiped_on_drop::<Keys>();
    wiped_on_drop::<restore_access::password::Password>();
    wiped_on_drop::<restore_access::flow::Proof>();
};

#[test]
fn debug_never_shows_a_secret() {
    let code = SmsCode::generate(10).unwrap();
    let shown = format!("{code:?} {code:#?}");
    assert!(shown.contains("[REDACTED]"));
    assert!(!shown.contains(code.expose()));

    let token = LinkToken::generate(256).unwrap();
    let shown = format!("{token:?} {token:#?}");
    assert!(shown.contains("[REDACTED]"));
    assert!(!shown.contains(token.expose()));

    let secret: Vec<u8> = (100..164).collect();
    let mut keys = Keys::new("old", &secret).unwrap();
    keys.rotate("new", &[201u8; 40]).unwrap();
    let shown = format!("{keys:?} {keys:#?}");
    assert!(shown.contains("[REDACTED]") && shown.contains("old") && shown.contains("new"));
    for byte in ["100", "163", "201"] {
        assert!(!shown.contains(byte), "{shown}");
    }
}

// -------------------------------------------------------------- verification (5, 6, 8, 11)

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

fn wrong_for(code: &SmsCode) -> String {
    other_code(code.expose())
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

// ---------------------------------------------------------------------- binding (10, 13)

#[test]
fn a_code_is_bound_to_its_flow_and_purpose() {
    let (record, code) = sms(&Policy::default());
    let mut r = record.clone();
    // Another flow: plain `code.wrong`, nothing that says the code exists elsewhere.
    assert_eq!(
        r.verify(&keys(), "flow-other", Purpose::Recovery, code.expose(), T0),
        Err(Error::Wrong)
    );
    let mut r = record.clone();
    assert_eq!(
        r.verify(&keys(), FLOW, Purpose::SignUp, code.expose(), T0),
        Err(Error::WrongPurpose)
    );
    // A sign-up code presented to a recovery step.
    let (mut signup, code) =
        CodeRecord::issue_sms(&keys(), FLOW, Purpose::SignUp, T0, &Policy::default()).unwrap();
    assert_eq!(signup.purpose(), Purpose::SignUp);
    assert_eq!(
        signup.verify(&keys(), FLOW, Purpose::Recovery, code.expose(), T0),
        Err(Error::WrongPurpose)
    );
    // Flow ids are length-prefixed in the hash: shifting a byte between fields breaks it.
    let (mut r, code) =
        CodeRecord::issue_sms(&keys(), "ab", Purpose::Recovery, T0, &Policy::default()).unwrap();
    let shifted = format!("b{}", code.expose());
    assert_eq!(
        r.verify(&keys(), "a", Purpose::Recovery, &shifted, T0),
        Err(Error::Wrong)
    );
}

#[test]
fn a_new_record_voids_the_earlier_code() {
    // The flow keeps one record per purpose; issuing again replaces it.
    let policy = Policy::default().with_sms_digits(10).unwrap();
    let (record, first) = sms(&policy);
    let mut slot: Option<CodeRecord> = Some(record);
    let (record, second) = sms(&policy);
    let replaced = slot.replace(record).unwrap();
    assert_ne!(first.expose(), second.expose());
    // The first code was good until its record was replaced...
    assert_eq!(verify(&mut replaced.clone(), first.expose(), T0), Ok(()));
    drop(replaced);
    // ...and matches nothing in what the flow now holds.
    let record = slot.as_mut().unwrap();
    assert_eq!(verify(record, first.expose(), T0), Err(Error::Wrong));
    assert_eq!(verify(record, second.expose(), T0), Ok(()));

    let (_, first) =
        CodeRecord::issue_link(&keys(), FLOW, Purpose::Recovery, T0, &Policy::default()).unwrap();
    let (mut record, second) =
        CodeRecord::issue_link(&keys(), FLOW, Purpose::Recovery, T0, &Policy::default()).unwrap();
    assert_eq!(verify(&mut record, first.expose(), T0), Err(Error::Wrong));
    assert_eq!(verify(&mut record, second.expose(), T0), Ok(()));
}

#[test]
fn keys_rotate() {
    let mut ring = Keys::new("k1", &[1u8; 32]).unwrap();
    let (mut record, code) =
        CodeRecord::issue_sms(&ring, FLOW, Purpose::Recovery, T0, &Policy::default()).unwrap();
    assert_eq!(record.key_id(), "k1");

    ring.rotate("k2", &[2u8; 64]).unwrap();
    assert_eq!(ring.ids().collect::<Vec<_>>(), ["k2", "k1"]);
    let (new_record, _) =
        CodeRecord::issue_sms(&ring, FLOW, Purpose::Recovery, T0, &Policy::default()).unwrap();
    assert_eq!(new_record.key_id(), "k2", "issued with the first key");
    let mut r = record.clone();
    assert_eq!(
        r.verify(&ring, FLOW, Purpose::Recovery, code.expose(), T0),
        Ok(()),
        "verified with an older key"
    );

    ring.retire("k1").unwrap();
    assert_eq!(
        record.verify(&ring, FLOW, Purpose::Recovery, code.expose(), T0),
        Err(Error::KeyRetired)
    );
    // A ring with another secret under the same id verifies nothing.
    let impostor = Keys::new("k1", &[3u8; 32]).unwrap();
    let (mut record, code) = sms(&Policy::default());
    assert_eq!(
        record.verify(&impostor, FLOW, Purpose::Recovery, code.expose(), T0),
        Err(Error::Wrong)
    );
}

#[test]
fn a_cloned_ring_holds_the_same_keys_and_changes_alone() {
    let mut ring = Keys::new("k1", &[1u8; 32]).unwrap();
    ring.rotate("k2", &[2u8; 32]).unwrap();
    let mut copy = ring.clone();
    let (mut record, code) =
        CodeRecord::issue_sms(&ring, FLOW, Purpose::Recovery, T0, &Policy::default()).unwrap();
    assert_eq!(
        record
            .clone()
            .verify(&copy, FLOW, Purpose::Recovery, code.expose(), T0),
        Ok(())
    );
    copy.retire("k1").unwrap();
    assert_eq!(
        ring.ids().collect::<Vec<_>>(),
        ["k2", "k1"],
        "the original keeps k1"
    );
    copy.rotate("k3", &[3u8; 32]).unwrap();
    assert_eq!(
        record.verify(&copy, FLOW, Purpose::Recovery, code.expose(), T0),
        Ok(()),
        "k2 is still in the copy"
    );
}

#[test]
fn key_ring_errors() {
    for len in [0, 16, 31, 65, 128] {
        assert_eq!(
            Keys::new("k", &vec![1u8; len]).unwrap_err(),
            Error::KeyLength { len }
        );
    }
    for id in ["", "a b", "ключ", "k/1", "seventeen-chars-x"] {
        assert_eq!(
            Keys::new(id, &[1u8; 32]).unwrap_err(),
            Error::KeyId,
            "{id:?}"
        );
    }
    assert!(Keys::new("sixteen-chars-xy", &[1u8; 32]).is_ok());
    let mut ring = Keys::new("a", &[1u8; 32]).unwrap();
    assert_eq!(ring.rotate("a", &[2u8; 32]), Err(Error::KeyDuplicate));
    assert_eq!(ring.retire("a"), Err(Error::NoKeys));
    assert_eq!(ring.ids().collect::<Vec<_>>(), ["a"], "unchanged on error");
    ring.rotate("b", &[2u8; 32]).unwrap();
    ring.retire("b").unwrap();
    assert_eq!(
        ring.current_id(),
        "a",
        "retiring the current key promotes the next"
    );
}

#[cfg(feature = "serde")]
/// The documented layout, recomputed here: keyed BLAKE2b-128 over length-prefixed fields.
fn reference_tag(secret: &[u8], fields: &[&[u8]]) -> [u8; 16] {
    use blake2::digest::{KeyInit, Mac, consts::U16};
    let mut mac = blake2::Blake2bMac::<U16>::new_from_slice(secret).unwrap();
    for f in fields {
        mac.update(&(f.len() as u64).to_le_bytes());
        mac.update(f);
    }
    mac.finalize().into_bytes().into()
}

#[cfg(feature = "serde")]
#[test]
fn a_record_stores_only_the_documented_keyed_hash() {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let (record, code) = sms(&Policy::default());
    let json = serde_json::to_string(&record).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let fields: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected_fields = [
        "key", "mac", "channel", "purpose", "issued", "expires", "tries", "max", "used",
    ];
    expected_fields.sort_unstable();
    assert_eq!(fields, expected_fields, "no field holds the code");

    // The stored hash is exactly the documented construction over the code.
    let mac = Base64UrlUnpadded::decode_vec(value["mac"].as_str().unwrap()).unwrap();
    let expected = reference_tag(
        &[7u8; 32],
        &[
            b"restore-access/code/v1",
            b"sms",
            b"recovery",
            FLOW.as_bytes(),
            code.expose().as_bytes(),
        ],
    );
    assert_eq!(mac, expected);
}

// ------------------------------------------------------------------ sealed records (21)

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

// ------------------------------------------------------------------------- links (12)

#[test]
fn opening_a_link_consumes_nothing_but_wrong_tokens_count() {
    let (mut record, token) =
        CodeRecord::issue_link(&keys(), FLOW, Purpose::Recovery, T0, &Policy::default()).unwrap();
    assert_eq!(record.channel(), Channel::Email);
    // A mail scanner and the person open the link many times: more than the attempt limit.
    for _ in 0..20 {
        assert_eq!(
            record.check(&keys(), FLOW, Purpose::Recovery, token.expose(), T0),
            Ok(())
        );
    }
    assert_eq!(record.attempts_used(), 0);
    assert!(!record.is_used());

    let mut guessed = token.expose().to_owned();
    guessed.replace_range(..1, if guessed.starts_with('A') { "B" } else { "A" });
    assert_eq!(
        record.check(&keys(), FLOW, Purpose::Recovery, &guessed, T0),
        Err(Error::Wrong)
    );
    assert_eq!(record.attempts_used(), 1);

    // The final step consumes it; after that even opening it says `code.used`.
    assert_eq!(
        verify(&mut record, &format!(" {} ", token.expose()), T0),
        Ok(())
    );
    assert_eq!(
        record.check(&keys(), FLOW, Purpose::Recovery, token.expose(), T0),
        Err(Error::Used)
    );
    // Over-long input is refused without trouble.
    let (mut record, _) =
        CodeRecord::issue_link(&keys(), FLOW, Purpose::Recovery, T0, &Policy::default()).unwrap();
    assert_eq!(
        verify(&mut record, &"A".repeat(10_000), T0),
        Err(Error::Wrong)
    );
}

// ---------------------------------------------------------------------- limits (3, 7)

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

// ------------------------------------------------------------------------- codes and text

#[test]
fn every_error_has_a_message_in_both_languages() {
    let all = [
        Error::Wrong,
        Error::Expired,
        Error::NotYetValid,
        Error::Used,
        Error::Locked,
        Error::WrongPurpose,
        Error::KeyRetired,
        Error::RateLimited {
            retry_after: secs(60),
        },
        Error::Digits { digits: 3 },
        Error::TokenBits { bits: 8 },
        Error::Ttl {
            channel: Channel::Sms,
            max: secs(600),
        },
        Error::MaxAttempts { max: 0 },
        Error::KeyLength { len: 1 },
        Error::KeyId,
        Error::KeyDuplicate,
        Error::NoKeys,
        Error::Rate,
        Error::UnknownPurpose,
        Error::UnknownChannel,
        Error::Rng,
        Error::StateInvalid,
    ];
    let codes: HashSet<&str> = all.iter().map(|e| e.code()).collect();
    assert_eq!(codes.len(), all.len(), "codes are distinct");
    for e in &all {
        let m = i18n::lookup(e.code()).unwrap_or_else(|| panic!("{} has no message", e.code()));
        assert_eq!(e.message(Lang::Ru), m.ru);
        assert_eq!(e.message(Lang::En), m.en);
        assert!(!e.to_string().is_empty());
    }
    // And the table has no entry that no error produces.
    for m in i18n::all().filter(|m| m.code.starts_with("code.")) {
        assert!(codes.contains(m.code), "{} is never reported", m.code);
    }
}

#[test]
fn purposes_and_channels_parse_their_names() {
    for p in [
        Purpose::Recovery,
        Purpose::SignUp,
        Purpose::ContactChange,
        Purpose::SignIn,
    ] {
        assert_eq!(p.as_str().parse::<Purpose>(), Ok(p));
        assert_eq!(p.to_string(), p.as_str());
    }
    assert_eq!("Recovery".parse::<Purpose>(), Err(Error::UnknownPurpose));
    for c in [Channel::Sms, Channel::Email] {
        assert_eq!(c.as_str().parse::<Channel>(), Ok(c));
    }
    assert_eq!(
        "push".parse::<Channel>().unwrap_err().code(),
        "code.channel"
    );
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Keys>();
    assert_send_sync::<CodeRecord>();
    assert_send_sync::<SmsCode>();
    assert_send_sync::<LinkToken>();
    assert_send_sync::<LimiterState>();
    assert_send_sync::<Error>();
}
