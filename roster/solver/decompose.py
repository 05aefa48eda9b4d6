"""A first roster for a large centre from small ones: split the staff into slices, give
each slice its share of every cover seat, solve the slices one by one, and join them.

Why: a large month spends much of its time limit in CP-SAT's presolve before its first
roster, and its heuristics then leave it far from the bound; a slice of about 150 people
has a roster in seconds. The
joined slices keep every hard rule (cover seats add up, person rules are per person); when
the time limit leaves room, the whole model then starts from them as a hint.

Fairness (R14) is the centre's, not each slice's. Every slice first searches with one
count of nights, weekend and holiday shifts per grade pinned for everyone
(``common_counts``): slices that all land on the same counts have a centre-wide spread of
0, and a pinned slice reaches its least cost far sooner than one evening out its own
spread. Where the pins do not suit a centre, the slices go on
without them and each is handed the counts of the slices before it (``FairnessBand``), so
its spread is the centre's so far. Swaps between people of different slices are left to
the whole model.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from roster.calendar import Calendar
from roster.checks import fairness_counts, objective_of
from roster.checks.coverage import under_weight
from roster.constraints.fairness import Pin
from roster.model import (
    GRADES,
    Assignment,
    CoverRule,
    FairnessBand,
    Result,
    Roster,
    Scenario,
    SolveStatus,
    Staff,
    grade_rank,
)
from roster.solver.clock import Deadline

SLICE_PEOPLE = 150
"""Target people per slice: small enough to be proven optimal within seconds on 2 workers."""


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
    for them."""
    calendar = Calendar(scenario)
    members = split_staff(scenario, k)
    covers = split_cover(scenario, calendar, members)
    out = []
    order = sorted(range(k), key=lambda i: len(members[i]))
    for n, i in enumerate(order):
        part = scenario.for_staff(
            tuple(scenario.staff[p] for p in members[i]),
            name=f"{scenario.name} slice {n + 1}/{k}",
            cover=covers[i],
        )
        out.append(part)
    return out


@dataclass(frozen=True)
class SliceSearch:
    """How one slice is searched: ``share`` seconds, up to ``limit`` for a first roster,
    with ``pins`` (``Context.pins``), from ``start`` if given.

    ``limit`` is also CP-SAT's own time limit, and it matters beyond the first roster: a
    longer limit lets CP-SAT's own schedule of helpers run its course."""

    share: float
    limit: float
    pins: Mapping[tuple[str, str], Pin]
    start: Roster | None = None


SliceSolver = Callable[[Scenario, SliceSearch], Result]
"""(slice, how to search it) -> its result, with a roster or not."""


FIRST_ROSTER_SECONDS = 3.0
"""What each slice still to come keeps per ``FIRST_ROSTER_PEOPLE`` (at least this much)
when an earlier one runs past its share for want of a roster: one slice without a roster
leaves the whole centre without one (benchmarks/HISTORY.md §18)."""

FIRST_ROSTER_PEOPLE = 150
"""The headcount ``FIRST_ROSTER_SECONDS`` was measured for."""


def _first_roster_seconds(part: Scenario, seen: float = 0.0) -> float:
    """What a slice needs for its first roster, in proportion to its people (the callback
    slice of a 5,000-person centre is twice the others): ``FIRST_ROSTER_SECONDS`` per
    ``FIRST_ROSTER_PEOPLE``, or ``seen`` per person when the slices so far took longer."""
    people = max(len(part.staff), FIRST_ROSTER_PEOPLE)
    return max(FIRST_ROSTER_SECONDS * people / FIRST_ROSTER_PEOPLE, seen * people)


def _seen(results: list[Result], parts: list[Scenario]) -> float:
    """The slowest first roster per person among the slices solved so far: the centre's own
    measure of what a slice needs, where the constants were measured on other months."""
    return max(
        (
            r.first_solution_time / len(part.staff)
            for r, part in zip(results, parts, strict=False)
            if r.first_solution_time is not None and part.staff
        ),
        default=0.0,
    )


def _capacity(
    person: Staff, kind: str, days: list[dt.date], codes: list[str], off: set[dt.date]
) -> int:
    """The most shifts of ``kind`` (in shifts ``codes``) this person could work on ``days``:
    days not on leave (pending leave too, so that granting it stays possible), within
    their own caps."""
    free = sum(1 for day in days if day not in off)
    caps = [free]
    if person.max_shifts is not None:
        caps.append(person.max_shifts)
    if kind == "nights" and person.max_nights is not None:
        caps.append(person.max_nights)
    if kind == "weekend" and person.max_weekends is not None:
        caps.append(2 * person.max_weekends)
    per_shift = [person.shift_cap(code) for code in codes]
    if all(cap is not None for cap in per_shift):
        caps.append(sum(cap for cap in per_shift if cap is not None))
    return min(caps)


def common_counts(
    scenario: Scenario, calendar: Calendar, room: int = 0
) -> dict[tuple[str, str], Pin]:
    """(grade, kind) -> the (fewest, most) nights, weekend or holiday shifts everyone of the
    grade works, to pin (a spread of at most R14's fair one across the centre).

    Why a range and not the spread: searches that pin the counts reach R14's least cost
    quickly, and slices that all pin the same range reach it together, where each evening
    out its own spread drifts apart and is slow (benchmarks/HISTORY.md). The range is the
    grade's seats per person rounded down and up (one count when they divide evenly), so
    the pinned rosters need nobody beyond the seats; a role only this grade holds
    (team leaders are seniors) widens it (:meth:`~roster.calendar.Calendar.fair_range`).
    ``room`` more are allowed on top, within what everyone can work: the slices of a centre
    take one, as the surplus a slice's minimums force may have to land on these shifts too
    (a slice's share of the seats can be short of its people's minimums where the centre's
    is not: without it, slices found no roster pinned); a centre solved whole takes none,
    as its search pinned to the fair range alone reaches its least cost sooner.
    A group where someone cannot reach its most (long leave, a low cap) is not pinned:
    its spread is left to R14.
    """
    if not scenario.weights.fairness:
        return {}
    off: dict[str, set[dt.date]] = {}
    for leave in scenario.leave:
        if leave.status in ("approved", "pending"):
            off.setdefault(leave.staff_id, set()).update(leave.days())
    night_codes = [s.code for s in scenario.shifts if s.night]
    all_codes = [s.code for s in scenario.shifts]
    specs = {
        "nights": (calendar.days, night_codes) if night_codes else None,
        "weekend": ([d for d in calendar.days if calendar.is_weekend(d)], all_codes),
        "holiday": ([d for d in calendar.days if calendar.is_holiday(d)], all_codes),
    }
    kinds = {kind: spec for kind, spec in specs.items() if spec is not None and spec[0]}
    out: dict[tuple[str, str], Pin] = {}
    for grade in GRADES:
        members = [p for p in scenario.staff if p.grade == grade]
        for kind, (days, codes) in kinds.items():
            people = [p for p in members if kind != "nights" or p.can_work_nights]
            if len(people) < 2:
                continue
            low, high = calendar.fair_range(grade, kind, people)
            if high == 0:
                continue  # nothing asks this grade for these shifts: nothing to pin
            needs = [calendar.needs(day, code).get(grade) for day in days for code in codes]
            most = min(_capacity(p, kind, days, codes, off.get(p.id, set())) for p in people)
            maxima = [need.max for need in needs if need is not None]
            if maxima and all(m is not None for m in maxima):
                # Every seat has a most: one extra shift a person would overstaff them.
                most = min(most, sum(m for m in maxima if m is not None) // len(people))
            if most >= high:
                out[(grade, kind)] = (low, min(most, high + room))
    return out


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

    Each slice first searches with the centre's ``common_counts`` pinned, keeping back a
    first roster's time to search again without them (always until the pins have worked
    once, after that when it has time beyond its share); when a slice finds no roster that
    way (or has no time to try), it and the slices after it search without them. Time the
    slices leave (pinned slices often stop early, at their least cost) goes to a second
    search of those not proven best, each from its own roster.
    """
    clock = Deadline(budget)
    parts = split_scenario(scenario, k)
    bands: dict[tuple[str, str], FairnessBand] = {}
    pins = common_counts(scenario, Calendar(scenario), room=1)
    results: list[Result] = []
    used_pins: list[Mapping[tuple[str, str], Pin]] = []
    counts: list[dict[tuple[str, str], list[int]]] = []
    pins_held = False

    def times(i: int) -> tuple[float, float]:
        left = clock.left(-math.inf)
        share = left * len(parts[i].staff) / max(1, sum(len(p.staff) for p in parts[i:]))
        seen = _seen(results, parts)
        limit = max(share, left - sum(_first_roster_seconds(p, seen) for p in parts[i + 1 :]))
        return max(share, 0.5), max(limit, 0.5)

    for i, part in enumerate(parts):
        sliced = part.replace(fairness_bands=tuple(bands.values()))
        result = None
        if pins:
            share, limit = times(i)
            # A pinned slice runs past its share only for its first roster, never past
            # twice its share, and leaves itself a first roster's time to search again
            # without pins: always until the pins have given one slice a roster, after
            # that when the time is there beyond its share (the last slice has none). One
            # without a roster pinned says the counts do not suit this centre, and the
            # rest go without them.
            retry = _first_roster_seconds(part, _seen(results, parts))
            keep = 0.0 if pins_held and limit - retry < share else retry
            cap = min(2 * share, limit - keep)
            if cap >= retry:
                search = SliceSearch(min(share, cap), cap, pins)
                result = solve_slice(sliced, search)
            if result is None or result.roster is None:
                pins = {}
            else:
                pins_held = True
        if result is None or result.roster is None:
            share, limit = times(i)
            result = solve_slice(sliced, SliceSearch(share, limit, {}))
        if result.roster is None:
            return None
        results.append(result)
        used_pins.append(pins)
        counts.append(fairness_counts(part, result.roster) if scenario.weights.fairness else {})
        _widen(bands, counts[-1])
    _second_pass(parts, results, used_pins, counts, clock.left(-math.inf), solve_slice)
    assignments = [a for r in results if r.roster for a in r.roster.assignments]
    return Roster(tuple(sorted(assignments, key=_order)))


def _second_pass(
    parts: list[Scenario],
    results: list[Result],
    pins: list[Mapping[tuple[str, str], Pin]],
    counts: list[dict[tuple[str, str], list[int]]],
    budget: float,
    solve_slice: SliceSolver,
) -> None:
    """Search again, in ``results``, the slices not proven best, worst first, each from its
    roster and against the fairness counts of all the others (``counts``, kept up to date
    with ``results``; empty without R14); keep what is better."""
    clock = Deadline(budget)
    todo = sorted(
        (i for i, r in enumerate(results) if r.status is SolveStatus.FEASIBLE),
        key=lambda i: -((results[i].objective or 0) - (results[i].bound or 0)),
    )
    for n, i in enumerate(todo):
        left = clock.left(-math.inf)
        # Building and presolving again takes about a first roster's time before the
        # search gets past the roster it starts from: 3.2 s was seen to end with nothing.
        least = 2 * _first_roster_seconds(parts[i], _seen(results, parts))
        if left < least:
            break
        share = max(left / (len(todo) - n), least)
        bands: dict[tuple[str, str], FairnessBand] = {}
        for j, theirs in enumerate(counts):
            if j != i:
                _widen(bands, theirs)
        sliced = parts[i].replace(fairness_bands=tuple(bands.values()))
        old = results[i].roster
        assert old is not None
        again = solve_slice(sliced, SliceSearch(share, left, pins[i], start=old))
        if again.roster is not None and (again.objective or 0) < objective_of(sliced, old)[0]:
            results[i] = again
            if counts[i]:
                counts[i] = fairness_counts(parts[i], again.roster)


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
    "SliceSearch",
    "common_counts",
    "joined_roster",
    "slice_count",
    "split_cover",
    "split_scenario",
    "split_staff",
]
