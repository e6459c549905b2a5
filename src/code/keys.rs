//! Server secrets and the keyed hash built on them.
//!
//! # Why keyed BLAKE2b
//!
//! A 6-digit code has 10^6 values. Whoever reads a leaked state store can try them all
//! against any hash in a fraction of a second, and a slow hash (argon2 at "light" parameters)
//! only multiplies that by a constant the attacker can afford. What protects the stored
//! codes is a secret the store does not hold: the server key. So the hash must be a MAC, and
//! then speed is a virtue (verification happens on every typed code, on the request path).
//!
//! BLAKE2b in keyed mode is a MAC by design (RFC 7693 §2.5: the key goes into the first
//! block, no HMAC nesting needed), as fast as anything in software, and already in the
//! dependency tree through argon2 — HMAC-SHA-256 would add `hmac` and `sha2` for the same
//! guarantee. Tags are 128 bits (BLAKE2b's output length is a parameter, not a truncation):
//! nobody can compute them without the key, and a random wrong code matches with
//! probability 2^-128.
//!
//! The input is a domain separator and the fields, each prefixed by its length as a 64-bit
//! little-endian integer, so that no field can slide into the next (`flow "ab" + code "c"`
//! never collides with `flow "a" + code "bc"`). The flow id is the salt: the same code in two
//! flows has unrelated tags.

use std::fmt;

use base64ct::{Base64UrlUnpadded, Encoding};
use blake2::Blake2bMac;
use blake2::digest::{
    KeyInit, Mac,
    consts::{U16, U32},
};
use subtle::{Choice, ConstantTimeEq};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::{Channel, Error};

/// A 128-bit keyed BLAKE2b tag. Its only comparison is constant-time (`==` included), so no
/// comparison of a guessed code's tag can tell how many bytes were right.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tag(pub(crate) [u8; 16]);

impl ConstantTimeEq for Tag {
    fn ct_eq(&self, other: &Tag) -> Choice {
        self.0.ct_eq(&other.0)
    }
}

impl PartialEq for Tag {
    fn eq(&self, other: &Tag) -> bool {
        self.ct_eq(other).into()
    }
}

impl Eq for Tag {}

/// One server secret with its short id. The id is stored in each record; the secret is not.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub(crate) struct Key {
    id: String,
    secret: Vec<u8>,
}

impl Key {
    pub(crate) fn id(&self) -> &str {
        &self.id
    }

    /// Keyed BLAKE2b-128 over `domain` and `fields`, each length-prefixed.
    pub(crate) fn tag(&self, domain: &[u8], fields: &[&[u8]]) -> Result<Tag, Error> {
        let mut mac =
            Blake2bMac::<U16>::new_from_slice(&self.secret).map_err(|_| self.len_error())?;
        feed(&mut mac, domain, fields);
        Ok(Tag(mac.finalize().into_bytes().into()))
    }

    /// A 256-bit key for another primitive (the sealing cipher), derived under `domain` and
    /// `fields`: keyed BLAKE2b is a PRF, so subkeys of different domains are independent.
    pub(crate) fn subkey(
        &self,
        domain: &[u8],
        fields: &[&[u8]],
    ) -> Result<Zeroizing<[u8; 32]>, Error> {
        let mut mac =
            Blake2bMac::<U32>::new_from_slice(&self.secret).map_err(|_| self.len_error())?;
        feed(&mut mac, domain, fields);
        Ok(Zeroizing::new(mac.finalize().into_bytes().into()))
    }

    fn len_error(&self) -> Error {
        Error::KeyLength {
            len: self.secret.len(),
        }
    }
}

/// Feeds the domain and the fields, each prefixed by its length, so no field can slide into
/// the next.
fn feed(mac: &mut impl Mac, domain: &[u8], fields: &[&[u8]]) {
    for field in std::iter::once(&domain).chain(fields) {
        mac.update(&(field.len() as u64).to_le_bytes());
        mac.update(field);
    }
}

/// The server secrets: issue with the first key, verify with any of them.
///
/// Rotation: [`Keys::rotate`] puts a new key first (new codes use it) and keeps the old ones
/// for the codes already out; [`Keys::retire`] removes a key once its codes have expired
/// (a day after rotation is always enough). Secrets are 32 to 64 bytes from a CSPRNG, ids
/// are short (1 to 16 of `A-Z a-z 0-9 . _ -`) because every record stores one. Secrets are
/// wiped on drop; `Debug` shows the ids only.
///
/// ```
/// use restore_access::code::Keys;
/// let mut keys = Keys::new("2026a", &[1u8; 32])?;
/// keys.rotate("2026b", &[2u8; 32])?;
/// assert_eq!(keys.current_id(), "2026b");
/// keys.retire("2026a")?;
/// assert_eq!(format!("{keys:?}"), r#"Keys { ids: ["2026b"], secrets: [REDACTED] }"#);
/// # Ok::<(), restore_access::code::Error>(())
/// ```
///
/// A clone is a second copy of the secrets (wiped on its own drop): for hosts and bindings
/// that hand one ring to several flow configurations.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Keys {
    // Non-empty by construction: the current key, then the older ones, newest first.
    current: Key,
    older: Vec<Key>,
}

impl Keys {
    /// Shortest secret accepted: 256 bits.
    pub const MIN_SECRET_LEN: usize = 32;
    /// Longest secret accepted: BLAKE2b's key size.
    pub const MAX_SECRET_LEN: usize = 64;
    /// Longest key id accepted.
    pub const MAX_ID_LEN: usize = 16;

    /// A ring holding one key.
    ///
    /// # Errors
    /// `code.key_id` for a malformed id, `code.key_length` for a secret outside 32..=64 bytes.
    pub fn new(id: &str, secret: &[u8]) -> Result<Keys, Error> {
        Ok(Keys {
            current: Keys::key(id, secret)?,
            older: Vec::new(),
        })
    }

    /// Puts a new key first: codes issued from now on use it, the older keys still verify.
    ///
    /// # Errors
    /// As [`Keys::new`], and `code.key_duplicate` if the id is already in the ring. On error
    /// the ring is unchanged.
    pub fn rotate(&mut self, id: &str, secret: &[u8]) -> Result<(), Error> {
        let key = Keys::key(id, secret)?;
        if self.get(id).is_some() {
            return Err(Error::KeyDuplicate);
        }
        let previous = std::mem::replace(&mut self.current, key);
        self.older.insert(0, previous);
        Ok(())
    }

    /// Removes the key `id`, if present: codes issued under it then fail with
    /// `code.key_retired`. Removing the current key makes the next one current.
    ///
    /// # Errors
    /// `code.no_keys` if `id` is the only key left (the ring is unchanged).
    pub fn retire(&mut self, id: &str) -> Result<(), Error> {
        if self.current.id == id {
            if self.older.is_empty() {
                return Err(Error::NoKeys);
            }
            self.current = self.older.remove(0);
        } else {
            self.older.retain(|k| k.id != id);
        }
        Ok(())
    }

    /// The id of the key new codes are issued with.
    pub fn current_id(&self) -> &str {
        self.current.id()
    }

    /// The ids in the ring, current first.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.keys().map(Key::id)
    }

    pub(crate) fn current(&self) -> &Key {
        &self.current
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Key> {
        self.keys().find(|k| k.id == id)
    }

    fn keys(&self) -> impl Iterator<Item = &Key> {
        std::iter::once(&self.current).chain(&self.older)
    }

    /// 1 to 16 of `A-Z a-z 0-9 . _ -`.
    pub(crate) fn is_valid_id(id: &str) -> bool {
        (1..=Self::MAX_ID_LEN).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    }

    fn key(id: &str, secret: &[u8]) -> Result<Key, Error> {
        if !Keys::is_valid_id(id) {
            return Err(Error::KeyId);
        }
        if !(Self::MIN_SECRET_LEN..=Self::MAX_SECRET_LEN).contains(&secret.len()) {
            return Err(Error::KeyLength { len: secret.len() });
        }
        Ok(Key {
            id: id.to_owned(),
            secret: secret.to_vec(),
        })
    }
}

impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Redacted;
        impl fmt::Debug for Redacted {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("[REDACTED]")
            }
        }
        f.debug_struct("Keys")
            .field("ids", &self.ids().collect::<Vec<_>>())
            .field("secrets", &Redacted)
            .finish()
    }
}

crate::names! {
    /// Which budget a limiter key counts against.
    #[non_exhaustive]
    pub enum Bucket as "a bucket" {
        /// Codes and links sent to one identifier over one channel.
        Send = "send",
        /// Wrong codes typed for one identifier over one channel, across all its flows.
        WrongCode = "wrong_code",
    }
}

/// The key under which the host stores a [`LimiterState`](super::LimiterState): a keyed hash
/// of the identifier, so the limiter store holds no phone numbers or addresses. 22 URL-safe
/// characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LimiterKey(String);

impl LimiterKey {
    /// The key as text, for the host's store.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for LimiterKey {
    type Err = Error;

    /// A key as [`LimiterKey::as_str`] wrote it (22 base64url characters), e.g. read back
    /// from the host's store.
    fn from_str(s: &str) -> Result<Self, Error> {
        is_tag_text(s)
            .then(|| LimiterKey(s.to_owned()))
            .ok_or(Error::StateInvalid)
    }
}

/// Whether `s` is 128 bits in unpadded base64url, as tags and flow ids are written: exactly
/// 22 characters that decode to 16 bytes.
pub(crate) fn is_tag_text(s: &str) -> bool {
    let mut tag = [0u8; 16];
    s.len() == 22 && Base64UrlUnpadded::decode(s, &mut tag).is_ok_and(|d| d.len() == 16)
}

impl fmt::Display for LimiterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The limiter key for `identifier` (normalised by the caller: `+79161234567`, not
/// `8 (916) …`) in `bucket` over `channel`, keyed with the current key.
///
/// The same identifier always gives the same key — whether or not an account has it, which
/// is what makes send limits apply to unknown identifiers too. Rotating the current key
/// starts every budget afresh; rotations are rare and not in an attacker's hands.
///
/// ```
/// use restore_access::code::{limiter_key, Bucket, Channel, Keys};
/// let keys = Keys::new("k1", &[9u8; 32])?;
/// let a = limiter_key(&keys, Bucket::Send, Channel::Sms, "+79161234567")?;
/// let b = limiter_key(&keys, Bucket::Send, Channel::Sms, "+79161234567")?;
/// assert_eq!(a, b);
/// assert_eq!(a.as_str().len(), 22);
/// # Ok::<(), restore_access::code::Error>(())
/// ```
///
/// # Errors
/// None in practice: the ring's keys were checked when added.
pub fn limiter_key(
    keys: &Keys,
    bucket: Bucket,
    channel: Channel,
    identifier: &str,
) -> Result<LimiterKey, Error> {
    let tag = keys.current().tag(
        b"restore-access/limiter/v1",
        &[
            bucket.as_str().as_bytes(),
            channel.as_str().as_bytes(),
            identifier.as_bytes(),
        ],
    )?;
    Ok(LimiterKey(Base64UrlUnpadded::encode_string(&tag.0)))
}
