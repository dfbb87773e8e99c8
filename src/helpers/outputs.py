"""Re-execute the notebooks in place, so their stored outputs are the reviewed ones.

nbval compares a fresh run with the outputs stored in ``notebooks/*.ipynb``. After a
deliberate change (new data, a fixed formula), run ``make outputs``, read the diff of the
key-figure cells, and commit it: until then the tests fail on the changed figures.

Execution here uses the default parameters and Altair's standard renderer (the one
JupyterLab draws), and records no timings, so a rerun with nothing changed leaves the
files byte-identical.
"""

from __future__ import annotations

import os
import sys

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
    nbformat.write(nb, path)


def main() -> int:
    stems = sys.argv[1:] or notebooks_in_toc()
    for stem in stems:
        refresh(stem)
        print(f"refreshed notebooks/{stem}.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main())
