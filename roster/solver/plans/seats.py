"""The cover seats the master prices, and whether a month splits into one problem per
person (only grade cover seats shared)."""

from __future__ import annotations

from dataclasses import dataclass

from roster.calendar import Calendar
from roster.model import GRADES, Scenario

PRICE_SCALE = 10_000
"""Seat prices are rounded to 1/10,000 so each person's best plan is priced exactly in
integers: the bound is then exact, not subject to float tolerance."""

HARD_SEAT_WEIGHT = 1000
"""A hard seat enters the master at this many times the largest soft weight: the
Lagrangian bound holds for any price of a hard seat, so the choice affects speed only."""


@dataclass(frozen=True)
class Seat:
    """One linear cover row of the master: people of ``grade`` on shift ``s`` of day ``d``
    at least ``least`` (each one missing costs ``under``) and at most ``most`` (each one
    above costs ``over``)."""

    d: int
    s: int
    grade: str
    least: int
    most: int | None
    under: int
    over: int
    hard: bool = False


def decomposable(scenario: Scenario, calendar: Calendar) -> bool:
    """True when people share only grade cover seats, which the master prices exactly.

    Team-leader seats (R2), role seats (R3), the callback seat (R12), QA reach (R11),
    fairness spreads (R14), the surplus's rising price (R21) and seats shared across
    grades (upward substitution with more than one grade) tie people together in ways the
    master does not price."""
    sc = scenario
    if sc.rules.require_team_leader or sc.weights.fairness > 0 or sc.swaps:
        return False
    if sc.weights.surplus > 0:
        return False
    if any(p.has_role("callback") for p in sc.staff):
        return False
    qa = sc.weights.qa_reach > 0 and sc.rules.qa_min_shared_shifts > 0
    if qa and any(p.has_role("quality_inspector") for p in sc.staff):
        return False
    grades = {p.grade for p in sc.staff}
    for day in sc.days:
        for shift in sc.shifts:
            needs = calendar.needs(day, shift.code)
            if any(r not in GRADES and n.min > 0 for r, n in needs.items()):
                return False
            seated = {r for r, n in needs.items() if r in GRADES and n.min > 0}
            if sc.rules.upward_substitution and len(grades | seated) > 1 and seated:
                return False
    return True


def seats_of(scenario: Scenario, calendar: Calendar) -> list[Seat]:
    sc = scenario
    weights = sc.weights
    soft = [weights.cover_under or 0, weights.cover_over]
    soft += [max(c.weight_under or 0, c.weight_over or 0) for c in sc.cover]
    hard = HARD_SEAT_WEIGHT * max(1, *soft)
    seats = []
    for d, day in enumerate(sc.days):
        for s, shift in enumerate(sc.shifts):
            for grade, need in calendar.needs(day, shift.code).items():
                if grade not in GRADES:
                    continue
                under = need.weight_under if need.weight_under is not None else weights.cover_under
                over = need.weight_over if need.weight_over is not None else weights.cover_over
                least = need.min if under is None or under > 0 else 0
                most = need.max if over > 0 else None
                if least == 0 and most is None:
                    continue
                cost = hard if under is None else under
                seats.append(Seat(d, s, grade, least, most, cost, over, under is None))
    return seats
