"""R10 HISTORY in the CP-SAT model: rest and consecutive rules across the horizon start."""

from __future__ import annotations

from roster.model import CoverRule, RuleParameters, ShiftRequest, SolveStatus, Staff
from tests.helpers import (
    DAY_SHIFT,
    NIGHT_SHIFT,
    cover_on,
    day,
    grid_of,
    history_of,
    mini_scenario,
    names_rule,
    person,
    solve_and_check,
    weights_only,
)

TWELVE_HOURS = (DAY_SHIFT, NIGHT_SHIFT)
LEAD_DAY_0 = (cover_on(0, "D", "senior", 1),)
# Nights are followed by a day off under R6; switch that off so rest alone decides.
REST_ONLY = RuleParameters(min_off_after_nights=0)


def leaders(n: int) -> tuple[Staff, ...]:
    return tuple(person(f"L{i}", "senior", "team_leader") for i in range(1, n + 1))


def wants_day_0() -> tuple[ShiftRequest, ...]:
    return (ShiftRequest("L1", day(0), "D", "want", 5),)


# -- rest across the start --------------------------------------------------------------


def test_holds_a_day_shift_after_a_day_shift_in_history() -> None:
    sc = mini_scenario(
        *leaders(1),
        shifts=TWELVE_HOURS,
        cover=LEAD_DAY_0,
        history=history_of({"L1": "D"}),
        rules=REST_ONLY,
    )
    assert solve_and_check(sc).status == SolveStatus.OPTIMAL


def test_breaks_a_day_shift_right_after_last_months_night() -> None:
    sc = mini_scenario(
        *leaders(1),
        shifts=TWELVE_HOURS,
        cover=LEAD_DAY_0,
        history=history_of({"L1": "N"}),
        rules=REST_ONLY,
    )
    result = solve_and_check(sc)
    # The night of the day before ends at 08:00 on day 0, when day 0's shift starts.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R10")


def test_forces_the_other_leader_after_last_months_night() -> None:
    sc = mini_scenario(
        *leaders(2),
        shifts=TWELVE_HOURS,
        cover=LEAD_DAY_0,
        history=history_of({"L1": "N"}),
        requests=wants_day_0(),
        rules=REST_ONLY,
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # L1 wants day 0 but comes off a night: L2 works it, L1's wish costs 5.
    assert result.roster.shift_of("L2", day(0)) == "D"
    assert result.roster.shift_of("L1", day(0)) is None
    assert result.objective == 5


# -- consecutive across the start -------------------------------------------------------


def test_holds_a_run_that_reaches_the_limit_at_the_start() -> None:
    sc = mini_scenario(
        *leaders(1),
        cover=LEAD_DAY_0,
        history=history_of({"L1": "DD"}),
        rules=RuleParameters(max_consecutive_days=3),
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    # Day 0 is the third day in a row, so day 1 must be off.
    assert grid_of(sc, result.roster)["L1"][:2] == "D-"


def test_breaks_a_run_that_started_last_month() -> None:
    sc = mini_scenario(
        *leaders(1),
        cover=LEAD_DAY_0,
        history=history_of({"L1": "DDD"}),
        rules=RuleParameters(max_consecutive_days=3),
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R10")


def test_forces_the_other_leader_after_a_long_run() -> None:
    sc = mini_scenario(
        *leaders(2),
        cover=LEAD_DAY_0,
        history=history_of({"L1": "DDD"}),
        requests=wants_day_0(),
        rules=RuleParameters(max_consecutive_days=3),
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    assert result.roster.shift_of("L2", day(0)) == "D"
    assert result.objective == 5


def test_breaks_a_night_run_that_started_last_month() -> None:
    sc = mini_scenario(
        *leaders(1),
        shifts=TWELVE_HOURS,
        cover=(cover_on(0, "N", "senior", 1),),
        history=history_of({"L1": "NN"}),
        rules=RuleParameters(max_consecutive_nights=2),
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R10")


def test_forces_a_day_off_after_last_months_night_block() -> None:
    # With no rest rule, only the day off after a night block keeps L1 off day 0.
    rules = RuleParameters(min_rest_hours=0, handover_minutes=0)
    sc = mini_scenario(
        *leaders(2),
        shifts=TWELVE_HOURS,
        cover=LEAD_DAY_0,
        history=history_of({"L1": "N"}),
        requests=wants_day_0(),
        rules=rules,
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    assert result.roster.shift_of("L2", day(0)) == "D"
    assert result.objective == 5
    alone = sc.replace(staff=leaders(1), requests=())
    result = solve_and_check(alone)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R10")


def test_history_does_not_count_towards_the_workload() -> None:
    staff = (person("L1", "senior", "team_leader", max_shifts=3, max_nights=0),)
    sc = mini_scenario(
        *staff,
        cover=(CoverRule("*", "D", "senior", 1),),
        shifts=TWELVE_HOURS,
        history=history_of({"L1": "NN---"}),
    )
    result = solve_and_check(sc)
    # Two nights last month do not use up max_nights 0, nor count against max_shifts 3.
    assert result.status == SolveStatus.OPTIMAL
