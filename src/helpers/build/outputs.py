"""Re-execute the notebooks in place, so their stored outputs are the reviewed ones.

nbval compares a fresh run with the outputs stored in ``notebooks/*.ipynb``. After a
deliberate change (new data, a fixed formula), run ``make outputs``, read the diff of the
key-figure cells, and commit it: until then the tests fail on the changed figures.

Execution here uses the default parameters and Altair's standard renderer (the one
JupyterLab draws), and records no timings, so a rerun with nothing changed leaves the
files byte-identical. It goes through nbclient rather than :func:`helpers.build.execute.execute`
because the stored notebooks must stay as JupyterLab saves them, without papermill's
injected cell and metadata. "Scenarios compared" reads the sweep's results, and "Which
assumptions matter" the sensitivity runs', so each is brought up to date before its notebook
runs.

The JSON outputs (chart specs) are written as JupyterLab writes them back: a float that is a
whole number without its ``.0`` (JavaScript has one number type). So an analyst who opens a
chapter, runs it with the default parameters and saves it leaves ``git diff`` empty.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import nbclient
import nbformat

from helpers.build.book import sensitivity_size
from helpers.build.execute import BuildError, kernel_manager
from helpers.build.sweep import sweep
from helpers.build.toc import notebooks_in_toc
from helpers.errors import ComputeRaceError
from helpers.params import check_overrides
from helpers.paths import NOTEBOOKS
from helpers.scenarios import COMPARISON, SENSITIVITY


def refresh(stem: str) -> None:
    """Execute ``notebooks/<stem>.ipynb`` and write it back with its new outputs."""
    path = NOTEBOOKS / f"{stem}.ipynb"
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        record_timing=False,
        timeout=600,
        kernel_manager_class=kernel_manager(NOTEBOOKS),
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for mime, value in output.get("data", {}).items():
                if mime.startswith("application/") and mime.endswith("+json"):
                    output["data"][mime] = as_javascript_writes(value)
    nbformat.write(nb, path)


def as_javascript_writes(value: Any) -> Any:
    """``value`` with every whole-number float below 1e21 as an int, as ``JSON.stringify``
    writes it (JupyterLab saves the outputs it holds that way: ``1742.0`` becomes ``1742``)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return int(value)
    if isinstance(value, list):
        return [as_javascript_writes(v) for v in value]
    if isinstance(value, dict):
        return {k: as_javascript_writes(v) for k, v in value.items()}
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.build.outputs", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument(
        "stems", nargs="*", metavar="NOTEBOOK", help="default: every notebook of the book"
    )
    stems = parser.parse_args(argv).stems or notebooks_in_toc()
    try:
        for stem in stems:
            check_overrides(stem, {})  # an unknown notebook stops here, in one line
            if stem == COMPARISON:
                report = sweep()
                if not report.ok:
                    raise BuildError("the sweep failed: " + "; ".join(report.failures))
            if stem == SENSITIVITY:
                from helpers.build.sensitivity import run_all

                run_all(sensitivity_size({}), progress=False)
            refresh(stem)
            print(f"refreshed notebooks/{stem}.ipynb")
    except ComputeRaceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
