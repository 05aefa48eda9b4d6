"""R6 CONSECUTIVE (with R10): runs of working days and of nights, rest after nights."""

from __future__ import annotations

from roster.constraints.context import Context, Penalty


def apply(ctx: Context) -> list[Penalty]:
    v = ctx.vars
    rules = ctx.scenario.rules
    num_days = len(ctx.days)
    depth = v.history_depth
    for p in ctx.people():
        for limit, count in (
            (rules.max_consecutive_days, v.works),
            (rules.max_consecutive_nights, v.night),
        ):
            # Every window of limit+1 days touching the horizon has a day without it.
            for first in range(-min(limit, depth), num_days - limit):
                window = range(first, first + limit + 1)
                rule = "R10" if first < 0 else "R6"
                ctx.add(rule, sum(count(p, d) for d in window) <= limit)
        rest_days = rules.min_off_after_nights
        if rest_days == 0:
            continue
        for d in range(-min(rest_days, depth), num_days - 1):
            ended = v.night(p, d) - v.night(p, d + 1)  # 1 when a night block ends on d
            if isinstance(ended, int) and ended <= 0:
                continue
            for j in range(1, rest_days + 1):
                if 0 <= d + j < num_days:
                    rule = "R10" if d < 0 else "R6"
                    ctx.add(rule, v.works(p, d + j) + ended <= 1)
    return []
