"""Tests of the eleventh round of general mechanisms of :mod:`helpers.text` (issue #21).

Every sentence here was written for these tests, in the style of Spanish and Latin American
press, and is in no part of the development set; each mechanism is tried on variants the
development set does not have (other nouns, units, orders and countries), with the cases that
must not change. The values were worked out by hand from the rules of ``data/gold/README.md``
and ``data/gold/dev/README.md``:

* a dot and three digits before a scale word are a thousands group whatever the rest of the
  text writes (*45.218 millones de pesos* beside *12.5 megavatios* and *8,400 hogares*); a
  comma there is the Spanish decimal (*1,125 millones de euros*);
* Colombian cities, the Aburrá valley and the Medellín utility place a text in Colombia, so
  its *pesos* are COP;
* ``u$s`` glued to the digits (*u$s4.500 millones*, *U$S12 millones*) is the dollar;
* an SI prefix written apart from its unit (*250 mega vatios*, *40 giga bytes por segundo*);
* *el sitio número 9* is a place, and *las listas top500 y green500* are names;
* a multiplier whose *por* is repeated after *o incluso*/*o hasta* (*se multiplica por 4 o
  hasta por 6 respecto al modelo anterior*);
* partitive fractions in *-avo*/*-ava* (*una doceava parte*, *tres veinteavas partes*);
* two estimates of one amount share its scale (*unos ocho, nueve millones de visitas*, *dos
  o tres millones*), not a year before an amount;
* the items of a list that repeat their preposition share its unit (*a tres, a seis y a
  nueve meses*);
* a part *de sus* a model's size (*solo 37B de sus 671B parámetros*);
* a plain number ending its clause takes the counted unit of the amount before it only within
  three orders of magnitude (*... 46.700 millones de parámetros; de expertos, usa 8*);
* no quantity: the year a law's title ends with (*la Ley de Reducción de la Inflación de
  2022*), a law of a list of laws named by its number (*las leyes de 2009, la 1341 y la
  1286*); *la ley de 2023* is still a year.

A twelfth round, tuned on ``d2538``--``d2557`` and ``d2600``--``d2639``, adds two cases here:
a prefix letter before *bytes* (*15,000 Gbytes* in a comma-thousands text), a card of a GPU
maker (*16 tarjetas NVIDIA*, but *procesadores AMD* are chips), a size in billions after
*modelos de* (*modelos de 70B*: parameters; *el modelo 175B* stays a name), and the year a
treaty's or an agreement's title ends with (*el TLC Chile-EE.UU. de 2004*). A thirteenth, tuned
on ``d2720``--``d2748``, adds an energy written with a slash before *hora* (*210
teravatios/hora*: watt-hours, as *por hora* already was) and the model number after a product
line's word in capitals (*RTX PRO 6000 Blackwell*, *GeForce 5090*), while *compró 6000
Blackwell* still counts GPUs.
"""

from __future__ import annotations

import pytest

from support import check

Case = tuple[str, list[tuple[float, str]]]

SEPARATORS_AND_PESOS: list[Case] = [
    (
        "La distribuidora invirtió 45.218 millones de pesos en la red de Itagüí, que entrega"
        " 12.5 megavatios a 8,400 hogares.",
        [(4.5218e10, "COP"), (1.25e7, "W"), (8400, "count")],
    ),
    (
        "El fondo suma 2.350 millones de dólares y la planta produce 1.5 gigavatios.",
        [(2.35e9, "USD"), (1.5e9, "W")],
    ),
    ("En el Valle de Aburrá la obra costó 300 millones de pesos.", [(3e8, "COP")]),
    # must not change: a comma is the Spanish decimal
    ("El Gobierno gastó 1,125 millones de euros en el plan.", [(1.125e6, "EUR")]),
]

DOLLARS_AND_UNITS: list[Case] = [
    (
        "El plan prevé u$s4.500 millones y una primera etapa de entre u$s900 y u$s1.200 millones.",
        [(4.5e9, "USD"), (9e8, "USD"), (1.2e9, "USD")],
    ),
    ("La ronda de la startup fue de U$S12 millones.", [(1.2e7, "USD")]),
    (
        "El parque dará 250 mega vatios y la red moverá 40 giga bytes por segundo.",
        [(2.5e8, "W"), (4e10, "bytes/s")],
    ),
    ("El archivo ocupa 12 tera bytes.", [(1.2e13, "bytes")]),
    (
        "El país consume 210 teravatios/hora al año y la planta entrega 4 gigavatios / hora.",
        [(2.1e14, "Wh"), (4e9, "Wh")],
    ),
    (
        "El equipo tiene 2,048 núcleos y 8,000 Gbytes de memoria.",
        [(2048, "cores"), (8e12, "bytes")],
    ),
]

RANKS_AND_MULTIPLIERS: list[Case] = [
    ("La ciudad quedó en el sitio número 9 del ranking regional.", [(9, "rank")]),
    ("El centro figura en las listas top500 y green500 de junio.", []),
    ("Con esa máquina el país busca entrar al top 10.", [(10, "rank")]),
    (
        "El rendimiento se multiplica por 4 o hasta por 6 respecto al modelo anterior.",
        [(4, "times"), (6, "times")],
    ),
]

FRACTIONS_AND_LISTS: list[Case] = [
    ("El proyecto recibió solo una doceava parte del presupuesto.", [(100 / 12, "percent")]),
    ("Tres veinteavas partes de la energía son solares.", [(15, "percent")]),
    (
        "La plataforma tuvo unos ocho, nueve millones de visitas al mes.",
        [(8e6, "count"), (9e6, "count")],
    ),
    ("Llegarán dos o tres millones de turistas.", [(2e6, "count"), (3e6, "count")]),
    (
        "El banco publica proyecciones a tres, a seis y a nueve meses.",
        [(3, "months"), (6, "months"), (9, "months")],
    ),
    # must not change: a year before an amount, a count and a much larger one
    ("En 2021, 5 millones de usuarios se sumaron.", [(2021, "year"), (5e6, "count")]),
]

PARTS_AND_CARRIES: list[Case] = [
    (
        "El modelo usa solo 37B de sus 671B parámetros en cada paso.",
        [(3.7e10, "parameters"), (6.71e11, "parameters")],
    ),
    (
        "La red activa 13.000 millones de sus 100.000 millones de parámetros.",
        [(1.3e10, "parameters"), (1e11, "parameters")],
    ),
    (
        "Mixtral emplea 46.700 millones de parámetros; de expertos, usa 8.",
        [(4.67e10, "parameters"), (8, "count")],
    ),
    (
        "El nodo suma 8 tarjetas AMD y 64 procesadores AMD, y sirve modelos de 13B.",
        [(8, "GPUs"), (64, "chips"), (1.3e10, "parameters")],
    ),
    ("El modelo 175B es el mayor de la serie.", []),
    # must not change: the same things, a few orders of magnitude apart
    ("El clúster pasó de 512 nodos a apenas 16.", [(512, "nodes"), (16, "nodes")]),
]

NAMES: list[Case] = [
    (
        "Según la Ley de Reducción de la Inflación de 2022, el crédito es del 30 %.",
        [(30, "percent")],
    ),
    ("Las leyes de 2009, la 1341 y la 1286, rigen el sector.", [(2009, "year")]),
    ("El Acuerdo de Asociación Chile-UE de 2002 bajó los aranceles al 6 %.", [(6, "percent")]),
    ("La estación usa una tarjeta RTX PRO 6000 Blackwell y dos GPU GeForce 5090.", [(2, "GPUs")]),
    # must not change: a count of the chip named after the number, with no product line before
    ("El laboratorio compró 6000 Blackwell en 2025.", [(6000, "GPUs"), (2025, "year")]),
    # must not change: a year after "ley de" with no title
    ("La ley de 2023 fija un tope del 5 %.", [(2023, "year"), (5, "percent")]),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), SEPARATORS_AND_PESOS, ids=[s[:40] for s, _ in SEPARATORS_AND_PESOS]
)
def test_thousands_before_a_scale_word_and_colombian_pesos(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), DOLLARS_AND_UNITS, ids=[s[:40] for s, _ in DOLLARS_AND_UNITS]
)
def test_glued_dollars_and_spaced_prefixes(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), RANKS_AND_MULTIPLIERS, ids=[s[:40] for s, _ in RANKS_AND_MULTIPLIERS]
)
def test_places_lists_and_repeated_multipliers(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), FRACTIONS_AND_LISTS, ids=[s[:40] for s, _ in FRACTIONS_AND_LISTS]
)
def test_partitive_fractions_estimates_and_item_prepositions(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), PARTS_AND_CARRIES, ids=[s[:40] for s, _ in PARTS_AND_CARRIES]
)
def test_parts_of_a_model_and_near_carries(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), NAMES, ids=[s[:40] for s, _ in NAMES])
def test_law_titles_and_lists_of_laws(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)
