"""The dataset registry: checksums are enforced, errors name the file, row and column."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from helpers.errors import DataError
from helpers.inputs import datasets, loaders


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    for fn in (datasets.fetch, loaders.load_top500, loaders.load_gpu_clusters):
        fn.cache_clear()
    yield
    for fn in (datasets.fetch, loaders.load_top500, loaders.load_gpu_clusters):
        fn.cache_clear()


def test_registry_is_complete_and_pinned() -> None:
    assert set(datasets.DATASETS) == {
        "notable_models",
        "large_scale_models",
        "ml_hardware",
        "gpu_clusters",
        "chip_owners",
        "top500",
    }
    for ds in datasets.DATASETS.values():
        assert len(ds.sha256) == 64 and int(ds.sha256, 16) >= 0
        # Pinned to a commit (40 hex digits in the URL), so the bytes can never change.
        assert any(
            len(part) == 40 and all(c in "0123456789abcdef" for c in part)
            for part in ds.url.split("/")
        ), ds.url
        assert ds.snapshot_date[:2] == "20" and ds.attribution and ds.licence


def test_every_file_in_the_data_folder_matches_its_checksum(data_folder: Path, monkeypatch) -> None:
    monkeypatch.setenv(datasets.ENV_VAR, str(data_folder))
    for key, ds in datasets.DATASETS.items():
        assert datasets.fetch(key) == data_folder / ds.filename


def test_a_corrupted_file_is_refused_and_named(
    tmp_path: Path, data_folder: Path, monkeypatch
) -> None:
    bad = tmp_path / "epoch" / "ml_hardware.csv"
    bad.parent.mkdir()
    shutil.copy(data_folder / "epoch" / "ml_hardware.csv", bad)
    with bad.open("ab") as fh:
        fh.write(b"tampered,row\n")
    monkeypatch.setenv(datasets.ENV_VAR, str(tmp_path))
    with pytest.raises(DataError) as info:
        datasets.fetch("ml_hardware")
    assert str(bad) in str(info.value)
    assert "does not match the pinned" in str(info.value)
    assert "was not used" in str(info.value)


def test_a_missing_file_says_how_to_get_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(datasets.ENV_VAR, str(tmp_path))
    with pytest.raises(
        DataError, match=r"top500/TOP500_202506.xlsx is missing\. Either unset COMPUTE_RACE_DATA"
    ):
        datasets.fetch("top500")


def test_a_missing_folder_says_how_to_get_the_data(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(datasets.ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(DataError, match=r"is not a folder\. Point it at a copy of the datasets"):
        datasets.fetch("gpu_clusters")


def test_unknown_dataset() -> None:
    with pytest.raises(DataError, match="unknown dataset 'nope'"):
        datasets.fetch("nope")


def _clusters_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Name": ["A", "B"],
            "Status": ["Existing", "Planned"],
            "Country": ["X", "Y"],
            "Sector": ["Public", "Private"],
            "Owner": ["o", "p"],
            "H100 equivalents": [10.0, 20.0],
            "Chip type (primary)": ["c", "d"],
            "Chip quantity (primary)": [10.0, 20.0],
            "Power Capacity (MW)": [1.0, 2.0],
            "16-bit OP/s": [1e15, 2e15],
            "First Operational Date": ["2024-01-01", None],
            "Single cluster?": ["Yes", "No"],
            "Include in Standard Analysis": [True, None],
            "Superseded by": [None, None],
        }
    )


def test_schema_error_names_file_row_and_column() -> None:
    frame = _clusters_frame()
    frame.loc[1, "Chip quantity (primary)"] = -5.0
    with pytest.raises(DataError) as info:
        loaders._validated(frame, loaders._CLUSTERS_SCHEMA, "gpu_clusters.csv")
    assert (
        "gpu_clusters.csv: row 2, column 'Chip quantity (primary)': fails greater_than_or_equal_to(0) (value -5.0)"
        in str(info.value)
    )


def test_schema_error_names_a_missing_column() -> None:
    frame = _clusters_frame().drop(columns=["Status"])
    with pytest.raises(DataError, match=r"gpu_clusters\.csv: missing column 'Status'"):
        loaders._validated(frame, loaders._CLUSTERS_SCHEMA, "gpu_clusters.csv")


def test_top500_loads_with_units(data_folder: Path, monkeypatch) -> None:
    monkeypatch.setenv(datasets.ENV_VAR, str(data_folder))
    top = loaders.load_top500()
    assert len(top) == 500 and list(top["rank"]) == list(range(1, 501))
    # Spot checks against ../shared/data/README.md (read off top500.org's list, not our output).
    el_capitan = top.iloc[0]
    assert el_capitan["name"] == "El Capitan"
    assert el_capitan["rmax_flops"] == pytest.approx(1.742e18)
    assert el_capitan["power_w"] == pytest.approx(29.6e6, rel=1e-3)
    jupiter = top[top["rank"] == 4].iloc[0]
    assert jupiter["name"] == "JUPITER Booster"
    assert jupiter["rmax_flops"] == pytest.approx(793.4e15)
    assert jupiter["power_w"] == pytest.approx(13.09e6, rel=1e-3)
    # Only 213 systems report power (README).
    assert top["power_w"].notna().sum() == 213


def test_gpu_clusters_load_with_clean_names(data_folder: Path, monkeypatch) -> None:
    monkeypatch.setenv(datasets.ENV_VAR, str(data_folder))
    clusters = loaders.load_gpu_clusters()
    assert len(clusters) == 786
    jupiter = clusters[clusters["name"] == "Jupiter, Jülich"].iloc[0]
    assert jupiter["chips"] == 23536 and jupiter["chip"] == "NVIDIA GH200"
    assert jupiter["power_w"] == pytest.approx(18e6)
    assert clusters["status"].value_counts().to_dict() == {
        "Existing": 609,
        "Planned": 171,
        "Decommissioned": 6,
    }
