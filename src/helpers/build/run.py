"""``make run NB=<notebook> P='name=value …'``: run one chapter with papermill, and on a bad
parameter or a failing cell print one line, not papermill's traceback.

The parameters are checked against the notebook's contract (:mod:`helpers.params`) before a
kernel starts, so a bad name or value stops at once with the line that names it; a cell that
fails later is reported as ``notebooks/<stem>.ipynb: cell N failed: …``. Each value is read
as YAML, as papermill's ``-y`` reads it: ``0.5`` is a number, ``true`` a boolean, ``[a, b]``
a list, anything else a string. The executed notebook is written to
``_build/run/<stem>.ipynb``. Exit status: 0 when the notebook ran, 1 otherwise.

Run it as ``python -m helpers.build.run <notebook> ['name=value' …]``.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

import yaml

from helpers.errors import ComputeRaceError, ParameterError
from helpers.params import SPECS
from helpers.paths import BUILD


def parse_assignments(words: list[str]) -> dict[str, Any]:
    """``["a=1", "b=x y"]`` (or one string of them, split as a shell would) as
    ``{"a": 1, "b": "x y"}``; a word that is not ``name=value`` is refused in one line."""
    parameters: dict[str, Any] = {}
    for word in (w for item in words for w in shlex.split(item)):
        name, sep, value = word.partition("=")
        if not sep or not name.isidentifier():
            raise ParameterError(f"parameter {word!r}: write it as name=value (e.g. top_n=10)")
        try:
            parameters[name] = yaml.safe_load(value) if value.strip() else ""
        except yaml.YAMLError:
            parameters[name] = value
    return parameters


def run(stem: str, parameters: dict[str, Any], out: Path | None = None) -> Path:
    """Execute ``notebooks/<stem>.ipynb`` with ``parameters`` into ``out``; return it."""
    from helpers.build.execute import execute

    if stem not in SPECS:
        raise ParameterError(f"unknown notebook {stem!r}: known are {', '.join(sorted(SPECS))}")
    target = out or BUILD / "run" / f"{stem}.ipynb"
    return execute(stem, target, parameters, failed=target.with_suffix(".failed.ipynb"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.build.run", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("notebook", help="a notebook's stem, e.g. germany_jupiter")
    parser.add_argument("parameters", nargs="*", help="name=value (values read as YAML)")
    parser.add_argument("--out", type=Path, help="where to write the executed notebook")
    args = parser.parse_args(argv)
    try:
        target = run(args.notebook, parse_assignments(args.parameters), args.out)
    except ComputeRaceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"ran notebooks/{args.notebook}.ipynb into {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
