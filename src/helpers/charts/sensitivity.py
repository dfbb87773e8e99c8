"""Charts of the chapter "Which assumptions matter". Each returns an Altair chart and neither
displays nor saves it.

Every chart names its source in its subtitle, carries a ``description`` for screen readers and
has tooltips.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import formats
from helpers.analysis.sensitivity import CONFIDENCE
from helpers.charts._common import source_title
from helpers.charts.theme import ACCENT, CONTEXT, HIGHLIGHT

_LEVEL = formats.percent(CONFIDENCE)


def _by_factor() -> alt.Chart:
    """The rows of a figure's panel: one per parameter, in the panel's ``order``."""
    return alt.Chart().encode(
        y=alt.Y(
            "factor:N",
            title=None,
            sort=alt.EncodingSortField("order", order="ascending"),
            axis=alt.Axis(labelLimit=200),
        )
    )


def _per_figure(layer: alt.LayerChart) -> alt.FacetChart:
    """``layer`` drawn once per key figure (``label``), each panel headed by the figure's name
    and listing only its own parameters."""
    return (
        layer.properties(width=440, height=alt.Step(20))
        .facet(
            row=alt.Row(
                "label:N",
                title=None,
                header=alt.Header(
                    labelAngle=0,
                    labelOrient="top",
                    labelAnchor="start",
                    labelAlign="left",
                    labelFontWeight="bold",
                    labelFontSize=12,
                    labelLimit=520,
                ),
            )
        )
        .resolve_scale(y="independent")
    )


def tornado(oat: pd.DataFrame, chapter: str, source: str) -> alt.FacetChart:
    """One-at-a-time ranges: for each key figure a factor moves, one bar per factor from the
    figure's lowest to its highest value over the factor's settings, as a multiple of the
    baseline (log scale; the baseline is the dashed line at one).

    ``oat`` has columns ``label`` (the figure's name), ``factor``, ``low`` and ``high``
    (ratios to the baseline), ``low_setting`` and ``high_setting`` (the settings that give
    them) and ``order`` (the bars' order within a figure, widest first).
    """
    rows = oat.assign(one=1.0)
    low = min(float(rows["low"].min()), 1.0)
    high = max(float(rows["high"].max()), 1.0)
    scale = alt.Scale(type="log", domain=[low / 1.2, high * 1.2])
    base = _by_factor()
    bars = base.mark_bar(color=HIGHLIGHT, height={"band": 0.7}).encode(
        x=alt.X("low:Q", title="Value over the baseline (log scale)", scale=scale),
        x2="high:Q",
        tooltip=[
            alt.Tooltip("label:N", title="Key figure"),
            alt.Tooltip("factor:N", title="Parameter"),
            alt.Tooltip("low_setting:N", title="Lowest at"),
            alt.Tooltip("low:Q", title="Lowest, × baseline", format=".3~g"),
            alt.Tooltip("high_setting:N", title="Highest at"),
            alt.Tooltip("high:Q", title="Highest, × baseline", format=".3~g"),
        ],
    )
    one = base.mark_rule(color=CONTEXT, strokeDash=[4, 3]).encode(x="one:Q")
    return _per_figure(alt.layer(bars, one, data=rows)).properties(
        title=source_title(
            f"{chapter}: each assumption alone, from one end of its range to the other",
            source,
            "Bars span the key figure's lowest to highest value as the parameter moves; "
            "the dashed line is the chapter's default.",
        ),
        description=f"Tornado chart for the chapter {chapter}: for each key figure, one bar "
        "per parameter spanning the figure's value, divided by its default value, from the "
        "parameter's lowest to its highest setting, on a logarithmic axis.",
    )


def indices(sobol: pd.DataFrame, chapter: str, source: str) -> alt.FacetChart:
    """Sobol' indices: for each key figure, each factor's total effect (a bar, with its
    confidence interval at :data:`~helpers.analysis.sensitivity.CONFIDENCE`) and first-order
    effect (a tick).

    ``sobol`` has columns ``label``, ``factor``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf``
    and ``order`` (largest total effect first).
    """
    rows = sobol.assign(
        ST_low=(sobol["ST"] - sobol["ST_conf"]).clip(lower=0),
        ST_high=(sobol["ST"] + sobol["ST_conf"]).clip(upper=1.05),
    )
    scale = alt.Scale(domain=[0, 1.05], clamp=True)
    base = _by_factor()
    tooltip = [
        alt.Tooltip("label:N", title="Key figure"),
        alt.Tooltip("factor:N", title="Parameter"),
        alt.Tooltip("ST:Q", title="Total effect", format=".2f"),
        alt.Tooltip("ST_conf:Q", title=f"± ({_LEVEL})", format=".2f"),
        alt.Tooltip("S1:Q", title="First-order effect", format=".2f"),
        alt.Tooltip("S1_conf:Q", title=f"± ({_LEVEL})", format=".2f"),
    ]
    total = base.mark_bar(color=HIGHLIGHT, opacity=0.85, height={"band": 0.7}).encode(
        x=alt.X("ST:Q", title="Share of the variance (Sobol' index)", scale=scale),
        tooltip=tooltip,
    )
    interval = base.mark_rule(color=CONTEXT, strokeWidth=2).encode(
        x="ST_low:Q", x2="ST_high:Q", tooltip=tooltip
    )
    first = base.mark_tick(color=ACCENT, thickness=3, size=14).encode(x="S1:Q", tooltip=tooltip)
    return _per_figure(alt.layer(total, interval, first, data=rows)).properties(
        title=source_title(
            f"{chapter}: how much of each key figure's uncertainty each assumption explains",
            source,
            f"Bars: total effect, with its {_LEVEL} interval; ticks: first-order effect "
            "(the parameter alone). Of the figure's order of magnitude where it is positive.",
        ),
        description=f"Bar chart for the chapter {chapter}: for each key figure, one bar per "
        "parameter showing its total Sobol' index with a confidence interval, and a tick at "
        "its first-order index.",
    )
