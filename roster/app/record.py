""" "Publish this roster" and "print the current roster": the ledger's published versions,
and the current roster (the latest version with every registered swap applied) with the
cells the swaps changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roster.app.swap import same_horizon
from roster.checks import check_roster, objective_of
from roster.exceptions import RosterUsageError
from roster.ledger import SYSTEM, Ledger, OnConflict, Published, apply_swaps
from roster.model import (
    Change,
    Result,
    Roster,
    Scenario,
    SolveSettings,
    SolveStatus,
    Swap,
    Violation,
)


def publish(
    scenario: Scenario,
    ledger_path: Path,
    roster: Roster,
    *,
    name: str,
    source: str,
    on_conflict: OnConflict = "refuse",
    by: str = SYSTEM,
) -> Published:
    """Store ``roster`` as the newest published version (the only command that may start a
    ledger). Every registered swap of its dates is judged again on it first
    (:func:`republish_conflicts`); ``on_conflict`` says what becomes of the ones that no
    longer hold: refuse the publish (``RepublishRefused``), drop them, or keep them as
    published."""
    with Ledger.open(ledger_path) as ledger:
        return ledger.publish(
            roster,
            name=name,
            start=scenario.start,
            end=scenario.end,
            source=source,
            by=by,
            judge=lambda new, swaps: republish_conflicts(scenario, new, swaps),
            on_conflict=on_conflict,
        )


def republish_conflicts(scenario: Scenario, new: Roster, swaps: list[Swap]) -> dict[str, str]:
    """Swap id -> why it no longer holds on ``new``, for registered ``swaps`` in order.

    A swap holds when the new version already shows it, or when its givers still work the
    shifts it exchanged and applying it breaks no hard rule the roster did not break
    before (a day swap turned into a night swap can make a 连班, R5/R6)."""
    conflicts: dict[str, str] = {}
    running = new
    before = {str(v) for v in check_roster(scenario, running)}
    for swap in swaps:
        after, changed = apply_swaps(running, [swap])
        if not changed:
            if not _shows(running, swap):
                conflicts[swap.id] = _moved(running, swap)
            continue
        broken = [v for v in check_roster(scenario, after) if str(v) not in before]
        if broken:
            conflicts[swap.id] = "it would break " + "; ".join(str(v) for v in broken[:3])
            continue
        running = after
        before = {str(v) for v in check_roster(scenario, running)}
    return conflicts


def _shows(roster: Roster, swap: Swap) -> bool:
    """The roster already has the swap made: B works A's shift, A B's pay-back."""
    took = roster.shift_of(swap.staff_b, swap.date_a)
    if swap.shift_a is None or took != swap.shift_a:
        return False
    if swap.date_b is None:
        return True
    return roster.shift_of(swap.staff_a, swap.date_b) == swap.shift_b


def _moved(roster: Roster, swap: Swap) -> str:
    now = roster.shift_of(swap.staff_a, swap.date_a) or "off"
    text = f"{swap.staff_a} now has {now} on {swap.date_a}, the swap exchanged {swap.shift_a}"
    if swap.date_b is not None:
        back = roster.shift_of(swap.staff_b, swap.date_b) or "off"
        text += f"; {swap.staff_b} has {back} on {swap.date_b}, the pay-back was {swap.shift_b}"
    return text


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
    with Ledger.open(ledger_path, create=False) as ledger:
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
