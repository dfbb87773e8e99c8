"""The claim ledger: what each article claims, checked against sourced facts.

``data/claims/<chapter>.csv`` holds one row per checkable claim of the chapter's article:
the quote (verbatim Spanish, which must occur in the article), an English gloss, the value
and unit claimed where the claim is a number, the facts it is checked against (ids into
``data/facts``), the verdict and a one-line explanation, with the source of the check.

Verdicts: ``consistent``, ``wrong`` (a number off by ``factor``), ``misleading``,
``unverifiable``, ``garbled translation``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers import formats
from helpers.errors import DataError
from helpers.inputs.facts import (
    CHAPTERS,
    CONFIDENCE,
    SEEN_AFTER_PUBLISHED,
    UNITS,
    URL,
    last_seen_column,
    load_facts,
    read_folder,
)
from helpers.paths import DATA

VERDICTS = ("consistent", "wrong", "misleading", "unverifiable", "garbled translation")

CLAIMS_SCHEMA = pa.DataFrameSchema(
    {
        "claim_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9][a-z0-9_]*$"), unique=True),
        "chapter": pa.Column(str, pa.Check.isin(CHAPTERS)),
        "article": pa.Column(str, pa.Check.str_matches(r"^\d{3}$")),
        "quote": pa.Column(str, pa.Check.str_length(min_value=3)),
        "gloss": pa.Column(str, pa.Check.str_length(min_value=3)),
        "subject": pa.Column(str),
        "claimed_value": pa.Column(float, nullable=True),
        "claimed_unit": pa.Column(str, pa.Check.isin((*UNITS, "year")), nullable=True),
        "qualifier": pa.Column(str, nullable=True),
        "fact_ids": pa.Column(str, nullable=True),
        "verdict": pa.Column(str, pa.Check.isin(VERDICTS)),
        "factor": pa.Column(float, pa.Check.gt(0), nullable=True),
        "explanation": pa.Column(str, pa.Check.str_length(min_value=10)),
        "source_url": pa.Column(str, pa.Check.str_matches(URL)),
        "source_date": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
        "source_last_seen": last_seen_column(),
        "confidence": pa.Column(str, pa.Check.isin(CONFIDENCE)),
    },
    checks=[SEEN_AFTER_PUBLISHED],
    strict=True,
    ordered=True,
    coerce=True,
)


@cache
def load_claims(folder: Path = DATA / "claims") -> pd.DataFrame:
    """Every claim of every article; fact ids are checked against the facts table."""
    claims = read_folder(folder, CLAIMS_SCHEMA, "claim_id")
    known = set(load_facts().index)
    for row in claims.itertuples():
        for fact_id in fact_ids(row.fact_ids):
            if fact_id not in known:
                raise DataError(
                    f"{folder / (row.chapter + '.csv')}: claim {row.claim_id!r} "
                    f"cites unknown fact {fact_id!r}"
                )
    return claims


def fact_ids(cell: object) -> list[str]:
    """The fact ids of a ``fact_ids`` cell (``;``-separated; empty when blank)."""
    return [] if pd.isna(cell) else [part.strip() for part in str(cell).split(";") if part.strip()]


def for_chapter(chapter: str) -> pd.DataFrame:
    """The claims of one chapter, in the article's order, for a table in the book."""
    claims = load_claims()
    rows = claims[claims["chapter"] == chapter].copy()
    if rows.empty:
        raise DataError(f"data/claims/{chapter}.csv: no claims")
    return rows.reset_index(drop=True)


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per article and verdict (columns article, verdict, claims), every verdict listed."""
    grid = pd.MultiIndex.from_product(
        [sorted(claims["article"].unique()), VERDICTS], names=["article", "verdict"]
    )
    counts = claims.groupby(["article", "verdict"]).size().reindex(grid, fill_value=0)
    return counts.rename("claims").reset_index()


def markdown_table(claims: pd.DataFrame) -> formats.Markup:
    """The claims as a Markdown table: quote with gloss, verdict, explanation, linked source.
    Every text from the table is escaped (:func:`helpers.formats.markdown_cell`), the source
    linked by :func:`helpers.formats.link`, so no cell can become markup."""
    rows = []
    for row in claims.itertuples():
        factor = f" (off by a factor of {row.factor:,.3g})" if pd.notna(row.factor) else ""
        rows.append(
            [
                f"«{formats.markdown_cell(row.quote)}»<br>*{formats.markdown_cell(row.gloss)}*",
                f"**{formats.markdown_cell(row.verdict)}**{factor}",
                formats.markdown_cell(row.explanation),
                f"{formats.link('source', row.source_url)}, {formats.markdown_cell(row.source_date)}",
            ]
        )
    return formats.markdown_table(
        ["Claim (Spanish, with gloss)", "Verdict", "What the sources say", "Source"], rows
    )
