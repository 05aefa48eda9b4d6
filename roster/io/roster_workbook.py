"""The roster workbook: a printable month grid for the notice board, plus long-form sheets
that machines (and the ``check`` command) read back.

Layout contract: DESIGN.md, "A roster (output)". The ``Assignments`` sheet is the source of
truth; every other sheet is a view of it. Text that comes from input is always stored as a
string cell, never as a formula, and the file is replaced atomically so a failed write never
damages an earlier roster.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from roster.calendar import Calendar
from roster.checks.coverage import CoverageRow, coverage_rows
from roster.checks.duties import DUTIES, duties
from roster.checks.leave import failure_reasons, match_verdicts, rule_results
from roster.checks.leave_roster import (
    LeaveDay,
    RosterLeaveVerdict,
    leave_days,
    roster_leave_verdicts,
)
from roster.checks.service import PaySummary, ServiceReport, pay_summary, service_report
from roster.exceptions import RosterInputError
from roster.io.service_sheet import SHEET as SERVICE_SHEET
from roster.io.service_sheet import headline, write_service_sheet
from roster.io.xlsx import clean_text, put_row, save_workbook_atomic
from roster.io.xlsx import put as _put
from roster.model import (
    GRADES,
    HARD_RULES,
    OFF,
    ROLES,
    SOFT_RULES,
    WEEKDAY_NAMES,
    Change,
    LeaveRequest,
    LeaveVerdict,
    Result,
    Roster,
    Scenario,
    Shift,
    Staff,
    Violation,
)

__all__ = [
    "ASSIGNMENT_COLUMNS",
    "CHANGES_SHEET",
    "CHANGE_BORDER",
    "LEAVE_LABELS",
    "LEAVE_RULES",
    "SHEETS",
    "build_roster_workbook",
    "read_roster_assignments",
    "save_workbook_atomic",
    "shift_colors",
    "write_roster_workbook",
]

SHEETS: tuple[str, ...] = ("Roster", "Assignments", "Coverage", "Leave", "Summary", "Duties")
ASSIGNMENT_COLUMNS: tuple[str, ...] = ("staff_id", "date", "shift")
CHANGES_SHEET = "Changes"
"""Written after ``Leave`` only when the caller passes the changes of a repair."""
CHANGE_COLUMNS: tuple[str, ...] = ("staff_id", "name", "date", "from", "to", "why")
LEAVE_RULES: tuple[str, ...] = tuple(f"L{i}" for i in range(1, 10))
"""One column each on the ``Leave`` sheet when leave verdicts are given."""

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

# Colours (RGB hex). Public so tests and other writers can refer to them.
SHORT_FILL = "FFC7CE"
SHORT_FONT = "9C0006"
OVER_FILL = "FFEB9C"
HEADER_FILL = "D9E1F2"
WEEKEND_HEADER_FILL = "F8CBAD"
HOLIDAY_HEADER_FILL = "F4B084"
WEEKEND_FILL = "F2F2F2"
HOLIDAY_FILL = "FCE4D6"
LEAVE_FILL = "D9D9D9"
LEAVE_FONT = "595959"
CHANGE_BORDER = "ED7D31"
"""Orange frame of a grid cell that a repair changed (its comment says what it was)."""
FAIL_FONT = "C00000"
DAY_PALETTE: tuple[str, ...] = ("FFF2CC", "E2EFDA", "FFE699", "C6E0B4")
NIGHT_PALETTE: tuple[str, ...] = ("B4C6E7", "C9C9C9", "8EA9DB", "ACB9CA")

# Roster sheet geometry.
_TITLE_ROWS = 3
_HEAD_DAY = _TITLE_ROWS + 1  # day numbers
_HEAD_WEEKDAY = _TITLE_ROWS + 2  # weekday names
_FIRST_PERSON = _TITLE_ROWS + 3
_PERSON_COLUMNS = ("id", "name", "grade", "team")
_FIRST_DAY_COL = len(_PERSON_COLUMNS) + 1
_TOTAL_COLUMNS = ("shifts", "nights", "weekends", "hours")
_MAX_CELL_COMMENTS = 2000

_THIN = Side(style="thin", color="A6A6A6")
_MEDIUM = Side(style="medium", color="404040")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_ORANGE = Side(style="thin", color=CHANGE_BORDER)
_CHANGE_BORDER = Border(left=_ORANGE, right=_ORANGE, top=_ORANGE, bottom=_ORANGE)
_TEAM_BORDER = Border(left=_THIN, right=_THIN, top=_MEDIUM, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center")
_LEFT = Alignment(horizontal="left", vertical="center")
_BASE_FONT = "Calibri"


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


def _fill(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def _font(
    size: float = 10, *, bold: bool = False, italic: bool = False, color: str = "000000"
) -> Font:
    return Font(name=_BASE_FONT, size=size, bold=bold, italic=italic, color=color)


def _put_row(ws: Worksheet, row: int, values: Iterable[Any], style: str | None = None) -> None:
    put_row(ws, row, values, style)


def _normalise_color(color: str | None) -> str | None:
    """``#ffcc00``/``FFCC00``/``80FFCC00`` -> ``FFCC00``; anything else -> None (use a default)."""
    if not color:
        return None
    text = color.strip().lstrip("#").upper()
    if re.fullmatch(r"[0-9A-F]{8}", text):
        text = text[2:]
    if re.fullmatch(r"[0-9A-F]{3}", text):
        text = "".join(ch * 2 for ch in text)
    return text if re.fullmatch(r"[0-9A-F]{6}", text) else None


def _is_dark(rgb: str) -> bool:
    r, g, b = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b < 128


def shift_colors(shifts: Sequence[Shift]) -> dict[str, str]:
    """Shift code -> fill colour: the shift's own colour, else light yellow for day-ish
    shifts and blue/grey for night-ish ones, so a printed roster reads at a glance."""
    out: dict[str, str] = {}
    day_i = night_i = 0
    for shift in shifts:
        own = _normalise_color(shift.color)
        if own is not None:
            out[shift.code] = own
        elif shift.night:
            out[shift.code] = NIGHT_PALETTE[night_i % len(NIGHT_PALETTE)]
            night_i += 1
        else:
            out[shift.code] = DAY_PALETTE[day_i % len(DAY_PALETTE)]
            day_i += 1
    return out


def _fmt_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _hours_text(hours: float) -> str:
    return f"{hours:.2f}".rstrip("0").rstrip(".")


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _horizon_label(scenario: Scenario) -> str:
    start, end = scenario.start, scenario.end
    next_day = end + dt.timedelta(days=1)
    if start.day == 1 and next_day.day == 1 and (start.year, start.month) == (end.year, end.month):
        return f"Month {start:%Y-%m} ({start.isoformat()} – {end.isoformat()})"
    return f"{start.isoformat()} – {end.isoformat()}"


def _requirement_order(requirement: str) -> tuple[int, int, str]:
    if requirement in GRADES:
        return (0, -GRADES.index(requirement), requirement)
    if requirement in ROLES:
        return (1, ROLES.index(requirement), requirement)
    return (2, 0, requirement)


def _roster_order(scenario: Scenario) -> list[Staff]:
    """Grouped by team (scenario order), team leader first, then senior > mid > junior, id."""
    teams: dict[str, int] = {}
    for person in scenario.staff:
        teams.setdefault(person.team, len(teams))
    return sorted(
        scenario.staff,
        key=lambda p: (teams[p.team], not p.has_role("team_leader"), -p.rank, p.id),
    )


# --------------------------------------------------------------------------------------
# Facts the sheets share
# --------------------------------------------------------------------------------------


@dataclass
class _Facts:
    """Everything derived once from scenario + result, shared by the sheets."""

    scenario: Scenario
    result: Result
    calendar: Calendar
    roster: Roster | None
    worked: dict[tuple[str, dt.date], list[str]]
    shifts: dict[str, Shift]
    coverage: list[CoverageRow]
    leave_verdicts: list[RosterLeaveVerdict]
    """The roster's word (R8, R16) on each request of scenario.leave, in order."""
    leave_cells: dict[tuple[str, dt.date], LeaveDay]
    """(staff, day) -> the leave shown in the grid there."""
    violations: Sequence[Violation]
    rule_verdicts: dict[int, LeaveVerdict] | None = None
    """Index into scenario.leave -> its L1-L9 verdict, when the caller judged the requests."""
    changes: Sequence[Change] | None = None
    changed: dict[tuple[str, dt.date], Change] | None = None
    """(staff, day) -> the change of a repair there, for marking the grid."""
    service: ServiceReport | None = None
    """The expected service level per forecast interval (R22), when there is a forecast."""
    pay: PaySummary | None = None
    """Paid and premium hours and the surplus (R21), when there is a roster."""

    @staticmethod
    def build(
        scenario: Scenario,
        result: Result,
        violations: Sequence[Violation],
        leave_verdicts: Sequence[LeaveVerdict] | None = None,
        changes: Sequence[Change] | None = None,
    ) -> _Facts:
        calendar = Calendar(scenario)
        roster = result.roster
        worked = roster.by_person_day() if roster is not None else {}
        coverage = coverage_rows(calendar, roster) if roster is not None else []
        verdicts = roster_leave_verdicts(scenario, roster)
        return _Facts(
            scenario=scenario,
            result=result,
            calendar=calendar,
            roster=roster,
            worked=worked,
            shifts={s.code: s for s in scenario.shifts},
            coverage=coverage,
            leave_verdicts=verdicts,
            leave_cells=leave_days(scenario, verdicts),
            violations=violations,
            rule_verdicts=None
            if leave_verdicts is None
            else match_verdicts(scenario, leave_verdicts),
            changes=changes,
            changed=None if changes is None else {(c.staff_id, c.date): c for c in changes},
            service=None if roster is None else service_report(scenario, roster),
            pay=None if roster is None else pay_summary(scenario, roster),
        )


# --------------------------------------------------------------------------------------
# Styles: registered once as named styles, so each cell only copies a small style index
# --------------------------------------------------------------------------------------


class _Styles:
    """Named styles of one workbook; ``cell.style = name`` is cheap, building fonts per cell
    is not (a 1,000-person month has ~40,000 styled cells)."""

    def __init__(self, wb: Workbook, shifts: Sequence[Shift]) -> None:
        self._wb = wb
        self.shift: dict[str, str] = {}
        self._add("rw_title", font=_font(16, bold=True), alignment=_LEFT)
        self._add("rw_subtitle", font=_font(12, bold=True), alignment=_LEFT)
        bold = _font(10, bold=True)
        self._grid("rw_head", bold, HEADER_FILL)
        self._grid("rw_head_weekend", bold, WEEKEND_HEADER_FILL)
        self._grid("rw_head_holiday", bold, HOLIDAY_HEADER_FILL)
        self._add("rw_th", font=bold, fill=_fill(HEADER_FILL), border=_BORDER)
        plain = _font(10)
        for suffix, border in (("", _BORDER), ("_team", _TEAM_BORDER)):
            self._add(f"rw_text{suffix}", font=plain, border=border, alignment=_LEFT)
            self._add(f"rw_total{suffix}", font=plain, border=border, alignment=_CENTER)
            self._add(
                f"rw_hours{suffix}",
                font=plain,
                border=border,
                alignment=_CENTER,
                number_format="0.0",
            )
        self._grid("rw_off", plain)
        self._grid("rw_off_weekend", plain, WEEKEND_FILL)
        self._grid("rw_off_holiday", plain, HOLIDAY_FILL)
        self._grid("rw_leave", _font(9, bold=True, color=LEAVE_FONT), LEAVE_FILL)
        pending_font = _font(9, bold=True, italic=True, color=LEAVE_FONT)
        self._grid("rw_leave_pending", pending_font, LEAVE_FILL)
        for i, (code, rgb) in enumerate(shift_colors(shifts).items()):
            color = "FFFFFF" if _is_dark(rgb) else "000000"
            self.shift[code] = self._grid(f"rw_shift_{i}", _font(10, bold=True, color=color), rgb)
        self._grid("rw_shift_unknown", _font(10, bold=True, color="C00000"))
        self._grid("rw_cov_ok", _font(8))
        self._grid("rw_cov_none", _font(8, color="A6A6A6"))
        self._grid("rw_cov_short", _font(8, bold=True, color=SHORT_FONT), SHORT_FILL)
        self._grid("rw_cov_over", _font(8), OVER_FILL)
        self._add("rw_cov_label", font=_font(9, bold=True), border=_BORDER, alignment=_LEFT)
        self._add("rw_short", font=_font(10, bold=True, color=SHORT_FONT), fill=_fill(SHORT_FILL))
        self._add("rw_over", font=plain, fill=_fill(OVER_FILL))
        self._add("rw_reason", font=_font(14, bold=True, color="C00000"))
        self._add("rw_alert", font=_font(12, bold=True, color="C00000"))
        self._add("rw_bold", font=bold)

    def _grid(self, name: str, font: Font, fill: str | None = None) -> str:
        """A centred, bordered cell of the day grid."""
        self._add(
            name,
            font=font,
            fill=_fill(fill) if fill else None,
            border=_BORDER,
            alignment=_CENTER,
        )
        return name

    def _add(
        self,
        name: str,
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
        border: Border | None = None,
        alignment: Alignment | None = None,
        number_format: str | None = None,
    ) -> None:
        style = NamedStyle(name=name)
        if font is not None:
            style.font = font
        if fill is not None:
            style.fill = fill
        if border is not None:
            style.border = border
        if alignment is not None:
            style.alignment = alignment
        if number_format is not None:
            style.number_format = number_format
        self._wb.add_named_style(style)


# --------------------------------------------------------------------------------------
# The sheets
# --------------------------------------------------------------------------------------


def _write_roster_sheet(ws: Worksheet, facts: _Facts, styles: _Styles) -> None:
    sc, result, cal = facts.scenario, facts.result, facts.calendar
    days = sc.days
    n_days = len(days)
    total_col = _FIRST_DAY_COL + n_days
    last_col = total_col + len(_TOTAL_COLUMNS) - 1
    holidays = cal.holidays

    _put(ws, 1, 1, sc.name, "rw_title")
    _put(ws, 2, 1, _horizon_label(sc), "rw_subtitle")
    if facts.roster is None:
        status = f"No roster ({result.status.value}): see the Summary sheet for the reasons"
    else:
        status = f"Status: {result.status.value}"
        if result.objective is not None:
            status += f" · objective {result.objective}"
        if result.gap is not None:
            status += f" · gap {result.gap * 100:.2f}%"
        if facts.violations:
            status += f" · {len(facts.violations)} hard-rule violation(s), see Summary"
    _put(ws, 3, 1, status, "rw_subtitle")

    # Header: person columns span both header rows; each day has its number over its weekday.
    for col, label in enumerate(_PERSON_COLUMNS, start=1):
        _put(ws, _HEAD_DAY, col, label, "rw_head")
        ws.merge_cells(start_row=_HEAD_DAY, start_column=col, end_row=_HEAD_WEEKDAY, end_column=col)
    day_kind: list[str] = []
    for i, day in enumerate(days):
        col = _FIRST_DAY_COL + i
        kind = "holiday" if day in holidays else "weekend" if cal.is_weekend(day) else ""
        day_kind.append(kind)
        style = f"rw_head_{kind}" if kind else "rw_head"
        top = _put(ws, _HEAD_DAY, col, day.day, style)
        _put(ws, _HEAD_WEEKDAY, col, WEEKDAY_NAMES[day.weekday()], style)
        if kind == "holiday":
            top.comment = Comment(clean_text(holidays[day]), "roster")
    for j, label in enumerate(_TOTAL_COLUMNS):
        col = total_col + j
        _put(ws, _HEAD_DAY, col, label, "rw_head")
        ws.merge_cells(start_row=_HEAD_DAY, start_column=col, end_row=_HEAD_WEEKDAY, end_column=col)

    off_style = [f"rw_off_{k}" if k else "rw_off" for k in day_kind]
    violation_notes: dict[tuple[str, dt.date], list[str]] = {}
    for v in facts.violations:
        if v.staff_id is not None and v.date is not None:
            violation_notes.setdefault((v.staff_id, v.date), []).append(str(v))
    comments = 0
    handover = sc.rules.handover_minutes

    row = _FIRST_PERSON
    previous_team: str | None = None
    for person in _roster_order(sc):
        suffix = "_team" if previous_team is not None and person.team != previous_team else ""
        previous_team = person.team
        for col, value in enumerate((person.id, person.name, person.grade, person.team), start=1):
            _put(ws, row, col, value, f"rw_text{suffix}")
        n_shifts = n_nights = n_weekends = 0
        minutes = 0
        for i, day in enumerate(days):
            col = _FIRST_DAY_COL + i
            key = (person.id, day)
            codes = facts.worked.get(key)
            leave = facts.leave_cells.get(key)
            note: list[str] = []
            if codes:
                cell = _put(
                    ws, row, col, "/".join(codes), styles.shift.get(codes[0], "rw_shift_unknown")
                )
                for code in codes:
                    n_shifts += 1
                    shift = facts.shifts.get(code)
                    if shift is None:
                        note.append(f"unknown shift {code!r}")
                        continue
                    n_nights += shift.night
                    n_weekends += cal.is_weekend(day)
                    minutes += shift.duration + handover
                if leave is not None:
                    note.append(f"on {leave[0].type} leave {leave[0].id}".strip())
            elif leave is not None:
                lv, pending = leave
                label = LEAVE_LABELS.get(lv.type, (lv.type[:2].upper(), ""))[0]
                if pending:
                    cell = _put(ws, row, col, label + PENDING_MARK, "rw_leave_pending")
                else:
                    cell = _put(ws, row, col, label, "rw_leave")
            else:
                cell = _put(ws, row, col, None, off_style[i])
            change = facts.changed.get(key) if facts.changed else None
            if change is not None:
                _mark_change(cell)
                note.insert(0, _change_note(change))
            note.extend(violation_notes.get(key, ()))
            if note and comments < _MAX_CELL_COMMENTS:
                cell.comment = Comment(clean_text("\n".join(note)), "roster")
                comments += 1
        totals = (n_shifts, n_nights, n_weekends)
        for j, total in enumerate(totals):
            _put(ws, row, total_col + j, total, f"rw_total{suffix}")
        _put(ws, row, total_col + 3, round(minutes / 60, 2), f"rw_hours{suffix}")
        row += 1

    row = _write_cover_block(ws, facts, row + 1)
    _write_legend(ws, facts, styles, row + 1)

    # Layout and print setup.
    ws.freeze_panes = f"{get_column_letter(_FIRST_DAY_COL)}{_FIRST_PERSON}"
    widths = {1: 9, 2: _name_width(sc.staff), 3: 7, 4: _team_width(sc.staff)}
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    for i in range(n_days):
        ws.column_dimensions[get_column_letter(_FIRST_DAY_COL + i)].width = 4.6
    for j in range(len(_TOTAL_COLUMNS)):
        ws.column_dimensions[get_column_letter(total_col + j)].width = 8
    ws.row_dimensions[1].height = 24
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{_HEAD_DAY}:{_HEAD_WEEKDAY}"
    ws.print_area = f"A1:{get_column_letter(last_col)}{ws.max_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.3
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    footer = ws.oddFooter
    if footer is not None and footer.center is not None and footer.right is not None:
        footer.center.text = "Page &P of &N"
        footer.right.text = "&D"


def _mark_change(cell: Cell) -> None:
    """Bold in an orange frame: the few cells a repair touched must stand out in print."""
    font = cell.font
    cell.font = Font(
        name=font.name, size=font.size, bold=True, italic=font.italic, color=font.color
    )
    cell.border = _CHANGE_BORDER


def _change_note(change: Change) -> str:
    note = f"was {change.before or 'off'}"
    return f"{note} ({change.why})" if change.why else note


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _name_width(staff: Sequence[Staff]) -> float:
    return min(24, max(8, *(_display_width(p.name) + 2 for p in staff)))


def _team_width(staff: Sequence[Staff]) -> float:
    return min(18, max(6, *(_display_width(p.team) + 2 for p in staff)))


def _write_cover_block(ws: Worksheet, facts: _Facts, row: int) -> int:
    """One row per shift and requirement, "on duty/needed" per day; returns the next row."""
    if facts.roster is None:
        return row
    sc = facts.scenario
    by_key = {(c.date, c.shift, c.requirement): c for c in facts.coverage}
    requirements: dict[str, set[str]] = {}
    for c in facts.coverage:
        requirements.setdefault(c.shift, set()).add(c.requirement)
    if not requirements:
        return row
    _put(ws, row, 1, "Cover: on duty / needed (red = short)", "rw_bold")
    row += 1
    for shift in sc.shifts:
        for requirement in sorted(requirements.get(shift.code, ()), key=_requirement_order):
            _put(ws, row, 1, f"{shift.code} {shift.name} · {requirement}", "rw_cov_label")
            for col in range(2, _FIRST_DAY_COL):
                _put(ws, row, col, None, "rw_cov_label")
            ws.merge_cells(
                start_row=row, start_column=1, end_row=row, end_column=_FIRST_DAY_COL - 1
            )
            for i, day in enumerate(sc.days):
                col = _FIRST_DAY_COL + i
                cov = by_key.get((day, shift.code, requirement))
                if cov is None:
                    _put(ws, row, col, None, "rw_cov_none")
                    continue
                text = f"{cov.assigned}/{cov.required}"
                if cov.short:
                    style = "rw_cov_short"
                elif cov.over:
                    style = "rw_cov_over"
                elif cov.required or cov.assigned:
                    style = "rw_cov_ok"
                else:
                    style = "rw_cov_none"
                _put(ws, row, col, text, style)
            row += 1
    return row


def _write_legend(ws: Worksheet, facts: _Facts, styles: _Styles, row: int) -> None:
    sc = facts.scenario
    handover = sc.rules.handover_minutes
    text_col = _FIRST_DAY_COL + 1
    _put(ws, row, 1, "Legend", "rw_bold")
    row += 1
    for shift in sc.shifts:
        hours = (shift.duration + handover) / 60
        _put(ws, row, _FIRST_DAY_COL, shift.code, styles.shift[shift.code])
        _put(
            ws,
            row,
            text_col,
            f"{shift.name} {_fmt_time(shift.start)}–{_fmt_time(shift.end)}"
            f"{' (night)' if shift.night else ''}, {_hours_text(hours)} h"
            f" with the {handover}-minute handover",
        )
        row += 1
    for label, meaning in LEAVE_LABELS.values():
        _put(ws, row, _FIRST_DAY_COL, label, "rw_leave")
        _put(ws, row, text_col, f"approved {meaning}")
        row += 1
    _put(ws, row, _FIRST_DAY_COL, "AL" + PENDING_MARK, "rw_leave_pending")
    _put(
        ws,
        row,
        text_col,
        f"pending leave (any type, marked {PENDING_MARK}) that this roster can grant:"
        " the person is off on every day of it",
    )
    row += 1
    if facts.changes is not None:
        _mark_change(_put(ws, row, _FIRST_DAY_COL, None, "rw_off"))
        _put(ws, row, text_col, "changed by the repair: the comment says what it was and why")
        row += 1
    _put(ws, row, _FIRST_DAY_COL, None, "rw_off_weekend")
    _put(ws, row, text_col, "weekend")
    row += 1
    _put(ws, row, _FIRST_DAY_COL, None, "rw_off_holiday")
    _put(ws, row, text_col, "public holiday (its name is in the comment on the day number)")
    row += 1
    _put(ws, row, _FIRST_DAY_COL, "1/2", "rw_cov_short")
    _put(ws, row, text_col, "cover short: fewer on duty than needed")
    row += 1
    _put(ws, row, _FIRST_DAY_COL, "3/2", "rw_cov_over")
    _put(ws, row, text_col, "more on duty than the maximum")
    row += 1
    _put(
        ws,
        row,
        1,
        f"hours = shift length + {handover}-minute handover (R9); weekends = shifts on Sat/Sun",
    )


def _write_table(
    ws: Worksheet, header: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[float]
) -> int:
    """A plain table with a styled, frozen header row; returns the number of data rows."""
    _put_row(ws, 1, header, "rw_th")
    n = 0
    for n, values in enumerate(rows, start=1):
        _put_row(ws, n + 1, values)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    return n


def _write_assignments_sheet(ws: Worksheet, facts: _Facts) -> None:
    rows: list[Sequence[Any]] = []
    if facts.roster is not None:
        ordered = sorted(facts.roster.assignments, key=lambda a: (a.date, a.staff_id, a.shift))
        rows = [(a.staff_id, a.date.isoformat(), a.shift) for a in ordered]
    _write_table(ws, ASSIGNMENT_COLUMNS, rows, (12, 12, 8))


def _write_coverage_sheet(ws: Worksheet, facts: _Facts) -> None:
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
    _write_table(ws, header, rows, (12, 8, 18, 10, 10, 8, 10, 8))
    for i, c in enumerate(facts.coverage, start=2):
        if c.short:
            ws.cell(row=i, column=6).style = "rw_short"
        if c.over:
            ws.cell(row=i, column=8).style = "rw_over"
    if facts.coverage:
        ws.auto_filter.ref = f"A1:H{len(facts.coverage) + 1}"


def _write_leave_sheet(ws: Worksheet, facts: _Facts) -> None:
    if facts.rule_verdicts is not None:
        _write_leave_rules_sheet(ws, facts, facts.rule_verdicts)
        return
    sc = facts.scenario
    names = {p.id: p.name for p in sc.staff}
    header = ("id", "staff_id", "name", "start", "end", "type", "status", "verdict", "note")
    rows = []
    for lv, verdict in zip(sc.leave, facts.leave_verdicts, strict=True):
        rows.append((*_leave_identity(lv, names), verdict.verdict, verdict.note))
    _write_table(ws, header, rows, (10, 10, 16, 12, 12, 16, 10, 18, 60))
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
    ws: Worksheet, facts: _Facts, verdicts: dict[int, LeaveVerdict]
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
    _write_table(ws, header, rows, widths)
    fail_font = _font(10, bold=True, color=FAIL_FONT)
    for r, values in enumerate(rows, start=2):
        if str(values[verdict_col - 1]).startswith("refused"):
            ws.cell(row=r, column=verdict_col).style = "rw_short"
        for j in range(len(LEAVE_RULES)):
            if values[first_rule_col - 1 + j] == "FAIL":
                ws.cell(row=r, column=first_rule_col + j).font = fail_font


def _write_changes_sheet(ws: Worksheet, facts: _Facts, changes: Sequence[Change]) -> None:
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
    _write_table(ws, CHANGE_COLUMNS, rows, (10, 16, 12, 8, 8, 60))


def _setting_value(value: Any) -> Any:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float | str):
        return value
    return str(value)


def _service_rows(facts: _Facts) -> list[tuple[str, Any]]:
    """What the roster delivers and costs (R21, R22), for the Summary's facts."""
    rows: list[tuple[str, Any]] = []
    if facts.service is not None:
        rows.append(("service level", headline(facts.service)))
    pay = facts.pay
    if pay is not None:
        rows += [
            ("paid hours", round(pay.paid_hours, 1)),
            ("premium hours (holiday, paid rest day)", round(pay.premium_hours, 1)),
            ("cost in hour-equivalents", round(pay.cost_hours, 1)),
            ("shifts beyond the need", pay.surplus_shifts),
            ("of which the minimum shifts force", pay.forced_surplus),
        ]
    return rows


def _write_summary_sheet(ws: Worksheet, facts: _Facts) -> None:
    result, sc = facts.result, facts.scenario
    names = {p.id: p.name for p in sc.staff}
    _put(ws, 1, 1, f"{sc.name}: solve summary", "rw_title")
    row = 3
    gap = result.gap
    facts_rows: list[tuple[str, Any]] = [
        ("status", result.status.value),
        ("objective", result.objective),
        ("best bound", result.bound),
        ("gap %", None if gap is None else round(gap * 100, 4)),
        ("wall time (s)", round(result.wall_time, 3)),
        (
            "time to first roster (s)",
            None if result.first_solution_time is None else round(result.first_solution_time, 3),
        ),
        ("hard-rule violations", len(facts.violations)),
    ]
    facts_rows += _service_rows(facts)
    for key, value in sorted(result.settings.items(), key=lambda kv: str(kv[0])):
        facts_rows.append((f"setting: {key}", _setting_value(value)))
    for key, value in facts_rows:
        _put(ws, row, 1, key, "rw_bold")
        _put(ws, row, 2, value)
        row += 1

    if result.reasons:
        row += 1
        no_roster = facts.roster is None
        title = "No roster could be made:" if no_roster else "Notes from the solver:"
        _put(ws, row, 1, title, "rw_reason" if no_roster else "rw_alert")
        row += 1
        for reason in result.reasons:
            _put(ws, row, 1, reason, "rw_reason" if no_roster else None)
            if no_roster:
                ws.row_dimensions[row].height = 20
            row += 1

    if facts.violations:
        row += 1
        _put(ws, row, 1, f"Hard-rule violations: {len(facts.violations)}", "rw_alert")
        row += 1
        _put_row(
            ws, row, ("rule", "rule name", "staff", "name", "date", "shift", "message"), "rw_th"
        )
        row += 1
        for v in facts.violations:
            values = (
                v.rule,
                HARD_RULES.get(v.rule, ""),
                v.staff_id or "",
                names.get(v.staff_id or "", ""),
                _iso(v.date),
                v.shift or "",
                v.message,
            )
            _put_row(ws, row, values)
            row += 1

    row += 1
    _put(ws, row, 1, "Objective by soft rule", "rw_subtitle")
    row += 1
    _put_row(ws, row, ("rule", "rule name", "cost"), "rw_th")
    row += 1
    by_rule = result.cost_by_rule()
    order = {rule: i for i, rule in enumerate(SOFT_RULES)}
    for rule in sorted(by_rule, key=lambda r: (order.get(r, len(order)), r)):
        _put_row(ws, row, (rule, SOFT_RULES.get(rule, ""), by_rule[rule]))
        row += 1
    _put_row(ws, row, ("total", "", sum(by_rule.values())), "rw_bold")
    row += 2

    _put(ws, row, 1, "Penalties: who and when", "rw_subtitle")
    row += 1
    header = ("rule", "cost", "weight", "amount", "staff", "name", "date", "shift", "description")
    _put_row(ws, row, header, "rw_th")
    row += 1
    items = sorted(result.penalties, key=lambda p: order.get(p.rule, len(order)))
    for p in items:
        penalty_row = (
            p.rule,
            p.cost,
            p.weight,
            p.amount,
            p.staff_id or "",
            names.get(p.staff_id or "", ""),
            _iso(p.date),
            p.shift or "",
            p.description,
        )
        _put_row(ws, row, penalty_row)
        row += 1
    for col, width in enumerate((26, 16, 8, 8, 10, 16, 12, 8, 60), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _write_duties_sheet(ws: Worksheet, facts: _Facts) -> None:
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
    _write_table(ws, header, rows, (12, 9, 16, 30, 30, 34, 70))


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
    facts = _Facts.build(scenario, result, violations, leave_verdicts, changes)
    wb = Workbook()
    styles = _Styles(wb, scenario.shifts)
    roster_ws = wb.active
    assert roster_ws is not None
    roster_ws.title = SHEETS[0]
    titles = list(SHEETS)
    if changes is not None:
        titles.insert(titles.index("Leave") + 1, CHANGES_SHEET)
    sheets = {SHEETS[0]: roster_ws}
    for title in titles[1:]:
        sheets[title] = wb.create_sheet(title)
    _write_roster_sheet(sheets["Roster"], facts, styles)
    _write_assignments_sheet(sheets["Assignments"], facts)
    _write_coverage_sheet(sheets["Coverage"], facts)
    if facts.service is not None:
        service = wb.create_sheet(SERVICE_SHEET, titles.index("Coverage") + 1)
        write_service_sheet(service, facts.service, facts.calendar)
        sheets[SERVICE_SHEET] = service
    _write_leave_sheet(sheets["Leave"], facts)
    if changes is not None:
        _write_changes_sheet(sheets[CHANGES_SHEET], facts, changes)
    _write_summary_sheet(sheets["Summary"], facts)
    _write_duties_sheet(sheets["Duties"], facts)
    for ws in sheets.values():
        ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
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


def read_roster_assignments(path: Path) -> Roster:
    """The roster in the ``Assignments`` sheet of a roster workbook (possibly hand-edited).

    Rows whose shift is ``OFF`` or which are wholly blank are skipped; the order of the
    sheet is kept. Two rows for one person and day are kept too: judging them is the
    checker's job (R4), not the reader's.
    """
    sheet = "Assignments"
    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise RosterInputError(f"roster workbook {str(path)!r} does not exist") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise RosterInputError(f"{str(path)!r} is not a readable .xlsx workbook ({exc})") from None
    try:
        if sheet not in wb.sheetnames:
            raise RosterInputError(
                f"the workbook has no '{sheet}' sheet (it has: {', '.join(wb.sheetnames)})",
                sheet=sheet,
            )
        return _read_assignments(wb[sheet], sheet)
    finally:
        wb.close()


def _read_assignments(ws: Any, sheet: str) -> Roster:
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
