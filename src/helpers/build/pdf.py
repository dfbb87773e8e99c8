"""The PDF edition: ``make pdf`` prints every page of the built book, in the book's order, into
one PDF, ``_build/pdf/compute-race.pdf``, offline.

Route: the built HTML pages are printed by Debian's Chromium through Playwright (print media:
``book/_static/book.css`` hides the screen's controls) and merged with pypdf. Printing the
built pages means the PDF shows exactly what the web book shows: the same computed numbers
(pasted once, at the build), the same figure and table numbers, the bibliography, and the
charts drawn by the same Vega code, which Chromium prints as vector paths and text. (The
LaTeX route would need TeX, which this machine does not have, and every Vega chart redrawn
as an image by a second renderer.)

What this module adds to Chromium's per-page PDFs:

- a first page with the book's title and a contents list whose entries link to their
  chapters (printed by Chromium with placeholder links, which are then made internal);
- page numbers through the whole book in each page's footer, with the chapter's title
  (Chromium's own footer numbers each printed document from 1, so the footer is drawn
  here: one more Chromium print of a page of footers per page of the book, stamped on);
- the outline (bookmarks): one entry per part of the book, its chapters below it, and each
  chapter's section headings (Chromium's outline of the page) below the chapter;
- links between pages of the book made internal: a link to another page goes to that
  page's first page in the PDF.

Run it as ``python -m helpers.build.pdf`` (``make pdf``, which builds the book first if
``_build/html`` is missing).
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import sys
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from helpers.build.browser import CHROMIUM_FLAGS, serve
from helpers.build.toc import toc_parts
from helpers.errors import ComputeRaceError
from helpers.paths import BUILD

if TYPE_CHECKING:
    from playwright.sync_api import PdfMargins

#: The PDF's file name (the web book's download menu links it under this name).
PDF_NAME = "compute-race.pdf"
#: The book's title, on its first page and in the PDF's metadata.
TITLE = "The Compute Race"
#: Paper and margins. The footer sits in the bottom margin.
PAPER = "A4"
MARGIN: PdfMargins = {"top": "14mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}
#: Placeholder links of the contents page, made internal afterwards.
_CONTENTS_LINK = "https://pdf-contents.invalid/"
#: How long a page may take to draw its charts, in milliseconds.
DRAW_TIMEOUT = 30_000


class PdfError(ComputeRaceError):
    """The PDF edition could not be made."""


@dataclass
class Printed:
    """One page of the book, printed: its document name, title, the part it belongs to, the
    PDF bytes Chromium made, and where its first page lands in the book's PDF."""

    docname: str
    title: str
    part: str
    pdf: bytes
    pages: int = 0
    start: int = 0
    headings: list[tuple[str, int]] = field(default_factory=list)


def chromium_path() -> str:
    """Debian's Chromium (``CHROMIUM`` overrides); Playwright's own download cannot work
    offline."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not found:
        raise PdfError(
            "make pdf needs Debian's Chromium (apt-get install chromium), or CHROMIUM=/path"
        )
    return found


_WAIT_FOR_CHARTS = """
() => {
  const n = document.querySelectorAll('div.vega-embed[id^="chart-"], div[id^="chart-"]').length;
  // charts-fit.js may draw a chart twice (designed, then for the column): its final drawing
  // is the one with data-layout
  const drawn = window.chartsFit ? 'div[id^="chart-"][data-layout] svg.marks'
                                 : 'div[id^="chart-"] svg.marks';
  return document.querySelectorAll(drawn).length >= n;
}
"""


def _print_page(tab: Any, url: str, docname: str) -> tuple[str, bytes]:
    """Open one page, wait for its charts, and print it; return its title and PDF."""
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(url, wait_until="networkidle")
    tab.evaluate("() => { document.documentElement.dataset.theme = 'light'; }")
    try:
        tab.wait_for_function(_WAIT_FOR_CHARTS, timeout=DRAW_TIMEOUT)
    except Exception as exc:  # Playwright's TimeoutError
        raise PdfError(f"{docname}: the charts were not drawn in time ({exc})") from exc
    if tab.locator("div[id^='chart-'] .error").count():
        raise PdfError(f"{docname}: a chart shows an error")
    if errors:
        raise PdfError(f"{docname}: the page raised {errors[0]}")
    tab.emulate_media(media="print")
    title = tab.evaluate(
        "() => { const h = document.querySelector('.bd-article h1') || document.querySelector('h1');"
        " return h ? h.textContent.replace(/[#¶]\\s*$/, '').trim() : document.title; }"
    )
    pdf = tab.pdf(format=PAPER, margin=MARGIN, outline=True, tagged=True, print_background=True)
    return " ".join(str(title).split()), pdf


def _contents_html(
    printed: list[Printed], parts: list[tuple[str, list[str]]], subtitle: str
) -> str:
    """The first page: the book's title, and a contents list linking every chapter, with the
    page it starts on."""
    by_doc = {p.docname: p for p in printed}
    rows = []
    first = printed[0]
    rows.append(_contents_row(first))
    for caption, docs in parts:
        rows.append(f'<li class="part">{html.escape(caption)}</li>')
        rows += [_contents_row(by_doc[d]) for d in docs if d in by_doc]
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(TITLE)}</title>
<style>
  body {{ font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif;
         color: #111827; margin: 0; }}
  h1 {{ font-size: 30pt; margin: 20mm 0 4mm; border-left: 3mm solid #c2410c;
        padding-left: 5mm; }}
  p.subtitle {{ font-size: 13pt; color: #4b5563; margin: 0 0 14mm 8mm; }}
  h2 {{ font-size: 15pt; margin: 0 0 4mm; }}
  ol {{ list-style: none; padding: 0; margin: 0; font-size: 11pt; }}
  li {{ display: flex; gap: 2mm; padding: 1.2mm 0; }}
  li.part {{ font-weight: 600; margin-top: 4mm; color: #4b5563; }}
  li a {{ color: #111827; text-decoration: none; flex: 0 1 auto; }}
  li .dots {{ flex: 1 1 auto; border-bottom: 1px dotted #9ca3af; margin-bottom: 1.2mm; }}
  li .page {{ flex: 0 0 auto; }}
</style></head><body>
<h1>{html.escape(TITLE)}</h1>
<p class="subtitle">{html.escape(subtitle)}</p>
<h2>Contents</h2>
<ol>{"".join(rows)}</ol>
</body></html>"""


def _contents_row(page: Printed) -> str:
    link = f"{_CONTENTS_LINK}{page.docname}"
    return (
        f'<li><a href="{link}">{html.escape(page.title)}</a>'
        f'<span class="dots"></span><a class="page" href="{link}">{page.start + 1}</a></li>'
    )


def _footers_html(labels: list[str]) -> str:
    """One printed page per page of the book, each with only its footer: the chapter's title
    on the left and the page's number on the right, in the bottom margin."""
    pages = "".join(
        f'<div class="sheet"><div class="foot"><span>{html.escape(label)}</span>'
        f"<span>{n}</span></div></div>"
        for n, label in enumerate(labels, start=1)
    )
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
  @page {{ size: {PAPER}; margin: 0; }}
  body {{ margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; }}
  .sheet {{ height: 297mm; width: 210mm; position: relative; break-after: page;
            overflow: hidden; }}
  .foot {{ position: absolute; left: {MARGIN["left"]}; right: {MARGIN["right"]}; bottom: 8mm;
           display: flex; justify-content: space-between; gap: 8mm;
           font-size: 8.5pt; color: #4b5563; }}
  .foot span:first-child {{ white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
</style></head><body>{pages}</body></html>"""


def _outline_headings(reader: Any) -> list[tuple[str, int]]:
    """The top-level entries of a printed page's own outline (Chromium's, from its headings)
    below its title: each section's title and the page it starts on (from 0)."""
    entries: list[tuple[str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            elif depth <= 1:
                title = " ".join(str(item.title).replace("#", "").split())
                if title:
                    entries.append((title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


def build_pdf(
    html_dir: Path = BUILD / "html",
    out: Path = BUILD / "pdf" / PDF_NAME,
    copy_into_book: bool = True,
) -> Path:
    """Print every page of the book in ``html_dir`` into one PDF at ``out``; return ``out``.
    With ``copy_into_book``, a copy goes to ``html_dir/compute-race.pdf`` too, so the
    folder that is published holds the PDF the pages' download menu links."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    if not (html_dir / "index.html").is_file():
        raise PdfError(f"{html_dir}: no built book there (make book builds it)")
    root, parts = toc_parts()
    part_of = {doc: caption for caption, docs in parts for doc in docs}
    order = [root, *(doc for _, docs in parts for doc in docs)]
    missing = [d for d in order if not (html_dir / f"{d}.html").is_file()]
    if missing:
        raise PdfError(f"{html_dir}: pages of _toc.yml not built: {', '.join(missing)}")

    with serve(html_dir) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if urlsplit(route.request.url).hostname in {"127.0.0.1", None}
                    else route.abort()
                ),
            )
            printed: list[Printed] = []
            for doc in order:
                tab = context.new_page()
                try:
                    title, pdf = _print_page(tab, f"{url}/{doc}.html", doc)
                finally:
                    tab.close()
                printed.append(Printed(doc, title, part_of.get(doc, ""), pdf))
                print(f"printed {doc}.html", flush=True)
            readers = [PdfReader(BytesIO(p.pdf)) for p in printed]
            for p, reader in zip(printed, readers, strict=True):
                p.pages = len(reader.pages)
                p.headings = [h for h in _outline_headings(reader) if h[0] != p.title]
            subtitle = _subtitle(html_dir / f"{root}.html")

            def contents(offset: int) -> bytes:
                start = offset
                for p in printed:
                    p.start, start = start, start + p.pages
                tab = context.new_page()
                try:
                    tab.set_content(_contents_html(printed, parts, subtitle))
                    return bytes(tab.pdf(format=PAPER, margin=MARGIN))
                finally:
                    tab.close()

            front = contents(1)
            n_front = len(PdfReader(BytesIO(front)).pages)
            if n_front != 1:  # the contents ran onto more pages: number again
                front = contents(n_front)
            front_reader = PdfReader(BytesIO(front))
            labels = [TITLE] * len(front_reader.pages)
            for p in printed:
                labels += [p.title] * p.pages
            tab = context.new_page()
            try:
                tab.set_content(_footers_html(labels))
                footers = PdfReader(BytesIO(tab.pdf(prefer_css_page_size=True)))
            finally:
                tab.close()
        finally:
            browser.close()

    writer = PdfWriter()
    writer.append(front_reader, import_outline=False)
    for reader in readers:
        writer.append(reader, import_outline=False)
    if len(footers.pages) != len(writer.pages):
        raise PdfError(f"{len(footers.pages)} footers printed for {len(writer.pages)} pages")
    for page, footer in zip(writer.pages, footers.pages, strict=True):
        page.merge_page(footer, over=True)

    start_of = {p.docname: p.start for p in printed}
    server_prefix = url  # links Chromium printed to pages of the book

    def internal(uri: str) -> int | None:
        if uri.startswith(_CONTENTS_LINK):
            return start_of.get(uri.removeprefix(_CONTENTS_LINK))
        if uri.startswith(server_prefix):
            path = urlsplit(uri).path.lstrip("/").removesuffix(".html")
            return start_of.get(path)
        return None

    for page in writer.pages:
        for annot_ref in page.get("/Annots") or []:
            annot = annot_ref.get_object()
            action = annot.get("/A")
            if annot.get("/Subtype") != "/Link" or action is None:
                continue
            action = action.get_object()
            target = internal(str(action.get("/URI", "")))
            if target is None:
                continue
            del annot[NameObject("/A")]
            annot[NameObject("/Dest")] = ArrayObject(
                [writer.pages[target].indirect_reference, NameObject("/Fit")]
            )

    writer.add_outline_item(title="Contents", page_number=0)
    parents: dict[str, Any] = {}
    for p in printed:
        parent = None
        if p.part:
            if p.part not in parents:
                parents[p.part] = writer.add_outline_item(title=p.part, page_number=p.start)
            parent = parents[p.part]
        chapter = writer.add_outline_item(title=p.title, page_number=p.start, parent=parent)
        for title, page_number in p.headings:
            writer.add_outline_item(title=title, page_number=p.start + page_number, parent=chapter)
    writer.page_mode = "/UseOutlines"
    writer.add_metadata({"/Title": TITLE, "/Author": "The Compute Race contributors"})
    catalog = writer._root_object
    catalog[NameObject("/PageLabels")] = DictionaryObject(
        {
            NameObject("/Nums"): ArrayObject(
                [NumberObject(0), DictionaryObject({NameObject("/S"): NameObject("/D")})]
            )
        }
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    with partial.open("wb") as handle:
        writer.write(handle)
    partial.replace(out)
    if copy_into_book:  # where the web book's download menu links it, once published
        shutil.copy2(out, html_dir / PDF_NAME)
    return out


def _subtitle(home: Path) -> str:
    """The home page's tagline (its first paragraph in italics), for the first page."""
    import re

    text = home.read_text(encoding="utf-8")
    match = re.search(r"<p><em>(.*?)</em></p>", text, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", match[1])).strip() if match else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.build.pdf", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--html", type=Path, default=BUILD / "html", help="the built book")
    parser.add_argument("--out", type=Path, default=BUILD / "pdf" / PDF_NAME)
    args = parser.parse_args(argv)
    try:
        out = build_pdf(args.html, args.out)
    except ComputeRaceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"wrote {out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
