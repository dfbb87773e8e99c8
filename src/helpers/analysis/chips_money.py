"""Chips, money and self-reliance: the formulas and tables of the ``chips_money`` chapter.

Units, in base units throughout:

- throughput in FLOP/s (dense 16-bit peak), memory bandwidth in bytes/s, power (TDP) in W;
- training compute in FLOP, wall time in days, utilisation as a fraction of peak (0 to 1);
- money in the currency of its source (USD or EUR), converted to USD at a rate in
  US dollars per euro (the way the ECB quotes its reference rate).

The 16-bit peak of a chip is Epoch AI's *Tensor-FP16/BF16* figure where Epoch has one, and its
*FP16* figure otherwise: for the Chinese accelerators Epoch records only FP16, which for them is
the matrix-unit figure. Where a chip family has several variants in Epoch's data, or where a
curated fact gives another estimate, the family's range runs from the lowest to the highest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from helpers.analysis.compute import training_days
from helpers.analysis.currency import to_usd
from helpers.errors import DataError
from helpers.inputs.loaders import one_row

Origin = Literal["United States", "China"]
Group = Literal["nvidia", "huawei", "other_china"]

#: The metrics compared across chip families: (column in the chip table, unit, label).
METRICS: tuple[tuple[str, str, str], ...] = (
    ("peak_flops", "FLOP/s", "16-bit dense peak"),
    ("bandwidth_bytes_s", "bytes/s", "memory bandwidth"),
    ("tdp_w", "W", "power (TDP)"),
)

_HARDWARE_COLUMN = {"bandwidth_bytes_s": "memory_bandwidth_bytes_per_s", "tdp_w": "tdp_w"}


@dataclass(frozen=True)
class ChipFamily:
    """One accelerator family: its representative Epoch row, its variants and extra estimates."""

    label: str
    maker: str
    origin: Origin
    #: Which utilisation parameter applies to it.
    group: Group
    #: Epoch AI's hardware name of the chip whose figures are shown.
    representative: str
    #: Other Epoch rows of the same family (they widen the range, not the value).
    variants: tuple[str, ...] = ()
    #: Curated facts (ids in ``data/facts``) that widen the range, by metric column.
    facts: tuple[tuple[str, str], ...] = ()


#: The chips of the chapter: NVIDIA's flagship and its China variants, and Chinese chips.
FAMILIES: tuple[ChipFamily, ...] = (
    ChipFamily("NVIDIA B200", "NVIDIA", "United States", "nvidia", "NVIDIA B200"),
    ChipFamily("NVIDIA H100", "NVIDIA", "United States", "nvidia", "NVIDIA H100 SXM5 80GB"),
    ChipFamily("NVIDIA H800", "NVIDIA", "United States", "nvidia", "NVIDIA H800 SXM5"),
    ChipFamily("NVIDIA H20", "NVIDIA", "United States", "nvidia", "NVIDIA HGX H20"),
    ChipFamily(
        "Huawei Ascend 910C",
        "Huawei",
        "China",
        "huawei",
        "Huawei Ascend 910C",
        facts=(
            ("peak_flops", "ascend910c_fp16_flops"),
            ("bandwidth_bytes_s", "ascend910c_mem_bw_bytes_s"),
        ),
    ),
    ChipFamily(
        "Huawei Ascend 910B",
        "Huawei",
        "China",
        "huawei",
        "Huawei Ascend 910B",
        variants=(
            "Huawei Ascend 910B Pro",
            "Huawei Ascend 910B1 (v1)",
            "Huawei Ascend 910B2",
            "Huawei Ascend 910B3",
            "Huawei Ascend 910B4",
        ),
        facts=(
            ("peak_flops", "ascend910b_fp16_flops"),
            ("bandwidth_bytes_s", "ascend910b_mem_bw_bytes_s"),
        ),
    ),
    ChipFamily("Cambricon Siyuan 590", "Cambricon", "China", "other_china", "Cambricon Siyuan 590"),
    ChipFamily("Cambricon MLU370-X8", "Cambricon", "China", "other_china", "Cambricon MLU370-X8"),
    ChipFamily(
        "Kunlunxin R200 / RG800",
        "Kunlunxin (Baidu)",
        "China",
        "other_china",
        "Baidu Kunlun RG800",
        variants=("Baidu Kunlun R200 (150W)", "Baidu Kunlun R200-8F (160W)"),
    ),
    ChipFamily("Moore Threads MTT S4000", "Moore Threads", "China", "other_china", "MTT S4000"),
)


def peak_16bit(row: pd.Series) -> tuple[float, str]:
    """A chip's dense 16-bit peak (FLOP/s) and the Epoch column it comes from.

    ``bf16_flops`` (Tensor-FP16/BF16) where present, else ``fp16_flops``; NaN if neither.
    """
    for column in ("bf16_flops", "fp16_flops"):
        value = row.get(column)
        if value is not None and pd.notna(value) and float(value) > 0:
            return float(value), column
    return math.nan, ""


def _hardware_row(hardware: pd.DataFrame, name: str) -> pd.Series:
    return one_row(hardware, "name", name, "Epoch ML hardware")


def _metric(row: pd.Series, column: str) -> float:
    if column == "peak_flops":
        return peak_16bit(row)[0]
    value = row[_HARDWARE_COLUMN[column]]
    return float(value) if pd.notna(value) else math.nan


def _fact_bounds(facts_table: pd.DataFrame, fact_id: str) -> list[float]:
    if fact_id not in facts_table.index:
        raise DataError(f"data/facts: no fact {fact_id!r}")
    row = facts_table.loc[fact_id]
    return [float(v) for v in (row["value"], row["value_low"], row["value_high"]) if pd.notna(v)]


def chip_table(
    hardware: pd.DataFrame, facts_table: pd.DataFrame, families: tuple[ChipFamily, ...] = FAMILIES
) -> pd.DataFrame:
    """One row per chip family: the representative chip's figures and each metric's range.

    For each metric in :data:`METRICS` the columns are ``<metric>`` (the representative Epoch
    row), ``<metric>_low`` and ``<metric>_high`` (the extremes over the family's Epoch rows and
    the curated facts, in the same unit) and ``<metric>_sources`` (how many figures the range
    spans). ``peak_column`` says which Epoch column the peak comes from. Sorted by origin
    (United States first), then by peak, largest first.
    """
    records = []
    for fam in families:
        rep = _hardware_row(hardware, fam.representative)
        rows = [rep] + [_hardware_row(hardware, name) for name in fam.variants]
        record: dict[str, object] = {
            "family": fam.label,
            "maker": fam.maker,
            "origin": fam.origin,
            "group": fam.group,
            "representative": fam.representative,
            "release_date": rep["release_date"],
            "peak_column": peak_16bit(rep)[1],
        }
        for column, _unit, _label in METRICS:
            values = [_metric(r, column) for r in rows]
            for metric, fact_id in fam.facts:
                if metric == column:
                    values += _fact_bounds(facts_table, fact_id)
            known = [v for v in values if not math.isnan(v)]
            record[column] = _metric(rep, column)
            record[f"{column}_low"] = min(known) if known else math.nan
            record[f"{column}_high"] = max(known) if known else math.nan
            record[f"{column}_sources"] = len(set(known))
        records.append(record)
    table = pd.DataFrame.from_records(records)
    table["origin_order"] = (table["origin"] != "United States").astype(int)
    table = table.sort_values(
        ["origin_order", "peak_flops", "family"], ascending=[True, False, True]
    )
    return table.drop(columns="origin_order").reset_index(drop=True)


def chip_long(table: pd.DataFrame) -> pd.DataFrame:
    """The chip table in long form for a chart: one row per family and metric.

    Columns ``family``, ``origin``, ``metric`` (label), ``value``, ``low``, ``high`` in display
    units (TFLOP/s, TB/s, W) and ``has_range`` (True where low and high differ).
    """
    scale = {"peak_flops": 1e12, "bandwidth_bytes_s": 1e12, "tdp_w": 1.0}
    label = {
        "peak_flops": "16-bit dense peak (TFLOP/s)",
        "bandwidth_bytes_s": "Memory bandwidth (TB/s)",
        "tdp_w": "Power, TDP (W)",
    }
    frames = []
    for column, _unit, _label in METRICS:
        part = table[["family", "maker", "origin", "representative"]].copy()
        part["metric"] = label[column]
        part["value"] = table[column] / scale[column]
        part["low"] = table[f"{column}_low"] / scale[column]
        part["high"] = table[f"{column}_high"] / scale[column]
        part["has_range"] = (part["high"] - part["low"]).abs() > 1e-9 * part["high"].abs()
        frames.append(part)
    return pd.concat(frames, ignore_index=True)


@dataclass(frozen=True)
class ReferenceRun:
    """A training run taken as the reference, from Epoch AI's model data."""

    model: str
    #: Training compute (FLOP) in the Notable AI Models data.
    flop: float
    #: Lowest and highest training compute across Epoch's two model datasets (FLOP).
    flop_low: float
    flop_high: float
    organization: str
    hardware: str
    chips: float
    #: Epoch's estimate of the run's model FLOP utilisation (fraction), NaN if none.
    mfu: float


def reference_run(notable: pd.DataFrame, large_scale: pd.DataFrame, model: str) -> ReferenceRun:
    """The training compute of ``model`` from Epoch's notable models, with the range across
    the notable and the large-scale datasets (their snapshots can disagree)."""
    hits = notable[notable["model"] == model]
    if len(hits) != 1 or pd.isna(hits.iloc[0]["training_flop"]):
        raise DataError(f"Epoch notable models: expected one model {model!r} with training compute")
    row = hits.iloc[0]
    values = [float(row["training_flop"])]
    other = large_scale[(large_scale["model"] == model) & large_scale["training_flop"].notna()]
    values += [float(v) for v in other["training_flop"]]
    return ReferenceRun(
        model=model,
        flop=float(row["training_flop"]),
        flop_low=min(values),
        flop_high=max(values),
        organization=str(row["organization"]),
        hardware=str(row["training_hardware"]) if pd.notna(row["training_hardware"]) else "",
        chips=float(row["hardware_quantity"]) if pd.notna(row["hardware_quantity"]) else math.nan,
        mfu=float(row["mfu"]) if pd.notna(row["mfu"]) else math.nan,
    )


def wall_days_from_gpu_hours(gpu_hours: float, chips: float) -> float:
    """Wall-clock days of a run that used ``gpu_hours`` spread evenly over ``chips`` chips."""
    if not (gpu_hours > 0 and chips > 0):
        raise ValueError(f"gpu_hours and chips must be positive, got {gpu_hours!r}, {chips!r}")
    return gpu_hours / chips / 24.0


def days_table(
    chips: pd.DataFrame, run: ReferenceRun, n_chips: int, utilisation: dict[str, float]
) -> pd.DataFrame:
    """Days to spend ``run``'s training compute on ``n_chips`` chips of each family.

    ``utilisation`` maps each family's group (``nvidia``, ``huawei``, ``other_china``) to the
    fraction of the 16-bit peak it sustains. ``days`` uses the representative peak and the
    reference compute; ``days_low`` the family's highest peak and the lowest compute,
    ``days_high`` the lowest peak and the highest compute. ``vs_fastest`` is days over the
    fewest days in the table. Sorted by days.
    """
    rows = chips.dropna(subset=["peak_flops"]).copy()
    rows["utilisation"] = rows["group"].map(utilisation)
    if rows["utilisation"].isna().any():
        missing = sorted(set(rows.loc[rows["utilisation"].isna(), "group"]))
        raise ValueError(f"no utilisation given for group(s) {missing}")
    rows["days"] = [
        training_days(run.flop, n_chips, p, u)
        for p, u in zip(rows["peak_flops"], rows["utilisation"], strict=True)
    ]
    rows["days_low"] = [
        training_days(run.flop_low, n_chips, p, u)
        for p, u in zip(rows["peak_flops_high"], rows["utilisation"], strict=True)
    ]
    rows["days_high"] = [
        training_days(run.flop_high, n_chips, p, u)
        for p, u in zip(rows["peak_flops_low"], rows["utilisation"], strict=True)
    ]
    rows["vs_fastest"] = rows["days"] / rows["days"].min()
    keep = [
        "family",
        "maker",
        "origin",
        "group",
        "peak_flops",
        "peak_flops_low",
        "peak_flops_high",
        "utilisation",
        "days",
        "days_low",
        "days_high",
        "vs_fastest",
    ]
    return rows[keep].sort_values(["days", "family"]).reset_index(drop=True)


#: Utilisations a chart of training days draws its curves through: no step more than 25 % up
#: on the one before, so a straight segment misses the curve ``1/u`` by under 1 % of its value.
UTILISATION_GRID = np.array(
    [
        0.05,
        0.06,
        0.07,
        0.08,
        0.09,
        0.10,
        0.12,
        0.14,
        0.16,
        0.18,
        0.20,
        0.25,
        0.30,
        0.35,
        0.40,
        0.45,
        0.50,
        0.60,
        0.70,
        0.80,
    ]
)


def days_curve(
    chips: pd.DataFrame, flop: float, n_chips: int, utilisations: np.ndarray | None = None
) -> pd.DataFrame:
    """Days to spend ``flop`` on ``n_chips`` chips of each family, over a grid of utilisations.

    The default grid, :data:`UTILISATION_GRID`, runs from 0.05 to 0.80 (fractions of the 16-bit
    peak) in round steps that grow with the utilisation, since days fall as its inverse: the
    straight lines a chart draws between its points stay within 1 % of the curve.
    Columns: ``family``, ``origin``, ``utilisation``, ``days``.
    """
    grid = UTILISATION_GRID if utilisations is None else utilisations
    rows = chips.dropna(subset=["peak_flops"])
    records = [
        {
            "family": fam,
            "origin": origin,
            "utilisation": float(u),
            "days": training_days(flop, n_chips, peak, float(u)),
        }
        for fam, origin, peak in zip(
            rows["family"], rows["origin"], rows["peak_flops"], strict=True
        )
        for u in grid
    ]
    return pd.DataFrame.from_records(records)


def orders_of_magnitude(larger: float, smaller: float) -> float:
    """How many powers of ten ``larger`` is above ``smaller`` (log10 of their ratio)."""
    if not (larger > 0 and smaller > 0):
        raise ValueError(f"both amounts must be positive, got {larger!r}, {smaller!r}")
    return math.log10(larger / smaller)


@dataclass(frozen=True)
class MoneyItem:
    """One amount of money on the chapter's common scale, read from a fact."""

    fact_id: str
    label: str
    #: "The article's stories" or "Reference points".
    group: str
    #: True where the amount's link to the article is uncertain (the RISC-V start-up).
    uncertain: bool = False


ARTICLE = "The article's stories"
REFERENCE = "Reference points"

#: The amounts on the money chart, from the smallest story to the largest programme.
MONEY_ITEMS: tuple[MoneyItem, ...] = (
    MoneyItem(
        "deepseek_r1_training_cost_usd",
        "DeepSeek-R1: reported cost of its reasoning training",
        REFERENCE,
    ),
    MoneyItem(
        "deepseek_v3_cost_usd", "DeepSeek-V3: final training run at $2 per GPU-hour", REFERENCE
    ),
    MoneyItem(
        "oxmiq_seed_usd",
        "Oxmiq Labs seed round (likely the RISC-V start-up; uncertain)",
        ARTICLE,
        uncertain=True,
    ),
    MoneyItem("nsf_nvidia_total_usd", "NSF and NVIDIA: OMAI project (Ai2)", ARTICLE),
    MoneyItem(
        "jupiter_budget_total_eur",
        "JUPITER: total budget incl. about six years of operation",
        REFERENCE,
    ),
    MoneyItem(
        "aif_total_commitment_eur", "EU AI Factories and Antennas: total commitment", REFERENCE
    ),
    MoneyItem("nvidia_h20_charge_usd", "NVIDIA: charge for H20 chips it could not ship", REFERENCE),
    MoneyItem("intel_stake_usd", "US government: stake in Intel", ARTICLE),
    MoneyItem("nvidia_h20_revenue_2024_usd", "NVIDIA: estimated H20 revenue in 2024", REFERENCE),
    MoneyItem("gigafactory_fund_eur", "InvestAI: fund for AI gigafactories", REFERENCE),
    MoneyItem("investai_total_eur", "InvestAI: total to be mobilised", REFERENCE),
)


def money_table(
    facts_table: pd.DataFrame, usd_per_eur: float, items: tuple[MoneyItem, ...] = MONEY_ITEMS
) -> pd.DataFrame:
    """The amounts of :data:`MONEY_ITEMS` on one scale, in US dollars.

    Columns: ``label``, ``group``, ``uncertain``, ``fact_id``, ``currency`` (USD or EUR),
    ``amount``/``low``/``high`` in that currency (low and high equal the amount where the
    source gives no range), ``usd``/``usd_low``/``usd_high`` converted at ``usd_per_eur``
    (USD per EUR), ``as_of`` (ISO date of the figure), ``source_title``, ``source_url``,
    ``source_date``. Sorted by ``usd``, smallest first.
    """
    records = []
    for item in items:
        if item.fact_id not in facts_table.index:
            raise DataError(f"data/facts: no fact {item.fact_id!r}")
        row = facts_table.loc[item.fact_id]
        currency = str(row["unit"])
        amount = float(row["value"])
        low = float(row["value_low"]) if pd.notna(row["value_low"]) else amount
        high = float(row["value_high"]) if pd.notna(row["value_high"]) else amount
        records.append(
            {
                "label": item.label,
                "group": item.group,
                "uncertain": item.uncertain,
                "fact_id": item.fact_id,
                "currency": currency,
                "amount": amount,
                "low": low,
                "high": high,
                "usd": to_usd(amount, currency, usd_per_eur),
                "usd_low": to_usd(low, currency, usd_per_eur),
                "usd_high": to_usd(high, currency, usd_per_eur),
                "as_of": str(row["as_of"]),
                "source_title": str(row["source_title"]),
                "source_url": str(row["source_url"]),
                "source_date": str(row["source_date"]),
            }
        )
    table = pd.DataFrame.from_records(records)
    return table.sort_values(["usd", "label"]).reset_index(drop=True)


def days_between(earlier: str, later: str) -> int:
    """Whole days from ISO date ``earlier`` to ISO date ``later``."""
    return int((pd.Timestamp(later) - pd.Timestamp(earlier)).days)
