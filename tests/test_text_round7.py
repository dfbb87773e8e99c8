"""Tests of the seventh round of general mechanisms of :mod:`helpers.text` (issue #21).

Every sentence here was written for these tests, in the style of Spanish and Latin American
press, and is in no part of the development set; each mechanism is tried on variants the
development set does not have (other nouns, units, orders and countries), with the cases that
must not change. The values were worked out by hand from the rules of ``data/gold/README.md``
and ``data/gold/dev/README.md``:

* *un*/*una* before a noun of time is an article, not a duration, when an adjective or a
  relative clause follows the noun (*ha sido un año histórico*, *en un mes que*, *un año
  menos lluvioso*), in the idiom *de un día para otro*, or as the period of a habitual rate
  right after its verb (*lo que consumen en un año*); *hace un año que*, *un año después*,
  *durante un mes* and *un día completo* stay durations;
* the ordinal day of a date written with a degree sign, an ordinal indicator or *ro*
  (*1° de agosto*, *1º de enero de 2015*, *1ro. de mayo*), and a day of the month named before
  (*el 25 del mismo mes de 2022*);
* a clock time is no quantity (*desde las 8 o 9 de la mañana*, *a las 10.30*, *hasta las 23
  h*), while *las 24 horas del día* and *a las 48 horas de* are durations;
* a compound duration in words is one duration in the smaller unit (*una hora y un minuto*,
  *dos años y seis meses*), digits stay two amounts;
* labels after *tipo*, *clase*, *categoría*, *grado*, *Tier* (*proyectos tipo 2*);
* a counted noun after an adjective of novelty or power (*181 nuevas tarjetas de cálculo*,
  *300 potentes servidores*), an English compound (*22 data centers*) after a capitalised
  place, and *tarjetas de cálculo* as GPUs; *anualidades* as years;
* a roadmap is no road (*la hoja de ruta prevé formar a 3.000 ingenieros*), and a road's
  number is not reached through a verb's clause;
* a range whose lower bound has the currency sign and whose upper bound has the scale (*USD
  7-8 mil millones*, *US$ 2 a 3 millones*, *€5-6 millones*);
* a bare number whose noun is named after it between commas is a count of that noun, not
  the money before it (*triplicó, hasta 600, los nuevos empleos*); a bare number ending its
  clause takes the hours of the previous amount of the sentence (*de 5.000 horas ... las
  20.000.*);
* *medio*/*media* before a noun of time is half of it (*media hora*, *apenas medio año*);
  *los cuatro dígitos* is an idiom, as *una cifra de dos dígitos* was;
* the peso's country from an institution's acronym written in title case, as much of the
  press writes it (*Anses*, *Indec*, *Arsat*, *Inegi*), but not a word it spells (the river
  *Sena* is not Colombia's *SENA*).
"""

from __future__ import annotations

import pytest

from helpers.text.places import country_votes
from support import check

ARTICLE_OF_TIME: list[tuple[str, list[tuple[float, str]]]] = [
    # an adjective after the noun of time: an article
    ("Para el sector eléctrico chileno fue un año récord, con 3 GW nuevos.", [(3e9, "W")]),
    ("Ha sido un mes complicado para los fabricantes de chips.", []),
    ("Vivimos una semana histórica en la bolsa de Buenos Aires.", []),
    ("El embalse cayó un 12% por un año menos lluvioso.", [(12, "percent")]),
    ("Fue un día muy intenso para la red de Red Eléctrica.", []),
    # a relative clause after it
    ("Ocurrió en un año que nadie esperaba, con 40 despidos.", [(40, "count")]),
    ("Fue una semana en la que el peso perdió un 5%.", [(5, "percent")]),
    # the idiom
    ("Las tarifas cambiaron de un mes para otro.", []),
    ("No se construye una central de un año a otro.", []),
    # the period of a habitual rate right after its verb
    ("Es la electricidad que generan en un año tres parques eólicos.", [(3, "count")]),
    ("Equivale a lo que gasta en un mes una familia de Lima.", []),
    # ... but durations stay durations
    ("Hace un año que la planta de Querétaro opera con 20 MW.", [(1, "years"), (2e7, "W")]),
    ("El contrato llegó un mes después de la licitación.", [(1, "months")]),
    ("Durante un año entero el centro funcionó sin cortes.", [(1, "years")]),
    ("Lo hizo en un día completo de pruebas.", [(1, "days")]),
    ("La obra tardará una semana.", [(7, "days")]),
]


@pytest.mark.parametrize(("sentence", "expected"), ARTICLE_OF_TIME)
def test_un_before_a_noun_of_time(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


DATES: list[tuple[str, list[tuple[float, str]]]] = [
    # the first of the month with a degree sign, an ordinal indicator or "ro"
    ("Las nuevas tarifas rigen desde el 1° de marzo de 2024.", [(20240301, "date")]),
    ("A partir del 1º de julio subirá un 8%.", [(701, "date"), (8, "percent")]),
    ("El 1ro. de mayo cerró la planta de Monterrey.", [(501, "date")]),
    ("El plazo vence el 1.º de octubre.", [(1001, "date")]),
    # ... the plain day, unchanged
    ("El 3 de junio de 2023 se firmó.", [(20230603, "date")]),
    # a day of the month named before
    (
        "El servicio irá del 4 de febrero de 2025 al 10 del mismo mes de 2026.",
        [(20250204, "date"), (20260210, "date")],
    ),
    ("Se anunció el 2 de abril y se instaló el 28 del mismo mes.", [(402, "date"), (428, "date")]),
]


@pytest.mark.parametrize(("sentence", "expected"), DATES)
def test_ordinal_days_and_the_same_month(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


CLOCK: list[tuple[str, list[tuple[float, str]]]] = [
    ("La subasta abre desde las 8 o 9 de la mañana.", []),
    ("El apagón empezó a las 10.30 y afectó a 200 servidores.", [(200, "servers")]),
    ("La conferencia será a las 18 horas en Santiago.", []),
    ("Atenderán entre las 9 y las 14 h en la sede de Bogotá.", []),
    ("Publicado hasta las 23:59 del viernes.", []),
    # ... durations
    ("Los centros de datos trabajan las 24 horas del día.", [(24, "hours")]),
    (
        "A las 48 horas de la caída, seguían sin luz 3.000 hogares.",
        [(48, "hours"), (3000, "count")],
    ),
    ("Se alcanzaron las 5.000 horas de cálculo.", [(5000, "hours")]),
]


@pytest.mark.parametrize(("sentence", "expected"), CLOCK)
def test_clock_times(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


COMPOUND_DURATIONS: list[tuple[str, list[tuple[float, str]]]] = [
    ("Quien use la máquina una hora y un minuto paga dos horas.", [(3660, "s"), (2, "hours")]),
    ("La obra se alargó dos años y seis meses.", [(30, "months")]),
    ("El corte duró un día y tres horas.", [(27, "hours")]),
    # digits stay two amounts, and a list of unrelated durations is not one
    ("Tardó 3 horas y 15 minutos.", [(3, "hours"), (900, "s")]),
    ("Hubo dos meses y tres años de obras en cada sede.", [(2, "months"), (3, "years")]),
]


@pytest.mark.parametrize(("sentence", "expected"), COMPOUND_DURATIONS)
def test_compound_durations(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


LABELS_AND_COUNTS: list[tuple[str, list[tuple[float, str]]]] = [
    # a class or grade is a label
    ("Son proyectos tipo 2, de alta demanda.", []),
    ("Un huracán categoría 4 dañó la planta de 30 MW.", [(3e7, "W")]),
    ("El centro de datos Tier 3 tendrá 12 MW.", [(1.2e7, "W")]),
    ("Es un reactor de clase 3 con 600 MW.", [(6e8, "W")]),
    # ... but a count of types is a count
    ("Ofrece tres tipos de instancias.", [(3, "count")]),
    # an adjective of novelty or power before the counted noun
    ("El Scayle sumó 96 nuevas tarjetas de cálculo.", [(96, "GPUs")]),
    ("La granja tendrá 300 potentes servidores.", [(300, "servers")]),
    ("Llegaron 64 nuevos nodos a Barcelona.", [(64, "nodes")]),
    ("Se abrirán 12 nuevos centros.", [(12, "count")]),
    # annuities are years
    ("El contrato se paga en tres anualidades.", [(3, "years")]),
]


@pytest.mark.parametrize(("sentence", "expected"), LABELS_AND_COUNTS)
def test_labels_and_counted_nouns(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


MORE: list[tuple[str, list[tuple[float, str]]]] = [
    # an English compound after a capitalised place
    ("Hoy operan en Perú 14 data centers de gran tamaño.", [(14, "count")]),
    # a roadmap, not a road; a road's number stays a label
    ("La hoja de ruta prevé formar a 3.000 ingenieros.", [(3000, "count")]),
    ("La ruta nacional 40 cruza el valle.", []),
    ("La planta está en la carretera a Toluca 25, con 10 MW.", [(1e7, "W")]),
    # the currency on the lower bound, the scale on the upper
    ("El mercado valdrá USD 7-8 mil millones.", [(7e9, "USD"), (8e9, "USD")]),
    ("Costará US$ 2 a 3 millones.", [(2e6, "USD"), (3e6, "USD")]),
    ("La obra costará €5-6 millones.", [(5e6, "EUR"), (6e6, "EUR")]),
    ("Pagó USD 5 a 30 empleados.", [(5, "USD"), (30, "count")]),
    # the noun named after the number between commas
    (
        "Invirtió 40 millones de euros y duplicó, hasta 90, las plazas de ingeniería.",
        [(4e7, "EUR"), (90, "count")],
    ),
    (
        "AWS pondrá 15.700 millones de euros y Microsoft, más de 7.200, en la región.",
        [(1.57e10, "EUR"), (7.2e9, "EUR")],
    ),
    # hours left out at the end of a clause
    (
        "Si antes no se llegaba a las 3.000 horas de cálculo, este año se superaron las 9.000.",
        [(3000, "hours"), (9000, "hours")],
    ),
    ("El turno era de 8 horas y hoy es de 6.", [(8, "hours"), (6, "hours")]),
    # half of a noun of time
    ("Esperaron media hora para reiniciar el clúster.", [(0.5, "hours")]),
    ("En apenas medio año se instalaron 40 racks.", [(0.5, "years"), (40, "count")]),
    ("El proyecto cumple medio siglo.", [(50, "years")]),
    ("Tendrá medio millón de usuarios.", [(5e5, "count")]),
    ("El clima de la zona es medio seco.", []),
    # the digits idiom
    ("La factura de la nube sube hacia los cinco dígitos.", []),
    ("Las ventas crecen a dos dígitos.", []),
    # the peso of the country whose institution is named in title case
    ("La Anses giró 800 millones de pesos a las provincias.", [(8e8, "ARS")]),
    ("Según el Indec, la obra costó 120 millones de pesos.", [(1.2e8, "ARS")]),
    ("La Dian recaudó 3 billones de pesos.", [(3e12, "COP")]),
    ("El Inegi calculó 45 mil millones de pesos.", [(4.5e10, "MXN")]),
]


@pytest.mark.parametrize(("sentence", "expected"), MORE)
def test_places_roads_ranges_carry_and_halves(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)


def test_title_case_acronyms_name_their_country_but_not_a_word() -> None:
    votes = country_votes(["La Anses y el Indec publicaron sus datos."])
    assert votes["AR"] == 2
    assert "CO" not in country_votes(["El Sena cruza París; el Inti era la moneda del Perú."])
