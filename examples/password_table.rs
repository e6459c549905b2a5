//! The README's table of well-known passwords: how the Госуслуги and NIST presets answer
//! each, beside the strength score of this crate and of the `zxcvbn` crate.
//!
//! `cargo run --example password_table` prints the Markdown table; pass passwords as
//! arguments to see those instead.

// Printing is what this demo is for.
#![allow(clippy::print_stdout)]

use restore_access::ErrorCode;
use restore_access::password::{Context, Policy, Report, Violation};

/// Well-known passwords and what the issue that asked for this table found wrong with them.
const WELL_KNOWN: [&str; 16] = [
    "Trustno1!",
    "Q1w2e3r4!",
    "12345678Aa!",
    "Michael1!",
    "Rfnz_15!",
    "Ivan1990!",
    "Jctym77!",
    "Gosuslugi1!",
    "Yfnfif2024!",
    "пароль123",
    "Password1!Password1!",
    "michaelmichael123",
    "Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!",
    "Sharik1599+",
    "koloBok_15!",
    "correct horse battery staple",
];

/// The answer of one preset: `ok`, or the codes without their `password.` prefix, with the
/// word a blocklisted password was built on.
fn verdict(report: &Report) -> String {
    if report.is_ok() {
        return "ok".into();
    }
    let codes: Vec<String> = report
        .violations()
        .iter()
        .map(|v| {
            let code = v.code().trim_start_matches("password.");
            match v {
                Violation::Blocklisted { word } => format!("{code} ({word})"),
                _ => code.to_owned(),
            }
        })
        .collect();
    codes.join(", ")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let passwords: Vec<&str> = if args.is_empty() {
        WELL_KNOWN.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    let (gosuslugi, nist, ctx) = (Policy::gosuslugi(), Policy::nist(), Context::new());
    println!("| password | Госуслуги | NIST | score | zxcvbn |");
    println!("|---|---|---|---|---|");
    for pw in passwords {
        let ours = gosuslugi.check(pw, &ctx);
        let theirs = zxcvbn::zxcvbn(pw, &[]).score() as u8;
        println!(
            "| `{}` | {} | {} | {} | {} |",
            pw.replace('|', "\\|"),
            verdict(&ours),
            verdict(&nist.check(pw, &ctx)),
            restore_access::password::Strength::estimate(pw).score,
            theirs,
        );
    }
}
