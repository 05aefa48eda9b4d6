"""Past the linear bound without branching: the choice among every plan near each
person's best, proven by a MIP solver (:func:`_prove`), and the shortfall cut, the fewest
places of soft seats any roster leaves empty (:func:`_least_shortfall`)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ortools.linear_solver import pywraplp

from roster.checks import check_roster, objective_of
from roster.model import Roster, Scenario
from roster.solver.clock import Deadline
from roster.solver.plans.columns import _on_cells, _own_prices, _Person, _Plan, _roster_of
from roster.solver.plans.master import Prices, _cell_prices, _Master, _scaled_bound
from roster.solver.plans.running import _NoPlan, _Running
from roster.solver.plans.seats import PRICE_SCALE, Seat
from roster.solver.pricing import cheapest_plan, plans_within

logger = logging.getLogger(__name__)


def _prove(
    scenario: Scenario,
    people: list[_Person],
    seats: list[Seat],
    prices: Prices,
    bound: int,
    best: int,
    running: _Running,
    cuts: Mapping[str, int] | None = None,
) -> tuple[int, Roster | None, int]:
    """``bound`` raised a step at a time by the plans close to each person's best at
    ``prices``, and perhaps a roster cheaper than ``best``: ``(bound, cheaper roster or
    None, the best cost)``. ``cuts``: each grade's fewest empty places (the master's
    shortfall cuts), rows of every step's MIP.

    Why: a roster of cost ``c`` costs at least the Lagrangian bound ``L`` of ``prices``
    plus the amount by which each person's plan value exceeds their best plan's, so each
    of its plans is within ``c - L`` of their best. A step at ``level`` takes every plan
    within ``level - L`` of each person's best and finds the cheapest choice of one per
    person (at their path values, which are never above their costs): every roster of
    cost at most ``level`` is among the choices, so if the cheapest costs more, the bound
    is ``level + 1``; if it costs at most that, no roster costs less, and if the checker
    passes it and agrees on its cost, it is an optimal roster. Each step's level is the
    highest below ``best`` whose plans are few enough (:data:`PROOF_PLANS`), halving the
    distance to the bound; steps go on until the bound meets ``best``."""
    cells = _cell_prices(prices)
    own = [_own_prices(person, cells) for person in people]
    least: list[int] = []
    for person, mine in zip(people, own, strict=True):
        path = None if person.rules is None else cheapest_plan(person.rules, mine, PRICE_SCALE)
        if path is None:  # a person the path cannot price: no plans to enumerate
            return bound, None, best
        least.append(path.value)
    total = _scaled_bound(seats, prices, least)
    bound = max(bound, -(-total // PRICE_SCALE))
    roster: Roster | None = None
    while bound < best:
        # The highest level up to ``best - 1`` whose plans are few enough.
        level = best - 1
        while True:
            options = _plans_near(people, own, level * PRICE_SCALE - total, running)
            if options is not None or level == bound:
                break
            level = bound + (level - bound) // 2
        if options is None:
            break
        found = _cheapest_choice(people, options, seats, running, cuts)
        if found is None:
            break
        value, chosen = found
        logger.debug("proof: %d plans up to %d: %s", sum(map(len, options)), level, value)
        if chosen is None or value > level:
            bound = level + 1  # no roster costs ``level`` or less
            continue
        bound = value  # none costs less than the choice
        maybe = _roster_of(scenario, chosen)
        if check_roster(scenario, maybe) or objective_of(scenario, maybe)[0] != value:
            break  # (a rule the path does not follow) a bound, but no roster at it
        if value < best:
            roster, best = maybe, value
    return min(bound, best), roster, best


PROOF_PLANS = 25_000
"""At most this many plans in all for a step of :func:`_prove` (about as many as CBC
chooses among within a step's time, ``PROOF_STEP_SECONDS``)."""

PROOF_STEPS = 30
"""The steps of :func:`_prove` are tried only when the first dive's roster costs at most
this much above the bound (each step raises the bound by at least one). Further off, the
plans near each person's best hold no good roster and the MIP does not close in time,
taking the time the other dives need."""

PROOF_STEP_SECONDS = 30.0
"""A step of :func:`_prove` (its MIP) takes at most this long (CBC: CPU seconds), whatever
the time left: CBC cannot be stopped, so a search that ends early may wait that long
for the plans."""


MIP_SOLVER = "CBC"
"""The MIP solver of :func:`_prove` (bundled with OR-Tools): CBC chose faster than SCIP
and HiGHS, alone and beside the search. (SCIP could be interrupted when the search ends;
CBC runs to its limit, see ``_Running.solve_mip``.)"""


def _plans_near(
    people: list[_Person],
    own: list[dict[tuple[int, int], int]],
    slack: int,
    running: _Running,
) -> list[list[_Plan]] | None:
    """Each person's plans within ``slack`` of their best, or ``None`` if there are more
    than :data:`PROOF_PLANS` in all (or the time is out)."""
    options: list[list[_Plan]] = []
    for person, mine in zip(people, own, strict=True):
        if running.stopped or running.left() <= 0 or person.rules is None:
            return None
        left = PROOF_PLANS - sum(map(len, options))
        found = plans_within(person.rules, mine, PRICE_SCALE, slack, left)
        if found is None:
            return None
        options.append([_Plan(_wishes(path.value, path.cells, mine), path.cells) for path in found])
    return options


def _wishes(
    value: int, cells: frozenset[tuple[int, int]], prices: Mapping[tuple[int, int], int]
) -> int:
    """A path's plan cost (its wishes) from its value at ``prices``."""
    return (value + sum(prices.get(cell, 0) for cell in cells)) // PRICE_SCALE


def _cheapest_choice(
    people: list[_Person],
    options: list[list[_Plan]],
    seats: list[Seat],
    running: _Running,
    cuts: Mapping[str, int] | None = None,
) -> tuple[int, list[frozenset[tuple[int, int]]] | None] | None:
    """The cheapest choice of one plan per person, proven so by a MIP solver: ``(cost,
    each person's cells)``, ``(0, None)`` when there is none, ``None`` when it was not
    proven in time (or the solver is missing).

    Why a MIP solver: this is a set partitioning problem with a tight linear relaxation,
    which branch-and-bound on the LP closes where CP-SAT on one worker did not."""
    lp = pywraplp.Solver.CreateSolver(MIP_SOLVER)
    if lp is None:
        return None
    objective = lp.Objective()
    pick = [[lp.BoolVar("") for _ in own] for own in options]
    for own, vs in zip(options, pick, strict=True):
        row = lp.Constraint(1, 1)
        for plan, var in zip(own, vs, strict=True):
            row.SetCoefficient(var, 1)
            objective.SetCoefficient(var, plan.cost)
    on = _on_cells(people, options, pick)
    shorts: dict[str, list[Any]] = {}
    for seat in seats:
        taken = on.get((seat.grade, seat.d, seat.s), [])
        if seat.least > 0:
            row = lp.Constraint(seat.least, lp.infinity())
            if not seat.hard:
                short = lp.NumVar(0, seat.least, "")
                objective.SetCoefficient(short, seat.under)
                row.SetCoefficient(short, 1)
                shorts.setdefault(seat.grade, []).append(short)
            for var in taken:
                row.SetCoefficient(var, 1)
        if seat.most is not None:
            over = lp.NumVar(0, lp.infinity(), "")
            objective.SetCoefficient(over, seat.over)
            row = lp.Constraint(-lp.infinity(), seat.most)
            row.SetCoefficient(over, -1)
            for var in taken:
                row.SetCoefficient(var, 1)
    for grade, count in (cuts or {}).items():
        # The master's shortfall cuts hold for every roster (they tighten the MIP).
        row = lp.Constraint(count, lp.infinity())
        for short in shorts.get(grade, []):
            row.SetCoefficient(short, 1)
    objective.SetMinimization()
    clock = Deadline()
    code = running.solve_mip(lp, PROOF_STEP_SECONDS)
    logger.debug("proof: MIP status %s in %.1f s", code, clock.elapsed())
    if code == pywraplp.Solver.INFEASIBLE:
        return 0, None
    if code != pywraplp.Solver.OPTIMAL:
        return None
    value = round(objective.Value())
    chosen = [
        plan.cells
        for own, vs in zip(options, pick, strict=True)
        for plan, var in zip(own, vs, strict=True)
        if var.solution_value() > 0.5
    ]
    return value, chosen


def _cut_shortfall(
    master: _Master,
    people: list[_Person],
    plans: list[list[_Plan]],
    seats: list[Seat],
    running: _Running,
) -> bool:
    """Cuts each grade whose fewest empty places (:func:`_least_shortfall`) are more than
    the master leaves; whether any was cut."""
    now = master.shortfall()
    if not any(now.values()):
        return False
    try:
        empty = _least_shortfall(people, plans, seats, running)
    except _NoPlan:  # the count's master failed: no cut
        return False
    cut = {grade: n for grade, n in empty.items() if n > now.get(grade, 0.0) + 1e-6}
    for grade, places in cut.items():
        logger.debug("plans: %s seats leave at least %d places empty: a cut", grade, places)
        master.cut_shortfall(grade, places)
    return bool(cut)


SHORTFALL_ROUNDS = 50
"""At most this many rounds of :func:`_least_shortfall`'s own plans."""


def _least_shortfall(
    people: list[_Person], plans: list[list[_Plan]], seats: list[Seat], running: _Running
) -> dict[str, int]:
    """Each grade's fewest places of soft seats that every roster leaves empty, as far as
    a count's own rounds of plans prove it (none when a person's rules have no path; the
    rounds so far when a person's path is too large).

    Why: a roster's empty places are a whole number, the master's are not: a roster that
    leaves no fewer than a fraction of places empty leaves no fewer than it rounded up, and
    with that row (:meth:`_Master.cut_shortfall`) the master's bound rises.
    The count is its own Lagrangian bound: each seat's place counts 1 (a hard seat its
    own dear weight), plans cost nothing, and the path finds each person's best plan at
    the count's prices, starting from the plans the rounds generated. Grades share no
    seat here (:func:`decomposable`), so the bound splits by grade: each grade's part
    bounds that grade's count."""
    counted = [
        replace(seat, under=seat.under if seat.hard else 1, most=None, over=0)
        for seat in seats
        if seat.least > 0
    ]
    if all(seat.hard for seat in counted) or any(person.rules is None for person in people):
        return {}
    free = [
        replace(
            rules,
            work_cost=tuple(tuple(0 for _ in row) for row in rules.work_cost),
            off_cost=tuple(0 for _ in rules.off_cost),
        )
        for rules in (person.rules for person in people)
        if rules is not None
    ]
    master = _Master(people, counted)
    own = [list(dict.fromkeys(_Plan(0, plan.cells) for plan in mine)) for mine in plans]
    seats_of_grade = {g: [seat for seat in counted if seat.grade == g] for g in master.shorts}
    best: dict[str, int] = {}
    for _ in range(SHORTFALL_ROUNDS):
        if running.stopped or running.left() <= 0:
            break
        master.sync(own)
        prices, convexity, _ = master.solve()
        cells = _cell_prices(prices)
        least: list[int] = []
        added = 0
        for p, person in enumerate(people):
            path = cheapest_plan(free[p], _own_prices(person, cells), PRICE_SCALE)
            if path is None:
                return best
            least.append(path.value)
            plan = _Plan(0, path.cells)
            if path.value / PRICE_SCALE < convexity[p] - 1e-6 and plan not in own[p]:
                own[p].append(plan)
                added += 1
        for grade, mine in seats_of_grade.items():
            theirs = [v for person, v in zip(people, least, strict=True) if person.grade == grade]
            scaled = _scaled_bound(mine, prices, theirs)
            best[grade] = max(best.get(grade, 0), -(-scaled // PRICE_SCALE))
        if added == 0:
            break
    return best
