"""The claim ledger: every number the articles state, with the claim it belongs to and its verdict.

The text pipeline (:mod:`helpers.text`) finds every quantity in the five articles. Each one
lands in the ledger either inside a curated claim (``data/claims/<chapter>.csv``: the quote
contains it), with that claim's verdict and source, or in ``data/ledger_exclusions.csv``
with the reason it is not a claim (page furniture, a rhetorical figure, a list number). A
quantity that is in neither is a gap, and :func:`build` reports it, so no number of the
articles can slip through unchecked.

For numeric claims checked against a fact, the ledger recomputes ``ratio`` = claimed value
over the fact's value, so the curated ``factor`` can be checked against the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers import claims as claims_mod
from helpers import seeds, text
from helpers.errors import DataError
from helpers.facts import load_facts, read_table
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

LEDGER_COLUMNS = [
    "article", "chapter", "sentence", "text", "value", "unit", "qualifier", "flag", "claim_id",
    "subject", "verdict", "factor", "ratio", "explanation", "source_url", "source_date",
]


@dataclass(frozen=True)
class Ledger:
    """The ledger (one row per quantity in a claim), the excluded quantities, and the gaps."""

    rows: pd.DataFrame
    excluded: pd.DataFrame
    gaps: pd.DataFrame


def load_exclusions(path: Path = DATA / "ledger_exclusions.csv") -> pd.DataFrame:
    """Quantities of the articles that are not claims, each with its reason."""
    return read_table(path, EXCLUSIONS_SCHEMA)


def _spans(article_text: str, quote: str) -> list[tuple[int, int]]:
    spans, start = [], article_text.find(quote)
    while start != -1:
        spans.append((start, start + len(quote)))
        start = article_text.find(quote, start + 1)
    return spans


def _ratio(claim: pd.Series, facts: pd.DataFrame) -> float:
    ids = [i.strip() for i in str(claim["fact_ids"]).split(";")] if pd.notna(claim["fact_ids"]) else []
    if pd.isna(claim["claimed_value"]) or not ids:
        return float("nan")
    fact = facts.loc[ids[0]]
    if fact["unit"] != claim["claimed_unit"] or fact["value"] == 0:
        return float("nan")
    return float(claim["claimed_value"]) / float(fact["value"])


@cache
def build() -> Ledger:
    """Match every quantity of every article to the claim whose quote contains it."""
    index = seeds.index()
    all_claims = claims_mod.load_claims()
    exclusions = load_exclusions()
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
                raise DataError(f"data/claims/{claim['chapter']}.csv: the quote of claim "
                                f"{claim['claim_id']!r} is not in article {article_id}")
            claim_spans += [(a, b, claim) for a, b in spans]
        skip = exclusions[exclusions["article"] == article_id]
        for q in found.itertuples():
            base = {"article": article_id, "chapter": info["notebook"], "sentence": q.sentence,
                    "text": q.text, "value": q.value, "unit": q.unit, "qualifier": q.qualifier,
                    "flag": q.flag}
            holder = next((c for a, b, c in claim_spans if a <= q.start and q.end <= b), None)
            if holder is not None:
                rows.append({**base, "claim_id": holder["claim_id"], "subject": holder["subject"],
                             "verdict": holder["verdict"], "factor": holder["factor"],
                             "ratio": _ratio(holder, facts), "explanation": holder["explanation"],
                             "source_url": holder["source_url"], "source_date": holder["source_date"]})
            elif (skip["text"] == q.text).any():
                reason = skip.loc[skip["text"] == q.text, "reason"].iloc[0]
                excluded.append({**base, "reason": reason})
            else:
                gaps.append(base)
    return Ledger(
        rows=pd.DataFrame(rows, columns=LEDGER_COLUMNS),
        excluded=pd.DataFrame(excluded),
        gaps=pd.DataFrame(gaps),
    )
