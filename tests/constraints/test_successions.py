"""R5 REST's explicit forbidden successions (``forbidden_successions``): shift Y never the
day after shift X, held to the checker, and the config key round-trips."""

from __future__ import annotations

from pathlib import Path

from roster.checks import check_roster
from roster.io import read_scenario, write_scenario
from roster.model import RuleParameters, Scenario, ShiftRequest, SolveStatus
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
