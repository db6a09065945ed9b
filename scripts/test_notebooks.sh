#!/usr/bin/env bash
# Runs every notebook in notebooks/ headless with the venv's Java kernel and fails on any cell
# error. Prints the time per notebook at the end. Extra arguments go to pytest, e.g.
#   scripts/test_notebooks.sh -k 03_          only notebooks whose name matches
#   NB_CELL_TIMEOUT=1200 scripts/test_notebooks.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/setup.sh
exec .venv/bin/python -m pytest -p no:cacheprovider -q tests/notebooks "$@"
