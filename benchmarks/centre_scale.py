"""How the solver scales with the size of the centre: synthetic months of 100 to 1,000 people.

For each size and shift pattern a fresh Python process builds ``synthetic_centre``, solves it
with ``roster.solver.solve``, judges the roster with the independent checker and reports one
JSON line; running each case in its own process makes its peak memory its own. The parent
prints a table (and, with ``--json``, saves the rows).

    .venv/bin/python benchmarks/centre_scale.py --sizes 100,300,1000 --patterns 2x12,3x8

The exit status is 1 when any roster breaks a hard rule or the checker's objective differs
from the solver's, so the script doubles as a large-scale consistency test.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

COLUMNS: list[tuple[str, str, str]] = [
    # (key, header, format)
    ("people", "people", "{}"),
    ("pattern", "pattern", "{}"),
    ("preset", "preset", "{}"),
    ("slices", "slices", "{}"),
    ("seed", "seed", "{}"),
    ("build_s", "build s", "{:.2f}"),
    ("first_s", "first roster s", "{:.2f}"),
    ("wall_s", "wall s", "{:.1f}"),
    ("objective", "objective", "{}"),
    ("bound", "bound", "{:.0f}"),
    ("gap_pct", "gap %", "{:.2f}"),
    ("status", "status", "{}"),
    ("violations", "violations", "{}"),
    ("checker_agrees", "checker==solver", "{}"),
    ("peak_mb", "peak MB", "{:.0f}"),
]


def _peak_mb(usage_kb: float) -> float:
    """ru_maxrss is kilobytes on Linux and bytes on macOS."""
    return usage_kb / 1024 / (1024 if sys.platform == "darwin" else 1)


def run_case(
    people: int,
    pattern: str,
    month: str,
    time_limit: float,
    workers: int,
    seed: int,
    solver_seed: int,
    preset: str = "balanced",
) -> dict[str, Any]:
    """One benchmark case, in this process: generate, solve, check."""
    from roster.checks import check_roster, objective_of
    from roster.examples import synthetic_centre
    from roster.solver import solve

    started = time.perf_counter()
    scenario = synthetic_centre(people, pattern, seed=seed, month=month)
    generate_s = time.perf_counter() - started
    result = solve(
        scenario,
        time_limit=time_limit,
        workers=workers,
        seed=solver_seed,
        progress=None,
        diagnose=False,
        preset=preset,
    )
    row: dict[str, Any] = {
        "people": people,
        "pattern": pattern,
        "month": month,
        "seed": solver_seed,
        "preset": preset,
        "slices": result.settings.get("slices"),
        "generate_s": generate_s,
        "build_s": result.settings.get("build_time"),
        "first_s": result.first_solution_time,
        "wall_s": result.wall_time,
        "objective": result.objective,
        "bound": result.bound,
        "gap_pct": None if result.gap is None else 100 * result.gap,
        "status": result.status.value,
        "violations": None,
        "checker_agrees": None,
    }
    if result.roster is not None:
        checked = time.perf_counter()
        row["violations"] = len(check_roster(scenario, result.roster))
        cost, _ = objective_of(scenario, result.roster)
        row["checker_objective"] = cost
        row["checker_agrees"] = cost == result.objective
        row["check_s"] = time.perf_counter() - checked
    row["peak_mb"] = _peak_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return row


def run_child(
    args: argparse.Namespace, people: int, pattern: str, solver_seed: int, preset: str
) -> dict[str, Any]:
    """Run one case in a fresh interpreter and read back its JSON line."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        f"{people}:{pattern}:{solver_seed}:{preset}",
        "--time-limit",
        str(args.time_limit),
        "--workers",
        str(args.workers),
        "--seed",
        str(args.seed),
        "--month",
        args.month,
    ]
    base: dict[str, Any] = {
        "people": people,
        "pattern": pattern,
        "seed": solver_seed,
        "preset": preset,
    }
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=args.time_limit * 3 + 600,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {**base, "status": "TIMEOUT"}
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        print(f"  case {people} {pattern} failed: {tail[0]}", file=sys.stderr)
        return {**base, "status": "CRASH"}
    row: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return row


def format_table(rows: list[dict[str, Any]]) -> str:
    cells = [[header for _, header, _ in COLUMNS]]
    for row in rows:
        line = []
        for key, _, fmt in COLUMNS:
            value = row.get(key)
            line.append("-" if value is None else fmt.format(value))
        cells.append(line)
    widths = [max(len(r[i]) for r in cells) for i in range(len(COLUMNS))]
    out = []
    for n, line in enumerate(cells):
        out.append("  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def _csv_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Solve synthetic centres of several sizes and report time, quality, memory."
    )
    parser.add_argument("--sizes", default="100,300,1000", help="people, comma-separated")
    parser.add_argument("--patterns", default="2x12,3x8", help="2x12 and/or 3x8")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per solve")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT search workers")
    parser.add_argument("--seed", type=int, default=0, help="scenario seed; solver seed + repeat")
    parser.add_argument("--repeats", type=int, default=1, help="solves per case (solver seeds)")
    parser.add_argument("--month", default="2027-03", help="month of the synthetic centres")
    parser.add_argument(
        "--presets",
        default="balanced",
        help="solver presets to compare, comma-separated (fast, balanced, thorough)",
    )
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        people, pattern, solver_seed, preset = args.child.split(":")
        row = run_case(
            int(people),
            pattern,
            args.month,
            args.time_limit,
            args.workers,
            args.seed,
            int(solver_seed),
            preset,
        )
        print(json.dumps(row))
        return 0

    sizes = [int(s) for s in _csv_list(args.sizes)]
    patterns = _csv_list(args.patterns)
    rows: list[dict[str, Any]] = []
    for people in sizes:
        for pattern in patterns:
            for preset in _csv_list(args.presets):
                for repeat in range(args.repeats):
                    print(
                        f"solving {people} people, {pattern}, {preset}, repeat {repeat + 1} ...",
                        file=sys.stderr,
                    )
                    rows.append(run_child(args, people, pattern, args.seed + repeat, preset))
    print(
        f"time limit {args.time_limit:g} s, {args.workers} workers, month {args.month}, "
        f"scenario seed {args.seed}"
    )
    print(format_table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    bad = [
        r
        for r in rows
        if r.get("violations") or r.get("checker_agrees") is False or r["status"] in ("CRASH",)
    ]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
