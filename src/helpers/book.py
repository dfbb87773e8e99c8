"""Putting computed values into the prose: every number in the text is glued, never typed.

:func:`paste` formats a value and glues it as Markdown, so ``{glue:md}`name``` in the
prose shows exactly the string computed here (no quotes, no repr).
"""

from __future__ import annotations

import html
import os
from typing import Any

from IPython.display import Markdown
from myst_nb import glue

from helpers.render import BOOK_VAR


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
