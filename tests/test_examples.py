"""The example centres: realistic make-up, determinism, room to roster, and the bundled
files in ``data/`` matching their generators."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from roster.calendar import Calendar
from roster.checks import check_roster
from roster.examples import (
    HISTORY_DAYS,
    example_centre,
    example_three_shift,
    min_team_leaders,
    synthetic_centre,
)
from roster.io import read_scenario, write_scenario
from roster.model import GRADES, OFF, Roster, Scenario, grade_rank

DATA = Path(__file__).resolve().parent.parent / "data"


def teams(sc: Scenario) -> Counter[str]:
    return Counter(s.team for s in sc.staff)


def with_role(sc: Scenario, role: str) -> list[str]:
    return [s.id for s in sc.staff if s.has_role(role)]


def capacity_problems(sc: Scenario, share: float = 0.5) -> list[str]:
    """Days where the seats of a grade (and above) or of a role exceed ``share`` of the
    people who could fill them and are not on approved or pending leave that day.

    Each person works roughly half the days of a 12-hour month, so needing at most half of
    everyone available leaves the solver real choice.
    """
    cal = Calendar(sc)
    away = {(lv.staff_id, d) for lv in sc.leave if lv.status != "rejected" for d in lv.days()}
    problems = []
    for day in sc.days:
        present = [s for s in sc.staff if (s.id, day) not in away]
        for grade in GRADES:
            seats = sum(dict(cal.cumulative_grade_needs(day, sh.code))[grade] for sh in sc.shifts)
            able = sum(1 for s in present if s.rank >= grade_rank(grade))
            if seats > share * able:
                problems.append(f"{day} {grade}+: {seats} seats, {able} people")
        night_seats = sum(
            sum(n.min for req, n in cal.needs(day, sh.code).items() if req in GRADES)
            for sh in sc.shifts
            if sh.night
        )
        sleepers = sum(1 for s in present if s.can_work_nights)
        if night_seats > share * sleepers:
            problems.append(f"{day} nights: {night_seats} seats, {sleepers} people")
        roles = {req for sh in sc.shifts for req in cal.needs(day, sh.code) if req not in GRADES}
        for role in roles | {"team_leader"}:
            seats = 0
            for sh in sc.shifts:
                need = cal.needs(day, sh.code).get(role)
                floor = 1 if role == "team_leader" and cal.operating(day, sh.code) else 0
                seats += max(need.min if need else 0, floor)
            able = sum(1 for s in present if s.has_role(role))
            if seats > share * able:
                problems.append(f"{day} {role}: {seats} seats, {able} people")
    return problems


def history_breaks(sc: Scenario) -> list[str]:
    """R4-R6 breaches inside last month's tail, judged by the independent checker on a
    scenario whose horizon is the tail itself (and nothing else to satisfy)."""
    first = sc.start - dt.timedelta(days=HISTORY_DAYS)
    tail = sc.replace(
        start=first,
        end=sc.start - dt.timedelta(days=1),
        cover=(),
        leave=(),
        requests=(),
        history=(),
        swaps=(),
        published=(),
    )
    return [str(v) for v in check_roster(tail, Roster(sc.history)) if v.rule in ("R4", "R5", "R6")]


# -- the bundled example ----------------------------------------------------------------


def test_example_centre_make_up() -> None:
    sc = example_centre()
    assert (sc.start, sc.end, sc.country) == (dt.date(2027, 1, 1), dt.date(2027, 1, 31), "CN")
    assert dt.date(2027, 1, 1) in Calendar(sc).holidays
    assert 75 <= len(sc.staff) <= 85
    assert len(teams(sc)) == 6
    assert all(12 <= n <= 15 for n in teams(sc).values())
    leaders = [s for s in sc.staff if s.has_role("team_leader")]
    assert sorted(s.team for s in leaders) == sorted(teams(sc))  # one per team
    assert all(s.grade == "senior" and s.has_role("agent") for s in leaders)
    grades = Counter(s.grade for s in sc.staff)
    assert grades["junior"] > grades["mid"] > grades["senior"] > 0
    assert 2 <= len(with_role(sc, "quality_inspector")) <= 3
    assert 2 <= len(with_role(sc, "callback")) <= 3
    assert len(with_role(sc, "editor")) >= 1
    assert all(s.has_role("agent") for s in sc.staff)
    assert [(s.code, s.name, s.start, s.end, s.night) for s in sc.shifts] == [
        ("D", "日班", 8 * 60, 20 * 60, False),
        ("N", "夜班", 20 * 60, 8 * 60, True),
    ]
    assert all(s.color for s in sc.shifts)
    assert 1 <= sum(not s.can_work_nights for s in sc.staff) <= 8
    assert any(s.max_nights is not None for s in sc.staff)
    assert all(s.min_shifts is not None and 8 <= s.min_shifts <= 13 for s in sc.staff)
    assert all(s.max_shifts is not None and 15 <= s.max_shifts <= 17 for s in sc.staff)


def test_example_centre_cover_leave_wishes_history() -> None:
    sc = example_centre()
    cal = Calendar(sc)
    monday, tuesday, saturday = dt.date(2027, 1, 4), dt.date(2027, 1, 5), dt.date(2027, 1, 9)
    new_year = dt.date(2027, 1, 1)
    # Grade seats come from the forecast; the cover table gives only the role seats.
    assert {c.requirement for c in sc.cover} == {"team_leader", "quality_inspector"}
    assert set(cal.needs(monday, "D")) == {*GRADES, "team_leader", "quality_inspector"}
    assert cal.forecast_seats[(monday, "D")] == {
        g: n.min for g, n in cal.needs(monday, "D").items() if g in GRADES
    }
    # Busier Mondays, quieter weekends and holidays, a quieter night than day.
    seats = cal.grade_seats
    assert seats(monday, "D") > seats(tuesday, "D") > seats(saturday, "D") > seats(new_year, "D")
    assert seats(tuesday, "N") < seats(tuesday, "D") / 2
    assert all(cal.needs(d, "N")["team_leader"].min == 1 for d in sc.days)
    # The day shift's seats are its busiest interval's agents (09:00-11:00 or 14:00-17:00).
    peak = max(
        (i for i in cal.intervals if i.day == tuesday and 8 * 60 <= i.start < 20 * 60),
        key=lambda i: i.needed,
    )
    assert 9 * 60 <= peak.start < 11 * 60 or 14 * 60 <= peak.start < 17 * 60
    assert seats(tuesday, "D") == peak.needed

    approved = [lv for lv in sc.leave if lv.status == "approved"]
    assert {"annual", "sick"} <= {lv.type for lv in approved}
    assert all(lv.certificate for lv in approved if lv.type == "sick")
    assert 2 <= len(sc.pending_leave) <= 5
    assert not any(lv.covers(dt.date(2027, 1, 1)) for lv in sc.leave)  # L6: no holiday leave

    assert 15 <= len(sc.requests) <= 25
    assert {r.kind for r in sc.requests} == {"want", "avoid"}
    assert any(r.shift == OFF for r in sc.requests)

    assert {a.staff_id for a in sc.history} <= {s.id for s in sc.staff}
    assert len({a.staff_id for a in sc.history}) > 0.9 * len(sc.staff)
    assert {a.date for a in sc.history} == {
        dt.date(2026, 12, 31) - dt.timedelta(days=i) for i in range(HISTORY_DAYS)
    }


def test_example_three_shift_make_up() -> None:
    sc = example_three_shift()
    assert 25 <= len(sc.staff) <= 35
    assert len(teams(sc)) == 3
    assert [(s.code, s.start, s.end, s.night) for s in sc.shifts] == [
        ("E", 6 * 60, 14 * 60, False),
        ("L", 14 * 60, 22 * 60, False),
        ("N", 22 * 60, 6 * 60, True),
    ]
    assert len(with_role(sc, "team_leader")) >= math.ceil(3 * 7 / 5)
    for role in ("quality_inspector", "callback", "editor"):
        assert with_role(sc, role), role
    assert sc.leave
    assert sc.pending_leave
    assert sc.requests
    assert sc.history
    holidays = Calendar(sc).holidays
    assert holidays  # National Day week
    assert not any(lv.covers(d) for lv in sc.leave for d in holidays)


# -- synthetic centres ------------------------------------------------------------------


@pytest.mark.parametrize("pattern", ["2x12", "3x8"])
@pytest.mark.parametrize("n_people", [20, 30, 100, 300])
def test_synthetic_centre_scales(n_people: int, pattern: str) -> None:
    sc = synthetic_centre(n_people, pattern, seed=3)
    assert len(sc.staff) == n_people
    assert len(sc.shifts) == (2 if pattern == "2x12" else 3)
    assert len(teams(sc)) == max(1, round(n_people / 13))
    leaders = [s for s in sc.staff if s.has_role("team_leader")]
    assert {s.team for s in leaders} == set(teams(sc))  # every team is led
    assert len(leaders) >= min_team_leaders(pattern, sc.num_days)
    assert len(leaders) >= len(sc.shifts) * 7 / 5
    for role in ("quality_inspector", "callback"):
        assert len(with_role(sc, role)) >= max(2, round(n_people / 30) - 1), role
    assert sc.leave
    assert sc.requests
    assert sc.history
    seats = sum(
        n.min
        for sh in sc.shifts
        for req, n in Calendar(sc).needs(dt.date(2027, 3, 3), sh.code).items()
        if req in GRADES
    )
    assert 0.15 * n_people <= seats <= 0.45 * n_people  # cover follows headcount


def test_synthetic_centre_is_deterministic() -> None:
    assert synthetic_centre(120, "3x8", seed=5) == synthetic_centre(120, "3x8", seed=5)
    assert synthetic_centre(120, "2x12", seed=5) != synthetic_centre(120, "2x12", seed=6)
    assert example_centre() == example_centre()
    assert example_three_shift() == example_three_shift()


def test_synthetic_centre_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="pattern"):
        synthetic_centre(50, "4x6")
    with pytest.raises(ValueError, match="at least 20"):
        synthetic_centre(5)
    with pytest.raises(ValueError, match="month"):
        synthetic_centre(50, month="2027-13")


# -- room to roster ---------------------------------------------------------------------

CENTRES = {
    "example": example_centre,
    "three_shift": example_three_shift,
    "20x3x8": lambda: synthetic_centre(20, "3x8", seed=1),
    "30x2x12": lambda: synthetic_centre(30, "2x12", seed=2),
    "150x2x12-feb": lambda: synthetic_centre(150, "2x12", seed=4, month="2027-02"),
    "150x3x8-oct": lambda: synthetic_centre(150, "3x8", seed=4, month="2027-10"),
    "1000x2x12": lambda: synthetic_centre(1000, "2x12"),
}


ROOM = {"example": 0.5, "three_shift": 0.8}
"""The share of a day's available people its seats may take: on 12-hour shifts a person
works about 13 of 31 days (42%), on 8-hour shifts about 21 (68%): the examples are sized to
their forecast, the synthetic centres to about half that."""


@pytest.mark.parametrize("name", list(CENTRES))
def test_cover_leaves_slack_every_day(name: str) -> None:
    assert capacity_problems(CENTRES[name](), ROOM.get(name, 0.5)) == []


@pytest.mark.parametrize("make", [example_centre, example_three_shift])
def test_example_minimums_force_only_a_modest_surplus(make: Callable[[], Scenario]) -> None:
    sc = make()
    cal = Calendar(sc)
    seats = sum(cal.grade_seats(d, s.code) for d in sc.days for s in sc.shifts)
    minimums = sum(s.min_shifts or 0 for s in sc.staff)
    # Minimums add up to the seats and 3% more (MINIMUM_SURPLUS), rounded up.
    assert minimums == math.ceil(seats * 1.03)


@pytest.mark.parametrize("name", list(CENTRES))
def test_history_obeys_the_rules_and_lets_day_one_be_worked(name: str) -> None:
    sc = CENTRES[name]()
    assert history_breaks(sc) == []
    last = sc.start - dt.timedelta(days=1)
    worked_last = {a.staff_id for a in sc.history if a.date == last}
    worked = {(a.staff_id, a.date) for a in sc.history}
    for s in sc.staff:
        run = 0
        while (s.id, last - dt.timedelta(days=run)) in worked:
            run += 1
        assert run < sc.rules.max_consecutive_days, s.id
    # every role keeps someone who may start day one on the day shift
    day_shift = sc.shifts[0].code
    fresh = {a.staff_id for a in sc.history if a.date == last and a.shift == day_shift} | (
        {s.id for s in sc.staff} - worked_last
    )
    for role in ("team_leader", "quality_inspector", "callback"):
        assert fresh & set(with_role(sc, role)), role


def test_min_shifts_fit_around_approved_leave() -> None:
    for make in CENTRES.values():
        sc = make()
        for s in sc.staff:
            away = sum(len(lv.days()) for lv in sc.leave if lv.staff_id == s.id)
            assert s.min_shifts is not None
            assert s.min_shifts <= 0.75 * (sc.num_days - away), s.id


# -- the files in data/ -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("example", example_centre),
        ("example.xlsx", example_centre),
        ("example-3shift", example_three_shift),
    ],
)
def test_bundled_example_matches_generator(path: str, make: Callable[[], Scenario]) -> None:
    assert read_scenario(DATA / path) == make(), (
        f"data/{path} is stale: run scripts/make_examples.py"
    )


def test_bundled_csv_is_exactly_what_the_writer_writes(tmp_path: Path) -> None:
    write_scenario(example_centre(), tmp_path / "example")
    for fresh in sorted((tmp_path / "example").iterdir()):
        shipped = DATA / "example" / fresh.name
        assert shipped.read_bytes() == fresh.read_bytes(), fresh.name
    assert sorted(p.name for p in (DATA / "example").iterdir()) == sorted(
        p.name for p in (tmp_path / "example").iterdir()
    )
