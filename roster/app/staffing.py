""" "What is the least staff that covers the month, and which rule binds each number?"
Optional hires per grade and role chosen by CP-SAT (:mod:`roster.solver.staffing`)."""

from __future__ import annotations

from roster.app.leave import under_leave_rules
from roster.model import Scenario
from roster.solver.staffing import StaffingResult, find_staffing


def least_staff(
    scenario: Scenario,
    *,
    from_zero: bool = False,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
) -> StaffingResult:
    """The least hires on top of the staff (or, ``from_zero``, the least headcount)."""
    return find_staffing(
        under_leave_rules(scenario),
        mode="from_zero" if from_zero else "keep",
        time_limit=time_limit,
        workers=workers,
        seed=seed,
    )
