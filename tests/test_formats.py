"""The one set of formatters (helpers.formats): hand-worked values, and Babel against Python's
own rounding."""

from __future__ import annotations

import random

import pytest

from helpers import formats


def test_numbers_group_thousands_and_round_as_python_does() -> None:
    assert formats.number(793.35, "PFLOP/s") == "793.4 PFLOP/s"  # 793.35 is stored as 793.35000…01
    assert formats.number(1_234_567.891, digits=0) == "1,234,568"
    assert formats.number(2.675, digits=2) == "2.67"  # stored as 2.67499…: below the tie
    assert formats.number(-3.45) == "-3.5"  # stored as -3.4500…02: above it
    assert (
        formats.number(0.5, digits=0) == "0" and formats.number(2.5, digits=0) == "2"
    )  # exact ties to even
    rng = random.Random(20251201)
    for _ in range(5000):
        value = rng.choice(
            [rng.uniform(-1e4, 1e4), round(rng.uniform(0, 1e3), 3), rng.uniform(1e5, 1e9)]
        )
        digits = rng.randrange(4)
        assert formats.number(value, digits=digits) == f"{value:,.{digits}f}", (value, digits)


def test_a_second_language_is_a_locale() -> None:
    assert formats.number(12_345.5, "MW", locale="es") == "12.345,5 MW"
    assert formats.long_date("2025-08-18", locale="es") == "18 agosto 2025"


def test_percent() -> None:
    assert formats.percent(0.853) == "85%"
    assert formats.percent(0.0555, 1) == "5.5%" == f"{0.0555:.1%}"
    assert formats.percent(1.5) == "150%"
    rng = random.Random(7)
    for _ in range(2000):
        value, digits = rng.random(), rng.randrange(3)
        assert formats.percent(value, digits) == f"{value:.{digits}%}", (value, digits)


def test_scientific_notation() -> None:
    # 6 × 37e9 × 14.8e12 = 3.2856e24 -> "3.3 × 10²⁴"; 9.96e9 rounds up to 10.0 and carries over.
    assert formats.scientific(3.2856e24) == "3.3 × 10²⁴"
    assert formats.scientific(9.96e9) == "1.0 × 10¹⁰"
    assert formats.scientific(2.5e-3, 2) == "2.50 × 10⁻³"
    # "1018 fracasos" for 10¹⁸ FLOP/s: 1e18 / 1018 = 9.823e14.
    assert formats.scientific(1e18 / 1018) == "9.8 × 10¹⁴"
    assert formats.significant(1.3e14) == "1.3 × 10¹⁴" and formats.significant(1e18) == "10¹⁸"
    assert formats.significant(2.345678e-5) == "2.35 × 10⁻⁵"


def test_words() -> None:
    assert formats.words(37e9, 0) == "37 billion"
    assert formats.words(37e9) == "37 billion"
    assert formats.words(312.06e9) == "312.1 billion"
    assert formats.words(14.8e12) == "14.8 trillion"
    assert formats.words(4011.08, 0) == "4,011"
    assert formats.words(677_791.5) == "677,792"
    assert formats.words(17.14) == "17.1"
    assert formats.words(3.2856e24) == "3.3 × 10²⁴"


def test_amounts_and_dates() -> None:
    # 433.3 million shares at $20.47 = 8,869.651 million USD, reported as "$8.9 billion".
    assert formats.amount(433.3e6 * 20.47, "USD") == "$8.87 billion"
    assert formats.amount(8.9e9, "USD") == "$8.9 billion"
    assert formats.amount(294_000, "USD") == "$294,000"
    assert formats.amount(20e6, "USD") == "$20 million"
    assert formats.amount(500e6, "EUR") == "€500 million"
    assert formats.amount(1.5e9, "EUR") == "€1.5 billion"
    assert formats.amount(1.2e12, "USD") == "$1.2 trillion"
    with pytest.raises(ValueError, match="GBP"):
        formats.amount(1.0, "GBP")
    assert formats.long_date("2025-08-18") == "18 August 2025"


def test_markdown_table_keeps_a_bar_in_a_cell_as_text() -> None:
    rows = [[formats.markdown_cell("a | b\nc"), "1"]]
    assert formats.markdown_table(["x", "y"], rows) == "| x | y |\n|---|---|\n| a \\| b c | 1 |"


def test_markdown_table_aligns_columns() -> None:
    assert (
        formats.markdown_table(["a", "n"], [["x", "1"]], align="lr").splitlines()[1] == "|:--|--:|"
    )
    with pytest.raises(ValueError, match="2 columns"):
        formats.markdown_table(["a", "n"], [], align="l")
