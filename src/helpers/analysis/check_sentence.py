"""What a sentence says about its own numbers, beyond the entities it names.

- what a count counts (:func:`counted_noun`): the noun after the number (*seis fábricas*), read
  with :data:`COUNT_NOUNS`, or the pipeline's unit (*GPUs*, :data:`UNIT_COUNTS`), and which
  sources count it (:func:`counts_mask`);
- what a percentage is a share of (:func:`share_of`: *80 % de su capacidad*,
  :data:`SHARE_NOUNS`);
- whether a place is in another ranking than the TOP500 (:data:`OTHER_RANKINGS`);
- which government acts (:func:`actor_words`: *el Gobierno alemán*, :data:`NATIONALITIES`), and
  its sources (:func:`actor_rows`);
- whether a money amount is a price per unit (:func:`quantity_family`: *20,47 dólares por
  acción*, :data:`PER_UNIT`);
- what happened in a year or on a date (:func:`happenings`: *anunció*, *firmó*, *inauguró*,
  :data:`EVENT_VERBS`), and which events are that kind of happening (:func:`event_mask`).

The ranking (:mod:`helpers.analysis.check_rank`) turns these into filters and evidence.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Final

import numpy as np

from helpers.analysis.check_names import name_index, words
from helpers.analysis.check_sources import KIND_EVENT, sources
from helpers.analysis.check_units import USD_PER_EUR, family
from helpers.inputs.facts import load_events
from helpers.text.numbers import fold

#: What a count counts: the Spanish noun after the number (its stem, without accents) ->
#: the English words a source that counts it has in its name or quantity (prefixes).
_CHIPS: Final[tuple[str, ...]] = (
    "chip",
    "superchip",
    "gpu",
    "accelerator",
    "npu",
    "h100e",
    "a100",
    "h100",
    "h800",
    "gh200",
)
COUNT_NOUNS: Final[dict[str, tuple[str, ...]]] = {
    "pais": ("countr", "state"),
    "estado": ("state",),
    "nacion": ("countr", "state"),
    "fabrica": ("factor",),
    "factoria": ("factor",),
    "gigafactoria": ("gigafactor",),
    "gigafabrica": ("gigafactor",),
    "antena": ("antenna",),
    "chip": _CHIPS,
    "superchip": _CHIPS,
    "microchip": _CHIPS,
    "gpu": _CHIPS,
    "acelerador": _CHIPS,
    "tarjeta": _CHIPS,
    "npu": _CHIPS,
    "procesador": ("processor", "cpu", "chip", "rhea"),
    "cpu": ("cpu", "processor"),
    "nodo": ("node",),
    "servidor": ("server", "node"),
    "nucleo": ("core",),
    "accion": ("share",),
    "titulo": ("share",),
    "ganador": ("winner", "winning"),
    "startup": ("start-up", "startup", "winning"),
    "propuesta": ("proposal",),
    "candidatura": ("proposal",),
    "solicitud": ("proposal",),
    "sitio": ("site",),
    "sede": ("site",),
    "superordenador": ("supercomputer", "system"),
    "supercomputador": ("supercomputer", "system"),
    "supercomputadora": ("supercomputer", "system"),
    "ordenador": ("computer", "system"),
    "computador": ("computer", "system"),
    "computadora": ("computer", "system"),
    "sistema": ("system", "supercomputer"),
    "maquina": ("system", "machine", "supercomputer", "server"),
    "modelo": ("model", "llm"),
    "llm": ("llm", "model"),
    "lote": ("batch",),
    "ley": ("law",),
}
#: What a count in a pipeline unit counts (the unit names it).
UNIT_COUNTS: Final[dict[str, tuple[str, ...]]] = {
    "GPUs": _CHIPS,
    "chips": _CHIPS,
    "cores": ("core",),
    "nodes": ("node", "server"),
    "servers": ("server", "node"),
    "transistors": ("transistor",),
    "shares": ("share",),
    "rank": ("rank",),
}
#: What a percentage is a share of: the common noun after *% de* (its stem, without accents)
#: -> the English words a source that is a share of it has.
SHARE_NOUNS: Final[dict[str, tuple[str, ...]]] = {
    "accion": ("share", "ownership", "stake"),
    "capital": ("share", "ownership", "stake", "equity"),
    "empresa": ("share", "ownership", "stake"),
    "compania": ("share", "ownership", "stake"),
    "participacion": ("share", "ownership", "stake"),
    "financiacion": ("funding", "budget", "share"),
    "financiamiento": ("funding", "budget", "share"),
    "presupuesto": ("funding", "budget", "share"),
    "inversion": ("funding", "investment", "budget", "share"),
    "coste": ("funding", "budget", "cost", "share"),
    "costo": ("funding", "budget", "cost", "share"),
    "fondo": ("funding", "budget", "share"),
    "utilizacion": ("utilisation", "utilization", "mfu"),
    "rendimiento": ("utilisation", "utilization", "mfu", "efficiency"),
}
_SHARE_OF = re.compile(
    r"^\s*(?:de|del)\s+(?:(?:su|sus|la|las|el|los|esa|esas|ese|esos|esta|estas|este|estos)\s+)?"
    r"([a-záéíóúñü]+)"
)
#: Rankings other than the TOP500, whose places no source holds.
OTHER_RANKINGS: Final[re.Pattern[str]] = re.compile(
    r"green\s*500|graph\s*500|hpcg|io\s*500|mlperf", re.IGNORECASE
)
#: A government named by its nationality (*el Gobierno alemán*) -> the English word a source
#: of that government's has in its subject or quantity.
NATIONALITIES: Final[dict[str, str]] = {
    "aleman": "german",
    "alemana": "german",
    "alemania": "german",
    "frances": "french",
    "francesa": "french",
    "francia": "french",
    "espanol": "spanish",
    "espanola": "spanish",
    "espana": "spanish",
    "neerlandes": "dutch",
    "neerlandesa": "dutch",
    "holandes": "dutch",
    "holandesa": "dutch",
    "estadounidense": "us",
    "norteamericano": "us",
    "italiano": "italy",
    "italiana": "italy",
    "chino": "chinese",
    "china": "chinese",
}
_ACTOR = re.compile(
    r"\b(?:gobierno|ejecutivo|ministerio)(?:\s+federal)?\s+(?:de\s+|del\s+)?(?:la\s+|los\s+)?"
    r"(ee\.?\s*uu\.?|estados unidos|[a-z]+)"
)
#: Words that say a source is a government's (its share, its investment).
_GOVERNMENT: Final[tuple[str, ...]] = ("government", "ministry", "federal", "administration")


def counted_noun(q: Any) -> tuple[str, tuple[str, ...]]:
    """What the count ``q`` counts: the noun in its span or after it in its sentence (up to
    the next punctuation, within three words) and the English words of :data:`COUNT_NOUNS`; the unit's
    words (:data:`UNIT_COUNTS`) when the pipeline's unit names it. ``("", ())`` when the number
    is followed by nothing, and ``(word, ())`` when by no noun the table knows (*cuatro
    pistas*, *los dos admiten*)."""
    unit = str(q.unit)
    if unit in UNIT_COUNTS:
        return unit, UNIT_COUNTS[unit]
    after = text_after(q)
    clause = re.split(r"[,.;:()\[\]«»\"“”]", after, maxsplit=1)[0]
    own = re.findall(r"[^\W\d_]+", fold(str(q.text)))[1:]  # *una sola máquina*
    following = own + re.findall(r"[^\W\d_]+", fold(clause))[:3]
    for word in following:
        for stem, english in COUNT_NOUNS.items():
            if word.startswith(stem):
                return word, english
    return (following[0] if following else ""), ()


def actor_words(sentence: str) -> list[str]:
    """The governments a sentence names by nationality or country (*el Gobierno alemán*,
    *el gobierno de EE. UU.*), as English words (:data:`NATIONALITIES`)."""
    found = []
    for m in _ACTOR.finditer(fold(sentence)):
        word = m.group(1)
        if word.startswith("ee") or word == "estados unidos":
            found.append("us")
        elif word in NATIONALITIES:
            found.append(NATIONALITIES[word])
    return list(dict.fromkeys(found))


@cache
def _row_words() -> list[frozenset[str]]:
    """Each source's words (name and quantity), for what it counts."""
    table = sources()
    return [
        frozenset(words(f"{n} {q}"))
        for n, q in zip(table["name"].astype(str), table["quantity"].astype(str), strict=True)
    ]


@cache
def counts_mask(english: tuple[str, ...]) -> np.ndarray:
    """Which sources count one of ``english`` (a word of theirs starts with one)."""
    return np.array([any(w.startswith(english) for w in ws) for ws in _row_words()], dtype=bool)


@cache
def actor_rows(word: str) -> np.ndarray:
    """The sources of the government ``word`` names (``german``: the BMBF's share)."""
    index = name_index()
    government = set().union(*(index.rows_with(g) for g in _GOVERNMENT))
    return np.array(sorted(index.rows_with(word) & government), dtype=np.int64)


#: A money amount followed by one of these is a price per unit (*20,47 dólares por acción*).
PER_UNIT: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"^\s*(?:por|cada)\s+(?:accion|titulo|papel)|^\s*cada una"), "USD/share"),
    (re.compile(r"^\s*(?:por|la)\s+hora(?:\s+de\s+(?:gpu|h100|h800|a100))?"), "USD/GPU-hour"),
)


def text_before(q: Any) -> str:
    """The part of the quantity's sentence before it."""
    sentence = str(q.sentence)
    at = sentence.find(str(q.text))
    return sentence[:at] if at >= 0 else sentence


def text_after(q: Any) -> str:
    """The part of the quantity's sentence after it ("" when the sentence does not hold it)."""
    sentence = str(q.sentence)
    at = sentence.find(str(q.text))
    return sentence[at + len(str(q.text)) :] if at >= 0 else ""


def quantity_family(q: Any) -> tuple[str, float]:
    """:func:`~helpers.analysis.check_units.family` of a quantity, with a money amount followed by *por acción* or *por
    hora* read as a price per share or per GPU-hour (:data:`PER_UNIT`)."""
    fam, base = family(str(q.unit), float(q.value))
    if fam == "money":
        after = fold(text_after(q))
        for pattern, per in PER_UNIT:
            if pattern.match(after):
                usd = base * USD_PER_EUR
                return per, usd
    return fam, base


def share_of(q: Any) -> tuple[str, tuple[str, ...]] | None:
    """What the percentage ``q`` is a share of: the common noun after *% de* (*80 % de su
    capacidad*: ``capacidad``) and the English words of :data:`SHARE_NOUNS` for it (``()``
    when the table does not know it); ``None`` when no *de* follows the number."""
    of = _SHARE_OF.match(text_after(q))
    if not of:
        return None
    noun = of.group(1)
    english = next((e for stem, e in SHARE_NOUNS.items() if fold(noun).startswith(stem)), ())
    return noun, english


#: What happened, as a Spanish verb or noun says it (its stem, without accents) -> the English
#: words of an event's title, description or source title that say the same (prefixes). A year
#: in *En 2023, el gobierno anunció una inversión* is the year of an announcement, not of the
#: contract signed that year.
EVENT_VERBS: Final[dict[str, tuple[str, ...]]] = {
    "anunci": ("announc", "unveil"),
    "present": ("announc", "unveil", "present"),
    "firm": ("sign",),
    "contrat": ("contract", "procure"),
    "adjudic": ("award", "contract"),
    "licit": ("procure", "tender", "call"),
    "convocatori": ("call", "tender"),
    "inaugur": ("inaugurat",),
    "funcionamiento": ("operation", "inaugurat"),
    "seleccion": ("select", "chos", "chose"),
    "elig": ("select", "chos", "chose"),
    "escogi": ("select", "chos", "chose"),
    "aprob": ("approv", "adopt"),
    "lanz": ("launch",),
    "debut": ("debut",),
    "estren": ("debut", "launch"),
    "certific": ("certif",),
    "prohib": ("ban", "restrict", "control"),
    "restring": ("ban", "restrict", "control"),
    "veto": ("ban", "restrict"),
}


def happenings(sentence: str) -> tuple[str, ...]:
    """The English words of what a sentence says happened (:data:`EVENT_VERBS`), from its
    verbs and nouns of events, in order, without repeats."""
    found: list[str] = []
    for word in re.findall(r"[^\W\d_]+", fold(sentence)):
        for stem, english in EVENT_VERBS.items():
            if word.startswith(stem):
                found += english
    return tuple(dict.fromkeys(found))


@cache
def _event_words() -> dict[str, frozenset[str]]:
    """Each event's words (title, description, source title), by event id."""
    events = load_events()
    return {
        str(e.event_id): frozenset(words(f"{e.title} {e.description} {e.source_title}"))
        for e in events.itertuples()
    }


@cache
def event_mask(english: tuple[str, ...]) -> np.ndarray:
    """Which sources are events of the kind ``english`` names (a word of theirs starts with
    one); every other source, facts and dataset rows included, is ``False``."""
    by_id = _event_words()
    table = sources()
    return np.array(
        [
            kind == KIND_EVENT and any(w.startswith(english) for w in by_id.get(str(i), ()))
            for kind, i in zip(table["kind"], table["source_id"], strict=True)
        ],
        dtype=bool,
    )
