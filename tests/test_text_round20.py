"""Tests of the twentieth round of :mod:`helpers.text` (issue #21), tuned on the first readings
of ``d4400``--``d4433`` and ``d4500``--``d4517`` (development text only).

Every sentence here was written for these tests, in the style of Spanish and Latin American
press, and is in no part of the development set; the values were worked out by hand from the
rules of ``data/gold/README.md`` and ``data/gold/dev/README.md``:

* *TOPs*, as tech press writes TOPS with a lower-case *s*, is tera-operations per second;
* *APU* (a CPU and a GPU in one package) is a chip.
"""

from __future__ import annotations

import pytest

from support import check

Case = tuple[str, list[tuple[float, str]]]

CASES: list[Case] = [
    ("Su NPU entrega 38 TOPs y el conjunto, 120 TOPs.", [(3.8e13, "OP/s"), (1.2e14, "OP/s")]),
    ("El equipo combina 12 APUs en cada bandeja.", [(12, "chips")]),
    # must not change: the upper-case spelling, and floating-point TFLOPS
    ("El chip alcanza 45 TOPS.", [(4.5e13, "OP/s")]),
    ("La gráfica rinde 80 TFLOPS.", [(8e13, "FLOP/s")]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[s[:40] for s, _ in CASES])
def test_tops_spelt_with_a_lower_case_s_and_apus(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)
