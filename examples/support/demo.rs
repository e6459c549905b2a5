//! The terminal host shared by the `gosuslugi` and `mosru` demos: an in-memory account
//! directory, an "SMS gateway" and a "mail server" that print what they would send, and a
//! loop that turns what the person types into flow inputs.
//!
//! It hosts the flow as a stateless server would: between two inputs the flow exists only
//! sealed (`Flow::seal` / `Flow::open`), the budgets live in the host's store under the keys
//! the flow names, the proof of `HoldProof` stays with the session, and the new hash is
//! stored by compare-and-set on the account's credential version.
//!
//! Piped input works too: a line `{sms}` or `{link}` stands for "what the gateway just
//! delivered", so a script can walk the whole flow (`scripts/test.sh` does). What is read is
//! echoed only then: a terminal shows what the person types already.

use std::collections::HashMap;
use std::io::{self, BufRead, IsTerminal, Write};
use std::sync::Arc;

use restore_access::code::Keys;
use restore_access::flow::{
    Account, Action, Budget, BudgetKey, Budgets, Config, DocumentKind, Flow, Input, PersonalData,
    Prompt, Proof, Route,
};
use restore_access::id::{Document, Login};
use restore_access::password::{Password, Policy};
use restore_access::{ErrorCode, Lang, UnixTime};

/// The one account in the directory.
fn directory() -> Vec<Account> {
    let mut a = Account::new("account-42");
    a.phone = "+79161234567".parse().ok();
    a.email = "ivan.petrov@mail.ru".parse().ok();
    a.surname = Some("Петров".to_owned());
    a.documents = ["45 08 123456", "112-233-445 95", "500100732259"]
        .iter()
        .filter_map(|d| Document::parse(d).ok())
        .collect();
    vec![a]
}

fn find(login: &Login) -> Option<Account> {
    directory().into_iter().find(|a| match login {
        Login::Phone(p) => a.phone.as_ref() == Some(p),
        Login::Email(e) => a.email.as_ref().map(|x| x.key()) == Some(e.key()),
        Login::Snils(s) => a.documents.contains(&Document::Snils(s.clone())),
        _ => false,
    })
}

/// What the host keeps between requests: the sealed state (a cookie, in a web host), the
/// sealed budgets by key, the session's proof, the directory's credential version.
#[derive(Default)]
struct Host {
    sealed: String,
    budgets: HashMap<BudgetKey, String>,
    proof: Option<Proof>,
    credential_version: u64,
    last_secret: String,
    /// The compare-and-set failed: carry out nothing more of this step.
    stale: bool,
}

impl Host {
    /// One request: open the state and the budgets the input spends, handle the input, seal
    /// both back.
    fn request(
        &mut self,
        config: &Arc<Config>,
        input: Input,
    ) -> Result<restore_access::flow::Step, restore_access::flow::Error> {
        let mut flow = Flow::open(Arc::clone(config), &self.sealed)?;
        let mut budgets = Budgets::new();
        for key in flow.budget_keys(&input)? {
            let budget = match self.budgets.get(&key) {
                Some(sealed) => Budget::open(&config.keys, &key, sealed)?,
                None => Budget::default(),
            };
            budgets.insert(key, budget);
        }
        let step = flow.handle(input, UnixTime::now(), &mut budgets)?;
        for (key, budget) in budgets.iter() {
            self.budgets
                .insert(key.clone(), budget.seal(&config.keys, key)?);
        }
        self.sealed = flow.seal()?;
        Ok(step)
    }
}

/// Runs one flow in the terminal until it ends. Returns an error only for I/O failures.
pub(crate) fn run(config: Config) -> io::Result<()> {
    let stdin = io::stdin();
    // A terminal already shows what is typed; piped input is echoed so the transcript reads.
    let echo = !stdin.is_terminal();
    let mut lines = stdin.lock().lines();
    let mut out = io::stdout();
    let keys_note = "demo key: a real host loads 32+ random bytes from its secret store";
    writeln!(
        out,
        "restore-access demo: {} ({keys_note})",
        config.portal.as_str()
    )?;
    writeln!(
        out,
        "The directory holds one account: +7 (916) 123-45-67, ivan.petrov@mail.ru, Петров,\n\
         passport 45 08 123456, СНИЛС 112-233-445 95. Anything else is an unknown account.\n"
    )?;

    let config = Arc::new(config);
    let mut host = Host::default();
    let started = Flow::start(Arc::clone(&config), UnixTime::now())
        .and_then(|(flow, step)| Ok((flow.seal()?, step)));
    let (sealed, step) = match started {
        Ok(started) => started,
        Err(e) => return fail(&mut out, &e),
    };
    host.sealed = sealed;
    let mut prompt = step.prompt;
    let mut pending: Option<Input> = None;

    loop {
        let input = match pending.take() {
            Some(input) => input,
            None => {
                show(&mut out, &prompt, &config.policy)?;
                if prompt.is_final() {
                    return Ok(());
                }
                match ask(&mut out, &mut lines, &prompt, &host, echo)? {
                    Some(input) => input,
                    None => {
                        writeln!(out, "(input ended)")?;
                        return Ok(());
                    }
                }
            }
        };
        match host.request(&config, input) {
            Ok(step) => {
                for action in step.actions {
                    if host.stale {
                        break;
                    }
                    if let Some(next) = carry_out(&mut out, action, &mut host)? {
                        pending = Some(next);
                    }
                }
                prompt = step.prompt;
            }
            Err(e) => {
                writeln!(out, "  ✗ {}: {}", e.code(), e.message(Lang::Ru))?;
                writeln!(out, "    {}", e.message(Lang::En))?;
                if let Some(wait) = e.retry_after() {
                    // Whole seconds, rounded up: "in 0 s" would be a lie.
                    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                    writeln!(out, "    Подождите {secs} с. / Wait {secs} s.")?;
                }
            }
        }
    }
}

fn fail(out: &mut impl Write, e: &restore_access::flow::Error) -> io::Result<()> {
    writeln!(out, "{}: {}", e.code(), e.message(Lang::En))
}

fn show(out: &mut impl Write, prompt: &Prompt, policy: &Policy) -> io::Result<()> {
    if *prompt == Prompt::AwaitingHost {
        return Ok(());
    }
    writeln!(out, "\n» {}", prompt.message(Lang::Ru))?;
    writeln!(out, "  {}", prompt.message(Lang::En))?;
    match prompt {
        Prompt::CodeSent {
            rejected: Some(why),
            attempts_left,
            ..
        } => {
            let (code, message) = (why.code(), why.message(Lang::Ru));
            writeln!(
                out,
                "  ✗ {code}: {message} (attempts left: {attempts_left})"
            )?;
        }
        Prompt::NewPassword { violations } if violations.is_empty() => {
            // The rules before the first try, not only after a failure. Both presets use
            // Policy::gosuslugi; the lengths come from the policy in force.
            let (min, max) = (policy.min_len(), policy.max_len());
            writeln!(
                out,
                "  Пароль: от {min} до {max} символов — латинские буквы, цифры и знаки препинания;\n  \
                 нужны заглавная и строчная буква, цифра и знак. Не подойдут распространённые\n  \
                 пароли и ваши данные (фамилия, телефон, СНИЛС, дата рождения)."
            )?;
            writeln!(
                out,
                "  Password: {min} to {max} Latin letters, digits and punctuation, with an upper- and a\n  \
                 lower-case letter, a digit and a symbol; no common password, nothing of your own data."
            )?;
        }
        Prompt::NewPassword { violations } => {
            for code in violations {
                let message = restore_access::catalog::message(code, Lang::Ru).unwrap_or(code);
                writeln!(out, "  ✗ {code}: {message}")?;
            }
        }
        Prompt::Escalation { routes, .. } => {
            for route in *routes {
                match route {
                    Route::SupportForm => writeln!(out, "  • support form / форма обратной связи")?,
                    Route::PhoneLine { phone } => match phone.parse::<restore_access::Phone>() {
                        Ok(p) => writeln!(out, "  • phone / телефон {}", p.pretty())?,
                        Err(_) => writeln!(out, "  • phone / телефон {phone}")?,
                    },
                    Route::ServiceCentre { bring } => {
                        let names: Vec<&str> = bring
                            .iter()
                            .map(|d| match d {
                                DocumentKind::Passport => "паспорт / passport",
                                DocumentKind::Snils => "СНИЛС / SNILS",
                                _ => "?",
                            })
                            .collect();
                        writeln!(
                            out,
                            "  • service centre «Мои документы», bring / взять с собой: {}",
                            names.join(", ")
                        )?
                    }
                    _ => writeln!(out, "  • {route:?}")?,
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// The demo's human check: a question a person answers at once. A real host puts its CAPTCHA
/// here and sends `HumanCheckPassed` only when it is solved.
const HUMAN_QUESTION: &str = "Сколько будет 2 + 3? / What is 2 + 3?";
const HUMAN_ANSWER: &str = "5";

const CODE_HELP: [&str; 5] = [
    "resend     прислать код ещё раз / send a new code",
    "link       открыть ссылку из письма / open the link from the e-mail",
    "nothing    ничего не пришло / nothing arrived",
    "no access  нет доступа к телефону и почте / I have no access to these contacts",
    "help       эта подсказка / this help",
];

/// Reads one line after `label`, with `{sms}` and `{link}` replaced by what was last
/// delivered; echoed when the input is not a terminal.
fn read_line(
    out: &mut impl Write,
    lines: &mut impl Iterator<Item = io::Result<String>>,
    label: &str,
    last_secret: &str,
    echo: bool,
) -> io::Result<Option<String>> {
    write!(out, "  {label}> ")?;
    out.flush()?;
    let Some(line) = lines.next().transpose()? else {
        return Ok(None);
    };
    let line = line
        .trim()
        .replace("{sms}", last_secret)
        .replace("{link}", last_secret);
    if echo {
        writeln!(out, "{line}")?;
    }
    Ok(Some(line))
}

/// Whether `line` can be a typed code: digits, perhaps grouped with spaces or dashes.
fn looks_like_code(line: &str) -> bool {
    line.chars().any(|c| c.is_ascii_digit())
        && line
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
}

/// Reads what the person types for `prompt` and turns it into an input. Commands and wrong
/// answers are dealt with here and asked again: only a real input reaches the flow.
fn ask(
    out: &mut impl Write,
    lines: &mut impl Iterator<Item = io::Result<String>>,
    prompt: &Prompt,
    host: &Host,
    echo: bool,
) -> io::Result<Option<Input>> {
    let last_secret = host.last_secret.as_str();
    let label = match prompt {
        Prompt::EnterLoginAndSurname => "login",
        Prompt::HumanCheck => HUMAN_QUESTION,
        Prompt::CodeSent { .. } => "code, or: resend | link | nothing | no access | help",
        _ => "",
    };
    loop {
        let Some(line) = read_line(out, lines, label, last_secret, echo)? else {
            return Ok(None);
        };
        let input = match (prompt, line.as_str()) {
            (_, "no access") => Input::NoAccessToContacts,
            (Prompt::EnterContact, _) => Input::Contact(line),
            (Prompt::EnterLoginAndSurname, _) => {
                let Some(surname) = read_line(out, lines, "surname", last_secret, echo)? else {
                    return Ok(None);
                };
                Input::LoginAndSurname {
                    login: line,
                    surname,
                }
            }
            (Prompt::EnterDocument, _) => Input::Document(line),
            (Prompt::HumanCheck, HUMAN_ANSWER) => Input::HumanCheckPassed,
            (Prompt::HumanCheck, _) => {
                writeln!(out, "  ✗ Неверно, попробуйте ещё раз. / Wrong, try again.")?;
                continue;
            }
            (Prompt::CodeSent { .. }, "help" | "?") => {
                for help in CODE_HELP {
                    writeln!(out, "  {help}")?;
                }
                continue;
            }
            (Prompt::CodeSent { .. }, "resend") => Input::Resend,
            (Prompt::CodeSent { .. }, "nothing") => Input::NothingArrived,
            (Prompt::CodeSent { .. }, "link") => Input::LinkOpened(last_secret.to_owned()),
            (Prompt::CodeSent { .. }, code) if looks_like_code(code) => Input::Code(line),
            (Prompt::CodeSent { .. }, _) => {
                // Not sent: a typo of a command must not cost a code attempt.
                writeln!(
                    out,
                    "  ✗ Это не код и не команда, см. help. / Not a code or a command: type help."
                )?;
                continue;
            }
            (Prompt::NewPassword { .. }, _) => Input::NewPassword {
                password: Password::from(line),
                personal: PersonalData::default(),
                proof: host.proof.clone().unwrap_or_else(|| Proof::new("")),
            },
            _ => Input::Code(line),
        };
        return Ok(Some(input));
    }
}

/// Plays the host: answers lookups from the directory and prints what would be sent or
/// stored. Returns the input that answers a lookup.
fn carry_out(out: &mut impl Write, action: Action, host: &mut Host) -> io::Result<Option<Input>> {
    let last_secret = &mut host.last_secret;
    match action {
        Action::LookUpAccount { login } => {
            let found = find(&login).map(|mut a| {
                a.credential_version = host.credential_version;
                a
            });
            writeln!(
                out,
                "  [directory] lookup {} → {}",
                login.masked(),
                if found.is_some() {
                    "found"
                } else {
                    "not found"
                }
            )?;
            return Ok(Some(Input::Account(found)));
        }
        Action::SendSmsCode { phone, code, .. } => {
            writeln!(
                out,
                "  [sms gateway] to {}: код {}",
                phone.masked(),
                code.expose()
            )?;
            *last_secret = code.expose().to_owned();
        }
        Action::SendEmailLink {
            email,
            flow_id,
            token,
            ..
        } => {
            writeln!(
                out,
                "  [mail] to {}: https://portal.example/recover?flow={flow_id}&token={}",
                email.masked(),
                token.expose()
            )?;
            *last_secret = token.expose().to_owned();
        }
        Action::HoldProof { proof } => {
            writeln!(
                out,
                "  [session] keeps the proof that it may set the password"
            )?;
            host.proof = Some(proof);
        }
        Action::StorePasswordHash {
            account,
            phc,
            expected_version,
        } => {
            // Compare-and-set: a replayed step finds the version moved on and stores nothing.
            if expected_version != host.credential_version {
                writeln!(out, "  [directory] {account}: stale, nothing stored")?;
                host.stale = true;
                return Ok(None);
            }
            host.credential_version += 1;
            let shown: String = phc.chars().take(40).collect();
            writeln!(out, "  [directory] {account}: new hash {shown}…")?;
        }
        Action::RevokeAllSessions { account } => {
            writeln!(out, "  [sessions] {account}: every session ended")?;
        }
        Action::NotifyPasswordChanged { account } => {
            writeln!(out, "  [notify] {account}: «Ваш пароль изменён»")?;
        }
        Action::Audit(event) => {
            let login = event.login.as_deref().unwrap_or("-");
            writeln!(out, "  [audit] {} {login}", event.event)?;
        }
        other => writeln!(out, "  [host] {other:?}")?,
    }
    Ok(None)
}

/// A fixed demo key. A real host loads its keys from a secret store.
pub(crate) fn demo_keys() -> Keys {
    Keys::new("demo", b"demo-key-demo-key-demo-key-demo-key!").unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    })
}
