"""What the left context of a number says: its hedge, a rank, a top-N, a multiplier.

Part of :func:`helpers.text.quantities.find_quantities` (step 1, with
:mod:`helpers.text.reading`): :func:`finish_context` adds the qualifier (*más de*, *cerca
de*), a place in a ranking (*el puesto 5*, *el top 3*, *las diez mejores*, *#2*), the length
of a list (*el ranking de los 500 más potentes*, *173 sistemas entre los 500 más rápidos*) or
of a set (*de las cuatro universidades más importantes*), a multiplier (*multiplicó por siete*), half a
unit more (*dos años y medio*) and undoes *fracasos* when it is not a lost exponent.
"""

from __future__ import annotations

import re
from typing import Final

from helpers.text.context import (
    FOLDED_STOP_WORDS,
    HASH_RE,
    QUAL_RE,
    Raw,
    is_lost_exponent,
    next_word,
)
from helpers.text.names import in_address
from helpers.text.numbers import PLURAL_NUMBER_WORDS, fold

RANK_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:número|numero|núm\.|puesto|posición|posicion|lugar|n\.?\s?[º°]|no\.|n\.)\s*$",
    re.IGNORECASE,
)

#: *compromiso número 33*, *artículo número 5*: a noun before *número* makes it a label.
_LABEL_NUMBER_RE: Final[re.Pattern[str]] = re.compile(
    r"(?P<w>[^\W\d_]+)\s+(?:número|numero|núm\.|n\.?\s?[º°]|no\.|n\.)\s*$", re.IGNORECASE
)

#: *las diez mejores*, *las cien supercomputadoras más poderosas*: a place in a ranking.
_TOP_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:los|las)\s+(?:[\w.,]+\s+(?:o|u|y|e|a)\s+)?$", re.IGNORECASE
)

_TOP_RIGHT_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:mejores|principales|primer[oa]s|(?:[^\W\d_]+\s+)?(?:más|mas)\s+"
    r"(?:potentes|poderos[oa]s|rápid[oa]s|rapid[oa]s|grandes|avanzad[oa]s|veloces|importantes"
    r"|relevantes|eficientes|valios[oa]s|influyentes|innovador[ae]s|competitiv[oa]s"
    # any other plural adjective of a superlative: "las cinco más destacadas"
    r"|(?!(?:de|del|que|por|para|veces)\b)[^\W\d_]{4,}s)"
    # "entre las 10 ciudades con mayor capacidad": a superlative with "con"
    r"|(?:[^\W\d_]+\s+)?con\s+(?:(?:el|la|los|las)\s+)?(?:mayor(?:es)?|menor(?:es)?|más|mas)"
    r"\s+[^\W\d_]+)(?!\w)",
    re.IGNORECASE,
)

#: *entre las diez mayores centrales*: a place among the largest, a rank; *las dos mayores
#: computadoras* without *entre* is a set of them, a count.
_AMONG_LEFT_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)entre\s+(?:los|las)\s+$", re.I)
_LARGEST_RE: Final[re.Pattern[str]] = re.compile(r"\s+mayores(?!\w)", re.I)

#: *de los* and a number: *los primeros 200 de los 900 MW* (a part of that amount).
_OF_THE_NUMBER_RE: Final[re.Pattern[str]] = re.compile(r"\s+de\s+(?:los|las)\s+\d", re.I)

#: *las primeras 100*, *entre los primeros diez*: a top-N with the ordinal before the number.
_TOP_ORDINAL_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:los|las)\s+primer[oa]s\s+$", re.IGNORECASE
)

#: *una de las primeras 100*, *entre las primeras dos supercomputadoras de América Latina*:
#: the ordinal top-N after a partitive is a place of one thing, whatever noun follows.
_PARTITIVE_ORDINAL_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:un[oa]\s+de|entre|dentro\s+de)\s+(?:los|las)\s+primer[oa]s\s+$", re.IGNORECASE
)

#: *una de las 500 supercomputadoras*: one machine among a round number of machines is a place
#: in the list of that length (the TOP500 and its top 10, 50, 100), not the size of a set.
_ONE_OF_MACHINES_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)un[oa]\s+de\s+(?:los|las)\s+$", re.IGNORECASE
)
_MACHINES_RIGHT_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:supercomputador(?:a|e)s|superordenadores|supercomputadores|computadoras|ordenadores)"
    r"(?!\s+(?:que|de\s+(?:su|este|esta|la|el)\b))(?!\w)",
    re.IGNORECASE,
)
_LIST_LENGTHS: Final[frozenset[float]] = frozenset({10.0, 20.0, 50.0, 100.0, 500.0})

#: A weekday right before a day number: *el lunes 3 (hora local)*, a day without its month.
_WEEKDAY_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)\s+$", re.IGNORECASE
)

#: Nouns of a place in a ranking: *el puesto número dos* is a rank, not a label.
_PLACE_NOUNS: Final[frozenset[str]] = frozenset(
    {"puesto", "lugar", "sitio", "posicion", "plaza", "escalon", "peldano"}
)

#: *Los*/*Las* opening a sentence or a line: what follows is the sentence's subject.
_SUBJECT_TOP_RE: Final[re.Pattern[str]] = re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:Los|Las)\s+$")

#: Names joined by commas and *y*, then a comma or *para* before *los*/*las* and a top-N: the
#: members of the set it sizes when they are as many as it says (*Madrid y Barcelona, las dos
#: principales ciudades*, *escogió Barcelona, Bolonia y Kajaani para los tres superordenadores
#: más potentes*).
_NAME: Final[str] = r"[A-ZÁÉÍÓÚÑ][\w-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w-]*)?"
_APPOSITION_TOP_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?<![\w-])(?P<names>{_NAME}(?:,\s+{_NAME})*\s+(?:y|e)\s+{_NAME})"
    r"(?:,|\s+para)\s+(?:los|las)\s+$"
)

_LOS_END_RE: Final[re.Pattern[str]] = re.compile(r"(?:,|\spara)\s+(?:los|las)\s+$")


def _names_sized(text: str, pos: int, number: float) -> bool:
    """As many names as ``number``, joined by commas and *y*, end before ``pos``."""
    m = _APPOSITION_TOP_RE.search(text, max(0, pos - 100), pos)
    if m is None:
        return False
    names = m.group("names")
    return names.count(",") + 2 == number


_MAS_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)m[áa]s(?!\w)", re.IGNORECASE)

#: A multiplier written with a times sign after an article or preposition: *un x 5*, *hasta
#: ×3* (not the *x* between two numbers of a resolution, *1920 x 1080*).
_TIMES_SIGN_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:un|una|el|por|hasta|de|del|al|unos)\s+[x×]\s?$", re.IGNORECASE
)

#: *multiplicó por siete*, with a hedge between (*se multiplicó nada menos que por 44*, *casi
#: por diez*).
_MULTIPLIED_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)multipli(?:c|qu)\w*\s+(?:(?:nada\s+)?(?:m[áa]s|menos)\s+que\s+|casi\s+|hasta\s+"
    r"|al\s+menos\s+|por\s+lo\s+menos\s+)?por\s+$",
    re.IGNORECASE,
)

#: *dos años y medio*, *tres horas y media*: half a unit more.
_Y_MEDIO_UNIT_RE: Final[re.Pattern[str]] = re.compile(r"\s+y\s+medi[oa](?!\w)", re.IGNORECASE)

_TIME_UNITS: Final[frozenset[str]] = frozenset({"s", "hours", "days", "months", "years"})

#: *el top 3*, *entrar al top 500*: a top-N, a place in a ranking.
_TOP_WORD_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)top\s*$", re.IGNORECASE)

#: *la lista TOP 500*, *el ranking Top500*: the list's name, not a place in it.
_TOP_LIST_NAME_RE: Final[re.Pattern[str]] = re.compile(
    # "las listas top500 y green500": plural too
    r"(?<!\w)(?:listas?|listados?|r[áa]nkings?|clasificaci(?:[óo]n|ones))\s+(?:del?\s+)?top\s*$",
    re.IGNORECASE,
)

#: *el ranking de los 500 ... más potentes*, *167 de los 500 más potentes*: the length of a
#: list, a count.
#: A number word of two or more before the partitive counts too (*cinco de los 10 más
#: potentes*); *uno de los cien más potentes* is a place.
_LIST_OF_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:(?<!\w)(?:ranking|r[áa]nking|lista|listado|clasificaci[óo]n)|\d"
    rf"|(?<!\w)(?:{PLURAL_NUMBER_WORDS}))"
    r"\s+de\s+(?:los|las)\s+$",
    re.IGNORECASE,
)


#: A count of members before *entre los*: *173 clusters entre los 500 más rápidos* sizes the
#: list (like *167 de los 500 más potentes*).
_MEMBERS_AMONG_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:\d|(?<!\w)(?:" + PLURAL_NUMBER_WORDS + r"))\s+[^\W\d_]{3,}\s+entre\s+(?:los|las)\s+$",
    re.IGNORECASE,
)

#: A superlative set as the complement of a preposition (*recibe dinero de las cuatro
#: universidades más importantes*, *compite con los tres más grandes*): the set, a count;
#: after *uno de*, *entre* or *el grupo de* it is a place (:data:`_PLACE_OF_ONE_RE`), and so
#: after *a* (*entrar a los 500 más potentes*).
_COMPLEMENT_SET_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:de|con|para|por|sobre|ante)\s+(?:los|las)\s+$", re.IGNORECASE
)
_PLACE_OF_ONE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:un[oa]|grupo|club|[ée]lite|selecto|ranking|r[áa]nking|lista|listado"
    r"|clasificaci[óo]n|dentro)\s+de\s+(?:los|las)\s+$",
    re.IGNORECASE,
)

#: The ordinal adjectives of a top-N that can size a set of the noun after them.
_SET_TOP_WORDS: Final[frozenset[str]] = frozenset({"principales", "primeros", "primeras"})

#: *una de las*, *entre los*: a top-N of importance after them is a place in it.
_PARTITIVE_TOP_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:un[oa]\s+de|entre)\s+(?:los|las)\s+$", re.IGNORECASE
)


def _sizes_a_set(text: str, start: int, top: re.Match[str]) -> bool:
    """*Las N principales/primeras* and a noun that is not a place (*posiciones*, *puestos*).

    *Primeras* and a noun, or a clause about them, are the first N of a series (*una de las
    siete primeras fábricas*, *las siete primeras que aprobó*), a set; *principales* after *uno de*/*entre* is a place in a top-N (*una de las cinco
    principales empresas*, like *una de las cien más poderosas*)."""
    top_word = fold(top.group(0).strip())
    if top_word not in _SET_TOP_WORDS:
        return False
    if top_word == "principales" and _PARTITIVE_TOP_RE.search(text, max(0, start - 16), start):
        return False
    if _LOS_END_RE.search(text, max(0, start - 11), start):
        return False  # "Lima y Arequipa, las tres principales ciudades": the names decide
    word = next_word(text, top.end())
    if word == "que" and top_word != "principales":
        return True  # "una de las siete primeras que aprobó la Comisión": the first of a series
    if not word or word in FOLDED_STOP_WORDS or word in ("mas", "del"):
        return False
    singular = word[:-2] if word.endswith("es") else word[:-1] if word.endswith("s") else word
    return word not in _PLACE_NOUNS and singular not in _PLACE_NOUNS


def finish_context(text: str, raw: Raw) -> Raw:
    """Add what the left context says: qualifier, rank, multiplier; undo "fracasos"."""
    if raw.unit in _TIME_UNITS:
        half = _Y_MEDIO_UNIT_RE.match(text, raw.end)
        if half is not None:  # "dos años y medio"
            raw.number += 0.5
            raw.end = half.end()
    left = max(0, raw.start - 40)
    qm = QUAL_RE.search(text, left, raw.start)
    if qm is not None:
        q = " ".join(qm.group("q").lower().split())
        q = q[:-1] if q.endswith(" del") else q  # "más del 90 %" -> "más de"
        raw.qualifier = "hasta" if q == "de hasta" else q
        raw.start = qm.start()
    if raw.unit is None and RANK_RE.search(text, max(0, raw.num_start - 12), raw.num_start):
        label = _LABEL_NUMBER_RE.search(text, max(0, raw.num_start - 40), raw.num_start)
        if (
            label is not None
            and fold(label.group("w")) not in FOLDED_STOP_WORDS
            and fold(label.group("w")) not in _PLACE_NOUNS
        ) or in_address(text, raw.num_start):
            # "el compromiso número 33", "la calle Alfonso Gómez, número 4": a label, not a
            # position
            raw.drop = True
        raw.unit = "rank"
    if (
        raw.unit is None
        and _LARGEST_RE.match(text, raw.end)
        and _AMONG_LEFT_RE.search(text, max(0, raw.start - 16), raw.start)
    ):
        raw.unit = "rank"  # "estará entre las diez mayores centrales de su tipo"
    if raw.unit is None and _TOP_LEFT_RE.search(text, max(0, raw.start - 24), raw.start):
        top = _TOP_RIGHT_RE.match(text, raw.end)
        if top is not None:  # "las diez mejores", "las cien supercomputadoras más poderosas"
            # "el ranking de los 500 ... más potentes" is the list's length, a count
            listed = bool(
                _LIST_OF_RE.search(text, max(0, raw.start - 30), raw.start)
                or (
                    # "Los 500 superordenadores más rápidos se reparten ...", "Las tres más
                    # poderosas alcanzaron ...": the superlative set is the sentence's subject
                    _SUBJECT_TOP_RE.search(text, max(0, raw.start - 8), raw.start)
                    and _MAS_RE.search(top.group(0))
                )
            )
            if not listed and _MAS_RE.search(top.group(0)):
                # "173 clusters entre los 500 más rápidos": the list's length; "de las cuatro
                # universidades más importantes": a set, not the place of one thing
                before = text[max(0, raw.start - 40) : raw.start]
                listed = bool(
                    _MEMBERS_AMONG_RE.search(before)
                    or (_COMPLEMENT_SET_RE.search(before) and not _PLACE_OF_ONE_RE.search(before))
                )
            if (
                not listed
                and raw.number <= 12
                and _LOS_END_RE.search(text, max(0, raw.start - 11), raw.start)
            ):
                # "Madrid y Barcelona, las dos principales ciudades": the set its members,
                # named before, make up
                listed = _names_sized(text, raw.start, raw.number)
            if not listed and _sizes_a_set(text, raw.start, top):
                # "las siete primeras fábricas", "los 10 principales bancos": the set of the
                # noun that follows, not a place in a ranking
                listed = True
            raw.unit, raw.end = ("count" if listed else "rank"), top.end()
    if (
        raw.unit is None
        and raw.kind == "int"
        and 1 <= raw.number <= 31
        and _WEEKDAY_LEFT_RE.search(text, max(0, raw.num_start - 12), raw.num_start)
    ):
        # "el lunes 3 (hora local)": a day named without its month, which a date (YYYYMMDD)
        # cannot hold; a reference to a day, not an amount
        raw.unit, raw.drop = "date", True
    if raw.unit is None and _TOP_ORDINAL_LEFT_RE.search(text, max(0, raw.start - 16), raw.start):
        # "una de las primeras 100 más grandes", "entre las primeras dos": a top-N; "las
        # primeras 500 unidades" counts the noun that follows
        top = _TOP_RIGHT_RE.match(text, raw.end)
        word = next_word(text, raw.end)
        if (
            top is not None
            or not word
            or word in FOLDED_STOP_WORDS
            or _PARTITIVE_ORDINAL_LEFT_RE.search(text, max(0, raw.start - 26), raw.start)
        ) and not _OF_THE_NUMBER_RE.match(
            text, raw.end
        ):  # "los primeros 200 de los 900 MW": a part of an amount
            raw.unit = "rank"
            raw.end = top.end() if top is not None else raw.end
    if (
        raw.unit is None
        and raw.number in _LIST_LENGTHS
        and _ONE_OF_MACHINES_LEFT_RE.search(text, max(0, raw.start - 16), raw.start)
        and (machines := _MACHINES_RIGHT_RE.match(text, raw.end)) is not None
    ):
        raw.unit, raw.end = "rank", machines.end()  # "ser una de las 500 supercomputadoras"
    if raw.unit is None and _TOP_WORD_RE.search(text, max(0, raw.num_start - 5), raw.num_start):
        raw.unit = "rank"  # "el top 3", "entrar al top 500"
        # "integrar la lista TOP 500", "el ranking Top 500": the list's name
        raw.drop = bool(_TOP_LIST_NAME_RE.search(text, max(0, raw.num_start - 30), raw.num_start))
    if raw.unit is None and HASH_RE.search(text, max(0, raw.num_start - 2), raw.num_start):
        raw.unit, raw.start = "rank", text.rindex("#", 0, raw.num_start)  # "el #2"
        raw.drop = in_address(text, raw.start)  # "Calle 93 # 11-26": a door, not a place
    if raw.unit is None and (
        _MULTIPLIED_RE.search(text, max(0, raw.start - 25), raw.start)  # "por más de dos"
        or _MULTIPLIED_RE.search(text, max(0, raw.num_start - 45), raw.num_start)
        or _TIMES_SIGN_RE.search(text, max(0, raw.num_start - 12), raw.num_start)
    ):
        raw.unit = "times"
    if raw.fracasos and not is_lost_exponent(raw):
        # "tres fracasos" are three failures, not flops
        raw.unit, raw.unit_factor, raw.fracasos = None, 1.0, False
        raw.end = raw.num_start + len(raw.numtext)
    return raw
