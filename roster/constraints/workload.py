"""R7 WORKLOAD: shifts, nights and each shift type per person in the horizon."""

from __future__ import annotations

from roster.constraints.context import Context, Penalty


def apply(ctx: Context) -> list[Penalty]:
    v = ctx.vars
    num_days = len(ctx.days)
    for p, person in enumerate(ctx.staff):
        total = sum(v.works(p, d) for d in range(num_days))
        if person.min_shifts is not None and person.min_shifts > 0:
            ctx.add("R7", total >= person.min_shifts)
        if person.max_shifts is not None:
            ctx.add("R7", total <= person.max_shifts)
        nights = sum(v.night(p, d) for d in range(num_days))
        if not person.can_work_nights:
            ctx.add("R7", nights == 0)
        elif person.max_nights is not None:
            ctx.add("R7", nights <= person.max_nights)
        codes = {shift.code: s for s, shift in enumerate(ctx.shifts)}
        for code, cap in person.max_per_shift:
            s = codes[code]
            ctx.add("R7", sum(v.x(p, d, s) for d in range(num_days)) <= cap)
    return []
