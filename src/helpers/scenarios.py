"""Named scenarios: sets of parameter overrides per notebook, in ``notebooks/scenarios.yml``.

``baseline`` is the book's defaults (no overrides). Every scenario is validated against the
parameters the notebooks declare (:mod:`helpers.params`) before anything runs: an unknown
scenario, notebook or parameter, or a bad value, stops with one line naming the scenario,
the notebook and the parameter.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from helpers.errors import ParameterError
from helpers.params import SPECS, check_overrides
from helpers.paths import NOTEBOOKS

SCENARIOS_FILE = NOTEBOOKS / "scenarios.yml"
BASELINE = "baseline"


@cache
def load(path: Path = SCENARIOS_FILE) -> dict[str, dict[str, dict[str, Any]]]:
    """Every scenario: name -> notebook -> parameter overrides, all validated."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    scenarios = raw.get("scenarios", {})
    if not isinstance(scenarios, dict) or BASELINE not in scenarios:
        raise ParameterError(f"{path}: needs a 'scenarios' mapping with a '{BASELINE}' entry")
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for name, spec in scenarios.items():
        overrides = (spec or {}).get("notebooks", {}) or {}
        for notebook, values in overrides.items():
            if notebook not in SPECS:
                raise ParameterError(f"scenario {name!r}: unknown notebook {notebook!r}; "
                                     f"known are {', '.join(sorted(SPECS))}")
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
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return str(raw.get("scenarios", {}).get(scenario, {}).get("description", ""))
