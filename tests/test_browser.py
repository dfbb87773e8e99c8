"""Open every page of the built book in headless Chromium, with the network blocked.

Each page must load with no console error and no request leaving localhost, and every
chart must have drawn (an SVG or canvas inside it, no error block). A screenshot of each
page is saved in ``_build/screenshots/`` for a person to look at.

Debian's ``chromium`` is used through Playwright with its executable path set, since
Playwright's own browser download cannot work offline. Without it the test skips locally;
``.ci/run`` installs it so CI always runs this test.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from helpers.paths import BUILD, ROOT

CHROMIUM = shutil.which("chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"),
]
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory, data_folder: Path) -> Path:
    """The whole book, built by the command-line entry point (a separate process)."""
    target = tmp_path_factory.mktemp("book") / "html"
    result = subprocess.run([sys.executable, "-m", "helpers.build", "--target", str(target)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    return target


@pytest.fixture(scope="session")
def server(built_book: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _pages(book: Path) -> list[str]:
    return sorted(
        str(p.relative_to(book)) for p in book.rglob("*.html")
        if p.name not in {"genindex.html", "search.html"} and "_static" not in p.parts
    )


def test_every_page_draws_offline(built_book: Path, server: str) -> None:
    from playwright.sync_api import sync_playwright

    shots = BUILD / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    pages = _pages(built_book)
    assert "notebooks/germany_jupiter.html" in pages and "book/intro.html" in pages
    charts_seen = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for rel in pages:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            outside: list[str] = []
            console_errors: list[str] = []

            def guard(route, outside=outside):  # type: ignore[no-untyped-def]
                host = urlparse(route.request.url).hostname
                if host in {"127.0.0.1", "localhost"} or route.request.url.startswith("data:"):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", guard)
            page.on("console", lambda m, errs=console_errors: m.type == "error" and errs.append(m.text))
            page.on("pageerror", lambda e, errs=console_errors: errs.append(str(e)))
            page.goto(f"{server}/{rel}", wait_until="networkidle")
            containers = page.locator("[id^=chart-]")
            count = containers.count()
            for i in range(count):
                chart = containers.nth(i)
                chart.locator("svg, canvas").first.wait_for(state="attached", timeout=10_000)
                assert chart.locator(".error").count() == 0, f"{rel}: chart {i} shows an error"
            charts_seen += count
            images_without_alt = page.locator("img:not([alt])").count()
            page.screenshot(path=str(shots / (rel.replace("/", "__") + ".png")), full_page=True)
            page.close()
            assert outside == [], f"{rel}: requests left localhost: {outside}"
            assert console_errors == [], f"{rel}: console errors: {console_errors}"
            assert images_without_alt == 0, f"{rel}: {images_without_alt} images without alt text"
        browser.close()
    assert charts_seen >= 2
