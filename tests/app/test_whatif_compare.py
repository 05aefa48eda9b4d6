"""compare(), the comparison workbook with its charts, and ``roster whatif``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.chart import BarChart

from roster.app.whatif import Comparison, compare, parse_variant, soft_cover
from roster.checks import check_roster
from roster.cli import main
from roster.io import write_scenario
from roster.model import Scenario
from roster.reports.whatif_workbook import summary_lines, write_comparison_workbook
from roster.solver import solve
from tests.helpers import default_staff, person, tiny_scenario

LEADERS = ("L1", "L2", "L3", "L4")


def centre() -> Scenario:
    """The tiny week plus four plain seniors, so that without the team leaders every grade
    seat can still be filled and only R2 breaks."""
    extra = tuple(person(f"S{i}", "senior") for i in range(1, 5))
    return tiny_scenario(staff=(*default_staff(), *extra))


@pytest.fixture(scope="module")
def no_leaders() -> Comparison:
    variant = parse_variant("no leaders", remove=LEADERS)
    return compare(centre(), variant, time_limit=10, workers=1, seed=0)


def test_removing_every_team_leader_names_r2_with_one_missing_per_shift(
    no_leaders: Comparison,
) -> None:
    base, variant = no_leaders.base, no_leaders.variant
    assert (base.feasible, base.total_short) == (True, 0)
    assert not variant.feasible
    assert variant.soft_cover
    assert variant.soft_status == "OPTIMAL"
    # 7 days x 2 operating shifts, each short of exactly one team leader; nothing else.
    assert variant.short_by_rule() == {"R2": 14}
    slots = {(r.date, r.shift) for r in variant.shortfall}
    assert len(slots) == 14
    assert all(r.short == 1 for r in variant.shortfall)
    assert dict(variant.cost_by_rule)["R2"] == 14 * 1000
    assert any("R2" in line and "14" in line for line in summary_lines(no_leaders))


def test_the_soft_cover_roster_breaks_no_other_hard_rule(no_leaders: Comparison) -> None:
    # The same soft-cover solve compare() makes for the variant, held to the checker.
    sc = soft_cover(centre()).replace(staff=tuple(s for s in centre().staff if s.id not in LEADERS))
    result = solve(sc, time_limit=10, workers=1, seed=0)
    assert result.roster is not None
    assert check_roster(sc, result.roster) == []
    assert sum(p.shifts for p in no_leaders.variant.people) == len(result.roster.assignments)


def test_comparison_records_the_variant_and_settings(no_leaders: Comparison) -> None:
    assert no_leaders.record.remove == LEADERS
    assert ("seed", "0") in no_leaders.settings
    assert {p.staff_id for p in no_leaders.variant.people} == {
        "J1",
        "J2",
        "M1",
        "S1",
        "S2",
        "S3",
        "S4",
    }


def test_workbook_has_the_sheets_and_charts_on_the_right_ranges(
    no_leaders: Comparison, tmp_path: Path
) -> None:
    path = tmp_path / "compare.xlsx"
    write_comparison_workbook(path, no_leaders)
    wb = load_workbook(path)
    for sheet in ("Summary", "Shortfall", "Fairness", "Variant", "Cover", "Shortfall per day"):
        assert sheet in wb.sheetnames
    cover = wb["Cover"]
    (chart,) = cover._charts
    assert isinstance(chart, BarChart)
    last = 1 + 7 * 2  # header + 7 days x 2 shifts
    refs = [s.val.numRef.f for s in chart.series]
    assert refs == [f"'Cover'!${c}$2:${c}${last}" for c in "BCDE"]
    assert {s.cat.strRef.f if s.cat.strRef else s.cat.numRef.f for s in chart.series} == {
        f"'Cover'!$A$2:$A${last}"
    }
    assert cover.cell(1, 2).value == "base required"
    assert cover.cell(2, 1).value == "2026-03-02 D"
    assert (cover.cell(2, 2).value, cover.cell(2, 3).value) == (2, 2)

    daily = wb["Shortfall per day"]
    (bar,) = daily._charts
    assert isinstance(bar, BarChart)
    assert [s.val.numRef.f for s in bar.series] == [
        "'Shortfall per day'!$B$2:$B$8",
        "'Shortfall per day'!$C$2:$C$8",
    ]
    assert [daily.cell(r, 3).value for r in range(2, 9)] == [2] * 7
    shortfall = wb["Shortfall"]
    rules = {shortfall.cell(r, 4).value for r in range(2, shortfall.max_row + 1)}
    assert rules == {"R2"}
    variant_sheet = {row[0]: row[1] for row in wb["Variant"].iter_rows(values_only=True)}
    assert variant_sheet["seed"] == "0"
    assert variant_sheet["remove"] == "L4"


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_cli_whatif_writes_the_comparison_and_never_touches_the_input(tmp_path: Path) -> None:
    folder = tmp_path / "scenario"
    write_scenario(centre(), folder)
    before = _hashes(folder)
    out = tmp_path / "compare.xlsx"
    args = ["whatif", str(folder), "--remove", "J1", "--add", "junior:1", "--demand", "D@Sat:2"]
    args += ["--set", "weight_fairness=3", "--time-limit", "10", "--workers", "1", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "What-if" in result.output
    assert "feasible" in result.output
    assert out.exists()
    assert _hashes(folder) == before
    changes = [row for row in load_workbook(out)["Variant"].iter_rows(values_only=True)]
    assert ("add", "junior:1") in changes
    assert ("set", "weight_fairness=3") in changes


@pytest.mark.parametrize(
    ("option", "words"),
    [
        (["--add", "junior"], "--add 'junior'"),
        (["--add", "chief:2"], "unknown grade"),
        (["--remove", "NOBODY"], "unknown staff id"),
        (["--set", "bogus=1"], "unknown setting"),
    ],
)
def test_cli_whatif_bad_variant_exits_2_with_one_clear_line(
    tmp_path: Path, option: list[str], words: str
) -> None:
    folder = tmp_path / "scenario"
    write_scenario(centre(), folder)
    out = tmp_path / "compare.xlsx"
    result = CliRunner().invoke(main, ["whatif", str(folder), *option, "-o", str(out)])
    assert result.exit_code == 2
    assert words in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
