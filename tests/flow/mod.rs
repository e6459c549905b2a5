//! The recovery flow driven from the outside, as a host drives it: both portals, known and
//! unknown accounts, every branch, the sealed state, the budgets, and the attacks the audit
//! tried.

mod budgets;
mod enumeration;
pub(crate) mod host;
mod paths;
mod proof;
mod properties;
mod sealed;
