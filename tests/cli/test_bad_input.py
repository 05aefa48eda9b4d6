"""``roster solve`` on bad input: exit status 2, one "Error: ..." line naming the sheet, row
and column, no traceback, and an earlier roster file left exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from roster.cli import main
from roster.exceptions import RosterInputError
from roster.io import read_scenario
from tests.io.test_read_scenario import BAD, BAD_FIXTURES

PREVIOUS_ROSTER = b"PK\x03\x04 the roster published last week \x00\xff"


@pytest.mark.parametrize(
    ("fixture", "fragment"),
    [(case[0], case[4]) for case in BAD_FIXTURES],
    ids=[case[0] for case in BAD_FIXTURES],
)
def test_solve_rejects_bad_input(tmp_path: Path, fixture: str, fragment: str) -> None:
    scenario = BAD / fixture
    with pytest.raises(RosterInputError) as info:
        read_scenario(scenario)
    out = tmp_path / "roster.xlsx"
    out.write_bytes(PREVIOUS_ROSTER)

    result = CliRunner().invoke(main, ["solve", str(scenario), "-o", str(out)])

    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a crash
    assert result.stderr.splitlines() == [f"Error: {info.value}"]
    assert fragment in result.stderr
    assert "Traceback" not in result.output
    assert out.read_bytes() == PREVIOUS_ROSTER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.xlsx"]  # no stray temp file


def test_solve_error_line_names_sheet_row_and_column(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["solve", str(BAD / "unknown_grade"), "-o", str(tmp_path / "r.xlsx")]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: sheet 'staff', row 4, column 'grade': unknown grade 'expert'; "
        "expected junior, mid or senior\n"
    )
    assert not (tmp_path / "r.xlsx").exists()


def test_solve_rejects_a_file_that_is_neither_workbook_nor_folder(tmp_path: Path) -> None:
    scenario = tmp_path / "centre.txt"
    scenario.write_text("config,staff\n", encoding="utf-8")
    out = tmp_path / "roster.xlsx"
    out.write_bytes(PREVIOUS_ROSTER)
    result = CliRunner().invoke(main, ["solve", str(scenario), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: centre.txt: unsupported file type '.txt'; expected an .xlsx workbook or a "
        "folder of CSV files (config.csv, staff.csv, shifts.csv, cover.csv, ...)"
    ]
    assert out.read_bytes() == PREVIOUS_ROSTER
