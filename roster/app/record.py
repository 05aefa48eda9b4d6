""" "Publish this roster" and "print the current roster": the ledger's published versions,
and the current roster (the latest version with every registered swap applied) with the
cells the swaps changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roster.app.swap import same_horizon
from roster.checks import check_roster, objective_of
from roster.exceptions import RosterUsageError
from roster.ledger import Ledger
from roster.model import (
    Change,
    Result,
    Roster,
    Scenario,
    SolveSettings,
    SolveStatus,
    Violation,
)


def publish(
    scenario: Scenario, ledger_path: Path, roster: Roster, *, name: str, source: str
) -> int:
    """Store ``roster`` as the newest published version; its number."""
    with Ledger.open(ledger_path) as ledger:
        return ledger.publish(
            roster, name=name, start=scenario.start, end=scenario.end, source=source
        )


@dataclass(frozen=True)
class CurrentRoster:
    """The current roster as a solve-like result (priced by the checker), its hard-rule
    breaches, the version it starts from, the registered swaps and the cells they
    changed."""

    result: Result
    violations: tuple[Violation, ...]
    version: int
    swaps: int
    changes: tuple[Change, ...]


def current(scenario: Scenario, ledger_path: Path) -> CurrentRoster:
    """The ledger's current roster for ``scenario``'s month.

    Raises
    ------
    RosterUsageError
        Without a ledger, without a published version, or for another month.
    """
    if not ledger_path.exists():
        raise RosterUsageError(f"no ledger at {ledger_path}")
    with Ledger.open(ledger_path) as ledger:
        version = ledger.latest_version()
        roster = ledger.current_roster()
        registered = ledger.swaps("registered")
    if version is None or roster is None:
        raise RosterUsageError(f"no published roster in {ledger_path}")
    same_horizon(scenario, version.start, version.end, version.id)
    objective, penalties = objective_of(scenario, roster)
    result = Result(
        SolveStatus.FEASIBLE,
        objective,
        None,
        0.0,
        roster,
        tuple(penalties),
        settings=SolveSettings(source=f"ledger {ledger_path}, version {version.id}"),
    )
    changes: list[Change] = []
    for record in registered:
        cells = {
            (who, day)
            for who in (record.staff_a, record.staff_b)
            for day in (record.date_a, record.date_b)
            if day is not None
        }
        for who, day in sorted(cells):
            old, new = version.roster.shift_of(who, day), roster.shift_of(who, day)
            if old != new:
                changes.append(Change(who, day, old, new, f"swap {record.id}"))
    return CurrentRoster(
        result,
        tuple(check_roster(scenario, roster)),
        version.id,
        len(registered),
        tuple(changes),
    )
