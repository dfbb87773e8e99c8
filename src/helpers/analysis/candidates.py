"""Candidate sources for the numbers of a new article: the first draft of its claim ledger.

This is the article checker's entry point (``make check ARTICLE=path``,
``notebooks/check_article.ipynb``, :mod:`helpers.analysis.check_score`): it re-exports the
public names of the modules that do the work. For every quantity :mod:`helpers.text` finds in
an article, :func:`propose` ranks the sources it may be about: the curated facts
(``data/facts``), the dated events (``data/events``), and the rows of Epoch AI's notable
models, GPU clusters and ML hardware and of the TOP500 list. Three things rank a source:

Unit family (a filter)
    Only a source in the quantity's :data:`FAMILIES` family is a candidate: FLOP/s with OP/s,
    euros with dollars (converted at :data:`USD_PER_EUR`), GPUs, chips, nodes, ranks and plain
    counts together, durations in days, calendar years with events' years, and so on. A
    quantity whose family no source has "cannot be checked".
Canonical entity (the main evidence)
    The article's entities (their English ``canonical`` names from ``data/lexicon.csv``) are
    matched with a source's name by their words; an entity in the quantity's sentence counts
    fully, one in the :data:`NEAR_CHARS` characters before or after it at
    :data:`NEAR_WEIGHT`, one elsewhere in the article at :data:`ARTICLE_WEIGHT`; a place
    (*Alemania*) counts at :data:`PLACE_WEIGHT`. What a sentence says about its own numbers
    (what a count counts, the government that acts, the subject it names before its number,
    one source per number of a sentence, a later fact that supersedes a planned year) adds
    to it or rules sources out.
Magnitude
    The distance of the two values on a log scale, ``|log10(article / source)|`` (years: the
    difference in years over :data:`YEARS_PER_DECADE_OF_RATIO`; two different dates:
    :data:`DATE_MISMATCH`).

The score is ``ENTITY_POINTS × evidence − min(distance, MAX_DISTANCE)``, plus
:data:`FACT_BONUS` for a curated fact and :data:`WITHIN_BONUS` for a source within tolerance.
:func:`draft` then gives each number a band from its top candidate (*within tolerance*, *off
by a factor*, *cannot be checked*), :func:`draft_ledger` writes the draft in the columns of
``data/claims/`` for a person to confirm, and :func:`evaluate_on_articles` measures it on the
five articles against their curated ledgers.

Where each part lives, in the order a number goes through them (each module's docstring
explains its part in full):

========================  ===================================================================
module                    what it holds
========================  ===================================================================
``check_units``           unit families, the distance of two values, the tolerance and the
                          rounding of a number as written
``check_sources``         the source table: facts, events and dataset rows in one frame
``check_names``           the words of a name and the index of which sources a name matches
``check_evidence``        how strongly the article's entities name each source, by distance
``check_sentence``        what a sentence says about its numbers: what a count counts, a
                          share of what, which government, a price per unit
``check_rank``            :func:`propose`: the ranking, in named steps
``check_bands``           the bands, :func:`draft`, :func:`check_text`, :func:`relevance`
``check_ledger``          :func:`draft_ledger` and :func:`evaluate_on_articles`
``check_score``           the draft scored on new articles against hand answers
========================  ===================================================================
"""

from __future__ import annotations

from helpers.analysis.check_bands import (
    BANDS,
    DRAFT_COLUMNS,
    LONG_SCALE,
    MAX_DECADES,
    OFF,
    RELEVANT_SHARE,
    UNCHECKABLE,
    VAGUE,
    WITHIN,
    Check,
    Relevance,
    check_text,
    draft,
    relevance,
)
from helpers.analysis.check_evidence import (
    ARTICLE_WEIGHT,
    NEAR_CHARS,
    NEAR_WEIGHT,
    PLACE_WEIGHT,
    SENTENCE_DECAY,
    Evidence,
)
from helpers.analysis.check_ledger import (
    DRAFT,
    VERDICT_BAND,
    Evaluation,
    draft_ledger,
    evaluate_on_articles,
)
from helpers.analysis.check_names import (
    COMMON_NAMES,
    COMMON_STRENGTH,
    GENERIC,
    NameIndex,
    acronym,
    name_index,
    words,
)
from helpers.analysis.check_rank import (
    ACTOR_WEIGHT,
    CANDIDATE_COLUMNS,
    COHERENCE,
    COUNTED_WEIGHT,
    ENTITY_POINTS,
    FACT_BONUS,
    MAX_DISTANCE,
    TOP,
    WITHIN_BONUS,
    propose,
)
from helpers.analysis.check_sentence import (
    COUNT_NOUNS,
    NATIONALITIES,
    OTHER_RANKINGS,
    PER_UNIT,
    SHARE_NOUNS,
    UNIT_COUNTS,
    actor_words,
    counted_noun,
    quantity_family,
    share_of,
)
from helpers.analysis.check_sources import (
    DATASET_COLUMNS,
    KIND_EVENT,
    KIND_FACT,
    SOURCE_COLUMNS,
    positions,
    sources,
)
from helpers.analysis.check_units import (
    DATE_MISMATCH,
    FAMILIES,
    MAX_ROUNDING,
    RATIO_TOLERANCE,
    USD_PER_EUR,
    YEARS_PER_DECADE_OF_RATIO,
    distance,
    family,
    printed_number,
    rounding_tolerance,
    within_distance,
)

__all__ = [
    "ACTOR_WEIGHT",
    "ARTICLE_WEIGHT",
    "BANDS",
    "CANDIDATE_COLUMNS",
    "COHERENCE",
    "COMMON_NAMES",
    "COMMON_STRENGTH",
    "COUNTED_WEIGHT",
    "COUNT_NOUNS",
    "DATASET_COLUMNS",
    "DATE_MISMATCH",
    "DRAFT",
    "DRAFT_COLUMNS",
    "ENTITY_POINTS",
    "FACT_BONUS",
    "FAMILIES",
    "GENERIC",
    "KIND_EVENT",
    "KIND_FACT",
    "LONG_SCALE",
    "MAX_DECADES",
    "MAX_DISTANCE",
    "MAX_ROUNDING",
    "NATIONALITIES",
    "NEAR_CHARS",
    "NEAR_WEIGHT",
    "OFF",
    "OTHER_RANKINGS",
    "PER_UNIT",
    "PLACE_WEIGHT",
    "RATIO_TOLERANCE",
    "RELEVANT_SHARE",
    "SENTENCE_DECAY",
    "SHARE_NOUNS",
    "SOURCE_COLUMNS",
    "TOP",
    "UNCHECKABLE",
    "UNIT_COUNTS",
    "USD_PER_EUR",
    "VAGUE",
    "VERDICT_BAND",
    "WITHIN",
    "WITHIN_BONUS",
    "YEARS_PER_DECADE_OF_RATIO",
    "Check",
    "Evaluation",
    "Evidence",
    "NameIndex",
    "Relevance",
    "acronym",
    "actor_words",
    "check_text",
    "counted_noun",
    "distance",
    "draft",
    "draft_ledger",
    "evaluate_on_articles",
    "family",
    "name_index",
    "positions",
    "printed_number",
    "propose",
    "quantity_family",
    "relevance",
    "rounding_tolerance",
    "share_of",
    "sources",
    "within_distance",
    "words",
]
