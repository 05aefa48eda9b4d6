"""R4 ONE SHIFT and R5 REST (with R10 across the start of the horizon).

Rest is computed from the shift table's times and the handover, so any pattern of shifts
works; pairs of shifts too close together are forbidden on the days they would follow, and
so are the scenario's explicit ``forbidden_successions`` (shift Y the day after shift X).
"""

from __future__ import annotations

from roster.constraints.context import Context, Penalty, RuleFamily
from roster.model import MINUTES_PER_DAY, Shift


def forbidden_successors(
    shifts: tuple[Shift, ...], min_rest: int, handover: int
) -> dict[tuple[int, int], list[int]]:
    """(earlier shift, day offset k >= 1) -> later shifts that would start too soon."""
    table: dict[tuple[int, int], list[int]] = {}
    for s1, first in enumerate(shifts):
        end = first.start + first.duration
        for k in range(1, 8):
            too_close = [
                s2
                for s2, second in enumerate(shifts)
                if k * MINUTES_PER_DAY + second.start - handover - end < min_rest
            ]
            if not too_close:
                break
            table[(s1, k)] = too_close
    return table


def listed_successors(
    shifts: tuple[Shift, ...],
    pairs: tuple[tuple[str, str], ...],
    table: dict[tuple[int, int], list[int]],
) -> dict[tuple[int, int], list[int]]:
    """The table with the scenario's explicit (X, Y) pairs added at day offset 1."""
    index = {shift.code: s for s, shift in enumerate(shifts)}
    merged = {key: list(later) for key, later in table.items()}
    for first, second in pairs:
        later = merged.setdefault((index[first], 1), [])
        if index[second] not in later:
            later.append(index[second])
    return merged


def apply(ctx: Context) -> list[Penalty]:
    v = ctx.vars
    rules = ctx.scenario.rules
    forbidden = listed_successors(
        ctx.shifts,
        ctx.scenario.forbidden_successions,
        forbidden_successors(ctx.shifts, rules.min_rest_minutes, rules.handover_minutes),
    )
    num_days = len(ctx.days)
    for p in ctx.people():
        for d in range(num_days):
            # R4 is structural: the diagnosis never relaxes it.
            ctx.model.add_at_most_one(v.day_vars(p, d))
        for (s1, k), later in forbidden.items():
            for d in range(num_days - k):
                # At most one of "s1 on d" and the (mutually exclusive) too-close shifts on d+k.
                ctx.add("R5", v.x(p, d, s1) + sum(v.x(p, d + k, s2) for s2 in later) <= 1)
            for d in range(-k, 0):
                if v.history_shift(p, d) == s1 and 0 <= d + k < num_days:
                    for s2 in later:
                        ctx.add("R10", v.x(p, d + k, s2) == 0)
    return []


# R4 is structural (one shift a day is what a roster is): the diagnosis never relaxes it.
FAMILY = RuleFamily("rest", order=20, rules=("R4", "R5", "R10"), apply=apply, guarded=("R5", "R10"))
