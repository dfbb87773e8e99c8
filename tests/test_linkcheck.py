"""``make linkcheck``'s report: each broken address mapped back to the table rows that cite it.

The check itself needs the network (it runs weekly, ``.github/workflows/linkcheck.yml``); this
test reads a fixed Sphinx ``output.json`` and a miniature ``data/`` (``tests/fixtures/linkcheck``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers.build import linkcheck
from helpers.paths import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "linkcheck"


def test_broken_addresses_name_their_rows() -> None:
    rows = linkcheck.rows_by_url(FIXTURE / "data")
    results = linkcheck.read_output(FIXTURE / "output.json")
    broken = {r.uri: cited for r, cited in linkcheck.problems(results, rows, linkcheck.FAILING)}
    # One entry per address, though two pages link it; a trailing slash does not matter.
    assert sorted(broken) == [
        "https://example.net/prose-only",
        "https://example.org/caf%C3%A9",
        "https://example.org/gone/",
    ]
    assert [(r.table, r.number, r.key) for r in broken["https://example.org/gone/"]] == [
        ("facts/germany_jupiter.csv", 2, "gone_fact"),
        ("events/germany_jupiter.csv", 1, "gone_event"),
    ]
    # Percent-escapes as Sphinx writes them match the table's spelling.
    assert [r.key for r in broken["https://example.org/caf%C3%A9"]] == ["accented_claim"]
    assert broken["https://example.net/prose-only"] == []


def test_the_report_fails_on_broken_links_only() -> None:
    rows = linkcheck.rows_by_url(FIXTURE / "data")
    text, ok = linkcheck.report(linkcheck.read_output(FIXTURE / "output.json"), rows)
    assert not ok
    assert text.startswith("# Link check: 3 broken, 1 timed out of 6 addresses")
    assert "`data/facts/germany_jupiter.csv` row 2 (`gone_fact`, never recorded as seen)" in text
    assert "`data/events/germany_jupiter.csv` row 1 (`gone_event`, last seen 2026-12-01)" in text
    assert "no table row cites it" in text
    assert "## Timed out (not a failure)" in text and "`slow_fact`" in text
    # A row whose address no checked page links is listed as unchecked.
    checked = [r for r in linkcheck.read_output(FIXTURE / "output.json") if "gone" not in r.uri]
    listed = linkcheck.report(checked, rows)[0].split("## Not linked")[1]
    assert "`gone_fact`" in listed and "`gone_event`" in listed and "`slow_fact`" not in listed
    # Working and redirected addresses are not reported.
    assert "jupiter_budget_total_eur" not in text and "Old AIF" not in text

    working = [r for r in linkcheck.read_output(FIXTURE / "output.json") if r.status == "working"]
    assert linkcheck.report(working, rows)[1]


def test_main_maps_an_existing_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "broken.md"
    status = linkcheck.main(["--output", str(FIXTURE / "output.json"), "--report", str(report)])
    assert status == 1
    assert report.read_text(encoding="utf-8") == capsys.readouterr().out


def test_every_curated_table_is_mapped() -> None:
    """Every table whose rows carry a ``source_url`` is read by the mapping."""
    rows = linkcheck.rows_by_url()
    tables = {row.table.split("/")[0] for cited in rows.values() for row in cited}
    assert tables == {"facts", "events", "claims", "ai_factories.csv"}


def test_the_workflow_runs_weekly_and_opens_an_issue() -> None:
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "linkcheck.yml").read_text(encoding="utf-8")
    )
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert "schedule" in triggers and "workflow_dispatch" in triggers
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    assert any("make linkcheck" in str(step.get("run", "")) for step in steps)
    assert any(
        "failure()" in str(step.get("if", "")) and "gh issue" in str(step.get("run", ""))
        for step in steps
    )
