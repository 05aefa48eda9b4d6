"""R1 COVER, R2 SUPERVISOR, R3 ROLE COVER, R9 HANDOVER: who must be on each shift."""

from __future__ import annotations

from roster.constraints.context import Context, LinearExpr, Penalty
from roster.model import GRADES, grade_rank


def apply(ctx: Context) -> list[Penalty]:
    penalties: list[Penalty] = []
    sc = ctx.scenario
    weights = sc.weights
    substitute = sc.rules.upward_substitution
    leaders = [p for p, person in enumerate(sc.staff) if person.has_role("team_leader")]
    for d, day in enumerate(ctx.days):
        for s, shift in enumerate(ctx.shifts):
            needs = ctx.calendar.needs(day, shift.code)
            if not needs:
                continue
            on = [ctx.vars.x(p, d, s) for p in ctx.people()]
            by_grade: dict[str, LinearExpr] = {
                g: sum(on[p] for p, person in enumerate(sc.staff) if person.grade == g)
                for g in GRADES
            }

            # R1: cumulative seats from the top grade down (or grade by grade).
            deficits: list[LinearExpr] = []
            if substitute:
                seats = 0
                for grade in reversed(GRADES):
                    need = needs.get(grade)
                    seats += need.min if need else 0
                    if seats == 0:
                        continue
                    rank = grade_rank(grade)
                    count = sum(on[p] for p, person in enumerate(sc.staff) if person.rank >= rank)
                    deficits.append(seats - count)
            else:
                for grade in GRADES:
                    need = needs.get(grade)
                    if need and need.min > 0:
                        deficits.append(need.min - by_grade[grade])
            if deficits:
                if weights.cover_under is None:
                    for deficit in deficits:
                        ctx.add("R1", deficit <= 0)
                elif weights.cover_under > 0:
                    penalties.append(_shortfall(ctx, deficits, substitute, d, shift.code))

            # R1 max: each person of a grade above the row's max costs a penalty.
            for grade in GRADES:
                need = needs.get(grade)
                if need is None or need.max is None or weights.cover_over == 0:
                    continue
                over = ctx.model.new_int_var(0, len(sc.staff), f"over_{grade}_d{d}_{shift.code}")
                ctx.model.add_max_equality(over, [0, by_grade[grade] - need.max])
                penalties.append(
                    Penalty(
                        "R1",
                        weights.cover_over,
                        over,
                        f"{grade} staff above the maximum of {need.max}",
                        date=day,
                        shift=shift.code,
                    )
                )

            # R3: role seats; R2: a team leader on every operating shift; R9: a successor.
            for requirement, need in needs.items():
                if requirement in GRADES or need.min == 0:
                    continue
                holders = [p for p, person in enumerate(sc.staff) if person.has_role(requirement)]
                count = sum(on[p] for p in holders)
                if weights.role_under is None:
                    ctx.add("R3", count >= need.min)
                elif weights.role_under > 0:
                    what = f"{requirement.replace('_', ' ')} seat(s) left empty"
                    short = _role_short(
                        ctx, need.min - count, need.min, f"{requirement}_d{d}_{shift.code}"
                    )
                    penalties.append(
                        Penalty("R3", weights.role_under, short, what, None, day, shift.code)
                    )
            if ctx.calendar.operating(day, shift.code):
                leading = sum(on[p] for p in leaders)
                if not sc.rules.require_team_leader:
                    pass
                elif weights.role_under is None:
                    ctx.add("R2", leading >= 1)
                elif weights.role_under > 0:
                    short = _role_short(ctx, 1 - leading, 1, f"leader_d{d}_{shift.code}")
                    penalties.append(
                        Penalty(
                            "R2", weights.role_under, short, "no team leader", None, day, shift.code
                        )
                    )
                ctx.add("R9", sum(on) >= 1)
    return penalties


def _role_short(ctx: Context, deficit: LinearExpr, most: int, name: str) -> LinearExpr:
    """People missing from a role seat, exactly ``max(0, deficit)`` so the decoded cost is
    the checker's."""
    short = ctx.model.new_int_var(0, most, f"short_{name}")
    ctx.model.add_max_equality(short, [0, deficit])
    return short


def _shortfall(
    ctx: Context, deficits: list[LinearExpr], substitute: bool, d: int, code: str
) -> Penalty:
    """Seats left empty by the best seating: the largest cumulative deficit (Hall's theorem
    on nested seat types), or the sum of per-grade deficits without substitution."""
    model = ctx.model
    # No deficit exceeds the shift's grade seats, however few people the centre has.
    needs = ctx.calendar.needs(ctx.days[d], code)
    seats = sum(need.min for grade, need in needs.items() if grade in GRADES)
    weight = ctx.scenario.weights.cover_under or 0
    if substitute:
        short = model.new_int_var(0, seats, f"short_d{d}_{code}")
        model.add_max_equality(short, [0, *deficits])
        expr: LinearExpr = short
    else:
        parts = []
        for i, deficit in enumerate(deficits):
            part = model.new_int_var(0, seats, f"short{i}_d{d}_{code}")
            model.add_max_equality(part, [0, deficit])
            parts.append(part)
        expr = sum(parts)
    return Penalty("R1", weight, expr, "seats left empty", date=ctx.days[d], shift=code)
