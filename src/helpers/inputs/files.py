"""Reading text files strictly: UTF-8 or a clear error naming the file, line and byte."""

from __future__ import annotations

from pathlib import Path

from helpers.errors import ComputeRaceError


def read_utf8(path: Path, error: type[ComputeRaceError]) -> str:
    """The text of ``path``; raises ``error`` naming the file, line and byte if not UTF-8.

    A UTF-8 byte-order mark, which some editors write, is dropped.
    """
    if not path.is_file():
        raise error(f"{path}: no such file")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise error(f"{path}: not valid UTF-8 at byte {err.start} (line {line})") from None
