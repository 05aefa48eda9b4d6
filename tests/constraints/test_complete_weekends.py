"""R20 COMPLETE WEEKENDS held to the checker: both days of a weekend or neither, a weekend
cut by the horizon's edge exempt; the month plans leave such a person to CP-SAT; the staff
column survives a write and a read."""

from __future__ import annotations

import csv
import dataclasses
import time
from pathlib import Path
from typing import Any

import pytest

from roster.checks import check_roster
from roster.exceptions import RosterInputError
from roster.io import read_scenario, write_scenario
from roster.model import RuleParameters, Scenario, ShiftRequest, SolveStatus, Staff
from roster.solver.plans.columns import _best_plans, _person_model
from roster.solver.plans.running import _Running
from tests.helpers import (
    cover_on,
    day,
    grid_of,
    leave_of,
    mini_scenario,
    names_rule,
    person,
    roster_of,
    solve_and_check,
    tiny_scenario,
    weights_only,
)

NO_LEADER = RuleParameters(require_team_leader=False)
FRIDAY = day(4)
"""Fri 6 Mar 2026; the weekend is Sat 7 (day(5)) and Sun 8 (day(6))."""


def long_weekend(*staff: Staff, **overrides: Any) -> Scenario:
    """Fri..Mon (indices 0-3, Sat = 1, Sun = 2), the day shift D only, a junior seat on
    Saturday, no team leader needed and every soft rule off unless given."""
    fields: dict[str, Any] = {
        "days": 4,
        "start": FRIDAY,
        "cover": (cover_on(5, "D", "junior", 1),),
        "rules": NO_LEADER,
        **overrides,
    }
    return mini_scenario(*staff, **fields)


def test_holds_both_days_and_exempts_a_weekend_cut_by_the_edge() -> None:
    sc = long_weekend(person("J1", complete_weekends=True))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    # The Saturday seat needs J1 (the only person), and R20 adds the Sunday.
    assert grid_of(sc, result.roster)["J1"][1:3] == "DD"
    # Sun 8 .. Sat 14: each weekend has one day inside, so a Sunday alone and a Saturday
    # alone are allowed, and the solver finds the seats on both kept.
    cut = mini_scenario(
        person("J1", complete_weekends=True),
        days=7,
        start=day(6),
        cover=(cover_on(6, "D", "junior", 1), cover_on(12, "D", "junior", 1)),
        rules=NO_LEADER,
    )
    assert solve_and_check(cut).status == SolveStatus.OPTIMAL
    assert check_roster(cut, roster_of({"J1": "D-----D"}, start=day(6))) == []


def test_breaks_saturday_without_sunday_names_r20() -> None:
    # The Saturday seat needs J1, whose Sunday is approved leave (R8): no roster.
    sc = long_weekend(person("J1", complete_weekends=True), leave=(leave_of("J1", 6),))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R20")
    violations = check_roster(sc, roster_of({"J1": "-D--"}, start=FRIDAY))
    assert [(v.rule, v.staff_id, v.date) for v in violations] == [("R20", "J1", day(5))]
    assert "works Sat 7 Mar but not Sun 8 Mar" in violations[0].message
    assert "(complete_weekends)" in violations[0].message


def test_forces_the_saturday_seat_onto_the_other_junior() -> None:
    # J1 wishes Sunday off (weight 5), J2 Saturday off (weight 3); one junior seat on Sat.
    # Without R20 J1 takes Saturday for 0. With it, J1 on Saturday works Sunday too and
    # breaks the wish: 5; J2 on Saturday breaks J2's: 3. Least: 3, J2 on, J1 off both days.
    wishes = (
        ShiftRequest("J1", day(6), "OFF", "want", 5),
        ShiftRequest("J2", day(5), "OFF", "want", 3),
    )
    sc = long_weekend(
        person("J1", complete_weekends=True),
        person("J2"),
        requests=wishes,
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 3
    assert result.roster is not None
    grid = grid_of(sc, result.roster)
    assert (grid["J1"][1:3], grid["J2"][1]) == ("--", "D")
    free = sc.replace(staff=(person("J1"), person("J2")))
    assert solve_and_check(free).objective == 0  # J1 alone on Saturday


def test_month_plans_price_such_a_person_by_cp_sat() -> None:
    sc = long_weekend(person("J1", complete_weekends=True), cover=())
    assert _person_model(long_weekend(person("J1"), cover=()), 0).rules is not None
    alone = _person_model(sc, 0)
    assert alone.rules is None  # priced=False: no path, a CP-SAT search
    running = _Running(time.perf_counter() + 30.0, lambda: False)
    try:
        # Only Saturday (day 1, shift 0) pays; the plan takes Sunday (day 2) with it.
        plans, _, exact = _best_plans(alone, {("junior", 1, 0): 100}, running)
    finally:
        running.close()
    assert exact
    assert {(1, 0), (2, 0)} <= plans[-1].cells


@pytest.mark.parametrize("target", ["centre", "centre.xlsx"])
def test_the_staff_column_round_trips(tmp_path: Path, target: str) -> None:
    base = tiny_scenario()
    staff = tuple(
        dataclasses.replace(s, complete_weekends=True) if s.id == "J1" else s for s in base.staff
    )
    sc = base.replace(staff=staff)
    write_scenario(sc, tmp_path / target)
    assert read_scenario(tmp_path / target) == sc
    if target == "centre":
        with (tmp_path / target / "staff.csv").open(encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        assert rows[0][-1] == "complete_weekends"
        assert {row[0]: row[-1] for row in rows[1:]}["J1"] == "yes"
        rows[1][-1] = "maybe"
        with (tmp_path / target / "staff.csv").open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
        with pytest.raises(RosterInputError) as info:
            read_scenario(tmp_path / target)
        assert (info.value.sheet, info.value.column) == ("staff", "complete_weekends")
        assert "yes or no" in str(info.value)
