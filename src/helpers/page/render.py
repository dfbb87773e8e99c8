"""How charts look and how they are drawn without a network.

- :func:`enable` enables the book's Altair theme (:mod:`helpers.charts.theme`) and picks a
  renderer.
- In the book build (``COMPUTE_RACE_BOOK=1``), charts are HTML that uses Altair's own
  "universal" template with a deterministic element id. The page carries the Vega,
  Vega-Lite and Vega-Embed libraries as one local script written by
  :func:`helpers.build.vega.write_vega_bundle` from ``vl-convert-python``; a script sets Altair's
  ``VEGA_DEBUG`` version keys so the template uses the local copy instead of a CDN.
- Below each chart in the book, a collapsible block holds the chart's data as a table and
  as a CSV download (a ``data:`` URI, so the output works offline on its own; the book's
  Sphinx extension moves it into a file beside the page), and the chart is drawn as SVG
  so Vega can give screen readers the chart's ``description`` (its ``aria-label``).
- Elsewhere (JupyterLab, nbval, the stored notebook outputs), charts are the Vega-Lite
  mimetype, which JupyterLab draws itself, offline, and beside it the same chart as a static
  SVG image (:func:`svg`, drawn offline by ``vl-convert-python``), which whatever cannot run
  Vega-Lite shows instead (nbconvert's HTML, GitHub's notebook viewer).
- Chart data carry no NaN or infinity: JSON has neither, so :func:`json_safe` makes them
  null, both where Altair turns a data frame into a chart's values (:func:`chart_values`,
  the data transformer :func:`enable` switches on) and in every renderer.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import html
import io
import json
import math
import os
import re
from typing import Any
from urllib.parse import quote

import altair as alt
from altair.utils.data import limit_rows, to_values
from altair.utils.html import spec_to_html

from helpers.charts.theme import enable_theme
from helpers.env import SCRIPT_KEY_VAR, in_book

RENDERER = "compute_race_html"
LAB_RENDERER = "compute_race_lab"
DATA_TRANSFORMER = "compute_race_values"
#: Tables up to a few thousand rows are embedded; anything bigger is a bug in a chart.
MAX_ROWS = 20_000

#: Characters a ``data:`` URI may carry as they are (RFC 2397 and RFC 3986's unreserved and
#: sub-delimiters, bar ``&`` and ``'``, which HTML would escape): percent-encoding every comma
#: of a CSV would make its download link a third longer.
_URI_SAFE = ",;:/=+!*()$@"


def json_safe(value: Any) -> Any:
    """``value`` with every NaN or infinite float, at any depth of its dicts, lists and tuples,
    replaced by ``None`` (JSON's null); everything else unchanged, ``value`` itself untouched.

    JSON has no NaN: given one in a chart, jupyter-client warns that the message is not
    JSON-compliant and sends the string ``"nan"`` instead, and ``json.dumps`` writes a literal
    ``NaN`` that no JSON parser reads. Vega-Lite takes null as a missing value.
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def chart_values(data: Any, max_rows: int = MAX_ROWS) -> Any:
    """Altair's default data transformer (at most ``max_rows`` rows, embedded as values), with
    every missing or infinite value null (:func:`json_safe`).

    Altair 5.5 makes a float column's NaN null, but leaves the missing values of pandas 3's
    default string dtype (``str``, whose missing value is a float NaN) as they are: an
    unknown chip in Epoch's cluster table reached the chart as NaN.
    """
    return json_safe(to_values(limit_rows(data, max_rows=max_rows)))


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


#: A cell a spreadsheet would read as a formula starts with one of these (OWASP, "CSV
#: Injection"): such a cell is written with a leading ``'``, which spreadsheets show as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A number as :func:`_cell` writes one (JSON): left as it is, so ``-5`` stays a number.
_NUMBER = re.compile(r"^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` as a CSV cell no spreadsheet runs as a formula: one that starts with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, unless it is a
    number (``-5``, ``-1.5e-3`` stay numbers)."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.match(cell):
        return "'" + cell
    return cell


def csv_text(columns: list[str], rows: list[list[str]]) -> str:
    """A table as CSV (RFC 4180, ``\\r\\n`` line ends, quoted where needed), every cell
    and header :func:`spreadsheet_safe`."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([spreadsheet_safe(c) for c in columns])
    writer.writerows([[spreadsheet_safe(c) for c in row] for row in rows])
    return out.getvalue()


def _title_text(spec: dict[str, Any]) -> str:
    """The chart's title as one line of text (without its subtitle); empty if it has none."""
    title = spec.get("title")
    title = title.get("text") if isinstance(title, dict) else title
    return " ".join(map(str, title)) if isinstance(title, list) else str(title or "")


def data_block(spec: dict[str, Any], chart_id: str) -> str:
    """The collapsible block under a chart: each of its tables in HTML, with a CSV download.

    Everything taken from the spec is escaped, so a data value can never become markup.
    Empty when the spec carries no datasets.
    """
    tables = chart_tables(spec)
    if not tables:
        return ""
    title = _title_text(spec) or chart_id
    parts = [
        f'<details class="chart-data" id="{chart_id}-data">',
        "<summary>The data behind this chart (table and CSV download)</summary>",
    ]
    for i, (columns, rows) in enumerate(tables, start=1):
        suffix = f"-{i}" if len(tables) > 1 else ""
        name = f"{chart_id}{suffix}.csv"
        href = "data:text/csv;charset=utf-8," + quote(csv_text(columns, rows), safe=_URI_SAFE)
        label = f"Table {i} of {len(tables)}: " if len(tables) > 1 else ""
        parts.append(
            f'<p class="chart-data-download">{html.escape(label)}<a href="{html.escape(href)}" '
            f'download="{html.escape(name)}">Download the data as CSV ({len(rows)} '
            f"row{'' if len(rows) == 1 else 's'})</a></p>"
        )
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in rows
        )
        parts.append(
            f'<div class="chart-data-scroll" tabindex="0" role="region" '
            f'aria-label="Data of the chart {html.escape(title, quote=True)}'
            f'{html.escape(", table " + str(i)) if suffix else ""}">'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        )
    parts.append("</details>")
    return "\n".join(parts)


def book_html_renderer(spec: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    """Render a chart as offline HTML with a deterministic id (no random ``altair-viz-…``).

    The chart is drawn as SVG, whose root Vega labels with the spec's ``description`` for
    screen readers; the chart's data follow it in a collapsible :func:`data_block`.
    """
    spec = json_safe(spec)
    chart_id = _chart_id(spec)
    chart = spec_to_html(
        spec,
        mode="vega-lite",
        vega_version=alt.VEGA_VERSION,
        vegaembed_version=alt.VEGAEMBED_VERSION,
        vegalite_version=alt.VEGALITE_VERSION,
        output_div=chart_id,
        embed_options={
            # Vega-Embed's own expression interpreter instead of `new Function`: the pages'
            # Content-Security-Policy allows no eval (book/_ext/csp.py).
            "ast": True,
            "renderer": "svg",
            "actions": {"export": True, "source": False, "compiled": False, "editor": False},
        },
        fullhtml=False,
        requirejs=False,
        template="universal",
        json_kwds={"separators": (",", ":")},  # compact: a page carries each chart's data
    )
    return {
        "text/html": sign_scripts(_script_safe(chart) + _label_actions(chart_id))
        + data_block(spec, chart_id),
        "text/plain": "<Altair chart>",
    }


_SCRIPT = re.compile(r"(<script\b[^>]*>)(.*?)(</script>)", re.S)


def _script_safe(fragment: str) -> str:
    """``fragment`` (Altair's chart HTML: one script) with the script's text unable to end
    its element early: the chart's data is JSON inside the script, and a data string holding
    ``</script>`` would otherwise close it and let what follows be markup. ``<\\/`` and
    ``<\\!--`` mean the same in JavaScript's strings (the only place they occur there)."""
    start = fragment.find("<script")
    end = fragment.rfind("</script>")  # the template's own end: a data string may hold one
    if start == -1 or end == -1:
        return fragment
    opening = fragment.index(">", start) + 1
    body = fragment[opening:end].replace("</", "<\\/").replace("<!--", "<\\!--")
    return fragment[:opening] + body + fragment[end:]


def sign_scripts(fragment: str) -> str:
    """Give each ``<script>`` of ``fragment`` a ``data-signature``: the HMAC-SHA256 of its
    text under the build's key (:data:`helpers.env.SCRIPT_KEY_VAR`), which the pages'
    Content-Security-Policy requires of an inline script in a page's body, so a script that
    reached a page any other way (a payload that escaping missed) does not run. Without a
    key (outside the book build) the fragment is returned as it is."""
    key = os.environ.get(SCRIPT_KEY_VAR)
    if not key:
        return fragment

    def sign(match: re.Match[str]) -> str:
        digest = hmac.new(key.encode(), match.group(2).encode("utf-8"), "sha256").hexdigest()
        opening = match.group(1)[:-1] + f' data-signature="{digest}">'
        return opening + match.group(2) + match.group(3)

    return _SCRIPT.sub(sign, fragment)


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
        "el.querySelectorAll('[role=\"graphics-symbol\"]:not([aria-label]):not([aria-hidden])')"
        '.forEach(function (g) { g.setAttribute("aria-hidden", "true"); });'
        "}"
        "if (!el) return;"
        "fix();"
        "if (window.MutationObserver) new MutationObserver(fix).observe(el, {childList: true, subtree: true});"
        "})();</script>\n"
    )


def lab_renderer(spec: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    """Render a chart as the Vega-Lite mimetype, which JupyterLab draws offline, and as
    static images for whatever cannot draw Vega-Lite: SVG (:func:`svg`) and PNG (:func:`png`).

    The PNG is there for JupyterLab too: its Vega renderer adds a PNG of its own to any chart
    output that has none, which marks a notebook modified as soon as it is opened and writes
    a browser-made image into it on save (``@jupyterlab/vega5-extension``, ``renderModel``).
    All are deterministic; Altair's own default renderer adds an HTML fallback with a random
    element id, which would make every run's stored outputs differ.
    """
    from altair.vegalite.v5.display import VEGALITE_MIME_TYPE

    spec = json_safe(spec)
    return {
        VEGALITE_MIME_TYPE: spec,
        "image/svg+xml": svg(spec),
        "image/png": png(spec),
        "text/plain": "<Altair chart>",
    }


def png(spec: dict[str, Any]) -> str:
    """The chart as a PNG image drawn offline by ``vl-convert-python``, base64-encoded as a
    notebook stores it (at the chart's own size: it is a fallback, not a print image)."""
    import base64

    import vl_convert as vlc

    image = vlc.vegalite_to_png(
        json_safe(spec), vl_version=_VL_VERSION, scale=1, allowed_base_urls=[]
    )
    return base64.b64encode(image).decode("ascii")


#: The Vega-Lite version vl-convert draws with: the one Altair writes its specs for.
_VL_VERSION = ".".join(alt.VEGALITE_VERSION.split(".")[:2])
_SVG_ROOT = re.compile(r"<svg\b[^>]*>")


def svg(spec: dict[str, Any]) -> str:
    """The chart as a standalone SVG image, drawn offline by ``vl-convert-python``.

    Deterministic: the same spec gives the same bytes. The image says what it shows: its
    root's ``aria-label`` is the chart's ``description`` and its ``<title>`` the chart's title
    (each the other when one is missing), as Vega labels the chart it draws in a page. Data
    from a URL is refused rather than fetched: every chart of the book embeds its data.
    """
    import vl_convert as vlc

    spec = json_safe(spec)
    image = vlc.vegalite_to_svg(spec, vl_version=_VL_VERSION, allowed_base_urls=[])
    title = _title_text(spec)
    label = " ".join(str(spec.get("description") or title).split())
    title = " ".join(title.split()) or label
    root = _SVG_ROOT.search(image)
    if root is None or not label or "aria-label" in root.group():
        return image
    head = (
        root.group()[:-1]
        + f' aria-label="{html.escape(label)}">'
        + f"<title>{html.escape(title)}</title>"
    )
    return image[: root.start()] + head + image[root.end() :]


def enable() -> None:
    """Enable the book's theme, and the renderer that suits where the notebook runs."""
    enable_theme()
    alt.renderers.register(RENDERER, book_html_renderer)
    alt.renderers.register(LAB_RENDERER, lab_renderer)
    alt.renderers.enable(RENDERER if in_book() else LAB_RENDERER)
    alt.data_transformers.register(DATA_TRANSFORMER, chart_values)
    alt.data_transformers.enable(DATA_TRANSFORMER, max_rows=MAX_ROWS)
