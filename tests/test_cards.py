"""What the built book tells a reader beyond its text (``book/_ext/reader_pages.py``): link
previews (Open Graph and Twitter card tags, with a card image drawn at build time from the
page's first chart, or the book's title card), "Last updated" from git rather than the
clock, figures numbered per chapter, and the download menu's link to the PDF edition."""

from __future__ import annotations

import html
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers.build.cards import card_name, chart_card, first_chart_spec, title_card
from helpers.build.toc import toc_files
from helpers.paths import ROOT

pytestmark = pytest.mark.slow

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import reader_pages  # noqa: E402  (the book's extension, not a package)

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
SITE = CONFIG["sphinx"]["config"]["ogp_site_url"]
_META = re.compile(r'<meta (property|name)="([^"]+)" content="([^"]*)"\s*/?>')


def _meta(page: str) -> dict[str, str]:
    return {name: html.unescape(content) for _, name, content in _META.findall(page)}


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_every_page_has_a_link_preview_with_its_first_chart(built_book: Path) -> None:
    for doc in toc_files():
        page = (built_book / f"{doc}.html").read_text(encoding="utf-8")
        meta = _meta(page)
        for tag in ("og:title", "og:description", "og:image", "og:image:alt", "og:url"):
            assert meta.get(tag, "").strip(), f"{doc}: no {tag}"
        assert meta.get("twitter:card") == "summary_large_image", f"{doc}: twitter:card"
        assert meta["og:url"] == f"{SITE}{doc}.html", f"{doc}: og:url {meta['og:url']}"
        assert meta["og:image"] == SITE + card_name(doc), f"{doc}: og:image {meta['og:image']}"
        image = (built_book / card_name(doc)).read_bytes()
        width, height = _png_size(image)
        # large enough for a large-image card (1,200 x 630 asked; 300 x 157 at the least)
        assert 600 <= width <= 4000 and 300 <= height <= 4000, f"{doc}: card {width}x{height}"
        spec = first_chart_spec(page)
        if spec is not None:  # the page's first chart, drawn from the spec the page embeds
            assert image == chart_card(spec), f"{doc}: the card is not the page's first chart"
            assert meta["og:image:alt"].startswith("Chart: "), doc
        else:
            assert meta["og:image:alt"].startswith(CONFIG["title"]), doc
        assert "{" not in meta["og:description"], f"{doc}: markup in the description"


def test_the_home_page_card_shows_the_books_title(built_book: Path) -> None:
    home = toc_files()[0]
    page = (built_book / f"{home}.html").read_text(encoding="utf-8")
    meta = _meta(page)
    assert meta["og:title"] == CONFIG["title"]
    assert meta["og:image:alt"] == CONFIG["title"]
    tagline = re.search(r"<p><em>(.*?)</em></p>", page, re.S)
    assert tagline, "the home page has no tagline"
    expected = title_card(CONFIG["title"], html.unescape(tagline[1]))
    assert (built_book / card_name(home)).read_bytes() == expected
    chapter = (built_book / card_name("notebooks/claims")).read_bytes()
    assert chapter != expected


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_last_updated_is_the_date_of_the_last_commit_of_the_page_source(
    built_book: Path,
) -> None:
    try:
        _git("rev-parse", "--git-dir")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: the pages show no date")
    # The build never reads the clock for it: Sphinx's own date is switched off.
    assert CONFIG["sphinx"]["config"]["html_last_updated_fmt"] is None
    for doc in toc_files():
        source = next(p for p in (f"{doc}.md", f"{doc}.ipynb") if (ROOT / p).is_file())
        paths = reader_pages.source_paths(source)
        assert paths[0] == source
        # each file's own last commit, asked of git one by one: the page shows the latest
        dates = [d for d in (_git("log", "-1", "--format=%cs", "--", p) for p in paths) if d]
        page = (built_book / f"{doc}.html").read_text(encoding="utf-8")
        shown = re.findall(r"Last updated on (\d{4}-\d{2}-\d{2})\.", page)
        if not dates:  # a file no commit has touched yet
            assert shown == [], f"{doc}: a date for a source git does not know"
            continue
        assert shown == [max(dates)], f"{doc}: shows {shown}, git says {max(dates)}"
    chapter = reader_pages.source_paths("notebooks/germany_jupiter.ipynb")
    assert "src/helpers/charts/germany_jupiter.py" in chapter  # its inputs count too


def test_figures_are_numbered_per_chapter(built_book: Path) -> None:
    numbered = 0
    for doc in toc_files():
        page = (built_book / f"{doc}.html").read_text(encoding="utf-8")
        title = re.search(r"<title>(\d+)\. ", page)
        captions = re.findall(r'<span class="caption-number">Fig\. ([0-9.]+) </span>', page)
        if title is None:  # a page outside the numbered chapters: its own 1, 2, ...
            assert captions == [str(k) for k in range(1, len(captions) + 1)], (
                f"{doc}: figures {captions}"
            )
            continue
        chapter = title[1]
        assert captions == [f"{chapter}.{k}" for k in range(1, len(captions) + 1)], (
            f"{doc} (chapter {chapter}): figures {captions}"
        )
        numbered += len(captions)
        # a reference to a figure reads the number its caption shows
        for ref in re.findall(r'<span class="std std-numref">Fig\. ([0-9.]+)</span>', page):
            assert ref.startswith(f"{chapter}.") or ref in captions, f"{doc}: Fig. {ref}"
    assert numbered >= 30


def test_the_download_menu_links_the_pdf_edition(built_book: Path) -> None:
    url = f"{SITE}{reader_pages.PDF_NAME}"
    for doc in toc_files():
        page = (built_book / f"{doc}.html").read_text(encoding="utf-8")
        assert f'href="{url}"' in page, f"{doc}: no link to the PDF edition"
        assert "window.print()" not in page, f"{doc}: the menu still prints the page"
