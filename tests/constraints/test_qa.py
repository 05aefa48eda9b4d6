"""R11 QA REACH in the CP-SAT model: every agent shares shifts with a quality inspector."""

from __future__ import annotations

from roster.model import CoverRule, LeaveRequest, RuleParameters, SolveStatus, Staff
from tests.helpers import (
    DAY_SHIFT,
    NIGHT_SHIFT,
    day,
    leave_of,
    mini_scenario,
    person,
    solve_and_check,
    weights_only,
)

LEAD_DAYS = (CoverRule("*", "D", "senior", 1),)
QA = weights_only(qa_reach=50)


def centre() -> tuple[Staff, ...]:
    """A team leader (not an agent), two junior agents and an inspector."""
    return (
        person("L1", "senior", "team_leader"),
        person("J1"),
        person("J2"),
        person("Q1", "mid", "quality_inspector"),
    )


def test_holds_every_agent_meets_the_inspector() -> None:
    sc = mini_scenario(*centre(), cover=LEAD_DAYS, weights=QA)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0


def test_breaks_an_agent_who_never_meets_the_inspector() -> None:
    leave: tuple[LeaveRequest, ...] = (leave_of("J1", 0, 1), leave_of("Q1", 2))
    sc = mini_scenario(*centre(), cover=LEAD_DAYS, leave=leave, weights=QA)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    # J1 can only work day 2, when Q1 is on leave: 1 shared shift missing x 50 = 50. J2
    # meets Q1 freely; L1 is not an agent.
    assert result.objective == 50
    (item,) = result.penalties
    assert (item.rule, item.staff_id) == ("R11", "J1")


def test_breaks_counts_each_missing_shared_shift() -> None:
    leave = (leave_of("J1", 0, 1), leave_of("Q1", 2))
    rules = RuleParameters(qa_min_shared_shifts=2)
    sc = mini_scenario(*centre(), cover=LEAD_DAYS, leave=leave, rules=rules, weights=QA)
    result = solve_and_check(sc)
    # J1 shares none of 2 (100); J2 can share 2 with Q1 on days 0-1 (0): 2 x 50 = 100.
    assert result.objective == 100


def test_forces_the_inspector_onto_the_agents_only_shift() -> None:
    staff = (
        person("L1", "senior", "team_leader"),
        person("J1", can_work_nights=False, min_shifts=1),
        person("Q1", "mid", "quality_inspector"),
    )
    sc = mini_scenario(
        *staff,
        shifts=(DAY_SHIFT, NIGHT_SHIFT),
        cover=LEAD_DAYS,
        leave=(leave_of("J1", 0), leave_of("J1", 2)),
        weights=QA,
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # J1 must work once, only on day 1 and only by day: Q1 joins that day shift.
    assert result.roster.shift_of("J1", day(1)) == "D"
    assert result.roster.shift_of("Q1", day(1)) == "D"
    assert result.objective == 0
