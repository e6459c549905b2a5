//! What the flow stores about an issued code, and how a typed code is checked against it.

use std::time::Duration;

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::keys::{Keys, Tag};
use super::{Channel, Error, LinkToken, Policy, Purpose, SmsCode};
use crate::UnixTime;
use crate::seal::codec::{Reader, Writer};
use crate::seal::{self, Kind};

/// An issued code as the flow's state keeps it: a keyed hash, never the code.
///
/// The hash is keyed by the server's current key (its id is stored, so the key can rotate)
/// and binds the channel, the [`Purpose`] and the flow id (which also salts it). Around it:
/// issue time, expiry, attempts used and allowed, and whether the code was used. About 150
/// bytes as JSON (with the `serde` feature).
///
/// **One record per flow and purpose.** Store a newly issued record *in place of* the earlier
/// one: the earlier code then has nothing left to match, which is what voids it. A new record
/// starts with fresh attempts, so resends must go through the send limit
/// ([`presets::SMS_SEND`](super::presets::SMS_SEND)) and wrong codes through the per-identifier
/// budget ([`presets::WRONG_CODES`](super::presets::WRONG_CODES)).
///
/// ```
/// use restore_access::UnixTime;
/// use restore_access::code::{CodeRecord, Error, Keys, Policy, Purpose};
///
/// let keys = Keys::new("k1", &[7u8; 32])?;
/// let t0 = UnixTime::from_secs(1_700_000_000);
/// let (mut record, code) =
///     CodeRecord::issue_sms(&keys, "flow-1", Purpose::Recovery, t0, &Policy::default())?;
/// // What people type is accepted: spaces, dashes, full-width digits.
/// let (a, b) = code.expose().split_at(3);
/// let typed = format!(" {a}-{b} ");
/// record.verify(&keys, "flow-1", Purpose::Recovery, &typed, t0)?;
/// // Exactly once.
/// assert_eq!(
///     record.verify(&keys, "flow-1", Purpose::Recovery, code.expose(), t0),
///     Err(Error::Used)
/// );
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CodeRecord {
    #[cfg_attr(feature = "serde", serde(rename = "key"))]
    key_id: String,
    #[cfg_attr(feature = "serde", serde(rename = "mac", with = "tag_base64"))]
    tag: Tag,
    channel: Channel,
    purpose: Purpose,
    #[cfg_attr(feature = "serde", serde(rename = "issued"))]
    issued_at: UnixTime,
    #[cfg_attr(feature = "serde", serde(rename = "expires"))]
    expires_at: UnixTime,
    #[cfg_attr(feature = "serde", serde(rename = "tries"))]
    attempts: u8,
    #[cfg_attr(feature = "serde", serde(rename = "max"))]
    max_attempts: u8,
    used: bool,
}

/// Domain separator of code hashes; a new hash layout gets a new version.
const CODE_DOMAIN: &[u8] = b"restore-access/code/v1";
/// Longest typed link token considered (512 bits are 86 characters).
const MAX_TYPED_TOKEN: usize = 128;

impl CodeRecord {
    /// Longest typed code or token looked at, in bytes: ten digits with separators, even in
    /// full-width forms, and the longest token with spaces around it fit. Anything longer is a
    /// wrong guess (counted like one) without being read.
    pub const MAX_TYPED_LEN: usize = 256;

    /// Issues an SMS code for `flow_id` and `purpose` at `now`, under `policy`: the record for
    /// the flow's state, and the code for the SMS.
    ///
    /// # Errors
    /// `code.rng` if the OS random generator fails.
    pub fn issue_sms(
        keys: &Keys,
        flow_id: impl AsRef<[u8]>,
        purpose: Purpose,
        now: UnixTime,
        policy: &Policy,
    ) -> Result<(CodeRecord, SmsCode), Error> {
        let code = SmsCode::generate(policy.sms_digits)?;
        let record = CodeRecord::new(
            keys,
            flow_id.as_ref(),
            Channel::Sms,
            purpose,
            code.expose().as_bytes(),
            now,
            policy.sms_ttl,
            policy.max_attempts,
        )?;
        Ok((record, code))
    }

    /// Issues an e-mail link token for `flow_id` and `purpose` at `now`, under `policy`: the
    /// record for the flow's state, and the token for the link.
    ///
    /// # Errors
    /// `code.rng` if the OS random generator fails.
    pub fn issue_link(
        keys: &Keys,
        flow_id: impl AsRef<[u8]>,
        purpose: Purpose,
        now: UnixTime,
        policy: &Policy,
    ) -> Result<(CodeRecord, LinkToken), Error> {
        let token = LinkToken::generate(policy.link_bits)?;
        let record = CodeRecord::new(
            keys,
            flow_id.as_ref(),
            Channel::Email,
            purpose,
            token.expose().as_bytes(),
            now,
            policy.link_ttl,
            policy.max_attempts,
        )?;
        Ok((record, token))
    }

    #[allow(clippy::too_many_arguments)]
    fn new(
        keys: &Keys,
        flow_id: &[u8],
        channel: Channel,
        purpose: Purpose,
        secret: &[u8],
        now: UnixTime,
        ttl: Duration,
        max_attempts: u8,
    ) -> Result<CodeRecord, Error> {
        let key = keys.current();
        Ok(CodeRecord {
            key_id: key.id().to_owned(),
            tag: tag(key, flow_id, channel, purpose, secret)?,
            channel,
            purpose,
            issued_at: now,
            expires_at: now + ttl,
            attempts: 0,
            max_attempts,
            used: false,
        })
    }

    /// Checks `typed` and, if it is right, marks the code used: the step that completes
    /// (sets the password, confirms the contact).
    ///
    /// In order: `code.used` if already used, `code.not_yet_valid` before `issued_at` (a
    /// clock that went back), `code.expired` from `expires_at` on,
    /// `code.locked` once the attempts are spent; then **the attempt is counted** (the record
    /// changes even when the result is an error — store it back every time), then
    /// `code.wrong_purpose`, `code.key_retired`, and a constant-time comparison that fails with
    /// `code.wrong`. A code from another flow fails as `code.wrong`, telling nothing more.
    ///
    /// SMS codes are accepted as people type them: surrounding and inner spaces (also
    /// no-break), dashes, full-width digits. Link tokens are compared as given, trimmed.
    /// Input over [`CodeRecord::MAX_TYPED_LEN`] bytes is `code.wrong` unread.
    ///
    /// # Errors
    /// As above.
    pub fn verify(
        &mut self,
        keys: &Keys,
        flow_id: impl AsRef<[u8]>,
        purpose: Purpose,
        typed: &str,
        now: UnixTime,
    ) -> Result<(), Error> {
        self.attempt(keys, flow_id.as_ref(), purpose, typed, now, true)
    }

    /// Like [`CodeRecord::verify`], but a right code is not used up and its attempt is given
    /// back: for *opening* an e-mail link (mail scanners open links too; only the final step
    /// may consume it). Wrong guesses still count.
    ///
    /// # Errors
    /// As [`CodeRecord::verify`].
    pub fn check(
        &mut self,
        keys: &Keys,
        flow_id: impl AsRef<[u8]>,
        purpose: Purpose,
        typed: &str,
        now: UnixTime,
    ) -> Result<(), Error> {
        self.attempt(keys, flow_id.as_ref(), purpose, typed, now, false)
    }

    fn attempt(
        &mut self,
        keys: &Keys,
        flow_id: &[u8],
        purpose: Purpose,
        typed: &str,
        now: UnixTime,
        consume: bool,
    ) -> Result<(), Error> {
        if self.used {
            return Err(Error::Used);
        }
        if now < self.issued_at {
            return Err(Error::NotYetValid);
        }
        if self.is_expired(now) {
            return Err(Error::Expired);
        }
        if self.attempts >= self.max_attempts {
            return Err(Error::Locked);
        }
        // Counted before anything is compared: a guess costs an attempt whatever it turns
        // out to be, and no outcome can skip the count.
        self.attempts += 1;
        if purpose != self.purpose {
            return Err(Error::WrongPurpose);
        }
        let key = keys.get(&self.key_id).ok_or(Error::KeyRetired)?;
        if typed.len() > Self::MAX_TYPED_LEN {
            return Err(Error::Wrong);
        }
        let mut buf = Zeroizing::new([0u8; MAX_TYPED_TOKEN]);
        let typed = normalize(self.channel, typed, &mut buf[..]).ok_or(Error::Wrong)?;
        let expected = tag(key, flow_id, self.channel, self.purpose, typed)?;
        if !bool::from(expected.ct_eq(&self.tag)) {
            return Err(Error::Wrong);
        }
        if consume {
            self.used = true;
        } else {
            self.attempts = self.attempts.saturating_sub(1);
        }
        Ok(())
    }

    /// The record sealed for the host's store (encrypted and authenticated), bound to
    /// `flow_id`: base64url of one length whatever the record holds (166 characters under a
    /// two-character key id, 184 under a sixteen-character one).
    ///
    /// ```
    /// use restore_access::UnixTime;
    /// use restore_access::code::{CodeRecord, Keys, Policy, Purpose};
    /// let keys = Keys::new("k1", &[7u8; 32])?;
    /// let now = UnixTime::from_secs(1_700_000_000);
    /// let (record, _code) = CodeRecord::issue_sms(&keys, "f1", Purpose::Recovery, now, &Policy::default())?;
    /// let sealed = record.seal(&keys, "f1")?;
    /// assert_eq!(CodeRecord::open(&keys, "f1", &sealed)?, record);
    /// assert!(CodeRecord::open(&keys, "f2", &sealed).is_err());
    /// # Ok::<(), restore_access::code::Error>(())
    /// ```
    ///
    /// # Errors
    /// `code.rng` if the OS random generator fails.
    pub fn seal(&self, keys: &Keys, flow_id: impl AsRef<[u8]>) -> Result<String, Error> {
        let mut w = Writer::default();
        self.encode(&mut w);
        let payload = w.finish().ok_or(Error::StateInvalid)?;
        seal::seal(keys, Kind::CodeRecord, flow_id.as_ref(), payload)
    }

    /// Opens a record sealed by [`CodeRecord::seal`] for the same flow.
    ///
    /// # Errors
    /// `code.state_invalid` for anything else, whatever the reason.
    pub fn open(keys: &Keys, flow_id: impl AsRef<[u8]>, sealed: &str) -> Result<CodeRecord, Error> {
        let payload = seal::open(keys, Kind::CodeRecord, flow_id.as_ref(), sealed)
            .map_err(|_| Error::StateInvalid)?;
        let mut r = Reader::new(&payload);
        CodeRecord::decode(&mut r)
            .filter(|_| r.finish().is_some())
            .ok_or(Error::StateInvalid)
    }

    pub(crate) fn encode(&self, w: &mut Writer) {
        w.str(&self.key_id)
            .raw(&self.tag.0)
            .u8(self.channel as u8)
            .u8(self.purpose as u8)
            .time(self.issued_at)
            .time(self.expires_at)
            .u8(self.attempts)
            .u8(self.max_attempts)
            .bool(self.used);
    }

    /// Reads a record back, taking only what [`CodeRecord::seal`] can have made: a well-formed
    /// key id, a lifetime within the channel's cap, attempts within the policy's range.
    pub(crate) fn decode(r: &mut Reader<'_>) -> Option<CodeRecord> {
        let key_id = r.str().filter(|id| Keys::is_valid_id(id))?.to_owned();
        let tag = Tag(r.array::<16>()?);
        let channel = *[Channel::Sms, Channel::Email].get(usize::from(r.u8()?))?;
        let purpose = *Purpose::ALL.get(usize::from(r.u8()?))?;
        let issued_at = r.time()?;
        let expires_at = r.time()?;
        // Never negative; zero only where issuing saturated at the end of time.
        let ttl = expires_at.secs_since(issued_at)?;
        let cap = match channel {
            Channel::Sms => Policy::SMS_TTL_MAX,
            Channel::Email => Policy::LINK_TTL_MAX,
        };
        let attempts = r.u8()?;
        let max_attempts = r.u8()?;
        let used = r.bool()?;
        let in_range = ttl <= cap.as_secs()
            && (1..=Policy::MAX_ATTEMPTS_CAP).contains(&max_attempts)
            && attempts <= max_attempts;
        in_range.then_some(CodeRecord {
            key_id,
            tag,
            channel,
            purpose,
            issued_at,
            expires_at,
            attempts,
            max_attempts,
            used,
        })
    }

    /// Whether the code's lifetime is over at `now` (from `expires_at` on).
    pub fn is_expired(&self, now: UnixTime) -> bool {
        now >= self.expires_at
    }

    /// SMS or e-mail link.
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// What the code was issued for.
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// The id of the key the hash was made with.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// When the code was issued.
    pub fn issued_at(&self) -> UnixTime {
        self.issued_at
    }

    /// The first moment the code no longer works.
    pub fn expires_at(&self) -> UnixTime {
        self.expires_at
    }

    /// Attempts counted so far.
    pub fn attempts_used(&self) -> u8 {
        self.attempts
    }

    /// Attempts allowed in all.
    pub fn max_attempts(&self) -> u8 {
        self.max_attempts
    }

    /// Attempts still allowed.
    pub fn attempts_left(&self) -> u8 {
        self.max_attempts.saturating_sub(self.attempts)
    }

    /// Whether the code has been used.
    pub fn is_used(&self) -> bool {
        self.used
    }
}

fn tag(
    key: &super::keys::Key,
    flow_id: &[u8],
    channel: Channel,
    purpose: Purpose,
    secret: &[u8],
) -> Result<Tag, Error> {
    key.tag(
        CODE_DOMAIN,
        &[
            channel.as_str().as_bytes(),
            purpose.as_str().as_bytes(),
            flow_id,
            secret,
        ],
    )
}

/// The typed secret in the form it was hashed in, written into `buf`; `None` if it cannot be
/// one (a letter in an SMS code, an over-long token).
fn normalize<'b>(channel: Channel, typed: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    match channel {
        Channel::Sms => {
            let mut len = 0;
            for c in typed.chars() {
                let digit = match c {
                    '0'..='9' => c as u32 - '0' as u32,
                    '０'..='９' => c as u32 - '０' as u32,
                    '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' => continue,
                    c if c.is_whitespace() => continue,
                    _ => return None,
                };
                if len == usize::from(SmsCode::MAX_DIGITS) {
                    return None;
                }
                *buf.get_mut(len)? = b'0' + digit as u8;
                len += 1;
            }
            buf.get(..len)
        }
        Channel::Email => {
            let typed = typed.trim().as_bytes();
            let out = buf.get_mut(..typed.len())?;
            out.copy_from_slice(typed);
            Some(out)
        }
    }
}

#[cfg(feature = "serde")]
mod tag_base64 {
    //! The tag as 22 base64url characters: compact in the flow's JSON.
    use super::Tag;
    use base64ct::{Base64UrlUnpadded, Encoding};
    use serde::Serializer;

    pub(super) fn serialize<S: Serializer>(tag: &Tag, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 24];
        let text =
            Base64UrlUnpadded::encode(&tag.0, &mut buf).map_err(serde::ser::Error::custom)?;
        s.serialize_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What only a holder of the server key could seal: a record out of range opens as
    /// `code.state_invalid` all the same (the range checks behind the authentication).
    #[test]
    fn a_record_out_of_range_does_not_open_even_when_sealed_with_the_key() {
        let keys = Keys::new("k1", &[7u8; 32]).unwrap();
        let now = UnixTime::from_secs(1_700_000_000);
        let (good, _) =
            CodeRecord::issue_sms(&keys, "f", Purpose::Recovery, now, &Policy::default()).unwrap();
        let sealed = |r: &CodeRecord| {
            let mut w = Writer::default();
            r.encode(&mut w);
            seal::seal(&keys, Kind::CodeRecord, b"f", w.finish().unwrap()).unwrap()
        };
        assert_eq!(
            CodeRecord::open(&keys, "f", &sealed(&good)),
            Ok(good.clone())
        );
        let bad = [
            CodeRecord {
                max_attempts: 0,
                attempts: 0,
                ..good.clone()
            },
            CodeRecord {
                max_attempts: 11,
                ..good.clone()
            },
            CodeRecord {
                attempts: 6,
                ..good.clone()
            },
            CodeRecord {
                expires_at: now + Policy::SMS_TTL_MAX + Duration::from_secs(1),
                ..good.clone()
            },
            CodeRecord {
                expires_at: UnixTime::from_secs(now.as_secs() - 1),
                ..good.clone()
            },
            CodeRecord {
                key_id: "bad id!".into(),
                ..good.clone()
            },
        ];
        for record in &bad {
            assert_eq!(
                CodeRecord::open(&keys, "f", &sealed(record)),
                Err(Error::StateInvalid),
                "{record:?}"
            );
        }
    }
}
