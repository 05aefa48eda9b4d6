"""The roster workbook: sheets, print setup, colours, leave verdicts, formula safety and the
atomic write, on a hand-made week with a hand-written roster."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from roster.exceptions import RosterInputError
from roster.io import read_roster_assignments
from roster.model import (
    CoverRule,
    HolidayChange,
    LeaveRequest,
    PenaltyItem,
    Result,
    Roster,
    Scenario,
    Shift,
    SolveStatus,
    Staff,
    Violation,
)
from roster.reports import roster_workbook as rw
from roster.reports.roster_workbook import write_roster_workbook

MON = dt.date(2025, 3, 3)
DAYS = [MON + dt.timedelta(days=i) for i in range(7)]  # Mon 3 .. Sun 9 March 2025
HOLIDAY = DAYS[2]  # Wed 5th, added by the holidays sheet


def _scenario() -> Scenario:
    staff = (
        Staff("B2", "Bo Mid", "mid", "Team B"),
        Staff("A3", "=1+1", "junior", "Team A", roles=frozenset({"agent", "callback"})),
        Staff("A2", "An Mid", "mid", "Team A"),
        Staff("T1", "Tao Lead", "senior", "Team A", roles=frozenset({"team_leader"})),
        Staff("B3", "+Bea", "junior", "Team B"),
        Staff("T2", "Ting Lead", "senior", "Team B", roles=frozenset({"team_leader"})),
    )
    shifts = (
        Shift("D", "Day", 8 * 60, 20 * 60, color="#FFD966"),
        Shift("N", "Night", 20 * 60, 8 * 60, night=True),
    )
    cover = (
        CoverRule("*", "D", "senior", 1),
        CoverRule("*", "D", "mid", 1),
        CoverRule("*", "D", "junior", 1),
        CoverRule("*", "N", "senior", 1),
        CoverRule("*", "N", "junior", 1, max=1),
    )
    leave = (
        LeaveRequest("L1", "B2", DAYS[1], DAYS[2], type="annual", status="approved"),
        # asked in person a week ahead: passes L1-L8, so R16 may grant it
        LeaveRequest(
            "L2",
            "A2",
            DAYS[5],
            DAYS[5],
            type="personal",
            status="pending",
            requested_at=dt.datetime.combine(DAYS[0] - dt.timedelta(days=7), dt.time(9)),
            requested_by="A2",
        ),
        LeaveRequest("L3", "B3", DAYS[0], DAYS[0], type="sick", status="pending"),
        LeaveRequest("L4", "A3", DAYS[6], DAYS[6], type="personal", status="rejected"),
    )
    return Scenario(
        name="Hotline =Centre",
        start=DAYS[0],
        end=DAYS[-1],
        staff=staff,
        shifts=shifts,
        cover=cover,
        leave=leave,
        holiday_changes=(HolidayChange(HOLIDAY, "Lantern Test Day"),),
    )


def _roster() -> Roster:
    rows: list[tuple[str, dt.date, str]] = []
    for i, day in enumerate(DAYS):
        rows += [("T1", day, "D"), ("T2", day, "N"), ("B3", day, "N")]
        if i != 5:  # A2 is off on the 8th: her pending leave can be granted
            rows.append(("A2", day, "D"))
        if i != 2:  # no junior on the day shift of the 5th: short
            rows.append(("A3", day, "D"))
    rows.sort(key=lambda r: (r[1], r[0]))
    return Roster.from_rows(rows)


def _result(roster: Roster | None = None) -> Result:
    return Result(
        status=SolveStatus.FEASIBLE,
        objective=25,
        bound=20.0,
        wall_time=1.5,
        roster=roster if roster is not None else _roster(),
        penalties=(
            PenaltyItem("R14", 10, 2, "night spread of juniors is 2"),
            PenaltyItem("R15", 5, 1, "wanted OFF on the 4th", "A3", DAYS[1], None),
        ),
        first_solution_time=0.2,
        settings={"time_limit": 60.0, "workers": 2, "seed": 0},
    )


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, openpyxl.Workbook]:
    """Written once for the module; the tests only read it."""
    path = tmp_path_factory.mktemp("workbook") / "roster.xlsx"
    violations = [Violation("R1", "short of a junior on D", None, HOLIDAY, "D")]
    write_roster_workbook(path, _scenario(), _result(), violations)
    return path, openpyxl.load_workbook(path)


def _person_row(ws: Worksheet, staff_id: str) -> int:
    for row in range(1, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == staff_id:
            return row
    raise AssertionError(f"{staff_id} not on the Roster sheet")


def _day_col(day: dt.date) -> int:
    return 5 + (day - DAYS[0]).days


def _rgb(cell: object) -> str:
    return str(cell.fill.fgColor.rgb)[-6:]  # type: ignore[attr-defined]


def test_sheets_in_order(workbook: tuple[Path, openpyxl.Workbook]) -> None:
    _, wb = workbook
    assert wb.sheetnames == ["Roster", "Assignments", "Coverage", "Leave", "Summary", "Duties"]


def test_assignments_sheet_is_long_form_sorted_text(
    workbook: tuple[Path, openpyxl.Workbook],
) -> None:
    _, wb = workbook
    rows = list(wb["Assignments"].iter_rows(values_only=True))
    assert rows[0] == ("staff_id", "date", "shift")
    assert rows[1:4] == [
        ("A2", "2025-03-03", "D"),
        ("A3", "2025-03-03", "D"),
        ("B3", "2025-03-03", "N"),
    ]
    assert len(rows) - 1 == len(_roster().assignments)
    keys = [(r[1], r[0]) for r in rows[1:]]
    assert keys == sorted(keys)


def test_round_trip_through_assignments(workbook: tuple[Path, openpyxl.Workbook]) -> None:
    path, _ = workbook
    assert read_roster_assignments(path) == _roster()


def test_roster_sheet_order_and_totals(workbook: tuple[Path, openpyxl.Workbook]) -> None:
    _, wb = workbook
    ws = wb["Roster"]
    ids = [ws.cell(row=r, column=1).value for r in range(6, 12)]
    # Teams in scenario order (B first), team leader first, then senior > mid > junior.
    assert ids == ["T2", "B2", "B3", "T1", "A2", "A3"]
    assert ws.cell(row=4, column=5).value == 3
    assert ws.cell(row=5, column=5).value == "Mon"
    headers = [ws.cell(row=4, column=c).value for c in range(12, 16)]
    assert headers == ["shifts", "nights", "weekends", "hours"]
    row = _person_row(ws, "T2")
    assert [ws.cell(row=row, column=c).value for c in range(12, 15)] == [7, 7, 2]
    assert ws.cell(row=row, column=15).value == pytest.approx(7 * (720 + 10) / 60, abs=0.01)
    assert ws.cell(row=row, column=_day_col(DAYS[0])).value == "N"


def test_shift_cells_use_shift_colour(workbook: tuple[Path, openpyxl.Workbook]) -> None:
    _, wb = workbook
    ws = wb["Roster"]
    day_cell = ws.cell(row=_person_row(ws, "T1"), column=_day_col(DAYS[0]))
    night_cell = ws.cell(row=_person_row(ws, "T2"), column=_day_col(DAYS[0]))
    assert day_cell.value == "D"
    assert _rgb(day_cell) == "FFD966"
    assert _rgb(night_cell) == rw.NIGHT_PALETTE[0]


def test_frozen_panes_and_print_setup(workbook: tuple[Path, openpyxl.Workbook]) -> None:
    _, wb = workbook
    ws = wb["Roster"]
    assert ws.freeze_panes == "E6"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 8
    assert int(ws.page_setup.fitToWidth) == 1
    assert int(ws.page_setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$4:$5"
    assert ws.column_dimensions["E"].width < 6


def test_weekend_and_holiday_headers_shaded(workbook: tuple[Path, openpyxl.Workbook]) -> None:
    _, wb = workbook
    ws = wb["Roster"]
    saturday = ws.cell(row=4, column=_day_col(DAYS[5]))
    monday = ws.cell(row=4, column=_day_col(DAYS[0]))
    holiday = ws.cell(row=4, column=_day_col(HOLIDAY))
    assert _rgb(saturday) == rw.WEEKEND_HEADER_FILL
    assert _rgb(ws.cell(row=5, column=_day_col(DAYS[5]))) == rw.WEEKEND_HEADER_FILL
    assert _rgb(monday) == rw.HEADER_FILL
    assert _rgb(holiday) == rw.HOLIDAY_HEADER_FILL
    assert holiday.comment is not None
    assert "Lantern Test Day" in holiday.comment.text
    # An off day on the weekend is shaded in the body too.
    b2_sunday = ws.cell(row=_person_row(ws, "B2"), column=_day_col(DAYS[6]))
    assert b2_sunday.value is None
    assert _rgb(b2_sunday) == rw.WEEKEND_FILL


def test_short_cover_cell_is_red(workbook: tuple[Path, openpyxl.Workbook]) -> None:
    _, wb = workbook
    ws = wb["Roster"]
    label_row = next(
        r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "D Day · junior"
    )
    short = ws.cell(row=label_row, column=_day_col(HOLIDAY))
    fine = ws.cell(row=label_row, column=_day_col(DAYS[0]))
    assert short.value == "0/1"
    assert _rgb(short) == rw.SHORT_FILL
    assert fine.value == "1/1"
    assert _rgb(fine) != rw.SHORT_FILL
    coverage = list(wb["Coverage"].iter_rows(values_only=True))
    assert coverage[0] == (
        "date",
        "shift",
        "requirement",
        "required",
        "assigned",
        "short",
        "maximum",
        "over",
    )
    assert ("2025-03-05", "D", "junior", 1, 0, 1, None, 0) in coverage
    assert ("2025-03-03", "N", "junior", 1, 1, 0, 1, 0) in coverage


def test_leave_labels_and_verdicts(workbook: tuple[Path, openpyxl.Workbook]) -> None:
    _, wb = workbook
    ws = wb["Roster"]
    approved = ws.cell(row=_person_row(ws, "B2"), column=_day_col(DAYS[1]))
    assert approved.value == rw.LEAVE_LABELS["annual"][0]
    assert _rgb(approved) == rw.LEAVE_FILL
    granted = ws.cell(row=_person_row(ws, "A2"), column=_day_col(DAYS[5]))
    assert granted.value == rw.LEAVE_LABELS["personal"][0] + rw.PENDING_MARK
    assert granted.font.italic
    # Pending leave the roster cannot grant is not drawn: the person works.
    assert ws.cell(row=_person_row(ws, "B3"), column=_day_col(DAYS[0])).value == "N"
    legend = [ws.cell(row=r, column=6).value for r in range(1, ws.max_row + 1)]
    assert any("annual leave" in str(text) for text in legend)

    rows = {r[0]: r for r in wb["Leave"].iter_rows(min_row=2, values_only=True)}
    assert rows["L1"][6:8] == ("approved", "approved")
    assert "respected" in rows["L1"][8]
    assert rows["L2"][7] == "can be granted"
    # Sick leave without a certificate fails L4: R16 never grants it, as ``roster leave``.
    assert rows["L3"][7] == "refused by the leave rules"
    assert "L4: sick leave of 1 day (2025-03-03) needs a medical certificate" in rows["L3"][8]
    assert rows["L4"][7] == "rejected"
    assert rows["L2"][2] == "An Mid"


def test_formula_looking_text_stays_text(workbook: tuple[Path, openpyxl.Workbook]) -> None:
    path, wb = workbook
    ws = wb["Roster"]
    name = ws.cell(row=_person_row(ws, "A3"), column=2)
    assert name.value == "=1+1"
    assert name.data_type == "s"
    assert ws["A1"].value == "Hotline =Centre"
    assert ws.cell(row=_person_row(ws, "B3"), column=2).value == "+Bea"
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(member), member


def test_summary_sheet(workbook: tuple[Path, openpyxl.Workbook]) -> None:
    _, wb = workbook
    values = [
        tuple(v for v in row if v is not None) for row in wb["Summary"].iter_rows(values_only=True)
    ]
    assert ("status", "FEASIBLE") in values
    assert ("objective", 25) in values
    assert ("gap %", 20.0) in values
    assert ("setting: workers", 2) in values
    assert ("R14", "FAIRNESS", 20) in values
    assert ("R15", "REQUESTS", 5) in values
    assert ("total", 25) in values
    assert ("R15", 5, 5, 1, "A3", "=1+1", "2025-03-04", "wanted OFF on the 4th") in values
    assert ("Hard-rule violations: 1",) in values
    assert ("R1", "COVER", "2025-03-05", "D", "short of a junior on D") in values


def test_duties_sheet(workbook: tuple[Path, openpyxl.Workbook]) -> None:
    _, wb = workbook
    rows = {r[0]: r for r in wb["Duties"].iter_rows(min_row=2, values_only=True)}
    monday = rows["2025-03-03"]
    assert monday[3] == "Tao Lead (T1)"
    assert monday[4] == "Tao Lead (T1)"
    assert "callback satisfaction summary due 18:00: =1+1 (A3)" in monday[6]
    assert rows["2025-03-04"][4] is None
    assert rows["2025-03-07"][5] == "D shift: water the plants + clean the leaves"
    assert rows["2025-03-05"][2] == "Lantern Test Day"


def test_no_roster_writes_people_leave_and_reasons(tmp_path: Path) -> None:
    path = tmp_path / "none.xlsx"
    result = Result(
        status=SolveStatus.INFEASIBLE,
        objective=None,
        bound=None,
        wall_time=0.4,
        roster=None,
        reasons=("R1: Wednesday 5th needs 3 juniors on D; only 2 exist",),
    )
    write_roster_workbook(path, _scenario(), result)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(rw.SHEETS)
    ws = wb["Roster"]
    assert "No roster" in str(ws["A3"].value)
    assert ws.cell(row=_person_row(ws, "B2"), column=_day_col(DAYS[1])).value == "AL"
    assert ws.cell(row=_person_row(ws, "T1"), column=_day_col(DAYS[0])).value is None
    assert wb["Coverage"].max_row == 1
    assert wb["Assignments"].max_row == 1
    summary = wb["Summary"]
    reason_cells = [c for row in summary.iter_rows() for c in row if c.value == result.reasons[0]]
    assert len(reason_cells) == 1
    assert reason_cells[0].font.size >= 14
    assert reason_cells[0].font.bold
    assert read_roster_assignments(path) == Roster(())


def test_atomic_write_keeps_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"the roster posted last week")

    def broken_save(self: openpyxl.Workbook, filename: str) -> None:
        Path(filename).write_bytes(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        write_roster_workbook(path, _scenario(), _result())
    assert path.read_bytes() == b"the roster posted last week"
    assert [p.name for p in tmp_path.iterdir()] == ["roster.xlsx"]


def test_atomic_write_replaces_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"old")
    write_roster_workbook(path, _scenario(), _result())
    assert zipfile.is_zipfile(path)
    assert [p.name for p in tmp_path.iterdir()] == ["roster.xlsx"]


def _assignments_file(
    tmp_path: Path, rows: list[tuple[object, ...]], title: str = "Assignments"
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(list(row))
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    return path


def test_read_accepts_hand_edits(tmp_path: Path) -> None:
    path = _assignments_file(
        tmp_path,
        [
            ("Shift", "Staff_ID", "Date", "comment"),
            ("D", 101, dt.datetime(2025, 3, 3), "typed as a number and a date"),
            (None, None, None, None),
            ("OFF", "A1", "2025-03-04", "a day off is not an assignment"),
            (" N ", " A1 ", "2025-03-05", ""),
        ],
    )
    assert read_roster_assignments(path) == Roster.from_rows(
        [("101", DAYS[0], "D"), ("A1", DAYS[2], "N")]
    )


@pytest.mark.parametrize(
    ("rows", "row", "column"),
    [
        ([("staff_id", "date", "shift"), ("A1", "3/3/2025", "D")], 2, "date"),
        (
            [("staff_id", "date", "shift"), ("A1", "2025-03-03", "D"), ("A1", "2025-02-30", "D")],
            3,
            "date",
        ),
        ([("staff_id", "date", "shift"), (None, "2025-03-03", "D")], 2, "staff_id"),
        ([("staff_id", "date", "shift"), ("A1", "2025-03-03", None)], 2, "shift"),
        ([("staff_id", "day", "shift"), ("A1", "2025-03-03", "D")], 1, "date"),
    ],
)
def test_read_rejects_bad_cells_with_location(
    tmp_path: Path, rows: list[tuple[object, ...]], row: int, column: str
) -> None:
    path = _assignments_file(tmp_path, rows)
    with pytest.raises(RosterInputError) as err:
        read_roster_assignments(path)
    assert (err.value.sheet, err.value.row, err.value.column) == ("Assignments", row, column)


def test_read_rejects_missing_sheet_and_non_workbooks(tmp_path: Path) -> None:
    path = _assignments_file(tmp_path, [("staff_id", "date", "shift")], title="Roster")
    with pytest.raises(RosterInputError, match="no 'Assignments' sheet"):
        read_roster_assignments(path)
    text = tmp_path / "roster.xlsx"
    text.write_text("not a workbook")
    with pytest.raises(RosterInputError, match="not a readable"):
        read_roster_assignments(text)
    with pytest.raises(RosterInputError, match="does not exist"):
        read_roster_assignments(tmp_path / "missing.xlsx")


def test_every_sheet_prints_its_columns_on_one_page_width(
    workbook: tuple[Path, openpyxl.Workbook],
) -> None:
    # A team lead printing the Leave sheet got the verdict columns on a page of their own.
    _, wb = workbook
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
