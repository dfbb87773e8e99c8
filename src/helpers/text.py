"""The Spanish spaCy pipeline that reads the articles: named entities and quantities.

Why a hand-built pipeline
    The book must build offline and reproducibly, so nothing is downloaded at run time and no
    statistical model (``es_core_news_sm``) is used. :func:`get_nlp` builds, once per process,
    ``spacy.blank("es")`` with

    1. ``sentencizer`` (punctuation) plus ``compute_race_line_breaks`` (a line break also ends
       a sentence: scraped headings and captions have no full stop);
    2. ``lemmatizer`` in lookup mode, with the Spanish tables of ``spacy-lookups-data``;
    3. ``entity_ruler`` fed by ``data/lexicon.csv`` (case-sensitive phrase patterns, longest
       match wins), labels ORG, PERSON, PLACE, SUPERCOMPUTER, CHIP, AI_MODEL, PROGRAMME
       (programme or law) and EVENT;
    4. ``compute_race_quantities``, a regular-expression component that reads numbers with
       Spanish conventions and stores them in ``doc._.quantities``. It runs after the entity
       ruler so that digits inside names (*GLM-130B*, *Wu Dao 2.0*, *360 Security Technology*)
       are not read as quantities.

Spanish numbers
    Decimal comma and dot thousands (``175,30`` = 175.3, ``314.000`` = 314000); a dot followed
    by one or two digits is a decimal point (``1.75 billones`` = 1.75e12, the Latin American
    habit), a dot followed by exactly three digits groups thousands, four or more digits after
    a dot are decimals again. ``1,000,000`` (two or more comma groups) and ``1,234.5`` are read
    the English way, ``10 000`` with (thin) spaces as thousands. Long scale: ``millón`` 1e6,
    ``mil millones`` and ``millardo`` 1e9, ``billón`` 1e12, ``trillón`` 1e18. Number words
    (``cuatro``, ``cien``, ``dos mil quinientos``, ``un exaflop``, ``medio millón``), powers of
    ten (``10^18``, ``10¹⁸``, ``1e18``) and vague magnitudes (``millones``, ``miles de
    millones``: value 1e6 / 1e9 with qualifier ``del orden de``). A four-digit number from
    1900 to 2100 is a ``year`` after a temporal word (*En 2023*, *para 2025*, *noviembre de
    2024*) and a ``count`` before a counted noun (*más de 2000 empresas*). Numbers are never
    read inside names, list numbering (``1.`` at the start of a line), ordinals (``65.ª``),
    times (``10:30``) or versions (``3.8.18``); *un*/*una* is an article unless a
    measurement or a scale follows (*un exaflop*, *un millón*) or *sola*/*única* (*una sola
    GPU*).

Quantity rows (:func:`extract_quantities`)
    ``text`` the span as written (qualifier included), ``value`` in the base ``unit`` (the
    vocabulary is :data:`helpers.units.BASE_UNITS`: EUR, USD, FLOP, FLOP/s, OP/s, FLOP/s/W,
    parameters, tokens, tokens/s, W, Wh, bytes, bytes/s, bits/s, Hz, m, GPU-hours, GPUs, chips,
    cores, nodes, servers, transistors, count, rank, percent, percentage points, times, s,
    hours, days, months, years (durations), year (a date: *En 2023*), date (YYYYMMDD)),
    ``qualifier`` the hedge in lower case as written (``más de``, ``hasta``, ``unos``, ``cerca
    de``, ``alrededor de``, ``menos de``, ``superior a``, ``superan`` ...; ``entre`` for both
    ends of a range; ``del orden de`` for vague magnitudes; empty when none), ``start``/``end``
    character offsets into the input, ``sentence`` the sentence's text, ``flag`` a warning
    for a human (empty when none):

    * ``lost_exponent?: 10^18`` -- *1018 flops* (or *fracasos*, the machine translation of
      *flops*) is read as 10^18, the superscript lost on the way to the page;
    * ``implausible?: ...`` -- e.g. more than 2e13 parameters, where *billones* is probably a
      mistranslated English *billion*;
    * ``ambiguous_separator?: ...`` -- ``1.102 exaflops`` (thousands by Spanish rules, but
      likely a decimal point) or ``1,500 millones`` (1.5 by Spanish rules, but Latin American
      press writes a comma between thousands);
    * ``rate_too_large?: ...`` -- *flops* above 1e22 are an amount of work, not a speed.

Entity rows (:func:`extract_entities`)
    ``text``, ``label``, ``start``, ``end``, ``sentence`` and ``canonical`` (the English name
    from the lexicon, to join with the facts tables).

Large inputs are cut into pieces of at most :data:`CHUNK_CHARS` characters at line breaks
(or sentence ends, or spaces) and streamed through ``nlp.pipe``, so memory stays flat.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, Literal, cast

import numpy as np
import pandas as pd
import pandera.pandas as pa
import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from helpers import seeds as _seeds
from helpers import units as _units
from helpers.errors import ArticleError  # the book's error type, re-exported here
from helpers.paths import DATA, ROOT, SEEDS

__all__ = [
    "CHUNK_CHARS",
    "ENTITY_COLUMNS",
    "ENTITY_LABELS",
    "ENTITY_SCHEMA",
    "LEXICON_PATH",
    "QUANTITY_COLUMNS",
    "QUANTITY_SCHEMA",
    "Analysis",
    "ArticleError",
    "GoldScore",
    "Quantity",
    "analyse",
    "evaluate_against_gold",
    "extract_entities",
    "extract_quantities",
    "find_quantities",
    "format_spanish_number",
    "get_nlp",
    "load_gold",
    "load_lexicon",
    "parse_spanish_number",
    "read_article",
    "score_against_gold",
]

# ------------------------------------------------------------------------------------------
# Constants and schemas
# ------------------------------------------------------------------------------------------

#: The curated entity lexicon (pattern, label, canonical, note).
LEXICON_PATH: Final[Path] = DATA / "lexicon.csv"

#: Entity labels the lexicon may use.
ENTITY_LABELS: Final[tuple[str, ...]] = (
    "ORG",
    "PERSON",
    "PLACE",
    "SUPERCOMPUTER",
    "CHIP",
    "AI_MODEL",
    "PROGRAMME",
    "EVENT",
)

#: Columns of :func:`extract_entities`, in order.
ENTITY_COLUMNS: Final[tuple[str, ...]] = ("text", "label", "start", "end", "sentence", "canonical")
#: Columns of :func:`extract_quantities`, in order.
QUANTITY_COLUMNS: Final[tuple[str, ...]] = (
    "text",
    "value",
    "unit",
    "qualifier",
    "start",
    "end",
    "sentence",
    "flag",
)

#: Largest piece of text handed to spaCy at once (characters). Pieces are cut at line breaks.
CHUNK_CHARS: Final[int] = 20_000

_OFFSETS_OK = pa.Check(lambda df: (df["end"] > df["start"]).all(), element_wise=False)

#: Contract of :func:`extract_entities` (validated in the tests).
ENTITY_SCHEMA: Final[pa.DataFrameSchema] = pa.DataFrameSchema(
    {
        "text": pa.Column(str, pa.Check.str_length(min_value=1)),
        "label": pa.Column(str, pa.Check.isin(ENTITY_LABELS)),
        "start": pa.Column("int64", pa.Check.ge(0)),
        "end": pa.Column("int64", pa.Check.ge(1)),
        "sentence": pa.Column(str),
        "canonical": pa.Column(str),
    },
    checks=[_OFFSETS_OK],
    strict=True,
    ordered=True,
)

#: Contract of :func:`extract_quantities` (validated in the tests).
QUANTITY_SCHEMA: Final[pa.DataFrameSchema] = pa.DataFrameSchema(
    {
        "text": pa.Column(str, pa.Check.str_length(min_value=1)),
        "value": pa.Column("float64", pa.Check(lambda s: s.map(math.isfinite))),
        "unit": pa.Column(str, pa.Check.isin(tuple(_units.BASE_UNITS))),
        "qualifier": pa.Column(str),
        "start": pa.Column("int64", pa.Check.ge(0)),
        "end": pa.Column("int64", pa.Check.ge(1)),
        "sentence": pa.Column(str),
        "flag": pa.Column(str),
    },
    checks=[_OFFSETS_OK],
    strict=True,
    ordered=True,
)

# ------------------------------------------------------------------------------------------
# Spanish numbers
# ------------------------------------------------------------------------------------------

_WORD_VALUES: Final[dict[str, int]] = {
    "cero": 0,
    "un": 1,
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "dieciséis": 16,
    "dieciseis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
    "veinte": 20,
    "veintiuno": 21,
    "veintiuna": 21,
    "veintiún": 21,
    "veintidós": 22,
    "veintidos": 22,
    "veintitrés": 23,
    "veintitres": 23,
    "veinticuatro": 24,
    "veinticinco": 25,
    "veintiséis": 26,
    "veintiseis": 26,
    "veintisiete": 27,
    "veintiocho": 28,
    "veintinueve": 29,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
    "cien": 100,
    "ciento": 100,
    "doscientos": 200,
    "doscientas": 200,
    "trescientos": 300,
    "trescientas": 300,
    "cuatrocientos": 400,
    "cuatrocientas": 400,
    "quinientos": 500,
    "quinientas": 500,
    "seiscientos": 600,
    "seiscientas": 600,
    "setecientos": 700,
    "setecientas": 700,
    "ochocientos": 800,
    "ochocientas": 800,
    "novecientos": 900,
    "novecientas": 900,
}


def _fold(s: str) -> str:
    """Case- and accent-insensitive key, matching what ``re.IGNORECASE`` lets through.

    ``re`` folds case per character (``ſ`` matches ``s``, ``İ`` matches ``i``, the Kelvin sign
    matches ``k``), so dictionary look-ups of matched words go through the same folding.
    """
    decomposed = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so ``veinte`` does not stop ``veintiuno``."""
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


_W_UNIT = _alt(k for k, v in _WORD_VALUES.items() if 1 <= v <= 9)
_W_TEEN = _alt(k for k, v in _WORD_VALUES.items() if 10 <= v <= 29)
_W_TENS = _alt(k for k, v in _WORD_VALUES.items() if v in (30, 40, 50, 60, 70, 80, 90))
_W_HUND = _alt(k for k, v in _WORD_VALUES.items() if v >= 100)
_W_BELOW100 = rf"(?:{_W_TENS})(?:\s+y\s+(?:{_W_UNIT}))?|{_W_TEEN}|{_W_UNIT}|cero"
_W_BELOW1000 = rf"(?:{_W_HUND})(?:\s+(?:{_W_BELOW100}))?|{_W_BELOW100}"
_WORDNUM = (
    rf"(?:{_W_BELOW1000})(?:\s+mil(?:\s+(?:{_W_BELOW1000}))?)?"
    rf"|mil(?:\s+(?:{_W_BELOW1000}))?"
)

_MONTHS: Final[dict[str, int]] = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
}

_BARE_SCALES: Final[dict[str, float]] = {
    "decenas": 10.0,
    "cientos": 100.0,
    "centenares": 100.0,
    "miles": 1e3,
    "millones": 1e6,
    "millardos": 1e9,
    "billones": 1e12,
}

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")

# A numeral: the digits alternatives must not touch a letter, another digit group or a
# hyphenated name (GLM-130B, COVID-19), times (10:30) or fractions (24/7).
_DIGIT_GUARD = r"(?<![\w])(?<!\d[.,])(?<![^\W\d_][-‐‑])(?<!\d[:/])"
_DIGIT_END = r"(?![.,]?\d)(?![:/]\d)"
_NUMERAL_RE: Final[re.Pattern[str]] = re.compile(
    rf"""
    # cheap pre-check: a digit, or the first letter of a number word / magnitude word
    (?=[\dbcdmnoqstuvBCDMNOQSTUV])(?:
    (?P<date>(?<![\w.,])(?P<day>[0-3]?\d)\s+de\s+
        (?P<month>(?i:{_alt(_MONTHS)}))(?:\s+(?:de|del)\s+(?P<dyear>\d{{4}}))?(?!\w))
  | (?=\d){_DIGIT_GUARD}(?:
        (?P<sci>(?:\d+(?:[.,]\d+)?\s*[x×·]\s*)?10(?:\s*(?:\^|\*\*)\s*[-−]?\d{{1,3}}|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)
               |\d+(?:[.,]\d+)?[eE][+-]?\d{{1,3}}(?![\w]))
      | (?P<en>\d{{1,3}}(?:,\d{{3}}){{2,}}(?:\.\d+)?|\d{{1,3}}(?:,\d{{3}})+\.\d+){_DIGIT_END}
      | (?P<es>\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?){_DIGIT_END}
      | (?P<sp>\d{{1,3}}(?:[\u00a0\u202f\u2009 ]\d{{3}})+(?:,\d+)?){_DIGIT_END}
      | (?P<dec>\d+,\d+|\d+\.\d{{1,2}}|\d+\.\d{{4,}}){_DIGIT_END}
      | (?P<int>\d+){_DIGIT_END}
    )
  | (?P<words>(?<!\w)(?i:(?:{_WORDNUM})\b))
  | (?P<half>(?i:\bmedi[oa]\b)(?=\s+(?i:mill[oó]n|bill[oó]n)))
  | (?P<bare>(?<!\w)(?i:(?:{_alt(_BARE_SCALES)})(?:\s+de\s+(?:miles|millones|billones))*\b))
    )""",
    re.VERBOSE,
)

_SCALE_RE: Final[re.Pattern[str]] = re.compile(
    r"""\s+(?:(?P<mm>(?i:mil\s+millones))|(?P<mb>(?i:mil\s+billones))
        |(?P<mill>(?i:millones|millón|millon|mill\.))|(?P<mrd>(?i:millardos?))
        |(?P<bill>(?i:billones|billón|billon))|(?P<tril>(?i:trillones|trillón|trillon))
        |(?P<mil>(?i:mil)))(?!\w)
      |\s*(?P<msym>M)(?=\s*(?:€|\$|de\s+(?:euros|d[oó]lares)))
    """,
    re.VERBOSE,
)
_SCALE_FACTORS: Final[dict[str, float]] = {
    "mm": 1e9,
    "mb": 1e15,
    "mill": 1e6,
    "mrd": 1e9,
    "bill": 1e12,
    "tril": 1e18,
    "mil": 1e3,
    "msym": 1e6,
}
_Y_MEDIO_RE: Final[re.Pattern[str]] = re.compile(r"\s+y\s+medio(?!\w)", re.IGNORECASE)
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


_FOLDED_WORD_VALUES: Final[dict[str, int]] = {_fold(k): v for k, v in _WORD_VALUES.items()}
_FOLDED_MONTHS: Final[dict[str, int]] = {_fold(k): v for k, v in _MONTHS.items()}
_FOLDED_BARE_SCALES: Final[dict[str, float]] = {_fold(k): v for k, v in _BARE_SCALES.items()}


def _words_value(words: str) -> float:
    """Value of Spanish number words (``dos mil quinientos`` -> 2500)."""
    total = 0
    current = 0
    for word in _fold(words).split():
        if word == "y":
            continue
        if word == "mil":
            total += (current or 1) * 1000
            current = 0
        else:
            current += _FOLDED_WORD_VALUES[word]
    return float(total + current)


def _sci_value(s: str) -> float:
    """Value of ``10^18``, ``10¹⁸``, ``1,5 × 10^18`` or ``1e18``."""
    s = s.translate(_SUPERSCRIPTS).replace("−", "-")
    m = re.fullmatch(
        r"(?:(?P<m>\d+(?:[.,]\d+)?)\s*[x×·]\s*)?10\s*(?:\^|\*\*)?\s*(?P<e>[-+]?\d+)", s
    )
    if m:
        mant = float(m.group("m").replace(",", ".")) if m.group("m") else 1.0
        exp = int(m.group("e"))
        return mant * 10.0**exp if abs(exp) <= 300 else math.inf
    return float(s.replace(",", "."))


def _digits_value(kind: str, s: str) -> float:
    """Value of a digit string whose convention the regex already decided (``kind``)."""
    if kind == "en":
        return float(s.replace(",", ""))
    if kind == "es":
        return float(s.replace(".", "").replace(",", "."))
    if kind == "sp":
        return float(re.sub(r"\s", "", s).replace(",", "."))
    if kind == "dec":
        return float(s.replace(",", "."))
    if kind == "sci":
        return _sci_value(s)
    return float(s)


def _bare_value(s: str) -> float:
    """Value of a vague magnitude (``miles de millones`` -> 1e9)."""
    value = 1.0
    for word in _fold(s).split():
        if word != "de":
            value *= _FOLDED_BARE_SCALES[word]
    return value


def _scale_at(text: str, pos: int) -> tuple[float, int]:
    """Multiply by the scale words after ``pos`` (``mil millones``); return factor and end."""
    factor = 1.0
    while True:
        m = _SCALE_RE.match(text, pos)
        if m is None or m.lastgroup is None:
            return factor, pos
        factor *= _SCALE_FACTORS[m.lastgroup]
        pos = m.end()


def parse_spanish_number(s: str) -> float:
    """Parse one Spanish number, with optional scale words, into a float.

    ``"175,30"`` -> 175.3, ``"314.000"`` -> 314000, ``"1.75"`` -> 1.75, ``"1.000.000,5"``,
    ``"500 millones"`` -> 5e8, ``"mil millones"`` -> 1e9, ``"1,75 billones"`` -> 1.75e12,
    ``"cien"`` -> 100, ``"10^18"``. A leading ``-``/``+`` is honoured. Raises
    :class:`ValueError` when the string is not exactly one number (dates included).
    """
    t = s.strip()
    sign = 1.0
    if t[:1] in ("-", "−", "+"):
        sign = -1.0 if t[0] != "+" else 1.0
        t = t[1:].lstrip()
    m = _NUMERAL_RE.match(t)
    if m is None or m.group("date") is not None:
        raise ValueError(f"not a Spanish number: {s!r}")
    kind = _numeral_kind(m)
    base = _numeral_base(kind, m.group(kind))
    factor, pos = _scale_at(t, m.end())
    ym = _Y_MEDIO_RE.match(t, pos)
    if ym is not None and factor > 1:
        base += 0.5
        pos = ym.end()
    if t[pos:].strip():
        raise ValueError(f"not a Spanish number: {s!r}")
    return sign * base * factor


def format_spanish_number(x: float, decimals: int | None = None) -> str:
    """Format a number the Spanish way: dot thousands groups and a decimal comma.

    Without ``decimals`` the shortest digits that give back exactly ``x`` are used, so
    ``parse_spanish_number(format_spanish_number(x)) == x`` for every finite float
    (``1234567.5`` -> ``"1.234.567,5"``, ``0.001`` -> ``"0,001"``, ``1e20`` written out in full).
    """
    if not math.isfinite(x):
        raise ValueError(f"cannot format {x!r} as a Spanish number")
    d = Decimal(repr(float(x))) if decimals is None else round(Decimal(repr(float(x))), decimals)
    sign = "-" if d < 0 else ""
    digits = format(abs(d), "f")
    whole, _, frac = digits.partition(".")
    frac = frac.rstrip("0") if decimals is None else frac
    groups = []
    while len(whole) > 3:
        groups.append(whole[-3:])
        whole = whole[:-3]
    groups.append(whole)
    body = ".".join(reversed(groups))
    if sign and not frac.strip("0") and body.strip("0.") == "":
        sign = ""
    return f"{sign}{body},{frac}" if frac else f"{sign}{body}"


def _numeral_kind(m: re.Match[str]) -> str:
    """Which alternative of :data:`_NUMERAL_RE` matched."""
    for kind in ("date", "sci", "en", "es", "sp", "dec", "int", "words", "half", "bare"):
        if m.group(kind) is not None:
            return kind
    raise AssertionError("numeral regex matched no alternative")  # pragma: no cover


def _numeral_base(kind: str, s: str) -> float:
    """The value of the numeral itself, before scale words and units."""
    if kind == "words":
        return _words_value(s)
    if kind == "half":
        return 0.5
    if kind == "bare":
        return _bare_value(s)
    return _digits_value(kind, s)


# ------------------------------------------------------------------------------------------
# Units, qualifiers and context
# ------------------------------------------------------------------------------------------

_UNIT_COMBINED: Final[re.Pattern[str]] = re.compile(
    "|".join(
        f"(?P<f{i}>{re.sub(r'[(][?]P<prefix>', '(?:', form.pattern)})(?![^\\W\\d_])"
        for i, form in enumerate(_units.UNIT_FORMS)
    )
)
_FRACASOS_INDEX: Final[int] = next(
    i for i, f in enumerate(_units.UNIT_FORMS) if "fracasos" in f.pattern
)
_WS_RE: Final[re.Pattern[str]] = re.compile(r"[ \t\u00a0\u202f\u2009]*")
_DE_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:,\s*)?de\s+", re.IGNORECASE)
_SOLO_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:sol[oa]|únic[oa]|unic[oa])\s+", re.IGNORECASE
)
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
    rf"(?<![\w.])(?P<q>{_alt(_QUALIFIERS)})\s+(?:(?:los|las|el|la|un|una)\s+)?$",
    re.IGNORECASE,
)
_RANK_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:número|numero|puesto|posición|posicion|lugar|n\.?\s?º|nº|no\.)\s*$",
    re.IGNORECASE,
)
_ORDINAL_RE: Final[re.Pattern[str]] = re.compile(r"\.?[ºª]")
_MULTIPLIED_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)multiplic\w*\s+por\s+$", re.IGNORECASE
)
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
    rf"|invierno\s+de|primavera\s+de|otoño\s+de|(?:{_alt(_MONTHS)})(?:\s+de)?|el\s+año"
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
_NOT_A_COUNTED_NOUN: Final[frozenset[str]] = frozenset(
    """el la los las lo un una unos unas y e o u ni de del a al en con por para sin sobre
    entre desde hasta hacia según tras se que cuando como donde mientras pero aunque porque
    si no ya también fue fueron será serán es son era eran ha han había habían hay estaba
    está están sería podría debería se espera esperan llegará llegó""".split()
)
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

    ``value`` is in the base ``unit`` (see :data:`helpers.units.BASE_UNITS`).
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
                if _units.UNIT_FORMS[idx].spaced:
                    return idx, um, um.end()
    um = _UNIT_COMBINED.match(text, p)
    if um is None or um.lastgroup is None:
        return None
    idx = int(um.lastgroup[1:])
    form = _units.UNIT_FORMS[idx]
    if attached and not form.attachable:
        return None
    if not attached and not form.spaced:
        return None
    return idx, um, um.end()


def _apply_unit(raw: _Raw, text: str, idx: int, end: int, start_of_unit: int) -> None:
    """Record unit ``idx`` (with its SI prefix) on ``raw``."""
    form = _units.UNIT_FORMS[idx]
    own = form.regex.match(text, start_of_unit)
    prefix = own.groupdict().get("prefix") if own is not None else None
    raw.unit = form.unit
    raw.prefix_factor = _units.prefix_factor(prefix, binary=form.binary)
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
    kind = _numeral_kind(m)
    s, e = m.start(), m.end()
    n = len(text)
    if kind == "date":
        day, month = int(m.group("day")), _FOLDED_MONTHS[_fold(m.group("month"))]
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
    raw = _Raw(s, s, e, kind, numtext, _numeral_base(kind, numtext))
    if not math.isfinite(raw.number):
        return None
    raw.is_un = kind == "words" and _fold(numtext) in ("un", "uno", "una", "cero")
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
        factor, pos = _scale_at(text, e)
        if factor != 1.0:
            raw.scale, raw.has_scale, e = factor, True, pos
            ym = _Y_MEDIO_RE.match(text, e)
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
            form = _units.UNIT_FORMS[idx]
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
            prev_is_year = i > 0 and raws[i - 1].unit == "year" and bool(
                _RANGE_GAP_RE.fullmatch(text[raws[i - 1].end : raw.num_start])
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
    if unit in _units.FLOP_UNITS and _is_lost_exponent(raw):
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


def find_quantities(
    text: str, protected: Sequence[tuple[int, int, str]] = ()
) -> list[Quantity]:
    """All quantities in ``text``, in order, skipping digits inside ``protected`` spans.

    ``protected`` holds ``(start_char, end_char, label)`` of entities sorted by start (names
    such as *GLM-130B*); a ``CHIP`` entity right after a number makes it a chip count.
    This is the engine of the ``compute_race_quantities`` spaCy component; it is plain
    Python on a string, so it can be tested and reused without spaCy.
    """
    starts = _protected_index(protected)
    raws: list[_Raw] = []
    consumed = 0
    for m in _NUMERAL_RE.finditer(text):
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


# ------------------------------------------------------------------------------------------
# The spaCy pipeline
# ------------------------------------------------------------------------------------------

if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)


_AFTER_NEWLINE_RE: Final[re.Pattern[str]] = re.compile(r"\n\s*(?=\S)")


@Language.component("compute_race_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (headings and captions lack a full stop).

    Vectorised: the token starting right after each break is found by bisection on the
    tokens' character offsets and all boundaries are written at once.
    """
    text = doc.text
    if "\n" not in text or len(doc) < 2:
        return doc
    idx = doc.to_array("IDX")
    sent_start = doc.to_array("SENT_START")
    ends = np.fromiter((m.end() for m in _AFTER_NEWLINE_RE.finditer(text)), dtype=idx.dtype)
    pos = np.searchsorted(idx, ends)
    keep = (pos > 0) & (pos < len(doc))
    pos, ends = pos[keep], ends[keep]
    pos = pos[idx[pos] == ends]
    if len(pos):
        # one bulk write: Token.is_sent_start rescans the doc on every assignment
        sent_start[pos] = 1
        doc.from_array(["SENT_START"], sent_start)  # type: ignore[arg-type]  # spaCy's stub wants Ints2d
    return doc


@Language.component("compute_race_quantities")
def _quantities_component(doc: Doc) -> Doc:
    """Store :func:`find_quantities` of the doc in ``doc._.quantities``."""
    protected = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    doc._.quantities = find_quantities(doc.text, protected)
    return doc


def load_lexicon(path: Path = LEXICON_PATH) -> pd.DataFrame:
    """The entity lexicon (pattern, label, canonical, note), checked for bad rows.

    Raises :class:`ValueError` naming the file if a label is unknown, a pattern is empty or
    a (pattern, label) pair is repeated.
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    expected = ["pattern", "label", "canonical", "note"]
    if list(df.columns) != expected:
        raise ValueError(f"{path}: header must be {','.join(expected)}, got {list(df.columns)}")
    bad = df[~df["label"].isin(ENTITY_LABELS) | (df["pattern"].str.strip() == "")]
    if len(bad):
        raise ValueError(f"{path}: bad rows {bad.index.tolist()} (empty pattern or unknown label)")
    dupes = df[df.duplicated(["pattern", "label"])]
    if len(dupes):
        raise ValueError(f"{path}: repeated patterns {dupes['pattern'].tolist()}")
    return df


def _tune_tokenizer(nlp: Language) -> None:
    """Two tokenizer fixes for scraped press text.

    * split glued words such as ``InicioDeepSeek`` (a menu item before a title); patterns go
      through the same tokenizer, so ``DeepSeek`` still matches, as two tokens;
    * split the full stop after hyphenated names (``RISC-V.`` at the end of a sentence).
    """
    tokenizer: Any = nlp.tokenizer  # a spacy.tokenizer.Tokenizer; the stub types it as a callable
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[a-záéíóúüñ])(?=[A-ZÁÉÍÓÚÜÑ][a-záéíóúüñ])"]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=-[A-Z])\."]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The pipeline, built once per process (see the module docstring for the components)."""
    nlp = spacy.blank("es")
    _tune_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("compute_race_line_breaks")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"}))
    nlp.add_pipe("compute_race_quantities")
    nlp.initialize()  # loads the Spanish lemma table from spacy-lookups-data; clears the ruler
    lexicon = load_lexicon()
    ruler.add_patterns(
        [
            {"label": row.label, "pattern": row.pattern, "id": row.canonical}
            for row in lexicon.itertuples(index=False)
        ]
    )
    return nlp


# ------------------------------------------------------------------------------------------
# Reading articles and splitting big texts
# ------------------------------------------------------------------------------------------


def read_article(path: str | Path) -> str:
    """Read an article as UTF-8 text: :func:`helpers.seeds.read_article` (one implementation)."""
    return _seeds.read_article(Path(path))


def _pieces(text: str, max_chars: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into (offset, piece) of at most ``max_chars`` characters.

    Cuts fall on a line break if there is one in the second half of the window, else after
    a sentence end, else at a space, else anywhere; so no piece grows past ``max_chars``
    and quantities are almost never cut in two.
    """
    n = len(text)
    start = 0
    while start < n:
        end = min(start + max_chars, n)
        if end < n:
            lo = start + max_chars // 2
            cut = text.rfind("\n", lo, end)
            if cut < 0:
                sm = None
                for sm in re.finditer(r"[.!?]\s", text[lo:end]):
                    pass
                cut = lo + sm.end() - 1 if sm is not None else text.rfind(" ", lo, end)
            if cut >= lo:
                end = cut + 1
        yield start, text[start:end]
        start = end


def _sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end characters of the doc's sentences."""
    starts: list[int] = []
    ends: list[int] = []
    for sent in doc.sents:
        starts.append(sent.start_char)
        ends.append(sent.end_char)
    return starts, ends


def _sentence_of(text: str, bounds: tuple[list[int], list[int]], start: int, end: int) -> str:
    """The text of the sentence(s) holding characters ``start:end`` of ``text`` (a doc's)."""
    starts, ends = bounds
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    j = max(bisect.bisect_right(starts, max(end - 1, start)) - 1, i)
    return text[starts[i] : ends[j]].strip()


def _empty(columns: Sequence[str], dtypes: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=dtypes[c]) for c in columns})


_ENTITY_DTYPES: Final[dict[str, str]] = {
    "text": "str",
    "label": "str",
    "start": "int64",
    "end": "int64",
    "sentence": "str",
    "canonical": "str",
}
_QUANTITY_DTYPES: Final[dict[str, str]] = {
    "text": "str",
    "value": "float64",
    "unit": "str",
    "qualifier": "str",
    "start": "int64",
    "end": "int64",
    "sentence": "str",
    "flag": "str",
}


def _frame(rows: dict[str, list[Any]], dtypes: Mapping[str, str]) -> pd.DataFrame:
    if not rows[next(iter(dtypes))]:
        return _empty(list(dtypes), dtypes)
    return pd.DataFrame({c: pd.Series(rows[c], dtype=dtypes[c]) for c in dtypes})


@dataclass(frozen=True)
class Analysis:
    """Both tables for one text, from a single pass through the pipeline."""

    entities: pd.DataFrame
    quantities: pd.DataFrame


def _run(text: str, want_entities: bool, want_quantities: bool) -> Analysis:
    """Stream ``text`` through the pipeline in pieces and collect the rows."""
    ent_rows: dict[str, list[Any]] = {c: [] for c in ENTITY_COLUMNS}
    qty_rows: dict[str, list[Any]] = {c: [] for c in QUANTITY_COLUMNS}
    if text and text.strip():
        nlp = get_nlp()
        disable = ["lemmatizer"]  # lemmas are not used by either table; skip the work
        if not want_quantities:
            disable.append("compute_race_quantities")
        offsets: list[int] = []

        def texts() -> Iterator[str]:
            for off, piece in _pieces(text):
                offsets.append(off)
                yield piece

        for k, doc in enumerate(nlp.pipe(texts(), batch_size=32, disable=disable)):
            off = offsets[k]
            ents = doc.ents if want_entities else ()
            qtys: list[Quantity] = (doc._.quantities or []) if want_quantities else []
            if not ents and not qtys:
                continue
            bounds = _sentence_bounds(doc)
            doc_text = doc.text  # Doc.text is rebuilt on every access; read it once
            for ent in ents:
                ent_rows["text"].append(ent.text)
                ent_rows["label"].append(ent.label_)
                ent_rows["start"].append(ent.start_char + off)
                ent_rows["end"].append(ent.end_char + off)
                ent_rows["sentence"].append(
                    _sentence_of(doc_text, bounds, ent.start_char, ent.end_char)
                )
                ent_rows["canonical"].append(ent.ent_id_ or ent.text)
            for q in qtys:
                qty_rows["text"].append(q.text)
                qty_rows["value"].append(q.value)
                qty_rows["unit"].append(q.unit)
                qty_rows["qualifier"].append(q.qualifier)
                qty_rows["start"].append(q.start + off)
                qty_rows["end"].append(q.end + off)
                qty_rows["sentence"].append(_sentence_of(doc_text, bounds, q.start, q.end))
                qty_rows["flag"].append(q.flag)
    return Analysis(_frame(ent_rows, _ENTITY_DTYPES), _frame(qty_rows, _QUANTITY_DTYPES))


def extract_entities(text: str) -> pd.DataFrame:
    """Named entities from the lexicon: one row per mention (see the module docstring)."""
    return _run(text, want_entities=True, want_quantities=False).entities


def extract_quantities(text: str) -> pd.DataFrame:
    """Quantities with values in base units: one row per quantity (see the module docstring)."""
    return _run(text, want_entities=False, want_quantities=True).quantities


def analyse(text: str) -> Analysis:
    """Entities and quantities of ``text`` in one pass (what the notebooks use)."""
    return _run(text, want_entities=True, want_quantities=True)


# ------------------------------------------------------------------------------------------
# Scoring against the hand-made gold annotations
# ------------------------------------------------------------------------------------------

#: Where the gold files live (one JSON per seed).
GOLD_DIR: Final[Path] = ROOT / "tests" / "gold"


def load_gold(seed_id: str, gold_dir: Path = GOLD_DIR) -> dict[str, Any]:
    """The gold annotations of one seed (``{"quantities": [...], "entities": [...]}``)."""
    with (gold_dir / f"{seed_id}.json").open(encoding="utf-8") as fh:
        gold: dict[str, Any] = json.load(fh)
    return gold


@dataclass(frozen=True)
class GoldScore:
    """Precision and recall of predictions against gold, with the counts behind them.

    Unpacks as ``precision, recall = score``; scores of several articles add up
    (``sum(scores, GoldScore.empty())``) by pooling the counts (micro-average).
    """

    true_positives: int
    predicted: int
    gold: int
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        """Share of predictions that match a gold item (1.0 when nothing was predicted)."""
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of gold items that were predicted (1.0 when the gold is empty)."""
        return self.true_positives / self.gold if self.gold else 1.0

    def __iter__(self) -> Iterator[float]:
        return iter((self.precision, self.recall))

    def __add__(self, other: GoldScore) -> GoldScore:
        return GoldScore(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.missed + other.missed,
            self.spurious + other.spurious,
        )

    @staticmethod
    def empty() -> GoldScore:
        """The neutral element for ``sum``."""
        return GoldScore(0, 0, 0)


def score_against_gold(
    pred_df: pd.DataFrame,
    gold_list: Sequence[Mapping[str, Any]],
    kind: Literal["quantities", "entities"],
    rel_tol: float = 0.005,
) -> GoldScore:
    """Precision/recall of one article's predictions against its gold list.

    Quantities match when the unit is the same and the value is within ``rel_tol`` (0.5 %);
    entities match on identical text and label. Both are matched as multisets (each gold
    item at most once). Gold entity items may carry ``count`` for repeated mentions.
    """
    if kind == "entities":
        pred = Counter(zip(pred_df["text"].astype(str), pred_df["label"].astype(str)))
        gold = Counter[tuple[str, str]]()
        for item in gold_list:
            gold[(str(item["text"]), str(item["label"]))] += int(item.get("count", 1))
        tp = sum((pred & gold).values())
        missed = tuple(f"{t} [{lab}]" for (t, lab), c in (gold - pred).items() for _ in range(c))
        spurious = tuple(f"{t} [{lab}]" for (t, lab), c in (pred - gold).items() for _ in range(c))
        return GoldScore(tp, sum(pred.values()), sum(gold.values()), missed, spurious)
    if kind != "quantities":
        raise ValueError(f"kind must be 'quantities' or 'entities', not {kind!r}")
    preds = list(zip(pred_df["value"].astype(float), pred_df["unit"].astype(str),
                     pred_df["text"].astype(str)))
    used = [False] * len(preds)
    tp = 0
    missed_q: list[str] = []
    for item in gold_list:
        gv, gu = float(item["value"]), str(item["unit"])
        best, best_err = -1, math.inf
        for i, (pv, pu, _) in enumerate(preds):
            if used[i] or pu != gu:
                continue
            err = abs(pv - gv) / abs(gv) if gv else abs(pv)
            if err <= rel_tol and err < best_err:
                best, best_err = i, err
        if best >= 0:
            used[best] = True
            tp += 1
        else:
            missed_q.append(f"{item.get('text', '')} = {gv:g} {gu}")
    spurious_q = tuple(f"{t} = {v:g} {u}" for (v, u, t), ok in zip(preds, used) if not ok)
    return GoldScore(tp, len(preds), len(gold_list), tuple(missed_q), spurious_q)


def evaluate_against_gold(
    seeds_dir: Path = SEEDS, gold_dir: Path = GOLD_DIR
) -> pd.DataFrame:
    """Precision and recall on every seed with a gold file, per article and pooled.

    One row per (article, kind) with ``true_positives``, ``predicted``, ``gold``,
    ``precision``, ``recall``; the rows with ``article == "all"`` pool the counts over the
    articles (micro-average). This is the figure the book reports for the extractor.
    """
    records: list[dict[str, Any]] = []
    total_q = total_e = GoldScore.empty()
    for gold_path in sorted(gold_dir.glob("*.json")):
        seed_id = gold_path.stem
        gold = load_gold(seed_id, gold_dir)
        result = analyse(read_article(seeds_dir / f"{seed_id}.txt"))
        score_q = score_against_gold(result.quantities, gold["quantities"], "quantities")
        score_e = score_against_gold(result.entities, gold["entities"], "entities")
        total_q, total_e = total_q + score_q, total_e + score_e
        records += [
            _score_record(seed_id, "quantities", score_q),
            _score_record(seed_id, "entities", score_e),
        ]
    records += [
        _score_record("all", "quantities", total_q),
        _score_record("all", "entities", total_e),
    ]
    return pd.DataFrame.from_records(records)


def _score_record(article: str, kind: str, score: GoldScore) -> dict[str, Any]:
    return {
        "article": article,
        "kind": kind,
        "true_positives": score.true_positives,
        "predicted": score.predicted,
        "gold": score.gold,
        "precision": score.precision,
        "recall": score.recall,
    }
