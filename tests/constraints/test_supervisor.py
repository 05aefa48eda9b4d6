"""R2 SUPERVISOR in the CP-SAT model: a team leader on every operating shift."""

from __future__ import annotations

from roster.checks import check_roster, objective_of
from roster.model import CoverRule, Roster, RuleParameters, SolveStatus, Weights
from tests.helpers import (
    cover_on,
    day,
    grid_of,
    leave_of,
    mini_scenario,
    names_rule,
    person,
    solve_and_check,
)

SENIOR_SEAT = (CoverRule("*", "D", "senior", 1),)


def test_holds_a_leader_on_every_day_shift() -> None:
    staff = (person("L1", "senior", "team_leader"), person("L2", "senior", "team_leader"))
    result = solve_and_check(mini_scenario(*staff, cover=SENIOR_SEAT))
    assert result.status == SolveStatus.OPTIMAL


def test_breaks_when_no_team_leader_is_free() -> None:
    staff = (person("L1", "senior", "team_leader"), person("S1", "senior"))
    sc = mini_scenario(*staff, cover=SENIOR_SEAT, leave=(leave_of("L1", 1),))
    result = solve_and_check(sc)
    # S1 can fill the senior seat, but nobody can lead the day shift of day 1.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R2")


def test_breaks_against_consecutive_days_found_by_the_diagnosis() -> None:
    staff = (person("L1", "senior", "team_leader"), person("S1", "senior"))
    sc = mini_scenario(*staff, cover=SENIOR_SEAT, rules=RuleParameters(max_consecutive_days=2))
    result = solve_and_check(sc)
    # Counting passes (one leader, one shift a day), but L1 cannot work 3 days in a row.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R2")
    assert names_rule(result, "R6")


def test_a_role_only_cover_row_makes_the_shift_operate() -> None:
    staff = (person("L1", "senior", "team_leader"), person("C1", "junior", "agent", "callback"))
    sc = mini_scenario(*staff, cover=(cover_on(1, "D", "callback", 1),))
    result = solve_and_check(sc)
    assert result.roster is not None
    # Day 1's shift operates because it needs a callback seat, so the leader is there too.
    assert grid_of(sc, result.roster)["L1"][1] == "D"


def test_forces_the_only_leader_onto_every_operating_shift() -> None:
    staff = (
        person("L1", "senior", "team_leader"),
        person("S1", "senior"),
        person("S2", "senior"),
    )
    result = solve_and_check(mini_scenario(*staff, cover=SENIOR_SEAT))
    assert result.roster is not None
    # Two other seniors could fill the senior seat, but only L1 leads: L1 works all 3 days.
    assert grid_of(mini_scenario(*staff), result.roster)["L1"] == "DDD"


# -- soft under weight_role_under: the trio (holds, breaks at a cost, checker agrees) ------


def test_soft_leader_is_still_rostered_when_one_is_free() -> None:
    staff = (person("L1", "senior", "team_leader"), person("S1", "senior"))
    sc = mini_scenario(*staff, cover=SENIOR_SEAT, weights=Weights(role_under=50))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0
    assert result.roster is not None
    assert grid_of(sc, result.roster)["L1"] == "DDD"


def test_soft_leader_shortfall_costs_the_weight_per_shift_without_one() -> None:
    staff = (person("L1", "senior", "team_leader"), person("S1", "senior"))
    sc = mini_scenario(
        *staff, cover=SENIOR_SEAT, leave=(leave_of("L1", 1),), weights=Weights(role_under=50)
    )
    result = solve_and_check(sc)  # the checker finds no R2 violation and the same cost
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 50
    assert [(p.rule, p.date, p.shift) for p in result.penalties] == [("R2", day(1), "D")]
    assert result.roster is not None
    total, items = objective_of(sc, result.roster)
    assert (total, [i.rule for i in items]) == (50, ["R2"])


def test_soft_leader_checker_costs_a_hand_made_roster() -> None:
    staff = (person("L1", "senior", "team_leader"), person("S1", "senior"))
    sc = mini_scenario(*staff, cover=SENIOR_SEAT, weights=Weights(role_under=7))
    roster = Roster.from_rows([("S1", day(d), "D") for d in range(3)])
    assert not [v for v in check_roster(sc, roster) if v.rule == "R2"]
    total, items = objective_of(sc, roster)
    assert total == 21
    assert {(i.rule, i.amount, i.date) for i in items} == {("R2", 1, day(d)) for d in range(3)}
    hard = mini_scenario(*staff, cover=SENIOR_SEAT)
    assert [v.rule for v in check_roster(hard, roster)].count("R2") == 3
