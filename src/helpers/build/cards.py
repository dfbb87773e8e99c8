"""Link previews: the picture a chat or a social site shows beside a link to a page of the book.

Each page's card is its first chart, drawn at build time, offline, by ``vl-convert-python``
from the very Vega-Lite spec the page embeds (:func:`first_chart_spec` reads it out of the
page's HTML, where Altair's template passes it to ``vegaEmbed``): the same chart a reader sees,
never a second computation. A page without a chart (the home page, the appendices) gets the
book's title card (:func:`title_card`). The book's Sphinx extension
(``book/_ext/reader_pages.py``) writes the images under ``_static/cards/`` and names them in
each page's Open Graph and Twitter card metadata.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: Where the cards go, below the book's root.
CARDS = "_static/cards"
#: Pixels per CSS pixel of a chart: a chart of the book is 560–760 px wide, so its card is
#: 1,100–1,500 px wide, as the sites that show large previews ask (1,200 × 630 or more).
SCALE = 2
#: The title card's size in CSS pixels (drawn at :data:`SCALE`): 1,200 × 630 on screen.
TITLE_SIZE = (600, 315)

# Altair's "universal" template calls ``(function(spec, embedOpt){ … })(SPEC, OPTIONS);``
# right after the chart's ``<div id="chart-…">``.
_CHART_DIV = re.compile(r'<div id="(chart-[0-9a-f]{12})"></div>')
_CALL = "})("


def first_chart_spec(body: str) -> dict[str, Any] | None:
    """The Vega-Lite spec of the first chart in a page's HTML ``body``; None without one."""
    match = _CHART_DIV.search(body)
    if match is None:
        return None
    start = body.find(_CALL, match.end())
    if start < 0:
        raise ValueError(f"{match[1]}: no Vega-Lite spec follows the chart's element")
    spec, _ = json.JSONDecoder().raw_decode(body, start + len(_CALL))
    if not isinstance(spec, dict):
        raise ValueError(f"{match[1]}: the chart's spec is not a JSON object")
    return spec


def _vl_version() -> str:
    import altair as alt

    return ".".join(alt.VEGALITE_VERSION.split(".")[:2])


def chart_card(spec: dict[str, Any]) -> bytes:
    """A chart drawn as a PNG for a link preview, on a white background (a preview has no
    page behind it)."""
    import vl_convert as vlc

    spec = {**spec, "background": "white"}
    return bytes(
        vlc.vegalite_to_png(spec, vl_version=_vl_version(), scale=SCALE, allowed_base_urls=[])
    )


def title_card(title: str, subtitle: str) -> bytes:
    """The book's card: its ``title`` and ``subtitle``, drawn as a PNG by ``vl-convert-python``
    in the book's palette (:mod:`helpers.charts.theme`)."""
    import vl_convert as vlc

    from helpers.charts.theme import ACCENT, INK, PAPER, SUBTLE

    width, height = TITLE_SIZE
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width,
        "height": height,
        "background": PAPER,
        "padding": 0,
        "config": {"view": {"stroke": None}},
        "data": {"values": [{}]},
        "layer": [
            {
                "mark": {
                    "type": "rect",
                    "color": ACCENT,
                    "x": 0,
                    "x2": 12,
                    "y": 0,
                    "y2": height,
                }
            },
            {
                "mark": {
                    "type": "text",
                    "text": title,
                    "fontSize": 52,
                    "fontWeight": "bold",
                    "color": INK,
                    "align": "left",
                    "x": 48,
                    "y": height / 2 - 24,
                }
            },
            {
                "mark": {
                    "type": "text",
                    "text": subtitle,
                    "fontSize": 20,
                    "color": SUBTLE,
                    "align": "left",
                    "x": 50,
                    "y": height / 2 + 32,
                    "limit": width - 80,
                }
            },
        ],
    }
    return bytes(
        vlc.vegalite_to_png(spec, vl_version=_vl_version(), scale=SCALE, allowed_base_urls=[])
    )


def card_name(pagename: str) -> str:
    """The card's path below the book's root for the page ``pagename`` (``notebooks/claims``)."""
    return f"{CARDS}/{pagename.replace('/', '--')}.png"
