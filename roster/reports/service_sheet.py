"""The roster workbook's ``Service`` sheet (R22): per day and interval the forecast calls,
the agents needed, the agents rostered and the expected service level, with two charts of
needed against rostered (over a typical weekday, and day by day over the month).

Every figure comes from :mod:`roster.checks.service`, recomputed from the roster.
"""

from __future__ import annotations

from typing import cast

from openpyxl.chart import LineChart, Reference
from openpyxl.chart.axis import TextAxis
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roster.calendar import Calendar
from roster.checks.service import ServiceReport, daily_need, interval_label, typical_day
from roster.io.xlsx import put, put_row
from roster.model import WEEKDAY_NAMES
from roster.reports.styles import fit_width

SHEET = "Service"
COLUMNS = (
    "date",
    "weekday",
    "interval",
    "calls",
    "aht (s)",
    "agents needed",
    "agents rostered",
    "service level",
    "target",
)
_BELOW = PatternFill(fill_type="solid", start_color="FFC7CE", end_color="FFC7CE")
_BOLD = Font(bold=True)
_CHART_ROW = 5  # the two charts, side by side, above the table
_CHART_ROWS = 17
_PRINTED = 16  # the printed columns: the table's and the charts' beside it
_HEAD = _CHART_ROW + _CHART_ROWS + 1  # the header row of the interval table
_TYPICAL_COL = _PRINTED + 2  # the charts' data, right of the printed columns
_DAILY_COL = _TYPICAL_COL + 4


def headline(report: ServiceReport) -> str:
    """One line for a team lead: the month's service level and its worst interval."""
    text = (
        f"{report.level:.1%} of {report.calls:,.0f} calls answered within "
        f"{report.answer:g} s (target {report.target:.0%})"
    )
    worst = report.worst
    if worst is not None:
        when = f"{worst.day.isoformat()} {interval_label(worst.start, report.minutes)}"
        text += f"; worst interval {when}: {worst.level:.1%}"
    return text


def write_service_sheet(ws: Worksheet, report: ServiceReport, calendar: Calendar) -> None:
    """Fill ``ws``: the headline, two charts, then every interval; the charts' data sit
    right of the printed columns."""
    put(ws, 1, 1, "Service level by interval (Erlang C on the rostered agents)")
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    put(ws, 2, 1, headline(report))
    short = report.short
    put(ws, 3, 1, f"{short} interval(s) expected below target" if short else "")
    put_row(ws, _HEAD, COLUMNS)
    for col in range(1, len(COLUMNS) + 1):
        cell = ws.cell(row=_HEAD, column=col)
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    row = _HEAD + 1
    for i in report.intervals:
        values = (
            i.day.isoformat(),
            WEEKDAY_NAMES[i.day.weekday()],
            interval_label(i.start, report.minutes),
            i.calls,
            i.aht,
            i.needed,
            i.rostered,
            round(i.level, 4),
            i.target,
        )
        put_row(ws, row, values)
        ws.cell(row=row, column=8).number_format = "0.0%"
        ws.cell(row=row, column=9).number_format = "0%"
        if i.short:
            ws.cell(row=row, column=8).fill = _BELOW
        row += 1
    typical = _write_typical(ws, report, calendar)
    days = _write_daily(ws, report)
    _charts(ws, typical, days)
    for col, width in enumerate((11, 9, 13, 8, 8, 9, 9, 9, 8), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = f"A{_HEAD + 1}"
    ws.print_area = f"A1:{get_column_letter(_PRINTED)}{max(row - 1, _HEAD)}"
    ws.print_title_rows = f"{_HEAD}:{_HEAD}"
    fit_width(ws)


def _write_typical(ws: Worksheet, report: ServiceReport, calendar: Calendar) -> int:
    col = _TYPICAL_COL
    put(ws, _HEAD - 1, col, "A typical weekday (average)")
    ws.cell(row=_HEAD - 1, column=col).font = _BOLD
    put_row(ws, _HEAD, ("from", "needed", "rostered"), first=col)
    rows = typical_day(report, calendar)
    for k, (start, need, have, _) in enumerate(rows, start=_HEAD + 1):
        when = f"{start // 60:02d}:{start % 60:02d}"
        put_row(ws, k, (when, round(need, 2), round(have, 2)), first=col)
    return len(rows)


def _write_daily(ws: Worksheet, report: ServiceReport) -> int:
    col = _DAILY_COL
    put(ws, _HEAD - 1, col, "Agent-hours by day")
    ws.cell(row=_HEAD - 1, column=col).font = _BOLD
    put_row(ws, _HEAD, ("day", "needed", "rostered"), first=col)
    rows = daily_need(report)
    for k, (day, need, have) in enumerate(rows, start=_HEAD + 1):
        put_row(ws, k, (day.day, round(need, 1), round(have, 1)), first=col)
    return len(rows)


def _charts(ws: Worksheet, typical: int, days: int) -> None:
    """Needed against rostered: over a typical weekday, and over the month."""
    if typical:
        chart = _line_chart(
            ws, _TYPICAL_COL, typical, "A typical weekday: agents needed and rostered", "agents"
        )
        ws.add_chart(chart, f"A{_CHART_ROW}")
    if days:
        chart = _line_chart(
            ws, _DAILY_COL, days, "The month: agent-hours needed and rostered", "agent-hours"
        )
        ws.add_chart(chart, f"H{_CHART_ROW}")


def _line_chart(ws: Worksheet, col: int, rows: int, title: str, unit: str) -> LineChart:
    chart = LineChart()
    chart.title = title
    chart.y_axis.title = unit
    chart.height = 7.5
    chart.width = 13.5  # type: ignore[assignment]  # centimetres; the stubs say int
    if chart.legend is not None:
        chart.legend.position = "b"
    data = Reference(ws, min_col=col + 1, max_col=col + 2, min_row=_HEAD, max_row=_HEAD + rows)
    chart.add_data(data, titles_from_data=True)
    for series in chart.series:
        series.smooth = False  # a step between intervals, not a curve through them
    chart.set_categories(Reference(ws, min_col=col, min_row=_HEAD + 1, max_row=_HEAD + rows))
    axis = cast(TextAxis, chart.x_axis)
    axis.tickLblSkip = 4 if rows > 31 else 2
    return chart
