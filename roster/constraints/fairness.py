"""R14 FAIRNESS: nights, weekends and holidays spread evenly within each grade."""

from __future__ import annotations

from roster.constraints.context import Context, LinearExpr, Penalty
from roster.model import GRADES


def apply(ctx: Context) -> list[Penalty]:
    sc = ctx.scenario
    weight = sc.weights.fairness
    if weight == 0:
        return []
    v = ctx.vars
    weekend_days = [d for d, day in enumerate(ctx.days) if ctx.calendar.is_weekend(day)]
    holiday_days = [d for d, day in enumerate(ctx.days) if ctx.calendar.is_holiday(day)]
    penalties = []
    for grade in GRADES:
        members = [p for p, s in enumerate(sc.staff) if s.grade == grade]
        # (FairnessBand kind, label, people counted, their counts)
        kinds: list[tuple[str, str, list[int], list[LinearExpr]]] = []
        night_people = [p for p in members if sc.staff[p].can_work_nights]
        if any(shift.night for shift in ctx.shifts):
            kinds.append(
                (
                    "nights",
                    "nights",
                    night_people,
                    [sum(v.night(p, d) for d in range(sc.num_days)) for p in night_people],
                )
            )
        if weekend_days:
            kinds.append(
                (
                    "weekend",
                    "weekend shifts",
                    members,
                    [sum(v.works(p, d) for d in weekend_days) for p in members],
                )
            )
        if holiday_days:
            kinds.append(
                (
                    "holiday",
                    "holiday shifts",
                    members,
                    [sum(v.works(p, d) for d in holiday_days) for p in members],
                )
            )
        for key, kind, people, counts in kinds:
            band = sc.fairness_band(grade, key)
            ends: list[LinearExpr] = [] if band is None else [band.low, band.high]
            if len(people) + len(ends) < 2 or not people:
                continue
            most = max(sc.num_days, band.high if band else 0)
            top = ctx.model.new_int_var(0, most, f"fair_hi_{grade}_{kind}")
            low = ctx.model.new_int_var(0, most, f"fair_lo_{grade}_{kind}")
            ctx.model.add_max_equality(top, counts + ends)
            ctx.model.add_min_equality(low, counts + ends)
            penalties.append(
                Penalty("R14", weight, top - low, f"spread of {kind} among {grade} staff")
            )
    return penalties
