"""Swap rules S1-S8 (``roster.checks.swap``): for each rule a swap that passes and one that
is refused with that rule named and its reason in words, the incremental S8 held to the
full checker, and partner suggestions.

The centre is ``tiny_scenario``'s week (Mon 2026-03-02 .. Sun 2026-03-08, days 0-6) on
``VALID_GRID``::

    L1 DN--DN-    L2 -DN--DN    L3 --DN--D    L4 N--DN--
    J1 DDDD---    J2 ----DDD    M1 -------

The base swap ``OK`` hands J1's day shift on day 0 to J2 (off that day) and pays it back
with J2's day shift on day 4 (J1 off): it passes every rule.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from roster.checks import (
    SWAP_RULES,
    SwapVerdict,
    apply_swap,
    apply_swaps,
    check_roster,
    suggest_swaps,
    swap_verdict,
)
from roster.model import (
    Assignment,
    HolidayChange,
    LeaveRequest,
    Roster,
    RuleParameters,
    Scenario,
    Swap,
)
from tests.helpers import (
    VALID_GRID,
    day,
    default_staff,
    history_of,
    leave_of,
    person,
    roster_of,
    tiny_scenario,
    valid_roster,
)


def swap(
    a: str = "J1", d1: int = 0, b: str = "J2", d2: int | None = 4, sid: str = "NEW", **fields: Any
) -> Swap:
    """A swap of the default horizon's days (``OK`` by default)."""
    return Swap(sid, a, day(d1), b, None if d2 is None else day(d2), **fields)


OK = swap()


def registered(
    sid: str, a: str, d1: dt.date, b: str, d2: dt.date | None, status: str = "registered"
) -> Swap:
    return Swap(sid, a, d1, b, d2, status=status)


def outcome(verdict: SwapVerdict, rule: str) -> tuple[bool, str]:
    found = [o for o in verdict.outcomes if o.rule == rule]
    assert len(found) == 1
    return found[0].passed, found[0].reason


def judge(
    s: Swap = OK,
    ledger: tuple[Swap, ...] = (),
    scenario: Scenario | None = None,
    roster: Roster | None = None,
    **options: Any,
) -> SwapVerdict:
    return swap_verdict(scenario or tiny_scenario(), roster or valid_roster(), s, ledger, **options)


def refused_by(verdict: SwapVerdict) -> list[str]:
    return [o.rule for o in verdict.failed]


# -- the verdict as a whole ---------------------------------------------------------------


def test_base_swap_is_allowed_with_one_outcome_per_rule_in_order() -> None:
    verdict = judge()
    assert [o.rule for o in verdict.outcomes] == list(SWAP_RULES)
    assert verdict.allowed, verdict.explain()
    assert verdict.failed == ()
    assert verdict.new_violations == ()
    lines = verdict.explain()
    assert len(lines) == 1 + len(SWAP_RULES)
    assert lines[0].endswith("allowed.")
    assert "J1's day shift on Mon 2 Mar worked by J2" in lines[0]
    assert "J2's day shift on Fri 6 Mar worked by J1" in lines[0]


def test_after_is_the_roster_with_both_moves() -> None:
    verdict = judge()
    table = verdict.after.by_person_day()
    assert table[("J2", day(0))] == ["D"]
    assert ("J1", day(0)) not in table
    assert table[("J1", day(4))] == ["D"]
    assert ("J2", day(4)) not in table
    assert len(verdict.after.assignments) == len(valid_roster().assignments)


def test_apply_swap_same_day_exchange_reads_both_sides_from_the_original() -> None:
    roster = roster_of({"A": "D", "B": "N"})
    after = apply_swap(roster, Swap("X", "A", day(0), "B", day(0)))
    assert set(after.assignments) == {
        Assignment("B", day(0), "D"),
        Assignment("A", day(0), "N"),
    }


def test_apply_swaps_applies_registered_swaps_only() -> None:
    ledger = [
        registered("X1", "J1", day(0), "J2", day(4)),
        registered("X2", "J1", day(1), "J2", day(5), status="cancelled"),
        registered("X3", "J1", day(2), "J2", day(6), status="approved"),
    ]
    after = apply_swaps(valid_roster(), ledger).by_person_day()
    assert after[("J2", day(0))] == ["D"]
    assert after[("J1", day(1))] == ["D"]
    assert after[("J1", day(2))] == ["D"]


def test_refusal_explained_naming_the_rules() -> None:
    verdict = judge(swap("J1", 0, "M1", None))
    assert not verdict.allowed
    assert "refused by S5" in verdict.explain()[0]
    assert any(line.startswith("  NO S5 LIKE FOR LIKE: ") for line in verdict.explain())


@pytest.mark.parametrize(
    ("s", "message"),
    [
        (swap("J1", 0, "XX", 4), "unknown staff 'XX'"),
        (swap("J1", 0, "J1", 4), "cannot swap with self"),
        (swap("J1", 0, "J2", 9), "outside the roster"),
    ],
)
def test_bad_swaps_raise(s: Swap, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        judge(s)


# -- S1 LEADERS AGREE -----------------------------------------------------------------------


def two_teams() -> Scenario:
    """J2 and L2 in team T2, everyone else in T1."""
    staff = tuple(
        person(p.id, p.grade, *p.roles, team="T2") if p.id in ("J2", "L2") else p
        for p in default_staff()
    )
    return tiny_scenario(staff=staff)


def test_s1_plain_check_notes_that_approval_is_needed() -> None:
    passed, reason = outcome(judge(), "S1")
    assert passed
    assert reason == "needs both team leaders' approval before it is registered"


def test_s1_registration_with_both_approvals_passes() -> None:
    s = swap(approved_by_a_leader=True, approved_by_b_leader=True)
    verdict = judge(s, scenario=two_teams(), for_registration=True)
    assert verdict.allowed, verdict.explain()


def test_s1_registration_names_the_leader_who_has_not_approved() -> None:
    s = swap(approved_by_a_leader=True, approved_by_b_leader=False)
    verdict = judge(s, scenario=two_teams(), for_registration=True)
    assert refused_by(verdict) == ["S1"]
    _, reason = outcome(verdict, "S1")
    assert reason == "J2's team leader (L2, team T2) has not approved"


# -- S2 MONTHLY LIMIT -----------------------------------------------------------------------

MAR_20, MAR_25 = dt.date(2026, 3, 20), dt.date(2026, 3, 25)


def test_s2_one_earlier_swap_leaves_room() -> None:
    ledger = (registered("X1", "J2", MAR_20, "M1", MAR_25),)
    passed, reason = outcome(judge(ledger=ledger), "S2")
    assert passed
    assert "J2 2 of 2" in reason


def test_s2_counts_the_person_as_asker_or_partner() -> None:
    ledger = (
        registered("X1", "M1", MAR_20, "J2", None),  # J2 the partner
        registered("X2", "J2", MAR_25, "M1", None),  # J2 the asker
    )
    verdict = judge(ledger=ledger)
    assert refused_by(verdict) == ["S2"]
    _, reason = outcome(verdict, "S2")
    assert "J2 has already swapped twice in March (20 Mar, 25 Mar)" in reason


def test_s2_cancelled_and_unregistered_swaps_do_not_count() -> None:
    ledger = (
        registered("X1", "M1", MAR_20, "J2", None, status="cancelled"),
        registered("X2", "J2", MAR_25, "M1", None, status="approved"),
        registered("X3", "J2", dt.date(2026, 3, 27), "M1", None, status="requested"),
    )
    assert judge(ledger=ledger).allowed


def test_s2_counts_by_month_of_date_a_and_skips_the_swap_itself() -> None:
    ledger = (
        registered("X1", "J2", dt.date(2026, 2, 20), "M1", None),  # February
        registered("X2", "J2", MAR_25, "M1", None),
        registered("NEW", "J1", day(0), "J2", day(4)),  # the one being judged
    )
    assert outcome(judge(ledger=ledger), "S2")[0]


def test_s2_limit_comes_from_the_rules() -> None:
    scenario = tiny_scenario(rules=RuleParameters(max_swaps_per_month=1))
    ledger = (registered("X1", "J1", MAR_20, "M1", None),)
    verdict = judge(ledger=ledger, scenario=scenario)
    assert refused_by(verdict) == ["S2"]
    assert "J1 has already swapped once in March (20 Mar)" in outcome(verdict, "S2")[1]


# -- S3 NO CONSECUTIVE ----------------------------------------------------------------------


def test_s3_swap_far_from_other_swaps_passes() -> None:
    ledger = (registered("X1", "J1", MAR_20, "M1", None),)
    assert outcome(judge(ledger=ledger), "S3")[0]


def test_s3_refuses_a_swap_on_the_day_after_another_swap_of_the_same_person() -> None:
    first = registered("X1", "J1", day(0), "J2", day(4))
    roster = apply_swaps(valid_roster(), [first])  # J1 -DDDD--, J2 D-----DD
    verdict = judge(swap("J1", 1, "J2", 5), ledger=(first,), roster=roster)
    assert refused_by(verdict) == ["S3"]
    _, reason = outcome(verdict, "S3")
    assert "J1 is already in swap X1 on Mon 2 Mar, the day before Tue 3 Mar" in reason
    assert "no swaps on consecutive days" in reason


def test_s3_refuses_handing_on_a_shift_received_by_a_swap() -> None:
    first = registered("X1", "J1", day(0), "J2", day(4))
    roster = apply_swaps(valid_roster(), [first])
    verdict = judge(swap("J2", 0, "J1", 4), ledger=(first,), roster=roster)
    assert "S3" in refused_by(verdict)
    assert "received by swap X1: no chains of swaps" in outcome(verdict, "S3")[1]


# -- S4 NO DOUBLE SHIFT ---------------------------------------------------------------------


def test_s4_passes_with_enough_rest() -> None:
    passed, reason = outcome(judge(), "S4")
    assert passed, reason


def test_s4_refuses_night_then_day_after_the_swap() -> None:
    # L3 hands its day shift of Wed 4 Mar to L1, who worked the night of Tue 3 Mar.
    verdict = judge(swap("L3", 2, "L1", 4))
    assert "S4" in refused_by(verdict)
    _, reason = outcome(verdict, "S4")
    assert (
        "after the swap L1 would work night shift on 2026-03-03 then day shift on "
        "2026-03-04: rest 0 h < 11 h"
    ) in reason


def test_s4_refuses_a_pay_back_on_a_day_the_asker_works() -> None:
    verdict = judge(swap("L1", 0, "L2", 1))
    assert "S4" in refused_by(verdict)
    _, reason = outcome(verdict, "S4")
    assert reason == (
        "L1 already works the night shift on Tue 3 Mar: the pay-back would make two shifts that day"
    )


def test_s4_refuses_a_partner_who_works_that_day() -> None:
    verdict = judge(swap("L1", 0, "L4", 5))  # L4 works the night of Mon 2 Mar
    assert "S4" in refused_by(verdict)
    assert "L4 already works the night shift on Mon 2 Mar" in outcome(verdict, "S4")[1]


# -- S5 LIKE FOR LIKE -----------------------------------------------------------------------


def test_s5_same_grade_and_job_type_passes() -> None:
    assert outcome(judge(), "S5") == (True, "both are junior agents")


def test_s5_refuses_another_grade() -> None:
    verdict = judge(swap("J1", 0, "M1", None))
    assert "S5" in refused_by(verdict)
    assert outcome(verdict, "S5")[1].startswith("J1 is a junior agent, M1 is a mid agent")


def test_s5_refuses_another_job_type() -> None:
    staff = (*default_staff(), person("E1", "junior", job_type="editor"))
    scenario = tiny_scenario(staff=staff)
    roster = roster_of({**VALID_GRID, "J2": "-------", "E1": "----DDD"})
    verdict = judge(swap("J1", 0, "E1", 4), scenario=scenario, roster=roster)
    assert refused_by(verdict) == ["S5"]
    assert "E1 is a junior editor" in outcome(verdict, "S5")[1]


# -- S6 NO LEAVE ----------------------------------------------------------------------------


def test_s6_rejected_leave_does_not_block() -> None:
    scenario = tiny_scenario(leave=(leave_of("J2", 0, status="rejected"),))
    assert judge(scenario=scenario).allowed


@pytest.mark.parametrize(
    ("leave", "text"),
    [
        (leave_of("J2", 0, status="approved"), "J2 has approved personal leave on Mon 2 Mar"),
        (leave_of("J1", 4, status="pending"), "J1 has pending personal leave on Fri 6 Mar"),
    ],
)
def test_s6_refuses_leave_on_a_swap_day(leave: LeaveRequest, text: str) -> None:
    verdict = judge(scenario=tiny_scenario(leave=(leave,)))
    assert "S6" in refused_by(verdict)
    assert text in outcome(verdict, "S6")[1]


# -- S7 HOLIDAY DUTY ------------------------------------------------------------------------


def test_s7_no_holiday_passes() -> None:
    scenario = tiny_scenario(holiday_changes=(HolidayChange(day(2), "Test Day"),))
    assert outcome(judge(scenario=scenario), "S7") == (True, "no public holiday")


def test_s7_refuses_swapping_holiday_duty_even_as_the_pay_back() -> None:
    scenario = tiny_scenario(holiday_changes=(HolidayChange(day(4), "Test Day"),))
    verdict = judge(scenario=scenario)
    assert refused_by(verdict) == ["S7"]
    assert outcome(verdict, "S7")[1] == (
        "Fri 6 Mar is a public holiday (Test Day): holiday duty cannot be swapped"
    )


# -- S8 ALL RULES ---------------------------------------------------------------------------


def with_senior_agent() -> tuple[Scenario, Roster]:
    """The default centre plus S1, a senior agent (not a team leader) off all week."""
    scenario = tiny_scenario(staff=(*default_staff(), person("S1", "senior")))
    return scenario, valid_roster()


def test_s8_passes_when_nothing_new_breaks() -> None:
    assert outcome(judge(), "S8") == (True, "no hard roster rule newly broken")


def test_s8_refuses_a_swap_that_leaves_a_shift_without_a_team_leader() -> None:
    scenario, roster = with_senior_agent()
    verdict = judge(swap("L1", 0, "S1", None), scenario=scenario, roster=roster)
    assert refused_by(verdict) == ["S8"]
    _, reason = outcome(verdict, "S8")
    assert "R2: Mon 2 Mar, day shift: no team leader on duty" in reason
    assert [v.rule for v in verdict.new_violations] == ["R2"]


def test_s8_reports_only_new_breaches() -> None:
    # Day 6 already lacks a junior (J2 off); the swap does not touch day 6.
    roster = roster_of({**VALID_GRID, "J2": "----DD-"})
    assert any(v.rule == "R1" for v in check_roster(tiny_scenario(), roster))
    verdict = judge(swap("J1", 0, "J2", 4), roster=roster)
    assert verdict.allowed, verdict.explain()


def test_s8_refuses_when_the_asker_is_not_on_duty() -> None:
    verdict = judge(swap("J2", 0, "J1", 4))
    assert "S8" in refused_by(verdict)
    assert "J2 is not on duty on Mon 2 Mar: no shift to hand over" in outcome(verdict, "S8")[1]


def random_grid(rng: random.Random, people: list[str]) -> dict[str, str]:
    return {p: "".join(rng.choice("DN---") for _ in range(7)) for p in people}


def test_incremental_s8_equals_the_full_checker_diff_on_random_swaps() -> None:
    """The incremental S8 is the checker's diff, for any roster, swap, history and roles."""
    rng = random.Random(4)
    staff = (
        *default_staff(),
        person("C1", "junior", "agent", "callback", min_shifts=2, max_nights=1),
        person("C2", "mid", "callback", can_work_nights=False, max_shifts=4),
    )
    scenario = tiny_scenario(
        staff=staff,
        history=history_of({"L1": "DDDDN", "J1": "---NN", "C1": "NNN-D"}),
        leave=(leave_of("J2", 3), leave_of("C2", 1, 2)),
        rules=RuleParameters(callback_max_gap_hours=24),
    )
    ids = [p.id for p in staff]
    checked = 0
    for _ in range(60):
        roster = roster_of(random_grid(rng, ids))
        before = set(check_roster(scenario, roster))
        for _ in range(10):
            a, b = rng.sample(ids, 2)
            d2 = rng.choice([None, rng.randrange(7)])
            s = swap(a, rng.randrange(7), b, d2)
            verdict = judge(s, scenario=scenario, roster=roster)
            full = set(check_roster(scenario, apply_swap(roster, s))) - before
            assert set(verdict.new_violations) == full, (s, roster)
            checked += bool(full)
    assert checked > 100  # most random swaps break something: the diff is exercised


# -- suggestions ----------------------------------------------------------------------------


def suggestion_centre() -> tuple[Scenario, Roster]:
    """J1 asks about Tue 3 Mar (day 1). J2 (team T1) and J4 (team T2) are junior agents who
    work only on days J1 is off; E1 is a junior editor and M1 a mid agent, both off on day 1
    and working on days J1 is off: never suggested."""
    staff = (
        *default_staff(),
        person("J4", "junior", team="T2"),
        person("E1", "junior", job_type="editor"),
    )
    scenario = tiny_scenario(staff=staff)
    grid = {**VALID_GRID, "J4": "----D--", "E1": "-----D-", "M1": "------D"}
    return scenario, roster_of(grid)


def test_every_suggestion_passes_the_verdict_and_is_like_for_like() -> None:
    scenario, roster = suggestion_centre()
    found = suggest_swaps(scenario, roster, "J1", day(1))
    assert found.options
    for option in found.options:
        assert option.allowed
        again = swap_verdict(scenario, roster, option.swap)
        assert again.outcomes == option.outcomes
        partner = scenario.person(option.swap.staff_b)
        assert (partner.grade, partner.job_type) == ("junior", "agent")
    partners = {o.swap.staff_b for o in found.options}
    assert partners == {"J2", "J4"}
    assert ("S5 LIKE FOR LIKE: other grade or job type", 6) in found.excluded


def test_suggestions_rank_same_team_then_close_pay_back() -> None:
    scenario, roster = suggestion_centre()
    found = suggest_swaps(scenario, roster, "J1", day(1))
    ranked = [(o.swap.staff_b, o.swap.date_b) for o in found.options]
    assert ranked == [("J2", day(4)), ("J2", day(5)), ("J2", day(6)), ("J4", day(4))]
    assert found.found == 4
    assert len(suggest_swaps(scenario, roster, "J1", day(1), limit=2).options) == 2


def test_a_quick_partner_list_has_the_same_best_options() -> None:
    # complete=False stops after the best `limit` (the web app's partner list): the same
    # options in the same order, for every limit; only the counts are partial.
    scenario, roster = suggestion_centre()
    for limit in (1, 2, 3, 4, 10):
        full = suggest_swaps(scenario, roster, "J1", day(1), limit=limit)
        quick = suggest_swaps(scenario, roster, "J1", day(1), limit=limit, complete=False)
        assert [o.swap for o in quick.options] == [o.swap for o in full.options]
        assert [o.outcomes for o in quick.options] == [o.outcomes for o in full.options]
        assert quick.found == min(limit, full.found)  # 4 valid in all


def test_suggestions_leave_out_colleagues_at_their_monthly_limit() -> None:
    scenario, roster = suggestion_centre()
    ledger = (
        registered("X1", "J2", MAR_20, "M1", None),
        registered("X2", "M1", MAR_25, "J2", None),
    )
    found = suggest_swaps(scenario, roster, "J1", day(1), ledger)
    assert {o.swap.staff_b for o in found.options} == {"J4"}
    assert ("S2 MONTHLY LIMIT: no swap left this month", 1) in found.excluded
    for option in found.options:
        assert swap_verdict(scenario, roster, option.swap, ledger).allowed


def test_no_suggestions_when_the_asker_is_off_that_day() -> None:
    scenario, roster = suggestion_centre()
    found = suggest_swaps(scenario, roster, "J1", day(5))
    assert found.options == []
    assert found.excluded == [("S8 ALL RULES: J1 is not on duty on Sat 7 Mar", 8)]
