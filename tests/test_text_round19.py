"""Tests of the nineteenth round of general mechanisms of :mod:`helpers.text` (issue #21),
tuned on the first readings of ``d3980``--``d4019`` and ``d4200``--``d4239`` (development text
only; no held-out file was read for it).

Every sentence here was written for these tests, in the style of Spanish and Latin American
press, and is in no part of the development set; the values were worked out by hand from the
rules of ``data/gold/README.md`` and ``data/gold/dev/README.md``:

* chips the lexicon did not know: *ASIC* (mining's and inference's), *microcontroladores*;
* a processor's *instrucciones por segundo* and *MIPS* (a million of them) are operations per
  second, ``OP/s``, not floating-point ones;
* a machine's FLOP/s restated loosely as *instrucciones por segundo* keeps its unit (*40
  teraflops, o sea, de 40 billones de instrucciones por segundo*);
* *entre las diez mayores* is a place among the largest, a rank; *las dos mayores
  computadoras*, without *entre*, a set of them, a count;
* a thousands amount followed by *nuevos* and a counted noun counts that noun, even after a
  sum of money (*500 mil millones de dólares ... 20 mil nuevos empleos*);
* an operations-per-second phrase glossed *(TOPS)* is in ``OP/s``, as the gloss says.
"""

from __future__ import annotations

import pytest

from support import check

Case = tuple[str, list[tuple[float, str]]]

CASES: list[Case] = [
    ("La granja minera alojará unos 30.000 ASIC de última generación.", [(30000, "chips")]),
    ("Cada placa integra 12 microcontroladores.", [(12, "chips")]),
    (
        "Aquel procesador ejecutaba medio millón de instrucciones por segundo.",
        [(5e5, "OP/s")],
    ),
    ("Un portátil actual ronda los 150 000 MIPS.", [(1.5e11, "OP/s")]),
    (
        "Su pico será de 20 teraflops, es decir, de 20 billones de instrucciones por segundo.",
        [(2e13, "FLOP/s"), (2e13, "FLOP/s")],
    ),
    ("La central estará entre las cinco mayores de Europa.", [(5, "rank")]),
    # must not change: a set of the largest, without "entre"
    ("Las cuatro mayores tecnológicas anunciaron recortes.", [(4, "count")]),
    (
        "Sumará 300 mil millones de dólares al plan y creará 15 mil nuevos empleos.",
        [(3e11, "USD"), (15000, "count")],
    ),
    # must not change: a second sum of money, its unit carried
    (
        "Aportará 300 mil millones de dólares y otros 40 mil millones más adelante.",
        [(3e11, "USD"), (4e10, "USD")],
    ),
    (
        "La NPU alcanza 45 billones de operaciones por segundo (TOPS).",
        [(4.5e13, "OP/s")],
    ),
    # must not change: a supercomputer's operations per second, with no gloss, are FLOP/s
    (
        "El superordenador realiza 20 billones de operaciones por segundo.",
        [(2e13, "FLOP/s")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[s[:40] for s, _ in CASES])
def test_chips_instructions_largest_new_jobs_and_glosses(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)
