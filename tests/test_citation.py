"""``CITATION.cff`` validates against the Citation File Format 1.2.0 schema, offline.

The schema is ``tests/fixtures/cff-1.2.0.schema.json``, a verbatim copy of ``schema.json`` at the
tag ``1.2.0`` (commit 396f738fb025b1d8acdb02a56ffc923f95dc8999) of
https://github.com/citation-file-format/citation-file-format (CC-BY-4.0), sha256 pinned below.
It is what ``cffconvert --validate`` checks against; the installed ``jsonschema`` does the
validation here, so no new dependency. As the schema's own ``$comment`` on dates asks, YAML dates
are cast to strings before validating.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from helpers.paths import ROOT

SCHEMA = Path(__file__).parent / "fixtures" / "cff-1.2.0.schema.json"
SCHEMA_SHA256 = "0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b"


def _dates_as_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def cff_errors(text: str) -> list[str]:
    """What is wrong with a CITATION.cff's text under CFF 1.2.0 (empty when it validates)."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    data = _dates_as_text(yaml.safe_load(text))
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    ]


def test_the_schema_is_the_published_one() -> None:
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert json.loads(SCHEMA.read_text(encoding="utf-8"))["$id"].startswith(
        "https://citation-file-format.github.io/1.2.0/"
    )


def test_citation_cff_validates() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert cff_errors(text) == []
    data = yaml.safe_load(text)
    assert data["cff-version"] == "1.2.0"
    assert data["version"] and data["date-released"]
    assert {"MIT", "CC-BY-4.0"} <= set(data["license"])


def test_the_work_itself_may_be_software_or_a_dataset() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert cff_errors(text.replace("type: software", "type: dataset", 1)) == []
    assert cff_errors(text.replace("type: software", "type: data", 1)) != []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # A reference's type is one of CFF's 47 reference types, where a dataset is `data`. (The
        # work's own `type` may be `software` or `dataset`: the top-level enum allows both.)
        ("  - type: data\n", "  - type: dataset\n", "references/0/type: 'dataset' is not one of"),
        ('date-released: "2026-12-01"', 'date-released: "1 December 2026"', "date-released"),
        ("  - CC-BY-4.0\n", "  - CC BY 4.0\n", "license"),
    ],
    ids=["dataset-is-not-a-cff-type", "bad-date", "not-spdx"],
)
def test_a_broken_citation_fails(old: str, new: str, expected: str) -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert old in text
    errors = cff_errors(text.replace(old, new, 1))
    assert any(expected in error for error in errors), errors
