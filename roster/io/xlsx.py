"""The one way text reaches a workbook cell, and the one way a workbook reaches disk.

Text from input files (names, scenario names, reasons) is always stored as a string cell,
so ``=HYPERLINK(...)`` or ``+1`` never becomes a formula; a workbook is saved through a
temporary file renamed into place, so a failed write never damages an earlier file.
"""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

MAX_TEXT = 32767
"""The most characters a worksheet cell holds."""


def clean_text(value: str) -> str:
    """Strip characters a worksheet cannot hold; input should never make the writer fail."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_TEXT]


def put(ws: Worksheet, row: int, column: int, value: Any, style: str | None = None) -> Cell:
    """Write one cell; strings are always string cells, so ``=1+1`` never becomes a formula."""
    cell = ws.cell(row=row, column=column)
    assert isinstance(cell, Cell), "never write into a merged range"
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"
    elif isinstance(value, float) and not math.isfinite(value):
        cell.value = str(value)
        cell.data_type = "s"
    else:
        cell.value = value
    if style is not None:
        cell.style = style
    return cell


def put_row(
    ws: Worksheet, row: int, values: Iterable[Any], style: str | None = None, first: int = 1
) -> None:
    """Write ``values`` along ``row`` from column ``first``, each through :func:`put`."""
    for column, value in enumerate(values, start=first):
        put(ws, row, column, value, style)


def save_workbook_atomic(wb: Workbook, path: Path) -> None:
    """Save through a temporary file in the same folder, flushed to disk, and ``os.replace``
    it into place, so a failure (a full disk, an interrupt) never leaves a half-written or
    damaged workbook."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _file_mode(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        wb.save(tmp)
        os.chmod(tmp, mode)
        with open(tmp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual rw-r--r--
    (``mkstemp`` would otherwise leave it private to the writer)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644
