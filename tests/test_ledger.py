"""The claim ledger accounts for every number of the five articles, and its ratios are the data's.

The hand-checked values below come from reading the articles and the facts tables:

* *superior a 1018 fracasos* (article 001) is a lost exponent: 10^18 FLOP/s, one exaflop
  (``exascale_threshold_flops``); read literally, 1018 FLOP/s is 1.018e-15 of it;
* *130 billones de parámetros* (003) is 1.3e14 in the long scale, 1000 times GLM-130B's
  1.3e11 parameters (``glm130b_params``, the THUDM README);
* *más de 500 millones de euros* (000) is four times the federal ministry's €125M
  (``jupiter_funding_bmbf_eur``), the German government's share of JUPITER's budget;
* *17 estados miembros* (002) is 17/15 of the member states in the first seven AI Factories.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis import ledger
from helpers.inputs import claims, seeds


@pytest.fixture(scope="module")
def built() -> ledger.Ledger:
    return ledger.build()


def _row(built: ledger.Ledger, article: str, text: str) -> pd.Series:
    hits = built.rows[(built.rows["article"] == article) & (built.rows["text"] == text)]
    assert len(hits) == 1, f"{article}: {len(hits)} ledger rows read {text!r}"
    return hits.iloc[0]


def test_no_gaps_every_number_is_a_claim_or_excluded(built: ledger.Ledger) -> None:
    assert built.gaps.empty, built.gaps[["article", "text"]].to_string()
    # 26 quantities in the five articles (the gold files count the same): 22 in claims, 4 not.
    assert (len(built.rows), len(built.excluded)) == (22, 4)
    counts = ledger.accounting(built).pivot(index="article", columns="status", values="quantities")
    assert counts.loc["003"].to_dict() == {"excluded": 2, "gap": 0, "in a claim": 5}
    assert counts["in a claim"].sum() == 22 and counts["gap"].sum() == 0


def test_a_missing_exclusion_is_reported_as_a_gap(tmp_path: Path) -> None:
    source = ledger.load_exclusions()
    partial = source[source["text"] != "3"]
    path = tmp_path / "exclusions.csv"
    partial.to_csv(path, index=False)
    gaps = ledger.build(path).gaps
    assert gaps[["article", "text", "value", "unit"]].values.tolist() == [
        ["003", "3", 3.0, "count"]
    ]
    assert gaps.iloc[0]["sentence"].startswith("3 comentarios")


def test_every_exclusion_matches_a_number_of_its_article(built: ledger.Ledger) -> None:
    used = set(zip(built.excluded["article"], built.excluded["text"], strict=True))
    listed = set(
        zip(ledger.load_exclusions()["article"], ledger.load_exclusions()["text"], strict=True)
    )
    assert listed == used, f"stale exclusions: {listed - used}"


def test_every_quote_occurs_in_its_article() -> None:
    table = claims.load_claims()
    assert len(table) == 56
    for row in table.itertuples():
        assert str(row.quote) in seeds.article(str(row.article)), row.claim_id


def test_curated_factors_agree_with_the_recomputed_ratio(built: ledger.Ledger) -> None:
    table = ledger.claim_table(built)
    with_factor = table.dropna(subset=["factor"])
    assert sorted(with_factor["claim_id"]) == [
        "aif_seven_factories_17_states",
        "glm130b_parameters",
        "jupiter_amount_german_government",
    ]
    for row in with_factor.itertuples():
        assert not math.isnan(row.ratio), f"{row.claim_id}: no cited fact in the claimed unit"
        assert row.ratio == pytest.approx(row.factor, rel=0.01), row.claim_id


def test_lost_exponent_1018_fracasos(built: ledger.Ledger) -> None:
    row = _row(built, "001", "superior a 1018 fracasos")
    assert (row["value"], row["unit"], row["qualifier"]) == (1e18, "FLOP/s", "superior a")
    assert row["flag"].startswith("lost_exponent?: 10^18")
    assert (row["claim_id"], row["verdict"]) == ("exaflop_1018_fracasos", "garbled translation")
    assert row["ratio_fact"] == "exascale_threshold_flops"
    assert row["ratio"] == pytest.approx(1.018e-15)  # the literal 1018 FLOP/s
    assert row["reading_ratio"] == 1.0  # the pipeline's reading is exactly one exaflop


def test_130_billones_is_a_thousand_times_glm_130b(built: ledger.Ledger) -> None:
    row = _row(built, "003", "130 billones de parámetros")
    assert (row["value"], row["unit"]) == (1.3e14, "parameters")
    assert row["flag"].startswith("implausible?")
    assert (row["verdict"], row["ratio_fact"]) == ("garbled translation", "glm130b_params")
    assert row["ratio"] == pytest.approx(1000.0) and row["reading_ratio"] == pytest.approx(1000.0)
    wudao = _row(built, "003", "1.75 billones de parámetros")  # the same word, right this time
    assert (wudao["value"], wudao["verdict"], wudao["ratio"]) == (1.75e12, "consistent", 1.0)


def test_jupiter_budget_is_four_times_the_federal_share(built: ledger.Ledger) -> None:
    row = _row(built, "000", "más de 500 millones de euros")
    assert (row["value"], row["unit"], row["qualifier"]) == (5e8, "EUR", "más de")
    assert (row["verdict"], row["factor"], row["ratio_fact"]) == (
        "wrong",
        4.0,
        "jupiter_funding_bmbf_eur",
    )
    assert row["ratio"] == 4.0
    year = _row(built, "000", "2023")
    assert (year["unit"], year["claim_id"], year["verdict"]) == (
        "year",
        "jupiter_year_2023",
        "wrong",
    )


def test_only_the_stated_value_of_a_quote_is_divided(built: ledger.Ledger) -> None:
    seventeen = _row(built, "002", "17")
    seven = _row(built, "002", "siete")
    assert seventeen["reading_ratio"] == pytest.approx(17 / 15)
    assert math.isnan(seven["reading_ratio"])  # seven factories are not member states
    thirty = _row(built, "002", "30 veces más")  # 'times' as extracted, 'ratio' as claimed
    assert (thirty["unit"], thirty["reading_ratio"]) == ("times", 1.0)


def test_reference_picks_the_fact_that_supports_the_factor() -> None:
    facts = pd.DataFrame(
        {"value": [500.0, 125.0, 10.0], "unit": ["EUR", "EUR", "count"]},
        index=["total", "share", "other"],
    )
    claim = pd.Series(
        {
            "claimed_value": 500.0,
            "claimed_unit": "EUR",
            "fact_ids": "other; total;share",
            "factor": 4.0,
        }
    )
    assert ledger.reference(claim, facts) == ledger.Reference("share", 125.0, 4.0)
    no_factor = claim.copy()
    no_factor["factor"] = float("nan")
    assert ledger.reference(no_factor, facts) == ledger.Reference("total", 500.0, 1.0)
    # a factor no cited fact supports stays visible as a disagreeing ratio
    wrong = ledger.reference(claim.copy().replace({4.0: 3.0}), facts)
    assert (wrong.fact_id, wrong.ratio) == ("share", 4.0)
    none = ledger.reference(
        pd.Series(
            {"claimed_value": 1.0, "claimed_unit": "W", "fact_ids": "total", "factor": float("nan")}
        ),
        facts,
    )
    assert none.fact_id is None and math.isnan(none.ratio)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1.3e14, "parameters", "1.3 × 10¹⁴ parameters"),
        (1e18, "FLOP/s", "10¹⁸ FLOP/s"),
        (1.018e-15, "count", "1.02 × 10⁻¹⁵"),
        (5e8, "EUR", "5 × 10⁸ EUR"),
        (1116.0, "date", "16 November (no year given)"),
        (20231116.0, "date", "16 November 2023"),
        (2023.0, "year", "2023 (a year)"),
        (314000.0, "count", "314,000"),
        (100.0, "percent", "100 %"),
        (30.0, "times", "30 times"),
    ],
)
def test_format_value(value: float, unit: str, expected: str) -> None:
    assert ledger.format_value(value, unit) == expected


def test_claim_table_lists_every_claim_with_what_was_read(built: ledger.Ledger) -> None:
    table = ledger.claim_table(built)
    assert len(table) == 56 and table["claim_id"].is_unique
    assert table["n_quantities"].sum() == 22
    by_id = table.set_index("claim_id")
    assert by_id.loc["exaflop_1018_fracasos", "extracted"] == "10¹⁸ FLOP/s ⚠ lost_exponent?"
    assert by_id.loc["aif_seven_factories_17_states", "extracted"] == "7; 17"
    assert by_id.loc["glm130b_based_on_chatgpt3", "extracted"] == ""
    # article order, and within an article the order of the text
    assert table["article"].is_monotonic_increasing
    assert table.iloc[0]["claim_id"] == "jupiter_year_2023"
    md = ledger.markdown_table(table[table["claim_id"] == "glm130b_parameters"])
    assert (
        "«un modelo denso con 130 billones de parámetros»" in md
        and "**garbled translation** (×1,000)" in md
    )


def test_entity_pairs_by_sentence_and_article() -> None:
    ents = pd.DataFrame(
        {
            "article": ["001", "001", "001", "001", "002"],
            "sentence": ["s1", "s1", "s2", "s1", "t1"],
            "canonical": ["Mistral AI", "Google Cloud", "Mistral AI", "Twitter", "Google Cloud"],
            "label": ["ORG", "ORG", "ORG", "ORG", "ORG"],
            "text": ["Mistral AI", "Google Cloud", "Mistral AI", "Twitter", "Google Cloud"],
        }
    )
    pairs = ledger.entity_pairs(ents, labels=["ORG"], drop=["Twitter"])
    assert len(pairs) == 4  # one pair, both orders, two scopes
    sentence = pairs[(pairs["scope"] == "sentence") & (pairs["entity_a"] == "Google Cloud")].iloc[0]
    assert (sentence["entity_b"], sentence["together"], sentence["example"]) == (
        "Mistral AI",
        1,
        "s1",
    )
    article = pairs[(pairs["scope"] == "article") & (pairs["entity_a"] == "Mistral AI")].iloc[0]
    assert (article["together"], article["articles"]) == (1, "001")
    assert "Twitter" not in set(pairs["entity_a"])
