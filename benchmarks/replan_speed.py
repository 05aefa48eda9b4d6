"""How fast a published month is re-planned after a late absence (issue 3 target: a
300-person month in under 5 s).

Builds a synthetic centre, solves it once to get a "published" roster, then re-plans a
series of absences (a different person and start day each time), judging each repaired
roster with the independent checker. Prints one row per absence and the median.

    .venv/bin/python benchmarks/replan_speed.py --people 300 --absences 7
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time

from roster.checks import check_roster, objective_of
from roster.examples import synthetic_centre
from roster.solver import solve
from roster.solver.repair import replan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--pattern", default="2x12", choices=["2x12", "3x8"])
    parser.add_argument("--absences", type=int, default=7)
    parser.add_argument(
        "--publish-time",
        type=float,
        default=60.0,
        help="time limit of the solve that makes the published roster",
    )
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    scenario = synthetic_centre(args.people, pattern=args.pattern, seed=args.seed)
    published = solve(
        scenario,
        time_limit=args.publish_time,
        workers=args.workers,
        seed=args.seed,
        diagnose=False,
    )
    if published.roster is None:
        print(f"no published roster: {published.status}", file=sys.stderr)
        return 1
    print(
        f"published: {args.people} people, {args.pattern}, {published.status.value}, "
        f"objective {published.objective}, {published.wall_time:.1f} s"
    )
    rng = random.Random(args.seed)
    workers_on = sorted({a.staff_id for a in published.roster.assignments})
    print(
        f"{'absent':>8} {'from':>10} {'status':>10} {'changes':>8} {'seconds':>8} "
        f"{'violations':>10} {'checker==solver':>15}"
    )
    times = []
    failures = 0
    for _ in range(args.absences):
        who = rng.choice(workers_on)
        start = scenario.start + dt.timedelta(days=rng.randrange(3, scenario.num_days - 3))
        began = time.perf_counter()
        repair = replan(
            scenario,
            published.roster,
            who,
            start,
            time_limit=args.time_limit,
            workers=args.workers,
            seed=args.seed,
        )
        seconds = time.perf_counter() - began
        times.append(seconds)
        roster = repair.result.roster
        if roster is None:
            failures += 1
            print(
                f"{who:>8} {start} {repair.result.status.value:>10} {'-':>8} {seconds:8.2f}"
                f"  {'; '.join(repair.reasons)[:80]}"
            )
            continue
        violations = len(check_roster(repair.scenario, roster))
        agrees = objective_of(repair.scenario, roster)[0] == repair.result.objective
        failures += violations > 0 or not agrees
        print(
            f"{who:>8} {start} {repair.result.status.value:>10} {len(repair.changes):>8} "
            f"{seconds:8.2f} {violations:>10} {agrees!s:>15}"
        )
    print(
        f"median re-plan time: {statistics.median(times):.2f} s over {len(times)} absences "
        f"(min {min(times):.2f}, max {max(times):.2f})"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
