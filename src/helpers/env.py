"""The environment variables the book reads, in one place (no heavy imports here)."""

from __future__ import annotations

#: Set to 1 while the book build executes notebooks: charts become offline HTML.
BOOK_VAR = "COMPUTE_RACE_BOOK"
