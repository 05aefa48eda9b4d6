"""R13 MEETINGS: no night shift touching the monthly meeting or the team-leader meeting."""

from __future__ import annotations

import datetime as dt

from roster.calendar import Calendar, Need
from roster.constraints.context import Context, Penalty, RuleFamily
from roster.model import GRADES, MINUTES_PER_DAY, Scenario


def _meetings(calendar: Calendar) -> list[tuple[dt.date, str, bool]]:
    """(day, label, team leaders only) of every meeting in the horizon."""
    return [(day, "monthly meeting", False) for day in calendar.monthly_meetings] + [
        (day, "team-leader meeting", True) for day in calendar.team_meetings
    ]


def _touching(scenario: Scenario, day: dt.date) -> list[tuple[int, int]]:
    """(day index, shift index) of the night shifts whose hours touch ``day``."""
    m = scenario.day_index(day)
    lo, hi = m * MINUTES_PER_DAY, (m + 1) * MINUTES_PER_DAY
    return [
        (d, s)
        for d in (m - 1, m)
        if 0 <= d < scenario.num_days
        for s, shift in enumerate(scenario.shifts)
        if shift.night and shift.interval(d)[0] < hi and shift.interval(d)[1] > lo
    ]


def least_cost(scenario: Scenario, calendar: Calendar) -> int:
    """R13's cost in every roster that keeps the hard rules: the attendees that hard cover
    puts on the nights touching each meeting."""
    weight = scenario.weights.meetings
    return sum(
        weight * _least_attendees(calendar, d, s, leaders_only)
        for day, _, leaders_only in _meetings(calendar)
        for d, s in _touching(scenario, day)
    )


def apply(ctx: Context) -> list[Penalty]:
    sc = ctx.scenario
    weight = sc.weights.meetings
    if weight == 0:
        return []
    penalties = []
    for day, label, leaders_only in _meetings(ctx.calendar):
        touching = _touching(sc, day)
        if not touching:
            continue
        for p, person in enumerate(sc.staff):
            if leaders_only and not person.has_role("team_leader"):
                continue
            penalties.append(
                Penalty(
                    "R13",
                    weight,
                    sum(ctx.vars.x(p, d, s) for d, s in touching),
                    f"night shift touching the {label} on {day}",
                    staff_id=person.id,
                    date=day,
                )
            )
    return penalties


def _least_attendees(calendar: Calendar, d: int, s: int, leaders_only: bool) -> int:
    """Attendees the hard cover rules put on shift ``s`` of day ``d`` in every roster.

    Everyone attends the monthly meeting, so hard grade seats (R1), hard role seats (R3)
    and R9's one person all count; the team-leader meeting counts hard team-leader seats
    (R3) and R2's one leader. Soft seats count nothing: a roster may leave them empty.
    """
    sc = calendar.scenario
    day, code = calendar.days[d], sc.shifts[s].code
    needs = calendar.needs(day, code)
    operating = calendar.operating(day, code)

    def hard(need: Need, default: int | None) -> bool:
        return need.min > 0 and need.weight_under is None and default is None

    roles = {
        r: n.min for r, n in needs.items() if r not in GRADES and hard(n, sc.weights.role_under)
    }
    leader = operating and sc.rules.require_team_leader and sc.weights.role_under is None  # R2
    if leaders_only:
        return max(roles.get("team_leader", 0), 1 if leader else 0)
    grades = [n for g, n in needs.items() if g in GRADES and n.min > 0]
    hard_grades = [n for n in grades if hard(n, sc.weights.cover_under)]
    if sc.rules.upward_substitution and hard_grades:
        hard_grades = grades  # one hard row keeps every cumulative seat hard
    seats = sum(n.min for n in hard_grades)
    successor = operating and len(hard_grades) == len(grades)  # R9
    return max(seats, *roles.values(), 1 if successor or leader else 0)


FAMILY = RuleFamily("meetings", order=90, rules=("R13",), apply=apply, least_cost=least_cost)
