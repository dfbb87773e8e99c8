"""The book's Sphinx extension for its readers away from a desktop browser: link previews, a
"Last updated" date that comes from the content, and the PDF edition in the download menu.

1. Link previews (``sphinxext-opengraph`` writes the Open Graph tags, configured in
   ``_config.yml``): each page's card image is its first chart, drawn at build time, offline,
   from the spec the page embeds (:mod:`helpers.build.cards`); a page without a chart gets the
   book's title card (the home page: the book's title and its tagline). The image goes to
   ``_static/cards/<page>.png`` and is named in the page's ``og:image``.
2. "Last updated" is the date of the last commit that changed the page's source: its ``.md``
   or notebook and, for a chapter, the chapter's analysis and chart modules and its curated
   tables in ``data/`` (``git log -1 --format=%cs``). Never the build's date: ``_config.yml``
   sets ``html_last_updated_fmt`` to null, so Sphinx does not read the clock, and two builds
   of one commit are identical whatever the day. Outside a git checkout, no date is shown.
3. The download menu's ".pdf" printed the page (``window.print()``); it links the book's PDF
   edition instead (``make pdf``, :mod:`helpers.build.pdf`), at the book's published address
   (``ogp_site_url``): the HTML is the same whether or not a PDF was built beside it.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path
from typing import Any

from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

#: The PDF edition's file name, at the root of the published book (and in ``_build/pdf/``).
PDF_NAME = "compute-race.pdf"


# --- 1. link previews ------------------------------------------------------------------


@functools.cache
def _title_card(title: str, subtitle: str) -> bytes:
    from helpers.build.cards import title_card

    return title_card(title, subtitle)


def _first_paragraph(doctree: Any) -> str:
    from docutils import nodes

    node = doctree.next_node(nodes.paragraph) if doctree is not None else None
    return " ".join(node.astext().split()) if node is not None else ""


def _card(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Draw the page's card and name it in the page's metadata, which sphinxext-opengraph
    (connected at the default priority, after this) reads as ``og:image``."""
    if doctree is None or app.builder.format != "html":
        return
    from helpers.build.cards import card_name, chart_card, first_chart_spec

    spec = first_chart_spec(str(context.get("body", "")))
    book = book_title(app)
    if spec is not None:
        image = chart_card(spec)
        title = spec.get("title")
        alt = title.get("text") if isinstance(title, dict) else title
        alt = " ".join(alt) if isinstance(alt, list) else str(alt or context.get("title", ""))
        alt = f"Chart: {alt}"
    elif pagename == app.config.root_doc:
        image = _title_card(book, _first_paragraph(doctree))
        alt = book
    else:
        page_title = _page_title(context) or book
        image = _title_card(book, page_title)
        alt = f"{book}: {page_title}"
    name = card_name(pagename)
    path = Path(app.outdir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(image)
    meta = context.get("meta")
    if meta is None:
        meta = context["meta"] = {}
    meta["og:image"] = name
    meta["og:image:alt"] = alt


def book_title(app: Any) -> str:
    """The book's title (``title`` in ``_config.yml``, which Jupyter Book makes the HTML
    title; Sphinx's ``project`` it leaves unset)."""
    return str(getattr(app.config, "html_title", "") or app.config.project)


def _page_title(context: dict[str, Any]) -> str:
    from html import unescape
    from re import sub

    return " ".join(unescape(sub(r"<[^>]+>", "", str(context.get("title", "")))).split())


# --- 2. "Last updated" from git --------------------------------------------------------


def source_paths(source: str) -> list[str]:
    """The files, relative to the checkout, whose last change dates the page built from
    ``source`` (``notebooks/germany_jupiter.ipynb``, ``book/methods.md``): the source itself
    and, for a chapter's notebook, its chapter's modules and curated tables where they
    exist (``src/helpers/analysis/<stem>.py``, ``src/helpers/charts/<stem>.py``,
    ``data/*/<stem>.csv``, ``data/<stem>.csv``)."""
    from helpers.paths import ROOT  # here: a plain build must reach offline_pages' hint

    paths = [source]
    if source.startswith("notebooks/") and source.endswith(".ipynb"):
        stem = Path(source).stem
        candidates = [
            f"src/helpers/analysis/{stem}.py",
            f"src/helpers/charts/{stem}.py",
            f"data/{stem}.csv",
            *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "data").glob(f"*/{stem}.csv"))),
        ]
        paths += [p for p in candidates if (ROOT / p).is_file()]
    return paths


@functools.cache
def git_date(paths: tuple[str, ...]) -> str | None:
    """The date (``YYYY-MM-DD``) of the last commit that changed any of ``paths``; None
    outside a git checkout or when no commit has touched them."""
    from helpers.paths import ROOT

    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", *paths],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    date = result.stdout.strip()
    return date if result.returncode == 0 and date else None


def _last_updated(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    context["last_updated"] = None
    if doctree is None or pagename not in app.env.found_docs:
        return
    source = Path(app.env.doc2path(pagename, False)).as_posix()  # relative to the book
    context["last_updated"] = git_date(tuple(source_paths(source)))


# --- 3. the PDF edition in the download menu -------------------------------------------


def pdf_url(app: Any) -> str:
    """The PDF edition's address: beside the published book's pages."""
    return str(app.config.ogp_site_url).rstrip("/") + "/" + PDF_NAME


def _pdf_button(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Replace the download menu's "print this page" with a link to the book's PDF."""
    for button in context.get("header_buttons") or []:
        for i, item in enumerate(button.get("buttons") or []):
            if item.get("label") == "download-pdf-button":
                button["buttons"][i] = {
                    "type": "link",
                    "url": pdf_url(app),
                    "text": "book .pdf",
                    "tooltip": "The whole book as one PDF",
                    "icon": "fas fa-file-pdf",
                    "label": "download-book-pdf-button",
                }


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", _card, priority=400)
    app.connect("html-page-context", _last_updated)
    app.connect("html-page-context", _pdf_button, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
