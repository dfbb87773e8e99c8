"""The PDF edition (``make pdf``, :mod:`helpers.build.pdf`), made from the book the test run
built and read back with pypdf: every page of the book in the order of ``_toc.yml``, each
chapter's title on the page its bookmark points at, the contents page linking every chapter,
page numbers through the book, no raw MyST role, and every chart of the HTML in the PDF.

How a chart is found in the PDF: Chromium prints Vega's SVG as vector paths and text, not as a
picture, so a chart leaves its title (and its axis labels) in the page's text. A chart counts
as printed, and printed as a vector drawing, when its title (read from the spec the HTML page
embeds) is in the text of its chapter's pages, the page holding it paints at least
:data:`MIN_PAINTS` paths (the chart's bars, lines, axes and grid), and the book's PDF carries
no raster image at all (so nothing of a chart was flattened into one).
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from helpers.build.cards import _CALL, _CHART_DIV
from helpers.build.toc import toc_files

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("chromium") is None,
        reason="Debian's chromium is not installed (apt-get install chromium): "
        "the PDF cannot be printed; .ci/run installs it",
    ),
]

#: Path-painting operators of a PDF content stream (rectangles, fills, strokes).
PAINTS = {b"re", b"f", b"f*", b"F", b"S", b"s", b"B", b"B*", b"b", b"b*"}
#: The fewest paths a page holding a chart paints (a chart's marks, axes, ticks and grid).
MIN_PAINTS = 20
#: MyST that must never reach a reader: a role or a substitution not rendered.
RAW_MARKUP = re.compile(r"\{(glue|eval|term|doc|ref|numref|cite|download)[:}]|\{\{")


@pytest.fixture(scope="module")
def pdf(built_book: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from pypdf import PdfReader

    from helpers.build.pdf import build_pdf

    out = build_pdf(
        built_book, tmp_path_factory.mktemp("pdf") / "compute-race.pdf", copy_into_book=False
    )
    return PdfReader(out)


def _squash(text: str) -> str:
    """Text without whitespace or soft hyphens, ligatures undone, for finding a phrase that
    the PDF's text may break across lines."""
    for ligature, letters in {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl"}.items():
        text = text.replace(ligature, letters)
    return re.sub(r"[\s\u00ad]+", "", text)


def _title(page_html: str) -> str:
    """A page's title as the web book shows it (with its chapter number)."""
    import html

    match = re.search(r"<title>(.*?)</title>", page_html, re.S)
    assert match, "a page without a <title>"
    return html.unescape(match[1]).rsplit(" \u2014 ", 1)[0].strip()


def _chart_titles(page_html: str) -> list[str]:
    titles = []
    for match in _CHART_DIV.finditer(page_html):
        start = page_html.find(_CALL, match.end())
        spec, _ = json.JSONDecoder().raw_decode(page_html, start + len(_CALL))
        title = spec.get("title")
        title = title.get("text") if isinstance(title, dict) else title
        titles.append(" ".join(title) if isinstance(title, list) else str(title))
    return titles


def _code_text(path: Path) -> str:
    """The text of a built page's code (``<code>`` and ``<pre>``), entities decoded."""
    import html

    page = path.read_text(encoding="utf-8")
    blocks = re.findall(r"<(pre|code)\b[^>]*>(.*?)</\1>", page, re.S)
    return "".join(html.unescape(re.sub(r"<[^>]+>", "", block)) for _, block in blocks)


def _outline(reader: Any) -> list[tuple[int, str, int]]:
    """The outline as (depth, title, page index), depth first."""
    entries: list[tuple[int, str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, str(item.title), reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


def _paints(reader: Any, page: Any) -> Counter[str]:
    """What a page paints: path-painting operators, and raster images ("image"), counting
    those of the form XObjects it draws."""
    from pypdf.generic import ContentStream

    counts: Counter[str] = Counter()

    def walk(stream: Any, resources: Any) -> None:
        content = stream if isinstance(stream, ContentStream) else ContentStream(stream, reader)
        for operands, operator in content.operations:
            if operator in PAINTS:
                counts["paths"] += 1
            elif operator == b"Do":
                xobject = resources["/XObject"][operands[0]].get_object()
                if xobject["/Subtype"] == "/Form":
                    walk(xobject, xobject.get("/Resources", resources))
                else:
                    counts["image"] += 1
            elif operator == b"BI":
                counts["image"] += 1

    contents = page.get_contents()
    if contents is not None:
        walk(contents, page["/Resources"])
    return counts


def test_the_pdf_holds_every_page_in_order_with_its_bookmark(pdf: Any, built_book: Path) -> None:
    docs = toc_files()
    n = len(pdf.pages)
    # every page of the book prints on one A4 page at least; the whole book on a few hundred
    assert len(docs) + 1 <= n <= 600, f"{n} pages"
    texts = [page.extract_text() for page in pdf.pages]
    chapters = [(depth, title, page) for depth, title, page in _outline(pdf)]
    by_title = {title: page for _, title, page in chapters}
    starts = []
    for doc in docs:
        title = _title((built_book / f"{doc}.html").read_text(encoding="utf-8"))
        assert title in by_title, f"{doc}: no bookmark {title!r} in {sorted(by_title)}"
        start = by_title[title]
        assert _squash(title) in _squash(texts[start]), (
            f"{doc}: its title {title!r} is not on page {start + 1}, where its bookmark points"
        )
        starts.append(start)
        # one bookmark per chapter (parts and sections are bookmarks too, not chapters twice)
        assert sum(1 for depth, t, _ in chapters if t == title and depth <= 1) == 1, title
    assert starts == sorted(starts), "the chapters are not in the order of _toc.yml"
    assert starts[0] >= 1, "the contents page comes first"
    # chapter numbers as in the web book's sidebar: "2. Germany's bet on JUPITER"
    assert any(re.match(r"2\. ", t) for t in by_title)
    # section headings below their chapter
    assert any(depth == 2 for depth, _, _ in chapters), "no section bookmarks"


def test_the_contents_page_links_every_chapter_and_pages_are_numbered(
    pdf: Any, built_book: Path
) -> None:
    first = pdf.pages[0]
    targets = set()
    for ref in first.get("/Annots") or []:
        annot = ref.get_object()
        dest = annot.get("/Dest")
        if annot.get("/Subtype") == "/Link" and dest is not None:
            targets.add(pdf.get_page_number(dest[0].get_object()))
    starts = {page for depth, _, page in _outline(pdf) if depth == 1 or page == 1}
    docs = toc_files()
    assert len(targets) == len(docs), f"the contents links {len(targets)} of {len(docs)} pages"
    assert targets <= starts | {1}
    # the footer's number on each page is that page's number in the book
    for index in (0, len(pdf.pages) // 2, len(pdf.pages) - 1):
        lines = [line.strip() for line in pdf.pages[index].extract_text().splitlines()]
        assert any(line.endswith(str(index + 1)) for line in lines[-3:]), (
            f"page {index + 1}: its footer reads {lines[-3:]}"
        )


def test_no_raw_markup_and_every_chart_printed_as_a_vector_drawing(
    pdf: Any, built_book: Path
) -> None:
    texts = [page.extract_text() for page in pdf.pages]
    # MyST the book shows as code (its rerun page explains `{{ name }}`; the BibTeX entry to
    # cite it doubles braces) is text; any other is markup that was never rendered.
    code = _squash("".join(_code_text(p) for p in built_book.rglob("*.html")))
    raw = [
        (i + 1, snippet)
        for i, text in enumerate(texts)
        for m in RAW_MARKUP.finditer(text)
        if (snippet := _squash(text[m.start() : m.end() + 12])[:8]) not in code
    ]
    assert raw == [], f"raw MyST in the PDF (page, text): {raw[:5]}"
    paints = [_paints(pdf, page) for page in pdf.pages]
    images = [i + 1 for i, counts in enumerate(paints) if counts["image"]]
    assert images == [], f"raster images on pages {images[:10]}: a chart was flattened"
    outline = {title: page for depth, title, page in _outline(pdf) if depth <= 1}
    docs = toc_files()
    starts = []
    for doc in docs:
        title = _title((built_book / f"{doc}.html").read_text(encoding="utf-8"))
        starts.append(outline[title])
    ends = [*starts[1:], len(pdf.pages)]
    checked = 0
    for doc, start, end in zip(docs, starts, ends, strict=True):
        charts = _chart_titles((built_book / f"{doc}.html").read_text(encoding="utf-8"))
        pages = [_squash(texts[i]) for i in range(start, end)]
        for chart in charts:
            # a title Vega may cut short with an ellipsis: its first 40 characters
            wanted = _squash(chart)[:40]
            found = [start + i for i, text in enumerate(pages) if wanted in text]
            assert found, f"{doc}: the chart {chart!r} is not in pages {start + 1}–{end}"
            assert any(paints[i]["paths"] >= MIN_PAINTS for i in found), (
                f"{doc}: the chart {chart!r} has its title on page {found[0] + 1} but hardly "
                f"a drawing ({paints[found[0]]['paths']} paths)"
            )
            checked += 1
    assert checked >= 30, f"only {checked} charts in the book"
