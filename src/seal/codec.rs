//! The plain binary form of sealed values: fixed-width integers and short length-prefixed
//! strings, written and read field by field.
//!
//! Hand-written rather than serde-derived because the reader is where the range checks
//! live: every `decode` takes exactly the values the library could have written, and the
//! form does not depend on the optional `serde` feature.

use zeroize::Zeroizing;

use crate::UnixTime;

/// Writes a payload. The buffer is wiped on drop: states hold personal data.
#[derive(Default)]
pub(crate) struct Writer {
    buf: Zeroizing<Vec<u8>>,
    /// A string was longer than the form holds: the payload must not be used.
    overflow: bool,
}

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) -> &mut Self {
        self.buf.push(v);
        self
    }

    pub(crate) fn bool(&mut self, v: bool) -> &mut Self {
        self.u8(u8::from(v))
    }

    pub(crate) fn u64(&mut self, v: u64) -> &mut Self {
        self.buf.extend_from_slice(&v.to_le_bytes());
        self
    }

    pub(crate) fn time(&mut self, t: UnixTime) -> &mut Self {
        self.u64(t.as_secs())
    }

    pub(crate) fn raw(&mut self, bytes: &[u8]) -> &mut Self {
        self.buf.extend_from_slice(bytes);
        self
    }

    /// A string of at most 255 bytes (the callers' input caps keep every stored string
    /// below that; a longer one makes [`Writer::finish`] fail rather than cut it).
    pub(crate) fn str(&mut self, s: &str) -> &mut Self {
        match u8::try_from(s.len()) {
            Ok(len) => {
                self.u8(len);
                self.buf.extend_from_slice(s.as_bytes());
            }
            Err(_) => self.overflow = true,
        }
        self
    }

    /// The payload, unless a string did not fit.
    pub(crate) fn finish(&self) -> Option<&[u8]> {
        (!self.overflow).then_some(&self.buf[..])
    }
}

/// Reads a payload; every method returns `None` when the input runs out or is out of range.
pub(crate) struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader(bytes)
    }

    pub(crate) fn u8(&mut self) -> Option<u8> {
        let (&v, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(v)
    }

    pub(crate) fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.array::<8>().map(u64::from_le_bytes)
    }

    pub(crate) fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }

    pub(crate) fn time(&mut self) -> Option<UnixTime> {
        self.u64().map(UnixTime::from_secs)
    }

    pub(crate) fn str(&mut self) -> Option<&'a str> {
        let len = usize::from(self.u8()?);
        let (head, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        std::str::from_utf8(head).ok()
    }

    /// Succeeds only when everything was read: no trailing bytes.
    pub(crate) fn finish(self) -> Option<()> {
        self.0.is_empty().then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_and_nothing_more() {
        let mut w = Writer::default();
        w.u8(7)
            .bool(true)
            .u64(u64::MAX)
            .time(UnixTime::from_secs(5))
            .str("почта");
        let mut r = Reader::new(w.finish().unwrap());
        assert_eq!(r.u8(), Some(7));
        assert_eq!(r.bool(), Some(true));
        assert_eq!(r.u64(), Some(u64::MAX));
        assert_eq!(r.time(), Some(UnixTime::from_secs(5)));
        assert_eq!(r.str(), Some("почта"));
        assert_eq!(r.finish(), Some(()));
        assert_eq!(Reader::new(&[2]).bool(), None);
        assert_eq!(Reader::new(&[3, b'a']).str(), None);
        assert_eq!(Reader::new(&[1]).finish(), None);
    }

    #[test]
    fn a_string_too_long_for_the_form_spoils_the_payload() {
        let mut w = Writer::default();
        w.str(&"a".repeat(255));
        assert!(w.finish().is_some());
        w.str(&"a".repeat(256));
        assert!(w.finish().is_none());
    }
}
