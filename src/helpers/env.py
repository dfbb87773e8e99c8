"""The environment variables the book reads, in one place (no heavy imports here)."""

from __future__ import annotations

import os

#: Set to 1 while the book build executes notebooks: charts become offline HTML.
BOOK_VAR = "COMPUTE_RACE_BOOK"

#: The scenario a book build shows (``baseline`` unless ``make book SCENARIO=…``).
SCENARIO_VAR = "COMPUTE_RACE_SCENARIO"

#: A file path: when set, a notebook writes its key results there as JSON (the sweep sets it).
RESULTS_VAR = "COMPUTE_RACE_RESULTS"

#: Set by ``python -m helpers.build`` (``make book``) for the ``jupyter-book build`` it runs, to
#: the staging folder it built the notebooks in: the book's Sphinx extension refuses to build
#: anything else, since a plain ``jupyter-book build .`` would show no chart and no value.
STAGE_VAR = "COMPUTE_RACE_STAGE"

#: Set by ``python -m helpers.build`` to the checkout's secret (``_build/.script-key``): the
#: charts' inline scripts carry its HMAC, and the pages' Content-Security-Policy allows an
#: inline script in a page's body only with a valid one (``book/_ext/csp.py``).
SCRIPT_KEY_VAR = "COMPUTE_RACE_SCRIPT_KEY"


def in_book() -> bool:
    """Whether the running notebook is being executed for the book build."""
    return os.environ.get(BOOK_VAR) == "1"
