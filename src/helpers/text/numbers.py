"""Spanish numbers: number words, the numeral regular expression, parsing and formatting.

The reading rules (decimal comma and dot thousands, the long scale, number words, powers of
ten, vague magnitudes) are described in :mod:`helpers.text`; what a writer's convention does
to ``1.105`` and ``1,500`` is in :mod:`helpers.text.conventions`. This module knows numerals only;
what a numeral measures (its unit, its qualifier, whether it is a year or a count) is decided
by :mod:`helpers.text.quantities`, which finds numerals with :data:`NUMERAL_RE` and reads them
with :func:`numeral_kind`, :func:`numeral_base` and :func:`scale_at`.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, localcontext
from typing import Final

from babel.numbers import format_decimal

__all__ = [
    "CURRENCY_SUFFIX_FACTORS",
    "CURRENCY_SUFFIX_RE",
    "FOLDED_MONTHS",
    "MONTHS",
    "MULTIPLICATIVES",
    "NUMERAL_RE",
    "PLURAL_NUMBER_WORDS",
    "SHARES",
    "SPACED_SUFFIX_RE",
    "SUFFIX_SCALE_FACTORS",
    "SUFFIX_SCALE_RE",
    "Y_MEDIO_RE",
    "alternation",
    "fold",
    "format_spanish_number",
    "numeral_base",
    "numeral_kind",
    "parse_spanish_number",
    "scale_at",
]

WORD_VALUES: Final[dict[str, int]] = {
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


@functools.lru_cache(maxsize=8192)
def fold(s: str) -> str:
    """Case- and accent-insensitive key, matching what ``re.IGNORECASE`` lets through.

    ``re`` folds case per character (``ſ`` matches ``s``, ``İ`` matches ``i``, the Kelvin sign
    matches ``k``), so dictionary look-ups of matched words go through the same folding. The
    words of a text repeat, so the keys are cached.
    """
    decomposed = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation, longest first so ``veinte`` does not stop ``veintiuno``."""
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


#: The number words of two or more, as one alternation (*dos*, *cinco*, *cien*): a numeral
#: that makes its noun plural, which the rules on lists, partitives and sets start from.
PLURAL_NUMBER_WORDS: Final[str] = alternation(k for k, v in WORD_VALUES.items() if v >= 2)


_W_UNIT = alternation(k for k, v in WORD_VALUES.items() if 1 <= v <= 9)
_W_TEEN = alternation(k for k, v in WORD_VALUES.items() if 10 <= v <= 29)
_W_TENS = alternation(k for k, v in WORD_VALUES.items() if v in (30, 40, 50, 60, 70, 80, 90))
_W_HUND = alternation(k for k, v in WORD_VALUES.items() if v >= 100)
_W_BELOW100 = rf"(?:{_W_TENS})(?:\s+y\s+(?:{_W_UNIT}))?|{_W_TEEN}|{_W_UNIT}|cero"
_W_BELOW1000 = rf"(?:{_W_HUND})(?:\s+(?:{_W_BELOW100}))?|{_W_BELOW100}"
_WORDNUM = (
    rf"(?:{_W_BELOW1000})(?:\s+mil(?:\s+(?:{_W_BELOW1000}))?)?"
    rf"|mil(?:\s+(?:{_W_BELOW1000}))?"
)

#: Month names (and *setiembre*), for dates such as *16 de noviembre de 2023*.
MONTHS: Final[dict[str, int]] = {
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
    "docenas": 12.0,
    "veintenas": 20.0,
    "cientos": 100.0,
    "centenares": 100.0,
    "centenas": 100.0,
    "miles": 1e3,
    # a collective noun in the singular without its article is one of it, exactly
    # (*Decena de proyectos dependen ...*, *la veintena de países*)
    "decena": 10.0,
    "docena": 12.0,
    "veintena": 20.0,
    "centenar": 100.0,
    "centena": 100.0,
    "millar": 1e3,
    "millones": 1e6,
    "millardos": 1e9,
    "billones": 1e12,
}

#: Multiplicative nouns (*el doble*, *más del triple*): a multiplier, unit ``times``.
MULTIPLICATIVES: Final[dict[str, float]] = {
    "doble": 2.0,
    "triple": 3.0,
    "cuádruple": 4.0,
    "cuadruple": 4.0,
    "cuádruplo": 4.0,
    "quíntuple": 5.0,
    "quintuple": 5.0,
}

#: Shares written as a noun (*la mitad de los usuarios*): a percentage.
SHARES: Final[dict[str, float]] = {
    "mitad": 50.0,
    **{f"{o} parte": 100.0 / n for o, n in (("tercera", 3), ("cuarta", 4), ("quinta", 5))},
}

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")

# A numeral: the digits alternatives must not touch a letter, another digit group or a
# hyphenated name (GLM-130B, COVID-19), times (10:30) or fractions (24/7).
_DIGIT_GUARD = (
    # "TOP10" is a top-N and "u$s25.000" Argentine dollars; other glued digits are names
    r"(?:(?<![\w])|(?<=(?<![\w])[Tt][Oo][Pp])|(?<=[Uu]\$[Ss]))"
    # a hyphenated name's digits, but not a bound after "sub-" (*sub-2 nanómetros*)
    r"(?<!\d[.,])(?:(?<![^\W\d_][-‐‑])|(?<=(?<!\w)[Ss]ub-))(?<!\d:)"
    # after a slash only the second of two decimals (*3.10/3.80 GHz*), not *24/7* or a date
    r"(?:(?<!\d/)|(?<=[.,]\d/)|(?<=[.,]\d\d/))"
)
_DIGIT_END = r"(?![.,]?\d)(?!:\d)(?!/(?=\d)(?!\d+[.,]\d+(?![\d/])))"
#: One numeral: a date, digits (by convention: ``sci``, ``en``, ``es``, ``sp``, ``dec``,
#: ``int``), number words, *medio* before a scale, or a vague magnitude (:func:`numeral_kind`).
NUMERAL_RE: Final[re.Pattern[str]] = re.compile(
    rf"""
    # cheap pre-check: a digit, or the first letter of a number word / magnitude word at the
    # start of a word (every alternative that opens on a letter asks for that), so that the
    # letters inside words never open the long alternation
    (?=\d|(?<!\w)[bcdmnoqstuvBCDMNOQSTUV])(?:
    (?P<date>(?<![\w.,])(?P<day>[0-3]?\d)(?:[°º]|\.[°º]|(?:ro|er|ero)\.?)?\s+
        (?:de\s+(?P<month>(?i:{alternation(MONTHS)}))|del\s+(?P<same>(?i:mismo\s+mes)))(?:(?:\s+(?:de|del))?\s+(?P<dyear>(?:1[89]|20)\d\d))?(?!\w))
  | (?P<ndate>(?<![\w.,/-])(?P<nday>[0-3]?\d)(?P<nsep>[-/])(?P<nmonth>[01]?\d)(?P=nsep)
        (?P<nyear>(?:19|20)\d\d)(?![\w/-]))
  | (?P<one>(?<!\w)(?i:mill[oó]n|bill[oó]n|trill[oó]n)(?=\s+y\s+medio(?!\w)|\s+de\s))
  | (?=\d){_DIGIT_GUARD}(?:
        (?P<frac>[1-9]\d?/[1-9]\d{{0,2}})(?![\w/]|[.,]\d)
      | (?P<sci>(?:\d+(?:[.,]\d+)?\s*[x×·]\s*)?10(?:\s*(?:\^|\*\*)\s*[-−]?\d{{1,3}}|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)
               |\d+(?:[.,]\d+)?[eE][+-]?\d{{1,3}}(?![\w]))
      | (?P<en>\d{{1,3}}(?:,\d{{3}}){{2,}}(?:\.\d+)?|\d{{1,3}}(?:,\d{{3}})+\.\d+){_DIGIT_END}
      | (?P<es>\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?){_DIGIT_END}
      | (?P<sp>\d{{1,3}}(?:[\u00a0\u202f\u2009 ]\d{{3}})+(?:,\d+)?){_DIGIT_END}
      | (?P<dec>\d+,\d+|\d+\.\d{{1,2}}|\d+\.\d{{4,}}){_DIGIT_END}
      | (?P<int>\d+){_DIGIT_END}
    )
  | (?P<words>(?<!\w)(?i:(?:{_WORDNUM})\b))
  | (?P<half>(?i:\bmedi[oa]\b)(?=\s+(?i:mill[oó]n|bill[oó]n|docena|decena|veintena|centenar|centena|millar|siglo|año|hora|d[ií]a|mes|semana|minuto|segundo|d[ée]cada|punto\s+porcentual)(?!\w)
        |\s+(?i:kilo|mega|giga|tera|peta|exa)(?i:flops?|vatios?|watts?|bytes?|hercios?)(?!\w)))
  | (?P<mult>(?<!\w)(?i:{alternation([*MULTIPLICATIVES, *SHARES])})(?!\w))
  | (?P<bare>(?<!\w)(?i:(?:{alternation(_BARE_SCALES)})(?:\s+de\s+(?:miles|millones|billones))*\b))
    )
    # outside the pre-check, so that no "a" or "h" opens the long alternation
    | (?P<yhalf>(?<!\w)(?i:año|mes|hora|semana|d[ií]a|siglo)(?=\s+y\s+medi[oa](?!\w)))""",
    re.VERBOSE,
)

_SCALE_RE: Final[re.Pattern[str]] = re.compile(
    r"""\s+(?:(?P<mm>(?i:mil\s+millones))|(?P<mb>(?i:mil\s+billones))
        |(?P<mill>(?i:millones|millón|millon|mill\.))|(?P<mrd>(?i:millardos?))
        |(?P<bill>(?i:billones|billón|billon))|(?P<tril>(?i:trillones|trillón|trillon))
        |(?P<cuatril>(?i:cuatrillones|cuatrillón|cuatrillon))
        |(?P<quintil>(?i:quintillones|quintillón|quintillon))
        |(?P<par>(?i:par)(?=\s+de\s))|(?P<doc>(?i:docenas?))|(?P<dec>(?i:decenas?))|(?P<vein>(?i:veintenas?))|(?P<cent>(?i:centenar(?:es)?|centenas?))|(?P<mil>(?i:mil|millar(?:es)?)))(?!\w)
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
    "cuatril": 1e24,
    "quintil": 1e30,
    "par": 2.0,
    "doc": 12.0,
    "dec": 10.0,
    "vein": 20.0,
    "cent": 100.0,
    "mil": 1e3,
    "msym": 1e6,
}
#: *y medio* after a scale word: half a unit more (*dos millones y medio* is 2.5e6).
Y_MEDIO_RE: Final[re.Pattern[str]] = re.compile(r"\s+y\s+medio(?!\w)", re.IGNORECASE)


_FOLDED_WORD_VALUES: Final[dict[str, int]] = {fold(k): v for k, v in WORD_VALUES.items()}
#: :data:`MONTHS` keyed by :func:`fold`, for names matched case-insensitively.
FOLDED_MONTHS: Final[dict[str, int]] = {fold(k): v for k, v in MONTHS.items()}
_FOLDED_BARE_SCALES: Final[dict[str, float]] = {fold(k): v for k, v in _BARE_SCALES.items()}
_FOLDED_MULTIPLICATIVES: Final[dict[str, float]] = {
    fold(k): v for k, v in (MULTIPLICATIVES | SHARES).items()
}


def _words_value(words: str) -> float:
    """Value of Spanish number words (``dos mil quinientos`` -> 2500)."""
    total = 0
    current = 0
    for word in fold(words).split():
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
    for word in fold(s).split():
        if word != "de":
            value *= _FOLDED_BARE_SCALES[word]
    return value


#: The collective nouns of :data:`_SCALE_RE` (*par*, *docena*, *centenar* ...).
_COLLECTIVES: Final[frozenset[str]] = frozenset({"par", "doc", "dec", "vein", "cent"})

#: *de* and a scale word after a collective noun: *un par de millones*, *un centenar de miles*.
_OF_SCALE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+de\s+(?P<w>mil\s+millones|millones|billones|miles)(?!\w)", re.IGNORECASE
)

#: *de millones* after a scale of a million or more multiplies it again: *un millón de
#: millones* (10^12), *2 millones de millones de dólares*.
_OF_MILLIONS_RE: Final[re.Pattern[str]] = re.compile(r"\s+de\s+millones(?!\w)", re.IGNORECASE)


def scale_at(text: str, pos: int, factor: float = 1.0) -> tuple[float, int]:
    """Multiply ``factor`` by the scale words after ``pos`` (``mil millones``, ``millones de
    millones``); return the factor and the end."""
    while True:
        m = _SCALE_RE.match(text, pos)
        if m is None or m.lastgroup is None:
            of = _OF_MILLIONS_RE.match(text, pos) if factor >= 1e6 else None
            if of is None:
                return factor, pos
            factor, pos = factor * 1e6, of.end()
            continue
        factor *= _SCALE_FACTORS[m.lastgroup]
        pos = m.end()
        if m.lastgroup in _COLLECTIVES:
            # "un par de millones de años", "una docena de miles de millones": a collective
            # noun of a scale word
            of_scale = _OF_SCALE_RE.match(text, pos)
            if of_scale is not None and fold(of_scale.group("w")) == "miles":
                factor, pos = factor * 1e3, of_scale.end()
            elif of_scale is not None:
                inner, pos = scale_at(text, of_scale.start("w") - 1)
                factor *= inner


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
    m = NUMERAL_RE.match(t)
    if m is None or numeral_kind(m) in ("date", "ndate", "one", "yhalf", "mult"):
        raise ValueError(f"not a Spanish number: {s!r}")
    kind = numeral_kind(m)
    base = numeral_base(kind, m.group(kind))
    factor, pos = scale_at(t, m.end())
    ym = Y_MEDIO_RE.match(t, pos)
    if ym is not None and factor > 1:
        base += 0.5
        pos = ym.end()
    if t[pos:].strip():
        raise ValueError(f"not a Spanish number: {s!r}")
    return sign * base * factor


#: Digits of the largest float written out in full (``1.8e308`` has 309).
_FULL_DIGITS: Final[int] = 309


def format_spanish_number(x: float, decimals: int | None = None) -> str:
    """Format a number the Spanish way: dot thousands groups and a decimal comma.

    Without ``decimals`` the shortest digits that give back exactly ``x`` are used, so
    ``parse_spanish_number(format_spanish_number(x)) == x`` for every finite float
    (``1234567.5`` -> ``"1.234.567,5"``, ``0.001`` -> ``"0,001"``, ``1e20`` written out in full).
    With ``decimals`` the value is rounded half to even to that many places, all of them written
    (``1234.5678``, 2 -> ``"1.234,57"``). Zero has no sign. Babel writes the digits with the
    ``es_ES`` locale data.
    """
    if not math.isfinite(x):
        raise ValueError(f"cannot format {x!r} as a Spanish number")
    value = Decimal(repr(float(x)))
    pattern = None  # the locale's own, #,##0.###, with every digit kept
    # Babel rounds in the current decimal context, whose 28 digits cannot hold 1e28 or more
    # written out in full: give it room for the largest float and the decimals it rounds to
    # (those asked for, or the three of the locale's pattern).
    with localcontext(prec=_FULL_DIGITS + max(decimals or 0, 3)):
        if decimals is not None:
            value = round(value, decimals)
            pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        if value.is_zero():
            value = abs(value)  # no "-0" or "-0,00"
        return format_decimal(value, format=pattern, locale="es_ES", decimal_quantization=False)


def numeral_kind(m: re.Match[str]) -> str:
    """Which alternative of :data:`NUMERAL_RE` matched."""
    for kind in (
        "date",
        "ndate",
        "one",
        "frac",
        "sci",
        "en",
        "es",
        "sp",
        "dec",
        "int",
        "words",
        "half",
        "yhalf",
        "mult",
        "bare",
    ):
        if m.group(kind) is not None:
            return kind
    raise AssertionError("numeral regex matched no alternative")  # pragma: no cover


def numeral_base(kind: str, s: str) -> float:
    """The value of the numeral itself, before scale words and units."""
    if kind == "words":
        return _words_value(s)
    if kind == "half":
        return 0.5
    if kind in ("one", "yhalf"):
        return 1.0
    if kind == "mult":
        return _FOLDED_MULTIPLICATIVES[fold(s)]
    if kind == "bare":
        return _bare_value(s)
    if kind == "frac":
        num, den = s.split("/")
        return int(num) / int(den)
    return _digits_value(kind, s)


# Scale letters glued to the digits: English model sizes and audiences (*7B parámetros*,
# *128k tokens*, *100M usuarios*, *671B*) and money after a currency sign (*US$ 20M*,
# *€1,5bn*). A suffix number with neither a unit nor a counted noun is a name (*el modelo
# 175B*) unless the sentence gives it a unit (*671B parámetros ... una versión de 405B*).
SUFFIX_SCALE_RE: Final[re.Pattern[str]] = re.compile(r"(?P<s>[kKMBT]|mn|bn)(?![^\W_]|/)")

#: The same letter after a space, before what a model's size counts (*5.1 B parámetros*,
#: *128 K tokens*, *~21 B totales*): spaced, a capital is too often a name's (*Plan B*).
SPACED_SUFFIX_RE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0](?P<s>[kKMBT])(?=\s+(?:de\s+)?(?i:par[áa]metros|tokens|activos|totales)(?!\w))"
)

SUFFIX_SCALE_FACTORS: Final[dict[str, float]] = {
    "mn": 1e6,
    "bn": 1e9,
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "B": 1e9,
    "T": 1e12,
}

CURRENCY_SUFFIX_RE: Final[re.Pattern[str]] = re.compile(r"(?P<s>bn|mn|[MBK])(?![^\W\d_])")

CURRENCY_SUFFIX_FACTORS: Final[dict[str, float]] = {
    s: SUFFIX_SCALE_FACTORS[s] for s in ("bn", "mn", "M", "B", "K")
}
