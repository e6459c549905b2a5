//! The Russian ЙЦУКЕН and the Latin QWERTY layouts: the same keys, different letters.
//!
//! People often type a password with the wrong layout switched on: `Ырфкшл1599+` is
//! `Sharik1599+`, and a Russian word typed on QWERTY (`ghbdtn` = «привет») is still that word
//! to an attacker. Mapping both ways lets the checks see every reading.

/// (Latin key, Cyrillic letter) for every key that carries a Cyrillic letter, both cases.
const KEYS: [(char, char); 66] = [
    ('`', 'ё'),
    ('q', 'й'),
    ('w', 'ц'),
    ('e', 'у'),
    ('r', 'к'),
    ('t', 'е'),
    ('y', 'н'),
    ('u', 'г'),
    ('i', 'ш'),
    ('o', 'щ'),
    ('p', 'з'),
    ('[', 'х'),
    (']', 'ъ'),
    ('a', 'ф'),
    ('s', 'ы'),
    ('d', 'в'),
    ('f', 'а'),
    ('g', 'п'),
    ('h', 'р'),
    ('j', 'о'),
    ('k', 'л'),
    ('l', 'д'),
    (';', 'ж'),
    ('\'', 'э'),
    ('z', 'я'),
    ('x', 'ч'),
    ('c', 'с'),
    ('v', 'м'),
    ('b', 'и'),
    ('n', 'т'),
    ('m', 'ь'),
    (',', 'б'),
    ('.', 'ю'),
    ('~', 'Ё'),
    ('Q', 'Й'),
    ('W', 'Ц'),
    ('E', 'У'),
    ('R', 'К'),
    ('T', 'Е'),
    ('Y', 'Н'),
    ('U', 'Г'),
    ('I', 'Ш'),
    ('O', 'Щ'),
    ('P', 'З'),
    ('{', 'Х'),
    ('}', 'Ъ'),
    ('A', 'Ф'),
    ('S', 'Ы'),
    ('D', 'В'),
    ('F', 'А'),
    ('G', 'П'),
    ('H', 'Р'),
    ('J', 'О'),
    ('K', 'Л'),
    ('L', 'Д'),
    (':', 'Ж'),
    ('"', 'Э'),
    ('Z', 'Я'),
    ('X', 'Ч'),
    ('C', 'С'),
    ('V', 'М'),
    ('B', 'И'),
    ('N', 'Т'),
    ('M', 'Ь'),
    ('<', 'Б'),
    ('>', 'Ю'),
];

/// The QWERTY key under a Cyrillic letter, if `c` is one of the 66 letters of ЙЦУКЕН.
pub(crate) fn latin_key(c: char) -> Option<char> {
    match c {
        'А'..='я' => LATIN_OF_CYRILLIC
            .get((c as usize).saturating_sub('А' as usize))
            .copied(),
        'Ё' => Some('~'),
        'ё' => Some('`'),
        _ => None,
    }
}

/// The QWERTY key of each letter from `А` to `я` (one contiguous Unicode block), indexed
/// from `А`: the table above, rearranged once at compile time.
const LATIN_OF_CYRILLIC: [char; 64] = {
    let mut table = ['\0'; 64];
    let mut i = 0;
    while i < KEYS.len() {
        let (lat, cyr) = KEYS[i];
        let at = cyr as u32;
        if at >= 'А' as u32 && at <= 'я' as u32 {
            table[(at - 'А' as u32) as usize] = lat;
        }
        i += 1;
    }
    table
};

/// The Cyrillic letter on the key that produces `c` on QWERTY, if the key carries one.
pub(crate) fn cyrillic_letter(c: char) -> Option<char> {
    if !c.is_ascii_graphic() {
        return None;
    }
    KEYS.iter().find(|&&(lat, _)| lat == c).map(|&(_, cyr)| cyr)
}

/// What `s` would have been had the Latin layout been on: each Cyrillic letter becomes the
/// QWERTY character on the same key; everything else is kept.
///
/// ```
/// use restore_access::password::to_latin_layout;
/// assert_eq!(to_latin_layout("Ырфкшл1599+"), "Sharik1599+");
/// assert_eq!(to_latin_layout("пароль"), "gfhjkm");
/// assert_eq!(to_latin_layout("хлеб"), "[kt,");
/// ```
pub fn to_latin_layout(s: &str) -> String {
    s.chars().map(|c| latin_key(c).unwrap_or(c)).collect()
}

/// What `s` would have been had the Russian layout been on: each QWERTY character that
/// shares its key with a Cyrillic letter (the Latin letters and `` ` [ ] ; ' , . ~ { } : " < > ``)
/// becomes that letter; everything else is kept.
///
/// ```
/// use restore_access::password::to_cyrillic_layout;
/// assert_eq!(to_cyrillic_layout("ghbdtn"), "привет");
/// assert_eq!(to_cyrillic_layout("Sharik1599+"), "Ырфкшл1599+");
/// ```
pub fn to_cyrillic_layout(s: &str) -> String {
    s.chars().map(|c| cyrillic_letter(c).unwrap_or(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_a_bijection() {
        for (i, &(lat, cyr)) in KEYS.iter().enumerate() {
            for &(lat2, cyr2) in &KEYS[i + 1..] {
                assert_ne!(lat, lat2);
                assert_ne!(cyr, cyr2);
            }
        }
        // Every Russian letter, both cases, has a key.
        for c in ('А'..='я').chain(['Ё', 'ё']) {
            assert!(latin_key(c).is_some_and(|k| k.is_ascii_graphic()), "{c}");
        }
    }
}
