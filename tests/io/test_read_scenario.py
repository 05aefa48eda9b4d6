"""The scenario reader: every malformed input is a located RosterInputError, good input
reads back exactly, and both file formats (xlsx, CSV folder) behave the same."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from roster.examples import example_three_shift
from roster.exceptions import RosterInputError
from roster.io import read_scenario, write_scenario
from roster.io.scenario_reader import cell_text, read_tables
from roster.model import (
    Assignment,
    HolidayChange,
    LeaveRequest,
    RuleParameters,
    Scenario,
    ShiftRequest,
    Swap,
    Weights,
)
from tests.helpers import day, tiny_scenario

DATA = Path(__file__).parent.parent / "data"
SMALL = DATA / "small"
BAD = DATA / "bad"

LEAVE_TWICE_A = "id,staff_id,start,end\nA,M1,2024-03-01,2024-03-01\nA,J1,2024-03-02,2024-03-02\n"

# fixture, sheet, row, column, fragment of the message
BAD_FIXTURES: list[tuple[str, str | None, int | None, str | None, str]] = [
    (
        "unknown_grade",
        "staff",
        4,
        "grade",
        "unknown grade 'expert'; expected junior, mid or senior",
    ),
    ("duplicate_staff_id", "staff", 4, "id", "duplicate staff id 'M1' (first on row 3)"),
    ("unknown_role", "staff", 2, "roles", "unknown role 'teamleader'; expected agent, team_leader"),
    ("staff_min_gt_max", "staff", 3, "max_shifts", "min_shifts 20 > max_shifts 15"),
    ("bad_number", "staff", 2, "max_nights", "'many' is not valid; expected a whole number"),
    ("bad_bool", "staff", 2, "can_work_nights", "'maybe' is not valid; expected yes or no"),
    ("missing_column", "staff", 1, "grade", "missing required column 'grade'"),
    ("empty_file", "staff", None, None, "staff.csv is empty; expected a header row"),
    ("missing_sheet", "cover", None, None, "required sheet is missing"),
    ("bad_month", "config", 3, "value", "month '2024-13' is not valid; expected YYYY-MM"),
    ("config_end_before_start", "config", 3, "value", "end 2024-03-01 is before start 2024-03-10"),
    ("unknown_weight", "config", 3, "key", "unknown weight 'weight_fairnes'; expected"),
    ("duplicate_shift_code", "shifts", 4, "code", "duplicate shift code 'D' (first on row 2)"),
    ("bad_time_25", "shifts", 3, "start", "'25:00' is not valid; expected a time of day (HH:MM"),
    ("bad_time_8am", "shifts", 2, "start", "'8am' is not valid; expected a time of day"),
    ("bad_color", "shifts", 2, "color", "'yellow' is not a colour; expected hex #RRGGBB"),
    ("unknown_shift_cover", "cover", 3, "shift", "unknown shift code 'E'; expected D or N"),
    ("cover_min_gt_max", "cover", 2, "max", "min 3 > max 2"),
    ("bad_cover_day", "cover", 2, "day", "expected a date (YYYY-MM-DD), Mon..Sun, weekday"),
    ("bad_cover_weight", "cover", 3, "weight_over", "'heavy' is not valid; expected a whole"),
    ("leave_unknown_person", "leave", 2, "staff_id", "unknown staff id 'Z9'"),
    ("leave_outside_month", "leave", 2, "start", "is outside the scenario's horizon"),
    ("leave_end_before_start", "leave", 2, "end", "end 2024-03-04 is before start 2024-03-05"),
    ("unknown_leave_type", "leave", 2, "type", "unknown leave type 'holiday'; expected personal"),
    ("unknown_leave_status", "leave", 2, "status", "unknown leave status 'granted'; expected"),
    ("request_unknown_person", "requests", 2, "staff_id", "unknown staff id 'Z9'"),
    ("request_outside_month", "requests", 2, "date", "date 2024-04-01 is outside the scenario"),
    (
        "unknown_shift_request",
        "requests",
        2,
        "shift",
        "unknown shift code 'E'; expected D, N or OFF",
    ),
    ("bad_date", "requests", 2, "date", "'2024-02-30' is not valid; expected a date (YYYY-MM-DD)"),
    ("history_unknown_person", "history", 2, "staff_id", "unknown staff id 'Z9'"),
    ("history_not_before", "history", 3, "date", "history date 2024-03-01 is not before"),
    ("unknown_shift_history", "history", 2, "shift", "unknown shift code 'X'"),
    ("roster_outside_month", "roster", 3, "date", "date 2024-02-29 is outside the scenario"),
    ("unknown_shift_roster", "roster", 2, "shift", "unknown shift code 'Late'"),
    # R21/R22: the forecast sheet and the config keys it uses
    (
        "forecast_interval_not_time",
        "forecast",
        3,
        "interval",
        "'8h30' is not valid; expected a time of day (HH:MM",
    ),
    (
        "forecast_interval_off_boundary",
        "forecast",
        3,
        "interval",
        "'08:15' does not start a 30-minute interval",
    ),
    (
        "forecast_duplicate_interval",
        "forecast",
        4,
        "interval",
        "duplicate interval; first given on row 2",
    ),
    ("forecast_negative_calls", "forecast", 3, "calls", "'-5' is out of range; expected a number"),
    ("forecast_aht_zero", "forecast", 2, "aht", "'0' is out of range; expected a number > 0"),
    (  # ForecastRow's own check, located at the row and the column it checks
        "forecast_service_level_above_one",
        "forecast",
        3,
        "service_level",
        "Forecast * 08:30: service_level must be between 0 and 1, got 1.5",
    ),
    (
        "forecast_unknown_day",
        "forecast",
        3,
        "day",
        "'workday' is not valid; expected a date (YYYY-MM-DD), Mon..Sun, weekday",
    ),
    (  # RuleParameters' own check, located at the key's value
        "config_bad_grade_mix",
        "config",
        5,
        "value",
        "config grade_mix 'junior:x': expected grade:share pairs",
    ),
    (
        "config_bad_holiday_pay_factor",
        "config",
        5,
        "value",
        "'abc' is not valid; expected holiday_pay_factor as a number",
    ),
    ("not_a_workbook.xlsx", None, None, None, "is not an Excel workbook"),
    ("empty.xlsx", None, None, None, "empty.xlsx is empty (0 bytes)"),
]


def test_every_bad_fixture_is_in_the_table() -> None:
    assert sorted(p.name for p in BAD.iterdir() if p.name != "README.md") == sorted(
        name for name, *_ in BAD_FIXTURES
    )


@pytest.mark.parametrize(
    ("fixture", "sheet", "row", "column", "fragment"),
    BAD_FIXTURES,
    ids=[case[0] for case in BAD_FIXTURES],
)
def test_bad_fixture(
    fixture: str, sheet: str | None, row: int | None, column: str | None, fragment: str
) -> None:
    with pytest.raises(RosterInputError) as info:
        read_scenario(BAD / fixture)
    err = info.value
    assert (err.sheet, err.row, err.column) == (sheet, row, column)
    assert fragment in str(err)
    if sheet is not None:
        assert str(err).startswith(f"sheet '{sheet}'")


# --------------------------------------------------------------------------------------
# helpers: a copy of the small CSV centre with some sheets replaced, or a tiny workbook
# --------------------------------------------------------------------------------------


def csv_centre(tmp_path: Path, **sheets: str | None) -> Path:
    """The small centre as a CSV folder; a sheet given as None is removed."""
    folder = tmp_path / "centre"
    shutil.copytree(SMALL, folder)
    for name, text in sheets.items():
        target = folder / f"{name}.csv"
        if text is None:
            target.unlink()
        else:
            target.write_text(text, encoding="utf-8")
    return folder


def workbook_centre(tmp_path: Path, **sheets: list[list[object]]) -> Path:
    """The small centre as an .xlsx workbook, with some sheets replaced by typed cells."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for name in ("config", "staff", "shifts", "cover"):
        if name in {sheet.lower() for sheet in sheets}:
            continue
        ws = wb.create_sheet(name)
        for line in (SMALL / f"{name}.csv").read_text(encoding="utf-8").splitlines():
            ws.append(line.split(","))
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for number, values in enumerate(rows, start=1):
            for col, value in enumerate(values, start=1):
                ws.cell(row=number, column=col, value=value)  # type: ignore[arg-type]
    path = tmp_path / "centre.xlsx"
    wb.save(path)
    return path


def error_of(path: Path) -> RosterInputError:
    with pytest.raises(RosterInputError) as info:
        read_scenario(path)
    return info.value


# --------------------------------------------------------------------------------------
# good input
# --------------------------------------------------------------------------------------


def test_small_centre_reads_with_defaults() -> None:
    sc = read_scenario(SMALL)
    assert sc.name == "small centre"
    assert (sc.start, sc.end) == (dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert sc.country == "CN"
    assert sc.rules == RuleParameters()
    assert sc.weights == Weights()
    leader, mid, junior = sc.staff
    assert leader.roles == frozenset({"agent", "team_leader"})
    assert junior.roles == frozenset({"agent"})  # blank roles: agent
    assert (mid.can_work_nights, junior.can_work_nights) == (True, False)
    assert (mid.min_shifts, mid.max_shifts, mid.max_nights) == (None, None, None)
    day_shift, night_shift = sc.shifts
    assert (day_shift.start, day_shift.end, day_shift.night) == (480, 1200, False)
    assert (night_shift.start, night_shift.end, night_shift.night) == (1200, 480, True)
    assert (day_shift.color, night_shift.color) == ("#FFF2CC", "BDD7EE")
    assert [(c.day, c.shift, c.requirement, c.min, c.max) for c in sc.cover] == [
        ("*", "D", "junior", 1, None),
        ("*", "N", "junior", 1, 2),
    ]
    assert (sc.leave, sc.requests, sc.history, sc.published, sc.swaps) == ((), (), (), (), ())


def test_optional_sheets_and_their_defaults(tmp_path: Path) -> None:
    folder = csv_centre(
        tmp_path,
        config="key,value\nmonth,2024-03\nweight_request,7\nteam_meeting_day,tuesday\n"
        "night_leave_cutoff,9:30\nupward_substitution,No\nmax_consecutive_days,5\n"
        "weight_cover_under,40\nsite,Shenzhen\n",
        leave="staff_id,start,end,type,requested_at,approved_by\n"
        "M1,2024-02-28,2024-03-02,,2024-02-20 09:05,department_head\n",
        requests="staff_id,date,shift,kind,weight\nJ1,2024-03-05,off,,\nM1,2024-03-06,n,avoid,9\n",
        holidays="date,name\n2024-03-08,Women's Day\n2024-03-09,-\n2024-03-10,\n",
        history="staff_id,date,shift\nM1,2024-02-29,N\nJ1,2024-02-29,OFF\n",
        swaps="id,staff_a,date_a,staff_b,date_b,status,approved_by_a_leader\n"
        "S1,M1,2024-03-04,L1,,Approved,yes\n",
        roster="staff_id,date,shift,note\nM1,2024-03-01,D,keep\n",
    )
    sc = read_scenario(folder)
    assert sc.name == "centre"  # no name key: the folder's name
    assert sc.rules == RuleParameters(
        team_meeting_day="Tue",
        night_leave_cutoff="09:30",
        upward_substitution=False,
        max_consecutive_days=5,
    )
    assert sc.weights == Weights(request=7, cover_under=40)
    assert sc.extra_config == {"site": "Shenzhen"}
    assert sc.leave == (
        LeaveRequest(
            id="",
            staff_id="M1",
            start=dt.date(2024, 2, 28),  # leave may start before the horizon
            end=dt.date(2024, 3, 2),
            type="personal",
            status="approved",
            requested_at=dt.datetime(2024, 2, 20, 9, 5),
            approved_by="department_head",
        ),
    )
    assert sc.requests == (
        ShiftRequest("J1", dt.date(2024, 3, 5), "OFF", "want", 7),  # weight: weight_request
        ShiftRequest("M1", dt.date(2024, 3, 6), "N", "avoid", 9),  # code case folded
    )
    assert sc.holiday_changes == (
        HolidayChange(dt.date(2024, 3, 8), "Women's Day"),
        HolidayChange(dt.date(2024, 3, 9), "-"),
        HolidayChange(dt.date(2024, 3, 10), "holiday"),
    )
    assert sc.history == (Assignment("M1", dt.date(2024, 2, 29), "N"),)  # OFF rows dropped
    assert sc.swaps == (Swap("S1", "M1", dt.date(2024, 3, 4), "L1", None, "approved", True, False),)
    assert sc.published == (Assignment("M1", dt.date(2024, 3, 1), "D"),)


def test_start_end_horizon_and_no_country(tmp_path: Path) -> None:
    folder = csv_centre(
        tmp_path, config="key,value\nname,x\nstart,2024-03-04\nend,2024/3/10\ncountry,\n"
    )
    sc = read_scenario(folder)
    assert (sc.start, sc.end, sc.country) == (dt.date(2024, 3, 4), dt.date(2024, 3, 10), "")


def test_shift_night_defaults_to_crossing_midnight(tmp_path: Path) -> None:
    folder = csv_centre(
        tmp_path,
        shifts="code,start,end\nE,06:00,14:00\nL,16:00,24:00\nN,22:00,6:00\n",
        cover="day,shift,requirement,min\n*,E,junior,1\n",
    )
    sc = read_scenario(folder)
    assert [(s.code, s.name, s.start, s.end, s.night) for s in sc.shifts] == [
        ("E", "E", 360, 840, False),
        ("L", "L", 960, 0, False),  # ends at midnight: not a night shift
        ("N", "N", 1320, 360, True),
    ]


def test_blank_rows_skipped_and_row_numbers_kept(tmp_path: Path) -> None:
    folder = csv_centre(
        tmp_path,
        staff="id,grade,team,extra column\nL1,senior,T1,x\n,,,\n\nJ1,junior,T1,\nJ2,novice,T1,\n",
    )
    err = error_of(folder)
    assert (err.sheet, err.row, err.column) == ("staff", 6, "grade")


def test_unknown_columns_and_sheets_are_ignored(tmp_path: Path) -> None:
    folder = csv_centre(tmp_path)
    (folder / "notes.csv").write_text("whatever,whatever\n1,2\n", encoding="utf-8")
    (folder / "README.txt").write_text("not a sheet", encoding="utf-8")
    assert read_scenario(folder) == read_scenario(SMALL)


def test_utf8_bom_and_upper_case_headers(tmp_path: Path) -> None:
    folder = csv_centre(tmp_path, staff="\ufeffID,Name,GRADE,Team\nL1,李雷,senior,一班\n")
    sc = read_scenario(folder)
    assert (sc.staff[0].id, sc.staff[0].name, sc.staff[0].team) == ("L1", "李雷", "一班")


# --------------------------------------------------------------------------------------
# more bad input, built in the test
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sheets", "where", "fragment"),
    [
        (
            {"config": "key,value\nmonth,2024-03\nstart,2024-03-01\n"},
            ("config", 2, "value"),
            "either month or start and end",
        ),
        ({"config": "key,value\nname,x\n"}, ("config", None, "key"), "the horizon is not given"),
        (
            {"config": "key,value\nmonth,2024-03\nmonth,2024-04\n"},
            ("config", 3, "key"),
            "duplicate key 'month'",
        ),
        (
            {"config": "key,value\nmonth,2024-03\ncountry,Atlantis\n"},
            ("config", 3, "value"),
            "country 'Atlantis' has no public-holiday calendar",
        ),
        (
            {"config": "key,value\nmonth,2024-03\nteam_meeting_day,Funday\n"},
            ("config", 3, "value"),
            "expected Mon, Tue, Wed, Thu, Fri, Sat or Sun",
        ),
        (
            {"config": "key,value\nmonth,2024-03\nupward_substitution,sometimes\n"},
            ("config", 3, "value"),
            "expected upward_substitution as yes or no",
        ),
        (
            {"config": "key,value\nmonth,2024-03\nweight_fairness,-1\n"},
            ("config", 3, "value"),
            "expected a whole number >= 0",
        ),
        (  # RuleParameters' own ValueError, located at the key's value
            {"config": "key,value\nmonth,2024-03\nmax_consecutive_days,0\n"},
            ("config", 3, "value"),
            "max_consecutive_days must be >= 1",
        ),
        (
            {"config": "key,value\nmonth,2024-03\nnight_leave_cutoff,noon\n"},
            ("config", 3, "value"),
            "expected night_leave_cutoff as HH:MM",
        ),
        ({"staff": "id,grade\n"}, ("staff", None, None), "no staff"),
        (
            {"staff": "id,grade\nL1,\n"},
            ("staff", 2, "grade"),
            "missing value; expected junior, mid or senior",
        ),
        (
            {"staff": "id,grade\n,senior\n"},
            ("staff", 2, "id"),
            "missing value; expected a staff id",
        ),
        ({"staff": "id,grade,id\nL1,senior,L1\n"}, ("staff", 1, "id"), "duplicate column 'id'"),
        ({"staff": "id,grade,min_shifts\nL1,senior,2.5\n"}, ("staff", 2, "min_shifts"), "2.5"),
        ({"shifts": "code,start,end\nOFF,08:00,16:00\n"}, ("shifts", 2, "code"), "reserved"),
        ({"shifts": "code,start,end\nD,08:60,16:00\n"}, ("shifts", 2, "start"), "'08:60'"),
        ({"shifts": "code,start,end\nD,08:00,\n"}, ("shifts", 2, "end"), "missing value"),
        (
            {"cover": "day,shift,requirement,min\n*,D,boss,1\n"},
            ("cover", 2, "requirement"),
            "unknown requirement (grade or role) 'boss'",
        ),
        ({"cover": "day,shift,requirement,min\n*,D,junior,\n"}, ("cover", 2, "min"), "missing"),
        ({"cover": "day,shift,requirement,min\n*,D,junior,-1\n"}, ("cover", 2, "min"), ">= 0"),
        (
            {"leave": LEAVE_TWICE_A},
            ("leave", 3, "id"),
            "duplicate leave id 'A'",
        ),
        (
            {"leave": "staff_id,start,end,requested_at\nM1,2024-03-01,2024-03-01,yesterday\n"},
            ("leave", 2, "requested_at"),
            "expected a date and time (YYYY-MM-DD HH:MM)",
        ),
        (
            {"leave": "staff_id,start,end,approved_by\nM1,2024-03-01,2024-03-01,boss\n"},
            ("leave", 2, "approved_by"),
            "unknown approver 'boss'",
        ),
        (
            {"leave": "staff_id,start,end,certificate\nM1,2024-03-01,2024-03-01,perhaps\n"},
            ("leave", 2, "certificate"),
            "expected yes or no",
        ),
        (
            {"requests": "staff_id,date,shift,kind\nM1,2024-03-04,D,need\n"},
            ("requests", 2, "kind"),
            "unknown request kind 'need'; expected want or avoid",
        ),
        (
            {"history": "staff_id,date,shift\nM1,2024-02-29,D\nM1,2024-02-29,N\n"},
            ("history", 3, "date"),
            "M1 has a second shift on 2024-02-29 (first on row 2)",
        ),
        (
            {"swaps": "id,staff_a,date_a,staff_b\nS1,M1,2024-03-04,Q7\n"},
            ("swaps", 2, "staff_b"),
            "unknown staff id 'Q7'",
        ),
        (
            {"swaps": "id,staff_a,date_a,staff_b\nS1,M1,2024-03-04,L1\nS1,M1,2024-03-05,L1\n"},
            ("swaps", 3, "id"),
            "duplicate swap id 'S1'",
        ),
        (
            {"roster": "staff_id,date\nM1,2024-03-04\n"},
            ("roster", 1, "shift"),
            "missing required column 'shift'",
        ),
        ({"holidays": "date,name\n8 March,x\n"}, ("holidays", 2, "date"), "'8 March'"),
    ],
)
def test_bad_csv_input(
    tmp_path: Path,
    sheets: dict[str, str],
    where: tuple[str | None, int | None, str | None],
    fragment: str,
) -> None:
    err = error_of(csv_centre(tmp_path, **sheets))
    assert (err.sheet, err.row, err.column) == where
    assert fragment in str(err)


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    err = error_of(tmp_path / "nowhere.xlsx")
    assert "does not exist" in str(err)


def test_suffix_neither_xlsx_nor_folder(tmp_path: Path) -> None:
    path = tmp_path / "centre.ods"
    path.write_bytes(b"PK\x03\x04")
    err = error_of(path)
    assert "unsupported file type '.ods'; expected an .xlsx workbook or a folder" in str(err)


def test_folder_without_csv_files(tmp_path: Path) -> None:
    err = error_of(tmp_path)
    assert "holds no .csv files" in str(err)


def test_csv_that_is_not_utf8(tmp_path: Path) -> None:
    folder = csv_centre(tmp_path)
    (folder / "staff.csv").write_bytes("id,name,grade,team\nL1,李雷,senior,T1\n".encode("gbk"))
    err = error_of(folder)
    assert (err.sheet, err.row) == ("staff", None)
    assert "staff.csv is not UTF-8 text" in str(err)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    shutil.make_archive(str(tmp_path / "archive"), "zip", SMALL)
    (tmp_path / "archive.zip").rename(path)
    assert "archive.xlsx is not an Excel workbook" in str(error_of(path))


# --------------------------------------------------------------------------------------
# workbooks
# --------------------------------------------------------------------------------------


def test_workbook_with_typed_cells(tmp_path: Path) -> None:
    path = workbook_centre(
        tmp_path,
        Config=[["Key", "Value"], ["month", dt.datetime(2024, 3, 1)], ["max_swaps_per_month", 3.0]],
        shifts=[
            ["code", "start", "end", "night"],
            ["D", dt.time(8, 0), dt.time(19, 59, 59, 999000), False],
            ["N", dt.time(20, 0), dt.time(8, 0), True],
        ],
        staff=[
            ["id", "grade", "team", "max_shifts", "can_work_nights"],
            [1001, "Senior", 7, 20, 1],
            [1002, "junior", 7, None, 0],
        ],
        leave=[
            ["staff_id", "start", "end", "requested_at"],
            [1002, dt.date(2024, 3, 4), dt.datetime(2024, 3, 5), dt.datetime(2024, 3, 1, 9, 30)],
        ],
    )
    sc = read_scenario(path)
    assert sc.name == "centre"
    assert (sc.start, sc.end) == (dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert sc.rules.max_swaps_per_month == 3
    assert [(s.start, s.end, s.night) for s in sc.shifts] == [(480, 1200, False), (1200, 480, True)]
    assert [(s.id, s.grade, s.team, s.max_shifts, s.can_work_nights) for s in sc.staff] == [
        ("1001", "senior", "7", 20, True),
        ("1002", "junior", "7", None, False),
    ]
    (lv,) = sc.leave
    assert (lv.staff_id, lv.start, lv.end) == ("1002", dt.date(2024, 3, 4), dt.date(2024, 3, 5))
    assert lv.requested_at == dt.datetime(2024, 3, 1, 9, 30)


def test_workbook_error_names_the_excel_row(tmp_path: Path) -> None:
    path = workbook_centre(
        tmp_path,
        staff=[["id", "grade"], ["A", "senior"], [None, None], [None, None], ["B", "expert"]],
    )
    err = error_of(path)
    assert (err.sheet, err.row, err.column) == ("staff", 5, "grade")
    assert str(err) == (
        "sheet 'staff', row 5, column 'grade': unknown grade 'expert'; "
        "expected junior, mid or senior"
    )


def test_workbook_missing_sheet_and_duplicate_sheet_names(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "config"  # type: ignore[union-attr]
    wb.create_sheet("Staff")
    wb.create_sheet("staff ")
    path = tmp_path / "dup.xlsx"
    wb.save(path)
    err = error_of(path)
    assert (err.sheet, err.row) == ("staff", None)
    assert "two sheets are named 'staff'" in str(err)


def test_read_tables_only_reads_the_sheets_asked_for(tmp_path: Path) -> None:
    path = workbook_centre(tmp_path, notes=[["a", "a"], [1, 2]])  # duplicate header, unasked
    assert set(read_tables(path, ("staff", "cover"))) == {"staff", "cover"}
    with pytest.raises(RosterInputError, match="duplicate column 'a'"):
        read_tables(path)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("  D ", "D"),
        (3, "3"),
        (3.0, "3"),
        (2.5, "2.5"),
        (True, "yes"),
        (dt.date(2024, 3, 1), "2024-03-01"),
        (dt.datetime(2024, 3, 1), "2024-03-01"),
        (dt.datetime(2024, 3, 1, 9, 5), "2024-03-01 09:05"),
        (dt.datetime(2024, 3, 1, 23, 59, 59, 990000), "2024-03-02"),
        (dt.time(8, 0), "08:00"),
        (dt.time(7, 59, 59, 999999), "08:00"),
        (dt.timedelta(hours=7, minutes=30), "07:30"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


# --------------------------------------------------------------------------------------
# round trips through write_scenario
# --------------------------------------------------------------------------------------


def full_tiny_scenario() -> Scenario:
    return tiny_scenario(
        name="=tiny, \"quoted\"",
        country="CN",
        rules=RuleParameters(max_consecutive_nights=2, team_meeting_day="Wed"),
        weights=Weights(fairness=3, cover_under=1000),
        leave=(
            LeaveRequest(
                "LV1", "J1", day(1), day(2), "sick", "pending",
                dt.datetime(2026, 2, 27, 18, 45), "L1", "department_head", True, False,
            ),
        ),
        requests=(ShiftRequest("M1", day(3), "OFF", "avoid", 2),),
        holiday_changes=(HolidayChange(day(4), "-"), HolidayChange(day(5), "Centre day")),
        history=(Assignment("L1", day(-1), "N"), Assignment("J2", day(-2), "D")),
        swaps=(Swap("SW1", "J1", day(0), "J2", day(5), "approved", True, True),),
        published=(Assignment("M1", day(2), "D"),),
        extra_config={"site": "Guangzhou"},
    )  # fmt: skip


@pytest.mark.parametrize("target", ["centre", "centre.xlsx"])
def test_round_trip_tiny(tmp_path: Path, target: str) -> None:
    scenario = full_tiny_scenario()
    write_scenario(scenario, tmp_path / target)
    assert read_scenario(tmp_path / target) == scenario


@pytest.mark.parametrize("target", ["centre", "centre.xlsx"])
def test_round_trip_example_centre(tmp_path: Path, target: str) -> None:
    scenario = example_three_shift()
    write_scenario(scenario, tmp_path / target)
    assert read_scenario(tmp_path / target) == scenario


def test_thousand_people_read_quickly(tmp_path: Path) -> None:
    people = "\n".join(f"P{i:04d},senior,T{i // 13},agent;team_leader,,22,8" for i in range(1000))
    days = [dt.date(2024, 3, d) for d in range(1, 32)]
    roster = "\n".join(
        f"P{i:04d},{d.isoformat()},{'DN'[i % 2]}" for i in range(1000) for d in days[i % 3 :: 3]
    )
    folder = csv_centre(
        tmp_path,
        staff="id,grade,team,roles,min_shifts,max_shifts,max_nights\n" + people + "\n",
        roster="staff_id,date,shift\n" + roster + "\n",
    )
    started = time.perf_counter()
    sc = read_scenario(folder)
    elapsed = time.perf_counter() - started
    assert (len(sc.staff), len(sc.published)) == (1000, 10334)
    assert elapsed < 2.0, f"reading took {elapsed:.2f} s"
