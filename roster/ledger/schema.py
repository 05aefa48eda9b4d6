"""The ledger's schema and its upgrades: ``MIGRATIONS[i]`` takes version ``i`` to ``i + 1``.

Version 1: roster versions, their cells, swaps, leave decisions.
Version 2: the shifts a registered swap exchanged (``shift_a``, ``shift_b``), the version
a swap was kept as published at (``superseded_by``), the partner's acceptance
(``accepted_at``/``_by``), the audit trail, the web app's users (``web_user``: argon2
hashes, never passwords), leave requested through it (``leave_request``) and failed
logins (``login_failure``, for the rate limit every worker process shares).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from roster.exceptions import RosterError, RosterInputError

SCHEMA_VERSION = 2

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE roster_version (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            published_at TEXT NOT NULL,
            name TEXT NOT NULL,
            month TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            CHECK (start_date <= end_date)
        )""",
        """CREATE TABLE assignment (
            version_id INTEGER NOT NULL REFERENCES roster_version(id) ON DELETE CASCADE,
            staff_id TEXT NOT NULL,
            date TEXT NOT NULL,
            shift TEXT NOT NULL
        )""",
        "CREATE INDEX assignment_version ON assignment(version_id)",
        """CREATE TABLE swap (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            staff_a TEXT NOT NULL,
            date_a TEXT NOT NULL,
            staff_b TEXT NOT NULL,
            date_b TEXT,
            status TEXT NOT NULL DEFAULT 'requested'
                CHECK (status IN ('requested', 'approved', 'registered', 'cancelled')),
            requested_at TEXT NOT NULL,
            requested_by TEXT NOT NULL DEFAULT '',
            approved_a_at TEXT,
            approved_a_by TEXT NOT NULL DEFAULT '',
            approved_b_at TEXT,
            approved_b_by TEXT NOT NULL DEFAULT '',
            registered_at TEXT,
            cancelled_at TEXT,
            cancelled_by TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            CHECK (staff_a <> staff_b)
        )""",
        "CREATE INDEX swap_status ON swap(status)",
        """CREATE TABLE leave_decision (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            request_id TEXT NOT NULL,
            staff_id TEXT NOT NULL,
            verdict TEXT NOT NULL,
            reasons TEXT NOT NULL DEFAULT '[]',
            decided_at TEXT NOT NULL,
            decided_by TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX leave_decision_request ON leave_decision(request_id)",
    ),
    (
        "ALTER TABLE swap ADD COLUMN shift_a TEXT",
        "ALTER TABLE swap ADD COLUMN shift_b TEXT",
        "ALTER TABLE swap ADD COLUMN superseded_by INTEGER REFERENCES roster_version(id)",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX audit_subject ON audit(subject)",
        "ALTER TABLE swap ADD COLUMN accepted_at TEXT",
        "ALTER TABLE swap ADD COLUMN accepted_by TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE web_user (
            staff_id TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL DEFAULT '',
            first_code_hash TEXT NOT NULL DEFAULT '',
            ics_token TEXT NOT NULL UNIQUE,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE leave_request (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            staff_id TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            type TEXT NOT NULL,
            certificate INTEGER NOT NULL DEFAULT 0,
            phoned_team_leader INTEGER NOT NULL DEFAULT 0,
            requested_at TEXT NOT NULL,
            requested_by TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
            approvals TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            CHECK (start_date <= end_date)
        )""",
        """CREATE TABLE login_failure (
            key TEXT NOT NULL,
            at REAL NOT NULL
        )""",
        "CREATE INDEX login_failure_key ON login_failure(key, at)",
    ),
)
"""``MIGRATIONS[i]``: the statements that take the schema from version ``i`` to ``i + 1``."""

assert len(MIGRATIONS) == SCHEMA_VERSION


class LedgerError(RosterError):
    """The ledger cannot do what was asked (unknown swap, wrong status, refused publish)."""


class LedgerFileError(LedgerError, RosterInputError):
    """The ledger file is missing, not SQLite, or from a newer program (exit status 2)."""


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to ``SCHEMA_VERSION``, each step in its own transaction."""
    while True:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise LedgerFileError(
                f"ledger {path} has schema version {version}, newer than this program "
                f"knows ({SCHEMA_VERSION}); upgrade roster to use it"
            )
        if version == SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            current = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if current == version:
                for statement in MIGRATIONS[version]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
