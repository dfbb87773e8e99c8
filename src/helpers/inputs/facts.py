"""The curated tables in ``data/``: facts, events, claims and AI Factories, each with a schema.

Facts, events and claims are kept one file per chapter (``data/facts/<chapter>.csv``…), so
each chapter owns its rows; a file's ``chapter`` column must equal its name.

These are the figures no dataset holds (budgets, dates, announcements). Every row carries
its source URL, the source's date, the date its page was last seen (or blank) and a note; where sources disagree, ``value_low`` and
``value_high`` give the range. Each table is validated on load with :mod:`pandera`, so a
malformed row fails with a message naming the file, the row and the column.

Values are in base units (EUR, not millions of euros; FLOP/s, not PFLOP/s), from the unit
vocabulary :data:`UNITS`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers import formats
from helpers.errors import DataError, describe_schema_errors
from helpers.inputs.files import read_utf8
from helpers.paths import DATA

#: The units a fact may be in (base units; ratios and counts are dimensionless).
UNITS = (
    "EUR",
    "USD",
    "FLOP",
    "FLOP/s",
    "parameters",
    "tokens",
    "W",
    "bytes",
    "bytes/s",
    "GPU-hours",
    "count",
    "percent",
    "days",
    "years",
    "ratio",
    "USD/GPU-hour",
    "shares",
    "USD/share",
)
#: The chapters (notebook stems) a row may belong to.
CHAPTERS = ("germany_jupiter", "eu_access", "ai_factories", "china_gpus", "chips_money")
CONFIDENCE = ("H", "M", "derived")

_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
#: An http(s) address, without the characters that could end a Markdown link or open markup
#: around it (a notebook may write ``[title](url)``): none of the book's sources needs them.
URL = r"^https?://[^\s<>()\[\]{}\"'`\\|^]+$"
_URL = URL
#: The columns of the curated tables that hold free text (as opposed to ids, dates, URLs and
#: vocabularies): registered as input text, shown literally wherever a page puts them.
FREE_TEXT = (
    "subject",
    "quantity",
    "source_title",
    "note",
    "title",
    "description",
    "factory",
    "country",
    "host",
    "supercomputer",
    "quote",
    "gloss",
    "qualifier",
    "explanation",
)
_KEY = r"^[a-z0-9][a-z0-9_]*$"


def _text() -> pa.Column:
    return pa.Column(str, pa.Check.str_length(min_value=1))


def last_seen_column() -> pa.Column:
    """``source_last_seen``: the date a person or a check last read the page at ``source_url``
    (ISO), blank when no one has recorded it: a date is never guessed (data/README.md)."""
    return pa.Column(str, pa.Check.str_matches(_ISO_DATE), nullable=True)


def _source_columns() -> dict[str, pa.Column]:
    return {
        "source_url": pa.Column(str, pa.Check.str_matches(_URL)),
        "source_date": pa.Column(str, pa.Check.str_matches(_ISO_DATE)),
        "source_last_seen": last_seen_column(),
        "confidence": pa.Column(str, pa.Check.isin(CONFIDENCE)),
    }


#: A page cannot be read before it was published: ``source_last_seen`` is blank or on or
#: after ``source_date`` (ISO dates compare as text).
SEEN_AFTER_PUBLISHED = pa.Check(
    lambda d: d["source_last_seen"].isna() | (d["source_last_seen"] >= d["source_date"]),
    name="source_last_seen >= source_date",
    element_wise=False,
)


FACTS_SCHEMA = pa.DataFrameSchema(
    {
        "fact_id": pa.Column(str, pa.Check.str_matches(_KEY), unique=True),
        "chapter": pa.Column(str, pa.Check.isin(CHAPTERS)),
        "subject": _text(),
        "quantity": _text(),
        "value": pa.Column(float, pa.Check.ge(0)),
        "value_low": pa.Column(float, pa.Check.ge(0), nullable=True),
        "value_high": pa.Column(float, pa.Check.ge(0), nullable=True),
        "unit": pa.Column(str, pa.Check.isin(UNITS)),
        "as_of": pa.Column(str, pa.Check.str_matches(_ISO_DATE)),
        "source_title": _text(),
        **_source_columns(),
        "note": _text(),
    },
    checks=[
        pa.Check(
            lambda d: d["value_low"].isna() | (d["value_low"] <= d["value"]),
            name="value_low <= value",
            element_wise=False,
        ),
        pa.Check(
            lambda d: d["value_high"].isna() | (d["value_high"] >= d["value"]),
            name="value_high >= value",
            element_wise=False,
        ),
        SEEN_AFTER_PUBLISHED,
    ],
    strict=True,
    ordered=True,
    coerce=True,
)

EVENTS_SCHEMA = pa.DataFrameSchema(
    {
        "event_id": pa.Column(str, pa.Check.str_matches(_KEY), unique=True),
        "chapter": pa.Column(str, pa.Check.isin(CHAPTERS)),
        "date": pa.Column(str, pa.Check.str_matches(_ISO_DATE)),
        "title": _text(),
        "description": _text(),
        "source_title": _text(),
        **_source_columns(),
    },
    checks=[SEEN_AFTER_PUBLISHED],
    strict=True,
    ordered=True,
    coerce=True,
)

FACTORIES_SCHEMA = pa.DataFrameSchema(
    {
        "factory": pa.Column(str, unique=True),
        "country": _text(),
        "wave": pa.Column(int, pa.Check.isin([1, 2, 3])),
        "selection_date": pa.Column(str, pa.Check.str_matches(_ISO_DATE)),
        "host": pa.Column(str, nullable=True),
        "supercomputer": pa.Column(str, nullable=True),
        **_source_columns(),
        "note": pa.Column(str, nullable=True),
    },
    checks=[SEEN_AFTER_PUBLISHED],
    strict=True,
    ordered=True,
    coerce=True,
)


def read_table(path: Path, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Read a curated CSV and validate it; errors name the file, the row and the column."""
    text = read_utf8(path, DataError)
    try:
        raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    except pd.errors.ParserError as err:
        raise DataError(f"{path}: cannot be read as CSV ({err})") from None
    try:
        table = schema.validate(raw, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise DataError(describe_schema_errors(err, str(path))) from None
    formats.untrusted_columns(table, list(FREE_TEXT))
    return table


def read_folder(folder: Path, schema: pa.DataFrameSchema, key: str) -> pd.DataFrame:
    """Read every ``<chapter>.csv`` in ``folder``; keys must be unique across the files."""
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise DataError(f"{folder}: no tables")
    frames = []
    for path in files:
        table = read_table(path, schema)
        wrong = table[table["chapter"] != path.stem]
        if len(wrong):
            row = int(wrong.index[0]) + 1
            raise DataError(
                f"{path}: row {row}, column 'chapter': {wrong.iloc[0]['chapter']!r} "
                f"in the file of chapter {path.stem!r}"
            )
        frames.append(table)
    combined = pd.concat(frames, ignore_index=True)
    dupes = combined[combined[key].duplicated()][key].tolist()
    if dupes:
        raise DataError(f"{folder}: {key} {dupes[0]!r} appears in more than one file")
    return combined


@cache
def load_facts(folder: Path = DATA / "facts") -> pd.DataFrame:
    """Every fact, indexed by ``fact_id``."""
    return read_folder(folder, FACTS_SCHEMA, "fact_id").set_index("fact_id", drop=False)


@cache
def load_events(folder: Path = DATA / "events") -> pd.DataFrame:
    """Every event, sorted by date."""
    events = read_folder(folder, EVENTS_SCHEMA, "event_id")
    events["date"] = pd.to_datetime(events["date"])
    return events.sort_values(["date", "event_id"]).reset_index(drop=True)


@cache
def load_ai_factories(path: Path = DATA / "ai_factories.csv") -> pd.DataFrame:
    """The EU AI Factories, one row per factory, by wave."""
    return (
        read_table(path, FACTORIES_SCHEMA)
        .sort_values(["wave", "country", "factory"])
        .reset_index(drop=True)
    )


@dataclass(frozen=True)
class Fact:
    """One sourced figure, in base units."""

    fact_id: str
    value: float
    low: float | None
    high: float | None
    unit: str
    subject: str
    quantity: str
    source_title: str
    source_url: str
    source_date: str
    note: str

    @property
    def citation(self) -> formats.Markup:
        """A Markdown citation: the source, linked, and its date. Built from escaped parts
        (the title shows as text, the URL is a checked http(s) address), so it is pasted as
        markup (:class:`helpers.formats.Markup`)."""
        return formats.markup(
            "{}, {}", formats.link(self.source_title, self.source_url), self.source_date
        )


#: The ids :func:`fact` has served since :func:`forget_served`, in order: a chapter's Sources
#: list every fact its run used, with no hand-kept list to fall out of date.
_SERVED: dict[str, None] = {}


def served() -> list[str]:
    """The ids of the facts served since the run started, in the order first asked for."""
    return list(_SERVED)


def forget_served() -> None:
    """Start a new run: no fact served yet."""
    _SERVED.clear()


def fact(fact_id: str) -> Fact:
    """The fact ``fact_id``; a clear error if the table has no such row. Recorded as served."""
    table = load_facts()
    if fact_id not in table.index:
        raise DataError(f"data/facts: no fact {fact_id!r}")
    _SERVED[fact_id] = None
    row = table.loc[fact_id]

    def opt(v: object) -> float | None:
        return None if pd.isna(v) else float(v)  # type: ignore[arg-type]

    return Fact(
        fact_id=fact_id,
        value=float(row["value"]),
        low=opt(row["value_low"]),
        high=opt(row["value_high"]),
        unit=str(row["unit"]),
        subject=str(row["subject"]),
        quantity=str(row["quantity"]),
        source_title=str(row["source_title"]),
        source_url=str(row["source_url"]),
        source_date=str(row["source_date"]),
        note=str(row["note"]),
    )
