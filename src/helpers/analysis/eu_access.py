"""Capacity against demand: what EuroHPC's GPU systems could give AI start-ups in a year.

Units, throughout: accelerators (count), hours, GPU-hours (one accelerator for one hour),
FLOP (an amount of work), FLOP/s (a speed, 16-bit dense peak unless said otherwise), USD,
and fractions (0 to 1) for shares and utilisation.

The model is deliberately simple and every step is a function here:

- a system gives ``chips × 8,760 h`` GPU-hours a year (:func:`annual_gpu_hours`), of which a
  ``share`` goes to start-ups;
- one GPU-hour does ``peak × utilisation × 3,600`` FLOP of training (:func:`annual_flop`),
  where *utilisation* is the model FLOP utilisation (MFU): the fraction of the chip's 16-bit
  peak a training run actually achieves;
- a training run of ``C`` FLOP (Epoch AI's estimate, or ``6·N·D``) fits
  ``capacity / C`` times a year (:func:`runs_per_year`), and needs ``C / (peak × MFU × 3,600)``
  GPU-hours (:func:`run_gpu_hours`), which a cloud sells at a price per GPU-hour
  (:func:`cloud_cost_usd`).

Accelerator counts come from Epoch AI's GPU clusters (LUMI, Leonardo, JUPITER). MareNostrum 5
is not in Epoch's data: its count is derived from the TOP500 list (:func:`marenostrum5_gpus`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from functools import cache

import pandas as pd

from helpers import formats
from helpers.analysis import compute
from helpers.analysis.keyfigures import KeyFigures, figure
from helpers.errors import DataError
from helpers.inputs import claims, datasets, loaders
from helpers.inputs.facts import Fact, fact, load_ai_factories
from helpers.params import EuAccess

#: Hours in a (non-leap) year: 365 × 24.
HOURS_PER_YEAR = 365 * 24.0
SECONDS_PER_HOUR = compute.SECONDS_PER_HOUR


def _fraction(name: str, value: float) -> None:
    if not 0 <= value <= 1:
        raise ValueError(f"{name} is a fraction (0 to 1), got {value!r}")


def annual_gpu_hours(chips: float, share: float = 1.0) -> float:
    """GPU-hours a year from ``chips`` accelerators running all year, times ``share`` (0 to 1)."""
    _fraction("share", share)
    if chips < 0:
        raise ValueError(f"chips must not be negative, got {chips!r}")
    return chips * HOURS_PER_YEAR * share


def annual_flop(
    chips: float, peak_flops_per_chip: float, utilisation: float, share: float = 1.0
) -> float:
    """Training FLOP a year: ``annual_gpu_hours × 3,600 s × peak (FLOP/s) × utilisation``."""
    _fraction("utilisation", utilisation)
    return annual_gpu_hours(chips, share) * SECONDS_PER_HOUR * peak_flops_per_chip * utilisation


def run_gpu_hours(training_flop: float, peak_flops_per_chip: float, utilisation: float) -> float:
    """GPU-hours one training run of ``training_flop`` FLOP needs at ``utilisation`` of the peak."""
    return (
        compute.training_seconds(training_flop, 1.0, peak_flops_per_chip, utilisation)
        / SECONDS_PER_HOUR
    )


def runs_per_year(capacity_flop: float, training_flop: float) -> float:
    """How many runs of ``training_flop`` FLOP fit in ``capacity_flop`` FLOP (a year's worth)."""
    if training_flop <= 0:
        raise ValueError(f"training_flop must be positive, got {training_flop!r}")
    return capacity_flop / training_flop


def cloud_cost_usd(gpu_hours: float, price_usd_per_gpu_hour: float) -> float:
    """What ``gpu_hours`` cost at ``price_usd_per_gpu_hour`` (USD)."""
    return gpu_hours * price_usd_per_gpu_hour


def literal_value_of_garbled_number(printed: float, meant: float) -> float:
    """How many times smaller a printed number is than the one meant (``meant / printed``)."""
    return meant / printed


# --- the systems -------------------------------------------------------------------------


@dataclass(frozen=True)
class System:
    """One EuroHPC GPU system of the chapter, as named in each dataset."""

    label: str
    country: str
    epoch_cluster: str | None
    top500_name: str
    #: Epoch ML-hardware name of the chip, for the peak when Epoch's clusters lack the system.
    chip: str


#: The four EuroHPC GPU systems the issue names; JUPITER came into service in 2025.
SYSTEMS: tuple[System, ...] = (
    System("LUMI", "Finland", "EuroHPC LUMI", "LUMI", "AMD Radeon Instinct MI250X"),
    System("Leonardo", "Italy", "EuroHPC Leonardo", "Leonardo", "NVIDIA A100"),
    System("MareNostrum 5", "Spain", None, "MareNostrum 5 ACC", "NVIDIA H100 SXM5 80GB"),
    System("JUPITER", "Germany", "Jupiter, Jülich", "JUPITER Booster", "NVIDIA GH200"),
)


@cache
def top500_accelerator_cores() -> pd.Series:
    """TOP500 (June 2025) 'Accelerator/Co-Processor Cores' by system name (count)."""
    path = datasets.fetch("top500")
    raw = pd.read_excel(
        path, sheet_name="65", engine="calamine", usecols=["Name", "Accelerator/Co-Processor Cores"]
    )
    raw = raw.dropna()
    return raw.set_index("Name")["Accelerator/Co-Processor Cores"].astype(float)


def marenostrum5_gpus(cores: pd.Series, clusters: pd.DataFrame) -> tuple[float, float]:
    """MareNostrum 5's H100 count, derived from the TOP500 list: ``(gpus, cores_per_gpu)``.

    TOP500 counts accelerator *cores* (for NVIDIA Hopper: streaming multiprocessors). JUPITER's
    GPUs are the same Hopper GPU, and both datasets hold JUPITER: its TOP500 accelerator cores
    divided by Epoch's GH200 count gives the cores per Hopper GPU, which divides MareNostrum 5
    ACC's cores.
    """
    jupiter = loaders.one_row(clusters, "name", "Jupiter, Jülich", "Epoch GPU clusters")
    per_gpu = float(cores["JUPITER Booster"]) / float(jupiter["chips"])
    return float(cores["MareNostrum 5 ACC"]) / per_gpu, per_gpu


def eurohpc_systems(
    clusters: pd.DataFrame, hardware: pd.DataFrame, top500: pd.DataFrame, cores: pd.Series
) -> pd.DataFrame:
    """One row per system: accelerators, 16-bit peak per chip (FLOP/s), TOP500 rank and Rmax.

    ``count_source`` says where the accelerator count comes from. The peak per chip is Epoch's
    16-bit OP/s of the cluster divided by its chips, or Epoch's ML-hardware figure for the chip.
    """
    rows = []
    mn5_gpus, _ = marenostrum5_gpus(cores, clusters)
    for system in SYSTEMS:
        top = loaders.one_row(top500, "name", system.top500_name, "TOP500")
        if system.epoch_cluster is not None:
            row = loaders.one_row(clusters, "name", system.epoch_cluster, "Epoch GPU clusters")
            chips = float(row["chips"])
            peak = float(row["bf16_flops"]) / chips
            chip = str(row["chip"])
            since = row["first_operational"]
            source = "Epoch AI GPU clusters"
        else:
            chip_row = loaders.one_row(hardware, "name", system.chip, "Epoch ML hardware")
            chips = mn5_gpus
            peak = float(chip_row["bf16_flops"])
            chip = "NVIDIA H100"
            since = pd.NaT
            source = "TOP500 accelerator cores ÷ cores per Hopper GPU"
        rows.append(
            {
                "system": system.label,
                "country": system.country,
                "chip": chip,
                "chips": chips,
                "peak_flops_per_chip": peak,
                "count_source": source,
                "first_operational": since,
                "top500_rank_2025_06": int(top["rank"]),
                "rmax_flops": float(top["rmax_flops"]),
            }
        )
    return pd.DataFrame(rows)


def capacity_table(systems: pd.DataFrame, share: float, utilisation: float) -> pd.DataFrame:
    """Add yearly GPU-hours and training FLOP, in full and for the start-ups' ``share``."""
    out = systems.copy()
    out["gpu_hours_year"] = [annual_gpu_hours(c) for c in out["chips"]]
    out["startup_gpu_hours_year"] = [annual_gpu_hours(c, share) for c in out["chips"]]
    out["startup_flop_year"] = [
        annual_flop(c, p, utilisation, share)
        for c, p in zip(out["chips"], out["peak_flops_per_chip"], strict=True)
    ]
    return out


# --- the demand: reference models ----------------------------------------------------------

#: Organisations counted as European AI start-ups (the programme's audience), by Epoch's name.
EU_STARTUPS: tuple[str, ...] = (
    "Mistral AI",
    "Aleph Alpha",
    "LightOn",
    "Silo AI,University of Turku",
)

#: The reader's choice of reference models (the ``reference_models`` parameter).
MODEL_SETS: dict[str, tuple[str, ...]] = {
    "Mistral AI": ("Mistral AI",),
    "EU start-ups": EU_STARTUPS,
}


def reference_models(notable: pd.DataFrame, large_scale: pd.DataFrame, which: str) -> pd.DataFrame:
    """The models of the chosen organisations with a training compute (FLOP), largest last.

    Epoch's Notable AI Models is preferred; models only in the older Large-Scale AI Models
    snapshot are added from there. Where Epoch gives no compute but parameters ``N`` and
    tokens ``D``, the compute is ``6·N·D`` (``method`` says which).
    """
    try:
        orgs = MODEL_SETS[which]
    except KeyError:
        raise DataError(
            f"unknown set of reference models {which!r}: known are {', '.join(MODEL_SETS)}"
        ) from None
    cols = [
        "model",
        "organization",
        "publication_date",
        "parameters",
        "dataset_size",
        "training_flop",
        "confidence",
    ]
    a = notable[notable["organization"].isin(orgs)][cols].assign(dataset="Notable AI Models")
    b = large_scale[large_scale["organization"].isin(orgs)][cols].assign(
        dataset="Large-Scale AI Models"
    )
    b = b[~b["model"].isin(a["model"])]
    models = pd.concat([a, b], ignore_index=True)
    models["method"] = "Epoch estimate"
    missing = (
        models["training_flop"].isna() & models["parameters"].gt(0) & models["dataset_size"].gt(0)
    )
    models.loc[missing, "training_flop"] = [
        compute.training_flop(n, d)
        for n, d in zip(
            models.loc[missing, "parameters"], models.loc[missing, "dataset_size"], strict=True
        )
    ]
    models.loc[missing, "method"] = "6·N·D"
    models = models.dropna(subset=["training_flop"])
    return models.sort_values(["training_flop", "model"]).reset_index(drop=True)


def demand_table(
    models: pd.DataFrame,
    capacity_flop: float,
    peak_flops_per_chip: float,
    utilisation: float,
    price_usd_per_gpu_hour: float,
) -> pd.DataFrame:
    """Per model: runs a year in ``capacity_flop``, H100 GPU-hours per run and their cloud cost."""
    out = models.copy()
    out["runs_per_year"] = [runs_per_year(capacity_flop, c) for c in out["training_flop"]]
    out["h100_gpu_hours"] = [
        run_gpu_hours(c, peak_flops_per_chip, utilisation) for c in out["training_flop"]
    ]
    out["cloud_cost_usd"] = [
        cloud_cost_usd(h, price_usd_per_gpu_hour) for h in out["h100_gpu_hours"]
    ]
    return out


# --- the boast and the factories ------------------------------------------------------------


def top_five(rows: list[tuple[int, str, str, bool, float]]) -> pd.DataFrame:
    """The June 2023 TOP500 top five as a table: rank, system, country, EU flag, Rmax (FLOP/s)."""
    table = pd.DataFrame(rows, columns=["rank", "system", "country", "eu", "rmax_flops"])
    return table.sort_values("rank").reset_index(drop=True)


#: EU member states by name, with a two-letter code (Eurostat style: EL for Greece is not used).
EU_MEMBERS: dict[str, str] = {
    "Austria": "AT",
    "Belgium": "BE",
    "Bulgaria": "BG",
    "Croatia": "HR",
    "Cyprus": "CY",
    "Czechia": "CZ",
    "Denmark": "DK",
    "Estonia": "EE",
    "Finland": "FI",
    "France": "FR",
    "Germany": "DE",
    "Greece": "GR",
    "Hungary": "HU",
    "Ireland": "IE",
    "Italy": "IT",
    "Latvia": "LV",
    "Lithuania": "LT",
    "Luxembourg": "LU",
    "Malta": "MT",
    "Netherlands": "NL",
    "Poland": "PL",
    "Portugal": "PT",
    "Romania": "RO",
    "Slovakia": "SK",
    "Slovenia": "SI",
    "Spain": "ES",
    "Sweden": "SE",
}
#: Neighbours drawn for orientation only.
NEIGHBOURS: dict[str, str] = {
    "Iceland": "IS",
    "Norway": "NO",
    "United Kingdom": "UK",
    "Switzerland": "CH",
}

#: Tile-grid positions (column, row) of a schematic map of Europe: one square per country.
TILE_GRID: dict[str, tuple[int, int]] = {
    "IS": (0, 0),
    "NO": (4, 0),
    "SE": (5, 0),
    "FI": (6, 0),
    "IE": (1, 1),
    "UK": (2, 1),
    "DK": (4, 1),
    "EE": (6, 1),
    "NL": (3, 2),
    "DE": (4, 2),
    "PL": (5, 2),
    "LV": (6, 2),
    "BE": (2, 3),
    "LU": (3, 3),
    "CZ": (4, 3),
    "SK": (5, 3),
    "LT": (6, 3),
    "FR": (2, 4),
    "CH": (3, 4),
    "AT": (4, 4),
    "HU": (5, 4),
    "RO": (6, 4),
    "PT": (1, 5),
    "ES": (2, 5),
    "IT": (3, 5),
    "SI": (4, 5),
    "HR": (5, 5),
    "BG": (6, 5),
    "MT": (3, 6),
    "GR": (6, 6),
    "CY": (7, 6),
}


def factory_tiles(factories: pd.DataFrame) -> pd.DataFrame:
    """One tile per country of the grid: AI Factories hosted, first wave, names, hosts, systems.

    ``status`` is the wave of the country's first AI Factory ("Wave 1"…), or "EU, no AI Factory",
    or "Outside the EU".
    """
    unknown = sorted(set(factories["country"]) - set(EU_MEMBERS))
    if unknown:
        raise DataError(f"data/ai_factories.csv: countries without a tile: {', '.join(unknown)}")
    rows = []
    for name, code in sorted({**EU_MEMBERS, **NEIGHBOURS}.items()):
        col, row = TILE_GRID[code]
        here = factories[factories["country"] == name].sort_values(["wave", "factory"])
        if len(here):
            status = f"Wave {int(here['wave'].min())}"
        else:
            status = "EU, no AI Factory" if name in EU_MEMBERS else "Outside the EU"
        rows.append(
            {
                "country": name,
                "code": code,
                "col": col,
                "row": row,
                "factories": len(here),
                "status": status,
                "names": "; ".join(here["factory"]) if len(here) else "none",
                "hosts": "; ".join(here["host"].fillna("not stated")) if len(here) else "",
                "systems": "; ".join(here["supercomputer"].fillna("not named in the sources seen"))
                if len(here)
                else "",
            }
        )
    return pd.DataFrame(rows).sort_values(["row", "col"]).reset_index(drop=True)


def markdown_table(table: pd.DataFrame, column_formats: dict[str, str] | None = None) -> str:
    """A Markdown table of ``table`` (values formatted with ``column_formats`` per column, else str)."""
    column_formats = column_formats or {}
    rows = [
        [
            formats.markdown_cell(
                ""
                if pd.isna(value)
                else format(value, column_formats[col])
                if col in column_formats
                else value
            )
            for col, value in zip(table.columns, rec, strict=True)
        ]
        for rec in table.itertuples(index=False)
    ]
    return formats.markdown_table([formats.markdown_cell(c) for c in table.columns], rows)


# --- The chapter's key figures: inputs loaded once, then a pure function of the parameters ---


@dataclass(frozen=True, eq=False)
class Inputs:
    """What the chapter's key figures are computed from (:func:`load_inputs`); compared and
    hashed by identity, so :func:`_fixed` runs once per ``Inputs``."""

    clusters: pd.DataFrame
    hardware: pd.DataFrame
    top500: pd.DataFrame
    notable: pd.DataFrame
    large_scale: pd.DataFrame
    factories: pd.DataFrame
    #: The chapter's curated claims, by claim id.
    ledger: pd.DataFrame
    facts: dict[str, Fact]


#: The facts the key figures read.
FACT_IDS = (
    "top500_jun2023_frontier_rmax_flops",
    "top500_jun2023_fugaku_rmax_flops",
    "top500_jun2023_lumi_rmax_flops",
    "top500_jun2023_leonardo_rmax_flops",
    "top500_jun2023_summit_rmax_flops",
    "soteu2023_claimed_top5_eu_count",
    "lagc_gpu_hours",
    "exascale_threshold_flops",
)


def load_inputs() -> Inputs:
    """Read the datasets, facts and claims of the chapter."""
    return Inputs(
        clusters=loaders.load_gpu_clusters(),
        hardware=loaders.load_ml_hardware(),
        top500=loaders.load_top500(),
        notable=loaders.load_notable_models(),
        large_scale=loaders.load_large_scale_models(),
        factories=load_ai_factories(),
        ledger=claims.for_chapter("eu_access").set_index("claim_id"),
        facts={i: fact(i) for i in FACT_IDS},
    )


def june_2023_top_five(facts: dict[str, Fact]) -> pd.DataFrame:
    """The TOP500 top five of June 2023, from the facts (EU members flagged)."""
    return top_five(
        [
            (
                1,
                "Frontier",
                "United States",
                False,
                facts["top500_jun2023_frontier_rmax_flops"].value,
            ),
            (2, "Fugaku", "Japan", False, facts["top500_jun2023_fugaku_rmax_flops"].value),
            (3, "LUMI", "Finland", True, facts["top500_jun2023_lumi_rmax_flops"].value),
            (4, "Leonardo", "Italy", True, facts["top500_jun2023_leonardo_rmax_flops"].value),
            (5, "Summit", "United States", False, facts["top500_jun2023_summit_rmax_flops"].value),
        ]
    )


@dataclass(frozen=True)
class _Fixed:
    actual_top5: int
    mn5_gpus: float
    systems: pd.DataFrame
    h100_bf16_flops: float
    lagc_share: float
    literal_factor: float


@functools.lru_cache(maxsize=4)
def _fixed(inputs: Inputs) -> _Fixed:
    """What the key figures take from the inputs alone."""
    cores = top500_accelerator_cores()
    mn5_gpus, _ = marenostrum5_gpus(cores, inputs.clusters)
    systems = eurohpc_systems(inputs.clusters, inputs.hardware, inputs.top500, cores)
    lumi_leo = systems[systems["system"].isin(["LUMI", "Leonardo"])]
    lagc = inputs.facts["lagc_gpu_hours"].value / sum(
        annual_gpu_hours(c) for c in lumi_leo["chips"]
    )
    printed = float(inputs.ledger.loc["exaflop_1018_fracasos", "claimed_value"])
    return _Fixed(
        actual_top5=int(june_2023_top_five(inputs.facts)["eu"].sum()),
        mn5_gpus=mn5_gpus,
        systems=systems,
        h100_bf16_flops=float(
            inputs.hardware.set_index("name").loc["NVIDIA H100 SXM5 80GB", "bf16_flops"]
        ),
        lagc_share=lagc,
        literal_factor=inputs.facts["exascale_threshold_flops"].value / printed / 1e15,
    )


@functools.lru_cache(maxsize=8)
def _systems(inputs: Inputs, include_jupiter: bool) -> tuple[tuple[float, float], ...]:
    """The counted systems' (accelerators, peak FLOP/s per accelerator)."""
    systems = _fixed(inputs).systems
    if not include_jupiter:
        systems = systems[systems["system"] != "JUPITER"]
    return tuple(
        (float(c), float(p))
        for c, p in zip(systems["chips"], systems["peak_flops_per_chip"], strict=True)
    )


@functools.lru_cache(maxsize=8)
def _demand(inputs: Inputs, which: str) -> tuple[int, str, float]:
    """The number of reference models and the largest one's name and training compute."""
    models = reference_models(inputs.notable, inputs.large_scale, which)
    largest = models.iloc[-1]
    return len(models), str(largest["model"]), float(largest["training_flop"])


def key_figures(params: EuAccess, inputs: Inputs) -> KeyFigures:
    """The chapter's key figures (the table nbval checks), from its parameters and inputs.

    Written for speed (the sensitivity analysis calls it thousands of times): the tables the
    inputs alone decide are memoised, and the rest is the arithmetic of
    :func:`capacity_table` and :func:`demand_table` on the rows the key figures need.
    """
    fixed = _fixed(inputs)
    systems = _systems(inputs, params.include_jupiter)
    share, mfu = params.share_startups, params.utilisation
    startup_gpuh = sum(annual_gpu_hours(c, share) for c, _ in systems)
    startup_flop = sum(annual_flop(c, p, mfu, share) for c, p in systems)
    n_models, largest_model, largest_flop = _demand(inputs, params.reference_models)
    runs_largest = runs_per_year(startup_flop, largest_flop)
    hours_largest = run_gpu_hours(largest_flop, fixed.h100_bf16_flops, mfu)
    rows = [
        ("claimed_top5", "EU systems claimed in the world's top five",
         inputs.facts["soteu2023_claimed_top5_eu_count"].value, "count"),
        ("actual_top5", "EU systems in the TOP500 top five, June 2023", fixed.actual_top5, "count"),
        ("factories", "AI Factories selected", len(inputs.factories), "count"),
        ("factory_states", "Member states hosting AI Factories",
         inputs.factories["country"].nunique(), "count"),
        ("mn5_gpus", "MareNostrum 5 GPUs (derived from TOP500)", fixed.mn5_gpus, "count"),
        ("systems", "GPU systems counted", len(systems), "count"),
        ("accelerators", "Accelerators in them", sum(c for c, _ in systems), "count"),
        ("gpu_hours_all", "GPU-hours a year, all",
         sum(annual_gpu_hours(c) for c, _ in systems) / 1e6, "million"),
        ("gpu_hours_startups", "GPU-hours a year for start-ups", startup_gpuh / 1e6, "million"),
        ("flop_startups", "Training compute a year for start-ups", startup_flop / 1e24, "1e24 FLOP"),
        ("reference_models", "Reference models", n_models, "count"),
        ("runs_largest", f"Runs a year of {largest_model}", runs_largest, "runs"),
        ("gpu_hours_largest", f"H100 GPU-hours per run of {largest_model}",
         hours_largest / 1e6, "million"),
        ("cloud_cost", "Cloud cost of the start-ups' GPU-hours",
         cloud_cost_usd(startup_gpuh, params.price_usd_per_gpu_hour) / 1e6, "million USD"),
        ("lagc_share", "Grand Challenge award, share of LUMI+Leonardo year",
         100 * fixed.lagc_share, "%"),
        ("literal_1018", "'1018' read literally: times too small", fixed.literal_factor, "1e15"),
    ]  # fmt: skip
    return KeyFigures("eu_access", [figure(*row) for row in rows])
