"""Parts of an amount, and numbers whose unit the sentence writes once, before or after them.

Part of :func:`helpers.text.quantities.find_quantities` (step 2, called by
:func:`helpers.text.carry.resolve`): :func:`parts_of_the_next` (*los primeros 200 de los 900
MW*), :func:`parts_of_a_whole` (*500 MW (300 solares y 200 eólicos)*: plain numbers that add up
to the amount before them), :func:`named_pair` (*cuatro núcleos Zen 5 y seis Zen 5c*) and
:func:`unit_before_colon` (*la supera en petaflops: dispone de 644, frente a los 565*).
"""

from __future__ import annotations

import itertools
import re
from typing import Final

from helpers.text.context import (
    SENTENCE_BREAK_RE,
    Raw,
    copy_unit,
    counted_noun_follows,
    is_year_candidate,
)
from helpers.text.unitmatch import apply_unit, match_unit

__all__ = ["named_pair", "parts_of_a_whole", "parts_of_the_next", "unit_before_colon"]


#: *N de los M unidad*: a part of an amount, the unit written once.
_OF_THE_RE: Final[re.Pattern[str]] = re.compile(r"\s+de\s+(?:los|las|sus)\s+", re.IGNORECASE)

#: Units a part of an amount written after it takes (measurements, not counts or dates).
_PART_UNITS: Final[frozenset[str]] = frozenset(
    {"W", "Wh", "FLOP/s", "FLOP", "bytes", "bytes/s", "m", "parameters", "tokens"}
)


def parts_of_the_next(text: str, raws: list[Raw]) -> None:
    """A smaller number right before *de los* and a measured amount is a part of it, in its
    unit: *los primeros 200 de los 900 MW*, *120 de los 400 petaflops*, *solo 17B de sus 400B
    parámetros* (a count of things, *167 de los 500 superordenadores*, keeps its own unit)."""
    for a, b in itertools.pairwise(raws):
        if (
            a.unit is None
            and (not a.has_scale or b.has_scale)
            and b.unit in _PART_UNITS
            and 0 < a.number * (a.scale if a.has_scale else b.scale) < b.number * b.scale
            and not is_year_candidate(a)
            and _OF_THE_RE.fullmatch(text, a.end, b.start)
        ):
            copy_unit(a, b)
            if not a.has_scale:
                a.scale, a.has_scale = b.scale, b.has_scale


#: What opens the breakdown of an amount: up to three words, then a parenthesis or a colon
#: (*500 MW (*, *10 núcleos de CPU (*, *1.200 GPU:*).
_BREAKDOWN_OPEN_RE: Final[re.Pattern[str]] = re.compile(r"(?:\s+[^\W\d_]+){0,3}\s*[(:]\s*")

#: Between two parts of a breakdown: a few words and a comma or *y* (*cuatro de rendimiento y
#: seis*), no number, parenthesis or sentence end.
_BREAKDOWN_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:\s+[^\W\d_]+){0,4}\s*(?:,|\s(?:y|e))\s+", re.IGNORECASE
)

#: Units whose parts add up to them: not a year, a date, a place or a share.
_NOT_SUMMED: Final[frozenset[str]] = frozenset({"year", "date", "rank", "percent", "times"})


def parts_of_a_whole(text: str, raws: list[Raw]) -> None:
    """Plain numbers that add up to the amount just before them, in parentheses or after a colon,
    are its parts, in its unit and scale: *500 MW (300 solares y 200 eólicos)*, *10 núcleos de
    CPU (cuatro de rendimiento y seis de eficiencia)* (numbers that do not add up keep theirs)."""
    for i, whole in enumerate(raws):
        if whole.unit is None or whole.unit in _NOT_SUMMED or whole.drop:
            continue
        opened = _BREAKDOWN_OPEN_RE.match(text, whole.end)
        if opened is None or opened.end() != (raws[i + 1].start if i + 1 < len(raws) else -1):
            continue
        parts = [raws[i + 1]]
        for nxt in raws[i + 2 :]:
            if not _BREAKDOWN_GAP_RE.fullmatch(text, parts[-1].end, nxt.start):
                break
            parts.append(nxt)
        if len(parts) < 2 or any(
            p.unit is not None or p.has_scale or p.drop or is_year_candidate(p) for p in parts
        ):
            continue
        if abs(sum(p.number for p in parts) - whole.number) > 1e-9 * max(whole.number, 1.0):
            continue  # "12 centros (3 de ellos en 2024)": not its parts
        for p in parts:
            copy_unit(p, whole)
            p.scale, p.has_scale = whole.scale, whole.has_scale


#: *N unidades Nombre ... y M Nombre*: the gap from the first count's unit to the second number
#: (a capitalised model name, perhaps its number), and the name after the second.
_NAMED_PAIR_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?-i:[A-Z][\w-]*)(?:\s+[\w.-]+)?\s+(?:y|e)\s+", re.IGNORECASE
)
_NAME_AFTER_RE: Final[re.Pattern[str]] = re.compile(r"\s+(?P<name>[A-Z][\w-]*)")


def named_pair(text: str, raws: list[Raw]) -> None:
    """A count of hardware and a model's name, then *y* and a number before a name of the same
    line: the same unit (*cuatro núcleos Zen 5 y seis Zen 5c*, *ocho GPU H100 y cuatro H200*)."""
    for i, a in enumerate(raws):
        # the second number may come after the name's own digits (*Zen 5*), read as a number too
        b = next(
            (b for b in raws[i + 1 : i + 3] if _NAMED_PAIR_GAP_RE.fullmatch(text, a.end, b.start)),
            None,
        )
        if (
            b is not None
            and a.unit in _NAMED_PAIR_UNITS
            and b.unit is None
            and not b.has_scale
            and not is_year_candidate(b)
            and _NAME_AFTER_RE.match(text, b.end)
        ):
            copy_unit(b, a)
            b.drop = False


#: The hardware units a named pair shares.
_NAMED_PAIR_UNITS: Final[frozenset[str]] = frozenset({"GPUs", "chips", "cores", "nodes", "servers"})


#: A unit named alone before a colon, the numbers after it in that unit: *la supera en
#: petaflops: dispone de 644, frente a los 565 chinos*, *medida en megavatios: 120 y 80*.
_UNIT_BEFORE_COLON_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:en|medid[oa]s?\s+en|expresad[oa]s?\s+en)\s+(?P<u>[^\W\d_]+)\s*:", re.IGNORECASE
)


def unit_before_colon(text: str, raws: list[Raw]) -> None:
    """Plain numbers after *en <unidad>:* in their sentence take that unit (no number of that
    sentence before them has a unit of its own after the colon)."""
    for m in _UNIT_BEFORE_COLON_RE.finditer(text):
        found = match_unit(text, m.start("u") - 1, allow_de=False)
        if found is None or found[1].end() != m.end("u"):
            continue
        stop = SENTENCE_BREAK_RE.search(text, m.end())
        after = [r for r in raws if m.end() <= r.start < (stop.start() if stop else len(text))]
        if not after or any(r.unit is not None or r.has_scale for r in after):
            continue
        for raw in after:
            if not is_year_candidate(raw) and not counted_noun_follows(text, raw.end):
                end = raw.end  # the unit stands before the number: the span keeps its own end
                apply_unit(raw, text, found[0], found[2], found[1].start())
                raw.end = end
