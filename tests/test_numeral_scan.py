"""The numeral scan's pre-check is only a speed-up: without it the scan finds the same numerals.

:data:`helpers.text.numbers.NUMERAL_RE` opens with a look-ahead that lets only a digit, or a
letter that can begin a number word at the start of a word, into its long alternation. If an
alternative is ever added that opens on another letter, or inside a word, the pre-check would
hide its matches; this test reads the development set with and without the pre-check and
compares every span and alternative.
"""

from __future__ import annotations

import re

from helpers.text import devset
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
