"""Notebooks are committed without outputs, so what a reader sees is always produced by a fresh run.

The test command executes every notebook (tests/notebooks); this test makes sure nobody commits
stale outputs that could disagree with that run. Fix a notebook with
`python3 scripts/check_clean_notebooks.py --fix notebooks/NAME.ipynb`.
"""
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("check_clean_notebooks", ROOT / "scripts" / "check_clean_notebooks.py")
checker = importlib.util.module_from_spec(spec)
spec.loader.exec_module(checker)


def test_there_are_notebooks():
    assert sorted((ROOT / "notebooks").glob("*.ipynb")), "notebooks/ holds no chapters"


def test_every_committed_notebook_is_clean():
    dirty = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        problems = checker.problems_of(json.loads(path.read_text(encoding="utf-8")))
        if problems:
            dirty[path.name] = problems
    assert not dirty, f"notebooks with outputs (run scripts/check_clean_notebooks.py --fix): {dirty}"


def test_the_checker_catches_outputs():
    nb = {"metadata": {"kernelspec": {"name": "java"}},
          "cells": [{"cell_type": "code", "source": "1+1", "metadata": {}, "execution_count": 3,
                     "outputs": [{"output_type": "execute_result", "data": {"text/plain": "2"}}]}]}
    assert len(checker.problems_of(nb)) == 2
    assert checker.problems_of(checker.clean(nb)) == []
