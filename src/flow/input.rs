//! What drives a flow: what the person typed, and what the host found.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::id::{Document, Email, Phone};
use crate::password::{Password, PersonalData};

use super::step::AccountId;

/// Longest account id the flow takes, in bytes (a UUID has 36, a database key fewer).
pub const MAX_ACCOUNT_ID_LEN: usize = 64;

/// Whether `id` is an account id the flow can hold: 1 to [`MAX_ACCOUNT_ID_LEN`] bytes.
pub(crate) fn is_account_id(id: &str) -> bool {
    (1..=MAX_ACCOUNT_ID_LEN).contains(&id.len())
}

/// What entitles its holder to set the new password: the token of the e-mail link, or the
/// grant a flow hands over ([`crate::flow::Action::HoldProof`]) to whoever typed the right SMS
/// code. Wiped on drop, `[REDACTED]` in `Debug`, and not comparable with `==`: the flow checks
/// it against a keyed hash in constant time, and nothing else should compare it.
///
/// ```compile_fail
/// use restore_access::flow::Proof;
/// let same = Proof::new("a") == Proof::new("a"); // no PartialEq: does not compile
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Proof(String);

impl Proof {
    /// A proof as it came back from the person (a form field, a cookie, the link).
    pub fn new(proof: impl Into<String>) -> Self {
        Proof(proof.into())
    }

    /// The secret, to hand to the person's session. Nowhere else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Proof {
    fn from(s: String) -> Self {
        Proof(s)
    }
}

impl From<&str> for Proof {
    fn from(s: &str) -> Self {
        Proof(s.to_owned())
    }
}

impl fmt::Debug for Proof {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Proof([REDACTED])")
    }
}

/// One input to [`crate::flow::Flow::handle`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Input {
    /// Госуслуги: the phone, e-mail or СНИЛС typed as the login.
    Contact(String),
    /// mos.ru: the login (phone, e-mail or СНИЛС) and the surname, typed on one form.
    LoginAndSurname {
        /// The login as typed.
        login: String,
        /// The surname as typed.
        surname: String,
    },
    /// Госуслуги: the passport, a person's ИНН or the СНИЛС, as typed.
    Document(String),
    /// The host's answer to [`crate::flow::Action::LookUpAccount`]: the account, or `None`.
    Account(Option<Account>),
    /// The host checked that a person, not a robot, is at the keyboard.
    HumanCheckPassed,
    /// The code from the SMS, as typed.
    Code(String),
    /// The person opened the link from the e-mail: its token.
    LinkOpened(String),
    /// The new password, with what the host knows of the person for the password checks,
    /// and the proof that this session may set it: the link's token, or the grant of
    /// [`crate::flow::Action::HoldProof`] after an SMS code.
    NewPassword {
        /// The password.
        password: Password,
        /// Personal data the password must not contain.
        personal: PersonalData,
        /// The link's token or the grant handed to this session.
        proof: Proof,
    },
    /// Send the code again.
    Resend,
    /// The person has no access to the phone or e-mail bound to the account.
    NoAccessToContacts,
    /// Nothing arrived (mos.ru: after waiting two hours).
    NothingArrived,
}

impl Input {
    /// A short stable name, used in [`crate::flow::Error::UnexpectedInput`].
    pub fn name(&self) -> &'static str {
        match self {
            Input::Contact(_) => "contact",
            Input::LoginAndSurname { .. } => "login_and_surname",
            Input::Document(_) => "document",
            Input::Account(_) => "account",
            Input::HumanCheckPassed => "human_check_passed",
            Input::Code(_) => "code",
            Input::LinkOpened(_) => "link_opened",
            Input::NewPassword { .. } => "new_password",
            Input::Resend => "resend",
            Input::NoAccessToContacts => "no_access_to_contacts",
            Input::NothingArrived => "nothing_arrived",
        }
    }
}

/// An account as the host's directory holds it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Account {
    /// The host's identifier of the account: 1 to [`MAX_ACCOUNT_ID_LEN`] bytes.
    pub id: AccountId,
    /// The account's credential version: a number the host changes whenever the password
    /// changes (a counter, or the change's time in milliseconds). The flow hands it back in
    /// [`crate::flow::Action::StorePasswordHash`], so the host stores the new hash only if the
    /// account is still as it was looked up (compare-and-set): a replayed flow cannot change
    /// the password a second time.
    pub credential_version: u64,
    /// The phone bound to the account, if any.
    pub phone: Option<Phone>,
    /// The e-mail bound to the account, if any.
    pub email: Option<Email>,
    /// The surname, for mos.ru's surname check.
    pub surname: Option<String>,
    /// The documents on file (passport, ИНН, СНИЛС), for Госуслуги's document check.
    pub documents: Vec<Document>,
}

impl Account {
    /// An account with this id and nothing bound yet; fill the fields you have.
    pub fn new(id: impl Into<AccountId>) -> Self {
        Account {
            id: id.into(),
            ..Account::default()
        }
    }
}

impl From<&Account> for PersonalData {
    fn from(account: &Account) -> Self {
        PersonalData {
            phone: account.phone.as_ref().map(ToString::to_string),
            email: account.email.as_ref().map(ToString::to_string),
            surname: account.surname.clone(),
            snils: account.documents.iter().find_map(|d| match d {
                Document::Snils(s) => Some(s.to_string()),
                _ => None,
            }),
            ..PersonalData::default()
        }
    }
}
