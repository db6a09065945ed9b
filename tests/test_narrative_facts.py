"""Facts the chapters' prose states, checked against the code they describe, without running anything.

Prose must not outlive the code: a window size named in a chapter is read from the library's source,
a claim that a model starts "as training starts" is checked against the order of the calls, and a
chapter does not say the course ends while a later chapter exists. Timings and speed-ups vary from
run to run, so prose never states them as facts of its own ("on our machine", "in our runs"): the
code prints them.
"""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
LIB = ROOT / "lib" / "src" / "main" / "java" / "microgpt"


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell):
    return "".join(cell["source"])


def markdown(path):
    return "\n".join(source(c) for c in cells(path) if c["cell_type"] == "markdown")


def prose(path):
    """The markdown with line breaks and emphasis removed, so a phrase is found across a reflow."""
    return " ".join(markdown(path).replace("*", "").split())


def chapter(prefix):
    return next(p for p in CHAPTERS if p.name.startswith(prefix))


def code_number(path, pattern, what):
    match = re.search(pattern, path.read_text(encoding="utf-8"))
    assert match, f"{path.relative_to(ROOT)} no longer has {what}; update the chapter 00 prose that names it, and this test"
    return match.group(1)


@pytest.mark.parametrize("path", [p for p in CHAPTERS if p != CHAPTERS[-1]], ids=lambda p: p.name)
def test_no_chapter_but_the_last_says_the_course_ends(path):
    text = prose(path).lower()
    for claim in ("whole course", "this is the last chapter", "the course ends", "end of the course"):
        assert claim not in text, f"{path.name} says '{claim}', but later chapters exist"


RUN_SPECIFIC = [r"\bon our machine\b", r"\bin our runs?\b", r"\bthe timers were right\b",
                r"\babout \d+ times faster\b", r"\bwell under a (milli)?second\b", r"\ba second or two\b",
                r"\bfor the same minute\b"]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_prose_does_not_state_a_timing_of_its_own(path):
    text = prose(path)
    for pattern in RUN_SPECIFIC:
        found = re.search(pattern, text, re.IGNORECASE)
        assert not found, f"{path.name}: '{found.group(0)}' states a timing of one run; let the code print it"


def test_chapter_04_draws_the_weights_after_the_shuffle_from_the_same_generator():
    code = "\n".join(source(c) for c in cells(chapter("04")) if c["cell_type"] == "code")
    shuffle = re.search(r"TrainingData\.prepare\([^;]*,\s*(\w+)\)", code)
    assert shuffle, "chapter 04 prepares the data as training does (TrainingData.prepare with the seeded generator)"
    model = re.search(r"new Gpt\([^;]*,\s*" + shuffle.group(1) + r"\)", code)
    assert model, f"chapter 04 draws the weights from the generator that shuffled the data ({shuffle.group(1)})"
    assert shuffle.start() < model.start(), "the shuffle comes first, then the weights, as in training"
    assert '"3.3660"' in code, "and checks the first step's loss against the reference's 3.3660"


def test_chapter_00_names_the_windows_the_library_uses():
    text = prose(chapter("00"))
    progress = code_number(LIB / "notebook" / "ProgressDisplay.java", r"Math\.min\((\d+), history\.size\(\)\)",
                           "the progress line's mean over the latest steps")
    summary = code_number(LIB / "train" / "TrainingHistory.java", r"last-100 mean loss[^;]*meanLastLosses\((\d+)\)",
                          "the history's text summary, the mean of the last steps")
    fraction = code_number(LIB / "viz" / "Charts.java", r"Math\.min\(\d+, history\.size\(\) / (\d+)\)", "the chart's moving-average window")
    cap = code_number(LIB / "viz" / "Charts.java", r"Math\.min\((\d+), history\.size\(\) / \d+\)", "the chart's largest window")
    assert f"the last {progress} steps" in text, f"chapter 00 says the progress line's mean is over the last {progress} steps"
    assert f"mean of the last {summary} steps" in text, f"chapter 00 names the history's mean of the last {summary} steps"
    twentieth = {"20": "a twentieth"}.get(fraction, f"1/{fraction}")
    assert f"{twentieth} of the run, at most {cap}" in text, f"chapter 00 gives the chart's window: {twentieth} of the run, at most {cap}"


def test_chapter_08_times_the_sweep_directly_and_takes_medians():
    timing = next(source(c) for c in cells(chapter("08")) if "topological sort" in source(c) and c["cell_type"] == "code")
    assert ".backward(order)" in timing, "the sweep is timed on its own, along the order the sort returned"
    assert not re.search(r"\(t3 - t2\) - \(t2 - t1\)", timing), "no phase is timed by subtracting one measurement from another"
    assert "median(" in timing, "each phase is the median over the measured steps"
