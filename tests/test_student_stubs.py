"""scripts/student_edition.py without a kernel: what the stubs look like, and what is left alone.

tests/notebooks/test_student_edition.py runs the student edition of every chapter and proves that
every check fails on it; these tests pin down the stubbing itself, quickly.
"""
import copy
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("student_edition", ROOT / "scripts" / "student_edition.py")
se = importlib.util.module_from_spec(spec)
spec.loader.exec_module(se)

PROMPT = "**Exercise 9.1 · Squares.** Write `square(x)`, which returns\n$x^2$."


def stub(source, prompt=PROMPT):
    return se.stub_cell_source(source, prompt)


def test_a_method_keeps_its_signature_and_throws():
    text, names = stub("double square(double x) {\n    return x * x;   // }\n}")
    assert names == ["square"]
    assert text == ("// Exercise 9.1 — Squares.\n"
                    "// Replace each TODO with your code, then run the check below.\n"
                    "double square(double x) {\n"
                    "    // TODO: your code here\n"
                    "    throw new UnsupportedOperationException(\"TODO: square\");\n"
                    "}")
    assert "x * x" not in text


def test_several_methods_generics_annotations_and_comments_above():
    source = ('/** Helper, kept. */\n@SuppressWarnings("unchecked")\n'
              'static <T extends Comparable<T>> List<T> sorted(List<T> xs) throws Exception {\n'
              '    String s = "}{"; char c = \'}\';\n    return xs;\n}\n\n'
              'int twice(int x) { return 2 * x; }\n'
              'twice(3)')
    text, names = stub(source)
    assert names == ["sorted", "twice"]
    assert "/** Helper, kept. */" in text and '@SuppressWarnings("unchecked")' in text
    assert "static <T extends Comparable<T>> List<T> sorted(List<T> xs) throws Exception {" in text
    assert 'throw new UnsupportedOperationException("TODO: twice");' in text
    assert "return" not in text and "twice(3)" not in text


def test_records_classes_and_interfaces_are_stubbed_one_level_down():
    text, names = stub("record Point(double x, double y) {\n    Point { if (x < 0) throw new IllegalArgumentException(); }\n"
                       "    double norm() { return Math.hypot(x, y); }\n}\n"
                       "interface Shape {\n    double area();\n    default String describe() { return \"a\" + area(); }\n}")
    assert names == ["Point", "norm", "Shape", "describe"]
    assert "record Point(double x, double y) {" in text and "hypot" not in text and "IllegalArgument" not in text
    assert "    double area();" in text
    assert '        throw new UnsupportedOperationException("TODO: describe");' in text


def test_variables_keep_type_and_name_with_a_default():
    text, names = stub("import java.util.function.*;\nint steps = 10;\nboolean done = check();\n"
                       "double[] w = compute();\nMap<String, Integer> index = new HashMap<String, Integer>();\n"
                       "Function<Integer, Integer> sq = x -> { return x * x; };\nString label;")
    assert names == ["steps", "done", "w", "index", "sq", "label"]
    for line in ("import java.util.function.*;", "int steps = 0;", "boolean done = false;", "double[] w = null;",
                 "Map<String, Integer> index = null;", "Function<Integer, Integer> sq = null;", "String label;"):
        assert line in text, line


@pytest.mark.parametrize("source, why", [
    ("var x = 3;", "cannot read"),
    ("int a = 1, b = 2;", "several variables"),
    ('System.out.println("hi");', "no declaration"),
    ("int f() { return 1;", "unclosed"),
    ('String s() { return "oops; }', "unterminated"),
])
def test_what_cannot_be_read_becomes_a_comment_with_the_prompt(source, why):
    text, names = stub(source)
    assert names == []
    assert all(line.startswith("//") for line in text.splitlines()), text
    assert "// **Exercise 9.1 · Squares.** Write `square(x)`, which returns" in text
    assert why in text


def test_the_classpath_is_re_pointed_at_the_same_jar():
    rewrite = se.rewrite_classpath
    assert rewrite("%classpath ../lib/target/microgpt.jar\nx", ROOT / "notebooks", ROOT / "build" / "student") \
        == "%classpath ../../lib/target/microgpt.jar\nx"
    assert rewrite("%classpath /abs/a.jar", ROOT / "notebooks", ROOT / "build") == "%classpath /abs/a.jar"


def test_every_chapter_gets_stubs_that_keep_signatures_and_only_that_changes():
    for path in se.chapters():
        nb = json.loads(path.read_text(encoding="utf-8"))
        student, report = se.student_notebook(copy.deepcopy(nb), path.parent, se.DEFAULT_OUT)
        assert student["metadata"] == nb["metadata"]
        assert len(student["cells"]) == len(nb["cells"])
        assert report["comment_only"] == 0, f"{path.name}: a solution cell could not be read"
        for index, (before, after) in enumerate(zip(nb["cells"], student["cells"])):
            tags = before.get("metadata", {}).get("tags", [])
            if "solution" in tags:
                assert after["metadata"]["tags"] == tags + [se.STUB_TAG]
                assert "TODO" in "".join(after["source"])
                assert report["names"][index], f"{path.name} cell #{index}: no signature kept"
            elif "".join(before["source"]).startswith("%classpath"):
                assert "".join(after["source"]).startswith("%classpath ../../lib/target/microgpt.jar")
            else:
                assert after == before, f"{path.name} cell #{index} changed"
