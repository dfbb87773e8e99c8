"""The curated tables: every row sourced; every kind of bad row named by file, row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers.errors import DataError
from helpers.inputs import facts
from helpers.paths import DATA


def test_real_tables_validate() -> None:
    table = facts.load_facts()
    assert len(table) > 100
    assert set(table["chapter"]) == set(facts.CHAPTERS)
    assert table["source_url"].str.startswith("http").all()
    assert len(facts.load_events()) > 20
    waves = facts.load_ai_factories().groupby("wave").size().to_dict()
    assert waves == {1: 7, 2: 6, 3: 6}  # selections of Dec 2024, Mar 2025, Oct 2025


def test_fact_lookup_and_citation() -> None:
    budget = facts.fact("jupiter_budget_total_eur")
    assert (budget.value, budget.unit) == (500e6, "EUR")
    assert (
        budget.citation.startswith("[Forschungszentrum Jülich") and "](https://" in budget.citation
    )
    with pytest.raises(DataError, match="data/facts: no fact 'nope'"):
        facts.fact("nope")


def _write_variant(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    with (DATA / "facts" / "germany_jupiter.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[:5]
    fieldnames = list(rows[0])
    fieldnames, rows = edit(fieldnames, rows)
    path = tmp_path / "facts.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fieldnames, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _set(row: int, column: str, value: str):  # type: ignore[no-untyped-def]
    def edit(fields, rows):  # type: ignore[no-untyped-def]
        rows[row - 1][column] = value
        return fields, rows

    return edit


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda f, r: ([c for c in f if c != "unit"], r), "missing column 'unit'"),
        (_set(2, "value", "five hundred"), "row 2, column 'value'"),
        (
            _set(3, "fact_id", "jupiter_budget_total_eur"),
            "column 'fact_id': fails field_uniqueness",
        ),
        (_set(4, "note", ""), "row 4, column 'note': fails not_nullable"),
        (
            _set(2, "value", "-6"),
            "row 2, column 'value': fails greater_than_or_equal_to(0) (value -6.0)",
        ),
        (_set(5, "source_url", ""), "row 5, column 'source_url': fails not_nullable"),
        (
            _set(1, "source_url", "fz-juelich.de/jupiter"),
            "row 1, column 'source_url': fails str_matches",
        ),
        (_set(3, "unit", "MEUR"), "row 3, column 'unit': fails isin"),
        (_set(1, "source_date", "15/06/2022"), "row 1, column 'source_date': fails str_matches"),
        (
            _set(2, "source_last_seen", "Dec 2026"),
            "row 2, column 'source_last_seen': fails str_matches",
        ),
    ],
    ids=[
        "missing-column",
        "wrong-type",
        "duplicate-key",
        "empty-field",
        "negative",
        "missing-url",
        "bad-url",
        "unknown-unit",
        "bad-date",
        "bad-last-seen",
    ],
)
def test_bad_rows_are_named(tmp_path: Path, edit, expected: str) -> None:  # type: ignore[no-untyped-def]
    path = _write_variant(tmp_path, edit)
    with pytest.raises(DataError) as info:
        facts.read_table(path, facts.FACTS_SCHEMA)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_a_range_must_contain_its_value(tmp_path: Path) -> None:
    path = _write_variant(tmp_path, _set(1, "value_low", "600000000"))
    with pytest.raises(DataError, match="value_low <= value"):
        facts.read_table(path, facts.FACTS_SCHEMA)


def test_a_page_is_not_seen_before_it_was_published(tmp_path: Path) -> None:
    path = _write_variant(tmp_path, _set(1, "source_last_seen", "2001-01-01"))
    with pytest.raises(DataError, match="source_last_seen >= source_date"):
        facts.read_table(path, facts.FACTS_SCHEMA)


def test_last_seen_is_blank_or_a_date_in_every_table() -> None:
    """Every table that cites a page says when it was last seen, or leaves it blank."""
    from helpers.inputs.claims import load_claims

    for table in (
        facts.load_facts(),
        facts.load_events(),
        facts.load_ai_factories(),
        load_claims(),
    ):
        seen = table["source_last_seen"].dropna()
        assert seen.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    # The second pass of December 2026 read FZJ's JUPITER pages (book/methods.md).
    assert facts.load_facts().loc["jupiter_budget_total_eur", "source_last_seen"] == "2026-12-01"


def test_a_table_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_bytes("fact_id\nJülich\n".encode("latin-1"))
    with pytest.raises(DataError, match=f"{path}: not valid UTF-8 at byte 9 \\(line 2\\)"):
        facts.read_table(path, facts.FACTS_SCHEMA)


def test_a_row_in_the_wrong_chapter_file_is_named(tmp_path: Path) -> None:
    path = _write_variant(tmp_path, _set(2, "chapter", "china_gpus"))
    path.rename(tmp_path / "germany_jupiter.csv")
    with pytest.raises(
        DataError, match=r"germany_jupiter\.csv: row 2, column 'chapter': 'china_gpus'"
    ):
        facts.read_folder(tmp_path, facts.FACTS_SCHEMA, "fact_id")


def test_a_key_in_two_files_is_refused(tmp_path: Path) -> None:
    path = _write_variant(tmp_path, lambda f, r: (f, r))
    (tmp_path / "germany_jupiter.csv").write_text(
        path.read_text(encoding="utf-8"), encoding="utf-8"
    )
    other = path.read_text(encoding="utf-8").replace("germany_jupiter", "eu_access")
    (tmp_path / "eu_access.csv").write_text(other, encoding="utf-8")
    path.unlink()
    with pytest.raises(
        DataError, match="fact_id 'jupiter_budget_total_eur' appears in more than one file"
    ):
        facts.read_folder(tmp_path, facts.FACTS_SCHEMA, "fact_id")


def test_the_facts_a_run_used_are_recorded_for_its_sources() -> None:
    facts.forget_served()
    facts.fact("jupiter_budget_total_eur")
    facts.fact("chinchilla_tokens_per_param")
    facts.fact("jupiter_budget_total_eur")
    assert facts.served() == ["jupiter_budget_total_eur", "chinchilla_tokens_per_param"]
    facts.forget_served()
    assert facts.served() == []
