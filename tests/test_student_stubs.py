"""scripts/student_edition.py without a kernel: the solution markers, the stubs, what is left alone.

tests/notebooks/test_student_edition.py runs the student edition of every chapter and proves that
every check fails on it; these tests pin down the stubbing itself, quickly.
"""
import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "student_edition.py"
spec = importlib.util.spec_from_file_location("student_edition", SCRIPT)
se = importlib.util.module_from_spec(spec)
spec.loader.exec_module(se)

PROMPT = "**Exercise 9.1 · Squares.** Write `square(x)`, which returns\n$x^2$."
SQUARE = ("double square(double x) {   // keep it simple\n"
          "    // BEGIN SOLUTION\n"
          "    return x * x;   // }\n"
          "    // END SOLUTION\n"
          "}")


def notebook(*cells):
    """A notebook of (cell_type, source, tags) triples, as read from .ipynb JSON."""
    return {"metadata": {"kernelspec": {"name": "java"}}, "nbformat": 4, "nbformat_minor": 5,
            "cells": [{"cell_type": kind, "id": f"c{i}", "metadata": {"tags": tags} if tags else {},
                       "source": source.splitlines(keepends=True),
                       **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                      for i, (kind, source, tags) in enumerate(cells)]}


def student_cell(source, prompt=PROMPT):
    """The student edition of one solution cell after a prompt."""
    nb = notebook(("markdown", prompt, None), ("code", source, ["solution"]))
    student, report = se.student_notebook(nb, ROOT, ROOT)
    return "".join(student["cells"][1]["source"]), report["names"][1]


def test_the_marked_body_becomes_a_todo_that_throws_and_the_signature_stays():
    text, names = student_cell(SQUARE)
    assert names == ["square"]
    assert text == ("// Exercise 9.1 — Squares.\n"
                    "// Replace each TODO with your code, then run the check below.\n"
                    "double square(double x) {   // keep it simple\n"
                    "    // TODO: your code here\n"
                    "    throw new UnsupportedOperationException(\"TODO: square\");\n"
                    "}")


def test_an_experiments_sample_answer_is_replaced_by_a_prompt_for_the_students_own():
    nb = notebook(("markdown", "**Exercise 9.2 · Experiment.** Predict, run, explain.", None),
                  ("markdown", "Sample answer: two heads learn faster because …", ["solution"]),
                  ("markdown", "Next section.", None))
    student, _ = se.student_notebook(nb, ROOT, ROOT)
    texts = ["".join(c["source"]) for c in student["cells"]]
    assert "Sample answer" not in "".join(texts)
    assert texts[1].startswith("**Your answer.**") and texts[0] == "**Exercise 9.2 · Experiment.** Predict, run, explain."
    assert texts[2] == "Next section."


def test_several_regions_keep_their_indentation_and_everything_outside_them():
    source = ('import java.util.*;\n\n/** Helper, kept. */\n'
              'static <T extends Comparable<T>> List<T> sorted(List<T> xs,\n        int limit) throws Exception {\n'
              '    // BEGIN SOLUTION\n    if (limit < 0) throw new IllegalArgumentException("limit");\n    return xs;\n'
              '    // END SOLUTION\n}\n\n'
              'record Point(double x, double y) {\n    double norm() {\n        // BEGIN SOLUTION\n'
              '        return Math.hypot(x, y);\n        // END SOLUTION\n    }\n}')
    text, names = student_cell(source)
    assert names == ["sorted", "norm"]
    assert "SOLUTION" not in text and "hypot" not in text and "IllegalArgument" not in text and "return" not in text
    for kept in ("import java.util.*;\n\n/** Helper, kept. */\n", "        int limit) throws Exception {\n",
                 '    throw new UnsupportedOperationException("TODO: sorted");\n}\n\nrecord Point(double x, double y) {\n',
                 '        // TODO: your code here\n        throw new UnsupportedOperationException("TODO: norm");\n    }\n}'):
        assert kept in text, kept


@pytest.mark.parametrize("source, why", [
    ("double square(double x) {\n    return x * x;\n}", "no `// BEGIN SOLUTION` … `// END SOLUTION` markers"),
    ("double square(double x) {\n    // BEGIN SOLUTION\n    return x * x;\n}", "line 2: `// BEGIN SOLUTION` has no `// END SOLUTION`"),
    ("double square(double x) {\n    return x * x;\n    // END SOLUTION\n}", "line 3: `// END SOLUTION` without a `// BEGIN SOLUTION`"),
    ("double square(double x) {\n    // BEGIN SOLUTION\n    // BEGIN SOLUTION\n    return x * x;\n    // END SOLUTION\n}",
     "line 3: a second `// BEGIN SOLUTION`"),
    ("double square(double x) {\n    //BEGIN SOLUTION\n    return x * x;\n    // END SOLUTION\n}", "line 2 looks like a marker"),
    ("double square(double x) {\n    double y = x;\n    // BEGIN SOLUTION\n    return x * y;\n    // END SOLUTION\n}",
     "line 3: put `// BEGIN SOLUTION` right after the `{`"),
    ("double square(double x) {\n    // BEGIN SOLUTION\n    double y = x;\n    // END SOLUTION\n    return x * y;\n}",
     "line 4: put `// END SOLUTION` right before the `}`"),
])
def test_missing_or_misplaced_markers_are_a_one_line_error_naming_the_cell(source, why):
    with pytest.raises(se.MarkerError) as error:
        student_cell(source)
    message = str(error.value)
    assert message.startswith("cell #1 (id c1): ") and why in message and "\n" not in message


def test_markers_outside_a_solution_cell_are_an_error():
    nb = notebook(("code", SQUARE, None))
    with pytest.raises(se.MarkerError, match=r"cell #0 \(id c0\): solution markers in a cell not tagged `solution`"):
        se.student_notebook(nb, ROOT, ROOT)


def test_the_script_stops_with_one_line_naming_the_notebook(tmp_path):
    bad = tmp_path / "99-bad.ipynb"
    bad.write_text(json.dumps(notebook(("code", "int f() {\n    return 1;\n}", ["solution"]))), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path / "out"), str(bad)],
                         capture_output=True, text=True)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.strip() == (f"student_edition: {bad}: cell #0 (id c0): no `// BEGIN SOLUTION` … "
                                  "`// END SOLUTION` markers; wrap the body the student writes in them")
    assert not (tmp_path / "out" / bad.name).exists()


def test_the_classpath_is_re_pointed_at_the_same_jar():
    rewrite = se.rewrite_classpath
    assert rewrite("%classpath ../lib/target/microgpt.jar\nx", ROOT / "notebooks", ROOT / "build" / "student") \
        == "%classpath ../../lib/target/microgpt.jar\nx"
    assert rewrite("%classpath /abs/a.jar", ROOT / "notebooks", ROOT / "build") == "%classpath /abs/a.jar"


def _outside_markers(source):
    """The lines of an instructor's solution cell that are not between (or on) the markers."""
    out, inside = [], False
    for line in source.split("\n"):
        if line.strip() in (se.BEGIN, se.END):
            inside = line.strip() == se.BEGIN
        elif not inside:
            out.append(line)
    return out


def test_every_solution_cell_is_marked_and_only_the_marked_code_changes():
    for path in se.chapters():
        nb = json.loads(path.read_text(encoding="utf-8"))
        student, report = se.student_notebook(copy.deepcopy(nb), path.parent, se.DEFAULT_OUT)
        assert student["metadata"] == nb["metadata"]
        assert len(student["cells"]) == len(nb["cells"])
        assert report["names"], f"{path.name}: no solution cells"
        for index, (before, after) in enumerate(zip(nb["cells"], student["cells"])):
            tags, source = before.get("metadata", {}).get("tags", []), "".join(before["source"])
            where = f"{path.name} cell #{index}"
            if "solution" in tags and before["cell_type"] == "markdown":
                assert "".join(after["source"]).startswith("**Your answer.**"), f"{where}: the sample answer is hidden"
            elif "solution" in tags:
                marked = source.count(se.BEGIN)
                assert marked and marked == source.count(se.END), f"{where}: every solution cell has paired markers"
                assert after["metadata"]["tags"] == tags + [se.STUB_TAG]
                names = report["names"][index]
                assert len(names) == marked and all(name in source for name in names), f"{where}: {names}"
                stub = "".join(after["source"]).split("\n")
                assert stub[0].startswith("// Exercise ") and stub[1] == se.HINT.strip(), where
                todo_free = [line for line in stub[2:] if "TODO" not in line]
                assert todo_free == _outside_markers(source), f"{where}: only the marked lines may change"
                assert len(source.split("\n")) - len(_outside_markers(source)) > 2 * marked, f"{where}: an empty region"
                todos = [line.strip() for line in stub[2:] if "TODO" in line]
                assert todos == [line for name in names for line in (
                    "// TODO: your code here", f'throw new UnsupportedOperationException("TODO: {name}");')], where
            elif source.startswith("%classpath"):
                assert "".join(after["source"]).startswith("%classpath ../../lib/target/microgpt.jar")
            else:
                assert after == before, f"{where} changed"
