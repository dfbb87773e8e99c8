"""Charts of the claims chapter. Each returns an Altair chart and neither displays nor saves it.

Every chart names its source in its subtitle, carries a ``description`` for screen readers,
has tooltips, and is interactive: a legend that picks a category, a hover that picks a claim,
or a radio button that switches the scope.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.charts._common import radio, source_title
from helpers.charts.theme import ACCENT, AMBER, AXIS, CONTEXT, GREEN, HIGHLIGHT, INK, RED, VIOLET
from helpers.inputs.claims import VERDICTS
from helpers.params import Claims

#: One colour per verdict, the same in every chart of the chapter.
VERDICT_COLOURS = {
    "consistent": GREEN,
    "misleading": AMBER,
    "wrong": RED,
    "garbled translation": VIOLET,
    "unverifiable": CONTEXT,
}
#: Widths that fit the book's text column (about 690 px) with the axis labels.
LABEL_LIMIT = 230
PLOT_WIDTH = 360


def _article_axis(article_labels: dict[str, str]) -> alt.Y:
    """The articles down the side, in their numbered order, labels cut to fit."""
    return alt.Y(
        "label:N",
        title=None,
        sort=[article_labels[a] for a in sorted(article_labels)],
        axis=alt.Axis(labelLimit=LABEL_LIMIT),
    )


def _verdict_scale() -> alt.Scale:
    return alt.Scale(domain=list(VERDICTS), range=[VERDICT_COLOURS[v] for v in VERDICTS])


def number_accounting(
    accounting: pd.DataFrame, article_labels: dict[str, str], source: str
) -> alt.Chart:
    """Stacked bars: each article's numbers, in a claim, excluded (with a reason) or a gap.

    ``accounting`` is :func:`helpers.analysis.ledger.accounting`; ``article_labels`` maps article ids to
    the labels on the axis. Clicking the legend picks a status.
    """
    rows = accounting.assign(label=accounting["article"].map(article_labels))
    statuses = ["in a claim", "excluded", "gap"]
    pick = alt.selection_point(fields=["status"], bind="legend", name="status_pick")
    chart: alt.Chart = (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            x=alt.X(
                "sum(quantities):Q",
                title="Numbers the pipeline found in the article",
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            y=_article_axis(article_labels),
            color=alt.Color(
                "status:N",
                title=None,
                scale=alt.Scale(domain=statuses, range=[HIGHLIGHT, CONTEXT, ACCENT]),
            ),
            order=alt.Order("status_order:Q"),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)),
            tooltip=[
                alt.Tooltip("label:N", title="Article"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("quantities:Q", title="Numbers"),
            ],
        )
        .transform_calculate(status_order=f"indexof({statuses!r}, datum.status)")
        .add_params(pick)
        .properties(
            title=source_title(
                "Every number in the articles is accounted for",
                source,
                "Each number is inside a checked claim or excluded "
                "with a reason; a gap is a number nobody checked.",
            ),
            description="Horizontal stacked bars, one per article, counting the numbers found in it: "
            "in a checked claim, excluded with a reason, or unchecked (none).",
            width=PLOT_WIDTH,
            height=alt.Step(34),
        )
    )
    return chart


def verdicts_by_article(
    counts: pd.DataFrame, article_labels: dict[str, str], source: str
) -> alt.Chart:
    """Stacked bars of claims per article by verdict; clicking the legend picks a verdict.

    ``counts`` is :func:`helpers.inputs.claims.verdict_counts` (article, verdict, claims).
    """
    rows = counts.assign(
        label=counts["article"].map(article_labels),
        verdict_order=counts["verdict"].map({v: i for i, v in enumerate(VERDICTS)}),
    )
    pick = alt.selection_point(fields=["verdict"], bind="legend", name="verdict_pick")
    chart: alt.Chart = (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            x=alt.X(
                "claims:Q",
                stack="zero",
                title="Checkable claims",
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            y=_article_axis(article_labels),
            color=alt.Color("verdict:N", title=None, scale=_verdict_scale()),
            order=alt.Order("verdict_order:Q"),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.2)),
            tooltip=[
                alt.Tooltip("label:N", title="Article"),
                alt.Tooltip("verdict:N", title="Verdict"),
                alt.Tooltip("claims:Q", title="Claims"),
            ],
        )
        .transform_filter("datum.claims > 0")
        .add_params(pick)
        .properties(
            title=source_title(
                "What the sources say about each article's claims",
                source,
                "Click a verdict in the legend to pick it out.",
            ),
            description="Horizontal stacked bars, one per article, counting its checkable claims by "
            "verdict: consistent, misleading, wrong, garbled translation, unverifiable.",
            width=PLOT_WIDTH,
            height=alt.Step(34),
        )
    )
    return chart


def claimed_over_sourced(points: pd.DataFrame, source: str) -> alt.LayerChart:
    """Each numeric claim's value over its reference fact, on a log scale (1 = the source's value).

    ``points`` has claim, reading (``as printed`` or ``as the pipeline reads it``), ratio,
    verdict, quote, gloss, fact and explanation. Two readings of one claim are joined by a line.
    Hovering over a claim highlights it.
    """
    hover = alt.selection_point(
        fields=["claim"], on="pointerover", clear="pointerout", name="claim_hover", empty=False
    )
    order = points.sort_values("ratio")["claim"].drop_duplicates().tolist()
    base = alt.Chart(points).encode(
        y=alt.Y("claim:N", title=None, sort=order, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
    )
    x = alt.X(
        "ratio:Q",
        title="Claimed value ÷ the source's value (log scale)",
        scale=alt.Scale(type="log", domain=[1e-16, 1e4]),
        axis=alt.Axis(format="~e"),
    )
    one = (
        alt.Chart(pd.DataFrame({"ratio": [1.0]}))
        .mark_rule(color=AXIS, strokeDash=[4, 3])
        .encode(x=x)
    )
    links = base.mark_line(color=CONTEXT, strokeWidth=1.5).encode(x=x, detail="claim:N")
    dots = (
        base.mark_point(filled=True, size=120)
        .encode(
            x=x,
            color=alt.Color("verdict:N", title=None, scale=_verdict_scale()),
            shape=alt.Shape(
                "reading:N",
                title=None,
                legend=alt.Legend(orient="top"),
                scale=alt.Scale(
                    domain=["as printed", "as the pipeline reads it"], range=["circle", "diamond"]
                ),
            ),
            size=alt.condition(hover, alt.value(260), alt.value(110)),
            stroke=alt.condition(hover, alt.value(INK), alt.value(None)),
            tooltip=[
                alt.Tooltip("quote:N", title="Article"),
                alt.Tooltip("gloss:N", title="Gloss"),
                alt.Tooltip("reading:N", title="Reading"),
                alt.Tooltip("ratio:Q", title="Claimed ÷ source", format=".4~g"),
                alt.Tooltip("fact:N", title="Checked against"),
                alt.Tooltip("verdict:N", title="Verdict"),
                alt.Tooltip("explanation:N", title="Why"),
            ],
        )
        .add_params(hover)
    )
    return alt.layer(one, links, dots).properties(
        title=source_title(
            "How far each number is from its source",
            source,
            "At 1 the claim equals its source; it can still mislead when the source is the vendor.",
        ),
        description="Dot plot on a logarithmic axis of each numeric claim's value divided by the value "
        "of the fact it is checked against; the lost-exponent claim appears twice, as printed and as read.",
        width=PLOT_WIDTH,
        height=alt.Step(26),
    )


def entity_heatmap(pairs: pd.DataFrame, scope: str, source: str) -> alt.Chart:
    """A symmetric heatmap of entities named together; radio buttons switch sentence/article scope.

    ``pairs`` is :func:`helpers.analysis.ledger.entity_pairs`; ``scope`` is the one shown first.
    """
    rows = pairs.assign(
        name_a=pairs["entity_a"] + " · " + pairs["label_a"].str.lower(),
        name_b=pairs["entity_b"] + " · " + pairs["label_b"].str.lower(),
    )
    names = sorted(set(rows["name_a"]), key=lambda n: (n.split(" · ")[1], n.lower()))
    most = int(rows["together"].max()) if len(rows) else 1
    pick = radio(Claims, "cooccurrence_scope", value=scope, label="Named together in one ")
    chart: alt.Chart = (
        alt.Chart(rows)
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "name_a:N", title=None, sort=names, axis=alt.Axis(labelAngle=-60, labelLimit=170)
            ),
            y=alt.Y("name_b:N", title=None, sort=names, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            color=alt.Color(
                "together:Q",
                title="Times named together",
                scale=alt.Scale(scheme="blues", domainMin=0),
                legend=alt.Legend(format="d", values=list(range(1, most + 1))),
            ),
            tooltip=[
                alt.Tooltip("entity_a:N", title="Entity"),
                alt.Tooltip("entity_b:N", title="With"),
                alt.Tooltip("scope:N", title="Scope"),
                alt.Tooltip("together:Q", title="Times together"),
                alt.Tooltip("articles:N", title="Articles"),
                alt.Tooltip("example:N", title="First sentence naming both"),
            ],
        )
        .transform_filter(f"datum.scope == {pick.name}")
        .add_params(pick)
        .properties(
            title=source_title(
                "Which organisations, systems, chips and models are named together",
                source,
                "Switch between one sentence and one article; hover a square for the sentence.",
            ),
            description="Heatmap of named entities against named entities; a square's shade counts the "
            "sentences (or articles) that name both. A radio button switches the scope.",
            width=alt.Step(13),
            height=alt.Step(13),
        )
    )
    return chart


def extractor_scores(
    scores: pd.DataFrame, article_labels: dict[str, str], source: str
) -> alt.Chart:
    """Precision and recall of the pipeline against the gold annotations, per article and pooled.

    ``scores`` is :func:`helpers.text.evaluate_against_gold` with the seed file stem in
    ``article`` (``all`` for the pooled rows). Clicking the legend picks a measure.
    """
    long = scores.melt(
        id_vars=["article", "kind", "true_positives", "predicted", "gold"],
        value_vars=["precision", "recall"],
        var_name="measure",
        value_name="score",
    )
    long["label"] = long["article"].map(
        lambda a: article_labels.get(str(a)[:3], "All five articles (pooled)")
    )
    order = [article_labels[a] for a in sorted(article_labels)] + ["All five articles (pooled)"]
    pick = alt.selection_point(fields=["measure"], bind="legend", name="measure_pick")
    chart: alt.Chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X(
                "score:Q", title=None, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")
            ),
            y=alt.Y("measure:N", title=None, axis=None),
            row=alt.Row(
                "label:N",
                title=None,
                sort=order,
                header=alt.Header(labelAngle=0, labelAlign="left", labelLimit=LABEL_LIMIT),
            ),
            column=alt.Column("kind:N", title=None),
            color=alt.Color(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=["precision", "recall"], range=[HIGHLIGHT, ACCENT]),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.2)),
            tooltip=[
                alt.Tooltip("label:N", title="Article"),
                alt.Tooltip("kind:N", title="What"),
                alt.Tooltip("measure:N", title="Measure"),
                alt.Tooltip("score:Q", format=".1%"),
                alt.Tooltip("true_positives:Q", title="Matched"),
                alt.Tooltip("predicted:Q", title="Found by the pipeline"),
                alt.Tooltip("gold:Q", title="In the gold annotations"),
            ],
        )
        .add_params(pick)
        .properties(
            title=source_title(
                "How well the pipeline reads the articles",
                source,
                "Against hand-made annotations of the same five "
                "articles (the lexicon was built from them).",
            ),
            description="Bars of precision and recall, for quantities and for named entities, per "
            "article and pooled over the five articles.",
            width=170,
            height=alt.Step(12),
        )
    )
    return chart
