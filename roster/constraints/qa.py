"""R11 QA REACH: every agent shares shifts with a quality inspector, so they can be monitored."""

from __future__ import annotations

from roster.constraints.context import Context, Penalty, RuleFamily


def apply(ctx: Context) -> list[Penalty]:
    sc = ctx.scenario
    need = sc.rules.qa_min_shared_shifts
    weight = sc.weights.qa_reach
    inspectors = [p for p, s in enumerate(sc.staff) if s.has_role("quality_inspector")]
    if weight == 0 or need == 0 or not inspectors:
        return []
    model, v = ctx.model, ctx.vars
    present = {}
    for d in range(sc.num_days):
        for s, shift in enumerate(ctx.shifts):
            on = model.new_bool_var(f"qa_on_d{d}_{shift.code}")
            model.add_max_equality(on, [v.x(q, d, s) for q in inspectors])
            present[(d, s)] = on
    penalties = []
    for p, person in enumerate(sc.staff):
        if not person.has_role("agent") or person.has_role("quality_inspector"):
            continue
        shared = []
        for (d, s), on in present.items():
            both = model.new_bool_var(f"qa_{person.id}_d{d}_{s}")
            x = v.x(p, d, s)
            # both == x AND on, exactly, so the cost equals the checker's count.
            model.add_implication(both, x)
            model.add_implication(both, on)
            model.add_bool_or([both, x.negated(), on.negated()])
            shared.append(both)
        short = model.new_int_var(0, need, f"qa_short_{person.id}")
        model.add_max_equality(short, [0, need - sum(shared)])
        penalties.append(
            Penalty(
                "R11",
                weight,
                short,
                f"shares fewer than {need} shift(s) with a quality inspector",
                staff_id=person.id,
            )
        )
    return penalties


FAMILY = RuleFamily("qa", order=80, rules=("R11",), apply=apply)
