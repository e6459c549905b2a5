//! Sealing: the one form in which anything the host stores for the library leaves the core.
//!
//! A flow's state, a budget, a code record and a limiter state are stored by the host —
//! in a row, a Redis key, a cookie — and so may be read, edited or swapped by whoever can
//! reach that store. Each leaves the core *sealed*: encrypted and authenticated with
//! XChaCha20-Poly1305 (RustCrypto's `chacha20poly1305`; the 192-bit nonce is drawn at random,
//! which a 96-bit one could not safely be) under a subkey derived from the server key ring.
//! It is opened only after authentication, and then decoded with a range check on every
//! field.
//!
//! Layout, before base64url (no padding):
//!
//! ```text
//! version (1) | key id length (1) | key id | nonce (24) | ciphertext | Poly1305 tag (16)
//! ```
//!
//! - The subkey is keyed BLAKE2b-256 of the server key over a domain separator and the
//!   [`Kind`]: a sealed budget cannot be opened as a flow, nor a flow as a code record.
//! - The associated data binds the header (version and key id), the kind and a *context*
//!   the caller names: the portal for a flow, the budget's key for a budget, the flow id
//!   for a code record, the limiter key for a limiter. A value sealed for one context does
//!   not open in another.
//! - The key id says which key of the ring to open with, so keys rotate: values sealed under
//!   an older key still open while it is in the ring.
//! - The plaintext is padded to the kind's fixed length, so every sealed value of a kind has
//!   the same length whatever it holds (a known account's state and an unknown one's too).
//! - Every failure — bad base64, unknown key, wrong context, a flipped bit, a field out of
//!   range — is the same error, which says nothing about why.
//!
//! Sealing stops forging and reading, not replay: whoever holds a sealed value can present
//! it again. The flow answers replay where it matters (the credential version of the
//! account, see [`crate::flow::Action::StorePasswordHash`]); budgets and limiters must
//! therefore live where the person cannot reach them (the server's store, never a cookie).

pub(crate) mod codec;

use base64ct::{Base64UrlUnpadded, Encoding};
use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::{Tag, XChaCha20Poly1305, XNonce};
use getrandom::SysRng;
use rand_core::TryRng;
use zeroize::Zeroizing;

use crate::code::{Error, Keys};

const FORMAT: u8 = 1;
const DOMAIN: &[u8] = b"restore-access/sealed/v1";
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// The length prefix of the payload inside the padded plaintext.
const LEN_PREFIX: usize = 2;

/// What is sealed: each kind has its own subkey and its own fixed plaintext length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Flow,
    Budget,
    CodeRecord,
    Limiter,
}

impl Kind {
    fn label(self) -> &'static [u8] {
        match self {
            Kind::Flow => b"flow",
            Kind::Budget => b"budget",
            Kind::CodeRecord => b"code-record",
            Kind::Limiter => b"limiter",
        }
    }

    /// The padded plaintext length: the longest payload the kind can have, plus its prefix.
    /// `tests` in each module check that the largest value fits.
    const fn padded(self) -> usize {
        match self {
            Kind::Flow => 704,
            Kind::Budget => 144,
            Kind::CodeRecord => 80,
            Kind::Limiter => 72,
        }
    }

    /// The longest sealed text of this kind (the key id at its longest): anything longer is
    /// refused before it is decoded.
    pub(crate) const fn max_sealed_len(self) -> usize {
        let bytes = 2 + Keys::MAX_ID_LEN + NONCE_LEN + self.padded() + TAG_LEN;
        (bytes * 4).div_ceil(3)
    }
}

/// A sealed value did not open. Deliberately says nothing about why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Invalid;

/// Seals `payload` under the ring's current key for `kind` and `context`.
///
/// # Errors
/// `code.rng` if the OS random generator fails; `code.state_invalid` if the payload is
/// longer than the kind allows (the input caps make that unreachable).
pub(crate) fn seal(
    keys: &Keys,
    kind: Kind,
    context: &[u8],
    payload: &[u8],
) -> Result<String, Error> {
    let key = keys.current();
    let id = key.id().as_bytes();
    let padded = kind.padded();
    let len = u16::try_from(payload.len())
        .ok()
        .filter(|_| payload.len() + LEN_PREFIX <= padded)
        .ok_or(Error::StateInvalid)?;
    // The header's length fits a u8: key ids have at most 16 bytes.
    let mut out = Zeroizing::new(Vec::with_capacity(
        2 + id.len() + NONCE_LEN + padded + TAG_LEN,
    ));
    out.extend_from_slice(&[FORMAT, id.len() as u8]);
    out.extend_from_slice(id);
    let header_len = out.len();
    let mut nonce = [0u8; NONCE_LEN];
    SysRng.try_fill_bytes(&mut nonce).map_err(|_| Error::Rng)?;
    out.extend_from_slice(&nonce);
    let body_start = out.len();
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(payload);
    out.resize(body_start + padded, 0);
    let (head, body) = out.split_at_mut(body_start);
    let aad = associated_data(&head[..header_len], kind, context);
    let tag = cipher(keys.current(), kind)?
        .encrypt_inout_detached(&XNonce::from(nonce), &aad, body.into())
        .map_err(|_| Error::StateInvalid)?;
    out.extend_from_slice(&tag);
    Ok(Base64UrlUnpadded::encode_string(&out))
}

/// Opens a value sealed by [`seal`] for the same `kind` and `context`, under any key of the
/// ring; returns the payload.
pub(crate) fn open(
    keys: &Keys,
    kind: Kind,
    context: &[u8],
    sealed: &str,
) -> Result<Zeroizing<Vec<u8>>, Invalid> {
    if sealed.len() > kind.max_sealed_len() {
        return Err(Invalid);
    }
    let mut bytes = Zeroizing::new(Base64UrlUnpadded::decode_vec(sealed).map_err(|_| Invalid)?);
    let (&format, rest) = bytes.split_first().ok_or(Invalid)?;
    let (&id_len, rest) = rest.split_first().ok_or(Invalid)?;
    let id_len = usize::from(id_len);
    if format != FORMAT || rest.len() != id_len + NONCE_LEN + kind.padded() + TAG_LEN {
        return Err(Invalid);
    }
    let header_len = 2 + id_len;
    let id = std::str::from_utf8(&rest[..id_len]).map_err(|_| Invalid)?;
    let key = keys.get(id).ok_or(Invalid)?;
    let cipher = cipher(key, kind).map_err(|_| Invalid)?;
    let (head, rest) = bytes.split_at_mut(header_len);
    let (nonce, rest) = rest.split_at_mut(NONCE_LEN);
    let (body, tag) = rest.split_at_mut(kind.padded());
    let nonce = XNonce::try_from(&*nonce).map_err(|_| Invalid)?;
    let tag = Tag::try_from(&*tag).map_err(|_| Invalid)?;
    let aad = associated_data(head, kind, context);
    cipher
        .decrypt_inout_detached(&nonce, &aad, (&mut *body).into(), &tag)
        .map_err(|_| Invalid)?;
    let (len, payload) = body.split_at(LEN_PREFIX);
    let len = usize::from(u16::from_le_bytes([len[0], len[1]]));
    let payload = payload.get(..len).ok_or(Invalid)?;
    Ok(Zeroizing::new(payload.to_vec()))
}

fn associated_data(header: &[u8], kind: Kind, context: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(DOMAIN.len() + header.len() + context.len() + 32);
    for field in [DOMAIN, header, kind.label(), context] {
        aad.extend_from_slice(&(field.len() as u64).to_le_bytes());
        aad.extend_from_slice(field);
    }
    aad
}

fn cipher(key: &crate::code::Key, kind: Kind) -> Result<XChaCha20Poly1305, Error> {
    let subkey = key.subkey(b"restore-access/seal-key/v1", &[kind.label()])?;
    XChaCha20Poly1305::new_from_slice(&subkey[..]).map_err(|_| Error::StateInvalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Keys {
        Keys::new("k1", &[3u8; 32]).unwrap()
    }

    #[test]
    fn a_sealed_value_opens_only_for_its_kind_context_and_ring() {
        let keys = keys();
        let sealed = seal(&keys, Kind::Budget, b"ctx", b"payload").unwrap();
        assert_eq!(
            &open(&keys, Kind::Budget, b"ctx", &sealed).unwrap()[..],
            b"payload"
        );
        assert_eq!(open(&keys, Kind::Budget, b"other", &sealed), Err(Invalid));
        assert_eq!(open(&keys, Kind::Limiter, b"ctx", &sealed), Err(Invalid));
        let stranger = Keys::new("k1", &[4u8; 32]).unwrap();
        assert_eq!(open(&stranger, Kind::Budget, b"ctx", &sealed), Err(Invalid));
    }

    #[test]
    fn every_flipped_bit_and_every_truncation_is_refused() {
        let keys = keys();
        let sealed = seal(&keys, Kind::CodeRecord, b"f", b"abc").unwrap();
        let bytes = Base64UrlUnpadded::decode_vec(&sealed).unwrap();
        for i in 0..bytes.len() {
            for bit in 0..8 {
                let mut forged = bytes.clone();
                forged[i] ^= 1 << bit;
                let text = Base64UrlUnpadded::encode_string(&forged);
                assert_eq!(
                    open(&keys, Kind::CodeRecord, b"f", &text),
                    Err(Invalid),
                    "{i}/{bit}"
                );
            }
        }
        for cut in 0..sealed.len() {
            assert_eq!(
                open(&keys, Kind::CodeRecord, b"f", &sealed[..cut]),
                Err(Invalid)
            );
        }
    }

    #[test]
    fn lengths_are_fixed_per_kind_and_keys_rotate() {
        let mut keys = keys();
        let short = seal(&keys, Kind::Flow, b"", b"").unwrap();
        let long = seal(&keys, Kind::Flow, b"", &[7u8; 702]).unwrap();
        assert_eq!(short.len(), long.len());
        assert!(long.len() <= Kind::Flow.max_sealed_len());
        assert!(seal(&keys, Kind::Flow, b"", &[7u8; 703]).is_err());
        keys.rotate("k2", &[5u8; 32]).unwrap();
        assert_eq!(
            &open(&keys, Kind::Flow, b"", &long).unwrap()[..],
            &[7u8; 702][..]
        );
        keys.retire("k1").unwrap();
        assert_eq!(open(&keys, Kind::Flow, b"", &long), Err(Invalid));
    }

    #[test]
    fn two_seals_of_one_value_differ() {
        let keys = keys();
        let a = seal(&keys, Kind::Limiter, b"k", b"same").unwrap();
        let b = seal(&keys, Kind::Limiter, b"k", b"same").unwrap();
        assert_ne!(a, b, "a fresh nonce each time");
    }
}
