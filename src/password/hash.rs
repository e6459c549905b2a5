//! Argon2id password hashing in PHC strings, never below the OWASP minimum.

use super::{Error, Password};
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
    const SALT_LEN: usize = 16;

    /// A hasher at the OWASP minimum, without a pepper.
    pub fn new() -> Self {
        Hasher {
            params: Params::DEFAULT,
            pepper: None,
        }
    }

    /// A hasher with memory `m_cost` KiB, `t_cost` passes and `p_cost` lanes. Each must be at
    /// least the OWASP minimum ([`Error::WeakParams`] otherwise) and within Argon2's limits.
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
    pub fn hash(&self, password: &Password) -> Result<String, Error> {
        let mut salt = [0u8; Self::SALT_LEN];
        getrandom::fill(&mut salt).map_err(|_| Error::Rng)?;
        let hash = self
            .argon2(self.params.clone())?
            .hash_password_with_salt(password.expose().as_bytes(), &salt)
            .map_err(|_| Error::Hashing)?;
        Ok(hash.to_string())
    }

    /// Whether `password` matches the PHC string `phc` (made with this hasher's pepper, any
    /// Argon2 parameters). `Ok(false)` for a wrong password; `Err` for a string that is not
    /// an Argon2 PHC hash ([`Error::MalformedHash`], [`Error::UnsupportedAlgorithm`]).
    /// The comparison is constant-time.
    pub fn verify(&self, password: &Password, phc: &str) -> Result<bool, Error> {
        let parsed = PasswordHash::new(phc).map_err(|_| Error::MalformedHash)?;
        // Any Argon2 variant verifies (the stored one is used); anything else is refused.
        Algorithm::try_from(parsed.algorithm.as_str()).map_err(|_| Error::UnsupportedAlgorithm)?;
        let params = Params::try_from(&parsed).map_err(|_| Error::MalformedHash)?;
        let argon2 = self.argon2(params)?;
        match argon2.verify_password(password.expose().as_bytes(), &parsed) {
            Ok(()) => Ok(true),
            Err(PhcError::PasswordInvalid) => Ok(false),
            Err(_) => Err(Error::MalformedHash),
        }
    }

    /// Whether a stored hash should be replaced at the next successful login: true when it is
    /// not an Argon2id v0x13 PHC string, or any of its parameters is below this hasher's.
    pub fn needs_rehash(&self, phc: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(phc) else {
            return true;
        };
        let Ok(params) = Params::try_from(&parsed) else {
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
            && params.p_cost() >= self.params.p_cost())
    }
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
