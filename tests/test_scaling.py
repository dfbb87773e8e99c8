"""The AI-factories formulas against values worked by hand from the sources, not from our output."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import ai_factories

# --- Growth ---------------------------------------------------------------------------------


def _models(
    dates: list[str], flop: list[float], frontier: list[bool] | None = None
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "model": [f"m{i}" for i in range(len(dates))],
            "publication_date": pd.to_datetime(dates),
            "training_flop": flop,
            "frontier": ["True" if f else np.nan for f in (frontier or [False] * len(dates))],
        }
    )


def test_decimal_year() -> None:
    # 1971-01-01 is 365 days after 1970-01-01: 1970 + 365 / 365.25 = 1970.99932.
    years = ai_factories.decimal_year(pd.Series(pd.to_datetime(["1970-01-01", "1971-01-01"])))
    assert years.tolist() == pytest.approx([1970.0, 1970 + 365 / 365.25])


def test_fit_recovers_a_doubling_every_six_months() -> None:
    # Compute doubling every half year is 2 × 2 = 4× a year: log10 slope = log10(4) = 0.60206.
    # On a perfect line every bootstrap resample gives the same slope, so the interval is 4 to 4.
    n = 12
    dates = pd.Series(
        pd.Timestamp("2010-01-01") + pd.to_timedelta(np.arange(n) * 365.25 / 2, unit="D")
    )
    flop = [1e20 * 2.0**i for i in range(n)]
    sample = _models(dates.dt.strftime("%Y-%m-%d %H:%M:%S").tolist(), flop)
    fit = ai_factories.fit_growth(sample, n_bootstrap=200, seed=1)
    assert fit.per_year == pytest.approx(4.0, rel=1e-3)
    assert (fit.low, fit.high) == (pytest.approx(4.0, rel=1e-3), pytest.approx(4.0, rel=1e-3))
    # Doubling time: 12 × ln 2 / ln 4 = 6 months.
    assert fit.doubling_months == pytest.approx(6.0, rel=1e-3)
    # Over five years: 4^5 = 1,024.
    assert fit.over(5)[0] == pytest.approx(1024, rel=5e-3)
    assert fit.n_models == n


def test_bootstrap_is_deterministic_and_brackets_the_fit() -> None:
    rng = np.random.default_rng(0)
    n = 60
    dates = pd.Timestamp("2012-01-01") + pd.to_timedelta(np.sort(rng.uniform(0, 3650, n)), unit="D")
    flop = 10 ** (20 + 0.6 * np.arange(n) / n * 10 + rng.normal(0, 0.5, n))
    sample = _models([d.strftime("%Y-%m-%d") for d in dates], flop.tolist())
    one = ai_factories.fit_growth(sample, n_bootstrap=300, seed=7)
    two = ai_factories.fit_growth(sample, n_bootstrap=300, seed=7)
    assert one == two
    assert one.low < one.per_year < one.high


def test_fit_needs_ten_models() -> None:
    with pytest.raises(ValueError, match="at least 10 models"):
        ai_factories.fit_growth(_models(["2020-01-01"] * 3, [1e20] * 3), n_bootstrap=200, seed=0)


def test_growth_sample_filters_window_and_population() -> None:
    models = _models(
        ["2009-06-01", "2015-01-01", "2016-01-01", "2017-01-01"],
        [1e18, 1e20, np.nan, 1e22],
        [True, False, True, True],
    )
    assert ai_factories.growth_sample(models, 2010, "notable")["model"].tolist() == ["m1", "m3"]
    assert ai_factories.growth_sample(models, 2010, "frontier")["model"].tolist() == ["m3"]


def test_record_ratio() -> None:
    # Records: 1e22 by 2020-01-01; 5e25 by 2025-01-01: 5e25 / 1e22 = 5,000.
    models = _models(
        ["2018-01-01", "2019-06-01", "2023-01-01", "2024-12-01"], [1e21, 1e22, 1e25, 5e25]
    )
    ratio, top_end, top_start = ai_factories.record_ratio(models, pd.Timestamp("2025-01-01"), 5)
    assert ratio == pytest.approx(5000)
    assert (top_end["model"], top_start["model"]) == ("m3", "m1")


def test_five_year_factors_from_the_sources() -> None:
    fit = ai_factories.GrowthFit(
        per_year=4.0,
        low=3.0,
        high=5.0,
        intercept=0.0,
        slope=float(np.log10(4)),
        n_models=10,
        first_date=pd.Timestamp("2010-01-01"),
        last_date=pd.Timestamp("2020-01-01"),
    )
    table = ai_factories.five_year_factors(fit).set_index("source")
    nvidia = table.loc["NVIDIA"].set_index("estimate")["factor"].tolist()
    # NVIDIA's blog: 50 million. NVIDIA's slide, 275× per 2 years: 275^(5/2) = 275² × √275
    # = 75,625 × 16.5831 = 1,254,099.
    assert nvidia == pytest.approx([50e6, 1_254_099], rel=1e-5)
    # Epoch AI: 4.7× a year, 4.7^5 = 22.09 × 22.09 × 4.7 = 2,293.45 (4.3^5 = 1,470.1; 5.2^5 = 3,802.0).
    epoch = table.loc["Epoch AI"]
    assert (epoch["factor"], epoch["low"], epoch["high"]) == (
        pytest.approx(2293.45, rel=1e-5),
        pytest.approx(1470.08, rel=1e-5),
        pytest.approx(3802.04, rel=1e-5),
    )
    # The fit: 4^5 = 1,024, 3^5 = 243, 5^5 = 3,125.
    ours = table.loc["This chapter"]
    assert (ours["factor"], ours["low"], ours["high"]) == (1024, 243, 3125)


def test_growth_that_fifty_million_in_five_years_needs() -> None:
    # 50e6^(1/5): log10(5e7) = 7.69897; / 5 = 1.539794; 10^1.539794 = 34.657× a year.
    fifty_million = ai_factories.five_year_factors(
        ai_factories.GrowthFit(
            4.0, 3.0, 5.0, 0.0, 0.6, 10, pd.Timestamp("2010-01-01"), pd.Timestamp("2020-01-01")
        )
    )["factor"].iloc[0]
    assert ai_factories.compute.annual_growth(
        fifty_million, ai_factories.CLAIM_YEARS
    ) == pytest.approx(34.657, rel=1e-4)


# --- Chinchilla -----------------------------------------------------------------------------


def test_published_constants_are_read_from_the_facts() -> None:
    hoffmann = ai_factories.loss_fit("hoffmann_2022")
    assert (hoffmann.e, hoffmann.a, hoffmann.b, hoffmann.alpha, hoffmann.beta) == (
        1.69,
        406.4,
        410.7,
        0.34,
        0.28,
    )
    refit = ai_factories.loss_fit("besiroglu_2024")
    assert (refit.e, refit.a, refit.b, refit.alpha, refit.beta) == (
        1.8172,
        482.01,
        2085.43,
        0.3478,
        0.3658,
    )


def test_chinchilla_loss_hand_worked() -> None:
    # Chinchilla, N = 70e9, D = 1.4e12, Hoffmann's rounded constants:
    # 70e9^0.34 = 10^(0.34 × 10.845098) = 10^3.687333 = 4,867.8 → 406.4 / 4,867.8 = 0.08349
    # 1.4e12^0.28 = 10^(0.28 × 12.146128) = 10^3.400916 = 2,517.2 → 410.7 / 2,517.2 = 0.16316
    # L = 1.69 + 0.08349 + 0.16316 = 1.93665 nats per token.
    assert ai_factories.loss(ai_factories.loss_fit("hoffmann_2022"), 70e9, 1.4e12) == pytest.approx(
        1.93665, abs=2e-4
    )


def test_compute_optimal_split_hoffmann_hand_worked() -> None:
    # Chinchilla's budget 6 × 70e9 × 1.4e12 = 5.88e23 FLOP; take Epoch's 5.76e23: C/6 = 9.6e22.
    # G = (0.34 × 406.4 / (0.28 × 410.7))^(1/0.62) = (138.176 / 114.996)^1.6129 = 1.20157^1.6129 = 1.3447
    # N = G × (9.6e22)^(0.28/0.62) = 1.3447 × 10^(22.982271 × 0.451613) = 1.3447 × 2.3938e10 = 3.219e10
    # D = 9.6e22 / 3.219e10 = 2.982e12.
    fit = ai_factories.loss_fit("hoffmann_2022")
    assert fit.g == pytest.approx(1.3447, rel=1e-4)
    n, d = ai_factories.compute_optimal(fit, 5.76e23)
    assert n == pytest.approx(3.219e10, rel=1e-3)
    assert d == pytest.approx(2.982e12, rel=1e-3)
    assert 6 * n * d == pytest.approx(5.76e23)


def test_compute_optimal_split_refit_recovers_chinchilla() -> None:
    # Epoch's refit: G = (0.3478 × 482.01 / (0.3658 × 2085.43))^(1/0.7136)
    #   = (167.643 / 762.850)^1.40135 = 0.219759^1.40135 = 0.11963
    # N = 0.11963 × (9.6e22)^(0.3658/0.7136) = 0.11963 × 10^(22.982271 × 0.512612) = 0.11963 × 6.0395e11
    #   = 7.225e10, close to Chinchilla's 70e9; D = 9.6e22 / 7.225e10 = 1.329e12 (≈ 18 per parameter).
    n, d = ai_factories.compute_optimal(ai_factories.loss_fit("besiroglu_2024"), 5.76e23)
    assert n == pytest.approx(7.225e10, rel=2e-3)
    assert d == pytest.approx(1.329e12, rel=2e-3)


def test_rule_of_thumb_split() -> None:
    # 20 tokens per parameter, C = 5.76e23: N = sqrt(5.76e23 / 120) = sqrt(4.8e21) = 6.928e10; D = 1.386e12.
    n, d = ai_factories.rule_of_thumb_optimal(5.76e23, 20)
    assert n == pytest.approx(6.928e10, rel=1e-4)
    assert d == pytest.approx(1.3856e12, rel=1e-4)


def test_optimal_frontier_has_one_row_per_rule_and_budget() -> None:
    fits = [ai_factories.loss_fit("hoffmann_2022"), ai_factories.loss_fit("besiroglu_2024")]
    table = ai_factories.optimal_frontier(fits, 20, np.array([1e22, 1e24]))
    assert len(table) == 6
    assert np.allclose(6 * table["parameters"] * table["tokens"], table["budget_flop"])


# --- Lifecycle ------------------------------------------------------------------------------


def test_deepseek_v3_lifecycle_hand_worked() -> None:
    # DeepSeek-V3 (arXiv 2412.19437): 37e9 active parameters, 14.8e12 tokens.
    # Pre-training 6 × 37e9 × 14.8e12 = 3.2856e24 FLOP; post-training 5K of 2,664K GPU-hours
    # ≈ 0.00188 of it. With 0.002: training = 3.2856e24 × 1.002 = 3.29217e24 FLOP.
    # Serving 1e11 tokens a day at 2 × 37e9 FLOP each = 7.4e21 FLOP a day:
    # crossover after 3.29217e24 / 7.4e21 = 444.89 days = 444.89 / 30.4375 = 14.616 months.
    life = ai_factories.lifecycle(37e9, 14.8e12, 0.002, 1e11, 1.0)
    assert life.pretraining == pytest.approx(3.2856e24)
    assert life.training == pytest.approx(3.29217e24, rel=1e-5)
    assert life.inference_per_day == pytest.approx(7.4e21)
    assert life.reasoning_per_day == 0
    assert life.crossover_days == pytest.approx(444.89, rel=1e-4)
    assert life.crossover_months == pytest.approx(14.616, rel=1e-4)


def test_reasoning_multiplier_shortens_the_crossover() -> None:
    # With NVIDIA's "over 100×" as the multiplier, serving costs 100 × 7.4e21 = 7.4e23 FLOP a day:
    # 3.29217e24 / 7.4e23 = 4.449 days. The reasoning part is 99 × 7.4e21 = 7.326e23 a day.
    life = ai_factories.lifecycle(37e9, 14.8e12, 0.002, 1e11, 100.0)
    assert life.reasoning_per_day == pytest.approx(7.326e23)
    assert life.crossover_days == pytest.approx(4.449, rel=1e-3)


def test_lifecycle_table_accumulates() -> None:
    life = ai_factories.lifecycle(37e9, 14.8e12, 0.0, 1e11, 2.0)
    table = life.table(12, steps_per_month=1)
    assert table["month"].tolist() == list(range(13))
    # After 12 months of 365.25 / 12 days: 365.25 days × 7.4e21 = 2.70285e24 FLOP of plain inference.
    assert table["inference"].iloc[-1] == pytest.approx(2.70285e24)
    assert table["total"].iloc[0] == pytest.approx(3.2856e24)


def test_lifecycle_rejects_bad_assumptions() -> None:
    with pytest.raises(ValueError, match="reasoning_multiplier"):
        ai_factories.lifecycle(37e9, 14.8e12, 0.0, 1e11, 0.5)
    with pytest.raises(ValueError, match="post_training_ratio"):
        ai_factories.lifecycle(37e9, 14.8e12, -1.0, 1e11, 1.0)


# --- AI factory -----------------------------------------------------------------------------


def test_tokens_per_mw_h100_hand_worked() -> None:
    # H100 SXM: 989.4e12 FLOP/s dense BF16, 700 W TDP (Epoch AI). At 30 % of peak, a model with
    # 37e9 active parameters: 0.3 × 989.4e12 / (2 × 37e9) = 2.9682e14 / 7.4e10 = 4,011.1 tokens/s.
    # Chips per MW with 1.5× server overhead and PUE 1.2: 1e6 / (700 × 1.5 × 1.2) = 1e6 / 1,260 = 793.65.
    # Tokens/s per MW: 4,011.1 × 793.65 = 3.1834e6.
    assert ai_factories.tokens_per_second_per_chip(989.4e12, 0.3, 37e9) == pytest.approx(
        4011.08, rel=1e-5
    )
    assert ai_factories.chips_per_mw(700, 1.5, 1.2) == pytest.approx(793.651, rel=1e-5)
    assert ai_factories.tokens_per_second_per_mw(
        989.4e12, 700, 37e9, 0.3, 1.5, 1.2
    ) == pytest.approx(3.1834e6, rel=1e-4)


def test_factory_table_keeps_chips_with_the_precision() -> None:
    hardware = pd.DataFrame(
        {
            "name": ["A", "B", "C"],
            "manufacturer": ["x", "x", "y"],
            "release_date": pd.to_datetime(["2022-01-01", "2023-01-01", "2024-01-01"]),
            "bf16_flops": [1e15, 2e15, 1e15],
            "fp8_flops": [2e15, np.nan, 2e15],
            "tdp_w": [1000.0, 1000.0, 500.0],
        }
    )
    # FP8, 1e9 parameters, 50 %, no overhead, PUE 1: C gives 0.5 × 2e15 / 2e9 = 5e5 tokens/s per chip,
    # 2,000 chips per MW → 1e9 tokens/s per MW; A half that (1,000 chips per MW). B has no FP8 peak.
    table = ai_factories.factory_table(hardware, ["A", "B", "C"], "fp8", 1e9, 0.5, 1.0, 1.0)
    assert table["chip"].tolist() == ["C", "A"]
    assert table["tokens_per_s_per_mw"].tolist() == pytest.approx([1e9, 5e8])


def test_factory_rejects_impossible_assumptions() -> None:
    with pytest.raises(ValueError, match="utilisation"):
        ai_factories.tokens_per_second_per_chip(1e15, 1.5, 1e9)
    with pytest.raises(ValueError, match="pue"):
        ai_factories.chips_per_mw(700, 1.5, 0.9)
