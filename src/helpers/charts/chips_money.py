"""Charts of the chips-and-money chapter. Each returns an Altair chart and neither displays nor saves it.

Every chart carries its source and the data's snapshot date in its subtitle, and a
``description`` for screen readers. Interactivity lives in the chart (tooltips, a legend that
filters, sliders for the reader's assumptions), so it works the same in the book and in
JupyterLab.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.analysis.compute import SECONDS_PER_DAY
from helpers.charts._common import LOG, slider, source_title
from helpers.charts.theme import ACCENT, CONTEXT, HIGHLIGHT, INK, SUBTLE, TEXT
from helpers.params import ChipsMoney

_ORIGIN_SCALE = alt.Scale(domain=["United States", "China"], range=[HIGHLIGHT, ACCENT])
#: Axis labels for money on a log scale: $300 k, $20 M, $8.9 bn.
_MONEY_LABELS = (
    "datum.value >= 1e9 ? '$' + format(datum.value / 1e9, '~g') + ' bn' : "
    "datum.value >= 1e6 ? '$' + format(datum.value / 1e6, '~g') + ' M' : "
    "'$' + format(datum.value / 1e3, '~g') + ' k'"
)


def chip_specs(long: pd.DataFrame, source: str) -> alt.HConcatChart:
    """Three panels, one per metric (16-bit peak, memory bandwidth, TDP): a dot per chip family
    (its representative chip) and a bar from the lowest to the highest figure where variants or
    sources disagree. Clicking the legend keeps one country of origin.

    ``long`` is :func:`helpers.analysis.chips_money.chip_long`'s output (display units: TFLOP/s, TB/s, W).
    """
    order = list(dict.fromkeys(long["family"]))
    pick = alt.selection_point(fields=["origin"], bind="legend", name="origin_pick")
    panels = []
    for i, metric in enumerate(dict.fromkeys(long["metric"])):
        part = long[long["metric"] == metric].dropna(subset=["value"])
        base = alt.Chart(part).encode(
            y=alt.Y(
                "family:N",
                sort=order,
                title=None,
                axis=alt.Axis(labelLimit=220) if i == 0 else alt.Axis(labels=False, ticks=False),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
        )
        ranges = (
            base.transform_filter(alt.datum.has_range)
            .mark_rule(strokeWidth=6, opacity=0.35)
            .encode(
                x=alt.X("low:Q", title=metric),
                x2="high:Q",
                color=alt.Color("origin:N", scale=_ORIGIN_SCALE, title="Made in (click to filter)"),
            )
        )
        dots = base.mark_circle(size=110, stroke="white", strokeWidth=0.8).encode(
            x=alt.X("value:Q", title=metric),
            color=alt.Color("origin:N", scale=_ORIGIN_SCALE, title="Made in (click to filter)"),
            tooltip=[
                alt.Tooltip("family:N", title="Chip family"),
                alt.Tooltip("representative:N", title="Epoch AI's row"),
                alt.Tooltip("metric:N", title="Metric"),
                alt.Tooltip("value:Q", title="Value", format=",.2f"),
                alt.Tooltip("low:Q", title="Lowest estimate", format=",.2f"),
                alt.Tooltip("high:Q", title="Highest estimate", format=",.2f"),
            ],
        )
        layer = alt.layer(ranges, dots).properties(width=200, height=320)
        if i == 0:
            layer = layer.add_params(pick)
        panels.append(layer)
    return alt.hconcat(*panels, spacing=14).properties(
        title=source_title(
            "Chinese accelerators against NVIDIA's: throughput, memory bandwidth, power",
            source,
            "Dot: the representative chip; bar: lowest to highest figure where variants or sources disagree.",
        ),
        description=(
            "Three dot plots sharing one row per chip family (NVIDIA B200, H100, H800, H20 and "
            "Chinese chips from Huawei, Cambricon, Kunlunxin and Moore Threads): 16-bit dense peak "
            "in TFLOP/s, memory bandwidth in TB/s and power in watts; NVIDIA in blue, Chinese chips "
            "in orange, with bars for ranges where estimates disagree."
        ),
    )


def days_vs_utilisation(
    curve: pd.DataFrame, days: pd.DataFrame, n_chips: int, model: str, source: str
) -> alt.LayerChart:
    """Days to train against utilisation (log scale), one line per chip family. Hovering a line
    names it; a dot marks each family at the utilisation the chapter assumes for it.

    ``curve`` is :func:`helpers.analysis.chips_money.days_curve`'s output, ``days`` :func:`helpers.analysis.chips_money.days_table`'s.
    """
    hover = alt.selection_point(
        on="pointerover", fields=["family"], nearest=True, empty=False, name="family_hover"
    )
    x = alt.X(
        "utilisation:Q",
        title="Utilisation (fraction of the 16-bit dense peak)",
        axis=alt.Axis(format=".0%"),
    )
    y = alt.Y("days:Q", scale=LOG, title=f"Days to train on {n_chips:,} chips (log scale)")
    color = alt.Color("origin:N", scale=_ORIGIN_SCALE, title="Made in")
    tooltip = [
        alt.Tooltip("family:N", title="Chip family"),
        alt.Tooltip("utilisation:Q", title="Utilisation", format=".0%"),
        alt.Tooltip("days:Q", title="Days to train", format=",.0f"),
    ]
    lines = (
        alt.Chart(curve)
        .mark_line(strokeWidth=2)
        .encode(
            x=x,
            y=y,
            color=color,
            detail="family:N",
            tooltip=tooltip,
            opacity=alt.condition(hover, alt.value(1.0), alt.value(0.45)),
            strokeWidth=alt.condition(hover, alt.value(3.5), alt.value(1.8)),
        )
    )
    catcher = (
        alt.Chart(curve)
        .mark_point(opacity=0, size=60)
        .encode(x=x, y=y, detail="family:N", tooltip=tooltip)
        .add_params(hover)
    )
    ends = curve[curve["utilisation"] == curve["utilisation"].max()]
    end_labels = (
        alt.Chart(ends)
        .mark_text(align="left", dx=6, fontSize=11, fontWeight="bold")
        .encode(x=x, y=y, text="family:N", color=color)
        .transform_filter(hover)
    )
    marks = (
        alt.Chart(days)
        .mark_circle(size=80, stroke="white", strokeWidth=0.8)
        .encode(x="utilisation:Q", y="days:Q", color=color, tooltip=tooltip)
    )
    return alt.layer(lines, catcher, marks, end_labels).properties(
        title=source_title(
            f"How long a {model}-sized run takes, by chip and utilisation",
            source,
            "Hover a line to name its chip; dots mark the utilisation the chapter assumes for each maker.",
        ),
        description=(
            f"Line chart, log scale: days to spend {model}'s training compute on {n_chips} chips "
            "against the fraction of peak sustained, one line per chip family, NVIDIA in blue and "
            "Chinese chips in orange; dots at the chapter's assumed utilisations."
        ),
        width=520,
        height=380,
    )


def days_bars(
    chips: pd.DataFrame,
    flop: float,
    flop_low: float,
    flop_high: float,
    n_chips: int,
    utilisation_nvidia: float,
    initial_huawei: float,
    initial_other: float,
    reference_days: float | None,
    reference_label: str,
    model: str,
    source: str,
) -> alt.LayerChart:
    """Horizontal bars: days to train on each chip family. NVIDIA chips run at
    ``utilisation_nvidia``; two sliders set the utilisation of Huawei's and of the other Chinese
    chips. Whiskers run from the fastest case (highest peak, lowest compute estimate) to the
    slowest; a dashed rule marks the run as reported, if given.

    ``chips`` has ``family``, ``origin``, ``group`` and ``peak_flops`` with ``_low``/``_high``
    (FLOP/s); ``flop``/``flop_low``/``flop_high`` are the run's training compute (FLOP).
    """
    rows = (
        chips[["family", "origin", "group", "peak_flops", "peak_flops_low", "peak_flops_high"]]
        .dropna(subset=["peak_flops"])
        .copy()
    )
    huawei = slider(
        ChipsMoney,
        "utilisation_huawei",
        value=initial_huawei,
        step=0.01,
        label="Utilisation on Huawei Ascend: ",
    )
    other = slider(
        ChipsMoney,
        "utilisation_other_china",
        value=initial_other,
        step=0.01,
        label="Utilisation on other Chinese chips: ",
    )
    per_day = f"({n_chips} * {SECONDS_PER_DAY})"
    base = (
        alt.Chart(rows)
        .transform_calculate(
            u=(
                f"datum.group == 'nvidia' ? {utilisation_nvidia!r} : "
                f"datum.group == 'huawei' ? {huawei.name} : {other.name}"
            ),
        )
        .transform_calculate(
            days=f"{flop!r} / (datum.peak_flops * datum.u) / {per_day}",
            days_low=f"{flop_low!r} / (datum.peak_flops_high * datum.u) / {per_day}",
            days_high=f"{flop_high!r} / (datum.peak_flops_low * datum.u) / {per_day}",
        )
    )
    y = alt.Y(
        "family:N",
        title=None,
        axis=alt.Axis(labelLimit=220),
        sort=alt.EncodingSortField("days", order="ascending"),
    )
    bars = base.mark_bar(opacity=0.85).encode(
        y=y,
        x=alt.X("days:Q", title=f"Days to train on {n_chips:,} chips"),
        color=alt.Color("origin:N", scale=_ORIGIN_SCALE, title="Made in"),
        tooltip=[
            alt.Tooltip("family:N", title="Chip family"),
            alt.Tooltip("peak_flops:Q", title="16-bit peak (FLOP/s)", format=".3~s"),
            alt.Tooltip("u:Q", title="Utilisation", format=".0%"),
            alt.Tooltip("days:Q", title="Days", format=",.0f"),
            alt.Tooltip("days_low:Q", title="Fastest case (days)", format=",.0f"),
            alt.Tooltip("days_high:Q", title="Slowest case (days)", format=",.0f"),
        ],
    )
    whiskers = base.mark_rule(color=TEXT).encode(y=y, x="days_low:Q", x2="days_high:Q")
    layers: list[alt.Chart] = [bars, whiskers]
    if reference_days is not None:
        ref = pd.DataFrame({"days": [reference_days], "label": [reference_label]})
        layers.append(
            alt.Chart(ref)
            .mark_rule(color=INK, strokeDash=[5, 3])
            .encode(
                x="days:Q",
                tooltip=[
                    alt.Tooltip("label:N", title="Reported"),
                    alt.Tooltip("days:Q", title="Days", format=",.1f"),
                ],
            )
        )
        layers.append(
            alt.Chart(ref)
            .mark_text(align="left", dx=4, dy=-4, baseline="bottom", fontSize=11, color=INK)
            .encode(x="days:Q", y=alt.value(0), text="label:N")
        )
    return (
        alt.layer(*layers)
        .add_params(huawei, other)
        .properties(
            title=source_title(
                f"Days to train a {model}-sized run: move the sliders to change the Chinese chips' utilisation",
                source,
                f"NVIDIA chips at {utilisation_nvidia:.0%} of peak; whiskers: the range of peak and compute estimates.",
            ),
            description=(
                f"Bar chart: days to spend {model}'s training compute on {n_chips} chips of each family; "
                "two sliders set the utilisation of Huawei's and of the other Chinese chips, NVIDIA's is "
                "fixed; whiskers for the range of estimates"
                + (
                    "; a dashed line marks the run as reported."
                    if reference_days is not None
                    else "."
                )
            ),
            width=520,
        )
    )


def money_scale(money: pd.DataFrame, initial_rate: float, source: str) -> alt.LayerChart:
    """Every amount on one log scale in US dollars; a slider sets the dollars per euro used to
    convert the euro amounts. Open circles mark an amount whose link to the article is uncertain.

    ``money`` is :func:`helpers.analysis.chips_money.money_table`'s output.
    """
    rows = money[
        [
            "label",
            "group",
            "uncertain",
            "currency",
            "amount",
            "low",
            "high",
            "as_of",
            "source_title",
        ]
    ].copy()
    order = list(rows["label"])
    rate = slider(
        ChipsMoney, "usd_per_eur", value=initial_rate, step=0.0001, label="US dollars per euro: "
    )
    conv = "datum.currency == 'EUR' ? datum.{0} * " + rate.name + " : datum.{0}"
    base = (
        alt.Chart(rows)
        .transform_calculate(
            usd=conv.format("amount"),
            usd_low=conv.format("low"),
            usd_high=conv.format("high"),
            shape="datum.uncertain ? 'identification uncertain' : 'identified'",
        )
        .encode(y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=380)))
    )

    def x_for(field: str) -> alt.X:
        return alt.X(
            f"{field}:Q",
            scale=alt.Scale(type="log", domain=[1e5, 1e12]),
            title="US dollars (log scale; euros converted at the slider's rate)",
            axis=alt.Axis(
                labelExpr=_MONEY_LABELS, values=[1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12]
            ),
        )

    x = x_for("usd")
    whiskers = (
        base.transform_filter("datum.high > datum.low")
        .mark_rule(strokeWidth=2, color=TEXT)
        .encode(x=x_for("usd_low"), x2="usd_high:Q")
    )
    group_color = alt.Color(
        "group:N",
        title=None,
        scale=alt.Scale(
            domain=["The article's stories", "Reference points"], range=[ACCENT, HIGHLIGHT]
        ),
    )
    tooltip = [
        alt.Tooltip("label:N", title="Amount"),
        alt.Tooltip("currency:N", title="Currency of the source"),
        alt.Tooltip("amount:Q", title="Amount in that currency", format=",.0f"),
        alt.Tooltip("usd:Q", title="In US dollars", format="$,.0f"),
        alt.Tooltip("as_of:N", title="Date of the figure"),
        alt.Tooltip("shape:N", title="Link to the article"),
        alt.Tooltip("source_title:N", title="Source"),
    ]
    filled = (
        base.transform_filter("!datum.uncertain")
        .mark_circle(size=120, opacity=0.9)
        .encode(x=x, color=group_color, tooltip=tooltip)
    )
    hollow = (
        base.transform_filter("datum.uncertain")
        .mark_point(size=120, strokeWidth=2.5, filled=False)
        .encode(x=x, color=group_color, tooltip=tooltip)
    )
    dots = alt.layer(filled, hollow)
    return (
        alt.layer(whiskers, dots)
        .add_params(rate)
        .properties(
            title=source_title(
                "The money in the story, on one scale",
                source,
                "Open circle: the start-up's identification is uncertain. Whisker: a range given by the source.",
            ),
            description=(
                "Dot plot on a logarithmic dollar scale from a hundred thousand to a trillion dollars: "
                "the funding events of August 2025 (a RISC-V GPU start-up's seed round, NSF and "
                "NVIDIA's OMAI project, the US stake in Intel) against reference points (DeepSeek's "
                "training costs, NVIDIA's H20 charge and revenue, JUPITER, the EU's AI Factories and "
                "InvestAI); a slider sets the dollars per euro."
            ),
            width=520,
            height=360,
        )
    )


def timeline(
    events: pd.DataFrame, article_date: str, article_label: str, source: str
) -> alt.LayerChart:
    """The chapter's events on a time axis, one row each, with the article's date as a rule."""
    rows = events[["date", "title", "source_title"]].copy()
    rows["date"] = pd.to_datetime(rows["date"]).dt.strftime("%Y-%m-%d")
    rows["when"] = (rows["date"] > article_date).map(
        {True: "after the podcast", False: "before the podcast"}
    )
    order = list(rows.sort_values(["date", "title"])["title"])
    base = alt.Chart(rows).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%d %b %Y", labelAngle=0, tickCount=6)),
        y=alt.Y("title:N", sort=order, title=None, axis=alt.Axis(labelLimit=360)),
    )
    dots = base.mark_circle(size=120).encode(
        color=alt.Color(
            "when:N",
            title=None,
            scale=alt.Scale(
                domain=["before the podcast", "after the podcast"], range=[HIGHLIGHT, ACCENT]
            ),
        ),
        tooltip=[
            alt.Tooltip("date:T", title="Date", format="%d %B %Y"),
            alt.Tooltip("title:N", title="Event"),
            alt.Tooltip("source_title:N", title="Source"),
        ],
    )
    ref = pd.DataFrame({"date": [article_date], "label": [article_label]})
    rule = (
        alt.Chart(ref)
        .mark_rule(color=CONTEXT, strokeDash=[4, 3], strokeWidth=2)
        .encode(x="date:T", tooltip=[alt.Tooltip("label:N", title="Article")])
    )
    text = (
        alt.Chart(ref)
        .mark_text(align="left", dx=4, baseline="top", fontSize=11, color=SUBTLE)
        .encode(x="date:T", y=alt.value(2), text="label:N")
    )
    return alt.layer(rule, dots, text).properties(
        title=source_title("The story's events, before and after the podcast", source),
        description=(
            "Timeline of the chapter's events from NVIDIA's H20 charge to DeepSeek's Nature paper, "
            "with a dashed line at the date of the podcast the article summarises; events after it "
            "in orange."
        ),
        width=420,
        height=240,
    )
