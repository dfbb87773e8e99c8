"""*un*, *una*, *uno*: an article, a pronoun or the number one.

Part of :func:`helpers.text.quantities.find_quantities` (step 1, called by
:func:`helpers.text.reading.read_numeral`). *Un modelo* and *Uno de los ejemplos* are not
quantities; *un exaflop*, *una semana*, *un millón* are (a measurement, a duration or a scale
follows), and so is *un*/*una* that the sentence makes a number:

* stressed: *una sola GPU* (:func:`read_sola`), *solo uno se quedará*, *solo un centro de
  datos*, *una adicional*;
* one of a list of counts, a ratio or a distribution: *dos procesadores CPU y una tarjeta
  GPU*, *cuatro caracteres corresponden a un token*, *una ficha cada uno*;
* a bound of a range or a list (*de uno a tres cables*, *uno o más*), a place (*el número
  uno*), after a comparative hedge (*más de un sistema*).

It is no amount as the denominator of a price (*un kilovatio hora costó 13 centavos*) or as
an ordinal (*un segundo plano*). :func:`read_un` decides, on the :class:`~helpers.text.context.Raw`
the reader has built.
"""

from __future__ import annotations

import re
from typing import Final

from helpers.text import units
from helpers.text.context import (
    NEXT_WORD_RE,
    Raw,
    counted_noun_follows,
    next_word_end,
)
from helpers.text.counted import COUNTED_NOUNS, NOUN_UNITS
from helpers.text.leftcontext import RANK_RE
from helpers.text.numbers import PLURAL_NUMBER_WORDS, WORD_VALUES, alternation, fold
from helpers.text.timeexpr import article_of_time
from helpers.text.unitmatch import apply_unit, match_unit

__all__ = ["read_sola", "read_un"]

#: *de* after *uno*: *uno de US$ 10.000 millones* (a pronoun, the amount after it).
_OF_RE: Final[re.Pattern[str]] = re.compile(r"\s+de\s", re.IGNORECASE)

#: *uno de cada cinco*: the numerator of a share (:func:`helpers.text.neighbours.shares_of_each`).
_OF_EACH_RE: Final[re.Pattern[str]] = re.compile(r"\s+de\s+cada\s+", re.IGNORECASE)

#: *una sola GPU*; also *una sola* with its noun left out (*usar sus partes como una sola,*).
_SOLO_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:s[oó]l[oa]|únic[oa]|unic[oa])(?:\s+|(?=[,;:)]|\.(?:\s|$)))", re.IGNORECASE
)


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


#: *uno a tres*, *una o dos*: *uno* opening a range or list of numbers is a number.
_UN_RANGE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:a|al|y|o|u)\s+(?:\d|(?:dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)(?!\w))",
    re.IGNORECASE,
)


#: A comparative hedge before *un*/*una*: *más de un sistema*, *menos de una docena* (not
#: *solo un*, which is as often *just a* as *only one*).
_UN_HEDGE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:m[áa]s|menos)\s+de\s+$", re.IGNORECASE
)

#: *un*/*una* after another count and *y*: *dos procesadores CPU y una tarjeta GPU* (digits or a
#: number word of two or more, its noun, perhaps a capitalised modifier, then *y*).
_UN_LISTED_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?:\d|(?<!\w)(?:{PLURAL_NUMBER_WORDS}))"
    r"\s+[^\W\d_][\w-]*(?:\s+[A-Z][\w-]*)?\s+(?:y|e)\s+$",
    re.IGNORECASE,
)

#: *un*/*una* as the next item of an enumeration of two or more counts: *530 puestos, 35 salas
#: de reuniones, dos aulas y un auditorio* (each item a numeral, its noun and up to two more
#: words, the items joined by commas, the last one by a comma or *y*).
_COUNT_ITEM: Final[str] = (
    rf"(?:\d[\d.,]*|(?<!\w)(?:{PLURAL_NUMBER_WORDS}))"
    r"\s+(?!(?:mil|millones|mill[oó]n|billones|bill[oó]n|millardos?|por|de|del)\b)"
    r"[^\W\d_][\w-]*(?:\s+(?!(?:y|e|un|una)\s)[^\W\d_][\w-]*){0,2}"
)
_UN_COUNT_LIST_RE: Final[re.Pattern[str]] = re.compile(
    rf"{_COUNT_ITEM}\s*,\s*{_COUNT_ITEM}\s*(?:,|\s(?:y|e))\s+$", re.IGNORECASE
)

#: A ratio before *un*/*una*: *cuatro caracteres corresponden a un token*, *equivale a una*.
_UN_RATIO_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:equivalen?|corresponden?|equival[ií]an?|correspond[ií]an?)\s+a\s+$",
    re.IGNORECASE,
)

#: A distribution after the noun of *un*/*una*: *una ficha cada uno*, *un data center cada una*.
_UN_EACH_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:\s+[^\W\d_][\w-]*){1,2}\s+cada\s+un[oa](?!\w)", re.IGNORECASE
)


#: The noun after *un*/*una* opens an amount of its own: *un complejo de 500 megavatios*, *un
#: máximo de 24567 núcleos* (the article of a phrase whose number comes after *de*).
_UN_NOUN_OF_NUMBER_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?\s+del?\s+(?:\d|m[áa]s\s|unos\s)", re.IGNORECASE
)

#: Scale words, which are not the noun of the count before *y un*: *3.000 millones y un ...*.
_SCALE_NOUN_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:mil|millones|mill[oó]n|billones|bill[oó]n|millardos?)\s+(?:y|e)\s+$", re.IGNORECASE
)


def _un_is_counted(text: str, start: int, end: int, unit: str | None) -> bool:
    """*un*/*una* before a noun (``end`` is the end of the article) counts one thing in a list
    of counts of hardware (``unit``: *y una tarjeta GPU*), a ratio or a distribution (*uno*
    alone is a pronoun)."""
    if (
        fold(text[start:end]) not in ("un", "una")
        or not counted_noun_follows(text, end)
        or _UN_NOUN_OF_NUMBER_RE.match(text, end)
    ):
        return False
    listed = _UN_LISTED_RE.search(text, max(0, start - 60), start)
    if (
        unit not in NOUN_UNITS
        or unit == "count"
        or (listed is not None and _SCALE_NOUN_RE.search(text, listed.start(), start))
    ):
        listed = None  # "40 procesadores y una página web": an article
    return bool(
        listed
        or (
            # cheap tests first: the item before ends in a comma or "y", and a comma precedes
            text[max(0, start - 3) : start].endswith((", ", " y ", " e "))
            and text.count(",", max(0, start - 120), start - 3) > 0
            and _UN_COUNT_LIST_RE.search(text, max(0, start - 120), start) is not None
        )
        or _UN_RATIO_RE.search(text, max(0, start - 24), start)
        or _UN_EACH_RE.match(text, end)
    )


#: *un*/*una* and a unit as the denominator of a price: *el precio de un kilovatio hora*, *un
#: kWh costó 13 centavos*, *cobra por un gigabyte*.
_UN_PRICE_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:por|(?:precio|costo|coste|tarifa|valor)(?:\s+(?:medio|promedio))?\s+del?)\s+$",
    re.IGNORECASE,
)
_UN_PRICE_RIGHT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:\s*\([^()]{1,12}\))?(?:\s+(?!(?:y|e|o|u|pero|que)\b)[^\W\d_]+){0,2}?\s+"
    r"(?:cost[óo]|cuesta|costaba|costar[áa]|vale|val[ií]a|se\s+cotiz\w+|se\s+pag\w+)(?!\w)",
    re.IGNORECASE,
)


#: *solo*, *solamente* before *un*/*uno*/*una*: one, stressed (*solo uno se quedará*).
_SOLO_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:s[oó]lo|solamente|[uú]nicamente)\s+"
    # an existential verb between: "solo hay una posición", "solo queda un centro"
    r"(?:(?:hay|habr[áa]|hab[íi]a|queda|quedar[áa]|quedaba|existe|existir[áa])\s+)?$",
    re.IGNORECASE,
)

#: *no es solo un ...* (*sino ...*): "not only a", an article.
_NOT_ONLY_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)no\s+(?:es|son|era|eran|fue|fueron|ser[áa]n?|ser[íi]an?)\s+"
    r"(?:s[oó]lo|solamente|[uú]nicamente)\s+$",
    re.IGNORECASE,
)

#: *de una (sola) vez*, *de un solo golpe*: "at once", no count.
_AT_ONCE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:sol[oa]\s+|[uú]nic[oa]\s+)?(?:vez|golpe|tir[oó]n|plumazo)(?!\w)", re.I
)
_DE_LEFT_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)de\s+$", re.IGNORECASE)

#: What makes *solo un*/*una* an article: a numeral (*solo un 5%*), a word of a part or a few
#: (*solo un puñado*, *solo una pequeña parte*), or *de* after *uno* (*solo uno de sus
#: efectos*, a pronoun).
_NOT_ONE_NEXT_RE: Final[re.Pattern[str]] = re.compile(
    rf"\s+(?:\d|(?:{alternation(WORD_VALUES)}|decena|docena|centenar|millar|par|puñado|poc[oa]"
    r"|pequeñ[oa]|parte|porcentaje|fracci[óo]n|minor[íi]a|tercio|cuarto|tanto|del?)(?!\w))",
    re.IGNORECASE,
)

#: *una adicional*, *una más.*: one more of the things just counted.
_UN_MORE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:adicional(?:es)?|extra|m[áa]s(?=\s*(?:[.,;:)]|$)))(?!\w)", re.IGNORECASE
)


def read_sola(text: str, raw: Raw, end: int) -> bool:
    """*una sola GPU*, *un único chip*: ``raw`` (the *un*/*una* ending at ``end``) is one of
    what follows; return whether it was read so."""
    solo = _SOLO_RE.match(text, end)
    if solo is None or (
        _AT_ONCE_RE.match(text, end)
        and _DE_LEFT_RE.search(text, max(0, raw.num_start - 4), raw.num_start)
    ):
        return False  # "lo abarca de una sola vez": at once
    if not text[solo.end() - 1].isspace():  # "como una sola,": one, its noun left out
        raw.unit, raw.end, raw.is_un = "count", solo.end(), False
        return True
    # look for the unit from the last space, so that it counts as spaced
    found = match_unit(text, solo.end() - 1, allow_de=False)
    if found is not None:
        apply_unit(raw, text, found[0], found[2], found[1].start())
    else:
        word = NEXT_WORD_RE.match(text, solo.end())
        # "un solo núcleo", "un único nodo": the counted noun's unit, in the singular
        raw.unit = COUNTED_NOUNS.get(fold(word.group(0)), "count") if word else "count"
        raw.end = word.end() if word is not None else solo.end()
    raw.is_un = False
    return True


#: *uno* (or *una* before a preposition) as the pronoun of one item beside another count of its
#: clause: *tres de ellos ya operativos (...) y uno en desarrollo*, *uno estará en Armstrong y
#: dos en Haskell*; not *uno de los*, *cada uno*, *una empresa*.
_ONE_PRONOUN_NEXT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?!\s+de\s)(?:\s+(?:en|a|al|para|con|por|sin|estar[áa]|est[áa]|queda|qued[óo]|ser[áa])\b|\s*[,;.)])",
    re.IGNORECASE,
)
_ONE_AFTER_COUNT_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?:\d|(?<!\w)(?:{PLURAL_NUMBER_WORDS})\b)[^.;:!?\d]{{0,80}}\s(?:y|e)\s+$", re.IGNORECASE
)
_ONE_BEFORE_COUNT_RE: Final[re.Pattern[str]] = re.compile(
    rf"[^.;:!?\d]{{0,80}}?\s(?:y|e)\s+(?:\d|(?:{PLURAL_NUMBER_WORDS})\s+(?:en|a|al|para|con|por|de\s+ell[oa]s)\b)",
    re.IGNORECASE,
)
#: *De los dos campus, uno estará en Sevilla*: one of a set just counted.
_ONE_OF_SET_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?<!\w)de\s+(?:los|las)\s+(?:\d+|(?:{PLURAL_NUMBER_WORDS})\b)[^.;:!?\d]{{1,70}},\s*$",
    re.IGNORECASE,
)
_EACH_LEFT_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)cada\s+$", re.IGNORECASE)


def _one_of_counts(text: str, s: int, e: int) -> bool:
    """*uno* beside another count of its clause (:data:`_ONE_PRONOUN_NEXT_RE`)."""
    if fold(text[s:e]) not in ("uno", "una") or not _ONE_PRONOUN_NEXT_RE.match(text, e):
        return False
    if _EACH_LEFT_RE.search(text, max(0, s - 8), s):
        return False
    return bool(
        _ONE_AFTER_COUNT_RE.search(text, max(0, s - 120), s)
        or _ONE_OF_SET_LEFT_RE.search(text, max(0, s - 100), s)
        or _ONE_BEFORE_COUNT_RE.match(text, e)
    )


def read_un(text: str, raw: Raw, numtext: str, o_mas: bool) -> bool:
    """Whether *un*/*una*/*uno* (``numtext``, read into ``raw`` with what follows it) is the
    number one; ``False`` for an article or a pronoun. ``o_mas`` says *o más* follows."""
    s = raw.num_start
    # "un"/"una" is an article unless it introduces a measurement or a scale
    if (
        raw.unit == "s"
        and fold(text[s + len(numtext) : raw.end]).strip().startswith("segund")
        and counted_noun_follows(text, raw.end)
    ):
        return False  # "un segundo plano", "un segundo chip": an ordinal (not "un minuto")
    if fold(numtext) == "uno" and raw.unit is not None and _OF_RE.match(text, s + len(numtext)):
        return False  # "figura uno de US$ 10.000 millones": the pronoun, its amount after it
    if not raw.has_scale and article_of_time(text, s, s + len(numtext)):
        return False  # "ha sido un año histórico", "en un mes que": an article
    if raw.unit not in (None, *units.CURRENCIES) and (
        _UN_PRICE_LEFT_RE.search(text, max(0, s - 30), s) or _UN_PRICE_RIGHT_RE.match(text, raw.end)
    ):
        return False  # "un kilovatio hora costó 13.48 centavos": a price's denominator
    if raw.has_scale or (raw.unit in _UN_OK_UNITS):
        raw.is_un = False
    elif RANK_RE.search(text, max(0, s - 12), s):
        raw.unit = "rank"
        raw.is_un = False
    elif o_mas:
        raw.is_un = False  # "uno o más": a number, not an article
    elif fold(numtext) in ("uno", "una") and (
        _UN_RANGE_RE.match(text, raw.end) or _OF_EACH_RE.match(text, raw.end)
    ):
        raw.is_un = False  # "de uno a tres cables", "uno de cada cinco": a number
    elif (
        (
            _SOLO_LEFT_RE.search(text, max(0, s - 14), s)
            and not _NOT_ONLY_LEFT_RE.search(text, max(0, s - 30), s)
        )
        or _UN_MORE_RE.match(text, s + len(numtext))
    ) and not _NOT_ONE_NEXT_RE.match(text, s + len(numtext)):
        # "solo uno se quedará", "solo un centro de datos", "más una adicional": one,
        # stressed; not "solo un 5%" (the number is the 5)
        if raw.unit is None:
            raw.unit = "count"
            if counted_noun_follows(text, s + len(numtext)):
                raw.end = next_word_end(text, s + len(numtext))
        raw.is_un = False
    elif _un_is_counted(text, s, s + len(numtext), raw.unit):
        # "dos procesadores CPU y una tarjeta GPU", "una ficha cada uno", "cuatro
        # caracteres corresponden a un token": one of a list, a distribution or a ratio
        if raw.unit is None:
            raw.unit, raw.end = "count", next_word_end(text, raw.end)
        raw.is_un = False
    elif raw.unit is None and _one_of_counts(text, s, s + len(numtext)):
        raw.unit = "count"  # "tres de ellos operativos y uno en desarrollo"
        raw.is_un = False
    elif _UN_HEDGE_RE.search(text, max(0, s - 12), s) and counted_noun_follows(text, raw.end):
        raw.unit = raw.unit or "count"  # "más de un sistema": the hedge makes it a number
        raw.end = next_word_end(text, raw.end)
        raw.is_un = False
    else:
        return False
    return True
