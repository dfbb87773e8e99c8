"""The claim ledger: every number the articles state, with the claim it belongs to and its verdict.

The text pipeline (:mod:`helpers.text`) finds every quantity in the five articles. Each one
lands in the ledger either inside a curated claim (``data/claims/<chapter>.csv``: the quote
contains it), with that claim's verdict and source, or in ``data/ledger_exclusions.csv``
with the reason it is not a claim (page furniture, a rhetorical figure, a list number). A
quantity that is in neither is a gap, and :func:`build` reports it, so no number of the
articles can slip through unchecked.

Ratios
    For a numeric claim checked against facts, the ledger recomputes ``ratio`` = claimed value
    over the value of its *reference fact*, named in ``ratio_fact``. The reference fact is a
    cited fact in the claim's unit: the one whose ratio reproduces the curated ``factor`` (the
    nearest on a log scale) when the claim has one, else the first one cited. So a factor that
    no cited fact supports shows up as a ``ratio`` that disagrees with it. ``reading_ratio`` is
    the same division for the value the pipeline extracted: for *1018 fracasos* the literal
    claim (1018 FLOP/s) is 1e-15 of the fact, the pipeline's reading (10^18) matches it.

Besides :func:`build`, the module gives the claims chapter its tables: one row per claim with
the quantities extracted from its quote (:func:`claim_table`, :func:`markdown_table`), a count
of where each article's numbers went (:func:`accounting`), and which entities the articles name
together (:func:`entity_pairs`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from helpers import formats, text
from helpers.errors import DataError
from helpers.inputs import claims as claims_mod
from helpers.inputs import seeds
from helpers.inputs.facts import load_facts, read_table
from helpers.paths import DATA

EXCLUSIONS_SCHEMA = pa.DataFrameSchema(
    {
        "article": pa.Column(str, pa.Check.str_matches(r"^\d{3}$")),
        "text": pa.Column(str, pa.Check.str_length(min_value=1)),
        "reason": pa.Column(str, pa.Check.str_length(min_value=10)),
    },
    strict=True,
    ordered=True,
    unique=["article", "text"],
)

_QUANTITY = ["article", "chapter", "sentence", "text", "value", "unit", "qualifier", "flag"]
LEDGER_COLUMNS = [
    *_QUANTITY,
    "claim_id",
    "subject",
    "verdict",
    "factor",
    "ratio",
    "ratio_fact",
    "reading_ratio",
    "explanation",
    "source_url",
    "source_date",
]
EXCLUDED_COLUMNS = [*_QUANTITY, "reason"]


@dataclass(frozen=True)
class Ledger:
    """The ledger (one row per quantity in a claim), the excluded quantities, and the gaps."""

    rows: pd.DataFrame
    excluded: pd.DataFrame
    gaps: pd.DataFrame


@dataclass(frozen=True)
class Reference:
    """The fact a numeric claim is divided by, and the quotient (NaN when there is none)."""

    fact_id: str | None
    fact_value: float
    ratio: float


def load_exclusions(path: Path = DATA / "ledger_exclusions.csv") -> pd.DataFrame:
    """Quantities of the articles that are not claims, each with its reason."""
    return read_table(path, EXCLUSIONS_SCHEMA)


def _spans(article_text: str, quote: str) -> list[tuple[int, int]]:
    spans, start = [], article_text.find(quote)
    while start != -1:
        spans.append((start, start + len(quote)))
        start = article_text.find(quote, start + 1)
    return spans


def reference(claim: pd.Series, facts: pd.DataFrame) -> Reference:
    """The reference fact of a numeric claim and claimed value / fact value (see the module doc)."""
    none = Reference(None, math.nan, math.nan)
    if pd.isna(claim["claimed_value"]):
        return none
    claimed = float(claim["claimed_value"])
    candidates = [
        (fid, float(facts.loc[fid, "value"]))
        for fid in claims_mod.fact_ids(claim["fact_ids"])
        if fid in facts.index
        and facts.loc[fid, "unit"] == claim["claimed_unit"]
        and float(facts.loc[fid, "value"]) > 0
    ]
    if not candidates:
        return none
    if pd.notna(claim["factor"]) and claimed > 0:
        target = math.log(float(claim["factor"]))
        fid, value = min(candidates, key=lambda c: abs(math.log(claimed / c[1]) - target))
    else:
        fid, value = candidates[0]
    return Reference(fid, value, claimed / value)


#: Extracted units that a claim may state under another name.
_CLAIM_UNIT = {"times": "ratio"}


def _reading_ratio(
    q: Any, claim: pd.Series, span: tuple[int, int], ref: Reference, found: pd.DataFrame
) -> float:
    """Extracted value over the reference fact, for the one quantity of the quote that states
    the claimed value: of those in the claim's unit, the nearest to it on a log scale."""
    unit = str(claim["claimed_unit"])
    if ref.fact_id is None or _CLAIM_UNIT.get(q.unit, q.unit) != unit:
        return math.nan
    claimed = float(claim["claimed_value"])
    inside = found[(found["start"] >= span[0]) & (found["end"] <= span[1])]
    same = [r for r in inside.itertuples() if _CLAIM_UNIT.get(r.unit, r.unit) == unit]
    if claimed > 0 and len(same) > 1:
        nearest = min(same, key=lambda r: abs(math.log(max(float(r.value), 1e-300) / claimed)))
        if nearest.start != q.start:
            return math.nan
    return float(q.value) / ref.fact_value


@cache
def build(exclusions_path: Path = DATA / "ledger_exclusions.csv") -> Ledger:
    """Match every quantity of every article to the claim whose quote contains it, or to its
    exclusion in ``exclusions_path``; what matches neither is a gap."""
    index = seeds.index()
    all_claims = claims_mod.load_claims()
    exclusions = load_exclusions(exclusions_path)
    facts = load_facts()
    rows, excluded, gaps = [], [], []
    for article_id, info in index.iterrows():
        body = seeds.article(str(article_id))
        found = text.extract_quantities(body)
        chapter_claims = all_claims[all_claims["article"] == article_id]
        claim_spans: list[tuple[int, int, pd.Series]] = []
        for _, claim in chapter_claims.iterrows():
            spans = _spans(body, str(claim["quote"]))
            if not spans:
                raise DataError(
                    f"data/claims/{claim['chapter']}.csv: the quote of claim "
                    f"{claim['claim_id']!r} is not in article {article_id}"
                )
            claim_spans += [(a, b, claim) for a, b in spans]
        skip = exclusions[exclusions["article"] == article_id]
        for q in found.itertuples():
            base = {
                "article": article_id,
                "chapter": info["notebook"],
                "sentence": q.sentence,
                "text": q.text,
                "value": q.value,
                "unit": q.unit,
                "qualifier": q.qualifier,
                "flag": q.flag,
            }
            hit = next(((a, b, c) for a, b, c in claim_spans if a <= q.start and q.end <= b), None)
            if hit is not None:
                holder = hit[2]
                ref = reference(holder, facts)
                rows.append(
                    {
                        **base,
                        "claim_id": holder["claim_id"],
                        "subject": holder["subject"],
                        "verdict": holder["verdict"],
                        "factor": holder["factor"],
                        "ratio": ref.ratio,
                        "ratio_fact": ref.fact_id,
                        "reading_ratio": _reading_ratio(q, holder, (hit[0], hit[1]), ref, found),
                        "explanation": holder["explanation"],
                        "source_url": holder["source_url"],
                        "source_date": holder["source_date"],
                    }
                )
            elif (skip["text"] == q.text).any():
                reason = skip.loc[skip["text"] == q.text, "reason"].iloc[0]
                excluded.append({**base, "reason": reason})
            else:
                gaps.append(base)
    return Ledger(
        rows=pd.DataFrame(rows, columns=LEDGER_COLUMNS),
        excluded=pd.DataFrame(excluded, columns=EXCLUDED_COLUMNS),
        gaps=pd.DataFrame(gaps, columns=_QUANTITY),
    )


def accounting(ledger: Ledger) -> pd.DataFrame:
    """Where each article's numbers went: columns article, status, quantities.

    ``status`` is ``in a claim``, ``excluded`` or ``gap``; every article and status is listed.
    """
    parts = [(ledger.rows, "in a claim"), (ledger.excluded, "excluded"), (ledger.gaps, "gap")]
    frames = [df[["article"]].assign(status=status) for df, status in parts]
    both = pd.concat(frames, ignore_index=True)
    grid = pd.MultiIndex.from_product(
        [list(seeds.index().index), [s for _, s in parts]], names=["article", "status"]
    )
    counts = both.groupby(["article", "status"]).size().reindex(grid, fill_value=0)
    return counts.rename("quantities").reset_index()


# ------------------------------------------------------------------------------------------
# Tables for the book
# ------------------------------------------------------------------------------------------

#: How a unit is written after a number in the book's tables.
_UNIT_LABELS = {
    "year": "(a year)",
    "date": "(a date)",
    "count": "",
    "times": "times",
    "percent": "%",
    "GPUs": "GPU(s)",
}
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_value(value: float, unit: str) -> str:
    """A value in a base unit as a reader would write it: ``1.3 × 10¹⁴ parameters``, ``5 × 10⁸ EUR``.

    Years are plain (``2023 (a year)``); dates (``YYYYMMDD``, or ``MMDD`` for *16 de noviembre*)
    are written out (``16 November (no year given)``); from a thousandth to a million, thousands
    are grouped; beyond, the value is in scientific notation with up to three significant digits.
    """
    label = _UNIT_LABELS.get(unit, unit)
    if unit == "date":
        day, month, year = int(value) % 100, int(value) // 100 % 100, int(value) // 10_000
        when = f"{day} {_MONTHS[month - 1]}"
        return f"{when} {year}" if year else f"{when} (no year given)"
    if unit == "year":
        number = f"{value:.0f}"
    elif value != 0 and not 1e-3 <= abs(value) < 1e6:
        number = formats.significant(value, 3)
    else:
        number = f"{value:,.10g}"
    return f"{number} {label}".strip() if label != "%" else f"{number} %"


def _extracted(rows: pd.DataFrame) -> str:
    parts = []
    for r in rows.itertuples():
        flag = f" ⚠ {str(r.flag).split(':')[0]}" if r.flag else ""
        parts.append(f"{format_value(float(r.value), str(r.unit))}{flag}")
    return "; ".join(parts)


def claim_table(ledger: Ledger) -> pd.DataFrame:
    """One row per curated claim, in article order, with what the pipeline read inside its quote.

    Columns: article, chapter, claim_id, quote, gloss, subject, verdict, factor, ratio,
    ratio_fact, extracted (the values as read, with flags), n_quantities, explanation,
    source_url, source_date.
    """
    claims = claims_mod.load_claims()
    facts = load_facts()
    grouped = {cid: rows for cid, rows in ledger.rows.groupby("claim_id")}
    records = []
    for _, c in claims.iterrows():
        rows = grouped.get(c["claim_id"], ledger.rows.iloc[0:0])
        ref = reference(c, facts)
        records.append(
            {
                "article": c["article"],
                "chapter": c["chapter"],
                "claim_id": c["claim_id"],
                "quote": c["quote"],
                "gloss": c["gloss"],
                "subject": c["subject"],
                "verdict": c["verdict"],
                "factor": c["factor"],
                "ratio": ref.ratio,
                "ratio_fact": ref.fact_id,
                "extracted": _extracted(rows),
                "n_quantities": len(rows),
                "explanation": c["explanation"],
                "source_url": c["source_url"],
                "source_date": c["source_date"],
            }
        )
    order = {cid: i for i, cid in enumerate(claims["claim_id"])}
    table = pd.DataFrame(records)
    body = {a: seeds.article(a) for a in table["article"].unique()}
    table["position"] = [
        body[a].find(q) for a, q in zip(table["article"], table["quote"], strict=True)
    ]
    table["order"] = table["claim_id"].map(order)
    return (
        table.sort_values(["article", "position", "order"])
        .drop(columns=["position", "order"])
        .reset_index(drop=True)
    )


def markdown_table(table: pd.DataFrame) -> str:
    """Claims as a Markdown table: quote and gloss, the values as read, and the verdict with
    its factor, why, and the linked source (three columns, so the text has room)."""
    rows = []
    for r in table.itertuples():
        factor = f" (×{r.factor:,.4g})" if pd.notna(r.factor) else ""
        rows.append(
            [
                f"«{formats.markdown_cell(r.quote)}»<br>*{formats.markdown_cell(r.gloss)}*",
                formats.markdown_cell(r.extracted) or "—",
                f"**{r.verdict}**{factor}: {formats.markdown_cell(r.explanation)} "
                f"([source]({r.source_url}), {r.source_date})",
            ]
        )
    return formats.markdown_table(
        ["Claim (Spanish, with English gloss)", "Read as", "Verdict, and what the sources say"],
        rows,
    )


def excluded_markdown(excluded: pd.DataFrame) -> str:
    """The quantities that are not claims, as a Markdown table with their reasons."""
    rows = [
        [
            str(r.article),
            f"«{formats.markdown_cell(r.text)}»",
            format_value(float(r.value), str(r.unit)),
            formats.markdown_cell(r.reason),
        ]
        for r in excluded.itertuples()
    ]
    return formats.markdown_table(
        ["Article", "Number as written", "Read as", "Why it is not a claim"], rows
    )


# ------------------------------------------------------------------------------------------
# Which entities the articles name together
# ------------------------------------------------------------------------------------------


def entity_pairs(entities: pd.DataFrame, labels: list[str], drop: list[str]) -> pd.DataFrame:
    """Pairs of entities named together, in one sentence and in one article.

    ``entities`` has the columns of :func:`helpers.text.extract_entities` plus ``article``.
    Only the ``labels`` kept count, and the canonical names in ``drop`` (page furniture such as
    share buttons) are left out. Returns one row per ordered pair and scope (both orders, so a
    heatmap is symmetric): entity_a, entity_b, label_a, label_b, scope (``sentence`` or
    ``article``), together (sentences or articles naming both), articles (their ids) and
    example (the first sentence naming both, or empty at article scope).
    """
    ents = entities[entities["label"].isin(labels) & ~entities["canonical"].isin(drop)]
    label_of = ents.drop_duplicates("canonical").set_index("canonical")["label"].to_dict()
    counts: dict[tuple[str, str, str], list[str]] = {}
    examples: dict[tuple[str, str], str] = {}
    for (article, sentence), group in ents.groupby(["article", "sentence"], sort=True):
        for a, b in combinations(sorted(set(group["canonical"])), 2):
            counts.setdefault((a, b, "sentence"), []).append(str(article))
            examples.setdefault((a, b), str(sentence))
    for article, group in ents.groupby("article", sort=True):
        for a, b in combinations(sorted(set(group["canonical"])), 2):
            counts.setdefault((a, b, "article"), []).append(str(article))
    records = []
    for (a, b, scope), arts in counts.items():
        for x, y in ((a, b), (b, a)):
            records.append(
                {
                    "entity_a": x,
                    "entity_b": y,
                    "label_a": label_of[x],
                    "label_b": label_of[y],
                    "scope": scope,
                    "together": len(arts),
                    "articles": ", ".join(sorted(set(arts))),
                    "example": examples.get((a, b), "") if scope == "sentence" else "",
                }
            )
    columns = [
        "entity_a",
        "entity_b",
        "label_a",
        "label_b",
        "scope",
        "together",
        "articles",
        "example",
    ]
    return (
        pd.DataFrame(records, columns=columns)
        .sort_values(["scope", "entity_a", "entity_b"])
        .reset_index(drop=True)
    )
