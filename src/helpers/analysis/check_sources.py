"""The sources a number of an article may be about: facts, events and dataset rows in one table.

:func:`sources` is one frame (columns :data:`SOURCE_COLUMNS`) of every value the book holds a
source for: the curated facts (``data/facts``), the dated events (``data/events``, a year and a
date each), and the rows of Epoch AI's notable models, GPU clusters and ML hardware and of the
TOP500 list. :data:`DATASET_COLUMNS` says which column of each dataset counts in which unit.
Every row keeps its value, its unit family and its value in the family's base unit
(:func:`helpers.analysis.check_units.family`), its range (facts only) and its provenance
(``source_url``, ``source_date``, ``as_of``). :func:`positions` finds a source's row by its id.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Final

import pandas as pd

from helpers.analysis.check_units import family
from helpers.inputs import datasets, loaders
from helpers.inputs.facts import load_events, load_facts

#: Dataset key -> (loader, name column, [(column, unit, what it is)]).
DATASET_COLUMNS: Final[dict[str, tuple[str, str, list[tuple[str, str, str]]]]] = {
    "notable_models": (
        "load_notable_models",
        "model",
        [
            ("parameters", "parameters", "parameters"),
            ("training_flop", "FLOP", "training compute"),
            ("dataset_size", "tokens", "training dataset size"),
            ("hardware_quantity", "chips", "training chips"),
            ("training_hours", "hours", "training time"),
            ("publication_date", "year", "publication year"),
        ],
    ),
    "gpu_clusters": (
        "load_gpu_clusters",
        "name",
        [
            ("chips", "chips", "chips"),
            ("h100e", "GPUs", "H100 equivalents"),
            ("power_w", "W", "power capacity"),
            ("bf16_flops", "FLOP/s", "16-bit peak"),
        ],
    ),
    "ml_hardware": (
        "load_ml_hardware",
        "name",
        [
            ("bf16_flops", "FLOP/s", "16-bit tensor peak"),
            ("fp8_flops", "FLOP/s", "FP8 peak"),
            ("fp4_flops", "FLOP/s", "FP4 peak"),
            ("fp64_flops", "FLOP/s", "FP64 peak"),
            ("fp32_flops", "FLOP/s", "FP32 peak"),
            ("int8_ops", "OP/s", "INT8 peak"),
            ("memory_bytes", "bytes", "memory"),
            ("memory_bandwidth_bytes_per_s", "bytes/s", "memory bandwidth"),
            ("tdp_w", "W", "TDP"),
            ("price_usd", "USD", "release price"),
            ("release_date", "year", "release year"),
        ],
    ),
    "top500": (
        "load_top500",
        "name",
        [
            ("rmax_flops", "FLOP/s", "HPL Rmax"),
            ("rpeak_flops", "FLOP/s", "Rpeak"),
            ("power_w", "W", "power"),
            ("rank", "rank", "TOP500 rank"),
            ("efficiency_flops_per_w", "FLOP/s/W", "energy efficiency"),
        ],
    ),
}
#: What a source's ``kind`` says, for the tables.
KIND_FACT, KIND_EVENT = "fact", "event"

SOURCE_COLUMNS: Final[list[str]] = [
    "kind",
    "source_id",
    "chapter",
    "name",
    "quantity",
    "value",
    "unit",
    "family",
    "base",
    "base_low",
    "base_high",
    "source_url",
    "source_date",
    "source_last_seen",
    "as_of",
]


def _fact_rows() -> pd.DataFrame:
    facts = load_facts().reset_index(drop=True)
    fam = [family(u, v) for u, v in zip(facts["unit"], facts["value"], strict=True)]

    def bound(col: str) -> list[float]:
        return [
            math.nan if pd.isna(b) else family(u, float(b))[1]
            for u, b in zip(facts["unit"], facts[col], strict=True)
        ]

    return pd.DataFrame(
        {
            "kind": KIND_FACT,
            "source_id": facts["fact_id"],
            "chapter": facts["chapter"],
            "name": facts["subject"],
            "quantity": facts["quantity"],
            "value": facts["value"].astype(float),
            "unit": facts["unit"],
            "family": [f for f, _ in fam],
            "base": [b for _, b in fam],
            "base_low": bound("value_low"),
            "base_high": bound("value_high"),
            "source_url": facts["source_url"],
            "source_date": facts["source_date"],
            "source_last_seen": facts["source_last_seen"],
            "as_of": facts["as_of"].astype(str),
        }
    )


def _event_rows() -> pd.DataFrame:
    events = load_events()
    common = {
        "kind": KIND_EVENT,
        "source_id": events["event_id"],
        "chapter": events["chapter"],
        "name": events["title"],
        "unit": "year",
        "base_low": math.nan,
        "base_high": math.nan,
        "source_url": events["source_url"],
        "source_date": events["source_date"],
        "source_last_seen": events["source_last_seen"],
        "as_of": events["date"].dt.strftime("%Y-%m-%d"),
    }
    years = events["date"].dt.year.astype(float)
    dates = (events["date"].dt.year * 10_000 + events["date"].dt.month * 100).astype(float)
    dates += events["date"].dt.day
    return pd.concat(
        [
            pd.DataFrame(
                {**common, "quantity": "year of the event", "value": years, "family": "year"}
                | {"base": years}
            ),
            pd.DataFrame(
                {**common, "quantity": "date of the event", "value": dates, "family": "date"}
                | {"unit": "date", "base": dates}
            ),
        ],
        ignore_index=True,
    )


def _dataset_rows(key: str) -> pd.DataFrame:
    loader, name_col, columns = DATASET_COLUMNS[key]
    table = getattr(loaders, loader)()
    info = datasets.DATASETS[key]
    frames = []
    for column, unit, what in columns:
        if column not in table.columns:
            continue
        values = table[column]
        if unit == "year":
            values = pd.to_datetime(values, errors="coerce").dt.year
        values = pd.to_numeric(values, errors="coerce")
        keep = values.notna() & (values > 0) & table[name_col].notna()
        rows = table[keep]
        vals = values[keep].astype(float)
        fam, factor = family(unit, 1.0)
        frames.append(
            pd.DataFrame(
                {
                    "kind": info.title
                    if info.title.startswith(info.publisher)
                    else f"{info.publisher} {info.title}",
                    "source_id": key + ":" + rows[name_col].astype(str) + ":" + column,
                    "chapter": "",
                    "name": rows[name_col].astype(str),
                    "quantity": what,
                    "value": vals,
                    "unit": unit,
                    "family": fam,
                    "base": vals * factor,
                    "base_low": math.nan,
                    "base_high": math.nan,
                    "source_url": info.canonical_url,
                    "source_date": info.snapshot_date,
                    "source_last_seen": None,
                    "as_of": info.snapshot_date,
                }
            )
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=SOURCE_COLUMNS)


@cache
def sources() -> pd.DataFrame:
    """Every source a quantity may be about: facts, events and the four datasets' rows, one
    row per value (columns :data:`SOURCE_COLUMNS`; ``base`` is the value in its family's base
    unit). Facts come first, in the order of their files, so ties keep that order."""
    parts = [_fact_rows(), _event_rows(), *(_dataset_rows(k) for k in DATASET_COLUMNS)]
    table = pd.concat(parts, ignore_index=True)[SOURCE_COLUMNS]
    return table[table["base"] > 0].reset_index(drop=True)


@cache
def positions() -> dict[str, int]:
    """Source id -> its row in :func:`sources` (the first, for an event's two rows)."""
    ids = sources()["source_id"].tolist()
    return {sid: i for i, sid in reversed(list(enumerate(ids)))}
