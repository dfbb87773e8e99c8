"""Shared helpers for *The Compute Race*: the code the notebooks call, in wings you can see.

Each wing does one kind of work; within the two wings that are per chapter, a module is named
after the chapter's stem (``germany_jupiter``, ``eu_access``, …), the key the repository already
uses for notebooks and ``data/`` tables. From the ground up:

============  ===========================================================  ======================
wing          what it holds                                                may import
============  ===========================================================  ======================
ground        ``paths``, ``env``, ``errors``, the run contracts ``params``   ground
              and ``scenarios``, the one set of ``formats``
inputs        what the book reads, with provenance: ``datasets`` (registry,  ground
              checksum-verified fetch, schemas and loaders), ``facts``,
              ``claims``, ``seeds``, ``files`` (UTF-8 reading)
text          the Spanish pipeline: numbers, units, quantities, the spaCy    ground, inputs
              pipeline, scoring against ``data/gold``
analysis      formulas and tables: ``compute``, ``currency``, ``ledger``,    ground, inputs, text
              one module per chapter, and the article checker
              (``candidates``, its entry point, over ``check_*``)
charts        ``theme``, common parts, one module per chapter                ground, inputs, analysis
page          what a notebook calls to publish: ``paste``, ``prose`` (the    ground, inputs, charts
              chapters' text), ``render`` (chart output, offline Vega)
build         the machinery: stage, execute, digest, sweep, outputs, bench,  ground, inputs, text, analysis, charts
              the offline Vega bundle, the PDF and the link cards; of the
              chapters' code only their key-figures functions (the sweep
              and the sensitivity runs call them) and the charts' theme
              (the cards), and only ``make``, ``conftest.py`` and tests
              import it
============  ===========================================================  ======================

A wing may always import its own modules. ``tests/test_architecture.py`` reads this table and
fails on an import against it, or on a cycle.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
