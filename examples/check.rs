//! Says what each argument is: `cargo run --example check -- "8 (916) 123-45-67"`.
//!
//! For each argument it prints the kind, the canonical form and the masked form, or the error
//! code with its Russian and English messages.

// Printing is what this demo is for.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use restore_access::id::Error;
use restore_access::{Document, ErrorCode, Lang, Login};

fn describe(input: &str) -> Result<Vec<(&'static str, String, String)>, Error> {
    let login = match Login::parse(input) {
        Ok(login) => login,
        Err(login_err) => {
            return match Document::parse(input) {
                Ok(Document::Passport(p)) => {
                    Ok(vec![("passport", p.to_string(), p.masked().to_string())])
                }
                Ok(Document::Inn(i)) => Ok(vec![("inn", i.to_string(), i.masked().to_string())]),
                Ok(Document::Snils(s)) => {
                    Ok(vec![("snils", s.to_string(), s.masked().to_string())])
                }
                Ok(other) => Ok(vec![(
                    "document",
                    String::new(),
                    other.masked().to_string(),
                )]),
                // Report the document's error only when the input looked like a document.
                Err(doc_err)
                    if login_err == Error::LoginFormat && doc_err != Error::DocumentFormat =>
                {
                    Err(doc_err)
                }
                Err(_) => Err(login_err),
            };
        }
    };
    Ok(match login {
        Login::Phone(p) => vec![("phone", p.to_string(), p.masked().to_string())],
        Login::Email(e) => vec![("email", e.to_string(), e.masked().to_string())],
        Login::Snils(s) => vec![("snils", s.to_string(), s.masked().to_string())],
        Login::PhoneOrSnils { phone, snils } => vec![
            (
                "phone (or snils)",
                phone.to_string(),
                phone.masked().to_string(),
            ),
            (
                "snils (or phone)",
                snils.to_string(),
                snils.masked().to_string(),
            ),
        ],
        other => vec![("login", String::new(), other.masked().to_string())],
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: cargo run --example check -- \"8 (916) 123-45-67\" [more inputs…]");
        std::process::exit(2);
    }
    let mut failed = false;
    for input in &args {
        println!("{input:?}");
        match describe(input) {
            Ok(readings) => {
                for (kind, canonical, masked) in readings {
                    println!(
                        "  kind:      {kind}\n  canonical: {canonical}\n  masked:    {masked}"
                    );
                }
            }
            Err(e) => {
                failed = true;
                println!("  error:     {}", e.code());
                println!("  ru:        {}", e.message(Lang::Ru));
                println!("  en:        {}", e.message(Lang::En));
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}
