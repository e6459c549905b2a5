//! The transitions: one function per step, each working on a copy of the state that
//! [`super::Flow::handle`] keeps only on success.

use crate::UnixTime;
use crate::code::{self, Bucket, Channel, CodeRecord, LinkToken, Purpose, RetryAfter};
use crate::id::{Document, Login, Surname};
use crate::password::Password;

use super::config::{Config, Portal};
use super::error::Error;
use super::input::{Account, Input, PersonalData};
use super::state::{Budget, STATE_VERSION, Stage, State, Target};
use super::step::{Action, AuditEvent, Escalation, Prompt, Step};

const PURPOSE: Purpose = Purpose::Recovery;

pub(super) fn initial_state(config: &Config, now: UnixTime) -> Result<State, Error> {
    // 128 random bits name the flow; it is not a secret, only unguessable enough to
    // address.
    let id = LinkToken::generate(128)?.expose().to_owned();
    Ok(State {
        v: STATE_VERSION,
        portal: config.portal,
        id,
        created: now,
        budget_key: None,
        masked_login: None,
        stage: Stage::Start,
    })
}

pub(super) fn handle(
    config: &Config,
    state: &mut State,
    budget: &mut Budget,
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
            let mut step = begin(config, state, &login)?;
            state.stage = Stage::Document {
                login: login.to_string(),
            };
            step.prompt = prompt(config, &state.stage);
            Ok(step)
        }
        (Portal::Mosru, Stage::Start, Input::LoginAndSurname { login, surname }) => {
            let login = Login::parse_unambiguous(&login)?;
            let surname = Surname::new(&surname)?;
            begin_with_login(config, state, &login, Some(surname.to_string()))
        }
        (_, Stage::Start | Stage::Document { .. }, Input::NoAccessToContacts) => {
            Ok(escalate(config, state, Escalation::NoAccess))
        }
        (Portal::Gosuslugi, Stage::Document { login }, Input::Document(typed)) => {
            let document = Document::parse(&typed)?.to_string();
            state.stage = Stage::Lookup {
                login: login.clone(),
                document: Some(document),
                surname: None,
            };
            Ok(lookup_step(&Login::parse_unambiguous(&login)?))
        }
        (
            portal,
            Stage::Lookup {
                login,
                document,
                surname,
            },
            Input::Account(account),
        ) => {
            let login = Login::parse_unambiguous(&login)?;
            let matched = account.filter(|a| {
                document.as_deref().is_none_or(|d| has_document(a, d))
                    && surname.as_deref().is_none_or(|s| has_surname(a, s))
            });
            let target = target(&login, matched.as_ref());
            let mut actions = Vec::new();
            if matched.is_none() {
                actions.push(audit(state, "recovery.account_unknown"));
            } else if target.account.is_none() {
                // Telling the person «no contact is bound» would tell a stranger the account
                // exists (SECURITY.md 1): the prompt stays the same, nothing is delivered, and
                // «no access to these contacts» leads to the service centre.
                actions.push(audit(state, "recovery.no_contact_bound"));
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
                    let mut step = send(config, state, budget, target, now)?;
                    actions.append(&mut step.actions);
                    step.actions = actions;
                    Ok(step)
                }
            }
        }
        (Portal::Gosuslugi, Stage::HumanCheck { target }, Input::HumanCheckPassed) => {
            send(config, state, budget, target, now)
        }
        (
            _,
            Stage::CodeSent {
                target,
                record,
                sent_at,
            },
            Input::Code(typed) | Input::LinkOpened(typed),
        ) => check_code(config, state, budget, target, record, sent_at, &typed, now),
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
                    retry_after: std::time::Duration::from_secs(wait),
                });
            }
            send(config, state, budget, target, now)
        }
        (_, Stage::CodeSent { sent_at, .. }, Input::NothingArrived) => {
            let ready = sent_at + config.nothing_arrived_after;
            if let Some(wait) = ready.secs_since(now).filter(|&s| s > 0) {
                return Err(Error::TooEarly {
                    retry_after: std::time::Duration::from_secs(wait),
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
                account,
                link: Some(mut record),
            },
            Input::LinkOpened(token),
        ) => {
            // Opened again (the person after a mail scanner): check it, consume nothing.
            record.check(&config.keys, state.id.as_bytes(), PURPOSE, &token, now)?;
            state.stage = Stage::NewPassword {
                account,
                link: Some(record),
            };
            Ok(Step {
                prompt: prompt(config, &state.stage),
                actions: Vec::new(),
            })
        }
        (_, Stage::NewPassword { account, link }, Input::NewPassword { password, personal }) => {
            set_password(config, state, account, link, &password, &personal)
        }
        (_, stage, input) => Err(Error::UnexpectedInput {
            stage: stage.name(),
            input: input.name(),
        }),
    }
}

fn expired(config: &Config, state: &State, now: UnixTime) -> bool {
    now >= state.created + config.lifetime
}

/// Records the login's budget key and masked form, and the audit record that starts the
/// flow. The key depends on the login alone, never on whether an account has it.
fn begin(config: &Config, state: &mut State, login: &Login) -> Result<Step, Error> {
    let channel = match login {
        Login::Email(_) => Channel::Email,
        _ => Channel::Sms,
    };
    let key = code::limiter_key(&config.keys, Bucket::Send, channel, &login.to_string())?;
    state.budget_key = Some(key.as_str().to_owned());
    state.masked_login = Some(login.masked().to_string());
    Ok(Step {
        prompt: Prompt::AwaitingHost,
        actions: vec![audit(state, "recovery.started")],
    })
}

/// Starts at the lookup: mos.ru's login form, and a sign-up conflict's СНИЛС.
pub(super) fn begin_with_login(
    config: &Config,
    state: &mut State,
    login: &Login,
    surname: Option<String>,
) -> Result<Step, Error> {
    let mut step = begin(config, state, login)?;
    state.stage = Stage::Lookup {
        login: login.to_string(),
        document: None,
        surname,
    };
    step.actions.append(&mut lookup_step(login).actions);
    Ok(step)
}

fn lookup_step(login: &Login) -> Step {
    Step {
        prompt: Prompt::AwaitingHost,
        actions: vec![Action::LookUpAccount {
            login: login.clone(),
        }],
    }
}

fn has_document(account: &Account, typed: &str) -> bool {
    account.documents.iter().any(|d| d.to_string() == typed)
}

fn has_surname(account: &Account, typed: &str) -> bool {
    account
        .surname
        .as_deref()
        .and_then(|s| Surname::new(s).ok())
        .is_some_and(|s| s.matches(typed))
}

/// Where the code goes. The channel follows the typed login (a phone gets an SMS, an e-mail a
/// link); for a СНИЛС it follows the account's contacts and the prompt does not name it.
/// A decoy for an unknown account takes the channel a real account would most often get.
fn target(login: &Login, account: Option<&Account>) -> Target {
    let phone = |a: &Account| a.phone.as_ref().map(|p| (a.id.clone(), p.to_string()));
    let email = |a: &Account| a.email.as_ref().map(|e| (a.id.clone(), e.to_string()));
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

/// Issues a code or link, voiding any earlier one, and delivers it when there is somewhere to
/// deliver it. The send budget is spent for every login, known or not.
fn send(
    config: &Config,
    state: &mut State,
    budget: &mut Budget,
    target: Target,
    now: UnixTime,
) -> Result<Step, Error> {
    budget
        .sends
        .check(&config.send_rates, now)
        .map_err(|RetryAfter(retry_after)| Error::SendLimited { retry_after })?;
    let flow_id = state.id.as_bytes();
    let mut actions = Vec::new();
    let record = match target.channel {
        Channel::Sms => {
            let (record, code) =
                CodeRecord::issue_sms(&config.keys, flow_id, PURPOSE, now, &config.codes)?;
            if let Some((account, phone)) = &target.account {
                actions.push(Action::SendSmsCode {
                    account: account.clone(),
                    phone: phone.parse()?,
                    code,
                });
            }
            record
        }
        Channel::Email => {
            let (record, token) =
                CodeRecord::issue_link(&config.keys, flow_id, PURPOSE, now, &config.codes)?;
            if let Some((account, email)) = &target.account {
                actions.push(Action::SendEmailLink {
                    account: account.clone(),
                    email: email.parse()?,
                    flow_id: state.id.clone(),
                    token,
                });
            }
            record
        }
    };
    actions.push(audit(state, "recovery.code_sent"));
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
    budget: &mut Budget,
    target: Target,
    mut record: CodeRecord,
    sent_at: UnixTime,
    typed: &str,
    now: UnixTime,
) -> Result<Step, Error> {
    budget
        .guesses
        .check(&config.guess_rates, now)
        .map_err(|RetryAfter(retry_after)| Error::GuessLimited { retry_after })?;
    let flow_id = state.id.as_bytes();
    let outcome = match target.channel {
        Channel::Sms => record.verify(&config.keys, flow_id, PURPOSE, typed, now),
        // Opening a link consumes nothing: it is spent when the password is set.
        Channel::Email => record.check(&config.keys, flow_id, PURPOSE, typed, now),
    };
    match (outcome, target.account.as_ref()) {
        (Ok(()), Some((account, _))) => {
            let link = (target.channel == Channel::Email).then_some(record);
            state.stage = Stage::NewPassword {
                account: account.clone(),
                link,
            };
            Ok(Step {
                prompt: prompt(config, &state.stage),
                actions: Vec::new(),
            })
        }
        // A decoy that happened to be guessed is as wrong as any other guess.
        (Ok(()), None) => Ok(rejected(
            config,
            state,
            target,
            record,
            sent_at,
            "code.wrong",
        )),
        (Err(e), _) if refused_guess(&e) => {
            if record.attempts_left() == 0 {
                let until = now + config.lockout;
                state.stage = Stage::Locked { until };
                Ok(Step {
                    prompt: prompt(config, &state.stage),
                    actions: vec![audit(state, "recovery.locked")],
                })
            } else {
                let code = crate::ErrorCode::code(&e);
                Ok(rejected(config, state, target, record, sent_at, code))
            }
        }
        (Err(e), _) => Err(e.into()),
    }
}

/// Errors that answer the guess (shown in the prompt) rather than fault the call.
fn refused_guess(e: &code::Error) -> bool {
    matches!(
        e,
        code::Error::Wrong
            | code::Error::Expired
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
    code: &'static str,
) -> Step {
    state.stage = Stage::CodeSent {
        target,
        record,
        sent_at,
    };
    let mut prompt = prompt(config, &state.stage);
    if let Prompt::CodeSent { rejected, .. } = &mut prompt {
        *rejected = Some(code);
    }
    Step {
        prompt,
        actions: vec![audit(state, "recovery.code_rejected")],
    }
}

fn set_password(
    config: &Config,
    state: &mut State,
    account: String,
    link: Option<CodeRecord>,
    password: &Password,
    personal: &PersonalData,
) -> Result<Step, Error> {
    let report = config
        .policy
        .check(password.expose(), &personal.context(&config.hasher));
    if !report.is_ok() {
        state.stage = Stage::NewPassword { account, link };
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
    // The link's record goes with the stage: nothing can present it again.
    drop(link);
    state.stage = Stage::Done;
    Ok(Step {
        prompt: Prompt::Done,
        actions: vec![
            Action::StorePasswordHash {
                account: account.clone(),
                phc,
            },
            Action::RevokeAllSessions {
                account: account.clone(),
            },
            Action::NotifyPasswordChanged { account },
            audit(state, "recovery.password_changed"),
        ],
    })
}

fn escalate(config: &Config, state: &mut State, reason: Escalation) -> Step {
    state.stage = Stage::Escalated { reason };
    Step {
        prompt: prompt(config, &state.stage),
        actions: vec![audit(state, "recovery.escalated")],
    }
}

fn audit(state: &State, event: &'static str) -> Action {
    Action::Audit(AuditEvent {
        event,
        flow_id: state.id.clone(),
        login: state.masked_login.clone(),
    })
}

/// The prompt for a stage, as first shown.
pub(super) fn prompt(config: &Config, stage: &Stage) -> Prompt {
    match stage {
        Stage::Start => match config.portal {
            Portal::Gosuslugi => Prompt::EnterContact,
            Portal::Mosru => Prompt::EnterLoginAndSurname,
        },
        Stage::Document { .. } => Prompt::EnterDocument,
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
