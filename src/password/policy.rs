//! Password policies: which rules apply, and the check that reports every broken one.

use super::context::Context;
use super::decoration::BLOCKLIST_GUESSES_LOG10;
use super::layout::latin_key;
use super::reading::Scan;
use super::strength;
use super::{Error, MAX_RULES, Password, PolicyProblem, Rule, Strength, Violation};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// The longest maximum length a policy may set, in characters: it bounds the time a check
/// takes (about linear in the length).
pub const LONGEST_MAX_LEN: usize = 256;

/// The longest password any check or hash accepts, in bytes of UTF-8 as typed: four bytes
/// for each of [`LONGEST_MAX_LEN`] characters, 1024. A policy's own cap is
/// [`Policy::max_bytes`]; [`Hasher`](super::Hasher) refuses longer passwords outright.
pub const MAX_PASSWORD_BYTES: usize = MAX_CHAR_BYTES * LONGEST_MAX_LEN;

/// UTF-8 takes at most this many bytes per character.
const MAX_CHAR_BYTES: usize = 4;

/// Which characters a policy accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Charset {
    /// Latin letters, digits and the 32 ASCII punctuation characters
    /// ``!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~`` — no space, no other letters. The Госуслуги form
    /// accepts only these.
    AsciiPrintable,
    /// Any character, space and emoji included (NIST SP 800-63B).
    Any,
}

impl Charset {
    fn allows(self, c: char) -> bool {
        match self {
            Charset::AsciiPrintable => c.is_ascii_graphic(),
            Charset::Any => true,
        }
    }
}

/// A set of password rules. Build one with [`Policy::gosuslugi`], [`Policy::nist`] or
/// [`Policy::builder`]; check passwords with [`Policy::check`].
///
/// ```
/// use restore_access::password::{Context, Policy};
/// let policy = Policy::gosuslugi();
/// assert!(policy.check("Sharik1599+", &Context::new()).is_ok());
/// let report = policy.check("qwerty", &Context::new());
/// let codes: Vec<_> = report.codes().collect();
/// assert_eq!(
///     codes,
///     ["password.too_short", "password.no_upper", "password.no_digit", "password.no_symbol",
///      "password.blocklisted"]
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    min_len: usize,
    max_len: usize,
    charset: Charset,
    upper: bool,
    lower: bool,
    digit: bool,
    symbol: bool,
    layout: bool,
    blocklist: bool,
    personal: bool,
    reuse: bool,
    min_score: u8,
    nfkc: bool,
    rules: Vec<Rule>,
}

/// The base of every preset and of the builder: 8 to 64 characters of any kind, no
/// composition rules, the layout, blocklist, personal data and reuse checks on, no minimum
/// score, no normalisation.
const PLAIN: Policy = Policy {
    min_len: 8,
    max_len: 64,
    charset: Charset::Any,
    upper: false,
    lower: false,
    digit: false,
    symbol: false,
    layout: true,
    blocklist: true,
    personal: true,
    reuse: true,
    min_score: 0,
    nfkc: false,
    rules: Vec::new(),
};

impl Policy {
    /// The Госуслуги rule: 8 to 64 characters, at least one upper-case and one lower-case
    /// Latin letter, a digit and a punctuation character (ASCII, see
    /// [`Charset::AsciiPrintable`]); spaces and non-Latin letters are refused
    /// (`password.invalid_char`), and Cyrillic letters typed with the Russian layout on are
    /// reported as `password.wrong_layout`. The password is checked as typed (no
    /// normalisation). Blocklist, personal data and reuse are checked; no minimum score.
    ///
    /// ```
    /// use restore_access::password::{Context, Policy};
    /// let policy = Policy::gosuslugi();
    /// assert!(policy.check("koloBok_15!", &Context::new()).is_ok());
    /// let report = policy.check("Ырфкшл1599+", &Context::new());
    /// assert!(report.codes().any(|c| c == "password.wrong_layout"));
    /// ```
    pub fn gosuslugi() -> Policy {
        Policy {
            charset: Charset::AsciiPrintable,
            upper: true,
            lower: true,
            digit: true,
            symbol: true,
            ..PLAIN
        }
    }

    /// The preset called `preset`.
    ///
    /// ```
    /// use restore_access::password::{Policy, Preset};
    /// let preset: Preset = "nist".parse()?;
    /// assert_eq!(Policy::preset(preset), Policy::nist());
    /// # Ok::<(), restore_access::name::Error>(())
    /// ```
    pub fn preset(preset: Preset) -> Policy {
        match preset {
            Preset::Gosuslugi => Policy::gosuslugi(),
            Preset::Nist => Policy::nist(),
        }
    }

    /// NIST SP 800-63B / OWASP ASVS 5: 15 to 128 characters of any kind (spaces and emoji
    /// too), no composition rules, blocklist, personal data and reuse checks, a minimum
    /// strength score of 3, and NFKC normalisation before checking — hash the output of
    /// [`Policy::prepare`] so that the same password typed on another device verifies.
    pub fn nist() -> Policy {
        Policy {
            min_len: 15,
            max_len: 128,
            min_score: 3,
            nfkc: true,
            ..PLAIN
        }
    }

    /// A builder starting from a plain rule: 8 to 64 characters of any kind, no composition
    /// rules, the layout, blocklist, personal data and reuse checks on, no minimum score, no
    /// normalisation.
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder { policy: PLAIN }
    }

    /// A builder starting from this policy, to change it or add [`Rule`]s to a preset.
    ///
    /// ```
    /// use restore_access::password::{Context, Policy, Rule};
    /// let policy = Policy::nist()
    ///     .to_builder()
    ///     .rule(Rule::require("corp.two_digits", r"\d.*\d", "Нужны две цифры.", "Two digits, please.")?)?
    ///     .build()?;
    /// let codes: Vec<_> = policy.check("correct horse battery staple", &Context::new()).codes().collect();
    /// assert_eq!(codes, ["password.custom"]);
    /// # Ok::<(), restore_access::password::Error>(())
    /// ```
    pub fn to_builder(&self) -> PolicyBuilder {
        PolicyBuilder {
            policy: self.clone(),
        }
    }

    /// The custom rules, in the order they were added.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The minimum length in characters.
    pub fn min_len(&self) -> usize {
        self.min_len
    }

    /// The maximum length in characters; longer input is reported as `password.too_long`
    /// without running the other checks, so a check takes bounded time.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// The maximum length in bytes of UTF-8 as typed: four per character of
    /// [`Policy::max_len`] (so no password within the character limit is over it), at most
    /// [`MAX_PASSWORD_BYTES`]. It is checked before anything else — before NFKC
    /// normalisation, which can make a string many times longer (U+FDFA becomes 18
    /// characters) or shorter (Hangul jamo compose three to one) — and longer input is
    /// reported as `password.too_long` with nothing else done.
    ///
    /// ```
    /// use restore_access::password::{Context, Policy};
    /// let nist = Policy::nist();
    /// assert_eq!(nist.max_bytes(), 4 * nist.max_len());
    /// let huge = "\u{FDFA}".repeat(1_000_000);
    /// let codes: Vec<_> = nist.check(&huge, &Context::new()).codes().collect();
    /// assert_eq!(codes, ["password.too_long"]);
    /// ```
    pub fn max_bytes(&self) -> usize {
        self.max_len.saturating_mul(MAX_CHAR_BYTES)
    }

    /// The password as this policy checks and stores it: NFKC-normalised for a policy that
    /// normalises (NIST), unchanged otherwise. Hash this, and verify logins with it.
    ///
    /// A password over [`MAX_PASSWORD_BYTES`] is returned unchanged, not normalised, so that
    /// preparing takes bounded time: [`Hasher`](super::Hasher) refuses it, and so does the
    /// check. Below that it is normalised even when it is over [`Policy::max_bytes`], so a
    /// login with a password set before that limit existed still verifies.
    pub fn prepare(&self, password: &Password) -> Password {
        if self.nfkc && password.expose().len() <= MAX_PASSWORD_BYTES {
            Password::new(password.expose().nfkc().collect())
        } else {
            password.clone()
        }
    }

    /// Checks `password` against every rule and reports every violation at once, with the
    /// strength estimate.
    ///
    /// Input over [`Policy::max_bytes`] bytes as typed, or over [`Policy::max_len`]
    /// characters once normalised, is reported as `password.too_long` alone: nothing else is
    /// looked at, and the byte limit is checked before anything is done to the input.
    pub fn check(&self, password: &str, ctx: &Context<'_>) -> Report {
        let too_long = || Report {
            violations: vec![Violation::TooLong { max: self.max_len }],
            strength: Strength::default(),
        };
        if password.len() > self.max_bytes() {
            return too_long();
        }
        let normalized: Cow<'_, str> = if self.nfkc {
            Cow::Owned(password.nfkc().collect())
        } else {
            Cow::Borrowed(password)
        };
        let password = normalized.as_ref();
        let mut violations = Vec::new();
        let len = password.chars().count();
        if len > self.max_len {
            return too_long();
        }
        let scan = Scan::new(password);
        if len < self.min_len {
            violations.push(Violation::TooShort { min: self.min_len });
        }
        self.composition(&scan.chars, &mut violations);
        let (strength, decorated) = strength::assess(&scan, self.blocklist);
        let found = decorated.filter(|d| d.guesses_log10 < BLOCKLIST_GUESSES_LOG10);
        if let Some(found) = found {
            violations.push(Violation::Blocklisted { word: found.word });
        }
        if self.personal {
            ctx.violations(password, &scan.keys, &mut violations);
        }
        violations.extend(
            self.rules
                .iter()
                .filter(|rule| rule.broken_by(password))
                .map(|rule| Violation::Custom { rule: rule.clone() }),
        );
        if strength.score < self.min_score {
            violations.push(Violation::TooWeak {
                min_score: self.min_score,
            });
        }
        if self.reuse && ctx.reuses(password) {
            violations.push(Violation::Reused);
        }
        Report {
            violations,
            strength,
        }
    }

    /// Character classes, the character set, and the wrong-layout reading.
    fn composition(&self, chars: &[char], out: &mut Vec<Violation>) {
        let has = |f: fn(&char) -> bool| chars.iter().any(f);
        let needs_latin = self.upper || self.lower || self.charset == Charset::AsciiPrintable;
        let wrong_layout = self.layout && needs_latin && has(|&c| latin_key(c).is_some());
        let classes = [
            (
                self.upper,
                has(char::is_ascii_uppercase),
                Violation::NoUpper,
            ),
            (
                self.lower,
                has(char::is_ascii_lowercase),
                Violation::NoLower,
            ),
            (self.digit, has(char::is_ascii_digit), Violation::NoDigit),
            (
                self.symbol,
                has(char::is_ascii_punctuation),
                Violation::NoSymbol,
            ),
        ];
        for (required, present, violation) in classes {
            if required && !present {
                out.push(violation);
            }
        }
        // Cyrillic letters explained by the layout are reported once, as the layout.
        let explained = |c: char| wrong_layout && latin_key(c).is_some();
        if chars
            .iter()
            .any(|&c| !self.charset.allows(c) && !explained(c))
        {
            out.push(Violation::InvalidChar);
        }
        if wrong_layout {
            let latin = chars.iter().map(|&c| latin_key(c).unwrap_or(c)).collect();
            out.push(Violation::WrongLayout {
                latin: Password::new(latin),
            });
        }
    }
}

/// Builds a custom [`Policy`], starting from the plain rule described at [`Policy::builder`].
///
/// ```
/// use restore_access::password::{Context, Policy};
/// let policy = Policy::builder()
///     .min_len(12)
///     .max_len(100)
///     .require_digit(true)
///     .min_score(3)
///     .build()?;
/// assert!(policy.check("Ёжик в тумане 1975", &Context::new()).is_ok());
/// assert!(!policy.check("Ёжик в тумане", &Context::new()).is_ok());
/// # Ok::<(), restore_access::password::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct PolicyBuilder {
    policy: Policy,
}

impl PolicyBuilder {
    /// Minimum length in characters (at least 1).
    pub fn min_len(mut self, n: usize) -> Self {
        self.policy.min_len = n;
        self
    }

    /// Maximum length in characters, at most [`LONGEST_MAX_LEN`].
    pub fn max_len(mut self, n: usize) -> Self {
        self.policy.max_len = n;
        self
    }

    /// Which characters are accepted.
    pub fn charset(mut self, charset: Charset) -> Self {
        self.policy.charset = charset;
        self
    }

    /// Require an upper-case Latin letter.
    pub fn require_upper(mut self, on: bool) -> Self {
        self.policy.upper = on;
        self
    }

    /// Require a lower-case Latin letter.
    pub fn require_lower(mut self, on: bool) -> Self {
        self.policy.lower = on;
        self
    }

    /// Require a digit.
    pub fn require_digit(mut self, on: bool) -> Self {
        self.policy.digit = on;
        self
    }

    /// Require an ASCII punctuation character.
    pub fn require_symbol(mut self, on: bool) -> Self {
        self.policy.symbol = on;
        self
    }

    /// Report Cyrillic letters as the Russian layout left on (only where Latin is required).
    pub fn check_layout(mut self, on: bool) -> Self {
        self.policy.layout = on;
        self
    }

    /// Check the blocklist.
    pub fn check_blocklist(mut self, on: bool) -> Self {
        self.policy.blocklist = on;
        self
    }

    /// Check the personal data in the [`Context`].
    pub fn check_personal_data(mut self, on: bool) -> Self {
        self.policy.personal = on;
        self
    }

    /// Check reuse of the previous password (when the [`Context`] carries its hash).
    pub fn check_reuse(mut self, on: bool) -> Self {
        self.policy.reuse = on;
        self
    }

    /// Minimum strength score, 0 (off) to 4.
    pub fn min_score(mut self, score: u8) -> Self {
        self.policy.min_score = score;
        self
    }

    /// NFKC-normalise before checking (see [`Policy::prepare`]).
    pub fn normalize_nfkc(mut self, on: bool) -> Self {
        self.policy.nfkc = on;
        self
    }

    /// Adds a custom [`Rule`], checked after the personal data on the password as checked
    /// (NFKC-normalised where the policy normalises). [`Error::InvalidPolicy`] with
    /// [`PolicyProblem::TooManyRules`] beyond [`MAX_RULES`], or
    /// [`PolicyProblem::DuplicateRuleId`] for a second rule with one id.
    pub fn rule(mut self, rule: Rule) -> Result<Self, Error> {
        let problem = if self.policy.rules.len() >= MAX_RULES {
            Some(PolicyProblem::TooManyRules)
        } else if self.policy.rules.iter().any(|r| r.id() == rule.id()) {
            Some(PolicyProblem::DuplicateRuleId)
        } else {
            None
        };
        match problem {
            Some(reason) => Err(Error::InvalidPolicy { reason }),
            None => {
                self.policy.rules.push(rule);
                Ok(self)
            }
        }
    }

    /// The policy, or [`Error::InvalidPolicy`] when the lengths or the score are out of range.
    pub fn build(self) -> Result<Policy, Error> {
        let p = self.policy;
        let problem = if p.min_len == 0 {
            Some(PolicyProblem::MinLenZero)
        } else if p.max_len < p.min_len {
            Some(PolicyProblem::MaxBelowMin)
        } else if p.max_len > LONGEST_MAX_LEN {
            Some(PolicyProblem::MaxAboveLongest)
        } else if p.min_score > 4 {
            Some(PolicyProblem::ScoreAboveFour)
        } else {
            None
        };
        match problem {
            Some(reason) => Err(Error::InvalidPolicy { reason }),
            None => Ok(p),
        }
    }
}

crate::names! {
    /// The built-in policies, by the names configuration files and the bindings use.
    #[non_exhaustive]
    pub enum Preset as "a password policy" {
        /// [`Policy::gosuslugi`].
        Gosuslugi = "gosuslugi",
        /// [`Policy::nist`].
        Nist = "nist",
    }
}

/// The outcome of [`Policy::check`]: every violation, and the strength estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    violations: Vec<Violation>,
    strength: Strength,
}

impl Report {
    /// True when no rule is broken.
    pub fn is_ok(&self) -> bool {
        self.violations.is_empty()
    }

    /// Every broken rule, in a stable order (length, composition, layout, blocklist,
    /// personal data, custom rules in the order they were added, strength, reuse).
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The codes of the violations, e.g. for a form that highlights fields.
    pub fn codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.violations.iter().map(crate::ErrorCode::code)
    }

    /// The strength estimate (zero for input over the maximum length, which is not estimated).
    pub fn strength(&self) -> Strength {
        self.strength
    }
}
