"""Scenarios: bad ones fail in one line before anything runs; the sweep runs through the
chapters' key-figures functions (in this process or on threads; on Dask, through the client
that tests/test_sensitivity.py drives) and through the notebooks with the same results, byte
for byte; it resumes, and a failed run names its scenario and chapter (and cell) and damages
nothing; the comparison chapter reads the sweep's results and, without them, says in one line
what to run (in a kernel: tests/test_notebooks.py, with the other tests that start one)."""

from __future__ import annotations

import json
import math
import re
import shutil
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from helpers import scenarios
from helpers.analysis import scenarios_compared as analysis
from helpers.analysis.keyfigures import chapter_inputs
from helpers.build import sweep
from helpers.build.digest import Inputs
from helpers.charts.scenarios import ratio_dots
from helpers.errors import ComputeRaceError, ParameterError
from helpers.inputs.facts import CHAPTERS
from helpers.params import SPECS

SUBSET = ["germany_jupiter"]


def _file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "scenarios.yml"
    path.write_text("scenarios:\n  baseline:\n    notebooks: {}\n" + body, encoding="utf-8")
    return path


def _figures(path: Path) -> dict[str, str]:
    return {r["figure"]: r["value"] for r in json.loads(path.read_text(encoding="utf-8"))}


def _training_days(path: Path) -> str:
    """The JUPITER chapter's one key figure in days: the days to train its largest reference run."""
    (days,) = [
        r["value"] for r in json.loads(path.read_text(encoding="utf-8")) if r["unit"] == "days"
    ]
    return str(days)


# --- validation: one line naming the scenario, the notebook and the parameter -----------------


def test_an_unknown_scenario() -> None:
    with pytest.raises(ParameterError) as info:
        scenarios.overrides("rosy")
    assert str(info.value) == "unknown scenario 'rosy': known are baseline, pessimistic, optimistic"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "  x:\n    notebooks:\n      nope: {}\n",
            "scenario 'x': unknown notebook 'nope'; known are " + ", ".join(sorted(SPECS)),
        ),
        (
            "  x:\n    notebooks:\n      germany_jupiter:\n        colour: red\n",
            "scenario 'x': germany_jupiter: unknown parameter 'colour'; the parameters are: "
            + ", ".join(SPECS["germany_jupiter"].model_fields),
        ),
        (
            "  x:\n    notebooks:\n      germany_jupiter:\n        utilisation: 0.9\n",
            (
                "scenario 'x': germany_jupiter: parameter 'utilisation' = 0.9 is not allowed: expected float "
                ">= 0.05 and <= 0.8 (model FLOP utilisation (MFU), fraction of peak)"
            ),
        ),
        (
            "  x:\n    notebooks:\n      eu_access:\n        include_jupiter: 'yes'\n",
            (
                "scenario 'x': eu_access: parameter 'include_jupiter' = 'yes' is not allowed: expected bool "
                "(count JUPITER (in service since 2025) with LUMI, Leonardo and MareNostrum 5)"
            ),
        ),
        (
            "  x:\n    notebook:\n      germany_jupiter: {}\n",
            "scenario 'x': unknown key 'notebook'; a scenario has description, notebooks",
        ),
        (
            "  Rosy Future:\n    notebooks: {}\n",
            "scenario 'Rosy Future': a name is lower-case letters, digits, '_' and '-'",
        ),
    ],
    ids=["notebook", "parameter", "value", "type", "key", "name"],
)
def test_a_bad_scenario_fails_in_one_exact_line(tmp_path: Path, body: str, expected: str) -> None:
    with pytest.raises(ParameterError) as info:
        scenarios.load(_file(tmp_path, body))
    assert str(info.value) == expected


def test_a_bad_scenario_stops_the_sweep_before_anything_runs(tmp_path: Path) -> None:
    path = _file(tmp_path, "  x:\n    notebooks:\n      germany_jupiter:\n        top_n: 5\n")
    with pytest.raises(
        ParameterError, match=r"^scenario 'x': germany_jupiter: parameter 'top_n' = 5 "
    ):
        sweep.sweep(out=tmp_path / "out", path=path, executor=ThreadPoolExecutor(1))
    assert not (tmp_path / "out").exists()


def test_the_command_line_refuses_an_unknown_scenario_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``python -m helpers.build.sweep --scenarios rosy`` (its ``main``, called in this process:
    the interpreter's start adds nothing the test checks)."""
    assert sweep.main(["--scenarios", "rosy", "--out", str(tmp_path)]) == 1
    assert capsys.readouterr() == (
        "",
        "error: unknown scenario 'rosy': known are baseline, pessimistic, optimistic\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_the_shipped_scenarios_override_every_chapter() -> None:
    shipped = scenarios.load()
    assert list(shipped) == ["baseline", "pessimistic", "optimistic"]
    assert shipped["baseline"] == {}
    for name in ("pessimistic", "optimistic"):
        assert sorted(shipped[name]) == sorted(CHAPTERS), name
        assert all(shipped[name].values()), name
    assert shipped["pessimistic"]["germany_jupiter"] == {"utilisation": 0.2, "machine_share": 0.5}


# --- resume: which runs a sweep submits --------------------------------------------------------


class _Recording(Executor):
    """An executor that runs nothing: it records what was submitted and reports success."""

    def __init__(self) -> None:
        self.submitted: list[str] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        run = args[0]
        self.submitted.append(run.name)
        future: Future[Any] = Future()
        future.set_result((run, 0.0))
        return future


def _fake_results(out: Path, run: sweep.Run, digest: str) -> None:
    folder = out / run.scenario
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{run.stem}.json").write_text("[]\n", encoding="utf-8")
    (folder / f"{run.stem}.digest").write_text(digest + "\n", encoding="utf-8")


def test_only_missing_or_stale_runs_are_submitted(tmp_path: Path) -> None:
    runs = sweep.plan(["baseline", "pessimistic", "optimistic"], SUBSET)
    _fake_results(tmp_path, runs[0], runs[0].digest)  # fresh
    _fake_results(tmp_path, runs[1], "0" * 64)  # stale: its inputs changed
    lines: list[str] = []
    executor = _Recording()
    report = sweep.sweep(
        ["baseline", "pessimistic", "optimistic"],
        SUBSET,
        executor=executor,
        out=tmp_path,
        progress=lines.append,
    )
    assert sorted(executor.submitted) == [
        "optimistic/germany_jupiter",
        "pessimistic/germany_jupiter",
    ]
    assert [r.name for r in report.reused] == ["baseline/germany_jupiter"]
    assert lines[0] == "reused 1 of 3 runs whose inputs have not changed"
    assert sorted(lines[1:3]) == [
        "[2/3] computed optimistic/germany_jupiter in 0.000 s",
        "[3/3] computed pessimistic/germany_jupiter in 0.000 s",
    ] or sorted(lines[1:3]) == [
        "[2/3] computed pessimistic/germany_jupiter in 0.000 s",
        "[3/3] computed optimistic/germany_jupiter in 0.000 s",
    ]


class _Writing(_Recording):
    """An executor that "runs" each submission by recording made-up key figures naming it."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        run, out = args
        out.mkdir(parents=True, exist_ok=True)
        figures = out / f"{run.scenario}-{run.stem}.tmp.json"
        figures.write_text(json.dumps([{"figure": "run", "value": run.name, "unit": ""}]))
        sweep.record(run, figures, out=out, move=True)
        return super().submit(fn, *args, **kwargs)


def test_runs_with_the_same_notebook_and_parameters_execute_once(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        "  same:\n    notebooks: {eu_access: {utilisation: 0.2}}\n"
        "  other:\n    notebooks: {germany_jupiter: {utilisation: 0.2}}\n",
    )
    out = tmp_path / "out"
    lines: list[str] = []
    executor = _Writing()
    report = sweep.sweep(None, SUBSET, executor=executor, out=out, path=path, progress=lines.append)
    # "same" leaves germany_jupiter at its defaults, as baseline does: one execution for both.
    assert sorted(executor.submitted) == ["baseline/germany_jupiter", "other/germany_jupiter"]
    assert [r.name for r in report.copied] == ["same/germany_jupiter"]
    assert "copied baseline/germany_jupiter to same/germany_jupiter (same parameters)" in "\n".join(
        lines
    )
    assert _figures(out / "same" / "germany_jupiter.json") == {"run": "baseline/germany_jupiter"}
    assert all(sweep.is_fresh(run, out) for run in sweep.plan(None, SUBSET, path))
    # A later sweep copies from the fresh run instead of executing again.
    (out / "same" / "germany_jupiter.digest").unlink()
    again = _Writing()
    report = sweep.sweep(None, SUBSET, executor=again, out=out, path=path, progress=sweep.quiet)
    assert again.submitted == [] and [r.name for r in report.copied] == ["same/germany_jupiter"]


def test_the_digest_covers_the_parameters_not_the_scenarios_name(tmp_path: Path) -> None:
    inputs = Inputs()
    base, pess = sweep.plan(["baseline", "pessimistic"], SUBSET, inputs=inputs)
    assert base.digest == inputs.digest("germany_jupiter", {})
    assert pess.digest == inputs.digest(
        "germany_jupiter", {"utilisation": 0.2, "machine_share": 0.5}
    )
    assert base.digest != pess.digest
    path = _file(tmp_path, "  same:\n    notebooks: {eu_access: {utilisation: 0.2}}\n")
    assert [r.digest for r in sweep.plan(None, SUBSET, path, inputs)] == [base.digest, base.digest]


# --- reading and comparing the results ---------------------------------------------------------


def test_numbers_are_parsed_as_the_chapters_print_them() -> None:
    assert analysis.parse_number("4,992.00") == 4992.0
    assert analysis.parse_number("3.121e+11") == 3.121e11
    assert math.isnan(analysis.parse_number("not built"))


def test_the_results_are_read_from_the_sweep_folder(tmp_path: Path) -> None:
    for name, days in (("baseline", "40.0"), ("pessimistic", "160.0")):
        run = sweep.Run(name, "germany_jupiter", {}, "d")
        figures = tmp_path / f"{name}.json"
        figures.write_text(
            json.dumps(
                [
                    {"figure": "Days", "value": days, "unit": "days"},
                    {"figure": "Rank", "value": "n/a", "unit": "rank"},
                ]
            )
        )
        sweep.record(run, figures, out=tmp_path, move=True)
    long = analysis.results(["baseline", "pessimistic"], SUBSET, out=tmp_path)
    assert long.columns.tolist() == analysis.COLUMNS
    assert long[["scenario", "order", "figure", "text"]].values.tolist() == [
        ["baseline", 0, "Days", "40.0"],
        ["baseline", 1, "Rank", "n/a"],
        ["pessimistic", 0, "Days", "160.0"],
        ["pessimistic", 1, "Rank", "n/a"],
    ]
    assert long["value"].tolist()[0] == 40.0 and math.isnan(long["value"].tolist()[1])


def test_without_the_sweeps_results_the_comparison_stops_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "baseline").mkdir()
    (tmp_path / "baseline" / "germany_jupiter.json").write_text("[]\n")  # no digest: unfinished
    with pytest.raises(analysis.SweepResultsMissing) as info:
        analysis.results(["baseline", "pessimistic"], SUBSET, out=tmp_path)
    assert str(info.value) == (
        f"no sweep results for baseline/germany_jupiter and 1 more in {tmp_path}: "
        "run `make sweep`, then run this notebook again"
    )
    assert isinstance(info.value, ComputeRaceError)


def test_compare_and_the_largest_differences() -> None:
    long = pd.DataFrame(
        {
            "scenario": ["baseline", "low", "high"] * 2,
            "notebook": ["a"] * 6,
            "order": [0, 0, 0, 1, 1, 1],
            "figure": ["days"] * 3 + ["rank"] * 3,
            "unit": ["days"] * 3 + ["rank"] * 3,
            "text": ["40.0", "160.0", "20.0", "4", "4", "4"],
            "value": [40.0, 160.0, 20.0, 4.0, 4.0, 4.0],
        }
    )
    compared = analysis.compare(long)
    assert compared[["scenario", "figure", "ratio", "changed"]].values.tolist() == [
        ["high", "days", 0.5, True],
        ["low", "days", 4.0, True],
        ["high", "rank", 1.0, False],
        ["low", "rank", 1.0, False],
    ]
    top = analysis.largest_differences(compared, n=1)
    assert top[["scenario", "ratio"]].values.tolist() == [["low", 4.0]]
    chart = ratio_dots(
        compared[compared["changed"]].assign(label="days", chapter="a"), "baseline", "test data"
    )
    spec = chart.to_dict()
    rule, dots = spec["layer"]
    assert rule["mark"]["type"] == "rule" and dots["mark"]["type"] == "point"
    assert dots["encoding"]["x"]["scale"] == {"type": "log", "domain": [0.5 / 1.3, 4.0 * 1.3]}
    assert [{"ratio": 1.0}] in spec["datasets"].values()  # the reference line sits at 1
    drawn = spec["datasets"][dots["data"]["name"]]
    assert sorted((d["scenario"], d["ratio"]) for d in drawn) == [("high", 0.5), ("low", 4.0)]


# --- the real sweep: functions, notebooks, threads, Dask, resume, failures --------------------


@pytest.fixture(scope="module")
def thread_sweep(tmp_path_factory: pytest.TempPathFactory, data_folder: Path) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("sweep")
    with ThreadPoolExecutor(max_workers=2) as pool:
        report = sweep.sweep(
            ["baseline", "pessimistic"], SUBSET, executor=pool, out=out, progress=sweep.quiet
        )
    return out, report


def test_a_thread_sweep_writes_each_runs_key_figures(thread_sweep: tuple[Path, Any]) -> None:
    out, report = thread_sweep
    assert report.failures == []
    assert sorted(r.name for r in report.executed) == [
        "baseline/germany_jupiter",
        "pessimistic/germany_jupiter",
    ]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "baseline",
        "baseline/germany_jupiter.digest",
        "baseline/germany_jupiter.json",
        "pessimistic",
        "pessimistic/germany_jupiter.digest",
        "pessimistic/germany_jupiter.json",
    ]
    base = _figures(out / "baseline" / "germany_jupiter.json")
    pess = _figures(out / "pessimistic" / "germany_jupiter.json")
    # Data do not move with assumptions: JUPITER's Rmax (TOP500, June 2025) is the same.
    assert base["JUPITER HPL Rmax, June 2025"] == pess["JUPITER HPL Rmax, June 2025"] == "793.4"
    # Half the utilisation (0.4 -> 0.2) on half the machine: four times the days (47.2 is rounded).
    assert (
        _training_days(out / "baseline" / "germany_jupiter.json"),
        _training_days(out / "pessimistic" / "germany_jupiter.json"),
    ) == ("47.2", "188.9")
    assert (out / "pessimistic" / "germany_jupiter.digest").read_text().strip() == Inputs().digest(
        "germany_jupiter", {"utilisation": 0.2, "machine_share": 0.5}
    )


def test_the_whole_sweep_through_the_functions_takes_one_process(tmp_path: Path) -> None:
    """Every scenario × chapter, in this process (no executor, no pool): each chapter's inputs
    are loaded once, and the pessimistic scenario's days are four times the baseline's."""
    report = sweep.sweep(out=tmp_path, progress=sweep.quiet)
    assert report.failures == [] and len(report.executed) == len(scenarios.load()) * len(
        scenarios.SWEPT
    )
    assert chapter_inputs.cache_info().currsize >= len(scenarios.SWEPT)
    base = _training_days(tmp_path / "baseline" / "germany_jupiter.json")
    assert (base, _training_days(tmp_path / "pessimistic" / "germany_jupiter.json")) == (
        "47.2",
        "188.9",
    )


@pytest.mark.slow
def test_the_books_own_executions_give_the_sweeps_results(
    thread_sweep: tuple[Path, Any], built_book: Path
) -> None:
    """The book build records each chapter's key figures from its executed notebook as its
    scenario's run: byte for byte what the key-figures function gives the sweep."""
    out, _ = thread_sweep
    (run,) = sweep.plan(["baseline"], SUBSET)
    assert sweep.is_fresh(run), "the book build did not record its baseline run"
    assert (scenarios.SWEEP_DIR / "baseline" / "germany_jupiter.ipynb").is_file()
    assert (scenarios.SWEEP_DIR / "baseline" / "germany_jupiter.json").read_text() == (
        out / "baseline" / "germany_jupiter.json"
    ).read_text()


@pytest.mark.slow
def test_the_functions_and_the_notebooks_agree_for_every_named_scenario(
    tmp_path: Path, built_book: Path
) -> None:
    """Every named scenario × chapter through the notebooks (papermill, a process pool) gives
    the key figures the functions give, byte for byte. The baseline's notebooks are the book
    build's own executions (checked above and by nbval), so the other scenarios run here."""
    others = [name for name in scenarios.load() if name != scenarios.BASELINE]
    functions = sweep.sweep(others, out=tmp_path / "functions", progress=sweep.quiet)
    notebooks = sweep.sweep(
        others, out=tmp_path / "notebooks", progress=sweep.quiet, how="notebooks", workers=2
    )
    assert functions.failures == [] and notebooks.failures == []
    assert len(notebooks.executed) + len(notebooks.copied) == len(others) * len(scenarios.SWEPT)
    for name in others:
        for stem in scenarios.SWEPT:
            by_function = tmp_path / "functions" / name / f"{stem}.json"
            by_notebook = tmp_path / "notebooks" / name / f"{stem}.json"
            assert by_function.read_text() == by_notebook.read_text(), f"{name}/{stem}"
    for name in scenarios.SWEPT:
        assert (scenarios.SWEEP_DIR / "baseline" / f"{name}.json").read_text() == (
            sweep.results_json(sweep.evaluate(name, {}))
        ), f"baseline/{name}"
    # The notebook runs got their scenario's parameters through papermill.
    nb = json.loads((tmp_path / "notebooks" / "pessimistic" / "germany_jupiter.ipynb").read_text())
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert "utilisation = 0.2" in "".join(injected[0]["source"])


def test_a_second_sweep_runs_nothing(thread_sweep: tuple[Path, Any]) -> None:
    out, _ = thread_sweep
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    lines: list[str] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        report = sweep.sweep(
            ["baseline", "pessimistic"], SUBSET, executor=pool, out=out, progress=lines.append
        )
    assert report.executed == [] and len(report.reused) == 2
    assert lines[0] == "reused 2 of 2 runs whose inputs have not changed"
    assert lines[1].startswith("sweep: 0 executed, 2 reused, 0 failed, in ")
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


# A run that fails while computing, not while its parameters are checked: an FP8 factory of a
# chip for which Epoch AI lists no FP8 peak.
_BROKEN = (
    "  broken:\n    notebooks:\n      ai_factories:\n"
    "        chip: 'NVIDIA A100 SXM4 80 GB'\n        precision: fp8\n"
)
_NO_FP8 = (
    "DataError: Epoch AI lists no dense FP8 peak for NVIDIA A100 SXM4 80 GB: "
    "choose precision='bf16'"
)


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("functions", f"scenario 'broken': ai_factories: key figures failed: {_NO_FP8}"),
        # Refused by the chapter's function before a kernel starts: the notebook computes its
        # key figures with it and would fail at the same point, seconds later.
        (
            "notebooks",
            f"scenario 'broken': notebooks/ai_factories.ipynb: key figures failed: {_NO_FP8}",
        ),
    ],
)
def test_a_failed_run_names_scenario_and_chapter_and_keeps_earlier_results(
    tmp_path: Path, thread_sweep: tuple[Path, Any], how: str, expected: str
) -> None:
    _failed_run_keeps_earlier_results(tmp_path, thread_sweep[0], _BROKEN, how, expected, None)


def _failed_run_keeps_earlier_results(
    tmp_path: Path, earlier: Path, body: str, how: str, expected: str, kept: Path | None
) -> None:
    """Sweep scenario 'broken' of ``body`` on the AI-factories chapter into a copy of the
    sweep folder ``earlier`` that holds an earlier result of that run: the one failure is
    ``expected`` (``{cell}`` standing for the cell's number), and every file is as it was but
    the failed notebook ``kept``, if any."""
    out = tmp_path / "sweep"
    shutil.copytree(earlier, out)
    (out / "broken").mkdir()
    (out / "broken" / "ai_factories.json").write_text(
        '[{"figure": "earlier", "value": "1", "unit": "x"}]\n'
    )
    (out / "broken" / "ai_factories.digest").write_text("an earlier digest\n")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    path = _file(tmp_path, body)
    with ThreadPoolExecutor(max_workers=1) as pool:
        report = sweep.sweep(
            ["broken"],
            ["ai_factories"],
            executor=pool,
            out=out,
            path=path,
            progress=sweep.quiet,
            how=how,  # type: ignore[arg-type]
        )
    assert report.executed == []
    (failure,) = report.failures
    cell = re.search(r"cell (\d+) failed", failure)
    assert failure == expected.format(cell=cell.group(1) if cell else "")
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    if kept is not None:
        assert after.pop(kept)  # the failed notebook, kept to read
    assert after == before  # everything else byte for byte, the earlier result of this run too
    assert not [p for p in out.rglob(".*")]  # no scratch file or folder left behind


def test_a_failed_cell_names_it_and_keeps_the_notebook_to_read(
    tmp_path: Path, thread_sweep: tuple[Path, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A notebook run whose key figures compute but whose notebook fails later (a chart, a
    dead kernel): the one line names the scenario, the notebook and the cell, the executed
    notebook is kept as ``<stem>.failed.ipynb``, and nothing else changes. The notebook is a
    stand-in of the chapter's, two cells long, so the test costs a kernel's start, not a
    chapter's run."""
    import nbformat

    from helpers.build import execute

    stand_in = tmp_path / "notebooks"
    stand_in.mkdir()
    notebook = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        }
    )
    notebook.cells = [
        nbformat.v4.new_code_cell("chip = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("raise RuntimeError('a chart failed')"),
    ]
    nbformat.write(notebook, stand_in / "ai_factories.ipynb")
    monkeypatch.setattr(execute, "NOTEBOOKS", stand_in)
    valid = "  broken:\n    notebooks:\n      ai_factories:\n        bootstrap_seed: 7\n"
    _failed_run_keeps_earlier_results(
        tmp_path,
        thread_sweep[0],
        valid,
        "notebooks",
        "scenario 'broken': notebooks/ai_factories.ipynb: cell {cell} failed: "
        "RuntimeError: a chart failed",
        Path("broken") / "ai_factories.failed.ipynb",
    )
