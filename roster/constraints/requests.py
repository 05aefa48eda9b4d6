"""R15 REQUESTS: wishes for a shift or a day off, each at its own weight."""

from __future__ import annotations

from roster.constraints.context import Context, LinearExpr, Penalty, RuleFamily
from roster.model import OFF


def apply(ctx: Context) -> list[Penalty]:
    sc = ctx.scenario
    v = ctx.vars
    index = {s.id: i for i, s in enumerate(sc.staff)}
    codes = {s.code: i for i, s in enumerate(sc.shifts)}
    penalties = []
    for req in sc.requests:
        if req.weight == 0:
            continue
        p, d = index[req.staff_id], sc.day_index(req.date)
        worked: LinearExpr = v.works(p, d) if req.shift == OFF else v.x(p, d, codes[req.shift])
        # "want OFF" is broken by working; "want S" by not working S; "avoid" the reverse.
        broken = worked if (req.kind == "want") == (req.shift == OFF) else 1 - worked
        penalties.append(
            Penalty(
                "R15",
                req.weight,
                broken,
                f"{req.kind} {req.shift} on {req.date}",
                staff_id=req.staff_id,
                date=req.date,
                shift=None if req.shift == OFF else req.shift,
            )
        )
    return penalties


FAMILY = RuleFamily("requests", order=110, rules=("R15",), apply=apply)
