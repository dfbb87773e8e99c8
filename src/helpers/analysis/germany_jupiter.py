"""Where a supercomputer stands: rankings from the TOP500 list and Epoch's GPU clusters.

Units: FLOP/s for performance (FP64 HPL for TOP500's Rmax and Rpeak), W for power,
FLOP/s per W for efficiency, H100-equivalents (Epoch's unit) for AI clusters.

Costs (formerly a module of their own): What supercomputers cost per unit of performance and per accelerator.

Costs come from the facts tables (with their ranges where sources disagree), HPL Rmax from
the TOP500 list (summed over a system's partitions), accelerator counts from Epoch AI's
GPU clusters. Amounts are converted to euros at a rate the reader sets (US dollars per
euro). Units: EUR, FLOP/s, EUR per PFLOP/s, EUR per accelerator.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from helpers import formats
from helpers.analysis.compute import training_days, training_flop
from helpers.analysis.currency import to_eur
from helpers.analysis.keyfigures import KeyFigures, figure
from helpers.errors import DataError
from helpers.inputs import loaders
from helpers.inputs.facts import Fact, fact
from helpers.inputs.loaders import one_row
from helpers.params import GermanyJupiter


@dataclass(frozen=True)
class Standing:
    """One system's place in the TOP500 list, in the world and on its continent."""

    name: str
    country: str
    continent: str
    rank: int
    continent_rank: int
    rmax_flops: float
    rpeak_flops: float
    power_w: float
    efficiency_flops_per_w: float
    #: HPL efficiency: Rmax / Rpeak (fraction).
    hpl_efficiency: float
    #: The system's share of its continent's summed Rmax over the whole list (fraction).
    continent_share: float
    #: Rmax of the list's number one, for comparison (FLOP/s).
    leader_name: str
    leader_rmax_flops: float


def find_system(top500: pd.DataFrame, name: str) -> pd.Series:
    """The row whose name is ``name`` (exact, case-sensitive); a clear error otherwise."""
    return one_row(top500, "name", name, "TOP500")


def standing(top500: pd.DataFrame, name: str) -> Standing:
    """Rank, performance, power and shares of system ``name`` in the list ``top500``."""
    row = find_system(top500, name)
    same_continent = top500[top500["continent"] == row["continent"]].sort_values("rank")
    leader = top500.sort_values("rank").iloc[0]
    return Standing(
        name=str(row["name"]),
        country=str(row["country"]),
        continent=str(row["continent"]),
        rank=int(row["rank"]),
        continent_rank=int((same_continent["rank"] < row["rank"]).sum()) + 1,
        rmax_flops=float(row["rmax_flops"]),
        rpeak_flops=float(row["rpeak_flops"]),
        power_w=float(row["power_w"]),
        efficiency_flops_per_w=float(row["efficiency_flops_per_w"]),
        hpl_efficiency=float(row["rmax_flops"] / row["rpeak_flops"]),
        continent_share=float(row["rmax_flops"] / same_continent["rmax_flops"].sum()),
        leader_name=str(leader["name"]),
        leader_rmax_flops=float(leader["rmax_flops"]),
    )


def share_by(
    top500: pd.DataFrame, column: str, within: dict[str, str] | None = None
) -> pd.DataFrame:
    """Summed Rmax and system count per value of ``column``, largest first.

    ``within`` filters first (e.g. ``{"continent": "Europe"}``). ``share`` is the fraction
    of the (filtered) list's summed Rmax; ``share_of_list`` of the whole list's.
    """
    rows = top500
    for key, value in (within or {}).items():
        rows = rows[rows[key] == value]
    grouped = (
        rows.groupby(column, as_index=False)
        .agg(systems=("rank", "size"), rmax_flops=("rmax_flops", "sum"), best_rank=("rank", "min"))
        .sort_values(["rmax_flops", column], ascending=[False, True])
        .reset_index(drop=True)
    )
    grouped["share"] = grouped["rmax_flops"] / rows["rmax_flops"].sum()
    grouped["share_of_list"] = grouped["rmax_flops"] / top500["rmax_flops"].sum()
    return grouped


def largest_clusters(clusters: pd.DataFrame, n: int, status: str = "Existing") -> pd.DataFrame:
    """The ``n`` largest single clusters by H100-equivalents, with their rank (1 = largest).

    Only clusters Epoch marks as single clusters (``Single cluster? == Yes``) and includes in
    its standard analysis count, so that a fleet summed across sites, a paper's claim or a
    benchmark submission is not compared with one machine; of a cluster built in phases, only
    the latest phase counts.
    """
    rows = clusters[
        (clusters["status"] == status)
        & (clusters["single_cluster"] == "Yes")
        & clusters["standard"]
        & clusters["superseded_by"].isna()
    ]
    rows = rows.dropna(subset=["h100e"]).sort_values(["h100e", "name"], ascending=[False, True])
    rows = rows.reset_index(drop=True)
    rows.insert(0, "rank", range(1, len(rows) + 1))
    return rows.head(n)


def cluster_rank(clusters: pd.DataFrame, name: str, status: str = "Existing") -> pd.Series:
    """The row of cluster ``name`` among existing single clusters, with its ``rank``."""
    ranked = largest_clusters(clusters, n=len(clusters), status=status)
    return one_row(ranked, "name", name, "Epoch GPU clusters (existing single clusters)")


def machine_peaks(chips: float, per_chip: dict[str, float], sparsity_factor: float) -> pd.DataFrame:
    """Peak throughput of a whole machine by precision, dense and (for AI formats) sparse.

    ``per_chip`` maps a precision label (``"FP64 vector"``, ``"FP64 tensor"``, ``"BF16"``,
    ``"FP8"``) to a chip's dense peak in FLOP/s. FP64 has no sparse mode; for the others the
    sparse peak is ``sparsity_factor`` times the dense one, as vendors quote it.
    """
    rows = []
    for label, flops in per_chip.items():
        rows.append({"precision": label, "mode": "dense", "flops": chips * flops})
        if not label.startswith("FP64"):
            rows.append(
                {"precision": label, "mode": "sparse", "flops": chips * flops * sparsity_factor}
            )
    return pd.DataFrame(rows)


PFLOPS = 1e15


@dataclass(frozen=True)
class Peer:
    """A system whose cost is sourced: its TOP500 entries and Epoch cluster, if any."""

    label: str
    cost_fact: str
    top500_names: tuple[str, ...]
    epoch_cluster: str | None


#: The systems compared, JUPITER first. An empty ``top500_names`` means not yet built.
PEERS: tuple[Peer, ...] = (
    Peer("JUPITER", "jupiter_budget_total_eur", ("JUPITER Booster",), "Jupiter, Jülich"),
    Peer(
        "El Capitan",
        "el_capitan_contract_usd",
        ("El Capitan",),
        "Lawrence Livermore NL El Capitan Phase 2",
    ),
    Peer("Frontier", "frontier_contract_usd", ("Frontier",), "Oak Ridge NL Frontier"),
    Peer("Aurora", "aurora_contract_usd", ("Aurora",), "Argonne NL Aurora"),
    Peer("LUMI", "lumi_budget_eur", ("LUMI", "LUMI-C"), "EuroHPC LUMI"),
    Peer("Leonardo", "leonardo_cost_eur", ("Leonardo", "Leonardo-CPU"), "EuroHPC Leonardo"),
    Peer(
        "MareNostrum 5", "marenostrum5_cost_eur", ("MareNostrum 5 ACC", "MareNostrum 5 GPP"), None
    ),
    Peer("Alice Recoque", "alice_recoque_cost_eur", (), None),
)


def cost_table(
    top500: pd.DataFrame,
    clusters: pd.DataFrame,
    usd_per_eur: float,
    peers: tuple[Peer, ...] = PEERS,
) -> pd.DataFrame:
    """One row per peer: cost in EUR (value, low, high), what it covers, Rmax, accelerators,
    and cost per PFLOP/s of HPL and per accelerator (value, low, high)."""
    rows = []
    for peer in peers:
        f = fact(peer.cost_fact)
        low = f.low if f.low is not None else f.value
        high = f.high if f.high is not None else f.value
        entries = top500[top500["name"].isin(peer.top500_names)]
        rmax = float(entries["rmax_flops"].sum()) if len(entries) else float("nan")
        chips = float("nan")
        if peer.epoch_cluster is not None:
            match = clusters[clusters["name"] == peer.epoch_cluster]
            if len(match) == 1:
                chips = float(match.iloc[0]["chips"])
        cost = to_eur(f.value, f.unit, usd_per_eur)
        cost_low = to_eur(low, f.unit, usd_per_eur)
        cost_high = to_eur(high, f.unit, usd_per_eur)
        rows.append(
            {
                "system": peer.label,
                "currency": f.unit,
                "cost_eur": cost,
                "cost_low_eur": cost_low,
                "cost_high_eur": cost_high,
                "covers": f.quantity,
                "rmax_pflops": rmax / PFLOPS,
                "accelerators": chips,
                "eur_per_pflops": cost / (rmax / PFLOPS),
                "eur_per_pflops_low": cost_low / (rmax / PFLOPS),
                "eur_per_pflops_high": cost_high / (rmax / PFLOPS),
                "eur_per_accelerator": cost / chips,
                "source": f.citation,
                "source_url": f.source_url,
                "source_date": f.source_date,
            }
        )
    return pd.DataFrame(rows)


# --- The chapter's key figures: inputs loaded once, then a pure function of the parameters ---


@dataclass(frozen=True, eq=False)
class Inputs:
    """What the chapter's key figures are computed from (:func:`load_inputs`). Compared and
    hashed by identity, so that what does not depend on the parameters is computed once per
    ``Inputs`` (:func:`_fixed`)."""

    top500: pd.DataFrame
    clusters: pd.DataFrame
    #: Epoch AI's ML hardware, indexed by name.
    hardware: pd.DataFrame
    #: Epoch AI's notable models, one row per model, indexed by name.
    models: pd.DataFrame
    facts: dict[str, Fact]


#: The facts the key figures read.
FACT_IDS = (
    "jupiter_budget_total_eur",
    "h100_fp64_tensor_flops",
    "nvidia_structured_sparsity_factor",
    "chinchilla_tokens_per_param",
)


def load_inputs() -> Inputs:
    """Read the datasets and facts of the chapter (checksum-verified, schema-checked)."""
    return Inputs(
        top500=loaders.load_top500(),
        clusters=loaders.load_gpu_clusters(),
        hardware=loaders.load_ml_hardware().set_index("name"),
        models=loaders.load_notable_models().drop_duplicates("model").set_index("model"),
        facts={i: fact(i) for i in FACT_IDS},
    )


def per_chip_peaks(hardware: pd.DataFrame, fp64_tensor_flops: float) -> dict[str, float]:
    """A JUPITER superchip's dense peak by precision (FLOP/s). Epoch lists no FP8 figure for
    the GH200; its GPU is an H100, whose FP8 peak Epoch lists."""
    gh200 = hardware.loc["NVIDIA GH200"]
    return {
        "FP64 vector": float(gh200["fp64_flops"]),
        "FP64 tensor": fp64_tensor_flops,
        "BF16": float(gh200["bf16_flops"]),
        "FP8": float(hardware.loc["NVIDIA H100 SXM5 80GB", "fp8_flops"]),
    }


def named_runs(models: pd.DataFrame, names: list[str]) -> dict[str, float]:
    """The training compute (FLOP) of each named Epoch AI model, by "<name> (<year>)"."""
    unknown = [m for m in names if m not in models.index or pd.isna(models.loc[m, "training_flop"])]
    if unknown:
        raise DataError(
            f"reference_models: {unknown} have no training compute in Epoch AI's notable models"
        )
    return {
        f"{m} ({models.loc[m, 'publication_date'].year})": float(models.loc[m, "training_flop"])
        for m in names
    }


def reference_runs(
    models: pd.DataFrame, names: list[str], german_params: float, tokens_per_param: float
) -> pd.DataFrame:
    """The training runs JUPITER would redo: each named Epoch AI model (:func:`named_runs`)
    and a German model of ``german_params`` parameters trained on ``tokens_per_param``
    tokens per parameter, last. Columns run, flop."""
    reference = named_runs(models, names)
    label = f"a German model of {formats.number(german_params, digits=1, prefix='G')}B parameters"
    reference[label] = training_flop(german_params, tokens_per_param * german_params)
    return pd.DataFrame({"run": list(reference), "flop": list(reference.values())})


@dataclass(frozen=True)
class _Fixed:
    """What the key figures take from the inputs alone."""

    jupiter: Standing
    europe_systems: int
    cluster: pd.Series
    per_chip: dict[str, float]
    #: JUPITER's HPL Rmax summed over its TOP500 entries, for its cost per PFLOP/s.
    cost_rmax_flops: float


@functools.lru_cache(maxsize=4)
def _fixed(inputs: Inputs) -> _Fixed:
    jupiter_peer = PEERS[0]
    entries = inputs.top500[inputs.top500["name"].isin(jupiter_peer.top500_names)]
    return _Fixed(
        jupiter=standing(inputs.top500, "JUPITER Booster"),
        europe_systems=int((inputs.top500["continent"] == "Europe").sum()),
        cluster=cluster_rank(inputs.clusters, "Jupiter, Jülich"),
        per_chip=per_chip_peaks(inputs.hardware, inputs.facts["h100_fp64_tensor_flops"].value),
        cost_rmax_flops=float(entries["rmax_flops"].sum()),
    )


@functools.lru_cache(maxsize=64)
def _largest_reference(inputs: Inputs, names: tuple[str, ...]) -> tuple[str, float]:
    """The label and training compute of the largest of the named reference models."""
    label, flop = max(named_runs(inputs.models, list(names)).items(), key=lambda run: run[1])
    return label, flop


def key_figures(params: GermanyJupiter, inputs: Inputs) -> KeyFigures:
    """The chapter's key figures (the table nbval checks), from its parameters and inputs.

    Written for speed (the sensitivity analysis calls it thousands of times): what depends on
    the inputs alone is computed once per ``Inputs`` (:func:`_fixed`), and the rest is the
    arithmetic of :func:`cost_table`, :func:`machine_peaks` and :func:`reference_runs` on the
    rows the key figures need.
    """
    fixed = _fixed(inputs)
    jupiter, europe, jup_cluster, per_chip = (
        fixed.jupiter,
        fixed.europe_systems,
        fixed.cluster,
        fixed.per_chip,
    )
    budget = inputs.facts["jupiter_budget_total_eur"]
    cost_fact = inputs.facts[PEERS[0].cost_fact]
    eur_per_pflops = to_eur(cost_fact.value, cost_fact.unit, params.usd_per_eur) / (
        fixed.cost_rmax_flops / PFLOPS
    )
    chips = params.superchips if params.superchips is not None else float(jup_cluster["chips"])
    # machine_peaks' arithmetic, for the two peaks that are key figures.
    bf16_dense = chips * per_chip["BF16"]
    fp8_sparse = chips * per_chip["FP8"] * inputs.facts["nvidia_structured_sparsity_factor"].value
    biggest_run, biggest_flop = _largest_reference(inputs, tuple(params.reference_models))
    per_chip_peak = per_chip["BF16"] if params.precision == "bf16" else per_chip["FP8"]
    days_biggest = training_days(
        biggest_flop, chips * params.machine_share, per_chip_peak, params.utilisation
    )

    def num(digits: int, prefix: str) -> Callable[[float], str]:
        return lambda v: formats.number(v, digits=digits, prefix=prefix)

    return KeyFigures(
        "germany_jupiter",
        [
            figure(
                "rank_world", "JUPITER TOP500 rank, June 2025 (world)", jupiter.rank, "rank", "d"
            ),
            figure(
                "rank_europe",
                "JUPITER TOP500 rank, June 2025 (Europe)",
                jupiter.continent_rank,
                "rank",
                "d",
            ),
            figure(
                "rmax", "JUPITER HPL Rmax, June 2025", jupiter.rmax_flops, "PFLOP/s", num(1, "P")
            ),
            figure(
                "rpeak", "JUPITER HPL Rpeak, June 2025", jupiter.rpeak_flops, "PFLOP/s", num(1, "P")
            ),
            figure("power", "JUPITER power during HPL", jupiter.power_w, "MW", num(2, "M")),
            figure(
                "efficiency",
                "JUPITER energy efficiency",
                jupiter.efficiency_flops_per_w,
                "GFLOP/s per W",
                num(2, "G"),
            ),
            figure("europe_systems", "Europe's systems on the list", europe, "count", "d"),
            figure(
                "europe_share",
                "JUPITER share of Europe's Rmax",
                100 * jupiter.continent_share,
                "%",
                ",.1f",
            ),
            figure("budget", "Budget (incl. operation)", budget.value, "M EUR", num(0, "M")),
            figure(
                "cost_per_pflops",
                "JUPITER cost per PFLOP/s of HPL",
                eur_per_pflops,
                "M EUR",
                num(3, "M"),
            ),
            figure(
                "bf16_peak",
                "JUPITER BF16 dense peak",
                bf16_dense,
                "EFLOP/s",
                num(2, "E"),
            ),
            figure(
                "fp8_sparse_peak",
                "JUPITER FP8 sparse peak",
                fp8_sparse,
                "EFLOP/s",
                num(2, "E"),
            ),
            figure("days_biggest", f"Days to redo {biggest_run}", days_biggest, "days", ",.1f"),
            figure(
                "superchips",
                "JUPITER GH200 superchips (Epoch)",
                jup_cluster["chips"],
                "count",
                ",.0f",
            ),
            figure(
                "cluster_rank",
                "JUPITER rank among existing AI clusters",
                jup_cluster["rank"],
                "rank",
                "d",
            ),
        ],
    )
