//! Account recovery for Russian public-service portals.
//!
#![doc = include_str!("../README.md")]
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
