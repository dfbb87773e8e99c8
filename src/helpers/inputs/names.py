"""The names a parameter may take that the data decide: the Epoch AI models with a training
compute, the accelerators of Epoch AI's hardware table.

They are registered with :data:`helpers.params.NAME_SOURCES` when ``helpers.inputs`` is
imported, so that a parameter declared with :func:`helpers.params.names_from` is checked when
the parameters are validated, before anything is computed: a misspelt model in
``reference_models`` stops the run in its first cell, in one line, not eight cells later.
"""

from __future__ import annotations

import functools

import pandas as pd

from helpers import params


@functools.cache
def notable_models_with_compute() -> frozenset[str]:
    """Epoch AI's notable models that have a training compute."""
    from helpers.inputs import loaders

    models = loaders.load_notable_models()
    return frozenset(models.loc[models["training_flop"].notna(), "model"].astype(str))


@functools.cache
def accelerators() -> frozenset[str]:
    """The names of Epoch AI's machine-learning hardware table."""
    from helpers.inputs import loaders

    hardware: pd.DataFrame = loaders.load_ml_hardware()
    return frozenset(hardware["name"].astype(str))


params.NAME_SOURCES.update(
    {
        "notable_models_with_compute": (
            notable_models_with_compute,
            "Epoch AI's notable models with a training compute",
        ),
        "accelerators": (accelerators, "Epoch AI's hardware table (its 'Hardware name' column)"),
    }
)
