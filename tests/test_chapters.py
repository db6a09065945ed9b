"""The shape every chapter shares, checked without running anything.

Each chapter starts with a title, objectives, prerequisites and the one-line library load; it
ends with a summary and a link to the next chapter; chapters 1 and later have 3-4 exercises, each
a `solution` cell followed by its `check` cell (the student edition blanks the solutions), at least
one of them an experiment with a sample answer; every chapter has one `parameters` cell, and a
chapter's bit-exact side quests sit in an "Under the hood" section before the exercises.
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
    assert 3 <= len(checks) <= 4, f"3-4 exercises with checks, found {len(checks)}"
    assert solutions, "the exercises have solution cells"
    for s in solutions:
        assert any(c > s for c in checks), f"solution cell #{s} is followed by a check"
    for c in checks:
        assert "solution" not in tagged[c][0], "a check cell is not also a solution"


@pytest.mark.parametrize("path", [p for p in CHAPTERS if not p.name.startswith("00-")], ids=lambda p: p.name)
def test_one_exercise_is_an_experiment_with_a_sample_answer(path):
    text = markdown(path)
    assert re.search(r"\*\*Exercise \d+\.\d+ · Experiment", text), "an exercise titled 'Experiment: …'"
    answers = [t for kind, t, tags in cells(path) if kind == "markdown" and "solution" in tags]
    assert answers, "its sample answer: a markdown cell tagged solution (the student edition hides it)"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_one_parameters_cell_near_the_top(path):
    code = [(text, tags) for kind, text, tags in cells(path) if kind == "code"]
    tagged = [i for i, (_, tags) in enumerate(code) if "parameters" in tags]
    assert len(tagged) == 1, f"exactly one code cell tagged 'parameters', found {len(tagged)}"
    assert tagged[0] <= 2, "it comes right after the library load, before anything uses its values"
    assert re.search(r"^\s*(int|long|double|String)\s+\w+\s*=", code[tagged[0]][0], re.M), "it declares plain variables"


@pytest.mark.parametrize("path", [p for p in CHAPTERS if p.name[:2] >= "02"], ids=lambda p: p.name)
def test_under_the_hood_comes_before_the_exercises(path):
    text = markdown(path)
    assert "## Under the hood" in text, "an 'Under the hood' section for the bit-exact side quests"
    assert text.index("## Under the hood") < text.index("## Exercises"), "placed just before the exercises"
