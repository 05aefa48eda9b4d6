"""The what-if comparison for a manager: a workbook with charts, and a one-screen summary.

Kept apart from :mod:`roster.app.whatif` so that the numbers (solved there) and their layout
(here) can change independently; nothing here solves anything. Names and the variant's
name come from the user, so every cell goes through ``roster.io.xlsx.put``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roster.io.xlsx import put_row, save_workbook_atomic
from roster.model import HARD_RULES, SOFT_RULES

if TYPE_CHECKING:  # the numbers' types only: this module never solves
    from roster.app.whatif import Comparison, Side

_BOLD = Font(bold=True)
CHART_ANCHOR = "H2"


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _table(ws: Worksheet, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Header in bold on row 1, rows below; returns the last row written."""
    put_row(ws, 1, header)
    for cell in ws[1]:
        cell.font = _BOLD
    last = 1
    for row in rows:
        last += 1
        put_row(ws, last, row)
    for i, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, len(name) + 2)
    ws.freeze_panes = "A2"
    return last


def _cost(side: Side) -> dict[str, int]:
    return dict(side.cost_by_rule)


def summary_rows(comparison: Comparison) -> list[tuple[str, Any, Any]]:
    """The Summary sheet and the terminal summary share these rows."""
    b, v = comparison.base, comparison.variant
    rows: list[tuple[str, Any, Any]] = [
        ("scenario", b.scenario_name, v.scenario_name),
        ("staff", b.headcount, v.headcount),
        ("feasible (every hard rule)", _yes_no(b.feasible), _yes_no(v.feasible)),
        ("status", b.status, v.status),
        ("objective", _dash(b.objective), _dash(v.objective)),
        ("cover made soft to measure shortfall", _yes_no(b.soft_cover), _yes_no(v.soft_cover)),
        ("soft-cover status", b.soft_status or "-", v.soft_status or "-"),
        ("least shortfall (people x shifts)", b.total_short, v.total_short),
    ]
    for rule in ("R1", "R2", "R3"):
        short_b, short_v = b.short_by_rule().get(rule, 0), v.short_by_rule().get(rule, 0)
        if short_b or short_v:
            rows.append((f"  shortfall {rule} {HARD_RULES[rule]}", short_b, short_v))
    costs_b, costs_v = _cost(b), _cost(v)
    for rule in sorted(set(costs_b) | set(costs_v), key=lambda r: int(r[1:])):
        name = SOFT_RULES.get(rule, "").split(" (")[0]
        rows.append((f"cost {rule} {name}", costs_b.get(rule, 0), costs_v.get(rule, 0)))
    for what, attr in (("nights", "nights"), ("weekend shifts", "weekends")):
        rows.append(
            (
                f"{what} per person (min-max)",
                _spread([getattr(p, attr) for p in b.people]),
                _spread([getattr(p, attr) for p in v.people]),
            )
        )
    rows.append(
        (
            "holiday shifts (total)",
            sum(p.holidays for p in b.people),
            sum(p.holidays for p in v.people),
        )
    )
    rows.append(
        (
            "total hours",
            round(sum(p.hours for p in b.people), 2),
            round(sum(p.hours for p in v.people), 2),
        )
    )
    rows.append(("solve time (s)", round(b.wall_time, 2), round(v.wall_time, 2)))
    return rows


def _dash(value: int | None) -> Any:
    return "-" if value is None else value


def _spread(values: list[int]) -> str:
    return f"{min(values)}-{max(values)}" if values else "-"


def summary_lines(comparison: Comparison) -> list[str]:
    """One screen for the terminal: what changed, then base and variant side by side."""
    b, v = comparison.base, comparison.variant
    lines = [f"What-if {comparison.record.name!r}: " + "; ".join(comparison.changes)]
    lines.append(f"{'':40} {'base':>14} {v.label[:14]:>14}")
    for label, left, right in summary_rows(comparison):
        lines.append(f"{label[:40]:40} {left!s:>14} {right!s:>14}")
    for side in (b, v):
        if side.shortfall:
            worst = sorted(side.short_by_day().items(), key=lambda kv: (-kv[1], kv[0]))[:3]
            days = ", ".join(f"{d.isoformat()} ({n})" for d, n in worst)
            lines.append(f"{side.label}: most short on {days}")
        elif not side.has_roster:
            reason = side.reasons[0] if side.reasons else "no roster found"
            lines.append(f"{side.label}: no roster even with cover made soft: {reason}")
        if side.minimums:
            lines.append(f"{side.label}: {side.minimums}")
    return lines


def _write_summary(ws: Worksheet, comparison: Comparison) -> None:
    _table(ws, ("", "base", comparison.variant.label), summary_rows(comparison))
    ws.column_dimensions["A"].width = 42
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 16


def _write_shortfall(ws: Worksheet, comparison: Comparison) -> None:
    rows = [
        (side.label, r.date, r.shift, r.rule, r.requirement, r.required, r.rostered, r.short)
        for side in (comparison.base, comparison.variant)
        for r in side.shortfall
    ]
    header = ("side", "date", "shift", "rule", "requirement", "required", "rostered", "short")
    _table(ws, header, rows)
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "yyyy-mm-dd"


def _write_fairness(ws: Worksheet, comparison: Comparison) -> None:
    b = {p.staff_id: p for p in comparison.base.people}
    v = {p.staff_id: p for p in comparison.variant.people}
    ids = list(dict.fromkeys([*b, *v]))
    rows = []
    for staff_id in ids:
        left, right = b.get(staff_id), v.get(staff_id)
        any_side = left or right
        assert any_side is not None
        row: list[Any] = [staff_id, any_side.name, any_side.grade]
        for p in (left, right):
            row += ["-"] * 5 if p is None else [p.shifts, p.nights, p.weekends, p.holidays, p.hours]
        rows.append(row)
    header = ["id", "name", "grade"]
    for side in ("base", "variant"):
        header += [f"{side} {w}" for w in ("shifts", "nights", "weekends", "holidays", "hours")]
    _table(ws, header, rows)


def _write_variant(ws: Worksheet, comparison: Comparison) -> None:
    rec = comparison.record
    rows: list[tuple[str, str]] = [("name", rec.name), ("seed", str(rec.seed))]
    rows += [("remove", i) for i in rec.remove]
    rows += [("add", a) for a in rec.add]
    rows += [("demand", d) for d in rec.demand]
    rows += [("set", f"{k}={val}") for k, val in rec.settings]
    rows += [(f"solver {k}", val) for k, val in comparison.settings]
    _table(ws, ("what", "value"), rows)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 40


def _write_cover_chart(ws: Worksheet, comparison: Comparison) -> None:
    """Required vs rostered per day and shift, both sides, as a clustered bar chart."""
    b = {(p.date, p.shift): p for p in comparison.base.cover}
    v = {(p.date, p.shift): p for p in comparison.variant.cover}
    rows = []
    for day in comparison.days:
        for shift in comparison.shifts:
            left, right = b.get((day, shift)), v.get((day, shift))
            rows.append(
                (
                    f"{day.isoformat()} {shift}",
                    left.required if left else 0,
                    left.rostered if left else 0,
                    right.required if right else 0,
                    right.rostered if right else 0,
                )
            )
    header = ("day shift", "base required", "base rostered", "variant required", "variant rostered")
    last = _table(ws, header, rows)
    ws.column_dimensions["A"].width = 16
    chart = BarChart()
    chart.type = "col"
    chart.title = "Required vs rostered per day and shift"
    chart.y_axis.title = "people"
    chart.x_axis.title = "day and shift"
    data = Reference(ws, min_col=2, max_col=5, min_row=1, max_row=last)
    cats = Reference(ws, min_col=1, min_row=2, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.width, chart.height = 30, 12
    ws.add_chart(chart, CHART_ANCHOR)


def _write_daily_chart(ws: Worksheet, comparison: Comparison) -> None:
    """People missing per day (all shifts and rules), both sides."""
    b, v = comparison.base.short_by_day(), comparison.variant.short_by_day()
    rows: list[tuple[dt.date, int, int]] = [
        (day, b.get(day, 0), v.get(day, 0)) for day in comparison.days
    ]
    last = _table(ws, ("date", "base short", "variant short"), rows)
    for row in ws.iter_rows(min_row=2, min_col=1, max_col=1):
        row[0].number_format = "yyyy-mm-dd"
    ws.column_dimensions["A"].width = 12
    chart = BarChart()
    chart.type = "col"
    chart.title = "Shortfall per day (people missing)"
    chart.y_axis.title = "people x shifts"
    data = Reference(ws, min_col=2, max_col=3, min_row=1, max_row=last)
    cats = Reference(ws, min_col=1, min_row=2, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.width, chart.height = 24, 10
    ws.add_chart(chart, CHART_ANCHOR)


def build_comparison_workbook(comparison: Comparison) -> Workbook:
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = "Summary"
    _write_summary(summary, comparison)
    _write_shortfall(wb.create_sheet("Shortfall"), comparison)
    _write_daily_chart(wb.create_sheet("Shortfall per day"), comparison)
    _write_cover_chart(wb.create_sheet("Cover"), comparison)
    _write_fairness(wb.create_sheet("Fairness"), comparison)
    _write_variant(wb.create_sheet("Variant"), comparison)
    return wb


def write_comparison_workbook(path: Path, comparison: Comparison) -> None:
    """Sheets Summary, Shortfall, Shortfall per day (chart), Cover (chart), Fairness, Variant;
    written atomically so a failed run never leaves a damaged file."""
    save_workbook_atomic(build_comparison_workbook(comparison), Path(path))
