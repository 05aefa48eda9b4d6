"""Duties that ride on the roster (D1-D4 of ``docs/rules.md``): who does what on each day.

- D1: each day's day-shift team leader compiles the daily work report;
- D2: Monday's day-shift team leader organises the changing-room clean;
- D3: the day shift waters the plants, on Fridays it also cleans the leaves;
- D4: the team leaders' service-quality report is due on the 22nd, the callback seat's
  satisfaction summary each Monday at 18:00.

The "day shift" is the first non-night shift of the shift table. Pure Python, no solver:
the roster workbook's ``Duties`` sheet only lays these rows out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from roster.model import Roster, Scenario, Shift, Staff

DUTIES: dict[str, str] = {
    "D1": "daily report",
    "D2": "changing-room clean",
    "D3": "plants",
    "D4": "due",
}
"""Duty -> its short name, in order."""

NO_ROSTER = "(no roster)"
"""Who, when there is no roster to say it."""


@dataclass(frozen=True)
class Duty:
    """One duty on one day; ``who`` names the people (``Name (id)``, ``;``-separated) or,
    for D3 and D4, says in words what is to be done and by whom."""

    day: dt.date
    duty: str
    who: str


def day_shift(scenario: Scenario) -> Shift | None:
    """The shift of D1-D3: the first non-night shift of the shift table."""
    return next((s for s in scenario.shifts if not s.night), None)


def duties(scenario: Scenario, roster: Roster | None) -> list[Duty]:
    """Every duty of the horizon, by day and then D1-D4; a duty with nobody to name is
    said in words ("no team leader on D"), one that does not fall on a day is left out."""
    people = {p.id: p for p in scenario.staff}
    on_shift: dict[tuple[dt.date, str], list[Staff]] = {}
    worked = roster.by_person_day() if roster is not None else {}
    for (staff_id, day), codes in worked.items():
        person = people.get(staff_id)
        if person is not None:
            for code in codes:
                on_shift.setdefault((day, code), []).append(person)
    team_leaders = [p for p in scenario.staff if p.has_role("team_leader")]
    first = day_shift(scenario)
    out: list[Duty] = []
    for day in scenario.days:
        monday = day.weekday() == 0
        leaders = ""
        if roster is None:
            leaders = NO_ROSTER
        elif first is not None:
            on = [p for p in on_shift.get((day, first.code), []) if p.has_role("team_leader")]
            leaders = _who(on) or f"no team leader on {first.code}"
        if leaders:
            out.append(Duty(day, "D1", leaders))
            if monday:
                out.append(Duty(day, "D2", leaders))
        if first is not None:
            plants = f"{first.code} shift: water the plants"
            if day.weekday() == 4:
                plants += " + clean the leaves"
            out.append(Duty(day, "D3", plants))
        if day.day == 22:
            report = f"team leaders' service-quality report due ({_who(team_leaders)})"
            out.append(Duty(day, "D4", report))
        if monday:
            if roster is None:
                callback = NO_ROSTER
            else:
                on_duty = {
                    p.id: p
                    for s in scenario.shifts
                    for p in on_shift.get((day, s.code), [])
                    if p.has_role("callback")
                }
                callback = _who(on_duty.values()) or "no callback staff on duty"
            out.append(Duty(day, "D4", f"callback satisfaction summary due 18:00: {callback}"))
    return out


def _who(staff: Iterable[Staff]) -> str:
    return "; ".join(f"{p.name} ({p.id})" for p in sorted(staff, key=lambda p: p.id))
