"""Charts of the "Scenarios compared" chapter. Each returns an Altair chart and neither displays
nor saves it.

Every chart names its source and snapshot date in its subtitle, carries a ``description`` for
screen readers and has tooltips.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.charts._common import source_title
from helpers.charts.theme import ACCENT, CONTEXT, GREEN, HIGHLIGHT, OCHRE, TEAL, VIOLET

#: Colours of the scenarios the book ships; any other scenario gets the theme's next colours.
SCENARIO_COLOURS = {"pessimistic": ACCENT, "optimistic": HIGHLIGHT}


def ratio_dots(compared: pd.DataFrame, reference: str, source: str) -> alt.LayerChart:
    """A dot plot: each changed key figure's value under each scenario over the reference's.

    ``compared`` is :func:`helpers.analysis.scenarios_compared.compare` restricted to the rows to draw, with a
    ``label`` column (the figure's name on the axis) and a ``chapter`` column (its chapter). The x axis is logarithmic, so halving and doubling
    lie equally far from the reference line at 1.
    """
    rows = compared[["label", "chapter", "scenario", "ratio", "text", "ref_text", "unit"]].copy()
    order = compared.drop_duplicates("label")["label"].tolist()
    names = sorted(rows["scenario"].unique())
    palette = [
        SCENARIO_COLOURS.get(n, c)
        for n, c in zip(names, [GREEN, VIOLET, OCHRE, TEAL] * 4, strict=False)
    ]
    low = min(float(rows["ratio"].min()), 1.0)
    high = max(float(rows["ratio"].max()), 1.0)
    domain = [low / 1.3, high * 1.3]
    dots = (
        alt.Chart(rows)
        .mark_point(filled=True, size=110, opacity=0.9)
        .encode(
            x=alt.X(
                "ratio:Q",
                title=f"Value over the {reference} scenario's (log scale)",
                scale=alt.Scale(type="log", domain=domain),
                axis=alt.Axis(format="~g"),
            ),
            y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=420)),
            color=alt.Color(
                "scenario:N", title="Scenario", scale=alt.Scale(domain=names, range=palette)
            ),
            shape=alt.Shape("scenario:N", title="Scenario", scale=alt.Scale(domain=names)),
            tooltip=[
                alt.Tooltip("label:N", title="Key figure"),
                alt.Tooltip("chapter:N", title="Chapter"),
                alt.Tooltip("scenario:N", title="Scenario"),
                alt.Tooltip("text:N", title="Value"),
                alt.Tooltip("ref_text:N", title=reference.capitalize()),
                alt.Tooltip("unit:N", title="Unit"),
                alt.Tooltip("ratio:Q", title="Ratio", format=".3~g"),
            ],
        )
    )
    one = (
        alt.Chart(pd.DataFrame({"ratio": [1.0]}))
        .mark_rule(color=CONTEXT, strokeDash=[4, 3])
        .encode(x="ratio:Q")
    )
    return (one + dots).properties(
        title=source_title(
            f"What each scenario changes, relative to {reference}",
            source,
            f"Only the key figures a scenario moves; the dashed line is the {reference} value.",
        ),
        description=f"Dot plot with one row per key figure that a scenario changes and one dot per "
        f"scenario, placed at the figure's value divided by its value in the {reference} scenario, "
        "on a logarithmic axis with a dashed line at one.",
        width=420,
        height=alt.Step(24),
    )
