"""A centre solved as one model searches first with everyone's fairness counts pinned
(``common_counts``), and goes on without them when that does not reach the least cost."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from roster.model import CoverRule, Result, RuleParameters, Scenario, SolveStatus
from roster.solver.presets import PRESETS, Preset
from tests.helpers import NIGHT_SHIFT, grid_of, mini_scenario, person, solve_and_check, weights_only

SOLVE = importlib.import_module("roster.solver.solve")


def four_nights(maximum: int | None = None) -> Scenario:
    """Four nights, a junior seat each that only juniors may take (no substitution), up to
    five nights in a row; two juniors and two leaders of different grades (groups of one
    cost nothing). A max of 1 makes each extra junior on a night cost weight_cover_over 7."""
    return mini_scenario(
        person("L1", "mid", "team_leader"),
        person("L2", "senior", "team_leader"),
        person("J1"),
        person("J2"),
        days=4,
        shifts=(NIGHT_SHIFT,),
        cover=(CoverRule("*", "N", "junior", 1, maximum),),
        rules=RuleParameters(upward_substitution=False, max_consecutive_nights=5),
        weights=weights_only(fairness=10, cover_over=7),
    )


def pin(monkeypatch: pytest.MonkeyPatch, nights: int) -> None:
    monkeypatch.setattr(SOLVE, "common_counts_of", lambda *_: {("junior", "nights"): nights})


def searches(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The ``common_counts`` of each search the pinned-first solve runs."""
    seen: list[object] = []
    inner = SOLVE.solve

    def counting(*args: Any, **kwargs: Any) -> Result:
        seen.append(kwargs.get("common_counts"))
        return inner(*args, **kwargs)

    monkeypatch.setattr(SOLVE, "solve", counting)
    return seen


def test_pinned_search_at_the_least_cost_is_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pinned at 2 nights each: 2 + 2 fills the 4 seats, spread 0, cost 0 = the least cost
    # any roster can have, so the pinned roster is proven best without an open search.
    pin(monkeypatch, 2)
    seen = searches(monkeypatch)
    sc = four_nights(maximum=1)
    result = solve_and_check(sc, time_limit=8.0)
    assert seen == [{("junior", "nights"): 2}]
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0
    assert result.settings["time_limit"] == 8.0
    assert result.roster is not None
    assert sorted(grid_of(sc, result.roster)[j].count("N") for j in ("J1", "J2")) == [2, 2]


def test_open_search_goes_on_from_a_pinned_roster_above_the_least_cost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Pinned at 4 nights each: both juniors on every night, one over the max of 1 each
    # night: 4 x 7 = 28. The open search then finds 2 + 2 at cost 0 (spread 0, no extra).
    pin(monkeypatch, 4)
    sc = four_nights(maximum=1)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0
    assert result.settings["pinned_time"] > 0


def test_pins_that_allow_no_roster_leave_the_open_search_to_find_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Pinned at 1 night each, 2 juniors fill only 2 of the 4 seats: no pinned roster; the
    # open search finds the 2 + 2 roster at cost 0.
    pin(monkeypatch, 1)
    seen = searches(monkeypatch)
    result = solve_and_check(four_nights())
    assert seen == [{("junior", "nights"): 1}, {}]
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0


def test_a_pinned_search_reports_only_the_bound_of_every_roster() -> None:
    # Pinned at 4 nights each the best roster costs 4 x 7 = 28, but an unpinned one costs
    # 0: the bound reported is the least cost of all rosters (0), not the pinned best.
    result = solve_and_check(four_nights(maximum=1), common_counts={("junior", "nights"): 4})
    assert result.objective == 28
    assert result.bound == 0
    assert result.status == SolveStatus.FEASIBLE


def test_no_pinned_search_with_a_zero_share(monkeypatch: pytest.MonkeyPatch) -> None:
    pin(monkeypatch, 2)
    never = Preset("never", "no pinned search", 0.0, slice_from=None, pinned_share=0.0)
    result = solve_and_check(four_nights(maximum=1), preset=never)
    assert result.objective == 0
    assert "pinned_time" not in result.settings


def test_pinned_share_is_validated() -> None:
    assert all(0 <= p.pinned_share < 1 for p in PRESETS.values())
    with pytest.raises(ValueError, match="pinned_share"):
        Preset("bad", "", 0.0, None, pinned_share=1.0)
