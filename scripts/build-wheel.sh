#!/usr/bin/env bash
# Builds the Python package as PyPI takes it, into target/wheels:
#
#   bash scripts/build-wheel.sh
#
# - one abi3 wheel (CPython >= 3.9) tagged manylinux_2_28, linked with zig against glibc 2.28
#   and checked by maturin's auditwheel mode; without zig, the wheel is tagged for the glibc of
#   this machine instead, loudly;
# - the sdist, from which the wheel is built (so the sdist is known to build);
# then checks what was built: the tags, the METADATA (License-File, the README as the long
# description, project URLs), the licence inside both, and that the wheel installs into a
# fresh virtual environment and works.
# maturin and zig (the `ziglang` package) come from PyPI into $RESTORE_ACCESS_VENV
# (default target/py-venv, the one bindings/python/tests/run.sh uses).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
venv=${RESTORE_ACCESS_VENV:-$root/target/py-venv}
out=$root/target/wheels

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check)
"${pip[@]}" 'maturin>=1.9.4,<2'
build=(--release --sdist --auditwheel check --out "$out")
if "${pip[@]}" ziglang; then
    build+=(--zig --compatibility manylinux_2_28)
    policy=manylinux_2_28
else
    glibc=$(ldd --version | sed -n '1s/.* \([0-9]*\)\.\([0-9]*\)$/\1_\2/p')
    policy=manylinux_$glibc
    printf '\nwarning: %s\n\n' "zig could not be installed: the wheel is tagged $policy (this" \
        "machine's glibc), which older systems cannot install" >&2
    build+=(--compatibility "$policy")
fi

rm -rf "$out"
(cd bindings/python && PATH=$venv/bin:$PATH "$venv/bin/maturin" build "${build[@]}")

"$venv/bin/python" - "$out" "$policy" <<'EOF'
"""Checks the built wheel and sdist: what PyPI and pip read from them."""
import email.parser
import pathlib
import sys
import tarfile
import zipfile

out, policy = pathlib.Path(sys.argv[1]), sys.argv[2]
wheels, sdists = list(out.glob("*.whl")), list(out.glob("*.tar.gz"))
problems = []
if len(wheels) != 1 or len(sdists) != 1:
    sys.exit(f"expected one wheel and one sdist in {out}, found {wheels + sdists}")
wheel, sdist = wheels[0], sdists[0]

with zipfile.ZipFile(wheel) as z:
    names = z.namelist()
    info = next(n for n in names if n.endswith(".dist-info/WHEEL"))
    meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
    tags = [l.split(":", 1)[1].strip() for l in z.read(info).decode().splitlines() if l.startswith("Tag:")]
    metadata = email.parser.Parser().parsestr(z.read(meta_name).decode())
    licences = [n for n in names if ".dist-info/licenses/" in n]
expected = f"cp39-abi3-{policy}_x86_64"
if tags != [expected]:
    problems.append(f"wheel tags {tags}, expected [{expected!r}]")
if metadata.get_all("License-File") != ["LICENSE"] or not licences:
    problems.append(f"License-File {metadata.get_all('License-File')}, licence files {licences}")
if metadata.get("License-Expression") != "MIT":
    problems.append(f"License-Expression {metadata.get('License-Expression')!r}")
description = metadata.get_payload()
readme = pathlib.Path("bindings/python/README.md").read_text()
if description.strip() != readme.strip():
    problems.append("the long description is not bindings/python/README.md")
if not metadata.get("Description-Content-Type", "").startswith("text/markdown"):
    problems.append(f"Description-Content-Type {metadata.get('Description-Content-Type')!r}")
urls = metadata.get_all("Project-URL") or []
if not urls:
    problems.append("no Project-URL")
if metadata.get("Requires-Python") != ">=3.9":
    problems.append(f"Requires-Python {metadata.get('Requires-Python')!r}")

with tarfile.open(sdist) as t:
    members = t.getnames()
    top = members[0].split("/")[0]
    pkg_info = email.parser.Parser().parsestr(t.extractfile(f"{top}/PKG-INFO").read().decode())
for needed in ("LICENSE", "pyproject.toml", "Cargo.lock"):
    if f"{top}/{needed}" not in members:
        problems.append(f"the sdist lacks {needed}")
if pkg_info.get_all("License-File") != ["LICENSE"]:
    problems.append(f"sdist License-File {pkg_info.get_all('License-File')}")

if problems:
    sys.exit("packaging check failed:\n  " + "\n  ".join(problems))
print(f"{wheel.name}: tags {', '.join(tags)}; License-File LICENSE; "
      f"long description {len(description.splitlines())} lines (the package README); "
      f"{len(urls)} project URLs")
print(f"{sdist.name}: {len(members)} files, LICENSE and PKG-INFO included")
EOF

# The wheel as a user gets it: installed alone into a fresh environment, then used.
check=$(mktemp -d)
trap 'rm -rf "$check"' EXIT
python3 -m venv "$check/venv"
"$check/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$out"/*.whl
(cd "$check" && "$check/venv/bin/python" -c '
import restore_access
from restore_access import snils
assert snils.validate("112 233 445 95") == "112-233-445 95"
print("the wheel installs and imports:", restore_access.__version__)
')
