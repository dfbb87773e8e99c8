"""An article given to ``make check`` or ``notebooks/check_article.ipynb``: read it, or refuse
it in one line naming the file and what is wrong, before any work is done on it.

:func:`read` refuses, each with one :class:`~helpers.errors.ArticleError` line:

- a path that does not exist, or a folder;
- a file larger than :data:`MAX_BYTES` (a long news article is a few tens of kilobytes);
- UTF-16 or UTF-32 text (its byte-order mark says so), and a binary file (a NUL byte);
- text that is not UTF-8 (the byte and line of the first bad byte, the seeds' own check:
  :func:`helpers.inputs.files.decode_utf8`), and an empty article, or one of nothing but
  invisible characters (the seeds' message).

What it accepts it cleans without changing a visible character: a UTF-8 byte-order mark is
dropped, line ends become ``\\n`` (CRLF, CR), and invisible format and control characters
(zero-width spaces and joiners, direction marks, embeddings, overrides and isolates, soft
hyphens, C0 and C1 controls other than tab and newline) are removed, because they can hide a
digit inside a number (*5\\u200b00*) or show a sentence in another order than it is read. How
many were removed is kept, for the page to say. :func:`language` tells a Spanish article from
one in English, which the Spanish pipeline would misread.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from helpers.errors import ArticleError
from helpers.inputs.files import decode_utf8, read_bytes

#: The environment variable ``make check`` sets to the folder the notebook writes its CSV to
#: (its staging folder); unset, the notebook writes to ``_build/check``.
REPORT_DIR_VAR: Final[str] = "COMPUTE_RACE_CHECK_DIR"
#: The largest article accepted, in bytes.
MAX_BYTES: Final[int] = 1_000_000
_BOMS: Final[tuple[tuple[bytes, str], ...]] = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
#: Words that are most of any Spanish or English text (function words).
SPANISH: Final[frozenset[str]] = frozenset(
    "de la el que y en los las del por con para una un es se su al lo como más mas pero sus "
    "ha le ya este esta son fue".split()
)
ENGLISH: Final[frozenset[str]] = frozenset(
    "the of and to in is that for with on as by it was are this from be at or an has have "
    "its which".split()
)


@dataclass(frozen=True)
class Article:
    """An article as the checker reads it."""

    text: str
    #: Invisible format and control characters removed from it.
    removed: int
    #: ``"es"``, ``"en"`` or ``""`` (too few words to tell), by :func:`language`.
    language: str


def _invisible(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category == "Cf" or (category == "Cc" and ch not in "\t\n")


def clean(text: str) -> tuple[str, int]:
    """``text`` with ``\\n`` line ends and no invisible format or control characters, and how
    many of those were removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(ch for ch in text if not _invisible(ch))
    return kept, len(text) - len(kept)


def language(text: str) -> str:
    """``"es"`` or ``"en"`` by which language's function words the text has more of (at least
    five); ``""`` when it has too few of either to tell."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    es = sum(w in SPANISH for w in words)
    en = sum(w in ENGLISH for w in words)
    if max(es, en) < 5:
        return ""
    return "en" if en > es else "es"


def read(path: Path) -> Article:
    """The article at ``path``, cleaned (see the module's text), or one line saying why not.
    The file is read once: its size is checked before, its bytes and their decoding after."""
    path = Path(path)
    if path.is_dir():
        raise ArticleError(f"{path}: a folder, not an article file")
    if path.is_file() and (size := path.stat().st_size) > MAX_BYTES:
        raise ArticleError(
            f"{path}: {size:,} bytes, more than the {MAX_BYTES:,} an article may have"
        )
    raw = read_bytes(path, ArticleError)  # missing: one line
    for bom, name in _BOMS:
        if raw.startswith(bom):
            raise ArticleError(
                f"{path}: {name} text (it starts with a {name} byte-order mark); save it as UTF-8"
            )
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw[:nul].count(b"\n") + 1
        raise ArticleError(
            f"{path}: a NUL byte at byte {nul} (line {line}): a binary file, not text"
        )
    # not UTF-8: one line, as for the seeds; empty, or nothing but invisible characters, too
    text, removed = clean(decode_utf8(raw, path, ArticleError))
    if not text.strip():
        raise ArticleError(f"{path}: the article is empty")
    return Article(text, removed, language(text))
