"""Issue 6's general rules held to the checker: a person's own R6 limit on worked days in a
row, explicit R5 forbidden successions, and R2 switched off by ``require_team_leader``."""

from __future__ import annotations

from pathlib import Path

from roster.checks import check_roster
from roster.io import read_scenario, write_scenario
from roster.model import CoverRule, RuleParameters, Scenario, ShiftRequest, SolveStatus
from tests.helpers import (
    DAY_SHIFT,
    NIGHT_SHIFT,
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


# -- R5 forbidden successions ---------------------------------------------------------------


def two_shift(**overrides: object) -> Scenario:
    """D and N with no rest rule, so only the listed successions forbid anything."""
    rules = RuleParameters(
        require_team_leader=False, min_rest_hours=0, handover_minutes=0, min_off_after_nights=0
    )
    return mini_scenario(person("J1"), shifts=(DAY_SHIFT, NIGHT_SHIFT), rules=rules, **overrides)


def test_holds_without_the_forbidden_pair() -> None:
    sc = two_shift(cover=(cover_on(0, "D", "junior", 1), cover_on(1, "N", "junior", 1)))
    assert solve_and_check(sc.replace(forbidden_successions=(("N", "D"),))).roster is not None


def test_breaks_a_forbidden_succession() -> None:
    sc = two_shift(
        cover=(cover_on(0, "N", "junior", 1), cover_on(1, "D", "junior", 1)),
        forbidden_successions=(("N", "D"),),
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R5")


def test_forces_the_other_shift_the_next_day() -> None:
    sc = two_shift(
        cover=(cover_on(0, "N", "junior", 1),),
        requests=(ShiftRequest("J1", day(1), "D", "want", 5),),
        weights=weights_only(request=5),
        forbidden_successions=(("N", "D"),),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    assert grid_of(sc, result.roster)["J1"][:2] == "N-"
    assert result.objective == 5


def test_checker_reports_the_pair_and_the_config_round_trips(tmp_path: Path) -> None:
    sc = two_shift(forbidden_successions=(("N", "D"), ("D", "N")))
    violations = check_roster(sc, roster_of({"J1": "NDN"}))
    assert [v.rule for v in violations] == ["R5", "R5"]
    assert "forbidden succession" in violations[0].message
    write_scenario(sc, tmp_path / "sc")
    assert read_scenario(tmp_path / "sc").forbidden_successions == (("N", "D"), ("D", "N"))


# -- R2 require_team_leader ---------------------------------------------------------------


def test_no_team_leader_needed_when_switched_off() -> None:
    cover = juniors_on(0, 1, 2)
    strict = mini_scenario(person("J1"), cover=cover)
    result = solve_and_check(strict)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R2")
    assert "R2" in {v.rule for v in check_roster(strict, roster_of({"J1": "DDD"}))}
    lenient = strict.replace(rules=NO_LEADER)
    assert solve_and_check(lenient).status == SolveStatus.OPTIMAL
    assert check_roster(lenient, roster_of({"J1": "DDD"})) == []
