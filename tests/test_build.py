"""The build: every notebook is in the table of contents, a failed build loses nothing, the
cache key leaves the machinery out, and the build and the chapters never import each other."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import scenarios
from helpers.analysis.keyfigures import CHAPTERS
from helpers.build import book, digest, execute, toc
from helpers.errors import ParameterError
from helpers.params import SPECS
from helpers.paths import BOOK, DATA, NOTEBOOKS, ROOT, SEEDS

PACKAGE = ROOT / "src" / "helpers"


def test_every_notebook_is_in_the_toc_and_has_a_contract() -> None:
    on_disk = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    assert sorted(toc.notebooks_in_toc()) == on_disk == sorted(SPECS)
    assert toc.notebooks_in_toc()[-1] == scenarios.COMPARISON  # after the chapters it compares
    # The sweep evaluates exactly the chapters that have a key-figures function.
    assert scenarios.SWEPT == tuple(sorted(CHAPTERS))
    assert scenarios.COMPARISON not in scenarios.SWEPT and "claims" not in scenarios.SWEPT


def test_every_toc_file_exists_in_the_order_of_the_toc() -> None:
    files = toc.toc_files()
    assert files[:3] == ["book/intro", "notebooks/claims", "notebooks/germany_jupiter"]
    for entry in files:
        assert (BOOK.parent / f"{entry}.md").exists() or (
            BOOK.parent / f"{entry}.ipynb"
        ).exists(), entry


def test_a_toc_with_only_some_notebooks_drops_the_others_and_empty_parts() -> None:
    kept = toc.toc_with_only({"germany_jupiter"})
    files = [c["file"] for part in kept["parts"] for c in part["chapters"]]
    others = [f for f in toc.toc_files()[1:] if not f.startswith("notebooks/")]
    assert files == ["notebooks/germany_jupiter", *others]
    assert [part["caption"] for part in kept["parts"]] == ["The stories", "About this book"]


def test_a_failed_build_leaves_the_last_good_book(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "html"
    target.mkdir()
    (target / "index.html").write_text("the last good book")

    def fail(stem: str, out: Path, parameters: object = None, **kwargs: object) -> Path:
        raise execute.BuildError(f"notebooks/{stem}.ipynb: cell 3 failed: ValueError: boom")

    monkeypatch.setattr(book, "execute", fail)
    monkeypatch.setattr(book, "BUILD", tmp_path)
    with pytest.raises(execute.BuildError, match=r"cell 3 failed: ValueError: boom"):
        book.build(target)
    assert (target / "index.html").read_text() == "the last good book"
    kept = {".build.lock", ".script-key"}  # the lock and the checkout's script key stay
    left = sorted(p.name for p in tmp_path.iterdir() if p.name not in kept)
    assert left == ["html"]  # no staging folder left behind


def test_bad_parameters_are_refused_before_a_kernel_starts(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="unknown parameter 'colour'"):
        execute.execute(
            "germany_jupiter", tmp_path / "out" / "germany_jupiter.ipynb", {"colour": "red"}
        )
    assert not any(tmp_path.iterdir())


def test_an_unknown_scenario_is_refused_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers.build",
            "--scenario",
            "rosy",
            "--target",
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={**os.environ, "COMPUTE_RACE_BUILD_DIR": str(tmp_path)},
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: unknown scenario 'rosy': known are baseline,")
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_volatile_metadata_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "run.ipynb"
    timing = {
        "start_time": "2026-01-01T00:00:00",
        "end_time": "2026-01-01T00:00:01",
        "duration": 1.0,
    }
    path.write_text(
        json.dumps(
            {
                "nbformat": 4,
                "nbformat_minor": 5,
                "metadata": {
                    "papermill": {
                        **timing,
                        "input_path": "/a",
                        "output_path": "/b",
                        "parameters": {"x": 1},
                    }
                },
                "cells": [
                    {
                        "cell_type": "code",
                        "id": "c1",
                        "source": "1",
                        "outputs": [],
                        "execution_count": 1,
                        "metadata": {
                            "execution": {"iopub.status.idle": "…"},
                            "papermill": {**timing, "status": "completed"},
                        },
                    }
                ],
            }
        )
    )
    execute.drop_volatile(path)
    nb = json.loads(path.read_text())
    assert nb["metadata"]["papermill"] == {"parameters": {"x": 1}}
    assert nb["cells"][0]["metadata"] == {"papermill": {"status": "completed"}}


# --- the cache key: what a notebook computes from, not how it is run -------------------------


def test_a_runs_digest_leaves_out_the_build_wing_and_the_scenarios_name() -> None:
    shared = digest.shared_files()
    assert PACKAGE / "scenarios.py" in shared and ROOT / "requirements.txt" in shared
    assert DATA / "ai_factories.csv" in shared and SEEDS / "index.csv" in shared
    assert not [p for p in shared if p.is_relative_to(PACKAGE / "build")]  # the machinery
    inputs = digest.Inputs()
    base = inputs.digest("germany_jupiter", {})
    assert base != inputs.digest("germany_jupiter", {"utilisation": 0.2})
    assert base != inputs.digest("eu_access", {})
    # One notebook with the same parameters is the same work, whichever scenario asks for it.
    (page,) = book.plan_pages(["germany_jupiter"], "baseline", inputs)
    assert page.run is not None and page.run.digest == base


def test_the_comparisons_key_covers_every_sweep_run_and_the_banner() -> None:
    inputs = digest.Inputs()
    stems = [scenarios.COMPARISON, "claims", "germany_jupiter"]
    pages = {p.stem: p for p in book.plan_pages(stems, "baseline", inputs)}
    other = {p.stem: p for p in book.plan_pages(stems, "pessimistic", inputs)}
    assert pages[scenarios.COMPARISON].run is None  # it reads the sweep, it is not part of it
    assert pages["claims"].run is None  # not swept: no scenario moves its parameters
    swept = pages["germany_jupiter"].run
    assert swept is not None and swept.scenario == "baseline"
    # The banner names the scenario, so the page differs even where the parameters do not.
    assert pages["claims"].key != other["claims"].key
    assert other["germany_jupiter"].run is not None
    assert swept.digest != other["germany_jupiter"].run.digest  # pessimistic moves its parameters
    assert pages[scenarios.COMPARISON].key != other[scenarios.COMPARISON].key


def test_the_sensitivity_chapters_key_covers_every_run_it_reads(tmp_path: Path) -> None:
    """It reads one sensitivity run per chapter: a change to any chapter's inputs, or to the
    sample size it reads, changes its key (so its cached execution is not reused)."""
    inputs = digest.Inputs()
    (page,) = book.plan_pages([book.SENSITIVITY], "baseline", inputs)
    assert page.run is None
    (again,) = book.plan_pages([book.SENSITIVITY], "baseline", inputs)
    assert again.key == page.key
    assert book.sensitivity_size({}) == 1024
    assert book.sensitivity_size({"sample_size": 2048}) == 2048


# --- who may import whom: the build runs notebooks, it never imports their code --------------


def _imports(source: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
    return {name for name in found if name.split(".")[0] == "helpers"}


def _code_cells(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join(
        "".join(c["source"])
        for c in cells
        if c["cell_type"] == "code" and not "".join(c["source"]).startswith("%%")
    )


def test_no_chapter_and_no_other_module_imports_the_build() -> None:
    sources = {
        str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
        for p in PACKAGE.rglob("*.py")
        if "build" not in p.relative_to(PACKAGE).parts
    }
    sources |= {str(p.relative_to(ROOT)): _code_cells(p) for p in NOTEBOOKS.glob("*.ipynb")}
    sources["book/_ext/offline_pages.py"] = (BOOK / "_ext" / "offline_pages.py").read_text(
        encoding="utf-8"
    )
    wrong = sorted(
        f"{where} imports {name}"
        for where, text in sources.items()
        for name in _imports(text)
        if name == "helpers.build" or name.startswith("helpers.build.")
    )
    assert wrong == []


def _fake_book(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_the_book_is_swapped_in_one_step_and_old_books_go(tmp_path: Path) -> None:
    target = tmp_path / "html"
    _fake_book(target, "from before the link layout")  # a real folder, as older builds left it
    book._replace(_fake_book(tmp_path / "stage1", "first"), target)
    assert target.is_symlink() and (target / "index.html").read_text() == "first"
    book._replace(_fake_book(tmp_path / "stage2", "second"), target)
    assert (target / "index.html").read_text() == "second"
    versions = [p for p in tmp_path.glob(".html.*") if p.is_dir() and not p.is_symlink()]
    assert versions == [target.resolve()]  # the older books are gone, links included
    assert not [p for p in tmp_path.glob(".html.link-*")]


def test_a_kill_before_the_flip_leaves_the_last_good_book(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "html"
    book._replace(_fake_book(tmp_path / "stage1", "good"), target)

    def killed(*args: object) -> None:
        raise KeyboardInterrupt  # as if the process died just before os.replace

    monkeypatch.setattr(book.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        book._replace(_fake_book(tmp_path / "stage2", "half"), target)
    assert (target / "index.html").read_text() == "good"
    monkeypatch.undo()
    book._replace(_fake_book(tmp_path / "stage3", "next"), target)  # and the next build recovers
    assert (target / "index.html").read_text() == "next"
    assert [p.name for p in tmp_path.glob(".html.*") if not p.is_symlink()] == [
        target.resolve().name
    ]


def test_one_build_at_a_time_a_second_waits_and_says_so(tmp_path: Path) -> None:
    """The first holds the lock until the second has said that it waits (however long the
    second takes to start: no fixed sleep for a loaded machine to outlast), then lets go."""
    release = tmp_path / "release"
    hold = (
        "import sys, time\nfrom pathlib import Path\nfrom helpers.build.book import _Lock\n"
        "with _Lock(Path(sys.argv[1])):\n    print('holding', flush=True)\n"
        "    while not Path(sys.argv[2]).exists():\n        time.sleep(0.05)\n"
    )
    wait = (
        "import sys\nfrom pathlib import Path\nfrom helpers.build.book import _Lock\n"
        "with _Lock(Path(sys.argv[1])):\n    print('got it', flush=True)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", hold, str(tmp_path), str(release)], stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with subprocess.Popen(
            [sys.executable, "-c", wait, str(tmp_path)], stdout=subprocess.PIPE, text=True
        ) as waiter:
            assert waiter.stdout is not None
            first = waiter.stdout.readline()
            assert "another build is running in this checkout" in first
            assert waiter.poll() is None  # still waiting
            release.touch()
            assert waiter.stdout.readline().strip() == "got it"
            assert waiter.wait(timeout=30) == 0
        holder.wait(timeout=30)


def test_a_killed_builds_staging_folders_are_removed(tmp_path: Path) -> None:
    (tmp_path / ".stage-abc123" / "notebooks").mkdir(parents=True)
    (tmp_path / "cache").mkdir()
    book._remove_leftover_stages(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]
