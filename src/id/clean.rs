//! The one place that turns what people type into what the parsers read.
//!
//! People paste from spreadsheets, messengers and scanned forms: full-width digits
//! (`７９１６…`), no-break and thin spaces, en and em dashes, soft hyphens. Every parser in
//! [`crate::id`] reads its input through [`chars`], so they all forgive the same things, and
//! through [`scan`] when the identifier is made of digits. Nothing here allocates, and every
//! parser caps its input length before looking at it, so each call runs in bounded time.

/// Longest input, in bytes, a digit-based parser (СНИЛС, ИНН, passport, phone) looks at.
///
/// The longest reasonable form, `серия 4508 номер 123456` or a phone typed with full-width
/// digits and spaces, is well under this.
pub(crate) const MAX_DIGITS_INPUT: usize = 128;

/// Most digits [`scan`] keeps; it still counts the ones beyond.
const KEPT: usize = 16;

/// Most digit groups [`scan`] records.
const GROUPS: usize = 8;

/// Maps one typed character to the character the parsers read.
///
/// - full-width ASCII forms (U+FF01..U+FF5E: `０`..`９`, `Ａ`..`ｚ`, `＋`, `（`, `＠`) → ASCII;
/// - every Unicode space (no-break, thin, ideographic, tab) and the invisible characters people
///   paste with them (zero-width space, soft hyphen, word joiner, BOM) → `' '`;
/// - hyphens, dashes and the minus sign (U+2010..U+2015, U+2212, U+FE63) → `'-'`.
///
/// Anything else is returned unchanged, so a letter that merely looks like a Latin one stays
/// what it is.
pub(crate) fn normalise(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200B}' | '\u{202F}' | '\u{205F}' => ' ',
        '\u{00AD}' | '\u{2060}' | '\u{FEFF}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// The ASCII digits of `s` as the parsers read it (full-width digits are digits), all else
/// dropped: what the password checks compare a phone's or a СНИЛС's digits by.
pub(crate) fn digits(s: &str) -> Vec<u8> {
    // One allocation: a digit is at least a byte.
    let mut out = Vec::with_capacity(s.len());
    out.extend(
        s.chars()
            .map(normalise)
            .filter(char::is_ascii_digit)
            .map(|c| c as u8),
    );
    out
}

/// `s` without surrounding spaces (after [`normalise`]), as normalised characters.
pub(crate) fn chars(s: &str) -> impl Iterator<Item = char> + Clone + '_ {
    trim(s).chars().map(normalise)
}

/// `s` without surrounding spaces, in the sense of [`normalise`].
pub(crate) fn trim(s: &str) -> &str {
    let plain_edge = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_graphic());
    if plain_edge(s.as_bytes().first()) && plain_edge(s.as_bytes().last()) {
        return s; // the common case, decided without decoding
    }
    s.trim_matches(|c| normalise(c) == ' ')
}

/// The digits of `s` if it is exactly `pattern`, where `D` stands for an ASCII digit and every
/// other byte for itself: the fast path for input already in a canonical form. Gives the same
/// digits [`scan`] would.
#[inline]
pub(crate) fn exact<const N: usize>(s: &str, pattern: &[u8]) -> Option<[u8; N]> {
    if s.len() != pattern.len() {
        return None;
    }
    let mut out = [0u8; N];
    let mut n = 0;
    for (&b, &p) in s.as_bytes().iter().zip(pattern) {
        if p == b'D' {
            if !b.is_ascii_digit() || n == N {
                return None;
            }
            out[n] = b;
            n += 1;
        } else if b != p {
            return None;
        }
    }
    (n == N).then_some(out)
}

/// What a digit-based identifier looked like as typed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scan<'a> {
    digits: [u8; KEPT],
    /// How many digits there were (may exceed what is kept).
    pub(crate) count: usize,
    groups: [u8; GROUPS],
    group_count: usize,
    /// A `+` came before the first digit.
    pub(crate) plus: bool,
    /// A parenthesis appeared.
    pub(crate) parens: bool,
    /// The number sign `№` appeared.
    pub(crate) number_sign: bool,
    /// The input from the first character that is none of the above, a separator or an
    /// allowed word; empty when there is none.
    pub(crate) rest: &'a str,
}

impl Scan<'_> {
    /// The digits as ASCII, if there are exactly `N` of them.
    pub(crate) fn exactly<const N: usize>(&self) -> Option<[u8; N]> {
        if self.count != N || N > KEPT {
            return None;
        }
        let mut out = [0u8; N];
        out.copy_from_slice(&self.digits[..N]);
        Some(out)
    }

    /// The first `count.min(16)` digits as ASCII.
    pub(crate) fn digits(&self) -> &[u8] {
        &self.digits[..self.count.min(KEPT)]
    }

    /// Lengths of the runs of digits between separators (the first eight).
    pub(crate) fn groups(&self) -> &[u8] {
        &self.groups[..self.group_count.min(GROUPS)]
    }

    /// Nothing but digits and separators were typed.
    pub(crate) fn is_plain(&self) -> bool {
        self.rest.is_empty() && !self.plus && !self.parens && !self.number_sign
    }
}

/// Reads a digit-based identifier: digits, the separators space, `-`, `.` and `/`, a leading
/// `+`, parentheses, `№`, and the `words` (compared ignoring case) that may stand between the
/// parts, such as «серия» and «номер». Returns `None` when the input is longer than
/// [`MAX_DIGITS_INPUT`].
pub(crate) fn scan<'a>(s: &'a str, words: &[&str]) -> Option<Scan<'a>> {
    if s.len() > MAX_DIGITS_INPUT {
        return None;
    }
    let s = trim(s);
    let mut out = Scan {
        digits: [0; KEPT],
        count: 0,
        groups: [0; GROUPS],
        group_count: 0,
        plus: false,
        parens: false,
        number_sign: false,
        rest: "",
    };
    let mut in_group = false;
    let mut at = 0;
    while let Some(&byte) = s.as_bytes().get(at) {
        let (c, mut next) = if byte.is_ascii() {
            let c = if byte.is_ascii_whitespace() || byte == 0x0B {
                ' '
            } else {
                char::from(byte)
            };
            (c, at + 1)
        } else {
            let raw = s[at..].chars().next().unwrap_or(' ');
            (normalise(raw), at + raw.len_utf8())
        };
        if let Some(d) = c.to_digit(10) {
            if out.count < KEPT {
                out.digits[out.count] = b'0' + d as u8;
            }
            out.count += 1;
            if !in_group {
                out.group_count += 1;
                in_group = true;
            }
            if let Some(g) = out.group_count.checked_sub(1).filter(|&g| g < GROUPS) {
                out.groups[g] = out.groups[g].saturating_add(1);
            }
            at = next;
            continue;
        }
        in_group = false;
        match c {
            ' ' | '-' | '.' | '/' => {}
            '+' if out.count == 0 && !out.plus => out.plus = true,
            '(' | ')' => out.parens = true,
            '№' => out.number_sign = true,
            c if c.is_alphabetic() && !words.is_empty() => {
                next = s[at..]
                    .find(|l: char| !normalise(l).is_alphabetic())
                    .map_or(s.len(), |n| at + n);
                if !words.iter().any(|w| same_word(&s[at..next], w)) {
                    out.rest = &s[at..];
                    break;
                }
            }
            _ => {
                out.rest = &s[at..];
                break;
            }
        }
        at = next;
    }
    Some(out)
}

/// `typed` equals `word`, ignoring case and after [`normalise`].
fn same_word(typed: &str, word: &str) -> bool {
    let typed = typed.chars().map(normalise).flat_map(char::to_lowercase);
    typed.eq(word.chars())
}
