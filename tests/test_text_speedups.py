"""Two speed-ups of the reader that must not change what it reads.

The numeral scan's pre-check is only a speed-up: without it the scan finds the same numerals.
:data:`helpers.text.numbers.NUMERAL_RE` opens with a look-ahead that lets only a digit, or a
letter that can begin a number word at the start of a word, into its long alternation. If an
alternative is ever added that opens on another letter, or inside a word, the pre-check would
hide its matches; this test reads the development set with and without the pre-check and
compares every span and alternative.

:func:`helpers.text.names.is_name_digits` keeps its answer on the numeral it was asked about;
the answer must follow the numeral's fields when a later pass changes them.
"""

from __future__ import annotations

import re

from helpers.text import devset
from helpers.text.context import Raw
from helpers.text.names import is_name_digits
from helpers.text.numbers import NUMERAL_RE

_PRECHECK = re.compile(r"\(\?=\\d\|\(\?<!\\w\)\[[A-Za-z]+\]\)")


def _without_precheck() -> re.Pattern[str]:
    found = _PRECHECK.findall(NUMERAL_RE.pattern)
    assert len(found) == 1, "the pre-check of NUMERAL_RE is not where this test expects it"
    return re.compile(NUMERAL_RE.pattern.replace(found[0], "", 1), NUMERAL_RE.flags)


def _scan(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]


def test_the_precheck_hides_no_numeral() -> None:
    plain = _without_precheck()
    texts = [d.text for d in devset.load("dev")]
    texts += ["TOP10 y u$s25.000", "Fórmula Uno, el Plan de las Siete", "año y medio", "x1 dosis"]
    differ = [t[:60] for t in texts if _scan(NUMERAL_RE, t) != _scan(plain, t)]
    assert not differ, f"{len(differ)} texts read differently, the first: {differ[0]!r}"


def test_the_precheck_rejects_letters_inside_words() -> None:
    """The reason for the pre-check: "dos" is a numeral, the "dos" inside "todos" is not."""
    assert _scan(NUMERAL_RE, "todos los dos") == [(10, 13, "words")]


_FAB = "la planta Fab 21 de TSMC"


def _fab(**fields: object) -> Raw:
    raw = Raw(start=14, num_start=14, end=16, kind="int", numtext="21", number=21.0)
    for name, value in fields.items():
        setattr(raw, name, value)
    assert _FAB[raw.num_start : raw.end] == "21"
    return raw


def test_the_kept_answer_follows_the_numeral() -> None:
    """*Fab 21* is a name; hedged (*más de 21*) or scaled it is an amount, asked of one raw."""
    raw = _fab()
    assert is_name_digits(_FAB, raw) is True
    assert is_name_digits(_FAB, raw) is True  # the kept answer
    raw.qualifier = "más de"
    assert is_name_digits(_FAB, raw) is False  # a field it reads changed: asked again
    raw.qualifier, raw.has_scale = "", True
    assert is_name_digits(_FAB, raw) is False
    raw.has_scale = False
    assert is_name_digits(_FAB, raw) is True


def test_the_kept_answer_is_the_numerals_own() -> None:
    """Two numerals, two answers: nothing is shared between raws or between readings."""
    name, amount = _fab(), _fab(qualifier="hasta")
    assert is_name_digits(_FAB, name) is True
    assert is_name_digits(_FAB, amount) is False
    assert _fab().name_memo is None
