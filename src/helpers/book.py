"""Putting computed values into the prose: every number in the text is glued, never typed.

:func:`paste` formats a value and glues it as Markdown, so ``{glue:md}`name``` in the
prose shows exactly the string computed here (no quotes, no repr).
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

from IPython.display import Markdown
from myst_nb import glue

from helpers.env import BOOK_VAR, RESULTS_VAR, SCENARIO_VAR


def fmt(value: float, unit: str = "", digits: int = 1) -> str:
    """Format ``value`` with thousands separators and ``digits`` decimals, then the unit."""
    text = f"{value:,.{digits}f}"
    return f"{text} {unit}".strip() if unit else text


def paste(name: str, value: Any, unit: str = "", digits: int = 1) -> None:
    """Glue ``value`` under ``name`` as Markdown text (shown only where the prose pastes it).

    Numbers are formatted by :func:`fmt`. Strings are glued with HTML escaped, so an article
    that contains markup (even a ``<script>``) is shown as text and never executed; Markdown
    links in citations still work.
    """
    text = html.escape(value, quote=False) if isinstance(value, str) else fmt(float(value), unit, digits)
    glue(name, Markdown(text), display=False)


def paste_figure(name: str, chart: Any) -> None:
    """Glue a chart for a ``{glue:figure}`` directive.

    In the book the chart appears only where the figure directive places it, with its
    caption; in JupyterLab it is also shown under the cell, so an analyst sees it at once.
    """
    glue(name, chart, display=os.environ.get(BOOK_VAR) != "1")


def show_key_figures(key_figures: Any) -> None:
    """Print a chapter's key figures (columns figure, value, unit) as the plain table nbval
    checks; when ``COMPUTE_RACE_RESULTS`` names a file, also write them there as JSON."""
    print(key_figures.to_string(index=False))
    target = os.environ.get(RESULTS_VAR)
    if target:
        records = [
            {"figure": str(r.figure), "value": str(r.value), "unit": str(r.unit)}
            for r in key_figures.itertuples(index=False)
        ]
        Path(target).write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def scenario_banner(params: Any) -> Markdown | None:
    """In the book, a note naming the scenario this page shows and its parameter values."""
    scenario = os.environ.get(SCENARIO_VAR)
    if os.environ.get(BOOK_VAR) != "1" or not scenario:
        return None
    values = ", ".join(f"`{k} = {v!r}`" for k, v in params.model_dump().items())
    return Markdown(
        f":::{{note}}\nThis page shows the **{html.escape(scenario)}** scenario. "
        f"Its parameters: {values}. See *How to read and rerun this book* to change them.\n:::"
    )
