"""Shared fixtures. Tests that read the real datasets need COMPUTE_RACE_DATA (make sets it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.data import ENV_VAR
from helpers.paths import ROOT


@pytest.fixture(scope="session")
def data_folder() -> Path:
    """The folder holding the real datasets; the test skips with a reason when there is none."""
    folder = os.environ.get(ENV_VAR)
    if not folder:
        pytest.skip(f"{ENV_VAR} is not set: run through `make test`, which points it at the data")
    return Path(folder)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory, data_folder: Path) -> Path:
    """The whole book, built once per session by the command-line entry point (a separate
    process, strict: any Sphinx warning fails it). Shared by the browser and link tests."""
    target = tmp_path_factory.mktemp("book") / "html"
    result = subprocess.run([sys.executable, "-m", "helpers.build", "--target", str(target)],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return target


@pytest.fixture(scope="session")
def book_pages(built_book: Path) -> list[str]:
    """Every HTML page a reader can open, relative to the book's root, sorted."""
    return sorted(
        str(p.relative_to(built_book)) for p in built_book.rglob("*.html")
        if p.name not in {"genindex.html", "search.html"} and "_static" not in p.parts
    )
