"""Deterministic example centres: the bundled example, a three-shift centre, and synthetic
centres of any size for benchmarks and property tests.

Every centre is built from a fixed seed, so the files in ``data/`` can be regenerated
byte for byte and a benchmark run names its input by (size, pattern, seed, month). The
bundled examples take their grade seats from a call forecast; synthetic centres size cover
against headcount with slack (about half of what the staff could work at most). Either
way the minimum shifts add up to the seats and a little more (``MINIMUM_SURPLUS``), as a
centre that pays for what it needs would set them.
"""

from __future__ import annotations

import calendar as std_calendar
import datetime as dt
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from roster.calendar import Calendar
from roster.model import (
    GRADES,
    Assignment,
    CoverRule,
    ForecastRow,
    LeaveRequest,
    Scenario,
    Shift,
    ShiftRequest,
    Staff,
)

TEAM_SIZE = 13
"""People per team (班组) in generated centres."""

HISTORY_DAYS = 5
"""Days of last month's roster carried into each centre (R10)."""

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞婷雪琳晨宇欣怡浩然子轩佳琪"
_TEAM_NAMES = "一二三四五六七八九十"


@dataclass(frozen=True)
class _Pattern:
    """A shift pattern and the workload that goes with it."""

    shifts: tuple[Shift, ...]
    min_shifts: int
    max_shifts: int
    workloads: tuple[tuple[int, int], ...]
    """(min_shifts, max_shifts) choices for ordinary agents, common ones repeated."""
    max_nights_choices: tuple[int, ...]
    day_share: float
    """Share of each grade's headcount needed on an ordinary weekday, over all shifts."""
    split: Mapping[str, float]
    """How a day's need divides over the shifts."""
    history_cycle: tuple[str | None, ...]
    """The rotation last month followed (``None`` is a day off); it respects R5 and R6."""

    @property
    def day_shift(self) -> str:
        return next(s.code for s in self.shifts if not s.night)


def _hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


PATTERNS: dict[str, _Pattern] = {
    "2x12": _Pattern(
        shifts=(
            Shift("D", "日班", _hm("08:00"), _hm("20:00"), night=False, color="#FFE699"),
            Shift("N", "夜班", _hm("20:00"), _hm("08:00"), night=True, color="#9DC3E6"),
        ),
        min_shifts=12,
        max_shifts=17,
        workloads=((12, 17), (12, 17), (12, 17), (12, 17), (13, 17), (12, 16), (10, 15)),
        max_nights_choices=(4, 5, 6),
        day_share=0.26,
        split={"D": 0.6, "N": 0.4},
        history_cycle=("D", "N", None, None),
    ),
    "3x8": _Pattern(
        shifts=(
            Shift("E", "早班", _hm("06:00"), _hm("14:00"), night=False, color="#C6EFCE"),
            Shift("L", "中班", _hm("14:00"), _hm("22:00"), night=False, color="#FFEB9C"),
            Shift("N", "夜班", _hm("22:00"), _hm("06:00"), night=True, color="#BDD7EE"),
        ),
        min_shifts=18,
        max_shifts=23,
        workloads=((18, 23), (18, 23), (18, 23), (18, 23), (19, 23), (18, 22), (15, 20)),
        max_nights_choices=(5, 6, 8),
        day_share=0.36,
        split={"E": 0.4, "L": 0.4, "N": 0.2},
        history_cycle=("E", "E", "L", "L", "N", "N", None, None, None),
    ),
}


# --------------------------------------------------------------------------------------
# Public generators
# --------------------------------------------------------------------------------------


def example_centre() -> Scenario:
    """The bundled example: 80 people in 6 teams on 2 x 12-hour shifts in January 2027.

    New Year's Day falls in it (country CN), so holiday pay and cover show up. Grade seats
    come from a hotline's call forecast (``hotline_forecast``): a morning peak 09:00-11:00,
    an afternoon peak 14:00-17:00, a quiet night, Mondays busier, weekends and holidays
    quieter; the cover table adds only the team leader and inspector seats. Minimum shifts
    add up to a little more than the seats (``MINIMUM_SURPLUS``), so some surplus is forced
    and shows where it goes.
    """
    return _centre(
        name="示例客服中心 2027-01",
        month="2027-01",
        n_people=80,
        pattern="2x12",
        seed=2027,
        cover=_role_rows(day_shift="D", shifts=("D", "N")),
        forecast=hotline_forecast({"weekday": 1480, "Mon": 1630, "weekend": 1140, "holiday": 860}),
    )


def example_three_shift() -> Scenario:
    """A smaller centre (30 people, 3 teams) on three 8-hour shifts in October 2027.

    October carries China's National Day week, so holiday rules get exercised; its grade
    seats come from the same hotline forecast as the bundled example, at its own volume.
    """
    return _centre(
        name="三班制客服中心 2027-10",
        month="2027-10",
        n_people=30,
        pattern="3x8",
        seed=310,
        cover=_role_rows(day_shift="E", shifts=("E", "L", "N")),
        n_teams=3,
        forecast=hotline_forecast({"weekday": 410, "Mon": 450, "weekend": 320, "holiday": 240}),
    )


MINIMUM_SURPLUS = 0.03
"""The examples' minimum shifts add up to the seats and this share more: a modest surplus
(people are off sick, leave is granted late) that the roster must place somewhere."""

HANDLE_SECONDS = 300
"""The examples' average handle time: a telecom hotline's enquiries, bills and faults."""


def hotline_curve(hour: float) -> float:
    """The shape of a hotline's day, relative calls at ``hour`` (0-24): a plateau from about
    08:00 to 18:00 with a morning peak 09:00-11:00 and an afternoon peak 14:00-17:00, an
    evening shoulder, and a quiet night."""
    day = 0.55 * math.exp(-(((hour - 13) / 5.2) ** 4))
    morning = 0.45 * math.exp(-(((hour - 10) / 1.25) ** 4))
    afternoon = 0.40 * math.exp(-(((hour - 15.5) / 1.7) ** 4))
    evening = 0.18 * math.exp(-(((hour - 20) / 2.2) ** 2))
    return day + morning + afternoon + evening + 0.06


def hotline_forecast(daily_calls: Mapping[str, int], minutes: int = 30) -> tuple[ForecastRow, ...]:
    """Forecast rows for each day type (a cover-style ``day``: ``weekday``, ``Mon``,
    ``weekend``, ``holiday``...) with that many calls a day, spread over ``minutes``-long
    intervals along :func:`hotline_curve`, to the nearest call."""
    steps = 24 * 60 // minutes
    shape = [hotline_curve((k + 0.5) * minutes / 60) for k in range(steps)]
    total = sum(shape)
    return tuple(
        ForecastRow(day, k * minutes, float(round(calls * shape[k] / total)), HANDLE_SECONDS)
        for day, calls in daily_calls.items()
        for k in range(steps)
    )


def synthetic_centre(
    n_people: int, pattern: str = "2x12", seed: int = 0, month: str = "2027-03"
) -> Scenario:
    """A centre of ``n_people`` with cover proportional to headcount, for benchmarks.

    Teams of about 13, one team leader each (plus deputies with the team-leader role when
    there are too few teams to staff every shift), inspectors and callback seats in
    proportion, leave, wishes and last month's tail, all from ``seed``.

    Parameters
    ----------
    n_people
        Headcount, at least 20.
    pattern
        ``"2x12"`` (D 08:00-20:00, N 20:00-08:00) or ``"3x8"`` (E, L, N of 8 hours).
    seed
        Same seed, same centre: names, specialists, leave and wishes all follow from it.
    month
        The horizon, ``YYYY-MM``; the CN holidays of that month apply.

    Raises
    ------
    ValueError
        For an unknown pattern, fewer than 20 people or a malformed month.
    """
    if pattern not in PATTERNS:
        raise ValueError(f"pattern {pattern!r}; expected one of {sorted(PATTERNS)}.")
    if n_people < 20:
        raise ValueError(f"n_people {n_people}: a centre needs at least 20 people.")
    return _centre(
        name=f"synthetic {n_people} {pattern} seed {seed} {month}",
        month=month,
        n_people=n_people,
        pattern=pattern,
        seed=seed,
        cover=None,
    )


def min_team_leaders(pattern: str, num_days: int) -> int:
    """Team leaders needed so that one per shift uses at most 2/3 of their maximum shifts."""
    pat = PATTERNS[pattern]
    return math.ceil(1.5 * len(pat.shifts) * num_days / pat.max_shifts)


# --------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------


def _centre(
    *,
    name: str,
    month: str,
    n_people: int,
    pattern: str,
    seed: int,
    cover: Sequence[CoverRule] | None,
    n_teams: int | None = None,
    forecast: Sequence[ForecastRow] = (),
) -> Scenario:
    rng = random.Random(seed)
    pat = PATTERNS[pattern]
    start, end = _month_bounds(month)
    num_days = (end - start).days + 1
    teams = n_teams or max(1, round(n_people / TEAM_SIZE))
    staff = _staff(rng, n_people, teams, pat, min_team_leaders(pattern, num_days))
    if cover is None:
        cover = _proportional_cover(staff, pat)
    scenario = Scenario(
        name=name,
        start=start,
        end=end,
        staff=tuple(staff),
        shifts=pat.shifts,
        cover=tuple(cover),
        country="CN",
        forecast=tuple(forecast),
    )
    calendar = Calendar(scenario)
    holidays = set(calendar.holidays)
    leave = _leave(rng, staff, start, end, holidays)
    staff = _fit_workload_to_seats(staff, leave, calendar, pat)
    requests = _requests(rng, staff, pat, start, end, leave)
    history = _history(staff, pat, start)
    return scenario.replace(
        staff=tuple(staff), leave=tuple(leave), requests=tuple(requests), history=history
    )


def _month_bounds(month: str) -> tuple[dt.date, dt.date]:
    try:
        year, mon = (int(part) for part in month.split("-"))
        last = std_calendar.monthrange(year, mon)[1]
    except (ValueError, std_calendar.IllegalMonthError):
        raise ValueError(f"month {month!r}; expected YYYY-MM.") from None
    return dt.date(year, mon, 1), dt.date(year, mon, last)


def _unique_name(rng: random.Random, used: set[str]) -> str:
    while True:
        given = rng.choice(_GIVEN)
        if rng.random() < 0.6:
            given += rng.choice(_GIVEN)
        name = rng.choice(_SURNAMES) + given
        if name not in used:
            used.add(name)
            return name


def _team_name(index: int) -> str:
    if index < len(_TEAM_NAMES):
        return f"{_TEAM_NAMES[index]}班"
    return f"{index + 1}班"


@dataclass(frozen=True)
class _Place:
    """A person's place in the centre before they get a name and roles."""

    team: str
    grade: str
    leader: bool


def _staff(
    rng: random.Random, n_people: int, n_teams: int, pat: _Pattern, min_leaders: int
) -> list[Staff]:
    """Teams with their leaders first, then seniors, mids and juniors; specialists spread."""
    sizes = [n_people // n_teams + (1 if i < n_people % n_teams else 0) for i in range(n_teams)]
    total_leaders = max(n_teams, min_leaders)
    width = max(3, len(str(n_people)))
    used_names: set[str] = set()

    people: list[_Place] = []
    for t, size in enumerate(sizes):
        leaders = total_leaders // n_teams + (1 if t < total_leaders % n_teams else 0)
        seniors = min(size, max(round(0.17 * size), leaders + 1))
        mids = min(size - seniors, round(0.33 * size))
        for k in range(size):
            grade = "senior" if k < seniors else "mid" if k < seniors + mids else "junior"
            people.append(_Place(_team_name(t), grade, leader=k < leaders))

    def pick(count: int, grades: tuple[str, ...], taken: set[int]) -> list[int]:
        """Round-robin over teams so that specialists sit in different teams."""
        by_team: dict[str, list[int]] = {}
        for i, p in enumerate(people):
            if p.grade in grades and not p.leader and i not in taken:
                by_team.setdefault(p.team, []).append(i)
        queues = list(by_team.values())
        chosen: list[int] = []
        while len(chosen) < count and any(queues):
            for q in queues:
                if q and len(chosen) < count:
                    chosen.append(q.pop(0))
        taken.update(chosen)
        return chosen

    taken: set[int] = set()
    inspectors = set(pick(max(2, round(n_people / 30)), ("mid",), taken))
    callback = set(pick(max(2, round(n_people / 30)), ("junior", "mid"), taken))
    editors = set(pick(max(1, round(n_people / 80)), ("mid", "junior"), taken))
    plain = [i for i, p in enumerate(people) if not p.leader and i not in taken]
    no_nights = set(rng.sample(plain, max(1, round(0.05 * n_people))))
    capped = set(rng.sample([i for i in plain if i not in no_nights], round(0.12 * n_people)))

    staff: list[Staff] = []
    for i, p in enumerate(people):
        roles = {"agent"}
        if p.leader:
            roles.add("team_leader")
        if i in inspectors:
            roles.add("quality_inspector")
        if i in callback:
            roles.add("callback")
        if i in editors:
            roles.add("editor")
        if p.leader or i in taken:
            low, high = pat.min_shifts, pat.max_shifts
        else:
            low, high = rng.choice(pat.workloads)
        staff.append(
            Staff(
                id=f"S{i + 1:0{width}d}",
                name=_unique_name(rng, used_names),
                grade=p.grade,
                team=p.team,
                roles=frozenset(roles),
                job_type="editor" if i in editors else "agent",
                min_shifts=low,
                max_shifts=high,
                max_nights=rng.choice(pat.max_nights_choices) if i in capped else None,
                can_work_nights=i not in no_nights,
            )
        )
    return staff


def _cover_rows(
    *,
    day_shift: str,
    grade_needs: Mapping[str, Mapping[str, tuple[int, int, int]]],
    team_leaders: int,
    inspectors: int,
    shifts: Sequence[str],
) -> list[CoverRule]:
    """Cover by grade for weekday/weekend (holidays like weekends), plus role rows.

    ``grade_needs[part][shift]`` is (junior, mid, senior) seats.
    """
    rows: list[CoverRule] = []
    for day, part in (("weekday", "weekday"), ("weekend", "weekend"), ("holiday", "weekend")):
        for shift in shifts:
            for grade, seats in zip(GRADES, grade_needs[part][shift], strict=True):
                if seats > 0:
                    rows.append(CoverRule(day, shift, grade, seats))
    rows.extend(CoverRule("*", shift, "team_leader", team_leaders) for shift in shifts)
    rows.append(CoverRule("weekday", day_shift, "quality_inspector", inspectors))
    rows.append(CoverRule("holiday", day_shift, "quality_inspector", 0))
    return rows


def _role_rows(*, day_shift: str, shifts: Sequence[str]) -> list[CoverRule]:
    """The seats a forecast does not give: a team leader on every shift and an inspector
    on weekday day shifts (none on holidays)."""
    rows = [CoverRule("*", shift, "team_leader", 1) for shift in shifts]
    rows.append(CoverRule("weekday", day_shift, "quality_inspector", 1))
    rows.append(CoverRule("holiday", day_shift, "quality_inspector", 0))
    return rows


def _proportional_cover(staff: Sequence[Staff], pat: _Pattern) -> list[CoverRule]:
    counts = {g: sum(1 for s in staff if s.grade == g) for g in GRADES}
    leaders = sum(1 for s in staff if s.has_role("team_leader"))
    inspectors = sum(1 for s in staff if s.has_role("quality_inspector"))
    needs: dict[str, dict[str, tuple[int, int, int]]] = {"weekday": {}, "weekend": {}}
    for part, factor in (("weekday", 1.0), ("weekend", 0.75)):
        for shift in pat.shifts:
            share = pat.day_share * pat.split[shift.code] * factor
            junior, mid, senior = (round(share * counts[g]) for g in GRADES)
            needs[part][shift.code] = (junior, mid, max(1, senior))
    return _cover_rows(
        day_shift=pat.day_shift,
        grade_needs=needs,
        team_leaders=max(1, leaders // 10),
        inspectors=max(1, inspectors // 4),
        shifts=[s.code for s in pat.shifts],
    )


_APPROVED_LEAVE: tuple[tuple[str, int, int, bool], ...] = (
    # (type, shortest, longest, certificate)
    ("annual", 3, 5, False),
    ("sick", 2, 3, True),
    ("personal", 1, 1, False),
    ("annual", 2, 4, False),
    ("business", 2, 2, False),
    ("study", 2, 2, False),
    ("sick", 1, 1, True),
)
_PENDING_LEAVE: tuple[tuple[str, int, int, bool], ...] = (
    ("personal", 1, 1, False),
    ("annual", 2, 3, False),
    ("special_personal", 1, 1, False),
)


def _leave(
    rng: random.Random,
    staff: Sequence[Staff],
    start: dt.date,
    end: dt.date,
    holidays: set[dt.date],
) -> list[LeaveRequest]:
    """Approved and pending leave for plain agents, valid under the L rules.

    Leaders, inspectors and callback seats get none, so no single absence can starve a
    role; nobody has two requests; no leave touches a public holiday (L6).
    """
    n = len(staff)
    plain = [s for s in staff if s.roles == frozenset({"agent"})]
    chosen = rng.sample(plain, min(len(plain), max(3, round(0.08 * n)) + max(2, round(0.04 * n))))
    n_approved = max(3, round(0.08 * n))
    leaders: dict[str, str] = {}
    for s in staff:
        if s.has_role("team_leader"):
            leaders.setdefault(s.team, s.id)
    num_days = (end - start).days + 1
    out: list[LeaveRequest] = []
    for k, person in enumerate(chosen):
        approved = k < n_approved
        templates = _APPROVED_LEAVE if approved else _PENDING_LEAVE
        kind, shortest, longest, certificate = templates[
            k % len(templates) if approved else (k - n_approved) % len(templates)
        ]
        length = rng.randint(shortest, longest)
        for _ in range(100):
            first = start + dt.timedelta(days=rng.randrange(num_days - length + 1))
            days = [first + dt.timedelta(days=i) for i in range(length)]
            if not holidays.intersection(days):
                break
        else:
            continue
        asked = dt.datetime.combine(
            start - dt.timedelta(days=rng.randint(5, 20)), dt.time(9, rng.randrange(0, 60, 5))
        )
        if approved:
            approver = "department_head" if length <= 1 and kind != "study" else "center_director"
        else:
            approver = ""
        on_behalf = kind == "sick" and rng.random() < 0.5
        out.append(
            LeaveRequest(
                id=f"L{len(out) + 1:03d}",
                staff_id=person.id,
                start=days[0],
                end=days[-1],
                type=kind,
                status="approved" if approved else "pending",
                requested_at=asked,
                requested_by=leaders.get(person.team, person.id) if on_behalf else person.id,
                approved_by=approver,
                certificate=certificate,
                phoned_team_leader=False,
            )
        )
    return out


def _fit_workload_to_seats(
    staff: Sequence[Staff], leave: Sequence[LeaveRequest], calendar: Calendar, pat: _Pattern
) -> list[Staff]:
    """Minimum shifts that add up to the month's grade seats and ``MINIMUM_SURPLUS`` more,
    shared in proportion to the days each person is not on approved leave (largest
    remainder, in staff order); each maximum a few shifts above, as the pattern allows."""
    seats = sum(calendar.need(day, s.code) for day in calendar.days for s in pat.shifts)
    target = math.ceil(seats * (1 + MINIMUM_SURPLUS))
    away: dict[str, int] = {}
    for lv in leave:
        if lv.status == "approved":
            away[lv.staff_id] = away.get(lv.staff_id, 0) + len(lv.days())
    free = [len(calendar.days) - away.get(s.id, 0) for s in staff]
    exact = [target * f / sum(free) for f in free]
    mins = [math.floor(x) for x in exact]
    order = sorted(range(len(staff)), key=lambda i: (-(exact[i] - mins[i]), i))
    for i in order[: target - sum(mins)]:
        mins[i] += 1
    return [
        replace(s, min_shifts=low, max_shifts=max(pat.max_shifts, low + 2))
        for s, low in zip(staff, mins, strict=True)
    ]


def _requests(
    rng: random.Random,
    staff: Sequence[Staff],
    pat: _Pattern,
    start: dt.date,
    end: dt.date,
    leave: Sequence[LeaveRequest],
) -> list[ShiftRequest]:
    """About one wish per four people: days off, shifts wanted or avoided (R15)."""
    night = next((s.code for s in pat.shifts if s.night), None)
    on_leave = {(lv.staff_id, d) for lv in leave for d in lv.days()}
    num_days = (end - start).days + 1
    wanted = max(4, round(len(staff) / 4))
    seen: set[tuple[str, dt.date]] = set()
    out: list[ShiftRequest] = []
    for _ in range(wanted * 20):
        if len(out) >= wanted:
            break
        person = rng.choice(staff)
        day = start + dt.timedelta(days=rng.randrange(num_days))
        if (person.id, day) in seen or (person.id, day) in on_leave:
            continue
        menu: list[tuple[str, str, int]] = [
            ("want", "OFF", 5),
            ("want", "OFF", 10),
            ("want", "OFF", 5),
            ("want", pat.day_shift, 5),
            ("avoid", "OFF", 3),
        ]
        if night is not None and person.can_work_nights:
            menu += [("avoid", night, 5), ("want", night, 3)]
        kind, shift, weight = rng.choice(menu)
        seen.add((person.id, day))
        out.append(ShiftRequest(person.id, day, shift, kind, weight))
    out.sort(key=lambda r: (r.date, r.staff_id))
    return out


def _history(staff: Sequence[Staff], pat: _Pattern, start: dt.date) -> tuple[Assignment, ...]:
    """Last month's final days: everyone on the pattern's rotation, offsets staggered.

    People of the same grade and roles are spread evenly over the rotation's phases, and
    the first of each group ends on a day shift; so a role held by two people is never
    blocked on day 1 by both having just come off nights (R5, R6 across the boundary).
    """
    night_codes = {s.code for s in pat.shifts if s.night}
    cycle = pat.history_cycle
    groups: dict[tuple[str, frozenset[str]], list[Staff]] = {}
    for person in staff:
        groups.setdefault((person.grade, person.roles), []).append(person)
    phase: dict[str, int] = {}
    for members in groups.values():
        for k, person in enumerate(members):
            phase[person.id] = k * len(cycle) // len(members)
    out: list[Assignment] = []
    for person in staff:
        for back in range(HISTORY_DAYS, 0, -1):
            # The last day before the horizon (back = 1) is at the person's phase.
            code = cycle[(phase[person.id] + 1 - back) % len(cycle)]
            if code is None or (code in night_codes and not person.can_work_nights):
                continue
            out.append(Assignment(person.id, start - dt.timedelta(days=back), code))
    return tuple(out)
