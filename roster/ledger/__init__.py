"""The swap ledger (SQLite): published roster versions, swaps, leave decisions, audit trail.

Standard library only; see ``roster.ledger.db`` for the transaction rules and
``roster.ledger.schema`` for the tables.
"""

from roster.ledger.apply import apply_swaps, exchanged_shifts
from roster.ledger.db import (
    SWAP_STATUSES,
    SYSTEM,
    AuditEntry,
    LeaveDecision,
    Ledger,
    OnConflict,
    Published,
    RepublishJudge,
    RepublishRefused,
    RosterVersion,
    Snapshot,
    SwapCheck,
    SwapRecord,
    SwapRefused,
)
from roster.ledger.schema import SCHEMA_VERSION, LedgerError, LedgerFileError

__all__ = [
    "SCHEMA_VERSION",
    "SWAP_STATUSES",
    "SYSTEM",
    "AuditEntry",
    "LeaveDecision",
    "Ledger",
    "LedgerError",
    "LedgerFileError",
    "OnConflict",
    "Published",
    "RepublishJudge",
    "RepublishRefused",
    "RosterVersion",
    "Snapshot",
    "SwapCheck",
    "SwapRecord",
    "SwapRefused",
    "apply_swaps",
    "exchanged_shifts",
]
