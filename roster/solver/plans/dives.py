"""A roster of one plan per person by diving: fix what the master is sure of (whole
plans, or a day at a time), price the others' plans again around it, repeat; and the best
choice among every generated plan (CP-SAT) for the first roster."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Literal

from ortools.sat.python import cp_model

from roster.model import Roster, Scenario
from roster.solver.plans.columns import (
    _best_plans,
    _cost_of,
    _on_cells,
    _Person,
    _Plan,
    _price_all,
    _roster_of,
)
from roster.solver.plans.master import _add_columns, _cell_prices, _Master
from roster.solver.plans.running import _NoPlan, _Running
from roster.solver.plans.seats import PRICE_SCALE, Seat

logger = logging.getLogger(__name__)


def _first_roster(
    scenario: Scenario,
    people: list[_Person],
    plans: list[list[_Plan]],
    seats: list[Seat],
    seconds: float,
    seed: int,
    given: list[_Plan],
    workers: int,
    running: _Running,
) -> tuple[Roster | None, int | None]:
    """The best choice of one generated plan per person (CP-SAT on the plans), as a roster
    for the full model to start from. Searched from the ``given`` plans (the dive's), so it
    may combine them with the other generated ones; ``None`` when it found nothing in time
    (the caller keeps the dive's roster)."""
    if running.stopped:
        return None, None
    model, pick, objective = _choice_model(people, plans, seats)
    for p, plan in enumerate(given):
        for option, var in zip(plans[p], pick[p], strict=True):
            model.add_hint(var, option == plan)
    model.minimize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = seconds
    if running.solve(solver, model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, None
    chosen = [
        plan
        for own, vs in zip(plans, pick, strict=True)
        for plan, var in zip(own, vs, strict=True)
        if solver.boolean_value(var)
    ]
    return _roster_of(scenario, [plan.cells for plan in chosen]), round(solver.objective_value)


def _choice_model(
    people: list[_Person], plans: list[list[_Plan]], seats: list[Seat]
) -> tuple[cp_model.CpModel, list[list[cp_model.IntVar]], cp_model.LinearExpr]:
    """One plan per person among ``plans``, with the seats' costs: the model, each
    plan's choice and the roster's cost."""
    model = cp_model.CpModel()
    pick = [[model.new_bool_var("") for _ in own] for own in plans]
    on_cell = _on_cells(people, plans, pick)
    for vs in pick:
        model.add_exactly_one(vs)
    terms: list[cp_model.LinearExprT] = [
        plan.cost * var
        for own, vs in zip(plans, pick, strict=True)
        for plan, var in zip(own, vs, strict=True)
    ]
    for seat in seats:
        on = sum(on_cell.get((seat.grade, seat.d, seat.s), []))
        if seat.least > 0 and seat.hard:
            model.add(on >= seat.least)
        elif seat.least > 0:
            short = model.new_int_var(0, seat.least, "")
            model.add(on + short >= seat.least)
            terms.append(seat.under * short)
        if seat.most is not None:
            over = model.new_int_var(0, len(people), "")
            model.add(on - over <= seat.most)
            terms.append(seat.over * over)
    return model, pick, cp_model.LinearExpr.sum(terms)


Dive = tuple[Literal["plans", "days"], int, int]
"""One dive: how it fixes (``"plans"``: a person's whole plan, :func:`_dive`; ``"days"``:
a person's shift or day off on one day, :func:`_day_dive`), at most this many rounds of new
plans between two steps, and ``part``: the plan dive fixes ``1 / part`` of the open people
in a step where the master is sure of nobody; the day dive ``1 / part`` of the days it is
unsure of, beside every day it is sure of."""

DIVES: tuple[Dive, ...] = (("plans", 10, 5), ("plans", 30, 8), ("plans", 30, 3))
"""The dives tried in turn for months of fewer than ``DAY_DIVE_PEOPLE`` people (the first
even without time left, the others while time is left). Each later dive starts with every
plan the earlier ones priced. No one pace of fixing was best on every month: the one
closest most often runs first."""

LARGE_DIVES: tuple[Dive, ...] = (
    ("days", 10, 5),
    ("plans", 10, 5),
    ("days", 30, 5),
    ("plans", 30, 8),
)
"""The dives for months of ``DAY_DIVE_PEOPLE`` people or more: a day at a time first, as on
large months it came closer than the plan dive (on smaller ones it did worse)."""

DAY_DIVE_PEOPLE = 40
"""From this many people the dives start with the day dive (see ``LARGE_DIVES``)."""

DAY_RISE = 0.5
"""While time is left, a step of the day dive that raises the master's value by more than
this (after the new plans) has its unsure days freed again and is tried with half as many
(a step of one day stands); its sure days and the people it held stay. Both values may come
from a master not fully priced (only those who gained a plan are priced again), so a rise
can be undone that full pricing would have closed: a slower dive, not a wrong one."""


def _dives_for(people: Sequence[_Person]) -> tuple[Dive, ...]:
    """The dives for a month of ``people`` (see ``DIVES`` and ``LARGE_DIVES``)."""
    return LARGE_DIVES if len(people) >= DAY_DIVE_PEOPLE else DIVES


SURE_SHARE = 0.99
"""A person whose master mix is at least this much of one plan has that plan (the master
already gives them that plan alone, up to GLOP's tolerance); in the day dive, a day whose
mix is at least this much one shift (or off) is fixed so."""


def _most_mixed(shares: list[list[float]], people: list[int]) -> dict[int, int]:
    """Each of ``people``'s plan the master mixes most (its index): what both dives fix."""
    return {p: max(range(len(shares[p])), key=shares[p].__getitem__) for p in people}


def _dives(
    people: list[_Person],
    plans: list[list[_Plan]],
    seats: list[Seat],
    master: _Master,
    running: _Running,
    pool: ThreadPoolExecutor,
    bound: int,
    kinds: Sequence[Dive],
    must: bool,
) -> list[_Plan]:
    """The cheapest of the dives ``kinds`` (see :data:`Dive`) run in the time left (the
    first even without time if it ``must``; none after one reaches ``bound``)."""
    best: list[_Plan] = []
    best_cost = None
    for kind in kinds:
        if (best or not must) and running.left() <= 0:
            break
        master.release()
        by, most_rounds, part = kind
        dive = _dive if by == "plans" else _day_dive
        try:
            dived = dive(people, plans, master, running, pool, most_rounds, part)
        except _NoPlan:  # the master failed: the choice starts from what there is
            break
        if not dived:
            break
        cost = _cost_of(people, seats, dived)
        logger.debug("dive %s: %d, %.1f s left", kind, cost, running.left())
        if best_cost is None or cost < best_cost:
            best, best_cost = dived, cost
        if cost <= bound:
            break
    return best


def _dive(
    people: list[_Person],
    plans: list[list[_Plan]],
    master: _Master,
    running: _Running,
    pool: ThreadPoolExecutor,
    most_rounds: int,
    part: int,
) -> list[_Plan]:
    """One plan per person by diving: give the people the master is sure of (or else the
    surest ``1 / part`` of those still open) the plan it mixes most, price the others' plans again
    around them, repeat.

    Why: the best choice among the plans generated for the bound is poor, as they were
    priced for a fractional mix; diving lets the later people's plans fit the earlier
    ones'."""
    fixed: list[_Plan | None] = [None] * len(people)
    rounds = 0
    while True:
        open_people = [p for p, plan in enumerate(fixed) if plan is None]
        if not open_people:
            return [plan for plan in fixed if plan is not None]
        if running.stopped or running.should_stop():
            return []
        master.sync(plans)
        prices, convexity, shares = master.solve()
        timely = running.left() > 0
        if rounds < most_rounds and timely:
            rounds += 1
            cells = _cell_prices(prices)
            try:
                results = _price_all(pool, [people[p] for p in open_people], cells, running)
            except _NoPlan:  # out of time: the dive ends on the plans it has
                results = []
            found = {p: own for p, (own, _, _) in zip(open_people, results, strict=False)}
            if _add_columns(people, plans, found, prices, convexity):
                continue
        logger.debug("dive: %d people open, %.1f s left", len(open_people), running.left())
        rounds = 0
        most = _most_mixed(shares, open_people)
        surest = sorted(open_people, key=lambda p: -shares[p][most[p]])
        sure = [p for p in surest if shares[p][most[p]] >= SURE_SHARE]
        if not timely:  # no time to price around them: everyone at once
            sure = surest
        for p in sure or surest[: max(1, len(open_people) // part)]:
            fixed[p] = plans[p][most[p]]
            master.hold(p, most[p])


def _day_dive(
    people: list[_Person],
    plans: list[list[_Plan]],
    master: _Master,
    running: _Running,
    pool: ThreadPoolExecutor,
    most_rounds: int,
    part: int,
) -> list[_Plan]:
    """One plan per person by fixing days, not whole plans: each step fixes every
    person's day the master is sure of, and ``1 / part`` of the days it is not sure of
    (the surest first, each as the person's most mixed plan has it); the plans are priced
    again around the fixed days, and a step that raises the master's value by more than
    ``DAY_RISE`` is undone and retried with half as many unsure days. A person whose mix
    is one plan (``SURE_SHARE``) keeps it. Within a step only those who gained a plan in
    the last round are priced again; out of time, half the unsure days are fixed a step
    and nothing is priced.

    Why: on large months the plan dive fixes whole plans the rest cannot fit around (the
    master's value climbs well above the bound over the last people); fixing days keeps
    each person free where the master is unsure (``LARGE_DIVES``)."""
    alone = people[0].built.context.scenario
    num_days, num_shifts = alone.num_days, len(alone.shifts)
    fixed: list[dict[int, int | None]] = [{} for _ in people]
    held: list[int | None] = [None] * len(people)
    shapes: dict[_Plan, dict[int, int]] = {}

    def day(plan: _Plan, d: int) -> int | None:
        shape = shapes.get(plan)
        if shape is None:
            shape = shapes[plan] = dict(plan.cells)
        return shape.get(d)

    def keeps(plan: _Plan, days: Mapping[int, int | None]) -> bool:
        return all(day(plan, d) == s for d, s in days.items())

    def fits(p: int, index: int) -> bool:
        if held[p] is not None:
            return index == held[p]
        return keeps(plans[p][index], fixed[p])

    def price(p: int, cells: Mapping[tuple[str, int, int], int]) -> list[_Plan]:
        days = dict(fixed[p])  # (the dive goes on fixing days if this call is cut short)
        own = dict(cells)
        grade = people[p].grade
        # A day kept is worth more than any plan's scaled value can differ from a fitting
        # one's (their own costs, every cell's price either way): hard seats' prices
        # reach 10^8 and more, so no fixed constant is safe.
        mine = [abs(price) for (g, _, _), price in cells.items() if g == grade]
        big = 1 + 2 * sum(mine) + PRICE_SCALE * max(plan.cost for plan in plans[p])
        for d, on in days.items():
            for s in range(num_shifts):
                key = (grade, d, s)
                own[key] = own.get(key, 0) + (big if s == on else -big)
        found, _, _ = _best_plans(people[p], own, running)
        # Only plans that keep the fixed days: ``_add_columns`` prices them without ``big``.
        return [plan for plan in found if keeps(plan, days)]

    kept = [0] * len(people)  # each person's plans the master has checked against ``fits``
    pricing: list[int] = []  # the people priced in this step's next round
    rounds = 0
    size = 0  # unsure days fixed per step; halved when a step is undone
    step: tuple[float, list[tuple[int, int]]] | None = None  # value before, unsure days
    retry = False
    while True:
        if running.stopped or running.should_stop():
            return []
        master.sync(plans)
        for p in range(len(people)):
            kept[p] = master.keep(p, fits, kept[p])
        prices, convexity, shares = master.solve()
        value = master.value()
        open_people = [p for p, index in enumerate(held) if index is None]
        if not open_people:
            return [plans[p][index] for p, index in enumerate(held) if index is not None]
        timely = running.left() > 0
        if rounds == 0:
            pricing = open_people
        if rounds < most_rounds and timely and pricing:
            rounds += 1
            cells = _cell_prices(prices)
            before = [len(plans[p]) for p in pricing]
            try:
                found = dict(
                    zip(pricing, pool.map(partial(price, cells=cells), pricing), strict=True)
                )
            except _NoPlan:  # out of time: the dive ends on the plans it has
                found = {}
            if _add_columns(people, plans, found, prices, convexity):
                # Within a step, only those who gained a plan are priced again: the prices
                # move little, and pricing everyone took most of the dive.
                pricing = [p for p, n in zip(pricing, before, strict=True) if len(plans[p]) > n]
                continue
        rounds = 0
        timely = running.left() > 0
        if step is not None and value > step[0] + DAY_RISE and len(step[1]) > 1 and timely:
            logger.debug("day dive: step undone (value %.1f), %d unsure days", value, len(step[1]))
            for p, d in step[1]:
                del fixed[p][d]
                kept[p] = 0
            size, step, retry = len(step[1]) // 2, None, True
            continue
        most = _most_mixed(shares, open_people)
        unsure: list[tuple[float, int, int, int | None]] = []
        for p in open_people:
            if shares[p][most[p]] >= SURE_SHARE:
                held[p], kept[p] = most[p], 0
                continue
            mixed = [
                (plan, share) for plan, share in zip(plans[p], shares[p], strict=True) if share > 0
            ]
            for d in range(num_days):
                if d not in fixed[p]:
                    on = day(plans[p][most[p]], d)
                    share = sum(x for plan, x in mixed if day(plan, d) == on)
                    unsure.append((share, p, d, on))
        if not unsure:  # every open day fixed yet no one sure (GLOP off a vertex): hold
            for p in open_people:
                held[p], kept[p] = most[p], 0
        unsure.sort(key=lambda u: -u[0])
        sure = [u for u in unsure if u[0] >= SURE_SHARE]
        rest = unsure[len(sure) :]
        if not retry:
            # Out of time, no plans are priced and half the unsure days are fixed a step:
            # holding everyone to their most mixed plan at once gave far dearer rosters.
            size = max(1, len(rest) // (part if timely else 2))
        retry = False
        for _, p, d, on in sure + rest[:size]:
            fixed[p][d], kept[p] = on, 0
        step = (value, [(p, d) for _, p, d, _ in rest[:size]]) if rest else None
        logger.debug(
            "day dive: %d people held, %d days fixed, value %.1f, %.1f s left",
            len(people) - len(open_people),
            sum(len(days) for days in fixed),
            value,
            running.left(),
        )
