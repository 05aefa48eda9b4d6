"""Run CP-SAT on a scenario and always return a :class:`Result`.

When there is no roster the result says why, in the centre's words: first a capacity
pre-check (who is free against what cover asks), then, if counting does not explain it,
a separate diagnostic solve with one assumption literal per hard rule. The production
solve never carries those literals: they weaken presolve and the bound.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ortools.sat.python import cp_model

from roster.calendar import Calendar
from roster.checks import check_roster, objective_of
from roster.constraints import least_cost
from roster.constraints.fairness import Pin
from roster.model import (
    HARD_RULES,
    PenaltyItem,
    Result,
    Roster,
    Scenario,
    SolveSettings,
    SolveStatus,
    relative_gap,
)
from roster.solver.build import BuiltModel, build_model
from roster.solver.clock import Deadline
from roster.solver.decode import decode_penalties, decode_roster
from roster.solver.decompose import SliceSearch, joined_roster, slice_count
from roster.solver.decompose import common_counts as common_counts_of
from roster.solver.plans import PlanBound, decomposable, plan_bound
from roster.solver.precheck import capacity_problems
from roster.solver.presets import DEFAULT_PRESET, PRESETS, Preset, configure, preset_named

logger = logging.getLogger(__name__)

STATUS_OF_CODE = {
    cp_model.OPTIMAL: SolveStatus.OPTIMAL,
    cp_model.FEASIBLE: SolveStatus.FEASIBLE,
    cp_model.INFEASIBLE: SolveStatus.INFEASIBLE,
    cp_model.MODEL_INVALID: SolveStatus.MODEL_INVALID,
    cp_model.UNKNOWN: SolveStatus.UNKNOWN,
}


@dataclass(frozen=True)
class Progress:
    """A progress report for a live line: elapsed seconds, best objective, best bound."""

    elapsed: float
    objective: float | None
    bound: float | None

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)


ProgressHook = Callable[[Progress], None]


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Reports each improving roster and bound; remembers when the first roster came.

    ``floor`` is the cost every roster pays (``roster.constraints.least_cost``): the bound
    is never below it, and a roster that reaches it (or comes within ``gap_limit`` of the
    bound) ends the search. Handing CP-SAT the floor as the objective's domain instead made
    its search slower: 150 people proven in 12-19 s instead of 8-9 s.
    """

    def __init__(
        self,
        clock: Deadline,
        hook: ProgressHook | None,
        floor: float = 0.0,
        gap_limit: float = 0.0,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.hook = hook
        self.floor = floor
        self.gap_limit = gap_limit
        self.first: float | None = None
        self.objective: float | None = None
        self.bound: float | None = None
        self.out_of_patience = False

    def on_solution_callback(self) -> None:
        now = self.clock.elapsed()
        if self.first is None:
            self.first = now
        if self.out_of_patience:
            self.stop_search()
        self.objective = self.objective_value
        self.bound = max(self.best_objective_bound, self.floor)
        if self.hook:
            self.hook(Progress(now, self.objective, self.bound))
        gap = relative_gap(self.objective, self.bound)
        if gap is not None and gap <= self.gap_limit:
            self.stop_search()

    def on_bound(self, bound: float) -> None:
        self.bound = max(bound, self.floor)
        if self.hook:
            self.hook(Progress(self.clock.elapsed(), self.objective, self.bound))


def _patience_timer(
    solver: cp_model.CpSolver, watcher: _Watcher, patience: float | None, clock: Deadline
) -> threading.Timer | None:
    """After ``patience`` seconds of ``clock``: stop now if there is a roster, else at the
    first one (the watcher checks the flag)."""
    if patience is None:
        return None

    def expire() -> None:
        watcher.out_of_patience = True
        if watcher.first is not None:
            solver.stop_search()

    timer = threading.Timer(max(0.0, patience - clock.elapsed()), expire)
    timer.daemon = True
    timer.start()
    return timer


def make_solver(
    time_limit: float,
    workers: int,
    seed: int,
    preset: Preset | None = None,
    size: int = 0,
    *,
    quick: bool = False,
) -> cp_model.CpSolver:
    """A CpSolver with the preset's set-up; ``quick`` (a slice searched under patience)
    presolves once instead of to a fixed point, as its time goes to a first roster."""
    solver = cp_model.CpSolver()
    params: dict[str, Any] = {
        "max_time_in_seconds": float(time_limit),
        "num_workers": int(workers),
        "random_seed": int(seed),
        "log_search_progress": False,
    }
    if quick:
        params["max_presolve_iterations"] = 1
    for key, value in params.items():
        setattr(solver.parameters, key, value)
    configure(solver, preset or PRESETS[DEFAULT_PRESET], workers, size)
    return solver


def solve(
    scenario: Scenario,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    progress: ProgressHook | None = None,
    diagnose: bool = True,
    preset: str | Preset = DEFAULT_PRESET,
    patience: float | None = None,
    common_counts: Mapping[tuple[str, str], Pin] | None = None,
    start: Roster | None = None,
) -> Result:
    """Build and solve next month's roster.

    Parameters
    ----------
    time_limit, workers, seed
        CP-SAT's wall-clock limit in seconds, search workers and random seed. One worker and
        a fixed seed give the same roster every time. Where the month plans run beside the
        search (2+ workers), their thread takes one worker's place until the search ends or
        restarts from their roster.
    progress
        Called on every better roster and bound (the CLI prints a live line with it).
    diagnose
        When no roster is found, explain why (capacity pre-check, then a rule-by-rule
        diagnostic solve).
    preset
        ``fast``, ``balanced`` or ``thorough`` (:mod:`roster.solver.presets`): the gap at
        which to stop, and from what size a centre is first solved in slices.
    patience
        Seconds after which a search that has a roster stops; one without a roster goes on
        until its first (or ``time_limit``). The slices of a large centre use it.
    common_counts
        (grade, kind) -> the count of nights, weekend or holiday shifts everyone of that
        grade must work: a narrowing of the search, not a rule
        (``Context.pins``, :mod:`roster.constraints.fairness`). ``None``: a centre solved as one
        model first searches with :func:`roster.solver.decompose.common_counts` pinned,
        then openly; a large centre's slices pin them slice by slice. ``{}``: never pinned.
        The bound reported for a pinned search is the least cost of every roster only.
    start
        A roster to start the search from (every cell a CP-SAT hint); a large centre's
        slices are searched again from their own. With ``start`` or ``common_counts`` the
        whole month is one model, however large.
    """
    clock = Deadline(time_limit)
    chosen = preset if isinstance(preset, Preset) else preset_named(preset)
    calendar = Calendar(scenario)
    slices = 1
    # A search pinned or started from a roster is of the whole model (slices pin their own).
    whole_only = common_counts is not None or start is not None
    if (
        chosen.slice_from is not None
        and len(scenario.staff) >= chosen.slice_from
        and not whole_only
    ):
        slices = slice_count(scenario, chosen.slice_people)
    settings = SolveSettings(
        time_limit=time_limit, workers=workers, seed=seed, preset=chosen.name, slices=slices
    )
    floor = float(least_cost(scenario, calendar))
    joined: _Joined | None = None
    if slices > 1:
        joined = _solve_in_slices(scenario, slices, chosen, clock, workers, seed, floor)
        if joined is not None and progress is not None:
            progress(Progress(clock.elapsed(), joined.cost, joined.least))
        settings = replace(settings, slice_time=round(clock.elapsed(), 3))
        too_short = clock.left() < POLISH_SECONDS_PER_PERSON * len(scenario.staff)
        if joined is not None and (too_short or not _polish(scenario, chosen, slices, time_limit)):
            return joined.result(clock.elapsed(), settings)
        if joined is None and too_short:
            # Too little time for the whole model to find a roster (at 5,000 people it
            # takes 18 s and 5.7 GB just to build): say so instead of trying.
            return Result(
                status=SolveStatus.UNKNOWN,
                objective=None,
                bound=None,
                wall_time=clock.elapsed(),
                roster=None,
                reasons=(_slices_failed(slices, clock.elapsed()),),
                settings=settings,
            )
    if settings.slice_time is None:
        settings = replace(settings, slice_time=0.0)
    first_pinned = common_counts is None and start is None and patience is None
    small = len(scenario.staff) < PINNED_FIRST_PEOPLE
    if slices == 1 and small and first_pinned and chosen.pinned_share > 0:
        pins = common_counts_of(scenario, calendar)
        if pins:
            options = dict(workers=workers, seed=seed, preset=chosen)
            return _pinned_first(scenario, pins, time_limit, progress, diagnose, floor, options)
    planned = slices == 1 and patience is None and start is None and not common_counts
    beside = None
    if planned and _plans_apply(scenario, calendar, chosen, workers):
        beside = _PlansBeside(scenario, calendar, chosen, time_limit, seed)
    built = build_model(scenario, calendar, pins=common_counts)
    if joined is not None:
        hint_roster(built, joined.roster)
    elif start is not None:
        hint_roster(built, start)
    left = clock.left(0.1)
    size = len(scenario.staff) * scenario.num_days * len(scenario.shifts) ** 2
    # The plans' thread takes one of the workers' cores while it runs.
    searching = workers if beside is None else max(1, workers - BESIDE_PLANS)
    settings = replace(settings, search_workers=searching)
    solver = make_solver(left, searching, seed, chosen, size, quick=patience is not None)
    watcher = _Watcher(clock, progress, floor, chosen.gap_limit)
    if progress is not None or beside is not None:
        # The plans compare their bound with the search's as it rises.
        solver.best_bound_callback = watcher.on_bound
    timer = _patience_timer(solver, watcher, patience, clock)
    if beside is not None:
        beside.start(solver, watcher)
    code = solver.solve(built.model, watcher)
    if timer is not None:
        timer.cancel()
    plan = beside.finish() if beside is not None else None
    if plan is not None:
        left = clock.left()
        restart = _restart_from_plans(built, solver, code, plan, chosen, left)
        settings = replace(settings, plan_restart=restart)
    if settings.plan_restart:
        assert plan is not None
        assert plan.start is not None
        if code == cp_model.FEASIBLE:  # the first search's bound holds for the second's
            watcher.floor = max(watcher.floor, solver.best_objective_bound)
        built.model.clear_hints()
        hint_roster(built, plan.start)
        settings = replace(settings, search_workers=workers)
        solver = make_solver(left, workers, seed, chosen, size)
        if progress is not None:
            solver.best_bound_callback = watcher.on_bound
        code = solver.solve(built.model, watcher)
    floor = max(floor, watcher.floor)
    if plan is not None:
        floor = max(floor, float(plan.bound))
        settings = replace(
            settings,
            plan_bound=plan.bound,
            plan_rounds=plan.rounds,
            plan_time=round(plan.seconds, 3),
            plan_converged=plan.converged,
            plan_roster=plan.start_cost,
        )
    status = STATUS_OF_CODE.get(code, SolveStatus.UNKNOWN)
    wall = clock.elapsed()
    settings = replace(
        settings,
        build_time=round(built.build_time, 3),
        variables=len(built.model.proto.variables),
        constraints=len(built.model.proto.constraints),
    )
    penalties = decode_penalties(solver, built.penalties) if status.has_roster else []
    # The roster's own cost, summed from its penalties. On large months stopped by the
    # time limit, CP-SAT 9.15's reported objective_value was seen to lag behind the
    # solution it returns (1,000 people: 21,782 reported, 7,032 for the roster).
    objective = sum(p.cost for p in penalties)
    if joined is not None and (not status.has_roster or objective > joined.cost):
        # The whole model found nothing better in the time left: the joined slices stand,
        # with CP-SAT's bound when it has one.
        if status in (SolveStatus.INFEASIBLE, SolveStatus.MODEL_INVALID):
            logger.warning(
                "the whole model is %s but the joined slices keep every rule: "
                "the model and the checker disagree",
                status.value,
            )
        bound = solver.best_objective_bound if status.has_roster else joined.least
        return dataclasses.replace(joined, least=max(joined.least, bound)).result(wall, settings)
    planned_cost = plan.start_cost if plan is not None else None
    proven_none = status in (SolveStatus.INFEASIBLE, SolveStatus.MODEL_INVALID)
    cheaper = planned_cost is not None and (not status.has_roster or planned_cost < objective)
    if cheaper and not proven_none:
        # The plans' own roster beats the search's: it stands, priced by the checker.
        assert plan is not None
        return _plans_roster(scenario, plan, floor, solver, status, wall, settings)
    if status.has_roster:
        reported = round(solver.objective_value) if built.model.has_objective() else 0
        if reported != objective:
            logger.info(
                "CP-SAT reported objective %s, the returned roster costs %s", reported, objective
            )
        bound = solver.best_objective_bound if built.model.has_objective() else 0.0
        if common_counts:
            bound = 0.0  # CP-SAT's bound is for the pinned rosters only, not for all.
        bound = max(bound, floor)
        # Optimal exactly when no roster can cost less. CP-SAT also says OPTIMAL when it
        # stops at a preset's relative gap limit: that roster is only within the gap.
        status = SolveStatus.OPTIMAL if objective <= bound else SolveStatus.FEASIBLE
        return Result(
            status=status,
            objective=objective,
            bound=min(bound, objective),
            wall_time=wall,
            roster=decode_roster(solver, built.context.vars),
            penalties=tuple(penalties),
            first_solution_time=joined.found_at if joined is not None else watcher.first,
            settings=settings,
        )
    reasons: list[str] = []
    if status == SolveStatus.UNKNOWN:
        reasons.append(_no_roster_in_time(time_limit))
        if slices > 1:
            reasons.append(_slices_failed(slices, settings.slice_time or 0.0))
    if diagnose:
        reasons.extend(explain_infeasibility(scenario, calendar, time_limit, workers, seed))
    return Result(
        status=status,
        objective=None,
        bound=None,
        wall_time=clock.elapsed(),
        roster=None,
        reasons=tuple(reasons),
        settings=settings,
    )


def _restart_from_plans(
    built: BuiltModel,
    solver: cp_model.CpSolver,
    code: Any,
    plan: PlanBound,
    preset: Preset,
    left: float,
) -> bool:
    """Whether the search starts again from the plans' roster for the time ``left``: only
    when the rounds converged (the dived roster is then close to their bound), the search
    stopped unproven, its roster costs more, and the preset's gap is not yet met.

    Why restart at all: a search stopped on its own roster loses what it learned, but the
    converged plans' roster is often far better than that roster (benchmarks/HISTORY.md §18)."""
    if not plan.converged or plan.start_cost is None or left < RESTART_SECONDS:
        return False
    if code not in (cp_model.FEASIBLE, cp_model.UNKNOWN):
        return False
    bound = float(plan.bound)
    if code == cp_model.FEASIBLE:
        found = sum(p.cost for p in decode_penalties(solver, built.penalties))
        if plan.start_cost >= found:
            return False
        bound = max(bound, solver.best_objective_bound)
    gap = relative_gap(plan.start_cost, bound)
    return gap is not None and gap > preset.gap_limit


def _plans_apply(scenario: Scenario, calendar: Calendar, preset: Preset, workers: int) -> bool:
    """Priced month plans (:mod:`roster.solver.plans`) where people share only cover
    seats and are few enough for a round of plans to pay. (Only with 2+ workers:
    the plans take a thread, and one worker with a fixed seed must give the same roster
    every time, which a floor arriving from another thread would not.)"""
    if workers < 2 or preset.plan_share == 0 or len(scenario.staff) > PLAN_PEOPLE:
        return False
    return decomposable(scenario, calendar)


class _PlansBeside:
    """Each person's priced month plans (:mod:`roster.solver.plans`) in a thread beside
    the search: when their rounds end (and again when their proof raises it), their bound
    becomes the watcher's floor (a roster at it ends the search); when the dive ends,
    their roster stands if it is cheaper than the search's, and if the rounds converged
    the search stops to start again from it (:func:`_restart_from_plans`).

    Why beside and not before: a search cut in two (a short one, the plans, then a search
    from the better roster) ended worse than one search of the whole time, and the bound
    counts without being in the search's model. Only a converged dive's roster is worth
    the restart."""

    def __init__(
        self,
        scenario: Scenario,
        calendar: Calendar,
        preset: Preset,
        time_limit: float,
        seed: int,
    ) -> None:
        self.scenario = scenario
        self.calendar = calendar
        self.seconds = min(time_limit * preset.plan_share, PLAN_SECONDS)
        self.seed = seed
        self.done = threading.Event()
        self.plan: PlanBound | None = None
        self.thread: threading.Thread | None = None

    def start(self, solver: cp_model.CpSolver, watcher: _Watcher) -> None:
        def floor(bound: int) -> None:
            watcher.floor = max(watcher.floor, float(bound))
            if watcher.objective is not None and watcher.objective <= watcher.floor:
                solver.stop_search()

        def run() -> None:
            try:
                plan = plan_bound(
                    self.scenario,
                    self.calendar,
                    self.seconds,
                    workers=1,
                    seed=self.seed,
                    beat=lambda: watcher.bound or 0.0,
                    should_stop=self.done.is_set,
                    rounds_over=floor,
                    best_known=lambda: watcher.objective,
                )
            except Exception:  # the plans only ever add to the search: never end it
                logger.exception("month plans failed; the search goes on without them")
                return
            self.plan = plan
            if plan is None or self.done.is_set():
                return
            floor(plan.bound)
            found = watcher.objective
            cost = plan.start_cost
            if cost is None or not (cost <= plan.bound or plan.converged):
                return
            # Proven best, or a roster the search may restart from (see solve).
            if found is None or cost < found:
                solver.stop_search()

        self.thread = threading.Thread(target=run, name="month-plans", daemon=True)
        self.thread.start()

    def finish(self) -> PlanBound | None:
        """Stops rounds still running (the search has ended) and returns the plans."""
        self.done.set()
        if self.thread is not None:
            self.thread.join()
        return self.plan


def _plans_roster(
    scenario: Scenario,
    plan: PlanBound,
    floor: float,
    solver: cp_model.CpSolver,
    status: SolveStatus,
    wall: float,
    settings: SolveSettings,
) -> Result:
    assert plan.start is not None  # and it keeps every hard rule: plan_bound checked it
    cost, items = objective_of(scenario, plan.start)
    bound = max(floor, solver.best_objective_bound if status.has_roster else 0.0)
    return Result(
        status=SolveStatus.OPTIMAL if cost <= bound else SolveStatus.FEASIBLE,
        objective=cost,
        bound=min(bound, cost),
        wall_time=wall,
        roster=plan.start,
        penalties=tuple(items),
        first_solution_time=plan.seconds,
        settings=settings,
    )


PLAN_SECONDS = 240.0
"""The plans beside the search (rounds, dives and the choice of their roster) stop after
this long, whatever the time limit: long enough for the rounds of a 120-person month to
converge on one thread and for the dive after them (benchmarks/HISTORY.md §18)."""


BESIDE_PLANS = 1
"""Workers the search gives up to the plans' thread beside it: with both, three busy
threads shared two cores and the dive had no time (benchmarks/HISTORY.md §18)."""


RESTART_SECONDS = 2.0
"""The search restarts from a cheaper plans' roster only with at least this long left:
less would not pay for loading the model again."""


PLAN_PEOPLE = 200
"""Above this many people a round of plans takes too long for the bound to pay within a
usual time limit."""


PINNED_FIRST_PEOPLE = 600
"""Centres below this size search first with ``common_counts`` pinned (larger ones are
solved in slices, which pin them slice by slice)."""


def _pinned_first(
    scenario: Scenario,
    pins: Mapping[tuple[str, str], Pin],
    time_limit: float,
    progress: ProgressHook | None,
    diagnose: bool,
    floor: float,
    options: dict[str, Any],
) -> Result:
    """Search with everyone's counts pinned (``Context.pins``) for the preset's share of the
    time; a roster there at the least cost any roster can have (or within the preset's gap
    of it) is the answer, else the open search goes on from it for the rest of the time.

    Why: evening out R14's spread is most of a month's search; pinned counts reach the
    optimum about three times sooner (benchmarks/HISTORY.md §4). The least cost
    (``least_cost``) bounds every roster, pinned or not, so a pinned roster that reaches it
    is proven best for the centre.
    """
    clock = Deadline(time_limit)
    preset: Preset = options["preset"]

    def shifted(offset: float, pinned: bool) -> ProgressHook | None:
        if progress is None:
            return None
        hook = progress
        # The pinned search's own bound holds for pinned rosters only: show the floor.
        return lambda p: hook(
            Progress(p.elapsed + offset, p.objective, floor if pinned else p.bound)
        )

    first = solve(
        scenario,
        time_limit=time_limit * preset.pinned_share,
        progress=shifted(0.0, pinned=True),
        diagnose=False,
        common_counts=pins,
        **options,
    )
    pinned_time = clock.elapsed()
    left = clock.left()

    def finish(result: Result, **changes: Any) -> Result:
        settings = replace(
            result.settings, time_limit=time_limit, pinned_time=round(pinned_time, 3)
        )
        return dataclasses.replace(result, wall_time=clock.elapsed(), settings=settings, **changes)

    gap = first.gap
    if first.status is SolveStatus.OPTIMAL or (gap is not None and gap <= preset.gap_limit):
        return finish(first)
    # Too little time left for the open model to be built again and pass its start.
    build = first.settings.build_time or 0.0
    if first.roster is not None and left < max(1.0, 2 * build):
        return finish(first)
    second = solve(
        scenario,
        time_limit=max(0.1, left),
        progress=shifted(pinned_time, pinned=False),
        diagnose=diagnose and first.roster is None,
        common_counts={},
        start=first.roster,
        **options,
    )
    if first.roster is not None and (
        second.roster is None or (second.objective or 0) > (first.objective or 0)
    ):
        # The open search found nothing better in its time: the pinned roster stands.
        bound = max(floor, second.bound or 0.0) if second.roster is not None else floor
        assert first.objective is not None
        status = SolveStatus.OPTIMAL if first.objective <= bound else SolveStatus.FEASIBLE
        return finish(first, status=status, bound=min(bound, first.objective))
    found = first.first_solution_time
    if found is None and second.first_solution_time is not None:
        found = pinned_time + second.first_solution_time
    late = _no_roster_in_time(max(0.1, left))
    reasons = tuple(_no_roster_in_time(time_limit) if r == late else r for r in second.reasons)
    return finish(second, first_solution_time=found, reasons=reasons)


def _no_roster_in_time(time_limit: float) -> str:
    return (
        f"No roster found within the time limit of {time_limit:g} s; the month may still "
        "be possible: try a longer --time-limit."
    )


POLISH_SECONDS_PER_PERSON = 0.06
"""The whole model improves on the joined slices only with about this much time per
person, for its build and presolve before its first roster."""


def _slices_failed(slices: int, seconds: float) -> str:
    return (
        f"The centre was first solved in {slices} slices, which gave no roster of the whole "
        f"in {seconds:g} s: try a longer --time-limit, or --preset thorough to solve it as "
        "one model."
    )


JOIN_SECONDS_PER_PERSON = 0.002
"""Kept back from the slices for splitting, joining and checking the roster of the whole
centre, so that a large month ends within its time limit."""


def _slice_budget(scenario: Scenario, preset: Preset, slices: int, time_limit: float) -> float:
    """Seconds for the slices: ``slice_seconds`` each when the whole model has time to
    polish their roster afterwards, else the whole time limit less the join."""
    if _polish(scenario, preset, slices, time_limit):
        return preset.slice_seconds * slices
    return max(1.0, time_limit - JOIN_SECONDS_PER_PERSON * len(scenario.staff))


def _polish(scenario: Scenario, preset: Preset, slices: int, time_limit: float) -> bool:
    left = time_limit - preset.slice_seconds * slices
    return left >= POLISH_SECONDS_PER_PERSON * len(scenario.staff)


@dataclass(frozen=True)
class _Joined:
    """The joined slices' roster, priced by the checker on the whole centre, and the
    least cost any roster can have as far as it is known."""

    roster: Roster
    cost: int
    items: tuple[PenaltyItem, ...]
    least: float
    found_at: float

    def result(self, wall: float, settings: SolveSettings) -> Result:
        return Result(
            status=SolveStatus.OPTIMAL if self.cost <= self.least else SolveStatus.FEASIBLE,
            objective=self.cost,
            bound=min(self.least, self.cost),
            wall_time=wall,
            roster=self.roster,
            penalties=self.items,
            first_solution_time=self.found_at,
            settings=settings,
        )


def _solve_in_slices(
    scenario: Scenario,
    slices: int,
    preset: Preset,
    clock: Deadline,
    workers: int,
    seed: int,
    least: float,
) -> _Joined | None:
    """The slices' joined roster, or ``None`` when a slice has none or the join breaks a
    hard rule of the whole (a swap between two slices, say): the whole model then starts
    from nothing."""
    whole = dataclasses.replace(preset, slice_from=None)

    def one(part: Scenario, search: SliceSearch) -> Result:
        return solve(
            part,
            time_limit=search.limit,
            workers=workers,
            seed=seed,
            diagnose=False,
            preset=whole,
            patience=search.share,
            common_counts=search.pins,
            start=search.start,
        )

    budget = _slice_budget(scenario, preset, slices, clock.seconds)
    roster = joined_roster(scenario, slices, budget, one)
    if roster is None or check_roster(scenario, roster):
        return None
    cost, items = objective_of(scenario, roster)
    return _Joined(roster, cost, tuple(items), least, clock.elapsed())


def hint_roster(built: BuiltModel, roster: Roster, frozen_days: int = 0) -> None:
    """Every roster cell as a hint, so CP-SAT's first workers start from it; the days before
    ``frozen_days`` are fixed as they are in it (a re-plan keeps the past)."""
    scenario = built.context.scenario
    v = built.context.vars
    table = roster.by_person_day()
    for p, person in enumerate(scenario.staff):
        for d, day in enumerate(scenario.days):
            codes = table.get((person.id, day), [])
            for s, shift in enumerate(scenario.shifts):
                value = int(shift.code in codes)
                built.model.add_hint(v.x(p, d, s), value)
                if d < frozen_days:
                    built.model.add(v.x(p, d, s) == value)


def _rule_name(rule: str) -> str:
    return f"{rule} {HARD_RULES.get(rule, '')}".strip()


def explain_infeasibility(
    scenario: Scenario,
    calendar: Calendar | None = None,
    time_limit: float = 30.0,
    workers: int = 2,
    seed: int = 0,
) -> list[str]:
    """Why no roster exists: capacity first, then which hard rules are in conflict."""
    calendar = calendar or Calendar(scenario)
    problems = capacity_problems(scenario, calendar)
    if problems:
        shown = problems[:20]
        more = len(problems) - len(shown)
        return shown + ([f"... and {more} more like these"] if more > 0 else [])

    built = build_model(scenario, calendar, diagnose=True)
    guards = built.guards or {}
    limit = max(1.0, min(time_limit, 30.0))
    solver = make_solver(limit, workers, seed)
    built.model.add_assumptions(list(guards.values()))
    code = solver.solve(built.model)
    if code == cp_model.UNKNOWN:
        return ["The diagnosis ran out of time before finding the conflicting rules."]
    if code != cp_model.INFEASIBLE:
        return ["With every rule on, a roster exists: the main solve needs more time."]
    core = set(solver.sufficient_assumptions_for_infeasibility())
    in_core = [rule for rule, lit in guards.items() if lit.index in core] or list(guards)
    freeing: list[str] = []
    for rule in in_core:
        built.model.clear_assumptions()
        built.model.add_assumptions([lit for r, lit in guards.items() if r != rule])
        if solver.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            freeing.append(rule)
    reasons = [
        "No roster meets every rule together. Rules in conflict: "
        + ", ".join(_rule_name(r) for r in in_core)
        + "."
    ]
    if freeing:
        reasons.append(
            "Relaxing any one of these alone would allow a roster: "
            + ", ".join(_rule_name(r) for r in freeing)
            + "."
        )
    else:
        reasons.append("No single rule's removal is enough: several must give way together.")
    return reasons
