"""The one way a notebook is executed, for the book and for the sweep alike.

:func:`execute` checks the parameters against the notebook's contract before a kernel
starts, runs the notebook with papermill in a kernel of its own (:func:`kernel_manager`),
turns a failing cell into a one-line :class:`BuildError`, and drops what would differ
between two runs of one commit (:func:`drop_volatile`).
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from helpers.env import BOOK_VAR, RESULTS_VAR, SCENARIO_VAR
from helpers.errors import ComputeRaceError
from helpers.params import check_overrides
from helpers.paths import NOTEBOOKS


class BuildError(ComputeRaceError):
    """A notebook failed or Sphinx warned: the build stops and the last good book stays."""


def kernel_manager(
    cwd: Path,
    *,
    scenario: str | None = None,
    results: Path | None = None,
    book: bool = False,
    env: Mapping[str, str] | None = None,
) -> type:
    """A kernel manager class whose kernels start in ``cwd`` with this process's environment
    but for the book's own variables: for the book build (``book``), its renderer and the name
    of the ``scenario`` its banner shows; the file to write the key figures to (``results``);
    and any other variables a caller gives the kernel (``env``: ``make check``'s folder).

    The environment goes to the kernel only, never into this process's ``os.environ``,
    so runs in threads (a ThreadPoolExecutor, a Dask worker) cannot see each other's.
    """
    from jupyter_client.manager import AsyncKernelManager

    kernel_env = {
        k: v for k, v in os.environ.items() if k not in (BOOK_VAR, RESULTS_VAR, SCENARIO_VAR)
    }
    if book:
        kernel_env[BOOK_VAR] = "1"
    if scenario is not None:
        kernel_env[SCENARIO_VAR] = scenario
    if results is not None:
        kernel_env[RESULTS_VAR] = str(results)
    kernel_env.update(env or {})

    class _Manager(AsyncKernelManager):
        # AsyncKernelManager's start_kernel is a coroutine, typed by jupyter_client as a plain method.
        async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
            kw["env"] = kernel_env
            kw["cwd"] = str(cwd)
            # The kernel's own stdout and stderr carry only start-up chatter; a failing cell's
            # error comes back through the kernel protocol, not through them.
            kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
            await super().start_kernel(**kw)

    return _Manager


def execute(
    stem: str,
    target: Path,
    parameters: Mapping[str, Any] | None = None,
    *,
    where: str | None = None,
    book: bool = False,
    scenario: str | None = None,
    results: Path | None = None,
    failed: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Path:
    """Execute ``notebooks/<stem>.ipynb`` with ``parameters`` into ``target``; return it.

    ``book`` switches on the book's renderer and its banner naming ``scenario``; ``results``
    is the file the notebook writes its key figures to, which must then exist. A failing cell
    raises :class:`BuildError` as one line starting with ``where`` (default: the notebook's
    path), and the executed notebook is kept at ``failed``, if given, to read. ``env`` adds
    variables to the kernel's environment (:func:`kernel_manager`), never to this process's.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    parameters = dict(parameters or {})
    check_overrides(stem, parameters)
    where = where or f"notebooks/{stem}.ipynb"
    # Parameters are validated strictly above; papermill's own guesses at a parameters cell's
    # comments ("Unable to parse line …") would only be noise in the progress.
    logging.getLogger("papermill").setLevel(logging.ERROR)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        pm.execute_notebook(
            str(NOTEBOOKS / f"{stem}.ipynb"),
            str(target),
            parameters=parameters,
            progress_bar=False,
            kernel_name="python3",
            kernel_manager_class=kernel_manager(
                NOTEBOOKS, scenario=scenario, results=results, book=book, env=env
            ),
        )
    except PapermillExecutionError as err:
        if failed is not None and target.is_file():
            os.replace(target, failed)
        raise BuildError(
            f"{where}: cell {err.exec_count} failed: {err.ename}: {err.evalue}"
        ) from None
    finally:
        _close_thread_loop()
    if results is not None and not results.is_file():
        raise BuildError(
            f"{where}: wrote no key figures (its key-figures cell must call "
            "helpers.page.paste.show_key_figures)"
        )
    drop_volatile(target)
    return target


def drop_volatile(path: Path) -> None:
    """Remove what differs between two runs of one commit: papermill's and Jupyter's execution
    timestamps and the absolute paths of the checkout and the output folder."""
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


def _close_thread_loop() -> None:
    """Close the event loop papermill's client opened for this thread (jupyter_core keeps one
    per thread and never closes it), so that no loop or socket outlives a run in a worker thread."""
    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()
    if not loop.is_running():
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()
