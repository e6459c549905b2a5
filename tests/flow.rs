//! The recovery flow driven from the outside: both portals, known and unknown accounts,
//! every branch, and the stored state.

use std::sync::Arc;
use std::time::Duration;

use proptest::prelude::*;
use restore_access::code::Keys;
use restore_access::flow::{
    Account, Action, Budget, Channel, Config, DocumentKind, Error, Escalation, Flow, Input,
    PersonalData, Prompt, Route, Step,
};
use restore_access::id::{Document, Snils};
use restore_access::password::Password;
use restore_access::{ErrorCode, UnixTime};

const T0: UnixTime = UnixTime::from_secs(1_800_000_000);
const PHONE: &str = "8 (916) 123-45-67";
const EMAIL: &str = "ivan.petrov@mail.ru";
const PASSPORT: &str = "45 08 123456";
const GOOD_PASSWORD: &str = "Sharik1599+";

fn keys() -> Keys {
    Keys::new("k1", &[42u8; 32]).unwrap()
}

fn gosuslugi() -> Arc<Config> {
    Arc::new(Config::gosuslugi(keys()))
}

fn mosru() -> Arc<Config> {
    Arc::new(Config::mosru(keys()))
}

fn account() -> Account {
    let mut a = Account::new("acc-1");
    a.phone = Some(PHONE.parse().unwrap());
    a.email = Some(EMAIL.parse().unwrap());
    a.surname = Some("Петров".into());
    a.documents = vec![Document::parse(PASSPORT).unwrap()];
    a
}

fn at(secs: u64) -> UnixTime {
    T0 + Duration::from_secs(secs)
}

fn new_password(pw: &str) -> Input {
    Input::NewPassword {
        password: Password::from(pw.to_owned()),
        personal: PersonalData::default(),
    }
}

/// The plaintext of the SMS code or link token the step delivers, if it delivers one.
fn delivered(step: &Step) -> Option<String> {
    step.actions.iter().find_map(|a| match a {
        Action::SendSmsCode { code, .. } => Some(code.expose().to_owned()),
        Action::SendEmailLink { token, .. } => Some(token.expose().to_owned()),
        _ => None,
    })
}

/// The routes of an escalation for `reason`; fails on any other prompt.
fn routes(step: &Step, reason: Escalation) -> &'static [Route] {
    match step.prompt {
        Prompt::Escalation { reason: r, routes } if r == reason => routes,
        ref other => panic!("{other:?}"),
    }
}

/// Whether a route sends the person to a service centre with passport and СНИЛС.
fn service_centre_with_passport_and_snils(routes: &[Route]) -> bool {
    routes.iter().any(|r| {
        matches!(r, Route::ServiceCentre { bring }
            if bring.contains(&DocumentKind::Passport) && bring.contains(&DocumentKind::Snils))
    })
}

fn public(step: &Step) -> String {
    serde_json::to_string(&step.prompt).unwrap()
}

/// Walks Госуслуги up to the code prompt at `now`, spending from `budget`.
fn gosuslugi_to_code_with(
    contact: &str,
    found: Option<Account>,
    budget: &mut Budget,
    now: UnixTime,
) -> (Flow, Step) {
    let (mut flow, step) = Flow::start(gosuslugi(), now).unwrap();
    assert_eq!(step.prompt, Prompt::EnterContact);
    let step = flow
        .handle(Input::Contact(contact.into()), now, budget)
        .unwrap();
    assert_eq!(step.prompt, Prompt::EnterDocument);
    let step = flow
        .handle(Input::Document(PASSPORT.into()), now, budget)
        .unwrap();
    assert_eq!(step.prompt, Prompt::AwaitingHost);
    assert!(matches!(
        step.actions.as_slice(),
        [Action::LookUpAccount { .. }]
    ));
    let step = flow.handle(Input::Account(found), now, budget).unwrap();
    assert_eq!(step.prompt, Prompt::HumanCheck);
    let step = flow.handle(Input::HumanCheckPassed, now, budget).unwrap();
    (flow, step)
}

/// Walks Госуслуги up to the code prompt with a fresh budget.
fn gosuslugi_to_code(contact: &str, found: Option<Account>) -> (Flow, Budget, Step) {
    let mut budget = Budget::default();
    let (flow, step) = gosuslugi_to_code_with(contact, found, &mut budget, T0);
    (flow, budget, step)
}

#[test]
fn gosuslugi_by_phone_sets_the_password_and_never_signs_in() {
    let (mut flow, mut budget, step) = gosuslugi_to_code(PHONE, Some(account()));
    assert!(matches!(
        step.prompt,
        Prompt::CodeSent {
            channel: Some(Channel::Sms),
            digits: 6,
            attempts_left: 5,
            rejected: None,
            ..
        }
    ));
    let sms = step
        .actions
        .iter()
        .find_map(|a| match a {
            Action::SendSmsCode { account, phone, .. } => {
                Some((account.clone(), phone.to_string()))
            }
            _ => None,
        })
        .expect("an SMS to the stored phone");
    assert_eq!(sms, ("acc-1".to_owned(), "+79161234567".to_owned()));
    let code = delivered(&step).unwrap();

    let step = flow.handle(Input::Code(code), at(30), &mut budget).unwrap();
    assert_eq!(step.prompt, Prompt::NewPassword { violations: vec![] });

    let step = flow
        .handle(new_password("qwerty"), at(40), &mut budget)
        .unwrap();
    let Prompt::NewPassword { violations } = &step.prompt else {
        panic!("{:?}", step.prompt)
    };
    assert!(violations.contains(&"password.too_short"), "{violations:?}");
    assert!(step.actions.is_empty());

    let step = flow
        .handle(new_password(GOOD_PASSWORD), at(50), &mut budget)
        .unwrap();
    assert_eq!(step.prompt, Prompt::Done);
    let kinds: Vec<&str> = step
        .actions
        .iter()
        .map(|a| match a {
            Action::StorePasswordHash { phc, .. } => {
                assert!(phc.starts_with("$argon2id$"), "{phc}");
                "store"
            }
            Action::RevokeAllSessions { .. } => "revoke",
            Action::NotifyPasswordChanged { .. } => "notify",
            Action::Audit(e) => {
                assert_eq!(e.event, "recovery.password_changed");
                "audit"
            }
            other => panic!("unexpected action {other:?}"),
        })
        .collect();
    assert_eq!(kinds, ["store", "revoke", "notify", "audit"]);
    assert!(flow.prompt().is_final());
}

#[test]
fn an_unknown_account_sees_byte_identical_prompts() {
    let run = |found: Option<Account>, contact: &str| {
        let mut prompts = Vec::new();
        let (mut flow, step) = Flow::start(gosuslugi(), T0).unwrap();
        prompts.push(public(&step));
        let mut budget = Budget::default();
        let inputs = vec![
            Input::Contact(contact.into()),
            Input::Document(PASSPORT.into()),
            Input::Account(found),
            Input::HumanCheckPassed,
            Input::Code("000000".into()),
            Input::Code("111111".into()),
        ];
        let mut deliveries = 0;
        for input in inputs {
            let step = flow.handle(input, T0, &mut budget).unwrap();
            deliveries += usize::from(delivered(&step).is_some());
            prompts.push(public(&step));
        }
        (prompts, deliveries, work_done(&flow))
    };
    for contact in [PHONE, EMAIL] {
        let (known, sent_known, work_known) = run(Some(account()), contact);
        let (unknown, sent_unknown, work_unknown) = run(None, contact);
        let mut wrong_document = account();
        wrong_document.documents = vec![Document::parse("4509 654321").unwrap()];
        let (mismatch, sent_mismatch, work_mismatch) = run(Some(wrong_document), contact);
        assert_eq!(known, unknown, "{contact}");
        assert_eq!(known, mismatch, "{contact}");
        assert_eq!((sent_known, sent_unknown, sent_mismatch), (1, 0, 0));
        assert_eq!(work_known, work_unknown, "{contact}");
        assert_eq!(work_known, work_mismatch, "{contact}");
    }
}

/// The work a flow has done on its code record, apart from the secret values: which fields
/// it has, the length of the keyed hash, the attempts counted. A decoy must match the real
/// record here (SECURITY.md 2): the same hash computed, the same guesses counted.
fn work_done(flow: &Flow) -> Vec<String> {
    let state: serde_json::Value = serde_json::from_str(&flow.to_json()).unwrap();
    let record = state["stage"]["record"].as_object().expect("a code record");
    record
        .iter()
        .map(|(field, value)| match (field.as_str(), value) {
            ("mac", serde_json::Value::String(mac)) => format!("mac: {} chars", mac.len()),
            ("issued" | "expires", _) => format!("{field}: set"),
            _ => format!("{field}: {value}"),
        })
        .collect()
}

#[test]
fn a_wrong_input_names_the_step_and_changes_nothing() {
    let (mut flow, mut budget, _) = gosuslugi_to_code(PHONE, Some(account()));
    let before = flow.to_json();
    let budget_before = budget.clone();
    let err = flow
        .handle(Input::HumanCheckPassed, at(1), &mut budget)
        .unwrap_err();
    assert_eq!(
        err,
        Error::UnexpectedInput {
            stage: "code_sent",
            input: "human_check_passed"
        }
    );
    assert_eq!(err.code(), "flow.unexpected_input");
    let err = flow
        .handle(new_password(GOOD_PASSWORD), at(1), &mut budget)
        .unwrap_err();
    assert!(matches!(
        err,
        Error::UnexpectedInput {
            input: "new_password",
            ..
        }
    ));
    assert_eq!(flow.to_json(), before);
    assert_eq!(budget, budget_before);

    // An invalid contact is the identifier's own error, and the flow stays at the start.
    let (mut flow, _) = Flow::start(gosuslugi(), T0).unwrap();
    let before = flow.to_json();
    let err = flow
        .handle(Input::Contact("+7 701 123 45 67".into()), T0, &mut budget)
        .unwrap_err();
    assert_eq!(err.code(), "phone.kazakhstan");
    assert_eq!(flow.to_json(), before);
}

#[test]
fn five_wrong_codes_lock_even_when_the_next_is_right() {
    let (mut flow, mut budget, step) = gosuslugi_to_code(PHONE, Some(account()));
    let code = delivered(&step).unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for left in (1..5).rev() {
        let step = flow
            .handle(Input::Code(wrong.into()), at(1), &mut budget)
            .unwrap();
        assert!(matches!(
            step.prompt,
            Prompt::CodeSent { attempts_left, rejected: Some("code.wrong"), .. } if attempts_left == left
        ));
    }
    let step = flow
        .handle(Input::Code(wrong.into()), at(1), &mut budget)
        .unwrap();
    assert_eq!(
        step.prompt,
        Prompt::Locked {
            retry_at: at(1) + Duration::from_secs(3600)
        }
    );
    let err = flow
        .handle(Input::Code(code), at(2), &mut budget)
        .unwrap_err();
    assert!(matches!(
        err,
        Error::UnexpectedInput {
            stage: "locked",
            ..
        }
    ));
}

#[test]
fn resend_waits_for_the_cooldown_and_voids_the_old_code() {
    let (mut flow, mut budget, step) = gosuslugi_to_code(PHONE, Some(account()));
    let old = delivered(&step).unwrap();
    let err = flow.handle(Input::Resend, at(59), &mut budget).unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
    assert_eq!(err.code(), "flow.resend_too_soon");
    let step = flow.handle(Input::Resend, at(60), &mut budget).unwrap();
    let new = delivered(&step).unwrap();
    if old != new {
        let step = flow.handle(Input::Code(old), at(61), &mut budget).unwrap();
        assert!(matches!(
            step.prompt,
            Prompt::CodeSent {
                rejected: Some("code.wrong"),
                ..
            }
        ));
    }
    let step = flow.handle(Input::Code(new), at(62), &mut budget).unwrap();
    assert_eq!(step.prompt, Prompt::NewPassword { violations: vec![] });
}

#[test]
fn an_expired_code_is_refused_and_a_new_one_works() {
    let (mut flow, mut budget, step) = gosuslugi_to_code(PHONE, Some(account()));
    let code = delivered(&step).unwrap();
    let step = flow
        .handle(Input::Code(code), at(5 * 60), &mut budget)
        .unwrap();
    assert!(matches!(
        step.prompt,
        Prompt::CodeSent {
            rejected: Some("code.expired"),
            ..
        }
    ));
}

#[test]
fn send_limits_span_flows_and_treat_unknown_logins_alike() {
    for found in [Some(account()), None] {
        let mut budget = Budget::default();
        let mut key = None;
        // Once a minute: the per-minute limit allows each, the hourly one stops the sixth.
        for n in 0..6 {
            let now = at(n * 60);
            let (mut flow, _) = Flow::start(gosuslugi(), now).unwrap();
            flow.handle(Input::Contact(PHONE.into()), now, &mut budget)
                .unwrap();
            key.get_or_insert_with(|| flow.budget_key().unwrap().to_owned());
            assert_eq!(flow.budget_key(), key.as_deref(), "one key per login");
            flow.handle(Input::Document(PASSPORT.into()), now, &mut budget)
                .unwrap();
            flow.handle(Input::Account(found.clone()), now, &mut budget)
                .unwrap();
            let result = flow.handle(Input::HumanCheckPassed, now, &mut budget);
            if n < 5 {
                assert!(result.is_ok(), "send {n}");
            } else {
                let err = result.unwrap_err();
                assert_eq!(err.code(), "flow.send_limited");
                assert!(err.retry_after().is_some());
            }
        }
    }
}

#[test]
fn code_guesses_are_budgeted_across_flows() {
    // Four wrong guesses per flow stay under each flow's own lock (five); the login's budget
    // of ten guesses a day still runs out in the third flow.
    let mut budget = Budget::default();
    let mut accepted = 0;
    let mut n = 0;
    let err = 'flows: loop {
        let start = at(n * 60);
        n += 1;
        let (mut flow, _) = gosuslugi_to_code_with(PHONE, Some(account()), &mut budget, start);
        for _ in 0..4 {
            match flow.handle(Input::Code("12345".into()), start, &mut budget) {
                Ok(_) => accepted += 1,
                Err(e) => break 'flows e,
            }
        }
    };
    assert_eq!(err.code(), "flow.guess_limited");
    assert_eq!(accepted, 10);
}

#[test]
fn an_email_link_is_spent_only_when_the_password_is_set() {
    let (mut flow, mut budget, step) = gosuslugi_to_code(EMAIL, Some(account()));
    assert!(matches!(
        step.prompt,
        Prompt::CodeSent {
            channel: Some(Channel::Email),
            ..
        }
    ));
    let token = delivered(&step).unwrap();
    assert!(step.actions.iter().any(|a| matches!(
        a,
        Action::SendEmailLink { email, flow_id, .. } if email.to_string() == EMAIL && flow_id == flow.id()
    )));
    // A mail scanner opens the link, then the person does: both work.
    for t in [10, 20] {
        let step = flow
            .handle(Input::LinkOpened(token.clone()), at(t), &mut budget)
            .unwrap();
        assert_eq!(step.prompt, Prompt::NewPassword { violations: vec![] });
    }
    let step = flow
        .handle(new_password(GOOD_PASSWORD), at(30), &mut budget)
        .unwrap();
    assert_eq!(step.prompt, Prompt::Done);
    assert!(
        flow.handle(Input::LinkOpened(token), at(40), &mut budget)
            .is_err()
    );
}

#[test]
fn gosuslugi_without_access_ends_at_a_service_centre() {
    let (mut flow, _) = Flow::start(gosuslugi(), T0).unwrap();
    let step = flow
        .handle(Input::NoAccessToContacts, T0, &mut Budget::default())
        .unwrap();
    assert!(service_centre_with_passport_and_snils(routes(
        &step,
        Escalation::NoAccess
    )));
}

fn mosru_to_code(login: &str, surname: &str, found: Option<Account>) -> (Flow, Budget, Step) {
    let (mut flow, step) = Flow::start(mosru(), T0).unwrap();
    assert_eq!(step.prompt, Prompt::EnterLoginAndSurname);
    let mut budget = Budget::default();
    let step = flow
        .handle(
            Input::LoginAndSurname {
                login: login.into(),
                surname: surname.into(),
            },
            T0,
            &mut budget,
        )
        .unwrap();
    assert!(
        step.actions
            .iter()
            .any(|a| matches!(a, Action::LookUpAccount { .. }))
    );
    let step = flow.handle(Input::Account(found), T0, &mut budget).unwrap();
    (flow, budget, step)
}

#[test]
fn mosru_checks_the_surname_and_sends_to_the_bound_contact() {
    let (mut flow, mut budget, step) = mosru_to_code(PHONE, "ПЕТРОВ", Some(account()));
    let code = delivered(&step).expect("a code for a matching surname");
    let step = flow.handle(Input::Code(code), at(10), &mut budget).unwrap();
    assert_eq!(step.prompt, Prompt::NewPassword { violations: vec![] });

    let (_, _, known) = mosru_to_code(PHONE, "Петров", Some(account()));
    let (_, _, wrong) = mosru_to_code(PHONE, "Сидоров", Some(account()));
    let (_, _, unknown) = mosru_to_code(PHONE, "Петров", None);
    assert!(delivered(&wrong).is_none() && delivered(&unknown).is_none());
    assert_eq!(public(&known), public(&wrong));
    assert_eq!(public(&known), public(&unknown));
}

/// By СНИЛС the prompt names no channel, whatever the account has bound: an e-mail only, a
/// phone, nothing at all (saying so would reveal the account), or no account.
#[test]
fn mosru_by_snils_names_no_channel_and_hides_a_missing_contact() {
    let snils = "112-233-445 95";
    let mut only_email = account();
    only_email.phone = None;
    let mut bare = only_email.clone();
    bare.email = None;
    let (_, _, by_email) = mosru_to_code(snils, "Петров", Some(only_email));
    let (_, _, by_phone) = mosru_to_code(snils, "Петров", Some(account()));
    let (mut flow, mut budget, no_contact) = mosru_to_code(snils, "Петров", Some(bare));
    let (_, _, unknown) = mosru_to_code(snils, "Петров", None);
    assert!(matches!(
        by_email.prompt,
        Prompt::CodeSent { channel: None, .. }
    ));
    let sends = |step: &Step| -> Vec<&'static str> {
        step.actions
            .iter()
            .filter_map(|a| match a {
                Action::SendEmailLink { .. } => Some("link"),
                Action::SendSmsCode { .. } => Some("sms"),
                Action::Audit(e) if e.event == "recovery.no_contact_bound" => Some("no contact"),
                _ => None,
            })
            .collect()
    };
    assert_eq!(sends(&by_email), ["link"]);
    assert_eq!(sends(&by_phone), ["sms"]);
    assert_eq!(sends(&no_contact), ["no contact"]);
    assert!(sends(&unknown).is_empty());
    for step in [&by_email, &by_phone, &no_contact] {
        assert_eq!(public(step), public(&unknown));
    }

    let step = flow
        .handle(Input::NoAccessToContacts, at(5), &mut budget)
        .unwrap();
    assert!(service_centre_with_passport_and_snils(routes(
        &step,
        Escalation::NoAccess
    )));
}

#[test]
fn mosru_escalates_after_two_hours_of_nothing() {
    let (mut flow, mut budget, _) = mosru_to_code(EMAIL, "Петров", Some(account()));
    let err = flow
        .handle(Input::NothingArrived, at(7199), &mut budget)
        .unwrap_err();
    assert_eq!(
        (err.code(), err.retry_after()),
        ("flow.too_early", Some(Duration::from_secs(1)))
    );
    let step = flow
        .handle(Input::NothingArrived, at(7200), &mut budget)
        .unwrap();
    let routes = routes(&step, Escalation::NothingArrived);
    assert!(routes.contains(&Route::SupportForm));
    assert!(routes.contains(&Route::PhoneLine {
        phone: "+74955395555"
    }));
    assert!(service_centre_with_passport_and_snils(routes));
    assert!(flow.prompt().is_final());
}

#[test]
fn a_flow_expires_after_its_lifetime() {
    let (mut flow, mut budget, _) = gosuslugi_to_code(PHONE, Some(account()));
    let lifetime = flow.config().lifetime.as_secs();
    assert!(
        flow.handle(Input::Resend, at(lifetime - 1), &mut budget)
            .is_ok()
    );
    let before = flow.to_json();
    let err = flow
        .handle(Input::Resend, at(lifetime), &mut budget)
        .unwrap_err();
    assert_eq!(err, Error::Expired);
    assert_eq!(err.code(), "flow.expired");
    assert_eq!(flow.to_json(), before);
}

#[test]
fn a_signup_conflict_recovers_with_the_snils_as_login() {
    let snils: Snils = "112-233-445 95".parse().unwrap();
    let (_, step) = Flow::after_signup_conflict(gosuslugi(), &snils, T0).unwrap();
    assert_eq!(step.prompt, Prompt::AwaitingHost);
    assert!(step.actions.iter().any(|a| matches!(
        a,
        Action::LookUpAccount { login } if login.to_string() == "112-233-445 95"
    )));
}

#[test]
fn the_state_is_small_versioned_and_holds_no_code() {
    let (flow, _, step) = gosuslugi_to_code(PHONE, Some(account()));
    let code = delivered(&step).unwrap();
    let json = flow.to_json();
    assert!(json.len() <= 512, "{} bytes: {json}", json.len());
    assert!(json.starts_with(r#"{"v":1,"#), "{json}");
    assert!(
        !json.contains(&code),
        "the plaintext code is in the state: {json}"
    );

    let again = Flow::from_json(gosuslugi(), &json).unwrap();
    assert_eq!(again.to_json(), json);
    assert_eq!(again.prompt(), flow.prompt());

    let future = json.replacen(r#""v":1"#, r#""v":2"#, 1);
    let err = Flow::from_json(gosuslugi(), &future).unwrap_err();
    assert_eq!(
        err,
        Error::StateVersion {
            found: 2,
            supported: 1
        }
    );
    assert_eq!(err.code(), "flow.state_version");
    for bad in ["", "{}", "not json", &json[..json.len() / 2]] {
        assert_eq!(
            Flow::from_json(gosuslugi(), bad).unwrap_err().code(),
            "flow.state_invalid"
        );
    }
    assert_eq!(
        Flow::from_json(mosru(), &json).unwrap_err(),
        Error::StateInvalid
    );
}

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
        let mut budget = Budget::default();
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
                Move::Password => new_password(GOOD_PASSWORD),
                Move::NoAccess => Input::NoAccessToContacts,
                Move::Wait(s) => {
                    now = now + Duration::from_secs(u64::from(*s));
                    continue;
                }
            };
            let is_code = matches!(input, Input::Code(_));
            let Ok(step) = flow.handle(input, now, &mut budget) else { continue };
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
                prop_assert_eq!(&passed, &["contact", "document", "found", "human", "code"]);
            }
        }
    }
}
