"""How fast a person's month plan is priced: the path over days against a CP-SAT search.

    .venv/bin/python benchmarks/pricing_speed.py /work/shared/benchmarks/curtois \
        --instances 4,7,12,13,14 --people 8 --prices 3 --repeats 3

For each Curtois instance, the first ``--people`` people are priced at ``--prices`` random
seat prices each (seeded), by the path (:mod:`roster.solver.pricing`, with the checker's
pass as the month plans do it) and by CP-SAT on the person's own model. Both must give the
same plan value (else MISMATCH, exit status 1). Prints the median over ``--repeats`` of
the total seconds of each, and their ratio.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import time
from pathlib import Path

from roster.io.curtois import curtois_to_scenario, read_curtois
from roster.solver import plans
from roster.solver.plans.columns import _best_plans, _person_model
from roster.solver.plans.running import _Running


def _graded(prices: dict[tuple[int, int], int]) -> dict[tuple[str, int, int], int]:
    return {("junior", d, s): price for (d, s), price in prices.items()}


def measure(folder: Path, n: int, people: int, draws: int, seed: int) -> tuple[float, float, int]:
    """Seconds by the path, seconds by CP-SAT, and how many values differed."""
    sc = curtois_to_scenario(read_curtois(folder / f"Instance{n}.txt"))
    rng = random.Random(seed + n)
    models = [_person_model(sc, p) for p in range(min(people, len(sc.staff)))]
    path_time = cp_time = 0.0
    differ = 0
    for person in models:
        alone = dataclasses.replace(person, rules=None)  # CP-SAT only
        for _ in range(draws):
            prices = _graded(
                {
                    (d, s): rng.randint(0, 120 * plans.PRICE_SCALE)
                    for d in range(sc.num_days)
                    for s in range(len(sc.shifts))
                }
            )
            running = _Running(time.perf_counter() + 60.0, lambda: False)
            try:
                started = time.perf_counter()
                _, by_path, _ = _best_plans(person, prices, running)
                path_time += time.perf_counter() - started
                started = time.perf_counter()
                _, by_cp_sat, _ = _best_plans(alone, prices, running)
                cp_time += time.perf_counter() - started
            finally:
                running.close()
            differ += by_path != by_cp_sat
    return path_time, cp_time, differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder holding InstanceN.txt")
    parser.add_argument("--instances", default="4,7,12,13,14")
    parser.add_argument("--people", type=int, default=8)
    parser.add_argument("--prices", type=int, default=3, help="random prices per person")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"{args.people} people x {args.prices} prices; medians of {args.repeats} runs")
    print("inst   path s  CP-SAT s  CP-SAT / path")
    failed = False
    for n in (int(x) for x in args.instances.split(",")):
        runs = [
            measure(args.folder, n, args.people, args.prices, args.seed)
            for _ in range(args.repeats)
        ]
        path = statistics.median(r[0] for r in runs)
        cp_sat = statistics.median(r[1] for r in runs)
        differ = max(r[2] for r in runs)
        note = f"  MISMATCH: {differ} plan values differ" if differ else ""
        failed |= bool(differ)
        print(f"{n:4d} {path:8.3f} {cp_sat:9.3f} {cp_sat / path:14.1f}{note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
