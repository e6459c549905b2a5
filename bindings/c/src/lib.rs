//! The C API of restore-access: `include/restore_access.h` is generated from this crate.
//!
//! Every exported function runs inside [`ffi::guard`], so a panic becomes `RA_PANIC` (or
//! `false`) instead of unwinding into C. Raw pointers are read and written only through the
//! small `unsafe` helpers in [`ffi`]; the rest of the crate is safe code over them.
//!
//! The exported functions are safe Rust functions that take raw pointers: C cannot see
//! Rust's `unsafe`, and the contract each pointer must meet is written in the header.
#![allow(non_camel_case_types, clippy::not_unsafe_ptr_arg_deref)]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

pub mod code;
pub mod ffi;
pub mod flow;
pub mod id;
pub mod limit;
pub mod password;
pub mod status;
pub mod step;
