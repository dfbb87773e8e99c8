"""Tests of the ninth round of general mechanisms of :mod:`helpers.text` (issue #21).

Every sentence here was written for these tests, in the style of Spanish and Latin American
press, and is in no part of the development set; each mechanism is tried on variants the
development set does not have (other nouns, units, orders and countries), with the cases that
must not change. The values were worked out by hand from the rules of ``data/gold/README.md``
and ``data/gold/dev/README.md``:

* a machine's speed counted in *transacciones* as well as *operaciones* and *cálculos*, and
  *en un segundo* or *al segundo* as well as *por segundo*; *cálculos* with no rate are an
  amount of work (``FLOP``), a rate when they restate the rate just named (*o sea, 10¹⁸
  operaciones de coma flotante*);
* a superlative top-N with any plural adjective (*las cinco más destacadas*) or *con mayor*
  (*las 10 ciudades con mayor capacidad*) is a place; the same set after a preposition that
  is not *uno de*/*entre*/*el grupo de* (*de las cuatro universidades más importantes*) is a
  ``count``, and so is a list's length after a count of its members (*173 sistemas entre los
  500 más rápidos*);
* a scaled amount with no noun of its own in a text whose last amount is money takes that
  currency (*costó 294.000 dólares ... los cientos de millones que*); a conversion in
  parentheses (*(unos 85.000 millones de pesos)*) is not the currency later amounts carry;
  *PBI* (the Argentine abbreviation of the output) names Argentina for a bare *pesos*;
* ``¥`` is the yuan in a text about China and the yen otherwise;
* a range's upper bound may carry a hedge (*desde ocho mil millones hasta más de 400 mil
  millones*, *de 0 a entre 8 y 16 por ciento*); a lower bound in words takes *mil millones*
  when the upper bound is written *cien mil millones*;
* a part before *de los* and a measured amount takes its unit (*los primeros 200 de los 900
  MW*); the last item of a list whose unit stands before each noun (*80 megavatios solares y
  27,4 biomasa*); a hedged estimate in the next sentence of the same magnitude and topic as a
  measurement (*estimada en unos 9.700*); a gapped rank or multiplier (*y el 102 en ...*, *y
  por 4 la de ...*) and a gapped count after a name (*Alemania suma 40 centros, y Francia
  35*);
* a noun named by the industry's word after it (*interruptores llamados transistores*), with
  an adjective of size before it (*diminutos*, *minúsculos*);
* hubs (*nodos tecnológicos*) and chip processes (*un nodo N+2*, *nodos de 3 nm*) are no
  compute nodes; *unidades de procesamiento* are chips; the machines a supercomputer is
  made of (*formada por 340 ordenadores*) are its nodes;
* the compound ordinals of a fraction (*una decimoquinta parte*, *una vigésima parte*); *la
  otra mitad*; *megawatios*; *solo hay una*; *multiplicó nada menos que por 44*;
* *un año* after *en* is the period of a rate named in its clause (*En un año, su consumo
  alcanza ...*, *aporta 400 megavatios a la red en un año.*), not a duration;
* no quantity: a time in a zone (*03.30 GMT*), *No.*/*N.* before a law's number, *un giro de
  180 grados*; a four-digit year before a singular word (*un edificio de 1920 reformado*).
"""

from __future__ import annotations

import pytest

from support import check

Case = tuple[str, list[tuple[float, str]]]

COMPUTE_RATES: list[Case] = [
    ("El clúster procesa 40 billones de transacciones por segundo.", [(4e13, "FLOP/s")]),
    ("Resuelve 2.000 millones de operaciones en un segundo.", [(2e9, "FLOP/s")]),
    ("La máquina hace 900 millones de cálculos al segundo.", [(9e8, "FLOP/s")]),
    ("Completa un millón de cálculos en un solo segundo.", [(1e6, "FLOP/s")]),
    ("Entrenar el modelo exige millones de cálculos.", [(1e6, "FLOP")]),
    (
        "Supera los mil billones de cálculos por segundo y llegará al trillón de cálculos.",
        [(1e15, "FLOP/s"), (1e18, "FLOP/s")],
    ),
    (
        "Un exaflop es un trillón de operaciones por segundo, es decir, 10¹⁸ operaciones de coma"
        " flotante.",
        [(1e18, "FLOP/s"), (1e18, "FLOP/s"), (1e18, "FLOP/s")],
    ),
    # not a rate: plain transactions, a duration, floating-point work with no rate named
    ("El banco registró 65.000 transacciones.", [(65000, "count")]),
    ("La conexión cae en un segundo.", [(1, "s")]),
    ("El entrenamiento costó 5 operaciones de coma flotante.", [(5, "FLOP")]),
]

TOP_N: list[Case] = [
    ("Bogotá figura entre las cinco más destacadas de la región.", [(5, "rank")]),
    ("Quedó entre los tres más visitados del país.", [(3, "rank")]),
    ("Lima está entre las 20 ciudades con mayor población de América.", [(20, "rank")]),
    ("Recibe fondos de las tres universidades más antiguas de Chile.", [(3, "count")]),
    ("Compite con los cuatro bancos más grandes del país.", [(4, "count")]),
    (
        "México tiene 14 sistemas entre los 500 más rápidos del planeta.",
        [(14, "count"), (500, "count")],
    ),
    # a place of one thing stays a place
    ("Es una de las cinco más destacadas del continente.", [(5, "rank")]),
    ("Entró en el grupo de los diez superordenadores más veloces.", [(10, "rank")]),
    ("Ocupa el puesto 40 entre las cien computadoras más potentes.", [(40, "rank"), (100, "rank")]),
    ("Conecta las 10 ciudades con fibra.", [(10, "count")]),
    ("Quiere entrar a los 500 más potentes.", [(500, "rank")]),
]

MONEY_CONTEXT: list[Case] = [
    (
        "El prototipo costó 350.000 euros. Está lejos de los cientos de millones que gastan"
        " las grandes.",
        [(350000, "EUR"), (1e8, "EUR")],
    ),
    (
        "Google pondrá 2.000 millones de dólares (unos 36.000 millones de pesos mexicanos) en"
        " Jalisco. Supera los 1.500 millones que puso Meta.",
        [(2e9, "USD"), (3.6e10, "MXN"), (1.5e9, "USD")],
    ),
    (
        "El presupuesto de ciencia fue de 2,1 billones de pesos, un 0,2% del PBI.",
        [(2.1e12, "ARS"), (0.2, "percent")],
    ),
    ("Pekín creó un fondo de ¥50.000 millones para chips.", [(5e10, "CNY")]),
    ("Toyota invertirá ¥800.000 millones en baterías.", [(8e11, "JPY")]),
    # a count in between ends the money context
    (
        "La app costó 300 dólares. Tiene 3 millones de usuarios y llegó a 5 millones en 2024.",
        [(300, "USD"), (3e6, "count"), (5e6, "count"), (2024, "year")],
    ),
]

RANGES_AND_PARTS: list[Case] = [
    (
        "Los modelos van desde siete mil millones hasta más de 300 mil millones de parámetros.",
        [(7e9, "parameters"), (3e11, "parameters")],
    ),
    (
        "La tasa pasó de 2 a entre 10 y 12 por ciento.",
        [(2, "percent"), (10, "percent"), (12, "percent")],
    ),
    ("Costará entre cinco y cincuenta mil millones de euros.", [(5e9, "EUR"), (5e10, "EUR")]),
    ("Costará entre 4 y 5 mil millones de dólares.", [(4e9, "USD"), (5e9, "USD")]),
    ("Ya opera los primeros 150 de los 600 MW previstos.", [(1.5e8, "W"), (6e8, "W")]),
    (
        "Sumará 120 megavatios eólicos, 60 megavatios solares y 12,5 geotermia.",
        [(1.2e8, "W"), (6e7, "W"), (1.25e7, "W")],
    ),
    (
        "El campus consumirá 4.200 GWh al año a plena carga. Es más de lo que consume toda la"
        " provincia, estimado en unos 3.900.",
        [(4.2e12, "Wh"), (3.9e12, "Wh")],
    ),
    (
        "La universidad ocupa el puesto 80 en Física y el 120 en Química.",
        [(80, "rank"), (120, "rank")],
    ),
    (
        "El chip multiplica por 6 el ancho de banda y por 3 la memoria.",
        [(6, "times"), (3, "times")],
    ),
    (
        "Alemania suma 40 centros de datos en la lista, y Francia 35.",
        [(40, "count"), (35, "count")],
    ),
    # no range, no part, no carry: a list with a plain count, a count of a set, another topic
    ("El clúster usa 3 GPU, y Windows 11.", [(3, "GPUs")]),
    ("Habló con 3 y entre 5 y 6 MW.", [(3, "count"), (5e6, "W"), (6e6, "W")]),
    ("Tiene 167 de los 500 superordenadores más potentes.", [(167, "count"), (500, "count")]),
    ("La planta consume 100 MW. Trabajan allí unas 300.", [(1e8, "W"), (300, "count")]),
    ("Ocupa el puesto 5 y el 2025 será mejor.", [(5, "rank"), (2025, "year")]),
]

COUNTED: list[Case] = [
    (
        "El gobierno abrió seis nodos logísticos y 20 nodos de innovación.",
        [(6, "count"), (20, "count")],
    ),
    ("El clúster suma 64 nodos de cómputo.", [(64, "nodes")]),
    ("Intel fabrica en nodos de 3 nm.", [(3e-9, "m")]),
    # one of a list of counts is a number; the processes are counted, not machines
    ("Fabrica con un nodo N+1 y dos nodos de 5 nm.", [(1, "count"), (2, "count"), (5e-9, "m")]),
    ("SMIC produce a 7 nm y con un nodo N+2 propio.", [(7e-9, "m")]),
    ("Tendrá unas 25.000 unidades de procesamiento.", [(25000, "chips")]),
    ("Compró 800 unidades de procesamiento gráfico.", [(800, "GPUs")]),
    ("Es un superordenador compuesto por 120 computadoras.", [(120, "nodes")]),
    ("El superordenador equivale a 500 ordenadores personales.", [(500, "count")]),
    (
        "Cada procesador reúne miles de millones de diminutos interruptores llamados transistores.",
        [(1e9, "transistors")],
    ),
    (
        "El chip tiene 20.000 millones de interruptores, conocidos como transistores.",
        [(2e10, "transistors")],
    ),
    ("Tiene 500 pequeños servidores.", [(500, "servers")]),
    ("Vendió 300 piezas llamadas módulos.", [(300, "count")]),
]

WORDS_AND_NAMES: list[Case] = [
    ("Gasta menos de una vigésima parte del agua.", [(5, "percent")]),
    ("Aporta una decimoquinta parte de la energía.", [(100 / 15, "percent")]),
    ("Una centésima parte del total.", [(1, "percent")]),
    ("La otra mitad la pone el Estado.", [(50, "percent")]),
    ("La planta tendrá 30 megawatios.", [(3e7, "W")]),
    ("En la zona solo hay una subestación libre.", [(1, "count")]),
    ("Sus ventas se multiplicaron nada menos que por 30.", [(30, "times")]),
    ("Cotizaba a las 9.30 hora local (14.30 GMT) con alzas del 2 %.", [(2, "percent")]),
    ("Lo fija el Decreto N. 31233 y la Resolución No. 045 de 2023.", []),
    ("Pidió un giro de 180 grados en la política.", []),
    ("Ocupa un edificio de 1931 reformado en 2020.", [(1931, "year"), (2020, "year")]),
    # the period of a rate named in its clause is no duration
    ("En un año, su consumo alcanza 900 GWh.", [(9e11, "Wh")]),
    ("La central aporta 400 megavatios a la red en un año.", [(4e8, "W")]),
    ("En un año, la empresa abrirá tres sedes.", [(1, "years"), (3, "count")]),
    ("Las ventas crecieron en un año.", [(1, "years")]),
    # not a fraction, not a share, not a name: what must not change
    ("La primera mitad del año.", []),
    ("Contrató 2000 trabajadores.", [(2000, "count")]),
    ("Solo hay un puñado de empresas.", []),
    ("Creció 10.30 GW.", [(1.03e10, "W")]),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), COMPUTE_RATES, ids=[s[:40] for s, _ in COMPUTE_RATES]
)
def test_compute_rates_and_work(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), TOP_N, ids=[s[:40] for s, _ in TOP_N])
def test_top_n_places_and_sets(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), MONEY_CONTEXT, ids=[s[:40] for s, _ in MONEY_CONTEXT]
)
def test_money_context_and_currency_signs(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), RANGES_AND_PARTS, ids=[s[:40] for s, _ in RANGES_AND_PARTS]
)
def test_ranges_parts_and_gapped_units(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), COUNTED, ids=[s[:40] for s, _ in COUNTED])
def test_what_a_count_counts(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), WORDS_AND_NAMES, ids=[s[:40] for s, _ in WORDS_AND_NAMES]
)
def test_fractions_words_and_names(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)
