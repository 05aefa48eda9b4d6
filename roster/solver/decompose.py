"""A first roster for a large centre from small ones: split the staff into slices, give
each slice its share of every cover seat, solve the slices one by one, and join them.

Why: a 1,000-person month spends about 20 s of a 60 s limit in CP-SAT's presolve before
its first roster, and its heuristics then leave the month far from the bound. A
150-person slice has a roster in 1.6-3 s and is often proven optimal in about 10 s. The
joined slices keep every hard rule (cover seats add up, person rules are per person); when
the time limit leaves room, the whole model then starts from them as a hint.

Fairness (R14) is evened out across the centre greedily: each slice is handed the counts
of the slices before it (``FairnessBand``), so its spread is the centre's so far. Swaps
between people of different slices are left to the whole model.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from roster.calendar import Calendar
from roster.checks import fairness_counts
from roster.checks.coverage import under_weight
from roster.model import (
    GRADES,
    Assignment,
    CoverRule,
    FairnessBand,
    Roster,
    Scenario,
    Staff,
    grade_rank,
)

SLICE_PEOPLE = 150
"""Target people per slice: synthetic 150-person months solve to proven optimality in
about 10 s on 2 workers, with a first roster in 1.6-3 s (benchmarks/README.md)."""


def slice_count(scenario: Scenario, people_per_slice: int = SLICE_PEOPLE) -> int:
    """How many slices a centre is worth: one per ``people_per_slice``, and never more
    than the team leaders allow when every shift needs one (R2)."""
    n = len(scenario.staff) // people_per_slice
    # Each slice needs a leader on each of its ~62 operating shifts a month; at about 15
    # shifts a leader, 4 leaders is the least that can do it.
    if scenario.rules.require_team_leader:
        leaders = sum(1 for p in scenario.staff if p.has_role("team_leader"))
        n = min(n, leaders // 4)
    return max(1, n)


def _kind(person: Staff) -> tuple[str, tuple[str, ...], bool]:
    return (person.grade, tuple(sorted(person.roles)), person.can_work_nights)


def split_staff(scenario: Scenario, k: int) -> list[list[int]]:
    """Deal the staff into ``k`` slices kind by kind (grade, roles, nights), so that each
    slice is a small copy of the centre. Callback agents stay together in slice 0 (solved
    last, as the largest): R12 asks that seat to be staffed around the clock, which a lone
    holder cannot do."""
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


def _holds(person: Staff, requirement: str, substitute: bool) -> bool:
    """Whether ``person`` can fill a seat of ``requirement`` (a higher grade can fill a
    lower grade's seat under upward substitution)."""
    if requirement in GRADES:
        if substitute:
            return person.rank >= grade_rank(requirement)
        return person.grade == requirement
    return person.has_role(requirement)


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
    substitute = scenario.rules.upward_substitution
    holders = {
        requirement: [
            sum(1 for p in members if _holds(scenario.staff[p], requirement, substitute))
            for members in slices
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
                # Under substitution the shift's grade seats are one pool, soft or hard as
                # a whole: a slice holding only its soft rows must not make it soft.
                own = need.weight_under
                if substitute and requirement in GRADES:
                    own = under_weight(calendar, day, shift.code, requirement)
                for i in range(k):
                    rows[i].append(
                        CoverRule(
                            day.isoformat(),
                            shift.code,
                            requirement,
                            mins[i],
                            maxes[i],
                            weight_under=own,
                            weight_over=need.weight_over,
                        )
                    )
    return [tuple(r) for r in rows]


def split_scenario(scenario: Scenario, k: int) -> list[Scenario]:
    """``k`` slice scenarios whose joined rosters keep every hard rule of the whole, in the
    order to solve them: smallest first, so the largest (the callback slice) comes last.

    Why last: it is the hardest, so it gets the time the others leave, and it fits its
    fairness counts into the band the typical slices set instead of setting a wide band
    for them (benchmarks/README.md: 1,000 people 5,430-5,473 instead of 5,450-5,535)."""
    calendar = Calendar(scenario)
    members = split_staff(scenario, k)
    covers = split_cover(scenario, calendar, members)
    out = []
    order = sorted(range(k), key=lambda i: len(members[i]))
    for n, i in enumerate(order):
        group = members[i]
        ids = {scenario.staff[p].id for p in group}
        part = scenario.replace(
            name=f"{scenario.name} slice {n + 1}/{k}",
            staff=tuple(scenario.staff[p] for p in group),
            cover=covers[i],
            leave=tuple(lv for lv in scenario.leave if lv.staff_id in ids),
            requests=tuple(r for r in scenario.requests if r.staff_id in ids),
            history=tuple(a for a in scenario.history if a.staff_id in ids),
            published=tuple(a for a in scenario.published if a.staff_id in ids),
            swaps=tuple(s for s in scenario.swaps if s.staff_a in ids and s.staff_b in ids),
        )
        out.append(part)
    return out


SliceSolver = Callable[[Scenario, float, float], Roster | None]
"""(slice, its share of seconds, the most it may take for a first roster) -> roster."""

FIRST_ROSTER_SECONDS = 3.0
"""What each slice still to come keeps per ``FIRST_ROSTER_PEOPLE`` (at least this much)
when an earlier one runs past its share for want of a roster: one slice without a roster
leaves the whole centre without one. Measured on 2 workers (build, presolve, first
solution): 1.6-3 s for 150 people, 4.0 s for the 314-person callback slice of a
5,000-person centre, which with 2 s per 150 people (4.2 s) once ended without a roster."""

FIRST_ROSTER_PEOPLE = 150
"""The headcount ``FIRST_ROSTER_SECONDS`` was measured for."""


def _first_roster_seconds(part: Scenario) -> float:
    """What a slice needs for its first roster, in proportion to its people (the callback
    slice of a 5,000-person centre is twice the others)."""
    return FIRST_ROSTER_SECONDS * max(1.0, len(part.staff) / FIRST_ROSTER_PEOPLE)


def joined_roster(
    scenario: Scenario, k: int, budget: float, solve_slice: SliceSolver
) -> Roster | None:
    """Solve the ``k`` slices within ``budget`` seconds in all and join their rosters;
    ``None`` when a slice has no roster in its time.

    Slices go in ``split_scenario``'s order. Each searches its share of what is left, in
    proportion to its people; one still without a roster at the end of its share may go
    on as long as every slice after it keeps the time of its first roster. When those
    reserves exceed what is left (5,000 people in under about 110 s), no slice may run
    past its share, and one without a roster in it ends the slicing.
    """
    started = time.perf_counter()
    assignments: list[Assignment] = []
    parts = split_scenario(scenario, k)
    bands: dict[tuple[str, str], FairnessBand] = {}
    for i, part in enumerate(parts):
        left = budget - (time.perf_counter() - started)
        after = parts[i + 1 :]
        share = left * len(part.staff) / max(1, sum(len(p.staff) for p in parts[i:]))
        limit = max(share, left - sum(_first_roster_seconds(p) for p in after))
        sliced = part.replace(fairness_bands=tuple(bands.values()))
        roster = solve_slice(sliced, max(share, 0.5), max(limit, 0.5))
        if roster is None:
            return None
        assignments.extend(roster.assignments)
        if scenario.weights.fairness:
            _widen(bands, fairness_counts(part, roster))
    return Roster(tuple(sorted(assignments, key=_order)))


def _widen(
    bands: dict[tuple[str, str], FairnessBand], counts: dict[tuple[str, str], list[int]]
) -> None:
    """The slices so far, as the band the next slice's R14 counts against."""
    for (grade, kind), values in counts.items():
        if not values:
            continue
        low, high = min(values), max(values)
        old = bands.get((grade, kind))
        if old is not None:
            low, high = min(low, old.low), max(high, old.high)
        bands[(grade, kind)] = FairnessBand(grade, kind, low, high)


def _order(a: Assignment) -> tuple[dt.date, str, str]:
    return (a.date, a.staff_id, a.shift)


__all__ = [
    "FIRST_ROSTER_SECONDS",
    "SLICE_PEOPLE",
    "joined_roster",
    "slice_count",
    "split_cover",
    "split_scenario",
    "split_staff",
]
