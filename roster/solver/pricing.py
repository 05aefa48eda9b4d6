"""A person's cheapest month plan at given seat prices, by dynamic programming over days.

Why: the month plans (:mod:`roster.solver.plans`) price every person in every round, and
a CP-SAT search per person is too slow for the rounds to converge beside the search on
large months. The rules of a person's month are mostly rules of runs, minutes and
weekends, which a shortest path over (last shift, run length, minutes, weekends) follows
exactly.

The path here is a relaxation: it keeps the rules listed in :class:`PersonRules` and no
others (history, rest beyond the next day, night rules, pending leave...). A plan it
returns is therefore at most as dear as the person's true cheapest plan, and the caller
checks it against every rule (the checker); when the plan keeps them all and costs what the
path says, it *is* the cheapest plan. Otherwise the caller falls back to CP-SAT, as it does
at once for a person with a rule field that :data:`~roster.model.PERSON_FIELDS` marks as not
``priced`` (the path would waste its time on plans that break it).
A cap on a shift type (``E=21``) is added to the path's state only once a plan breaks it,
since each such cap multiplies the states.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from roster.constraints.rest import forbidden_successors, listed_successors
from roster.constraints.weekends import weekends
from roster.model import OFF, PERSON_FIELDS, Scenario

INF = np.int64(2**62)
"""An unreachable state; path costs stay far below it (|cost| < 2**50)."""

MAX_STATES = 400_000
"""Above this many states a day the path is not worth it: CP-SAT prices the person. (Every
day's states are kept for the walk back: at the cap, 3.2 MB a day, 140 MB for 42 days.)"""

Costs = npt.NDArray[np.int64]


@dataclass(frozen=True)
class PersonRules:
    """The rules of one person's month that the path keeps (all others are the checker's).

    ``allowed[d][s]``: shift ``s`` may be worked on day ``d`` (leave, caps of 0 and night
    bans folded in). ``cannot_follow``: (s1, s2) pairs forbidden on consecutive days.
    ``weekend[d]``: the weekend day ``d`` belongs to (-1: none). ``must_work``: days that
    may not be off (the month plans' branches fix a day to a shift or ban its day off)."""

    num_days: int
    durations: tuple[int, ...]
    allowed: tuple[tuple[bool, ...], ...]
    cannot_follow: frozenset[tuple[int, int]]
    max_run: int
    min_run: int
    min_off: int
    weekend: tuple[int, ...]
    max_weekends: int | None
    min_minutes: int | None
    max_minutes: int | None
    caps: tuple[tuple[int, int], ...]
    work_cost: tuple[tuple[int, ...], ...]
    off_cost: tuple[int, ...]
    must_work: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if any(d <= 0 for d in self.durations):
            raise ValueError("the path counts minutes: every shift must last > 0 minutes")
        if self.max_run < 1 or self.min_run < 1 or self.min_off < 1:
            raise ValueError("run lengths must be >= 1")


def person_rules(scenario: Scenario) -> PersonRules | None:
    """The path's rules of the only person of ``scenario``; ``None`` when the path cannot
    follow them (a rule field of theirs the table does not price, a shift of no length, a
    weekend that is not one day or two in a row)."""
    (person,) = scenario.staff
    shifts = scenario.shifts
    num_days = scenario.num_days
    rules = scenario.rules
    if any(not f.priced and f.is_set(person) for f in PERSON_FIELDS):
        return None
    if any(shift.duration <= 0 for shift in shifts):
        return None
    codes = {shift.code: s for s, shift in enumerate(shifts)}
    allowed = [[True] * len(shifts) for _ in range(num_days)]
    for leave in scenario.leave:
        if leave.status != "approved" or leave.staff_id != person.id:
            continue
        for day in leave.days():
            if scenario.start <= day <= scenario.end:
                allowed[scenario.day_index(day)] = [False] * len(shifts)
    banned = {codes[code] for code, cap in person.max_per_shift if cap == 0}
    if not person.can_work_nights:
        banned |= {s for s, shift in enumerate(shifts) if shift.night}
    for row in allowed:
        for s in banned:
            row[s] = False
    table = listed_successors(
        shifts,
        scenario.forbidden_successions,
        forbidden_successors(shifts, rules.min_rest_minutes, rules.handover_minutes),
    )
    cannot = frozenset((s1, s2) for (s1, k), later in table.items() if k == 1 for s2 in later)
    weekend = [-1] * num_days
    groups = weekends(list(scenario.days))
    for g, group in enumerate(groups):
        if group != list(range(group[0], group[0] + len(group))) or len(group) > 2:
            return None
        for d in group:
            weekend[d] = g
    limit = person.max_weekends
    work = [[0] * len(shifts) for _ in range(num_days)]
    off = [0] * num_days
    for req in scenario.requests:
        if req.staff_id != person.id or req.weight == 0:
            continue
        d = scenario.day_index(req.date)
        # R15's reading: "want OFF" is broken by any shift, "avoid OFF" by none (by the
        # day off); "want S" by any other shift and the day off, "avoid S" by S alone.
        want = req.kind == "want"
        for s in range(len(shifts)):
            if want if req.shift == OFF else (s == codes[req.shift]) != want:
                work[d][s] += req.weight
        if want != (req.shift == OFF):
            off[d] += req.weight
    return PersonRules(
        num_days=num_days,
        durations=tuple(shift.duration for shift in shifts),
        allowed=tuple(tuple(row) for row in allowed),
        cannot_follow=cannot,
        max_run=max(1, min(person.consecutive_limit(rules.max_consecutive_days), num_days)),
        min_run=max(1, person.min_consecutive_days or 1),
        min_off=max(1, person.min_consecutive_off or 1),
        weekend=tuple(weekend),
        max_weekends=None if limit is None or limit >= len(groups) else limit,
        min_minutes=person.min_minutes or None,
        max_minutes=person.max_minutes,
        caps=tuple((codes[code], cap) for code, cap in person.max_per_shift if 0 < cap < num_days),
        work_cost=tuple(tuple(row) for row in work),
        off_cost=tuple(off),
    )


@dataclass(frozen=True)
class Path:
    """A plan the path found: its value (scaled wish costs less prices), its (day,
    shift) cells, and (from :func:`cheapest_plan`) the capped shifts the search counted to
    keep their caps; ``()`` from :func:`plans_within`."""

    value: int
    cells: frozenset[tuple[int, int]]
    tracked: tuple[int, ...] = ()


class _Layout:
    """The state axes: (class of the last day, run length, minutes, weekends, *caps).

    Shifts that are the same for every rule the path keeps (length, what may follow them,
    what they may follow, no tracked cap) form one class: the path keeps only the
    cheapest of a class each day, so a day has fewer choices than shifts."""

    def __init__(self, rules: PersonRules, tracked: tuple[int, ...], scale: int) -> None:
        self.rules = rules
        self.tracked = tracked
        shifts = range(len(rules.durations))
        unit = 0
        for s in shifts:
            unit = math.gcd(unit, rules.durations[s])
        self.units = [rules.durations[s] // unit for s in shifts]
        if rules.max_minutes is not None:
            self.minutes_cap = rules.max_minutes // unit
            self.saturate = False
        else:
            low = math.ceil((rules.min_minutes or 1) / unit)
            self.minutes_cap = max(1, low)
            self.saturate = True  # minutes above what the minimum needs all count the same
        self.minutes_low = 0 if not rules.min_minutes else math.ceil(rules.min_minutes / unit)
        keys: dict[tuple[object, ...], list[int]] = {}
        for s in shifts:
            if not any(rules.allowed[d][s] for d in range(rules.num_days)):
                continue
            after = frozenset(t for t in shifts if (s, t) in rules.cannot_follow)
            before = frozenset(t for t in shifts if (t, s) in rules.cannot_follow)
            key = (self.units[s], after, before, s if s in tracked else None)
            keys.setdefault(key, []).append(s)
        self.classes = list(keys.values())  # class k + 1 is a work class; 0 is "off"
        self.off_cap = rules.min_off
        self.runs = max(rules.max_run, self.off_cap) + 1
        self.weekends = 1 if rules.max_weekends is None else rules.max_weekends + 1
        caps = dict(rules.caps)
        self.caps = [caps[s] + 1 for s in tracked]
        self.shape = (
            1 + len(self.classes),
            self.runs,
            self.minutes_cap + 1,
            self.weekends,
            *self.caps,
        )
        self.size = int(np.prod(self.shape))
        self.may_follow = [
            [k for k, a in enumerate(self.classes) if (a[0], members[0]) not in rules.cannot_follow]
            for members in self.classes
        ]
        self.scale = scale


def cheapest_plan(
    rules: PersonRules,
    prices: Mapping[tuple[int, int], int],
    scale: int,
    tracked: tuple[int, ...] = (),
) -> Path | None:
    """The plan of least ``scale * wish cost - sum of its cells' prices`` under the path's
    rules, or ``None`` if there is none or the path would be too large. Caps are tracked
    as plans break them, so the answer keeps every rule of ``rules``. ``tracked``: capped
    shifts counted from the start (a caller pricing the same person again passes the last
    path's ``tracked``: each cap found broken costs another forward pass). Not where
    counting them would more than double a pass (:func:`_pass_cost`): where counted caps
    multiply a person's states, a hint costs more than the pass it may save. The value
    never depends on ``tracked``; among plans of equal value, which one comes back may."""
    caps = dict(rules.caps)
    tracked = tuple(sorted({s for s in tracked if s in caps}))  # (a hint of other rules)
    if tracked and _pass_cost(rules, tracked, scale) > 2 * _pass_cost(rules, (), scale):
        tracked = ()  # a wrong guess costs more than the second pass it may save
    found = _tracked_search(rules, prices, scale, tracked)
    if found is None and tracked:  # (counting more caps may pass the state limit)
        found = _tracked_search(rules, prices, scale)
    return None if found is None else found[1]


PASS_STATES = 5_000
"""A forward pass's fixed cost in states: a pass over ``n`` states costs about as much as
``n + PASS_STATES`` states' work."""


def _pass_cost(rules: PersonRules, tracked: tuple[int, ...], scale: int) -> int:
    """A forward pass's cost in states, counting ``tracked`` caps."""
    return PASS_STATES + _Layout(rules, tracked, scale).size


def plans_within(
    rules: PersonRules,
    prices: Mapping[tuple[int, int], int],
    scale: int,
    slack: int,
    most: int,
) -> list[Path] | None:
    """Every plan keeping the path's rules whose value is at most ``slack`` above the
    cheapest one's (cheapest first), or ``None`` when there are more than ``most``, none
    at all, or the path would be too large.

    Why: the month plans prove a roster optimal with them. A roster cheaper than the best
    known uses, for each person, a plan within the gap between that roster and the bound
    of these prices; if the choice among all such plans finds nothing cheaper, nothing is.
    """
    found = _tracked_search(rules, prices, scale)
    if found is None:
        return None
    search, best = found
    caps = dict(rules.caps)
    limit = best.value + slack
    # Every state walked back to has a plan through it within the limit (its forward value
    # is the cheapest way there), so the walk is at most ``most`` plans times the days.
    out: list[Path] = []
    walked = 0
    for final in _final_states(search, limit):
        stack: list[tuple[int, tuple[int, ...], int, tuple[tuple[int, int], ...]]] = [
            (rules.num_days - 1, final, 0, ())
        ]
        while stack:
            d, state, suffix, cells = stack.pop()
            if d < 0:
                walked += 1  # plans broken by a cap count too: they were walked
                if walked > most:
                    return None
                if not _broken_caps(cells, caps):
                    out.append(Path(suffix, frozenset(cells)))
                continue
            before = search.days[d]
            earlier = _predecessors(search.layout, d, state)
            for step, cell in search.options(d, state[0]):
                for prev in earlier:
                    pv = before[prev]
                    if pv + step + suffix <= limit:
                        more = cells if cell is None else (*cells, cell)
                        stack.append((d - 1, prev, suffix + step, more))
    out.sort(key=lambda path: path.value)
    return out


@dataclass
class _Search:
    """The path's forward pass: every day's state values, and each day's class costs."""

    layout: _Layout
    days: list[Costs]
    cost: list[list[int]]
    pick: list[list[int]]
    prices: Mapping[tuple[int, int], int]

    def options(self, d: int, k: int) -> list[tuple[int, tuple[int, int] | None]]:
        """What class ``k`` on day ``d`` may be: its allowed shifts' costs and cells (off: one)."""
        rules = self.layout.rules
        if k == 0:
            return [] if d in rules.must_work else [(rules.off_cost[d] * self.layout.scale, None)]
        return [
            (self.layout.scale * rules.work_cost[d][s] - self.prices.get((d, s), 0), (d, s))
            for s in self.layout.classes[k - 1]
            if rules.allowed[d][s]
        ]


def _final_states(search: _Search, limit: int) -> list[tuple[int, ...]]:
    """The last day's states worth at most ``limit`` with enough minutes."""
    layout = search.layout
    last = search.days[-1][:, :, layout.minutes_low :]
    out = []
    for flat in np.flatnonzero(last <= limit):
        state = [int(i) for i in np.unravel_index(int(flat), last.shape)]
        state[2] += layout.minutes_low
        out.append(tuple(state))
    return out


def _broken_caps(cells: Iterable[tuple[int, int]], caps: Mapping[int, int]) -> tuple[int, ...]:
    """The shifts whose cap the plan of ``cells`` breaks."""
    counts: dict[int, int] = {}
    for _, s in cells:
        counts[s] = counts.get(s, 0) + 1
    return tuple(s for s, cap in caps.items() if counts.get(s, 0) > cap)


def _tracked_search(
    rules: PersonRules,
    prices: Mapping[tuple[int, int], int],
    scale: int,
    tracked: tuple[int, ...] = (),
) -> tuple[_Search, Path] | None:
    """The forward pass and cheapest plan, with ``tracked`` (capped shifts, sorted, once
    each: :func:`cheapest_plan` makes them so) and every cap the cheapest plan would break
    tracked in the states."""
    caps = dict(rules.caps)
    while True:
        layout = _Layout(rules, tracked, scale)
        if layout.size > MAX_STATES:
            return None
        search = _forward(layout, prices)
        path = _cheapest(search)
        if path is None:
            return None
        broken = _broken_caps(path.cells, caps)
        if not broken:
            return search, Path(path.value, path.cells, tracked)
        tracked = tuple(sorted({*tracked, *broken}))


def _costs(
    layout: _Layout, prices: Mapping[tuple[int, int], int]
) -> tuple[list[list[int]], list[list[int]]]:
    """Each day's cost of each class (its cheapest allowed member) and that member."""
    rules = layout.rules
    cost: list[list[int]] = []
    pick: list[list[int]] = []
    for d in range(rules.num_days):
        row, who = [], []
        for members in layout.classes:
            best, arg = int(INF), -1
            for s in members:
                if rules.allowed[d][s]:
                    c = layout.scale * rules.work_cost[d][s] - prices.get((d, s), 0)
                    if c < best:
                        best, arg = c, s
            row.append(best)
            who.append(arg)
        cost.append(row)
        pick.append(who)
    return cost, pick


def _place(target: Costs, source: Costs, offsets: tuple[int, ...], saturate: int | None) -> None:
    """``target`` at each index ``i + offsets`` lowered to ``source`` at ``i``, in place;
    what falls off an axis's end is dropped, or on axis ``saturate`` kept in its last place.

    Why: one slice per move in place of a shifted copy per axis (the path's forward pass
    was mostly allocations)."""
    dst: list[slice] = []
    src: list[slice] = []
    for n, k in zip(target.shape, offsets, strict=True):
        dst.append(slice(min(k, n), n))
        src.append(slice(0, max(0, n - k)))
    view = target[tuple(dst)]
    if view.size:
        np.minimum(view, source[tuple(src)], out=view)
    if saturate is not None and offsets[saturate] > 0:
        n, k = target.shape[saturate], offsets[saturate]
        dst[saturate] = slice(n - 1, n)
        src[saturate] = slice(max(0, n - k), n)
        last = target[tuple(dst)]
        if last.size:
            np.minimum(last, source[tuple(src)].min(axis=saturate, keepdims=True), out=last)


def _step(layout: _Layout, old: Costs, d: int, cost: list[int]) -> Costs:
    """The states of day ``d`` from those of day ``d - 1``."""
    rules = layout.rules
    new = np.full(layout.shape, INF, dtype=np.int64)
    off = old[0]
    cap = layout.off_cap
    here = new[0]
    # Off today: after an off day (the run grows, saturating at the minimum) ...
    here[2 : cap + 1] = off[1:cap]
    np.minimum(here[cap], off[cap], out=here[cap])
    # ... or after a run of work long enough, or touching day 0 (exempt).
    if layout.classes:
        ok = np.zeros(layout.runs, dtype=bool)
        ok[rules.min_run :] = True
        if d < layout.runs:
            ok[d] = True
        ok[0] = False
        if ok.any():
            ended = old[1:, : layout.runs].min(axis=0)
            np.minimum(here[1], ended[ok].min(axis=0), out=here[1])
    if d in rules.must_work:
        here.fill(INF)
    else:
        here += rules.off_cost[d] * layout.scale
    # Work today from an off day: the off run was long enough. (The month's first off run
    # is exempt: it starts from the full-length off run before day 0, see _forward.)
    fresh = off[layout.off_cap :].min(axis=0)
    weekend = rules.weekend[d]
    first_of_weekend = weekend >= 0 and (d == 0 or rules.weekend[d - 1] != weekend)
    counted = weekend >= 0 and rules.max_weekends is not None
    saturate = 1 if layout.saturate else None
    cache: dict[tuple[int, ...], Costs] = {}
    for k, members in enumerate(layout.classes):
        c = cost[k]
        if c >= INF:
            continue
        froms = tuple(layout.may_follow[k])
        tracked = [0] * len(layout.tracked)
        if members[0] in layout.tracked:
            tracked[layout.tracked.index(members[0])] = 1
        unit = layout.units[members[0]]
        target = new[1 + k]
        if froms:
            if froms not in cache:
                cache[froms] = old[[1 + a for a in froms]].min(axis=0)
            # Another day of the run (r -> r + 1, at most the longest run); a weekend's
            # first day counts one more weekend.
            week = 1 if counted and first_of_weekend else 0
            _place(
                target[: rules.max_run + 1],
                cache[froms],
                (1, unit, week, *tracked),
                saturate,
            )
        # A run's first day, after a long enough off run; any weekend day starts one.
        _place(target[1], fresh, (unit, 1 if counted else 0, *tracked), 0 if saturate else None)
        target += c
    np.minimum(new, INF, out=new)
    return new


def _forward(layout: _Layout, prices: Mapping[tuple[int, int], int]) -> _Search:
    cost, pick = _costs(layout, prices)
    start = np.full(layout.shape, INF, dtype=np.int64)
    # Before day 0: a full-length off run, so the month's first off run and first work
    # run are both exempt from the minimum runs (runs touching the horizon's start).
    start[(0, layout.off_cap) + (0,) * (len(layout.shape) - 2)] = 0
    days = [start]
    for d in range(layout.rules.num_days):
        days.append(_step(layout, days[-1], d, cost[d]))
    return _Search(layout, days, cost, pick, prices)


def _cheapest(search: _Search) -> Path | None:
    layout = search.layout
    last = search.days[-1][:, :, layout.minutes_low :]
    if last.size == 0:  # the minimum minutes are above the maximum
        return None
    flat = int(last.argmin())
    value = int(last.flat[flat])
    if value >= INF // 2:
        return None
    state = list(np.unravel_index(flat, last.shape))
    state[2] += layout.minutes_low
    cells = _trace(layout, search.days, search.cost, search.pick, tuple(int(i) for i in state))
    return Path(value, frozenset(cells))


def _trace(
    layout: _Layout,
    days: list[Costs],
    cost: list[list[int]],
    pick: list[list[int]],
    state: tuple[int, ...],
) -> list[tuple[int, int]]:
    """The cells of a cheapest path to ``state`` on the last day, walked back day by day
    through predecessor states whose value plus the day's cost matches."""
    rules = layout.rules
    cells = []
    for d in range(rules.num_days - 1, -1, -1):
        here = days[d + 1][state]
        before = days[d]
        found = None
        step = rules.off_cost[d] * layout.scale if state[0] == 0 else cost[d][state[0] - 1]
        for prev in _predecessors(layout, d, state):
            if before[prev] < INF // 2 and before[prev] + step == here:
                found = prev
                break
        if found is None:  # pragma: no cover - the forward pass and this walk disagree
            raise AssertionError(f"no predecessor for day {d} state {state}")
        if state[0] > 0:
            cells.append((d, pick[d][state[0] - 1]))
        state = found
    return cells


def _predecessors(layout: _Layout, d: int, state: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Every state of day ``d - 1`` that :func:`_step` moves to ``state`` on day ``d``."""
    rules = layout.rules
    k, r, m, w, *caps = state
    out: list[tuple[int, ...]] = []
    if k == 0:
        rest = (m, w, *caps)
        if r == 1:
            for a in range(1, len(layout.classes) + 1):
                for run in range(1, layout.runs):
                    if run >= rules.min_run or run == d:
                        out.append((a, run, *rest))
        if r > 1:
            out.append((0, r - 1, *rest))
        if r == layout.off_cap:
            out.append((0, r, *rest))
        return out
    members = layout.classes[k - 1]
    unit = layout.units[members[0]]
    if layout.saturate and m == layout.minutes_cap:
        minutes = list(range(max(0, m - unit), m + 1))
    else:
        minutes = [m - unit] if m - unit >= 0 else []
    prev_caps = list(caps)
    if members[0] in layout.tracked:
        i = layout.tracked.index(members[0])
        prev_caps[i] -= 1
        if prev_caps[i] < 0:
            return []
    weekend = rules.weekend[d] if rules.max_weekends is not None else -1
    first_of_weekend = weekend >= 0 and (d == 0 or rules.weekend[d - 1] != weekend)
    for mm in minutes:
        if r == 1:
            ww = w - (1 if weekend >= 0 else 0)
            if ww < 0:
                continue
            out.append((0, layout.off_cap, mm, ww, *prev_caps))
        else:
            ww = w - (1 if first_of_weekend else 0)
            if ww < 0:
                continue
            for a in layout.may_follow[k - 1]:
                out.append((1 + a, r - 1, mm, ww, *prev_caps))
    return out
