"""R20 COMPLETE WEEKENDS: a person with ``complete_weekends`` works both days of a weekend
or neither; a weekend cut by the horizon's edge (one day inside) is exempt."""

from __future__ import annotations

from roster.constraints.context import Context, Penalty, RuleFamily
from roster.constraints.weekends import weekends


def apply(ctx: Context) -> list[Penalty]:
    v = ctx.vars
    whole = [group for group in weekends(ctx.days) if len(group) == 2]
    for p, person in enumerate(ctx.staff):
        if not person.complete_weekends:
            continue
        for saturday, sunday in whole:
            ctx.add("R20", v.works(p, saturday) == v.works(p, sunday))
    return []


# After R18's weekends (50): a scenario without the field builds exactly what it did.
FAMILY = RuleFamily("complete weekends", order=55, rules=("R20",), apply=apply, guarded=("R20",))
