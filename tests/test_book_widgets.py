"""The book (scripts/build_book.py) shows a live widget as its static HTML: a page has no kernel."""
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VIEW = "application/vnd.jupyter.widget-view+json"
STATE = "application/vnd.jupyter.widget-state+json"


def _build_book():
    spec = importlib.util.spec_from_file_location("build_book", ROOT / "scripts" / "build_book.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_book"] = module
    spec.loader.exec_module(module)
    return module


def _executed_widget_notebook(nbformat):
    """A notebook as nbclient leaves it after a cell that displayed a LivePanel."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java (jjava)", "language": "java"}
    nb.metadata["widgets"] = {STATE: {"state": {"m1": {"model_name": "VBoxModel"}}, "version_major": 2, "version_minor": 0}}
    cell = nbformat.v4.new_code_cell("LivePanel.of(...)")
    cell.outputs = [nbformat.v4.new_output("execute_result", execution_count=1, data={
        VIEW: {"model_id": "m1", "version_major": 2, "version_minor": 0},
        "text/html": "<p class='samples'>kamon, ann</p><p>temperature τ = 0.50 · <i>live controls need a running Java kernel</i></p>",
        "text/plain": "LivePanel: temperature τ = 0.50 (live controls need a running Java kernel)"})]
    nb.cells.append(cell)
    return nb


def test_widgets_become_their_initial_html():
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("nbconvert")
    build_book = _build_book()
    nb = _executed_widget_notebook(nbformat)

    assert build_book.static_widgets(nb) == 1
    assert VIEW not in nb.cells[0].outputs[0]["data"]
    assert "widgets" not in nb.metadata

    page = build_book.render(_executed_widget_notebook(nbformat), "widgets", None, None, None)
    assert "kamon, ann" in page
    assert "live controls need a running Java kernel" in page
    assert VIEW not in page and STATE not in page
