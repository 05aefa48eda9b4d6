"""R21 SURPLUS: a person on duty beyond a shift's need is paid for.

The k-th person beyond a shift's grade seats costs ``Calendar.surplus_steps(day, shift)
[k-1]`` (the last price repeats), each price round(weight_surplus x (pay + place)): pay
is holiday_pay_factor (3.0) on a holiday, rest_day_pay_factor (1.0) on Sat/Sun, else 1.0;
place is min(1, (k - 1/2) / need) without a forecast, 1 - gain_k / best first gain with
one. ``round`` halves to even: 12.5 -> 12, 17.5 -> 18.
"""

from __future__ import annotations

import datetime as dt

import pytest

from roster.calendar import Calendar
from roster.checks import objective_of
from roster.constraints.surplus import least_cost, runs
from roster.demand import marginal_steps, surplus_cost
from roster.erlang import Load, service_level
from roster.model import (
    CoverRule,
    ForecastRow,
    HolidayChange,
    RuleParameters,
    Scenario,
    SolveStatus,
    Staff,
)
from tests.helpers import (
    day,
    grid_of,
    mini_scenario,
    person,
    roster_of,
    solve_and_check,
    weights_only,
)

SURPLUS = weights_only(surplus=10)
NO_LEADER = RuleParameters(require_team_leader=False)


def juniors(*minimums: int) -> tuple[Staff, ...]:
    """One junior per minimum, ``J1``, ``J2``, ...; each must work that many shifts."""
    return tuple(person(f"J{i}", min_shifts=m) for i, m in enumerate(minimums, start=1))


def on_duty(sc: Scenario, grid: dict[str, str]) -> list[int]:
    """People on the day shift, day by day."""
    return [sum(row[i] == "D" for row in grid.values()) for i in range(sc.num_days)]


def one_junior_a_day(*staff: Staff, days: int = 3, **overrides: object) -> Scenario:
    fields: dict[str, object] = {
        "days": days,
        "cover": (CoverRule("*", "D", "junior", 1),),
        "rules": NO_LEADER,
        "weights": SURPLUS,
        **overrides,
    }
    return mini_scenario(*staff, **fields)  # type: ignore[arg-type]


# -- holds / breaks ---------------------------------------------------------------------------


def test_holds_on_duty_equal_to_the_need_costs_nothing() -> None:
    # 3 days x 1 seat = 3 seats; minimums 2 + 1 = 3: nobody beyond the need.
    sc = one_junior_a_day(*juniors(2, 1))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0
    assert not [p for p in result.penalties if p.rule == "R21"]
    assert result.roster is not None
    assert on_duty(sc, grid_of(sc, result.roster)) == [1, 1, 1]


def test_breaks_a_minimum_forces_one_person_beyond_the_need() -> None:
    # 3 seats, minimums 2 + 2 = 4: one person is surplus on some day. Without a forecast
    # the first surplus person on a shift needing 1 costs 10 x (1 + (1 - 1/2) / 1) = 15.
    sc = one_junior_a_day(*juniors(2, 2))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 15
    (item,) = result.penalties
    assert (item.rule, item.weight, item.amount, item.cost) == ("R21", 1, 15, 15)
    assert "beyond the need of 1" in item.description
    assert result.roster is not None
    assert sorted(on_duty(sc, grid_of(sc, result.roster))) == [1, 1, 2]
    # The solver's lower bound for R21 is that same cheapest price.
    assert least_cost(sc, Calendar(sc)) == 15


# -- forces: where the surplus goes -----------------------------------------------------------


@pytest.mark.parametrize("holiday", [0, 1])
def test_forces_the_extra_person_onto_the_ordinary_day_not_the_holiday(holiday: int) -> None:
    # Mon and Tue, 1 junior seat each, one of them a holiday; minimums 1 + 1 + 1 = 3
    # against 2 seats: one person is surplus. On the ordinary day they cost
    # 10 x (1 + 0.5 / 1) = 15, on the holiday 10 x (3 + 0.5 / 1) = 35: the ordinary day.
    sc = one_junior_a_day(
        *juniors(1, 1, 1),
        days=2,
        holiday_changes=(HolidayChange(day(holiday), "Spring day"),),
    )
    cal = Calendar(sc)
    assert cal.surplus_steps(day(holiday), "D")[0] == 35
    assert cal.surplus_steps(day(1 - holiday), "D")[0] == 15
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 15
    assert result.roster is not None
    duty = on_duty(sc, grid_of(sc, result.roster))
    assert (duty[holiday], duty[1 - holiday]) == (1, 2)
    (item,) = result.penalties
    assert (item.rule, item.date, item.cost) == ("R21", day(1 - holiday), 15)
    assert "pay x1" in item.description


def _gain(calls: int, k: int) -> float:
    """Calls answered in time that the k-th person beyond 3 agents adds (no shrinkage)."""
    load = Load(calls, 180, 30, 0.8, 20, 1.0, 0.0)
    return calls * (service_level(load, 3 + k) - service_level(load, 2 + k))


@pytest.mark.parametrize(("monday", "tuesday"), [(8, 14), (14, 8)])
def test_forces_the_surplus_onto_the_busier_forecast_day(monday: int, tuesday: int) -> None:
    # One 10:00 interval a day (date rows), 8 calls on one day and 14 on the other, at
    # 180 s, no shrinkage: both need 3 agents (8 and 14 calls both lie in 8..14 -> 3), so
    # both days have 3 seats and only the calls differ.
    # Erlang C levels with 3, 4, 5 agents: 8 calls 0.9593, 0.9933, 0.9991;
    # 14 calls 0.8306, 0.9548, 0.9897. The first surplus person adds
    # 8 x (0.9933 - 0.9593) = 0.272 calls in time on the quiet day and
    # 14 x (0.9548 - 0.8306) = 1.739 on the busy one (the best first gain), so their
    # prices are 10 x (1 + 1 - 0.272 / 1.739) = 18.4 -> 18 and 10 x (1 + 0) = 10.
    # Minimums 7 x 1 = 7 against 6 seats: one surplus person, on the busy day, cost 10.
    sc = mini_scenario(
        *juniors(*[1] * 7),
        days=2,
        rules=RuleParameters(require_team_leader=False, shrinkage=0.0, max_occupancy=1.0),
        weights=SURPLUS,
        forecast=(
            ForecastRow(day(0).isoformat(), 600, monday, 180),
            ForecastRow(day(1).isoformat(), 600, tuesday, 180),
        ),
    )
    cal = Calendar(sc)
    assert cal.forecast_seats == {(day(0), "D"): {"junior": 3}, (day(1), "D"): {"junior": 3}}
    assert _gain(8, 1) == pytest.approx(0.272, abs=1e-3)
    assert _gain(14, 1) == pytest.approx(1.739, abs=1e-3)
    busy, quiet = (day(0), day(1)) if monday > tuesday else (day(1), day(0))
    # Busy: 10, then 10 x (2 - 0.489 / 1.739) = 17.2 -> 17, 10 x (2 - 0.116 / 1.739) = 19.3
    # -> 19, then the ceiling 10 x (1 + 1) = 20. Quiet: 18, then
    # 10 x (2 - 0.046 / 1.739) = 19.7 -> 20, the ceiling.
    assert cal.surplus_steps(busy, "D") == (10, 17, 19, 20)
    assert cal.surplus_steps(quiet, "D") == (18, 20)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 10
    (item,) = result.penalties
    assert (item.rule, item.date, item.cost) == ("R21", busy, 10)
    assert result.roster is not None
    duty = on_duty(sc, grid_of(sc, result.roster))
    assert duty[sc.day_index(busy)] == 4
    assert duty[sc.day_index(quiet)] == 3


@pytest.mark.parametrize(("first", "second"), [(1, 3), (3, 1)])
def test_forces_surplus_in_proportion_to_the_need_without_a_forecast(
    first: int, second: int
) -> None:
    # Two days needing 1 and 3 junior seats (4 seats); minimums 8 x 1 = 8: 4 surplus.
    # Prices, the k-th at 10 x (1 + min(1, (k - 1/2) / need)):
    #   need 1: 10 x 1.5 = 15, then 10 x 2 = 20 (the ceiling);
    #   need 3: 10 x 1.1667 = 11.7 -> 12, 10 x 1.5 = 15, 10 x 1.8333 = 18.3 -> 18, 20.
    # The 4 cheapest: 12 + 15 (need 3) + 15 (need 1) + 18 (need 3) = 60, so the day
    # needing 3 takes 3 of them and the day needing 1 takes 1: as 3 : 1.
    sc = mini_scenario(
        *juniors(*[1] * 8),
        days=2,
        cover=(
            CoverRule(day(0).isoformat(), "D", "junior", first),
            CoverRule(day(1).isoformat(), "D", "junior", second),
        ),
        rules=NO_LEADER,
        weights=SURPLUS,
    )
    cal = Calendar(sc)
    small, large = (0, 1) if first == 1 else (1, 0)
    assert cal.surplus_steps(day(small), "D") == (15, 20)
    assert cal.surplus_steps(day(large), "D") == (12, 15, 18, 20)
    assert least_cost(sc, cal) == 60
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 60
    assert result.roster is not None
    duty = on_duty(sc, grid_of(sc, result.roster))
    # 1 + 1 on the day needing 1, 3 + 3 on the day needing 3.
    assert (duty[small], duty[large]) == (2, 6)


# -- the checker prices a hand-made roster ----------------------------------------------------


def test_the_checker_prices_each_surplus_person_at_the_calendars_steps() -> None:
    thursday = dt.date(2026, 3, 5)
    friday = thursday + dt.timedelta(days=1)
    sc = mini_scenario(
        *juniors(0, 0, 0, 0),
        start=thursday,
        days=4,  # Thu, Fri (a holiday), Sat, Sun
        cover=(
            CoverRule("*", "D", "junior", 1),
            CoverRule(thursday.isoformat(), "D", "junior", 2),
        ),
        holiday_changes=(HolidayChange(friday, "Founders' day"),),
        rules=RuleParameters(require_team_leader=False, rest_day_pay_factor=2.0),
        weights=SURPLUS,
    )
    grid = {"J1": "DDDD", "J2": "DDD-", "J3": "D-D-", "J4": "D-D-"}
    cal = Calendar(sc)
    # Thu, need 2, pay 1: 10 x (1 + 0.5/2) = 12.5 -> 12, 10 x (1 + 1.5/2) = 17.5 -> 18,
    #   then the ceiling 10 x 2 = 20. 4 on duty, 2 beyond: 12 + 18 = 30.
    # Fri, a holiday, need 1, pay 3: 10 x (3 + 0.5) = 35, then 40. 2 on duty: 35.
    # Sat, need 1, rest-day pay 2: 10 x (2 + 0.5) = 25, then 30. 4 on duty, 3 beyond:
    #   25 + 30 + 30 (the last price repeats) = 85.
    # Sun, need 1, 1 on duty: 0.  Total 30 + 35 + 85 = 150.
    assert [cal.surplus_steps(d, "D") for d in sc.days] == [
        (12, 18, 20),
        (35, 40),
        (25, 30),
        (25, 30),
    ]
    assert [cal.pay_factor(d) for d in sc.days] == [1.0, 3.0, 2.0, 2.0]
    total, items = objective_of(sc, roster_of(grid, start=thursday))
    assert total == 150
    assert [(i.rule, i.date, i.weight, i.amount) for i in items] == [
        ("R21", thursday, 1, 30),
        ("R21", friday, 1, 35),
        ("R21", thursday + dt.timedelta(days=2), 1, 85),
    ]
    assert [i.description.split("(")[-1] for i in items] == ["pay x1)", "pay x3)", "pay x2)"]
    assert "4 on duty, 2 beyond the need of 2" in items[0].description


def test_the_checker_counts_surplus_beyond_every_grade_seat_not_per_grade() -> None:
    # A shift needing 1 junior and 1 senior with 2 juniors and 1 senior on duty: the
    # surplus is 3 - (1 + 1) = 1 person (a junior cannot fill the senior seat, but the
    # surplus is counted on the shift as a whole): 10 x (1 + 0.5 / 2) = 12.5 -> 12.
    sc = mini_scenario(
        person("J1"),
        person("J2"),
        person("S1", "senior"),
        days=1,
        cover=(CoverRule("*", "D", "junior", 1), CoverRule("*", "D", "senior", 1)),
        rules=NO_LEADER,
        weights=SURPLUS,
    )
    total, items = objective_of(sc, roster_of({"J1": "D", "J2": "D", "S1": "D"}))
    assert total == 12
    assert [(i.rule, i.amount) for i in items] == [("R21", 12)]


def test_a_zero_weight_prices_nothing() -> None:
    sc = one_junior_a_day(*juniors(0, 0), weights=weights_only())
    assert objective_of(sc, roster_of({"J1": "DDD", "J2": "DDD"})) == (0, [])
    assert Calendar(sc).surplus_steps(day(0), "D") == ()


# -- the price list ---------------------------------------------------------------------------


@pytest.mark.parametrize("need", [0, 1, 2, 3, 16])
@pytest.mark.parametrize("pay", [1.0, 2.0, 2.5, 3.0])
@pytest.mark.parametrize("weight", [1, 10, 100])
def test_prices_never_fall_and_end_at_their_ceiling(need: int, pay: float, weight: int) -> None:
    steps = marginal_steps(weight, pay, need, None, 0.0)
    # The ceiling is weight x (pay + 1): e.g. 10 x (3 + 1) = 40 on a holiday.
    assert steps[-1] == round(weight * (pay + 1.0))
    assert list(steps) == sorted(steps)
    assert all(s < steps[-1] for s in steps[:-1])  # the list stops at the ceiling
    # The first costs weight x (pay + 0.5 / need), need at least 1.
    assert steps[0] == round(weight * (pay + min(1.0, 0.5 / max(need, 1))))


def test_the_calendars_prices_never_fall_with_a_forecast() -> None:
    # Eight 10:00 intervals of 1..99 calls on eight days: every day's prices rise to the
    # ceiling 10 x (1 + 1) = 20 (Sat/Sun pay 1.0 by default), never falling.
    sc = mini_scenario(
        *juniors(0, 0, 0),
        days=8,
        rules=RuleParameters(require_team_leader=False),
        weights=SURPLUS,
        forecast=tuple(
            ForecastRow(day(i).isoformat(), 600, calls, 180)
            for i, calls in enumerate((1, 5, 14, 30, 50, 75, 99, 3))
        ),
    )
    cal = Calendar(sc)
    for d in sc.days:
        steps = cal.surplus_steps(d, "D")
        assert steps, d
        assert list(steps) == sorted(steps), (d, steps)
        assert steps[-1] == 20, (d, steps)
        assert 10 <= steps[0] <= 20


def test_a_zero_weight_gives_no_prices_and_builds_nothing() -> None:
    assert marginal_steps(0, 3.0, 4, None, 0.0) == ()
    sc = one_junior_a_day(*juniors(2, 2), weights=weights_only())
    assert [Calendar(sc).surplus_steps(d, "D") for d in sc.days] == [(), (), ()]
    result = solve_and_check(sc)
    # R21 off: the forced extra shift costs nothing.
    assert result.objective == 0
    assert least_cost(sc, Calendar(sc)) == 0


def test_the_cost_of_a_surplus_at_its_prices_and_the_runs_of_equal_price() -> None:
    steps = (12, 18, 18, 20)
    # 0 -> 0; 2 -> 12 + 18 = 30; 6 -> 12 + 18 + 18 + 20 + 20 + 20 = 108.
    assert [surplus_cost(steps, n) for n in (0, 2, 6)] == [0, 30, 108]
    assert surplus_cost((), 5) == 0
    # Runs of equal price: 12 x 1, 18 x 2, then 20 for any number (0).
    assert runs(steps) == [(12, 1), (18, 2), (20, 0)]


def test_a_shift_needing_nobody_prices_every_person_as_surplus() -> None:
    # No cover at all: need 0, treated as 1 for the place: 10 x (1 + 0.5) = 15, then 20.
    sc = mini_scenario(*juniors(1), days=1, rules=NO_LEADER, weights=SURPLUS)
    assert Calendar(sc).surplus_steps(day(0), "D") == (15, 20)
    result = solve_and_check(sc)
    assert result.objective == 15
    (item,) = result.penalties
    assert (item.rule, item.weight, item.amount) == ("R21", 1, 15)
