"""What several test files share: reading quantities through the light API and comparing them,
and running ``make check``'s command as a user would (not a test file: pytest collects only
``test_*.py``; test files import it by name, as their folder is on ``sys.path``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import text as T
from helpers.paths import ROOT


def rows(text: str, locale: str | None = None) -> list[tuple[float, str]]:
    """(value, unit) of every quantity of ``text``, through the light API."""
    return [(q.value, q.unit) for q in T.quantities_of(text, locale=locale)]


def assert_rows(
    got: list[tuple[float, str]], expected: list[tuple[float, str]], rel: float = 1e-9
) -> None:
    """The same quantities in the same order: units equal, values within ``rel``."""
    assert len(got) == len(expected), f"got {got}, expected {expected}"
    for (gv, gu), (ev, eu) in zip(got, expected, strict=True):
        assert gu == eu, f"unit {gu!r} != {eu!r} in {got}"
        assert gv == pytest.approx(ev, rel=rel), f"value {gv} != {ev} in {got}"


def check(text: str, expected: list[tuple[float, str]]) -> None:
    """``text`` reads as ``expected`` (values within a millionth)."""
    assert_rows(rows(text), expected, rel=1e-6)


def run_check(tmp_path: Path, article: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m helpers.build.check article`` from the repository, building below
    ``tmp_path``: what ``make check ARTICLE=...`` runs."""
    env = {**os.environ, "COMPUTE_RACE_BUILD_DIR": str(tmp_path / "build")}
    return subprocess.run(
        [sys.executable, "-m", "helpers.build.check", str(article)],
        capture_output=True,
        check=False,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
