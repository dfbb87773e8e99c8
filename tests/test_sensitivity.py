"""Which assumptions matter: the Sobol' machinery finds the Ishigami function's known indices;
every parameter declares how it varies; the one-at-a-time table follows the formulas; a run is
chunked, resumable, the same on any executor, and the chapter reads its results or says in one
line what to run."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from helpers.analysis import sensitivity as sa
from helpers.analysis.keyfigures import CHAPTERS, key_figures_of
from helpers.build import sensitivity as runner
from helpers.params import SPECS, Sensitivity, check_overrides
from helpers.paths import ROOT

# --- the method: Ishigami's function, whose indices are known in closed form -----------------

A, B = 7.0, 0.1


def ishigami(x: np.ndarray) -> np.ndarray:
    return np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_indices() -> tuple[list[float], list[float]]:
    """First-order and total indices of Ishigami's function with inputs uniform on [-π, π]
    (Ishigami and Homma 1990; the variances as in Saltelli et al., *Global Sensitivity
    Analysis: The Primer*, 2008): V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V13 = b²π⁸(1/18 - 1/50)."""
    pi = math.pi
    v1 = 0.5 * (1 + B * pi**4 / 5) ** 2
    v2 = A**2 / 8
    v13 = B**2 * pi**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return [v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v]


def test_the_indices_of_ishigamis_function_come_out_within_their_intervals() -> None:
    fs = [sa.Factor(f"x{i}", "uniform", -math.pi, math.pi, (), False, "test") for i in (1, 2, 3)]
    unit = sa.sobol_sample_of(fs, 4096, seed=7)
    points = np.array([[f.value(u) for f, u in zip(fs, row, strict=True)] for row in unit])
    res = sa.sobol_of(fs, ishigami(points), seed=7)
    first, total = ishigami_indices()
    # The closed form itself, against the figures the literature quotes (0.314, 0.442, 0 and
    # 0.558, 0.442, 0.244), so a slip in the formulas above cannot pass unseen.
    assert [round(v, 3) for v in first] == [0.314, 0.442, 0.0]
    assert [round(v, 3) for v in total] == [0.558, 0.442, 0.244]
    for i in range(3):
        assert abs(res["S1"][i] - first[i]) <= res["S1_conf"][i], ("S1", i, res)
        assert abs(res["ST"][i] - total[i]) <= res["ST_conf"][i], ("ST", i, res)
    assert max(res["ST_conf"]) < 0.05  # narrow enough to rank x1 > x2 > x3 by total effect


# --- the declarations ------------------------------------------------------------------------


@pytest.mark.parametrize("stem", CHAPTERS)
def test_every_parameter_declares_how_it_varies_and_why(stem: str) -> None:
    fixed = sa.held_fixed(stem)
    varied = {f.name: f for f in sa.factors(stem)}
    assert sorted([*fixed, *varied]) == sorted(SPECS[stem].model_fields)
    for name, why in [*fixed.items(), *((f.name, f.why) for f in varied.values())]:
        assert len(why) > 20, (stem, name)
        # The reasons are shown in the chapter: no number typed into them (digits inside a
        # name, INT4 or a fact id, are names).
        assert not re.search(r"(?<![\w-])\d", why), (stem, name, why)
    for f in varied.values():
        if f.distribution == "choice":
            assert len(f.choices) >= 2
        else:
            assert f.low < f.high and (f.distribution == "uniform" or f.low > 0)
            default = SPECS[stem].model_fields[f.name].default
            assert default is None or f.low <= default <= f.high, (stem, f.name)


def test_a_factor_maps_the_unit_interval_onto_its_distribution() -> None:
    log = sa.Factor("n", "log-uniform", 1e2, 1e6, (), False, "")
    assert log.value(0.0) == pytest.approx(1e2) and log.value(1.0) == pytest.approx(1e6)
    assert log.value(0.5) == pytest.approx(1e4)  # the geometric middle
    whole = sa.Factor("k", "uniform", 64, 100_000, (), True, "")
    assert whole.value(0.0) == 64 and whole.value(1.0) == 100_000
    assert isinstance(whole.value(0.3), int)
    pick = sa.Factor("p", "choice", 0, 1, ("bf16", "fp8"), False, "")
    assert [pick.value(u) for u in (0.0, 0.49, 0.5, 0.999, 1.0)] == [
        "bf16",
        "bf16",
        "fp8",
        "fp8",
        "fp8",
    ]


def test_the_chapters_sample_size_is_the_books() -> None:
    assert Sensitivity.model_fields["sample_size"].default == sa.BOOK_N
    with pytest.raises(Exception, match="sample_size"):
        check_overrides("sensitivity", {"sample_size": 1000})


# --- the functions the analysis evaluates ------------------------------------------------------


def test_one_at_a_time_follows_the_formula(data_folder: Path) -> None:
    """Days to train are inversely proportional to utilisation: from the default 0.4 to the
    range's ends, 0.05 and 0.8, the days are 8 and 0.5 times the default's."""
    oat = sa.one_at_a_time("germany_jupiter")
    days = oat[(oat["figure"] == "days_biggest") & (oat["factor"] == "utilisation")]
    ratios = dict(zip(days["setting"], days["ratio"], strict=True))
    assert ratios == pytest.approx({"low": 0.4 / 0.05, "high": 0.4 / 0.8})
    # And data do not move with assumptions: the TOP500 rank stays where it is.
    rank = oat[oat["figure"] == "rank_world"]
    assert (rank["ratio"] == 1.0).all()


def test_evaluate_gives_the_key_figures_of_each_point(data_folder: Path) -> None:
    stem = "chips_money"
    fs = sa.factors(stem)
    unit = sa.sobol_sample(stem, 4, seed=1)[:3]
    values = sa.evaluate(stem, unit)
    keys = list(sa.baseline(stem))
    for row, point in zip(values, unit, strict=True):
        expected = key_figures_of(stem, sa.overrides(fs, point)).values_by_key()
        assert row.tolist() == [expected[k] for k in keys]


# --- the runner: chunks, resumption, executors ------------------------------------------------


class _Counting(Executor):
    """Runs each call at once and counts them."""

    def __init__(self) -> None:
        self.calls = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.calls += 1
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def test_a_run_is_chunked_resumable_and_the_same_on_threads(
    tmp_path: Path, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "CHUNK", 64)
    stem, n = "china_gpus", 64  # 3 factors: 64 × 5 = 320 points, 5 chunks
    first = _Counting()
    path = runner.run(stem, n, executor=first, out=tmp_path / "a", progress=False)
    assert first.calls == 5
    results = json.loads(path.read_text())
    assert results["n"] == n and results["evaluations"] == 320
    # Kill one chunk: a rerun computes only that one, and gives the same results.
    (chunk,) = [p for p in (tmp_path / "a" / stem).rglob("sobol-00003.npy")]
    chunk.unlink()
    again = _Counting()
    runner.run(stem, n, executor=again, out=tmp_path / "a", progress=False)
    assert again.calls == 1
    assert json.loads(path.read_text())["sobol"] == results["sobol"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        other = runner.run(stem, n, executor=pool, out=tmp_path / "b", progress=False)
    assert json.loads(other.read_text())["sobol"] == results["sobol"]


def test_the_chapter_says_in_one_line_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(sa.SensitivityResultsMissing) as info:
        sa.read_results("china_gpus", 1024, out=tmp_path)
    assert str(info.value) == (
        f"no sensitivity results for china_gpus in {tmp_path}: "
        "run `make sensitivity N=1024`, then run this notebook again"
    )
    (tmp_path / "china_gpus.json").write_text(json.dumps({"n": 256}))
    with pytest.raises(sa.SensitivityResultsMissing, match="are for N=256, not 1024"):
        sa.read_results("china_gpus", 1024, out=tmp_path)


@pytest.mark.slow
def test_the_command_line_runs_on_a_local_dask_cluster(tmp_path: Path, data_folder: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers.build.sensitivity",
            "--dask",
            "local",
            "--workers",
            "1",
            "--n",
            "64",
            "--only",
            "china_gpus",
            "--quiet",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "sensitivity: china_gpus, n = 64, in" in result.stdout
    results = json.loads((tmp_path / "china_gpus.json").read_text())
    leading = {r["figure"]: r["factor"] for r in sa.leading(results).to_dict("records")}
    assert leading["glm_serve_memory"] == "bytes_per_parameter"
    assert leading["deepseek_utilisation"] == "gpu_hours_scope"
    # A second run finds the results up to date and computes nothing.
    again = subprocess.run(
        [sys.executable, "-m", "helpers.build.sensitivity", "--n", "64", "--only", "china_gpus",
         "--quiet", "--out", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert again.returncode == 0 and "china_gpus is up to date (n = 64)" in again.stdout


def test_the_vectorised_mapping_is_the_scalar_one() -> None:
    u = np.linspace(0, 1, 97)
    for f in (
        sa.Factor("a", "uniform", 0.05, 0.8, (), False, ""),
        sa.Factor("b", "log-uniform", 1e8, 1e12, (), False, ""),
        sa.Factor("c", "uniform", 1_000, 30_000, (), True, ""),
        sa.Factor("d", "choice", 0, 2, ("x", "y", "z"), False, ""),
    ):
        assert f.values(u) == [f.value(x) for x in u]
