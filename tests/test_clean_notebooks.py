"""Notebooks are committed without outputs, so what a reader sees is always produced by a fresh run.

The test command executes every notebook (tests/notebooks); these tests make sure nobody commits
stale outputs that could disagree with that run. nbstripout (pinned in requirements.txt) does the
checking and the cleaning; fix a notebook with
`.venv/bin/nbstripout --keep-id notebooks/NAME.ipynb` (--keep-id keeps the cell ids as they are).
"""
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FIX = "clean it with `.venv/bin/nbstripout --keep-id notebooks/NAME.ipynb`"


def nbstripout(*args):
    """Runs the pinned nbstripout, always keeping cell ids."""
    if importlib.util.find_spec("nbstripout") is None:
        pytest.fail("nbstripout is not installed in this Python; run `make setup` (requirements.txt pins it)")
    return subprocess.run([sys.executable, "-m", "nbstripout", "--keep-id", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT)


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no chapters"


def test_every_committed_notebook_is_clean():
    run = nbstripout("--verify", *NOTEBOOKS)
    assert run.returncode == 0, f"notebooks with outputs or execution counts ({FIX}):\n{run.stdout}{run.stderr}"


def test_every_notebook_uses_the_java_kernel():
    for path in NOTEBOOKS:
        spec = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("kernelspec", {})
        assert spec.get("name") == "java", \
            f"{path.name}: kernelspec is {spec.get('name')!r}; pick the Java kernel (Kernel → Change Kernel) and save"


def test_cell_ids_were_not_renumbered():
    """nbstripout without --keep-id renames every cell id to its index; links and reviews rely on them."""
    for path in NOTEBOOKS:
        ids = [cell.get("id", "") for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]]
        assert not any(i.isdigit() for i in ids), f"{path.name}: cell ids were renumbered; restore them from git"


def test_nbstripout_catches_outputs_and_cleans_them_keeping_ids_and_tags(tmp_path):
    dirty = {"metadata": {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}},
             "nbformat": 4, "nbformat_minor": 5,
             "cells": [{"cell_type": "code", "id": "c007", "source": "1+1", "execution_count": 3,
                        "metadata": {"tags": ["check"], "execution": {"iopub.status.idle": "2025-01-01T00:00:00Z"}},
                        "outputs": [{"output_type": "execute_result", "execution_count": 3, "metadata": {},
                                     "data": {"text/plain": "2"}}]}]}
    path = tmp_path / "dirty.ipynb"
    path.write_text(json.dumps(dirty, indent=1), encoding="utf-8")
    found = nbstripout("--verify", path)
    assert found.returncode == 1 and "dirty.ipynb" in found.stdout

    assert nbstripout(path).returncode == 0
    cell = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
    assert (cell["id"], cell["metadata"], cell["outputs"], cell["execution_count"]) == ("c007", {"tags": ["check"]}, [], None)
    assert nbstripout("--verify", path).returncode == 0
