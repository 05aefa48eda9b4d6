"""The ``forecast`` sheet and the R21/R22 config keys through the reader and the writer:
a forecast round-trips in both formats, config shares and factors parse (``30%`` is 0.3),
and the forecast's per-row overrides are written only when some row has one. Malformed
forecast and config values are bad-input fixtures (``tests/data/bad``, ``BAD_FIXTURES``
in ``test_read_scenario.py``), run through ``roster solve`` by ``test_cli_bad_input.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from roster.io import read_scenario, write_scenario
from roster.model import ForecastRow, RuleParameters, Weights
from tests.helpers import day, tiny_scenario
from tests.io.test_read_scenario import csv_centre, workbook_centre

RULES = RuleParameters(
    interval_minutes=30,
    service_level=0.85,
    answer_seconds=15,
    max_occupancy=0.9,
    shrinkage=0.35,
    grade_mix="junior:0.5;mid:0.35;senior:0.15",
    holiday_pay_factor=2.5,
    rest_day_pay_factor=2.0,
)

FORECAST = (
    ForecastRow("*", 0, 4, 300),
    ForecastRow("weekday", 8 * 60 + 30, 120.5, 187.25),
    ForecastRow("weekend", 10 * 60, 60, 200, service_level=0.9, answer_seconds=30),
    ForecastRow("Mon", 10 * 60, 140, 180, max_occupancy=0.8, shrinkage=0.25),
    ForecastRow("holiday", 10 * 60, 0, 180),
    ForecastRow(day(3).isoformat(), 23 * 60 + 30, 12, 240, 0.75, 10, 1.0, 0.0),
)


@pytest.mark.parametrize("target", ["centre", "centre.xlsx"])
def test_a_forecast_round_trips(tmp_path: Path, target: str) -> None:
    scenario = tiny_scenario(rules=RULES, weights=Weights(surplus=7), forecast=FORECAST)
    write_scenario(scenario, tmp_path / target)
    back = read_scenario(tmp_path / target)
    assert back == scenario
    assert back.forecast == FORECAST
    assert (back.rules.holiday_pay_factor, back.rules.shrinkage) == (2.5, 0.35)
    assert back.weights.surplus == 7


def test_the_per_row_overrides_are_written_only_when_used(tmp_path: Path) -> None:
    plain = (ForecastRow("*", 8 * 60, 10, 180), ForecastRow("Sat", 8 * 60, 5.5, 200))
    write_scenario(tiny_scenario(forecast=plain), tmp_path / "centre")
    with (tmp_path / "centre" / "forecast.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    # Whole numbers stay whole (10, 180), the rest as given (5.5).
    assert rows == [
        ["day", "interval", "calls", "aht"],
        ["*", "08:00", "10", "180"],
        ["Sat", "08:00", "5.5", "200"],
    ]
    write_scenario(tiny_scenario(forecast=FORECAST), tmp_path / "full")
    header = (tmp_path / "full" / "forecast.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "day,interval,calls,aht,service_level,answer_seconds,max_occupancy,shrinkage"


def test_no_forecast_writes_no_rows_and_reads_back_none(tmp_path: Path) -> None:
    write_scenario(tiny_scenario(), tmp_path / "centre")
    assert read_scenario(tmp_path / "centre").forecast == ()


def test_config_shares_factors_and_grade_mix_parse(tmp_path: Path) -> None:
    config = (
        "key,value\nmonth,2024-03\nholiday_pay_factor,2.5\nrest_day_pay_factor,2\n"
        "shrinkage,30%\nservice_level,80%\nmax_occupancy,0.9\nanswer_seconds,15\n"
        "interval_minutes,60\ngrade_mix,Junior:2; mid:1.5 ;senior:0.5\nweight_surplus,4\n"
    )
    sc = read_scenario(csv_centre(tmp_path, config=config))
    rules = sc.rules
    assert (rules.holiday_pay_factor, rules.rest_day_pay_factor) == (2.5, 2.0)
    # 30% and 80% are shares: 30 / 100 = 0.3, 80 / 100 = 0.8.
    assert (rules.shrinkage, rules.service_level, rules.max_occupancy) == (0.3, 0.8, 0.9)
    assert (rules.answer_seconds, rules.interval_minutes) == (15, 60)
    # Shares are normalised: 2 + 1.5 + 0.5 = 4 -> 2/4 = 0.5, 1.5/4 = 0.375, 0.5/4 = 0.125.
    assert rules.mix == {"junior": 0.5, "mid": 0.375, "senior": 0.125}
    assert sc.weights.surplus == 4
    # The pay factors as the calendar uses them: holiday 2.5, weekend 2.0, else 1.0.
    assert [rules.pay_factor(h, w) for h, w in ((True, True), (False, True), (False, False))] == [
        2.5,
        2.0,
        1.0,
    ]


def test_a_forecast_sheet_reads_with_overrides_and_shares(tmp_path: Path) -> None:
    forecast = (
        "day,interval,calls,aht,service_level,answer_seconds,max_occupancy,shrinkage\n"
        "*,00:00,4,300,,,,\n"
        "weekday,08:30,120.5,180,90%,30,0.8,25%\n"
        "holiday,24:00,0,180,,,,\n"
        "2024-03-04,23:30,12,240,,,,\n"
    )
    sc = read_scenario(csv_centre(tmp_path, forecast=forecast))
    assert sc.forecast == (
        ForecastRow("*", 0, 4, 300),
        # 90% -> 0.9, 25% -> 0.25; 08:30 -> 8 x 60 + 30 = 510 minutes.
        ForecastRow("weekday", 510, 120.5, 180, 0.9, 30, 0.8, 0.25),
        # 24:00 is midnight, as a shift end: minute 0.
        ForecastRow("holiday", 0, 0, 180),
        ForecastRow("2024-03-04", 23 * 60 + 30, 12, 240),
    )


def test_a_forecast_sheet_in_a_workbook_with_typed_cells(tmp_path: Path) -> None:
    path = workbook_centre(
        tmp_path,
        forecast=[
            ["Day", "Interval", "Calls", "AHT"],
            ["Mon", dt.time(9, 0), 35, 210.5],
            [dt.datetime(2024, 3, 5), dt.time(21, 30), 12.0, 180],
        ],
    )
    assert read_scenario(path).forecast == (
        ForecastRow("Mon", 540, 35, 210.5),
        ForecastRow("2024-03-05", 21 * 60 + 30, 12, 180),
    )
