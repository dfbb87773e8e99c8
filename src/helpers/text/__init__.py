"""The Spanish spaCy pipeline that reads the articles: named entities and quantities.

Why a hand-built pipeline
    The book must build offline and reproducibly, so nothing is downloaded at run time and no
    statistical model (``es_core_news_sm``) is used. :func:`get_nlp` builds, once per process,
    ``spacy.blank("es")`` with

    1. ``sentencizer`` (punctuation) plus ``compute_race_line_breaks`` (a line break also ends
       a sentence: scraped headings and captions have no full stop);
    2. ``lemmatizer`` in lookup mode, with the Spanish tables of ``spacy-lookups-data``;
    3. ``entity_ruler`` fed by ``data/lexicon.csv`` (case-sensitive phrase patterns, longest
       match wins), labels ORG, PERSON, PLACE, SUPERCOMPUTER, CHIP, AI_MODEL, PROGRAMME
       (programme or law) and EVENT;
    4. ``compute_race_quantities``, a regular-expression component that reads numbers with
       Spanish conventions and stores them in ``doc._.quantities``. It runs after the entity
       ruler so that digits inside names (*GLM-130B*, *Wu Dao 2.0*, *360 Security Technology*)
       are not read as quantities.

Spanish numbers
    Decimal comma and dot thousands (``175,30`` = 175.3, ``314.000`` = 314000); a dot followed
    by one or two digits is a decimal point (``1.75 billones`` = 1.75e12, the Latin American
    habit), a dot followed by exactly three digits groups thousands, four or more digits after
    a dot are decimals again. ``1,000,000`` (two or more comma groups) and ``1,234.5`` are read
    the English way, ``10 000`` with (thin) spaces as thousands. Long scale: ``millón`` 1e6,
    ``mil millones`` and ``millardo`` 1e9, ``billón`` 1e12, ``trillón`` 1e18. Number words
    (``cuatro``, ``cien``, ``dos mil quinientos``, ``un exaflop``, ``medio millón``), powers of
    ten (``10^18``, ``10¹⁸``, ``1e18``) and vague magnitudes (``millones``, ``miles de
    millones``: value 1e6 / 1e9 with qualifier ``del orden de``). A four-digit number from
    1900 to 2100 is a ``year`` after a temporal word (*En 2023*, *para 2025*, *noviembre de
    2024*) and a ``count`` before a counted noun (*más de 2000 empresas*). Numbers are never
    read inside names, list numbering (``1.`` at the start of a line), ordinals (``65.ª``),
    times (``10:30``) or versions (``3.8.18``); *un*/*una* is an article unless a
    measurement or a scale follows (*un exaflop*, *un millón*) or *sola*/*única* (*una sola
    GPU*).

Quantity rows (:func:`extract_quantities`)
    ``text`` the span as written (qualifier included), ``value`` in the base ``unit`` (the
    vocabulary is :data:`helpers.text.units.BASE_UNITS`: EUR, USD, FLOP, FLOP/s, OP/s, FLOP/s/W,
    parameters, tokens, tokens/s, W, Wh, bytes, bytes/s, bits/s, Hz, m, GPU-hours, GPUs, chips,
    cores, nodes, servers, transistors, count, rank, percent, percentage points, times, s,
    hours, days, months, years (durations), year (a date: *En 2023*), date (YYYYMMDD)),
    ``qualifier`` the hedge in lower case as written (``más de``, ``hasta``, ``unos``, ``cerca
    de``, ``alrededor de``, ``menos de``, ``superior a``, ``superan`` ...; ``entre`` for both
    ends of a range; ``del orden de`` for vague magnitudes; empty when none), ``start``/``end``
    character offsets into the input, ``sentence`` the sentence's text, ``flag`` a warning
    for a human (empty when none):

    * ``lost_exponent?: 10^18`` -- *1018 flops* (or *fracasos*, the machine translation of
      *flops*) is read as 10^18, the superscript lost on the way to the page;
    * ``implausible?: ...`` -- e.g. more than 2e13 parameters, where *billones* is probably a
      mistranslated English *billion*;
    * ``ambiguous_separator?: ...`` -- ``1.102 exaflops`` (thousands by Spanish rules, but
      likely a decimal point) or ``1,500 millones`` (1.5 by Spanish rules, but Latin American
      press writes a comma between thousands);
    * ``rate_too_large?: ...`` -- *flops* above 1e22 are an amount of work, not a speed.

Entity rows (:func:`extract_entities`)
    ``text``, ``label``, ``start``, ``end``, ``sentence`` and ``canonical`` (the English name
    from the lexicon, to join with the facts tables).

Large inputs are cut into pieces of at most :data:`CHUNK_CHARS` characters at line breaks
(or sentence ends, or spaces) and streamed through ``nlp.pipe``, so memory stays flat.

The modules
    :mod:`~helpers.text.numbers` (number words, parsing and formatting one Spanish number),
    :mod:`~helpers.text.units` (the unit vocabulary), :mod:`~helpers.text.quantities`
    (:func:`find_quantities`: a numeral with its unit, qualifier and context),
    :mod:`~helpers.text.pipeline` (the spaCy pipeline, the lexicon and the two tables) and
    :mod:`~helpers.text.gold` (scores against the hand-made annotations in ``data/gold/``).
    Each imports only those before it in this list. Callers use the names below, from this
    package: ``from helpers import text``.
"""

from __future__ import annotations

from helpers.errors import ArticleError  # the book's error type, re-exported here
from helpers.text.gold import (
    VALUE_TOLERANCE,
    GoldScore,
    evaluate_against_gold,
    load_gold,
    score_against_gold,
)
from helpers.text.numbers import format_spanish_number, parse_spanish_number
from helpers.text.pipeline import (
    CHUNK_CHARS,
    ENTITY_COLUMNS,
    ENTITY_LABELS,
    ENTITY_SCHEMA,
    LEXICON_PATH,
    QUANTITY_COLUMNS,
    QUANTITY_SCHEMA,
    Analysis,
    analyse,
    extract_entities,
    extract_quantities,
    get_nlp,
    load_lexicon,
)
from helpers.text.quantities import Quantity, find_quantities

__all__ = [
    "CHUNK_CHARS",
    "ENTITY_COLUMNS",
    "ENTITY_LABELS",
    "ENTITY_SCHEMA",
    "LEXICON_PATH",
    "QUANTITY_COLUMNS",
    "QUANTITY_SCHEMA",
    "VALUE_TOLERANCE",
    "Analysis",
    "ArticleError",
    "GoldScore",
    "Quantity",
    "analyse",
    "evaluate_against_gold",
    "extract_entities",
    "extract_quantities",
    "find_quantities",
    "format_spanish_number",
    "get_nlp",
    "load_gold",
    "load_lexicon",
    "parse_spanish_number",
    "score_against_gold",
]
