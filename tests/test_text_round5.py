"""Tests of the fifth round of general mechanisms of :mod:`helpers.text` (issue #21).

Every sentence here was written for these tests, in the style of Spanish and Latin American
press, and is in no part of the development set; each mechanism is tried on variants the
development set does not have (other nouns, units, orders and countries). The values were
worked out by hand from the rules of ``data/gold/README.md`` and ``data/gold/dev/README.md``:

* what a count counts: a lexicon of counted nouns with their morphology (*procesadores
  gráficos*, *placas GPU*, *microprocesadores*), the machines of a cluster, a partitive with a
  determiner (*15 de esas tarjetas gráficas*), a part of what was just counted;
* *un*/*una* made a number by a list of counts, a ratio, a distribution, *solo* or
  *adicional*, and left out as a price's denominator;
* scale words of scale words (*un millón de millones*, *un par de millones*), the lower bound
  of a range that takes the upper's scale, days of one month in lists and ranges;
* percentage points after a verb of change, the unit carried to an amount whose *de* says
  whose or when it is (*frente a los 25 del año pasado*), a bare decimal that takes the one
  unit of its sentence, a unit after an aside in parentheses, two values joined by a slash;
* unit spellings (*Telops*, *45 Mw*, *kwh*, *kms*, *mm*, *hrs*, *3,4Ghz*, *megavatios por
  hora*, cents, *megas* for the prefix of a unit the text gave), decades (*los 80s*, *los años
  setenta*), occasions (*cinco veces al mes*), year cues (*ese mismo 2021*, *febrero del
  2030*);
* separators: a leading zero, zeros that are not decimals, the magnitudes of a text's other
  energies, an amount written in full;
* what is not an amount: a web address, the next version of a numbered name (*GPT 3.5 o 4*,
  *Llama 2 y 3*), a dateline with the place's country in parentheses, a title's number word,
  *de dos dígitos*.
"""

from __future__ import annotations

import pytest

from helpers.text.counted import counted_noun, singular
from support import check

COUNTED: list[tuple[str, list[tuple[float, str]]]] = [
    # a noun and the modifier that makes it a GPU
    ("El centro instalará 3.000 procesadores gráficos.", [(3000, "GPUs")]),
    ("Compraron 120 placas GPU para el laboratorio.", [(120, "GPUs")]),
    ("Se montaron 40 aceleradores gráficos nuevos.", [(40, "GPUs")]),
    ("El banco de pruebas suma 64 microprocesadores.", [(64, "chips")]),
    # the machines of a cluster are its nodes; machines sold are a count
    ("El clúster reúne 48 ordenadores.", [(48, "nodes")]),
    ("Montaron un clúster de 16 computadoras.", [(16, "nodes")]),
    ("La empresa vendió tres máquinas a China.", [(3, "count")]),
    ("Miles de computadoras conectadas forman la red.", [(1000, "count")]),
    # a partitive with a determiner counts the noun after it
    ("Bastan 15 de esas tarjetas gráficas para entrenarlo.", [(15, "GPUs")]),
    ("Dos de los servidores fallaron.", [(2, "servers")]),
    # a part of what was just counted
    ("Tiene 300 servidores y 20 de los más potentes.", [(300, "servers"), (20, "servers")]),
]


@pytest.mark.parametrize(("sentence", "expected"), COUNTED, ids=[s[:40] for s, _ in COUNTED])
def test_what_a_count_counts(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


def test_counted_nouns_fold_plural_diminutive_and_accents() -> None:
    assert "procesador" in singular("Procesadores")
    assert "nucleo" in singular("núcleos")
    assert "chip" in singular("chipitos")
    assert counted_noun("8 Microprocesadores", 1, 0) == ("chips", len("8 Microprocesadores"))
    # a word of no compute unit is no counted noun
    assert counted_noun("8 edificios", 1, 0) is None


ONE: list[tuple[str, list[tuple[float, str]]]] = [
    # one of a list of counts of hardware
    ("Cada nodo tiene tres servidores y un procesador gráfico.", [(3, "servers"), (1, "GPUs")]),
    # a ratio and a distribution
    ("Tres palabras equivalen a un token.", [(3, "count"), (1, "tokens")]),
    ("Los tres campus tendrán un laboratorio cada uno.", [(3, "count"), (1, "count")]),
    # stressed: solo, adicional
    ("Al final, solo una empresa ganó el concurso.", [(1, "count")]),
    ("Hay cuatro líneas y se sumará una adicional.", [(4, "count"), (1, "count")]),
    # ... but "solo un 3 %" is the article of the percentage, and "solo un puñado" a few
    ("El consumo subió solo un 3 %.", [(3, "percent")]),
    ("Solo un puñado de empresas lo logra.", []),
    # an article before a noun of a list with no hardware is an article
    ("Tiene 40 procesadores y una página web.", [(40, "chips")]),
    # the denominator of a price is no amount
    ("Un megavatio hora cuesta 90 euros en el mercado mayorista.", [(90, "EUR")]),
    ("El precio de un gigabyte bajó a 2 centavos de dólar.", [(0.02, "USD")]),
]


@pytest.mark.parametrize(("sentence", "expected"), ONE, ids=[s[:40] for s, _ in ONE])
def test_un_una_as_a_number_or_not(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


SCALES: list[tuple[str, list[tuple[float, str]]]] = [
    ("La empresa vale casi un millón de millones de dólares.", [(1e12, "USD")]),
    ("Su valor tocó los 3 millones de millones de dólares.", [(3e12, "USD")]),
    ("El yacimiento durará un par de millones de años.", [(2e6, "years")]),
    ("Recibió una docena de millones de euros.", [(1.2e7, "EUR")]),
    ("Llegó a un centenar de miles de usuarios.", [(1e5, "count")]),
    # the lower bound takes the upper's scale, with or without a unit
    ("Los usuarios pasarán de 1,5 a 2,3 millones.", [(1.5e6, "count"), (2.3e6, "count")]),
    ("Entre 2 y 3 millones de visitantes.", [(2e6, "count"), (3e6, "count")]),
    ("Costará 3-5 millones de dólares.", [(3e6, "USD"), (5e6, "USD")]),
    # days of one month
    ("La feria será entre el 4 y el 9 de octubre.", [(1004, "date"), (1009, "date")]),
    (
        "Abrirá el 2, 3 y 4 de marzo de 2026.",
        [(20260302, "date"), (20260303, "date"), (20260304, "date")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SCALES, ids=[s[:40] for s, _ in SCALES])
def test_scales_ranges_and_days(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


CARRIED: list[tuple[str, list[tuple[float, str]]]] = [
    # percentage points after a verb of change; points of a network are a count
    ("El desempleo bajó 1,5 puntos.", [(1.5, "percentage points")]),
    ("La cuota de mercado ganó dos puntos.", [(2, "percentage points")]),
    ("La red suma 300 puntos de carga.", [(300, "count")]),
    # de + whose or when: the amount's unit is the one just given
    (
        "Invertirá 40 millones de euros, frente a los 25 del año pasado.",
        [(4e7, "EUR"), (2.5e7, "EUR")],
    ),
    (
        "Rinde 8 petaflops, frente a los 2,7 de su predecesor.",
        [(8e15, "FLOP/s"), (2.7e15, "FLOP/s")],
    ),
    # a bare decimal takes its sentence's one unit, before or after it
    (
        "El déficit pasó de 8.2 a 3.1, es decir, 5.1 gigavatios hora.",
        [(8.2e9, "Wh"), (3.1e9, "Wh"), (5.1e9, "Wh")],
    ),
    # ... not when the sentence has two units
    (
        "El índice fue 0.8 mientras la potencia llegó a 4 MW y creció 3 %.",
        [
            (0.8, "count"),
            (4e6, "W"),
            (3, "percent"),
        ],
    ),
    # the unit after an aside in parentheses
    ("Guatemala paga 12.4 (Q 0.96) centavos de dólar.", [(0.124, "USD")]),
    # two values joined by a slash share the unit
    ("Trabaja a 2.40/3.60 GHz.", [(2.4e9, "Hz"), (3.6e9, "Hz")]),
    # a comparison past a multiplier, a clause after a semicolon, a part of an amount
    (
        "Trae 96 GB de memoria, el triple que los 32 del modelo original.",
        [(9.6e10, "bytes"), (3, "times"), (3.2e10, "bytes")],
    ),
    ("La placa consume 450 W; la anterior, 320.", [(450, "W"), (320, "W")]),
    (
        "Pemex invertirá 6,100 millones de dólares, de los cuales 2,000 irán a refinación.",
        [(6.1e9, "USD"), (2e9, "USD")],
    ),
    ("El nodo tiene 64 núcleos, 16 de ellos de eficiencia.", [(64, "cores"), (16, "cores")]),
    # a scaled amount with no noun counts what the sentence just counted
    (
        "En 2021 se enviaron 800.000 GPU y en 2022 cerca de 1,2 millones.",
        [(2021, "year"), (8e5, "GPUs"), (2022, "year"), (1.2e6, "GPUs")],
    ),
    # the shares of a list, the sign left out; a share written as a ratio; half
    (
        "El 52% llega por cable, el 31 por radio y el 17 por satélite.",
        [
            (52, "percent"),
            (31, "percent"),
            (17, "percent"),
        ],
    ),
    ("Tres de cada cuatro usuarios lo prefieren.", [(75, "percent")]),
    ("Uno de cada diez hogares no tiene luz.", [(10, "percent")]),
    ("Hay 30 antenas, la mitad en la costa.", [(30, "count"), (50, "percent")]),
]


@pytest.mark.parametrize(("sentence", "expected"), CARRIED, ids=[s[:40] for s, _ in CARRIED])
def test_units_carried_and_shared(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


SPELLINGS: list[tuple[str, list[tuple[float, str]]]] = [
    # a prefixed flops misspelt, and words that only look like it
    ("El equipo alcanza 320 Petalops.", [(3.2e17, "FLOP/s")]),
    ("La tarjeta da 15 teaflops.", [(1.5e13, "FLOP/s")]),
    ("Rinde 7 Gigalops.", [(7e9, "FLOP/s")]),
    ("Los servidores pesan 3 kilos.", [(3, "count")]),
    # symbols in the wrong case, abbreviations in the plural
    ("La planta tendrá 45 Mw y 300 kw de baterías.", [(4.5e7, "W"), (3e5, "W")]),
    ("Consume 12 kwh al día.", [(12000, "Wh")]),
    ("Está a unos 40 kms de la capital.", [(40000, "m")]),
    ("Fabrica obleas de 200 mm y piezas de 5 cm.", [(0.2, "m"), (0.05, "m")]),
    ("Tardó 3 hrs y 20 mins.", [(3, "hours"), (1200, "s")]),
    ("El procesador llega a 3,4Ghz.", [(3.4e9, "Hz")]),
    # an energy per hour, as written
    ("La represa genera 500 megavatios por hora.", [(5e8, "Wh")]),
    ("La turbina entrega 20 MW/h.", [(2e7, "Wh")]),
    # cents
    ("El kilovatio cuesta 18 centavos de dólar.", [(0.18, "USD")]),
    ("El billete vale 50 céntimos de euro.", [(0.5, "EUR")]),
    # "megas": the prefix of the unit the text has given
    (
        "La demanda llegó a 1.900 megavatios, 80 megas más que en 2024.",
        [
            (1.9e9, "W"),
            (8e7, "W"),
            (2024, "year"),
        ],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SPELLINGS, ids=[s[:40] for s, _ in SPELLINGS])
def test_unit_spellings(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


TIME: list[tuple[str, list[tuple[float, str]]]] = [
    ("La informática de los 80s era otra.", [(1980, "year")]),
    ("Nació en los años setenta.", [(1970, "year")]),
    ("Los 2000s trajeron la nube.", [(2000, "year")]),
    # occasions are a count; a multiplier is times
    ("Se cortó la luz cinco veces al mes.", [(5, "count")]),
    ("El chip es tres veces más rápido.", [(3, "times")]),
    # year cues: a demonstrative, a month with del, a verb after the year
    ("Ese mismo 2021 abrió otra planta.", [(2021, "year")]),
    ("El contrato dura hasta febrero del 2030.", [(2030, "year")]),
    ("La demanda de 2027 crecerá.", [(2027, "year")]),
]


@pytest.mark.parametrize(("sentence", "expected"), TIME, ids=[s[:40] for s, _ in TIME])
def test_decades_occasions_and_years(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


SEPARATORS: list[tuple[str, list[tuple[float, str]]]] = [
    # a leading zero is never a thousands group
    ("En Panamá la energía cuesta $0.185 por kWh.", [(0.185, "USD")]),
    # three zeros are never decimals, even when the amount is implausible
    ("La geotermia aporta 1,000 gigavatios.", [(1e12, "W")]),
    # the text's other energies settle an ambiguous one against its convention
    (
        "La tarifa subió 2.5% y el país consumió 2.317 millones de kWh, con 908 millones en"
        " hogares y 560 millones en comercios.",
        [(2.5, "percent"), (2.317e12, "Wh"), (9.08e11, "Wh"), (5.6e11, "Wh")],
    ),
    # an amount written in full counts whole millions
    ("El Congreso aprobó 2,345 millones 600 mil pesos para Jalisco.", [(2.3456e9, "MXN")]),
    # the peso of a province named alone
    ("La provincia de Mendoza invertirá 400 millones de pesos.", [(4e8, "ARS")]),
]


@pytest.mark.parametrize(("sentence", "expected"), SEPARATORS, ids=[s[:40] for s, _ in SEPARATORS])
def test_separators_and_pesos(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)


NOT_AMOUNTS: list[tuple[str, list[tuple[float, str]]]] = [
    ("La lista la publica Top500.org desde junio.", []),
    ("Más datos en www.ia2030.gob.mx, el portal oficial.", []),
    ("El código usa la codificación de GPT 3.5 o 4.", []),
    ("Meta entrenó Llama 2 y 3 en sus centros.", []),
    ("Berlín (El Salvador), 13 nov (EFE).- Llegaron 12 técnicos.", [(12, "count")]),
    ("Defendió el Plan de las Siete Transformaciones.", []),
    ("La economía creció a un ritmo de dos dígitos.", []),
    ("La Gaceta Oficial N° 42.118 publicó la resolución.", []),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), NOT_AMOUNTS, ids=[s[:40] for s, _ in NOT_AMOUNTS]
)
def test_what_is_not_an_amount(sentence: str, expected: list[tuple[float, str]]) -> None:
    check(sentence, expected)
