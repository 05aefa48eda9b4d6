"""Who is on each shift against what the cover table asks (R1-R3), computed from a roster."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from roster.calendar import Calendar
from roster.model import GRADES, Roster, Staff


@dataclass(frozen=True)
class CoverageRow:
    """One line of the ``Coverage`` sheet.

    ``short`` is the number of seats of this requirement left empty by the best seating:
    with upward substitution, seniors fill senior seats first, spare seniors then mid
    seats, and so on down, which leaves the fewest seats empty.
    """

    date: dt.date
    shift: str
    requirement: str
    required: int
    assigned: int
    short: int
    maximum: int | None = None

    @property
    def over(self) -> int:
        if self.maximum is None:
            return 0
        return max(0, self.assigned - self.maximum)


def on_duty(roster: Roster) -> dict[tuple[dt.date, str], list[str]]:
    """(day, shift) -> staff ids working it."""
    table: dict[tuple[dt.date, str], list[str]] = {}
    for a in roster.assignments:
        table.setdefault((a.date, a.shift), []).append(a.staff_id)
    return table


def coverage_rows(calendar: Calendar, roster: Roster) -> list[CoverageRow]:
    """Every requirement of every shift of every day, with what the roster puts on it."""
    scenario = calendar.scenario
    people = {s.id: s for s in scenario.staff}
    duty = on_duty(roster)
    rows: list[CoverageRow] = []
    for day in calendar.days:
        for shift in scenario.shifts:
            staff = [people[i] for i in duty.get((day, shift.code), []) if i in people]
            rows += slot_rows(calendar, day, shift.code, staff)
    return rows


def slot_rows(
    calendar: Calendar, day: dt.date, shift: str, staff: Sequence[Staff]
) -> list[CoverageRow]:
    """The requirements of one shift of one day with these people on it.

    A change that touches a few shifts (a swap) re-judges only those, with the same
    seating as the whole table.
    """
    needs = calendar.needs(day, shift)
    if not needs:
        return []
    substitute = calendar.scenario.rules.upward_substitution
    by_grade = {g: sum(1 for p in staff if p.grade == g) for g in GRADES}
    spare = 0
    grade_short: dict[str, int] = {}
    for grade in reversed(GRADES):
        seats = needs[grade].min if grade in needs else 0
        if substitute:
            available = by_grade[grade] + spare
            grade_short[grade] = max(0, seats - available)
            spare = max(0, available - seats)
        else:
            grade_short[grade] = max(0, seats - by_grade[grade])
    rows: list[CoverageRow] = []
    for requirement, need in needs.items():
        if requirement in GRADES:
            assigned = by_grade[requirement]
            short = grade_short[requirement]
        else:
            assigned = sum(1 for p in staff if p.has_role(requirement))
            short = max(0, need.min - assigned)
        rows.append(CoverageRow(day, shift, requirement, need.min, assigned, short, need.max))
    return rows
