"""The spaCy pipeline, the light quantity API and the two tables, entities and quantities.

:func:`get_nlp` builds the pipeline once per process (its components are described in
:mod:`helpers.text`). :func:`quantities_of` is the light call: plain
:class:`~helpers.text.quantities.Quantity` records for a sentence or a paragraph, from the
tokenizer and the entity ruler only (no sentence splitting, no pandas). :func:`analyse`,
:func:`extract_entities` and :func:`extract_quantities` stream a text through the whole
pipeline in :func:`pieces` of at most :data:`CHUNK_CHARS` characters and return frames that
:data:`ENTITY_SCHEMA` and :data:`QUANTITY_SCHEMA` describe, built from the same records.
Both read the whole text as one document, so its unambiguous numbers decide how ``1.105`` and
``1,500`` are read (:func:`helpers.text.quantities.document_convention`), with the optional
``locale`` hint (``es-MX``, ``AR``, ``México`` ...) breaking a tie.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, cast

import numpy as np
import pandas as pd
import pandera.pandas as pa
import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler, Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from helpers.paths import DATA
from helpers.text import units
from helpers.text.quantities import (
    Draft,
    Quantity,
    document_evidence,
    draft_quantities,
    find_quantities,
)

__all__ = [
    "CHUNK_CHARS",
    "ENTITY_COLUMNS",
    "ENTITY_LABELS",
    "ENTITY_SCHEMA",
    "LEXICON_PATH",
    "QUANTITY_COLUMNS",
    "QUANTITY_SCHEMA",
    "Analysis",
    "analyse",
    "extract_entities",
    "extract_quantities",
    "get_nlp",
    "load_lexicon",
    "pieces",
    "quantities_of",
]

#: The curated entity lexicon (pattern, label, canonical, note, counts_as).
LEXICON_PATH: Final[Path] = DATA / "lexicon.csv"

#: Entity labels the lexicon may use.
ENTITY_LABELS: Final[tuple[str, ...]] = (
    "ORG",
    "PERSON",
    "PLACE",
    "SUPERCOMPUTER",
    "CHIP",
    "AI_MODEL",
    "PROGRAMME",
    "EVENT",
)

#: Columns of :func:`extract_entities`, in order.
ENTITY_COLUMNS: Final[tuple[str, ...]] = ("text", "label", "start", "end", "sentence", "canonical")
#: Columns of :func:`extract_quantities`, in order.
QUANTITY_COLUMNS: Final[tuple[str, ...]] = (
    "text",
    "value",
    "unit",
    "qualifier",
    "start",
    "end",
    "sentence",
    "flag",
)

#: Largest piece of text handed to spaCy at once (characters). Pieces are cut at line breaks.
CHUNK_CHARS: Final[int] = 20_000

_OFFSETS_OK = pa.Check(lambda df: (df["end"] > df["start"]).all(), element_wise=False)

#: Contract of :func:`extract_entities` (validated in the tests).
ENTITY_SCHEMA: Final[pa.DataFrameSchema] = pa.DataFrameSchema(
    {
        "text": pa.Column(str, pa.Check.str_length(min_value=1)),
        "label": pa.Column(str, pa.Check.isin(ENTITY_LABELS)),
        "start": pa.Column("int64", pa.Check.ge(0)),
        "end": pa.Column("int64", pa.Check.ge(1)),
        "sentence": pa.Column(str),
        "canonical": pa.Column(str),
    },
    checks=[_OFFSETS_OK],
    strict=True,
    ordered=True,
)

#: Contract of :func:`extract_quantities` (validated in the tests).
QUANTITY_SCHEMA: Final[pa.DataFrameSchema] = pa.DataFrameSchema(
    {
        "text": pa.Column(str, pa.Check.str_length(min_value=1)),
        "value": pa.Column("float64", pa.Check(lambda s: s.map(math.isfinite))),
        "unit": pa.Column(str, pa.Check.isin(tuple(units.BASE_UNITS))),
        "qualifier": pa.Column(str),
        "start": pa.Column("int64", pa.Check.ge(0)),
        "end": pa.Column("int64", pa.Check.ge(1)),
        "sentence": pa.Column(str),
        "flag": pa.Column(str),
    },
    checks=[_OFFSETS_OK],
    strict=True,
    ordered=True,
)


if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)


_AFTER_NEWLINE_RE: Final[re.Pattern[str]] = re.compile(r"\n\s*(?=\S)")

#: The ``Doc.user_data`` key under which :func:`_run` leaves each piece's text.
_TEXT_KEY: Final[str] = "compute_race_text"


#: The ORTH hashes of the characters that end a sentence (spaCy's sentencizer's own list),
#: computed once: a token's ORTH is the hash of its text, whatever the vocabulary.
_SENTENCE_END_HASHES: Final[np.ndarray] = np.fromiter(
    (get_string_id(c) for c in Sentencizer.default_punct_chars), dtype=np.uint64
)


@Language.component("compute_race_sentences")
def _sentences(doc: Doc) -> Doc:
    """spaCy's sentencizer, on arrays: a sentence starts at the first token that is neither
    punctuation nor a sentence end after a sentence end (and at the first token).

    The same boundaries as ``sentencizer`` (its ``predict`` builds a Token object for every
    token, a third of a text's time); a boundary set before is kept, as it keeps it.
    """
    n = len(doc)
    if n == 0:
        return doc
    arr = doc.to_array(["ORTH", "IS_PUNCT", "SENT_START"])
    is_end = np.isin(arr[:, 0].astype(np.uint64), _SENTENCE_END_HASHES)
    normal = np.flatnonzero(~is_end & (arr[:, 1] == 0))
    seen = np.cumsum(is_end)[normal]
    starts = normal[np.diff(seen, prepend=0) > 0]
    guess = np.full(n, -1, dtype=np.int64)
    guess[0] = 1
    guess[starts] = 1
    before = arr[:, 2].astype(np.int64)  # to_array's uint64 holds -1 wrapped round
    sent_start = np.where(before != 0, before, guess).astype(np.uint64)
    doc.from_array(["SENT_START"], sent_start)  # type: ignore[arg-type]  # spaCy's stub wants Ints2d
    return doc


@Language.component("compute_race_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (headings and captions lack a full stop).

    Vectorised: the token starting right after each break is found by bisection on the
    tokens' character offsets and all boundaries are written at once.
    """
    known = doc.user_data.get(_TEXT_KEY)
    # Doc.text rebuilds the string token by token (a fifth of a text's time); the piece's own
    # string, left by :func:`_run`, is the same characters
    text = known if isinstance(known, str) else doc.text
    if "\n" not in text or len(doc) < 2:
        return doc
    idx = doc.to_array("IDX")
    sent_start = doc.to_array("SENT_START")
    ends = np.fromiter((m.end() for m in _AFTER_NEWLINE_RE.finditer(text)), dtype=idx.dtype)
    pos = np.searchsorted(idx, ends)
    keep = (pos > 0) & (pos < len(doc))
    pos, ends = pos[keep], ends[keep]
    pos = pos[idx[pos] == ends]
    if len(pos):
        # one bulk write: Token.is_sent_start rescans the doc on every assignment
        sent_start[pos] = 1
        doc.from_array(["SENT_START"], sent_start)  # type: ignore[arg-type]  # spaCy's stub wants Ints2d
    return doc


@Language.component("compute_race_quantities")
def _quantities_component(doc: Doc) -> Doc:
    """Store :func:`find_quantities` of the doc in ``doc._.quantities``."""
    doc._.quantities = find_quantities(doc.text, _protected(doc))
    return doc


def _protected(doc: Doc) -> list[tuple[int, int, str]]:
    """The entity spans of ``doc``, whose digits are names (*GLM-130B*), for the extractor.

    A chip the lexicon counts as a GPU is passed with the label ``GPU``, so that *10.000
    H100* is a number of GPUs (see :func:`helpers.text.quantities.find_quantities`).
    """
    gpus = _gpu_names()
    return [
        (e.start_char, e.end_char, "GPU" if e.label_ == "CHIP" and e.ent_id_ in gpus else e.label_)
        for e in doc.ents
    ]


#: What a number before a CHIP name counts (``counts_as``): *10.000 H100* are GPUs.
COUNTS_AS: Final[tuple[str, ...]] = ("GPUs", "chips")


def load_lexicon(path: Path = LEXICON_PATH) -> pd.DataFrame:
    """The entity lexicon (pattern, label, canonical, note, counts_as), checked for bad rows.

    ``counts_as`` is, for a CHIP row, what a number before the name counts (``GPUs`` or
    ``chips``: *10.000 H100* are GPUs, *25.000 Ascend 910B* chips), and empty otherwise.
    Raises :class:`ValueError` naming the file if a label is unknown, a pattern is empty,
    a (pattern, label) pair is repeated or a ``counts_as`` is wrong.
    """
    from io import StringIO

    from helpers.errors import DataError
    from helpers.inputs.files import read_utf8

    text = read_utf8(path, DataError)  # UTF-8, or one line naming the file, line and byte
    df = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)
    expected = ["pattern", "label", "canonical", "note", "counts_as"]
    if list(df.columns) != expected:
        raise ValueError(f"{path}: header must be {','.join(expected)}, got {list(df.columns)}")
    bad = df[~df["label"].isin(ENTITY_LABELS) | (df["pattern"].str.strip() == "")]
    if len(bad):
        raise ValueError(f"{path}: bad rows {bad.index.tolist()} (empty pattern or unknown label)")
    dupes = df[df.duplicated(["pattern", "label"])]
    if len(dupes):
        raise ValueError(f"{path}: repeated patterns {dupes['pattern'].tolist()}")
    is_chip = df["label"] == "CHIP"
    wrong = df[(is_chip & ~df["counts_as"].isin(COUNTS_AS)) | (~is_chip & (df["counts_as"] != ""))]
    if len(wrong):
        raise ValueError(
            f"{path}: column counts_as must be one of {COUNTS_AS} on CHIP rows and empty "
            f"elsewhere; rows {wrong.index.tolist()} ({wrong['pattern'].tolist()[:5]})"
        )
    return df


@functools.lru_cache(maxsize=1)
def _gpu_names() -> frozenset[str]:
    """Canonical names of the chips the lexicon counts as GPUs."""
    lex = load_lexicon()
    return frozenset(lex.loc[lex["counts_as"] == "GPUs", "canonical"])


def _tune_tokenizer(nlp: Language) -> None:
    """Two tokenizer fixes for scraped press text.

    * split glued words such as ``InicioDeepSeek`` (a menu item before a title); patterns go
      through the same tokenizer, so ``DeepSeek`` still matches, as two tokens;
    * split the full stop after hyphenated names (``RISC-V.`` at the end of a sentence).
    """
    tokenizer: Any = nlp.tokenizer  # a spacy.tokenizer.Tokenizer; the stub types it as a callable
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[a-záéíóúüñ])(?=[A-ZÁÉÍÓÚÜÑ][a-záéíóúüñ])"]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=-[A-Z])\."]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The pipeline, built once per process (see the module docstring for the components)."""
    nlp = spacy.blank("es")
    _tune_tokenizer(nlp)
    nlp.add_pipe("compute_race_sentences", name="sentencizer")  # spaCy's rule, on arrays
    nlp.add_pipe("compute_race_line_breaks")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"}))
    nlp.add_pipe("compute_race_quantities")
    nlp.initialize()  # loads the Spanish lemma table from spacy-lookups-data; clears the ruler
    lexicon = load_lexicon()
    ruler.add_patterns(
        [
            {"label": row.label, "pattern": row.pattern, "id": row.canonical}
            for row in lexicon.itertuples(index=False)
        ]
    )
    return nlp


def pieces(text: str, max_chars: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into (offset, piece) of at most ``max_chars`` characters.

    Cuts fall on a line break if there is one in the second half of the window, else after
    a sentence end, else at a space, else anywhere; so no piece grows past ``max_chars``
    and quantities are almost never cut in two.
    """
    n = len(text)
    start = 0
    while start < n:
        end = min(start + max_chars, n)
        if end < n:
            lo = start + max_chars // 2
            cut = text.rfind("\n", lo, end)
            if cut < 0:
                sentence_ends = [m.end() for m in re.finditer(r"[.!?]\s", text[lo:end])]
                cut = lo + sentence_ends[-1] - 1 if sentence_ends else text.rfind(" ", lo, end)
            if cut >= lo:
                end = cut + 1
        yield start, text[start:end]
        start = end


def _sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end characters of the doc's sentences."""
    starts: list[int] = []
    ends: list[int] = []
    for sent in doc.sents:
        starts.append(sent.start_char)
        ends.append(sent.end_char)
    return starts, ends


def _sentence_of(text: str, bounds: tuple[list[int], list[int]], start: int, end: int) -> str:
    """The text of the sentence(s) holding characters ``start:end`` of ``text`` (a doc's)."""
    starts, ends = bounds
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    j = max(bisect.bisect_right(starts, max(end - 1, start)) - 1, i)
    return text[starts[i] : ends[j]].strip()


def _empty(columns: Sequence[str], dtypes: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=dtypes[c]) for c in columns})


_ENTITY_DTYPES: Final[dict[str, str]] = {
    "text": "str",
    "label": "str",
    "start": "int64",
    "end": "int64",
    "sentence": "str",
    "canonical": "str",
}
_QUANTITY_DTYPES: Final[dict[str, str]] = {
    "text": "str",
    "value": "float64",
    "unit": "str",
    "qualifier": "str",
    "start": "int64",
    "end": "int64",
    "sentence": "str",
    "flag": "str",
}


def _frame(rows: dict[str, list[Any]], dtypes: Mapping[str, str]) -> pd.DataFrame:
    if not rows[next(iter(dtypes))]:
        return _empty(list(dtypes), dtypes)
    return pd.DataFrame({c: pd.Series(rows[c], dtype=dtypes[c]) for c in dtypes})


@dataclass(frozen=True)
class Analysis:
    """Both tables for one text, from a single pass through the pipeline."""

    entities: pd.DataFrame
    quantities: pd.DataFrame


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text: expected a str, got {type(text).__name__}")
    return text


def _ruled(ruler: EntityRuler, doc: Doc) -> Doc:
    """``ruler(doc)`` without its check that patterns exist, which sums the lengths of all the
    lexicon's patterns on every call (a fifth of a paragraph's time in :func:`quantities_of`);
    the patterns are added once, in :func:`get_nlp`. Same matches, same longest-first order."""
    matches = list(ruler.matcher(doc)) if len(ruler.matcher) else []
    matches += list(ruler.phrase_matcher(doc))
    found = sorted(
        {(m, s, e) for m, s, e in matches if s != e},
        key=lambda m: (m[2] - m[1], -m[1]),
        reverse=True,
    )
    ruler.set_annotations(doc, found)
    return doc


def quantities_of(text: str, *, locale: str | None = None) -> list[Quantity]:
    """The quantities of one sentence, paragraph or article, as plain records (no pandas).

    ``text`` is read as one document (its other numbers settle ``1.105`` and ``1,500``);
    ``locale`` is the outlet's country or locale (``es-MX``, ``AR``, ``México``), a tie-breaker
    for that. Offsets are characters into ``text``. Only the tokenizer and the entity ruler run
    (entities protect the digits of names), so a paragraph takes well under a millisecond; the
    records are those of :func:`extract_quantities`, less the ``sentence`` column.
    """
    text = _check_text(text)
    if not text.strip():
        return []
    nlp = get_nlp()
    ruler = cast(EntityRuler, nlp.get_pipe("entity_ruler"))
    drafts: list[tuple[int, Draft]] = []
    for off, piece in pieces(text):
        doc = _ruled(ruler, nlp.make_doc(piece))
        drafts.append((off, draft_quantities(piece, _protected(doc))))
    convention = document_evidence((d for _, d in drafts), locale)
    found: list[Quantity] = []
    for off, draft in drafts:
        for q in draft.settle(convention):
            found.append(
                q if not off else dataclasses.replace(q, start=q.start + off, end=q.end + off)
            )
    return found


def _run(
    text: str, want_entities: bool, want_quantities: bool, locale: str | None = None
) -> Analysis:
    """Stream ``text`` through the pipeline in pieces and collect the rows."""
    text = _check_text(text)
    ent_rows: dict[str, list[Any]] = {c: [] for c in ENTITY_COLUMNS}
    qty_rows: dict[str, list[Any]] = {c: [] for c in QUANTITY_COLUMNS}
    if text and text.strip():
        nlp = get_nlp()
        # lemmas are not used by either table; quantities are read below, from the whole text
        disable = ["lemmatizer", "compute_race_quantities"]
        offsets: list[int] = []
        texts: list[str] = []
        drafts: list[tuple[int, str, tuple[list[int], list[int]], Draft]] = []

        def docs() -> Iterator[Doc]:
            for off, piece in pieces(text):
                offsets.append(off)
                texts.append(piece)
                doc = nlp.make_doc(piece)
                doc.user_data[_TEXT_KEY] = piece
                yield doc

        for k, doc in enumerate(nlp.pipe(docs(), batch_size=32, disable=disable)):
            off = offsets[k]
            ents = doc.ents
            doc_text = texts[k]  # the piece itself: Doc.text rebuilds it token by token
            draft = draft_quantities(doc_text, _protected(doc)) if want_quantities else None
            if not (ents and want_entities) and not (draft and draft.raws):
                continue
            bounds = _sentence_bounds(doc)
            if want_entities:
                for ent in ents:
                    ent_rows["text"].append(ent.text)
                    ent_rows["label"].append(ent.label_)
                    ent_rows["start"].append(ent.start_char + off)
                    ent_rows["end"].append(ent.end_char + off)
                    ent_rows["sentence"].append(
                        _sentence_of(doc_text, bounds, ent.start_char, ent.end_char)
                    )
                    ent_rows["canonical"].append(ent.ent_id_ or ent.text)
            if draft is not None and draft.raws:
                drafts.append((off, doc_text, bounds, draft))
        convention = document_evidence((d for *_, d in drafts), locale)
        for off, doc_text, bounds, draft in drafts:
            for q in draft.settle(convention):
                qty_rows["text"].append(q.text)
                qty_rows["value"].append(q.value)
                qty_rows["unit"].append(q.unit)
                qty_rows["qualifier"].append(q.qualifier)
                qty_rows["start"].append(q.start + off)
                qty_rows["end"].append(q.end + off)
                qty_rows["sentence"].append(_sentence_of(doc_text, bounds, q.start, q.end))
                qty_rows["flag"].append(q.flag)
    return Analysis(_frame(ent_rows, _ENTITY_DTYPES), _frame(qty_rows, _QUANTITY_DTYPES))


def extract_entities(text: str) -> pd.DataFrame:
    """Named entities from the lexicon: one row per mention (see the module docstring)."""
    return _run(text, want_entities=True, want_quantities=False).entities


def extract_quantities(text: str, *, locale: str | None = None) -> pd.DataFrame:
    """Quantities with values in base units: one row per quantity (see the module docstring).

    The rows are the records of :func:`quantities_of` plus their ``sentence``.
    """
    return _run(text, want_entities=False, want_quantities=True, locale=locale).quantities


def analyse(text: str, *, locale: str | None = None) -> Analysis:
    """Entities and quantities of ``text`` in one pass (what the notebooks use)."""
    return _run(text, want_entities=True, want_quantities=True, locale=locale)
