"""The swap ledger (SQLite): published roster versions, swaps and leave decisions.

Standard library only; see ``roster.ledger.db`` for the schema and the transaction rules.
"""

from roster.ledger.db import (
    SCHEMA_VERSION,
    SWAP_STATUSES,
    LeaveDecision,
    Ledger,
    LedgerError,
    RosterVersion,
    SwapCheck,
    SwapRecord,
    SwapRefused,
)

__all__ = [
    "SCHEMA_VERSION",
    "SWAP_STATUSES",
    "LeaveDecision",
    "Ledger",
    "LedgerError",
    "RosterVersion",
    "SwapCheck",
    "SwapRecord",
    "SwapRefused",
]
