"""The record a quantity is assembled in, and the look-arounds every reading rule shares.

:class:`Raw` is one quantity being read (number, scale, unit factor, qualifier, flags, and
what the rules have learnt about it); the functions here look at the words around it: the next
word, whether a counted noun follows, whether a four-digit number is a year or a count
(:func:`looks_like_year`), whether ``1018`` is a lost exponent; and the vocabulary of hedges
(:data:`QUAL_RE`) and of written-out fractions and powers of ten (:data:`FRACTION_RE`,
:data:`POWER_WORDS_RE`). Every other step of :func:`helpers.text.quantities.find_quantities`
builds on it, so its names are public; callers outside the package use
:func:`helpers.text.quantities_of` and the tables instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from spacy.lang.es.stop_words import STOP_WORDS

from helpers.text.numbers import (
    MONTHS,
    alternation,
    fold,
)

WS_RE: Final[re.Pattern[str]] = re.compile(r"[ \t\u00a0\u202f\u2009]*")

DE_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:,\s*)?de\s+", re.IGNORECASE)

NEXT_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[^\W\d_][\w\-]*")

_YEAR_STRONG_CUE_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?<!\w)(?:en|desde|hasta|para|del|año|años|antes\s+de|después\s+de|a\s+partir\s+de"
    rf"|finales\s+de|principios\s+de|mediados\s+de|tras|durante|hacia|entre|verano\s+de"
    rf"|invierno\s+de|primavera\s+de|otoño\s+de|(?:{alternation(MONTHS)})(?:\s+del?)?|el\s+año"
    rf"|todo\s+el|(?<!\d\s)el"
    rf"|en\s+el|de\s+cara\s+a|[QTHS][1-4]|FY|(?:este|ese|aquel)(?:\s+mismo)?|mismo)\s*$",
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

#: Words that end a stretch in which a unit is carried over (a sentence end, a line break).
SENTENCE_BREAK_RE: Final[re.Pattern[str]] = re.compile(r"[.!?](?:\s|$)|\n")

FOLDED_STOP_WORDS: Final[frozenset[str]] = frozenset(fold(w) for w in STOP_WORDS)

#: The hedges a number may carry (*más de*, *unos*, *superan*): the ``qualifier`` column.
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
    "cuando menos",
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

QUAL_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?<![\w.])(?P<q>{alternation(_QUALIFIERS)})\s+(?:(?:los|las|el|la|un|una)\s+)?$",
    re.IGNORECASE,
)

@dataclass
class Raw:
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
    local: bool = False
    dollar_sign: bool = False
    negative: bool = False  # a minus sign before the digits ("llega a -7.8%")
    bare_prefix: float = 0.0  # "67.4 megas": an SI prefix whose unit the text gave before
    # what helpers.text.names.is_name_digits last said of this numeral, with the fields it
    # read: the passes of one reading ask it up to four times of the same numeral
    name_memo: tuple[tuple[object, ...], bool] | None = field(
        default=None, repr=False, compare=False
    )

def copy_unit(dst: Raw, src: Raw) -> None:
    """Give ``dst`` the unit of ``src`` (with its factors and whether it is the local peso)."""
    dst.unit, dst.unit_factor, dst.prefix_factor = src.unit, src.unit_factor, src.prefix_factor
    dst.local, dst.dollar_sign = src.local, src.dollar_sign

def is_lost_exponent(raw: Raw) -> bool:
    """``1018`` next to a FLOP unit without prefix: 10^18 with the superscript lost."""
    if raw.kind != "int" or raw.has_scale or raw.prefix_factor != 1.0:
        return False
    m = re.fullmatch(r"10(\d{1,2})", raw.numtext)
    return m is not None and 6 <= int(m.group(1)) <= 30

def is_year_candidate(raw: Raw) -> bool:
    """A bare four-digit integer that could be a calendar year."""
    return (
        raw.unit is None
        and raw.kind == "int"
        and not raw.has_scale
        and len(raw.numtext) == 4
        and 1900 <= raw.number <= 2100
    )

#: The count hedges that also put a date approximately (*en torno a 2027*, *al menos 2030*).
_ABOUT_A_TIME: Final[frozenset[str]] = frozenset(
    {"alrededor de", "en torno a", "cerca de", "aproximadamente", "al menos", "por lo menos"}
)

#: Punctuation that closes a clause, or the end of the text, right after a number.
_CLOSES_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:[.;:)]|,\s|$)")

def looks_like_year(text: str, raw: Raw) -> bool:
    """Decide year vs count for a four-digit number from 1900 to 2100.

    A count when a count hedge precedes it (*más de 2000 empresas*), unless the hedge can put a
    date and the clause ends on the number (*en torno a 2027.*); a year after a temporal word
    (*en*, *desde*, *para*, *hasta*, *durante*, *noviembre de* ...); otherwise a count only if a
    lower-case content word follows (*2000 empresas*, but *2023 fue*, *2023 sobre*).
    """
    left = text[max(0, raw.num_start - 30) : raw.num_start]
    if raw.qualifier in _COUNT_QUALIFIERS:
        # "más de 2000 empresas", but "chips avanzados en torno a 2027." ends on the year
        return raw.qualifier in _ABOUT_A_TIME and bool(_CLOSES_RE.match(text, raw.end))
    if _YEAR_STRONG_CUE_RE.search(left):
        return True
    ws = WS_RE.match(text, raw.end)
    nxt = NEXT_WORD_RE.match(text, ws.end() if ws is not None else raw.end)
    if nxt is None:
        return True
    word = nxt.group(0)
    gap = text[raw.end : nxt.start()]
    if gap.strip():
        return True
    key = fold(word)
    return (
        word[0].isupper()
        or key in _NOT_A_COUNTED_NOUN
        or key in FOLDED_STOP_WORDS
        # "una iglesia de 1920 anexa al rectorado": a count of two thousand has a plural noun
        or (len(key) > 2 and not key.endswith("s"))
        or key.endswith(_PLURAL_VERB_ENDINGS)  # "las partidas de 2025 quedaron": a verb
        # "Ese mismo 2022 sumó ...", "la demanda de 2026 subirá": a verb after the year
        or word.endswith(("ó", "á", "aba", "ía", "rán"))
    )

#: Endings of plural verb forms (folded: *quedaron*, *crecieron*, *sumaban*, *llegaran*,
#: *serían*), which no counted noun after a year has.
_PLURAL_VERB_ENDINGS: Final[tuple[str, ...]] = (
    "aron", "eron", "yeron", "aban", "aran", "eran", "iran", "arian", "erian", "irian",
)  # fmt: skip

def next_word(text: str, pos: int) -> str:
    """The word after ``pos`` (spaces skipped), folded; empty if punctuation or the end comes."""
    ws = WS_RE.match(text, pos)
    m = NEXT_WORD_RE.match(text, ws.end() if ws is not None else pos)
    return fold(m.group(0)) if m is not None else ""

def counted_noun_follows(text: str, pos: int, *, through_de: bool = False) -> bool:
    """A lower-case content word follows (*100M usuarios*, with ``through_de`` also *100M de
    usuarios*), not a function word or a name."""
    ws = WS_RE.match(text, pos)
    m = NEXT_WORD_RE.match(text, ws.end() if ws is not None else pos)
    if m is None or ws is None or ws.end() == pos:
        return False
    word = m.group(0)
    if through_de and fold(word) == "de":
        return counted_noun_follows(text, m.end())
    if fold(word) in ("nuevos", "nuevas"):
        return counted_noun_follows(text, m.end())  # "casi 30 nuevas instalaciones"
    return word[0].islower() and fold(word) not in FOLDED_STOP_WORDS

def next_word_end(text: str, pos: int) -> int:
    """End of the word after ``pos`` (spaces skipped)."""
    ws = WS_RE.match(text, pos)
    m = NEXT_WORD_RE.match(text, ws.end() if ws is not None else pos)
    return m.end() if m is not None else pos

# --- written-out numbers the reader recognises before the digits (helpers.text.reading) ---

#: A place noun before ordinal digits, through a list of them: *los puestos 122º y 219º*.
PLACE_ORDINAL_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:puestos?|lugar(?:es)?|posici[óo]n(?:es)?)\s+(?:\d+\.?[ºª]\s*(?:,|y|e)\s*)*$",
    re.IGNORECASE,
)

#: *el #2 del ranking*: a place written with a number sign.
HASH_RE: Final[re.Pattern[str]] = re.compile(r"(?<![\w#])#\s?$")

O_MAS_RE: Final[re.Pattern[str]] = re.compile(r"\s+o\s+m[áa]s(?!\w)", re.IGNORECASE)

HEDGED_SHARE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:(?:más|mas|menos|cerca|alrededor)\s+de|casi|apenas)\s+la\s+$", re.IGNORECASE
)

_FRACTION_DENOMINATORS: Final[dict[str, int]] = {
    "tercer": 3,
    "cuart": 4,
    "quint": 5,
    "sext": 6,
    "séptim": 7,
    "septim": 7,
    "octav": 8,
    "noven": 9,
    "décim": 10,
    "decim": 10,
    # the compound ordinals of a part (*una decimoquinta parte*, *una vigésima parte*)
    **{
        f"{tens}{unit}": base + n
        for tens, base in (("decimo", 10), ("décimo", 10))
        for unit, n in (
            ("tercer", 3), ("cuart", 4), ("quint", 5), ("sext", 6), ("séptim", 7),
            ("septim", 7), ("octav", 8), ("noven", 9),
        )
    },
    "undécim": 11,
    "undecim": 11,
    "duodécim": 12,
    "duodecim": 12,
    "vigésim": 20,
    "vigesim": 20,
    "trigésim": 30,
    "trigesim": 30,
    "centésim": 100,
    "centesim": 100,
    "milésim": 1000,
    "milesim": 1000,
    # the partitives in -avo/-ava (*una onceava parte*, *una veinteava parte*)
    **{
        f"{stem}av": n
        for stem, n in (
            ("once", 11), ("doce", 12), ("trece", 13), ("catorce", 14), ("quince", 15),
            ("dieciseis", 16), ("dieciséis", 16), ("diecisiete", 17), ("diecioch", 18),
            ("diecinueve", 19), ("veinte", 20), ("veint", 20), ("treint", 30),
            ("cuarent", 40), ("cincuent", 50), ("sesent", 60), ("setent", 70),
            ("ochent", 80), ("novent", 90),
        )
    },
}

#: A fraction written in words: *una tercera parte*, *tres cuartas partes*, *dos tercios*,
#: *tres cuartos de la demanda* (a masculine ordinal only before *de*: *tres cuartos* alone are
#: three rooms).
FRACTION_RE: Final[re.Pattern[str]] = re.compile(
    r"(?i:(?P<n>un[ao]?|dos|tres|cuatro)\s+(?:(?P<d>"
    + alternation(_FRACTION_DENOMINATORS)
    + r")[ao]s?\s+partes?|(?P<m>cuart|quint|sext|octav|décim|decim)os?"
    r"(?=\s+del?\s)|(?P<t>tercios?)))(?!\w)"
)

#: A power of ten written out: *un 1 seguido de 15 ceros*, *10 elevado a la 18 potencia*.
POWER_WORDS_RE: Final[re.Pattern[str]] = re.compile(
    r"(?i:(?:un\s+)?(?:uno|1)\s+seguido\s+de\s+(?P<zeros>\d{1,2})\s+[‘'\"«“]?ceros[’'\"»”]?"
    r"|10\s+elevado\s+(?:a\s+)?(?:la\s+)?(?P<exp>\d{1,2})(?:\s*(?:ª|a)?\s+potencia)?)(?!\w)"
)


def fraction_percent(m: re.Match[str]) -> float | None:
    """A :data:`FRACTION_RE` match as a percentage (*una tercera parte* 33.3), or ``None``
    when it is not a proper fraction."""
    ordinal = m.group("d") or m.group("m")
    den = 3 if m.group("t") else _FRACTION_DENOMINATORS[ordinal.lower()]
    num = {"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4}[m.group("n").lower()]
    return 100.0 * num / den if num < den else None


#: A noun or verb of money just before a scaled amount: *la inversión hasta los 15.700
#: millones*, *un presupuesto de 300 millones*, *recaudó 40 millones*.
MONEY_CUE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:inversi[óo]n|invers[io]\w*|invert\w*|invirti\w*|presupuesto|coste|costo|"
    r"cost[óo]|ingresos|facturaci[óo]n|factur\w*|financiaci[óo]n|financiamiento|valoraci[óo]n|"
    r"recaud\w*|capt[óo]|subvenci[óo]n|fondos|dinero)\b[^.;:\d]{0,30}$",
    re.IGNORECASE,
)

#: Sums of money as the subject of a verb of amount, further back: *Las inversiones anunciadas
#: en centros de datos que llegarán a España suman más de 38.000 millones*.
MONEY_SUBJECT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:inversiones|inversi[óo]n|fondos|ingresos|ventas|gastos?|subvenciones|ayudas)"
    r"\b[^.;:\d]{0,80}\b(?:suman?|ascienden?|alcanzan?|totalizan?|superan?|rondan?)\s+"
    r"(?:(?:a|los|las|unos|unas|más\s+de|cerca\s+de|casi|poco\s+más\s+de)\s+)*$",
    re.IGNORECASE,
)

#: *de* and a noun of money after a scaled amount: *12.250 millones de fondos públicos*, *300
#: millones de inversión*, *40 millones de ayudas*, *los 12.000 millones de activos*.
DE_MONEY_NOUN_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+de\s+(?:fondos|financiaci[óo]n|financiamiento|inversi[óo]n|inversiones|ayudas"
    r"|subvenciones|presupuesto|recursos\s+p[úu]blicos|deuda|gasto|facturaci[óo]n|ingresos"
    r"|activos)(?!\w)",
    re.IGNORECASE,
)

#: *de nuevos* and a counted noun after a scaled amount (*14 millones de nuevos empleos*), not
#: a noun of money (*50 millones de nuevos aportes*).
NEW_COUNTED_NOUN_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*de\s+nuev[oa]s\s+(?!(?:fondos|aportes|recursos|inversiones|ingresos|ayudas|subvenciones"
    r"|cr[ée]ditos|pr[ée]stamos|contratos|pedidos)(?!\w))[a-záéíóúñ]{3,}s(?!\w)",
    re.IGNORECASE,
)

_DE_DETERMINER_RE: Final[re.Pattern[str]] = re.compile(r"\s*del?\s+(?P<w>[^\W\d_]+)\s", re.I)

#: The function words and the nouns of an adverbial of manner (*de forma directa*, *de manera
#: indirecta*, *de modo anual*) after *de*.
_MANNER_OR_STOP: Final[frozenset[str]] = FOLDED_STOP_WORDS | {"forma", "manera", "modo"}

#: A singular noun after *de* (*3.347 millones de infraestructura*): what a sum of money is
#: for, not what a number counts (counted nouns are plural); not a collective of people.
_SINGULAR_AFTER_DE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*de\s+(?!(?:gente|poblaci[óo]n|personal|p[úu]blico)\b)[a-záéíóúñ]{3,}(?<!s)(?=[\s,.;:)])"
)


#: *de* and a name after a sum of money: whose it is (*los 54.230 millones de Intel*, *del
#: Estado*), not what it counts.
_DE_NAME_RE: Final[re.Pattern[str]] = re.compile(r"\s*del?\s+[A-ZÁÉÍÓÚÑ][\w&.-]*(?=[\s,.;:)])")


def determiner_after_de(text: str, pos: int, money: bool = False) -> bool:
    """*de*/*del* after ``pos`` opens a phrase about something else, not the amount's unit:
    a function word follows (*147 mil millones del mismo lapso*, *de los que*), not a noun
    (*30 millones de usuarios*, *14 millones de nuevos empleos*); after a sum of money
    (``money``) a singular noun or a name too (*3.347 millones de infraestructura*, *los
    54.230 millones de Intel*)."""
    if NEW_COUNTED_NOUN_RE.match(text, pos):
        return False  # "hasta 14 millones de nuevos empleos": what is counted, not money
    if money and (_SINGULAR_AFTER_DE_RE.match(text, pos) or _DE_NAME_RE.match(text, pos)):
        return True  # "3.347 millones de infraestructura", "los 54.230 millones de Intel"
    m = _DE_DETERMINER_RE.match(text, pos)
    # an adverbial of manner says how, not what: "6.120 millones de forma directa"
    return m is not None and fold(m.group("w")) in _MANNER_OR_STOP


#: A clause about people or jobs between an amount and a number whose unit is left out: its
#: subject, after *y* or a comma, says what the number counts (*600 millones de dólares y la
#: contratación de personal especializado a 600*, *y la plantilla, a 250*; not *40 millones
#: para contratar personal y 25 para equipos*).
PEOPLE_GAP_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:,|(?<!\w)(?:y|e))\s+(?:el|la|los|las|su|sus)\s+(?:personal|plantillas?|empleos?"
    r"|emplead[oa]s|trabajador(?:es|as)|contrataci[óo]n|contrataciones|personas"
    r"|colaborador(?:es|as)|investigador(?:es|as)|alumnos|estudiantes|usuarios|clientes)(?!\w)"
    r"[^,;.\d]*,?[^,;.\d]*$",
    re.IGNORECASE,
)

#: *de estas unidades*: units of the hardware the text has just named.
THESE_UNITS_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+de\s+(?:estas|esas|aquellas|dichas|tales|sus|nuestras)\s+(?:nuevas\s+)?unidades(?!\w)",
    re.IGNORECASE,
)
