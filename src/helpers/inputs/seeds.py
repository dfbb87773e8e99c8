"""The five Spanish articles ("seeds") and their index.

The articles are copied unchanged from ``../shared/seeds``; ``seeds/index.csv`` records
each one's theme, notebook, title, outlet, approximate date and sha256. Nothing in the
book writes to ``seeds/``.
"""

from __future__ import annotations

import hashlib
import io
import re
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers import formats
from helpers.errors import ArticleError, DataError, describe_schema_errors
from helpers.inputs.files import read_utf8
from helpers.paths import SEEDS

_INDEX_SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, pa.Check.str_matches(r"^\d{3}$"), unique=True),
        "file": pa.Column(str, pa.Check.str_matches(r"^\d{3}_[0-9a-f]{16}\.txt$"), unique=True),
        "theme": pa.Column(str),
        "notebook": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$"), unique=True),
        "title": pa.Column(str),
        "outlet": pa.Column(str),
        "language": pa.Column(str, pa.Check.isin(["es"])),
        "approx_date": pa.Column(str, pa.Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$")),
        "sha256": pa.Column(str, pa.Check.str_matches(r"^[0-9a-f]{64}$")),
        "provenance": pa.Column(str),
    },
    strict=True,
)


@cache
def index(folder: Path = SEEDS) -> pd.DataFrame:
    """The seed index, validated; ``id`` is a three-digit string such as ``"000"``."""
    path = folder / "index.csv"
    text = read_utf8(path, DataError)
    try:
        raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as err:
        raise DataError(f"{path}: cannot be read as CSV ({err})") from None
    try:
        table = _INDEX_SCHEMA.validate(raw, lazy=True).set_index("id", drop=False)
    except pa.errors.SchemaErrors as err:
        raise DataError(describe_schema_errors(err, str(path))) from None
    formats.untrusted_columns(table, ["theme", "title", "outlet", "provenance"])
    return table


def read_article(path: Path) -> str:
    """The text of an article file: UTF-8, not empty; a clear error naming the file otherwise."""
    text = read_utf8(path, ArticleError)
    if not text.strip():
        raise ArticleError(f"{path}: the article is empty")
    return text


def article(seed_id: str, folder: Path = SEEDS) -> str:
    """The text of seed ``seed_id`` (``"000"`` … ``"004"``), checked against its sha256."""
    idx = index(folder)
    if seed_id not in idx.index:
        raise ArticleError(f"unknown article {seed_id!r}: known are {', '.join(idx.index)}")
    path = folder / idx.loc[seed_id, "file"]
    text = read_article(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != idx.loc[seed_id, "sha256"]:
        raise ArticleError(
            f"{path}: sha256 {digest} differs from seeds/index.csv; the copy was changed"
        )
    return text


def sentence(seed_id: str, starts_with: str) -> str:
    """The one sentence of article ``seed_id`` that begins with ``starts_with``.

    Quotes in the book come from here, so a quote cannot drift from the article.
    """
    text = article(seed_id)
    pattern = re.escape(starts_with) + r"[^\n]*?(?:[.!?»”](?=\s|$)|$)"
    hits = re.findall(pattern, text, flags=re.M)
    if len(hits) != 1:
        raise ArticleError(f"article {seed_id}: {len(hits)} sentences start with {starts_with!r}")
    quote = hits[0].strip()
    formats.untrusted(quote)
    return quote
