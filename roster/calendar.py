"""The horizon as the centre sees it: weekdays, public holidays, meeting days, and the cover
each shift of each day needs.

Both the CP-SAT model and the independent checker read cover and holidays from here, so the
two can never disagree about *what* is required, only about whether a roster meets it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import holidays as holidays_lib

from roster import demand
from roster.erlang import Load
from roster.model import (
    GRADES,
    WEEKDAY_NAMES,
    CoverRule,
    Scenario,
    Shift,
    Staff,
)

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

    def rank(self, spec: str, day: dt.date) -> int | None:
        """How specifically a cover or forecast ``day`` value matches ``day`` (date >
        holiday > Mon..Sun > weekday/weekend > ``*``); ``None`` when it does not."""
        spec = parse_day_spec(spec)
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
                rank = self.rank(rule.day, day)
                if rank is None:
                    continue
                key = (rule.shift, rule.requirement)
                if key not in best or rank >= best[key][0]:
                    best[key] = (rank, rule)
            for (shift, requirement), (_, rule) in best.items():
                table.setdefault((day, shift), {})[requirement] = Need(
                    rule.min, rule.max, rule.weight_under, rule.weight_over
                )
        # Forecast seats fill what the cover table leaves unsaid: explicit rows win.
        for (day, shift), seats in self.forecast_seats.items():
            own = table.setdefault((day, shift), {})
            for grade, n in seats.items():
                own.setdefault(grade, Need(n, None))
        return table

    # -- the forecast (R22) -------------------------------------------------------------

    @cached_property
    def intervals(self) -> list[demand.Interval]:
        """The forecast's intervals with their load and agents needed, in time order."""
        return demand.intervals(self.scenario, self.rank)

    @cached_property
    def forecast_seats(self) -> dict[tuple[dt.date, str], dict[str, int]]:
        """(day, shift) -> seats by grade derived from the forecast (before the cover
        table's own rows win over them)."""
        sc = self.scenario
        if not sc.forecast:
            return {}
        mix = sc.rules.mix or demand.staff_mix(sc)
        out: dict[tuple[dt.date, str], dict[str, int]] = {}
        for (d, s), total in demand.shift_seats(sc, self.intervals).items():
            out[(self.days[d], sc.shifts[s].code)] = demand.grade_split(total, mix)
        return out

    def covering(self, interval: demand.Interval) -> list[tuple[int, int]]:
        """(day index, shift index) of the horizon's shifts that cover ``interval``."""
        return demand.covering(self.scenario, interval.at)

    # -- surplus (R21) ------------------------------------------------------------------

    def grade_seats(self, day: dt.date, shift: str) -> int:
        """All grade seats of one shift of one day."""
        return sum(n.min for g, n in self.needs(day, shift).items() if g in GRADES)

    def need(self, day: dt.date, shift: str) -> int:
        """The people one shift of one day needs, beyond whom is surplus (R21): its grade
        seats, or more where a role seat asks for more (roles are held on top of a grade,
        so a team leader or an inspector usually sits in a grade seat), and the team
        leader R2 asks for on an operating shift."""
        needs = self.needs(day, shift)
        roles = [n.min for r, n in needs.items() if r not in GRADES]
        if self.scenario.rules.require_team_leader and self.operating(day, shift):
            roles.append(1)
        return max([self.grade_seats(day, shift), *roles])

    def pay_factor(self, day: dt.date) -> float:
        """What a shift starting on ``day`` is paid, as a multiple of an ordinary one."""
        return self.scenario.rules.pay_factor(self.is_holiday(day), self.is_weekend(day))

    def surplus_steps(self, day: dt.date, shift: str) -> tuple[int, ...]:
        """The price of the 1st, 2nd, ... person on duty beyond the shift's need (R21),
        never falling; every further person costs the last. Empty when R21 is off."""
        return self._surplus_steps.get((day, shift), ())

    @cached_property
    def _surplus_steps(self) -> dict[tuple[dt.date, str], tuple[int, ...]]:
        sc = self.scenario
        weight = sc.weights.surplus
        if weight == 0:
            return {}
        loads: dict[tuple[int, int], list[tuple[Load, int]]] = {}
        for interval in self.intervals:
            where = self.covering(interval)
            base = sum(
                self.grade_seats(self.days[d], sc.shifts[s].code) for d, s in where
            )  # agents
            for key in where:
                loads.setdefault(key, []).append((interval.load, base))
        best = max((demand.gain(found, 1) for found in loads.values()), default=0.0)
        table: dict[tuple[dt.date, str], tuple[int, ...]] = {}
        for d, day in enumerate(self.days):
            for s, shift in enumerate(sc.shifts):
                found = loads.get((d, s))
                table[(day, shift.code)] = demand.marginal_steps(
                    weight,
                    self.pay_factor(day),
                    self.need(day, shift.code),
                    None if found is None else functools.partial(demand.gain, found),
                    best,
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

    # -- fairness (R14) -----------------------------------------------------------------

    def _kind_cells(self, kind: str) -> list[tuple[dt.date, str]]:
        """The (day, shift) cells a fairness kind counts: night shifts (``nights``), shifts
        on Saturdays and Sundays (``weekend``), shifts on holidays (``holiday``)."""
        return [
            (day, shift.code)
            for day in self.days
            if (kind != "weekend" or self.is_weekend(day))
            and (kind != "holiday" or self.is_holiday(day))
            for shift in self.scenario.shifts
            if kind != "nights" or shift.night
        ]

    def kind_seats(self, requirement: str, kind: str) -> int:
        """The seats of a grade or role over one fairness kind's cells (a team leader on
        every operating shift counts when R2 asks for one)."""
        leader = requirement == "team_leader" and self.scenario.rules.require_team_leader
        total = 0
        for day, code in self._kind_cells(kind):
            need = self.needs(day, code).get(requirement)
            seats = need.min if need else 0
            if leader and self.operating(day, code):
                seats = max(seats, 1)
            total += seats
        return total

    def fair_range(self, grade: str, kind: str, people: Sequence[Staff]) -> tuple[int, int]:
        """The fewest and most shifts of ``kind`` that ``people`` of a grade work in the
        fairest roster that needs nobody beyond the seats (R14).

        The grade's seats shared out evenly (a spread of 1 when they do not divide); but a
        role only this grade holds (team leaders are seniors) may ask its holders for more
        than their share, the others then share what is left."""
        n = len(people)
        if n == 0:
            return 0, 0
        seats = self.kind_seats(grade, kind)
        low, high = seats // n, -(-seats // n)
        sc = self.scenario
        roles = {role for p in people for role in p.roles if role not in ("agent", grade)}
        for role in sorted(roles):
            holders = [p for p in people if p.has_role(role)]
            others = [p for p in sc.staff if p.has_role(role) and p.grade != grade]
            asked = self.kind_seats(role, kind)
            if others or asked * n <= seats * len(holders):
                continue  # shared with another grade, or the even share already covers it
            high = max(high, -(-asked // len(holders)))
            if n > len(holders):
                low = min(low, max(0, seats - asked) // (n - len(holders)))
        return low, high

    def fair_spread(self, grade: str, kind: str, people: Sequence[Staff]) -> int:
        """The spread of ``kind`` among ``people`` of a grade that is perfectly fair (R14):
        0 when the seats divide evenly, 1 when they do not, more where a role only this
        grade holds asks its holders for more (see :meth:`fair_range`)."""
        low, high = self.fair_range(grade, kind, people)
        return high - low

    # -- shift timing -------------------------------------------------------------------

    def shift_interval(self, day: dt.date, shift: Shift) -> tuple[int, int]:
        """Absolute [start, end) minutes from the horizon start, without handover."""
        return shift.interval(self.scenario.day_index(day))

    def is_weekend_shift(self, day: dt.date) -> bool:
        return self.is_weekend(day)
