"""The soft-rule cost of a roster (R1 over/under, R2/R3 when soft, R11, R13-R17, R21), term by
term.

Written from ``docs/rules.md`` independently of the CP-SAT model, so that the solver's
objective can be recomputed and compared to the unit. Every non-zero term becomes one
``PenaltyItem``; a zero weight builds nothing. Roster entries the checker reports as R0
(unknown person or shift, date outside the horizon) are ignored, and an exact duplicate
entry counts once.
"""

from __future__ import annotations

import datetime as dt

from roster.calendar import Calendar
from roster.checks.coverage import under_weight
from roster.checks.rules import PreparedRoster, day_label, prepare, shift_label
from roster.model import (
    FAIRNESS_KINDS,
    GRADES,
    MINUTES_PER_DAY,
    OFF,
    PenaltyItem,
    Roster,
    Scenario,
    Shift,
    Staff,
)


def objective_of(scenario: Scenario, roster: Roster) -> tuple[int, list[PenaltyItem]]:
    """Total soft cost (sum of weight x amount) and the items behind it."""
    prep = prepare(scenario, roster)
    calendar = Calendar(scenario)
    items: list[PenaltyItem] = []
    items += _cover(prep, calendar)
    items += _qa_reach(prep)
    items += _meetings(prep, calendar)
    items += _fairness(prep, calendar)
    items += _requests(prep)
    items += _pending_leave(prep)
    items += _stability(prep)
    items += _surplus(prep, calendar)
    items = [item for item in items if item.amount > 0 and item.weight > 0]
    return sum(item.cost for item in items), items


def _date(prep: PreparedRoster, day_index: int) -> dt.date:
    return prep.scenario.start + dt.timedelta(days=day_index)


def _on_duty(prep: PreparedRoster) -> dict[tuple[int, str], list[str]]:
    """(day index, shift) -> staff ids on it."""
    table: dict[tuple[int, str], list[str]] = {}
    for staff_id, days in prep.worked.items():
        for day_index, codes in days.items():
            for code in dict.fromkeys(codes):
                table.setdefault((day_index, code), []).append(staff_id)
    return table


def _cover(prep: PreparedRoster, calendar: Calendar) -> list[PenaltyItem]:
    """R1 soft parts: staff of a grade above its row's ``max`` (at the row's ``weight_over``,
    else ``weight_cover_over``), and the seats left empty wherever an under weight applies
    (``under_weight``); then the soft R3 role seats and R2 team leader."""
    weights = prep.scenario.weights
    substitute = prep.scenario.rules.upward_substitution
    duty = _on_duty(prep)
    out = []
    for i, day in enumerate(calendar.days):
        for shift in prep.scenario.shifts:
            needs = calendar.needs(day, shift.code)
            if not needs:
                continue
            staff = [prep.people[s] for s in duty.get((i, shift.code), [])]
            by_grade = {g: 0 for g in GRADES}
            for person in staff:
                by_grade[person.grade] += 1
            where = f"{day_label(day)}, {shift_label(shift)}"
            for grade in GRADES:
                need = needs.get(grade)
                if need is None or need.max is None:
                    continue
                weight = weights.cover_over if need.weight_over is None else need.weight_over
                over = by_grade[grade] - need.max
                if over > 0 and weight:
                    out.append(
                        PenaltyItem(
                            "R1",
                            weight,
                            over,
                            f"{where}: {by_grade[grade]} {grade} on duty, max {need.max}",
                            None,
                            day,
                            shift.code,
                        )
                    )
            if substitute:
                # Every grade seat of the shift costs the same (the highest row weight).
                seat = under_weight(calendar, day, shift.code, GRADES[0])
                short = 0
                staff_at_or_above = 0
                for grade, seats in calendar.cumulative_grade_needs(day, shift.code):
                    staff_at_or_above += by_grade[grade]
                    short = max(short, seats - staff_at_or_above)
                if short > 0 and seat:
                    message = f"{where}: {short} seat(s) of the cover table empty"
                    out.append(PenaltyItem("R1", seat, short, message, None, day, shift.code))
            else:
                for grade in GRADES:
                    seat = under_weight(calendar, day, shift.code, grade)
                    short = calendar.grade_need(day, shift.code, grade) - by_grade[grade]
                    if short > 0 and seat:
                        message = f"{where}: {short} {grade} seat(s) of the cover table empty"
                        out.append(PenaltyItem("R1", seat, short, message, None, day, shift.code))
            out += _role_shortfall(calendar, day, shift, staff)
    return out


def _role_shortfall(
    calendar: Calendar, day: dt.date, shift: Shift, staff: list[Staff]
) -> list[PenaltyItem]:
    """R3 role seats, each soft at its row's ``weight_under`` or ``weight_role_under``, and
    the R2 team leader, soft under ``weight_role_under``: one unit per person missing; the
    two rules are counted separately, as the rules page says."""
    where = f"{day_label(day)}, {shift_label(shift)}"
    out = []
    for role, need in calendar.needs(day, shift.code).items():
        if role in GRADES:
            continue
        weight = under_weight(calendar, day, shift.code, role)
        holders = sum(1 for p in staff if p.has_role(role))
        short = need.min - holders
        if short > 0 and weight:
            what = role.replace("_", " ")
            message = f"{where}: {holders} {what} on duty, needs {need.min}"
            out.append(PenaltyItem("R3", weight, short, message, None, day, shift.code))
    leader = calendar.scenario.rules.require_team_leader
    weight = calendar.scenario.weights.role_under
    if (
        leader
        and weight
        and calendar.operating(day, shift.code)
        and not any(p.has_role("team_leader") for p in staff)
    ):
        message = f"{where}: no team leader on duty"
        out.append(PenaltyItem("R2", weight, 1, message, None, day, shift.code))
    return out


def _qa_reach(prep: PreparedRoster) -> list[PenaltyItem]:
    """R11: each agent who is not an inspector shares enough shifts with an inspector."""
    rules, weights = prep.scenario.rules, prep.scenario.weights
    inspectors = [p.id for p in prep.scenario.staff if p.has_role("quality_inspector")]
    if not inspectors or not weights.qa_reach or not rules.qa_min_shared_shifts:
        return []
    inspected: set[tuple[int, str]] = set()
    for staff_id in inspectors:
        for day_index, codes in prep.worked.get(staff_id, {}).items():
            inspected.update((day_index, code) for code in codes)
    out = []
    for person in prep.scenario.staff:
        if not person.has_role("agent") or person.has_role("quality_inspector"):
            continue
        shared = sum(
            1
            for day_index, codes in prep.worked.get(person.id, {}).items()
            for code in dict.fromkeys(codes)
            if (day_index, code) in inspected
        )
        missing = rules.qa_min_shared_shifts - shared
        if missing > 0:
            message = (
                f"shares {shared} shift(s) with a quality inspector, needs "
                f"{rules.qa_min_shared_shifts}"
            )
            out.append(PenaltyItem("R11", weights.qa_reach, missing, message, person.id))
    return out


def _meetings(prep: PreparedRoster, calendar: Calendar) -> list[PenaltyItem]:
    """R13: a night shift whose hours touch a meeting day, per attendee and meeting."""
    weight = prep.scenario.weights.meetings
    if not weight:
        return []
    meetings: list[tuple[dt.date, str, list[str]]] = []
    everyone = [p.id for p in prep.scenario.staff]
    leaders = [p.id for p in prep.scenario.staff if p.has_role("team_leader")]
    meetings += [(day, "monthly meeting", everyone) for day in calendar.monthly_meetings]
    meetings += [(day, "team-leader meeting", leaders) for day in calendar.team_meetings]
    out = []
    for day, what, attendees in meetings:
        m = prep.scenario.day_index(day)
        window = (m * MINUTES_PER_DAY, (m + 1) * MINUTES_PER_DAY)
        for staff_id in attendees:
            days = prep.worked.get(staff_id, {})
            for day_index in (m - 1, m):
                for code in dict.fromkeys(days.get(day_index, [])):
                    shift = prep.shifts[code]
                    if not shift.night:
                        continue
                    begin, end = shift.interval(day_index)
                    if begin < window[1] and end > window[0]:
                        message = (
                            f"{shift_label(shift)} on {_date(prep, day_index).isoformat()} "
                            f"touches the {what} on {day_label(day)}"
                        )
                        out.append(
                            PenaltyItem(
                                "R13", weight, 1, message, staff_id, _date(prep, day_index), code
                            )
                        )
    return out


def fairness_counts(scenario: Scenario, roster: Roster) -> dict[tuple[str, str], list[int]]:
    """(grade, kind) -> each person's count of that kind (R14's inputs, without bands)."""
    return _fairness_values(prepare(scenario, roster), Calendar(scenario))


def _fairness_values(prep: PreparedRoster, calendar: Calendar) -> dict[tuple[str, str], list[int]]:
    holidays = {prep.scenario.day_index(d) for d in calendar.holidays}
    counts: dict[str, dict[str, int]] = {kind: {} for kind in FAIRNESS_KINDS}
    for person in prep.scenario.staff:
        nights = weekend = holiday = 0
        for day_index, codes in prep.worked.get(person.id, {}).items():
            is_weekend = _date(prep, day_index).weekday() >= 5
            for code in dict.fromkeys(codes):
                nights += prep.shifts[code].night
                weekend += is_weekend
                holiday += day_index in holidays
        if person.can_work_nights:
            counts["nights"][person.id] = nights
        counts["weekend"][person.id] = weekend
        counts["holiday"][person.id] = holiday
    return {
        (grade, kind): [
            counts[kind][p.id]
            for p in prep.scenario.staff
            if p.grade == grade and p.id in counts[kind]
        ]
        for grade in GRADES
        for kind in FAIRNESS_KINDS
    }


def _fairness(prep: PreparedRoster, calendar: Calendar) -> list[PenaltyItem]:
    """R14: per grade, the spread of nights (night-capable staff only), weekend shifts and
    holiday shifts beyond the fair spread (1 where the grade's seats do not divide evenly
    among its people, else 0); groups of fewer than two people cost nothing. A fairness
    band adds the counts of people outside the scenario."""
    weight = prep.scenario.weights.fairness
    if not weight:
        return []
    found = _fairness_values(prep, calendar)
    out = []
    for grade in GRADES:
        for kind, label in (
            ("nights", "night shifts"),
            ("weekend", "weekend shifts"),
            ("holiday", "holiday shifts"),
        ):
            values = list(found[(grade, kind)])
            group = [
                p
                for p in prep.scenario.staff
                if p.grade == grade and (kind != "nights" or p.can_work_nights)
            ]
            fair = calendar.fair_spread(grade, kind, group)
            band = prep.scenario.fairness_band(grade, kind)
            if band is not None and values:
                values += [band.low, band.high]
            if len(values) < 2:
                continue
            beyond = max(values) - min(values) - fair
            if beyond > 0:
                message = (
                    f"{grade} {label} range from {min(values)} to {max(values)} "
                    f"(a spread of {fair} is fair)"
                )
                out.append(PenaltyItem("R14", weight, beyond, message))
    return out


def _requests(prep: PreparedRoster) -> list[PenaltyItem]:
    """R15: want/avoid a shift or OFF on a day, each at its own weight."""
    out = []
    for req in prep.scenario.requests:
        if not req.weight:
            continue
        codes = prep.codes_on(req.staff_id, prep.scenario.day_index(req.date))
        works = ", ".join(codes) if codes else "off"
        if req.shift == OFF:
            broken = bool(codes) if req.kind == "want" else not codes
        else:
            broken = (req.shift in codes) == (req.kind == "avoid")
        if broken:
            what = "OFF" if req.shift == OFF else req.shift
            message = f"{req.kind} {what} on {req.date.isoformat()}: rostered {works}"
            out.append(
                PenaltyItem(
                    "R15",
                    req.weight,
                    1,
                    message,
                    req.staff_id,
                    req.date,
                    None if req.shift == OFF else req.shift,
                )
            )
    return out


def _pending_leave(prep: PreparedRoster) -> list[PenaltyItem]:
    """R16: a pending request is granted whole (off on all its horizon days) or not."""
    scenario = prep.scenario
    out = []
    for lv in scenario.pending_leave:
        weight = scenario.leave_weight(lv)
        if not weight:
            continue
        days = prep.worked.get(lv.staff_id, {})
        first = max(0, (lv.start - scenario.start).days)
        last = min(scenario.num_days - 1, (lv.end - scenario.start).days)
        worked = [d for d in range(first, last + 1) if days.get(d)]
        if worked:
            on = ", ".join(_date(prep, d).isoformat() for d in worked)
            ref = f" {lv.id}" if lv.id else ""
            message = (
                f"pending {lv.type.replace('_', ' ')} leave{ref} ({lv.start.isoformat()} to "
                f"{lv.end.isoformat()}) not granted: works {on}"
            )
            out.append(PenaltyItem("R16", weight, 1, message, lv.staff_id, _date(prep, worked[0])))
    return out


def _stability(prep: PreparedRoster) -> list[PenaltyItem]:
    """R17: each person-day that differs from the published roster (shift or off)."""
    scenario = prep.scenario
    weight = scenario.weights.stability
    if not scenario.published or not weight:
        return []
    published: dict[tuple[str, int], list[str]] = {}
    for a in scenario.published:
        day_index = scenario.day_index(a.date)
        if 0 <= day_index < scenario.num_days:
            codes = published.setdefault((a.staff_id, day_index), [])
            if a.shift not in codes:
                codes.append(a.shift)
    out = []
    for person in scenario.staff:
        for day_index in range(scenario.num_days):
            before = published.get((person.id, day_index), [])
            now = prep.codes_on(person.id, day_index)
            if set(before) == set(now):
                continue
            message = (
                f"{_date(prep, day_index).isoformat()}: published "
                f"{', '.join(before) or 'off'}, now {', '.join(now) or 'off'}"
            )
            shift = now[0] if now else (before[0] if before else None)
            out.append(
                PenaltyItem("R17", weight, 1, message, person.id, _date(prep, day_index), shift)
            )
    return out


def _surplus(prep: PreparedRoster, calendar: Calendar) -> list[PenaltyItem]:
    """R21: each shift's people beyond its grade seats, the k-th at the k-th marginal price
    of the calendar (the last price for every one beyond the list)."""
    if not prep.scenario.weights.surplus:
        return []
    duty = _on_duty(prep)
    out = []
    for i, day in enumerate(calendar.days):
        for shift in prep.scenario.shifts:
            steps = calendar.surplus_steps(day, shift.code)
            need = calendar.need(day, shift.code)
            surplus = len(duty.get((i, shift.code), [])) - need
            if surplus <= 0 or not steps:
                continue
            cost = sum(steps[min(k, len(steps) - 1)] for k in range(surplus))
            message = (
                f"{day_label(day)}, {shift_label(shift)}: {need + surplus} on duty, "
                f"{surplus} beyond the need of {need} (pay x{calendar.pay_factor(day):g})"
            )
            out.append(PenaltyItem("R21", 1, cost, message, None, day, shift.code))
    return out
