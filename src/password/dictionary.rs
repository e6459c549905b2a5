//! The compiled-in word lists and the decorations people add to them.
//!
//! Every entry and every piece of a password is compared in its *key form*: lower case, and
//! each Cyrillic letter replaced by the QWERTY character on the same key. So «пароль»,
//! `ПАРОЛЬ` and `gfhjkm` are one entry, and a Russian word typed on either layout is found.
//! Cyrillic entries are also entered transliterated (`катя` as `katya` and `katia`). The
//! sources and licences of the lists are in `data/README.md`.
//!
//! The lists are joined once into one byte trie of key forms in flat arrays; a [`Cursor`]
//! walks it one character at a time, so a lookup allocates nothing and stops as soon as no
//! entry starts with what it has read.

use super::context::{TRANSLIT_STYLES, transliterate_into};
use super::layout::latin_key;
use std::sync::LazyLock;

/// The lists, each most common first: the line number (comments and blank lines skipped)
/// is the rank, and a word in several lists keeps its best rank. The Russian names and
/// words are also entered transliterated (`true`); the habits list holds the Latin forms
/// people use already.
const LISTS: [(&str, bool); 11] = [
    (include_str!("data/russian-habits.txt"), false),
    (include_str!("data/common-passwords.txt"), false),
    (include_str!("data/names-ru-common.txt"), true),
    (include_str!("data/male-names-en.txt"), false),
    (include_str!("data/female-names-en.txt"), false),
    (include_str!("data/names-ru.txt"), true),
    (include_str!("data/surnames-ru.txt"), true),
    (include_str!("data/surnames-en.txt"), false),
    (include_str!("data/words-ru.txt"), true),
    (include_str!("data/words-en.txt"), false),
    (include_str!("data/words-en-tv.txt"), false),
];

/// Longest entry the matchers walk into, in characters; longer entries are dropped.
pub(crate) const MAX_WORD: usize = 24;

/// Shortest entry matched inside a longer password: shorter ones match by chance.
pub(crate) const MIN_WORD: usize = 3;

/// Longest run of digits, symbols and letters stuck before or after a list word that still
/// counts as a decoration, in characters. It bounds the decoration search: at most
/// `MAX_AFFIX + 1` places for the word to start or end.
const MAX_AFFIX: usize = 12;

/// At most this many letters in one decoration (`Aa`, `Q`): more is a word of its own.
const MAX_AFFIX_LETTERS: usize = 2;

/// Below this many guesses a decorated list word counts as blocklisted: an online attacker
/// with the lists and the usual decorations finds it within a million tries.
pub(crate) const BLOCKLIST_GUESSES_LOG10: f64 = 6.0;

/// The symbols people add first; any other ASCII punctuation costs more.
const COMMON_SYMBOLS: &str = "!@#$%&*._-+?";

/// The key form of one character: lower case, Cyrillic letters as their QWERTY key, and
/// the shifted symbols on the keys of Russian letters (`:` is `Ж` in the Russian layout) as
/// their unshifted ones.
pub(crate) fn key_char(c: char) -> char {
    if c.is_ascii() {
        return match c {
            ':' => ';',
            '"' => '\'',
            '<' => ',',
            '>' => '.',
            '{' => '[',
            '}' => ']',
            '~' => '`',
            _ => c.to_ascii_lowercase(),
        };
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
fn unleet(c: char, one: char) -> Option<char> {
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

/// Pairs of letters that look alike in the two alphabets: (Cyrillic, Latin), lower case.
const LOOKALIKES: [(char, char); 12] = [
    ('а', 'a'),
    ('в', 'b'),
    ('е', 'e'),
    ('к', 'k'),
    ('м', 'm'),
    ('н', 'h'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('т', 't'),
    ('у', 'y'),
    ('х', 'x'),
];

/// The readings a matcher tries: as typed, with leet undone (`1` as `i`, then as `l`), and
/// with the letters of one alphabet that look like the other's read as the other's
/// (`pаssword` with a Cyrillic `а`, `пapoль` with Latin `a`, `p`, `o`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    AsTyped,
    Unleet(char),
    AsLatin,
    AsCyrillic,
}

impl Reading {
    pub(crate) const ALL: [Reading; 5] = [
        Reading::AsTyped,
        Reading::Unleet('i'),
        Reading::Unleet('l'),
        Reading::AsLatin,
        Reading::AsCyrillic,
    ];

    /// Whether this reading differs from the typed one anywhere in `chars` (always true for
    /// the typed reading itself, which is always tried).
    pub(crate) fn changes(self, chars: &[char]) -> bool {
        let has = |f: &dyn Fn(char) -> bool| chars.iter().any(|&c| f(fold_case(c)));
        let cyrillic = |c: char| matches!(c, 'а'..='я' | 'ё');
        match self {
            Reading::AsTyped => true,
            Reading::Unleet('l') => chars.contains(&'1'),
            Reading::Unleet(one) => has(&|c| unleet(c, one).is_some()),
            Reading::AsLatin => {
                has(&|c| c.is_ascii_lowercase()) && has(&|c| LOOKALIKES.iter().any(|l| l.0 == c))
            }
            Reading::AsCyrillic => has(&cyrillic) && has(&|c| LOOKALIKES.iter().any(|l| l.1 == c)),
        }
    }

    /// The key form of the typed character `c` in this reading, and whether a substitution
    /// was undone.
    pub(crate) fn apply(self, c: char) -> (char, bool) {
        let key = key_char(c);
        let swap = |from: fn(&(char, char)) -> char, to: fn(&(char, char)) -> char| {
            let lower = fold_case(c);
            LOOKALIKES
                .iter()
                .find(|l| from(l) == lower)
                .map_or((key, false), |l| (key_char(to(l)), true))
        };
        match self {
            Reading::AsTyped => (key, false),
            Reading::Unleet(one) => unleet(key, one).map_or((key, false), |c| (c, true)),
            Reading::AsLatin => swap(|l| l.0, |l| l.1),
            Reading::AsCyrillic => swap(|l| l.1, |l| l.0),
        }
    }
}

/// `chars` in each reading that changes something, as typed first: for each character its
/// key form in that reading and whether a substitution was undone. Worked out once per
/// password, so the matchers only walk.
pub(crate) fn readings(chars: &[char]) -> Vec<Vec<(char, bool)>> {
    let mut out: Vec<Vec<(char, bool)>> = Vec::new();
    for reading in Reading::ALL {
        if !reading.changes(chars) {
            continue;
        }
        let mapped: Vec<(char, bool)> = chars.iter().map(|&c| reading.apply(c)).collect();
        let changed = reading == Reading::AsTyped || mapped.iter().any(|m| m.1);
        if changed && !out.contains(&mapped) {
            out.push(mapped);
        }
    }
    out
}

/// One entry: its best rank and the word as a list spells it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    /// 1 = the most common entry of its list.
    pub(crate) rank: u32,
    /// The entry as its list spells it (`катя` also for `rfnz` and `katya`).
    pub(crate) word: &'static str,
}

/// Every list's entries in key form as a byte trie in flat arrays: each node's edges are
/// contiguous in `labels` and `targets`, so a step is a scan of a few bytes and a lookup
/// allocates nothing.
#[derive(Debug)]
pub(crate) struct Dictionary {
    /// The root's child for each first byte (0 for none: the root is nobody's child).
    root: [u32; 256],
    nodes: Vec<Node>,
    labels: Vec<u8>,
    targets: Vec<u32>,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// Where this node's edges start in `labels` and `targets`, and how many there are.
    first: u32,
    count: u32,
    /// The index of the entry ending here, or [`NO_ENTRY`].
    entry: u32,
}

const NO_ENTRY: u32 = u32::MAX;

static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(Dictionary::build);

impl Dictionary {
    pub(crate) fn get() -> &'static Dictionary {
        &DICTIONARY
    }

    fn build() -> Dictionary {
        let mut keyed: Vec<(String, u32, &'static str)> = Vec::new();
        for (list, transliterate) in LISTS {
            let words = list
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .filter(|w| w.chars().count() <= MAX_WORD);
            for (word, rank) in words.zip(1u32..) {
                keyed.push((key(word), rank, word));
                if transliterate && word.chars().any(|c| latin_key(fold_case(c)).is_some()) {
                    for style in TRANSLIT_STYLES {
                        let mut latin = String::new();
                        transliterate_into(word, style, &mut latin);
                        // «-ия» is written `-ia` as often as `-iya` or `-iia` (Anastasia, Maria).
                        for long in ["iya", "iia"] {
                            if let Some(stem) = latin.strip_suffix(long) {
                                keyed.push((format!("{stem}ia"), rank, word));
                            }
                        }
                        keyed.push((latin, rank, word));
                    }
                }
            }
        }
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        keyed.dedup_by(|later, first| later.0 == first.0);
        let mut dict = Dictionary {
            root: [0; 256],
            nodes: Vec::new(),
            labels: Vec::new(),
            targets: Vec::new(),
            entries: Vec::with_capacity(keyed.len()),
        };
        dict.add_node(&keyed, 0);
        if let Some(root) = dict.nodes.first().copied() {
            let start = root.first as usize;
            let end = start.saturating_add(root.count as usize);
            let labels = dict.labels.get(start..end).unwrap_or_default();
            let targets = dict.targets.get(start..end).unwrap_or_default();
            for (&label, &target) in labels.iter().zip(targets) {
                if let Some(slot) = dict.root.get_mut(usize::from(label)) {
                    *slot = target;
                }
            }
        }
        dict
    }

    /// Adds the node for the prefix of length `depth` that every key in `keys` (sorted)
    /// shares, and below it the nodes for all their longer prefixes; returns its index.
    fn add_node(&mut self, keys: &[(String, u32, &'static str)], depth: usize) -> u32 {
        let id = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
        let mut rest = keys;
        let mut entry = NO_ENTRY;
        if let Some(((k, rank, word), tail)) = rest.split_first()
            && k.len() == depth
        {
            entry = u32::try_from(self.entries.len()).unwrap_or(NO_ENTRY);
            self.entries.push(Entry { rank: *rank, word });
            rest = tail;
        }
        // The keys below, grouped by their next byte (contiguous: the keys are sorted).
        let byte = |k: &(String, u32, &str)| k.0.as_bytes().get(depth).copied().unwrap_or(0);
        let mut groups: Vec<&[(String, u32, &'static str)]> = Vec::new();
        while let Some(first) = rest.first() {
            let len = rest.iter().take_while(|k| byte(k) == byte(first)).count();
            let (group, after) = rest.split_at(len);
            groups.push(group);
            rest = after;
        }
        let first = self.labels.len();
        self.nodes.push(Node {
            first: u32::try_from(first).unwrap_or(0),
            count: u32::try_from(groups.len()).unwrap_or(0),
            entry,
        });
        self.labels
            .extend(groups.iter().map(|g| g.first().map_or(0, byte)));
        self.targets.resize(self.labels.len(), 0);
        for (i, group) in groups.into_iter().enumerate() {
            let child = self.add_node(group, depth.saturating_add(1));
            if let Some(slot) = self.targets.get_mut(first.saturating_add(i)) {
                *slot = child;
            }
        }
        id
    }

    /// A cursor at the empty prefix.
    pub(crate) fn cursor(&self) -> Cursor<'_> {
        Cursor {
            dict: self,
            node: 0,
        }
    }

    /// The entry whose key form is `key_form`, if there is one.
    #[cfg(test)]
    pub(crate) fn lookup(&self, key_form: impl IntoIterator<Item = char>) -> Option<Entry> {
        let mut cursor = self.cursor();
        for c in key_form {
            if !cursor.push(c) {
                return None;
            }
        }
        cursor.entry()
    }
}

/// A position in the trie: the prefix read so far.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cursor<'a> {
    dict: &'a Dictionary,
    node: u32,
}

impl Cursor<'_> {
    /// Extends the prefix by `c`; false (and the cursor is spent) when no entry starts with
    /// the new prefix.
    pub(crate) fn push(&mut self, c: char) -> bool {
        let mut buf = [0u8; 4];
        let bytes: &[u8] = if c.is_ascii() {
            // Key forms are nearly all ASCII: skip the encoder.
            buf[0] = c as u8;
            &buf[..1]
        } else {
            c.encode_utf8(&mut buf).as_bytes()
        };
        for &b in bytes {
            if self.node == 0 {
                // The root has an edge for nearly every byte: look it up directly.
                match self.dict.root.get(usize::from(b)) {
                    Some(&next) if next != 0 => self.node = next,
                    _ => return false,
                }
                continue;
            }
            let dict = self.dict;
            let Some(node) = dict.nodes.get(self.node as usize) else {
                return false;
            };
            let start = node.first as usize;
            let end = start.saturating_add(node.count as usize);
            let found = dict
                .labels
                .get(start..end)
                .and_then(|labels| labels.iter().position(|&l| l == b))
                .and_then(|i| dict.targets.get(start.saturating_add(i)));
            match found {
                Some(&next) => self.node = next,
                None => return false,
            }
        }
        true
    }

    /// The entry that is the prefix itself, if there is one.
    pub(crate) fn entry(&self) -> Option<Entry> {
        let node = self.dict.nodes.get(self.node as usize)?;
        self.dict.entries.get(node.entry as usize).copied()
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

/// Guesses for a decoration stuck before or after a word — digits (a year, a short or
/// obvious number), symbols, at most [`MAX_AFFIX_LETTERS`] letters (`Aa` counts as one
/// choice of 26) — or `None` if `affix` is no decoration.
fn affix_guesses(affix: &[char]) -> Option<f64> {
    if affix.len() > MAX_AFFIX {
        return None;
    }
    let mut guesses = 1.0;
    let mut letters = 0usize;
    let mut rest = affix;
    while let Some((&c, tail)) = rest.split_first() {
        if c.is_ascii_digit() {
            let run = rest.iter().take_while(|c| c.is_ascii_digit()).count();
            let (digits, after) = rest.split_at(run);
            guesses *= digit_run_guesses(digits);
            rest = after;
        } else if c.is_ascii_punctuation() {
            guesses *= if COMMON_SYMBOLS.contains(c) {
                10.0
            } else {
                33.0
            };
            rest = tail;
        } else if c.is_ascii_alphabetic() {
            letters = letters.saturating_add(1);
            // A letter in both cases (`Aa`, `qQ`): the usual way to satisfy a composition rule.
            match tail.split_first() {
                Some((&d, after)) if d != c && d.eq_ignore_ascii_case(&c) => {
                    guesses *= 26.0;
                    rest = after;
                }
                _ => {
                    guesses *= 52.0;
                    rest = tail;
                }
            }
        } else {
            return None;
        }
        if letters > MAX_AFFIX_LETTERS {
            return None;
        }
    }
    Some(guesses)
}

/// Guesses for a run of ASCII digits: years and obvious runs are cheap, the rest cost 10 per
/// digit. Any length is priced without overflow or allocation.
pub(crate) fn digit_run_guesses(digits: &[char]) -> f64 {
    let value = |c: &char| i32::try_from(c.to_digit(10).unwrap_or(0)).unwrap_or(0);
    let n = digits.len();
    let step = |s: i32| {
        digits
            .windows(2)
            .all(|w| matches!(w, [a, b] if value(b).checked_sub(value(a)) == Some(s)))
    };
    let year = (n == 4).then(|| {
        digits.iter().fold(0i32, |acc, c| {
            acc.saturating_mul(10).saturating_add(value(c))
        })
    });
    if year.is_some_and(|y| (1900..=2039).contains(&y)) {
        150.0
    } else if n >= 3 && (step(0) || step(1) || step(-1)) {
        10.0 * n as f64
    } else {
        10f64.powi(i32::try_from(n.min(64)).unwrap_or(64))
    }
}

/// What the decoration search found: the cheapest decorated list word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Decorated {
    /// log10 of the guesses to find the password this way.
    pub(crate) guesses_log10: f64,
    /// The list word at its core, as the list spells it.
    pub(crate) word: &'static str,
}

/// The cheapest way to read all of `chars` as one list word with decorations: any split
/// into a prefix and a suffix of up to [`MAX_AFFIX`] digits, symbols and a letter or two
/// around a word of [`MIN_WORD`] to [`MAX_WORD`] characters, in capitals or not, with leet
/// or lookalike letters undone, forwards or reversed. `None` if no entry fits.
///
/// At most `2 × (MAX_AFFIX + 1)` walks of at most `MAX_WORD` steps for each reading, and no
/// allocation, whatever the length.
pub(crate) fn decorated(chars: &[char]) -> Option<Decorated> {
    let n = chars.len();
    if n < MIN_WORD || n > MAX_WORD.saturating_add(MAX_AFFIX.saturating_mul(2)) {
        return None;
    }
    // prefix[a]: guesses for chars[..a] as a decoration; suffix[k]: for the last k chars.
    let mut prefix = [None::<f64>; MAX_AFFIX + 1];
    let mut suffix = [None::<f64>; MAX_AFFIX + 1];
    for (k, (p, s)) in prefix.iter_mut().zip(suffix.iter_mut()).enumerate() {
        *p = chars.get(..k).and_then(affix_guesses);
        *s = chars.get(n.saturating_sub(k)..).and_then(affix_guesses);
    }
    let affix =
        |table: &[Option<f64>; MAX_AFFIX + 1], len: usize| table.get(len).copied().flatten();
    let dict = Dictionary::get();
    let mut best: Option<Decorated> = None;
    let mut consider = |a: usize, b: usize, entry: Entry, subs: i32, reversed: bool| {
        let (Some(pre), Some(suf), Some(core)) = (
            affix(&prefix, a),
            affix(&suffix, n.saturating_sub(b)),
            chars.get(a..b),
        ) else {
            return;
        };
        let turn = if reversed { 2.0 } else { 1.0 };
        let guesses =
            f64::from(entry.rank) * pre * suf * case_guesses(core) * 2f64.powi(subs) * turn;
        let log = guesses.log10();
        if best.is_none_or(|b| log < b.guesses_log10) {
            best = Some(Decorated {
                guesses_log10: log,
                word: entry.word,
            });
        }
    };
    for reading in readings(chars) {
        // Forwards from each place a word can start after a decoration.
        for a in (0..=MAX_AFFIX.min(n)).filter(|&a| affix(&prefix, a).is_some()) {
            let mut cursor = dict.cursor();
            let mut subs = 0i32;
            for (i, &(k, undone)) in reading.iter().enumerate().skip(a).take(MAX_WORD) {
                subs = subs.saturating_add(i32::from(undone));
                if !cursor.push(k) {
                    break;
                }
                let b = i.saturating_add(1);
                if let Some(entry) = cursor.entry().filter(|_| b.saturating_sub(a) >= MIN_WORD) {
                    consider(a, b, entry, subs, false);
                }
            }
        }
        // Backwards from each place a word can end before a decoration: reversed words.
        for k in (0..=MAX_AFFIX.min(n)).filter(|&k| affix(&suffix, k).is_some()) {
            let b = n.saturating_sub(k);
            let mut cursor = dict.cursor();
            let mut subs = 0i32;
            let before = reading.get(..b).unwrap_or_default();
            for (i, &(key, undone)) in before.iter().enumerate().rev().take(MAX_WORD) {
                subs = subs.saturating_add(i32::from(undone));
                if !cursor.push(key) {
                    break;
                }
                if let Some(entry) = cursor.entry().filter(|_| b.saturating_sub(i) >= MIN_WORD) {
                    consider(i, b, entry, subs, true);
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Option<Decorated> {
        decorated(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn every_list_is_loaded_in_key_form() {
        let dict = Dictionary::get();
        let rank = |s: &str| dict.lookup(key(s).chars()).map(|e| e.rank);
        assert!(rank("пароль").is_some());
        assert_eq!(rank("пароль"), rank("gfhjkm"));
        assert!(rank("123456").is_some_and(|r| r < 20));
        assert!(rank("no such entry here").is_none());
        for word in [
            "michael", "katya", "katia", "rfnz", "smirnov", "ivanova", "jctym",
        ] {
            assert!(rank(word).is_some(), "{word}");
        }
        assert_eq!(dict.lookup("rfnz".chars()).map(|e| e.word), Some("катя"));
    }

    #[test]
    fn decorations_of_a_common_word_are_cheap() {
        let cheap = |s: &str| found(s).is_some_and(|d| d.guesses_log10 < BLOCKLIST_GUESSES_LOG10);
        assert!(cheap("P@ssw0rd2024!"));
        assert!(!cheap("koloBok_15!"));
        assert!(!cheap("Sharik1599+"));
        assert!(found("xq7Zv!").is_none());
        assert_eq!(found("Trustno1!").map(|d| d.word), Some("trustno1"));
        assert_eq!(found("!1onTSURt").map(|d| d.word), Some("trustno1"));
        assert_eq!(found("Rfnz_15!").map(|d| d.word), Some("катя"));
        // A Cyrillic «а» and «о» among Latin letters.
        assert_eq!(found("Pаsswоrd1!").map(|d| d.word), Some("password"));
    }

    #[test]
    fn affixes_are_priced_and_bounded() {
        let price = |s: &str| affix_guesses(&s.chars().collect::<Vec<_>>());
        assert_eq!(price(""), Some(1.0));
        assert_eq!(price("1990!"), Some(1500.0));
        assert_eq!(price("Aa!"), Some(260.0));
        assert_eq!(price("abc"), None);
        assert_eq!(price("1234567890123"), None);
        assert_eq!(price("ж"), None);
    }
}
