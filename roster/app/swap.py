""" "Can I swap my shift on the 14th with Li? With whom could I?" and the swap ledger's
steps: request, approve, register, cancel, list. Every verdict is the checker's (S1-S8).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from roster.checks.swap import SwapSuggestions, SwapVerdict, suggest_swaps, swap_verdict
from roster.exceptions import RosterUsageError
from roster.ledger import Ledger
from roster.model import Roster, Scenario, Swap


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
    if ledger_path.exists():
        with Ledger.open(ledger_path) as ledger:
            swaps = ledger.swaps()
            current = ledger.current_roster()
            version = ledger.latest_version()
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


def suggest(
    scenario: Scenario, roster: Roster, staff: str, first: dt.date, swaps: list[Swap], limit: int
) -> SwapSuggestions:
    """The partners (and pay-back days) ``staff`` could swap ``first`` with, best first."""
    return suggest_swaps(scenario, roster, staff, first, swaps, limit=limit)


def request(ledger_path: Path, swap: Swap, requested_by: str) -> int:
    """Record a checked swap as requested; its id."""
    with Ledger.open(ledger_path) as ledger:
        return ledger.request_swap(
            swap.staff_a, swap.date_a, swap.staff_b, swap.date_b, requested_by=requested_by
        )


def approve(ledger_path: Path, swap_id: int, side: Literal["a", "b"], by: str) -> Swap:
    """A team leader's approval of one side (S1)."""
    with Ledger.open(ledger_path) as ledger:
        return ledger.approve_swap(swap_id, side, by=by)


def register(scenario: Scenario, ledger_path: Path, swap_id: int) -> Swap:
    """Register an approved swap, S1-S8 judged again inside the ledger's transaction.

    Raises
    ------
    RosterUsageError
        When nothing is published.
    """
    with Ledger.open(ledger_path) as ledger:
        current = ledger.current_roster()
        if current is None:
            raise RosterUsageError(f"no published roster in {ledger_path}")

        def judge(candidate: Swap, others: list[Swap]) -> list[str]:
            verdict = swap_verdict(scenario, current, candidate, others, for_registration=True)
            return [] if verdict.allowed else verdict.explain()

        return ledger.register_swap(swap_id, judge)


def cancel(ledger_path: Path, swap_id: int, reason: str) -> None:
    with Ledger.open(ledger_path) as ledger:
        ledger.cancel_swap(swap_id, reason=reason)


def listing(ledger_path: Path, status: str | None) -> list[Swap]:
    with Ledger.open(ledger_path) as ledger:
        return ledger.swaps(status)
