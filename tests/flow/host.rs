//! What every flow test shares: the portals' configurations, one account, and a host that
//! keeps budgets the way a real one must (by the keys the flow names, stored back after
//! each step).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use restore_access::UnixTime;
use restore_access::code::Keys;
use restore_access::flow::{
    Account, Action, Budget, BudgetKey, Budgets, Config, DocumentKind, Error, Flow, Input,
    PersonalData, Prompt, Proof, Route, Step,
};
use restore_access::id::Document;
use restore_access::password::Password;

pub(crate) const T0: UnixTime = UnixTime::from_secs(1_800_000_000);
pub(crate) const PHONE: &str = "8 (916) 123-45-67";
pub(crate) const EMAIL: &str = "ivan.petrov@mail.ru";
pub(crate) const SNILS: &str = "112-233-445 95";
pub(crate) const PASSPORT: &str = "45 08 123456";
pub(crate) const SURNAME: &str = "Петров";
pub(crate) const GOOD_PASSWORD: &str = "Sharik1599+";

pub(crate) fn keys() -> Keys {
    Keys::new("k1", &[42u8; 32]).unwrap()
}

pub(crate) fn gosuslugi() -> Arc<Config> {
    Arc::new(Config::gosuslugi(keys()))
}

pub(crate) fn mosru() -> Arc<Config> {
    Arc::new(Config::mosru(keys()))
}

/// The account: phone, e-mail, surname, passport and СНИЛС on file, credential version 7.
pub(crate) fn account() -> Account {
    let mut a = Account::new("acc-1");
    a.phone = Some(PHONE.parse().unwrap());
    a.email = Some(EMAIL.parse().unwrap());
    a.surname = Some(SURNAME.into());
    a.documents = vec![
        Document::parse(PASSPORT).unwrap(),
        Document::parse(SNILS).unwrap(),
    ];
    a.credential_version = 7;
    a
}

pub(crate) fn at(secs: u64) -> UnixTime {
    T0 + Duration::from_secs(secs)
}

pub(crate) fn new_password(pw: &str, proof: &str) -> Input {
    Input::NewPassword {
        password: Password::from(pw.to_owned()),
        personal: PersonalData::default(),
        proof: Proof::new(proof),
    }
}

/// The plaintext of the SMS code or link token the step delivers, if it delivers one.
pub(crate) fn delivered(step: &Step) -> Option<String> {
    step.actions.iter().find_map(|a| match a {
        Action::SendSmsCode { code, .. } => Some(code.expose().to_owned()),
        Action::SendEmailLink { token, .. } => Some(token.expose().to_owned()),
        _ => None,
    })
}

/// The proof the step hands to the session, if it hands one.
pub(crate) fn proof(step: &Step) -> Option<String> {
    step.actions.iter().find_map(|a| match a {
        Action::HoldProof { proof } => Some(proof.expose().to_owned()),
        _ => None,
    })
}

/// The routes of an escalation for `reason`; fails on any other prompt.
pub(crate) fn routes(step: &Step, reason: restore_access::flow::Escalation) -> &'static [Route] {
    match step.prompt {
        Prompt::Escalation { reason: r, routes } if r == reason => routes,
        ref other => panic!("{other:?}"),
    }
}

/// Whether a route sends the person to a service centre with passport and СНИЛС.
pub(crate) fn service_centre_with_passport_and_snils(routes: &[Route]) -> bool {
    routes.iter().any(|r| {
        matches!(r, Route::ServiceCentre { bring }
            if bring.contains(&DocumentKind::Passport) && bring.contains(&DocumentKind::Snils))
    })
}

/// The prompt as the person's page would carry it.
pub(crate) fn public(step: &Step) -> String {
    serde_json::to_string(&step.prompt).unwrap()
}

/// The host's budget store: every budget by its key, loaded for each input by the keys the
/// flow names and stored back after it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Store {
    pub(crate) budgets: HashMap<BudgetKey, Budget>,
}

impl Store {
    pub(crate) fn handle(
        &mut self,
        flow: &mut Flow,
        input: Input,
        now: UnixTime,
    ) -> Result<Step, Error> {
        let mut budgets = Budgets::new();
        for key in flow.budget_keys(&input)? {
            let budget = self.budgets.get(&key).cloned().unwrap_or_default();
            budgets.insert(key, budget);
        }
        let step = flow.handle(input, now, &mut budgets)?;
        for (key, budget) in budgets.iter() {
            self.budgets.insert(key.clone(), budget.clone());
        }
        Ok(step)
    }
}

/// Walks Госуслуги with `contact` up to the code prompt at `now`.
pub(crate) fn gosuslugi_to_code_with(
    contact: &str,
    found: Option<Account>,
    store: &mut Store,
    now: UnixTime,
) -> (Flow, Step) {
    let (mut flow, step) = Flow::start(gosuslugi(), now).unwrap();
    assert_eq!(step.prompt, Prompt::EnterContact);
    let step = store
        .handle(&mut flow, Input::Contact(contact.into()), now)
        .unwrap();
    assert_eq!(step.prompt, Prompt::EnterDocument);
    let step = store
        .handle(&mut flow, Input::Document(PASSPORT.into()), now)
        .unwrap();
    assert_eq!(step.prompt, Prompt::AwaitingHost);
    assert!(matches!(
        step.actions.as_slice(),
        [Action::LookUpAccount { .. }]
    ));
    let step = store.handle(&mut flow, Input::Account(found), now).unwrap();
    assert_eq!(step.prompt, Prompt::HumanCheck);
    let step = store
        .handle(&mut flow, Input::HumanCheckPassed, now)
        .unwrap();
    (flow, step)
}

/// Walks Госуслуги up to the code prompt with a fresh store.
pub(crate) fn gosuslugi_to_code(contact: &str, found: Option<Account>) -> (Flow, Store, Step) {
    let mut store = Store::default();
    let (flow, step) = gosuslugi_to_code_with(contact, found, &mut store, T0);
    (flow, store, step)
}

/// Walks mos.ru up to the code prompt with a fresh store.
pub(crate) fn mosru_to_code(
    login: &str,
    surname: &str,
    found: Option<Account>,
) -> (Flow, Store, Step) {
    let (mut flow, step) = Flow::start(mosru(), T0).unwrap();
    assert_eq!(step.prompt, Prompt::EnterLoginAndSurname);
    let mut store = Store::default();
    let step = store
        .handle(
            &mut flow,
            Input::LoginAndSurname {
                login: login.into(),
                surname: surname.into(),
            },
            T0,
        )
        .unwrap();
    assert!(
        step.actions
            .iter()
            .any(|a| matches!(a, Action::LookUpAccount { .. }))
    );
    let step = store.handle(&mut flow, Input::Account(found), T0).unwrap();
    (flow, store, step)
}

/// The kinds of the step's actions, in order.
pub(crate) fn kinds(step: &Step) -> Vec<&'static str> {
    step.actions
        .iter()
        .map(|a| match a {
            Action::LookUpAccount { .. } => "lookup",
            Action::SendSmsCode { .. } => "sms",
            Action::SendEmailLink { .. } => "link",
            Action::HoldProof { .. } => "proof",
            Action::StorePasswordHash { .. } => "store",
            Action::RevokeAllSessions { .. } => "revoke",
            Action::NotifyPasswordChanged { .. } => "notify",
            Action::Audit(_) => "audit",
            _ => "other",
        })
        .collect()
}
