//! The C API of restore-access: `include/restore_access.h` is generated from this crate.
//!
//! Every exported function runs inside `ffi::guard`, so a panic becomes `RA_PANIC` (or
//! `false`) instead of unwinding into C. Raw pointers are read and written only through the
//! small `unsafe` helpers in [`ffi`]; the rest of the crate is safe code over them.
//!
//! # Safety
//!
//! Every exported function that takes a pointer is an `unsafe extern "C" fn`: the library
//! trusts the pointers it is given, so a Rust caller has to promise what a C caller promises,
//! in an `unsafe` block. (C cannot see the difference: the header's prototypes are the
//! same.) Each function's `# Safety` section lists its pointers in these terms:
//!
//! - **an input string** (`const char *s`): NULL, or readable up to its NUL or for
//!   `RA_MAX_INPUT_LEN + 1` bytes, whichever comes first. The library never reads further:
//!   an unterminated buffer of that size gives `RA_INPUT_TOO_LONG`.
//! - **an input string with its length** (`const char *s, size_t len`, the `_n` functions):
//!   NULL with `len` 0 (the empty string), or readable for `len` bytes. A `len` over
//!   `RA_MAX_INPUT_LEN` gives `RA_INPUT_TOO_LONG` and none of the bytes is read; a NUL among
//!   the bytes gives `RA_INVALID_ARGUMENT` (or `false`), as the NUL-terminated form could not
//!   pass it either.
//! - **bytes** (`const uint8_t *p, size_t len`): NULL with `len` 0, or readable for `len`
//!   bytes.
//! - **an output buffer** (`char *buf, size_t cap`): NULL, or writable for `cap` bytes.
//! - **an out-parameter** (`*_out`, `ra_error *error`): NULL, or writable for one value of
//!   its type.
//! - **a handle** (`const ra_x *`): NULL, or a live object of that type from this library
//!   (made by its `ra_x_new` or `ra_x_open`, not yet freed) that no other thread changes
//!   during the call; **a mutable handle** (`ra_x *`): the same, and no other thread uses it
//!   during the call.
//! - **a handle to free**: NULL, or a live object of that type that no other thread is
//!   using; afterwards neither it nor anything borrowed from it may be used.
//!
//! For all of them: the memory stays valid, and is not written by anyone else, for the
//! whole call (the library keeps no pointer afterwards), and memory the call writes does not
//! overlap memory it reads. NULL is always allowed and gives `RA_NULL_POINTER` where the
//! parameter is needed.
//!
//! A program that forbids `unsafe` cannot call them at all:
//!
//! ```compile_fail,E0133
//! #![forbid(unsafe_code)]
//! // error[E0133]: call to unsafe function is unsafe and requires unsafe block
//! let valid = restore_access_c::id::ra_snils_is_valid(0x10 as _);
//! ```
//!
//! ```compile_fail
//! #![forbid(unsafe_code)]
//! // error: usage of an `unsafe` block (forbidden by `unsafe_code`)
//! let valid = unsafe { restore_access_c::id::ra_snils_is_valid(0x10 as _) };
//! ```
//!
//! and one that does makes the promise where it can be seen:
//!
//! ```
//! use restore_access_c::id::{ra_snils_is_valid, ra_snils_is_valid_n};
//!
//! let typed = "112-233-445 95";
//! // SAFETY: a NUL-terminated literal, and a `&str` of `typed.len()` readable bytes.
//! let (nul, with_len) = unsafe {
//!     (
//!         ra_snils_is_valid(c"112-233-445 95".as_ptr()),
//!         ra_snils_is_valid_n(typed.as_ptr().cast(), typed.len()),
//!     )
//! };
//! assert!(nul && with_len);
//! ```
#![allow(non_camel_case_types)]
#![deny(
    unsafe_op_in_unsafe_fn,
    clippy::undocumented_unsafe_blocks,
    clippy::missing_safety_doc
)]

pub mod code;
pub mod ffi;
pub mod flow;
pub mod id;
pub mod limit;
pub mod password;
pub mod status;
pub mod step;
