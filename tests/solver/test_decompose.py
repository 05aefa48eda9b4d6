"""Large centres start from slices: every person in exactly one slice, every cover seat in
exactly one slice, and the joined roster keeps every hard rule of the whole centre."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from collections import Counter

import pytest
from ortools.sat.python import cp_model

from roster.calendar import Calendar
from roster.checks import check_roster, objective_of
from roster.examples import synthetic_centre
from roster.model import (
    GRADES,
    Assignment,
    CoverRule,
    FairnessBand,
    Result,
    Roster,
    Scenario,
    SolveStatus,
    Staff,
)
from roster.solver import solve
from roster.solver.decompose import (
    FIRST_ROSTER_SECONDS,
    SliceSearch,
    SliceSolver,
    common_counts,
    joined_roster,
    slice_count,
    split_cover,
    split_scenario,
    split_staff,
)
from roster.solver.presets import LARGE_MODEL_SIZE, PRESETS, Preset, configure, preset_named
from roster.solver.solve import make_solver
from tests.helpers import NIGHT_SHIFT, leave_of, mini_scenario, person, weights_only

CENTRE = synthetic_centre(120, "2x12", seed=0, month="2027-03")
UNFAIR = dataclasses.replace(CENTRE.weights, fairness=0)
UNPINNED = CENTRE.replace(weights=UNFAIR)
"""Without R14 there is nothing to pin: one search per slice, for the timing tests."""


def _proven(roster: Roster, objective: int = 0) -> Result:
    return Result(SolveStatus.OPTIMAL, objective, float(objective), 0.0, roster)


def _recording(searches: list[SliceSearch]) -> SliceSolver:
    """A slice solver that notes each search and proves an empty roster at once."""

    def fake(part: Scenario, search: SliceSearch) -> Result:
        searches.append(search)
        return _proven(Roster(()))

    return fake


def test_every_person_is_in_exactly_one_slice() -> None:
    slices = split_staff(CENTRE, 3)
    everyone = sorted(p for members in slices for p in members)
    assert everyone == list(range(len(CENTRE.staff)))
    # Dealt kind by kind: slices differ by at most one person of each grade (callback
    # agents aside, who all go to the first slice).
    for grade in ("junior", "mid", "senior"):
        counts = [
            sum(
                1
                for p in m
                if CENTRE.staff[p].grade == grade and not CENTRE.staff[p].has_role("callback")
            )
            for m in slices
        ]
        assert max(counts) - min(counts) <= 1, (grade, counts)


def test_callback_agents_stay_together() -> None:
    slices = split_staff(CENTRE, 3)
    holders = [i for i, m in enumerate(slices) for p in m if CENTRE.staff[p].has_role("callback")]
    assert holders
    assert set(holders) == {0}


def test_every_cover_seat_goes_to_exactly_one_slice() -> None:
    calendar = Calendar(CENTRE)
    slices = split_staff(CENTRE, 3)
    covers = split_cover(CENTRE, calendar, slices)
    shared: Counter[tuple[str, str, str]] = Counter()
    for rows in covers:
        for row in rows:
            shared[(row.day, row.shift, row.requirement)] += row.min
    for day in calendar.days:
        for shift in CENTRE.shifts:
            for requirement, need in calendar.needs(day, shift.code).items():
                assert shared[(day.isoformat(), shift.code, requirement)] == need.min


def test_slice_scenarios_keep_only_their_people() -> None:
    for part in split_scenario(CENTRE, 2):
        ids = {s.id for s in part.staff}
        assert all(lv.staff_id in ids for lv in part.leave)
        assert all(r.staff_id in ids for r in part.requests)
        assert all(a.staff_id in ids for a in part.history)


def test_slice_count_follows_size_and_team_leaders() -> None:
    assert slice_count(CENTRE, 150) == 1
    assert slice_count(CENTRE, 60) == 2
    leaders = sum(1 for s in CENTRE.staff if s.has_role("team_leader"))
    assert slice_count(CENTRE, 1) == leaders // 4


def test_a_centre_solved_in_slices_keeps_every_rule() -> None:
    # Two slices of 60, 3 s each; the whole model has no time left to polish (12 s limit <
    # 6 s of slices + 0.06 s x 120 people), so the joined roster is the answer.
    preset = Preset("test", "two slices", 0.0, slice_from=100, slice_seconds=3.0, slice_people=60)
    result = solve(CENTRE, time_limit=12.0, workers=2, seed=0, diagnose=False, preset=preset)
    assert result.settings["slices"] == 2
    assert result.status in (SolveStatus.FEASIBLE, SolveStatus.OPTIMAL)
    assert result.roster is not None
    assert check_roster(CENTRE, result.roster) == []
    assert objective_of(CENTRE, result.roster)[0] == result.objective
    assert result.bound is not None
    assert result.bound <= result.objective


def test_presets_by_name() -> None:
    assert set(PRESETS) == {"fast", "balanced", "thorough"}
    assert PRESETS["thorough"].slice_from is None
    assert preset_named("fast").gap_limit > 0
    with pytest.raises(ValueError, match="unknown preset"):
        preset_named("quick")
    with pytest.raises(ValueError, match="gap_limit"):
        Preset("bad", "", 1.5, None)


def test_slices_without_a_roster_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    # The slices give nothing (as when one slice is out of time) and what is left of 0.3 s
    # is far less than the whole model needs (0.06 s x 120 people): the result says so
    # at once instead of building the whole model.
    solve_module = importlib.import_module("roster.solver.solve")
    monkeypatch.setattr(solve_module, "joined_roster", lambda *args: None)
    preset = Preset("test", "two slices", 0.0, slice_from=100, slice_seconds=3.0, slice_people=60)
    result = solve(CENTRE, time_limit=0.3, workers=1, seed=0, diagnose=False, preset=preset)
    assert result.status == SolveStatus.UNKNOWN
    assert any("2 slices" in reason and "thorough" in reason for reason in result.reasons)


def test_a_slice_may_run_past_its_share_for_its_first_roster() -> None:
    calls: list[tuple[float, float]] = []

    def fake(part: Scenario, search: SliceSearch) -> Result:
        calls.append((search.share, search.limit))
        return _proven(Roster(()))

    assert joined_roster(UNPINNED, 3, 12.0, fake) == Roster(())
    share, limit = calls[0]
    # 12 s for 3 slices of under 150 people: shares in proportion to their people; the
    # first may take up to 12 - 2 x 3 = 6 s for its first roster, so that each of the two
    # after it keeps FIRST_ROSTER_SECONDS.
    smallest = min(len(m) for m in split_staff(UNPINNED, 3))
    assert share == pytest.approx(12.0 * smallest / len(UNPINNED.staff), abs=0.05)
    assert limit == pytest.approx(12.0 - 2 * FIRST_ROSTER_SECONDS, abs=0.05)
    assert calls[-1][0] == pytest.approx(calls[-1][1], abs=0.05)  # the last has no one after


def test_the_callback_slice_goes_last_and_sees_the_band_of_the_others() -> None:
    # 120 people in 3 slices: the callback agents all sit in one, which makes it the
    # largest; it is solved last, after the typical slices have set the fairness band.
    seen: list[Scenario] = []

    def fake(part: Scenario, search: SliceSearch) -> Result:
        seen.append(part)
        return _proven(Roster(()))

    joined_roster(CENTRE, 3, 12.0, fake)
    sizes = [len(part.staff) for part in seen]
    assert sizes == sorted(len(m) for m in split_staff(CENTRE, 3))
    assert sizes[-1] > sizes[0]
    callback = {p.id for p in CENTRE.staff if p.has_role("callback")}
    assert callback
    assert callback <= {p.id for p in seen[-1].staff}
    assert seen[-1].fairness_bands
    assert [part.name.rsplit(" ", 1)[-1] for part in seen] == ["1/3", "2/3", "3/3"]


def test_a_slice_over_150_people_keeps_time_in_proportion_for_its_first_roster() -> None:
    big = synthetic_centre(400, "2x12", seed=0, month="2027-03")
    parts = split_scenario(big, 2)
    calls: list[float] = []

    def fake(part: Scenario, search: SliceSearch) -> Result:
        calls.append(search.limit)
        return _proven(Roster(()))

    joined_roster(big.replace(weights=UNFAIR), 2, 30.0, fake)
    # The later (larger) slice keeps FIRST_ROSTER_SECONDS x its people / 150; the split
    # itself runs on the clock, hence the loose tolerance.
    keep = FIRST_ROSTER_SECONDS * len(parts[1].staff) / 150
    assert len(parts[1].staff) > 150
    assert calls[0] + keep == pytest.approx(30.0, abs=0.5)
    assert calls[0] < 30.0 - keep + 0.01


def test_patience_stops_a_search_that_has_a_roster() -> None:
    # 150 people on three 8-hour shifts: the first roster comes in about 3 s, the proof of
    # optimality after about 19 s (benchmarks/README.md); with 4 s of patience the 60 s
    # search stops soon after 4 s, keeping its roster.
    centre = synthetic_centre(150, "3x8", seed=0, month="2027-03")
    result = solve(centre, time_limit=60.0, workers=2, seed=0, diagnose=False, patience=4.0)
    assert result.roster is not None
    assert check_roster(centre, result.roster) == []
    assert objective_of(centre, result.roster)[0] == result.objective
    assert result.wall_time < 12.0


def test_each_slice_is_handed_the_fairness_counts_of_the_slices_before_it() -> None:
    seen: list[tuple[FairnessBand, ...]] = []

    def fake(part: Scenario, search: SliceSearch) -> Result:
        seen.append(part.fairness_bands)
        return _proven(Roster(()))  # nobody works: every count of the first slice is 0

    joined_roster(CENTRE, 2, 10.0, fake)
    assert seen[0] == ()
    kinds = {(b.grade, b.kind) for b in seen[1]}
    assert ("junior", "nights") in kinds
    assert ("senior", "weekend") in kinds
    assert all((b.low, b.high) == (0, 0) for b in seen[1])


def test_grade_seats_go_to_slices_of_higher_grades_under_substitution() -> None:
    # No junior at all: seniors and mids fill the junior seats, so the seats are shared
    # among them instead of vanishing.
    staff = tuple(
        dataclasses.replace(s, grade="mid") if s.grade == "junior" else s for s in CENTRE.staff
    )
    centre = CENTRE.replace(staff=staff)
    calendar = Calendar(centre)
    covers = split_cover(centre, calendar, split_staff(centre, 2))
    day = calendar.days[0]
    for shift in centre.shifts:
        need = calendar.needs(day, shift.code)["junior"].min
        shared = sum(
            r.min
            for rows in covers
            for r in rows
            if (r.day, r.shift, r.requirement) == (day.isoformat(), shift.code, "junior")
        )
        assert need > 0
        assert shared == need


def test_a_hard_grade_row_keeps_the_shift_hard_in_every_slice() -> None:
    # Junior rows soft at 5, mid and senior rows hard: under substitution the shift's seats
    # are one pool, hard for the whole centre, so every slice's grade rows stay hard.
    cover = tuple(
        dataclasses.replace(c, weight_under=5) if c.requirement == "junior" else c
        for c in CENTRE.cover
    )
    centre = CENTRE.replace(cover=cover)
    covers = split_cover(centre, Calendar(centre), split_staff(centre, 2))
    grade_rows = [r for rows in covers for r in rows if r.requirement in GRADES]
    assert grade_rows
    assert all(r.weight_under is None for r in grade_rows)


def test_optimal_only_when_the_bound_is_reached() -> None:
    # A preset that stops 30% from the bound: CP-SAT calls that OPTIMAL; the result must not.
    preset = Preset("loose", "stop within 30%", 0.3, slice_from=None)
    result = solve(CENTRE, time_limit=20.0, workers=2, seed=0, diagnose=False, preset=preset)
    assert result.objective is not None
    assert result.bound is not None
    assert (result.status == SolveStatus.OPTIMAL) == (result.objective <= result.bound)


def test_large_models_run_cp_sat_s_own_portfolio() -> None:
    small, large = cp_model.CpSolver(), cp_model.CpSolver()
    configure(small, PRESETS["balanced"], 2, size=LARGE_MODEL_SIZE - 1)
    configure(large, PRESETS["balanced"], 2, size=LARGE_MODEL_SIZE)
    assert list(small.parameters.subsolvers) == ["max_lp"]
    assert small.parameters.num_full_subsolvers == 1
    assert list(large.parameters.subsolvers) == []


# -- common counts: one count per grade and kind that every slice pins


def _week_of_nights(*juniors: Staff) -> Scenario:
    # Mon..Sun, one night shift needing at least one junior: 7 seats, 2 on the weekend.
    return mini_scenario(
        person("L1", "mid", "team_leader"),
        *juniors,
        days=7,
        shifts=(NIGHT_SHIFT,),
        cover=(CoverRule("*", "N", "junior", 1),),
        weights=weights_only(fairness=10),
    )


def test_common_counts_are_the_seats_per_person_rounded_down_and_up() -> None:
    # 4 juniors: nights 7 seats -> 7 / 4 = 1.75: 1 to 2 a person; weekend nights 2 seats
    # -> 0.5: 0 to 1. Nobody beyond the seats is needed for either. The lone mid leader is a
    # group of one: nothing to even out.
    sc = _week_of_nights(*(person(f"J{i}") for i in range(1, 5)))
    assert common_counts(sc, Calendar(sc)) == {
        ("junior", "nights"): (1, 2),
        ("junior", "weekend"): (0, 1),
    }
    # 8 seats among 4 divide evenly: exactly 2 each.
    eight = sc.replace(end=sc.start + dt.timedelta(days=7))
    assert common_counts(eight, Calendar(eight))[("junior", "nights")] == (2, 2)


def test_slices_pin_one_more_on_top_within_what_everyone_can_work() -> None:
    # 7 night seats / 4 juniors -> 1 to 2; the slices' room of one: 1 to 3 (nobody's
    # nights are capped: 7 free days, R6 allows 3 in a row, the capacity counts days). With
    # J4 capped at 2 nights the top stays 2.
    sc = _week_of_nights(*(person(f"J{i}") for i in range(1, 5)))
    assert common_counts(sc, Calendar(sc), room=1)[("junior", "nights")] == (1, 3)
    capped = _week_of_nights(*(person(f"J{i}") for i in range(1, 4)), person("J4", max_nights=2))
    assert common_counts(capped, Calendar(capped), room=1)[("junior", "nights")] == (1, 2)


def test_common_counts_hold_when_the_most_limited_person_can_work_the_most() -> None:
    # J4 may work 2 nights: that is the range's most (7 seats / 4 -> 1 to 2), so it pins.
    sc = _week_of_nights(*(person(f"J{i}") for i in range(1, 4)), person("J4", max_nights=2))
    assert common_counts(sc, Calendar(sc))[("junior", "nights")] == (1, 2)


def test_common_counts_leave_a_group_unpinned_when_someone_cannot_reach_the_seats() -> None:
    # J4 may work 1 night, or is on leave for 6 of the 7 days: below the range's most of 2
    # (7 seats / 4), so the juniors' nights are left to R14's spread; their weekends are
    # still pinned.
    capped = _week_of_nights(*(person(f"J{i}") for i in range(1, 4)), person("J4", max_nights=1))
    away = _week_of_nights(*(person(f"J{i}") for i in range(1, 5))).replace(
        leave=(leave_of("J4", 0, 5),)
    )
    for sc in (capped, away):
        counts = common_counts(sc, Calendar(sc))
        assert ("junior", "nights") not in counts
    assert ("junior", "weekend") in common_counts(capped, Calendar(capped))


def test_no_common_counts_without_fairness() -> None:
    assert common_counts(UNPINNED, Calendar(UNPINNED)) == {}
    assert common_counts(CENTRE, Calendar(CENTRE))


def test_a_slice_without_a_roster_when_pinned_goes_on_without_the_pins() -> None:
    # Pinned searches find nothing here: the first slice tries pinned then unpinned, and
    # the slices after it are not pinned at all.
    calls: list[tuple[str, bool]] = []

    def fake(part: Scenario, search: SliceSearch) -> Result:
        calls.append((part.name[-3:], bool(search.pins)))
        if search.pins:
            return Result(SolveStatus.UNKNOWN, None, None, 0.0, None)
        return _proven(Roster(()))

    assert joined_roster(CENTRE, 3, 30.0, fake) == Roster(())
    assert calls == [("1/3", True), ("1/3", False), ("2/3", False), ("3/3", False)]


def test_time_left_goes_to_slices_not_proven_best_from_their_own_roster() -> None:
    # Slice 2/3 comes back FEASIBLE (cost above its bound); the others proven. With time
    # left, 2/3 is searched again from its roster, against the counts of the other two,
    # and its better roster (one cost unit less, as the checker prices the old one) is kept.
    parts = split_scenario(CENTRE, 3)
    person_of_2 = parts[1].staff[0].id
    better = Roster((Assignment(person_of_2, CENTRE.start, "D"),))
    again: list[SliceSearch] = []

    def fake(part: Scenario, search: SliceSearch) -> Result:
        if search.start is not None:
            again.append(search)
            assert part.fairness_bands  # the other two slices' counts
            old = objective_of(part, search.start)[0]
            return Result(SolveStatus.FEASIBLE, old - 1, 0.0, 0.0, better)
        if part.name.endswith("2/3"):
            return Result(SolveStatus.FEASIBLE, 5, 0.0, 0.0, Roster(()))
        return _proven(Roster(()))

    joined = joined_roster(CENTRE, 3, 30.0, fake)
    assert [s.start for s in again] == [Roster(())]
    assert again[0].pins == common_counts(CENTRE, Calendar(CENTRE), room=1)
    assert joined == better


def test_a_second_search_that_is_no_better_is_dropped() -> None:
    parts = split_scenario(CENTRE, 3)
    worse = Roster((Assignment(parts[1].staff[0].id, CENTRE.start, "D"),))

    def fake(part: Scenario, search: SliceSearch) -> Result:
        if search.start is not None:
            old = objective_of(part, search.start)[0]
            return Result(SolveStatus.FEASIBLE, old, 0.0, 0.0, worse)
        if part.name.endswith("2/3"):
            return Result(SolveStatus.FEASIBLE, 5, 0.0, 0.0, Roster(()))
        return _proven(Roster(()))

    assert joined_roster(CENTRE, 3, 30.0, fake) == Roster(())


def test_common_counts_leave_out_shifts_no_cover_asks_for() -> None:
    # Nights are needed on weekdays only: the juniors' weekend count is not pinned (0 seats:
    # nothing asks for it); 5 weekday seats / 4 -> 1 to 2. There is no day shift at all.
    sc = _week_of_nights(*(person(f"J{i}") for i in range(1, 5))).replace(
        cover=(CoverRule("weekday", "N", "junior", 1),)
    )
    assert common_counts(sc, Calendar(sc)) == {("junior", "nights"): (1, 2)}


def test_common_counts_stay_within_the_most_a_seat_asks() -> None:
    # 4 juniors, 7 night seats (1 to 2 a person): with at most 3 a night (21 in all, 5 a
    # person) the range fits; with at most 1 a night (7 in all, 1 a person) its most of 2
    # would overstaff, so the nights are not pinned.
    juniors = tuple(person(f"J{i}") for i in range(1, 5))
    roomy = _week_of_nights(*juniors).replace(cover=(CoverRule("*", "N", "junior", 1, 3),))
    tight = _week_of_nights(*juniors).replace(cover=(CoverRule("*", "N", "junior", 1, 1),))
    assert common_counts(roomy, Calendar(roomy))[("junior", "nights")] == (1, 2)
    assert ("junior", "nights") not in common_counts(tight, Calendar(tight))


def test_common_counts_rise_to_what_a_role_held_by_one_grade_needs() -> None:
    # A senior seat and a team-leader seat every night; the two leaders are the only
    # holders and both senior, so they sit in the senior seat: 7 leader seats -> 3 to 4
    # nights each, and the two other seniors share what is left, 7 - 7 = 0: the range is
    # 0 to 4 (the senior seats alone would give 7 / 4 -> 1 to 2). A mid leader as well
    # spreads the role over two grades: 1 to 2.
    seniors = (
        person("L1", "senior", "team_leader"),
        person("L2", "senior", "team_leader"),
        person("S1", "senior"),
        person("S2", "senior"),
    )
    cover = (CoverRule("*", "N", "senior", 1), CoverRule("*", "N", "team_leader", 1))
    sc = mini_scenario(
        *seniors, days=7, shifts=(NIGHT_SHIFT,), cover=cover, weights=weights_only(fairness=10)
    )
    assert common_counts(sc, Calendar(sc))[("senior", "nights")] == (0, 4)
    mixed = sc.replace(staff=(*seniors, person("M1", "mid", "team_leader")))
    assert common_counts(mixed, Calendar(mixed))[("senior", "nights")] == (1, 2)


def test_pinned_slices_stay_within_twice_their_share_and_keep_time_to_try_again() -> None:
    searches: list[SliceSearch] = []
    fake = _recording(searches)
    joined_roster(CENTRE, 3, 60.0, fake)
    assert all(s.pins for s in searches)
    assert all(s.limit <= 2 * s.share + 1e-6 for s in searches)
    # The first keeps back its own first roster's time beside the two later slices'.
    assert searches[0].limit <= 60.0 - 3 * FIRST_ROSTER_SECONDS + 1e-6


def test_no_pinned_search_without_time_to_search_again() -> None:
    # 5 s for 3 slices: no slice has a first roster's time to spare for a pinned try.
    searches: list[SliceSearch] = []
    fake = _recording(searches)
    joined_roster(CENTRE, 3, 5.0, fake)
    assert len(searches) == 3
    assert not any(s.pins for s in searches)


def test_later_pinned_slices_keep_time_to_search_again_when_they_can() -> None:
    # 30 s for 3 slices, each done at once: the middle slice keeps back its own retry and
    # the last slice's first roster (3 s each); the last slice has nothing beyond its share
    # to keep, so it searches pinned for all of it.
    searches: list[SliceSearch] = []
    fake = _recording(searches)
    joined_roster(CENTRE, 3, 30.0, fake)
    assert all(s.pins for s in searches)
    assert searches[1].limit <= 30.0 - 2 * FIRST_ROSTER_SECONDS + 1e-6
    assert searches[2].limit == pytest.approx(searches[2].share)
    assert searches[2].share == pytest.approx(30.0, abs=0.5)


def test_a_slice_searched_under_patience_presolves_once() -> None:
    # A slice's time goes to a first roster: one presolve pass (CP-SAT's default is to
    # iterate to a fixed point, max_presolve_iterations 3).
    assert make_solver(1.0, 2, 0, quick=True).parameters.max_presolve_iterations == 1
    assert make_solver(1.0, 2, 0).parameters.max_presolve_iterations == 3
