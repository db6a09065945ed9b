"""Chapters 03–07 rerun with a second set of parameters, as an instructor who adapts them would.

Each chapter has one code cell tagged `parameters` that declares what an instructor may change
(`int nHead = 4;` …). As papermill does, the run inserts a cell tagged `injected-parameters` right
after it that assigns the new values; JShell keeps the declarations and takes the new values, so
every later cell, its prose-printing code and its checks see them. A chapter passes when it runs
clean: every check in it holds for these parameters too.
"""
import re

import nbformat
import pytest

from test_notebooks import NB_DIR, execute

SECOND_SET = {"nHead": 2, "nEmbd": 24}
CHAPTERS = ["03-building-blocks", "04-attention", "05-the-gpt", "06-training", "07-sampling"]
DECLARATION = re.compile(r"^\s*(?:int|long|double|float|String|boolean|var)\s+(\w+)\s*=", re.M)


def with_parameters(nb, values):
    """`nb` with a cell after its `parameters` cell that assigns `values` (those the chapter declares)."""
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"expected exactly one cell tagged 'parameters', found {len(tagged)}"
    declared = set(DECLARATION.findall(nb.cells[tagged[0]].source))
    applied = {name: value for name, value in values.items() if name in declared}
    assert applied, f"the parameters cell declares none of {sorted(values)}; it declares {sorted(declared)}"
    source = "\n".join(f"{name} = {value!r};" if not isinstance(value, str) else f'{name} = "{value}";'
                       for name, value in applied.items())
    injected = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(tagged[0] + 1, injected)
    return nb


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_runs_with_a_second_parameter_set(chapter, nb_timings):
    path = NB_DIR / f"{chapter}.ipynb"
    nb = with_parameters(nbformat.read(path, as_version=4), SECOND_SET)
    execute(path, nb, nb_timings, name=f"{chapter} with {SECOND_SET}")


def test_the_injection_assigns_only_declared_parameters():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("int nHead = 4;\nint nEmbd = 16; // width", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("nHead * 2"),
    ])
    out = with_parameters(nb, {"nHead": 2, "nLayer": 3})
    assert [c.source for c in out.cells] == ["int nHead = 4;\nint nEmbd = 16; // width", "nHead = 2;", "nHead * 2"]
    assert out.cells[1].metadata["tags"] == ["injected-parameters"]
    with pytest.raises(AssertionError, match="declares none"):
        with_parameters(nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_code_cell("int steps = 10;", metadata={"tags": ["parameters"]})]), {"nHead": 2})
