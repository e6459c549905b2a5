//! Custom rules a portal adds to a policy, as Keycloak's password policies allow: a pattern
//! the password must not contain (the portal's name) or must match (an internal rule), each
//! with the portal's own id and messages.

use super::{Error, PolicyProblem};
use crate::Lang;
use regex::{Regex, RegexBuilder};
use std::fmt;
use std::sync::Arc;

/// The most custom rules one policy may have.
pub const MAX_RULES: usize = 32;

/// The longest pattern a rule may have, in bytes.
pub const MAX_RULE_PATTERN_BYTES: usize = 1024;

/// The longest id a rule may have, in bytes.
pub const MAX_RULE_ID_BYTES: usize = 64;

/// The longest message a rule may have, in bytes.
pub const MAX_RULE_MESSAGE_BYTES: usize = 512;

/// The most memory one compiled pattern may take (the `regex` crate's size limit), so a
/// short pattern such as `\w{1000}{1000}` cannot blow up.
const COMPILED_SIZE_LIMIT: usize = 1 << 20;

crate::names! {
    /// What a [`Rule`] asks of the password.
    pub enum RuleKind as "a password rule kind" {
        /// The password must not match the pattern anywhere (`(?i)gosuslugi`).
        Forbid = "forbid",
        /// The password must match the pattern somewhere (`^[A-Z]`, `\d{2}$`).
        Require = "require",
    }
}

/// A custom password rule: a pattern (the `regex` crate's syntax, matched in time linear in
/// the password), what it asks, and the portal's own id and messages. Compiled once, when
/// made; cheap to clone.
///
/// A broken rule is reported as [`Violation::Custom`](super::Violation::Custom), code
/// `password.custom`, which carries the rule: its [`Rule::id`] tells the portal which rule it
/// was, [`Rule::message`] what to show.
///
/// ```
/// use restore_access::password::{Context, Policy, Rule, Violation};
/// use restore_access::Lang;
///
/// let no_name = Rule::forbid(
///     "portal.name",
///     "(?i)gosuslugi|госуслуги",
///     "Пароль не должен содержать название портала.",
///     "The password must not contain the portal's name.",
/// )?;
/// let policy = Policy::gosuslugi().to_builder().rule(no_name)?.build()?;
/// let report = policy.check("MyGosuslugi_73!", &Context::new());
/// assert_eq!(report.codes().collect::<Vec<_>>(), ["password.custom"]);
/// let Violation::Custom { rule } = &report.violations()[0] else { unreachable!() };
/// assert_eq!(rule.id(), "portal.name");
/// assert_eq!(report.violations()[0].describe(Lang::En), "The password must not contain the portal's name.");
/// # Ok::<(), restore_access::password::Error>(())
/// ```
#[derive(Clone)]
pub struct Rule(Arc<Inner>);

struct Inner {
    id: String,
    kind: RuleKind,
    pattern: Regex,
    ru: String,
    en: String,
}

impl Rule {
    /// A rule that the password must not match `pattern` anywhere.
    pub fn forbid(id: &str, pattern: &str, ru: &str, en: &str) -> Result<Rule, Error> {
        Rule::new(RuleKind::Forbid, id, pattern, ru, en)
    }

    /// A rule that the password must match `pattern` somewhere.
    pub fn require(id: &str, pattern: &str, ru: &str, en: &str) -> Result<Rule, Error> {
        Rule::new(RuleKind::Require, id, pattern, ru, en)
    }

    /// A rule of `kind`. [`Error::InvalidPolicy`] when the id is empty, longer than
    /// [`MAX_RULE_ID_BYTES`] or not made of `a`–`z`, `0`–`9`, `.`, `_` and `-`
    /// ([`PolicyProblem::RuleId`]); when a message is empty or longer than
    /// [`MAX_RULE_MESSAGE_BYTES`] ([`PolicyProblem::RuleMessage`]); when the pattern is longer
    /// than [`MAX_RULE_PATTERN_BYTES`] ([`PolicyProblem::RulePatternTooLong`]), is not a
    /// valid pattern ([`PolicyProblem::RulePatternInvalid`]) or compiles to more than the
    /// size limit ([`PolicyProblem::RulePatternTooBig`]).
    pub fn new(kind: RuleKind, id: &str, pattern: &str, ru: &str, en: &str) -> Result<Rule, Error> {
        let fail = |reason| Err(Error::InvalidPolicy { reason });
        let id_char = |c: char| matches!(c, 'a'..='z' | '0'..='9' | '.' | '_' | '-');
        if id.is_empty() || id.len() > MAX_RULE_ID_BYTES || !id.chars().all(id_char) {
            return fail(PolicyProblem::RuleId);
        }
        let message_fits = |m: &str| !m.trim().is_empty() && m.len() <= MAX_RULE_MESSAGE_BYTES;
        if !message_fits(ru) || !message_fits(en) {
            return fail(PolicyProblem::RuleMessage);
        }
        if pattern.len() > MAX_RULE_PATTERN_BYTES {
            return fail(PolicyProblem::RulePatternTooLong);
        }
        let compiled = RegexBuilder::new(pattern)
            .size_limit(COMPILED_SIZE_LIMIT)
            .dfa_size_limit(COMPILED_SIZE_LIMIT)
            .build();
        let pattern = match compiled {
            Ok(re) => re,
            Err(regex::Error::CompiledTooBig(_)) => return fail(PolicyProblem::RulePatternTooBig),
            Err(_) => return fail(PolicyProblem::RulePatternInvalid),
        };
        Ok(Rule(Arc::new(Inner {
            id: id.to_owned(),
            kind,
            pattern,
            ru: ru.to_owned(),
            en: en.to_owned(),
        })))
    }

    /// The portal's id for the rule (`portal.name`).
    pub fn id(&self) -> &str {
        &self.0.id
    }

    /// Whether the pattern is forbidden or required.
    pub fn kind(&self) -> RuleKind {
        self.0.kind
    }

    /// The pattern as written.
    pub fn pattern(&self) -> &str {
        self.0.pattern.as_str()
    }

    /// The portal's message for a password that breaks the rule.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.0.ru,
            Lang::En => &self.0.en,
        }
    }

    /// Whether `password` breaks the rule.
    pub(crate) fn broken_by(&self, password: &str) -> bool {
        let found = self.0.pattern.is_match(password);
        match self.0.kind {
            RuleKind::Forbid => found,
            RuleKind::Require => !found,
        }
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        let (a, b) = (&self.0, &other.0);
        a.id == b.id
            && a.kind == b.kind
            && a.pattern.as_str() == b.pattern.as_str()
            && a.ru == b.ru
            && a.en == b.en
    }
}

impl Eq for Rule {}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.0.id)
            .field("kind", &self.0.kind)
            .field("pattern", &self.0.pattern.as_str())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(r: Result<Rule, Error>) -> Option<PolicyProblem> {
        match r {
            Err(Error::InvalidPolicy { reason }) => Some(reason),
            _ => None,
        }
    }

    #[test]
    fn every_bad_input_has_its_problem() {
        let ok = Rule::forbid("a.b_c-1", "x", "р", "e");
        assert!(ok.is_ok());
        let cases = [
            (Rule::forbid("", "x", "р", "e"), PolicyProblem::RuleId),
            (Rule::forbid("Portal", "x", "р", "e"), PolicyProblem::RuleId),
            (
                Rule::forbid(&"a".repeat(65), "x", "р", "e"),
                PolicyProblem::RuleId,
            ),
            (Rule::forbid("a", "x", " ", "e"), PolicyProblem::RuleMessage),
            (
                Rule::forbid("a", "x", "р", &"e".repeat(513)),
                PolicyProblem::RuleMessage,
            ),
            (
                Rule::forbid("a", "(", "р", "e"),
                PolicyProblem::RulePatternInvalid,
            ),
            (
                Rule::forbid("a", &"x".repeat(1025), "р", "e"),
                PolicyProblem::RulePatternTooLong,
            ),
            (
                Rule::forbid("a", r"\w{1000}{1000}", "р", "e"),
                PolicyProblem::RulePatternTooBig,
            ),
        ];
        for (result, expected) in cases {
            assert_eq!(problem(result), Some(expected));
        }
    }

    #[test]
    fn forbid_and_require() {
        let forbid = Rule::forbid("a", "(?i)mos", "р", "e").unwrap();
        let require = Rule::require("b", r"\d$", "р", "e").unwrap();
        assert!(forbid.broken_by("MyMOSpass1") && !forbid.broken_by("x1"));
        assert!(require.broken_by("abc") && !require.broken_by("abc1"));
        assert_eq!(forbid.clone(), forbid);
        assert_ne!(forbid, require);
    }
}
