"""The draft as a claim ledger, and how good the draft is on the book's five articles.

:func:`draft_ledger` writes a draft (:func:`helpers.analysis.check_bands.draft`) in the columns
of ``data/claims/``, for a person to confirm: the verdict is left blank and ``confidence`` is
:data:`DRAFT`, so that a draft cannot pass the claims schema until someone has read the
sources. :func:`evaluate_on_articles` measures the draft on the five articles against their
curated ledgers: is the cited fact among the top three candidates, and does the band agree with
the curated verdict (:data:`VERDICT_BAND`)? Articles the draft was not built from are scored by
:mod:`helpers.analysis.check_score`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from helpers.analysis.check_bands import OFF, UNCHECKABLE, WITHIN, Check, check_text
from helpers.analysis.check_names import words
from helpers.analysis.check_sources import positions, sources
from helpers.analysis.check_units import family
from helpers.analysis.ledger import reference
from helpers.inputs import claims as claims_mod
from helpers.inputs import seeds
from helpers.inputs.facts import CHAPTERS, UNITS, load_facts

#: ``confidence`` of a drafted ledger row: not a value the claims schema accepts.
DRAFT: Final[str] = "draft"

#: Pipeline units written as the claims schema's units.
_CLAIM_UNITS: Final[dict[str, str]] = {
    "GPUs": "count",
    "chips": "count",
    "cores": "count",
    "nodes": "count",
    "servers": "count",
    "rank": "count",
    "transistors": "count",
    "times": "ratio",
}
_SUGGESTED = {WITHIN: "consistent", OFF: "wrong", UNCHECKABLE: "unverifiable"}


def _slug(value: str, n: int = 40) -> str:
    plain = "_".join(words(value))[:n].strip("_")
    return re.sub(r"[^a-z0-9_]", "_", plain) or "number"


def draft_ledger(drafted: pd.DataFrame, article: str) -> pd.DataFrame:
    """The draft in the columns of ``data/claims/`` (``CLAIMS_SCHEMA``), one row per quantity.

    ``verdict`` is blank for a person to fill in (the suggested one is in ``explanation``);
    the source is the top candidate's (blank when there is none),
    ``confidence`` is :data:`DRAFT`, and ``gloss`` asks for the translation: a draft does not
    pass the claims schema until it is confirmed. ``chapter`` is the chapter most of its
    candidate facts belong to; ``fact_ids`` the top candidate when it is a fact.
    """
    facts = load_facts()
    chapters = [
        c
        for c in drafted["source_id"].map(
            lambda s: facts.loc[s, "chapter"] if s in facts.index else None
        )
        if c
    ]
    chapter = pd.Series(chapters).mode().iloc[0] if chapters else CHAPTERS[0]
    records = []
    for r in drafted.itertuples():
        unit = _CLAIM_UNITS.get(str(r.unit), str(r.unit))
        is_fact = r.source_id in facts.index
        where = positions().get(str(r.source_id))
        hit = None if where is None else sources().iloc[where]
        # no candidate: no source to cite, for a person to find
        url = str(hit["source_url"]) if hit is not None else None
        date = str(hit["source_date"]) if hit is not None else None
        factor = f"; factor {r.factor:.4g}" if r.band == OFF and pd.notna(r.factor) else ""
        records.append(
            {
                "claim_id": f"draft_{r.quantity_index + 1:03d}_{_slug(str(r.text))}",
                "chapter": chapter,
                "article": article,
                "quote": r.sentence,
                "gloss": "(draft: English gloss to be written)",
                "subject": r.name or r.entity or "",
                "claimed_value": r.value,
                "claimed_unit": unit if unit in (*UNITS, "year") else None,
                "qualifier": r.qualifier or None,
                "fact_ids": r.source_id if is_fact else None,
                "verdict": None,
                "factor": r.factor if r.band == OFF and pd.notna(r.factor) else None,
                "explanation": f"DRAFT, to confirm: suggested {_SUGGESTED[r.band]} ({r.band}"
                f"{factor}: {r.why}); read as {r.text!r}; candidates: {r.candidates or 'none'}",
                "source_url": url,
                "source_date": date,
                "source_last_seen": None,
                "confidence": DRAFT,
            }
        )
    columns = list(claims_mod.CLAIMS_SCHEMA.columns)
    return pd.DataFrame(records, columns=columns)


#: A curated verdict about a number -> the band that agrees with it. *Misleading* numeric
#: claims copy their source faithfully (the chapter's ratio chart sits them at one).
VERDICT_BAND: Final[dict[str, str]] = {
    "consistent": WITHIN,
    "misleading": WITHIN,
    "wrong": OFF,
    "garbled translation": OFF,
    "unverifiable": UNCHECKABLE,
}


@dataclass(frozen=True)
class Evaluation:
    """The draft against the curated ledgers of the five articles."""

    #: One row per curated claim that names fact ids (columns claim_id, article, verdict,
    #: target, text, candidates, in_top3, same_family: a target is in the number's unit
    #: family, band, expected_band, band_agrees).
    rows: pd.DataFrame

    @property
    def matched(self) -> pd.DataFrame:
        """The claims whose quote holds a quantity the pipeline found."""
        return self.rows[self.rows["text"] != ""]

    @property
    def top3_share(self) -> float:
        m = self.matched
        return float(m["in_top3"].mean()) if len(m) else math.nan

    @property
    def numeric(self) -> pd.DataFrame:
        """The matched claims whose verdict is about a number (a claimed value)."""
        return self.matched[self.matched["expected_band"] != ""]

    @property
    def band_share(self) -> float:
        n = self.numeric
        return float(n["band_agrees"].mean()) if len(n) else math.nan


def _matching(found: pd.DataFrame, span: tuple[int, int], claim: pd.Series) -> int | None:
    """The quantity of the quote that states the claim: in the claim's unit family and
    nearest its claimed value, else the quote's first quantity."""
    inside = found[(found["start"] >= span[0]) & (found["end"] <= span[1])]
    if inside.empty:
        return None
    if pd.notna(claim["claimed_value"]) and pd.notna(claim["claimed_unit"]):
        fam, base = family(str(claim["claimed_unit"]), float(claim["claimed_value"]))
        same = [
            (
                abs(math.log(max(family(str(r.unit), float(r.value))[1], 1e-300) / base))
                if base > 0
                else 0.0,
                int(i),
            )
            for i, r in zip(inside.index, inside.itertuples(), strict=True)
            if family(str(r.unit), float(r.value))[0] == fam
        ]
        if same:
            return min(same)[1]
    return int(inside.index[0])


def _claim_row(
    claim: pd.Series, article_id: str, body: str, checked: Check, facts: pd.DataFrame
) -> dict[str, Any] | None:
    """The row of :attr:`Evaluation.rows` for one curated claim of the article ``body``
    (``None``: it cites no fact)."""
    cited = claims_mod.fact_ids(claim["fact_ids"])
    if not cited:
        return None
    ref = reference(claim, facts).fact_id
    targets = [ref] if ref else cited
    start = body.find(str(claim["quote"]))
    pos = _matching(checked.quantities, (start, start + len(str(claim["quote"]))), claim)
    numeric = pd.notna(claim["claimed_value"])
    expected = VERDICT_BAND[str(claim["verdict"])] if numeric else ""
    common = {
        "claim_id": claim["claim_id"],
        "article": article_id,
        "verdict": claim["verdict"],
        "target": ";".join(targets),
    }
    if pos is None:
        return {
            **common,
            "text": "",
            "candidates": "",
            "in_top3": False,
            "same_family": False,
            "band": "",
            "expected_band": expected,
            "band_agrees": False,
        }
    row = checked.draft.iloc[pos]
    top = [c for c in str(row["candidates"]).split(";") if c]
    fam = family(str(row["unit"]), float(row["value"]))[0]
    same_family = any(
        family(str(facts.loc[t, "unit"]), float(facts.loc[t, "value"]))[0] == fam for t in targets
    )
    return {
        **common,
        "text": row["text"],
        "candidates": ";".join(top),
        "in_top3": any(t in top for t in targets),
        "same_family": same_family,
        "band": row["band"],
        "expected_band": expected,
        "band_agrees": bool(expected) and row["band"] == expected,
    }


def evaluate_on_articles() -> Evaluation:
    """For every curated claim that names fact ids: is its fact among the top three
    candidates of the quantity that states it, and does the band agree with the verdict?

    The target is the ledger's reference fact (the cited fact in the claim's unit that
    reproduces its factor, :func:`helpers.analysis.ledger.reference`) where there is one,
    else any cited fact. A claim whose quote holds no quantity has no row to rank; it is kept
    with an empty ``text``, outside the shares.
    """
    all_claims = claims_mod.load_claims()
    facts = load_facts()
    records = []
    for article_id in seeds.index().index:
        body = seeds.article(str(article_id))
        checked = check_text(body)
        for _, claim in all_claims[all_claims["article"] == article_id].iterrows():
            record = _claim_row(claim, article_id, body, checked, facts)
            if record is not None:
                records.append(record)
    return Evaluation(pd.DataFrame(records))
