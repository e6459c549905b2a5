//! The mos.ru recovery flow in the terminal: `cargo run --example mosru`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "support/demo.rs"]
mod demo;

fn main() -> std::io::Result<()> {
    demo::run(restore_access::flow::Config::mosru(demo::demo_keys()))
}
