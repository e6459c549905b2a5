//! The transitions: one function per step, each working on a copy of the state (and of the
//! budgets) that [`super::Flow::handle`] keeps only on success.

use std::time::Duration;

use base64ct::{Base64UrlUnpadded, Encoding};

use crate::UnixTime;
use crate::code::{self, Channel, CodeRecord, LinkToken, Purpose, RetryAfter};
use crate::id::{Document, Login, Surname};
use crate::password::Password;

use super::config::{Config, Portal};
use super::error::Error;
use super::input::{Account, Input, Proof, is_account_id};
use super::state::{Budget, BudgetKey, Budgets, Contact, Holder, Match, Stage, State, Target};
use super::step::{Action, AuditEvent, AuditKind, Escalation, Prompt, Step};
use crate::password::PersonalData;

const PURPOSE: Purpose = Purpose::Recovery;
/// Domain of budget keys; a new way of naming identities gets a new version.
const BUDGET_DOMAIN: &[u8] = b"restore-access/budget/v1";
/// Appended to the flow id to salt a grant, so a link token can never pass for a grant.
const GRANT_SALT: &[u8] = b"/grant";

pub(super) fn initial_state(config: &Config, now: UnixTime) -> Result<State, Error> {
    // 128 random bits name the flow; it is not a secret, only unguessable enough to
    // address.
    let id = LinkToken::generate(128)?.expose().to_owned();
    Ok(State {
        portal: config.portal,
        id,
        created: now,
        login: None,
        stage: Stage::Start,
    })
}

pub(super) fn handle(
    config: &Config,
    state: &mut State,
    budgets: &mut Budgets,
    input: Input,
    now: UnixTime,
) -> Result<Step, Error> {
    let finished = matches!(
        state.stage,
        Stage::Done | Stage::Locked { .. } | Stage::Escalated { .. }
    );
    if !finished && expired(config, state, now) {
        return Err(Error::Expired);
    }
    let stage = std::mem::replace(&mut state.stage, Stage::Start);
    match (config.portal, stage, input) {
        (Portal::Gosuslugi, Stage::Start, Input::Contact(typed)) => {
            let login = Login::parse_unambiguous(&typed)?;
            let mut step = begin(state, login);
            state.stage = Stage::Document;
            step.prompt = prompt(config, &state.stage);
            Ok(step)
        }
        (Portal::Mosru, Stage::Start, Input::LoginAndSurname { login, surname }) => {
            let login = Login::parse_unambiguous(&login)?;
            let surname = Surname::new(&surname)?;
            let mut step = begin(state, login);
            step.actions
                .append(&mut look_up(state, Match::Surname(surname))?.actions);
            Ok(step)
        }
        (_, Stage::Start | Stage::Document, Input::NoAccessToContacts) => {
            Ok(escalate(config, state, Escalation::NoAccess))
        }
        (Portal::Gosuslugi, Stage::Document, Input::Document(typed)) => {
            let document = Document::parse(&typed)?;
            look_up(state, Match::Document(document))
        }
        (portal, Stage::Lookup(matches), Input::Account(account)) => {
            if account.as_ref().is_some_and(|a| !is_account_id(&a.id)) {
                return Err(Error::AccountId);
            }
            let login = login(state)?;
            let matched = matching(account.as_ref(), &matches);
            let target = target(login, matched);
            let mut actions = Vec::new();
            if matched.is_none() {
                actions.push(audit(state, AuditKind::AccountUnknown));
            } else if target.account.is_none() {
                // Telling the person «no contact is bound» would tell a stranger the account
                // exists (SECURITY 1): the prompt stays the same, nothing is delivered, and
                // «no access to these contacts» leads to the service centre.
                actions.push(audit(state, AuditKind::NoContactBound));
            }
            match portal {
                Portal::Gosuslugi => {
                    state.stage = Stage::HumanCheck { target };
                    Ok(Step {
                        prompt: prompt(config, &state.stage),
                        actions,
                    })
                }
                Portal::Mosru => {
                    let mut step = send(config, state, budgets, target, now)?;
                    actions.append(&mut step.actions);
                    step.actions = actions;
                    Ok(step)
                }
            }
        }
        (Portal::Gosuslugi, Stage::HumanCheck { target }, Input::HumanCheckPassed) => {
            send(config, state, budgets, target, now)
        }
        (
            _,
            Stage::CodeSent {
                target,
                record,
                sent_at,
            },
            Input::Code(typed) | Input::LinkOpened(typed),
        ) => check_code(config, state, budgets, target, record, sent_at, &typed, now),
        (
            _,
            Stage::CodeSent {
                target, sent_at, ..
            },
            Input::Resend,
        ) => {
            let ready = sent_at + config.resend_cooldown;
            if let Some(wait) = ready.secs_since(now).filter(|&s| s > 0) {
                return Err(Error::ResendTooSoon {
                    retry_after: Duration::from_secs(wait),
                });
            }
            send(config, state, budgets, target, now)
        }
        (_, Stage::CodeSent { sent_at, .. }, Input::NothingArrived) => {
            let ready = sent_at + config.nothing_arrived_after;
            if let Some(wait) = ready.secs_since(now).filter(|&s| s > 0) {
                return Err(Error::TooEarly {
                    retry_after: Duration::from_secs(wait),
                });
            }
            Ok(escalate(config, state, Escalation::NothingArrived))
        }
        (_, Stage::CodeSent { .. } | Stage::HumanCheck { .. }, Input::NoAccessToContacts) => {
            Ok(escalate(config, state, Escalation::NoAccess))
        }
        (
            _,
            Stage::NewPassword {
                holder,
                mut proof,
                by_link: true,
            },
            Input::LinkOpened(token),
        ) => {
            // Opened again (the person after a mail scanner): check it, consume nothing.
            proof.check(&config.keys, state.id.as_bytes(), PURPOSE, &token, now)?;
            state.stage = Stage::NewPassword {
                holder,
                proof,
                by_link: true,
            };
            Ok(Step {
                prompt: prompt(config, &state.stage),
                actions: vec![Action::HoldProof {
                    proof: Proof::new(token.trim()),
                }],
            })
        }
        (
            _,
            Stage::NewPassword {
                holder,
                proof,
                by_link,
            },
            Input::NewPassword {
                password,
                personal,
                proof: presented,
            },
        ) => {
            let presented = Presented {
                record: proof,
                by_link,
                proof: presented,
            };
            set_password(config, state, holder, presented, &password, &personal, now)
        }
        (_, stage, input) => Err(Error::UnexpectedInput {
            stage: stage.name(),
            input: input.name(),
        }),
    }
}

/// The budgets `input` spends at the flow's current stage (none for an input that spends
/// nothing): the login's own (whose limits the person is told of) and the delivery contact's
/// (shared by every route to that phone or mailbox, and enforced without a word). They are kept apart even where the login is the
/// contact: a route that spent the contact's budget must not make another route's visible
/// limit answer differently, or the answer would tell which identifiers share an account.
pub(super) fn budget_keys(
    config: &Config,
    state: &State,
    input: &Input,
) -> Result<Vec<BudgetKey>, Error> {
    let target = match (config.portal, &state.stage, input) {
        (Portal::Mosru, Stage::Lookup(matches), Input::Account(account)) => {
            let matched = matching(account.as_ref(), matches);
            target(login(state)?, matched)
        }
        (_, Stage::HumanCheck { target }, Input::HumanCheckPassed)
        | (
            _,
            Stage::CodeSent { target, .. },
            Input::Code(_) | Input::LinkOpened(_) | Input::Resend,
        ) => target.clone(),
        _ => return Ok(Vec::new()),
    };
    let (login, contact) = keys_for(config, state, &target)?;
    Ok(vec![login, contact])
}

fn expired(config: &Config, state: &State, now: UnixTime) -> bool {
    now >= state.created + config.lifetime
}

fn login(state: &State) -> Result<&Login, Error> {
    state.login.as_ref().ok_or(Error::StateInvalid)
}

/// Records the login and the audit record that starts the flow.
fn begin(state: &mut State, login: Login) -> Step {
    state.login = Some(login);
    Step {
        prompt: Prompt::AwaitingHost,
        actions: vec![audit(state, AuditKind::Started)],
    }
}

/// Asks the host to look the account up by the login, keeping what it must match.
fn look_up(state: &mut State, matches: Match) -> Result<Step, Error> {
    let login = login(state)?.clone();
    state.stage = Stage::Lookup(matches);
    Ok(Step {
        prompt: Prompt::AwaitingHost,
        actions: vec![Action::LookUpAccount { login }],
    })
}

/// Starts at the Госуслуги document step with a СНИЛС as the login: a sign-up conflict. The
/// document is asked for as on the normal path, so a СНИЛС alone reaches no phone.
pub(super) fn begin_with_snils(state: &mut State, login: Login) -> Step {
    let mut step = begin(state, login);
    state.stage = Stage::Document;
    step.prompt = Prompt::EnterDocument;
    step
}

/// The account, if it matches the typed document or surname.
fn matching<'a>(account: Option<&'a Account>, matches: &Match) -> Option<&'a Account> {
    account.filter(|a| match matches {
        Match::Document(d) => a.documents.contains(d),
        Match::Surname(s) => has_surname(a, s),
    })
}

fn has_surname(account: &Account, typed: &Surname) -> bool {
    account
        .surname
        .as_deref()
        .and_then(|s| Surname::new(s).ok())
        .is_some_and(|s| s.matches(typed.as_str()))
}

/// Where the code goes. The channel follows the typed login (a phone gets an SMS, an e-mail a
/// link); for a СНИЛС it follows the account's contacts and the prompt does not name it.
/// A decoy for an unknown account takes the channel a real account would most often get.
fn target(login: &Login, account: Option<&Account>) -> Target {
    let holder = |a: &Account| Holder {
        account: a.id.clone(),
        credential_version: a.credential_version,
    };
    let phone = |a: &Account| a.phone.clone().map(|p| (holder(a), Contact::Phone(p)));
    let email = |a: &Account| a.email.clone().map(|e| (holder(a), Contact::Email(e)));
    match login {
        Login::Email(_) => Target {
            channel: Channel::Email,
            shown: true,
            account: account.and_then(email),
        },
        Login::Phone(_) | Login::PhoneOrSnils { .. } => Target {
            channel: Channel::Sms,
            shown: true,
            account: account.and_then(phone),
        },
        Login::Snils(_) => match account {
            Some(a) if a.phone.is_none() && a.email.is_some() => Target {
                channel: Channel::Email,
                shown: false,
                account: email(a),
            },
            _ => Target {
                channel: Channel::Sms,
                shown: false,
                account: account.and_then(phone),
            },
        },
    }
}

/// The canonical identity a budget belongs to: every spelling of one phone, mailbox or
/// СНИЛС gives the same text.
fn identity(login: &Login) -> String {
    match login {
        Login::Phone(p) | Login::PhoneOrSnils { phone: p, .. } => format!("phone:{}", p.e164()),
        Login::Email(e) => format!("email:{}", e.key()),
        Login::Snils(s) => format!("snils:{}", s.digits()),
    }
}

fn budget_key(config: &Config, identity: &str) -> Result<BudgetKey, Error> {
    let tag = config
        .keys
        .current()
        .tag(BUDGET_DOMAIN, &[identity.as_bytes()])?;
    Ok(BudgetKey(Base64UrlUnpadded::encode_string(&tag.0)))
}

/// The login's budget key and the delivery contact's. Without a contact to deliver to (an
/// unknown account, or none bound) the contact is the login itself when the login is a
/// phone or mailbox — what a known account would have — and a decoy identity otherwise, so
/// that every login names the same kinds of budget whether or not its account exists.
fn keys_for(
    config: &Config,
    state: &State,
    target: &Target,
) -> Result<(BudgetKey, BudgetKey), Error> {
    let login = login(state)?;
    let own = identity(login);
    let contact = match (&target.account, login) {
        // Named as a login of the same kind would be: a phone route and a СНИЛС route to one
        // phone must name one contact budget.
        (Some((_, contact)), _) => identity(&contact.as_login()),
        (None, Login::Snils(_)) => format!("decoy:{own}"),
        (None, _) => own.clone(),
    };
    Ok((
        budget_key(config, &format!("login/{own}"))?,
        budget_key(config, &format!("contact/{contact}"))?,
    ))
}

/// Copies of the login's budget and of the delivery contact's, with their keys.
fn budgets_for(
    config: &Config,
    state: &State,
    target: &Target,
    budgets: &mut Budgets,
) -> Result<[(BudgetKey, Budget); 2], Error> {
    let (own, contact) = keys_for(config, state, target)?;
    let mine = budgets.spend(&own)?.clone();
    let theirs = budgets.spend(&contact)?.clone();
    Ok([(own, mine), (contact, theirs)])
}

/// Refuses while the login is locked. A lockout longer than two configured lockouts came from
/// a clock that ran ahead, and is forgotten (as the limiters forget such a future).
fn locked(config: &Config, budget: &Budget, now: UnixTime) -> Result<(), Error> {
    match budget.locked_for(now) {
        Some(retry_after) if retry_after <= config.lockout * 2 => {
            Err(Error::Locked { retry_after })
        }
        _ => Ok(()),
    }
}

/// Issues a code or link, voiding any earlier one, and delivers it when there is somewhere to
/// deliver it and the contact's budget allows. The login's send budget is spent for every
/// login, known or not.
fn send(
    config: &Config,
    state: &mut State,
    budgets: &mut Budgets,
    target: Target,
    now: UnixTime,
) -> Result<Step, Error> {
    let [(own, mut mine), (contact, mut theirs)] = budgets_for(config, state, &target, budgets)?;
    locked(config, &mine, now)?;
    mine.sends
        .check(&config.send_rates, now)
        .map_err(|RetryAfter(retry_after)| Error::SendLimited { retry_after })?;
    let deliver = theirs.sends.check(&config.send_rates, now).is_ok();
    *budgets.spend(&own)? = mine;
    *budgets.spend(&contact)? = theirs;
    // Without a channel in the prompt, a link lives as long as a code: the expiry must not
    // tell an e-mail-only account from the SMS decoy of an unknown one.
    let policy = if target.shown {
        config.codes
    } else {
        config.codes.with_link_ttl(config.codes.sms_ttl())?
    };
    let flow_id = state.id.as_bytes();
    let mut actions = Vec::new();
    let to = target.account.as_ref().filter(|_| deliver);
    let record = match target.channel {
        Channel::Sms => {
            let (record, code) =
                CodeRecord::issue_sms(&config.keys, flow_id, PURPOSE, now, &policy)?;
            if let Some((holder, Contact::Phone(phone))) = to {
                actions.push(Action::SendSmsCode {
                    account: holder.account.clone(),
                    phone: phone.clone(),
                    code,
                });
            }
            record
        }
        Channel::Email => {
            let (record, token) =
                CodeRecord::issue_link(&config.keys, flow_id, PURPOSE, now, &policy)?;
            if let Some((holder, Contact::Email(email))) = to {
                actions.push(Action::SendEmailLink {
                    account: holder.account.clone(),
                    email: email.clone(),
                    flow_id: state.id.clone(),
                    token,
                });
            }
            record
        }
    };
    if !deliver {
        actions.push(audit(state, AuditKind::DeliverySuppressed));
    }
    actions.push(audit(state, AuditKind::CodeSent));
    state.stage = Stage::CodeSent {
        target,
        record,
        sent_at: now,
    };
    Ok(Step {
        prompt: prompt(config, &state.stage),
        actions,
    })
}

/// Checks a typed code or an opened link. Every guess, right or wrong, is spent from the
/// login's budget and counted in the record before the comparison.
#[allow(clippy::too_many_arguments)]
fn check_code(
    config: &Config,
    state: &mut State,
    budgets: &mut Budgets,
    target: Target,
    mut record: CodeRecord,
    sent_at: UnixTime,
    typed: &str,
    now: UnixTime,
) -> Result<Step, Error> {
    let [(own, mut mine), (contact, mut theirs)] = budgets_for(config, state, &target, budgets)?;
    locked(config, &mine, now)?;
    mine.guesses
        .check(&config.guess_rates, now)
        .map_err(|RetryAfter(retry_after)| Error::GuessLimited { retry_after })?;
    // The contact's guess budget, spent silently: once it is gone, every guess is compared
    // as the empty code, which never matches — the same work, the same answer as a wrong one.
    let allowed = theirs.guesses.check(&config.guess_rates, now).is_ok();
    *budgets.spend(&contact)? = theirs;
    let typed = if allowed { typed } else { "" };
    let flow_id = state.id.as_bytes();
    let outcome = match target.channel {
        Channel::Sms => record.verify(&config.keys, flow_id, PURPOSE, typed, now),
        // Opening a link consumes nothing: it is spent when the password is set.
        Channel::Email => record.check(&config.keys, flow_id, PURPOSE, typed, now),
    };
    let step = match (outcome, target.account) {
        (Ok(()), Some((holder, _))) => {
            let (proof_record, proof) = match target.channel {
                Channel::Sms => grant(config, state, now)?,
                Channel::Email => (record, Proof::new(typed.trim())),
            };
            state.stage = Stage::NewPassword {
                holder,
                proof: proof_record,
                by_link: target.channel == Channel::Email,
            };
            Step {
                prompt: prompt(config, &state.stage),
                actions: vec![
                    Action::HoldProof { proof },
                    audit(state, AuditKind::CodeAccepted),
                ],
            }
        }
        // A decoy that happened to be guessed is as wrong as any other guess.
        (Ok(()), None) => {
            let target = Target {
                account: None,
                ..target
            };
            rejected(config, state, target, record, sent_at, code::Error::Wrong)
        }
        (Err(e), account) if refused_guess(&e) => {
            let target = Target { account, ..target };
            if record.attempts_left() == 0 {
                let until = now + config.lockout;
                mine.locked_until = mine.locked_until.max(until);
                state.stage = Stage::Locked { until };
                Step {
                    prompt: prompt(config, &state.stage),
                    actions: vec![audit(state, AuditKind::Locked)],
                }
            } else {
                rejected(config, state, target, record, sent_at, e)
            }
        }
        (Err(e), _) => return Err(e.into()),
    };
    *budgets.spend(&own)? = mine;
    Ok(step)
}

/// A fresh grant for whoever typed the right SMS code: its record for the state, the secret
/// for [`Action::HoldProof`].
fn grant(config: &Config, state: &State, now: UnixTime) -> Result<(CodeRecord, Proof), Error> {
    let policy = config.codes.with_link_ttl(config.password_window)?;
    let (record, token) =
        CodeRecord::issue_link(&config.keys, grant_salt(state), PURPOSE, now, &policy)?;
    Ok((record, Proof::new(token.expose())))
}

fn grant_salt(state: &State) -> Vec<u8> {
    [state.id.as_bytes(), GRANT_SALT].concat()
}

/// Errors that answer the guess (shown in the prompt) rather than fault the call.
fn refused_guess(e: &code::Error) -> bool {
    matches!(
        e,
        code::Error::Wrong
            | code::Error::Expired
            | code::Error::NotYetValid
            | code::Error::Used
            | code::Error::Locked
            | code::Error::KeyRetired
    )
}

fn rejected(
    config: &Config,
    state: &mut State,
    target: Target,
    record: CodeRecord,
    sent_at: UnixTime,
    why: code::Error,
) -> Step {
    state.stage = Stage::CodeSent {
        target,
        record,
        sent_at,
    };
    let mut prompt = prompt(config, &state.stage);
    if let Prompt::CodeSent { rejected, .. } = &mut prompt {
        *rejected = Some(why);
    }
    Step {
        prompt,
        actions: vec![audit(state, AuditKind::CodeRejected)],
    }
}

/// The proof record of the stage and the proof the session presented.
struct Presented {
    record: CodeRecord,
    by_link: bool,
    proof: Proof,
}

impl Presented {
    /// Checks the proof (`consume = false`) or uses it up (`true`).
    fn verify(
        &mut self,
        config: &Config,
        state: &State,
        now: UnixTime,
        consume: bool,
    ) -> Result<(), Error> {
        let salt = if self.by_link {
            state.id.as_bytes().to_vec()
        } else {
            grant_salt(state)
        };
        let typed = self.proof.expose();
        let checked = if consume {
            self.record.verify(&config.keys, salt, PURPOSE, typed, now)
        } else {
            self.record.check(&config.keys, salt, PURPOSE, typed, now)
        };
        checked.map_err(|_| Error::ProofInvalid)
    }
}

/// Sets the password for the holder of the proof: the proof is checked before any other
/// work (the password rules may verify the old hash), and used up only when the password is
/// accepted.
fn set_password(
    config: &Config,
    state: &mut State,
    holder: Holder,
    mut presented: Presented,
    password: &Password,
    personal: &PersonalData,
    now: UnixTime,
) -> Result<Step, Error> {
    presented.verify(config, state, now, false)?;
    let report = config
        .policy
        .check(password.expose(), &personal.context(&config.hasher));
    if !report.is_ok() {
        state.stage = Stage::NewPassword {
            holder,
            proof: presented.record,
            by_link: presented.by_link,
        };
        return Ok(Step {
            prompt: Prompt::NewPassword {
                violations: report
                    .violations()
                    .iter()
                    .map(crate::ErrorCode::code)
                    .collect(),
            },
            actions: Vec::new(),
        });
    }
    let phc = config.hasher.hash(&config.policy.prepare(password))?;
    presented.verify(config, state, now, true)?;
    state.stage = Stage::Done;
    let account = holder.account;
    Ok(Step {
        prompt: Prompt::Done,
        actions: vec![
            Action::StorePasswordHash {
                account: account.clone(),
                phc,
                expected_version: holder.credential_version,
            },
            Action::RevokeAllSessions {
                account: account.clone(),
            },
            Action::NotifyPasswordChanged { account },
            audit(state, AuditKind::PasswordChanged),
        ],
    })
}

fn escalate(config: &Config, state: &mut State, reason: Escalation) -> Step {
    state.stage = Stage::Escalated { reason };
    Step {
        prompt: prompt(config, &state.stage),
        actions: vec![audit(state, AuditKind::Escalated)],
    }
}

fn audit(state: &State, event: AuditKind) -> Action {
    Action::Audit(AuditEvent {
        event,
        flow_id: state.id.clone(),
        login: state.login.as_ref().map(|l| l.masked().to_string()),
    })
}

/// The prompt for a stage, as first shown.
pub(super) fn prompt(config: &Config, stage: &Stage) -> Prompt {
    match stage {
        Stage::Start => match config.portal {
            Portal::Gosuslugi => Prompt::EnterContact,
            Portal::Mosru => Prompt::EnterLoginAndSurname,
        },
        Stage::Document => Prompt::EnterDocument,
        Stage::Lookup { .. } => Prompt::AwaitingHost,
        Stage::HumanCheck { .. } => Prompt::HumanCheck,
        Stage::CodeSent {
            target,
            record,
            sent_at,
        } => Prompt::CodeSent {
            channel: target.shown.then_some(target.channel),
            digits: config.codes.sms_digits(),
            attempts_left: record.attempts_left(),
            resend_at: *sent_at + config.resend_cooldown,
            rejected: None,
        },
        Stage::NewPassword { .. } => Prompt::NewPassword {
            violations: Vec::new(),
        },
        Stage::Done => Prompt::Done,
        Stage::Locked { until } => Prompt::Locked { retry_at: *until },
        Stage::Escalated { reason } => Prompt::Escalation {
            reason: *reason,
            routes: config.routes,
        },
    }
}
