#!/usr/bin/env bash
# Builds the C API of restore-access (release) and installs it into a prefix:
#
#   bash scripts/install-c.sh --prefix "$HOME/.local"     # or: PREFIX=/opt/ra bash scripts/install-c.sh
#
# Installed (ABI is 0.MINOR before 1.0, MAJOR after; 0.1 for 0.1.x):
#   PREFIX/include/restore_access.h
#   LIBDIR/librestore_access.a
#   LIBDIR/librestore_access.so.VERSION, its SONAME link librestore_access.so.ABI,
#       and the link librestore_access.so that -lrestore_access finds
#   LIBDIR/pkgconfig/restore_access.pc          (shared; `pkg-config --libs restore_access`)
#   LIBDIR/pkgconfig/restore_access_static.pc   (static: the archive and the system libraries)
#   LIBDIR/cmake/restore_access/restore_accessConfig.cmake and ...ConfigVersion.cmake
#       (`find_package(restore_access)`, targets restore_access::restore_access and
#       restore_access::restore_access_static)
#
# Options (each also an environment variable):
#   --prefix DIR   PREFIX, default /usr/local
#   --libdir DIR   LIBDIR, default PREFIX/lib
#   --destdir DIR  DESTDIR: stage the files under DIR while the paths written into the
#                  pkg-config and CMake files stay PREFIX's (for packagers)
#   --no-build     install what the release build already holds (CARGO_TARGET_DIR or target/)
#
# A program linked against the shared library finds it at run time only where the dynamic
# linker looks: run `ldconfig` after installing into a system directory, or link with
# -Wl,-rpath,LIBDIR, or set LD_LIBRARY_PATH=LIBDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

prefix=${PREFIX:-/usr/local}
libdir=${LIBDIR:-}
destdir=${DESTDIR:-}
build=1
while [ $# -gt 0 ]; do
    case $1 in
    --prefix) prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --libdir) libdir=$2; shift 2 ;;
    --libdir=*) libdir=${1#*=}; shift ;;
    --destdir) destdir=$2; shift 2 ;;
    --destdir=*) destdir=${1#*=}; shift ;;
    --no-build) build=0; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-c.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
case $prefix in
/*) ;;
*) prefix=$(mkdir -p "$prefix" && cd "$prefix" && pwd) ;;
esac
libdir=${libdir:-$prefix/lib}
includedir=$prefix/include

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
IFS=. read -r major minor _ <<<"$version"
if [ "$major" = 0 ]; then abi=0.$minor; else abi=$major; fi
# What Rust's standard library needs from the system when linked statically
# (`rustc --print native-static-libs` on linux-gnu).
native_libs="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"

target=${CARGO_TARGET_DIR:-$root/target}
if [ "$build" = 1 ]; then
    cargo build --quiet --release --locked -p restore-access-c
fi
so=$target/release/librestore_access_c.so
archive=$target/release/librestore_access_c.a
for f in "$so" "$archive"; do
    [ -f "$f" ] || { echo "install-c.sh: $f is missing (build first, or drop --no-build)" >&2; exit 1; }
done

subst() {
    sed -e "s|@PREFIX@|$prefix|g" -e "s|@LIBDIR@|$libdir|g" -e "s|@INCLUDEDIR@|$includedir|g" \
        -e "s|@VERSION@|$version|g" -e "s|@ABI@|$abi|g" -e "s|@NATIVE_LIBS@|$native_libs|g" \
        -e "s|@CMAKE_NATIVE_LIBS@|$(sed 's/-l//g; s/ /;/g' <<<"$native_libs")|g" \
        -e "s|@INCLUDEDIR_FROM_HERE@|$(realpath -m --relative-to="$libdir/cmake/restore_access" "$includedir")|g" \
        -e "s|@SIZEOF_VOID_P@|$(getconf LONG_BIT | awk '{print $1 / 8}')|g" \
        "$1"
}

d=$destdir
install -d "$d$includedir" "$d$libdir/pkgconfig" "$d$libdir/cmake/restore_access"
install -m 644 include/restore_access.h "$d$includedir/restore_access.h"
install -m 644 "$archive" "$d$libdir/librestore_access.a"
install -m 755 "$so" "$d$libdir/librestore_access.so.$version"
ln -sfn "librestore_access.so.$version" "$d$libdir/librestore_access.so.$abi"
ln -sfn "librestore_access.so.$abi" "$d$libdir/librestore_access.so"
subst bindings/c/restore_access.pc.in >"$d$libdir/pkgconfig/restore_access.pc"
subst bindings/c/restore_access_static.pc.in >"$d$libdir/pkgconfig/restore_access_static.pc"
subst bindings/c/cmake/restore_accessConfig.cmake.in \
    >"$d$libdir/cmake/restore_access/restore_accessConfig.cmake"
subst bindings/c/cmake/restore_accessConfigVersion.cmake.in \
    >"$d$libdir/cmake/restore_access/restore_accessConfigVersion.cmake"
chmod 644 "$d$libdir/pkgconfig/"restore_access*.pc "$d$libdir/cmake/restore_access/"*.cmake

echo "restore-access $version (C API, ABI $abi) installed into $d$prefix"
