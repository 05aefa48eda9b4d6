"""How fast swaps are judged and partners found in a 300-person month (issue 4 targets: a
verdict under 50 ms in process, suggestions under 2 s).

Builds a synthetic centre and solves it once (or loads that roster from a cache file, as
one ``staff_id,date,shift`` line per assignment), then times, in this process:

* ``swap_verdict`` on random swaps (a person's worked day handed to a colleague of the same
  grade and job type who is off, paid back on a day the colleague works and the person is
  off), each verdict also checked against the full ``check_roster`` diff;
* ``suggest_swaps`` for random (person, worked day) requests.

Prints the medians (and the slowest), plus how many verdicts were allowed.

    .venv/bin/python benchmarks/swap_speed.py --people 300 --verdicts 50 --requests 10
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from roster.checks import check_roster
from roster.checks.swap import suggest_swaps, swap_verdict
from roster.examples import synthetic_centre
from roster.model import Assignment, Roster, Scenario, Swap
from roster.solver import solve


def load_or_solve(scenario: Scenario, cache: Path, time_limit: float, seed: int) -> Roster:
    """The published roster of the benchmark: from the cache file, else solved and cached."""
    if cache.exists():
        with cache.open(newline="", encoding="utf-8") as handle:
            rows = [
                Assignment(r["staff_id"], dt.date.fromisoformat(r["date"]), r["shift"])
                for r in csv.DictReader(handle)
            ]
        print(f"roster: {len(rows)} assignments from {cache}")
        return Roster(tuple(rows))
    began = time.perf_counter()
    result = solve(scenario, time_limit=time_limit, workers=2, seed=seed, diagnose=False)
    if result.roster is None:
        raise SystemExit(f"no roster: {result.status}")
    print(
        f"roster: solved {result.status.value} in {time.perf_counter() - began:.1f} s, "
        f"objective {result.objective}; cached in {cache}"
    )
    with cache.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["staff_id", "date", "shift"])
        for a in result.roster.assignments:
            writer.writerow([a.staff_id, a.date.isoformat(), a.shift])
    return result.roster


def random_swaps(scenario: Scenario, roster: Roster, count: int, rng: random.Random) -> list[Swap]:
    """Plausible swap requests: like for like, B off on d1, B working and A off on d2."""
    works = {(a.staff_id, a.date) for a in roster.assignments}
    staff = list(scenario.staff)
    swaps: list[Swap] = []
    while len(swaps) < count:
        a = rng.choice(staff)
        d1 = rng.choice(scenario.days)
        if (a.id, d1) not in works:
            continue
        partners = [
            b
            for b in staff
            if b.id != a.id
            and b.grade == a.grade
            and b.job_type == a.job_type
            and (b.id, d1) not in works
        ]
        if not partners:
            continue
        b = rng.choice(partners)
        paybacks = [d for d in scenario.days if (b.id, d) in works and (a.id, d) not in works]
        if not paybacks:
            continue
        swaps.append(Swap(f"B{len(swaps)}", a.id, d1, b.id, rng.choice(paybacks)))
    return swaps


def time_command(scenario: Scenario, roster: Roster, swap: Swap, runs: int) -> list[float]:
    """Wall time of the whole command, process start to exit: what an agent waits for."""
    import subprocess

    from roster.io import write_scenario
    from roster.model import Result, SolveStatus
    from roster.reports.roster_workbook import write_roster_workbook

    folder = Path(tempfile.mkdtemp(prefix="roster-swap-cli-"))
    write_scenario(scenario, folder / "scenario")
    workbook = folder / "roster.xlsx"
    write_roster_workbook(workbook, scenario, Result(SolveStatus.FEASIBLE, 0, 0.0, 0.0, roster))
    command = [
        str(Path(sys.executable).parent / "roster"),
        "swap",
        "check",
        str(folder / "scenario"),
        "--roster",
        str(workbook),
        "--db",
        str(folder / "ledger.db"),
        "--staff",
        swap.staff_a,
        "--date",
        swap.date_a.isoformat(),
        "--with",
        swap.staff_b,
    ]
    if swap.date_b:
        command += ["--payback", swap.date_b.isoformat()]
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - began)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--pattern", default="2x12", choices=["2x12", "3x8"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--verdicts", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--time-limit", type=float, default=60.0, help="of the one solve")
    parser.add_argument("--cache", type=Path, default=None, help="roster cache (CSV)")
    parser.add_argument(
        "--cli", type=int, default=5, help="times to run `roster swap check` as a command"
    )
    args = parser.parse_args()

    scenario = synthetic_centre(args.people, pattern=args.pattern, seed=args.seed)
    cache = args.cache or Path(tempfile.gettempdir()) / (
        f"roster-swap-bench-{args.people}-{args.pattern}-{args.seed}.csv"
    )
    roster = load_or_solve(scenario, cache, args.time_limit, args.seed)
    before = set(check_roster(scenario, roster))
    print(f"{args.people} people, {scenario.num_days} days, {len(before)} violations before")
    rng = random.Random(args.seed)

    verdict_times = []
    allowed = 0
    mismatches = 0
    for swap in random_swaps(scenario, roster, args.verdicts, rng):
        began = time.perf_counter()
        verdict = swap_verdict(scenario, roster, swap)
        verdict_times.append(time.perf_counter() - began)
        allowed += verdict.allowed
        full = set(check_roster(scenario, verdict.after)) - before
        mismatches += full != set(verdict.new_violations)

    suggest_times = []
    options = []
    works = sorted({(a.staff_id, a.date) for a in roster.assignments})
    for staff_id, day in rng.sample(works, args.requests):
        began = time.perf_counter()
        found = suggest_swaps(scenario, roster, staff_id, day)
        suggest_times.append(time.perf_counter() - began)
        options.append(found.found)
        if not all(v.allowed for v in found.options):
            mismatches += 1

    ms = 1000.0
    print(
        f"swap_verdict:  median {statistics.median(verdict_times) * ms:7.1f} ms, "
        f"max {max(verdict_times) * ms:7.1f} ms over {len(verdict_times)} swaps "
        f"({allowed} allowed)"
    )
    print(
        f"suggest_swaps: median {statistics.median(suggest_times) * ms:7.1f} ms, "
        f"max {max(suggest_times) * ms:7.1f} ms over {len(suggest_times)} requests "
        f"(median {statistics.median(options):.0f} valid options)"
    )
    if args.cli:
        command_times = time_command(
            scenario, roster, random_swaps(scenario, roster, 1, rng)[0], args.cli
        )
        print(
            f"roster swap check (command line): median {statistics.median(command_times):.2f} s,"
            f" max {max(command_times):.2f} s over {len(command_times)} runs"
        )
    if mismatches:
        print(f"{mismatches} verdict(s) disagree with the full checker", file=sys.stderr)
        return 1
    print("every verdict agrees with the full checker diff")
    return 0


if __name__ == "__main__":
    sys.exit(main())
