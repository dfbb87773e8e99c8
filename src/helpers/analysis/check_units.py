"""Units for the article checker: which values can be compared, and how far apart they are.

Every value the checker compares, an article's or a source's, is first put in its unit
:data:`FAMILIES` family and in that family's base unit (:func:`family`): FLOP/s with OP/s,
euros with dollars (converted at :data:`USD_PER_EUR`), GPUs, chips, nodes, ranks and plain
counts together, durations in days, calendar years, dates. Two values of one family are then
the distance :func:`distance` apart: ``|log10(article / source)|``; for years the difference in
years over :data:`YEARS_PER_DECADE_OF_RATIO`; for two different dates :data:`DATE_MISMATCH`.
They count as the same (:func:`within_distance`) within the larger of :data:`RATIO_TOLERANCE`
and the rounding of the number as the article writes it (:func:`rounding_tolerance`).

The ranking (:mod:`helpers.analysis.check_rank`) and the bands
(:mod:`helpers.analysis.check_bands`) both read these; the overview is in
:mod:`helpers.analysis.candidates`.
"""

from __future__ import annotations

import math
import re
from typing import Final

import numpy as np

from helpers.params import Claims, GermanyJupiter

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


def distance(fam: str, base: float, source: np.ndarray) -> np.ndarray:
    """How far the value ``base`` of family ``fam`` is from each of ``source`` (the same
    family, base units), in factors of ten (see the module's text)."""
    if fam == "year":
        return np.abs(base - source) / YEARS_PER_DECADE_OF_RATIO
    if fam == "date":
        # a date without its year (16 de noviembre = 1116) is compared by month and day
        same = (source % 10_000 == base) if base < 10_000 else (source == base)
        return np.where(same, 0.0, DATE_MISMATCH)
    return np.abs(np.log10(base / source))


def within_distance(fam: str, written: str) -> float:
    """The largest distance (:func:`distance`) at which a value still counts as the same."""
    if fam in ("year", "date"):
        return 0.0
    return math.log10(1 + max(RATIO_TOLERANCE, rounding_tolerance(written)))


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
