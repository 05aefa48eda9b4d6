"""Repairs of a published roster: re-planning after an absence and deciding leave (L9).

The published week is ``VALID_GRID`` of tests/helpers.py: leaders L1-L4 rotate D/N, the
juniors hold the day shift's junior seat (J1 days 0-3, J2 days 4-6), M1 is off all week.
"""

from __future__ import annotations

import dataclasses

import pytest

from roster.checks import check_roster, objective_of
from roster.model import LeaveRequest, RuleParameters, SolveStatus
from roster.solver.repair import Repair, decide_leave, replan
from tests.helpers import day, grid_of, tiny_scenario, valid_roster


def _assert_checked(repair: Repair) -> None:
    roster = repair.result.roster
    assert roster is not None
    assert check_roster(repair.scenario, roster) == []
    assert objective_of(repair.scenario, roster)[0] == repair.result.objective


def _differing_cells(before: dict[str, str], after: dict[str, str]) -> int:
    return sum(a != b for p in before for a, b in zip(before[p], after[p], strict=True))


def test_replan_keeps_days_before_the_absence_and_changes_the_fewest_cells() -> None:
    sc = tiny_scenario()
    published = valid_roster()
    repair = replan(sc, published, "J1", day(2), time_limit=10, workers=1)
    assert repair.result.status == SolveStatus.OPTIMAL
    _assert_checked(repair)
    before = grid_of(sc, published)
    after = grid_of(sc, repair.result.roster)  # type: ignore[arg-type]
    for person, row in before.items():
        assert after[person][:2] == row[:2], person  # days 0 and 1 as published
    assert after["J1"][2:] == "-----"
    # J1 loses days 2 and 3 (2 cells) and someone fills the junior seat on both (2 cells):
    # 4 changes x weight_stability 100 = 400.
    assert len(repair.changes) == 4 == _differing_cells(before, after)
    assert repair.result.objective == 400
    assert all(c.date >= day(2) for c in repair.changes)
    assert {c.why for c in repair.changes if c.staff_id == "J1"} == {
        "J1 absent (sick) from 2026-03-04"
    }


def test_replan_that_cannot_cover_names_the_day_shift_and_grade() -> None:
    # Juniors only in junior seats, and at most 4 days in a row: J2, already on days 4-6,
    # can take only one of days 2-3 (or must drop a later day): one junior seat stays empty.
    sc = tiny_scenario(rules=RuleParameters(upward_substitution=False, max_consecutive_days=4))
    repair = replan(sc, valid_roster(), "J1", day(2), time_limit=10, workers=1)
    assert repair.result.status == SolveStatus.INFEASIBLE
    assert repair.result.roster is None
    reasons = "\n".join(repair.reasons)
    assert "R1 COVER" in reasons
    assert "1 junior seat cannot be filled" in reasons
    assert "call in 1 more junior" in reasons


def test_replan_refuses_an_unknown_person() -> None:
    with pytest.raises(ValueError, match="unknown staff id 'ZZ'"):
        replan(tiny_scenario(), valid_roster(), "ZZ", day(2))


def _two_requests(weight_j1: int | None, weight_j2: int | None) -> tuple[LeaveRequest, ...]:
    return (
        LeaveRequest("LJ1", "J1", day(2), day(2), status="pending", weight=weight_j1),
        LeaveRequest("LJ2", "J2", day(2), day(2), status="pending", weight=weight_j2),
    )


def _conflicting(weight_j1: int | None, weight_j2: int | None) -> Repair:
    # Only juniors sit in the junior seat: J1 and J2 cannot both be off on day 2.
    sc = tiny_scenario(
        rules=RuleParameters(upward_substitution=False),
        leave=_two_requests(weight_j1, weight_j2),
    )
    return decide_leave(sc, valid_roster(), ["LJ1", "LJ2"], time_limit=10, workers=1)


def test_l9_the_request_worth_more_wins() -> None:
    repair = _conflicting(50, 30)
    _assert_checked(repair)
    assert repair.granted == ("LJ1",)
    assert set(repair.refused) == {"LJ2"}
    # LJ2 refused costs its weight 30; granting LJ1 moves J1 off day 2 and J2 onto it:
    # 2 changes x 100 = 200; total 230.
    assert repair.result.objective == 230
    assert len(repair.changes) == 2


def test_l9_on_equal_weight_the_request_needing_fewer_changes_wins() -> None:
    repair = _conflicting(None, None)  # both at weight_pending_leave 30
    _assert_checked(repair)
    # J2 is off on day 2 already: granting LJ2 changes nothing; LJ1 would need 2 changes.
    assert repair.granted == ("LJ2",)
    assert "conflicts with other requests" in repair.refused["LJ1"]
    assert repair.changes == ()
    assert repair.result.objective == 30  # LJ1 refused: 30


def test_l9_a_request_that_breaks_cover_alone_says_so() -> None:
    sc = tiny_scenario(
        rules=RuleParameters(upward_substitution=False),
        leave=(
            LeaveRequest("LJ2", "J2", day(2), day(2), status="approved"),
            LeaveRequest("LJ1", "J1", day(2), day(2), status="pending"),
        ),
    )
    repair = decide_leave(sc, valid_roster(), ["LJ1"], time_limit=10, workers=1)
    assert repair.granted == ()
    assert "cannot be granted" in repair.refused["LJ1"]
    assert "junior" in repair.refused["LJ1"]


def test_l9_refuses_ids_that_are_not_pending() -> None:
    sc = tiny_scenario(leave=_two_requests(None, None))
    approved = dataclasses.replace(sc.leave[0], status="approved")
    sc = sc.replace(leave=(approved, sc.leave[1]))
    with pytest.raises(ValueError, match="not a pending leave request: LJ1"):
        decide_leave(sc, valid_roster(), ["LJ1"])


def test_l9_a_request_at_weight_zero_is_still_decided_on_cover() -> None:
    # weight_pending_leave 0: refusing would cost nothing, yet cover allows the request
    # (M1 can take J1's junior seat on day 1), so it is granted with 2 changes.
    sc = tiny_scenario(
        weights=dataclasses.replace(tiny_scenario().weights, pending_leave=0),
        leave=(LeaveRequest("P1", "J1", day(1), day(1), status="pending"),),
    )
    repair = decide_leave(sc, valid_roster(), ["P1"], time_limit=10, workers=1)
    _assert_checked(repair)
    assert repair.granted == ("P1",)
    assert len(repair.changes) == 2
