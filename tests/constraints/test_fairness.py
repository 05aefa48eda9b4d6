"""R14 FAIRNESS in the CP-SAT model: nights, weekends and holidays spread within a grade."""

from __future__ import annotations

import datetime as dt

import pytest

from roster.calendar import Calendar
from roster.model import (
    CoverRule,
    FairnessBand,
    HolidayChange,
    RuleParameters,
    Scenario,
    ShiftRequest,
    SolveStatus,
    Staff,
)
from tests.helpers import (
    NIGHT_SHIFT,
    day,
    grid_of,
    leave_of,
    mini_scenario,
    person,
    solve_and_check,
    tiny_scenario,
    weights_only,
)

# A max that costs far more than any spread, so exactly one junior works each night.
FAIR = weights_only(fairness=10, cover_over=1000)
NIGHT_COVER = (CoverRule("*", "N", "junior", 1, 1),)
# The leaders may not sit in the junior seat, so the juniors share every night.
OWN_GRADE = RuleParameters(upward_substitution=False)


def night_centre(*juniors: Staff) -> tuple[Staff, ...]:
    """Two team leaders of different grades (groups of one cost nothing) and juniors."""
    leaders = (person("L1", "mid", "team_leader"), person("L2", "senior", "team_leader"))
    return (*leaders, *juniors)


def test_holds_four_nights_split_two_and_two() -> None:
    sc = mini_scenario(
        *night_centre(person("J1"), person("J2")),
        days=4,
        shifts=(NIGHT_SHIFT,),
        cover=NIGHT_COVER,
        rules=OWN_GRADE,
        weights=FAIR,
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0


def test_holds_staff_who_cannot_work_nights_are_left_out_of_the_night_count() -> None:
    juniors = (person("J1"), person("J2"), person("J3", can_work_nights=False))
    sc = mini_scenario(
        *night_centre(*juniors),
        days=4,
        shifts=(NIGHT_SHIFT,),
        cover=NIGHT_COVER,
        rules=OWN_GRADE,
        weights=FAIR,
    )
    result = solve_and_check(sc)
    # J3's zero nights would make the spread 2; it does not count.
    assert result.objective == 0


def test_holds_three_nights_between_two_juniors_split_two_and_one() -> None:
    sc = mini_scenario(
        *night_centre(person("J1"), person("J2")),
        shifts=(NIGHT_SHIFT,),
        cover=NIGHT_COVER,
        rules=OWN_GRADE,
        weights=FAIR,
    )
    result = solve_and_check(sc)
    # 3 junior nights shared by 2 juniors: the best split is 2-1, spread 1, and as 3 seats
    # do not divide by 2 a spread of 1 is perfectly fair: 0.
    assert result.objective == 0
    assert result.roster is not None
    rows = grid_of(sc, result.roster)
    assert sorted(rows[j].count("N") for j in ("J1", "J2")) == [1, 2]


def test_breaks_four_nights_when_one_junior_is_away_for_three() -> None:
    sc = mini_scenario(
        *night_centre(person("J1"), person("J2")),
        days=4,
        shifts=(NIGHT_SHIFT,),
        cover=NIGHT_COVER,
        rules=OWN_GRADE,
        leave=(leave_of("J1", 0, 2),),
        weights=FAIR,
    )
    result = solve_and_check(sc)
    # J1 is away for 3 of the 4 nights: J2 works 3, J1 1, spread 2. 4 seats divide by 2
    # (fair spread 0): 2 x weight_fairness 10 = 20.
    assert result.objective == 20
    (item,) = result.penalties
    assert (item.rule, item.amount) == ("R14", 2)


def test_forces_the_weekend_split_while_one_holiday_shift_is_fair() -> None:
    friday = dt.date(2026, 3, 6)
    staff = (person("L1", "senior", "team_leader"), person("L2", "senior", "team_leader"))
    sc = mini_scenario(
        *staff,
        start=friday,
        cover=(CoverRule("*", "D", "senior", 1, 1),),
        holiday_changes=(HolidayChange(friday, "Founders' day"),),
        weights=FAIR,
    )
    result = solve_and_check(sc)
    # Fri (holiday), Sat, Sun: one holiday shift between two leaders (spread 1, fair: 1
    # seat does not divide by 2) and two weekend shifts that must split 1-1 (2 seats / 2:
    # fair spread 0): cost 0 (a second senior would cost 1000).
    assert result.objective == 0
    assert result.roster is not None
    grid = grid_of(sc, result.roster)
    assert sorted(row[1:] for row in grid.values()) == ["-D", "D-"]


def test_forces_the_last_night_to_the_junior_with_fewer() -> None:
    juniors = (person("J1"), person("J2"))
    sc = mini_scenario(
        *night_centre(*juniors),
        days=4,
        shifts=(NIGHT_SHIFT,),
        cover=NIGHT_COVER,
        rules=OWN_GRADE,
        leave=(leave_of("J1", 0, 1),),
        requests=(ShiftRequest("J2", day(3), "N", "want", 5),),
        weights=weights_only(fairness=10, request=5, cover_over=1000),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # J2 covers days 0-1 (J1 on leave) and is off on day 2 after the night block. Day 3:
    # J2 wants it, but 3-1 costs spread 2 x 10 = 20 against the wish's 5: J1 takes it.
    assert grid_of(sc, result.roster)["J1"] == "--NN"
    assert result.objective == 5


# -- fairness bands: counts of people outside the scenario (a large centre's earlier slices)


def _band_scenario(*bands: FairnessBand) -> Scenario:
    # Four nights, exactly one junior each (the max costs 1000): J1 + J2 work 4 nights.
    return mini_scenario(
        *night_centre(person("J1"), person("J2")),
        days=4,
        shifts=(NIGHT_SHIFT,),
        cover=NIGHT_COVER,
        rules=OWN_GRADE,
        weights=FAIR,
        fairness_bands=bands,
    )


def test_band_holds_when_the_counts_fall_inside_it() -> None:
    # Others range from 1 to 3 nights; 2 + 2 (or 1 + 3) stays inside: spread 3 - 1 = 2,
    # x weight 10 = 20.
    result = solve_and_check(_band_scenario(FairnessBand("junior", "nights", 1, 3)))
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 20


def test_band_adds_the_outside_spread_to_the_penalty() -> None:
    # Others range from 0 to 5 nights: whatever J1 and J2 do, the grade's spread is
    # 5 - 0 = 5, x weight 10 = 50, and the checker agrees.
    result = solve_and_check(_band_scenario(FairnessBand("junior", "nights", 0, 5)))
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 50
    assert [p.rule for p in result.penalties] == ["R14"]


def test_band_forces_both_juniors_up_to_the_others() -> None:
    # Two nights needing at least one junior (no max). Alone, 1 + 1 and 2 + 2 both spread
    # 0; others already work 2 nights, so 1 + 1 would spread 2 - 1 = 1 (cost 10) and only
    # 2 + 2 costs 0: both juniors work both nights.
    sc = mini_scenario(
        *night_centre(person("J1"), person("J2")),
        days=2,
        shifts=(NIGHT_SHIFT,),
        cover=(CoverRule("*", "N", "junior", 1),),
        rules=OWN_GRADE,
        weights=weights_only(fairness=10),
        fairness_bands=(FairnessBand("junior", "nights", 2, 2),),
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0
    assert result.roster is not None
    rows = grid_of(sc, result.roster)
    assert (rows["J1"], rows["J2"]) == ("NN", "NN")


def test_a_band_is_validated() -> None:
    with pytest.raises(ValueError, match="low <= high"):
        FairnessBand("junior", "nights", 3, 1)
    with pytest.raises(ValueError, match="unknown grade or kind"):
        FairnessBand("junior", "evenings", 0, 1)


# -- pinned counts: a narrowing of the search that the slices of a large centre use


def _pinned_nights(*juniors: Staff, days: int = 4) -> Scenario:
    # Juniors only in the junior night seat (OWN_GRADE), at least one a night, no max.
    return mini_scenario(
        *night_centre(*juniors),
        days=days,
        shifts=(NIGHT_SHIFT,),
        cover=(CoverRule("*", "N", "junior", 1),),
        rules=OWN_GRADE,
        weights=weights_only(fairness=10),
    )


def test_pinned_counts_hold_when_the_cover_fits_them() -> None:
    # 4 nights for 2 juniors pinned at 2 each: 2 + 2 = 4 seats, spread 0, cost 0.
    sc = _pinned_nights(person("J1"), person("J2"))
    result = solve_and_check(sc, common_counts={("junior", "nights"): 2})
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0


def test_pinned_counts_below_the_cover_leave_no_roster() -> None:
    # 4 nights, but 2 juniors pinned at 1 night each sit in only 2 of the 4 seats.
    sc = _pinned_nights(person("J1"), person("J2"))
    result = solve_and_check(sc, common_counts={("junior", "nights"): 1}, diagnose=False)
    assert result.status == SolveStatus.INFEASIBLE
    assert result.roster is None


def test_pinned_counts_force_every_junior_to_the_count() -> None:
    # 4 nights, 3 juniors: unpinned, 2 + 1 + 1 (spread 1, fair as 4 seats do not divide by
    # 3) costs 0 as do 2 + 2 + 2 or 4 + 4 + 4 (R21 is off here); pinned at 3, every junior
    # works exactly 3 nights.
    sc = _pinned_nights(person("J1"), person("J2"), person("J3"))
    result = solve_and_check(sc, common_counts={("junior", "nights"): 3})
    assert result.objective == 0
    assert result.roster is not None
    rows = grid_of(sc, result.roster)
    assert [rows[j].count("N") for j in ("J1", "J2", "J3")] == [3, 3, 3]


# -- the fair spread (Calendar.fair_range / fair_spread) --------------------------------------


def test_fair_range_of_the_default_week() -> None:
    sc = tiny_scenario()
    cal = Calendar(sc)
    seniors = [p for p in sc.staff if p.grade == "senior"]  # L1..L4, all team leaders
    juniors = [p for p in sc.staff if p.grade == "junior"]  # J1, J2
    # Senior nights: 7 nights x 1 senior seat = 7 among 4: 7 // 4 = 1, ceil(7 / 4) = 2.
    # (Every senior leads a team: the role asks 7 nights of 4 holders, no more than the
    # grade's own share, so it changes nothing.)
    assert cal.kind_seats("senior", "nights") == 7
    assert cal.fair_range("senior", "nights", seniors) == (1, 2)
    assert cal.fair_spread("senior", "nights", seniors) == 1
    # Senior weekend shifts: Sat and Sun x (D 1 + N 1) = 4 among 4: (1, 1), spread 0.
    assert cal.fair_range("senior", "weekend", seniors) == (1, 1)
    assert cal.fair_spread("senior", "weekend", seniors) == 0
    # Junior weekend shifts: Sat and Sun x D 1 = 2 among 2: (1, 1). No junior night seat.
    assert cal.fair_range("junior", "weekend", juniors) == (1, 1)
    assert cal.fair_range("junior", "nights", juniors) == (0, 0)
    # No holiday in the week: 0 seats, (0, 0); nobody in a group: (0, 0).
    assert cal.fair_range("senior", "holiday", seniors) == (0, 0)
    assert cal.fair_range("mid", "weekend", []) == (0, 0)


def _leader_nights(nights: int, seats: int, *others: Staff) -> Scenario:
    """Two senior team leaders and other seniors, ``seats`` senior seats a night."""
    leaders = (person("L1", "senior", "team_leader"), person("L2", "senior", "team_leader"))
    return mini_scenario(
        *leaders,
        *others,
        days=nights,
        shifts=(NIGHT_SHIFT,),
        cover=(CoverRule("*", "N", "senior", seats),),
        weights=weights_only(fairness=10, surplus=10),
    )


def test_fair_range_widens_when_team_leaders_alone_must_cover_a_role() -> None:
    # 4 nights, 1 senior seat each: 4 senior seats among 4 seniors, but R2 asks a team
    # leader on each of the 4 nights, and only L1 and L2 lead: asked 4 x 4 people = 16 >
    # 4 seats x 2 holders = 8, so the leaders work ceil(4 / 2) = 2 each and the other two
    # seniors share what is left, max(0, 4 - 4) // 2 = 0: range (0, 2), a fair spread of 2.
    sc = _leader_nights(4, 1, person("S1", "senior"), person("S2", "senior"))
    cal = Calendar(sc)
    seniors = list(sc.staff)
    assert cal.kind_seats("team_leader", "nights") == 4
    assert cal.fair_range("senior", "nights", seniors) == (0, 2)
    assert cal.fair_spread("senior", "nights", seniors) == 2


def test_fair_range_keeps_the_even_share_when_it_covers_the_role() -> None:
    # 2 senior seats a night: 8 seats among 4; the leaders' 4 nights are 4 x 4 = 16 <=
    # 8 x 2 = 16, within their share: (8 // 4, ceil(8 / 4)) = (2, 2).
    sc = _leader_nights(4, 2, person("S1", "senior"), person("S2", "senior"))
    assert Calendar(sc).fair_range("senior", "nights", list(sc.staff)) == (2, 2)


def test_fair_range_with_a_role_beyond_the_share_over_a_week() -> None:
    # 7 nights, 2 senior seats: 14 seats among 6 seniors (2 leaders); the leaders are asked
    # 7 nights: 7 x 6 = 42 > 14 x 2 = 28. High: max(ceil(14 / 6) = 3, ceil(7 / 2) = 4) = 4;
    # low: min(14 // 6 = 2, (14 - 7) // (6 - 2) = 1) = 1: (1, 4), spread 3.
    others = tuple(person(f"S{i}", "senior") for i in range(1, 5))
    sc = _leader_nights(7, 2, *others)
    assert Calendar(sc).fair_range("senior", "nights", list(sc.staff)) == (1, 4)
    assert Calendar(sc).fair_spread("senior", "nights", list(sc.staff)) == 3


def test_fair_range_ignores_a_role_another_grade_also_holds() -> None:
    # As the 4-night case, but a mid also leads a team: the role is shared with another
    # grade, so the seniors get the plain even share of their 4 seats: (1, 1).
    sc = _leader_nights(
        4,
        1,
        person("S1", "senior"),
        person("S2", "senior"),
        person("M1", "mid", "team_leader"),
    )
    seniors = [p for p in sc.staff if p.grade == "senior"]
    assert Calendar(sc).fair_range("senior", "nights", seniors) == (1, 1)


def test_forces_the_nights_onto_the_leaders_at_no_fairness_cost() -> None:
    # 4 nights, 1 senior seat each, a team leader each night (R2): L1 and L2 take 2 nights
    # each, S1 and S2 none. The seniors' spread is 2 - 0 = 2, the fair one (above): R14
    # costs 0; a non-leader on a night would be surplus (R21, 10 x (1 + 0.5) = 15).
    sc = _leader_nights(4, 1, person("S1", "senior"), person("S2", "senior"))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0
    assert result.roster is not None
    rows = grid_of(sc, result.roster)
    assert (rows["S1"], rows["S2"]) == ("----", "----")
    assert sorted(rows[p].count("N") for p in ("L1", "L2")) == [2, 2]


def test_holds_a_spread_of_one_without_anyone_beyond_the_need() -> None:
    # 3 nights, 1 junior seat each (no max), 2 juniors: 2-1 is a spread of 1, fair as
    # 3 seats do not divide by 2 (3 // 2 = 1, ceil(3 / 2) = 2): R14 costs 0, and no junior
    # is added to even the counts to 2-2 (that extra night would cost R21 15). No team
    # leaders (R2 off): a leader on each night would be beyond the junior seat too.
    sc = mini_scenario(
        person("J1"),
        person("J2"),
        shifts=(NIGHT_SHIFT,),
        cover=(CoverRule("*", "N", "junior", 1),),
        rules=RuleParameters(require_team_leader=False),
        weights=weights_only(fairness=10, surplus=10),
    )
    juniors = [p for p in sc.staff if p.grade == "junior"]
    assert Calendar(sc).fair_range("junior", "nights", juniors) == (1, 2)
    result = solve_and_check(sc)
    assert result.objective == 0
    assert result.roster is not None
    rows = grid_of(sc, result.roster)
    assert sorted(rows[j].count("N") for j in ("J1", "J2")) == [1, 2]
