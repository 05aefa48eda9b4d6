"""R6 CONSECUTIVE (with R10): runs of working days (a person's own limit first) and of
nights, rest after nights;
R19 MIN RUNS: the shortest runs of worked days and of days off."""

from __future__ import annotations

from roster.constraints.context import Context, Penalty, RuleFamily


def apply(ctx: Context) -> list[Penalty]:
    v = ctx.vars
    rules = ctx.scenario.rules
    num_days = len(ctx.days)
    depth = v.history_depth
    for p in ctx.people():
        for limit, count in (
            (ctx.staff[p].consecutive_limit(rules.max_consecutive_days), v.works),
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
    _min_runs(ctx)
    return []


def _history_streaks(ctx: Context, p: int) -> tuple[int, int | None]:
    """Worked days in a row just before the horizon, and days off in a row just before it
    (``None``: no worked day in history, so the days off reach back without end)."""
    v = ctx.vars
    depth = v.history_depth
    worked = 0
    while worked < depth and v.works(p, -1 - worked) == 1:
        worked += 1
    last = next((d for d in range(-1, -depth - 1, -1) if v.works(p, d) == 1), None)
    return worked, None if last is None else -last - 1


def _min_runs(ctx: Context) -> None:
    """R19: forbid every maximal run shorter than the minimum, run by run.

    A run that ends on the horizon's last day is exempt (it goes on next month); one that
    starts on day 0 is exempt with ``exempt_boundary_runs``, else history lengthens it.
    """
    v = ctx.vars
    num_days = len(ctx.days)
    exempt_start = ctx.scenario.rules.exempt_boundary_runs
    for p, person in enumerate(ctx.staff):
        worked_before, off_before = _history_streaks(ctx, p)
        for minimum, working, before in (
            (person.min_consecutive_days, True, worked_before),
            (person.min_consecutive_off, False, off_before),
        ):
            if minimum is None or minimum <= 1:
                continue
            for length in range(1, minimum):
                for first in range(0, num_days - length):
                    last = first + length - 1  # last + 1 is inside the horizon
                    if first == 0 and (
                        exempt_start or before is None or before + length >= minimum
                    ):
                        continue
                    # in_run counts the run's days that match; edge counts the days around
                    # it that break the run; the run is there when all of them are 1.
                    days = range(first, last + 1)
                    if working:
                        in_run = sum(v.works(p, d) for d in days)
                        edge = 1 - v.works(p, last + 1)
                    else:
                        in_run = sum(1 - v.works(p, d) for d in days)
                        edge = v.works(p, last + 1)
                    size = length + 1
                    if first > 0:
                        edge = edge + (
                            1 - v.works(p, first - 1) if working else v.works(p, first - 1)
                        )
                        size += 1
                    ctx.add("R19", in_run + edge <= size - 1)


FAMILY = RuleFamily(
    "sequences", order=30, rules=("R6", "R10", "R19"), apply=apply, guarded=("R6", "R10", "R19")
)
