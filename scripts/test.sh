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

step "C API: header, C/C++ tests under ASan+UBSan and valgrind, C demo"
bash bindings/c/tests/run.sh

step "Python package: pytest, stubtest and the example in a virtual environment"
bash bindings/python/tests/run.sh

step "generated tables agree with their sources (numbering plan, agreement cases)"
# The Python suite's environment, with the two libraries the tables come from, pinned.
venv=${RESTORE_ACCESS_VENV:-target/py-venv}
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    phonenumbers==9.0.43 email-validator==2.4.0 pytest
"$venv/bin/python" scripts/phone_plan.py --check
"$venv/bin/python" scripts/agreement.py --check

step "reference portal: browser walk, enumeration over HTTP, two processes, Redis, tampering"
bash examples/portal/test.sh

step "fuzzing: every target for ${FUZZ_SECONDS:-30} s under AddressSanitizer (tests/fuzz)"
bash tests/fuzz/run.sh

step "demos: the whole recovery flow from piped input"
# `{sms}` stands for the code the demo's SMS gateway just printed.
demo() {
    local example=$1 expect=$2
    shift 2
    local out
    out=$(printf '%s\n' "$@" | cargo run --quiet --example "$example")
    printf '%s\n' "$out"
    grep -q -- "$expect" <<<"$out" || { echo "demo $example did not reach: $expect" >&2; exit 1; }
}
demo gosuslugi "Пароль изменён" "8 (916) 123-45-67" "45 08 123456" y "{sms}" qwerty "Sharik1599+"
demo mosru "Пароль изменён" "ivan.petrov@mail.ru" "Петров" link "Sharik1599+"
demo mosru "+7 (495) 539-55-55" "112-233-445 95" "Петров" "no access"
cargo run --quiet --example check -- "8 (916) 123-45-67" "112 233 445 95"
