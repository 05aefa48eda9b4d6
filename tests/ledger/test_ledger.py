"""The swap ledger: schema, versions, the swap life cycle, leave decisions, and that it holds
up under two real processes registering at once and a process killed mid-write."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from roster.exceptions import RosterError
from roster.ledger import SCHEMA_VERSION, Ledger, LedgerError, SwapRefused
from roster.model import Roster, Swap

D = dt.date(2026, 3, 1)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n - 1)


def march_roster() -> Roster:
    """A works Day on the 1st, 2nd and 4th, B Night on the 1st and 3rd, C Day on the 5th."""
    rows = [("A", day(n), "D") for n in (1, 2, 4)]
    rows += [("B", day(1), "N"), ("B", day(3), "N"), ("C", day(5), "D")]
    return Roster.from_rows(rows)


def cells(roster: Roster | None) -> set[tuple[str, dt.date, str]]:
    assert roster is not None
    return {(a.staff_id, a.date, a.shift) for a in roster.assignments}


def no_check(swap: Swap, others: list[Swap], current: Roster) -> list[str]:
    return []


def approved_swap(ledger: Ledger, a: str, d1: dt.date, b: str, d2: dt.date | None) -> int:
    sid = ledger.request_swap(a, d1, b, d2, requested_by=a)
    ledger.approve_swap(sid, "a", by="leader-a")
    ledger.approve_swap(sid, "b", by="leader-b")
    return sid


# -- schema --------------------------------------------------------------------------------


def test_new_file_gets_schema_wal_and_version(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    with Ledger.open(path) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION == 2
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"roster_version", "assignment", "swap", "leave_decision", "audit"} <= tables
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()


def test_reopening_keeps_data_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    with Ledger.open(path) as ledger:
        vid = ledger.publish(march_roster(), name="March", start=day(1), end=day(31)).version
        sid = ledger.request_swap("A", day(2), "B", day(3))
        ledger.record_leave_decision("LV1", "C", "grant")
    with Ledger.open(path) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION
        latest = ledger.latest_version()
        assert latest is not None
        assert latest.id == vid
        assert [s.id for s in ledger.swaps()] == [str(sid)]
        assert [d.request_id for d in ledger.leave_decisions()] == ["LV1"]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    Ledger.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(LedgerError, match=r"schema version 99, newer .* \(2\)") as info:
        Ledger.open(path)
    assert isinstance(info.value, RosterError)


def test_a_file_that_is_not_a_ledger_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database, just some text " * 100)
    with pytest.raises(LedgerError, match="not a usable ledger"):
        Ledger.open(path)
    with pytest.raises(LedgerError, match="cannot open"):
        Ledger.open(tmp_path / "no-such-folder" / "l.db")


# -- roster versions -----------------------------------------------------------------------


def test_publish_and_latest_version(tmp_path: Path) -> None:
    moment = dt.datetime(2026, 2, 20, 9, 30, tzinfo=dt.UTC)
    with Ledger.open(tmp_path / "l.db", clock=lambda: moment) as ledger:
        assert ledger.latest_version() is None
        assert ledger.current_roster() is None
        first = ledger.publish(march_roster(), name="March v1", start=day(1), end=day(31)).version
        second_roster = Roster.from_rows([("C", day(9), "N")])
        second = ledger.publish(
            second_roster, name="March v2", start=day(1), end=day(31), source="m.xlsx"
        ).version
        assert second > first
        latest = ledger.latest_version()
        assert latest is not None
        assert (latest.id, latest.name, latest.source) == (second, "March v2", "m.xlsx")
        assert (latest.start, latest.end) == (day(1), day(31))
        assert latest.published_at == moment
        assert latest.roster == second_roster
        assert cells(ledger.version(first).roster) == cells(march_roster())


def test_publish_refuses_cells_outside_the_horizon_and_writes_nothing(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.db") as ledger:
        roster = Roster.from_rows([("A", day(1), "D"), ("A", day(20), "D")])
        with pytest.raises(LedgerError, match="outside"):
            ledger.publish(roster, name="short", start=day(1), end=day(10))
        assert ledger.latest_version() is None


# -- swap life cycle -----------------------------------------------------------------------


def test_approve_both_sides_then_register_applies_the_swap(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.db") as ledger:
        ledger.publish(march_roster(), name="March", start=day(1), end=day(31))
        sid = ledger.request_swap("A", day(2), "B", day(3), requested_by="A")
        assert ledger.swap(sid).status == "requested"
        half = ledger.approve_swap(sid, "a", by="leader-a")
        assert (half.status, half.approved_by_a_leader, half.approved_by_b_leader) == (
            "requested",
            True,
            False,
        )
        full = ledger.approve_swap(sid, "b", by="leader-b")
        assert full.status == "approved"
        assert full.approved_by_a_leader
        assert full.approved_by_b_leader
        seen: list[tuple[Swap, list[Swap]]] = []

        def check(swap: Swap, others: list[Swap], current: Roster) -> list[str]:
            seen.append((swap, others))
            return []

        registered = ledger.register_swap(str(sid), check)
        assert registered.status == "registered"
        assert seen[0][0].id == str(sid)
        assert seen[0][1] == []
        record = ledger.swap_record(sid)
        assert record.registered_at is not None
        assert record.approved_a_by == "leader-a"
        assert record.approved_b_by == "leader-b"
        assert ledger.swaps("registered") == [registered]
        # B works A's Day on the 2nd; A works B's Night on the 3rd as the pay-back.
        current = cells(ledger.current_roster())
        assert ("B", day(2), "D") in current
        assert ("A", day(2), "D") not in current
        assert ("A", day(3), "N") in current
        assert ("B", day(3), "N") not in current
        assert ("A", day(1), "D") in current  # A's other days are untouched
        assert ledger.swapped_cells() == {
            ("A", day(2)),
            ("B", day(2)),
            ("A", day(3)),
            ("B", day(3)),
        }
        latest = ledger.latest_version()
        assert latest is not None
        assert cells(latest.roster) == cells(march_roster())


def test_register_without_both_approvals_is_refused_naming_s1(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.db") as ledger:
        sid = ledger.request_swap("A", day(2), "B", None)
        with pytest.raises(SwapRefused, match="S1") as none:
            ledger.register_swap(sid, no_check)
        assert "A's team leader and B's team leader" in str(none.value)
        ledger.approve_swap(sid, "b")
        with pytest.raises(LedgerError, match="S1") as one:
            ledger.register_swap(sid, no_check)
        assert "A's team leader" in str(one.value)
        assert "B's team leader" not in str(one.value)
        assert ledger.swap(sid).status == "requested"


def test_check_failures_refuse_registration_with_the_reasons(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.db") as ledger:
        ledger.publish(march_roster(), name="March", start=day(1), end=day(31))
        sid = approved_swap(ledger, "A", day(2), "B", day(3))
        with pytest.raises(SwapRefused) as info:
            ledger.register_swap(sid, lambda s, o, r: ["S4: rest 0 h < 11 h", "S6: leave"])
        assert info.value.reasons == ("S4: rest 0 h < 11 h", "S6: leave")
        assert ledger.swap(sid).status == "approved"
        assert ledger.swap_record(sid).registered_at is None


def test_cancelled_swap_is_not_applied_and_not_registered_again(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.db") as ledger:
        ledger.publish(march_roster(), name="March", start=day(1), end=day(31))
        kept = approved_swap(ledger, "A", day(4), "C", day(5))
        dropped = approved_swap(ledger, "A", day(2), "B", None)
        ledger.register_swap(kept, no_check)
        ledger.register_swap(dropped, no_check)
        cancelled = ledger.cancel_swap(dropped, "B is ill", by="leader-b")
        assert cancelled.status == "cancelled"
        assert ledger.swap_record(dropped).reason == "B is ill"
        assert ledger.swap_record(dropped).cancelled_at is not None
        assert [s.id for s in ledger.swaps("registered")] == [str(kept)]
        assert [s.id for s in ledger.swaps("cancelled")] == [str(dropped)]
        current = cells(ledger.current_roster())
        assert ("A", day(2), "D") in current  # the cancelled swap left A's shift alone
        assert ("B", day(2), "D") not in current
        assert {("C", day(4), "D"), ("A", day(5), "D")} <= current
        assert ("A", day(4), "D") not in current
        assert ledger.swapped_cells() == {
            ("A", day(4)),
            ("C", day(4)),
            ("A", day(5)),
            ("C", day(5)),
        }
        with pytest.raises(LedgerError, match="already cancelled"):
            ledger.register_swap(dropped, no_check)
        with pytest.raises(LedgerError, match="already cancelled"):
            ledger.cancel_swap(dropped)
        with pytest.raises(LedgerError, match="cannot be approved"):
            ledger.approve_swap(dropped, "a")


def test_republishing_the_current_roster_does_not_apply_swaps_twice(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.db") as ledger:
        ledger.publish(march_roster(), name="March", start=day(1), end=day(31))
        ledger.register_swap(approved_swap(ledger, "A", day(2), "B", day(3)), no_check)
        current = ledger.current_roster()
        assert current is not None
        ledger.publish(current, name="March (exported)", start=day(1), end=day(31))
        assert cells(ledger.current_roster()) == cells(current)


def test_bad_requests_and_unknown_ids_are_ledger_errors(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.db") as ledger:
        with pytest.raises(LedgerError, match="themselves"):
            ledger.request_swap("A", day(1), "A", day(2))
        with pytest.raises(LedgerError, match="no swap 42"):
            ledger.approve_swap(42, "a")
        with pytest.raises(LedgerError, match="not a number"):
            ledger.swap("x7")
        with pytest.raises(LedgerError, match="unknown swap status"):
            ledger.swaps("done")
        sid = ledger.request_swap("A", day(1), "B", None)
        with pytest.raises(LedgerError, match="side"):
            ledger.approve_swap(sid, "c")  # type: ignore[arg-type]


def test_leave_decisions_are_recorded_with_reasons(tmp_path: Path) -> None:
    moment = dt.datetime(2026, 2, 27, 8, 0, tzinfo=dt.UTC)
    with Ledger.open(tmp_path / "l.db", clock=lambda: moment) as ledger:
        ledger.record_leave_decision("LV1", "A", "refused: L1", ["L1: 0 days' notice < 1"])
        ledger.record_leave_decision("LV2", "B", "grant", decided_by="lead")
        first, second = ledger.leave_decisions()
        assert (first.request_id, first.staff_id, first.verdict) == ("LV1", "A", "refused: L1")
        assert first.reasons == ("L1: 0 days' notice < 1",)
        assert first.decided_at == moment
        assert (second.verdict, second.reasons, second.decided_by) == ("grant", (), "lead")
        assert [d.id for d in ledger.leave_decisions("LV2")] == [second.id]


# -- two processes at the monthly limit ----------------------------------------------------

LIMIT = 2


def limit_check(swap: Swap, others: list[Swap], current: Roster) -> list[str]:
    """S2 as the CLI would run it: registered swaps of each person in the month, from others.

    The pause widens the race window: without the write lock both processes would count
    the same registered swaps and both pass.
    """
    reasons = []
    for person in (swap.staff_a, swap.staff_b):
        count = sum(
            1
            for o in others
            if o.status == "registered"
            and person in (o.staff_a, o.staff_b)
            and (o.date_a.year, o.date_a.month) == (swap.date_a.year, swap.date_a.month)
        )
        if count >= LIMIT:
            reasons.append(f"S2: {person} already has {count} swaps this month")
    time.sleep(0.3)
    return reasons


def _register_in_process(
    path: str, swap_id: int, barrier: Barrier, results: Queue[tuple[int, str]]
) -> None:
    """Child process: open the ledger, wait for the other child, register at once."""
    try:
        with Ledger.open(Path(path)) as ledger:
            barrier.wait()
            ledger.register_swap(swap_id, limit_check)
        results.put((swap_id, "registered"))
    except SwapRefused as exc:
        results.put((swap_id, str(exc)))
    except Exception as exc:  # reported, so the parent fails fast instead of waiting
        results.put((swap_id, f"unexpected {exc!r}"))


def test_two_processes_cannot_both_pass_the_monthly_limit(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    with Ledger.open(path) as ledger:
        shifts = [("P", day(2), "D"), ("P", day(10), "D"), ("S", day(20), "D")]
        ledger.publish(Roster.from_rows(shifts), name="March", start=day(1), end=day(31))
        ledger.register_swap(approved_swap(ledger, "P", day(2), "Q", None), no_check)
        first = approved_swap(ledger, "P", day(10), "R", None)
        second = approved_swap(ledger, "S", day(20), "P", None)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results: Queue[tuple[int, str]] = ctx.Queue()
    procs = [
        ctx.Process(target=_register_in_process, args=(str(path), sid, barrier, results))
        for sid in (first, second)
    ]
    for p in procs:
        p.start()
    outcomes = dict(results.get(timeout=30) for _ in procs)
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    assert sorted(outcomes) == [first, second]
    winners = [sid for sid, outcome in outcomes.items() if outcome == "registered"]
    assert len(winners) == 1
    (loser,) = set(outcomes) - set(winners)
    assert "S2: P already has 2 swaps this month" in outcomes[loser]
    with Ledger.open(path) as ledger:
        registered = [s for s in ledger.swaps("registered") if "P" in (s.staff_a, s.staff_b)]
        assert len(registered) == LIMIT
        assert ledger.swap(loser).status == "approved"


# -- a crash in the middle of a write ------------------------------------------------------

CRASH_CHILD = """
import sys, time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from roster.ledger import Ledger
from roster.model import Assignment
import datetime as dt

class SlowAssignments:
    '''Yields cells forever, touching a flag file after 3000 so the parent can kill us.'''
    def __iter__(self):
        day = dt.date(2026, 3, 1)
        for i in range(10**9):
            if i == 3000:
                Path(sys.argv[2]).touch()
            if i > 3000:
                time.sleep(0.001)
            yield Assignment(f"S{i}", day, "D")

class SlowRoster:
    assignments = SlowAssignments()

ledger = Ledger.open(Path(sys.argv[1]))
# A tiny page cache makes the uncommitted rows spill into the WAL file before the kill.
ledger._conn.execute("PRAGMA cache_size = 8")
ledger.publish(SlowRoster(), name="never committed", start=dt.date(2026, 3, 1),
               end=dt.date(2026, 3, 31))
"""


def test_a_process_killed_mid_write_loses_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    flag = tmp_path / "writing"
    with Ledger.open(path) as ledger:
        vid = ledger.publish(march_roster(), name="March", start=day(1), end=day(31)).version
        sid = approved_swap(ledger, "A", day(2), "B", day(3))
        ledger.register_swap(sid, no_check)
    child = subprocess.Popen([sys.executable, "-c", CRASH_CHILD, str(path), str(flag)])
    try:
        deadline = time.monotonic() + 20
        while not flag.exists():
            assert child.poll() is None, "the writer ended before it was killed"
            assert time.monotonic() < deadline, "the writer never started writing"
            time.sleep(0.01)
        # Uncommitted pages are on disk: the kill really lands in the middle of a write.
        assert Path(f"{path}-wal").stat().st_size > 0
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    with Ledger.open(path) as ledger:
        latest = ledger.latest_version()
        assert latest is not None
        assert (latest.id, latest.name) == (vid, "March")
        assert [v.id for v in ledger.versions()] == [vid]
        assert cells(latest.roster) == cells(march_roster())
        assert ledger.swap(sid).status == "registered"
        # The ledger is writable again: the dead writer's lock is gone.
        assert ledger.request_swap("C", day(5), "A", None) == sid + 1
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM assignment").fetchone()[0] == len(
        march_roster().assignments
    )
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
