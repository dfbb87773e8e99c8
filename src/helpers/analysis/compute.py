"""Formulas for compute accounting, in base units: FLOP, FLOP/s, seconds, days, fractions.

Conventions (Kaplan et al. 2020, §2.1): training a dense transformer costs about
``6·N·D`` FLOP for ``N`` parameters and ``D`` training tokens (2 for the forward pass, 4 for
the backward pass, per parameter and token); generating one token costs about ``2·N``.
For a mixture-of-experts model, ``N`` is the number of *active* parameters per token.
"""

from __future__ import annotations

#: Training FLOP per parameter and token (2 forward, 4 backward): the 6 of ``6·N·D``.
TRAINING_FLOP_PER_PARAMETER_TOKEN = 6.0
SECONDS_PER_DAY = 86_400.0
SECONDS_PER_HOUR = 3_600.0


def require_positive(**values: float) -> None:
    """Refuse, naming it, any value that is not positive (a ValueError)."""
    for name, value in values.items():
        if not value > 0:
            raise ValueError(f"{name} must be positive, got {value!r}")


def training_flop(parameters: float, tokens: float) -> float:
    """Training compute ≈ 6·N·D (FLOP), with N the (active) parameters and D the tokens."""
    require_positive(parameters=parameters, tokens=tokens)
    return TRAINING_FLOP_PER_PARAMETER_TOKEN * parameters * tokens


def inference_flop_per_token(parameters: float) -> float:
    """Compute to generate one token ≈ 2·N (FLOP), attention and KV cache aside."""
    require_positive(parameters=parameters)
    return 2.0 * parameters


def training_seconds(
    flop: float, chips: float, peak_flops_per_chip: float, utilisation: float
) -> float:
    """Wall time (s) to spend ``flop`` on ``chips`` accelerators at a fraction of their peak."""
    require_positive(
        flop=flop, chips=chips, peak_flops_per_chip=peak_flops_per_chip, utilisation=utilisation
    )
    if utilisation > 1:
        raise ValueError(f"utilisation is a fraction of peak (0 to 1), got {utilisation!r}")
    return flop / (chips * peak_flops_per_chip * utilisation)


def training_days(
    flop: float, chips: float, peak_flops_per_chip: float, utilisation: float
) -> float:
    """Wall time in days; see :func:`training_seconds`."""
    return training_seconds(flop, chips, peak_flops_per_chip, utilisation) / SECONDS_PER_DAY


def implied_utilisation(flop: float, gpu_hours: float, peak_flops_per_chip: float) -> float:
    """The fraction of peak a run achieved: useful FLOP over (GPU-hours × peak FLOP/s)."""
    require_positive(flop=flop, gpu_hours=gpu_hours, peak_flops_per_chip=peak_flops_per_chip)
    return flop / (gpu_hours * SECONDS_PER_HOUR * peak_flops_per_chip)


def annual_growth(total_factor: float, years: float) -> float:
    """The yearly factor that compounds to ``total_factor`` over ``years`` years."""
    require_positive(total_factor=total_factor, years=years)
    return float(total_factor ** (1.0 / years))


def compound(annual_factor: float, years: float) -> float:
    """The total factor after ``years`` years of growth by ``annual_factor`` a year."""
    require_positive(annual_factor=annual_factor, years=years)
    return float(annual_factor**years)
