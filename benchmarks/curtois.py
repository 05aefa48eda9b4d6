"""Curtois-Qu benchmark parity (issue 6): solve Instance1..14 and compare with the optima.

Each instance is solved twice at the same time limit and worker count: by a plain baseline
CP-SAT encoding written here (one Boolean per person, day and shift; every rule the direct
way), the yardstick, and by the project model itself (``curtois_to_scenario`` then
``roster.solver.solve``). Every roster is written as CSV and re-scored by the independent
``roster.io.curtois.score``; a disagreement with the solver's objective prints MISMATCH.

    .venv/bin/python benchmarks/curtois.py /work/shared/benchmarks/curtois \\
        --time-limit 60 --instances 1-14 --workers 2
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ortools.sat.python import cp_model

from roster.checks import check_roster, objective_of
from roster.io.curtois import (
    CurtoisInstance,
    assignment_of,
    curtois_to_scenario,
    read_curtois,
    roster_of,
    score,
)
from roster.solver import Progress, solve

BEST_KNOWN = {
    1: 607,
    2: 828,
    3: 1001,
    4: 1716,
    5: 1143,
    6: 1950,
    7: 1056,
    8: 1300,
    9: 439,
    10: 4631,
    11: 3443,
    12: 4040,
    13: 1348,
    14: 1278,
}


@dataclass
class Run:
    """One model's run on one instance, as the table prints it."""

    status: str
    objective: int | None
    bound: float | None
    best_at: float
    wall: float
    roster: dict[tuple[str, int], str] = field(default_factory=dict)


class _BestTime(cp_model.CpSolverSolutionCallback):
    """Records when the last (best) solution arrived, the benchmark's 'time to best'."""

    def __init__(self) -> None:
        super().__init__()
        self.start = time.perf_counter()
        self.best_at = float("nan")

    def on_solution_callback(self) -> None:
        self.best_at = time.perf_counter() - self.start


def _forbid_short_inner_runs(model: cp_model.CpModel, flags: list[Any], minimum: int) -> None:
    """No maximal run of ``flags`` shorter than ``minimum``, except runs touching either end.

    Pattern constraint: for a run of length L on days s..s+L-1 with s >= 1 and s+L <= H-1,
    not (not f[s-1] and f[s..s+L-1] and not f[s+L]).
    """
    horizon = len(flags)
    for length in range(1, minimum):
        for start in range(1, horizon - length):
            end = start + length
            model.add_bool_or(
                [flags[start - 1], *(~flags[d] for d in range(start, end)), flags[end]]
            )


def build_baseline(
    instance: CurtoisInstance,
) -> tuple[cp_model.CpModel, dict[tuple[str, int, str], cp_model.IntVar]]:
    """The baseline encoding: x[e, d, s] = 1 when employee e works shift s on day d."""
    model = cp_model.CpModel()
    horizon = instance.horizon
    days = range(horizon)
    x = {
        (e.id, d, s.id): model.new_bool_var(f"x_{e.id}_{d}_{s.id}")
        for e in instance.staff
        for d in days
        for s in instance.shifts
    }
    terms: list[cp_model.LinearExprT] = []
    for person in instance.staff:
        eid = person.id
        work: list[cp_model.IntVar] = []
        for d in days:
            w = model.new_bool_var(f"w_{eid}_{d}")
            model.add(sum(x[eid, d, s.id] for s in instance.shifts) == w)
            work.append(w)
        for s in instance.shifts:
            model.add(sum(x[eid, d, s.id] for d in days) <= person.max_shifts.get(s.id, 0))
        minutes = sum(s.length * x[eid, d, s.id] for d in days for s in instance.shifts)
        model.add_linear_constraint(minutes, person.min_minutes, person.max_minutes)
        window = person.max_consecutive + 1
        for start in range(horizon - window + 1):
            model.add(sum(work[start : start + window]) <= person.max_consecutive)
        _forbid_short_inner_runs(model, work, person.min_consecutive)
        _forbid_short_inner_runs(model, [~w for w in work], person.min_days_off)
        weekends = []
        for k in range(horizon // 7):
            worked = model.new_bool_var(f"we_{eid}_{k}")
            model.add_max_equality(worked, [work[7 * k + 5], work[7 * k + 6]])
            weekends.append(worked)
        model.add(sum(weekends) <= person.max_weekends)
        for d in instance.days_off.get(eid, frozenset()):
            model.add(work[d] == 0)
        for s in instance.shifts:
            for other in s.cannot_follow:
                for d in range(horizon - 1):
                    model.add_bool_or([~x[eid, d, s.id], ~x[eid, d + 1, other]])
    for r in instance.on_requests:
        terms.append(r.weight * (1 - x[r.employee, r.day, r.shift]))
    for r in instance.off_requests:
        terms.append(r.weight * x[r.employee, r.day, r.shift])
    for c in instance.cover:
        n = sum(x[e.id, c.day, c.shift] for e in instance.staff)
        under = model.new_int_var(0, c.requirement, f"under_{c.day}_{c.shift}")
        over = model.new_int_var(0, len(instance.staff), f"over_{c.day}_{c.shift}")
        model.add(n - c.requirement == over - under)
        terms.append(c.under_weight * under + c.over_weight * over)
    model.minimize(sum(terms))
    return model, x


def solve_baseline(instance: CurtoisInstance, time_limit: float, workers: int) -> Run:
    """The baseline model, CP-SAT's default portfolio on ``workers`` threads."""
    started = time.perf_counter()
    model, x = build_baseline(instance)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    callback = _BestTime()
    status = solver.solve(model, callback)
    name = solver.status_name(status)
    wall = time.perf_counter() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Run(name, None, solver.best_objective_bound, callback.best_at, wall)
    assignment = {(e, d): s for (e, d, s), var in x.items() if solver.value(var)}
    return Run(
        name,
        round(solver.objective_value),
        solver.best_objective_bound,
        callback.best_at,
        wall,
        assignment,
    )


def solve_project(instance: CurtoisInstance, time_limit: float, workers: int, preset: str) -> Run:
    """The project model on the imported instance (``roster.solver.solve``)."""
    started = time.perf_counter()
    best_at = [float("nan")]
    last: list[float | None] = [None]

    def record(p: Progress) -> None:
        if p.objective is not None and p.objective != last[0]:
            last[0] = p.objective
            best_at[0] = p.elapsed

    result = solve(
        curtois_to_scenario(instance),
        time_limit=time_limit,
        workers=workers,
        diagnose=False,
        progress=record,
        preset=preset,
    )
    wall = time.perf_counter() - started
    if result.roster is None:
        return Run(str(result.status), None, result.bound, best_at[0], wall)
    return Run(
        str(result.status),
        result.objective,
        result.bound,
        best_at[0],
        wall,
        assignment_of(result.roster),
    )


def verify(instance: CurtoisInstance, run: Run) -> str:
    """Re-score a roster with the benchmark's own scorer and with the project's checker
    (on the imported scenario); empty when both agree with the solver, else MISMATCH."""
    if run.objective is None:
        return ""
    scored, broken = score(instance, run.roster)
    scenario = curtois_to_scenario(instance)
    roster = roster_of(run.roster)
    checked, _ = objective_of(scenario, roster)
    violations = check_roster(scenario, roster)
    if scored == checked == run.objective and not broken and not violations:
        return ""
    note = (
        f"  MISMATCH: solver {run.objective}, score {scored}, checker {checked}, "
        f"{len(broken)} benchmark breaches, {len(violations)} checker violations"
    )
    for line in [*broken[:3], *(str(v) for v in violations[:3])]:
        note += f"\n      {line}"
    return note


def write_roster_csv(
    path: Path, instance: CurtoisInstance, roster: dict[tuple[str, int], str]
) -> None:
    """One row per employee, one column per day; an empty cell is a day off."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["employee", *range(instance.horizon)])
        for person in instance.staff:
            cells = [roster.get((person.id, d), "") for d in range(instance.horizon)]
            writer.writerow([person.id, *cells])


def parse_range(text: str) -> list[int]:
    """'1-4' or '1,3,5' (or a mix) into instance numbers."""
    numbers: list[int] = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        numbers.extend(range(int(low), int(high or low) + 1))
    return numbers


def _cells(run: Run, best: int | None) -> str:
    objective = "-" if run.objective is None else str(run.objective)
    bound = "-" if run.bound is None else f"{run.bound:.0f}"
    ratio = f"{run.objective / best:.3f}" if run.objective is not None and best else "-"
    best_at = "-" if run.best_at != run.best_at else f"{run.best_at:.1f}"  # NaN: no roster
    return f"{run.status:>9} {objective:>9} {bound:>7} {best_at:>6} {ratio:>6} {run.wall:>6.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", type=Path, help="folder holding InstanceN.txt")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--instances", default="1-14")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--preset", default="balanced", help="the project model's preset")
    parser.add_argument(
        "--no-baseline", action="store_true", help="run the project model only (quicker)"
    )
    parser.add_argument("--out", type=Path, default=Path("build/curtois"), help="CSV rosters")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    block = f"{'status':>9} {'objective':>9} {'bound':>7} {'t_best':>6} {'ratio':>6} {'wall':>6}"
    print(
        f"{args.time_limit:g} s, {args.workers} workers; ratio = objective / best known; "
        f"project preset {args.preset}"
    )
    print(f"{'':>4} {'':>10} | {'baseline CP-SAT':<48} | project model")
    print(f"{'inst':>4} {'best known':>10} | {block} | {block}")
    mismatches = 0
    for number in parse_range(args.instances):
        instance = read_curtois(args.folder / f"Instance{number}.txt")
        base = (
            Run("skipped", None, None, float("nan"), 0.0)
            if args.no_baseline
            else solve_baseline(instance, args.time_limit, args.workers)
        )
        ours = solve_project(instance, args.time_limit, args.workers, args.preset)
        best = BEST_KNOWN.get(number)
        note = ""
        for name, run in (("baseline", base), ("project", ours)):
            if run.objective is not None:
                write_roster_csv(args.out / f"Instance{number}.{name}.csv", instance, run.roster)
                found = verify(instance, run)
                if found:
                    mismatches += 1
                    note += f"  [{name}]{found}"
        print(
            f"{number:>4} {best if best else '-':>10} | {_cells(base, best)} | "
            f"{_cells(ours, best)}{note}",
            flush=True,
        )
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
