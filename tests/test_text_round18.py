"""Tests of the eighteenth round of general mechanisms of :mod:`helpers.text` (issue #21),
tuned on the misses the seventeenth round left in ``d3440``--``d3619`` and on the first reading
of ``d3780``--``d3812``.

Every sentence here was written for these tests, in the style of Spanish and Latin American
press, and is in no part of the development set; the values were worked out by hand from the
rules of ``data/gold/README.md`` and ``data/gold/dev/README.md``:

* plain numbers that add up to the amount just before them, in parentheses or after a colon,
  are its parts, in its unit and scale (*500 MW (300 solares y 200 eólicos)*, *1.500 millones de
  euros (1.000 públicos y 500 privados)*); numbers that do not add up keep their own;
* a count of hardware with a model's name, then *y* and a number before a name of the same
  line, shares the unit (*cuatro núcleos Zen 5 y seis Zen 5c*);
* a unit named alone before a colon gives it to the plain numbers after it in the sentence
  (*la supera en petaflops: dispone de 644, frente a los 565*), not to a counted noun;
* the units after *mil* in Mexican press may end the clause (*con 375 mil 078.*, *un millón
  376 mil 518,*);
* an Ethernet link's speed (*400 GbE*, *10 GigE*) is bits per second.
"""

from __future__ import annotations

import pytest

from support import check

Case = tuple[str, list[tuple[float, str]]]

CASES: list[Case] = [
    (
        "El parque tendrá 500 MW (300 solares y 200 eólicos).",
        [(5e8, "W"), (3e8, "W"), (2e8, "W")],
    ),
    (
        "Invertirá 1.500 millones de euros (1.000 públicos y 500 privados).",
        [(1.5e9, "EUR"), (1e9, "EUR"), (5e8, "EUR")],
    ),
    (
        "El chip lleva 12 núcleos (ocho de rendimiento y cuatro de eficiencia).",
        [(12, "cores"), (8, "cores"), (4, "cores")],
    ),
    # must not change: numbers that do not add up to the amount
    ("Instaló 40 MW (3 parques y 12 turbinas).", [(4e7, "W"), (3, "count"), (12, "count")]),
    ("Combina seis núcleos Zen 5 y ocho Zen 5c.", [(6, "cores"), (8, "cores")]),
    ("Compró 20 servidores Dell y 3 Lenovo.", [(20, "servers"), (3, "servers")]),
    (
        "Japón la supera en petaflops: suma 900, frente a los 410 de Francia.",
        [(9e17, "FLOP/s"), (4.1e17, "FLOP/s")],
    ),
    # must not change: a counted noun after the number
    ("Lo cuenta en euros: 120 personas pagaron la entrada.", [(120, "count")]),
    (
        "Detrás quedó Canadá, con 375 mil 078.",
        [(375078, "count")],
    ),
    (
        "Los autos no fabricados, un millón 376 mil 518, son pocos.",
        [(1376518, "count")],
    ),
    ("Cada bandeja tiene un puerto de 400 GbE.", [(4e11, "bits/s")]),
    ("El servidor trae dos enlaces 10 GigE.", [(2, "count"), (1e10, "bits/s")]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[s[:40] for s, _ in CASES])
def test_parts_named_pairs_units_before_a_colon_and_links(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)
