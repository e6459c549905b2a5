//! The compiled-in list of common passwords and the decorations people add to them.
//!
//! Every entry and every piece of a password is compared in its *key form*: lower case, and
//! each Cyrillic letter replaced by the QWERTY character on the same key. So «пароль»,
//! `ПАРОЛЬ` and `gfhjkm` are one entry, and a Russian word typed on either layout is found.
//! The sources and licences of the lists are in `data/README.md`.

use super::layout::latin_key;
use std::sync::LazyLock;

const COMMON: &str = include_str!("data/common-passwords.txt");
const RUSSIAN: &str = include_str!("data/russian-habits.txt");

/// Longest entry the matchers walk into, in characters; longer entries are dropped.
const MAX_WORD: usize = 24;

/// Below this many guesses a decorated list word counts as blocklisted: an online attacker
/// with the list and the usual decorations finds it within a million tries.
pub(crate) const BLOCKLIST_GUESSES_LOG10: f64 = 6.0;

/// The key form of one character: lower case, Cyrillic letters as their QWERTY key.
pub(crate) fn key_char(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    latin_key(lower).unwrap_or(lower)
}

/// The key form of a string.
pub(crate) fn key(s: &str) -> String {
    s.chars().map(key_char).collect()
}

/// The letter a common "leet" substitution stands for; `one` is what `1` stands for
/// (`i` or `l`: both are common, so callers try both).
pub(crate) fn unleet(c: char, one: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '@' | '4' => 'a',
        '1' => one,
        '!' => 'i',
        '3' => 'e',
        '$' | '5' => 's',
        '7' => 't',
        _ => return None,
    })
}

/// The readings a matcher tries: as typed, and with leet undone (`1` as `i`, then as `l`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    AsTyped,
    Unleet(char),
}

impl Reading {
    pub(crate) const ALL: [Reading; 3] =
        [Reading::AsTyped, Reading::Unleet('i'), Reading::Unleet('l')];

    /// The key form of `c` in this reading, and whether a substitution was undone.
    pub(crate) fn apply(self, key: char) -> (char, bool) {
        match self {
            Reading::AsTyped => (key, false),
            Reading::Unleet(one) => unleet(key, one).map_or((key, false), |c| (c, true)),
        }
    }
}

/// All entries in key form, sorted bytewise, each with its rank (1 = most common).
#[derive(Debug)]
pub(crate) struct Dictionary {
    entries: Vec<(Box<[u8]>, u32)>,
}

static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(Dictionary::build);

impl Dictionary {
    pub(crate) fn get() -> &'static Dictionary {
        &DICTIONARY
    }

    fn build() -> Dictionary {
        let russian = RUSSIAN
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        let common = COMMON.lines().map(str::trim).filter(|l| !l.is_empty());
        let mut entries: Vec<(Box<[u8]>, u32)> = russian
            .chain(common)
            .filter(|w| w.chars().count() <= MAX_WORD)
            .zip(1u32..)
            .map(|(w, rank)| (key(w).into_bytes().into_boxed_slice(), rank))
            .collect();
        // Sort by key, then rank, so that deduplication keeps the best rank.
        entries.sort_unstable();
        entries.dedup_by(|later, first| later.0 == first.0);
        Dictionary { entries }
    }

    /// A cursor at the empty prefix.
    pub(crate) fn cursor(&self) -> Cursor<'_> {
        Cursor {
            entries: &self.entries,
            depth: 0,
        }
    }

    /// The rank of `key_form` (already in key form), if it is an entry.
    pub(crate) fn rank(&self, key_form: impl IntoIterator<Item = char>) -> Option<u32> {
        let mut cursor = self.cursor();
        for c in key_form {
            if !cursor.push(c) {
                return None;
            }
        }
        cursor.rank()
    }
}

/// Walks the sorted entries one character at a time, keeping the range that shares the
/// prefix typed so far: each step is two binary searches in an ever smaller range, so a
/// matcher can stop as soon as no entry starts with what it has read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cursor<'a> {
    entries: &'a [(Box<[u8]>, u32)],
    depth: usize,
}

impl Cursor<'_> {
    /// Extends the prefix by `c`; false when no entry starts with the new prefix.
    pub(crate) fn push(&mut self, c: char) -> bool {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            let d = self.depth;
            let at = |e: &(Box<[u8]>, u32)| e.0.get(d).copied();
            let lo = self.entries.partition_point(|e| at(e) < Some(b));
            let hi = self.entries.partition_point(|e| at(e) <= Some(b));
            self.entries = self.entries.get(lo..hi).unwrap_or_default();
            self.depth += 1;
        }
        !self.entries.is_empty()
    }

    /// The rank of the prefix itself, if it is a whole entry (it sorts first in the range).
    pub(crate) fn rank(&self) -> Option<u32> {
        self.entries
            .first()
            .filter(|e| e.0.len() == self.depth)
            .map(|e| e.1)
    }
}

/// How many guesses the capitalisation of `word` adds: none for lower case, two for the
/// usual all-caps or capitalised forms, otherwise the number of ways to pick that many
/// capitals (the zxcvbn rule).
pub(crate) fn case_guesses(word: &[char]) -> f64 {
    let upper = word.iter().filter(|c| c.is_uppercase()).count();
    let lower = word.iter().filter(|c| c.is_lowercase()).count();
    if upper == 0 {
        return 1.0;
    }
    let first_only = upper == 1 && word.first().is_some_and(|c| c.is_uppercase());
    let last_only = upper == 1 && word.last().is_some_and(|c| c.is_uppercase());
    if lower == 0 || first_only || last_only {
        return 2.0;
    }
    (1..=upper.min(lower))
        .map(|k| binomial(upper + lower, k))
        .sum()
}

fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

/// Guesses for a run of digits and symbols stuck before or after a word: a year, a short or
/// obvious number, a few common symbols.
pub(crate) fn decoration_guesses(decoration: &[char]) -> f64 {
    let mut guesses = 1.0;
    let mut rest = decoration;
    while let Some((&c, tail)) = rest.split_first() {
        if c.is_ascii_digit() {
            let run = rest.iter().take_while(|c| c.is_ascii_digit()).count();
            let (digits, after) = rest.split_at(run);
            guesses *= digit_run_guesses(digits);
            rest = after;
        } else {
            guesses *= 20.0;
            rest = tail;
        }
    }
    guesses
}

/// Guesses for a run of digits: years and obvious runs are cheap, the rest cost 10 per digit.
pub(crate) fn digit_run_guesses(digits: &[char]) -> f64 {
    let values: Vec<i32> = digits
        .iter()
        .filter_map(|c| c.to_digit(10))
        .map(|d| d as i32)
        .collect();
    let n = values.len();
    let number = values.iter().fold(0i64, |acc, &d| acc * 10 + i64::from(d));
    let step = |s: i32| values.windows(2).all(|w| w[1] - w[0] == s);
    if n == 4 && (1900..=2039).contains(&number) {
        150.0
    } else if n >= 3 && (step(0) || step(1) || step(-1)) {
        10.0 * n as f64
    } else {
        10f64.powi(n.min(64) as i32)
    }
}

/// log10 of the fewest guesses that find `chars` as a list entry with decorations: digits
/// and symbols before or after it, capitals, leet substitutions. `None` if no entry fits.
pub(crate) fn decorated_guesses_log10(chars: &[char]) -> Option<f64> {
    let dict = Dictionary::get();
    let is_decoration = |c: &&char| c.is_ascii_digit() || c.is_ascii_punctuation();
    let lead = chars.iter().take_while(is_decoration).count();
    let trail = chars.iter().rev().take_while(is_decoration).count();
    let n = chars.len();
    let mut best: Option<f64> = None;
    for (a, b) in [
        (0, n),
        (lead, n),
        (0, n.saturating_sub(trail)),
        (lead, n.saturating_sub(trail)),
    ] {
        let (Some(core), Some(before), Some(after)) =
            (chars.get(a..b), chars.get(..a), chars.get(b..))
        else {
            continue;
        };
        if core.is_empty() {
            continue;
        }
        let decorations = decoration_guesses(before) * decoration_guesses(after);
        for reading in Reading::ALL {
            let mut substitutions = 0;
            let key_form = core.iter().map(|&c| {
                let (k, undone) = reading.apply(key_char(c));
                substitutions += i32::from(undone);
                k
            });
            if let Some(rank) = dict.rank(key_form) {
                let guesses =
                    f64::from(rank) * decorations * case_guesses(core) * 2f64.powi(substitutions);
                let log = guesses.log10();
                best = Some(best.map_or(log, |b: f64| b.min(log)));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_lists_are_loaded_in_key_form() {
        let dict = Dictionary::get();
        assert!(dict.rank(key("пароль").chars()).is_some());
        assert_eq!(
            dict.rank(key("пароль").chars()),
            dict.rank("gfhjkm".chars())
        );
        assert!(dict.rank("123456".chars()).is_some_and(|r| r < 20));
        assert!(dict.rank("no such entry here".chars()).is_none());
    }

    #[test]
    fn decorations_of_a_common_word_are_cheap() {
        let cheap = |s: &str| decorated_guesses_log10(&s.chars().collect::<Vec<_>>());
        assert!(cheap("P@ssw0rd2024!").is_some_and(|g| g < BLOCKLIST_GUESSES_LOG10));
        assert!(cheap("koloBok_15!").is_some_and(|g| g >= BLOCKLIST_GUESSES_LOG10));
        assert!(cheap("xq7Zv!").is_none());
    }
}
