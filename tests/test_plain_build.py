"""A plain ``jupyter-book build`` stops at once, in one line, saying to run ``make book``.

Only ``make book`` (``python -m helpers.build``) executes the notebooks with the book's
renderer; a plain build of the sources as they are in git would show every chart as the text
``<Altair chart>`` and no computed value, and exit 0 (``_config.yml`` silences myst-nb's
warning about the Vega-Lite outputs). The book's Sphinx extension refuses it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from helpers.env import STAGE_VAR
from helpers.paths import ROOT


def _extension() -> ModuleType:
    path = ROOT / "book" / "_ext" / "offline_pages.py"
    spec = importlib.util.spec_from_file_location("offline_pages", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_extension_builds_only_the_folder_helpers_build_staged(
    tmp_path: Path, monkeypatch
) -> None:
    ext = _extension()
    assert ext.STAGE_VAR == STAGE_VAR  # spelt out there, for a checkout without helpers
    assert "\n" not in ext.NOT_STAGED and "`make book`" in ext.NOT_STAGED
    app = SimpleNamespace(srcdir=str(tmp_path))
    monkeypatch.delenv(STAGE_VAR, raising=False)
    with pytest.raises(SystemExit) as refused:
        ext._require_make_book(app)
    assert refused.value.code == ext.NOT_STAGED
    monkeypatch.setenv(STAGE_VAR, str(tmp_path / "elsewhere"))
    with pytest.raises(SystemExit):
        ext._require_make_book(app)
    monkeypatch.setenv(STAGE_VAR, str(tmp_path))
    ext._require_make_book(app)  # the staged folder itself: builds


def _tracked_copy(target: Path) -> Path:
    """The working-tree files git tracks, copied into ``target``: a clean clone's sources."""
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if listing.returncode != 0:
        pytest.skip("not a git checkout: no tracked files to copy")
    for name in listing.stdout.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


@pytest.mark.slow
def test_a_plain_jupyter_book_build_fails_at_once_with_one_line(tmp_path: Path) -> None:
    clone = _tracked_copy(tmp_path / "clone")
    env = {k: v for k, v in os.environ.items() if k != STAGE_VAR}
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jupyter_book), "build", str(clone)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    hint = _extension().NOT_STAGED
    lines = [line for line in output.splitlines() if "make book" in line]
    assert lines == [hint], output[-2000:]
    assert result.stderr.strip().splitlines()[-1] == hint  # the last thing the reader sees
    assert "Traceback" not in output
    assert not list((clone / "_build").rglob("*.html"))  # no page written
