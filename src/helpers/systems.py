"""Where a supercomputer stands: rankings from the TOP500 list and Epoch's GPU clusters.

Units: FLOP/s for performance (FP64 HPL for TOP500's Rmax and Rpeak), W for power,
FLOP/s per W for efficiency, H100-equivalents (Epoch's unit) for AI clusters.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.data import one_row


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


def share_by(top500: pd.DataFrame, column: str, within: dict[str, str] | None = None) -> pd.DataFrame:
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
            rows.append({"precision": label, "mode": "sparse", "flops": chips * flops * sparsity_factor})
    return pd.DataFrame(rows)
