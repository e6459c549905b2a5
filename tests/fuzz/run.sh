#!/usr/bin/env bash
# Runs every fuzz target (cargo-fuzz, libFuzzer, AddressSanitizer) for a bounded time over the
# committed seeds, which include every input that once crashed a target. A crash, a leak, a
# timeout (one input over 10 s) or an out-of-memory fails the run; its input is left in
# tests/fuzz/artifacts/<target>/ — copy it into tests/fuzz/seeds/<target>/ with the fix, so it
# is replayed on every run from then on.
#
# FUZZ_SECONDS (default 30) is the time per target. Needs the nightly toolchain; installs
# cargo-fuzz when it is missing. Without nightly it says so loudly and skips.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
seconds=${FUZZ_SECONDS:-30}

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "!! fuzzing SKIPPED: no nightly toolchain (rustup toolchain install nightly)" >&2
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "-- installing cargo-fuzz"
    cargo +nightly install cargo-fuzz --locked --quiet
fi

# Its own target directory: the sanitizer build shares nothing with the normal one.
export CARGO_TARGET_DIR="$root/target/fuzz"
fuzz() {
    local command=$1
    shift
    cargo +nightly fuzz "$command" --fuzz-dir tests/fuzz "$@"
}
fuzz build --release --debug-assertions
status=0
for target in $(fuzz list); do
    corpus=$(mktemp -d)
    log=$(mktemp)
    if fuzz run --release --debug-assertions "$target" "$corpus" "tests/fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        >"$log" 2>&1; then
        runs=$(grep -oE 'Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' || echo '?')
        printf 'fuzz %-12s ok: %s executions in %s s\n' "$target" "$runs" "$seconds"
    else
        echo "!! fuzz $target FAILED; the last lines of its log:" >&2
        tail -n 40 "$log" >&2
        status=1
    fi
    rm -rf "$corpus" "$log"
done
exit "$status"
