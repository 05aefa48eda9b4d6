"""What a roster says about each leave request: approved leave kept off (R8), and pending
leave this roster could grant (R16): the person is off on every day of it.

The roster workbook shows these verdicts on its ``Leave`` sheet and marks the leave in the
grid; the rules are decided here, so the writer only lays them out. Pure Python, no solver.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from roster.checks.leave import failure_reasons, leave_verdicts, refused_pending
from roster.model import LeaveRequest, Roster, Scenario


@dataclass(frozen=True)
class RosterLeaveVerdict:
    """One leave request against one roster.

    ``verdict`` is ``approved``, ``pending``, ``can be granted``, ``would break cover``,
    ``refused by the leave rules`` (pending leave failing L1-L8) or ``rejected``; ``note``
    says why in words (empty for rejected leave).
    """

    verdict: str
    note: str
    grantable: bool = False
    """Pending leave on none of whose days the roster has the person working (R16)."""
    broken: bool = False
    """Approved leave the roster works through (R8), or pending leave it cannot grant."""
    clashes: tuple[tuple[dt.date, tuple[str, ...]], ...] = ()
    """The days of the leave (inside the horizon) the roster has the person working, with
    the shift codes."""


class LeaveDay(NamedTuple):
    """The leave a roster grid shows on one person's day."""

    leave: LeaveRequest
    pending: bool
    """Pending leave this roster can grant (shown marked), not approved leave."""


def roster_leave_verdicts(scenario: Scenario, roster: Roster | None) -> list[RosterLeaveVerdict]:
    """One verdict per request of ``scenario.leave``, in order; without a roster the
    verdict says there is nothing to check against."""
    worked = roster.by_person_day() if roster is not None else {}
    in_horizon = set(scenario.days)
    refused = refused_pending(scenario)
    reasons = {}
    if refused:
        judged = leave_verdicts(scenario)
        reasons = {i: failure_reasons(judged[i]) for i in refused}
    verdicts = []
    for i, leave in enumerate(scenario.leave):
        if i in refused:  # R16 grants only what passes L1-L8, as ``roster leave`` says
            verdicts.append(RosterLeaveVerdict("refused by the leave rules", reasons[i]))
            continue
        days = [d for d in leave.days() if d in in_horizon]
        clashes = tuple(
            (d, tuple(worked[(leave.staff_id, d)])) for d in days if (leave.staff_id, d) in worked
        )
        verdicts.append(_verdict(leave, bool(days), clashes, has_roster=roster is not None))
    return verdicts


def _verdict(
    leave: LeaveRequest,
    in_horizon: bool,
    clashes: tuple[tuple[dt.date, tuple[str, ...]], ...],
    *,
    has_roster: bool,
) -> RosterLeaveVerdict:
    worked_text = ", ".join(f"{d.isoformat()} ({'/'.join(codes)})" for d, codes in clashes)
    outside = "" if in_horizon else "outside the horizon; "
    if leave.status == "approved":
        if not has_roster:
            return RosterLeaveVerdict("approved", outside + "no roster to check against")
        if clashes:
            note = f"{outside}R8 BROKEN: rostered on {worked_text}"
            return RosterLeaveVerdict("approved", note, broken=True, clashes=clashes)
        return RosterLeaveVerdict("approved", f"{outside}R8 respected: off on every day")
    if leave.status == "pending":
        if not has_roster:
            note = outside + "no roster: cannot say whether cover allows it"
            return RosterLeaveVerdict("pending", note)
        if clashes:
            note = f"{outside}R16: the roster needs them on {worked_text}"
            return RosterLeaveVerdict("would break cover", note, broken=True, clashes=clashes)
        note = f"{outside}R16: off on every day of it in this roster"
        return RosterLeaveVerdict("can be granted", note, grantable=True)
    return RosterLeaveVerdict("rejected", "")


def leave_days(
    scenario: Scenario, verdicts: list[RosterLeaveVerdict]
) -> dict[tuple[str, dt.date], LeaveDay]:
    """(staff id, day) -> the leave shown there: approved leave, and pending leave the
    roster can grant; approved wins over pending leave on the same day."""
    in_horizon = set(scenario.days)
    cells: dict[tuple[str, dt.date], LeaveDay] = {}
    for leave, verdict in zip(scenario.leave, verdicts, strict=True):
        if leave.status != "approved" and not verdict.grantable:
            continue
        for d in leave.days():
            if d not in in_horizon:
                continue
            key = (leave.staff_id, d)
            if key not in cells or cells[key].pending:
                cells[key] = LeaveDay(leave, verdict.grantable)
    return cells
