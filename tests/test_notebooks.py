"""nbval can fail: a changed key figure is caught, and every notebook has checked outputs; in a
kernel, the book's errors show as one line (the comparison chapter before any sweep)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import scenarios
from helpers.paths import NOTEBOOKS, ROOT

CHECK = "nbval-check-output"


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_each_notebook_checks_its_key_figures(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    checked = [c for c in nb.cells if CHECK in c.metadata.get("tags", [])]
    assert checked, f"{path.name}: no cell tagged {CHECK}"
    for cell in checked:
        assert cell.outputs, f"{path.name}: a checked cell has no stored output (run make outputs)"


@pytest.mark.slow
def test_nbval_fails_when_a_key_figure_changes(tmp_path: Path, data_folder: Path) -> None:
    source = NOTEBOOKS / "germany_jupiter.ipynb"
    nb = json.loads(source.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if CHECK in c.get("metadata", {}).get("tags", []))
    stream = next(o for o in cell["outputs"] if o["output_type"] == "stream")
    text = "".join(stream["text"])
    assert "793.4" in text  # JUPITER's Rmax in PFLOP/s, TOP500 June 2025
    stream["text"] = text.replace("793.4", "893.4")
    tampered = tmp_path / "germany_jupiter.ipynb"
    tampered.write_text(json.dumps(nb), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            "--nbval-current-env",
            "--nbval-kernel-name",
            "python3",
            "-o",
            "testpaths=",
            "--rootdir",
            str(tmp_path),
            str(tampered),
        ],
        capture_output=True,
        text=True,
        cwd=NOTEBOOKS,
        check=False,
    )
    assert result.returncode == 1, result.stdout[-2000:]
    assert "893.4" in result.stdout and "793.4" in result.stdout


@pytest.mark.slow
def test_the_comparison_chapter_shows_a_missing_sweep_as_one_line(tmp_path: Path) -> None:
    """An analyst who opens the comparison before any sweep: papermill stops at the cell that
    reads the results, with the one line, and no sweep is started from the kernel."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from helpers.build.execute import kernel_manager

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(
            "COMPUTE_RACE_BUILD_DIR", str(tmp_path / "empty")
        )  # for the kernel: no sweep there
        with pytest.raises(PapermillExecutionError) as info:
            pm.execute_notebook(
                str(ROOT / "notebooks" / f"{scenarios.COMPARISON}.ipynb"),
                str(tmp_path / "out.ipynb"),
                progress_bar=False,
                kernel_name="python3",
                kernel_manager_class=kernel_manager(ROOT / "notebooks"),
            )
    assert info.value.ename == "SweepResultsMissing"
    assert (
        info.value.evalue.startswith("no sweep results for baseline/")
        and "run `make sweep`" in info.value.evalue
    )
    assert info.value.traceback == [
        f"SweepResultsMissing: {info.value.evalue}"
    ]  # one line, no traceback
    assert not (tmp_path / "empty").exists()  # nothing was run or written
