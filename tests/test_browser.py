"""Open every page of the built book in headless Chromium, with the network blocked.

Each page must load with no console error and no request leaving localhost; every chart
must have drawn (Vega's SVG inside it, no error block), carry its description for screen
readers, and be followed by its data as a table and a link to a CSV file of the book with
the same rows; a page loads the Vega bundle only if it draws a chart; every image must have
alt text; and axe-core must find no serious or critical accessibility violation. Then each
page is measured at 390 and 1280 px, in light and dark mode (switched with the theme's toggle,
without a reload): the page never scrolls sideways, every chart is drawn inside the window in
the theme's colours (dark mode: the page's background and ``helpers.charts.theme.DARK``) with
every text of it (title, subtitle, axis titles, labels, legends) inside its drawn area, and
the data tables scroll inside their own box; axe-core runs in dark mode too on a chapter and
the home page, and that chapter, printed, shows none of the screen's controls. On a phone
(the page opened at 390 px, and again at 360 px), every chart is laid out for the phone's
column; on a desktop (the window widened to 1280 px, then narrowed to 768 px) every chart is
drawn at its designed size if that fits, else laid out for the column, and never scaled
down; at every one of these widths its smallest text is at least
``helpers.build.phone.READABLE`` px high as drawn. A compound chart of each kind Vega-Lite has
(concatenated, faceted, a grid, repeated) is laid out so too, on a phone and on a desktop; a
tooltip stays on the screen; on a desktop no chart takes the phone's layout. A
screenshot of each page is saved in ``_build/screenshots/`` for a person to look at, and of
one chapter in the four combinations of width and mode, and of the sensitivity page's
faceted charts at 360 px, with each page's charts' layouts and smallest text (``-phone.json``).
Each page is a test of its own.

Debian's ``chromium`` is used through Playwright with its executable path set, since
Playwright's own browser download cannot work offline. Without it the test skips locally;
``.ci/run`` installs it so CI always runs this test. axe-core is the copy bundled with
``axe-playwright-python``, injected into each page (no network).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from helpers.build.browser import serve
from helpers.build.phone import DRAWN_JS, HIDDEN_JS, MEASURE_JS, READABLE
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
#: The widths every page is measured at (a phone, a desktop), in CSS pixels.
WIDTHS = (390, 1280)
#: The narrowest phone: a page with charts is opened again at this width, and its charts
#: measured as laid out for it (book/_static/charts-fit.js lays a chart out as the page opens).
NARROW = 360
#: A tablet's or a narrow desktop window's width: the page is narrowed to it from the desktop's
#: and its charts measured again (laid out again for the column where it changed).
TABLET = 768
#: The chapter whose screenshots are saved in the four combinations, for a person to look at.
SHOWN_PAGE = "notebooks/germany_jupiter.html"
#: The page whose faceted charts are saved as a phone shows them, at :data:`NARROW` px.
PHONE_FACET_PAGE = "notebooks/sensitivity.html"


@pytest.fixture(scope="session")
def server(built_book: Path) -> Iterator[str]:
    with serve(built_book) as url:
        yield url


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


_LAYOUT_JS = (
    """
dark => {
  const root = document.documentElement;
"""
    + HIDDEN_JS
    + """  const charts = Array.from(document.querySelectorAll('div.vega-embed[id^="chart-"]')).map(el => {
    const svg = el.querySelector('svg.marks');
    const box = svg ? svg.getBoundingClientRect() : null;
    const wrong = [];
    if (svg) {
      for (const [attr, colours] of Object.entries(dark)) {
        for (const [light, want] of Object.entries(colours)) {
          for (const node of svg.querySelectorAll(`[${attr}="${light}" i]`)) {
            const got = getComputedStyle(node)[attr];
            if (got !== want) { wrong.push(`${attr}=${light}: ${got}`); break; }
          }
        }
      }
    }
    // Text outside the drawn chart: a title, subtitle, axis title, label or legend entry
    // whose box reaches past the chart's SVG (which clips it), by more than a pixel.
    const outside = [];
    if (svg) {
      for (const t of svg.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        if (!r.width || !r.height || !t.textContent.trim() || hidden(t)) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 ||
            r.top < box.top - 1 || r.bottom > box.bottom + 1)
          outside.push(`"${t.textContent.slice(0, 40)}" at ${Math.round(r.left - box.left)}..` +
                       `${Math.round(r.right - box.left)} of ${Math.round(box.width)} px`);
      }
    }
    return {
      id: el.id,
      drawn: svg ? 1 : 0,
      outside: outside.slice(0, 3),
      left: box ? box.left : 0,
      scrolled: Array.from((function* () { for (let p = el; p; p = p.parentElement) yield p; })())
        .filter(p => p.scrollLeft).map(p => `${p.tagName}.${p.className} ${p.scrollLeft}`),
      right: box ? box.right : 0,
      width: box ? box.width : 0,
      background: svg ? getComputedStyle(svg).backgroundColor : null,
      wrong: wrong.slice(0, 3),
    };
  });
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, charts};
}
"""
)


_OPEN_DATA_JS = (
    "open => document.querySelectorAll('details.chart-data').forEach(d => { d.open = open; })"
)


def _rgb(colour: str) -> str:
    """A CSS colour of the palette (``#rgb``, ``#rrggbb``, ``white``, ``black``) as the browser
    computes it: ``rgb(r, g, b)``."""
    named = {"white": "#ffffff", "black": "#000000"}
    hex_ = named.get(colour, colour).lstrip("#")
    if len(hex_) == 3:
        hex_ = "".join(c * 2 for c in hex_)
    r, g, b = (int(hex_[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


def _expected_colours(dark: bool) -> dict[str, dict[str, str]]:
    """For each SVG attribute and each colour Vega writes in it, the colour the browser must
    draw: the palette's own in light mode, its dark counterpart (theme.DARK) in dark mode."""
    from helpers.charts.theme import DARK

    drawn = {light: _rgb(dark_ if dark else light) for light, dark_ in DARK.items()}
    return {"fill": drawn, "stroke": drawn}


def _set_theme(tab: Any, mode: str) -> None:
    """Switch the page's theme with the theme's own toggle (which cycles light, dark, auto and
    sets ``data-theme`` on <html>), without a reload; then let the browser restyle."""
    switched = tab.evaluate(
        """mode => {
          const button = document.querySelector('.theme-switch-button');
          for (let i = 0; button && i < 3 && document.documentElement.dataset.theme !== mode; i++)
            button.click();
          return document.documentElement.dataset.theme === mode;
        }""",
        mode,
    )
    assert switched, f"the theme's toggle did not switch the page to {mode} mode"
    tab.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _layout_problems(tab: Any, page: str, width: int, mode: str) -> list[str]:
    """What is wrong with the page's layout at this width and theme: a page wider than the
    window (a horizontal scroll), a chart not drawn or reaching past the window's edge, text
    of a chart (its title, subtitle, axis titles and labels, legends) outside the chart's
    drawn area, or a chart drawn in the other theme's colours."""
    where = f"{page} at {width} px, {mode}"
    got = tab.evaluate(_LAYOUT_JS, _expected_colours(mode.startswith("dark")))
    problems = []
    if got["scrollWidth"] > got["clientWidth"]:
        problems.append(
            f"{where}: the page scrolls sideways ({got['scrollWidth']} > {got['clientWidth']} px)"
        )
    for chart in got["charts"]:
        if not chart["drawn"] or chart["width"] < 100:
            problems.append(f"{where}: {chart['id']} is not drawn ({chart['width']:.0f} px wide)")
        elif chart["left"] < -1 or chart["right"] > got["clientWidth"] + 1:
            problems.append(
                f"{where}: {chart['id']} reaches past the window "
                f"({chart['left']:.0f}..{chart['right']:.0f} px of {got['clientWidth']}; "
                f"scrolled: {chart['scrolled']})"
            )
        if chart["outside"]:
            problems.append(f"{where}: {chart['id']} has text outside it: {chart['outside']}")
        if chart["wrong"]:
            problems.append(
                f"{where}: {chart['id']} is drawn in the wrong colours: {chart['wrong']}"
            )
        if mode == "dark" and chart["background"] not in {"rgba(0, 0, 0, 0)", "transparent"}:
            problems.append(f"{where}: {chart['id']} has a background of {chart['background']}")
    return problems


def _resize(tab: Any, width: int) -> None:
    """Resize the window to ``width`` px, as a reader turning a phone or narrowing a window
    does, and wait until book/_static/charts-fit.js has laid every chart out again for it
    (``window.chartsFit``; a page without charts has no such script)."""
    tab.set_viewport_size({"width": width, "height": 900})
    _settle(tab)


_SETTLED_JS = """() => !window.chartsFit ||
  (window.chartsFit.width === window.innerWidth && window.chartsFit.busy === 0)"""


def _settle(tab: Any) -> None:
    """Wait until no chart is being laid out again, two animation frames apart: a page just
    drawn may still see its column change (a web font arriving, a scroll bar appearing), and
    charts-fit.js then draws the charts that crossed a width once more."""
    for _ in range(2):
        tab.wait_for_function(_SETTLED_JS, timeout=10_000)
        tab.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
    tab.wait_for_function(_SETTLED_JS, timeout=10_000)


def _readability_problems(
    tab: Any, page: str, width: int, phone: bool = True
) -> tuple[list[str], dict[str, Any]]:
    """On a page laid out for a ``width`` px window: each chart must be laid out for the phone
    (``data-layout="phone"``, book/_static/charts-fit.js) if ``phone``, else drawn at its
    designed size (``"designed"``) or laid out for the column (``"column"``), and in either
    case not scaled down by CSS; with its smallest text, as drawn, at least :data:`READABLE`
    CSS px (font size times the SVG's scale), none of it outside the chart, and the page must
    not scroll sideways. Also returns each chart's layout and smallest text, for the test's
    artefacts."""
    got = tab.evaluate(MEASURE_JS)
    where = f"{page} at {width} px"
    problems = []
    if got["scrollWidth"] > got["clientWidth"]:
        problems.append(f"{where}: the page scrolls sideways ({got['scrollWidth']} px)")
    record = {}
    for chart in got["charts"]:
        record[chart["id"]] = {
            "layout": chart["layout"],
            "smallest_px": round(chart["smallest"] or 0, 1),
            "scale": round(chart["scale"] or 0, 2),
        }
        if phone and chart["layout"] != "phone":
            problems.append(
                f"{where}: {chart['id']} is not laid out for the phone ({chart['layout']}: "
                f"{chart['problem']})"
            )
        if not phone and (chart["layout"] not in {"designed", "column"} or chart["problem"]):
            problems.append(
                f"{where}: {chart['id']} is not laid out for the desktop's column "
                f"({chart['layout']}: {chart['problem']})"
            )
        if not phone and (chart["scale"] or 0) < 0.99:
            problems.append(f"{where}: {chart['id']} is scaled down ({chart['scale']:.2f})")
        if chart["smallest"] is None or chart["smallest"] < READABLE:
            problems.append(
                f"{where}: {chart['id']}'s smallest text is {chart['smallest'] or 0:.1f} px "
                f"({chart['smallestText']!r}), under {READABLE:g}"
            )
        if chart["outside"]:
            problems.append(f"{where}: {chart['id']} has text outside it: {chart['outside'][:3]}")
    return problems, record


#: What a printed page must not show (book.css, ``@media print``): the screen's controls.
_ON_SCREEN_ONLY = {
    "Vega's actions menus": ".vega-embed details",
    "a chart's sliders and buttons": ".vega-embed .vega-bindings",
    "closed data blocks": "details.chart-data:not([open])",
    "code toggles": "details.above-input, details.below-input, .cell_input",
    "the theme's buttons": ".article-header-buttons, .theme-switch-button",
    "the sidebars": ".bd-sidebar-primary, .bd-sidebar-secondary",
}
_PRINTED_JS = """
selectors => Object.fromEntries(Object.entries(selectors).map(([name, s]) => [name,
  Array.from(document.querySelectorAll(s)).filter(e => e.getClientRects().length > 0).length]))
"""


def _print_problems(tab: Any, page: str) -> list[str]:
    """What a printed copy of the page would show that belongs on screen only, and charts
    missing from it."""
    tab.emulate_media(media="print")
    try:
        shown = tab.evaluate(_PRINTED_JS, _ON_SCREEN_ONLY)
        charts = tab.evaluate(_PRINTED_JS, {"charts": 'div.vega-embed[id^="chart-"] svg.marks'})
    finally:
        tab.emulate_media(media="screen")
    problems = [f"{page} in print: {n} {name}" for name, n in shown.items() if n]
    n_charts = tab.locator('div.vega-embed[id^="chart-"]').count()
    if charts["charts"] != n_charts:
        problems.append(f"{page} in print: {charts['charts']} of {n_charts} charts printed")
    return problems


def _axe_violations(tab: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(tab, options={"resultTypes": ["violations"]}).response["violations"]
        if v["impact"] in FAILING_IMPACTS and v["id"] not in EXCLUDED_AXE_RULES
    ]


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


def _stories() -> set[str]:
    """The pages of the toc's first part, the stories (the other notebooks are tools and
    comparisons, with a chart or two)."""
    from helpers.build.toc import toc_parts

    _, parts = toc_parts()
    return {f"{doc}.html" for doc in parts[0][1]}


STORIES = _stories()


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
    description, data table and CSV, alt text on every image, no serious axe-core violation;
    then, at 390 and 1280 px, in light and dark mode (switched without a reload, as the
    theme's toggle does): no sideways scroll of the page, every chart drawn inside the window
    in the theme's colours; axe-core again in dark mode, at 1280 px. (Each page
    is a test of its own, so ``make test`` shares them out between its workers.)"""
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
        # Every Content-Security-Policy violation (book/_ext/csp.py), as "directive blocked-URI".
        tab.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation', "
            "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        tab.on(
            "console",
            lambda m: (
                m.type == "error"
                and _counts(m)
                and console_errors.append(f"{m.text} ({m.location.get('url')})")
            ),
        )
        tab.on("pageerror", lambda e: console_errors.append(str(e)))
        # Opened as on a phone, where book/_static/charts-fit.js lays each chart out for the
        # phone's column (data-layout="phone"): every one must get that layout, and read.
        tab.set_viewport_size({"width": WIDTHS[0], "height": 900})
        tab.goto(f"{server}/{page}", wait_until="networkidle")
        n_charts = tab.locator('div[id^="chart-"]:not([id$="-data"])').count()
        if n_charts:
            tab.wait_for_function(
                """n => document.querySelectorAll(
                     'div.vega-embed[id^="chart-"][data-layout] svg.marks').length >= n""",
                arg=n_charts,
                timeout=10_000,
            )
        readable, layouts = _readability_problems(tab, page, WIDTHS[0])
        charts = tab.evaluate(_CHARTS_JS)
        images_without_alt = tab.locator("img:not([alt])").count()
        # The page's own errors, taken before axe-core runs: axe re-fetches stylesheets by XHR
        # to read them and resolves the theme's `@import "../basic.css"` against the page
        # instead of the stylesheet, so its request for /basic.css 404s; not the book's.
        page_errors = list(console_errors) + [
            f"CSP violation: {v}" for v in tab.evaluate("() => window.__csp || []")
        ]
        loads_vega = any(path.endswith("/vega-bundle.js") for path in fetched)
        # No transitions while measuring: the theme slides its sidebar in when the window
        # widens, and fades colours when the theme changes; a measure taken mid-way is noise.
        tab.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        dark_violations: list[Any] = []
        layout: list[str] = []
        desktop: dict[str, Any] = {}
        for width in WIDTHS:
            _resize(tab, width)
            if width != WIDTHS[0]:  # widened from the phone's: laid out again for the desktop
                more, desktop = _readability_problems(tab, page, width, phone=False)
                readable += more
            for mode in ("light", "dark"):
                _set_theme(tab, mode)
                layout += _layout_problems(tab, page, width, mode)
                if width == WIDTHS[0] and mode == "light":  # the tables scroll in their box
                    tab.evaluate(_OPEN_DATA_JS, True)
                    layout += _layout_problems(tab, page, width, "light, data tables open")
                    tab.evaluate(_OPEN_DATA_JS, False)
                if mode == "dark" and width == WIDTHS[-1]:  # axe-core in dark mode too
                    dark_violations = [("dark mode", *v) for v in _axe_violations(tab)]
                if page == SHOWN_PAGE:  # the window at the page's first chart
                    tab.locator('div.vega-embed[id^="chart-"]').first.scroll_into_view_if_needed()
                    tab.evaluate("() => window.scrollBy(0, -120)")
                    tab.screenshot(
                        path=str(shots / f"{page.replace('/', '__')}-{width}px-{mode}.png"),
                        full_page=False,
                    )
        _set_theme(tab, "light")
        if page == SHOWN_PAGE:
            layout += _print_problems(tab, page)
        violations = _axe_violations(tab) + dark_violations
        tab.screenshot(
            path=str(shots / (page.replace("/", "__") + ".jpg")),
            full_page=True,
            type="jpeg",
            quality=80,
        )
        narrow: dict[str, Any] = {}
        tablet: dict[str, Any] = {}
        if n_charts:  # narrowed to a tablet's width, then opened again on the narrowest phone
            _resize(tab, TABLET)
            more, tablet = _readability_problems(tab, page, TABLET, phone=False)
            readable += more
            tab.set_viewport_size({"width": NARROW, "height": 900})
            tab.reload(wait_until="networkidle")
            tab.wait_for_function(DRAWN_JS, arg=n_charts, timeout=10_000)
            _settle(tab)
            more, narrow = _readability_problems(tab, page, NARROW)
            readable += more
            if page == PHONE_FACET_PAGE:
                tab.locator('div.vega-embed[id^="chart-"]').first.scroll_into_view_if_needed()
                tab.evaluate("() => window.scrollBy(0, -120)")
                tab.screenshot(path=str(shots / f"{page.replace('/', '__')}-{NARROW}px.png"))
            _resize(tab, WIDTHS[0])
    finally:
        tab.close()
    assert outside == [], f"{page}: requests left localhost: {outside}"
    assert page_errors == [], f"{page}: console errors: {page_errors}"
    assert images_without_alt == 0, f"{page}: {images_without_alt} images without alt text"
    assert violations == [], f"{page}: axe-core violations"
    assert layout == [], f"{page}: " + "\n".join(layout)
    if layouts:  # each chart's phone layout and smallest text, beside the screenshots
        (shots / (page.replace("/", "__") + "-phone.json")).write_text(
            json.dumps(
                {
                    str(NARROW): narrow,
                    str(WIDTHS[0]): layouts,
                    str(TABLET): tablet,
                    str(WIDTHS[-1]): desktop,
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    assert readable == [], f"{page}: " + "\n".join(readable)
    assert loads_vega == bool(charts), (
        f"{page}: the Vega bundle is {'' if loads_vega else 'not '}loaded"
    )
    for chart in charts:
        _check_chart(built_book, page, chart)
    if page.startswith("notebooks/"):
        least = 4 if page in STORIES else 1  # a story: four or more
        assert len(charts) >= least, (
            f"{page}: {len(charts)} charts drawn, expected at least {least}"
        )


def test_text_outside_a_chart_is_found(server: str, browsing: Any) -> None:
    """The measure of text outside a chart can fail: a chart whose drawn area is cut to half
    its width (its SVG's viewBox) has its text reported outside."""
    tab = browsing.new_page()
    try:
        tab.set_viewport_size({"width": 1280, "height": 900})
        _open(tab, f"{server}/{SHOWN_PAGE}")
        tab.wait_for_function(
            "() => document.querySelector('div.vega-embed[id^=\"chart-\"] svg.marks') !== null"
        )
        assert not [p for p in _layout_problems(tab, SHOWN_PAGE, 1280, "light") if "outside" in p]
        # On a desktop, no chart takes the phone's layout (each is drawn at its designed size,
        # or a single view at the column's width when it is wider than the column).
        tab.wait_for_function(DRAWN_JS, arg=tab.locator('div.vega-embed[id^="chart-"]').count())
        desktop = {chart["layout"] for chart in tab.evaluate(MEASURE_JS)["charts"]}
        assert desktop <= {"designed", "column"}, desktop
        tab.evaluate(
            """() => {
              const svg = document.querySelector('div.vega-embed[id^="chart-"] svg.marks');
              const [x, y, w, h] = svg.getAttribute('viewBox').split(/[ ,]+/).map(Number);
              svg.setAttribute('viewBox', `${x} ${y} ${w / 2} ${h}`);
              svg.setAttribute('width', w / 2);
            }"""
        )
        problems = _layout_problems(tab, SHOWN_PAGE, 1280, "light")
    finally:
        tab.close()
    assert any("has text outside it" in p for p in problems), problems


def test_the_charts_follow_the_window(server: str, browsing: Any) -> None:
    """A page opened on a desktop, narrowed to a phone's width (a window resized, a tablet
    turned) and widened again, to a tablet's and a wide desktop's, lays its charts out for
    each: readable and never scaled down on the desktops, in the phone's layout on the phone."""
    tab = browsing.new_page()
    problems: list[str] = []
    try:
        tab.set_viewport_size({"width": 1280, "height": 900})
        _open(tab, f"{server}/{SHOWN_PAGE}")
        n = tab.locator('div[id^="chart-"]:not([id$="-data"])').count()
        tab.wait_for_function(DRAWN_JS, arg=n)
        problems += _readability_problems(tab, SHOWN_PAGE, 1280, phone=False)[0]
        for width, phone in ((WIDTHS[0], True), (TABLET, False), (1920, False), (1280, False)):
            _resize(tab, width)
            problems += _readability_problems(tab, SHOWN_PAGE, width, phone=phone)[0]
    finally:
        tab.close()
    assert problems == [], "\n".join(problems)


def test_a_tooltip_stays_on_a_phones_screen(server: str, browsing: Any) -> None:
    """At 390 px, hovering the right end of the first chart's longest bar opens its tooltip
    inside the window (Vega's tooltip moves to the pointer's other side; book.css keeps it
    narrower than the window)."""
    tab = browsing.new_page()
    try:
        tab.set_viewport_size({"width": WIDTHS[0], "height": 900})
        _open(tab, f"{server}/{SHOWN_PAGE}")
        tab.wait_for_function(
            "() => document.querySelector('div.vega-embed[id^=\"chart-\"][data-layout] svg.marks')"
        )
        tab.locator('div.vega-embed[id^="chart-"] svg.marks').first.scroll_into_view_if_needed()
        point = tab.evaluate(
            """() => {
              const svg = document.querySelector('div.vega-embed[id^="chart-"] svg.marks');
              const bars = Array.from(svg.querySelectorAll('g.mark-rect path'))
                .map(m => m.getBoundingClientRect()).sort((a, b) => b.right - a.right);
              return bars.length ? {x: bars[0].right - 3, y: bars[0].top + bars[0].height / 2}
                                 : null;
            }"""
        )
        assert point, f"{SHOWN_PAGE}: its first chart has no bars to hover"
        tab.mouse.move(point["x"], point["y"])
        tab.wait_for_selector("#vg-tooltip-element.visible", timeout=5_000)
        tip = tab.evaluate(
            """() => { const r = document.getElementById('vg-tooltip-element')
                         .getBoundingClientRect();
                       return {left: r.left, right: r.right, width: innerWidth}; }"""
        )
    finally:
        tab.close()
    assert 0 <= tip["left"] and tip["right"] <= tip["width"], f"the tooltip is off screen: {tip}"


#: Compound charts of every kind, as Altair writes them (data inline), each ~800 px wide as
#: designed: side by side (hconcat), a wrapped facet (``columns``), a column facet, a grid
#: (row and column facets) and a repeat; each with a legend and long axis titles.
_ROWS = [
    {"group": g, "kind": k, "x": x, "y": (x * 7 + i) % 11, "series": s}
    for i, (g, k, x, s) in enumerate(
        (g, k, x, s)
        for g in ("first group of values", "second group", "third group")
        for k in ("one kind", "another kind")
        for x in range(1, 6)
        for s in ("a series with a long name", "another series")
    )
]
_UNIT = {
    "mark": "point",
    "encoding": {
        "x": {
            "field": "x",
            "type": "quantitative",
            "title": "A long title for the x axis, in units",
        },
        "y": {"field": "y", "type": "quantitative", "title": "A long title for the y axis"},
        "color": {"field": "series", "type": "nominal", "title": "Series of the synthetic chart"},
    },
    "width": 380,
    "height": 160,
}
SYNTHETIC_SPECS = {
    "hconcat": {"hconcat": [_UNIT, _UNIT]},
    "wrapped facet": {
        "facet": {"field": "group", "type": "nominal"},
        "columns": 3,
        "spec": {**_UNIT, "width": 240},
    },
    "column facet": {
        "facet": {"column": {"field": "group", "type": "nominal"}},
        "spec": {**_UNIT, "width": 240},
    },
    "grid": {
        **_UNIT,
        "width": 300,
        "encoding": {
            **_UNIT["encoding"],
            "row": {"field": "group", "type": "nominal"},
            "column": {"field": "kind", "type": "nominal"},
        },
    },
    "repeat": {
        "repeat": {"column": ["x", "y"]},
        "spec": {
            **_UNIT,
            "encoding": {
                **_UNIT["encoding"],
                "x": {"field": {"repeat": "column"}, "type": "quantitative"},
            },
        },
    },
}


def _open(tab: Any, url: str) -> None:
    """Open ``url`` in ``tab`` and wait until its article is in the page: a load that the
    busy local server answered late or not at all fails here, naming the page, instead of in
    a script that finds no article."""
    response = tab.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, f"{url}: {response and response.status}"
    tab.wait_for_selector(".bd-article", state="attached", timeout=10_000)


def _synthetic(name: str) -> dict[str, Any]:
    """The whole Vega-Lite spec of the synthetic compound chart ``name``, on :data:`_ROWS`."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.20.1.json",
        "data": {"values": _ROWS},
        "config": {
            "axis": {"labelFontSize": 12, "titleFontSize": 12},
            "legend": {"labelFontSize": 12, "titleFontSize": 12},
        },
        **SYNTHETIC_SPECS[name],
    }


_DRAW_SYNTHETIC_JS = """
async ([name, spec]) => {
  const host = document.querySelector('.bd-article');
  const el = document.createElement('div');
  el.className = 'vega-embed';
  el.id = 'chart-synthetic';
  host.prepend(el);
  const options = {ast: true, renderer: 'svg', actions: false};
  await window.vegaEmbed(el, spec, options);
  const svg = el.querySelector('svg.marks');
  // Each view's plot starts where its axes' domain lines do.
  const plots = Array.from(svg.querySelectorAll('g.role-axis-domain line, g.role-axis-domain path'))
    .map(g => g.getBoundingClientRect());
  // An x axis's domain is horizontal: one per column of views at least (a facet's x axes
  // are drawn under its columns only).
  const xLefts = plots.filter(r => r.width > r.height).map(r => Math.round(r.left));
  return {layout: el.dataset.layout, problem: el.dataset.phoneProblem || null,
          width: parseFloat(svg.getAttribute('width')), column: host.clientWidth,
          room: el.clientWidth - parseFloat(getComputedStyle(el).paddingLeft)
                - parseFloat(getComputedStyle(el).paddingRight),
          lefts: plots.map(r => Math.round(r.left)), xLefts};
}
"""


def _draw_synthetic(
    browsing: Any, server: str, name: str, width: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Draw the synthetic chart ``name`` at the top of :data:`SHOWN_PAGE` in a window ``width``
    px wide; return what :data:`_DRAW_SYNTHETIC_JS` found and the chart's :data:`MEASURE_JS`
    measures."""
    tab = browsing.new_page()
    try:
        tab.set_viewport_size({"width": width, "height": 900})
        _open(tab, f"{server}/{SHOWN_PAGE}")
        got = tab.evaluate(_DRAW_SYNTHETIC_JS, [name, _synthetic(name)])
        measured = next(
            c for c in tab.evaluate(MEASURE_JS)["charts"] if c["id"] == "chart-synthetic"
        )
    finally:
        tab.close()
    return got, measured


@pytest.mark.parametrize("name", list(SYNTHETIC_SPECS))
def test_a_compound_chart_is_laid_out_for_a_phone(name: str, server: str, browsing: Any) -> None:
    """book/_static/charts-fit.js on compound charts the book does not have yet, of each kind:
    at 390 px each is laid out for the phone (not its designed 800 px scaled down to a third),
    as wide as the column at most, with every text inside it and at least :data:`READABLE` px
    high, and its views in one column (each plot starts at the same left edge)."""
    got, measured = _draw_synthetic(browsing, server, name, WIDTHS[0])
    assert got["layout"] == "phone", f"{name}: {got}"
    assert got["width"] <= got["column"] + 2, f"{name}: drawn {got['width']} px in {got['column']}"
    assert measured["outside"] == [], f"{name}: text outside: {measured['outside']}"
    assert measured["smallest"] >= READABLE, f"{name}: smallest text {measured['smallest']} px"
    lefts = got["lefts"]
    assert len(lefts) >= 4 and max(lefts) - min(lefts) <= 1, f"{name}: views start at {lefts}"


#: How many columns of views each synthetic chart has, laid out for a desktop window's column
#: (about 690 px at 1280, 790 px at 1920; each chart is designed 800-1000 px wide): the
#: wrapped and the column facet (three 240 px panels and a legend) in one, then two; the
#: side-by-side panels and the repeat (two 380 px panels) in one; the grid keeps its two
#: columns, narrowed.
DESKTOP_COLUMNS = {
    1280: {"hconcat": 1, "wrapped facet": 1, "column facet": 1, "grid": 2, "repeat": 1},
    1920: {"hconcat": 1, "wrapped facet": 2, "column facet": 2, "grid": 2, "repeat": 1},
}


@pytest.mark.parametrize("width", list(DESKTOP_COLUMNS))
@pytest.mark.parametrize("name", list(SYNTHETIC_SPECS))
def test_a_compound_chart_is_laid_out_for_a_desktop(
    name: str, width: int, server: str, browsing: Any
) -> None:
    """book/_static/charts-fit.js on the same compound charts in a desktop's window, whose
    column is narrower than they are designed: each is laid out for the column instead of
    scaled down (its SVG drawn at its own size, as wide as the column at most), every text
    inside it and at least :data:`READABLE` px high, its views wrapped in as many columns as
    fit at their designed width (:data:`DESKTOP_COLUMNS`)."""
    got, measured = _draw_synthetic(browsing, server, name, width)
    assert got["layout"] == "column", f"{name}: {got}"
    assert got["width"] <= got["room"] + 2, f"{name}: drawn {got['width']} px in {got['room']}"
    assert measured["scale"] >= 0.99, f"{name}: scaled down to {measured['scale']:.2f}"
    assert measured["outside"] == [], f"{name}: text outside: {measured['outside']}"
    assert measured["smallest"] >= READABLE, f"{name}: smallest text {measured['smallest']} px"
    # the x axes' left edges, one per column of views (within a pixel)
    lefts = sorted(got["xLefts"])
    columns = [x for i, x in enumerate(lefts) if i == 0 or x - lefts[i - 1] > 1]
    assert len(columns) == DESKTOP_COLUMNS[width][name], f"{name}: x axes start at {lefts}"
