"""Tests of the fourth round of general mechanisms of :mod:`helpers.text` (issue #21).

Every sentence here was written for these tests, in the style of Spanish and Latin American
press, and is in no part of the development set; the values were worked out by hand from the
rules of ``data/gold/README.md`` and ``data/gold/dev/README.md``:

* the peso's country from the places, institutions and people a text names
  (:mod:`helpers.text.places`), and a bare ``$`` read by the writer's own convention (a
  text that marks its dollars apart keeps ``$`` for the peso);
* top-N written with the ordinal first (*las primeras 100*, *una de las tres o cuatro más
  importantes*), a list's name (*la lista TOP 500*), a cardinal before a positional adjective
  and a noun of time (*las dos últimas décadas*), *medio siglo*;
* units carried through a range whose bounds carry their own currency sign (*entre $3 y $4
  billones*), with an article (*entre el 27 y el 30%*), a range opener (*de ocho a doce
  capas*), a restated amount, a rate whose *por segundo* is left out, an inverted efficiency
  (*un vatio por cada 6 GFLOPS*), a count of a named product (*equivalentes a la H100*,
  *unidades de chips*, *unidades* of GPUs named in the sentence before);
* amounts written in full (*33 mil 295 millones 924 mil 363 pesos*), *al trillón*, an
  implausible amount read as written (*US$ 500.000 mil millones*), milliwatts;
* what is not an amount: page date lines (*Viernes, 13 de junio de 2025*), a day named by its
  weekday (*el lunes 3*), numbered laws and budget items (*Ley 27.430*, *el ramo 38*),
  telephone numbers.
"""

from __future__ import annotations

import pytest

from helpers import text as T
from helpers.text.places import GAZETTEER, OTHER, country_votes, peso_country
from support import check

PESOS: list[tuple[str, list[tuple[float, str]]]] = [
    # the country is never named: its capital, agencies and president are
    (
        "El Conicet recibirá 900 millones de pesos, anunció la Casa Rosada.",
        [(9e8, "ARS")],
    ),
    (
        "La DIAN recaudó 12 billones de pesos en Medellín y Cali.",
        [(1.2e13, "COP")],
    ),
    (
        "Codelco destinará 40 mil millones de pesos a su planta de Antofagasta.",
        [(4e10, "CLP")],
    ),
    (
        "Banxico estima que el proyecto en Nuevo León costará 800 millones de pesos.",
        [(8e8, "MXN")],
    ),
    # a dateline in capitals names the city
    ("BUENOS AIRES (NA).- El Gobierno anunció 300 millones de pesos.", [(3e8, "ARS")]),
    # acronyms count only in capitals: the river Sena is no SENA
    ("El Sena y el arca suman 5 millones de pesos en Bogotá.", [(5e6, "COP")]),
    # the most named country wins
    (
        "Aunque México también compite, Milei anunció en Buenos Aires 500 millones de pesos"
        " para el INVAP.",
        [(5e8, "ARS")],
    ),
    # "$" is the peso where the writer marks dollars apart (US$, USD) ...
    (
        "En la Argentina, Salud recibe $106 billones, mientras el mundo invierte billones de USD.",
        [(1.06e14, "ARS"), (1e12, "USD")],
    ),
    # ... and the dollar where the writer puts "$" before dollars too
    (
        "En Querétaro invertirá $4,800 millones de dólares; el proyecto de $4,800 millones"
        " dará empleo.",
        [(4.8e9, "USD"), (4.8e9, "USD")],
    ),
]


def test_a_peso_country_named_in_passing_does_not_set_the_text_there() -> None:
    votes = country_votes(["En Panamá, Panamá Digital Gateway recibe el cable de Valparaíso."])
    assert votes == {OTHER: 2, "CL": 1}
    assert peso_country(votes) == ("CL", False)
    # names match as written or in capitals, never in lower case: "la plata" is money, not
    # the Argentine city; "la moneda" a currency, not the Chilean palace
    assert country_votes(["Lo que importa es la plata, y la moneda se devaluó en LA PLATA."]) == {
        "AR": 1
    }
    check(
        "En Panamá se presentó una apuesta de unos $20 millones; el cable llega desde"
        " Valparaíso. Panamá crece.",
        [(2e7, "USD")],
    )


@pytest.mark.parametrize(("sentence", "expected"), PESOS, ids=[c[0][:40] for c in PESOS])
def test_the_pesos_country_from_places_and_institutions(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)


def test_the_gazetteer_counts_mentions_per_country() -> None:
    votes = country_votes(["El Banco de la República y el DANE, en Bogotá; Boric en Chile."])
    assert votes == {"CO": 3, "CL": 2}
    # every country with a base-unit peso has a list, and no name is in two lists
    assert set(GAZETTEER) == set(T.units.PESO_CURRENCIES)
    names = [n for names in GAZETTEER.values() for n in names]
    assert len(names) == len(set(names))
    # names shared with other countries or with common words are left out; other countries
    # are counted apart
    assert country_votes(["Santiago de Compostela y Córdoba, en España; Meta y Santander."]) == {
        "OTHER": 1
    }


CASES: list[tuple[str, list[tuple[float, str]]]] = [
    # top-N with the ordinal first, lists of two bounds, list names
    ("Quedó entre las primeras dos de la región.", [(2, "rank")]),
    ("Es una de las primeras 100 más grandes del planeta.", [(100, "rank")]),
    ("Compraron las primeras 500 unidades.", [(500, "count")]),
    ("Será una de las tres o cuatro más importantes del país.", [(3, "rank"), (4, "rank")]),
    ("Aspira a entrar en la lista TOP 500 de este año.", []),
    # a cardinal, a positional adjective, a noun of time
    ("El gasto bajó en las dos últimas décadas.", [(20, "years")]),
    ("Creció en los nueve primeros meses.", [(9, "months")]),
    ("Se invertirá en los tres próximos años.", [(3, "years")]),
    ("Más de medio siglo después volvió a abrir.", [(50, "years")]),
    # ranges: a currency sign on each bound, an article, an opener, "o de"
    (
        "Costará entre $3 y $4 billones de aquí a 2030.",
        [(3e12, "USD"), (4e12, "USD"), (2030, "year")],
    ),
    ("Pondrá entre US$ 7000 y 8000 millones.", [(7e9, "USD"), (8e9, "USD")]),
    ("Un recorte de entre el 27 y el 30% de los fondos.", [(27, "percent"), (30, "percent")]),
    ("La pila pasa de ocho a doce capas.", [(8, "count"), (12, "count")]),
    ("Ofrece racks de ocho o de 12 kilovatios.", [(8000, "W"), (12000, "W")]),
    ("Mide 3 x 4 metros.", [(3, "m"), (4, "m")]),
    # an amount written in full, Mexican style
    (
        "El ramo 38 recibirá 33 mil 295 millones 924 mil 363 pesos en México.",
        [(33295924363, "MXN")],
    ),
    ("Son 125 millones 179 mil 91 pesos menos en México.", [(125179091, "MXN")]),
    # as written, even when implausible
    ("Se habló de US$ 500.000 mil millones de dólares.", [(5e14, "USD")]),
    ("Consume 12,6 mW.", [(0.0126, "W")]),
    # scale words and rates
    ("Quiere llegar al trillón de operaciones por segundo.", [(1e18, "FLOP/s")]),
    (
        "Hoy hace 1.000 billones de operaciones por segundo y luego llegará al trillón de"
        " operaciones.",
        [(1e15, "FLOP/s"), (1e18, "FLOP/s")],
    ),
    ("Consume un vatio por cada 8 GFLOPS.", [(8e9, "FLOP/s/W")]),
    ("Logra 8 GFLOPS por cada vatio.", [(8e9, "FLOP/s/W")]),
    # counts of named products and of hardware nouns
    ("El grupo suma 400.000 equivalentes a la H100.", [(4e5, "GPUs")]),
    ("El campus albergará hasta 300.000 unidades de chips.", [(3e5, "chips")]),
    ("Se entregan 8.000 GPU. El total llegará a 40.000 unidades.", [(8e3, "GPUs"), (4e4, "GPUs")]),
    ("Sus chips lograrán un rendimiento doble al de la competencia.", [(2, "times")]),
    ("Multiplicó por más de tres sus ventas.", [(3, "times")]),
    # a headline's amount before the currency is named
    (
        "Con una inversión de 2.500 millones se abre el centro. Cuesta $2.500 millones de"
        " pesos colombianos.",
        [(2.5e9, "COP"), (2.5e9, "COP")],
    ),
    # the same amount again, far from its currency
    (
        "El ministerio dará 7,5 millones de euros al centro. "
        + "El convenio sigue sin cifras que comentar aquí. " * 10
        + "Economía pondrá 7,5 millones.",
        [(7.5e6, "EUR"), (7.5e6, "EUR")],
    ),
    ("Las partidas de 2026 quedaron congeladas.", [(2026, "year")]),
    ("Entre 2020 y el 2023 creció.", [(2020, "year"), (2023, "year")]),
    # days of one month, ranges opened by "uno"
    ("Se reunieron el 10 y 11 de febrero.", [(210, "date"), (211, "date")]),
    ("Pasó de uno a tres cables.", [(1, "count"), (3, "count")]),
    ("El GA100 tenía unos 6912 CUDAs.", [(6912, "cores")]),
    # Mexican thousands written with "mil", a sign, glosses, points, a count whose noun is a
    # chip named before
    ("El sector crece sólo mil 565 millones de pesos en México.", [(1.565e9, "MXN")]),
    ("Se crearán unos mil 200 empleos.", [(1200, "count")]),
    ("La cumbre duró un par de días.", [(2, "days")]),
    ("Tres cuartos de la demanda llegan de la IA.", [(75, "percent")]),
    ("Un cuarto de siglo después volvió.", [(25, "years")]),
    ("Es un tercero de confianza.", []),
    (
        "La tarjeta rinde 12 TFLOP y sirve 300 tokens por minuto.",
        [(1.2e13, "FLOP/s"), (5, "tokens/s")],
    ),
    ("La oferta crece a la par de la demanda.", []),
    ("En términos reales llega a -7.8%.", [(-7.8, "percent")]),
    ("La serie pasó de 10 -20 unidades.", [(10, "count"), (20, "count")]),
    (
        "El crédito es de 1,32 billones de pesos (millones de millones) en Argentina.",
        [(1.32e12, "ARS")],
    ),
    ("Quedó 30 puntos por debajo del año anterior.", [(30, "percentage points")]),
    (
        "Subió 3 p.p. y el banco recortó 50 puntos básicos.",
        [(3, "percentage points"), (0.5, "percentage points")],
    ),
    ("La empresa cuesta la tercera parte de su precio.", [(100 / 3, "percent")]),
    (
        "La H100 cuesta 30.000 dólares. Meta ha reunido unos 350.000 para finales de año.",
        [(3e4, "USD"), (3.5e5, "GPUs")],
    ),
    ("La H100 cuesta unos 30.000.", [(3e4, "count")]),
    (
        "En Querétaro, México, llegarán más de $ 10 mil millones (7,4 mil millones de libras).",
        [(1e10, "USD"), (7.4e9, "GBP")],
    ),
    (
        "Un 0,3% del PBI (desde el 0,5% de 2023 y el 0,4% de 2024).",
        [
            (0.3, "percent"),
            (0.5, "percent"),
            (2023, "year"),
            (0.4, "percent"),
            (2024, "year"),
        ],
    ),
    # not amounts
    ("Viernes, 13 de junio de 2025 Se abrió el centro con 40 nodos.", [(40, "nodes")]),
    ("Nace del Decreto Legislativo N.o 1623 y del CONPES 4144 de 2025.", []),
    ("Según el Presupuesto de Egresos (PPEF) 2026, crece.", []),
    ("PANAMÁ, PANAMÁ (06/MAY/2013).- El país crece.", []),
    ("MONTEVIDEO, Uruguay, 20 de junio.- La empresa abrió.", []),
    ("Bogotá D.C., 3 de marzo de 2025 – El ministerio habló.", []),
    ("Por Redacción - 3 de abril de 2024", []),
    ("El ministro habló el lunes 3 con la prensa.", []),
    ("La Ley 27.430 y el Decreto 70/2023 siguen vigentes.", []),
    ("Para consultas, llame al 0800 333 4444.", []),
    ("Sus oficinas están en Av. Corrientes 1234, piso 5.", []),
    ("La sede queda en la Calle 93 # 11-26 de Bogotá.", []),
    ("En el piso 5 del edificio hay 200 servidores.", [(200, "servers")]),
    ("El centro está sobre la ruta 101, en el km 25, a 23 km de la capital.", [(23000, "m")]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_fourth_round_mechanisms(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)
