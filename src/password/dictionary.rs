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
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = fold_case(c);
    latin_key(lower).unwrap_or(lower)
}

/// `c` in lower case, with fast paths for the ASCII and Russian letters that passwords are
/// mostly made of.
pub(crate) fn fold_case(c: char) -> char {
    match c {
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        // The Russian capitals sit 32 code points below their small letters.
        'А'..='Я' => char::from_u32((c as u32).saturating_add(32)).unwrap_or(c),
        'Ё' => 'ё',
        'а'..='я' | 'ё' => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
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

    /// Whether this reading differs from the typed one anywhere in `chars` (always true for
    /// the typed reading itself, which is always tried).
    pub(crate) fn changes(self, chars: &[char]) -> bool {
        match self {
            Reading::AsTyped => true,
            Reading::Unleet('l') => chars.contains(&'1'),
            Reading::Unleet(one) => chars.iter().any(|&c| unleet(c, one).is_some()),
        }
    }

    /// The key form of `c` in this reading, and whether a substitution was undone.
    pub(crate) fn apply(self, key: char) -> (char, bool) {
        match self {
            Reading::AsTyped => (key, false),
            Reading::Unleet(one) => unleet(key, one).map_or((key, false), |c| (c, true)),
        }
    }
}

/// All entries in key form as a trie, each word with its rank (1 = most common), so that a
/// matcher reading a password one character at a time stops as soon as no entry starts with
/// what it has read.
#[derive(Debug)]
pub(crate) struct Dictionary {
    nodes: Vec<Node>,
}

#[derive(Debug, Default)]
struct Node {
    /// Children sorted by character.
    children: Vec<(char, u32)>,
    /// The rank of the word ending here, if one does.
    rank: Option<u32>,
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
        let mut dict = Dictionary {
            nodes: vec![Node::default()],
        };
        let words = russian
            .chain(common)
            .filter(|w| w.chars().count() <= MAX_WORD);
        for (word, rank) in words.zip(1u32..) {
            dict.insert(word, rank);
        }
        dict
    }

    fn insert(&mut self, word: &str, rank: u32) {
        let mut at = 0usize;
        for c in word.chars().map(key_char) {
            let next = self.nodes.len() as u32;
            let Some(node) = self.nodes.get_mut(at) else {
                return;
            };
            at = match node.children.binary_search_by_key(&c, |e| e.0) {
                Ok(i) => node.children.get(i).map_or(0, |e| e.1) as usize,
                Err(i) => {
                    node.children.insert(i, (c, next));
                    self.nodes.push(Node::default());
                    next as usize
                }
            };
        }
        if let Some(node) = self.nodes.get_mut(at) {
            // Lists are read best rank first: keep the first rank seen.
            node.rank.get_or_insert(rank);
        }
    }

    /// A cursor at the empty prefix.
    pub(crate) fn cursor(&self) -> Cursor<'_> {
        Cursor {
            dict: self,
            node: 0,
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

/// A position in the trie: the prefix read so far.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cursor<'a> {
    dict: &'a Dictionary,
    node: usize,
}

impl Cursor<'_> {
    /// Extends the prefix by `c`; false (and the cursor is spent) when no entry starts with
    /// the new prefix.
    pub(crate) fn push(&mut self, c: char) -> bool {
        let children = self
            .dict
            .nodes
            .get(self.node)
            .map(|n| n.children.as_slice())
            .unwrap_or_default();
        match children.binary_search_by_key(&c, |e| e.0) {
            Ok(i) => {
                self.node = children.get(i).map_or(0, |e| e.1) as usize;
                true
            }
            Err(_) => false,
        }
    }

    /// The rank of the prefix itself, if it is a whole entry.
    pub(crate) fn rank(&self) -> Option<u32> {
        self.dict.nodes.get(self.node).and_then(|n| n.rank)
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
        .map(|k| binomial(upper.saturating_add(lower), k))
        .sum()
}

/// n choose k, in floating point (it only prices guesses).
fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| {
        acc * n.saturating_sub(i) as f64 / i.saturating_add(1) as f64
    })
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
/// Any length is priced without overflow: only a four-digit run is read as a number.
pub(crate) fn digit_run_guesses(digits: &[char]) -> f64 {
    let values: Vec<i32> = digits
        .iter()
        .filter_map(|c| c.to_digit(10))
        .filter_map(|d| i32::try_from(d).ok())
        .collect();
    let n = values.len();
    let step = |s: i32| {
        values
            .windows(2)
            .all(|w| matches!(w, &[a, b] if b.checked_sub(a) == Some(s)))
    };
    let year = (n == 4)
        .then(|| {
            values
                .iter()
                .try_fold(0i32, |acc, &d| acc.checked_mul(10)?.checked_add(d))
        })
        .flatten();
    if year.is_some_and(|y| (1900..=2039).contains(&y)) {
        150.0
    } else if n >= 3 && (step(0) || step(1) || step(-1)) {
        10.0 * n as f64
    } else {
        10f64.powi(i32::try_from(n.min(64)).unwrap_or(64))
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
    let spans = [
        (0, n),
        (lead, n),
        (0, n.saturating_sub(trail)),
        (lead, n.saturating_sub(trail)),
    ];
    for (i, &(a, b)) in spans.iter().enumerate() {
        if spans
            .get(..i)
            .is_some_and(|earlier| earlier.contains(&(a, b)))
        {
            continue;
        }
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
            if !reading.changes(core) {
                continue;
            }
            let mut substitutions = 0i32;
            let key_form = core.iter().map(|&c| {
                let (k, undone) = reading.apply(key_char(c));
                substitutions = substitutions.saturating_add(i32::from(undone));
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
