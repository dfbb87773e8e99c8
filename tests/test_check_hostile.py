"""Hostile and odd input to ``make check`` and ``notebooks/check_article.ipynb``: each is one
line naming the file and what is wrong, before a kernel starts, or a correct page with its
markup shown as text; a run that fails never leaves half a report over a good one.

(tests/test_check_article.py already covers a missing file, Latin-1 text, a whitespace-only
article and ``<script>``/``<b>`` in an article; tests/test_injection.py the book's escaping.)
"""

from __future__ import annotations

import codecs
import json
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from helpers.analysis import article_input, candidates
from helpers.errors import ArticleError
from support import run_check

SENTENCE = "El superordenador JUPITER costó 500 millones de euros."


# --- reading, in-process ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("utf16le.txt", SENTENCE.encode("utf-16"), "UTF-16 text (it starts with a UTF-16"),
        ("utf16be.txt", codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), "UTF-16 text"),
        ("utf32.txt", SENTENCE.encode("utf-32"), "UTF-32 text"),
        ("binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a NUL byte at byte 8 (line 3)"),
        ("nul.txt", b"JUPITER\x00 500 millones", "a NUL byte at byte 7 (line 1): a binary"),
        ("latin1.txt", SENTENCE.encode("latin-1"), "not valid UTF-8 at byte 30 (line 1)"),
        ("invisible.txt", "\u200b\u202e\ufeff \n".encode(), "the article is empty"),
    ],
)
def test_what_cannot_be_read_is_one_line_naming_the_file(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ArticleError) as err:
        article_input.read(path)
    assert str(err.value).startswith(f"{path}: ") and message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_folder_and_a_file_too_large_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="a folder, not an article file"):
        article_input.read(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(SENTENCE.encode() * (article_input.MAX_BYTES // len(SENTENCE) + 1))
    with pytest.raises(ArticleError, match=r"big\.txt: [\d,]+ bytes, more than the 1,000,000"):
        article_input.read(big)
    exactly = tmp_path / "exactly.txt"
    exactly.write_bytes(b"a" * (article_input.MAX_BYTES - 1) + b"\n")
    assert len(article_input.read(exactly).text) == article_input.MAX_BYTES


def test_line_ends_a_bom_and_invisible_characters_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    body = (
        "\ufeffEl superordenador JUPITER costó 5\u200b00 millones de euros.\r\n"
        "Tiene \u202e23.752 superchips\u202c GH200\u2066.\u2069\rY un guion\u00ad suave.\x07\n"
    )
    path.write_bytes(body.encode("utf-8"))
    read = article_input.read(path)
    assert read.text == (
        "El superordenador JUPITER costó 500 millones de euros.\n"
        "Tiene 23.752 superchips GH200.\nY un guion suave.\n"
    )
    assert read.removed == 7 and read.language == ""  # too few words to tell
    # the number the zero-width space split is read whole
    drafted = candidates.check_text(read.text).draft
    assert list(drafted["value"])[:2] == [500_000_000.0, 23_752.0]


def test_the_language_is_told_apart() -> None:
    english = "The JUPITER supercomputer cost 500 million euros and it is the fastest in Europe."
    assert article_input.language(english + " " + english) == "en"
    assert article_input.language(SENTENCE + " Es el más rápido de la Unión Europea.") == "es"
    assert article_input.language("JUPITER: 500") == ""


def test_an_article_with_no_numbers_is_a_draft_with_no_rows(data_folder: Path) -> None:
    checked = candidates.check_text("El superordenador JUPITER es el más potente de Europa.")
    assert checked.draft.empty and list(checked.draft.columns) == candidates.DRAFT_COLUMNS
    verdict = candidates.relevance(checked.draft)
    assert verdict.quantities == 0 and not verdict.about_the_book
    ledger = candidates.draft_ledger(checked.draft, article="005")
    assert ledger.empty


# --- make check: refusals before a kernel, and no half-written report --------------------------


def test_make_check_refuses_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "a folder.txt"
    folder.mkdir()
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(SENTENCE.encode("utf-16"))
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (article_input.MAX_BYTES + 1))
    for path, what in [
        (folder, "a folder, not an article file"),
        (utf16, "UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8"),
        (binary, "a NUL byte at byte 8 (line 3): a binary file, not text"),
        (big, "1,000,001 bytes, more than the 1,000,000 an article may have"),
    ]:
        result = run_check(tmp_path, path)
        assert result.returncode == 1, path
        assert result.stderr == f"error: {path}: {what}\n", result.stderr
        assert result.stdout == ""
    assert not (tmp_path / "build" / "check").exists()


def test_a_failed_run_leaves_the_last_good_report_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers.build import check as check_mod
    from helpers.build.execute import BuildError

    article = tmp_path / "nota.txt"
    article.write_text(SENTENCE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    good = {ext: f"the good {ext}" for ext in (".html", ".csv", ".json", ".ipynb")}
    for ext, text in good.items():
        (out / f"nota{ext}").write_text(text, encoding="utf-8")

    def half_a_run(stem: str, target: Path, parameters: Any, **kw: Any) -> Path:
        # the notebook got as far as its CSV and its executed copy, then a cell failed
        target.write_text("half", encoding="utf-8")
        (target.parent / "nota.csv").write_text("half", encoding="utf-8")
        raise BuildError("notebooks/check_article.ipynb: cell 9 failed: ValueError: boom")

    monkeypatch.setattr(check_mod, "execute", half_a_run)
    with pytest.raises(BuildError, match="cell 9 failed"):
        check_mod.check(article, out)
    assert {p.name for p in out.iterdir()} == {f"nota{ext}" for ext in good}  # no staging left
    for ext, text in good.items():
        assert (out / f"nota{ext}").read_text(encoding="utf-8") == text


# --- make check: odd articles that make a correct page -----------------------------------------

HOSTILE = (
    "# Título con <i>HTML</i>\r\n\r\n"
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [pulsa](javascript:alert(3))\r\n"
    "```{raw} html\r\n<iframe src=//example.com></iframe>\r\n```\r\n"
    "$$\\int_0^1 x\\,dx$$ {glue}`x` <!-- nota -->\r\n"
    "El superordenador JUPITER costó 5\u200b00 millones de euros y tiene "
    "\u202e23.752 superchips\u202c GH200.\r\n"
)


@pytest.fixture(scope="module")
def hostile_page(
    tmp_path_factory: pytest.TempPathFactory, data_folder: Path
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    tmp = tmp_path_factory.mktemp("hostile")
    article = tmp / "hostil.txt"
    article.write_bytes(HOSTILE.encode("utf-8"))
    return tmp / "build" / "check", run_check(tmp, article)


@pytest.mark.slow
def test_markup_crlf_and_invisible_characters_make_a_correct_page(
    hostile_page: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    folder, result = hostile_page
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout.startswith("wrote ")
    body = (folder / "hostil.html").read_text(encoding="utf-8").split("<main>", 1)[1]
    # nothing of the article became markup: tags, a raw block, a link, maths, a glue role
    for live in ("<script>alert", "<img", "<iframe", "<i>HTML", 'href="javascript', "<!-- nota"):
        assert live not in body, live
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    # the lines with a number are quoted, as text (the raw block's lines hold none)
    assert "javascript:alert(3)" in body and "$$\\int_0^1 x" in body and "{glue}`x`" in body
    for invisible in ("\u200b", "\u202e", "\u202c", "\r"):
        assert invisible not in body
    ledger = pd.read_csv(folder / "hostil.csv", dtype=str, keep_default_na=False)
    assert "jupiter_budget_total_eur" in set(ledger["fact_ids"])  # 5\u200b00 read as 500
    assert "jupiter_gh200_superchips_count" in set(ledger["fact_ids"])
    figures = {f["figure"]: f["value"] for f in json.loads((folder / "hostil.json").read_text())}
    assert figures["Invisible characters removed"] == "3"


@pytest.mark.slow
def test_an_english_article_and_one_with_no_numbers_are_said_so(
    tmp_path: Path, data_folder: Path
) -> None:
    english = tmp_path / "english.txt"
    english.write_text(
        "The JUPITER supercomputer cost 500 million euros and it has 23,752 GH200 superchips. "
        "It is the fastest system in Europe and it was built by Eviden for the EuroHPC Joint "
        "Undertaking.\n",
        encoding="utf-8",
    )
    result = run_check(tmp_path, english)
    assert result.returncode == 0, result.stderr
    assert "warning: This article looks English" in result.stdout
    page = (tmp_path / "build" / "check" / "english.html").read_text(encoding="utf-8")
    assert "This article looks English" in page
    plain = tmp_path / "sin_cifras.txt"
    plain.write_text("El superordenador JUPITER es el más potente de Europa.\n", encoding="utf-8")
    result = run_check(tmp_path, plain)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("warning: This article is not about the book's subjects: 0 of")
    ledger = pd.read_csv(tmp_path / "build" / "check" / "sin_cifras.csv", dtype=str)
    assert ledger.empty and "claim_id" in ledger.columns
