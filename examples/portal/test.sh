#!/usr/bin/env bash
# The portal's tests (examples/portal/tests): a real browser walk, enumeration over HTTP,
# two server processes on SQLite and on Redis, tampered and replayed cookies. Installs
# chromium, chromium-driver and redis-server with apt-get when root and they are missing;
# otherwise says loudly which tests it skips. Ends with PORTAL TESTS PASSED or FAILED.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
set -e
source "$here/venv.sh" "$here/requirements-test.txt"
set +e

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
    echo "installing ${missing[*]} with apt-get ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi
command -v chromium >/dev/null && command -v chromedriver >/dev/null \
    || echo "!!!!! SKIP: no chromium/chromedriver (apt-get install chromium chromium-driver): the browser walk does not run !!!!!"
command -v redis-server >/dev/null \
    || echo "!!!!! SKIP: no redis-server (apt-get install redis-server): the Redis tests do not run !!!!!"

cd "$here"
start=$(date +%s)
"$py" -m pytest -q -s "$@"
status=$?
echo "portal tests took $(( $(date +%s) - start )) s; screenshots in ${PORTAL_SCREENSHOTS:-$root/target/portal-screenshots}"
if [ $status -eq 0 ]; then echo "PORTAL TESTS PASSED"; else echo "PORTAL TESTS FAILED"; fi
exit $status
