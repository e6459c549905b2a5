//! A password read once for every matcher: its characters, their key forms, each reading
//! of it in the dictionary's symbols, and where its capitals are.
//!
//! A reading undoes one kind of disguise: leet (`P@ssw0rd`), or letters of one alphabet that
//! look like the other's (`pаssword` with a Cyrillic `а`, `пapoль` with Latin `a`, `p`, `o`).
//! The word matchers walk the dictionary along each reading; working the readings out once
//! per password leaves them only the walking.

use super::dictionary::{Dictionary, Entry, MAX_WORD, MIN_WORD, Mark, fold_case, key_char};

/// The letter a common "leet" substitution stands for; `one` is what `1` stands for
/// (`i` or `l`: both are common, so both are tried).
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

/// The Latin lookalike of each Cyrillic small letter from `а` to `я`, indexed from `а`, and
/// the Cyrillic lookalike of each ASCII character: the pairs above, laid out once at compile
/// time so a lookup is one load.
const LATIN_LOOKALIKE: [Option<char>; 32] = {
    let mut table = [None; 32];
    let mut i = 0;
    while i < LOOKALIKES.len() {
        let (cyrillic, latin) = LOOKALIKES[i];
        table[(cyrillic as u32 - 'а' as u32) as usize] = Some(latin);
        i += 1;
    }
    table
};

const CYRILLIC_LOOKALIKE: [Option<char>; 128] = {
    let mut table = [None; 128];
    let mut i = 0;
    while i < LOOKALIKES.len() {
        let (cyrillic, latin) = LOOKALIKES[i];
        table[latin as usize] = Some(cyrillic);
        i += 1;
    }
    table
};

/// The letter of the other alphabet that `c` (lower case) looks like, if there is one.
fn lookalike(c: char) -> Option<char> {
    let index = |table_start: char| (c as usize).checked_sub(table_start as usize);
    match c {
        'а'..='я' => index('а')
            .and_then(|i| LATIN_LOOKALIKE.get(i))
            .copied()
            .flatten(),
        _ if c.is_ascii() => CYRILLIC_LOOKALIKE.get(c as usize).copied().flatten(),
        _ => None,
    }
}

/// The ways a matcher reads a password besides as typed: with leet undone (`1` as `i`, then
/// as `l`), and with lookalike letters read as the other alphabet's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Unleet(char),
    AsLatin,
    AsCyrillic,
}

impl Reading {
    const ALL: [Reading; 4] = [
        Reading::Unleet('i'),
        Reading::Unleet('l'),
        Reading::AsLatin,
        Reading::AsCyrillic,
    ];

    /// Whether this reading may differ from the typed one anywhere in `chars`.
    fn changes(self, chars: &[char]) -> bool {
        let has = |f: &dyn Fn(char) -> bool| chars.iter().any(|&c| f(fold_case(c)));
        // A letter with a lookalike in the other alphabet, Latin or Cyrillic.
        let lookalike_in = |latin: bool| has(&|c| c.is_ascii() == latin && lookalike(c).is_some());
        match self {
            Reading::Unleet('l') => chars.contains(&'1'),
            Reading::Unleet(one) => has(&|c| unleet(c, one).is_some()),
            Reading::AsLatin => has(&|c| c.is_ascii_lowercase()) && lookalike_in(false),
            Reading::AsCyrillic => has(&|c| matches!(c, 'а'..='я' | 'ё')) && lookalike_in(true),
        }
    }

    /// The key form in this reading of the typed character `c`, whose own key form is `key`,
    /// if a substitution is undone there; `None` where the reading agrees with the typed one.
    fn undo(self, c: char, key: char) -> Option<char> {
        // Only a letter of the alphabet being read away from changes.
        let swap = |from_ascii: bool| {
            let lower = fold_case(c);
            lookalike(lower)
                .filter(|_| lower.is_ascii() == from_ascii)
                .map(key_char)
        };
        match self {
            Reading::Unleet(one) => unleet(key, one),
            Reading::AsLatin => swap(false),
            Reading::AsCyrillic => swap(true),
        }
    }
}

/// One character in one reading: the dictionary symbol of its key form in that reading, and
/// whether a substitution was undone to get it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Step {
    pub(crate) symbol: u8,
    pub(crate) undone: bool,
}

/// A password as the matchers see it.
#[derive(Debug)]
pub(crate) struct Scan {
    /// As typed.
    pub(crate) chars: Vec<char>,
    /// The key form of each character (lower case, Cyrillic letters as their QWERTY keys):
    /// what repeats and keyboard walks compare.
    pub(crate) keys: Vec<char>,
    /// Each reading that changes something, as typed first; no two alike.
    pub(crate) readings: Vec<Vec<Step>>,
    /// `case[i]`: how many capitals and how many small letters `chars[..i]` holds.
    case: Vec<(u16, u16)>,
}

impl Scan {
    /// Reads `password`, which the caller has already capped in length.
    pub(crate) fn new(password: &str) -> Scan {
        // One allocation each: a character is at least a byte.
        let mut chars = Vec::with_capacity(password.len());
        chars.extend(password.chars());
        let dict = Dictionary::get();
        let keys: Vec<char> = chars.iter().map(|&c| key_char(c)).collect();
        let typed: Vec<Step> = keys
            .iter()
            .map(|&key| Step {
                symbol: dict.symbol(key),
                undone: false,
            })
            .collect();
        let mut readings = vec![typed];
        for reading in Reading::ALL {
            if !reading.changes(&chars) {
                continue;
            }
            // The typed reading, with each substitution this reading undoes.
            let mut steps = readings.first().cloned().unwrap_or_default();
            let mut changed = false;
            for ((step, &c), &key) in steps.iter_mut().zip(&chars).zip(&keys) {
                if let Some(undone) = reading.undo(c, key) {
                    *step = Step {
                        symbol: dict.symbol(undone),
                        undone: true,
                    };
                    changed = true;
                }
            }
            if changed && !readings.contains(&steps) {
                readings.push(steps);
            }
        }
        let mut case = Vec::with_capacity(chars.len().saturating_add(1));
        let mut counts = (0u16, 0u16);
        case.push(counts);
        for c in &chars {
            if c.is_uppercase() {
                counts.0 = counts.0.saturating_add(1);
            } else if c.is_lowercase() {
                counts.1 = counts.1.saturating_add(1);
            }
            case.push(counts);
        }
        Scan {
            chars,
            keys,
            readings,
            case,
        }
    }

    /// The number of characters.
    pub(crate) fn len(&self) -> usize {
        self.chars.len()
    }

    /// Walks the dictionary along every reading, each read by `along` (from a position on,
    /// or backwards from one), for up to [`MAX_WORD`] steps, handing `found` each entry
    /// reached with its length and the substitutions undone on the way. Readings agree up to
    /// their first substitution, so another reading resumes the typed walk there, and is not
    /// walked at all when that walk stopped before.
    pub(crate) fn walk<'s, I>(
        &'s self,
        along: impl Fn(&'s [Step]) -> I,
        found: &mut impl FnMut(usize, u8, Entry),
    ) where
        I: Iterator<Item = &'s Step>,
    {
        let dict = Dictionary::get();
        let Some((typed, others)) = self.readings.split_first() else {
            return;
        };
        // path[k]: where the typed walk stood before its step k.
        let mut path = [Mark::default(); MAX_WORD];
        let mut cursor = dict.cursor();
        let mut depth = 0usize;
        for (slot, step) in path.iter_mut().zip(along(typed)) {
            *slot = cursor.mark();
            if !cursor.push(step.symbol) {
                break;
            }
            depth = depth.saturating_add(1);
            if let Some(entry) = cursor.entry().filter(|_| depth >= MIN_WORD) {
                found(depth, 0, entry);
            }
        }
        let reach = depth.saturating_add(1);
        for reading in others {
            let Some(first) = along(reading).take(reach).position(|step| step.undone) else {
                continue;
            };
            let Some(mut cursor) = path.get(first).map(|&mark| dict.resume(mark)) else {
                continue;
            };
            let mut substitutions = 0u8;
            let steps = along(reading).take(MAX_WORD).skip(first);
            for (len, step) in (first.saturating_add(1)..).zip(steps) {
                substitutions = substitutions.saturating_add(u8::from(step.undone));
                if !cursor.push(step.symbol) {
                    break;
                }
                if let Some(entry) = cursor.entry().filter(|_| len >= MIN_WORD) {
                    found(len, substitutions, entry);
                }
            }
        }
    }

    /// log10 of the guesses for the list word `entry` found at `chars[start..end]` with
    /// `substitutions` undone: its rank, its capitals, and a choice of two for each
    /// substitution.
    pub(crate) fn word_log10(
        &self,
        start: usize,
        end: usize,
        entry: Entry,
        substitutions: u8,
    ) -> f64 {
        f64::from(entry.rank_log10)
            + self.case_log10(start, end)
            + f64::from(substitutions) * std::f64::consts::LOG10_2
    }

    /// log10 of the guesses the capitalisation of `chars[start..end]` adds: none for lower
    /// case, two for the usual all-caps or capitalised forms, otherwise the number of ways
    /// to pick that many capitals (the zxcvbn rule). Constant time but for that last case.
    pub(crate) fn case_log10(&self, start: usize, end: usize) -> f64 {
        let (Some(&(u0, l0)), Some(&(u1, l1))) = (self.case.get(start), self.case.get(end)) else {
            return 0.0;
        };
        let upper = usize::from(u1.saturating_sub(u0));
        if upper == 0 {
            return 0.0;
        }
        let lower = usize::from(l1.saturating_sub(l0));
        let is_upper = |i: Option<usize>| {
            i.and_then(|i| self.chars.get(i))
                .is_some_and(|c| c.is_uppercase())
        };
        let first_or_last = upper == 1 && (is_upper(Some(start)) || is_upper(end.checked_sub(1)));
        if lower == 0 || first_or_last {
            return std::f64::consts::LOG10_2;
        }
        (1..=upper.min(lower))
            .map(|k| binomial(upper.saturating_add(lower), k))
            .sum::<f64>()
            .log10()
    }
}

/// n choose k, in floating point (it only prices guesses).
fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| {
        acc * n.saturating_sub(i) as f64 / i.saturating_add(1) as f64
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &str) -> Scan {
        Scan::new(s)
    }

    #[test]
    fn only_readings_that_change_something_are_kept() {
        assert_eq!(scan("koloBok").readings.len(), 1);
        // 1 as i, 1 as l, ! as i.
        assert_eq!(scan("Trustno1!").readings.len(), 3);
        // A Cyrillic «а» and «о» among Latin letters: read as Latin, and as Cyrillic.
        let mixed = scan("Pаsswоrd");
        assert_eq!(mixed.readings.len(), 3);
        let undone: Vec<bool> = mixed.readings[1].iter().map(|s| s.undone).collect();
        assert_eq!(
            undone,
            [false, true, false, false, false, true, false, false]
        );
    }

    #[test]
    fn capitals_are_priced_like_zxcvbn() {
        let s = scan("passWORD Password pAssWord");
        assert_eq!(s.case_log10(0, 4), 0.0);
        assert_eq!(s.case_log10(4, 8), std::f64::consts::LOG10_2);
        assert_eq!(s.case_log10(9, 17), std::f64::consts::LOG10_2);
        // Two capitals among eight letters: C(8,1) + C(8,2) = 36.
        assert!((s.case_log10(18, 26) - 36f64.log10()).abs() < 1e-12);
    }
}
