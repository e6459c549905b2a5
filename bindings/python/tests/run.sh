#!/usr/bin/env bash
# The Python package's suite: a virtual environment (created once, then reused), the package
# built into it with maturin, pytest, stubtest and the example. Called by scripts/test.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/../.." && pwd)
venv=${RESTORE_ACCESS_VENV:-$root/target/py-venv}

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
py=$venv/bin/python
"$py" -m pip install --quiet --disable-pip-version-check 'maturin>=1.9.4,<2' pytest mypy
# Build and install the package (release: the batch and speed checks need optimised code).
(cd "$here" && VIRTUAL_ENV=$venv PATH=$venv/bin:$PATH "$venv/bin/maturin" develop --release --quiet)

cd "$here"
"$py" -m pytest -q
"$py" -m mypy.stubtest restore_access --mypy-config-file "$here/tests/mypy.ini"
# The stubs in use: the example type-checks strictly against them.
"$py" -m mypy --config-file "$here/tests/mypy.ini" "$root/examples/python/recover.py"
out=$(printf '%s\n' "8 (916) 123-45-67" "45 08 123456" 5 "{sms}" qwerty "Sharik1599+" \
    | "$py" "$root/examples/python/recover.py")
printf '%s\n' "$out"
grep -q "Пароль изменён" <<<"$out" || { echo "recover.py did not reach: Пароль изменён" >&2; exit 1; }
