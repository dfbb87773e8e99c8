"""Which assumptions matter: one-at-a-time, Morris and Sobol' analyses of the key figures.

Each chapter's key figures are a pure function of its parameters
(:mod:`helpers.analysis.keyfigures`), and each parameter declares, beside its range in
:mod:`helpers.params`, how the sensitivity analysis treats it (:func:`helpers.params.varied`
or :func:`helpers.params.held_fixed`, each with its reason). From those declarations:

- :func:`factors` lists a chapter's varied parameters as :class:`Factor` objects, each mapping
  a number ``u`` in [0, 1) to a value of the parameter: uniform or log-uniform over its range,
  or one of its choices, each equally likely (a discrete factor);
- :func:`one_at_a_time` moves each factor alone to the ends of its range (or through its
  choices), the others at their defaults: the tornado chart;
- :func:`sobol_sample` and :func:`sobol_indices` are the variance-based analysis (Saltelli's
  sampling and Sobol' first-order and total indices with bootstrap confidence intervals, by
  SALib), :func:`morris_sample` and :func:`morris_indices` Morris's elementary-effects
  screening (SALib), for chapters with many factors;
- :func:`evaluate` computes the key figures of a batch of points of the unit cube.

The machinery that spreads :func:`evaluate` over an executor in resumable chunks is
:mod:`helpers.build.sensitivity`; the chapter "Which assumptions matter" reads its results.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import types
import typing
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import morris as morris_sample_
from SALib.sample import sobol as sobol_sample_

from helpers.analysis.keyfigures import Figure, KeyFigures, key_figures_of
from helpers.errors import ComputeRaceError
from helpers.params import SPECS
from helpers.paths import BUILD

Kind = Literal["uniform", "log-uniform", "choice"]

#: The confidence level of every interval: SALib's bootstrap of the indices.
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Factor:
    """A varied parameter: its name, its distribution over ``low``–``high`` (or over its
    ``choices``), whether its values are integers, and the reason for the distribution."""

    name: str
    distribution: Kind
    low: float
    high: float
    choices: tuple[Any, ...]
    integer: bool
    why: str

    def value(self, u: float) -> Any:
        """The parameter's value at ``u`` in [0, 1]: the quantile ``u`` of its distribution."""
        return self.values(np.array([u]))[0]

    def values(self, u: np.ndarray) -> list[Any]:
        """:meth:`value` of every element of ``u`` (vectorised: a sample has thousands)."""
        u = np.clip(np.asarray(u, dtype=float), 0.0, 1.0)
        if self.distribution == "choice":
            index = np.minimum((u * len(self.choices)).astype(int), len(self.choices) - 1)
            return [self.choices[i] for i in index.tolist()]
        if self.distribution == "log-uniform":
            x = np.exp(math.log(self.low) + u * (math.log(self.high) - math.log(self.low)))
        else:
            x = self.low + u * (self.high - self.low)
        if self.integer:
            whole = np.clip(np.round(x), math.ceil(self.low), math.floor(self.high))
            return [int(v) for v in whole.tolist()]
        return [float(v) for v in np.clip(x, self.low, self.high).tolist()]

    def settings(self) -> list[tuple[str, Any]]:
        """The values the one-at-a-time analysis tries: both ends of the range, or every
        choice, each with a label."""
        if self.distribution == "choice":
            return [(repr(c), c) for c in self.choices]
        return [("low", self.value(0.0)), ("high", self.value(1.0))]


def _bounds(field: Any) -> tuple[float | None, float | None]:
    low = high = None
    for meta in field.metadata:
        low = getattr(meta, "ge", None) if getattr(meta, "ge", None) is not None else low
        high = getattr(meta, "le", None) if getattr(meta, "le", None) is not None else high
    return low, high


def _choices(annotation: Any) -> tuple[Any, ...]:
    if annotation is bool:
        return (False, True)
    if typing.get_origin(annotation) is Literal:
        return typing.get_args(annotation)
    return ()


def _is_integer(annotation: Any) -> bool:
    args = set(typing.get_args(annotation)) if isinstance(annotation, types.UnionType) else set()
    return annotation is int or (int in args and float not in args)


def declaration(stem: str, name: str) -> dict[str, Any]:
    """Parameter ``name`` of chapter ``stem``'s declared treatment (``distribution``, ``why``,
    and ``low``/``high`` where they narrow the range)."""
    extra = SPECS[stem].model_fields[name].json_schema_extra
    spec = extra.get("sensitivity") if isinstance(extra, dict) else None
    if not isinstance(spec, dict):
        raise ValueError(f"{stem}: parameter {name!r} declares no sensitivity treatment")
    return dict(spec)


def factors(stem: str) -> list[Factor]:
    """Chapter ``stem``'s varied parameters, in the order of its contract."""
    out = []
    for name, field in SPECS[stem].model_fields.items():
        spec = declaration(stem, name)
        kind = spec["distribution"]
        if kind == "fixed":
            continue
        choices = _choices(field.annotation)
        low, high = _bounds(field)
        low = spec.get("low") if spec.get("low") is not None else low
        high = spec.get("high") if spec.get("high") is not None else high
        if kind == "choice":
            if not choices:
                raise ValueError(f"{stem}: {name!r} is a 'choice' but declares no choices")
            low, high = 0.0, float(len(choices) - 1)
        elif low is None or high is None or not low < high:
            raise ValueError(f"{stem}: {name!r} is {kind!r} but has no range to vary over")
        elif kind == "log-uniform" and low <= 0:
            raise ValueError(f"{stem}: {name!r} is log-uniform from {low!r}: give it a floor > 0")
        out.append(
            Factor(
                name,
                kind,
                float(low),
                float(high),
                choices,
                _is_integer(field.annotation),
                str(spec["why"]),
            )
        )
    return out


def held_fixed(stem: str) -> dict[str, str]:
    """Chapter ``stem``'s parameters left at their defaults, each with the reason."""
    return {
        name: str(declaration(stem, name)["why"])
        for name in SPECS[stem].model_fields
        if declaration(stem, name)["distribution"] == "fixed"
    }


def problem_of(fs: Sequence[Factor]) -> dict[str, Any]:
    """SALib's problem: one dimension of the unit cube per factor (each factor maps its own)."""
    names = [f.name for f in fs]
    return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}


def problem(stem: str) -> dict[str, Any]:
    """:func:`problem_of` chapter ``stem``'s factors."""
    return problem_of(factors(stem))


def overrides(fs: Sequence[Factor], point: Sequence[float]) -> dict[str, Any]:
    """The parameter overrides at ``point`` of the unit cube."""
    return {f.name: f.value(u) for f, u in zip(fs, point, strict=True)}


def baseline(stem: str) -> KeyFigures:
    """Chapter ``stem``'s key figures at its defaults."""
    return key_figures_of(stem, {})


def evaluate(stem: str, points: np.ndarray) -> np.ndarray:
    """The key figures (one column per key, in the baseline's order) at each row of
    ``points``, a batch of the unit cube with one column per factor. (A top-level function
    of plain arguments: an executor pickles it.)"""
    fs = factors(stem)
    keys = list(baseline(stem))
    columns = [f.values(points[:, j]) for j, f in enumerate(fs)]
    out = np.empty((len(points), len(keys)))
    for i in range(len(points)):
        point = {f.name: column[i] for f, column in zip(fs, columns, strict=True)}
        values = key_figures_of(stem, point).values_by_key()
        out[i] = [values[k] for k in keys]
    return out


def one_at_a_time(stem: str) -> pd.DataFrame:
    """Each factor alone at each of its settings, the others at their defaults: one row per
    factor, setting and key figure, with the figure's value and its ratio to the baseline."""
    base = baseline(stem)
    rows = []
    for factor in factors(stem):
        for setting, value in factor.settings():
            moved = key_figures_of(stem, {factor.name: value})
            for key, fig in base.items():
                rows.append(
                    {
                        "factor": factor.name,
                        "setting": setting,
                        "parameter_value": value,
                        "figure": key,
                        "value": moved[key].value,
                        "baseline": fig.value,
                        "ratio": moved[key].value / fig.value if fig.value else math.nan,
                    }
                )
    return pd.DataFrame(rows)


def sobol_sample_of(fs: Sequence[Factor], n: int, seed: int) -> np.ndarray:
    """Saltelli's sample for first-order and total Sobol' indices: ``n × (factors + 2)``
    points of the unit cube (``n`` a power of two, for the Sobol' sequence's balance)."""
    if n < 2 or n & (n - 1):
        raise ValueError(f"the Sobol' base sample size is a power of two, got {n}")
    return sobol_sample_.sample(problem_of(fs), n, calc_second_order=False, seed=seed)


def sobol_sample(stem: str, n: int, seed: int) -> np.ndarray:
    """:func:`sobol_sample_of` chapter ``stem``'s factors."""
    return sobol_sample_of(factors(stem), n, seed)


def sobol_of(
    fs: Sequence[Factor], y: np.ndarray, seed: int, resamples: int = 100
) -> dict[str, np.ndarray]:
    """SALib's first-order and total indices (``S1``, ``ST``) of output ``y`` over the
    Saltelli sample of ``fs``, with the half-widths of their intervals (``S1_conf``,
    ``ST_conf``) at :data:`CONFIDENCE`."""
    res = sobol_analyze.analyze(
        problem_of(fs),
        y,
        calc_second_order=False,
        num_resamples=resamples,
        conf_level=CONFIDENCE,
        seed=seed,
    )
    return {k: np.asarray(res[k]) for k in ("S1", "S1_conf", "ST", "ST_conf")}


def output_sample(points: np.ndarray, outputs: np.ndarray, n_factors: int) -> np.ndarray:
    """The rows of a Saltelli sample's outputs drawn from the factors' joint distribution (its
    A and B matrices, the first and last row of each block): what the figures' ranges use."""
    block = n_factors + 2
    rows = np.r_[np.arange(0, len(points), block), np.arange(block - 1, len(points), block)]
    return outputs[np.sort(rows)]


def analysed(outputs: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The outputs as the indices analyse them, and each column's scale: the base-10
    logarithm of a figure that is positive throughout the sample (its order of magnitude:
    days, FLOP and dollars are products of the factors, whose logarithms add, and a heavy tail
    would otherwise make the variance, and so the indices, a matter of a few extreme
    points), the value itself otherwise."""
    positive = np.asarray((outputs > 0).all(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        logged = np.where(positive, np.log10(np.where(outputs > 0, outputs, 1.0)), outputs)
    return logged, ["log10" if p else "linear" for p in positive.tolist()]


def _varies(y: np.ndarray) -> bool:
    spread = float(np.ptp(y))
    return spread > 1e-12 * max(1.0, float(np.max(np.abs(y))))


def _indices(
    names: Sequence[str],
    outputs: np.ndarray,
    keys: Sequence[str],
    analyse: Callable[[np.ndarray], dict[str, Any]],
    columns: Sequence[str],
) -> pd.DataFrame:
    """One row per key figure that varies over the sample and per factor: the ``columns`` of
    ``analyse`` (SALib's analysis of one figure's outputs, on its :func:`analysed` scale)."""
    values, _ = analysed(outputs)
    rows = []
    for j, key in enumerate(keys):
        y = values[:, j]
        if not _varies(y):
            continue
        res = analyse(y)
        for i, name in enumerate(names):
            rows.append({"figure": key, "factor": name, **{c: float(res[c][i]) for c in columns}})
    return pd.DataFrame(rows, columns=["figure", "factor", *columns])


def sobol_indices(
    stem: str, outputs: np.ndarray, keys: Sequence[str], seed: int, resamples: int = 100
) -> pd.DataFrame:
    """First-order (S1) and total (ST) indices, with the half-widths of their confidence
    intervals, for each key figure that varies over the sample and each factor (of the
    figure's :func:`analysed` scale)."""
    fs = factors(stem)
    return _indices(
        [f.name for f in fs],
        outputs,
        keys,
        lambda y: sobol_of(fs, y, seed, resamples),
        ["S1", "S1_conf", "ST", "ST_conf"],
    )


def morris_sample(stem: str, trajectories: int, seed: int, levels: int = 4) -> np.ndarray:
    """Morris's sample: ``trajectories × (factors + 1)`` points of the unit cube."""
    return morris_sample_.sample(problem(stem), trajectories, num_levels=levels, seed=seed)


def morris_indices(
    stem: str,
    points: np.ndarray,
    outputs: np.ndarray,
    keys: Sequence[str],
    seed: int,
    levels: int = 4,
) -> pd.DataFrame:
    """Morris's μ* (mean absolute elementary effect on the figure's :func:`analysed` scale:
    orders of magnitude for a positive figure), its confidence half-width and σ, for each key
    figure that varies and each factor."""
    prob = problem(stem)
    return _indices(
        prob["names"],
        outputs,
        keys,
        lambda y: morris_analyze.analyze(
            prob, points, y, conf_level=CONFIDENCE, num_levels=levels, seed=seed
        ),
        ["mu_star", "mu_star_conf", "sigma"],
    )


def _as_printed(fig: Figure, value: float) -> str:
    """``value`` as the key figure's table would print it (an integer format shows a
    fractional percentile with three significant digits instead)."""
    try:
        return dataclasses.replace(fig, value=float(value), raw=None).text
    except ValueError:
        return f"{value:,.3g}"


def ranges(outputs: np.ndarray, keys: Sequence[str], base: KeyFigures) -> pd.DataFrame:
    """Each key figure's baseline and its 5th, 50th and 95th percentiles over the factors'
    joint distribution."""
    p5, p50, p95 = np.percentile(outputs, [5, 50, 95], axis=0)
    return pd.DataFrame(
        {
            "figure": list(keys),
            "label": [base[k].label for k in keys],
            "unit": [base[k].unit for k in keys],
            "baseline": [base[k].value for k in keys],
            "p5": p5,
            "p50": p50,
            "p95": p95,
            # As the chapter's table prints its figure (in its unit: a figure in FLOP/s is
            # printed in EFLOP/s where its unit says so).
            "baseline_text": [base[k].text for k in keys],
            "p5_text": [_as_printed(base[k], x) for k, x in zip(keys, p5, strict=True)],
            "p50_text": [_as_printed(base[k], x) for k, x in zip(keys, p50, strict=True)],
            "p95_text": [_as_printed(base[k], x) for k, x in zip(keys, p95, strict=True)],
            "varies": [_varies(outputs[:, j]) for j in range(len(keys))],
            "scale": analysed(outputs)[1],
        }
    )


# --- results: written by helpers.build.sensitivity, read by the chapter ------------------------

#: The seed of every sample and bootstrap: two runs of one commit give the same indices.
SEED = 20251201
#: The Sobol' base sample the book uses (``make sensitivity`` without ``N``): the smallest power
#: of two at which every chapter's leading factors are told apart, their total-effect
#: intervals not overlapping (the chapter reports the widest interval it got).
BOOK_N = 1024
#: Where the results go.
RESULTS_DIR = BUILD / "sensitivity"


class SensitivityResultsMissing(ComputeRaceError):
    """No results (or results of another sample size) for a chapter: run the analysis."""


def results_path(stem: str, out: Path = RESULTS_DIR) -> Path:
    return out / f"{stem}.json"


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {k: (v.item() if isinstance(v, np.generic) else v) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]


def write_results(
    stem: str,
    *,
    n: int,
    seed: int,
    digest: str,
    points: np.ndarray,
    outputs: np.ndarray,
    morris: tuple[np.ndarray, np.ndarray] | None,
    seconds: float,
    out: Path = RESULTS_DIR,
) -> Path:
    """Compute the indices, ranges and the one-at-a-time table from a finished sample and
    write them, atomically, to ``<out>/<stem>.json``; return the path."""
    base = baseline(stem)
    keys = list(base)
    fs = factors(stem)
    oat = one_at_a_time(stem)
    oat["parameter_value"] = oat["parameter_value"].map(repr)
    results = {
        "stem": stem,
        "n": n,
        "seed": seed,
        "digest": digest,
        "evaluations": int(len(points) + (len(morris[0]) if morris else 0)),
        "seconds": round(seconds, 1),
        "factors": [
            {
                "name": f.name,
                "distribution": f.distribution,
                "low": f.low if f.distribution != "choice" else None,
                "high": f.high if f.distribution != "choice" else None,
                "choices": [repr(c) for c in f.choices],
                "why": f.why,
            }
            for f in fs
        ],
        "fixed": [{"name": k, "why": v} for k, v in held_fixed(stem).items()],
        "ranges": _records(ranges(output_sample(points, outputs, len(fs)), keys, base)),
        "sobol": _records(sobol_indices(stem, outputs, keys, seed)),
        "morris": _records(morris_indices(stem, morris[0], morris[1], keys, seed))
        if morris
        else [],
        "oat": _records(oat),
    }
    path = results_path(stem, out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def read_results(stem: str, n: int, out: Path = RESULTS_DIR) -> dict[str, Any]:
    """Chapter ``stem``'s results for base sample ``n``; one line saying what to run if they
    are missing or of another size."""
    path = results_path(stem, out)
    command = f"run `make sensitivity N={n}`, then run this notebook again"
    if not path.is_file():
        raise SensitivityResultsMissing(f"no sensitivity results for {stem} in {out}: {command}")
    results: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if results.get("n") != n:
        raise SensitivityResultsMissing(
            f"the sensitivity results for {stem} in {out} are for N={results.get('n')}, not {n}: {command}"
        )
    return results


# --- tables for the chapter ----------------------------------------------------------------------


def labels(results: dict[str, Any]) -> dict[str, str]:
    """Each key figure's label, by key."""
    return {r["figure"]: r["label"] for r in results["ranges"]}


def tornado_rows(results: dict[str, Any], min_spread: float = 1e-9) -> pd.DataFrame:
    """The one-at-a-time table as the tornado draws it: per key figure and factor that moves
    it, the lowest and highest ratio to the baseline and the settings that give them; the
    widest first within a figure (``order``)."""
    oat = pd.DataFrame(results["oat"])
    names = labels(results)
    rows = []
    for (figure_key, factor), group in oat.groupby(["figure", "factor"], sort=False):
        ratios = group["ratio"].astype(float)
        if ratios.isna().all() or float(ratios.max() - ratios.min()) <= min_spread:
            continue
        lo, hi = group.loc[ratios.idxmin()], group.loc[ratios.idxmax()]
        rows.append(
            {
                "figure": figure_key,
                "label": names[figure_key],
                "factor": factor,
                "low": float(lo["ratio"]),
                "high": float(hi["ratio"]),
                "low_setting": f"{lo['setting']} ({lo['parameter_value']})",
                "high_setting": f"{hi['setting']} ({hi['parameter_value']})",
                "spread": float(np.log(hi["ratio"] / lo["ratio"]))
                if lo["ratio"] > 0
                else float(hi["ratio"] - lo["ratio"]),
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "figure",
            "label",
            "factor",
            "low",
            "high",
            "low_setting",
            "high_setting",
            "spread",
        ],
    )
    out["order"] = out.groupby("figure")["spread"].rank(ascending=False, method="first")
    return out.sort_values(["figure", "order"]).reset_index(drop=True)


def index_rows(results: dict[str, Any], min_total: float = 0.01) -> pd.DataFrame:
    """The Sobol' indices as the chart draws them: factors with a total effect of at least
    ``min_total`` (or whose interval reaches it), the largest first within a figure."""
    sobol = pd.DataFrame(results["sobol"])
    if sobol.empty:
        return sobol.assign(label=[], order=[])
    names = labels(results)
    keep = sobol[(sobol["ST"] + sobol["ST_conf"]) >= min_total].copy()
    keep["label"] = keep["figure"].map(names)
    keep["order"] = keep.groupby("figure")["ST"].rank(ascending=False, method="first")
    return keep.sort_values(["figure", "order"]).reset_index(drop=True)


def leading(results: dict[str, Any]) -> pd.DataFrame:
    """Per key figure that varies: the factor with the largest total effect, its index and
    interval, and the runner-up's."""
    sobol = pd.DataFrame(results["sobol"])
    rows = []
    for figure_key, group in sobol.groupby("figure", sort=False):
        ranked = group.sort_values("ST", ascending=False)
        first = ranked.iloc[0]
        second = ranked.iloc[1] if len(ranked) > 1 else None
        rows.append(
            {
                "figure": figure_key,
                "label": labels(results)[figure_key],
                "factor": first["factor"],
                "ST": float(first["ST"]),
                "ST_conf": float(first["ST_conf"]),
                "S1": float(first["S1"]),
                "runner_up": None if second is None else second["factor"],
                "runner_up_ST": math.nan if second is None else float(second["ST"]),
                "runner_up_conf": math.nan if second is None else float(second["ST_conf"]),
            }
        )
    return pd.DataFrame(rows)
