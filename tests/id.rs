//! The `id` module from the outside: published examples, public vectors, an independent
//! reference, every error code, and properties over arbitrary input.

mod agreement;
mod errors;
mod examples;
mod idna;
mod numbering;
mod properties;
mod reference;
mod vectors;
