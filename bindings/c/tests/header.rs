//! `include/restore_access.h` is exactly what cbindgen makes of this crate today.
//! `RA_BLESS=1` writes it instead of comparing.

use std::path::Path;

#[test]
fn header_is_current() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let committed = crate_dir.join("../../include/restore_access.h");
    let config =
        cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml reads");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut generated);
    if std::env::var_os("RA_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&committed, &generated).expect("header written");
        return;
    }
    let current = std::fs::read(&committed).unwrap_or_default();
    if current != generated {
        let current = String::from_utf8_lossy(&current);
        let generated = String::from_utf8_lossy(&generated);
        let first = current
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| current.lines().count().min(generated.lines().count()));
        panic!(
            "include/restore_access.h is stale (first difference at line {}):\n  committed: {:?}\n  generated: {:?}\n\
             Regenerate it with: RA_BLESS=1 cargo test -p restore-access-c --test header",
            first + 1,
            current.lines().nth(first).unwrap_or("<end of file>"),
            generated.lines().nth(first).unwrap_or("<end of file>"),
        );
    }
}
