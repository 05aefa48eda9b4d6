"""R6 CONSECUTIVE in the CP-SAT model: runs of days, runs of nights, days off after nights."""

from __future__ import annotations

from roster.model import CoverRule, RuleParameters, ShiftRequest, SolveStatus, Staff
from tests.helpers import (
    DAY_SHIFT,
    NIGHT_SHIFT,
    cover_on,
    day,
    grid_of,
    leave_of,
    mini_scenario,
    names_rule,
    person,
    solve_and_check,
    weights_only,
)

TWELVE_HOURS = (DAY_SHIFT, NIGHT_SHIFT)
LEAD_DAYS = (CoverRule("*", "D", "senior", 1),)
LEAD_NIGHTS = (CoverRule("*", "N", "senior", 1),)


def leaders(n: int) -> tuple[Staff, ...]:
    return tuple(person(f"L{i}", "senior", "team_leader") for i in range(1, n + 1))


# -- worked days in a row ---------------------------------------------------------------


def test_holds_days_up_to_the_limit() -> None:
    sc = mini_scenario(*leaders(1), cover=LEAD_DAYS, rules=RuleParameters(max_consecutive_days=3))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    assert grid_of(sc, result.roster)["L1"] == "DDD"


def test_breaks_days_over_the_limit() -> None:
    sc = mini_scenario(*leaders(1), cover=LEAD_DAYS, rules=RuleParameters(max_consecutive_days=2))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R6")


def test_forces_a_day_off_after_the_longest_run() -> None:
    sc = mini_scenario(
        *leaders(2),
        cover=LEAD_DAYS,
        leave=(leave_of("L2", 0, 1),),
        rules=RuleParameters(max_consecutive_days=2),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # L1 works days 0-1 alone (L2 on leave), so day 2 is L1's day off and L2's shift.
    assert grid_of(sc, result.roster) == {"L1": "DD-", "L2": "--D"}


# -- nights in a row --------------------------------------------------------------------


def test_holds_nights_up_to_the_limit() -> None:
    sc = mini_scenario(*leaders(1), shifts=TWELVE_HOURS, cover=LEAD_NIGHTS)
    result = solve_and_check(sc)
    # Default limit 3: three nights in a row.
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    assert grid_of(sc, result.roster)["L1"] == "NNN"


def test_breaks_nights_over_the_limit() -> None:
    rules = RuleParameters(max_consecutive_nights=2)
    sc = mini_scenario(*leaders(1), shifts=TWELVE_HOURS, cover=LEAD_NIGHTS, rules=rules)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R6")


def test_forces_the_other_leader_after_two_nights() -> None:
    rules = RuleParameters(max_consecutive_nights=2, min_off_after_nights=0)
    sc = mini_scenario(
        *leaders(2),
        shifts=TWELVE_HOURS,
        cover=LEAD_NIGHTS,
        leave=(leave_of("L2", 0, 1),),
        requests=(ShiftRequest("L1", day(2), "N", "want", 5),),
        rules=rules,
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # L1 wants a third night but may work only two in a row: L2 takes it. L1's wish: 5.
    assert grid_of(sc, result.roster) == {"L1": "NN-", "L2": "--N"}
    assert result.objective == 5


# -- days off after nights --------------------------------------------------------------

# Rest alone would allow a day shift straight after a night with these settings; only
# min_off_after_nights stands in the way.
NO_REST = RuleParameters(min_rest_hours=0, handover_minutes=0)


def test_holds_day_off_after_a_night() -> None:
    cover = (cover_on(0, "N", "senior", 1), cover_on(2, "D", "senior", 1))
    sc = mini_scenario(*leaders(1), shifts=TWELVE_HOURS, cover=cover, rules=NO_REST)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL


def test_breaks_work_on_the_day_after_a_night() -> None:
    cover = (cover_on(0, "N", "senior", 1), cover_on(1, "D", "senior", 1))
    sc = mini_scenario(*leaders(1), shifts=TWELVE_HOURS, cover=cover, rules=NO_REST)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R6")


def test_forces_the_day_after_a_night_off() -> None:
    staff = (
        person("L1", "senior", "team_leader"),
        person("L2", "senior", "team_leader", can_work_nights=False),
    )
    cover = (cover_on(2, "N", "senior", 1), cover_on(3, "D", "senior", 1))
    sc = mini_scenario(
        *staff,
        days=5,
        shifts=TWELVE_HOURS,
        cover=cover,
        requests=(ShiftRequest("L1", day(3), "D", "want", 5),),
        rules=NO_REST,
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    grid = grid_of(sc, result.roster)
    # L1 alone works nights, so the night of day 2 is L1's; day 3 is then L1's day off,
    # though L1 asked for it: L2 takes it and L1's wish costs 5.
    assert grid["L1"][2:4] == "N-"
    assert grid["L2"][3] == "D"
    assert result.objective == 5


def test_forces_two_days_off_after_nights() -> None:
    rules = RuleParameters(min_off_after_nights=2, min_rest_hours=0, handover_minutes=0)
    cover = (cover_on(0, "N", "senior", 1),)
    wants = tuple(ShiftRequest("L1", day(d), "D", "want", 5) for d in range(1, 4))
    sc = mini_scenario(
        *leaders(1),
        days=4,
        shifts=TWELVE_HOURS,
        cover=cover,
        requests=wants,
        rules=rules,
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # After the night of day 0, days 1 and 2 are off; only the wish for day 3 is granted:
    # 2 wishes broken x 5 = 10.
    assert grid_of(sc, result.roster)["L1"] == "N--D"
    assert result.objective == 10
