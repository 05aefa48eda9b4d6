"""The shared record under load: 8 processes mix swap requests, approvals, registrations
and cancellations on one ledger for a few seconds, then every invariant holds (see
benchmarks/ledger_stress.py, which runs the same at a larger size and prints figures)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.ledger_stress import breaches, centre, run
from roster.app.record import publish
from roster.ledger import Ledger

WORKERS = 8
SECONDS = 5.0


def test_eight_writers_leave_a_ledger_that_keeps_every_rule(tmp_path: Path) -> None:
    # 30 people keep the solve short (a few seconds) and make the workers collide often:
    # each person is wanted by many requests, so S2/S3/S8 refusals happen inside the
    # write transaction.
    scenario, roster = centre(30, seed=1, time_limit=8.0)
    path = tmp_path / "stress.db"
    publish(scenario, path, roster, name="stress", source="test")
    figures = run(path, scenario, WORKERS, SECONDS, seed=1)
    assert figures.done.get("request", 0) > 0
    assert figures.done.get("register", 0) > 0, figures  # some swaps made it through
    assert breaches(scenario, roster, path) == []
    with Ledger.open(path) as ledger:
        assert ledger.swaps("registered")
