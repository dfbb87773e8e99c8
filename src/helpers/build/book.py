"""Build the book: papermill executes, Jupyter Book renders, and a good book is never lost.

The build happens in a staging folder under ``_build/``. It copies the book's sources
there, writes the Vega bundle, executes every notebook listed in ``_toc.yml`` with
papermill (with the book's renderer switched on), and renders with
``jupyter-book build -W -n --keep-going``. The chapters run first; then the sweep
(:mod:`helpers.build.sweep`) completes every scenario × chapter, and only then does the
"Scenarios compared" chapter run, reading the sweep's results. Only when all of that
succeeds does the new HTML replace ``_build/html``; a failed build leaves the last good
book in place.

``_build/html`` is a symbolic link to the folder of the last good book, flipped to the new
one in one atomic step (``os.replace``), so no kill or crash can leave it missing or half
written. One build runs at a time per checkout (a lock in ``_build/``; a second one waits
and says so), and a build first removes the staging folders a killed build left behind.

Run it as ``python -m helpers.build`` (``make book`` does).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from helpers.build.digest import Inputs, book_digest, file_digest, with_reads
from helpers.build.execute import BuildError, execute
from helpers.build.sweep import Run, is_fresh, plan, record, sweep
from helpers.build.toc import notebooks_in_toc, toc_with_only
from helpers.env import SCRIPT_KEY_VAR, STAGE_VAR
from helpers.errors import ComputeRaceError, StorageError
from helpers.params import Sensitivity, check_overrides
from helpers.paths import BUILD, ROOT
from helpers.scenarios import BASELINE, COMPARISON, SCENARIOS_FILE, SENSITIVITY, SWEPT, overrides

#: Names a stage (``execute``, ``render``, ``swap``) at which the build writes the marker
#: file ``<_build>/.paused-at-<stage>`` and waits, so that a test can kill it exactly there
#: (``tests/test_faults.py``). Unset in any real build.
PAUSE_VAR = "COMPUTE_RACE_PAUSE_AT"
PAUSE_STAGES = ("execute", "render", "swap")
#: The chapters that read what the build computes after the others (the sweep's results, the
#: sensitivity runs'), and so run last.
READERS = (COMPARISON, SENSITIVITY)
#: The errors of a full disk, a read-only checkout or a folder without write permission.
_STORAGE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def _pause(stage: str) -> None:
    """Wait here forever when :data:`PAUSE_VAR` names ``stage`` (for the fault tests)."""
    if os.environ.get(PAUSE_VAR) != stage:
        return
    (BUILD / f".paused-at-{stage}").write_text(str(os.getpid()), encoding="utf-8")
    while True:  # pragma: no cover - ended by the test's SIGKILL
        time.sleep(60)


@contextlib.contextmanager
def _writing(what: str, path: Path) -> Iterator[None]:
    """Turn a full disk, a read-only file system or a missing permission while writing
    ``what`` at ``path`` into one line naming both (:class:`StorageError`)."""
    try:
        yield
    except shutil.Error as err:  # copytree's list of (source, target, reason) per file
        failures = err.args[0] if err.args and isinstance(err.args[0], list) else []
        for _, target, reason in failures:
            code = re.search(r"\[Errno (\d+)\] ([^:]+)", str(reason))
            if code and int(code.group(1)) in _STORAGE_ERRNOS:
                cause = OSError(int(code.group(1)), code.group(2).strip(), target)
                raise StorageError.from_os_error(cause, what, path) from None
        raise
    except OSError as err:
        if err.errno not in _STORAGE_ERRNOS:
            raise
        raise StorageError.from_os_error(err, what, path) from None


@dataclass(frozen=True)
class Page:
    """A notebook the book executes: its parameters, the key of its executed copy in the
    cache, and the sweep run it counts as (none for the comparison, which is not swept)."""

    stem: str
    parameters: dict[str, Any]
    key: str
    run: Run | None


def plan_pages(stems: list[str], scenario: str, inputs: Inputs) -> list[Page]:
    """The pages of a build under ``scenario``, every parameter validated. A chapter's key is
    its sweep run's digest with the scenario its banner names; the comparison's key adds
    every sweep run it reads and the scenarios file."""
    per_notebook = overrides(scenario)
    pages = []
    for stem in stems:
        parameters = per_notebook.get(stem, {})
        check_overrides(stem, parameters)
        digest = inputs.digest(stem, parameters)
        if stem == COMPARISON:
            reads = {run.name: run.digest for run in plan(inputs=inputs)}
            reads[SCENARIOS_FILE.name] = file_digest(SCENARIOS_FILE)
            pages.append(
                Page(stem, parameters, with_reads(digest, {"banner": scenario, **reads}), None)
            )
        elif stem == SENSITIVITY:
            # Imported here: SALib and the chapters' code are not needed to plan other pages.
            from helpers.analysis.keyfigures import CHAPTERS
            from helpers.analysis.sensitivity import SEED
            from helpers.build.sensitivity import run_digest

            n = sensitivity_size(parameters)
            reads = {f"sensitivity/{c}": run_digest(c, n, SEED, inputs) for c in CHAPTERS}
            pages.append(
                Page(stem, parameters, with_reads(digest, {"banner": scenario, **reads}), None)
            )
        else:
            run = Run(scenario, stem, parameters, digest) if stem in SWEPT else None
            pages.append(Page(stem, parameters, with_reads(digest, {"banner": scenario}), run))
    return pages


def sensitivity_size(parameters: dict[str, Any]) -> int:
    """The Sobol' base sample the sensitivity chapter reads, with these parameters."""
    params = check_overrides(SENSITIVITY, parameters)
    assert isinstance(params, Sensitivity)
    return params.sample_size


def execute_cached(page: Page, out_dir: Path, scenario: str) -> tuple[Path, bool]:
    """Execute a page's notebook for the book, or reuse the executed copy with the same key.

    Returns the executed notebook's path and whether it was taken from the cache. Either way,
    a chapter's key figures are recorded as ``scenario``'s run in the sweep (:func:`record`),
    so the sweep that comes before "Scenarios compared" does not execute it again.
    """
    cache = BUILD / ".cache"
    cached = cache / f"{page.stem}-{page.key[:16]}.ipynb"
    cached_results = cached.with_suffix(".json")
    target = out_dir / f"{page.stem}.ipynb"
    reused = cached.is_file()
    if reused:
        out_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(cached, target)
    else:
        results = out_dir / f".{page.stem}.results.json"
        execute(page.stem, target, page.parameters, book=True, scenario=scenario, results=results)
        cache.mkdir(parents=True, exist_ok=True)
        for stale in cache.glob(f"{page.stem}-*.*"):
            stale.unlink()
        shutil.move(results, cached_results)
        shutil.copy2(target, cached)
    if page.run is not None and cached_results.is_file() and not is_fresh(page.run):
        record(page.run, cached_results, cached)
    return target, reused


def _stage_sources(stage: Path, only: list[str] | None = None) -> None:
    shutil.copy2(ROOT / "_config.yml", stage / "_config.yml")
    if only:
        toc = toc_with_only(set(only))
        (stage / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    else:
        shutil.copy2(ROOT / "_toc.yml", stage / "_toc.yml")
    shutil.copytree(ROOT / "book", stage / "book", ignore=shutil.ignore_patterns("vega"))
    from helpers.build.vega import write_vega_bundle  # altair is slow to import: only when building

    write_vega_bundle(stage / "book" / "_static" / "vega")


def _render(stage: Path, strict: bool = True) -> Path:
    cmd = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(stage),
        "--builder",
        "html",
    ]
    if strict:
        cmd += ["-W", "-n", "--keep-going"]
    env = {**os.environ, STAGE_VAR: str(stage)}  # the book's extension builds nothing else
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    log = stage.parent / "jupyter-book.log"  # beside the stage, which is removed afterwards
    with _writing("the render log", log):
        log.write_text(result.stdout + result.stderr, encoding="utf-8")
    if result.returncode != 0:
        problems = [
            line
            for line in (result.stdout + result.stderr).splitlines()
            if "WARNING" in line or "ERROR" in line or "Error" in line
        ]
        detail = "\n".join(problems[:20]) or (result.stdout + result.stderr)[-2000:]
        raise BuildError(f"jupyter-book build failed (log: {log}):\n{detail}")
    return stage / "_build" / "html"


def _replace(html: Path, target: Path) -> None:
    """Swap the new HTML in for the old one in one step, so a reader never sees half a book
    and a kill at any moment leaves a complete one.

    ``target`` is a symbolic link to ``.<name>.<token>``, a folder beside it; the new book
    moves to a folder of its own, a new link is made beside the old one and renamed over it
    (``os.replace`` is atomic), then the older folders go. A ``target`` that is still a real
    folder (from before this layout) is first moved to a folder of its own and linked.
    """
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir() and not target.is_symlink():
        _link(target.rename(_version_of(target)), target)
    version = html.rename(_version_of(target))
    _pause("swap")  # the new book moved beside the old one, the link not yet flipped
    _link(version, target)
    for old in parent.glob(f".{target.name}.*"):
        if old != version and old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)


def _version_of(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}")


def _link(version: Path, target: Path) -> None:
    link = target.with_name(f".{target.name}.link-{secrets.token_hex(6)}")
    os.symlink(version.name, link)  # relative: the folder may move with the checkout
    os.replace(link, target)


class _Lock:
    """One build per checkout at a time: an advisory lock on ``_build/.build.lock``. A second
    build waits for the first, saying so, and then finds the book up to date or builds it."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / ".build.lock"
        with _writing("the build folder", folder):
            folder.mkdir(parents=True, exist_ok=True)

    def __enter__(self) -> _Lock:
        with _writing("the build lock", self.path):
            self.handle = self.path.open("w")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"another build is running in this checkout ({self.path}): waiting for it",
                flush=True,
            )
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def _remove_leftover_stages(folder: Path) -> None:
    """Staging folders that a killed build left behind (only ever one build runs: the lock)."""
    for stage in folder.glob(".stage-*"):
        if stage.is_dir():
            shutil.rmtree(stage, ignore_errors=True)


def build(
    target: Path = BUILD / "html",
    keep_stage: bool = False,
    only: list[str] | None = None,
    workers: int | None = None,
    scenario: str = BASELINE,
) -> Path:
    """Build the whole book into ``target``; return it. The old book stays if anything fails.

    Notebooks whose inputs have not changed are not executed again, and when nothing at all
    has changed since the book in ``target`` was built, nothing is done. ``only`` builds the
    narrative pages with just those notebooks, for working on one chapter; links to the
    chapters left out cannot resolve, so warnings are not fatal then. ``scenario`` names a
    set of parameter overrides in ``notebooks/scenarios.yml``, validated (with every other
    scenario) before anything runs. ``workers`` notebooks of the book run at a time (default:
    one per core); the sweep runs one process per core.
    """
    with _Lock(BUILD):
        _remove_leftover_stages(BUILD)
        os.environ[SCRIPT_KEY_VAR] = _script_key(BUILD)
        return _build(target, keep_stage, only, workers, scenario)


def _script_key(folder: Path) -> str:
    """The checkout's secret for signing the charts' inline scripts (``<folder>/.script-key``,
    made once; :func:`helpers.page.render.sign_scripts`, ``book/_ext/csp.py``). A new key
    empties the cache of executed notebooks, whose scripts carry the old key's signatures."""
    path = folder / ".script-key"
    with _writing("the script key", path):
        if path.is_file():
            key = path.read_text(encoding="utf-8").strip()
            if len(key) == 64:
                return key
        key = secrets.token_hex(32)
        shutil.rmtree(folder / ".cache", ignore_errors=True)
        partial = path.with_name(f".script-key.{secrets.token_hex(4)}")
        partial.write_text(key, encoding="utf-8")
        partial.chmod(0o600)
        os.replace(partial, path)
    return key


def _build(
    target: Path, keep_stage: bool, only: list[str] | None, workers: int | None, scenario: str
) -> Path:
    started = time.perf_counter()
    inputs = Inputs()
    pages = plan_pages(only or notebooks_in_toc(), scenario, inputs)
    digest = book_digest({page.stem: page.key for page in pages})
    stamp = target / ".build-digest"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == digest:
        print(f"{target} is up to date ({time.perf_counter() - started:.1f} s)", flush=True)
        return target
    with _writing("the staging folder", BUILD):
        stage = Path(tempfile.mkdtemp(prefix=".stage-", dir=BUILD))
    try:
        with _writing("the staged book (sources, Vega bundle, executed notebooks)", stage):
            stage_book(stage, pages, inputs, only=only, workers=workers, scenario=scenario)
        _pause("render")
        with _writing("the rendered HTML", stage / "_build"):
            html = _render(stage, strict=not only)
            (html / ".build-digest").write_text(digest, encoding="utf-8")
        with _writing("the published book", target):
            _replace(html, target)
        print(f"built {target} in {time.perf_counter() - started:.1f} s", flush=True)
        return target
    finally:
        if not keep_stage:
            shutil.rmtree(stage, ignore_errors=True)


def stage_book(
    stage: Path,
    pages: list[Page],
    inputs: Inputs,
    only: list[str] | None = None,
    workers: int | None = None,
    scenario: str = BASELINE,
) -> None:
    """Fill ``stage`` with the book's sources and its executed notebooks, ready for any
    Sphinx builder (the HTML of :func:`build`, or :mod:`helpers.build.linkcheck`)."""
    _stage_sources(stage, only)
    chapters = [page for page in pages if page.stem not in READERS]
    readers = [page for page in pages if page.stem in READERS]
    threads = workers or min(len(pages), os.cpu_count() or 1)
    _pause("execute")
    _execute_all(chapters, stage / "notebooks", threads, scenario)
    if any(page.stem == COMPARISON for page in readers):
        report = sweep(inputs=inputs)
        if not report.ok:
            raise BuildError("the sweep failed: " + "; ".join(report.failures))
    for page in readers:
        if page.stem == SENSITIVITY:
            from helpers.build.sensitivity import run_all as run_sensitivity

            # In this process: a pool's start and its workers' loading of every chapter's
            # inputs cost about what its second core saves at the book's sample size.
            run_sensitivity(sensitivity_size(page.parameters), progress=False)
    if readers:
        _execute_all(readers, stage / "notebooks", threads, scenario)


def _execute_all(pages: list[Page], out_dir: Path, workers: int, scenario: str) -> None:
    """Execute (or take from the cache) every page, ``workers`` at a time."""

    def run(page: Page) -> str:
        t0 = time.perf_counter()
        _, cached = execute_cached(page, out_dir, scenario)
        how = "reused" if cached else "executed"
        return f"{how} notebooks/{page.stem}.ipynb in {time.perf_counter() - t0:.1f} s"

    with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:
        for line in pool.map(run, pages):
            print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.build", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--target", type=Path, default=BUILD / "html")
    parser.add_argument("--keep-stage", action="store_true", help="keep the staging folder")
    parser.add_argument(
        "--scenario",
        default=BASELINE,
        help=f"a scenario of notebooks/scenarios.yml (default: {BASELINE})",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NOTEBOOK",
        help="build with only these notebooks (stems), e.g. --only china_gpus",
    )
    args = parser.parse_args(argv)
    try:
        build(args.target, keep_stage=args.keep_stage, only=args.only, scenario=args.scenario)
    except ComputeRaceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0
