//! The compiled-in word lists, as one trie every word matcher walks.
//!
//! Every entry and every piece of a password is compared in its *key form*: lower case, and
//! each Cyrillic letter replaced by the QWERTY character on the same key. So «пароль»,
//! `ПАРОЛЬ` and `gfhjkm` are one entry, and a Russian word typed on either layout is found.
//! Cyrillic entries are also entered transliterated (`катя` as `katya` and `katia`). The
//! sources and licences of the lists are in `data/README.md`.
//!
//! The lists are joined once into one trie of key forms; a [`Cursor`] walks it one
//! character at a time, so a lookup allocates nothing and stops as soon as no entry starts
//! with what it has read.

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
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().map(key_char));
    out
}

/// One entry: its best rank and the word as a list spells it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    /// log10 of its rank (1 = the most common entry of its list): the matchers price in
    /// logarithms.
    pub(crate) rank_log10: f32,
    /// The entry as its list spells it (`катя` also for `rfnz` and `katya`).
    pub(crate) word: &'static str,
}

/// A list's words short enough to be matched, each with its rank.
fn ranked(list: &'static str) -> impl Iterator<Item = (&'static str, u32)> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|w| w.chars().count() <= MAX_WORD)
        .zip(1u32..)
}

/// The symbol of a byte no entry holds: a step on it fails at once.
pub(crate) const NO_SYMBOL: u8 = u8::MAX;

/// Every list's entries in key form as a trie over at most 64 symbols (the key forms are
/// ASCII and use about fifty bytes). A node keeps a bit for each symbol that continues it and
/// its children side by side, so a step is a bit test and a population count, and a lookup
/// allocates nothing.
#[derive(Debug)]
pub(crate) struct Dictionary {
    /// The symbol of each ASCII byte, in byte order, or [`NO_SYMBOL`].
    symbols: [u8; 128],
    /// The root first; each node's children in symbol order.
    nodes: Vec<Node>,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// Bit `s` is set when a child follows on symbol `s`.
    children: u64,
    /// The index of the first child; the others follow it.
    first: u32,
    /// The index of the entry ending here, or [`NO_ENTRY`].
    entry: u32,
}

const NO_ENTRY: u32 = u32::MAX;

const LEAF: Node = Node {
    children: 0,
    first: 0,
    entry: NO_ENTRY,
};

/// An entry in key form while the trie is built: key, rank, word.
type Keyed = (String, u32, &'static str);

static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(Dictionary::build);

impl Dictionary {
    pub(crate) fn get() -> &'static Dictionary {
        &DICTIONARY
    }

    fn build() -> Dictionary {
        let mut keyed: Vec<Keyed> = Vec::new();
        for (list, transliterate) in LISTS {
            for (word, rank) in ranked(list) {
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
        // Symbols for the first 64 bytes the entries use, in byte order (a unit test checks
        // that no entry is left out for want of one).
        let mut used = [false; 128];
        for b in keyed.iter().flat_map(|k| k.0.bytes()) {
            if let Some(slot) = used.get_mut(usize::from(b)) {
                *slot = true;
            }
        }
        let mut symbols = [NO_SYMBOL; 128];
        let mut next = 0u8;
        for (slot, _) in symbols.iter_mut().zip(used).filter(|&(_, used)| used) {
            if next < 64 {
                *slot = next;
                next = next.saturating_add(1);
            }
        }
        let mut dict = Dictionary {
            symbols,
            nodes: vec![LEAF],
            entries: Vec::with_capacity(keyed.len()),
        };
        keyed.retain(|k| k.0.chars().all(|c| dict.symbol(c) != NO_SYMBOL));
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        keyed.dedup_by(|later, first| later.0 == first.0);
        dict.add_children(0, &keyed, 0);
        dict
    }

    /// Adds the children of `parent`, the node of the prefix of length `depth` that every
    /// key in `keys` (sorted, each longer than `depth`) shares, and below them the nodes of
    /// all their longer prefixes.
    fn add_children(&mut self, parent: usize, keys: &[Keyed], depth: usize) {
        let byte = |k: &Keyed| k.0.as_bytes().get(depth).copied().unwrap_or(0);
        // The keys below, grouped by their next byte (contiguous: the keys are sorted).
        let mut groups: Vec<&[Keyed]> = Vec::new();
        let mut rest = keys;
        while let Some(first) = rest.first() {
            let len = rest.iter().take_while(|k| byte(k) == byte(first)).count();
            let (group, after) = rest.split_at(len);
            groups.push(group);
            rest = after;
        }
        let first = self.nodes.len();
        let mut children = 0u64;
        for group in &groups {
            let symbol = group
                .first()
                .map_or(NO_SYMBOL, |k| self.symbol(char::from(byte(k))));
            children |= 1u64.checked_shl(u32::from(symbol)).unwrap_or(0);
            self.nodes.push(LEAF);
        }
        if let Some(node) = self.nodes.get_mut(parent) {
            node.children = children;
            node.first = u32::try_from(first).unwrap_or(u32::MAX);
        }
        let depth = depth.saturating_add(1);
        for (i, group) in groups.into_iter().enumerate() {
            let child = first.saturating_add(i);
            let mut below = group;
            if let Some(((k, rank, word), tail)) = group.split_first()
                && k.len() == depth
            {
                let entry = u32::try_from(self.entries.len()).unwrap_or(NO_ENTRY);
                self.entries.push(Entry {
                    rank_log10: (*rank as f32).log10(),
                    word,
                });
                if let Some(node) = self.nodes.get_mut(child) {
                    node.entry = entry;
                }
                below = tail;
            }
            if !below.is_empty() {
                self.add_children(child, below, depth);
            }
        }
    }

    /// The symbol of a key-form character, or [`NO_SYMBOL`] if no entry holds it.
    pub(crate) fn symbol(&self, key: char) -> u8 {
        self.symbols.get(key as usize).copied().unwrap_or(NO_SYMBOL)
    }

    /// A cursor at the empty prefix.
    pub(crate) fn cursor(&self) -> Cursor<'_> {
        self.resume(Mark(0))
    }

    /// A cursor back where [`Cursor::mark`] was taken.
    pub(crate) fn resume(&self, mark: Mark) -> Cursor<'_> {
        Cursor {
            dict: self,
            index: mark.0,
            node: self.nodes.get(mark.0 as usize).copied().unwrap_or(LEAF),
        }
    }

    /// The entry whose key form is `key_form`, if there is one.
    #[cfg(test)]
    pub(crate) fn lookup(&self, key_form: impl IntoIterator<Item = char>) -> Option<Entry> {
        let mut cursor = self.cursor();
        for c in key_form {
            if !cursor.push(self.symbol(c)) {
                return None;
            }
        }
        cursor.entry()
    }
}

/// A position in the trie: the prefix read so far, and a copy of its node, so a step reads
/// one node and an entry none.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cursor<'a> {
    dict: &'a Dictionary,
    index: u32,
    node: Node,
}

/// Where a cursor stood, to come back to: smaller than the cursor itself.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Mark(u32);

impl Cursor<'_> {
    /// Where the cursor stands now.
    pub(crate) fn mark(&self) -> Mark {
        Mark(self.index)
    }

    /// Extends the prefix by the character with dictionary symbol `symbol`; false (and the
    /// cursor is spent) when no entry starts with the new prefix.
    pub(crate) fn push(&mut self, symbol: u8) -> bool {
        let bit = 1u64.checked_shl(u32::from(symbol)).unwrap_or(0);
        if self.node.children & bit == 0 {
            return false;
        }
        let before = self.node.children & bit.wrapping_sub(1);
        let index = self.node.first.saturating_add(before.count_ones());
        let Some(&node) = self.dict.nodes.get(index as usize) else {
            return false;
        };
        (self.index, self.node) = (index, node);
        true
    }

    /// The entry that is the prefix itself, if there is one.
    pub(crate) fn entry(&self) -> Option<Entry> {
        self.dict.entries.get(self.node.entry as usize).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_loaded_in_key_form() {
        let dict = Dictionary::get();
        let rank = |s: &str| dict.lookup(key(s).chars()).map(|e| e.rank_log10);
        assert!(rank("пароль").is_some());
        assert_eq!(rank("пароль"), rank("gfhjkm"));
        assert!(rank("123456").is_some_and(|r| r < 20f32.log10()));
        assert!(rank("no such entry here").is_none());
        for word in [
            "michael", "katya", "katia", "rfnz", "smirnov", "ivanova", "jctym",
        ] {
            assert!(rank(word).is_some(), "{word}");
        }
        assert_eq!(dict.lookup("rfnz".chars()).map(|e| e.word), Some("катя"));
    }

    /// Each list word short enough to be matched is found, with a rank no worse than its
    /// own: no entry is left out for want of a symbol, and no child is misplaced.
    #[test]
    fn every_entry_is_found() {
        let dict = Dictionary::get();
        for (list, _) in LISTS {
            for (word, rank) in ranked(list) {
                let found = dict.lookup(key(word).chars());
                assert!(
                    found.is_some_and(|e| e.rank_log10 <= (rank as f32).log10()),
                    "{word}"
                );
            }
        }
    }
}
