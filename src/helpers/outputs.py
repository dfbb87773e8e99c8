"""Re-execute the notebooks in place, so their stored outputs are the reviewed ones.

nbval compares a fresh run with the outputs stored in ``notebooks/*.ipynb``. After a
deliberate change (new data, a fixed formula), run ``make outputs``, read the diff of the
key-figure cells, and commit it: until then the tests fail on the changed figures.

Execution here uses the default parameters and Altair's standard renderer (the one
JupyterLab draws), and records no timings, so a rerun with nothing changed leaves the
files byte-identical.

The JSON outputs (chart specs) are written as JupyterLab writes them back: a float that is a
whole number without its ``.0`` (JavaScript has one number type). So an analyst who opens a
chapter, runs it with the default parameters and saves it leaves ``git diff`` empty.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import nbclient
import nbformat

from helpers.build import notebooks_in_toc
from helpers.paths import NOTEBOOKS
from helpers.env import BOOK_VAR


def refresh(stem: str) -> None:
    """Execute ``notebooks/<stem>.ipynb`` and write it back with its new outputs."""
    path = NOTEBOOKS / f"{stem}.ipynb"
    nb = nbformat.read(path, as_version=4)
    os.environ.pop(BOOK_VAR, None)
    client = nbclient.NotebookClient(
        nb, kernel_name="python3", record_timing=False, timeout=600,
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


def main() -> int:
    stems = sys.argv[1:] or notebooks_in_toc()
    for stem in stems:
        refresh(stem)
        print(f"refreshed notebooks/{stem}.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main())
