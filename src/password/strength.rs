//! A guess-count estimate in the manner of zxcvbn, aware of the Russian keyboard.
//!
//! The password is covered by the cheapest chain of pieces, each piece priced by how an
//! attacker would guess it: list words with their ranks (in either layout, transliterated,
//! with capitals, leet and lookalike letters), repeats of what came just before (any number
//! of times, of a unit of up to [`MAX_PERIOD`] characters), alphabet or digit sequences,
//! walks along the keyboard (ЙЦУКЕН letters sit on the QWERTY keys, so one walk table covers
//! both layouts), dates and years, and single characters by class. Words and walks look at
//! most [`MAX_RUN`] characters ahead; repeats and sequences are followed to their end, and
//! each is measured once, so the work stays linear in the length, which the policy caps.
//! Prices are added as logarithms, worked out once where they can be (a list word's rank).
//!
//! The list words found on the way serve the blocklist too: [`assess`] hands them to the
//! decoration search, so a check walks the dictionary forwards once.

use super::decoration::{Decorated, Search};
use super::dictionary::{Entry, fold_case};
use super::reading::{Scan, Step};
use std::sync::LazyLock;

/// The longest keyboard walk considered in one piece.
const MAX_RUN: usize = 24;

/// The longest unit a repeat is made of (`Password1!` repeated has a unit of 10).
const MAX_PERIOD: usize = 32;

/// How hard a password is to guess.
///
/// `guesses_log10` is the base-10 logarithm of the estimated number of guesses an attacker
/// needs; `score` buckets it like zxcvbn: 0 below 10³, 1 below 10⁶, 2 below 10⁸, 3 below
/// 10¹⁰, 4 from 10¹⁰ on.
///
/// ```
/// use restore_access::password::Strength;
/// assert_eq!(Strength::estimate("qwerty").score, 0);
/// assert_eq!(Strength::estimate("йцукен").score, 0);
/// assert!(Strength::estimate("koloBok_15!").score >= 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Strength {
    /// 0 (guessed at once) to 4 (very hard to guess).
    pub score: u8,
    /// log10 of the estimated number of guesses.
    pub guesses_log10: f64,
}

impl Strength {
    /// Estimates the strength of `password` as typed. Runs in time linear in its length, and
    /// looks at no more than its first [`MAX_PASSWORD_BYTES`](super::MAX_PASSWORD_BYTES)
    /// bytes (the longest password any policy accepts), so the time is bounded whatever it
    /// is given.
    pub fn estimate(password: &str) -> Strength {
        assess(&Scan::new(super::capped(password)), false).0
    }

    fn from_log10(guesses_log10: f64) -> Strength {
        let score = match guesses_log10 {
            g if g < 3.0 => 0,
            g if g < 6.0 => 1,
            g if g < 8.0 => 2,
            g if g < 10.0 => 3,
            _ => 4,
        };
        Strength {
            score,
            guesses_log10,
        }
    }
}

/// The strength of `scan`, and with `decorations` the cheapest reading of all of it as one
/// decorated list word: the cover finds the words, and the search keeps those that fit.
pub(crate) fn assess(scan: &Scan, decorations: bool) -> (Strength, Option<Decorated>) {
    let mut search = decorations.then(|| Search::new(scan)).flatten();
    let strength = Strength::from_log10(cheapest_cover(scan, search.as_mut()));
    let decorated = search.and_then(|mut search| {
        search.reversed(scan);
        search.best()
    });
    (strength, decorated)
}

/// log10 of the guesses for the cheapest cover of the password by pieces, handing `search`
/// every list word found on the way.
fn cheapest_cover(scan: &Scan, mut search: Option<&mut Search>) -> f64 {
    let n = scan.len();
    // best[i]: cheapest cover of chars[..i]; start from each reached position and relax.
    let mut best = vec![f64::INFINITY; n.saturating_add(1)];
    if let Some(b) = best.first_mut() {
        *b = 0.0;
    }
    let repeats = repeats(&scan.keys);
    let walks = Walks::new(&scan.keys);
    let mut repeats = repeats.iter().peekable();
    let mut sequence = Sequence::default();
    for start in 0..n {
        let Some(&base) = best.get(start) else { break };
        // A piece from `start` to `end` that costs `log10` guesses; taken without a branch,
        // since whether a piece improves the cover is as good as random.
        let mut relax = |end: usize, log10: f64| {
            if let Some(slot) = best.get_mut(end) {
                *slot = slot.min(base + log10.max(0.0));
            }
        };
        if let Some(&c) = scan.chars.get(start) {
            relax(start.saturating_add(1), class_log10(c));
        }
        words(scan, start, &mut |end, log10, entry| {
            relax(end, log10);
            if let Some(search) = search.as_deref_mut() {
                search.word(start, end, log10, entry);
            }
        });
        while let Some(piece) = repeats.next_if(|piece| piece.start == start) {
            relax(piece.end, piece.log10);
        }
        sequence.at(&scan.chars, start, &mut relax);
        walks.at(start, &mut relax);
        dates(&scan.chars, start, &mut relax);
    }
    best.last().copied().unwrap_or(0.0).max(0.0)
}

/// log10 of the guesses for one character chosen blindly from its class (10 digits,
/// 26 Latin letters, 33 Russian letters or ASCII symbols, 100 for anything else).
fn class_log10(c: char) -> f64 {
    match c {
        '0'..='9' => 1.0,
        'a'..='z' | 'A'..='Z' => 1.414_973_347_970_818, // log10(26)
        'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => 1.518_513_939_877_887, // log10(33)
        c if c.is_ascii_punctuation() || c == ' ' => 1.518_513_939_877_887,
        _ => 2.0,
    }
}

/// List words starting at `start`, in each reading, each handed to `found` with its end and
/// price.
fn words<'s>(scan: &'s Scan, start: usize, found: &mut impl FnMut(usize, f64, Entry)) {
    let ahead = |reading: &'s [Step]| reading.get(start..).unwrap_or_default().iter();
    scan.walk(ahead, &mut |len, substitutions, entry| {
        let end = start.saturating_add(len);
        found(
            end,
            scan.word_log10(start, end, entry, substitutions),
            entry,
        );
    });
}

/// Repeats of what came just before: from some position on, the characters repeat the `p`
/// before them (`aaaa`, `abcabc`, `Password1!Password1!`), for a unit of up to
/// [`MAX_PERIOD`] characters and any number of times. The unit is paid for by the pieces that
/// cover it; the repeat costs the choice of the unit's length and of the number of copies.
///
/// Each period is one pass over the password that finds its maximal runs, so the work is
/// linear in the length; the pieces come out ordered by where they start.
fn repeats(keys: &[char]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for p in 1..=MAX_PERIOD.min(keys.len()) {
        let ahead = keys.get(p..).unwrap_or_default();
        // The run of characters, each the same as the one p before it, that ends before `end`.
        let mut emit = |end: usize, len: usize| {
            if len >= p.max(2) {
                let start = end.saturating_sub(len);
                let whole = len.checked_div(p).unwrap_or(0).saturating_mul(p);
                for covered in [len, whole] {
                    let copies = covered.div_ceil(p);
                    pieces.push(Piece {
                        start,
                        end: start.saturating_add(covered),
                        log10: (p.saturating_mul(copies) as f64).log10(),
                    });
                }
            }
        };
        // Alternately skip to where a run starts and measure it: two tight scans.
        let mut at = 0usize;
        while at < ahead.len() {
            let pairs = |from: usize| ahead.iter().zip(keys).skip(from);
            at = at.saturating_add(pairs(at).position(|(a, b)| a == b).unwrap_or(ahead.len()));
            let len = pairs(at).take_while(|(a, b)| a == b).count();
            at = at.saturating_add(len);
            emit(at.saturating_add(p), len);
        }
    }
    pieces.sort_unstable_by_key(|piece| piece.start);
    pieces
}

/// A piece of the cover found before the cover is built.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    log10: f64,
}

/// Runs with a constant step of ±1 through the alphabet or the digits (`abcd`, `9876`,
/// `абвг`), followed to their end. A run found from one position is reused, shortened, from
/// the next, so the work is linear.
#[derive(Debug, Default)]
struct Sequence {
    /// Where the last run found ends, and its step.
    end: usize,
    step: i64,
}

impl Sequence {
    fn at(&mut self, chars: &[char], start: usize, relax: &mut impl FnMut(usize, f64)) {
        let lower = |i: usize| chars.get(i).map(|&c| i64::from(u32::from(fold_case(c))));
        // The step from the character at i - 1 to the one at i.
        let step_at = |i: usize| {
            let (b, a) = (lower(i)?, lower(i.checked_sub(1)?)?);
            b.checked_sub(a)
        };
        if self.end < start.saturating_add(3) {
            let Some(step) = step_at(start.saturating_add(1)).filter(|s| s.abs() == 1) else {
                return;
            };
            let mut end = start.saturating_add(2);
            while step_at(end) == Some(step) {
                end = end.saturating_add(1);
            }
            *self = Sequence { end, step };
        }
        let len = self.end.saturating_sub(start);
        if len < 3 {
            return;
        }
        let obvious_start = matches!(
            lower(start)
                .and_then(|c| u32::try_from(c).ok())
                .and_then(char::from_u32),
            Some('a' | 'z' | '0' | '1' | '9' | 'а' | 'я')
        );
        let start_guesses = if obvious_start { 4.0 } else { 26.0 };
        let direction = if self.step < 0 { 2.0 } else { 1.0 };
        relax(self.end, (start_guesses * len as f64 * direction).log10());
    }
}

/// The physical position of the key carrying `key` (a key-form character): row, column.
fn position(key: char) -> Option<(i8, i8)> {
    KEY_POSITIONS
        .get(key as usize)
        .copied()
        .filter(|&(row, _)| row >= 0)
}

/// Row and column of each ASCII character on a US keyboard, shifted or not; (-1, -1) for
/// characters on no key. Built at compile time from the rows.
const KEY_POSITIONS: [(i8, i8); 128] = {
    const ROWS: [&[u8]; 8] = [
        b"`1234567890-=",
        b"qwertyuiop[]\\",
        b"asdfghjkl;'",
        b"zxcvbnm,./",
        b"~!@#$%^&*()_+",
        b"QWERTYUIOP{}|",
        b"ASDFGHJKL:\"",
        b"ZXCVBNM<>?",
    ];
    let mut table = [(-1i8, -1i8); 128];
    let mut r = 0;
    while r < ROWS.len() {
        let mut c = 0;
        while c < ROWS[r].len() {
            table[ROWS[r][c] as usize] = ((r % 4) as i8, c as i8);
            c += 1;
        }
        r += 1;
    }
    table
};

/// Neighbouring keys on a staggered keyboard: left and right, and the two keys touching from
/// the row above and below. Returns the direction of the step.
fn step(a: char, b: char) -> Option<(i8, i8)> {
    let ((r1, c1), (r2, c2)) = (position(a)?, position(b)?);
    let d = (r2.checked_sub(r1)?, c2.checked_sub(c1)?);
    matches!(d, (0, -1) | (0, 1) | (-1, 0) | (-1, 1) | (1, -1) | (1, 0)).then_some(d)
}

/// log10 of the guesses for a walk of each length before its turns: a start among 47 keys,
/// times the length. Worked out once; walks are found at every step of some passwords.
static WALK_LOG10: LazyLock<[f64; MAX_RUN + 1]> = LazyLock::new(|| {
    let mut table = [0.0; MAX_RUN + 1];
    for (len, slot) in (0u32..).zip(table.iter_mut()) {
        *slot = (47.0 * f64::from(len)).log10();
    }
    table
});

/// The keyboard walks a password holds, worked out once so that each start only reads them.
#[derive(Debug)]
struct Walks {
    /// For each key: how many steps between neighbouring keys follow one another from the
    /// step into it on (none into the first key), and log10 of what that step adds by
    /// turning from the one before it (a choice of four directions), or nothing.
    steps: Vec<(usize, f64)>,
}

impl Walks {
    fn new(keys: &[char]) -> Walks {
        let mut last: Option<(i8, i8)> = None;
        let mut previous: Option<char> = None;
        let mut steps: Vec<(usize, f64)> = keys
            .iter()
            .map(|&key| {
                let d = previous.and_then(|a| step(a, key));
                let turn = match (d, last) {
                    (Some(d), Some(l)) if d != l => 2.0 * std::f64::consts::LOG10_2,
                    _ => 0.0,
                };
                (previous, last) = (Some(key), d);
                (usize::from(d.is_some()), turn)
            })
            .collect();
        let mut after = 0usize;
        for (reach, _) in steps.iter_mut().rev() {
            after = if *reach > 0 {
                after.saturating_add(1)
            } else {
                0
            };
            *reach = after;
        }
        Walks { steps }
    }

    /// Walks along neighbouring keys (`qwerty`, `1qaz2wsx`, `йцукен`, `фывапролдж`) from
    /// `start`, of three keys and more.
    fn at(&self, start: usize, relax: &mut impl FnMut(usize, f64)) {
        let first = start.saturating_add(1);
        let reach = self.steps.get(first).map_or(0, |s| s.0);
        // The longest walk from here, in keys.
        let keys = reach.saturating_add(1).min(MAX_RUN);
        let prices = &*WALK_LOG10;
        let turns = self
            .steps
            .get(first.saturating_add(1)..start.saturating_add(keys))
            .unwrap_or_default();
        let mut turns_log10 = 0.0;
        for ((end, &(_, turn)), &price) in (start.saturating_add(3)..)
            .zip(turns)
            .zip(prices.get(3..).unwrap_or_default())
        {
            turns_log10 += turn;
            relax(end, price + turns_log10);
        }
    }
}

/// Dates written with digits: a year, day and month, day-month-year in either order, with or
/// without one kind of separator (`1985`, `0505`, `050585`, `05.05.1985`, `19850505`).
fn dates(chars: &[char], start: usize, relax: &mut impl FnMut(usize, f64)) {
    if !chars.get(start).is_some_and(char::is_ascii_digit) {
        return;
    }
    // One pass over the longest piece, priced at each length a date can have.
    let mut digits = [0u32; 10];
    let mut count = 0usize;
    let mut sep: Option<char> = None;
    let mut seps = 0u8;
    for (len, &c) in (1usize..).zip(chars.iter().skip(start).take(digits.len())) {
        match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => {
                if let Some(slot) = digits.get_mut(count) {
                    *slot = d;
                }
                count = count.saturating_add(1);
            }
            _ if matches!(c, '.' | '-' | '/' | ' ') && sep.is_none_or(|s| s == c) => {
                sep = Some(c);
                seps = seps.saturating_add(1);
            }
            _ => break,
        }
        let priced = matches!(len, 4 | 6 | 8 | 10)
            .then(|| date_log10(digits.get(..count).unwrap_or_default(), seps))
            .flatten();
        if let Some(log10) = priced {
            relax(start.saturating_add(len), log10);
        }
    }
}

/// log10 of the guesses for a piece with these digits and this many separators (of one
/// kind), if it is a date.
fn date_log10(digits: &[u32], seps: u8) -> Option<f64> {
    let count = digits.len();
    let separated = match seps {
        0 => false,
        2 => true,
        _ => return None,
    };
    // The two-digit number at digits[i..i + 2].
    let two = |i: usize| {
        let (tens, ones) = (digits.get(i)?, digits.get(i.saturating_add(1))?);
        Some(tens.saturating_mul(10).saturating_add(*ones))
    };
    let day_month = |d: usize, m: usize| matches!((two(d), two(m)), (Some(1..=31), Some(1..=12)));
    // 1900 to 2039.
    let year = |y: usize| {
        let next = y.saturating_add(2);
        matches!(
            (two(y), two(next)),
            (Some(19), Some(_)) | (Some(20), Some(0..=39))
        )
    };
    let found = match count {
        4 if !separated => year(0) || day_month(0, 2),
        6 => day_month(0, 2) || day_month(4, 2),
        8 => (day_month(0, 2) && year(4)) || (year(0) && day_month(6, 4)),
        _ => false,
    };
    if !found {
        return None;
    }
    // log10 of 366 days, times 100 two-digit or 150 four-digit years; four separators.
    let base = match count {
        4 => DAYS_LOG10,
        6 => DAYS_LOG10 + 2.0,
        _ => DAYS_LOG10 + YEARS_LOG10,
    };
    Some(if separated {
        base + 2.0 * std::f64::consts::LOG10_2
    } else {
        base
    })
}

/// log10(366): a day of the year.
const DAYS_LOG10: f64 = 2.563_481_085_394_411_5;
/// log10(150): a four-digit year in the range people write.
const YEARS_LOG10: f64 = 2.176_091_259_055_681;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::password::decoration::BLOCKLIST_GUESSES_LOG10;

    fn found(s: &str) -> Option<Decorated> {
        assess(&Scan::new(s), true).1
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
    fn date_constants_are_the_logs_of_their_counts() {
        assert!((DAYS_LOG10 - 366f64.log10()).abs() < 1e-12);
        assert!((YEARS_LOG10 - 150f64.log10()).abs() < 1e-12);
    }

    #[test]
    fn class_constants_are_the_logs_of_the_class_sizes() {
        for (c, size) in [
            ('7', 10.0f64),
            ('q', 26.0),
            ('ж', 33.0),
            ('!', 33.0),
            ('€', 100.0),
        ] {
            assert!((class_log10(c) - size.log10()).abs() < 1e-12, "{c}");
        }
    }
}
