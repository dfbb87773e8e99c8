"""Every refusal is one line that names its cause: the file, row and column, or the parameter.

Bad encodings of the tables read as text, a scenarios file that is not YAML or not a mapping,
schema failures (one line per failed rule, the real row and column first), a full disk and a
read-only checkout while building, and a bad parameter given to ``make run``.
"""

from __future__ import annotations

import contextlib
import csv
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.errors import DataError, ParameterError
from helpers.inputs import facts, seeds
from helpers.paths import DATA, ROOT, SEEDS
from helpers.scenarios import load as load_scenarios
from helpers.text import load_lexicon

LATIN1 = "título,año\nMünchen,2025\n".encode("latin-1")


def _one_line(message: str) -> None:
    assert "\n" not in message.strip(), f"not one line: {message!r}"
    assert "Traceback" not in message


# --- Files that are not UTF-8 ---------------------------------------------------------------


def test_a_non_utf8_seed_index_is_refused_naming_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "index.csv").write_bytes(
        (SEEDS / "index.csv").read_bytes() + "999,x,tema Málaga\n".encode("latin-1")
    )
    seeds.index.cache_clear()
    with pytest.raises(DataError) as err:
        seeds.index(tmp_path)
    lines = (SEEDS / "index.csv").read_bytes().count(b"\n") + 1
    assert str(err.value).startswith(f"{tmp_path / 'index.csv'}: not valid UTF-8 at byte ")
    assert f"(line {lines})" in str(err.value)
    _one_line(str(err.value))


def test_a_non_utf8_lexicon_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.csv"
    path.write_bytes(LATIN1)
    with pytest.raises(DataError) as err:
        load_lexicon(path)
    assert str(err.value) == f"{path}: not valid UTF-8 at byte 1 (line 1)"  # the í of título


# --- The scenarios file ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("scenarios: [\n", "not valid YAML at line 2"),
        ("scenarios:\n  baseline: {description: x\n", "not valid YAML at line 3"),
        ("- baseline\n- other\n", "must be a mapping with a 'scenarios' key, not a list"),
        ("scenarios:\n  baseline: [1, 2]\n", "scenario 'baseline': must be a mapping"),
        (
            "scenarios:\n  baseline:\n  low:\n    notebooks: [germany_jupiter]\n",
            "scenario 'low': 'notebooks' must map notebooks",
        ),
    ],
)
def test_a_bad_scenarios_file_is_refused_in_one_line_naming_it(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "scenarios.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        load_scenarios(path)
    assert str(err.value).startswith(f"{path}: "), err.value
    assert expected in str(err.value)
    _one_line(str(err.value))


# --- Schema failures ------------------------------------------------------------------------


def _facts_with(tmp_path: Path, column: str, value: str, row_with_low: bool) -> tuple[Path, int]:
    """A copy of a facts table with ``column`` of one row set to ``value``; the row's number
    (from 1, below the header). ``row_with_low``: a row that has a ``value_low``."""
    source = DATA / "facts" / "germany_jupiter.csv"
    with source.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    index = next(i for i, r in enumerate(rows) if bool(r["value_low"]) == row_with_low)
    rows[index][column] = value
    path = tmp_path / "germany_jupiter.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path, index + 1


def test_a_word_for_a_number_names_its_row_and_column_first(tmp_path: Path) -> None:
    path, row = _facts_with(tmp_path, "value", "lots", row_with_low=True)
    with pytest.raises(DataError) as err:
        facts.read_table(path, facts.FACTS_SCHEMA)
    lines = str(err.value).splitlines()
    # Only the unreadable cell: not the TypeErrors of the rules that compare the column.
    assert lines == [
        f"{path}: row {row}, column 'value': fails coerce_dtype('float64') (value 'lots')"
    ]


def test_a_negative_value_shows_each_failed_rule_once(tmp_path: Path) -> None:
    path, row = _facts_with(tmp_path, "value", "-5", row_with_low=True)
    with pytest.raises(DataError) as err:
        facts.read_table(path, facts.FACTS_SCHEMA)
    lines = str(err.value).splitlines()
    assert len(lines) == 2, lines  # ">= 0" and "value_low <= value", once each
    assert all(line.startswith(f"{path}: row {row}, column") for line in lines)
    assert any("'value': fails greater_than_or_equal_to(0) (value -5.0)" in line for line in lines)
    assert any("fails value_low <= value (value = -5.0, value_low = " in line for line in lines)
    assert not any("more" in line for line in lines)


def test_failed_rules_are_listed_by_row(tmp_path: Path) -> None:
    path, row = _facts_with(tmp_path, "unit", "furlongs", row_with_low=False)
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows[-1]["as_of"] = "yesterday"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataError) as err:
        facts.read_table(path, facts.FACTS_SCHEMA)
    lines = str(err.value).splitlines()
    assert row < len(rows)
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{path}: row {row}, column 'unit': fails isin")
    assert lines[0].endswith("(value 'furlongs')")
    assert lines[1].startswith(f"{path}: row {len(rows)}, column 'as_of': fails str_matches")
    assert lines[1].endswith("(value 'yesterday')")


# --- A full disk, a read-only checkout ------------------------------------------------------


@contextlib.contextmanager
def _tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A small tmpfs mounted at ``where`` (root only); skips the test where mounting fails."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _build_into(build_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COMPUTE_RACE_BUILD_DIR": str(build_dir)}
    return subprocess.run(
        [sys.executable, "-m", "helpers.build", "--only", "germany_jupiter"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
        check=False,
    )


def test_a_read_only_build_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "ro", "ro,size=1m") as folder:
        result = _build_into(folder)
    assert result.returncode == 1
    _one_line(result.stderr)
    assert result.stderr.strip() == (
        f"error: {folder / '.build.lock'}: cannot write the build lock: the file system is "
        "read-only (Read-only file system); the last good book is unchanged"
    )


def test_a_full_disk_is_refused_in_one_line_naming_what_was_written(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "full", "size=256k") as folder:
        result = _build_into(folder)
        leftovers = [p.name for p in folder.glob(".stage-*")]
    assert result.returncode == 1, result.stdout + result.stderr
    _one_line(result.stderr)
    message = result.stderr.strip()
    assert message.startswith(f"error: {folder}/.stage-"), message
    assert ": cannot write the staged book (sources, Vega bundle, executed notebooks): " in message
    assert "the disk is full (No space left on device)" in message
    assert leftovers == []  # the half-written staging folder is removed


# --- make run ---------------------------------------------------------------------------------


def test_make_run_prints_one_line_for_a_bad_parameter(tmp_path: Path) -> None:
    env = {**os.environ, "COMPUTE_RACE_BUILD_DIR": str(tmp_path)}
    (tmp_path / "stamp").touch()  # newer than the locks: make installs nothing
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "run",
            "NB=germany_jupiter",
            "P=utilisation=lots machine_share=0.5",
            f"BIN={Path(sys.executable).parent}",
            f"STAMP={tmp_path / 'stamp'}",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert lines == [
        "error: germany_jupiter: parameter 'utilisation' = 'lots' is not allowed: "
        "expected float >= 0.05 and <= 0.8 (model FLOP utilisation (MFU), fraction of peak)"
    ]


def test_run_refuses_a_word_that_is_not_an_assignment(capsys: pytest.CaptureFixture[str]) -> None:
    from helpers.build.run import main

    assert main(["germany_jupiter", "utilisation"]) == 1
    err = capsys.readouterr().err
    assert err == "error: parameter 'utilisation': write it as name=value (e.g. top_n=10)\n"


def test_a_non_utf8_source_registry_is_refused_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The appendix reads data/sources.csv with the project's UTF-8 reader too."""
    import importlib.util
    import shutil

    import helpers.paths

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)  # the other tables as they are
    (folder / "sources.csv").write_bytes(
        (DATA / "sources.csv")
        .read_bytes()
        .replace(b"\n", "\nTOP500 Jul\xe9\n".encode("latin-1"), 1)
    )
    monkeypatch.setattr(helpers.paths, "DATA", folder)
    spec = importlib.util.spec_from_file_location(
        "offline_pages", ROOT / "book/_ext/offline_pages.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with pytest.raises(DataError) as info:
        module.facts_markdown()
    _one_line(str(info.value))
    assert str(info.value).startswith(f"{folder / 'sources.csv'}: "), str(info.value)
    assert "UTF-8" in str(info.value) and "line 2" in str(info.value), str(info.value)
