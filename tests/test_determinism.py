"""One worker and a fixed seed give the same roster every time (the CLI promises it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from roster.examples import synthetic_centre
from roster.model import Scenario
from tests.helpers import solve_and_check, tiny_scenario


def synthetic_week() -> Scenario:
    """The first week of a generated 20-person centre, workloads scaled down to a week."""
    sc = synthetic_centre(20, seed=1)
    end = sc.start + dt.timedelta(days=6)
    staff = tuple(dataclasses.replace(s, min_shifts=None, max_shifts=5) for s in sc.staff)
    requests = tuple(r for r in sc.requests if r.date <= end)
    return sc.replace(end=end, staff=staff, requests=requests)


@pytest.mark.parametrize("build", [tiny_scenario, synthetic_week])
def test_same_seed_one_worker_same_roster(build: Callable[[], Scenario]) -> None:
    scenario = build()
    first = solve_and_check(scenario, workers=1, seed=7)
    second = solve_and_check(scenario, workers=1, seed=7)
    assert first.roster is not None
    # The default week has many rosters of the same cost; the same one must come back.
    assert first.roster == second.roster
    assert first.objective == second.objective
    assert first.penalties == second.penalties
