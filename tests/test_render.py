"""Offline charts: deterministic ids, local libraries, and the versions Altair's template expects."""

from __future__ import annotations

import json
from pathlib import Path

import altair as alt
import pandas as pd

from helpers import render


def _chart() -> alt.Chart:
    return alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]})).mark_point().encode(x="x", y="y")


def test_book_renderer_is_deterministic_and_uses_no_random_id() -> None:
    spec = _chart().to_dict()
    first = render.book_html_renderer(spec)["text/html"]
    second = render.book_html_renderer(spec)["text/html"]
    assert first == second
    assert "altair-viz" not in first
    assert 'id="chart-' in first
    assert "requirejs" not in first.split("if(typeof define")[0]


def test_different_charts_get_different_ids() -> None:
    a = render.book_html_renderer(_chart().to_dict())["text/html"]
    b = render.book_html_renderer(_chart().mark_line().to_dict())["text/html"]
    assert a.split('id="')[1][:18] != b.split('id="')[1][:18]


def test_enable_picks_the_renderer_by_environment(monkeypatch) -> None:
    monkeypatch.setenv(render.BOOK_VAR, "1")
    render.enable()
    assert alt.renderers.active == render.RENDERER
    assert alt.theme.active == render.THEME
    monkeypatch.delenv(render.BOOK_VAR)
    render.enable()
    assert alt.renderers.active == render.LAB_RENDERER
    bundle = render.lab_renderer(_chart().to_dict())
    assert set(bundle) == {"application/vnd.vegalite.v5+json", "text/plain"}


def test_vega_debug_matches_the_versions_altair_checks() -> None:
    script = render.vega_debug_script()
    payload = json.loads(script.split("{}, ", 1)[1].rsplit(");", 1)[0])
    assert payload == {
        "vega_version": alt.VEGA_VERSION,
        "vegalite_version": alt.VEGALITE_VERSION,
        "vegaembed_version": alt.VEGAEMBED_VERSION,
    }


def test_bundle_is_self_contained_and_sets_the_globals(tmp_path: Path) -> None:
    bundle, local = render.write_vega_bundle(tmp_path)
    text = bundle.read_text(encoding="utf-8")
    assert len(text) > 500_000
    assert "window.vegaEmbed=" in text.replace(" ", "")
    assert "cdn.jsdelivr" not in text and "import " not in text.splitlines()[1][:7]
    assert text.startswith("/* Vega") and text.rstrip().endswith("})();")
    assert local.read_text().startswith("window.VEGA_DEBUG")
