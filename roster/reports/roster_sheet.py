"""The ``Roster`` sheet: the printable month grid for the notice board, a person a row and
a day a column, with the cover per shift under it and a legend; printed on A3 landscape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roster.io.roster_reader import LEAVE_LABELS, PENDING_MARK
from roster.io.xlsx import clean_text, put
from roster.model import GRADES, ROLES, WEEKDAY_NAMES, Change, Scenario, Staff
from roster.reports.facts import RosterFacts
from roster.reports.styles import CHANGE_FRAME, Styles, fit_width

# Roster sheet geometry.
_TITLE_ROWS = 3
_HEAD_DAY = _TITLE_ROWS + 1  # day numbers
_HEAD_WEEKDAY = _TITLE_ROWS + 2  # weekday names
_FIRST_PERSON = _TITLE_ROWS + 3
_PERSON_COLUMNS = ("id", "name", "grade", "team")
_FIRST_DAY_COL = len(_PERSON_COLUMNS) + 1
_TOTAL_COLUMNS = ("shifts", "nights", "weekends", "hours")
_MAX_CELL_COMMENTS = 2000


def _fmt_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _hours_text(hours: float) -> str:
    return f"{hours:.2f}".rstrip("0").rstrip(".")


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


def write_roster_sheet(ws: Worksheet, facts: RosterFacts, styles: Styles) -> None:
    sc, result, cal = facts.scenario, facts.result, facts.calendar
    days = sc.days
    n_days = len(days)
    total_col = _FIRST_DAY_COL + n_days
    last_col = total_col + len(_TOTAL_COLUMNS) - 1
    holidays = cal.holidays

    put(ws, 1, 1, sc.name, "rw_title")
    put(ws, 2, 1, _horizon_label(sc), "rw_subtitle")
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
    put(ws, 3, 1, status, "rw_subtitle")

    # Header: person columns span both header rows; each day has its number over its weekday.
    for col, label in enumerate(_PERSON_COLUMNS, start=1):
        put(ws, _HEAD_DAY, col, label, "rw_head")
        ws.merge_cells(start_row=_HEAD_DAY, start_column=col, end_row=_HEAD_WEEKDAY, end_column=col)
    day_kind: list[str] = []
    for i, day in enumerate(days):
        col = _FIRST_DAY_COL + i
        kind = "holiday" if day in holidays else "weekend" if cal.is_weekend(day) else ""
        day_kind.append(kind)
        style = f"rw_head_{kind}" if kind else "rw_head"
        top = put(ws, _HEAD_DAY, col, day.day, style)
        put(ws, _HEAD_WEEKDAY, col, WEEKDAY_NAMES[day.weekday()], style)
        if kind == "holiday":
            top.comment = Comment(clean_text(holidays[day]), "roster")
    for j, label in enumerate(_TOTAL_COLUMNS):
        col = total_col + j
        put(ws, _HEAD_DAY, col, label, "rw_head")
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
            put(ws, row, col, value, f"rw_text{suffix}")
        n_shifts = n_nights = n_weekends = 0
        minutes = 0
        for i, day in enumerate(days):
            col = _FIRST_DAY_COL + i
            key = (person.id, day)
            codes = facts.worked.get(key)
            leave = facts.leave_cells.get(key)
            note: list[str] = []
            if codes:
                cell = put(
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
                    cell = put(ws, row, col, label + PENDING_MARK, "rw_leave_pending")
                else:
                    cell = put(ws, row, col, label, "rw_leave")
            else:
                cell = put(ws, row, col, None, off_style[i])
            change = facts.changed.get(key) if facts.changed else None
            if change is not None:
                mark_change(cell)
                note.insert(0, _change_note(change))
            note.extend(violation_notes.get(key, ()))
            if note and comments < _MAX_CELL_COMMENTS:
                cell.comment = Comment(clean_text("\n".join(note)), "roster")
                comments += 1
        totals = (n_shifts, n_nights, n_weekends)
        for j, total in enumerate(totals):
            put(ws, row, total_col + j, total, f"rw_total{suffix}")
        put(ws, row, total_col + 3, round(minutes / 60, 2), f"rw_hours{suffix}")
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
    fit_width(ws)
    ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.print_title_rows = f"{_HEAD_DAY}:{_HEAD_WEEKDAY}"
    ws.print_area = f"A1:{get_column_letter(last_col)}{ws.max_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.3
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    footer = ws.oddFooter
    if footer is not None and footer.center is not None and footer.right is not None:
        footer.center.text = "Page &P of &N"
        footer.right.text = "&D"


def mark_change(cell: Cell) -> None:
    """Bold in an orange frame: the few cells a repair touched must stand out in print."""
    font = cell.font
    cell.font = Font(
        name=font.name, size=font.size, bold=True, italic=font.italic, color=font.color
    )
    cell.border = CHANGE_FRAME


def _change_note(change: Change) -> str:
    note = f"was {change.before or 'off'}"
    return f"{note} ({change.why})" if change.why else note


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _name_width(staff: Sequence[Staff]) -> float:
    return min(24, max(8, *(_display_width(p.name) + 2 for p in staff)))


def _team_width(staff: Sequence[Staff]) -> float:
    return min(18, max(6, *(_display_width(p.team) + 2 for p in staff)))


def _write_cover_block(ws: Worksheet, facts: RosterFacts, row: int) -> int:
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
    put(ws, row, 1, "Cover: on duty / needed (red = short)", "rw_bold")
    row += 1
    for shift in sc.shifts:
        for requirement in sorted(requirements.get(shift.code, ()), key=_requirement_order):
            put(ws, row, 1, f"{shift.code} {shift.name} · {requirement}", "rw_cov_label")
            for col in range(2, _FIRST_DAY_COL):
                put(ws, row, col, None, "rw_cov_label")
            ws.merge_cells(
                start_row=row, start_column=1, end_row=row, end_column=_FIRST_DAY_COL - 1
            )
            for i, day in enumerate(sc.days):
                col = _FIRST_DAY_COL + i
                cov = by_key.get((day, shift.code, requirement))
                if cov is None:
                    put(ws, row, col, None, "rw_cov_none")
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
                put(ws, row, col, text, style)
            row += 1
    return row


def _write_legend(ws: Worksheet, facts: RosterFacts, styles: Styles, row: int) -> None:
    sc = facts.scenario
    handover = sc.rules.handover_minutes
    text_col = _FIRST_DAY_COL + 1
    put(ws, row, 1, "Legend", "rw_bold")
    row += 1
    for shift in sc.shifts:
        hours = (shift.duration + handover) / 60
        put(ws, row, _FIRST_DAY_COL, shift.code, styles.shift[shift.code])
        put(
            ws,
            row,
            text_col,
            f"{shift.name} {_fmt_time(shift.start)}–{_fmt_time(shift.end)}"
            f"{' (night)' if shift.night else ''}, {_hours_text(hours)} h"
            f" with the {handover}-minute handover",
        )
        row += 1
    for label, meaning in LEAVE_LABELS.values():
        put(ws, row, _FIRST_DAY_COL, label, "rw_leave")
        put(ws, row, text_col, f"approved {meaning}")
        row += 1
    put(ws, row, _FIRST_DAY_COL, "AL" + PENDING_MARK, "rw_leave_pending")
    put(
        ws,
        row,
        text_col,
        f"pending leave (any type, marked {PENDING_MARK}) that this roster can grant:"
        " the person is off on every day of it",
    )
    row += 1
    if facts.changes is not None:
        mark_change(put(ws, row, _FIRST_DAY_COL, None, "rw_off"))
        put(ws, row, text_col, "changed by the repair: the comment says what it was and why")
        row += 1
    put(ws, row, _FIRST_DAY_COL, None, "rw_off_weekend")
    put(ws, row, text_col, "weekend")
    row += 1
    put(ws, row, _FIRST_DAY_COL, None, "rw_off_holiday")
    put(ws, row, text_col, "public holiday (its name is in the comment on the day number)")
    row += 1
    put(ws, row, _FIRST_DAY_COL, "1/2", "rw_cov_short")
    put(ws, row, text_col, "cover short: fewer on duty than needed")
    row += 1
    put(ws, row, _FIRST_DAY_COL, "3/2", "rw_cov_over")
    put(ws, row, text_col, "more on duty than the maximum")
    row += 1
    put(
        ws,
        row,
        1,
        f"hours = shift length + {handover}-minute handover (R9); weekends = shifts on Sat/Sun",
    )
