"""R6 CONSECUTIVE per person: a person's own ``max_consecutive_days`` replaces the config's
limit, held to the checker."""

from __future__ import annotations

from roster.checks import check_roster
from roster.model import CoverRule, RuleParameters, ShiftRequest, SolveStatus
from tests.helpers import (
    cover_on,
    day,
    grid_of,
    mini_scenario,
    names_rule,
    person,
    roster_of,
    solve_and_check,
    weights_only,
)

NO_LEADER = RuleParameters(require_team_leader=False)


def juniors_on(*days: int, shift: str = "D") -> tuple[CoverRule, ...]:
    return tuple(cover_on(d, shift, "junior", 1) for d in days)


# -- R6 per-person max_consecutive_days ---------------------------------------------------


def test_holds_a_personal_run_limit() -> None:
    sc = mini_scenario(
        person("J1", max_consecutive_days=2), cover=juniors_on(0, 1), rules=NO_LEADER
    )
    assert solve_and_check(sc).status == SolveStatus.OPTIMAL


def test_breaks_a_personal_run_limit_below_the_config() -> None:
    sc = mini_scenario(
        person("J1", max_consecutive_days=2), cover=juniors_on(0, 1, 2), rules=NO_LEADER
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R6")


def test_forces_a_day_off_against_wishes() -> None:
    wants = tuple(ShiftRequest("J1", day(d), "D", "want", 5) for d in range(5))
    sc = mini_scenario(
        person("J1", max_consecutive_days=2),
        days=5,
        requests=wants,
        rules=NO_LEADER,
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    assert grid_of(sc, result.roster)["J1"] == "DD-DD"


def test_checker_uses_the_personal_limit_both_ways() -> None:
    staff = (person("J1", max_consecutive_days=2), person("J2", max_consecutive_days=8))
    sc = mini_scenario(*staff, days=8, rules=NO_LEADER)
    violations = check_roster(sc, roster_of({"J1": "DDD-----", "J2": "DDDDDDDD"}))
    assert [(v.rule, v.staff_id) for v in violations] == [("R6", "J1")]
    assert "3 worked days in a row" in violations[0].message
    assert "(max 2)" in violations[0].message
