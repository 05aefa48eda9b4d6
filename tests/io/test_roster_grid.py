"""The Roster grid as a person edits it: codes in any case and with stray spaces, leave
marks, double shifts, moved rows and columns, bad cells located by column letter; the grid
wins over a disagreeing Assignments sheet; the annotated copy marks the offending cells."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from roster.checks import check_roster
from roster.exceptions import RosterInputError
from roster.io import read_edited_roster
from roster.model import Result, Roster, Scenario, SolveStatus, Violation
from roster.reports.annotated import VIOLATION_FILL, annotate_roster_workbook
from roster.reports.roster_workbook import write_roster_workbook
from tests.helpers import day, default_staff, tiny_scenario, valid_roster, with_grid

NAMES = {"L1": "Wang Li", "L2": "Zhao Min", "L3": "Chen Jie", "L4": "Sun Yu"}


def named_scenario(**overrides: object) -> Scenario:
    """The tiny centre with real-looking names for the team leaders."""
    staff = tuple(dataclasses.replace(s, name=NAMES.get(s.id, s.name)) for s in default_staff())
    return tiny_scenario(staff=staff, **overrides)


def write_roster(path: Path, scenario: Scenario, roster: Roster) -> Path:
    result = Result(SolveStatus.OPTIMAL, 0, 0.0, 0.1, roster)
    write_roster_workbook(path, scenario, result)
    return path


def grid_cell(ws: Worksheet, staff_id: str, day_index: int) -> tuple[int, int]:
    """(row, column) of a person's day, found by content as a person would find it."""
    rows = [r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == staff_id]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "id")
    target = day(day_index).day
    cols = [c for c in range(1, ws.max_column + 1) if ws.cell(row=header, column=c).value == target]
    assert len(rows) == 1, (staff_id, rows)
    assert len(cols) == 1, (day_index, cols)
    return rows[0], cols[0]


def edit_grid(
    source: Path, edits: Mapping[tuple[str, int], object], target: Path | None = None
) -> Path:
    """Overtype cells of the Roster grid, keyed by (staff id, day index), as a team lead
    would; the Assignments sheet is left as it was."""
    wb = openpyxl.load_workbook(source)
    ws = wb["Roster"]
    for (staff_id, day_index), value in edits.items():
        row, col = grid_cell(ws, staff_id, day_index)
        ws.cell(row=row, column=col).value = value
    out = target or source
    wb.save(out)
    return out


@pytest.fixture
def scenario() -> Scenario:
    return named_scenario()


@pytest.fixture
def published(tmp_path: Path, scenario: Scenario) -> Path:
    return write_roster(tmp_path / "roster.xlsx", scenario, valid_roster())


def assignments(roster: Roster) -> set[tuple[str, dt.date, str]]:
    return {(a.staff_id, a.date, a.shift) for a in roster.assignments}


# -- reading --------------------------------------------------------------------------------


def test_written_roster_reads_back_unchanged(published: Path, scenario: Scenario) -> None:
    edited = read_edited_roster(published, scenario)
    assert assignments(edited.roster) == assignments(valid_roster())
    assert len(edited.roster.assignments) == len(valid_roster().assignments)
    assert edited.notes == ()
    assert edited.leave_marks == {}


@pytest.mark.parametrize("typed", ["n", "n ", " N", "\u3000N\u00a0", "Ｎ", "\tn\n"])
def test_case_and_stray_spaces_read_as_the_code(
    published: Path, scenario: Scenario, typed: str
) -> None:
    edit_grid(published, {("L1", 1): typed})  # L1 works N on day 1 already
    edited = read_edited_roster(published, scenario)
    assert assignments(edited.roster) == assignments(valid_roster())
    assert edited.notes == ()  # same meaning as the Assignments sheet: nothing to say


@pytest.mark.parametrize("typed", ["D/N", "d+n", "DN", "dn", "D N", "D, N", "D／N"])
def test_double_shift_is_two_shifts_and_breaks_r4(
    published: Path, scenario: Scenario, typed: str
) -> None:
    edit_grid(published, {("L1", 0): typed})
    edited = read_edited_roster(published, scenario)
    assert sorted(edited.roster.by_person_day()[("L1", day(0))]) == ["D", "N"]
    rules = {v.rule for v in check_roster(scenario, edited.roster) if v.staff_id == "L1"}
    assert {"R4", "R5"} <= rules


@pytest.mark.parametrize(
    ("typed", "leave_type"),
    [
        ("AL", "annual"),
        ("al", "annual"),
        ("PL*", "personal"),
        (" sl * ", "sick"),
        ("年假", "annual"),
        ("病假", "sick"),
        ("出差", "business"),
        ("annual", "annual"),
    ],
)
def test_leave_marks_are_off_and_recorded(
    published: Path, scenario: Scenario, typed: str, leave_type: str
) -> None:
    edit_grid(published, {("J1", 0): typed})
    edited = read_edited_roster(published, scenario)
    assert edited.roster.shift_of("J1", day(0)) is None
    assert edited.leave_marks == {("J1", day(0)): leave_type}


@pytest.mark.parametrize("typed", [None, "", "  ", "-", "OFF", "off", "Off", "休", "休息"])
def test_off_marks(published: Path, scenario: Scenario, typed: object) -> None:
    edit_grid(published, {("J1", 0): typed})
    edited = read_edited_roster(published, scenario)
    assert edited.roster.shift_of("J1", day(0)) is None
    assert edited.leave_marks == {}


def test_unknown_code_names_sheet_row_column_letter_and_date(
    published: Path, scenario: Scenario
) -> None:
    edit_grid(published, {("L2", 1): " X"})
    wb = openpyxl.load_workbook(published)
    row, col = grid_cell(wb["Roster"], "L2", 1)
    assert (row, col) == (7, 6)
    with pytest.raises(RosterInputError) as err:
        read_edited_roster(published, scenario)
    assert (err.value.sheet, err.value.row, err.value.column) == ("Roster", 7, "F")
    assert str(err.value) == (
        "sheet 'Roster', row 7, column 'F': unknown shift code 'X' on 2026-03-03; expected "
        "one of D, N, a leave mark (AL, PL, SP, SL, ES, BT, ST) or blank"
    )


@pytest.mark.parametrize("typed", ["DX", "D/AL", 1, "N/?", "2026-03-02"])
def test_other_unknown_cells_are_rejected(
    published: Path, scenario: Scenario, typed: object
) -> None:
    edit_grid(published, {("J1", 0): typed})
    with pytest.raises(RosterInputError, match="unknown shift code"):
        read_edited_roster(published, scenario)


def test_codes_are_matched_to_the_scenarios_spelling(tmp_path: Path) -> None:
    base = named_scenario()
    shifts = tuple(dataclasses.replace(s, code=s.code.lower()) for s in base.shifts)
    cover = tuple(dataclasses.replace(c, shift=c.shift.lower()) for c in base.cover)
    scenario = base.replace(shifts=shifts, cover=cover)
    roster = Roster.from_rows(
        [(a.staff_id, a.date, a.shift.lower()) for a in valid_roster().assignments]
    )
    path = write_roster(tmp_path / "r.xlsx", scenario, roster)
    edit_grid(path, {("L1", 0): "D"})
    edited = read_edited_roster(path, scenario)
    assert assignments(edited.roster) == assignments(roster)


def test_unknown_and_duplicate_staff_ids(published: Path, scenario: Scenario) -> None:
    wb = openpyxl.load_workbook(published)
    ws = wb["Roster"]
    row, _ = grid_cell(ws, "J2", 0)
    ws.cell(row=row, column=1).value = "J9"
    wb.save(published)
    with pytest.raises(RosterInputError) as err:
        read_edited_roster(published, scenario)
    assert (err.value.sheet, err.value.row, err.value.column) == ("Roster", row, "A")
    assert "unknown staff id 'J9'" in str(err.value)

    ws.cell(row=row, column=1).value = "J1"
    wb.save(published)
    with pytest.raises(RosterInputError, match="staff id 'J1' already has row"):
        read_edited_roster(published, scenario)


def test_inserted_rows_and_columns_still_read(published: Path, scenario: Scenario) -> None:
    wb = openpyxl.load_workbook(published)
    ws = wb["Roster"]
    ws.unmerge_cells("A4:A5")  # the person moves the header down two rows
    ws.insert_rows(1, 2)
    ws["A1"] = "Posted Friday - call Wang Li for changes"
    ws.insert_cols(5)  # a notes column between the team and the first day
    ws.cell(row=6, column=5).value = "notes"
    row, _ = grid_cell(ws, "M1", 0)
    ws.insert_rows(row)  # a spacer row before M1
    last = max(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "J2")
    ws.insert_rows(last + 1, 2)
    ws.cell(row=last + 2, column=1).value = "Signed: the team leader"  # a note under the grid
    wb.save(published)

    edited = read_edited_roster(published, scenario)
    assert assignments(edited.roster) == assignments(valid_roster())
    assert edited.notes == ()


def test_an_id_cell_without_days_beside_it_is_not_the_header(
    published: Path, scenario: Scenario
) -> None:
    wb = openpyxl.load_workbook(published)
    wb["Roster"]["A1"] = "ID"  # a title that happens to read "ID"
    wb.save(published)
    assert assignments(read_edited_roster(published, scenario).roster) == assignments(
        valid_roster()
    )


def test_codes_in_a_row_without_id_are_rejected(published: Path, scenario: Scenario) -> None:
    wb = openpyxl.load_workbook(published)
    ws = wb["Roster"]
    row, col = grid_cell(ws, "M1", 2)
    ws.insert_rows(row)
    ws.cell(row=row, column=col).value = "D"
    wb.save(published)
    with pytest.raises(RosterInputError, match="no staff id in this row") as err:
        read_edited_roster(published, scenario)
    assert (err.value.row, err.value.column) == (row, "G")


def test_dates_as_headers_are_accepted(published: Path, scenario: Scenario) -> None:
    wb = openpyxl.load_workbook(published)
    ws = wb["Roster"]
    for i in range(7):
        _, col = grid_cell(ws, "L1", i)
        ws.cell(row=4, column=col).value = dt.datetime.combine(day(i), dt.time())
    wb.save(published)
    assert assignments(read_edited_roster(published, scenario).roster) == assignments(
        valid_roster()
    )


def test_days_must_match_the_horizon(published: Path, scenario: Scenario) -> None:
    longer = scenario.replace(end=day(7))
    with pytest.raises(RosterInputError) as err:
        read_edited_roster(published, longer)
    assert "the grid has 7 day column(s) (E..K)" in str(err.value)
    assert "2026-03-02 to 2026-03-09 has 8 days" in str(err.value)

    later = scenario.replace(start=day(1), end=day(7))
    with pytest.raises(RosterInputError) as err:
        read_edited_roster(published, later)
    assert (err.value.row, err.value.column) == (4, "E")
    assert "the header says day 2 but this column is 2026-03-03" in str(err.value)


def test_no_header_is_rejected(tmp_path: Path, scenario: Scenario) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Roster"
    ws.append(["who", "1", "2"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    with pytest.raises(RosterInputError, match="no grid header"):
        read_edited_roster(path, scenario)


def test_person_missing_from_the_grid_is_off_with_a_note(
    published: Path, scenario: Scenario
) -> None:
    wb = openpyxl.load_workbook(published)
    ws = wb["Roster"]
    row, _ = grid_cell(ws, "J2", 0)
    ws.delete_rows(row)
    del wb["Assignments"]
    wb.save(published)
    edited = read_edited_roster(published, scenario)
    assert not [a for a in edited.roster.assignments if a.staff_id == "J2"]
    assert edited.notes == (
        "1 of the scenario's staff have no row in the Roster grid (J2); they are read as off "
        "every day.",
    )


def test_grid_wins_over_assignments_and_says_so(published: Path, scenario: Scenario) -> None:
    edit_grid(published, {("L1", 0): "N", ("J1", 0): "-", ("J2", 0): "D"})
    edited = read_edited_roster(published, scenario)
    assert edited.roster.shift_of("L1", day(0)) == "N"
    assert edited.roster.shift_of("J1", day(0)) is None
    assert edited.notes == (
        "The Roster grid and the Assignments sheet disagree on 3 cells (first: L1 on "
        "2026-03-02: grid N, Assignments D); the grid wins.",
    )


def test_one_disagreement_reads_cell(published: Path, scenario: Scenario) -> None:
    edit_grid(published, {("M1", 3): "n"})
    assert read_edited_roster(published, scenario).notes == (
        "The Roster grid and the Assignments sheet disagree on 1 cell (first: M1 on "
        "2026-03-05: grid N, Assignments off); the grid wins.",
    )


def test_without_roster_sheet_the_assignments_are_read(published: Path, scenario: Scenario) -> None:
    wb = openpyxl.load_workbook(published)
    del wb["Roster"]
    wb.save(published)
    edited = read_edited_roster(published, scenario)
    assert assignments(edited.roster) == assignments(valid_roster())
    assert edited.notes == (
        "The workbook has no 'Roster' sheet; the 'Assignments' sheet was read instead.",
    )


def test_missing_files_and_non_workbooks(tmp_path: Path, scenario: Scenario) -> None:
    with pytest.raises(RosterInputError, match="does not exist"):
        read_edited_roster(tmp_path / "missing.xlsx", scenario)
    text = tmp_path / "roster.xlsx"
    text.write_text("staff_id,date,shift\n")
    with pytest.raises(RosterInputError, match=r"not a readable \.xlsx workbook"):
        read_edited_roster(text, scenario)
    wb = openpyxl.Workbook()
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(RosterInputError, match="no 'Roster' or 'Assignments' sheet"):
        read_edited_roster(tmp_path / "other.xlsx", scenario)


# -- annotating -----------------------------------------------------------------------------


def _fill(ws: Worksheet, row: int, col: int) -> str:
    return str(ws.cell(row=row, column=col).fill.fgColor.rgb)[-6:]


def test_annotated_copy_marks_offending_cells(
    tmp_path: Path, published: Path, scenario: Scenario
) -> None:
    # L1 works D and N on day 0 (R4, R5); L2 leaves day 1's day shift without a leader (R2).
    edit_grid(published, {("L1", 0): "D/N", ("L2", 1): "-"})
    before = published.read_bytes()
    violations = check_roster(scenario, read_edited_roster(published, scenario).roster)
    assert {v.rule for v in violations} == {"R1", "R2", "R4", "R5"}
    target = tmp_path / "annotated.xlsx"

    marked = annotate_roster_workbook(published, target, violations, scenario)

    assert published.read_bytes() == before
    assert marked == 2
    ws = openpyxl.load_workbook(target)["Roster"]
    row, col = grid_cell(ws, "L1", 0)
    assert _fill(ws, row, col) == VIOLATION_FILL
    comment = ws.cell(row=row, column=col).comment
    assert comment is not None
    assert comment.text.splitlines()[:2] == [
        "R4 ONE SHIFT: 2 shifts on 2026-03-02 (D, N)",
        "R5 REST: day shift on 2026-03-02 then night shift on 2026-03-02: rest 0 h < 11 h",
    ]
    # A shift-wide rule marks the shift's cover row on that day: "D Day · senior".
    cover_row = next(
        r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "D Day · senior"
    )
    _, day1 = grid_cell(ws, "L2", 1)
    assert _fill(ws, cover_row, day1) == VIOLATION_FILL
    text = ws.cell(row=cover_row, column=day1).comment.text  # type: ignore[union-attr]
    assert "R1 COVER" in text
    assert "R2 SUPERVISOR: Tue 3 Mar, day shift: no team leader" in text
    # Everything else keeps its look, and the copy still reads as the same roster.
    row, col = grid_cell(ws, "J1", 0)
    assert _fill(ws, row, col) != VIOLATION_FILL
    assert (
        read_edited_roster(target, scenario).roster
        == read_edited_roster(published, scenario).roster
    )


def test_annotation_of_person_wide_and_header_rules(
    tmp_path: Path, published: Path, scenario: Scenario
) -> None:
    violations = [
        Violation("R7", "5 shifts in the horizon, at most 4 allowed", "J1"),
        Violation("R12", "callback seat unstaffed", None, day(2)),
        Violation("R9", "nobody on duty", None, day(3), "N"),
        Violation("R1", "somewhere else", None, dt.date(2030, 1, 1), "D"),
    ]
    target = tmp_path / "out.xlsx"
    assert annotate_roster_workbook(published, target, violations, scenario) == 3
    ws = openpyxl.load_workbook(target)["Roster"]
    row, _ = grid_cell(ws, "J1", 0)
    assert _fill(ws, row, 1) == VIOLATION_FILL
    assert "R7 WORKLOAD" in ws.cell(row=row, column=1).comment.text  # type: ignore[union-attr]
    _, col2 = grid_cell(ws, "J1", 2)
    assert "R12 CALLBACK GAP" in ws.cell(row=4, column=col2).comment.text  # type: ignore[union-attr]
    night_row = next(
        r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "N Night · senior"
    )
    _, col3 = grid_cell(ws, "J1", 3)
    assert _fill(ws, night_row, col3) == VIOLATION_FILL


def test_annotation_writes_atomically_and_only_the_target(
    tmp_path: Path, published: Path, scenario: Scenario
) -> None:
    roster = with_grid(J1="NDDD---")
    violations = check_roster(scenario, roster)
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    before = published.read_bytes()
    annotate_roster_workbook(published, target, violations, scenario)
    assert published.read_bytes() == before
    assert target.read_bytes() != b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx", "roster.xlsx"]
    # The same path given twice is an explicit request to mark the file in place.
    assert annotate_roster_workbook(published, published, violations, scenario) > 0
    assert published.read_bytes() != before
