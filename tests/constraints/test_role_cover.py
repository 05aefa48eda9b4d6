"""R3 ROLE COVER in the CP-SAT model: role rows of the cover table."""

from __future__ import annotations

from roster.checks import check_roster, objective_of
from roster.model import CoverRule, Roster, SolveStatus, Staff, Weights
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


# -- soft under weight_role_under: the trio (holds, breaks at a cost, checker agrees) ------


# R21 off: an inspector on the day shift sits beyond its one senior seat.
ROLE_SOFT = Weights(role_under=40, surplus=0)


def test_soft_role_seat_is_filled_when_an_inspector_is_free() -> None:
    sc = mini_scenario(*staff_with_inspectors("Q1"), cover=COVER, weights=ROLE_SOFT)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0


def test_soft_role_shortfall_costs_the_weight_per_missing_person() -> None:
    cover = (CoverRule("*", "D", "senior", 1), CoverRule("*", "D", "quality_inspector", 2))
    sc = mini_scenario(*staff_with_inspectors("Q1"), cover=cover, weights=ROLE_SOFT)
    result = solve_and_check(sc)  # no R3 violation, and the checker's cost is the solver's
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 3 * 40  # one of two inspectors on each of 3 days
    assert {(p.rule, p.date) for p in result.penalties} == {("R3", day(d)) for d in range(3)}


def test_soft_role_checker_costs_a_hand_made_roster() -> None:
    sc = mini_scenario(*staff_with_inspectors("Q1"), cover=COVER, weights=Weights(role_under=9))
    roster = Roster.from_rows([("L1", day(d), "D") for d in range(3)])
    assert not [v for v in check_roster(sc, roster) if v.rule == "R3"]
    total, items = objective_of(sc, roster)
    # Days 0-2 are Mon-Wed: the weekday inspector seat is empty three times.
    assert (total, {i.amount for i in items}, len(items)) == (27, {1}, 3)
    hard = mini_scenario(*staff_with_inspectors("Q1"), cover=COVER)
    assert [v.rule for v in check_roster(hard, roster)].count("R3") == 3
