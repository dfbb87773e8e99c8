"""Rankings, shares and cluster filters on small hand-made lists with hand-worked answers."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analysis import germany_jupiter
from helpers.errors import DataError


@pytest.fixture
def top() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rank": [1, 2, 3, 4],
            "name": ["Big", "Euro1", "Other", "Euro2"],
            "country": ["US", "DE", "JP", "FI"],
            "continent": ["North America", "Europe", "Asia", "Europe"],
            "rmax_flops": [4e18, 2e18, 1.5e18, 0.5e18],
            "rpeak_flops": [5e18, 2.5e18, 2e18, 1e18],
            "power_w": [40e6, 10e6, 30e6, 5e6],
        }
    ).assign(efficiency_flops_per_w=lambda d: d["rmax_flops"] / d["power_w"])


def test_standing_hand_worked(top: pd.DataFrame) -> None:
    s = germany_jupiter.standing(top, "Euro2")
    assert (s.rank, s.continent_rank) == (4, 2)
    assert s.hpl_efficiency == pytest.approx(0.5)  # 0.5 / 1.0
    assert s.continent_share == pytest.approx(0.2)  # 0.5 / (2 + 0.5)
    assert s.efficiency_flops_per_w == pytest.approx(1e11)  # 0.5e18 / 5e6
    assert (s.leader_name, s.leader_rmax_flops) == ("Big", 4e18)


def test_standing_unknown_system(top: pd.DataFrame) -> None:
    with pytest.raises(DataError, match="TOP500: expected one row with name = 'Nope', found 0"):
        germany_jupiter.standing(top, "Nope")


def test_share_by_country_within_a_continent(top: pd.DataFrame) -> None:
    shares = germany_jupiter.share_by(top, "country", within={"continent": "Europe"})
    assert list(shares["country"]) == ["DE", "FI"]
    assert list(shares["share"]) == pytest.approx([0.8, 0.2])
    assert list(shares["share_of_list"]) == pytest.approx([2 / 8, 0.5 / 8])


def test_largest_clusters_keeps_single_standard_latest_phases() -> None:
    clusters = pd.DataFrame(
        {
            "name": ["P1", "P2", "Claim", "Fleet", "Solo", "Plan"],
            "status": ["Existing"] * 5 + ["Planned"],
            "single_cluster": ["Yes", "Yes", "Yes", "No", "Yes", "Yes"],
            "standard": [True, True, False, True, True, True],
            "superseded_by": ["P2", None, None, None, None, None],
            "h100e": [50.0, 100.0, 500.0, 900.0, 20.0, 1000.0],
        }
    )
    ranked = germany_jupiter.largest_clusters(clusters, n=10)
    assert list(ranked["name"]) == ["P2", "Solo"]
    assert list(ranked["rank"]) == [1, 2]
    assert germany_jupiter.cluster_rank(clusters, "Solo")["rank"] == 2
