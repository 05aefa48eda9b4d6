"""The roster workbook's ``Service`` sheet (R22) and the Summary's service and pay lines:
every figure recomputed from the roster, none taken from the solver.

The roster is the hand-made one of ``tests/checks/test_service.py``: five forecast
intervals, three of them below the 80% target (Mon 22:00 and Tue 03:00 at 79.56% with 13
agents, Tue 10:00 at 0% with 5 agents on 5 Erlangs).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from roster.checks.service import interval_label, service_report
from roster.model import WEEKDAY_NAMES, PenaltyItem, Result, Roster, Scenario, SolveStatus
from roster.reports.roster_workbook import SHEETS, write_roster_workbook
from tests.checks.test_service import forecast_roster, forecast_scenario
from tests.helpers import tiny_scenario, valid_roster

HEAD = 23
"""The Service sheet's table header row: below the headline (rows 1-3) and the two
charts (17 rows from row 5): 5 + 17 + 1 = 23."""

BELOW = "00FFC7CE"
"""The red fill of a level below its target."""


def nonsense_result(roster: Roster) -> Result:
    """A result whose solver figures are nonsense: the sheet must not use them."""
    return Result(
        status=SolveStatus.FEASIBLE,
        objective=-12345,
        bound=None,
        wall_time=0.0,
        roster=roster,
        penalties=(PenaltyItem("R21", 1, 999, "not from this roster", "P00"),),
    )


def written(tmp_path: Path, scenario: Scenario, result: Result) -> openpyxl.Workbook:
    path = tmp_path / "roster.xlsx"
    write_roster_workbook(path, scenario, result)
    return openpyxl.load_workbook(path)


def summary_facts(book: openpyxl.Workbook) -> dict[str, object]:
    ws = book["Summary"]
    return {
        row[0]: row[1]
        for row in ws.iter_rows(min_row=3, max_col=2, values_only=True)
        if isinstance(row[0], str)
    }


def test_the_service_sheet_follows_coverage(tmp_path: Path) -> None:
    book = written(tmp_path, forecast_scenario(), nonsense_result(forecast_roster()))
    names = book.sheetnames
    assert names.index("Service") == names.index("Coverage") + 1
    assert [n for n in names if n != "Service"] == list(SHEETS)


def test_its_rows_are_the_service_report_of_the_roster(tmp_path: Path) -> None:
    sc = forecast_scenario()
    roster = forecast_roster()
    ws = written(tmp_path, sc, nonsense_result(roster))["Service"]
    report = service_report(sc, roster)
    assert report is not None
    expected = [
        (
            i.day.isoformat(),
            WEEKDAY_NAMES[i.day.weekday()],
            interval_label(i.start, 30),
            i.calls,
            i.aht,
            i.needed,
            i.rostered,
            round(i.level, 4),
            i.target,
        )
        for i in report.intervals
    ]
    header = next(ws.iter_rows(min_row=HEAD, max_row=HEAD, max_col=9, values_only=True))
    assert header[:3] == ("date", "weekday", "interval")
    rows = list(ws.iter_rows(min_row=HEAD + 1, max_col=9, values_only=True))
    assert rows[: len(expected)] == expected
    assert all(v is None for row in rows[len(expected) :] for v in row)
    # The figures, by hand: rostered 14, 13, 13 (Monday's night at Tue 03:00), 5, 14.
    assert [r[6] for r in expected] == [14, 13, 13, 5, 14]
    assert [r[7] for r in expected] == [0.8884, 0.7956, 0.7956, 0.0, 0.8884]
    # The headline: (100 x 0.8884 + 2 x 100 x 0.7956 + 50 x 0 + 100 x 0.8884) / 450 = 74.8%.
    assert ws["A2"].value == (
        "74.8% of 450 calls answered within 20 s (target 80%); "
        "worst interval 2026-03-03 10:00-10:30: 0.0%"
    )
    assert ws["A3"].value == "3 interval(s) expected below target"


def test_levels_below_target_are_red_and_there_are_two_charts(tmp_path: Path) -> None:
    ws = written(tmp_path, forecast_scenario(), nonsense_result(forecast_roster()))["Service"]
    assert isinstance(ws, Worksheet)
    fills = [ws.cell(row=HEAD + 1 + k, column=8).fill for k in range(5)]
    red = [f.fill_type == "solid" and f.fgColor.rgb == BELOW for f in fills]
    # 88.84% no, 79.56% yes, 79.56% yes, 0% yes, 88.84% no.
    assert red == [False, True, True, True, False]
    assert len(ws._charts) == 2  # a typical weekday, and the month day by day


def test_the_summary_reports_service_and_pay_from_the_roster(tmp_path: Path) -> None:
    book = written(tmp_path, forecast_scenario(), nonsense_result(forecast_roster()))
    facts = summary_facts(book)
    assert facts["objective"] == -12345  # the solver's own figure, shown as given
    assert str(facts["service level"]).startswith("74.8% of 450 calls")
    # 46 shifts of (720 + 10) / 60 = 12.1667 h: 559.67 h -> 559.7; no holiday or paid rest
    # day: no premium, cost = hours.
    assert facts["paid hours"] == round(46 * 730 / 60, 1) == 559.7
    assert facts["premium hours (holiday, paid rest day)"] == 0
    assert facts["cost in hour-equivalents"] == 559.7
    # Forecast seats: Mon D 14, Mon N 14, Tue D 8, Tue N 14; on duty 14, 13, 5, 14: nobody
    # beyond a seat (the nonsense R21 penalty of the result is not counted), no minimums.
    assert facts["shifts beyond the need"] == 0
    assert facts["of which the minimum shifts force"] == 0


def test_no_forecast_no_service_sheet(tmp_path: Path) -> None:
    sc = tiny_scenario()
    book = written(tmp_path, sc, nonsense_result(valid_roster()))
    assert book.sheetnames == list(SHEETS)
    assert "service level" not in summary_facts(book)
    assert "paid hours" in summary_facts(book)


def test_names_that_look_like_formulas_stay_text_in_the_summary(tmp_path: Path) -> None:
    sc = forecast_scenario()
    people = tuple(
        dataclasses.replace(p, name="+86 Wang Fang") if p.id == "P00" else p for p in sc.staff
    )
    sc = sc.replace(name='=HYPERLINK("http://x","y")', staff=people)
    ws = written(tmp_path, sc, nonsense_result(forecast_roster()))["Summary"]
    title = ws["A1"]
    assert (title.value, title.data_type) == ('=HYPERLINK("http://x","y"): solve summary', "s")
    found = [c for row in ws.iter_rows() for c in row if c.value == "+86 Wang Fang"]
    assert found, "the penalty row names P00"
    assert all(c.data_type == "s" for c in found)
