"""Separator conventions: the two numerals whose value depends on the writer, and the press
of each country.

``1.105`` and ``1,500`` are read by Spanish rules (dot thousands, decimal comma) or by the
English ones most of Latin America uses (comma thousands, decimal point). Every other digit
string settles it on its own (``1.000.000``, ``175,30``, ``1,000,000``, ``1.75``), and so is
evidence for the document's convention (:func:`separator_class`). :mod:`helpers.text.separators`
weighs that evidence with the unit's plausible magnitudes and the outlet's country
(:data:`COUNTRY_CONVENTIONS`, :func:`locale_convention`).
"""

from __future__ import annotations

import re
from typing import Final

from helpers.text.numbers import fold

__all__ = [
    "COUNTRY_CONVENTIONS",
    "ambiguous_readings",
    "locale_convention",
    "locale_country",
    "separator_class",
]

# --- separator conventions ------------------------------------------------------------------
#
# ``1.105`` and ``1,500`` are the two numerals whose meaning depends on the writer's
# convention: Spanish (dot thousands, decimal comma) or English, as most of Latin America
# writes (comma thousands, decimal point). Every other digit string settles it on its own
# (``1.000.000``, ``175,30``, ``1,000,000``, ``1.75``), and so is evidence for the document's
# convention. :mod:`helpers.text.quantities` weighs that evidence with the unit's plausible
# magnitudes and the outlet's country.

#: Decimal convention of the press of each Spanish-speaking country (ISO 3166 alpha-2):
#: ``es`` dot thousands and decimal comma, ``en`` comma thousands and decimal point.
COUNTRY_CONVENTIONS: Final[dict[str, str]] = {
    "ES": "es",
    "AR": "es",
    "BO": "es",
    "CL": "es",
    "CO": "es",
    "CR": "es",
    "CU": "es",
    "EC": "es",
    "PY": "es",
    "UY": "es",
    "VE": "es",
    "MX": "en",
    "US": "en",
    "PR": "en",
    "DO": "en",
    "GT": "en",
    "HN": "en",
    "NI": "en",
    "PA": "en",
    "PE": "en",
    "SV": "en",
}
#: Country names, in Spanish and English, for :func:`locale_convention`.
_COUNTRY_NAMES: Final[dict[str, str]] = {
    "espana": "ES",
    "spain": "ES",
    "argentina": "AR",
    "bolivia": "BO",
    "chile": "CL",
    "colombia": "CO",
    "costa rica": "CR",
    "cuba": "CU",
    "ecuador": "EC",
    "paraguay": "PY",
    "uruguay": "UY",
    "venezuela": "VE",
    "mexico": "MX",
    "estados unidos": "US",
    "united states": "US",
    "usa": "US",
    "puerto rico": "PR",
    "republica dominicana": "DO",
    "dominican republic": "DO",
    "guatemala": "GT",
    "honduras": "HN",
    "nicaragua": "NI",
    "panama": "PA",
    "peru": "PE",
    "el salvador": "SV",
}
_LOCALE_RE: Final[re.Pattern[str]] = re.compile(r"(?:[a-z]{2,3}[-_])?([a-z]{2})", re.IGNORECASE)


def locale_convention(locale: str | None) -> str | None:
    """``"es"``, ``"en"`` or ``None`` for a locale hint (``es-MX``, ``es_ES``, ``MX``, ``México``).

    ``None`` (no hint) and countries not in :data:`COUNTRY_CONVENTIONS` give ``None``. Raises
    :class:`ValueError` naming the parameter when the hint is not a locale or country at all.
    """
    if locale is None or not locale.strip():
        return None
    key = fold(locale.strip())
    if key in _COUNTRY_NAMES:
        return COUNTRY_CONVENTIONS[_COUNTRY_NAMES[key]]
    m = _LOCALE_RE.fullmatch(key)
    if m is None:
        raise ValueError(f"locale: {locale!r} is not a locale (es-MX) or a country (MX, México)")
    return COUNTRY_CONVENTIONS.get(m.group(1).upper())


def locale_country(locale: str | None) -> str | None:
    """The ISO 3166 code of a locale hint (``es-MX``, ``MX``, ``México`` -> ``"MX"``), or
    ``None`` when there is no hint or it names no country (``es``)."""
    if locale is None or not locale.strip():
        return None
    key = fold(locale.strip())
    if key in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[key]
    m = _LOCALE_RE.fullmatch(key)
    return m.group(1).upper() if m is not None else None


_AMBIGUOUS_DOT_RE: Final[re.Pattern[str]] = re.compile(r"\d{1,3}\.\d{3}")
_AMBIGUOUS_COMMA_RE: Final[re.Pattern[str]] = re.compile(r"\d{1,3},\d{3}")


def separator_class(kind: str, numtext: str) -> str:
    """What a digit string says about its writer's convention.

    ``"es"`` or ``"en"`` when it settles the convention (``1.000.000``, ``175,30``; ``1,000,000``,
    ``1.75``); ``"dot?"`` for one dot before three digits (``1.105``) and ``"comma?"`` for one
    comma before three digits (``1,500``), whose reading depends on it; ``""`` otherwise.
    """
    if kind == "es":
        return "dot?" if _AMBIGUOUS_DOT_RE.fullmatch(numtext) else "es"
    if kind == "en":
        return "en"
    if kind == "dec":
        if _AMBIGUOUS_COMMA_RE.fullmatch(numtext):
            return "comma?"
        return "es" if "," in numtext else "en"
    return ""


def ambiguous_readings(numtext: str) -> tuple[float, float]:
    """(thousands reading, decimal reading) of ``1.105`` or ``1,500``: (1105, 1.105)."""
    whole, frac = re.split(r"[.,]", numtext)
    return float(whole + frac), float(f"{whole}.{frac}")
