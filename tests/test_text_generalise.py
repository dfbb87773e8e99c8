"""Tests of the mechanisms that make :mod:`helpers.text` read Spanish text it was not built from.

Each mechanism has its own sentences, written for these tests in the style of Spanish and Latin
American press (none is taken from the seed articles or from the development set), with the
values worked out by hand:

* the separator convention of a document (``1.105`` and ``1,500``), from its other numbers, the
  unit's plausible magnitude and a locale hint;
* a unit carried over from the previous amount (*y otros 120 millones*);
* the wider unit vocabulary (*Megawatts*, *gigaflops/vatio*, *cálculos por segundo*);
* number words, multiplicatives and suffix scales (*el doble*, *una docena*, *32k tokens*);
* digits in names and datelines (*Fab 18*, *Industria 4.0*, *LIMA, 14 (Andina)*).

Then the light API (:func:`helpers.text.quantities_of`) and its records, and the scores on the
development set (``data/gold/dev/``): the ``dev`` part, which the rules were tuned on, must stay
at 0.95 precision and value-and-unit recall; the held-out part is reported against a lower floor.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import text as T
from helpers.inputs.seeds import read_article
from helpers.paths import SEEDS
from helpers.text.conventions import locale_convention
from helpers.text.gold import GoldScore
from helpers.text.quantities import Quantity
from support import assert_rows, rows

SEED_FILES = sorted(SEEDS.glob("*.txt"))


# ------------------------------------------------------------------------------------------
# Separators: the document, the unit's magnitude and the locale decide 1.105 and 1,500
# ------------------------------------------------------------------------------------------


def test_other_numbers_of_the_document_decide_an_ambiguous_dot() -> None:
    # English/Latin American convention shown by 12,500,000 and 3.5: 2.345 is a decimal
    english = (
        "La firma compró equipos por 12,500,000 dólares y consume 3.5 MW. Rinde 2.345 petaflops."
    )
    assert_rows(rows(english), [(1.25e7, "USD"), (3.5e6, "W"), (2.345e15, "FLOP/s")])
    flag = T.quantities_of(english)[-1].flags
    assert len(flag) == 1 and flag[0].startswith("ambiguous_separator?: 2.345 read with the dot")
    # Spanish convention shown by 2.350.000 and 3,5: 2.345 groups thousands, unflagged
    spanish = "El centro tiene 2.350.000 núcleos y consume 3,5 MW. Rinde 2.345 petaflops."
    assert_rows(rows(spanish), [(2.35e6, "cores"), (3.5e6, "W"), (2.345e18, "FLOP/s")])
    assert T.quantities_of(spanish)[-1].flags == ()


def test_other_numbers_of_the_document_decide_an_ambiguous_comma() -> None:
    english = "El clúster suma 2,048,000 núcleos. El proyecto costó 4,125 millones de dólares."
    assert_rows(rows(english), [(2.048e6, "cores"), (4.125e9, "USD")])
    spanish = "El clúster consume 2,75 MW. El proyecto costó 4,125 millones de euros."
    assert_rows(rows(spanish), [(2.75e6, "W"), (4.125e6, "EUR")])


def test_the_locale_breaks_a_tie() -> None:
    sentence = "El nuevo sistema rinde 2.345 petaflops."
    assert rows(sentence) == [(2.345e18, "FLOP/s")]  # no evidence: Spanish rules
    assert rows(sentence, locale="ES") == [(2.345e18, "FLOP/s")]
    assert_rows(rows(sentence, locale="es-MX"), [(2.345e15, "FLOP/s")])
    assert_rows(rows(sentence, locale="México"), [(2.345e15, "FLOP/s")])
    # the document's own evidence outweighs the locale
    assert_rows(
        rows("Consume 1,25 MW y rinde 2.345 petaflops.", locale="MX")[1:], [(2.345e18, "FLOP/s")]
    )


def test_document_convention_pools_the_votes_of_every_piece() -> None:
    from helpers.text.quantities import document_convention, draft_quantities

    english = draft_quantities("Tiene 1,000,000 de núcleos y 12,288 GPU.")
    spanish = draft_quantities("Consume 2,5 MW.")
    assert (english.es_votes, english.en_votes) == (0, 2)
    assert (spanish.es_votes, spanish.en_votes) == (1, 0)
    assert document_convention([english, spanish])[0] == "en"
    assert document_convention([spanish])[0] == "es"
    assert document_convention([]) == ("es", "Spanish rules")
    assert document_convention([], "es-MX") == (
        "en",
        "the locale es-MX writes numbers the English way",
    )
    # the open readings are settled only by settle(): the same draft, two conventions
    ambiguous = draft_quantities("Rinde 2.345 petaflops.")
    assert ambiguous.settle(("es", ""))[0].value == pytest.approx(2.345e18)
    assert ambiguous.settle(("en", "told so"))[0].value == pytest.approx(2.345e15)
    assert "told so" in ambiguous.settle(("en", "told so"))[0].flag


def test_a_bad_locale_is_refused_naming_the_parameter() -> None:
    with pytest.raises(ValueError, match=r"^locale: "):
        T.quantities_of("Rinde 2.345 petaflops.", locale="¿?")
    assert locale_convention("fr-FR") is None  # a locale, just not a Spanish one


def test_an_implausible_magnitude_rules_a_reading_out() -> None:
    # 1.200 billones de parámetros (1.2e15) and 2.750 gigavatios (2.75e12 W) cannot be
    assert_rows(rows("Un modelo con 1.200 billones de parámetros."), [(1.2e12, "parameters")])
    assert_rows(rows("Un consumo de 2.750 gigavatios."), [(2.75e9, "W")])
    q = T.quantities_of("Un consumo de 2.750 gigavatios.")[0]
    assert "2.75e+12 W would be implausible" in q.flag


def test_counts_and_money_have_no_three_decimals() -> None:
    assert_rows(rows("Se instalaron 12,288 GPU en el nuevo clúster."), [(12288, "GPUs")])
    assert_rows(rows("La tarjeta cuesta US$ 1,599 en la tienda."), [(1599, "USD")])
    # a decimal is not padded with zeros: 3,750 millones is 3750 millones
    assert_rows(rows("Chile destinará 3,750 millones de dólares."), [(3.75e9, "USD")])


PROPERTY = settings(max_examples=60, deadline=None, database=None)


@PROPERTY
@given(st.integers(min_value=1000, max_value=999_999))
def test_a_count_is_read_whole_in_either_convention(n: int) -> None:
    assert rows(f"Se instalaron {n:,} GPU.") == [(float(n), "GPUs")]
    assert rows(f"Se instalaron {T.format_spanish_number(n)} GPU.") == [(float(n), "GPUs")]


@PROPERTY
@given(st.integers(min_value=1001, max_value=999_999).filter(lambda k: k % 10))
def test_three_decimals_follow_the_document_convention(k: int) -> None:
    """1,234 or 1.234 petaflops with three decimals (no trailing zero, which would mean
    thousands): the document's other number decides, in both conventions alike."""
    x = k / 1000
    spanish = f"El sistema consume 2,5 MW y rinde {T.format_spanish_number(x)} petaflops."
    english = f"El sistema consume 2.5 MW y rinde {x:.3f} petaflops."
    for sentence in (spanish, english):
        got = rows(sentence)
        assert got[0] == (2.5e6, "W")
        assert got[1][1] == "FLOP/s"
        assert got[1][0] == pytest.approx(x * 1e15, rel=1e-12), sentence


def test_without_evidence_the_spanish_reading_stands_unflagged() -> None:
    found = T.quantities_of("El entrenamiento usó 1,234 millones de horas de GPU.")
    assert [(q.value, q.unit, q.flags) for q in found] == [(1.234e6, "GPU-hours", ())]


def test_the_dataframe_api_settles_separators_over_the_whole_text() -> None:
    """Evidence in one piece of a long text decides a number in another piece."""
    filler = "Sin cifras en este párrafo.\n" * (T.CHUNK_CHARS // 20)
    text = "El clúster suma 2,048,000 núcleos.\n" + filler + "El sistema rinde 2.345 petaflops.\n"
    df = T.extract_quantities(text)
    assert df["value"].tolist() == [2.048e6, pytest.approx(2.345e15)]
    assert [q.value for q in T.quantities_of(text)] == df["value"].tolist()


# ------------------------------------------------------------------------------------------
# Units carried over from the previous amount
# ------------------------------------------------------------------------------------------

CARRY = [
    (
        "El fondo aporta 300 millones de euros y el Estado otros 120 millones.",
        [(3e8, "EUR"), (1.2e8, "EUR")],
    ),
    (
        "El corpus reúne 9 billones de tokens, aunque la versión pequeña usa 1,5 billones.",
        [(9e12, "tokens"), (1.5e12, "tokens")],
    ),
    (
        "Su modelo grande tiene 236B parámetros y el pequeño se queda en 16B.",
        [(2.36e11, "parameters"), (1.6e10, "parameters")],
    ),
    (
        "La startup levantó 45 millones de dólares. La ronda anterior fue de 12 millones.",
        [(4.5e7, "USD"), (1.2e7, "USD")],
    ),
    ("El equipo pasó de 64 nodos a solo 8.", [(64, "nodes"), (8, "nodes")]),
    (
        "Google pondrá 1.200 millones de euros y Meta, unos 800.",
        [(1.2e9, "EUR"), (8e8, "EUR")],
    ),
    ("Encargó servidores para IA, unas 300 unidades en total.", [(300, "servers")]),
    (
        "Pasa de 30 petaflops, con un pico de 42, y consume 2 MW.",
        [(3e16, "FLOP/s"), (4.2e16, "FLOP/s"), (2e6, "W")],
    ),
]

NO_CARRY = [
    # its own noun: a count of customers, not euros
    (
        "La empresa facturó 40 millones de dólares y tiene 2 millones de clientes.",
        [(4e7, "USD"), (2e6, "count")],
    ),
    # a suffix number after money is a name, not money
    ("Invirtió 50 millones de euros. El modelo 175B es abierto.", [(5e7, "EUR")]),
    # a plain number far in magnitude from the last amount keeps its own reading
    (
        "La ronda fue de 500 millones de dólares y participaron 3 fondos.",
        [(5e8, "USD"), (3, "count")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CARRY, ids=[s[:40] for s, _ in CARRY])
def test_units_carry_over(sentence: str, expected: list[tuple[float, str]]) -> None:
    assert_rows(rows(sentence), expected)


@pytest.mark.parametrize(("sentence", "expected"), NO_CARRY, ids=[s[:40] for s, _ in NO_CARRY])
def test_units_do_not_carry_over_where_the_text_says_otherwise(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    assert_rows(rows(sentence), expected)


# ------------------------------------------------------------------------------------------
# Unit vocabulary
# ------------------------------------------------------------------------------------------

VOCABULARY = [
    ("La planta necesitará 2 Megawatts.", [(2e6, "W")]),
    ("El sistema logra 45 gigaflops/vatio.", [(4.5e10, "FLOP/s/W")]),
    ("El sistema logra 60 gigaFLOPS/W.", [(6e10, "FLOP/s/W")]),
    ("Ofrece 1.250 megaflops por cada vatio.", [(1.25e9, "FLOP/s/W")]),
    ("La red eléctrica trabaja a 50 Hz.", [(50, "Hz")]),
    ("Ejecuta 3 billones de operaciones por segundo.", [(3e12, "FLOP/s")]),
    ("Hace cien mil cálculos por segundo.", [(1e5, "FLOP/s")]),
    ("Ejecuta 7 billones de operaciones de cálculo por segundo.", [(7e12, "FLOP/s")]),
    ("La fibra recorre 400 kilómetros y el edificio mide 90 metros.", [(4e5, "m"), (90, "m")]),
    ("Llega a 20.500 T flops/s.", [(2.05e16, "FLOP/s")]),
    ("Alcanza unos 2.5 de petaflops.", [(2.5e15, "FLOP/s")]),
    ("El país compró 640,000 de procesadores.", [(6.4e5, "chips")]),
    ("Un acuerdo de u$s 300 millones.", [(3e8, "USD")]),
    ("Una inversión superior a los 450.000.000 de dólares.", [(4.5e8, "USD")]),
    ("Compró 10.000 AMD MI300X y 5.000 Ascend 910B.", [(1e4, "GPUs"), (5e3, "chips")]),
    ("Acumula 5.1M horas acumuladas de GPU.", [(5.1e6, "GPU-hours")]),
]


@pytest.mark.parametrize(("sentence", "expected"), VOCABULARY, ids=[s[:40] for s, _ in VOCABULARY])
def test_wider_unit_vocabulary(sentence: str, expected: list[tuple[float, str]]) -> None:
    assert_rows(rows(sentence), expected)


# ------------------------------------------------------------------------------------------
# Number words, multiplicatives, suffix scales, rankings and dates
# ------------------------------------------------------------------------------------------

WORDS = [
    ("El rendimiento es el doble que en 2023.", [(2, "times"), (2023, "year")]),
    ("La demanda crecerá más del triple.", [(3, "times")]),
    ("El plan dura tres años y medio.", [(3.5, "years")]),
    ("La obra tardó un año y medio.", [(1.5, "years")]),
    ("Una docena de centros y media docena de chips.", [(12, "count"), (6, "chips")]),
    ("Lo construirán en una década.", [(10, "years")]),
    ("Estuvo parado una semana.", [(7, "days")]),
    ("Tardará de dos a cuatro meses.", [(2, "months"), (4, "months")]),
    ("Tardará dos a cuatro meses.", [(2, "months"), (4, "months")]),
    ("Recibió millón y medio de dólares.", [(1.5e6, "USD")]),
    ("La aplicación llegó al millón de descargas.", [(1e6, "count")]),
    ("Resuelve en un segundo lo que antes llevaba días.", [(1, "s")]),
    ("La app supera las 100M descargas.", [(1e8, "count")]),
    ("La app tiene 100M de usuarios.", [(1e8, "count")]),
    ("El contexto admite 32k tokens.", [(3.2e4, "tokens")]),
    ("Quedó entre los diez mejores del mundo.", [(10, "rank")]),
    ("Figura entre las 500 supercomputadoras más potentes.", [(500, "rank")]),
    ("La norma se firmó el 03/04/2025 en Lima.", [(20250403, "date")]),
    ("Se presentó el 5 de marzo 2024 en Madrid.", [(20240305, "date")]),
    ("En el segundo trimestre de 2025 sus ventas crecieron.", [(2025, "year")]),
]

NOT_QUANTITIES = [
    "Trabaja en un segundo plano con doble precisión.",
    "El modelo 70B es abierto.",
    "La Fab 18 de TSMC fabrica en Tainan.",
    "El coche alcanza el Nivel 4 de autonomía.",
    "Nivel 3 es el nombre del programa.",
    "La Industria 4.0 y la web 3.0 llegan a las fábricas.",
    "LIMA, 14 (Andina) El Gobierno presentó su plan.",
    "Cusco, 9 (EFE) El Gobierno presentó su plan.",
    "Bogotá, 21-03-2025. El Gobierno presentó su plan.",
    "El servidor lleva un Xeon E7-8890 y un Ryzen 7.",
    "Es parte de la Agenda 2030.",
    "Lo financia Horizonte Europa 2021-2027.",
    "El artículo 5 del reglamento prohíbe la fase 2 del plan.",
    "El iPhone 15 llega en otoño.",
    "Es el compromiso número 12 del programa.",
    "Pixtral 12B admite imágenes.",
]


@pytest.mark.parametrize(("sentence", "expected"), WORDS, ids=[s[:40] for s, _ in WORDS])
def test_number_words_multiplicatives_and_suffixes(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    assert_rows(rows(sentence), expected)


def test_lone_scale_words_and_short_scale_hints() -> None:
    assert rows("El coste por millón de tokens bajó.") == []  # a rate's denominator
    q = T.quantities_of("Un quintillón de operaciones por segundo.")[0]
    assert (q.value, q.unit) == (1e30, "FLOP/s")  # as written: the long-scale quintillón
    assert "short-scale 'quintillion' would give 1e+18" in q.flag


@pytest.mark.parametrize("sentence", NOT_QUANTITIES, ids=[s[:40] for s in NOT_QUANTITIES])
def test_digits_in_names_and_datelines_are_not_quantities(sentence: str) -> None:
    assert rows(sentence) == []


def test_names_rule_keeps_real_amounts_after_capitals() -> None:
    assert_rows(rows("En 2030 habrá 5 GW instalados."), [(2030, "year"), (5e9, "W")])
    assert_rows(rows("Casi 300 empresas pidieron acceso."), [(300, "count")])
    assert_rows(rows("Según Nvidia, 400 empresas usan el sistema."), [(400, "count")])
    assert_rows(rows("El sistema ocupa el número 1 de la lista."), [(1, "rank")])
    assert_rows(rows("Hay 3 niveles y 2 fases."), [(3, "count"), (2, "count")])
    assert_rows(rows("Sus ventas del Q3 2024 crecieron."), [(2024, "year")])


# ------------------------------------------------------------------------------------------
# The light API and its records; the DataFrame API built from the same records
# ------------------------------------------------------------------------------------------


def test_light_api_returns_plain_frozen_records() -> None:
    text = "Según el plan, habrá más de 4.000 GPU y 30 MW en 2026."
    found = T.quantities_of(text)
    assert all(type(q) is Quantity for q in found)
    assert [f.name for f in dataclasses.fields(Quantity)] == [
        "text",
        "start",
        "end",
        "value",
        "unit",
        "qualifier",
        "flags",
    ]
    assert [(q.text, q.value, q.unit, q.qualifier) for q in found] == [
        ("más de 4.000 GPU", 4000.0, "GPUs", "más de"),
        ("30 MW", 3e7, "W", ""),
        ("2026", 2026.0, "year", ""),
    ]
    for q in found:
        assert text[q.start : q.end] == q.text
        assert isinstance(q.flags, tuple) and q.flag == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        found[0].value = 1.0  # type: ignore[misc]


def test_light_api_edge_cases() -> None:
    assert T.quantities_of("") == []
    assert T.quantities_of("  \n ") == []
    with pytest.raises(TypeError, match=r"^text: expected a str"):
        T.quantities_of(b"4 GPU")  # type: ignore[arg-type]


def test_light_api_offsets_point_into_a_long_text() -> None:
    line = "El nodo tiene 4 GPU y consume 3 kW.\n"
    text = line * (3 * T.CHUNK_CHARS // len(line))
    found = T.quantities_of(text)
    assert len(found) == 2 * text.count(line)
    for q in found[::97]:
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_dataframe_rows_are_the_light_records(path: Path) -> None:
    """The notebooks' table (unchanged columns) holds the light API's records plus sentences."""
    text = read_article(path)
    df = T.extract_quantities(text)
    assert tuple(df.columns) == T.QUANTITY_COLUMNS
    T.QUANTITY_SCHEMA.validate(df)
    records = T.quantities_of(text)
    table = list(
        zip(
            df["text"],
            df["start"],
            df["end"],
            df["value"],
            df["unit"],
            df["qualifier"],
            df["flag"],
            strict=True,
        )
    )
    assert table == [
        (q.text, q.start, q.end, q.value, q.unit, q.qualifier, q.flag) for q in records
    ]
    assert T.analyse(text).quantities.equals(df)


# ------------------------------------------------------------------------------------------
# Document evidence: pesos, sibling magnitudes; compound thousands, shares, top-N, pages
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "locale", "expected"),
    [
        # the country named with the peso
        ("El plan destina 3.200 millones de pesos chilenos al centro.", None, [(3.2e9, "CLP")]),
        ("El Estado gastará 2.300mn de pesos colombianos en la red.", None, [(2.3e9, "COP")]),
        # a bare "pesos": the locale, else the country the text names
        ("El fondo suma 800 millones de pesos.", "AR", [(8e8, "ARS")]),
        ("Bogotá invertirá 2,5 billones de pesos en conectividad.", None, [(2.5e12, "COP")]),
        # "$" in a text that counts in pesos and never names the dollar is that peso
        (
            "En Rosario (Argentina) el municipio gastó $45 millones; el total será de 90 "
            "millones de pesos.",
            None,
            [(4.5e7, "ARS"), (9e7, "ARS")],
        ),
        # ... but not when the text names the dollar
        (
            "En México la firma pondrá $300 millones de dólares y el estado 2.000 millones de "
            "pesos.",
            None,
            [(3e8, "USD"), (2e9, "MXN")],
        ),
        # Mexican abbreviations: mdp (millones de pesos), mmdd (miles de millones de dólares)
        (
            "En México, Jalisco aportará 250 mdp y la empresa 1.2 mmdd.",
            None,
            [(2.5e8, "MXN"), (1.2e9, "USD")],
        ),
    ],
)
def test_pesos_are_read_as_the_document_country_peso(
    sentence: str, locale: str | None, expected: list[tuple[float, str]]
) -> None:
    assert_rows(rows(sentence, locale), expected)


def test_pesos_of_an_unnamed_country_are_flagged() -> None:
    (q,) = T.quantities_of("La obra costará 40 millones de pesos.")
    assert (q.value, q.unit) == (4e7, "MXN")
    assert q.flag.startswith("currency?: no country named")


def test_pesos_are_base_units_the_ledger_and_the_candidates_can_show() -> None:
    from helpers.analysis.candidates import family
    from helpers.analysis.ledger import format_value
    from helpers.text.units import BASE_UNITS, PESO_CURRENCIES

    for code in ("MXN", "ARS", "CLP", "COP"):
        assert code in BASE_UNITS and code in PESO_CURRENCIES.values()
        assert code in format_value(6e9, code)
        assert family(code, 6e9) == (code, 6e9)  # no exchange rate: a family of its own


def test_the_document_magnitudes_settle_an_ambiguous_separator() -> None:
    # 8.45 and 6.9 write the decimal point; by that convention 4,215 would be 4215 petaflops,
    # but the other machines of the same ranking are near 7 petaflops: it is 4.215
    english = (
        "El ranking regional lo encabeza un equipo de 8.45 petaflops, seguido de otro de "
        "6.9 petaflops; el tercero rinde 4,215 petaflops."
    )
    assert_rows(rows(english), [(8.45e15, "FLOP/s"), (6.9e15, "FLOP/s"), (4.215e15, "FLOP/s")])
    # the same with Spanish separators: 4.215 beside 8,45 and 6,9 is a decimal, flagged
    spanish = (
        "Lidera con 8,45 petaflops, sigue otro con 6,9 petaflops y el tercero da 4.215 petaflops."
    )
    assert_rows(rows(spanish), [(8.45e15, "FLOP/s"), (6.9e15, "FLOP/s"), (4.215e15, "FLOP/s")])
    assert "other FLOP/s figures are near" in T.quantities_of(spanish)[-1].flag
    # siblings that are not close to either reading leave it to the convention: the world's
    # leader at 1.353 (1353 petaflops) beside local machines of 12,5 and 8,1 petaflops
    far = "Frontier rinde 1.353 petaflops; los equipos locales, 12,5 y 8,1 petaflops."
    assert rows(far)[0] == (pytest.approx(1.353e18), "FLOP/s")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "La obra costará 3 mil 450 millones de pesos mexicanos y dará 2 mil 100 empleos.",
            [(3.45e9, "MXN"), (2100, "count")],
        ),
        ("Ya la usa la mitad de los hogares del país.", [(50, "percent")]),
        ("Los ingresos cayeron por la mitad en un año.", [(1, "years")]),
        ("El país quiere entrar al top 10 de la lista.", [(10, "rank")]),
        ("Publica el ranking de las 500 supercomputadoras más rápidas.", [(500, "count")]),
        ("Jueves 4 de junio de 2026, p. 12\nEl plan suma 30 millones de euros.", [(3e7, "EUR")]),
        ("La oficina abrió el 3 de mayo de 1889.", [(18890503, "date")]),
        (
            "Logra 65,4 GF/W y su rival 52 GFlops/Watts.",
            [(6.54e10, "FLOP/s/W"), (5.2e10, "FLOP/s/W")],
        ),
        (
            "Las ventas sumaron 12 mil millones de dólares, frente a 9 mil millones del mismo "
            "periodo de 2024.",
            [(1.2e10, "USD"), (9e9, "USD"), (2024, "year")],
        ),
        ("La malla pasará de 12 kilómetros a 3.", [(12000, "m"), (3000, "m")]),
        # a noun after "millones" needs "de": a verb there leaves the unit out
        (
            "El fondo suma 900 millones de euros; de ellos, 300 millones irán a chips.",
            [(9e8, "EUR"), (3e8, "EUR")],
        ),
        ("En México, 4 mmdd y luego mil millones más.", [(4e9, "USD"), (1e9, "USD")]),
        ('El equipo tendrá dos "petaFLOPS", según el ministerio.', [(2e15, "FLOP/s")]),
        ("21 de agosto, 2022 | 11.33\nEl plan suma 5 millones de euros.", [(5e6, "EUR")]),
        # English and upper-case spellings of watt-hours
        (
            "Usarán 700 Terawatt-Hours, frente a 310 TWH y 5 KWh.",
            [(7e14, "Wh"), (3.1e14, "Wh"), (5e3, "Wh")],
        ),
        # a year between the amount and the one that leaves its unit out
        (
            "Pasará de 300 teravatios hora en 2023 a unos 700 en 2030.",
            [(3e14, "Wh"), (2023, "year"), (7e14, "Wh"), (2030, "year")],
        ),
        (
            "Gastará 900 kilovatios hora, frente a los 450 de 2020.",
            [(9e5, "Wh"), (4.5e5, "Wh"), (2020, "year")],
        ),
        ("Se llevará casi la mitad del presupuesto.", [(50, "percent")]),
        # a part of the amount just given
        (
            "Pondrá 300 millones de dólares, 120 de los cuales irán a chips.",
            [(3e8, "USD"), (1.2e8, "USD")],
        ),
        # the size of a list, not a place in it
        ("Tiene 167 de los 500 superordenadores más potentes.", [(167, "count"), (500, "count")]),
        ("Con 1.184 Exaplop/s, es la más rápida.", [(1.184e18, "FLOP/s")]),
        # every number of a hyphenated name
        ("Compite con Nemotron-4-340B-Instruct y con 8 GPU.", [(8, "GPUs")]),
    ],
)
def test_compound_thousands_shares_top_n_pages_and_carried_units(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    assert_rows(rows(sentence), expected)


# ------------------------------------------------------------------------------------------
# The development set (data/gold/dev): scores on real sentences the rules were not built from
# ------------------------------------------------------------------------------------------


def _split_scores(split: str) -> tuple[GoldScore, GoldScore, int]:
    from helpers.text import devset

    docs = devset.load(split)
    strict = loose = GoldScore.empty()
    for doc in docs:
        pred = T.extract_quantities(doc.text, locale=doc.country)
        s, v = devset.score_document(doc, pred)
        strict, loose = strict + s, loose + v
    return strict, loose, sum(len(d.sentences) for d in docs)


def _figures(strict: GoldScore, loose: GoldScore) -> str:
    return (
        f"precision {strict.precision:.3f}, value recall {loose.recall:.3f}, "
        f"value-and-unit recall {strict.recall:.3f} ({strict.gold} gold, {strict.predicted} found)"
    )


def _have(split: str) -> bool:
    from helpers.text import devset

    return (devset.DEV_DIR / f"{split}.jsonl").exists()


@pytest.mark.skipif(not _have("dev"), reason="the development set is not there")
def test_dev_split_scores() -> None:
    """The part the rules were tuned on: 0.95 precision and value-and-unit recall."""
    strict, loose, sentences = _split_scores("dev")
    assert sentences >= 150 and strict.gold >= 250
    figures = _figures(strict, loose)
    assert strict.precision >= 0.95, f"{figures}; spurious: {strict.spurious}"
    assert strict.recall >= 0.95, f"{figures}; missed: {strict.missed}"
    assert loose.recall >= strict.recall


@pytest.mark.skipif(not _have("heldout"), reason="no held-out part")
def test_heldout_split_scores_stay_above_the_starting_point() -> None:
    """The part kept aside: reported, and held only to the floor of the pipeline before this
    work (precision 0.81, value-and-unit recall 0.85 on the issue's own held-out sentences),
    so that a rule that overfits the dev part shows up here as a regression below where we
    started, without turning the held-out part into a second tuning target."""
    strict, loose, _ = _split_scores("heldout")
    figures = _figures(strict, loose)
    print(f"held-out: {figures}")
    assert strict.precision >= 0.81, figures
    assert strict.recall >= 0.85, figures
    assert math.isfinite(loose.recall)
