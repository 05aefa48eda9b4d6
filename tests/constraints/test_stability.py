"""R17 STABILITY in the CP-SAT model: re-planning changes as few cells as possible."""

from __future__ import annotations

from roster.model import Assignment, CoverRule, SolveStatus, Staff
from tests.helpers import (
    DAY_SHIFT,
    NIGHT_SHIFT,
    grid_of,
    leave_of,
    mini_scenario,
    person,
    roster_of,
    solve_and_check,
    weights_only,
)

COVER = (CoverRule("*", "D", "senior", 1), CoverRule("*", "D", "junior", 1))
STABLE = weights_only(stability=100)
PUBLISHED = {"L1": "DDD", "J1": "DDD", "J2": "---"}


def centre() -> tuple[Staff, ...]:
    return (person("L1", "senior", "team_leader"), person("J1"), person("J2"))


def published() -> tuple[Assignment, ...]:
    return roster_of(PUBLISHED).assignments


def test_holds_a_legal_published_roster_is_kept() -> None:
    sc = mini_scenario(*centre(), cover=COVER, published=published(), weights=STABLE)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0
    assert result.roster is not None
    assert grid_of(sc, result.roster) == PUBLISHED


def test_breaks_new_leave_changes_two_cells() -> None:
    sc = mini_scenario(
        *centre(), cover=COVER, published=published(), leave=(leave_of("J1", 1),), weights=STABLE
    )
    result = solve_and_check(sc)
    # J1 is now on leave on day 1 (D -> off) and J2 takes the seat (off -> D): 2 x 100.
    assert result.objective == 200
    assert sorted(p.staff_id or "" for p in result.penalties) == ["J1", "J2"]


def test_forces_the_smallest_repair() -> None:
    sc = mini_scenario(
        *centre(), cover=COVER, published=published(), leave=(leave_of("J1", 1),), weights=STABLE
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    assert grid_of(sc, result.roster) == {"L1": "DDD", "J1": "D-D", "J2": "-D-"}


def test_breaks_another_shift_is_a_change_too() -> None:
    staff = (person("L1", "senior", "team_leader"), person("L2", "senior", "team_leader"))
    cover = (CoverRule("*", "N", "senior", 1),)
    sc = mini_scenario(
        *staff,
        shifts=(DAY_SHIFT, NIGHT_SHIFT),
        cover=cover,
        # Published before L1's leave: L1 had the night of day 0 and the day of day 2.
        published=roster_of({"L1": "N-D", "L2": "-NN"}).assignments,
        leave=(leave_of("L1", 0),),
        weights=STABLE,
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # L2 takes day 0's night (off -> N) and keeps its two; L1 loses it (N -> off) and keeps
    # the day shift of day 2, which nothing forbids: 2 changes x 100 = 200.
    assert grid_of(sc, result.roster) == {"L1": "--D", "L2": "NNN"}
    assert result.objective == 200
