"""A lower bound from each person's best month plan, priced against cover.

Where people share nothing but cover seats (no team leader seat, no fairness spread, no
role or callback seats), the month splits into one small problem per person once each
cover seat has a price: column generation. A linear master chooses a mix of month plans per
person against the seats; each person's best plan at the master's seat prices is found on
that person alone (a path over days, :mod:`roster.solver.pricing`, or CP-SAT where the
path's plan breaks a rule it does not follow); plans that pay are added until none does.

Why: CP-SAT's own linear relaxation of run lengths, weekends and minutes is weak. On the
Curtois-Qu instances its bound after 60 s was 1,570 on Instance4 and 780 on Instance5
(optima 1,716 and 1,143); the priced plans alone reach 1,716 and 1,141 in 17-19 s on one
thread (benchmarks/README.md). The rounds give:

- a valid bound in every round: the Lagrangian bound of the seat prices (each seat's price
  times its limit, each cut's price times its count, plus every person's best plan value
  at those prices), so it holds before the rounds converge;
- a cut: a roster leaves a whole number of places empty, the master often a fraction;
  once the rounds converge, the fewest places any roster can leave empty (its own count of
  rounds, :func:`_least_shortfall`), rounded up, becomes a row of the master, and the
  rounds go on (Curtois Instance9: the bound rose from 406 to its optimum, 439);
- a roster: one plan per person, chosen by diving (the master's surest people keep their
  plan, the others' plans are priced again around them; on months of 40 people or more
  first a person's day at a time, :func:`_day_dive`), the cheapest of several dives;
  unless it is at the bound, the best choice among every generated plan may improve it;
- a proof: after the first dive, the plans within a small gap of each person's best are
  all enumerated and a MIP solver (CBC) finds the cheapest choice among them, which
  raises the bound above the linear one or proves a roster optimal (:func:`_prove`).
"""

from __future__ import annotations

import heapq
import itertools
import logging
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Literal, TypeVar

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from roster.calendar import Calendar
from roster.checks import check_roster, objective_of
from roster.constraints.context import LinearExpr
from roster.model import GRADES, Assignment, Roster, Scenario
from roster.solver.build import BuiltModel, build_model
from roster.solver.pricing import PersonRules, cheapest_plan, person_rules, plans_within

logger = logging.getLogger(__name__)

PRICE_SCALE = 10_000
"""Seat prices are rounded to 1/10,000 so each person's best plan is priced exactly in
integers: the bound is then exact, not subject to float tolerance."""

HARD_SEAT_WEIGHT = 1000
"""A hard seat enters the master at this many times the largest soft weight: the
Lagrangian bound holds for any price of a hard seat, so the choice affects speed only."""


@dataclass(frozen=True)
class Seat:
    """One linear cover row of the master: people of ``grade`` on shift ``s`` of day ``d``
    at least ``least`` (each one missing costs ``under``) and at most ``most`` (each one
    above costs ``over``)."""

    d: int
    s: int
    grade: str
    least: int
    most: int | None
    under: int
    over: int
    hard: bool = False


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


def decomposable(scenario: Scenario, calendar: Calendar) -> bool:
    """True when people share only grade cover seats, which the master prices exactly.

    Team-leader seats (R2), role seats (R3), the callback seat (R12), QA reach (R11),
    fairness spreads (R14) and seats shared across grades (upward substitution with more
    than one grade) tie people together in ways the master does not price."""
    sc = scenario
    if sc.rules.require_team_leader or sc.weights.fairness > 0 or sc.swaps:
        return False
    if any(p.has_role("callback") for p in sc.staff):
        return False
    qa = sc.weights.qa_reach > 0 and sc.rules.qa_min_shared_shifts > 0
    if qa and any(p.has_role("quality_inspector") for p in sc.staff):
        return False
    grades = {p.grade for p in sc.staff}
    for day in sc.days:
        for shift in sc.shifts:
            needs = calendar.needs(day, shift.code)
            if any(r not in GRADES and n.min > 0 for r, n in needs.items()):
                return False
            seated = {r for r, n in needs.items() if r in GRADES and n.min > 0}
            if sc.rules.upward_substitution and len(grades | seated) > 1 and seated:
                return False
    return True


def seats_of(scenario: Scenario, calendar: Calendar) -> list[Seat]:
    sc = scenario
    weights = sc.weights
    soft = [weights.cover_under or 0, weights.cover_over]
    soft += [max(c.weight_under or 0, c.weight_over or 0) for c in sc.cover]
    hard = HARD_SEAT_WEIGHT * max(1, *soft)
    seats = []
    for d, day in enumerate(sc.days):
        for s, shift in enumerate(sc.shifts):
            for grade, need in calendar.needs(day, shift.code).items():
                if grade not in GRADES:
                    continue
                under = need.weight_under if need.weight_under is not None else weights.cover_under
                over = need.weight_over if need.weight_over is not None else weights.cover_over
                least = need.min if under is None or under > 0 else 0
                most = need.max if over > 0 else None
                if least == 0 and most is None:
                    continue
                cost = hard if under is None else under
                seats.append(Seat(d, s, grade, least, most, cost, over, under is None))
    return seats


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
    # The full relaxation halves a person's search (0.06 -> 0.03 s on Curtois Instance8).
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


class _Running:
    """The rounds' deadline, and the search under way, so a stop request (the main search
    has ended) reaches it mid-search instead of after the round (CP-SAT and SCIP; a CBC
    step of the proof runs to its own limit, ``PROOF_STEP_SECONDS``)."""

    def __init__(self, deadline: float, should_stop: Callable[[], bool]) -> None:
        self.deadline = deadline
        self.should_stop = should_stop
        self.stopped = False
        self.lock = threading.Lock()
        self.solvers: set[cp_model.CpSolver | pywraplp.Solver] = set()
        self.over = threading.Event()
        self.watch = threading.Thread(target=self._watch, name="plans-stop", daemon=True)
        self.watch.start()

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def _watch(self) -> None:
        while not self.over.wait(STOP_POLL_SECONDS):
            if self.should_stop():
                with self.lock:
                    self.stopped = True
                    for solver in self.solvers:
                        if isinstance(solver, pywraplp.Solver):
                            solver.InterruptSolve()
                        else:
                            solver.stop_search()
                return

    def solve(
        self,
        solver: cp_model.CpSolver,
        model: cp_model.CpModel,
        callback: cp_model.CpSolverSolutionCallback | None = None,
    ) -> Any:
        with self.lock:
            if self.stopped:
                return cp_model.UNKNOWN
            self.solvers.add(solver)
        try:
            return solver.solve(model, callback)
        finally:
            with self.lock:
                self.solvers.discard(solver)

    def solve_mip(self, lp: pywraplp.Solver, most: float) -> int:
        """``lp`` solved within the time left and at most ``most`` seconds; a stop request
        interrupts a solver that can be (SCIP, not CBC). CBC counts the process's CPU
        time: beside a search on one worker its limit passes at about twice the wall
        clock's pace (alone, at its pace)."""
        with self.lock:
            if self.stopped or self.left() <= 0:
                return pywraplp.Solver.NOT_SOLVED
            self.solvers.add(lp)
        try:
            lp.SetTimeLimit(max(1, int(min(self.left(), most) * 1000)))
            exact = pywraplp.MPSolverParameters()
            # OPTIMAL must mean proven: the default relative gap (1e-4) would let a choice
            # 1 above the least pass for it on costs of 10,000 and more.
            exact.SetDoubleParam(pywraplp.MPSolverParameters.RELATIVE_MIP_GAP, 0.0)
            return int(lp.Solve(exact))
        finally:
            with self.lock:
                self.solvers.discard(lp)

    def close(self) -> None:
        self.over.set()
        self.watch.join()


STOP_POLL_SECONDS = 0.05


class _NoPlan(Exception):
    """A person has no plan within the time (or none at all): no bound from plans."""


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


TREE_GLOP = "use_preprocessing: false"
"""GLOP's settings for the master while the tree runs (:func:`_branch`): without presolve,
the trial solves (:meth:`_Tree.split`) start from the last basis (Curtois Instance8,
plans alone with the search's 1,308 known: 31 nodes in 48 s against 19). Not for the
rounds: without presolve Instance9 was proven in 52.8 s instead of 12 s, and Instance13
in 255 s instead of 148 s."""


class _Master:
    """The linear master, kept from round to round: new plans are added as columns and
    GLOP starts from the last basis.

    Why: rebuilt every round it cost more than the pricing once the path priced people
    (Curtois Instance12: 39 of 61 s, 23 s of it building rows)."""

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
        # last basis stays dual feasible: the dual simplex starts from it (Curtois
        # Instance8: 28 ms a trial against 133 ms).
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
            # of :class:`_Tree`, Curtois Instance7); built afresh, the same master solves.
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


SMOOTHING = 0.5
"""Weight of the best bound's prices when pricing plans (0: the master's prices only)."""


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
    the bound known so far; rounds stop half-way if they have not passed it (Curtois
    Instance12, 60 people x 10 shifts, was still at 0 after 30 s of rounds).
    ``should_stop``: polled while the plans run; once true, the search under way stops
    and the bound of the rounds so far comes back without a roster. ``rounds_over``: told
    the bound as soon as the rounds end, before the dives (:func:`_dives_for`), which price new
    plans with the time the rounds leave (none when they fell behind ``beat``), and again
    when the proof (:func:`_prove`, after the first dive) raises it. ``best_known``: the
    cost of the search's best roster, which the proof may show to be optimal (the bound
    then comes back at its cost)."""
    started = time.perf_counter()
    if not decomposable(scenario, calendar):
        return None
    seats = seats_of(scenario, calendar)
    people = [_person_model(scenario, p) for p in range(len(scenario.staff))]
    # The first roster's choice comes out of the same time.
    choose = min(FIRST_ROSTER_SECONDS, seconds / 4)
    deadline = started + seconds - choose
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
            halfway = time.perf_counter() - started > (running.deadline - started) / 2
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
                time.perf_counter() - started,
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
        # after the other dives, whose rosters then prune it (Curtois Instance8: dive 1,412,
        # bound 1,297; the tree first ended at 1,398 where the dives reached 1,308).
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
        seconds=time.perf_counter() - started,
    )


Dive = tuple[Literal["plans", "days"], int, int]
"""One dive: how it fixes (``"plans"``: a person's whole plan, :func:`_dive`; ``"days"``:
a person's shift or day off on one day, :func:`_day_dive`), at most this many rounds of new
plans between two steps, and ``part``: the plan dive fixes ``1 / part`` of the open people
in a step where the master is sure of nobody; the day dive ``1 / part`` of the days it is
unsure of, beside every day it is sure of."""

DIVES: tuple[Dive, ...] = (("plans", 10, 5), ("plans", 30, 8), ("plans", 30, 3))
"""The dives tried in turn for months of fewer than ``DAY_DIVE_PEOPLE`` people (the first
even without time left, the others while time is left). Each later dive starts with every
plan the earlier ones priced. Curtois, one thread, the path pricing: (10, 5) reached
1,148 / 1,952 / 4,632 on Instance5 / 6 / 10 (optima 1,143 / 1,950 / 4,631) and (30, 8)
1,258 / 2,053 / 4,631; (2, 3), the dive before the path, 3,764 on Instance11 where
(10, 5) reached the optimum 3,443."""

LARGE_DIVES: tuple[Dive, ...] = (
    ("days", 10, 5),
    ("plans", 10, 5),
    ("days", 30, 5),
    ("plans", 30, 8),
)
"""The dives for months of ``DAY_DIVE_PEOPLE`` people or more: a day at a time first.
Curtois, plans alone on one thread: the day dive reached the optima of Instance10, 11 and
12 (4,631 / 3,443 / 4,040) where the plan dive reached 4,632 / 3,443 / 4,391; on 5-8 it was
worse (1,254 / 2,044 / 1,356 / 2,440 against 1,146 / 1,951 / 1,059 / 1,412), on 9 the same
(439): benchmarks/README.md."""

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
    priced for a fractional mix (Curtois Instance6: 2,786 against the optimum 1,950 and a
    bound of 1,949); diving lets the later people's plans fit the earlier ones'."""
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

    Why: on large months the plan dive fixes whole plans the rest cannot fit around
    (Curtois Instance12: the master's value rose from the bound, 4,040, to 4,391 over the
    last 30 people); fixing days keeps each person free where the master is unsure, and
    it reached 4,040 (``LARGE_DIVES``)."""
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
                # move little, and pricing everyone took most of the dive (Instance13).
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
            # holding everyone to their most mixed plan at once gave 6,905 on Instance13.
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
    distance to the bound; steps go on until the bound meets ``best``. Curtois Instance5
    (bound 1,141, optimum 1,143, dive 1,148): 6,825 plans up to 1,142 give 1,145, then
    22,224 up to 1,143 give the optimum and prove it."""
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


OFF_DAY = -1
"""A day off among the values a branch leaves a (person, day)."""

Limits = Mapping[tuple[int, int], frozenset[int]]
"""A branch: (person, day) -> the shifts (or ``OFF_DAY``) that day may still have."""

Covers = Mapping[tuple[str, int, int], tuple[int, int]]
"""A branch on cover: (grade, day, shift) -> the fewest and most of the grade's people on
it."""


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

    Why: on Curtois 6, 7 and 8 the master's bound is whole and the rounds' cuts
    do not move it (1,949 / 1,054.08 / 1,296.57 against optima 1,950 / 1,056 / 1,300), and
    the plans near each person's best are too many to choose among (79,952 on Instance6
    within 1 of the bound). Branching moves the bound and finds rosters at once."""

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
"""At most this many rounds of :func:`_least_shortfall`'s own plans (Curtois Instance9: 1)."""


def _least_shortfall(
    people: list[_Person], plans: list[list[_Plan]], seats: list[Seat], running: _Running
) -> dict[str, int]:
    """Each grade's fewest places of soft seats that every roster leaves empty, as far as
    a count's own rounds of plans prove it (none when a person's rules have no path; the
    rounds so far when a person's path is too large).

    Why: a roster's empty places are a whole number, the master's are not. Curtois
    Instance9's master left 3.67 places empty (366.67 of its 405.67; the optimum is 439,
    400 of it for 4 places); no roster leaves fewer than 3.67, so none leaves fewer than
    4, and with that row (:meth:`_Master.cut_shortfall`) the master's bound is 439.
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
    which branch-and-bound on the LP closes where CP-SAT on one worker did not (Curtois
    Instance6, 11,440 plans: CBC 3.6 s, SCIP 13 s, CP-SAT unproven after 35 s)."""
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
    began = time.perf_counter()
    code = running.solve_mip(lp, PROOF_STEP_SECONDS)
    logger.debug("proof: MIP status %s in %.1f s", code, time.perf_counter() - began)
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


PROOF_PLANS = 25_000
"""At most this many plans in all for a step of :func:`_prove` (CBC chose among 22,224 on
Curtois Instance5 in 11 s; 31,833 on Instance7 were not done in 37 s)."""

PROOF_STEPS = 30
"""The steps of :func:`_prove` are tried only when the first dive's roster costs at most
this much above the bound (each step raises the bound by at least one). Further off, the
plans near each person's best hold no good roster and the MIP does not close in time
(Curtois Instance8: dive 1,412, bound 1,297; the first step took 4 s and found only 2,004,
and the dives that would have followed had no time left)."""

PROOF_STEP_SECONDS = 30.0
"""A step of :func:`_prove` (its MIP) takes at most this long (CBC: CPU seconds), whatever
the time left: CBC cannot be stopped, so a search that ends early may wait that long
for the plans (Instance5's decisive step took 13.4 s beside the search)."""


def _wishes(
    value: int, cells: frozenset[tuple[int, int]], prices: Mapping[tuple[int, int], int]
) -> int:
    """A path's plan cost (its wishes) from its value at ``prices``."""
    return (value + sum(prices.get(cell, 0) for cell in cells)) // PRICE_SCALE


def _own_prices(
    person: _Person, cells: Mapping[tuple[str, int, int], int]
) -> dict[tuple[int, int], int]:
    return {(d, s): price for (grade, d, s), price in cells.items() if grade == person.grade}


FIRST_ROSTER_SECONDS = 5.0
"""At most this long choosing one plan per person for the first roster."""


MIP_SOLVER = "CBC"
"""The MIP solver of :func:`_prove` (bundled with OR-Tools). On Curtois Instance5's 21,093
plans CBC took 14.6 s, SCIP 19.5 s and HiGHS 22.7 s alone; beside the search SCIP took 7.1
and 15.5 s for the first steps of Instance5 and 6, CBC 2.0 and 3.4 s. (SCIP could be
interrupted when the search ends; CBC runs to its limit, see ``_Running.solve_mip``.)"""
