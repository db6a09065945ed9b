#!/usr/bin/env bash
# make bench-torch: PyTorch and our engine on makemore's transformer configuration, one table.
#   1. creates .venv-torch and installs bench/torch/requirements.txt (torch 2.15.0, every package
#      pinned) only when the venv is missing or the requirements changed since its last install.
#      PyPI's torch for Linux brings NVIDIA's CUDA libraries: about 3 GB of wheels, 5.3 GB
#      installed, 4 minutes here. The project's .venv is never touched.
#   2. runs bench/torch/compare.py with the arguments given (e.g. --steps 100).
# Environment: PYTHON (default python3) creates the venv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ ! -f lib/target/microgpt.jar ]; then
  echo "bench-torch: lib/target/microgpt.jar is missing; run 'make build' first" >&2
  exit 2
fi
VENV=.venv-torch
PY="$VENV/bin/python"
REQUIREMENTS=bench/torch/requirements.txt
STAMP="$VENV/.requirements.sha256"
if [ ! -x "$PY" ] || ! "$PY" -c 'import sys' >/dev/null 2>&1; then
  base="${PYTHON:-python3}"
  command -v "$base" >/dev/null 2>&1 || { echo "bench-torch: no '$base' to create $VENV with; set PYTHON" >&2; exit 2; }
  rm -rf "$VENV"
  "$base" -m venv "$VENV"
fi
want="$( { cat "$REQUIREMENTS"; "$PY" -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)"
if [ "$want" != "$(cat "$STAMP" 2>/dev/null || true)" ]; then
  echo "bench-torch: installing $REQUIREMENTS into $VENV (torch 2.15.0 with CUDA libraries: about 3 GB to download, 5.3 GB installed)"
  t0=$SECONDS
  "$PY" -m pip install --disable-pip-version-check -q -r "$REQUIREMENTS"
  echo "$want" > "$STAMP"
  echo "bench-torch: installed in $((SECONDS - t0)) s ($(du -sh "$VENV" | cut -f1))"
fi
exec "$PY" bench/torch/compare.py "$@"
