"""Check the book's outbound links, and name the table rows whose source address broke.

``make linkcheck`` runs ``python -m helpers.build.linkcheck``: it stages the book as
:func:`helpers.build.book.build` does (sources and executed notebooks), runs ``jupyter-book build
--builder linkcheck`` on the stage (Sphinx's linkcheck, configured under ``sphinx.config`` in
``_config.yml``: timeouts, retries, no anchor check on pages that draw their content with
JavaScript), then reads Sphinx's ``output.json`` and maps each broken address back to the rows of
the curated tables (``data/facts``, ``data/events``, ``data/claims``, ``data/ai_factories.csv``)
whose ``source_url`` it is. The appendix "Data and sources" links every row's source, so every
row's address is checked.

It needs the network, so it is not part of ``make test`` or ``.ci/run``; the weekly workflow
``.github/workflows/linkcheck.yml`` runs it and opens an issue with the report on failure. The
report (Markdown) goes to stdout and to ``_build/linkcheck/broken.md``; the exit status is 1
when a link is broken. A timeout is listed but does not fail the run: a slow site is not a dead
page. A row whose page is found working is not given a ``source_last_seen`` date here: that
date says a person or a check read the page and found it saying what the row says (see
``data/README.md``), and a link check only sees that the address answers.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from helpers.env import STAGE_VAR
from helpers.errors import ComputeRaceError
from helpers.paths import BUILD, DATA

#: The curated tables that cite a page per row, relative to ``data/``.
TABLES = ("facts/*.csv", "events/*.csv", "claims/*.csv", "ai_factories.csv")
#: Sphinx's statuses that fail the check, and those listed without failing it.
FAILING = frozenset({"broken"})
LISTED = frozenset({"timeout"})
REPORT = BUILD / "linkcheck" / "broken.md"


@dataclass(frozen=True, order=True)
class Row:
    """A row of a curated table: its file (relative to ``data/``), its number (from 1 after the
    header, as the loaders count) and its key (the first column)."""

    table: str
    number: int
    key: str
    last_seen: str

    def __str__(self) -> str:
        seen = f", last seen {self.last_seen}" if self.last_seen else ", never recorded as seen"
        return f"`data/{self.table}` row {self.number} (`{self.key}`{seen})"


@dataclass(frozen=True)
class Result:
    """One link of Sphinx's ``output.json``."""

    uri: str
    status: str
    info: str
    page: str


def normalise(url: str) -> str:
    """An address as compared: percent-escapes decoded once, no trailing slash."""
    return unquote(url.strip()).rstrip("/")


def rows_by_url(data: Path = DATA) -> dict[str, list[Row]]:
    """Every row of :data:`TABLES` under ``data``, by its normalised ``source_url``."""
    found: dict[str, list[Row]] = {}
    for pattern in TABLES:
        for path in sorted(data.glob(pattern)):
            with path.open(encoding="utf-8", newline="") as fh:
                reader = csv.DictReader(fh)
                key = (reader.fieldnames or [""])[0]
                for number, record in enumerate(reader, start=1):
                    url = record.get("source_url") or ""
                    if not url:
                        continue
                    row = Row(
                        table=path.relative_to(data).as_posix(),
                        number=number,
                        key=record.get(key) or "",
                        last_seen=record.get("source_last_seen") or "",
                    )
                    found.setdefault(normalise(url), []).append(row)
    return found


def read_output(path: Path) -> list[Result]:
    """The links of Sphinx's linkcheck ``output.json`` (one JSON object per line)."""
    results = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            results.append(
                Result(
                    uri=str(item.get("uri", "")),
                    status=str(item.get("status", "")),
                    info=str(item.get("info", "")),
                    page=str(item.get("filename", "")),
                )
            )
    return results


def problems(
    results: Iterable[Result], rows: dict[str, list[Row]], statuses: Iterable[str]
) -> list[tuple[Result, list[Row]]]:
    """Each distinct address whose status is in ``statuses``, with the rows that cite it (none
    when only the prose or a notebook links it)."""
    wanted = set(statuses)
    seen: set[str] = set()
    out = []
    for result in results:
        if result.status not in wanted or result.uri in seen:
            continue
        seen.add(result.uri)
        out.append((result, rows.get(normalise(result.uri), [])))
    return sorted(out, key=lambda pair: pair[0].uri)


def report(results: list[Result], rows: dict[str, list[Row]]) -> tuple[str, bool]:
    """The Markdown report and whether the check passed."""
    broken = problems(results, rows, FAILING)
    slow = problems(results, rows, LISTED)
    lines = [
        f"# Link check: {len(broken)} broken, {len(slow)} timed out "
        f"of {len({r.uri for r in results})} addresses",
        "",
    ]
    for title, items in (("Broken", broken), ("Timed out (not a failure)", slow)):
        if not items:
            continue
        lines += [f"## {title}", ""]
        for result, cited in items:
            why = " ".join((result.info or result.status).split())
            why = why if len(why) <= 160 else why[:159] + "…"
            lines.append(f"- <{result.uri}> ({why}; on `{result.page}`)")
            lines += [f"  - {row}" for row in cited] or ["  - no table row cites it"]
        lines.append("")
    checked = {normalise(r.uri) for r in results}
    unchecked = sorted(row for url, cited in rows.items() if url not in checked for row in cited)
    if unchecked:
        lines += ["## Not linked from the pages checked (so not checked)", ""]
        lines += [f"- {row}" for row in unchecked] + [""]
    if broken:
        lines += [
            "Fix each row: find the page again (or an archived copy, said so in the row's note and",
            "rated accordingly), update `source_url`, and `source_last_seen` once it is read.",
        ]
    return "\n".join(lines) + "\n", not broken


def run_linkcheck(stage: Path) -> Path:
    """Run Sphinx's linkcheck through jupyter-book on a staged book; its ``output.json``."""
    cmd = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(stage),
        "--builder",
        "linkcheck",
    ]
    env = {**os.environ, STAGE_VAR: str(stage)}
    # Broken links make jupyter-book exit non-zero: the verdict is read from output.json.
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    (stage / "linkcheck.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    # jupyter-book 1.x points the linkcheck builder at the HTML folder, _build/html.
    output = stage / "_build" / "html" / "output.json"
    if not output.is_file():
        tail = (result.stdout + result.stderr)[-2000:]
        raise SystemExit(f"error: linkcheck wrote no {output}:\n{tail}")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.build.linkcheck", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="map an existing output.json instead of staging and checking the book",
    )
    parser.add_argument("--only", nargs="+", metavar="NOTEBOOK", help="stage only these notebooks")
    parser.add_argument("--report", type=Path, default=REPORT, help=f"default: {REPORT}")
    args = parser.parse_args(argv)
    stage = None
    try:
        if args.output is None:
            from helpers.build.book import plan_pages, stage_book
            from helpers.build.digest import Inputs
            from helpers.build.toc import notebooks_in_toc
            from helpers.scenarios import BASELINE

            inputs = Inputs()
            pages = plan_pages(args.only or notebooks_in_toc(), BASELINE, inputs)
            BUILD.mkdir(parents=True, exist_ok=True)
            stage = Path(tempfile.mkdtemp(prefix=".linkcheck-", dir=BUILD))
            stage_book(stage, pages, inputs, only=args.only)
            args.output = run_linkcheck(stage)
        text, ok = report(read_output(args.output), rows_by_url())
        args.report.parent.mkdir(parents=True, exist_ok=True)
        if stage is not None:
            shutil.copy2(args.output, args.report.with_name("output.json"))
        args.report.write_text(text, encoding="utf-8")
        print(text, end="")
        return 0 if ok else 1
    except ComputeRaceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    finally:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
