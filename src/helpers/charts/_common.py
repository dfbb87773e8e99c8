"""What every chart module shares: the subtitle naming a chart's source, unit scales, and the
reader's controls (sliders, radio buttons) whose range is the one the parameter declares.

A chart's controls read their bounds from :mod:`helpers.params`, so a slider can never offer a
value the notebook would refuse, nor stop short of one it accepts. Each control's Vega
parameter carries the declared parameter's name (``log10_<name>`` for a slider on a log
scale), so a chart's spec says which parameter each control sets.
"""

from __future__ import annotations

import math
import textwrap
import typing
from typing import Any

import altair as alt
import pandas as pd
from pydantic import BaseModel

#: Characters per subtitle line: at the subtitle's 12 px, about the book's text column (690 px).
SUBTITLE_WIDTH = 100
#: FLOP/s in a PFLOP/s.
PFLOPS = 1e15
#: A logarithmic scale with Vega-Lite's default domain.
LOG = alt.Scale(type="log")


def source_subtitle(source: str, *notes: str, width: int = SUBTITLE_WIDTH) -> list[str]:
    """A chart's subtitle: the line naming its source first, then each note, every line
    wrapped at ``width`` characters.

    ``;`` separates several sources (``Sources: a; b.``), and a line breaks between two sources
    rather than inside one wherever a source fits on a line. The source line ends with a full
    stop.
    """
    parts = [p.strip() for p in source.split(";") if p.strip()]
    if not parts:
        raise ValueError("a chart names its source")
    label = "Source" if len(parts) == 1 else "Sources"
    pieces = [f"{label}: {parts[0]}", *parts[1:]]
    pieces = [piece + ";" for piece in pieces[:-1]] + pieces[-1:]
    if not pieces[-1].endswith((".", "?", "!")):
        pieces[-1] += "."
    lines: list[str] = []
    for piece in pieces:
        if lines and len(lines[-1]) + 1 + len(piece) <= width:
            lines[-1] += " " + piece
        else:
            lines += textwrap.wrap(piece, width)
    return lines + [line for note in notes for line in textwrap.wrap(note, width)]


def source_title(text: str, source: str, *notes: str) -> alt.TitleParams:
    """A chart's title ``text`` with its :func:`source_subtitle`."""
    return alt.TitleParams(text, subtitle=source_subtitle(source, *notes))


def filled(rows: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A copy of ``rows`` with "unknown" for the missing values of its text ``columns``."""
    out = rows.copy()
    for col in columns:
        out[col] = out[col].astype("string").fillna("unknown").astype(str)
    return out


def declared_range(model: type[BaseModel], field: str) -> tuple[float, float]:
    """The lowest and highest value ``model`` allows for ``field`` (its ``ge`` and ``le``)."""
    bounds: dict[str, float] = {}
    for meta in model.model_fields[field].metadata:
        for attr in ("ge", "le"):
            value = getattr(meta, attr, None)
            if value is not None:
                bounds[attr] = float(value)
    if set(bounds) != {"ge", "le"}:
        raise ValueError(f"{model.__name__}.{field} declares no closed range (ge and le)")
    return bounds["ge"], bounds["le"]


def declared_choices(model: type[BaseModel], field: str) -> list[Any]:
    """The values ``model`` allows for ``field``, a ``Literal``, in their declared order."""
    annotation = model.model_fields[field].annotation
    if typing.get_origin(annotation) is not typing.Literal:
        raise ValueError(f"{model.__name__}.{field} is not a choice of literals")
    return list(typing.get_args(annotation))


def slider(
    model: type[BaseModel],
    field: str,
    *,
    value: float,
    step: float,
    label: str,
    log10: bool = False,
) -> alt.Parameter:
    """A slider (an Altair parameter bound to a range input) for the parameter ``field`` of
    ``model``, starting at ``value``, from the lowest to the highest value the model allows.

    With ``log10``, the slider moves the parameter's decimal logarithm (its Vega name is
    ``log10_<field>``, and ``value`` is the logarithm too). The step must divide the range,
    or the slider could not reach its end.
    """
    low, high = declared_range(model, field)
    name = field
    if log10:
        low, high, name = math.log10(low), math.log10(high), f"log10_{field}"
    steps = (high - low) / step
    if abs(steps - round(steps)) > 1e-6:
        raise ValueError(f"step {step} does not divide the range {low}–{high} of {field}")
    return alt.param(
        name=name, value=value, bind=alt.binding_range(min=low, max=high, step=step, name=label)
    )


def radio(model: type[BaseModel], field: str, *, value: str, label: str) -> alt.Parameter:
    """Radio buttons (an Altair parameter) for the parameter ``field`` of ``model``, one per
    value its ``Literal`` allows, starting at ``value``."""
    return alt.param(
        name=field,
        value=value,
        bind=alt.binding_radio(options=declared_choices(model, field), name=label),
    )
