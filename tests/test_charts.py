"""The chart builders: one palette, one subtitle, and sliders with the declared ranges.

The unit tests check the shared parts (:mod:`helpers.charts.theme`,
:mod:`helpers.charts._common`). The slow ones execute each chapter with papermill, record
every chart its builders return, and check each spec: it has a ``description``, its subtitle
begins with its source, no mark sits at a pixel position of the designed width (a phone draws
it narrower), and every slider or radio button offers exactly the range the chapter's
parameter declares.
"""

from __future__ import annotations

import importlib
import inspect
import json
import math
import re
import typing
from pathlib import Path
from typing import Any

import altair as alt
import nbformat
import pandas as pd
import pytest

from helpers.charts import _common, theme
from helpers.charts._common import declared_choices, declared_range, radio, slider, source_subtitle
from helpers.params import SPECS, AiFactories, ChipsMoney, Claims, GermanyJupiter
from helpers.paths import NOTEBOOKS, ROOT

PACKAGE = ROOT / "src" / "helpers"
#: A colour written as a hex literal in a string: "#1d4ed8", '#fff'.
_HEX = re.compile(r"""["']#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})["']""")
#: Chapter notebook -> its chart module (the chapter's stem, since the rename of ``jupiter``).
CHAPTERS = ("germany_jupiter", "ai_factories", "china_gpus", "chips_money", "claims", "eu_access")


# --- the palette ------------------------------------------------------------------------------


def test_no_colour_is_written_outside_the_theme() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "charts" / "theme.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if _HEX.search(line)
    ]
    assert found == [], (
        "colours written as hex literals, not named in charts/theme.py:\n" + "\n".join(found)
    )


def test_the_check_finds_a_hex_literal() -> None:
    assert _HEX.search('color="#374151"') and _HEX.search("stroke='#fff'")
    assert not _HEX.search("# a comment") and not _HEX.search('"#define"')


def test_the_theme_is_registered_and_uses_the_palette() -> None:
    theme.enable_theme()
    assert alt.theme.active == theme.THEME
    config = theme.theme_config()["config"]
    assert config["range"]["category"][:2] == [theme.HIGHLIGHT, theme.ACCENT]
    assert config["title"]["subtitleColor"] == theme.SUBTLE
    names = [
        v
        for k, v in vars(theme).items()
        if k.isupper() and isinstance(v, str) and v.startswith("#")
    ]
    assert len(names) == len(set(names)), "two names for one colour"


# --- the subtitle -----------------------------------------------------------------------------


def test_a_subtitle_names_its_source_first_then_the_notes() -> None:
    assert source_subtitle("TOP500 List, June 2025 (snapshot 2025-06-10)", "Hover a dot.") == [
        "Source: TOP500 List, June 2025 (snapshot 2025-06-10).",
        "Hover a dot.",
    ]
    assert source_subtitle("Epoch AI; GLM-130B README.") == ["Sources: Epoch AI; GLM-130B README."]


def test_a_long_subtitle_wraps_at_one_width_and_breaks_between_sources() -> None:
    sources = [
        "Epoch AI, Notable AI Models (snapshot 2026-07-19)",
        "Epoch AI, Machine Learning Hardware (snapshot 2026-07-18)",
    ]
    assert source_subtitle("; ".join(sources)) == [f"Sources: {sources[0]};", f"{sources[1]}."]
    packed = source_subtitle(
        "; ".join([*sources, "NVIDIA blog (2025-03-18)", "Epoch AI (2024-06-19)"])
    )
    assert packed == [
        f"Sources: {sources[0]};",
        f"{sources[1]}; NVIDIA blog (2025-03-18);",
        "Epoch AI (2024-06-19).",
    ]
    lines = source_subtitle("x " * 120, "y " * 80)
    assert all(len(line) <= _common.SUBTITLE_WIDTH for line in lines) and len(lines) == 5
    assert lines[0].startswith("Source: x") and lines[2].endswith("x.") and lines[3].startswith("y")
    with pytest.raises(ValueError, match="names its source"):
        source_subtitle(" ; ")


# --- sliders and radio buttons from the parameter contract -------------------------------------


def _declared(param: alt.Parameter) -> dict[str, Any]:
    """A parameter as the spec declares it (name, value, bind)."""
    return param.param.to_dict()


def _bind(param: alt.Parameter) -> dict[str, Any]:
    return _declared(param)["bind"]


def test_a_slider_runs_over_the_declared_range() -> None:
    assert declared_range(GermanyJupiter, "utilisation") == (0.05, 0.8)
    util = slider(GermanyJupiter, "utilisation", value=0.4, step=0.01, label="Utilisation ")
    assert util.name == "utilisation" and _declared(util)["value"] == 0.4
    assert _bind(util) == {
        "input": "range",
        "min": 0.05,
        "max": 0.8,
        "step": 0.01,
        "name": "Utilisation ",
    }
    budget = slider(AiFactories, "compute_budget_flop", log10=True, value=25.0, step=0.1, label="b")
    assert budget.name == "log10_compute_budget_flop"
    assert (_bind(budget)["min"], _bind(budget)["max"]) == (20.0, 29.0)


def test_a_slider_refuses_a_step_that_misses_its_end_or_a_parameter_without_a_range() -> None:
    with pytest.raises(ValueError, match="does not divide"):
        slider(AiFactories, "utilisation", value=0.3, step=0.05, label="u")  # 0.01 + k·0.05 ≠ 1
    with pytest.raises(ValueError, match="no closed range"):
        declared_range(GermanyJupiter, "precision")
    assert declared_range(ChipsMoney, "usd_per_eur") == (0.8, 1.6)


def test_radio_buttons_offer_the_declared_choices() -> None:
    assert declared_choices(Claims, "cooccurrence_scope") == ["sentence", "article"]
    scope = radio(Claims, "cooccurrence_scope", value="article", label="Scope ")
    assert scope.name == "cooccurrence_scope"
    assert _bind(scope) == {"input": "radio", "options": ["sentence", "article"], "name": "Scope "}
    with pytest.raises(ValueError, match="not a choice"):
        declared_choices(Claims, "ratio_tolerance")


# --- every chart of every chapter, as the chapter draws it --------------------------------------


def builders(module: Any) -> list[str]:
    """The chart builders of a chart module: its public functions that return an Altair chart."""
    return sorted(
        name
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__
        and not name.startswith("_")
        and isinstance(ret := typing.get_type_hints(fn).get("return"), type)
        and issubclass(ret, alt.TopLevelMixin)
    )


_RECORD = """\
import functools as _functools, json as _json
_charts_built = []
def _recording(_name, _fn):
    @_functools.wraps(_fn)
    def _built(*args, **kwargs):
        chart = _fn(*args, **kwargs)
        _charts_built.append([_name, chart.to_dict()])
        return chart
    return _built
for _name in {builders!r}:
    setattr(charts, _name, _recording(_name, getattr(charts, _name)))
"""
_DUMP = "_json.dump(_charts_built, open({path!r}, 'w', encoding='utf-8'), default=str)"


def executed_charts(stem: str, folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """Execute ``notebooks/<stem>.ipynb`` with papermill (its default parameters, the lab
    renderer) and return every chart its chart module's builders returned, in order, as
    (builder, spec) pairs. The notebook in ``notebooks/`` is not touched: a copy runs, with a
    cell after the imports that records the builders' charts and one at the end that saves them.
    """
    import papermill as pm

    module = importlib.import_module(f"helpers.charts.{stem}")
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    (at,) = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and f"from helpers.charts import {stem} as charts" in c.source
    ]
    saved = folder / f"{stem}.charts.json"
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(_RECORD.format(builders=builders(module))))
    nb.cells.append(nbformat.v4.new_code_cell(_DUMP.format(path=str(saved))))
    source = folder / f"{stem}.in.ipynb"
    nbformat.write(nb, source)
    pm.execute_notebook(
        str(source),
        str(folder / f"{stem}.ipynb"),
        cwd=str(NOTEBOOKS),
        kernel_name="python3",
        progress_bar=False,
    )
    return [(name, spec) for name, spec in json.loads(saved.read_text(encoding="utf-8"))]


def _params(spec: Any) -> list[dict[str, Any]]:
    """Every parameter bound to an input, anywhere in a spec (layers and concats lift them)."""
    found = []
    if isinstance(spec, dict):
        for param in spec.get("params", []) or []:
            if (
                isinstance(param, dict)
                and isinstance(param.get("bind"), dict)
                and "input" in param["bind"]
            ):
                found.append(param)
        for value in spec.values():
            found += _params(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _params(value)
    return found


def controls_against_contract(stem: str, spec: dict[str, Any]) -> list[str]:
    """What is wrong with the chart's sliders and radio buttons, against ``stem``'s contract:
    each must be named after a declared parameter and offer exactly its range or choices."""
    model = SPECS[stem]
    problems = []
    for param in _params(spec):
        name, bind = param["name"], param["bind"]
        field = name.removeprefix("log10_")
        if field not in model.model_fields:
            problems.append(f"{name}: no parameter {field!r} in {model.__name__}")
        elif bind["input"] == "range":
            low, high = declared_range(model, field)
            if name != field:
                low, high = math.log10(low), math.log10(high)
            if not (math.isclose(bind["min"], low) and math.isclose(bind["max"], high)):
                problems.append(
                    f"{name}: slider {bind['min']}–{bind['max']}, declared {low}–{high}"
                )
        elif bind["input"] == "radio" and bind["options"] != declared_choices(model, field):
            problems.append(
                f"{name}: options {bind['options']}, declared {declared_choices(model, field)}"
            )
    return problems


def subtitle_and_description(spec: dict[str, Any]) -> list[str]:
    """What is missing from a chart's title and description."""
    title = spec.get("title")
    subtitle = title.get("subtitle") if isinstance(title, dict) else None
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle or [])
    problems = []
    if not str(spec.get("description") or "").strip():
        problems.append("no description")
    if not lines or not str(lines[0]).startswith("Source"):
        problems.append(f"subtitle does not begin with its source: {lines[:1]}")
    return problems


def fixed_positions(spec: Any, path: str = "") -> list[str]:
    """Marks placed at a pixel position that assumes the chart's designed width: an ``x`` (or
    ``x2``) given as a number of pixels other than 0, or a ``y`` lower than the plot's top
    band (20 px). A phone draws the plot narrower (book/_static/charts-fit.js); a position at
    the plot's right edge is ``"width"``, which follows it."""
    found = []
    if isinstance(spec, dict):
        encoding = spec.get("encoding")
        if isinstance(encoding, dict):
            for channel, limit in (("x", 0), ("x2", 0), ("y", 20), ("y2", 20)):
                value = (encoding.get(channel) or {}).get("value")
                if isinstance(value, (int, float)) and value > limit:
                    found.append(f"{path or 'chart'}: {channel} at {value} px")
        for key, value in spec.items():
            if key not in ("datasets", "data", "config"):
                found += fixed_positions(value, f"{path}.{key}" if path else key)
    elif isinstance(spec, list):
        for i, value in enumerate(spec):
            found += fixed_positions(value, f"{path}[{i}]")
    return found


def test_the_position_check_finds_a_mark_at_a_designed_pixel() -> None:
    frame = pd.DataFrame({"x": [1], "y": [2]})
    points = alt.Chart(frame).mark_point().encode(x="x:Q", y="y:Q")
    label = alt.Chart(frame).mark_text().encode(x=alt.value(556), y="y:Q", text="x:N")
    edge = alt.Chart(frame).mark_text().encode(x=alt.value("width"), y=alt.value(2), text="x:N")
    assert fixed_positions((points + label + edge).to_dict()) == ["layer[1]: x at 556 px"]


@pytest.fixture(scope="module", params=CHAPTERS)
def chapter(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, data_folder: Path
) -> tuple[str, list[tuple[str, dict[str, Any]]]]:
    stem = request.param
    return stem, executed_charts(stem, tmp_path_factory.mktemp(stem))


@pytest.mark.slow
def test_every_builder_draws_a_chart_with_its_source_and_description(
    chapter: tuple[str, list[tuple[str, dict[str, Any]]]],
) -> None:
    stem, charts = chapter
    module = importlib.import_module(f"helpers.charts.{stem}")
    assert sorted({name for name, _ in charts}) == builders(module), (
        "a builder the chapter never calls"
    )
    problems = [f"{name}: {p}" for name, spec in charts for p in subtitle_and_description(spec)]
    problems += [f"{name}: {p}" for name, spec in charts for p in fixed_positions(spec)]
    assert problems == [], f"{stem}:\n" + "\n".join(problems)


@pytest.mark.slow
def test_every_slider_offers_the_declared_range(
    chapter: tuple[str, list[tuple[str, dict[str, Any]]]],
) -> None:
    stem, charts = chapter
    problems = [
        f"{name}: {p}" for name, spec in charts for p in controls_against_contract(stem, spec)
    ]
    assert problems == [], f"{stem}:\n" + "\n".join(problems)


def test_the_contract_check_finds_a_slider_off_its_range() -> None:
    wrong = alt.param(name="pue", value=1.2, bind=alt.binding_range(min=1.0, max=2.0, step=0.05))
    unknown = alt.param(name="log10_budget", value=25, bind=alt.binding_range(min=20, max=29))
    spec = (
        alt.Chart(pd.DataFrame({"x": [1]}))
        .mark_point()
        .encode(x="x:Q")
        .add_params(wrong, unknown)
        .to_dict()
    )
    assert controls_against_contract("ai_factories", spec) == [
        "pue: slider 1.0–2.0, declared 1.0–3.0",
        "log10_budget: no parameter 'budget' in AiFactories",
    ]


def test_the_comparison_chart_names_its_source_and_describes_itself() -> None:
    """The comparison chapter runs the sweep, so its one chart is built here from a small frame."""
    from helpers.charts import scenarios

    compared = pd.DataFrame(
        {
            "label": ["days", "days"],
            "chapter": ["a", "a"],
            "scenario": ["low", "high"],
            "ratio": [4.0, 0.5],
            "text": ["4", "0.5"],
            "ref_text": ["1", "1"],
            "unit": ["days", "days"],
        }
    )
    spec = scenarios.ratio_dots(compared, "baseline", "the sweep's key figures").to_dict()
    assert subtitle_and_description(spec) == []
    assert builders(scenarios) == ["ratio_dots"]


def test_the_stylesheet_swaps_every_colour_for_dark_mode() -> None:
    """book.css holds one rule per colour of theme.DARK, for fills and strokes, and DARK
    covers every colour of the palette."""
    palette = {
        value
        for name, value in vars(theme).items()
        if name.isupper() and isinstance(value, str) and value.startswith("#")
    }
    assert palette <= set(theme.DARK), (
        f"colours with no dark counterpart: {palette - set(theme.DARK)}"
    )
    css = (ROOT / "book" / "_static" / "book.css").read_text(encoding="utf-8")
    for light, dark in theme.DARK.items():
        for attr in ("fill", "stroke"):
            rule = f'html[data-theme="dark"] .vega-embed svg [{attr}="{light}" i] {{ {attr}: {dark}; }}'
            assert rule in css, f"book.css lacks: {rule}"
