"""Reading text files strictly: UTF-8 or a clear error naming the file, line and byte."""

from __future__ import annotations

from pathlib import Path

from helpers.errors import ComputeRaceError


def read_utf8(path: Path, error: type[ComputeRaceError]) -> str:
    """The text of ``path``; raises ``error`` naming the file, line and byte if not UTF-8.

    A UTF-8 byte-order mark, which some editors write, is dropped.
    """
    return decode_utf8(read_bytes(path, error), path, error)


def read_bytes(path: Path, error: type[ComputeRaceError]) -> bytes:
    """The bytes of ``path``; raises ``error`` naming the file if there is no such file."""
    if not path.is_file():
        raise error(f"{path}: no such file")
    return path.read_bytes()


def decode_utf8(raw: bytes, path: Path, error: type[ComputeRaceError]) -> str:
    """``raw`` (the bytes of ``path``) as text, its UTF-8 byte-order mark dropped; raises
    ``error`` naming the file, line and byte if it is not UTF-8."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise error(f"{path}: not valid UTF-8 at byte {err.start} (line {line})") from None
