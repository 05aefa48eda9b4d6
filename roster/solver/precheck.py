"""Capacity pre-check: cheap counting that explains most impossible months in plain words.

Before any search, count who is free for each shift of each day (not on approved leave,
allowed on nights) against what the cover table asks, by grade (cumulatively when higher
grades may substitute) and by role, then per day across shifts (one shift a day each),
then per person (minimum shifts against free days).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from roster.calendar import Calendar, Need
from roster.model import GRADES, Scenario, Shift, Staff, grade_rank

GROUP_NAMES = {
    # How a team lead names a group of people, for reasons in plain words.
    "junior": "juniors",
    "mid": "mid-grade agents",
    "senior": "seniors",
    "team_leader": "team leaders",
    "quality_inspector": "quality inspectors",
    "callback": "callback agents",
    "mid_up": "mid-grade or senior agents",
    "junior_up": "agents of any grade",
}
_SINGULAR = {"mid_up": "mid-grade or senior agent", "junior_up": "agent of any grade"}


def day_label(day: dt.date) -> str:
    """'Sat 14 Feb' — how a team lead names a day."""
    return f"{day:%a} {day.day} {day:%b}"


def _people(n: int, what: str) -> str:
    single = _SINGULAR.get(what, what.replace("_", " "))
    return f"{n} {single}" if n == 1 else f"{n} {GROUP_NAMES.get(what, single + 's')}"


def _rule_of(what: str) -> str:
    if what in GRADES or what.endswith("_up"):
        return "R1 COVER"
    return "R2 SUPERVISOR" if what == "team_leader" else "R3 ROLE COVER"


def _grade_group(grade: str, substitute: bool) -> str:
    """The seats counted together: "mid" alone, or "mid_up" (mids and seniors)."""
    if not substitute or grade == GRADES[-1]:
        return grade
    return f"{grade}_up"


def _why_not_free(scenario: Scenario, pool: list[Staff], day: dt.date, shift: Shift) -> str:
    on_leave = sum(1 for s in pool if scenario.approved_leave(s.id, day))
    no_nights = sum(
        1
        for s in pool
        if shift.night and not scenario.approved_leave(s.id, day) and not _night_ok(s)
    )
    parts = []
    if on_leave:
        parts.append(f"{on_leave} on leave")
    if no_nights:
        parts.append(f"{no_nights} cannot work nights")
    return ": " + ", ".join(parts) if parts else ""


def _night_ok(person: Staff) -> bool:
    return person.can_work_nights and person.max_nights != 0


def _free(scenario: Scenario, person: Staff, day: dt.date, shift: Shift | None) -> bool:
    if scenario.approved_leave(person.id, day):
        return False
    return not (shift is not None and shift.night and not _night_ok(person))


def _soft_role(scenario: Scenario, need: Need) -> bool:
    """Soft seats cost money instead of making the month impossible: counting them here
    would hide the rule that really breaks."""
    return need.weight_under is not None or scenario.weights.role_under is not None


def _soft_grade(scenario: Scenario, needs: Mapping[str, Need], grade: str) -> bool:
    """A grade seat is soft by its row's or the scenario's weight; with upward
    substitution the shift's seats are one pool, soft only when every row of it is."""
    default = scenario.weights.cover_under

    def soft(need: Need | None) -> bool:
        return need is None or need.min == 0 or need.weight_under is not None or default is not None

    if scenario.rules.upward_substitution:
        return all(soft(n) for g, n in needs.items() if g in GRADES)
    return soft(needs.get(grade))


def capacity_problems(scenario: Scenario, calendar: Calendar | None = None) -> list[str]:
    """Reasons, in the centre's words, why no roster can exist; empty when counting passes."""
    calendar = calendar or Calendar(scenario)
    substitute = scenario.rules.upward_substitution
    problems: list[str] = []
    for day in calendar.days:
        label = day_label(day)
        free_today = [s for s in scenario.staff if _free(scenario, s, day, None)]
        day_totals: dict[str, int] = {}
        for shift in scenario.shifts:
            needs = calendar.needs(day, shift.code)
            where = f"{label}, {shift.name or shift.code} ({shift.code})"
            seats = 0
            for grade in reversed(GRADES):
                need = needs.get(grade)
                own = need.min if need else 0
                seats = seats + own if substitute else own
                if seats == 0 or _soft_grade(scenario, needs, grade):
                    continue
                day_totals[grade] = day_totals.get(grade, 0) + seats
                rank = grade_rank(grade)
                pool = [
                    s
                    for s in scenario.staff
                    if (s.rank >= rank if substitute else s.grade == grade)
                ]
                free = [s for s in pool if _free(scenario, s, day, shift)]
                if len(free) < seats:
                    what = _grade_group(grade, substitute)
                    problems.append(
                        f"R1 COVER: {where}: needs {_people(seats, what)}, only {len(free)} "
                        f"{'is' if len(free) == 1 else 'are'} free"
                        + _why_not_free(scenario, pool, day, shift)
                    )
            roles = {
                r: n.min
                for r, n in needs.items()
                if r not in GRADES and n.min > 0 and not _soft_role(scenario, n)
            }
            if scenario.weights.role_under is not None:
                pass  # R2 is soft too
            elif scenario.rules.require_team_leader and calendar.operating(day, shift.code):
                roles["team_leader"] = max(1, roles.get("team_leader", 0))
            for role, count in roles.items():
                day_totals[role] = day_totals.get(role, 0) + count
                pool = [s for s in scenario.staff if s.has_role(role)]
                free = [s for s in pool if _free(scenario, s, day, shift)]
                if len(free) < count:
                    rule = "R2 SUPERVISOR" if role == "team_leader" else "R3 ROLE COVER"
                    problems.append(
                        f"{rule}: {where}: needs {_people(count, role)}, only {len(free)} "
                        f"{'is' if len(free) == 1 else 'are'} free"
                        + _why_not_free(scenario, pool, day, shift)
                    )
        # One shift a day each: the shifts of a day together need distinct people.
        for what, total in day_totals.items():
            if what in GRADES:
                rank = grade_rank(what)
                free_n = sum(
                    1 for s in free_today if (s.rank >= rank if substitute else s.grade == what)
                )
                what = _grade_group(what, substitute)
            else:
                free_n = sum(1 for s in free_today if s.has_role(what))
            if free_n < total and len(scenario.shifts) > 1:
                rule = _rule_of(what)
                problems.append(
                    f"{rule} + R4 ONE SHIFT: {label}: the shifts together need "
                    f"{_people(total, what)}, "
                    f"only {free_n} {'is' if free_n == 1 else 'are'} free that day "
                    "(nobody works two shifts a day)"
                )
    problems.extend(_month_totals(scenario, calendar))
    for person in scenario.staff:
        if not person.min_shifts:
            continue
        free_days = sum(1 for day in calendar.days if _free(scenario, person, day, None))
        if free_days < person.min_shifts:
            problems.append(
                f"R7 WORKLOAD + R8 LEAVE: {person.name or person.id} ({person.id}) must work "
                "at least "
                f"{person.min_shifts} shifts but has only {free_days} days without leave"
            )
    return problems


def _month_totals(scenario: Scenario, calendar: Calendar) -> list[str]:
    """Shifts the month needs of each group against the most its people may work."""
    substitute = scenario.rules.upward_substitution
    free_days = {
        s.id: sum(1 for day in calendar.days if _free(scenario, s, day, None))
        for s in scenario.staff
    }

    def most(person: Staff, nights_only: bool) -> int:
        cap = free_days[person.id]
        if person.max_shifts is not None:
            cap = min(cap, person.max_shifts)
        if nights_only:
            cap = 0 if not _night_ok(person) else cap
            if person.max_nights is not None:
                cap = min(cap, person.max_nights)
        return cap

    needed: dict[tuple[str, bool], int] = {}
    for day in calendar.days:
        for shift in scenario.shifts:
            needs = calendar.needs(day, shift.code)
            seats = 0
            groups: dict[str, int] = {}
            for grade in reversed(GRADES):
                own = needs[grade].min if grade in needs else 0
                seats = seats + own if substitute else own
                if not _soft_grade(scenario, needs, grade):
                    groups[grade] = seats
            soft_roles = scenario.weights.role_under is not None
            for role, need in needs.items():
                if role not in GRADES and not _soft_role(scenario, need):
                    groups[role] = need.min
            leader = scenario.rules.require_team_leader and not soft_roles
            if leader and calendar.operating(day, shift.code):
                groups["team_leader"] = max(1, groups.get("team_leader", 0))
            for what, count in groups.items():
                for nights_only in (False, True) if shift.night else (False,):
                    key = (what, nights_only)
                    needed[key] = needed.get(key, 0) + count
    problems = []
    for (what, nights_only), total in needed.items():
        if what in GRADES:
            rank = grade_rank(what)
            pool = [
                s for s in scenario.staff if (s.rank >= rank if substitute else s.grade == what)
            ]
            label = _grade_group(what, substitute)
        else:
            pool = [s for s in scenario.staff if s.has_role(what)]
            label = what
        capacity = sum(most(s, nights_only) for s in pool)
        if capacity < total:
            kind = "night shifts" if nights_only else "shifts"
            problems.append(
                f"{_rule_of(what)} + R7 WORKLOAD: the month needs {total} {kind} of "
                f"{GROUP_NAMES.get(label, label)}, but the "
                f"{len(pool)} of them can work at most {capacity} (leave, max shifts"
                + (", max nights" if nights_only else "")
                + ")"
            )
    return problems
