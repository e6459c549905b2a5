#!/usr/bin/env bash
# Builds examples/c/gosuslugi.c as a user would, against a prefix that scripts/install-c.sh
# filled, four ways — pkg-config and CMake, each shared and static — checks the shared
# library's SONAME and what each program links, and runs each one through the whole flow
# from piped input; builds and runs the README's C example too. Called by bindings/c/tests/run.sh with the prefix:
#   bash bindings/c/tests/install.sh PREFIX
# Installs pkg-config and cmake with apt-get when they are missing and this is root; else
# says loudly which builds it skips.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
prefix=${1:?usage: install.sh PREFIX}
libdir=$prefix/lib
build=$prefix/consumers
rm -rf "$build"
mkdir -p "$build"

say() { printf -- '-- %s\n' "$*"; }
warn() { printf '\nwarning: %s\n\n' "$*" >&2; }
fail() { echo "install test: $*" >&2; exit 1; }

missing=()
for tool in pkg-config cmake readelf; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    packages=()
    for tool in "${missing[@]}"; do
        case $tool in readelf) packages+=(binutils) ;; *) packages+=("$tool") ;; esac
    done
    say "installing ${packages[*]} with apt-get"
    { apt-get install -y -qq "${packages[@]}" || { apt-get update -qq && apt-get install -y -qq "${packages[@]}"; }; } >/dev/null
fi
have() { command -v "$1" >/dev/null; }

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
IFS=. read -r major minor _ <<<"$version"
if [ "$major" = 0 ]; then abi=0.$minor; else abi=$major; fi

say "installed files"
for f in include/restore_access.h lib/librestore_access.a "lib/librestore_access.so.$version" \
    "lib/librestore_access.so.$abi" lib/librestore_access.so lib/pkgconfig/restore_access.pc \
    lib/pkgconfig/restore_access_static.pc lib/cmake/restore_access/restore_accessConfig.cmake \
    lib/cmake/restore_access/restore_accessConfigVersion.cmake; do
    [ -e "$prefix/$f" ] || fail "$f is not installed"
done
[ "$(readlink "$libdir/librestore_access.so.$abi")" = "librestore_access.so.$version" ] ||
    fail "librestore_access.so.$abi does not point at librestore_access.so.$version"
if have readelf; then
    soname=$(readelf -d "$libdir/librestore_access.so.$version" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
    [ "$soname" = "librestore_access.so.$abi" ] || fail "SONAME is '$soname', not librestore_access.so.$abi"
    echo "SONAME librestore_access.so.$abi"
else
    warn "readelf is missing: the SONAME and the programs' dependencies are NOT checked"
fi

# needs PROGRAM yes|no: whether PROGRAM must load librestore_access.so.ABI at run time.
needs() {
    have readelf || return 0
    local found=no
    readelf -d "$1" | grep -q "(NEEDED).*\[librestore_access.so.$abi\]" && found=yes
    [ "$found" = "$2" ] || fail "$1: NEEDED librestore_access.so.$abi is '$found', expected '$2'"
}

# The demo from piped input must reach the end; `{sms}` is the code its gateway printed.
demo_input=("8 (916) 123-45-67" "45 08 123456" 5 "{sms}" "Sharik1599+")
run() {
    local out
    out=$(printf '%s\n' "${demo_input[@]}" | "$@")
    grep -q "Пароль изменён" <<<"$out" || { printf '%s\n' "$out"; fail "$* did not finish the flow"; }
    echo "ran $1: the flow finished"
}

strict=(-std=c11 -Wall -Wextra -Werror -pedantic)
built=0
readme=0
if have pkg-config; then
    export PKG_CONFIG_PATH=$libdir/pkgconfig
    say "pkg-config, shared library (found at run time through LD_LIBRARY_PATH)"
    read -r -a flags <<<"$(pkg-config --cflags --libs restore_access)"
    gcc "${strict[@]}" examples/c/gosuslugi.c "${flags[@]}" -o "$build/pc-shared"
    needs "$build/pc-shared" yes
    if "$build/pc-shared" </dev/null >/dev/null 2>&1; then
        # Only when the library is also installed where the dynamic linker looks.
        ldconfig -p 2>/dev/null | grep -q librestore_access ||
            fail "pc-shared started without LD_LIBRARY_PATH: is the library somewhere unexpected?"
    fi
    LD_LIBRARY_PATH=$libdir run "$build/pc-shared"

    say "pkg-config, static library"
    read -r -a flags <<<"$(pkg-config --cflags --libs restore_access_static)"
    gcc "${strict[@]}" examples/c/gosuslugi.c "${flags[@]}" -o "$build/pc-static"
    needs "$build/pc-static" no
    run "$build/pc-static"
    built=$((built + 2))

    say "the README's C example, as written, against the installed prefix"
    awk '/^```c$/ { on = 1; next } on && /^```$/ { exit } on' README.md >"$build/readme.c"
    grep -q 'int main' "$build/readme.c" || fail "no C example with a main() found in README.md"
    read -r -a flags <<<"$(pkg-config --cflags --libs restore_access_static)"
    gcc "${strict[@]}" "$build/readme.c" "${flags[@]}" -o "$build/readme"
    out=$("$build/readme") || fail "the README's C example exited with $?"
    grep -q '^snils.checksum: ' <<<"$out" || fail "the README's C example printed: $out"
    echo "ran the README's C example: $out"
    readme=1
else
    warn "pkg-config is missing (and could not be installed): the pkg-config builds are SKIPPED"
fi

if have cmake; then
    for kind in shared static; do
        say "CMake find_package(restore_access), $kind library"
        static=OFF
        [ "$kind" = static ] && static=ON
        cmake -S examples/c -B "$build/cmake-$kind" -DCMAKE_PREFIX_PATH="$prefix" \
            -DRESTORE_ACCESS_STATIC=$static -DCMAKE_BUILD_TYPE=Release >"$build/cmake-$kind.log" 2>&1 ||
            { cat "$build/cmake-$kind.log"; fail "cmake configure ($kind) failed"; }
        cmake --build "$build/cmake-$kind" >>"$build/cmake-$kind.log" 2>&1 ||
            { cat "$build/cmake-$kind.log"; fail "cmake build ($kind) failed"; }
        needs "$build/cmake-$kind/gosuslugi" "$([ $kind = shared ] && echo yes || echo no)"
        # CMake's build tree carries the rpath of the imported library: no LD_LIBRARY_PATH.
        run "$build/cmake-$kind/gosuslugi"
        built=$((built + 1))
    done
else
    warn "cmake is missing (and could not be installed): the CMake builds are SKIPPED"
fi
say "install test: $built of 4 consumer builds ran"
echo "consumers: $((built + readme)) passed, 0 failed"
