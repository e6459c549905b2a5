//! The recovery flow as opaque handles: its configuration, the budgets it spends, the
//! account a lookup found, the flow itself and the inputs that drive it.
//!
//! The modules are declared in the order their items appear in the header (cbindgen reads
//! them in this order), each in its own group so that rustfmt keeps the order.

/// `ra_config`: a portal's configuration.
mod config;

/// `ra_budget`: what one identity may still spend.
mod budget;

/// `ra_budgets`: the budgets one call may spend.
mod budgets;

/// `ra_account`: the answer to a lookup.
mod account;

/// `ra_input`: what drives the flow.
mod input;

/// `ra_flow`: starting and advancing a flow.
mod handle;

/// `ra_flow` between requests: its id and sealed state.
mod stored;

pub use account::*;
pub use budget::*;
pub use budgets::*;
pub use config::*;
pub use handle::*;
pub use input::*;
pub use stored::*;
