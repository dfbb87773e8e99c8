"""Precision and recall of :mod:`helpers.text` against hand-made gold annotations.

``data/gold/<seed-id>.json`` was written by reading each article, not by running the
extractor. The annotation rules, and how a quantity or an entity is matched, are in
``data/gold/README.md``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from helpers import text as T
from helpers.inputs.seeds import read_article
from helpers.paths import SEEDS
from helpers.text.gold import GOLD_DIR
from helpers.text.units import BASE_UNITS

SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def gold_of(seed_id: str) -> dict[str, Any]:
    with (GOLD_DIR / f"{seed_id}.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def test_every_seed_has_a_gold_file() -> None:
    assert len(SEED_IDS) == 5
    assert sorted(p.stem for p in GOLD_DIR.glob("*.json")) == SEED_IDS


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_gold_file_is_consistent_with_its_article(seed_id: str) -> None:
    """The gold is checked against the text itself, so a typo in it cannot go unnoticed."""
    gold = gold_of(seed_id)
    text = read_article(SEEDS / f"{seed_id}.txt")
    assert gold["seed"] == seed_id
    for q in gold["quantities"]:
        assert set(q) >= {"text", "value", "unit"}, q
        assert q["unit"] in BASE_UNITS, q
        assert isinstance(q["value"], int | float), q
        assert q["text"] in text, f"gold span not in the article: {q['text']!r}"
    for e in gold["entities"]:
        assert set(e) >= {"text", "label", "count"}, e
        assert e["label"] in T.ENTITY_LABELS, e
        # the article holds at least as many occurrences as the gold claims mentions
        assert text.count(e["text"]) >= e["count"], e


@pytest.fixture(scope="module")
def scores() -> dict[str, T.GoldScore]:
    totals = {"quantities": T.GoldScore.empty(), "entities": T.GoldScore.empty()}
    for seed_id in SEED_IDS:
        gold = gold_of(seed_id)
        result = T.analyse(read_article(SEEDS / f"{seed_id}.txt"))
        totals["quantities"] += T.score_against_gold(
            result.quantities, gold["quantities"], "quantities"
        )
        totals["entities"] += T.score_against_gold(result.entities, gold["entities"], "entities")
    return totals


def test_quantities_precision_and_recall(scores: dict[str, T.GoldScore]) -> None:
    s = scores["quantities"]
    assert s.gold >= 25
    assert s.precision >= 0.95, f"P={s.precision:.3f}; spurious: {s.spurious}"
    assert s.recall >= 0.95, f"R={s.recall:.3f}; missed: {s.missed}"


def test_entities_precision_and_recall(scores: dict[str, T.GoldScore]) -> None:
    s = scores["entities"]
    assert s.gold >= 100
    assert s.precision >= 0.90, f"P={s.precision:.3f}; spurious: {s.spurious}"
    assert s.recall >= 0.90, f"R={s.recall:.3f}; missed: {s.missed}"


def test_evaluate_against_gold_reports_the_same_figures(scores: dict[str, T.GoldScore]) -> None:
    table = T.evaluate_against_gold()
    assert set(table["article"]) == {*SEED_IDS, "all"}
    pooled = table[table["article"] == "all"].set_index("kind")
    for kind, score in scores.items():
        assert pooled.loc[kind, "precision"] == pytest.approx(score.precision)
        assert pooled.loc[kind, "recall"] == pytest.approx(score.recall)
        assert pooled.loc[kind, "gold"] == score.gold


def test_lost_exponent_in_seed_001_is_flagged() -> None:
    text = read_article(SEEDS / "001_f1c44d6456f0a48b.txt")
    df = T.extract_quantities(text)
    row = df[df["text"].str.contains("1018")].iloc[0]
    assert row["value"] == 1e18
    assert row["unit"] == "FLOP/s"
    assert row["flag"].startswith("lost_exponent?: 10^18")


def test_short_scale_mistranslation_in_seed_003_is_flagged() -> None:
    text = read_article(SEEDS / "003_11aa804954ae9b8c.txt")
    df = T.extract_quantities(text)
    flagged = df[df["flag"] != ""]
    assert flagged["text"].tolist() == ["130 billones de parámetros"]
    # the other "billones" (Wu Dao 2.0, 1.75e12) is right and is not flagged
    assert df[df["text"].str.startswith("1.75")]["value"].tolist() == [1.75e12]
