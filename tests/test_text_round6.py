"""Tests of the sixth round of general mechanisms of :mod:`helpers.text` (issue #21).

Every sentence here was written for these tests, in the style of Spanish and Latin American
press, and is in no part of the development set; each mechanism is tried on variants the
development set does not have (other nouns, units, orders and countries), with the cases that
must not change. The values were worked out by hand from the rules of ``data/gold/README.md``
and ``data/gold/dev/README.md``:

* names, datelines and numbering: a dateline whose place has its state after a comma and whose
  month is abbreviated before a dash (*Saltillo, Coah., 12 Ene.-*), a cardinal before
  *aniversario* (an ordinal), a numbered call or tender with its year (*la licitación 7 de
  2026*), digits written with an at sign (*el distrito 22@*), the year of a titled report (*el Plan
  nacional de energía 2030*), the number of a section (*1.2.-*);
* machine speed in arithmetic operations: *sumas*, *multiplicaciones*, *divisiones* per second,
  singular too (*un cálculo por segundo*), and the first of two operations that share one *por
  segundo*;
* what a count counts: *unidades de su chip*, *de estas unidades* of the hardware just named,
  a partitive with an adjective (*de sus propias TPU*), the die (*dies*, and a gloss in
  parentheses: *pastillas (dies)*), while the compute dies of one package are a count;
* *un*/*una* as the next item of an enumeration of counts, *una sola* with its noun left out;
* shares: *dos de cada tres dólares* (the denominator's noun may be a currency);
* money: a scaled amount of *fondos*, *inversión*, *ayudas*; an adverbial of manner after
  an amount (*de forma directa*) and the parallel amount that leaves its scale out; a gapped
  clause whose subject is people or jobs (*y la plantilla, a 250*) counts them;
* a vague magnitude said twice (*millones y millones de registros*) is one amount;
* a top-N after as many names as it says is the set's size, a count (*Lima y Arequipa, las dos
  principales ciudades*, *eligió Lisboa, Turín y Tampere para los tres ordenadores más
  rápidos*), while a place among them stays a rank.
"""

from __future__ import annotations

import pytest

from support import check

NAMES: list[tuple[str, list[tuple[float, str]]]] = [
    # a dateline: the place, its state after a comma, the day and an abbreviated month
    ("Guadalajara, Jal., 14 mar.- El parque tendrá 40 MW.", [(4e7, "W")]),
    ("Rosario, Santa Fe, 2 Sept.- La cooperativa invirtió 5 %.", [(5, "percent")]),
    ("Valparaíso, 21 oct (Xinhua).- Se instalarán 200 servidores.", [(200, "servers")]),
    # a release's date line with "a"
    ("Ciudad de México, a 14 de febrero de 2024.- La planta tendrá 30 MW.", [(3e7, "W")]),
    ("Saltillo, Coah., a 2 de mayo.- Se instalarán 12 racks.", [(12, "count")]),
    # ... not a day in the running text
    ("La obra empezó el 3 de noviembre con 12 grúas.", [(1103, "date"), (12, "count")]),
    # which anniversary, an ordinal
    ("El instituto celebró su 50 aniversario con 400 invitados.", [(400, "count")]),
    ("Se cumplió el 30 aniversario de la red.", []),
    # ... but years of age are a duration
    ("La red cumple 30 años de servicio.", [(30, "years")]),
    # a numbered call, tender or ruling, with its year
    ("El ministerio abrió la convocatoria 12 de 2024 para centros de cómputo.", []),
    ("La licitación 7 de 2026 quedó desierta.", []),
    # ... the edition's year right after the noun is a year, and a call for an amount is an
    # amount
    (
        "Se abrió la convocatoria 2025 del programa con 30 plazas.",
        [(2025, "year"), (30, "count")],
    ),
    (
        "En 2025 se lanzó una convocatoria de 20 millones de euros.",
        [(2025, "year"), (2e7, "EUR")],
    ),
    # digits written with the at sign
    ("El distrito 22@ acoge 1.500 empresas.", [(1500, "count")]),
    # the year of a titled report or plan is its name's
    ("El Plan nacional de energía 2030 prevé 50 GW.", [(5e10, "W")]),
    ("Según el Barómetro digital 2025, el 80% usa la nube.", [(80, "percent")]),
    # ... a year after a function word is a year, and a number before a plural noun a count
    ("El Programa de becas otorgará 2025 becas.", [(2025, "count")]),
    ("El Plan prevé en 2030 unos 50 GW.", [(2030, "year"), (5e10, "W")]),
    # a gloss in parentheses inside a word
    ("Trae una controladora Octa(8)-Channel a 3200 MHz.", [(3.2e9, "Hz")]),
    ("Hay núcleos (6) de reserva.", [(6, "count")]),
    # the number of a section after a full stop, or opening a line
    (
        "Las condiciones se publican en línea. 2.1.- El servicio se entrega en 3 días.",
        [(3, "days")],
    ),
    ("4.2.- El cliente paga 20 dólares.\n5) Plazos", [(20, "USD")]),
    # ... an amount opening a line is still an amount
    ("12.5 MW es la potencia.", [(1.25e7, "W")]),
]


@pytest.mark.parametrize(("sentence", "expected"), NAMES, ids=[s[:40] for s, _ in NAMES])
def test_names_datelines_and_numbering(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


OPERATIONS: list[tuple[str, list[tuple[float, str]]]] = [
    # the four operations per second are a machine's speed
    ("La calculadora hacía 2.000 divisiones por segundo.", [(2000, "FLOP/s")]),
    ("El prototipo lograba 40 restas por segundo.", [(40, "FLOP/s")]),
    ("Una persona hace una multiplicación por segundo.", [(1, "FLOP/s")]),
    ("Haría falta un cálculo por segundo durante siglos.", [(1, "FLOP/s")]),
    # the first of two that share one "por segundo"
    (
        "La máquina resolvía 8 mil sumas y 500 multiplicaciones por segundo.",
        [(8000, "FLOP/s"), (500, "FLOP/s")],
    ),
    (
        "Hacía 900 restas o 60 divisiones por segundo.",
        [(900, "FLOP/s"), (60, "FLOP/s")],
    ),
    # ... operations without a time are counts
    ("El alumno resolvió 40 sumas y 12 restas.", [(40, "count"), (12, "count")]),
    ("Se entregaron 300 sumas de dinero.", [(300, "count")]),
]


@pytest.mark.parametrize(("sentence", "expected"), OPERATIONS, ids=[s[:40] for s, _ in OPERATIONS])
def test_operations_per_second(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


COUNTED: list[tuple[str, list[tuple[float, str]]]] = [
    # unidades with a possessive or a demonstrative before the hardware
    ("Samsung fabricará 900.000 unidades de su chip Exynos.", [(9e5, "chips")]),
    ("Vendieron 20.000 unidades de esa GPU.", [(20000, "GPUs")]),
    ("Producirá 450.000 unidades del chip Kunlun.", [(4.5e5, "chips")]),
    ("Recibió 8.000 unidades de la GPU nueva.", [(8000, "GPUs")]),
    ("Hay 40 unidades de su flota de camiones.", [(40, "count")]),
    # of these units: the hardware just named
    (
        "La nueva GPU costará 7.000 dólares. Se venderán hasta dos millones de estas unidades.",
        [(7000, "USD"), (2e6, "GPUs")],
    ),
    ("Huawei presentó un nuevo chip y espera vender 50.000 de esas unidades.", [(5e4, "chips")]),
    # a partitive with an adjective
    ("Meta alquilará hasta 300.000 de sus propias TPU.", [(3e5, "chips")]),
    # dies, and a noun glossed by the industry's word
    ("La fundición cortará 300.000 dies este año.", [(3e5, "chips")]),
    (
        "Prevé producir 2,5 millones de pastillas (dies) en 2027.",
        [(2.5e6, "chips"), (2027, "year")],
    ),
    # ... a gloss that is no hardware changes nothing; the dies of one package are its parts
    ("Produjo 30 matrices (tablas).", [(30, "count")]),
    ("El acelerador integra 4 die de cómputo.", [(4, "count")]),
]


@pytest.mark.parametrize(("sentence", "expected"), COUNTED, ids=[s[:40] for s, _ in COUNTED])
def test_what_a_count_counts(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


ONE: list[tuple[str, list[tuple[float, str]]]] = [
    # the next item of an enumeration of two or more counts
    (
        "El campus tendrá 12 laboratorios, tres comedores y una biblioteca.",
        [(12, "count"), (3, "count"), (1, "count")],
    ),
    (
        "La sede suma 200 puestos, 14 salas de juntas, un gimnasio y dos cafeterías.",
        [(200, "count"), (14, "count"), (1, "count"), (2, "count")],
    ),
    # ... one item before is not enough, nor a list of scaled amounts
    ("Tiene 40 procesadores y una página web.", [(40, "chips")]),
    ("Invirtió 30 millones, 20 millones y un esfuerzo enorme.", [(3e7, "count"), (2e7, "count")]),
    # una sola, its noun left out
    ("Las dos redes se fusionaron en una sola.", [(2, "count"), (1, "count")]),
    ("Funcionan como una sola, sin cortes.", [(1, "count")]),
]


@pytest.mark.parametrize(("sentence", "expected"), ONE, ids=[s[:40] for s, _ in ONE])
def test_one_in_lists_and_alone(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


MONEY: list[tuple[str, list[tuple[float, str]]]] = [
    # a share whose denominator is money or hardware
    ("Dos de cada tres dólares invertidos van a la nube.", [(200 / 3, "percent")]),
    ("Tres de cada diez GPU vendidas van a China.", [(30, "percent")]),
    # a scaled amount of funds takes the document's currency
    (
        "Chile recibirá 900 millones de dólares. Los 250 millones de fondos públicos irán a"
        " ciencia.",
        [(9e8, "USD"), (2.5e8, "USD")],
    ),
    (
        "El plan suma 3.000 millones de euros y otros 40 millones de ayudas.",
        [(3e9, "EUR"), (4e7, "EUR")],
    ),
    # ... a count of people stays a count, and funds with no currency known stay unitless
    ("La app tiene 30 millones de usuarios.", [(3e7, "count")]),
    # a gapped clause about people counts them, not the money before it
    (
        "El fondo crecerá a 300 millones de euros y la plantilla, a 250.",
        [(3e8, "EUR"), (250, "count")],
    ),
    (
        "La planta costará 90 millones de dólares y el empleo directo llegará a 120.",
        [(9e7, "USD"), (120, "count")],
    ),
    # ... people named in passing leave the money carried
    (
        "Destinará 40 millones de euros a contratar personal y 25 a equipos.",
        [(4e7, "EUR"), (2.5e7, "EUR")],
    ),
    # an adverbial of manner and the parallel amount that leaves its scale out
    (
        "Invertirá 300 millones de dólares de manera directa y 450 de manera indirecta.",
        [(3e8, "USD"), (4.5e8, "USD")],
    ),
    (
        "El sector movió 1.000 millones de euros. Aportará 120 millones de forma directa.",
        [(1e9, "EUR"), (1.2e8, "EUR")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), MONEY, ids=[s[:40] for s, _ in MONEY])
def test_shares_and_money(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


REPEATED: list[tuple[str, list[tuple[float, str]]]] = [
    ("Procesa millones y millones de registros.", [(1e6, "count")]),
    ("Hay miles y miles de servidores.", [(1000, "servers")]),
    # ... two magnitudes of two things are two amounts
    ("Miles de empresas y miles de usuarios.", [(1000, "count"), (1000, "count")]),
]


@pytest.mark.parametrize(("sentence", "expected"), REPEATED, ids=[s[:40] for s, _ in REPEATED])
def test_a_magnitude_said_twice(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


TOP_N: list[tuple[str, list[tuple[float, str]]]] = [
    # in apposition to the names it sizes: the set's size
    ("Lima y Arequipa, las dos principales ciudades, suman 90 MW.", [(2, "count"), (9e7, "W")]),
    (
        "Google, Meta y Amazon, las tres más grandes, invertirán 5 %.",
        [(3, "count"), (5, "percent")],
    ),
    (
        "El consorcio eligió Lisboa, Turín y Tampere para los tres ordenadores más rápidos.",
        [(3, "count")],
    ),
    # ... not when the names are fewer or more than the number, and a place among them is a rank
    ("Lima y Arequipa, las tres principales ciudades.", [(3, "rank")]),
    ("Es, con Japón y China, una de las tres principales potencias.", [(3, "rank")]),
    ("Figura entre las diez mejores del mundo.", [(10, "rank")]),
    ("Es una de las cinco principales potencias.", [(5, "rank")]),
]


@pytest.mark.parametrize(("sentence", "expected"), TOP_N, ids=[s[:40] for s, _ in TOP_N])
def test_a_top_n_in_apposition(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)
