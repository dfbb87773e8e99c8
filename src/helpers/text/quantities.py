"""Quantities in Spanish text: a numeral with its scale, unit, qualifier and context.

:func:`find_quantities` is plain Python on a string (spaCy supplies only its list of Spanish
function words); the ``compute_race_quantities`` component of :mod:`helpers.text.pipeline` and
:func:`helpers.text.quantities_of` call it on each piece of text. It works in four steps, each
in its own module:

1. read each numeral that :data:`helpers.text.numbers.NUMERAL_RE` finds, with its scale words
   or suffix (*millones*, *671B*), unit, currency sign and qualifier, multiplicatives (*el
   doble*) and *y medio* (:mod:`helpers.text.reading`);
2. share units across lists and ranges (*entre 10 y 12 MW*, *tres a cinco años*), carry a unit
   over to a later amount that leaves it out (*y otros 486 millones*), decide years against
   counts (:mod:`helpers.text.carry`) and drop digits that belong to names and datelines
   (*Fab 21*, *MADRID, 30 (EFE)*: :mod:`helpers.text.names`);
3. pool the evidence of the document (:func:`draft_quantities`, :func:`document_convention`,
   :func:`document_evidence`): the numbers whose convention is plain, the magnitudes of its
   unambiguous figures per unit, the country it counts pesos in
   (:mod:`helpers.text.separators`);
4. read each ``1.105``/``1,500`` by that evidence, convert to the base unit of
   :data:`helpers.text.units.BASE_UNITS` and add the flags for a human (:func:`_finish`).

The record all of them work on is :class:`helpers.text.context.Raw`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from helpers.text import units
from helpers.text.carry import (
    resolve,
)
from helpers.text.context import (
    Raw,
    is_lost_exponent,
)
from helpers.text.conventions import locale_convention
from helpers.text.counted import in_protected, protected_index
from helpers.text.numbers import (
    NUMERAL_RE,
)
from helpers.text.reading import read_numeral
from helpers.text.separators import (
    DOLLAR_WORD_RE,
    PLAUSIBLE,
    Evidence,
    convention_vote,
    local_currency,
    magnitudes,
    settle_separator,
)

__all__ = [
    "Draft",
    "Evidence",
    "Quantity",
    "document_convention",
    "document_evidence",
    "draft_quantities",
    "find_quantities",
]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in a text: a plain record, the row of the quantities table.

    ``text`` is the span as written (``text == source[start:end]``, offsets in characters),
    ``value`` is in the base ``unit`` (see :data:`helpers.text.units.BASE_UNITS`),
    ``qualifier`` the hedge in lower case (empty when none) and ``flags`` the warnings for a
    human (``ambiguous_separator?: ...``, ``lost_exponent?: ...``; empty when none).
    """

    text: str
    start: int
    end: int
    value: float
    unit: str
    qualifier: str = ""
    flags: tuple[str, ...] = ()

    @property
    def flag(self) -> str:
        """The flags joined by ``"; "`` (the ``flag`` column of the table)."""
        return "; ".join(self.flags)


def _finish(text: str, raw: Raw, ev: Evidence) -> Quantity:
    """Compute the value in the base unit and the flags."""
    unit = raw.unit or "count"
    flags = list(raw.flags)
    if raw.local:
        unit = ev.peso  # "pesos", "mdp": the peso of the country the text is about
        if ev.peso_reason.startswith("no country"):
            flags.append(f"currency?: {ev.peso_reason}")
    elif (
        raw.dollar_sign
        and unit == "USD"
        and ev.dollar_sign != "USD"
        and not DOLLAR_WORD_RE.search(text, max(0, raw.start - 5), raw.end)
    ):
        # "$77 millones" in a text that counts in pesos; "USD $4.800 millones" and "$1,500
        # millones de dólares" name the dollar
        unit = ev.dollar_sign
    if raw.sep in ("dot?", "comma?"):
        note = settle_separator(raw, ev)
        if note:
            flags.append(note)
    value = raw.number * raw.scale * raw.unit_factor
    if raw.negative:
        value = -value  # "en términos reales llega a -7.8%"
    if unit in units.FLOP_UNITS and is_lost_exponent(raw):
        exp = int(raw.numtext[2:])
        value = 10.0**exp
        note = f"lost_exponent?: 10^{exp}"
        if raw.fracasos:
            note += " ('fracasos' read as flops)"
        flags.append(note)
    if unit == "FLOP/s" and value >= 1e22 and not raw.per_second:
        unit = "FLOP"
        flags.append("rate_too_large?: flops above 1e22 read as an amount of work (FLOP)")
    elif unit == "FLOP/s" and value > PLAUSIBLE["FLOP/s"][1]:
        short = value / 1e12 if raw.scale >= 1e24 else None
        hint = f"; short-scale 'quintillion' would give {short:.4g}" if short else ""
        flags.append(f"implausible?: {value:.4g} FLOP/s{hint}")
    if unit == "parameters" and value > PLAUSIBLE["parameters"][1]:
        short = value / 1e3 if raw.scale >= 1e12 else None
        hint = f"; short-scale 'billion' would give {short:.3g}" if short else ""
        flags.append(f"implausible?: {value:.3g} parameters{hint}")
    return Quantity(
        text=text[raw.start : raw.end],
        start=raw.start,
        end=raw.end,
        value=float(value),
        unit=unit,
        qualifier=raw.qualifier,
        flags=tuple(flags),
    )


@dataclass(frozen=True)
class Draft:
    """The quantities of one piece of text, read but with ``1.105``/``1,500`` still open.

    :func:`draft_quantities` makes it; :func:`document_convention` pools the separator
    evidence of all the drafts of a document; :meth:`settle` gives the final records.
    """

    text: str
    raws: tuple[Raw, ...]
    es_votes: int
    en_votes: int

    def settle(self, convention: tuple[str, str] | Evidence = ("es", "")) -> list[Quantity]:
        """The quantities, with ambiguous separators read by ``convention``: a (name, reason)
        pair, or the whole :class:`~helpers.text.separators.Evidence` of the document
        (:func:`document_evidence`)."""
        if isinstance(convention, Evidence):
            ev = convention
        else:
            ev = Evidence(convention[0], convention[1])
        found = (_finish(self.text, r, ev) for r in self.raws)
        return [q for q in found if math.isfinite(q.value)]


def draft_quantities(text: str, protected: Sequence[tuple[int, int, str]] = ()) -> Draft:
    """Read every quantity of ``text`` (see :func:`find_quantities`) without settling separators."""
    starts = protected_index(protected)
    raws: list[Raw] = []
    consumed = 0
    for m in NUMERAL_RE.finditer(text):
        s = m.start()
        if s < consumed or in_protected(protected, starts, s):
            continue
        raw = read_numeral(text, m, protected, starts)
        if raw is None:
            continue
        if raws and raw.start < raws[-1].end:
            raw.start = max(raw.start, raws[-1].end)
        raws.append(raw)
        consumed = raw.end
    resolve(text, raws)
    kept = tuple(r for r in raws if not r.drop)
    votes = [convention_vote(r) for r in kept]
    return Draft(text, kept, votes.count("es"), votes.count("en"))


def document_convention(drafts: Iterable[Draft], locale: str | None = None) -> tuple[str, str]:
    """The separator convention of a document: (``"es"`` or ``"en"``, the reason).

    The numbers that settle it on their own (``1.000.000``, ``175,30``, ``1,000,000``,
    ``1.75``, and ``1,500 GPU`` or ``1.102 exaflops`` settled by their unit) vote; a tie is
    broken by the ``locale`` hint (``es-MX``, ``AR``, ``México``: see
    :data:`helpers.text.conventions.COUNTRY_CONVENTIONS`); with neither, Spanish rules hold.
    """
    es = en = 0
    for d in drafts:
        es += d.es_votes
        en += d.en_votes
    if es != en:
        conv = "es" if es > en else "en"
        return conv, f"the document's other numbers are written {es} to {en} the Spanish way"
    hint = locale_convention(locale)
    if hint is not None:
        name = "Spanish" if hint == "es" else "English"
        return hint, f"the locale {locale} writes numbers the {name} way"
    return "es", "Spanish rules"


def document_evidence(drafts: Iterable[Draft], locale: str | None = None) -> Evidence:
    """Everything the document says about its ambiguous numbers and its pesos.

    The separator convention (:func:`document_convention`), the median magnitude of its
    unambiguous figures per unit (:func:`helpers.text.separators.magnitudes`) and the currency
    of a bare *pesos* or ``$`` (:func:`helpers.text.separators.local_currency`).
    """
    drafts = list(drafts)
    conv, why = document_convention(drafts, locale)
    raws = [r for d in drafts for r in d.raws]
    peso, peso_why, dollar_sign = local_currency(raws, [d.text for d in drafts], locale)
    return Evidence(conv, why, magnitudes(raws), peso, peso_why, dollar_sign)


def find_quantities(
    text: str,
    protected: Sequence[tuple[int, int, str]] = (),
    *,
    locale: str | None = None,
) -> list[Quantity]:
    """All quantities in ``text``, in order, skipping digits inside ``protected`` spans.

    ``protected`` holds ``(start_char, end_char, label)`` of entities sorted by start (names
    such as *GLM-130B*); a ``CHIP`` entity right after a number (or after its maker, an
    ``ORG``) makes it a chip count, a ``GPU`` entity a GPU count.
    ``text`` is one document: its unambiguous numbers decide how ``1.105`` and ``1,500`` are
    read, with ``locale`` (``es-MX``, ``AR`` ...) as the tie-breaker
    (:func:`document_convention`). This is the engine of the ``compute_race_quantities`` spaCy
    component; it is plain Python on a string, so it can be tested and reused without the spaCy
    pipeline.
    """
    draft = draft_quantities(text, protected)
    return draft.settle(document_evidence([draft], locale))
