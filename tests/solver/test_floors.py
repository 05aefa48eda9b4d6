"""Cost floors: the R13 cost the hard cover rules force, given to CP-SAT as the objective's
domain so its bound is right from presolve on. A floor must never exceed the optimum."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

from roster.calendar import Calendar
from roster.constraints import least_cost
from roster.model import CoverRule, RuleParameters, Scenario, SolveStatus
from tests.helpers import (
    DAY_SHIFT,
    NIGHT_SHIFT,
    mini_scenario,
    person,
    solve_and_check,
    weights_only,
)

solve_module = importlib.import_module("roster.solver.solve")
MONDAY = dt.date(2026, 3, 2)  # a team-leader meeting day (team_meeting_day Mon)
THURSDAY = dt.date(2026, 3, 19)  # Fri 20 Mar 2026 is the monthly meeting


def _night_centre(cover: tuple[CoverRule, ...], **weights: int | None) -> Scenario:
    staff = (
        person("L1", "senior", "team_leader"),
        person("L2", "senior", "team_leader"),
        person("M1", "mid"),
        person("M2", "mid"),
        person("J1", "junior"),
        person("J2", "junior"),
    )
    return mini_scenario(
        *staff,
        start=THURSDAY,
        days=2,
        shifts=(DAY_SHIFT, NIGHT_SHIFT),
        cover=cover,
        weights=weights_only(meetings=20, **weights),  # type: ignore[arg-type]
        rules=RuleParameters(max_consecutive_nights=5, min_off_after_nights=0),
    )


def _floor(sc: Scenario) -> int:
    return least_cost(sc, Calendar(sc))


def test_holds_the_floor_is_the_optimum_and_the_bound() -> None:
    # Thu 19 and Fri 20 nights touch Friday's monthly meeting; each needs 1 senior + 1 mid
    # seat and a team leader: 2 people per night, 2 nights -> 4 attendees x 20 = 80.
    cover = (CoverRule("*", "N", "senior", 1), CoverRule("*", "N", "mid", 1))
    sc = _night_centre(cover)
    assert _floor(sc) == 80
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 80
    assert result.bound == 80


def test_soft_cover_has_no_grade_floor() -> None:
    # weight_cover_under makes the seats soft: an empty night is allowed, so only R2's one
    # team leader per operating night is forced: 2 nights x 1 leader x 20 = 40.
    cover = (CoverRule("*", "N", "senior", 1), CoverRule("*", "N", "mid", 1))
    sc = _night_centre(cover, cover_under=1000)
    assert _floor(sc) == 40
    # A row of its own weight is soft as well.
    rows = (
        CoverRule("*", "N", "senior", 1, weight_under=500),
        CoverRule("*", "N", "mid", 1, weight_under=500),
    )
    assert _floor(_night_centre(rows)) == 40


def test_forces_a_bound_before_any_roster() -> None:
    # With the floor the bound is known without search: 3 seats per night, 2 nights,
    # x 20 = 120 even when CP-SAT stops at its first roster.
    cover = (CoverRule("*", "N", "senior", 1), CoverRule("*", "N", "junior", 2))
    sc = _night_centre(cover)
    result = solve_and_check(sc, time_limit=5.0)
    assert result.bound is not None
    assert result.bound >= 120
    assert result.objective == 120


@pytest.mark.parametrize(
    "cover",
    [
        (CoverRule("*", "N", "senior", 1), CoverRule("*", "N", "mid", 1)),
        (CoverRule("*", "N", "junior", 2), CoverRule("*", "N", "team_leader", 2)),
        (CoverRule("*", "N", "mid", 1, weight_under=5), CoverRule("*", "N", "senior", 1)),
        (CoverRule("*", "N", "junior", 1, weight_under=3),),
        (CoverRule("*", "D", "junior", 2), CoverRule("Fri", "N", "mid", 2)),
    ],
)
@pytest.mark.parametrize("substitute", [True, False])
def test_floor_never_exceeds_the_optimum_without_it(
    cover: tuple[CoverRule, ...], substitute: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    sc = _night_centre(cover)
    sc = sc.replace(
        rules=RuleParameters(
            max_consecutive_nights=5, min_off_after_nights=0, upward_substitution=substitute
        )
    )
    floor = _floor(sc)
    with_floor = solve_and_check(sc)
    monkeypatch.setattr(solve_module, "least_cost", lambda scenario, calendar: 0)
    without = solve_and_check(sc)
    assert without.status == with_floor.status == SolveStatus.OPTIMAL
    assert without.objective is not None
    assert floor <= without.objective
    assert with_floor.objective == without.objective
