"""Open every page of the built book in headless Chromium, with the network blocked.

Each page must load with no console error and no request leaving localhost; every chart
must have drawn (Vega's SVG inside it, no error block), carry its description for screen
readers, and be followed by its data as a table and a link to a CSV file of the book with
the same rows; a page loads the Vega bundle only if it draws a chart; every image must have
alt text; and axe-core must find no serious or critical accessibility violation. A
screenshot of each page is saved in ``_build/screenshots/`` for a person to look at. Each
page is a test of its own.

Debian's ``chromium`` is used through Playwright with its executable path set, since
Playwright's own browser download cannot work offline. Without it the test skips locally;
``.ci/run`` installs it so CI always runs this test. axe-core is the copy bundled with
``axe-playwright-python``, injected into each page (no network).
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from helpers.paths import BUILD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which("chromium") is None,
        reason="Debian's chromium is not installed (apt-get install chromium): "
        "the browser test is skipped; .ci/run installs it",
    ),
]
#: axe-core impacts that fail the test (it also reports "moderate" and "minor").
FAILING_IMPACTS = {"serious", "critical"}
#: axe rules not asserted, each with the reason. None: every serious violation the book's
#: pages had came from the book's own code (Vega-Embed's icon-only actions menu, fixed in
#: helpers.page.render) and was fixed there.
EXCLUDED_AXE_RULES: dict[str, str] = {}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) while the generator is open; yield its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(built_book: Path) -> Iterator[str]:
    yield from serve(built_book)


_CHARTS_JS = """
() => Array.from(document.querySelectorAll('div.vega-embed[id^="chart-"]')).map(el => {
  const data = document.getElementById(el.id + '-data');
  const wrapper = el.querySelector('[role="graphics-document"]');
  const actions = el.querySelector('details > summary');
  return {
    id: el.id,
    drawn: el.querySelectorAll('svg.marks, canvas.marks').length,
    errors: el.querySelectorAll('.error').length,
    description: wrapper ? wrapper.getAttribute('aria-label') : null,
    actionsLabel: actions ? actions.getAttribute('aria-label') : null,
    tables: data ? Array.from(data.querySelectorAll('table')).map(t => ({
      columns: Array.from(t.querySelectorAll('thead th')).map(th => th.textContent),
      rows: t.querySelectorAll('tbody tr').length,
    })) : null,
    csv: data ? Array.from(data.querySelectorAll('a[download]')).map(a => a.getAttribute('href')) : null,
  };
})
"""


def _counts(message: Any) -> bool:
    """Whether a console error counts. Chromium asks every site for ``/favicon.ico`` by itself
    (no page of the book links to one), and logs the 404 as a console error: not counted."""
    return not str(message.location.get("url", "")).endswith("/favicon.ico")


def _check_chart(book: Path, rel: str, chart: dict[str, Any]) -> None:
    where = f"{rel}: {chart['id']}"
    assert chart["drawn"] == 1, f"{where}: Vega drew no chart"
    assert chart["errors"] == 0, f"{where}: the chart shows an error"
    assert chart["description"], f"{where}: no description for screen readers"
    assert chart["actionsLabel"] == "Save the chart as an image", f"{where}: unnamed actions menu"
    assert chart["tables"], f"{where}: no data table below the chart"
    assert len(chart["csv"]) == len(chart["tables"]), f"{where}: a table without its CSV"
    n = len(chart["tables"])
    for i, (table, href) in enumerate(zip(chart["tables"], chart["csv"], strict=True), start=1):
        # a file of the book, not a data: URI in the page (book/_ext moves each CSV out of it)
        name = f"{chart['id']}-{i}.csv" if n > 1 else f"{chart['id']}.csv"
        assert href == "../" * rel.count("/") + f"chart-data/{name}", (
            f"{where}: CSV link {href[:60]}"
        )
        path = (book / rel).parent / href
        assert path.is_file(), f"{where}: the CSV {href} is not in the book"
        header, *rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
        assert header == table["columns"], f"{where}: the CSV's columns differ from the table's"
        assert len(rows) == table["rows"], f"{where}: the CSV's rows differ from the table's"


def _pages() -> list[str]:
    """Every page of the book, from the table of contents (the built book must have no other)."""
    from helpers.build.toc import toc_files

    return ["index.html", *(f"{entry}.html" for entry in toc_files())]


PAGES = _pages()


def test_every_built_page_is_opened(book_pages: list[str]) -> None:
    assert sorted(PAGES) == book_pages
    assert "notebooks/germany_jupiter.html" in PAGES and "book/data_sources.html" in PAGES


@pytest.fixture(scope="session")
def browsing(chromium: Any) -> Iterator[Any]:
    """One browser context per test process; each page test opens a tab of its own in it and
    closes it. (A context per page would cost Chromium about a CPU-second each to set up,
    and the book keeps no state between pages: no cookies, nothing stored.)"""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.mark.parametrize("page", PAGES)
def test_the_page_draws_offline_and_is_accessible(
    page: str, server: str, browsing: Any, built_book: Path
) -> None:
    """One page: no request leaves localhost, no console error, every chart drawn with its
    description, data table and CSV, alt text on every image, no serious axe-core violation.
    (Each page is a test of its own, so ``make test`` shares them out between its workers.)"""
    from axe_playwright_python.sync_playwright import Axe

    shots = BUILD / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    fetched: list[str] = []
    console_errors: list[str] = []

    def guard(route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if host in {"127.0.0.1", "localhost"} or route.request.url.startswith("data:"):
            fetched.append(urlparse(route.request.url).path)
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    tab = browsing.new_page()
    try:
        tab.route("**/*", guard)
        tab.on(
            "console",
            lambda m: (
                m.type == "error"
                and _counts(m)
                and console_errors.append(f"{m.text} ({m.location.get('url')})")
            ),
        )
        tab.on("pageerror", lambda e: console_errors.append(str(e)))
        tab.goto(f"{server}/{page}", wait_until="networkidle")
        n_charts = tab.locator('div.vega-embed[id^="chart-"]').count()
        if n_charts:
            tab.wait_for_function(
                """n => document.querySelectorAll('div.vega-embed[id^="chart-"] svg.marks').length >= n""",
                arg=n_charts,
                timeout=10_000,
            )
        charts = tab.evaluate(_CHARTS_JS)
        images_without_alt = tab.locator("img:not([alt])").count()
        # The page's own errors, taken before axe-core runs: axe re-fetches stylesheets by XHR
        # to read them and resolves the theme's `@import "../basic.css"` against the page
        # instead of the stylesheet, so its request for /basic.css 404s; not the book's.
        page_errors = list(console_errors)
        loads_vega = any(path.endswith("/vega-bundle.js") for path in fetched)
        violations = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in Axe().run(tab, options={"resultTypes": ["violations"]}).response["violations"]
            if v["impact"] in FAILING_IMPACTS and v["id"] not in EXCLUDED_AXE_RULES
        ]
        tab.screenshot(
            path=str(shots / (page.replace("/", "__") + ".jpg")),
            full_page=True,
            type="jpeg",
            quality=80,
        )
    finally:
        tab.close()
    assert outside == [], f"{page}: requests left localhost: {outside}"
    assert page_errors == [], f"{page}: console errors: {page_errors}"
    assert images_without_alt == 0, f"{page}: {images_without_alt} images without alt text"
    assert violations == [], f"{page}: axe-core violations"
    assert loads_vega == bool(charts), (
        f"{page}: the Vega bundle is {'' if loads_vega else 'not '}loaded"
    )
    for chart in charts:
        _check_chart(built_book, page, chart)
    if page.startswith("notebooks/"):
        least = 1 if page == "notebooks/scenarios_compared.html" else 4  # a story: four or more
        assert len(charts) >= least, (
            f"{page}: {len(charts)} charts drawn, expected at least {least}"
        )
