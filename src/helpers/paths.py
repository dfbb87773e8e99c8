"""Where things are. Every path is resolved from this file, never from the working directory."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root (the folder holding ``_config.yml``).
ROOT: Path = Path(__file__).resolve().parents[2]
#: Curated tables the project maintains itself (facts with source URL and date).
DATA: Path = ROOT / "data"
#: The five Spanish articles, copied unchanged from the shared seeds.
SEEDS: Path = ROOT / "seeds"
#: The notebooks, one per theme.
NOTEBOOKS: Path = ROOT / "notebooks"
#: The narrative pages of the book.
BOOK: Path = ROOT / "book"
#: Where builds, their cache and screenshots go (``COMPUTE_RACE_BUILD_DIR`` moves it, e.g. in tests).
BUILD: Path = Path(os.environ.get("COMPUTE_RACE_BUILD_DIR", ROOT / "_build"))
