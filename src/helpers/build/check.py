"""``make check ARTICLE=path``: draft the claim ledger of one article, as one offline page.

Executes ``notebooks/check_article.ipynb`` for the article with papermill
(:func:`helpers.build.execute.execute`, offline: the datasets come from ``COMPUTE_RACE_DATA``
or the checksum-verified cache) and writes, in ``_build/check/``:

- ``<stem>.html``: one standalone page, with the book's stylesheet (``book/_static/book.css``),
  its light and dark colours (``book/_static/check-report.css``, following the reader's
  preference), the book's chart layout for the column (``book/_static/charts-fit.js``: a
  phone gets the book's phone layout) and the offline Vega bundle (:mod:`helpers.build.vega`)
  inside it, so it opens from a file with no network: no ``src`` or ``href`` that leaves the
  page. The chart is drawn by Vega-Embed from the notebook's Vega-Lite output, over its
  static SVG (what shows without JavaScript); a wide table scrolls inside its own box.
  Outputs of cells tagged ``remove-output`` (what only nbval reads) are left out, as the
  book leaves them out. Only the notebook's outputs are shown, never its code; Markdown cells are
  rendered with raw HTML off, and text outputs are escaped, so nothing from the article can
  become markup (the notebook escapes every string of the article it shows).
- ``<stem>.csv``: the draft ledger in the columns of ``data/claims/`` (written by the notebook).
- ``<stem>.ipynb`` and ``<stem>.json``: the executed notebook and its key figures.

The book is not rebuilt. An article that cannot be read (missing, a folder, too large,
UTF-16, binary, not UTF-8, empty: :func:`helpers.analysis.article_input.read`) stops in one
line before a kernel starts. The four files are written in a staging folder beside them and
moved into place only when all four are done, so a run that fails leaves the last good report
as it was, never half of a new one. An article that is not about the book's subjects (few or
no numbers with a source naming its entities), or not in Spanish, is said so on the terminal
and at the top of the page.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import nbformat
from markdown_it import MarkdownIt

from helpers.analysis import article_input
from helpers.build.execute import execute
from helpers.build.vega import vega_debug_script, write_vega_bundle
from helpers.errors import ComputeRaceError
from helpers.paths import BOOK, BUILD

STEM = "check_article"
VEGALITE = "application/vnd.vegalite.v5+json"
#: The key figure that says whether the article is about the book's subjects.
ABOUT = "About the book's subjects"
#: The key figure that says which language the article is in (``English`` draws a warning).
LANGUAGE = "Language of the article"

#: The page's own layout; its colours are the browser's and the book's stylesheet's (no colour
#: is written here: the palette lives in ``helpers.charts.theme``, which the build may not import).
_BASE_CSS = """
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial,
  sans-serif; line-height: 1.5; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; display: block;
  overflow-x: auto; }
th, td { border-bottom: 1px solid rgba(0, 0, 0, 0.12); padding: 0.3rem 0.5rem;
  text-align: left; vertical-align: top; }
blockquote { border-left: 4px solid rgba(0, 0, 0, 0.25); margin: 1rem 0; padding: 0.2rem 1rem; }
pre { white-space: pre; overflow-x: auto; font-size: 0.85rem; }
figure { margin: 1rem 0; } figure img { max-width: 100%; }
.report-note { border: 2px solid currentColor; padding: 0.5rem 1rem; }
main { overflow-wrap: break-word; }
main > .vega-embed { display: block; }
"""

#: The page's colours, light and dark: the theme variables the book's stylesheet reads (in the
#: book, pydata-sphinx-theme defines them), which :data:`DARK_SCRIPT` switches.
REPORT_CSS = BOOK / "_static" / "check-report.css"

#: Follows the reader's light or dark preference, as the book's theme does in its "auto" mode.
DARK_SCRIPT = """(function () {
  var m = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)");
  function set() { document.documentElement.dataset.theme = m && m.matches ? "dark" : "light"; }
  set();
  if (m && m.addEventListener) { m.addEventListener("change", set); }
})();"""

#: Jupyter Book's tags that keep a cell's outputs out of the page (nbval still compares them).
HIDDEN_OUTPUT_TAGS = frozenset({"remove-output", "remove-cell"})


def report_folder() -> Path:
    """Where the reports go: ``_build/check`` (below ``COMPUTE_RACE_BUILD_DIR`` if set)."""
    return BUILD / "check"


def _script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def _chart(spec: dict[str, Any], svg: str, number: int) -> str:
    div = f"check-chart-{number}"
    options = {
        "renderer": "svg",
        "actions": {"export": True, "source": False, "compiled": False, "editor": False},
    }
    return (
        f'<div id="{div}" class="vega-embed">{svg}</div>\n'
        f"<script>vegaEmbed({_script_json('#' + div)}, {_script_json(spec)}, "
        f"{_script_json(options)});</script>\n"
    )


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def outputs_html(nb: Any) -> str:
    """The notebook's outputs and Markdown cells as HTML, in order; code is never shown."""
    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    parts: list[str] = []
    charts = 0
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "parameters" in tags or "injected-parameters" in tags or "remove-cell" in tags:
            continue
        if cell.cell_type == "markdown":
            parts.append(markdown.render(_text(cell.source)))
            continue
        if HIDDEN_OUTPUT_TAGS.intersection(tags):
            continue
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "stream" and output.get("name") == "stdout":
                parts.append(f"<pre>{html.escape(_text(output.get('text', '')))}</pre>\n")
            elif kind in ("display_data", "execute_result"):
                data = output.get("data", {})
                if VEGALITE in data:
                    charts += 1
                    svg = _text(data.get("image/svg+xml", ""))
                    parts.append(_chart(data[VEGALITE], svg, charts))
                elif "text/html" in data:
                    parts.append(_text(data["text/html"]))
                elif "text/plain" in data:
                    parts.append(f"<pre>{html.escape(_text(data['text/plain']))}</pre>\n")
    return "".join(parts)


def page(nb: Any, title: str, note: str, bundle: str) -> str:
    """The standalone page: stylesheet and Vega inlined, the note first, then the outputs."""
    css = (BOOK / "_static" / "book.css").read_text(encoding="utf-8")
    colours = REPORT_CSS.read_text(encoding="utf-8")
    # the book's layout of each chart for its column (it wraps vegaEmbed, as in the book)
    fit = (
        (BOOK / "_static" / "charts-fit.js")
        .read_text(encoding="utf-8")
        .replace("</script", "<\\/script")
    )
    script = bundle.replace("</script", "<\\/script")
    note_html = f'<p class="report-note"><strong>{html.escape(note)}</strong></p>\n' if note else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{_BASE_CSS}\n{colours}\n{css}</style>\n"
        f"<script>{script}</script>\n"
        f"<script>{fit}</script>\n"
        f"<script>{vega_debug_script()}</script>\n"
        f"<script>{DARK_SCRIPT}</script>\n"
        "</head>\n<body>\n<main>\n"
        f"{note_html}{outputs_html(nb)}"
        "</main>\n</body>\n</html>\n"
    )


def _bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed in one script (:func:`helpers.build.vega.write_vega_bundle`)."""
    with tempfile.TemporaryDirectory() as tmp:
        bundle, _ = write_vega_bundle(Path(tmp))
        return bundle.read_text(encoding="utf-8")


def check(article: Path, out: Path | None = None) -> tuple[Path, Path, str]:
    """Draft the ledger of ``article``: returns the page, the CSV and a note (empty when the
    article is about the book's subjects and in Spanish)."""
    article = article.expanduser().resolve()
    article_input.read(article)  # one line for what cannot be read, before a kernel starts
    out = out or report_folder()
    out.mkdir(parents=True, exist_ok=True)
    stem = article.stem
    names = [f"{stem}{ext}" for ext in (".csv", ".json", ".ipynb", ".html")]
    staging = Path(tempfile.mkdtemp(prefix=f".{stem}.", dir=out))
    try:
        executed, results = staging / f"{stem}.ipynb", staging / f"{stem}.json"
        # the notebook writes its CSV to staging: the kernel is told so, this process is not
        execute(
            STEM,
            executed,
            {"article": str(article)},
            results=results,
            env={article_input.REPORT_DIR_VAR: str(staging)},
        )
        figures = {f["figure"]: f["value"] for f in json.loads(results.read_text(encoding="utf-8"))}
        notes = []
        if figures.get(ABOUT) != "yes":
            notes.append(
                f"This article is not about the book's subjects: "
                f"{figures.get('Numbers with a source naming an entity near them', '0')} of its "
                f"{figures.get('Numbers found in the article', '0')} numbers have a candidate "
                "source that names one of its entities, so the draft can check little of it."
            )
        if figures.get(LANGUAGE) == "English":
            notes.append(
                "This article looks English: the pipeline reads Spanish numbers and units, "
                "so its numbers may be misread."
            )
        note = " ".join(notes)
        nb = nbformat.read(executed, as_version=4)
        (staging / f"{stem}.html").write_text(
            page(nb, f"Draft ledger: {article.name}", note, _bundle()), encoding="utf-8"
        )
        missing = [n for n in names if not (staging / n).is_file()]
        if missing:
            raise ComputeRaceError(f"{article}: the run wrote no {', '.join(missing)}")
        for name in names:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out / f"{stem}.html", out / f"{stem}.csv", note


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.build.check", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("article", nargs="?", default="", help="path of a UTF-8 article")
    args = parser.parse_args(argv)
    if not args.article:
        print("error: name the article: make check ARTICLE=path/to/article.txt", file=sys.stderr)
        return 2
    try:
        target, csv, note = check(Path(args.article))
    except ComputeRaceError as err:  # ArticleError among them
        print(f"error: {err}", file=sys.stderr)
        return 1
    if note:
        print(f"warning: {note}")
    print(f"wrote {target} and {csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
