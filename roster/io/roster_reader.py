"""Reading a roster workbook back: the ``Assignments`` sheet, and the words both the writer
(``roster.reports``) and the readers use for the grid (leave labels, the pending mark).

Layout contract: DESIGN.md, "A roster (output)". The ``Assignments`` sheet is the source of
truth; every other sheet is a view of it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from roster.exceptions import RosterInputError
from roster.model import OFF, Roster

__all__ = [
    "ASSIGNMENTS_SHEET",
    "ASSIGNMENT_COLUMNS",
    "LEAVE_LABELS",
    "PENDING_MARK",
    "read_assignments",
    "read_roster_assignments",
]

ASSIGNMENTS_SHEET = "Assignments"
ASSIGNMENT_COLUMNS: tuple[str, ...] = ("staff_id", "date", "shift")
LEAVE_LABELS: dict[str, tuple[str, str]] = {
    "annual": ("AL", "annual leave 年假"),
    "personal": ("PL", "personal leave 事假"),
    "special_personal": ("SP", "special personal leave 特殊事假"),
    "sick": ("SL", "sick leave 病假"),
    "emergency_sick": ("ES", "emergency sick leave 急病假"),
    "business": ("BT", "business trip 出差"),
    "study": ("ST", "study leave 学习"),
}
"""Leave type -> (label in a day cell, legend text)."""
PENDING_MARK = "*"
"""Appended to a leave label when the leave is pending and this roster can grant it."""


def open_roster_workbook(path: Path, *, read_only: bool) -> Any:
    """Open a roster workbook; any file openpyxl cannot read is one line of bad input
    naming the file (read-only for values; a full load keeps formulas for the annotated
    copy)."""
    try:
        return load_workbook(path, read_only=read_only, data_only=read_only)
    except FileNotFoundError:
        raise RosterInputError(f"roster workbook {str(path)!r} does not exist") from None
    except InvalidFileException:
        raise RosterInputError(
            f"{str(path)!r} is not an .xlsx workbook: give the roster workbook "
            "'roster solve' wrote (.xlsx)"
        ) from None
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise RosterInputError(
            f"{str(path)!r} is not a readable .xlsx workbook: the file is damaged or of "
            "another kind"
        ) from None


def read_roster_assignments(path: Path) -> Roster:
    """The roster in the ``Assignments`` sheet of a roster workbook (possibly hand-edited).

    Rows whose shift is ``OFF`` or which are wholly blank are skipped; the order of the
    sheet is kept. Two rows for one person and day are kept too: judging them is the
    checker's job (R4), not the reader's.
    """
    sheet = ASSIGNMENTS_SHEET
    path = Path(path)
    wb = open_roster_workbook(path, read_only=True)
    try:
        if sheet not in wb.sheetnames:
            raise RosterInputError(
                f"the workbook has no '{sheet}' sheet (it has: {', '.join(wb.sheetnames)})",
                sheet=sheet,
            )
        return read_assignments(wb[sheet], sheet)
    finally:
        wb.close()


def read_assignments(ws: Any, sheet: str) -> Roster:
    """The roster in an assignments table (header ``staff_id, date, shift``) of an open
    worksheet; ``sheet`` names it in errors."""
    rows = ws.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None:
        raise RosterInputError(
            f"the sheet is empty; expected a header row {', '.join(ASSIGNMENT_COLUMNS)}",
            sheet=sheet,
            row=1,
        )
    header = [str(v).strip().lower() if v is not None else "" for v in header_row]
    index: dict[str, int] = {}
    for name in ASSIGNMENT_COLUMNS:
        if name not in header:
            raise RosterInputError(
                f"missing column '{name}'; expected columns {', '.join(ASSIGNMENT_COLUMNS)}",
                sheet=sheet,
                row=1,
                column=name,
            )
        index[name] = header.index(name)
    out: list[tuple[str, dt.date, str]] = []
    for number, values in enumerate(rows, start=2):
        cells = [values[index[n]] if index[n] < len(values) else None for n in ASSIGNMENT_COLUMNS]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        staff_id = _text_cell(cells[0], sheet, number, "staff_id", "a staff id")
        day = _date_cell(cells[1], sheet, number)
        shift = _text_cell(cells[2], sheet, number, "shift", "a shift code")
        if shift.upper() == OFF:
            continue
        out.append((staff_id, day, shift))
    return Roster.from_rows(out)


def _text_cell(value: Any, sheet: str, row: int, column: str, expected: str) -> str:
    if isinstance(value, bool):
        value = None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else str(value).strip()
    if not text:
        raise RosterInputError(
            f"expected {expected}, found an empty cell", sheet=sheet, row=row, column=column
        )
    return text


def _date_cell(value: Any, sheet: str, row: int) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = "" if value is None else str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(text)
    raise RosterInputError(
        f"expected a date as YYYY-MM-DD, found {text!r}"
        if text
        else "expected a date as YYYY-MM-DD, found an empty cell",
        sheet=sheet,
        row=row,
        column="date",
    )
