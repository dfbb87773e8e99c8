"""Scenarios compared: each chapter's key figures under every scenario, side by side.

The chapter only reads: the book build (or ``make sweep``) runs every scenario × chapter
first and leaves each run's key figures in the sweep folder
(:func:`helpers.scenarios.results_file`). This module reads them (:func:`results`), sets
them against a reference scenario (:func:`compare`) and finds what moves most
(:func:`largest_differences`). Without the sweep's results it stops with one line saying
how to produce them: a kernel never starts a sweep.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from helpers.errors import ComputeRaceError
from helpers.paths import NOTEBOOKS
from helpers.scenarios import BASELINE, SWEEP_DIR, SWEPT, load, results_file

COLUMNS = ["scenario", "notebook", "order", "figure", "unit", "text", "value"]


class SweepResultsMissing(ComputeRaceError):
    """The sweep's results this chapter compares are not there (yet)."""


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


def results(
    scenarios: Iterable[str] | None = None,
    stems: Iterable[str] | None = None,
    out: Path = SWEEP_DIR,
) -> pd.DataFrame:
    """The key figures of every scenario (default: all of ``notebooks/scenarios.yml``) ×
    notebook (default: :data:`~helpers.scenarios.SWEPT`), long, read from the sweep folder.

    Columns: ``scenario``, ``notebook``, ``order`` (row of the chapter's key-figures table),
    ``figure``, ``unit``, ``text`` (as the chapter prints it) and ``value`` (a float, NaN when
    the figure is not a number). Raises :class:`SweepResultsMissing` if any run has not
    finished (its digest, written last, is not there).
    """
    names = list(scenarios) if scenarios is not None else list(load())
    notebooks = list(stems) if stems is not None else list(SWEPT)
    runs = [(name, stem) for name in names for stem in notebooks]
    missing = [
        f"{name}/{stem}" for name, stem in runs if not _finished(results_file(name, stem, out))
    ]
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        raise SweepResultsMissing(
            f"no sweep results for {missing[0]}{more} in {out}: run `make sweep`, "
            "then run this notebook again"
        )
    rows = []
    for name, stem in runs:
        figures = json.loads(results_file(name, stem, out).read_text(encoding="utf-8"))
        for order, figure in enumerate(figures):
            rows.append(
                {
                    "scenario": name,
                    "notebook": stem,
                    "order": order,
                    "figure": figure["figure"],
                    "unit": figure["unit"],
                    "text": figure["value"],
                    "value": parse_number(figure["value"]),
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def _finished(figures: Path) -> bool:
    return figures.is_file() and figures.with_suffix(".digest").is_file()


def compare(long: pd.DataFrame, reference: str = BASELINE) -> pd.DataFrame:
    """Each scenario's figures against ``reference``'s, long.

    One row per scenario (other than the reference), notebook and figure, with the
    reference's ``ref_text``/``ref_value``, the scenario's ``text``/``value``, ``ratio`` =
    value / reference value (NaN where either is not a positive number) and ``changed``
    (whether the printed value differs).
    """
    key = ["notebook", "order", "figure", "unit"]
    ref = long[long["scenario"] == reference][[*key, "text", "value"]].rename(
        columns={"text": "ref_text", "value": "ref_value"}
    )
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
    return (
        moved.sort_values(
            ["distance", "notebook", "order", "scenario"], ascending=[False, True, True, True]
        )
        .head(n)
        .reset_index(drop=True)
    )
