"""The build: every notebook is in the table of contents, and a failed build loses nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import build
from helpers.errors import ParameterError
from helpers.params import SPECS
from helpers.paths import BOOK, NOTEBOOKS, ROOT


def test_every_notebook_is_in_the_toc_and_has_a_contract() -> None:
    on_disk = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    assert sorted(build.notebooks_in_toc()) == on_disk
    assert set(on_disk) <= set(SPECS)


def test_every_toc_file_exists() -> None:
    root = BOOK.parent
    for entry in build.toc_files():
        assert (root / f"{entry}.md").exists() or (root / f"{entry}.ipynb").exists(), entry


def test_a_failed_build_leaves_the_last_good_book(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "html"
    target.mkdir()
    (target / "index.html").write_text("the last good book")

    def fail(stem: str, out_dir: Path, parameters: object = None, **kwargs: object) -> Path:
        raise build.BuildError(f"notebooks/{stem}.ipynb: cell 3 failed: ValueError: boom")

    monkeypatch.setattr(build, "execute_notebook", fail)
    monkeypatch.setattr(build, "BUILD", tmp_path)
    with pytest.raises(build.BuildError, match=r"cell 3 failed: ValueError: boom"):
        build.build(target)
    assert (target / "index.html").read_text() == "the last good book"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html"]  # no staging folder left behind


def test_bad_parameters_are_refused_before_a_kernel_starts(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="unknown parameter 'colour'"):
        build.execute_notebook("germany_jupiter", tmp_path, {"colour": "red"})
    assert not any(tmp_path.iterdir())


def test_an_unknown_scenario_is_refused_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "helpers.build", "--scenario", "rosy",
                             "--target", str(tmp_path / "html")], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "COMPUTE_RACE_BUILD_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: unknown scenario 'rosy': known are baseline,")
    assert len(result.stderr.strip().splitlines()) == 1
