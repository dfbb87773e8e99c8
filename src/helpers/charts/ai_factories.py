"""Charts of the AI-factories chapter. Each returns an Altair chart and neither displays nor saves it.

Every chart names its source and the data's snapshot date in its subtitle and carries a
``description`` for screen readers. The reader's assumptions that the text calls
interactive are Altair parameters bound to sliders; the formulas in the charts' expressions
are those of :mod:`helpers.analysis.ai_factories`, which the tests check.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from helpers.analysis.ai_factories import DAYS_PER_MONTH, W_PER_MW, LossFit
from helpers.charts._common import LOG, filled, slider, source_title
from helpers.charts.theme import ACCENT, CONTEXT, GREEN, HIGHLIGHT, SUBTLE
from helpers.params import AiFactories


def compute_over_time(
    models: pd.DataFrame, trend: pd.DataFrame, fit_label: str, in_fit: pd.Series, source: str
) -> alt.LayerChart:
    """Training compute (FLOP, log scale) of notable models by publication date.

    Epoch's frontier models are in the highlight colour, the others grey; models outside the
    fit's sample are faded; ``trend`` (``publication_date``, ``training_flop``) is the fitted
    line, labelled ``fit_label``.
    """
    rows = models[
        [
            "model",
            "organization",
            "publication_date",
            "training_flop",
            "parameters",
            "domain",
            "frontier",
        ]
    ].pipe(filled, ["model", "organization", "domain"])
    rows["kind"] = np.where(rows["frontier"], "Frontier model (Epoch AI)", "Other notable model")
    rows["in_fit"] = in_fit.to_numpy()
    rows["publication_date"] = rows["publication_date"].dt.strftime("%Y-%m-%d")
    rows = rows.drop(columns="frontier")
    line = trend.copy()
    line["publication_date"] = line["publication_date"].dt.strftime("%Y-%m-%d")
    line["label"] = fit_label

    points = (
        alt.Chart(rows)
        .mark_circle(size=45, stroke="white", strokeWidth=0.4)
        .encode(
            x=alt.X("publication_date:T", title="Publication date"),
            y=alt.Y(
                "training_flop:Q",
                scale=LOG,
                title="Training compute (FLOP, log scale)",
                axis=alt.Axis(format=".0e"),
            ),
            color=alt.Color(
                "kind:N",
                title=None,
                scale=alt.Scale(
                    domain=["Frontier model (Epoch AI)", "Other notable model"],
                    range=[HIGHLIGHT, CONTEXT],
                ),
            ),
            opacity=alt.condition(alt.datum.in_fit, alt.value(0.85), alt.value(0.25)),
            tooltip=[
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("organization:N", title="Organisation"),
                alt.Tooltip("publication_date:T", title="Published", format="%Y-%m-%d"),
                alt.Tooltip("training_flop:Q", title="Training compute (FLOP)", format=".2e"),
                alt.Tooltip("parameters:Q", title="Parameters", format=".3~s"),
                alt.Tooltip("domain:N", title="Domain"),
                alt.Tooltip("in_fit:N", title="In the fit"),
            ],
        )
    )
    trend_line = (
        alt.Chart(line)
        .mark_line(color=ACCENT, strokeWidth=3)
        .encode(
            x="publication_date:T",
            y="training_flop:Q",
            tooltip=[alt.Tooltip("label:N", title="Fit")],
        )
    )
    return (points + trend_line).properties(
        title=source_title(
            "Training compute of notable AI models", source, f"Orange line: {fit_label}."
        ),
        description=(
            "Scatter plot, log scale: training compute in FLOP of Epoch AI's notable models "
            "against publication date, frontier models highlighted, with the fitted "
            "exponential trend as a line."
        ),
        width=600,
        height=380,
    )


def five_year_factors(table: pd.DataFrame, source: str) -> alt.LayerChart:
    """Dots on a log scale: the five-year growth factor of each estimate, with its range as a
    black rule where the source gives one."""
    rows = table.copy()
    order = rows["estimate"].tolist()
    base = alt.Chart(rows).encode(
        y=alt.Y("estimate:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
    )
    ranges = base.mark_rule(color="black", strokeWidth=2).encode(
        x=alt.X(
            "low:Q",
            scale=LOG,
            title="Growth of training compute over five years (×, log scale)",
            axis=alt.Axis(format="~s"),
        ),
        x2="high:Q",
    )
    points = base.mark_circle(size=220, opacity=1).encode(
        x="factor:Q",
        color=alt.Color(
            "source:N",
            title=None,
            scale=alt.Scale(
                domain=["NVIDIA", "Epoch AI", "This chapter"], range=[ACCENT, CONTEXT, HIGHLIGHT]
            ),
        ),
        tooltip=[
            alt.Tooltip("estimate:N", title="Estimate"),
            alt.Tooltip("factor:Q", title="Five-year factor", format=",.0f"),
            alt.Tooltip("low:Q", title="Low", format=",.0f"),
            alt.Tooltip("high:Q", title="High", format=",.0f"),
        ],
    )
    return (ranges + points).properties(
        title=source_title("“50 million times in five years” against the record", source),
        description=(
            "Bar chart, log scale: the five-year growth of training compute claimed by "
            "NVIDIA, implied by NVIDIA's own investor slide, by Epoch AI's published "
            "trend, and by this chapter's fit, with ranges."
        ),
        width=380,
        height=180,
    )


def chinchilla_map(
    lms: pd.DataFrame, frontier: pd.DataFrame, fit: LossFit, budget_flop: float, source: str
) -> alt.LayerChart:
    """Parameters against training tokens (log–log) for language models, with the
    compute-optimal lines of ``frontier`` and, for a budget the reader sets with a slider,
    the line of equal compute ``D = C/(6N)`` and ``fit``'s optimal point on it."""
    n_min, n_max, d_min, d_max = 1e8, 1e13, 1e9, 1e14
    rows = lms[
        [
            "model",
            "organization",
            "publication_date",
            "parameters",
            "dataset_size",
            "training_flop",
            "tokens_per_parameter",
        ]
    ].pipe(filled, ["model", "organization"])
    rows["publication_date"] = rows["publication_date"].dt.strftime("%Y-%m-%d")
    billions = "replace(datum.label, 'G', 'B')"  # SI "G" reads as billions here
    x = alt.X(
        "parameters:Q",
        scale=alt.Scale(type="log", domain=[n_min, n_max]),
        title="Parameters N (log scale)",
        axis=alt.Axis(format="~s", labelExpr=billions),
    )
    y = alt.Y(
        "tokens:Q",
        scale=alt.Scale(type="log", domain=[d_min, d_max]),
        title="Training tokens D (log scale)",
        axis=alt.Axis(format="~s", labelExpr=billions),
    )

    budget = slider(
        AiFactories,
        "compute_budget_flop",
        log10=True,
        value=round(float(np.log10(budget_flop)), 1),
        step=0.1,
        label="Your budget, log10(FLOP): ",
    )
    rows = rows.rename(columns={"dataset_size": "tokens"})
    rows = rows[rows["parameters"].between(n_min, n_max) & rows["tokens"].between(d_min, d_max)]
    models = (
        alt.Chart(rows)
        .mark_circle(size=55, color=CONTEXT, opacity=0.8, stroke=SUBTLE, strokeWidth=0.5)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("organization:N", title="Organisation"),
                alt.Tooltip("publication_date:T", title="Published", format="%Y-%m-%d"),
                alt.Tooltip("parameters:Q", title="Parameters", format=".3~s"),
                alt.Tooltip("tokens:Q", title="Training tokens", format=".3~s"),
                alt.Tooltip("tokens_per_parameter:Q", title="Tokens per parameter", format=",.1f"),
                alt.Tooltip("training_flop:Q", title="Training compute (FLOP)", format=".2e"),
            ],
        )
    )
    # Every line here is straight on the log-log axes, so a few points draw it; each is
    # clipped to the axes' domains rather than its data filtered.
    optimal = (
        alt.Chart(frontier)
        .mark_line(strokeWidth=2, clip=True)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "rule:N",
                title="Compute-optimal split",
                scale=alt.Scale(range=[HIGHLIGHT, ACCENT, GREEN]),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400),
            ),
            strokeDash=alt.StrokeDash("rule:N", legend=None),
            tooltip=[
                alt.Tooltip("rule:N", title="Rule"),
                alt.Tooltip("budget_flop:Q", title="Budget (FLOP)", format=".1e"),
                alt.Tooltip("parameters:Q", title="Parameters", format=".3~s"),
                alt.Tooltip("tokens:Q", title="Tokens", format=".3~s"),
            ],
        )
    )
    grid = pd.DataFrame({"parameters": [n_min, n_max]})
    iso = (
        alt.Chart(grid)
        .transform_calculate(tokens=f"pow(10, {budget.name}) / (6 * datum.parameters)")
        .mark_line(color="black", strokeDash=[2, 2], clip=True)
        .encode(x=x, y=y)
    )
    point = (
        alt.Chart(pd.DataFrame({"label": ["optimum for your budget"]}))
        .transform_calculate(
            parameters=f"{fit.g!r} * pow(pow(10, {budget.name}) / 6, {fit.n_exponent!r})",
        )
        .transform_calculate(
            tokens=f"pow(10, {budget.name}) / 6 / datum.parameters",
            budget_flop=f"pow(10, {budget.name})",
        )
        .mark_point(shape="diamond", size=220, filled=True, color="black")
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("label:N", title=fit.name),
                alt.Tooltip("budget_flop:Q", title="Budget (FLOP)", format=".2e"),
                alt.Tooltip("parameters:Q", title="Optimal parameters", format=".3~s"),
                alt.Tooltip("tokens:Q", title="Optimal tokens", format=".3~s"),
            ],
        )
    )
    return (
        (models + optimal + iso + point)
        .add_params(budget)
        .properties(
            title=source_title(
                "Where language models sit against the compute-optimal split",
                source,
                f"Dotted line: equal compute for your budget; diamond: its optimum by {fit.name}.",
            ),
            description=(
                "Log-log scatter of parameters against training tokens for Epoch AI's language "
                "models, with compute-optimal lines from the Chinchilla fits and a slider "
                "that moves a line of equal training compute and its optimal point."
            ),
            width=560,
            height=420,
        )
    )


def lifecycle_chart(
    pretraining_flop: float,
    post_training_ratio: float,
    parameters: float,
    tokens_per_day: float,
    reasoning_multiplier: float,
    months: int,
    source: str,
) -> alt.LayerChart:
    """Cumulative compute of one model over ``months`` of deployment, in multiples of its
    pre-training compute: training (pre + post, flat) against inference with reasoning
    (growing). Sliders set tokens per day (log10) and the reasoning multiplier."""
    grid = pd.DataFrame({"month": np.linspace(0, months, months * 4 + 1)})
    tokens = slider(
        AiFactories,
        "tokens_served_per_day",
        log10=True,
        value=round(float(np.log10(tokens_per_day)), 1),
        step=0.1,
        label="Tokens served per day, log10: ",
    )
    reasoning = slider(
        AiFactories,
        "reasoning_multiplier",
        value=reasoning_multiplier,
        step=1,
        label="Reasoning multiplier (×): ",
    )
    training = 1.0 + post_training_ratio
    per_month = (
        f"{DAYS_PER_MONTH!r} * pow(10, {tokens.name}) * 2 * {parameters!r} * {reasoning.name}"
    )
    chart = (
        alt.Chart(grid)
        .transform_calculate(
            training=f"{training!r}",
            inference=f"datum.month * {per_month} / {pretraining_flop!r}",
        )
        .transform_calculate(
            total="datum.training + datum.inference",
        )
        .transform_fold(
            ["training", "inference", "total"],
            as_=["part", "runs"],
        )
        .transform_calculate(
            label=(
                "datum.part == 'training' ? 'Training: pre + post' : "
                "datum.part == 'inference' ? 'Inference with reasoning' : 'Total'"
            ),
        )
        .mark_line(strokeWidth=2.5)
        .encode(
            x=alt.X("month:Q", title="Months of deployment"),
            y=alt.Y("runs:Q", title="Cumulative compute (multiples of pre-training)"),
            color=alt.Color(
                "label:N",
                title=None,
                scale=alt.Scale(
                    domain=["Training: pre + post", "Inference with reasoning", "Total"],
                    range=[CONTEXT, ACCENT, HIGHLIGHT],
                ),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Part"),
                alt.Tooltip("month:Q", title="Month", format=".2f"),
                alt.Tooltip("runs:Q", title="× pre-training compute", format=",.2f"),
            ],
        )
        .add_params(tokens, reasoning)
    )
    return chart.properties(
        title=source_title(
            "When does inference pass training?",
            source,
            "Inference at 2·N FLOP per token (Kaplan et al. 2020); your assumptions on the sliders.",
        ),
        description=(
            "Line chart of cumulative compute over months of deployment, in multiples of the "
            "model's pre-training compute: flat training, growing inference, and their total; "
            "sliders set tokens served per day and the reasoning multiplier."
        ),
        width=560,
        height=340,
    )


def factory_tokens(
    table: pd.DataFrame,
    chip: str,
    parameters: float,
    utilisation: float,
    server_overhead: float,
    pue: float,
    precision: str,
    source: str,
) -> alt.Chart:
    """Horizontal bars: tokens per second per MW of facility power for each chip, the
    reader's ``chip`` in the accent colour. Sliders set the utilisation and the PUE."""
    rows = table[["chip", "manufacturer", "peak_flops", "tdp_w"]].pipe(
        filled, ["chip", "manufacturer"]
    )
    rows["is_subject"] = rows["chip"] == chip
    # Steps of 0.01: from the declared 0.01, steps of 0.05 would reach neither 1 nor round values.
    utilisation_p = slider(
        AiFactories, "utilisation", value=utilisation, step=0.01, label="Utilisation of peak: "
    )
    pue_p = slider(AiFactories, "pue", value=pue, step=0.05, label="PUE: ")
    expr = (
        f"{utilisation_p.name} * datum.peak_flops / (2 * {parameters!r}) * {W_PER_MW!r} "
        f"/ (datum.tdp_w * {server_overhead!r} * {pue_p.name})"
    )
    return (
        alt.Chart(rows)
        .transform_calculate(
            tokens_per_s_per_mw=expr,
        )
        .mark_bar()
        .encode(
            y=alt.Y(
                "chip:N",
                sort=alt.EncodingSortField("tokens_per_s_per_mw", order="descending"),
                title=None,
                axis=alt.Axis(labelLimit=320),
            ),
            x=alt.X(
                "tokens_per_s_per_mw:Q",
                title="Generated tokens per second per MW of facility power",
                axis=alt.Axis(format="~s"),
            ),
            color=alt.condition(alt.datum.is_subject, alt.value(ACCENT), alt.value(CONTEXT)),
            tooltip=[
                alt.Tooltip("chip:N", title="Chip"),
                alt.Tooltip("manufacturer:N", title="Manufacturer"),
                alt.Tooltip(
                    "peak_flops:Q", title=f"Dense {precision.upper()} peak (FLOP/s)", format=".3~s"
                ),
                alt.Tooltip("tdp_w:Q", title="TDP (W)", format=",.0f"),
                alt.Tooltip("tokens_per_s_per_mw:Q", title="Tokens/s per MW", format=",.0f"),
            ],
        )
        .add_params(utilisation_p, pue_p)
        .properties(
            title=source_title(
                "What an AI factory produces, chip by chip",
                source,
                f"Compute-bound estimate at {precision.upper()} for a model of "
                f"{parameters / 1e9:,.0f} billion active parameters.",
            ),
            description=(
                "Bar chart of generated tokens per second per megawatt of facility power for "
                "each accelerator in Epoch AI's hardware data; sliders set the utilisation of "
                "peak and the PUE; the chosen chip is highlighted."
            ),
            width=430,
        )
    )
