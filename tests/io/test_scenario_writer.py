"""The scenario writer: exactly DESIGN.md's sheets and columns, in both formats, written
atomically, with formula-looking input kept as text, and read back unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from roster.io import read_scenario, write_scenario
from roster.io import scenario_writer as sw
from roster.model import (
    Assignment,
    CoverRule,
    HolidayChange,
    LeaveRequest,
    RuleParameters,
    Scenario,
    ShiftRequest,
    Swap,
    Weights,
)
from tests.helpers import day, person, tiny_scenario

# The scenario table of DESIGN.md, written out by hand so a drift in the writer shows.
DESIGN_COLUMNS: dict[str, list[str]] = {
    "config": ["key", "value"],
    "staff": [
        "id", "name", "grade", "team", "roles", "job_type",
        "min_shifts", "max_shifts", "max_nights", "can_work_nights",
    ],
    "shifts": ["code", "name", "start", "end", "night", "color"],
    "cover": ["day", "shift", "requirement", "min", "max"],
    "leave": [
        "id", "staff_id", "start", "end", "type", "status", "requested_at",
        "requested_by", "approved_by", "certificate", "phoned_team_leader",
    ],
    "requests": ["staff_id", "date", "shift", "kind", "weight"],
    "holidays": ["date", "name"],
    "history": ["staff_id", "date", "shift"],
    "swaps": [
        "id", "staff_a", "date_a", "staff_b", "date_b", "status",
        "approved_by_a_leader", "approved_by_b_leader",
    ],
    "roster": ["staff_id", "date", "shift"],
}  # fmt: skip
REQUIRED = ["config", "staff", "shifts", "cover"]

FORMULA_TEXTS = ["=1+1", "+86 123", "-", "@sum(A1)"]


def full_scenario(**overrides: object) -> Scenario:
    """A week with every optional sheet non-empty and formula-looking text in names."""
    staff = (
        person("L1", "senior", "agent", "team_leader", name="=1+1", team="+Team"),
        person("L2", "senior", "team_leader", "agent", name="@sum(A1)", min_shifts=2),
        person("J1", "junior", "callback", "agent", "quality_inspector", max_nights=2),
        person("M1", "mid", name="-", can_work_nights=False, max_shifts=5, job_type="editor"),
    )
    fields: dict[str, object] = {
        "name": "+86 123",
        "staff": staff,
        "cover": (
            CoverRule("*", "D", "senior", 1),
            CoverRule("weekend", "N", "junior", 1, 2),
            CoverRule(day(3).isoformat(), "D", "team_leader", 1),
        ),
        "country": "CN",
        "rules": RuleParameters(max_consecutive_days=5, upward_substitution=False),
        "weights": Weights(fairness=7, cover_under=500, role_under=400),
        "leave": (
            LeaveRequest(
                "LV1", "J1", day(1), day(2), "sick", "approved",
                dt.datetime(2026, 2, 20, 8, 5), "L1", "center_director", True, True,
            ),
        ),
        "requests": (ShiftRequest("M1", day(4), "OFF", "want", 9),),
        "holiday_changes": (HolidayChange(day(5), "Centre day"),),
        "history": (Assignment("L1", day(-1), "N"),),
        "swaps": (Swap("SW1", "J1", day(0), "M1", None, "requested", True, False),),
        "published": (Assignment("M1", day(2), "D"),),
        "extra_config": {"site": "Guangzhou"},
    }  # fmt: skip
    fields.update(overrides)
    return tiny_scenario(**fields)


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def xlsx_rows(path: Path) -> dict[str, list[list[object]]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def config_of(rows: list[list[str]]) -> dict[str, str]:
    return {key: value for key, value in rows[1:]}


# -- files and columns ------------------------------------------------------------------


def test_csv_folder_has_every_sheet_with_design_columns(tmp_path: Path) -> None:
    write_scenario(full_scenario(), tmp_path / "centre")
    files = sorted(p.name for p in (tmp_path / "centre").iterdir())
    assert files == sorted(f"{name}.csv" for name in DESIGN_COLUMNS)
    for name, columns in DESIGN_COLUMNS.items():
        rows = read_csv(tmp_path / "centre" / f"{name}.csv")
        assert rows[0] == columns, name
        assert len(rows) > 1, name


def test_xlsx_has_every_sheet_with_design_columns(tmp_path: Path) -> None:
    write_scenario(full_scenario(), tmp_path / "centre.xlsx")
    sheets = xlsx_rows(tmp_path / "centre.xlsx")
    assert list(sheets) == list(DESIGN_COLUMNS)
    for name, columns in DESIGN_COLUMNS.items():
        assert sheets[name][0] == columns, name


@pytest.mark.parametrize("target", ["centre", "centre.xlsx", "centre.XLSX"])
def test_empty_optional_sheets_are_left_out(tmp_path: Path, target: str) -> None:
    write_scenario(tiny_scenario(), tmp_path / target)
    path = tmp_path / target
    names = [p.stem for p in path.iterdir()] if path.is_dir() else list(xlsx_rows(path))
    assert sorted(names) == sorted(REQUIRED)


def test_cells_are_formatted_as_the_reader_expects(tmp_path: Path) -> None:
    write_scenario(full_scenario(), tmp_path / "centre")
    folder = tmp_path / "centre"
    staff = read_csv(folder / "staff.csv")
    assert staff[1] == [
        "L1",
        "=1+1",
        "senior",
        "+Team",
        "agent;team_leader",
        "agent",
        "",
        "",
        "",
        "yes",
    ]
    assert staff[3][4] == "agent;quality_inspector;callback"  # model order, not set order
    assert staff[4][5:] == ["editor", "", "5", "", "no"]
    assert read_csv(folder / "shifts.csv")[1:] == [
        ["D", "Day", "08:00", "20:00", "no", ""],
        ["N", "Night", "20:00", "08:00", "yes", ""],
    ]
    assert read_csv(folder / "cover.csv")[2] == ["weekend", "N", "junior", "1", "2"]
    assert read_csv(folder / "leave.csv")[1] == [
        "LV1", "J1", "2026-03-03", "2026-03-04", "sick", "approved",
        "2026-02-20 08:05", "L1", "center_director", "yes", "yes",
    ]  # fmt: skip
    assert read_csv(folder / "swaps.csv")[1] == [
        "SW1", "J1", "2026-03-02", "M1", "", "requested", "yes", "no",
    ]  # fmt: skip
    assert read_csv(folder / "roster.csv")[1:] == [["M1", "2026-03-04", "D"]]


def test_config_lists_horizon_rules_and_weights(tmp_path: Path) -> None:
    write_scenario(full_scenario(), tmp_path / "week")
    config = config_of(read_csv(tmp_path / "week" / "config.csv"))
    assert (config["start"], config["end"], "month" in config) == (
        "2026-03-02",
        "2026-03-08",
        False,
    )
    assert config["max_consecutive_days"] == "5"
    assert config["upward_substitution"] == "no"
    assert config["night_leave_cutoff"] == "12:00"
    assert config["weight_fairness"] == "7"
    assert config["weight_cover_under"] == "500"
    assert config["weight_role_under"] == "400"
    assert config["site"] == "Guangzhou"
    expected_keys = {"name", "start", "end", "country", "site"}
    expected_keys |= {f for f in RuleParameters.__dataclass_fields__}
    expected_keys |= {f"weight_{f}" for f in Weights.__dataclass_fields__}
    assert set(config) == expected_keys

    month = tiny_scenario(start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 28))
    write_scenario(month, tmp_path / "month")
    config = config_of(read_csv(tmp_path / "month" / "config.csv"))
    assert config["month"] == "2026-02"
    assert not {"start", "end", "weight_cover_under"} & set(config)


# -- formula safety ---------------------------------------------------------------------


def test_formula_looking_text_stays_text_in_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "centre.xlsx"
    write_scenario(full_scenario(), path)
    wb = openpyxl.load_workbook(path)
    found = {
        cell.value: cell.data_type
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value in FORMULA_TEXTS
    }
    assert found == dict.fromkeys(FORMULA_TEXTS, "s")
    with zipfile.ZipFile(path) as archive:
        xml = "".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")
        )
    assert "<f>" not in xml


# -- atomic writes ----------------------------------------------------------------------


def test_rewriting_a_folder_drops_sheets_that_became_empty(tmp_path: Path) -> None:
    folder = tmp_path / "centre"
    write_scenario(full_scenario(), folder)
    write_scenario(tiny_scenario(), folder)
    assert sorted(p.stem for p in folder.iterdir()) == sorted(REQUIRED)
    assert [p.name for p in tmp_path.iterdir()] == ["centre"]  # no temporary left over


def test_folder_with_other_files_is_refused_and_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "todo.txt").write_text("keep me")
    with pytest.raises(FileExistsError, match=r"todo\.txt"):
        write_scenario(tiny_scenario(), folder)
    assert [p.name for p in folder.iterdir()] == ["todo.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["notes"]


@pytest.mark.parametrize("target", ["centre", "centre.xlsx"])
def test_failed_write_leaves_earlier_output_whole(
    tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / target
    write_scenario(full_scenario(), path)
    before = read_scenario(path)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(sw, "_replace_dir" if target == "centre" else "_save_workbook", broken)
    with pytest.raises(OSError, match="disk full"):
        write_scenario(tiny_scenario(), path)
    assert read_scenario(path) == before
    assert [p.name for p in tmp_path.iterdir()] == [target]


def test_a_file_where_a_folder_should_go_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "centre").write_text("not a folder")
    with pytest.raises(NotADirectoryError):
        write_scenario(tiny_scenario(), tmp_path / "centre")
    assert (tmp_path / "centre").read_text() == "not a folder"


# -- round trips ------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["centre", "centre.xlsx"])
def test_write_then_read_gives_the_same_scenario(tmp_path: Path, target: str) -> None:
    scenario = full_scenario()
    write_scenario(scenario, tmp_path / target)
    assert read_scenario(tmp_path / target) == scenario


@pytest.mark.parametrize("target", ["centre", "centre.xlsx"])
def test_month_horizon_round_trips(tmp_path: Path, target: str) -> None:
    scenario = tiny_scenario(
        start=dt.date(2026, 2, 1),
        end=dt.date(2026, 2, 28),
        country="CN",
        history=(Assignment("L1", dt.date(2026, 1, 31), "D"),),
    )
    write_scenario(scenario, tmp_path / target)
    assert read_scenario(tmp_path / target) == scenario


@pytest.mark.parametrize("target", ["centre", "centre.xlsx"])
def test_cover_row_weights_round_trip(tmp_path: Path, target: str) -> None:
    cover = (
        CoverRule("*", "D", "senior", 1, weight_under=40),
        CoverRule("*", "D", "junior", 1, 2, weight_over=3),
        CoverRule("Mon", "D", "quality_inspector", 1, weight_under=0, weight_over=0),
        CoverRule("*", "N", "senior", 1),
    )
    scenario = full_scenario(cover=cover)
    write_scenario(scenario, tmp_path / target)
    assert read_scenario(tmp_path / target) == scenario
    if target == "centre":
        rows = read_csv(tmp_path / target / "cover.csv")
        assert rows[0] == [*DESIGN_COLUMNS["cover"], "weight_under", "weight_over"]
        assert rows[1:3] == [
            ["*", "D", "senior", "1", "", "40", ""],
            ["*", "D", "junior", "1", "2", "", "3"],
        ]
