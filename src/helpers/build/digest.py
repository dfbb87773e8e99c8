"""Content hashes of what an executed notebook depends on, so that unchanged work is reused.

A notebook's output depends on its own file, its parameters, and the shared inputs: the
``helpers`` package (whose registry pins each dataset's sha256), the curated ``data/``, the
articles in ``seeds/`` and the lock. The build wing itself is left out: it decides how a
notebook is run, not what the notebook computes, so editing the build, the sweep or the
benchmark re-executes nothing. The shared inputs are hashed once per :class:`Inputs`, and
each notebook's file once, however many scenarios run it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from helpers.paths import BOOK, DATA, NOTEBOOKS, ROOT, SEEDS

#: This wing: left out of every notebook's digest, counted in the book's (it renders the book).
BUILD_WING = Path(__file__).resolve().parent
_PACKAGE = ROOT / "src" / "helpers"
_LOCK = ROOT / "requirements.txt"


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def _hash_files(h: Any, paths: Iterable[Path]) -> None:
    for path in sorted(paths):
        h.update(str(path.relative_to(ROOT)).encode())
        h.update(path.read_bytes())


def shared_files() -> list[Path]:
    """The inputs every notebook shares: ``src/helpers`` but the build wing, ``data/``,
    ``seeds/`` and the lock."""
    package = [p for p in _files(_PACKAGE) if not p.is_relative_to(BUILD_WING)]
    return [*package, *_files(DATA), *_files(SEEDS), _LOCK]


def shared_digest() -> str:
    """A hash of :func:`shared_files`."""
    h = hashlib.sha256()
    _hash_files(h, shared_files())
    return h.hexdigest()


class Inputs:
    """The digests of one build's (or one sweep's) runs: the shared inputs hashed once, each
    notebook's file once."""

    def __init__(self, shared: str | None = None) -> None:
        self.shared = shared if shared is not None else shared_digest()
        self._notebooks: dict[str, str] = {}

    def notebook(self, stem: str) -> str:
        """The hash of ``notebooks/<stem>.ipynb``."""
        if stem not in self._notebooks:
            path = NOTEBOOKS / f"{stem}.ipynb"
            self._notebooks[stem] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self._notebooks[stem]

    def digest(self, stem: str, parameters: Mapping[str, Any]) -> str:
        """What decides a run's results: the notebook, its parameters and the shared inputs
        (not the name of the scenario that asked for it)."""
        return with_reads(
            self.shared,
            {
                "notebook": stem,
                "file": self.notebook(stem),
                "parameters": json.dumps(parameters, sort_keys=True, default=str),
            },
        )


def with_reads(digest: str, reads: Mapping[str, str]) -> str:
    """``digest`` extended by what else a run's output depends on, by name: for a page of the
    book, the scenario its banner names; for the comparison, every sweep run's digest."""
    return hashlib.sha256(json.dumps([digest, dict(reads)], sort_keys=True).encode()).hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def book_digest(notebook_digests: Mapping[str, str]) -> str:
    """A hash of the whole book: its pages, its configuration, the machinery that renders it
    (this wing) and the digests of its executed notebooks."""
    h = hashlib.sha256()
    _hash_files(h, [ROOT / "_config.yml", ROOT / "_toc.yml", *_files(BOOK), *_files(BUILD_WING)])
    h.update(json.dumps(dict(notebook_digests), sort_keys=True).encode())
    return h.hexdigest()


def manifest(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder`` (relative path -> digest), for comparing builds."""
    return {
        str(p.relative_to(folder)): file_digest(p) for p in sorted(folder.rglob("*")) if p.is_file()
    }
