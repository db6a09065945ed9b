#!/usr/bin/env python3
"""Writes the student edition of the course: every exercise solution becomes a `// TODO` stub.

Usage:
  python3 scripts/student_edition.py                      every chapter -> build/student/
  python3 scripts/student_edition.py --out DIR [NB ...]   these notebooks -> DIR

What changes, chapter by chapter (file names stay the same):
  * A code cell tagged `solution` becomes a stub and gets the extra tag `student-stub` (it keeps
    `solution`: that is the cell the student writes in). The stub keeps every top-level
    declaration's signature, so the notebook still compiles and runs top to bottom:
        double foo(int x) {
            // TODO: your code here
            throw new UnsupportedOperationException("TODO: foo");
        }
    Methods (and constructors) get that body; the members of a record, class or interface are
    stubbed the same way, one level down; a variable keeps its type and name with a default
    value (0, false or null); imports and the comments above a declaration are kept; other
    top-level statements of the solution are left out. A cell this cannot read (unbalanced
    braces, an unterminated string, `var x = ...`, several variables in one declaration, no
    declaration at all) becomes a comment-only stub that repeats the exercise's prompt.
  * The `check` cell after it stays as it is: on the stub it fails, which is the point.
  * `%classpath` lines with a relative path are re-pointed at the same file from the output
    folder. The chapters load the library with `%classpath ../lib/target/microgpt.jar`, relative
    to notebooks/; from build/student/ the repository's jar is `../../lib/target/microgpt.jar`,
    so that is what the student copies say.
  * Outputs, execution counts and per-cell timing metadata are removed.

The chapters' figures (notebooks/figures/) are copied to the output folder too, so that their
relative links `figures/name.svg` still work; nothing else is. Only the standard library is used.
"""
import argparse
import copy
import json
import os
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_OUT = ROOT / "build" / "student"
STUB_TAG = "student-stub"
INDENT = "    "

MODIFIERS = r"(?:public|protected|private|static|final|abstract|synchronized|native|strictfp|default|sealed|non-sealed)"
ANNOTATION = r"@[\w.$]+(?:\s*\([^()]*\))?"
LEAD = rf"(?:(?:{ANNOTATION}|{MODIFIERS})\s+)*"
IDENT = r"[A-Za-z_$][\w$]*"
# A type: a dotted name, optional type arguments (one level of nesting is enough in practice),
# optional array brackets, e.g. `List<Map<String, Integer>>[]`.
TYPE = rf"{IDENT}(?:\s*\.\s*{IDENT})*(?:\s*<(?:[^<>]|<(?:[^<>]|<[^<>]*>)*>)*>)?(?:\s*\[\s*\])*"
TYPE_PARAMS = r"<(?:[^<>]|<(?:[^<>]|<[^<>]*>)*>)*>"
METHOD_RE = re.compile(
    rf"^{LEAD}(?:{TYPE_PARAMS}\s*)?(?P<ret>{TYPE})\s+(?P<name>{IDENT})\s*\((?P<params>.*)\)"
    rf"(?:\s*\[\s*\])*\s*(?:throws\s+{TYPE}(?:\s*,\s*{TYPE})*)?$", re.S)
CONSTRUCTOR_RE = re.compile(
    rf"^{LEAD}(?:{TYPE_PARAMS}\s*)?(?P<name>{IDENT})\s*\((?P<params>.*)\)\s*(?:throws\s+{TYPE}(?:\s*,\s*{TYPE})*)?$", re.S)
TYPE_DECL_RE = re.compile(rf"^{LEAD}(?P<kind>record|class|interface|enum)\s+(?P<name>{IDENT})\b", re.S)
VARIABLE_RE = re.compile(rf"^{LEAD}(?P<type>{TYPE})\s+(?P<name>{IDENT})(?P<dims>(?:\s*\[\s*\])*)\s*(?:=(?P<init>.*))?;$", re.S)
# Looks like `Type name ...` but is not something VARIABLE_RE could read (var, several names).
DECLARATION_LIKE_RE = re.compile(rf"^{LEAD}{TYPE}\s+{IDENT}\s*(?:[=;,\[])", re.S)
KEYWORDS = {"if", "else", "for", "while", "do", "switch", "try", "catch", "finally", "return", "throw",
            "new", "synchronized", "case", "default", "yield", "assert", "break", "continue", "var",
            "import", "package", "this", "super"}
PRIMITIVE_DEFAULTS = {"byte": "0", "short": "0", "int": "0", "long": "0", "char": "0", "float": "0",
                      "double": "0", "boolean": "false"}
CLASSPATH_RE = re.compile(r"^(\s*%classpath\s+)(\S+)(.*)$")
EXERCISE_RE = re.compile(r"\*\*(Exercise\s+\d+(?:\.\d+)*)\.?(?:\s*[—–·:-]+\s*(.+?))?\.?\*\*")


class Unreadable(Exception):
    """The cell is not Java this script can take apart; the caller falls back to a comment."""


# ---------------------------------------------------------------- reading Java, roughly

def _skip_comment(src, i):
    """If a comment starts at i, returns the index after it, else None."""
    if src.startswith("//", i):
        end = src.find("\n", i)
        return len(src) if end < 0 else end
    if src.startswith("/*", i):
        end = src.find("*/", i + 2)
        if end < 0:
            raise Unreadable("an unterminated /* comment")
        return end + 2
    return None


def _skip_literal(src, i):
    """If a string, text block or char literal starts at i, returns the index after it, else None."""
    if src.startswith('"""', i):
        j = i + 3
        while True:
            end = src.find('"""', j)
            if end < 0:
                raise Unreadable("an unterminated text block")
            backslashes = len(src[j:end]) - len(src[j:end].rstrip("\\"))
            if backslashes % 2 == 0:
                return end + 3
            j = end + 1
    quote = src[i]
    if quote not in "\"'":
        return None
    j = i + 1
    while j < len(src):
        c = src[j]
        if c == "\\":
            j += 2
            continue
        if c == quote:
            return j + 1
        if c == "\n":
            break
        j += 1
    raise Unreadable("an unterminated string or char literal")


def strip_comments(src):
    """The source without comments (literals are kept)."""
    out, i = [], 0
    while i < len(src):
        end = _skip_comment(src, i)
        if end is not None:
            out.append(" ")
            i = end
            continue
        end = _skip_literal(src, i)
        if end is not None:
            out.append(src[i:end])
            i = end
            continue
        out.append(src[i])
        i += 1
    return "".join(out)


def _header_ends_at_brace(header):
    """Whether a chunk whose first top-level `{` follows `header` ends at the matching `}`.

    True for declarations (methods, constructors, types) and for statements that start with a
    keyword (if, for, while, try, ...) or are a bare block; False for expressions and variable
    initialisers such as `Runnable r = () -> { ... };`, which run on to their `;`.
    """
    text = strip_comments(header).strip()
    if not text:
        return True
    first = re.match(rf"{LEAD}({IDENT})", text)
    if first and first.group(1) in KEYWORDS - {"new", "this", "super", "return", "throw", "yield"}:
        return True
    if re.fullmatch(rf"{LEAD}{IDENT}", text):  # `static { ... }`, or a record's compact constructor
        return True
    return bool(TYPE_DECL_RE.match(text) or METHOD_RE.match(text) or CONSTRUCTOR_RE.match(text))


def top_level_chunks(src):
    """Splits Java source into its top-level pieces.

    Returns a list of dicts: start, end (the piece is src[start:end]), brace (index of the piece's
    first top-level `{`, or None), lead (the comments and blank space before the piece) and
    lead_start (where that lead begins). A piece
    ends at a top-level `;`, or at the `}` that closes a declaration's or a statement's block.
    Raises Unreadable on unbalanced brackets or unterminated literals and comments.
    """
    chunks, stack, i, n = [], [], 0, len(src)
    start = brace = None
    lead_from = 0
    pairs = {")": "(", "]": "[", "}": "{"}

    def close(end):
        nonlocal start, brace, lead_from
        chunks.append({"start": start, "end": end, "brace": brace, "lead": src[lead_from:start], "lead_start": lead_from})
        start = brace = None
        lead_from = end

    while i < n:
        end = _skip_comment(src, i)
        if end is not None:
            i = end
            continue
        c = src[i]
        if c.isspace():
            i += 1
            continue
        if start is None:
            start = i
        end = _skip_literal(src, i)
        if end is not None:
            i = end
            continue
        if c in "([{":
            if c == "{" and not stack and brace is None:
                brace = i
            stack.append(c)
        elif c in ")]}":
            if not stack or stack[-1] != pairs[c]:
                raise Unreadable(f"an unbalanced {c!r}")
            stack.pop()
            if c == "}" and not stack and _header_ends_at_brace(src[start:brace]):
                close(i + 1)
        elif c == ";" and not stack:
            close(i + 1)
        i += 1
    if stack:
        raise Unreadable(f"an unclosed {stack[-1]!r}")
    if start is not None:  # a last expression without `;`
        chunks.append({"start": start, "end": n, "brace": brace, "lead": src[lead_from:start], "lead_start": lead_from})
    return chunks


# ---------------------------------------------------------------- stubs

def _lead_comments(lead, at_start):
    """The comment lines above a declaration (a trailing comment of the line before is dropped)."""
    lines = lead.split("\n") if at_start else lead.split("\n")[1:]
    kept = "\n".join(lines).strip("\n")
    return kept.strip() and "\n".join(line.rstrip() for line in kept.split("\n")) + "\n"


def _reindent(text, indent):
    lines = text.split("\n")
    return "\n".join((indent + line.lstrip()) if line.strip() else line for line in lines)


def _method_stub(header, name, indent):
    return (f"{header.rstrip()} {{\n"
            f"{indent}{INDENT}// TODO: your code here\n"
            f"{indent}{INDENT}throw new UnsupportedOperationException(\"TODO: {name}\");\n"
            f"{indent}}}")


def _default_value(java_type, dims):
    if dims.strip() or "[" in java_type or "<" in java_type or "." in java_type:
        return "null"
    return PRIMITIVE_DEFAULTS.get(java_type.strip(), "null")


def stub_declarations(src, indent="", type_name=None):
    """Returns (stub text, names stubbed). Raises Unreadable if src is not simple declarations."""
    pieces, names = [], []
    for chunk in top_level_chunks(src):
        text = src[chunk["start"]:chunk["end"]]
        code = strip_comments(text).strip()
        lead = _lead_comments(chunk["lead"], chunk["lead_start"] == 0)
        lead = _reindent(lead.rstrip("\n"), indent) + "\n" if lead else ""
        if code.startswith("import "):
            pieces.append(lead + indent + text.strip())
            continue
        if chunk["brace"] is not None and code.endswith("}"):
            header = src[chunk["start"]:chunk["brace"]]
            header_code = strip_comments(header).strip()
            declared = TYPE_DECL_RE.match(header_code)
            if declared:
                body = src[chunk["brace"] + 1:chunk["end"] - 1]
                if declared.group("kind") == "enum":   # constants are data, not a solution
                    names.append(declared.group("name"))
                    pieces.append(lead + indent + text.strip())
                else:
                    inner, inner_names = stub_declarations(body, indent + INDENT, declared.group("name"))
                    names.append(declared.group("name"))
                    names.extend(inner_names)
                    inside = f"\n{inner}\n" if inner.strip() else f"\n{indent}{INDENT}// TODO: your code here\n"
                    pieces.append(f"{lead}{indent}{header.strip()} {{{inside}{indent}}}")
                continue
            method = METHOD_RE.match(header_code)
            ctor = CONSTRUCTOR_RE.match(header_code) if type_name else None
            if method and method.group("ret") not in KEYWORDS and method.group("name") not in KEYWORDS:
                names.append(method.group("name"))
                pieces.append(lead + _method_stub(indent + header.strip(), method.group("name"), indent))
                continue
            if ctor and ctor.group("name") == type_name:
                pieces.append(lead + _method_stub(indent + header.strip(), ctor.group("name"), indent))
                continue
            if type_name and re.fullmatch(rf"{LEAD}{re.escape(type_name)}", header_code):
                continue   # a record's compact constructor: validation, left to the student
            if type_name:
                raise Unreadable(f"a member of {type_name} this script cannot read: {header_code[:60]!r}")
            _drop(text)    # a top-level statement with a block (for, if, ...): part of the solution
            continue
        if code.endswith(";"):
            if type_name and METHOD_RE.match(code[:-1].strip()):   # an interface's abstract method
                pieces.append(lead + indent + text.strip())
                continue
            variable = VARIABLE_RE.match(code)
            if variable and variable.group("type") not in KEYWORDS and variable.group("name") not in KEYWORDS:
                init = variable.group("init")
                head = code[:code.index("=")].rstrip() if init is not None else code[:-1].rstrip()
                if init is not None and _has_second_declarator(init):
                    raise Unreadable("several variables in one declaration")
                names.append(variable.group("name"))
                if init is None:
                    pieces.append(lead + indent + head + ";")
                else:
                    value = _default_value(variable.group("type"), variable.group("dims"))
                    pieces.append(f"{lead}{indent}{head} = {value};   // TODO: compute {variable.group('name')}")
                continue
            if DECLARATION_LIKE_RE.match(code) and code.split()[0] not in KEYWORDS - {"var"}:
                raise Unreadable(f"a declaration this script cannot read: {code[:60]!r}")
        if type_name:
            raise Unreadable(f"a member of {type_name} this script cannot read: {code[:60]!r}")
        _drop(text)        # an expression or statement: part of the solution, left out
    return "\n\n".join(pieces), names


METHOD_LINE_RE = re.compile(
    rf"^\s*{LEAD}(?:{TYPE_PARAMS}\s*)?(?P<ret>{TYPE})\s+(?P<name>{IDENT})\s*\([^;{{}}]*\)\s*\{{", re.M)


def _drop(text):
    """Leaves out a statement of the solution, unless it seems to hide a method declaration (then
    the reading went wrong somewhere, and a comment-only stub is safer than a lost signature)."""
    for m in METHOD_LINE_RE.finditer(strip_comments(text)):
        if m.group("ret").split("<")[0].strip() in KEYWORDS or m.group("name") in KEYWORDS:
            continue
        raise Unreadable("a statement that seems to contain a method declaration")


def _has_second_declarator(init):
    """Whether an initialiser goes on to declare another variable: `1, b = 2` in `int a = 1, b = 2;`.

    A comma outside brackets that is followed by `name =`, `name,` or `name` at the end; commas
    inside type arguments (`new HashMap<String, Integer>()`) are not followed by that.
    """
    code = strip_comments(init)
    depth, i = 0, 0
    while i < len(code):
        end = _skip_literal(code, i)
        if end is not None:
            i = end
            continue
        c = code[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0 and re.match(rf"\s*{IDENT}\s*(?:\[\s*\]\s*)*(?:=(?!=)|,|$)", code[i + 1:]):
            return True
        i += 1
    return False


def exercise_prompt(cells, index):
    """The exercise's prompt: from the last `**Exercise` of the nearest markdown cell above."""
    for cell in reversed(cells[:index]):
        if cell.get("cell_type") == "markdown":
            text = _source(cell)
            at = [m.start() for m in re.finditer(r"\*\*Exercise", text)]
            if at:
                return text[at[-1]:].strip()
            paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
            return paragraphs[-1].strip() if paragraphs else ""
    return ""


def exercise_title(prompt):
    m = EXERCISE_RE.search(prompt)
    if not m:
        return None
    return m.group(1) + (f" — {m.group(2).strip()}" if m.group(2) else "")


def _comment_block(text):
    return "\n".join(("// " + line).rstrip() for line in text.strip().split("\n"))


def stub_cell_source(source, prompt):
    """Returns (stub source, names of the stubbed declarations) for one solution cell; the names
    are empty when the cell could not be read and the stub is a comment only."""
    title = exercise_title(prompt)
    try:
        body, names = stub_declarations(source)
        if not names:
            raise Unreadable("no declaration to keep")
    except Unreadable as why:
        lines = ["// TODO: your code here. Write what the exercise asks for, then run the check below."]
        if prompt:
            lines += ["//", _comment_block(prompt)]
        lines.append(f"// (The student-edition script kept no signature here: {why}.)")
        return "\n".join(lines), []
    head = "// Replace each TODO with your code, then run the check below."
    if title:
        head = f"// {title}{'' if title[-1] in '.?!' else '.'}\n{head}"
    return f"{head}\n{body}", names


# ---------------------------------------------------------------- notebooks

def _source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _set_source(cell, text):
    cell["source"] = text.splitlines(keepends=True)


def rewrite_classpath(source, from_dir, to_dir):
    """Re-points relative `%classpath` paths written for from_dir so they work from to_dir."""
    out = []
    for line in source.split("\n"):
        m = CLASSPATH_RE.match(line)
        if m and not os.path.isabs(m.group(2)) and "://" not in m.group(2):
            target = os.path.normpath(os.path.join(from_dir, m.group(2)))
            line = m.group(1) + Path(os.path.relpath(target, to_dir)).as_posix() + m.group(3)
        out.append(line)
    return "\n".join(out)


def student_notebook(nb, from_dir, to_dir):
    """A student copy of a notebook (a dict as read from .ipynb JSON); returns (nb, report)."""
    nb = copy.deepcopy(nb)
    report = {"stubbed": 0, "comment_only": 0, "names": {}}   # names: cell index -> names stubbed
    cells = nb.get("cells", [])
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        meta = cell.setdefault("metadata", {})
        tags = meta.get("tags", [])
        source = _source(cell)
        if "solution" in tags:
            source, names = stub_cell_source(source, exercise_prompt(cells, index))
            report["stubbed" if names else "comment_only"] += 1
            report["names"][index] = names
            if STUB_TAG not in tags:
                meta["tags"] = tags + [STUB_TAG]
        source = rewrite_classpath(source, from_dir, to_dir)
        _set_source(cell, source)
        cell["outputs"] = []
        cell["execution_count"] = None
        meta.pop("execution", None)
    return nb, report


def chapters():
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/student)")
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks (default: notebooks/NN-*.ipynb)")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or chapters()
    if not paths:
        sys.exit("student_edition: no notebooks found")
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        student, report = student_notebook(nb, path.parent, out)
        target = out / path.name
        if target.resolve() == path:
            sys.exit(f"student_edition: refusing to overwrite the original {path}")
        target.write_text(json.dumps(student, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        note = f", {report['comment_only']} as comment only" if report["comment_only"] else ""
        print(f"student_edition: {_shown(target)}: {report['stubbed'] + report['comment_only']} solution(s) stubbed{note}")
    figures = paths[0].parent / "figures"
    if figures.is_dir() and (out / "figures").resolve() != figures.resolve():
        shutil.copytree(figures, out / "figures", dirs_exist_ok=True)  # the chapters link to figures/NAME.svg
        print(f"student_edition: {_shown(out / 'figures')}: the chapters' figures")
    return 0


def _shown(path):
    try:
        return path.relative_to(ROOT)
    except ValueError:
        return path


if __name__ == "__main__":
    sys.exit(main())
