"""R2 SUPERVISOR switched off by ``require_team_leader = no`` (centres and benchmarks
without team leaders), held to the checker."""

from __future__ import annotations

from roster.checks import check_roster
from roster.model import CoverRule, RuleParameters, SolveStatus
from tests.helpers import (
    cover_on,
    mini_scenario,
    names_rule,
    person,
    roster_of,
    solve_and_check,
)

NO_LEADER = RuleParameters(require_team_leader=False)


def juniors_on(*days: int, shift: str = "D") -> tuple[CoverRule, ...]:
    return tuple(cover_on(d, shift, "junior", 1) for d in days)


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
