//! Secrets never reach a log (property 14).

use super::*;

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
