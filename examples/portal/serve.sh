#!/usr/bin/env bash
# Starts the reference portal on http://127.0.0.1:8000 (PORTAL_HOST, PORTAL_PORT to change).
# Builds what it needs first: the virtual environment, the restore_access package, the
# pinned requirements. Storage: SQLite under target/portal/ by default, Redis when
# REDIS_URL is set. Keys: PORTAL_SECRET, else a key file generated under target/portal/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/venv.sh" "$here/requirements.txt"
cd "$here"
exec "$py" -m portal "$@"
