"""Branch and price: a tree over people's days and counts of people on a shift, each
node's bound from its own rounds of plans (:class:`_Tree`, :func:`_branch`)."""

from __future__ import annotations

import heapq
import itertools
import logging
import math
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from roster.checks import check_roster, objective_of
from roster.model import Scenario
from roster.solver.plans.columns import _cost_of, _paid, _path_plan, _Person, _Plan, _roster_of
from roster.solver.plans.master import Covers, _add_columns, _bound_of, _cell_prices, _Master
from roster.solver.plans.running import _NoPlan, _Running
from roster.solver.plans.seats import PRICE_SCALE, Seat
from roster.solver.pricing import PersonRules

logger = logging.getLogger(__name__)


TREE_GLOP = "use_preprocessing: false"
"""GLOP's settings for the master while the tree runs (:func:`_branch`): without presolve,
the trial solves (:meth:`_Tree.split`) start from the last basis, so the tree prices more
nodes in its time. Not for the rounds, which are slower without presolve."""


OFF_DAY = -1
"""A day off among the values a branch leaves a (person, day)."""

Limits = Mapping[tuple[int, int], frozenset[int]]
"""A branch: (person, day) -> the shifts (or ``OFF_DAY``) that day may still have."""


@dataclass(frozen=True)
class _Node:
    """A node of :class:`_Tree`: its people's days and its counts of people on a shift."""

    days: Limits = field(default_factory=dict)
    covers: Covers = field(default_factory=dict)


def _narrowed(rules: PersonRules, days: Mapping[int, frozenset[int]]) -> PersonRules:
    """``rules`` with each of ``days`` kept to its values (the path then prices only the
    plans of the branch, exactly)."""
    allowed = [list(row) for row in rules.allowed]
    must = set(rules.must_work)
    for d, values in days.items():
        allowed[d] = [ok and s in values for s, ok in enumerate(allowed[d])]
        if OFF_DAY not in values:
            must.add(d)
    return replace(rules, allowed=tuple(map(tuple, allowed)), must_work=frozenset(must))


SPLIT_TRIALS = 8
"""A node of :class:`_Tree` tries this many splits of a person's day on its master before it
branches, and ``COVER_TRIALS`` splits of a count of people on a shift."""

COVER_TRIALS = 4

Split = tuple[float, "_Node", "_Node"]
"""A split of a node: how unsure the master is of it (the smaller share), and its two
children, the likelier first."""


def _split_of(share: float, one: _Node, other: _Node) -> Split:
    """The split of a node into ``one``, which the master takes at ``share``, and ``other``."""
    return (1 - share, one, other) if share >= 0.5 else (share, other, one)


def _unsure(mine: list[tuple[_Plan, float]]) -> bool:
    """Whether a person's mix (plan, share) holds more than one plan."""
    return len(mine) > 1 and max(x for _, x in mine) < 1 - 1e-6


class _Tree:
    """Branch and price on the month plans: each node keeps some (person, day) to some
    values and some counts of a grade's people on a shift to a range (:class:`_Node`); its
    rounds price only plans within its days, with its counts' prices on the cells. A node
    whose master mixes plans is split on what the mix is least sure of: a (person, day,
    value), that value or any other, or a count the master makes a fraction, at most its
    whole part or more. Depth first, the likelier child first; once a dive ends, the open
    node of least bound.

    Why: the master's bound may stay below the optimum whatever the rounds' cuts, with
    the plans near each person's best too many to choose among (:func:`_prove`).
    Branching moves the bound and finds rosters at once."""

    def __init__(
        self,
        people: list[_Person],
        plans: list[list[_Plan]],
        seats: list[Seat],
        master: _Master,
        running: _Running,
        pool: ThreadPoolExecutor,
        num_days: int,
        num_shifts: int,
    ) -> None:
        self.num_days = num_days
        self.num_shifts = num_shifts
        self.people = people
        self.plans = plans
        self.seats = seats
        self.master = master
        self.running = running
        self.pool = pool
        self.shapes: dict[_Plan, dict[int, int]] = {}
        self.nodes = 0

    def day(self, plan: _Plan, d: int) -> int:
        """The plan's shift on day ``d`` (``OFF_DAY``: none), its cells looked up once."""
        shape = self.shapes.get(plan)
        if shape is None:
            shape = self.shapes[plan] = dict(plan.cells)
        return shape.get(d, OFF_DAY)

    def bound(self, node: _Node, best: Callable[[], int]) -> tuple[float, list[list[float]]]:
        """The node's Lagrangian bound (the best of its rounds) and the master's mixes at
        its last solve; the rounds stop once the bound reaches ``best()``, the cheapest
        roster known. Raises ``_NoPlan`` when out of time or a plan breaks a rule the path
        does not follow."""
        self.nodes += 1
        people, plans, master = self.people, self.plans, self.master
        days = self.days_of(node)
        rules: list[PersonRules | None] = [
            _narrowed(person.rules, mine) if mine and person.rules is not None else None
            for person, mine in zip(people, days, strict=True)
        ]

        def fits(p: int, index: int) -> bool:
            return self.fits(plans[p][index], days[p])

        master.cover(node.covers)
        kept = [0] * len(people)
        lower = -math.inf
        while True:
            if self.running.stopped or self.running.left() <= 0:
                raise _NoPlan
            master.sync(plans)
            for p in range(len(people)):
                kept[p] = master.keep(p, fits, kept[p])
            prices, convexity, shares = master.solve()
            cells = _cell_prices(prices)
            found = self.pool.map(_path_plan, people, [cells] * len(people), rules)
            least: list[int] = []
            fresh: dict[int, list[_Plan]] = {}
            for p, plan in enumerate(found):
                if plan is None:
                    logger.debug("tree: no plan for person %d within %s", p, days[p])
                    raise _NoPlan
                least.append(PRICE_SCALE * plan.cost - _paid(people[p], cells, plan))
                fresh[p] = [plan]
            lower = max(lower, _bound_of(self.seats, prices, least))
            if math.ceil(lower - 1e-6) >= best():
                return lower, shares
            if _add_columns(people, plans, fresh, prices, convexity) == 0:
                return lower, shares

    def days_of(self, node: _Node) -> list[dict[int, frozenset[int]]]:
        """Each person's days the node keeps: day -> the values it may have."""
        days: list[dict[int, frozenset[int]]] = [{} for _ in self.people]
        for (p, d), values in node.days.items():
            days[p][d] = values
        return days

    def split(self, node: _Node, shares: list[list[float]]) -> tuple[_Node, _Node] | None:
        """The node's two children, the likelier first: among the ``SPLIT_TRIALS``
        (person, day, value) and the ``COVER_TRIALS`` counts the master is least sure of,
        the split whose two sides raise the master's value most (with the plans it has,
        none priced); ``None`` when every person's mix is one plan."""
        mixed = [
            [(self.plans[p][i], x) for i, x in enumerate(mine) if x > 1e-9]
            for p, mine in enumerate(shares)
        ]
        if not any(map(_unsure, mixed)):
            return None
        splits = self.day_splits(node, mixed)[:SPLIT_TRIALS]
        splits += self.cover_splits(node, mixed)[:COVER_TRIALS]
        if not splits:
            return None
        base = self.master.value()
        top, pick = -1.0, max(splits, key=lambda split: split[0])
        for split in splits:
            if self.running.stopped or self.running.left() <= 0:
                break
            values = [self.trial(node, child) for child in split[1:]]
            # (A trial GLOP failed on says nothing: no rise.)
            rises = [value - base if value < math.inf else 0.0 for value in values]
            score = max(rises[0], 1e-6) * max(rises[1], 1e-6)
            if score > top + 1e-12:
                top, pick = score, split
        return pick[1], pick[2]

    def day_splits(self, node: _Node, mixed: list[list[tuple[_Plan, float]]]) -> list[Split]:
        """The splits of a person's day on a value the master mixes, least sure first."""
        splits: list[Split] = []
        for p, mine in enumerate(mixed):
            if not _unsure(mine):
                continue
            for d in range(self.num_days):
                kept = node.days.get((p, d), frozenset(range(OFF_DAY, self.num_shifts)))
                if len(kept) == 1:
                    continue
                tally: dict[int, float] = {}
                for plan, x in mine:
                    v = self.day(plan, d)
                    tally[v] = tally.get(v, 0.0) + x
                for v, share in sorted(tally.items()):
                    if len(kept) == 2 and v == max(kept):
                        continue  # (the same two sides as the other value's)
                    if 1e-6 < share < 1 - 1e-6:
                        that = replace(node, days={**node.days, (p, d): frozenset({v})})
                        others = replace(node, days={**node.days, (p, d): kept - {v}})
                        splits.append(_split_of(share, that, others))
        splits.sort(key=lambda split: -split[0])
        return splits

    def cover_splits(self, node: _Node, mixed: list[list[tuple[_Plan, float]]]) -> list[Split]:
        """The splits of a seat's count of people the master makes a fraction, least
        sure first."""
        counts: dict[tuple[str, int, int], float] = {}
        for person, mine in zip(self.people, mixed, strict=True):
            for plan, x in mine:
                for d, s in plan.cells:
                    key = (person.grade, d, s)
                    counts[key] = counts.get(key, 0.0) + x
        splits: list[Split] = []
        for seat in self.seats:
            key = (seat.grade, seat.d, seat.s)
            count = counts.get(key, 0.0)
            whole = math.floor(count + 1e-6)
            part = count - whole
            if part < 1e-6 or part > 1 - 1e-6:
                continue
            least, most = node.covers.get(key, (0, len(self.people)))
            if not least <= whole < most:  # (a count off its range: the slack)
                continue
            fewer = replace(node, covers={**node.covers, key: (least, whole)})
            more = replace(node, covers={**node.covers, key: (whole + 1, most)})
            splits.append(_split_of(part, more, fewer))
        splits.sort(key=lambda split: -split[0])
        return splits

    def trial(self, node: _Node, child: _Node) -> float:
        """The master's value as ``child`` of ``node`` (with the plans it has), infinite when
        it fails; the master is then as ``node`` has it again."""
        self.enter(child, node)
        try:
            return self.master.trial()
        finally:
            self.enter(node, child)

    def enter(self, node: _Node, since: _Node) -> None:
        """The master's plans and counts as ``node`` has them, from ``since``'s: only the
        people whose days differ are kept again."""
        changed = {
            p
            for (p, d) in node.days.keys() | since.days.keys()
            if node.days.get((p, d)) != since.days.get((p, d))
        }
        days = self.days_of(node)
        for p in changed:
            self.master.keep(p, lambda q, i: self.fits(self.plans[q][i], days[q]))
        if node.covers != since.covers:
            self.master.cover(node.covers)

    def fits(self, plan: _Plan, days: Mapping[int, frozenset[int]]) -> bool:
        """Whether the plan keeps a person's limits (day -> the values it may have)."""
        return all(self.day(plan, d) in values for d, values in days.items())


def _branch(
    scenario: Scenario,
    people: list[_Person],
    plans: list[list[_Plan]],
    seats: list[Seat],
    master: _Master,
    running: _Running,
    pool: ThreadPoolExecutor,
    bound: int,
    best: int,
    best_known: Callable[[], float | None],
    rounds_over: Callable[[int], None],
) -> tuple[int, list[_Plan] | None, int | None]:
    """Branch and price (:class:`_Tree`) from ``bound`` with ``best`` the cheapest
    roster known (``best_known``: the search's, polled): ``(bound, a cheaper roster's
    plans or None, its cost)``. The tree ends when every open node's bound reaches the
    best cost (then that is the bound) or the time runs out (then the least of the open
    nodes' bounds is)."""
    if any(person.rules is None for person in people):
        return bound, None, None
    tree = _Tree(
        people, plans, seats, master, running, pool, scenario.num_days, len(scenario.shifts)
    )
    found: list[_Plan] | None = None
    found_cost: int | None = None
    # The least bound of the nodes closed with a roster the checker refused (a rule the
    # plans do not see, such as R9): none of their rosters is known to cost more.
    unresolved = math.inf

    def cheapest() -> int:
        known = best_known()
        return best if known is None else min(best, round(known))

    def floor(least: float) -> int:
        """The tree's bound when ``least`` is the least open node's bound."""
        least = min(least, unresolved)
        return cheapest() if least == math.inf else min(math.ceil(least - 1e-6), cheapest())

    settings = master.settings
    master.tune(TREE_GLOP)
    order = itertools.count()
    waiting: list[tuple[float, int, _Node]] = []
    node: _Node | None = _Node()
    node_bound = float(bound)
    try:
        while True:
            if node is None:
                if waiting and math.ceil(waiting[0][0] - 1e-6) >= cheapest():
                    waiting.clear()  # the least bound reaches it: every other does too
                if not waiting:
                    return max(bound, floor(math.inf)), found, found_cost
                node_bound, _, node = heapq.heappop(waiting)
                raised = floor(node_bound)
                if raised > bound:
                    bound = raised
                    logger.debug("tree: bound %d after %d nodes", bound, tree.nodes)
                    rounds_over(bound)
            lower, shares = tree.bound(node, cheapest)
            lower = max(lower, node_bound)
            if math.ceil(lower - 1e-6) >= cheapest():
                node = None
                continue
            mixes = [max(range(len(mine)), key=mine.__getitem__) for mine in shares]
            chosen = [plans[p][i] for p, i in enumerate(mixes)]
            cost = _cost_of(people, seats, chosen)
            refused = False
            if cost < cheapest():
                roster = _roster_of(scenario, [plan.cells for plan in chosen])
                if not check_roster(scenario, roster) and objective_of(scenario, roster)[0] == cost:
                    found, found_cost, best = chosen, cost, cost
                    logger.debug("tree: a roster of %d after %d nodes", cost, tree.nodes)
                else:
                    refused = True
            children = tree.split(node, shares)
            # One plan each: the node's best roster is its master's (if that breaks a count,
            # the master's value holds a slack's cost and the node closes above the best).
            if children is None:
                if refused:
                    unresolved = min(unresolved, lower)
                node = None
                continue
            first, second = children
            heapq.heappush(waiting, (lower, next(order), second))
            node, node_bound = first, lower
    except _NoPlan:
        pass
    finally:
        logger.debug("tree: %d nodes, %.1f s left", tree.nodes, running.left())
        master.release()
        master.tune(settings)
    opened = [b for b, _, _ in waiting] + ([node_bound] if node is not None else [])
    return max(bound, floor(min(opened, default=math.inf))), found, found_cost
