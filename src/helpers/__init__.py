"""Shared helpers for *The Compute Race*.

Small modules with one job each:

- :mod:`helpers.paths`   where the repository's folders are (resolved from this file);
- :mod:`helpers.data`    the registry of external datasets and checksum-verified loading;
- :mod:`helpers.facts`   the curated facts tables in ``data/`` and their schemas;
- :mod:`helpers.seeds`   the five Spanish articles and their index;
- :mod:`helpers.params`  the parameter contract of each notebook;
- :mod:`helpers.compute` formulas (FLOP, utilisation, training time), typed and unit-tested;
- :mod:`helpers.charts`  one function per chart, the book's theme and offline rendering;
- :mod:`helpers.text`    the Spanish spaCy pipeline that reads the articles.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
