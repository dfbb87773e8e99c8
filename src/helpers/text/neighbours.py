"""What a number's neighbours say about it: restatements, named lists, days, ratios.

Part of :func:`helpers.text.quantities.find_quantities` (step 2, with :mod:`helpers.text.carry`):
each function looks at a number and the one next to it (decades are
:mod:`helpers.text.decades`). :func:`restate` gives a unitless number the unit of the
amount it restates (*un trillón de operaciones por segundo, un uno seguido de 18 ceros:
1.000.000...*); :func:`named_list_item` keeps the counts of a list of named items (*Japón 30,
Francia 23*) and the last clause of a comparison (*China tiene 173 ..., y Estados Unidos 149*); :func:`days_of_one_month` makes the first of two days a date of the second's
month (*el 10 y 11 de febrero*); :func:`per_watt_inverted` reads an efficiency written watt
first (*un vatio por cada 6 GFLOPS*); :func:`scale_glosses` drops a scale word's gloss
(*billones de pesos (millones de millones)*); :func:`shares_of_each` reads *dos de cada tres*
as one share; :func:`decimals_of_the_sentence` gives a bare decimal, which no count is, the one
unit its sentence measures in (*de 10.4 a 4.2, es decir, 6.2 gigavatios hora*), and the last
item of a list whose unit stands before each item's noun (*80 megavatios solares y 27,4
biomasa*); :func:`restated_rate` (*cálculos* or *operaciones de coma flotante*
that restate a rate are that rate), :func:`gapped_unit` (*el puesto 52 ... y el 102*, *por 11
... y por 4*), :func:`is_conversion` (a sum in another currency in parentheses is a conversion,
not the currency later sums carry), :func:`last_measure` (a scaled sum with no noun takes the
document's currency when the last amount is money), :func:`estimate_of_last_measure` (*... 10.346,9
GWh. Es más de lo que demanda Aragón, estimado en unos 9.700.*)
(parts of an amount and lists whose unit is written once are :mod:`helpers.text.breakdowns`).
"""

from __future__ import annotations

import itertools
import re
from typing import Final

from helpers.text import units
from helpers.text.context import (
    SENTENCE_BREAK_RE,
    Raw,
    copy_unit,
    counted_noun_follows,
    is_year_candidate,
)
from helpers.text.numbers import fold

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

#: The names of the next items of such a list, after the first item's noun (*centros, París*,
#: *, Dublín, Osaka, Sao Paulo y Tokio*), and the end of an item (*3 cada una,*, *2.*).
_NAMES_ITEM_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:\s+[a-záéíóúñ]{3,}s|\s+cada\s+un[oa])?\s*(?:,|;)\s+(?:(?:y|e)\s+)?"
    r"(?:[A-ZÁÉÍÓÚÑ][\w\-]*(?:\s+|,\s+|\s+(?:y|e)\s+)){1,8}"
)
_NAMES_ITEM_END_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:[.;,)]|\s+cada\b|$)")


def named_list_item(text: str, raw: Raw, raws: list[Raw], i: int) -> bool:
    """A number after a name that continues a list of plain counts (not a name's digits)."""
    if i == 0:
        return False
    prev = raws[i - 1]
    if (
        prev.unit == "count"
        and not prev.drop
        and prev.end == prev.num_start + len(prev.numtext)
        and bool(_NAMED_ITEM_GAP_RE.fullmatch(text, prev.end, raw.num_start))
    ):
        return True
    if (
        prev.unit == "count"
        and not prev.drop
        and _NAMES_ITEM_GAP_RE.fullmatch(text, prev.end, raw.num_start)
        and _NAMES_ITEM_END_RE.match(text, raw.end)
    ):
        # "Frankfurt acogerá 5 centros, París 4, Dublín y Tokio 3 cada una, y Madrid 2": the
        # items of a list whose noun is written once, after its first count
        return True
    # "China tiene 173 sistemas entre los 500 más rápidos, y Estados Unidos 149.": the last
    # clause of a comparison, its verb and noun left out, after a count of the same sentence
    if not _GAPPED_NAME_RE.search(text, max(0, raw.num_start - 50), raw.num_start):
        return False
    if not _GAPPED_END_RE.match(text, raw.end) or raw.kind != "int" or len(raw.numtext) == 4:
        return False
    start = max((m.end() for m in SENTENCE_BREAK_RE.finditer(text, 0, raw.num_start)), default=0)
    return any(
        r.unit == "count" and not r.drop and r.num_start >= start and r.number >= raw.number / 10
        for r in raws[:i]
    )


#: A comparison's last clause: *, y Estados Unidos* before the number.
_GAPPED_NAME_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:,|;)\s+(?:y|e|mientras\s+que)\s+(?:(?:el|la|los|las)\s+)?(?:[A-ZÁÉÍÓÚÑ][\w\-]*\s+){1,3}$"
)
_GAPPED_END_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:[.;)]|,\s|$)")


#: The gap between two days of one month: *el 10 y 11 de febrero*, *del 3 al 5 de mayo*,
#: *entre el 1 y el 15 de marzo*, *el 12, 13 y 14 de junio*.
_DAY_LIST_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:,|y|e|al|a|-|–|hasta\s+el|hasta)\s*(?:el\s+)?", re.IGNORECASE
)


#: *el día*, *los días* before a bare day of a month named nowhere (*entre los días 1 y 5 del
#: mes siguiente*).
_DAY_WORD_LEFT_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)(?:el|los)\s+d[ií]as?\s+$", re.I)


def _is_day(raw: Raw) -> bool:
    return raw.unit is None and raw.kind == "int" and not raw.has_scale and 1 <= raw.number <= 31


def days_of_one_month(text: str, raws: list[Raw]) -> None:
    """*el 10 y 11 de febrero*: a day before a date of a month is a date of that month; *los
    días 1 y 5 del mes siguiente*: days after *el día*/*los días* that no month follows are no
    quantity (a date has its month), nor the days listed after them."""
    for i in range(len(raws) - 2, -1, -1):
        a, b = raws[i], raws[i + 1]
        if (
            _is_day(a)
            and b.unit == "date"
            and b.kind in ("date", "int")  # "el 12, 13 y 14 de junio": a day made a date
            and not b.drop
            and _DAY_LIST_GAP_RE.fullmatch(text, a.end, b.start)
        ):
            a.unit, a.number = "date", b.number - b.number % 100 + a.number
    for i, a in enumerate(raws):
        if _is_day(a) and (
            _DAY_WORD_LEFT_RE.search(text, max(0, a.num_start - 12), a.num_start)
            or (
                i > 0
                and raws[i - 1].drop
                and _is_day(raws[i - 1])
                and _DAY_LIST_GAP_RE.fullmatch(text, raws[i - 1].end, a.start)
            )
        ):
            a.drop = True  # a day of no month is no date (a date has its month)


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


#: The gap after an item *N unidad nombre* of a list: *80 megavatios solares y *.
_UNIT_LIST_ITEM_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:de\s+)?[^\W\d_]+(?:\s+[^\W\d_]+)?\s*(?:,|\s(?:y|e))\s+"
)


#: A change named just before a number (*un aumento del 8,09*, *alzas desde 2,10*, *creció
#: un 3,4*): in a text that counts in percent, the change is a percentage.
_CHANGE_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:aumentos?|alzas?|subidas?|crecimientos?|incrementos?|ca[íi]das?|descensos?"
    r"|bajadas?|reducci[óo]n(?:es)?|variaci[óo]n(?:es)?|aument[óo]|creci[óo]|subi[óo]|cay[óo]"
    r"|baj[óo]|descendi[óo]|se\s+redujo|se\s+increment[óo])"
    r"(?:\s+(?:interanual|anual|promedio|media))?(?:\s+(?:de|del|desde|en|un|una|el|al|entre))*\s+$",
    re.IGNORECASE,
)

#: The gap from the first bound of a range of percentages to the second: *desde 2,10 hasta*.
_PERCENT_BOUND_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:hasta(?:\s+(?:el|un))?|al?|y(?:\s+el)?|e)\s+", re.IGNORECASE
)

#: A text that writes percentages (*%*, *por ciento*): the evidence for :data:`_CHANGE_LEFT_RE`.
_PERCENT_IN_TEXT_RE: Final[re.Pattern[str]] = re.compile(r"%|por\s*ciento", re.IGNORECASE)

#: Durations: a bare decimal takes them from its sentence only when nothing else is measured
#: there (*en los últimos 20 años subió un tres por ciento ..., en 2023 llegó al 6,32*).
_DURATIONS: Final[frozenset[str]] = frozenset({"years", "months", "days", "hours", "s"})


def _bare(raw: Raw) -> bool:
    return raw.unit == "count" and not raw.has_scale and not raw.suffix and raw.number < 100


def changes_in_percent(text: str, raws: list[Raw]) -> None:
    """A bare number right after a change (*un aumento del 8,09*, *alzas desde 2,10 hasta
    5,73*) is a percentage, in a text that writes percentages elsewhere; the second bound of
    such a range is one too."""
    if _PERCENT_IN_TEXT_RE.search(text) is None:
        return
    for k, raw in enumerate(raws):
        if not _bare(raw) or (counted_noun_follows(text, raw.end) and raw.kind != "dec"):
            continue
        prev = raws[k - 1] if k > 0 else None
        if _CHANGE_LEFT_RE.search(text, max(0, raw.start - 60), raw.start) or (
            prev is not None
            and prev.unit == "percent"
            and not prev.has_scale
            and _PERCENT_BOUND_GAP_RE.fullmatch(text, prev.end, raw.start)
        ):
            raw.unit, raw.unit_factor, raw.prefix_factor = "percent", 1.0, 1.0


def decimals_of_the_sentence(text: str, raws: list[Raw]) -> None:
    """A bare number with decimals is no count (*bajaría de 10.4 a 4.2, es decir, 6.2
    gigavatios hora*; *11.03 y 11.54 ... 10.92 centavos de dólar*): it takes the unit of the
    nearest measurement of its sentence, when every measurement there has one unit (durations
    left out when something else is measured). It first settles the bare numbers after a
    change (:func:`changes_in_percent`), which are percentages whatever their sentence
    measures."""
    changes_in_percent(text, raws)
    breaks = [m.end() for m in SENTENCE_BREAK_RE.finditer(text)]
    for k, raw in enumerate(raws):
        if (
            raw.unit != "count"
            or raw.kind not in ("dec", "words")
            or raw.has_scale
            or raw.suffix
            or raw.number == int(raw.number)
            or raw.sep in ("dot?", "comma?")  # "7,200 puestos": perhaps thousands
        ):
            continue
        if counted_noun_follows(text, raw.end) and not (
            # "80 megavatios solares y 27,4 biomasa": the last item of a list whose unit
            # stands before the noun each item has, left out in the last
            k > 0
            and raws[k - 1].unit not in (None, "count")
            and _UNIT_LIST_ITEM_RE.fullmatch(text, raws[k - 1].end, raw.start)
        ):
            continue  # "2,5 hijos": what it counts follows
        lo = max((b for b in breaks if b <= raw.num_start), default=0)
        hi = min((b for b in breaks if b > raw.end), default=len(text))
        measures = [
            r
            for r in raws
            if r is not raw and lo <= r.num_start < hi and r.unit not in _NOT_MEASURES and r.unit
        ]
        if any(r.unit not in _DURATIONS for r in measures):
            measures = [r for r in measures if r.unit not in _DURATIONS]
        if len({r.unit for r in measures}) > 1:
            # two kinds of measurement: the one of the same order of magnitude, as written
            # (*6707,51 GWh, un aumento del 8,09 ... (seis mil 205,29)*)
            measures = [r for r in measures if raw.number / 3 <= r.number <= raw.number * 3]
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


#: The words that open a restatement: *, o sea,*, *, es decir,*, *:*.
_RESTATEMENT_GAP_RE: Final[re.Pattern[str]] = re.compile(
    # "..., o sea, de 40 billones": the preposition of the phrase restated may be repeated
    r"\s*(?:[,:;]|\()\s*(?:(?:o\s+sea|es\s+decir|esto\s+es|vale\s+decir)\s*,?\s*(?:de\s+)?)?",
    re.IGNORECASE,
)


def restated_rate(text: str, raw: Raw, prev: Raw) -> bool:
    """An amount of work (``FLOP``) that is the rate just named: *un billón de cálculos por
    segundo y, más adelante, al trillón de cálculos* (its *por segundo* left out), *un
    quintillón de operaciones por segundo, o sea, 10¹⁸ operaciones de punto flotante* (the
    rate restated, whatever the values); and a machine's FLOP/s restated loosely as
    *instrucciones por segundo* (*40 teraflops, o sea, de 40 billones de instrucciones por
    segundo*): the rate named first."""
    if prev.unit not in ("FLOP/s", "OP/s") or SENTENCE_BREAK_RE.search(
        text, prev.end, raw.num_start
    ):
        return False
    restated = _RESTATEMENT_GAP_RE.fullmatch(text, prev.end, raw.start) is not None
    if raw.unit == "OP/s":
        return prev.unit == "FLOP/s" and restated
    return raw.unit == "FLOP" and (
        text[raw.start : raw.end].lower().endswith(("cálculos", "calculos")) or restated
    )


#: A gapped clause after a rank or a multiplier: *y el 102*, *y por 4*.
_GAPPED_RE: Final[re.Pattern[str]] = re.compile(
    # "y el 102", "o incluso por 16"
    r"(?:,|\s(?:y|e|o|u))(?:\s+(?:incluso|hasta|aun|aún|quizá|quizás|tal\s+vez))?"
    r"\s+(?P<w>el|la|por)\s+$",
    re.IGNORECASE,
)
#: What the gapped multiplier is compared with: *por 16 frente a la HBM* (no noun it counts).
_COMPARED_NEXT_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:frente|respecto|comparad[oa]s?|en\s+comparaci[óo]n|con\s+respecto)(?!\w)", re.I
)
_GAPPED_WORDS: Final[dict[str, frozenset[str]]] = {
    "rank": frozenset({"el", "la"}),
    "times": frozenset({"por"}),
}


def gapped_unit(text: str, raw: Raw, prev: Raw | None) -> str | None:
    """The rank or multiplier of a clause whose verb and noun are left out: *ocupa el puesto
    52 en IA y el 102 en Computación*, *multiplica por 11 la velocidad y por 4 la de
    entrenamiento* (``None`` for anything else, and for a year: *y el 2025 será*)."""
    if (
        raw.unit is not None
        or prev is None
        or prev.unit not in _GAPPED_WORDS
        or raw.has_scale
        or is_year_candidate(raw)
        or raw.num_start - prev.end > 80
    ):
        return None
    gapped = _GAPPED_RE.search(text, max(0, raw.num_start - 24), raw.num_start)
    if (
        gapped is None
        or fold(gapped.group("w")) not in _GAPPED_WORDS[prev.unit]
        or SENTENCE_BREAK_RE.search(text, prev.end, raw.num_start)
        or (counted_noun_follows(text, raw.end) and not _COMPARED_NEXT_RE.match(text, raw.end))
    ):
        return None
    return prev.unit


#: The opening of a conversion in parentheses: *(unos 85.000 millones de pesos)*.
_CONVERSION_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*\(\s*(?:(?:unos|unas|alrededor\s+de|cerca\s+de|aproximadamente|casi|m[áa]s\s+de"
    r"|equivalentes?\s+a|el\s+equivalente\s+a|o\s+sea|es\s+decir)\s*)?",
    re.IGNORECASE,
)


def is_conversion(text: str, raw: Raw, prev: Raw | None) -> bool:
    """``raw`` is an amount of money in parentheses right after one in another currency (*5.000
    millones de dólares (unos 85.000 millones de pesos)*): a conversion, which the amounts
    after it do not take their currency from."""
    return (
        prev is not None
        and raw.unit in units.CURRENCIES
        and prev.unit in units.CURRENCIES
        and raw.unit != prev.unit
        and _CONVERSION_GAP_RE.fullmatch(text, prev.end, raw.start) is not None
    )


#: Units that measure no amount a bare scaled number could be in (dates, shares, durations).
_NOT_AMOUNTS: Final[frozenset[str]] = frozenset(
    {"year", "date", "percent", "percentage points", "rank", "times", "s", "hours", "days",
     "months", "years"}
)  # fmt: skip


def last_measure(raws: list[Raw], i: int) -> Raw | None:
    """The last amount before ``raws[i]`` that is no date, share or time (a count too): a
    scaled amount with no noun takes the document's currency only when this is money."""
    return next(
        (
            r
            for r in reversed(raws[:i])
            if not r.drop and r.unit not in _NOT_AMOUNTS and not is_year_candidate(r)
        ),
        None,
    )


#: Physical measurements an estimate in the next sentence may leave out (not money or counts,
#: which too many other numbers are).
_MEASURES: Final[frozenset[str]] = frozenset({"W", "Wh", "FLOP/s", "bytes", "bytes/s"})


def estimate_of_last_measure(text: str, raw: Raw, prev: Raw) -> bool:
    """A hedged number ending its clause in the sentence after a measurement, of the same
    magnitude as written, is in its unit: *... una demanda de 10.346,9 GWh al año. Es más de lo
    que demanda todo Aragón, estimado en unos 9.700.*"""
    written = prev.number * prev.scale
    return (
        bool(raw.qualifier)
        and prev.unit in _MEASURES
        and not raw.has_scale
        and written > 0
        and 1 / 3 <= raw.number / written <= 3
        and len(SENTENCE_BREAK_RE.findall(text, prev.end, raw.num_start)) == 1
        and _same_topic(text[max(0, prev.start - 50) : prev.start], text[prev.end : raw.start])
    )


_CONTENT_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[^\W\d_]{5,}")


def _same_topic(before: str, between: str) -> bool:
    """The words before a measurement and the clause that leaves its unit out share a content
    word (its first six letters): *una demanda de 10.346,9 GWh ... lo que demanda todo Aragón*
    compares the same thing; *Consume 100 MW. Trabajan allí unas 300* does not."""
    stems = {fold(w)[:6] for w in _CONTENT_WORD_RE.findall(before)} - _STEM_STOP
    return any(fold(w)[:6] in stems for w in _CONTENT_WORD_RE.findall(between))


#: Long function words, whose stems say nothing of a topic.
_STEM_STOP: Final[frozenset[str]] = frozenset(
    {"cuando", "aunque", "tambie", "despue", "durant", "siempr", "mientr", "todava", "todavi",
     "entre", "desde", "hasta", "sobre", "segun", "tiene", "tendra", "estima", "alrede", "aproxi"}
)  # fmt: skip


#: A model's size in billions after *modelo(s) de*: *servir modelos de 70B*.
_MODEL_OF_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)modelos?(?:\s+[^\W\d_]+)?\s+de\s+(?:hasta\s+|m[áa]s\s+de\s+)?$", re.IGNORECASE
)


def model_size(text: str, raw: Raw) -> bool:
    """``raw`` (*70B*, a suffix of billions) is the size of the model just named: parameters."""
    if not raw.suffix or raw.scale != 1e9:
        return False
    return _MODEL_OF_RE.search(text[max(0, raw.start - 40) : raw.start]) is not None


#: A context window named before a suffix number in its clause (*contexto de 128K*,
#: *contexto (<200k)*, *una ventana de 4K*), or after it (*4K, 8K o 128K indican la ventana de
#: contexto*).
_CONTEXT_WINDOW_RE: Final[re.Pattern[str]] = re.compile(
    r"(?i:contexto|ventanas?)(?:(?![.;!?]\s)[^\d])*$"
)
_CLAUSE_BREAK_RE: Final[re.Pattern[str]] = re.compile(r"[.;!?]\s")
_CONTEXT_WINDOW_AFTER_RE: Final[re.Pattern[str]] = re.compile(
    r"[^.;!?]{0,60}?(?i:ventanas?\s+de\s+contexto)"
)


def context_window(text: str, raw: Raw, before: list[Raw]) -> bool:
    """``raw`` (*128K*, a suffix of thousands or millions) is a context window's size in
    tokens: a window is named in its clause, or a suffix number before it in the sentence,
    within 150 characters, was one (*una ventana de 4K ... mientras que una de 128K*)."""
    if not raw.suffix or raw.scale not in (1e3, 1e6):
        return False
    return (
        _CONTEXT_WINDOW_RE.search(text, max(0, raw.num_start - 60), raw.num_start) is not None
        or _CONTEXT_WINDOW_AFTER_RE.match(text, raw.end) is not None
        or any(
            r.suffix
            and r.unit == "tokens"
            and r.end > raw.start - 150
            and _CLAUSE_BREAK_RE.search(text, r.end, raw.start) is None
            for r in before
        )
    )
