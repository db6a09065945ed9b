"""The book carries the playground when it is built (scripts/build_book.py) and links it from its index."""
from pathlib import Path

from test_book_widgets import _build_book

ROOT = Path(__file__).resolve().parent.parent


def test_the_index_links_the_playground_only_when_there_is_one():
    book = _build_book()
    entries = [("00-welcome.html", "Welcome", "A first look.")]
    assert "](playground.html)" in book.index_page(entries, "0.1.0", "2026-01-01", playground=True)
    assert "playground.html" not in book.index_page(entries, "0.1.0", "2026-01-01", playground=False)


def test_the_built_playground_is_copied_whole(tmp_path, monkeypatch):
    book = _build_book()
    built = tmp_path / "playground"
    built.mkdir()
    for name in ("microgpt.wasm", "microgpt.wasm-runtime.js", "playground.html", "playground.js", "worker.js", "names.txt"):
        (built / name).write_text(name)
    out = tmp_path / "book"
    out.mkdir()
    monkeypatch.setattr(book, "PLAYGROUND", built)
    assert book.copy_playground(out)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in built.iterdir())
    (built / "microgpt.wasm").unlink()
    assert not book.copy_playground(tmp_path / "nowhere")   # not built: nothing copied, and the caller says so


def test_the_page_sources_load_nothing_from_outside():
    """No CDN: every script and the module come from the page's own folder."""
    webapp = ROOT / "web" / "src" / "main" / "webapp"
    for name in ("playground.html", "playground.js", "worker.js"):
        text = (webapp / name).read_text(encoding="utf-8")
        assert "https://" not in text and "http://cdn" not in text, name


def test_chapters_06_and_07_link_the_playground_next_to_them_in_the_book():
    import json
    for name in ("06-training.ipynb", "07-sampling.ipynb"):
        cells = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))["cells"]
        prose = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        assert "](playground.html)" in prose, f"{name} links the book's playground"
        assert "make serve" in prose, f"{name} says how to open it from a clone, where the link has no page behind it"
