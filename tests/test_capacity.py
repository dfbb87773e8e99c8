"""The capacity model of the EU-access chapter, against values worked out by hand from the sources."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analysis import eu_access
from helpers.errors import DataError
from helpers.inputs import facts


def test_hours_in_a_year() -> None:
    # 365 days × 24 hours = 8,760 hours
    assert eu_access.HOURS_PER_YEAR == 8_760


def test_annual_gpu_hours_of_leonardo() -> None:
    # Leonardo: 13,824 A100 (Epoch AI GPU clusters); 13,824 × 8,760 = 121,098,240 GPU-hours a year
    assert eu_access.annual_gpu_hours(13_824) == 121_098_240
    # a tenth of it: 12,109,824
    assert eu_access.annual_gpu_hours(13_824, 0.1) == pytest.approx(12_109_824)


def test_annual_flop_of_one_h100() -> None:
    # one H100 (989.4e12 FLOP/s, 16-bit dense, Epoch ML hardware) for a year at 40 % MFU:
    # 8,760 h × 3,600 s = 31,536,000 s; 31.536e6 × 989.4e12 = 3.12017184e22; × 0.4 = 1.248068736e22 FLOP
    assert eu_access.annual_flop(1, 989.4e12, 0.4) == pytest.approx(1.248068736e22, rel=1e-9)


def test_gpu_hours_of_one_mistral_large_run() -> None:
    # Mistral Large: 1.12e25 FLOP (Epoch). On H100s at 40 % of 989.4e12 FLOP/s:
    # 989.4e12 × 0.4 × 3,600 = 1.424736e18 FLOP per GPU-hour; 1.12e25 / 1.424736e18 = 7.861e6 GPU-hours
    assert eu_access.run_gpu_hours(1.12e25, 989.4e12, 0.4) == pytest.approx(7.8610e6, rel=1e-4)


def test_runs_per_year_and_cloud_cost() -> None:
    # 1e25 FLOP of capacity holds 1e25 / 2.5e24 = 4 runs of a 2.5e24-FLOP model
    assert eu_access.runs_per_year(1e25, 2.5e24) == pytest.approx(4.0)
    # the Grand Challenge's 8 million GPU-hours at DeepSeek's $2 per GPU-hour: $16 million
    assert eu_access.cloud_cost_usd(8e6, 2.0) == pytest.approx(16e6)


def test_grand_challenge_share_of_lumi_and_leonardo() -> None:
    # 8,000,000 GPU-hours / ((11,912 LUMI + 13,824 Leonardo) × 8,760) = 8e6 / 225,447,360 = 3.549 %
    year = eu_access.annual_gpu_hours(11_912) + eu_access.annual_gpu_hours(13_824)
    assert facts.fact("lagc_gpu_hours").value / year == pytest.approx(0.03549, abs=1e-5)


def test_marenostrum5_gpus_from_top500_cores() -> None:
    # TOP500 June 2025: JUPITER Booster 3,106,752 accelerator cores; Epoch: 23,536 GH200
    # -> 3,106,752 / 23,536 = 132 cores per Hopper GPU; MareNostrum 5 ACC 591,360 / 132 = 4,480 GPUs
    cores = pd.Series({"JUPITER Booster": 3_106_752.0, "MareNostrum 5 ACC": 591_360.0})
    clusters = pd.DataFrame({"name": ["Jupiter, Jülich"], "chips": [23_536.0]})
    assert eu_access.marenostrum5_gpus(cores, clusters) == (4_480.0, 132.0)
    with pytest.raises(DataError, match="Jupiter, Jülich"):
        eu_access.marenostrum5_gpus(cores, clusters.iloc[0:0])


def test_the_garbled_exaflop() -> None:
    # "1018 fracasos" for 10^18 FLOP/s: 1e18 / 1018 = 9.823e14 times too small
    assert eu_access.literal_value_of_garbled_number(1018, 1e18) == pytest.approx(
        9.823e14, rel=1e-4
    )


def test_fractions_are_checked() -> None:
    with pytest.raises(ValueError, match="share is a fraction"):
        eu_access.annual_gpu_hours(100, 1.5)
    with pytest.raises(ValueError, match="utilisation is a fraction"):
        eu_access.annual_flop(100, 1e15, 2.0)
    with pytest.raises(ValueError, match="training_flop must be positive"):
        eu_access.runs_per_year(1e25, 0)


def test_reference_models_and_six_n_d() -> None:
    # a model with no Epoch compute but N = 7e9 parameters and D = 2e12 tokens: 6 × 7e9 × 2e12 = 8.4e22 FLOP
    notable = pd.DataFrame(
        {
            "model": ["A", "B"],
            "organization": ["Mistral AI", "Mistral AI"],
            "publication_date": pd.to_datetime(["2024-01-01", "2024-02-01"]),
            "parameters": [7e9, 1e9],
            "dataset_size": [2e12, None],
            "training_flop": [None, 1e23],
            "confidence": ["Confident", "Likely"],
        }
    )
    empty = notable.iloc[0:0]
    models = eu_access.reference_models(notable, empty, "Mistral AI")
    assert models["model"].tolist() == ["A", "B"]  # smallest compute first
    assert models.loc[0, "training_flop"] == pytest.approx(8.4e22)
    assert models["method"].tolist() == ["6·N·D", "Epoch estimate"]
    with pytest.raises(DataError, match="unknown set of reference models"):
        eu_access.reference_models(notable, empty, "nope")


def test_factory_tiles_cover_every_factory() -> None:
    factories = facts.load_ai_factories()
    tiles = eu_access.factory_tiles(factories)
    # 19 factories in 16 member states (EuroHPC, October 2025); Germany, Poland and Spain host two
    assert tiles["factories"].sum() == 19
    assert (tiles["factories"] > 0).sum() == 16
    assert set(tiles.loc[tiles["factories"] == 2, "code"]) == {"DE", "PL", "ES"}
    assert not tiles.duplicated(["col", "row"]).any()
    assert tiles.set_index("code").loc["FI", "status"] == "Wave 1"


def test_markdown_table() -> None:
    table = pd.DataFrame({"a": [1.5, None], "b": ["x|y", "z"]})
    assert (
        eu_access.markdown_table(table, {"a": ".1f"})
        == "| a | b |\n|---|---|\n| 1.5 | x\\|y |\n|  | z |"
    )
