"""Digits that belong to a name, a dateline or a page, not to an amount.

Part of :func:`helpers.text.quantities.find_quantities`. A bare number right after a
capitalised word that is not a Spanish function word or a month is part of that name (*Fab
21*, *Nivel 2*, *Agenda 2030*), and so is a number after a label noun (*la fase 2*), a model
prefix (*E5-2692*), a version ``x.0`` (*sociedad 5.0*) or a page abbreviation (*p. 6*). A date
that opens a line, alone, after a place and a comma or after a weekday, is the item's dateline
(*MADRID, 30 (EFE)*, *Bogotá, 12-02-2025.*, *Martes 30 de diciembre de 2025, p. 6*).
"""

from __future__ import annotations

import re
from typing import Final

from helpers.text.context import (
    FOLDED_STOP_WORDS,
    SENTENCE_BREAK_RE,
    Raw,
    counted_noun_follows,
    next_word,
)
from helpers.text.numbers import (
    FOLDED_MONTHS,
    MONTHS,
    alternation,
    fold,
)

#: The word right before a number, with the characters before it (name patterns).
_WORD_BEFORE_RE: Final[re.Pattern[str]] = re.compile(r"(?P<w>[^\W\d_][\w\-]*)[ \u00a0]$")

#: Nouns that number the parts of a text, a plan or a product line (*el artículo 5*, *la fase
#: 2*, *la versión 3*): a bare number right after one is a label.
_LABEL_NOUNS: Final[frozenset[str]] = frozenset(
    fold(w)
    for w in (
        "artículo",
        "artículos",
        "apartado",
        "capítulo",
        "partida",  # a tariff heading: *la partida 8471 de computadoras*
        "anexo",
        "sección",
        "título",
        "párrafo",
        "inciso",
        "versión",
        "fase",
        "nivel",
        "etapa",
        "generación",
        "serie",
        "tomo",
        "volumen",
        # a class or grade: *proyectos tipo 2*, *un huracán categoría 5*, *un centro Tier 3*
        "tipo",
        "clase",
        "categoría",
        "grado",
        "tier",
    )
)

#: Numbered legal and budget instruments: their number is a label even grouped in thousands
#: (*Ley 27.430*, *el Decreto 70*, *el ramo 38*, *Conpes 4144*).
_LEGAL_LABEL_RE: Final[re.Pattern[str]] = re.compile(
    # a law's title may stand between the noun and its number: "la Ley del Trabajo 15.921"
    r"(?<!\w)(?:(?:leyes|ley)(?:(?:\s+(?:del?|la))*\s+(?-i:[A-ZÁÉÍÓÚ][\w-]+)){0,3}"
    r"|decretos?(?:\s+(?:legislativo|supremo|ley|de\s+urgencia))?|dnu"
    r"|resoluci[óo]n|disposici[óo]n|expediente|ordenanza|reglamento|norma|circular|ramo|conpes"
    r"|sentencia|oficio|acuerdo\s+ministerial)"
    r"\s+(?:n\.?\s?[º°o]\.?\s*|n[úu]mero\s+)?"
    # the year of a numbered instrument is part of its name: "Conpes 4144 de 2025"
    r"(?:\d[\d.,/]*\s+del?\s+)?$",
    re.IGNORECASE,
)

#: The year a law's title ends with is part of its name: *la Ley de Expansión Comercial de
#: 1962*, *la Ley CHIPS de 2022* (one capitalised word of a title at least), and so is the
#: year of a treaty's or an agreement's (*el TLC Chile-EE.UU. de 2004*).
_LAW_TITLE_YEAR_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?i:ley|tlc|tratado|acuerdo|pacto|convenio)"
    r"(?:(?:\s+(?:del?|la|y|e))*\s+(?-i:[A-ZÁÉÍÓÚ][\w.-]+)){1,5}\s+de\s+$"
)

#: One of the laws just named, by its number alone: *las leyes de 1994, la Eléctrica, la 143,
#: y la 142*.
_LAW_OF_A_LIST_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?i:leyes)(?![\w])[^.;:]{0,100}?(?<!\w)(?i:la)\s+$"
)
#: What ends such a law's number: a comma, a full stop, a parenthesis or *y*/*e*/*o*.
_LAW_OF_A_LIST_END_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:[,;.)]|\s(?:y|e|o)\s)")

#: A numbered call for proposals or tender, its year after *de* part of the name: *la
#: convocatoria 46 de 2025*, *la licitación 12*; a year right after the noun is the edition's
#: year (*la convocatoria 2025*), as in running text.
_CALL_LABEL_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:convocatorias?|licitaci[óo]n|licitaciones)\s+(?:n\.?\s?[º°o]\.?\s*|n[úu]mero\s+)?"
    r"(?P<no>\d[\d.,/]*\s+del?\s+)?$",
    re.IGNORECASE,
)

#: A postal address before a number: its street, door, floor and postcode numbers are labels
#: (*Av. Corrientes 1234, piso 5*, *Calle 93 # 11-26*, *código postal 28001*), and so is a
#: road's number or a place on it (*la ruta 101*, *el km 25 de la Panamericana*); not a
#: roadmap (*la hoja de ruta prevé 300 becas*).
_ADDRESS_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?<!hoja\sde\s)(?:calle|carrera|cra\.|avenida|av\.|avda\.|diagonal|transversal"
    r"|piso|oficina|despacho|c\.\s?p\.|c[óo]digo\s+postal|ruta|carretera|autopista|autov[íi]a|km)"
    # the words of the street's name, not a verb's clause (*la hoja de ruta fija formar a 3.000*)
    r"\s+(?:(?!(?:a|al|en|para|que|y|con|por|hasta)\s)[^\W\d_][\w.]*,?\s+){0,3}"
    r"(?:\d+[a-z]?\s*(?:,\s*(?:piso|oficina|local)\s*)?(?:#|n[º°o]\.?|no\.)?\s*(?:\d+\s*-\s*)?)?$",
    re.IGNORECASE,
)


_URL_LEFT_RE: Final[re.Pattern[str]] = re.compile(r"(?:https?://|www\.)[^\s<>\"]*$", re.I)


def in_url(text: str, pos: int) -> bool:
    """The number at ``pos`` is in the path of a web address (*http://cda.gob.ar/serie/294/*)."""
    return (
        text[pos - 1 : pos] in ("/", "-", "_", "=")
        and pos > 0
        and bool(_URL_LEFT_RE.search(text, max(0, pos - 200), pos))
    )


_MODEL_LIST_LEFT_RE: Final[re.Pattern[str]] = re.compile(  # *950DT, 960 y*: a model, a joiner
    r"(?<![\w.])\d+[A-Z]{1,3}(?:(?:\s*,|\s+(?:y|e|o|u))\s*\d+[A-Z]{0,3})*(?:\s*,|\s+(?:y|e|o|u))\s+$"
)
_ITEM_END_RE: Final[re.Pattern[str]] = re.compile(  # the item ends: no unit, no noun
    r"\s*(?:[,.;:)]|$|\s(?:y|e|o|u|en|de|del|con|para|que|a|al|se|el|la|este|esta)\s)"
)


def continues_model_list(text: str, start: int, end: int) -> bool:
    """Bare digits listed after a model number with letters (*modelos 950DT, 960 y 970*)."""
    return bool(
        _ITEM_END_RE.match(text, end)
        and _MODEL_LIST_LEFT_RE.search(text, max(0, start - 40), start)
    )


def is_list_label(text: str, start: int, end: int) -> bool:
    """A list's or section's number, or a model number in a list: a label, not an amount."""
    return is_enumerator(text, start, end) or continues_model_list(text, start, end)


def in_address(text: str, pos: int) -> bool:
    """The number at ``pos`` is part of a postal address."""
    return bool(_ADDRESS_RE.search(text, max(0, pos - 48), pos))


#: An acronym in parentheses before a year: *el Presupuesto de Egresos (PPEF) 2026*, a name.
#: An acronym in parentheses (*(CNMC) 2*), or written with dots (*el sector S.U.I. 4*), just
#: before the digits: the digits number the thing it names.
_ACRONYM_BEFORE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:\([A-ZÁÉÍÓÚÑ]{2,}\)|(?<![\w.])(?:[A-ZÁÉÍÓÚÑ]\.){2,})\s*$"
)

#: A telephone number: its digit groups are no amount (*llame al 0800 333 4444*, *Tel.: 11
#: 4567-8900*).
_PHONE_CUE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?i:tel[ée]fonos?|tel\.|tfno\.?|whatsapp|ll[áa]m\w*\s+al|fax)[\s.:]*(?:[\d() +-]*\s)?$"
)

_PERIOD_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[QTHS][1-4]|FY|AF")

_HYPHEN_NAME_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)[^\W\d_]+\d*[-‐‑+]$")

#: A dateline: a capitalised place and a comma open the line, the day follows
#: (*MADRID, 30 (EFE)*, *Ciudad de México, 4 de marzo*).
_DATELINE_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:^|\n)[ \t]*(?P<place>[^\W\d_][^\W\d]*(?:[ .'-]+[^\W\d_][^\W\d]*){0,3}"
    # the place's state or country after a comma: *Monterrey, N.L., 3 Nov.-*
    r"(?:\.?,[ \t]*[^\W\d_][^\W\d]*(?:[ .'-]+[^\W\d_][^\W\d]*){0,2}\.?)?)"
    # the place's country or region in parentheses: *Berlín (El Salvador), 13 nov (EFE)*
    r"(?:[ \t]*\([^\W\d_][^()\n\d]{1,30}\))?,[ \t]*$"
)

_DATELINE_END_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:\.(?:\s|$|[-–—])|[-–—(]|$)")

_DATELINE_PLACE_RE: Final[re.Pattern[str]] = re.compile(
    # one or two places (*MONTEVIDEO, Uruguay,*), abbreviations included (*Bogotá D.C.,*)
    r"(?:\s*[^\W\d_][^\W\d]*(?:[ .'-]+[^\W\d_][^\W\d]*){0,3}\.?,){1,2}\s*"
    # the "a" of a release's date line: *Ciudad de México, a 3 de noviembre de 2025.-*
    r"(?:a\s+)?"
)

#: A byline before a date: *Por Redacción - 3 de abril de 2024*.
#: A place that opens a dateline without a comma (*Ciudad de México 27 de noviembre de
#: 2025.-*, *SANTIAGO Marzo 3, 2024 —*): up to four capitalised words, *de* among them.
_BARE_PLACE: Final[str] = (
    r"[A-ZÁÉÍÓÚÑ][^\W\d_]*(?:[ \t]+(?:de|del|la|las|los|[A-ZÁÉÍÓÚÑ][^\W\d_]*)){0,3}[ \t]+"
)
_BARE_PLACE_RE: Final[re.Pattern[str]] = re.compile(rf"\s*{_BARE_PLACE}")

#: The strong end of a dateline, which a place without a comma needs: *.-* or a dash.
_STRONG_DATELINE_END_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:\.[-–—]|[-–—]\s)")

_BYLINE_RE: Final[re.Pattern[str]] = re.compile(r"\s*Por\s+[^\n.]{1,40}?\s[-–—|·]\s*")

_WEEKDAYS: Final[frozenset[str]] = frozenset(
    fold(w) for w in ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
)

#: After a weekday and a date that open a line: the line ends, or a page number follows.
_WEEKDAY_END_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:$|\n|\.\s|[-–—|]|,\s*p[áa]?g?s?\.)|\s+(?=[A-ZÁÉÍÓÚÑ¿¡])"
)

#: A page number (*p. 6*, *pág. 12*) is a label, not an amount.
_PAGE_RE: Final[re.Pattern[str]] = re.compile(r"(?<!\w)(?:pp?|p[áa]gs?)\.\s*$", re.IGNORECASE)


#: A plural lower-case word right after a number: what it counts (*24 nuevos edificios*),
#: which a name's digits are not followed by (*Fab 21 produce*).
_PLURAL_NOUN_RE: Final[re.Pattern[str]] = re.compile(r"[ \u00a0](?P<w>[a-záéíóúñü]{3,}s)(?!\w)")
#: An English compound the press uses as a noun, its plural on the second word (*22 data
#: centers*, *40 edge nodes*).
_PLURAL_COMPOUND_RE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0](?:data|edge|cloud|hyperscale)[ \u00a0](?P<w>[a-z]{3,}s)(?!\w)"
)

#: Function words ending in *-s* that are not what a number counts (folded).
_NOT_PLURAL_NOUNS: Final[frozenset[str]] = frozenset(
    {
        "unos",
        "unas",
        "ellos",
        "ellas",
        "otros",
        "otras",
        "tras",
        "pues",
        "antes",
        "despues",
        "mientras",
        "entonces",
        "apenas",
        "ademas",
        "menos",
        "jamas",
        "nosotros",
        "vosotros",
        "estos",
        "estas",
        "esos",
        "esas",
        "aquellos",
        "aquellas",
        "todos",
        "todas",
        "veces",
    }
)


#: A capitalised word after a number word: the number is part of a title (*Siete
#: Transformaciones*).
_TITLE_NEXT_RE: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]")

#: The start of a sentence or a line before a word.
_SENTENCE_START_RE: Final[re.Pattern[str]] = re.compile(r"(?:^|[.!?:]\s+|\n\s*|[¿¡\"«“(]\s*)$")


def is_dateline(text: str, start: int, end: int) -> bool:
    """A date that opens a line or sentence, alone or after a place and a comma, and is closed
    by a full stop, a dash or a parenthesis: the dateline of a news item (*Bogotá,
    12-02-2025.*, *14/01/2025.*), not a date the text talks about."""
    breaks = list(SENTENCE_BREAK_RE.finditer(text, max(0, start - 80), start))
    left = text[breaks[-1].end() if breaks else max(0, start - 80) : start]
    if not breaks and start > 80:
        return False
    if fold(left.strip(" ,\t\n")) in _WEEKDAYS and _WEEKDAY_END_RE.match(text, end):
        # "Martes 30 de diciembre de 2025, p. 6", "Viernes, 13 de junio de 2025" and the
        # first sentence after it: a page's date line
        return True
    if not _DATELINE_END_RE.match(text, end):
        return False
    return (
        not left.strip()
        or bool(_DATELINE_PLACE_RE.fullmatch(left) or _BYLINE_RE.fullmatch(left))
        or bool(_BARE_PLACE_RE.fullmatch(left) and _STRONG_DATELINE_END_RE.match(text, end))
    )


def is_name_digits(text: str, raw: Raw) -> bool:
    """Digits that belong to a name or a dateline, not an amount (:func:`_is_name_digits`).

    The answer depends on ``text`` and on the fields of ``raw`` in the key below, so it is kept
    on ``raw`` and given again while they are unchanged (a raw belongs to one text: every
    caller passes the text it was read from). It lives on the numeral, not in a cache shared by
    calls, so a second reading of the same text costs what the first did."""
    key = (
        raw.has_scale,
        raw.suffix,
        raw.qualifier,
        raw.kind,
        raw.numtext,
        raw.num_start,
        raw.end,
        raw.number,
    )
    if raw.name_memo is None or raw.name_memo[0] != key:
        raw.name_memo = (key, _is_name_digits(text, raw))
    return raw.name_memo[1]


def _is_name_digits(text: str, raw: Raw) -> bool:
    """Digits that belong to a name or a dateline, not an amount.

    The general rule: a bare number (no unit, no scale, no hedge) written right after a
    capitalised word that is not a Spanish function word or a month is part of that name
    (*Fab 21*, *Nivel 2*, *Agenda 2030*, a processor's model number); a version written
    *x.0* is a name (*sociedad 5.0*, *Industria 4.0*); a day after a place and a comma at the
    start of a line is a dateline (*MADRID, 30 (EFE)*).
    """
    if (raw.has_scale and not raw.suffix) or raw.qualifier:
        return False
    if raw.kind == "words":
        # a capitalised number word after a capitalised word is a name too (*Chile Tres*,
        # *Fórmula Uno*); a lower-case one (*Chile tiene tres*) is an amount, but after a
        # label noun it numbers a part (*los países del nivel dos*, *la fase tres del plan*)
        if not raw.numtext[:1].isupper() or " " in raw.numtext.strip():
            before = _WORD_BEFORE_RE.search(text, max(0, raw.num_start - 40), raw.num_start)
            return (
                before is not None
                and fold(before.group("w")) in _LABEL_NOUNS
                and " " not in raw.numtext.strip()
                # "un volumen dos veces mayor": a plural noun after it is what it counts
                and not (
                    counted_noun_follows(text, raw.end) and next_word(text, raw.end)[-1:] == "s"
                )
            )
        if _TITLE_NEXT_RE.match(text, raw.end) and not _SENTENCE_START_RE.search(
            text, max(0, raw.num_start - 4), raw.num_start
        ):
            return True  # "el Plan de las Siete Transformaciones": a title's number word
    elif raw.kind not in ("int", "dec", "es"):
        return False
    if raw.kind == "dec" and raw.numtext.endswith(".0") and not raw.suffix:
        return True  # "Industria 4.0", but "un contexto de 200.0k" is a size
    s = raw.num_start
    if (
        raw.kind != "words"
        and text[raw.end + 1 : raw.end + 2] in _ANNIVERSARY_INITIALS
        and (_ANNIVERSARY_RE.match(text, raw.end))
    ):
        return True  # "celebró su 20 aniversario": which anniversary, an ordinal
    if text[raw.end : raw.end + 1] == "@":
        return True  # "el distrito 22@": digits of a name written with the at sign
    if (
        text[s - 1 : s] == "("
        and text[s - 2 : s - 1].isalpha()
        and text[raw.end : raw.end + 1] == ")"
        and (text[raw.end + 1 : raw.end + 2].isalpha() or text[raw.end + 1 : raw.end + 2] == "-")
    ):
        return True  # "Hexa(6)-Channel": a gloss in parentheses inside a word
    if (
        _LEGAL_LABEL_RE.search(text, max(0, s - 40), s)
        or (len(raw.numtext) == 4 and _LAW_TITLE_YEAR_RE.search(text, max(0, s - 70), s))
        or (
            _LAW_OF_A_LIST_RE.search(text, max(0, s - 120), s)
            and _LAW_OF_A_LIST_END_RE.match(text, raw.end) is not None
        )
        or _PHONE_CUE_RE.search(text, max(0, s - 28), s)
        or _ACRONYM_BEFORE_RE.search(text, max(0, s - 12), s)
        or in_address(text, s)
        or (
            (call := _CALL_LABEL_RE.search(text, max(0, s - 40), s)) is not None
            and (call.group("no") or not (len(raw.numtext) == 4 and 1900 <= raw.number <= 2100))
        )
    ):
        return True  # "la Ley 27.430", "el ramo 38", "llame al 0800 333 4444": labels
    if _GROUPED_RE.search(raw.numtext):
        return False  # "Suma 20.480 núcleos": a name's digits are never grouped in thousands
    if _PAGE_RE.search(text, max(0, s - 8), s):
        return True  # "p. 6": a page number
    if _HYPHEN_NAME_RE.search(text, max(0, s - 20), s):
        return True  # "Xeon E5-2692", "el nodo N+2": a model number
    if raw.kind == "int" and len(raw.numtext) <= 2:
        left = _DATELINE_LEFT_RE.search(text, max(0, s - 60), s)
        if left is not None:
            place = left.group("place")
            if place.isupper() or _DATELINE_RIGHT_RE.match(text, raw.end):
                return True
    m = _WORD_BEFORE_RE.search(text, max(0, s - 40), s)
    if m is None:
        return False
    word = m.group("w")
    key = fold(word)
    if key in _LABEL_NOUNS:
        return True  # "el artículo 5", "la fase 2": a numbered part, not an amount
    if (
        raw.kind == "int"
        and len(raw.numtext) == 4
        and key not in FOLDED_STOP_WORDS
        and _TITLE_YEAR_RE.search(text, max(0, s - 60), s)
        and not _PLURAL_NOUN_RE.match(text, raw.end)  # "... otorgará 2025 becas": a count
    ):
        return True  # "el Informe de electricidad 2024": the edition of a titled report
    if not any(c.isupper() for c in word):  # "Fab 21", and "iPhone 15" too
        return False
    if raw.number >= 2 and (
        nxt := _PLURAL_NOUN_RE.match(text, raw.end) or _PLURAL_COMPOUND_RE.match(text, raw.end)
    ):
        if nxt is not None and fold(nxt.group("w")) not in _NOT_PLURAL_NOUNS:
            return False  # "levantará en Aragón 24 nuevos edificios": a count of them
    if _PERIOD_WORD_RE.fullmatch(word):
        return False  # "Q3 2024", "H1 2025", "FY2024": a period, and its year
    return key not in FOLDED_STOP_WORDS and key not in FOLDED_MONTHS


#: A product line's word written in capitals or with an inner capital, just before digits
#: (*RTX PRO 6000*, *GeForce 4090*).
_MODEL_WORD_BEFORE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:[A-Z]{2,}|[A-Za-z]+[a-z][A-Z]\w*)[ \u00a0]$"
)


def is_model_number(text: str, raw: Raw) -> bool:
    """Digits after a product line's word in capitals (*la GPU RTX PRO 6000 Blackwell*) are
    its model number, not a count of the chip named after them (*compró 6000 Blackwell*)."""
    s = raw.num_start
    return bool(_MODEL_WORD_BEFORE_RE.search(text, max(0, s - 24), s)) and is_name_digits(text, raw)


#: A page header: a date, its year after a comma and the time, between bars or bullets or
#: after *a las* (*21 de agosto, 2022 | 11.33*, *03/05/2024 · 10:15 hs*, *17 de julio de 2025
#: a las 04:00 hrs.*).
_DATE_HEADER_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?:[0-3]?\d\s+de\s+(?i:{alternation(MONTHS)}),?\s+(?:de\s+)?|[0-3]?\d[-/][01]?\d[-/])"
    r"(?:1[89]|20)\d\d\s*(?:[|·•,-]\s*|(?i:a\s+las)\s+)?[0-2]?\d[:.][0-5]\d"
    r"(?:\s*(?i:h|hs|hrs)\b\.?)?(?!\d)"
)

#: The label of a page's time stamp (*Publicado: Jueves*, *Actualizado el*), folded.
_HEADER_LABEL_RE: Final[re.Pattern[str]] = re.compile(
    r"^(?:publicado|actualizado|modificado|fecha(?: de publicacion)?)(?:\s+el)?\s*:?\s*"
)

#: Digits grouped in thousands (*20.480*, *1,000,000*, *128 000*).
_GROUPED_RE: Final[re.Pattern[str]] = re.compile(r"\d[.,\u00a0 \u202f]\d{3}(?!\d)")


def date_header_end(text: str, start: int) -> int:
    """End of the page header (date, year and time) opening a line at ``start``, else -1."""
    m = _DATE_HEADER_RE.match(text, start)
    if m is None:
        return -1
    breaks = list(SENTENCE_BREAK_RE.finditer(text, max(0, start - 80), start))
    left = text[breaks[-1].end() if breaks else max(0, start - 80) : start]
    if left.rstrip().endswith(("|", "·", "•")):
        return m.end()  # "Por: Redacción | 15/07/2025 07:30": a byline's time stamp
    label = _HEADER_LABEL_RE.sub("", fold(left.strip(" ,")))
    if (not breaks and start > 80) or (label and label not in _WEEKDAYS):
        return -1
    return m.end()


#: A date written month first, opening a line (*Marzo 1, 2018*, *Octubre 12, 2024 |*): the
#: month before the day, the year after a comma, then the end of the line or a separator.
_MONTH_FIRST_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?:^|\n)[ \t]*(?:{_BARE_PLACE})?(?i:{alternation(MONTHS)})[ \t]+$"
)

_MONTH_FIRST_RIGHT_RE: Final[re.Pattern[str]] = re.compile(
    r",?[ \t]+(?:1[89]|20)\d\d(?=[ \t]*(?:$|\n|[.|·•–—-])|[ \t]+[A-ZÁÉÍÓÚÑ])"
)


def month_first_header_end(text: str, start: int, end: int) -> int:
    """End of a month-first date line (*Marzo 1, 2018*) whose day is at ``start``, else -1."""
    if end - start > 2 or not _MONTH_FIRST_LEFT_RE.search(text, max(0, start - 60), start):
        return -1
    m = _MONTH_FIRST_RIGHT_RE.match(text, end)
    return m.end() if m is not None else -1


#: A date written day first without *de*, month in full or abbreviated, opening a line (*28 jun.
#: 2025*, *3 marzo 2024 |*): the day, the month, the year, then the end of the line or a new
#: sentence.
_MONTH_ABBREVIATIONS: Final[tuple[str, ...]] = (
    "ene",
    "feb",
    "mar",
    "abr",
    "may",
    "jun",
    "jul",
    "ago",
    "sep",
    "sept",
    "set",
    "oct",
    "nov",
    "dic",
)

#: After the day of a dateline: the agency in parentheses (*30 (EFE)*), or a month, in full or
#: abbreviated, and the agency or the dash that ends the dateline (*18 abr (EFE).-*, *3
#: Nov.-*, *12 marzo -*).
_DATELINE_RIGHT_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:\(|[^\W\d_]{3,4}\.?\s*\(|"
    rf"(?i:{alternation(MONTHS)}|{alternation(_MONTH_ABBREVIATIONS)})\.?\s*(?:\(|[-–—]))"
)

_ANNIVERSARY_INITIALS: Final[frozenset[str]] = frozenset("aAcCeE")

#: A cardinal before *aniversario* names which one (*su 20 aniversario*, *el 50 aniversario*):
#: an ordinal, not an amount.
_ANNIVERSARY_RE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?i:aniversarios?|cumpleaños|edici[óo]n)(?!\w)"
)

_DAY_FIRST_RIGHT_RE: Final[re.Pattern[str]] = re.compile(
    rf"[ \t]+(?i:{alternation(MONTHS)}|{alternation(_MONTH_ABBREVIATIONS)})\.?(?:,?[ \t]+"
    r"(?:1[89]|20)\d\d(?=[ \t]*(?:$|\n|[.|·•–—-])|[ \t]+[A-ZÁÉÍÓÚÑ])"
    # or an agency in parentheses instead of the year: *15 ene (Reuters) -*
    r"|[ \t]*\([A-ZÁÉÍÓÚÑ][^()\n]{1,30}\)(?=[ \t]*[-–—]))"
)

_LINE_START_RE: Final[re.Pattern[str]] = re.compile(r"(?:^|\n)[ \t]*$")


def day_first_header_end(text: str, start: int, end: int) -> int:
    """End of a day-first date line without *de* (*28 jun. 2025*) whose day is at ``start``."""
    if end - start > 2 or not _LINE_START_RE.search(text, max(0, start - 8), start):
        return -1
    m = _DAY_FIRST_RIGHT_RE.match(text, end)
    return m.end() if m is not None else -1


#: A titled publication or plan, capitalised, and up to three words of its title before a
#: year written right after a noun: *el Informe de electricidad 2024*, *el Plan nacional de
#: energía 2030*, *la Estrategia digital 2026* (not *el informe de 2024*, a date).
_TITLE_YEAR_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w.])(?:Informe|Plan|Estrategia|Programa|Anuario|Bar[óo]metro|[ÍI]ndice|Estudio"
    r"|Reporte|Agenda|Observatorio|Libro\s+[Bb]lanco)"
    r"(?:\s+(?:de|del|para|sobre|y|[a-záéíóúñ]{3,})){1,3}[ \u00a0]$"
)

#: What follows a list's or a section's number at the start of a line: a full stop or a
#: parenthesis and a space (*1. El poder*, *2) Costes*), or a full stop and a dash (*1.2.- La
#: contratación*, *3.- Plazos*).
_ENUMERATOR_RIGHT_RE: Final[re.Pattern[str]] = re.compile(r"(?:[.)]\s|\.?\s?[-–—]\s|\.[-–—])")


def is_enumerator(text: str, start: int, end: int) -> bool:
    """The number at ``start``..``end`` opens a line as the number of a list item or a section
    (*1.*, *2)*, *1.2.-*), not an amount."""
    if text[end : end + 1] not in (".", ")"):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip():
        return bool(
            _ENUMERATOR_NUMBER_RE.fullmatch(text, start, end)
            and _ENUMERATOR_RIGHT_RE.match(text, end)
        )
    # after a full stop, only the dotted number and dash of a clause (*... el formulario. 1.2.-
    # Tras enviarse*), which no amount is written with
    return bool(
        _CLAUSE_NUMBER_RIGHT_RE.match(text, end)
        and _ENUMERATOR_NUMBER_RE.fullmatch(text, start, end)
        and _SENTENCE_END_BEFORE_RE.search(text, max(0, start - 4), start)
    )


_ENUMERATOR_NUMBER_RE: Final[re.Pattern[str]] = re.compile(r"\d+(?:\.\d{1,2}){0,3}")


_SENTENCE_END_BEFORE_RE: Final[re.Pattern[str]] = re.compile(r"[.!?:;/][ \t]+$")
_CLAUSE_NUMBER_RIGHT_RE: Final[re.Pattern[str]] = re.compile(r"\.[-–—]\s")
