"""R13 MEETINGS: no night shift touching the monthly meeting or the team-leader meeting."""

from __future__ import annotations

import datetime as dt

from roster.constraints.context import Context, Penalty
from roster.model import MINUTES_PER_DAY


def apply(ctx: Context) -> list[Penalty]:
    sc = ctx.scenario
    weight = sc.weights.meetings
    if weight == 0:
        return []
    meetings: list[tuple[dt.date, str, bool]] = [
        (day, "monthly meeting", False) for day in ctx.calendar.monthly_meetings
    ] + [(day, "team-leader meeting", True) for day in ctx.calendar.team_meetings]
    penalties = []
    for day, label, leaders_only in meetings:
        m = sc.day_index(day)
        lo, hi = m * MINUTES_PER_DAY, (m + 1) * MINUTES_PER_DAY
        touching = [
            (d, s)
            for d in (m - 1, m)
            if 0 <= d < sc.num_days
            for s, shift in enumerate(ctx.shifts)
            if shift.night and shift.interval(d)[0] < hi and shift.interval(d)[1] > lo
        ]
        if not touching:
            continue
        for p, person in enumerate(sc.staff):
            if leaders_only and not person.has_role("team_leader"):
                continue
            penalties.append(
                Penalty(
                    "R13",
                    weight,
                    sum(ctx.vars.x(p, d, s) for d, s in touching),
                    f"night shift touching the {label} on {day}",
                    staff_id=person.id,
                    date=day,
                )
            )
    return penalties
