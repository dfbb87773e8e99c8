"""The book's table of contents, ``_toc.yml``, read with ``sphinx_external_toc`` (the parser
Jupyter Book itself uses), so the build sees the same documents in the same order as Sphinx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx_external_toc.api import FileItem, SiteMap
from sphinx_external_toc.parsing import create_toc_dict, parse_toc_yaml

from helpers.paths import ROOT

TOC = ROOT / "_toc.yml"
_NOTEBOOKS = "notebooks/"


def toc_files(path: Path = TOC) -> list[str]:
    """Every document named in the toc, in reading order (the root first), without extension."""
    site = parse_toc_yaml(path)
    files: list[str] = []

    def walk(docname: str) -> None:
        files.append(docname)
        for child in site[docname].child_files():
            walk(child)

    walk(site.root.docname)
    return files


def notebooks_in_toc(path: Path = TOC) -> list[str]:
    """The notebooks (stems below ``notebooks/``) that the book renders, in order."""
    return [f.removeprefix(_NOTEBOOKS) for f in toc_files(path) if f.startswith(_NOTEBOOKS)]


def toc_with_only(keep: set[str], path: Path = TOC) -> dict[str, Any]:
    """The toc as a ``_toc.yml`` mapping, without the notebooks not in ``keep`` (stems) and
    without the parts they leave empty."""
    site: SiteMap = parse_toc_yaml(path)
    dropped = {
        f for f in site if f.startswith(_NOTEBOOKS) and f.removeprefix(_NOTEBOOKS) not in keep
    }
    for docname in dropped:
        del site[docname]
    for docname in site:
        document = site[docname]
        for tree in document.subtrees:
            tree.items = [
                i for i in tree.items if not (isinstance(i, FileItem) and str(i) in dropped)
            ]
        document.subtrees = [tree for tree in document.subtrees if tree.items]
    toc: dict[str, Any] = create_toc_dict(site)
    return toc


def toc_parts(path: Path = TOC) -> tuple[str, list[tuple[str, list[str]]]]:
    """The root document and the toc's parts, in order: each part's caption and its chapters'
    documents (without extension), as the book's sidebar lists them."""
    site = parse_toc_yaml(path)
    root = site.root
    parts = [
        (str(tree.caption or ""), [str(i) for i in tree.items if isinstance(i, FileItem)])
        for tree in root.subtrees
    ]
    return root.docname, parts
