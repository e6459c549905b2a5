//! Integration tests: one binary, one module per domain.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod code;
mod failures;
mod flow;
mod id;
mod password;
