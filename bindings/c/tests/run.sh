#!/usr/bin/env bash
# The C API's suite: builds librestore_access (release), checks that include/restore_access.h
# is what cbindgen makes of the crate, installs it into a staging prefix with
# scripts/install-c.sh, then builds and runs against that prefix:
#   - the C tests with AddressSanitizer + UBSan (static library),
#   - the same tests against the library itself built with AddressSanitizer (nightly
#     -Zsanitizer=address, std rebuilt with -Zbuild-std), so the library's own reads of
#     caller memory are checked too; a canary over-read must be caught there,
#   - the same tests without sanitizers under valgrind (shared library),
#   - a C++17 file that includes the header (shared library),
#   - examples/c/gosuslugi.c built against the installed prefix with pkg-config and with
#     CMake, shared and static, each driven through the flow by piped input (install.sh).
# Called by scripts/test.sh; runs on its own too: bash bindings/c/tests/run.sh
# The sanitized library is built in its own target directory, $RA_ASAN_TARGET_DIR
# (default: $CARGO_TARGET_DIR/asan). Without a nightly toolchain that step is skipped loudly.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}

say() { printf -- '-- %s\n' "$*"; }

say "build (release) and check the header"
cargo build --quiet --release -p restore-access-c
cargo test --quiet -p restore-access-c --test header

# The files a user gets, from the documented install command: the header, both libraries
# (the shared one versioned, with its SONAME), the pkg-config and CMake files.
say "install into a staging prefix (scripts/install-c.sh)"
prefix=$target/c-api
rm -rf "$prefix"
bash scripts/install-c.sh --prefix "$prefix" --no-build
mkdir -p "$prefix/bin"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
# The flags come from the installed .pc file, through pkg-config where the machine has it.
pc() {
    if command -v pkg-config >/dev/null; then
        pkg-config "$@" restore_access
    else
        local pcfile=$prefix/lib/pkgconfig/restore_access.pc
        case $1 in
        --cflags) echo "-I$prefix/include" ;;
        --libs) echo "-L$prefix/lib -lrestore_access" ;;
        --static) sed -n 's/^Libs.private: //p' "$pcfile" ;;
        esac
    fi
}
read -r -a cflags <<<"$(pc --cflags)"
read -r -a shared <<<"$(pc --libs) -Wl,-rpath,$prefix/lib"
read -r -a private <<<"$(pc --static --libs-only-l | sed 's/-lrestore_access//')"
static=("$prefix/lib/librestore_access.a" "${private[@]}")

strict=(-std=c11 -Wall -Wextra -Werror -pedantic -g)
# The test programs that ran and passed, for the closing line (a failure stops the script).
ran=0
# failures.c performs every row of tests/data/failures.tsv (read from the repository root).
tests=(bindings/c/tests/api.c bindings/c/tests/flow.c bindings/c/tests/bounds.c
    bindings/c/tests/failures.c)
bin=$prefix/bin

say "C tests with AddressSanitizer and UBSan (static library)"
gcc "${strict[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer "${cflags[@]}" \
    "${tests[@]}" "${static[@]}" -o "$bin/api-asan"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$bin/api-asan"
ran=$((ran + 1))

# AddressSanitizer in the C program alone does not see the library's reads (Rust code is not
# instrumented by gcc), so the library is built again with rustc's AddressSanitizer and the
# tests linked against it. -Zbuild-std instruments std and core too (memchr, UTF-8
# validation); it needs the nightly rust-src component.
say "C tests against the library built with AddressSanitizer (nightly)"
warn() { printf '\nwarning: %s\n\n' "$*" >&2; }
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    asan_target=${RA_ASAN_TARGET_DIR:-$target/asan}
    triple=$(rustc +nightly -vV | sed -n 's/^host: //p')
    build_std=(-Zbuild-std)
    if ! rustup component list --toolchain nightly --installed 2>/dev/null |
        grep -q '^rust-src'; then
        rustup component add rust-src --toolchain nightly >&2 || build_std=()
    fi
    # --target keeps the sanitizer off build scripts and proc macros.
    asan_build() {
        CARGO_TARGET_DIR=$asan_target \
            RUSTFLAGS="-Zsanitizer=address -Cdebuginfo=line-tables-only" \
            cargo +nightly build --quiet --release "${build_std[@]}" --target "$triple" \
            -p restore-access-c
    }
    if [ ${#build_std[@]} -eq 0 ] || ! asan_build; then
        # Without build-std only this crate, the core and their dependencies are
        # instrumented: reads made inside std and core (memchr, UTF-8 checks) go unseen.
        warn "-Zbuild-std is not available (no rust-src for nightly, or its build failed" \
            "above): std and core are NOT" \
            "instrumented, only restore-access, restore-access-c and their dependencies"
        build_std=()
        asan_build
    fi
    asan_lib=$asan_target/$triple/release/librestore_access_c.a
    gcc "${strict[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer "${cflags[@]}" \
        "${tests[@]}" "$asan_lib" "${private[@]}" -o "$bin/api-rust-asan"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$bin/api-rust-asan"
    ran=$((ran + 1))
    # The canary: a deliberate over-read inside the library must be caught, or the run above
    # proved nothing. The `_n` form reads through core (memchr), instrumented only with
    # build-std.
    gcc -std=c11 -g -fsanitize=address -fno-omit-frame-pointer "${cflags[@]}" \
        bindings/c/tests/asan_canary.c "$asan_lib" "${private[@]}" -o "$bin/asan-canary"
    canaries=(nul)
    [ ${#build_std[@]} -gt 0 ] && canaries+=(len)
    for mode in "${canaries[@]}"; do
        if "$bin/asan-canary" "$mode" 2>"$bin/asan-canary-$mode.log"; then
            cat "$bin/asan-canary-$mode.log" >&2
            echo "the AddressSanitizer build did not catch the canary over-read ($mode)" >&2
            exit 1
        fi
        grep -q 'heap-buffer-overflow' "$bin/asan-canary-$mode.log" || {
            cat "$bin/asan-canary-$mode.log" >&2
            echo "the canary ($mode) failed, but not with AddressSanitizer's report" >&2
            exit 1
        }
        echo "canary ($mode): over-read inside the library caught"
        ran=$((ran + 1))
    done
else
    # CI machines have nightly; a developer's machine may not. Say so loudly and go on.
    warn "no nightly toolchain: the C tests do NOT run against an AddressSanitizer build of" \
        "the library, so over-reads inside it go unseen here (valgrind below still looks)"
fi

say "C tests under valgrind (shared library)"
gcc "${strict[@]}" "${cflags[@]}" "${tests[@]}" "${shared[@]}" -o "$bin/api"
if ! command -v valgrind >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing valgrind with apt-get"
    { apt-get install -y -qq valgrind || { apt-get update -qq && apt-get install -y -qq valgrind; }; } \
        >/dev/null || true
fi
if command -v valgrind >/dev/null; then
    valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect \
        "$bin/api"
else
    # Not root, or no package: say so loudly, and run plainly.
    echo "!! valgrind NOT installed (apt-get install valgrind): the C tests run without it" >&2
    "$bin/api"
fi

say "C++17 (shared library)"
g++ -std=c++17 -Wall -Wextra -Werror -pedantic "${cflags[@]}" bindings/c/tests/cpp.cpp \
    "${shared[@]}" -o "$bin/cpp"
"$bin/cpp"
ran=$((ran + 2)) # the tests under valgrind (or plainly), and the C++ check

say "examples/c/gosuslugi.c built against the installed prefix: pkg-config and CMake, shared and static"
bash bindings/c/tests/install.sh "$prefix"
say "C API: all passed"
echo "c: $ran passed, 0 failed"
