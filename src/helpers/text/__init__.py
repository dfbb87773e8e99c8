"""The Spanish spaCy pipeline that reads the articles: named entities and quantities.

Why a hand-built pipeline
    The book must build offline and reproducibly, so nothing is downloaded at run time and no
    statistical model (``es_core_news_sm``) is used. :func:`get_nlp` builds, once per process,
    ``spacy.blank("es")`` with

    1. ``sentencizer`` (punctuation: spaCy's rule, computed on token arrays) plus
       ``compute_race_line_breaks`` (a line break also ends a sentence: scraped headings and
       captions have no full stop);
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
    the English way, ``10 000`` with (thin) spaces as thousands.

    The two readings that depend on the writer, one dot or one comma before exactly three
    digits (``1.105``, ``1,500``), are settled per *document* (the whole text given to
    :func:`quantities_of` or :func:`analyse`): first by the quantity itself (a reading outside
    the unit's plausible range, such as 1102 exaflops, is ruled out; a count or an amount of
    money without a scale word has no three decimals; nobody pads a decimal with zeros, so
    ``1,500`` and ``1.500`` are 1500), then by the document's other numbers (``1.000.000`` and
    ``175,30`` vote Spanish, ``1,000,000`` and ``1.75`` English), then by the ``locale`` hint
    (``es-MX``, ``AR``, ``México``: :data:`helpers.text.conventions.COUNTRY_CONVENTIONS`), and
    otherwise by Spanish rules. Between the quantity and the convention comes the magnitude of
    the document's other figures in the same unit: *5,536 petaflops* in a list of 5 to 9
    petaflops machines is 5.5 PFLOP/s whatever the convention (:mod:`helpers.text.separators`).

    Long scale: ``millón`` 1e6, ``mil millones`` and ``millardo`` 1e9, ``billón`` 1e12,
    ``trillón`` 1e18, ``cuatrillón`` 1e24, ``quintillón`` 1e30 (as written; a flag gives the
    short-scale reading). Suffix scales glued to digits (``100M usuarios``, ``128k tokens``,
    ``671B parámetros``). Number words (``cuatro``, ``cien``, ``dos mil quinientos``, ``un
    exaflop``, ``medio millón``, ``millón y medio``, ``una docena``, ``una década``, ``dos años
    y medio``, ``4 mil 800 millones``), shares (``la mitad de``: 50 ``percent``),
    multiplicatives (``el doble``, ``más del triple``: unit ``times``), a top-N (``el top 3``:
    ``rank``; ``el ranking de los 500 ... más potentes``: the list's length, a ``count``),
    powers of ten (``10^18``, ``10¹⁸``, ``1e18``) and vague magnitudes (``millones``, ``miles
    de millones``: value 1e6 / 1e9 with qualifier ``del orden de``).

    A number without a unit takes the unit the text has just given when it clearly leaves it
    out: a scaled amount with no noun of its own (*500 millones de euros y otros 486
    millones*, *671B parámetros ... 405B*, *300 millones irán*: a noun after *millones* needs
    *de*, so a verb there leaves the unit out; *147 mil millones del mismo lapso*), a number
    closing its clause after a counted one or a measurement (*de 512 nodos a apenas 16*, *de
    25 kilómetros a 10*), *N unidades* after a hardware noun. A four-digit number from
    1900 to 2100 is a ``year`` after a temporal word (*En 2023*, *para 2025*, *noviembre de
    2024*) and a ``count`` before a counted noun (*más de 2000 empresas*). Numbers are never
    read inside names: the lexicon's entities (*GLM-130B*), and by a general rule a bare number
    right after a capitalised word that is not a Spanish function word (*Fab 21*, *Nivel 2*,
    *Agenda 2030*), after a model prefix (*E5-2692*), a version ``x.0`` (*sociedad 5.0*), a
    page abbreviation (*p. 6*), the day or date of a dateline (*MADRID, 30 (EFE)*, *Bogotá,
    12-02-2025.*, *Martes 30 de diciembre de 2025, p. 6*) and a page header with its time
    (*21 de agosto, 2022 | 11.33*); nor in list numbering (``1.`` at the start of a line),
    ordinals (``65.ª``), times (``10:30``) or versions (``3.8.18``); *un*/*una* is an article unless a measurement, a duration or a
    scale follows (*un exaflop*, *una semana*, *un millón*) or *sola*/*única* (*una sola
    GPU*).

Pesos
    ``MXN``, ``ARS``, ``CLP``, ``COP`` are base units. *pesos chilenos* names its peso; a bare
    *pesos* (or *mdp*, *millones de pesos*) is the peso of the document's country: the one the
    text names with its peso, else the ``locale``, else the country the text names most often
    (*México*, *argentinos*, *Bogotá* ...), else the Mexican peso with a ``currency?`` flag. A
    bare ``$`` is that peso in a text that counts in pesos, or is about a peso country, and
    never names the dollar; otherwise it is the US dollar. *mdd*/*mmdd* are millions and
    thousands of millions of dollars.

Quantity records (:func:`quantities_of`) and rows (:func:`extract_quantities`)
    :func:`quantities_of` returns :class:`Quantity` records (``text``, ``start``, ``end``,
    ``value``, ``unit``, ``qualifier``, ``flags``) without pandas, for one sentence or
    paragraph in a fraction of a millisecond; the table's rows are the same records plus their
    ``sentence``, with ``flag`` the flags joined by ``"; "``. ``text`` the span as written (qualifier included), ``value`` in the base ``unit`` (the
    vocabulary is :data:`helpers.text.units.BASE_UNITS`: EUR, USD, the pesos, FLOP, FLOP/s, OP/s, FLOP/s/W,
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
      mistranslated English *billion*, or a *quintillón* of operations per second;
    * ``ambiguous_separator?: ...`` -- ``1.102 exaflops`` or ``1,500 millones`` read against
      Spanish rules: the flag says which reading the row holds, why, and what Spanish rules
      would give (``1.102 read with the dot as decimal point (1.102e+21 FLOP/s would be
      implausible); Spanish rules give 1.102e+21``);
    * ``rate_too_large?: ...`` -- *flops* above 1e22 are an amount of work, not a speed.

Entity rows (:func:`extract_entities`)
    ``text``, ``label``, ``start``, ``end``, ``sentence`` and ``canonical`` (the English name
    from the lexicon, to join with the facts tables).

Large inputs are cut into pieces of at most :data:`CHUNK_CHARS` characters at line breaks
(or sentence ends, or spaces) and streamed through ``nlp.pipe``, so memory stays flat.

The modules
    :mod:`~helpers.text.numbers` (number words, parsing and formatting one Spanish number),
    :mod:`~helpers.text.conventions` (the two separator conventions and each country's),
    :mod:`~helpers.text.units` (the unit vocabulary), then the four steps of
    :func:`find_quantities`: :mod:`~helpers.text.context` (the record a quantity is read
    into and the shared look-arounds), :mod:`~helpers.text.names` (digits in names,
    datelines, page numbers), :mod:`~helpers.text.unitmatch` (the unit form after a number),
    :mod:`~helpers.text.counted` (what a count counts: counted nouns with their morphology,
    chip names, hardware named before), :mod:`~helpers.text.leftcontext` (hedges, ranks,
    top-Ns and multipliers read on the left), :mod:`~helpers.text.timeexpr` (clock times, a
    restated month, compound durations, *un año* as an article),
    :mod:`~helpers.text.decades` (*los años 90*, *los 90s*, *de los 90,*),
    :mod:`~helpers.text.article` (*un*/*una*: an article or the number one), :mod:`~helpers.text.reading` (one numeral with its scale,
    unit, currency and qualifier), :mod:`~helpers.text.neighbours` (restatements,
    named lists, days of one month, shares of each, ratios written watt first, a sentence's
    one unit), :mod:`~helpers.text.breakdowns` (parts of an amount, a unit written once
    before a colon or beside a model's name), :mod:`~helpers.text.ranges` (ranges and lists
    that share a unit and a scale),
    :mod:`~helpers.text.carry` (carried units, years vs counts), :mod:`~helpers.text.places`
    (the peso countries' places and institutions), :mod:`~helpers.text.separators` (the
    document's evidence: convention, magnitudes, pesos) and :mod:`~helpers.text.quantities`
    (the records and :func:`find_quantities`); :mod:`~helpers.text.pipeline` (the spaCy
    pipeline, the lexicon and the two tables), :mod:`~helpers.text.gold` (scores against the
    hand-made annotations in ``data/gold/``) and :mod:`~helpers.text.devset` (the development
    set in ``data/gold/dev/``). Each imports only those before it in this list, and only their
    public names (``tests/test_architecture.py`` checks that no module imports another's
    ``_private`` name). Callers use the names below, from this package: ``from helpers import
    text``.
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
    quantities_of,
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
    "quantities_of",
    "score_against_gold",
]
