"""Tests of the eighth round of general mechanisms of :mod:`helpers.text` (issue #21).

Every sentence here was written for these tests, in the style of Spanish and Latin American
press, and is in no part of the development set; each mechanism is tried on variants the
development set does not have (other nouns, units, orders and countries), with the cases that
must not change. The values were worked out by hand from the rules of ``data/gold/README.md``
and ``data/gold/dev/README.md``:

* the currencies of Asia that have a base unit, in every spelling: *won* as well as *wones*,
  with the country's adjective (*wones surcoreanos*, *yenes japoneses*, *yuanes chinos*) and
  the symbol *₩* after the amount;
* a prefixed flops with a hyphen between the prefix letter and the word (*458 T-flops*,
  *12 P-FLOPS*, *2 E-flops*), as a space already was;
* thousands in words followed by the hundreds in digits (*siete mil 200 empleos*, *veinte mil
  500 millones de pesos*), as *mil 565 millones* and *7 mil 200* already were;
* *las N principales* / *las N primeras* and a noun that is not a place sizes a set of the
  noun (a ``count``: *las siete principales tecnológicas*, *una de las siete primeras
  fábricas*), while *una de las N principales*, *entre los N principales*, *las diez primeras
  posiciones* and an apposition to names stay ranks;
* a range opened by *del* and closed by *al* shares the upper bound's unit (*del 33 al 41 por
  ciento*, *del 300 al 500 MW*);
* a noun of time with *y medio* and no number is one and a half of it (*año y medio*, *hora y
  media*, *mes y medio*); *medio* before a prefixed unit word is half of it (*medio petaflop*,
  *medio gigavatio*) and *medio punto porcentual* 0.5 points; *un sólo*, *una sóla* (the old
  accent) stress the one as *un solo* does;
* *N puntos del PIB* is a share of the output, in percent;
* datelines whose place has no comma, closed by *.-* or a dash (*Buenos Aires 3 de marzo de
  2024 —*), month first after a place (*Ciudad de Panamá Marzo 20, 2025 —*), and a day and an
  abbreviated month before an agency (*15 ene (Reuters) -*);
* an evaluative adjective after *un año* makes *un* an article (*un año fácil*, *un año
  redondo*); *un doble*/*un triple* before a noun is an adjective (*un doble reto*);
* digits in the path of a web address are no quantity;
* an ordinal written with a degree sign before its noun (*el 75° aniversario*, *su 30°
  congreso*) is no quantity, as *5º* was (not before *grados*);
* bare digits listed after a model number with letters (*los modelos 950DT, 960 y 970*) are
  model numbers, while counted items (*950 GPU, 960 servidores*) stay amounts;
* more verbs of a habitual rate before *en un año* (*lo que venden en un año*, *aportan*,
  *ahorran*, *exportan*...);
* spaCy's sentence rule computed on token arrays (same boundaries as ``sentencizer``).
"""

from __future__ import annotations

import pytest
import spacy

from helpers.text import pipeline as P
from support import check

CURRENCIES: list[tuple[str, list[tuple[float, str]]]] = [
    ("LG invertirá 3,5 billones de won en su planta de baterías.", [(3.5e12, "KRW")]),
    ("SK Hynix ganó 12 billones de wones surcoreanos en el trimestre.", [(12e12, "KRW")]),
    ("Un café cuesta 5.000 ₩ en Seúl.", [(5000, "KRW")]),
    ("Sony destinará 200.000 millones de yenes japoneses a sensores.", [(2e11, "JPY")]),
    ("Huawei gastó 160.000 millones de yuanes chinos en I+D.", [(1.6e11, "CNY")]),
    ("Un chip cuesta 15.000 yen en Tokio.", [(15000, "JPY")]),
    # the English verb inside a name is not the currency
    ("El equipo Won Ho presentó tres prototipos.", [(3, "count")]),
]

FLOPS_HYPHEN: list[tuple[str, list[tuple[float, str]]]] = [
    ("El clúster de la UNAM rinde 458 T-flops.", [(4.58e14, "FLOP/s")]),
    ("Cada gabinete aporta 12 P-FLOPS de cálculo.", [(1.2e16, "FLOP/s")]),
    ("El sistema europeo superará los 2 E-flops en 2027.", [(2e18, "FLOP/s"), (2027, "year")]),
    ("La tarjeta llega a 36 T-FLOPS en precisión simple.", [(3.6e13, "FLOP/s")]),
    # a model's name with a hyphen and digits stays what it was
    ("El modelo T-1000 no tiene flops.", []),
]

WORDS_THEN_DIGITS: list[tuple[str, list[tuple[float, str]]]] = [
    ("La planta de Querétaro generará siete mil 200 empleos.", [(7200, "count")]),
    ("La obra costará veinte mil 500 millones de pesos en Jalisco.", [(2.05e10, "MXN")]),
    ("Se instalarán tres mil 450 servidores.", [(3450, "servers")]),
    ("El fondo suma mil 565 millones de pesos en Nuevo León.", [(1.565e9, "MXN")]),
    # a comma between them: two amounts
    ("Se contrataron tres mil, 200 de ellos en Monterrey.", [(3000, "count"), (200, "count")]),
]

TOP_N_SETS: list[tuple[str, list[tuple[float, str]]]] = [
    (
        "Las cinco principales tecnológicas gastaron 300.000 millones de dólares.",
        [(5, "count"), (3e11, "USD")],
    ),
    ("Los directivos de las siete principales eléctricas se reunieron.", [(7, "count")]),
    ("Los 10 principales bancos de Chile prestaron más.", [(10, "count")]),
    ("Acogerá una de las seis primeras fábricas de IA de Europa.", [(6, "count")]),
    ("Las cuatro primeras universidades del programa recibirán fondos.", [(4, "count")]),
    # boundaries: a place in a top-N, the places of a ranking, an apposition to names
    ("Es una de las cinco principales potencias del sector.", [(5, "rank")]),
    ("Colombia está entre los 20 principales productores.", [(20, "rank")]),
    ("Ocupa las diez primeras posiciones del TOP500.", [(10, "rank")]),
    ("Quito y Lima, las tres principales ciudades.", [(3, "rank")]),
    ("Las cinco mejores universidades de México.", [(5, "rank")]),
]


RANGES_DEL_AL: list[tuple[str, list[tuple[float, str]]]] = [
    ("El margen bruto pasó del 28 al 35 por ciento.", [(28, "percent"), (35, "percent")]),
    ("La ocupación subió del 60 al 72 % en Santiago.", [(60, "percent"), (72, "percent")]),
    ("La capacidad crecerá del 300 al 500 MW.", [(3e8, "W"), (5e8, "W")]),
    ("La obra se hará del 2025 al 2027.", [(2025, "year"), (2027, "year")]),
    # "al" that opens no bound
    ("La caída del 5 al cierre fue leve.", [(5, "count")]),
]

HALVES: list[tuple[str, list[tuple[float, str]]]] = [
    ("La obra se retrasó año y medio.", [(1.5, "years")]),
    ("La reunión con Nvidia duró hora y media.", [(1.5, "hours")]),
    ("El permiso llegará en mes y medio.", [(1.5, "months")]),
    ("Tardó al menos año y medio en abrir.", [(1.5, "years")]),
    ("La máquina rinde apenas medio petaflop.", [(5e14, "FLOP/s")]),
    ("El campus consumirá medio gigavatio.", [(5e8, "W")]),
    ("Cada disco guarda medio terabyte.", [(5e11, "bytes")]),
    ("Reunió en un sólo documento los permisos.", [(1, "count")]),
    # no number: a noun of time alone, "medio" as an adjective
    ("Hora y lugar del evento por confirmar.", []),
    ("Trabajó medio tiempo en la planta.", []),
]

POINTS_OF_GDP: list[tuple[str, list[tuple[float, str]]]] = [
    ("La meta es invertir dos puntos del PIB en ciencia.", [(2, "percent")]),
    ("Uruguay destina 0,6 puntos de PIB a I+D.", [(0.6, "percent")]),
    ("La inflación subió dos puntos porcentuales.", [(2, "percentage points")]),
]

DATELINES: list[tuple[str, list[tuple[float, str]]]] = [
    ("Buenos Aires 3 de marzo de 2024 — El Gobierno anunció 40 becas.", [(40, "count")]),
    ("BOGOTÁ 12 de junio de 2023.- Se instalarán 40 servidores.", [(40, "servers")]),
    ("Ciudad de Panamá Marzo 20, 2025 — La demanda crece un 5%.", [(5, "percent")]),
    ("22 feb (Reuters) - Samsung prepara dos fábricas.", [(2, "count")]),
    # a date in the running text stays a date
    ("El 27 de noviembre de 2025 se inauguró el centro.", [(20251127, "date")]),
    ("Lima 5 de mayo. La planta abrió.", [(505, "date")]),
]

ARTICLES_AND_ADJECTIVES: list[tuple[str, list[tuple[float, str]]]] = [
    ("El 2023 no fue un año fácil para Intel.", [(2023, "year")]),
    ("Fue un año redondo: vendió 3 millones de chips.", [(3e6, "chips")]),
    ("Tardó un año en abrir.", [(1, "years")]),
    ("Es un doble reto para la red chilena.", []),
    ("Supone un triple salto para la empresa.", []),
    ("Cuesta el doble que en 2020.", [(2, "times"), (2020, "year")]),
]

LABELS: list[tuple[str, list[tuple[float, str]]]] = [
    ("En el 40° aniversario del CERN se anunciaron 3 detectores.", [(3, "count")]),
    ("Celebró su 30° congreso con 500 asistentes.", [(500, "count")]),
    ("Nvidia vende la 4090D, 5080 y 5090 en China.", []),
    ("AMD presentó los modelos 300X, 325 y 355 este año.", []),
    (
        "Compró 950 GPU, 960 servidores y 970 nodos.",
        [(950, "GPUs"), (960, "servers"), (970, "nodes")],
    ),
    ("Lo que exportan en un año supera los 5 millones de euros.", [(5e6, "EUR")]),
    ("Tardó un año en abrir la planta.", [(1, "years")]),
]

URLS: list[tuple[str, list[tuple[float, str]]]] = [
    ("Más en https://www.ejemplo.cl/2024/05/nota-123 sobre 5 GW.", [(5e9, "W")]),
    ("Ver http://datos.gob.ar/serie/294/ y 12 MW.", [(1.2e7, "W")]),
]


MORE: list[tuple[str, list[tuple[float, str]]]] = (
    RANGES_DEL_AL + HALVES + POINTS_OF_GDP + DATELINES + ARTICLES_AND_ADJECTIVES + URLS + LABELS
)


@pytest.mark.parametrize(("sentence", "expected"), MORE, ids=[s[:40] for s, _ in MORE])
def test_ranges_halves_points_datelines_articles_urls(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), CURRENCIES, ids=[s[:40] for s, _ in CURRENCIES])
def test_currencies_of_asia(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), FLOPS_HYPHEN, ids=[s[:40] for s, _ in FLOPS_HYPHEN]
)
def test_flops_with_a_hyphen(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"), WORDS_THEN_DIGITS, ids=[s[:40] for s, _ in WORDS_THEN_DIGITS]
)
def test_thousands_in_words_then_digits(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), TOP_N_SETS, ids=[s[:40] for s, _ in TOP_N_SETS])
def test_a_top_n_that_sizes_a_set(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


SENTENCE_TEXTS: list[str] = [
    "El BSC estrenó MareNostrum 5. Tiene 314 petaflops... ¿Y qué? ¡Mucho! Fin",
    "«Es histórico», dijo. (Y lo es.) Luego: 3 GW.\nTítulo sin punto\nOtra línea.",
    "Sin puntos finales aquí",
    "¿¡Qué!? .. . 12 nodos.» Siguiente frase; y otra. Ok",
    "",
]


@pytest.mark.parametrize("text", SENTENCE_TEXTS)
def test_sentences_on_arrays_match_spacy(text: str) -> None:
    ref = spacy.blank("es")
    ref.add_pipe("sentencizer")
    ref.add_pipe("compute_race_line_breaks")
    ours = spacy.blank("es")
    ours.add_pipe("compute_race_sentences", name="sentencizer")
    ours.add_pipe("compute_race_line_breaks")
    want = [(s.start, s.end) for s in ref(text).sents] if text else []
    got = [(s.start, s.end) for s in ours(text).sents] if text else []
    assert got == want
    assert P.get_nlp().pipe_names[0] == "sentencizer"
