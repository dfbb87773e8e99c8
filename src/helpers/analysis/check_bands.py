"""The bands: what the top candidate of each number says about it, and the draft they make.

:func:`draft` gives each quantity its top candidate (:func:`helpers.analysis.check_rank.propose`)
and a band:

* **within tolerance**: the article's value is in the source's range (``value_low`` to
  ``value_high``), or within the tolerance of the top candidate: the larger of
  ``RATIO_TOLERANCE`` (the claims chapter's tolerance for a curated factor to count as
  reproduced, ``helpers.params.Claims.ratio_tolerance``) and the rounding of the number as the
  article writes it (half a unit of its last significant digit: *1,75 billones* ±0.29 %,
  *24.000* ±2.1 %), at most ``MAX_ROUNDING`` (both in :mod:`helpers.analysis.check_units`); a
  year must be the same year;
* **off by a factor**: the factor (article ÷ source) is given; for a year, the years;
* **cannot be checked**: no source in the quantity's unit family, or none that names an entity
  of the article near the quantity (a value that merely happens to match is no evidence), or
  none that counts what a count counts (or a place in another ranking than the TOP500, a
  share of something no source shares), or a sentence about another subject, or a best
  source more than :data:`MAX_DECADES` factors of ten away (unless a long-scale word was read
  for a short-scale one, *un quintillón* for 10^18, which is off by a factor), or a vague
  magnitude (*miles de investigadores*, qualifier :data:`VAGUE`).

:func:`check_text` reads an article and drafts it; :func:`relevance` says whether the article
is about the book's subjects at all.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from helpers import text
from helpers.analysis.check_rank import propose
from helpers.analysis.check_sentence import quantity_family
from helpers.analysis.check_sources import positions, sources
from helpers.analysis.check_units import RATIO_TOLERANCE, printed_number, rounding_tolerance
from helpers.text.numbers import fold

WITHIN, OFF, UNCHECKABLE = "within tolerance", "off by a factor", "cannot be checked"
BANDS: Final[tuple[str, ...]] = (WITHIN, OFF, UNCHECKABLE)
#: The qualifier :mod:`helpers.text` gives a vague magnitude (*miles*, *millones*).
VAGUE: Final[str] = "del orden de"
#: Below this share of quantities with a named source, an article is not about the book's
#: subjects (:func:`relevance`).
RELEVANT_SHARE: Final[float] = 0.2
#: Beyond this many factors of ten from its best named source, a number is not about it...
MAX_DECADES: Final[float] = 3.0
#: ... unless it is a long-scale word read for a short-scale one (*un quintillón* for 10^18):
#: a factor of 10^6, 10^12 or 10^18 with one of these words is a garbled translation.
LONG_SCALE: Final[re.Pattern[str]] = re.compile(r"\b(?:bill|trill|cuatrill|quintill)on", re.I)

DRAFT_COLUMNS: Final[list[str]] = [
    "quantity_index",
    "text",
    "value",
    "unit",
    "qualifier",
    "sentence",
    "flag",
    "band",
    "factor",
    "tolerance",
    "why",
    "source_id",
    "kind",
    "name",
    "source_quantity",
    "source_value",
    "source_unit",
    "ratio",
    "entity",
    "candidates",
]


def _scale_slip(written: str, ratio: float) -> bool:
    """Whether ``ratio`` is a long-for-short scale slip of the number ``written``."""
    if not ratio > 0 or not LONG_SCALE.search(fold(written)):
        return False
    sixes = math.log10(ratio) / 6
    return round(sixes) != 0 and abs(sixes - round(sixes)) * 6 < 0.05


def _unchecked(why: str) -> dict[str, Any]:
    return {"band": UNCHECKABLE, "factor": math.nan, "tolerance": math.nan, "why": why}


def _band(q: Any, best: dict[str, Any] | None, tables: pd.DataFrame) -> dict[str, Any]:
    """The band of quantity ``q`` from its top candidate ``best`` (``None``: it has none):
    band, factor, tolerance and why."""
    fam, base = quantity_family(q)
    if str(q.qualifier) == VAGUE:
        return _unchecked(f"a vague magnitude ({VAGUE}), not a figure to check")
    if best is None:
        return _unchecked(f"no source in the unit family {fam!r}")
    note = str(best.get("note") or "")
    if best["evidence"] <= 0:
        return _unchecked(
            note or "no source in that unit names an entity of the article near this number"
        )
    if note:
        # a superseded year: say which fact the number is checked against instead
        inner = _band(q, {**best, "note": ""}, tables)
        return {**inner, "why": f"{inner['why']}; {note}"}
    if fam == "year":
        return _year_band(float(best["ratio"]))
    if fam == "date":
        return _date_band(best["ratio"] == 1.0)
    return _value_band(q, base, best, tables)


def _year_band(years: float) -> dict[str, Any]:
    """A year ``years`` later than the source's (earlier when negative)."""
    if years == 0:
        return {"band": WITHIN, "factor": 1.0, "tolerance": 0.0, "why": "the same year"}
    return {
        "band": OFF,
        "factor": math.nan,
        "tolerance": 0.0,
        "why": f"{abs(years):.0f} year(s) {'later' if years > 0 else 'earlier'} than the source",
    }


def _date_band(same: bool) -> dict[str, Any]:
    return {
        "band": WITHIN if same else OFF,
        "factor": math.nan,
        "tolerance": 0.0,
        "why": "the same date" if same else "another date than the source's",
    }


def _value_band(q: Any, base: float, best: dict[str, Any], tables: pd.DataFrame) -> dict[str, Any]:
    """A value (not a year or date) of ``base`` in its family's base unit against its top
    candidate: in its range, a lost exponent, a scale slip, too far, within tolerance or off."""
    src = tables.iloc[positions()[str(best["source_id"])]]
    ratio = float(best["ratio"])
    rounding = rounding_tolerance(str(q.text))
    tol = max(RATIO_TOLERANCE, rounding)
    low, high = src["base_low"], src["base_high"]
    if pd.notna(low) and pd.notna(high) and low <= base <= high:
        return {
            "band": WITHIN,
            "factor": ratio,
            "tolerance": tol,
            "why": "inside the source's range",
        }
    if str(q.flag).startswith("lost_exponent?"):
        # the pipeline reads *1018 flops* as 10^18; the article prints 1018, and that is the claim
        printed = printed_number(str(q.text))
        read_ok = abs(ratio - 1) <= tol
        return {
            "band": OFF,
            "factor": printed / float(src["base"]) if printed else math.nan,
            "tolerance": tol,
            "why": f"as printed, {printed:g} (an exponent lost); read as {base:.3g} it is "
            + ("within tolerance" if read_ok else f"{ratio:.4g} times the source"),
        }
    if _scale_slip(str(q.text), ratio):
        return {
            "band": OFF,
            "factor": ratio,
            "tolerance": tol,
            "why": f"article ÷ source = {ratio:.3g}: a long-scale word read as a short-scale one",
        }
    if abs(math.log10(ratio)) > MAX_DECADES:
        return _unchecked(
            f"no source named near it is within a factor of {10**MAX_DECADES:,.0f} "
            f"(the nearest: ×{ratio:.3g})"
        )
    if abs(ratio - 1) <= tol:
        which = (
            f"the rounding of {str(q.text)!r} (±{rounding:.2%})"
            if rounding > RATIO_TOLERANCE
            else f"the claims chapter's tolerance (±{RATIO_TOLERANCE:.0%})"
        )
        return {"band": WITHIN, "factor": ratio, "tolerance": tol, "why": f"within {which}"}
    return {
        "band": OFF,
        "factor": ratio,
        "tolerance": tol,
        "why": f"article ÷ source = {ratio:.4g}, beyond ±{tol:.2%}",
    }


#: A draft row's source columns when the quantity has no candidate.
_NO_SOURCE: Final[dict[str, Any]] = {
    "source_id": "",
    "kind": "",
    "name": "",
    "source_quantity": "",
    "source_value": math.nan,
    "source_unit": "",
    "ratio": math.nan,
    "entity": "",
    "candidates": "",
}


def draft(quantities: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """One row per quantity: its top candidate, the band and factor, the tolerance used and
    why, and the ids of its top candidates (``;``-separated, best first); columns
    :data:`DRAFT_COLUMNS`."""
    cands = propose(quantities, entities)
    table = sources()
    by_q: dict[int, list[dict[str, Any]]] = {}
    for record in cands.to_dict("records"):
        by_q.setdefault(int(record["quantity_index"]), []).append(record)
    rows = []
    for pos, q in enumerate(quantities.itertuples()):
        group = by_q.get(pos)
        best = None if group is None else group[0]
        band = _band(q, best, table)
        rows.append(
            {
                "quantity_index": pos,
                "text": q.text,
                "value": float(q.value),
                "unit": q.unit,
                "qualifier": q.qualifier,
                "sentence": q.sentence,
                "flag": q.flag,
                **band,
                **(
                    {
                        "source_id": best["source_id"],
                        "kind": best["kind"],
                        "name": best["name"],
                        "source_quantity": best["source_quantity"],
                        "source_value": best["source_value"],
                        "source_unit": best["source_unit"],
                        "ratio": best["ratio"],
                        "entity": best["entity"],
                        "candidates": ";".join(c["source_id"] for c in group or []),
                    }
                    if best is not None
                    else _NO_SOURCE
                ),
            }
        )
    return pd.DataFrame(rows, columns=DRAFT_COLUMNS)


@dataclass(frozen=True)
class Check:
    """A checked article: its quantities, entities, candidates and draft."""

    quantities: pd.DataFrame
    entities: pd.DataFrame
    candidates: pd.DataFrame
    draft: pd.DataFrame


def check_text(body: str) -> Check:
    """Read ``body`` with :mod:`helpers.text` and draft its ledger."""
    analysis = text.analyse(body)
    quantities = analysis.quantities.reset_index(drop=True)
    entities = analysis.entities.reset_index(drop=True)
    return Check(quantities, entities, propose(quantities, entities), draft(quantities, entities))


@dataclass(frozen=True)
class Relevance:
    """How much of an article the book's sources speak about."""

    quantities: int
    with_named_source: int
    about_the_book: bool

    @property
    def share(self) -> float:
        return self.with_named_source / self.quantities if self.quantities else 0.0


def relevance(drafted: pd.DataFrame) -> Relevance:
    """Whether the article is about the book's subjects: at least :data:`RELEVANT_SHARE` of
    its quantities (and at least one) have a candidate that names one of its entities."""
    named = int((drafted["band"] != UNCHECKABLE).sum())
    n = len(drafted)
    return Relevance(n, named, named >= 1 and named >= RELEVANT_SHARE * n)
