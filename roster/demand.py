"""Cover from the call forecast (R22), and what a person beyond the need costs (R21).

The forecast gives calls per interval; Erlang C (:mod:`roster.erlang`) turns each interval
into agents to roster. Shifts then get seats: along the month's timeline, each interval
still short takes seats on the shift that covers it and reaches furthest ahead, which
gives the fewest seats that cover every interval (with shifts that do not overlap, each
shift simply gets the most any of its intervals needs). ``grade_mix`` splits a shift's
seats by grade.

Everything here is data the model and the checker share, as they share the cover table:
what is needed, and what surplus costs, never whether a roster meets it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from roster.erlang import Load, agents_needed, smooth_level
from roster.model import GRADES, MINUTES_PER_DAY, ForecastRow, RuleParameters, Scenario, Shift

Rank = Callable[[str, dt.date], int | None]
"""How specifically a day spec (``*``, ``weekday``, ``Mon``, ``holiday``, a date) matches a
day, as in the cover table; ``None`` when it does not match."""


@dataclass(frozen=True)
class Interval:
    """One forecast interval of one day: its load and the agents Erlang C asks for.

    ``at`` is minutes from the horizon's first midnight (the day after the horizon is there
    too: the last night shift reaches into it)."""

    day: dt.date
    start: int
    at: int
    load: Load

    @property
    def needed(self) -> int:
        return agents_needed(self.load)


def load_of(row: ForecastRow, rules: RuleParameters) -> Load:
    """A forecast row's load, with the config's defaults where the row is blank."""
    return Load(
        calls=row.calls,
        aht=row.aht,
        minutes=rules.interval_minutes,
        target=rules.service_level if row.service_level is None else row.service_level,
        answer=rules.answer_seconds if row.answer_seconds is None else row.answer_seconds,
        occupancy=rules.max_occupancy if row.max_occupancy is None else row.max_occupancy,
        shrinkage=rules.shrinkage if row.shrinkage is None else row.shrinkage,
    )


def intervals(scenario: Scenario, rank: Rank) -> list[Interval]:
    """Every interval of the horizon (and of the day after it) that a forecast row
    matches, the most specific row winning, in time order."""
    if not scenario.forecast:
        return []
    out: list[Interval] = []
    for index in range(scenario.num_days + 1):
        day = scenario.start + dt.timedelta(days=index)
        best: dict[int, tuple[int, ForecastRow]] = {}
        for row in scenario.forecast:
            found = rank(row.day, day)
            if found is not None and (row.start not in best or found >= best[row.start][0]):
                best[row.start] = (found, row)
        for start in sorted(best):
            load = load_of(best[start][1], scenario.rules)
            out.append(Interval(day, start, index * MINUTES_PER_DAY + start, load))
    return out


def covers(shift: Shift, day_index: int, at: int, minutes: int) -> bool:
    """Whether ``shift`` worked on day ``day_index`` covers the interval starting ``at``
    (minutes from the horizon start): its middle falls within the shift's hours."""
    begin, end = shift.interval(day_index)
    middle = at + minutes / 2
    return begin <= middle < end


def covering(scenario: Scenario, at: int) -> list[tuple[int, int]]:
    """(day index, shift index) of the horizon's shifts that cover the interval at ``at``."""
    minutes = scenario.rules.interval_minutes
    first = at // MINUTES_PER_DAY
    return [
        (d, s)
        for d in (first - 1, first)
        if 0 <= d < scenario.num_days
        for s, shift in enumerate(scenario.shifts)
        if covers(shift, d, at, minutes)
    ]


def shift_seats(scenario: Scenario, found: Sequence[Interval]) -> dict[tuple[int, int], int]:
    """(day index, shift index) -> seats, the fewest that give every interval the agents
    it needs (an interval no shift of the horizon covers is left out).

    Greedy along the timeline: an interval still short takes its shortfall on the covering
    shift that ends last, which is optimal for intervals on a line (each seat bought
    covers every later interval another choice would)."""
    cover_of = {interval.at: covering(scenario, interval.at) for interval in found}
    reach: dict[tuple[int, int], list[int]] = {}
    for at, options in cover_of.items():
        for key in options:
            reach.setdefault(key, []).append(at)
    seats: dict[tuple[int, int], int] = {}
    covered: dict[int, int] = {}
    for interval in found:
        short = interval.needed - covered.get(interval.at, 0)
        options = cover_of[interval.at]
        if short <= 0 or not options:
            continue
        d, s = max(options, key=lambda ds: (scenario.shifts[ds[1]].interval(ds[0])[1], -ds[1]))
        seats[(d, s)] = seats.get((d, s), 0) + short
        for at in reach[(d, s)]:
            covered[at] = covered.get(at, 0) + short
    return seats


def grade_split(total: int, mix: Mapping[str, float]) -> dict[str, int]:
    """``total`` seats by grade in proportion to ``mix`` (largest remainder; a tie goes to
    the lower grade, whose seats more people can fill)."""
    exact = {grade: total * mix.get(grade, 0.0) for grade in GRADES}
    seats = {grade: math.floor(share + 1e-9) for grade, share in exact.items()}
    left = total - sum(seats.values())
    order = sorted(GRADES, key=lambda g: (-(exact[g] - seats[g]), GRADES.index(g)))
    for grade in order[:left]:
        seats[grade] += 1
    return {grade: n for grade, n in seats.items() if n > 0}


def staff_mix(scenario: Scenario) -> dict[str, float]:
    """The grade mix of the staff themselves: the default ``grade_mix``."""
    counts = {grade: sum(1 for p in scenario.staff if p.grade == grade) for grade in GRADES}
    total = sum(counts.values())
    return {grade: n / total for grade, n in counts.items() if n}


# --------------------------------------------------------------------------------------
# R21: the price of each person beyond a shift's need
# --------------------------------------------------------------------------------------

PLACE_SHARE = 1.0
"""The most the place of a surplus person (how little the shift needs them) adds to its
cost, as a share of an ordinary shift's pay: below the gap to a holiday's pay, so surplus
prefers any ordinary shift to a holiday (3.0) and a busy shift to a quiet one."""

MAX_STEPS = 64
"""Marginal prices computed per shift; every further person costs the last one."""


def marginal_steps(
    weight: int, pay: float, need: int, gain: Callable[[int], float] | None, best_gain: float
) -> tuple[int, ...]:
    """The cost of the 1st, 2nd, ... person beyond a shift's ``need``, never falling (so the
    total is convex and the model can price it exactly as the most of a few lines); the
    list ends where the price reaches its ceiling, which every further person pays.

    Each costs ``weight`` x (``pay`` + place), place in [0, ``PLACE_SHARE``]: without a
    forecast, the k-th person's place is (k - 1/2) / need, so surplus spreads in
    proportion to the need; with one, it is 1 - the calls answered in time they add
    (``gain(k)``) over the most any shift's first surplus person adds (``best_gain``).
    """
    if weight == 0:
        return ()
    ceiling = round(weight * (pay + PLACE_SHARE))
    steps: list[int] = []
    for k in range(1, MAX_STEPS + 1):
        if gain is not None:
            place = 1.0 - gain(k) / best_gain if best_gain > 0 else 1.0
        else:
            place = (k - 0.5) / max(need, 1)
        cost = round(weight * (pay + min(PLACE_SHARE, max(0.0, place))))
        steps.append(max(cost, steps[-1]) if steps else cost)
        if steps[-1] >= ceiling:
            break
    return tuple(steps)


def surplus_cost(steps: Sequence[int], surplus: int) -> int:
    """What ``surplus`` people beyond the need cost at these marginal prices."""
    if surplus <= 0 or not steps:
        return 0
    within = min(surplus, len(steps))
    return sum(steps[:within]) + (surplus - within) * steps[-1]


def gain(loads: Sequence[tuple[Load, int]], k: int) -> float:
    """Calls answered within target that the ``k``-th extra person on a shift adds, given
    each covered interval's load and the agents its seats already give."""
    return sum(
        load.calls * (smooth_level(load, base + k) - smooth_level(load, base + k - 1))
        for load, base in loads
    )
