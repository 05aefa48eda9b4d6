""" "Which pending leave can I approve?": every request judged by the leave rules L1-L8,
then which of those that pass can be granted together while every hard rule holds (L9)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from roster.checks.leave import leave_verdicts
from roster.model import LeaveVerdict, Roster, Scenario
from roster.solver.repair import Repair, decide_leave


@dataclass(frozen=True)
class LeaveReport:
    """Each request's verdict (L1-L8, and L9 for the pending ones that pass them) and the
    repaired roster that grants the ones cover allows."""

    verdicts: tuple[LeaveVerdict, ...]
    repair: Repair

    @property
    def has_roster(self) -> bool:
        return self.repair.result.roster is not None


def decide(
    scenario: Scenario,
    roster: Roster,
    requests: Sequence[str] = (),
    *,
    time_limit: float = 30.0,
    workers: int = 2,
    seed: int = 0,
) -> LeaveReport:
    """Judge ``requests`` (default: every leave request) against ``roster``.

    Raises
    ------
    ValueError
        For a request id the scenario does not have.
    """
    verdicts = leave_verdicts(scenario, roster, list(requests) or None)
    pending = {lv.id for lv in scenario.pending_leave}
    candidates = [v.request_id for v in verdicts if v.passes_rules and v.request_id in pending]
    repair = decide_leave(
        scenario, roster, candidates, time_limit=time_limit, workers=workers, seed=seed
    )
    decided = tuple(
        dataclasses.replace(
            v,
            cover=v.request_id in repair.granted,
            cover_reason=repair.refused.get(v.request_id, "cover allows it"),
        )
        if v.request_id in candidates and repair.result.roster is not None
        else v
        for v in verdicts
    )
    return LeaveReport(decided, repair)
