"""R8 LEAVE in the CP-SAT model: nobody works a day of approved leave."""

from __future__ import annotations

import datetime as dt

from roster.model import CoverRule, LeaveRequest, RuleParameters, ShiftRequest, SolveStatus
from tests.helpers import (
    START,
    day,
    grid_of,
    leave_of,
    mini_scenario,
    names_rule,
    person,
    solve_and_check,
    weights_only,
)

COVER = (CoverRule("*", "D", "senior", 1), CoverRule("*", "D", "junior", 1))
STAFF = (person("L1", "senior", "team_leader"), person("J1"), person("J2"))


def test_holds_leave_is_a_day_off() -> None:
    wants = tuple(ShiftRequest("J1", day(d), "D", "want", 5) for d in range(3))
    sc = mini_scenario(
        *STAFF,
        cover=COVER,
        leave=(leave_of("J1", 1),),
        requests=wants,
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    # J1 wants every day shift but is on leave on day 1: that one wish fails, 1 x 5 = 5.
    assert grid_of(sc, result.roster)["J1"] == "D-D"
    assert result.objective == 5


def test_forces_the_other_junior_onto_the_leave_day() -> None:
    sc = mini_scenario(*STAFF, cover=COVER, leave=(leave_of("J1", 1),))
    result = solve_and_check(sc)
    assert result.roster is not None
    assert result.roster.shift_of("J2", day(1)) == "D"
    assert result.roster.shift_of("J1", day(1)) is None


def test_only_approved_leave_binds() -> None:
    wants = tuple(ShiftRequest("J1", day(d), "D", "want", 5) for d in range(3))
    for status in ("rejected", "pending"):
        sc = mini_scenario(
            *STAFF,
            cover=COVER,
            leave=(leave_of("J1", 0, 2, status=status),),
            requests=wants,
            # pending leave is free to refuse here (weight_pending_leave 0)
            weights=weights_only(request=5),
        )
        result = solve_and_check(sc)
        assert result.roster is not None
        assert grid_of(sc, result.roster)["J1"] == "DDD"
        assert result.objective == 0


def test_leave_reaching_outside_the_horizon_binds_inside_it() -> None:
    lv = LeaveRequest("long", "J1", START - dt.timedelta(days=5), day(0))
    sc = mini_scenario(*STAFF, cover=COVER, leave=(lv,))
    result = solve_and_check(sc)
    assert result.roster is not None
    assert result.roster.shift_of("J1", day(0)) is None
    assert result.roster.shift_of("J2", day(0)) == "D"


def test_breaks_min_shifts_against_leave() -> None:
    staff = (person("L1", "senior", "team_leader"), person("J1", min_shifts=3))
    sc = mini_scenario(*staff, leave=(leave_of("J1", 2),))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R8")


def test_breaks_leave_against_consecutive_days() -> None:
    staff = (person("L1", "senior", "team_leader"), person("L2", "senior", "team_leader"))
    sc = mini_scenario(
        *staff,
        cover=(CoverRule("*", "D", "senior", 1),),
        leave=(leave_of("L2", 0, 2),),
        rules=RuleParameters(max_consecutive_days=2),
    )
    result = solve_and_check(sc)
    # Counting passes over the month (L1 can work three days), but L1 may work only two in
    # a row and L2 is away all three: the diagnosis names the leave.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R8")
