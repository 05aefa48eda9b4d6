"""R12 CALLBACK GAP in the CP-SAT model: the callback seat is never empty for too long."""

from __future__ import annotations

from roster.model import CoverRule, RuleParameters, SolveStatus, Staff
from tests.helpers import (
    DAY_SHIFT,
    NIGHT_SHIFT,
    grid_of,
    leave_of,
    mini_scenario,
    names_rule,
    person,
    solve_and_check,
)

LEAD_DAYS = (CoverRule("*", "D", "senior", 1),)


def centre() -> tuple[Staff, ...]:
    """Two team leaders (a week needs a day off) and one junior callback agent."""
    return (
        person("L1", "senior", "team_leader"),
        person("L2", "senior", "team_leader"),
        person("C1", "junior", "agent", "callback"),
    )


def test_holds_one_callback_shift_in_four_days() -> None:
    sc = mini_scenario(
        *centre(), days=4, cover=LEAD_DAYS, leave=(leave_of("C1", 0), leave_of("C1", 2, 3))
    )
    result = solve_and_check(sc)
    # Only day 1 is free: seat staffed 32 h-44 h; gaps 32 h and 52 h (to 96 h), both <= 72 h.
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    assert grid_of(sc, result.roster)["C1"] == "-D--"


def test_holds_without_a_callback_role_nothing_is_required() -> None:
    staff = (*centre()[:2], person("J1"))
    sc = mini_scenario(*staff, days=7, cover=LEAD_DAYS)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL


def test_breaks_a_week_with_one_callback_day_at_each_end() -> None:
    sc = mini_scenario(*centre(), days=7, cover=LEAD_DAYS, leave=(leave_of("C1", 1, 5),))
    result = solve_and_check(sc)
    # Day 0 ends at 20:00, day 6 starts at 08:00 six days later: 132 h > 72 h.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R12")


def test_forces_the_only_callback_agent_to_work_every_third_day() -> None:
    sc = mini_scenario(
        *centre(),
        days=7,
        cover=LEAD_DAYS,
        leave=(leave_of("C1", 0, 1), leave_of("C1", 3, 4)),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # From the start to day 2's 08:00 is 56 h; day 3 would be 80 h. From day 2's 20:00 the
    # seat must be back by day 5's 08:00 (60 h); day 6 would be 84 h.
    grid = grid_of(sc, result.roster)["C1"]
    assert grid[2] == "D"
    assert grid[5] == "D"


def test_forces_a_night_shift_across_midnight() -> None:
    sc = mini_scenario(
        *centre(),
        days=4,
        shifts=(DAY_SHIFT, NIGHT_SHIFT),
        cover=LEAD_DAYS,
        leave=(leave_of("C1", 0), leave_of("C1", 2, 3)),
        rules=RuleParameters(callback_max_gap_hours=45),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # C1 is free on day 1 only. Its day shift (32 h-44 h) would leave 52 h to the end of the
    # 96 h horizon; its night shift (44 h-56 h) leaves gaps of 44 h and 40 h, within 45 h.
    assert grid_of(sc, result.roster)["C1"] == "-N--"


def test_breaks_a_gap_shorter_than_a_night() -> None:
    sc = mini_scenario(
        *centre(),
        shifts=(DAY_SHIFT, NIGHT_SHIFT),
        cover=LEAD_DAYS,
        rules=RuleParameters(callback_max_gap_hours=11),
    )
    result = solve_and_check(sc)
    # One callback agent works one shift a day, so after a 12-hour shift the seat is empty
    # for at least the other 12 hours.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R12")
