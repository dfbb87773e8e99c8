"""Decades: *los años 90*, *los 90s*, *los '80*, *las décadas del 40 y del 50*, *de los 90,*.

Part of :func:`helpers.text.quantities.find_quantities`: :mod:`helpers.text.reading` keeps the
English plural glued to a decade's digits (:data:`DECADE_S_RE`), and
:func:`helpers.text.carry.resolve` asks :func:`is_decade` and :func:`decade_suffix` whether a
multiple of ten is a decade, whose value is then its century's year (*los 90*: 1990).
"""

from __future__ import annotations

import re
from typing import Final

from helpers.text.context import Raw, counted_noun_follows

__all__ = ["DECADE_S_LEFT_RE", "DECADE_S_RE", "decade_suffix", "is_decade"]

#: The English plural of a decade glued to its digits (*90s*, *2000s*), after an article or
#: *años*.
DECADE_S_RE: Final[re.Pattern[str]] = re.compile(r"(?<=0)s(?![^\W\d_])")
DECADE_S_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:los|las|sus|años|d[ée]cadas?\s+de\s+los)\s+['’]?$", re.IGNORECASE
)

#: What names a decade before its two digits: *la década del 60*, *los años 90*.
_DECADE_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:d[ée]cadas?\s+(?:del|de\s+los)|(?:los|las|sus)\s+años)\s+$", re.IGNORECASE
)

#: The gap to a second decade of a list: *las décadas del 40 y del 50*.
_DECADE_LIST_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:,|y|e|o|u|a|al)\s+(?:del|los|de\s+los)?\s*", re.IGNORECASE
)


#: A decade written with its plural or an apostrophe: *los 90s*, *los '80*, *los 2000s*.
_DECADE_MARKED_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:los|las|sus|d[ée]cadas?\s+de\s+los)\s+$", re.IGNORECASE
)


#: A decade written bare after a preposition (*de los 90,*, *en los 80 la industria*), and
#: what may follow it: punctuation or a function word, not *que* (*de los 90 que llegaron*).
_DECADE_BARE_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:de|en|desde|hasta|durante)\s+los\s+$", re.IGNORECASE
)
_DECADE_BARE_RIGHT_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:[,;.)]|$|(?:la|el|las|los|y|e|sino|cuando|con|se)\s)", re.IGNORECASE
)


def decade_suffix(text: str, raw: Raw) -> bool:
    """*90s*, *2000s*: a multiple of ten with the English plural *s* glued to it."""
    digits_end = raw.num_start + len(raw.numtext)
    return (
        raw.kind == "int"
        and not raw.has_scale
        and len(raw.numtext) in (2, 4)
        and raw.numtext.endswith("0")
        and raw.end == digits_end + 1
        and text[digits_end : raw.end] == "s"
    )


#: The apostrophes a decade's elided century is written with (*'90*, *’90*, *‘90*, *´90*).
_APOSTROPHES: Final[tuple[str, ...]] = ("'", "’", "‘", "´", "`")


def is_decade(text: str, raw: Raw, prev: Raw | None) -> bool:
    """A multiple of ten named as a decade of the 20th century: *los años 90*, *los 90s*, *los
    '80*, *los años ochenta* (the number's value is then its last two digits or the tens)."""
    left = max(0, raw.num_start - 30)
    if raw.kind == "words" and raw.number in (20, 30, 40, 50, 60, 70, 80, 90):
        return bool(_DECADE_LEFT_RE.search(text, left, raw.num_start))  # "los años ochenta"
    if raw.kind != "int" or len(raw.numtext) != 2 or not raw.numtext.endswith("0"):
        return False
    apostrophe = text[raw.num_start - 1 : raw.num_start] in _APOSTROPHES  # "los años ‘90"
    marked = apostrophe or decade_suffix(text, raw)
    start = raw.num_start - 1 if apostrophe else raw.num_start
    if _DECADE_LEFT_RE.search(text, left, start) or (
        marked and _DECADE_MARKED_LEFT_RE.search(text, left, start)
    ):
        return True
    if (
        raw.unit is None
        and raw.number >= 20
        and _DECADE_BARE_LEFT_RE.search(text, left, start)
        and not counted_noun_follows(text, raw.end)
        and _DECADE_BARE_RIGHT_RE.match(text, raw.end)
    ):
        return True  # "la burbuja puntocom de los 90, sino": a decade with nothing counted
    return (
        prev is not None
        and prev.unit == "year"
        and 1910 <= prev.number <= 1990
        and bool(_DECADE_LIST_GAP_RE.fullmatch(text[prev.end : raw.num_start]))
    )
