"""Build the book: papermill executes, Jupyter Book renders, and a good book is never lost.

The build happens in a staging folder under ``_build/``. It copies the book's sources
there, writes the Vega bundle, executes every notebook listed in ``_toc.yml`` with
papermill (with the book's renderer switched on), and renders with
``jupyter-book build -W -n --keep-going``. Only when all of that succeeds does the new
HTML replace ``_build/html``; a failed build leaves the last good book in place.

Run it as ``python -m helpers.build`` (``make book`` does).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml

from helpers.env import STAGE_VAR
from helpers.errors import ComputeRaceError
from helpers.params import check_overrides
from helpers.paths import BOOK, BUILD, DATA, NOTEBOOKS, ROOT, SEEDS


class BuildError(ComputeRaceError):
    """A notebook failed or Sphinx warned: the build stops and the last good book stays."""


def toc_files(toc_path: Path = ROOT / "_toc.yml") -> list[str]:
    """Every document named in ``_toc.yml``, in order, without extension."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc.get("parts", toc.get("chapters", [])))
    return files


def notebooks_in_toc() -> list[str]:
    """The notebooks (stems below ``notebooks/``) that the book renders, in order."""
    return [f.split("/", 1)[1] for f in toc_files() if f.startswith("notebooks/")]


_SHARED_INPUTS = (ROOT / "src" / "helpers", DATA, SEEDS)


def _hash_files(h: "hashlib._Hash", paths: Iterable[Path]) -> None:
    for path in sorted(paths):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(ROOT)).encode())
            h.update(path.read_bytes())


#: Notebooks that read the other notebooks' results (through the sweep), so depend on them all.
READS_ALL_NOTEBOOKS = frozenset({"scenarios_compared"})


def inputs_digest(stem: str, parameters: dict[str, Any] | None = None) -> str:
    """A content hash of everything an executed notebook depends on: the notebook, its
    parameters, the scenarios, the helpers (whose registry pins each dataset's sha256), the
    curated data, the articles and the lock; for a notebook that compares the others' results,
    every notebook."""
    h = hashlib.sha256()
    own = sorted(NOTEBOOKS.glob("*.ipynb")) if stem in READS_ALL_NOTEBOOKS else [NOTEBOOKS / f"{stem}.ipynb"]
    _hash_files(h, [*own, NOTEBOOKS / "scenarios.yml", ROOT / "requirements.txt"])
    h.update(json.dumps(parameters or {}, sort_keys=True, default=str).encode())
    for folder in _SHARED_INPUTS:
        _hash_files(h, folder.rglob("*"))
    return h.hexdigest()


def book_digest(notebook_digests: dict[str, str]) -> str:
    """A content hash of the whole book: its pages, configuration and executed notebooks."""
    h = hashlib.sha256()
    _hash_files(h, [ROOT / "_config.yml", ROOT / "_toc.yml", *BOOK.rglob("*")])
    h.update(json.dumps(notebook_digests, sort_keys=True).encode())
    return h.hexdigest()


def execute_cached(stem: str, out_dir: Path, parameters: dict[str, Any] | None = None,
                   scenario: str = "baseline") -> tuple[Path, bool]:
    """Execute a notebook for the book, or reuse the executed copy whose inputs hash the same.

    Returns the executed notebook's path and whether it was taken from the cache. Either way,
    a chapter's key figures are recorded as ``scenario``'s run in the sweep
    (:func:`helpers.scenarios.record`), so "Scenarios compared" does not execute it again.
    """
    from helpers import scenarios

    parameters = parameters or {}
    digest = inputs_digest(stem, {"scenario": scenario, **parameters})
    cache = BUILD / ".cache"
    cached = cache / f"{stem}-{digest[:16]}.ipynb"
    cached_results = cached.with_suffix(".json")
    target = out_dir / f"{stem}.ipynb"
    reused = cached.is_file()
    if reused:
        out_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(cached, target)
    else:
        results = out_dir / f".{stem}.results.json"
        execute_notebook(stem, out_dir, parameters, scenario=scenario, results=results)
        cache.mkdir(parents=True, exist_ok=True)
        for stale in cache.glob(f"{stem}-*.*"):
            stale.unlink()
        if results.is_file():
            shutil.move(results, cached_results)
        shutil.copy2(target, cached)
    if cached_results.is_file() and stem not in READS_ALL_NOTEBOOKS:  # only chapters are swept
        run = scenarios.Run(scenario, stem, parameters, digest)
        if not scenarios.is_fresh(run):
            scenarios.record(run, cached_results, cached)
    return target, reused


def execute_notebook(stem: str, out_dir: Path, parameters: dict[str, Any] | None = None, *,
                     scenario: str = "baseline", results: Path | None = None) -> Path:
    """Execute ``notebooks/<stem>.ipynb`` for the book with papermill into ``out_dir``; return
    the output path. Its kernel runs with the book's renderer, ``scenario``'s name for the
    page's banner and, when ``results`` is given, the file to write its key figures to.

    Parameters are checked against the notebook's contract before a kernel starts. A failing
    cell raises :class:`BuildError` naming the notebook and the cell.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from helpers.scenarios import kernel_manager

    parameters = parameters or {}
    check_overrides(stem, parameters)
    source = ROOT / "notebooks" / f"{stem}.ipynb"
    target = out_dir / f"{stem}.ipynb"
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        pm.execute_notebook(
            str(source), str(target), parameters=parameters, cwd=str(source.parent),
            progress_bar=False, kernel_name="python3",
            kernel_manager_class=kernel_manager(source.parent, scenario=scenario, results=results,
                                                book=True),
        )
    except PapermillExecutionError as err:
        raise BuildError(
            f"notebooks/{stem}.ipynb: cell {err.exec_count} failed: {err.ename}: {err.evalue}"
        ) from None
    _drop_volatile(target)
    return target


def _drop_volatile(path: Path) -> None:
    """Remove what differs between two runs of one commit: papermill's and Jupyter's execution
    timestamps and the absolute paths of the checkout and the staging folder."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    timing = ("start_time", "end_time", "duration")
    for key in (*timing, "input_path", "output_path"):
        nb.metadata.get("papermill", {}).pop(key, None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for key in timing:
            cell.metadata.get("papermill", {}).pop(key, None)
    nbformat.write(nb, path)


def _filter_toc(node: Any, keep: set[str]) -> Any:
    """The toc without the notebooks not in ``keep`` (and without parts left empty)."""
    if isinstance(node, list):
        items = [_filter_toc(item, keep) for item in node]
        return [i for i in items if i is not None]
    if isinstance(node, dict):
        if str(node.get("file", "")).startswith("notebooks/") and node["file"].split("/", 1)[1] not in keep:
            return None
        out = {k: _filter_toc(v, keep) for k, v in node.items()}
        if "chapters" in out and not out["chapters"]:
            return None
        return out
    return node


def _stage_sources(stage: Path, only: list[str] | None = None) -> None:
    shutil.copy2(ROOT / "_config.yml", stage / "_config.yml")
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    if only:
        toc = _filter_toc(toc, set(only))
    (stage / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    shutil.copytree(ROOT / "book", stage / "book", ignore=shutil.ignore_patterns("vega"))
    from helpers.render import write_vega_bundle  # altair is slow to import: only when building

    write_vega_bundle(stage / "book" / "_static" / "vega")


def _render(stage: Path, strict: bool = True) -> Path:
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(stage), "--builder", "html"]
    if strict:
        cmd += ["-W", "-n", "--keep-going"]
    env = {**os.environ, STAGE_VAR: str(stage)}  # the book's extension builds nothing else
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    log = stage / "jupyter-book.log"
    log.write_text(result.stdout + result.stderr, encoding="utf-8")
    if result.returncode != 0:
        problems = [
            line for line in (result.stdout + result.stderr).splitlines()
            if "WARNING" in line or "ERROR" in line or "Error" in line
        ]
        detail = "\n".join(problems[:20]) or (result.stdout + result.stderr)[-2000:]
        raise BuildError(f"jupyter-book build failed (log: {log}):\n{detail}")
    return stage / "_build" / "html"


def manifest(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder`` (relative path -> digest), for comparing builds."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _replace(html: Path, target: Path) -> None:
    """Swap the new HTML in for the old one, so a reader never sees half a book."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    html.rename(target)
    if old.exists():
        shutil.rmtree(old)


def build(target: Path = BUILD / "html", keep_stage: bool = False, only: list[str] | None = None,
          workers: int | None = None, scenario: str = "baseline") -> Path:
    """Build the whole book into ``target``; return it. The old book stays if anything fails.

    Notebooks whose inputs have not changed are not executed again, and when nothing at all
    has changed since the book in ``target`` was built, nothing is done. ``only`` builds the
    narrative pages with just those notebooks, for working on one chapter; links to the
    chapters left out cannot resolve, so warnings are not fatal then. ``scenario`` names a
    set of parameter overrides in ``notebooks/scenarios.yml``, validated before anything runs.
    """
    from helpers.scenarios import overrides

    started = time.perf_counter()
    stems = only or notebooks_in_toc()
    per_notebook = overrides(scenario)
    parameters = {stem: per_notebook.get(stem, {}) for stem in stems}
    digests = {stem: inputs_digest(stem, {"scenario": scenario, **parameters[stem]}) for stem in stems}
    digest = book_digest(digests)
    stamp = target / ".build-digest"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == digest:
        print(f"{target} is up to date ({time.perf_counter() - started:.1f} s)", flush=True)
        return target
    BUILD.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".stage-", dir=BUILD))
    try:
        _stage_sources(stage, only)
        _execute_all(stems, stage / "notebooks", workers or min(len(stems), os.cpu_count() or 1),
                     parameters, scenario)
        html = _render(stage, strict=not only)
        (html / ".build-digest").write_text(digest, encoding="utf-8")
        _replace(html, target)
        print(f"built {target} in {time.perf_counter() - started:.1f} s", flush=True)
        return target
    finally:
        if not keep_stage:
            shutil.rmtree(stage, ignore_errors=True)


def _execute_all(stems: list[str], out_dir: Path, workers: int,
                 parameters: dict[str, dict[str, Any]], scenario: str) -> None:
    """Execute (or take from the cache) every notebook, ``workers`` at a time: the chapters
    first, then the notebooks that read their results."""
    def run(stem: str) -> str:
        t0 = time.perf_counter()
        _, cached = execute_cached(stem, out_dir, parameters[stem], scenario)
        how = "reused" if cached else "executed"
        return f"{how} notebooks/{stem}.ipynb in {time.perf_counter() - t0:.1f} s"

    chapters = [stem for stem in stems if stem not in READS_ALL_NOTEBOOKS]
    readers = [stem for stem in stems if stem in READS_ALL_NOTEBOOKS]
    with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:
        for batch in (chapters, readers):
            for line in pool.map(run, batch):
                print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=Path, default=BUILD / "html")
    parser.add_argument("--keep-stage", action="store_true", help="keep the staging folder")
    parser.add_argument("--scenario", default="baseline",
                        help="a scenario of notebooks/scenarios.yml (default: baseline)")
    parser.add_argument("--only", nargs="+", metavar="NOTEBOOK",
                        help="build with only these notebooks (stems), e.g. --only china_gpus")
    args = parser.parse_args(argv)
    try:
        build(args.target, keep_stage=args.keep_stage, only=args.only, scenario=args.scenario)
    except ComputeRaceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
