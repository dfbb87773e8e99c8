"""The book's error types, and one-line descriptions of schema failures.

Every error a reader can cause (a bad parameter, a malformed table, a missing dataset,
an unreadable article) is one of these, with a message that names the file, row and
column or the parameter and what is allowed.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

if TYPE_CHECKING:  # imported by the loaders that raise its errors; not at every start-up
    import pandera.pandas as pa


class ComputeRaceError(Exception):
    """Base class: an error in the book's inputs, explained in one line."""


class DataError(ComputeRaceError):
    """A dataset or data table is missing, fails its checksum or breaks its schema."""


class ParameterError(ComputeRaceError):
    """A notebook parameter has an unknown name, a wrong type or a value out of range."""


class ArticleError(ComputeRaceError):
    """An article is missing, empty or not UTF-8."""


class _Case(NamedTuple):
    """One row of pandera's failure cases."""

    column: str
    check: str
    row: int | None
    value: object
    frame: bool


class StorageError(ComputeRaceError):
    """The disk is full, the checkout is read-only or a folder is not writable."""

    _REASONS: ClassVar[dict[int, str]] = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "no permission to write there",
        errno.EPERM: "no permission to write there",
    }

    @classmethod
    def from_os_error(cls, err: OSError, what: str, path: Path) -> StorageError:
        """One line naming the path that could not be written, what was being written there,
        and why; the last good book is unchanged (it is only ever replaced in one step)."""
        where = err.filename or path
        reason = cls._REASONS.get(err.errno or 0, err.strerror or type(err).__name__)
        return cls(
            f"{where}: cannot write {what}: {reason} ({err.strerror}); "
            "the last good book is unchanged"
        )


def _row_number(index: object) -> int | None:
    """A pandera failure's index as a row counted from 1 over data rows; None when the
    failure is not about one row (a missing column, a table-wide check)."""
    if index is None or index != index:  # None or NaN
        return None
    try:
        return int(index) + 1  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _rows_text(rows: list[int]) -> str:
    shown = ", ".join(map(str, rows[:5]))
    more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
    return f"row {shown}" if len(rows) == 1 else f"rows {shown}{more}"


def describe_schema_errors(
    err: pa.errors.SchemaErrors | pa.errors.SchemaError, where: str, max_items: int = 8
) -> str:
    """Turn a pandera failure into lines naming the file, the data row and the column: one
    line per failed rule, the rules that name a row first, each line starting with the row
    and the column, then the rule and the value found.

    Rows are counted from 1 over data rows (the header is not a row), as a spreadsheet
    user would count them below the header. A check that fails only because a value could
    not be read as a number (pandera then reports a ``TypeError`` for the whole column) is
    left out when the unreadable value itself is reported, and so is a dtype failure beside
    the coercion failure of the same cell.
    """
    cases = getattr(err, "failure_cases", None)
    if cases is None or len(cases) == 0:
        return f"{where}: {' '.join(str(err).split())}"
    records = [
        _Case(
            column=str(getattr(c, "column", None)),
            check=str(getattr(c, "check", "")),
            row=_row_number(getattr(c, "index", None)),
            value=getattr(c, "failure_case", None),
            frame=getattr(c, "schema_context", "") == "DataFrameSchema",
        )
        for c in cases.itertuples(index=False)
    ]
    coerced = {(r.column, r.row) for r in records if r.check.startswith("coerce_dtype")}

    def consequence(r: _Case) -> bool:
        if r.check.startswith("dtype(") and (r.column, r.row) in coerced:
            return True
        return bool(coerced) and r.row is None and str(r.value).startswith("TypeError(")

    lines: list[tuple[int, str]] = []
    groups: dict[tuple[str | None, str], list[_Case]] = {}
    for r in records:
        if r.check == "column_in_dataframe":
            lines.append((0, f"{where}: missing column {r.value!r}"))
        elif not consequence(r):
            groups.setdefault((None if r.frame else r.column, r.check), []).append(r)
    for (column, check), group in groups.items():
        rows = sorted({r.row for r in group if r.row is not None})
        first_row = rows[0] if rows else None
        if column is None:  # a rule over several columns: name those its name mentions
            named = [c for c in dict.fromkeys(r.column for r in group) if c in check]
            values = ", ".join(
                f"{r.column} = {r.value!r}"
                for r in group
                if r.row == first_row and r.column in named
            )
            place = _rows_text(rows) if rows else "the table"
            columns = f", columns {', '.join(map(repr, named))}" if named else ""
            found = f" ({values})" if values else ""
            lines.append(
                (rows[0] if rows else 10**9, f"{where}: {place}{columns}: fails {check}{found}")
            )
            continue
        value = next((r.value for r in group if r.row == first_row), None)
        place = _rows_text(rows) if rows else "every row"
        lines.append(
            (
                rows[0] if rows else 10**9,
                f"{where}: {place}, column {column!r}: fails {check} (value {value!r})",
            )
        )
    lines.sort(key=lambda line: line[0])
    text = [line for _, line in lines[:max_items]]
    if len(lines) > max_items:
        text.append(f"… and {len(lines) - max_items} more failed rules")
    return "\n".join(text)
