"""Hard-rule verdicts on a roster (R1-R10, R12, R18-R20), written from ``docs/rules.md``.

This module is the project's test oracle: it judges the solver's rosters, so it shares no
code with the CP-SAT model (no ortools, no ``roster.constraints``, no ``roster.solver``).
Every check works on plain dictionaries indexed by person and day, so a 1,000-person month
is checked in well under a second.

Reporting choices where the rules page leaves room:

* ``R0`` (INPUT) flags roster entries that name an unknown person or shift, or a date
  outside the horizon; such entries are then ignored by every other check.
* History boundary: a breach of R5 or R6 that involves a day before the horizon (the rest
  after a ``history`` shift, a run of worked days or nights that began in history, the days
  off a history night block demands) is reported as ``R10`` HISTORY, with the message naming
  the horizon start. Breaches wholly inside the horizon are ``R5``/``R6``.
* R1 and R3 follow the shared coverage table (``coverage_rows``): a requirement row with
  ``short > 0`` is a breach, unless an under weight applies to it (``under_weight``: the
  row's own ``weight_under``, else ``weight_cover_under`` for grades and
  ``weight_role_under`` for roles). The team leader (R2) is soft under
  ``weight_role_under``. R9 is not reported for a shift with a soft grade seat
  (``successor_needed``).
* R12 uses roster entries only (history does not staff the callback seat inside the
  horizon) and the shifts' own times, without handover.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise

from roster.calendar import Calendar
from roster.checks.coverage import (
    CoverageRow,
    coverage_rows,
    slot_rows,
    successor_needed,
    under_weight,
)
from roster.model import (
    GRADES,
    MINUTES_PER_DAY,
    WEEKDAY_NAMES,
    Assignment,
    LeaveRequest,
    Roster,
    Scenario,
    Shift,
    Staff,
    Violation,
)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# --------------------------------------------------------------------------------------
# Words a team lead reads
# --------------------------------------------------------------------------------------


def day_label(day: dt.date) -> str:
    """``Sat 14 Mar``: how a roster on the wall names a day (locale independent)."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def shift_label(shift: Shift) -> str:
    """``night shift`` for a shift named Night, ``日班 (D)`` for a non-English name."""
    name = shift.name.strip() or shift.code
    if not name.isascii():
        return f"{name} ({shift.code})"
    if "shift" in name.lower():
        return name if name == shift.code else name.lower()
    return f"{name if name == shift.code else name.lower()} shift"


def duration_label(minutes: int) -> str:
    """``7 h 50 min`` / ``11 h``; negative durations read as ``0 h`` (nothing left)."""
    minutes = max(0, minutes)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def moment_label(scenario: Scenario, minute: int) -> str:
    """Absolute minute from the horizon start as ``2026-03-14 08:00``; the horizon end is
    ``<last day> 24:00`` rather than the first day after it."""
    if minute > 0 and minute % MINUTES_PER_DAY == 0:
        day = scenario.start + dt.timedelta(days=minute // MINUTES_PER_DAY - 1)
        return f"{day.isoformat()} 24:00"
    day = scenario.start + dt.timedelta(days=minute // MINUTES_PER_DAY)
    hours, mins = divmod(minute % MINUTES_PER_DAY, 60)
    return f"{day.isoformat()} {hours:02d}:{mins:02d}"


# --------------------------------------------------------------------------------------
# The roster as dictionaries
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreparedRoster:
    """A roster checked for bad entries and indexed for O(1) look-ups.

    ``worked`` maps person -> day index -> shift codes of that day, in roster order and
    with exact duplicates kept (R4 needs them); ``history`` is the same for days before the
    horizon (negative indices). ``roster`` holds the valid entries once each, for the
    coverage table and the soft rules.
    """

    scenario: Scenario
    people: dict[str, Staff]
    shifts: dict[str, Shift]
    worked: dict[str, dict[int, list[str]]]
    history: dict[str, dict[int, list[str]]]
    roster: Roster
    input_errors: tuple[Violation, ...]

    def codes_on(self, staff_id: str, day_index: int) -> list[str]:
        """Distinct shift codes a person works on a horizon day (empty when off)."""
        return list(dict.fromkeys(self.worked.get(staff_id, {}).get(day_index, [])))


def prepare(scenario: Scenario, roster: Roster) -> PreparedRoster:
    """Index a roster, setting aside (and reporting as R0) entries that cannot be judged."""
    people = {s.id: s for s in scenario.staff}
    shifts = {s.code: s for s in scenario.shifts}
    index = {day: i for i, day in enumerate(scenario.days)}
    worked: dict[str, dict[int, list[str]]] = {}
    seen: set[tuple[str, dt.date, str]] = set()
    valid: list[Assignment] = []
    errors: list[Violation] = []
    for a in roster.assignments:
        problem = None
        if a.staff_id not in people:
            problem = f"roster entry names unknown staff {a.staff_id!r}"
        elif a.shift not in shifts:
            problem = f"roster entry names unknown shift {a.shift!r}"
        elif a.date not in index:
            problem = (
                f"roster entry on {a.date.isoformat()} is outside the horizon "
                f"{scenario.start.isoformat()} to {scenario.end.isoformat()}"
            )
        if problem is not None:
            errors.append(Violation("R0", problem, a.staff_id or None, a.date, a.shift or None))
            continue
        worked.setdefault(a.staff_id, {}).setdefault(index[a.date], []).append(a.shift)
        key = (a.staff_id, a.date, a.shift)
        if key not in seen:
            seen.add(key)
            valid.append(a)
    history: dict[str, dict[int, list[str]]] = {}
    for a in scenario.history:
        day_index = (a.date - scenario.start).days
        codes = history.setdefault(a.staff_id, {}).setdefault(day_index, [])
        if a.shift not in codes:
            codes.append(a.shift)
    return PreparedRoster(
        scenario, people, shifts, worked, history, Roster(tuple(valid)), tuple(errors)
    )


# --------------------------------------------------------------------------------------
# The verdict
# --------------------------------------------------------------------------------------


def _rule_number(rule: str) -> int:
    return int(rule[1:]) if rule[1:].isdigit() else 99


def _sort_key(v: Violation) -> tuple[int, dt.date, str, str, str]:
    return (_rule_number(v.rule), v.date or dt.date.min, v.staff_id or "", v.shift or "", v.message)


def check_roster(scenario: Scenario, roster: Roster) -> list[Violation]:
    """Every broken hard rule of a roster, sorted by rule, day and person; empty when legal."""
    prep = prepare(scenario, roster)
    calendar = Calendar(scenario)
    found: list[Violation] = list(prep.input_errors)
    found += _cover(prep, calendar)
    found += _supervisor_and_successor(prep, calendar)
    found += _one_shift(prep)
    found += _rest(prep)
    found += _consecutive(prep)
    found += _workload(prep)
    found += _weekends(prep)
    found += _min_runs(prep)
    found += _complete_weekends(prep)
    found += _leave(prep)
    found += _callback_gap(prep)
    return sorted(found, key=_sort_key)


def _cover(prep: PreparedRoster, calendar: Calendar) -> list[Violation]:
    """R1 (grade seats) and R3 (role seats), each hard unless an under weight applies."""
    out = []
    for row in coverage_rows(calendar, prep.roster):
        found = _cover_violation(calendar, prep.shifts[row.shift], row)
        if found is not None:
            out.append(found)
    return out


def _cover_violation(calendar: Calendar, shift: Shift, row: CoverageRow) -> Violation | None:
    """The R1 or R3 breach of one coverage row, if any (none when the row is soft)."""
    if row.short <= 0:
        return None
    if under_weight(calendar, row.date, row.shift, row.requirement) is not None:
        return None
    scenario = calendar.scenario
    where = f"{day_label(row.date)}, {shift_label(shift)}"
    if row.requirement in GRADES:
        message = f"{where}: {row.assigned} {row.requirement} on duty, needs {row.required}"
        filled = row.required - row.assigned - row.short
        if scenario.rules.upward_substitution and filled > 0:
            message += f" ({filled} seat(s) taken by a higher grade, {row.short} empty)"
        return Violation("R1", message, None, row.date, row.shift)
    role = row.requirement.replace("_", " ")
    message = f"{where}: {row.assigned} {role} on duty, needs {row.required}"
    return Violation("R3", message, None, row.date, row.shift)


def _supervisor_and_successor(prep: PreparedRoster, calendar: Calendar) -> list[Violation]:
    """R2 (a team leader on every operating shift) and R9 (nobody leaves an operating shift
    without a successor: someone is on it)."""
    on_duty: dict[tuple[int, str], list[Staff]] = {}
    for a in prep.roster.assignments:
        day_index = (a.date - prep.scenario.start).days
        on_duty.setdefault((day_index, a.shift), []).append(prep.people[a.staff_id])
    out = []
    for i, day in enumerate(calendar.days):
        for shift in prep.scenario.shifts:
            out += _duty_violations(calendar, day, shift, on_duty.get((i, shift.code), []))
    return out


def _duty_violations(
    calendar: Calendar, day: dt.date, shift: Shift, staff: Sequence[Staff]
) -> list[Violation]:
    """R9 and R2 of one shift of one day with these people on it."""
    if not calendar.operating(day, shift.code):
        return []
    where = f"{day_label(day)}, {shift_label(shift)}"
    out = []
    if not staff and successor_needed(calendar, day, shift.code):
        out.append(Violation("R9", f"{where}: nobody on duty to take over", None, day, shift.code))
    soft = calendar.scenario.weights.role_under is not None
    wanted = calendar.scenario.rules.require_team_leader
    if wanted and not soft and not any(p.has_role("team_leader") for p in staff):
        out.append(Violation("R2", f"{where}: no team leader on duty", None, day, shift.code))
    return out


# --------------------------------------------------------------------------------------
# Parts of the verdict, for changes that touch a few people and shifts (swaps)
# --------------------------------------------------------------------------------------


def slot_violations(
    calendar: Calendar, day: dt.date, shift: Shift, staff: Sequence[Staff]
) -> list[Violation]:
    """R1-R3 and R9 of one shift of one day with these people on it.

    A change to a few people's rows can only break the cover of the shifts it touches, so
    a swap re-judges those with the very code ``check_roster`` uses for all of them.
    """
    out = []
    for row in slot_rows(calendar, day, shift.code, staff):
        found = _cover_violation(calendar, shift, row)
        if found is not None:
            out.append(found)
    return out + _duty_violations(calendar, day, shift, staff)


def person_violations(prep: PreparedRoster, staff_ids: Collection[str]) -> list[Violation]:
    """R4-R8, R10 and R18-R20 of some people only: every rule a change to their rows alone can break
    (the cover of the shifts touched is ``slot_violations``, the callback seat R12)."""
    only = set(staff_ids)
    return [
        *_one_shift(prep, only),
        *rest_violations(prep, only),
        *_consecutive(prep, only),
        *_workload(prep, only),
        *_weekends(prep, only),
        *_min_runs(prep, only),
        *_complete_weekends(prep, only),
        *_leave(prep, only),
    ]


def rest_violations(
    prep: PreparedRoster, staff_ids: Collection[str] | None = None
) -> list[Violation]:
    """R5, and R10 for rest after a ``history`` shift, of some people (``None``: all)."""
    return _rest(prep, staff_ids)


def callback_violations(prep: PreparedRoster) -> list[Violation]:
    """R12 of the whole horizon (the seat is the union of every callback person's shifts)."""
    return _callback_gap(prep)


def _one_shift(prep: PreparedRoster, only: Collection[str] | None = None) -> list[Violation]:
    """R4: a person with two or more entries on one day (an exact duplicate counts)."""
    out = []
    for staff_id, days in prep.worked.items():
        if only is not None and staff_id not in only:
            continue
        for day_index, codes in days.items():
            if len(codes) > 1:
                day = prep.scenario.start + dt.timedelta(days=day_index)
                message = f"{len(codes)} shifts on {day.isoformat()} ({', '.join(codes)})"
                out.append(Violation("R4", message, staff_id, day, codes[1]))
    return out


def _rest(prep: PreparedRoster, only: Collection[str] | None = None) -> list[Violation]:
    """R5 (and R10 across the horizon start): rest between consecutive shifts of a person.

    rest = (next start - handover) - previous end, from absolute shift intervals; a pair
    of ``forbidden_successions`` on consecutive days breaks R5 whatever the rest.
    """
    scenario = prep.scenario
    need = scenario.rules.min_rest_minutes
    handover = scenario.rules.handover_minutes
    banned = set(scenario.forbidden_successions)
    out = []
    for staff_id in prep.people if only is None else only:
        horizon = prep.worked.get(staff_id)
        if not horizon:
            continue
        shifts: list[tuple[int, int, int, Shift]] = []
        for days in (prep.history.get(staff_id, {}), horizon):
            for day_index, codes in days.items():
                for code in dict.fromkeys(codes):
                    shift = prep.shifts[code]
                    begin, end = shift.interval(day_index)
                    shifts.append((begin, end, day_index, shift))
        shifts.sort(key=lambda item: (item[0], item[1]))
        for earlier, later in pairwise(shifts):
            _, prev_end, prev_day, prev = earlier
            next_begin, _, next_day, nxt = later
            if next_day < 0:
                continue
            rest = (next_begin - handover) - prev_end
            listed = next_day == prev_day + 1 and (prev.code, nxt.code) in banned
            if rest >= need and not listed:
                continue
            prev_date = scenario.start + dt.timedelta(days=prev_day)
            next_date = scenario.start + dt.timedelta(days=next_day)
            why = (
                f"rest {duration_label(rest)} < {duration_label(need)}"
                if rest < need
                else "a forbidden succession (forbidden_successions)"
            )
            message = (
                f"{shift_label(prev)} on {prev_date.isoformat()} then {shift_label(nxt)} on "
                f"{next_date.isoformat()}: {why}"
            )
            rule = "R5"
            if prev_day < 0:
                rule = "R10"
                message += f" (across the horizon start {scenario.start.isoformat()}, history)"
            out.append(Violation(rule, message, staff_id, next_date, nxt.code))
    return out


def _runs(days: list[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive day indices as (first, last), from sorted indices."""
    runs: list[tuple[int, int]] = []
    for d in days:
        if runs and runs[-1][1] == d - 1:
            runs[-1] = (runs[-1][0], d)
        else:
            runs.append((d, d))
    return runs


def _consecutive(prep: PreparedRoster, only: Collection[str] | None = None) -> list[Violation]:
    """R6 (and R10 across the horizon start): worked-day runs, night runs, rest after nights."""
    scenario = prep.scenario
    rules = scenario.rules
    start = scenario.start
    boundary = f" (across the horizon start {start.isoformat()}, history)"
    out = []

    def date_of(day_index: int) -> dt.date:
        return start + dt.timedelta(days=day_index)

    for staff_id in prep.people if only is None else only:
        horizon = prep.worked.get(staff_id, {})
        past = prep.history.get(staff_id, {})
        if not horizon:
            continue
        max_days = prep.people[staff_id].consecutive_limit(rules.max_consecutive_days)
        all_days = {**past, **horizon}
        worked = sorted(d for d, codes in all_days.items() if codes)
        nights = sorted(
            d for d, codes in all_days.items() if any(prep.shifts[c].night for c in codes)
        )
        for what, days, limit in (
            ("worked days", worked, max_days),
            ("night shifts", nights, rules.max_consecutive_nights),
        ):
            for first, last in _runs(days):
                length = last - first + 1
                if last < 0 or length <= limit:
                    continue
                message = (
                    f"{length} {what} in a row from {date_of(first).isoformat()} (max {limit})"
                )
                if first < 0:
                    message += boundary
                    out.append(Violation("R10", message, staff_id, start))
                else:
                    out.append(Violation("R6", message, staff_id, date_of(first)))
        night_set = set(nights)
        for d in nights:
            if d + 1 in night_set:
                continue
            for k in range(1, rules.min_off_after_nights + 1):
                off_day = d + k
                if off_day < 0 or off_day not in horizon:
                    continue
                message = (
                    f"works {date_of(off_day).isoformat()}, {k} day(s) after a night block "
                    f"ending with the night shift of {date_of(d).isoformat()} "
                    f"(needs {rules.min_off_after_nights} day(s) off)"
                )
                rule = "R6"
                if d < 0:
                    rule = "R10"
                    message += boundary
                code = horizon[off_day][0]
                out.append(Violation(rule, message, staff_id, date_of(off_day), code))
    return out


def _workload(prep: PreparedRoster, only: Collection[str] | None = None) -> list[Violation]:
    """R7: shift and night counts per horizon (history does not count), nights allowed."""
    out = []
    for person in prep.scenario.staff if only is None else [prep.people[i] for i in only]:
        days = prep.worked.get(person.id, {})
        total = 0
        night_entries: list[tuple[int, str]] = []
        for day_index, codes in days.items():
            for code in dict.fromkeys(codes):
                total += 1
                if prep.shifts[code].night:
                    night_entries.append((day_index, code))
        if person.min_shifts is not None and total < person.min_shifts:
            message = (
                f"{total} shift(s) in the horizon, needs at least {person.min_shifts} (min_shifts)"
            )
            out.append(Violation("R7", message, person.id))
        if person.max_shifts is not None and total > person.max_shifts:
            message = (
                f"{total} shifts in the horizon, at most {person.max_shifts} allowed (max_shifts)"
            )
            out.append(Violation("R7", message, person.id))
        if not person.can_work_nights:
            for day_index, code in sorted(night_entries):
                day = prep.scenario.start + dt.timedelta(days=day_index)
                message = (
                    f"{shift_label(prep.shifts[code])} on {day.isoformat()}, "
                    "but this person cannot work nights (can_work_nights = no)"
                )
                out.append(Violation("R7", message, person.id, day, code))
        elif person.max_nights is not None and len(night_entries) > person.max_nights:
            message = (
                f"{len(night_entries)} night shifts in the horizon, at most "
                f"{person.max_nights} allowed (max_nights)"
            )
            out.append(Violation("R7", message, person.id))
        out += _type_and_minute_limits(prep, person, days)
    return out


def _type_and_minute_limits(
    prep: PreparedRoster, person: Staff, days: dict[int, list[str]]
) -> list[Violation]:
    """R7 ``max_per_shift`` (each capped shift type) and ``min_minutes``/``max_minutes``
    (shift lengths without handover, the Curtois benchmark's count) over the horizon."""
    out = []
    counts: dict[str, int] = {}
    for codes in days.values():
        for code in dict.fromkeys(codes):
            counts[code] = counts.get(code, 0) + 1
    minutes = sum(prep.shifts[code].duration * n for code, n in counts.items())
    if person.min_minutes is not None and minutes < person.min_minutes:
        message = (
            f"{duration_label(minutes)} of shifts in the horizon, needs at least "
            f"{duration_label(person.min_minutes)} (min_minutes {person.min_minutes})"
        )
        out.append(Violation("R7", message, person.id))
    if person.max_minutes is not None and minutes > person.max_minutes:
        message = (
            f"{duration_label(minutes)} of shifts in the horizon, at most "
            f"{duration_label(person.max_minutes)} allowed (max_minutes {person.max_minutes})"
        )
        out.append(Violation("R7", message, person.id))
    for code, cap in person.max_per_shift:
        worked = counts.get(code, 0)
        if worked > cap:
            label = shift_label(prep.shifts[code])
            message = (
                f"{worked} x {label} ({code}) in the horizon, at most {cap} allowed (max_per_shift)"
            )
            out.append(Violation("R7", message, person.id, None, code))
    return out


def _weekends(prep: PreparedRoster, only: Collection[str] | None = None) -> list[Violation]:
    """R18: weekends (Sat and Sun of one calendar week) with a shift starting on either day,
    counted inside the horizon only (history does not count, as for R7)."""
    out = []
    for person in prep.scenario.staff if only is None else [prep.people[i] for i in only]:
        if person.max_weekends is None:
            continue
        worked: dict[tuple[int, int], dt.date] = {}
        for day_index, codes in sorted(prep.worked.get(person.id, {}).items()):
            day = prep.scenario.start + dt.timedelta(days=day_index)
            if codes and day.weekday() >= 5:
                iso = day.isocalendar()
                worked.setdefault((iso.year, iso.week), day)
        if len(worked) > person.max_weekends:
            firsts = ", ".join(day_label(d) for d in worked.values())
            message = (
                f"works {len(worked)} weekends in the horizon ({firsts}), at most "
                f"{person.max_weekends} allowed (max_weekends)"
            )
            out.append(Violation("R18", message, person.id))
    return out


def _min_runs(prep: PreparedRoster, only: Collection[str] | None = None) -> list[Violation]:
    """R19: maximal runs of worked days and of days off shorter than the person's minimum.

    A run ending on the horizon's last day is exempt (it continues next month). A run
    starting on day 0 is exempt with ``exempt_boundary_runs``; otherwise it is counted
    together with the same kind of days just before the horizon in ``history`` (days
    before the history sheet's first entry are days off).
    """
    scenario = prep.scenario
    num_days = scenario.num_days
    out = []
    for person in scenario.staff if only is None else [prep.people[i] for i in only]:
        limits = (
            ("worked days", True, person.min_consecutive_days, "min_consecutive_days"),
            ("days off", False, person.min_consecutive_off, "min_consecutive_off"),
        )
        if all(minimum is None or minimum <= 1 for _, _, minimum, _ in limits):
            continue
        horizon = prep.worked.get(person.id, {})
        past = {d for d, codes in prep.history.get(person.id, {}).items() if codes}
        worked = [bool(horizon.get(d)) for d in range(num_days)]
        for what, working, minimum, key in limits:
            if minimum is None or minimum <= 1:
                continue
            first = 0
            while first < num_days:
                last = first
                while last + 1 < num_days and worked[last + 1] == worked[first]:
                    last += 1
                if worked[first] == working and last < num_days - 1:
                    length = last - first + 1
                    note = ""
                    if first == 0:
                        before = _streak_before(past, working)
                        length = (
                            minimum
                            if scenario.rules.exempt_boundary_runs or before is None
                            else length + before
                        )
                        note = " (with the days before the horizon in history)"
                    if length < minimum:
                        begin = scenario.start + dt.timedelta(days=first)
                        end = scenario.start + dt.timedelta(days=last)
                        message = (
                            f"{length} {what} in a row, {begin.isoformat()} to "
                            f"{end.isoformat()}{note}; at least {minimum} ({key})"
                        )
                        out.append(Violation("R19", message, person.id, begin))
                first = last + 1
    return out


def _complete_weekends(
    prep: PreparedRoster, only: Collection[str] | None = None
) -> list[Violation]:
    """R20: with ``complete_weekends``, a Saturday and the Sunday after it are both worked
    (a shift starting on the day) or both off; a weekend with one day outside the horizon
    is exempt, whatever history says."""
    scenario = prep.scenario
    out = []
    for person in scenario.staff if only is None else [prep.people[i] for i in only]:
        if not person.complete_weekends:
            continue
        horizon = prep.worked.get(person.id, {})
        for d in range(scenario.num_days - 1):  # d + 1, the Sunday, inside the horizon
            saturday = scenario.start + dt.timedelta(days=d)
            works_saturday, works_sunday = bool(horizon.get(d)), bool(horizon.get(d + 1))
            if saturday.weekday() != 5 or works_saturday == works_sunday:
                continue
            sunday = saturday + dt.timedelta(days=1)
            on, off = (saturday, sunday) if works_saturday else (sunday, saturday)
            message = (
                f"works {day_label(on)} but not {day_label(off)}; both days of a weekend "
                "or neither (complete_weekends)"
            )
            out.append(Violation("R20", message, person.id, saturday))
    return out


def _streak_before(past: set[int], working: bool) -> int | None:
    """Days of one kind in a row just before the horizon; ``None`` for days off when
    history holds no worked day (they reach back without end)."""
    if working:
        n = 0
        while -1 - n in past:
            n += 1
        return n
    if not past:
        return None
    return -max(past) - 1


def _leave(prep: PreparedRoster, only: Collection[str] | None = None) -> list[Violation]:
    """R8: no work on a day of approved leave."""
    scenario = prep.scenario
    on_leave: dict[tuple[str, int], LeaveRequest] = {}
    for request in scenario.leave:
        if request.status != "approved" or (only is not None and request.staff_id not in only):
            continue
        first = max(0, (request.start - scenario.start).days)
        last = min(scenario.num_days - 1, (request.end - scenario.start).days)
        for day_index in range(first, last + 1):
            on_leave.setdefault((request.staff_id, day_index), request)
    out = []
    for staff_id, days in prep.worked.items():
        if only is not None and staff_id not in only:
            continue
        for day_index, codes in days.items():
            lv = on_leave.get((staff_id, day_index))
            if lv is None:
                continue
            day = scenario.start + dt.timedelta(days=day_index)
            ref = f"{lv.id}: " if lv.id else ""
            message = (
                f"works {shift_label(prep.shifts[codes[0]])} on {day.isoformat()} during "
                f"approved {lv.type.replace('_', ' ')} leave ({ref}{lv.start.isoformat()} to "
                f"{lv.end.isoformat()})"
            )
            out.append(Violation("R8", message, staff_id, day, codes[0]))
    return out


def _callback_gap(prep: PreparedRoster) -> list[Violation]:
    """R12: the callback seat (union of callback staff's shifts) is never empty for longer
    than ``callback_max_gap_hours``, from the horizon's first minute to its last."""
    scenario = prep.scenario
    callers = [p.id for p in scenario.staff if p.has_role("callback")]
    if not callers:
        return []
    horizon_end = scenario.num_days * MINUTES_PER_DAY
    limit = scenario.rules.callback_max_gap_hours * 60
    intervals = []
    for staff_id in callers:
        for day_index, codes in prep.worked.get(staff_id, {}).items():
            for code in dict.fromkeys(codes):
                begin, end = prep.shifts[code].interval(day_index)
                intervals.append((max(0, begin), min(horizon_end, end)))
    intervals.sort()
    gaps = []
    covered_to = 0
    for begin, end in intervals:
        if begin - covered_to > limit:
            gaps.append((covered_to, begin))
        covered_to = max(covered_to, end)
    if horizon_end - covered_to > limit:
        gaps.append((covered_to, horizon_end))
    out = []
    for begin, end in gaps:
        message = (
            f"callback seat unstaffed from {moment_label(scenario, begin)} to "
            f"{moment_label(scenario, end)} ({duration_label(end - begin)} > "
            f"{scenario.rules.callback_max_gap_hours} h)"
        )
        day = scenario.start + dt.timedelta(days=begin // MINUTES_PER_DAY)
        out.append(Violation("R12", message, None, day))
    return out
