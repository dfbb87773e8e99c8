"""The grammar of ranges and lists: which two numbers share a unit and a scale.

Part of :func:`helpers.text.quantities.find_quantities` (step 2, called by
:func:`helpers.text.carry.resolve`). Two numbers joined by a range's or a list's words share
what only one of them carries, in both directions:

* the upper bound's unit and scale go to the lower bound (*entre 10 y 12 megavatios*, *de 2 a
  4 millones USD*, *50–100 MW*, *tres a cinco años*, *12 y 16 nanómetros*, *de 1,5 a 2,3
  millones de usuarios*: :func:`share_units`, :func:`scaled_bounds`);
* the lower bound's currency goes to the upper bound when each has its own sign (*entre $3 y $4
  billones*);
* *entre* gives both ends the qualifier ``entre``, and two years joined so are a period
  (:func:`year_ranges`).

A month before *de* dates the year after it and opens no range (*noviembre de 2022*), a year is
no bound of a percentage (*el 0,302% de 2023 y el 0,207% de 2024*), a resolution no bound of a
frequency (*8K a 165 Hz*). The gap words are public (:data:`LIST_GAP_RE`, :data:`RANGE_GAP_RE`
...) for the carry of :mod:`helpers.text.carry` and the names of :mod:`helpers.text.names`.
"""

from __future__ import annotations

import itertools
import re
from typing import Final

from helpers.text import units
from helpers.text.context import (
    Raw,
    copy_unit,
    is_year_candidate,
    looks_like_year,
)
from helpers.text.numbers import MONTHS, alternation

__all__ = [
    "A_GAP_RE",
    "CARRIED_UNITS",
    "DASH_GAP_RE",
    "DESDE_RE",
    "ENTRE_RE",
    "LIST_GAP_RE",
    "MONTH_DE_RE",
    "NAME_LIST_GAP_RE",
    "RANGE_GAP_RE",
    "compared_sums",
    "scaled_bounds",
    "share_units",
    "year_ranges",
]

#: *entre* (and an article) before a range's lower bound.
ENTRE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)entre\s+(?:(?:el|la|los|las)\s+)?$", re.IGNORECASE
)

#: *de*, *desde* (and an article), or *del*, before a range's lower bound (*del 5 al 7 %*).
DESDE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:(?:de|desde)\s+(?:(?:el|la|los|las)\s+)?|del\s+)$", re.IGNORECASE
)

#: The joiner of a list, or of a comparison, of two amounts.
LIST_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:,|/|(?:y|e|o|u)(?:\s+del?(?=\s))?|,?\s*(?:e\s+|y\s+|o\s+)?incluso|,?\s*(?:y|o)\s+hasta"
    r"|contra|frente\s+a|vs\.?|versus|x|×)\s*",
    re.IGNORECASE,
)

#: The joiner of a range's bounds after *entre* or *de*.
RANGE_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:-|–|—|a|y|hasta|al)\s*(?:(?:el|la|los|las)\s+)?", re.IGNORECASE
)

#: A dash between two bounds: a range on its own (*50–100 MW*).
DASH_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s*[-–—]\s*")

#: The joiner of a list of a name's numbers: *GPT 3.5 o 4*, *Llama 2 y 3*, *MareNostrum 4, 5*.
NAME_LIST_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:,|/|\s(?:y|e|o|u))\s*")

#: Units a later scaled number inherits, within 400 characters (*y otros 486
#: millones*); a suffix number (*405B*) inherits only the units of a model (parameters, tokens, FLOP), within
#: its sentence.
CARRIED_UNITS: Final[frozenset[str]] = frozenset(
    {
        *units.CURRENCIES,
        "FLOP",
        "FLOP/s",
        "OP/s",
        "W",
        "Wh",
        "bytes",
        "parameters",
        "tokens",
        "GPUs",
        "chips",
        "transistors",
        "GPU-hours",
        "m",
        "bits/s",
        "bytes/s",
        "Hz",
        "FLOP/s/W",
        "tokens/s",
    }
)

#: A month and *de* before a year (*noviembre de 2022*): that *de* dates, it opens no range.
MONTH_DE_RE: Final[re.Pattern[str]] = re.compile(rf"(?<!\w)(?i:{alternation(MONTHS)})\s+de\s+$")

#: A gap that makes two numbers a range without *entre*/*de* before them (*tres a cinco años*).
A_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s+a\s+", re.IGNORECASE)


#: A hedge of the upper bound, inside the gap: *desde ocho mil millones hasta más de 400 mil
#: millones de parámetros*, *de 0 a entre 8 y 16 por ciento*.
_BOUND_HEDGE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<=\s)(?:(?:m[áa]s|menos|cerca|alrededor)\s+de|casi|unos|unas|aproximadamente|entre)\s+$",
    re.IGNORECASE,
)


#: *mil* right before the scale word of an upper bound: *cien mil millones*.
_MIL_SCALE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)mil\s+(?:millones|mill[oó]n|billones|bill[oó]n)(?!\w)", re.IGNORECASE
)


def _upper_scale(text: str, a: Raw, b: Raw) -> float:
    """The scale the lower bound ``a`` takes from the upper bound ``b``: *entre diez y cien mil
    millones* is ten thousand millions, not ten millions (*mil millones* is the scale)."""
    if (
        b.number >= 1000
        and b.number % 1000 == 0
        and a.number < 1000
        and a.number * 1000 <= b.number
        and _MIL_SCALE_RE.search(text, b.num_start, b.end)
    ):
        return b.scale * 1000
    return b.scale


#: The preposition of each item of a list, repeated: *a cinco, a diez y a veinte años*.
_ITEM_PREPOSITION_RE: Final[re.Pattern[str]] = re.compile(
    r"(?P<p>\s(?:a|de|en|por|hasta))\s*$", re.IGNORECASE
)


def _without_item_preposition(text: str, a: Raw, gap: str) -> str:
    """The gap without the preposition that also opens ``a`` (*a cinco, a diez*)."""
    m = _ITEM_PREPOSITION_RE.search(gap)
    if m is None:
        return gap
    before = text[max(0, a.start - 6) : a.start].lower()
    return gap[: m.start()] if before.endswith(m.group("p").lower() + " ") else gap


def _without_hedge(gap: str) -> str:
    """The gap between two bounds without the upper bound's hedge at its end."""
    m = _BOUND_HEDGE_RE.search(gap) if len(gap) > 5 else None
    if m is None or (
        m.group(0).lower().startswith("entre") and not A_GAP_RE.fullmatch(gap[: m.start()])
    ):
        return gap  # "entre" opens the upper range only after "a": "de 0 a entre 8 y 16"
    return gap[: m.start()]


#: *un* or *una* right before a bound (*entre un 15 y un 20%*).
_UN_END_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)un[ao]?\s+$", re.IGNORECASE)


def share_units(text: str, raws: list[Raw]) -> None:
    """Give the lower bound of a range or the first item of a list the unit (and scale) of the
    last one, and the upper bound of a range of signed amounts the lower one's currency."""
    for i in range(len(raws) - 2, -1, -1):
        a, b = raws[i], raws[i + 1]
        if (
            a.unit in units.CURRENCIES
            and (b.unit is None or b.unit == a.unit)
            and not a.has_scale
            and (b.has_scale or b.unit is None)
            and a.end == a.num_start + len(a.numtext)  # "$3", not "3 dólares"
            and RANGE_GAP_RE.fullmatch(text, a.end, b.start)
            and (
                DASH_GAP_RE.fullmatch(text, a.end, b.start)
                or (
                    b.has_scale
                    and (
                        A_GAP_RE.fullmatch(text, a.end, b.start)
                        or ENTRE_RE.search(text, max(0, a.start - 10), a.start)
                        or DESDE_RE.search(text, max(0, a.start - 10), a.start)
                    )
                )
            )
        ):
            # "entre $3 y $4 billones", "entre US$ 7000 y 8000 millones", "USD 7-8 mil
            # millones", "US$ 2 a 3 millones": the lower bound has the upper's scale, the upper
            # the lower's currency ("USD 7-8": both in dollars)
            if b.has_scale:
                a.scale, a.has_scale = _upper_scale(text, a, b), True
            if b.unit is None:
                copy_unit(b, a)
            continue
        if b.unit is None or b.unit in ("year", "date") or a.unit is not None:
            continue
        gap = _without_hedge(text[a.end : b.num_start])
        if b.start < a.end:
            continue
        left = text[max(0, a.num_start - 10) : a.num_start]
        if _UN_END_RE.search(left) and _UN_END_RE.search(gap):
            # "entre un 15 y un 20%": the article of each bound of a range of shares
            left, gap = _UN_END_RE.sub(" ", left), _UN_END_RE.sub(" ", gap)
        if is_year_candidate(a) and MONTH_DE_RE.search(text, max(0, a.num_start - 16), a.num_start):
            continue  # "de 1,02 EFLOP/s en noviembre de 2022 a 1,194": a date, not a bound
        if is_year_candidate(a) and b.unit not in ("year", "date") and looks_like_year(text, a):
            continue  # "el 0,302% de 2023 y el 0,207% de 2024": a year is no percentage's bound
        is_range = bool(
            DASH_GAP_RE.fullmatch(gap)
            or (RANGE_GAP_RE.fullmatch(gap) and (ENTRE_RE.search(left) or DESDE_RE.search(left)))
            or (A_GAP_RE.fullmatch(gap) and not is_year_candidate(a))  # "tres a cinco años"
        )
        if (
            not is_range
            and not LIST_GAP_RE.fullmatch(gap)
            and not LIST_GAP_RE.fullmatch(_without_item_preposition(text, a, gap))
        ):
            continue
        if not is_range and is_year_candidate(a) and looks_like_year(text, a):
            continue
        if b.kind == "bare" and a.kind != "bare" and not a.has_scale:
            continue
        if a.suffix and not (b.suffix or b.has_scale):
            continue  # "pantallas de hasta 8K a 165 Hz": a resolution, not a range's bound
        copy_unit(a, b)
        if not a.has_scale and b.has_scale and b.kind != "bare":
            a.scale, a.has_scale = _upper_scale(text, a, b), True
        # "entre 10 y 12", "10-12" are ranges; "de 60 a 0,5 dólares" is a change, not a range
        if is_range and (ENTRE_RE.search(left) or DASH_GAP_RE.fullmatch(gap)):
            a.qualifier = "entre"
            b.qualifier = b.qualifier or "entre"


def year_ranges(text: str, raws: list[Raw]) -> None:
    """*entre 2020 y 2023*, *2023-2025*: both years of a period take the qualifier ``entre``."""
    # a year range: "entre 2020 y 2023", "2023-2025"
    for i in range(len(raws) - 1):
        a, b = raws[i], raws[i + 1]
        if a.unit == b.unit == "year" and RANGE_GAP_RE.fullmatch(text[a.end : b.num_start]):
            left = text[max(0, a.num_start - 10) : a.num_start]
            if ENTRE_RE.search(left) or DASH_GAP_RE.fullmatch(text[a.end : b.num_start]):
                a.qualifier = a.qualifier or "entre"
                b.qualifier = b.qualifier or "entre"


#: Between two estimates of one amount: *diez, once millones*, *dos o tres millones*.
_ESTIMATES_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s*,\s+|\s+(?:o|u)\s+", re.I)


def scaled_bounds(text: str, raws: list[Raw]) -> None:
    """The lower bound of a range whose upper bound alone has the scale word: *de 1,5 a 2,3
    millones de usuarios*, *entre 2 y 3 millones*, *3-5 millones* (the bound that ended as a
    plain count takes the scale and unit of the other)."""
    for a, b in itertools.pairwise(raws):
        if (
            a.unit != "count"
            or a.has_scale
            or a.drop
            or not b.has_scale
            or b.kind == "bare"
            or b.suffix
            or b.unit not in (CARRIED_UNITS | {"count"})
            or b.start < a.end
            or not 0 < a.number < b.number * 10
        ):
            continue
        gap = _without_hedge(text[a.end : b.num_start])
        left = text[max(0, a.num_start - 10) : a.num_start]
        if (
            DASH_GAP_RE.fullmatch(gap)
            or (RANGE_GAP_RE.fullmatch(gap) and (ENTRE_RE.search(left) or DESDE_RE.search(left)))
            or A_GAP_RE.fullmatch(gap)
            # "diez, once millones de usuarios", "dos o tres millones": two estimates of one
            # amount, the scale written once
            or (
                _ESTIMATES_GAP_RE.fullmatch(gap)
                and not is_year_candidate(a)
                and b.number / 10 <= a.number < b.number
            )
        ):
            copy_unit(a, b)
            a.scale, a.has_scale = _upper_scale(text, a, b), True


#: The words between two sums compared in one clause: *€273 millones, frente a los €500
#: estimados*, *US$ 40 millones contra US$ 25 del año pasado*.
_COMPARED_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"[^.;:!?\d]{0,30}?(?<!\w)(?:frente\s+a|contra|en\s+vez\s+de|en\s+lugar\s+de"
    r"|comparad[oa]s?\s+con|respecto\s+(?:a|de))(?:\s+(?:los|las|unos|unas))?\s*",
    re.IGNORECASE,
)

#: The gap before the second sum of a pair joined by *y* in one clause, and a number grouped
#: in thousands (*10.200*).
_ELIDED_GAP_RE: Final[re.Pattern[str]] = re.compile(r"[^.;:!?\d]{0,40}?\s(?:y|e)\s+")
_GROUPED_RE: Final[re.Pattern[str]] = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_PLURAL_NEXT_RE: Final[re.Pattern[str]] = re.compile(r"\s+(?:de\s+)?[a-záéíóúñ]{2,}s(?!\w)")


def _near_scaled_sum(a: Raw, b: Raw) -> bool:
    """``a`` is a scaled sum of money (millions or more) and ``b``, after it, a plain number
    within a factor of ten of its number: *€273 millones ... €500*, *6.120 millones ... 10.200*."""
    return (
        a.unit in units.CURRENCIES
        and a.has_scale
        and a.scale >= 1e6
        and not a.suffix
        and not b.has_scale
        and a.number > 0
        and 0.1 <= b.number / a.number <= 10
    )


def compared_sums(text: str, raws: list[Raw]) -> None:
    """A sum of money compared with a scaled sum in the same currency just before it takes
    its scale when left out (*€273 millones, frente a los €500 estimados*: 500 million), and a
    number grouped in thousands joined to a scaled sum by *y* takes its scale and currency
    (*6.120 millones ... y 10.200 indirecta*), if the two are within a factor of ten."""
    for a, b in itertools.pairwise(raws):
        if not _near_scaled_sum(a, b):
            continue
        if (
            b.unit == a.unit
            and b.kind in ("int", "dec", "es")
            and _COMPARED_GAP_RE.fullmatch(text, a.end, b.start)
        ):
            b.scale, b.has_scale = a.scale, True
        elif (
            b.unit in (None, "count")
            and not b.drop
            and not _PLURAL_NEXT_RE.match(text, b.end)  # "y 2.500 personas": a count
            and _GROUPED_RE.fullmatch(b.numtext)
            and _ELIDED_GAP_RE.fullmatch(text, a.end, b.start)
        ):
            # "6.120 millones serán inversión directa y 10.200 indirecta": the second sum of a
            # pair, its scale and currency left out (a writer never groups a small number so)
            copy_unit(b, a)
            b.scale, b.has_scale = a.scale, True
