"""The chapters' drawn figures (notebooks/figures/): linked, present, accessible, in the house style.

Every figure a chapter (or CONCEPTS.md, README.md, INSTRUCTORS.md) links exists; every SVG in the
folder is linked by a chapter; each parses, has a viewBox, a <title> and a <desc>, loads nothing
from outside, and uses only the palette and the fonts that notebooks/figures/README.md documents,
which in turn are the charts' colours (ChartStyle.java). The README's manifest lists exactly the
figures, each with the chapter that links it and the alt text it uses there.
"""
import importlib.util
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
FIGURES = NOTEBOOKS / "figures"
FIGURES_README = FIGURES / "README.md"
CHART_STYLE = ROOT / "lib" / "src" / "main" / "java" / "microgpt" / "viz" / "ChartStyle.java"
CHAPTERS = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
SVGS = sorted(FIGURES.glob("*.svg"))
SVG_NS = "{http://www.w3.org/2000/svg}"
# a markdown image or link whose target is an image file; group 1 the alt text, group 2 the target
IMAGE_LINK = re.compile(r"!\[([^\]]*)\]\(([^)\s]+\.(?:svg|png|jpe?g|gif))(?:\s+\"[^\"]*\")?\)")
COLOUR_PROPERTIES = ("fill", "stroke", "stop-color", "color", "flood-color", "lighting-color")
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b")


def chapter_markdown(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def image_links(text):
    return [(m.group(1), m.group(2)) for m in IMAGE_LINK.finditer(text)]


def documents():
    """(path, markdown text) of every document that may link a figure."""
    docs = [(p, chapter_markdown(p)) for p in CHAPTERS]
    for name in ("CONCEPTS.md", "README.md", "INSTRUCTORS.md"):
        if (ROOT / name).is_file():
            docs.append((ROOT / name, (ROOT / name).read_text(encoding="utf-8")))
    return docs


def readme_section(title):
    """The text of the README's section with this heading (any level), up to the next heading of that level."""
    text = FIGURES_README.read_text(encoding="utf-8")
    m = re.search(rf"^(#+) {re.escape(title)}\s*$", text, re.M)
    assert m, f"{FIGURES_README.name} has no section '{title}'"
    level = len(m.group(1))
    rest = text[m.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[:end.start()] if end else rest


def documented_palette():
    return {h.upper() for h in re.findall(r"`(#[0-9A-Fa-f]{6})`", readme_section("Palette"))}


def documented_font_stacks():
    return set(re.findall(r"`('DejaVu[^`]*)`", readme_section("Text")))


def manifest():
    """{file: (chapter stem, cell id, alt text)} from the README's manifest table."""
    rows = {}
    for line in readme_section("Manifest").splitlines():
        m = re.match(r"\|\s*`([^`]+\.svg)`\s*\|\s*`([^`]+)`\s*\|.*\(cell `([^`]+)`\)\s*\|\s*(.+?)\s*\|\s*$", line)
        if m:
            assert m.group(1) not in rows, f"manifest lists {m.group(1)} twice"
            rows[m.group(1)] = (m.group(2), m.group(3), m.group(4))
    return rows


def parse(svg):
    try:
        return ET.parse(svg).getroot()
    except ET.ParseError as e:
        pytest.fail(f"{svg.name} is not well-formed XML: {e}")


def css_declarations(text):
    """(property, value) pairs of a CSS text (a <style> element or a style attribute)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return [(p.strip().lower(), v.strip()) for p, v in re.findall(r"([A-Za-z-]+)\s*:\s*([^;{}]+)", text)]


def colour_values(root):
    """Every colour the SVG paints with: presentation attributes, style attributes and <style> rules."""
    values = []
    for el in root.iter():
        for prop in COLOUR_PROPERTIES:
            if prop in el.attrib:
                values.append((prop, el.attrib[prop]))
        values += [(p, v) for p, v in css_declarations(el.attrib.get("style", "")) if p in COLOUR_PROPERTIES]
        if el.tag == SVG_NS + "style":
            values += [(p, v) for p, v in css_declarations(el.text or "") if p in COLOUR_PROPERTIES]
    return values


def font_families(root):
    families = [el.attrib["font-family"] for el in root.iter() if "font-family" in el.attrib]
    for el in root.iter():
        css = (el.text or "") if el.tag == SVG_NS + "style" else el.attrib.get("style", "")
        families += [v for p, v in css_declarations(css) if p == "font-family"]
    return families


# ---------------------------------------------------------------- links

def test_there_are_figures_to_check():
    assert len(SVGS) >= 8, f"expected at least 8 figures in {FIGURES}, found {len(SVGS)}"


def test_every_linked_figure_exists_and_has_alt_text():
    problems = []
    for path, text in documents():
        for alt, target in image_links(text):
            if "://" in target:
                continue
            if not (path.parent / target).is_file():
                problems.append(f"{path.name} links {target}, which does not exist")
            if "figures/" in target and not alt.strip():
                problems.append(f"{path.name} links {target} without alt text")
    assert not problems, "\n".join(problems)


def test_every_figure_is_linked_by_a_chapter():
    linked = {(path.parent / target).resolve() for path in CHAPTERS
              for _, target in image_links(chapter_markdown(path))}
    unlinked = [svg.name for svg in SVGS if svg.resolve() not in linked]
    assert not unlinked, f"figures no chapter links (link them or delete them): {unlinked}"


def test_chapters_link_figures_from_02_to_09():
    per_chapter = {p.stem[:2]: [t for _, t in image_links(chapter_markdown(p)) if t.startswith("figures/")]
                   for p in CHAPTERS}
    missing = [n for n in ("02", "03", "04", "05", "06", "07", "08", "09") if not per_chapter.get(n)]
    assert not missing, f"chapters without a figure: {missing}"


# ---------------------------------------------------------------- each SVG

@pytest.mark.parametrize("svg", SVGS, ids=lambda p: p.name)
def test_svg_structure(svg):
    root = parse(svg)
    assert root.tag == SVG_NS + "svg", f"{svg.name}: the root element is {root.tag}, not an SVG <svg>"
    view_box = root.attrib.get("viewBox", "").replace(",", " ").split()
    assert len(view_box) == 4, f"{svg.name}: needs a viewBox of four numbers, has {root.attrib.get('viewBox')!r}"
    width, height = float(view_box[2]), float(view_box[3])
    assert width > 0 and height > 0, f"{svg.name}: the viewBox has no area"
    children = {child.tag: child for child in reversed(list(root))}
    for tag in ("title", "desc"):
        el = children.get(SVG_NS + tag)
        assert el is not None, f"{svg.name}: needs a <{tag}> as a child of <svg>"
        assert "".join(el.itertext()).strip(), f"{svg.name}: its <{tag}> is empty"
    assert len("".join(children[SVG_NS + "desc"].itertext()).split()) >= 20, \
        f"{svg.name}: the <desc> should describe the whole picture for a screen reader (20 words at least)"


@pytest.mark.parametrize("svg", SVGS, ids=lambda p: p.name)
def test_svg_loads_nothing_from_outside(svg):
    root = parse(svg)
    assert not [el for el in root.iter() if el.tag in (SVG_NS + "script", SVG_NS + "foreignObject")], \
        f"{svg.name}: no <script> or <foreignObject>"
    for el in root.iter():
        for name, value in el.attrib.items():
            if name.endswith("href"):
                assert value.startswith("#"), f"{svg.name}: {name}={value!r} points outside the file"
            assert not name.startswith("on"), f"{svg.name}: event handler {name}"
    styles = " ".join((el.text or "") for el in root.iter() if el.tag == SVG_NS + "style")
    assert "@import" not in styles and "@font-face" not in styles, f"{svg.name}: no @import or @font-face"
    assert not re.search(r"url\(\s*['\"]?(?!#)", styles), f"{svg.name}: a url() in the CSS points outside the file"


@pytest.mark.parametrize("svg", SVGS, ids=lambda p: p.name)
def test_svg_uses_only_the_palette(svg):
    palette = documented_palette()
    root = parse(svg)
    bad = []
    for prop, value in colour_values(root):
        v = value.strip()
        if v == "none" or re.fullmatch(r"url\(#[\w-]+\)", v):
            continue
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", v):
            bad.append(f"{prop}: {v} (write colours as #RRGGBB from the palette)")
        elif v.upper() not in palette:
            bad.append(f"{prop}: {v} is not in the palette of {FIGURES_README.name}")
    # a hex colour anywhere else (e.g. in a property this test does not know) must be in the palette too
    text = svg.read_text(encoding="utf-8")
    bad += [f"{h} is not in the palette" for h in HEX.findall(text) if h.upper() not in palette]
    assert not bad, f"{svg.name}:\n" + "\n".join(sorted(set(bad)))


@pytest.mark.parametrize("svg", SVGS, ids=lambda p: p.name)
def test_svg_uses_the_documented_fonts(svg):
    stacks = documented_font_stacks()
    families = font_families(parse(svg))
    assert families, f"{svg.name}: declare the font stack of {FIGURES_README.name} (no font-family found)"
    wrong = sorted({f for f in families if f not in stacks})
    assert not wrong, f"{svg.name}: font-family {wrong} is not one of the documented stacks {sorted(stacks)}"


# ---------------------------------------------------------------- the README

def test_palette_is_the_charts_palette():
    source = CHART_STYLE.read_text(encoding="utf-8")
    chart_colours = {f"#{h.upper()}" for h in re.findall(r"new Color\(0x([0-9A-Fa-f]{6})\)", source)}
    chart_colours.add("#FFFFFF")  # the charts' background, Color.WHITE
    palette = documented_palette()
    assert len(palette) >= 8, f"{FIGURES_README.name}: the palette lists only {sorted(palette)}"
    foreign = sorted(palette - chart_colours)
    assert not foreign, f"{FIGURES_README.name} documents colours the charts do not use: {foreign}"
    series = re.search(r"PALETTE = \{(.*?)\};", source, re.S).group(1)
    missing = sorted({f"#{h.upper()}" for h in re.findall(r"0x([0-9A-Fa-f]{6})", series)} - palette)
    assert not missing, f"{FIGURES_README.name}: the charts' series colours {missing} are missing from the palette"


def test_documented_fonts_are_self_contained():
    stacks = documented_font_stacks()
    assert len(stacks) == 2, f"{FIGURES_README.name}: expected a text and a code font stack, found {stacks}"
    assert all(s.rstrip().endswith(("sans-serif", "monospace")) for s in stacks), \
        "each font stack ends with a generic family, so that any machine has a fallback"


def test_manifest_lists_every_figure_with_its_chapter_and_alt_text():
    rows = manifest()
    assert sorted(rows) == [svg.name for svg in SVGS], \
        f"the manifest in {FIGURES_README.name} lists {sorted(rows)}, the folder has {[s.name for s in SVGS]}"
    for name, (chapter, cell_id, alt) in rows.items():
        path = NOTEBOOKS / f"{chapter}.ipynb"
        assert path.is_file(), f"manifest: {name} is in chapter {chapter}, which does not exist"
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = {c.get("id"): "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"}
        assert cell_id in cells, f"manifest: {name} is in markdown cell {cell_id} of {chapter}, which has no such cell"
        alts = [a for a, t in image_links(cells[cell_id]) if t == f"figures/{name}"]
        assert alts, f"manifest: cell {cell_id} of {chapter} does not link figures/{name}"
        assert alts[0] == alt, f"manifest: the alt text of {name} differs from the one in {chapter}:\n{alt}\n{alts[0]}"


def test_new_cells_have_unique_ids():
    for path in CHAPTERS:
        ids = [c.get("id") for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]
        assert len(ids) == len(set(ids)), f"{path.name}: duplicate cell ids"


# ---------------------------------------------------------------- where the figures travel

def _load_script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_book_copies_the_figures(tmp_path):
    pytest.importorskip("nbconvert")
    pytest.importorskip("nbclient")
    build_book = _load_script("build_book")
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "stale.svg").write_text("<svg/>")
    copied = build_book.copy_figures(tmp_path)
    assert sorted(p.name for p in (tmp_path / "figures").glob("*.svg")) == [s.name for s in SVGS]
    assert copied == len(list(FIGURES.iterdir()))


def test_student_edition_copies_the_figures(tmp_path, capsys):
    student_edition = _load_script("student_edition")
    assert student_edition.main(["--out", str(tmp_path), str(CHAPTERS[2])]) == 0
    assert sorted(p.name for p in (tmp_path / "figures").glob("*.svg")) == [s.name for s in SVGS]
