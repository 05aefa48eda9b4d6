"""R21 SURPLUS: every person on duty beyond a shift's need is paid for.

Each shift's surplus (people on it beyond its grade seats) costs its marginal prices
(:meth:`roster.calendar.Calendar.surplus_steps`): the day's pay factor, plus how little the
shift needs another person. The prices never fall, so the surplus is split into runs of
equal price that fill in order (a run is used only once the one before it is full), and
the cost is linear in the runs: exact for every roster, and a tight relaxation.

Why runs filled in order rather than the cost as the most of one line per price: with the
lines CP-SAT found no first roster on heavily overstaffed months (benchmarks/HISTORY.md).
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Sequence

from roster.calendar import Calendar
from roster.constraints.context import Context, LinearExpr, Penalty, RuleFamily
from roster.model import GRADES, Scenario


def runs(steps: Sequence[int]) -> list[tuple[int, int]]:
    """(price, people) of each run of equal marginal prices, in order; the last run has
    no end (0 people stands for "any number")."""
    out: list[tuple[int, int]] = []
    for price, group in itertools.groupby(steps):
        out.append((price, len(list(group))))
    if out:
        out[-1] = (out[-1][0], 0)
    return out


def apply(ctx: Context) -> list[Penalty]:
    sc = ctx.scenario
    if sc.weights.surplus == 0:
        return []
    penalties: list[Penalty] = []
    hard = sc.weights.cover_under is None
    for d, day in enumerate(ctx.days):
        for s, shift in enumerate(ctx.shifts):
            steps = ctx.calendar.surplus_steps(day, shift.code)
            need = ctx.calendar.need(day, shift.code)
            most = len(sc.staff) - need
            if not steps or most <= 0:
                continue
            on = sum(ctx.vars.x(p, d, s) for p in ctx.people())
            parts = _filled_in_order(ctx, runs(steps), most, f"d{d}_{shift.code}")
            surplus = sum(part for part, _ in parts)
            seated = need == ctx.calendar.grade_seats(day, shift.code)
            if hard and seated and _all_hard(ctx.calendar, day, shift.code):
                ctx.model.add(surplus == on - need)  # R1 keeps ``on`` at or above the need
            else:
                over = ctx.model.new_int_var(0, most, f"surplus_d{d}_{shift.code}")
                ctx.model.add_max_equality(over, [0, on - need])
                ctx.model.add(surplus == over)
            cost: LinearExpr = sum(price * part for part, price in parts)
            penalties.append(
                Penalty(
                    "R21",
                    1,
                    cost,
                    f"on duty beyond the need of {need} (pay x{ctx.calendar.pay_factor(day):g})",
                    date=day,
                    shift=shift.code,
                )
            )
    return penalties


def _filled_in_order(
    ctx: Context, priced: list[tuple[int, int]], most: int, name: str
) -> list[tuple[LinearExpr, int]]:
    """One count per run (at most its people), each non-zero only when the one before it
    is full: (count, price) pairs whose priced sum is the surplus's exact cost."""
    parts: list[tuple[LinearExpr, int]] = []
    full = None
    for j, (price, people) in enumerate(priced):
        cap = people or most
        part = ctx.model.new_int_var(0, cap, f"surplus_{name}_{j}")
        if full is not None:
            ctx.model.add(part <= cap * full)
        if people:
            full = ctx.model.new_bool_var(f"surplus_full_{name}_{j}")
            ctx.model.add(part >= people * full)
        parts.append((part, price))
    return parts


def _all_hard(calendar: Calendar, day: dt.date, shift: str) -> bool:
    """Every grade seat of the shift is hard, so nobody on it is ever below the need."""
    return all(
        need.weight_under is None
        for grade, need in calendar.needs(day, shift).items()
        if grade in GRADES and need.min > 0
    )


def least_cost(scenario: Scenario, calendar: Calendar) -> int:
    """What surplus every roster pays: people must work at least their ``min_shifts``,
    so at least that many shifts minus every grade seat are surplus, and the cheapest
    way to place them is at the lowest marginal prices of all shifts (each shift's prices
    never fall, so the cheapest units of the month can always be taken in order)."""
    if scenario.weights.surplus == 0:
        return 0
    shifts = sum(p.min_shifts or 0 for p in scenario.staff)
    seats = sum(
        calendar.need(day, shift.code) for day in calendar.days for shift in scenario.shifts
    )
    forced = shifts - seats
    if forced <= 0:
        return 0
    tables = [
        calendar.surplus_steps(day, shift.code)
        for day in calendar.days
        for shift in scenario.shifts
    ]
    # Beyond its steps a shift's price stays at its last one.
    prices = (
        price
        for steps in tables
        if steps
        for price in itertools.chain(steps, itertools.repeat(steps[-1], forced - len(steps)))
    )
    return sum(heapq.nsmallest(forced, prices))


FAMILY = RuleFamily("surplus", order=130, rules=("R21",), apply=apply, least_cost=least_cost)
