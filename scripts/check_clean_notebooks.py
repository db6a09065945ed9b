#!/usr/bin/env python3
"""Checks that notebooks are committed clean: no outputs, no execution counts, Java kernel.

Usage:
  scripts/check_clean_notebooks.py                 check every notebook under notebooks/
  scripts/check_clean_notebooks.py A.ipynb B.ipynb check these
  scripts/check_clean_notebooks.py --fix [...]     rewrite them clean instead of failing

A notebook is clean when every code cell has no outputs and a null execution_count, no cell
carries execution-timing metadata, and the notebook's kernelspec is `java`. Exit status: 0 when
all are clean (or were fixed), 1 when some are not, 2 on a file that is not a notebook.
Only the standard library is used, so any Python 3.8+ can run it.
"""
import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNEL_NAME = "java"
VOLATILE_CELL_METADATA = ("execution",)  # per-cell timings written by JupyterLab


def problems_of(nb):
    """Returns a list of human-readable problems; empty when the notebook is clean."""
    found = []
    spec = nb.get("metadata", {}).get("kernelspec", {})
    if spec.get("name") != KERNEL_NAME:
        found.append(f"kernelspec is {spec.get('name')!r}, expected {KERNEL_NAME!r}")
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            if cell.get("outputs"):
                found.append(f"cell #{index} ({cell.get('cell_type')}) has outputs")
            continue
        if cell.get("outputs"):
            found.append(f"cell #{index} has {len(cell['outputs'])} output(s)")
        if cell.get("execution_count") is not None:
            found.append(f"cell #{index} has execution_count {cell['execution_count']}")
        for key in VOLATILE_CELL_METADATA:
            if key in cell.get("metadata", {}):
                found.append(f"cell #{index} has {key!r} metadata")
    return found


def clean(nb):
    nb.setdefault("metadata", {}).setdefault("kernelspec", {})
    nb["metadata"]["kernelspec"].update(
        {"name": KERNEL_NAME, "display_name": nb["metadata"]["kernelspec"].get("display_name", "Java (jjava)"),
         "language": "java"})
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        for key in VOLATILE_CELL_METADATA:
            cell.get("metadata", {}).pop(key, None)
    return nb


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--fix", action="store_true", help="strip outputs in place instead of failing")
    args = parser.parse_args(argv)

    paths = args.notebooks or sorted(
        p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    dirty = 0
    for path in paths:
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            print(f"{path}: not a readable notebook: {e}", file=sys.stderr)
            return 2
        found = problems_of(nb)
        if not found:
            continue
        if args.fix:
            text = json.dumps(clean(nb), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
            path.write_text(text, encoding="utf-8")
            print(f"{path}: cleaned ({len(found)} problem(s))")
        else:
            dirty += 1
            for problem in found:
                print(f"{path}: {problem}")
    if dirty:
        print(f"{dirty} notebook(s) are not clean; run scripts/check_clean_notebooks.py --fix", file=sys.stderr)
        return 1
    print(f"{len(paths)} notebook(s) checked: clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
