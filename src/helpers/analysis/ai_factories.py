"""Scaling laws and AI-factory arithmetic: growth fits, Chinchilla, a lifecycle model, tokens per MW.

Units: compute in FLOP, throughput in FLOP/s, power in W (MW only where a name says so),
time in years, months or days as named, model size in parameters, data in tokens.

- **Growth of training compute.** :func:`fit_growth` fits ``log10(FLOP) = a + b·year`` by
  least squares; the growth factor per year is ``10**b``. Its interval comes from a bootstrap
  over the models (resampled with replacement, a fixed numpy seed, so a rerun gives the same
  interval).
- **Chinchilla** (Hoffmann et al. 2022): ``L(N, D) = E + A/N**alpha + B/D**beta`` nats per
  token, for ``N`` parameters and ``D`` tokens. Minimising it under ``C = 6·N·D`` gives
  ``N_opt = G·(C/6)**(beta/(alpha+beta))`` and ``D_opt = (C/6)**(alpha/(alpha+beta)) / G`` with
  ``G = (alpha·A / (beta·B))**(1/(alpha+beta))`` (the paper's equation 4).
- **Lifecycle** of one model: pre-training ``6·N·D``, post-training as a multiple of it, then
  inference at ``2·N`` FLOP per generated token (Kaplan et al. 2020), times a test-time
  reasoning multiplier, over months of deployment.
- **An AI factory's output**: tokens per second per MW of facility power, compute-bound:
  ``utilisation · peak / (2·N)`` tokens/s per chip, times chips per MW
  ``1e6 / (TDP · server overhead · PUE)``.

Why this module is long: it holds the chapter's four models (growth, Chinchilla, lifecycle, the
AI factory) and the key-figures function that strings them together (:func:`key_figures`,
with its inputs and memoised parts); the function reads best beside the formulas it calls.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from helpers.analysis import compute
from helpers.analysis.keyfigures import KeyFigures, figure
from helpers.errors import DataError
from helpers.inputs import loaders
from helpers.inputs.facts import Fact, fact
from helpers.params import AiFactories

#: Days in an average month (365.25 / 12), for months of deployment.
DAYS_PER_MONTH = 365.25 / 12
#: Seconds in a day.
SECONDS_PER_DAY = compute.SECONDS_PER_DAY
#: Watts in a megawatt.
W_PER_MW = 1e6
#: The article's window for "50 million times": "En los últimos cinco años" (years).
CLAIM_YEARS = 5.0
#: The interval reported with a fit: 90 %, the level of Epoch AI's published interval.
INTERVAL = 0.90

Population = Literal["notable", "frontier"]
FitName = Literal["hoffmann_2022", "besiroglu_2024"]
Precision = Literal["bf16", "fp8"]


# --- Growth of training compute -------------------------------------------------------------


def decimal_year(dates: pd.Series) -> pd.Series:
    """Dates as decimal years (2020-07-02 ≈ 2020.5): days since 1970-01-01 / 365.25 + 1970."""
    days = (pd.to_datetime(dates) - pd.Timestamp("1970-01-01")).dt.days.astype(float)
    return 1970.0 + days / 365.25


def growth_sample(models: pd.DataFrame, start_year: int, population: Population) -> pd.DataFrame:
    """The models a growth fit uses: a known training compute (FLOP) and publication date from
    ``start_year`` on; with ``population="frontier"`` only Epoch's frontier models. Sorted by
    date then name."""
    rows = models[models["training_flop"].gt(0) & models["publication_date"].notna()]
    rows = rows[rows["publication_date"] >= pd.Timestamp(f"{start_year}-01-01")]
    if population == "frontier":
        rows = rows[is_frontier(rows)]
    return rows.sort_values(["publication_date", "model"]).reset_index(drop=True)


def is_frontier(models: pd.DataFrame) -> pd.Series:
    """Epoch AI's "Frontier model" flag as booleans (the file holds ``True`` or nothing)."""
    return models["frontier"].astype("string").str.lower().eq("true").fillna(False).astype(bool)


@dataclass(frozen=True)
class GrowthFit:
    """A log-linear fit of training compute (FLOP) against time (years)."""

    #: Growth factor per year, ``10**slope``.
    per_year: float
    #: The bootstrap interval of ``per_year`` (level :data:`INTERVAL`).
    low: float
    high: float
    #: ``log10(FLOP)`` at year 0 and per year: ``log10(FLOP) = intercept + slope·year``.
    intercept: float
    slope: float
    n_models: int
    first_date: pd.Timestamp
    last_date: pd.Timestamp

    @property
    def doubling_months(self) -> float:
        """Months for compute to double at this rate: ``12·log(2)/log(per_year)``."""
        return float(12.0 * np.log(2.0) / np.log(self.per_year))

    def over(self, years: float) -> tuple[float, float, float]:
        """The total factor over ``years`` years: central, low, high."""
        return (self.per_year**years, self.low**years, self.high**years)

    def predict_log10(self, year: float) -> float:
        """The fitted ``log10(FLOP)`` at decimal ``year``."""
        return self.intercept + self.slope * year


def _slope_intercept(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    slope, intercept = np.polyfit(x, y, 1)
    return float(slope), float(intercept)


def fit_growth(
    sample: pd.DataFrame, n_bootstrap: int, seed: int, level: float = INTERVAL
) -> GrowthFit:
    """Least-squares fit of ``log10(training_flop)`` on the decimal publication year.

    The interval is the central ``level`` of the slopes over ``n_bootstrap`` resamples of the
    models with replacement (numpy's default generator seeded with ``seed``).
    """
    if len(sample) < 10:
        raise ValueError(f"a growth fit needs at least 10 models, got {len(sample)}")
    if not 0 < level < 1:
        raise ValueError(f"level is a fraction between 0 and 1, got {level!r}")
    x = decimal_year(sample["publication_date"]).to_numpy()
    y = np.log10(sample["training_flop"].to_numpy(dtype=float))
    slope, intercept = _slope_intercept(x, y)
    # All resamples at once: the same draws as one ``integers(0, n, n)`` per resample (numpy's
    # generator fills an array row by row), and each resample's least-squares slope in closed
    # form, cov(x, y) / var(x), as np.polyfit finds it.
    pick = np.random.default_rng(seed).integers(0, len(x), (n_bootstrap, len(x)))
    xs, ys = x[pick], y[pick]
    dx = xs - xs.mean(axis=1, keepdims=True)
    slopes = (dx * (ys - ys.mean(axis=1, keepdims=True))).sum(axis=1) / (dx * dx).sum(axis=1)
    tail = (1 - level) / 2
    lo, hi = np.quantile(slopes, [tail, 1 - tail])
    return GrowthFit(
        per_year=float(10**slope),
        low=float(10**lo),
        high=float(10**hi),
        intercept=intercept,
        slope=slope,
        n_models=len(sample),
        first_date=sample["publication_date"].min(),
        last_date=sample["publication_date"].max(),
    )


def fit_line(
    fit: GrowthFit, start: pd.Timestamp, end: pd.Timestamp, points: int = 2
) -> pd.DataFrame:
    """The fitted trend as a table (``publication_date``, ``training_flop``) for a chart. The
    trend is a straight line on a chart's log scale, so by default its two ends draw it."""
    dates = pd.Series(pd.date_range(start, end, periods=points))
    years = decimal_year(dates)
    return pd.DataFrame(
        {"publication_date": dates, "training_flop": 10 ** (fit.intercept + fit.slope * years)}
    )


def record_ratio(
    models: pd.DataFrame, end: pd.Timestamp, years: float
) -> tuple[float, pd.Series, pd.Series]:
    """How much the largest training compute on record grew over the ``years`` years to ``end``.

    Returns the ratio and the two record-holding models (the largest published by ``end``, and
    the largest published by ``end`` minus ``years``).
    """
    known = models[models["training_flop"].gt(0) & models["publication_date"].notna()]
    start = end - pd.DateOffset(months=round(12 * years))
    before_end = known[known["publication_date"] <= end]
    before_start = known[known["publication_date"] <= start]
    if before_end.empty or before_start.empty:
        raise ValueError(f"no model with a training compute before {start.date()}")
    top_end = before_end.loc[before_end["training_flop"].idxmax()]
    top_start = before_start.loc[before_start["training_flop"].idxmax()]
    return float(top_end["training_flop"] / top_start["training_flop"]), top_end, top_start


def five_year_factors(fit: GrowthFit, years: float = CLAIM_YEARS) -> pd.DataFrame:
    """The five-year factor implied by each sourced growth rate, and NVIDIA's claim.

    Columns ``estimate``, ``source``, ``factor``, ``low``, ``high`` (ratios over ``years``).
    Epoch's published rate, NVIDIA's slide (per two years) and the claim come from the facts
    table; the fit from ``fit``.
    """
    claim = fact("nvidia_pretraining_compute_growth_5y")
    epoch = fact("epoch_compute_growth_per_year")
    slide = fact("nvidia_slide_transformer_growth_2y")
    central, low, high = fit.over(years)
    rows = [
        ("NVIDIA's claim (blog, March 2025)", "NVIDIA", claim.value, claim.value, claim.value),
        (
            "NVIDIA's investor slide",
            "NVIDIA",
            slide.value ** (years / 2),
            (slide.low or slide.value) ** (years / 2),
            (slide.high or slide.value) ** (years / 2),
        ),
        (
            "Epoch AI's published trend",
            "Epoch AI",
            epoch.value**years,
            (epoch.low or epoch.value) ** years,
            (epoch.high or epoch.value) ** years,
        ),
        ("This chapter's fit", "This chapter", central, low, high),
    ]
    return pd.DataFrame(rows, columns=["estimate", "source", "factor", "low", "high"])


# --- Chinchilla -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LossFit:
    """The constants of ``L(N, D) = E + A/N**alpha + B/D**beta`` (loss in nats per token)."""

    name: str
    e: float
    a: float
    b: float
    alpha: float
    beta: float

    @property
    def g(self) -> float:
        """``G = (alpha·A / (beta·B))**(1/(alpha+beta))``, the scale of the optimal split."""
        return float(
            (self.alpha * self.a / (self.beta * self.b)) ** (1.0 / (self.alpha + self.beta))
        )

    @property
    def n_exponent(self) -> float:
        """``N_opt ∝ C**(beta/(alpha+beta))``."""
        return self.beta / (self.alpha + self.beta)

    @property
    def d_exponent(self) -> float:
        """``D_opt ∝ C**(alpha/(alpha+beta))``."""
        return self.alpha / (self.alpha + self.beta)


#: The fits, by name: the fact-id prefix of each constant and a label.
_FITS: dict[str, tuple[str, str]] = {
    "hoffmann_2022": ("chinchilla_", "Hoffmann et al. (2022), approach 3"),
    "besiroglu_2024": ("chinchilla_refit_", "Besiroglu et al. (2024), Epoch AI's refit"),
}


def loss_fit(name: FitName) -> LossFit:
    """The published constants of fit ``name``, read from the facts table."""
    prefix, label = _FITS[name]
    return LossFit(label, *(fact(prefix + key).value for key in ("e", "a", "b", "alpha", "beta")))


def loss(fit: LossFit, parameters: float, tokens: float) -> float:
    """Predicted loss (nats per token) of a model of ``parameters`` trained on ``tokens``."""
    compute.require_positive(parameters=parameters, tokens=tokens)
    return float(fit.e + fit.a / parameters**fit.alpha + fit.b / tokens**fit.beta)


def compute_optimal(fit: LossFit, budget_flop: float) -> tuple[float, float]:
    """The (parameters, tokens) that minimise ``fit``'s loss at ``budget_flop = 6·N·D``."""
    compute.require_positive(budget_flop=budget_flop)
    c6 = budget_flop / 6.0
    n = fit.g * c6**fit.n_exponent
    return float(n), float(c6 / n)


def rule_of_thumb_optimal(budget_flop: float, tokens_per_parameter: float) -> tuple[float, float]:
    """The split with a fixed ratio ``D = r·N``: ``N = sqrt(C / (6·r))`` and ``D = r·N``."""
    compute.require_positive(budget_flop=budget_flop, tokens_per_parameter=tokens_per_parameter)
    n = float(
        np.sqrt(budget_flop / (compute.TRAINING_FLOP_PER_PARAMETER_TOKEN * tokens_per_parameter))
    )
    return n, tokens_per_parameter * n


def optimal_frontier(
    fits: list[LossFit], tokens_per_parameter: float, budgets: np.ndarray
) -> pd.DataFrame:
    """Compute-optimal (parameters, tokens) for each budget (FLOP) and each fit, plus the
    fixed-ratio rule. Columns ``rule``, ``budget_flop``, ``parameters``, ``tokens``."""
    rows = []
    for budget in budgets:
        for fit in fits:
            n, d = compute_optimal(fit, float(budget))
            rows.append((fit.name, float(budget), n, d))
        n, d = rule_of_thumb_optimal(float(budget), tokens_per_parameter)
        rows.append(
            (
                f"{tokens_per_parameter:.0f} tokens per parameter (Chinchilla's ratio)",
                float(budget),
                n,
                d,
            )
        )
    return pd.DataFrame(rows, columns=["rule", "budget_flop", "parameters", "tokens"])


def language_models(models: pd.DataFrame) -> pd.DataFrame:
    """Language models with parameters, training tokens and compute known, with
    ``tokens_per_parameter`` and ``compute_6nd`` (FLOP, ``6·N·D`` with Epoch's N).

    Epoch's ``parameters`` is the total count: for a mixture-of-experts model it overstates
    the parameters active per token.
    """
    rows = models[
        models["domain"].astype("string").str.contains("Language", na=False)
        & models["parameters"].gt(0)
        & models["dataset_size"].gt(0)
        & models["training_flop"].gt(0)
    ].copy()
    rows["tokens_per_parameter"] = rows["dataset_size"] / rows["parameters"]
    rows["compute_6nd"] = [
        compute.training_flop(n, d)
        for n, d in zip(rows["parameters"], rows["dataset_size"], strict=True)
    ]
    rows["frontier"] = is_frontier(rows)
    cols = [
        "model",
        "organization",
        "publication_date",
        "parameters",
        "dataset_size",
        "training_flop",
        "tokens_per_parameter",
        "compute_6nd",
        "frontier",
    ]
    return rows[cols].sort_values(["publication_date", "model"]).reset_index(drop=True)


# --- Lifecycle of one model -----------------------------------------------------------------


@dataclass(frozen=True)
class Lifecycle:
    """The compute of one model's life, in FLOP (inference per day in FLOP/day)."""

    pretraining: float
    post_training: float
    #: Plain inference per day: 2·N FLOP per token × tokens served per day.
    inference_per_day: float
    #: Extra test-time reasoning per day: (multiplier − 1) × plain inference.
    reasoning_per_day: float

    @property
    def training(self) -> float:
        """Pre-training plus post-training (FLOP)."""
        return self.pretraining + self.post_training

    @property
    def serving_per_day(self) -> float:
        """Inference including reasoning (FLOP per day)."""
        return self.inference_per_day + self.reasoning_per_day

    @property
    def crossover_days(self) -> float:
        """Days of serving after which inference (with reasoning) has used more compute than
        training: ``training / serving_per_day``."""
        return self.training / self.serving_per_day

    @property
    def crossover_months(self) -> float:
        """:attr:`crossover_days` in months of :data:`DAYS_PER_MONTH` days."""
        return self.crossover_days / DAYS_PER_MONTH

    def table(self, months: int, steps_per_month: int = 4) -> pd.DataFrame:
        """Cumulative compute by month (``month`` from 0 to ``months``), in FLOP, one column per
        part: ``pretraining``, ``post_training``, ``inference``, ``reasoning``, ``total``."""
        month = np.linspace(0.0, float(months), months * steps_per_month + 1)
        days = month * DAYS_PER_MONTH
        out = pd.DataFrame(
            {
                "month": month,
                "pretraining": self.pretraining,
                "post_training": self.post_training,
                "inference": self.inference_per_day * days,
                "reasoning": self.reasoning_per_day * days,
            }
        )
        out["total"] = out[["pretraining", "post_training", "inference", "reasoning"]].sum(axis=1)
        return out


def lifecycle(
    parameters: float,
    tokens: float,
    post_training_ratio: float,
    tokens_per_day: float,
    reasoning_multiplier: float,
) -> Lifecycle:
    """The lifecycle of a model of ``parameters`` (active) trained on ``tokens``.

    ``post_training_ratio`` is post-training compute as a multiple of pre-training (≥ 0);
    ``tokens_per_day`` the tokens it generates a day; ``reasoning_multiplier`` (≥ 1) the compute
    of an answer with test-time reasoning over one plain inference pass.
    """
    compute.require_positive(tokens_per_day=tokens_per_day)
    if post_training_ratio < 0:
        raise ValueError(f"post_training_ratio must be >= 0, got {post_training_ratio!r}")
    if reasoning_multiplier < 1:
        raise ValueError(f"reasoning_multiplier must be >= 1, got {reasoning_multiplier!r}")
    pre = compute.training_flop(parameters, tokens)
    plain = compute.inference_flop_per_token(parameters) * tokens_per_day
    return Lifecycle(
        pretraining=pre,
        post_training=pre * post_training_ratio,
        inference_per_day=plain,
        reasoning_per_day=plain * (reasoning_multiplier - 1),
    )


# --- What an AI factory produces ------------------------------------------------------------


def chips_per_mw(tdp_w: float, server_overhead: float, pue: float) -> float:
    """Accelerators one MW of facility power feeds: ``1e6 / (TDP · overhead · PUE)``.

    ``server_overhead`` (≥ 1) is the IT power per accelerator (CPUs, memory, network) as a
    multiple of its TDP; ``pue`` (≥ 1) the facility power over the IT power.
    """
    compute.require_positive(tdp_w=tdp_w)
    if server_overhead < 1 or pue < 1:
        raise ValueError(f"server_overhead and pue are >= 1, got {server_overhead!r} and {pue!r}")
    return W_PER_MW / (tdp_w * server_overhead * pue)


def tokens_per_second_per_chip(peak_flops: float, utilisation: float, parameters: float) -> float:
    """Generated tokens per second of one accelerator, compute-bound:
    ``utilisation · peak / (2·N)``."""
    compute.require_positive(peak_flops=peak_flops, utilisation=utilisation)
    if utilisation > 1:
        raise ValueError(f"utilisation is a fraction of peak (0 to 1), got {utilisation!r}")
    return utilisation * peak_flops / compute.inference_flop_per_token(parameters)


def tokens_per_second_per_mw(
    peak_flops: float,
    tdp_w: float,
    parameters: float,
    utilisation: float,
    server_overhead: float,
    pue: float,
) -> float:
    """Tokens per second per MW of facility power (see :func:`chips_per_mw`)."""
    return tokens_per_second_per_chip(peak_flops, utilisation, parameters) * chips_per_mw(
        tdp_w, server_overhead, pue
    )


def peak_column(precision: Precision) -> str:
    """The column of :func:`helpers.inputs.loaders.load_ml_hardware` holding the dense peak."""
    return {"bf16": "bf16_flops", "fp8": "fp8_flops"}[precision]


def factory_table(
    hardware: pd.DataFrame,
    chips: list[str],
    precision: Precision,
    parameters: float,
    utilisation: float,
    server_overhead: float,
    pue: float,
) -> pd.DataFrame:
    """Tokens per second per MW for each chip of ``chips`` that Epoch lists with a peak at
    ``precision`` and a TDP. Columns ``chip``, ``manufacturer``, ``release_date``,
    ``peak_flops``, ``tdp_w``, ``chips_per_mw``, ``tokens_per_s_per_chip``,
    ``tokens_per_s_per_mw``; sorted by the last, largest first."""
    col = peak_column(precision)
    rows = hardware[hardware["name"].isin(chips) & hardware[col].gt(0) & hardware["tdp_w"].gt(0)]
    out = pd.DataFrame(
        {
            "chip": rows["name"],
            "manufacturer": rows["manufacturer"],
            "release_date": rows["release_date"],
            "peak_flops": rows[col],
            "tdp_w": rows["tdp_w"],
        }
    )
    out["chips_per_mw"] = [chips_per_mw(t, server_overhead, pue) for t in out["tdp_w"]]
    out["tokens_per_s_per_chip"] = [
        tokens_per_second_per_chip(p, utilisation, parameters) for p in out["peak_flops"]
    ]
    out["tokens_per_s_per_mw"] = out["chips_per_mw"] * out["tokens_per_s_per_chip"]
    return out.sort_values(["tokens_per_s_per_mw", "chip"], ascending=[False, True]).reset_index(
        drop=True
    )


# --- The chapter's key figures: inputs loaded once, then a pure function of the parameters ---


@dataclass(frozen=True, eq=False)
class Inputs:
    """What the chapter's key figures are computed from (:func:`load_inputs`); compared and
    hashed by identity, so the memoised parts below run once per ``Inputs``."""

    #: Epoch AI's notable models, with the ``frontier`` flag.
    models: pd.DataFrame
    hardware: pd.DataFrame
    facts: dict[str, Fact]


#: The facts the key figures read.
FACT_IDS = (
    "nvidia_pretraining_compute_growth_5y",
    "aif_deepseek_v3_post_training_gpu_hours",
    "aif_deepseek_v3_pretraining_gpu_hours",
)


def load_inputs() -> Inputs:
    """Read the datasets and facts of the chapter."""
    models = loaders.load_notable_models()
    return Inputs(
        models=models.assign(frontier=is_frontier(models)),
        hardware=loaders.load_ml_hardware(),
        facts={i: fact(i) for i in FACT_IDS},
    )


@functools.lru_cache(maxsize=256)
def _growth(
    inputs: Inputs, start_year: int, population: Population, n_bootstrap: int, seed: int
) -> GrowthFit:
    """The growth fit (its bootstrap is the slow part: memoised per set of its parameters)."""
    sample = growth_sample(inputs.models, start_year, population)
    return fit_growth(sample, n_bootstrap=n_bootstrap, seed=seed)


@functools.lru_cache(maxsize=8)
def _loss_fit(inputs: Inputs, name: FitName) -> LossFit:
    """:func:`loss_fit`, read from the facts once per ``Inputs``."""
    return loss_fit(name)


@functools.lru_cache(maxsize=4)
def _record(inputs: Inputs) -> float:
    """Growth of the record training compute over the five years to NVIDIA's blog."""
    blog = pd.Timestamp(inputs.facts["nvidia_pretraining_compute_growth_5y"].source_date)
    return record_ratio(inputs.models, blog, CLAIM_YEARS)[0]


@functools.lru_cache(maxsize=64)
def _chip(inputs: Inputs, name: str, precision: Precision) -> tuple[float, float] | None:
    """The chip's dense peak at ``precision`` and its TDP, as :func:`factory_table` reads them
    (None where Epoch AI lists no such peak or TDP)."""
    table = factory_table(inputs.hardware, [name], precision, 1.0, 1.0, 1.0, 1.0)
    if table.empty:
        return None
    return float(table.iloc[0]["peak_flops"]), float(table.iloc[0]["tdp_w"])


def key_figures(params: AiFactories, inputs: Inputs) -> KeyFigures:
    """The chapter's key figures (the table nbval checks), from its parameters and inputs."""
    fit = _growth(
        inputs,
        params.fit_start_year,
        params.fit_population,
        params.n_bootstrap,
        params.bootstrap_seed,
    )
    fit_5y = fit.over(CLAIM_YEARS)[0]
    needed = compute.annual_growth(
        inputs.facts["nvidia_pretraining_compute_growth_5y"].value, CLAIM_YEARS
    )
    opt_n, opt_d = compute_optimal(
        _loss_fit(inputs, params.chinchilla_fit), params.compute_budget_flop
    )
    post_h = inputs.facts["aif_deepseek_v3_post_training_gpu_hours"].value
    pre_h = inputs.facts["aif_deepseek_v3_pretraining_gpu_hours"].value
    life = lifecycle(
        params.model_parameters,
        params.training_tokens,
        params.post_training_ratio,
        params.tokens_served_per_day,
        params.reasoning_multiplier,
    )
    chip = _chip(inputs, params.chip, params.precision)
    if chip is None:
        raise DataError(
            f"Epoch AI lists no dense {params.precision.upper()} peak for {params.chip}: "
            "choose precision='bf16'"
        )
    tokens_per_mw = tokens_per_second_per_mw(
        peak_flops=chip[0],
        tdp_w=chip[1],
        parameters=params.model_parameters,
        utilisation=params.utilisation,
        server_overhead=params.server_overhead,
        pue=params.pue,
    )
    rows = [
        ("fit_models", "Growth fit: models", fit.n_models, "count", ",d"),
        ("fit_per_year", "Growth fit: factor per year", fit.per_year, "x/year", ".3f"),
        ("fit_low", "Growth fit: interval low", fit.low, "x/year", ".3f"),
        ("fit_high", "Growth fit: interval high", fit.high, "x/year", ".3f"),
        ("fit_5y", "Growth fit: five years", fit_5y, "x", ",.0f"),
        ("needed", "Needed for the claim", needed, "x/year", ".2f"),
        ("record_5y", "Record compute, five years to the blog", _record(inputs), "x", ",.0f"),
        ("optimal_parameters", "Optimal parameters for the budget", opt_n, "parameters", ".4g"),
        ("optimal_tokens", "Optimal tokens for the budget", opt_d, "tokens", ".4g"),
        ("post_over_pre", "DeepSeek-V3 post- over pre-training", 100 * post_h / pre_h, "%", ".3f"),
        ("crossover_months", "Serving passes training after", life.crossover_months, "months", ".2f"),
        ("tokens_per_mw", "AI factory output per MW", tokens_per_mw, "tokens/s", ",.0f"),
    ]  # fmt: skip
    return KeyFigures("ai_factories", [figure(*row) for row in rows])
