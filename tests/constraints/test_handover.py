"""R9 HANDOVER in the CP-SAT model: no operating shift without someone on it, and the
handover minutes count as working time for the rest rule (R5)."""

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
# Day shifts 08:00-20:00 leave exactly 12 h to the next morning, less the handover.
TWELVE_HOUR_REST = RuleParameters(min_rest_hours=12, handover_minutes=10)


def leaders(n: int) -> tuple[Staff, ...]:
    return tuple(person(f"L{i}", "senior", "team_leader") for i in range(1, n + 1))


# -- the successor ----------------------------------------------------------------------


def test_holds_every_operating_shift_has_someone() -> None:
    staff = (*leaders(3), person("J1"))
    cover = (CoverRule("*", "D", "senior", 1), CoverRule("*", "N", "senior", 1))
    sc = mini_scenario(*staff, days=4, shifts=(DAY_SHIFT, NIGHT_SHIFT), cover=cover)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    staffed = {(a.date, a.shift) for a in result.roster.assignments}
    assert all((d, code) in staffed for d in sc.days for code in "DN")


def test_holds_a_shift_that_does_not_operate_may_stay_empty() -> None:
    # Nobody may work nights, and the night shift asks for nobody (min 0): no successor.
    staff = (person("L1", "senior", "team_leader", can_work_nights=False),)
    cover = (CoverRule("*", "D", "senior", 1), CoverRule("*", "N", "junior", 0, 2))
    sc = mini_scenario(*staff, shifts=(DAY_SHIFT, NIGHT_SHIFT), cover=cover)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    assert grid_of(sc, result.roster)["L1"] == "DDD"


def test_breaks_when_nobody_can_take_over_the_night() -> None:
    staff = (person("L1", "senior", "team_leader", can_work_nights=False),)
    cover = (CoverRule("*", "D", "senior", 1), CoverRule("*", "N", "junior", 1))
    sc = mini_scenario(*staff, shifts=(DAY_SHIFT, NIGHT_SHIFT), cover=cover)
    result = solve_and_check(sc)
    # The night operates and nobody may work it. R2 (a team leader on every operating
    # shift) already implies R9's successor, so the reasons name the seats that stay empty.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R2")
    assert "Night (N)" in "\n".join(result.reasons)


# -- the handover counts for rest -------------------------------------------------------


def test_holds_without_handover_twelve_hours_of_rest_suffice() -> None:
    rules = RuleParameters(min_rest_hours=12, handover_minutes=0)
    sc = mini_scenario(*leaders(1), cover=LEAD_DAYS, rules=rules)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL


def test_breaks_the_handover_eats_into_the_rest() -> None:
    sc = mini_scenario(*leaders(1), cover=LEAD_DAYS, rules=TWELVE_HOUR_REST)
    result = solve_and_check(sc)
    # 20:00 -> 07:50 (arriving 10 minutes early) is 11 h 50 min < 12 h; R5 counts the
    # handover, so R5 is the rule that breaks.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R5")


def test_forces_leaders_to_alternate_days() -> None:
    sc = mini_scenario(
        *leaders(2), cover=LEAD_DAYS, leave=(leave_of("L2", 0),), rules=TWELVE_HOUR_REST
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # L1 takes day 0 (L2 on leave); with the handover nobody works two days running.
    assert grid_of(sc, result.roster) == {"L1": "D-D", "L2": "-D-"}
