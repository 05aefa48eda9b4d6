"""The Curtois-Qu employee shift scheduling benchmark (``InstanceN.txt``): parser and scorer.

The benchmark is how we compare the engine with published optima, so the scorer here is
deliberately independent of the CP-SAT model: it recomputes the objective and the hard-rule
breaches straight from the format's definition (FORMAT.md sections 3-5), with the
horizon-boundary exemption for minimum run lengths that the published optima rely on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from roster.exceptions import RosterInputError
from roster.model import (
    Assignment,
    CoverRule,
    LeaveRequest,
    Roster,
    RuleParameters,
    Scenario,
    Shift,
    ShiftRequest,
    Staff,
    Weights,
)

SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)


@dataclass(frozen=True)
class CurtoisShift:
    id: str
    length: int
    cannot_follow: tuple[str, ...]


@dataclass(frozen=True)
class CurtoisStaff:
    id: str
    max_shifts: Mapping[str, int]
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_days_off: int
    max_weekends: int


@dataclass(frozen=True)
class CurtoisRequest:
    employee: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class CurtoisCover:
    day: int
    shift: str
    requirement: int
    under_weight: int
    over_weight: int


@dataclass(frozen=True)
class CurtoisInstance:
    horizon: int
    shifts: tuple[CurtoisShift, ...]
    staff: tuple[CurtoisStaff, ...]
    days_off: Mapping[str, frozenset[int]] = field(default_factory=dict)
    on_requests: tuple[CurtoisRequest, ...] = ()
    off_requests: tuple[CurtoisRequest, ...] = ()
    cover: tuple[CurtoisCover, ...] = ()

    def shift(self, shift_id: str) -> CurtoisShift:
        """The shift of that ID (IDs are unique; the parser checks)."""
        return next(s for s in self.shifts if s.id == shift_id)


Line = tuple[int, list[str]]


def _sections(text: str) -> Iterator[tuple[str, int, list[Line]]]:
    """Yield (tag, tag line number, data lines) in file order; comments and blanks dropped."""
    tag: str | None = None
    tag_row = 0
    data: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#"):
            continue
        if not line:
            if tag is not None:
                yield tag, tag_row, data
                tag, data = None, []
            continue
        if tag is not None and line.startswith("SECTION_"):
            yield tag, tag_row, data
            tag, data = None, []
        if tag is None:
            if not line.startswith("SECTION_"):
                raise RosterInputError(
                    f"expected a SECTION_ line, found '{line}'", sheet="file", row=number
                )
            tag, tag_row = line, number
            continue
        data.append((number, line.split(",")))
    if tag is not None:
        yield tag, tag_row, data


def _int(text: str, sheet: str, row: int, column: str, minimum: int = 0) -> int:
    try:
        value = int(text)
    except ValueError:
        raise RosterInputError(
            f"'{text}' is not a whole number", sheet=sheet, row=row, column=column
        ) from None
    if value < minimum:
        raise RosterInputError(f"{value} is below {minimum}", sheet=sheet, row=row, column=column)
    return value


def _fields(line: Line, sheet: str, names: tuple[str, ...]) -> list[str]:
    """The fields of a fixed-width line; a trailing comma (empty last field) is allowed."""
    row, parts = line
    if len(parts) != len(names):
        raise RosterInputError(
            f"expected {len(names)} fields ({', '.join(names)}), found {len(parts)}",
            sheet=sheet,
            row=row,
        )
    return parts


def parse_curtois(text: str) -> CurtoisInstance:
    """Parse the text of an ``InstanceN.txt`` file (CRLF or LF)."""
    found = list(_sections(text))
    by_tag: dict[str, tuple[int, list[Line]]] = {}
    for index, name in enumerate(SECTIONS):
        if index >= len(found) or found[index][0] != name:
            where = found[index][1] if index < len(found) else None
            seen = f"found {found[index][0]}" if index < len(found) else "end of file"
            raise RosterInputError(f"section missing ({seen} instead)", sheet=name, row=where)
        by_tag[name] = (found[index][1], found[index][2])
    if len(found) > len(SECTIONS):
        raise RosterInputError(
            "unexpected section after SECTION_COVER", sheet=found[len(SECTIONS)][0]
        )

    sheet = "SECTION_HORIZON"
    tag_row, lines = by_tag[sheet]
    if len(lines) != 1 or len(lines[0][1]) != 1:
        raise RosterInputError("expected one line holding the day count", sheet=sheet, row=tag_row)
    horizon = _int(lines[0][1][0], sheet, lines[0][0], "Horizon", minimum=1)

    sheet = "SECTION_SHIFTS"
    shifts: list[CurtoisShift] = []
    for line in by_tag[sheet][1]:
        sid, length, follow = _fields(line, sheet, ("ShiftID", "Length", "CannotFollow"))
        if not sid or sid in {s.id for s in shifts}:
            raise RosterInputError(
                f"empty or repeated shift ID '{sid}'", sheet=sheet, row=line[0], column="ShiftID"
            )
        shifts.append(
            CurtoisShift(
                sid,
                _int(length, sheet, line[0], "Length", minimum=1),
                tuple(x for x in follow.split("|") if x),
            )
        )
    shift_ids = {s.id for s in shifts}
    for shift, line in zip(shifts, by_tag[sheet][1], strict=True):
        for other in shift.cannot_follow:
            if other not in shift_ids:
                raise RosterInputError(
                    f"unknown shift '{other}'", sheet=sheet, row=line[0], column="CannotFollow"
                )

    def check_shift(sid: str, sheet: str, row: int, column: str = "ShiftID") -> str:
        if sid not in shift_ids:
            raise RosterInputError(f"unknown shift '{sid}'", sheet=sheet, row=row, column=column)
        return sid

    def check_day(text: str, sheet: str, row: int, column: str = "Day") -> int:
        day = _int(text, sheet, row, column)
        if day >= horizon:
            raise RosterInputError(
                f"day {day} is outside the horizon 0..{horizon - 1}",
                sheet=sheet,
                row=row,
                column=column,
            )
        return day

    sheet = "SECTION_STAFF"
    names = (
        "EmployeeID",
        "MaxShifts",
        "MaxTotalMinutes",
        "MinTotalMinutes",
        "MaxConsecutiveShifts",
        "MinConsecutiveShifts",
        "MinConsecutiveDaysOff",
        "MaxWeekends",
    )
    staff: list[CurtoisStaff] = []
    for line in by_tag[sheet][1]:
        row = line[0]
        parts = _fields(line, sheet, names)
        if not parts[0] or parts[0] in {e.id for e in staff}:
            raise RosterInputError(
                f"empty or repeated employee ID '{parts[0]}'",
                sheet=sheet,
                row=row,
                column="EmployeeID",
            )
        limits: dict[str, int] = {}
        for pair in (p for p in parts[1].split("|") if p):
            sid, eq, limit = pair.partition("=")
            if not eq:
                raise RosterInputError(
                    f"'{pair}' is not ShiftID=limit", sheet=sheet, row=row, column="MaxShifts"
                )
            limits[check_shift(sid, sheet, row, "MaxShifts")] = _int(limit, sheet, row, "MaxShifts")
        numbers = [_int(parts[i], sheet, row, names[i]) for i in range(2, 8)]
        staff.append(CurtoisStaff(parts[0], limits, *numbers))
    staff_ids = {e.id for e in staff}

    def check_employee(eid: str, sheet: str, row: int) -> str:
        if eid not in staff_ids:
            raise RosterInputError(
                f"unknown employee '{eid}'", sheet=sheet, row=row, column="EmployeeID"
            )
        return eid

    sheet = "SECTION_DAYS_OFF"
    days_off: dict[str, frozenset[int]] = {}
    for row, parts in by_tag[sheet][1]:
        eid = check_employee(parts[0], sheet, row)
        days = {check_day(p, sheet, row) for p in parts[1:] if p}
        days_off[eid] = days_off.get(eid, frozenset()) | days

    requests: dict[str, tuple[CurtoisRequest, ...]] = {}
    for sheet in ("SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS"):
        parsed = []
        for line in by_tag[sheet][1]:
            row = line[0]
            eid, day, sid, weight = _fields(line, sheet, ("EmployeeID", "Day", "ShiftID", "Weight"))
            parsed.append(
                CurtoisRequest(
                    check_employee(eid, sheet, row),
                    check_day(day, sheet, row),
                    check_shift(sid, sheet, row),
                    _int(weight, sheet, row, "Weight"),
                )
            )
        requests[sheet] = tuple(parsed)

    sheet = "SECTION_COVER"
    cover: list[CurtoisCover] = []
    covered: set[tuple[int, str]] = set()
    for line in by_tag[sheet][1]:
        row = line[0]
        day, sid, req, under, over = _fields(
            line, sheet, ("Day", "ShiftID", "Requirement", "WeightForUnder", "WeightForOver")
        )
        item = CurtoisCover(
            check_day(day, sheet, row),
            check_shift(sid, sheet, row),
            _int(req, sheet, row, "Requirement"),
            _int(under, sheet, row, "WeightForUnder"),
            _int(over, sheet, row, "WeightForOver"),
        )
        if (item.day, item.shift) in covered:
            raise RosterInputError(
                f"second cover line for day {item.day}, shift {item.shift}", sheet=sheet, row=row
            )
        covered.add((item.day, item.shift))
        cover.append(item)

    return CurtoisInstance(
        horizon=horizon,
        shifts=tuple(shifts),
        staff=tuple(staff),
        days_off=days_off,
        on_requests=requests["SECTION_SHIFT_ON_REQUESTS"],
        off_requests=requests["SECTION_SHIFT_OFF_REQUESTS"],
        cover=tuple(cover),
    )


def read_curtois(path: Path) -> CurtoisInstance:
    """Read an ``InstanceN.txt`` file; errors name the file's section and line."""
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise RosterInputError(f"cannot read {path}: {error}") from None
    return parse_curtois(text)


def _short_inner_runs(flags: list[bool], minimum: int) -> list[tuple[int, int]]:
    """(start, length) of maximal True runs shorter than ``minimum`` not touching either end."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for day, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = day
        elif not flag and start is not None:
            length = day - start
            if start > 0 and day < len(flags) and length < minimum:
                runs.append((start, length))
            start = None
    return runs


def score(
    instance: CurtoisInstance, assignment: Mapping[tuple[str, int], str]
) -> tuple[int, list[str]]:
    """The benchmark objective (FORMAT.md section 4) and the hard rules broken (section 3).

    ``assignment`` maps (employee, day) to a shift ID; a missing key is a day off.
    """
    violations: list[str] = []
    horizon = instance.horizon
    shifts = {s.id: s for s in instance.shifts}
    staff_ids = {e.id for e in instance.staff}
    for (eid, day), sid in sorted(assignment.items()):
        if eid not in staff_ids or sid not in shifts or not 0 <= day < horizon:
            violations.append(f"{eid} day {day}: unknown employee, shift or day ({sid})")
    for person in instance.staff:
        eid = person.id
        row = [assignment.get((eid, day)) for day in range(horizon)]
        row = [s if s in shifts else None for s in row]
        worked = [s is not None for s in row]
        for sid in shifts:
            count = row.count(sid)
            if count > person.max_shifts.get(sid, 0):
                violations.append(
                    f"{eid}: {count} {sid} shifts > max {person.max_shifts.get(sid, 0)}"
                )
        minutes = sum(shifts[s].length for s in row if s is not None)
        if not person.min_minutes <= minutes <= person.max_minutes:
            violations.append(
                f"{eid}: {minutes} minutes outside {person.min_minutes}..{person.max_minutes}"
            )
        run = 0
        for day in range(horizon):
            run = run + 1 if worked[day] else 0
            if run == person.max_consecutive + 1:
                violations.append(
                    f"{eid}: more than {person.max_consecutive} shifts in a row ending day {day}"
                )
        for start, length in _short_inner_runs(worked, person.min_consecutive):
            violations.append(
                f"{eid}: {length} shifts in a row from day {start} < min {person.min_consecutive}"
            )
        off = [not w for w in worked]
        for start, length in _short_inner_runs(off, person.min_days_off):
            violations.append(
                f"{eid}: {length} days off in a row from day {start} < min {person.min_days_off}"
            )
        weekends = sum(1 for k in range(horizon // 7) if worked[7 * k + 5] or worked[7 * k + 6])
        if weekends > person.max_weekends:
            violations.append(f"{eid}: {weekends} weekends worked > max {person.max_weekends}")
        for day in sorted(instance.days_off.get(eid, frozenset())):
            if worked[day]:
                violations.append(f"{eid}: works day {day}, a fixed day off")
        for day in range(horizon - 1):
            first, second = row[day], row[day + 1]
            if first is not None and second is not None and second in shifts[first].cannot_follow:
                violations.append(f"{eid}: {second} on day {day + 1} cannot follow {first}")

    penalty = 0
    for request in instance.on_requests:
        if assignment.get((request.employee, request.day)) != request.shift:
            penalty += request.weight
    for request in instance.off_requests:
        if assignment.get((request.employee, request.day)) == request.shift:
            penalty += request.weight
    counts: dict[tuple[int, str], int] = {}
    for (_eid, day), sid in assignment.items():
        counts[(day, sid)] = counts.get((day, sid), 0) + 1
    for line in instance.cover:
        n = counts.get((line.day, line.shift), 0)
        penalty += line.under_weight * max(0, line.requirement - n)
        penalty += line.over_weight * max(0, n - line.requirement)
    return penalty, violations


CURTOIS_START = dt.date(2024, 1, 1)
"""A Monday: the benchmark's day 0 (its weekends are days 5 and 6 of each week)."""
CURTOIS_SHIFT_START = 8 * 60
CURTOIS_UNDER = 100
CURTOIS_OVER = 1


def curtois_to_scenario(instance: CurtoisInstance, name: str = "curtois") -> Scenario:
    """The instance as a project scenario whose optimum is the benchmark's optimum.

    Everyone is a junior agent and no team leader is needed; every shift starts at 08:00
    so the rest rule forbids nothing and ``CannotFollow`` becomes ``forbidden_successions``;
    runs touching the horizon's edges are exempt as the benchmark assumes. Each cover line
    becomes a junior row with ``min = max = requirement`` and the line's own under and over
    weights, so R1 costs exactly the benchmark's cover terms (and, cover being soft, R9
    does not force anyone onto a shift the benchmark may leave empty). The scenario-level
    weights stay at the benchmark's usual 100 under / 1 over. Surplus (R21) costs nothing:
    the benchmark prices over-cover through the lines' own over weights only.
    """

    def date(day: int) -> dt.date:
        return CURTOIS_START + dt.timedelta(days=day)

    horizon = instance.horizon
    shifts = tuple(
        Shift(
            s.id,
            s.id,
            CURTOIS_SHIFT_START,
            (CURTOIS_SHIFT_START + s.length) % (24 * 60),
            night=False,
        )
        for s in instance.shifts
    )
    staff = tuple(
        Staff(
            e.id,
            e.id,
            "junior",
            "",
            max_per_shift=tuple(e.max_shifts.items()),
            min_minutes=e.min_minutes,
            max_minutes=e.max_minutes,
            max_weekends=e.max_weekends,
            min_consecutive_days=e.min_consecutive,
            min_consecutive_off=e.min_days_off,
            max_consecutive_days=e.max_consecutive,
        )
        for e in instance.staff
    )
    cover = tuple(
        CoverRule(
            date(c.day).isoformat(),
            c.shift,
            "junior",
            c.requirement,
            c.requirement,
            weight_under=c.under_weight,
            weight_over=c.over_weight,
        )
        for c in instance.cover
    )
    leave = tuple(
        LeaveRequest(f"{eid}-off-{day}", eid, date(day), date(day))
        for eid, days in instance.days_off.items()
        for day in sorted(days)
    )
    requests = tuple(
        ShiftRequest(r.employee, date(r.day), r.shift, kind, r.weight)
        for kind, found in (("want", instance.on_requests), ("avoid", instance.off_requests))
        for r in found
    )
    successions = tuple(
        (s.id, later) for s in instance.shifts for later in dict.fromkeys(s.cannot_follow)
    )
    rules = RuleParameters(
        max_consecutive_days=max(horizon, 1),
        max_consecutive_nights=horizon,
        min_off_after_nights=0,
        min_rest_hours=0,
        handover_minutes=0,
        upward_substitution=True,
        exempt_boundary_runs=True,
        require_team_leader=False,
    )
    weights = Weights(
        qa_reach=0,
        meetings=0,
        fairness=0,
        request=0,
        pending_leave=0,
        stability=0,
        cover_over=CURTOIS_OVER,
        cover_under=CURTOIS_UNDER,
        surplus=0,
    )
    return Scenario(
        name=name,
        start=CURTOIS_START,
        end=date(horizon - 1),
        staff=staff,
        shifts=shifts,
        cover=cover,
        country="",
        rules=rules,
        weights=weights,
        leave=leave,
        requests=requests,
        forbidden_successions=successions,
    )


def assignment_of(roster: Roster) -> dict[tuple[str, int], str]:
    """A project roster of a ``curtois_to_scenario`` scenario in ``score``'s terms."""
    return {(a.staff_id, (a.date - CURTOIS_START).days): a.shift for a in roster.assignments}


def roster_of(assignment: dict[tuple[str, int], str]) -> Roster:
    """``score``'s terms as a project roster of the ``curtois_to_scenario`` scenario (the
    inverse of ``assignment_of``), so the project's checker can judge any model's roster."""
    return Roster(
        tuple(
            Assignment(staff_id, CURTOIS_START + dt.timedelta(days=day), shift)
            for (staff_id, day), shift in sorted(assignment.items())
        )
    )
