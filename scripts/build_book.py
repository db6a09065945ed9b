#!/usr/bin/env python3
"""Builds the book: every chapter executed and rendered as a static HTML site in build/book/.

Usage (with the .venv's Python, which has nbclient, nbconvert and the `java` kernel):
  .venv/bin/python scripts/build_book.py                 every chapter -> build/book/
  .venv/bin/python scripts/build_book.py --out DIR       somewhere else
  .venv/bin/python scripts/build_book.py --no-screenshots
  .venv/bin/python scripts/build_book.py 00-welcome.ipynb 03-building-blocks.ipynb   a few chapters

What it writes:
  index.html          the chapter list: each chapter's title (its first markdown heading), a link
                      to its page and a one-line description from its intro (see description())
  NN-name.html        one page per chapter, executed with the `java` kernel in notebooks/ (so the
                      chapters' relative `%classpath ../lib/target/microgpt.jar` works), rendered
                      with nbconvert's HTML exporter and its `lab` template, images embedded; links
                      between chapters point at the pages
  concepts.html       CONCEPTS.md, rendered by the same exporter
  figures/            a copy of notebooks/figures/ (the chapters' SVG figures), so that their
                      relative links `figures/name.svg` work from the pages too
  mathjax/            a local MathJax 2.7 (from the pinned jupyter-server-mathjax package), so
                      formulas render without internet; without that package the pages load
                      MathJax from the CDN that nbconvert's lab template uses (needs internet)
  playground.html     the playground (with playground.js, worker.js, microgpt.wasm and its runtime,
                      names.txt): the library in WebAssembly, training in the page; a copy of
                      web/target/playground/, which scripts/build_playground.sh (run by `make book`)
                      builds; without it the book has no playground and says so
  screenshots/        index.png and chapter.png (the top 1280 x 1600 pixels of the index and of
                      chapter 02), only when a Chromium is on PATH

A chapter that raises an error stops the build (the book shows what a fresh run produces; a
failed cell would be a broken page). --allow-errors renders such chapters anyway.
"""
import argparse
import datetime
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jinja2
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_OUT = ROOT / "build" / "book"
BOOK_TITLE = "microgpt in Java"
SCREENSHOT_CHAPTER = "02-autograd"          # the chapter whose page is photographed (math, code, a chart)
CDN_MATHJAX = None                           # None: keep nbconvert's default (a CDN)
LOCAL_MATHJAX = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# The lab template, minus require.js (from a CDN, and only needed for live widgets, which the
# book shows as their static HTML instead: see static_widgets), plus a navigation bar above and
# below every page.
TEMPLATE = r"""
{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{% block extra_css %}
<style type="text/css">
.book-nav { display: flex; flex-wrap: wrap; gap: 0.4em 1.4em; align-items: baseline;
  max-width: 1200px; margin: 0 auto; padding: 10px 16px; box-sizing: border-box;
  font-family: var(--jp-ui-font-family, system-ui, sans-serif); font-size: 14px;
  border-bottom: 1px solid #ddd; background: #fafafa; }
.book-nav.bottom { border-top: 1px solid #ddd; border-bottom: none; margin-top: 2em; }
.book-nav a { color: #1a5fb4; text-decoration: none; }
.book-nav a:hover { text-decoration: underline; }
.book-nav .book-title { font-weight: 600; }
.book-nav .spacer { flex: 1; }
.book-nav .disabled { color: #aaa; }
main { max-width: 1200px; margin: 0 auto; }
.book-footer { color: #777; font-size: 12px; }
</style>
{% endblock extra_css %}
{%- block html_head_js_mathjax -%}
{%- if resources.book_local_mathjax -%}
<!-- The local MathJax (jupyter-server-mathjax) ships the STIX-Web fonts only, as classic Jupyter did. -->
<script type="text/x-mathjax-config">
MathJax.Hub.Config({"HTML-CSS": {availableFonts: [], webFont: "STIX-Web", preferredFont: null, imageFont: null}});
</script>
{%- endif -%}
{{ super() }}
{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}
{{ super() }}
<!-- Mermaid comes from a CDN; without internet show the diagram's source, as the chapters say. -->
<style>
.jp-Mermaid:not(.jp-RenderedMermaid) { display: block; }
.jp-Mermaid:not(.jp-RenderedMermaid) > pre.mermaid { font-family: var(--jp-code-font-family, monospace);
  font-size: var(--jp-code-font-size, 13px); line-height: 1.4; white-space: pre; }
</style>
{%- endblock html_head_js_mermaidjs -%}
{%- block body_header -%}
{{ super() }}
{{ resources.book_nav_top }}
{%- endblock body_header -%}
{% block body_footer %}
{{ resources.book_nav_bottom }}
{{ super() }}
{% endblock body_footer %}
"""
TEMPLATE_NAME = "microgpt_book.html.j2"


# ---------------------------------------------------------------- reading the chapters

def chapters():
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def _markdown_cells(nb):
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def title(nb, fallback):
    """The chapter's first markdown heading, e.g. `00 · Welcome: Java in a notebook`."""
    for text in _markdown_cells(nb):
        m = re.search(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, re.M)
        if m:
            return m.group(1)
    return fallback


def _sentences(paragraph):
    text = " ".join(paragraph.split())
    # a sentence ends at . ! or ? followed by a space and something that starts a sentence
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z*_\"“(\[`$])", text)
    return [p.strip() for p in parts if p.strip()]


def description(nb):
    """A one-line description of a chapter, from its intro.

    The intro is the text of the first markdown cell between the title and **Objectives**. The
    description is its first sentence that starts with "This chapter" or "This course" when that
    sentence says something (70 characters or more), else the intro's first sentence. A notebook
    can override it with metadata {"microgpt": {"description": "..."}}.
    """
    override = nb.metadata.get("microgpt", {}).get("description")
    if override:
        return override
    cells = _markdown_cells(nb)
    if not cells:
        return ""
    intro = re.split(r"\*\*Objectives", cells[0])[0]
    paragraphs = [p for p in intro.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
    sentences = [s for p in paragraphs for s in _sentences(p) if not s.startswith("- ")]
    for s in sentences:
        if re.match(r"This (chapter|course)\b", s) and len(s) >= 70:
            return s
    return sentences[0] if sentences else ""


def link_pages(nb, pages):
    """Points markdown links to chapters of the book (`NN-name.ipynb`) at their pages."""
    def repl(m):
        target = m.group(2)
        stem = Path(target).name[:-len(".ipynb")]
        if stem in pages and "://" not in target:
            return f"{m.group(1)}{stem}.html{m.group(3) or ''})"
        return m.group(0)
    pattern = re.compile(r"(\]\()([^)\s#]+?\.ipynb)(#[^)\s]*)?\)")
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = pattern.sub(repl, cell.source)
            cell.source = re.sub(r"\]\((?:\.\./)?CONCEPTS\.md\)", "](concepts.html)", cell.source)


# ---------------------------------------------------------------- executing and rendering

def execute(nb, timeout, allow_errors):
    client = NotebookClient(nb, kernel_name="java", timeout=timeout, startup_timeout=120,
                            allow_errors=allow_errors, interrupt_on_timeout=False,
                            # one output per print, as JJava sends them, would be one block each
                            coalesce_streams=True,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()


def first_error(nb):
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return f"cell #{index}:\n{cell.source}\n-----\n{out.get('ename')}: {ANSI.sub('', str(out.get('evalue')))}"
    return None


def exporter(mathjax_url):
    kwargs = {}
    if mathjax_url:
        kwargs["mathjax_url"] = mathjax_url
    return HTMLExporter(template_name="lab", template_file=TEMPLATE_NAME,
                        extra_loaders=[jinja2.DictLoader({TEMPLATE_NAME: TEMPLATE})],
                        embed_images=True, exclude_input_prompt=True, exclude_output_prompt=True,
                        **kwargs)


def nav(prev_page, next_page, where):
    def a(page, arrow_left):
        if page is None:
            return ""
        href, text = page
        label = f"← {html.escape(text)}" if arrow_left else f"{html.escape(text)} →"
        return f'<a href="{href}">{label}</a>'
    return (f'<nav class="book-nav {where}"><a class="book-title" href="index.html">{BOOK_TITLE}</a>'
            f'<a href="index.html">Contents</a><a href="concepts.html">Concepts</a>'
            f'<span class="spacer"></span>{a(prev_page, True)}{a(next_page, False)}</nav>')


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def static_widgets(nb):
    """Turns live widgets into what they showed first: a page has no kernel to drive them.

    A widget output of the course (microgpt.widgets) carries, next to its view, the HTML of its
    initial output and the line "live controls need a running Java kernel"; the view is dropped so
    that the page shows that HTML, and so is the widget state nbclient saved (it would make
    nbconvert load the widget manager from a CDN). Returns how many widget outputs were changed.
    """
    changed = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data and "text/html" in data:
                del data[WIDGET_VIEW]
                changed += 1
    nb.metadata.pop("widgets", None)
    return changed


def render(nb, page_title, prev_page, next_page, mathjax_url):
    resources = {"metadata": {"name": page_title, "path": str(NOTEBOOKS)},
                 "book_nav_top": nav(prev_page, next_page, "top"),
                 "book_nav_bottom": nav(prev_page, next_page, "bottom"),
                 "book_local_mathjax": mathjax_url == LOCAL_MATHJAX}
    static_widgets(nb)
    body, _ = exporter(mathjax_url).from_notebook_node(nb, resources=resources)
    return body


def markdown_page(text):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java (jjava)", "language": "java"}
    nb.metadata["language_info"] = {"name": "java"}
    nb.cells.append(nbformat.v4.new_markdown_cell(text))
    return nb


# ---------------------------------------------------------------- MathJax and screenshots

def copy_figures(out):
    """Copies notebooks/figures/ to OUT/figures/, replacing an older copy; returns how many files."""
    source = NOTEBOOKS / "figures"
    target = out / "figures"
    if target.exists():
        shutil.rmtree(target)
    if not source.is_dir():
        return 0
    shutil.copytree(source, target)
    return sum(1 for f in target.rglob("*") if f.is_file())


def local_mathjax(out):
    """Copies MathJax 2.7 from the jupyter-server-mathjax package; returns its URL or None."""
    try:
        import jupyter_server_mathjax
    except ImportError:
        return None
    static = Path(jupyter_server_mathjax.__file__).parent / "static"
    if not (static / "MathJax.js").is_file():
        return None
    target = out / "mathjax"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(static, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return LOCAL_MATHJAX


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(browser, page, png, size="1280,1600"):
    """A headless Chromium screenshot of a local page (no network, no profile left behind)."""
    with tempfile.TemporaryDirectory(prefix="book-chromium-") as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", f"--user-data-dir={profile}", "--virtual-time-budget=15000",
               f"--screenshot={png}", f"--window-size={size}", page.resolve().as_uri()]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    if result.returncode != 0 or not png.is_file():
        raise RuntimeError(f"chromium failed ({result.returncode}): {result.stderr[-2000:]}")


# ---------------------------------------------------------------- the book

PLAYGROUND = ROOT / "web" / "target" / "playground"


def copy_playground(out):
    """Copies the built playground into the book; returns whether there was one to copy."""
    if not (PLAYGROUND / "microgpt.wasm").is_file():
        return False
    for f in PLAYGROUND.iterdir():
        if f.is_file():
            shutil.copy2(f, out / f.name)
    return True


def index_page(entries, version, built, playground=False):
    lines = [f"# {BOOK_TITLE}", "",
             "A course, in Java notebooks, that builds a GPT from nothing: scalar autograd, attention, "
             "training with Adam, and sampling. It is Andrej Karpathy's "
             "[microgpt](https://karpathy.ai/microgpt.html) made into a small Java library and a set of "
             "chapters; every page below was executed from top to bottom when this book was built.", "",
             "## Chapters", ""]
    for href, chapter_title, blurb in entries:
        lines.append(f"- **[{chapter_title}]({href})**  ")
        lines.append(f"  {blurb}" if blurb else "")
    if playground:
        lines += ["", "## Playground", "",
                  "- **[Train it in this browser tab](playground.html)**  ",
                  "  The library compiled to WebAssembly trains the reference model on all 32,033 names in the page: "
                  "the live loss, the samples, the next-letter distribution and what each attention head looks at."]
    lines += ["", "## Reference", "",
              "- **[Concepts](concepts.html)**  ",
              "  Every concept of the course in a few sentences, with its formula, the chapter that builds it "
              "and the class that implements it.", "",
              "---", "",
              f"<span class=\"book-footer\">Built {built}{f' with microgpt {version}' if version else ''}.</span>"]
    return "\n".join(lines)


def library_version(nb):
    """`microgpt 0.1.0` as the first code cell printed it, or None."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                text = out.get("data", {}).get("text/plain", "") if "data" in out else out.get("text", "")
                m = re.search(r"microgpt\s+([\w.+-]+)", str(text))
                if m:
                    return m.group(1)
            return None
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", help="chapters to build (default: notebooks/NN-*.ipynb)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/book)")
    parser.add_argument("--timeout", type=int, default=int(os.environ.get("NB_CELL_TIMEOUT", "180")),
                        help="seconds one cell may run (default 180, or NB_CELL_TIMEOUT)")
    parser.add_argument("--allow-errors", action="store_true", help="render chapters even if a cell fails")
    parser.add_argument("--no-screenshots", action="store_true", help="do not take screenshots")
    parser.add_argument("--cdn-mathjax", action="store_true", help="load MathJax from the CDN, not a local copy")
    parser.add_argument("--screenshot-chapter", default=SCREENSHOT_CHAPTER,
                        help=f"the chapter in screenshots/chapter.png (default {SCREENSHOT_CHAPTER})")
    args = parser.parse_args(argv)

    paths = [(NOTEBOOKS / Path(p).name) for p in args.notebooks] or chapters()
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        sys.exit(f"build_book: no such chapter: {', '.join(missing)}")
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.html"):
        stale.unlink()

    print(f"build_book: figures: {copy_figures(out)} file(s) copied to {_shown(out / 'figures')}")
    mathjax_url = None if args.cdn_mathjax else local_mathjax(out)
    if mathjax_url:
        print(f"build_book: MathJax: local copy in {_shown(out / 'mathjax')}")
    else:
        print("build_book: MathJax: loaded from a CDN by the pages (formulas need internet); "
              "install jupyter-server-mathjax (requirements.txt) for a local copy")

    pages = {p.stem for p in paths}
    loaded = [(p, nbformat.read(p, as_version=4)) for p in paths]
    titles = [title(nb, p.stem) for p, nb in loaded]
    entries, version, failed = [], None, []
    started_all = time.monotonic()
    for i, (path, nb) in enumerate(loaded):
        blurb = description(nb)
        link_pages(nb, pages)
        started = time.monotonic()
        try:
            execute(nb, args.timeout, args.allow_errors)
        except CellExecutionError as e:
            failed.append(path.name)
            print(f"build_book: {path.name}: FAILED after {time.monotonic() - started:.1f} s\n"
                  f"{first_error(nb) or ANSI.sub('', str(e))}", file=sys.stderr)
            continue
        version = version or library_version(nb)
        prev_page = (f"{loaded[i - 1][0].stem}.html", titles[i - 1]) if i > 0 else None
        next_page = (f"{loaded[i + 1][0].stem}.html", titles[i + 1]) if i + 1 < len(loaded) else None
        page = out / f"{path.stem}.html"
        page.write_text(render(nb, titles[i], prev_page, next_page, mathjax_url), encoding="utf-8")
        entries.append((page.name, titles[i], blurb))
        errors = " (with errors)" if first_error(nb) else ""
        print(f"build_book: {_shown(page)}: executed and rendered in {time.monotonic() - started:.1f} s{errors}")
    if failed:
        sys.exit(f"build_book: {len(failed)} chapter(s) failed: {', '.join(failed)} "
                 "(fix them, or render anyway with --allow-errors)")

    concepts = ROOT / "CONCEPTS.md"
    if concepts.is_file():
        text = re.sub(r"\]\((?:notebooks/)?([0-9][0-9]-[^)\s]+?)\.ipynb\)", r"](\1.html)",
                      concepts.read_text(encoding="utf-8"))
        (out / "concepts.html").write_text(render(markdown_page(text), "Concepts", None, None, mathjax_url),
                                           encoding="utf-8")
        print(f"build_book: {_shown(out / 'concepts.html')}")
    playground = copy_playground(out)
    print(f"build_book: {_shown(out / 'playground.html')}: copied from {_shown(PLAYGROUND)}" if playground else
          f"build_book: no playground: {_shown(PLAYGROUND)} is not built (scripts/build_playground.sh builds it)")
    built = datetime.date.today().isoformat()
    (out / "index.html").write_text(render(markdown_page(index_page(entries, version, built, playground)), BOOK_TITLE,
                                           None, None, mathjax_url), encoding="utf-8")
    print(f"build_book: {_shown(out / 'index.html')}: {len(entries)} chapter(s), "
          f"{time.monotonic() - started_all:.1f} s in all")

    if args.no_screenshots:
        return 0
    browser = find_chromium()
    if not browser:
        print("build_book: screenshots skipped: no chromium on PATH (apt-get install chromium)")
        return 0
    shots = out / "screenshots"
    shots.mkdir(exist_ok=True)
    chapter = next((out / f"{p.stem}.html" for p, _ in loaded if p.stem == Path(args.screenshot_chapter).stem),
                   out / f"{loaded[0][0].stem}.html")
    for page, png in ((out / "index.html", shots / "index.png"), (chapter, shots / "chapter.png")):
        screenshot(browser, page, png)
        print(f"build_book: {_shown(png)} ({page.name})")
    return 0


def _shown(path):
    try:
        return path.relative_to(ROOT)
    except ValueError:
        return path


if __name__ == "__main__":
    sys.exit(main())
