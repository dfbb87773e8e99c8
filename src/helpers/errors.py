"""The book's error types, and one-line descriptions of schema failures.

Every error a reader can cause (a bad parameter, a malformed table, a missing dataset,
an unreadable article) is one of these, with a message that names the file, row and
column or the parameter and what is allowed.
"""

from __future__ import annotations

import pandera.pandas as pa


class ComputeRaceError(Exception):
    """Base class: an error in the book's inputs, explained in one line."""


class DataError(ComputeRaceError):
    """A dataset or data table is missing, fails its checksum or breaks its schema."""


class ParameterError(ComputeRaceError):
    """A notebook parameter has an unknown name, a wrong type or a value out of range."""


class ArticleError(ComputeRaceError):
    """An article is missing, empty or not UTF-8."""


def describe_schema_errors(
    err: pa.errors.SchemaErrors | pa.errors.SchemaError, where: str, max_items: int = 5
) -> str:
    """Turn a pandera failure into lines naming the file, the data row and the column.

    Rows are counted from 1 over data rows (the header is not a row), as a spreadsheet
    user would count them below the header.
    """
    cases = getattr(err, "failure_cases", None)
    if cases is None or len(cases) == 0:
        return f"{where}: {err}"
    lines: list[str] = []
    for case in cases.head(max_items).itertuples(index=False):
        column = getattr(case, "column", None)
        check = getattr(case, "check", "")
        index = getattr(case, "index", None)
        failure = getattr(case, "failure_case", None)
        if check == "column_in_dataframe":
            lines.append(f"{where}: missing column {failure!r}")
            continue
        row = f"row {int(index) + 1}" if index is not None and index == index else "every row"
        lines.append(f"{where}: {row}, column {column!r}: fails {check} (value {failure!r})")
    more = len(cases) - max_items
    if more > 0:
        lines.append(f"… and {more} more")
    return "\n".join(lines)
