""" "What cover does the forecast ask for?" (R22): the agents each interval needs, grouped
into day profiles, and the seats per day, shift and grade the solver will use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.calendar import Calendar
from roster.model import WEEKDAY_NAMES, Scenario


@dataclass(frozen=True)
class Profile:
    """Days whose intervals need the same agents: their label, the days, and per interval
    (start minute, calls, agents needed)."""

    label: str
    days: tuple[dt.date, ...]
    intervals: tuple[tuple[int, float, int], ...]


@dataclass(frozen=True)
class CoverLine:
    """One seat requirement the solver will use, and where it comes from."""

    date: dt.date
    shift: str
    requirement: str
    min: int
    source: str
    """``forecast`` (derived by Erlang C) or ``cover`` (the cover table's own row)."""


@dataclass(frozen=True)
class DemandReport:
    name: str
    minutes: int
    rows: int
    profiles: tuple[Profile, ...]
    cover: tuple[CoverLine, ...]

    @property
    def has_forecast(self) -> bool:
        return self.rows > 0


def demand(scenario: Scenario) -> DemandReport:
    """The forecast's interval curve by day profile and the whole month's cover."""
    calendar = Calendar(scenario)
    by_day: dict[dt.date, list[tuple[int, float, int]]] = {}
    for interval in calendar.intervals:
        if interval.day <= scenario.end:
            by_day.setdefault(interval.day, []).append(
                (interval.start, interval.load.calls, interval.needed)
            )
    groups: dict[tuple[tuple[int, float, int], ...], list[dt.date]] = {}
    for day, found in sorted(by_day.items()):
        groups.setdefault(tuple(found), []).append(day)
    profiles = tuple(
        Profile(_label(days, calendar), tuple(days), curve) for curve, days in groups.items()
    )
    lines = []
    for day in calendar.days:
        for shift in scenario.shifts:
            derived = calendar.forecast_seats.get((day, shift.code), {})
            for requirement, need in calendar.needs(day, shift.code).items():
                own = any(
                    c.requirement == requirement
                    and c.shift == shift.code
                    and calendar.rank(c.day, day) is not None
                    for c in scenario.cover
                )
                source = "cover" if own or requirement not in derived else "forecast"
                lines.append(CoverLine(day, shift.code, requirement, need.min, source))
    return DemandReport(
        scenario.name,
        scenario.rules.interval_minutes,
        len(scenario.forecast),
        profiles,
        tuple(lines),
    )


def _label(days: list[dt.date], calendar: Calendar) -> str:
    """``Tue-Fri (16 days)``, ``holiday 2027-01-01``: how a team lead names these days."""
    if all(calendar.is_holiday(d) for d in days):
        return f"holiday {days[0]:%m-%d}" if len(days) == 1 else f"holiday ({len(days)} days)"
    weekdays = sorted({d.weekday() for d in days})
    runs: list[list[int]] = []
    for w in weekdays:
        if runs and w == runs[-1][-1] + 1:
            runs[-1].append(w)
        else:
            runs.append([w])
    names = ",".join(
        WEEKDAY_NAMES[r[0]] if len(r) == 1 else f"{WEEKDAY_NAMES[r[0]]}-{WEEKDAY_NAMES[r[-1]]}"
        for r in runs
    )
    return f"{names} ({len(days)} day{'s' if len(days) != 1 else ''})"
