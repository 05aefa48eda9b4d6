"""The least staff that covers the month: CP-SAT with optional "hire" slots.

Each staffing group (a grade, or a role: team_leader, quality_inspector, callback) gets K
optional hire slots: new people of that grade (or, for a role, of the grade most holders of
the role have) with the group's median workload limits. A slot has a Boolean ``hired``; an
unhired slot works nothing. The scenario with every slot goes through ``build_model``, so
every hard rule family applies to hires exactly as to existing staff; the objective is the
weighted number of hires (headcount first, then cheaper grades), soft rules off.

Two modes:

* ``keep`` (default): existing staff are kept; the answer is how many to hire on top.
  Its totals are an upper bound on the true least staff, as surplus people are kept.
* ``from_zero``: existing staff are set aside (their workload limits still shape the
  hires); the answer is the least headcount per grade and role for the month.

Every row reports ``existing``, ``hires`` and ``total``. A grade row counts everyone of that
grade (role hires included); a role row counts the role's holders. The binding rule of a
number comes from the scenario with one person fewer in that group and every other number
kept: the capacity pre-check names the rule in plain arithmetic, else the rule-by-rule
diagnosis names the conflicting families.
"""

from __future__ import annotations

import dataclasses
import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from roster.calendar import Calendar
from roster.checks.service import minimum_advice
from roster.model import (
    GRADES,
    Roster,
    Scenario,
    SolveStatus,
    Staff,
    Weights,
    grade_rank,
)
from roster.solver.build import build_model
from roster.solver.clock import Deadline
from roster.solver.decode import decode_roster
from roster.solver.precheck import GROUP_NAMES, capacity_problems
from roster.solver.solve import STATUS_OF_CODE, explain_infeasibility, make_solver

STAFFING_ROLES: tuple[str, ...] = ("team_leader", "quality_inspector", "callback")
"""Roles whose headcount the staffing answer reports."""

HIRE_PREFIX = "hire-"
_MAX_ROUNDS = 4
_DIAGNOSE_CELLS = 6000
"""Above this many person-day-shifts the diagnostic solve rarely finishes in seconds."""


@dataclass(frozen=True)
class StaffingRow:
    """One group's answer. ``grade`` is the grade of hires (for a role row, of role hires)."""

    kind: str  # "grade" or "role"
    name: str
    grade: str
    existing: int
    hires: int
    total: int
    seats: int
    """Shifts in the month that need this group (cumulative seats for a grade)."""
    max_shifts_each: int
    binding: str
    night_seats: int = 0
    max_nights_each: int | None = None


@dataclass(frozen=True)
class StaffingSettings:
    """How the staffing search ran: its mode, limits, the hire slots it tried per group, and
    the bound on hires it proved (``None`` while none is known)."""

    mode: str
    time_limit: float
    workers: int
    seed: int
    slots: Mapping[str, int]
    bound: float | None = None


@dataclass(frozen=True)
class StaffingResult:
    """The staffing answer; ``scenario`` is the centre with the hires added (``from_zero``:
    the hires alone) and ``roster`` a month for it that meets every hard rule."""

    name: str
    mode: str
    status: SolveStatus
    rows: tuple[StaffingRow, ...]
    hired: tuple[Staff, ...]
    scenario: Scenario | None
    roster: Roster | None
    objective: int | None
    wall_time: float
    reasons: tuple[str, ...] = ()
    settings: StaffingSettings | None = None
    minimums: str | None = None
    """R21: the surplus the minimum shifts of the staffed centre force, and the minimums
    that would fit its seats, if they do not."""

    def row(self, name: str) -> StaffingRow:
        for r in self.rows:
            if r.name == name:
                return r
        raise KeyError(name)


@dataclass(frozen=True)
class _Group:
    kind: str
    name: str
    grade: str
    template: Staff
    weight: int

    def holds(self, person: Staff) -> bool:
        return person.grade == self.name if self.kind == "grade" else person.has_role(self.name)


def _median(values: Sequence[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return int(statistics.median_low(known)) if known else None


def _groups(scenario: Scenario, calendar: Calendar) -> list[_Group]:
    """Grades with seats or people, team leaders always, other roles when asked or held."""
    asked: set[str] = set()
    for day in calendar.days:
        for shift in scenario.shifts:
            asked.update(r for r, n in calendar.needs(day, shift.code).items() if n.min > 0)
    groups: list[_Group] = []
    for grade in GRADES:
        pool = [s for s in scenario.staff if s.grade == grade]
        if not pool and grade not in asked:
            continue
        groups.append(_Group("grade", grade, grade, _template(scenario, pool, grade, ()), 0))
    for role in STAFFING_ROLES:
        pool = [s for s in scenario.staff if s.has_role(role)]
        if role != "team_leader" and not pool and role not in asked:
            continue
        grades = Counter(s.grade for s in pool)
        grade = grades.most_common(1)[0][0] if grades else "senior"
        groups.append(_Group("role", role, grade, _template(scenario, pool, grade, (role,)), 0))
    # Headcount first (x10), then the cheaper grade, a role hire a little dearer.
    return [
        dataclasses.replace(g, weight=10 + grade_rank(g.grade) + (g.kind == "role")) for g in groups
    ]


def _template(scenario: Scenario, pool: list[Staff], grade: str, roles: tuple[str, ...]) -> Staff:
    """A hire: the group's median workload limits (all staff's when the group is empty)."""
    basis = pool or list(scenario.staff)
    return Staff(
        "template",
        "template",
        grade,
        "hires",
        frozenset({"agent", *roles}),
        min_shifts=_median([s.min_shifts for s in basis]),
        max_shifts=_median([s.max_shifts for s in basis]),
        max_nights=_median([s.max_nights for s in basis]),
    )


def _seats(scenario: Scenario, calendar: Calendar, group: _Group) -> tuple[int, int, int]:
    """(shifts in the month needing this group, of them night shifts, most on one day)."""
    substitute = scenario.rules.upward_substitution
    total = nights = peak = 0
    for day in calendar.days:
        today = 0
        for shift in scenario.shifts:
            needs = calendar.needs(day, shift.code)
            if group.kind == "grade":
                rank = grade_rank(group.name)
                count = sum(
                    n.min
                    for r, n in needs.items()
                    if r in GRADES and (grade_rank(r) >= rank if substitute else r == group.name)
                )
            else:
                need = needs.get(group.name)
                count = need.min if need else 0
                leader = group.name == "team_leader" and scenario.rules.require_team_leader
                if leader and calendar.operating(day, shift.code):
                    count = max(1, count)
            today += count
            nights += count if shift.night else 0
        total += today
        peak = max(peak, today)
    return total, nights, peak


def _most_shifts(scenario: Scenario, person: Staff) -> int:
    """What one person can work in the horizon under R7 and R6 alone."""
    days = scenario.num_days
    run = person.consecutive_limit(scenario.rules.max_consecutive_days)
    cap = days - days // (run + 1)
    return min(cap, person.max_shifts) if person.max_shifts is not None else cap


def _slots(group: _Group, count: int, start: int = 1) -> list[Staff]:
    return [
        dataclasses.replace(
            group.template,
            id=f"{HIRE_PREFIX}{group.name}-{k}",
            name=f"Hire {group.name.replace('_', ' ')} {k}",
        )
        for k in range(start, start + count)
    ]


def _with_staff(scenario: Scenario, mode: str, staff: tuple[Staff, ...]) -> Scenario:
    """The centre with these people (existing kept or not, per the mode, plus hires): cover
    hard and soft rules off, so only hard rules decide the headcount."""
    weights = Weights(0, 0, 0, 0, 0, 0, 0, None)
    if mode == "keep":
        return scenario.replace(staff=scenario.staff + staff, weights=weights)
    return scenario.replace(
        staff=staff,
        leave=(),
        requests=(),
        history=(),
        swaps=(),
        published=(),
        weights=weights,
    )


def _solve_slots(
    original: Scenario,
    mode: str,
    slots: dict[str, list[Staff]],
    groups: list[_Group],
    time_limit: float,
    workers: int,
    seed: int,
) -> tuple[SolveStatus, set[str], Roster | None, float]:
    """One CP-SAT solve with these slots: (status code, hired ids, roster of base + hired)."""
    slot_staff = [s for g in groups for s in slots[g.name]]
    model_staff = tuple(dataclasses.replace(s, min_shifts=None) for s in slot_staff)
    scenario = _with_staff(original, mode, model_staff)
    built = build_model(scenario, Calendar(scenario))
    model = built.model
    v = built.context.vars
    index = {s.id: i for i, s in enumerate(scenario.staff)}
    hired: dict[str, cp_model.IntVar] = {}
    cost = []
    for group in groups:
        previous: cp_model.IntVar | None = None
        for slot in slots[group.name]:
            p = index[slot.id]
            h = model.new_bool_var(f"hired_{slot.id}")
            hired[slot.id] = h
            cells = [v.x(p, d, s) for d in range(v.num_days) for s in range(v.num_shifts)]
            for cell in cells:
                model.add_implication(cell, h)
            if slot.min_shifts:
                model.add(sum(cells) >= slot.min_shifts * h)
            # The same R7/R6 cap, tied to ``hired``: a much tighter LP bound on hires
            # than the cell-by-cell implications alone.
            model.add(sum(cells) <= _most_shifts(scenario, slot) * h)
            if slot.max_nights is not None:
                night = [
                    v.x(p, d, s)
                    for d in range(v.num_days)
                    for s, shift in enumerate(scenario.shifts)
                    if shift.night
                ]
                model.add(sum(night) <= slot.max_nights * h)
            if previous is not None:
                model.add_implication(h, previous)  # symmetry: hire slot k before k+1
            previous = h
            cost.append(group.weight * h)
    model.minimize(sum(cost))
    solver = make_solver(time_limit, workers, seed)
    status = STATUS_OF_CODE.get(solver.solve(model), SolveStatus.UNKNOWN)
    if not status.has_roster:
        return status, set(), None, 0.0
    chosen = {sid for sid, h in hired.items() if solver.boolean_value(h)}
    full = decode_roster(solver, v)
    kept = {s.id for s in scenario.staff if not s.id.startswith(HIRE_PREFIX)} | chosen
    roster = Roster(tuple(a for a in full.assignments if a.staff_id in kept))
    return status, chosen, roster, solver.best_objective_bound


def find_staffing(
    scenario: Scenario,
    *,
    mode: str = "keep",
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    explain: bool = True,
) -> StaffingResult:
    """The least hires (``keep``) or least headcount (``from_zero``) per grade and role.

    Slots per group start at what could cover the month alone and double for a group whose
    slots were all hired (or when no staffing was found), so the answer is never capped.
    """
    if mode not in ("keep", "from_zero"):
        raise ValueError(f"mode {mode!r}; expected keep or from_zero")
    clock = Deadline(time_limit)
    calendar = Calendar(scenario)
    groups = _groups(scenario, calendar)
    existing_staff = scenario.staff if mode == "keep" else ()
    counts: dict[str, int] = {}
    for g in groups:
        total, nights, peak = _seats(scenario, calendar, g)
        per_person = max(1, _most_shifts(scenario, g.template))
        night_cap = g.template.max_nights
        by_nights = math.ceil(nights / night_cap) if night_cap else 0
        counts[g.name] = max(math.ceil(total / per_person), by_nights, peak) + 1
    status = SolveStatus.UNKNOWN
    chosen: set[str] = set()
    roster: Roster | None = None
    bound = 0.0
    searching = Deadline((0.6 if explain else 1.0) * time_limit, clock.started)
    for _ in range(_MAX_ROUNDS):
        slots = {g.name: _slots(g, counts[g.name]) for g in groups}
        remaining = searching.left(1.0)
        status, chosen, roster, bound = _solve_slots(
            scenario, mode, slots, groups, remaining, workers, seed
        )
        if roster is None:
            if status == SolveStatus.INFEASIBLE:
                counts = {name: 2 * n for name, n in counts.items()}
                continue
            break
        full = [g.name for g in groups if all(s.id in chosen for s in slots[g.name])]
        if not full or searching.expired():
            break
        for name in full:
            counts[name] *= 2
    settings = StaffingSettings(mode, time_limit, workers, seed, dict(counts))
    if roster is None:
        reasons = [
            "No staffing found within the time limit; try a longer --time-limit."
            if status == SolveStatus.UNKNOWN
            else "No number of hires meets every rule: existing staff alone break a rule "
            "(leave, minimum shifts, history)."
        ]
        return StaffingResult(
            scenario.name,
            mode,
            status,
            (),
            (),
            None,
            None,
            None,
            clock.elapsed(),
            tuple(reasons),
            settings,
        )
    hired = tuple(s for g in groups for s in slots[g.name] if s.id in chosen)
    staffed = _with_staff(scenario, mode, hired).with_uniform_under(
        None, scenario.weights.role_under
    )
    objective = sum(g.weight for g in groups for s in slots[g.name] if s.id in chosen)
    rows = []
    for g in groups:
        existing = sum(1 for s in existing_staff if g.holds(s))
        hires = sum(1 for s in hired if g.holds(s))
        seats, nights, _ = _seats(scenario, calendar, g)
        rows.append(
            StaffingRow(
                g.kind,
                g.name,
                g.grade,
                existing,
                hires,
                existing + hires,
                seats,
                _most_shifts(scenario, g.template),
                "",
                nights,
                g.template.max_nights,
            )
        )
    if explain:
        explained = []
        for n, r in enumerate(rows):
            budget = clock.left(-math.inf) / (len(rows) - n)
            explained.append(
                dataclasses.replace(r, binding=_binding(staffed, r, hired, budget, workers))
            )
        rows = explained
    notes: tuple[str, ...] = ()
    if status != SolveStatus.OPTIMAL:
        notes = (
            f"Not proven least within the time limit: {objective} weighted hires found, "
            f"no fewer than {math.ceil(bound)} possible (10 per person, +1 per grade step, "
            "+1 for a role).",
        )
    return StaffingResult(
        scenario.name,
        mode,
        status,
        tuple(rows),
        hired,
        staffed,
        roster,
        objective,
        clock.elapsed(),
        notes,
        dataclasses.replace(settings, bound=bound),
        minimum_advice(staffed),
    )


def _headline(scenario: Scenario, row: StaffingRow) -> str:
    what = GROUP_NAMES.get(row.name, row.name)
    rule = "R1" if row.kind == "grade" else ("R2" if row.name == "team_leader" else "R3")
    seat = "seats of this grade or above" if row.kind == "grade" else "shifts needing one"
    if row.kind == "grade" and not scenario.rules.upward_substitution:
        seat = "seats of this grade"
    days, run = scenario.num_days, scenario.rules.max_consecutive_days
    if row.max_shifts_each < days - days // (run + 1):
        each = f"at most {row.max_shifts_each} shifts each (R7 max_shifts)"
        each += f" with max {run} days in a row (R6)"
    else:
        each = f"at most {row.max_shifts_each} shifts each (max {run} days in a row, R6)"
    if row.night_seats and row.max_nights_each is not None:
        each += (
            f"; {row.night_seats} of them nights, at most {row.max_nights_each} nights each"
            " (R7 max_nights)"
        )
    head = f"{row.total} {what}: {row.seats} {seat} in the month ({rule}), {each}"
    if row.name == "callback":
        gap = scenario.rules.callback_max_gap_hours
        head += f"; the callback seat is never empty for more than {gap} h (R12)"
    return head


def _binding(
    staffed: Scenario,
    row: StaffingRow,
    hired: tuple[Staff, ...],
    budget: float,
    workers: int,
) -> str:
    """Why one fewer in this group fails, every other number kept: counting first, then
    (on a small centre, with time left) the rule-by-rule diagnosis."""
    if row.total == 0:
        return "nobody needed"
    if row.hires == 0:
        return f"no hire needed ({row.existing} existing kept)"
    candidates = [
        s
        for s in reversed(hired)
        if (s.grade == row.name if row.kind == "grade" else s.has_role(row.name))
    ]
    # A grade row drops a hire for grade seats before a role hire of that grade.
    candidates.sort(key=lambda s: s.roles != frozenset({"agent"}))
    headline = _headline(staffed, row)
    if row.kind == "grade" and candidates[0].roles != frozenset({"agent"}):
        roles = sorted(candidates[0].roles - {"agent"})
        headline = (
            f"{row.total} {GROUP_NAMES.get(row.name, row.name)}: "
            f"{row.hires} hired as {', '.join(r.replace('_', ' ') for r in roles)}"
        )
    rest = tuple(s for s in staffed.staff if s.id != candidates[0].id)
    if not rest:
        return headline + "; with none, nobody works the month"
    reduced = staffed.replace(staff=rest)
    problems = capacity_problems(reduced)
    if problems:
        return f"{headline}; with {row.total - 1}: {problems[0]}"
    cells = len(reduced.staff) * reduced.num_days * len(reduced.shifts)
    if cells > _DIAGNOSE_CELLS or budget < 2.0:
        return (
            f"{headline}; with {row.total - 1}: counting alone does not show the failure "
            f"(the rule-by-rule diagnosis is skipped on {cells} person-day-shifts)"
        )
    # The diagnosis re-solves once per rule in conflict: give each a slice of the budget.
    reasons = explain_infeasibility(reduced, None, max(1.0, budget / 6), workers, 0)
    text = " ".join(reasons)
    if "a roster exists" in text:
        return (
            f"{headline}; with {row.total - 1} a roster still exists "
            "(the solve was not proven optimal, or a cheaper mix was chosen)"
        )
    return f"{headline}; with {row.total - 1}: {text}"


def summary_lines(result: StaffingResult) -> list[str]:
    """A one-screen text table for the terminal."""
    lines = [f"{result.name}: {result.status} ({result.mode}), {result.wall_time:.1f} s"]
    lines.extend(result.reasons)
    if result.minimums:
        lines.append(f"Note: {result.minimums}")
    if result.rows:
        lines.append(f"{'grade/role':<18} {'existing':>8} {'hires':>6} {'total':>6}  binding rule")
    for r in result.rows:
        lines.append(f"{r.name:<18} {r.existing:>8} {r.hires:>6} {r.total:>6}  {r.binding}")
    return lines


__all__ = [
    "STAFFING_ROLES",
    "StaffingResult",
    "StaffingRow",
    "find_staffing",
    "summary_lines",
]
