"""R14 FAIRNESS: nights, weekends and holidays spread evenly within each grade."""

from __future__ import annotations

from roster.constraints.context import Context, LinearExpr, Penalty, RuleFamily
from roster.model import GRADES


def _groups(ctx: Context, grade: str) -> list[tuple[str, str, list[int], list[LinearExpr]]]:
    """(FairnessBand kind, label, people counted, their counts) for one grade."""
    sc = ctx.scenario
    v = ctx.vars
    weekend_days = [d for d, day in enumerate(ctx.days) if ctx.calendar.is_weekend(day)]
    holiday_days = [d for d, day in enumerate(ctx.days) if ctx.calendar.is_holiday(day)]
    members = [p for p, s in enumerate(sc.staff) if s.grade == grade]
    groups: list[tuple[str, str, list[int], list[LinearExpr]]] = []
    night_people = [p for p in members if sc.staff[p].can_work_nights]
    if any(shift.night for shift in ctx.shifts):
        groups.append(
            (
                "nights",
                "nights",
                night_people,
                [sum(v.night(p, d) for d in range(sc.num_days)) for p in night_people],
            )
        )
    for key, label, days in (
        ("weekend", "weekend shifts", weekend_days),
        ("holiday", "holiday shifts", holiday_days),
    ):
        if days:
            counts = [sum(v.works(p, d) for d in days) for p in members]
            groups.append((key, label, members, counts))
    return groups


def apply(ctx: Context) -> list[Penalty]:
    sc = ctx.scenario
    weight = sc.weights.fairness
    penalties = []
    for grade in GRADES:
        for key, kind, people, counts in _groups(ctx, grade):
            pin = ctx.pins.get((grade, key))
            low_pin, high_pin = (pin, pin) if isinstance(pin, int) else pin or (0, 0)
            if pin is not None:
                for count in counts:
                    ctx.model.add_linear_constraint(count, low_pin, high_pin)
            band = sc.fairness_band(grade, key)
            ends: list[LinearExpr] = [] if band is None else [band.low, band.high]
            if weight == 0 or len(people) + len(ends) < 2 or not people:
                continue
            fair = ctx.calendar.fair_spread(grade, key, [sc.staff[p] for p in people])
            if pin is not None and band is None and high_pin - low_pin <= fair:
                continue  # pinned within the fair spread: R14 costs nothing here
            most = max(sc.num_days, band.high if band else 0)
            top = ctx.model.new_int_var(0, most, f"fair_hi_{grade}_{kind}")
            low = ctx.model.new_int_var(0, most, f"fair_lo_{grade}_{kind}")
            ctx.model.add_max_equality(top, counts + ends)
            ctx.model.add_min_equality(low, counts + ends)
            # Only the spread beyond the fair one costs: 1 when the seats do not divide.
            spread: LinearExpr = top - low
            if fair:
                spread = ctx.model.new_int_var(0, most, f"fair_over_{grade}_{kind}")
                ctx.model.add_max_equality(spread, [0, top - low - fair])
            penalties.append(
                Penalty("R14", weight, spread, f"spread of {kind} among {grade} staff")
            )
    return penalties


Pin = int | tuple[int, int]
"""A pinned count: exactly this many, or a (fewest, most) range (see ``Context.pins``)."""


FAMILY = RuleFamily("fairness", order=100, rules=("R14",), apply=apply)
