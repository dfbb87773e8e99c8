"""The one set of formatters: how a computed value is written in the book's text and tables.

Pure functions on the ground floor, so the analysis may use them (the ledger's "read as"
column) as well as the notebooks. Numbers go through Babel with a locale (English by
default; the planned Spanish edition passes ``locale="es"``), fed the float's exact binary
value so that rounding is the same as Python's own ``format`` (``2.675`` is below the tie,
and prints ``2.67``).
"""

from __future__ import annotations

import decimal
import math

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal

#: The language of the book's numbers and dates.
LOCALE = "en"

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
#: Short-scale words for prose, largest first.
_SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€"}
#: SI prefixes a value in a base unit is shown in: ``prefix="M"`` shows watts as megawatts,
#: FLOP/s as … and euros as millions.
PREFIXES = {"k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18, "Z": 1e21, "Y": 1e24}


def superscript(exponent: int) -> str:
    """An integer as superscript digits: ``-3`` -> ``⁻³``."""
    return str(exponent).translate(_SUPERSCRIPT)


def number(
    value: float, unit: str = "", digits: int = 1, locale: str = LOCALE, prefix: str = ""
) -> str:
    """``value`` with grouped thousands and ``digits`` decimals, then ``unit``: ``793.4 PFLOP/s``.

    A value in a base unit is shown in a multiple of it with ``prefix`` (an SI prefix):
    ``number(13.088e6, digits=2, prefix="M")`` is ``13.09`` (megawatts, or millions).
    """
    if prefix:
        if prefix not in PREFIXES:
            raise ValueError(f"unknown prefix {prefix!r}: use one of {', '.join(PREFIXES)}")
        value = value / PREFIXES[prefix]
    pattern = "#,##0." + "0" * digits if digits > 0 else "#,##0"
    text = format_decimal(decimal.Decimal(value), format=pattern, locale=locale)
    return f"{text} {unit}".strip() if unit else text


def percent(fraction: float, digits: int = 0, locale: str = LOCALE) -> str:
    """A fraction as a percentage: ``0.853`` -> ``85%`` (as Python's ``:.0%``, which multiplies
    the float by 100 first, in the locale)."""
    return number(fraction * 100, digits=digits, locale=locale) + "%"


def scientific(value: float, digits: int = 1) -> str:
    """``value`` as ``m × 10ⁿ`` with ``digits`` decimals in the mantissa: ``2.13e25`` ->
    ``2.1 × 10²⁵`` (a mantissa rounded up to ten carries over: ``9.96e3`` -> ``1.0 × 10⁴``)."""
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa} × 10{superscript(int(exponent))}"


def significant(value: float, digits: int = 3) -> str:
    """``value`` in scientific notation with up to ``digits`` significant digits, trailing
    zeros dropped and a bare power of ten for a mantissa of one: ``1.3 × 10¹⁴``, ``10¹⁸``."""
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)))
    mantissa = f"{value / 10**exponent:.{digits}g}"
    power = f"10{superscript(exponent)}"
    return power if mantissa == "1" else f"{mantissa} × {power}"


def words(value: float, digits: int = 1) -> str:
    """``value`` with a scale word (short scale): ``37e9`` -> ``37 billion``, ``14.8e12`` ->
    ``14.8 trillion`` (trailing zeros dropped). Under a million, thousands are grouped (no
    decimals from a thousand on); from 1e15 on, :func:`scientific`."""
    if abs(value) >= 1e15:
        return scientific(value, digits)
    for scale, word in _SCALE_WORDS:
        if abs(value) >= scale:
            text = number(value / scale, digits=digits)
            if "." in text:  # "37.0 billion" reads as "37 billion"
                text = text.rstrip("0").rstrip(".")
            return f"{text} {word}"
    return number(value, digits=0 if abs(value) >= 1e3 else digits)


def amount(value: float, currency: str) -> str:
    """Money for prose: ``$294,000``, ``$20 million``, ``€1.5 billion``. Below a million the
    whole amount; from a million up, millions, billions or trillions to three significant
    figures."""
    symbol = _CURRENCY_SYMBOLS.get(currency)
    if symbol is None:
        raise ValueError(f"unknown currency {currency!r}: only {', '.join(_CURRENCY_SYMBOLS)}")
    if value < 1e6:
        return f"{symbol}{number(value, digits=0)}"
    for size, word in _SCALE_WORDS:
        if value >= size:
            return f"{symbol}{value / size:.3g} {word}"
    raise AssertionError("unreachable")  # pragma: no cover


def long_date(iso: str, locale: str = LOCALE) -> str:
    """An ISO date written out: ``2025-08-18`` -> ``18 August 2025``."""
    return format_date(pd.Timestamp(iso).date(), format="d MMMM y", locale=locale)


def markdown_cell(text: object) -> str:
    """Text for one cell of a Markdown table: on one line, its ``|`` kept as text."""
    return " ".join(str(text).split()).replace("|", "\\|")


_ALIGN = {" ": "---", "l": ":--", "r": "--:", "c": ":-:"}


def markdown_table(header: list[str], rows: list[list[str]], align: str = "") -> str:
    """A Markdown (GFM) table. Header and cells are Markdown already: pass text from data
    through :func:`markdown_cell`. ``align`` gives a letter per column (``l``, ``r``, ``c``,
    or a space for the default); nothing at all leaves every column to the default."""
    align = align or " " * len(header)
    if len(align) != len(header):
        raise ValueError(f"align {align!r} has {len(align)} letters for {len(header)} columns")
    rule = "|" + "".join(_ALIGN[a] + "|" for a in align)
    lines = ["| " + " | ".join(header) + " |", rule]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
