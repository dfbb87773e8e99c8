"""Quantities in Spanish text: a numeral with its scale, unit, qualifier and context.

:func:`find_quantities` is plain Python on a string; the ``compute_race_quantities`` component
of :mod:`helpers.text.pipeline` calls it on each piece of text. It works in three steps: read
each numeral that :data:`helpers.text.numbers.NUMERAL_RE` finds, with its scale words, unit,
currency sign and qualifier (:func:`_read_numeral`); share units across lists and ranges and
decide years against counts (:func:`_resolve`); convert to the base unit of
:data:`helpers.text.units.BASE_UNITS` and add the flags for a human (:func:`_finish`).

Why this module is over 500 lines: the three steps and the word lists and regular expressions
they consult (qualifiers, currency signs, ordinals, year cues, range and list gaps) make one
set of reading rules. A new qualifier or year cue has to be weighed against the others, and
none of them is used anywhere but in :func:`find_quantities`, so they stay together and
private rather than spread over modules that would import each other's internals.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from helpers.text import units
from helpers.text.numbers import (
    FOLDED_MONTHS,
    MONTHS,
    NUMERAL_RE,
    Y_MEDIO_RE,
    alternation,
    fold,
    numeral_base,
    numeral_kind,
    scale_at,
)

__all__ = ["Quantity", "find_quantities"]

# Scale letters glued to the digits: English model sizes (*7B parámetros*, *15T tokens*) and
# money after a currency sign (*US$ 20M*, *€1,5bn*).
_MODEL_SIZE_SUFFIX_RE: Final[re.Pattern[str]] = re.compile(
    r"(?P<s>[KMBT])(?=\s+(?:de\s+)?(?i:parámetros|parametros|params|tokens)(?!\w))"
)
_MODEL_SIZE_FACTORS: Final[dict[str, float]] = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
_CURRENCY_SUFFIX_RE: Final[re.Pattern[str]] = re.compile(r"(?P<s>bn|mn|[MBK])(?![^\W\d_])")
_CURRENCY_SUFFIX_FACTORS: Final[dict[str, float]] = {
    "bn": 1e9,
    "mn": 1e6,
    "M": 1e6,
    "B": 1e9,
    "K": 1e3,
}


_UNIT_COMBINED: Final[re.Pattern[str]] = re.compile(
    "|".join(
        f"(?P<f{i}>{re.sub(r'[(][?]P<prefix>', '(?:', form.pattern)})(?![^\\W\\d_])"
        for i, form in enumerate(units.UNIT_FORMS)
    )
)
_FRACASOS_INDEX: Final[int] = next(
    i for i, f in enumerate(units.UNIT_FORMS) if "fracasos" in f.pattern
)
_WS_RE: Final[re.Pattern[str]] = re.compile(r"[ \t\u00a0\u202f\u2009]*")
_DE_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:,\s*)?de\s+", re.IGNORECASE)
_SOLO_RE: Final[re.Pattern[str]] = re.compile(r"\s+(?:sol[oa]|únic[oa]|unic[oa])\s+", re.IGNORECASE)
_NEXT_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[^\W\d_][\w\-]*")

_QUALIFIERS: Final[tuple[str, ...]] = (
    "más de",
    "mas de",
    "más del",
    "menos del",
    "cerca del",
    "alrededor del",
    "poco más de",
    "algo más de",
    "menos de",
    "poco menos de",
    "de hasta",
    "hasta",
    "unos",
    "unas",
    "cerca de",
    "alrededor de",
    "en torno a",
    "del orden de",
    "aproximadamente",
    "aprox.",
    "casi",
    "apenas",
    "al menos",
    "por lo menos",
    "como mínimo",
    "como máximo",
    "un máximo de",
    "un mínimo de",
    "superior a",
    "superiores a",
    "inferior a",
    "inferiores a",
    "por encima de",
    "por debajo de",
    "mayor de",
    "mayor que",
    "menor de",
    "menor que",
    "más que",
    "supera",
    "superan",
    "superó",
    "superaron",
    "superar",
    "rozan",
    "roza",
    "ronda",
    "rondan",
    "rondará",
)
_QUAL_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?<![\w.])(?P<q>{alternation(_QUALIFIERS)})\s+(?:(?:los|las|el|la|un|una)\s+)?$",
    re.IGNORECASE,
)
_RANK_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:número|numero|puesto|posición|posicion|lugar|n\.?\s?º|nº|no\.)\s*$",
    re.IGNORECASE,
)
_ORDINAL_RE: Final[re.Pattern[str]] = re.compile(r"\.?[ºª]")
_MULTIPLIED_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)multiplic\w*\s+por\s+$", re.IGNORECASE)
_CURRENCY_PREFIX_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:(?P<usd>US\s?\$|U\$S|\$|USD\s)|(?P<eur>€|EUR\s)|(?P<gbp>£|GBP\s))\s?$"
)
_ENTRE_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)entre\s+$", re.IGNORECASE)
_DESDE_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)(?:de|desde)\s+$", re.IGNORECASE)
_LIST_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:,|y|e|o|u|,?\s*(?:e\s+|y\s+|o\s+)?incluso|,?\s*(?:y|o)\s+hasta)\s*", re.IGNORECASE
)
_RANGE_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:-|–|—|a|y|hasta|al)\s*", re.IGNORECASE)
_DASH_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s*[-–—]\s*")
_YEAR_STRONG_CUE_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?<!\w)(?:en|desde|hasta|para|del|año|años|antes\s+de|después\s+de|a\s+partir\s+de"
    rf"|finales\s+de|principios\s+de|mediados\s+de|tras|durante|hacia|entre|verano\s+de"
    rf"|invierno\s+de|primavera\s+de|otoño\s+de|(?:{alternation(MONTHS)})(?:\s+de)?|el\s+año"
    rf"|en\s+el|de\s+cara\s+a)\s*$",
    re.IGNORECASE,
)
_COUNT_QUALIFIERS: Final[frozenset[str]] = frozenset(
    {
        "más de",
        "mas de",
        "poco más de",
        "algo más de",
        "menos de",
        "poco menos de",
        "unos",
        "unas",
        "cerca de",
        "alrededor de",
        "en torno a",
        "al menos",
        "por lo menos",
        "superior a",
        "superiores a",
        "inferior a",
        "inferiores a",
        "casi",
        "aproximadamente",
    }
)
#: Words after a year that do not make it a count (*En 2023 el gobierno*, *2023 fue*).
# fmt: off
_NOT_A_COUNTED_NOUN: Final[frozenset[str]] = frozenset(
    {
        "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "y", "e", "o", "u", "ni",
        "de", "del", "a", "al", "en", "con", "por", "para", "sin", "sobre", "entre", "desde",
        "hasta", "hacia", "según", "tras", "se", "que", "cuando", "como", "donde", "mientras",
        "pero", "aunque", "porque", "si", "no", "ya", "también", "fue", "fueron", "será", "serán",
        "es", "son", "era", "eran", "ha", "han", "había", "habían", "hay", "estaba", "está",
        "están", "sería", "podría", "debería", "espera", "esperan", "llegará", "llegó",
    }
)
# fmt: on
#: Measurement units ``un``/``una`` may introduce (*un exaflop*); before counted nouns or
#: durations it is an article (*un chip*, *un segundo plano*).
_UN_OK_UNITS: Final[frozenset[str]] = frozenset(
    {
        "EUR",
        "USD",
        "GBP",
        "CNY",
        "JPY",
        "KRW",
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
    }
)
_TRANSLATED_UNITS: Final[dict[str, str]] = {"usd": "USD", "eur": "EUR", "gbp": "GBP"}


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a text; offsets are characters into that text.

    ``value`` is in the base ``unit`` (see :data:`helpers.text.units.BASE_UNITS`).
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: str = ""
    flag: str = ""


@dataclass
class _Raw:
    """A quantity being assembled: number x scale x unit factor, with its context."""

    start: int
    num_start: int
    end: int
    kind: str
    numtext: str
    number: float
    scale: float = 1.0
    has_scale: bool = False
    unit: str | None = None
    unit_factor: float = 1.0
    prefix_factor: float = 1.0
    qualifier: str = ""
    flags: list[str] = field(default_factory=list)
    fracasos: bool = False
    is_un: bool = False


def _protected_index(protected: Sequence[tuple[int, int, str]]) -> list[int]:
    """Sorted starts of the protected spans, for bisection."""
    return [s for s, _, _ in protected]


def _in_protected(
    protected: Sequence[tuple[int, int, str]], starts: Sequence[int], pos: int
) -> bool:
    """Whether character ``pos`` lies inside an entity span (so digits there are a name)."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and protected[i][0] <= pos < protected[i][1]


def _chip_at(protected: Sequence[tuple[int, int, str]], starts: Sequence[int], pos: int) -> int:
    """End of a CHIP entity starting exactly at ``pos`` (*10.000 H100*), else -1."""
    i = bisect.bisect_left(starts, pos)
    if i < len(protected) and protected[i][0] == pos and protected[i][2] == "CHIP":
        return protected[i][1]
    return -1


def _match_unit(text: str, pos: int, allow_de: bool) -> tuple[int, re.Match[str], int] | None:
    """The unit form after ``pos``: (form index, match, end) or ``None``.

    ``allow_de`` lets a scale word reach its unit through *de* (*500 millones de euros*) and
    even through a comma (*miles de millones, de parámetros*).
    """
    ws_end = _WS_RE.match(text, pos)
    p = ws_end.end() if ws_end else pos
    attached = p == pos
    if allow_de:
        de = _DE_RE.match(text, pos)
        if de is not None:
            um = _UNIT_COMBINED.match(text, de.end())
            if um is not None and um.lastgroup is not None:
                idx = int(um.lastgroup[1:])
                if units.UNIT_FORMS[idx].spaced:
                    return idx, um, um.end()
    um = _UNIT_COMBINED.match(text, p)
    if um is None or um.lastgroup is None:
        return None
    idx = int(um.lastgroup[1:])
    form = units.UNIT_FORMS[idx]
    if attached and not form.attachable:
        return None
    if not attached and not form.spaced:
        return None
    return idx, um, um.end()


def _apply_unit(raw: _Raw, text: str, idx: int, end: int, start_of_unit: int) -> None:
    """Record unit ``idx`` (with its SI prefix) on ``raw``."""
    form = units.UNIT_FORMS[idx]
    own = form.regex.match(text, start_of_unit)
    prefix = own.groupdict().get("prefix") if own is not None else None
    raw.unit = form.unit
    raw.prefix_factor = units.prefix_factor(prefix, binary=form.binary)
    raw.unit_factor = raw.prefix_factor * form.factor
    raw.fracasos = idx == _FRACASOS_INDEX
    raw.end = end


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
    if kind == "date":
        day, month = int(m.group("day")), FOLDED_MONTHS[fold(m.group("month"))]
        year = int(m.group("dyear")) if m.group("dyear") else 0
        if not 1 <= day <= 31:
            return None
        return _Raw(s, s, e, kind, m.group(0), float(year * 10000 + month * 100 + day), unit="date")
    numtext = m.group(kind)
    # list enumerators at the start of a line ("  1. El poder del cómputo")
    if kind == "int":
        line_start = text.rfind("\n", 0, s) + 1
        if not text[line_start:s].strip() and re.match(r"[.)]\s", text[e : e + 2]):
            return None
    # ordinals: "la 65.ª edición", "el 5º puesto"
    if kind in ("int", "es") and _ORDINAL_RE.match(text, e):
        return None
    raw = _Raw(s, s, e, kind, numtext, numeral_base(kind, numtext))
    if not math.isfinite(raw.number):
        return None
    raw.is_un = kind == "words" and fold(numtext) in ("un", "uno", "una", "cero")
    if kind == "bare":
        raw.has_scale = True
        raw.scale, raw.number = raw.number, 1.0
        raw.qualifier = "del orden de"
    # currency written before the number: $20 millones, US$ 1.500 millones, €500
    window = text[max(0, s - 6) : s]
    cm = _CURRENCY_PREFIX_RE.search(window)
    if cm is not None and kind not in ("words", "bare"):
        raw.unit = _TRANSLATED_UNITS[str(cm.lastgroup)]
        raw.start = s - (len(window) - cm.start())
        sm = _CURRENCY_SUFFIX_RE.match(text, e)
        if sm is not None:
            raw.scale = _CURRENCY_SUFFIX_FACTORS[sm.group("s")]
            raw.has_scale = True
            e = sm.end()
            raw.end = e
    # English model sizes: "7B parámetros", "15T tokens"
    if kind not in ("words", "half", "bare") and not raw.has_scale:
        ms = _MODEL_SIZE_SUFFIX_RE.match(text, e)
        if ms is not None:
            raw.scale, raw.has_scale = _MODEL_SIZE_FACTORS[ms.group("s")], True
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
    if kind != "bare" and not raw.has_scale:
        factor, pos = scale_at(text, e)
        if factor != 1.0:
            raw.scale, raw.has_scale, e = factor, True, pos
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
        found = _match_unit(text, e, allow_de=raw.has_scale)
        if found is not None:
            idx, um, end = found
            form = units.UNIT_FORMS[idx]
            if currency is None or form.unit == currency:
                _apply_unit(raw, text, idx, end, um.start())
        elif raw.unit is None:
            ws = _WS_RE.match(text, e)
            chip_end = _chip_at(protected, starts, ws.end() if ws else e)
            if chip_end > 0:
                raw.unit = "chips"
                raw.end = chip_end
    if raw.is_un:
        # "un"/"una" is an article unless it introduces a measurement or a scale
        if raw.has_scale or (raw.unit in _UN_OK_UNITS):
            raw.is_un = False
        elif _RANK_RE.search(text, max(0, s - 12), s):
            raw.unit = "rank"
            raw.is_un = False
        else:
            return None
    return _finish_context(text, raw)


def _finish_context(text: str, raw: _Raw) -> _Raw:
    """Add what the left context says: qualifier, rank, multiplier; undo "fracasos"."""
    left = max(0, raw.start - 40)
    qm = _QUAL_RE.search(text, left, raw.start)
    if qm is not None:
        q = " ".join(qm.group("q").lower().split())
        q = q[:-1] if q.endswith(" del") else q  # "más del 90 %" -> "más de"
        raw.qualifier = "hasta" if q == "de hasta" else q
        raw.start = qm.start()
    if raw.unit is None and _RANK_RE.search(text, max(0, raw.num_start - 12), raw.num_start):
        raw.unit = "rank"
    if raw.unit is None and _MULTIPLIED_RE.search(text, max(0, raw.num_start - 25), raw.num_start):
        raw.unit = "times"
    if raw.fracasos and not _is_lost_exponent(raw):
        # "tres fracasos" are three failures, not flops
        raw.unit, raw.unit_factor, raw.fracasos = None, 1.0, False
        raw.end = raw.num_start + len(raw.numtext)
    return raw


def _is_lost_exponent(raw: _Raw) -> bool:
    """``1018`` next to a FLOP unit without prefix: 10^18 with the superscript lost."""
    if raw.kind != "int" or raw.has_scale or raw.prefix_factor != 1.0:
        return False
    m = re.fullmatch(r"10(\d{1,2})", raw.numtext)
    return m is not None and 6 <= int(m.group(1)) <= 30


def _is_year_candidate(raw: _Raw) -> bool:
    """A bare four-digit integer that could be a calendar year."""
    return (
        raw.unit is None
        and raw.kind == "int"
        and not raw.has_scale
        and len(raw.numtext) == 4
        and 1900 <= raw.number <= 2100
    )


def _looks_like_year(text: str, raw: _Raw) -> bool:
    """Decide year vs count for a four-digit number from 1900 to 2100.

    A count when a count hedge precedes it (*más de 2000 empresas*); a year after a temporal
    word (*en*, *desde*, *para*, *hasta*, *durante*, *noviembre de* ...); otherwise a count only
    if a lower-case content word follows (*2000 empresas*, but *2023 fue*, *2023 sobre*).
    """
    left = text[max(0, raw.num_start - 30) : raw.num_start]
    if raw.qualifier in _COUNT_QUALIFIERS:
        return False
    if _YEAR_STRONG_CUE_RE.search(left):
        return True
    ws = _WS_RE.match(text, raw.end)
    nxt = _NEXT_WORD_RE.match(text, ws.end() if ws is not None else raw.end)
    if nxt is None:
        return True
    word = nxt.group(0)
    gap = text[raw.end : nxt.start()]
    if gap.strip():
        return True
    return word[0].isupper() or word.lower() in _NOT_A_COUNTED_NOUN


def _resolve(text: str, raws: list[_Raw]) -> None:
    """Share units across lists and ranges, then decide years and plain counts.

    ``entre 10 y 12 megavatios`` gives both ends megawatts (and qualifier ``entre``);
    ``millones, incluso miles de millones, de parámetros`` gives both parameters.
    """
    for i in range(len(raws) - 2, -1, -1):
        a, b = raws[i], raws[i + 1]
        if b.unit is None or b.unit in ("year", "date") or a.unit is not None:
            continue
        gap = text[a.end : b.num_start]
        if b.start < a.end:
            continue
        left = text[max(0, a.num_start - 10) : a.num_start]
        is_range = bool(
            _DASH_GAP_RE.fullmatch(gap)
            or (_RANGE_GAP_RE.fullmatch(gap) and (_ENTRE_RE.search(left) or _DESDE_RE.search(left)))
        )
        if not is_range and not _LIST_GAP_RE.fullmatch(gap):
            continue
        if not is_range and _is_year_candidate(a) and _looks_like_year(text, a):
            continue
        if b.kind == "bare" and a.kind != "bare" and not a.has_scale:
            continue
        a.unit, a.unit_factor, a.prefix_factor = b.unit, b.unit_factor, b.prefix_factor
        if not a.has_scale and b.has_scale and b.kind != "bare":
            a.scale, a.has_scale = b.scale, True
        # "entre 10 y 12", "10-12" are ranges; "de 60 a 0,5 dólares" is a change, not a range
        if is_range and (_ENTRE_RE.search(left) or _DASH_GAP_RE.fullmatch(gap)):
            a.qualifier = "entre"
            b.qualifier = b.qualifier or "entre"
    for i, raw in enumerate(raws):
        if raw.unit is not None:
            continue
        if _is_year_candidate(raw):
            prev_is_year = (
                i > 0
                and raws[i - 1].unit == "year"
                and bool(_RANGE_GAP_RE.fullmatch(text[raws[i - 1].end : raw.num_start]))
            )
            if prev_is_year or _looks_like_year(text, raw):
                raw.unit = "year"
                continue
        raw.unit = "count"
    # a year range: "entre 2020 y 2023", "2023-2025"
    for i in range(len(raws) - 1):
        a, b = raws[i], raws[i + 1]
        if a.unit == b.unit == "year" and _RANGE_GAP_RE.fullmatch(text[a.end : b.num_start]):
            left = text[max(0, a.num_start - 10) : a.num_start]
            if _ENTRE_RE.search(left) or _DASH_GAP_RE.fullmatch(text[a.end : b.num_start]):
                a.qualifier = a.qualifier or "entre"
                b.qualifier = b.qualifier or "entre"


#: Largest believable value per unit in 2025-era press, used only to flag ``1.102 exaflops``
#: (1102 exaflops by Spanish rules, surely 1.102 with a decimal point).
_PLAUSIBLE_MAX: Final[dict[str, float]] = {
    "FLOP/s": 5e19,
    "OP/s": 1e18,
    "FLOP/s/W": 1e12,
    "W": 1e10,
    "Wh": 1e13,
    "bytes/s": 1e16,
    "bits/s": 1e14,
    "Hz": 1e10,
    "parameters": 2e13,
}


def _finish(text: str, raw: _Raw) -> Quantity:
    """Compute the value in the base unit and the flags."""
    unit = raw.unit or "count"
    flags = list(raw.flags)
    value = raw.number * raw.scale * raw.unit_factor
    if unit in units.FLOP_UNITS and _is_lost_exponent(raw):
        exp = int(raw.numtext[2:])
        value = 10.0**exp
        note = f"lost_exponent?: 10^{exp}"
        if raw.fracasos:
            note += " ('fracasos' read as flops)"
        flags.append(note)
    if unit == "FLOP/s" and value >= 1e22:
        unit = "FLOP"
        flags.append("rate_too_large?: flops above 1e22 read as an amount of work (FLOP)")
    if unit == "parameters" and value > 2e13:
        short = value / 1e3 if raw.scale >= 1e12 else None
        hint = f"; short-scale 'billion' would give {short:.3g}" if short else ""
        flags.append(f"implausible?: {value:.3g} parameters{hint}")
    bound = _PLAUSIBLE_MAX.get(unit)
    if (
        bound is not None
        and raw.kind == "es"
        and re.fullmatch(r"\d{1,3}\.\d{3}", raw.numtext)
        and value > bound
    ):
        dec = float(raw.numtext) * raw.scale * raw.unit_factor
        if dec <= bound:
            flags.append(f"ambiguous_separator?: decimal reading gives {dec:.4g}")
    if raw.kind == "dec" and re.fullmatch(r"\d{1,3},\d\d0", raw.numtext):
        # "1,500 millones": Spanish rules say 1.5, Latin American press means 1500
        thousands = float(raw.numtext.replace(",", "")) * raw.scale * raw.unit_factor
        flags.append(f"ambiguous_separator?: comma as thousands separator gives {thousands:.4g}")
    return Quantity(
        start=raw.start,
        end=raw.end,
        text=text[raw.start : raw.end],
        value=float(value),
        unit=unit,
        qualifier=raw.qualifier,
        flag="; ".join(flags),
    )


def find_quantities(text: str, protected: Sequence[tuple[int, int, str]] = ()) -> list[Quantity]:
    """All quantities in ``text``, in order, skipping digits inside ``protected`` spans.

    ``protected`` holds ``(start_char, end_char, label)`` of entities sorted by start (names
    such as *GLM-130B*); a ``CHIP`` entity right after a number makes it a chip count.
    This is the engine of the ``compute_race_quantities`` spaCy component; it is plain
    Python on a string, so it can be tested and reused without spaCy.
    """
    starts = _protected_index(protected)
    raws: list[_Raw] = []
    consumed = 0
    for m in NUMERAL_RE.finditer(text):
        s = m.start()
        if s < consumed or _in_protected(protected, starts, s):
            continue
        raw = _read_numeral(text, m, protected, starts)
        if raw is None:
            continue
        if raws and raw.start < raws[-1].end:
            raw.start = max(raw.start, raws[-1].end)
        raws.append(raw)
        consumed = raw.end
    _resolve(text, raws)
    return [q for q in (_finish(text, r) for r in raws) if math.isfinite(q.value)]
