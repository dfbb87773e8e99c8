"""Formulas against hand-worked values from the sources, not from our own output."""

from __future__ import annotations

import pytest

from helpers.analysis import compute


def test_deepseek_v3_training_flop() -> None:
    # DeepSeek-V3: 37e9 active parameters, 14.8e12 tokens (arXiv:2412.19437).
    # 6 × 37e9 × 14.8e12 = 3.2856e24 ≈ 3.3e24 FLOP, the value Epoch lists.
    assert compute.training_flop(37e9, 14.8e12) == pytest.approx(3.2856e24)


def test_a_mixture_of_experts_counts_its_active_parameters() -> None:
    # DeepSeek-V3 if it were dense: 6 × 671e9 × 14.8e12 = 6 × 9.9308e24 = 5.95848e25 FLOP, against
    # 3.2856e24 with its 37e9 active parameters.
    assert compute.training_flop(671e9, 14.8e12) == pytest.approx(5.95848e25)


def test_glm_130b_training_flop() -> None:
    # GLM-130B: 130e9 parameters, 400e9 tokens: 6 × 130e9 × 400e9 = 3.12e23 FLOP.
    assert compute.training_flop(130e9, 400e9) == pytest.approx(3.12e23)


def test_inference_flop_per_token() -> None:
    assert compute.inference_flop_per_token(70e9) == 140e9


def test_training_days_hand_worked() -> None:
    # 8.64e19 FLOP on 10 chips of 1e14 FLOP/s at 100 %: 8.64e4 s = exactly 1 day.
    assert compute.training_days(8.64e19, 10, 1e14, 1.0) == pytest.approx(1.0)
    # At 40 % utilisation it takes 2.5 days.
    assert compute.training_days(8.64e19, 10, 1e14, 0.4) == pytest.approx(2.5)


def test_deepseek_v3_implied_utilisation() -> None:
    # 3.3e24 FLOP over 2.788e6 H800-hours at 989 TFLOP/s dense BF16:
    # 3.3e24 / (2.788e6 × 3600 × 9.89e14) = 0.3325 (about a third of peak).
    assert compute.implied_utilisation(3.3e24, 2.788e6, 9.89e14) == pytest.approx(0.3325, abs=5e-4)


def test_growth_round_trip() -> None:
    # 50 million times in five years needs 50e6 ** (1/5) = 34.66× a year.
    assert compute.annual_growth(50e6, 5) == pytest.approx(34.657, rel=1e-4)
    # Epoch's 4.7× a year over five years compounds to 4.7**5 = 2293.45×.
    assert compute.compound(4.7, 5) == pytest.approx(2293.45, rel=1e-5)


@pytest.mark.parametrize("bad", [0.0, -1.0])
def test_non_positive_inputs_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="must be positive"):
        compute.training_flop(bad, 1e9)


def test_utilisation_above_one_is_refused() -> None:
    with pytest.raises(ValueError, match="fraction of peak"):
        compute.training_days(1e20, 1, 1e14, 1.5)


def test_currency_conversion_hand_worked() -> None:
    from helpers.analysis.currency import convert, to_eur, to_usd

    # €500M at 1.1673 $/€ is $583.65M; $600M is €514.01M (600 / 1.1673 = 514.007).
    assert to_usd(500e6, "EUR", 1.1673) == pytest.approx(583.65e6)
    assert to_eur(600e6, "USD", 1.1673) == pytest.approx(514.007e6, rel=1e-6)
    assert convert(1.0, "EUR", "EUR", 1.2) == 1.0
    with pytest.raises(ValueError, match="cannot convert 'CNY'"):
        convert(1.0, "CNY", "USD", 1.1)
