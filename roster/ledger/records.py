"""What the ledger hands back: versions, swap records, audit entries, one consistent
snapshot, and the refusals it raises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from roster.ledger.schema import LedgerError
from roster.model import Roster, Swap


class SwapRefused(LedgerError):
    """A swap may not be registered; ``reasons`` are the failed rules in plain words."""

    def __init__(self, swap_id: str, reasons: Sequence[str]) -> None:
        self.swap_id = swap_id
        self.reasons = tuple(reasons)
        super().__init__(f"swap {swap_id} refused: " + "; ".join(self.reasons))


class RepublishRefused(LedgerError):
    """A new version on which registered swaps no longer hold, published without saying
    what to do with them; ``conflicts``: (swap id, why), nothing is written."""

    def __init__(self, conflicts: Sequence[tuple[str, str]]) -> None:
        self.conflicts = tuple(conflicts)
        lines = "; ".join(f"swap {sid}: {why}" for sid, why in self.conflicts)
        super().__init__(
            f"{len(self.conflicts)} registered swap(s) no longer hold on the new roster "
            f"({lines}); publish with --drop-conflicting (cancel them) or "
            "--keep-as-published (the new roster stands as it is, the swaps still count)"
        )


@dataclass(frozen=True)
class Published:
    """A published version's id, and the registered swaps that no longer held on it with
    what was done to them (``dropped``: cancelled; ``kept``: kept as published)."""

    version: int
    dropped: tuple[tuple[str, str], ...] = ()
    kept: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class AuditEntry:
    """One ledger write: who (a staff id or ``system``), when, what, on which row."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    subject: str
    detail: str = ""


@dataclass(frozen=True)
class Snapshot:
    """One consistent read of the ledger (``Ledger.snapshot``), identified by ``stamp``."""

    stamp: tuple[int, int]
    version: RosterVersion | None
    current: Roster | None
    records: tuple[SwapRecord, ...]
    changed: frozenset[tuple[str, dt.date]]

    @property
    def swaps(self) -> list[Swap]:
        return [r.swap for r in self.records]


@dataclass(frozen=True)
class RosterVersion:
    """A published roster as stored: the version id identifies it in later commands."""

    id: int
    published_at: dt.datetime
    name: str
    start: dt.date
    end: dt.date
    roster: Roster
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class SwapRecord:
    """A swap with its history, for listings (``swap`` is what the rule checks take)."""

    swap: Swap
    requested_at: dt.datetime
    requested_by: str = ""
    approved_a_at: dt.datetime | None = None
    approved_a_by: str = ""
    approved_b_at: dt.datetime | None = None
    approved_b_by: str = ""
    registered_at: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None
    cancelled_by: str = ""
    reason: str = ""
    accepted_at: dt.datetime | None = None
    """When the partner (B) agreed to the swap (the web app asks them first)."""
    accepted_by: str = ""


@dataclass(frozen=True)
class LeaveDecision:
    """A recorded decision on a leave request, so later runs know what was granted."""

    id: int
    request_id: str
    staff_id: str
    verdict: str
    reasons: tuple[str, ...]
    decided_at: dt.datetime
    decided_by: str = ""
