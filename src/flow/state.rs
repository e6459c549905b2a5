//! The stored part of a flow, and the budgets it spends: typed, and sealed for the host's
//! store.

use std::time::Duration;

use crate::UnixTime;
use crate::code::{Channel, CodeRecord, Keys, LimiterState, is_tag_text};
use crate::id::{Document, Email, Login, Passport, Phone, Snils, Surname};
use crate::seal::codec::{Reader, Writer};
use crate::seal::{self, Kind};

use super::Error;
use super::config::Portal;
use super::step::{AccountId, Escalation};

/// The version of the sealed state this library writes and reads. It is bound into the
/// seal, so a state written by another version does not open.
pub const STATE_VERSION: u8 = 3;

/// A flow's state: what the host stores between requests, sealed ([`crate::flow::Flow::seal`]).
///
/// It holds keyed hashes of codes and proofs, never a code. The host cannot read or change it
/// except through the flow: it leaves the core only sealed, and comes back only through
/// [`crate::flow::Flow::open`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct State {
    pub(crate) portal: Portal,
    pub(crate) id: String,
    pub(crate) created: UnixTime,
    /// The login as typed (canonical), once it is: it names the login's [`Budget`] and is
    /// masked in audit records.
    pub(crate) login: Option<Login>,
    pub(crate) stage: Stage,
}

/// What the looked-up account must match besides the login: the one thing each portal asks
/// for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub(crate) enum Match {
    /// Госуслуги: a document bound to the account.
    Document(Document),
    /// mos.ru: the account's surname.
    Surname(Surname),
}

/// Where the flow is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "at", rename_all = "snake_case"))]
pub(crate) enum Stage {
    /// Waiting for the login (Госуслуги: contact; mos.ru: login and surname).
    Start,
    /// Госуслуги: the contact is in, the document is next.
    Document,
    /// Waiting for the host's account lookup, with what the account must match.
    Lookup(Match),
    /// Госуслуги: waiting for the human check.
    HumanCheck {
        target: Target,
    },
    /// A code or link is out (or, for an unknown account, a decoy stands in its place).
    CodeSent {
        target: Target,
        record: CodeRecord,
        sent_at: UnixTime,
    },
    /// The code was right or the link opened: waiting for the new password, which only the
    /// holder of the proof may set. The proof is the link's record (the token is the proof)
    /// or, after an SMS code, the record of a fresh grant handed to whoever typed the code.
    NewPassword {
        holder: Holder,
        proof: CodeRecord,
        by_link: bool,
    },
    Done,
    Locked {
        until: UnixTime,
    },
    Escalated {
        reason: Escalation,
    },
}

impl Stage {
    /// The stage's name, for errors.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Stage::Start => "start",
            Stage::Document => "document",
            Stage::Lookup { .. } => "lookup",
            Stage::HumanCheck { .. } => "human_check",
            Stage::CodeSent { .. } => "code_sent",
            Stage::NewPassword { .. } => "new_password",
            Stage::Done => "done",
            Stage::Locked { .. } => "locked",
            Stage::Escalated { .. } => "escalated",
        }
    }
}

/// The account a password may be set for, and its credential version when it was looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub(crate) struct Holder {
    pub(crate) account: AccountId,
    pub(crate) credential_version: u64,
}

/// A contact stored for an account: where a code or link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub(crate) enum Contact {
    Phone(Phone),
    Email(Email),
}

impl Contact {
    /// The contact as the login of the same kind: the one form in which phones and mailboxes
    /// are stored and named.
    pub(crate) fn as_login(&self) -> Login {
        match self {
            Contact::Phone(p) => Login::Phone(p.clone()),
            Contact::Email(e) => Login::Email(e.clone()),
        }
    }
}

/// Where the code goes: the account and its stored contact, or nowhere (unknown account).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub(crate) struct Target {
    /// The channel of the code or link (a decoy uses the channel a real one would).
    pub(crate) channel: Channel,
    /// Whether the prompt may name the channel (it follows from what the person typed).
    pub(crate) shown: bool,
    /// The account and the stored contact, when the account exists and matched.
    pub(crate) account: Option<(Holder, Contact)>,
}

/// What one identity may still spend across all its flows: sends, code guesses, and the
/// lockout that follows too many wrong codes.
///
/// The flow names the budgets an input spends ([`crate::flow::Flow::budget_keys`]); the
/// host keeps one per key in its own store, sealed ([`Budget::seal`]), never where the
/// person could send an older copy back. A missing key is a fresh budget.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Budget {
    pub(crate) sends: LimiterState,
    pub(crate) guesses: LimiterState,
    pub(crate) locked_until: UnixTime,
}

impl Budget {
    /// The budget sealed for the host's store, bound to its key.
    ///
    /// # Errors
    /// `code.rng` if the OS random generator fails.
    pub fn seal(&self, keys: &Keys, key: &BudgetKey) -> Result<String, Error> {
        let mut w = Writer::default();
        self.sends.encode(&mut w)?;
        self.guesses.encode(&mut w)?;
        w.time(self.locked_until);
        let payload = w.finish().ok_or(Error::StateInvalid)?;
        Ok(seal::seal(keys, Kind::Budget, key.0.as_bytes(), payload)?)
    }

    /// Opens a budget sealed by [`Budget::seal`] under the same key.
    ///
    /// # Errors
    /// `flow.state_invalid` for anything else, whatever the reason.
    pub fn open(keys: &Keys, key: &BudgetKey, sealed: &str) -> Result<Budget, Error> {
        let payload = seal::open(keys, Kind::Budget, key.0.as_bytes(), sealed)
            .map_err(|_| Error::StateInvalid)?;
        let mut r = Reader::new(&payload);
        let budget = Budget {
            sends: LimiterState::decode(&mut r).ok_or(Error::StateInvalid)?,
            guesses: LimiterState::decode(&mut r).ok_or(Error::StateInvalid)?,
            locked_until: r.time().ok_or(Error::StateInvalid)?,
        };
        r.finish().ok_or(Error::StateInvalid)?;
        Ok(budget)
    }

    /// From this moment on the budget equals a fresh one: the host may delete it then.
    pub fn idle_at(&self) -> UnixTime {
        self.sends
            .idle_at()
            .max(self.guesses.idle_at())
            .max(self.locked_until)
    }

    /// How long a lockout still lasts at `now`, if one does.
    pub(crate) fn locked_for(&self, now: UnixTime) -> Option<Duration> {
        self.locked_until
            .secs_since(now)
            .filter(|&s| s > 0)
            .map(Duration::from_secs)
    }
}

/// The name of a [`Budget`] in the host's store: a keyed hash of one identity (a phone, a
/// mailbox, a СНИЛС) in its canonical form, so every spelling of it names the same budget
/// and the store holds no personal data. 22 URL-safe characters. Keyed with the ring's
/// current key: rotating it starts every budget afresh (rotations are rare, and not in an
/// attacker's hands).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct BudgetKey(pub(crate) String);

impl BudgetKey {
    /// The key as text, for the host's store.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for BudgetKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for BudgetKey {
    type Err = Error;

    /// A key as [`BudgetKey::as_str`] wrote it (22 base64url characters), e.g. read back
    /// from the host's store.
    fn from_str(s: &str) -> Result<Self, Error> {
        is_tag_text(s)
            .then(|| BudgetKey(s.to_owned()))
            .ok_or(Error::StateInvalid)
    }
}

/// The budgets one [`crate::flow::Flow::handle`] call may spend, by key: the host loads the
/// ones [`crate::flow::Flow::budget_keys`] names, and stores them all back after the call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Budgets {
    entries: Vec<(BudgetKey, Budget)>,
}

impl Budgets {
    /// No budgets yet.
    pub fn new() -> Self {
        Budgets::default()
    }

    /// Puts `budget` under `key`, replacing any budget there.
    pub fn insert(&mut self, key: BudgetKey, budget: Budget) {
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some((_, b)) => *b = budget,
            None => self.entries.push((key, budget)),
        }
    }

    /// The budget under `key`.
    pub fn get(&self, key: &BudgetKey) -> Option<&Budget> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, b)| b)
    }

    /// Every budget with its key, to store back.
    pub fn iter(&self) -> impl Iterator<Item = (&BudgetKey, &Budget)> {
        self.entries.iter().map(|(k, b)| (k, b))
    }

    /// The budget under `key`, which the host must have loaded.
    pub(crate) fn spend(&mut self, key: &BudgetKey) -> Result<&mut Budget, Error> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, b)| b)
            .ok_or(Error::BudgetMissing)
    }
}

// The plain form of a state, inside the seal. Each `decode` takes only what `encode` can
// have written, identifiers included (they are parsed again).

impl State {
    /// The context a flow's state is sealed for: its portal and the state version.
    fn context(portal: Portal) -> [u8; 2] {
        [portal as u8, STATE_VERSION]
    }

    pub(crate) fn seal(&self, keys: &Keys) -> Result<String, Error> {
        let mut w = Writer::default();
        w.str(&self.id).time(self.created);
        match &self.login {
            None => {
                w.u8(0);
            }
            Some(login) => encode_login(w.u8(1), login),
        }
        self.stage.encode(&mut w);
        let payload = w.finish().ok_or(Error::StateInvalid)?;
        Ok(seal::seal(
            keys,
            Kind::Flow,
            &State::context(self.portal),
            payload,
        )?)
    }

    pub(crate) fn open(keys: &Keys, portal: Portal, sealed: &str) -> Result<State, Error> {
        let payload = seal::open(keys, Kind::Flow, &State::context(portal), sealed)
            .map_err(|_| Error::StateInvalid)?;
        let mut r = Reader::new(&payload);
        let state = State::decode(portal, &mut r).ok_or(Error::StateInvalid)?;
        r.finish().ok_or(Error::StateInvalid)?;
        Ok(state)
    }

    fn decode(portal: Portal, r: &mut Reader<'_>) -> Option<State> {
        // A flow id as the flow makes them: 128 random bits in base64url.
        let id = r.str().filter(|id| is_tag_text(id))?.to_owned();
        let created = r.time()?;
        let login = match r.u8()? {
            0 => None,
            1 => Some(decode_login(r)?),
            _ => return None,
        };
        let stage = Stage::decode(r)?;
        // A stage past the start always has a login.
        if login.is_none() && !matches!(stage, Stage::Start | Stage::Escalated { .. }) {
            return None;
        }
        Some(State {
            portal,
            id,
            created,
            login,
            stage,
        })
    }
}

impl Stage {
    fn encode(&self, w: &mut Writer) {
        match self {
            Stage::Start => w.u8(0),
            Stage::Document => w.u8(1),
            Stage::Lookup(Match::Document(Document::Passport(p))) => {
                w.u8(2).u8(0).str(&p.to_string())
            }
            Stage::Lookup(Match::Document(Document::Inn(i))) => w.u8(2).u8(1).str(&i.to_string()),
            Stage::Lookup(Match::Document(Document::Snils(s))) => w.u8(2).u8(2).str(&s.to_string()),
            Stage::Lookup(Match::Surname(s)) => w.u8(2).u8(3).str(s.as_str()),
            Stage::HumanCheck { target } => {
                target.encode(w.u8(3));
                w
            }
            Stage::CodeSent {
                target,
                record,
                sent_at,
            } => {
                target.encode(w.u8(4));
                record.encode(w);
                w.time(*sent_at)
            }
            Stage::NewPassword {
                holder,
                proof,
                by_link,
            } => {
                holder.encode(w.u8(5));
                proof.encode(w);
                w.bool(*by_link)
            }
            Stage::Done => w.u8(6),
            Stage::Locked { until } => w.u8(7).time(*until),
            Stage::Escalated { reason } => w.u8(8).u8(*reason as u8),
        };
    }

    fn decode(r: &mut Reader<'_>) -> Option<Stage> {
        Some(match r.u8()? {
            0 => Stage::Start,
            1 => Stage::Document,
            2 => Stage::Lookup(match r.u8()? {
                0 => Match::Document(Document::Passport(r.str()?.parse::<Passport>().ok()?)),
                1 => Match::Document(Document::Inn(r.str()?.parse().ok()?)),
                2 => Match::Document(Document::Snils(r.str()?.parse().ok()?)),
                3 => Match::Surname(Surname::new(r.str()?).ok()?),
                _ => return None,
            }),
            3 => Stage::HumanCheck {
                target: Target::decode(r)?,
            },
            4 => Stage::CodeSent {
                target: Target::decode(r)?,
                record: CodeRecord::decode(r)?,
                sent_at: r.time()?,
            },
            5 => Stage::NewPassword {
                holder: Holder::decode(r)?,
                proof: CodeRecord::decode(r)?,
                by_link: r.bool()?,
            },
            6 => Stage::Done,
            7 => Stage::Locked { until: r.time()? },
            8 => Stage::Escalated {
                reason: *Escalation::ALL.get(usize::from(r.u8()?))?,
            },
            _ => return None,
        })
    }
}

impl Holder {
    fn encode(&self, w: &mut Writer) {
        w.str(&self.account).u64(self.credential_version);
    }

    fn decode(r: &mut Reader<'_>) -> Option<Holder> {
        let account = r.str().filter(|id| super::input::is_account_id(id))?;
        Some(Holder {
            account: account.to_owned(),
            credential_version: r.u64()?,
        })
    }
}

impl Target {
    fn encode(&self, w: &mut Writer) {
        w.u8(self.channel as u8).bool(self.shown);
        match &self.account {
            None => {
                w.u8(0);
            }
            Some((holder, contact)) => {
                holder.encode(w.u8(1));
                // Written as the login of the same kind is: one form for a phone or mailbox.
                encode_login(w, &contact.as_login());
            }
        }
    }

    fn decode(r: &mut Reader<'_>) -> Option<Target> {
        let channel = *[Channel::Sms, Channel::Email].get(usize::from(r.u8()?))?;
        let shown = r.bool()?;
        let account = match r.u8()? {
            0 => None,
            1 => {
                let holder = Holder::decode(r)?;
                let contact = match decode_login(r)? {
                    Login::Phone(p) => Contact::Phone(p),
                    Login::Email(e) => Contact::Email(e),
                    _ => return None,
                };
                Some((holder, contact))
            }
            _ => return None,
        };
        Some(Target {
            channel,
            shown,
            account,
        })
    }
}

fn encode_login(w: &mut Writer, login: &Login) {
    match login {
        Login::Phone(p) => w.u8(0).str(p.e164()),
        Login::Email(e) => w.u8(1).str(e.ascii()),
        Login::Snils(s) => w.u8(2).str(s.digits()),
        // The flow takes unambiguous logins only: were one stored, it would not open again.
        Login::PhoneOrSnils { .. } => w.u8(u8::MAX),
    };
}

fn decode_login(r: &mut Reader<'_>) -> Option<Login> {
    Some(match r.u8()? {
        0 => Login::Phone(r.str()?.parse::<Phone>().ok()?),
        1 => Login::Email(r.str()?.parse::<Email>().ok()?),
        2 => Login::Snils(r.str()?.parse::<Snils>().ok()?),
        _ => return None,
    })
}
