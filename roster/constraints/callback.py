"""R12 CALLBACK GAP: the callback seat is never unstaffed longer than the limit."""

from __future__ import annotations

from roster.constraints.context import Context, Penalty, RuleFamily
from roster.model import MINUTES_PER_DAY


def apply(ctx: Context) -> list[Penalty]:
    sc = ctx.scenario
    seat = [p for p, person in enumerate(sc.staff) if person.has_role("callback")]
    if not seat:
        return []
    limit = sc.rules.callback_max_gap_hours * 60
    horizon_end = sc.num_days * MINUTES_PER_DAY
    slots = []
    for d in range(sc.num_days):
        for s, shift in enumerate(ctx.shifts):
            begin, end = shift.interval(d)
            staffed = ctx.model.new_bool_var(f"callback_d{d}_{shift.code}")
            # Staffed only if a callback person works it (the only direction rules need).
            ctx.model.add(staffed <= sum(ctx.vars.x(p, d, s) for p in seat))
            slots.append((begin, end, staffed))
    # From every moment the seat is left (and from the horizon start), it must be staffed
    # again within the limit, unless the horizon ends first.
    anchors = [(0, None)] + [(end, staffed) for _, end, staffed in slots]
    for anchor, condition in anchors:
        if anchor + limit >= horizon_end:
            continue
        nxt = [staffed for begin, end, staffed in slots if begin <= anchor + limit and end > anchor]
        if condition is None:
            ctx.add_bool_or("R12", nxt)
        else:
            ctx.add_implication_or("R12", condition, nxt)
    return []


FAMILY = RuleFamily("callback", order=70, rules=("R12",), apply=apply, guarded=("R12",))
