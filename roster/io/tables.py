"""Plain tables out: a CSV file written whole or not at all."""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

FORMULA_PREFIXES = ("=", "+", "-", "@")
"""A cell starting with one of these is a formula to a spreadsheet."""


def safe_text(value: object) -> object:
    """A text cell as a spreadsheet will show it, never run it: ``=1+2`` gets a leading
    apostrophe; numbers and blanks pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv_atomic(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a UTF-8 CSV with ``header`` through a temporary file flushed to disk and renamed
    into place; text that a spreadsheet would run as a formula is written as text."""
    path = Path(path)
    fd, name = tempfile.mkstemp(
        dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp"
    )
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows([safe_text(cell) for cell in row] for row in rows)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
