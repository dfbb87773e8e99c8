"""How good the draft ledger (:mod:`helpers.analysis.candidates`) is on articles it was not
built from, against answers worked out by hand.

An answer file (JSON, beside its article) records where the article came from (``url``,
``outlet``, ``country``, ``retrieved``, ``split``, ``on_topic``) and, for every number a person
reading it would check, in the order of the article:

- ``text``: the number expression as the article prints it (the n-th entry with a given text
  is its n-th occurrence);
- ``sources``: the ids of the sources (facts, events, dataset rows as
  ``dataset:name:column``) the number is about, worked out by hand from ``data/facts``,
  ``data/events`` and the datasets; empty when none of the book's sources holds it;
- ``band``: the band a person gives it (:data:`helpers.analysis.candidates.BANDS`).

:func:`score_article` lines the draft up with the answers: each answer is matched with the
quantity of the draft whose span overlaps its text; a quantity of the draft that no answer
names (a digit in a name, a pronoun read as a count) is a number with no source. The figures
(:class:`Scores`):

- **top three**: of the answers with a source, the share whose draft quantity has one of them
  among its top three candidates (a number the pipeline did not find counts as a miss);
- **band agreement**: of the answers the pipeline found, the share whose band is the draft's;
- **wrongly given a source**: of the numbers with no source (answers with none, and the
  draft's numbers no answer names), the share the draft does not call *cannot be checked*;
- **off-topic called off-topic**: whether :func:`helpers.analysis.candidates.relevance` says
  each article is (or is not) about the book's subjects as its answer file says.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pandas as pd

from helpers.analysis import article_input, candidates
from helpers.errors import ArticleError
from helpers.paths import DATA

#: The new articles and their answers: ``dev/`` (tuned on) and ``heldout/`` (measured only).
ARTICLES_DIR: Final[Path] = DATA / "gold" / "articles"

#: Keys an answer file must have.
META_KEYS: Final[tuple[str, ...]] = (
    "url",
    "outlet",
    "country",
    "retrieved",
    "split",
    "on_topic",
    "numbers",
)
NUMBER_KEYS: Final[tuple[str, ...]] = ("text", "sources", "band")

ROW_COLUMNS: Final[list[str]] = [
    "article",
    "text",
    "sources",
    "expected_band",
    "found",
    "draft_text",
    "band",
    "candidates",
    "in_top3",
    "band_agrees",
    "named",
]


def load_answers(path: Path) -> dict[str, Any]:
    """The answer file at ``path``; an :class:`~helpers.errors.ArticleError` naming the file
    and the key when it is not of the form above."""
    try:
        answers = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ArticleError(f"{path}: not a readable JSON answer file ({err})") from None
    if not isinstance(answers, dict):
        raise ArticleError(f"{path}: an answer file is a JSON object")
    for key in META_KEYS:
        if key not in answers:
            raise ArticleError(f"{path}: no {key!r}")
    for i, number in enumerate(answers["numbers"], start=1):
        for key in NUMBER_KEYS:
            if key not in number:
                raise ArticleError(f"{path}: number {i} has no {key!r}")
        if number["band"] not in candidates.BANDS:
            raise ArticleError(f"{path}: number {i}: band {number['band']!r} is not a band")
        if bool(number["sources"]) == (number["band"] == candidates.UNCHECKABLE):
            raise ArticleError(
                f"{path}: number {i} ({number['text']!r}): a number with a source is within "
                "tolerance or off by a factor, one without cannot be checked"
            )
    return answers


def _spans(body: str, answers: dict[str, Any], where: str) -> list[tuple[int, int]]:
    spans = []
    seen: dict[str, int] = {}
    for number in answers["numbers"]:
        text = str(number["text"])
        start = -1
        for _ in range(seen.get(text, 0) + 1):
            start = body.find(text, start + 1)
            if start < 0:
                raise ArticleError(f"{where}: {text!r} is not in the article that many times")
        seen[text] = seen.get(text, 0) + 1
        spans.append((start, start + len(text)))
    return spans


@dataclass(frozen=True)
class ArticleScore:
    """One article's draft against its answers."""

    name: str
    #: Where the article comes from (the answer file's ``country``).
    country: str
    on_topic: bool
    about_the_book: bool
    #: One row per answer, then one per draft number no answer names (columns ROW_COLUMNS).
    rows: pd.DataFrame


def score_article(name: str, body: str, answers: dict[str, Any]) -> ArticleScore:
    """Draft the ledger of ``body`` and line it up with ``answers`` (see the module's text)."""
    checked = candidates.check_text(body)
    drafted, found = checked.draft, checked.quantities
    used: set[int] = set()
    records = []
    for number, (start, end) in zip(answers["numbers"], _spans(body, answers, name), strict=True):
        overlap = found.index[(found["start"] < end) & (found["end"] > start)].tolist()
        pos = next((int(i) for i in overlap if int(i) not in used), None)
        sources = [str(s) for s in number["sources"]]
        expected = str(number["band"])
        if pos is None:
            records.append(
                {
                    "article": name,
                    "text": number["text"],
                    "sources": ";".join(sources),
                    "expected_band": expected,
                    "found": False,
                    "draft_text": "",
                    "band": "",
                    "candidates": "",
                    "in_top3": False,
                    "band_agrees": False,
                    "named": True,
                }
            )
            continue
        used.add(pos)
        row = drafted.iloc[pos]
        top = [c for c in str(row["candidates"]).split(";") if c]
        records.append(
            {
                "article": name,
                "text": number["text"],
                "sources": ";".join(sources),
                "expected_band": expected,
                "found": True,
                "draft_text": row["text"],
                "band": row["band"],
                "candidates": ";".join(top),
                "in_top3": bool(set(sources) & set(top)),
                "band_agrees": row["band"] == expected,
                "named": True,
            }
        )
    for pos, row in enumerate(drafted.itertuples()):
        if pos in used:
            continue
        records.append(
            {
                "article": name,
                "text": "",
                "sources": "",
                "expected_band": candidates.UNCHECKABLE,
                "found": True,
                "draft_text": row.text,
                "band": row.band,
                "candidates": row.candidates,
                "in_top3": False,
                "band_agrees": row.band == candidates.UNCHECKABLE,
                "named": False,
            }
        )
    relevant = candidates.relevance(drafted)
    return ArticleScore(
        name,
        str(answers.get("country", "")),
        bool(answers["on_topic"]),
        relevant.about_the_book,
        pd.DataFrame(records, columns=ROW_COLUMNS),
    )


@dataclass(frozen=True)
class Scores:
    """The figures over a set of articles (see the module's text)."""

    articles: list[ArticleScore]

    @property
    def rows(self) -> pd.DataFrame:
        on = [a.rows for a in self.articles if a.on_topic]
        return pd.concat(on, ignore_index=True) if on else pd.DataFrame(columns=ROW_COLUMNS)

    @property
    def with_source(self) -> pd.DataFrame:
        r = self.rows
        return r[r["sources"] != ""]

    @property
    def top3_share(self) -> float:
        w = self.with_source
        return float(w["in_top3"].mean()) if len(w) else math.nan

    @property
    def found_share(self) -> float:
        """Of the answers, the share the pipeline found a quantity for."""
        r = self.rows[self.rows["named"]]
        return float(r["found"].mean()) if len(r) else math.nan

    @property
    def band_share(self) -> float:
        r = self.rows
        r = r[r["named"] & r["found"]]
        return float(r["band_agrees"].mean()) if len(r) else math.nan

    @property
    def no_source(self) -> pd.DataFrame:
        """Numbers with no source, found by the pipeline, over all articles (off-topic too)."""
        every = pd.concat([a.rows for a in self.articles], ignore_index=True)
        return every[(every["sources"] == "") & every["found"]]

    @property
    def wrongly_sourced_share(self) -> float:
        n = self.no_source
        return float((n["band"] != candidates.UNCHECKABLE).mean()) if len(n) else math.nan

    @property
    def topic_calls(self) -> dict[str, bool]:
        """Article -> whether the draft's call on its subject is the answer file's."""
        return {a.name: a.about_the_book == a.on_topic for a in self.articles}

    def counts(self) -> dict[str, tuple[int, int]]:
        """Each figure as (count, out of): ``top-3``, ``found by the pipeline``, ``band
        agrees``, ``wrongly given a source``, ``topic calls right``."""
        w, r = self.with_source, self.rows
        named = r[r["named"] & r["found"]]
        return {
            "top-3": (int(w["in_top3"].sum()), len(w)),
            "found by the pipeline": (int(r[r["named"]]["found"].sum()), int(r["named"].sum())),
            "band agrees": (int(named["band_agrees"].sum()), len(named)),
            "wrongly given a source": (
                int((self.no_source["band"] != candidates.UNCHECKABLE).sum()),
                len(self.no_source),
            ),
            "topic calls right": (sum(self.topic_calls.values()), len(self.articles)),
        }

    def figures(self) -> dict[str, Any]:
        return {
            "articles": len(self.articles),
            "on-topic articles": sum(a.on_topic for a in self.articles),
            "numbers with a source": len(self.with_source),
            **{name: f"{done}/{total}" for name, (done, total) in self.counts().items()},
        }


def score_folder(folder: Path) -> Scores:
    """Score every ``<stem>.txt`` of ``folder`` against its ``<stem>.expected.json``."""
    scored = []
    for article in sorted(folder.glob("*.txt")):
        answers_path = article.with_suffix(".expected.json")
        if not answers_path.is_file():
            raise ArticleError(f"{article}: no answer file {answers_path.name} beside it")
        answers = load_answers(answers_path)
        # read as make check reads it: the same refusals and cleaning
        scored.append(score_article(article.stem, article_input.read(article).text, answers))
    return Scores(scored)
