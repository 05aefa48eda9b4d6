"""R22: cover from the call forecast (``roster.demand`` through ``Calendar``): which shift an
interval belongs to, the fewest seats that cover every interval, the split by grade, and
which rows win (explicit cover rows over forecast seats, the most specific forecast day).

Loads are kept to the textbook units: aht 180 s, 30-minute intervals, no shrinkage and no
occupancy cap (``PLAIN``), so an interval of c calls offers c x 180 / 1800 = c / 10
Erlangs and needs (Erlang C, 80% in 20 s; see ``AGENTS``) 10 calls -> 3 agents,
20 -> 4, 50 -> 8, 91 -> 13, 100 -> 14.
"""

from __future__ import annotations

import pytest

from roster.calendar import Calendar
from roster.demand import grade_split, staff_mix
from roster.erlang import Load, agents_needed, service_level
from roster.model import (
    CoverRule,
    ForecastRow,
    HolidayChange,
    RuleParameters,
    Scenario,
    Shift,
    Staff,
)
from tests.helpers import DAY_SHIFT, NIGHT_SHIFT, day, mini_scenario, person

PLAIN = RuleParameters(require_team_leader=False, shrinkage=0.0, max_occupancy=1.0)
"""No shrinkage and no occupancy cap: the agents an interval needs are Erlang C's own."""

AGENTS = {10: 3, 20: 4, 50: 8, 91: 13, 100: 14}
"""Calls in a 30-minute interval at 180 s -> agents for 80% in 20 s."""


def at(hours: int, minutes: int = 0) -> int:
    return hours * 60 + minutes


def row(spec: str, start: int, calls: float) -> ForecastRow:
    return ForecastRow(spec, start, calls, 180)


def juniors(n: int = 3) -> tuple[Staff, ...]:
    return tuple(person(f"J{i}") for i in range(1, n + 1))


def test_the_agents_table_of_this_module() -> None:
    # Each count is the fewest agents whose Erlang C level reaches 80%: one fewer misses it.
    for calls, agents in AGENTS.items():
        load = Load(calls, 180, 30, 0.8, 20, 1.0, 0.0)
        assert agents_needed(load) == agents
        assert service_level(load, agents - 1) < 0.8 <= service_level(load, agents)


# -- which shift an interval belongs to -----------------------------------------------------


def night_scenario(*rows: ForecastRow, days: int = 2) -> Scenario:
    """Mon 2 and Tue 3 March with the 12-hour day (08-20) and night (20-08) shifts."""
    return mini_scenario(
        *juniors(),
        days=days,
        shifts=(DAY_SHIFT, NIGHT_SHIFT),
        rules=PLAIN,
        forecast=rows,
    )


def test_an_interval_belongs_to_the_shift_its_middle_falls_in_across_midnight() -> None:
    sc = night_scenario(
        row("*", at(3), 100),
        row("*", at(7, 30), 10),
        row("*", at(8), 20),
        row("*", at(22), 50),
    )
    cal = Calendar(sc)
    owner = {
        (i.day, i.start): [(sc.days[d], sc.shifts[s].code) for d, s in cal.covering(i)]
        for i in cal.intervals
    }
    mon, tue, wed = day(0), day(1), day(2)
    # Before 08:00 on the first day: last month's night, no shift of the horizon.
    assert owner[(mon, at(3))] == []
    assert owner[(mon, at(7, 30))] == []  # middle 07:45 < 08:00
    assert owner[(mon, at(8))] == [(mon, "D")]  # middle 08:15
    assert owner[(mon, at(22))] == [(mon, "N")]
    # Monday's night runs 20:00 Mon - 08:00 Tue: Tue 03:00 and Tue 07:30 are Monday's.
    assert owner[(tue, at(3))] == [(mon, "N")]
    assert owner[(tue, at(7, 30))] == [(mon, "N")]
    assert owner[(tue, at(8))] == [(tue, "D")]
    assert owner[(tue, at(22))] == [(tue, "N")]
    # The day after the horizon is there for the last night only.
    assert owner[(wed, at(3))] == [(tue, "N")]
    assert owner[(wed, at(8))] == []


def test_seats_of_shifts_that_do_not_overlap_are_their_busiest_interval() -> None:
    sc = night_scenario(
        row("*", at(3), 100),
        row("*", at(8), 10),
        row("*", at(10), 20),
        row("*", at(22), 50),
    )
    seats = Calendar(sc).forecast_seats
    # Day shift: 08:00 needs 3, 10:00 needs 4 -> max 4.
    # Monday's night: Mon 22:00 needs 8, Tue 03:00 needs 14 -> 14; Tuesday's night the
    # same with Wed 03:00 (the day after the horizon). Mon 03:00 (14) is last month's
    # night: it raises nothing here. All staff are juniors: every seat is junior.
    assert seats == {
        (day(0), "D"): {"junior": 4},
        (day(0), "N"): {"junior": 14},
        (day(1), "D"): {"junior": 4},
        (day(1), "N"): {"junior": 14},
    }


def test_an_interval_no_shift_of_the_horizon_covers_gets_no_seats() -> None:
    # Only early-morning calls: on Mon they are last month's night's, on Tue Monday's.
    sc = night_scenario(row("*", at(3), 100))
    # Tue 03:00 and Wed 03:00: 14 each on Monday's and Tuesday's night; nothing else.
    assert Calendar(sc).forecast_seats == {
        (day(0), "N"): {"junior": 14},
        (day(1), "N"): {"junior": 14},
    }


def test_overlapping_shifts_get_the_fewest_seats_by_the_greedy_timeline() -> None:
    early = Shift("A", "Early", at(6), at(14))
    middle = Shift("B", "Middle", at(10), at(18))
    late = Shift("C", "Late", at(14), at(22))
    sc = mini_scenario(
        *juniors(),
        days=1,
        shifts=(early, middle, late),
        rules=PLAIN,
        forecast=(
            row("*", at(6), 10),  # 3 agents; only A covers it
            row("*", at(11), 100),  # 14 agents; A and B
            row("*", at(15), 20),  # 4 agents; B and C
            row("*", at(20), 50),  # 8 agents; only C
        ),
    )
    # Along the timeline:
    #   06:00 short 3, only A covers it: A 3 (A's seats also reach 11:00: 3 there);
    #   11:00 short 14 - 3 = 11, A ends 14:00, B 18:00: B 11 (reaching 15:00: 11 there);
    #   15:00 has 11 >= 4: nothing;
    #   20:00 short 8, only C: C 8.
    # A 3 + B 11 + C 8 = 22 seats, the least possible: A >= 3 (06:00), C >= 8 (20:00) and
    # A + B >= 14 (11:00) give 14 + 8 = 22. Each shift's busiest interval would be
    # 14 + 14 + 8 = 36.
    assert Calendar(sc).forecast_seats == {
        (day(0), "A"): {"junior": 3},
        (day(0), "B"): {"junior": 11},
        (day(0), "C"): {"junior": 8},
    }


# -- the split by grade ---------------------------------------------------------------------


def test_grade_split_by_largest_remainder() -> None:
    # 13 x (0.5, 0.33, 0.17) = 6.5, 4.29, 2.21 -> floors 6 + 4 + 2 = 12; the one seat left
    # goes to the largest remainder, junior's 0.5: 7, 4, 2.
    assert grade_split(13, {"junior": 0.5, "mid": 0.33, "senior": 0.17}) == {
        "junior": 7,
        "mid": 4,
        "senior": 2,
    }
    # 10 x (0.5, 0.35, 0.15) = 5, 3.5, 1.5 -> 5 + 3 + 1 = 9; remainders mid 0.5, senior
    # 0.5 tie: the lower grade (mid) takes the seat: 5, 4, 1.
    assert grade_split(10, {"junior": 0.5, "mid": 0.35, "senior": 0.15}) == {
        "junior": 5,
        "mid": 4,
        "senior": 1,
    }
    # 3 x (0.5, 0, 0.5) = 1.5, 0, 1.5: a tie of junior and senior goes to junior: 2, 1;
    # a grade with no seat is left out.
    assert grade_split(3, {"junior": 0.5, "senior": 0.5}) == {"junior": 2, "senior": 1}


def test_forecast_seats_split_by_the_configs_grade_mix() -> None:
    sc = mini_scenario(
        *juniors(),
        person("M1", "mid"),
        person("S1", "senior"),
        days=1,
        rules=RuleParameters(
            require_team_leader=False,
            shrinkage=0.0,
            max_occupancy=1.0,
            grade_mix="junior:50;mid:33;senior:17",
        ),
        forecast=(row("*", at(10), 91),),
    )
    # 91 calls: 13 seats; shares 50:33:17 of 100 = 0.5, 0.33, 0.17: 7, 4, 2 (see above).
    assert sc.rules.mix == pytest.approx({"junior": 0.5, "mid": 0.33, "senior": 0.17})
    assert Calendar(sc).forecast_seats == {(day(0), "D"): {"junior": 7, "mid": 4, "senior": 2}}


def test_without_a_grade_mix_seats_split_like_the_staff() -> None:
    # 2 juniors, 1 mid, 1 senior: mix 2/4, 1/4, 1/4. 14 seats (100 calls): 7, 3.5, 3.5 ->
    # 7 + 3 + 3 = 13; the tie of mid and senior (0.5 each) goes to mid: 7, 4, 3.
    sc = mini_scenario(
        *juniors(2),
        person("M1", "mid"),
        person("S1", "senior"),
        days=1,
        rules=PLAIN,
        forecast=(row("*", at(10), 100),),
    )
    assert staff_mix(sc) == {"junior": 0.5, "mid": 0.25, "senior": 0.25}
    assert Calendar(sc).forecast_seats == {(day(0), "D"): {"junior": 7, "mid": 4, "senior": 3}}


# -- which rows win ----------------------------------------------------------------------------


def test_explicit_cover_rows_win_and_other_grades_still_come_from_the_forecast() -> None:
    sc = mini_scenario(
        *juniors(),
        person("M1", "mid"),
        person("S1", "senior"),
        days=2,
        rules=RuleParameters(
            require_team_leader=False,
            shrinkage=0.0,
            max_occupancy=1.0,
            grade_mix="junior:0.5;mid:0.33;senior:0.17",
        ),
        cover=(
            CoverRule("*", "D", "junior", 2, 3),
            CoverRule(day(1).isoformat(), "D", "senior", 5),
            CoverRule("*", "D", "quality_inspector", 1),
        ),
        forecast=(row("*", at(10), 91),),
    )
    cal = Calendar(sc)
    # The forecast asks 13 seats: junior 7, mid 4, senior 2, on both days.
    assert cal.forecast_seats[(day(0), "D")] == {"junior": 7, "mid": 4, "senior": 2}
    mins = {d: {r: n.min for r, n in cal.needs(d, "D").items()} for d in sc.days}
    # Monday: junior from its own row (2, max 3), mid and senior from the forecast, and the
    # role row beside them. Tuesday: the dated senior row (5) wins as well.
    assert mins[day(0)] == {"junior": 2, "mid": 4, "senior": 2, "quality_inspector": 1}
    assert mins[day(1)] == {"junior": 2, "mid": 4, "senior": 5, "quality_inspector": 1}
    assert cal.needs(day(0), "D")["junior"].max == 3
    assert cal.needs(day(0), "D")["mid"].max is None
    # The grade seats beyond which people are surplus (R21): 2 + 4 + 2 = 8 and 2 + 4 + 5 = 11.
    assert (cal.grade_seats(day(0), "D"), cal.grade_seats(day(1), "D")) == (8, 11)


def test_the_most_specific_forecast_day_wins() -> None:
    mon, tue, wed, thu, fri, sat, sun = (day(i) for i in range(7))
    sc = mini_scenario(
        *juniors(),
        days=7,
        rules=PLAIN,
        holiday_changes=(HolidayChange(mon, "Spring day"), HolidayChange(thu, "Lantern day")),
        forecast=(
            row("*", at(10), 1),
            row("weekday", at(10), 2),
            row("weekend", at(10), 3),
            row("Tue", at(10), 4),
            row("Sat", at(10), 5),
            row("Thu", at(10), 9),
            row("holiday", at(10), 6),
            row(wed.isoformat(), at(10), 7),
            row(mon.isoformat(), at(10), 8),
            row("*", at(11), 1),  # the only row at 11:00: every day
        ),
    )
    calls = {(i.day, i.start): i.load.calls for i in Calendar(sc).intervals}
    # date > holiday > Mon..Sun > weekday/weekend > *:
    assert calls[(mon, at(10))] == 8  # a holiday and a weekday, but its date row wins
    assert calls[(tue, at(10))] == 4  # Tue beats weekday
    assert calls[(wed, at(10))] == 7  # the date beats weekday
    assert calls[(thu, at(10))] == 6  # the holiday beats Thu and weekday
    assert calls[(fri, at(10))] == 2  # weekday beats *
    assert calls[(sat, at(10))] == 5  # Sat beats weekend
    assert calls[(sun, at(10))] == 3  # weekend beats *
    assert {calls[(d, at(11))] for d in sc.days} == {1}
    # The day after the horizon (Mon 9 March) is matched too: weekday.
    assert calls[(day(7), at(10))] == 2


def test_intervals_are_in_time_order_with_minutes_from_the_first_midnight() -> None:
    sc = night_scenario(row("*", at(22), 50), row("*", at(3), 100))
    found = [(i.day, i.start, i.at) for i in Calendar(sc).intervals]
    # Two days and the day after, each 03:00 then 22:00; at = day x 1440 + start.
    assert found == [
        (day(0), 180, 180),
        (day(0), 1320, 1320),
        (day(1), 180, 1440 + 180),
        (day(1), 1320, 1440 + 1320),
        (day(2), 180, 2880 + 180),
        (day(2), 1320, 2880 + 1320),
    ]


def test_no_forecast_no_intervals_and_no_seats() -> None:
    sc = mini_scenario(*juniors(), cover=(CoverRule("*", "D", "junior", 1),))
    cal = Calendar(sc)
    assert (cal.intervals, cal.forecast_seats) == ([], {})
    assert cal.grade_seats(day(0), "D") == 1  # the cover table's own row


def test_a_forecast_interval_off_the_configs_boundary_is_refused() -> None:
    # 08:15 is not a multiple of 30 minutes (config interval_minutes).
    with pytest.raises(ValueError, match="30-minute boundary"):
        night_scenario(row("*", at(8, 15), 10))
    # On 15-minute intervals it is.
    sc = mini_scenario(
        *juniors(),
        rules=RuleParameters(interval_minutes=15),
        forecast=(row("*", at(8, 15), 10),),
    )
    assert sc.forecast[0].start == 495  # 8 x 60 + 15
    # 10 calls x 180 s over 15 minutes = 1800 / 900 = 2 Erlangs.
    assert Calendar(sc).intervals[0].load.erlangs == pytest.approx(2.0)
