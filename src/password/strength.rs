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

use super::dictionary::{
    Dictionary, MAX_WORD, MIN_WORD, case_guesses, fold_case, key_char, readings,
};

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
        let chars: Vec<char> = super::capped(password).chars().collect();
        Strength::from_log10(cheapest_cover(&chars))
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

/// log10 of the guesses for the cheapest cover of `chars` by pieces.
fn cheapest_cover(chars: &[char]) -> f64 {
    let n = chars.len();
    let keys: Vec<char> = chars.iter().map(|&c| key_char(c)).collect();
    // best[i]: cheapest cover of chars[..i]; start from each reached position and relax.
    let mut best = vec![f64::INFINITY; n.saturating_add(1)];
    if let Some(b) = best.first_mut() {
        *b = 0.0;
    }
    let readings = readings(chars);
    let mut repeats = Repeats::default();
    let mut sequence = Sequence::default();
    for start in 0..n {
        let Some(&base) = best.get(start) else { break };
        if let (Some(&c), Some(slot)) = (chars.get(start), best.get_mut(start.saturating_add(1))) {
            *slot = slot.min(base + class_log10(c));
        }
        let mut relax = |end: usize, guesses: f64| {
            if let Some(slot) = best.get_mut(end) {
                let cost = base + guesses.max(1.0).log10();
                if cost < *slot {
                    *slot = cost;
                }
            }
        };
        words(chars, &readings, start, &mut relax);
        repeats.at(&keys, start, &mut relax);
        sequence.at(chars, start, &mut relax);
        walks(&keys, start, &mut relax);
        dates(chars, start, &mut relax);
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

/// List words starting at `start`, in each reading.
fn words(
    chars: &[char],
    readings: &[Vec<(char, bool)>],
    start: usize,
    relax: &mut impl FnMut(usize, f64),
) {
    let dict = Dictionary::get();
    for (r, reading) in readings.iter().enumerate() {
        // Another reading only matters where it substitutes something within reach.
        let window = reading.get(start..).unwrap_or_default();
        if r > 0 && !window.iter().take(MAX_WORD).any(|m| m.1) {
            continue;
        }
        let mut cursor = dict.cursor();
        let mut substitutions = 0i32;
        for (i, &(k, undone)) in reading.iter().skip(start).take(MAX_WORD).enumerate() {
            substitutions = substitutions.saturating_add(i32::from(undone));
            if !cursor.push(k) {
                break;
            }
            let len = i.saturating_add(1);
            let end = start.saturating_add(len);
            if let (true, Some(entry), Some(word)) =
                (len >= MIN_WORD, cursor.entry(), chars.get(start..end))
            {
                relax(
                    end,
                    f64::from(entry.rank) * case_guesses(word) * 2f64.powi(substitutions),
                );
            }
        }
    }
}

/// Repeats of what came just before: from `start` on, the characters repeat the `p` before
/// them (`aaaa`, `abcabc`, `Password1!Password1!`), for a unit of up to [`MAX_PERIOD`]
/// characters and any number of times. The unit is paid for by the pieces that cover it;
/// the repeat costs the choice of the unit's length and of the number of copies.
///
/// `run[p]` is how far the repeat of period `p` reaches from the current position. Moving one
/// character on shortens a run by one, and a run is measured only where it starts, so each
/// period costs linear time over the whole password.
#[derive(Debug)]
struct Repeats {
    run: [usize; MAX_PERIOD + 1],
}

impl Default for Repeats {
    fn default() -> Self {
        Repeats {
            run: [0; MAX_PERIOD + 1],
        }
    }
}

impl Repeats {
    fn at(&mut self, keys: &[char], start: usize, relax: &mut impl FnMut(usize, f64)) {
        for (p, run) in self.run.iter_mut().enumerate().skip(1) {
            if p > start {
                break;
            }
            if *run > 0 {
                *run = run.saturating_sub(1);
                continue;
            }
            let same = |i: usize| {
                let back = i.checked_sub(p).and_then(|j| keys.get(j));
                back.is_some() && back == keys.get(i)
            };
            let len = (start..keys.len()).take_while(|&i| same(i)).count();
            *run = len;
            if len >= p.max(2) {
                let whole = len.checked_div(p).unwrap_or(0).saturating_mul(p);
                for end in [len, whole] {
                    let copies = end.div_ceil(p);
                    relax(start.saturating_add(end), p.saturating_mul(copies) as f64);
                }
            }
        }
    }
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
        relax(self.end, start_guesses * len as f64 * direction);
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

/// Walks along neighbouring keys (`qwerty`, `1qaz2wsx`, `йцукен`, `фывапролдж`).
fn walks(keys: &[char], start: usize, relax: &mut impl FnMut(usize, f64)) {
    let mut turns = 0i32;
    let mut last: Option<(i8, i8)> = None;
    // keys[start..start + len] is a walk; try to extend it by the next key.
    let mut len = 1usize;
    while len < MAX_RUN {
        let end = start.saturating_add(len);
        let (Some(&a), Some(&b)) = (keys.get(end.saturating_sub(1)), keys.get(end)) else {
            break;
        };
        let Some(d) = step(a, b) else { break };
        if last.is_some_and(|l| l != d) {
            turns = turns.saturating_add(1);
        }
        last = Some(d);
        len = len.saturating_add(1);
        if len >= 3 {
            relax(
                start.saturating_add(len),
                47.0 * len as f64 * 4f64.powi(turns),
            );
        }
    }
}

/// Dates written with digits: a year, day and month, day-month-year in either order, with or
/// without one kind of separator (`1985`, `0505`, `050585`, `05.05.1985`, `19850505`).
fn dates(chars: &[char], start: usize, relax: &mut impl FnMut(usize, f64)) {
    if !chars.get(start).is_some_and(char::is_ascii_digit) {
        return;
    }
    for len in [4usize, 6, 8, 10] {
        let end = start.saturating_add(len);
        let Some(piece) = chars.get(start..end) else {
            break;
        };
        if let Some(guesses) = date_guesses(piece) {
            relax(end, guesses);
        }
    }
}

fn date_guesses(piece: &[char]) -> Option<f64> {
    if !piece.first().is_some_and(char::is_ascii_digit) {
        return None;
    }
    let mut digits = [0u32; 10];
    let mut count = 0usize;
    let mut sep: Option<char> = None;
    let mut seps = 0u8;
    for &c in piece {
        match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => {
                *digits.get_mut(count)? = d;
                count = count.saturating_add(1);
            }
            _ if matches!(c, '.' | '-' | '/' | ' ') && sep.is_none_or(|s| s == c) => {
                sep = Some(c);
                seps = seps.saturating_add(1);
            }
            _ => return None,
        }
    }
    let separated = match seps {
        0 => false,
        2 => true,
        _ => return None,
    };
    let digits = digits.get(..count)?;
    let num = |r: std::ops::Range<usize>| {
        digits.get(r).map(|d| {
            d.iter()
                .fold(0u32, |a, &x| a.saturating_mul(10).saturating_add(x))
        })
    };
    let day_month = |d: Option<u32>, m: Option<u32>| matches!((d, m), (Some(1..=31), Some(1..=12)));
    let year4 = |y: Option<u32>| matches!(y, Some(1900..=2039));
    let found = match count {
        4 if !separated => year4(num(0..4)) || day_month(num(0..2), num(2..4)),
        6 => day_month(num(0..2), num(2..4)) || day_month(num(4..6), num(2..4)),
        8 => {
            (day_month(num(0..2), num(2..4)) && year4(num(4..8)))
                || (year4(num(0..4)) && day_month(num(6..8), num(4..6)))
        }
        _ => false,
    };
    if !found {
        return None;
    }
    let base = match count {
        4 => 366.0,
        6 => 366.0 * 100.0,
        _ => 366.0 * 150.0,
    };
    Some(if separated { base * 4.0 } else { base })
}

#[cfg(test)]
mod tests {
    use super::*;

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
