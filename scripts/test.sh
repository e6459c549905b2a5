#!/usr/bin/env bash
# Runs every check the project has. CI calls exactly this (see .ci/run).
#
# Every step runs even when an earlier one failed; the script ends with one line per step
# (its result, the test counts where the step's runner prints them, its time) and a total,
# and exits non-zero when any step failed. Each step's output is also kept in
# $CARGO_TARGET_DIR/test-logs (default target/test-logs).
set -uo pipefail
cd "$(dirname "$0")/.."
logs=${CARGO_TARGET_DIR:-target}/test-logs
rm -rf "$logs"
mkdir -p "$logs"

names=()
results=()
counts=()
times=()

# The tests a step's log reports, as "N passed, M failed": cargo test's "test result" lines
# and pytest's closing line added up, or the "N passed, M failed" lines this project's own
# scripts print (the demos), or the fuzz targets that passed and failed. Empty when the log
# has none.
count() {
    awk '
        /^test result: / {
            for (i = 1; i < NF; i++) {
                if ($(i + 1) ~ /^passed;?$/) p += $i
                if ($(i + 1) ~ /^failed;?$/) f += $i
            }
            n++
            next
        }
        /^(=+ )?[0-9]+ (passed|failed)/ && / in [0-9.]+s/ {
            for (i = 1; i < NF; i++) {
                if ($(i + 1) ~ /^passed,?$/) p += $i
                if ($(i + 1) ~ /^failed,?$/) f += $i
            }
            n++
            next
        }
        /^[a-z]+: [0-9]+ passed, [0-9]+ failed$/ { p += $2; f += $4; n++ }
        /^fuzz [^ ]+ +ok: / { p++; n++ }
        /^!! fuzz [^ ]+ FAILED/ { f++; n++ }
        END { if (n) printf "%d passed, %d failed", p, f }
    ' "$1"
}

# step NAME COMMAND [ARGS...]: runs the command, shows and keeps its output.
step() {
    local name=$1
    shift
    local log
    log=$logs/$(printf '%02d' $((${#names[@]} + 1))).log
    printf '\n== %s\n' "$name"
    local start=$SECONDS
    "$@" 2>&1 | tee "$log"
    local status=${PIPESTATUS[0]}
    names+=("$name")
    results+=("$status")
    local tests
    tests=$(count "$log")
    # The loud lines of the suites that skip a part (no nightly, no valgrind, no cmake, …).
    if grep -qE 'SKIPPED|NOT |not installed' "$log"; then
        tests="${tests:+$tests; }some checks skipped, see the log"
    fi
    counts+=("$tests")
    times+=($((SECONDS - start)))
}

msrv() {
    local version
    version=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
    if ! rustup toolchain list 2>/dev/null | grep -q "^$version"; then
        rustup toolchain install "$version" --profile minimal ||
            { echo "!! MSRV check SKIPPED: Rust $version could not be installed"; return 0; }
    fi
    # Its own target directory: another compiler's artifacts would be rebuilt by the next step.
    CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}/msrv cargo "+$version" check --locked \
        --all-features -p restore-access -p restore-access-c --lib --examples
}

# The generated tables against their sources, in the Python suite's environment with the two
# libraries they come from, pinned.
tables() {
    local venv=${RESTORE_ACCESS_VENV:-target/py-venv}
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        phonenumbers==9.0.43 email-validator==2.4.0 pytest &&
        "$venv/bin/python" scripts/phone_plan.py --check &&
        "$venv/bin/python" scripts/agreement.py --check
}

# `{sms}` stands for the code the demo's SMS gateway just printed; `5` answers the human check.
demos() {
    local passed=0 failed=0
    demo() {
        local example=$1 expect=$2
        shift 2
        local out
        out=$(printf '%s\n' "$@" | cargo run --quiet --example "$example")
        printf '%s\n' "$out"
        if grep -q -- "$expect" <<<"$out"; then
            passed=$((passed + 1))
        else
            echo "!! demo $example did not reach: $expect"
            failed=$((failed + 1))
        fi
    }
    demo gosuslugi "Пароль изменён" "8 (916) 123-45-67" "45 08 123456" 5 "{sms}" qwerty "Sharik1599+"
    demo mosru "Пароль изменён" "ivan.petrov@mail.ru" "Петров" link "Sharik1599+"
    demo mosru "+7 (495) 539-55-55" "112-233-445 95" "Петров" "no access"
    if cargo run --quiet --example check -- "8 (916) 123-45-67" "112 233 445 95"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
    echo "demos: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

step "format" cargo fmt --all --check
step "lints" cargo clippy --workspace --all-targets --all-features -- -D warnings
step "Rust tests: unit, integration and doc tests (the README's examples among them)" \
    cargo test --workspace --all-features
step "API docs: rustdoc with warnings denied (broken links fail)" \
    env RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --all-features \
    -p restore-access -p restore-access-c
step "MSRV: the core and the C API build with the rust-version in Cargo.toml" msrv
step "C API: header, install into a prefix, C/C++ tests under ASan+UBSan and valgrind, the demo built with pkg-config and CMake" \
    bash bindings/c/tests/run.sh
step "Python package: pytest, stubtest and the example in a virtual environment" \
    bash bindings/python/tests/run.sh
step "generated tables: the numbering plan and the agreement cases agree with their sources" \
    tables
step "reference portal: a browser walk, enumeration over HTTP, two processes, Redis, tampering" \
    bash examples/portal/test.sh
step "Python packaging: the abi3 manylinux wheel and the sdist (scripts/build-wheel.sh)" \
    bash scripts/build-wheel.sh
step "fuzzing: every target for ${FUZZ_SECONDS:-30} s under AddressSanitizer (tests/fuzz)" \
    bash tests/fuzz/run.sh
step "demos: the whole recovery flow from piped input" demos

printf '\n== summary\n'
passed=0
failed=0
for i in "${!names[@]}"; do
    if [ "${results[$i]}" -eq 0 ]; then
        word=ok
        passed=$((passed + 1))
    else
        word=FAILED
        failed=$((failed + 1))
    fi
    printf '%-7s %4ss  %s%s\n' "$word" "${times[$i]}" "${names[$i]%%:*}" \
        "${counts[$i]:+  (${counts[$i]})}"
done
[ "$failed" -eq 0 ] || echo "logs of the failed steps: $logs"
echo "total: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
