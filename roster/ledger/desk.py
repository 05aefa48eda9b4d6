"""What the web app keeps beside the swaps: the partner's answer to a swap request, the
users who may log in (argon2 hashes only, made by the caller), and leave requested
through the app. Every write is one transaction with its audit entry, like the rest of
the ledger."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from roster.ledger.db import Ledger
from roster.ledger.schema import LedgerError


@dataclass(frozen=True)
class WebUser:
    """A person who may log in: by password, or once by a first-login code."""

    staff_id: str
    password_hash: str
    first_code_hash: str
    ics_token: str


@dataclass(frozen=True)
class LeaveRequestRow:
    """Leave asked for through the web app; ``approvals`` are staff ids, in order."""

    id: int
    staff_id: str
    start: dt.date
    end: dt.date
    type: str
    certificate: bool
    phoned_team_leader: bool
    requested_at: dt.datetime
    requested_by: str
    status: str
    approvals: tuple[str, ...]
    reason: str = ""


def answer_swap(ledger: Ledger, swap_id: int, by: str, accept: bool) -> None:
    """The partner accepts (then the team leaders decide) or declines (the swap ends)."""
    with ledger._write() as conn:
        record = ledger._record(conn, swap_id)
        if record.swap.staff_b != by:
            raise LedgerError(f"only {record.swap.staff_b} can answer swap {swap_id}")
        if record.swap.status != "requested" or record.accepted_at is not None:
            raise LedgerError(f"swap {swap_id} is already answered or decided")
        if accept:
            conn.execute(
                "UPDATE swap SET accepted_at = ?, accepted_by = ? WHERE id = ?",
                (ledger._now(), by, swap_id),
            )
        else:
            conn.execute(
                "UPDATE swap SET status = 'cancelled', cancelled_at = ?, cancelled_by = ?,"
                " reason = 'declined by the partner' WHERE id = ?",
                (ledger._now(), by, swap_id),
            )
        ledger._audit(conn, by, "accept" if accept else "decline", f"swap {swap_id}")


# -- users ------------------------------------------------------------------------------


def set_user(
    ledger: Ledger, staff_id: str, *, password_hash: str = "", first_code_hash: str = "", by: str
) -> WebUser:
    """Set a user's password hash or first-login code hash (the other is cleared)."""
    with ledger._write() as conn:
        row = conn.execute("SELECT ics_token FROM web_user WHERE staff_id = ?", (staff_id,))
        found = row.fetchone()
        token = found[0] if found else secrets.token_urlsafe(24)
        conn.execute(
            "INSERT INTO web_user (staff_id, password_hash, first_code_hash, ics_token,"
            " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(staff_id) DO UPDATE SET"
            " password_hash = excluded.password_hash,"
            " first_code_hash = excluded.first_code_hash, updated_at = excluded.updated_at",
            (staff_id, password_hash, first_code_hash, token, ledger._now()),
        )
        what = "password" if password_hash else "first-login code"
        ledger._audit(conn, by, "user", f"user {staff_id}", f"{what} set")
    return WebUser(staff_id, password_hash, first_code_hash, token)


def user(ledger: Ledger, staff_id: str) -> WebUser | None:
    with ledger._read() as conn:
        row = conn.execute(
            "SELECT staff_id, password_hash, first_code_hash, ics_token FROM web_user"
            " WHERE staff_id = ?",
            (staff_id,),
        ).fetchone()
    return WebUser(*row) if row else None


def user_by_token(ledger: Ledger, token: str) -> WebUser | None:
    with ledger._read() as conn:
        row = conn.execute(
            "SELECT staff_id, password_hash, first_code_hash, ics_token FROM web_user"
            " WHERE ics_token = ?",
            (token,),
        ).fetchone()
    return WebUser(*row) if row else None


def login_failures(ledger: Ledger, keys: tuple[str, ...], since: float) -> int:
    """The most failed logins of any of ``keys`` (a staff id, an address) since ``since``
    (seconds of the epoch); older ones are forgotten here."""
    with ledger._write() as conn:
        conn.execute("DELETE FROM login_failure WHERE at < ?", (since,))
        counts = [
            conn.execute(
                "SELECT COUNT(*) FROM login_failure WHERE key = ? AND at >= ?", (key, since)
            ).fetchone()[0]
            for key in keys
        ]
    return max(counts, default=0)


def record_login(ledger: Ledger, keys: tuple[str, ...], at: float, failed: bool) -> None:
    """A failed login counts against each key; a success clears the staff id's count."""
    with ledger._write() as conn:
        if failed:
            conn.executemany(
                "INSERT INTO login_failure (key, at) VALUES (?, ?)", [(k, at) for k in keys]
            )
        else:
            conn.executemany("DELETE FROM login_failure WHERE key = ?", [(k,) for k in keys])


# -- leave requested through the app ----------------------------------------------------


def add_leave_request(
    ledger: Ledger,
    staff_id: str,
    start: dt.date,
    end: dt.date,
    type_: str,
    *,
    certificate: bool,
    phoned_team_leader: bool,
    requested_at: dt.datetime,
    by: str,
) -> int:
    with ledger._write() as conn:
        cur = conn.execute(
            "INSERT INTO leave_request (staff_id, start_date, end_date, type, certificate,"
            " phoned_team_leader, requested_at, requested_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                staff_id,
                start.isoformat(),
                end.isoformat(),
                type_,
                int(certificate),
                int(phoned_team_leader),
                requested_at.isoformat(timespec="minutes"),
                by,
            ),
        )
        rid = int(cur.lastrowid or 0)
        ledger._audit(conn, by, "leave", f"leave W{rid}", f"{type_} {start}..{end} requested")
    return rid


def decide_leave_request(
    ledger: Ledger, request_id: int, by: str, *, approve: bool, final: bool, reason: str = ""
) -> LeaveRequestRow:
    """Record one approval (``final``: the request is then approved) or a refusal."""
    with ledger._write() as conn:
        row = _leave_row(conn, request_id)
        if row.status != "pending":
            raise LedgerError(f"leave request W{request_id} is already {row.status}")
        if approve:
            approvals = ";".join((*row.approvals, by))
            status = "approved" if final else "pending"
            conn.execute(
                "UPDATE leave_request SET approvals = ?, status = ? WHERE id = ?",
                (approvals, status, request_id),
            )
        else:
            conn.execute(
                "UPDATE leave_request SET status = 'rejected', reason = ? WHERE id = ?",
                (reason, request_id),
            )
        ledger._audit(
            conn,
            by,
            "approve" if approve else "refuse",
            f"leave W{request_id}",
            reason if not approve else ("final" if final else "one level"),
        )
        return _leave_row(conn, request_id)


def leave_requests(ledger: Ledger) -> list[LeaveRequestRow]:
    with ledger._read() as conn:
        rows = conn.execute("SELECT * FROM leave_request ORDER BY id").fetchall()
    return [_from_row(r) for r in rows]


def _leave_row(conn: Any, request_id: int) -> LeaveRequestRow:
    row = conn.execute("SELECT * FROM leave_request WHERE id = ?", (request_id,)).fetchone()
    if row is None:
        raise LedgerError(f"no leave request W{request_id} in the ledger")
    return _from_row(row)


def _from_row(row: tuple[Any, ...]) -> LeaveRequestRow:
    rid, staff, start, end, type_, cert, phoned, at, by, status, approvals, reason = row
    return LeaveRequestRow(
        int(rid),
        staff,
        dt.date.fromisoformat(start),
        dt.date.fromisoformat(end),
        type_,
        bool(cert),
        bool(phoned),
        dt.datetime.fromisoformat(at),
        by,
        status,
        tuple(a for a in approvals.split(";") if a),
        reason,
    )
