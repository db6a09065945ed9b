#!/usr/bin/env python3
"""Writes the student edition of the course (build/student/, or --out DIR): solutions become `// TODO` stubs.

Each `solution` cell wraps what the student writes in `// BEGIN SOLUTION` / `// END SOLUTION` lines
right inside a method's braces (as nbgrader does). The copy keeps the rest, signatures included, and
turns each marked region into `// TODO: your code here` plus a throw of UnsupportedOperationException,
tagged `student-stub`. Checks stay, `%classpath` is re-pointed, outputs go, figures/ is copied. Bad markers
stop it with a one-line error (INSTRUCTORS.md)."""
import argparse
import copy
import json
import os
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "build" / "student"
STUB_TAG = "student-stub"
BEGIN, END = "// BEGIN SOLUTION", "// END SOLUTION"
HINT = "// Replace each TODO with your code, then run the check below.\n"
MARKER_LIKE = re.compile(r"(BEGIN|END)\s+SOLUTION", re.I)
CALLED = re.compile(r"([A-Za-z_$][\w$]*)\s*\(")
NOT_NAMES = {"if", "for", "while", "switch", "catch", "synchronized", "return", "new", "throw"}
CLASSPATH_RE = re.compile(r"^([ \t]*%classpath[ \t]+)(\S+)", re.M)
EXERCISE_RE = re.compile(r"\*\*(Exercise\s+\d+(?:\.\d+)*)\.?(?:\s*[—–·:-]+\s*(.+?))?\.?\*\*")


class MarkerError(ValueError):
    """The solution markers of a cell are missing or misplaced; the message says how to fix them."""


def _name_above(lines, at):
    """The declared name on the nearest line above `at` that has one: `square` in `double square(...) {`."""
    found = (n for line in reversed(lines[:at]) for n in CALLED.findall(line.split("//")[0]) if n not in NOT_NAMES)
    return next(found, "your code")


def stub_source(source):
    """Returns (student source, names stubbed) for one solution cell; raises MarkerError."""
    lines, out, names, begin = source.split("\n"), [], [], None
    for i, line in enumerate(lines):
        marker = line.strip()
        if MARKER_LIKE.search(line) and marker not in (BEGIN, END):
            raise MarkerError(f"line {i + 1} looks like a marker; write `{BEGIN}` or `{END}` on a line of its own")
        if marker == BEGIN:
            if begin is not None:
                raise MarkerError(f"line {i + 1}: a second `{BEGIN}` before the `{END}` of line {begin + 1}")
            if not out or not out[-1].split("//")[0].rstrip().endswith("{"):
                raise MarkerError(f"line {i + 1}: put `{BEGIN}` right after the `{{` that opens the body")
            begin = i
        elif marker == END:
            if begin is None:
                raise MarkerError(f"line {i + 1}: `{END}` without a `{BEGIN}` above it")
            if i + 1 == len(lines) or not lines[i + 1].strip().startswith("}"):
                raise MarkerError(f"line {i + 1}: put `{END}` right before the `}}` that closes the body")
            indent = re.match(r"\s*", lines[begin]).group()
            names.append(_name_above(lines, begin))
            out += [f"{indent}// TODO: your code here",
                    f'{indent}throw new UnsupportedOperationException("TODO: {names[-1]}");']
            begin = None
        elif begin is None:
            out.append(line)
    if begin is not None:
        raise MarkerError(f"line {begin + 1}: `{BEGIN}` has no `{END}` below it")
    if not names:
        raise MarkerError(f"no `{BEGIN}` … `{END}` markers; wrap the body the student writes in them")
    return "\n".join(out), names


def exercise_heading(cells, index):
    """`// Exercise 3.4 — Log-sum-exp.` from the last `**Exercise ...**` in the markdown above the cell."""
    for cell in reversed(cells[:index]):
        found = list(EXERCISE_RE.finditer("".join(cell["source"]))) if cell["cell_type"] == "markdown" else ()
        if found:
            title = found[-1].group(1) + (f" — {found[-1].group(2).strip()}" if found[-1].group(2) else "")
            return f"// {title}{'' if title[-1] in '.?!' else '.'}\n"
    return ""


def rewrite_classpath(source, from_dir, to_dir):
    """Re-points relative `%classpath` paths written for from_dir so they work from to_dir."""
    def repoint(m):
        if os.path.isabs(m.group(2)) or "://" in m.group(2):
            return m.group(0)
        target = os.path.normpath(os.path.join(from_dir, m.group(2)))
        return m.group(1) + Path(os.path.relpath(target, to_dir)).as_posix()
    return CLASSPATH_RE.sub(repoint, source)


def student_notebook(nb, from_dir, to_dir):
    """The student copy of a notebook dict and a report: "names" maps each solution cell's index to
    the names its stubs throw with. Raises MarkerError naming the cell."""
    nb = copy.deepcopy(nb)
    report, cells = {"stubbed": 0, "names": {}}, nb.get("cells", [])
    for index, cell in enumerate(cells):
        if cell.get("cell_type") == "markdown" and "solution" in cell.get("metadata", {}).get("tags", []):
            cell["source"] = ["**Your answer.** What did you predict, what did the run show, and why?"]  # a sample answer
        if cell.get("cell_type") != "code":
            continue
        meta = cell.setdefault("metadata", {})
        tags, source = meta.get("tags", []), "".join(cell.get("source", ""))
        try:
            if "solution" in tags:
                source, names = stub_source(source)
                source = exercise_heading(cells, index) + HINT + source
                report["stubbed"], report["names"][index] = report["stubbed"] + len(names), names
                meta["tags"] = tags + [STUB_TAG] if STUB_TAG not in tags else tags
            elif MARKER_LIKE.search(source):
                raise MarkerError("solution markers in a cell not tagged `solution`; tag it or remove them")
        except MarkerError as problem:
            raise MarkerError(f"cell #{index} (id {cell.get('id', '?')}): {problem}") from None
        cell["source"] = rewrite_classpath(source, from_dir, to_dir).splitlines(keepends=True)
        cell["outputs"], cell["execution_count"] = [], None
        meta.pop("execution", None)
    return nb, report


def chapters():
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/student)")
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks (default: notebooks/NN-*.ipynb)")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or chapters() or sys.exit("student_edition: no notebooks found")
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        target = out / path.name
        if target.resolve() == path:
            sys.exit(f"student_edition: refusing to overwrite the original {path}; pick another --out")
        try:
            student, report = student_notebook(json.loads(path.read_text(encoding="utf-8")), path.parent, out)
        except (OSError, ValueError) as problem:   # MarkerError, or a file that is not JSON
            sys.exit(f"student_edition: {path}: {problem}")
        target.write_text(json.dumps(student, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        shown = target.relative_to(ROOT) if ROOT in target.parents else target
        print(f"student_edition: {shown}: {len(report['names'])} solution cell(s), {report['stubbed']} stub(s)")
    if (figures := paths[0].parent / "figures").is_dir() and (out / "figures").resolve() != figures.resolve():
        shutil.copytree(figures, out / "figures", dirs_exist_ok=True)  # the chapters link to figures/NAME.svg
    return 0


if __name__ == "__main__":
    sys.exit(main())
