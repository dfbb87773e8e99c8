"""The outputs stored in notebooks/*.ipynb are what readers of a notebook see (on GitHub, in
JupyterLab before they run anything, in nbconvert's HTML): no warning, error or traceback, no
path of the machine that ran it, and every chart with a static image beside it.

Reads the notebooks only; executes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
import pytest

from helpers.paths import NOTEBOOKS

VEGALITE = "application/vnd.vegalite.v5+json"
SVG = "image/svg+xml"
#: JupyterLab adds a PNG to a chart output without one, marking the notebook modified.
PNG = "image/png"
#: Text that has no place in a reviewed output: a warning or traceback, or where the notebook ran.
FORBIDDEN = (
    "Warning:",
    "Traceback",
    "/work/",
    "/home/",
    "/tmp/",
    "/root/",
    "site-packages",
    "C:\\",
)
#: Base64 images: their text is no message, and may spell "/tmp/" by chance.
BINARY = ("image/png", "image/jpeg", "image/gif")

NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "".join(value)
    return json.dumps(value, ensure_ascii=False)


def output_problems(nb: Any) -> list[str]:
    """Every stored output that is a stderr stream or an error, or holds forbidden text, or is
    a chart without its SVG; one line each, naming the cell (counted from 0)."""
    problems = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            where = f"cell {index} ({kind})"
            if kind == "stream" and output.get("name") == "stderr":
                problems.append(f"{where}: a stderr stream: {_text(output.get('text'))[:200]!r}")
            if kind == "error":
                problems.append(f"{where}: an error: {output.get('ename')}: {output.get('evalue')}")
            texts = [
                _text(output.get("text", "")),
                _text(output.get("traceback", [])),
                _text(output.get("evalue", "")),
            ]
            data = output.get("data", {})
            texts += [_text(value) for mime, value in data.items() if mime not in BINARY]
            for needle in FORBIDDEN:
                for text in texts:
                    if needle in text:
                        at = text.index(needle)
                        problems.append(
                            f"{where}: contains {needle!r}: {text[max(at - 80, 0) : at + 80]!r}"
                        )
                        break
            for image in (SVG, PNG):
                if VEGALITE in data and image not in data:
                    problems.append(f"{where}: a chart without its {image} image")
    return problems


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.name)
def test_stored_outputs_are_clean(path: Path) -> None:
    problems = output_problems(nbformat.read(path, as_version=4))
    assert not problems, f"notebooks/{path.name}:\n" + "\n".join(problems)


def test_the_scan_finds_what_it_must() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            outputs=[
                nbformat.v4.new_output("stream", name="stderr", text="careful"),
                nbformat.v4.new_output("stream", name="stdout", text="saved to /tmp/x.csv"),
                nbformat.v4.new_output("error", ename="ValueError", evalue="boom", traceback=[]),
                nbformat.v4.new_output(
                    "display_data",
                    data={VEGALITE: {"mark": "point"}, "text/plain": "<Altair chart>"},
                ),
                nbformat.v4.new_output("display_data", data={"text/plain": "C:\\Users\\me"}),
            ]
        ),
        nbformat.v4.new_code_cell(
            outputs=[
                nbformat.v4.new_output("stream", name="stdout", text="UserWarning: careful"),
                nbformat.v4.new_output(
                    "display_data",
                    data={
                        VEGALITE: {"mark": "point"},
                        SVG: "<svg></svg>",
                        "text/plain": "<Altair chart>",
                        "image/png": "iVBORw0KGgo/tmp/AAAA",
                    },
                ),  # base64 is not text
            ]
        ),
    ]
    problems = output_problems(nb)
    assert [p.split(":")[0] for p in problems] == [
        "cell 0 (stream)",
        "cell 0 (stream)",
        "cell 0 (error)",
        "cell 0 (display_data)",
        "cell 0 (display_data)",
        "cell 0 (display_data)",
        "cell 1 (stream)",
    ]
    assert "a stderr stream" in problems[0] and "'/tmp/'" in problems[1]
    assert "without its image/svg+xml" in problems[3] and "without its image/png" in problems[4]
    assert "'C:\\\\'" in problems[5] and "'Warning:'" in problems[6]
