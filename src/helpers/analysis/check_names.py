"""The names of the sources, and which of them an entity of an article names.

An article's entities carry their English ``canonical`` names (``data/lexicon.csv``); a source
has a name (a fact's subject, an event's title, a dataset row's model, system or chip name) and,
for a fact, its ``quantity`` text. :class:`NameIndex` matches the two by their :func:`words`:
every word of the canonical name in the source's name, or its :func:`acronym` (*European
Union*: *EU*), is a full match (strength 1); its distinctive word alone, the one fewest sources
hold (*H20* of *NVIDIA H20*), is half a match; a match in a fact's ``quantity`` text counts at
half the strength of one in its name. A name that more than :data:`COMMON_NAMES` distinct source
names hold (a maker's: *NVIDIA*) matches the dataset rows at :data:`COMMON_STRENGTH`; curated
facts and events keep the full match. :func:`name_index` is the index over
:func:`helpers.analysis.check_sources.sources`. Names are compared by the text pipeline's own key,
:func:`helpers.text.numbers.fold` (case and accents folded: *Jülich*, *julich*), so a source's
name and an article's words fold alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Final

from helpers.analysis.check_sources import KIND_EVENT, KIND_FACT, sources
from helpers.text.numbers import fold

#: A word more distinct source names than this hold is a common one (a maker's name) ...
COMMON_NAMES: Final[int] = 20
#: ... and matches a dataset row's name at this fraction of its strength.
COMMON_STRENGTH: Final[float] = 0.5


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
    plain = fold(name)
    found: list[str] = []
    for w in _WORD.findall(plain):
        found.append(w)
        parts = re.split(r"[.\-]", w)
        if len(parts) > 1:
            found += parts
    return found


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def acronym(name: str) -> str:
    """The acronym of a name of two or more capitalised words (*European Union*: ``eu``)."""
    caps = [w for w in re.findall(r"[^\W\d_][\w\-]*", name) if w[:1].isupper()]
    return "".join(w[0] for w in caps).lower() if len(caps) >= 2 else ""


class NameIndex:
    """Which sources a canonical name matches, and how strongly (1 or 0.5), by their words."""

    def __init__(
        self,
        names: Iterable[str],
        details: Iterable[str],
        curated: Iterable[bool] | None = None,
    ) -> None:
        self._full: dict[str, set[int]] = {}
        self._detail: dict[str, set[int]] = {}
        names = list(names)
        for i, (name, detail) in enumerate(zip(names, details, strict=True)):
            for w in set(words(name)):
                self._full.setdefault(w, set()).add(i)
            for w in set(words(detail)):
                self._detail.setdefault(w, set()).add(i)
        #: word -> how many distinct names hold it (a maker's name is in hundreds)
        self._spread = {w: len({names[i] for i in rows}) for w, rows in self._full.items()}
        self._weak = set() if curated is None else {i for i, c in enumerate(curated) if not c}
        self._cache: dict[str, dict[int, float]] = {}

    def spread(self, word: str) -> int:
        """How many distinct source names hold ``word``."""
        return self._spread.get(word, 0)

    def rows_with(self, word: str) -> set[int]:
        """The sources whose name or detail holds ``word``."""
        return self._full.get(word, set()) | self._detail.get(word, set())

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
        # the distinctive word: the one fewest names hold (*H20* of *NVIDIA H20*, not *NVIDIA*)
        distinct = [w for w in whole if w not in GENERIC and (len(w) >= 3 or _has_digit(w))]
        head = min(distinct, key=lambda w: (self.spread(w), whole.index(w)), default=None)
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
            # a name that hundreds of dataset rows hold (a maker's: NVIDIA, Intel) says little
            # about which of them is meant; curated facts and events keep the full match
            ws = [w for w in words(canonical) if w not in GENERIC] or words(canonical)
            if self._weak and ws and min(self.spread(w) for w in ws) > COMMON_NAMES:
                for i in self._weak & merged.keys():
                    merged[i] *= COMMON_STRENGTH
            self._cache[canonical] = merged
        return self._cache[canonical]


@cache
def name_index() -> NameIndex:
    """The name index over :func:`sources` (facts: subject, then quantity at half weight)."""
    table = sources()
    details = table["quantity"].where(table["kind"] == KIND_FACT, "")
    curated = table["kind"].isin([KIND_FACT, KIND_EVENT])
    return NameIndex(table["name"].tolist(), details.tolist(), curated.tolist())
