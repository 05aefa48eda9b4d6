"""Pricing: each person's month alone, and their best plans at given seat prices (the
path over days, or CP-SAT where the path cannot); plans as rosters and their costs."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from ortools.sat.python import cp_model

from roster.calendar import Calendar
from roster.checks import check_roster, objective_of
from roster.constraints.context import LinearExpr
from roster.model import Assignment, Roster, Scenario
from roster.solver.build import BuiltModel, build_model
from roster.solver.plans.running import _NoPlan, _Running
from roster.solver.plans.seats import PRICE_SCALE, Seat
from roster.solver.pricing import PersonRules, cheapest_plan, person_rules


@dataclass
class _Person:
    built: BuiltModel
    own: list[tuple[int, LinearExpr]]
    grade: str
    rules: PersonRules | None = None
    # The capped shifts the person's last path counted: the next pricing counts them from
    # the start (see :func:`~roster.solver.pricing.cheapest_plan`). It only grows (a cap
    # once broken stays counted) until the pricing drops a hint too dear to count.
    tracked: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Plan:
    cost: int
    cells: frozenset[tuple[int, int]]


def _plans_of(scenario: Scenario, roster: Roster, people: list[_Person]) -> list[_Plan]:
    """Each person's plan in ``roster``, priced by the checker on that person alone."""
    index = {person.id: p for p, person in enumerate(scenario.staff)}
    codes = {shift.code: s for s, shift in enumerate(scenario.shifts)}
    cells: list[set[tuple[int, int]]] = [set() for _ in people]
    mine: list[list[Assignment]] = [[] for _ in people]
    for a in roster.assignments:
        p = index[a.staff_id]
        cells[p].add((scenario.day_index(a.date), codes[a.shift]))
        mine[p].append(a)
    return [
        _Plan(objective_of(person.built.context.scenario, Roster(tuple(rows)))[0], frozenset(on))
        for person, rows, on in zip(people, mine, cells, strict=True)
    ]


def _person_model(scenario: Scenario, index: int) -> _Person:
    """The month of one person alone, with every rule of their own and no cover."""
    person = scenario.staff[index]
    alone = scenario.for_staff((person,), cover=())
    built = build_model(alone, Calendar(alone))
    own = [(p.weight, p.expr) for p in built.penalties if p.weight > 0 and p.staff_id == person.id]
    return _Person(built, own, person.grade, person_rules(alone))


class _Plans(cp_model.CpSolverSolutionCallback):
    """Every plan the search passes through: each improving one is a column too, so fewer
    rounds are needed (the last ``PLANS_PER_SEARCH`` are kept)."""

    def __init__(self, person: _Person) -> None:
        super().__init__()
        self.person = person
        self.found: list[_Plan] = []

    def on_solution_callback(self) -> None:
        v = self.person.built.context.vars
        sc = self.person.built.context.scenario
        cells = frozenset(
            (d, s)
            for d in range(sc.num_days)
            for s in range(len(sc.shifts))
            if self.boolean_value(v.x(0, d, s))
        )
        cost = sum(w * int(self.value(e)) for w, e in self.person.own)
        self.found.append(_Plan(cost, cells))


PLANS_PER_SEARCH = 3


def _best_plans(
    person: _Person, prices: Mapping[tuple[str, int, int], int], running: _Running
) -> tuple[list[_Plan], int, bool]:
    """The person's best plans at ``prices`` (scaled), best last; a lower bound on the best
    one's scaled value; and whether that bound is exact. The path over days
    (:mod:`roster.solver.pricing`) answers first; CP-SAT when the path cannot (rules it
    cannot follow, too many states, no plan) or its plan fails the checker."""
    if running.stopped or running.left() <= 0:
        raise _NoPlan
    path = _path_plan(person, prices)
    if path is not None:
        return [path], PRICE_SCALE * path.cost - _paid(person, prices, path), True
    model = person.built.model
    v = person.built.context.vars
    priced = [
        (price, v.x(0, d, s)) for (grade, d, s), price in prices.items() if grade == person.grade
    ]
    model.minimize(_reduced(person.own, PRICE_SCALE, priced))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    # The full linear relaxation shortens a person's search.
    solver.parameters.linearization_level = 2
    seconds = running.left()
    if seconds <= 0 or running.stopped:
        raise _NoPlan
    solver.parameters.max_time_in_seconds = seconds
    found = _Plans(person)
    code = running.solve(solver, model, found)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or not found.found:
        raise _NoPlan
    exact = code == cp_model.OPTIMAL
    bound = math.ceil(solver.best_objective_bound - 1e-6)
    return found.found[-PLANS_PER_SEARCH:], bound, exact


def _paid(person: _Person, prices: Mapping[tuple[str, int, int], int], plan: _Plan) -> int:
    return sum(prices.get((person.grade, d, s), 0) for d, s in plan.cells)


def _path_plan(
    person: _Person,
    prices: Mapping[tuple[str, int, int], int],
    rules: PersonRules | None = None,
) -> _Plan | None:
    """The path's cheapest plan when the checker finds it keeps every rule and costs what
    the path says (then no plan is cheaper: the path relaxes the rules), else ``None``.
    ``rules``: the person's path rules narrowed by a branch (:func:`_branch`)."""
    rules = rules or person.rules
    if rules is None:
        return None
    path = cheapest_plan(rules, _own_prices(person, prices), PRICE_SCALE, person.tracked)
    if path is None:
        return None
    person.tracked = path.tracked
    alone = person.built.context.scenario
    roster = _roster_of(alone, [path.cells])
    if check_roster(alone, roster):
        return None
    plan = _Plan(objective_of(alone, roster)[0], path.cells)
    if PRICE_SCALE * plan.cost - _paid(person, prices, plan) != path.value:
        return None  # a cost the path does not see
    return plan


def _price_all(
    pool: ThreadPoolExecutor,
    people: list[_Person],
    prices: Mapping[tuple[str, int, int], int],
    running: _Running,
) -> list[tuple[list[_Plan], int, bool]]:
    """:func:`_best_plans` of each of ``people`` on the pool's threads (the rounds and the
    dive price the same way); raises ``_NoPlan`` if any person has none."""
    return list(pool.map(partial(_best_plans, prices=prices, running=running), people))


def _reduced(
    own: Sequence[tuple[int, LinearExpr]],
    scale: int,
    priced: Sequence[tuple[int, cp_model.IntVar]],
) -> cp_model.LinearExpr:
    """``scale * own cost - priced shifts``: a person's plan value at scaled seat prices."""
    exprs: list[LinearExpr] = [e for _, e in own]
    exprs += [x for _, x in priced]
    coeffs = [scale * w for w, _ in own] + [-price for price, _ in priced]
    return cp_model.LinearExpr.weighted_sum(exprs, coeffs)


def _own_prices(
    person: _Person, cells: Mapping[tuple[str, int, int], int]
) -> dict[tuple[int, int], int]:
    return {(d, s): price for (grade, d, s), price in cells.items() if grade == person.grade}


Choice = TypeVar("Choice")


def _on_cells(
    people: list[_Person], plans: list[list[_Plan]], pick: list[list[Choice]]
) -> dict[tuple[str, int, int], list[Choice]]:
    """(grade, day, shift) -> the choices of the plans that work that cell (the choice
    models' seat rows, CP-SAT's and the MIP's)."""
    on: dict[tuple[str, int, int], list[Choice]] = {}
    for person, own, vs in zip(people, plans, pick, strict=True):
        for plan, var in zip(own, vs, strict=True):
            for d, s in plan.cells:
                on.setdefault((person.grade, d, s), []).append(var)
    return on


def _roster_of(scenario: Scenario, chosen: Sequence[frozenset[tuple[int, int]]]) -> Roster:
    """One plan's (day, shift) cells per person (in staff order) as a roster."""
    shifts = scenario.shifts
    days = scenario.days
    return Roster(
        tuple(
            Assignment(person.id, days[d], shifts[s].code)
            for person, cells in zip(scenario.staff, chosen, strict=True)
            for d, s in sorted(cells)
        )
    )


def _cost_of(people: list[_Person], seats: list[Seat], chosen: list[_Plan]) -> int:
    """The roster's cost of one plan per person: their own costs and the seats'."""
    total = sum(plan.cost for plan in chosen)
    for seat in seats:
        on = sum(
            1
            for person, plan in zip(people, chosen, strict=True)
            if person.grade == seat.grade and (seat.d, seat.s) in plan.cells
        )
        total += seat.under * max(0, seat.least - on)
        if seat.most is not None:
            total += seat.over * max(0, on - seat.most)
    return total
