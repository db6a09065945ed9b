#!/usr/bin/env bash
# The playground in Chromium: builds the page (web/target/playground), runs the reference run with
# the CLI for the numbers to compare, serves the page on 127.0.0.1 (python3 -m http.server, a free
# port) and runs tests/browser/playground.mjs with Playwright in Debian's Chromium. About a minute.
#
# Usage: scripts/test_playground.sh      Environment: CHROMIUM (default /usr/bin/chromium)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { echo "test-playground: $*"; }
die() { echo "test-playground: ERROR: $*" >&2; echo "playground: 0 passed, 1 failed"; exit 1; }

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || die "no Chromium at $CHROMIUM; install Debian's (sudo apt-get install chromium) or set CHROMIUM=/path/to/chromium"
command -v node >/dev/null 2>&1 || die "no 'node' on PATH; the browser test needs Node.js 20 or newer"
command -v python3 >/dev/null 2>&1 || die "no 'python3' on PATH; it serves the page"

scripts/build_playground.sh

source scripts/playwright_deps.sh

TMP="$(mktemp -d "${TMPDIR:-/tmp}/microgpt-playground.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

say "the reference run with the CLI, for the numbers to compare"
java -jar lib/target/microgpt.jar train > "$TMP/cli.txt" || die "java -jar lib/target/microgpt.jar train failed"

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server --bind 127.0.0.1 --directory web/target/playground "$PORT" > "$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/playground.html" 2>/dev/null && break; sleep 0.1; done

PLAYGROUND_URL="http://127.0.0.1:$PORT/playground.html" CLI_OUTPUT="$TMP/cli.txt" \
PLAYGROUND_FILE="$ROOT/web/target/playground/playground.html" node tests/browser/playground.mjs
