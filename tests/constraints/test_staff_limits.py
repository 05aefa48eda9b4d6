"""Issue 6's per-person limits in the CP-SAT model, held to the checker: R7 caps per shift
type and on minutes, R18 WEEKENDS, R19 MIN RUNS."""

from __future__ import annotations

from typing import Any

from roster.checks import check_roster
from roster.model import CoverRule, RuleParameters, Scenario, ShiftRequest, SolveStatus, Staff
from tests.helpers import (
    DAY_SHIFT,
    NIGHT_SHIFT,
    cover_on,
    day,
    grid_of,
    history_of,
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


# -- R19 MIN RUNS -----------------------------------------------------------------------


def junior_needed_on(*days: int) -> tuple[CoverRule, ...]:
    """Cover that needs team leader L1 and junior J1 (the only two people) on those days."""
    return tuple(
        row for d in days for row in (cover_on(d, "D", "senior", 1), cover_on(d, "D", "junior", 1))
    )


def runs_scenario(j1: Staff, *needed: int, **overrides: Any) -> Scenario:
    """Five days, L1 and J1, J1 needed on the days given."""
    return mini_scenario(leader("L1"), j1, days=5, cover=junior_needed_on(*needed), **overrides)


def test_holds_min_consecutive_days() -> None:
    sc = runs_scenario(person("J1", min_consecutive_days=2), 1, 2)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL


def test_breaks_a_lone_working_day_between_leave() -> None:
    sc = runs_scenario(
        person("J1", min_consecutive_days=3), 1, leave=(leave_of("J1", 0), leave_of("J1", 2))
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R19")


def test_forces_a_second_working_day() -> None:
    sc = runs_scenario(
        person("J1", min_consecutive_days=2),
        1,
        requests=(ShiftRequest("J1", day(0), "D", "avoid", 5),),
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # Day 1 alone is too short and day 0 is unwanted, so J1 also works day 2.
    assert grid_of(sc, result.roster)["J1"] == "-DD--"
    assert result.objective == 0


def test_breaks_a_single_day_off_between_needed_days() -> None:
    sc = runs_scenario(person("J1", min_consecutive_off=2), 1, 3, leave=(leave_of("J1", 2),))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R19")


def test_forces_work_rather_than_a_short_break() -> None:
    sc = runs_scenario(
        person("J1", min_consecutive_off=2),
        1,
        requests=(ShiftRequest("J1", day(3), "D", "want", 5),),
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # Working days 1 and 3 would leave one day off between; J1 works day 2 too.
    assert grid_of(sc, result.roster)["J1"] == "-DDD-"
    assert result.objective == 0


def test_a_short_run_on_day_0_needs_the_boundary_exemption() -> None:
    j1 = person("J1", min_consecutive_days=3)
    strict = runs_scenario(j1, 0, leave=(leave_of("J1", 1),))
    result = solve_and_check(strict)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R19")
    lenient = strict.replace(rules=RuleParameters(exempt_boundary_runs=True))
    assert solve_and_check(lenient).status == SolveStatus.OPTIMAL


def test_history_lengthens_a_run_on_day_0() -> None:
    j1 = person("J1", min_consecutive_days=3)
    sc = runs_scenario(j1, 0, leave=(leave_of("J1", 1),), history=history_of({"J1": "DD"}))
    assert solve_and_check(sc).status == SolveStatus.OPTIMAL


def test_a_short_run_on_the_last_day_goes_on_next_month() -> None:
    sc = runs_scenario(person("J1", min_consecutive_days=3), 4, leave=(leave_of("J1", 3),))
    result = solve_and_check(sc)
    assert result.roster is not None
    assert grid_of(sc, result.roster)["J1"][3:] == "-D"


def test_checker_names_the_short_runs() -> None:
    sc = mini_scenario(person("J1", min_consecutive_days=2, min_consecutive_off=2), days=7)
    violations = check_roster(sc, roster_of({"J1": "D-DD-D-"}))
    assert [(v.rule, v.date) for v in violations] == [
        ("R19", day(0)),
        ("R19", day(1)),
        ("R19", day(4)),
        ("R19", day(5)),
    ]
    assert "1 worked days in a row, 2026-03-07 to 2026-03-07; at least 2" in str(violations)
    boundary = sc.replace(rules=RuleParameters(exempt_boundary_runs=True))
    assert [v.date for v in check_roster(boundary, roster_of({"J1": "D-DD-D-"}))] == [
        day(1),
        day(4),
        day(5),
    ]
