"""``roster leave`` and ``roster replan`` end to end: files in, verdicts, changes and a
repaired roster out, exit codes 0/1/2."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from roster.checks import check_roster
from roster.cli import main
from roster.io import read_roster_assignments, write_scenario
from roster.model import LeaveRequest, Result, RuleParameters, Scenario, SolveStatus
from roster.reports.roster_workbook import write_roster_workbook
from tests.helpers import day, tiny_scenario, valid_roster


def _files(tmp_path: Path, scenario: Scenario) -> tuple[Path, Path]:
    scenario_dir = tmp_path / "scenario"
    write_scenario(scenario, scenario_dir)
    published = tmp_path / "published.xlsx"
    roster = valid_roster()
    result = Result(SolveStatus.FEASIBLE, 0, 0.0, 0.0, roster)
    write_roster_workbook(published, scenario, result)
    return scenario_dir, published


def _leave_scenario() -> Scenario:
    requested = dt.datetime(2026, 2, 20, 9, 0)
    pending = {
        "requested_at": requested,
        "status": "pending",
        "approved_by": "",
    }
    return tiny_scenario(
        rules=RuleParameters(upward_substitution=False),
        leave=(
            LeaveRequest("LJ1", "J1", day(2), day(2), requested_by="J1", weight=50, **pending),
            LeaveRequest("LJ2", "J2", day(2), day(2), requested_by="J2", **pending),
            # Not in person: fails L3 and is never put to the cover decision.
            LeaveRequest("LM1", "M1", day(3), day(3), requested_by="J1", **pending),
        ),
    )


def test_leave_grants_what_cover_allows_and_writes_changes(tmp_path: Path) -> None:
    scenario_dir, published = _files(tmp_path, _leave_scenario())
    out = tmp_path / "leave.xlsx"
    result = CliRunner().invoke(
        main,
        ["leave", str(scenario_dir), str(published), "-o", str(out), "--workers", "1"],
    )
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert "grant" in lines["LJ1"]
    assert "refused: L9" in lines["LJ2"]
    assert "refused: L3" in lines["LM1"]
    assert "Changes:    2" in result.output

    book = openpyxl.load_workbook(out)
    assert "Changes" in book.sheetnames
    changes = list(book["Changes"].iter_rows(values_only=True))
    assert len(changes) == 3  # header + J1 off day 2 + J2 on day 2
    roster = read_roster_assignments(out)
    assert roster.shift_of("J1", day(2)) is None
    assert roster.shift_of("J2", day(2)) == "D"
    assert check_roster(_leave_scenario(), roster) == []


def test_leave_with_an_unknown_request_id_is_bad_input(tmp_path: Path) -> None:
    scenario_dir, published = _files(tmp_path, _leave_scenario())
    result = CliRunner().invoke(
        main, ["leave", str(scenario_dir), str(published), "--request", "NOPE"]
    )
    assert result.exit_code == 2
    assert "NOPE" in result.output


def test_replan_keeps_earlier_days_and_lists_changes(tmp_path: Path) -> None:
    scenario = tiny_scenario()
    scenario_dir, published = _files(tmp_path, scenario)
    out = tmp_path / "replanned.xlsx"
    result = CliRunner().invoke(
        main,
        [
            "replan",
            str(scenario_dir),
            str(published),
            "--absent",
            "J1",
            "--from",
            day(2).isoformat(),
            "-o",
            str(out),
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Changes:    4" in result.output
    roster = read_roster_assignments(out)
    before = valid_roster()
    for a in before.assignments:
        if a.date < day(2):
            assert roster.shift_of(a.staff_id, a.date) == a.shift
    assert all(roster.shift_of("J1", day(n)) is None for n in range(2, 7))


def test_impossible_replan_exits_1_naming_the_uncovered_seat(tmp_path: Path) -> None:
    scenario = tiny_scenario(
        rules=RuleParameters(upward_substitution=False, max_consecutive_days=4)
    )
    scenario_dir, published = _files(tmp_path, scenario)
    result = CliRunner().invoke(
        main,
        [
            "replan",
            str(scenario_dir),
            str(published),
            "--absent",
            "J1",
            "--from",
            day(2).isoformat(),
            "-o",
            str(tmp_path / "r.xlsx"),
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 1, result.output
    assert "junior seat cannot be filled" in result.output


def test_replan_of_an_unknown_person_is_bad_input(tmp_path: Path) -> None:
    scenario_dir, published = _files(tmp_path, tiny_scenario())
    result = CliRunner().invoke(
        main,
        [
            "replan",
            str(scenario_dir),
            str(published),
            "--absent",
            "ZZ",
            "--from",
            day(2).isoformat(),
        ],
    )
    assert result.exit_code == 2
    assert "unknown staff id 'ZZ'" in result.output


def test_leave_and_replan_have_help() -> None:
    for command in ("leave", "replan"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Usage:" in result.output


def test_output_folder_is_created(tmp_path: Path) -> None:
    scenario_dir, published = _files(tmp_path, tiny_scenario())
    out = tmp_path / "new" / "folder" / "replanned.xlsx"
    result = CliRunner().invoke(
        main,
        [
            "replan",
            str(scenario_dir),
            str(published),
            "--absent",
            "J1",
            "--from",
            day(2).isoformat(),
            "-o",
            str(out),
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert out.exists()
