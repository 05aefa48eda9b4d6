"""What a roster delivers and what it costs: the expected service level of every forecast
interval (R22) and the month's paid hours (R21's pay factors), from the roster alone.

The agents rostered on an interval are counted here from the roster's own shifts, and
Erlang C is applied to them afresh: nothing is taken from the solver, so the figures are a
check on the roster, not an echo of the model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.calendar import Calendar
from roster.erlang import service_level
from roster.model import MINUTES_PER_DAY, Roster, Scenario


@dataclass(frozen=True)
class IntervalService:
    """One forecast interval of the horizon: its calls, the agents the forecast needs, the
    agents the roster puts on it and the share of calls answered in time it can expect."""

    day: dt.date
    start: int
    calls: float
    aht: float
    needed: int
    rostered: int
    level: float
    target: float
    answer: float

    @property
    def short(self) -> bool:
        """Expected to miss its service-level target."""
        return self.calls > 0 and self.level < self.target - 1e-9


@dataclass(frozen=True)
class ServiceReport:
    """Every interval of the horizon with a forecast, in time order."""

    intervals: tuple[IntervalService, ...]
    minutes: int

    @property
    def calls(self) -> float:
        return sum(i.calls for i in self.intervals)

    @property
    def level(self) -> float:
        """The month's expected service level: each interval weighted by its calls."""
        calls = self.calls
        if calls == 0:
            return 1.0
        return sum(i.calls * i.level for i in self.intervals) / calls

    @property
    def target(self) -> float:
        """The calls-weighted target (one number when every interval has the same)."""
        calls = self.calls
        if calls == 0:
            return 0.0
        return sum(i.calls * i.target for i in self.intervals) / calls

    @property
    def answer(self) -> float:
        return max((i.answer for i in self.intervals), default=0.0)

    @property
    def worst(self) -> IntervalService | None:
        """The interval with calls furthest below its target (lowest level first)."""
        busy = [i for i in self.intervals if i.calls > 0]
        return min(busy, key=lambda i: (i.level - i.target, i.day, i.start), default=None)

    @property
    def short(self) -> int:
        return sum(1 for i in self.intervals if i.short)


def service_report(scenario: Scenario, roster: Roster) -> ServiceReport | None:
    """The expected service level of every forecast interval of the horizon with the
    roster's agents on it; ``None`` without a forecast."""
    if not scenario.forecast:
        return None
    calendar = Calendar(scenario)
    on: dict[tuple[int, int], int] = {}
    codes = {s.code: i for i, s in enumerate(scenario.shifts)}
    for a in set(roster.assignments):
        if a.shift in codes:
            key = (scenario.day_index(a.date), codes[a.shift])
            on[key] = on.get(key, 0) + 1
    out = []
    for interval in calendar.intervals:
        shifts = calendar.covering(interval)
        if interval.day > scenario.end or not shifts:
            continue  # last month's night or next month's day: another roster's hours
        rostered = sum(on.get(key, 0) for key in shifts)
        load = interval.load
        out.append(
            IntervalService(
                day=interval.day,
                start=interval.start,
                calls=load.calls,
                aht=load.aht,
                needed=interval.needed,
                rostered=rostered,
                level=service_level(load, rostered),
                target=load.target,
                answer=load.answer,
            )
        )
    return ServiceReport(tuple(out), scenario.rules.interval_minutes)


@dataclass(frozen=True)
class PaySummary:
    """The month's paid hours (shift plus handover, R9), those paid at a premium (holiday or
    paid rest day, R21), their cost in hour-equivalents (hours x pay factor), and the
    shifts beyond every need: all of them, and how many the minimum shifts force."""

    paid_hours: float
    premium_hours: float
    cost_hours: float
    surplus_shifts: int
    forced_surplus: int


def pay_summary(scenario: Scenario, roster: Roster) -> PaySummary:
    """What the roster's hours cost, and how many of its shifts no seat asks for."""
    calendar = Calendar(scenario)
    shifts = {s.code: s for s in scenario.shifts}
    handover = scenario.rules.handover_minutes
    paid = premium = cost = 0.0
    on: dict[tuple[dt.date, str], int] = {}
    for a in set(roster.assignments):
        shift = shifts.get(a.shift)
        if shift is None or not scenario.start <= a.date <= scenario.end:
            continue
        hours = (shift.duration + handover) / 60
        factor = calendar.pay_factor(a.date)
        paid += hours
        cost += hours * factor
        if factor > 1:
            premium += hours
        on[(a.date, a.shift)] = on.get((a.date, a.shift), 0) + 1
    seats = 0
    surplus = 0
    for day in calendar.days:
        for shift in scenario.shifts:
            need = calendar.need(day, shift.code)
            seats += need
            surplus += max(0, on.get((day, shift.code), 0) - need)
    minimums = sum(p.min_shifts or 0 for p in scenario.staff)
    return PaySummary(
        paid_hours=paid,
        premium_hours=premium,
        cost_hours=cost,
        surplus_shifts=surplus,
        forced_surplus=max(0, minimums - seats),
    )


def daily_need(report: ServiceReport) -> list[tuple[dt.date, float, float]]:
    """(day, agent-hours needed, agent-hours rostered) of each day of the report."""
    hours = report.minutes / 60
    days: dict[dt.date, list[float]] = {}
    for i in report.intervals:
        totals = days.setdefault(i.day, [0.0, 0.0])
        totals[0] += i.needed * hours
        totals[1] += i.rostered * hours
    return [(day, need, have) for day, (need, have) in sorted(days.items())]


def typical_day(report: ServiceReport, calendar: Calendar) -> list[tuple[int, float, float, int]]:
    """(interval start, agents needed, agents rostered, days) averaged over the ordinary
    weekdays (no weekend, no holiday): the shape a team lead checks the roster against."""
    sums: dict[int, list[float]] = {}
    for i in report.intervals:
        if calendar.is_weekend(i.day) or calendar.is_holiday(i.day):
            continue
        totals = sums.setdefault(i.start, [0.0, 0.0, 0.0])
        totals[0] += i.needed
        totals[1] += i.rostered
        totals[2] += 1
    return [(start, need / n, have / n, int(n)) for start, (need, have, n) in sorted(sums.items())]


def interval_label(start: int, minutes: int) -> str:
    """``HH:MM-HH:MM`` of an interval starting ``start`` minutes after midnight."""
    end = (start + minutes) % MINUTES_PER_DAY
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


def minimum_advice(scenario: Scenario) -> str | None:
    """When the minimum shifts add up to more than every grade seat of the month: how many
    shifts they force beyond the need (R21), and the minimums that would fit the seats
    (each scaled down alike). ``None`` when they fit."""
    calendar = Calendar(scenario)
    seats = sum(
        calendar.need(day, shift.code) for day in calendar.days for shift in scenario.shifts
    )
    minimums = [p.min_shifts for p in scenario.staff if p.min_shifts]
    total = sum(minimums)
    if total <= seats or not minimums:
        return None
    scaled = [m * seats // total for m in minimums]
    return (
        f"the minimum shifts add up to {total} against {seats} seats: {total - seats} shifts "
        f"are surplus whatever the roster; minimums of {min(scaled)}-{max(scaled)} "
        f"(now {min(minimums)}-{max(minimums)}, each x {seats / total:.0%}) would fit the seats"
    )
