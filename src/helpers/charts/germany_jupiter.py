"""Charts of the JUPITER chapter. Each returns an ``alt.Chart`` and neither displays nor saves it.

Every chart carries its source and the data's snapshot date in its subtitle, and a
``description`` for screen readers. Interactivity is in the chart (tooltips, selection),
so it works the same in the book and in JupyterLab.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.analysis.compute import SECONDS_PER_DAY
from helpers.charts._common import LOG, PFLOPS, slider, source_subtitle
from helpers.charts.theme import ACCENT, CONTEXT, GREEN, HIGHLIGHT, INK
from helpers.params import GermanyJupiter

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
    rows["group"] = rows["continent"].where(
        rows["continent"] == highlight_continent, "Rest of world"
    )
    rows = rows[
        [
            "rank",
            "name",
            "country",
            "continent",
            "accelerator",
            "rmax_pflops",
            "power_mw",
            "gflops_per_w",
            "group",
        ]
    ]

    base = alt.Chart(rows).encode(
        x=alt.X("power_mw:Q", scale=LOG, title="Power during HPL (MW, log scale)"),
        y=alt.Y("rmax_pflops:Q", scale=LOG, title="HPL Rmax (PFLOP/s, FP64, log scale)"),
    )
    points = base.mark_circle(size=70, opacity=0.8, stroke="white", strokeWidth=0.5).encode(
        color=alt.Color(
            "group:N",
            title=None,
            scale=alt.Scale(
                domain=[highlight_continent, "Rest of world"], range=[HIGHLIGHT, CONTEXT]
            ),
        ),
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
    ring = (
        alt.Chart(focus)
        .mark_point(size=260, color=ACCENT, strokeWidth=2.5)
        .encode(x="power_mw:Q", y="rmax_pflops:Q")
    )
    label = (
        alt.Chart(focus)
        .mark_text(align="left", dx=12, dy=-6, fontWeight="bold", color=ACCENT)
        .encode(x="power_mw:Q", y="rmax_pflops:Q", text="name:N")
    )
    return (points + ring + label).properties(
        title=alt.TitleParams(
            f"Performance against power, TOP500 top {top_n} (systems reporting power)",
            subtitle=source_subtitle(source),
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
            y=alt.Y(
                "name:N",
                sort=alt.EncodingSortField("h100e", order="descending"),
                title=None,
                axis=alt.Axis(labelLimit=320),
            ),
            x=alt.X(
                "h100e:Q", title="H100-equivalents (Epoch AI's unit)", axis=alt.Axis(format="~s")
            ),
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
            title=alt.TitleParams(
                "The largest existing AI clusters", subtitle=source_subtitle(source)
            ),
            description=f"Bar chart of the largest existing single AI clusters in H100-equivalents; "
            f"{subject} highlighted.",
            width=380,
        )
    )


def funding_split(shares: pd.DataFrame, source: str) -> alt.Chart:
    """Horizontal stacked bar of who pays a budget: columns ``payer`` and ``eur``."""
    rows = shares.assign(meur=shares["eur"] / 1e6, share=shares["eur"] / shares["eur"].sum())
    return (
        alt.Chart(rows)
        .mark_bar(height=42)
        .encode(
            x=alt.X("meur:Q", stack="zero", title="Million euros"),
            color=alt.Color(
                "payer:N",
                title=None,
                sort=list(rows["payer"]),
                legend=alt.Legend(labelLimit=300, columns=1),
                scale=alt.Scale(range=[HIGHLIGHT, ACCENT, GREEN]),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("payer:N", title="Payer"),
                alt.Tooltip("meur:Q", title="Million euros", format=",.0f"),
                alt.Tooltip("share:Q", title="Share", format=".0%"),
            ],
        )
        .transform_calculate(
            order="indexof(['EuroHPC Joint Undertaking', 'Federal research ministry (BMBF)', 'North Rhine-Westphalia (MKW)'], datum.payer)"
        )
        .properties(
            title=alt.TitleParams("Who pays for JUPITER", subtitle=source_subtitle(source)),
            description="Stacked bar of JUPITER's budget by payer: the EuroHPC Joint Undertaking, "
            "the federal research ministry and North Rhine-Westphalia.",
            width=560,
            height=70,
        )
    )


def cost_per_pflops(costs: pd.DataFrame, subject: str, source: str) -> alt.LayerChart:
    """Cost per PFLOP/s of HPL with its range (where sources disagree), one row per system."""
    rows = costs.dropna(subset=["eur_per_pflops"])
    rows = pd.DataFrame(
        {
            "system": rows["system"],
            "covers": rows["covers"],
            "rmax_pflops": rows["rmax_pflops"],
            "cost_meur": rows["cost_eur"] / 1e6,
            "meur_per_pflops": rows["eur_per_pflops"] / 1e6,
            "meur_per_pflops_low": rows["eur_per_pflops_low"] / 1e6,
            "meur_per_pflops_high": rows["eur_per_pflops_high"] / 1e6,
            "is_subject": rows["system"] == subject,
        }
    )
    order = list(rows.sort_values("meur_per_pflops")["system"])
    y = alt.Y("system:N", sort=order, title=None)
    tooltip = [
        alt.Tooltip("system:N", title="System"),
        alt.Tooltip("cost_meur:Q", title="Cost (M EUR)", format=",.0f"),
        alt.Tooltip("covers:N", title="What the cost covers"),
        alt.Tooltip("rmax_pflops:Q", title="HPL Rmax (PFLOP/s)", format=",.1f"),
        alt.Tooltip("meur_per_pflops:Q", title="M EUR per PFLOP/s", format=",.2f"),
        alt.Tooltip("meur_per_pflops_low:Q", title="low", format=",.2f"),
        alt.Tooltip("meur_per_pflops_high:Q", title="high", format=",.2f"),
    ]
    color = alt.condition(alt.datum.is_subject, alt.value(ACCENT), alt.value(HIGHLIGHT))
    rule = (
        alt.Chart(rows)
        .mark_rule(strokeWidth=3, opacity=0.5)
        .encode(
            y=y,
            x=alt.X("meur_per_pflops_low:Q", title="Million euros per PFLOP/s of HPL"),
            x2="meur_per_pflops_high:Q",
            color=color,
            tooltip=tooltip,
        )
    )
    point = (
        alt.Chart(rows)
        .mark_point(filled=True, size=110)
        .encode(y=y, x="meur_per_pflops:Q", color=color, tooltip=tooltip)
    )
    return (rule + point).properties(
        title=alt.TitleParams("What a PFLOP/s of HPL cost", subtitle=source_subtitle(source)),
        description="Dot plot of each system's cost in million euros per PFLOP/s of HPL Rmax, "
        "with a line for the range where sources disagree; JUPITER highlighted.",
        width=520,
    )


def precision_ladder(
    peaks: pd.DataFrame, measured: pd.DataFrame, claim_flops: float, claim_label: str, source: str
) -> alt.LayerChart:
    """Bars (log scale) of a machine's peak by precision and mode, measured HPL results as
    ticks, and a claimed "AI performance" as a vertical rule."""
    bars_data = peaks.assign(
        label=peaks["precision"] + " " + peaks["mode"], eflops=peaks["flops"] / 1e18
    )
    measured = measured.assign(eflops=measured["flops"] / 1e18)
    order = list(bars_data.sort_values("eflops")["label"])
    y = alt.Y("label:N", sort=order, title=None)
    x = alt.X("eflops:Q", scale=LOG, title="Exaflop/s (log scale)")
    bars = (
        alt.Chart(bars_data)
        .mark_circle(size=170, opacity=1)
        .encode(
            y=y,
            x=x,
            color=alt.Color(
                "mode:N",
                title="Peak",
                scale=alt.Scale(domain=["dense", "sparse"], range=[HIGHLIGHT, CONTEXT]),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Precision"),
                alt.Tooltip("eflops:Q", title="Exaflop/s", format=",.2f"),
            ],
        )
    )
    ticks = (
        alt.Chart(measured)
        .mark_point(shape="diamond", size=160, filled=True, color=ACCENT)
        .encode(
            y=alt.Y("label:N", sort=order),
            x=x,
            tooltip=[
                alt.Tooltip("what:N", title="Measured"),
                alt.Tooltip("eflops:Q", title="Exaflop/s", format=",.3f"),
            ],
        )
    )
    claim = (
        alt.Chart(pd.DataFrame({"eflops": [claim_flops / 1e18], "what": [claim_label]}))
        .mark_rule(color=ACCENT, strokeDash=[6, 4], strokeWidth=2)
        .encode(
            x="eflops:Q",
            tooltip=[
                alt.Tooltip("what:N", title="Claim"),
                alt.Tooltip("eflops:Q", title="Exaflop/s", format=",.0f"),
            ],
        )
    )
    return (bars + ticks + claim).properties(
        title=alt.TitleParams("One machine, many exaflops", subtitle=source_subtitle(source)),
        description="Bar chart on a log scale of JUPITER's peak throughput in FP64, BF16 and FP8, "
        "dense and sparse; diamonds mark measured HPL results; a dashed line marks the "
        "'AI exaflops' claim.",
        width=520,
    )


def training_days_slider(
    runs: pd.DataFrame, peak_flops: float, default_utilisation: float, source: str
) -> alt.LayerChart:
    """Days to train each reference run on a machine of ``peak_flops`` (the share used),
    as a function of the utilisation the reader sets with a slider.

    ``runs`` has columns ``run`` and ``flop`` (training compute, FLOP).
    """
    utilisation = slider(
        GermanyJupiter,
        "utilisation",
        value=default_utilisation,
        step=0.01,
        label="Utilisation (MFU) ",
    )
    base = (
        alt.Chart(runs)
        .transform_calculate(
            days=f"datum.flop / ({peak_flops!r} * {utilisation.name}) / {SECONDS_PER_DAY!r}"
        )
        .encode(
            y=alt.Y(
                "run:N",
                sort=alt.EncodingSortField("flop", order="ascending"),
                title=None,
                axis=alt.Axis(labelLimit=320),
            ),
        )
    )
    dots = base.mark_circle(color=HIGHLIGHT, size=160, opacity=1).encode(
        x=alt.X("days:Q", scale=LOG, title="Days of training (log scale)"),
        tooltip=[
            alt.Tooltip("run:N", title="Run"),
            alt.Tooltip("flop:Q", title="Training compute (FLOP)", format=".2e"),
            alt.Tooltip("days:Q", title="Days", format=",.2f"),
        ],
    )
    labels = base.mark_text(align="right", dx=-10, color=INK).encode(
        x="days:Q", text=alt.Text("days:Q", format=",.2~f")
    )
    return (
        (dots + labels)
        .add_params(utilisation)
        .properties(
            title=alt.TitleParams("How long JUPITER would take", subtitle=source_subtitle(source)),
            description="Bar chart on a log scale of the days JUPITER would need to train each "
            "reference model; a slider sets the utilisation.",
            width=520,
        )
    )


def country_shares(
    shares: pd.DataFrame, subject_country: str, source: str, top: int = 12
) -> alt.Chart:
    """Bars: each country's share of a continent's summed Rmax (``share``), largest first.

    ``shares`` comes from :func:`helpers.analysis.germany_jupiter.share_by` (columns country, systems,
    rmax_flops, best_rank, share, share_of_list).
    """
    rows = shares.head(top).assign(
        rmax_pflops=lambda d: d["rmax_flops"] / PFLOPS,
        is_subject=lambda d: d["country"] == subject_country,
    )[["country", "systems", "best_rank", "rmax_pflops", "share", "share_of_list", "is_subject"]]
    return (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            y=alt.Y("country:N", sort="-x", title=None),
            x=alt.X(
                "share:Q", axis=alt.Axis(format="%"), title="Share of Europe's summed HPL Rmax"
            ),
            color=alt.condition(alt.datum.is_subject, alt.value(ACCENT), alt.value(HIGHLIGHT)),
            tooltip=[
                alt.Tooltip("country:N", title="Country"),
                alt.Tooltip("systems:Q", title="Systems on the list"),
                alt.Tooltip("best_rank:Q", title="Best rank"),
                alt.Tooltip("rmax_pflops:Q", title="Summed Rmax (PFLOP/s)", format=",.1f"),
                alt.Tooltip("share:Q", title="Share of Europe", format=".1%"),
                alt.Tooltip("share_of_list:Q", title="Share of the whole list", format=".1%"),
            ],
        )
        .properties(
            title=alt.TitleParams(
                "Europe's TOP500 performance by country", subtitle=source_subtitle(source)
            ),
            description=f"Bar chart of the {top} European countries with the largest share of "
            f"Europe's summed HPL performance on the TOP500 list; {subject_country} highlighted.",
            width=420,
        )
    )
