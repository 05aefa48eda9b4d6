"""R1 COVER, R2 SUPERVISOR, R3 ROLE COVER, R9 HANDOVER: who must be on each shift."""

from __future__ import annotations

from roster.calendar import Need
from roster.constraints.context import Context, LinearExpr, Penalty, RuleFamily
from roster.model import GRADES, grade_rank


def _own(need: Need, default: int | None) -> int | None:
    """A row's under weight: its own, else the scenario's (``None``: hard)."""
    return need.weight_under if need.weight_under is not None else default


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
            seated = {g: n for g, n in needs.items() if g in GRADES and n.min > 0}
            under = {g: _own(n, weights.cover_under) for g, n in seated.items()}

            # R1: cumulative seats from the top grade down (or grade by grade).
            if substitute:
                deficits: list[LinearExpr] = []
                seats = 0
                for grade in reversed(GRADES):
                    need = needs.get(grade)
                    seats += need.min if need else 0
                    if seats == 0:
                        continue
                    rank = grade_rank(grade)
                    count = sum(on[p] for p, person in enumerate(sc.staff) if person.rank >= rank)
                    deficits.append(seats - count)
                # Shared seats: hard if any grade row is, else at the highest row weight.
                if any(w is None for w in under.values()):
                    for deficit in deficits:
                        ctx.add("R1", deficit <= 0)
                else:
                    top = max((w or 0 for w in under.values()), default=0)
                    if deficits and top > 0:
                        penalties.append(_shortfall(ctx, deficits, top, d, shift.code))
            else:
                for grade, need in seated.items():
                    weight = under[grade]
                    if weight is None:
                        ctx.add("R1", need.min - by_grade[grade] <= 0)
                    elif weight > 0:
                        short = ctx.model.new_int_var(
                            0, need.min, f"short_{grade}_d{d}_{shift.code}"
                        )
                        ctx.model.add_max_equality(short, [0, need.min - by_grade[grade]])
                        penalties.append(
                            Penalty(
                                "R1",
                                weight,
                                short,
                                f"{grade} seats left empty",
                                date=day,
                                shift=shift.code,
                            )
                        )

            # R1 max: each person of a grade above the row's max costs a penalty.
            for grade in GRADES:
                need = needs.get(grade)
                if need is None or need.max is None:
                    continue
                over_weight = (
                    need.weight_over if need.weight_over is not None else weights.cover_over
                )
                if over_weight == 0:
                    continue
                over = ctx.model.new_int_var(0, len(sc.staff), f"over_{grade}_d{d}_{shift.code}")
                ctx.model.add_max_equality(over, [0, by_grade[grade] - need.max])
                penalties.append(
                    Penalty(
                        "R1",
                        over_weight,
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
                role_weight = _own(need, weights.role_under)
                if role_weight is None:
                    ctx.add("R3", count >= need.min)
                elif role_weight > 0:
                    what = f"{requirement.replace('_', ' ')} seat(s) left empty"
                    missing = _role_short(
                        ctx, need.min - count, need.min, f"{requirement}_d{d}_{shift.code}"
                    )
                    penalties.append(
                        Penalty("R3", role_weight, missing, what, None, day, shift.code)
                    )
            if ctx.calendar.operating(day, shift.code):
                leading = sum(on[p] for p in leaders)
                if not sc.rules.require_team_leader:
                    pass
                elif weights.role_under is None:
                    ctx.add("R2", leading >= 1)
                elif weights.role_under > 0:
                    leaderless = _role_short(ctx, 1 - leading, 1, f"leader_d{d}_{shift.code}")
                    penalties.append(
                        Penalty(
                            "R2",
                            weights.role_under,
                            leaderless,
                            "no team leader",
                            None,
                            day,
                            shift.code,
                        )
                    )
                # A soft grade seat already prices (or frees) an empty shift, and a hard one
                # already needs someone on it: R9 only binds shifts without soft grade seats.
                if all(w is None for w in under.values()):
                    ctx.add("R9", sum(on) >= 1)
    return penalties


def _role_short(ctx: Context, deficit: LinearExpr, most: int, name: str) -> LinearExpr:
    """People missing from a role seat, exactly ``max(0, deficit)`` so the decoded cost is
    the checker's."""
    short = ctx.model.new_int_var(0, most, f"short_{name}")
    ctx.model.add_max_equality(short, [0, deficit])
    return short


def _shortfall(ctx: Context, deficits: list[LinearExpr], weight: int, d: int, code: str) -> Penalty:
    """Seats left empty by the best seating: the largest cumulative deficit (Hall's theorem
    on nested seat types), at the shift's highest under weight."""
    # No deficit exceeds the shift's grade seats, however few people the centre has.
    needs = ctx.calendar.needs(ctx.days[d], code)
    seats = sum(need.min for grade, need in needs.items() if grade in GRADES)
    short = ctx.model.new_int_var(0, seats, f"short_d{d}_{code}")
    ctx.model.add_max_equality(short, [0, *deficits])
    return Penalty("R1", weight, short, "seats left empty", date=ctx.days[d], shift=code)


FAMILY = RuleFamily(
    "cover", order=10, rules=("R1", "R2", "R3", "R9"), apply=apply, guarded=("R1", "R2", "R3", "R9")
)
