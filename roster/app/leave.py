""" "Which pending leave can I approve?": every request judged by the leave rules L1-L8,
then which of those that pass can be granted together while every hard rule holds (L9)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from roster.app.swap import same_horizon
from roster.checks.leave import leave_verdicts, refused_pending
from roster.exceptions import RosterUsageError
from roster.ledger import Ledger
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
    roster: Roster | None,
    requests: Sequence[str] = (),
    *,
    ledger_path: Path | None = None,
    time_limit: float = 30.0,
    workers: int = 2,
    seed: int = 0,
) -> LeaveReport:
    """Judge ``requests`` (default: every leave request) against ``roster``.

    With a ledger, its swaps join the scenario's (L8 then sees every approved and
    registered swap, as ``roster swap`` does), and without ``roster`` its current roster
    is judged.

    Raises
    ------
    ValueError
        For a request id the scenario does not have.
    RosterUsageError
        With neither a roster nor a ledger that has one, or a ledger of another month.
    """
    scenario, roster = with_ledger(scenario, roster, ledger_path)
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


def under_leave_rules(scenario: Scenario) -> Scenario:
    """The scenario the solver gets: pending leave that fails L1-L8 weighs nothing, so R16
    grants only what ``roster leave`` would (the checker skips the same requests)."""
    refused = refused_pending(scenario)
    if not refused:
        return scenario
    leave = tuple(
        dataclasses.replace(lv, weight=0) if i in refused else lv
        for i, lv in enumerate(scenario.leave)
    )
    return scenario.replace(leave=leave)


def with_ledger(
    scenario: Scenario, roster: Roster | None, ledger_path: Path | None
) -> tuple[Scenario, Roster]:
    """The scenario with the ledger's swaps added to its own, and the roster to judge:
    ``roster``, else the ledger's current one. The one place leave meets the ledger, so
    every command that judges leave sees the same state."""
    if ledger_path is None:
        if roster is None:
            raise RosterUsageError("no roster to judge the leave against")
        return scenario, roster
    with Ledger.open(ledger_path, create=False) as ledger:
        swaps = ledger.swaps()
        current = ledger.current_roster()
        version = ledger.latest_version()
    if version is not None:
        same_horizon(scenario, version.start, version.end, version.id)
    known = {s.id for s in scenario.swaps}
    extra = tuple(
        dataclasses.replace(s, id=f"ledger {s.id}") for s in swaps if f"ledger {s.id}" not in known
    )
    scenario = dataclasses.replace(scenario, swaps=scenario.swaps + extra)
    if roster is None:
        if current is None:
            raise RosterUsageError(f"no published roster in {ledger_path}")
        roster = current
    return scenario, roster
