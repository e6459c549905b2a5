//! The `id` module from the outside: published examples, public vectors, an independent
//! reference, every error code, and properties over arbitrary input.

mod errors;
mod examples;
mod properties;
mod reference;
mod vectors;
