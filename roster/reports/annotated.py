"""An annotated copy of a (hand-edited) roster workbook: the grid cells that break a hard
rule filled red, with a comment naming the rules; everything else is kept as it was.

The grid is found as ``roster check`` reads it (``roster.io.roster_grid``); this module only
marks it, writing no cell values.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from roster.exceptions import RosterInputError
from roster.io.roster_grid import GRID_SHEET, Grid, locate_grid, open_workbook, sheet_rows
from roster.io.xlsx import save_workbook_atomic
from roster.model import HARD_RULES, Scenario, Violation

__all__ = ["COMMENT_AUTHOR", "VIOLATION_FILL", "annotate_roster_workbook"]

VIOLATION_FILL = "FF6666"
"""Fill of a cell that breaks a hard rule in an annotated copy."""
COMMENT_AUTHOR = "roster check"


def _target_cell(grid: Grid, v: Violation) -> tuple[int, int] | None:
    """Where a violation shows: the person's day cell; for a shift-wide rule the cover-block
    cell of that shift and day (else the day's header); for a person-wide rule the id."""
    row = grid.person_rows.get(v.staff_id) if v.staff_id else None
    col = grid.day_cols.get(v.date) if v.date else None
    if row is not None:
        return (row, col if col is not None else grid.id_col)
    if col is None:
        return None
    if v.shift:
        shift_rows = [(r, label) for r, label in grid.cover_rows if label.split(" ")[0] == v.shift]
        for r, label in shift_rows:
            requirement = label.rsplit("·", 1)[-1].strip().replace("_", " ")
            if requirement and re.search(rf"\b{re.escape(requirement)}\b", v.message):
                return (r, col)
        if shift_rows:
            return (shift_rows[0][0], col)
    return (grid.header_row, col)


def _comment_line(v: Violation) -> str:
    name = HARD_RULES.get(v.rule, "INPUT" if v.rule == "R0" else "")
    return f"{v.rule} {name}: {v.message}" if name else f"{v.rule}: {v.message}"


def annotate_roster_workbook(
    source: Path, target: Path, violations: Sequence[Violation], scenario: Scenario
) -> int:
    """Write a copy of a roster workbook whose offending grid cells are red with a comment.

    Parameters
    ----------
    source
        The (hand-edited) roster workbook; it is only read, unless ``target`` is the very
        same path.
    target
        Where the copy goes, written atomically (a temporary file, then renamed).
    violations
        What ``check_roster`` found; several on one cell share one comment.
    scenario
        The scenario, to locate the grid's people and days.

    Returns
    -------
    int
        The number of cells marked (violations with neither a person nor a day in the grid
        mark nothing).

    Raises
    ------
    RosterInputError
        The source is not a roster workbook with a readable ``Roster`` grid.
    """
    source, target = Path(source), Path(target)
    wb = open_workbook(source, read_only=False)
    if GRID_SHEET not in wb.sheetnames:
        raise RosterInputError(
            f"the workbook has no '{GRID_SHEET}' sheet to mark (it has: "
            f"{', '.join(wb.sheetnames)})",
            sheet=GRID_SHEET,
        )
    ws = wb[GRID_SHEET]
    grid = locate_grid(sheet_rows(ws), scenario)
    lines: dict[tuple[int, int], list[str]] = {}
    for v in violations:
        where = _target_cell(grid, v)
        if where is not None:
            line = _comment_line(v)
            if line not in lines.setdefault(where, []):
                lines[where].append(line)
    fill = PatternFill(fill_type="solid", start_color=VIOLATION_FILL, end_color=VIOLATION_FILL)
    for (row, col), notes in lines.items():
        cell = _anchor(ws, row, col)
        cell.fill = fill
        earlier = cell.comment.text if cell.comment is not None else ""
        text = "\n".join(notes)
        if earlier and cell.comment is not None and cell.comment.author != COMMENT_AUTHOR:
            text = f"{text}\n\n{earlier}"
        comment = Comment(text[:32000], COMMENT_AUTHOR)
        comment.width, comment.height = 320, 40 + 30 * len(notes)
        cell.comment = comment
    save_workbook_atomic(wb, target)
    return len(lines)


def _anchor(ws: Worksheet, row: int, col: int) -> Any:
    """The cell to style: a merged range's top-left cell holds its look and comment."""
    cell = ws.cell(row=row, column=col)
    if isinstance(cell, MergedCell):
        for merged in ws.merged_cells.ranges:
            if cell.coordinate in merged:
                return ws.cell(row=merged.min_row, column=merged.min_col)
    return cell
