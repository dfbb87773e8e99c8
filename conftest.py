"""Shared fixtures and the test plan, for the tests in tests/ and nbval on notebooks/ (so this
file sits at the root: pytest calls a folder's conftest only for the tests below it). Tests
that read the real datasets need COMPUTE_RACE_DATA (make sets it).

``make test`` spreads the tests over one pytest-xdist worker per core (``-n $(nproc) --dist
loadgroup --no-loadscope-reorder``):

- each test file and each notebook is one group, so a module's fixtures and a notebook's
  kernel stay on one worker; each page of the browser test is a group of its own, so the
  pages are shared out between the workers;
- the book is built once per run, by whichever worker needs it first, into a folder all
  workers share (a file lock makes the others wait for it, :func:`build_book_once`);
- the tests are ordered so that the build starts first and what waits for it comes last:
  the link tests (which start the build), then everything else, then the tests that read
  the book or the sweep it runs, and last the browser's pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from helpers.build.browser import CHROMIUM_FLAGS
from helpers.inputs.datasets import ENV_VAR
from helpers.paths import ROOT
from helpers.scenarios import COMPARISON, SENSITIVITY

#: Notebooks whose nbval run reads what the book build wrote (the sweep's and the sensitivity
#: runs' results): they wait for the build, or their kernel would find no results to read.
_READS_THE_BUILD = {f"{COMPARISON}.ipynb", f"{SENSITIVITY}.ipynb"}


#: Debian's Chromium, which the browser and JupyterLab tests drive through Playwright.
CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, launched once per test process through Playwright (whose Node.js
    driver takes a second or two to start). The tests that use it run last (see below), so
    Playwright's event loop meets no other test's."""
    if CHROMIUM is None:
        pytest.skip(
            "Debian's chromium is not installed (apt-get install chromium); .ci/run installs it"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def data_folder() -> Path:
    """The folder holding the real datasets; the test skips with a reason when there is none."""
    folder = os.environ.get(ENV_VAR)
    if not folder:
        pytest.skip(f"{ENV_VAR} is not set: run through `make test`, which points it at the data")
    return Path(folder)


def build_book_once(factory: pytest.TempPathFactory) -> Path:
    """Build the whole book with the command-line entry point (a separate process, strict:
    any Sphinx warning fails it) once per test run, into a folder every xdist worker shares;
    return its HTML folder. A worker that asks while another builds waits for it; a failed
    build is reported to every test that asks, not attempted again."""
    base = factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target, failed = shared / "book" / "html", shared / "book.failed"
    with FileLock(shared / "book.lock"):
        if failed.is_file():
            pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
        if not (target / ".build-digest").is_file():
            result = subprocess.run(
                [sys.executable, "-m", "helpers.build", "--target", str(target)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=False,
            )
            if result.returncode != 0:
                failed.write_text(
                    "the book build failed:\n" + result.stderr[-3000:], encoding="utf-8"
                )
                pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
    return target


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory, data_folder: Path) -> Path:
    """The whole book, built once per run (:func:`build_book_once`)."""
    return build_book_once(tmp_path_factory)


@pytest.fixture(scope="session")
def book_pages(built_book: Path) -> list[str]:
    """Every HTML page a reader can open, relative to the book's root, sorted."""
    return sorted(
        str(p.relative_to(built_book))
        for p in built_book.rglob("*.html")
        if p.name not in {"genindex.html", "search.html"} and "_static" not in p.parts
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.path.name in _READS_THE_BUILD and os.environ.get(ENV_VAR):
        build_book_once(item.config._tmp_path_factory)  # the factory behind tmp_path_factory


def _reads_the_book(item: pytest.Item) -> bool:
    return "built_book" in getattr(item, "fixturenames", ()) or item.path.name in _READS_THE_BUILD


def pytest_itemcollected(item: pytest.Item) -> None:
    """Put each test in its xdist group as it is collected (xdist reads the groups into the
    test ids in its own ``pytest_collection_modifyitems``, which runs before a conftest's)."""
    if item.get_closest_marker("xdist_group"):
        return
    own = "chromium" in getattr(item, "fixturenames", ())  # a page of the browser test
    item.add_marker(
        pytest.mark.xdist_group(item.nodeid if own else item.path.relative_to(ROOT).as_posix())
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The link tests first (they start the book build), the tests that wait for it last;
    in each of the three, collection order."""

    def rank(item: pytest.Item) -> int:
        if item.path.name == "test_links.py":
            return 0
        if "chromium" in getattr(item, "fixturenames", ()):
            return 3  # last: a worker that starts on them runs nothing else after
        if _reads_the_book(item) or item.path.name == "test_scenarios.py":
            return 2
        return 1

    items.sort(key=rank)
