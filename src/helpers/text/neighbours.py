"""What a number's neighbours say about it: decades, restatements, named lists, days, ratios.

Part of :func:`helpers.text.quantities.find_quantities` (step 2, with :mod:`helpers.text.carry`):
each function looks at a number and the one next to it. :func:`_is_decade` reads *los años 90*
and *las décadas del 40 y del 50*; :func:`_restate` gives a unitless number the unit of the
amount it restates (*un trillón de operaciones por segundo, un uno seguido de 18 ceros:
1.000.000...*); :func:`_named_list_item` keeps the counts of a list of named items (*Japón 30,
Francia 23*); :func:`_days_of_one_month` makes the first of two days a date of the second's
month (*el 10 y 11 de febrero*); :func:`_per_watt_inverted` reads an efficiency written watt
first (*un vatio por cada 6 GFLOPS*); :func:`_scale_glosses` drops a scale word's gloss
(*billones de pesos (millones de millones)*).
"""

from __future__ import annotations

import itertools
import re
from typing import Final

from helpers.text.context import (
    _SENTENCE_BREAK_RE,
    _Raw,
)

#: What names a decade before its two digits: *la década del 60*, *los años 90*.
_DECADE_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:d[ée]cadas?\s+(?:del|de\s+los)|(?:los|las|sus)\s+años)\s+$", re.IGNORECASE
)

#: The gap to a second decade of a list: *las décadas del 40 y del 50*.
_DECADE_LIST_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:,|y|e|o|u|a|al)\s+(?:del|los|de\s+los)?\s*", re.IGNORECASE
)


def _is_decade(text: str, raw: _Raw, prev: _Raw | None) -> bool:
    """A two-digit multiple of ten named as a decade of the 20th century (*los años 90*)."""
    if raw.kind != "int" or len(raw.numtext) != 2 or not raw.numtext.endswith("0"):
        return False
    if _DECADE_LEFT_RE.search(text, max(0, raw.num_start - 30), raw.num_start):
        return True
    return (
        prev is not None
        and prev.unit == "year"
        and 1910 <= prev.number <= 1990
        and bool(_DECADE_LIST_GAP_RE.fullmatch(text[prev.end : raw.num_start]))
    )


#: How far back (characters, within the sentence) an amount may restate the previous one.
_RESTATE_REACH: Final[int] = 160


def _restate(text: str, raw: _Raw, prev: _Raw) -> None:
    """Give a unitless number the unit of the amount it restates, when their values agree:
    *un trillón de operaciones por segundo, un uno seguido de 18 ceros: 1.000.000...*."""
    if (
        prev.unit is None
        or prev.unit in ("year", "date", "count", "rank")
        or raw.num_start - prev.end > _RESTATE_REACH
        or _SENTENCE_BREAK_RE.search(text, prev.end, raw.num_start)
    ):
        return
    mine = raw.number * raw.scale
    theirs = prev.number * prev.scale * prev.unit_factor
    if theirs > 0 and mine >= 1e3 and abs(mine - theirs) <= 0.005 * theirs:
        raw.unit, raw.unit_factor, raw.prefix_factor = prev.unit, 1.0, 1.0
        raw.per_second = prev.per_second


#: The gap before an item of a list of named amounts: *tiene 30, el Reino Unido 29, Francia
#: 23 y Alemania 19*.
_NAMED_ITEM_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:,|;|y|e)\s+(?:(?:el|la|los|las)\s+)?(?:[A-ZÁÉÍÓÚÑ][\w\-]*\s+){1,3}"
)


def _named_list_item(text: str, raw: _Raw, raws: list[_Raw], i: int) -> bool:
    """A number after a name that continues a list of plain counts (not a name's digits)."""
    if i == 0:
        return False
    prev = raws[i - 1]
    return (
        prev.unit == "count"
        and not prev.drop
        and prev.end == prev.num_start + len(prev.numtext)
        and bool(_NAMED_ITEM_GAP_RE.fullmatch(text, prev.end, raw.num_start))
    )


#: The gap between two days of one month: *el 10 y 11 de febrero*, *del 3 al 5 de mayo*.
_DAY_LIST_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:,|y|e|al|a|-|–)\s*", re.IGNORECASE)


def _days_of_one_month(text: str, raws: list[_Raw]) -> None:
    """*el 10 y 11 de febrero*: a day before a date of a month is a date of that month."""
    for i in range(len(raws) - 2, -1, -1):
        a, b = raws[i], raws[i + 1]
        if (
            a.unit is None
            and a.kind == "int"
            and 1 <= a.number <= 31
            and b.unit == "date"
            and b.kind == "date"
            and not b.drop
            and _DAY_LIST_GAP_RE.fullmatch(text, a.end, b.start)
        ):
            a.unit, a.number = "date", b.number - b.number % 100 + a.number


#: An opening parenthesis right after an amount: what follows may gloss its scale.
_GLOSS_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s*\(\s*")


def _scale_glosses(text: str, raws: list[_Raw]) -> None:
    """*1,32 billones de pesos (millones de millones)*: a vague magnitude in parentheses that
    equals the scale of the amount before it explains the word; it is no amount."""
    for a, b in itertools.pairwise(raws):
        if (
            b.kind == "bare"
            and a.has_scale
            and b.scale == a.scale
            and _GLOSS_GAP_RE.fullmatch(text, a.end, b.start)
        ):
            b.drop = True


#: *un vatio por cada 6 GFLOPS*: the efficiency written watt first.
_PER_EACH_RE: Final[re.Pattern[str]] = re.compile(r"\s+por\s+cada\s+", re.IGNORECASE)


def _per_watt_inverted(text: str, raws: list[_Raw]) -> None:
    """*un vatio por cada 6 GFLOPS* is 6 GFLOP/s per watt: the speed becomes ``FLOP/s/W`` and
    the one watt, the ratio's denominator, is no amount."""
    for a, b in itertools.pairwise(raws):
        if (
            a.unit == "W"
            and a.number * a.scale * a.unit_factor == 1.0
            and b.unit == "FLOP/s"
            and _PER_EACH_RE.fullmatch(text, a.end, b.num_start)
        ):
            a.drop, b.unit = True, "FLOP/s/W"
