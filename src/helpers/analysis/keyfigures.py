"""A chapter's key figures as data: what ``key_figures(params, inputs)`` returns.

Every chapter's analysis module has two functions that divide the work of its notebook:

- ``load_inputs() -> Inputs``: the datasets and facts it reads (slow: files, checksums,
  schemas), done once;
- ``key_figures(params, inputs) -> KeyFigures``: the chapter's headline numbers, a pure
  function of the validated parameters and those inputs (milliseconds).

The notebook calls both and prints :meth:`KeyFigures.table` (the table nbval compares); the
scenario sweep (:mod:`helpers.build.sweep`) and the sensitivity analysis
(:mod:`helpers.analysis.sensitivity`) call them without a kernel. :data:`CHAPTERS` names the
chapters that have them.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd

import helpers.inputs  # noqa: F401 (registers the name lists parameters are checked against)
from helpers.params import check_overrides

#: The chapters with a ``load_inputs`` and a ``key_figures`` in ``helpers.analysis.<stem>``:
#: the ones the sweep and the sensitivity chapter evaluate.
CHAPTERS: tuple[str, ...] = (
    "germany_jupiter",
    "eu_access",
    "ai_factories",
    "china_gpus",
    "chips_money",
)


@dataclass(frozen=True)
class Figure:
    """One key figure: a stable ``key``, the ``label`` the table prints (it may name a
    parameter's choice, such as the reference model), its ``value`` as a number, its unit,
    and how the table prints the value (:attr:`text`; formatted only when asked, as the
    sensitivity analysis, which evaluates a chapter thousands of times, never asks)."""

    key: str
    label: str
    value: float
    unit: str
    fmt: str | Callable[[float], str] = ",.2f"
    #: The value as the parameter computed it (an int stays an int for a "d" format).
    raw: Any = None

    @property
    def text(self) -> str:
        """The value as the table prints it."""
        if callable(self.fmt):
            return self.fmt(self.value)
        return format(self.value if self.raw is None else self.raw, self.fmt)


def figure(
    key: str, label: str, value: Any, unit: str, fmt: str | Callable[[float], str] = ",.2f"
) -> Figure:
    """A :class:`Figure` whose text is ``value`` formatted by ``fmt`` (a format spec, or a
    function such as a :func:`helpers.formats.number` partial)."""
    return Figure(key, label, float(value), unit, fmt, None if callable(fmt) else value)


class KeyFigures(Mapping[str, Figure]):
    """A chapter's key figures in the order the table prints them, by key."""

    def __init__(self, chapter: str, figures: Sequence[Figure]) -> None:
        self.chapter = chapter
        self._figures = {f.key: f for f in figures}
        if len(self._figures) != len(figures):
            keys = [f.key for f in figures]
            twice = sorted({k for k in keys if keys.count(k) > 1})
            raise ValueError(f"{chapter}: key figures named twice: {', '.join(twice)}")

    def __getitem__(self, key: str) -> Figure:
        return self._figures[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._figures)

    def __len__(self) -> int:
        return len(self._figures)

    def values_by_key(self) -> dict[str, float]:
        """Each figure's value, by key: what the sensitivity analysis varies."""
        return {k: f.value for k, f in self._figures.items()}

    def table(self) -> pd.DataFrame:
        """The table the notebook prints and nbval compares: figure, value (as text), unit."""
        return pd.DataFrame(
            [(f.label, f.text, f.unit) for f in self._figures.values()],
            columns=["figure", "value", "unit"],
        )

    def records(self) -> list[dict[str, str]]:
        """The results format of the sweep (``<scenario>/<stem>.json``): one record per figure
        with its label, its value as printed and its unit, plus its key and raw number."""
        return [
            {
                "figure": f.label,
                "value": f.text,
                "unit": f.unit,
                "key": f.key,
                "number": repr(f.value),
            }
            for f in self._figures.values()
        ]


class Chapter(Protocol):
    """What a chapter's analysis module offers the sweep and the sensitivity analysis."""

    def load_inputs(self) -> Any: ...

    def key_figures(self, params: Any, inputs: Any) -> KeyFigures: ...


def chapter(stem: str) -> Chapter:
    """The analysis module of chapter ``stem`` (one of :data:`CHAPTERS`)."""
    if stem not in CHAPTERS:
        raise KeyError(
            f"no key-figures function for {stem!r}: the chapters are {', '.join(CHAPTERS)}"
        )
    module: Any = importlib.import_module(f"helpers.analysis.{stem}")
    return module


@functools.cache
def chapter_inputs(stem: str) -> Any:
    """Chapter ``stem``'s inputs, loaded once per process."""
    return chapter(stem).load_inputs()


def key_figures_of(stem: str, overrides: Mapping[str, Any]) -> KeyFigures:
    """Chapter ``stem``'s key figures with ``overrides`` of its default parameters, validated
    as its notebook validates them (a bad one fails in one line naming it)."""
    params = check_overrides(stem, dict(overrides))
    return chapter(stem).key_figures(params, chapter_inputs(stem))
