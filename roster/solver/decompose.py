"""A first roster for a large centre from small ones: split the staff into slices, give
each slice its share of every cover seat, solve the slices one by one, and join them.

Why: a 1,000-person month spends about 20 s of a 60 s limit in CP-SAT's presolve before
its first roster, and its heuristics then leave the month far from the bound. A
150-person slice is proven optimal in a few seconds. The joined slices keep every hard
rule (cover seats add up, person rules are per person) and cost little more than the
whole month's optimum; the full model then starts from them as a hint.

What slicing gives up, the full solve (or the checker, when there is no time for it)
accounts for: fairness (R14) is evened out within a slice only, and swaps between people
of different slices are left to the full model.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from roster.calendar import Calendar
from roster.model import Assignment, CoverRule, Roster, Scenario, Staff

SLICE_PEOPLE = 150
"""Target people per slice: synthetic 150-person months solve to proven optimality in
about 10 s on 2 workers, with a first roster in 2-3 s (benchmarks/README.md)."""


@dataclass(frozen=True)
class Slice:
    """One slice: its scenario and the indices of its people in the whole centre."""

    scenario: Scenario
    members: tuple[int, ...]


def slice_count(scenario: Scenario, people_per_slice: int = SLICE_PEOPLE) -> int:
    """How many slices a centre is worth: one per ``people_per_slice``, and never more
    than the team leaders allow when every shift needs one (R2)."""
    n = len(scenario.staff) // people_per_slice
    if scenario.rules.require_team_leader:
        leaders = sum(1 for p in scenario.staff if p.has_role("team_leader"))
        n = min(n, leaders // 4)
    return max(1, n)


def _kind(person: Staff) -> tuple[str, tuple[str, ...], bool]:
    return (person.grade, tuple(sorted(person.roles)), person.can_work_nights)


def split_staff(scenario: Scenario, k: int) -> list[list[int]]:
    """Deal the staff into ``k`` slices kind by kind (grade, roles, nights), so that each
    slice is a small copy of the centre. Callback agents stay together in the first slice:
    R12 asks that seat to be staffed around the clock, which a lone holder cannot do."""
    slices: list[list[int]] = [[] for _ in range(k)]
    order = sorted(
        range(len(scenario.staff)),
        key=lambda p: (_kind(scenario.staff[p]), scenario.staff[p].team, scenario.staff[p].id),
    )
    turn = 0
    for p in order:
        if scenario.staff[p].has_role("callback"):
            slices[0].append(p)
            continue
        slices[turn % k].append(p)
        turn += 1
    return [sorted(members) for members in slices]


def _holds(person: Staff, requirement: str) -> bool:
    return person.grade == requirement or person.has_role(requirement)


def _share(total: int, weights: list[int], rotate: int) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder; ties rotate so no
    slice always gets the odd seat)."""
    k = len(weights)
    whole = sum(weights)
    if whole == 0:
        return [0] * k
    base = [total * w // whole for w in weights]
    left = total - sum(base)
    order = sorted(
        range(k),
        key=lambda i: (-(total * weights[i] % whole), (i - rotate) % k),
    )
    for i in order[:left]:
        base[i] += 1
    return base


def split_cover(
    scenario: Scenario, calendar: Calendar, slices: list[list[int]]
) -> list[tuple[CoverRule, ...]]:
    """Each slice's cover, one dated row per day, shift and requirement: every seat goes
    to exactly one slice, in proportion to the slice's people who can fill it."""
    k = len(slices)
    holders = {
        requirement: [
            sum(1 for p in members if _holds(scenario.staff[p], requirement)) for members in slices
        ]
        for requirement in {c.requirement for c in scenario.cover}
    }
    rows: list[list[CoverRule]] = [[] for _ in range(k)]
    turn = 0
    for day in calendar.days:
        for shift in scenario.shifts:
            for requirement, need in calendar.needs(day, shift.code).items():
                weights = holders[requirement]
                mins = _share(need.min, weights, turn)
                maxes = (
                    [None] * k
                    if need.max is None
                    else [
                        max(m, x)
                        for m, x in zip(mins, _share(need.max, weights, turn), strict=True)
                    ]
                )
                turn += 1
                for i in range(k):
                    rows[i].append(
                        CoverRule(
                            day.isoformat(),
                            shift.code,
                            requirement,
                            mins[i],
                            maxes[i],
                            weight_under=need.weight_under,
                            weight_over=need.weight_over,
                        )
                    )
    return [tuple(r) for r in rows]


def split_scenario(scenario: Scenario, k: int) -> list[Slice]:
    """``k`` slice scenarios whose joined rosters keep every hard rule of the whole."""
    calendar = Calendar(scenario)
    members = split_staff(scenario, k)
    covers = split_cover(scenario, calendar, members)
    out = []
    for i, group in enumerate(members):
        ids = {scenario.staff[p].id for p in group}
        part = scenario.replace(
            name=f"{scenario.name} slice {i + 1}/{k}",
            staff=tuple(scenario.staff[p] for p in group),
            cover=covers[i],
            leave=tuple(lv for lv in scenario.leave if lv.staff_id in ids),
            requests=tuple(r for r in scenario.requests if r.staff_id in ids),
            history=tuple(a for a in scenario.history if a.staff_id in ids),
            published=tuple(a for a in scenario.published if a.staff_id in ids),
            swaps=tuple(s for s in scenario.swaps if s.staff_a in ids and s.staff_b in ids),
        )
        out.append(Slice(part, tuple(group)))
    return out


SliceSolver = Callable[[Scenario, float], Roster | None]


def joined_roster(
    scenario: Scenario, k: int, budget: float, solve_slice: SliceSolver
) -> Roster | None:
    """Solve the ``k`` slices within ``budget`` seconds in all and join their rosters;
    ``None`` when a slice has no roster in its time."""
    started = time.perf_counter()
    assignments: list[Assignment] = []
    parts = split_scenario(scenario, k)
    for i, part in enumerate(parts):
        left = budget - (time.perf_counter() - started)
        share = left / (len(parts) - i)
        roster = solve_slice(part.scenario, max(share, 0.5))
        if roster is None:
            return None
        assignments.extend(roster.assignments)
    return Roster(tuple(sorted(assignments, key=_order)))


def _order(a: Assignment) -> tuple[dt.date, str, str]:
    return (a.date, a.staff_id, a.shift)


__all__ = [
    "SLICE_PEOPLE",
    "Slice",
    "joined_roster",
    "slice_count",
    "split_cover",
    "split_scenario",
    "split_staff",
]
