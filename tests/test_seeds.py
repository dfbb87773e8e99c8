"""The articles: copied unchanged, indexed, quoted verbatim; bad files fail with their name."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from helpers.errors import ArticleError
from helpers.inputs import seeds
from helpers.paths import SEEDS


def test_index_lists_every_article_with_its_checksum() -> None:
    idx = seeds.index()
    files = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert sorted(idx["file"]) == files and len(files) == 5
    for row in idx.itertuples():
        assert hashlib.sha256((SEEDS / row.file).read_bytes()).hexdigest() == row.sha256


def test_articles_are_identical_to_the_shared_seeds() -> None:
    shared = SEEDS.parents[1] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for path in SEEDS.glob("*.txt"):
        assert path.read_bytes() == (shared / path.name).read_bytes()


def test_sentence_is_quoted_verbatim() -> None:
    quote = seeds.sentence("000", "JUPITER es considerado")
    assert quote.startswith("JUPITER es considerado el superordenador más potente de Europa")
    assert quote.endswith("(FZJ).")
    assert quote in seeds.article("000")


def test_sentence_must_be_unique() -> None:
    with pytest.raises(ArticleError, match="0 sentences start with 'No existe'"):
        seeds.sentence("000", "No existe")


def test_unknown_article() -> None:
    with pytest.raises(ArticleError, match="unknown article '009'"):
        seeds.article("009")


def test_empty_article(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(ArticleError, match=f"{path}: the article is empty"):
        seeds.read_article(path)


def test_article_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Inversión alemana".encode("latin-1"))
    with pytest.raises(ArticleError, match=f"{path}: not valid UTF-8 at byte 7 \\(line 1\\)"):
        seeds.read_article(path)


def test_missing_article(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        seeds.read_article(tmp_path / "nope.txt")


def test_a_50_mb_article_is_read_in_full(tmp_path: Path) -> None:
    seed = seeds.article("001")
    copies = 50 * 2**20 // len(seed.encode("utf-8")) + 1
    path = tmp_path / "big.txt"
    path.write_text(seed * copies, encoding="utf-8")
    assert path.stat().st_size >= 50 * 2**20
    text = seeds.read_article(path)
    assert len(text) == len(seed) * copies and text.count("fracasos") == copies


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffAlemania invierte 500 millones de euros.".encode())
    assert seeds.read_article(path) == "Alemania invierte 500 millones de euros."
