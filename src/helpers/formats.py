"""The one set of formatters: how a computed value is written in the book's text and tables.

Pure functions on the ground floor, so the analysis may use them (the ledger's "read as"
column) as well as the notebooks. Numbers go through Babel with a locale (English by
default; the planned Spanish edition passes ``locale="es"``), fed the float's exact binary
value so that rounding is the same as Python's own ``format`` (``2.675`` is below the tie,
and prints ``2.67``).

Text from the inputs is written for where it lands: :func:`escape_markdown` makes any
string show literally in Markdown, MyST and the HTML made from them; :class:`Markup` is
Markdown the book's own code built from escaped parts (:func:`link`, :func:`markup`,
:func:`markdown_table`), the one kind of string pasted as markup.
"""

from __future__ import annotations

import decimal
import math
import re
from collections.abc import Sequence

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


def markdown_cell(text: object) -> Markup:
    """Text for one cell of a Markdown table: on one line, shown literally (its ``|`` and any
    Markdown or HTML in it kept as text, :func:`escape_markdown`)."""
    return escape_markdown(" ".join(str(text).split()))


_ALIGN = {" ": "---", "l": ":--", "r": "--:", "c": ":-:"}


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> Markup:
    """A Markdown (GFM) table. Header and cells are Markdown already: pass text from data
    through :func:`markdown_cell`. ``align`` gives a letter per column (``l``, ``r``, ``c``,
    or a space for the default); nothing at all leaves every column to the default."""
    align = align or " " * len(header)
    if len(align) != len(header):
        raise ValueError(f"align {align!r} has {len(align)} letters for {len(header)} columns")
    rule = "|" + "".join(_ALIGN[a] + "|" for a in align)
    lines = ["| " + " | ".join(header) + " |", rule]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return Markup(protect_untrusted("\n".join(lines)))


# --- Text from the inputs, as Markdown that shows it literally ------------------------------
#
# Trust is decided by where a string comes from, never by what it looks like:
#
# - :class:`Markup` is Markdown the book's own code built, from escaped parts (a citation
#   from a checked URL and an escaped title, a table of escaped cells). It is kept in a
#   registry, so that a plain string joining such values (an f-string of two citations) still
#   shows them as links: :func:`escape_untrusted` keeps those parts and escapes the rest.
# - Every other string is text: :func:`escape_markdown` makes it show character for
#   character, in MyST (the book) and in CommonMark (the HTML for JupyterLab).
# - Text the inputs read (a fact's subject, an article's sentence, an index title) is also
#   registered by :func:`untrusted`, so that Markdown a notebook composes around it (a list
#   of sources) shows it as text too (:func:`protect_untrusted`).

#: Characters that Markdown, MyST or linkify may read as syntax anywhere in a line: always
#: backslash-escaped (CommonMark lets any ASCII punctuation be). ``:`` breaks ``https:…``
#: (linkify) and ``:::`` fences; a ``.`` before a letter breaks ``www.x.org``; a ``#``,
#: ``-``, ``+``, ``=`` or ``1.`` that starts the text could start a heading, list or rule.
_ALWAYS = re.compile(r"([\\`*_\[\]{}<>&|~:])|\.(?=[^\W\d_])")
_LEADING = re.compile(r"^(\s*)(?:([#+=-])(?=[\s#+=-]|$)|(\d{1,9})([.)])(?=\s|$))")
_MARKUP_CHARACTERS = re.compile(r"[\\`*_\[\]{}<>&|~:.#+=-]")
_TRUSTED: set[str] = set()
_UNTRUSTED: dict[str, str] = {}


class Markup(str):
    """Markdown the book's code made from escaped parts: pasted and shown as markup.

    Only this module's functions (and the input modules building a citation) make one; each
    is remembered, so a plain string that contains it verbatim keeps it as markup.
    """

    __slots__ = ()

    def __new__(cls, text: str = "") -> Markup:
        made = super().__new__(cls, text)
        # Only Markup that escaping would change needs remembering (plain words are the same
        # either way); the bound is one no build comes near.
        if _MARKUP_CHARACTERS.search(made) and len(_TRUSTED) < 100_000:
            _TRUSTED.add(str(made))
        return made


def escape_markdown(text: object) -> Markup:
    """``text`` as Markdown that shows it literally: every ASCII punctuation character that
    Markdown, MyST or linkify could read as syntax (``[x](y)``, ``![x](y)``, ``*x*``,
    ``__x__``, ``{role}`x```, ``:::`` directives, ``<tag>``, ``&lt;``, ``{{ }}``, ``|x|``)
    backslash-escaped, line breaks as spaces. Other characters (accents, quotes, bidi or
    zero-width characters) are kept as they are."""
    line = str(text).replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    line = _ALWAYS.sub(lambda m: "\\" + m.group(), line)
    lead = _LEADING.match(line)
    if lead:
        mark = lead.group(2) or lead.group(4)
        cut = lead.end() - 1
        line = f"{line[:cut]}\\{mark}{line[cut + 1 :]}"
    return Markup(line)


def escape_untrusted(text: str) -> Markup:
    """A string for a Markdown page: a :class:`Markup` as it is; any other string escaped
    (:func:`escape_markdown`) except the parts of it that are :class:`Markup` values the
    book's code made, which stay markup (a citation's link in "…; …")."""
    if isinstance(text, Markup):
        return text
    spans: list[tuple[int, int]] = []
    for fragment in sorted((t for t in _TRUSTED if t and t in text), key=len, reverse=True):
        start = text.find(fragment)
        while start != -1:
            end = start + len(fragment)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = text.find(fragment, end)
    out, at = [], 0
    for start, end in sorted(spans):
        out += [escape_markdown(text[at:start]), text[start:end]]
        at = end
    out.append(escape_markdown(text[at:]))
    return Markup("".join(out))


def untrusted(value: object) -> None:
    """Remember ``value`` (text an input file holds) as text that Markdown must show
    literally wherever a notebook puts it (:func:`protect_untrusted`). Only text that
    escaping changes is kept."""
    text = str(value)
    escaped = str(escape_markdown(text))
    if escaped != text and len(text) >= 2 and text not in _TRUSTED:
        _UNTRUSTED[text] = escaped


def untrusted_columns(table: pd.DataFrame, columns: list[str]) -> None:
    """:func:`untrusted` for every non-empty cell of ``columns`` of ``table``."""
    for column in columns:
        if column in table:
            for value in table[column].dropna().unique():
                untrusted(value)


def protect_untrusted(markdown: str) -> str:
    """``markdown`` (composed by a notebook) with every occurrence of registered input text
    (:func:`untrusted`) escaped, so that a fact's subject in a list of sources shows as text.
    A :class:`Markup` is returned as it is: it was built from escaped parts."""
    if isinstance(markdown, Markup) or not _UNTRUSTED:
        return markdown
    present = sorted((t for t in _UNTRUSTED if t in markdown), key=len, reverse=True)
    if not present:
        return markdown
    pattern = re.compile("|".join(map(re.escape, present)))
    return pattern.sub(lambda m: _UNTRUSTED[m.group()], markdown)


#: Characters a link's destination may not hold as they are: they could end the link, open
#: markup, or be read by MyST; each is percent-encoded (the URL stays the same address).
_URL_UNSAFE = str.maketrans({c: f"%{ord(c):02X}" for c in " <>()[]{}\"'`\\|^*_"})


def link(text: object, url: str) -> Markup:
    """A Markdown link whose text shows literally and whose target is an ``http(s)`` URL
    (anything else raises ``ValueError``): the way to link a source from data."""
    if not re.match(r"^https?://[^\s]+$", url):
        raise ValueError(f"not an http(s) URL: {url!r}")
    return Markup(f"[{escape_markdown(text)}]({url.translate(_URL_UNSAFE)})")


def markup(template: str, *values: object) -> Markup:
    """``template`` (Markdown the caller wrote) with ``{}`` filled by ``values``, each escaped
    unless it is :class:`Markup`: ``markup("*{}* runs from {}", name, link)``."""
    return Markup(
        template.format(*(v if isinstance(v, Markup) else escape_markdown(v) for v in values))
    )


def code(text: object) -> Markup:
    """``text`` as a Markdown code span, shown literally whatever backticks it holds."""
    value = " ".join(str(text).splitlines())
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or not value.strip() else ""
    return Markup(f"{fence}{pad}{value}{pad}{fence}")
