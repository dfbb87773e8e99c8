"""Entity evidence: how strongly an article's entities, near a number or in the whole article,
name each source.

An entity in the quantity's sentence counts fully (less :data:`SENTENCE_DECAY` at
:data:`NEAR_CHARS` characters from the number, in proportion: within a sentence the entity
nearest the number is the likelier subject), one within :data:`NEAR_CHARS` characters before
or after it at :data:`NEAR_WEIGHT`, and one elsewhere in the article at :data:`ARTICLE_WEIGHT`,
raised up to :data:`NEAR_WEIGHT` for the article's most-named entity (its subject). A place
(*Alemania*) counts at :data:`PLACE_WEIGHT` of that. The weight multiplies the strength of the
name match (:class:`helpers.analysis.check_names.NameIndex`); a source keeps the best of its
entities. :class:`Evidence` computes it for every source, for the quantities of one article.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import pandas as pd

from helpers.analysis.check_names import NameIndex

NEAR_CHARS: Final[int] = 400
NEAR_WEIGHT: Final[float] = 0.6
SENTENCE_DECAY: Final[float] = 0.4
ARTICLE_WEIGHT: Final[float] = 0.25
PLACE_WEIGHT: Final[float] = 0.5


def _prominence(entities: pd.DataFrame) -> dict[str, float]:
    """Canonical name -> its mentions over those of the article's most-named entity."""
    if entities.empty:
        return {}
    counts = entities["canonical"].astype(str).value_counts()
    return (counts / counts.max()).to_dict()


class Evidence:
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

    def of(self, q: Any, sentence_only: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Evidence per source for quantity ``q``, and the entity that gave it.

        An entity counts fully in the quantity's sentence (less :data:`SENTENCE_DECAY` at
        :data:`NEAR_CHARS` characters from it, in proportion), at :data:`NEAR_WEIGHT` within
        :data:`NEAR_CHARS` characters before or after it, and elsewhere at
        :data:`ARTICLE_WEIGHT`, raised up to :data:`NEAR_WEIGHT` for the article's most-named
        entity (its subject, named before or after the number)."""
        if sentence_only:
            ev, who = np.zeros_like(self.base), np.full(len(self.base), "", dtype=object)
        else:
            ev, who = self.base.copy(), self.base_who.copy()
        lo = int(np.searchsorted(self.starts, int(q.start) - 2 * NEAR_CHARS))
        hi = int(np.searchsorted(self.starts, int(q.end) + 2 * NEAR_CHARS))
        start, end, sentence = int(q.start), int(q.end), str(q.sentence)
        for e_start, e_end, e_sentence, canonical, label in self.mentions[lo:hi]:
            gap = max(start - e_end, e_start - end)
            if e_sentence == sentence:
                # within a sentence, the entity nearest the number is the likelier subject
                weight = 1.0 - SENTENCE_DECAY * min(max(gap, 0), NEAR_CHARS) / NEAR_CHARS
            elif gap <= NEAR_CHARS and not sentence_only:
                weight = NEAR_WEIGHT
            else:
                continue
            self._raise(ev, who, canonical, label, weight)
        return ev, who

    def sentence_subjects(self, q: Any) -> list[str]:
        """The canonical names of the entities (not places) the quantity's sentence names
        before it: in Spanish the subject of a sentence comes before its number."""
        lo = int(np.searchsorted(self.starts, int(q.start) - 2 * NEAR_CHARS))
        hi = int(np.searchsorted(self.starts, int(q.start)))
        sentence = str(q.sentence)
        found = [
            c
            for _, e_end, e_s, c, label in self.mentions[lo:hi]
            if e_s == sentence and label != "PLACE" and e_end <= int(q.start)
        ]
        return list(dict.fromkeys(found))


def _match_arrays(index: NameIndex, canonical: str) -> tuple[np.ndarray, np.ndarray]:
    found = index.matches(canonical)
    rows = np.fromiter(found.keys(), dtype=np.int64, count=len(found))
    return rows, np.fromiter(found.values(), dtype=float, count=len(found))
