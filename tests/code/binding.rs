//! Binding to the flow, the purpose and the key ring; what a record stores (properties 10, 13).

use super::*;

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
