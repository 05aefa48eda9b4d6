"""R18 WEEKENDS: a person's ``max_weekends`` caps the weekends worked in the horizon."""

from __future__ import annotations

import datetime as dt

from roster.constraints.context import Context, Penalty, RuleFamily


def weekends(days: list[dt.date]) -> list[list[int]]:
    """Day indices of each weekend (Sat and Sun of one calendar week) inside the horizon;
    a weekend cut by the horizon's edge keeps the day that is inside."""
    groups: dict[tuple[int, int], list[int]] = {}
    for d, date in enumerate(days):
        if date.weekday() >= 5:
            iso = date.isocalendar()
            groups.setdefault((iso.year, iso.week), []).append(d)
    return list(groups.values())


def apply(ctx: Context) -> list[Penalty]:
    v = ctx.vars
    groups = weekends(ctx.days)
    for p, person in enumerate(ctx.staff):
        if person.max_weekends is None or len(groups) <= person.max_weekends:
            continue
        worked = []
        for w, group in enumerate(groups):
            # Only the upper bound matters: a shift on Sat or Sun marks the weekend worked.
            flag = ctx.model.new_bool_var(f"weekend_{person.id}_w{w}")
            for d in group:
                ctx.add("R18", v.works(p, d) <= flag)
            worked.append(flag)
        ctx.add("R18", sum(worked) <= person.max_weekends)
    return []


FAMILY = RuleFamily("weekends", order=50, rules=("R18",), apply=apply, guarded=("R18",))
