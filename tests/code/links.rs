//! Opening a link (property 12).

use super::*;

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
