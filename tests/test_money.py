"""The chips-and-money formulas against hand-worked values from the sources, not our own output."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.analysis import chips_money
from helpers.errors import DataError
from helpers.params import ChipsMoney

# --- money --------------------------------------------------------------------------------


def test_jupiter_budget_in_dollars_at_the_ecb_rate_of_18_august_2025() -> None:
    # JUPITER: €500M (FZJ). ECB reference rate on Mon 18 Aug 2025: 1.1673 USD per EUR
    # (dpa-AFX). 500e6 × 1.1673 = 583.65e6 USD.
    assert chips_money.to_usd(500e6, "EUR", 1.1673) == pytest.approx(583.65e6)


def test_dollars_are_not_converted() -> None:
    # The Intel stake, $8.9B, stays $8.9B whatever the euro is worth.
    assert chips_money.to_usd(8.9e9, "USD", 1.4) == 8.9e9


def test_unknown_currency_and_bad_rate_fail() -> None:
    with pytest.raises(ValueError, match="only USD and EUR"):
        chips_money.to_usd(1.0, "CNY", 1.1)
    with pytest.raises(ValueError, match="positive"):
        chips_money.to_usd(1.0, "EUR", 0.0)


def test_orders_of_magnitude_investai_over_r1() -> None:
    # InvestAI €200bn at 1 USD/EUR against DeepSeek-R1's $294,000:
    # log10(2e11 / 2.94e5) = log10(680,272.1) = 5.8327.
    assert chips_money.orders_of_magnitude(2e11, 2.94e5) == pytest.approx(5.8327, abs=1e-4)
    # Exactly six powers of ten between $200bn and $200k.
    assert chips_money.orders_of_magnitude(2e11, 2e5) == pytest.approx(6.0)


def test_days_from_podcast_to_intel_stake() -> None:
    # Podcast: Monday 18 Aug 2025; stake announced Friday 22 Aug 2025: four days.
    assert chips_money.days_between("2025-08-18", "2025-08-22") == 4


def _facts(rows: list[dict[str, object]]) -> pd.DataFrame:
    table = pd.DataFrame(rows)
    for column in ("value_low", "value_high"):
        if column not in table:
            table[column] = math.nan
    for column in ("as_of", "source_title", "source_url", "source_date"):
        table[column] = "x"
    return table.set_index("fact_id", drop=False)


def test_money_table_converts_euros_and_keeps_ranges() -> None:
    facts = _facts(
        [
            {"fact_id": "a", "value": 500e6, "unit": "EUR"},
            {"fact_id": "b", "value": 13.5e9, "value_low": 12e9, "value_high": 15e9, "unit": "USD"},
        ]
    )
    items = (
        chips_money.MoneyItem("a", "JUPITER", chips_money.REFERENCE),
        chips_money.MoneyItem("b", "H20 revenue", chips_money.REFERENCE, uncertain=True),
    )
    table = chips_money.money_table(facts, 1.2, items).set_index("fact_id")
    # €500M × 1.2 = $600M; the H20 revenue range $12–15bn is kept in dollars.
    assert table.loc["a", "usd"] == pytest.approx(600e6)
    assert (table.loc["a", "usd_low"], table.loc["a", "usd_high"]) == pytest.approx((600e6, 600e6))
    assert (table.loc["b", "usd_low"], table.loc["b", "usd_high"]) == (12e9, 15e9)
    assert bool(table.loc["b", "uncertain"])
    with pytest.raises(DataError, match="no fact 'zz'"):
        chips_money.money_table(
            facts, 1.2, (chips_money.MoneyItem("zz", "?", chips_money.REFERENCE),)
        )


def test_default_rate_is_the_sourced_ecb_rate() -> None:
    from helpers.inputs import facts

    assert ChipsMoney().usd_per_eur == facts.fact("ecb_usd_per_eur_2025_08_18").value


# --- chips and days ----------------------------------------------------------------------


def test_wall_days_of_deepseek_v3() -> None:
    # 2.788e6 H800-hours on 2,048 chips: 2,788,000 / 2,048 = 1,361.328125 h; / 24 = 56.7220 days.
    assert chips_money.wall_days_from_gpu_hours(2.788e6, 2048) == pytest.approx(56.72200520833)
    with pytest.raises(ValueError):
        chips_money.wall_days_from_gpu_hours(0, 2048)


def test_peak_prefers_bf16_then_fp16() -> None:
    # Epoch: H800 SXM5 has BF16 989 TFLOP/s; Ascend 910B has only FP16 376 TFLOP/s.
    h800 = pd.Series({"bf16_flops": 989e12, "fp16_flops": math.nan})
    ascend = pd.Series({"bf16_flops": math.nan, "fp16_flops": 376e12})
    assert chips_money.peak_16bit(h800) == (989e12, "bf16_flops")
    assert chips_money.peak_16bit(ascend) == (376e12, "fp16_flops")
    assert math.isnan(
        chips_money.peak_16bit(pd.Series({"bf16_flops": math.nan, "fp16_flops": math.nan}))[0]
    )


def _hardware() -> pd.DataFrame:
    nan = math.nan
    return pd.DataFrame(
        [
            # name, bf16, fp16, bandwidth, tdp (Epoch's figures for these chips)
            {
                "name": "NVIDIA H800 SXM5",
                "bf16_flops": 989e12,
                "fp16_flops": nan,
                "memory_bandwidth_bytes_per_s": 3.36e12,
                "tdp_w": 700.0,
                "release_date": pd.NaT,
            },
            {
                "name": "Huawei Ascend 910B",
                "bf16_flops": nan,
                "fp16_flops": 376e12,
                "memory_bandwidth_bytes_per_s": 1.228e12,
                "tdp_w": 400.0,
                "release_date": pd.NaT,
            },
            {
                "name": "Huawei Ascend 910B4",
                "bf16_flops": nan,
                "fp16_flops": 280e12,
                "memory_bandwidth_bytes_per_s": 0.8e12,
                "tdp_w": nan,
                "release_date": pd.NaT,
            },
            {
                "name": "Huawei Ascend 910B1 (v1)",
                "bf16_flops": nan,
                "fp16_flops": 400e12,
                "memory_bandwidth_bytes_per_s": 1.6e12,
                "tdp_w": nan,
                "release_date": pd.NaT,
            },
        ]
    )


_FAMILIES = (
    chips_money.ChipFamily("NVIDIA H800", "NVIDIA", "United States", "nvidia", "NVIDIA H800 SXM5"),
    chips_money.ChipFamily(
        "Huawei Ascend 910B",
        "Huawei",
        "China",
        "huawei",
        "Huawei Ascend 910B",
        variants=("Huawei Ascend 910B4", "Huawei Ascend 910B1 (v1)"),
        facts=(("bandwidth_bytes_s", "bw910b"),),
    ),
)


def test_chip_table_ranges_span_variants_and_facts() -> None:
    # The 910B's bandwidth estimates (fact): 1.2 TB/s, from 0.4 to 1.2 TB/s. With Epoch's
    # variants (0.8, 1.228, 1.6 TB/s) the range is 0.4–1.6 TB/s; its peak spans 280–400 TFLOP/s.
    facts = _facts(
        [
            {
                "fact_id": "bw910b",
                "value": 1.2e12,
                "value_low": 0.4e12,
                "value_high": 1.2e12,
                "unit": "bytes/s",
            }
        ]
    )
    table = chips_money.chip_table(_hardware(), facts, _FAMILIES).set_index("family")
    b = table.loc["Huawei Ascend 910B"]
    assert (b["peak_flops"], b["peak_flops_low"], b["peak_flops_high"]) == (376e12, 280e12, 400e12)
    assert (b["bandwidth_bytes_s_low"], b["bandwidth_bytes_s_high"]) == (0.4e12, 1.6e12)
    assert b["bandwidth_bytes_s"] == 1.228e12
    assert b["peak_column"] == "fp16_flops"
    assert list(table.index) == ["NVIDIA H800", "Huawei Ascend 910B"]  # United States first
    with pytest.raises(
        DataError, match="Epoch ML hardware: expected one row with name = 'Nope', found 0"
    ):
        chips_money.chip_table(
            _hardware(), facts, (chips_money.ChipFamily("X", "X", "China", "huawei", "Nope"),)
        )


def test_days_table_hand_worked() -> None:
    facts = _facts([{"fact_id": "bw910b", "value": 1.2e12, "unit": "bytes/s"}])
    chips = chips_money.chip_table(_hardware(), facts, _FAMILIES)
    run = chips_money.ReferenceRun(
        model="DeepSeek-V3",
        flop=3.3e24,
        flop_low=3.3e24,
        flop_high=3.4078e24,
        organization="DeepSeek",
        hardware="NVIDIA H800 SXM5",
        chips=2048,
        mfu=0.1947,
    )
    days = chips_money.days_table(chips, run, 2048, {"nvidia": 0.33, "huawei": 0.30}).set_index(
        "family"
    )
    # H800: 3.3e24 / (2048 × 989e12 × 0.33 × 86,400) = 3.3e24 / 5.7751e22 = 57.1426 days.
    assert days.loc["NVIDIA H800", "days"] == pytest.approx(57.1426, abs=1e-3)
    # Ascend 910B at 30 %: 3.3e24 / (2048 × 376e12 × 0.30 × 86,400) = 3.3e24 / 1.99598e22 = 165.334 days;
    # slowest case: 3.4078e24 on the 280 TFLOP/s variant = 3.4078e24 / 1.48636e22 = 229.27 days.
    assert days.loc["Huawei Ascend 910B", "days"] == pytest.approx(165.334, abs=1e-2)
    assert days.loc["Huawei Ascend 910B", "days_high"] == pytest.approx(229.27, abs=1e-1)
    # 165.334 / 57.1426 = 2.893 times the H800's time.
    assert days.loc["Huawei Ascend 910B", "vs_fastest"] == pytest.approx(2.893, abs=1e-3)
    with pytest.raises(ValueError, match="no utilisation given"):
        chips_money.days_table(chips, run, 2048, {"nvidia": 0.33})


def test_days_curve_halves_when_utilisation_doubles() -> None:
    facts = _facts([{"fact_id": "bw910b", "value": 1.2e12, "unit": "bytes/s"}])
    chips = chips_money.chip_table(_hardware(), facts, _FAMILIES)
    curve = chips_money.days_curve(
        chips, 8.64e19 * 2048, 2048, utilisations=pd.Series([0.2, 0.4]).to_numpy()
    )
    h800 = curve[curve["family"] == "NVIDIA H800"].set_index("utilisation")["days"]
    # 8.64e19 × 2048 FLOP on 2048 chips of 989e12 at 20 %: 8.64e19 / (989e12 × 0.2) s = 436,804.9 s = 5.0556 days.
    assert h800[0.2] == pytest.approx(5.0556, abs=1e-3)
    assert h800[0.2] / h800[0.4] == pytest.approx(2.0)


def test_reference_run_takes_the_range_across_both_datasets() -> None:
    # Epoch's notable models: DeepSeek-V3 3.3e24 FLOP; the large-scale snapshot: 3.4078e24.
    notable = pd.DataFrame(
        [
            {
                "model": "DeepSeek-V3",
                "training_flop": 3.3e24,
                "organization": "DeepSeek",
                "training_hardware": "NVIDIA H800 SXM5",
                "hardware_quantity": 2048.0,
                "mfu": 0.1947,
            }
        ]
    )
    large = pd.DataFrame([{"model": "DeepSeek-V3", "training_flop": 3.4078e24}])
    run = chips_money.reference_run(notable, large, "DeepSeek-V3")
    assert (run.flop, run.flop_low, run.flop_high) == (3.3e24, 3.3e24, 3.4078e24)
    assert run.chips == 2048
    with pytest.raises(DataError):
        chips_money.reference_run(notable, large, "GPT-9")
