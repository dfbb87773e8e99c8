"""Shared fixtures. Tests that read the real datasets need COMPUTE_RACE_DATA (make sets it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.data import ENV_VAR


@pytest.fixture(scope="session")
def data_folder() -> Path:
    """The folder holding the real datasets; the test skips with a reason when there is none."""
    folder = os.environ.get(ENV_VAR)
    if not folder:
        pytest.skip(f"{ENV_VAR} is not set: run through `make test`, which points it at the data")
    return Path(folder)
