"""R16 PENDING LEAVE in the CP-SAT model: granted whole where cover allows, else it costs."""

from __future__ import annotations

from roster.model import CoverRule, ShiftRequest, SolveStatus, Staff
from tests.helpers import (
    day,
    grid_of,
    leave_of,
    mini_scenario,
    person,
    solve_and_check,
    weights_only,
)

COVER = (CoverRule("*", "D", "senior", 1), CoverRule("*", "D", "junior", 1))
PENDING = weights_only(pending_leave=30)


def centre() -> tuple[Staff, ...]:
    """One team leader (who cannot also fill the junior seat) and two juniors."""
    return (person("L1", "senior", "team_leader"), person("J1"), person("J2"))


def test_holds_pending_leave_is_granted_when_cover_allows() -> None:
    sc = mini_scenario(
        *centre(), cover=COVER, leave=(leave_of("J1", 1, status="pending"),), weights=PENDING
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0
    assert result.roster is not None
    assert result.roster.shift_of("J1", day(1)) is None


def test_breaks_pending_leave_when_the_other_junior_is_away() -> None:
    leave = (leave_of("J1", 1, status="pending"), leave_of("J2", 1))
    sc = mini_scenario(*centre(), cover=COVER, leave=leave, weights=PENDING)
    result = solve_and_check(sc)
    # J2 has approved leave on day 1, so J1 must work it: 1 request x 30 = 30.
    assert result.objective == 30
    (item,) = result.penalties
    assert (item.rule, item.staff_id) == ("R16", "J1")


def test_breaks_a_request_is_granted_whole_or_not_at_all() -> None:
    leave = (leave_of("J1", 0, 2, status="pending"), leave_of("J2", 2))
    wants = (ShiftRequest("J1", day(0), "D", "want", 5),)
    sc = mini_scenario(
        *centre(),
        cover=COVER,
        leave=leave,
        requests=wants,
        weights=weights_only(pending_leave=30, request=5),
    )
    result = solve_and_check(sc)
    # J1 must work day 2 (J2 on leave), so the 3-day request fails whatever J1 does on
    # days 0-1; J1 then works day 0 as wished: 30.
    assert result.objective == 30
    assert result.roster is not None
    assert result.roster.shift_of("J1", day(0)) == "D"


def test_forces_the_leave_over_a_lighter_wish() -> None:
    leave = (leave_of("J1", 0, 1, status="pending"),)
    wants = (ShiftRequest("J1", day(0), "D", "want", 5),)
    sc = mini_scenario(
        *centre(),
        cover=COVER,
        leave=leave,
        requests=wants,
        weights=weights_only(pending_leave=30, request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # Granting the leave (J1 off days 0-1) costs J1's wish 5; refusing it costs 30.
    grid = grid_of(sc, result.roster)
    assert grid["J1"][:2] == "--"
    assert grid["J2"][:2] == "DD"
    assert result.objective == 5
