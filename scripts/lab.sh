#!/usr/bin/env bash
# `make lab`: prepares everything (scripts/setup.sh) and starts JupyterLab on notebooks/ with the
# project's own .venv. Extra arguments go to JupyterLab, e.g. --no-browser --port 8899.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/setup.sh
extra=()
# JupyterLab refuses to run as root unless told; containers and CI machines often are root.
if [ "$(id -u)" = "0" ]; then
  extra+=(--allow-root)
fi
exec .venv/bin/jupyter lab --notebook-dir=notebooks "${extra[@]}" "$@"
