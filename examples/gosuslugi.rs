//! The Госуслуги recovery flow in the terminal: `cargo run --example gosuslugi`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "support/demo.rs"]
mod demo;

fn main() -> std::io::Result<()> {
    demo::run(restore_access::flow::Config::gosuslugi(demo::demo_keys()))
}
