//! The `id` module from the outside: published examples, public vectors, an independent
//! reference, every error code, and properties over arbitrary input.

mod agreement;
mod errors;
mod examples;
mod idna;
mod numbering;
mod properties;
mod reference;
mod vectors;

/// The rows of `tests/<dir>/<name>`, comment lines skipped, columns split on tabs.
fn table(dir: &str, name: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Undoes the escaping of the tables: `\\`, `\n`, `\t`, `\u{XXXX}`.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                let code = u32::from_str_radix(&hex, 16).expect("hex");
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}
