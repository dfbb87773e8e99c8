"""Reading one numeral: its scale words or suffix, unit, currency sign, qualifier and context.

Part of :func:`helpers.text.quantities.find_quantities` (step 1): :func:`read_numeral` takes a
match of :data:`helpers.text.numbers.NUMERAL_RE` and returns a :class:`~helpers.text.context.Raw`
with the scale (*millones*, *4 mil 800 millones*, *671B*, *1.500mn*), the unit of
:data:`helpers.text.units.UNIT_FORMS` that follows (through *de* after a scale word), a
currency written before the number (*US$*, *€*, a bare ``$`` that the document may turn into
pesos), multiplicatives and shares (*el doble*, *la mitad de*), percentage points after a
verb of change (*subió 0,3 puntos*), the prefix of a unit used alone (*67.4 megas*), and what
the left context says (:func:`helpers.text.leftcontext.finish_context`: the hedge, a rank, a
top-N, *multiplicó por*). What is no amount is skipped here: web addresses (*Top500.org*),
the next version of a numbered name (*Llama 2 y 3*), *de dos dígitos*, dates of a page's
header. The unit forms are matched by :mod:`helpers.text.unitmatch`, what a count counts by
:mod:`helpers.text.counted`, *un*/*una* by :mod:`helpers.text.article`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Final

from helpers.text import units
from helpers.text.article import read_sola, read_un
from helpers.text.context import (
    DE_RE,
    FRACTION_RE,
    HEDGED_SHARE_RE,
    O_MAS_RE,
    PLACE_ORDINAL_RE,
    POWER_WORDS_RE,
    WS_RE,
    Raw,
    counted_noun_follows,
    fraction_percent,
)
from helpers.text.conventions import ambiguous_readings, separator_class
from helpers.text.counted import (
    COUNTED_CHIP_RE,
    NOUN_UNITS,
    chip_at,
    counted_noun,
    follows_numbered_name,
    product_counted,
)
from helpers.text.decades import DECADE_S_LEFT_RE, DECADE_S_RE
from helpers.text.leftcontext import finish_context
from helpers.text.names import (
    date_header_end,
    day_first_header_end,
    in_url,
    is_dateline,
    is_list_label,
    is_model_number,
    month_first_header_end,
)
from helpers.text.numbers import (
    CURRENCY_SUFFIX_FACTORS,
    CURRENCY_SUFFIX_RE,
    SHARES,
    SPACED_SUFFIX_RE,
    SUFFIX_SCALE_FACTORS,
    SUFFIX_SCALE_RE,
    Y_MEDIO_RE,
    fold,
    numeral_base,
    numeral_kind,
    scale_at,
)
from helpers.text.timeexpr import is_clock_time, month_of
from helpers.text.unitmatch import (
    apply_unit,
    match_qualified_unit,
    match_unit,
    read_power,
    read_time_and_half,
)

_ORDINAL_RE: Final[re.Pattern[str]] = re.compile(r"\.?[ºª]|°(?=\s+(?!grados|cent)[a-zñ]{4,})")

_CURRENCY_PREFIX_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:(?P<usd>US\s?\$|[Uu]\$[Ss]|\$|USD\s)|(?P<eur>€|EUR\s)|(?P<gbp>£|GBP\s)|(?P<yen>[¥￥]))\s?$"
)

#: ``¥`` is the sign of both the yuan and the yen: the country the text names decides.
_CHINA_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:China|chin[oa]s?|yuan(?:es)?|renminbi|Pek[íi]n|Beijing|Shangh[áa]i|Shenzhen)(?!\w)"
)
_JAPAN_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:Jap[óo]n|japones[ae]?s?|yen(?:es)?|Tokio|Osaka)(?!\w)"
)


def _yen_sign_currency(text: str) -> str:
    """``CNY`` or ``JPY`` for a ``¥``: the country the text names more often (the yen when it
    names neither)."""
    return "CNY" if len(_CHINA_RE.findall(text)) > len(_JAPAN_RE.findall(text)) else "JPY"


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
_TRANSLATED_UNITS: Final[dict[str, str]] = {"usd": "USD", "eur": "EUR", "gbp": "GBP"}

#: What may stand before a minus sign: a space after a word (not after a number: *10 -20* is a
#: range), an opening parenthesis, a line start.
_MINUS_LEFT_RE: Final[re.Pattern[str]] = re.compile(r"(?:^|[(\n]|[^\W\d_]\s|[:=]\s?)$")

#: The rest of a day/MONTH/year stamp after its day (*06/MAY/2013*, *6-jun-2024*).
_MONTH_STAMP_RE: Final[re.Pattern[str]] = re.compile(
    r"[/-](?i:ene|feb|mar|abr|may|jun|jul|ago|sep|sept|set|oct|nov|dic)[a-z]*\.?[/-](?:19|20)\d\d(?!\d)"
)

#: A web address after digits: *Top500.org*, *ia2030.gob.mx* (a host name, not an amount).
_DOMAIN_RE: Final[re.Pattern[str]] = re.compile(
    r"[\w-]*\.(?:org|com|net|gob|gov|edu|int|info|io|ai|es|mx|ar|cl|co|pe|uy)(?:\.[a-z]{2})?(?![\w.])"
)

#: A partitive with a determiner: *20 de estas tarjetas gráficas*, *dos de los servidores*.
_PARTITIVE_DET_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+de\s+(?:l[oa]s|est[oa]s|es[oa]s|aquell[oa]s|sus|nuestr[oa]s|dichos|dichas)"
    r"(?:\s+(?:nuev[oa]s|propi[oa]s|actuales|primer[oa]s|últim[oa]s))?(?=\s)",
    re.IGNORECASE,
)

#: An SI prefix used alone as a noun, for the unit the text gave before (*67.4 megas*).
_BARE_PREFIX_RE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?P<p>(?i:mega|giga|tera|peta))s(?![^\W\d_])"
)

#: *una cifra de dos dígitos*, *crecer a tres cifras*: the size of a figure, an idiom.
_DIGITS_IDIOM_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:d[ií]gitos?|cifras?)(?!\w)", re.IGNORECASE
)
_DIGITS_IDIOM_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:de|a|los|las)\s+$", re.IGNORECASE
)

#: *un giro de 180 grados*, *una vuelta de 360°*: a change of course, not an angle.
_TURN_IDIOM_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:giro|giros|vuelta|vueltas|viraje|cambio|volantazo)\s+(?:radical\s+)?de\s+$",
    re.IGNORECASE,
)
_DEGREES_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:°|º|(?i:grados)(?!\w))")

#: An aside in parentheses between a number and its unit: *10.92 (L 2.57) centavos*.
_ASIDE_RE: Final[re.Pattern[str]] = re.compile(r"\s*\([^()\n]{1,24}\)")

#: *puntos* after a number, and a verb of change before it (*subió 0,3 puntos*): a change of
#: a share, in percentage points.
_POINTS_RE: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+(?i:puntos?)(?!\s+de\s)(?!\w)")
_CHANGE_VERB_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:sub|baj|ca[yíi]|cae|creci|crec|aument|gan|perd|pierd|retroced|avanz|ced|recort"
    r"|repunt|escal|descend|disminu|increment|redujo|reduc|mejor|empeor)\w*"
    r"(?:\s+(?!\d)[^\W\d_]+){0,2}\s+(?:en\s+|un\s+|unos\s+|casi\s+|m[áa]s\s+de\s+)?$",
    re.IGNORECASE,
)

#: Units of time a fraction may be of (*un cuarto de siglo*, *tres cuartos de hora*).
_DURATION_UNITS: Final[frozenset[str]] = frozenset({"s", "hours", "days", "months", "years"})

#: The scale of a lone scale word read as one of it (*el millón*, *al billón*, *al trillón*).
_ONE_SCALES: Final[dict[str, float]] = {"mill": 1e6, "bill": 1e12, "tril": 1e18}

#: *el millón de usuarios*, *al millón*, *un segundo millón de millones*: a lone scale word
#: after an article (or *otro*, an ordinal) is one of it.
_ONE_ARTICLE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:el|al|del|otro|(?:un|el|su)\s+(?:segundo|tercer|primer|nuevo))\s+$", re.IGNORECASE
)

#: *el doble*, *más del triple*, *un cuádruple*: a multiplicative noun after an article.
_MULT_ARTICLE_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)(?:el|del|al|lo|un)\s+$", re.I)

#: A multiplicative adjective compared to something: *un rendimiento doble al de las GPU*,
#: *una capacidad triple que la actual*.
_MULT_COMPARED_RE: Final[re.Pattern[str]] = re.compile(r"\s+(?:al|que|del)\s", re.I)

#: *la mitad de ...*: a share only after *la* (not *por la mitad*, not *a mitad de*).
#: *la otra mitad*: the other part of the same whole, a share too (not *la primera mitad*).
_SHARE_LEFT_RE: Final[re.Pattern[str]] = re.compile(r"(?<!por )(?<!\w)la\s+(?:otra\s+)?$", re.I)

_SHARE_DE_RE: Final[re.Pattern[str]] = re.compile(r"\s+del?\s", re.IGNORECASE)

#: The thousands and units written after the millions of an amount in full (*... millones
#: 924 mil 363 pesos*, *125 millones 179 mil 91 pesos*), as Mexican budgets do.
_MILLIONS_REST_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?P<k>\d{1,3})\s+mil(?:\s+(?P<u>\d{1,3}))?(?!\d|[.,:/]\d|\s*%|\s+mil)", re.IGNORECASE
)

#: *mil 565 millones*, *mil 200 empleos*: the word *mil* and digits, as Mexican press writes
#: 1565 millones and 1200.
#: A decimal remainder is read too (*dos mil 121,8 Megavatios*, *seis mil 707,51 GWh*, as
#: Cuban wire copy writes 2121,8 and 6707,51), but never a percentage (*dos mil 7,5 %*).
_MIL_THEN_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?P<n>\d{1,3}(?:[.,]\d{1,2})?)(?![\d.,:/%])(?!\s*(?:%|por\s+ciento))",
    re.IGNORECASE,
)

#: *4 mil 800 millones*: thousands written with *mil* between two digit groups.
_MIL_DIGITS_RE: Final[re.Pattern[str]] = re.compile(
    # a comma or a full stop may end the clause after it ("con 375 mil 078.", "376 mil 518,")
    r"\s+mil\s+(?P<n>\d{1,3})(?!\d|[.,:/]\d|\s*%|\s*[-–—]\s*\d)",
    re.IGNORECASE,
)


#: A token that starts with a letter and reaches ``pos`` through hyphens (*Nemotron-4-*).
_HYPHEN_TOKEN_RE: Final[re.Pattern[str]] = re.compile(
    # not the prefix of a bound: "de clase sub-2 nanómetros"
    r"(?<![\w-])(?![Ss]ub[-‐‑]$)[^\W\d_][\w.]*(?:[-‐‑][\w.]+)*[-‐‑]$"
)


def read_numeral(
    text: str,
    m: re.Match[str],
    protected: Sequence[tuple[int, int, str]],
    starts: Sequence[int],
) -> Raw | None:
    """Read one numeral with its scale, unit, currency and qualifier; ``None`` to skip it."""
    kind = numeral_kind(m)
    s, e = m.start(), m.end()
    n = len(text)
    if kind in ("date", "ndate") and is_dateline(text, s, e):
        return None
    if kind in ("date", "ndate"):
        header = date_header_end(text, s)
        if header > 0:  # "21 de agosto, 2022 | 11.33": the page's header, dropped whole
            return Raw(s, s, header, kind, m.group(0), 0.0, unit="date", drop=True)
    if kind == "frac":  # "1/18 del presupuesto" is a ratio; "24/7" is no fraction
        value = numeral_base(kind, m.group(kind))
        raw = Raw(s, s, e, kind, m.group(kind), value, unit="times")
        return finish_context(text, raw) if value < 1 else None
    if kind == "yhalf":  # "año y medio", "hora y media": 1.5 of the unit
        return None if (th := read_time_and_half(text, s)) is None else finish_context(text, th)
    fraction = FRACTION_RE.match(text, s) if kind == "words" else None
    if fraction is not None:  # "una tercera parte de la superficie": a share, in percent
        share = fraction_percent(fraction)
        if share is None:
            return None
        raw = Raw(s, s, fraction.end(), kind, fraction.group(0), share)
        raw.unit = "percent"
        of = match_unit(text, fraction.end(), allow_de=True)
        if of is not None and units.UNIT_FORMS[of[0]].unit in _DURATION_UNITS:
            # "un cuarto de siglo", "tres cuartos de hora": that share of the unit of time
            raw.number = share / 100.0
            apply_unit(raw, text, of[0], of[2], of[1].start())
        return finish_context(text, raw)
    power = POWER_WORDS_RE.match(text, s) if kind in ("words", "int") else None
    if power is not None:
        return read_power(text, s, power)
    if kind == "date":
        day, month = int(m.group("day")), month_of(text, m)
        year = int(m.group("dyear")) if m.group("dyear") else 0
        if not 1 <= day <= 31 or month == 0:
            return None
        return Raw(s, s, e, kind, m.group(0), float(year * 10000 + month * 100 + day), unit="date")
    if kind == "ndate":  # 12-02-2025, 12/02/2025: day, month, year
        day, month, year = int(m.group("nday")), int(m.group("nmonth")), int(m.group("nyear"))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None
        return Raw(s, s, e, kind, m.group(0), float(year * 10000 + month * 100 + day), unit="date")
    numtext = m.group(kind)
    if kind in ("int", "dec") and is_clock_time(text, s, e):
        return None  # "desde las 8 o 9 de la mañana", "a las 10.30": a clock time
    if (
        kind in ("words", "int")
        and _DIGITS_IDIOM_RE.match(text, e)
        and _DIGITS_IDIOM_LEFT_RE.search(text, max(0, s - 5), s)
    ):
        return None  # "una cifra de dos dígitos": an idiom, not a count
    if (
        kind == "int"
        and numtext in ("90", "180", "360")
        and _TURN_IDIOM_RE.search(text, max(0, s - 30), s)
        and _DEGREES_RE.match(text, e)
    ):
        return None  # "un giro de 180 grados": a change of course, an idiom
    if kind == "int" and (
        (header := month_first_header_end(text, s, e)) > 0
        or (header := day_first_header_end(text, s, e)) > 0
    ):
        return Raw(s, s, header, kind, numtext, 0.0, unit="date", drop=True)  # "Marzo 1, 2018"
    if kind == "int" and (stamp := _MONTH_STAMP_RE.match(text, e)) is not None:
        # "PANAMÁ, PANAMÁ (06/MAY/2013).-": a dateline's stamp, dropped whole
        return Raw(s, s, stamp.end(), kind, numtext, 0.0, unit="date", drop=True)
    if kind in ("int", "dec", "es") and (
        (_DOMAIN_RE.match(text, e) and (s == 0 or text[s - 1].isalnum() or text[e] != "."))
        or in_url(text, s)  # "http://cda.gob.ar/serie/294/": the path of a web address
    ):
        return None  # "Top500.org", "www.ia2030.mx": digits of a web address
    if s > 1 and text[s - 1] in "-‐‑" and _HYPHEN_TOKEN_RE.search(text, max(0, s - 40), s):
        return None  # "Nemotron-4-340B-Instruct": every number of a hyphenated name
    if kind in ("int", "dec", "es") and is_list_label(text, s, e):
        return None  # "  1. El poder", "1.2.- La contratación", "los modelos 950DT, 960 y 970"
    # ordinals: "la 65.ª edición", "el 5º puesto"; after a place noun, a rank ("los puestos
    # 122º y 219º")
    ordinal = _ORDINAL_RE.match(text, e) if kind in ("int", "es") else None
    if ordinal is not None and not PLACE_ORDINAL_RE.search(text, max(0, s - 40), s):
        return None
    raw = Raw(s, s, e, kind, numtext, numeral_base(kind, numtext))
    if s > 0 and text[s - 1] in "-−" and _MINUS_LEFT_RE.search(text, max(0, s - 12), s - 1):
        raw.negative, raw.start = True, s - 1  # "llega a -7.8%", "(-3%)": a minus sign
    if ordinal is not None:
        raw.unit, raw.end = "rank", ordinal.end()
        return finish_context(text, raw)
    o_mas = O_MAS_RE.match(text, e) if kind in ("words", "int") else None
    if o_mas is not None:  # "uno o más data centers", "dos o más nodos": the unit follows
        e = raw.end = o_mas.end()
    if not math.isfinite(raw.number):
        return None
    if kind == "mult":
        # "el doble", "más del triple"; "doble precisión" or "de doble uso" is an adjective
        if fold(numtext) in SHARES:
            # "la mitad de los usuarios": a share; "por la mitad", "a mitad de año" are not
            hedged = HEDGED_SHARE_RE.search(text, max(0, s - 20), s)
            if not hedged and not (
                _SHARE_LEFT_RE.search(text, max(0, s - 18), s)
                # "la mitad en Bogotá", "recorta a la mitad los plazos": half needs no "de"
                and (_SHARE_DE_RE.match(text, e) or fold(numtext) == "mitad")
            ):
                return None  # "más de la mitad vienen de ...": a hedged share needs no "de"
            raw.unit = "percent"
            return finish_context(text, raw)
        if (
            (
                _MULT_ARTICLE_RE.search(text, max(0, s - 6), s) is None
                and _MULT_COMPARED_RE.match(text, e) is None  # "un rendimiento doble al de"
            )
            or (text[max(0, s - 3) : s].lower() == "un " and counted_noun_follows(text, e))
        ):
            return None  # "un doble nudo", "un triple reto": an adjective before its noun
        raw.unit = "times"
        return finish_context(text, raw)
    raw.sep = separator_class(kind, numtext)
    raw.is_un = kind == "words" and fold(numtext) in ("un", "uno", "una", "cero")
    if kind == "one":  # "millón y medio de euros", "llegar al millón de usuarios", "al trillón"
        raw.scale, raw.has_scale = _ONE_SCALES[fold(numtext)[:4]], True
        ym = Y_MEDIO_RE.match(text, e)
        if ym is not None:
            raw.number, e = 1.5, ym.end()
        elif _ONE_ARTICLE_RE.search(text, max(0, s - 16), s) is None:
            return None  # "por millón de tokens": a rate's denominator
        raw.scale, e = scale_at(text, e, raw.scale)  # "al millón de millones de dólares"
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
        raw.unit = (
            _yen_sign_currency(text)
            if cm.lastgroup == "yen"
            else _TRANSLATED_UNITS[str(cm.lastgroup)]
        )
        raw.dollar_sign = cm.group(0).strip() == "$"
        raw.start = s - (len(window) - cm.start())
        sm = CURRENCY_SUFFIX_RE.match(text, e)
        if sm is not None:
            raw.scale = CURRENCY_SUFFIX_FACTORS[sm.group("s")]
            raw.has_scale = True
            e = sm.end()
            raw.end = e
    # suffix scales: "7B parámetros", "128k tokens", "100M usuarios", "671B"; spaced before
    # what a model's size counts: "5.1 B parámetros", "128 K tokens", "~21 B totales"
    if kind in ("int", "dec", "es", "en") and not raw.has_scale:
        ms = SUFFIX_SCALE_RE.match(text, e) or SPACED_SUFFIX_RE.match(text, e)
        if ms is not None:
            raw.scale, raw.has_scale = SUFFIX_SCALE_FACTORS[ms.group("s")], True
            raw.suffix = True
            e = ms.end()
            raw.end = e
    if (
        kind == "int"
        and DECADE_S_RE.match(text, e)
        and DECADE_S_LEFT_RE.search(text, max(0, s - 20), s)
    ):
        e = raw.end = e + 1  # "los años 90s", "los 2000s": a decade (helpers.text.neighbours)
    # glued letters: only a unit may follow the digits directly (80GB); 910B is a name
    glued = e < n and (text[e].isalpha() or text[e] in "€$£%")
    if kind not in ("words", "half", "bare") and glued and not raw.has_scale:
        found = match_unit(text, e, allow_de=False)
        if found is None or found[1].start() != e:
            return None
        if raw.unit is None:
            apply_unit(raw, text, found[0], found[2], e)
        return finish_context(text, raw)
    if kind == "int" and raw.number < 1000 and not raw.has_scale:
        mil = _MIL_DIGITS_RE.match(text, e)
        if mil is not None:  # "4 mil 800 millones", "7 mil 200 empleos"
            raw.number = raw.number * 1000 + float(mil.group("n"))
            e = mil.end()
    if kind == "words" and fold(numtext).endswith("mil") and raw.number < 1e6:
        mil = _MIL_THEN_RE.match(text, e)  # thousands in words, hundreds in digits:
        if mil is not None:  # "mil 565 millones", "mil 451.9 millones", "siete mil 200 empleos"
            raw.number, e = raw.number + float(mil.group("n").replace(",", ".")), mil.end()
    if kind not in ("bare", "one") and not raw.has_scale:
        factor, pos = scale_at(text, e)
        if factor != 1.0:
            raw.scale, raw.has_scale, e = factor, True, pos
            rest = _MILLIONS_REST_RE.match(text, e) if factor >= 1e6 else None
            if rest is not None:  # "33 mil 295 millones 924 mil 363 pesos": written in full
                below = float(rest.group("k")) * 1e3 + float(rest.group("u") or 0)
                if raw.sep in ("dot?", "comma?"):
                    # "1,234 millones 500 mil pesos": an amount in full counts whole millions,
                    # so its separator groups thousands (and says how the writer writes)
                    raw.number = ambiguous_readings(numtext)[0]
                    raw.sep = "en" if raw.sep == "comma?" else "es"
                raw.number += below / factor
                e = rest.end()
            ym = Y_MEDIO_RE.match(text, e)
            if ym is not None:
                raw.number += 0.5
                e = ym.end()
    if text[e : e + 1] == "+" and text[e + 1 : e + 2].isspace() and kind != "words":
        e += 1  # "20–100+ MW": at least the number, its unit after the plus
    raw.end = e
    if raw.is_un and not raw.has_scale and read_sola(text, raw, e):
        return finish_context(text, raw)  # "una sola GPU"
    if raw.unit is None or raw.unit in ("USD", "EUR", "GBP"):
        currency = raw.unit
        # "500 millones de euros"; "850.000.000 de dólares", "786,000 de procesadores" (round
        # thousands take "de" too); "8.59 de petaflops" (a measurement, not a counted noun)
        found = match_unit(text, e, allow_de=True)
        if (
            found is not None
            and found[1].start() > e
            and not raw.has_scale
            and DE_RE.match(text, e) is not None
            and units.UNIT_FORMS[found[0]].unit in _NO_DE_UNITS
            and not (raw.numtext.endswith("000") and raw.kind not in ("words", "one", "half"))
        ):
            found = match_unit(text, e, allow_de=False)
        noun = None
        if currency is None and (found is None or units.UNIT_FORMS[found[0]].unit in NOUN_UNITS):
            # "3.000 procesadores gráficos", "300 placas GPU", "un clúster de 22 máquinas":
            # the counted noun and its modifier say what the number counts
            through_de = raw.has_scale or raw.numtext.endswith("000")
            noun = counted_noun(text, e, s, through_de=through_de)
            if noun is not None and found is not None and noun[1] < found[2]:
                noun = None
            part = _PARTITIVE_DET_RE.match(text, e) if noun is None and found is None else None
            if part is not None:  # "20 de estas tarjetas gráficas": a part of those GPUs
                noun = counted_noun(text, part.end(), s)
        if noun is None and found is None and raw.unit is None:
            aside = _ASIDE_RE.match(text, e)
            # "1 billón (1 T) de parámetros": a scaled amount's unit may follow "de"
            after = None if aside is None else match_unit(text, aside.end(), allow_de=raw.has_scale)
            if after is not None and units.UNIT_FORMS[after[0]].unit not in NOUN_UNITS:
                # "10.92 (L 2.57) centavos de dólar": the unit after an aside in parentheses
                apply_unit(raw, text, after[0], after[2], after[1].start())
                raw.end = e
        if noun is not None:
            raw.unit, raw.end = noun
            if raw.unit == "chips":  # "10.000 chips H100": the chip it names may be a GPU
                ws = WS_RE.match(text, raw.end)
                chip_end, chip_unit = chip_at(protected, starts, text, ws.end() if ws else e)
                raw.unit = chip_unit if chip_end > 0 else raw.unit
        elif found is not None:
            idx, um, end = found
            form = units.UNIT_FORMS[idx]
            if currency is None or form.unit == currency or (raw.dollar_sign and form.local):
                apply_unit(raw, text, idx, end, um.start())
                if form.unit == "chips":
                    # "8 aceleradores NVIDIA H200", "450 000 aceleradoras Blackwell": the
                    # generic noun takes the unit of the chip it names
                    ws = WS_RE.match(text, raw.end)
                    chip_end, chip_unit = chip_at(protected, starts, text, ws.end() if ws else e)
                    if chip_end > 0 and chip_unit == "GPUs":
                        raw.unit = chip_unit
        elif raw.unit is None:
            ws = WS_RE.match(text, e)
            chip_end, chip_unit = chip_at(protected, starts, text, ws.end() if ws else e)
            counted = COUNTED_CHIP_RE.match(text, e) if chip_end < 0 else None
            if counted is not None and counted.end() > (ws.end() if ws else e):
                # "cientos de miles de NVIDIA H100", "miles de unidades H100": the chip is
                # what the number counts, through "de" or "unidades"
                chip_end, chip_unit = chip_at(protected, starts, text, counted.end())
            qualified = match_qualified_unit(text, e) if chip_end < 0 else None
            if qualified is not None:  # "20.480 CUDA Cores": the noun after its qualifier
                apply_unit(raw, text, qualified[0], qualified[2], qualified[1].start())
            elif chip_end > 0 and not is_model_number(text, raw):
                # "la GPU RTX PRO 6000 Blackwell": digits after a name's capitalised word
                # are its model number, not a count of the chip after them
                raw.unit = chip_unit
                raw.end = chip_end
    if (
        raw.unit is None
        and (points := _POINTS_RE.match(text, raw.end)) is not None
        and _CHANGE_VERB_RE.search(text, max(0, s - 40), s)
    ):
        # "la inflación subió 0,3 puntos", "cayó dos puntos": a change of a share
        raw.unit, raw.end = "percentage points", points.end()
    if raw.unit is None and (prefix := _BARE_PREFIX_RE.match(text, raw.end)) is not None:
        # "2,154.1 megavatios, 67.4 megas más": the prefix of a unit the text has given
        raw.bare_prefix = units.prefix_factor(prefix.group("p"))
        raw.end = prefix.end()
    if raw.is_un and not read_un(text, raw, numtext, o_mas is not None):
        return None  # "un modelo", "Uno de los ejemplos": an article or a pronoun
    raw = finish_context(text, raw)
    if o_mas is not None and not raw.qualifier:
        raw.qualifier = "o más"
    if (
        raw.unit is None
        and not raw.has_scale
        and kind in ("int", "dec")
        and not counted_noun_follows(text, raw.end)
        and follows_numbered_name(protected, starts, text, raw.num_start)
    ):
        return None  # "Llama 2 y 3", "GPT-4 o 5": the next version of a name
    if raw.unit is None:
        raw.unit = product_counted(text, raw, protected, starts)
    return raw
