"""R4 ONE SHIFT in the CP-SAT model: nobody works two shifts on one day."""

from __future__ import annotations

from roster.model import CoverRule, RuleParameters, ShiftRequest, SolveStatus, Staff
from tests.helpers import (
    EARLY_SHIFT,
    LATE_SHIFT,
    day,
    mini_scenario,
    names_rule,
    person,
    solve_and_check,
    tiny_scenario,
    weights_only,
)

# Back-to-back early and late shifts with no rest rule: only R4 keeps them apart.
NO_REST = RuleParameters(min_rest_hours=0, handover_minutes=0)
BOTH_SHIFTS = (CoverRule("*", "E", "senior", 1), CoverRule("*", "L", "senior", 1))


def leaders(n: int) -> tuple[Staff, ...]:
    return tuple(person(f"L{i}", "senior", "team_leader") for i in range(1, n + 1))


def test_holds_default_week_one_entry_per_person_and_day() -> None:
    sc = tiny_scenario(weights=weights_only())
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    cells = [(a.staff_id, a.date) for a in result.roster.assignments]
    assert len(cells) == len(set(cells))


def test_breaks_when_one_leader_would_have_to_work_both_shifts_of_a_day() -> None:
    sc = mini_scenario(
        *leaders(1), shifts=(EARLY_SHIFT, LATE_SHIFT), cover=BOTH_SHIFTS, rules=NO_REST
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R4")


def test_forces_the_second_leader_onto_the_late_shift() -> None:
    wish = ShiftRequest("L1", day(0), "E", "want", 5)
    sc = mini_scenario(
        *leaders(2),
        days=1,
        shifts=(EARLY_SHIFT, LATE_SHIFT),
        cover=BOTH_SHIFTS,
        rules=NO_REST,
        requests=(wish,),
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.objective == 0
    assert result.roster is not None
    # L1 takes the early shift it asked for; it cannot also take the late one.
    assert result.roster.shift_of("L1", day(0)) == "E"
    assert result.roster.shift_of("L2", day(0)) == "L"
