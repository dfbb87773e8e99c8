"""The sweep: every scenario × chapter, through the chapters' key-figures functions, resumable.

``python -m helpers.build.sweep`` (``make sweep``) evaluates every scenario of
``notebooks/scenarios.yml`` on every chapter of :data:`helpers.scenarios.SWEPT`. By default a
run calls the chapter's pure function ``helpers.analysis.<stem>.key_figures(params, inputs)``
(:mod:`helpers.analysis.keyfigures`) with the scenario's parameters, validated as a notebook
validates them: milliseconds per run once the chapter's inputs are loaded, so the whole sweep
takes a few seconds in one process. ``--notebooks`` executes each run's notebook with
papermill instead (4 to 9 s a run, charts and all), through any
:class:`concurrent.futures.Executor` (one process per core by default; ``--dask`` runs it on a
Dask cluster); both ways write the same key figures, byte for byte (a test holds them to it).
Before a kernel starts, a notebook run's key figures are computed through its function: a run
they refuse (a chip with no peak at the chosen precision) fails at once, in one line, instead
of seconds into its notebook.
The book build runs the sweep before the "Scenarios compared" chapter, which only reads its
results. Each run writes its key figures as ``<out>/<scenario>/<stem>.json`` (with
``--notebooks``, also the executed ``<stem>.ipynb``) and, last, ``<stem>.digest``: the hash of
its inputs (:meth:`helpers.build.digest.Inputs.digest`).
A run whose digest still matches is not run again, so an interrupted sweep resumes where it
stopped. A run writes into a private temporary folder and moves its files into place only
when it succeeded, so a failed or interrupted run never damages an earlier result.

Work is never done twice. A run's digest covers its notebook, its parameters and the shared
inputs, not the scenario's name (a sweep kernel is never told it), so runs of one notebook
with the same parameters in several scenarios (a chapter a scenario leaves at its defaults)
execute once and the others get copies of its results. And the book build records each
chapter it executes as its scenario's run (:func:`record`), so the sweep it runs next does
not execute the book's own scenario again.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from helpers.analysis.keyfigures import KeyFigures, key_figures_of
from helpers.build.digest import Inputs
from helpers.build.execute import execute
from helpers.errors import ComputeRaceError
from helpers.params import check_overrides
from helpers.scenarios import SCENARIOS_FILE, SWEEP_DIR, SWEPT, load, overrides, results_file

#: How a run is computed: :func:`evaluate` (the default) or :func:`execute` (a notebook).
How = Literal["functions", "notebooks"]


@dataclass(frozen=True)
class Run:
    """One notebook executed under one scenario."""

    scenario: str
    stem: str
    parameters: dict[str, Any]
    #: :meth:`Inputs.digest` of the notebook with these parameters: equal digests, equal results.
    digest: str
    #: Through the chapter's key-figures function, or by executing its notebook.
    how: How = "functions"

    @property
    def name(self) -> str:
        return f"{self.scenario}/{self.stem}"


@dataclass
class SweepReport:
    """What a sweep did: runs executed, runs reused from earlier sweeps, and failures."""

    executed: list[Run] = field(default_factory=list)
    reused: list[Run] = field(default_factory=list)
    #: Runs with the digest of a run executed or reused: results copied.
    copied: list[Run] = field(default_factory=list)
    #: One line per failed run, naming the scenario, the notebook and the cell.
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def plan(
    scenarios: Iterable[str] | None = None,
    stems: Iterable[str] | None = None,
    path: Path = SCENARIOS_FILE,
    inputs: Inputs | None = None,
    how: How = "functions",
) -> list[Run]:
    """Every run of the sweep, validated (nothing runs when one scenario is bad): by default
    every scenario of ``path`` × every notebook of :data:`~helpers.scenarios.SWEPT`."""
    names = list(scenarios) if scenarios is not None else list(load(path))
    notebooks = list(stems) if stems is not None else list(SWEPT)
    for stem in notebooks:
        check_overrides(stem, {})  # an unknown notebook stops here, in one line
    per_scenario = {scenario: overrides(scenario, path) for scenario in names}
    inputs = inputs or Inputs()
    return [
        Run(
            scenario,
            stem,
            per_scenario[scenario].get(stem, {}),
            inputs.digest(stem, per_scenario[scenario].get(stem, {})),
            how,
        )
        for scenario in names
        for stem in notebooks
    ]


def is_fresh(run: Run, out: Path = SWEEP_DIR) -> bool:
    """Whether ``run``'s results exist and were computed from the same inputs."""
    stamp = out / run.scenario / f"{run.stem}.digest"
    return (
        results_file(run.scenario, run.stem, out).is_file()
        and stamp.is_file()
        and stamp.read_text(encoding="utf-8").strip() == run.digest
    )


def _place(source: Path, target: Path, move: bool) -> None:
    """Put ``source`` at ``target`` atomically, moving or copying it."""
    if move:
        os.replace(source, target)
        return
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def record(
    run: Run, results: Path, notebook: Path | None = None, out: Path = SWEEP_DIR, move: bool = False
) -> None:
    """Put a finished run's key figures (and its executed notebook) in place, digest last, so
    that :func:`is_fresh` holds only once everything is there."""
    folder = out / run.scenario
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{run.stem}.digest").unlink(missing_ok=True)
    if notebook is not None:
        _place(notebook, folder / f"{run.stem}.ipynb", move)
    _place(results, results_file(run.scenario, run.stem, out), move)
    stamp = folder / f".{run.stem}.digest.{uuid.uuid4().hex}.tmp"
    stamp.write_text(run.digest + "\n", encoding="utf-8")
    os.replace(stamp, folder / f"{run.stem}.digest")
    (folder / f"{run.stem}.failed.ipynb").unlink(missing_ok=True)


def _copy_run(source: Run, target: Run, out: Path) -> None:
    """Give ``target`` the results of ``source``, a run with the same digest."""
    notebook = out / source.scenario / f"{source.stem}.ipynb"
    record(
        target,
        results_file(source.scenario, source.stem, out),
        notebook if notebook.is_file() else None,
        out,
    )


def results_json(figures: KeyFigures) -> str:
    """Key figures in the sweep's results format: what a notebook's
    :func:`helpers.page.paste.show_key_figures` writes, byte for byte."""
    records = [
        {"figure": str(r.figure), "value": str(r.value), "unit": str(r.unit)}
        for r in figures.table().itertuples(index=False)
    ]
    return json.dumps(records, indent=1, ensure_ascii=False) + "\n"


def evaluate(stem: str, parameters: dict[str, Any]) -> KeyFigures:
    """Chapter ``stem``'s key figures for ``parameters`` (overrides of its defaults, validated
    as the notebook validates them), without a kernel; each chapter's inputs are loaded once
    per process (:func:`helpers.analysis.keyfigures.chapter_inputs`)."""
    return key_figures_of(stem, parameters)


def run_one(run: Run, out: Path = SWEEP_DIR) -> tuple[Run, float]:
    """Compute one run and move its results into place; return it and its seconds. (A
    top-level function: a process pool pickles it.)

    A run through the functions that fails raises a one-line error naming the scenario and
    the chapter. A notebook run is executed by :func:`_run_notebook`.
    """
    if run.how == "notebooks":
        return _run_notebook(run, out)
    started = time.perf_counter()
    folder = out / run.scenario
    folder.mkdir(parents=True, exist_ok=True)
    results = folder / f".{run.stem}.{uuid.uuid4().hex}.json"
    try:
        figures = _key_figures(run, f"scenario {run.scenario!r}: {run.stem}")
        results.write_text(results_json(figures), encoding="utf-8")
        record(run, results, None, out, move=True)
    finally:
        results.unlink(missing_ok=True)
    return run, time.perf_counter() - started


class SweepError(ComputeRaceError):
    """A run of the sweep failed; the message names the scenario and the chapter."""


def _key_figures(run: Run, where: str) -> KeyFigures:
    """``run``'s key figures through its chapter's function; a :class:`SweepError` of one
    line starting with ``where`` if they fail."""
    try:
        return evaluate(run.stem, run.parameters)
    except (ComputeRaceError, KeyError, ValueError) as err:
        raise SweepError(
            f"{where}: key figures failed: {type(err).__name__}: {err}".splitlines()[0]
        ) from None


def _not_run(twin: Run, failed: Run) -> str:
    """The failure line of ``twin``, a run with the digest of the failed run ``failed``."""
    return (
        f"scenario {twin.scenario!r}: notebooks/{twin.stem}.ipynb: "
        f"not run: the same run in {failed.scenario!r} failed"
    )


class InProcess(Executor):
    """An executor that runs each call at once, in this process: for runs through the
    functions, which take milliseconds once a chapter's inputs are loaded, a process pool
    would cost more (a second or two to start each worker and load the inputs again) than it
    saves."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as err:  # delivered through the future, as a pool does
            future.set_exception(err)
        return future


def _run_notebook(run: Run, out: Path = SWEEP_DIR) -> tuple[Run, float]:
    """Execute one run's notebook and move its results into place; return it and its seconds.

    A failing cell raises :class:`helpers.build.execute.BuildError` naming the scenario, the
    notebook and the cell; the executed notebook is kept as ``<stem>.failed.ipynb`` to read,
    and the earlier results of the run (if any) are left as they were.
    """
    started = time.perf_counter()
    folder = out / run.scenario
    scratch = folder / f".{run.stem}.{uuid.uuid4().hex}"
    notebook, results = scratch / f"{run.stem}.ipynb", scratch / f"{run.stem}.json"
    try:
        execute(
            run.stem,
            notebook,
            run.parameters,
            results=results,
            where=f"scenario {run.scenario!r}: notebooks/{run.stem}.ipynb",
            failed=folder / f"{run.stem}.failed.ipynb",
        )
        record(run, results, notebook, out, move=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return run, time.perf_counter() - started


def as_executor(executor: Any) -> Executor:
    """An Executor from an Executor or a ``dask.distributed.Client`` (its ``get_executor()``)."""
    if isinstance(executor, Executor):
        return executor
    get = getattr(executor, "get_executor", None)
    if callable(get):
        pool: Executor = get()
        return pool
    raise TypeError(
        f"not an executor: {executor!r} (pass a concurrent.futures.Executor or a "
        "dask.distributed.Client)"
    )


def sweep(
    scenarios: Iterable[str] | None = None,
    stems: Iterable[str] | None = None,
    *,
    executor: Any = None,
    workers: int | None = None,
    out: Path = SWEEP_DIR,
    path: Path = SCENARIOS_FILE,
    progress: Callable[[str], None] | None = None,
    inputs: Inputs | None = None,
    how: How = "functions",
) -> SweepReport:
    """Run every scenario × notebook whose results are missing or stale; return what happened.

    ``how`` is ``"functions"`` (each chapter's key-figures function) or ``"notebooks"``
    (papermill). ``executor`` is any :class:`concurrent.futures.Executor`, or a
    ``dask.distributed.Client``; without one, runs through the functions are computed in this
    process (unless ``workers`` is given) and notebook runs on a process pool with ``workers``
    processes (default: one per core), shut down afterwards. A provided executor is left running. Progress lines go to
    ``progress`` as runs finish (default: printed at once). A failed run does not stop the
    others: its one-line message is in ``failures``. ``inputs`` reuses the digests a caller
    (the book build) has already computed.
    """
    started = time.perf_counter()
    say = progress or _print
    runs = plan(scenarios, stems, path, inputs, how)
    report = SweepReport()
    done_work: dict[str, Run] = {}
    stale = []
    for run in runs:
        if is_fresh(run, out):
            report.reused.append(run)
            done_work.setdefault(run.digest, run)
        else:
            stale.append(run)
    total = len(runs)
    if report.reused:
        say(f"reused {len(report.reused)} of {total} runs whose inputs have not changed")
    # One execution per digest; the other runs with the same digest get its results.
    todo: list[Run] = []
    twins: dict[str, list[Run]] = {}
    for run in stale:
        if run.digest in done_work:
            _copy_run(done_work[run.digest], run, out)
            report.copied.append(run)
        elif run.digest in twins:
            twins[run.digest].append(run)
        else:
            twins[run.digest] = []
            todo.append(run)
    if report.copied:
        say(f"copied {len(report.copied)} runs from runs of the same notebook and parameters")
    if how == "notebooks":  # what the functions refuse, a kernel would refuse seconds later
        todo = [run for run in todo if not _refused(run, twins, report, say)]
    if todo:
        _execute(
            todo,
            twins,
            report,
            executor,
            workers,
            out,
            say,
            done=len(report.reused) + len(report.copied),
            total=total,
            in_process=how == "functions" and workers is None,
        )
    report.seconds = time.perf_counter() - started
    say(
        f"sweep: {len(report.executed)} executed, {len(report.reused)} reused, "
        + (f"{len(report.copied)} copied, " if report.copied else "")
        + f"{len(report.failures)} failed, in {report.seconds:.1f} s"
    )
    return report


def _refused(
    run: Run, twins: dict[str, list[Run]], report: SweepReport, say: Callable[[str], None]
) -> bool:
    """Whether a notebook run's key-figures function fails (then its one line, and its twins',
    are in ``report``): the notebook computes its key figures with that function, so it would
    fail at the same point, after seconds of a kernel's start, imports and charts."""
    try:
        _key_figures(run, f"scenario {run.scenario!r}: notebooks/{run.stem}.ipynb")
    except SweepError as err:
        report.failures.append(str(err))
        say(f"FAILED {run.name}: {err}")
        for twin in twins[run.digest]:
            report.failures.append(_not_run(twin, run))
            say(f"FAILED {twin.name}: {report.failures[-1]}")
        return True
    return False


def _execute(
    todo: list[Run],
    twins: dict[str, list[Run]],
    report: SweepReport,
    executor: Any,
    workers: int | None,
    out: Path,
    say: Callable[[str], None],
    done: int,
    total: int,
    in_process: bool = False,
) -> None:
    """Submit ``todo`` and, as each finishes, copy its results to its twins (or fail them)."""
    own = executor is None
    pool: Executor = (
        InProcess()
        if own and in_process
        else process_pool(min(workers or os.cpu_count() or 1, len(todo)))
        if own
        else as_executor(executor)
    )
    try:
        futures: dict[Future[tuple[Run, float]], Run] = {
            pool.submit(run_one, run, out): run for run in todo
        }
        for future in as_completed(futures):
            run = futures[future]
            done += 1
            try:
                _, seconds = future.result()
            except Exception as err:  # a failed cell, a dead kernel or worker: the others go on
                line = (
                    str(err)
                    if isinstance(err, ComputeRaceError)
                    else (
                        f"scenario {run.scenario!r}: notebooks/{run.stem}.ipynb: "
                        f"{type(err).__name__}: {err}"
                    ).splitlines()[0]
                )
                report.failures.append(line)
                say(f"[{done}/{total}] FAILED {run.name}: {line}")
                for twin in twins[run.digest]:
                    done += 1
                    report.failures.append(_not_run(twin, run))
                    say(f"[{done}/{total}] FAILED {twin.name}: {report.failures[-1]}")
                continue
            report.executed.append(run)
            say(
                f"[{done}/{total}] {'executed' if run.how == 'notebooks' else 'computed'} "
                f"{run.name} in {seconds:.{1 if run.how == 'notebooks' else 3}f} s"
            )
            for twin in twins[run.digest]:
                _copy_run(run, twin, out)
                report.copied.append(twin)
                done += 1
                say(f"[{done}/{total}] copied {run.name} to {twin.name} (same parameters)")
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)


def process_pool(workers: int) -> Executor:
    """A pool of ``workers`` processes (at least one), started fresh ("spawn": no state of
    this process, a kernel's or a test's, leaks into them)."""
    return ProcessPoolExecutor(
        max_workers=max(1, workers), mp_context=multiprocessing.get_context("spawn")
    )


def dask_client(address: str, workers: int | None = None) -> Any:
    """A ``dask.distributed.Client``: of a local cluster of ``workers`` processes (default:
    one per core) for ``"local"``, else of the scheduler at ``address``. The sweep and the
    sensitivity runs take it as their executor."""
    from dask.distributed import Client, LocalCluster

    if address != "local":
        return Client(address)
    # host: on loopback, so a machine without a network (or a default route) works
    cluster = LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,
        dashboard_address=None,
        host="127.0.0.1",
    )
    return Client(cluster)


def _print(line: str) -> None:
    print(line, flush=True)


def quiet(line: str) -> None:
    """A ``progress`` that says nothing."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.build.sweep",
        description="Compute every scenario × chapter's key figures (resumable).",
    )
    parser.add_argument(
        "--scenarios", nargs="+", metavar="NAME", help="default: all in scenarios.yml"
    )
    parser.add_argument("--only", nargs="+", metavar="NOTEBOOK", help="default: every chapter")
    parser.add_argument(
        "--workers", type=int, default=None, help="processes (default: one per core)"
    )
    parser.add_argument("--out", type=Path, default=SWEEP_DIR, help=f"default: {SWEEP_DIR}")
    parser.add_argument("--file", type=Path, default=SCENARIOS_FILE, help="the scenarios file")
    parser.add_argument(
        "--notebooks",
        action="store_true",
        help="execute each run's notebook (papermill) instead of its key-figures function",
    )
    parser.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster (a scheduler address, or 'local' for a local one)",
    )
    args = parser.parse_args(argv)
    how: How = "notebooks" if args.notebooks else "functions"
    try:
        if args.dask:
            with dask_client(args.dask, args.workers) as client:
                report = sweep(
                    args.scenarios,
                    args.only,
                    executor=client,
                    out=args.out,
                    path=args.file,
                    how=how,
                )
        else:
            report = sweep(
                args.scenarios,
                args.only,
                workers=args.workers,
                out=args.out,
                path=args.file,
                how=how,
            )
    except ComputeRaceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for line in report.failures:
        print(f"error: {line}", file=sys.stderr)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
