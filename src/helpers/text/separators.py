"""The separator convention and the magnitudes of a document, and the local currency.

Part of :func:`helpers.text.quantities.find_quantities` (steps 3 and 4). ``1.105`` and
``1,500`` are the numerals whose value depends on the writer's convention. They are read, in
order, by

1. the quantity itself (:func:`_intrinsic_reading`): a reading outside the unit's plausible
   range (:data:`PLAUSIBLE`) is ruled out, a dot and three digits before a scale word are
   thousands, a count or an amount of money without a scale word has no three decimals, a
   decimal is not padded with zeros;
2. the document's other figures in the same unit (:class:`Evidence.magnitudes`): when one
   reading sits within a factor of ten of their median and the other a hundred times or more
   away, the near one wins (*5,536 petaflops* beside *5.64* and *6.27 petaflops* is 5.5 PFLOP/s,
   not 5.5 EFLOP/s, whatever the document's convention);
3. the document's convention: the numbers that settle it on their own vote (``1.000.000``,
   ``175,30`` Spanish; ``1,000,000``, ``1.75`` English), the locale breaks a tie.

The same document-level evidence settles the currency of a bare *pesos* (or *mdp*, or a ``$``
in a text that counts in pesos and never names the dollar): the peso of the country the text
names (*pesos chilenos*, then the ``locale``, then the country whose places, institutions and
people the text names most often: :mod:`helpers.text.places`), else the Mexican peso, flagged.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from helpers.text import units
from helpers.text.context import (
    Raw,
)
from helpers.text.conventions import ambiguous_readings, locale_country
from helpers.text.places import country_votes, peso_country

#: Believable range per unit in 2025-era press, the magnitude evidence for ``1.102
#: exaflops`` (1102 exaflops by Spanish rules, surely 1.102 with a decimal point) and for the
#: short-scale check of parameter counts. The maxima are generous: a whole country's yearly
#: electricity is about 3e16 Wh, the largest machines about 2e18 FLOP/s, the largest money
#: figures (Stargate, "7 billones") below 1e13.
PLAUSIBLE: Final[dict[str, tuple[float, float]]] = {
    "FLOP/s": (0.0, 5e19),
    "OP/s": (0.0, 1e19),
    "FLOP/s/W": (0.0, 1e12),
    "W": (0.0, 1e11),
    "Wh": (0.0, 1e17),
    "bytes/s": (0.0, 1e17),
    "bits/s": (0.0, 1e15),
    "Hz": (0.0, 1e10),
    "parameters": (0.0, 2e13),
    "tokens": (0.0, 1e15),
    "EUR": (0.0, 2e13),
    "USD": (0.0, 2e13),
    "GBP": (0.0, 2e13),
    # a peso is worth a few cents or less: budgets reach tens of billones
    **{peso: (0.0, 1e16) for peso in units.PESO_CURRENCIES.values()},
    "percent": (0.0, 1e4),
    # from a process node (3 nm) to a cable across an ocean
    "m": (1e-10, 5e7),
}

_MONEY_UNITS: Final[frozenset[str]] = units.CURRENCIES

_WHOLE_UNITS: Final[frozenset[str]] = units.COUNT_LIKE_UNITS | {"rank", "year"}


#: Units whose figures in one text sit within a few orders of magnitude of each other (the
#: machines of one ranking, the plants of one grid, the parts of one consumption), so that
#: they are evidence for an ambiguous one. Money is not: one text gives budgets from
#: thousands to billions.
_MAGNITUDE_UNITS: Final[frozenset[str]] = frozenset(
    {"FLOP/s", "OP/s", "FLOP/s/W", "W", "Wh", "bytes", "bytes/s"}
)

#: The speeds of machines, whose three decimals a list may pad (*1.809, 1.353 y 1.000
#: ExaFlops*): their magnitudes, not the zeros, settle a ``1.000``.
_SPEED_UNITS: Final[frozenset[str]] = frozenset({"FLOP/s", "OP/s", "FLOP/s/W"})


def _intrinsic_reading(raw: Raw) -> tuple[bool, str] | None:
    """Whether ``1.105``/``1,500`` is read as thousands, from the quantity itself, and why.

    ``None`` when only the document's convention can tell. In order: the unit's plausible
    magnitude rules one reading out; a count or an amount of money without a scale word cannot
    have three decimals; a writer who means a decimal does not pad it with zeros (*1,500* is
    1500, *1.500* is 1500, in either convention).
    """
    th, dec = ambiguous_readings(raw.numtext)
    factor = raw.scale * raw.unit_factor
    unit = raw.unit or "count"
    lo, hi = PLAUSIBLE.get(unit, (0.0, math.inf))
    ok_th, ok_dec = lo <= th * factor <= hi, lo <= dec * factor <= hi
    if raw.numtext[0] == "0":
        return False, "a leading zero is no thousands group"  # "$0.207 por kWh"
    if unit not in _SPEED_UNITS and raw.numtext[-3:] == "000" and raw.numtext[-4] in ".,":
        # "US$ 500.000 mil millones", "1,000 gigavatios": nobody writes 500 as 500.000; read as
        # written, even when the amount is implausible (the source's mistake, not a decimal
        # point). A speed is the exception: in a list of "1.809", "1.353" exaflops, "1.000
        # ExaFlops" is one (the magnitudes of the document settle it)
        return True, "a decimal is not padded with zeros"
    if ok_th != ok_dec:
        other = dec * factor if ok_th else th * factor
        return ok_th, f"{other:.4g} {unit} would be implausible"
    if raw.sep == "dot?" and raw.has_scale and not raw.suffix and raw.scale <= 1e12:
        # "33.832 millones de pesos" beside "19.9 megavatios": a writer who puts a decimal
        # point before a scale word gives one or two digits (1.5 millones), never three (all
        # 700-odd such amounts of the development set; a suffix such as "2.788M" is a
        # decimal). A comma is the Spanish decimal ("1,125 millones"): the convention decides
        return True, "a dot and three digits before a scale word are a thousands group"
    if not raw.has_scale and unit in _WHOLE_UNITS:
        return True, "a count has no decimals"
    if not raw.has_scale and unit in _MONEY_UNITS:
        return True, "money has at most two decimals"
    if raw.numtext.endswith("0"):
        return True, "a decimal is not padded with zeros"
    return None


def convention_vote(raw: Raw) -> str:
    """The convention this quantity shows: ``"es"``, ``"en"`` or ``""`` (no evidence)."""
    if raw.sep in ("es", "en"):
        return raw.sep
    if raw.sep in ("dot?", "comma?"):
        settled = _intrinsic_reading(raw)
        if settled is not None:
            thousands = settled[0]
            return "es" if thousands == (raw.sep == "dot?") else "en"
    return ""


#: An ambiguous reading is settled by its siblings when one reading lies within this many
#: orders of magnitude of their median (and the other, three orders away, beyond 3 minus it).
_NEAR_DECADES: Final[float] = 0.7
_MIN_SIBLINGS: Final[int] = 2


@dataclass(frozen=True)
class Evidence:
    """What a whole document says about how to read its ambiguous numbers and its pesos.

    ``convention`` (``"es"`` or ``"en"``) and ``reason`` settle ``1.105``/``1,500`` when
    nothing closer does; ``magnitudes`` maps a unit to the median log10 of the document's
    unambiguous figures in it (see :func:`magnitudes`); ``peso`` is the ISO code a bare
    *pesos* stands for, ``peso_reason`` why, and ``dollar_sign`` what a bare ``$`` is
    (``USD``, or the peso of a text that counts in pesos and never names the dollar).
    """

    convention: str = "es"
    reason: str = "Spanish rules"
    magnitudes: Mapping[str, float] = field(default_factory=dict)
    peso: str = "MXN"
    peso_reason: str = ""
    dollar_sign: str = "USD"


def magnitudes(raws: Iterable[Raw]) -> dict[str, float]:
    """Median log10 of the unambiguous values per unit of :data:`_MAGNITUDE_UNITS` (units with
    at least :data:`_MIN_SIBLINGS` such values)."""
    logs: dict[str, list[float]] = {}
    for r in raws:
        if r.unit in _MAGNITUDE_UNITS and r.sep not in ("dot?", "comma?"):
            value = r.number * r.scale * r.unit_factor
            if value > 0 and math.isfinite(value):
                logs.setdefault(r.unit, []).append(math.log10(value))
    return {u: statistics.median(v) for u, v in logs.items() if len(v) >= _MIN_SIBLINGS}


def _sibling_reading(raw: Raw, ev: Evidence) -> tuple[bool, str] | None:
    """Whether the document's other figures in the unit say thousands (``True``) or decimals."""
    median = ev.magnitudes.get(raw.unit or "")
    if median is None:
        return None
    th, dec = ambiguous_readings(raw.numtext)
    factor = raw.scale * raw.unit_factor
    if th * factor <= 0 or dec * factor <= 0:
        return None
    d_th = abs(math.log10(th * factor) - median)
    d_dec = abs(math.log10(dec * factor) - median)
    if min(d_th, d_dec) > _NEAR_DECADES:
        return None
    near = 10.0**median
    return d_th < d_dec, f"the document's other {raw.unit} figures are near {near:.3g}"


#: The dollar named in words or marks: a ``$`` amount that has one is in dollars in any text.
DOLLAR_WORD_RE: Final[re.Pattern[str]] = re.compile(
    r"(?i:d[oó]lar(?:es)?|USD|US\s?\$|U\$S|mm?dd)(?!\w)"
)
#: A ``$`` written for the dollar: before an amount that names the dollar, or after ``USD``.
_SIGN_FOR_DOLLAR_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w$])(?:USD\s?\$|\$\s?\d[\d.,]*(?:\s*(?:mil|millones|mill[oó]n|billones|bill[oó]n|mm?dd)\b)*"
    r"\s*(?:de\s+)?(?:d[oó]lares|USD|mm?dd)(?!\w))",
    re.IGNORECASE,
)
#: Currencies a Latin American text on local money does not convert into.
_OTHER_MONEY: Final[frozenset[str]] = frozenset({"EUR", "GBP", "JPY", "CNY", "KRW"})

_PESOS: Final[frozenset[str]] = frozenset(units.PESO_CURRENCIES.values())


#: Dollars marked apart from a bare ``$``: *US$*, *USD*, *u$s*.
_MARKED_DOLLAR_RE: Final[re.Pattern[str]] = re.compile(r"US\$|USD|[uU]\$[sS]")


def local_currency(
    raws: Sequence[Raw], texts: Sequence[str], locale: str | None
) -> tuple[str, str, str]:
    """(peso, why, dollar sign) of a document: see :class:`Evidence`.

    The peso is the one the text names (*pesos chilenos*), else the locale's, else that of the
    country the text names most often, else the Mexican peso (with a reason saying so). A bare
    ``$`` is that peso when the text counts in pesos (*pesos*, *mdp*) or is about a peso
    country, unless the writer puts ``$`` before dollars too (*$1,500 millones de dólares*,
    *USD $4.800*); an amount that names the dollar itself stays USD in any case.
    """
    local = any(r.local for r in raws)
    signs = any(r.dollar_sign for r in raws)
    if not (local or signs):
        return "MXN", "", "USD"
    named = Counter(r.unit for r in raws if r.unit in _PESOS and not r.local)
    country = locale_country(locale)
    if named:
        peso, why = named.most_common(1)[0][0], "the text names this peso"
    elif country in units.PESO_CURRENCIES:
        peso, why = units.PESO_CURRENCIES[country], f"the locale {locale}"
    else:
        code, set_there = peso_country(country_votes(texts))
        if code is not None and set_there:
            peso, why = units.PESO_CURRENCIES[code], f"the text is about {code}"
        elif code is not None:
            peso, why = units.PESO_CURRENCIES[code], f"the text names {code}"
        else:
            peso, why = "MXN", "no country named: read as Mexican pesos"
    # "$" is the local currency in a text that counts in pesos, or that is about a peso
    # country (the Latin American convention: its dollars are written US$, USD, u$s or
    # dólares); a "$" amount that names the dollar itself stays USD (quantities._finish)
    in_pesos = (
        local
        or bool(named)
        or (country is None and why.startswith("the text is about"))
        # a text of (or naming) a peso country that writes its dollars US$, USD or u$s
        or (
            (country in units.PESO_CURRENCIES or why.startswith("the text"))
            and any(_MARKED_DOLLAR_RE.search(t) for t in texts)
        )
    )
    if not in_pesos or any(r.unit in _OTHER_MONEY for r in raws):
        # a text that converts its amounts into euros or pounds ("$ 10 mil millones (7,4 mil
        # millones de libras esterlinas)") writes for an international reader: "$" is USD
        return peso, why, "USD"
    # a writer who puts "$" before dollars ("$1,500 millones de dólares", "USD $4.800", "$9
    # mdd") means the dollar by a bare "$" too; one who marks them apart (US$, USD, u$s,
    # "billones de USD") keeps "$" for the peso
    sign_for_dollar = any(_SIGN_FOR_DOLLAR_RE.search(text) for text in texts)
    return peso, why, ("USD" if sign_for_dollar else peso)


def settle_separator(raw: Raw, ev: Evidence) -> str:
    """Set ``raw.number`` for ``1.105``/``1,500``; return the flag (empty if Spanish rules hold)."""
    th, dec = ambiguous_readings(raw.numtext)
    spanish_thousands = raw.sep == "dot?"
    settled = _intrinsic_reading(raw) or _sibling_reading(raw, ev)
    if settled is not None:
        thousands, reason = settled
    else:
        convention = ev.convention
        thousands = spanish_thousands if convention == "es" else not spanish_thousands
        reason = ev.reason
    raw.number = th if thousands else dec
    if thousands == spanish_thousands:
        return ""
    factor = raw.scale * raw.unit_factor
    sep = "comma" if raw.sep == "comma?" else "dot"
    role = "thousands separator" if thousands else "decimal point"
    spanish = (dec if thousands else th) * factor
    return (
        f"ambiguous_separator?: {raw.numtext} read with the {sep} as {role} ({reason}); "
        f"Spanish rules give {spanish:.4g}"
    )
