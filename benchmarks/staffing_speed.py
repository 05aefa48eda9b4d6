"""How long ``roster staffing`` takes on a synthetic centre (target: under 60 s for 300 people).

Both modes are timed: ``keep`` (hires on top of the existing staff) and ``from_zero`` (least
headcount, existing staff set aside), each with the binding-rule explanation, and every
roster they return is judged by the independent checker.

    .venv/bin/python benchmarks/staffing_speed.py --people 300 --pattern 2x12
"""

from __future__ import annotations

import argparse
import sys
import time

from roster.checks import check_roster
from roster.examples import synthetic_centre
from roster.solver.staffing import find_staffing, summary_lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--pattern", default="2x12")
    parser.add_argument("--month", default="2026-03")
    parser.add_argument("--time-limit", type=float, default=50.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--modes", default="keep,from_zero")
    args = parser.parse_args()
    scenario = synthetic_centre(args.people, args.pattern, seed=0, month=args.month)
    failed = False
    for mode in args.modes.split(","):
        started = time.perf_counter()
        result = find_staffing(
            scenario, mode=mode, time_limit=args.time_limit, workers=args.workers, seed=0
        )
        wall = time.perf_counter() - started
        violations = (
            len(check_roster(result.scenario, result.roster))
            if result.scenario is not None and result.roster is not None
            else None
        )
        failed |= bool(violations) or wall > 60.0
        print("\n".join(summary_lines(result)))
        print(
            f"== {args.people} people, {args.pattern}, {mode}: {wall:.1f} s wall, "
            f"{len(result.hired)} hired, status {result.status}, violations {violations}, "
            f"slots {result.settings.get('slots')}\n"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
