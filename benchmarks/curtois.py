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
from pathlib import Path
from typing import Any

from ortools.sat.python import cp_model

from roster.io.curtois import (
    CurtoisInstance,
    assignment_of,
    curtois_to_scenario,
    read_curtois,
    score,
)
from roster.solver import solve

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


def solve_baseline(
    instance: CurtoisInstance, time_limit: float, workers: int
) -> tuple[str, int | None, int, float, dict[tuple[str, int], str]]:
    """(status, objective, bound, time to best, assignment) of the baseline model."""
    model, x = build_baseline(instance)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    callback = _BestTime()
    status = solver.solve(model, callback)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return name, None, int(solver.best_objective_bound), callback.best_at, {}
    assignment = {(e, d): s for (e, d, s), var in x.items() if solver.value(var)}
    return (
        name,
        round(solver.objective_value),
        round(solver.best_objective_bound),
        callback.best_at,
        assignment,
    )


def solve_project(
    instance: CurtoisInstance, time_limit: float, workers: int
) -> tuple[str, int | None, float, dict[tuple[str, int], str]]:
    """(status, objective, seconds, roster) of the project model on the imported instance."""
    started = time.perf_counter()
    result = solve(
        curtois_to_scenario(instance), time_limit=time_limit, workers=workers, diagnose=False
    )
    elapsed = time.perf_counter() - started
    if result.roster is None:
        return str(result.status), None, elapsed, {}
    return str(result.status), result.objective, elapsed, assignment_of(result.roster)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", type=Path, help="folder holding InstanceN.txt")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--instances", default="1-14")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("build/curtois"), help="CSV rosters")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    header = (
        f"{'inst':>4} {'status':>9} {'objective':>9} {'bound':>7} {'t_best':>7} "
        f"{'best known':>10} {'ratio':>6}  project model (status objective ratio time)"
    )
    print(f"baseline CP-SAT, {args.time_limit:g} s, {args.workers} workers")
    print(header)
    mismatches = 0
    for number in parse_range(args.instances):
        instance = read_curtois(args.folder / f"Instance{number}.txt")
        status, objective, bound, best_at, roster = solve_baseline(
            instance, args.time_limit, args.workers
        )
        best = BEST_KNOWN.get(number)
        note = ""
        if objective is not None:
            write_roster_csv(args.out / f"Instance{number}.baseline.csv", instance, roster)
            rescored, broken = score(instance, roster)
            if rescored != objective or broken:
                mismatches += 1
                note = f"  MISMATCH: score {rescored}, {len(broken)} hard breaches"
                for line in broken[:5]:
                    note += f"\n      {line}"
        ratio = f"{objective / best:.3f}" if objective is not None and best else "-"
        ours, ours_objective, ours_time, ours_roster = solve_project(
            instance, args.time_limit, args.workers
        )
        project = f"{ours} -"
        if ours_objective is not None:
            write_roster_csv(args.out / f"Instance{number}.project.csv", instance, ours_roster)
            rescored, broken = score(instance, ours_roster)
            ours_ratio = f"{ours_objective / best:.3f}" if best else "-"
            project = f"{ours} {ours_objective} {ours_ratio} {ours_time:.1f}s"
            if rescored != ours_objective or broken:
                mismatches += 1
                note += f"  PROJECT MISMATCH: score {rescored}, {len(broken)} hard breaches"
                for line in broken[:5]:
                    note += f"\n      {line}"
        print(
            f"{number:>4} {status:>9} {objective if objective is not None else '-':>9} "
            f"{bound:>7} {best_at:>7.1f} {best if best else '-':>10} {ratio:>6}  "
            f"{project}{note}",
            flush=True,
        )
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
