"""The linear master of column generation: a mix of plans per person against the cover
seats, kept from round to round; its prices, and the Lagrangian bound they give."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ortools.linear_solver import pywraplp

from roster.solver.plans.columns import _paid, _Person, _Plan
from roster.solver.plans.running import _NoPlan
from roster.solver.plans.seats import HARD_SEAT_WEIGHT, PRICE_SCALE, Seat

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prices:
    """Scaled prices: ``seats`` maps (grade, day, shift) to the prices of the seat's least
    row (>= 0) and most row (<= 0); ``cuts`` maps a grade to its shortfall cut, "the grade's
    soft seats leave at least this many places empty" (:meth:`_Master.cut_shortfall`), and
    the cut's price (>= 0); ``covers`` maps a (grade, day, shift) the tree keeps to a count
    of people (:meth:`_Master.cover`) to that count and its price (> 0 for a least, < 0 for
    a most)."""

    seats: dict[tuple[str, int, int], tuple[int, int]]
    cuts: dict[str, tuple[int, int]] = field(default_factory=dict)
    covers: dict[tuple[str, int, int], tuple[int, int]] = field(default_factory=dict)


Covers = Mapping[tuple[str, int, int], tuple[int, int]]
"""A branch on cover: (grade, day, shift) -> the fewest and most of the grade's people on
it."""


class _Master:
    """The linear master, kept from round to round: new plans are added as columns and
    GLOP starts from the last basis.

    Why: rebuilt every round it cost more than the pricing once the path priced people."""

    def __init__(self, people: list[_Person], seats: list[Seat]) -> None:
        self.people = people
        self.seats = seats
        self.settings = ""  # GLOP's defaults: every solve starts from them (see ``tune``)
        self._build()

    def _build(self) -> None:
        people, seats = self.people, self.seats
        self.columns: list[list[_Plan]] = [[] for _ in people]
        lp = pywraplp.Solver.CreateSolver("GLOP")
        lp.SetSolverSpecificParametersAsString(self.settings)
        self.lp = lp
        self.objective = lp.Objective()
        self.rows: list[tuple[Seat, Any, Any]] = []
        self.on: dict[tuple[str, int, int], list[Any]] = {}
        self.shorts: dict[str, list[Any]] = {}  # each grade's soft seats' empty places
        # A grade's cut: its least, its row, and its cheapest place (which caps its price).
        self.cuts: dict[str, tuple[int, Any, int]] = {}
        # The tree's rows on the people of a (grade, day, shift) (see ``cover``).
        self.covers: dict[tuple[str, int, int], Any] = {}
        weights = [max(seat.under, seat.over) for seat in seats if not seat.hard]
        self.slack_cost = HARD_SEAT_WEIGHT * max([1, *weights])
        for seat in seats:
            low = high = None
            if seat.least > 0:
                short = lp.NumVar(0, lp.infinity(), "")
                self.objective.SetCoefficient(short, seat.under)
                low = lp.Constraint(seat.least, lp.infinity())
                low.SetCoefficient(short, 1)
                if not seat.hard:
                    self.shorts.setdefault(seat.grade, []).append(short)
            if seat.most is not None:
                over = lp.NumVar(0, lp.infinity(), "")
                self.objective.SetCoefficient(over, seat.over)
                high = lp.Constraint(-lp.infinity(), seat.most)
                high.SetCoefficient(over, -1)
            self.rows.append((seat, low, high))
            self.on[(seat.grade, seat.d, seat.s)] = [r for r in (low, high) if r is not None]
        self.one = [lp.Constraint(1, 1) for _ in people]
        self.mix: list[list[Any]] = [[] for _ in people]
        self.objective.SetMinimization()

    def sync(self, plans: list[list[_Plan]]) -> None:
        """Adds the plans not yet in the master (each person's list only grows)."""
        for p, own in enumerate(plans):
            grade = self.people[p].grade
            for plan in own[len(self.mix[p]) :]:
                self.columns[p].append(plan)
                var = self.lp.NumVar(0, self.lp.infinity(), "")
                self.objective.SetCoefficient(var, plan.cost)
                self.one[p].SetCoefficient(var, 1)
                for d, s in plan.cells:
                    for row in self.on.get((grade, d, s), ()):
                        row.SetCoefficient(var, 1)
                self.mix[p].append(var)

    def _rebuild(self) -> None:
        """The same master (rows, cuts, plans and their bounds) in a new GLOP."""
        columns = self.columns
        held = [[var.ub() for var in vs] for vs in self.mix]
        cuts = {grade: least for grade, (least, _, _) in self.cuts.items()}
        covers = {key: (row.lb(), row.ub()) for key, row in self.covers.items()}
        self._build()
        for grade, least in cuts.items():
            self.cut_shortfall(grade, least)
        self.sync(columns)
        for key, (lb, ub) in covers.items():
            self._cover_row(key).SetBounds(lb, ub)
        for vs, ubs in zip(self.mix, held, strict=True):
            for var, ub in zip(vs, ubs, strict=True):
                var.SetUb(ub)

    def tune(self, settings: str) -> None:
        """GLOP's settings from the next solve on (kept when the master is rebuilt). Each
        solve starts from GLOP's defaults and applies the last settings given, so ``""``
        means the defaults (seen in GLOP's log, OR-Tools 9.15)."""
        self.settings = settings
        self.lp.SetSolverSpecificParametersAsString(settings)

    def release(self) -> None:
        """Every person may mix all their plans again, and every count is free (after a
        dive or the tree)."""
        for vs in self.mix:
            for var in vs:
                var.SetUb(self.lp.infinity())
        self.cover({})

    def cover(self, covers: Covers) -> None:
        """The people of each (grade, day, shift) of ``covers`` on it kept to its (least,
        most) (a branch of :class:`_Tree`); every other count free again."""
        free = (-self.lp.infinity(), self.lp.infinity())
        for key, row in self.covers.items():
            row.SetBounds(*covers.get(key, free))
        for key, (least, most) in covers.items():
            if key not in self.covers:
                self._cover_row(key).SetBounds(least, most)

    def _cover_row(self, key: tuple[str, int, int]) -> Any:
        """A free row counting the plans that work ``key``'s (day, shift) among its grade
        (new plans join it as they are added), with a person more or fewer at
        ``slack_cost`` (1,000 times the dearest soft seat's weight, as a hard seat): the
        plans the master has may not meet a count, those the node's rounds price may."""
        grade, d, s = key
        row = self.lp.Constraint(-self.lp.infinity(), self.lp.infinity())
        for sign in (1, -1):
            slack = self.lp.NumVar(0, self.lp.infinity(), "")
            self.objective.SetCoefficient(slack, self.slack_cost)
            row.SetCoefficient(slack, sign)
        for person, own, vs in zip(self.people, self.columns, self.mix, strict=True):
            if person.grade == grade:
                for plan, var in zip(own, vs, strict=True):
                    if (d, s) in plan.cells:
                        row.SetCoefficient(var, 1)
        self.on.setdefault(key, []).append(row)
        self.covers[key] = row
        return row

    def keep(self, p: int, fits: Callable[[int, int], bool], start: int = 0) -> int:
        """Person ``p`` may mix only the plans ``fits(p, index)`` allows, from plan ``start``
        on (the day dive: the plans before it are as they were); how many plans ``p`` has."""
        for i, var in enumerate(self.mix[p][start:], start):
            var.SetUb(self.lp.infinity() if fits(p, i) else 0)
        return len(self.mix[p])

    def trial(self) -> float:
        """The master's value solved as it stands, infinite when GLOP fails (a trial
        of :meth:`_Tree.split`: no prices, no retry)."""
        # A trial only narrows bounds (a count's row it adds is free until then), so the
        # last basis stays dual feasible: the dual simplex starts from it.
        self.lp.SetSolverSpecificParametersAsString(f"{self.settings} use_dual_simplex: true")
        code = self.lp.Solve()
        self.lp.SetSolverSpecificParametersAsString(self.settings)
        if code != pywraplp.Solver.OPTIMAL:
            return math.inf
        return self.value()

    def value(self) -> float:
        """The master's value at its last solve."""
        return float(self.objective.Value())

    def shortfall(self) -> dict[str, float]:
        """Each grade's soft seats' empty places at the last solve."""
        return {
            grade: sum(var.solution_value() for var in shorts)
            for grade, shorts in self.shorts.items()
        }

    def cut_shortfall(self, grade: str, least: int) -> None:
        """Every roster leaves at least ``least`` places of the grade's soft seats empty
        (a count proven by :func:`_least_shortfall`): a row over the master's shortfalls
        only, so no plan's price changes and the path prices as before."""
        row = self.lp.Constraint(least, self.lp.infinity())
        for var in self.shorts[grade]:
            row.SetCoefficient(var, 1)
        cheapest = min(
            seat.under
            for seat, _, _ in self.rows
            if seat.grade == grade and seat.least and not seat.hard
        )
        self.cuts[grade] = (least, row, cheapest)

    def hold(self, p: int, index: int) -> None:
        """Person ``p`` keeps plan ``index`` only (the plan dive)."""
        self.keep(p, lambda _, i: i == index)

    def solve(self) -> tuple[Prices, list[float], list[list[float]]]:
        """The seat, cut and count prices (scaled, integer), one price per person, and the
        share of each plan in each person's mix."""
        code = self.lp.Solve()
        if code == pywraplp.Solver.ABNORMAL:
            # GLOP failed now and then on masters with many plans held at 0 (the branches
            # of :class:`_Tree`); built afresh, the same master solves.
            self._rebuild()
            code = self.lp.Solve()
        if code != pywraplp.Solver.OPTIMAL:
            logger.debug("plans: the master's status is %d", code)
            raise _NoPlan
        cuts: dict[str, tuple[int, int]] = {}
        for grade, (least, row, cheapest) in self.cuts.items():
            price = min(max(0, round(row.dual_value() * PRICE_SCALE)), cheapest * PRICE_SCALE)
            cuts[grade] = (least, price)
        seats: dict[tuple[str, int, int], tuple[int, int]] = {}
        for seat, low, high in self.rows:
            # Rounded, then clamped to the slack's cost (less the cut's price where the cut
            # counts its empty places): the bound holds for the rounded prices.
            cut = 0 if seat.hard else cuts.get(seat.grade, (0, 0))[1]
            most = seat.under * PRICE_SCALE - cut
            up = 0 if low is None else min(max(0, round(low.dual_value() * PRICE_SCALE)), most)
            down = (
                0
                if high is None
                else max(min(0, round(high.dual_value() * PRICE_SCALE)), -seat.over * PRICE_SCALE)
            )
            seats[(seat.grade, seat.d, seat.s)] = (up, down)
        covers: dict[tuple[str, int, int], tuple[int, int]] = {}
        most = self.slack_cost * PRICE_SCALE
        for key, row in self.covers.items():
            # A least's price is >= 0, a most's <= 0: each kept to the side that is a limit,
            # and within its slack's cost (the bound then holds as for a seat's price).
            price = min(max(round(row.dual_value() * PRICE_SCALE), -most), most)
            limit = row.lb() if price > 0 else row.ub()
            if price and math.isfinite(limit):
                covers[key] = (round(limit), price)
        shares = [[var.solution_value() for var in vs] for vs in self.mix]
        prices = Prices(seats, cuts, covers)
        return prices, [row.dual_value() for row in self.one], shares


def _bound_of(seats: list[Seat], prices: Prices, least: list[int]) -> float:
    """The Lagrangian bound of these prices: each row's price times its limit (a cut's
    times its count) plus each person's best plan value (the slack terms are >= 0 by the
    clamp)."""
    return _scaled_bound(seats, prices, least) / PRICE_SCALE


def _scaled_bound(seats: list[Seat], prices: Prices, least: list[int]) -> int:
    total = sum(least) + sum(count * price for count, price in prices.cuts.values())
    total += sum(count * price for count, price in prices.covers.values())
    for seat in seats:
        up, down = prices.seats.get((seat.grade, seat.d, seat.s), (0, 0))
        total += up * seat.least + (down * seat.most if seat.most is not None else 0)
    return total


def _between(centre: Prices, prices: Prices, weight: float) -> Prices:
    """Prices ``weight`` of the way from ``prices`` to ``centre``; still within the
    slacks' costs, as both ends are. (The cut's price is rounded down, so a seat's price
    and the cut's together stay within the seat's cost: an integer at most half above it
    is not above it.)"""
    return Prices(
        {
            key: (
                round(weight * centre.seats.get(key, (0, 0))[0] + (1 - weight) * up),
                round(weight * centre.seats.get(key, (0, 0))[1] + (1 - weight) * down),
            )
            for key, (up, down) in prices.seats.items()
        },
        {
            grade: (
                least,
                math.floor(weight * centre.cuts.get(grade, (0, 0))[1] + (1 - weight) * price),
            )
            for grade, (least, price) in prices.cuts.items()
        },
        dict(prices.covers),  # (any multiplier of the right sign gives a bound)
    )


def _cell_prices(prices: Prices) -> dict[tuple[str, int, int], int]:
    cells = {key: up + down for key, (up, down) in prices.seats.items() if up + down}
    for key, (_, price) in prices.covers.items():
        cells[key] = cells.get(key, 0) + price
    return cells


def _add_columns(
    people: list[_Person],
    plans: list[list[_Plan]],
    found: Mapping[int, list[_Plan]],
    prices: Prices,
    convexity: list[float],
) -> int:
    """Adds each person's found plans that pay at the master's ``prices``; how many."""
    cells = _cell_prices(prices)
    added = 0
    for p, own in found.items():
        for plan in own:
            value = PRICE_SCALE * plan.cost - _paid(people[p], cells, plan)
            if value / PRICE_SCALE < convexity[p] - 1e-6 and plan not in plans[p]:
                plans[p].append(plan)
                added += 1
    return added
