"""Putting computed values into the prose: every number in the text is computed, never typed.

:func:`paste` formats a value and keeps it under a name, so ``{{ name }}`` in a ``%%prose``
cell shows exactly the string computed here (:mod:`helpers.page.prose`). In the book build it is
also glued, so another page can paste it with ``{glue:md}`/notebooks/<stem>.ipynb::name```.
Importing this module makes the ``%%prose`` cell magic available in the kernel.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from IPython.display import Markdown
from myst_nb import glue

from helpers import formats
from helpers.env import RESULTS_VAR, SCENARIO_VAR, in_book
from helpers.page import prose


def paste(name: str, value: Any, unit: str = "", digits: int = 1, prefix: str = "") -> None:
    """Keep ``value`` under ``name`` as Markdown text, for the prose cells below to show.

    Numbers are formatted by :func:`helpers.formats.number`: a value in a base unit (watts,
    FLOP/s, euros) is shown in a multiple of it with ``prefix`` (``"M"`` for megawatts or
    millions, ``"P"`` for PFLOP/s), never divided by hand. A string is text, shown character
    for character: anything in it that Markdown, MyST or HTML could read as markup (a
    ``<script>``, a link, ``__x__``, a role, ``{{ }}``) is escaped
    (:func:`helpers.formats.escape_untrusted`). Only Markup the book's code made from escaped
    parts (:class:`helpers.formats.Markup`: a fact's citation, a table) stays markup, also
    where a string joins several of them.
    """
    text = (
        str(formats.escape_untrusted(value))
        if isinstance(value, str)
        else formats.number(float(value), unit, digits, prefix=prefix)
    )
    prose.VALUES[name] = text
    if in_book():
        glue(name, Markdown(text), display=False)
    prose.complete_pending()


def paste_figure(name: str, chart: Any) -> None:
    """Keep a chart for the ``{glue:figure}`` directive of a prose cell below.

    The chart appears where the prose places it, with its caption: in the book through
    MyST-NB's glue (so it is numbered), elsewhere drawn by the prose cell itself.
    """
    prose.FIGURES[name] = chart
    if in_book():
        glue(name, chart, display=False)
    prose.complete_pending()


def show_key_figures(key_figures: Any) -> None:
    """Print a chapter's key figures (columns figure, value, unit) as the plain table nbval
    checks; when ``COMPUTE_RACE_RESULTS`` names a file, also write them there as JSON.

    It comes after every computation, so it also checks that no text above still waits for
    a value (:func:`helpers.page.prose.check_complete`).
    """
    prose.check_complete()
    print(key_figures.to_string(index=False))
    target = os.environ.get(RESULTS_VAR)
    if target:
        records = [
            {"figure": str(r.figure), "value": str(r.value), "unit": str(r.unit)}
            for r in key_figures.itertuples(index=False)
        ]
        Path(target).write_text(
            json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )


def scenario_banner(params: Any) -> None:
    """In the book, a note naming the scenario this page shows and its parameter values."""
    scenario = os.environ.get(SCENARIO_VAR)
    if not in_book() or not scenario:
        return
    values = ", ".join(formats.code(f"{k} = {v!r}") for k, v in params.model_dump().items())
    prose.show(
        f":::{{note}}\nThis page shows the **{formats.escape_markdown(scenario)}** scenario. "
        f"Its parameters: {values}. See *How to read and rerun this book* to change them.\n:::"
    )


prose.register()
