"""Large centres start from slices: every person in exactly one slice, every cover seat in
exactly one slice, and the joined roster keeps every hard rule of the whole centre."""

from __future__ import annotations

from collections import Counter

import pytest

from roster.calendar import Calendar
from roster.checks import check_roster, objective_of
from roster.examples import synthetic_centre
from roster.model import SolveStatus
from roster.solver import solve
from roster.solver.decompose import slice_count, split_cover, split_scenario, split_staff
from roster.solver.presets import PRESETS, Preset, preset_named

CENTRE = synthetic_centre(120, "2x12", seed=0, month="2027-03")


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
        ids = {s.id for s in part.scenario.staff}
        assert all(lv.staff_id in ids for lv in part.scenario.leave)
        assert all(r.staff_id in ids for r in part.scenario.requests)
        assert all(a.staff_id in ids for a in part.scenario.history)


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
