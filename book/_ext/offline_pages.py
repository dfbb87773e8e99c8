"""The book's Sphinx extension: pages free of network requests, values glued across pages,
and the "Data and sources" appendix generated from the registries.

1. Jupyter Book always loads sphinx-thebe, which writes its configuration script (with an
   unpkg.com URL) into every page, twice on some pages, so the browser logs "Identifier
   'THEBE_JS_URL' has already been declared". The book does not use Thebe (launch buttons
   open JupyterLab instead), so its scripts are removed from every page.
2. myst-nb 1.4's ``{glue:md}`` role reads only the page's own notebook; its ``path::key``
   form exists for ``{glue}`` and ``{glue:text}`` alone, which would show the repr of the
   Markdown values :func:`helpers.page.paste.paste` glues. The role is extended here: with
   ``path::key`` (``/notebooks/germany_jupiter.ipynb::jup_rank``) it pastes the Markdown
   another notebook glued, rendered inline with HTML disabled. An unknown key or notebook is
   a warning, so the strict build fails on it.
3. ``{data-sources}`` writes the appendix's tables from :data:`helpers.inputs.datasets.DATASETS` and
   the curated facts, events and claims, so what readers see is what the code uses.
4. docutils writes the bibliography as ``<div role="list">`` holding entries with
   ``role="doc-biblioentry"``, a role ARIA 1.2 deprecates and does not allow in a list, so
   screen readers get a list without items (axe-core: ``aria-required-children``,
   critical). The entries are given ``role="listitem"``.
5. Lighter pages: the ``without_scripts`` template filter lets ``book/_templates/layout.html``
   drop the theme's scripts a reader never needs (Font Awesome's 1.5 MB SVG swapper, whose
   icons the theme's web fonts already draw, and the search index outside the search page).
6. Lighter chart pages: each chart's data block carries its CSV download as a ``data:`` URI
   (:func:`helpers.page.render.data_block`), so a notebook's output works anywhere on its own. In
   the book, :func:`csv_files` moves each CSV out of the page into a file of its own under
   ``chart-data/``, which a reader fetches only by clicking the link; and pages without a
   chart do not load the Vega bundle (0.9 MB of JavaScript to fetch and parse).
7. Only ``make book`` builds the book: it executes the notebooks into a staging folder, then
   runs ``jupyter-book build`` there with ``COMPUTE_RACE_STAGE`` naming that folder. Any other
   build (a plain ``jupyter-book build .``) stops at once with one line saying so.
"""

from __future__ import annotations

import html
import io
import json
import os
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from docutils import nodes
from docutils.statemachine import StringList
from markupsafe import Markup
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from helpers.formats import markdown_table

LOGGER = logging.getLogger(__name__)

#: :data:`helpers.env.STAGE_VAR`, spelt out: the hint must come even where helpers is not installed.
STAGE_VAR = "COMPUTE_RACE_STAGE"
NOT_STAGED = (
    "error: run `make book` to build this book: a plain `jupyter-book build` does not "
    "execute the notebooks, so it would show no chart and no computed value"
)


def _drop_thebe(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    scripts = context.get("script_files")
    if scripts is None:
        return
    kept = [
        js
        for js in scripts
        if "thebe" not in str(getattr(js, "filename", "") or "")
        and "THEBE_JS_URL" not in str(getattr(js, "attributes", {}).get("body", ""))
    ]
    scripts[:] = kept


#: The scripts ``_config.yml`` adds to every page for Altair's charts (helpers.page.render),
#: with the book's own that lays each chart out again for a phone's column (every kind of
#: chart: concatenated, faceted, repeated), and a wide one for a desktop's column where it fits.
VEGA_SCRIPTS = (
    "_static/vega/vega-bundle.js",
    "_static/vega/vega-local.js",
    "_static/charts-fit.js",  # a phone's layout of a chart (book/_static/charts-fit.js)
)


def _vega_only_where_drawn(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Drop the Vega scripts from a page that draws no chart (Altair's template, which sets
    ``VEGA_DEBUG``, is in the body of every page that does)."""
    scripts = context.get("script_files")
    if scripts is None or "VEGA_DEBUG" in str(context.get("body", "")):
        return
    scripts[:] = [
        js for js in scripts if str(getattr(js, "filename", "") or "") not in VEGA_SCRIPTS
    ]


def without_scripts(html: str, *names: str) -> Markup:
    """``html`` without the ``<script src=…>`` tags whose source path ends with one of ``names``
    (a cache-busting ``?digest=…`` query is ignored). Every name must be found, so a theme
    upgrade that renames a script fails the build instead of silently keeping it."""
    out = str(html)
    for name in names:
        pattern = re.compile(
            r'<script\b[^>]*\bsrc="[^"]*?' + re.escape(name) + r'(\?[^"]*)?"[^>]*>\s*</script>\s*'
        )
        out, found = pattern.subn("", out)
        if not found:
            raise ValueError(f"book/_templates/layout.html: the theme no longer loads {name!r}")
    return Markup(out)


def _register_filters(app: Any) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["without_scripts"] = without_scripts


def _fix_citation_roles(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body")
    if isinstance(body, str) and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


#: The book's folder of chart data files, beside the pages.
CHART_DATA = "chart-data"
_CSV_LINK = re.compile(
    r'href="data:text/csv;charset=utf-8,(?P<data>[^"]*)" '
    r'download="(?P<name>chart-[0-9a-f]{12}(?:-[0-9]+)?\.csv)"'
)


def csv_files(body: str, pagename: str) -> tuple[str, dict[str, str]]:
    """``body`` with each CSV ``data:`` link of a chart's data block pointing at a file under
    :data:`CHART_DATA` instead, and those files' text by name. A chart's id is a digest of its
    spec, so one name always holds the same rows."""
    files: dict[str, str] = {}
    up = posixpath.relpath(CHART_DATA, posixpath.dirname(pagename) or ".")

    def move(match: re.Match[str]) -> str:
        name = match["name"]
        files[name] = unquote(html.unescape(match["data"]))
        return f'href="{up}/{name}" download="{name}"'

    return _CSV_LINK.sub(move, body), files


def _write_csv_files(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body")
    if not isinstance(body, str) or "data:text/csv" not in body:
        return
    context["body"], files = csv_files(body, pagename)
    folder = Path(app.outdir, CHART_DATA)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")


# --- {glue:md}`path::key` ---------------------------------------------------------------


def _markdown_role() -> Any:
    from myst_nb.ext.glue.roles import PasteMarkdownRole
    from myst_nb.ext.glue.utils import (
        PendingGlueReferenceError,
        create_pending_glue_ref,
        glue_warning,
    )

    class PasteMarkdownAcrossPages(PasteMarkdownRole):  # type: ignore[misc]
        """``{glue:md}`` that also takes ``path::key`` (a value glued in another notebook)."""

        def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
            if "::" not in self.text:
                return super().run()  # type: ignore[no-any-return]
            doc, key = self.text.split("::", 1)
            try:
                ref = create_pending_glue_ref(
                    self.document, self.source, self.line, doc, key, inline=True, gtype="markdown"
                )
            except PendingGlueReferenceError as exc:
                return [], [glue_warning(str(exc), self.document, self.line)]
            return [ref], []

    return PasteMarkdownAcrossPages()


class PasteMarkdownAcrossPagesTransform(SphinxPostTransform):
    """Replace the pending ``path::key`` Markdown references before myst-nb's own transform
    (priority 5) would paste their ``text/plain`` repr."""

    default_priority = 4
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        from markdown_it import MarkdownIt
        from myst_nb.ext.glue.utils import PendingGlueReference

        md = MarkdownIt("commonmark", {"html": False})
        folder = Path(self.env.mystnb_config.output_folder)
        for node in list(self.document.findall(PendingGlueReference)):
            if node.gtype != "markdown":
                continue
            path = folder.joinpath(*node.refdoc.split("/")).with_name(
                node.refdoc.split("/")[-1] + ".glue.json"
            )
            glued = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
            text = glued.get(node.key, {}).get("data", {}).get("text/markdown")
            if text is None:
                LOGGER.warning(
                    f"no Markdown glued as {node.key!r} in {node.refdoc!r}",
                    location=node,
                    type="mystnb",
                    subtype="glue_ref",
                )
                node.parent.remove(node)
                continue
            html = md.renderInline(text.strip())
            node.replace_self(nodes.raw(text, html, format="html", classes=["pasted-markdown"]))


# --- {data-sources} ---------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$&:])")


def _esc(text: object) -> str:
    """Text made literal in MyST: every Markdown punctuation mark backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _link(title: object, url: object) -> str:
    return f"[{_esc(title)}](<{url}>)"


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{value:,.0f}"
    return f"{value:,.6g}"


def datasets_markdown() -> list[str]:
    """One subsection per dataset of the registry: what it is, its licence and checksum."""
    from helpers.inputs.datasets import DATASETS

    lines: list[str] = []
    for ds in DATASETS.values():
        lines += [f"### {_esc(ds.publisher)}: {_esc(ds.title)}", ""]
        lines += [
            f"Publisher\n: {_esc(ds.publisher)}, {_link(ds.canonical_url, ds.canonical_url)}",
            "",
            f"Licence\n: {_esc(ds.licence)}",
            "",
            f"Attribution\n: {_esc(ds.attribution)}",
            "",
            f"Snapshot date\n: {_esc(ds.snapshot_date)}",
            "",
            (
                f"File\n: `{ds.filename}`, {_number(ds.rows)} rows and {_number(ds.columns)} columns, "
                f"from the immutable copy {_link('at this address', ds.url)}"
            ),
            "",
            f"sha256\n: `{ds.sha256}`",
            "",
        ]
    return lines


#: How the appendix names a kind of source (``data/sources.csv``, ``tests/test_sources.py``).
SOURCE_KINDS = {
    "publisher": "publisher's page",
    "official_register": "official register",
    "paper": "paper",
    "reputable_outlet": "reputable outlet",
    "secondary": "secondary",
    "mirror_or_copy": "mirror or copy",
    "content_farm": "content farm",
}


def source_kind(url: str, kinds: dict[str, str]) -> str:
    """The kind of the page at ``url``, by the longest domain of ``kinds`` (domain to kind, as
    ``data/sources.csv`` spells them) that its host is or ends with; ``www.`` and a final dot
    are ignored, as the registry's test does. "unregistered" when none matches."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").rstrip(".").lower().removeprefix("www.")
    labels = host.split(".")
    for i in range(len(labels) - 1):
        kind = kinds.get(".".join(labels[i:]))
        if kind is not None:
            return SOURCE_KINDS.get(kind, kind.replace("_", " "))
    return "unregistered"


def facts_markdown() -> list[str]:
    """Per chapter: every curated fact with its value, source, the source's kind (from
    ``data/sources.csv``, by the address's domain), its date, when its page was last seen
    (blank when no one recorded it) and confidence; the chapter's dated events; and how its
    claims were judged."""
    import pandas as pd

    from helpers.analysis.scenarios_compared import chapter_title
    from helpers.errors import DataError
    from helpers.inputs.claims import load_claims
    from helpers.inputs.facts import CHAPTERS, load_events, load_facts
    from helpers.inputs.files import read_utf8
    from helpers.paths import DATA

    facts, events, claims = load_facts(), load_events(), load_claims()
    # The project's UTF-8 reader: a bad byte stops the build in one line naming the file.
    registry = pd.read_csv(
        io.StringIO(read_utf8(DATA / "sources.csv", DataError)), dtype=str, keep_default_na=False
    )
    kinds = dict(zip(registry["domain"], registry["kind"], strict=True))

    def seen(value: object) -> str:
        """A ``source_last_seen`` cell: blank (NaN) when no one recorded it."""
        return _esc(value) if isinstance(value, str) else ""

    lines: list[str] = []
    for stem in CHAPTERS:
        lines += [
            f"### {_esc(chapter_title(stem))}",
            "",
            f"Chapter: {{doc}}`/notebooks/{stem}`.",
            "",
        ]
        rows = []
        for f in facts[facts["chapter"] == stem].itertuples():
            value = _number(f.value)
            if f.value_low == f.value_low and f.value_high == f.value_high:  # not NaN
                value += f" (range {_number(f.value_low)} to {_number(f.value_high)})"
            rows.append(
                [
                    f"`{f.fact_id}`",
                    f"{_esc(f.subject)}: {_esc(f.quantity)}",
                    _esc(value),
                    _esc(f.unit),
                    _esc(f.as_of),
                    _link(f.source_title, f.source_url),
                    _esc(source_kind(f.source_url, kinds)),
                    _esc(f.source_date),
                    seen(f.source_last_seen),
                    _esc(f.confidence),
                ]
            )
        lines += [f"**Facts** ({len(rows)})", ""]
        lines += [
            *markdown_table(
                [
                    "Fact",
                    "What",
                    "Value",
                    "Unit",
                    "As of",
                    "Source",
                    "Kind",
                    "Source date",
                    "Last seen",
                    "Confidence",
                ],
                rows,
            ).splitlines(),
            "",
        ]
        chapter_events = events[events["chapter"] == stem]
        if len(chapter_events):
            rows = [
                [
                    _esc(e.date.date().isoformat()),
                    _esc(e.title),
                    _link(e.source_title, e.source_url),
                    _esc(source_kind(e.source_url, kinds)),
                    _esc(e.source_date),
                    seen(e.source_last_seen),
                ]
                for e in chapter_events.itertuples()
            ]
            lines += [f"**Events** ({len(rows)})", ""]
            header = ["Date", "Event", "Source", "Kind", "Source date", "Last seen"]
            lines += [*markdown_table(header, rows).splitlines(), ""]
        verdicts = claims[claims["chapter"] == stem]["verdict"].value_counts()
        summary = ", ".join(f"{n} {_esc(v)}" for v, n in sorted(verdicts.items()))
        lines += [
            (
                f"**Claims checked**: {len(claims[claims['chapter'] == stem])} ({summary}); "
                "each with its source in the chapter's ledger."
            ),
            "",
        ]
    return lines


class DataSourcesDirective(SphinxDirective):
    """``{data-sources} datasets`` or ``{data-sources} facts``: the appendix's tables."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        what = self.arguments[0]
        makers = {"datasets": datasets_markdown, "facts": facts_markdown}
        if what not in makers:
            raise self.error(
                f"data-sources: unknown table {what!r}: use one of {', '.join(makers)}"
            )
        from helpers.inputs.datasets import __file__ as registry
        from helpers.paths import DATA

        for path in [Path(registry), *sorted(DATA.rglob("*.csv"))]:
            self.env.note_dependency(str(path))
        container = nodes.container(classes=["data-sources"])
        self.state.nested_parse(
            StringList(makers[what](), source="data-sources"),
            self.content_offset,
            container,
            match_titles=True,
        )
        return container.children  # type: ignore[return-value]


def _require_make_book(app: Any) -> None:
    """Stop at once, in one line, unless ``helpers.build`` started this build on its staging
    folder (it sets :data:`STAGE_VAR` to it).

    Only that build executes the notebooks with the book's renderer; a plain ``jupyter-book
    build .`` renders the reviewed notebooks as stored, where every chart would be the text
    ``<Altair chart>`` and the glued values missing. The error is a :class:`SystemExit`, not
    a Sphinx ``ConfigError``: jupyter-book re-raises any ``Exception`` from Sphinx as a
    ``RuntimeError``, and the reader would get the hint between two tracebacks. Neither Sphinx
    nor jupyter-book catches ``SystemExit``: Python prints its line and exits with status 1.
    """
    staged = os.environ.get(STAGE_VAR)
    if not staged or Path(staged).resolve() != Path(app.srcdir).resolve():
        raise SystemExit(NOT_STAGED)


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _require_make_book, priority=0)
    app.connect("builder-inited", _register_filters)
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("html-page-context", _fix_citation_roles)
    app.connect("html-page-context", _write_csv_files)
    app.connect("html-page-context", _vega_only_where_drawn)
    app.add_role_to_domain("glue", "md", _markdown_role(), override=True)
    app.add_post_transform(PasteMarkdownAcrossPagesTransform)
    app.add_directive("data-sources", DataSourcesDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
