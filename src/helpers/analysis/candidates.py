"""Candidate sources for the numbers of a new article: the first draft of its claim ledger.

For every quantity :mod:`helpers.text` finds in an article, :func:`propose` ranks the sources
it may be about: the curated facts (``data/facts``), the dated events (``data/events``), and
the rows of Epoch AI's notable models, GPU clusters and ML hardware and of the TOP500 list
(:data:`DATASET_COLUMNS` says which column of each counts in which unit). Three things rank a
source:

Unit family (a filter)
    Only a source in the quantity's :data:`FAMILIES` family is a candidate: FLOP/s with OP/s,
    euros with dollars (converted at :data:`USD_PER_EUR`), GPUs, chips, nodes, ranks and plain
    counts together, durations in days, calendar years with events' years, and so on. A
    quantity whose family no source has "cannot be checked".
Canonical entity (the main evidence)
    The article's entities (their English ``canonical`` names from ``data/lexicon.csv``) are
    matched with a source's name (a fact's subject, an event's title, a dataset row's model,
    system or chip name) by their words: every word of the canonical name in the source's name,
    or its acronym (*European Union*: *EU*), is a full match; its first distinctive word alone
    is half a match; a fact's ``quantity`` text counts at half the weight of its subject. An
    entity in the quantity's sentence counts fully, one in the :data:`NEAR_CHARS` characters
    before it at :data:`NEAR_WEIGHT`, one elsewhere in the article at :data:`ARTICLE_WEIGHT`;
    a place (*Alemania*) counts at :data:`PLACE_WEIGHT`.
Magnitude
    The distance of the two values on a log scale, ``|log10(article / source)|`` (years: the
    difference in years over :data:`YEARS_PER_DECADE_OF_RATIO`; two different dates:
    :data:`DATE_MISMATCH`).

The score is ``ENTITY_POINTS × evidence − min(distance, MAX_DISTANCE)``, plus
:data:`FACT_BONUS` for a curated fact (a fact was chosen for this book; a dataset row was not).

Bands (:func:`draft`), from the top candidate:

* **within tolerance**: the article's value is in the source's range (``value_low`` to
  ``value_high``), or within the tolerance of the top candidate: the larger of
  :data:`RATIO_TOLERANCE` (the claims chapter's tolerance for a curated factor to count as
  reproduced, ``helpers.params.Claims.ratio_tolerance``) and the rounding of the number as the
  article writes it (half a unit of its last significant digit: *1,75 billones* ±0.29 %,
  *24.000* ±2.1 %), at most :data:`MAX_ROUNDING`; a year must be the same year;
* **off by a factor**: the factor (article ÷ source) is given; for a year, the years;
* **cannot be checked**: no source in the quantity's unit family, or none that names an entity
  of the article near the quantity (a value that merely happens to match is no evidence), or
  a vague magnitude (*miles de investigadores*, qualifier :data:`VAGUE`).

The draft is for a person to confirm: :func:`draft_ledger` writes it in the columns of
``data/claims/`` with the verdict left blank and ``confidence`` set to :data:`DRAFT`, so that
a draft cannot pass the claims schema until someone has read the sources.
:func:`evaluate_on_articles` measures the draft on the five articles against their curated
ledgers.

Why this module is long
    It holds one pipeline whose parts share their tables: the source table (facts, events and
    four datasets in one frame), the name index over it, the ranking, the bands, the ledger
    draft and its evaluation against the curated claims. Split, each part would import the
    others' private tables; together they are one read from quantity to verdict band.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

import numpy as np
import pandas as pd

from helpers import text
from helpers.inputs import claims as claims_mod
from helpers.inputs import datasets, loaders, seeds
from helpers.inputs.facts import CHAPTERS, UNITS, load_events, load_facts
from helpers.params import Claims, GermanyJupiter

# ------------------------------------------------------------------------------------------
# Units
# ------------------------------------------------------------------------------------------

#: Unit -> (family, factor to the family's base). Units of the pipeline and of the sources.
FAMILIES: Final[dict[str, tuple[str, float]]] = {
    "EUR": ("money", 1.0),
    "FLOP/s": ("FLOP/s", 1.0),
    "OP/s": ("FLOP/s", 1.0),
    "FLOP": ("FLOP", 1.0),
    "FLOP/s/W": ("FLOP/s/W", 1.0),
    "parameters": ("parameters", 1.0),
    "tokens": ("tokens", 1.0),
    "tokens/s": ("tokens/s", 1.0),
    "W": ("W", 1.0),
    "Wh": ("Wh", 1.0),
    "bytes": ("bytes", 1.0),
    "bytes/s": ("bytes/s", 1.0),
    "bits/s": ("bytes/s", 1 / 8),
    "Hz": ("Hz", 1.0),
    "m": ("m", 1.0),
    "GPU-hours": ("GPU-hours", 1.0),
    "GPUs": ("count", 1.0),
    "chips": ("count", 1.0),
    "cores": ("count", 1.0),
    "nodes": ("count", 1.0),
    "servers": ("count", 1.0),
    "transistors": ("count", 1.0),
    "count": ("count", 1.0),
    "rank": ("count", 1.0),
    "shares": ("count", 1.0),
    "percent": ("percent", 1.0),
    "percentage points": ("percent", 1.0),
    "times": ("ratio", 1.0),
    "ratio": ("ratio", 1.0),
    "s": ("duration", 1 / 86_400),
    "hours": ("duration", 1 / 24),
    "days": ("duration", 1.0),
    "months": ("duration", 365.25 / 12),
    "years": ("duration", 365.25),
    "year": ("year", 1.0),
    "date": ("date", 1.0),
    "USD/GPU-hour": ("USD/GPU-hour", 1.0),
    "USD/share": ("USD/share", 1.0),
}
#: US dollars per euro for comparing amounts across currencies: the book's rate (the default
#: of ``GermanyJupiter.usd_per_eur``, the ECB reference rate it names).
USD_PER_EUR: Final[float] = float(GermanyJupiter.model_fields["usd_per_eur"].default)
#: The claims chapter's tolerance for a factor to count as reproduced (a fraction).
RATIO_TOLERANCE: Final[float] = float(Claims.model_fields["ratio_tolerance"].default)
#: The largest rounding tolerance a round figure gets (*500 millones* is not ±20 %).
MAX_ROUNDING: Final[float] = 0.10
#: Years apart that weigh as much, in the ranking, as a factor of ten.
YEARS_PER_DECADE_OF_RATIO: Final[float] = 2.0
#: The distance of two different dates, in the ranking (as far as a factor of a thousand).
DATE_MISMATCH: Final[float] = 3.0

ENTITY_POINTS: Final[float] = 4.0
MAX_DISTANCE: Final[float] = 6.0
FACT_BONUS: Final[float] = 0.05
NEAR_CHARS: Final[int] = 400
NEAR_WEIGHT: Final[float] = 0.6
SENTENCE_DECAY: Final[float] = 0.4
ARTICLE_WEIGHT: Final[float] = 0.25
PLACE_WEIGHT: Final[float] = 0.5
#: Evidence a source gets when two numbers of one sentence match it (see :func:`propose`).
COHERENCE: Final[float] = 0.5
#: The qualifier :mod:`helpers.text` gives a vague magnitude (*miles*, *millones*).
VAGUE: Final[str] = "del orden de"
#: Candidates kept per quantity.
TOP: Final[int] = 3

WITHIN, OFF, UNCHECKABLE = "within tolerance", "off by a factor", "cannot be checked"
BANDS: Final[tuple[str, ...]] = (WITHIN, OFF, UNCHECKABLE)
#: ``confidence`` of a drafted ledger row: not a value the claims schema accepts.
DRAFT: Final[str] = "draft"
#: Below this share of quantities with a named source, an article is not about the book's
#: subjects (:func:`relevance`).
RELEVANT_SHARE: Final[float] = 0.2


def family(unit: str, value: float) -> tuple[str, float]:
    """The unit family of ``value`` in ``unit`` and its value in the family's base unit.

    Dollars become euros at :data:`USD_PER_EUR`; a fact in ``years`` between 1900 and 2100 is a
    calendar year (the facts tables keep a planned year in that unit); an unknown unit is a
    family of its own.
    """
    if unit == "USD":
        return "money", value / USD_PER_EUR
    if unit == "years" and 1900 <= value <= 2100 and float(value).is_integer():
        return "year", value
    fam, factor = FAMILIES.get(unit, (unit, 1.0))
    return fam, value * factor


# ------------------------------------------------------------------------------------------
# The sources: facts, events and dataset rows in one table
# ------------------------------------------------------------------------------------------

#: Dataset key -> (loader, name column, [(column, unit, what it is)]).
DATASET_COLUMNS: Final[dict[str, tuple[str, str, list[tuple[str, str, str]]]]] = {
    "notable_models": (
        "load_notable_models",
        "model",
        [
            ("parameters", "parameters", "parameters"),
            ("training_flop", "FLOP", "training compute"),
            ("dataset_size", "tokens", "training dataset size"),
            ("hardware_quantity", "chips", "training chips"),
            ("training_hours", "hours", "training time"),
            ("publication_date", "year", "publication year"),
        ],
    ),
    "gpu_clusters": (
        "load_gpu_clusters",
        "name",
        [
            ("chips", "chips", "chips"),
            ("h100e", "GPUs", "H100 equivalents"),
            ("power_w", "W", "power capacity"),
            ("bf16_flops", "FLOP/s", "16-bit peak"),
        ],
    ),
    "ml_hardware": (
        "load_ml_hardware",
        "name",
        [
            ("bf16_flops", "FLOP/s", "16-bit tensor peak"),
            ("fp8_flops", "FLOP/s", "FP8 peak"),
            ("fp4_flops", "FLOP/s", "FP4 peak"),
            ("fp64_flops", "FLOP/s", "FP64 peak"),
            ("fp32_flops", "FLOP/s", "FP32 peak"),
            ("int8_ops", "OP/s", "INT8 peak"),
            ("memory_bytes", "bytes", "memory"),
            ("memory_bandwidth_bytes_per_s", "bytes/s", "memory bandwidth"),
            ("tdp_w", "W", "TDP"),
            ("price_usd", "USD", "release price"),
            ("release_date", "year", "release year"),
        ],
    ),
    "top500": (
        "load_top500",
        "name",
        [
            ("rmax_flops", "FLOP/s", "HPL Rmax"),
            ("rpeak_flops", "FLOP/s", "Rpeak"),
            ("power_w", "W", "power"),
            ("rank", "rank", "TOP500 rank"),
            ("efficiency_flops_per_w", "FLOP/s/W", "energy efficiency"),
        ],
    ),
}
#: What a source's ``kind`` says, for the tables.
KIND_FACT, KIND_EVENT = "fact", "event"

SOURCE_COLUMNS: Final[list[str]] = [
    "kind",
    "source_id",
    "chapter",
    "name",
    "quantity",
    "value",
    "unit",
    "family",
    "base",
    "base_low",
    "base_high",
    "source_url",
    "source_date",
    "source_last_seen",
]


def _fact_rows() -> pd.DataFrame:
    facts = load_facts().reset_index(drop=True)
    fam = [family(u, v) for u, v in zip(facts["unit"], facts["value"], strict=True)]

    def bound(col: str) -> list[float]:
        return [
            math.nan if pd.isna(b) else family(u, float(b))[1]
            for u, b in zip(facts["unit"], facts[col], strict=True)
        ]

    return pd.DataFrame(
        {
            "kind": KIND_FACT,
            "source_id": facts["fact_id"],
            "chapter": facts["chapter"],
            "name": facts["subject"],
            "quantity": facts["quantity"],
            "value": facts["value"].astype(float),
            "unit": facts["unit"],
            "family": [f for f, _ in fam],
            "base": [b for _, b in fam],
            "base_low": bound("value_low"),
            "base_high": bound("value_high"),
            "source_url": facts["source_url"],
            "source_date": facts["source_date"],
            "source_last_seen": facts["source_last_seen"],
        }
    )


def _event_rows() -> pd.DataFrame:
    events = load_events()
    common = {
        "kind": KIND_EVENT,
        "source_id": events["event_id"],
        "chapter": events["chapter"],
        "name": events["title"],
        "unit": "year",
        "base_low": math.nan,
        "base_high": math.nan,
        "source_url": events["source_url"],
        "source_date": events["source_date"],
        "source_last_seen": events["source_last_seen"],
    }
    years = events["date"].dt.year.astype(float)
    dates = (events["date"].dt.year * 10_000 + events["date"].dt.month * 100).astype(float)
    dates += events["date"].dt.day
    return pd.concat(
        [
            pd.DataFrame(
                {**common, "quantity": "year of the event", "value": years, "family": "year"}
                | {"base": years}
            ),
            pd.DataFrame(
                {**common, "quantity": "date of the event", "value": dates, "family": "date"}
                | {"unit": "date", "base": dates}
            ),
        ],
        ignore_index=True,
    )


def _dataset_rows(key: str) -> pd.DataFrame:
    loader, name_col, columns = DATASET_COLUMNS[key]
    table = getattr(loaders, loader)()
    info = datasets.DATASETS[key]
    frames = []
    for column, unit, what in columns:
        if column not in table.columns:
            continue
        values = table[column]
        if unit == "year":
            values = pd.to_datetime(values, errors="coerce").dt.year
        values = pd.to_numeric(values, errors="coerce")
        keep = values.notna() & (values > 0) & table[name_col].notna()
        rows = table[keep]
        vals = values[keep].astype(float)
        fam, factor = family(unit, 1.0)
        frames.append(
            pd.DataFrame(
                {
                    "kind": info.title
                    if info.title.startswith(info.publisher)
                    else f"{info.publisher} {info.title}",
                    "source_id": key + ":" + rows[name_col].astype(str) + ":" + column,
                    "chapter": "",
                    "name": rows[name_col].astype(str),
                    "quantity": what,
                    "value": vals,
                    "unit": unit,
                    "family": fam,
                    "base": vals * factor,
                    "base_low": math.nan,
                    "base_high": math.nan,
                    "source_url": info.canonical_url,
                    "source_date": info.snapshot_date,
                    "source_last_seen": None,
                }
            )
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=SOURCE_COLUMNS)


@cache
def sources() -> pd.DataFrame:
    """Every source a quantity may be about: facts, events and the four datasets' rows, one
    row per value (columns :data:`SOURCE_COLUMNS`; ``base`` is the value in its family's base
    unit). Facts come first, in the order of their files, so ties keep that order."""
    parts = [_fact_rows(), _event_rows(), *(_dataset_rows(k) for k in DATASET_COLUMNS)]
    table = pd.concat(parts, ignore_index=True)[SOURCE_COLUMNS]
    return table[table["base"] > 0].reset_index(drop=True)


# ------------------------------------------------------------------------------------------
# Names
# ------------------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+(?:[.\-][a-z0-9]+)*")
#: Words that say nothing about which thing is meant.
GENERIC: Final[frozenset[str]] = frozenset(
    "the of and de del la el los las for in on at to a an ai us eu new "
    "institute centre center national laboratory supercomputing supercomputer computer "
    "joint undertaking union european states united group inc ltd corporation company "
    "university research science sciences systems technology model models".split()
)


def words(name: str) -> list[str]:
    """The words of a name, lower case without accents (*Jülich* -> *julich*), in order;
    ``GLM-130B`` stays one word, and so do its parts (``glm``, ``130b``)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    found: list[str] = []
    for w in _WORD.findall(plain):
        found.append(w)
        parts = re.split(r"[.\-]", w)
        if len(parts) > 1:
            found += parts
    return found


def acronym(name: str) -> str:
    """The acronym of a name of two or more capitalised words (*European Union*: ``eu``)."""
    caps = [w for w in re.findall(r"[^\W\d_][\w\-]*", name) if w[:1].isupper()]
    return "".join(w[0] for w in caps).lower() if len(caps) >= 2 else ""


class NameIndex:
    """Which sources a canonical name matches, and how strongly (1 or 0.5), by their words."""

    def __init__(self, names: Iterable[str], details: Iterable[str]) -> None:
        self._full: dict[str, set[int]] = {}
        self._detail: dict[str, set[int]] = {}
        for i, (name, detail) in enumerate(zip(names, details, strict=True)):
            for w in set(words(name)):
                self._full.setdefault(w, set()).add(i)
            for w in set(words(detail)):
                self._detail.setdefault(w, set()).add(i)
        self._cache: dict[str, dict[int, float]] = {}

    def _strength(self, canonical: str, index: dict[str, set[int]]) -> dict[int, float]:
        ws = list(dict.fromkeys(words(canonical)))
        whole = [w for w in ws if "-" not in w and "." not in w] or ws
        out: dict[int, float] = {}
        if not whole:
            return out
        every = set.intersection(*(index.get(w, set()) for w in whole))
        for i in every:
            out[i] = 1.0
        acr = acronym(canonical)
        if acr and len(acr) >= 2:
            for i in index.get(acr, set()):
                out[i] = 1.0
        head = next((w for w in whole if w not in GENERIC and len(w) >= 3), None)
        if head is not None and len(whole) > 1:
            for i in index.get(head, set()):
                out.setdefault(i, 0.5)
        return out

    def matches(self, canonical: str) -> dict[int, float]:
        """Source row -> strength of the match with ``canonical`` (absent: no match)."""
        if canonical not in self._cache:
            full = self._strength(canonical, self._full)
            detail = self._strength(canonical, self._detail)
            merged = {i: s * 0.5 for i, s in detail.items()}
            merged.update({i: max(s, merged.get(i, 0.0)) for i, s in full.items()})
            self._cache[canonical] = merged
        return self._cache[canonical]


@cache
def _positions() -> dict[str, int]:
    """Source id -> its row in :func:`sources` (the first, for an event's two rows)."""
    ids = sources()["source_id"].tolist()
    return {sid: i for i, sid in reversed(list(enumerate(ids)))}


@cache
def name_index() -> NameIndex:
    """The name index over :func:`sources` (facts: subject, then quantity at half weight)."""
    table = sources()
    details = table["quantity"].where(table["kind"] == KIND_FACT, "")
    return NameIndex(table["name"].tolist(), details.tolist())


# ------------------------------------------------------------------------------------------
# Ranking
# ------------------------------------------------------------------------------------------

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
]


def _prominence(entities: pd.DataFrame) -> dict[str, float]:
    """Canonical name -> its mentions over those of the article's most-named entity."""
    if entities.empty:
        return {}
    counts = entities["canonical"].astype(str).value_counts()
    return (counts / counts.max()).to_dict()


class _Evidence:
    """Entity evidence for every source, for the quantities of one article.

    The article-wide part (each entity's :data:`ARTICLE_WEIGHT`, raised by its prominence) is
    computed once; for each quantity only the entities within :data:`NEAR_CHARS` characters of
    it (found by bisection on their offsets) are looked at, so a long article costs no more
    per number than a short one."""

    def __init__(self, entities: pd.DataFrame, index: NameIndex, n_sources: int) -> None:
        self.index = index
        self.entities = entities.sort_values("start").reset_index(drop=True)
        self.starts = self.entities["start"].to_numpy(dtype=np.int64)
        self.mentions = list(
            zip(
                self.entities["start"].astype(int),
                self.entities["end"].astype(int),
                self.entities["sentence"].astype(str),
                self.entities["canonical"].astype(str),
                self.entities["label"].astype(str),
                strict=True,
            )
        )
        self.base = np.zeros(n_sources)
        self.base_who = np.full(n_sources, "", dtype=object)
        prominence = _prominence(entities)
        for e in self.entities.drop_duplicates(["canonical", "label"]).itertuples():
            share = prominence.get(str(e.canonical), 0.0)
            weight = ARTICLE_WEIGHT + (NEAR_WEIGHT - ARTICLE_WEIGHT) * share
            self._raise(self.base, self.base_who, str(e.canonical), str(e.label), weight)

    def _raise(
        self, ev: np.ndarray, who: np.ndarray, canonical: str, label: str, weight: float
    ) -> None:
        if label == "PLACE":
            weight *= PLACE_WEIGHT
        rows, strengths = _match_arrays(self.index, canonical)
        if not len(rows):
            return
        value = weight * strengths
        better = value > ev[rows]
        ev[rows[better]] = value[better]
        who[rows[better]] = canonical

    def of(self, q: Any) -> tuple[np.ndarray, np.ndarray]:
        """Evidence per source for quantity ``q``, and the entity that gave it.

        An entity counts fully in the quantity's sentence (less :data:`SENTENCE_DECAY` at
        :data:`NEAR_CHARS` characters from it, in proportion), at :data:`NEAR_WEIGHT` within
        :data:`NEAR_CHARS` characters before or after it, and elsewhere at
        :data:`ARTICLE_WEIGHT`, raised up to :data:`NEAR_WEIGHT` for the article's most-named
        entity (its subject, named before or after the number)."""
        ev, who = self.base.copy(), self.base_who.copy()
        lo = int(np.searchsorted(self.starts, int(q.start) - 2 * NEAR_CHARS))
        hi = int(np.searchsorted(self.starts, int(q.end) + 2 * NEAR_CHARS))
        start, end, sentence = int(q.start), int(q.end), str(q.sentence)
        for e_start, e_end, e_sentence, canonical, label in self.mentions[lo:hi]:
            gap = max(start - e_end, e_start - end)
            if e_sentence == sentence:
                # within a sentence, the entity nearest the number is the likelier subject
                weight = 1.0 - SENTENCE_DECAY * min(max(gap, 0), NEAR_CHARS) / NEAR_CHARS
            elif gap <= NEAR_CHARS:
                weight = NEAR_WEIGHT
            else:
                continue
            self._raise(ev, who, canonical, label, weight)
        return ev, who


def _match_arrays(index: NameIndex, canonical: str) -> tuple[np.ndarray, np.ndarray]:
    found = index.matches(canonical)
    rows = np.fromiter(found.keys(), dtype=np.int64, count=len(found))
    return rows, np.fromiter(found.values(), dtype=float, count=len(found))


def _distance(fam: str, base: float, source: np.ndarray) -> np.ndarray:
    if fam == "year":
        return np.abs(base - source) / YEARS_PER_DECADE_OF_RATIO
    if fam == "date":
        # a date without its year (16 de noviembre = 1116) is compared by month and day
        same = (source % 10_000 == base) if base < 10_000 else (source == base)
        return np.where(same, 0.0, DATE_MISMATCH)
    return np.abs(np.log10(base / source))


def _within(fam: str, written: str) -> float:
    """The largest distance (:func:`_distance`) at which a value still counts as the same."""
    if fam in ("year", "date"):
        return 0.0
    return math.log10(1 + max(RATIO_TOLERANCE, rounding_tolerance(written)))


def propose(quantities: pd.DataFrame, entities: pd.DataFrame, top: int = TOP) -> pd.DataFrame:
    """The ``top`` candidate sources of each quantity, best first (columns
    :data:`CANDIDATE_COLUMNS`; ``quantity_index`` is the quantity's row in ``quantities``,
    ``ratio`` the article's value over the source's, in the family's base unit, or for a year
    the difference in years). A quantity with no source of its unit family has no rows.

    Besides the entities, a sentence's numbers vouch for each other: a source whose name
    matches two or more numbers of one sentence within tolerance (seven AI Factories with
    seventeen countries) is that sentence's subject, and its rows get :data:`COHERENCE` more
    evidence for every number of the sentence. Years and dates take no part (they match
    too much by chance)."""
    table = sources()
    index = name_index()
    families = table["family"].to_numpy()
    groups = {f: np.flatnonzero(families == f) for f in table["family"].unique()}
    base_all = table["base"].to_numpy(dtype=float)
    names = table["name"].to_numpy()
    is_fact = (table["kind"] == KIND_FACT).to_numpy()
    column = {
        c: table[c].to_numpy()
        for c in ("kind", "source_id", "chapter", "quantity", "value", "unit")
    }
    evidence = _Evidence(entities, index, len(table))
    work = []
    for pos, q in enumerate(quantities.itertuples()):
        fam, base = family(str(q.unit), float(q.value))
        rows = groups.get(fam)
        if rows is None or not base > 0:
            continue
        ev_all, who_all = evidence.of(q)
        dist = _distance(fam, base, base_all[rows])
        work.append((pos, q, fam, base, rows, ev_all[rows], dist, who_all[rows]))
    # the subjects two numbers of one sentence agree on
    matched: dict[str, dict[str, set[int]]] = {}
    for pos, q, fam, _, rows, _, dist, _ in work:
        if fam in ("year", "date"):
            continue
        hits = set(names[rows[dist <= _within(fam, str(q.text))]])
        for name in hits:
            matched.setdefault(str(q.sentence), {}).setdefault(name, set()).add(pos)
    records = []
    for pos, q, fam, base, rows, direct, dist, who in work:
        subjects = {n for n, ps in matched.get(str(q.sentence), {}).items() if len(ps) >= 2}
        ev = direct + COHERENCE * np.isin(names[rows], list(subjects)) if subjects else direct
        score = ENTITY_POINTS * ev - np.minimum(dist, MAX_DISTANCE) + FACT_BONUS * is_fact[rows]
        order = np.lexsort((rows, -score))[:top]
        for rank, k in enumerate(order, start=1):
            i = int(rows[k])
            if fam == "year":
                ratio = base - float(base_all[i])
            elif fam == "date":
                ratio = 1.0 if dist[k] == 0 else math.nan
            else:
                ratio = base / float(base_all[i])
            records.append(
                {
                    "quantity_index": pos,
                    "rank": rank,
                    "kind": column["kind"][i],
                    "source_id": column["source_id"][i],
                    "chapter": column["chapter"][i],
                    "name": names[i],
                    "source_quantity": column["quantity"][i],
                    "source_value": float(column["value"][i]),
                    "source_unit": column["unit"][i],
                    "ratio": float(ratio),
                    "distance": float(dist[k]),
                    "evidence": float(ev[k]),
                    "entity": who[k] or ("the sentence's other numbers" if ev[k] else ""),
                    "score": float(score[k]),
                }
            )
    return pd.DataFrame(records, columns=CANDIDATE_COLUMNS)


# ------------------------------------------------------------------------------------------
# Bands
# ------------------------------------------------------------------------------------------

_DIGITS = re.compile(r"\d[\d.,\u00a0\u202f ]*")


def rounding_tolerance(written: str) -> float:
    """Half a unit of the last significant digit of the first number in ``written``, relative
    to the number (``1,75`` -> 0.5/175; ``24.000`` -> 0.5/24), at most :data:`MAX_ROUNDING`;
    0 for a number in words (*tres*)."""
    match = _DIGITS.search(written)
    if not match:
        return 0.0
    numeral = match.group().strip(" .,\u00a0\u202f")
    digits = re.sub(r"\D", "", numeral).lstrip("0")
    if not digits:
        return 0.0
    # decimals are significant as written; the trailing zeros of a whole number are not
    groups = re.split(r"[.,]", numeral)
    decimal = len(groups) > 1 and len(groups[-1]) != 3
    significant = digits if decimal else digits.rstrip("0") or digits[:1]
    return min(0.5 / int(significant), MAX_ROUNDING)


def printed_number(written: str) -> float:
    """The digits of the first number in ``written`` as an integer (*1018 fracasos*: 1018);
    0 when there is none."""
    match = _DIGITS.search(written)
    digits = re.sub(r"\D", "", match.group()) if match else ""
    return float(digits) if digits else 0.0


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


def _band(q: Any, best: dict[str, Any] | None, tables: pd.DataFrame) -> dict[str, Any]:
    fam, base = family(str(q.unit), float(q.value))
    if str(q.qualifier) == VAGUE:
        return {
            "band": UNCHECKABLE,
            "factor": math.nan,
            "tolerance": math.nan,
            "why": f"a vague magnitude ({VAGUE}), not a figure to check",
        }
    if best is None:
        return {
            "band": UNCHECKABLE,
            "factor": math.nan,
            "tolerance": math.nan,
            "why": f"no source in the unit family {fam!r}",
        }
    if best["evidence"] <= 0:
        return {
            "band": UNCHECKABLE,
            "factor": math.nan,
            "tolerance": math.nan,
            "why": "no source in that unit names an entity of the article near this number",
        }
    if fam == "year":
        years = float(best["ratio"])
        if years == 0:
            return {"band": WITHIN, "factor": 1.0, "tolerance": 0.0, "why": "the same year"}
        return {
            "band": OFF,
            "factor": math.nan,
            "tolerance": 0.0,
            "why": f"{abs(years):.0f} year(s) {'later' if years > 0 else 'earlier'} than the source",
        }
    if fam == "date":
        same = best["ratio"] == 1.0
        return {
            "band": WITHIN if same else OFF,
            "factor": math.nan,
            "tolerance": 0.0,
            "why": "the same date" if same else "another date than the source's",
        }
    src = tables.iloc[_positions()[str(best["source_id"])]]
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
                    else {
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


# ------------------------------------------------------------------------------------------
# The draft as a ledger in the columns of data/claims
# ------------------------------------------------------------------------------------------

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
        where = _positions().get(str(r.source_id))
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


# ------------------------------------------------------------------------------------------
# How good the draft is, on the five articles
# ------------------------------------------------------------------------------------------

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


def evaluate_on_articles() -> Evaluation:
    """For every curated claim that names fact ids: is its fact among the top three
    candidates of the quantity that states it, and does the band agree with the verdict?

    The target is the ledger's reference fact (the cited fact in the claim's unit that
    reproduces its factor, :func:`helpers.analysis.ledger.reference`) where there is one,
    else any cited fact. A claim whose quote holds no quantity has no row to rank; it is kept
    with an empty ``text``, outside the shares.
    """
    from helpers.analysis.ledger import reference

    all_claims = claims_mod.load_claims()
    facts = load_facts()
    records = []
    for article_id in seeds.index().index:
        body = seeds.article(str(article_id))
        checked = check_text(body)
        found = checked.quantities
        for _, claim in all_claims[all_claims["article"] == article_id].iterrows():
            cited = claims_mod.fact_ids(claim["fact_ids"])
            if not cited:
                continue
            ref = reference(claim, facts).fact_id
            targets = [ref] if ref else cited
            start = body.find(str(claim["quote"]))
            pos = _matching(found, (start, start + len(str(claim["quote"]))), claim)
            numeric = pd.notna(claim["claimed_value"])
            expected = VERDICT_BAND[str(claim["verdict"])] if numeric else ""
            if pos is None:
                records.append(
                    {
                        "claim_id": claim["claim_id"],
                        "article": article_id,
                        "verdict": claim["verdict"],
                        "target": ";".join(targets),
                        "text": "",
                        "candidates": "",
                        "in_top3": False,
                        "same_family": False,
                        "band": "",
                        "expected_band": expected,
                        "band_agrees": False,
                    }
                )
                continue
            row = checked.draft.iloc[pos]
            top = [c for c in str(row["candidates"]).split(";") if c]
            fam = family(str(row["unit"]), float(row["value"]))[0]
            same_family = any(
                family(str(facts.loc[t, "unit"]), float(facts.loc[t, "value"]))[0] == fam
                for t in targets
            )
            records.append(
                {
                    "claim_id": claim["claim_id"],
                    "article": article_id,
                    "verdict": claim["verdict"],
                    "target": ";".join(targets),
                    "text": row["text"],
                    "candidates": ";".join(top),
                    "in_top3": any(t in top for t in targets),
                    "same_family": same_family,
                    "band": row["band"],
                    "expected_band": expected,
                    "band_agrees": bool(expected) and row["band"] == expected,
                }
            )
    return Evaluation(pd.DataFrame(records))
