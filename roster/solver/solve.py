"""Run CP-SAT on a scenario and always return a :class:`Result`.

When there is no roster the result says why, in the centre's words: first a capacity
pre-check (who is free against what cover asks), then, if counting does not explain it,
a separate diagnostic solve with one assumption literal per hard rule. The production
solve never carries those literals: they weaken presolve and the bound.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from roster.calendar import Calendar
from roster.model import HARD_RULES, Result, Scenario, SolveStatus, relative_gap
from roster.solver.build import build_model
from roster.solver.decode import decode_penalties, decode_roster
from roster.solver.precheck import capacity_problems

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
    """Reports each improving roster and bound; remembers when the first roster came."""

    def __init__(self, started: float, hook: ProgressHook | None) -> None:
        super().__init__()
        self.started = started
        self.hook = hook
        self.first: float | None = None
        self.objective: float | None = None
        self.bound: float | None = None

    def on_solution_callback(self) -> None:
        now = time.perf_counter() - self.started
        if self.first is None:
            self.first = now
        self.objective = self.objective_value
        self.bound = self.best_objective_bound
        if self.hook:
            self.hook(Progress(now, self.objective, self.bound))

    def on_bound(self, bound: float) -> None:
        self.bound = bound
        if self.hook:
            self.hook(Progress(time.perf_counter() - self.started, self.objective, bound))


def make_solver(time_limit: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params: dict[str, Any] = {
        "max_time_in_seconds": float(time_limit),
        "num_workers": int(workers),
        "random_seed": int(seed),
        "log_search_progress": False,
    }
    for key, value in params.items():
        setattr(solver.parameters, key, value)
    # Soft costs that sum over many cover-bound cells (meetings, fairness) need the stronger
    # linear relaxation for a useful bound, and a month needs CP-SAT's first-solution and
    # LNS helpers for a quick first roster. On 2 workers: one full max_lp worker, the other
    # thread interleaving the helpers. Measured on synthetic 150-person months, 30 s:
    # CP-SAT's default 2-worker portfolio ended at 780 vs bound 588 (2x12) and never proved
    # it; this set-up proved 780 optimal in 13 s (benchmarks/README.md).
    if workers == 1:
        solver.parameters.linearization_level = 2
    elif workers == 2:
        solver.parameters.num_full_subsolvers = 1
        solver.parameters.subsolvers.append("max_lp")
    return solver


def solve(
    scenario: Scenario,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    progress: ProgressHook | None = None,
    diagnose: bool = True,
) -> Result:
    """Build and solve next month's roster.

    Parameters
    ----------
    time_limit, workers, seed
        CP-SAT's wall-clock limit in seconds, search workers and random seed. One worker and
        a fixed seed give the same roster every time.
    progress
        Called on every better roster and bound (the CLI prints a live line with it).
    diagnose
        When no roster is found, explain why (capacity pre-check, then a rule-by-rule
        diagnostic solve).
    """
    started = time.perf_counter()
    calendar = Calendar(scenario)
    built = build_model(scenario, calendar)
    solver = make_solver(time_limit, workers, seed)
    watcher = _Watcher(started, progress)
    if progress is not None:
        solver.best_bound_callback = watcher.on_bound
    code = solver.solve(built.model, watcher)
    status = STATUS_OF_CODE.get(code, SolveStatus.UNKNOWN)
    wall = time.perf_counter() - started
    settings = {
        "time_limit": time_limit,
        "workers": workers,
        "seed": seed,
        "build_time": round(built.build_time, 3),
        "variables": len(built.model.proto.variables),
        "constraints": len(built.model.proto.constraints),
    }
    if status.has_roster:
        penalties = decode_penalties(solver, built.penalties)
        # The roster's own cost, summed from its penalties. On large months stopped by the
        # time limit, CP-SAT 9.15's reported objective_value was seen to lag behind the
        # solution it returns (1,000 people: 21,782 reported, 7,032 for the roster).
        objective = sum(p.cost for p in penalties)
        reported = round(solver.objective_value) if built.model.has_objective() else 0
        if reported != objective:
            logger.info(
                "CP-SAT reported objective %s, the returned roster costs %s", reported, objective
            )
        bound = solver.best_objective_bound if built.model.has_objective() else 0.0
        return Result(
            status=status,
            objective=objective,
            bound=min(bound, objective),
            wall_time=wall,
            roster=decode_roster(solver, built.context.vars),
            penalties=tuple(penalties),
            first_solution_time=watcher.first,
            settings=settings,
        )
    reasons: list[str] = []
    if status == SolveStatus.UNKNOWN:
        reasons.append(
            f"No roster found within the time limit of {time_limit:g} s; the month may still "
            "be possible: try a longer --time-limit."
        )
    if diagnose:
        reasons.extend(explain_infeasibility(scenario, calendar, time_limit, workers, seed))
    return Result(
        status=status,
        objective=None,
        bound=None,
        wall_time=time.perf_counter() - started,
        roster=None,
        reasons=tuple(reasons),
        settings=settings,
    )


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
