"""Charts of the EU-access chapter. Each returns an Altair chart and neither displays nor saves it.

Every chart names its source and snapshot date in its subtitle, carries a ``description`` for
screen readers and has tooltips. Two charts carry sliders (Altair params) for the reader's
assumptions: the share of capacity given to start-ups, the utilisation and the cloud price.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.charts._common import PFLOPS, slider, source_title
from helpers.charts.theme import ACCENT, CONTEXT, GREEN, GRID, HIGHLIGHT, PAPER, TEXT, VIOLET
from helpers.params import EuAccess


def programme_timeline(events: pd.DataFrame, source: str) -> alt.Chart:
    """A dot timeline: one row per event (title on the axis), coloured by strand.

    ``events`` has ``date``, ``title``, ``description``, ``strand`` and ``source_title``.
    """
    rows = events[["date", "title", "description", "strand", "source_title"]].copy()
    rows["day"] = rows["date"].dt.strftime("%d %b %Y")
    order = rows.sort_values(["date", "title"])["title"].tolist()
    strands = sorted(rows["strand"].unique())
    palette = [HIGHLIGHT, ACCENT, GREEN, VIOLET, CONTEXT][: len(strands)]
    return (
        alt.Chart(rows)
        .mark_circle(size=140, opacity=0.9)
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
            y=alt.Y("title:N", sort=order, title=None, axis=alt.Axis(labelLimit=380)),
            color=alt.Color("strand:N", title=None, scale=alt.Scale(domain=strands, range=palette)),
            tooltip=[
                alt.Tooltip("day:N", title="Date"),
                alt.Tooltip("title:N", title="Event"),
                alt.Tooltip("description:N", title="What happened"),
                alt.Tooltip("source_title:N", title="Source"),
            ],
        )
        .properties(
            title=source_title("From a speech to AI Factories: the programme over time", source),
            description="Timeline with one row per event from September 2022 to November 2025: "
            "the access programme, the AI Factory selections, InvestAI and the exascale systems.",
            width=380,
            height=alt.Step(22),
        )
    )


def factories_tile_map(tiles: pd.DataFrame, source: str) -> alt.LayerChart:
    """A tile-grid map of Europe: one square per country, coloured by its first AI Factory wave."""
    domain = ["Wave 1", "Wave 2", "Wave 3", "EU, no AI Factory", "Outside the EU"]
    colours = [HIGHLIGHT, ACCENT, GREEN, GRID, PAPER]
    base = alt.Chart(tiles).encode(
        x=alt.X("col:O", axis=None, scale=alt.Scale(paddingInner=0.08)),
        y=alt.Y("row:O", axis=None, scale=alt.Scale(paddingInner=0.08)),
        tooltip=[
            alt.Tooltip("country:N", title="Country"),
            alt.Tooltip("factories:Q", title="AI Factories"),
            alt.Tooltip("status:N", title="First selected"),
            alt.Tooltip("names:N", title="Factories"),
            alt.Tooltip("hosts:N", title="Hosts"),
            alt.Tooltip("systems:N", title="Supercomputer"),
        ],
    )
    squares = base.mark_rect(stroke=CONTEXT, strokeWidth=0.5).encode(
        color=alt.Color("status:N", title=None, scale=alt.Scale(domain=domain, range=colours))
    )
    labels = base.mark_text(dy=-7, fontWeight="bold", fontSize=13).encode(
        text="code:N",
        color=alt.condition("datum.factories > 0", alt.value("white"), alt.value(TEXT)),
    )
    counts = (
        base.transform_filter("datum.factories > 0")
        .mark_text(dy=9, fontSize=11, color="white")
        .encode(text="factories:Q")
    )
    return (squares + labels + counts).properties(
        title=source_title(
            "Where the AI Factories are",
            source,
            "One square per country (schematic map); the number is the country's AI Factories.",
        ),
        description="Tile-grid map of Europe with one square per country, coloured by the wave in "
        "which the country's first AI Factory was selected; grey squares host none.",
        width=440,
        height=380,
    )


def top_five_chart(top5: pd.DataFrame, claimed: int, source: str) -> alt.LayerChart:
    """Bars: the June 2023 TOP500 top five by Rmax, EU systems in the accent colour."""
    rows = top5.copy()
    rows["rmax_pflops"] = rows["rmax_flops"] / PFLOPS
    rows["where"] = rows["eu"].map({True: "EU (EuroHPC)", False: "Outside the EU"})
    rows["label"] = rows["rank"].astype(str) + ". " + rows["system"]
    bars = (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=rows["label"].tolist(), title=None),
            x=alt.X("rmax_pflops:Q", title="HPL Rmax (PFLOP/s, FP64)"),
            color=alt.Color(
                "where:N",
                title=None,
                scale=alt.Scale(domain=["EU (EuroHPC)", "Outside the EU"], range=[ACCENT, CONTEXT]),
            ),
            tooltip=[
                alt.Tooltip("rank:Q", title="Rank"),
                alt.Tooltip("system:N", title="System"),
                alt.Tooltip("country:N", title="Country"),
                alt.Tooltip("rmax_pflops:Q", title="Rmax (PFLOP/s)", format=",.2f"),
            ],
        )
    )
    text = bars.mark_text(align="left", dx=4, color=TEXT).encode(
        text=alt.Text("rmax_pflops:Q", format=",.0f"), color=alt.value(TEXT)
    )
    actual = int(rows["eu"].sum())
    return (bars + text).properties(
        title=source_title(
            f"The boast: {claimed} of the world's top five. The list: {actual}.",
            source,
            "TOP500, June 2023 (the list in force at the State of the Union).",
        ),
        description=f"Bar chart of the five fastest supercomputers on the June 2023 TOP500 list; "
        f"{actual} of them are EU systems, against {claimed} claimed.",
        width=460,
    )


def capacity_bars(systems: pd.DataFrame, share: float, source: str) -> alt.Chart:
    """Horizontal bars: GPU-hours a year each system gives start-ups at ``share``."""
    rows = systems[
        [
            "system",
            "country",
            "chip",
            "chips",
            "count_source",
            "peak_flops_per_chip",
            "gpu_hours_year",
            "startup_gpu_hours_year",
            "in_service",
        ]
    ].copy()
    rows["peak_tflops"] = rows["peak_flops_per_chip"] / 1e12
    return (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            y=alt.Y("system:N", sort="-x", title=None),
            x=alt.X(
                "startup_gpu_hours_year:Q",
                title=f"GPU-hours a year for start-ups ({share:.0%} of the total)",
                axis=alt.Axis(format="~s"),
            ),
            color=alt.Color(
                "in_service:N",
                title="In service",
                scale=alt.Scale(domain=["since 2022–23", "since 2025"], range=[HIGHLIGHT, ACCENT]),
            ),
            tooltip=[
                alt.Tooltip("system:N", title="System"),
                alt.Tooltip("country:N", title="Country"),
                alt.Tooltip("chip:N", title="Accelerator"),
                alt.Tooltip("chips:Q", title="Accelerators", format=",.0f"),
                alt.Tooltip("count_source:N", title="Count from"),
                alt.Tooltip("peak_tflops:Q", title="16-bit peak per chip (TFLOP/s)", format=",.1f"),
                alt.Tooltip("gpu_hours_year:Q", title="All GPU-hours a year", format=",.0f"),
                alt.Tooltip("startup_gpu_hours_year:Q", title="For start-ups", format=",.0f"),
            ],
        )
        .properties(
            title=source_title("What EuroHPC's GPU systems could give start-ups in a year", source),
            description=f"Bar chart of GPU-hours a year per EuroHPC GPU system if {share:.0%} of its "
            "hours went to AI start-ups.",
            width=460,
        )
    )


def runs_per_year_chart(
    models: pd.DataFrame, full_peak_flop_year: float, share: float, utilisation: float, source: str
) -> alt.LayerChart:
    """Bars (log scale): training runs a year of each model, with sliders for share and MFU.

    ``full_peak_flop_year`` is the systems' 16-bit peak over a whole year (FLOP), so that
    runs = full × share × utilisation / training compute, computed in the browser.
    """
    rows = models[["model", "organization", "publication_date", "training_flop", "method"]].copy()
    rows["published"] = rows["publication_date"].dt.strftime("%b %Y")
    rows["full"] = full_peak_flop_year
    share_p = slider(
        EuAccess, "share_startups", value=share, step=0.01, label="Share for start-ups "
    )
    utilisation_p = slider(
        EuAccess, "utilisation", value=utilisation, step=0.01, label="Utilisation (MFU) "
    )
    base = (
        alt.Chart(rows)
        .transform_calculate(
            runs=f"datum.full * {share_p.name} * {utilisation_p.name} / datum.training_flop"
        )
        .encode(
            y=alt.Y(
                "model:N",
                sort=alt.EncodingSortField("training_flop", order="ascending"),
                title=None,
            ),
        )
    )
    bars = base.mark_bar(color=HIGHLIGHT).encode(
        x=alt.X(
            "runs:Q",
            title="Training runs a year (log scale)",
            scale=alt.Scale(type="log", domain=[0.1, 10000]),
            axis=alt.Axis(format="~g"),
        ),
        tooltip=[
            alt.Tooltip("model:N", title="Model"),
            alt.Tooltip("organization:N", title="Developer"),
            alt.Tooltip("published:N", title="Published"),
            alt.Tooltip("training_flop:Q", title="Training compute (FLOP)", format=".3~e"),
            alt.Tooltip("method:N", title="Compute from"),
            alt.Tooltip("runs:Q", title="Runs a year", format=",.1f"),
        ],
    )
    text = base.mark_text(align="left", dx=4, color=TEXT).encode(
        x="runs:Q", text=alt.Text("runs:Q", format=",.1f")
    )
    one = (
        alt.Chart(pd.DataFrame({"x": [1.0]}))
        .mark_rule(color=ACCENT, strokeDash=[4, 3])
        .encode(x="x:Q")
    )
    return (
        (bars + text + one)
        .add_params(share_p, utilisation_p)
        .properties(
            title=source_title(
                "How many training runs a year fit in the start-ups' share",
                source,
                "Move the sliders: share of the systems' hours, and the fraction of peak "
                "a run achieves.",
            ),
            description="Bar chart on a log scale of how many training runs of each reference model fit "
            "in a year of the EuroHPC GPU systems' share for start-ups; sliders set the share and the "
            "utilisation; a dashed line marks one run a year.",
            width=440,
        )
    )


def cloud_cost_chart(
    models: pd.DataFrame, price: float, budget_usd: float, budget_label: str, source: str
) -> alt.LayerChart:
    """Bars (log scale): cloud cost of one run of each model, with a price slider and a budget rule."""
    rows = models[["model", "organization", "h100_gpu_hours", "training_flop"]].copy()
    price_p = slider(
        EuAccess, "price_usd_per_gpu_hour", value=price, step=0.1, label="USD per GPU-hour "
    )
    base = (
        alt.Chart(rows)
        .transform_calculate(cost=f"datum.h100_gpu_hours * {price_p.name}")
        .encode(
            y=alt.Y(
                "model:N",
                sort=alt.EncodingSortField("training_flop", order="ascending"),
                title=None,
            )
        )
    )
    bars = base.mark_bar(color=HIGHLIGHT).encode(
        x=alt.X(
            "cost:Q",
            title="Cloud cost of one training run (USD, log scale)",
            scale=alt.Scale(type="log", domain=[1e5, 1e9]),
            axis=alt.Axis(format="$~s"),
        ),
        tooltip=[
            alt.Tooltip("model:N", title="Model"),
            alt.Tooltip("organization:N", title="Developer"),
            alt.Tooltip("h100_gpu_hours:Q", title="H100 GPU-hours", format=",.0f"),
            alt.Tooltip("cost:Q", title="Cost (USD)", format="$,.0f"),
        ],
    )
    text = base.mark_text(align="left", dx=4, color=TEXT).encode(
        x="cost:Q", text=alt.Text("cost:Q", format="$.3~s")
    )
    rule_data = pd.DataFrame({"x": [budget_usd], "label": [budget_label]})
    rule = (
        alt.Chart(rule_data)
        .mark_rule(color=ACCENT, strokeWidth=2)
        .encode(
            x="x:Q",
            tooltip=[
                alt.Tooltip("label:N", title="Reference"),
                alt.Tooltip("x:Q", title="USD", format="$,.0f"),
            ],
        )
    )
    rule_text = (
        alt.Chart(rule_data)
        .mark_text(align="right", dx=-4, dy=-6, color=ACCENT, y=0, baseline="top")
        .encode(x="x:Q", text="label:N")
    )
    return (
        (bars + text + rule + rule_text)
        .add_params(price_p)
        .properties(
            title=source_title(
                "What one training run would cost in a public cloud",
                source,
                "Move the slider to set the price of an H100 GPU-hour.",
            ),
            description="Bar chart on a log scale of the cloud cost of one training run of each reference "
            f"model at a price per GPU-hour set by a slider; a line marks {budget_label}.",
            width=440,
        )
    )
