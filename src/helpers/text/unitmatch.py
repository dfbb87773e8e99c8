"""The unit written after a number: which form of :data:`helpers.text.units.UNIT_FORMS` it is.

Part of :func:`helpers.text.quantities.find_quantities` (step 1, with
:mod:`helpers.text.reading`): :func:`match_unit` finds the unit form after a position (through
*de* after a scale word, in quotation marks, glued to the digits or spaced), including a unit
that reaches its number through one qualifying word written before it in the English order
(*20.480 CUDA Cores*, *528 Tensor Cores*); :func:`apply_unit` records it, with its SI prefix,
on a :class:`~helpers.text.context.Raw`; :func:`read_power` reads a power of ten written out
(*10 elevado a 18*, *un uno seguido de 15 ceros*) with the unit that follows it.
"""

from __future__ import annotations

import re
from typing import Final

from helpers.text import units
from helpers.text.context import (
    DE_RE,
    WS_RE,
    Raw,
)

_UNIT_COMBINED: Final[re.Pattern[str]] = re.compile(
    "|".join(
        f"(?P<f{i}>{re.sub(r'[(][?]P<prefix>', '(?:', form.pattern)})(?![^\\W\\d_])"
        for i, form in enumerate(units.UNIT_FORMS)
    )
)

_FRACASOS_INDEX: Final[int] = next(
    i for i, f in enumerate(units.UNIT_FORMS) if "fracasos" in f.pattern
)

#: A neural processor named before a rate of *operaciones* in its sentence: the rate is of
#: low-precision integer operations (TOPS), not floating point (``OP/s``).
_NEURAL_RE: Final[re.Pattern[str]] = re.compile(
    r"(?i:motor(?:es)?\s+neuronal(?:es)?|unidad(?:es)?\s+de\s+procesamiento\s+neuronal"
    r"|neural\s+engine)|(?<!\w)NPUs?(?!\w)"
)
#: A rate of *operaciones* glossed by the industry's word for integer ones: *(TOPS)*.
_TOPS_GLOSS_RE: Final[re.Pattern[str]] = re.compile(r"\s*\([TPG]?OPS\)")
_OPERATIONS_RE: Final[re.Pattern[str]] = re.compile(
    r"(?i:operaci[oó]n(?:es)?)(?!\s+de\s+(?:coma|punto))"
)

#: Opening quotation marks and the closing marks that may end a quoted unit.
_QUOTES: Final[dict[str, str]] = {'"': '"', "«": "»", "“": '”"', "'": "'", "‘": "’'"}


def match_unit(text: str, pos: int, allow_de: bool) -> tuple[int, re.Match[str], int] | None:
    """The unit form after ``pos``: (form index, match, end) or ``None``.

    ``allow_de`` lets a scale word reach its unit through *de* (*500 millones de euros*) and
    even through a comma (*miles de millones, de parámetros*).
    """
    ws_end = WS_RE.match(text, pos)
    p = ws_end.end() if ws_end else pos
    attached = p == pos
    if allow_de:
        de = DE_RE.match(text, pos)
        if de is not None:
            um = _UNIT_COMBINED.match(text, de.end())
            if um is not None and um.lastgroup is not None:
                idx = int(um.lastgroup[1:])
                if units.UNIT_FORMS[idx].spaced:
                    return idx, um, um.end()
    um = _UNIT_COMBINED.match(text, p)
    if um is None and not attached and p < len(text) and text[p] in _QUOTES:
        # a unit in quotation marks: dos "petaFLOPS", 20 «teraflops»
        um = _UNIT_COMBINED.match(text, p + 1)
        if um is None or um.lastgroup is None or um.end() >= len(text):
            return None
        if text[um.end()] not in _QUOTES[text[p]]:
            return None
        return int(um.lastgroup[1:]), um, um.end() + 1
    if um is None or um.lastgroup is None:
        return None
    idx = int(um.lastgroup[1:])
    form = units.UNIT_FORMS[idx]
    if attached and not form.attachable:
        return None
    if not attached and not form.spaced:
        return None
    return idx, um, um.end()


_MONEY_FORMS_UNITS: Final[frozenset[str]] = frozenset(
    {"EUR", "USD", "GBP", *units.PESO_CURRENCIES.values()}
)


def apply_unit(raw: Raw, text: str, idx: int, end: int, start_of_unit: int) -> None:
    """Record unit ``idx`` (with its SI prefix) on ``raw``."""
    form = units.UNIT_FORMS[idx]
    own = form.regex.match(text, start_of_unit)
    prefix = own.groupdict().get("prefix") if own is not None else None
    raw.unit = form.unit
    raw.prefix_factor = units.prefix_factor(prefix, binary=form.binary)
    raw.unit_factor = raw.prefix_factor * form.factor
    raw.fracasos = idx == _FRACASOS_INDEX
    raw.local = form.local
    if form.factor >= 1e6 and form.unit in _MONEY_FORMS_UNITS:
        # "9 mmdd", "500 mdp": the scale is in the abbreviation; it is the amount's scale, so
        # that a later amount that carries the currency does not carry the scale too
        raw.scale *= form.factor
        raw.unit_factor = raw.prefix_factor
        raw.has_scale = True
    raw.per_second = "segundo" in text[start_of_unit:end] or "/s" in text[start_of_unit:end]
    raw.end = end
    if (
        form.unit == "FLOP/s"
        and _OPERATIONS_RE.match(text, start_of_unit)
        and (
            (
                (neural := _NEURAL_RE.search(text, max(0, start_of_unit - 160), start_of_unit))
                and not re.search(r"[.!?]\s", text[neural.end() : start_of_unit])
            )
            or _TOPS_GLOSS_RE.match(text, end)
        )
    ):
        # "su motor neuronal, capaz de 38 billones de operaciones por segundo", "40 billones de
        # operaciones por segundo (TOPS)"
        raw.unit = "OP/s"


def read_time_and_half(text: str, s: int) -> Raw | None:
    """*año y medio*, *hora y media* without a number: one unit of time (at ``s``), to which
    the *y medio* after it adds a half (:func:`helpers.text.leftcontext.finish_context`)."""
    um = _UNIT_COMBINED.match(text, s)
    if um is None or um.lastgroup is None:
        return None
    idx = int(um.lastgroup[1:])
    if units.UNIT_FORMS[idx].unit not in _TIME_UNITS:
        return None
    raw = Raw(s, s, um.end(), "yhalf", um.group(0), 1.0)
    apply_unit(raw, text, idx, um.end(), s)
    return raw


def read_power(text: str, s: int, power: re.Match[str]) -> Raw:
    """A power of ten written out, with the unit that follows it (*... de operaciones por
    segundo*); without one it takes the unit of the amount it restates (:mod:`.carry`)."""
    exp = int(power.group("zeros") or power.group("exp"))
    raw = Raw(s, s, power.end(), "sci", power.group(0), 10.0**exp)
    found = match_unit(text, power.end(), allow_de=True)
    if found is not None and units.UNIT_FORMS[found[0]].unit not in ("count", "times", "percent"):
        apply_unit(raw, text, found[0], found[2], found[1].start())
    return raw


#: One qualifying word written before a counted noun in the English order (*CUDA Cores*,
#: *Tensor Cores*, *NVIDIA GPUs*): a capitalised word or an acronym, then the noun.
_QUALIFIER_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+[A-Z][\w-]*(?=[ \u00a0])")

#: Counted nouns a qualifying word may stand before (the compute units of counted things).
_QUALIFIED_UNITS: Final[frozenset[str]] = frozenset(
    {"cores", "GPUs", "chips", "nodes", "servers", "transistors"}
)


#: An ordinal or positional adjective between a cardinal and its noun of time: *los nueve
#: primeros meses*, *las dos últimas décadas*, *los tres próximos años* (a duration).
_POSITION_WORD_RE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:primer[oa]s|[úu]ltim[oa]s|pr[óo]xim[oa]s|pasad[oa]s|siguientes|restantes"
    r"|venideros|venideras)(?=[ \u00a0])",
    re.IGNORECASE,
)

_TIME_UNITS: Final[frozenset[str]] = frozenset({"s", "hours", "days", "months", "years"})


def match_qualified_unit(text: str, pos: int) -> tuple[int, re.Match[str], int] | None:
    """A counted noun after one qualifying word (*20.480 CUDA Cores*), or a noun of time after
    a positional adjective (*dos últimas décadas*), as :func:`match_unit`."""
    q = _QUALIFIER_WORD_RE.match(text, pos)
    allowed = _QUALIFIED_UNITS
    if q is None:
        q, allowed = _POSITION_WORD_RE.match(text, pos), _TIME_UNITS
    if q is None:
        return None
    found = match_unit(text, q.end(), allow_de=False)
    if found is None or units.UNIT_FORMS[found[0]].unit not in allowed:
        return None
    return found
