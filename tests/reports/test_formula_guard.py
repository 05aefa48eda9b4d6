"""Every workbook writer stores text from input as text: a staff name ``=HYPERLINK("x")``
and a scenario (or variant) name ``+1`` come back as string cells with the value unchanged,
and no sheet holds a formula. One test per writer."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import openpyxl

from roster.app.sweep import SweepRow
from roster.app.whatif import compare, parse_variant
from roster.io import read_scenario, write_scenario
from roster.model import PenaltyItem, Result, Scenario, SolveStatus, Violation
from roster.reports.annotated import annotate_roster_workbook
from roster.reports.roster_workbook import write_roster_workbook
from roster.reports.staffing_workbook import write_staffing_workbook
from roster.reports.sweep_workbook import write_sweep_workbook
from roster.reports.whatif_workbook import write_comparison_workbook
from roster.solver.staffing import StaffingResult, StaffingRow
from tests.helpers import day, leave_of, tiny_scenario, valid_roster

NAME = '=HYPERLINK("x")'
"""A staff name that a spreadsheet would run as a formula if stored as one."""
SCENARIO = "+1"
"""A scenario or variant name that a spreadsheet would read as a formula."""


def _scenario() -> Scenario:
    """The tiny week named ``+1``, with J1 named ``=HYPERLINK("x")`` and on leave."""
    sc = tiny_scenario(name=SCENARIO)
    staff = tuple(dataclasses.replace(p, name=NAME) if p.id == "J1" else p for p in sc.staff)
    return sc.replace(staff=staff, leave=(leave_of("J1", 6, status="pending"),))


def _text_cells(path: Path) -> dict[tuple[str, str], str]:
    """(sheet, cell) -> data type, for every cell holding the name or the scenario name;
    also checks that no sheet of the file holds a formula."""
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(member).decode(), member
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, cell.coordinate): cell.data_type
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value in (NAME, SCENARIO)
    }


def _assert_text(path: Path, *where: tuple[str, str]) -> None:
    found = _text_cells(path)
    assert set(where) <= set(found), sorted(found)
    assert set(found.values()) == {"s"}


def _roster_workbook(path: Path) -> Path:
    result = Result(
        SolveStatus.FEASIBLE,
        5,
        0.0,
        0.1,
        valid_roster(),
        penalties=(PenaltyItem("R15", 5, 1, "wanted off", "J1", day(0), "D"),),
    )
    write_roster_workbook(path, _scenario(), result)
    return path


def _row_of(path: Path, sheet: str, column: str, value: str) -> int:
    ws = openpyxl.load_workbook(path)[sheet]
    return next(c.row for c in ws[column] if c.value == value)


def test_roster_workbook(tmp_path: Path) -> None:
    path = _roster_workbook(tmp_path / "roster.xlsx")
    grid_row = _row_of(path, "Roster", "A", "J1")
    leave_row = _row_of(path, "Leave", "B", "J1")
    penalty_row = _row_of(path, "Summary", "E", "J1")
    _assert_text(
        path,
        ("Roster", "A1"),
        ("Roster", f"B{grid_row}"),
        ("Leave", f"C{leave_row}"),
        ("Summary", f"F{penalty_row}"),
    )


def test_annotated_copy(tmp_path: Path) -> None:
    source = _roster_workbook(tmp_path / "roster.xlsx")
    target = tmp_path / "checked.xlsx"
    violation = Violation("R4", "two shifts on one day", "J1", day(0), "D")
    assert annotate_roster_workbook(source, target, [violation], _scenario()) == 1
    grid_row = _row_of(target, "Roster", "A", "J1")
    _assert_text(target, ("Roster", "A1"), ("Roster", f"B{grid_row}"))


def test_whatif_workbook(tmp_path: Path) -> None:
    comparison = compare(
        _scenario(), parse_variant(SCENARIO, remove=["J2"]), time_limit=5, workers=1, seed=0
    )
    path = tmp_path / "compare.xlsx"
    write_comparison_workbook(path, comparison)
    fairness_row = _row_of(path, "Fairness", "A", "J1")
    _assert_text(
        path,
        ("Summary", "B2"),  # the base scenario's name
        ("Summary", "C1"),  # the variant's name heads its column
        ("Fairness", f"B{fairness_row}"),
        ("Variant", "B2"),
    )


def test_staffing_workbook(tmp_path: Path) -> None:
    hire = dataclasses.replace(_scenario().staff[0], id="hire-junior-1", name=NAME)
    row = StaffingRow("grade", "junior", "junior", 2, 1, 3, 14, 5, "R1")
    result = StaffingResult(
        SCENARIO, "keep", SolveStatus.OPTIMAL, (row,), (hire,), None, None, 11, 0.5
    )
    path = tmp_path / "staffing.xlsx"
    write_staffing_workbook(path, result)
    _assert_text(path, ("Staffing", "B1"), ("Hires", "B2"))


def test_sweep_workbook(tmp_path: Path) -> None:
    row = SweepRow(
        SCENARIO, "(none)", "(defaults)", "time_limit=5", 0, "OPTIMAL", 0, 0.0, 0.0, 0.1, (), 0, 0
    )
    named = dataclasses.replace(row, name="second", reasons=(NAME,))
    path = tmp_path / "sweep.xlsx"
    write_sweep_workbook(path, [row, named])
    header = next(openpyxl.load_workbook(path)["Sweep"].iter_rows(max_row=1, values_only=True))
    reasons = openpyxl.utils.get_column_letter(header.index("reasons") + 1)
    _assert_text(path, ("Sweep", "A2"), ("Sweep", f"{reasons}3"))


def test_scenario_writer_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "centre.xlsx"
    write_scenario(_scenario(), path)
    staff_row = _row_of(path, "staff", "A", "J1")
    _assert_text(path, ("config", "B2"), ("staff", f"B{staff_row}"))
    back = read_scenario(path)
    assert back.name == SCENARIO
    assert {p.name for p in back.staff if p.id == "J1"} == {NAME}
