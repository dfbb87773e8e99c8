"""The parameter contract: bad names, types and values fail in one line; notebooks match it."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import typing
from typing import Literal

import nbformat
import pytest

from helpers.errors import ParameterError
from helpers.params import SPECS, allowed, check_overrides
from helpers.paths import NOTEBOOKS


def test_defaults_are_valid() -> None:
    for notebook, model in SPECS.items():
        assert check_overrides(notebook, {}) == model()


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"top_nn": 50}, "germany_jupiter: unknown parameter 'top_nn'; the parameters are: top_n,"),
        (
            {"top_n": "50"},
            "germany_jupiter: parameter 'top_n' = '50' is not allowed: expected int >= 10 and <= 500",
        ),
        (
            {"top_n": 5},
            "germany_jupiter: parameter 'top_n' = 5 is not allowed: expected int >= 10 and <= 500",
        ),
        ({"top_n": 50.0}, "parameter 'top_n' = 50.0 is not allowed"),
        ({"highlight_continent": "Africa"}, "expected one of 'Europe', 'Asia', 'North America'"),
        (
            {"n_clusters": 61},
            "parameter 'n_clusters' = 61 is not allowed: expected int >= 5 and <= 60",
        ),
    ],
)
def test_bad_parameters_fail_in_one_line(overrides: dict[str, object], expected: str) -> None:
    with pytest.raises(ParameterError) as info:
        check_overrides("germany_jupiter", overrides)
    message = str(info.value)
    assert expected in message
    assert "\n" not in message


def test_unknown_notebook() -> None:
    with pytest.raises(ParameterError, match="unknown notebook 'nope'"):
        check_overrides("nope", {})


def test_allowed_names_unit_and_range() -> None:
    assert allowed(SPECS["germany_jupiter"], "top_n") == (
        "int >= 10 and <= 500 (systems of the TOP500 list in the chart, by rank (count))"
    )


def _parameters_cell(stem: str) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"{stem}: expected one cell tagged parameters, found {len(cells)}"
    return cells[0]


@pytest.mark.parametrize("stem", sorted(SPECS))
def test_parameters_cell_holds_documented_literals_equal_to_the_contract(stem: str) -> None:
    cell = _parameters_cell(stem)
    tree = ast.parse(cell.source)
    values: dict[str, object] = {}
    for node in tree.body:
        assert isinstance(node, ast.Assign), f"{stem}: only assignments in the parameters cell"
        (target,) = node.targets
        assert isinstance(target, ast.Name)
        values[target.id] = ast.literal_eval(node.value)  # literals only
    model = SPECS[stem]
    assert values == model().model_dump()
    for line in cell.source.splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            assert "#" in line, f"{stem}: parameter line without a comment: {line!r}"


def test_papermill_with_a_bad_value_fails_with_the_one_line_message(tmp_path, data_folder) -> None:
    """A real papermill run: the kernel's error output is exactly the one-line message."""
    out = tmp_path / "out.ipynb"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            str(NOTEBOOKS / "germany_jupiter.ipynb"),
            str(out),
            "-p",
            "top_n",
            "5",
            "--cwd",
            str(NOTEBOOKS),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    nb = json.loads(out.read_text())
    errors = [
        o
        for c in nb["cells"]
        if c["cell_type"] == "code"
        for o in c.get("outputs", [])
        if o["output_type"] == "error"
    ]
    assert len(errors) == 1
    assert errors[0]["traceback"] == [
        "ParameterError: germany_jupiter: parameter 'top_n' = 5 is not allowed: "
        "expected int >= 10 and <= 500 (systems of the TOP500 list in the chart, by rank (count))"
    ]


def _kernel_outputs(*cells: str) -> list[list[dict]]:
    """Run ``cells`` in one real kernel, as Run All does, and return each cell's outputs."""
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=True).execute()
    return [c.outputs for c in nb.cells]


PARAMETERS = "# Parameters: as in every notebook\ntop_n = {top_n}  # systems"
# As in every notebook, helpers.inputs is imported before validate() (it registers the name
# lists that reference_models is checked against).
VALIDATE = "import helpers.inputs\nfrom helpers.params import validate\nparams = validate('germany_jupiter', globals())\nprint(params.top_n)"


@pytest.mark.slow
def test_run_all_twice_in_one_kernel_with_an_edited_parameter() -> None:
    """A second Run All sees the globals of the first (``params``, ``VALIDATE``…): only the
    parameters cell and papermill's injected cell count, so it validates the new value."""
    outputs = _kernel_outputs(
        PARAMETERS.format(top_n=100),
        VALIDATE,
        "leftover = 1",
        PARAMETERS.format(top_n=50),
        VALIDATE,
    )
    assert [o["text"] for o in outputs[1]] == ["100\n"]
    assert [o["text"] for o in outputs[4]] == ["50\n"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            (PARAMETERS.format(top_n=100), "# Parameters\ntop_nn = 5\n", VALIDATE),
            "germany_jupiter: unknown parameter 'top_nn'; the parameters are: top_n,",
        ),
        (
            (PARAMETERS.format(top_n=100) + "\nutilization = 0.3", VALIDATE),
            "germany_jupiter: unknown parameter 'utilization'",
        ),
        (
            (PARAMETERS.format(top_n=100), "# Parameters\ntop_n = 5\n", VALIDATE),
            "germany_jupiter: parameter 'top_n' = 5 is not allowed",
        ),
    ],
)
def test_a_wrong_name_from_papermill_or_the_cell_is_one_line_in_the_kernel(cells, expected) -> None:
    errors = [o for o in _kernel_outputs(*cells)[-1] if o["output_type"] == "error"]
    assert len(errors) == 1
    assert len(errors[0]["traceback"]) == 1 and expected in errors[0]["traceback"][0]


_NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?(?:\*\*\d+(?:\s*-\s*1)?)?", re.I)


def _numbers(text: str) -> set[float]:
    """The numbers a comment writes, however it writes them: 1,000, 1e8, 2**32 - 1."""
    found = set()
    for token in _NUMBER.findall(text):
        expression = ast.parse(token.replace(",", ""), mode="eval")
        found.add(float(eval(compile(expression, "<comment>", "eval"), {"__builtins__": {}})))
    return found


@pytest.mark.parametrize("stem", sorted(SPECS))
def test_each_parameter_comment_states_the_declared_range_and_choices(stem: str) -> None:
    """The range or choices a reader sees in the parameters cell are the declared ones: every
    bound of the declaration (ge/gt/le/lt, a list's length) is a number of the comment, and
    every choice of a Literal is quoted in it (a long list may point to helpers.params)."""
    comments = dict(re.findall(r"^(\w+)\s*=.*?#\s*(.*)$", _parameters_cell(stem).source, re.M))
    problems = []
    for name, field in SPECS[stem].model_fields.items():
        comment = comments.get(name, "")
        bounds = [
            getattr(meta, a)
            for meta in field.metadata
            for a in ("ge", "gt", "le", "lt", "min_length", "max_length")
            if getattr(meta, a, None) is not None
        ]
        problems += [
            f"{name}: bound {b} not in {comment!r}"
            for b in bounds
            if float(b) not in _numbers(comment)
        ]
        if getattr(field.annotation, "__origin__", None) is Literal:
            choices = typing.get_args(field.annotation)
            if len(choices) > 4 and "helpers.params" in comment:
                continue
            problems += [
                f"{name}: choice {c!r} not in {comment!r}"
                for c in choices
                if f'"{c}"' not in comment and str(c) not in comment
            ]
    assert problems == [], f"{stem}: " + "; ".join(problems)


def test_a_name_the_data_do_not_know_is_refused_when_validating(data_folder) -> None:
    """A misspelt model or chip stops the run where the parameters are checked, before any
    cell computes, in one line that names the parameter and the unknown names."""
    import helpers.inputs  # noqa: F401 (registers the name lists, as every notebook does)

    with pytest.raises(ParameterError) as info:
        check_overrides("germany_jupiter", {"reference_models": ["DeepSeek-V3", "GPT-9 (2031)"]})
    assert str(info.value).startswith(
        "germany_jupiter: parameter 'reference_models': ['GPT-9 (2031)'] not in Epoch AI's "
        "notable models with a training compute (names as written there, e.g. "
    )
    assert "\n" not in str(info.value)
    with pytest.raises(ParameterError, match=r"parameter 'chips': \['No such chip'\] not in"):
        check_overrides(
            "china_gpus", {"chips": ["NVIDIA B200", "No such chip", "NVIDIA H100 SXM5 80GB"]}
        )
    assert check_overrides("germany_jupiter", {"reference_models": ["DeepSeek-V3"]})


def test_a_huge_value_is_shortened_in_the_one_line() -> None:
    with pytest.raises(ParameterError) as info:
        check_overrides("germany_jupiter", {"top_n": list(range(100_000))})
    message = str(info.value)
    assert len(message) < 300 and "\n" not in message
    assert "(100,000 items, 688,890 characters)" in message
    assert message.endswith(
        "expected int >= 10 and <= 500 (systems of the TOP500 list in the chart, by rank (count))"
    )
