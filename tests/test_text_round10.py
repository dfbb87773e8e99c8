"""Tests of the tenth round of general mechanisms of :mod:`helpers.text` (issue #21).

Every sentence here was written for these tests, in the style of Spanish and Latin American
press, and is in no part of the development set; each mechanism is tried on variants the
development set does not have (other nouns, units, orders and countries), with the cases that
must not change. The values were worked out by hand from the rules of ``data/gold/README.md``
and ``data/gold/dev/README.md``:

* thousands in words and the rest in digits with decimals, as Cuban wire copy writes them
  (*tres mil 450,6 megavatios* is 3450.6 MW), never a percentage (*dos mil 7,5 por ciento*
  keeps the two numbers apart);
* a bare number after a change (*un aumento del 4,25*, *caídas desde 1,5 hasta 3,2*) is a
  percentage in a text that writes percentages; a bare decimal takes the unit of its
  sentence's measurement leaving durations aside (*en los últimos diez años ... un 2 % ...
  llegó al 5,4*), and of the measurement of its own magnitude when there are two (*... 4
  812,3 gigavatios hora ... un alza del 3,1 ... (cuatro mil 667,9)*);
* imperial lengths (*millas*, *millas náuticas*, *pies*); square and cubic ones have no base
  unit;
* a sum of money whose currency the text never writes, after a noun of money (*en dinero*,
  *las inversiones ... suman*), is in the currency of the country the text names (the euro
  for Spain, a peso for its country), and no currency is guessed for a text that names none;
* *las 22 que tienen acuerdo*: an article, a number and *que* count the things named before,
  and do not take the unit of the last measurement;
* *uno* (and *una* before a preposition) beside another count of its clause is one (*tres
  operan y uno está en obras*), not *uno de los*, *cada uno* or *una empresa*;
* *dentro de las 100 más potentes*, *entre las primeras dos supercomputadoras*, *una de las
  primeras 50* and *una de las 500 supercomputadoras* are places in a ranking; *las primeras
  500 unidades* still counts;
* no quantity: the number of a law after its title (*la Ley del Trabajo 15.921*), digits
  after a dotted acronym (*el sector S.U.I. 4*); a year after *ley de* is still a year.
"""

from __future__ import annotations

import pytest

from support import check

Case = tuple[str, list[tuple[float, str]]]

THOUSANDS_IN_WORDS: list[Case] = [
    ("La demanda tocó un máximo de tres mil 450,6 megavatios en agosto.", [(3.4506e9, "W")]),
    ("Se generaron cuatro mil 812,3 gigavatios hora durante el semestre.", [(4.8123e12, "Wh")]),
    ("La empresa invirtió mil 451.9 millones de pesos en Jalisco.", [(1.4519e9, "MXN")]),
    ("La planta tendrá siete mil 200 paneles.", [(7200, "count")]),
    # not one number: a percentage after the thousands
    ("Vendió dos mil equipos, 7,5 por ciento más.", [(2000, "count"), (7.5, "percent")]),
]

PERCENT_CHANGES: list[Case] = [
    (
        "La inflación fue del 3 % en enero; después hubo un aumento del 4,25 en marzo.",
        [(3, "percent"), (4.25, "percent")],
    ),
    (
        "El informe muestra caídas desde 1,5 hasta 3,2 entre 2015 y 2020, y un alza del 2 %"
        " en 2021.",
        [
            (1.5, "percent"),
            (3.2, "percent"),
            (2015, "year"),
            (2020, "year"),
            (2, "percent"),
            (2021, "year"),
        ],
    ),
    (
        "En los últimos diez años la demanda creció un 2 % anual, pero en 2024 llegó al 5,4.",
        [(10, "years"), (2, "percent"), (2024, "year"), (5.4, "percent")],
    ),
    (
        "El país consumió cuatro mil 812,3 gigavatios hora, un alza del 3,1 por ciento frente"
        " al año previo (cuatro mil 667,9).",
        [(4.8123e12, "Wh"), (3.1, "percent"), (4.6679e12, "Wh")],
    ),
    # not a percentage: no percentage in the text, or a count of things after the change
    ("Hubo un aumento del 4,25 en el precio del cobre.", [(4.25, "count")]),
    (
        "Tras un aumento de 15 empleados, el 30 % de la plantilla es nueva.",
        [(15, "count"), (30, "percent")],
    ),
]

IMPERIAL: list[Case] = [
    (
        "El cable recorre 1.200 kilómetros (746 millas) bajo el mar.",
        [(1.2e6, "m"), (746 * 1609.344, "m")],
    ),
    ("La antena está a 12 millas náuticas de la costa.", [(12 * 1852.0, "m")]),
    ("La torre mide 300 pies de altura.", [(300 * 0.3048, "m")]),
    # areas and volumes have no base unit: the number is a count, unscored in the gold
    ("La nave ocupa 250.000 pies cuadrados.", [(250000, "count")]),
]

ELIDED_CURRENCY: list[Case] = [
    (
        "Las inversiones previstas en Cataluña para nuevos centros de datos suman más de"
        " 4.000 millones, según la patronal.",
        [(4e9, "EUR")],
    ),
    (
        "El Ayuntamiento de Zaragoza cobrará la licencia, que en dinero supone unos 3 millones.",
        [(3e6, "EUR")],
    ),
    (
        "El gobierno de Nuevo León dijo que las inversiones en Monterrey alcanzan 900 millones.",
        [(9e8, "MXN")],
    ),
    # no country named: no currency is guessed
    ("Las inversiones anunciadas suman más de 38.000 millones.", [(3.8e10, "count")]),
]

SET_PRONOUNS_AND_ONE: list[Case] = [
    (
        "De las 40 granjas solares del país, con 900 megavatios, las 31 que venden a la red"
        " aportan 820 megavatios.",
        [(40, "count"), (9e8, "W"), (31, "count"), (8.2e8, "W")],
    ),
    (
        "La red tiene cinco cables: tres operan y uno está en obras.",
        [(5, "count"), (3, "count"), (1, "count")],
    ),
    ("De los dos campus, uno estará en Sevilla y el otro en Cádiz.", [(2, "count"), (1, "count")]),
    # a pronoun or an article, not the number one
    ("Uno de los ejemplos es Chile y dos más.", [(2, "count")]),
    ("Cada uno de los tres pares lleva luz.", [(3, "count")]),
    ("Tiene dos socios, y uno de ellos es Google.", [(2, "count")]),
]

RANKS: list[Case] = [
    ("El equipo quedará dentro de las 50 más rápidas del mundo.", [(50, "rank")]),
    (
        "Soñaban con ser una de las 500 supercomputadoras y será una de las primeras 50 del"
        " planeta, quizá entre las primeras tres computadoras de la región.",
        [(500, "rank"), (50, "rank"), (3, "rank")],
    ),
    # the size of a set, not a place
    ("Las primeras 500 unidades llegan en mayo.", [(500, "count")]),
    ("Compró una de las 500 supercomputadoras que vendió IBM.", [(500, "count")]),
]

NAMES: list[Case] = [
    ("Según la Ley del Trabajo 15.921 solo pueden optar los ciudadanos.", []),
    ("La obra ocupa el sector S.U.I. 7 del plan urbano desde hace 12 años.", [(12, "years")]),
    ("La ley de 2023 asignó 500 millones de euros.", [(2023, "year"), (5e8, "EUR")]),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), THOUSANDS_IN_WORDS, ids=[s[:40] for s, _ in THOUSANDS_IN_WORDS]
)
def test_thousands_in_words_with_decimals(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), PERCENT_CHANGES, ids=[s[:40] for s, _ in PERCENT_CHANGES]
)
def test_changes_and_bare_decimals(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), IMPERIAL, ids=[s[:40] for s, _ in IMPERIAL])
def test_imperial_lengths(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), ELIDED_CURRENCY, ids=[s[:40] for s, _ in ELIDED_CURRENCY]
)
def test_currency_of_the_country(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), SET_PRONOUNS_AND_ONE, ids=[s[:40] for s, _ in SET_PRONOUNS_AND_ONE]
)
def test_set_pronouns_and_one(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), RANKS, ids=[s[:40] for s, _ in RANKS])
def test_places_in_rankings(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), NAMES, ids=[s[:40] for s, _ in NAMES])
def test_law_numbers_and_dotted_acronyms(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)
