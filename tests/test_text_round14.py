"""Tests of the fourteenth round of general mechanisms of :mod:`helpers.text` (issue #21),
tuned on the first readings of ``d2760``--``d2799`` and ``d2840``--``d2879``.

Every sentence here was written for these tests, in the style of Spanish and Latin American
press, and is in no part of the development set; each mechanism is tried on variants the
development set does not have, with the cases that must not change. The values were worked out
by hand from the rules of ``data/gold/README.md`` and ``data/gold/dev/README.md``:

* a machine's rate per minute (*un billón de operaciones por minuto*, *5.000 cálculos por
  minuto*) is a sixtieth of that in FLOP/s; a bank's *transacciones por minuto* are no
  arithmetic;
* a context window's size written with a suffix (*4K*, *128K*) is tokens when the window is
  named before it or after it in its clause (*4K, 8K o 128K indican la ventana de contexto*),
  or when a suffix number just before it in the sentence was one (*una de 128K*); a display's
  *8K* is not;
* *de una (sola) vez*, *de un solo golpe* ("at once") count nothing, and *no es solo una
  declaración ..., sino* is "not only a": an article; *solo una empresa* is still one;
* a day after *el día*/*los días* that no month follows is no quantity, nor the days listed
  after it (*entre los días 1 y 5 del mes siguiente*: a date has its month), while a list of
  days before a month takes that month;
* a decade's elided century may be written with an opening quote or an acute accent (*los
  años ‘90*, *los ´80*);
* a scaled amount before *de nuevos* and a counted noun counts it (*14 millones de nuevos
  empleos*) rather than taking the currency of the amount before; *de nuevos aportes* is still
  money.

A fifteenth round, tuned on the first reading of ``d2960``--``d2999``, adds:

* *uno de US$ 10.000 millones*: the pronoun, its amount after it;
* a bare ``$`` in a text of (or naming) a peso country that writes its dollars *US$*, *USD*
  or *u$s* is the peso (*US$ 300 millones ... $120 mil millones* in Chile); a text with no
  such mark keeps ``$`` for the dollar;
* a scaled amount's unit after an aside in parentheses and *de* (*2 billones (según la
  empresa) de parámetros*);
* a sum compared with a scaled sum in the same currency takes its scale (*€120 millones,
  frente a los €90 previstos*), but not a sum merely beside it (*la entrada cuesta €500*);
* after a sum of money, *N millones de* and a singular noun is money for that purpose (*2.100
  millones de publicidad*), while a plural or a collective of people is counted (*3 millones
  de usuarios*, *2 millones de gente*).

A sixteenth round, tuned on the first readings of ``d3040``--``d3137`` and ``d3160``--``d3179``,
adds:

* the period a figure is compared with is no quantity (*un 24% más que un año antes*), a
  period before an event still is (*un mes antes*);
* the article of each bound of a range (*entre un 15 y un 20%*);
* a multiplier after the subjunctive (*se multiplique por 2,5*);
* a street's number after *número* (*la calle Mayor, número 12*), while *el número 1 de la
  lista* is still a place;
* the items of a list whose noun is written once (*6 centros, Roma 3, y Lisboa y Oporto 2 cada
  una*), while a name's digits after a count stay a name (*12 nodos, MareNostrum 5 y ...*);
* the second sum of a pair joined by *y*, grouped in thousands, its scale and currency left
  out (*3.100 millones de inversión pública y 5.300 privada*), not a count (*2.500 personas*);
* an adjective *nuevos*/*nuevas* before a counted noun (*25 nuevas plantas*: a count, not the
  sum before it); *una centena*; a tariff heading's number (*la partida 8471*) as a label.
"""

from __future__ import annotations

import pytest

from support import check

Case = tuple[str, list[tuple[float, str]]]

RATES_AND_WINDOWS: list[Case] = [
    (
        "El clúster hacía un billón de operaciones por minuto y hoy 822 teraflops.",
        [(1e12 / 60, "FLOP/s"), (8.22e14, "FLOP/s")],
    ),
    ("La vieja máquina resolvía 6.000 cálculos por minuto.", [(100, "FLOP/s")]),
    # must not change: a bank's transactions are counted, not computed
    ("La pasarela procesa 3.000 transacciones por minuto.", [(3000, "count")]),
    (
        "Las versiones 32K y 200K indican la ventana de contexto de cada modelo.",
        [(32e3, "tokens"), (2e5, "tokens")],
    ),
    (
        "Una ventana de 8K cubre un informe corto, mientras que una de 1M cubre un archivo.",
        [(8e3, "tokens"), (1e6, "tokens")],
    ),
    # must not change: a display's resolution is no quantity
    ("La pantalla 8K del estudio costó 3.500 euros.", [(3500, "EUR")]),
]

ARTICLES_AND_DAYS: list[Case] = [
    ("El sistema carga de una sola vez unas 5.000 páginas.", [(5000, "count")]),
    ("El fondo se invirtió de un solo golpe en 2024.", [(2024, "year")]),
    ("No es solo una inversión, sino una apuesta de 300 millones de euros.", [(3e8, "EUR")]),
    # must not change: a stressed one
    ("Solo una empresa chilena ganó el concurso.", [(1, "count")]),
    (
        "Los pagos se hacen entre los días 10 y 15 de cada mes, y el día 20 se cierra la cuenta.",
        [],
    ),
    # must not change: days before a month take it
    (
        "Las jornadas serán los días 7, 8 y 9 de octubre.",
        [(1007, "date"), (1008, "date"), (1009, "date")],
    ),
    ("La obra tardó 15 días.", [(15, "days")]),
    ("Aquello pasó en los años ‘90 y volvió en los ´80.", [(1990, "year"), (1980, "year")]),
    (
        "La red costó 30,200 millones de dólares y dará hasta 9 millones de nuevos empleos.",
        [(3.02e10, "USD"), (9e6, "count")],
    ),
    # must not change: new money is money
    (
        "El fondo tiene 200 millones de dólares y sumará 50 millones de nuevos aportes.",
        [(2e8, "USD"), (5e7, "USD")],
    ),
]


MONEY: list[Case] = [
    ("Entre sus acuerdos figura uno de US$ 10.000 millones con una tecnológica.", [(1e10, "USD")]),
    (
        "La minera chilena pagó US$ 300 millones y tendrá un efecto de $120 mil millones en su utilidad.",
        [(3e8, "USD"), (1.2e11, "CLP")],
    ),
    # must not change: no dollar marked apart, no peso country
    ("Nvidia ganó $35 mil millones en el trimestre.", [(3.5e10, "USD")]),
    ("El modelo tiene unos 2 billones (según la empresa) de parámetros.", [(2e12, "parameters")]),
    ("La obra costó €120 millones, frente a los €90 previstos.", [(1.2e8, "EUR"), (9e7, "EUR")]),
    # must not change: a sum beside another, not compared with it
    ("Pagó €273 millones y la entrada cuesta €500.", [(2.73e8, "EUR"), (500, "EUR")]),
    (
        "Los ingresos fueron de 5.000 millones de dólares: 2.100 millones de publicidad y el resto de servicios.",
        [(5e9, "USD"), (2.1e9, "USD")],
    ),
    # must not change: what is counted
    (
        "Invirtió 500 millones de dólares para llegar a 3 millones de usuarios.",
        [(5e8, "USD"), (3e6, "count")],
    ),
    (
        "Gastó 200 millones de euros y atendió a 2 millones de gente.",
        [(2e8, "EUR"), (2e6, "count")],
    ),
]


ROUND16: list[Case] = [
    ("Ganó 500 millones de euros, un 24% más que un año antes.", [(5e8, "EUR"), (24, "percent")]),
    # must not change: a period before an event
    ("Entregó el paquete un mes antes.", [(1, "months")]),
    ("El precio bajará entre un 15 y un 20% a final de año.", [(15, "percent"), (20, "percent")]),
    ("Prevé que la demanda se multiplique por 2,5 en 2030.", [(2.5, "times"), (2030, "year")]),
    ("La sede está en la calle Mayor, número 12, y tiene 40 MW.", [(4e7, "W")]),
    # must not change: a place in a list
    ("Es el número 1 de la lista.", [(1, "rank")]),
    (
        "Berlín tendrá 6 centros, Roma 3, y Lisboa y Oporto 2 cada una.",
        [(6, "count"), (3, "count"), (2, "count")],
    ),
    # must not change: a name's digits after a count
    ("Tiene 12 nodos, MareNostrum 5 y Leonardo.", [(12, "nodes")]),
    (
        "Recibirá 8.400 millones de euros: 3.100 millones de inversión pública y 5.300 privada.",
        [(8.4e9, "EUR"), (3.1e9, "EUR"), (5.3e9, "EUR")],
    ),
    # must not change: a count after a sum
    (
        "Invirtió 5.000 millones de dólares y contrató a 2.500 personas.",
        [(5e9, "USD"), (2500, "count")],
    ),
    (
        "Invertirá US$ 2.000 millones en Chile, con 25 nuevas plantas.",
        [(2e9, "USD"), (25, "count")],
    ),
    ("Ofrece al menos una centena de servicios.", [(100, "count")]),
    ("Las ventas de la partida 8471 subieron un 12%.", [(12, "percent")]),
]


@pytest.mark.parametrize(("sentence", "expected"), ROUND16, ids=[s[:40] for s, _ in ROUND16])
def test_compared_periods_ranges_lists_pairs_and_labels(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), MONEY, ids=[s[:40] for s, _ in MONEY])
def test_pronoun_uno_pesos_asides_compared_sums_and_purposes(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), RATES_AND_WINDOWS, ids=[s[:40] for s, _ in RATES_AND_WINDOWS]
)
def test_rates_per_minute_and_context_windows(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), ARTICLES_AND_DAYS, ids=[s[:40] for s, _ in ARTICLES_AND_DAYS]
)
def test_idioms_of_one_and_days_with_no_month(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)
