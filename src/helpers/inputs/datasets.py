"""The external datasets: a registry and checksum-verified fetching (the loaders that
validate and tidy each file are in :mod:`helpers.inputs.loaders`).

The datasets (Epoch AI's databases, CC BY 4.0; the June 2025 TOP500 list) are never
committed. Each is pinned to an immutable URL and a sha256. :func:`fetch` either reads
them from a local folder named by the environment variable ``COMPUTE_RACE_DATA`` (the
layout of ``../shared/data``: ``epoch/…`` and ``top500/…``), or downloads them with
:mod:`pooch` into a cache. Either way the sha256 is checked before a byte is parsed, and a
mismatch is an error naming the file: a bad file is never used.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

with warnings.catch_warnings():
    # pooch imports tqdm.auto, which warns inside a kernel that has no ipywidgets.
    warnings.simplefilter("ignore")
    import pooch

from helpers.errors import DataError

#: The environment variable naming a local folder that holds the datasets.
ENV_VAR = "COMPUTE_RACE_DATA"
#: The environment variable naming the download cache (default: the OS cache folder).
CACHE_VAR = "COMPUTE_RACE_CACHE"


@dataclass(frozen=True)
class Dataset:
    """One external dataset, as pinned in ``../shared/data/README.md``."""

    key: str
    #: Path below the data folder, e.g. ``epoch/gpu_clusters.csv``.
    filename: str
    title: str
    publisher: str
    #: Immutable download URL (a commit-pinned mirror of the publisher's file).
    url: str
    #: The publisher's own URL for the file or its landing page: cite this one.
    canonical_url: str
    sha256: str
    licence: str
    #: The attribution the licence requires, in the publisher's own words.
    attribution: str
    #: The publisher's snapshot date (ISO), which is the date of the data.
    snapshot_date: str
    rows: int
    columns: int

    @property
    def citation(self) -> str:
        """A one-line citation for captions: publisher, title and snapshot date."""
        name = (
            self.title
            if self.title.startswith(self.publisher)
            else f"{self.publisher}, {self.title}"
        )
        return f"{name} (snapshot {self.snapshot_date})"


_EPOCH_LICENCE = "CC BY 4.0"

DATASETS: dict[str, Dataset] = {
    d.key: d
    for d in (
        Dataset(
            key="notable_models",
            filename="epoch/notable_ai_models.csv",
            title="Notable AI Models",
            publisher="Epoch AI",
            url="https://raw.githubusercontent.com/spragada4/ai-energy-explorer/"
            "22699c8b2572068706dedd4397c1bff5e8dadf80/data/raw/notable_ai_models.csv",
            canonical_url="https://epoch.ai/data/ai-models",
            sha256="c5a262f52d614d11d7b6f0e5e2ac07d3501cfd7d325d92895bb2c5a9190ed860",
            licence=_EPOCH_LICENCE,
            attribution="Epoch AI, 'Data on AI Models'. Published online at epoch.ai. "
            "Retrieved from 'https://epoch.ai/data/ai-models' [online resource].",
            snapshot_date="2026-07-19",
            rows=1036,
            columns=47,
        ),
        Dataset(
            key="large_scale_models",
            filename="epoch/large_scale_ai_models.csv",
            title="Large-Scale AI Models",
            publisher="Epoch AI",
            url="https://raw.githubusercontent.com/sidx04/karma-police/"
            "f94545f68e7e250a1b9e2017ad47e46c2c074f0a/ai_models/large_scale_ai_models.csv",
            canonical_url="https://epoch.ai/data/large-scale-ai-models",
            sha256="75dbf988dc4cb540bdb1d275b8c0e3c7a0ac34e0d4ba456716cb631a2e30ab29",
            licence=_EPOCH_LICENCE,
            attribution="Epoch AI, 'Data on AI Models'. Published online at epoch.ai. "
            "Retrieved from 'https://epoch.ai/data/ai-models' [online resource].",
            snapshot_date="2026-02-01",
            rows=484,
            columns=34,
        ),
        Dataset(
            key="ml_hardware",
            filename="epoch/ml_hardware.csv",
            title="Machine Learning Hardware",
            publisher="Epoch AI",
            url="https://raw.githubusercontent.com/spragada4/ai-energy-explorer/"
            "22699c8b2572068706dedd4397c1bff5e8dadf80/data/raw/ml_hardware.csv",
            canonical_url="https://epoch.ai/data/machine-learning-hardware",
            sha256="a72edaf105f6eb178ef7206671e7828c2ccc5f534fecea8e1429411ad05efd94",
            licence=_EPOCH_LICENCE,
            attribution="Epoch AI, 'Data on Machine Learning Hardware'. Published online at "
            "epoch.ai. Retrieved from 'https://epoch.ai/data/machine-learning-hardware' "
            "[online resource].",
            snapshot_date="2026-07-18",
            rows=176,
            columns=39,
        ),
        Dataset(
            key="gpu_clusters",
            filename="epoch/gpu_clusters.csv",
            title="GPU Clusters",
            publisher="Epoch AI",
            url="https://raw.githubusercontent.com/kitwebster-art/compute-atlas/"
            "83728e7f18487cf5f54d40d4bfef93c0aaac0b45/gpu_clusters.csv",
            canonical_url="https://epoch.ai/data/gpu-clusters",
            sha256="49ea044330065e4d00569be51e04e5a979f81fdf3359ff68fdcdd6620fde8124",
            licence=_EPOCH_LICENCE,
            attribution="Konstantin Pilz, Robi Rahman, James Sanders, Lennart Heim, 'Trends "
            "in AI Supercomputers'. Published online at epoch.ai. Retrieved from "
            "'https://epoch.ai/data/ai-supercomputers' [online resource].",
            snapshot_date="2026-04-24",
            rows=786,
            columns=57,
        ),
        Dataset(
            key="chip_owners",
            filename="epoch/nvidia_owners_cumulative_totals.csv",
            title="AI Chip Owners (cumulative NVIDIA compute)",
            publisher="Epoch AI",
            url="https://raw.githubusercontent.com/epoch-research/ai-chip-counts/"
            "c1b3c463b60f4d885394da6ab3c588b345044c18/owners_csv_export/"
            "nvidia_owners_cumulative_totals.csv",
            canonical_url="https://epoch.ai/data/ai-chip-owners",
            sha256="b3f4e74e31e1c89aa1469e48990756d310779dfb4f4038d9a13f491769c3dedb",
            licence=_EPOCH_LICENCE + " (the file also under MIT, (c) 2025 Epoch AI)",
            attribution="Epoch AI, 'Data on AI Chip Owners', https://epoch.ai/data/ai-chip-owners",
            snapshot_date="2026-04-15",
            rows=102,
            columns=20,
        ),
        Dataset(
            key="top500",
            filename="top500/TOP500_202506.xlsx",
            title="TOP500 List, June 2025",
            publisher="TOP500",
            url="https://raw.githubusercontent.com/tommygorham/top500/"
            "937efef30c296a373e58255b4323b8e75f073754/datasets/june2025.xlsx",
            canonical_url="https://www.top500.org/lists/top500/2025/06/",
            sha256="edc49f63212947f74c876b603756e3120af97912b457556e81b89b3275841181",
            licence="No open licence stated; the book publishes derived statistics and "
            "sublists only, as TOP500 permits",
            attribution="TOP500 List, June 2025, www.top500.org",
            snapshot_date="2025-06-10",
            rows=500,
            columns=38,
        ),
    )
}


def _cache_dir() -> Path:
    configured = os.environ.get(CACHE_VAR)
    return Path(configured) if configured else Path(pooch.os_cache("compute-race"))


def _how_to_get(ds: Dataset) -> str:
    return (
        f"Either unset {ENV_VAR} so the book downloads it from {ds.url}, "
        f"or put a copy of {ds.canonical_url} at that path."
    )


def _verify(path: Path, ds: Dataset) -> None:
    actual = pooch.file_hash(str(path), alg="sha256")
    if actual != ds.sha256:
        raise DataError(
            f"{path}: sha256 {actual} does not match the pinned {ds.sha256} for {ds.filename}; "
            "the file was not used. " + _how_to_get(ds)
        )


@cache
def fetch(key: str) -> Path:
    """Return the local path of dataset ``key``, verified against its pinned sha256.

    With ``COMPUTE_RACE_DATA`` set, the file is read from that folder; otherwise it is
    downloaded once into the cache (``COMPUTE_RACE_CACHE`` or the OS cache folder).
    """
    try:
        ds = DATASETS[key]
    except KeyError:
        raise DataError(
            f"unknown dataset {key!r}: known are {', '.join(sorted(DATASETS))}"
        ) from None
    local = os.environ.get(ENV_VAR)
    if local:
        folder = Path(local)
        if not folder.is_dir():
            raise DataError(
                f"{ENV_VAR}={local} is not a folder. Point it at a copy of the datasets "
                "(the layout of data/README.md: epoch/… and top500/…), or unset it to download them."
            )
        path = folder / ds.filename
        if not path.is_file():
            raise DataError(f"{path} is missing. " + _how_to_get(ds))
        _verify(path, ds)
        return path
    try:
        downloaded = pooch.retrieve(
            ds.url,
            known_hash=f"sha256:{ds.sha256}",
            fname=ds.filename.replace("/", "__"),
            path=_cache_dir(),
        )
    except ValueError as err:  # pooch's checksum mismatch; it deletes the bad download
        raise DataError(
            f"{ds.filename}: download failed its checksum ({err}); the file was not used."
        ) from None
    except OSError as err:  # no network, DNS failure, HTTP error
        raise DataError(
            f"{ds.filename}: could not download {ds.url} ({err}). "
            f"Set {ENV_VAR} to a folder holding the datasets to work offline."
        ) from None
    return Path(downloaded)


def sources_markdown(keys: list[str]) -> str:
    """A Markdown list citing datasets ``keys``: attribution, licence, snapshot and checksum."""
    lines = []
    for key in keys:
        ds = DATASETS[key]
        lines.append(
            f"- **{ds.publisher}, *{ds.title}*** — {ds.attribution} Licence: {ds.licence}. "
            f"Snapshot {ds.snapshot_date}; file `{ds.filename}`, sha256 `{ds.sha256[:16]}…`, "
            f"used unchanged. <{ds.canonical_url}>"
        )
    return "\n".join(lines)
