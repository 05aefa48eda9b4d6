"""The horizon as the centre sees it: weekdays, public holidays, meeting days, and the cover
each shift of each day needs.

Both the CP-SAT model and the independent checker read cover and holidays from here, so the
two can never disagree about *what* is required, only about whether a roster meets it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import holidays as holidays_lib

from roster.model import GRADES, WEEKDAY_NAMES, CoverRule, Scenario, Shift

_RANK_STAR, _RANK_WEEKPART, _RANK_WEEKDAY, _RANK_HOLIDAY, _RANK_DATE = range(5)


@dataclass(frozen=True)
class Need:
    """What one shift of one day needs of one grade or role, with the winning row's own
    weights (``None``: the scenario's weight applies)."""

    min: int
    max: int | None
    weight_under: int | None = None
    weight_over: int | None = None


def parse_day_spec(spec: str) -> str:
    """Normalise a cover ``day`` value, raising ``ValueError`` for anything unknown."""
    text = spec.strip()
    lowered = text.lower()
    if lowered in ("*", "weekday", "weekend", "holiday"):
        return lowered
    for name in WEEKDAY_NAMES:
        if lowered == name.lower():
            return name
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(
            f"day {spec!r}: expected a date (YYYY-MM-DD), Mon..Sun, weekday, weekend, holiday or *"
        ) from None


@dataclass(frozen=True)
class Calendar:
    """The horizon of a scenario with its holidays, meetings and resolved cover."""

    scenario: Scenario

    # -- days ---------------------------------------------------------------------------

    @property
    def days(self) -> list[dt.date]:
        return self.scenario.days

    @cached_property
    def holidays(self) -> dict[dt.date, str]:
        """Public holidays in the horizon: the country's calendar changed by the sheet."""
        sc = self.scenario
        years = list(range(sc.start.year, sc.end.year + 1))
        found: dict[dt.date, str] = {}
        if sc.country:
            try:
                cal = holidays_lib.country_holidays(sc.country, years=years)
            except NotImplementedError:
                raise ValueError(f"country {sc.country!r} has no public-holiday calendar") from None
            found = {d: str(n) for d, n in cal.items() if sc.start <= d <= sc.end}
        for change in sc.holiday_changes:
            if change.removes:
                found.pop(change.date, None)
            elif sc.start <= change.date <= sc.end:
                found[change.date] = change.name
        return dict(sorted(found.items()))

    def is_holiday(self, day: dt.date) -> bool:
        return day in self.holidays

    @staticmethod
    def is_weekend(day: dt.date) -> bool:
        return day.weekday() >= 5

    # -- meetings (R13) -----------------------------------------------------------------

    @cached_property
    def monthly_meetings(self) -> list[dt.date]:
        """The all-agent meeting of each month: the Friday strictly before the 25th."""
        found = []
        sc = self.scenario
        year, month = sc.start.year, sc.start.month
        while (year, month) <= (sc.end.year, sc.end.month):
            day = dt.date(year, month, 24)
            while day.weekday() != 4:
                day -= dt.timedelta(days=1)
            if sc.start <= day <= sc.end:
                found.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found

    @cached_property
    def team_meetings(self) -> list[dt.date]:
        """The weekly team-leader meeting days (``team_meeting_day``, default Monday)."""
        weekday = WEEKDAY_NAMES.index(self.scenario.rules.team_meeting_day)
        return [d for d in self.days if d.weekday() == weekday]

    # -- cover --------------------------------------------------------------------------

    def _rank(self, rule: CoverRule, day: dt.date) -> int | None:
        spec = parse_day_spec(rule.day)
        if spec == "*":
            return _RANK_STAR
        if spec == "weekday":
            return _RANK_WEEKPART if not self.is_weekend(day) else None
        if spec == "weekend":
            return _RANK_WEEKPART if self.is_weekend(day) else None
        if spec == "holiday":
            return _RANK_HOLIDAY if self.is_holiday(day) else None
        if spec in WEEKDAY_NAMES:
            return _RANK_WEEKDAY if WEEKDAY_NAMES.index(spec) == day.weekday() else None
        return _RANK_DATE if spec == day.isoformat() else None

    @cached_property
    def _needs(self) -> dict[tuple[dt.date, str], dict[str, Need]]:
        table: dict[tuple[dt.date, str], dict[str, Need]] = {}
        for day in self.days:
            best: dict[tuple[str, str], tuple[int, CoverRule]] = {}
            for rule in self.scenario.cover:
                rank = self._rank(rule, day)
                if rank is None:
                    continue
                key = (rule.shift, rule.requirement)
                if key not in best or rank >= best[key][0]:
                    best[key] = (rank, rule)
            for (shift, requirement), (_, rule) in best.items():
                table.setdefault((day, shift), {})[requirement] = Need(
                    rule.min, rule.max, rule.weight_under, rule.weight_over
                )
        return table

    def needs(self, day: dt.date, shift: str) -> dict[str, Need]:
        """Requirement (grade or role) -> need, for one shift of one day."""
        return self._needs.get((day, shift), {})

    def grade_need(self, day: dt.date, shift: str, grade: str) -> int:
        need = self.needs(day, shift).get(grade)
        return need.min if need else 0

    def operating(self, day: dt.date, shift: str) -> bool:
        """A shift operates on a day when its cover asks for at least one person.

        Only operating shifts need a team leader (R2) and a successor (R9).
        """
        return any(n.min > 0 for n in self.needs(day, shift).values())

    def cumulative_grade_needs(self, day: dt.date, shift: str) -> list[tuple[str, int]]:
        """Seats of each grade and above, highest grade first: the R1 thresholds.

        With upward substitution a senior may sit in a mid or junior seat, so the check is
        "people of grade >= g" against "seats of grade >= g" for each g.
        """
        out = []
        total = 0
        for grade in reversed(GRADES):
            total += self.grade_need(day, shift, grade)
            out.append((grade, total))
        return out

    # -- shift timing -------------------------------------------------------------------

    def shift_interval(self, day: dt.date, shift: Shift) -> tuple[int, int]:
        """Absolute [start, end) minutes from the horizon start, without handover."""
        return shift.interval(self.scenario.day_index(day))

    def is_weekend_shift(self, day: dt.date) -> bool:
        return self.is_weekend(day)
