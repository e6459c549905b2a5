//! Gives the shared library its SONAME, as C libraries have one: `librestore_access.so.0.1`
//! for a 0.1.x release (before 1.0 a minor release may break the ABI, so the ABI version is
//! `0.MINOR`, as cargo-c names it), `librestore_access.so.MAJOR` from 1.0 on.
//! `scripts/install-c.sh` installs the file under that name with the usual links.

// Build scripts talk to cargo on standard output.
#![allow(clippy::print_stdout)]

fn main() {
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_default();
    let minor = std::env::var("CARGO_PKG_VERSION_MINOR").unwrap_or_default();
    let abi = if major == "0" {
        format!("0.{minor}")
    } else {
        major
    };
    // ELF platforms only: macOS sets an install name instead, Windows has neither.
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let elf = matches!(
        os.as_str(),
        "linux" | "android" | "freebsd" | "netbsd" | "openbsd" | "dragonfly" | "illumos"
    );
    if elf {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,librestore_access.so.{abi}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
