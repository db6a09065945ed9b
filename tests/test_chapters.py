"""The shape every chapter shares, checked without running anything.

Each chapter starts with a title, objectives, prerequisites and the one-line library load; it
ends with a summary and a link to the next chapter; chapters 1 and later have 2-4 exercises, each
a `solution` cell followed by its `check` cell (the student edition blanks the solutions).
"""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
LOAD_LINE = "%classpath ../lib/target/microgpt.jar"


def cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(c["cell_type"], "".join(c["source"]), c.get("metadata", {}).get("tags", [])) for c in nb["cells"]]


def markdown(path):
    return "\n".join(text for kind, text, _ in cells(path) if kind == "markdown")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_opening(path):
    first_md = next(text for kind, text, _ in cells(path) if kind == "markdown")
    assert re.match(r"# \d\d · ", first_md), "the first cell is the title '# NN · Name'"
    text = markdown(path)
    assert "**Objectives" in text, "objectives"
    assert "**Prerequisites" in text, "prerequisites"
    first_code = next(text for kind, text, _ in cells(path) if kind == "code")
    assert first_code.splitlines()[0].strip() == LOAD_LINE, f"the first code cell loads the library: {LOAD_LINE}"
    assert "microgpt.Version.get()" in first_code, "and shows the library's version"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_closing(path):
    text = markdown(path)
    assert "## Summary" in text, "a summary"
    links = re.findall(r"\*\*Next:?\*\*:?\s*\[[^\]]+\]\(([^)]+\.ipynb)\)", text)
    later = [p for p in CHAPTERS if p.name > path.name]
    if later:
        assert links, "a link to the next chapter"
        assert (ROOT / "notebooks" / links[-1]).exists(), f"the next chapter {links[-1]} exists"


@pytest.mark.parametrize("path", [p for p in CHAPTERS if not p.name.startswith("00-")], ids=lambda p: p.name)
def test_exercises_pair_a_solution_with_a_check(path):
    tagged = [(tags, text) for kind, text, tags in cells(path) if kind == "code"]
    solutions = [i for i, (tags, _) in enumerate(tagged) if "solution" in tags]
    checks = [i for i, (tags, _) in enumerate(tagged) if "check" in tags]
    assert 2 <= len(checks) <= 4, f"2-4 exercises with checks, found {len(checks)}"
    assert solutions, "the exercises have solution cells"
    for s in solutions:
        assert any(c > s for c in checks), f"solution cell #{s} is followed by a check"
    for c in checks:
        assert "solution" not in tagged[c][0], "a check cell is not also a solution"
