"""Reading one numeral: its scale words or suffix, unit, currency sign, qualifier and context.

Part of :func:`helpers.text.quantities.find_quantities` (step 1): :func:`_read_numeral` takes a
match of :data:`helpers.text.numbers.NUMERAL_RE` and returns a :class:`~helpers.text.context._Raw`
with the scale (*millones*, *4 mil 800 millones*, *671B*, *1.500mn*), the unit of
:data:`helpers.text.units.UNIT_FORMS` that follows (through *de* after a scale word), a
currency written before the number (*US$*, *€*, a bare ``$`` that the document may turn into
pesos), multiplicatives and shares (*el doble*, *la mitad de*), *un*/*una* as a number or an
article, and what the left context says (:func:`helpers.text.leftcontext._finish_context`:
the hedge, a rank, a top-N, *multiplicó por*). The unit forms are matched by
:mod:`helpers.text.unitmatch`.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from typing import Final

from helpers.text import units
from helpers.text.context import (
    _DE_RE,
    _FRACTION_RE,
    _HEDGED_SHARE_RE,
    _NEXT_WORD_RE,
    _O_MAS_RE,
    _PLACE_ORDINAL_RE,
    _POWER_WORDS_RE,
    _WS_RE,
    _counted_noun_follows,
    _fraction_percent,
    _next_word_end,
    _Raw,
)
from helpers.text.leftcontext import (
    _RANK_RE,
    _finish_context,
)
from helpers.text.names import (
    _date_header_end,
    _day_first_header_end,
    _is_dateline,
    _month_first_header_end,
)
from helpers.text.numbers import (
    FOLDED_MONTHS,
    SHARES,
    Y_MEDIO_RE,
    fold,
    numeral_base,
    numeral_kind,
    scale_at,
    separator_class,
)
from helpers.text.unitmatch import (
    _apply_unit,
    _match_qualified_unit,
    _match_unit,
    _read_power,
)

# Scale letters glued to the digits: English model sizes and audiences (*7B parámetros*,
# *128k tokens*, *100M usuarios*, *671B*) and money after a currency sign (*US$ 20M*,
# *€1,5bn*). A suffix number with neither a unit nor a counted noun is a name (*el modelo
# 175B*) unless the sentence gives it a unit (*671B parámetros ... una versión de 405B*).
_SUFFIX_SCALE_RE: Final[re.Pattern[str]] = re.compile(r"(?P<s>[kKMBT]|mn|bn)(?![^\W_]|/)")

_SUFFIX_SCALE_FACTORS: Final[dict[str, float]] = {
    "mn": 1e6,
    "bn": 1e9,
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "B": 1e9,
    "T": 1e12,
}

_CURRENCY_SUFFIX_RE: Final[re.Pattern[str]] = re.compile(r"(?P<s>bn|mn|[MBK])(?![^\W\d_])")

_CURRENCY_SUFFIX_FACTORS: Final[dict[str, float]] = {
    s: _SUFFIX_SCALE_FACTORS[s] for s in ("bn", "mn", "M", "B", "K")
}

_SOLO_RE: Final[re.Pattern[str]] = re.compile(r"\s+(?:sol[oa]|únic[oa]|unic[oa])\s+", re.IGNORECASE)

_ORDINAL_RE: Final[re.Pattern[str]] = re.compile(r"\.?[ºª]")

_CURRENCY_PREFIX_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:(?P<usd>US\s?\$|[Uu]\$[Ss]|\$|USD\s)|(?P<eur>€|EUR\s)|(?P<gbp>£|GBP\s))\s?$"
)

#: Units an unscaled number reaches through *de* only when it is a round thousand (*786,000
#: de procesadores*): counted nouns and durations (*3 de mayo*, *2 de los chips*).
_NO_DE_UNITS: Final[frozenset[str]] = units.COUNT_LIKE_UNITS | {
    "GPUs",
    "chips",
    "s",
    "hours",
    "days",
    "months",
    "years",
    "times",
}

# fmt: on
#: Measurement units ``un``/``una`` may introduce (*un exaflop*); before counted nouns or
#: durations it is an article (*un chip*, *un segundo plano*).
_UN_OK_UNITS: Final[frozenset[str]] = frozenset(
    {
        "s",
        *units.CURRENCIES,
        "FLOP",
        "FLOP/s",
        "OP/s",
        "FLOP/s/W",
        "W",
        "Wh",
        "bytes",
        "bytes/s",
        "bits/s",
        "Hz",
        "percent",
        "percentage points",
        "hours",
        "days",
        "months",
        "years",
    }
)

_TRANSLATED_UNITS: Final[dict[str, str]] = {"usd": "USD", "eur": "EUR", "gbp": "GBP"}

#: The gap between a number and the chip it counts: *de*, *unidades* (*miles de unidades H100*),
#: *equivalentes a la* (*600.000 equivalentes a la H100*).
_COUNTED_CHIP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:equivalentes\s+a\s+(?:la\s+|el\s+|una\s+|un\s+)?"
    r"|(?:de\s+)?(?:unidades\s+(?:de\s+)?)?)",
    re.IGNORECASE,
)

#: *uno a tres*, *una o dos*: *uno* opening a range or list of numbers is a number.
_UN_RANGE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:a|al|y|o|u)\s+(?:\d|(?:dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)(?!\w))",
    re.IGNORECASE,
)

#: What may stand before a minus sign: a space after a word (not after a number: *10 -20* is a
#: range), an opening parenthesis, a line start.
_MINUS_LEFT_RE: Final[re.Pattern[str]] = re.compile(r"(?:^|[(\n]|[^\W\d_]\s|[:=]\s?)$")

#: The rest of a day/MONTH/year stamp after its day (*06/MAY/2013*, *6-jun-2024*).
_MONTH_STAMP_RE: Final[re.Pattern[str]] = re.compile(
    r"[/-](?i:ene|feb|mar|abr|may|jun|jul|ago|sep|sept|set|oct|nov|dic)[a-z]*\.?[/-](?:19|20)\d\d(?!\d)"
)

#: A comparative hedge before *un*/*una*: *más de un sistema*, *menos de una docena* (not
#: *solo un*, which is as often *just a* as *only one*).
_UN_HEDGE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:m[áa]s|menos)\s+de\s+$", re.IGNORECASE
)

#: Units of time a fraction may be of (*un cuarto de siglo*, *tres cuartos de hora*).
_DURATION_UNITS: Final[frozenset[str]] = frozenset({"s", "hours", "days", "months", "years"})

#: The scale of a lone scale word read as one of it (*el millón*, *al billón*, *al trillón*).
_ONE_SCALES: Final[dict[str, float]] = {"mill": 1e6, "bill": 1e12, "tril": 1e18}

#: *el millón de usuarios*, *al millón*: a lone scale word after an article is one of it.
_ONE_ARTICLE_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)(?:el|al|del)\s+$", re.IGNORECASE)

#: Entity labels a number before the name counts: chips (*25.000 Ascend 910B*) or GPUs
#: (*10.000 H100*); :mod:`helpers.text.pipeline` passes ``GPU`` for the lexicon's GPUs.
_COUNTED_LABELS: Final[dict[str, str]] = {"CHIP": "chips", "GPU": "GPUs"}

#: *el doble*, *más del triple*, *un cuádruple*: a multiplicative noun after an article.
_MULT_ARTICLE_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)(?:el|del|al|lo|un)\s+$", re.I)

#: A multiplicative adjective compared to something: *un rendimiento doble al de las GPU*,
#: *una capacidad triple que la actual*.
_MULT_COMPARED_RE: Final[re.Pattern[str]] = re.compile(r"\s+(?:al|que|del)\s", re.I)

#: *la mitad de ...*: a share only after *la* (not *por la mitad*, not *a mitad de*).
_SHARE_LEFT_RE: Final[re.Pattern[str]] = re.compile(r"(?<!por )(?<!\w)la\s+$", re.I)

_SHARE_DE_RE: Final[re.Pattern[str]] = re.compile(r"\s+del?\s", re.IGNORECASE)

#: The thousands and units written after the millions of an amount in full (*... millones
#: 924 mil 363 pesos*, *125 millones 179 mil 91 pesos*), as Mexican budgets do.
_MILLIONS_REST_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?P<k>\d{1,3})\s+mil(?:\s+(?P<u>\d{1,3}))?(?![\d.,:/]|\s*%|\s+mil)", re.IGNORECASE
)

#: *mil 565 millones*, *mil 200 empleos*: the word *mil* and digits, as Mexican press writes
#: 1565 millones and 1200.
_MIL_THEN_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?P<n>\d{1,3}(?:[.,]\d{1,2}(?=\s+(?:millones|billones)(?!\w)))?)(?![\d.,:/%])",
    re.IGNORECASE,
)

#: *4 mil 800 millones*: thousands written with *mil* between two digit groups.
_MIL_DIGITS_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+mil\s+(?P<n>\d{1,3})(?![\d.,:/]|\s*%|\s*[-–—]\s*\d)", re.IGNORECASE
)


def _protected_index(protected: Sequence[tuple[int, int, str]]) -> list[int]:
    """Sorted starts of the protected spans, for bisection."""
    return [s for s, _, _ in protected]


def _in_protected(
    protected: Sequence[tuple[int, int, str]], starts: Sequence[int], pos: int
) -> bool:
    """Whether character ``pos`` lies inside an entity span (so digits there are a name)."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and protected[i][0] <= pos < protected[i][1]


def _chip_at(
    protected: Sequence[tuple[int, int, str]], starts: Sequence[int], text: str, pos: int
) -> tuple[int, str]:
    """End and unit of a chip name starting at ``pos`` (*10.000 H100*), else ``(-1, "")``.

    The chip may follow its maker (*350.000 NVIDIA H100*). Its unit is ``GPUs`` for a
    ``GPU`` span and ``chips`` for a ``CHIP`` span (see :func:`find_quantities`).
    """
    i = bisect.bisect_left(starts, pos)
    if i >= len(protected) or protected[i][0] != pos:
        return -1, ""
    if protected[i][2] == "ORG" and i + 1 < len(protected):
        gap = _WS_RE.match(text, protected[i][1])
        if gap is not None and gap.end() > protected[i][1] and protected[i + 1][0] == gap.end():
            i += 1  # "350.000 NVIDIA H100": the maker, then the chip
    if protected[i][2] in _COUNTED_LABELS:
        return protected[i][1], _COUNTED_LABELS[protected[i][2]]
    return -1, ""


#: A token that starts with a letter and reaches ``pos`` through hyphens (*Nemotron-4-*).
_HYPHEN_TOKEN_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w-])[^\W\d_][\w.]*(?:[-‐‑][\w.]+)*[-‐‑]$"
)


def _read_numeral(
    text: str,
    m: re.Match[str],
    protected: Sequence[tuple[int, int, str]],
    starts: Sequence[int],
) -> _Raw | None:
    """Read one numeral with its scale, unit, currency and qualifier; ``None`` to skip it."""
    kind = numeral_kind(m)
    s, e = m.start(), m.end()
    n = len(text)
    if kind in ("date", "ndate") and _is_dateline(text, s, e):
        return None
    if kind in ("date", "ndate"):
        header = _date_header_end(text, s)
        if header > 0:  # "21 de agosto, 2022 | 11.33": the page's header, dropped whole
            return _Raw(s, s, header, kind, m.group(0), 0.0, unit="date", drop=True)
    if kind == "frac":  # "1/18 del presupuesto" is a ratio; "24/7" is no fraction
        value = numeral_base(kind, m.group(kind))
        raw = _Raw(s, s, e, kind, m.group(kind), value, unit="times")
        return _finish_context(text, raw) if value < 1 else None
    fraction = _FRACTION_RE.match(text, s) if kind == "words" else None
    if fraction is not None:  # "una tercera parte de la superficie": a share, in percent
        share = _fraction_percent(fraction)
        if share is None:
            return None
        raw = _Raw(s, s, fraction.end(), kind, fraction.group(0), share)
        raw.unit = "percent"
        of = _match_unit(text, fraction.end(), allow_de=True)
        if of is not None and units.UNIT_FORMS[of[0]].unit in _DURATION_UNITS:
            # "un cuarto de siglo", "tres cuartos de hora": that share of the unit of time
            raw.number = share / 100.0
            _apply_unit(raw, text, of[0], of[2], of[1].start())
        return _finish_context(text, raw)
    power = _POWER_WORDS_RE.match(text, s) if kind in ("words", "int") else None
    if power is not None:
        return _read_power(text, s, power)
    if kind == "date":
        day, month = int(m.group("day")), FOLDED_MONTHS[fold(m.group("month"))]
        year = int(m.group("dyear")) if m.group("dyear") else 0
        if not 1 <= day <= 31:
            return None
        return _Raw(s, s, e, kind, m.group(0), float(year * 10000 + month * 100 + day), unit="date")
    if kind == "ndate":  # 12-02-2025, 12/02/2025: day, month, year
        day, month, year = int(m.group("nday")), int(m.group("nmonth")), int(m.group("nyear"))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None
        return _Raw(s, s, e, kind, m.group(0), float(year * 10000 + month * 100 + day), unit="date")
    numtext = m.group(kind)
    if kind == "int" and (
        (header := _month_first_header_end(text, s, e)) > 0
        or (header := _day_first_header_end(text, s, e)) > 0
    ):
        return _Raw(s, s, header, kind, numtext, 0.0, unit="date", drop=True)  # "Marzo 1, 2018"
    if kind == "int" and (stamp := _MONTH_STAMP_RE.match(text, e)) is not None:
        # "PANAMÁ, PANAMÁ (06/MAY/2013).-": a dateline's stamp, dropped whole
        return _Raw(s, s, stamp.end(), kind, numtext, 0.0, unit="date", drop=True)
    if s > 1 and text[s - 1] in "-‐‑" and _HYPHEN_TOKEN_RE.search(text, max(0, s - 40), s):
        return None  # "Nemotron-4-340B-Instruct": every number of a hyphenated name
    # list enumerators at the start of a line ("  1. El poder del cómputo")
    if kind == "int":
        line_start = text.rfind("\n", 0, s) + 1
        if not text[line_start:s].strip() and re.match(r"[.)]\s", text[e : e + 2]):
            return None
    # ordinals: "la 65.ª edición", "el 5º puesto"; after a place noun, a rank ("los puestos
    # 122º y 219º")
    ordinal = _ORDINAL_RE.match(text, e) if kind in ("int", "es") else None
    if ordinal is not None and not _PLACE_ORDINAL_RE.search(text, max(0, s - 40), s):
        return None
    raw = _Raw(s, s, e, kind, numtext, numeral_base(kind, numtext))
    if s > 0 and text[s - 1] in "-−" and _MINUS_LEFT_RE.search(text, max(0, s - 12), s - 1):
        raw.negative, raw.start = True, s - 1  # "llega a -7.8%", "(-3%)": a minus sign
    if ordinal is not None:
        raw.unit, raw.end = "rank", ordinal.end()
        return _finish_context(text, raw)
    o_mas = _O_MAS_RE.match(text, e) if kind in ("words", "int") else None
    if o_mas is not None:  # "uno o más data centers", "dos o más nodos": the unit follows
        e = raw.end = o_mas.end()
    if not math.isfinite(raw.number):
        return None
    if kind == "mult":
        # "el doble", "más del triple"; "doble precisión" or "de doble uso" is an adjective
        if fold(numtext) in SHARES:
            # "la mitad de los usuarios": a share; "por la mitad", "a mitad de año" are not
            hedged = _HEDGED_SHARE_RE.search(text, max(0, s - 20), s)
            if not hedged and not (
                _SHARE_LEFT_RE.search(text, max(0, s - 8), s) and _SHARE_DE_RE.match(text, e)
            ):
                return None  # "más de la mitad vienen de ...": a hedged share needs no "de"
            raw.unit = "percent"
            return _finish_context(text, raw)
        if (
            _MULT_ARTICLE_RE.search(text, max(0, s - 6), s) is None
            and _MULT_COMPARED_RE.match(text, e) is None  # "un rendimiento doble al de"
        ):
            return None
        raw.unit = "times"
        return _finish_context(text, raw)
    raw.sep = separator_class(kind, numtext)
    raw.is_un = kind == "words" and fold(numtext) in ("un", "uno", "una", "cero")
    if kind == "one":  # "millón y medio de euros", "llegar al millón de usuarios", "al trillón"
        raw.scale, raw.has_scale = _ONE_SCALES[fold(numtext)[:4]], True
        ym = Y_MEDIO_RE.match(text, e)
        if ym is not None:
            raw.number, e = 1.5, ym.end()
        elif _ONE_ARTICLE_RE.search(text, max(0, s - 5), s) is None:
            return None  # "por millón de tokens": a rate's denominator
        raw.end = e
    if kind == "bare":
        raw.has_scale = True
        raw.scale, raw.number = raw.number, 1.0
        if fold(numtext).endswith("s"):  # "miles", "decenas": a magnitude; "Decena": ten
            raw.qualifier = "del orden de"
    # currency written before the number: $20 millones, US$ 1.500 millones, €500
    window = text[max(0, s - 6) : s]
    cm = _CURRENCY_PREFIX_RE.search(window)
    if cm is not None and kind not in ("words", "bare"):
        raw.unit = _TRANSLATED_UNITS[str(cm.lastgroup)]
        raw.dollar_sign = cm.group(0).strip() == "$"
        raw.start = s - (len(window) - cm.start())
        sm = _CURRENCY_SUFFIX_RE.match(text, e)
        if sm is not None:
            raw.scale = _CURRENCY_SUFFIX_FACTORS[sm.group("s")]
            raw.has_scale = True
            e = sm.end()
            raw.end = e
    # suffix scales: "7B parámetros", "128k tokens", "100M usuarios", "671B"
    if kind in ("int", "dec", "es", "en") and not raw.has_scale:
        ms = _SUFFIX_SCALE_RE.match(text, e)
        if ms is not None:
            raw.scale, raw.has_scale = _SUFFIX_SCALE_FACTORS[ms.group("s")], True
            raw.suffix = True
            e = ms.end()
            raw.end = e
    # glued letters: only a unit may follow the digits directly (80GB); 910B is a name
    glued = e < n and (text[e].isalpha() or text[e] in "€$£%")
    if kind not in ("words", "half", "bare") and glued and not raw.has_scale:
        found = _match_unit(text, e, allow_de=False)
        if found is None or found[1].start() != e:
            return None
        if raw.unit is None:
            _apply_unit(raw, text, found[0], found[2], e)
        return _finish_context(text, raw)
    if kind == "int" and raw.number < 1000 and not raw.has_scale:
        mil = _MIL_DIGITS_RE.match(text, e)
        if mil is not None:  # "4 mil 800 millones", "7 mil 200 empleos"
            raw.number = raw.number * 1000 + float(mil.group("n"))
            e = mil.end()
    if kind == "words" and fold(numtext) == "mil" and (mil := _MIL_THEN_RE.match(text, e)):
        # "mil 565 millones de pesos", "mil 451.9 millones": one thousand and so many millions
        raw.number, e = 1000.0 + float(mil.group("n").replace(",", ".")), mil.end()
    if kind not in ("bare", "one") and not raw.has_scale:
        factor, pos = scale_at(text, e)
        if factor != 1.0:
            raw.scale, raw.has_scale, e = factor, True, pos
            rest = _MILLIONS_REST_RE.match(text, e) if factor >= 1e6 else None
            if rest is not None:  # "33 mil 295 millones 924 mil 363 pesos": written in full
                below = float(rest.group("k")) * 1e3 + float(rest.group("u") or 0)
                raw.number += below / factor
                e = rest.end()
            ym = Y_MEDIO_RE.match(text, e)
            if ym is not None:
                raw.number += 0.5
                e = ym.end()
    raw.end = e
    if raw.is_un and not raw.has_scale:
        solo = _SOLO_RE.match(text, e)
        if solo is not None:
            # "una sola GPU": look for the unit from the last space, so it counts as spaced
            found = _match_unit(text, solo.end() - 1, allow_de=False)
            if found is not None:
                _apply_unit(raw, text, found[0], found[2], found[1].start())
            else:
                word = _NEXT_WORD_RE.match(text, solo.end())
                raw.unit = "count"
                raw.end = word.end() if word is not None else solo.end()
            raw.is_un = False
            return _finish_context(text, raw)
    if raw.unit is None or raw.unit in ("USD", "EUR", "GBP"):
        currency = raw.unit
        # "500 millones de euros"; "850.000.000 de dólares", "786,000 de procesadores" (round
        # thousands take "de" too); "8.59 de petaflops" (a measurement, not a counted noun)
        found = _match_unit(text, e, allow_de=True)
        if (
            found is not None
            and found[1].start() > e
            and not raw.has_scale
            and _DE_RE.match(text, e) is not None
            and units.UNIT_FORMS[found[0]].unit in _NO_DE_UNITS
            and not (raw.numtext.endswith("000") and raw.kind not in ("words", "one", "half"))
        ):
            found = _match_unit(text, e, allow_de=False)
        if found is not None:
            idx, um, end = found
            form = units.UNIT_FORMS[idx]
            if currency is None or form.unit == currency or (raw.dollar_sign and form.local):
                _apply_unit(raw, text, idx, end, um.start())
                if form.unit == "chips":
                    # "8 aceleradores NVIDIA H200", "450 000 aceleradoras Blackwell": the
                    # generic noun takes the unit of the chip it names
                    ws = _WS_RE.match(text, raw.end)
                    chip_end, chip_unit = _chip_at(protected, starts, text, ws.end() if ws else e)
                    if chip_end > 0 and chip_unit == "GPUs":
                        raw.unit = chip_unit
        elif raw.unit is None:
            ws = _WS_RE.match(text, e)
            chip_end, chip_unit = _chip_at(protected, starts, text, ws.end() if ws else e)
            counted = _COUNTED_CHIP_RE.match(text, e) if chip_end < 0 else None
            if counted is not None and counted.end() > (ws.end() if ws else e):
                # "cientos de miles de NVIDIA H100", "miles de unidades H100": the chip is
                # what the number counts, through "de" or "unidades"
                chip_end, chip_unit = _chip_at(protected, starts, text, counted.end())
            qualified = _match_qualified_unit(text, e) if chip_end < 0 else None
            if qualified is not None:  # "20.480 CUDA Cores": the noun after its qualifier
                _apply_unit(raw, text, qualified[0], qualified[2], qualified[1].start())
            elif chip_end > 0:
                raw.unit = chip_unit
                raw.end = chip_end
    if raw.is_un:
        # "un"/"una" is an article unless it introduces a measurement or a scale
        if raw.unit == "s" and _counted_noun_follows(text, raw.end):
            return None  # "un segundo plano", "un segundo chip": an ordinal
        if raw.has_scale or (raw.unit in _UN_OK_UNITS):
            raw.is_un = False
        elif _RANK_RE.search(text, max(0, s - 12), s):
            raw.unit = "rank"
            raw.is_un = False
        elif o_mas is not None:
            raw.is_un = False  # "uno o más": a number, not an article
        elif fold(numtext) in ("uno", "una") and _UN_RANGE_RE.match(text, raw.end):
            raw.is_un = False  # "de uno a tres cables": the first bound of a range
        elif _UN_HEDGE_RE.search(text, max(0, s - 12), s) and _counted_noun_follows(text, raw.end):
            raw.unit = raw.unit or "count"  # "más de un sistema": the hedge makes it a number
            raw.end = _next_word_end(text, raw.end)
            raw.is_un = False
        else:
            return None
    raw = _finish_context(text, raw)
    if o_mas is not None and not raw.qualifier:
        raw.qualifier = "o más"
    if raw.unit is None:
        raw.unit = _product_counted(text, raw, protected, starts)
    return raw


#: A verb of getting or having before a count whose noun is left out: *ha reunido unos
#: 350.000*, *compró 20.000*, *tendrá 100.000 para 2025*.
_ACQUIRE_VERB_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:compr|adquir|reuni|reún|acumul|despleg|desplieg|instal|encarg|vend|envi|entreg"
    r"|tendr|tien|suma|utiliz|conect|alcanz)\w*\s+$",
    re.IGNORECASE,
)

#: What may follow such a count: the clause ends (*unos 350.000 para finales de año.*).
_COUNT_ENDS_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:[.,;:)]|$|(?:para|en|a|al|y|o|hasta|desde|durante|antes|este|esta|cada)(?!\w))",
    re.IGNORECASE,
)


def _product_counted(
    text: str, raw: _Raw, protected: Sequence[tuple[int, int, str]], starts: Sequence[int]
) -> str | None:
    """The unit of a chip named in this sentence or the one before, for a plain count of 100
    or more after a verb of getting or having whose noun is left out (*El H100 actual cuesta
    hasta 40.000 dólares. Zuckerberg ha reunido unos 350.000 para finales de año.*)."""
    if (
        raw.kind not in ("int", "es", "en", "sp")
        or raw.has_scale
        or raw.number < 100
        or (raw.kind == "int" and len(raw.numtext) == 4 and 1900 <= raw.number <= 2100)
        or not _COUNT_ENDS_RE.match(text, raw.end)
        or not _ACQUIRE_VERB_RE.search(text, max(0, raw.start - 30), raw.start)
    ):
        return None
    i = bisect.bisect_left(starts, raw.start) - 1
    while i >= 0 and raw.start - protected[i][1] <= 300:
        _, end, label = protected[i]
        if label in _COUNTED_LABELS:
            breaks = len(re.findall(r"[.!?](?:\s|$)", text[end : raw.start]))
            return _COUNTED_LABELS[label] if breaks <= 1 else None
        i -= 1
    return None
