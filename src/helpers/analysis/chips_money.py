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

Why this module is long: it holds the chapter's chip table, its training-days model, its money
table and the key-figures function that strings them together (:func:`key_figures`, with its
inputs and memoised parts); the function reads best beside the formulas it calls.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from helpers.analysis.compute import implied_utilisation, training_days
from helpers.analysis.currency import to_usd
from helpers.analysis.keyfigures import KeyFigures, figure
from helpers.errors import DataError
from helpers.inputs import claims, loaders, seeds
from helpers.inputs.facts import Fact, fact, load_events, load_facts
from helpers.inputs.loaders import one_row
from helpers.params import ChipsMoney

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


# --- The chapter's key figures: inputs loaded once, then a pure function of the parameters ---


@dataclass(frozen=True, eq=False)
class Inputs:
    """What the chapter's key figures are computed from (:func:`load_inputs`); compared and
    hashed by identity, so :func:`_fixed` runs once per ``Inputs``."""

    hardware: pd.DataFrame
    facts_table: pd.DataFrame
    notable: pd.DataFrame
    large_scale: pd.DataFrame
    events: pd.DataFrame
    #: The chapter's curated claims.
    ledger: pd.DataFrame
    #: The date of the article (the podcast), from the seeds' index.
    article_date: str
    facts: dict[str, Fact]


#: The facts the key figures read.
FACT_IDS = ("deepseek_v3_gpu_hours",)


def load_inputs() -> Inputs:
    """Read the datasets, facts, events and claims of the chapter."""
    return Inputs(
        hardware=loaders.load_ml_hardware(),
        facts_table=load_facts(),
        notable=loaders.load_notable_models(),
        large_scale=loaders.load_large_scale_models(),
        events=load_events(),
        ledger=claims.for_chapter("chips_money"),
        article_date=str(seeds.index().loc["004", "approx_date"]),
        facts={i: fact(i) for i in FACT_IDS},
    )


@dataclass(frozen=True)
class _Fixed:
    """What the key figures take from the inputs alone."""

    #: Per chip family with a peak: its name, group and 16-bit dense peak (FLOP/s).
    families: tuple[tuple[str, str, float], ...]
    #: DeepSeek-V3's implied utilisation of the H800's peak.
    implied: float
    podcast_to_stake: int
    #: The money table's amounts with their currencies, by fact id.
    amounts: dict[str, tuple[float, str]]


@functools.lru_cache(maxsize=4)
def _fixed(inputs: Inputs) -> _Fixed:
    chips = chip_table(inputs.hardware, inputs.facts_table).dropna(subset=["peak_flops"])
    v3 = reference_run(inputs.notable, inputs.large_scale, "DeepSeek-V3")
    peak = chips.set_index("family")["peak_flops"]
    intel = inputs.events.set_index("event_id").loc["intel_stake", "date"]
    money = money_table(inputs.facts_table, usd_per_eur=1.0)
    return _Fixed(
        families=tuple(
            (str(f), str(g), float(p))
            for f, g, p in zip(chips["family"], chips["group"], chips["peak_flops"], strict=True)
        ),
        implied=implied_utilisation(
            v3.flop, inputs.facts["deepseek_v3_gpu_hours"].value, float(peak["NVIDIA H800"])
        ),
        podcast_to_stake=days_between(inputs.article_date, f"{intel:%Y-%m-%d}"),
        amounts={
            str(i): (float(a), str(c))
            for i, a, c in zip(money["fact_id"], money["amount"], money["currency"], strict=True)
        },
    )


@functools.lru_cache(maxsize=16)
def _run(inputs: Inputs, model: str) -> ReferenceRun:
    return reference_run(inputs.notable, inputs.large_scale, model)


def key_figures(params: ChipsMoney, inputs: Inputs) -> KeyFigures:
    """The chapter's key figures (the table nbval checks), from its parameters and inputs.

    Written for speed (the sensitivity analysis calls it thousands of times): what the inputs
    alone decide is memoised, and the rest is the arithmetic of :func:`days_table` and
    :func:`money_table` on the rows the key figures need.
    """
    fixed = _fixed(inputs)
    peak = {family: p for family, _, p in fixed.families}
    implied, podcast_to_stake = fixed.implied, fixed.podcast_to_stake
    run = _run(inputs, params.reference_model)
    utilisation = {
        "nvidia": params.utilisation_nvidia,
        "huawei": params.utilisation_huawei,
        "other_china": params.utilisation_other_china,
    }
    days = {
        family: training_days(run.flop, params.n_chips, p, utilisation[group])
        for family, group, p in fixed.families
    }
    usd = {i: to_usd(a, c, params.usd_per_eur) for i, (a, c) in fixed.amounts.items()}
    rows = [
        ("peak_910c", "Ascend 910C 16-bit dense peak", peak["Huawei Ascend 910C"] / 1e12, "TFLOP/s"),
        ("peak_910b", "Ascend 910B 16-bit dense peak", peak["Huawei Ascend 910B"] / 1e12, "TFLOP/s"),
        ("peak_h800", "H800 16-bit dense peak", peak["NVIDIA H800"] / 1e12, "TFLOP/s"),
        ("reference_flop", "Reference training compute", run.flop / 1e24, "1e24 FLOP"),
        ("implied_utilisation", "DeepSeek-V3 implied utilisation (H800)", 100 * implied, "%"),
        ("days_h800", "Days on H800", days["NVIDIA H800"], "days"),
        ("days_910c", "Days on Ascend 910C", days["Huawei Ascend 910C"], "days"),
        ("days_910b", "Days on Ascend 910B", days["Huawei Ascend 910B"], "days"),
        ("days_h20", "Days on H20", days["NVIDIA H20"], "days"),
        ("intel_stake", "US stake in Intel", usd["intel_stake_usd"] / 1e9, "USD bn"),
        ("jupiter_usd", "JUPITER budget in dollars", usd["jupiter_budget_total_eur"] / 1e6, "USD M"),
        ("money_span", "Money span", orders_of_magnitude(max(usd.values()), min(usd.values())), "orders"),
        ("podcast_to_stake", "Days from podcast to Intel stake", podcast_to_stake, "days"),
        ("claims_consistent", "Claims consistent",
         int((inputs.ledger["verdict"] == "consistent").sum()), "count"),
    ]  # fmt: skip
    return KeyFigures("chips_money", [figure(*row) for row in rows])
