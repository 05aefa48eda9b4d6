"""Leave rules L1-L8 (``roster.checks.leave``): for each rule a request that passes and one
that fails with that rule named and its reason in words a team lead reads.

The centre is ``tiny_scenario``'s week (Mon 2026-03-02 .. Sun 2026-03-08); ``VALID_GRID``
has L1 on the day shift on day 0 and the night shift on day 1, J1 on day shifts days 0-3,
M1 off all week.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest

from roster.checks.leave import LEAVE_RULES, leave_verdicts
from roster.io import read_scenario
from roster.model import (
    Assignment,
    CoverRule,
    HolidayChange,
    LeaveRequest,
    LeaveVerdict,
    Roster,
    RuleOutcome,
    Scenario,
    Staff,
    Swap,
)
from tests.helpers import DAY_SHIFT, NIGHT_SHIFT, day, tiny_scenario, valid_roster

DATA = Path(__file__).resolve().parents[2] / "data"


def at(n: int, hh_mm: str = "09:00") -> dt.datetime:
    """A moment on the n-th day of the default horizon."""
    hours, minutes = map(int, hh_mm.split(":"))
    return dt.datetime.combine(day(n), dt.time(hours, minutes))


def request(
    staff_id: str = "M1",
    first: int = 3,
    last: int | None = None,
    *,
    rid: str = "R1",
    requested: dt.datetime | None = None,
    **fields: Any,
) -> LeaveRequest:
    """A request that passes every rule unless ``fields`` say otherwise: one day of
    personal leave, requested in person five days ahead, pending."""
    values: dict[str, Any] = {
        "type": "personal",
        "status": "pending",
        "requested_at": requested or at(first - 5),
        "requested_by": staff_id,
    }
    values.update(fields)
    return LeaveRequest(rid, staff_id, day(first), day(first if last is None else last), **values)


def judge(*leave: LeaveRequest, roster: Roster | None = None, **scenario: Any) -> LeaveVerdict:
    """The verdict on the first request, the others being context."""
    return leave_verdicts(tiny_scenario(leave=leave, **scenario), roster)[0]


def outcome(verdict: LeaveVerdict, rule: str) -> RuleOutcome:
    (found,) = (o for o in verdict.outcomes if o.rule == rule)
    return found


def fails_only(verdict: LeaveVerdict, rule: str) -> str:
    """Assert ``rule`` is the one rule that fails; its reason."""
    assert [o.rule for o in verdict.failed] == [rule], verdict.failed
    assert verdict.verdict == f"refused: {rule}"
    return outcome(verdict, rule).reason


def test_a_plain_request_passes_every_rule_in_order() -> None:
    verdict = judge(request())
    assert [o.rule for o in verdict.outcomes] == list(LEAVE_RULES)
    assert verdict.passes_rules
    assert verdict.cover is None
    assert verdict.verdict == "passes L1-L8"
    assert (verdict.request_id, verdict.staff_id) == ("R1", "M1")


# -- L1 NOTICE -------------------------------------------------------------------------


def test_l1_personal_leave_a_day_ahead_passes() -> None:
    verdict = judge(request(requested=at(2, "00:00")))
    assert outcome(verdict, "L1") == RuleOutcome(
        "L1", True, "requested 2026-03-04 00:00, 1 day before the leave starts on 2026-03-05 00:00"
    )


def test_l1_personal_leave_14_hours_ahead_fails() -> None:
    reason = fails_only(judge(request(requested=at(2, "10:00"))), "L1")
    assert reason == (
        "requested 2026-03-04 10:00, 14 h before the leave starts on 2026-03-05 00:00; "
        "personal leave needs to be requested 1 day ahead (leave_notice_days) "
        "or a manager's approval"
    )


def test_l1_late_request_passes_with_a_manager() -> None:
    verdict = judge(request(requested=at(2, "10:00"), approved_by="department_head;manager"))
    assert outcome(verdict, "L1").passed
    assert "late, but approved by the department head and a manager" in (
        outcome(verdict, "L1").reason
    )
    assert outcome(verdict, "L2").passed  # the level's approval, and the manager's beside it


def test_l2_a_manager_never_stands_in_for_the_level() -> None:
    # The audit's case: 5 days of personal leave (so the centre director's level) that
    # include a rostered night, approved by a manager only. The manager's approval is
    # what L5 needs in addition; the centre director's is still missing.
    leave = request(
        "L1", first=1, last=5, requested=at(0, "09:00"), approved_by="manager", status="approved"
    )
    reason = outcome(judge(leave), "L2")
    assert not reason.passed
    assert reason.reason == (
        "approved by a manager, whose approval is only in addition for late, night-shift or "
        "holiday leave; leave of 5 days needs the centre director"
    )
    both = request(
        "L1", first=1, last=5, requested=at(0, "09:00"), approved_by="center_director;manager"
    )
    assert outcome(judge(both), "L2").passed


def test_l1_special_personal_leave_counts_from_the_rostered_shift() -> None:
    # J1 works the day shift (08:00) on day 3: one hour's notice means by 07:00.
    in_time = request("J1", requested=at(3, "06:30"), type="special_personal")
    assert outcome(judge(in_time, roster=valid_roster()), "L1").passed
    late = request("J1", requested=at(3, "07:30"), type="special_personal")
    reason = fails_only(judge(late, roster=valid_roster()), "L1")
    assert reason.startswith(
        "requested 2026-03-05 07:30, 30 min before the leave starts with the day shift "
        "on 2026-03-05 08:00"
    )
    assert "1 hour before the shift starts (special_leave_notice_hours)" in reason


def test_l1_without_a_request_time_fails_unless_now_stands_in() -> None:
    undated = LeaveRequest(
        "R1", "M1", day(3), day(3), "personal", "pending", None, "M1", "", False, False
    )
    assert fails_only(judge(undated), "L1").startswith("no request time")
    (verdict,) = leave_verdicts(tiny_scenario(leave=(undated,)), now=at(0))
    assert verdict.passes_rules


def test_l1_does_not_apply_to_sick_leave() -> None:
    sick = request(requested=at(3, "07:00"), type="sick", certificate=True)
    assert outcome(judge(sick), "L1") == RuleOutcome("L1", True, "sick leave needs no notice")


# -- L2 APPROVER -----------------------------------------------------------------------


def test_l2_one_day_by_the_department_head_passes() -> None:
    verdict = judge(request(status="approved", approved_by="department_head"))
    assert outcome(verdict, "L2") == RuleOutcome("L2", True, "approved by the department head")


def test_l2_pending_requests_await_the_right_level() -> None:
    assert outcome(judge(request()), "L2").reason == (
        "awaiting approval: needs the department head"
    )
    assert outcome(judge(request(last=4)), "L2").reason == (
        "awaiting approval: needs the centre director"
    )


def test_l2_one_day_approved_by_the_centre_director_skipped_a_level() -> None:
    reason = fails_only(judge(request(status="approved", approved_by="center_director")), "L2")
    assert reason == (
        "leave of 1 day is approved by the department head; the centre director approved "
        "it, skipping the department head's level"
    )


def test_l2_two_days_need_the_centre_director() -> None:
    long = request(last=4, status="approved", approved_by="department_head")
    assert fails_only(judge(long), "L2") == (
        "leave of 2 days needs the centre director's approval; only the department head approved it"
    )
    on_the_way = request(last=4, status="pending", approved_by="department_head")
    assert outcome(judge(on_the_way), "L2") == RuleOutcome(
        "L2", True, "approved by the department head, awaiting the centre director"
    )


def test_l2_a_manager_only_approves_exceptions() -> None:
    reason = fails_only(judge(request(status="approved", approved_by="manager")), "L2")
    assert reason.startswith("approved by a manager, whose approval is only in addition")


def test_l2_rejected_request_fails() -> None:
    rejected = request(status="rejected", approved_by="department_head")
    assert fails_only(judge(rejected), "L2") == "rejected by the department head"


def test_l2_applying_twice_fails_the_second_request() -> None:
    first = request(rid="A", last=4, requested=at(-3))
    second = request(rid="B", first=4, requested=at(-2))
    verdicts = leave_verdicts(tiny_scenario(leave=(second, first)))
    assert [v.request_id for v in verdicts] == ["B", "A"]
    assert fails_only(verdicts[0], "L2") == (
        "overlaps request A (pending, 2026-03-05 to 2026-03-06) of the same person: "
        "leave is applied for once, at one level at a time"
    )
    assert verdicts[1].passes_rules


# -- L3 IN PERSON ----------------------------------------------------------------------


def test_l3_personal_leave_in_person_passes() -> None:
    assert outcome(judge(request(requested_by="M1")), "L3").passed


def test_l3_personal_leave_by_someone_else_fails() -> None:
    assert fails_only(judge(request(requested_by="J2")), "L3") == (
        "not requested in person: requested by J2 for M1; personal leave must be "
        "requested by the person themself"
    )
    assert fails_only(judge(request(requested_by="")), "L3") == (
        "not requested in person: no requester recorded"
    )


def test_l3_sick_leave_may_be_requested_by_someone_else() -> None:
    sick = request(type="sick", certificate=True, requested_by="J2")
    assert outcome(judge(sick), "L3") == RuleOutcome(
        "L3", True, "sick leave may be requested by someone else (J2)"
    )


# -- L4 SICK PROOF ---------------------------------------------------------------------


def test_l4_sick_leave_with_a_certificate_passes() -> None:
    assert outcome(judge(request(type="sick", certificate=True)), "L4").passed


def test_l4_sick_leave_without_a_certificate_fails() -> None:
    reason = fails_only(judge(request(last=4, type="sick")), "L4")
    assert reason == (
        "sick leave of 2 days (2026-03-05 to 2026-03-06) needs a medical certificate "
        "(certificate = yes)"
    )


def test_l4_emergency_needs_the_team_leader_phoned() -> None:
    assert outcome(judge(request(type="emergency_sick", phoned_team_leader=True)), "L4").passed
    reason = fails_only(judge(request(type="emergency_sick")), "L4")
    assert reason == (
        "emergency sick leave (2026-03-05) needs the team leader phoned before the shift "
        "(phoned_team_leader = yes)"
    )


def test_l4_certificates_must_be_continuous() -> None:
    certified = request(rid="S2", first=4, last=5, type="sick", certificate=True)
    gap = request(rid="S1", first=2, last=3, type="sick")
    assert fails_only(judge(certified, gap), "L4") == (
        "continues sick leave S1 (2026-03-04 to 2026-03-05), which has no certificate: "
        "2026-03-04 to 2026-03-05 is a gap in the certificates, and certificate dates "
        "must be continuous"
    )
    apart = request(rid="S1", first=1, last=2, type="sick")  # a day between: not continued
    assert judge(certified, apart).passes_rules


# -- L5 NIGHT --------------------------------------------------------------------------


def test_l5_night_leave_before_the_cutoff_with_a_manager_passes() -> None:
    # L1 works the night shift on day 1 (2026-03-03 20:00).
    leave = request("L1", first=1, requested=at(1, "11:00"), approved_by="department_head;manager")
    verdict = judge(leave, roster=valid_roster())
    assert verdict.passes_rules, verdict.failed
    assert outcome(verdict, "L5").reason.startswith("night shift: requested before the cutoff")


def test_l5_night_leave_after_the_cutoff_fails() -> None:
    leave = request("L1", first=1, requested=at(1, "13:00"), approved_by="department_head;manager")
    assert fails_only(judge(leave, roster=valid_roster()), "L5") == (
        "rostered on the night shift on 2026-03-03, requested 2026-03-03 13:00, after the "
        "12:00 cutoff: leave from a night shift needs a request before 12:00 that day "
        "(night_leave_cutoff) and a manager's approval"
    )


def test_l5_night_leave_without_a_manager_fails_even_when_early() -> None:
    leave = request("L1", first=1, requested=at(-5))
    reason = fails_only(judge(leave, roster=valid_roster()), "L5")
    assert reason.startswith(
        "rostered on the night shift on 2026-03-03; not approved by a manager:"
    )


def test_l5_without_a_roster_there_is_no_night_to_judge() -> None:
    leave = request("L1", first=1, requested=at(1, "13:00"), approved_by="department_head;manager")
    assert outcome(judge(leave), "L5") == RuleOutcome("L5", True, "no roster to judge nights")
    assert outcome(judge(request("L1", first=0), roster=valid_roster()), "L5") == (
        RuleOutcome("L5", True, "not a night shift")
    )


def test_l5_uses_the_published_roster_when_no_roster_is_given() -> None:
    published = tuple(Assignment("L1", a.date, a.shift) for a in valid_roster().assignments)
    leave = request("L1", first=1, requested=at(-5))
    verdict = judge(leave, published=published)
    assert [o.rule for o in verdict.failed] == ["L5"]


# -- L6 HOLIDAY ------------------------------------------------------------------------

HOLIDAY = (HolidayChange(day(3), "Test Day"),)


def test_l6_holiday_leave_two_days_ahead_with_a_manager_passes() -> None:
    leave = request(requested=at(0, "23:00"), approved_by="department_head;manager")
    verdict = judge(leave, roster=valid_roster(), holiday_changes=HOLIDAY)
    assert verdict.passes_rules, verdict.failed
    assert outcome(verdict, "L6").reason == (
        "holiday 2026-03-05: requested in time, manager approved"
    )


def test_l6_holiday_leave_without_a_manager_fails() -> None:
    leave = request(requested=at(0, "23:00"), status="approved", approved_by="department_head")
    reason = fails_only(judge(leave, holiday_changes=HOLIDAY), "L6")
    assert reason == (
        "2026-03-05 is a public holiday (Test Day): leave on it needs a request 2 days ahead "
        "(holiday_leave_notice_days, by 2026-03-03 00:00) and a manager's approval; "
        "requested 2026-03-02 23:00, not approved by a manager"
    )


def test_l6_holiday_leave_too_late_fails() -> None:
    leave = request(requested=at(1, "10:00"), approved_by="department_head;manager")
    reason = fails_only(judge(leave, holiday_changes=HOLIDAY), "L6")
    assert reason.endswith("requested 2026-03-03 10:00")


def test_l6_staff_rostered_on_the_holiday_cannot_take_leave() -> None:
    leave = request("J1", requested=at(-10), approved_by="department_head;manager")
    reason = fails_only(judge(leave, roster=valid_roster(), holiday_changes=HOLIDAY), "L6")
    assert reason == (
        "2026-03-05 is a public holiday (Test Day) and J1 is rostered on the day shift: "
        "staff on holiday duty cannot take leave that day"
    )


# -- L7 OFFICIAL -----------------------------------------------------------------------


def test_l7_business_leave_approved_by_the_centre_director_passes() -> None:
    trip = request(type="business", status="approved", approved_by="center_director")
    verdict = judge(trip)
    assert verdict.passes_rules, verdict.failed
    assert outcome(verdict, "L7").reason == "approved by the centre director"
    assert outcome(judge(request(type="study")), "L7").reason == (
        "awaiting approval: needs the centre director"
    )


def test_l7_study_leave_approved_by_the_department_head_fails() -> None:
    course = request(type="study", status="approved", approved_by="department_head")
    assert fails_only(judge(course), "L7") == (
        "study leave needs the centre director's approval; approved by the department head"
    )


# -- L8 NOT ON SWAP DAYS ---------------------------------------------------------------

SWAP = Swap("SW1", "J2", day(2), "M1", day(4), status="registered")


def test_l8_leave_on_a_day_worked_by_swap_fails() -> None:
    assert fails_only(judge(request(first=2, last=3), swaps=(SWAP,)), "L8") == (
        "M1 works 2026-03-04 for J2 by swap SW1 (registered): no leave on a swap or pay-back day"
    )


def test_l8_leave_on_a_pay_back_day_fails() -> None:
    assert fails_only(judge(request("J2", first=4), swaps=(SWAP,)), "L8") == (
        "J2 works 2026-03-06 as the pay-back to M1 of swap SW1 (registered): no leave on a "
        "swap or pay-back day"
    )


def test_l8_leave_away_from_swap_days_or_on_unregistered_swaps_passes() -> None:
    assert outcome(judge(request(first=3), swaps=(SWAP,)), "L8").passed
    asked = Swap("SW1", "J2", day(2), "M1", day(4), status="requested")
    assert outcome(judge(request(first=2), swaps=(asked,)), "L8").passed


# -- selection, example data, speed ----------------------------------------------------


def test_requests_pick_ids_and_an_unknown_id_is_named() -> None:
    scenario = tiny_scenario(leave=(request(rid="A"), request("J1", rid="B")))
    assert [v.request_id for v in leave_verdicts(scenario, requests=["B", "A", "B"])] == [
        "B",
        "A",
    ]
    with pytest.raises(ValueError, match="'C'"):
        leave_verdicts(scenario, requests=["A", "C"])


def test_example_data_gets_one_verdict_per_request() -> None:
    scenario = read_scenario(DATA / "example")
    verdicts = leave_verdicts(scenario)
    assert [v.request_id for v in verdicts] == [lv.id for lv in scenario.leave]
    assert all(len(v.outcomes) == len(LEAVE_RULES) for v in verdicts)
    assert all(v.passes_rules for v in verdicts), [v.failed for v in verdicts]


def big_centre(people: int = 1000, requests: int = 500) -> tuple[Scenario, Roster]:
    start = dt.date(2027, 1, 1)
    staff = tuple(Staff(f"P{i:04d}", f"P{i}", "junior", "T1") for i in range(people))
    days = [start + dt.timedelta(days=d) for d in range(31)]
    roster = Roster(
        tuple(
            Assignment(s.id, d, "N" if (i + k) % 4 == 0 else "D")
            for i, s in enumerate(staff)
            for k, d in enumerate(days)
            if (i + k) % 4 != 3
        )
    )
    leave = tuple(
        LeaveRequest(
            f"R{i}",
            staff[i * 2].id,
            days[i % 28],
            days[i % 28 + 2],
            ("personal", "sick", "business", "annual")[i % 4],
            "pending",
            dt.datetime(2026, 12, 20, 9, 0),
            staff[i * 2].id,
        )
        for i in range(requests)
    )
    swaps = tuple(
        Swap(f"W{i}", staff[i].id, days[i % 31], staff[i + 1].id, days[(i + 3) % 31], "registered")
        for i in range(0, people - 1, 7)
    )
    scenario = Scenario(
        "big",
        start,
        days[-1],
        staff,
        (DAY_SHIFT, NIGHT_SHIFT),
        (CoverRule("*", "D", "junior", 1),),
        country="CN",
        leave=leave,
        swaps=swaps,
    )
    return scenario, roster


def test_500_requests_of_a_1000_person_month_in_well_under_a_second() -> None:
    scenario, roster = big_centre()
    began = time.perf_counter()
    verdicts = leave_verdicts(scenario, roster)
    elapsed = time.perf_counter() - began
    assert len(verdicts) == 500
    assert any(not v.passes_rules for v in verdicts)  # nights and swap days were judged
    assert elapsed < 1.0, elapsed


def test_l2_an_approver_named_by_id_must_hold_the_role() -> None:
    from roster.model import Approver

    # L2 leads team T1 but is no department head: a one-day request needs one.
    by_leader = request(status="approved", approved_by="L2")
    assert outcome(judge(by_leader), "L2").reason == (
        "L2 approved it but is not a department head, centre director or manager (roles on "
        "the staff sheet, or the approvers sheet)"
    )
    # H1 on the approvers sheet is the department head; not rostered, still an approver.
    head = Approver("H1", "department_head", "Head")
    by_head = request(status="approved", approved_by="H1")
    assert outcome(judge(by_head, approvers=(head,)), "L2") == RuleOutcome(
        "L2", True, "approved by H1"
    )
    # Several approvals by id: the department head and a manager for a late request.
    boss = Approver("B1", "manager")
    late = request(status="approved", requested=at(2, "10:00"), approved_by="H1;B1")
    verdict = judge(late, approvers=(head, boss))
    assert outcome(verdict, "L1").passed
    assert outcome(verdict, "L2").passed


def test_l2_an_unknown_approver_is_bad_input_at_its_cell(tmp_path: Path) -> None:
    from roster.exceptions import RosterInputError
    from roster.io import write_scenario

    folder = tmp_path / "sc"
    write_scenario(tiny_scenario(leave=(request(),)), folder)
    leave_csv = folder / "leave.csv"
    text = leave_csv.read_text().splitlines()
    header = text[0].split(",")
    row = text[1].split(",")
    row[header.index("approved_by")] = "department_head;NOBODY"
    leave_csv.write_text("\n".join([text[0], ",".join(row)]) + "\n")
    with pytest.raises(RosterInputError) as info:
        read_scenario(folder)
    assert (info.value.sheet, info.value.row, info.value.column) == ("leave", 2, "approved_by")
    assert "unknown approver 'NOBODY'" in str(info.value)
