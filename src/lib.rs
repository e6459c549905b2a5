//! Account recovery for Russian public-service portals (Госуслуги, mos.ru and the services
//! that copy their rules): what people type, checked and put in canonical form; the portals'
//! password rules and Argon2id hashing; one-time SMS codes and e-mail links stored only as
//! keyed hashes; and the whole recovery flow as a state machine. The crate does no I/O and
//! never reads the clock: the host — a web handler, a queue worker, a test — looks accounts
//! up, delivers, stores and tells the time.
//!
//! ```toml
//! [dependencies]
//! restore-access = "0.1"
//! ```
//!
//! Every failure has a stable code (`snils.checksum`, `code.locked`, `flow.expired`, …) and a
//! message in Russian and English through [`ErrorCode`]. Nothing panics on any input.
//!
//! # Identifiers: [`id`]
//!
//! Parsers forgive what people type (spaces of every kind, dashes, brackets, full-width
//! digits); `Display` prints the canonical form and `Debug` only a masked one.
//!
//! ```
//! use restore_access::{ErrorCode, Lang, Login, Phone, Snils};
//!
//! let phone: Phone = "8 (916) 123-45-67".parse()?;
//! assert_eq!(phone.to_string(), "+79161234567");
//! assert_eq!(format!("{phone:?}"), "Phone(+7 (916) ***-**-67)");
//!
//! let err = "112 233 445 96".parse::<Snils>().unwrap_err();
//! assert_eq!(err.code(), "snils.checksum");
//! assert!(!err.message(Lang::Ru).is_empty());
//!
//! assert!(matches!(Login::parse("112-233-445 95")?, Login::Snils(_)));
//! # Ok::<(), restore_access::id::Error>(())
//! ```
//!
//! # Passwords: [`password`]
//!
//! [`password::Policy::gosuslugi`] and a NIST SP 800-63B profile, each broken rule explained;
//! the keyboard layout, a blocklist and the person's own data are checked too. [`Hasher`]
//! writes Argon2id PHC strings.
//!
//! ```
//! use restore_access::password::{Context, Policy};
//!
//! let report = Policy::gosuslugi().check("qwerty", &Context::new());
//! assert!(report.codes().any(|c| c == "password.too_short"));
//! assert!(Policy::gosuslugi().check("Sharik1599+", &Context::new()).is_ok());
//! ```
//!
//! # Codes and links: [`code`]
//!
//! SMS codes and link tokens from the operating system's CSPRNG, a [`CodeRecord`] that holds
//! only a keyed hash and counts attempts, and a limiter for sends and guesses. The keys come
//! from [`Keys`], a ring that rotates.
//!
//! # The recovery flow: [`flow`]
//!
//! A [`flow::Flow`] takes one input at a time — what the person typed, or what the host found
//! — and returns the next prompt and the actions for the host. Between requests it exists only
//! sealed, so it can live in a cookie.
//!
//! ```
//! use std::sync::Arc;
//! use restore_access::flow::{Budget, Budgets, Config, Flow, Input, Prompt};
//! use restore_access::{Keys, UnixTime};
//!
//! // A real host loads 32 to 64 random bytes from its secret store.
//! let config = Arc::new(Config::gosuslugi(Keys::new("2026-11", &[7u8; 32])?));
//! let now = UnixTime::from_secs(1_800_000_000);
//! let (mut flow, step) = Flow::start(Arc::clone(&config), now)?;
//! assert_eq!(step.prompt, Prompt::EnterContact);
//!
//! let input = Input::Contact("8 (916) 123-45-67".into());
//! let mut budgets = Budgets::new(); // opened from the server's store in a real host
//! for key in flow.budget_keys(&input)? {
//!     budgets.insert(key, Budget::default());
//! }
//! let step = flow.handle(input, now, &mut budgets)?;
//! assert_eq!(step.prompt, Prompt::EnterDocument);
//! let cookie = flow.seal()?; // encrypted and authenticated, one length at every step
//! # let _ = cookie;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The [`flow`] module describes every prompt, action and guarantee, and what the host must
//! store where; `examples/gosuslugi.rs` runs the whole flow in the terminal
//! (`cargo run --example gosuslugi`). `SECURITY.md`, shipped with the crate, lists the
//! security properties with the tests that show them.
//!
//! # Features
//!
//! - `serde`: identifiers serialize as their canonical strings and deserialize only when
//!   valid; `Flow::to_json` shows a flow's state for debugging.
//!
//! # Minimum supported Rust version
//!
//! Rust 1.88. Raising it is a minor-version change.
//!
//! # Other languages
//!
//! The same core is available from C (a header, a static and a shared library, pkg-config
//! and CMake files) and from Python (the `restore-access` package on PyPI); see the README.
#![cfg_attr(docsrs, feature(doc_cfg))]
// The README's examples are compiled and run as doc tests, so what users copy keeps working.
#![cfg_attr(doctest, doc = include_str!("../README.md"))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod catalog;
pub mod code;
pub mod flow;
pub mod i18n;
pub mod id;
#[cfg(feature = "serde")]
mod json;
pub mod name;
pub mod password;
mod seal;
mod time;

pub use i18n::{ErrorCode, Lang};
pub use time::UnixTime;

// code: one-time codes, link tokens, limiter
pub use code::{CodeRecord, Keys, LinkToken, SmsCode};
// password: policies and hashing
pub use password::{Hasher, Password};
// id: identifiers people type.
pub use id::{Document, Email, Inn, Login, Passport, Phone, Snils, Surname};
