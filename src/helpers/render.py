"""How charts look and how they are drawn without a network.

- :func:`enable` registers and enables the book's Altair theme and picks a renderer.
- In the book build (``COMPUTE_RACE_BOOK=1``), charts are HTML that uses Altair's own
  "universal" template with a deterministic element id. The page carries the Vega,
  Vega-Lite and Vega-Embed libraries as one local script written by
  :func:`write_vega_bundle` from ``vl-convert-python``; a tiny script sets Altair's
  ``VEGA_DEBUG`` version keys so the template uses the local copy instead of a CDN.
- Elsewhere (JupyterLab, nbval), charts are the Vega-Lite mimetype alone: JupyterLab draws
  Vega-Lite itself, offline.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

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


def _chart_id(spec: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:12]
    return f"chart-{digest}"


def book_html_renderer(spec: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    """Render a chart as offline HTML with a deterministic id (no random ``altair-viz-…``)."""
    html = spec_to_html(
        spec,
        mode="vega-lite",
        vega_version=alt.VEGA_VERSION,
        vegaembed_version=alt.VEGAEMBED_VERSION,
        vegalite_version=alt.VEGALITE_VERSION,
        output_div=_chart_id(spec),
        embed_options={"actions": {"export": True, "source": False, "compiled": False,
                                   "editor": False}},
        fullhtml=False,
        requirejs=False,
        template="universal",
    )
    return {"text/html": html, "text/plain": "<Altair chart>"}


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
    bundle = vlc.javascript_bundle(vl_version=major_minor)
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
