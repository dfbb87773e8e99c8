"""What supercomputers cost per unit of performance and per accelerator.

Costs come from the facts tables (with their ranges where sources disagree), HPL Rmax from
the TOP500 list (summed over a system's partitions), accelerator counts from Epoch AI's
GPU clusters. Amounts are converted to euros at a rate the reader sets (US dollars per
euro). Units: EUR, FLOP/s, EUR per PFLOP/s, EUR per accelerator.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.currency import to_eur
from helpers.facts import fact

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
    Peer("El Capitan", "el_capitan_contract_usd", ("El Capitan",), "Lawrence Livermore NL El Capitan Phase 2"),
    Peer("Frontier", "frontier_contract_usd", ("Frontier",), "Oak Ridge NL Frontier"),
    Peer("Aurora", "aurora_contract_usd", ("Aurora",), "Argonne NL Aurora"),
    Peer("LUMI", "lumi_budget_eur", ("LUMI", "LUMI-C"), "EuroHPC LUMI"),
    Peer("Leonardo", "leonardo_cost_eur", ("Leonardo", "Leonardo-CPU"), "EuroHPC Leonardo"),
    Peer("MareNostrum 5", "marenostrum5_cost_eur", ("MareNostrum 5 ACC", "MareNostrum 5 GPP"), None),
    Peer("Alice Recoque", "alice_recoque_cost_eur", (), None),
)


def cost_table(top500: pd.DataFrame, clusters: pd.DataFrame, usd_per_eur: float,
               peers: tuple[Peer, ...] = PEERS) -> pd.DataFrame:
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
        rows.append({
            "system": peer.label,
            "currency": f.unit,
            "cost_eur": cost, "cost_low_eur": cost_low, "cost_high_eur": cost_high,
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
        })
    return pd.DataFrame(rows)
