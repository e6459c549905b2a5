//! Argon2id password hashing in PHC strings, never below the OWASP minimum, and never
//! verifying at a cost above a documented ceiling.

use super::{Error, MAX_PASSWORD_BYTES, Password};
use argon2::password_hash::Error as PhcError;
use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use std::fmt;
use zeroize::Zeroizing;

/// Hashes and verifies passwords with Argon2id (version 0x13), salt from the OS RNG.
///
/// The parameters default to the OWASP minimum — m = 19 456 KiB, t = 2, p = 1 — and can only
/// be raised: [`Hasher::with_params`] refuses anything weaker. An optional pepper (a server
/// secret kept outside the database) goes in as Argon2's secret input; a hash made with a
/// pepper verifies only with the same pepper.
///
/// ```
/// use restore_access::password::{Hasher, Password};
/// let hasher = Hasher::new();
/// let pw = Password::from("koloBok_15!");
/// let phc = hasher.hash(&pw)?;
/// assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
/// assert!(hasher.verify(&pw, &phc)?);
/// assert!(!hasher.needs_rehash(&phc));
/// # Ok::<(), restore_access::password::Error>(())
/// ```
///
/// # Limits before work
///
/// Every input is measured before anything is parsed or hashed:
///
/// - a password longer than [`MAX_PASSWORD_BYTES`] bytes is refused by [`Hasher::hash`] and
///   [`Hasher::verify`] with [`Error::PasswordTooLong`] (`password.too_long_to_hash`);
/// - a stored string longer than [`Hasher::MAX_PHC_LEN`] bytes cannot be an Argon2 PHC hash
///   and is refused with [`Error::MalformedHash`] before it is parsed;
/// - the Argon2 parameters read from a stored hash are capped: above the ceiling the hash is
///   refused with [`Error::HashTooCostly`] (`password.hash_too_costly`) without any Argon2
///   work. The ceiling of a hasher is, for each of memory, passes, lanes and work (memory ×
///   passes), the larger of the `MAX_STORED_*` constant and this hasher's own value, so a
///   hasher always verifies what it writes.
///
/// ```
/// use restore_access::password::{Error, Hasher, Password};
/// let hasher = Hasher::new();
/// let pw = Password::from("koloBok_15!");
/// let phc = hasher.hash(&pw)?;
/// // A stored hash asking for 200 passes is refused at once, not computed for seconds.
/// let costly = phc.replace("t=2,", "t=200,");
/// assert_eq!(hasher.verify(&pw, &costly), Err(Error::HashTooCostly));
/// assert!(hasher.needs_rehash(&costly));
/// # Ok::<(), restore_access::password::Error>(())
/// ```
#[derive(Clone)]
pub struct Hasher {
    params: Params,
    pepper: Option<Zeroizing<Vec<u8>>>,
}

impl Hasher {
    /// OWASP minimum memory cost, KiB.
    pub const MIN_M_COST: u32 = 19_456;
    /// OWASP minimum number of passes.
    pub const MIN_T_COST: u32 = 2;
    /// OWASP minimum parallelism.
    pub const MIN_P_COST: u32 = 1;

    /// The largest memory cost a hasher may be built with, KiB: 4 GiB, twice RFC 9106's first
    /// recommendation (2 GiB, one pass).
    pub const MAX_M_COST: u32 = 4 * 1024 * 1024;
    /// The most passes a hasher may be built with: 64.
    pub const MAX_T_COST: u32 = 64;
    /// The most lanes a hasher may be built with: 64.
    pub const MAX_P_COST: u32 = 64;

    /// Ceiling on the memory cost of a stored hash, KiB: 256 MiB (13 × the default). It
    /// bounds the memory one verification takes and admits every configuration in use for
    /// interactive logins: the OWASP table (at most 46 MiB), RFC 9106's second
    /// recommendation (64 MiB) and libsodium's `MODERATE` (256 MiB).
    pub const MAX_STORED_M_COST: u32 = 262_144;
    /// Ceiling on the number of passes of a stored hash: 10. OWASP's configurations use at
    /// most 5, RFC 9106 uses 3, libsodium at most 4.
    pub const MAX_STORED_T_COST: u32 = 10;
    /// Ceiling on the parallelism of a stored hash: 8 lanes. RFC 9106 recommends 4; this
    /// implementation computes the lanes one after another, so more add no strength.
    pub const MAX_STORED_P_COST: u32 = 8;
    /// Ceiling on the work of a stored hash, memory × passes (KiB × passes): 256 MiB × 3,
    /// libsodium's `MODERATE`, 20 times the default's work (a verification at the ceiling
    /// takes about 0.7 s on one core, against 15 ms at the default; `benches/password.rs`).
    /// Without it the other three ceilings together would admit 256 MiB × 10, three times
    /// as long.
    pub const MAX_STORED_WORK: u64 = 786_432;
    /// The longest string that can be an Argon2 PHC hash, in bytes: the longest well-formed
    /// one (algorithm, version, 127 bytes of parameters, 64 characters of salt, a 64-byte
    /// output in base64) is under 300. Longer input is [`Error::MalformedHash`] unparsed.
    pub const MAX_PHC_LEN: usize = 512;

    const SALT_LEN: usize = 16;

    /// A hasher at the OWASP minimum, without a pepper.
    pub fn new() -> Self {
        Hasher {
            params: Params::DEFAULT,
            pepper: None,
        }
    }

    /// A hasher with memory `m_cost` KiB, `t_cost` passes and `p_cost` lanes. Each must be at
    /// least the OWASP minimum ([`Error::WeakParams`] otherwise) and at most
    /// [`Hasher::MAX_M_COST`], [`Hasher::MAX_T_COST`], [`Hasher::MAX_P_COST`]
    /// ([`Error::InvalidParams`] otherwise), so a mistyped setting cannot make every hash ask
    /// for terabytes and abort the process when the allocation fails.
    pub fn with_params(m_cost: u32, t_cost: u32, p_cost: u32) -> Result<Self, Error> {
        let weak = [
            ("m_cost", m_cost, Self::MIN_M_COST),
            ("t_cost", t_cost, Self::MIN_T_COST),
            ("p_cost", p_cost, Self::MIN_P_COST),
        ]
        .into_iter()
        .find(|&(_, value, min)| value < min);
        if let Some((name, _, min)) = weak {
            return Err(Error::WeakParams { name, min });
        }
        if m_cost > Self::MAX_M_COST || t_cost > Self::MAX_T_COST || p_cost > Self::MAX_P_COST {
            return Err(Error::InvalidParams);
        }
        let params = Params::new(m_cost, t_cost, p_cost, None).map_err(|_| Error::InvalidParams)?;
        Ok(Hasher {
            params,
            pepper: None,
        })
    }

    /// The same hasher with `pepper` as Argon2's secret input. An empty pepper means none.
    pub fn with_pepper(mut self, pepper: impl Into<Vec<u8>>) -> Self {
        let pepper = Zeroizing::new(pepper.into());
        self.pepper = (!pepper.is_empty()).then_some(pepper);
        self
    }

    /// Memory cost, KiB.
    pub fn m_cost(&self) -> u32 {
        self.params.m_cost()
    }

    /// Number of passes.
    pub fn t_cost(&self) -> u32 {
        self.params.t_cost()
    }

    /// Parallelism.
    pub fn p_cost(&self) -> u32 {
        self.params.p_cost()
    }

    /// What a stored hash may cost when verified with [`Hasher::verify`]: the `MAX_STORED_*`
    /// constants, raised to this hasher's own parameters where they are higher.
    fn ceiling(&self) -> Ceiling {
        Ceiling {
            m_cost: Self::MAX_STORED_M_COST.max(self.m_cost()),
            t_cost: Self::MAX_STORED_T_COST.max(self.t_cost()),
            p_cost: Self::MAX_STORED_P_COST.max(self.p_cost()),
            work: Self::MAX_STORED_WORK.max(self.work()),
        }
    }

    /// At most one Argon2 run at this hasher's own cost: no more memory and no more work
    /// (memory × passes) than it spends on a hash of its own. Passes and lanes as in
    /// [`Hasher::ceiling`]: the work bounds the passes, and lanes split the memory rather
    /// than add work.
    fn own_cost(&self) -> Ceiling {
        let ceiling = self.ceiling();
        Ceiling {
            m_cost: self.m_cost(),
            work: self.work(),
            ..ceiling
        }
    }

    /// Memory × passes of this hasher's own hashes.
    fn work(&self) -> u64 {
        u64::from(self.m_cost()).saturating_mul(u64::from(self.t_cost()))
    }

    fn argon2(&self, params: Params) -> Result<Argon2<'_>, Error> {
        match &self.pepper {
            None => Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params)),
            Some(pepper) => {
                Argon2::new_with_secret(pepper, Algorithm::Argon2id, Version::V0x13, params)
                    .map_err(|_| Error::InvalidParams)
            }
        }
    }

    /// Hashes `password` with a fresh 16-byte salt into a PHC string
    /// (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`).
    ///
    /// A password over [`MAX_PASSWORD_BYTES`] bytes is refused with
    /// [`Error::PasswordTooLong`] before any work.
    pub fn hash(&self, password: &Password) -> Result<String, Error> {
        check_length(password)?;
        let mut salt = [0u8; Self::SALT_LEN];
        getrandom::fill(&mut salt).map_err(|_| Error::Rng(crate::code::Error::Rng))?;
        let hash = self
            .argon2(self.params.clone())?
            .hash_password_with_salt(password.expose().as_bytes(), &salt)
            .map_err(|_| Error::Hashing)?;
        Ok(hash.to_string())
    }

    /// Whether `password` matches the PHC string `phc` (made with this hasher's pepper, any
    /// Argon2 parameters up to the ceiling). `Ok(false)` for a wrong password; `Err` for a
    /// string that is not an Argon2 PHC hash ([`Error::MalformedHash`],
    /// [`Error::UnsupportedAlgorithm`]), for a stored hash whose parameters are above the
    /// ceiling ([`Error::HashTooCostly`], see [Limits before work](Hasher#limits-before-work)),
    /// and for a password over [`MAX_PASSWORD_BYTES`] bytes ([`Error::PasswordTooLong`]);
    /// none of these errors costs any Argon2 work. The comparison is constant-time.
    pub fn verify(&self, password: &Password, phc: &str) -> Result<bool, Error> {
        self.verify_within(password, phc, self.ceiling())
    }

    /// [`Hasher::verify`], but only for a stored hash that costs no more than one hash of this
    /// hasher's own: a costlier one is [`Error::HashTooCostly`], unverified. For checks done
    /// on the way to something else (the reuse check of a new password), whose cost must not
    /// depend on what is stored.
    pub(crate) fn verify_at_own_cost(&self, password: &Password, phc: &str) -> Result<bool, Error> {
        self.verify_within(password, phc, self.own_cost())
    }

    fn verify_within(
        &self,
        password: &Password,
        phc: &str,
        ceiling: Ceiling,
    ) -> Result<bool, Error> {
        check_length(password)?;
        let (parsed, params) = parse(phc)?;
        // Any Argon2 variant verifies (the stored one is used); anything else is refused.
        Algorithm::try_from(parsed.algorithm.as_str()).map_err(|_| Error::UnsupportedAlgorithm)?;
        let params = params?;
        if !ceiling.admits(&params) {
            return Err(Error::HashTooCostly);
        }
        let argon2 = self.argon2(params)?;
        match argon2.verify_password(password.expose().as_bytes(), &parsed) {
            Ok(()) => Ok(true),
            Err(PhcError::PasswordInvalid) => Ok(false),
            Err(_) => Err(Error::MalformedHash),
        }
    }

    /// Whether a stored hash should be replaced at the next successful login: true when it is
    /// not an Argon2id v0x13 PHC string, when any of its parameters is below this hasher's,
    /// and when they are above the ceiling (such a hash cannot be verified, see
    /// [Limits before work](Hasher#limits-before-work)). Never does any Argon2 work.
    pub fn needs_rehash(&self, phc: &str) -> bool {
        let Ok((parsed, Ok(params))) = parse(phc) else {
            return true;
        };
        let argon2id = Algorithm::try_from(parsed.algorithm.as_str()) == Ok(Algorithm::Argon2id);
        let current = parsed.version == Some(Version::V0x13.into());
        !(argon2id
            && current
            && parsed.salt.is_some()
            && parsed.hash.is_some()
            && params.m_cost() >= self.params.m_cost()
            && params.t_cost() >= self.params.t_cost()
            && params.p_cost() >= self.params.p_cost()
            && self.ceiling().admits(&params))
    }
}

/// How much a stored hash may cost to verify.
#[derive(Debug, Clone, Copy)]
struct Ceiling {
    m_cost: u32,
    t_cost: u32,
    p_cost: u32,
    /// Memory × passes.
    work: u64,
}

impl Ceiling {
    fn admits(self, params: &Params) -> bool {
        let work = u64::from(params.m_cost()).saturating_mul(u64::from(params.t_cost()));
        params.m_cost() <= self.m_cost
            && params.t_cost() <= self.t_cost
            && params.p_cost() <= self.p_cost
            && work <= self.work
    }
}

/// [`Error::PasswordTooLong`] for a password over [`MAX_PASSWORD_BYTES`] bytes.
fn check_length(password: &Password) -> Result<(), Error> {
    if password.expose().len() > MAX_PASSWORD_BYTES {
        return Err(Error::PasswordTooLong {
            max_bytes: MAX_PASSWORD_BYTES,
        });
    }
    Ok(())
}

/// The PHC string and its Argon2 parameters (an error of its own, so that a hash of another
/// algorithm is told apart from malformed parameters). Refuses a string longer than
/// [`Hasher::MAX_PHC_LEN`] before parsing it.
fn parse(phc: &str) -> Result<(PasswordHash, Result<Params, Error>), Error> {
    if phc.len() > Hasher::MAX_PHC_LEN {
        return Err(Error::MalformedHash);
    }
    let parsed = PasswordHash::new(phc).map_err(|_| Error::MalformedHash)?;
    let params = Params::try_from(&parsed).map_err(|_| Error::MalformedHash);
    Ok((parsed, params))
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher::new()
    }
}

impl fmt::Debug for Hasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hasher")
            .field("m_cost", &self.m_cost())
            .field("t_cost", &self.t_cost())
            .field("p_cost", &self.p_cost())
            .field("pepper", &self.pepper.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}
