//! The boundary: the panic guard every exported function runs in, and the few small `unsafe`
//! readers and writers of caller memory that everything else goes through.

use std::collections::HashMap;
use std::ffi::{CStr, CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

use restore_access::ErrorCode;

use crate::status::{self, ra_error, ra_status};

/// The longest string input, in bytes without the NUL; sealed values are far shorter.
/// Longer input gives `RA_INPUT_TOO_LONG` before any of it is parsed.
pub const RA_MAX_INPUT_LEN: usize = 4096;

/// Runs `body`; a panic becomes `on_panic`. Every exported function goes through here.
#[inline(always)]
pub(crate) fn guard<T>(on_panic: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(on_panic)
}

/// [`guard`] for functions that return a status.
pub(crate) fn status(body: impl FnOnce() -> Result<(), ra_status>) -> ra_status {
    guard(ra_status::RA_PANIC, || match body() {
        Ok(()) => ra_status::RA_OK,
        Err(status) => status,
    })
}

/// Reads a NUL-terminated UTF-8 string of at most [`RA_MAX_INPUT_LEN`] bytes: finds the NUL
/// within `RA_MAX_INPUT_LEN + 1` bytes, then reads the string as [`text_n`] does.
///
/// # Safety
/// `p` is NULL, or points to a NUL-terminated string, or to at least `RA_MAX_INPUT_LEN + 1`
/// readable bytes, that outlive `'a`.
pub(crate) unsafe fn text<'a>(p: *const c_char) -> Result<&'a str, ra_status> {
    if p.is_null() {
        return Err(ra_status::RA_NULL_POINTER);
    }
    // SAFETY: forwarded from the caller.
    let len = unsafe { nul_len(p) }?;
    // SAFETY: the `len` bytes before the NUL were just read, so they are readable.
    unsafe { text_n(p, len) }
}

/// The length of the NUL-terminated string at `p`, reading at most `RA_MAX_INPUT_LEN + 1`
/// bytes: `RA_INPUT_TOO_LONG` when none of them is the NUL. C's own `strnlen` does the scan:
/// it is several times faster than a byte loop on what people type, and sanitizers and
/// valgrind know exactly which bytes it reads.
///
/// # Safety
/// `p` is non-NULL and as in [`text`].
#[inline]
unsafe fn nul_len(p: *const c_char) -> Result<usize, ra_status> {
    unsafe extern "C" {
        /// POSIX: the length of the string at `s`, reading at most `max` bytes.
        fn strnlen(s: *const c_char, max: usize) -> usize;
    }
    // SAFETY: `strnlen` reads up to the NUL or `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
    // first, and the caller promises both are readable.
    let len = unsafe { strnlen(p, RA_MAX_INPUT_LEN + 1) };
    if len > RA_MAX_INPUT_LEN {
        return Err(ra_status::RA_INPUT_TOO_LONG);
    }
    Ok(len)
}

/// Reads the UTF-8 string of `len` bytes at `p` (no NUL needed): the one reader of string
/// input, also behind [`text`]. NULL with `len == 0` is the empty string; over
/// [`RA_MAX_INPUT_LEN`] bytes is `RA_INPUT_TOO_LONG` before any byte is read; a NUL among the
/// bytes is `RA_INVALID_ARGUMENT` (the NUL-terminated form could not pass it either);
/// invalid UTF-8 is `RA_INVALID_UTF8`.
///
/// # Safety
/// `p` is NULL or, when `len <= RA_MAX_INPUT_LEN`, points to `len` readable bytes that
/// outlive `'a` and are not written while `'a` lasts.
#[inline]
pub(crate) unsafe fn text_n<'a>(p: *const c_char, len: usize) -> Result<&'a str, ra_status> {
    if p.is_null() {
        return if len == 0 {
            Ok("")
        } else {
            Err(ra_status::RA_NULL_POINTER)
        };
    }
    if len > RA_MAX_INPUT_LEN {
        return Err(ra_status::RA_INPUT_TOO_LONG);
    }
    // SAFETY: non-NULL and `len <= RA_MAX_INPUT_LEN`, so the caller promises `len` readable
    // bytes.
    let bytes = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len) };
    if plain_ascii(bytes) {
        // SAFETY: every byte is ASCII, and ASCII is UTF-8.
        return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    if bytes.contains(&0) {
        return Err(ra_status::RA_INVALID_ARGUMENT);
    }
    std::str::from_utf8(bytes).map_err(|_| ra_status::RA_INVALID_UTF8)
}

/// Whether every byte is ASCII and none is NUL, eight at a time: what people type mostly is,
/// and then it needs neither a NUL search nor UTF-8 validation.
#[inline]
fn plain_ascii(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // A high bit of `w - ONES | w` is set where a byte is 0 (it borrows) or at least 0x80.
    // Without a 0 byte nothing borrows, so this is exact; with one, the lowest 0 byte shows.
    let odd = |w: u64| w.wrapping_sub(ONES) | w;
    let (words, tail) = bytes.as_chunks::<8>();
    let seen = match bytes.last_chunk::<8>() {
        // The last eight bytes cover the tail (they overlap the last word, which is harmless).
        Some(last) => words
            .iter()
            .chain([last])
            .fold(0, |seen, word| seen | odd(u64::from_ne_bytes(*word))),
        // Under eight bytes: the same test one byte at a time (nothing to borrow across).
        None => tail
            .iter()
            .fold(0, |seen, &b| seen | u64::from(b.wrapping_sub(1) | b)),
    };
    seen & HIGH == 0
}

/// A string argument as C passes it: NUL-terminated (`const char *s`) or with its length
/// (`const char *s, size_t len`, the `_n` functions). The two functions of a pair build one
/// of these and share the rest of their body.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Text {
    /// Read with [`text`].
    Nul(*const c_char),
    /// Read with [`text_n`].
    Len(*const c_char, usize),
}

impl Text {
    /// Reads the string.
    ///
    /// # Safety
    /// `Nul(p)`: `p` as in [`text`]; `Len(p, len)`: as in [`text_n`]; the memory outlives
    /// `'a`.
    #[inline]
    pub(crate) unsafe fn read<'a>(self) -> Result<&'a str, ra_status> {
        match self {
            // SAFETY: forwarded from the caller.
            Text::Nul(p) => unsafe { text(p) },
            // SAFETY: forwarded from the caller.
            Text::Len(p, len) => unsafe { text_n(p, len) },
        }
    }
}

/// [`text`] for an optional string: NULL is `None`.
///
/// # Safety
/// As [`text`].
pub(crate) unsafe fn opt_text<'a>(p: *const c_char) -> Result<Option<&'a str>, ra_status> {
    if p.is_null() {
        return Ok(None);
    }
    // SAFETY: forwarded from the caller.
    unsafe { text(p) }.map(Some)
}

/// Reads a key the library wrote (a budget or limiter key: 22 URL-safe characters) back
/// into its type; any other string is the core's refusal (`flow.state_invalid`,
/// `code.state_invalid`), recorded in `error`.
///
/// # Safety
/// As [`Text::read`].
pub(crate) unsafe fn parse_key<K>(key: Text, error: &ErrOut) -> Result<K, ra_status>
where
    K: FromStr<Err: ErrorCode>,
{
    // SAFETY: forwarded from the caller.
    let key = unsafe { key.read() }?;
    key.parse().map_err(error.fail())
}

/// Reads `len` bytes; NULL is accepted only with `len == 0`.
///
/// # Safety
/// `p` is NULL or points to `len` readable bytes that outlive `'a`.
pub(crate) unsafe fn bytes<'a>(p: *const u8, len: usize) -> Result<&'a [u8], ra_status> {
    match (p.is_null(), len) {
        (true, 0) => Ok(&[]),
        (true, _) => Err(ra_status::RA_NULL_POINTER),
        (false, len) if len > RA_MAX_INPUT_LEN => Err(ra_status::RA_INPUT_TOO_LONG),
        // SAFETY: non-NULL, and the caller promises `len` readable bytes.
        (false, len) => Ok(unsafe { std::slice::from_raw_parts(p, len) }),
    }
}

/// A checked, non-NULL out-parameter: written once, on success.
pub(crate) struct Out<T>(*mut T);

impl<T> Out<T> {
    /// # Safety
    /// `p` is NULL or valid for writing a `T`, and stays so until [`Out::write`].
    pub(crate) unsafe fn new(p: *mut T) -> Result<Out<T>, ra_status> {
        if p.is_null() {
            Err(ra_status::RA_NULL_POINTER)
        } else {
            Ok(Out(p))
        }
    }

    pub(crate) fn write(self, value: T) {
        // SAFETY: non-NULL and writable (promised to `Out::new`); `write` does not read or
        // drop the old, possibly uninitialised, value.
        unsafe { self.0.write(value) }
    }
}

/// A caller's output buffer: `cap` bytes at `ptr` (NULL with `cap == 0` asks for the length).
pub(crate) struct Buf {
    ptr: *mut c_char,
    cap: usize,
    len_out: Out<usize>,
}

impl Buf {
    /// # Safety
    /// `ptr` is NULL or valid for writing `cap` bytes; `len_out` as [`Out::new`].
    pub(crate) unsafe fn new(
        ptr: *mut c_char,
        cap: usize,
        len_out: *mut usize,
    ) -> Result<Buf, ra_status> {
        // SAFETY: forwarded from the caller.
        let len_out = unsafe { Out::new(len_out) }?;
        if ptr.is_null() && cap > 0 {
            return Err(ra_status::RA_NULL_POINTER);
        }
        Ok(Buf { ptr, cap, len_out })
    }

    /// Copies `s` and a NUL, and its length to `len_out`; if it does not fit, only the
    /// length, and `RA_BUFFER_TOO_SMALL`.
    pub(crate) fn write(self, s: &str) -> Result<(), ra_status> {
        self.write_bytes(s.as_bytes())
    }

    fn write_bytes(self, s: &[u8]) -> Result<(), ra_status> {
        let fits = s.len() < self.cap;
        self.len_out.write(s.len());
        if !fits {
            return Err(ra_status::RA_BUFFER_TOO_SMALL);
        }
        // SAFETY: `ptr` is non-NULL (cap > s.len() >= 0) and valid for `cap` > `s.len()`
        // bytes; `s` is Rust memory, so the two cannot overlap.
        unsafe {
            std::ptr::copy_nonoverlapping(s.as_ptr(), self.ptr.cast::<u8>(), s.len());
            self.ptr.add(s.len()).write(0);
        }
        Ok(())
    }
}

/// The optional `ra_error *` of a call: filled when a refusal (status ≥ 100) is returned.
pub(crate) struct ErrOut(*mut ra_error);

impl ErrOut {
    /// # Safety
    /// `p` is NULL or valid for writing an `ra_error`.
    pub(crate) unsafe fn new(p: *mut ra_error) -> ErrOut {
        ErrOut(p)
    }

    /// No `ra_error *`: for the functions that have none, whose refusals still get their
    /// status from [`status::refusal`].
    pub(crate) fn none() -> ErrOut {
        ErrOut(std::ptr::null_mut())
    }

    /// Records a refusal by the core and returns its status ([`status::refusal`]), for
    /// `map_err`.
    pub(crate) fn fail<E: ErrorCode>(&self) -> impl FnOnce(E) -> ra_status + '_ {
        move |error| status::refusal(&error, self)
    }

    /// Writes the details of a refusal, if the caller asked for them.
    pub(crate) fn record(&self, details: ra_error) {
        if !self.0.is_null() {
            // SAFETY: non-NULL and writable, as promised to `ErrOut::new`; `write` does not
            // read or drop the old, possibly uninitialised, value.
            unsafe { self.0.write(details) };
        }
    }
}

/// Moves `value` to the heap and hands it to C; [`free`] takes it back.
pub(crate) fn into_handle<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Drops a handle made by [`into_handle`]; NULL is ignored.
///
/// # Safety
/// `p` is NULL or came from [`into_handle`] for this `T` and has not been freed.
pub(crate) unsafe fn free<T>(p: *mut T) {
    if !p.is_null() {
        // SAFETY: made by `Box::into_raw` for this `T`, freed only once (caller's promise).
        drop(unsafe { Box::from_raw(p) });
    }
}

/// Borrows a handle.
///
/// # Safety
/// `p` is NULL or a live handle of this type, not being written by another thread.
pub(crate) unsafe fn borrow<'a, T>(p: *const T) -> Result<&'a T, ra_status> {
    // SAFETY: forwarded from the caller.
    unsafe { p.as_ref() }.ok_or(ra_status::RA_NULL_POINTER)
}

/// Borrows a handle to change it.
///
/// # Safety
/// `p` is NULL or a live handle of this type that no other thread is using.
pub(crate) unsafe fn borrow_mut<'a, T>(p: *mut T) -> Result<&'a mut T, ra_status> {
    // SAFETY: forwarded from the caller.
    unsafe { p.as_mut() }.ok_or(ra_status::RA_NULL_POINTER)
}

/// A NUL-terminated copy of a static string (an error or prompt code), made once and kept
/// for the life of the process, so C can hold the pointer without freeing it.
pub(crate) fn static_cstr(s: &'static str) -> *const c_char {
    static TABLE: OnceLock<Mutex<HashMap<&'static str, &'static CStr>>> = OnceLock::new();
    let table = TABLE.get_or_init(Default::default);
    let mut table = table
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    table
        .entry(s)
        .or_insert_with(|| Box::leak(owned_cstring(s).into_boxed_c_str()))
        .as_ptr()
}

/// A C string of `s`. Strings from the core never hold a NUL; one would be dropped.
pub(crate) fn owned_cstring(s: &str) -> CString {
    CString::new(s.replace('\0', "")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_status() {
        assert_eq!(status(|| panic!("a bug")), ra_status::RA_PANIC);
        assert!(!guard(false, || panic!("a bug")));
        assert_eq!(
            status(|| Err(ra_status::RA_INVALID_UTF8)),
            ra_status::RA_INVALID_UTF8
        );
        assert_eq!(status(|| Ok(())), ra_status::RA_OK);
    }

    #[test]
    fn static_strings_are_made_once_and_end_with_nul() {
        let a = static_cstr("snils.checksum");
        assert_eq!(a, static_cstr("snils.checksum"));
        // SAFETY: `static_cstr` returns a NUL-terminated string that lives forever.
        let back = unsafe { CStr::from_ptr(a) };
        assert_eq!(back.to_str(), Ok("snils.checksum"));
    }

    #[test]
    fn input_stops_at_the_limit() {
        let long = CString::new(vec![b'1'; RA_MAX_INPUT_LEN + 1]).unwrap_or_default();
        let fits = CString::new(vec![b'1'; RA_MAX_INPUT_LEN]).unwrap_or_default();
        // SAFETY: both are NUL-terminated.
        unsafe {
            assert_eq!(text(long.as_ptr()), Err(ra_status::RA_INPUT_TOO_LONG));
            assert_eq!(text(fits.as_ptr()).map(str::len), Ok(RA_MAX_INPUT_LEN));
            assert_eq!(text(std::ptr::null()), Err(ra_status::RA_NULL_POINTER));
            assert_eq!(text(c"".as_ptr()), Ok(""));
            assert_eq!(text(c"\xd0\x9f".as_ptr()), Ok("\u{41f}"));
            assert_eq!(text(c"\xd0".as_ptr()), Err(ra_status::RA_INVALID_UTF8));
        }
    }

    #[test]
    fn plain_ascii_is_exact() {
        assert!(plain_ascii(b""));
        assert!(plain_ascii(b"112-233-445 95"));
        assert!(plain_ascii(&[0x7f; 17]));
        for len in 1..=24 {
            for at in 0..len {
                for bad in [0x00, 0x80, 0xd0, 0xff] {
                    let mut bytes = vec![b'1'; len];
                    bytes[at] = bad;
                    assert!(!plain_ascii(&bytes), "{bad:#x} at {at} of {len}");
                }
                let mut bytes = vec![0x7f; len];
                bytes[at] = 0x01;
                assert!(plain_ascii(&bytes));
            }
        }
    }

    #[test]
    fn input_with_a_length() {
        let bytes = vec![b'1'; RA_MAX_INPUT_LEN + 1];
        let p = bytes.as_ptr().cast::<c_char>();
        // SAFETY: `bytes` holds `RA_MAX_INPUT_LEN + 1` readable bytes; the dangling pointer
        // and the huge length are never read (the length is refused first).
        unsafe {
            assert_eq!(
                text_n(p, RA_MAX_INPUT_LEN).map(str::len),
                Ok(RA_MAX_INPUT_LEN)
            );
            assert_eq!(text_n(p, 3), Ok("111"));
            assert_eq!(
                text_n(p, RA_MAX_INPUT_LEN + 1),
                Err(ra_status::RA_INPUT_TOO_LONG)
            );
            let dangling = std::ptr::NonNull::<c_char>::dangling().as_ptr();
            assert_eq!(
                text_n(dangling, usize::MAX),
                Err(ra_status::RA_INPUT_TOO_LONG)
            );
            assert_eq!(text_n(std::ptr::null(), 0), Ok(""));
            assert_eq!(text_n(std::ptr::null(), 1), Err(ra_status::RA_NULL_POINTER));
            assert_eq!(
                text_n(b"1\x002".as_ptr().cast(), 3),
                Err(ra_status::RA_INVALID_ARGUMENT)
            );
            assert_eq!(
                text_n(c"\xd0\x9f".as_ptr(), 1),
                Err(ra_status::RA_INVALID_UTF8)
            );
            assert_eq!(Text::Len(p, 2).read(), Ok("11"));
            assert_eq!(Text::Nul(c"12".as_ptr()).read(), Ok("12"));
        }
    }
}
