"""Named scenarios, and the sweep that runs every scenario × chapter.

A scenario is a set of parameter overrides per notebook, in ``notebooks/scenarios.yml``;
``baseline`` is the book's defaults (no overrides). Every scenario is validated against the
parameters the notebooks declare (:mod:`helpers.params`) before anything runs: an unknown
scenario, notebook or parameter, or a bad value, stops with one line naming the scenario,
the notebook and the parameter.

The sweep (``python -m helpers.scenarios``, ``make sweep``) executes every scenario ×
chapter notebook with papermill through any :class:`concurrent.futures.Executor` (one
process per core by default; a ``dask.distributed.Client`` runs it on a cluster). Each run
writes ``<out>/<scenario>/<stem>.ipynb``, its key figures as ``<stem>.json`` (written by the
notebook's :func:`helpers.book.show_key_figures`) and, beside them, ``<stem>.digest``: the
hash of its inputs (:func:`helpers.build.inputs_digest`). A run whose digest still matches
is not run again, so an interrupted sweep resumes where it stopped. A run writes into a
private temporary folder and moves its files into place only when it succeeded, so a failed
or interrupted run never damages an earlier result.

Work is never done twice. A notebook's key figures depend on its parameters alone (the
scenario's name only labels the book's pages), so runs of one notebook with the same
parameters in several scenarios (a chapter a scenario leaves at its defaults) execute once
and the others get copies of its results. And the book build records each chapter it
executes as that scenario's run (:func:`record`), so the "Scenarios compared" chapter, built
after them, does not execute the book's own scenario again.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from helpers.env import BOOK_VAR, RESULTS_VAR, SCENARIO_VAR
from helpers.errors import ComputeRaceError, ParameterError
from helpers.params import SPECS, check_overrides
from helpers.paths import BUILD, NOTEBOOKS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

SCENARIOS_FILE = NOTEBOOKS / "scenarios.yml"
BASELINE = "baseline"
#: Where the sweep writes its runs (``<scenario>/<stem>.{ipynb,json,digest}``).
SWEEP_DIR = BUILD / "sweep"
#: The chapter that compares the scenarios: it reads the sweep and is never swept itself.
COMPARISON = "scenarios_compared"

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SPEC_KEYS = {"description", "notebooks"}


@cache
def load(path: Path = SCENARIOS_FILE) -> dict[str, dict[str, dict[str, Any]]]:
    """Every scenario: name -> notebook -> parameter overrides, all validated."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    scenarios = raw.get("scenarios", {})
    if not isinstance(scenarios, dict) or BASELINE not in scenarios:
        raise ParameterError(f"{path}: needs a 'scenarios' mapping with a '{BASELINE}' entry")
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for name, spec in scenarios.items():
        if not _NAME.match(str(name)):
            raise ParameterError(f"scenario {name!r}: a name is lower-case letters, digits, '_' and '-'")
        extra = sorted(set(spec or {}) - _SPEC_KEYS)
        if extra:
            raise ParameterError(f"scenario {name!r}: unknown key {extra[0]!r}; "
                                 f"a scenario has {', '.join(sorted(_SPEC_KEYS))}")
        overrides = (spec or {}).get("notebooks", {}) or {}
        for notebook, values in overrides.items():
            if notebook not in SPECS:
                raise ParameterError(f"scenario {name!r}: unknown notebook {notebook!r}; "
                                     f"known are {', '.join(sorted(SPECS))}")
            try:
                check_overrides(notebook, values or {})
            except ParameterError as err:
                raise ParameterError(f"scenario {name!r}: {err}") from None
        out[str(name)] = {str(k): dict(v or {}) for k, v in overrides.items()}
    return out


def overrides(scenario: str, path: Path = SCENARIOS_FILE) -> dict[str, dict[str, Any]]:
    """The overrides of ``scenario`` per notebook (a notebook not listed runs with its defaults)."""
    scenarios = load(path)
    if scenario not in scenarios:
        raise ParameterError(f"unknown scenario {scenario!r}: known are {', '.join(scenarios)}")
    return scenarios[scenario]


def description(scenario: str, path: Path = SCENARIOS_FILE) -> str:
    """The scenario's one-line description from the YAML file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return str(raw.get("scenarios", {}).get(scenario, {}).get("description", ""))


# --- the sweep -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One notebook executed under one scenario."""

    scenario: str
    stem: str
    parameters: dict[str, Any]
    #: :func:`helpers.build.inputs_digest` of the notebook with ``{"scenario": …, **parameters}``.
    digest: str

    @property
    def name(self) -> str:
        return f"{self.scenario}/{self.stem}"


@dataclass
class SweepReport:
    """What a sweep did: runs executed, runs reused from earlier sweeps, and failures."""

    executed: list[Run] = field(default_factory=list)
    reused: list[Run] = field(default_factory=list)
    #: Runs with the same notebook and parameters as a run executed or reused: results copied.
    copied: list[Run] = field(default_factory=list)
    #: One line per failed run, naming the scenario, the notebook and the cell.
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def chapters() -> list[str]:
    """The notebooks a sweep runs: every chapter of the book but the comparison itself."""
    from helpers.build import notebooks_in_toc

    return [stem for stem in notebooks_in_toc() if stem != COMPARISON]


def plan(scenarios: Iterable[str] | None = None, stems: Iterable[str] | None = None,
         path: Path = SCENARIOS_FILE) -> list[Run]:
    """Every run of the sweep, validated (nothing runs when one scenario is bad)."""
    from helpers.build import inputs_digest

    names = list(scenarios) if scenarios is not None else list(load(path))
    notebooks = list(stems) if stems is not None else chapters()
    for stem in notebooks:
        check_overrides(stem, {})  # an unknown notebook stops here, in one line
    runs = []
    for scenario in names:
        per_notebook = overrides(scenario, path)
        for stem in notebooks:
            parameters = per_notebook.get(stem, {})
            digest = inputs_digest(stem, {"scenario": scenario, **parameters})
            runs.append(Run(scenario, stem, parameters, digest))
    return runs


def same_work(run: Run) -> tuple[str, str]:
    """What decides a run's results: its notebook and its parameters (not the scenario's name)."""
    return run.stem, json.dumps(run.parameters, sort_keys=True, default=str)


def is_fresh(run: Run, out: Path = SWEEP_DIR) -> bool:
    """Whether ``run``'s results exist and were computed from the same inputs."""
    folder = out / run.scenario
    stamp = folder / f"{run.stem}.digest"
    return ((folder / f"{run.stem}.json").is_file() and stamp.is_file()
            and stamp.read_text(encoding="utf-8").strip() == run.digest)


def kernel_manager(cwd: Path, *, scenario: str, results: Path | None = None,
                   book: bool = False) -> type:
    """A kernel manager class whose kernels start in ``cwd`` with this process's environment
    but for the book's own variables: ``scenario``'s name, the file to write the key figures to
    (``results``, if any) and, for the book build (``book``), its renderer.

    The environment goes to the kernel only, never into this process's ``os.environ``,
    so runs in threads (a ThreadPoolExecutor, a Dask worker) cannot see each other's.
    """
    from jupyter_client.manager import AsyncKernelManager

    env = {k: v for k, v in os.environ.items() if k not in (BOOK_VAR, RESULTS_VAR)}
    env[SCENARIO_VAR] = scenario
    if book:
        env[BOOK_VAR] = "1"
    if results is not None:
        env[RESULTS_VAR] = str(results)

    class _Manager(AsyncKernelManager):
        async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
            kw["env"] = env
            kw["cwd"] = str(cwd)
            # The kernel's own stdout and stderr carry only start-up chatter; a failing cell's
            # error comes back through the kernel protocol, not through them.
            kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
            await super().start_kernel(**kw)

    return _Manager


def _close_thread_loop() -> None:
    """Close the event loop papermill's client opened for this thread (jupyter_core keeps one
    per thread and never closes it), so that no loop or socket outlives a run in a worker thread."""
    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()
    if not loop.is_running():
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _place(source: Path, target: Path, move: bool) -> None:
    """Put ``source`` at ``target`` atomically, moving or copying it."""
    if move:
        os.replace(source, target)
        return
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def record(run: Run, results: Path, notebook: Path | None = None, out: Path = SWEEP_DIR,
           move: bool = False) -> None:
    """Put a finished run's key figures (and its executed notebook) in place, digest last, so
    that :func:`is_fresh` holds only once everything is there."""
    folder = out / run.scenario
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{run.stem}.digest").unlink(missing_ok=True)
    if notebook is not None:
        _place(notebook, folder / f"{run.stem}.ipynb", move)
    _place(results, folder / f"{run.stem}.json", move)
    _atomic_write(folder / f"{run.stem}.digest", run.digest + "\n")
    (folder / f"{run.stem}.failed.ipynb").unlink(missing_ok=True)


def _copy_run(source: Run, target: Run, out: Path) -> None:
    """Give ``target`` the results of ``source``, a run of the same notebook and parameters."""
    folder = out / source.scenario
    notebook = folder / f"{source.stem}.ipynb"
    record(target, folder / f"{source.stem}.json", notebook if notebook.is_file() else None, out)


def run_one(run: Run, out: Path = SWEEP_DIR) -> tuple[Run, float]:
    """Execute one run with papermill and move its results into place; return it and its seconds.

    A failing cell raises :class:`helpers.build.BuildError` naming the scenario, the notebook
    and the cell; the executed notebook is kept as ``<stem>.failed.ipynb`` to read, and the
    earlier results of the run (if any) are left as they were.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from helpers.build import BuildError, _drop_volatile

    started = time.perf_counter()
    check_overrides(run.stem, run.parameters)
    # Parameters are validated strictly above; papermill's own guesses at a parameters cell's
    # comments ("Unable to parse line …") would only be noise in the progress.
    logging.getLogger("papermill").setLevel(logging.ERROR)
    folder = out / run.scenario
    folder.mkdir(parents=True, exist_ok=True)
    scratch = folder / f".{run.stem}.{uuid.uuid4().hex}"
    scratch.mkdir()
    notebook, results = scratch / f"{run.stem}.ipynb", scratch / f"{run.stem}.json"
    where = f"scenario {run.scenario!r}: notebooks/{run.stem}.ipynb"
    try:
        try:
            pm.execute_notebook(
                str(NOTEBOOKS / f"{run.stem}.ipynb"), str(notebook), parameters=run.parameters,
                progress_bar=False, kernel_name="python3",
                kernel_manager_class=kernel_manager(NOTEBOOKS, scenario=run.scenario, results=results),
            )
        except PapermillExecutionError as err:
            if notebook.is_file():
                os.replace(notebook, folder / f"{run.stem}.failed.ipynb")
            raise BuildError(f"{where}: cell {err.exec_count} failed: {err.ename}: {err.evalue}") from None
        if not results.is_file():
            raise BuildError(f"{where}: wrote no key figures (its key-figures cell must call "
                             "helpers.book.show_key_figures)")
        _drop_volatile(notebook)
        record(run, results, notebook, out, move=True)
    finally:
        _close_thread_loop()
        shutil.rmtree(scratch, ignore_errors=True)
    return run, time.perf_counter() - started


def _as_executor(executor: Any) -> Executor:
    """An Executor from an Executor or a ``dask.distributed.Client`` (its ``get_executor()``)."""
    if isinstance(executor, Executor):
        return executor
    get = getattr(executor, "get_executor", None)
    if callable(get):
        return get()
    raise TypeError(f"not an executor: {executor!r} (pass a concurrent.futures.Executor or a "
                    "dask.distributed.Client)")


def sweep(scenarios: Iterable[str] | None = None, stems: Iterable[str] | None = None, *,
          executor: Any = None, workers: int | None = None, out: Path = SWEEP_DIR,
          path: Path = SCENARIOS_FILE, progress: Callable[[str], None] | None = None) -> SweepReport:
    """Run every scenario × notebook whose results are missing or stale; return what happened.

    ``executor`` is any :class:`concurrent.futures.Executor`, or a ``dask.distributed.Client``;
    without one, a process pool with ``workers`` processes (default: one per core) is used and
    shut down afterwards. A provided executor is left running. Progress lines go to
    ``progress`` as runs finish (default: printed at once). A failed run does not stop the others: its one-line message
    is in ``failures``.
    """
    started = time.perf_counter()
    say = progress or _print
    runs = plan(scenarios, stems, path)
    report = SweepReport()
    done_work: dict[tuple[str, str], Run] = {}
    stale = []
    for run in runs:
        if is_fresh(run, out):
            report.reused.append(run)
            done_work.setdefault(same_work(run), run)
        else:
            stale.append(run)
    total = len(runs)
    if report.reused:
        say(f"reused {len(report.reused)} of {total} runs whose inputs have not changed")
    # One execution per notebook and parameters; the other runs with the same get its results.
    todo: list[Run] = []
    twins: dict[tuple[str, str], list[Run]] = {}
    for run in stale:
        work = same_work(run)
        if work in done_work:
            _copy_run(done_work[work], run, out)
            report.copied.append(run)
        elif work in twins:
            twins[work].append(run)
        else:
            twins[work] = []
            todo.append(run)
    if report.copied:
        say(f"copied {len(report.copied)} runs from runs of the same notebook and parameters")
    if todo:
        own = executor is None
        pool: Executor = (
            ProcessPoolExecutor(max_workers=max(1, min(workers or os.cpu_count() or 1, len(todo))),
                                mp_context=multiprocessing.get_context("spawn"))
            if own else _as_executor(executor)
        )
        try:
            futures: dict[Future[tuple[Run, float]], Run] = {
                pool.submit(run_one, run, out): run for run in todo
            }
            done = len(report.reused) + len(report.copied)
            for future in as_completed(futures):
                run = futures[future]
                done += 1
                try:
                    _, seconds = future.result()
                except Exception as err:  # noqa: BLE001 - a failed cell, a dead kernel or worker
                    line = str(err) if isinstance(err, ComputeRaceError) else (
                        f"scenario {run.scenario!r}: notebooks/{run.stem}.ipynb: "
                        f"{type(err).__name__}: {err}").splitlines()[0]
                    report.failures.append(line)
                    say(f"[{done}/{total}] FAILED {run.name}: {line}")
                    for twin in twins[same_work(run)]:
                        done += 1
                        report.failures.append(f"scenario {twin.scenario!r}: notebooks/{twin.stem}.ipynb: "
                                               f"not run: the same run in {run.scenario!r} failed")
                        say(f"[{done}/{total}] FAILED {twin.name}: {report.failures[-1]}")
                    continue
                report.executed.append(run)
                say(f"[{done}/{total}] executed {run.name} in {seconds:.1f} s")
                for twin in twins[same_work(run)]:
                    _copy_run(run, twin, out)
                    report.copied.append(twin)
                    done += 1
                    say(f"[{done}/{total}] copied {run.name} to {twin.name} (same parameters)")
        finally:
            if own:
                pool.shutdown(wait=True, cancel_futures=True)
    report.seconds = time.perf_counter() - started
    say(f"sweep: {len(report.executed)} executed, {len(report.reused)} reused, "
        + (f"{len(report.copied)} copied, " if report.copied else "")
        + f"{len(report.failures)} failed, in {report.seconds:.1f} s")
    return report


def _print(line: str) -> None:
    print(line, flush=True)


def quiet(line: str) -> None:
    """A ``progress`` that says nothing (for a notebook, whose outputs must not vary)."""


# --- reading the results ---------------------------------------------------------------------


def chapter_title(stem: str) -> str:
    """A chapter's title: the first level-one heading of ``notebooks/<stem>.ipynb``."""
    cells = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return stem


def parse_number(text: str) -> float:
    """A key figure's value as a number ("4,992.00" -> 4992.0); NaN when it is not one."""
    try:
        return float(str(text).replace(",", "").replace("\u2009", ""))
    except ValueError:
        return math.nan


def results(runs: Iterable[Run] | None = None, out: Path = SWEEP_DIR) -> pd.DataFrame:
    """The key figures of every finished run in ``runs`` (default: the whole plan), long.

    Columns: ``scenario``, ``notebook``, ``order`` (row of the chapter's key-figures table),
    ``figure``, ``unit``, ``text`` (as the chapter prints it) and ``value`` (a float, NaN when
    the figure is not a number). A run without results is left out.
    """
    import pandas as pd

    rows = []
    for run in runs if runs is not None else plan():
        path = out / run.scenario / f"{run.stem}.json"
        if not path.is_file():
            continue
        for order, record in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            rows.append({"scenario": run.scenario, "notebook": run.stem, "order": order,
                         "figure": record["figure"], "unit": record["unit"],
                         "text": record["value"], "value": parse_number(record["value"])})
    return pd.DataFrame(rows, columns=["scenario", "notebook", "order", "figure", "unit", "text", "value"])


def compare(long: pd.DataFrame, reference: str = BASELINE) -> pd.DataFrame:
    """Each scenario's figures against ``reference``'s, long.

    One row per scenario (other than the reference), notebook and figure, with the
    reference's ``ref_text``/``ref_value``, the scenario's ``text``/``value``, ``ratio`` =
    value / reference value (NaN where either is not a positive number) and ``changed``
    (whether the printed value differs).
    """
    key = ["notebook", "order", "figure", "unit"]
    ref = long[long["scenario"] == reference][[*key, "text", "value"]].rename(
        columns={"text": "ref_text", "value": "ref_value"})
    others = long[long["scenario"] != reference]
    merged = others.merge(ref, on=key, how="inner")
    positive = (merged["value"] > 0) & (merged["ref_value"] > 0)
    merged["ratio"] = (merged["value"] / merged["ref_value"]).where(positive)
    merged["changed"] = merged["text"] != merged["ref_text"]
    return merged.sort_values(["notebook", "order", "scenario"]).reset_index(drop=True)


def largest_differences(compared: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The ``n`` changed figures furthest from the reference, by the size of the log ratio."""
    moved = compared[compared["changed"] & compared["ratio"].notna()].copy()
    moved["distance"] = moved["ratio"].map(lambda r: abs(math.log(r)))
    return moved.sort_values(["distance", "notebook", "order", "scenario"],
                             ascending=[False, True, True, True]).head(n).reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run every scenario × chapter notebook (resumable).")
    parser.add_argument("--scenarios", nargs="+", metavar="NAME", help="default: all in scenarios.yml")
    parser.add_argument("--only", nargs="+", metavar="NOTEBOOK", help="default: every chapter")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: one per core)")
    parser.add_argument("--out", type=Path, default=SWEEP_DIR, help=f"default: {SWEEP_DIR}")
    parser.add_argument("--file", type=Path, default=SCENARIOS_FILE, help="the scenarios file")
    parser.add_argument("--dask", metavar="ADDRESS",
                        help="run on a Dask cluster (a scheduler address, or 'local' for a local one)")
    args = parser.parse_args(argv)
    try:
        if args.dask:
            from dask.distributed import Client, LocalCluster

            if args.dask == "local":
                # host: on loopback, so a machine without a network (or a default route) works
                cluster = LocalCluster(n_workers=args.workers or os.cpu_count() or 1,
                                       threads_per_worker=1, dashboard_address=None,
                                       host="127.0.0.1")
                client = Client(cluster)
            else:
                client = Client(args.dask)
            with client:
                report = sweep(args.scenarios, args.only, executor=client, out=args.out, path=args.file)
        else:
            report = sweep(args.scenarios, args.only, workers=args.workers, out=args.out, path=args.file)
    except ComputeRaceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for line in report.failures:
        print(f"error: {line}", file=sys.stderr)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
