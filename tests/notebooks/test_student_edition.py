"""The student edition (`make student`, scripts/student_edition.py): every check FAILS on it.

Each chapter is turned into its student copy (the code between every `solution` cell's
`// BEGIN SOLUTION` / `// END SOLUTION` markers a `// TODO` stub) and run
headless in a fresh `java` kernel with errors allowed, the kernel's working directory being the
copy's own folder. The test then asserts that
  * the first code cell (the library load, through the re-pointed `%classpath`) and every cell
    before the first stub ran without an error;
  * every stub cell ran without an error: the stubs keep the signatures, so they compile;
  * every `check` cell failed, and failed because of a stub: its error carries the stub's
    "TODO: name" of the stub above it, which the student sees as the hint;
  * no other cell failed, unless it uses a name that a stub declares.
The other half of the contract, that every check PASSES on the instructor's notebooks, is
tests/notebooks/test_notebooks.py: every chapter, solutions included, runs without an error.

The copies are written to a temporary folder, so the `%classpath` path there is long; that the
default output folder build/student/ gets `../../lib/target/microgpt.jar` is checked separately.
Same knobs as test_notebooks.py: NB_CELL_TIMEOUT, NB_KERNEL. Select chapters with -k, e.g. -k 03-.
"""
import importlib.util
import json
import os
import re
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
CELL_TIMEOUT = int(os.environ.get("NB_CELL_TIMEOUT", "180"))
KERNEL = os.environ.get("NB_KERNEL", "java")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

_spec = importlib.util.spec_from_file_location("student_edition", REPO / "scripts" / "student_edition.py")
student_edition = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(student_edition)

CHAPTERS = student_edition.chapters()


def _tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def _error_text(cell):
    """The cell's error outputs as one string (empty when it ran clean)."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            parts.append(f"{out.get('ename')}: {out.get('evalue')}\n" + "\n".join(out.get("traceback", [])[:6]))
    return ANSI.sub("", "\n".join(parts))


def test_build_student_points_at_the_repository_jar():
    """From build/student/, the chapters' `../lib/target/microgpt.jar` is `../../lib/...`."""
    nb = json.loads(CHAPTERS[0].read_text(encoding="utf-8"))
    student, _ = student_edition.student_notebook(nb, NOTEBOOKS, student_edition.DEFAULT_OUT)
    first_code = next(c for c in student["cells"] if c["cell_type"] == "code")
    assert "".join(first_code["source"]).splitlines()[0] == "%classpath ../../lib/target/microgpt.jar"
    assert (student_edition.DEFAULT_OUT / "../../lib/target/microgpt.jar").resolve() == REPO / "lib" / "target" / "microgpt.jar"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: f"student/{p.name}")
def test_checks_fail_on_the_student_edition(path, tmp_path, nb_timings):
    original = json.loads(path.read_text(encoding="utf-8"))
    student, report = student_edition.student_notebook(original, path.parent, tmp_path)
    target = tmp_path / path.name
    target.write_text(json.dumps(student, indent=1, ensure_ascii=False), encoding="utf-8")
    nb = nbformat.read(target, as_version=4)

    client = NotebookClient(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT, startup_timeout=120,
                            allow_errors=True, interrupt_on_timeout=False,
                            resources={"metadata": {"path": str(tmp_path)}})
    started = time.monotonic()
    try:
        client.execute()   # a timeout or a dead kernel still raises, and fails the test
    finally:
        elapsed = time.monotonic() - started
    cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    stubs = [i for i, c in cells if student_edition.STUB_TAG in _tags(c)]
    checks = [i for i, c in cells if "check" in _tags(c)]
    stubbed_names = {n for names in report["names"].values() for n in names}
    uses_a_stub = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(stubbed_names))) + r")\b") if stubbed_names else None

    problems = []
    first_stub = stubs[0] if stubs else len(nb.cells)
    for i, cell in cells:
        error = _error_text(cell)
        if "check" in _tags(cell):
            stub_above = max((s for s in stubs if s < i), default=None)
            if not error:
                problems.append(f"check cell #{i} passed on the student edition; it should fail on the stub")
            elif not any(f"TODO: {name}" in error for name in report["names"].get(stub_above, [])):
                problems.append(f"check cell #{i} failed, but not because of the stub above it:\n{error}")
        elif error:
            if i < first_stub or i in stubs or not (uses_a_stub and uses_a_stub.search(cell.source)):
                where = "the library load" if i == cells[0][0] else ("a stub" if i in stubs else "a cell")
                problems.append(f"{where} (cell #{i}) failed on the student edition:\n{cell.source}\n-----\n{error}")
    first_output = json.dumps(cells[0][1].get("outputs", []))
    if "microgpt" not in first_output:
        problems.append(f"the library load (cell #{cells[0][0]}) printed no version: {first_output[:300]}")

    outcome = f"{len(checks)} check(s) fail" if not problems else "WRONG"
    nb_timings.append((f"student/{path.name}", elapsed, outcome))
    print(f"student/{path.name}: {elapsed:.1f} s ({outcome}; {len(stubs)} stub(s), {len(checks)} check(s))")
    assert not problems, f"student/{path.name}:\n" + "\n\n".join(problems)
