"""The soft cost (R1 over/under, R11, R13-R17) on hand-built rosters, to the unit."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roster.calendar import Calendar
from roster.checks import check_roster, coverage_rows, objective_of
from roster.model import (
    OFF,
    Assignment,
    CoverRule,
    HolidayChange,
    LeaveRequest,
    PenaltyItem,
    Roster,
    RuleParameters,
    Shift,
    ShiftRequest,
    Staff,
    Weights,
)
from tests.helpers import (
    DAY_SHIFT,
    START,
    VALID_GRID,
    day,
    default_cover,
    default_staff,
    person,
    roster_of,
    tiny_scenario,
    valid_roster,
    weights_only,
    with_grid,
)


def staff_with(staff_id: str, **fields: Any) -> tuple[Staff, ...]:
    return tuple(
        dataclasses.replace(s, **fields) if s.id == staff_id else s for s in default_staff()
    )


def total_of(items: list[PenaltyItem]) -> int:
    return sum(item.weight * item.amount for item in items)


def test_default_weights_on_the_valid_week() -> None:
    total, items = objective_of(tiny_scenario(), valid_roster())
    # R13: L4's night on Mon 2 Mar touches the team-leader meeting: 20 x 1 = 20.
    # R14 (10 each, only the spread beyond the fair one): senior nights L1 2, L2 2, L3 1,
    # L4 2 -> spread 1, and 7 night seats do not divide among 4 seniors, so 1 is fair: 0;
    # senior weekend shifts L1 1, L2 2, L3 1, L4 0 -> 2, 4 seats divide by 4 (fair 0): 2;
    # junior weekend shifts J1 0, J2 2 -> 2, 2 seats among 2 (fair 0): 2; mid has one
    # person (free): 10 x (0 + 2 + 2) = 40.
    # R21: every day D has 2 on duty for its 2 seats and N 1 for 1: no surplus.
    assert total == 20 + 40
    assert total == total_of(items)
    assert sorted((i.rule, i.amount) for i in items) == [
        ("R13", 1),
        ("R14", 2),
        ("R14", 2),
    ]


def test_zero_weights_build_nothing() -> None:
    assert objective_of(tiny_scenario(weights=weights_only()), valid_roster()) == (0, [])


# -- R1 ---------------------------------------------------------------------------------


def test_cover_over_max() -> None:
    cover = (*default_cover()[:1], CoverRule("*", "D", "junior", 1, 1), default_cover()[2])
    scenario = tiny_scenario(cover=cover, weights=weights_only(cover_over=10))
    total, items = objective_of(scenario, with_grid(J2="D---DDD"))
    # Day 0: J1 and J2 on the day shift, junior max 1: 10 x 1.
    assert total == 10
    (item,) = items
    assert (item.rule, item.date, item.shift, item.amount) == ("R1", day(0), "D", 1)
    assert item.description == "Mon 2 Mar, day shift: 2 junior on duty, max 1"


def test_cover_under_is_the_largest_cumulative_deficit() -> None:
    scenario = tiny_scenario(weights=weights_only(cover_under=7))
    # Day 0 day shift without J1: seats senior 1 / all 2; staff senior 1 / all 1;
    # deficits 0 and 1 -> 1 missing: 7 x 1.
    assert objective_of(scenario, with_grid(J1="-DDD---"))[0] == 7
    # No leader and no junior on day 0's day shift: deficits 1 and 2 -> 2 missing: 7 x 2.
    assert objective_of(scenario, with_grid(J1="-DDD---", L1="-N--DN-"))[0] == 14
    # A soft shortfall is no hard R1 breach.
    assert check_roster(scenario, with_grid(J1="-DDD---")) == []


def test_cover_under_with_and_without_upward_substitution() -> None:
    # Day 0 day shift: two seniors (L1, L2) and no junior.
    roster = with_grid(J1="-DDD---", L2="DDN--DN")
    sub = tiny_scenario(weights=weights_only(cover_under=7))
    # Cumulative: senior 1 - 2 = -1, all 2 - 2 = 0 -> nothing missing.
    assert objective_of(sub, roster)[0] == 0
    strict = sub.replace(rules=RuleParameters(upward_substitution=False))
    # Grade by grade: senior max(0, 1 - 2) = 0, junior max(0, 1 - 0) = 1 -> 7 x 1.
    assert objective_of(strict, roster)[0] == 7


def test_role_rows_are_never_soft() -> None:
    cover = (
        *default_cover(),
        CoverRule("*", "D", "quality_inspector", 1),
        CoverRule("*", "D", "team_leader", 0, 0),
    )
    scenario = tiny_scenario(cover=cover, weights=weights_only(cover_under=7, cover_over=10))
    assert objective_of(scenario, valid_roster()) == (0, [])


# -- R11 QA REACH -----------------------------------------------------------------------


def test_qa_reach() -> None:
    staff = staff_with("J1", roles=frozenset({"agent", "quality_inspector"}))
    scenario = tiny_scenario(staff=staff, weights=weights_only(qa_reach=50))
    # Agents who are not inspectors: J2 (days 4-6, J1 days 0-3: shares 0) and M1 (off):
    # leaders are not agents. 50 x (1 + 1).
    total, items = objective_of(scenario, valid_roster())
    assert total == 100
    assert sorted(i.staff_id or "" for i in items) == ["J2", "M1"]
    # J2 also works day 3 with J1: only M1 is missing one: 50 x 1.
    assert objective_of(scenario, with_grid(J2="---DDDD"))[0] == 50
    # Two shared shifts needed: J2 shares 1 -> misses 1, M1 misses 2: 50 x 3.
    two = scenario.replace(rules=RuleParameters(qa_min_shared_shifts=2))
    assert objective_of(two, with_grid(J2="---DDDD"))[0] == 150


def test_qa_reach_needs_an_inspector() -> None:
    scenario = tiny_scenario(weights=weights_only(qa_reach=50))
    assert objective_of(scenario, valid_roster()) == (0, [])


# -- R13 MEETINGS -----------------------------------------------------------------------


def test_meetings() -> None:
    start = dt.date(2026, 3, 16)  # Mon; the monthly meeting is Fri 20 Mar (day 4)
    scenario = tiny_scenario(start=start, end=day(6, start), weights=weights_only(meetings=20))
    grid = {**VALID_GRID, "M1": "---NN--"}
    total, items = objective_of(scenario, roster_of(grid, start))
    # Monthly (everyone), nights touching Fri 20 Mar: M1 Thu + Fri, L3 Thu, L4 Fri = 4.
    # Team leaders' meeting Mon 16 Mar: L4's Monday night = 1. 20 x 5.
    assert total == 100
    assert sorted((i.staff_id or "", i.date) for i in items) == [
        ("L3", day(3, start)),
        ("L4", day(0, start)),
        ("L4", day(4, start)),
        ("M1", day(3, start)),
        ("M1", day(4, start)),
    ]


def test_night_ending_at_midnight_does_not_touch_the_next_day() -> None:
    evening = Shift("N", "Evening", 16 * 60, 0, night=True)  # 16:00-24:00
    scenario = tiny_scenario(shifts=(DAY_SHIFT, evening), weights=weights_only(meetings=20))
    grid = {**VALID_GRID, "M1": "------N"}  # Sunday evening: 24:00 is not Monday
    # Only L4's evening on Monday itself touches Monday's team-leader meeting: 20 x 1.
    assert objective_of(scenario, roster_of(grid))[0] == 20


def test_history_nights_do_not_count_for_meetings() -> None:
    # L1's history night Sun 1 Mar 20:00 - Mon 08:00 touches Monday's meeting, but only
    # roster entries count: L4's Monday night alone, 20 x 1.
    history = (Assignment("L1", day(-1), "N"),)
    scenario = tiny_scenario(history=history, weights=weights_only(meetings=20))
    assert objective_of(scenario, valid_roster())[0] == 20


# -- R14 FAIRNESS -----------------------------------------------------------------------


def test_fairness_with_a_holiday() -> None:
    holiday = (HolidayChange(day(2), "Test day"),)
    scenario = tiny_scenario(holiday_changes=holiday, weights=weights_only(fairness=10))
    # Only the spread beyond the fair one costs (1 where the seats do not divide):
    # seniors: nights 2/2/1/2 -> 1, 7 seats / 4 (fair 1): 0; weekend 1/2/1/0 -> 2, 4 seats
    # / 4 (fair 0): 2; holiday (Wed, day 2: L2 N, L3 D) 0/1/1/0 -> 1, 2 seats / 4 (fair 1):
    # 0. juniors: nights 0/0 -> 0; weekend 0/2 -> 2, 2 seats / 2 (fair 0): 2; holiday J1 1,
    # J2 0 -> 1, 1 seat / 2 (fair 1): 0. mid: one person, free. 10 x (2 + 2) = 40.
    assert objective_of(scenario, valid_roster())[0] == 40


def test_fairness_night_group_is_only_night_capable_staff() -> None:
    staff = staff_with("L3", can_work_nights=False)
    scenario = tiny_scenario(staff=staff, weights=weights_only(fairness=10))
    # Senior nights among L1, L2, L4: 2/2/2 -> 0; weekend 1/2/1/0 -> 2; junior weekend 2.
    assert objective_of(scenario, valid_roster())[0] == 40


# -- R15 REQUESTS -----------------------------------------------------------------------


def test_requests() -> None:
    requests = (
        ShiftRequest("L1", day(0), "D", "want", 100),  # works D: kept
        ShiftRequest("J1", day(0), "N", "want", 1),  # works D: broken
        ShiftRequest("M1", day(6), OFF, "want", 100),  # off: kept
        ShiftRequest("J1", day(1), OFF, "want", 2),  # works: broken
        ShiftRequest("J1", day(2), "D", "avoid", 4),  # works D: broken
        ShiftRequest("J1", day(2), "N", "avoid", 100),  # not N: kept
        ShiftRequest("M1", day(0), OFF, "avoid", 8),  # off: broken
        ShiftRequest("J1", day(3), OFF, "avoid", 100),  # works: kept
        ShiftRequest("J2", day(0), "D", "want", 0),  # broken, but weight 0: nothing
    )
    scenario = tiny_scenario(requests=requests, weights=weights_only())
    total, items = objective_of(scenario, valid_roster())
    assert total == 1 + 2 + 4 + 8
    assert len(items) == 4
    assert all(i.rule == "R15" and i.amount == 1 for i in items)


# -- R16 PENDING LEAVE ------------------------------------------------------------------


def test_pending_leave_granted_only_when_off_on_every_day() -> None:
    leave = (
        LeaveRequest("P1", "J1", day(0), day(1), status="pending"),  # works: not granted
        LeaveRequest("P2", "M1", day(0), day(6), status="pending"),  # off: granted
        LeaveRequest("P3", "J2", day(2), day(9), status="pending"),  # works day 4: not
        LeaveRequest("P4", "J2", day(-5), day(-1), status="pending"),  # before: granted
        LeaveRequest("A1", "L1", day(0), day(0), status="approved"),  # not R16
    )
    scenario = tiny_scenario(leave=leave, weights=weights_only(pending_leave=30))
    total, items = objective_of(scenario, valid_roster())
    assert total == 30 * 2
    assert [(i.staff_id, i.date) for i in items] == [("J1", day(0)), ("J2", day(4))]


# -- R17 STABILITY ----------------------------------------------------------------------


def test_stability_counts_changed_person_days() -> None:
    published = (*valid_roster().assignments, Assignment("M1", day(9), "D"))
    scenario = tiny_scenario(published=published, weights=weights_only(stability=100))
    assert objective_of(scenario, valid_roster()) == (0, [])
    changed = with_grid(J1="DDD----", L1="NN--DN-", M1="------D")
    # J1 day 3 D -> off, L1 day 0 D -> N, M1 day 6 off -> D: 100 x 3.
    total, items = objective_of(scenario, changed)
    assert total == 300
    assert sorted((i.staff_id or "", i.date) for i in items) == [
        ("J1", day(3)),
        ("L1", day(0)),
        ("M1", day(6)),
    ]


def test_stability_needs_a_published_roster() -> None:
    scenario = tiny_scenario(weights=weights_only(stability=100))
    assert objective_of(scenario, with_grid(M1="DDDDDDD"))[0] == 0


# -- input the checker reports as R0 ----------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [Assignment("ZZ", day(0), "D"), Assignment("M1", day(0), "X"), Assignment("M1", day(7), "D")],
)
def test_unjudgeable_entries_cost_nothing(entry: Assignment) -> None:
    scenario = tiny_scenario(weights=Weights(cover_over=10))
    base = objective_of(scenario, valid_roster())[0]
    assert objective_of(scenario, Roster((*valid_roster().assignments, entry)))[0] == base


# -- R1 under equals the seats the best seating leaves empty ----------------------------


@settings(max_examples=60, deadline=None)
@given(
    seats=st.tuples(*(st.integers(0, 3) for _ in range(3))),
    on_duty=st.sets(st.integers(0, 8)),
    substitute=st.booleans(),
)
def test_cover_under_matches_the_coverage_table(
    seats: tuple[int, int, int], on_duty: set[int], substitute: bool
) -> None:
    grades = ("junior", "mid", "senior")
    staff = tuple(person(f"P{i}", grades[i % 3]) for i in range(9))
    cover = tuple(CoverRule("*", "D", g, n) for g, n in zip(grades, seats, strict=True))
    scenario = tiny_scenario(
        end=START,
        staff=staff,
        cover=cover,
        rules=RuleParameters(upward_substitution=substitute),
        weights=weights_only(cover_under=1),
    )
    roster = Roster(tuple(Assignment(f"P{i}", START, "D") for i in sorted(on_duty)))
    empty_seats = sum(row.short for row in coverage_rows(Calendar(scenario), roster))
    assert objective_of(scenario, roster)[0] == empty_seats
