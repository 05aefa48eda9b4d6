"""A sweep's table: one row per variant, a cost column per soft rule; the variants' names
and changes come from the user's CSV, so every cell goes through ``roster.io.xlsx.put``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from roster.app.sweep import SweepRow, soft_rule_columns
from roster.io.xlsx import put, put_row, save_workbook_atomic
from roster.model import SOFT_RULES

__all__ = ["COLUMNS", "write_sweep_workbook"]

COLUMNS: tuple[str, ...] = (
    "name",
    "changes",
    "settings",
    "solver",
    "seed",
    "status",
    "objective",
    "bound",
    "gap",
    "wall_time_s",
    "shortfall",
    "violations",
)
"""The columns before the soft rules' costs and the reasons."""


def write_sweep_workbook(path: Path, rows: Sequence[SweepRow]) -> None:
    """One row per variant, a cost column per soft rule; written atomically."""
    rules = soft_rule_columns(rows)
    header = [*COLUMNS, *(f"{r} {SOFT_RULES.get(r, '')}".strip() for r in rules)]
    header.append("reasons")
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sweep"
    for column, title in enumerate(header, start=1):
        put(ws, 1, column, title).font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        values: list[Any] = [
            row.name,
            row.changes,
            row.settings,
            row.solver,
            row.seed,
            row.status,
            row.objective,
            row.bound,
            None if row.gap is None else round(row.gap, 6),
            row.wall_time,
            row.shortfall,
            row.violations,
            *(row.cost(rule) if row.objective is not None else None for rule in rules),
            " | ".join(row.reasons),
        ]
        put_row(ws, r, values)
    for column, title in enumerate(header, start=1):
        width = 40 if title in ("changes", "settings", "reasons") else max(10, len(title) + 2)
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = "B2"
    save_workbook_atomic(wb, Path(path))
