"""The plans' run: rounds of column generation to a Lagrangian bound (and a shortfall
cut), then the dives, the proof and the tree for a roster and a higher bound."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from roster.calendar import Calendar
from roster.checks import check_roster
from roster.model import Roster, Scenario
from roster.solver.clock import Deadline
from roster.solver.plans.columns import (
    _cost_of,
    _person_model,
    _plans_of,
    _price_all,
    _roster_of,
)
from roster.solver.plans.dives import _dives, _dives_for, _first_roster
from roster.solver.plans.master import (
    Prices,
    _add_columns,
    _between,
    _bound_of,
    _cell_prices,
    _Master,
)
from roster.solver.plans.proof import PROOF_STEPS, _cut_shortfall, _prove
from roster.solver.plans.running import _NoPlan, _Running
from roster.solver.plans.seats import decomposable, seats_of
from roster.solver.plans.tree import _branch

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlanBound:
    """What the priced plans give: ``bound`` (every roster costs at least this), a
    ``start`` roster made of one plan per person, and how the rounds went."""

    bound: int
    start: Roster | None
    start_cost: int | None
    rounds: int
    plans: int
    converged: bool
    seconds: float

    def __post_init__(self) -> None:
        if self.bound < 0 or self.rounds < 0 or self.plans < 0:
            raise ValueError("plan bound, rounds and plans must be >= 0")
        if (self.start is None) != (self.start_cost is None):
            raise ValueError("a plans' roster comes with its cost, and a cost with a roster")
        if self.start_cost is not None and self.start_cost < self.bound:
            raise ValueError(f"roster cost {self.start_cost} below the bound {self.bound}")


SMOOTHING = 0.5
"""Weight of the best bound's prices when pricing plans (0: the master's prices only)."""


FIRST_ROSTER_SECONDS = 5.0
"""At most this long choosing one plan per person for the first roster."""


def plan_bound(
    scenario: Scenario,
    calendar: Calendar,
    seconds: float,
    workers: int = 2,
    seed: int = 0,
    start: Roster | None = None,
    beat: Callable[[], float] = lambda: 0.0,
    should_stop: Callable[[], bool] = lambda: False,
    rounds_over: Callable[[int], None] = lambda bound: None,
    best_known: Callable[[], float | None] = lambda: None,
) -> PlanBound | None:
    """Column generation for at most ``seconds``; ``None`` when the scenario is not
    ``decomposable`` or a person has no plan in time. ``start``: a roster whose plans
    the master begins with, so its first prices already reflect a good roster. ``beat``:
    the bound known so far; rounds stop half-way if they have not passed it (on a large
    month the rounds may still be far below it by then).
    ``should_stop``: polled while the plans run; once true, the search under way stops
    and the bound of the rounds so far comes back without a roster. ``rounds_over``: told
    the bound as soon as the rounds end, before the dives (:func:`_dives_for`), which price new
    plans with the time the rounds leave (none when they fell behind ``beat``), and again
    when the proof (:func:`_prove`, after the first dive) raises it. ``best_known``: the
    cost of the search's best roster, which the proof may show to be optimal (the bound
    then comes back at its cost)."""
    clock = Deadline(seconds)
    if not decomposable(scenario, calendar):
        return None
    seats = seats_of(scenario, calendar)
    people = [_person_model(scenario, p) for p in range(len(scenario.staff))]
    # The first roster's choice comes out of the same time.
    choose = min(FIRST_ROSTER_SECONDS, seconds / 4)
    deadline = clock.at() - choose
    pool = ThreadPoolExecutor(max(1, workers))
    running = _Running(deadline, should_stop)
    try:
        try:
            first = _price_all(pool, people, {}, running)
        except _NoPlan:
            return None
        plans = [own[-1:] for own, _, _ in first]
        given = [] if start is None else _plans_of(scenario, start, people)
        for p, plan in enumerate(given):
            if plan not in plans[p]:
                plans[p].append(plan)
        master = _Master(people, seats)
        history: list[float] = []
        rounds, converged, behind, cut_tried = 0, False, False, False
        centre: Prices | None = None  # the prices of the best bound so far
        proof_prices: Prices | None = None  # the same, kept for the proof (:func:`_prove`)
        while running.left() > 0 and not should_stop():
            halfway = clock.elapsed() > (running.deadline - clock.started) / 2
            if halfway and max(history, default=0.0) <= beat():
                behind = True
                break
            rounds += 1
            try:
                master.sync(plans)
                prices, convexity, _ = master.solve()
                # Priced between the master's prices and the best bound's (Wentges):
                # the master's prices swing from round to round, which slows the rounds.
                tried = prices if centre is None else _between(centre, prices, SMOOTHING)
                cells = _cell_prices(tried)
                results = _price_all(pool, people, cells, running)
            except _NoPlan:
                break
            least = [bound for _, bound, _ in results]
            bound = _bound_of(seats, tried, least)
            history.append(bound)
            if bound >= max(history):
                centre = tried
                proof_prices = tried
            logger.debug(
                "plans round %d at %.1f s: bound %.2f, %d plans",
                rounds,
                clock.elapsed(),
                bound,
                sum(len(own) for own in plans),
            )
            found = {p: own for p, (own, _, _) in enumerate(results)}
            added = _add_columns(people, plans, found, prices, convexity)
            if added == 0:
                if tried is not prices:
                    centre = None  # mispriced: the next round prices at the master's own
                    continue
                if all(exact for _, _, exact in results):
                    # (It stays so if the time runs out in the rounds with a cut: the
                    # dive may still restart the search.)
                    converged = True
                    if not cut_tried:
                        cut_tried = True
                        if _cut_shortfall(master, people, plans, seats, running):
                            continue  # the rounds go on with the cut
                    break
        bound = max(0, math.ceil(max(history) - 1e-9)) if history else 0
        rounds_over(bound)
        if behind:  # the rounds are slow: the dive prices no new plans
            running.deadline = time.perf_counter()
        start = None
        start_cost: int | None = None
        kinds = _dives_for(people)
        dived = _dives(people, plans, seats, master, running, pool, bound, kinds[:1], True)
        if dived:
            start = _roster_of(scenario, [plan.cells for plan in dived])
            start_cost = _cost_of(people, seats, dived)
        close = start_cost is not None and 0 < start_cost - bound <= PROOF_STEPS
        timely = running.left() > 0 and not behind
        if proof_prices is not None and start_cost is not None and close and timely:
            known = best_known()
            best = start_cost if known is None else min(start_cost, round(known))
            cuts = {grade: count for grade, (count, _, _) in master.cuts.items()}
            raised, cheaper, cheaper_cost = _prove(
                scenario, people, seats, proof_prices, bound, best, running, cuts
            )
            if raised > bound:
                bound = raised
                rounds_over(bound)  # the search stops if its roster is at the new bound
            if cheaper is not None:
                start, start_cost = cheaper, cheaper_cost
        # The tree (:func:`_branch`) first when the dive's roster is close to the bound, else
        # after the other dives, whose rosters then prune it.
        for step in ("tree", "dives") if close else ("dives", "tree"):
            if start_cost is not None and start_cost <= bound:
                break
            if step == "dives":
                more = _dives(people, plans, seats, master, running, pool, bound, kinds[1:], False)
                cost = _cost_of(people, seats, more) if more else None
                if cost is not None and (start_cost is None or cost < start_cost):
                    start, start_cost = _roster_of(scenario, [p.cells for p in more]), cost
                    dived = more
            elif start_cost is not None and not behind:
                raised, branched, branched_cost = _branch(
                    scenario,
                    people,
                    plans,
                    seats,
                    master,
                    running,
                    pool,
                    bound,
                    start_cost,
                    best_known,
                    rounds_over,
                )
                if raised > bound:  # (as soon as it is known: the search may stop now)
                    bound = raised
                    rounds_over(bound)
                if branched is not None and branched_cost is not None:
                    start = _roster_of(scenario, [plan.cells for plan in branched])
                    start_cost = branched_cost
        if start_cost is None or start_cost > bound:
            chosen, cost = _first_roster(
                scenario, people, plans, seats, choose, seed, dived, workers, running
            )
            if cost is not None and (start_cost is None or cost < start_cost):
                start, start_cost = chosen, cost
        if running.stopped or should_stop():
            start, start_cost = None, None
        if start is not None and check_roster(scenario, start):
            # A hard rule the plans do not see (such as R9) is broken: no roster from them.
            start, start_cost = None, None
    finally:
        running.close()
        pool.shutdown(wait=True)
    return PlanBound(
        bound=bound,
        start=start,
        start_cost=start_cost,
        rounds=rounds,
        plans=sum(len(p) for p in plans),
        converged=converged,
        seconds=clock.elapsed(),
    )
