"""``roster check SCENARIO ROSTER.xlsx [-o annotated.xlsx]`` on hand-edited grids: every
broken hard rule by ID, person, date and shift; the cost by soft rule; exit status 0 (legal),
1 (a hard rule broken) or 2 (bad input); the annotated copy; the grid-wins note."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from roster.cli import main
from roster.io import write_scenario
from tests.helpers import valid_roster
from tests.io.test_roster_grid import edit_grid, grid_cell, named_scenario, write_roster

VALID_VERDICT = "Verdict:    no hard rule broken"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The scenario as a workbook and the valid roster of it, written once; tests edit
    copies of the roster."""
    folder = tmp_path_factory.mktemp("check")
    scenario = named_scenario()
    scenario_file = folder / "centre.xlsx"
    write_scenario(scenario, scenario_file)
    return scenario_file, write_roster(folder / "roster.xlsx", scenario, valid_roster())


def run(*args: Path | str) -> Result:
    return CliRunner().invoke(main, ["check", *map(str, args)])


def edited(tmp_path: Path, files: tuple[Path, Path], edits: dict[tuple[str, int], object]) -> Path:
    return edit_grid(files[1], edits, tmp_path / "edited.xlsx")


def test_valid_roster_exits_0_with_the_objective(files: tuple[Path, Path]) -> None:
    result = run(*files)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Objective:  ")
    assert lines[-1] == VALID_VERDICT
    assert any(line.split()[0] == "R14" and "FAIRNESS" in line for line in lines[1:-1])
    assert not any(line.startswith(("R2 ", "R4 ", "R5 ", "Note:")) for line in lines)


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param(
            {("L1", 0): "D/N"},
            [
                "R4 ONE SHIFT  L1 Wang Li  2026-03-02 N: 2 shifts on 2026-03-02 (D, N)",
                "R5 REST  L1 Wang Li  2026-03-02 N: day shift on 2026-03-02 then night shift "
                "on 2026-03-02: rest 0 h < 11 h",
            ],
            id="double-shift",
        ),
        pytest.param(
            {("L4", 1): "D"},  # L4 works the night of the 2nd
            [
                "R5 REST  L4 Sun Yu  2026-03-03 D: night shift on 2026-03-02 then day shift "
                "on 2026-03-03: rest 0 h < 11 h",
                "R6 CONSECUTIVE  L4 Sun Yu  2026-03-03 D: works 2026-03-03, 1 day(s) after a "
                "night block ending with the night shift of 2026-03-02 (needs 1 day(s) off)",
            ],
            id="night-then-day",
        ),
        pytest.param(
            {("L2", 1): ""},  # the only leader (and senior) on Tuesday's day shift
            [
                "R1 COVER  2026-03-03 D: Tue 3 Mar, day shift: 0 senior on duty, needs 1",
                "R2 SUPERVISOR  2026-03-03 D: Tue 3 Mar, day shift: no team leader on duty",
            ],
            id="missing-team-leader",
        ),
    ],
)
def test_broken_rules_exit_1_one_line_each(
    tmp_path: Path,
    files: tuple[Path, Path],
    edits: dict[tuple[str, int], object],
    expected: list[str],
) -> None:
    result = run(files[0], edited(tmp_path, files, edits))
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Note: The Roster grid and the Assignments sheet disagree on")
    assert lines[1 : 1 + len(expected)] == expected
    rules = ", ".join(line.split()[0] for line in expected)
    assert lines[-1] == f"Verdict:    {len(expected)} hard-rule violation(s) ({rules}): not legal"


@pytest.mark.parametrize(
    "edits",
    [
        pytest.param({("L1", 0): "d", ("L1", 1): "n", ("J1", 2): "d"}, id="lower-case"),
        pytest.param({("L1", 0): " D", ("L1", 1): "N ", ("J2", 6): " d "}, id="stray-space"),
    ],
)
def test_typing_slips_read_as_the_code(
    tmp_path: Path, files: tuple[Path, Path], edits: dict[tuple[str, int], object]
) -> None:
    clean = run(*files)
    result = run(files[0], edited(tmp_path, files, edits))
    assert result.exit_code == 0, result.output
    assert result.stdout == clean.stdout  # the same roster, the same report, no note


def test_unknown_code_exits_2_naming_the_cell(tmp_path: Path, files: tuple[Path, Path]) -> None:
    path = edited(tmp_path, files, {("L2", 1): "X"})
    result = run(files[0], path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: sheet 'Roster', row 7, column 'F': unknown shift code 'X' on 2026-03-03; "
        "expected one of D, N, a leave mark (AL, PL, SP, SL, ES, BT, ST) or blank\n"
    )


def test_bad_files_exit_2(tmp_path: Path, files: tuple[Path, Path]) -> None:
    text = tmp_path / "roster.xlsx"
    text.write_text("not a workbook")
    result = run(files[0], text)
    assert result.exit_code == 2
    assert "is not a readable .xlsx workbook" in result.stderr
    missing = run(files[0], tmp_path / "missing.xlsx")
    assert missing.exit_code == 2
    assert "does not exist" in missing.stderr


def test_annotated_copy(tmp_path: Path, files: tuple[Path, Path]) -> None:
    path = edited(tmp_path, files, {("L1", 0): "DN", ("L4", 1): "d"})
    before = path.read_bytes()
    out = tmp_path / "annotated.xlsx"
    result = run(files[0], path, "-o", out)
    assert result.exit_code == 1, result.output
    assert f"Written:    {out} (2 cell(s) marked)" in result.stdout.splitlines()
    assert path.read_bytes() == before
    ws = openpyxl.load_workbook(out)["Roster"]
    for staff_id, day_index, rules in (("L1", 0, ("R4", "R5")), ("L4", 1, ("R5", "R6"))):
        row, col = grid_cell(ws, staff_id, day_index)
        cell = ws.cell(row=row, column=col)
        assert str(cell.fill.fgColor.rgb).endswith("FF6666")
        assert cell.comment is not None
        assert [line.split()[0] for line in cell.comment.text.splitlines()] == list(rules)


def test_legal_roster_annotated_copy_marks_nothing(
    tmp_path: Path, files: tuple[Path, Path]
) -> None:
    out = tmp_path / "annotated.xlsx"
    result = run(*files, "-o", out)
    assert result.exit_code == 0
    assert f"Written:    {out} (0 cell(s) marked)" in result.stdout


def test_grid_wins_note(tmp_path: Path, files: tuple[Path, Path]) -> None:
    path = edited(tmp_path, files, {("M1", 3): "n"})
    result = run(files[0], path)
    assert result.stdout.splitlines()[0] == (
        "Note: The Roster grid and the Assignments sheet disagree on 1 cell (first: M1 on "
        "2026-03-05: grid N, Assignments off); the grid wins."
    )
    assert result.exit_code == 0  # an extra mid on a night breaks no hard rule


def test_help() -> None:
    result = CliRunner().invoke(main, ["check", "--help"])
    assert result.exit_code == 0
    assert "Usage: main check [OPTIONS] SCENARIO ROSTER.xlsx" in result.output
    assert "-o, --output" in result.output
    assert "check" in CliRunner().invoke(main, ["--help"]).output
