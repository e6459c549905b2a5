#!/usr/bin/env bash
# The C API's suite: builds librestore_access (release), checks that include/restore_access.h
# is what cbindgen makes of the crate, installs the library, header and pkg-config file into
# a staging prefix, then builds and runs against it:
#   - the C tests with AddressSanitizer + UBSan (static library),
#   - the same tests without sanitizers under valgrind (shared library),
#   - a C++17 file that includes the header (shared library),
#   - examples/c/gosuslugi.c driven by piped input (shared library).
# Called by scripts/test.sh; runs on its own too: bash bindings/c/tests/run.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}

say() { printf -- '-- %s\n' "$*"; }

say "build (release) and check the header"
cargo build --quiet --release -p restore-access-c
cargo test --quiet -p restore-access-c --test header

# The crate's library is restore_access_c (the core already owns the name restore_access in
# the shared target directory); it is installed under the name C users link with.
say "install into a staging prefix"
prefix=$target/c-api
rm -rf "$prefix"
mkdir -p "$prefix/lib/pkgconfig" "$prefix/include" "$prefix/bin"
cp "$target/release/librestore_access_c.so" "$prefix/lib/librestore_access.so"
cp "$target/release/librestore_access_c.a" "$prefix/lib/librestore_access.a"
cp include/restore_access.h "$prefix/include/"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" bindings/c/restore_access.pc.in \
    >"$prefix/lib/pkgconfig/restore_access.pc"
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
tests=(bindings/c/tests/api.c bindings/c/tests/flow.c)
bin=$prefix/bin

say "C tests with AddressSanitizer and UBSan (static library)"
gcc "${strict[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer "${cflags[@]}" \
    "${tests[@]}" "${static[@]}" -o "$bin/api-asan"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$bin/api-asan"

say "C tests under valgrind (shared library)"
gcc "${strict[@]}" "${cflags[@]}" "${tests[@]}" "${shared[@]}" -o "$bin/api"
if command -v valgrind >/dev/null; then
    valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect \
        "$bin/api"
else
    # CI machines have valgrind; a developer's machine may not. Say so loudly, run plainly.
    echo "warning: valgrind is not installed: the C tests run without it" >&2
    "$bin/api"
fi

say "C++17 (shared library)"
g++ -std=c++17 -Wall -Wextra -Werror -pedantic "${cflags[@]}" bindings/c/tests/cpp.cpp \
    "${shared[@]}" -o "$bin/cpp"
"$bin/cpp"

say "examples/c/gosuslugi.c from piped input (shared library)"
gcc "${strict[@]}" "${cflags[@]}" examples/c/gosuslugi.c "${shared[@]}" -o "$bin/gosuslugi"
out=$(printf '%s\n' "8 (916) 123-45-67" "45 08 123456" y "{sms}" qwerty "Sharik1599+" \
    | "$bin/gosuslugi")
printf '%s\n' "$out"
grep -q "Пароль изменён" <<<"$out" || { echo "the C demo did not finish" >&2; exit 1; }
say "C API: all passed"
