"""The ranking: for every quantity of an article, the sources it may be about, best first.

Three things rank a source (:func:`propose`):

Unit family (a filter)
    Only a source in the quantity's family (:data:`helpers.analysis.check_units.FAMILIES`) is
    a candidate. A quantity whose family no source has gets no candidate ("cannot be checked").
Canonical entity (the main evidence)
    How strongly the article's entities name the source, near the number or anywhere in the
    article (:mod:`helpers.analysis.check_evidence`, by the names of
    :mod:`helpers.analysis.check_names`), and what the sentence says about its own numbers
    (:mod:`helpers.analysis.check_sentence`; see :func:`propose`).
Magnitude
    The distance of the two values (:func:`helpers.analysis.check_units.distance`: a factor of
    ten is 1; years: the difference over ``YEARS_PER_DECADE_OF_RATIO``; two different dates:
    ``DATE_MISMATCH``).

The score is ``ENTITY_POINTS × evidence − min(distance, MAX_DISTANCE)``, plus
:data:`FACT_BONUS` for a curated fact (a fact was chosen for this book; a dataset row was not)
and :data:`WITHIN_BONUS` for a source within tolerance; :data:`TOP` candidates are kept.

:func:`propose` runs in named steps: for each quantity :func:`_evidence` (its family's
sources, their distance from the number and the entities' evidence for them) and the filters
:func:`_only_shares`, :func:`_actors`, :func:`_happened` and :func:`_only_counts`; then, over each sentence's
numbers, :func:`_agreement`; then for each quantity :func:`_score`, :func:`_supersede` and
:func:`_pick`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

import numpy as np
import pandas as pd

from helpers.analysis.check_evidence import Evidence
from helpers.analysis.check_names import name_index
from helpers.analysis.check_sentence import (
    OTHER_RANKINGS,
    actor_rows,
    actor_words,
    counted_noun,
    counts_mask,
    event_mask,
    happenings,
    quantity_family,
    share_of,
    text_before,
)
from helpers.analysis.check_sources import KIND_FACT, sources
from helpers.analysis.check_units import distance, within_distance

ENTITY_POINTS: Final[float] = 4.0
MAX_DISTANCE: Final[float] = 6.0
FACT_BONUS: Final[float] = 0.05
#: Evidence a source gets when two numbers of one sentence match it (see :func:`propose`).
COHERENCE: Final[float] = 0.5
#: Candidates kept per quantity.
TOP: Final[int] = 3
#: Evidence a curated fact gets when it counts what the number counts (*seis fábricas*: the
#: AI Factories' counts), even with no entity named.
COUNTED_WEIGHT: Final[float] = 0.4
#: Added to the evidence of a source the sentence's actor (a government) names.
ACTOR_WEIGHT: Final[float] = 0.3
#: Added to the evidence of an event of the kind the sentence says happened (*anunció*).
HAPPENED_WEIGHT: Final[float] = 0.3
#: Added to the score of a source within tolerance of the number, so that an exact dataset
#: row beats a curated fact beyond tolerance (:data:`FACT_BONUS`) at equal evidence.
WITHIN_BONUS: Final[float] = 0.1

CANDIDATE_COLUMNS: Final[list[str]] = [
    "quantity_index",
    "rank",
    "kind",
    "source_id",
    "chapter",
    "name",
    "source_quantity",
    "source_value",
    "source_unit",
    "ratio",
    "distance",
    "evidence",
    "entity",
    "score",
    "note",
]


@cache
def _superseding() -> dict[int, int]:
    """A curated year of a subject -> the later fact of the same subject that supersedes it
    (a plan that slipped: the year the machine was due, then the year it is now due), by
    their ``as_of`` dates."""
    table = sources()
    years = table[(table["kind"] == KIND_FACT) & (table["family"] == "year")]
    out: dict[int, int] = {}
    for _, group in years.groupby("name"):
        if len(group) < 2:
            continue
        latest = int(group.sort_values("as_of", kind="stable").index[-1])
        for i in group.index:
            if int(i) != latest and group.loc[i, "as_of"] < group.loc[latest, "as_of"]:
                out[int(i)] = latest
    return out


@dataclass(frozen=True)
class _Table:
    """The columns of :func:`~helpers.analysis.check_sources.sources` the ranking reads, as
    arrays, and the rows of each unit family."""

    groups: dict[str, np.ndarray]
    base: np.ndarray
    names: np.ndarray
    is_fact: np.ndarray
    column: dict[str, np.ndarray]

    @classmethod
    def of(cls, table: pd.DataFrame) -> _Table:
        families = table["family"].to_numpy()
        return cls(
            groups={f: np.flatnonzero(families == f) for f in table["family"].unique()},
            base=table["base"].to_numpy(dtype=float),
            names=table["name"].to_numpy(),
            is_fact=(table["kind"] == KIND_FACT).to_numpy(),
            column={
                c: table[c].to_numpy()
                for c in ("kind", "source_id", "chapter", "quantity", "value", "unit", "as_of")
            },
        )


@dataclass
class _Quantity:
    """One quantity being ranked: the sources of its family (``rows``, positions in
    :func:`~helpers.analysis.check_sources.sources`) and, for each, its distance from the
    number, whether that is within tolerance (``close``), its evidence, the entity (or reason)
    that gave it, and whether the filters allow it. ``note`` says why a row has no evidence."""

    pos: int
    q: Any
    fam: str
    base: float
    rows: np.ndarray
    dist: np.ndarray
    close: np.ndarray
    ev: np.ndarray
    who: np.ndarray
    allowed: np.ndarray
    note: str = ""

    @property
    def within(self) -> np.ndarray:
        """The sources within tolerance that the filters allow."""
        return self.close & self.allowed


def _evidence(pos: int, q: Any, table: _Table, evidence: Evidence) -> _Quantity | None:
    """The sources of ``q``'s unit family, their distance from it, and the entities' evidence
    for each (``None``: no source has its family). A sentence that names entities none of
    which names a source in the family is about them: the article's other entities give it no
    evidence."""
    fam, base = quantity_family(q)
    rows = table.groups.get(fam)
    if rows is None or not base > 0:
        return None
    dist = distance(fam, base, table.base[rows])
    ev_all, who_all = evidence.of(q)
    s = _Quantity(
        pos,
        q,
        fam,
        base,
        rows,
        dist=dist,
        close=dist <= within_distance(fam, str(q.text)),
        ev=ev_all[rows].copy(),
        who=who_all[rows].copy(),
        allowed=np.ones(len(rows), dtype=bool),
    )
    subjects = evidence.sentence_subjects(q)
    if subjects:
        own_ev, own_who = evidence.of(q, sentence_only=True)
        if (own_ev[rows] > 0).any():
            s.ev, s.who = own_ev[rows].copy(), own_who[rows].copy()
        else:
            s.ev[:] = 0.0
            s.who[:] = ""
            s.note = (
                f"the sentence is about {', '.join(subjects)}, which no source in this unit names"
            )
    return s


def _only_shares(s: _Quantity) -> None:
    """A percentage of something (*80 % de su capacidad*) is compared only with sources that
    are a share of it."""
    of = share_of(s.q) if s.fam == "percent" else None
    if not of:
        return
    noun, english = of
    s.allowed = counts_mask(english)[s.rows] if english else s.allowed & False
    s.ev = np.where(s.allowed, s.ev, 0.0)
    s.who = np.where(s.allowed, s.who, "")
    if not s.allowed.any():
        s.note = f"no source is a share of «{noun}»"


def _actors(s: _Quantity, table: _Table) -> None:
    """A government the sentence names before the number adds :data:`ACTOR_WEIGHT` to its own
    curated sources."""
    for word in actor_words(text_before(s.q)):
        hit = np.isin(s.rows, actor_rows(word)) & table.is_fact[s.rows]
        s.ev = np.where(hit, s.ev + ACTOR_WEIGHT, s.ev)
        s.who = np.where(hit & (s.who == ""), f"the {word} government", s.who)


def _happened(s: _Quantity) -> None:
    """A year or a date is the time of what its sentence says happened (*En 2023, el gobierno
    anunció una inversión*): an event of that kind (:func:`happenings`) the entities already
    point to gets :data:`HAPPENED_WEIGHT` more evidence, so that an announcement outranks the
    same project's contract signed in the year the article gives."""
    if s.fam not in ("year", "date"):
        return
    english = happenings(str(s.q.sentence))
    if not english:
        return
    hit = event_mask(english)[s.rows] & (s.ev > 0)
    s.ev = np.where(hit, s.ev + HAPPENED_WEIGHT, s.ev)


def _only_counts(
    s: _Quantity, table: _Table, counted_before: dict[str, tuple[str, tuple[str, ...]]]
) -> None:
    """A count is compared only with sources that count what it counts, and a curated fact
    that does gets at least :data:`COUNTED_WEIGHT`. ``counted_before`` is what the sentence's
    earlier counts counted (sentence -> noun and English words), updated here."""
    if s.fam != "count":
        return
    q, rows = s.q, s.rows
    noun, english = counted_noun(q)
    if english:
        counted_before[str(q.sentence)] = (noun, english)
    elif str(q.sentence) in counted_before:
        # *40 LLM …, de las cuales 14*: the count before it in the sentence names it
        noun, english = counted_before[str(q.sentence)]
    counts = counts_mask(english)[rows] if english else np.zeros(len(rows), bool)
    ranking = OTHER_RANKINGS.search(str(q.sentence)) if str(q.unit) == "rank" else None
    if ranking:
        # *la posición 22 en el ranking Green500*: not a place on the TOP500
        counts = np.zeros(len(rows), dtype=bool)
    s.allowed = counts
    s.ev = np.where(counts, s.ev, 0.0)
    s.who = np.where(counts, s.who, "")
    raise_to = counts & table.is_fact[rows] & (s.ev < COUNTED_WEIGHT)
    s.ev = np.where(raise_to, COUNTED_WEIGHT, s.ev)
    s.who = np.where(raise_to, f"«{noun}»", s.who)
    if ranking:
        s.note = f"a place in another ranking ({ranking.group()}) than the TOP500"
    elif not counts.any():
        s.note = f"no source counts «{noun}»" if noun else "the number counts nothing named"


#: Sentence -> source name -> the quantities within tolerance of one of its rows.
_Matched = dict[str, dict[str, set[int]]]
#: Sentence -> source row -> (quantity, distance, value) of every quantity that takes it.
_Taken = dict[str, dict[int, list[tuple[int, float, float]]]]


def _agreement(work: list[_Quantity], table: _Table) -> tuple[_Matched, _Taken]:
    """The subjects two numbers of one sentence agree on (years and dates take no part: they
    match too much by chance), and the sources each number takes (within tolerance, with
    evidence)."""
    matched: _Matched = {}
    taken: _Taken = {}
    for s in work:
        sentence = str(s.q.sentence)
        within = s.within
        for k in np.flatnonzero(within & (s.ev > 0)):
            mine = taken.setdefault(sentence, {}).setdefault(int(s.rows[k]), [])
            mine.append((s.pos, float(s.dist[k]), s.base))
        if s.fam in ("year", "date"):
            continue
        for name in set(table.names[s.rows[within]]):
            matched.setdefault(sentence, {}).setdefault(name, set()).add(s.pos)
    return matched, taken


def _score(
    s: _Quantity, table: _Table, matched: _Matched, taken: _Taken
) -> tuple[np.ndarray, np.ndarray]:
    """The evidence after the sentence's other numbers have spoken (:data:`COHERENCE` for a
    subject two of them agree on; none for a source another value matches more closely) and
    the score of every source."""
    sentence = str(s.q.sentence)
    rows = s.rows
    agreed = {n for n, ps in matched.get(sentence, {}).items() if len(ps) >= 2}
    ev = (
        s.ev + COHERENCE * (np.isin(table.names[rows], list(agreed)) & s.allowed)
        if agreed
        else s.ev
    )
    own = dict(zip(rows.tolist(), s.dist.tolist(), strict=True))
    others = {
        i
        for i, takers in taken.get(sentence, {}).items()
        if any(p != s.pos and b != s.base and d < own.get(i, math.inf) for p, d, b in takers)
    }
    if others:
        # a source another number of the sentence (another value) matches more closely
        ev = np.where(np.isin(rows, list(others)), 0.0, ev)
    score = ENTITY_POINTS * ev - np.minimum(s.dist, MAX_DISTANCE) + FACT_BONUS * table.is_fact[rows]
    score = score + WITHIN_BONUS * (s.within & (ev > 0))
    return ev, score


def _supersede(
    s: _Quantity, ev: np.ndarray, score: np.ndarray, notes: np.ndarray, table: _Table
) -> None:
    """A curated year superseded by a later fact of the same subject hands its place to that
    fact (``ev``, ``score`` and ``notes`` are changed in place)."""
    superseding = _superseding()
    if s.fam != "year" or not superseding:
        return
    best = int(np.argmax(score))
    later = superseding.get(int(s.rows[best]))
    if later is None:
        return
    at = int(np.flatnonzero(s.rows == later)[0])
    score[at] = score[best] + 1e-3
    ev[at] = max(ev[at], ev[best])
    notes[at] = (
        f"supersedes {table.column['source_id'][s.rows[best]]} "
        f"(as of {table.column['as_of'][int(s.rows[best])]})"
    )


def _pick(
    s: _Quantity,
    ev: np.ndarray,
    score: np.ndarray,
    notes: np.ndarray,
    table: _Table,
    top: int,
) -> list[dict[str, Any]]:
    """The ``top`` best-scored sources as rows of :data:`CANDIDATE_COLUMNS` (ties: the
    source table's order)."""
    column, base_all, dist = table.column, table.base, s.dist
    records = []
    for rank, k in enumerate(np.lexsort((s.rows, -score))[:top], start=1):
        i = int(s.rows[k])
        if s.fam == "year":
            ratio = s.base - float(base_all[i])
        elif s.fam == "date":
            ratio = 1.0 if dist[k] == 0 else math.nan
        else:
            ratio = s.base / float(base_all[i])
        records.append(
            {
                "quantity_index": s.pos,
                "rank": rank,
                "kind": column["kind"][i],
                "source_id": column["source_id"][i],
                "chapter": column["chapter"][i],
                "name": table.names[i],
                "source_quantity": column["quantity"][i],
                "source_value": float(column["value"][i]),
                "source_unit": column["unit"][i],
                "ratio": float(ratio),
                "distance": float(dist[k]),
                "evidence": float(ev[k]),
                "entity": s.who[k] or ("the sentence's other numbers" if ev[k] else ""),
                "score": float(score[k]),
                "note": notes[k],
            }
        )
    return records


def propose(quantities: pd.DataFrame, entities: pd.DataFrame, top: int = TOP) -> pd.DataFrame:
    """The ``top`` candidate sources of each quantity, best first (columns
    :data:`CANDIDATE_COLUMNS`; ``quantity_index`` is the quantity's row in ``quantities``,
    ``ratio`` the article's value over the source's, in the family's base unit, or for a year
    the difference in years). A quantity with no source of its unit family has no rows.

    Besides the entities:

    - a sentence's numbers vouch for each other: a source whose name matches two or more
      numbers of one sentence within tolerance (seven AI Factories with seventeen countries)
      is that sentence's subject, and its rows get :data:`COHERENCE` more evidence for every
      number of the sentence (years and dates take no part: they match too much by chance);
    - and they exclude each other: a source one number of the sentence matches within
      tolerance is not another's, unless that one matches it too (*671B parámetros, y Llama
      tiene una versión de 405B*: Llama's 405B is not the 671B);
    - a count is compared only with sources that count what it counts (:func:`counted_noun`):
      *seis fábricas* with the AI Factories' counts (which get :data:`COUNTED_WEIGHT` of
      evidence for it), *cuatro pistas de tenis* or a bare *dos* with none;
    - a government the sentence names (:func:`actor_words`) adds :data:`ACTOR_WEIGHT` to its
      own sources (*el gobierno alemán*: the BMBF's share of JUPITER, not the whole budget);
    - a sentence that names entities none of which names a source in the number's unit is
      about them, not about the article's subject: the article's other entities give it no
      evidence (*Sam Altman … OpenAI … US$100 millones* in an article about DeepSeek);
    - a year or a date is the time of what its sentence says happened (:func:`_happened`:
      *anunció* favours the announcement over the contract signed that year);
    - a curated year superseded by a later fact of the same subject (:func:`_superseding`)
      hands its place to that fact (*se espera para 2025*: the machine is now due in 2027).
    """
    table = _Table.of(sources())
    evidence = Evidence(entities, name_index(), len(table.base))
    work = []
    counted_before: dict[str, tuple[str, tuple[str, ...]]] = {}
    for pos, q in enumerate(quantities.itertuples()):
        s = _evidence(pos, q, table, evidence)
        if s is None:
            continue
        _only_shares(s)
        _actors(s, table)
        _happened(s)
        _only_counts(s, table, counted_before)
        work.append(s)
    matched, taken = _agreement(work, table)
    records = []
    for s in work:
        ev, score = _score(s, table, matched, taken)
        # the reason a row has no evidence (the sentence's own subject, nothing counted)
        notes = np.where(ev > 0, "", s.note).astype(object)
        _supersede(s, ev, score, notes, table)
        records += _pick(s, ev, score, notes, table, top)
    return pd.DataFrame(records, columns=CANDIDATE_COLUMNS)
