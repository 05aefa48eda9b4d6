"""Many people writing to one ledger at once: N worker processes do a random mix of swap
request, approve, register and cancel for a while, through the same ``roster.app.swap``
calls the command line makes; then every invariant of the shared record is checked.

Invariants (any breach is printed and counted):

* the current roster passes the checker (no hard rule broken that the published one kept);
* nobody is in more than ``max_swaps_per_month`` registered swaps in a month (S2);
* nobody is in registered swaps on two consecutive days (S3);
* every registered swap shows in the current roster (``roster export``): B works A's
  shift on ``date_a``, A works B's pay-back;
* the audit trail accounts for every row: each swap has its request, each registered one
  its register, each cancelled one its cancel, each approved side its approve, each
  version its publish.

Prints operations per second, registrations refused (rule conflicts found inside the write
transaction), and the breaches (expected: 0).

    .venv/bin/python benchmarks/ledger_stress.py --workers 8 --seconds 20 --people 150

``tests/ledger/test_stress.py`` runs it small (about 10 s) in ``make test``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import multiprocessing
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from roster.app import swap as app_swap
from roster.app.record import publish
from roster.checks import check_roster
from roster.examples import synthetic_centre
from roster.ledger import Ledger, LedgerError, SwapRefused
from roster.model import Roster, Scenario, Swap
from roster.solver import solve

OPERATIONS = ("request", "approve", "register", "cancel")
WEIGHTS = (4, 3, 3, 1)
"""Requests outnumber the rest, as in a centre: many ask, fewer are decided."""


@dataclasses.dataclass(frozen=True)
class Figures:
    """What the workers did, summed: operations by kind, registrations refused by a rule
    found inside the transaction, other refusals (already decided, wrong status), time."""

    done: dict[str, int]
    refused: int
    other_errors: int
    seconds: float

    @property
    def operations(self) -> int:
        return sum(self.done.values()) + self.refused + self.other_errors


def centre(people: int, seed: int, time_limit: float) -> tuple[Scenario, Roster]:
    """A synthetic month and a roster of it that keeps every hard rule."""
    scenario = synthetic_centre(people, "2x12", seed=seed)
    result = solve(scenario, time_limit=time_limit, workers=2, seed=seed, diagnose=False)
    if result.roster is None:
        raise SystemExit(f"no roster for the stress centre: {result.status}")
    return scenario, result.roster


def _proposal(rng: random.Random, scenario: Scenario, roster: Roster) -> Swap | None:
    """A like-for-like swap with a pay-back: A's worked day to B (same grade and job, off
    that day), B's worked day back to A (off that day)."""
    worked = roster.by_person_day()
    days = scenario.days
    people = list(scenario.staff)
    a = rng.choice(people)
    mates = [p for p in people if p.id != a.id and (p.grade, p.job_type) == (a.grade, a.job_type)]
    if not mates:
        return None
    b = rng.choice(mates)
    first = [d for d in days if (a.id, d) in worked and (b.id, d) not in worked]
    back = [d for d in days if (b.id, d) in worked and (a.id, d) not in worked]
    if not first or not back:
        return None
    return Swap("proposed", a.id, rng.choice(first), b.id, rng.choice(back))


def worker(
    path: str,
    scenario: Scenario,
    seed: int,
    seconds: float,
    results: multiprocessing.Queue,  # type: ignore[type-arg]
) -> None:
    """One person after another at one desk: random operations until the time is up."""
    rng = random.Random(seed)
    ledger = Path(path)
    done: Counter[str] = Counter()
    refused = other = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        op = rng.choices(OPERATIONS, WEIGHTS)[0]
        try:
            if op == "request":
                current, swaps = app_swap.current_roster(scenario, ledger)
                proposed = _proposal(rng, scenario, current)
                if (
                    proposed is None
                    or not app_swap.check(scenario, current, proposed, swaps).allowed
                ):
                    continue
                app_swap.request(ledger, proposed, proposed.staff_a)
            else:
                wanted = {"approve": "requested", "register": "approved"}.get(op)
                records = app_swap.listing(ledger, wanted)
                if op == "cancel":
                    records = [r for r in records if r.swap.status != "cancelled"]
                if not records:
                    continue
                swap = rng.choice(records).swap
                if op == "approve":
                    leaders = app_swap.team_leaders(scenario, swap.staff_a)
                    leaders += app_swap.team_leaders(scenario, swap.staff_b)
                    if not leaders:  # a team's only leader, and no department head
                        continue
                    app_swap.approve(scenario, ledger, int(swap.id), rng.choice(leaders))
                elif op == "register":
                    app_swap.register(scenario, ledger, int(swap.id), "stress")
                else:
                    app_swap.cancel(ledger, int(swap.id), "changed their mind", "stress")
            done[op] += 1
        except SwapRefused:
            refused += 1
        except (LedgerError, ValueError):  # decided meanwhile by another desk: a stale pick
            other += 1
    results.put((dict(done), refused, other))


def run(path: Path, scenario: Scenario, workers: int, seconds: float, seed: int = 0) -> Figures:
    """``workers`` processes on one ledger for ``seconds``; their summed figures."""
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    procs = [
        ctx.Process(target=worker, args=(str(path), scenario, seed * 1000 + i, seconds, results))
        for i in range(workers)
    ]
    began = time.perf_counter()
    for p in procs:
        p.start()
    collected = [results.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        if p.exitcode != 0:
            raise RuntimeError(f"a worker ended with exit code {p.exitcode}")
    elapsed = time.perf_counter() - began
    done: Counter[str] = Counter()
    for counts, _, _ in collected:
        done.update(counts)
    return Figures(
        dict(done), sum(r for _, r, _ in collected), sum(o for _, _, o in collected), elapsed
    )


def breaches(scenario: Scenario, published: Roster, path: Path) -> list[str]:
    """Every invariant of the module docstring that does not hold, in words."""
    found: list[str] = []
    with Ledger.open(path, create=False) as ledger:
        current = ledger.current_roster()
        records = ledger.swap_records()
        audit = ledger.audit_log()
        versions = ledger.versions()
    assert current is not None
    before = {str(v) for v in check_roster(scenario, published)}
    found += [f"checker: {v}" for v in check_roster(scenario, current) if str(v) not in before]
    registered = [r.swap for r in records if r.swap.status == "registered"]
    limit = scenario.rules.max_swaps_per_month
    per_month: Counter[tuple[str, str]] = Counter()
    days_of: dict[str, list[tuple[str, dt.date]]] = {}
    for s in registered:
        for who in (s.staff_a, s.staff_b):
            per_month[(who, s.date_a.strftime("%Y-%m"))] += 1
            days = [(s.id, d) for d in (s.date_a, s.date_b) if d is not None]
            days_of.setdefault(who, []).extend(days)
    found += [f"S2: {who} in {n} swaps in {m}" for (who, m), n in per_month.items() if n > limit]
    for who, days in days_of.items():  # S3 is about two swaps, not one swap's two days
        for sid, d in days:
            for other, e in days:
                if other != sid and abs((e - d).days) <= 1:
                    found.append(f"S3: {who} in swaps {sid} and {other} on {d} and {e}")
    for s in registered:
        if current.shift_of(s.staff_b, s.date_a) != s.shift_a or (
            s.date_b is not None and current.shift_of(s.staff_a, s.date_b) != s.shift_b
        ):
            found.append(f"swap {s.id} is registered but the current roster does not show it")
    actions: Counter[tuple[str, str]] = Counter((e.subject, e.action) for e in audit)
    for r in records:
        subject = f"swap {r.swap.id}"
        expected = {"request": 1}
        expected["approve"] = (r.approved_a_at is not None) + (r.approved_b_at is not None)
        expected["register"] = int(r.registered_at is not None)
        expected["cancel"] = int(r.swap.status == "cancelled")
        for action, n in expected.items():
            if actions[(subject, action)] != n:
                found.append(
                    f"audit: {subject} has {actions[(subject, action)]} {action}, expected {n}"
                )
    for v in versions:
        if actions[(f"version {v.id}", "publish")] != 1:
            found.append(f"audit: version {v.id} has no publish entry")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--people", type=int, default=150)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=20.0, help="to solve the month")
    args = parser.parse_args(argv)
    scenario, roster = centre(args.people, args.seed, args.time_limit)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stress.db"
        publish(scenario, path, roster, name="stress", source="ledger_stress")
        figures = run(path, scenario, args.workers, args.seconds, args.seed)
        found = breaches(scenario, roster, path)
        with Ledger.open(path) as ledger:
            registered = len(ledger.swaps("registered"))
            total = len(ledger.swaps())
    print(
        f"{args.workers} workers, {args.seconds:g} s, {args.people} people "
        f"({len(scenario.days)} days), seed {args.seed}"
    )
    print(
        f"operations: {figures.operations} in {figures.seconds:.1f} s = "
        f"{figures.operations / figures.seconds:.1f}/s; done {figures.done}"
    )
    print(
        f"swaps: {total} requested, {registered} registered; registrations refused by a "
        f"rule inside the transaction: {figures.refused}; stale picks: {figures.other_errors}"
    )
    print(f"invariant breaches: {len(found)}")
    for line in found[:20]:
        print(f"  {line}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
