# Sourced by serve.sh and test.sh: the virtual environment with restore_access and the
# portal's pinned requirements ($1: the requirements file). Sets $root, $venv and $py.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
venv=${RESTORE_ACCESS_VENV:-$root/target/py-venv}
py=$venv/bin/python

if [ ! -x "$py" ]; then
    python3 -m venv "$venv"
fi
if ! "$py" -c 'import restore_access' 2>/dev/null; then
    echo "building restore_access into $venv (maturin develop --release) ..."
    "$py" -m pip install --quiet --disable-pip-version-check 'maturin>=1.9.4,<2'
    (cd "$root/bindings/python" && VIRTUAL_ENV=$venv PATH=$venv/bin:$PATH "$venv/bin/maturin" develop --release --quiet)
fi
"$py" -m pip install --quiet --disable-pip-version-check -r "$1"
