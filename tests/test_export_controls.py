"""The export-control tests and the compute and memory arithmetic of the China chapter.

Every expected value is worked out by hand in a comment from the sources: the rule thresholds
(data/facts/china_gpus.csv: BIS via heise, eeNews and ECCN Finder), NVIDIA's dense peaks as
reported in the press and in Epoch AI's hardware table, and the GLM-130B and DeepSeek-V3 reports.
None is pasted from the code's own output.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analysis import china_gpus as ec
from helpers.errors import DataError

# The thresholds, typed here from the rule texts (not read from the code under test):
# 2022 (3A090.a, heise/eeNews): 600 TOPS at 8 bits -> TPP 600 × 8 = 4,800; I/O >= 600 GB/s.
# 2023 (3A090.a.1/a.2, ECCN Finder): TPP >= 4,800, or TPP >= 1,600 and density >= 5.92.
RULE_2022 = ec.Rule("2022", tpp=4800, interconnect_bytes_per_s=600e9)
RULE_2023 = ec.Rule("2023", tpp=4800, tpp_with_density=1600, density=5.92)

# Chips whose status is documented (facts-checked.md, Chapter 4; events of the chapter):
#   A100 and H100: controlled from October 2022.
#   A800 and H800: made to pass the 2022 rule, caught by the 2023 rule.
#   H20: built to pass both.
# Inputs, from the press and Epoch's table:
#   A100: 312 TFLOP/s dense BF16 -> TPP = 312 × 16 = 4,992; die 826 mm²; NVLink 600 GB/s.
#   A800: 311.8 TFLOP/s BF16 -> TPP = 311.8 × 16 = 4,988.8; die 826 mm²; NVLink 400 GB/s (heise).
#   H100 SXM: 1,979 TOPS INT8/FP8 -> TPP = 1,979 × 8 = 15,832; die 814 mm²; NVLink 900 GB/s.
#   H800 SXM: same 1,979 × 8 = 15,832; die 814 mm²; NVLink 400 GB/s (300 by another source).
#   H20: 296 TOPS INT8/FP8 -> TPP = 296 × 8 = 2,368; die 814 mm² (the H100's die, TweakTown);
#        NVLink 900 GB/s (TweakTown).
DOCUMENTED = {
    # name: (TPP, die mm², interconnect bytes/s)
    "A100": (4992.0, 826.0, 600e9),
    "A800": (4988.8, 826.0, 400e9),
    "H100": (15832.0, 814.0, 900e9),
    "H800": (15832.0, 814.0, 400e9),
    "H20": (2368.0, 814.0, 900e9),
}


def test_tpp_of_one_precision_hand_worked() -> None:
    # A100: 312e12 FLOP/s / 1e12 = 312 TFLOP/s; × 16 bits = 4,992.
    assert ec.tpp(312e12, 16) == pytest.approx(4992.0)
    # H100: 1,979e12 OP/s at 8 bits: 1,979 × 8 = 15,832.
    assert ec.tpp(1979e12, 8) == pytest.approx(15832.0)
    # H20: 296 × 8 = 2,368.
    assert ec.tpp(296e12, 8) == pytest.approx(2368.0)


def test_tpp_takes_the_largest_precision() -> None:
    # A100: BF16 312 × 16 = 4,992 and INT8 624 × 8 = 4,992: the same, 4,992.
    assert ec.tpp_from_throughputs(bf16_flops=312e12, int8_ops=624e12) == pytest.approx(4992.0)
    # H20: BF16 148 × 16 = 2,368; INT8 296 × 8 = 2,368 -> 2,368.
    assert ec.tpp_from_throughputs(bf16_flops=148e12, fp8_flops=296e12) == pytest.approx(2368.0)
    # Only BF16 known, 100 TFLOP/s: 100 × 16 = 1,600.
    assert ec.tpp_from_throughputs(
        bf16_flops=100e12, fp8_flops=None, int8_ops=float("nan")
    ) == pytest.approx(1600.0)
    assert ec.tpp_from_throughputs() is None


def test_tpp_from_epoch_bit_ops() -> None:
    # Epoch lists the A100 at 4.992e15 bit-OP/s; / 1e12 = 4,992.
    assert ec.tpp_from_bit_ops(4.992e15) == pytest.approx(4992.0)
    assert ec.tpp_from_bit_ops(None) is None
    assert ec.tpp_from_bit_ops(float("nan")) is None


def test_performance_density_hand_worked() -> None:
    # A100: 4,992 / 826 = 6.0436 (≥ 5.92, so the A100 fails the density test too).
    assert ec.performance_density(4992.0, 826.0) == pytest.approx(6.0436, abs=1e-4)
    # H100: 15,832 / 814 = 19.4496; TweakTown quotes 19.4.
    assert ec.performance_density(15832.0, 814.0) == pytest.approx(19.4496, abs=1e-4)
    # H20: 2,368 / 814 = 2.9091; TweakTown quotes 2.9.
    assert ec.performance_density(2368.0, 814.0) == pytest.approx(2.9091, abs=1e-4)
    assert ec.performance_density(4992.0, None) is None
    assert ec.performance_density(None, 826.0) is None
    assert ec.performance_density(4992.0, 0.0) is None


@pytest.mark.parametrize(
    ("chip", "expected"),
    [
        # 4,992 ≥ 4,800 and 600 GB/s ≥ 600 GB/s (the rule says "or more"): controlled.
        ("A100", True),
        # 4,988.8 ≥ 4,800 but 400 < 600 GB/s: not controlled. The interconnect trick.
        ("A800", False),
        # 15,832 ≥ 4,800 and 900 ≥ 600: controlled.
        ("H100", True),
        # 15,832 ≥ 4,800 but 400 < 600 (and 300 < 600 by the other source): not controlled.
        ("H800", False),
        # 2,368 < 4,800: not controlled, whatever its 900 GB/s link.
        ("H20", False),
    ],
)
def test_2022_rule_on_documented_chips(chip: str, expected: bool) -> None:
    tpp_value, _, bandwidth = DOCUMENTED[chip]
    assert ec.controlled_2022(tpp_value, bandwidth, RULE_2022) is expected


@pytest.mark.parametrize(
    ("chip", "expected"),
    [
        ("A100", True),  # 4,992 ≥ 4,800
        ("A800", True),  # 4,988.8 ≥ 4,800: caught once the interconnect test is gone
        ("H100", True),  # 15,832 ≥ 4,800
        ("H800", True),  # 15,832 ≥ 4,800: caught
        # 1,600 ≤ 2,368 < 4,800, so the density decides: 2,368 / 814 = 2.909 < 5.92: not controlled.
        ("H20", False),
    ],
)
def test_2023_rule_on_documented_chips(chip: str, expected: bool) -> None:
    tpp_value, die, _ = DOCUMENTED[chip]
    density = ec.performance_density(tpp_value, die)
    assert ec.controlled_2023(tpp_value, density, RULE_2023) is expected


def test_2022_rule_missing_values() -> None:
    # TPP 2,368 < 4,800 settles it even without a bandwidth.
    assert ec.controlled_2022(2368.0, None, RULE_2022) is False
    # 392 GB/s < 600 settles it even without a TPP.
    assert ec.controlled_2022(None, 392e9, RULE_2022) is False
    # TPP 36,000 ≥ 4,800 but the bandwidth is unknown: undetermined, not a guess.
    assert ec.controlled_2022(36000.0, None, RULE_2022) is None
    assert ec.controlled_2022(None, None, RULE_2022) is None
    # Exactly at both lines: 4,800 and 600 GB/s ("or more") -> controlled.
    assert ec.controlled_2022(4800.0, 600e9, RULE_2022) is True


def test_2023_rule_missing_values_and_edges() -> None:
    # 12,800 ≥ 4,800: controlled without a die size.
    assert ec.controlled_2023(12800.0, None, RULE_2023) is True
    # 1,024 < 1,600: not controlled without a die size.
    assert ec.controlled_2023(1024.0, None, RULE_2023) is False
    # 2,048 is between 1,600 and 4,800 and the density is unknown: undetermined.
    assert ec.controlled_2023(2048.0, None, RULE_2023) is None
    assert ec.controlled_2023(None, 10.0, RULE_2023) is None
    # 4,096 / 560 mm² = 7.314 ≥ 5.92 with 4,096 ≥ 1,600: controlled (a Cambricon MLU290-M5).
    assert ec.controlled_2023(4096.0, 4096.0 / 560.0, RULE_2023) is True
    # 4,096 / 1,228 mm² = 3.336 < 5.92: not controlled (Huawei's Ascend 910 of 2019).
    assert ec.controlled_2023(4096.0, 4096.0 / 1228.0, RULE_2023) is False
    # At the lines exactly: TPP 1,600 and density 5.92 -> controlled; 4,800 -> controlled.
    assert ec.controlled_2023(1600.0, 5.92, RULE_2023) is True
    assert ec.controlled_2023(4800.0, 0.1, RULE_2023) is True


def test_rules_refuse_the_wrong_test() -> None:
    with pytest.raises(ValueError, match="no interconnect test"):
        ec.controlled_2022(5000.0, 700e9, RULE_2023)
    with pytest.raises(ValueError, match="no density test"):
        ec.controlled_2023(5000.0, 7.0, RULE_2022)


def test_rules_built_from_fact_values() -> None:
    values = {
        "us_rule_2022_tpp": 4800.0,
        "us_rule_2022_interconnect_bytes_s": 600e9,
        "us_rule_2023_tpp": 4800.0,
        "us_rule_2023_tpp_with_density": 1600.0,
        "us_rule_2023_performance_density": 5.92,
    }
    built = ec.rules(values)
    assert built["2022"] == RULE_2022
    assert built["2023"] == RULE_2023


def test_status_words() -> None:
    assert ec.status(True) == "controlled"
    assert ec.status(False) == "not controlled"
    assert ec.status(None) == "undetermined"


def _hardware() -> pd.DataFrame:
    """A small table in the shape of Epoch's, with the documented figures (die and link of
    the A800, H800 and H20 left empty, as in Epoch's file)."""
    nan = float("nan")
    return pd.DataFrame(
        {
            "name": ["A100", "A800", "H800", "H20", "X"],
            "manufacturer": ["NVIDIA"] * 4 + ["Other"],
            "release_date": pd.to_datetime(
                ["2020-11-16", "2022-08-11", "2023-03-21", "2023-11-09", None]
            ),
            "tpp_bit_ops": [4.992e15, 4.9888e15, 1.5832e16, 2.368e15, nan],
            "die_mm2": [826.0, 826.0, 814.0, nan, nan],
            "intranode_bandwidth_bytes_per_s": [600e9, nan, nan, nan, nan],
            "memory_bytes": [80e9, 80e9, 80e9, 96e9, nan],
        }
    )


def test_chip_table_with_supplements() -> None:
    sup = [
        ec.Supplement("A800", "interconnect_bytes_per_s", 400e9, "a800_nvlink_bytes_s"),
        ec.Supplement("H800", "interconnect_bytes_per_s", 400e9, "h800_nvlink_bytes_s"),
        ec.Supplement("H20", "density", 2.9, "h20_performance_density"),
    ]
    rules = {"2022": RULE_2022, "2023": RULE_2023}
    table = ec.chip_table(_hardware(), ["H20", "A100", "A800", "H800", "X"], rules, sup).set_index(
        "chip"
    )
    # Sorted by TPP, largest first: H800 15,832; A100 4,992; A800 4,988.8; H20 2,368; X unknown last.
    assert list(table.index) == ["H800", "A100", "A800", "H20", "X"]
    assert table.loc["A100", ["status_2022", "status_2023"]].tolist() == [
        "controlled",
        "controlled",
    ]
    assert table.loc["A800", ["status_2022", "status_2023"]].tolist() == [
        "not controlled",
        "controlled",
    ]
    assert table.loc["H800", ["status_2022", "status_2023"]].tolist() == [
        "not controlled",
        "controlled",
    ]
    # H20: 2,368 < 4,800 (2022); 2,368 in [1,600, 4,800) with the sourced density 2.9 < 5.92 (2023).
    assert table.loc["H20", ["status_2022", "status_2023"]].tolist() == [
        "not controlled",
        "not controlled",
    ]
    assert table.loc["H20", "density_source"] == "h20_performance_density"
    assert table.loc["A800", "interconnect_source"] == "a800_nvlink_bytes_s"
    assert table.loc["A100", "interconnect_source"] == "Epoch"
    # X has nothing: both undetermined, and the table says what is missing.
    assert table.loc["X", ["status_2022", "status_2023"]].tolist() == [
        "undetermined",
        "undetermined",
    ]
    assert table.loc["X", "missing"] == "TPP, die size, interconnect"


def test_chip_table_names_an_unknown_chip() -> None:
    with pytest.raises(DataError, match="no chip 'B300'"):
        ec.chip_table(_hardware(), ["A100", "B300"], {"2022": RULE_2022, "2023": RULE_2023})


def test_sparsity_saving_hand_worked() -> None:
    # 671 / 37 = 18.135...
    assert ec.sparsity_saving(671e9, 37e9) == pytest.approx(18.1351, abs=1e-4)
    # A dense model saves nothing: 130e9 / 130e9 = 1.
    assert ec.sparsity_saving(130e9, 130e9) == 1.0
    with pytest.raises(ValueError):
        ec.sparsity_saving(37e9, 671e9)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Qwen3-235B-A22B", 22e9),
        ("Qwen3-30B-A3B", 3e9),
        ("ERNIE-4.5-300B-A47B", 47e9),
        ("Qwen3-235B-A22B-Instruct (Jul 2025)", 22e9),
        ("GLM-130B", None),
        ("DeepSeek-V3", None),
    ],
)
def test_active_parameters_from_names(name: str, expected: float | None) -> None:
    assert ec.active_from_name(name) == expected


def test_memory_hand_worked() -> None:
    # GLM-130B at FP16: 130e9 × 2 = 260e9 bytes (the README's "up to 260G" checkpoint).
    assert ec.weights_bytes(130e9, 2.0) == pytest.approx(260e9)
    # INT4: 130e9 × 0.5 = 65e9 bytes.
    assert ec.weights_bytes(130e9, ec.BYTES_PER_PARAMETER["INT4"]) == pytest.approx(65e9)
    # With a 1.2 overhead: 260e9 × 1.2 = 312e9 bytes, under 8 × 40e9 = 320e9: it fits.
    assert ec.memory_needed(130e9, 2.0, 1.2) == pytest.approx(312e9)
    assert ec.server_memory(40e9, 8) == pytest.approx(320e9)
    # INT4 on 4 × RTX 3090: 65e9 × 1.2 = 78e9 ≤ 4 × 24e9 = 96e9 (the README's INT4 server).
    assert ec.memory_needed(130e9, 0.5, 1.2) <= ec.server_memory(24e9, 4)
    # Training (ZeRO: 16 bytes per parameter): 130e9 × 16 = 2.08e12 bytes, 6.5 times 320e9.
    assert ec.weights_bytes(130e9, 16) / ec.server_memory(40e9, 8) == pytest.approx(6.5)
    with pytest.raises(ValueError, match="at least 1"):
        ec.memory_needed(130e9, 2.0, 0.9)


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        ("China", "China"),
        ("China,China", "China"),
        ("United States of America", "United States"),
        ("United States of America,United States of America", "United States"),
        ("United States of America,China", "Other"),
        ("France", "Other"),
        (None, "Other"),
    ],
)
def test_country_group(countries: object, expected: str) -> None:
    assert ec.country_group(countries) == expected


def test_owners_complete_drops_incomplete_quarters() -> None:
    owners = pd.DataFrame(
        {
            "owner": ["China", "China", "China"],
            "end_date": pd.to_datetime(["2025-09-30", "2025-12-31", "2026-03-31"]),
            "incomplete": [False, True, False],
            "Notes": ["Estimates", "Estimates", "Incomplete: based on Nvidia fiscal quarters"],
        }
    )
    kept = ec.owners_complete(owners)
    assert kept["end_date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-09-30"]


def test_documented_chips_in_epochs_table(data_folder) -> None:  # type: ignore[no-untyped-def]
    """Epoch's own figures give the documented statuses (with the sourced links it lacks)."""
    from helpers.inputs import loaders

    hardware = loaders.load_ml_hardware()
    sup = [
        ec.Supplement("NVIDIA A800 SXM", "interconnect_bytes_per_s", 400e9, "a800_nvlink_bytes_s"),
        ec.Supplement("NVIDIA H800 SXM5", "interconnect_bytes_per_s", 400e9, "h800_nvlink_bytes_s"),
        ec.Supplement("NVIDIA HGX H20", "density", 2.9, "h20_performance_density"),
    ]
    names = [
        "NVIDIA A100 SXM4 80 GB",
        "NVIDIA A800 SXM",
        "NVIDIA H100 SXM5 80GB",
        "NVIDIA H800 SXM5",
        "NVIDIA HGX H20",
    ]
    table = ec.chip_table(hardware, names, {"2022": RULE_2022, "2023": RULE_2023}, sup).set_index(
        "chip"
    )
    expected = {
        "NVIDIA A100 SXM4 80 GB": ("controlled", "controlled"),
        "NVIDIA A800 SXM": ("not controlled", "controlled"),
        "NVIDIA H100 SXM5 80GB": ("controlled", "controlled"),
        "NVIDIA H800 SXM5": ("not controlled", "controlled"),
        "NVIDIA HGX H20": ("not controlled", "not controlled"),
    }
    for name, (s22, s23) in expected.items():
        assert (table.loc[name, "status_2022"], table.loc[name, "status_2023"]) == (s22, s23), name
    # Epoch's TPP for the A100 is the hand-worked 312 × 16 = 4,992; for the H20, 296 × 8 = 2,368.
    assert table.loc["NVIDIA A100 SXM4 80 GB", "tpp"] == pytest.approx(4992.0)
    assert table.loc["NVIDIA HGX H20", "tpp"] == pytest.approx(2368.0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (30.0, True),
        (200.0, True),
        (20_000.0, True),
        (100_000.0, True),
        (1.0, True),
        # 475 has three significant figures; 5,103,587.67 is an unrounded estimate.
        (475.0, False),
        (5_103_587.67, False),
        (0.0, False),
        (-30.0, False),
        (float("nan"), False),
    ],
)
def test_one_significant_figure(value: float, expected: bool) -> None:
    assert ec.one_significant_figure(value) is expected
