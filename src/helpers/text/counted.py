"""What a count counts: the noun after a number, a chip name, the hardware named before.

Part of :func:`helpers.text.quantities.find_quantities` (steps 1 and 2). A number of things
that have a compute unit takes it (``GPUs``, ``chips``, ``cores``, ``nodes``, ``servers``,
``transistors``), whether the text names them

* by a counted noun, through its morphology (:data:`COUNTED_NOUNS`: *procesadores gráficos*
  and *tarjetas GPU* are GPUs, *microprocesadores* chips; plural, diminutive and accents
  folded, :func:`counted_noun`), including the machines of a cluster or a supercomputer (*un
  clúster de 22 máquinas*, *una supercomputadora formada por 340 ordenadores*: nodes) and a
  noun glossed by the industry's word (*interruptores llamados transistores*), but not the
  hubs of a network (*nodos tecnológicos*) or a chip process (*un nodo N+2*, *nodos de 3 nm*);
* by the name of a chip from the lexicon, the entity span right after the number or after
  its maker (*10.000 H100*, *350.000 NVIDIA H100*, *600.000 equivalentes a la H100*:
  :func:`chip_at`);
* by *unidades* and the hardware named in the sentence or the one before (*52.000 unidades*,
  *400.000 unidades de chips*: :func:`units_of_counted_noun`, :func:`last_hardware`);
* or not at all, after a verb of getting or having, the chip named in the sentence before
  (*Zuckerberg ha reunido unos 350.000*: :func:`product_counted`).

The entity spans (``protected``) are ``(start, end, label)`` triples sorted by start, with
:func:`protected_index` their starts for bisection and :func:`in_protected` the test that
digits lie inside a name.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import Final

from helpers.text import units
from helpers.text.context import (
    FOLDED_STOP_WORDS,
    SENTENCE_BREAK_RE,
    WS_RE,
    Raw,
)
from helpers.text.numbers import fold

__all__ = [
    "COUNTED_CHIP_RE",
    "COUNTED_LABELS",
    "COUNTED_NOUNS",
    "HARDWARE_RE",
    "HARDWARE_REACH",
    "MACHINE_NOUNS",
    "NOUN_UNITS",
    "chip_at",
    "counted_noun",
    "follows_numbered_name",
    "in_protected",
    "last_hardware",
    "product_counted",
    "protected_index",
    "singular",
    "units_of_counted_noun",
    "units_of_noun",
]

#: Units whose unit form a counted noun may refine (*procesadores gráficos* are GPUs, not
#: chips; *22 máquinas* of a cluster nodes, not a count).
NOUN_UNITS: Final[frozenset[str]] = frozenset(
    {"GPUs", "chips", "cores", "nodes", "servers", "transistors", "count"}
)

#: How far back (characters) *unidades* looks for the hardware it counts.
HARDWARE_REACH: Final[int] = 400

#: Entity labels a number before the name counts: chips (*25.000 Ascend 910B*) or GPUs
#: (*10.000 H100*); :mod:`helpers.text.pipeline` passes ``GPU`` for the lexicon's GPUs.
COUNTED_LABELS: Final[dict[str, str]] = {"CHIP": "chips", "GPU": "GPUs"}


#: The gap between a number and the chip it counts: *de*, *unidades* (*miles de unidades H100*),
#: *equivalentes a la* (*600.000 equivalentes a la H100*).
COUNTED_CHIP_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:equivalentes\s+a\s+(?:la\s+|el\s+|una\s+|un\s+)?"
    r"|(?:de\s+)?(?:unidades\s+(?:de\s+)?)?)",
    re.IGNORECASE,
)


def protected_index(protected: Sequence[tuple[int, int, str]]) -> list[int]:
    """Sorted starts of the protected spans, for bisection."""
    return [s for s, _, _ in protected]


def in_protected(
    protected: Sequence[tuple[int, int, str]], starts: Sequence[int], pos: int
) -> bool:
    """Whether character ``pos`` lies inside an entity span (so digits there are a name)."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and protected[i][0] <= pos < protected[i][1]


#: The joiner of a list of a name's numbers: *Llama 2 y 3*, *GPT-4 o 5*, *H100, 200*.
_NAME_LIST_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\s*(?:,|/|\s(?:y|e|o|u))\s*")


def follows_numbered_name(
    protected: Sequence[tuple[int, int, str]], starts: Sequence[int], text: str, pos: int
) -> bool:
    """A name ending in digits and a list joiner stand right before ``pos`` (*Llama 2 y 3*):
    a bare number there is the next of the name's versions, not an amount."""
    i = bisect.bisect_left(starts, pos) - 1
    if i < 0:
        return False
    _, end, _ = protected[i]
    return (
        end <= pos
        and text[end - 1 : end].isdigit()
        and bool(_NAME_LIST_GAP_RE.fullmatch(text, end, pos))
    )


def chip_at(
    protected: Sequence[tuple[int, int, str]], starts: Sequence[int], text: str, pos: int
) -> tuple[int, str]:
    """End and unit of a chip name starting at ``pos`` (*10.000 H100*), else ``(-1, "")``.

    The chip may follow its maker (*350.000 NVIDIA H100*). Its unit is ``GPUs`` for a
    ``GPU`` span and ``chips`` for a ``CHIP`` span (see :func:`find_quantities`).
    """
    i = bisect.bisect_left(starts, pos)
    if i >= len(protected) or protected[i][0] != pos:
        return -1, ""
    if protected[i][2] == "ORG" and i + 1 < len(protected):
        gap = WS_RE.match(text, protected[i][1])
        if gap is not None and gap.end() > protected[i][1] and protected[i + 1][0] == gap.end():
            i += 1  # "350.000 NVIDIA H100": the maker, then the chip
    if protected[i][2] in COUNTED_LABELS:
        return protected[i][1], COUNTED_LABELS[protected[i][2]]
    return -1, ""


#: A verb of getting or having before a count whose noun is left out: *ha reunido unos
#: 350.000*, *compró 20.000*, *tendrá 100.000 para 2025*.
_ACQUIRE_VERB_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:compr|adquir|reuni|reún|acumul|despleg|desplieg|instal|encarg|vend|envi|entreg"
    r"|tendr|tien|suma|utiliz|conect|alcanz)\w*\s+$",
    re.IGNORECASE,
)

#: What may follow such a count: the clause ends (*unos 350.000 para finales de año.*).
_COUNT_ENDS_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:[.,;:)]|$|(?:para|en|a|al|y|o|hasta|desde|durante|antes|este|esta|cada)(?!\w))",
    re.IGNORECASE,
)


def product_counted(
    text: str, raw: Raw, protected: Sequence[tuple[int, int, str]], starts: Sequence[int]
) -> str | None:
    """The unit of a chip named in this sentence or the one before, for a plain count of 100
    or more after a verb of getting or having whose noun is left out (*El H100 actual cuesta
    hasta 40.000 dólares. Zuckerberg ha reunido unos 350.000 para finales de año.*)."""
    if (
        raw.kind not in ("int", "es", "en", "sp")
        or raw.has_scale
        or raw.number < 100
        or (raw.kind == "int" and len(raw.numtext) == 4 and 1900 <= raw.number <= 2100)
        or not _COUNT_ENDS_RE.match(text, raw.end)
        or not _ACQUIRE_VERB_RE.search(text, max(0, raw.start - 30), raw.start)
    ):
        return None
    i = bisect.bisect_left(starts, raw.start) - 1
    while i >= 0 and raw.start - protected[i][1] <= 300:
        _, end, label = protected[i]
        if label in COUNTED_LABELS:
            breaks = len(re.findall(r"[.!?](?:\s|$)", text[end : raw.start]))
            return COUNTED_LABELS[label] if breaks <= 1 else None
        i -= 1
    return None


#: Hardware nouns written without a number, for *... 500 unidades* (from the unit forms).
_HARDWARE_FORMS: Final[tuple[units.UnitForm, ...]] = tuple(
    f for f in units.UNIT_FORMS if f.unit in ("GPUs", "chips", "servers", "nodes")
)

_HARDWARE_UNITS: Final[tuple[str, ...]] = tuple(f.unit for f in _HARDWARE_FORMS)

HARDWARE_RE: Final[re.Pattern[str]] = re.compile(
    "|".join(
        f"(?P<h{i}>(?<![\\w-])(?:{f.pattern})(?![^\\W\\d_]))" for i, f in enumerate(_HARDWARE_FORMS)
    )
)


#: *unidades de texturizado*: the noun after *de* says what the units are.
#: A possessive or demonstrative may stand between (*unidades de su chip Ascend*, *unidades de
#: esa GPU*).
_UNITS_OF_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*unidades\s+de\s+(?:(?:su|sus|este|esta|estos|estas|ese|esa|esos|esas|nuestro|nuestra"
    r"|nuestros|nuestras|dicho|dicha|aquel|aquella)\s+(?:(?:nuev[oa]s?|propi[oa]s?)\s+)?)?"
    r"(?P<w>[a-záéíóúñü]+)",
    re.IGNORECASE,
)


def units_of_noun(text: str, pos: int) -> bool:
    """*unidades de* and a noun (*de texturizado*), not a determiner (*de varias generaciones*)."""
    m = _UNITS_OF_RE.match(text, pos)
    return m is not None and fold(m.group("w")) not in FOLDED_STOP_WORDS


#: *unidades de* or *del* and hardware, through an article too (*unidades de la GPU H20*,
#: *unidades del chip Ascend*).
_UNITS_OF_HARDWARE_RE: Final[re.Pattern[str]] = re.compile(
    r"\s*unidades\s+(?:del\s+|de\s+(?:(?:el|la|los|las|su|sus|este|esta|estos|estas|ese|esa"
    r"|esos|esas|nuestro|nuestra|nuestros|nuestras|dicho|dicha|aquel|aquella)\s+"
    r"(?:(?:nuev[oa]s?|propi[oa]s?)\s+)?)?)(?P<w>[a-záéíóúñü]+)",
    re.IGNORECASE,
)


def units_of_counted_noun(text: str, pos: int) -> tuple[str, int] | None:
    """*unidades de chips*, *unidades de GPU*, *unidades de su chip*: the counted unit the noun
    after *de* names, and where it ends (``None`` for *unidades de texturizado*)."""
    m = _UNITS_OF_HARDWARE_RE.match(text, pos)
    if m is None:
        return None
    hw = HARDWARE_RE.match(text, m.start("w"))
    if hw is None:
        return None
    return _HARDWARE_UNITS[int(str(hw.lastgroup)[1:])], hw.end()


def last_hardware(text: str, pos: int) -> str | None:
    """The unit of the last hardware noun (*GPU*, *chips*, *servidores*) in the sentence, or in
    the sentence before when this one names none."""
    start = max(0, pos - HARDWARE_REACH)
    breaks = list(SENTENCE_BREAK_RE.finditer(text, start, pos))
    if breaks:
        # this sentence, else also the one before it ("... cerca de 10.000 GPU. A esta entrega
        # seguirán otras hasta llevar el total a 52.000 unidades")
        here = breaks[-1].end()
        if HARDWARE_RE.search(text, here, pos):
            start = here
        elif len(breaks) > 1:
            start = breaks[-2].end()
    found = list(HARDWARE_RE.finditer(text, start, pos))
    return _HARDWARE_UNITS[int(str(found[-1].lastgroup)[1:])] if found else None


# --- counted nouns ------------------------------------------------------------------------

#: Counted nouns by the unit a number of them takes, singular and folded (:func:`fold`): a
#: one-word key is the noun, a two-word key the noun and the modifier that makes it that
#: thing (*procesador gráfico* and *tarjeta GPU* are GPUs, a bare *procesador* a chip).
COUNTED_NOUNS: Final[dict[str, str]] = {
    "gpu": "GPUs",
    **{
        f"{noun} {modifier}": "GPUs"
        for noun in ("tarjeta", "placa", "procesador", "acelerador", "aceleradora", "unidad")
        for modifier in ("grafica", "grafico", "gpu", "de video", "de graficos", "de calculo")
    },
    # "16 tarjetas NVIDIA m2090": a card of a GPU maker is a GPU (its processors may be CPUs)
    **{f"{noun} {maker}": "GPUs" for noun in ("tarjeta", "placa") for maker in ("nvidia", "amd")},
    "chip": "chips",
    "microchip": "chips",
    "superchip": "chips",
    "procesador": "chips",
    "microprocesador": "chips",
    "coprocesador": "chips",
    "microcontrolador": "chips",
    # the chips made for one task, mining's and inference's (*unos 55.000 ASICS*)
    "asic": "chips",
    "apu": "chips",  # a CPU and a GPU in one package (*44,544 APUs*)
    "acelerador": "chips",
    "aceleradora": "chips",
    "cpu": "chips",
    "tpu": "chips",
    "npu": "chips",
    "nucleo": "cores",
    "core": "cores",
    "nodo": "nodes",
    # ... but a hub of a network of places is no machine (*ocho nodos tecnológicos*)
    **{
        f"nodo {m}": "count"
        for m in (
            "tecnologico",
            "logistico",
            "regional",
            "territorial",
            "industrial",
            "productivo",
            "educativo",
            "comercial",
            "empresarial",
            "universitario",
            "cientifico",
            "turistico",
            "de innovacion",
            "de emprendimiento",
            "de desarrollo",
            "de investigacion",
        )
    },
    # a processing unit, without the graphics that make it a GPU (*100.000 unidades de
    # procesamiento*)
    "unidad de procesamiento": "chips",
    "servidor": "servers",
    "transistor": "transistors",
    # the die, the piece of silicon a chip is cut as (*1,6 millones de dies*)
    "die": "chips",
    # ... but the compute dies of one package are its parts (*usa 8 die de computación*)
    **{f"die {m}": "count" for m in ("de computacion", "de computo", "de calculo", "de memoria")},
}

#: A noun glossed in parentheses by the word the industry uses (*matrices (dies)*, *placas
#: (GPU)*): the gloss says what the number counts.
_GLOSS_RE: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]*\((?P<g>[^\W\d_][\w-]*)\)")

#: A noun named by the industry's word after it: *interruptores llamados transistores*.
_NAMED_AS_RE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]*,?[ \u00a0]+(?i:llamad[oa]s|denominad[oa]s|conocid[oa]s[ \u00a0]+como)[ \u00a0]+"
    r"(?P<g>[^\W\d_][\w-]*)"
)

#: Nouns of a whole machine: a number of them is a number of nodes when they make up a
#: cluster (*un clúster de 22 máquinas*, *el clúster suma 64 ordenadores*); *miles de
#: computadoras conectadas* of a network are a count.
MACHINE_NOUNS: Final[frozenset[str]] = frozenset(
    {"maquina", "ordenador", "computadora", "computador", "equipo", "servidor"}
)

#: Diminutive endings, folded (*chipito*, *nodito*, *motorcito*): the word without them, and
#: with the vowel they replace.
_DIMINUTIVES: Final[tuple[str, ...]] = ("cito", "cita", "ito", "ita")

#: (an adjective of novelty, size or power may stand before the noun: *181 nuevas tarjetas de
#: cálculo*, *500 potentes servidores*)
_NOUN_WORDS_RE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?P<de>de[ \u00a0]+)?"
    r"(?:(?i:nuev[oa]s|modern[oa]s|potentes|poderos[oa]s|avanzad[oa]s|adicionales|pequeñ[oa]s"
    r"|minúscul[oa]s|diminut[oa]s|microscópic[oa]s)[ \u00a0]+)?"
    r"(?P<n>[^\W\d_][\w-]*)"
    r"(?:[ \u00a0]+(?P<m>(?:de[ \u00a0]+)?[^\W\d_][\w-]*))?"
)

#: A cluster named in the clause before the number (*el clúster tiene 22*), or a network of
#: machines (*una red de más de 60*).
_CLUSTER_LEFT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\w)(?:cl[uú]ster(?:es)?\b[^.;:!?\d]{0,40}"
    r"|(?:granja|red|conjunto)\s+(?:de|con|formad[oa]\s+por|compuest[oa]\s+(?:por|de))\s+"
    r"(?:[^\W\d_]+\s+){0,2}"
    # the machines a supercomputer is made of: "una supercomputadora formada por 340 ordenadores"
    r"|(?:supercomputador(?:a|es|as)?|superordenador(?:es)?)\b[^.;:!?\d]{0,30}"
    r"(?:formad[oa]\s+por|compuest[oa]\s+(?:por|de)|integrad[oa]\s+por|const(?:a|ar[áa])\s+de"
    r"|re[úu]ne|reunir[áa]|conecta|conectar[áa])\s+(?:(?:m[áa]s\s+de|unos|unas|casi)\s+)?)$",
    re.IGNORECASE,
)


#: A manufacturing process after *nodo*: its name (*N+2*, *N3*) or its feature size (*de 7
#: nm*): no machine of a cluster.
_PROCESS_NODE_RE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:[A-Z]\+?\d|(?:de[ \u00a0]+)?\d+(?:[.,]\d+)?[ \u00a0]*(?:nm|nan[oó]metros)\b)"
)


@functools.lru_cache(maxsize=4096)
def singular(word: str) -> tuple[str, ...]:
    """The folded forms a counted noun may stand for: itself, without its plural ending, and
    without a diminutive (*Procesadores* -> ``procesadores``, ``procesadore``, ``procesador``;
    *chipitos* -> ... ``chip``)."""
    w = fold(word)
    forms = [w]
    if w.endswith("es") and len(w) > 3:
        forms.append(w[:-2])
    if w.endswith("s") and len(w) > 2:
        forms.append(w[:-1])
    for f in list(forms):
        for ending in _DIMINUTIVES:
            if f.endswith(ending) and len(f) > len(ending) + 1:
                base = f[: -len(ending)]
                forms += [base, base + ending[-1]]
                break
    return tuple(forms)


@functools.lru_cache(maxsize=4096)
def _lookup(noun: str, modifier: str | None) -> str | None:
    """The unit of a noun and its modifier in :data:`COUNTED_NOUNS`, the longer key first."""
    nouns = singular(noun)
    if modifier:
        mods = [" ".join(fold(modifier).split())]
        if mods[0].startswith("de "):
            mods += ["de " + m for m in singular(mods[0][3:])]
        else:
            mods += singular(modifier)
        for n in nouns:
            for m in mods:
                if f"{n} {m}" in COUNTED_NOUNS:
                    return COUNTED_NOUNS[f"{n} {m}"]
    return next((COUNTED_NOUNS[n] for n in nouns if n in COUNTED_NOUNS), None)


def counted_noun(
    text: str, pos: int, start: int, *, through_de: bool = False
) -> tuple[str, int] | None:
    """The compute unit of the noun that a number ending at ``pos`` (starting at ``start``)
    counts, and where the noun phrase ends; ``None`` when it counts something else.

    *3.000 procesadores gráficos* and *300 placas GPU* are GPUs, *40 microprocesadores*
    chips; *22 máquinas* of a cluster nodes (:data:`MACHINE_NOUNS`). ``through_de`` lets a
    scale word or a round thousand reach the noun through *de* (*miles de procesadores*).
    """
    m = _NOUN_WORDS_RE.match(text, pos)
    if m is None or (m.group("de") and not through_de):
        return None
    noun, modifier = m.group("n"), m.group("m")
    if "nodo" in singular(noun) and _PROCESS_NODE_RE.match(text, m.end("n")):
        return "count", m.end("n")  # "un nodo N+2", "dos nodos de 7 nm": a chip process
    if modifier is not None:
        unit = _lookup(noun, modifier)
        if unit is not None and unit != _lookup(noun, None):
            return unit, m.end()
    unit = _lookup(noun, None)
    if unit is not None:
        return unit, m.end("n")
    gloss = _GLOSS_RE.match(text, m.end("n")) if "(" in text[m.end("n") : m.end("n") + 3] else None
    if gloss is not None and (unit := _lookup(gloss.group("g"), None)) is not None:
        return unit, m.end("n")  # "1,6 millones de matrices (dies)": chips
    named = _NAMED_AS_RE.match(text, m.end("n"))
    if named is not None and (unit := _lookup(named.group("g"), None)) is not None:
        return unit, m.end("n")  # "millones de diminutos interruptores llamados transistores"
    if any(f in MACHINE_NOUNS for f in singular(noun)) and _CLUSTER_LEFT_RE.search(
        text, max(0, start - 48), start
    ):
        return "nodes", m.end("n")
    return None
