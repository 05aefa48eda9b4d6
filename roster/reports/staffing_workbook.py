"""The staffing answer as a workbook: the table per grade and role (existing, hires,
total, the binding rule), the hires, and a month that proves the numbers.

Laid out only: ``roster.solver.staffing`` finds the numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from roster.io.xlsx import put, put_row, save_workbook_atomic
from roster.model import Assignment

if TYPE_CHECKING:  # the answer's type only: importing the solver here would load ortools
    from roster.solver.staffing import StaffingResult

__all__ = ["write_staffing_workbook"]


def write_staffing_workbook(path: Path, result: StaffingResult) -> None:
    """Staffing table (grade/role, existing, hires, total, binding rule), the hires and a
    month that proves the numbers; written atomically."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Staffing"
    header = Font(bold=True)
    meta: list[tuple[str, Any]] = [
        ("scenario", result.name),
        (
            "mode",
            "existing staff kept, hires on top"
            if result.mode == "keep"
            else "from zero: least headcount, existing staff set aside",
        ),
        ("status", str(result.status)),
        ("weighted hires", result.objective if result.objective is not None else ""),
        ("wall time (s)", round(result.wall_time, 2)),
    ]
    for i, pair in enumerate(meta, start=1):
        put_row(ws, i, pair)
        ws.cell(row=i, column=1).font = header
    row = len(meta) + 2
    for reason in result.reasons:
        put(ws, row, 1, reason)
        row += 1
    columns = (
        "kind",
        "grade/role",
        "hire grade",
        "existing",
        "hires",
        "total",
        "shifts needed",
        "max shifts each",
        "binding rule",
    )
    for c, title in enumerate(columns, start=1):
        put(ws, row, c, title)
        ws.cell(row=row, column=c).font = header
    for r in result.rows:
        row += 1
        put_row(
            ws,
            row,
            (
                r.kind,
                r.name,
                r.grade,
                r.existing,
                r.hires,
                r.total,
                r.seats,
                r.max_shifts_each,
                r.binding,
            ),
        )
        ws.cell(row=row, column=9).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHI", (8, 18, 10, 9, 7, 7, 13, 15, 100), strict=True):
        ws.column_dimensions[letter].width = width

    hires = wb.create_sheet("Hires")
    titles = ("id", "name", "grade", "roles", "min_shifts", "max_shifts", "max_nights")
    for c, title in enumerate(titles, start=1):
        put(hires, 1, c, title)
    for i, s in enumerate(result.hired, start=2):
        put_row(
            hires,
            i,
            (
                s.id,
                s.name,
                s.grade,
                ";".join(sorted(s.roles)),
                s.min_shifts,
                s.max_shifts,
                s.max_nights,
            ),
        )

    sheet = wb.create_sheet("Assignments")
    for c, title in enumerate(("staff_id", "date", "shift"), start=1):
        put(sheet, 1, c, title)
    rows: list[Assignment] = list(result.roster.assignments) if result.roster else []
    rows.sort(key=lambda a: (a.staff_id, a.date, a.shift))
    for i, a in enumerate(rows, start=2):
        put_row(sheet, i, (a.staff_id, a.date.isoformat(), a.shift))
    save_workbook_atomic(wb, Path(path))
