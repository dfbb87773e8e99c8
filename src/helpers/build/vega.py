"""The offline Vega bundle the book's pages load: Vega, Vega-Lite and Vega-Embed in one local
script, from ``vl-convert-python``, and a tiny script that tells Altair's "universal" template
(the book's chart HTML, :func:`helpers.page.render.book_html_renderer`) that the libraries are
already on the page, through its ``VEGA_DEBUG`` version keys, so it loads no CDN.
"""

from __future__ import annotations

import json
from pathlib import Path

import altair as alt


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
