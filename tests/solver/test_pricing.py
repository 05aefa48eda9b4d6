"""A person's cheapest plan by the path over days (``roster.solver.pricing``): it is the
same plan value CP-SAT finds on the person's own model, it keeps every rule it follows,
and where a rule it does not follow is broken the plans fall back to CP-SAT."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from roster.io.curtois import (
    CurtoisInstance,
    CurtoisRequest,
    CurtoisShift,
    CurtoisStaff,
    curtois_to_scenario,
)
from roster.model import OFF, Scenario, ShiftRequest
from roster.solver import plans, pricing
from roster.solver.plans.columns import _best_plans, _path_plan, _Person, _person_model, _reduced
from roster.solver.plans.running import _NoPlan, _Running
from roster.solver.plans.tree import _narrowed
from roster.solver.pricing import cheapest_plan, plans_within

SCALE = plans.PRICE_SCALE


def _one_person(
    horizon: int = 7,
    shifts: tuple[CurtoisShift, ...] = (CurtoisShift("D", 480, ()),),
    caps: dict[str, int] | None = None,
    minutes: tuple[int, int] = (0, 99_999),
    runs: tuple[int, int, int] = (7, 1, 1),
    weekends: int = 9,
    days_off: frozenset[int] = frozenset(),
    on: tuple[CurtoisRequest, ...] = (),
    off: tuple[CurtoisRequest, ...] = (),
) -> Scenario:
    """One person in the Curtois vocabulary: ``runs`` is (most days in a row, fewest days
    in a row, fewest days off in a row)."""
    staff = CurtoisStaff(
        "A",
        caps or {s.id: horizon for s in shifts},
        minutes[1],
        minutes[0],
        runs[0],
        runs[1],
        runs[2],
        weekends,
    )
    instance = CurtoisInstance(horizon, shifts, (staff,), {"A": days_off}, on, off, ())
    return curtois_to_scenario(instance)


def _both(sc: Scenario, prices: dict[tuple[int, int], int]) -> tuple[int | None, int | None]:
    """The path's plan value and CP-SAT's exact one (``None``: no plan at all)."""
    person = _person_model(sc, 0)
    path = _path_value(person, prices)
    cp = dataclasses.replace(person, rules=None)  # CP-SAT alone
    running = _Running(time.perf_counter() + 30.0, lambda: False)
    try:
        found = _best_plans(cp, _graded(prices), running)
    except _NoPlan:
        return path, None
    finally:
        running.close()
    _, value, exact = found
    assert exact
    return path, value


def _graded(prices: dict[tuple[int, int], int]) -> dict[tuple[str, int, int], int]:
    return {("junior", d, s): price for (d, s), price in prices.items()}


def _path_value(person: _Person, prices: dict[tuple[int, int], int]) -> int | None:
    assert person.rules is not None
    path = cheapest_plan(person.rules, prices, SCALE)
    if path is None:
        return None
    plan = _path_plan(person, _graded(prices))
    assert plan is not None, "the checker found a broken rule or a cost the path missed"
    assert plan.cells == path.cells
    return path.value


@st.composite
def _people(
    draw: st.DrawFn, horizons: tuple[int, ...] = (7, 14)
) -> tuple[Scenario, dict[tuple[int, int], int]]:
    horizon = draw(st.sampled_from(horizons))
    count = draw(st.integers(1, 3))
    ids = ["E", "D", "N"][:count]
    lengths = [draw(st.sampled_from([240, 360, 480])) for _ in ids]
    shifts = tuple(
        CurtoisShift(
            sid,
            length,
            tuple(later for later in ids if draw(st.integers(0, 3)) == 0),
        )
        for sid, length in zip(ids, lengths, strict=True)
    )
    caps = {sid: draw(st.integers(0, horizon)) for sid in ids}
    most = draw(st.integers(1, horizon * 480))
    least = draw(st.integers(0, most))
    runs = (draw(st.integers(1, 5)), draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    weekends = draw(st.integers(0, 2))
    days_off = frozenset(draw(st.sets(st.integers(0, horizon - 1), max_size=3)))
    free = [d for d in range(horizon) if d not in days_off]
    wishes = [
        CurtoisRequest("A", d, draw(st.sampled_from(ids)), draw(st.integers(1, 3)))
        for d in draw(st.sets(st.sampled_from(free), max_size=4))
    ]
    split = draw(st.integers(0, len(wishes)))
    sc = _one_person(
        horizon,
        shifts,
        caps,
        (least, most),
        runs,
        weekends,
        days_off,
        tuple(wishes[:split]),
        tuple(wishes[split:]),
    )
    # Wishes for a day off (or to work) are not in the Curtois vocabulary: added here.
    offs = tuple(
        ShiftRequest("A", sc.days[d], OFF, draw(st.sampled_from(["want", "avoid"])), w)
        for d, w in draw(
            st.dictionaries(st.sampled_from(free), st.integers(1, 3), max_size=3)
        ).items()
    )
    sc = dataclasses.replace(sc, requests=sc.requests + offs)
    prices = {
        (d, s): draw(st.integers(-SCALE, 300 * SCALE))
        for d in range(horizon)
        for s in range(count)
        if draw(st.booleans())
    }
    return sc, prices


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_people())
def test_the_path_finds_the_plan_value_cp_sat_proves_best(
    case: tuple[Scenario, dict[tuple[int, int], int]],
) -> None:
    # Every rule of the Curtois vocabulary is one the path follows, so on any one-person
    # month it must give exactly CP-SAT's optimum, with a plan the checker passes.
    sc, prices = case
    path, exact = _both(sc, prices)
    assert path == exact


class _Cells(cp_model.CpSolverSolutionCallback):
    def __init__(self, xs: dict[tuple[int, int], cp_model.IntVar]) -> None:
        super().__init__()
        self.xs = xs
        self.found: set[frozenset[tuple[int, int]]] = set()

    def on_solution_callback(self) -> None:
        self.found.add(frozenset(cell for cell, x in self.xs.items() if self.boolean_value(x)))


def _cp_sat_plans_within(
    sc: Scenario, prices: dict[tuple[int, int], int], slack: int
) -> set[frozenset[tuple[int, int]]] | None:
    """Every plan within ``slack`` of the best, by CP-SAT enumerating all solutions."""
    person = _person_model(sc, 0)
    model = person.built.model
    v = person.built.context.vars
    xs = {(d, s): v.x(0, d, s) for d in range(sc.num_days) for s in range(len(sc.shifts))}
    value = _reduced(person.own, SCALE, [(p, xs[cell]) for cell, p in prices.items()])
    model.minimize(value)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    if solver.solve(model) != cp_model.OPTIMAL:
        return None
    best = round(solver.objective_value)
    model.clear_objective()
    model.add(value <= best + slack)
    solver = cp_model.CpSolver()
    solver.parameters.enumerate_all_solutions = True
    solver.parameters.num_workers = 1
    found = _Cells(xs)
    assert solver.solve(model, found) == cp_model.OPTIMAL
    return found.found


@st.composite
def _loose_people(draw: st.DrawFn) -> tuple[Scenario, dict[tuple[int, int], int]]:
    """One-person weeks with loose rules and small prices, so that many plans are near
    the best (the strategy above mostly gives one plan, or none)."""
    both = (CurtoisShift("D", 480, ()), CurtoisShift("N", 480, ("D",)))
    shifts = both[: draw(st.integers(1, 2))]
    ids = [shift.id for shift in shifts]
    wishes = [
        CurtoisRequest("A", d, draw(st.sampled_from(ids)), draw(st.integers(1, 2)))
        for d in draw(st.sets(st.integers(0, 6), max_size=3))
    ]
    no_most = draw(st.booleans())
    most = 99_999 if no_most else 480 * draw(st.integers(3, 7))
    sc = _one_person(
        7,
        shifts,
        {sid: draw(st.integers(2, 7)) for sid in ids},
        (draw(st.sampled_from([0, 960, 1440])), most),
        (draw(st.integers(3, 7)), draw(st.integers(1, 2)), draw(st.integers(1, 2))),
        draw(st.integers(1, 2)),
        frozenset(draw(st.sets(st.integers(0, 6), max_size=1))),
        tuple(wishes[:1]),
        tuple(wishes[1:]),
    )
    if no_most:  # the path's minutes then saturate at the minimum (its other walk back)
        sc = dataclasses.replace(sc, staff=(dataclasses.replace(sc.staff[0], max_minutes=None),))
    prices = {
        (d, s): draw(st.integers(-SCALE, 2 * SCALE))
        for d in range(7)
        for s in range(len(shifts))
        if draw(st.booleans())
    }
    return sc, prices


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_loose_people(), st.integers(0, 3 * SCALE))
def test_the_plans_within_a_slack_are_every_plan_cp_sat_enumerates(
    case: tuple[Scenario, dict[tuple[int, int], int]], slack: int
) -> None:
    # The proof of the month plans (plans._prove) rests on this: the walk back from the
    # path's last day finds every plan within the slack of the best, and no other.
    sc, prices = case
    person = _person_model(sc, 0)
    assert person.rules is not None
    walked = plans_within(person.rules, prices, SCALE, slack, 100_000)
    enumerated = _cp_sat_plans_within(sc, prices, slack)
    if enumerated is None:
        assert walked is None or walked == []
        return
    assert walked is not None
    assert {path.cells for path in walked} == enumerated
    assert [path.value for path in walked] == sorted(path.value for path in walked)


def test_plans_within_gives_up_beyond_the_most_asked() -> None:
    # Seven free days of one shift, no wishes, no prices: every one of the 2**7 = 128 plans
    # is worth 0, so all are within a slack of 0; asked for at most 100, none come back.
    sc = _one_person()
    person = _person_model(sc, 0)
    assert person.rules is not None
    every = plans_within(person.rules, {}, SCALE, 0, 1_000)
    assert every is not None
    assert len(every) == 128
    assert plans_within(person.rules, {}, SCALE, 0, 100) is None


def test_wishes_for_a_day_off_or_a_day_at_work_are_priced_as_r15_reads_them() -> None:
    # "avoid OFF" on day 2 (weight 3), nothing priced: working day 2 costs nothing, being
    # off costs 3, so the best plan works day 2 and is worth 0.
    sc = _one_person()
    avoid = ShiftRequest("A", sc.days[2], OFF, "avoid", 3)
    path, exact = _both(dataclasses.replace(sc, requests=(avoid,)), {})
    assert path == exact == 0
    # "want OFF" on day 2 (weight 3) and day 2's shift paying 2: working there gains 2 and
    # costs 3, so the best plan is off that day, worth 0 again; paying 5, it works: 3 - 5.
    want = dataclasses.replace(avoid, kind="want")
    wanting = dataclasses.replace(sc, requests=(want,))
    assert _both(wanting, {(2, 0): 2 * SCALE}) == (0, 0)
    assert _both(wanting, {(2, 0): 5 * SCALE}) == (-2 * SCALE, -2 * SCALE)


def test_a_capped_shift_is_counted_once_a_plan_breaks_the_cap() -> None:
    # D pays 10 a day on all 7 days but the person may work it twice: without counting D,
    # the path works 7 days; with D=2 counted, 2 days at 10 paid each = -20 (scaled).
    sc = _one_person(caps={"D": 2})
    prices = {(d, 0): 10 * SCALE for d in range(7)}
    path, exact = _both(sc, prices)
    assert path == exact == -20 * SCALE


def test_a_cap_counted_before_is_counted_from_the_start_and_changes_no_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The same D=2 person: found broken, D is counted (one pass without it, one with).
    # Given back as the hint, the next pricing takes one pass and finds the same -20; at
    # prices that keep D within its cap anyway (D pays on day 0 only: -10), the hint
    # changes no value either.
    sc = _one_person(caps={"D": 2})
    person = _person_model(sc, 0)
    assert person.rules is not None
    passes: list[int] = []
    forward = pricing._forward

    def counted(*args: Any) -> Any:
        passes.append(1)
        return forward(*args)

    monkeypatch.setattr(pricing, "_forward", counted)
    prices = {(d, 0): 10 * SCALE for d in range(7)}
    first = cheapest_plan(person.rules, prices, SCALE)
    assert first is not None
    assert first.value == -20 * SCALE
    assert first.tracked == (0,)
    assert len(passes) == 2
    again = cheapest_plan(person.rules, prices, SCALE, first.tracked)
    assert again is not None
    assert again.value == -20 * SCALE
    assert len(passes) == 3
    one_day = {(0, 0): 10 * SCALE}
    hinted = cheapest_plan(person.rules, one_day, SCALE, (0,))
    plain = cheapest_plan(person.rules, one_day, SCALE)
    assert hinted is not None
    assert plain is not None
    assert hinted.value == plain.value == -10 * SCALE
    assert plain.tracked == ()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_people(), st.lists(st.integers(0, 3), max_size=4))
def test_a_hint_of_any_shifts_changes_no_plan_value(
    case: tuple[Scenario, dict[tuple[int, int], int]], hint: list[int]
) -> None:
    # A hint is a guess: capped or not, repeated or not, the value is the unhinted one's
    # (and the path CP-SAT's, by the property above), and the caps it counts are the
    # person's own, once each.
    sc, prices = case
    person = _person_model(sc, 0)
    assert person.rules is not None  # (every Curtois rule is one the path follows)
    plain = cheapest_plan(person.rules, prices, SCALE)
    hinted = cheapest_plan(person.rules, prices, SCALE, tuple(hint))
    assert (plain is None) == (hinted is None)
    if plain is not None and hinted is not None:
        assert hinted.value == plain.value
        caps = dict(person.rules.caps)
        assert list(hinted.tracked) == sorted(set(hinted.tracked))
        assert all(s in caps for s in hinted.tracked)


def test_a_run_touching_day_zero_may_be_short() -> None:
    # Runs of at least 3 days, but the run on day 0 touches the horizon's start (exempt):
    # working day 0 alone pays 5 and nothing else pays, so the plan is day 0 alone = -5.
    sc = _one_person(runs=(7, 3, 1))
    person = _person_model(sc, 0)
    assert person.rules is not None
    path = cheapest_plan(person.rules, {(0, 0): 5 * SCALE}, SCALE)
    assert path is not None
    assert path.cells == {(0, 0)}
    assert path.value == -5 * SCALE
    # An inner run of one day (day 3 alone) is not allowed: three days 2..4 or 3..5 pay 5
    # and cost nothing, so the best plan keeps 3 days round day 3.
    path = cheapest_plan(person.rules, {(3, 0): 5 * SCALE}, SCALE)
    assert path is not None
    assert (3, 0) in path.cells
    assert len(path.cells) == 3


def test_a_rule_the_path_does_not_follow_falls_back_to_cp_sat() -> None:
    # A cap of 2 shifts in all (R7 max_shifts) is not one of the path's rules: the path's
    # plan works all 7 paid days, the checker rejects it, and CP-SAT answers: 2 x 10 = -20.
    sc = _one_person()
    capped = dataclasses.replace(sc.staff[0], max_shifts=2)
    sc = dataclasses.replace(sc, staff=(capped,))
    person = _person_model(sc, 0)
    prices = {(d, 0): 10 * SCALE for d in range(7)}
    assert _path_plan(person, _graded(prices)) is None
    running = _Running(time.perf_counter() + 30.0, lambda: False)
    try:
        found, value, exact = _best_plans(person, _graded(prices), running)
    finally:
        running.close()
    assert exact
    assert value == -20 * SCALE
    assert len(found[-1].cells) == 2


def test_no_plan_when_the_rules_leave_none() -> None:
    # At least 4 x 480 minutes, runs of at most 1 day, days 0 and 4 fixed off: of days
    # 1, 2, 3, 5, 6 at most 3 can be worked with none in a row (1, 3, 5), so the path has
    # no plan, and CP-SAT none either.
    sc = _one_person(minutes=(4 * 480, 7 * 480), runs=(1, 1, 1), days_off=frozenset({0, 4}))
    path, exact = _both(sc, {})
    assert path is None
    assert exact is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_loose_people(), st.data())
def test_a_branch_narrows_the_path_to_exactly_the_plans_that_keep_it(
    case: tuple[Scenario, dict[tuple[int, int], int]], data: st.DataObject
) -> None:
    # The month plans' tree (plans._Tree) prices a node's plans on the path's rules
    # narrowed to the node's limits (a day kept to some shifts, or to work): the path must
    # then walk exactly the plans that keep the limits, at the same values. Every plan is
    # walked (a week of at most two shifts has at most 3**7 = 2,187).
    sc, prices = case
    person = _person_model(sc, 0)
    assert person.rules is not None
    values = st.frozensets(st.integers(plans.OFF_DAY, len(sc.shifts) - 1), min_size=1)
    days = data.draw(st.dictionaries(st.integers(0, sc.num_days - 1), values, max_size=3))
    every = plans_within(person.rules, prices, SCALE, 10**12, 100_000) or []
    narrowed = _narrowed(person.rules, days)
    kept = plans_within(narrowed, prices, SCALE, 10**12, 100_000) or []

    def keeps(cells: frozenset[tuple[int, int]]) -> bool:
        shifts = dict(cells)
        return all(shifts.get(d, plans.OFF_DAY) in allowed for d, allowed in days.items())

    expected = {path.cells: path.value for path in every if keeps(path.cells)}
    assert {path.cells: path.value for path in kept} == expected
    best = cheapest_plan(narrowed, prices, SCALE)
    assert (best is None) == (not expected)
    if best is not None:
        assert best.value == min(expected.values())
