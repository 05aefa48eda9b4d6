"""Who is on each shift against what the cover table asks (R1-R3), computed from a roster."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from roster.calendar import Calendar, Need
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


def _own(need: Need, default: int | None) -> int | None:
    return need.weight_under if need.weight_under is not None else default


def under_weight(calendar: Calendar, day: dt.date, shift: str, requirement: str) -> int | None:
    """What one empty seat of this requirement costs; ``None``: the seat is hard (R1/R3).

    A row's own ``weight_under`` wins over the scenario's (``weight_cover_under`` for
    grades, ``weight_role_under`` for roles). With upward substitution grade seats are
    shared, so every grade seat of the shift costs the highest weight among its grade rows,
    and all are hard when one of them is.
    """
    scenario = calendar.scenario
    needs = calendar.needs(day, shift)
    need = needs.get(requirement)
    if requirement not in GRADES:
        return _own(need, scenario.weights.role_under) if need else scenario.weights.role_under
    default = scenario.weights.cover_under
    if not scenario.rules.upward_substitution:
        return _own(need, default) if need else default
    found = [_own(n, default) for g, n in needs.items() if g in GRADES and n.min > 0]
    if any(w is None for w in found):
        return None
    return max((w or 0 for w in found), default=0)


def successor_needed(calendar: Calendar, day: dt.date, shift: str) -> bool:
    """R9 binds an operating shift unless one of its grade seats is soft: R1 then prices
    (or, at weight 0, frees) an empty shift, and a hard seat needs someone anyway."""
    if not calendar.operating(day, shift):
        return False
    default = calendar.scenario.weights.cover_under
    return all(
        _own(n, default) is None
        for g, n in calendar.needs(day, shift).items()
        if g in GRADES and n.min > 0
    )
