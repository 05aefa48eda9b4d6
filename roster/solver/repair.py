"""Repairs of a published roster: deciding pending leave (L9) and re-planning after a late
absence, each with the fewest changed cells (R17).

Both start from the published roster as a solution hint, keep every hard rule, and price
only what the team lead asked about: granted leave (R16) first, then changes (R17). Other
soft rules are switched off so a repair never reshuffles the month for fairness points.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from roster.calendar import Calendar
from roster.constraints import Penalty
from roster.model import (
    Change,
    LeaveRequest,
    Result,
    Roster,
    Scenario,
    SolveSettings,
    SolveStatus,
    Weights,
)
from roster.solver.build import BuiltModel, build_model
from roster.solver.clock import Deadline
from roster.solver.decode import decode_penalties, decode_roster
from roster.solver.precheck import capacity_problems, day_label
from roster.solver.solve import STATUS_OF_CODE, hint_roster, make_solver


@dataclass(frozen=True)
class Repair:
    """A repaired roster and what it took.

    ``scenario`` is the scenario the repair solved (with the absence added, other soft
    rules off); ``result.objective`` is priced on it, so ``objective_of(scenario, roster)``
    recomputes it. ``granted``/``refused`` are the L9 decisions of ``decide_leave``.
    """

    scenario: Scenario
    result: Result
    changes: tuple[Change, ...] = ()
    granted: tuple[str, ...] = ()
    refused: dict[str, str] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()


def repair_scenario(
    scenario: Scenario, published: Roster, *, keep_pending: Sequence[str] = ()
) -> Scenario:
    """The scenario a repair solves: the published roster as the reference for R17, the
    pending requests in ``keep_pending`` as R16 candidates, every other soft rule off."""
    leave = []
    for lv in scenario.leave:
        if lv.status == "pending" and lv.id not in keep_pending:
            lv = dataclasses.replace(lv, status="rejected")
        elif lv.status == "pending":
            # A request put to the decision is worth at least 1, or refusing it would cost
            # nothing and it would be "refused" for no reason.
            lv = dataclasses.replace(lv, weight=max(1, scenario.leave_weight(lv)))
        leave.append(lv)
    weights = Weights(
        qa_reach=0,
        meetings=0,
        fairness=0,
        request=0,
        pending_leave=scenario.weights.pending_leave,
        stability=scenario.weights.stability or 1,
        cover_over=0,
        cover_under=scenario.weights.cover_under,
        role_under=scenario.weights.role_under,
    )
    return scenario.replace(
        published=tuple(published.assignments),
        leave=tuple(leave),
        requests=(),
        weights=weights,
    )


def _cost(penalties: Sequence[Penalty], rule: str) -> cp_model.LinearExprT:
    return sum(p.weight * p.expr for p in penalties if p.rule == rule)


def _run(
    scenario: Scenario,
    published: Roster,
    frozen_days: int,
    time_limit: float,
    workers: int,
    seed: int,
    lexicographic: bool,
) -> tuple[Result, BuiltModel]:
    """Solve a repair: with ``lexicographic``, first grant the most leave weight (R16),
    then, keeping that, change the fewest cells (R17)."""
    clock = Deadline(time_limit)
    built = build_model(scenario, Calendar(scenario))
    hint_roster(built, published, frozen_days)
    model = built.model
    solver = make_solver(time_limit, workers, seed)
    if lexicographic and any(p.rule == "R16" for p in built.penalties):
        leave_cost = _cost(built.penalties, "R16")
        model.minimize(leave_cost)
        code = solver.solve(model)
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            # Keep the leave granted (priced from the roster itself, not from CP-SAT's
            # reported objective), start from this roster, and then change the fewest cells.
            granted_cost = sum(
                p.cost for p in decode_penalties(solver, built.penalties) if p.rule == "R16"
            )
            model.add(leave_cost <= granted_cost)
            model.minimize(_cost(built.penalties, "R17"))
            model.clear_hints()
            for var in built.context.vars.all_x():
                model.add_hint(var, solver.value(var))
            second = make_solver(clock.left(0.5), workers, seed)
            second_code = second.solve(model)
            if second_code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                solver, code = second, second_code
            else:
                code = cp_model.FEASIBLE  # the first step's roster stands, not the fewest changes
    else:
        code = solver.solve(model)
    status = STATUS_OF_CODE.get(code, SolveStatus.UNKNOWN)
    settings = SolveSettings(time_limit=time_limit, workers=workers, seed=seed)
    if not status.has_roster:
        return (
            Result(status, None, None, clock.elapsed(), None, settings=settings),
            built,
        )
    penalties = decode_penalties(solver, built.penalties)
    objective = sum(p.cost for p in penalties)
    result = Result(
        status=status,
        objective=objective,
        bound=min(objective, solver.best_objective_bound),
        wall_time=clock.elapsed(),
        roster=decode_roster(solver, built.context.vars),
        penalties=tuple(penalties),
        settings=dataclasses.replace(settings, build_time=round(built.build_time, 3)),
    )
    return result, built


def changes_between(
    scenario: Scenario, before: Roster, after: Roster, why: Callable[[str, dt.date], str]
) -> list[Change]:
    """Every person-day whose shift differs, in date then roster order."""
    old, new = before.by_person_day(), after.by_person_day()
    found = []
    for day in scenario.days:
        for person in scenario.staff:
            a = old.get((person.id, day), [])
            b = new.get((person.id, day), [])
            if sorted(a) != sorted(b):
                found.append(
                    Change(
                        person.id,
                        day,
                        "+".join(a) or None,
                        "+".join(b) or None,
                        why(person.id, day),
                    )
                )
    return found


def replan(
    scenario: Scenario,
    published: Roster,
    absent: str,
    start: dt.date,
    end: dt.date | None = None,
    *,
    kind: str = "sick",
    time_limit: float = 30.0,
    workers: int = 2,
    seed: int = 0,
) -> Repair:
    """Re-plan after ``absent`` drops out from ``start`` to ``end`` (default: the horizon's
    end): days before ``start`` stay as published; from ``start`` on, the fewest changes
    that meet every hard rule. The absent person's minimum shifts (R7) no longer binds."""
    try:
        person = scenario.person(absent)
    except KeyError:
        raise ValueError(f"unknown staff id {absent!r}") from None
    end = end or scenario.end
    if not scenario.start <= start <= end <= scenario.end:
        raise ValueError(
            f"the absence {start}..{end} must lie inside the horizon "
            f"{scenario.start}..{scenario.end}"
        )
    absence = LeaveRequest(
        id=f"absence-{absent}-{start.isoformat()}",
        staff_id=absent,
        start=start,
        end=end,
        type=kind,
        status="approved",
    )
    staff = tuple(
        dataclasses.replace(s, min_shifts=None) if s.id == absent else s for s in scenario.staff
    )
    base = repair_scenario(scenario, published)
    target = base.replace(staff=staff, leave=(*base.leave, absence))
    frozen = scenario.day_index(start)
    result, _ = _run(target, published, frozen, time_limit, workers, seed, lexicographic=False)
    name = person.name or absent

    def why(staff_id: str, day: dt.date) -> str:
        if staff_id == absent:
            return f"{name} absent ({kind.replace('_', ' ')}) from {start}"
        return f"covers for {name}"

    if result.roster is not None:
        changes = changes_between(target, published, result.roster, why)
        return Repair(target, result, tuple(changes))
    reasons = _no_repair_reasons(result, target, published, frozen, time_limit, workers, seed)
    result = dataclasses.replace(result, reasons=tuple(reasons))
    return Repair(target, result, reasons=tuple(reasons))


def decide_leave(
    scenario: Scenario,
    published: Roster,
    candidates: Sequence[str],
    *,
    time_limit: float = 30.0,
    workers: int = 2,
    seed: int = 0,
) -> Repair:
    """L9: which of the ``candidates`` (pending requests that pass L1-L8) can be granted
    together while every hard rule holds. Most weight granted first (R16), then the fewest
    changed cells (R17)."""
    pending = {lv.id for lv in scenario.pending_leave}
    unknown = [c for c in candidates if c not in pending]
    if unknown:
        raise ValueError(f"not a pending leave request: {', '.join(unknown)}")
    target = repair_scenario(scenario, published, keep_pending=candidates)
    result, _ = _run(target, published, 0, time_limit, workers, seed, lexicographic=True)
    if result.roster is None:
        reasons = _no_repair_reasons(result, target, published, 0, time_limit, workers, seed)
        result = dataclasses.replace(result, reasons=tuple(reasons))
        return Repair(target, result, reasons=tuple(reasons))
    table = result.roster.by_person_day()
    by_id = {lv.id: lv for lv in target.leave}
    granted: list[str] = []
    refused: dict[str, str] = {}
    for leave_id in candidates:
        lv = by_id[leave_id]
        if any((lv.staff_id, d) in table for d in lv.days()):
            refused[leave_id] = _refusal_reason(target, published, lv, time_limit, workers, seed)
        else:
            granted.append(leave_id)
    owners = {by_id[i].staff_id: by_id[i] for i in granted}

    def why(staff_id: str, day: dt.date) -> str:
        lv = owners.get(staff_id)
        if lv is not None and lv.covers(day):
            return f"leave {lv.id} granted"
        return "covers granted leave"

    changes = changes_between(target, published, result.roster, why)
    return Repair(target, result, tuple(changes), tuple(granted), refused)


def _refusal_reason(
    scenario: Scenario,
    published: Roster,
    leave: LeaveRequest,
    time_limit: float,
    workers: int,
    seed: int,
) -> str:
    """Why one request cannot be granted: alone it breaks a hard rule (say which), or it
    only conflicts with requests that are worth more or need fewer changes."""
    alone = scenario.replace(
        leave=tuple(
            dataclasses.replace(lv, status="approved")
            if lv.id == leave.id
            else (dataclasses.replace(lv, status="rejected") if lv.status == "pending" else lv)
            for lv in scenario.leave
        )
    )
    problems = capacity_problems(alone)
    if problems:
        return "cannot be granted: " + problems[0]
    limit = max(1.0, time_limit / 4)
    result, _ = _run(alone, published, 0, limit, workers, seed, lexicographic=False)
    if result.status == SolveStatus.INFEASIBLE:
        return "cannot be granted even alone: no roster keeps every hard rule with it"
    if result.roster is None:
        return "undecided: no roster found in time with it granted"
    return "conflicts with other requests granted instead (worth more or needing fewer changes)"


def _no_repair_reasons(
    result: Result,
    scenario: Scenario,
    published: Roster,
    frozen: int,
    time_limit: float,
    workers: int,
    seed: int,
) -> list[str]:
    """Explain only a proven impossibility; a time-out is a time-out, not a verdict."""
    if result.status != SolveStatus.INFEASIBLE:
        return [
            f"No roster found within the time limit of {time_limit:g} s; a repair may still "
            "exist: try a longer --time-limit."
        ]
    return _why_no_repair(scenario, published, frozen, time_limit, workers, seed)


def _why_no_repair(
    scenario: Scenario,
    published: Roster,
    frozen: int,
    time_limit: float,
    workers: int,
    seed: int,
) -> list[str]:
    """Name what cannot be covered, and the smallest relaxation that would allow a roster."""
    problems = capacity_problems(scenario)
    if problems:
        return problems[:10]
    limit = max(1.0, time_limit / 3)
    # 1. Cover made soft at a high price: the fewest empty seats, and where they are.
    soft = scenario.with_uniform_under(10 * len(scenario.staff) + 10, scenario.weights.role_under)
    result, _ = _run(soft, published, frozen, limit, workers, seed, lexicographic=False)
    if result.roster is not None:
        from roster.checks.coverage import coverage_rows  # the oracle's own count

        short = [r for r in coverage_rows(Calendar(soft), result.roster) if r.short > 0]
        if short:
            shift_names = {s.code: s.name or s.code for s in scenario.shifts}
            return [
                f"R1 COVER: {day_label(r.date)}, {shift_names[r.shift]} ({r.shift}): "
                f"{r.short} {r.requirement} seat{'s' if r.short > 1 else ''} cannot be "
                f"filled; smallest relaxation: call in {r.short} more {r.requirement} "
                f"agent{'s' if r.short > 1 else ''} on {day_label(r.date)} {r.shift}"
                for r in short
            ]
    # 2. One notch looser on runs and workload: the checker names who would need it.
    from roster.checks import check_roster

    rules = scenario.rules
    trials: list[tuple[str, Scenario]] = [
        (
            f"allow {rules.max_consecutive_days + 1} days in a row",
            scenario.replace(
                rules=dataclasses.replace(
                    rules, max_consecutive_days=rules.max_consecutive_days + 1
                )
            ),
        ),
        (
            "allow one more shift than max_shifts",
            scenario.replace(
                staff=tuple(
                    dataclasses.replace(s, max_shifts=s.max_shifts + 1)
                    if s.max_shifts is not None
                    else s
                    for s in scenario.staff
                )
            ),
        ),
    ]
    for label, relaxed in trials:
        result, _ = _run(relaxed, published, frozen, limit, workers, seed, lexicographic=False)
        if result.roster is not None:
            broken = check_roster(scenario, result.roster)
            if not broken:
                return ["A roster keeping every rule exists: the repair needs more time."]
            return [f"No roster keeps every rule. Smallest relaxation found: {label}:"] + [
                f"  {v}" for v in broken[:10]
            ]
    return ["No roster keeps every rule, even with cover, runs or workload one notch looser."]
