"""R8 LEAVE (approved leave is off) and R16 PENDING LEAVE (granted whole where cover allows)."""

from __future__ import annotations

from roster.constraints.context import Context, Penalty, RuleFamily


def apply(ctx: Context) -> list[Penalty]:
    sc = ctx.scenario
    v = ctx.vars
    index = {s.id: i for i, s in enumerate(sc.staff)}
    penalties: list[Penalty] = []
    for leave in sc.leave:
        p = index[leave.staff_id]
        days = [sc.day_index(day) for day in leave.days() if sc.start <= day <= sc.end]
        if not days:
            continue
        if leave.status == "approved":
            for d in days:
                ctx.add("R8", v.works(p, d) == 0)
        elif leave.status == "pending" and sc.leave_weight(leave) > 0:
            # Granted exactly when the person is off on every day: the cost the checker
            # recomputes from the roster alone.
            granted = ctx.model.new_bool_var(f"granted_{leave.id}")
            for d in days:
                ctx.model.add(v.works(p, d) == 0).only_enforce_if(granted)
            ctx.model.add_bool_or([granted, *(w for d in days for w in v.day_vars(p, d))])
            penalties.append(
                Penalty(
                    "R16",
                    sc.leave_weight(leave),
                    1 - granted,
                    f"pending leave {leave.id} ({leave.start}..{leave.end}) not granted",
                    staff_id=leave.staff_id,
                    date=leave.start,
                )
            )
    return penalties


FAMILY = RuleFamily("leave", order=60, rules=("R8", "R16"), apply=apply, guarded=("R8",))
