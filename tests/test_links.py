"""Internal links, checked offline: every relative ``href`` and ``src`` of every built page
resolves to a file of the book, and every ``#anchor`` to an element id on the target page.

External links are not fetched (the tests run offline); the build's ``-n`` already fails on
a broken cross-reference, and this test catches what Sphinx does not see: links written
into raw HTML, theme templates and static files.
"""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

#: Attributes that point at another resource.
LINK_ATTRS = {"href", "src"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRS:
                self.links.append(value)
            elif name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)


@cache
def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def _is_internal(link: str) -> bool:
    parts = urlsplit(link)
    return not (parts.scheme or parts.netloc or link.startswith("//"))


def broken_links(book: Path) -> list[str]:
    """Every internal link of the book's HTML pages that does not resolve, as
    ``page: link (why)``; an empty list when every one does. Files under ``_static`` are
    not pages: the themes ship their Jinja macro templates there as ``.html``."""
    problems = []
    root = book.resolve()
    for page in sorted(
        p for p in root.rglob("*.html") if "_static" not in p.relative_to(root).parts
    ):
        for link in _parse(page).links:
            if not _is_internal(link):
                continue
            parts = urlsplit(link)
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            rel = page.relative_to(root)
            if not target.is_relative_to(root):
                problems.append(f"{rel}: {link} (outside the book)")
            elif not target.is_file():
                problems.append(f"{rel}: {link} (no such file)")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in _parse(target).ids
            ):
                problems.append(f"{rel}: {link} (no element with id {unquote(parts.fragment)!r})")
    return problems


def test_every_internal_link_resolves(built_book: Path, book_pages: list[str]) -> None:
    assert len(book_pages) >= 11  # the home page, five chapters and the appendices
    assert broken_links(built_book) == []


def test_the_home_page_links_to_every_chapter_and_appendix(built_book: Path) -> None:
    links = {urlsplit(link).path for link in _parse(built_book / "book" / "intro.html").links}
    for page in ("germany_jupiter", "eu_access", "ai_factories", "china_gpus", "chips_money"):
        assert f"../notebooks/{page}.html" in links
    for page in ("glossary", "data_sources", "rerun", "methods"):
        assert f"{page}.html" in links


def test_the_checker_finds_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="sub/a.html#here">ok</a> <a href="sub/a.html#gone">anchor</a> '
        '<img src="missing.png" alt="x"> <a href="https://example.org/x">external</a> '
        '<a href="#top" id="top">self</a> <a href="../outside.html">up</a>',
        encoding="utf-8",
    )
    (tmp_path / "sub" / "a.html").write_text('<h1 id="here">A</h1>', encoding="utf-8")
    (tmp_path.parent / "outside.html").write_text("", encoding="utf-8")
    assert broken_links(tmp_path) == [
        "index.html: sub/a.html#gone (no element with id 'gone')",
        "index.html: missing.png (no such file)",
        "index.html: ../outside.html (outside the book)",
    ]


@pytest.mark.parametrize(
    "link, internal",
    [
        ("notebooks/a.html", True),
        ("#x", True),
        ("https://a.org", False),
        ("//cdn.example/x.js", False),
        ("mailto:a@b.c", False),
        ("data:text/csv;charset=utf-8,a", False),
    ],
)
def test_only_relative_links_are_checked(link: str, internal: bool) -> None:
    assert _is_internal(link) is internal
