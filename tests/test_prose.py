"""The chapters' prose: no number typed into it, no MyST syntax left where JupyterLab shows it,
and the ``%%prose`` mechanism that fills in this run's values (:mod:`helpers.page.prose`).

What may stay in the prose: list markers, years and dates, proper names that contain numbers
(MareNostrum 5, Wu Dao 2.0, Llama 3.1), numbers inside placeholders, roles, code, links and
directive options, and the English gloss of a quoted article (a translation of the article's
own words, in a blockquote).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers.errors import ComputeRaceError
from helpers.page import prose
from helpers.paths import NOTEBOOKS

ROLE = re.compile(r"\{[\w:]+\}`[^`]*`")
PLACEHOLDER = re.compile(r"\{\{\s*\w+\s*\}\}")
CODE = re.compile(r"`[^`]*`")
LINK = re.compile(r"\]\([^)]*\)")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b\d{{1,2}} (?:{MONTHS})\b")
NAMES = re.compile(r"MareNostrum \d|Wu Dao \d\.\d|Llama \d(?:\.\d)?|Phase \d|Ascend \d+\w*")
NUMBER = re.compile(r"(?<![\w.\-/])\d[\d,.]*(?![\w\-/])")
YEAR = re.compile(r"(?:19|20)\d\d")
#: MyST syntax that plain Markdown (JupyterLab, GitHub) would show as it is.
MYST = re.compile(r"\{[\w:]+\}`|^\s*(?::{3,}|`{3,})\{|^\([^)]*\)=\s*$", re.M)

NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def typed_numbers(markdown: str) -> list[str]:
    """The numbers in ``markdown`` that do not come from a placeholder and are not allowed."""
    found = []
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith(
            (":::", ":name:", ":figwidth:", ":class:", "(", "```", "> *", "> {{")
        ):
            continue
        text = re.sub(r"^\s*\d+\.\s", "", line)  # a numbered-list marker
        for pattern in (PLACEHOLDER, ROLE, CODE, LINK, DATE, NAMES):
            text = pattern.sub(" ", text)
        found += [
            n.rstrip(".,") for n in NUMBER.findall(text) if not YEAR.fullmatch(n.rstrip(".,"))
        ]
    return found


def prose_cells(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """(index, text) of every cell a reader reads: Markdown cells and ``%%prose`` cells."""
    cells = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            cells.append((i, cell.source))
        elif cell.cell_type == "code" and cell.source.startswith("%%prose"):
            cells.append((i, cell.source.split("\n", 1)[1] if "\n" in cell.source else ""))
    return cells


def test_the_checker_catches_a_typed_number() -> None:
    assert typed_numbers("JUPITER cost 500 million euros.") == ["500"]
    assert typed_numbers("It ranks {{ jup_rank }} on 10 June 2025.") == []
    assert typed_numbers("1. **Where JUPITER stands** in MareNostrum 5 and Llama 3.1 405B.") == []
    assert typed_numbers("a share of 40% and 2.5 days") == ["40", "2.5"]


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_no_number_is_typed_into_a_chapter(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    hits = [(i, n) for i, text in prose_cells(nb) for n in typed_numbers(text)]
    assert hits == [], f"{path.name}: numbers typed into the prose (cell, number): {hits}"


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_markdown_cells_hold_no_myst_syntax(path: Path) -> None:
    """JupyterLab and GitHub render Markdown cells as CommonMark: MyST belongs in prose cells."""
    nb = nbformat.read(path, as_version=4)
    hits = [
        (i, MYST.search(c.source).group(0))
        for i, c in enumerate(nb.cells)
        if c.cell_type == "markdown" and MYST.search(c.source)
    ]
    assert hits == [], f"{path.name}: MyST syntax in Markdown cells (cell, syntax): {hits}"


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_prose_cells_are_hidden_and_loaded(path: Path) -> None:
    """Prose cells hide their source in the book and collapse it in JupyterLab, and the magic
    is loaded, and a run started, before the first of them (only the title comes before)."""
    nb = nbformat.read(path, as_version=4)
    first_prose = min(i for i, c in enumerate(nb.cells) if c.source.startswith("%%prose"))
    assert "prose.start_run()" in nb.cells[1].source
    assert nb.cells[1].metadata.get("tags") == ["remove-cell"]
    assert first_prose > 1
    for c in nb.cells:
        if c.cell_type == "code" and c.source.startswith("%%prose"):
            assert c.metadata.get("tags") == ["remove-input"]
            assert c.metadata.get("jupyter", {}).get("source_hidden") is True


@pytest.fixture
def clean_prose(monkeypatch):
    monkeypatch.setattr(prose, "VALUES", {})
    monkeypatch.setattr(prose, "FIGURES", {})
    monkeypatch.setattr(prose, "PENDING", {})
    return prose


def test_fill_substitutes_once_and_names_a_missing_value(clean_prose) -> None:
    prose.VALUES.update({"a": "4", "b": "{{ a }}"})
    assert prose.fill("rank {{ a }}, then {{b}}") == "rank 4, then {{ a }}"
    with pytest.raises(prose.ProseError, match="no value named 'c'") as info:
        prose.fill("{{ c }}")
    assert isinstance(info.value, ComputeRaceError) and "\n" not in str(info.value)


def test_myst_becomes_readable_html() -> None:
    html = prose.to_html(
        ":::{admonition} Findings\n:class: tip\n- number **4** {cite}`top500_2025_06`, "
        "{cite:t}`epoch_gpu_clusters`; see {doc}`its chapter <germany_jupiter>`\n:::\n\n"
        "(label)=\n| a | b |\n|---|---|\n| x<br>y | z<sup>2</sup> |\n\n{cite:p}`chips_money_asanovic2014`"
    )
    assert "<blockquote>\n<p><strong>Findings</strong></p>" in html
    assert "(TOP500, 2025)" in html and "Pilz et al. (2025)" in html and "see its chapter" in html
    assert "(Asanović and Patterson, 2014)" in html  # LaTeX in the bibliography made plain
    left = '<td style="text-align: left">'
    assert (
        f"{left}x<br>y</td>" in html and f"{left}z<sup>2</sup></td>" in html
    )  # the template's HTML
    assert not re.search(r"\{[\w:]+\}|:::|:class:|\(label\)=", html)


def test_markup_in_a_value_is_text_in_every_form(clean_prose, monkeypatch) -> None:
    from helpers.page import paste

    paste.paste("title", "El <img src=x onerror=alert(1)> & <b>chip</b>")
    for in_book in ("0", "1"):
        monkeypatch.setenv("COMPUTE_RACE_BOOK", in_book)
        shown = prose.to_html(prose.fill("**{{ title }}**"))
        assert "<img" not in shown and "<b>" not in shown and "&lt;img src=x" in shown


WRAP = '<div class="mathjax_ignore tex2jax_ignore">\n{}</div>\n'


def _run_cells(*cells: str) -> list[dict]:
    """Run ``cells`` in a real kernel (outside the book) and return each cell's outputs."""
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    return [c.outputs for c in nb.cells]


@pytest.mark.slow
def test_text_before_its_values_is_completed_in_place_and_reruns_change_it() -> None:
    start = "from helpers.page import prose\nprose.start_run()"
    text = "%%prose\nJUPITER would need **{{ days }}** days."
    outputs = _run_cells(
        start,
        text,
        "from helpers.page.paste import paste\npaste('days', 40 / 0.4)",
        start,
        text,
        "paste('days', 40 / 0.5)",  # Run All again, with another utilisation
        "%%prose\nNow: {{ days }} days.",
    )
    for shown, days in ((outputs[1], "100.0"), (outputs[4], "80.0")):  # 40 / 0.4, 40 / 0.5
        assert [o["data"] for o in shown] == [
            {"text/html": WRAP.format(f"<p>JUPITER would need <strong>{days}</strong> days.</p>\n")}
        ]
    assert outputs[6][0]["data"] == {"text/html": WRAP.format("<p>Now: 80.0 days.</p>\n")}


@pytest.mark.slow
def test_text_that_waits_for_a_value_never_pasted_fails_at_the_key_figures() -> None:
    import pandas as pd  # noqa: F401  (the kernel's key-figures table)
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError, match="no cell pasted the value\\(s\\) 'nope'"):
        _run_cells(
            "%load_ext helpers.page.prose",
            "%%prose\n{{ nope }}",
            "import pandas as pd\nfrom helpers.page.paste import show_key_figures\n"
            "show_key_figures(pd.DataFrame({'figure': [], 'value': [], 'unit': []}))",
        )
