"""The ``Summary`` sheet: how the solve went (status, objective, bound, time, settings),
what the roster delivers and costs (R21, R22), the hard-rule violations, and the soft
rules' cost, by rule and item by item.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roster.io.xlsx import put, put_row
from roster.model import HARD_RULES, SOFT_RULES
from roster.reports.facts import RosterFacts
from roster.reports.service_sheet import headline


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _setting_value(value: Any) -> Any:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float | str):
        return value
    return str(value)


def _service_rows(facts: RosterFacts) -> list[tuple[str, Any]]:
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


def write_summary_sheet(ws: Worksheet, facts: RosterFacts) -> None:
    result, sc = facts.result, facts.scenario
    names = {p.id: p.name for p in sc.staff}
    put(ws, 1, 1, f"{sc.name}: solve summary", "rw_title")
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
        put(ws, row, 1, key, "rw_bold")
        put(ws, row, 2, value)
        row += 1

    if result.reasons:
        row += 1
        no_roster = facts.roster is None
        title = "No roster could be made:" if no_roster else "Notes from the solver:"
        put(ws, row, 1, title, "rw_reason" if no_roster else "rw_alert")
        row += 1
        for reason in result.reasons:
            put(ws, row, 1, reason, "rw_reason" if no_roster else None)
            if no_roster:
                ws.row_dimensions[row].height = 20
            row += 1

    if facts.violations:
        row += 1
        put(ws, row, 1, f"Hard-rule violations: {len(facts.violations)}", "rw_alert")
        row += 1
        put_row(
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
            put_row(ws, row, values)
            row += 1

    row += 1
    put(ws, row, 1, "Objective by soft rule", "rw_subtitle")
    row += 1
    put_row(ws, row, ("rule", "rule name", "cost"), "rw_th")
    row += 1
    by_rule = result.cost_by_rule()
    order = {rule: i for i, rule in enumerate(SOFT_RULES)}
    for rule in sorted(by_rule, key=lambda r: (order.get(r, len(order)), r)):
        put_row(ws, row, (rule, SOFT_RULES.get(rule, ""), by_rule[rule]))
        row += 1
    put_row(ws, row, ("total", "", sum(by_rule.values())), "rw_bold")
    row += 2

    put(ws, row, 1, "Penalties: who and when", "rw_subtitle")
    row += 1
    header = ("rule", "cost", "weight", "amount", "staff", "name", "date", "shift", "description")
    put_row(ws, row, header, "rw_th")
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
        put_row(ws, row, penalty_row)
        row += 1
    for col, width in enumerate((26, 16, 8, 8, 10, 16, 12, 8, 60), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
