"""No number typed into prose: every figure in a notebook's Markdown comes from a glue role.

What may stay: list markers, years and dates, proper names that contain numbers (MareNostrum 5,
Wu Dao 2.0, Llama 3.1), numbers inside roles, code, links and directive options, and the
English gloss of a quoted article (a translation of the article's own words, in a blockquote).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers.paths import NOTEBOOKS

ROLE = re.compile(r"\{[\w:]+\}`[^`]*`")
CODE = re.compile(r"`[^`]*`")
LINK = re.compile(r"\]\([^)]*\)")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b\d{{1,2}} (?:{MONTHS})\b")
NAMES = re.compile(r"MareNostrum \d|Wu Dao \d\.\d|Llama \d(?:\.\d)?|Phase \d|Ascend \d+\w*")
NUMBER = re.compile(r"(?<![\w.\-/])\d[\d,.]*(?![\w\-/])")
YEAR = re.compile(r"(?:19|20)\d\d")


def typed_numbers(markdown: str) -> list[str]:
    """The numbers in ``markdown`` that do not come from a glue role and are not allowed."""
    found = []
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith((":::", ":name:", ":figwidth:", ":class:", "(", "```", "> *", "> {glue")):
            continue
        text = re.sub(r"^\s*\d+\.\s", "", line)  # a numbered-list marker
        for pattern in (ROLE, CODE, LINK, DATE, NAMES):
            text = pattern.sub(" ", text)
        found += [n.rstrip(".,") for n in NUMBER.findall(text) if not YEAR.fullmatch(n.rstrip(".,"))]
    return found


def test_the_checker_catches_a_typed_number() -> None:
    assert typed_numbers("JUPITER cost 500 million euros.") == ["500"]
    assert typed_numbers("It ranks {glue:md}`jup_rank` on 10 June 2025.") == []
    assert typed_numbers("1. **Where JUPITER stands** in MareNostrum 5 and Llama 3.1 405B.") == []
    assert typed_numbers("a share of 40% and 2.5 days") == ["40", "2.5"]


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_no_number_is_typed_into_a_chapter(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    hits = [(i, n) for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"
            for n in typed_numbers(cell.source)]
    assert hits == [], f"{path.name}: numbers typed into the prose (cell, number): {hits}"
