"""The chart of ``notebooks/check_article.ipynb``: each number of an article against its best
candidate source, on a log scale, coloured by the suggested band."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from helpers.analysis.candidates import BANDS, OFF, UNCHECKABLE, WITHIN, family
from helpers.charts._common import source_title
from helpers.charts.theme import AXIS, CONTEXT, GREEN, INK, RED

BAND_COLOURS = {WITHIN: GREEN, OFF: RED, UNCHECKABLE: CONTEXT}
#: The ratio axis's labels: 0.01 to 1000 as written, larger or smaller powers of ten as 10^n.
RATIO_LABEL = (
    "abs(log(datum.value) / LN10) >= 4 ? '10^' + format(log(datum.value) / LN10, '.0f')"
    " : format(datum.value, '~g')"
)

#: Characters of a number's label on the axis.
LABEL_LIMIT = 260


def ratio_points(drafted: pd.DataFrame) -> pd.DataFrame:
    """The draft's rows that have a ratio to draw: a positive, finite article ÷ source value
    (years and dates, compared by difference, are left out). Adds ``label`` (the number as
    written, with its position in the article) and ``source`` (the candidate's name and what
    it measures)."""
    fams = [family(str(u), 1.0)[0] for u in drafted["unit"]]
    ratio = pd.to_numeric(drafted["ratio"], errors="coerce")
    keep = (
        ratio.gt(0)
        & np.isfinite(ratio)
        & ~pd.Series(fams, index=drafted.index).isin(["year", "date"])
    )
    rows = drafted[keep].copy()
    rows["label"] = [
        f"{i + 1}. «{t}»" for i, t in zip(rows["quantity_index"], rows["text"], strict=True)
    ]
    rows["source"] = rows["name"] + ": " + rows["source_quantity"]
    return rows[["label", "ratio", "band", "why", "sentence", "source", "kind", "source_id"]]


def draft_ratios(drafted: pd.DataFrame, source: str) -> alt.LayerChart:
    """Dots: each number's value over its top candidate's, on a log axis (1 = the source's
    value), coloured by the suggested band; hover for the sentence, the source and why.

    ``drafted`` is :func:`helpers.analysis.candidates.draft`.
    """
    points = ratio_points(drafted)
    order = points["label"].tolist()
    x = alt.X(
        "ratio:Q",
        title="The article's value ÷ the candidate source's (log scale)",
        scale=alt.Scale(type="log"),
        # Powers of ten past four digits as 10^n, so a span of twelve decades stays legible
        axis=alt.Axis(labelExpr=RATIO_LABEL, labelOverlap="greedy"),
    )
    one = (
        alt.Chart(pd.DataFrame({"ratio": [1.0]}))
        .mark_rule(color=AXIS, strokeDash=[4, 3])
        .encode(x=x)
    )
    hover = alt.selection_point(
        fields=["label"], on="pointerover", clear="pointerout", name="number_hover", empty=False
    )
    dots = (
        alt.Chart(points)
        .mark_point(filled=True, size=120)
        .encode(
            x=x,
            y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            color=alt.Color(
                "band:N",
                title=None,
                scale=alt.Scale(domain=list(BANDS), range=[BAND_COLOURS[b] for b in BANDS]),
            ),
            stroke=alt.condition(hover, alt.value(INK), alt.value(None)),
            tooltip=[
                alt.Tooltip("sentence:N", title="Article"),
                alt.Tooltip("source:N", title="Candidate"),
                alt.Tooltip("kind:N", title="Kind"),
                alt.Tooltip("ratio:Q", title="Article ÷ source", format=".4~g"),
                alt.Tooltip("band:N", title="Suggested band"),
                alt.Tooltip("why:N", title="Why"),
            ],
        )
        .add_params(hover)
    )
    left_out = len(drafted) - len(points)
    return alt.layer(one, dots).properties(
        title=source_title(
            "Each number of the article against its best candidate source",
            source,
            f"At 1 the article agrees with the source; {left_out} number(s) without a ratio "
            "(years, dates, no source in their unit) are in the table only. A draft: a person "
            "confirms each verdict.",
        ),
        description="Dot plot on a logarithmic axis of each number of the article divided by the "
        "value of its best candidate source, coloured by the suggested verdict band.",
        height=alt.Step(22),
    )
