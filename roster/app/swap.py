""" "Can I swap my shift on the 14th with Li? With whom could I?" and the swap ledger's
steps: request, approve, register, cancel, list. Every verdict is the checker's (S1-S8).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from roster.checks.swap import SwapSuggestions, SwapVerdict, suggest_swaps, swap_verdict
from roster.exceptions import RosterUsageError
from roster.ledger import SYSTEM, AuditEntry, Ledger, Snapshot, SwapRecord
from roster.model import Roster, Scenario, Swap

_SNAPSHOTS: dict[Path, Snapshot] = {}
"""The last snapshot read per ledger file; reused while the ledger's stamp is unchanged
(every write changes it), so a web app serving many agents reads the roster once per
change instead of once per page."""


def snapshot(ledger_path: Path) -> Snapshot:
    """The ledger's state now (see ``Ledger.snapshot``), from the cache when unchanged."""
    with Ledger.open(ledger_path, create=False) as ledger:
        key = ledger_path.resolve()
        cached = _SNAPSHOTS.get(key)
        if cached is not None and cached.stamp == ledger.stamp():
            return cached
        # A swap written since: the published version is unchanged, only swaps re-apply.
        found = ledger.snapshot(cached.version if cached is not None else None)
    _SNAPSHOTS[key] = found
    return found


def current_roster(
    scenario: Scenario, ledger_path: Path, roster: Roster | None = None
) -> tuple[Roster, list[Swap]]:
    """The roster a swap is judged on: ``roster`` when given, else the ledger's latest
    published version with every registered swap applied; and the ledger's swaps (for
    S2/S3, none without a ledger).

    Raises
    ------
    RosterUsageError
        With no roster given and none published, or a published month that is not the
        scenario's.
    """
    swaps: list[Swap] = []
    current = None
    if ledger_path.exists() or roster is None:
        state = snapshot(ledger_path)
        swaps, current, version = state.swaps, state.current, state.version
        if roster is None and version is not None:
            same_horizon(scenario, version.start, version.end, version.id)
    if roster is not None:
        return roster, swaps
    if current is None:
        raise RosterUsageError(
            f"no roster: give --roster ROSTER.xlsx or publish one to {ledger_path}"
        )
    return current, swaps


def same_horizon(scenario: Scenario, start: dt.date, end: dt.date, version: int) -> None:
    """Refuse a ledger version of another month than the scenario's."""
    if (start, end) != (scenario.start, scenario.end):
        raise RosterUsageError(
            f"ledger version {version} covers {start}..{end}, "
            f"the scenario {scenario.start}..{scenario.end}"
        )


def proposal(
    scenario: Scenario, staff: str, first: dt.date, partner: str, payback: dt.date | None
) -> Swap:
    """A proposed swap: ``staff`` hands their shift on ``first`` to ``partner``, who pays it
    back on ``payback``. Raises ``KeyError`` naming an unknown person."""
    known = {s.id for s in scenario.staff}
    for who in (staff, partner):
        if who not in known:
            raise KeyError(who)
    return Swap("proposed", staff, first, partner, payback)


def check(scenario: Scenario, roster: Roster, swap: Swap, swaps: list[Swap]) -> SwapVerdict:
    """Every swap rule S1-S8 on ``swap``. Raises ``ValueError`` for a day outside the
    roster."""
    return swap_verdict(scenario, roster, swap, swaps)


def judge_proposal(
    scenario: Scenario,
    ledger_path: Path,
    staff: str,
    first: dt.date,
    partner: str,
    payback: dt.date | None,
) -> tuple[Swap, SwapVerdict]:
    """The swap ``staff`` proposes and its verdict (S1-S8) on the ledger's current roster.

    Raises
    ------
    ValueError
        Naming an unknown person or a day outside the roster, in words.
    """
    roster, swaps = current_roster(scenario, ledger_path)
    try:
        proposed = proposal(scenario, staff, first, partner, payback)
    except KeyError as err:
        raise ValueError(f"unknown staff id {err.args[0]!r}") from None
    return proposed, check(scenario, roster, proposed, swaps)


def suggest(
    scenario: Scenario,
    roster: Roster,
    staff: str,
    first: dt.date,
    swaps: list[Swap],
    limit: int,
    complete: bool = True,
) -> SwapSuggestions:
    """The partners (and pay-back days) ``staff`` could swap ``first`` with, best first;
    ``complete=False`` stops at the best ``limit`` (see ``suggest_swaps``)."""
    return suggest_swaps(scenario, roster, staff, first, swaps, limit=limit, complete=complete)


def request(ledger_path: Path, swap: Swap, requested_by: str) -> int:
    """Record a checked swap as requested; its id. The ledger must exist (publishing
    starts it)."""
    with Ledger.open(ledger_path, create=False) as ledger:
        return ledger.request_swap(
            swap.staff_a, swap.date_a, swap.staff_b, swap.date_b, requested_by=requested_by
        )


def team_leaders(scenario: Scenario, staff_id: str) -> list[str]:
    """Who approves ``staff_id``'s side of a swap (S1): the team leaders of their team on
    the staff sheet, other than themselves; for a team's only leader, the department
    heads (staff sheet roles or the approvers sheet)."""
    people = {s.id: s for s in scenario.staff}
    person = people.get(staff_id)
    if person is None:
        return []
    leaders = [
        s.id
        for s in scenario.staff
        if s.team == person.team and "team_leader" in s.roles and s.id != staff_id
    ]
    if leaders:
        return leaders
    heads = [s.id for s in scenario.staff if "department_head" in s.roles and s.id != staff_id]
    return heads + [a.id for a in scenario.approvers if a.role == "department_head"]


def approve(
    scenario: Scenario,
    ledger_path: Path,
    swap_id: int,
    by: str,
    side: Literal["a", "b"] | None = None,
) -> Swap:
    """Team leader ``by`` approves the sides of a swap whose person is in their team (S1):
    ``side`` when given, else every side they lead. The ledger keeps who and when.

    Raises
    ------
    RosterUsageError
        When ``by`` is not the team leader of the side's person (from the staff sheet's
        team and roles).
    """
    with Ledger.open(ledger_path, create=False) as ledger:
        record = ledger.swap(swap_id)
        people = {"a": record.staff_a, "b": record.staff_b}
        sides = [side] if side is not None else ["a", "b"]
        mine = [s for s in sides if by in team_leaders(scenario, people[s])]
        if not mine:
            whose = " or ".join(
                f"{people[s]} ({_leaders_words(scenario, people[s])})" for s in sides
            )
            raise RosterUsageError(
                f"S1: {by or 'nobody'} may not approve swap {swap_id}: the approver must be "
                f"the team leader of {whose}"
            )
        for s in mine:
            record = ledger.approve_swap(swap_id, "a" if s == "a" else "b", by=by)
        return record


def _leaders_words(scenario: Scenario, staff_id: str) -> str:
    leaders = team_leaders(scenario, staff_id)
    return "team leader " + ", ".join(leaders) if leaders else "no team leader on the staff sheet"


def register(scenario: Scenario, ledger_path: Path, swap_id: int, by: str = SYSTEM) -> Swap:
    """Register an approved swap: S1-S8 judged on the roster and swaps read inside the
    ledger's write transaction, so two registrations cannot both pass on a stale roster.

    Raises
    ------
    RosterUsageError
        When nothing is published, or the published month is not the scenario's.
    """
    with Ledger.open(ledger_path, create=False) as ledger:
        version = ledger.latest_version()
        if version is None:
            raise RosterUsageError(f"no published roster in {ledger_path}")
        same_horizon(scenario, version.start, version.end, version.id)

        def judge(candidate: Swap, others: list[Swap], current: Roster) -> list[str]:
            try:
                verdict = swap_verdict(scenario, current, candidate, others, for_registration=True)
            except ValueError as err:  # a day outside the scenario's month
                return [str(err)]
            return [] if verdict.allowed else verdict.explain()

        return ledger.register_swap(swap_id, judge, by=by)


def cancel(ledger_path: Path, swap_id: int, reason: str, by: str = SYSTEM) -> None:
    with Ledger.open(ledger_path, create=False) as ledger:
        ledger.cancel_swap(swap_id, reason=reason, by=by)


def listing(ledger_path: Path, status: str | None) -> list[SwapRecord]:
    with Ledger.open(ledger_path, create=False) as ledger:
        return ledger.swap_records(status)


def audit(ledger_path: Path, subject: str | None = None) -> list[AuditEntry]:
    """The ledger's audit trail: every write, who made it and when."""
    with Ledger.open(ledger_path, create=False) as ledger:
        return ledger.audit_log(subject)
