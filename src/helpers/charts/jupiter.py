"""Charts of the JUPITER chapter. Each returns an ``alt.Chart`` and neither displays nor saves it.

Every chart carries its source and the data's snapshot date in its subtitle, and a
``description`` for screen readers. Interactivity is in the chart (tooltips, selection),
so it works the same in the book and in JupyterLab.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.render import ACCENT, CONTEXT, HIGHLIGHT

PFLOPS = 1e15
MW = 1e6


def top500_rmax_vs_power(
    top500: pd.DataFrame, subject: str, highlight_continent: str, top_n: int, source: str
) -> alt.LayerChart:
    """Rmax against power (log–log) for the list's top ``top_n`` systems that report power.

    ``subject`` is labelled; systems on ``highlight_continent`` are coloured. Axes in
    PFLOP/s (FP64 HPL) and MW.
    """
    rows = top500[(top500["rank"] <= top_n) & top500["power_w"].notna()].copy()
    rows["rmax_pflops"] = rows["rmax_flops"] / PFLOPS
    rows["power_mw"] = rows["power_w"] / MW
    rows["gflops_per_w"] = rows["efficiency_flops_per_w"] / 1e9
    rows["group"] = rows["continent"].where(rows["continent"] == highlight_continent, "Rest of world")
    rows = rows[["rank", "name", "country", "continent", "accelerator", "rmax_pflops", "power_mw",
                 "gflops_per_w", "group"]]

    base = alt.Chart(rows).encode(
        x=alt.X("power_mw:Q", scale=alt.Scale(type="log"), title="Power during HPL (MW, log scale)"),
        y=alt.Y("rmax_pflops:Q", scale=alt.Scale(type="log"),
                title="HPL Rmax (PFLOP/s, FP64, log scale)"),
    )
    points = base.mark_circle(size=70, opacity=0.8, stroke="white", strokeWidth=0.5).encode(
        color=alt.Color("group:N", title=None,
                        scale=alt.Scale(domain=[highlight_continent, "Rest of world"],
                                        range=[HIGHLIGHT, CONTEXT])),
        tooltip=[
            alt.Tooltip("rank:Q", title="TOP500 rank"),
            alt.Tooltip("name:N", title="System"),
            alt.Tooltip("country:N", title="Country"),
            alt.Tooltip("accelerator:N", title="Accelerator"),
            alt.Tooltip("rmax_pflops:Q", title="Rmax (PFLOP/s)", format=",.1f"),
            alt.Tooltip("power_mw:Q", title="Power (MW)", format=",.2f"),
            alt.Tooltip("gflops_per_w:Q", title="GFLOP/s per W", format=",.1f"),
        ],
    )
    focus = rows[rows["name"] == subject]
    ring = alt.Chart(focus).mark_point(size=260, color=ACCENT, strokeWidth=2.5).encode(
        x="power_mw:Q", y="rmax_pflops:Q")
    label = alt.Chart(focus).mark_text(align="left", dx=12, dy=-6, fontWeight="bold",
                                       color=ACCENT).encode(
        x="power_mw:Q", y="rmax_pflops:Q", text="name:N")
    return (points + ring + label).properties(
        title=alt.TitleParams(
            f"Performance against power, TOP500 top {top_n} (systems reporting power)",
            subtitle=[f"Source: {source}."],
        ),
        description=(
            f"Scatter plot, log scales: HPL Rmax in PFLOP/s against power in MW for the systems "
            f"ranked 1 to {top_n} that report power; {highlight_continent} highlighted; "
            f"{subject} labelled."
        ),
        width=560,
        height=360,
    )


def clusters_h100e(clusters: pd.DataFrame, subject: str, source: str) -> alt.Chart:
    """Horizontal bars: the largest AI clusters in H100-equivalents, ``subject`` in the accent."""
    rows = clusters[["rank", "name", "country", "sector", "chip", "chips", "h100e"]].copy()
    rows["is_subject"] = rows["name"] == subject
    return (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            y=alt.Y("name:N", sort=alt.EncodingSortField("h100e", order="descending"), title=None,
                    axis=alt.Axis(labelLimit=320)),
            x=alt.X("h100e:Q", title="H100-equivalents (Epoch AI's unit)", axis=alt.Axis(format="~s")),
            color=alt.condition(alt.datum.is_subject, alt.value(ACCENT), alt.value(CONTEXT)),
            tooltip=[
                alt.Tooltip("rank:Q", title="Rank"),
                alt.Tooltip("name:N", title="Cluster"),
                alt.Tooltip("country:N", title="Country"),
                alt.Tooltip("sector:N", title="Sector"),
                alt.Tooltip("chip:N", title="Chip"),
                alt.Tooltip("chips:Q", title="Chips", format=",.0f"),
                alt.Tooltip("h100e:Q", title="H100-equivalents", format=",.0f"),
            ],
        )
        .properties(
            title=alt.TitleParams("The largest existing AI clusters", subtitle=[f"Source: {source}."]),
            description=f"Bar chart of the largest existing single AI clusters in H100-equivalents; "
            f"{subject} highlighted.",
            width=520,
        )
    )
