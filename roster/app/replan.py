""" "Wang is off sick from the 12th: re-plan with the fewest changes." The days before the
absence stay as published; from it on, the fewest changed cells that keep every hard rule."""

from __future__ import annotations

import datetime as dt

from roster.app.leave import under_leave_rules
from roster.model import Roster, Scenario
from roster.solver.repair import Repair
from roster.solver.repair import replan as repair_after


def replan(
    scenario: Scenario,
    roster: Roster,
    absent: str,
    first: dt.date,
    last: dt.date | None = None,
    *,
    kind: str = "sick",
    time_limit: float = 30.0,
    workers: int = 2,
    seed: int = 0,
) -> Repair:
    """The re-planned roster and its changes (see :func:`roster.solver.repair.replan`).

    Raises
    ------
    ValueError
        For an unknown person or days outside the roster.
    """
    return repair_after(
        under_leave_rules(scenario),
        roster,
        absent,
        first,
        last,
        kind=kind,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
    )
