"""The parameter contract of each notebook.

Each notebook has one cell tagged ``parameters`` holding literals. The names, types,
units and allowed ranges of those literals are declared here, once, as a pydantic model
per notebook, so that:

- the notebook validates what papermill injected (:func:`validate`) before it computes
  anything, and stops with one line naming the parameter and what is allowed;
- a run or a scenario can be checked before a kernel starts (:func:`check_overrides`);
- a test keeps the literals in the notebook equal to the defaults declared here.

papermill alone only warns about an unknown name; here it is an error.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from helpers.errors import ParameterError


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class GermanyJupiter(_Params):
    """Parameters of ``notebooks/germany_jupiter.ipynb``."""

    top_n: int = Field(
        100, ge=10, le=500, description="systems of the TOP500 list in the chart, by rank (count)"
    )
    highlight_continent: Literal["Europe", "Asia", "North America"] = Field(
        "Europe", description="continent coloured in the charts"
    )
    n_clusters: int = Field(
        20, ge=5, le=60, description="AI clusters in the comparison chart, largest first (count)"
    )


#: Notebook stem -> its parameter model.
SPECS: dict[str, type[_Params]] = {
    "germany_jupiter": GermanyJupiter,
}


def _spec(notebook: str) -> type[_Params]:
    try:
        return SPECS[notebook]
    except KeyError:
        raise ParameterError(
            f"unknown notebook {notebook!r}: known are {', '.join(sorted(SPECS))}"
        ) from None


def allowed(model: type[_Params], name: str) -> str:
    """Describe what parameter ``name`` accepts: type, range and meaning."""
    field = model.model_fields[name]
    kind = getattr(field.annotation, "__name__", str(field.annotation))
    bounds: list[str] = []
    for meta in field.metadata:
        for attr, sign in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
            value = getattr(meta, attr, None)
            if value is not None:
                bounds.append(f"{sign} {value}")
    choices = getattr(field.annotation, "__args__", None)
    if choices and getattr(field.annotation, "__origin__", None) is Literal:
        kind = "one of " + ", ".join(repr(c) for c in choices)
    rng = f" {' and '.join(bounds)}" if bounds else ""
    return f"{kind}{rng} ({field.description})"


def _one_line(model: type[_Params], notebook: str, err: ValidationError) -> str:
    first = err.errors()[0]
    name = str(first["loc"][0]) if first["loc"] else "?"
    if first["type"] == "extra_forbidden":
        names = ", ".join(model.model_fields)
        return f"{notebook}: unknown parameter {name!r}; the parameters are: {names}"
    value = first.get("input")
    return f"{notebook}: parameter {name!r} = {value!r} is not allowed: expected {allowed(model, name)}"


def check_overrides(notebook: str, overrides: dict[str, Any]) -> _Params:
    """Validate parameter overrides for ``notebook`` without running it."""
    model = _spec(notebook)
    try:
        return model(**overrides)
    except ValidationError as err:
        raise ParameterError(_one_line(model, notebook, err)) from None


def _user_names(namespace: dict[str, Any]) -> dict[str, Any]:
    """The names a notebook's cells defined, without IPython's own (``In``, ``Out``, …)."""
    hidden: set[str] = set()
    try:
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            hidden = set(shell.user_ns_hidden)
    except ImportError:  # pragma: no cover - IPython is always there in a kernel
        pass
    return {
        k: v
        for k, v in namespace.items()
        if not k.startswith("_") and k not in hidden and not callable(v) and not _is_module(v)
    }


def _is_module(value: Any) -> bool:
    return type(value).__name__ == "module"


def validate(notebook: str, namespace: dict[str, Any]) -> _Params:
    """Validate the parameters defined in a notebook's namespace (pass ``globals()``).

    Call it in the cell right after the ``parameters`` cell (and papermill's injected
    cell), before anything else is defined. Inside a kernel, a failure shows as one line.
    """
    _install_one_line_errors()
    return check_overrides(notebook, _user_names(namespace))


def _install_one_line_errors() -> None:
    """Make IPython show a ParameterError (or any book error) as one line, no traceback."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is None:
        return
    from helpers.errors import ComputeRaceError

    def _handler(
        self: Any, etype: type[BaseException], value: BaseException, tb: Any, tb_offset: Any = None
    ) -> None:
        # IPython calls this instead of printing a traceback; _showtraceback sends the error
        # to the front end (and to papermill) with this one line as its whole traceback.
        self._showtraceback(etype, value, [f"{etype.__name__}: {value}"])

    shell.set_custom_exc((ComputeRaceError,), _handler)
