"""What a roster delivers and costs, from the roster alone (``roster.checks.service``): the
expected service level of each forecast interval (R22) and the paid hours (R21's pay).

The loads are the textbook ones (aht 180 s, 30-minute intervals, 80% in 20 s) without
shrinkage or occupancy cap, so 100 calls offer 10 Erlangs and need 14 agents; Erlang C
gives 13 agents 79.56% and 14 agents 88.84% (``tests/test_erlang.py``); 50 calls offer
5 Erlangs and need 8 agents, and 5 agents (no more than the load) serve 0%.
"""

from __future__ import annotations

import datetime as dt

import pytest

from roster.calendar import Calendar
from roster.checks.service import (
    daily_need,
    interval_label,
    minimum_advice,
    pay_summary,
    service_report,
    typical_day,
)
from roster.erlang import service_level
from roster.model import (
    Assignment,
    CoverRule,
    ForecastRow,
    HolidayChange,
    Roster,
    RuleParameters,
    Scenario,
)
from tests.helpers import DAY_SHIFT, NIGHT_SHIFT, day, mini_scenario, person, roster_of

PLAIN = RuleParameters(require_team_leader=False, shrinkage=0.0, max_occupancy=1.0)
LEVEL_13 = 0.7956  # 13 agents on 100 calls
LEVEL_14 = 0.8884  # 14 agents on 100 calls


def at(hours: int) -> int:
    return hours * 60


def forecast_scenario() -> Scenario:
    """Mon 2 and Tue 3 March, day (08-20) and night (20-08) shifts; 100 calls at 03:00,
    10:00 and 22:00 every day, but only 50 at 10:00 on Tuesday."""
    staff = tuple(person(f"P{i:02d}") for i in range(32))
    return mini_scenario(
        *staff,
        days=2,
        shifts=(DAY_SHIFT, NIGHT_SHIFT),
        rules=PLAIN,
        forecast=(
            ForecastRow("*", at(3), 100, 180),
            ForecastRow("*", at(10), 100, 180),
            ForecastRow("*", at(22), 100, 180),
            ForecastRow(day(1).isoformat(), at(10), 50, 180),
        ),
    )


def forecast_roster() -> Roster:
    """Mon D 14 people (P00-P13), Mon N 13 (P14-P26), Tue D 5 (P27-P31), Tue N 14
    (P00-P13 again, 24 hours after their day shift began)."""
    rows = [(f"P{i:02d}", day(0), "D") for i in range(14)]
    rows += [(f"P{i:02d}", day(0), "N") for i in range(14, 27)]
    rows += [(f"P{i:02d}", day(1), "D") for i in range(27, 32)]
    rows += [(f"P{i:02d}", day(1), "N") for i in range(14)]
    return Roster(tuple(Assignment(*r) for r in rows))


def test_agents_per_interval_are_counted_from_the_roster_across_midnight() -> None:
    sc = forecast_scenario()
    report = service_report(sc, forecast_roster())
    assert report is not None
    found = [(i.day, i.start, i.calls, i.needed, i.rostered) for i in report.intervals]
    # Mon 03:00 belongs to last month's night and Wed 03:00 to the next day's date: both
    # left out. Tue 03:00 is Monday's night: its 13 people.
    assert found == [
        (day(0), at(10), 100, 14, 14),
        (day(0), at(22), 100, 14, 13),
        (day(1), at(3), 100, 14, 13),
        (day(1), at(10), 50, 8, 5),
        (day(1), at(22), 100, 14, 14),
    ]
    assert report.minutes == 30


def test_levels_are_erlang_c_of_the_rostered_agents() -> None:
    sc = forecast_scenario()
    report = service_report(sc, forecast_roster())
    assert report is not None
    loads = {(i.day, i.start): i.load for i in Calendar(sc).intervals}
    for i in report.intervals:
        assert i.level == service_level(loads[(i.day, i.start)], i.rostered)
        assert (i.target, i.answer, i.aht) == (0.8, 20, 180)
    levels = [round(i.level, 4) for i in report.intervals]
    # 14 -> 88.84%, 13 -> 79.56%, 5 agents on 5 Erlangs -> 0.
    assert levels == [LEVEL_14, LEVEL_13, LEVEL_13, 0.0, LEVEL_14]
    # Below the 80% target: Mon 22:00, Tue 03:00, Tue 10:00.
    assert [i.short for i in report.intervals] == [False, True, True, True, False]
    assert report.short == 3


def test_the_months_level_is_the_calls_weighted_mean() -> None:
    report = service_report(forecast_scenario(), forecast_roster())
    assert report is not None
    # (100 x 0.8884 + 100 x 0.7956 + 100 x 0.7956 + 50 x 0 + 100 x 0.8884) / 450
    #   = 336.80 / 450 = 0.7484 (the plain mean of the five would be 0.6736).
    assert report.calls == 450
    assert report.level == pytest.approx(0.7484, abs=1e-4)
    assert report.target == pytest.approx(0.8)
    assert report.answer == 20
    worst = report.worst
    assert worst is not None
    # The furthest below its target: Tue 10:00 at 0% (0 - 0.8 = -0.8).
    assert (worst.day, worst.start, worst.level) == (day(1), at(10), 0.0)


def test_hours_needed_and_rostered_by_day_and_on_a_typical_weekday() -> None:
    sc = forecast_scenario()
    report = service_report(sc, forecast_roster())
    assert report is not None
    # Half-hour intervals: Mon needs (14 + 14) x 0.5 = 14 agent-hours, has (14 + 13) x 0.5
    # = 13.5; Tue needs (14 + 8 + 14) x 0.5 = 18, has (13 + 5 + 14) x 0.5 = 16.
    assert daily_need(report) == [(day(0), 14.0, 13.5), (day(1), 18.0, 16.0)]
    # Mon and Tue are both ordinary weekdays: 03:00 only on Tue (14, 13); 10:00 needs
    # (14 + 8) / 2 = 11 and has (14 + 5) / 2 = 9.5; 22:00 needs 14 and has 13.5.
    assert typical_day(report, Calendar(sc)) == [
        (at(3), 14.0, 13.0, 1),
        (at(10), 11.0, 9.5, 2),
        (at(22), 14.0, 13.5, 2),
    ]
    assert interval_label(at(22), 30) == "22:00-22:30"
    assert interval_label(at(23) + 30, 30) == "23:30-00:00"


def test_an_empty_roster_serves_nothing_and_no_forecast_no_report() -> None:
    sc = forecast_scenario()
    report = service_report(sc, Roster(()))
    assert report is not None
    # Nobody on duty: every interval with calls at 0%, all five short.
    assert [i.rostered for i in report.intervals] == [0, 0, 0, 0, 0]
    assert report.level == 0.0
    assert report.short == 5
    plain = mini_scenario(person("J1"), cover=(CoverRule("*", "D", "junior", 1),))
    assert service_report(plain, roster_of({"J1": "DDD"})) is None


# -- pay ------------------------------------------------------------------------------------------


THURSDAY = dt.date(2026, 3, 5)


def pay_scenario(*minimums: int) -> Scenario:
    """Thu 5, Fri 6 (a holiday), Sat 7 March; one junior seat on each day shift, none on
    nights; rest days paid 2.0."""
    return mini_scenario(
        *(person(f"J{i}", min_shifts=m) for i, m in enumerate(minimums, start=1)),
        start=THURSDAY,
        days=3,
        shifts=(DAY_SHIFT, NIGHT_SHIFT),
        cover=(CoverRule("*", "D", "junior", 1),),
        holiday_changes=(HolidayChange(THURSDAY + dt.timedelta(days=1), "Founders' day"),),
        rules=RuleParameters(require_team_leader=False, rest_day_pay_factor=2.0),
    )


def test_paid_premium_and_cost_hours() -> None:
    sc = pay_scenario(2, 1, 2)
    roster = roster_of({"J1": "D-D", "J2": "N--", "J3": "-DN"}, start=THURSDAY)
    pay = pay_summary(sc, roster)
    # Every shift is 12 h plus the 10-minute handover: (720 + 10) / 60 = 12.1667 h.
    shift = 730 / 60
    # 5 shifts: 5 x 12.1667 = 60.83 h paid.
    assert pay.paid_hours == pytest.approx(5 * shift)
    # At a premium: Fri D (holiday, x3), Sat D and Sat N (rest day, x2): 3 x 12.1667 = 36.5.
    assert pay.premium_hours == pytest.approx(3 * shift)
    # Hour-equivalents: Thu D and Thu N x1, Fri D x3, Sat D and N x2:
    # 12.1667 x (1 + 1 + 3 + 2 + 2) = 12.1667 x 9 = 109.5.
    assert pay.cost_hours == pytest.approx(9 * shift)
    assert pay.cost_hours == pytest.approx(109.5)
    # Beyond the need: Thu N and Sat N need nobody: 2. Minimums 2 + 1 + 2 = 5 against
    # 3 seats (one a day): 2 forced.
    assert (pay.surplus_shifts, pay.forced_surplus) == (2, 2)


def test_pay_ignores_duplicates_and_shifts_outside_the_horizon() -> None:
    sc = pay_scenario(0, 0, 0)
    inside = Assignment("J1", THURSDAY, "D")
    before = Assignment("J1", THURSDAY - dt.timedelta(days=1), "D")
    pay = pay_summary(sc, Roster((inside, inside, before)))
    # One shift counted: 12.1667 h, nothing at a premium, no surplus (1 on a 1-seat shift).
    assert pay.paid_hours == pytest.approx(730 / 60)
    assert (pay.premium_hours, pay.surplus_shifts, pay.forced_surplus) == (0.0, 0, 0)


def test_minimum_advice_only_when_the_minimums_exceed_the_seats() -> None:
    # 3 seats; minimums 2 + 1 + 2 = 5: 2 shifts surplus whatever the roster. Scaled by
    # 3 / 5 = 60% and rounded down: 2 -> 1, 1 -> 0, 2 -> 1.
    assert minimum_advice(pay_scenario(2, 1, 2)) == (
        "the minimum shifts add up to 5 against 3 seats: 2 shifts are surplus whatever the "
        "roster; minimums of 0-1 (now 1-2, each x 60%) would fit the seats"
    )
    # 1 + 1 + 1 = 3 = the seats; 1 + 0 + 1 = 2 < 3; no minimums at all: no advice.
    assert minimum_advice(pay_scenario(1, 1, 1)) is None
    assert minimum_advice(pay_scenario(1, 0, 1)) is None
    assert minimum_advice(pay_scenario(0, 0, 0)) is None
