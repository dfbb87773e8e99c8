"""The source registry: every domain the curated tables cite is in ``data/sources.csv``, with
its publisher and kind, and a row rated H cites only a publisher's own page, an official
register, a paper or a reputable outlet.

``data/sources.csv`` has one row per domain (``domain, publisher, kind, note``). A cited host
matches the longest registered domain it equals or ends with (``apps.fz-juelich.de`` matches
``fz-juelich.de``); ``www.`` and a trailing dot are ignored. Kinds:

- ``publisher``: the organisation's own page (a ministry, a lab, a company's newsroom, the
  authors' own repository);
- ``official_register``: a list or register kept by its owner (the TOP500 list);
- ``paper``: a paper or technical report where its authors published it;
- ``reputable_outlet``: an established news or trade outlet, in its own report;
- ``secondary``: an aggregator, blog, vendor page or agency relay that restates others;
- ``mirror_or_copy``: a copy of someone else's page on another site;
- ``content_farm``: rewritten or generated content with no editorial standing.

Every cell of every table is scanned for addresses (notes and explanations cite too); the H rule
applies to ``source_url``, the column a row's confidence is about. Failures name the file, the
row (counted from 1 after the header, as the loaders do) and the column.

This module reads the tables with pandas alone, so it does not depend on where the package
keeps its loaders.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pandera.pandas as pa
import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
REGISTRY = DATA / "sources.csv"

KINDS = (
    "publisher",
    "official_register",
    "paper",
    "reputable_outlet",
    "secondary",
    "mirror_or_copy",
    "content_farm",
)
#: The kinds a row rated H may cite.
H_KINDS = frozenset({"publisher", "official_register", "paper", "reputable_outlet"})

_URL = re.compile(r"https?://[^\s\"'<>()\[\]]+")

SCHEMA = pa.DataFrameSchema(
    {
        "domain": pa.Column(
            str,
            pa.Check.str_matches(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9-]+)+$"),
            unique=True,
        ),
        "publisher": pa.Column(str, pa.Check.str_length(min_value=1)),
        "kind": pa.Column(str, pa.Check.isin(KINDS)),
        "note": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    strict=True,
    ordered=True,
)


def host_of(url: str) -> str:
    """The host of ``url`` as the registry spells domains: lower case, no ``www.``, no final dot."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    return host.removeprefix("www.")


def domain_for(host: str, domains: set[str]) -> str | None:
    """The longest registered domain that ``host`` is or is a subdomain of; None if none."""
    labels = host.split(".")
    for i in range(len(labels) - 1):
        candidate = ".".join(labels[i:])
        if candidate in domains:
            return candidate
    return None


def read_registry(path: Path = REGISTRY) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    return SCHEMA.validate(raw, lazy=True)


def tables(folder: Path = DATA, registry: Path = REGISTRY) -> list[Path]:
    """Every curated CSV under ``folder`` except the registry itself."""
    return sorted(p for p in folder.rglob("*.csv") if p.resolve() != registry.resolve())


def citations(paths: list[Path], root: Path = DATA) -> list[tuple[str, int, str, str, str]]:
    """``(file, row, column, url, confidence)`` for every address in every cell."""
    found = []
    for path in paths:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        name = path.relative_to(root.parent).as_posix()
        for index, row in frame.iterrows():
            confidence = row.get("confidence", "")
            for column in frame.columns:
                for url in _URL.findall(row[column]):
                    found.append((name, int(index) + 1, column, url.rstrip(".,;"), confidence))
    return found


def problems(registry: pd.DataFrame, cited: list[tuple[str, int, str, str, str]]) -> list[str]:
    """One line per unregistered domain and per H row citing a kind H may not cite."""
    kinds = dict(zip(registry["domain"], registry["kind"], strict=True))
    out = []
    for name, row, column, url, confidence in cited:
        host = host_of(url)
        domain = domain_for(host, set(kinds))
        if domain is None:
            out.append(f"{name}: row {row}, column {column!r}: {host!r} is not in data/sources.csv")
        elif column == "source_url" and confidence == "H" and kinds[domain] not in H_KINDS:
            out.append(
                f"{name}: row {row}, column {column!r}: rated H but cites {domain!r}, "
                f"a {kinds[domain]} (H needs one of {', '.join(sorted(H_KINDS))})"
            )
    return out


# --- the real tables ---------------------------------------------------------------------


def test_registry_validates_and_is_sorted() -> None:
    registry = read_registry()
    assert len(registry) > 50
    assert list(registry["domain"]) == sorted(registry["domain"])


def test_every_cited_domain_is_registered_and_h_rows_cite_primary_or_reputable() -> None:
    cited = citations(tables())
    assert len(cited) > 250
    found = problems(read_registry(), cited)
    assert not found, "\n".join(found)


def test_every_registered_domain_is_cited() -> None:
    registry = read_registry()
    used = {domain_for(host_of(c[3]), set(registry["domain"])) for c in citations(tables())}
    unused = sorted(set(registry["domain"]) - used)
    assert not unused, f"data/sources.csv lists domains no table cites: {', '.join(unused)}"


# --- the checker on small tables -----------------------------------------------------------


def _registry(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.csv"
    path.write_text("domain,publisher,kind,note\n" + text, encoding="utf-8")
    return path


def test_hosts_match_the_longest_registered_domain() -> None:
    domains = {"fz-juelich.de", "apps.fz-juelich.de", "arxiv.org"}
    assert host_of("https://WWW.FZ-Juelich.de/en/x") == "fz-juelich.de"
    assert host_of("https://economictimes.indiatimes.com./tech") == "economictimes.indiatimes.com"
    assert domain_for("apps.fz-juelich.de", domains) == "apps.fz-juelich.de"
    assert domain_for("ar5iv.labs.arxiv.org", domains) == "arxiv.org"
    assert domain_for("notarxiv.org", domains) is None  # a suffix only counts at a dot


def test_problems_name_file_row_and_column(tmp_path: Path) -> None:
    registry = _registry(
        tmp_path,
        "example.org,Example,publisher,own page\ncopy.example,Copy,mirror_or_copy,a copy\n",
    )
    folder = tmp_path / "data"
    (folder / "facts").mkdir(parents=True)
    (folder / "facts" / "a.csv").write_text(
        "fact_id,source_url,confidence,note\n"
        "ok,https://www.example.org/p,H,fine\n"
        "copied,https://copy.example/p,H,see https://example.org/q\n"
        "copied_m,https://copy.example/p,M,rated as a copy\n"
        "unknown,https://nowhere.test/p,M,also https://elsewhere.test/x.\n",
        encoding="utf-8",
    )
    found = problems(read_registry(registry), citations(tables(folder, registry), folder))
    assert found == [
        "data/facts/a.csv: row 2, column 'source_url': rated H but cites 'copy.example', "
        "a mirror_or_copy (H needs one of official_register, paper, publisher, reputable_outlet)",
        "data/facts/a.csv: row 4, column 'source_url': 'nowhere.test' is not in data/sources.csv",
        "data/facts/a.csv: row 4, column 'note': 'elsewhere.test' is not in data/sources.csv",
    ]


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("Example.org,Example,publisher,upper case\n", "domain"),
        ("example.org,Example,blog,unknown kind\n", "kind"),
        ("example.org,,publisher,no publisher\n", "publisher"),
    ],
)
def test_a_bad_registry_row_is_refused(tmp_path: Path, line: str, column: str) -> None:
    with pytest.raises(pa.errors.SchemaErrors) as info:
        read_registry(_registry(tmp_path, line))
    assert column in str(info.value)
