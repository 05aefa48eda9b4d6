"""Issue 6's optional staff columns and config key survive a write and a read."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path
from typing import Any

import pytest

from roster.exceptions import RosterInputError
from roster.io import read_scenario, write_scenario
from roster.model import RuleParameters, Scenario
from tests.helpers import tiny_scenario


def with_j1(**fields: Any) -> Scenario:
    """The tiny centre with junior J1 given some of the newer limits."""
    base = tiny_scenario()
    staff = tuple(dataclasses.replace(s, **fields) if s.id == "J1" else s for s in base.staff)
    return base.replace(staff=staff)


def staff_header(folder: Path) -> list[str]:
    with (folder / "staff.csv").open(encoding="utf-8") as fh:
        return next(csv.reader(fh))


def rewrite_staff_cell(folder: Path, staff_id: str, column: str, value: str) -> None:
    path = folder / "staff.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    index = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == staff_id:
            row[index] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


@pytest.mark.parametrize("target", ["centre", "centre.xlsx"])
def test_max_per_shift_round_trips(tmp_path: Path, target: str) -> None:
    sc = with_j1(max_per_shift=(("D", 4), ("N", 0)))
    write_scenario(sc, tmp_path / target)
    assert read_scenario(tmp_path / target) == sc


def test_max_per_shift_is_written_as_code_equals_count(tmp_path: Path) -> None:
    sc = with_j1(max_per_shift=(("D", 10), ("N", 5)))
    write_scenario(sc, tmp_path / "c")
    assert "max_per_shift" in staff_header(tmp_path / "c")
    with (tmp_path / "c" / "staff.csv").open(encoding="utf-8") as fh:
        assert "D=10;N=5" in fh.read()


def test_without_limits_the_staff_sheet_is_unchanged(tmp_path: Path) -> None:
    write_scenario(tiny_scenario(), tmp_path / "c")
    assert staff_header(tmp_path / "c")[-1] == "can_work_nights"


@pytest.mark.parametrize(
    ("value", "words"),
    [("D10", "CODE=count"), ("D=x", "CODE=count"), ("X=2", "unknown shift code 'X'")],
)
def test_bad_max_per_shift_is_located(tmp_path: Path, value: str, words: str) -> None:
    sc = with_j1(max_per_shift=(("D", 1),))
    write_scenario(sc, tmp_path / "c")
    rewrite_staff_cell(tmp_path / "c", "J1", "max_per_shift", value)
    with pytest.raises(RosterInputError) as info:
        read_scenario(tmp_path / "c")
    assert words in str(info.value)
    assert info.value.column == "max_per_shift"


@pytest.mark.parametrize("target", ["centre", "centre.xlsx"])
def test_minutes_round_trip(tmp_path: Path, target: str) -> None:
    sc = with_j1(min_minutes=600, max_minutes=4000)
    write_scenario(sc, tmp_path / target)
    assert read_scenario(tmp_path / target) == sc
    if target == "centre":
        assert staff_header(tmp_path / target)[-2:] == ["min_minutes", "max_minutes"]


def test_min_minutes_above_max_minutes_is_located(tmp_path: Path) -> None:
    write_scenario(with_j1(min_minutes=600, max_minutes=4000), tmp_path / "c")
    rewrite_staff_cell(tmp_path / "c", "J1", "min_minutes", "5000")
    with pytest.raises(RosterInputError) as info:
        read_scenario(tmp_path / "c")
    assert "min_minutes 5000 > max_minutes 4000" in str(info.value)
    assert info.value.sheet == "staff"


def test_max_weekends_round_trips(tmp_path: Path) -> None:
    sc = with_j1(max_weekends=2)
    write_scenario(sc, tmp_path / "c")
    assert staff_header(tmp_path / "c")[-1] == "max_weekends"
    assert read_scenario(tmp_path / "c") == sc


@pytest.mark.parametrize("target", ["centre", "centre.xlsx"])
def test_min_runs_and_boundary_key_round_trip(tmp_path: Path, target: str) -> None:
    sc = with_j1(min_consecutive_days=2, min_consecutive_off=3).replace(
        rules=RuleParameters(exempt_boundary_runs=True)
    )
    write_scenario(sc, tmp_path / target)
    back = read_scenario(tmp_path / target)
    assert back == sc
    assert back.rules.exempt_boundary_runs


def test_boundary_exemption_is_off_by_default(tmp_path: Path) -> None:
    write_scenario(tiny_scenario(), tmp_path / "c")
    with (tmp_path / "c" / "config.csv").open(encoding="utf-8") as fh:
        assert ["exempt_boundary_runs", "no"] in list(csv.reader(fh))
    assert not read_scenario(tmp_path / "c").rules.exempt_boundary_runs
