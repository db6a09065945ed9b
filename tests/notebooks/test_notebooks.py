"""Executes every notebook under notebooks/ headless, in a fresh `java` (JJava) kernel each.

A notebook passes when every code cell runs without an error. The kernel's working directory is
the notebook's own folder, exactly as in JupyterLab and `jupyter nbconvert --execute`, so relative
paths such as `%classpath ../lib/target/microgpt.jar` mean the same thing everywhere.

Knobs (environment variables):
  NB_CELL_TIMEOUT    seconds one cell may run before the notebook fails (default 180)
  NB_KERNEL          kernelspec to run them with (default: java)
  NB_DIR             folder to search for notebooks (default: <repo>/notebooks)

Cell tags understood by nbclient: `raises-exception` (the cell is expected to fail) and
`skip-execution` (the cell is not run).  Select notebooks with pytest's -k, e.g. -k 01_.
Run it with the venv's interpreter (`.venv/bin/python -m pytest tests/notebooks`) so that the
venv's kernelspec is the one found.
"""
import os
import re
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

REPO = Path(__file__).resolve().parents[2]
NB_DIR = Path(os.environ.get("NB_DIR", REPO / "notebooks")).resolve()
CELL_TIMEOUT = int(os.environ.get("NB_CELL_TIMEOUT", "180"))
KERNEL = os.environ.get("NB_KERNEL", "java")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def notebooks():
    found = [p for p in NB_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts]
    return sorted(found)


def _id(path):
    return str(path.relative_to(NB_DIR)) if path.is_relative_to(NB_DIR) else str(path)


def _describe_error(nb):
    """The failing cell and the error as the kernel published it on iopub.

    JJava's execute_reply carries the kernel's own stack instead of the user's error, so the
    message nbclient builds from it is not helpful; the cell's `error` output is.
    """
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                tb = "\n".join(out.get("traceback", [])[:40])
                return (f"cell #{index} (execution_count {cell.get('execution_count')}):\n"
                        f"{cell.source}\n-----\n{out.get('ename')}: {out.get('evalue')}\n{tb}")
    return None


def _missing_outputs(path, nb):
    """Every chapter shows at least one figure; the welcome chapter also a table."""
    mimes = {mime for cell in nb.cells for out in cell.get("outputs", []) for mime in out.get("data", {})}
    if not mimes & {"image/png", "image/svg+xml"}:
        return "no cell produced an image (every chapter has at least one chart)"
    if path.name.startswith("00-") and "text/html" not in mimes:
        return "the welcome chapter shows no HTML table"
    return None


def execute(path, nb, nb_timings, name=None):
    """Runs `nb` (read from `path`) in a fresh kernel; fails the test with the failing cell and its error."""
    name = name or _id(path)
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=CELL_TIMEOUT,
        startup_timeout=120,
        allow_errors=False,
        interrupt_on_timeout=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.monotonic()
    outcome, problem = "ok", None
    try:
        client.execute()
    except CellTimeoutError as e:
        outcome = "TIMEOUT"
        problem = (f"a cell ran longer than {CELL_TIMEOUT} s "
                   f"(raise NB_CELL_TIMEOUT if that is expected)\n{e}")
    except CellExecutionError as e:
        outcome = "FAILED"
        problem = "a cell raised an error\n" + (_describe_error(nb) or str(e))
    except DeadKernelError as e:
        outcome = "KERNEL DIED"
        problem = f"the kernel died\n{e}"
    elapsed = time.monotonic() - started
    if not problem:
        problem = _missing_outputs(path, nb)
        outcome = "NO FIGURE" if problem else outcome
    nb_timings.append((name, elapsed, outcome))
    print(f"{name}: {elapsed:.1f} s ({outcome})")
    if problem:
        pytest.fail(f"{name}: {ANSI.sub('', problem)}", pytrace=False)


@pytest.mark.parametrize("path", notebooks(), ids=_id)
def test_notebook_runs_clean(path, nb_timings):
    execute(path, nbformat.read(path, as_version=4), nb_timings)
