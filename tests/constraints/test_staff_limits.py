"""Issue 6's per-person limits in the CP-SAT model, held to the checker: R7 caps per shift
type and on minutes, R18 WEEKENDS, R19 MIN RUNS."""

from __future__ import annotations

from typing import Any

from roster.checks import check_roster
from roster.model import CoverRule, ShiftRequest, SolveStatus, Staff
from tests.helpers import (
    DAY_SHIFT,
    NIGHT_SHIFT,
    day,
    grid_of,
    leave_of,
    mini_scenario,
    names_rule,
    person,
    roster_of,
    solve_and_check,
    weights_only,
)

TWELVE_HOURS = (DAY_SHIFT, NIGHT_SHIFT)
LEAD_DAYS = (CoverRule("*", "D", "senior", 1),)
LEAD_BOTH = (CoverRule("*", "D", "senior", 1), CoverRule("*", "N", "senior", 1))


def leader(staff_id: str, **fields: Any) -> Staff:
    """A senior team leader."""
    return person(staff_id, "senior", "team_leader", **fields)


def wants_every_day(staff_id: str, days: int = 3, code: str = "D") -> tuple[ShiftRequest, ...]:
    return tuple(ShiftRequest(staff_id, day(d), code, "want", 5) for d in range(days))


# -- R7 max_per_shift -------------------------------------------------------------------


def test_holds_max_per_shift() -> None:
    sc = mini_scenario(leader("L1", max_per_shift=(("D", 3),)), cover=LEAD_DAYS)
    assert solve_and_check(sc).status == SolveStatus.OPTIMAL


def test_breaks_max_per_shift_below_the_cover() -> None:
    sc = mini_scenario(leader("L1", max_per_shift=(("D", 2),)), cover=LEAD_DAYS)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R7")


def test_forces_the_other_leader_once_the_shift_cap_is_reached() -> None:
    sc = mini_scenario(
        leader("L1", max_per_shift=(("D", 1),)),
        leader("L2"),
        cover=LEAD_DAYS,
        leave=(leave_of("L2", 0),),
        requests=wants_every_day("L1"),
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # L2 is away on day 0, so L1 spends the one day shift there; two wishes missed: 10.
    assert grid_of(sc, result.roster) == {"L1": "D--", "L2": "-DD"}
    assert result.objective == 10


def test_a_zero_cap_means_never_that_shift() -> None:
    sc = mini_scenario(
        leader("L1", max_per_shift=(("D", 0),)), leader("L2"), shifts=TWELVE_HOURS, cover=LEAD_BOTH
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    assert grid_of(sc, result.roster) == {"L1": "NNN", "L2": "DDD"}


def test_checker_names_the_shift_and_the_count() -> None:
    sc = mini_scenario(leader("L1", max_per_shift=(("D", 1),)), cover=LEAD_DAYS)
    violations = check_roster(sc, roster_of({"L1": "DDD"}))
    assert [(v.rule, v.shift) for v in violations] == [("R7", "D")]
    assert "3 x day shift (D)" in violations[0].message
    assert "at most 1" in violations[0].message


# -- R7 min_minutes / max_minutes -------------------------------------------------------


def test_holds_max_minutes_counting_shift_length_without_handover() -> None:
    # Three 12-hour day shifts are 2,160 minutes; with the 10-minute handover they would
    # be 2,190, which the Curtois convention does not count.
    sc = mini_scenario(leader("L1", max_minutes=3 * 720), cover=LEAD_DAYS)
    assert solve_and_check(sc).status == SolveStatus.OPTIMAL


def test_breaks_max_minutes_below_the_cover() -> None:
    sc = mini_scenario(leader("L1", max_minutes=3 * 720 - 1), cover=LEAD_DAYS)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R7")


def test_breaks_min_minutes_above_the_horizon() -> None:
    sc = mini_scenario(person("J1", min_minutes=3 * 720 + 1))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R7")


def test_forces_min_minutes_against_wishes_to_be_off() -> None:
    avoid = tuple(ShiftRequest("J1", day(d), "D", "avoid", 5) for d in range(3))
    sc = mini_scenario(
        person("J1", min_minutes=1000), requests=avoid, weights=weights_only(request=5)
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # One 720-minute shift is not enough, two are: two broken wishes x 5.
    assert grid_of(sc, result.roster)["J1"].count("D") == 2
    assert result.objective == 10


def test_checker_reports_minutes_both_ways() -> None:
    sc = mini_scenario(person("J1", min_minutes=1500), person("J2", max_minutes=700))
    violations = check_roster(sc, roster_of({"J1": "D--", "J2": "D--"}))
    assert [(v.rule, v.staff_id) for v in violations] == [("R7", "J1"), ("R7", "J2")]
    assert "12 h of shifts in the horizon, needs at least 25 h" in violations[0].message
    assert "at most 11 h 40 min allowed (max_minutes 700)" in violations[1].message


# -- R18 WEEKENDS -----------------------------------------------------------------------

# The default horizon starts on Monday 2026-03-02: days 5, 6 and 12, 13 are weekends.


def test_holds_max_weekends_with_two_leaders_taking_turns() -> None:
    staff = (leader("L1", max_weekends=1), leader("L2", max_weekends=1))
    sc = mini_scenario(*staff, days=14, cover=LEAD_DAYS)
    assert solve_and_check(sc).status == SolveStatus.OPTIMAL


def test_breaks_max_weekends_when_one_leader_must_cover_both() -> None:
    staff = (leader("L1", max_weekends=1), leader("L2", max_weekends=0))
    sc = mini_scenario(*staff, days=14, cover=LEAD_DAYS)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R18")


def test_forces_the_other_leader_onto_the_weekend() -> None:
    sc = mini_scenario(
        leader("L1", max_weekends=0),
        leader("L2"),
        days=7,
        cover=(CoverRule("Sat", "D", "senior", 1), CoverRule("Sun", "D", "senior", 1)),
        requests=(ShiftRequest("L1", day(6), "D", "want", 5),),
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    assert grid_of(sc, result.roster) == {"L1": "-------", "L2": "-----DD"}
    assert result.objective == 5


def test_checker_counts_a_saturday_and_sunday_as_one_weekend() -> None:
    sc = mini_scenario(person("J1", max_weekends=1), days=14)
    assert check_roster(sc, roster_of({"J1": "-----DD-------"})) == []
    violations = check_roster(sc, roster_of({"J1": "-----DD------D"}))
    assert [v.rule for v in violations] == ["R18"]
    assert "works 2 weekends in the horizon (Sat 7 Mar, Sun 15 Mar)" in violations[0].message
