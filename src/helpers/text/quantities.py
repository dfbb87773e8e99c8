"""Quantities in Spanish text: a numeral with its scale, unit, qualifier and context.

:func:`find_quantities` is plain Python on a string (spaCy supplies only its list of Spanish
function words); the ``compute_race_quantities`` component of :mod:`helpers.text.pipeline` and
:func:`helpers.text.quantities_of` call it on each piece of text. It works in four steps:

1. read each numeral that :data:`helpers.text.numbers.NUMERAL_RE` finds, with its scale words
   or suffix (*millones*, *671B*), unit, currency sign and qualifier, multiplicatives (*el
   doble*) and *y medio* (:func:`_read_numeral`);
2. share units across lists and ranges (*entre 10 y 12 MW*, *tres a cinco años*), carry a unit
   over to a later amount that leaves it out (*y otros 486 millones*, :func:`_carry_units`),
   drop digits that belong to names and datelines (*Fab 21*, *MADRID, 30 (EFE)*,
   :func:`_is_name_digits`), and decide years against counts (:func:`_resolve`);
3. pool the separator evidence of the document (:func:`draft_quantities` and
   :func:`document_convention`): the numbers whose convention is plain (``1.000.000``,
   ``175,30``, ``1,000,000``, ``1.75``) and the ambiguous ones the unit settles
   (:func:`_intrinsic_reading`: an implausible magnitude, a count with three decimals, a
   decimal padded with zeros), with the locale as tie-breaker;
4. read each ``1.105``/``1,500`` by that evidence, convert to the base unit of
   :data:`helpers.text.units.BASE_UNITS` and add the flags for a human (:func:`_finish`).

Why this module is over 500 lines: the four steps and the word lists and regular expressions
they consult (qualifiers, currency signs, ordinals, year cues, range and list gaps, name and
dateline patterns, the plausible range of each unit) make one set of reading rules working on
one private record (``_Raw``). A new qualifier, year cue or carry-over rule has to be weighed
against the others (each of them was added because another one read a real sentence wrong),
and none of them is used anywhere but in :func:`find_quantities`, so they stay together and
private rather than spread over modules that would import each other's internals.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from spacy.lang.es.stop_words import STOP_WORDS

from helpers.text import units
from helpers.text.numbers import (
    FOLDED_MONTHS,
    MONTHS,
    NUMERAL_RE,
    Y_MEDIO_RE,
    alternation,
    ambiguous_readings,
    fold,
    locale_convention,
    numeral_base,
    numeral_kind,
    scale_at,
    separator_class,
)

__all__ = ["Draft", "Quantity", "document_convention", "draft_quantities", "find_quantities"]

# Scale letters glued to the digits: English model sizes and audiences (*7B parámetros*,
# *128k tokens*, *100M usuarios*, *671B*) and money after a currency sign (*US$ 20M*,
# *€1,5bn*). A suffix number with neither a unit nor a counted noun is a name (*el modelo
# 175B*) unless the sentence gives it a unit (*671B parámetros ... una versión de 405B*).
_SUFFIX_SCALE_RE: Final[re.Pattern[str]] = re.compile(r"(?P<s>[kKMBT])(?![^\W_]|/)")
_SUFFIX_SCALE_FACTORS: Final[dict[str, float]] = {
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "B": 1e9,
    "T": 1e12,
}
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
#: *compromiso número 33*, *artículo número 5*: a noun before *número* makes it a label.
_LABEL_NUMBER_RE: Final[re.Pattern[str]] = re.compile(
    r"(?P<w>[^\W\d_]+)\s+(?:número|numero|n\.?\s?º|nº)\s*$", re.IGNORECASE
)
#: *las diez mejores*, *las cien supercomputadoras más poderosas*: a place in a ranking.
_TOP_LEFT_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)(?:los|las)\s+$", re.IGNORECASE)
_TOP_RIGHT_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:mejores|principales|primer[oa]s|(?:[^\W\d_]+\s+)?(?:más|mas)\s+"
    r"(?:potentes|poderos[oa]s|rápid[oa]s|rapid[oa]s|grandes|avanzad[oa]s|veloces))(?!\w)",
    re.IGNORECASE,
)
_MULTIPLIED_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)multiplic\w*\s+por\s+$", re.IGNORECASE)
_CURRENCY_PREFIX_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:(?P<usd>US\s?\$|[Uu]\$[Ss]|\$|USD\s)|(?P<eur>€|EUR\s)|(?P<gbp>£|GBP\s))\s?$"
)
_ENTRE_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)entre\s+$", re.IGNORECASE)
_DESDE_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)(?:de|desde)\s+$", re.IGNORECASE)
_LIST_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:,|y|e|o|u|,?\s*(?:e\s+|y\s+|o\s+)?incluso|,?\s*(?:y|o)\s+hasta"
    r"|contra|frente\s+a|vs\.?|versus)\s*",
    re.IGNORECASE,
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
_RANGE_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:-|–|—|a|y|hasta|al)\s*", re.IGNORECASE)
_DASH_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s*[-–—]\s*")
_YEAR_STRONG_CUE_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?<!\w)(?:en|desde|hasta|para|del|año|años|antes\s+de|después\s+de|a\s+partir\s+de"
    rf"|finales\s+de|principios\s+de|mediados\s+de|tras|durante|hacia|entre|verano\s+de"
    rf"|invierno\s+de|primavera\s+de|otoño\s+de|(?:{alternation(MONTHS)})(?:\s+de)?|el\s+año"
    rf"|en\s+el|de\s+cara\s+a|[QTHS][1-4]|FY)\s*$",
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
        "s",
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
        "hours",
        "days",
        "months",
        "years",
    }
)
_TRANSLATED_UNITS: Final[dict[str, str]] = {"usd": "USD", "eur": "EUR", "gbp": "GBP"}
#: *el millón de usuarios*, *al millón*: a lone scale word after an article is one of it.
_ONE_ARTICLE_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)(?:el|al|del)\s+$", re.IGNORECASE)
#: Entity labels a number before the name counts: chips (*25.000 Ascend 910B*) or GPUs
#: (*10.000 H100*); :mod:`helpers.text.pipeline` passes ``GPU`` for the lexicon's GPUs.
_COUNTED_LABELS: Final[dict[str, str]] = {"CHIP": "chips", "GPU": "GPUs"}
#: *el doble*, *más del triple*, *un cuádruple*: a multiplicative noun after an article.
_MULT_ARTICLE_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)(?:el|del|al|lo|un)\s+$", re.I)
#: *dos años y medio*, *tres horas y media*: half a unit more.
_Y_MEDIO_UNIT_RE: Final[re.Pattern[str]] = re.compile(r"\s+y\s+medi[oa](?!\w)", re.IGNORECASE)
_TIME_UNITS: Final[frozenset[str]] = frozenset({"s", "hours", "days", "months", "years"})
#: The word right before a number, with the characters before it (name patterns).
_WORD_BEFORE_RE: Final[re.Pattern[str]] = re.compile(r"(?P<w>[^\W\d_][\w\-]*)[ \u00a0]$")
#: Nouns that number the parts of a text, a plan or a product line (*el artículo 5*, *la fase
#: 2*, *la versión 3*): a bare number right after one is a label.
_LABEL_NOUNS: Final[frozenset[str]] = frozenset(
    fold(w)
    for w in (
        "artículo",
        "artículos",
        "apartado",
        "capítulo",
        "anexo",
        "sección",
        "título",
        "párrafo",
        "inciso",
        "versión",
        "fase",
        "nivel",
        "etapa",
        "generación",
        "serie",
        "tomo",
        "volumen",
    )
)
_PERIOD_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[QTHS][1-4]|FY|AF")
_HYPHEN_NAME_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)[^\W\d_]+\d*[-‐‑]$")
#: A dateline: a capitalised place and a comma open the line, the day follows
#: (*MADRID, 30 (EFE)*, *Ciudad de México, 4 de marzo*).
_DATELINE_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:^|\n)[ \t]*(?P<place>[^\W\d_][^\W\d]*(?:[ .'-]+[^\W\d_][^\W\d]*){0,3}),[ \t]*$"
)
_DATELINE_END_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:\.(?:\s|$)|[-–—(])")
_DATELINE_PLACE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*[^\W\d_][^\W\d]*(?:[ .'-]+[^\W\d_][^\W\d]*){0,3},\s*"
)
_DATELINE_RIGHT_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:\(|[^\W\d_]{3,4}\.?\s*\()")
#: Words that end a stretch in which a unit is carried over (a sentence end, a line break).
_SENTENCE_BREAK_RE: Final[re.Pattern[str]] = re.compile(r"[.!?](?:\s|$)|\n")
#: Units a later scaled number inherits, within :data:`_CARRY_REACH` characters (*y otros 486
#: millones*); a suffix number (*405B*) inherits only :data:`_SUFFIX_CARRIED_UNITS`, within
#: its sentence.
_CARRIED_UNITS: Final[frozenset[str]] = frozenset(
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
        "W",
        "Wh",
        "bytes",
        "parameters",
        "tokens",
        "GPUs",
        "chips",
        "transistors",
        "GPU-hours",
    }
)
_CARRY_REACH: Final[int] = 400
_SUFFIX_CARRIED_UNITS: Final[frozenset[str]] = frozenset({"parameters", "tokens", "FLOP"})
#: Counted units a plain number ending its clause inherits (*de 512 nodos a apenas 16.*).
_CLAUSE_CARRIED_UNITS: Final[frozenset[str]] = frozenset(
    {"GPUs", "chips", "cores", "nodes", "servers", "transistors", "parameters", "tokens"}
)
_CLAUSE_END_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:[.;:!?)]|,\s|$)")
#: Hardware nouns written without a number, for *... 500 unidades* (from the unit forms).
_HARDWARE_FORMS: Final[tuple[units.UnitForm, ...]] = tuple(
    f for f in units.UNIT_FORMS if f.unit in ("GPUs", "chips", "servers", "nodes")
)
_HARDWARE_UNITS: Final[tuple[str, ...]] = tuple(f.unit for f in _HARDWARE_FORMS)
_HARDWARE_RE: Final[re.Pattern[str]] = re.compile(
    "|".join(
        f"(?P<h{i}>(?<![\\w-])(?:{f.pattern})(?![^\\W\\d_]))" for i, f in enumerate(_HARDWARE_FORMS)
    )
)
_FOLDED_STOP_WORDS: Final[frozenset[str]] = frozenset(fold(w) for w in STOP_WORDS)
_FOLDED_MONTH_NAMES: Final[frozenset[str]] = frozenset(FOLDED_MONTHS)
#: A gap that makes two numbers a range without *entre*/*de* before them (*tres a cinco años*).
_A_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s+a\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in a text: a plain record, the row of the quantities table.

    ``text`` is the span as written (``text == source[start:end]``, offsets in characters),
    ``value`` is in the base ``unit`` (see :data:`helpers.text.units.BASE_UNITS`),
    ``qualifier`` the hedge in lower case (empty when none) and ``flags`` the warnings for a
    human (``ambiguous_separator?: ...``, ``lost_exponent?: ...``; empty when none).
    """

    text: str
    start: int
    end: int
    value: float
    unit: str
    qualifier: str = ""
    flags: tuple[str, ...] = ()

    @property
    def flag(self) -> str:
        """The flags joined by ``"; "`` (the ``flag`` column of the table)."""
        return "; ".join(self.flags)


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
    suffix: bool = False
    drop: bool = False
    sep: str = ""
    per_second: bool = False


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
    raw.per_second = "segundo" in text[start_of_unit:end] or "/s" in text[start_of_unit:end]
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
    if kind in ("date", "ndate") and _is_dateline(text, s, e):
        return None
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
    if kind == "mult":
        # "el doble", "más del triple"; "doble precisión" or "de doble uso" is an adjective
        if _MULT_ARTICLE_RE.search(text, max(0, s - 6), s) is None:
            return None
        raw.unit = "times"
        return _finish_context(text, raw)
    raw.sep = separator_class(kind, numtext)
    raw.is_un = kind == "words" and fold(numtext) in ("un", "uno", "una", "cero")
    if kind == "one":  # "millón y medio de euros", "llegar al millón de usuarios"
        raw.scale, raw.has_scale = (1e6 if fold(numtext).startswith("mill") else 1e12), True
        ym = Y_MEDIO_RE.match(text, e)
        if ym is not None:
            raw.number, e = 1.5, ym.end()
        elif _ONE_ARTICLE_RE.search(text, max(0, s - 5), s) is None:
            return None  # "por millón de tokens": a rate's denominator
        raw.end = e
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
    if kind not in ("bare", "one") and not raw.has_scale:
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
            if currency is None or form.unit == currency:
                _apply_unit(raw, text, idx, end, um.start())
        elif raw.unit is None:
            ws = _WS_RE.match(text, e)
            chip_end, chip_unit = _chip_at(protected, starts, text, ws.end() if ws else e)
            if chip_end > 0:
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
        else:
            return None
    return _finish_context(text, raw)


def _finish_context(text: str, raw: _Raw) -> _Raw:
    """Add what the left context says: qualifier, rank, multiplier; undo "fracasos"."""
    if raw.unit in _TIME_UNITS:
        half = _Y_MEDIO_UNIT_RE.match(text, raw.end)
        if half is not None:  # "dos años y medio"
            raw.number += 0.5
            raw.end = half.end()
    left = max(0, raw.start - 40)
    qm = _QUAL_RE.search(text, left, raw.start)
    if qm is not None:
        q = " ".join(qm.group("q").lower().split())
        q = q[:-1] if q.endswith(" del") else q  # "más del 90 %" -> "más de"
        raw.qualifier = "hasta" if q == "de hasta" else q
        raw.start = qm.start()
    if raw.unit is None and _RANK_RE.search(text, max(0, raw.num_start - 12), raw.num_start):
        label = _LABEL_NUMBER_RE.search(text, max(0, raw.num_start - 40), raw.num_start)
        if label is not None and fold(label.group("w")) not in _FOLDED_STOP_WORDS:
            raw.drop = True  # "el compromiso número 33": a label, not a position
        raw.unit = "rank"
    if raw.unit is None and _TOP_LEFT_RE.search(text, max(0, raw.start - 6), raw.start):
        top = _TOP_RIGHT_RE.match(text, raw.end)
        if top is not None:  # "las diez mejores", "las cien supercomputadoras más poderosas"
            raw.unit, raw.end = "rank", top.end()
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
    key = fold(word)
    return word[0].isupper() or key in _NOT_A_COUNTED_NOUN or key in _FOLDED_STOP_WORDS


def _next_word(text: str, pos: int) -> str:
    """The word after ``pos`` (spaces skipped), folded; empty if punctuation or the end comes."""
    ws = _WS_RE.match(text, pos)
    m = _NEXT_WORD_RE.match(text, ws.end() if ws is not None else pos)
    return fold(m.group(0)) if m is not None else ""


def _counted_noun_follows(text: str, pos: int, *, through_de: bool = False) -> bool:
    """A lower-case content word follows (*100M usuarios*, with ``through_de`` also *100M de
    usuarios*), not a function word or a name."""
    ws = _WS_RE.match(text, pos)
    m = _NEXT_WORD_RE.match(text, ws.end() if ws is not None else pos)
    if m is None or ws is None or ws.end() == pos:
        return False
    word = m.group(0)
    if through_de and fold(word) == "de":
        return _counted_noun_follows(text, m.end())
    return word[0].islower() and fold(word) not in _FOLDED_STOP_WORDS


def _carry_units(text: str, raws: list[_Raw]) -> None:
    """Give a number without a unit the unit the text has just given.

    * A scaled amount (a scale word or a suffix) with nothing after it that could be its own
      unit (no noun, no *de ...*) takes the unit of the previous scaled amount, within
      :data:`_CARRY_REACH` characters and with no other scaled amount between: *500 millones
      de euros y otros 486 millones*, *12 billones de tokens ... apenas 2,3 billones*,
      *671B parámetros ... una versión de 405B*, *... 9,200 millones USD. La inversión de
      1,000 millones ...*.
    * A plain number that ends its clause takes the counted unit of the previous number in
      the same sentence: *pasó de 512 nodos a apenas 16.*
    * *unidades* after a number means the hardware the sentence has just named: *cuántas GPU
      ... alrededor de 500 unidades*.
    """
    last: _Raw | None = None
    prev: _Raw | None = None
    for raw in raws:
        if raw.unit is not None:
            if raw.has_scale and raw.kind != "bare":
                last = raw if raw.unit in _CARRIED_UNITS else None
            prev = raw
            continue
        if raw.kind == "bare":
            prev = raw
            continue
        word = _next_word(text, raw.end)
        if raw.has_scale:
            if (
                last is not None
                and raw.num_start - last.end <= _CARRY_REACH
                # a suffix scale (671B) is a model size: it carries a model's units only,
                # and within its sentence
                and (
                    not raw.suffix
                    or (
                        last.unit in _SUFFIX_CARRIED_UNITS
                        and not _SENTENCE_BREAK_RE.search(text, last.end, raw.num_start)
                    )
                )
            ):
                if not word or (word not in ("de", "del") and word in _FOLDED_STOP_WORDS):
                    raw.unit, raw.unit_factor = last.unit, last.unit_factor
                    raw.prefix_factor = last.prefix_factor
                    last = raw
            if raw.unit is None:
                last = None  # "30 millones de usuarios": a count ends the carry
        elif word == "unidades":
            hardware = _last_hardware(text, raw.num_start)
            if hardware is not None:
                raw.unit = hardware
                raw.end = _next_word_end(text, raw.end)
        elif (
            prev is not None
            and _ends_clause(text, raw.end, word)
            and not _SENTENCE_BREAK_RE.search(text, prev.end, raw.num_start)
            and not _is_year_candidate(raw)
        ):
            if prev.unit in _CLAUSE_CARRIED_UNITS:
                raw.unit, raw.unit_factor = prev.unit, prev.unit_factor
                raw.prefix_factor = prev.prefix_factor
            elif (
                prev.unit in _CARRIED_UNITS
                and (prev.has_scale or prev.unit_factor != 1.0)
                and prev.kind != "bare"
                and prev.number > 0
                and 0.01 <= raw.number / prev.number <= 100
            ):
                # "AWS ha comprometido 15.700 millones ... y Microsoft, más de 7.200.",
                # "93PFlops, con un máximo de 125,": the same unit and scale, left out
                raw.unit, raw.unit_factor = prev.unit, prev.unit_factor
                raw.prefix_factor = prev.prefix_factor
                raw.scale, raw.has_scale = prev.scale, prev.has_scale
        prev = raw


def _ends_clause(text: str, pos: int, word: str) -> bool:
    """Nothing that could be a unit follows ``pos``: punctuation, a function word, or *de*
    and a name (*los 6912 del A100*)."""
    if not word:
        return bool(_CLAUSE_END_RE.match(text, pos))
    if word in ("de", "del"):
        m = re.compile(r"\s*\w+\s+(?P<n>\w)").match(text, pos)
        return m is not None and m.group("n").isupper()
    return word in _FOLDED_STOP_WORDS


def _next_word_end(text: str, pos: int) -> int:
    """End of the word after ``pos`` (spaces skipped)."""
    ws = _WS_RE.match(text, pos)
    m = _NEXT_WORD_RE.match(text, ws.end() if ws is not None else pos)
    return m.end() if m is not None else pos


def _last_hardware(text: str, pos: int) -> str | None:
    """The unit of the last hardware noun (*GPU*, *chips*, *servidores*) in the sentence."""
    start = max(0, pos - _CARRY_REACH)
    breaks = list(_SENTENCE_BREAK_RE.finditer(text, start, pos))
    if breaks:
        start = breaks[-1].end()
    found = list(_HARDWARE_RE.finditer(text, start, pos))
    return _HARDWARE_UNITS[int(str(found[-1].lastgroup)[1:])] if found else None


def _is_dateline(text: str, start: int, end: int) -> bool:
    """A date that opens a line or sentence, alone or after a place and a comma, and is closed
    by a full stop, a dash or a parenthesis: the dateline of a news item (*Bogotá,
    12-02-2025.*, *14/01/2025.*), not a date the text talks about."""
    if not _DATELINE_END_RE.match(text, end):
        return False
    breaks = list(_SENTENCE_BREAK_RE.finditer(text, max(0, start - 80), start))
    left = text[breaks[-1].end() if breaks else max(0, start - 80) : start]
    if not breaks and start > 80:
        return False
    return not left.strip() or bool(_DATELINE_PLACE_RE.fullmatch(left))


def _is_name_digits(text: str, raw: _Raw) -> bool:
    """Digits that belong to a name or a dateline, not an amount.

    The general rule: a bare number (no unit, no scale, no hedge) written right after a
    capitalised word that is not a Spanish function word or a month is part of that name
    (*Fab 21*, *Nivel 2*, *Agenda 2030*, a processor's model number); a version written
    *x.0* is a name (*sociedad 5.0*, *Industria 4.0*); a day after a place and a comma at the
    start of a line is a dateline (*MADRID, 30 (EFE)*).
    """
    if (raw.has_scale and not raw.suffix) or raw.qualifier or raw.kind not in ("int", "dec", "es"):
        return False
    if raw.kind == "dec" and raw.numtext.endswith(".0"):
        return True
    s = raw.num_start
    if _HYPHEN_NAME_RE.search(text, max(0, s - 20), s):
        return True  # "Xeon E5-2692": a model number
    if raw.kind == "int" and len(raw.numtext) <= 2:
        left = _DATELINE_LEFT_RE.search(text, max(0, s - 60), s)
        if left is not None:
            place = left.group("place")
            if place.isupper() or _DATELINE_RIGHT_RE.match(text, raw.end):
                return True
    m = _WORD_BEFORE_RE.search(text, max(0, s - 40), s)
    if m is None:
        return False
    word = m.group("w")
    key = fold(word)
    if key in _LABEL_NOUNS:
        return True  # "el artículo 5", "la fase 2": a numbered part, not an amount
    if not any(c.isupper() for c in word):  # "Fab 21", and "iPhone 15" too
        return False
    if _PERIOD_WORD_RE.fullmatch(word):
        return False  # "Q3 2024", "H1 2025", "FY2024": a period, and its year
    return key not in _FOLDED_STOP_WORDS and key not in _FOLDED_MONTH_NAMES


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
            or (_A_GAP_RE.fullmatch(gap) and not _is_year_candidate(a))  # "tres a cinco años"
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
    _carry_units(text, raws)
    for i, raw in enumerate(raws):
        if raw.unit is not None:
            continue
        if _is_name_digits(text, raw) or (
            i > 0
            and raws[i - 1].drop
            and _DASH_GAP_RE.fullmatch(text[raws[i - 1].end : raw.num_start])
        ):
            raw.drop = True  # "Fab 21", and "Horizonte Europa 2021-2027" whole
            continue
        if raw.suffix and not _counted_noun_follows(text, raw.end, through_de=True):
            raw.drop = True  # "el modelo 175B": a name, not a quantity
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


#: Believable range per unit in 2025-era press, the magnitude evidence for ``1.102
#: exaflops`` (1102 exaflops by Spanish rules, surely 1.102 with a decimal point) and for the
#: short-scale check of parameter counts. The maxima are generous: a whole country's yearly
#: electricity is about 3e16 Wh, the largest machines about 2e18 FLOP/s, the largest money
#: figures (Stargate, "7 billones") below 1e13.
_PLAUSIBLE: Final[dict[str, tuple[float, float]]] = {
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
    "percent": (0.0, 1e4),
    "m": (1e-10, 1e-6),
}
_MONEY_UNITS: Final[frozenset[str]] = frozenset({"EUR", "USD", "GBP", "CNY", "JPY", "KRW"})
_WHOLE_UNITS: Final[frozenset[str]] = units.COUNT_LIKE_UNITS | {"rank", "year"}


def _intrinsic_reading(raw: _Raw) -> tuple[bool, str] | None:
    """Whether ``1.105``/``1,500`` is read as thousands, from the quantity itself, and why.

    ``None`` when only the document's convention can tell. In order: the unit's plausible
    magnitude rules one reading out; a count or an amount of money without a scale word cannot
    have three decimals; a writer who means a decimal does not pad it with zeros (*1,500* is
    1500, *1.500* is 1500, in either convention).
    """
    th, dec = ambiguous_readings(raw.numtext)
    factor = raw.scale * raw.unit_factor
    unit = raw.unit or "count"
    lo, hi = _PLAUSIBLE.get(unit, (0.0, math.inf))
    ok_th, ok_dec = lo <= th * factor <= hi, lo <= dec * factor <= hi
    if ok_th != ok_dec:
        other = dec * factor if ok_th else th * factor
        return ok_th, f"{other:.4g} {unit} would be implausible"
    if not raw.has_scale and unit in _WHOLE_UNITS:
        return True, "a count has no decimals"
    if not raw.has_scale and unit in _MONEY_UNITS:
        return True, "money has at most two decimals"
    if raw.numtext.endswith("0"):
        return True, "a decimal is not padded with zeros"
    return None


def _vote(raw: _Raw) -> str:
    """The convention this quantity shows: ``"es"``, ``"en"`` or ``""`` (no evidence)."""
    if raw.sep in ("es", "en"):
        return raw.sep
    if raw.sep in ("dot?", "comma?"):
        settled = _intrinsic_reading(raw)
        if settled is not None:
            thousands = settled[0]
            return "es" if thousands == (raw.sep == "dot?") else "en"
    return ""


def _settle_separator(raw: _Raw, convention: str, why: str) -> str:
    """Set ``raw.number`` for ``1.105``/``1,500``; return the flag (empty if Spanish rules hold)."""
    th, dec = ambiguous_readings(raw.numtext)
    spanish_thousands = raw.sep == "dot?"
    settled = _intrinsic_reading(raw)
    if settled is not None:
        thousands, reason = settled
    else:
        thousands = spanish_thousands if convention == "es" else not spanish_thousands
        reason = why
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


def _finish(text: str, raw: _Raw, convention: str, why: str) -> Quantity:
    """Compute the value in the base unit and the flags."""
    unit = raw.unit or "count"
    flags = list(raw.flags)
    if raw.sep in ("dot?", "comma?"):
        note = _settle_separator(raw, convention, why)
        if note:
            flags.append(note)
    value = raw.number * raw.scale * raw.unit_factor
    if unit in units.FLOP_UNITS and _is_lost_exponent(raw):
        exp = int(raw.numtext[2:])
        value = 10.0**exp
        note = f"lost_exponent?: 10^{exp}"
        if raw.fracasos:
            note += " ('fracasos' read as flops)"
        flags.append(note)
    if unit == "FLOP/s" and value >= 1e22 and not raw.per_second:
        unit = "FLOP"
        flags.append("rate_too_large?: flops above 1e22 read as an amount of work (FLOP)")
    elif unit == "FLOP/s" and value > _PLAUSIBLE["FLOP/s"][1]:
        short = value / 1e12 if raw.scale >= 1e24 else None
        hint = f"; short-scale 'quintillion' would give {short:.4g}" if short else ""
        flags.append(f"implausible?: {value:.4g} FLOP/s{hint}")
    if unit == "parameters" and value > _PLAUSIBLE["parameters"][1]:
        short = value / 1e3 if raw.scale >= 1e12 else None
        hint = f"; short-scale 'billion' would give {short:.3g}" if short else ""
        flags.append(f"implausible?: {value:.3g} parameters{hint}")
    return Quantity(
        text=text[raw.start : raw.end],
        start=raw.start,
        end=raw.end,
        value=float(value),
        unit=unit,
        qualifier=raw.qualifier,
        flags=tuple(flags),
    )


@dataclass(frozen=True)
class Draft:
    """The quantities of one piece of text, read but with ``1.105``/``1,500`` still open.

    :func:`draft_quantities` makes it; :func:`document_convention` pools the separator
    evidence of all the drafts of a document; :meth:`settle` gives the final records.
    """

    text: str
    raws: tuple[_Raw, ...]
    es_votes: int
    en_votes: int

    def settle(self, convention: tuple[str, str] = ("es", "")) -> list[Quantity]:
        """The quantities, with ambiguous separators read by ``convention`` (name, reason)."""
        conv, why = convention
        found = (_finish(self.text, r, conv, why) for r in self.raws)
        return [q for q in found if math.isfinite(q.value)]


def draft_quantities(text: str, protected: Sequence[tuple[int, int, str]] = ()) -> Draft:
    """Read every quantity of ``text`` (see :func:`find_quantities`) without settling separators."""
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
    kept = tuple(r for r in raws if not r.drop)
    votes = [_vote(r) for r in kept]
    return Draft(text, kept, votes.count("es"), votes.count("en"))


def document_convention(drafts: Iterable[Draft], locale: str | None = None) -> tuple[str, str]:
    """The separator convention of a document: (``"es"`` or ``"en"``, the reason).

    The numbers that settle it on their own (``1.000.000``, ``175,30``, ``1,000,000``,
    ``1.75``, and ``1,500 GPU`` or ``1.102 exaflops`` settled by their unit) vote; a tie is
    broken by the ``locale`` hint (``es-MX``, ``AR``, ``México``: see
    :data:`helpers.text.numbers.COUNTRY_CONVENTIONS`); with neither, Spanish rules hold.
    """
    es = en = 0
    for d in drafts:
        es += d.es_votes
        en += d.en_votes
    if es != en:
        conv = "es" if es > en else "en"
        return conv, f"the document's other numbers are written {es} to {en} the Spanish way"
    hint = locale_convention(locale)
    if hint is not None:
        name = "Spanish" if hint == "es" else "English"
        return hint, f"the locale {locale} writes numbers the {name} way"
    return "es", "Spanish rules"


def find_quantities(
    text: str,
    protected: Sequence[tuple[int, int, str]] = (),
    *,
    locale: str | None = None,
) -> list[Quantity]:
    """All quantities in ``text``, in order, skipping digits inside ``protected`` spans.

    ``protected`` holds ``(start_char, end_char, label)`` of entities sorted by start (names
    such as *GLM-130B*); a ``CHIP`` entity right after a number (or after its maker, an
    ``ORG``) makes it a chip count, a ``GPU`` entity a GPU count.
    ``text`` is one document: its unambiguous numbers decide how ``1.105`` and ``1,500`` are
    read, with ``locale`` (``es-MX``, ``AR`` ...) as the tie-breaker
    (:func:`document_convention`). This is the engine of the ``compute_race_quantities`` spaCy
    component; it is plain Python on a string, so it can be tested and reused without the spaCy
    pipeline.
    """
    draft = draft_quantities(text, protected)
    return draft.settle(document_convention([draft], locale))
