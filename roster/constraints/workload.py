"""R7 WORKLOAD: shifts, nights, each shift type and minutes per person in the horizon."""

from __future__ import annotations

from roster.constraints.context import Context, Penalty, RuleFamily


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
        if person.min_minutes or person.max_minutes is not None:
            # Shift lengths without handover: the Curtois benchmark's convention.
            minutes = sum(
                v.x(p, d, s) * shift.duration
                for d in range(num_days)
                for s, shift in enumerate(ctx.shifts)
            )
            if person.min_minutes:
                ctx.add("R7", minutes >= person.min_minutes)
            if person.max_minutes is not None:
                ctx.add("R7", minutes <= person.max_minutes)
        codes = {shift.code: s for s, shift in enumerate(ctx.shifts)}
        for code, cap in person.max_per_shift:
            s = codes[code]
            ctx.add("R7", sum(v.x(p, d, s) for d in range(num_days)) <= cap)
    return []


FAMILY = RuleFamily("workload", order=40, rules=("R7",), apply=apply, guarded=("R7",))
