"""The sensitivity runs: every chapter's key figures over Saltelli's (and Morris's) sample, in
resumable chunks, on any executor; then the indices, written for the chapter to read.

``python -m helpers.build.sensitivity --n 1024`` (``make sensitivity N=1024``) evaluates, for
every chapter of :data:`helpers.analysis.keyfigures.CHAPTERS`, the sample of
:func:`helpers.analysis.sensitivity.sobol_sample` (``n × (factors + 2)`` points) and, for a
chapter with :data:`MORRIS_FROM` factors or more, Morris's sample too. The points are cut into
chunks of :data:`CHUNK` rows; each chunk's key figures are computed by
:func:`helpers.analysis.sensitivity.evaluate` on an executor (this process by default; a
process pool with ``--workers``; a Dask cluster with ``--dask``) and saved as soon as it is
done, so an interrupted run resumes with the chunks it lacks. A progress bar counts chunks.
Then the one-at-a-time table, the Sobol' and Morris indices and the figures' ranges are written
to ``<out>/<stem>.json`` (:func:`helpers.analysis.sensitivity.write_results`), which the
chapter "Which assumptions matter" reads; it never starts a run itself.

The chunks of a run live in ``<out>/<stem>/<digest>/``; the digest covers the chapter's
inputs (its notebook, the helpers, the data: :meth:`helpers.build.digest.Inputs.digest`), the
sample size and the seed, so chunks computed from other inputs are never mixed in.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, as_completed
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from helpers.analysis import sensitivity as sa
from helpers.analysis.keyfigures import CHAPTERS
from helpers.build.digest import Inputs
from helpers.build.sweep import InProcess, as_executor, dask_client, process_pool
from helpers.errors import ComputeRaceError

#: Rows of the sample per chunk: a few seconds of work, so a chunk is the unit of progress
#: and of resumption without its overhead (pickling, a file) showing.
CHUNK = 2048
#: A chapter with this many factors or more gets Morris's screening besides Sobol' indices.
MORRIS_FROM = 8
#: Morris trajectories (each ``factors + 1`` points).
MORRIS_TRAJECTORIES = 64


class SensitivityError(ComputeRaceError):
    """A sensitivity run failed; the message names the chapter."""


def run_digest(stem: str, n: int, seed: int, inputs: Inputs | None = None) -> str:
    """What a run's chunks depend on: the chapter's inputs (notebook, helpers, data), the
    factors' declarations, the sample size and the seed."""
    spec = {
        "inputs": (inputs or Inputs()).digest(stem, {}),
        "factors": [vars(f) | {"choices": [repr(c) for c in f.choices]} for f in sa.factors(stem)],
        "n": n,
        "seed": seed,
        "chunk": CHUNK,
        "morris": MORRIS_TRAJECTORIES,
    }
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()


def _chunks(points: np.ndarray) -> list[tuple[int, np.ndarray]]:
    return [
        (i, points[start : start + CHUNK]) for i, start in enumerate(range(0, len(points), CHUNK))
    ]


def _save(path: Path, values: np.ndarray) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp.npy")
    np.save(tmp, values)
    os.replace(tmp, path)


def evaluate_sample(
    stem: str,
    points: np.ndarray,
    folder: Path,
    executor: Executor,
    progress: bool,
    what: str,
) -> np.ndarray:
    """The key figures at every row of ``points``: chunks already in ``folder`` are read, the
    others computed on ``executor`` and saved as each finishes."""
    folder.mkdir(parents=True, exist_ok=True)
    chunks = _chunks(points)
    results: dict[int, np.ndarray] = {}
    todo = []
    for i, chunk in chunks:
        path = folder / f"{what}-{i:05d}.npy"
        if path.is_file():
            values = np.load(path)
            if values.shape[0] == len(chunk):
                results[i] = values
                continue
        todo.append((i, chunk))
    bar = tqdm(
        total=len(chunks),
        initial=len(results),
        desc=f"{stem} {what}",
        unit="chunk",
        disable=not progress,
        file=sys.stderr,
    )
    try:
        futures: dict[Future[np.ndarray], int] = {
            executor.submit(sa.evaluate, stem, chunk): i for i, chunk in todo
        }
        for future in as_completed(futures):
            i = futures[future]
            try:
                values = future.result()
            except (ComputeRaceError, KeyError, ValueError) as err:
                raise SensitivityError(
                    f"{stem}: sensitivity chunk {i} failed: {type(err).__name__}: {err}".splitlines()[
                        0
                    ]
                ) from None
            _save(folder / f"{what}-{i:05d}.npy", values)
            results[i] = values
            bar.update(1)
    finally:
        bar.close()
    return np.concatenate([results[i] for i, _ in chunks])


def run(
    stem: str,
    n: int,
    *,
    seed: int = sa.SEED,
    executor: Any = None,
    workers: int | None = None,
    out: Path = sa.RESULTS_DIR,
    progress: bool = True,
    inputs: Inputs | None = None,
) -> Path:
    """Run chapter ``stem``'s sensitivity analysis with base sample ``n``; return the results
    file. ``executor`` is any :class:`concurrent.futures.Executor` or a
    ``dask.distributed.Client``; without one, this process computes (or a process pool of
    ``workers``)."""
    started = time.perf_counter()
    digest = run_digest(stem, n, seed, inputs)
    folder = out / stem / digest[:16]
    own = executor is None
    pool: Executor = (
        (InProcess() if workers is None else process_pool(workers))
        if own
        else as_executor(executor)
    )
    try:
        points = sa.sobol_sample(stem, n, seed)
        outputs = evaluate_sample(stem, points, folder, pool, progress, "sobol")
        morris = None
        if len(sa.factors(stem)) >= MORRIS_FROM:
            m_points = sa.morris_sample(stem, MORRIS_TRAJECTORIES, seed)
            m_outputs = evaluate_sample(stem, m_points, folder, pool, progress, "morris")
            morris = (m_points, m_outputs)
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
    path = sa.write_results(
        stem,
        n=n,
        seed=seed,
        digest=digest,
        points=points,
        outputs=outputs,
        morris=morris,
        seconds=time.perf_counter() - started,
        out=out,
    )
    # Chunks of runs from other inputs or sizes are of no further use.
    for other in (out / stem).iterdir():
        if other.is_dir() and other.name != digest[:16]:
            shutil.rmtree(other, ignore_errors=True)
    return path


def run_all(
    n: int,
    stems: Iterable[str] | None = None,
    *,
    executor: Any = None,
    workers: int | None = None,
    out: Path = sa.RESULTS_DIR,
    progress: bool = True,
    say: Callable[[str], None] = print,
) -> list[Path]:
    """:func:`run` for every chapter (default: all of :data:`CHAPTERS`), skipping those whose
    results are already there for these inputs, this ``n`` and this seed."""
    inputs = Inputs()
    paths = []
    todo = []
    for stem in stems or CHAPTERS:
        digest = run_digest(stem, n, sa.SEED, inputs)
        current = sa.results_path(stem, out)
        if current.is_file() and json.loads(current.read_text("utf-8")).get("digest") == digest:
            say(f"sensitivity: {stem} is up to date (n = {n})")
            paths.append(current)
        else:
            todo.append(stem)
    if not todo:
        return paths
    # One pool for every chapter: its processes start once and keep each chapter's inputs.
    own = executor is None and workers is not None
    pool = process_pool(workers) if own and workers is not None else executor
    try:
        for stem in todo:
            t0 = time.perf_counter()
            paths.append(run(stem, n, executor=pool, out=out, progress=progress, inputs=inputs))
            say(f"sensitivity: {stem}, n = {n}, in {time.perf_counter() - t0:.1f} s")
    finally:
        if own and pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.build.sensitivity",
        description="Sobol' (and Morris) sensitivity of every chapter's key figures (resumable).",
    )
    parser.add_argument(
        "--n",
        type=int,
        default=sa.BOOK_N,
        help=f"Sobol' base sample, a power of two (default: the book's, {sa.BOOK_N})",
    )
    parser.add_argument("--only", nargs="+", metavar="CHAPTER", help="default: every chapter")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: this one)")
    parser.add_argument(
        "--out", type=Path, default=sa.RESULTS_DIR, help=f"default: {sa.RESULTS_DIR}"
    )
    parser.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster (a scheduler address, or 'local' for a local one)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.only or []) - set(CHAPTERS))
    if unknown:
        print(
            f"error: no key figures for {', '.join(unknown)}: the chapters are {', '.join(CHAPTERS)}",
            file=sys.stderr,
        )
        return 1
    try:
        if args.dask:
            with dask_client(args.dask, args.workers) as client:
                run_all(args.n, args.only, executor=client, out=args.out, progress=not args.quiet)
        else:
            run_all(args.n, args.only, workers=args.workers, out=args.out, progress=not args.quiet)
    except (ComputeRaceError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
