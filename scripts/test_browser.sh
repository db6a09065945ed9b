#!/usr/bin/env bash
# The browser test: chapters of the course run in JupyterLab in a real Chromium, as a learner runs
# them (Run → Run All Cells), with screenshots in build/browser/. `make test-browser` runs it after
# `make setup` (the jar, .venv and the Java kernel must be there).
#
#   1. Chromium: Debian's /usr/bin/chromium; installed with apt-get when missing and we are root.
#   2. Playwright: tests/browser/node_modules from package-lock.json (`npm ci`), again only when the
#      lock file changed. Playwright never downloads a browser of its own.
#   3. JupyterLab from .venv on notebooks/, on 127.0.0.1, a free port and a random token, with its
#      settings, workspaces and runtime files in a temporary directory (the learner's own are not
#      touched nor used), autosave off (a run never saves outputs into a chapter) and checkpoints
#      in the temporary directory too (notebooks/.ipynb_checkpoints is not created).
#   4. tests/browser/run.mjs; JupyterLab (and with it every kernel) is stopped at the end, always.
#
# Usage: scripts/test_browser.sh [CHAPTER.ipynb ...]   (default: 00-welcome.ipynb 06-training.ipynb 07-sampling.ipynb)
# Environment: BROWSER_TIMEOUT (seconds per chapter, default 120), CHROMIUM (default /usr/bin/chromium).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { echo "test-browser: $*"; }
die() { echo "test-browser: ERROR: $*" >&2; echo "browser: 0 passed, 1 failed"; exit 1; }

if [ "$#" -gt 0 ]; then
  BROWSER_CHAPTERS="$(IFS=,; echo "$*")"
  export BROWSER_CHAPTERS
fi

# ---------------------------------------------------------------- prerequisites
[ -x .venv/bin/jupyter ] || die ".venv has no JupyterLab; run 'make setup' first"
[ -f lib/target/microgpt.jar ] || die "lib/target/microgpt.jar is missing; run 'make setup' (or 'make build') first"
command -v node >/dev/null 2>&1 || die "no 'node' on PATH; the browser test needs Node.js 20 or newer"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node.js $(node --version) is too old; the browser test needs 20 or newer"
command -v npm >/dev/null 2>&1 || die "no 'npm' on PATH"

# ---------------------------------------------------------------- Chromium (Debian's)
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1 && [ "$CHROMIUM" = /usr/bin/chromium ]; then
    say "installing Chromium from Debian (apt-get install chromium); this happens once per machine"
    t0=$SECONDS
    export DEBIAN_FRONTEND=noninteractive
    apt_log="$(mktemp)"
    if ! { apt-get update -q && apt-get install -y -q chromium; } > "$apt_log" 2>&1; then
      tail -n 20 "$apt_log" >&2
      rm -f "$apt_log"
      die "could not install Chromium with apt-get (output above)"
    fi
    rm -f "$apt_log"
    [ -x "$CHROMIUM" ] || die "apt-get installed chromium, but there is no $CHROMIUM"
    say "Chromium installed in $((SECONDS - t0)) s"
  else
    die "no Chromium at $CHROMIUM. Install Debian's: sudo apt-get install chromium (or set CHROMIUM=/path/to/chromium)"
  fi
fi
say "$("$CHROMIUM" --version 2>/dev/null | head -n1)"

# ---------------------------------------------------------------- Playwright (playwright-core, pinned)
source scripts/playwright_deps.sh

# ---------------------------------------------------------------- JupyterLab
TMP="$(mktemp -d "${TMPDIR:-/tmp}/microgpt-browser.XXXXXX")"
JUPYTER_PID=""
NODE_PID=""
stop_jupyter() {
  if [ -n "$JUPYTER_PID" ] && kill -0 "$JUPYTER_PID" 2>/dev/null; then
    kill -TERM "$JUPYTER_PID" 2>/dev/null || true       # JupyterLab shuts its kernels down on SIGTERM
    for _ in $(seq 1 50); do kill -0 "$JUPYTER_PID" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$JUPYTER_PID" 2>/dev/null; then
      say "JupyterLab did not stop within 10 s; killing it"
      kill -KILL "$JUPYTER_PID" 2>/dev/null || true
    fi
    wait "$JUPYTER_PID" 2>/dev/null || true
  fi
  JUPYTER_PID=""
  # Kernels of this run have their connection files in $TMP/runtime; none may outlive JupyterLab.
  local left
  left="$(pgrep -f -- "$TMP/runtime/kernel-" || true)"
  if [ -n "$left" ]; then
    say "kernels still running after JupyterLab stopped (pids $(echo $left)); stopping them"
    kill -KILL $left 2>/dev/null || true
  fi
}
cleanup() {
  if [ -n "$NODE_PID" ] && kill -0 "$NODE_PID" 2>/dev/null; then
    kill -TERM "$NODE_PID" 2>/dev/null || true   # it closes its browser on the way out
    wait "$NODE_PID" 2>/dev/null || true
  fi
  stop_jupyter
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Settings for this run only: no autosave (outputs must never be written into a chapter) and no
# news or update checks (they would pop up a notification over the notebook).
mkdir -p "$TMP/settings/@jupyterlab/docmanager-extension" "$TMP/settings/@jupyterlab/apputils-extension" \
         "$TMP/workspaces" "$TMP/config" "$TMP/data" "$TMP/runtime"
echo '{ "autosave": false }' > "$TMP/settings/@jupyterlab/docmanager-extension/plugin.jupyterlab-settings"
echo '{ "fetchNews": "false", "checkForUpdates": false }' \
  > "$TMP/settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings"

PORT="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
TOKEN="$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(24))')"
extra=()
[ "$(id -u)" = "0" ] && extra+=(--allow-root)

say "starting JupyterLab on 127.0.0.1:$PORT (log: build/browser/jupyterlab.log)"
mkdir -p build/browser
rm -f build/browser/*.png
JUPYTER_CONFIG_DIR="$TMP/config" JUPYTER_DATA_DIR="$TMP/data" JUPYTER_RUNTIME_DIR="$TMP/runtime" \
JUPYTERLAB_SETTINGS_DIR="$TMP/settings" JUPYTERLAB_WORKSPACES_DIR="$TMP/workspaces" JUPYTER_TOKEN="$TOKEN" \
  .venv/bin/jupyter lab --notebook-dir=notebooks "${extra[@]}" \
    --ServerApp.ip=127.0.0.1 --ServerApp.port="$PORT" --ServerApp.port_retries=0 \
    --ServerApp.open_browser=False --FileCheckpoints.checkpoint_dir="$TMP/checkpoints" \
    < /dev/null > build/browser/jupyterlab.log 2>&1 &
JUPYTER_PID=$!

URL="http://127.0.0.1:$PORT"
t0=$SECONDS
until curl -fsS -o /dev/null -H "Authorization: token $TOKEN" "$URL/api/status" 2>/dev/null; do
  if ! kill -0 "$JUPYTER_PID" 2>/dev/null; then
    tail -n 30 build/browser/jupyterlab.log >&2
    JUPYTER_PID=""
    die "JupyterLab exited during start-up (log above)"
  fi
  [ $((SECONDS - t0)) -lt 90 ] || { tail -n 30 build/browser/jupyterlab.log >&2; die "JupyterLab did not answer within 90 s"; }
  sleep 0.3
done
say "JupyterLab is up after $((SECONDS - t0)) s"

# ---------------------------------------------------------------- the test
# In the background and waited for, so that a signal to this script stops the run at once.
status=0
JUPYTER_URL="$URL" JUPYTER_TOKEN="$TOKEN" node tests/browser/run.mjs < /dev/null &
NODE_PID=$!
wait "$NODE_PID" || status=$?
NODE_PID=""
stop_jupyter
if [ "$status" -ne 0 ]; then
  echo "test-browser: FAILED (see the FAIL lines above; screenshots and jupyterlab.log in build/browser/)" >&2
fi
exit "$status"
