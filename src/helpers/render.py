"""How charts look and how they are drawn without a network.

- :func:`enable` registers and enables the book's Altair theme and picks a renderer.
- In the book build (``COMPUTE_RACE_BOOK=1``), charts are HTML that uses Altair's own
  "universal" template with a deterministic element id. The page carries the Vega,
  Vega-Lite and Vega-Embed libraries as one local script written by
  :func:`write_vega_bundle` from ``vl-convert-python``; a tiny script sets Altair's
  ``VEGA_DEBUG`` version keys so the template uses the local copy instead of a CDN.
- Below each chart in the book, a collapsible block holds the chart's data as a table and
  as a CSV download (a ``data:`` URI, so the output works offline on its own; the book's
  Sphinx extension moves it into a file beside the page), and the chart is drawn as SVG
  so Vega can give screen readers the chart's ``description`` (its ``aria-label``).
- Elsewhere (JupyterLab, nbval), charts are the Vega-Lite mimetype alone: JupyterLab draws
  Vega-Lite itself, offline.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import altair as alt
from altair.utils.html import spec_to_html

from helpers.env import BOOK_VAR

THEME = "compute_race"
RENDERER = "compute_race_html"
LAB_RENDERER = "compute_race_lab"

#: Colours: one accent for the subject of a chart, greys for context (colour-blind safe).
ACCENT = "#c2410c"
HIGHLIGHT = "#1d4ed8"
CONTEXT = "#9ca3af"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def _theme() -> alt.theme.ThemeConfig:
    return alt.theme.ThemeConfig(
        config={
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 340},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": "#e5e7eb",
                     "domainColor": "#6b7280", "tickColor": "#6b7280"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "title": {"fontSize": 15, "anchor": "start", "subtitleFontSize": 12,
                      "subtitleColor": "#4b5563"},
            "range": {"category": [HIGHLIGHT, ACCENT, "#059669", "#7c3aed", "#b45309",
                                   "#0e7490", CONTEXT]},
        }
    )


#: Characters a ``data:`` URI may carry as they are (RFC 2397 and RFC 3986's unreserved and
#: sub-delimiters, bar ``&`` and ``'``, which HTML would escape): percent-encoding every comma
#: of a CSV would make its download link a third longer.
_URI_SAFE = ",;:/=+!*()$@"


def _chart_id(spec: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:12]
    return f"chart-{digest}"


def _cell(value: Any) -> str:
    """A data value as table or CSV text: numbers as JSON writes them, nested values as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def chart_tables(spec: dict[str, Any]) -> list[tuple[list[str], list[list[str]]]]:
    """The chart's data, one (columns, rows) table per entry of the spec's top-level
    ``datasets``, in the spec's order; columns in order of first appearance."""
    tables = []
    for records in (spec.get("datasets") or {}).values():
        rows = [r for r in records if isinstance(r, dict)]
        columns = list(dict.fromkeys(k for r in rows for k in r))
        tables.append((columns, [[_cell(r.get(c)) for c in columns] for r in rows]))
    return tables


def csv_text(columns: list[str], rows: list[list[str]]) -> str:
    """A table as CSV (RFC 4180, ``\\r\\n`` line ends, quoted where needed)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def data_block(spec: dict[str, Any], chart_id: str) -> str:
    """The collapsible block under a chart: each of its tables in HTML, with a CSV download.

    Everything taken from the spec is escaped, so a data value can never become markup.
    Empty when the spec carries no datasets.
    """
    tables = chart_tables(spec)
    if not tables:
        return ""
    title = spec.get("title")
    title = title.get("text") if isinstance(title, dict) else title
    title = " ".join(title) if isinstance(title, list) else str(title or chart_id)
    parts = [f'<details class="chart-data" id="{chart_id}-data">',
             "<summary>The data behind this chart (table and CSV download)</summary>"]
    for i, (columns, rows) in enumerate(tables, start=1):
        suffix = f"-{i}" if len(tables) > 1 else ""
        name = f"{chart_id}{suffix}.csv"
        href = "data:text/csv;charset=utf-8," + quote(csv_text(columns, rows), safe=_URI_SAFE)
        label = f"Table {i} of {len(tables)}: " if len(tables) > 1 else ""
        parts.append(
            f'<p class="chart-data-download">{html.escape(label)}<a href="{html.escape(href)}" '
            f'download="{html.escape(name)}">Download the data as CSV ({len(rows)} '
            f'row{"" if len(rows) == 1 else "s"})</a></p>'
        )
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>"
                       for row in rows)
        parts.append(f'<div class="chart-data-scroll" tabindex="0" role="region" '
                     f'aria-label="Data of the chart {html.escape(title, quote=True)}'
                     f'{html.escape(", table " + str(i)) if suffix else ""}">'
                     f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")
    parts.append("</details>")
    return "\n".join(parts)


def book_html_renderer(spec: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    """Render a chart as offline HTML with a deterministic id (no random ``altair-viz-…``).

    The chart is drawn as SVG, whose root Vega labels with the spec's ``description`` for
    screen readers; the chart's data follow it in a collapsible :func:`data_block`.
    """
    chart_id = _chart_id(spec)
    chart = spec_to_html(
        spec,
        mode="vega-lite",
        vega_version=alt.VEGA_VERSION,
        vegaembed_version=alt.VEGAEMBED_VERSION,
        vegalite_version=alt.VEGALITE_VERSION,
        output_div=chart_id,
        embed_options={"renderer": "svg",
                       "actions": {"export": True, "source": False, "compiled": False,
                                   "editor": False}},
        fullhtml=False,
        requirejs=False,
        template="universal",
        json_kwds={"separators": (",", ":")},  # compact: a page carries each chart's data
    )
    return {"text/html": chart + _label_actions(chart_id) + data_block(spec, chart_id),
            "text/plain": "<Altair chart>"}


def _label_actions(chart_id: str) -> str:
    """A script that keeps the drawn chart readable by screen readers, as Vega redraws it.

    It names Vega-Embed's actions menu, whose ``<summary>`` holds only an icon (axe-core's
    serious ``summary-name``), and hides from screen readers the mark containers Vega draws
    with ``role="graphics-symbol"`` but no label (a line with a conditional stroke width,
    say: axe-core's serious ``svg-img-alt``); the chart's description and its data table
    below say what they show.
    """
    return (
        "<script>(function () {"
        f'var el = document.getElementById("{chart_id}");'
        "function fix() {"
        'var s = el.querySelector("details > summary");'
        'if (s && !s.hasAttribute("aria-label")) s.setAttribute("aria-label", "Save the chart as an image");'
        'el.querySelectorAll(\'[role="graphics-symbol"]:not([aria-label]):not([aria-hidden])\')'
        '.forEach(function (g) { g.setAttribute("aria-hidden", "true"); });'
        "}"
        "if (!el) return;"
        "fix();"
        "if (window.MutationObserver) new MutationObserver(fix).observe(el, {childList: true, subtree: true});"
        "})();</script>\n"
    )


def lab_renderer(spec: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    """Render a chart as the Vega-Lite mimetype alone: JupyterLab draws it offline.

    Altair's own default renderer adds an HTML fallback with a random element id, which
    would make every run's stored outputs differ.
    """
    from altair.vegalite.v5.display import VEGALITE_MIME_TYPE

    return {VEGALITE_MIME_TYPE: spec, "text/plain": "<Altair chart>"}


def enable() -> None:
    """Enable the book's theme, and the renderer that suits where the notebook runs."""
    alt.theme.register(THEME, enable=True)(_theme)
    alt.renderers.register(RENDERER, book_html_renderer)
    alt.renderers.register(LAB_RENDERER, lab_renderer)
    alt.renderers.enable(RENDERER if os.environ.get(BOOK_VAR) == "1" else LAB_RENDERER)
    # Tables up to a few thousand rows are embedded; anything bigger is a bug in a chart.
    alt.data_transformers.enable("default", max_rows=20_000)


def vega_debug_script() -> str:
    """The script that tells Altair's template the libraries are already on the page."""
    keys = {
        "vega_version": alt.VEGA_VERSION,
        "vegalite_version": alt.VEGALITE_VERSION,
        "vegaembed_version": alt.VEGAEMBED_VERSION,
    }
    return f"window.VEGA_DEBUG = Object.assign(window.VEGA_DEBUG || {{}}, {json.dumps(keys)});\n"


def write_vega_bundle(folder: Path) -> list[Path]:
    """Write ``vega-bundle.js`` and ``vega-local.js`` into ``folder``; return their paths.

    The bundle comes from ``vl-convert-python`` for the Vega-Lite version Altair targets,
    wrapped in a function so its minified top-level names do not collide with the page's.
    """
    import vl_convert as vlc

    major_minor = ".".join(alt.VEGALITE_VERSION.split(".")[:2])
    bundle = vlc.javascript_bundle(
        snippet="window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;",
        vl_version=major_minor,
    )
    folder.mkdir(parents=True, exist_ok=True)
    bundle_path = folder / "vega-bundle.js"
    bundle_path.write_text(
        f"/* Vega, Vega-Lite {alt.VEGALITE_VERSION}, Vega-Embed: bundled by vl-convert-python */\n"
        f"(function () {{\n{bundle}\n}})();\n",
        encoding="utf-8",
    )
    local_path = folder / "vega-local.js"
    local_path.write_text(vega_debug_script(), encoding="utf-8")
    return [bundle_path, local_path]


if __name__ == "__main__":  # pragma: no cover - used by the Makefile
    import sys

    for written in write_vega_bundle(Path(sys.argv[1])):
        print(written)
