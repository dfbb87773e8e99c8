"""Units shared across lists and ranges, carried over to later amounts, and years vs counts.

Part of :func:`helpers.text.quantities.find_quantities` (step 2). :func:`_resolve` gives both
ends of a range or a list the unit of the last one (*entre 10 y 12 megavatios*, *tres a cinco
años*), then :func:`_carry_units` gives a number without a unit the unit the text has just
given when it clearly leaves it out (*500 millones de euros y otros 486 millones*, *83 mil
millones ... 147 mil millones del mismo lapso*, *de 25 kilómetros a 10*, *y el grande, 3*,
*de entrada y 15 de salida*, a chip's *unidades*, a sum named again far from its currency),
lets what a number's neighbour says decide it (:mod:`helpers.text.neighbours`: restatements,
decades, named lists, days of one month, glosses, ratios written watt first), drops digits in
names (:mod:`helpers.text.names`) and decides whether a bare four-digit number is a year.
"""

from __future__ import annotations

import re
from typing import Final

from helpers.text import units
from helpers.text.context import (
    _FOLDED_STOP_WORDS,
    _SENTENCE_BREAK_RE,
    _copy_unit,
    _counted_noun_follows,
    _is_year_candidate,
    _looks_like_year,
    _next_word,
    _next_word_end,
    _Raw,
)
from helpers.text.names import (
    _is_name_digits,
)
from helpers.text.neighbours import (
    _days_of_one_month,
    _is_decade,
    _named_list_item,
    _per_watt_inverted,
    _restate,
    _scale_glosses,
)
from helpers.text.numbers import _WORD_VALUES, MONTHS, alternation, fold

_ENTRE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)entre\s+(?:(?:el|la|los|las)\s+)?$", re.IGNORECASE
)

_DESDE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:de|desde)\s+(?:(?:el|la|los|las)\s+)?$", re.IGNORECASE
)

_LIST_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:,|(?:y|e|o|u)(?:\s+del?(?=\s))?|,?\s*(?:e\s+|y\s+|o\s+)?incluso|,?\s*(?:y|o)\s+hasta"
    r"|contra|frente\s+a|vs\.?|versus|x|×)\s*",
    re.IGNORECASE,
)

_RANGE_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:-|–|—|a|y|hasta|al)\s*(?:(?:el|la|los|las)\s+)?", re.IGNORECASE
)

_DASH_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s*[-–—]\s*")

#: Units a later scaled number inherits, within :data:`_CARRY_REACH` characters (*y otros 486
#: millones*); a suffix number (*405B*) inherits only :data:`_SUFFIX_CARRIED_UNITS`, within
#: its sentence.
_CARRIED_UNITS: Final[frozenset[str]] = frozenset(
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
    }
)

_CARRY_REACH: Final[int] = 400

#: A sum of money carries further: a text on a budget names its currency once (*... 1.450
#: millones restantes ... [two sentences] ... ayudas por 850 millones, apenas el 7%*).
_MONEY_REACH: Final[int] = 1200

_SUFFIX_CARRIED_UNITS: Final[frozenset[str]] = frozenset({"parameters", "tokens", "FLOP"})

#: Counted units a plain number ending its clause inherits (*de 512 nodos a apenas 16.*).
_CLAUSE_CARRIED_UNITS: Final[frozenset[str]] = frozenset(
    {"GPUs", "chips", "cores", "nodes", "servers", "transistors", "parameters", "tokens"}
)

#: The gap of a parallel pair *N unidad ... de A y M de B*: the first amount's modifier.
_PARALLEL_DE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:por\s+(?:[^\W\d_]+\s+){1,4}?)?de\s+[^\W\d_]+\s*(?:,|y|e|o|u)\s+",
    re.IGNORECASE,
)

#: A verb left out after a comma: *cuesta 0,50 dólares y el grande, 3*.
_GAPPING_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:y|e|o|mientras\s+que)\s+(?:el|la|los|las|su|sus)\s+[^\W\d_]+(?:\s+[^\W\d_]+)?,\s*$",
    re.IGNORECASE,
)

#: A context window named just before a suffix number (*contexto de 128K*, *contexto (<200k)*).
_CONTEXT_WINDOW_RE: Final[re.Pattern[str]] = re.compile(r"(?i:contexto)(?:(?![.;!?]\s)[^\d])*$")

_CLAUSE_END_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:[.;:!?)–—]|,\s|$)")

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

#: Currencies, for :data:`_MONEY_CUE_RE`'s carry.
_MONEY_UNITS: Final[frozenset[str]] = units.CURRENCIES

#: A noun or verb of money just before a scaled amount: *la inversión hasta los 15.700
#: millones*, *un presupuesto de 300 millones*, *recaudó 40 millones*.
_MONEY_CUE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:inversi[óo]n|invers[io]\w*|invert\w*|invirti\w*|presupuesto|coste|costo|"
    r"cost[óo]|ingresos|facturaci[óo]n|factur\w*|financiaci[óo]n|financiamiento|valoraci[óo]n|"
    r"recaud\w*|capt[óo]|subvenci[óo]n|fondos)\b[^.;:\d]{0,30}$",
    re.IGNORECASE,
)

#: *... de operaciones* (or *cálculos*) without *por segundo*: a rate named just before.
_ELIDED_RATE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+de\s+(?:operaciones|c[áa]lculos)(?![\w\s]*?(?:por\s+segundo|flotante))", re.IGNORECASE
)

#: *unidades de texturizado*: the noun after *de* says what the units are.
_UNITS_OF_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*unidades\s+de\s+(?P<w>[a-záéíóúñü]+)", re.IGNORECASE
)


def _units_of_noun(text: str, pos: int) -> bool:
    """*unidades de* and a noun (*de texturizado*), not a determiner (*de varias generaciones*)."""
    m = _UNITS_OF_RE.match(text, pos)
    return m is not None and fold(m.group("w")) not in _FOLDED_STOP_WORDS


def _units_of_counted_noun(text: str, pos: int) -> tuple[str, int] | None:
    """*unidades de chips*, *unidades de GPU*: the counted unit the noun after *de* names, and
    where it ends (``None`` for *unidades de texturizado*)."""
    m = _UNITS_OF_RE.match(text, pos)
    if m is None:
        return None
    hw = _HARDWARE_RE.match(text, m.start("w"))
    if hw is None:
        return None
    return _HARDWARE_UNITS[int(str(hw.lastgroup)[1:])], hw.end()


#: A month and *de* before a year (*noviembre de 2022*): that *de* dates, it opens no range.
_MONTH_DE_RE: Final[re.Pattern[str]] = re.compile(rf"(?<!\w)(?i:{alternation(MONTHS)})\s+de\s+$")

#: A gap that makes two numbers a range without *entre*/*de* before them (*tres a cinco años*).
_A_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s+a\s+", re.IGNORECASE)


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
    money: _Raw | None = None  # the document's last amount of money, at any distance
    for i, raw in enumerate(raws):
        # a vague magnitude of millions (*cientos de millones de dólares ... decenas de
        # millones*) carries and takes a unit like a scaled number; *miles* alone does not
        vague_millions = raw.kind == "bare" and raw.scale >= 1e6
        if raw.unit is not None:
            if raw.has_scale and (raw.kind != "bare" or vague_millions):
                last = raw if raw.unit in _CARRIED_UNITS else None
            if raw.unit in _MONEY_UNITS:
                money = raw
            prev = raw
            continue
        rate = _ELIDED_RATE_RE.match(text, raw.end)
        if (
            rate is not None
            and prev is not None
            and prev.unit in ("FLOP/s", "OP/s")
            and not _SENTENCE_BREAK_RE.search(text, prev.end, raw.num_start)
        ):
            # "1.000 billones de operaciones por segundo y, más adelante, al trillón de
            # operaciones": the same rate, its "por segundo" left out
            raw.unit, raw.per_second, raw.end = prev.unit, True, rate.end()
            prev = raw
            continue
        if raw.kind == "bare" and not vague_millions:
            prev = raw
            continue
        word = _next_word(text, raw.end)
        if raw.has_scale:
            if (
                last is not None
                and raw.num_start - last.end
                <= (_MONEY_REACH if last.unit in _MONEY_UNITS else _CARRY_REACH)
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
                if (
                    not word
                    or (
                        word in _FOLDED_STOP_WORDS
                        and (word not in ("de", "del") or _determiner_after_de(text, raw.end))
                    )
                    # a noun after "millones" needs "de": "mil millones irán" leaves it out
                    or (raw.scale >= 1e6 and not raw.suffix and word not in ("de", "del"))
                ):
                    _copy_unit(raw, last)
                    last = raw
            if (
                raw.unit is None
                and not raw.suffix
                and raw.scale >= 1e6
                and word not in ("de", "del")
                and _MONEY_CUE_RE.search(text, max(0, raw.start - 40), raw.start)
            ):
                # "... elevó la inversión hasta los 15.700 millones": a sum of money named as
                # one, in the currency the document has used, however far back; in a headline
                # or lead before any currency ("con una inversión de 6.300 millones ... $6.300
                # millones"), in the first currency the document names after it
                source = money or next((r for r in raws[i + 1 :] if r.unit in _MONEY_UNITS), None)
                if source is not None:
                    _copy_unit(raw, source)
            if raw.unit is None and not raw.suffix and word not in ("de", "del"):
                # "dará 5,8 millones de euros al centro ... Economía pondrá 5,8 millones": the
                # same amount named again, however far back, is in the same unit
                same = next((r for r in reversed(raws[:i]) if _same_amount(r, raw)), None)
                if same is not None:
                    _copy_unit(raw, same)
            if raw.unit is None:
                last = None  # "30 millones de usuarios": a count ends the carry
        elif word == "unidades" and (counted := _units_of_counted_noun(text, raw.end)) is not None:
            raw.unit, raw.end = counted  # "hasta 400.000 unidades de chips de IA": chips
        elif word == "unidades" and not _units_of_noun(text, raw.end):
            # "alrededor de 500 unidades" of the GPUs just named; "456 unidades de
            # texturizado" names what it counts after "de"
            hardware = _last_hardware(text, raw.num_start)
            if hardware is not None:
                raw.unit = hardware
                raw.end = _next_word_end(text, raw.end)
        elif (
            prev is not None
            and word == "de"
            and prev.unit in _CARRIED_UNITS
            and _PARALLEL_DE_RE.fullmatch(text, prev.end, raw.num_start)
        ):
            # "3 dólares por millón de tokens de entrada y 15 de salida": the same amount
            # of a parallel thing, the unit left out
            _copy_unit(raw, prev)
            raw.scale, raw.has_scale = prev.scale, prev.has_scale
            raw.end = _next_word_end(text, _next_word_end(text, raw.end))
        elif (
            prev is not None
            and word == "de"
            and _PARTITIVE_RE.match(text, raw.end)
            and prev.unit in _CARRIED_UNITS
            and prev.has_scale
            and 0 < raw.number <= prev.number
        ):
            # "150 millones de euros ..., 20 de ellos para pymes": a part of that amount
            _copy_unit(raw, prev)
            raw.scale, raw.has_scale = prev.scale, prev.has_scale
        elif (
            prev is not None
            and _ends_clause(text, raw.end, word)
            and not _SENTENCE_BREAK_RE.search(text, prev.end, raw.num_start)
            and not _is_year_candidate(raw)
            and not _is_name_digits(text, raw)  # "... núcleos y usa la red Slingshot 11 de HPE"
        ):
            if prev.unit in _CLAUSE_CARRIED_UNITS:
                _copy_unit(raw, prev)
            elif (
                prev.unit in _CARRIED_UNITS
                and (
                    prev.has_scale
                    or prev.unit_factor != 1.0
                    or _GAPPING_RE.search(text, prev.end, raw.num_start)
                )
                and prev.kind != "bare"
                and prev.number > 0
                and 0.01 <= raw.number / prev.number <= 100
            ):
                # "AWS ha comprometido 15.700 millones ... y Microsoft, más de 7.200.",
                # "93PFlops, con un máximo de 125,": the same unit and scale, left out
                _copy_unit(raw, prev)
                raw.scale, raw.has_scale = prev.scale, prev.has_scale
        if not _is_year_candidate(raw):
            prev = raw  # "de 415 TWh en 2024 a unos 945": a year is not the amount left out


def _same_amount(earlier: _Raw, raw: _Raw) -> bool:
    """``earlier`` is a scaled amount in a carried unit with the same number and scale."""
    return (
        earlier.unit in _CARRIED_UNITS
        and earlier.has_scale
        and earlier.scale == raw.scale
        and earlier.number == raw.number
        and earlier.unit_factor == 1.0
    )


_DE_DETERMINER_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*del?\s+(?P<w>[^\W\d_]+)\s", re.IGNORECASE
)


def _determiner_after_de(text: str, pos: int) -> bool:
    """*de*/*del* after ``pos`` opens a phrase about something else, not the amount's unit:
    a function word follows (*147 mil millones del mismo lapso*, *de los que*), not a noun
    (*30 millones de usuarios*)."""
    m = _DE_DETERMINER_RE.match(text, pos)
    return m is not None and fold(m.group("w")) in _FOLDED_STOP_WORDS


#: *20 de ellos*, *300 de los cuales*: a part of the amount just given.
_PARTITIVE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+de\s+(?:ell[oa]s|l[oa]s\s+cuales)(?!\w)", re.IGNORECASE
)
_DE_YEAR_RE: Final[re.Pattern[str]] = re.compile(r"\s*del?\s+(?:19|20)\d\d(?!\d|[.,]\d)")


#: A joiner and another number after a number: *ocho a doce capas*, *3 o 4 nodos*.
_JOINED_NUMBER_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:a|al|y|e|o|u|hasta)\s+(?:el\s+|la\s+|los\s+|las\s+)?"
    rf"(?:\d|(?i:{alternation(k for k, v in _WORD_VALUES.items() if v >= 1)})(?!\w))",
    re.IGNORECASE,
)


def _ends_clause(text: str, pos: int, word: str) -> bool:
    """Nothing that could be a unit follows ``pos``: punctuation, a function word, or *de*
    and a name (*los 6912 del A100*)."""
    if not word:
        return bool(_CLAUSE_END_RE.match(text, pos))
    if word in ("de", "del"):
        if _DE_YEAR_RE.match(text, pos):
            return True  # "frente a los 540 de 2024": the year dates the amount
        m = re.compile(r"\s*\w+\s+(?P<n>\w)").match(text, pos)
        return m is not None and m.group("n").isupper()
    if _JOINED_NUMBER_RE.match(text, pos):
        return False  # "pasa de ocho a doce capas": the first of a range, its unit after it
    return word in _FOLDED_STOP_WORDS


def _last_hardware(text: str, pos: int) -> str | None:
    """The unit of the last hardware noun (*GPU*, *chips*, *servidores*) in the sentence, or in
    the sentence before when this one names none."""
    start = max(0, pos - _CARRY_REACH)
    breaks = list(_SENTENCE_BREAK_RE.finditer(text, start, pos))
    if breaks:
        # this sentence, else also the one before it ("... cerca de 10.000 GPU. A esta entrega
        # seguirán otras hasta llevar el total a 52.000 unidades")
        here = breaks[-1].end()
        if _HARDWARE_RE.search(text, here, pos):
            start = here
        elif len(breaks) > 1:
            start = breaks[-2].end()
    found = list(_HARDWARE_RE.finditer(text, start, pos))
    return _HARDWARE_UNITS[int(str(found[-1].lastgroup)[1:])] if found else None


def _resolve(text: str, raws: list[_Raw]) -> None:
    """Share units across lists and ranges, then decide years and plain counts.

    ``entre 10 y 12 megavatios`` gives both ends megawatts (and qualifier ``entre``);
    ``millones, incluso miles de millones, de parámetros`` gives both parameters.
    """
    for i, raw in enumerate(raws):
        if raw.unit is None and _is_decade(text, raw, raws[i - 1] if i > 0 else None):
            raw.number, raw.unit = 1900.0 + raw.number, "year"  # "los años 90"
    for i in range(len(raws) - 2, -1, -1):
        a, b = raws[i], raws[i + 1]
        if (
            a.unit in _MONEY_UNITS
            and (b.unit is None or b.unit == a.unit)
            and not a.has_scale
            and b.has_scale
            and a.end == a.num_start + len(a.numtext)  # "$3", not "3 dólares"
            and _RANGE_GAP_RE.fullmatch(text, a.end, b.start)
            and _ENTRE_RE.search(text, max(0, a.start - 10), a.start)
        ):
            # "entre $3 y $4 billones", "entre US$ 7000 y 8000 millones": the lower bound has
            # the upper's scale, the upper the lower's currency
            a.scale, a.has_scale = b.scale, True
            if b.unit is None:
                _copy_unit(b, a)
            continue
        if b.unit is None or b.unit in ("year", "date") or a.unit is not None:
            continue
        gap = text[a.end : b.num_start]
        if b.start < a.end:
            continue
        left = text[max(0, a.num_start - 10) : a.num_start]
        if _is_year_candidate(a) and _MONTH_DE_RE.search(
            text, max(0, a.num_start - 16), a.num_start
        ):
            continue  # "de 1,02 EFLOP/s en noviembre de 2022 a 1,194": a date, not a bound
        if _is_year_candidate(a) and b.unit not in ("year", "date") and _looks_like_year(text, a):
            continue  # "el 0,302% de 2023 y el 0,207% de 2024": a year is no percentage's bound
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
        if a.suffix and not (b.suffix or b.has_scale):
            continue  # "pantallas de hasta 8K a 165 Hz": a resolution, not a range's bound
        _copy_unit(a, b)
        if not a.has_scale and b.has_scale and b.kind != "bare":
            a.scale, a.has_scale = b.scale, True
        # "entre 10 y 12", "10-12" are ranges; "de 60 a 0,5 dólares" is a change, not a range
        if is_range and (_ENTRE_RE.search(left) or _DASH_GAP_RE.fullmatch(gap)):
            a.qualifier = "entre"
            b.qualifier = b.qualifier or "entre"
    _days_of_one_month(text, raws)
    _scale_glosses(text, raws)
    _carry_units(text, raws)
    _per_watt_inverted(text, raws)
    for i, raw in enumerate(raws):
        if raw.unit is None and i > 0 and not raw.suffix and not _is_name_digits(text, raw):
            _restate(text, raw, raws[i - 1])  # not "Nemo 12B" after "12 000 millones"
        if raw.unit is not None:
            continue
        if (_is_name_digits(text, raw) and not _named_list_item(text, raw, raws, i)) or (
            i > 0
            and raws[i - 1].drop
            and _DASH_GAP_RE.fullmatch(text[raws[i - 1].end : raw.num_start])
        ):
            raw.drop = True  # "Fab 21", and "Horizonte Europa 2021-2027" whole
            continue
        if (
            raw.suffix
            and raw.scale in (1e3, 1e6)
            and _CONTEXT_WINDOW_RE.search(text, max(0, raw.num_start - 60), raw.num_start)
        ):
            raw.unit = "tokens"  # "una ventana de contexto de 128K", "(<200k)": tokens
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
