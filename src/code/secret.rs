//! The secrets themselves: SMS codes and link tokens, drawn from the OS CSPRNG.

use std::fmt;

use base64ct::{Base64UrlUnpadded, Encoding};
use getrandom::SysRng;
use rand_core::{TryCryptoRng, TryRng};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::Error;

/// A one-time numeric code for an SMS: `n` ASCII digits, leading zeros kept.
///
/// Every value from `0…0` to `9…9` is exactly equally likely: the code is drawn by rejection
/// sampling from the operating system's CSPRNG, never by `random % 10^n`. The digits are
/// wiped from memory when the value is dropped; `Debug` prints `[REDACTED]` and there is no
/// `Display`, so a code cannot reach a log by accident. [`SmsCode::expose`] is the one way to
/// the digits, meant for the delivery action.
///
/// ```
/// use restore_access::code::SmsCode;
/// let code = SmsCode::generate(6)?;
/// assert!(code.expose().bytes().all(|b| b.is_ascii_digit()));
/// assert_eq!(format!("{code:?}"), "SmsCode([REDACTED])");
/// # Ok::<(), restore_access::code::Error>(())
/// ```
///
/// Codes cannot be compared with `==` (a comparison that stops at the first difference would
/// leak the code through timing); [`crate::code::CodeRecord::verify`] compares keyed hashes in
/// constant time:
///
/// ```compile_fail
/// use restore_access::code::SmsCode;
/// let (a, b) = (SmsCode::generate(6).unwrap(), SmsCode::generate(6).unwrap());
/// let same = a == b; // no PartialEq: does not compile
/// ```
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct SmsCode(String);

impl SmsCode {
    /// Digits in a code unless the policy says otherwise.
    pub const DEFAULT_DIGITS: u8 = 6;
    /// Fewest digits allowed: 10^4 values, with the attempt limit, still a 1 in 2000 guess.
    pub const MIN_DIGITS: u8 = 4;
    /// Most digits allowed: what a person can still copy from an SMS.
    pub const MAX_DIGITS: u8 = 10;

    /// A fresh code of `digits` digits (4 to 10) from the OS CSPRNG.
    ///
    /// # Errors
    /// `code.digits` for a length outside 4..=10, `code.rng` if the OS generator fails.
    pub fn generate(digits: u8) -> Result<SmsCode, Error> {
        SmsCode::generate_with(&mut SysRng, digits)
    }

    /// The sampler, over any cryptographic RNG (tests drive it with a fixed one).
    pub(crate) fn generate_with<R: TryCryptoRng + ?Sized>(
        rng: &mut R,
        digits: u8,
    ) -> Result<SmsCode, Error> {
        let modulus = 10u64.pow(u32::from(Self::checked_digits(digits)?));
        let mut value = Zeroizing::new(uniform_below(rng, modulus).map_err(|_| Error::Rng)?);
        // Filled to its final length in place, so no copy of the digits is left behind.
        let mut text = String::with_capacity(usize::from(digits));
        let mut place = modulus / 10;
        while place > 0 {
            text.push(char::from(b'0' + (*value / place % 10) as u8));
            place /= 10;
        }
        value.zeroize();
        Ok(SmsCode(text))
    }

    /// `digits` if it is an allowed length.
    pub(crate) fn checked_digits(digits: u8) -> Result<u8, Error> {
        if (Self::MIN_DIGITS..=Self::MAX_DIGITS).contains(&digits) {
            Ok(digits)
        } else {
            Err(Error::Digits { digits })
        }
    }

    /// The digits, for the SMS that delivers them. Nowhere else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SmsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SmsCode([REDACTED])")
    }
}

/// A uniform value in `0..modulus` (`modulus` ≥ 1).
///
/// A 64-bit draw is accepted only below the largest multiple of `modulus` that fits in 2^64,
/// so every residue has the same number of preimages. For `modulus` ≤ 10^10 a draw is
/// rejected with probability below 6·10^-10.
fn uniform_below<R: TryCryptoRng + ?Sized>(rng: &mut R, modulus: u64) -> Result<u64, R::Error> {
    let modulus = modulus.max(1);
    // 2^64 mod modulus, computed without 128-bit arithmetic.
    let tail = (u64::MAX % modulus + 1) % modulus;
    loop {
        let draw = rng.try_next_u64()?;
        if draw <= u64::MAX - tail {
            return Ok(draw % modulus);
        }
    }
}

/// A one-time token for an e-mail link: 128 to 512 random bits (256 by default) as URL-safe
/// base64 without padding (43 characters at 256 bits).
///
/// Like [`SmsCode`]: wiped on drop, `[REDACTED]` in `Debug`, no `Display`, the text only
/// through [`LinkToken::expose`] for the delivery action.
///
/// ```
/// use restore_access::code::LinkToken;
/// let token = LinkToken::generate(LinkToken::DEFAULT_BITS)?;
/// assert_eq!(token.expose().len(), 43);
/// assert_eq!(format!("{token:?}"), "LinkToken([REDACTED])");
/// # Ok::<(), restore_access::code::Error>(())
/// ```
///
/// ```compile_fail
/// use restore_access::code::LinkToken;
/// let (a, b) = (LinkToken::generate(256).unwrap(), LinkToken::generate(256).unwrap());
/// let same = a == b; // no PartialEq: does not compile
/// ```
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct LinkToken(String);

impl LinkToken {
    /// Bits in a token unless the policy says otherwise.
    pub const DEFAULT_BITS: u16 = 256;
    /// Fewest bits allowed (NIST SP 800-63B asks at least 112 for such secrets).
    pub const MIN_BITS: u16 = 128;
    /// Most bits allowed: more buys nothing and lengthens the link.
    pub const MAX_BITS: u16 = 512;

    /// A fresh token of `bits` bits (128 to 512, a multiple of 8) from the OS CSPRNG.
    ///
    /// # Errors
    /// `code.token_bits` for a size out of range, `code.rng` if the OS generator fails.
    pub fn generate(bits: u16) -> Result<LinkToken, Error> {
        let bits = Self::checked_bits(bits)?;
        let mut bytes = Zeroizing::new([0u8; Self::MAX_BITS as usize / 8]);
        let bytes = &mut bytes[..usize::from(bits / 8)];
        SysRng.try_fill_bytes(bytes).map_err(|_| Error::Rng)?;
        Ok(LinkToken(Base64UrlUnpadded::encode_string(bytes)))
    }

    /// `bits` if it is an allowed size.
    pub(crate) fn checked_bits(bits: u16) -> Result<u16, Error> {
        if (Self::MIN_BITS..=Self::MAX_BITS).contains(&bits) && bits.is_multiple_of(8) {
            Ok(bits)
        } else {
            Err(Error::TokenBits { bits })
        }
    }

    /// The token, for the link that delivers it. Nowhere else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for LinkToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LinkToken([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::Infallible;

    /// Hands out the given 64-bit words in order, then zeros.
    struct Script(Vec<u64>);

    impl TryRng for Script {
        type Error = Infallible;
        fn try_next_u32(&mut self) -> Result<u32, Infallible> {
            Ok(self.try_next_u64()? as u32)
        }
        fn try_next_u64(&mut self) -> Result<u64, Infallible> {
            Ok(if self.0.is_empty() {
                0
            } else {
                self.0.remove(0)
            })
        }
        fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
            for chunk in dst.chunks_mut(8) {
                let word = self.try_next_u64()?.to_le_bytes();
                chunk.copy_from_slice(&word[..chunk.len()]);
            }
            Ok(())
        }
    }
    impl TryCryptoRng for Script {}

    #[test]
    fn draws_in_the_biased_tail_are_rejected() {
        for digits in SmsCode::MIN_DIGITS..=SmsCode::MAX_DIGITS {
            let m = 10u128.pow(u32::from(digits));
            // The first draw at or above the largest multiple of m below 2^64: `draw % m`
            // there would favour the small residues.
            let first_biased = ((1u128 << 64) / m * m) as u64;
            let last_fair = first_biased - 1;
            let expected = |w: u64| format!("{:0width$}", w % m as u64, width = digits.into());

            let mut rng = Script(vec![first_biased, u64::MAX, 1234567]);
            let code = SmsCode::generate_with(&mut rng, digits).unwrap();
            assert_eq!(code.expose(), expected(1234567), "{digits} digits");
            assert!(rng.0.is_empty(), "both biased draws consumed");

            let mut rng = Script(vec![last_fair, 5]);
            let code = SmsCode::generate_with(&mut rng, digits).unwrap();
            assert_eq!(code.expose(), expected(last_fair), "{digits} digits");
            assert_eq!(rng.0, [5], "the last fair draw is kept");
        }
    }

    #[test]
    fn leading_zeros_are_kept() {
        let code = SmsCode::generate_with(&mut Script(vec![7]), 6).unwrap();
        assert_eq!(code.expose(), "000007");
    }

    #[test]
    fn lengths_outside_the_range_are_refused() {
        for digits in [0, 3, 11, 255] {
            let err = SmsCode::generate_with(&mut Script(vec![]), digits).unwrap_err();
            assert_eq!(err, Error::Digits { digits });
        }
    }
}
