"""The ledger audit's findings, each through the commands a team lead runs.

The week is ``VALID_GRID`` of tests/helpers.py (everyone in team T1; L1-L4 lead it).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from roster.cli import main
from roster.io import read_roster_assignments, write_scenario
from roster.ledger import Ledger
from roster.model import LeaveRequest, Result, Roster, Scenario, SolveStatus
from roster.reports.roster_workbook import write_roster_workbook
from tests.helpers import VALID_GRID, day, roster_of, tiny_scenario, valid_roster


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _workbook(path: Path, scenario: Scenario, roster: Roster) -> Path:
    write_roster_workbook(path, scenario, Result(SolveStatus.FEASIBLE, 0, 0.0, 0.0, roster))
    return path


@pytest.fixture
def week(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A scenario folder, the published week's workbook, and a ledger holding it."""
    scenario = tiny_scenario()
    folder = tmp_path / "scenario"
    write_scenario(scenario, folder)
    published = _workbook(tmp_path / "published.xlsx", scenario, valid_roster())
    db = tmp_path / "ledger.db"
    code, out = _run("publish", str(published), "--scenario", str(folder), "--db", str(db))
    assert code == 0, out
    return folder, published, db


def _registered(folder: Path, db: Path, a: str, d1: int, b: str, d2: int | None) -> str:
    args = ["swap", "request", str(folder), "--db", str(db), "--staff", a]
    args += ["--date", day(d1).isoformat(), "--with", b]
    if d2 is not None:
        args += ["--payback", day(d2).isoformat()]
    code, out = _run(*args)
    assert code == 0, out
    sid = out.split("Recorded swap ")[1].split(":")[0]
    code, out = _run("swap", "approve", str(folder), sid, "--by", "L2", "--db", str(db))
    assert code == 0, out
    code, out = _run("swap", "register", str(folder), sid, "--db", str(db), "--by", "L2")
    assert code == 0, out
    return sid


# -- finding 2: a same-day exchange is applied --------------------------------------------


def test_a_same_day_exchange_shows_in_the_current_roster(
    week: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    folder, _, db = week
    # Day 0: L1 works D, L4 works N (both senior team leaders). Exchanged, L1 works N and
    # L4 D; cover keeps one senior per shift.
    _registered(folder, db, "L1", 0, "L4", 0)
    current = tmp_path / "current.xlsx"
    code, out = _run("export", str(folder), "--db", str(db), "-o", str(current))
    assert code == 0, out
    roster = read_roster_assignments(current)
    assert (roster.shift_of("L1", day(0)), roster.shift_of("L4", day(0))) == ("N", "D")
    assert "2 changed cell(s)" in out


# -- finding 6: publishing a new version judges the registered swaps again ----------------


def test_republish_lists_swaps_that_no_longer_hold_and_writes_nothing(
    week: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    folder, _, db = week
    # J1 hands day 3 (D) to J2, and works J2's day 6 (D) as the pay-back.
    sid = _registered(folder, db, "J1", 3, "J2", 6)
    # The new version moves J1's days: J1 off on day 3, J2 on days 3-6, so the pay-back
    # J1 owes on day 6 is gone (J1 off, J2 still on D).
    moved = roster_of({**VALID_GRID, "J1": "DDD----", "J2": "---DDDD"})
    new = _workbook(tmp_path / "new.xlsx", tiny_scenario(), moved)
    code, out = _run("publish", str(new), "--scenario", str(folder), "--db", str(db))
    assert code == 1, out
    assert f"swap {sid}: " in out
    assert "J1 now has D on 2026-03-05" in out or "J1 now has off" in out
    with Ledger.open(db) as ledger:
        assert len(ledger.versions()) == 1  # refused: nothing published
        assert ledger.swap(sid).status == "registered"

    code, out = _run(
        "publish", str(new), "--scenario", str(folder), "--db", str(db), "--keep-as-published"
    )
    assert code == 0, out
    assert f"kept as published, swap {sid}" in out
    with Ledger.open(db) as ledger:
        assert ledger.swap(sid).status == "registered"  # still counts for S2
        current = ledger.current_roster()
    assert current is not None
    assert {(a.staff_id, a.date, a.shift) for a in current.assignments} == {
        (a.staff_id, a.date, a.shift) for a in moved.assignments
    }


def test_republish_drop_conflicting_cancels_with_the_reason(
    week: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    folder, _, db = week
    sid = _registered(folder, db, "J1", 3, "J2", 6)
    moved = roster_of({**VALID_GRID, "J1": "DDD----", "J2": "---DDDD"})
    new = _workbook(tmp_path / "new.xlsx", tiny_scenario(), moved)
    code, out = _run(
        "publish", str(new), "--scenario", str(folder), "--db", str(db), "--drop-conflicting"
    )
    assert code == 0, out
    assert f"dropped swap {sid}" in out
    with Ledger.open(db) as ledger:
        record = ledger.swap_record(sid)
    assert record.swap.status == "cancelled"
    assert record.reason.startswith("dropped at version 2")


def test_republishing_the_export_keeps_every_swap(
    week: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    folder, _, db = week
    sid = _registered(folder, db, "J1", 3, "J2", 6)
    current = tmp_path / "current.xlsx"
    assert _run("export", str(folder), "--db", str(db), "-o", str(current))[0] == 0
    code, out = _run("publish", str(current), "--scenario", str(folder), "--db", str(db))
    assert code == 0, out
    with Ledger.open(db) as ledger:
        assert ledger.swap(sid).status == "registered"
        roster = ledger.current_roster()
    assert roster is not None
    assert (roster.shift_of("J2", day(3)), roster.shift_of("J1", day(6))) == ("D", "D")


# -- finding 3: L8 reads the ledger ---------------------------------------------------------


def test_leave_on_a_day_taken_over_by_a_registered_swap_is_refused_by_l8(
    tmp_path: Path,
) -> None:
    # J2 takes J1's day 3 by swap; J2 then asks for leave on day 3 (approved by the
    # department head: one day). Only the ledger knows of the swap.
    scenario = tiny_scenario()
    folder = tmp_path / "scenario"
    write_scenario(scenario, folder)
    published = _workbook(tmp_path / "published.xlsx", scenario, valid_roster())
    db = tmp_path / "ledger.db"
    assert _run("publish", str(published), "--scenario", str(folder), "--db", str(db))[0] == 0
    _registered(folder, db, "J1", 3, "J2", 6)
    # The request comes after the swap was registered.
    asks = LeaveRequest("LV1", "J2", day(3), day(3), status="pending")
    write_scenario(tiny_scenario(leave=(asks,)), folder)
    out_xlsx = tmp_path / "leave.xlsx"
    _, out = _run("leave", str(folder), "--db", str(db), "-o", str(out_xlsx))
    assert "L8:" in out, out
    assert "J2 works 2026-03-05 for J1 by swap ledger" in out
    # Without the ledger the same request passes L8 (the scenario has no swaps sheet).
    _, out = _run("leave", str(folder), str(published), "-o", str(out_xlsx))
    assert "L8:" not in out, out


# -- finding 9: bad input -----------------------------------------------------------------


def test_a_mistyped_ledger_is_not_created(week: tuple[Path, Path, Path], tmp_path: Path) -> None:
    folder, _, _ = week
    typo = tmp_path / "ledgr.db"
    for args in (
        ["swap", "list", "--db", str(typo)],
        ["swap", "cancel", "1", "--db", str(typo)],
        ["ledger", "log", "--db", str(typo)],
        ["export", str(folder), "--db", str(typo), "-o", str(tmp_path / "x.xlsx")],
        ["swap", "register", str(folder), "1", "--db", str(typo)],
        ["swap", "approve", str(folder), "1", "--by", "L1", "--db", str(typo)],
        [
            *("swap", "request", str(folder), "--db", str(typo), "--staff", "J1"),
            *("--date", day(3).isoformat(), "--with", "J2", "--roster", str(week[1])),
        ],
    ):
        code, out = _run(*args)
        assert code == 2, (args, out)
        assert f"no ledger at {typo}" in out, out
        assert "Traceback" not in out
        assert not typo.exists()


def test_a_file_that_is_not_sqlite_is_bad_input(
    week: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a database " * 200)
    code, out = _run("swap", "list", "--db", str(notes))
    assert code == 2, out
    assert "not a usable ledger" in out
    assert notes.read_text() == "not a database " * 200


def test_register_with_a_scenario_of_another_month_is_bad_input(
    week: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, _, db = week
    other = tmp_path / "other"
    write_scenario(tiny_scenario(start=day(7), end=day(13)), other)
    with Ledger.open(db) as ledger:
        sid = ledger.request_swap("J1", day(3), "J2", day(6))
    code, out = _run("swap", "register", str(other), str(sid), "--db", str(db))
    assert code == 2, out
    assert "covers 2026-03-02..2026-03-08" in out
    assert "Traceback" not in out


def test_solve_refuses_to_overwrite_its_scenario(tmp_path: Path) -> None:
    book = tmp_path / "X.xlsx"
    write_scenario(tiny_scenario(), book)
    before = book.read_bytes()
    code, out = _run("solve", str(book), "-o", str(book), "--time-limit", "1")
    assert code == 2, out
    assert "would overwrite the input" in out
    assert book.read_bytes() == before


def test_a_roster_workbook_that_cannot_be_read_is_one_line(
    week: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    folder, _, _ = week
    broken = tmp_path / "roster.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip file")
    for given in (broken, folder / "staff.csv"):
        code, out = _run("check", str(folder), str(given))
        assert code == 2, out
        assert "Traceback" not in out
        assert len([line for line in out.splitlines() if line.strip()]) == 1, out
        assert str(given) in out
        assert "openpyxl" not in out


def test_every_write_is_in_the_audit_trail(week: tuple[Path, Path, Path]) -> None:
    folder, _, db = week
    sid = _registered(folder, db, "J1", 3, "J2", 6)
    conn = sqlite3.connect(db)
    subjects = {row[0] for row in conn.execute("SELECT subject FROM audit")}
    versions = conn.execute("SELECT COUNT(*) FROM roster_version").fetchone()[0]
    conn.close()
    assert f"swap {sid}" in subjects
    assert {f"version {v}" for v in range(1, versions + 1)} <= subjects
