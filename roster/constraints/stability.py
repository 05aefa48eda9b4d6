"""R17 STABILITY: re-planning a published roster changes as few cells as possible."""

from __future__ import annotations

from roster.constraints.context import Context, LinearExpr, Penalty, RuleFamily


def apply(ctx: Context) -> list[Penalty]:
    sc = ctx.scenario
    weight = sc.weights.stability
    if not sc.published or weight == 0:
        return []
    v = ctx.vars
    codes = {s.code: i for i, s in enumerate(sc.shifts)}
    published: dict[tuple[str, int], str] = {}
    for a in sc.published:
        if sc.start <= a.date <= sc.end:
            published.setdefault((a.staff_id, sc.day_index(a.date)), a.shift)
    penalties = []
    for p, person in enumerate(sc.staff):
        for d, day in enumerate(ctx.days):
            code = published.get((person.id, d))
            changed: LinearExpr = v.works(p, d) if code is None else 1 - v.x(p, d, codes[code])
            penalties.append(
                Penalty(
                    "R17",
                    weight,
                    changed,
                    f"changed from {code or 'off'}",
                    staff_id=person.id,
                    date=day,
                )
            )
    return penalties


FAMILY = RuleFamily("stability", order=120, rules=("R17",), apply=apply)
