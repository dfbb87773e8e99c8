"""Charts of the China chapter. Each returns an Altair chart and neither displays nor saves it.

Every chart names its source and the data's snapshot date in its subtitle, carries a
``description`` for screen readers and has tooltips. Colours: the accent for the chapter's
subject (China, or the chips a rule catches), the highlight for the comparison, grey for context.

Why this module is over 500 lines: it holds the chapter's six charts, one function each, and a
chapter's charts live in one module named after it; the export-control chart alone (two linked
panels, the rule's lines and their labels) is a third of it.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from helpers.analysis.china_gpus import Rule
from helpers.charts._common import LOG, slider, source_title
from helpers.charts.theme import ACCENT, AXIS, CONTEXT, HIGHLIGHT, TEXT
from helpers.params import ChinaGpus

GB = 1e9
STATUS_COLOURS = {"controlled": ACCENT, "not controlled": HIGHLIGHT, "undetermined": CONTEXT}


def _status_scale() -> alt.Scale:
    return alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values()))


def short_name(chip: str) -> str:
    """A chip's name without its maker's prefix, for labels ("NVIDIA H100 SXM5 80GB" -> "H100 SXM5 80GB")."""
    for prefix in ("NVIDIA GeForce ", "NVIDIA HGX ", "NVIDIA ", "Huawei "):
        if chip.startswith(prefix):
            return chip[len(prefix) :]
    return chip


def _controlled_shade(regions: pd.DataFrame, x_scale: alt.Scale, y_scale: alt.Scale) -> alt.Chart:
    """The rectangles of a rule's controlled region (columns x, x2, y, y2, label), lightly shaded."""
    return (
        alt.Chart(regions)
        .mark_rect(color=ACCENT, opacity=0.1)
        .encode(
            x=alt.X("x:Q", scale=x_scale),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=y_scale),
            y2="y2:Q",
            tooltip=[alt.Tooltip("label:N", title="Controlled region")],
        )
    )


def _merged_labels(rows: pd.DataFrame, x: str, y: str) -> pd.DataFrame:
    """One label per position: chips drawn on the same point share a label ("H100 / H800")."""
    # Points within about 2 % of each other on both (log) axes are one position.
    keyed = rows.assign(
        _kx=np.log10(rows[x].astype(float)).round(2),
        _ky=np.log10(rows[y].astype(float)).round(2),
        short=rows["chip"].map(short_name),
    )
    return keyed.groupby(["_kx", "_ky"], as_index=False).agg(
        **{x: (x, "first"), y: (y, "first"), "label": ("short", " / ".join)}
    )


def tpp_density(table: pd.DataFrame, rule: Rule, source: str) -> alt.VConcatChart:
    """TPP against performance density (log–log) with ``rule``'s controlled region shaded.

    ``table`` is :func:`helpers.analysis.china_gpus.chip_table`'s output. Chips without a density
    (no die size anywhere) are drawn on a strip below, against TPP alone, so that none is dropped.
    """
    status_col = f"status_{rule.name}"
    rows = table.copy()
    rows["status"] = rows[status_col]
    rows["interconnect_gb_s"] = rows["interconnect_bytes_per_s"] / GB
    rows["release"] = rows["release_date"].dt.strftime("%Y-%m-%d").fillna("unknown")
    rows = rows[
        [
            "chip",
            "manufacturer",
            "release",
            "tpp",
            "die_mm2",
            "density",
            "density_source",
            "interconnect_gb_s",
            "interconnect_source",
            "status",
            "missing",
        ]
    ]
    placed = rows[rows["density"].notna()]
    unplaced = rows[rows["density"].isna()]
    x_max = float(rows["tpp"].max()) * 2
    x_min = min(float(rows["tpp"].min()) / 2, 500.0)
    y_max = float(placed["density"].max()) * 2 if len(placed) else 100.0
    y_min = min(float(placed["density"].min()) / 2, 1.0) if len(placed) else 0.5
    x_scale = alt.Scale(type="log", domain=[x_min, x_max])
    y_scale = alt.Scale(type="log", domain=[y_min, y_max])

    if rule.density is not None and rule.tpp_with_density is not None:
        regions = pd.DataFrame(
            [
                {
                    "x": rule.tpp,
                    "x2": x_max,
                    "y": y_min,
                    "y2": y_max,
                    "label": f"TPP ≥ {rule.tpp:,.0f}",
                },
                {
                    "x": rule.tpp_with_density,
                    "x2": rule.tpp,
                    "y": rule.density,
                    "y2": y_max,
                    "label": f"TPP ≥ {rule.tpp_with_density:,.0f} and density ≥ {rule.density:g}",
                },
            ]
        )
        rule_text = (
            f"{rule.name} rule: controlled if TPP ≥ {rule.tpp:,.0f}, or TPP ≥ "
            f"{rule.tpp_with_density:,.0f} and density ≥ {rule.density:g}"
        )
    else:
        gbs = (rule.interconnect_bytes_per_s or 0) / GB
        regions = pd.DataFrame(
            [
                {
                    "x": rule.tpp,
                    "x2": x_max,
                    "y": y_min,
                    "y2": y_max,
                    "label": f"TPP ≥ {rule.tpp:,.0f} (controlled only with I/O ≥ {gbs:,.0f} GB/s)",
                },
            ]
        )
        rule_text = (
            f"{rule.name} rule: controlled if TPP ≥ {rule.tpp:,.0f} and chip-to-chip "
            f"I/O ≥ {gbs:,.0f} GB/s (density plays no part)"
        )
    shade = _controlled_shade(regions, x_scale, y_scale)

    tooltip = [
        alt.Tooltip("chip:N", title="Chip"),
        alt.Tooltip("manufacturer:N", title="Maker"),
        alt.Tooltip("release:N", title="Released"),
        alt.Tooltip("tpp:Q", title="TPP", format=",.0f"),
        alt.Tooltip("die_mm2:Q", title="Die (mm²)", format=",.0f"),
        alt.Tooltip("density:Q", title="Performance density", format=",.2f"),
        alt.Tooltip("density_source:N", title="Density from"),
        alt.Tooltip("interconnect_gb_s:Q", title="Chip-to-chip I/O (GB/s)", format=",.0f"),
        alt.Tooltip("status:N", title=f"Under the {rule.name} rule"),
        alt.Tooltip("missing:N", title="Missing in Epoch"),
    ]
    colour = alt.Color("status:N", title=f"Under the {rule.name} rule", scale=_status_scale())
    points = (
        alt.Chart(placed)
        .mark_circle(size=110, opacity=0.9, stroke="white", strokeWidth=0.8)
        .encode(
            x=alt.X("tpp:Q", scale=x_scale, title="Total processing performance (TPP, log scale)"),
            y=alt.Y(
                "density:Q", scale=y_scale, title="Performance density (TPP per mm², log scale)"
            ),
            color=colour,
            tooltip=tooltip,
        )
    )
    labels = (
        alt.Chart(_merged_labels(placed, "tpp", "density"))
        .mark_text(align="left", dx=8, dy=-6, fontSize=11, color=TEXT)
        .encode(
            x=alt.X("tpp:Q", scale=x_scale), y=alt.Y("density:Q", scale=y_scale), text="label:N"
        )
    )
    main = (shade + points + labels).properties(width=560, height=340)

    # Chips with no density, one row each, placed by TPP alone. Above the upper TPP threshold the
    # density does not matter (2023) or the region is the same (2022), so that band is shaded.
    unplaced = unplaced.assign(short=unplaced["chip"].map(short_name))
    strip_shade = (
        alt.Chart(pd.DataFrame([{"x": rule.tpp, "x2": x_max}]))
        .mark_rect(color=ACCENT, opacity=0.1)
        .encode(x=alt.X("x:Q", scale=x_scale), x2="x2:Q")
    )
    strip = (
        alt.Chart(unplaced)
        .mark_circle(size=90, opacity=0.9)
        .encode(
            x=alt.X(
                "tpp:Q", scale=x_scale, title="TPP of the chips with no known density (log scale)"
            ),
            y=alt.Y("short:N", title=None, sort=alt.EncodingSortField("tpp", order="descending")),
            color=alt.Color("status:N", scale=_status_scale(), legend=None),
            tooltip=tooltip,
        )
    )
    lower = (strip_shade + strip).properties(width=560, height=18 * max(len(unplaced), 1))

    return alt.vconcat(main, lower, spacing=10).properties(
        title=source_title(
            f"Which chips the {rule.name} export rule catches", source, rule_text + "."
        ),
        description=(
            f"Scatter plot, log scales: total processing performance against performance "
            f"density for {len(placed)} accelerators, coloured by their status under the "
            f"{rule.name} US export rule, with the controlled region shaded; below, "
            f"{len(unplaced)} chips whose die size is unknown, placed by TPP alone."
        ),
    )


def interconnect(
    table: pd.DataFrame, rule: Rule, source: str, labelled: list[str] | None = None
) -> alt.LayerChart:
    """The 2022 rule's plane: TPP against chip-to-chip bandwidth (GB/s), its thresholds drawn.

    Only chips with a known bandwidth (Epoch's or a sourced fact's) can be placed; ``labelled``
    names the chips written on the chart (all by default; the others have tooltips).
    """
    if rule.interconnect_bytes_per_s is None:
        raise ValueError("the interconnect chart needs the 2022 rule")
    rows = table[table["interconnect_bytes_per_s"].notna()].copy()
    rows["interconnect_gb_s"] = rows["interconnect_bytes_per_s"] / GB
    rows = rows[
        ["chip", "tpp", "interconnect_gb_s", "interconnect_source", "status_2022", "status_2023"]
    ]
    threshold_gb = rule.interconnect_bytes_per_s / GB
    x_max = float(rows["tpp"].max()) * 2
    y_max = max(float(rows["interconnect_gb_s"].max()), threshold_gb) * 1.25
    x_scale = alt.Scale(type="log", domain=[1000, x_max])
    y_scale = alt.Scale(domain=[0, y_max])
    region = pd.DataFrame(
        [
            {
                "x": rule.tpp,
                "x2": x_max,
                "y": threshold_gb,
                "y2": y_max,
                "label": f"2022: TPP ≥ {rule.tpp:,.0f} and I/O ≥ {threshold_gb:,.0f} GB/s",
            }
        ]
    )
    shade = _controlled_shade(region, x_scale, y_scale)
    vline = (
        alt.Chart(pd.DataFrame([{"x": rule.tpp}]))
        .mark_rule(color=ACCENT, strokeDash=[4, 3])
        .encode(x=alt.X("x:Q", scale=x_scale))
    )
    hline = (
        alt.Chart(pd.DataFrame([{"y": threshold_gb}]))
        .mark_rule(color=ACCENT, strokeDash=[4, 3])
        .encode(y=alt.Y("y:Q", scale=y_scale))
    )
    points = (
        alt.Chart(rows)
        .mark_circle(size=120, opacity=0.9, stroke="white", strokeWidth=0.8)
        .encode(
            x=alt.X("tpp:Q", scale=x_scale, title="Total processing performance (TPP, log scale)"),
            y=alt.Y("interconnect_gb_s:Q", scale=y_scale, title="Chip-to-chip bandwidth (GB/s)"),
            color=alt.Color("status_2022:N", title="Under the 2022 rule", scale=_status_scale()),
            tooltip=[
                alt.Tooltip("chip:N", title="Chip"),
                alt.Tooltip("tpp:Q", title="TPP", format=",.0f"),
                alt.Tooltip("interconnect_gb_s:Q", title="Chip-to-chip I/O (GB/s)", format=",.0f"),
                alt.Tooltip("interconnect_source:N", title="Bandwidth from"),
                alt.Tooltip("status_2022:N", title="2022 rule"),
                alt.Tooltip("status_2023:N", title="2023 rule"),
            ],
        )
    )
    named = rows if labelled is None else rows[rows["chip"].isin(labelled)]
    labels = (
        alt.Chart(_merged_labels(named, "tpp", "interconnect_gb_s"))
        .mark_text(align="left", dx=9, dy=-7, fontSize=11, color=TEXT)
        .encode(
            x=alt.X("tpp:Q", scale=x_scale),
            y=alt.Y("interconnect_gb_s:Q", scale=y_scale),
            text="label:N",
        )
    )
    return (shade + vline + hline + points + labels).properties(
        title=source_title(
            "The interconnect trick: under the 2022 line by cutting chip-to-chip bandwidth", source
        ),
        description=(
            f"Scatter plot: TPP (log scale) against chip-to-chip bandwidth in GB/s for "
            f"{len(rows)} chips with a known bandwidth; the 2022 rule's controlled region "
            f"(TPP ≥ {rule.tpp:,.0f} and at least {threshold_gb:,.0f} GB/s) shaded; colour "
            "gives the 2022 status, the tooltip both."
        ),
        width=560,
        height=340,
    )


def total_vs_active(
    models: pd.DataFrame, source: str, labelled: list[str] | None = None
) -> alt.LayerChart:
    """Total against active parameters (log–log), the dense diagonal drawn.

    ``models`` has ``model``, ``total``, ``active`` (parameters), ``kind`` and ``basis`` (where
    the active count comes from). ``labelled`` names the models written on the chart.
    """
    rows = models.copy()
    lo = float(rows[["total", "active"]].min().min()) / 2
    hi = float(rows[["total", "active"]].max().max()) * 2
    scale = alt.Scale(type="log", domain=[lo, hi])
    decades = [10.0**k for k in range(16) if lo <= 10.0**k <= hi]
    axis = alt.Axis(
        values=decades,
        labelExpr="replace(replace(format(datum.value, '~s'), 'G', ' B'), 'T', ' T')",
    )
    diagonal = (
        alt.Chart(pd.DataFrame({"v": [lo, hi]}))
        .mark_line(color=CONTEXT, strokeDash=[5, 4])
        .encode(x=alt.X("v:Q", scale=scale), y=alt.Y("v:Q", scale=scale))
    )
    diag_label = (
        alt.Chart(pd.DataFrame({"v": [hi / 4], "t": ["dense: every parameter active"]}))
        .mark_text(angle=0, align="right", dy=-8, color=AXIS, fontSize=11)
        .encode(x=alt.X("v:Q", scale=scale), y=alt.Y("v:Q", scale=scale), text="t:N")
    )
    points = (
        alt.Chart(rows)
        .mark_circle(size=110, opacity=0.9, stroke="white", strokeWidth=0.8)
        .encode(
            x=alt.X(
                "total:Q",
                scale=scale,
                title="Total parameters (log scale; B = billion, T = trillion)",
                axis=axis,
            ),
            y=alt.Y(
                "active:Q", scale=scale, title="Parameters active per token (log scale)", axis=axis
            ),
            color=alt.Color(
                "kind:N",
                title=None,
                scale=alt.Scale(
                    domain=["dense", "mixture of experts", "speculative (Epoch)"],
                    range=[HIGHLIGHT, ACCENT, CONTEXT],
                ),
            ),
            tooltip=[
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("total:Q", title="Total parameters", format=",.3s"),
                alt.Tooltip("active:Q", title="Active parameters", format=",.3s"),
                alt.Tooltip("saving:Q", title="Compute saved per token (×)", format=",.1f"),
                alt.Tooltip("basis:N", title="Active count from"),
            ],
        )
    )
    named = rows if labelled is None else rows[rows["model"].isin(labelled)]
    labels = (
        alt.Chart(named)
        .mark_text(align="left", dx=8, dy=-6, fontSize=11, color=TEXT)
        .encode(x=alt.X("total:Q", scale=scale), y=alt.Y("active:Q", scale=scale), text="model:N")
    )
    return (diagonal + diag_label + points + labels).properties(
        title=source_title("Sparse models: large in total, small per token", source),
        description=(
            f"Scatter plot, log scales: total against active parameters for {len(rows)} "
            "Chinese models; points on the dashed diagonal are dense, points below it are "
            "mixtures of experts that use a fraction of their parameters per token."
        ),
        width=560,
        height=360,
    )


def memory_vs_servers(
    needs: pd.DataFrame, servers: pd.DataFrame, overhead: float, source: str
) -> alt.LayerChart:
    """GLM-130B's memory need per precision against single servers, with an overhead slider.

    ``needs`` has ``precision`` and ``weights_gb``; ``servers`` has ``server`` and
    ``capacity_gb``. The reader's overhead factor multiplies the weights (inference only).
    """
    overhead_p = slider(
        ChinaGpus,
        "memory_overhead",
        value=overhead,
        step=0.05,
        label="Overhead (× weights, activations and KV cache) ",
    )
    order = list(needs["precision"])
    bars = (
        alt.Chart(needs)
        .mark_bar(color=ACCENT, opacity=0.85, size=46)
        .transform_calculate(need_gb=f"datum.weights_gb * {overhead_p.name}")
        .encode(
            x=alt.X(
                "precision:N", sort=order, title="Weights stored at", axis=alt.Axis(labelAngle=0)
            ),
            y=alt.Y("need_gb:Q", title="Memory needed to serve the model (GB)"),
            tooltip=[
                alt.Tooltip("precision:N", title="Precision"),
                alt.Tooltip("weights_gb:Q", title="Weights alone (GB)", format=",.0f"),
                alt.Tooltip("need_gb:Q", title="With overhead (GB)", format=",.0f"),
            ],
        )
        .add_params(overhead_p)
    )
    lines = (
        alt.Chart(servers)
        .mark_rule(strokeDash=[6, 4], strokeWidth=1.5, color=HIGHLIGHT)
        .encode(
            y="capacity_gb:Q",
            tooltip=[
                alt.Tooltip("server:N", title="Server"),
                alt.Tooltip("capacity_gb:Q", title="GPU memory (GB)", format=",.0f"),
            ],
        )
    )
    names = (
        alt.Chart(servers)
        .mark_text(align="right", dx=-4, dy=-5, fontSize=11, color=HIGHLIGHT)
        # at the plot's right edge, whatever its width (a phone draws it narrower)
        .encode(y="capacity_gb:Q", x=alt.value("width"), text="server:N")
    )
    return (bars + lines + names).properties(
        title=source_title("Does GLM-130B fit on one server? (inference)", source),
        description=(
            "Bar chart: memory needed to serve GLM-130B with its weights at FP16, INT8 and "
            "INT4, times an overhead factor the reader sets with a slider; dashed lines "
            "mark the GPU memory of single servers."
        ),
        width=560,
        height=340,
    )


def compute_stock(owners: pd.DataFrame, source: str) -> alt.LayerChart:
    """Cumulative NVIDIA compute owned (H100-equivalents) per owner over time, China in the
    accent with its 5–95 % band, the US hyperscalers in grey with theirs."""
    rows = owners[["owner", "end_date", "h100e", "h100e_p5", "h100e_p95"]].copy()
    rows["is_china"] = rows["owner"] == "China"
    owners_order = ["China", *sorted(o for o in rows["owner"].unique() if o != "China")]
    colours = [ACCENT] + [CONTEXT] * (len(owners_order) - 1)
    colour = alt.Color(
        "owner:N", title=None, scale=alt.Scale(domain=owners_order, range=colours), legend=None
    )
    base = alt.Chart(rows).encode(
        x=alt.X(
            "end_date:T", title="End of quarter", axis=alt.Axis(format="%b %Y", tickCount="year")
        )
    )
    band = base.mark_area(opacity=0.15).encode(
        y=alt.Y(
            "h100e_p5:Q",
            title="NVIDIA compute owned, cumulative since 2022 (H100-equivalents)",
            axis=alt.Axis(format="~s"),
        ),
        y2="h100e_p95:Q",
        color=colour,
    )
    line = base.mark_line(strokeWidth=2).encode(
        y="h100e:Q",
        color=colour,
        strokeWidth=alt.condition(alt.datum.is_china, alt.value(3.5), alt.value(1.5)),
        tooltip=[
            alt.Tooltip("owner:N", title="Owner"),
            alt.Tooltip("end_date:T", title="Quarter ending", format="%Y-%m-%d"),
            alt.Tooltip("h100e:Q", title="H100e (median)", format=",.0f"),
            alt.Tooltip("h100e_p5:Q", title="5th percentile", format=",.0f"),
            alt.Tooltip("h100e_p95:Q", title="95th percentile", format=",.0f"),
        ],
    )
    last = rows.sort_values("end_date").groupby("owner").tail(1)
    labels = (
        alt.Chart(last)
        .mark_text(align="left", dx=6, fontSize=11)
        .encode(x="end_date:T", y="h100e:Q", text="owner:N", color=colour)
    )
    return (band + line + labels).properties(
        title=source_title("China's NVIDIA compute against US hyperscalers", source),
        description=(
            "Line chart with 5–95 % bands: Epoch AI's estimates of cumulative NVIDIA compute "
            "owned since 2022, in H100-equivalents, for China and five US companies, by quarter."
        ),
        width=520,
        height=340,
    )


def models_compute(models: pd.DataFrame, source: str) -> alt.Chart:
    """Training compute of Chinese and US models over time (log scale), with a legend that
    filters the chart when clicked."""
    rows = models[
        ["model", "organization", "publication_date", "training_flop", "confidence", "group"]
    ].copy()
    pick = alt.selection_point(fields=["group"], bind="legend")
    lo, hi = float(rows["training_flop"].min()), float(rows["training_flop"].max())
    decades = [10.0**k for k in range(15, 31) if lo / 10 <= 10.0**k <= hi * 10]
    return (
        alt.Chart(rows)
        .mark_circle(size=45, stroke="white", strokeWidth=0.4)
        .encode(
            x=alt.X(
                "publication_date:T",
                title="Publication date",
                axis=alt.Axis(format="%Y", tickCount="year"),
            ),
            y=alt.Y(
                "training_flop:Q",
                scale=LOG,
                title="Training compute (FLOP, log scale)",
                axis=alt.Axis(format=".0e", values=decades),
            ),
            color=alt.Color(
                "group:N",
                title=None,
                scale=alt.Scale(domain=["China", "United States"], range=[ACCENT, HIGHLIGHT]),
            ),
            opacity=alt.condition(pick, alt.value(0.85), alt.value(0.08)),
            tooltip=[
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("organization:N", title="Organisation"),
                alt.Tooltip("publication_date:T", title="Published", format="%Y-%m-%d"),
                alt.Tooltip("training_flop:Q", title="Training compute (FLOP)", format=".2e"),
                alt.Tooltip("confidence:N", title="Epoch's confidence"),
            ],
        )
        .add_params(pick)
        .properties(
            title=source_title("Training compute of Chinese and US large-scale models", source),
            description=(
                f"Scatter plot, log scale: training compute of {len(rows)} Chinese and US models "
                "against publication date; click the legend to show one country."
            ),
            width=560,
            height=340,
        )
    )
