#!/usr/bin/env bash
# Runs every check the project has. CI calls exactly this (see .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "format"
cargo fmt --all --check

step "lints"
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "Rust tests (unit, integration, doc)"
cargo test --workspace --all-features

step "demo"
cargo run --quiet --example check -- "8 (916) 123-45-67"
