"""Tests of the seventeenth round of general mechanisms of :mod:`helpers.text` (issue #21),
tuned on the first readings of ``d3440``--``d3619``.

Every sentence here was written for these tests, in the style of Spanish and Latin American
press, and is in no part of the development set; each mechanism is tried on variants the
development set does not have, with the cases that must not change. The values were worked out
by hand from the rules of ``data/gold/README.md`` and ``data/gold/dev/README.md``:

* a year after a hedge that can put a date (*en torno a 2027.*, *alrededor de 2030,*) is a year
  when the clause ends on it; *más de 2000 empresas* and *llegó a más de 2000.* stay counts;
* *un mes de agosto* names a month (an article); *tardó un mes de trabajo* is a duration;
* the singular *un punto porcentual* and *un punto básico* (0.01 points) are percentage points;
* after a sum of money, *N millones de* and a name is whose the sum is (*los 54.230 millones
  de Intel*), and *de activos* is money too;
* a number word after a label noun numbers a part (*los países del nivel dos*, *la fase tres*),
  unless a plural noun after it is what it counts (*un volumen dos veces mayor*);
* a bare decade after a preposition (*la burbuja de los 90, sino ...*, *en los 80 la
  industria*), not a number with its noun (*de los 90 servidores*) or a clause (*de los 90
  que llegaron*);
* *las siete primeras que aprobó*: the first of a series, a set (count), like *las siete
  primeras fábricas*;
* a model's size with its suffix spaced (*5.1 B parámetros*, *128 K tokens*, *~21 B
  totales*), the sizes of a mixture of experts (*5,1 B activos*), and a decimal size (*200.0k*,
  not a version like *Industria 4.0*);
* *100+ MW*: at least that many, the unit after the plus; *120 GB/S*; *un terabyte de datos
  por segundo*; *un solo núcleo* (cores); *hace más de una década que*; *sub-2 nanómetros*;
* a rate of *operaciones por segundo* of a neural processor is OP/s (low-precision
  integer), a supercomputer's is FLOP/s;
* *frente a las 12 horas actuales* is a duration compared with, not a clock time.
"""

from __future__ import annotations

import pytest

from support import check

Case = tuple[str, list[tuple[float, str]]]

YEARS_MONTHS_AND_POINTS: list[Case] = [
    ("La planta empezará a producir en torno a 2027.", [(2027, "year")]),
    ("El cambio llegará alrededor de 2030, según la empresa.", [(2030, "year")]),
    # must not change: a hedged count
    ("Hay más de 2000 empresas en el parque.", [(2000, "count")]),
    ("La plantilla llegó a más de 2000.", [(2000, "count")]),
    ("Las ventas marcaron un récord para un mes de agosto.", []),
    # must not change: a duration
    ("La mudanza tardó un mes de trabajo.", [(1, "months")]),
    ("El margen quedó un punto porcentual por debajo.", [(1, "percentage points")]),
    ("El tipo subió un punto básico.", [(0.01, "percentage points")]),
]

MONEY_AND_LABELS: list[Case] = [
    (
        "Facturó 80.000 millones de dólares, por encima de los 61.500 millones de Samsung.",
        [(8e10, "USD"), (6.15e10, "USD")],
    ),
    (
        "Invertirá 4.000 millones de euros, la mitad de los 8.000 millones de activos que tiene.",
        [(4e9, "EUR"), (50, "percent"), (8e9, "EUR")],
    ),
    # must not change: what is counted after a sum
    (
        "Invirtió 500 millones de dólares para llegar a 3 millones de usuarios.",
        [(5e8, "USD"), (3e6, "count")],
    ),
    ("Los países del nivel dos necesitarán una licencia.", []),
    ("La fase tres del plan empieza en 2026.", [(2026, "year")]),
    # must not change: a count after a label noun
    ("Es un volumen dos veces mayor que el anterior.", [(2, "times")]),
    ("No fue la burbuja de los 90, sino otra cosa.", [(1990, "year")]),
    ("En los 80 la industria era otra.", [(1980, "year")]),
    # must not change: a number with its noun
    ("Vendió uno de los 90 servidores.", [(90, "servers")]),
    (
        "Es una de las siete primeras que aprobó la Comisión.",
        [(7, "count")],
    ),
    # must not change: a place in a ranking
    ("Es el único sistema chileno entre los 20 primeros.", [(20, "rank")]),
]

MODELS_AND_HARDWARE: list[Case] = [
    (
        "El modelo grande suma 230 B de parámetros y 12 B activos por token.",
        [(2.3e11, "parameters"), (1.2e10, "parameters")],
    ),
    ("Admite una ventana de hasta 256 K tokens.", [(256e3, "tokens")]),
    (
        "El pequeño tiene ~30 B de parámetros totales y 3,3 B activos.",
        [(3e10, "parameters"), (3.3e9, "parameters")],
    ),
    ("Ofrece un contexto de 400.0k y una salida de 128.0k.", [(4e5, "tokens"), (1.28e5, "tokens")]),
    # must not change: a version is a name
    ("La Industria 4.0 llegó a la planta.", []),
    # must not change: a spaced capital letter is a name's
    ("El Plan B prevé 300 MW.", [(3e8, "W")]),
    ("Cada campus suma 50–200+ MW.", [(5e7, "W"), (2e8, "W")]),
    ("La memoria da 273 GB/S de ancho de banda.", [(2.73e11, "bytes/s")]),
    ("El detector genera dos terabytes de datos por segundo.", [(2e12, "bytes/s")]),
    ("Rinde un 18% más en un solo núcleo.", [(18, "percent"), (1, "cores")]),
    ("Hace más de una década que la red funciona.", [(10, "years")]),
    ("El nodo 14A es de clase sub-1,4 nanómetros.", [(1.4e-9, "m")]),
    (
        "Su NPU es capaz de hacer 45 billones de operaciones por segundo.",
        [(4.5e13, "OP/s")],
    ),
    # must not change: a supercomputer's speed
    (
        "El superordenador hace 45 billones de operaciones por segundo.",
        [(4.5e13, "FLOP/s")],
    ),
    (
        "El pronóstico cubrirá 48 horas, frente a las 24 horas actuales.",
        [(48, "hours"), (24, "hours")],
    ),
    # must not change: a clock time
    ("La sesión empieza a las 10 horas.", []),
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    YEARS_MONTHS_AND_POINTS,
    ids=[s[:40] for s, _ in YEARS_MONTHS_AND_POINTS],
)
def test_hedged_years_named_months_and_singular_points(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), MONEY_AND_LABELS, ids=[s[:40] for s, _ in MONEY_AND_LABELS]
)
def test_whose_sums_labels_decades_and_first_of_a_series(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), MODELS_AND_HARDWARE, ids=[s[:40] for s, _ in MODELS_AND_HARDWARE]
)
def test_spaced_model_sizes_plus_bounds_and_neural_rates(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)
