"""INSTRUCTORS.md's jupytext recipe, run exactly as written there and in `make pair`.

A chapter goes to a `.java` script (percent format) and comes back with `--update` byte for byte
unchanged: cells, tags, ids, metadata and layout. An edit made in the script lands in its cell and nowhere else.
"""
import difflib
import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("jupytext")
from jupytext.cli import jupytext as jupytext_cli  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def jupytext(*args):
    """The `jupytext` command, in this process (a subprocess costs seconds of start-up each)."""
    status = jupytext_cli(["--quiet", *args])
    assert not status, f"jupytext {' '.join(args)} exited with {status}"


def to_java(notebook, script):   # what `make pair` runs
    jupytext("--to", "java:percent", "--opt", "notebook_metadata_filter=-all", "--output", str(script), str(notebook))


def back_to_ipynb(script, notebook):
    jupytext("--to", "ipynb", "--update", "--output", str(notebook), str(script))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_a_chapter_survives_the_round_trip_through_java(path, tmp_path):
    notebook, script = tmp_path / path.name, tmp_path / (path.stem + ".java")
    shutil.copy(path, notebook)
    to_java(notebook, script)
    text = script.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line != "// -*- coding: utf-8 -*-"]
    assert lines[0] == "// %% [markdown]", "no metadata header: the script starts with the first cell"
    assert "// %classpath ../lib/target/microgpt.jar" in text, "magics are commented out in the script"
    back_to_ipynb(script, notebook)
    assert notebook.read_bytes() == path.read_bytes(), (
        f"{path.name} changed on a round trip through its .java script; store it as nbformat writes it"
        f" (.venv/bin/nbstripout --keep-id {path.relative_to(ROOT)} does)")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_a_chapter_is_stored_as_nbformat_writes_it(path, tmp_path):
    """Sorted keys, one-space indent, a final newline: the form nbformat, jupytext and nbstripout all write,
    so that a tool that rewrites a chapter changes only what it means to change."""
    nbformat = pytest.importorskip("nbformat")
    canonical = tmp_path / path.name
    nbformat.write(nbformat.read(path, as_version=4), canonical)
    assert canonical.read_bytes() == path.read_bytes(), (
        f"{path.name} is not stored as nbformat writes it; .venv/bin/nbstripout --keep-id {path.relative_to(ROOT)} rewrites it so")


def test_an_edit_in_the_script_changes_only_its_cell(tmp_path):
    path = CHAPTERS[0]
    notebook, script = tmp_path / path.name, tmp_path / (path.stem + ".java")
    shutil.copy(path, notebook)
    to_java(notebook, script)
    script.write_text(script.read_text(encoding="utf-8").replace("var answer = 6 * 7;", "var answer = 6 * 9;"),
                      encoding="utf-8")
    back_to_ipynb(script, notebook)
    before = json.loads(path.read_text(encoding="utf-8"))["cells"]
    after = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    changed = [i for i, (b, a) in enumerate(zip(before, after)) if b != a]
    assert len(before) == len(after) and len(changed) == 1
    assert "var answer = 6 * 9;" in "".join(after[changed[0]]["source"])
    # ... and in the file, only its line: a reviewer's diff shows the edit and nothing else
    diff = [line for line in difflib.unified_diff(path.read_text(encoding="utf-8").splitlines(),
                                                  notebook.read_text(encoding="utf-8").splitlines(), n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert diff == ['-    "var answer = 6 * 7;\\n",', '+    "var answer = 6 * 9;\\n",'], diff
