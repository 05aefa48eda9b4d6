"""The hard-rule checker (R0-R12) on hand-built one-week rosters: one pass, one break each."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from typing import Any

import pytest

from roster.checks import check_roster
from roster.model import (
    Assignment,
    CoverRule,
    LeaveRequest,
    Roster,
    RuleParameters,
    Scenario,
    Shift,
    Staff,
    Violation,
    Weights,
)
from tests.helpers import (
    day,
    default_cover,
    default_staff,
    history_of,
    person,
    roster_of,
    three_shift_scenario,
    tiny_scenario,
    valid_roster,
    with_grid,
)


def rules_of(violations: list[Violation]) -> set[str]:
    return {v.rule for v in violations}


def only(rule: str, violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.rule == rule]


def staff_with(staff_id: str, **fields: Any) -> tuple[Staff, ...]:
    """The default staff with one person's fields changed."""
    return tuple(
        dataclasses.replace(s, **fields) if s.id == staff_id else s for s in default_staff()
    )


def test_valid_week_passes() -> None:
    assert check_roster(tiny_scenario(), valid_roster()) == []


# -- R0 INPUT ---------------------------------------------------------------------------


def test_entries_that_cannot_be_judged_are_input_errors() -> None:
    extra = (
        Assignment("ZZ", day(0), "D"),
        Assignment("M1", day(0), "X"),
        Assignment("M1", day(7), "D"),
    )
    roster = Roster(valid_roster().assignments + extra)
    found = check_roster(tiny_scenario(), roster)
    assert [v.rule for v in found] == ["R0", "R0", "R0"]
    messages = " | ".join(v.message for v in found)
    assert "unknown staff 'ZZ'" in messages
    assert "unknown shift 'X'" in messages
    assert "2026-03-09 is outside the horizon" in messages


# -- R1 COVER ---------------------------------------------------------------------------


def test_missing_junior_breaks_cover() -> None:
    found = check_roster(tiny_scenario(), with_grid(J1="-DDD---"))
    assert rules_of(found) == {"R1"}
    (v,) = found
    assert (v.date, v.shift) == (day(0), "D")
    assert v.message == "Mon 2 Mar, day shift: 0 junior on duty, needs 1"


def test_senior_shortfall_message_names_the_day_and_shift() -> None:
    cover = (*default_cover(), CoverRule("2026-03-07", "N", "senior", 2))
    found = check_roster(tiny_scenario(cover=cover), valid_roster())
    assert [str(v) for v in found] == [
        "R1: Sat 7 Mar, night shift: 1 senior on duty, needs 2 [2026-03-07, N]"
    ]


def test_higher_grade_fills_a_lower_seat_only_with_upward_substitution() -> None:
    roster = with_grid(J1="-DDD---", M1="D------")  # a mid sits in the junior seat on day 0
    assert check_roster(tiny_scenario(), roster) == []
    strict = tiny_scenario(rules=RuleParameters(upward_substitution=False))
    assert rules_of(check_roster(strict, roster)) == {"R1"}


def test_shortfall_is_soft_when_cover_under_has_a_weight() -> None:
    roster = with_grid(J1="-DDD---")
    assert check_roster(tiny_scenario(weights=Weights(cover_under=50)), roster) == []


# -- R2 SUPERVISOR, R9 HANDOVER ---------------------------------------------------------


def test_shift_without_team_leader_breaks_r2() -> None:
    staff = (*default_staff(), person("S1", "senior"))  # a senior who is not a leader
    roster = with_grid(L1="-N--DN-", S1="D------")
    found = check_roster(tiny_scenario(staff=staff), roster)
    assert rules_of(found) == {"R2"}
    assert found[0].message == "Mon 2 Mar, day shift: no team leader on duty"


def test_empty_operating_shift_breaks_r9() -> None:
    found = check_roster(tiny_scenario(), with_grid(L4="---DN--"))
    assert rules_of(found) == {"R1", "R2", "R9"}
    (v,) = only("R9", found)
    assert (v.date, v.shift) == (day(0), "N")


def test_shift_that_does_not_operate_needs_nobody() -> None:
    cover = tuple(c for c in default_cover() if c.shift == "D")
    roster = with_grid(L4="---D---", L1="D---D--")
    assert check_roster(tiny_scenario(cover=cover), roster) == []


# -- R3 ROLE COVER ----------------------------------------------------------------------


def test_role_row_needs_a_holder() -> None:
    cover = (*default_cover(), CoverRule("Mon", "D", "quality_inspector", 1))
    found = check_roster(tiny_scenario(cover=cover), valid_roster())
    assert rules_of(found) == {"R3"}
    assert found[0].message == "Mon 2 Mar, day shift: 0 quality inspector on duty, needs 1"
    staff = staff_with("J1", roles=frozenset({"agent", "quality_inspector"}))
    assert check_roster(tiny_scenario(cover=cover, staff=staff), valid_roster()) == []


def test_role_row_stays_hard_when_cover_under_is_soft() -> None:
    cover = (*default_cover(), CoverRule("Mon", "D", "quality_inspector", 1))
    scenario = tiny_scenario(cover=cover, weights=Weights(cover_under=5))
    assert rules_of(check_roster(scenario, valid_roster())) == {"R3"}


# -- R4 ONE SHIFT -----------------------------------------------------------------------


def test_two_shifts_on_one_day_break_r4() -> None:
    roster = Roster((*valid_roster().assignments, Assignment("M1", day(6), "D")))
    roster = Roster((*roster.assignments, Assignment("M1", day(6), "N")))
    found = check_roster(tiny_scenario(), roster)
    (v,) = only("R4", found)
    assert (v.staff_id, v.date) == ("M1", day(6))
    assert v.message == "2 shifts on 2026-03-08 (D, N)"


def test_duplicate_entry_breaks_r4_only() -> None:
    roster = Roster((*valid_roster().assignments, Assignment("J1", day(0), "D")))
    found = check_roster(tiny_scenario(), roster)
    assert rules_of(found) == {"R4"}


# -- R5 REST ----------------------------------------------------------------------------


def test_day_shift_right_after_night_breaks_rest() -> None:
    found = check_roster(tiny_scenario(), with_grid(M1="ND-----"))
    assert rules_of(found) == {"R5", "R6"}  # R6: no day off after the night block
    (v,) = only("R5", found)
    assert v.message == "night shift on 2026-03-02 then day shift on 2026-03-03: rest 0 h < 11 h"
    assert (v.staff_id, v.date, v.shift) == ("M1", day(1), "D")


def test_late_then_early_breaks_rest_with_eight_hour_shifts() -> None:
    scenario = three_shift_scenario()
    # Late ends 22:00; Early starts 06:00, minus 10 min handover: rest 7 h 50 min.
    found = check_roster(scenario, roster_of({"J1": "LE"}))
    assert [v.message for v in found] == [
        "late shift on 2026-03-02 then early shift on 2026-03-03: rest 7 h 50 min < 11 h"
    ]


def test_night_then_late_next_day_breaks_rest() -> None:
    scenario = three_shift_scenario(rules=RuleParameters(min_off_after_nights=0))
    # Night 22:00-06:00 ends on day 1 at 06:00; Late starts 14:00 - 10 min: rest 7 h 50 min.
    found = check_roster(scenario, roster_of({"J1": "NL"}))
    assert rules_of(found) == {"R5"}


@pytest.mark.parametrize("row", ["EE", "LL", "NN", "EL", "E-E", "L-E", "N--L"])
def test_eight_hour_patterns_with_enough_rest_pass(row: str) -> None:
    assert check_roster(three_shift_scenario(), roster_of({"J1": row})) == []


def test_rest_boundary_is_inclusive() -> None:
    # Late ends 22:00, Early starts 06:00 next day, no handover: exactly 8 h of rest.
    enough = three_shift_scenario(rules=RuleParameters(min_rest_hours=8, handover_minutes=0))
    assert check_roster(enough, roster_of({"J1": "LE"})) == []
    short = three_shift_scenario(rules=RuleParameters(min_rest_hours=8, handover_minutes=1))
    assert rules_of(check_roster(short, roster_of({"J1": "LE"}))) == {"R5"}


# -- R6 CONSECUTIVE ---------------------------------------------------------------------


def test_seven_days_in_a_row_break_r6() -> None:
    found = check_roster(tiny_scenario(), with_grid(J1="DDDDDDD", J2="-------"))
    assert [str(v) for v in found] == [
        "R6: 7 worked days in a row from 2026-03-02 (max 6) [J1, 2026-03-02]"
    ]
    assert check_roster(tiny_scenario(), with_grid(J1="DDDDDD-", J2="------D")) == []


def test_four_nights_in_a_row_break_r6() -> None:
    found = check_roster(tiny_scenario(), with_grid(M1="NNNN---"))
    assert [v.message for v in found] == ["4 night shifts in a row from 2026-03-02 (max 3)"]
    assert check_roster(tiny_scenario(), with_grid(M1="NNN-NNN")) == []


def test_days_off_after_a_night_block() -> None:
    assert check_roster(tiny_scenario(), with_grid(M1="N-D----")) == []
    two_off = tiny_scenario(rules=RuleParameters(min_off_after_nights=2))
    found = check_roster(two_off, with_grid(M1="N-D----"))
    assert rules_of(found) == {"R6"}
    assert (found[0].date, found[0].shift) == (day(2), "D")
    assert check_roster(two_off, with_grid(M1="N--D---")) == []


# -- R7 WORKLOAD ------------------------------------------------------------------------


def test_min_shifts() -> None:
    scenario = tiny_scenario(staff=staff_with("M1", min_shifts=1))
    found = check_roster(scenario, valid_roster())
    assert [(v.rule, v.staff_id) for v in found] == [("R7", "M1")]
    assert check_roster(scenario, with_grid(M1="D------")) == []


def test_max_shifts() -> None:
    scenario = tiny_scenario(staff=staff_with("J1", max_shifts=3))
    found = check_roster(scenario, valid_roster())
    assert [v.message for v in found] == ["4 shifts in the horizon, at most 3 allowed (max_shifts)"]
    assert check_roster(scenario, with_grid(J1="DDD----", J2="---DDDD")) == []


def test_max_nights_ignores_history() -> None:
    history = history_of({"L1": "N-"})
    scenario = tiny_scenario(staff=staff_with("L1", max_nights=2), history=history)
    assert check_roster(scenario, valid_roster()) == []  # 2 nights in the horizon
    scenario = tiny_scenario(staff=staff_with("L1", max_nights=1))
    assert [(v.rule, v.staff_id) for v in check_roster(scenario, valid_roster())] == [("R7", "L1")]


def test_no_nights_for_those_who_cannot_work_them() -> None:
    scenario = tiny_scenario(staff=staff_with("L1", can_work_nights=False))
    found = check_roster(scenario, valid_roster())
    assert [(v.rule, v.date) for v in found] == [("R7", day(1)), ("R7", day(5))]


# -- R8 LEAVE ---------------------------------------------------------------------------


def test_work_on_approved_leave_breaks_r8() -> None:
    leave = (LeaveRequest("LV1", "J1", day(-3), day(0), type="annual"),)
    found = check_roster(tiny_scenario(leave=leave), valid_roster())
    assert [str(v) for v in found] == [
        "R8: works day shift on 2026-03-02 during approved annual leave "
        "(LV1: 2026-02-27 to 2026-03-02) [J1, 2026-03-02, D]"
    ]


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_leave_that_is_not_approved_does_not_bind(status: str) -> None:
    leave = (LeaveRequest("LV1", "J1", day(0), day(1), status=status),)
    assert check_roster(tiny_scenario(leave=leave), valid_roster()) == []


# -- R10 HISTORY ------------------------------------------------------------------------


def test_night_in_history_then_day_shift_breaks_r10() -> None:
    scenario = tiny_scenario(history=history_of({"L1": "N"}))
    found = check_roster(scenario, valid_roster())
    assert rules_of(found) == {"R10"}
    assert len(found) == 2  # the rest and the day off after the night block
    assert all("across the horizon start 2026-03-02" in v.message for v in found)
    assert any("night shift on 2026-03-01 then day shift on 2026-03-02" in v.message for v in found)


def test_run_of_worked_days_continues_from_history() -> None:
    scenario = tiny_scenario(history=history_of({"J1": "DDDD"}))
    found = check_roster(scenario, valid_roster())
    assert [v.rule for v in found] == ["R10"]
    assert found[0].message.startswith("8 worked days in a row from 2026-02-26 (max 6)")
    assert found[0].date == day(0)


def test_days_missing_from_history_are_days_off() -> None:
    scenario = tiny_scenario(history=history_of({"J1": "DDDDDD-"}))
    assert check_roster(scenario, valid_roster()) == []


def test_night_run_continues_from_history() -> None:
    scenario = tiny_scenario(history=history_of({"M1": "NNN"}))
    found = check_roster(scenario, with_grid(M1="N------"))
    assert [v.rule for v in found] == ["R10"]
    assert "4 night shifts in a row from 2026-02-27" in found[0].message


def test_history_alone_cannot_break_anything() -> None:
    scenario = tiny_scenario(history=history_of({"M1": "NNNNNDDDDDDDD"}))
    assert check_roster(scenario, valid_roster()) == []


# -- R12 CALLBACK GAP -------------------------------------------------------------------


def test_callback_gap_to_the_horizon_end() -> None:
    scenario = tiny_scenario(staff=staff_with("J1", roles=frozenset({"agent", "callback"})))
    found = check_roster(scenario, valid_roster())
    # J1 last works Thu 5 Mar 08:00-20:00; the horizon ends Sun 8 Mar 24:00: 76 h.
    assert [str(v) for v in found] == [
        "R12: callback seat unstaffed from 2026-03-05 20:00 to 2026-03-08 24:00 (76 h > 72 h) "
        "[2026-03-05]"
    ]
    relaxed = scenario.replace(rules=RuleParameters(callback_max_gap_hours=76))
    assert check_roster(relaxed, valid_roster()) == []


def test_callback_gap_from_the_horizon_start() -> None:
    scenario = tiny_scenario(staff=staff_with("J2", roles=frozenset({"agent", "callback"})))
    (v,) = check_roster(scenario, valid_roster())
    assert v.message == (
        "callback seat unstaffed from 2026-03-02 00:00 to 2026-03-06 08:00 (104 h > 72 h)"
    )


def test_two_callback_people_cover_the_week() -> None:
    staff = tuple(
        dataclasses.replace(s, roles=frozenset({"agent", "callback"}))
        if s.id in ("J1", "J2")
        else s
        for s in default_staff()
    )
    assert check_roster(tiny_scenario(staff=staff), valid_roster()) == []


def test_no_callback_role_means_no_gap_rule() -> None:
    assert check_roster(tiny_scenario(), with_grid(J1="DDDD---")) == []


# -- speed ------------------------------------------------------------------------------


def test_a_thousand_person_month_is_checked_quickly() -> None:
    start = dt.date(2026, 3, 2)
    staff = tuple(
        person(f"P{i:04d}", ("junior", "mid", "senior")[i % 3], "agent", "team_leader")
        for i in range(1000)
    )
    shifts = (Shift("D", "Day", 480, 1200), Shift("N", "Night", 1200, 480, night=True))
    cover = (CoverRule("*", "D", "junior", 100), CoverRule("*", "N", "junior", 100))
    scenario = Scenario(
        "big", start, start + dt.timedelta(days=30), staff, shifts, cover, country=""
    )
    pattern = "DDNN--"
    grid = {s.id: "".join(pattern[(d + i) % 6] for d in range(31)) for i, s in enumerate(staff)}
    roster = roster_of(grid, start)
    began = time.perf_counter()
    found = check_roster(scenario, roster)
    elapsed = time.perf_counter() - began
    assert found == []
    assert elapsed < 5.0, f"check_roster took {elapsed:.2f} s"
