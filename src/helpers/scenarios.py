"""Named scenarios: the contract that the build, the sweep and the comparison chapter share.

A scenario is a set of parameter overrides per notebook, in ``notebooks/scenarios.yml``;
``baseline`` is the book's defaults (no overrides). Every scenario is validated against the
parameters the notebooks declare (:mod:`helpers.params`) before anything runs: an unknown
scenario, notebook or parameter, or a bad value, stops with one line naming the scenario,
the notebook and the parameter.

The sweep (:mod:`helpers.build.sweep`, ``make sweep``) runs every scenario on every notebook
of :data:`SWEPT` and writes each run's key figures to :func:`results_file`; the comparison
chapter (:data:`COMPARISON`, :mod:`helpers.analysis.scenarios_compared`) only reads them.
This module is that meeting point, so neither side imports the other.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from helpers.errors import ParameterError
from helpers.params import SPECS, ScenariosCompared, Sensitivity, check_overrides
from helpers.paths import BUILD, NOTEBOOKS

SCENARIOS_FILE = NOTEBOOKS / "scenarios.yml"
BASELINE = "baseline"
#: The chapter that compares the scenarios: it reads the sweep's results and is never swept
#: itself. Its stem is written once, as the key of its parameter contract in ``params.SPECS``.
COMPARISON: str = next(stem for stem, spec in SPECS.items() if spec is ScenariosCompared)
#: The chapter "Which assumptions matter", which reads the sensitivity runs, by the stem of its
#: contract.
SENSITIVITY: str = next(stem for stem, spec in SPECS.items() if spec is Sensitivity)
#: The chapters a sweep evaluates under every scenario: those whose parameter contract says
#: so (``swept``), by name.
SWEPT: tuple[str, ...] = tuple(sorted(stem for stem, spec in SPECS.items() if spec.swept))
#: Where the sweep writes its runs (``<scenario>/<stem>.{ipynb,json,digest}``).
SWEEP_DIR = BUILD / "sweep"

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SPEC_KEYS = {"description", "notebooks"}


def _read(path: Path) -> dict[str, Any]:
    """The scenarios file as a mapping; one line naming the file (and the line of a YAML
    error) when it is not UTF-8, not YAML, or not a mapping."""
    if not path.is_file():
        raise ParameterError(f"{path}: no such file")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ParameterError(f"{path}: not valid UTF-8 at byte {err.start} (line {line})") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or type(err).__name__
        raise ParameterError(f"{path}: not valid YAML{at} ({problem})") from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ParameterError(
            f"{path}: must be a mapping with a 'scenarios' key, not a {type(raw).__name__}"
        )
    return raw


@cache
def load(path: Path = SCENARIOS_FILE) -> dict[str, dict[str, dict[str, Any]]]:
    """Every scenario: name -> notebook -> parameter overrides, all validated."""
    raw = _read(path)
    scenarios = raw.get("scenarios", {})
    if not isinstance(scenarios, dict) or BASELINE not in scenarios:
        raise ParameterError(f"{path}: needs a 'scenarios' mapping with a '{BASELINE}' entry")
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for name, spec in scenarios.items():
        if not _NAME.match(str(name)):
            raise ParameterError(
                f"scenario {name!r}: a name is lower-case letters, digits, '_' and '-'"
            )
        if spec is not None and not isinstance(spec, dict):
            raise ParameterError(
                f"{path}: scenario {name!r}: must be a mapping with "
                f"{' and '.join(sorted(_SPEC_KEYS))}, not a {type(spec).__name__}"
            )
        notebooks = (spec or {}).get("notebooks")
        if notebooks is not None and not isinstance(notebooks, dict):
            raise ParameterError(
                f"{path}: scenario {name!r}: 'notebooks' must map notebooks to their "
                f"overrides, not be a {type(notebooks).__name__}"
            )
        for notebook, values in (notebooks or {}).items():
            if values is not None and not isinstance(values, dict):
                raise ParameterError(
                    f"{path}: scenario {name!r}, notebook {notebook!r}: the overrides must "
                    f"map parameters to values, not be a {type(values).__name__}"
                )
        extra = sorted(set(spec or {}) - _SPEC_KEYS)
        if extra:
            raise ParameterError(
                f"scenario {name!r}: unknown key {extra[0]!r}; "
                f"a scenario has {', '.join(sorted(_SPEC_KEYS))}"
            )
        overrides = (spec or {}).get("notebooks", {}) or {}
        for notebook, values in overrides.items():
            if notebook not in SPECS:
                raise ParameterError(
                    f"scenario {name!r}: unknown notebook {notebook!r}; "
                    f"known are {', '.join(sorted(SPECS))}"
                )
            try:
                check_overrides(notebook, values or {})
            except ParameterError as err:
                raise ParameterError(f"scenario {name!r}: {err}") from None
        out[str(name)] = {str(k): dict(v or {}) for k, v in overrides.items()}
    return out


def overrides(scenario: str, path: Path = SCENARIOS_FILE) -> dict[str, dict[str, Any]]:
    """The overrides of ``scenario`` per notebook (a notebook not listed runs with its defaults)."""
    scenarios = load(path)
    if scenario not in scenarios:
        raise ParameterError(f"unknown scenario {scenario!r}: known are {', '.join(scenarios)}")
    return scenarios[scenario]


def description(scenario: str, path: Path = SCENARIOS_FILE) -> str:
    """The scenario's one-line description from the YAML file."""
    load(path)  # validated first: a bad file is refused in one line
    spec = _read(path)["scenarios"].get(scenario) or {}
    return str(spec.get("description", ""))


def results_file(scenario: str, stem: str, out: Path = SWEEP_DIR) -> Path:
    """Where the sweep keeps the key figures of ``stem`` under ``scenario`` (JSON: a list of
    ``{"figure", "value", "unit"}``). Beside it, ``<stem>.digest`` is written last, so a run
    counts as finished only once that file exists."""
    return out / scenario / f"{stem}.json"
