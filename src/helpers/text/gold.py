"""Scoring the pipeline against the hand-made gold annotations in ``data/gold/``.

Each seed article has a gold file, written by reading the article, not by running the pipeline;
``data/gold/README.md`` holds the annotation rules. :func:`score_against_gold` matches one
article's predictions with its gold list; :func:`evaluate_against_gold` does it for every
seed and pools the counts, which is the figure the book reports for the extractor.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

import pandas as pd

from helpers.inputs import seeds
from helpers.paths import DATA, SEEDS
from helpers.text.pipeline import analyse

__all__ = ["GOLD_DIR", "GoldScore", "evaluate_against_gold", "load_gold", "score_against_gold"]

#: Where the gold files live (one JSON per seed; the rules are in its README.md).
GOLD_DIR: Final[Path] = DATA / "gold"


def load_gold(seed_id: str, gold_dir: Path = GOLD_DIR) -> dict[str, Any]:
    """The gold annotations of one seed (``{"quantities": [...], "entities": [...]}``)."""
    with (gold_dir / f"{seed_id}.json").open(encoding="utf-8") as fh:
        gold: dict[str, Any] = json.load(fh)
    return gold


@dataclass(frozen=True)
class GoldScore:
    """Precision and recall of predictions against gold, with the counts behind them.

    Unpacks as ``precision, recall = score``; scores of several articles add up
    (``sum(scores, GoldScore.empty())``) by pooling the counts (micro-average).
    """

    true_positives: int
    predicted: int
    gold: int
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        """Share of predictions that match a gold item (1.0 when nothing was predicted)."""
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of gold items that were predicted (1.0 when the gold is empty)."""
        return self.true_positives / self.gold if self.gold else 1.0

    def __iter__(self) -> Iterator[float]:
        return iter((self.precision, self.recall))

    def __add__(self, other: GoldScore) -> GoldScore:
        return GoldScore(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.missed + other.missed,
            self.spurious + other.spurious,
        )

    @staticmethod
    def empty() -> GoldScore:
        """The neutral element for ``sum``."""
        return GoldScore(0, 0, 0)


#: How close a found value must be to the annotated one to count as the same (relative).
VALUE_TOLERANCE = 0.005


def score_against_gold(
    pred_df: pd.DataFrame,
    gold_list: Sequence[Mapping[str, Any]],
    kind: Literal["quantities", "entities"],
    rel_tol: float = VALUE_TOLERANCE,
) -> GoldScore:
    """Precision/recall of one article's predictions against its gold list.

    Quantities match when the unit is the same and the value is within ``rel_tol`` (0.5 %);
    entities match on identical text and label. Both are matched as multisets (each gold
    item at most once). Gold entity items may carry ``count`` for repeated mentions.
    """
    if kind == "entities":
        pred = Counter(zip(pred_df["text"].astype(str), pred_df["label"].astype(str), strict=True))
        gold = Counter[tuple[str, str]]()
        for item in gold_list:
            gold[(str(item["text"]), str(item["label"]))] += int(item.get("count", 1))
        tp = sum((pred & gold).values())
        missed = tuple(f"{t} [{lab}]" for (t, lab), c in (gold - pred).items() for _ in range(c))
        spurious = tuple(f"{t} [{lab}]" for (t, lab), c in (pred - gold).items() for _ in range(c))
        return GoldScore(tp, sum(pred.values()), sum(gold.values()), missed, spurious)
    if kind != "quantities":
        raise ValueError(f"kind must be 'quantities' or 'entities', not {kind!r}")
    preds = list(
        zip(
            pred_df["value"].astype(float),
            pred_df["unit"].astype(str),
            pred_df["text"].astype(str),
            strict=True,
        )
    )
    used = [False] * len(preds)
    tp = 0
    missed_q: list[str] = []
    for item in gold_list:
        gv, gu = float(item["value"]), str(item["unit"])
        best, best_err = -1, math.inf
        for i, (pv, pu, _) in enumerate(preds):
            if used[i] or pu != gu:
                continue
            err = abs(pv - gv) / abs(gv) if gv else abs(pv)
            if err <= rel_tol and err < best_err:
                best, best_err = i, err
        if best >= 0:
            used[best] = True
            tp += 1
        else:
            missed_q.append(f"{item.get('text', '')} = {gv:g} {gu}")
    spurious_q = tuple(
        f"{t} = {v:g} {u}" for (v, u, t), ok in zip(preds, used, strict=True) if not ok
    )
    return GoldScore(tp, len(preds), len(gold_list), tuple(missed_q), spurious_q)


def evaluate_against_gold(seeds_dir: Path = SEEDS, gold_dir: Path = GOLD_DIR) -> pd.DataFrame:
    """Precision and recall on every seed with a gold file, per article and pooled.

    One row per (article, kind) with ``true_positives``, ``predicted``, ``gold``,
    ``precision``, ``recall``; the rows with ``article == "all"`` pool the counts over the
    articles (micro-average). This is the figure the book reports for the extractor.
    """
    records: list[dict[str, Any]] = []
    total_q = total_e = GoldScore.empty()
    for gold_path in sorted(gold_dir.glob("*.json")):
        seed_id = gold_path.stem
        gold = load_gold(seed_id, gold_dir)
        result = analyse(seeds.read_article(seeds_dir / f"{seed_id}.txt"))
        score_q = score_against_gold(result.quantities, gold["quantities"], "quantities")
        score_e = score_against_gold(result.entities, gold["entities"], "entities")
        total_q, total_e = total_q + score_q, total_e + score_e
        records += [
            _score_record(seed_id, "quantities", score_q),
            _score_record(seed_id, "entities", score_e),
        ]
    records += [
        _score_record("all", "quantities", total_q),
        _score_record("all", "entities", total_e),
    ]
    return pd.DataFrame.from_records(records)


def _score_record(article: str, kind: str, score: GoldScore) -> dict[str, Any]:
    return {
        "article": article,
        "kind": kind,
        "true_positives": score.true_positives,
        "predicted": score.predicted,
        "gold": score.gold,
        "precision": score.precision,
        "recall": score.recall,
    }
