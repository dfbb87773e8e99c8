"""Offline charts: deterministic ids, local libraries, and the versions Altair's template expects."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from urllib.parse import unquote

import altair as alt
import pandas as pd

from helpers.build import vega
from helpers.charts import theme
from helpers.env import BOOK_VAR
from helpers.page import render


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
    monkeypatch.setenv(BOOK_VAR, "1")
    render.enable()
    assert alt.renderers.active == render.RENDERER
    assert alt.theme.active == theme.THEME
    monkeypatch.delenv(BOOK_VAR)
    render.enable()
    assert alt.renderers.active == render.LAB_RENDERER
    bundle = render.lab_renderer(_chart().to_dict())
    assert set(bundle) == {
        "application/vnd.vegalite.v5+json",
        "image/svg+xml",
        "image/png",
        "text/plain",
    }


def test_vega_debug_matches_the_versions_altair_checks() -> None:
    script = vega.vega_debug_script()
    payload = json.loads(script.split("{}, ", 1)[1].rsplit(");", 1)[0])
    assert payload == {
        "vega_version": alt.VEGA_VERSION,
        "vegalite_version": alt.VEGALITE_VERSION,
        "vegaembed_version": alt.VEGAEMBED_VERSION,
    }


def test_bundle_is_self_contained_and_sets_the_globals(tmp_path: Path) -> None:
    bundle, local = vega.write_vega_bundle(tmp_path)
    text = bundle.read_text(encoding="utf-8")
    assert len(text) > 500_000
    assert "window.vegaEmbed=" in text.replace(" ", "")
    assert "cdn.jsdelivr" not in text and "import " not in text.splitlines()[1][:7]
    assert text.startswith("/* Vega") and text.rstrip().endswith("})();")
    assert local.read_text().startswith("window.VEGA_DEBUG")


def _two_tables() -> dict:
    points = pd.DataFrame({"name": ["<b>A&B</b>", 'say "hi", twice'], "flops": [1.5e18, 2.0]})
    rule = pd.DataFrame({"level": [90e18]})
    chart = alt.layer(
        alt.Chart(points).mark_point().encode(x="flops", y="name"),
        alt.Chart(rule).mark_rule().encode(x="level"),
    ).properties(title="Peaks <by> system", description="Dot plot of peaks by system.")
    return chart.to_dict()


def test_chart_tables_come_from_the_spec_datasets_in_order() -> None:
    assert render.chart_tables(_two_tables()) == [
        (["name", "flops"], [["<b>A&B</b>", "1.5e+18"], ['say "hi", twice', "2.0"]]),
        (["level"], [["9e+19"]]),
    ]
    assert render.chart_tables({"mark": "point"}) == []


def test_csv_quotes_what_it_must() -> None:
    assert render.csv_text(["name", "flops"], [['say "hi", twice', "2.0"], ["a\nb", ""]]) == (
        'name,flops\r\n"say ""hi"", twice",2.0\r\n"a\nb",\r\n'
    )


def test_the_data_block_escapes_everything_and_carries_the_same_rows_as_csv() -> None:
    spec = _two_tables()
    chart_id = render._chart_id(spec)
    html = render.book_html_renderer(spec)["text/html"]
    block = html[html.index('<details class="chart-data"') :]
    assert block == render.data_block(spec, chart_id)
    assert f'id="{chart_id}-data"' in block
    assert "<b>" not in block and "&lt;b&gt;A&amp;B&lt;/b&gt;" in block  # table cell, escaped
    assert 'aria-label="Data of the chart Peaks &lt;by&gt; system, table 1"' in block
    assert block.count("<tbody>") == 2 and block.count("<tr>") == 2 + 3  # header rows + data rows
    assert f'download="{chart_id}-1.csv"' in block and f'download="{chart_id}-2.csv"' in block
    first_csv = block.split('href="data:text/csv;charset=utf-8,', 1)[1].split('"', 1)[0]
    # percent-encoded but for the URI-safe delimiters (, / + stay as they are), so nothing is
    # left for HTML to interpret (< > & " and line ends are encoded); `"say ""hi"", twice"` is
    # quoted per RFC 4180
    assert first_csv == (
        "name,flops%0D%0A%3Cb%3EA%26B%3C/b%3E,1.5e+18%0D%0A"
        "%22say%20%22%22hi%22%22,%20twice%22,2.0%0D%0A"
    )
    assert unquote(first_csv) == render.csv_text(*render.chart_tables(spec)[0])
    assert "Download the data as CSV (2 rows)" in block and "(1 row)" in block


def test_a_chart_without_datasets_gets_no_data_block() -> None:
    assert render.data_block({"mark": "point"}, "chart-x") == ""


def test_the_chart_is_svg_and_its_actions_menu_is_named() -> None:
    html = render.book_html_renderer(_chart().to_dict())["text/html"]
    assert '"renderer": "svg"' in html
    assert 'setAttribute("aria-label", "Save the chart as an image")' in html


def _book_extension():
    """The book's Sphinx extension (``book/_ext/offline_pages.py``), imported from its file."""
    import importlib.util

    path = Path(__file__).parents[1] / "book" / "_ext" / "offline_pages.py"
    spec = importlib.util.spec_from_file_location("offline_pages", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_book_moves_each_csv_out_of_the_page_into_a_file_of_the_same_text() -> None:
    ext = _book_extension()
    spec = _two_tables()
    chart_id = render._chart_id(spec)
    page = "<p>before</p>" + render.book_html_renderer(spec)["text/html"] + "<p>after</p>"

    body, files = ext.csv_files(page, "notebooks/germany_jupiter")

    tables = render.chart_tables(spec)
    assert files == {
        f"{chart_id}-1.csv": render.csv_text(*tables[0]),
        f"{chart_id}-2.csv": render.csv_text(*tables[1]),
    }
    assert "data:text/csv" not in body
    assert f'href="../chart-data/{chart_id}-1.csv" download="{chart_id}-1.csv"' in body
    # nothing else of the page changes
    uris = re.findall(r'href="(data:text/csv[^"]*)"', page)
    restored = body
    for name, uri in zip(files, uris, strict=True):
        restored = restored.replace(f'href="../chart-data/{name}"', f'href="{uri}"')
    assert restored == page
    # a page at the book's root links without going up
    assert f'href="chart-data/{chart_id}-1.csv"' in ext.csv_files(page, "index")[0]


def test_the_lab_renderer_adds_the_same_chart_as_svg() -> None:
    spec = _two_tables()
    bundle = render.lab_renderer(spec)
    assert bundle["application/vnd.vegalite.v5+json"] == spec
    assert bundle["image/svg+xml"] == render.svg(spec)
    assert bundle["text/plain"] == "<Altair chart>"
    image = base64.b64decode(bundle["image/png"])
    assert image.startswith(b"\x89PNG\r\n\x1a\n") and bundle["image/png"] == render.png(spec)


def test_svg_is_deterministic_and_says_what_the_chart_shows() -> None:
    spec = _two_tables()
    first, second = render.svg(spec), render.svg(spec)
    assert first == second
    assert first.startswith("<svg ") and first.rstrip().endswith("</svg>")
    root = first[: first.index(">") + 1]
    # the description is the image's name, the title its <title>; both escaped for XML
    assert 'aria-label="Dot plot of peaks by system."' in root
    assert first[len(root) :].startswith("<title>Peaks &lt;by&gt; system</title>")
    assert "<b>" not in first  # a data value is text, never markup
    untitled = render.svg({**_chart().to_dict(), "description": 'Points, "x" & y.'})
    assert 'aria-label="Points, &quot;x&quot; &amp; y."' in untitled
    assert "<title>Points, &quot;x&quot; &amp; y.</title>" in untitled


def test_svg_never_fetches_data() -> None:
    import pytest

    url_chart = {
        "data": {"url": "https://example.com/data.csv"},
        "mark": "point",
        "encoding": {"x": {"field": "a", "type": "quantitative"}},
    }
    with pytest.raises(ValueError, match="not allowed"):
        render.svg(url_chart)


def test_json_safe_makes_nan_and_infinity_null_at_any_depth() -> None:
    nan, inf = float("nan"), float("inf")
    value = {"a": [1.0, nan, {"b": (inf, -inf, "nan")}], "c": None, "d": 2, "e": True}
    assert render.json_safe(value) == {
        "a": [1.0, None, {"b": [None, None, "nan"]}],
        "c": None,
        "d": 2,
        "e": True,
    }
    assert value["a"][1] != value["a"][1]  # the input is left as it was


def _missing_values() -> pd.DataFrame:
    """Missing values of every kind a chart's frame holds: pandas 3's default string dtype
    (``str``, whose missing value is a float NaN), floats with NaN and infinity, objects."""
    frame = pd.DataFrame(
        {
            "chip": ["H100", None],
            "chips": [1.0, float("nan")],
            "h100e": [float("inf"), 2.0],
            "note": pd.Series(["x", None], dtype=object),
        }
    )
    frame.loc[1, "chip"] = float("nan")
    return frame


def test_no_nan_reaches_a_chart_from_any_column(monkeypatch) -> None:
    monkeypatch.delenv(BOOK_VAR, raising=False)
    render.enable()
    frame = _missing_values()
    spec = alt.Chart(frame).mark_bar().encode(x="h100e:Q", y="chip:N").to_dict()
    (rows,) = spec["datasets"].values()
    assert rows == [
        {"chip": "H100", "chips": 1.0, "h100e": None, "note": "x"},
        {"chip": None, "chips": None, "h100e": 2.0, "note": None},
    ]
    json.dumps(spec, allow_nan=False)  # strict JSON


def test_a_chart_with_missing_values_is_sent_to_the_notebook_without_a_warning(monkeypatch) -> None:
    """The message a kernel sends is JSON-compliant: jupyter-client warned ("Message
    serialization failed ... Out of range float values are not JSON compliant") into the
    stored outputs, and sent the string "nan" in the spec instead."""
    import warnings

    from IPython.core.formatters import DisplayFormatter
    from jupyter_client.session import json_packer

    monkeypatch.delenv(BOOK_VAR, raising=False)
    render.enable()
    chart = alt.Chart(_missing_values()).mark_bar().encode(x="h100e:Q", y="chip:N")
    bundle, _ = DisplayFormatter().format(chart)  # what the kernel's display() sends
    assert "image/svg+xml" in bundle
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        packed = json_packer({"data": bundle})
    assert b"NaN" not in packed and b'"nan"' not in packed
    # a spec built by hand, or in the book's renderer, is made safe too
    raw = {
        "data": {"values": [{"x": float("nan")}]},
        "mark": "point",
        "encoding": {"x": {"field": "x", "type": "quantitative"}},
    }
    lab_spec = render.lab_renderer(raw)["application/vnd.vegalite.v5+json"]
    assert lab_spec["data"]["values"] == [{"x": None}]
    assert "NaN" not in render.book_html_renderer(raw)["text/html"]
