"""What a number's neighbours say about it: decades, restatements, named lists, days, ratios.

Part of :func:`helpers.text.quantities.find_quantities` (step 2, with :mod:`helpers.text.carry`):
each function looks at a number and the one next to it. :func:`is_decade` reads *los años 90*
and *las décadas del 40 y del 50*; :func:`restate` gives a unitless number the unit of the
amount it restates (*un trillón de operaciones por segundo, un uno seguido de 18 ceros:
1.000.000...*); :func:`named_list_item` keeps the counts of a list of named items (*Japón 30,
Francia 23*); :func:`days_of_one_month` makes the first of two days a date of the second's
month (*el 10 y 11 de febrero*); :func:`per_watt_inverted` reads an efficiency written watt
first (*un vatio por cada 6 GFLOPS*); :func:`scale_glosses` drops a scale word's gloss
(*billones de pesos (millones de millones)*); :func:`shares_of_each` reads *dos de cada tres*
as one share; :func:`decimals_of_the_sentence` gives a bare decimal, which no count is, the one
unit its sentence measures in (*de 10.4 a 4.2, es decir, 6.2 gigavatios hora*).
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


def is_decade(text: str, raw: Raw, prev: Raw | None) -> bool:
    """A multiple of ten named as a decade of the 20th century: *los años 90*, *los 90s*, *los
    '80*, *los años ochenta* (the number's value is then its last two digits or the tens)."""
    left = max(0, raw.num_start - 30)
    if raw.kind == "words" and raw.number in (20, 30, 40, 50, 60, 70, 80, 90):
        return bool(_DECADE_LEFT_RE.search(text, left, raw.num_start))  # "los años ochenta"
    if raw.kind != "int" or len(raw.numtext) != 2 or not raw.numtext.endswith("0"):
        return False
    marked = text[raw.num_start - 1 : raw.num_start] in ("'", "’") or decade_suffix(text, raw)
    start = (
        raw.num_start - 1
        if text[raw.num_start - 1 : raw.num_start] in ("'", "’")
        else raw.num_start
    )
    if _DECADE_LEFT_RE.search(text, left, start) or (
        marked and _DECADE_MARKED_LEFT_RE.search(text, left, start)
    ):
        return True
    return (
        prev is not None
        and prev.unit == "year"
        and 1910 <= prev.number <= 1990
        and bool(_DECADE_LIST_GAP_RE.fullmatch(text[prev.end : raw.num_start]))
    )


#: How far back (characters, within the sentence) an amount may restate the previous one.
_RESTATE_REACH: Final[int] = 160


def restate(text: str, raw: Raw, prev: Raw) -> None:
    """Give a unitless number the unit of the amount it restates, when their values agree:
    *un trillón de operaciones por segundo, un uno seguido de 18 ceros: 1.000.000...*."""
    if (
        prev.unit is None
        or prev.unit in ("year", "date", "count", "rank")
        or raw.num_start - prev.end > _RESTATE_REACH
        or SENTENCE_BREAK_RE.search(text, prev.end, raw.num_start)
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


def named_list_item(text: str, raw: Raw, raws: list[Raw], i: int) -> bool:
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


#: The gap between two days of one month: *el 10 y 11 de febrero*, *del 3 al 5 de mayo*,
#: *entre el 1 y el 15 de marzo*, *el 12, 13 y 14 de junio*.
_DAY_LIST_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:,|y|e|al|a|-|–|hasta\s+el|hasta)\s*(?:el\s+)?", re.IGNORECASE
)


def days_of_one_month(text: str, raws: list[Raw]) -> None:
    """*el 10 y 11 de febrero*: a day before a date of a month is a date of that month."""
    for i in range(len(raws) - 2, -1, -1):
        a, b = raws[i], raws[i + 1]
        if (
            a.unit is None
            and a.kind == "int"
            and 1 <= a.number <= 31
            and b.unit == "date"
            and b.kind in ("date", "int")  # "el 12, 13 y 14 de junio": a day made a date
            and not b.drop
            and _DAY_LIST_GAP_RE.fullmatch(text, a.end, b.start)
        ):
            a.unit, a.number = "date", b.number - b.number % 100 + a.number


#: An opening parenthesis right after an amount: what follows may gloss its scale.
_GLOSS_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s*\(\s*")


_AND_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s+(?:y|e)\s+", re.IGNORECASE)


def repeated_magnitudes(text: str, raws: list[Raw]) -> None:
    """*millones y millones de datos*, *miles y miles de servidores*: a vague magnitude said
    twice for emphasis is one amount, the span of both."""
    for a, b in itertools.pairwise(raws):
        if (
            a.kind == "bare"
            and b.kind == "bare"
            and not a.drop
            and a.numtext.lower() == b.numtext.lower()
            and _AND_GAP_RE.fullmatch(text, a.end, b.start)
        ):
            a.end, b.drop = b.end, True
            copy_unit(a, b)


def scale_glosses(text: str, raws: list[Raw]) -> None:
    """*1,32 billones de pesos (millones de millones)*: a vague magnitude in parentheses that
    equals the scale of the amount before it explains the word; it is no amount."""
    for a, b in itertools.pairwise(raws):
        if (
            b.kind == "bare"
            and b.unit is None  # "(billones de dólares)" restates the amount, with its unit
            and a.has_scale
            and b.scale == a.scale
            and _GLOSS_GAP_RE.fullmatch(text, a.end, b.start)
        ):
            b.drop = True


#: *un vatio por cada 6 GFLOPS*: the efficiency written watt first.
_PER_EACH_RE: Final[re.Pattern[str]] = re.compile(r"\s+por\s+cada\s+", re.IGNORECASE)


def per_watt_inverted(text: str, raws: list[Raw]) -> None:
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


#: Units a bare decimal never takes from its sentence (they are not measurements).
_NOT_MEASURES: Final[frozenset[str]] = frozenset({"year", "date", "count", "rank"})


def decimals_of_the_sentence(text: str, raws: list[Raw]) -> None:
    """A bare number with decimals is no count (*bajaría de 10.4 a 4.2, es decir, 6.2
    gigavatios hora*; *11.03 y 11.54 ... 10.92 centavos de dólar*): it takes the unit of the
    nearest measurement of its sentence, when every measurement there has one unit."""
    breaks = [m.end() for m in SENTENCE_BREAK_RE.finditer(text)]
    for raw in raws:
        if (
            raw.unit != "count"
            or raw.kind != "dec"
            or raw.has_scale
            or raw.suffix
            or raw.number == int(raw.number)
            or raw.sep in ("dot?", "comma?")  # "7,200 puestos": perhaps thousands
            or counted_noun_follows(text, raw.end)  # "2,5 hijos": what it counts follows
        ):
            continue
        lo = max((b for b in breaks if b <= raw.num_start), default=0)
        hi = min((b for b in breaks if b > raw.end), default=len(text))
        measures = [
            r
            for r in raws
            if r is not raw and lo <= r.num_start < hi and r.unit not in _NOT_MEASURES and r.unit
        ]
        if len({r.unit for r in measures}) != 1:
            continue
        near = min(measures, key=lambda r: abs(r.num_start - raw.num_start))
        copy_unit(raw, near)


#: *dos de cada tres*, *uno de cada cinco*: a share written as a ratio of two counts.
_OF_EACH_RE: Final[re.Pattern[str]] = re.compile(r"\s+de\s+cada\s+", re.IGNORECASE)


def shares_of_each(text: str, raws: list[Raw]) -> None:
    """*Dos de cada tres empresas*, *uno de cada mil*: one share in ``percent`` (66.67, 0.1);
    the second number is its denominator, no amount of its own, whatever it counts (*uno de
    cada cinco euros del PIB*, *tres de cada diez GPU*)."""
    for a, b in itertools.pairwise(raws):
        if (
            a.unit in (None, "count")
            and not a.has_scale
            and not b.has_scale
            and 0 < a.number < b.number
            and _OF_EACH_RE.fullmatch(text, a.num_start + len(a.numtext), b.num_start)
        ):
            a.number, a.unit = 100.0 * a.number / b.number, "percent"
            a.end, b.drop = max(a.end, b.end), True
