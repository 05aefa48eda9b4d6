"""The roster workbook: a printable month grid for the notice board, plus long-form sheets
that machines (and the ``check`` command) read back.

Layout contract: DESIGN.md, "A roster (output)". The ``Assignments`` sheet is the source of
truth; every other sheet is a view of it. Text that comes from input is always stored as a
string cell, never as a formula, and the file is replaced atomically so a failed write never
damages an earlier roster.

This module puts the sheets together and writes the plain tables; the printed grid is
``roster_sheet``, the Summary ``summary``, the Service sheet ``service_sheet``. The verdicts
shown (leave, duties) are decided in ``roster.checks``; the workbook is read back by
``roster.io.roster_reader`` and ``roster.io.roster_grid``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from roster.checks.duties import DUTIES, duties
from roster.checks.leave import failure_reasons, rule_results
from roster.io.roster_reader import ASSIGNMENT_COLUMNS, LEAVE_LABELS, PENDING_MARK
from roster.io.xlsx import save_workbook_atomic
from roster.model import (
    WEEKDAY_NAMES,
    Change,
    LeaveRequest,
    LeaveVerdict,
    Result,
    Scenario,
    Violation,
)
from roster.reports.facts import RosterFacts
from roster.reports.roster_sheet import write_roster_sheet
from roster.reports.service_sheet import SHEET as SERVICE_SHEET
from roster.reports.service_sheet import write_service_sheet
from roster.reports.styles import (
    CHANGE_BORDER,
    DAY_PALETTE,
    FAIL_FONT,
    HEADER_FILL,
    HOLIDAY_FILL,
    HOLIDAY_HEADER_FILL,
    LEAVE_FILL,
    LEAVE_FONT,
    NIGHT_PALETTE,
    OVER_FILL,
    SHORT_FILL,
    SHORT_FONT,
    WEEKEND_FILL,
    WEEKEND_HEADER_FILL,
    Styles,
    cell_font,
    fit_width,
    shift_colors,
    write_table,
)
from roster.reports.summary import write_summary_sheet

__all__ = [
    "ASSIGNMENT_COLUMNS",
    "CHANGES_SHEET",
    "CHANGE_BORDER",
    "DAY_PALETTE",
    "FAIL_FONT",
    "HEADER_FILL",
    "HOLIDAY_FILL",
    "HOLIDAY_HEADER_FILL",
    "LEAVE_FILL",
    "LEAVE_FONT",
    "LEAVE_LABELS",
    "LEAVE_RULES",
    "NIGHT_PALETTE",
    "OVER_FILL",
    "PENDING_MARK",
    "SHEETS",
    "SHORT_FILL",
    "SHORT_FONT",
    "WEEKEND_FILL",
    "WEEKEND_HEADER_FILL",
    "build_roster_workbook",
    "shift_colors",
    "write_roster_workbook",
]

SHEETS: tuple[str, ...] = ("Roster", "Assignments", "Coverage", "Leave", "Summary", "Duties")
CHANGES_SHEET = "Changes"
"""Written after ``Leave`` only when the caller passes the changes of a repair."""
CHANGE_COLUMNS: tuple[str, ...] = ("staff_id", "name", "date", "from", "to", "why")
LEAVE_RULES: tuple[str, ...] = tuple(f"L{i}" for i in range(1, 10))
"""One column each on the ``Leave`` sheet when leave verdicts are given."""


def _write_assignments_sheet(ws: Worksheet, facts: RosterFacts) -> None:
    rows: list[Sequence[Any]] = []
    if facts.roster is not None:
        ordered = sorted(facts.roster.assignments, key=lambda a: (a.date, a.staff_id, a.shift))
        rows = [(a.staff_id, a.date.isoformat(), a.shift) for a in ordered]
    write_table(ws, ASSIGNMENT_COLUMNS, rows, (12, 12, 8))


def _write_coverage_sheet(ws: Worksheet, facts: RosterFacts) -> None:
    header = ("date", "shift", "requirement", "required", "assigned", "short", "maximum", "over")
    rows = [
        (
            c.date.isoformat(),
            c.shift,
            c.requirement,
            c.required,
            c.assigned,
            c.short,
            c.maximum,
            c.over,
        )
        for c in facts.coverage
    ]
    write_table(ws, header, rows, (12, 8, 18, 10, 10, 8, 10, 8))
    for i, c in enumerate(facts.coverage, start=2):
        if c.short:
            ws.cell(row=i, column=6).style = "rw_short"
        if c.over:
            ws.cell(row=i, column=8).style = "rw_over"
    if facts.coverage:
        ws.auto_filter.ref = f"A1:H{len(facts.coverage) + 1}"


def _write_leave_sheet(ws: Worksheet, facts: RosterFacts) -> None:
    if facts.rule_verdicts is not None:
        _write_leave_rules_sheet(ws, facts, facts.rule_verdicts)
        return
    sc = facts.scenario
    names = {p.id: p.name for p in sc.staff}
    header = ("id", "staff_id", "name", "start", "end", "type", "status", "verdict", "note")
    rows = []
    for lv, verdict in zip(sc.leave, facts.leave_verdicts, strict=True):
        rows.append((*_leave_identity(lv, names), verdict.verdict, verdict.note))
    write_table(ws, header, rows, (10, 10, 16, 12, 12, 16, 10, 18, 60))
    for i, verdict in enumerate(facts.leave_verdicts, start=2):
        if verdict.broken:
            ws.cell(row=i, column=8).style = "rw_short"


def _leave_identity(lv: LeaveRequest, names: dict[str, str]) -> tuple[str, ...]:
    """The first columns of both Leave sheets: which request, whose, when, what kind."""
    return (
        lv.id,
        lv.staff_id,
        names.get(lv.staff_id, ""),
        lv.start.isoformat(),
        lv.end.isoformat(),
        lv.type,
        lv.status,
    )


def _write_leave_rules_sheet(
    ws: Worksheet, facts: RosterFacts, verdicts: dict[int, LeaveVerdict]
) -> None:
    """The leave sheet of ``roster leave``: the verdict, pass/FAIL per rule L1-L9 and the
    failed rules' reasons in words; the roster-based note stays in the last column."""
    sc = facts.scenario
    names = {p.id: p.name for p in sc.staff}
    base = ("id", "staff_id", "name", "start", "end", "type", "status", "verdict")
    header = (*base, *LEAVE_RULES, "reasons", "note")
    verdict_col = len(base)
    first_rule_col = verdict_col + 1
    rows: list[tuple[Any, ...]] = []
    for i, lv in enumerate(sc.leave):
        judged = verdicts.get(i)
        fallback = facts.leave_verdicts[i]
        if judged is None:
            rule_cells = [""] * len(LEAVE_RULES)
            verdict, reasons = fallback.verdict, ""
        else:
            passed = rule_results(judged)
            rule_cells = [
                "" if rule not in passed else "pass" if passed[rule] else "FAIL"
                for rule in LEAVE_RULES
            ]
            verdict, reasons = judged.verdict, failure_reasons(judged)
        rows.append(
            (
                *_leave_identity(lv, names),
                verdict,
                *rule_cells,
                reasons,
                fallback.note,
            )
        )
    widths = (10, 10, 16, 12, 12, 16, 10, 18, *([6] * len(LEAVE_RULES)), 60, 40)
    write_table(ws, header, rows, widths)
    fail_font = cell_font(10, bold=True, color=FAIL_FONT)
    for r, values in enumerate(rows, start=2):
        if str(values[verdict_col - 1]).startswith("refused"):
            ws.cell(row=r, column=verdict_col).style = "rw_short"
        for j in range(len(LEAVE_RULES)):
            if values[first_rule_col - 1 + j] == "FAIL":
                ws.cell(row=r, column=first_rule_col + j).font = fail_font


def _write_changes_sheet(ws: Worksheet, facts: RosterFacts, changes: Sequence[Change]) -> None:
    names = {p.id: p.name for p in facts.scenario.staff}
    rows = [
        (
            c.staff_id,
            names.get(c.staff_id, ""),
            c.date.isoformat(),
            c.before or "off",
            c.after or "off",
            c.why,
        )
        for c in sorted(changes, key=lambda c: (c.date, c.staff_id))
    ]
    write_table(ws, CHANGE_COLUMNS, rows, (10, 16, 12, 8, 8, 60))


def _write_duties_sheet(ws: Worksheet, facts: RosterFacts) -> None:
    """One row per day, a column per duty (D4's several dues ``|``-separated)."""
    header = ("date", "weekday", "holiday", *(f"{code} {name}" for code, name in DUTIES.items()))
    by_day: dict[tuple[dt.date, str], list[str]] = {}
    for duty in duties(facts.scenario, facts.roster):
        by_day.setdefault((duty.day, duty.duty), []).append(duty.who)
    holidays = facts.calendar.holidays
    rows = [
        (
            day.isoformat(),
            WEEKDAY_NAMES[day.weekday()],
            holidays.get(day, ""),
            *(" | ".join(by_day.get((day, code), ())) for code in DUTIES),
        )
        for day in facts.scenario.days
    ]
    write_table(ws, header, rows, (12, 9, 16, 30, 30, 34, 70))


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


def build_roster_workbook(
    scenario: Scenario,
    result: Result,
    violations: Sequence[Violation] = (),
    *,
    leave_verdicts: Sequence[LeaveVerdict] | None = None,
    changes: Sequence[Change] | None = None,
) -> Workbook:
    """The whole workbook in memory (separate from saving so a failed build writes nothing).

    ``leave_verdicts`` turn the ``Leave`` sheet into the L1-L9 table; ``changes`` (of a
    repair against the published roster) add the ``Changes`` sheet and frame those cells.
    """
    facts = RosterFacts.build(scenario, result, violations, leave_verdicts, changes)
    wb = Workbook()
    styles = Styles(wb, scenario.shifts)
    roster_ws = wb.active
    assert roster_ws is not None
    roster_ws.title = SHEETS[0]
    titles = list(SHEETS)
    if changes is not None:
        titles.insert(titles.index("Leave") + 1, CHANGES_SHEET)
    sheets = {SHEETS[0]: roster_ws}
    for title in titles[1:]:
        sheets[title] = wb.create_sheet(title)
    write_roster_sheet(sheets["Roster"], facts, styles)
    _write_assignments_sheet(sheets["Assignments"], facts)
    _write_coverage_sheet(sheets["Coverage"], facts)
    if facts.service is not None:
        service = wb.create_sheet(SERVICE_SHEET, titles.index("Coverage") + 1)
        write_service_sheet(service, facts.service, facts.calendar)
        sheets[SERVICE_SHEET] = service
    _write_leave_sheet(sheets["Leave"], facts)
    if changes is not None:
        _write_changes_sheet(sheets[CHANGES_SHEET], facts, changes)
    write_summary_sheet(sheets["Summary"], facts)
    _write_duties_sheet(sheets["Duties"], facts)
    for ws in sheets.values():
        fit_width(ws)
    return wb


def write_roster_workbook(
    path: Path,
    scenario: Scenario,
    result: Result,
    violations: Sequence[Violation] = (),
    *,
    leave_verdicts: Sequence[LeaveVerdict] | None = None,
    changes: Sequence[Change] | None = None,
) -> None:
    """Write the roster workbook to ``path`` atomically: an existing file is either replaced
    whole or left untouched, never half-written. See ``build_roster_workbook`` for
    ``leave_verdicts`` and ``changes``."""
    wb = build_roster_workbook(
        scenario, result, violations, leave_verdicts=leave_verdicts, changes=changes
    )
    save_workbook_atomic(wb, Path(path))
