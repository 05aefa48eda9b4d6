"""Swaps through the command line: check, suggest, the ledger's life cycle, export.

The week is ``VALID_GRID`` of tests/helpers.py: J1 works days 0-3, J2 days 4-6 (the day
shift's junior seat). J1 handing day 3 to J2, with J1 working J2's day 6 in return, is a
valid like-for-like swap.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from roster.cli import main
from roster.io import read_roster_assignments, write_scenario
from roster.model import Result, SolveStatus
from roster.reports.roster_workbook import write_roster_workbook
from tests.helpers import day, tiny_scenario, valid_roster


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    scenario = tiny_scenario()
    scenario_dir = tmp_path / "scenario"
    write_scenario(scenario, scenario_dir)
    published = tmp_path / "published.xlsx"
    write_roster_workbook(
        published, scenario, Result(SolveStatus.FEASIBLE, 0, 0.0, 0.0, valid_roster())
    )
    return scenario_dir, published, tmp_path / "ledger.db"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_check_allows_a_like_for_like_swap(files: tuple[Path, Path, Path]) -> None:
    scenario, published, db = files
    code, out = _run(
        "swap",
        "check",
        str(scenario),
        "--roster",
        str(published),
        "--db",
        str(db),
        "--staff",
        "J1",
        "--date",
        day(3).isoformat(),
        "--with",
        "J2",
        "--payback",
        day(6).isoformat(),
    )
    assert code == 0, out
    assert "Swap allowed." in out


def test_check_refuses_another_grade_naming_s5(files: tuple[Path, Path, Path]) -> None:
    scenario, published, db = files
    code, out = _run(
        "swap",
        "check",
        str(scenario),
        "--roster",
        str(published),
        "--db",
        str(db),
        "--staff",
        "J1",
        "--date",
        day(3).isoformat(),
        "--with",
        "M1",
    )
    assert code == 1
    assert "Swap refused." in out
    assert "S5" in out


def test_suggest_lists_the_junior_colleague(files: tuple[Path, Path, Path]) -> None:
    scenario, published, db = files
    code, out = _run(
        "swap",
        "suggest",
        str(scenario),
        "--roster",
        str(published),
        "--db",
        str(db),
        "--staff",
        "J1",
        "--date",
        day(3).isoformat(),
    )
    assert code == 0, out
    assert " J2 " in out
    assert " M1 " not in out


def test_ledger_life_cycle_and_export(files: tuple[Path, Path, Path], tmp_path: Path) -> None:
    scenario, published, db = files
    code, out = _run("publish", str(published), "--scenario", str(scenario), "--db", str(db))
    assert code == 0, out
    code, out = _run(
        "swap",
        "request",
        str(scenario),
        "--db",
        str(db),
        "--staff",
        "J1",
        "--date",
        day(3).isoformat(),
        "--with",
        "J2",
        "--payback",
        day(6).isoformat(),
    )
    assert code == 0, out
    swap_id = out.split("Recorded swap ")[1].split(":")[0]

    code, out = _run("swap", "register", str(scenario), swap_id, "--db", str(db))
    assert code != 0
    assert "S1" in out  # no leader has approved yet

    # S1: only a team leader of the side's person approves; J2 is an agent of team T1.
    code, out = _run("swap", "approve", str(scenario), swap_id, "--by", "J2", "--db", str(db))
    assert code == 2, out
    assert "S1: J2 may not approve swap" in out
    # L1 leads team T1, where J1 (side a) and J2 (side b) both are: one approval, both sides.
    code, out = _run("swap", "approve", str(scenario), swap_id, "--by", "L1", "--db", str(db))
    assert code == 0, out
    assert "approved" in out
    code, out = _run("swap", "register", str(scenario), swap_id, "--db", str(db))
    assert code == 0, out
    assert "registered" in out

    code, out = _run("swap", "list", "--db", str(db))
    assert "registered" in out
    assert "[D/D]" in out  # the shifts exchanged are stored with the swap
    assert "leaders: L1/L1" in out

    code, out = _run("ledger", "log", "--db", str(db))
    assert code == 0, out
    actions = [line.split()[4] for line in out.splitlines()]
    # publish, request, approve a, approve b, register: each write once, in order
    assert actions == ["publish", "request", "approve", "approve", "register"]
    assert " L1 " in out.splitlines()[2]

    current = tmp_path / "current.xlsx"
    code, out = _run("export", str(scenario), "--db", str(db), "-o", str(current))
    assert code == 0, out
    roster = read_roster_assignments(current)
    assert roster.shift_of("J2", day(3)) == "D"
    assert roster.shift_of("J1", day(3)) is None
    assert roster.shift_of("J1", day(6)) == "D"
    changes = list(openpyxl.load_workbook(current)["Changes"].iter_rows(values_only=True))
    assert len(changes) == 5  # header + 4 swapped cells

    code, out = _run("swap", "cancel", swap_id, "--db", str(db))
    assert code == 0, out
    code, out = _run("export", str(scenario), "--db", str(db), "-o", str(current))
    assert read_roster_assignments(current).shift_of("J1", day(3)) == "D"


def test_swap_commands_have_help() -> None:
    for command in (
        ["swap"],
        ["swap", "check"],
        ["swap", "suggest"],
        ["swap", "register"],
        ["publish"],
        ["export"],
    ):
        code, out = _run(*command, "--help")
        assert code == 0
        assert "Usage:" in out


def test_a_day_outside_the_roster_is_bad_input(files: tuple[Path, Path, Path]) -> None:
    scenario, published, db = files
    for command in ("check", "suggest"):
        args = [
            "swap",
            command,
            str(scenario),
            "--roster",
            str(published),
            "--db",
            str(db),
            "--staff",
            "J1",
            "--date",
            "2030-01-01",
        ]
        if command == "check":
            args += ["--with", "J2"]
        code, out = _run(*args)
        assert code == 2, out
        assert "Traceback" not in out
        assert "2030-01-01" in out


def test_a_ledger_of_another_month_is_refused(
    files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    scenario, published, db = files
    code, out = _run("publish", str(published), "--scenario", str(scenario), "--db", str(db))
    assert code == 0, out
    other = tmp_path / "other"
    write_scenario(tiny_scenario(start=day(7), end=day(13)), other)
    current = tmp_path / "current.xlsx"
    current.write_bytes(b"earlier export")
    code, out = _run("export", str(other), "--db", str(db), "-o", str(current))
    assert code == 2
    assert "covers 2026-03-02..2026-03-08" in out
    assert current.read_bytes() == b"earlier export"
