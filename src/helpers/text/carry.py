"""Units shared across lists and ranges, carried over to later amounts, and years vs counts.

Part of :func:`helpers.text.quantities.find_quantities` (step 2). :func:`resolve` runs the
step: the ranges and lists of :mod:`helpers.text.ranges` share their unit and scale (*entre 10
y 12 megavatios*, *tres a cinco años*, *de 1,5 a 2,3 millones*); then :func:`_carry_units`
gives a number without a unit the unit the text has just given when it clearly leaves it out
(*500 millones de euros y otros 486 millones*, *83 mil millones ... 147 mil millones del mismo
lapso*, *de 25 kilómetros a 10*, *y el grande, 3*, *el chip consume 700 W; el anterior, 400*,
*frente a los 25 del año pasado*, *12 núcleos, 4 de ellos*, *el 45% es solar, el 30 eólica*,
*de entrada y 15 de salida*, a chip's *unidades*, the prefix of *67.4 megas*, a sum named
again far from its currency); what a number's neighbours say decides the rest
(:mod:`helpers.text.neighbours`: restatements, decades, named lists, days of one month,
shares of each, glosses, ratios written watt first, the one unit of a sentence's decimals);
digits in names are dropped (:mod:`helpers.text.names`) and a bare four-digit number is
decided to be a year or a count.
"""

from __future__ import annotations

import re
from typing import Final

from helpers.text import units
from helpers.text.breakdowns import (
    named_pair,
    parts_of_a_whole,
    parts_of_the_next,
    unit_before_colon,
)
from helpers.text.context import (
    DE_MONEY_NOUN_RE,
    FOLDED_STOP_WORDS,
    MONEY_CUE_RE,
    MONEY_SUBJECT_RE,
    PEOPLE_GAP_RE,
    SENTENCE_BREAK_RE,
    THESE_UNITS_RE,
    Raw,
    copy_unit,
    counted_noun_follows,
    determiner_after_de,
    is_year_candidate,
    looks_like_year,
    next_word,
    next_word_end,
)
from helpers.text.counted import (
    last_hardware,
    units_of_counted_noun,
    units_of_noun,
)
from helpers.text.decades import decade_suffix, is_decade
from helpers.text.names import (
    is_name_digits,
)
from helpers.text.neighbours import (
    context_window,
    days_of_one_month,
    decimals_of_the_sentence,
    estimate_of_last_measure,
    gapped_unit,
    is_conversion,
    last_measure,
    model_size,
    named_list_item,
    per_watt_inverted,
    repeated_magnitudes,
    restate,
    restated_rate,
    scale_glosses,
    shares_of_each,
)
from helpers.text.numbers import WORD_VALUES, alternation
from helpers.text.places import money_of_text
from helpers.text.ranges import (
    CARRIED_UNITS,
    DASH_GAP_RE,
    NAME_LIST_GAP_RE,
    RANGE_GAP_RE,
    compared_sums,
    scaled_bounds,
    share_units,
    year_ranges,
)
from helpers.text.timeexpr import compound_durations

_CARRY_REACH: Final[int] = 400

#: A sum of money carries further: a text on a budget names its currency once (*... 1.450
#: millones restantes ... [two sentences] ... ayudas por 850 millones, apenas el 7%*).
_MONEY_REACH: Final[int] = 1200

_SUFFIX_CARRIED_UNITS: Final[frozenset[str]] = frozenset({"parameters", "tokens", "FLOP"})

#: Counted units a plain number ending its clause inherits (*de 512 nodos a apenas 16.*).
_CLAUSE_CARRIED_UNITS: Final[frozenset[str]] = frozenset(
    {"GPUs", "chips", "cores", "nodes", "servers", "transistors", "parameters", "tokens", "hours"}
)

#: The gap of a parallel pair *N unidad ... de A y M de B*: the first amount's modifier.
_PARALLEL_DE_RE: Final[re.Pattern[str]] = re.compile(
    # "de entrada y 15 de salida", "de forma directa y 10.200 de forma indirecta"
    r"\s+(?:por\s+(?:[^\W\d_]+\s+){1,4}?)?de\s+[^\W\d_]+(?:\s+(?!(?:y|e|o|u)\s)[^\W\d_]+)?"
    r"\s*(?:,|y|e|o|u)\s+",
    re.IGNORECASE,
)

#: A verb left out after a comma: *cuesta 0,50 dólares y el grande, 3*.
_GAPPING_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:[;,]|(?<!\w)(?:y|e|o|mientras\s+que))\s+(?:el|la|los|las|su|sus)\s+[^\W\d_]+"
    r"(?:\s+[^\W\d_]+)?,\s*$",
    re.IGNORECASE,
)

#: A relative partitive before a number: *de los cuales 3,000*, *de ellos, 20*.
_OF_WHICH_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:de\s+(?:los|las)\s+cuales|de\s+ell[oa]s)\s*,?\s*(?:unos\s+|unas\s+)?$",
    re.IGNORECASE,
)

#: The article of a share whose sign is left out: *el 30*, *un 8*, *otro 8*.
_SHARE_ARTICLE_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)(?:el|un|otro|otra)\s+$", re.I)


#: What a number counts named after it between commas: *triplicó, hasta 600, los nuevos
#: empleos* (a plural noun, not money).
_APPOSED_NOUN_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*,\s+(?:los|las)\s+(?:(?:nuev|primer|mism|demás)[oa]s\s+)?"
    r"(?!(?:euros|d[óo]lares|pesos|millones|fondos|recursos)\b)[a-záéíóúñ]{3,}s(?!\w)"
)

_CLAUSE_END_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:[.;:!?)–—]|,\s|$)")

#: *... de operaciones* (or *cálculos*) without *por segundo*: a rate named just before.
_ELIDED_RATE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+de\s+(?:operaciones|c[áa]lculos)(?![\w\s]*?(?:por\s+segundo|flotante))", re.IGNORECASE
)


#: *las 22 que tienen acuerdo*: an article, the number and a relative pronoun name a part of a
#: set of things named before (*de las 26 plantas*), a count, unless a comparison opens it
#: (*frente a los 25 que*). Matched on the left of the number, with the pronoun checked after.
_SET_PRONOUN_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!frente a )(?<!respecto a )(?<!comparado con )(?<!\w)(?:los|las)\s+$", re.IGNORECASE
)


def _carry_units(text: str, raws: list[Raw]) -> None:
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
    last: Raw | None = None
    prev: Raw | None = None
    money: Raw | None = None  # the document's last amount of money, at any distance
    for i, raw in enumerate(raws):
        # a vague magnitude of millions (*cientos de millones de dólares ... decenas de
        # millones*) carries and takes a unit like a scaled number; *miles* alone does not
        vague_millions = raw.kind == "bare" and raw.scale >= 1e6
        if prev is not None and restated_rate(text, raw, prev):
            # "un billón de cálculos por segundo y ... al trillón de cálculos", "un quintillón
            # de operaciones por segundo, o sea, 10¹⁸ operaciones de punto flotante"
            raw.unit, raw.per_second = prev.unit, True
        if (gapped := gapped_unit(text, raw, prev)) is not None:
            raw.unit = gapped  # "el puesto 52 en IA y el 102 en Computación", "y por 4"
        if raw.unit is not None:
            if is_conversion(text, raw, prev):
                prev = raw  # "(unos 85.000 millones de pesos)": what follows is in dollars
                continue
            if raw.has_scale and (raw.kind != "bare" or vague_millions):
                last = raw if raw.unit in CARRIED_UNITS else None
            if raw.unit in units.CURRENCIES:
                money = raw
            if raw.kind != "mult":  # "256 GB, el doble que los 128": the amount compared
                prev = raw
            continue
        if raw.bare_prefix:
            # "67.4 megas" after "2,154.1 megavatios": the unit last written with that prefix
            named = next(
                (r for r in reversed(raws[:i]) if r.unit and r.prefix_factor == raw.bare_prefix),
                None,
            )
            if named is not None:
                raw.unit, raw.unit_factor = named.unit, raw.bare_prefix
                prev = raw
                continue
        rate = _ELIDED_RATE_RE.match(text, raw.end)
        if (
            rate is not None
            and prev is not None
            and prev.unit in ("FLOP/s", "OP/s")
            and not SENTENCE_BREAK_RE.search(text, prev.end, raw.num_start)
        ):
            # "1.000 billones de operaciones por segundo y, más adelante, al trillón de
            # operaciones": the same rate, its "por segundo" left out
            raw.unit, raw.per_second, raw.end = prev.unit, True, rate.end()
            prev = raw
            continue
        if raw.kind == "bare" and not vague_millions:
            prev = raw
            continue
        word = next_word(text, raw.end)
        these = THESE_UNITS_RE.match(text, raw.end) if word == "de" else None
        if these is not None and (hardware := last_hardware(text, raw.num_start)) is not None:
            # "hasta un millón de estas unidades", "20.000 de esas unidades": of the hardware
            # just named
            raw.unit, raw.end = hardware, these.end()
            prev = raw
            continue
        if raw.has_scale:
            if (
                last is not None
                and raw.num_start - last.end
                <= (_MONEY_REACH if last.unit in units.CURRENCIES else _CARRY_REACH)
                # a suffix scale (671B) is a model size: it carries a model's units only,
                # and within its sentence
                and (
                    not raw.suffix
                    or (
                        last.unit in _SUFFIX_CARRIED_UNITS
                        and not SENTENCE_BREAK_RE.search(text, last.end, raw.num_start)
                    )
                )
            ):
                if (
                    not word
                    or (
                        word in FOLDED_STOP_WORDS
                        and (
                            word not in ("de", "del")
                            or determiner_after_de(text, raw.end, last.unit in units.CURRENCIES)
                        )
                        # "crear 20 mil nuevos empleos": an adjective, then what is counted
                        and not counted_noun_follows(text, raw.end)
                    )
                    # a noun after "millones" needs "de": "mil millones irán" leaves it out
                    or (raw.scale >= 1e6 and not raw.suffix and word not in ("de", "del"))
                    # "~117 B de parámetros totales y 5,1 B activos": which of the model's
                    or (raw.suffix and word in ("activos", "activas", "totales", "entrenables"))
                ):
                    copy_unit(raw, last)
                    last = raw
            if (
                raw.unit is None
                and last is None
                and money is not None
                and not raw.suffix
                and raw.scale >= 1e6
                and raw.num_start - money.end <= _MONEY_REACH
                and (word not in ("de", "del") or determiner_after_de(text, raw.end))
                and last_measure(raws, i) is money
            ):
                copy_unit(raw, money)  # "costó 294.000 dólares ... los cientos de millones que"
            if (
                raw.unit is None
                and not raw.suffix
                and prev is not None
                and prev.unit in _CLAUSE_CARRIED_UNITS
                and _ends_clause(text, raw.end, word)
                and not SENTENCE_BREAK_RE.search(text, prev.end, raw.num_start)
                and 0.01 <= raw.number * raw.scale / max(prev.number * prev.scale, 1e-9) <= 100
            ):
                # "se vendieron 500.000 GPU y en 2023 más de 1,5 millones": the same things
                copy_unit(raw, prev)
            if (
                raw.unit is None
                and not raw.suffix
                and raw.scale >= 1e6
                and (
                    (
                        word not in ("de", "del")
                        and (
                            MONEY_CUE_RE.search(text, max(0, raw.start - 40), raw.start)
                            or MONEY_SUBJECT_RE.search(text, max(0, raw.start - 140), raw.start)
                        )
                    )
                    # "los 12.250 millones de fondos públicos": the noun after "de" is money
                    or DE_MONEY_NOUN_RE.match(text, raw.end)
                )
            ):
                # "... elevó la inversión hasta los 15.700 millones": a sum of money named as
                # one, in the currency the document has used, however far back; in a headline
                # or lead before any currency ("con una inversión de 6.300 millones ... $6.300
                # millones"), in the first currency the document names after it
                source = money or next(
                    (r for r in raws[i + 1 :] if r.unit in units.CURRENCIES), None
                )
                if source is not None:
                    copy_unit(raw, source)
                elif (currency := money_of_text(text)) is not None:
                    raw.unit = currency  # no currency written at all: the country's
            if raw.unit is None and not raw.suffix and word not in ("de", "del"):
                # "dará 5,8 millones de euros al centro ... Economía pondrá 5,8 millones": the
                # same amount named again, however far back, is in the same unit
                same = next((r for r in reversed(raws[:i]) if _same_amount(r, raw)), None)
                if same is not None:
                    copy_unit(raw, same)
            if raw.unit is None:
                last = None  # "30 millones de usuarios": a count ends the carry
        elif word == "unidades" and (counted := units_of_counted_noun(text, raw.end)) is not None:
            raw.unit, raw.end = counted  # "hasta 400.000 unidades de chips de IA": chips
        elif word == "unidades" and not units_of_noun(text, raw.end):
            # "alrededor de 500 unidades" of the GPUs just named; "456 unidades de
            # texturizado" names what it counts after "de"
            hardware = last_hardware(text, raw.num_start)
            if hardware is not None:
                raw.unit = hardware
                raw.end = next_word_end(text, raw.end)
        elif (
            prev is not None
            and not raw.has_scale
            and _OF_WHICH_RE.search(text, max(0, raw.start - 24), raw.start)
            and (
                prev.unit in _CLAUSE_CARRIED_UNITS
                or (prev.unit in CARRIED_UNITS and prev.has_scale)
            )
            and 0 < raw.number <= prev.number
        ):
            # "8,300 millones de dólares ..., de los cuales 3,000 irán a transmisión": a part of
            # that amount, its unit and scale left out
            copy_unit(raw, prev)
            raw.scale, raw.has_scale = prev.scale, prev.has_scale
        elif (
            prev is not None
            and prev.unit == "percent"
            and not raw.has_scale
            and 0 < raw.number <= 100
            and not is_year_candidate(raw)
            and _SHARE_ARTICLE_RE.search(text, max(0, raw.start - 8), raw.start)
            and not SENTENCE_BREAK_RE.search(text, prev.end, raw.num_start)
        ):
            # "el 45% es solar, el 30 eólica y el 25 hidráulica", "un 12% en 2023 y otro 8":
            # the shares of a list, the sign left out
            copy_unit(raw, prev)
        elif (
            prev is not None
            and word == "de"
            and prev.unit in CARRIED_UNITS
            and _PARALLEL_DE_RE.fullmatch(text, prev.end, raw.num_start)
        ):
            # "3 dólares por millón de tokens de entrada y 15 de salida": the same amount
            # of a parallel thing, the unit left out
            copy_unit(raw, prev)
            raw.scale, raw.has_scale = prev.scale, prev.has_scale
            raw.end = next_word_end(text, next_word_end(text, raw.end))
        elif (
            prev is not None
            and word == "de"
            and _PARTITIVE_RE.match(text, raw.end)
            and (
                (prev.unit in CARRIED_UNITS and prev.has_scale)
                or prev.unit in _CLAUSE_CARRIED_UNITS  # "12 núcleos, 4 de ellos ..."
            )
            and 0 < raw.number <= prev.number
        ):
            # "150 millones de euros ..., 20 de ellos para pymes": a part of that amount
            copy_unit(raw, prev)
            raw.scale, raw.has_scale = prev.scale, prev.has_scale
        elif (
            prev is not None
            and _ends_clause(text, raw.end, word)
            and (
                not SENTENCE_BREAK_RE.search(text, prev.end, raw.num_start)
                or estimate_of_last_measure(text, raw, prev)
            )
            and not is_year_candidate(raw)
            and not is_name_digits(text, raw)  # "... núcleos y usa la red Slingshot 11 de HPE"
            and not (
                word == "que" and _SET_PRONOUN_RE.search(text, max(0, raw.start - 40), raw.start)
            )
        ):
            if prev.unit in _CLAUSE_CARRIED_UNITS and _near(raw, prev):
                copy_unit(raw, prev)
            elif (
                prev.unit in CARRIED_UNITS
                and (
                    prev.has_scale
                    or prev.unit_factor != 1.0
                    or _GAPPING_RE.search(text, prev.end, raw.num_start)
                )
                and prev.kind != "bare"
                and prev.number > 0
                and 0.01 <= raw.number / prev.number <= 100
                # "... 600 millones de dólares y la contratación de personal a 600": the gap
                # names people, whom the number counts
                and not PEOPLE_GAP_RE.search(text, prev.end, raw.num_start)
                and not _APPOSED_NOUN_RE.match(text, raw.end)  # "hasta 600, los empleos"
            ):
                # "AWS ha comprometido 15.700 millones ... y Microsoft, más de 7.200.",
                # "93PFlops, con un máximo de 125,": the same unit and scale, left out
                copy_unit(raw, prev)
                raw.scale, raw.has_scale = prev.scale, prev.has_scale
        if not is_year_candidate(raw):
            prev = raw  # "de 415 TWh en 2024 a unos 945": a year is not the amount left out


def _near(raw: Raw, prev: Raw) -> bool:
    """Within 10^3 of ``prev``: *de 512 nodos a apenas 16*, not *17.000 millones ... usa 16*."""
    value, before = raw.number * raw.scale, prev.number * prev.scale
    return before <= 0 or 1e-3 <= value / before <= 1e3


def _same_amount(earlier: Raw, raw: Raw) -> bool:
    """``earlier`` is a scaled amount in a carried unit with the same number and scale."""
    return (
        earlier.unit in CARRIED_UNITS
        and earlier.has_scale
        and earlier.scale == raw.scale
        and earlier.number == raw.number
        and earlier.unit_factor == 1.0
    )


#: *20 de ellos*, *300 de los cuales*: a part of the amount just given.
_PARTITIVE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+de\s+(?:ell[oa]s|l[oa]s\s+cuales)(?!\w)", re.IGNORECASE
)
_DE_YEAR_RE: Final[re.Pattern[str]] = re.compile(r"\s*del?\s+(?:19|20)\d\d(?!\d|[.,]\d)")


#: *de* and a possessive or demonstrative, or *del* and a period: whose or when an amount is
#: (*los 2 de su antecesor*, *los 2.500 del año pasado*, *los 30 de este trimestre*).
_DE_WHOSE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:de\s+(?:su|sus|este|esta|estos|estas|ese|esa|esos|esas|aquel|aquella|nuestr[oa]s?)"
    r"|del\s+(?:año|mes|trimestre|semestre|ejercicio|periodo|período|pasado|anterior|mismo"
    r"|último|ultimo|primer|segundo|tercer|cuarto)"
    r"|de\s+(?:la|el|los|las)\s+(?:anterior|pasad[oa]s?|previ[oa]s?|competencia)"
    r"|del\s+(?:antecesor|predecesor|rival|competidor|original)"
    r"|(?:del|de\s+la)\s+[^\W\d_]+\s+(?:anterior|previ[oa]|pasad[oa]|actual|original|rival)"
    # a part of what was just counted: "300 servidores y 20 de los más potentes"
    r"|de\s+(?:los|las)\s+(?:m[áa]s|menos|mejores|peores|cuales)"
    r"|de\s+hace)(?!\w)",
    re.IGNORECASE,
)

#: A joiner and another number after a number: *ocho a doce capas*, *3 o 4 nodos*.
_JOINED_NUMBER_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:a|al|y|e|o|u|hasta)\s+(?:el\s+|la\s+|los\s+|las\s+)?"
    rf"(?:\d|(?i:{alternation(k for k, v in WORD_VALUES.items() if v >= 1)})(?!\w))",
    re.IGNORECASE,
)


def _ends_clause(text: str, pos: int, word: str) -> bool:
    """Nothing that could be a unit follows ``pos``: punctuation, a function word, or *de*
    and a name (*los 6912 del A100*)."""
    if not word:
        return bool(_CLAUSE_END_RE.match(text, pos))
    if word in ("de", "del"):
        if _DE_YEAR_RE.match(text, pos) or _DE_WHOSE_RE.match(text, pos):
            # "frente a los 540 de 2024", "los 2 de su antecesor", "los 2.500 del año
            # pasado": the phrase says whose or when the amount is, not what it counts
            return True
        m = re.compile(r"\s*\w+\s+(?P<n>\w)").match(text, pos)
        return m is not None and m.group("n").isupper()
    if _JOINED_NUMBER_RE.match(text, pos):
        return False  # "pasa de ocho a doce capas": the first of a range, its unit after it
    # "con casi 30 nuevas instalaciones": an adjective before the counted noun
    return word in FOLDED_STOP_WORDS and not counted_noun_follows(text, pos)


def resolve(text: str, raws: list[Raw]) -> None:
    """Share units across lists and ranges, then decide years and plain counts.

    ``entre 10 y 12 megavatios`` gives both ends megawatts (and qualifier ``entre``);
    ``millones, incluso miles de millones, de parámetros`` gives both parameters.
    """
    for i, raw in enumerate(raws):
        if raw.unit is None and is_decade(text, raw, raws[i - 1] if i > 0 else None):
            raw.number, raw.unit = 1900.0 + raw.number, "year"  # "los años 90"
        elif raw.unit is None and len(raw.numtext) == 4 and decade_suffix(text, raw):
            raw.unit = "year"  # "los 2000s": the decade, its first year
    compound_durations(text, raws)
    repeated_magnitudes(text, raws)
    shares_of_each(text, raws)
    share_units(text, raws)
    parts_of_the_next(text, raws)
    parts_of_a_whole(text, raws)
    named_pair(text, raws)
    unit_before_colon(text, raws)
    days_of_one_month(text, raws)
    scale_glosses(text, raws)
    _carry_units(text, raws)
    per_watt_inverted(text, raws)
    for i, raw in enumerate(raws):
        if raw.unit is None and i > 0 and not raw.suffix and not is_name_digits(text, raw):
            restate(text, raw, raws[i - 1])  # not "Nemo 12B" after "12 000 millones"
        if raw.unit is not None:
            continue
        if (is_name_digits(text, raw) and not named_list_item(text, raw, raws, i)) or (
            i > 0
            and raws[i - 1].drop
            and (
                DASH_GAP_RE.fullmatch(text[raws[i - 1].end : raw.num_start])
                or (
                    NAME_LIST_GAP_RE.fullmatch(text, raws[i - 1].end, raw.num_start)
                    and not counted_noun_follows(text, raw.end)
                )
            )
        ):
            # "Fab 21", "Horizonte Europa 2021-2027" whole, "GPT 3.5 o 4": the next version
            raw.drop = True
            continue
        if context_window(text, raw, raws[:i]):
            raw.unit = "tokens"  # "una ventana de contexto de 128K", "(<200k)": tokens
            continue
        if model_size(text, raw):
            raw.unit = "parameters"  # "servir modelos de 70B"
            continue
        if raw.suffix and not counted_noun_follows(text, raw.end, through_de=True):
            raw.drop = True  # "el modelo 175B": a name, not a quantity
            continue
        if is_year_candidate(raw):
            prev_is_year = (
                i > 0
                and raws[i - 1].unit == "year"
                and bool(RANGE_GAP_RE.fullmatch(text[raws[i - 1].end : raw.num_start]))
            )
            if prev_is_year or looks_like_year(text, raw):
                raw.unit = "year"
                continue
        raw.unit = "count"
    year_ranges(text, raws)
    scaled_bounds(text, raws)
    compared_sums(text, raws)
    decimals_of_the_sentence(text, raws)
