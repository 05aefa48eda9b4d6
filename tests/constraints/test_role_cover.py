"""R3 ROLE COVER in the CP-SAT model: role rows of the cover table."""

from __future__ import annotations

from roster.model import CoverRule, SolveStatus, Staff
from tests.helpers import (
    day,
    leave_of,
    mini_scenario,
    names_rule,
    person,
    solve_and_check,
)

COVER = (CoverRule("*", "D", "senior", 1), CoverRule("weekday", "D", "quality_inspector", 1))


def staff_with_inspectors(*ids: str) -> tuple[Staff, ...]:
    """A team leader and mid-grade inspectors (who are agents too)."""
    return (
        person("L1", "senior", "team_leader"),
        *(person(i, "mid", "agent", "quality_inspector") for i in ids),
    )


def test_holds_an_inspector_on_every_weekday_day_shift() -> None:
    result = solve_and_check(mini_scenario(*staff_with_inspectors("Q1", "Q2"), cover=COVER))
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    for d in range(3):
        assert {result.roster.shift_of(q, day(d)) for q in ("Q1", "Q2")} & {"D"}


def test_breaks_when_the_only_inspector_is_on_leave() -> None:
    sc = mini_scenario(*staff_with_inspectors("Q1"), cover=COVER, leave=(leave_of("Q1", 1),))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R3")
    assert "quality inspector" in "\n".join(result.reasons)


def test_breaks_when_two_inspectors_are_needed_and_one_exists() -> None:
    cover = (CoverRule("*", "D", "senior", 1), CoverRule("*", "D", "quality_inspector", 2))
    result = solve_and_check(mini_scenario(*staff_with_inspectors("Q1"), cover=cover))
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R3")


def test_a_person_counts_for_every_role_they_hold() -> None:
    leader_inspector = person("L1", "senior", "team_leader", "quality_inspector")
    cover = (CoverRule("*", "D", "junior", 1), CoverRule("*", "D", "quality_inspector", 1))
    result = solve_and_check(mini_scenario(leader_inspector, cover=cover))
    # One person is the leader (R2), the inspector (R3) and, as a senior, the junior seat.
    assert result.status == SolveStatus.OPTIMAL


def test_forces_the_other_inspector_when_one_is_on_leave() -> None:
    sc = mini_scenario(*staff_with_inspectors("Q1", "Q2"), cover=COVER, leave=(leave_of("Q1", 1),))
    result = solve_and_check(sc)
    assert result.roster is not None
    assert result.roster.shift_of("Q2", day(1)) == "D"
    assert result.roster.shift_of("Q1", day(1)) is None
