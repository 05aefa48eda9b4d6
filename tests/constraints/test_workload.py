"""R7 WORKLOAD in the CP-SAT model: min/max shifts, max nights, staff who never work nights."""

from __future__ import annotations

from typing import Any

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


def leader(staff_id: str, **fields: Any) -> Staff:
    """A senior team leader."""
    return person(staff_id, "senior", "team_leader", **fields)


# -- min_shifts -------------------------------------------------------------------------


def test_holds_and_forces_min_shifts() -> None:
    staff = (leader("L1"), person("J1", min_shifts=3))
    sc = mini_scenario(*staff, cover=LEAD_DAYS)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    # Nothing needs a junior; J1 works every day only because min_shifts is 3.
    assert grid_of(sc, result.roster)["J1"] == "DDD"


def test_breaks_min_shifts_above_the_free_days() -> None:
    staff = (leader("L1"), person("J1", min_shifts=3))
    sc = mini_scenario(*staff, cover=LEAD_DAYS, leave=(leave_of("J1", 1),))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R7")


def test_breaks_min_shifts_against_consecutive_days() -> None:
    staff = (leader("L1"), leader("L2"), person("J1", min_shifts=3))
    sc = mini_scenario(*staff, cover=LEAD_DAYS, rules=RuleParameters(max_consecutive_days=2))
    result = solve_and_check(sc)
    # Found by the diagnosis, not by counting: 3 free days, but not 3 in a row.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R7")
    assert names_rule(result, "R6")


# -- max_shifts -------------------------------------------------------------------------


def test_holds_max_shifts() -> None:
    sc = mini_scenario(leader("L1", max_shifts=3), cover=LEAD_DAYS)
    assert solve_and_check(sc).status == SolveStatus.OPTIMAL


def test_breaks_max_shifts_below_the_cover() -> None:
    sc = mini_scenario(leader("L1", max_shifts=2), cover=LEAD_DAYS)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R7")


def test_forces_the_other_leader_once_max_shifts_is_reached() -> None:
    wants = tuple(ShiftRequest("L1", day(d), "D", "want", 5) for d in range(3))
    sc = mini_scenario(
        leader("L1", max_shifts=2),
        leader("L2"),
        cover=LEAD_DAYS,
        leave=(leave_of("L2", 0, 1),),
        requests=wants,
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # L2 is on leave for days 0-1, so L1 works them and has no shift left for day 2, which
    # L1 wanted: 1 wish x 5 = 5.
    assert grid_of(sc, result.roster) == {"L1": "DD-", "L2": "--D"}
    assert result.objective == 5


# -- max_nights -------------------------------------------------------------------------


def test_holds_max_nights() -> None:
    sc = mini_scenario(leader("L1", max_nights=3), shifts=TWELVE_HOURS, cover=LEAD_NIGHTS)
    assert solve_and_check(sc).status == SolveStatus.OPTIMAL


def test_breaks_max_nights_below_the_night_cover() -> None:
    sc = mini_scenario(leader("L1", max_nights=2), shifts=TWELVE_HOURS, cover=LEAD_NIGHTS)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R7")


def test_forces_the_other_leader_once_max_nights_is_reached() -> None:
    cover = (cover_on(0, "N", "senior", 1), cover_on(2, "N", "senior", 1))
    sc = mini_scenario(
        leader("L1", max_nights=1),
        leader("L2"),
        shifts=TWELVE_HOURS,
        cover=cover,
        leave=(leave_of("L2", 0),),
        requests=(ShiftRequest("L1", day(2), "N", "want", 5),),
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    grid = grid_of(sc, result.roster)
    # L1's one night goes to day 0 (L2 on leave), so L2 takes day 2's night; wish: 5.
    assert (grid["L1"][0], grid["L2"][2]) == ("N", "N")
    assert "N" not in grid["L1"][1:]
    assert result.objective == 5


# -- can_work_nights --------------------------------------------------------------------


def test_holds_a_day_worker_on_days() -> None:
    staff = (leader("L1"), leader("L2", can_work_nights=False))
    cover = (CoverRule("*", "D", "senior", 1), CoverRule("*", "N", "senior", 1))
    sc = mini_scenario(*staff, days=3, shifts=TWELVE_HOURS, cover=cover)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    # L2 may not work nights, so L1 works every night and L2 every day.
    assert grid_of(sc, result.roster) == {"L1": "NNN", "L2": "DDD"}


def test_breaks_when_only_a_day_worker_could_lead_the_night() -> None:
    staff = (leader("L1", can_work_nights=False), person("S1", "senior"))
    sc = mini_scenario(*staff, shifts=TWELVE_HOURS, cover=LEAD_NIGHTS)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    # Counting names the seat that cannot be filled, and why.
    assert names_rule(result, "R2")
    assert "cannot work nights" in "\n".join(result.reasons)


def test_breaks_can_work_nights_against_consecutive_nights() -> None:
    staff = (leader("L1"), leader("L2", can_work_nights=False))
    sc = mini_scenario(
        *staff,
        shifts=TWELVE_HOURS,
        cover=LEAD_NIGHTS,
        rules=RuleParameters(max_consecutive_nights=2),
    )
    result = solve_and_check(sc)
    # Two leaders could share three nights, but L2 may not work nights and L1 may not work
    # three in a row.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R7")
    assert names_rule(result, "R6")
