"""``roster demand`` (R22): the agents each interval needs by day profile, and the seats
per day, shift and grade the solver will use, on screen and as a cover-sheet CSV.

(``roster solve``'s Service/Pay/Surplus lines are checked on the bundled examples' own
solves in ``test_end_to_end.py``, so the example is solved once.)
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from roster.app.demand import demand
from roster.calendar import Calendar
from roster.cli import main
from roster.io import read_scenario
from roster.model import GRADES, CoverRule, ForecastRow, RuleParameters
from tests.helpers import day, mini_scenario, person
from tests.io.test_read_scenario import BAD, SMALL

DATA = Path(__file__).resolve().parents[2] / "data"
EXAMPLE = DATA / "example"


def test_demand_prints_the_profiles_and_the_seats() -> None:
    result = CliRunner().invoke(main, ["demand", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # The example's config: 80% in 20 s, occupancy at most 85%, shrinkage 30%.
    assert lines[0] == (
        "示例客服中心 2027-01: 192 forecast rows, 30-minute intervals, target 80% in 20 s, "
        "occupancy at most 85%, shrinkage 30% (a row may differ)."
    )
    # January 2027: New Year's day (Fri 1), 10 weekend days, 4 Mondays and 16 other
    # weekdays: 1 + 10 + 4 + 16 = 31 days in four profiles.
    header = next(line for line in lines if line.startswith("  from"))
    for label in ("holiday 01-01", "Sat-Sun (10 days)", "Mon (4 days)", "Tue-Fri (16 days)"):
        assert label in header
    # A Monday's 10:00 interval as "agents (calls)", in the Mon column (the third).
    sc = read_scenario(EXAMPLE)
    cal = Calendar(sc)
    monday = dt.date(2027, 1, 4)
    ten = next(i for i in cal.intervals if i.day == monday and i.start == 600)
    cells = next(line for line in lines if line.startswith("  10:00")).split()[1:]
    columns = [" ".join(cells[k : k + 2]) for k in range(0, len(cells), 2)]
    assert columns[2] == f"{ten.needed} ({ten.load.calls:g})"
    # Monday's seats: the forecast's grade seats (marked *) and the cover table's roles.
    seats = cal.forecast_seats[(monday, "D")]
    grades = "/".join(str(seats.get(g, 0)) for g in GRADES)
    seat_line = next(line for line in lines if line.startswith("  2027-01-04 Mon"))
    assert f"D {grades}* team_leader=1 quality_inspector=1" in seat_line
    assert sum(line.startswith("  2027-01-") for line in lines) == 31


def test_demand_writes_the_cover_the_solver_will_use(tmp_path: Path) -> None:
    out = tmp_path / "cover.csv"
    result = CliRunner().invoke(main, ["demand", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Written:    {out}" in result.output
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["day", "shift", "requirement", "min", "source"]
    sc = read_scenario(EXAMPLE)
    cal = Calendar(sc)
    from_forecast = {
        (dt.date.fromisoformat(r["day"]), r["shift"], r["requirement"]): int(r["min"])
        for r in rows
        if r["source"] == "forecast"
    }
    expected = {
        (d, code, grade): n
        for (d, code), seats in cal.forecast_seats.items()
        for grade, n in seats.items()
    }
    assert from_forecast == expected
    # The cover table's own rows are the roles: a team leader on each of 31 x 2 = 62
    # shifts; an inspector on the day shift of the 31 - 10 = 21 weekdays, 1 each, except
    # New Year's day, whose holiday row (min 0) wins: 20 x 1 + 1 x 0.
    from_cover = {
        (dt.date.fromisoformat(r["day"]), r["shift"], r["requirement"]): int(r["min"])
        for r in rows
        if r["source"] == "cover"
    }
    leaders = [n for (_, _, req), n in from_cover.items() if req == "team_leader"]
    inspectors = [n for (_, _, req), n in from_cover.items() if req == "quality_inspector"]
    assert (len(leaders), set(leaders)) == (62, {1})
    assert (len(inspectors), sum(inspectors)) == (21, 20)
    assert from_cover[(dt.date(2027, 1, 1), "D", "quality_inspector")] == 0
    assert from_cover == {
        (d, s.code, req): need.min
        for d in sc.days
        for s in sc.shifts
        for req, need in cal.needs(d, s.code).items()
        if req not in GRADES
    }


def test_demand_without_a_forecast_says_so(tmp_path: Path) -> None:
    out = tmp_path / "cover.csv"
    result = CliRunner().invoke(main, ["demand", str(SMALL), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "small centre: no forecast sheet; the cover table gives every seat."
    )
    assert "Agents to roster per interval" not in result.output
    # The small centre's cover: 1 junior on D and on N every day of March 2024.
    assert "  2024-03-01 Fri   D 1/0/0" in result.output
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # 31 days x 2 shifts, one junior row each, all from the cover table.
    assert len(rows) == 62
    assert {(r["requirement"], r["min"], r["source"]) for r in rows} == {("junior", "1", "cover")}


def test_demand_on_bad_input_is_one_line_and_exit_2() -> None:
    result = CliRunner().invoke(main, ["demand", str(BAD / "forecast_duplicate_interval")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: sheet 'forecast', row 4, column 'interval': duplicate interval; first given "
        "on row 2"
    ]
    assert "Traceback" not in result.output


def test_the_report_marks_which_seats_the_cover_table_gives() -> None:
    # 100 calls at 10:00, no shrinkage: 14 seats split by the staff (2 juniors, 1 mid,
    # 1 senior: 0.5, 0.25, 0.25 -> 7, 3.5, 3.5 -> 7, 4, 3, the tie to mid); a junior row
    # of the cover table on Tuesday wins there.
    sc = mini_scenario(
        person("J1"),
        person("J2"),
        person("M1", "mid"),
        person("S1", "senior"),
        days=2,
        rules=RuleParameters(require_team_leader=False, shrinkage=0.0, max_occupancy=1.0),
        cover=(CoverRule(day(1).isoformat(), "D", "junior", 2),),
        forecast=(ForecastRow("*", 600, 100, 180),),
    )
    report = demand(sc)
    assert report.has_forecast
    assert report.rows == 1
    lines = {(c.date, c.requirement): (c.min, c.source) for c in report.cover}
    assert lines == {
        (day(0), "junior"): (7, "forecast"),
        (day(0), "mid"): (4, "forecast"),
        (day(0), "senior"): (3, "forecast"),
        (day(1), "junior"): (2, "cover"),
        (day(1), "mid"): (4, "forecast"),
        (day(1), "senior"): (3, "forecast"),
    }
    # Mon and Tue have the same curve: one profile of 2 days, 14 agents (100 calls) at
    # 10:00, and the day after the horizon is not shown.
    (profile,) = report.profiles
    assert (profile.label, profile.days) == ("Mon-Tue (2 days)", (day(0), day(1)))
    assert profile.intervals == ((600, 100, 14),)
