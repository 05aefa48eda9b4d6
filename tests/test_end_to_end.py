"""End to end through the command line: the bundled examples solve, and the workbook's
Assignments pass the independent checker at the solver's own objective."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from roster.checks import check_roster, objective_of
from roster.cli import main
from roster.io import read_roster_assignments, read_scenario

DATA = Path(__file__).resolve().parent.parent / "data"


def _summary_value(path: Path, label: str) -> object:
    sheet = openpyxl.load_workbook(path, read_only=True)["Summary"]
    for row in sheet.iter_rows(values_only=True):
        if row and isinstance(row[0], str) and row[0].strip().lower() == label:
            return row[1]
    raise AssertionError(f"{label!r} not found in Summary")


@pytest.mark.parametrize("name", ["example", "example.xlsx", "example-3shift"])
def test_bundled_example_solves_and_passes_the_checker(tmp_path: Path, name: str) -> None:
    out = tmp_path / "roster.xlsx"
    result = CliRunner().invoke(
        main,
        ["solve", str(DATA / name), "-o", str(out), "--time-limit", "60", "--workers", "2"],
    )
    assert result.exit_code == 0, result.output
    assert "Status:" in result.output
    # What the roster delivers and costs (R22, R21), one line each; every example has a
    # forecast, so its expected service level is there too.
    starts = [line.split(":")[0] for line in result.output.splitlines()]
    assert {"Service", "Pay", "Surplus"} <= set(starts)
    service = next(line for line in result.output.splitlines() if line.startswith("Service:"))
    assert "calls answered within 20 s (target 80%)" in service
    pay = next(line for line in result.output.splitlines() if line.startswith("Pay:"))
    assert "h paid" in pay
    assert "hour-equivalents" in pay

    book = openpyxl.load_workbook(out)
    assert {"Roster", "Assignments", "Coverage", "Leave", "Summary", "Duties"} <= set(
        book.sheetnames
    )
    scenario = read_scenario(DATA / name)
    roster = read_roster_assignments(out)
    assert roster.assignments, "the roster is empty"
    assert check_roster(scenario, roster) == []
    checked, _ = objective_of(scenario, roster)
    assert checked == _summary_value(out, "objective")


def test_three_shift_example_uses_all_three_shifts(tmp_path: Path) -> None:
    out = tmp_path / "roster.xlsx"
    result = CliRunner().invoke(
        main, ["solve", str(DATA / "example-3shift"), "-o", str(out), "--time-limit", "30"]
    )
    assert result.exit_code == 0, result.output
    codes = {a.shift for a in read_roster_assignments(out).assignments}
    assert codes == {"E", "L", "N"}


def test_example_command_writes_an_editable_scenario(tmp_path: Path) -> None:
    target = tmp_path / "centre"
    result = CliRunner().invoke(main, ["example", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / "staff.csv").exists()
    assert read_scenario(target) == read_scenario(DATA / "example")
    again = CliRunner().invoke(main, ["example", str(target)])
    assert again.exit_code == 2
    assert "not empty" in again.output


def test_no_roster_exits_1_with_reasons_in_the_workbook(tmp_path: Path) -> None:
    scenario_dir = tmp_path / "short"
    CliRunner().invoke(main, ["example", str(scenario_dir), "--three-shift"])
    staff = (scenario_dir / "staff.csv").read_text(encoding="utf-8").splitlines()
    # Take the team-leader role from everyone: R2 cannot be met on any shift.
    demoted = [line.replace(";team_leader", "") for line in staff]
    assert demoted != staff
    (scenario_dir / "staff.csv").write_text("\n".join(demoted) + "\n", encoding="utf-8")
    out = tmp_path / "roster.xlsx"
    result = CliRunner().invoke(
        main, ["solve", str(scenario_dir), "-o", str(out), "--time-limit", "10"]
    )
    assert result.exit_code == 1, result.output
    assert "R2 SUPERVISOR" in result.output
    assert out.exists()
    assert str(_summary_value(out, "status")) == "INFEASIBLE"


@pytest.mark.parametrize(
    "command",
    [[], ["solve"], ["example"]],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_preset_fast_is_named_in_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "roster.xlsx"
    result = CliRunner().invoke(
        main,
        [
            "solve",
            str(DATA / "example-3shift"),
            "-o",
            str(out),
            "--time-limit",
            "20",
            "--preset",
            "fast",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "preset fast" in result.output
    assert _summary_value(out, "setting: preset") == "fast"
    scenario = read_scenario(DATA / "example-3shift")
    assert check_roster(scenario, read_roster_assignments(out)) == []


def test_unknown_preset_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "roster.xlsx"
    result = CliRunner().invoke(
        main, ["solve", str(DATA / "example"), "-o", str(out), "--preset", "quick"]
    )
    assert result.exit_code == 2
    assert "quick" in result.output
    assert not out.exists()
