"""Expressions of time: clock times, a restated month, compound durations, *un año* as an article.

Part of :func:`helpers.text.quantities.find_quantities`:

* a clock time is no quantity (like ``10:30``): *desde las 8 o 9 de la mañana*, *a las 10.30*,
  *hasta las 23 h* (:func:`is_clock_time`, called by :func:`helpers.text.reading.read_numeral`);
  *las 24 horas del día* and *a las 24 horas de su lanzamiento* stay durations;
* *el 25 del mismo mes de 2022* is a date in the month named last before it
  (:func:`month_of`);
* *una hora y un minuto*, *dos años y tres meses* (in words) are one duration in the smaller
  unit (:func:`compound_durations`, called by :func:`helpers.text.carry.resolve`);
* *un*/*una* before a noun of time is an article, not a duration, when an adjective or a
  relative clause follows it (*ha sido un año histórico*, *en un mes que no lo pedía*), in the
  idiom *de un día para otro*, or as the period of a habitual rate right after its verb (*lo
  que consumen en un año*) or named in its clause (*En un año, su consumo llega a ...*,
  *aporta 1.000 gigavatios a la red en un año.*) (:func:`article_of_time`, called by
  :func:`helpers.text.article.read_un`), and so is the period a figure is compared with
  (*un 24% más que un año antes*, *los 299 millones de un año antes*);
* a clock time in a time zone is no quantity either (*03.30 GMT*, *11.30 hora local*).
"""

from __future__ import annotations

import itertools
import re
from typing import Final

from helpers.text.context import Raw
from helpers.text.numbers import FOLDED_MONTHS, MONTHS, alternation, fold

__all__ = ["article_of_time", "compound_durations", "is_clock_time", "month_of"]

#: The preposition and article before a clock time: *a las*, *desde las*, *hasta la*.
_CLOCK_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    # not a comparison: "frente a las 12 horas actuales" (a duration)
    r"(?<!\w)(?:(?<!frente\s)a|desde|hasta|entre|sobre|hacia|de|pasadas|antes\s+de|despu[ée]s\s+de)"
    r"\s+(?:las|la)\s+(?:(?:[01]?\d|2[0-4])(?:[.:h,][0-5]\d)?\s+(?:o|u|y|a)\s+(?:las\s+)?)?$",
    re.IGNORECASE,
)
#: A second hour of a clock range before the period of the day: *8 o 9*, *8 y las 10*.
_CLOCK_NEXT_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:(?:o|y|a)\s+(?:las\s+)?(?:[01]?\d|2[0-4])(?:[.:h,][0-5]\d)?)?"
    r"(?:\s+de\s+la\s+(?:mañana|tarde|noche|madrugada)|\s*(?:[ap]\.\s?m\.|[ap]m\b|hs?\b|hrs?\b"
    r"|horas?(?!\s+(?:de|del|despu[ée]s|tras|siguientes|posteriores|m[áa]s|antes)\b))"
    r"|\s*(?:[,;)]|\.(?:\s|$)|$))",
    re.IGNORECASE,
)
#: The minutes of a clock time written with a dot, a comma or an *h*: *10.30*, *14h00*.
_MINUTES_RE: Final[re.Pattern[str]] = re.compile(r"(?:[01]?\d|2[0-4])[.,h][0-5]\d$")


#: A time zone or *hora local* after a clock time: *03.30 GMT*, *11.30 hora local*.
_TIME_ZONE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:GMT|UTC|CET|CEST|EST|EDT|PST|PDT|(?i:hora\s+(?:local|peninsular|de\s+\w+)|h\.?\s+locales?))"
    r"(?![\w])"
)


def is_clock_time(text: str, start: int, end: int) -> bool:
    """Whether the numeral ``text[start:end]`` is the hour of a clock time."""
    digits = text[start:end]
    if _MINUTES_RE.match(digits) and _TIME_ZONE_RE.match(text, end):
        return True  # "(03.30 GMT)", "a las 11.30 hora local": a time in a zone
    if not _CLOCK_LEFT_RE.search(text, max(0, start - 30), start):
        return False
    if _MINUTES_RE.match(digits):
        return True  # "a las 10.30"
    return digits.isdigit() and int(digits) <= 24 and bool(_CLOCK_NEXT_RE.match(text, end))


_MONTH_NAME_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?<!\w)(?i:{alternation(MONTHS)})(?!\w)", re.IGNORECASE
)


def month_of(text: str, m: re.Match[str]) -> int:
    """The month of a date match of :data:`helpers.text.numbers.NUMERAL_RE`: its name, or for
    *del mismo mes* the month named last before it (0 when there is none)."""
    if m.group("month") is not None:
        return FOLDED_MONTHS[fold(m.group("month"))]
    found = list(_MONTH_NAME_RE.finditer(text, max(0, m.start() - 400), m.start()))
    return FOLDED_MONTHS[fold(found[-1].group(0))] if found else 0


#: How many of the smaller unit make one of the larger: *una hora y un minuto* is in seconds.
_IN_SMALLER: Final[dict[tuple[str, str], float]] = {
    ("years", "months"): 12.0,
    ("days", "hours"): 24.0,
    ("hours", "s"): 3600.0,
    ("days", "s"): 86400.0,
}
_AND_RE: Final[re.Pattern[str]] = re.compile(r",?\s+(?:y|e)\s+")


def compound_durations(text: str, raws: list[Raw]) -> None:
    """*una hora y un minuto*, *dos años y tres meses*: a duration and a smaller one joined
    by *y*, both in words, are one duration, in the smaller unit (the second is dropped);
    digits stay two amounts (*2 horas y 30 minutos*, as ``tests/test_text.py`` has it)."""
    for a, b in itertools.pairwise(raws):
        factor = _IN_SMALLER.get((a.unit or "", b.unit or ""))
        if factor is None or a.kind != "words" or b.kind != "words" or a.drop or b.drop:
            continue
        if not _AND_RE.fullmatch(text, a.end, b.start) or b.qualifier:
            continue
        total = a.number * a.scale * a.unit_factor * factor + b.number * b.scale * b.unit_factor
        a.number, a.scale, a.unit_factor, a.unit, a.end = total, 1.0, 1.0, b.unit, b.end
        b.drop = True


_TIME_NOUN: Final[str] = r"(?:años?|mes(?:es)?|d[íi]as?|semanas?|horas?|minutos?|d[ée]cadas?)"
#: An adjective or a relative clause after the noun of time: *un año histórico*, *un mes
#: que*, *un año menos ventoso*, *de un día para otro* (not *un año completo*, *un año
#: después*, *un mes más*).
_ARTICLE_RIGHT_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:que|en\s+(?:el|la)\s+que|en\s+que|donde|cuando|para\s+otro|a\s+otro|al\s+otro"
    r"|(?:m[áa]s|menos|muy|tan)\s+(?!tarde|temprano|antes|despu[ée]s|de\b|que\b)[^\W\d_]{4,}"
    r"|r[ée]cord|clave|dif[íi]cil|duro|mal[oa]|buen[oa]|negr[oa]|especial|excepcional|crucial"
    r"|decisiv[oa]|intens[oa]|complicad[oa]|convuls[oa]|extraordinari[oa]|importante"
    r"|f[áa]cil|sencill[oa]|feliz|tranquil[oa]|agitad[oa]|movid[oa]|turbulent[oa]|redond[oa]"
    r"|positiv[oa]|negativ[oa]|productiv[oa]|excelente|p[ée]sim[oa]|floj[oa]|d[ée]bil|fuerte"
    r"|brillante|espectacular|(?:des)?favorable|decepcionante|fruct[íi]fer[oa]|inolvidable"
    r"|[^\W\d_]{3,}(?:ic[oa]|os[oa]|ble|ísim[oa]))(?!\w)",
    re.IGNORECASE,
)
#: What makes *un año que ...* a duration all the same: *hace un año que*, *desde hace*, *hace
#: más de una década que*.
_DURATION_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:hace|durante|tras|dentro\s+de|al\s+cabo\s+de|en\s+s[oó]lo|en\s+apenas)"
    r"(?:\s+(?:casi|justo|s[oó]lo|apenas|ya|exactamente|aproximadamente|(?:poco\s+)?m[áa]s\s+de"
    r"|menos\s+de|cerca\s+de|alrededor\s+de))?\s+$",
    re.IGNORECASE,
)
#: The verbs of a quantity per period that both rules below read (*consumen*, *aporta*).
_RATE_VERBS: Final[str] = (
    r"consumen?|gastan?|producen?|generan?|emiten?|facturan?|aportan?|ahorran?|venden?|exportan?"
)
#: A verb of a habitual rate right before *en un año*: *la energía que consumen en un año*.
_RATE_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?<!\w)(?:{_RATE_VERBS}|usan?|utilizan?|ingresan?|procesan?|importan?|recauda[n]?|ganan?"
    r"|pierden?|pierde|fabrican?|instalan?)\s+en\s+$",
    re.IGNORECASE,
)
_TIME_NOUN_RE: Final[re.Pattern[str]] = re.compile(rf"\s+{_TIME_NOUN}(?!\w)", re.IGNORECASE)

#: *un mes de agosto*: the article of a month named after it, not a duration of one month.
_NAMED_MONTH_RE: Final[re.Pattern[str]] = re.compile(
    rf"\s+mes\s+de\s+(?:{alternation(MONTHS)})(?!\w)", re.IGNORECASE
)


#: *antes* closing a period (*un año antes.*), not *antes de* (*un año antes de lo previsto*),
#: after the term of a comparison (*más que*, *el doble que*, *de*, *frente a*) or an amount
#: (*$0.67 por acción un año antes*, *(L5.53 un año antes)*): the time compared with.
_BEFORE_RIGHT_RE: Final[re.Pattern[str]] = re.compile(r"\s+(?:antes|atr[áa]s)(?!\s+de\b)", re.I)
_COMPARED_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:(?<!\w)(?:que|de|del|frente\s+a|respecto\s+(?:a|de)|contra)|[\d%)])\s+$", re.I
)

#: *En un año,* opening a sentence, or *en un año.* closing one.
_EN_OPENS_RE: Final[re.Pattern[str]] = re.compile(r"(?:^|[.!?:;]\s+|\n)[Ee]n\s+$")
_EN_LEFT_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)en\s+$")

#: A verb or noun of a quantity per period in the clause: *su consumo llega a*, *aporta ...*.
_RATE_WORD_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:consum[eo]n?|gast[ao]n?|produce|producen|producci[óo]n|generan?|generaci[óo]n"
    r"|emiten?|emisiones|aportan?|demandan?|facturan?|factura(?:ci[óo]n)?|ingresos|ahorran?"
    r"|exportan?|venden?|ventas)(?!\w)",
    re.IGNORECASE,
)


#: The verbs alone (*aporta*, *consumen*), for *en un año* closing the clause: *las ventas
#: crecieron en un año* names no rate.
_RATE_VERB_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?<!\w)(?:{_RATE_VERBS}|demandan?)(?!\w)", re.IGNORECASE
)


def _rate_of_the_clause(text: str, start: int, end: int) -> bool:
    """*un año* after *en* is the period of a rate named in its clause, when *En un año,*
    opens the sentence (*En un año, su consumo llega a ...*) or *en un año.* closes it (*aporta
    1.000 gigavatios a la red en un año.*)."""
    if _EN_OPENS_RE.search(text, max(0, start - 6), start) and text[end : end + 1] == ",":
        clause = text[end : end + 80]
        found = re.search(r"[.;!?]\s", clause)
        return bool(_RATE_WORD_RE.search(clause[: found.start() if found else None]))
    if _EN_LEFT_RE.search(text, max(0, start - 4), start) and text[end : end + 1] in (".", ";"):
        left = text[max(0, start - 100) : start]
        stop = max(left.rfind(". "), left.rfind("; "))
        return bool(_RATE_VERB_RE.search(left[stop + 1 :]))
    return False


def article_of_time(text: str, start: int, end: int) -> bool:
    """Whether *un*/*una* at ``text[start:end]`` is the article of a noun of time that
    follows it, not the number of a duration (see the module's docstring)."""
    noun = _TIME_NOUN_RE.match(text, end)
    if noun is None:
        return False
    if _NAMED_MONTH_RE.match(text, end):
        return True  # "cifras récord para un mes de agosto": which month, not how long
    if _BEFORE_RIGHT_RE.match(text, noun.end()) and _COMPARED_LEFT_RE.search(
        text, max(0, start - 16), start
    ):
        return True  # "un 24% más que un año antes": the point compared with, not a duration
    if _RATE_LEFT_RE.search(text, max(0, start - 24), start):
        return True  # "lo que consumen en un año": a rate's period
    if _rate_of_the_clause(text, start, noun.end()):
        return True  # "En un año, su consumo llega a 7.285 millones de kWh": the same
    return bool(_ARTICLE_RIGHT_RE.match(text, noun.end())) and not _DURATION_LEFT_RE.search(
        text, max(0, start - 30), start
    )
