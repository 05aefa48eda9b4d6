"""Tiny, deterministic scenarios and rosters that tests build by hand.

The default centre (``tiny_scenario()``) runs one week, Mon 2026-03-02 .. Sun 2026-03-08,
with no public holidays (``country=""``; add some with ``holiday_changes``) and the
default rule parameters and weights:

* shifts ``D`` "Day" 08:00-20:00 and ``N`` "Night" 20:00-08:00 (night);
* staff: four senior team leaders ``L1``..``L4``, two junior agents ``J1``, ``J2`` and one
  mid agent ``M1``;
* cover on every day (``*``): ``D`` needs 1 senior and 1 junior (at most 2 juniors),
  ``N`` needs 1 senior.

``VALID_GRID`` is a roster of that centre that breaks no hard rule: the team leaders
rotate "Day, Night, off, off" so each shift has exactly one leader, the juniors take the
day shift's junior seat, ``M1`` is off all week. Grids are one string per person, one
character per day: a shift code, or ``-`` for a day off.

``three_shift_scenario()`` is the same week with 8-hour shifts ``E`` 06:00-14:00,
``L`` 14:00-22:00 and ``N`` 22:00-06:00 (night) and no cover (nothing operates), for
rest-rule cases.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from roster.checks import check_roster, objective_of
from roster.model import (
    Assignment,
    CoverRule,
    LeaveRequest,
    Result,
    Roster,
    Scenario,
    Shift,
    Staff,
    Weights,
)
from roster.solver import solve

START = dt.date(2026, 3, 2)
"""Monday; the default horizon is START .. START + 6 days."""

DAY_SHIFT = Shift("D", "Day", 8 * 60, 20 * 60)
NIGHT_SHIFT = Shift("N", "Night", 20 * 60, 8 * 60, night=True)

EARLY_SHIFT = Shift("E", "Early", 6 * 60, 14 * 60)
LATE_SHIFT = Shift("L", "Late", 14 * 60, 22 * 60)
NIGHT_8H_SHIFT = Shift("N", "Night", 22 * 60, 6 * 60, night=True)

VALID_GRID: dict[str, str] = {
    "L1": "DN--DN-",
    "L2": "-DN--DN",
    "L3": "--DN--D",
    "L4": "N--DN--",
    "J1": "DDDD---",
    "J2": "----DDD",
    "M1": "-------",
}
"""A week of the default centre that passes every hard rule."""


def day(n: int, start: dt.date = START) -> dt.date:
    """The n-th day of the horizon (0 = the first); negative n is history."""
    return start + dt.timedelta(days=n)


def person(staff_id: str, grade: str = "junior", *roles: str, **fields: Any) -> Staff:
    """A staff member; roles default to ``agent``; ``fields`` are other Staff fields."""
    return Staff(
        staff_id,
        fields.pop("name", staff_id),
        grade,
        fields.pop("team", "T1"),
        frozenset(roles or ("agent",)),
        **fields,
    )


def default_staff() -> tuple[Staff, ...]:
    leaders = tuple(person(f"L{i}", "senior", "team_leader") for i in range(1, 5))
    return (*leaders, person("J1"), person("J2"), person("M1", "mid"))


def default_cover() -> tuple[CoverRule, ...]:
    return (
        CoverRule("*", "D", "senior", 1),
        CoverRule("*", "D", "junior", 1, 2),
        CoverRule("*", "N", "senior", 1),
    )


def tiny_scenario(**overrides: Any) -> Scenario:
    """The default one-week, two-shift centre; any ``Scenario`` field can be overridden
    (``staff``, ``shifts``, ``cover``, ``rules``, ``weights``, ``history``, ...)."""
    fields: dict[str, Any] = {
        "name": "tiny",
        "start": START,
        "end": day(6),
        "staff": default_staff(),
        "shifts": (DAY_SHIFT, NIGHT_SHIFT),
        "cover": default_cover(),
        "country": "",
    }
    fields.update(overrides)
    return Scenario(**fields)


def three_shift_scenario(**overrides: Any) -> Scenario:
    """The default week with 8-hour early/late/night shifts and no cover."""
    fields: dict[str, Any] = {
        "shifts": (EARLY_SHIFT, LATE_SHIFT, NIGHT_8H_SHIFT),
        "cover": (),
    }
    fields.update(overrides)
    return tiny_scenario(**fields)


def roster_of(grid: Mapping[str, str], start: dt.date = START) -> Roster:
    """A roster from one string per person, one character per day (``-`` = off)."""
    return Roster(
        tuple(
            Assignment(staff_id, day(i, start), code)
            for staff_id, row in grid.items()
            for i, code in enumerate(row)
            if code not in "-."
        )
    )


def valid_roster() -> Roster:
    """``VALID_GRID`` as a roster."""
    return roster_of(VALID_GRID)


def with_grid(**rows: str) -> Roster:
    """``VALID_GRID`` with some people's rows replaced, e.g. ``with_grid(J1="DDDDDDD")``."""
    return roster_of({**VALID_GRID, **rows})


def history_of(grid: Mapping[str, str], end: dt.date = START) -> tuple[Assignment, ...]:
    """History rows from grids whose last character is the day before ``end``."""
    out = []
    for staff_id, row in grid.items():
        for i, code in enumerate(row):
            if code not in "-.":
                out.append(Assignment(staff_id, end - dt.timedelta(days=len(row) - i), code))
    return tuple(out)


def weights_only(
    *,
    qa_reach: int = 0,
    meetings: int = 0,
    fairness: int = 0,
    request: int = 0,
    pending_leave: int = 0,
    stability: int = 0,
    cover_over: int = 0,
    cover_under: int | None = None,
    surplus: int = 0,
) -> Weights:
    """Weights with every soft rule switched off except the ones given."""
    return Weights(
        qa_reach=qa_reach,
        meetings=meetings,
        fairness=fairness,
        request=request,
        pending_leave=pending_leave,
        stability=stability,
        cover_over=cover_over,
        cover_under=cover_under,
        surplus=surplus,
    )


# -- solving: the CP-SAT model held to the independent checker ---------------------------


def solve_and_check(scenario: Scenario, **options: Any) -> Result:
    """Solve deterministically (10 s, one worker, seed 0, unless ``options`` say otherwise)
    and hold any roster to the oracle: no hard-rule violation, and ``objective_of``
    recomputes exactly the solver's objective."""
    result = solve(scenario, **{"time_limit": 10.0, "workers": 1, "seed": 0, **options})
    if result.roster is not None:
        violations = [str(v) for v in check_roster(scenario, result.roster)]
        assert violations == [], violations
        total, items = objective_of(scenario, result.roster)
        assert total == result.objective, (total, result.objective, items)
    return result


def grid_of(scenario: Scenario, roster: Roster) -> dict[str, str]:
    """A roster as one string per person, one character per day (``-`` off): the inverse
    of ``roster_of`` for one-letter shift codes, so a test can compare whole rows."""
    table = roster.by_person_day()
    return {
        s.id: "".join("".join(table.get((s.id, d), [])) or "-" for d in scenario.days)
        for s in scenario.staff
    }


def names_rule(result: Result, rule: str) -> bool:
    """True when the result's reasons name ``rule`` as a whole word (``R1`` is not ``R12``)."""
    return re.search(rf"\b{rule}\b", "\n".join(result.reasons)) is not None


def mini_scenario(
    *staff: Staff, days: int = 3, start: dt.date = START, **overrides: Any
) -> Scenario:
    """``days`` days from ``start`` with just these people, the day shift ``D`` only, no
    cover and every soft rule off: a per-rule test adds exactly what it is about."""
    fields: dict[str, Any] = {
        "name": "mini",
        "start": start,
        "end": start + dt.timedelta(days=days - 1),
        "staff": staff,
        "shifts": (DAY_SHIFT,),
        "cover": (),
        "country": "",
        "weights": weights_only(),
    }
    fields.update(overrides)
    return Scenario(**fields)


def cover_on(
    n: int, shift: str, requirement: str, count: int, maximum: int | None = None
) -> CoverRule:
    """A cover row for the n-th day of the default horizon only (a dated row)."""
    return CoverRule(day(n).isoformat(), shift, requirement, count, maximum)


def leave_of(
    staff_id: str, first: int, last: int | None = None, status: str = "approved"
) -> LeaveRequest:
    """Leave for the n-th .. last-th days of the default horizon (one day by default)."""
    return LeaveRequest(
        f"{staff_id}-{status}-{first}",
        staff_id,
        day(first),
        day(first if last is None else last),
        status=status,
    )
