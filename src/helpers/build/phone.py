"""How readable the built book's charts are, from a phone to a wide desktop: each chart's layout
and the height of its smallest text as drawn, in CSS pixels, at a few window widths.

A chart's text is written at its font size in the SVG's own units; the SVG is then drawn at
its box's width, so what a reader sees is the font size times the SVG's scale (its drawn
width over its ``viewBox`` width). ``book/_static/charts-fit.js`` says on each chart which
layout it drew (``data-layout``): on a phone's column (narrower than 560 px) the phone's
layout (``"phone"``: every view in one column, legends below); on a wider column, the chart
at its designed size if that fits (``"designed"``), else laid out for the column instead of
scaled down (``"column"``: a single view at the column's width, a compound chart's views
wrapped in as many columns as fit at their designed width, or narrowed in one; legends below
only if they do not fit beside). A chart whose laid-out text would fall outside it is drawn
at its designed size and scaled down to the column (``"designed"``, with the reason in
``data-phone-problem``). This measures what that gives; the browser test
(``tests/test_browser.py``) asserts with the same measure (:data:`MEASURE_JS`).

``python -m helpers.build.phone [--book DIR] [--widths 360,390,768,1024,1280,1920] [--json
FILE]`` prints one line per chart and width: page, chart, layout, SVG scale, smallest text
(px) and its words, and how many texts lie outside the drawn chart; then, per width, the
layouts, how many charts are below :data:`READABLE` px, and how many pages scroll sideways.
The book must be built (``make book``; ``COMPUTE_RACE_BUILD_DIR`` moves it).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from helpers.build.browser import CHROMIUM_FLAGS, serve
from helpers.paths import BUILD

#: The smallest text a chart may draw on any screen, in CSS px (what the browser test asserts).
READABLE = 9.0
#: The widths measured by default, in CSS px: two phones, a tablet, a small and a common
#: laptop, a wide desktop.
WIDTHS = (360, 390, 768, 1024, 1280, 1920)

#: Per chart of the page: its id, layout, SVG scale, smallest drawn text (px, with its words),
#: and the texts outside its drawn area; and whether the page scrolls sideways. Text Vega does
#: not show (an axis label it hid for overlap, with opacity 0) is not counted.
#: A script's function ``hidden(text)``: whether Vega drew a text but hid it (an axis label
#: dropped for overlap has opacity 0), so that a reader does not see it. Shared with the
#: browser test's own measures.
HIDDEN_JS = """
  const hidden = t => {
    for (let e = t; e && e.tagName !== 'svg'; e = e.parentElement)
      if (getComputedStyle(e).opacity === '0') return true;
    return false;
  };
"""

MEASURE_JS = (
    """
() => {
"""
    + HIDDEN_JS
    + """  const charts = Array.from(document.querySelectorAll('div.vega-embed[id^="chart-"]')).map(el => {
    const svg = el.querySelector('svg.marks');
    const out = {id: el.id, layout: el.dataset.layout || null, problem: el.dataset.phoneProblem || null, drawn: !!svg, scale: null,
                 smallest: null, smallestText: null, outside: [], drawnWidth: 0};
    if (!svg) return out;
    const box = svg.getBoundingClientRect();
    const view = (svg.getAttribute('viewBox') || '').split(/[ ,]+/).map(Number);
    out.drawnWidth = box.width;
    out.scale = view.length === 4 && view[2] ? box.width / view[2] : 1;
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (!r.width || !r.height || !t.textContent.trim() || hidden(t)) continue;
      const size = parseFloat(getComputedStyle(t).fontSize) * out.scale;
      if (out.smallest === null || size < out.smallest) {
        out.smallest = size;
        out.smallestText = t.textContent.slice(0, 40);
      }
      if (r.left < box.left - 1 || r.right > box.right + 1 ||
          r.top < box.top - 1 || r.bottom > box.bottom + 1)
        out.outside.push(`"${t.textContent.slice(0, 40)}" at ${Math.round(r.left - box.left)}..` +
                         `${Math.round(r.right - box.left)} of ${Math.round(box.width)} px`);
    }
    return out;
  });
  const root = document.documentElement;
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, charts};
}
"""
)

#: Resolves when every chart of the page has drawn and been given its layout.
DRAWN_JS = """
n => document.querySelectorAll('div.vega-embed[id^="chart-"][data-layout] svg.marks').length >= n
"""


def chart_pages(book: Path) -> list[str]:
    """The pages of the built book that draw a chart (Altair's template sets ``VEGA_DEBUG``)."""
    return sorted(
        p.relative_to(book).as_posix()
        for p in book.rglob("*.html")
        if "_static" not in p.parts and "VEGA_DEBUG" in p.read_text(encoding="utf-8")
    )


def open_drawn(tab: Any, url: str, width: int) -> None:
    """Open ``url`` in ``tab`` at ``width`` px and wait until every chart has drawn."""
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(url, wait_until="networkidle")
    n = tab.locator('div[id^="chart-"]:not([id$="-data"])').count()
    if n:
        tab.wait_for_function(DRAWN_JS, arg=n, timeout=15_000)


def measure(book: Path, widths: tuple[int, ...] = WIDTHS) -> list[dict[str, Any]]:
    """One row per chart of the book and width: page, width, the page's overflow, and the
    chart's :data:`MEASURE_JS` figures. Each width is a fresh load of the page, as a reader's
    phone would open it."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("error: Debian's chromium is not installed (apt-get install chromium)")
    rows: list[dict[str, Any]] = []
    with serve(book) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context()
            for page in chart_pages(book):
                for width in widths:
                    tab = context.new_page()
                    try:
                        open_drawn(tab, f"{url}/{page}", width)
                        got = tab.evaluate(MEASURE_JS)
                    finally:
                        tab.close()
                    overflow = got["scrollWidth"] - got["clientWidth"]
                    rows += [
                        {**chart, "page": page, "width": width, "overflow": overflow}
                        for chart in got["charts"]
                    ]
        finally:
            browser.close()
    return rows


def report(rows: list[dict[str, Any]]) -> str:
    """The rows as text: one line per chart and width, then a summary per width."""
    lines = []
    for r in rows:
        size = "-" if r["smallest"] is None else f"{r['smallest']:5.1f}"
        lines.append(
            f"{r['page']:<36} {r['id']} {r['width']:>5} {r['layout'] or '-':<9} "
            f"scale {r['scale'] or 0:4.2f} smallest {size} px "
            f"outside {len(r['outside'])} {r['smallestText']!r}"
            + (f" (not laid out for the column: {r['problem']})" if r.get("problem") else "")
        )
    for width in sorted({r["width"] for r in rows}):
        at = [r for r in rows if r["width"] == width]
        small = [r for r in at if r["smallest"] is not None and r["smallest"] < READABLE]
        layouts: dict[str, int] = {}
        for r in at:
            layouts[r["layout"] or "-"] = layouts.get(r["layout"] or "-", 0) + 1
        least = min((r["smallest"] for r in at if r["smallest"] is not None), default=0.0)
        pages = {r["page"] for r in at if r["overflow"] > 0}
        lines.append(
            f"{width} px: {len(at)} charts, layouts {layouts}, {len(small)} below {READABLE:g} px "
            f"(smallest {least:.1f} px), {sum(bool(r['outside']) for r in at)} with text "
            f"outside, {len(pages)} pages scrolling sideways"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.build.phone", description=__doc__)
    parser.add_argument("--book", type=Path, default=BUILD / "html", help="the built book")
    parser.add_argument(
        "--widths", default=",".join(map(str, WIDTHS)), help="window widths in CSS px"
    )
    parser.add_argument("--json", type=Path, help="write the rows to this file too")
    args = parser.parse_args(argv)
    try:
        widths = tuple(int(w) for w in args.widths.split(","))
    except ValueError:
        parser.error(f"--widths: not a comma-separated list of integers: {args.widths!r}")
    if not (args.book / "index.html").is_file():
        parser.error(f"--book: no built book in {args.book} (run `make book`)")
    rows = measure(args.book, widths)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(report(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
