//! The decorations people stick on a list word (`Trustno1!`, `!Qwerty2024`, `Aa123456!`),
//! and the search for the cheapest way to read a whole password as one decorated word.
//!
//! The strength estimator walks the dictionary from every position already; the search
//! takes the words it finds there that, with what stands before and after them, make up
//! the whole password ([`Search::word`]), and adds its own walks only for words written
//! backwards ([`Search::reversed`]). Decorations are priced once per password, so every
//! way to split it into prefix, word and suffix is tried at the cost of a table lookup.

use super::dictionary::{Entry, MAX_WORD, MIN_WORD};
use super::reading::{Scan, Step};

/// Longest run of digits, symbols and letters stuck before or after a list word that still
/// counts as a decoration, in characters. It bounds the search: at most `MAX_AFFIX + 1`
/// places for the word to start or end.
const MAX_AFFIX: usize = 12;

/// At most this many letters in one decoration (`Aa`, `Q`): more is a word of its own.
const MAX_AFFIX_LETTERS: usize = 2;

/// The longest password read as one decorated word.
const MAX_DECORATED: usize = MAX_WORD + 2 * MAX_AFFIX;

/// Below this many guesses a decorated list word counts as blocklisted: an online attacker
/// with the lists and the usual decorations finds it within a million tries.
pub(crate) const BLOCKLIST_GUESSES_LOG10: f64 = 6.0;

/// The symbols people add first; any other ASCII punctuation costs more.
const COMMON_SYMBOLS: &str = "!@#$%&*._-+?";

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
fn digit_run_guesses(digits: &[char]) -> f64 {
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

/// The search for the cheapest reading of a whole password as one list word of
/// [`MIN_WORD`] to [`MAX_WORD`] characters with up to [`MAX_AFFIX`] characters of decoration
/// on either side: in capitals or not, with leet or lookalike letters undone, forwards or
/// reversed.
#[derive(Debug)]
pub(crate) struct Search {
    /// The guesses for the first `a` characters as a decoration, if they are one.
    prefix: [Option<f64>; MAX_AFFIX + 1],
    /// The same for the last `k` characters.
    suffix: [Option<f64>; MAX_AFFIX + 1],
    len: usize,
    best: Option<Decorated>,
}

impl Search {
    /// A search over `scan`, or `None` if it is too short or too long to be one decorated
    /// word.
    pub(crate) fn new(scan: &Scan) -> Option<Search> {
        let chars = &scan.chars;
        let n = chars.len();
        if !(MIN_WORD..=MAX_DECORATED).contains(&n) {
            return None;
        }
        let mut search = Search {
            prefix: [None; MAX_AFFIX + 1],
            suffix: [None; MAX_AFFIX + 1],
            len: n,
            best: None,
        };
        // What is no decoration stays none when it grows, so each table stops at the first.
        for (k, slot) in search.prefix.iter_mut().enumerate() {
            *slot = chars.get(..k).and_then(affix_guesses);
            if slot.is_none() {
                break;
            }
        }
        for (k, slot) in search.suffix.iter_mut().enumerate() {
            *slot = chars.get(n.saturating_sub(k)..).and_then(affix_guesses);
            if slot.is_none() {
                break;
            }
        }
        Some(search)
    }

    /// Takes the list word `entry`, found at `start..end` and priced `log10` for its rank,
    /// capitals and substitutions, if what stands around it is decoration.
    pub(crate) fn word(&mut self, start: usize, end: usize, log10: f64, entry: Entry) {
        let pre = self.prefix.get(start).copied().flatten();
        let suf = self
            .suffix
            .get(self.len.saturating_sub(end))
            .copied()
            .flatten();
        if let (Some(pre), Some(suf)) = (pre, suf) {
            let guesses_log10 = log10 + (pre * suf).log10();
            if self.best.is_none_or(|b| guesses_log10 < b.guesses_log10) {
                self.best = Some(Decorated {
                    guesses_log10,
                    word: entry.word,
                });
            }
        }
    }

    /// Walks backwards from each place a word can end before a decoration, in each reading:
    /// list words written reversed (`!1onTSURt`). At most `MAX_AFFIX + 1` walks of at most
    /// `MAX_WORD` steps.
    pub(crate) fn reversed<'s>(&mut self, scan: &'s Scan) {
        for k in 0..=MAX_AFFIX.min(self.len) {
            if self.suffix.get(k).copied().flatten().is_none() {
                break;
            }
            let end = self.len.saturating_sub(k);
            let behind = |reading: &'s [Step]| reading.get(..end).unwrap_or_default().iter().rev();
            scan.walk(behind, &mut |len, substitutions, entry| {
                let start = end.saturating_sub(len);
                let log10 = scan.word_log10(start, end, entry, substitutions);
                self.word(start, end, log10 + std::f64::consts::LOG10_2, entry);
            });
        }
    }

    /// The cheapest decorated word found.
    pub(crate) fn best(&self) -> Option<Decorated> {
        self.best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables of [`Search::new`] stop at the first part that is no decoration: every
    /// longer one must be none too, at either end.
    #[test]
    fn no_decoration_grows_into_one() {
        let alphabet = ['a', 'A', 'b', '1', '!', 'ж'];
        let mut word = Vec::new();
        // Every word of one to six characters over the alphabet (bijective base 6).
        for code in 1..=(1..=6).map(|k| 6usize.pow(k)).sum() {
            word.clear();
            let mut rest: usize = code;
            while rest > 0 {
                rest -= 1;
                word.push(alphabet[rest % 6]);
                rest /= 6;
            }
            if affix_guesses(&word).is_some() {
                let shorter = [&word[1..], &word[..word.len() - 1]];
                assert!(
                    shorter.iter().all(|w| affix_guesses(w).is_some()),
                    "{word:?}"
                );
            }
        }
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
