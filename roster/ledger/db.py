"""The swap ledger: published roster versions, swaps and leave decisions in one SQLite file.

Swap rules S1-S3 need memory across requests (who approved, how many swaps a person has
registered this month), and several people may register swaps at the same time, so the
ledger is an embedded SQLite database (standard library only, no server) used with
explicit transactions.

Durability and concurrency
    The file is in WAL journal mode with ``synchronous=FULL``, foreign keys on and a busy
    timeout of 10 s. Every write is one transaction opened with ``BEGIN IMMEDIATE`` (it
    takes the write lock first, so writers queue instead of failing half-way); a process
    killed mid-transaction leaves only what was committed before. ``register_swap`` runs
    the caller's rule check *inside* its write transaction, on the roster and the swaps
    read in that transaction: a second process registering at the same moment waits for
    the lock and then judges on the first one's registration, so two swaps cannot both
    pass the monthly limit (S2) or both give one person a shift too many (S4/S8, R7).

Schema (version 2, kept in ``PRAGMA user_version``; ``roster.ledger.schema.MIGRATIONS[i]``
upgrades version ``i`` to ``i + 1``; a file newer than this program knows is refused). Dates are ISO
``YYYY-MM-DD`` text, timestamps ISO 8601 UTC text (``...+00:00``), ``NULL`` = not yet.

``roster_version``
    one published roster: ``id``, ``published_at``, ``name``, ``month`` (``YYYY-MM`` of
    ``start_date``), ``start_date``, ``end_date``, ``source`` (file it came from), ``note``.
``assignment``
    its cells: ``version_id`` -> ``roster_version``, ``staff_id``, ``date``, ``shift``.
``swap``
    ``id``, ``staff_a``, ``date_a`` (A's shift that B works), ``staff_b``, ``date_b`` (B's
    shift A works as the pay-back; ``NULL`` when none), ``status`` (requested, approved,
    registered, cancelled), ``requested_at``/``requested_by``, ``approved_a_at``/``_by``
    and ``approved_b_at``/``_by`` (each person's team leader), ``registered_at``,
    ``cancelled_at``/``cancelled_by``, ``reason`` (why cancelled), ``shift_a``/``shift_b``
    (the codes exchanged, stored at registration), ``superseded_by`` (the version it was
    kept as published at: it still counts for S2 but no longer applies).
``leave_decision``
    ``id``, ``request_id``, ``staff_id``, ``verdict``, ``reasons`` (JSON list of strings),
    ``decided_at``, ``decided_by``.
``audit``
    every write: ``id``, ``at``, ``actor`` (a staff id or ``system``), ``action``
    (publish, request, approve, register, cancel, drop, keep, leave), ``subject``
    (``swap 12``, ``version 3``, ``leave L7``) and ``detail``.

The roster in force (``current_roster``) is the latest published version with every
registered swap applied in registration order (``roster.ledger.apply``). A swap is
registered only if the current roster then shows it, so the ledger never holds a
registered swap the roster does not show; publishing a new version judges the registered
swaps of its dates again (``publish``'s ``judge``) and refuses, drops or keeps the ones
that no longer hold, as the caller says.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from roster.ledger.apply import apply_swaps, exchanged_shifts
from roster.ledger.records import (
    AuditEntry,
    LeaveDecision,
    Published,
    RepublishRefused,
    RosterVersion,
    Snapshot,
    SwapRecord,
    SwapRefused,
)
from roster.ledger.schema import LedgerError, LedgerFileError, migrate
from roster.model import Assignment, Roster, Swap

BUSY_TIMEOUT_MS = 10_000
SYSTEM = "system"
"""The actor of a write no person asked for."""

SWAP_STATUSES: tuple[str, ...] = ("requested", "approved", "registered", "cancelled")
"""Swap statuses in the order a swap goes through them (cancelled ends any of them)."""

SwapCheck = Callable[[Swap, list[Swap], Roster], Sequence[str]]
"""``check(swap, others, current)`` -> failure reasons (empty when the swap may be
registered); ``current`` is the roster in force, read in the same transaction."""

RepublishJudge = Callable[[Roster, list[Swap]], Mapping[str, str]]
"""``judge(new_version, registered)`` -> swap id -> why it no longer holds on the new
version (only the swaps that conflict)."""

OnConflict = Literal["refuse", "drop", "keep"]

Clock = Callable[[], dt.datetime]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _ts(moment: dt.datetime) -> str:
    """ISO UTC text; naive datetimes are taken as UTC already."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _parse_ts(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def _parse_date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _swap_id(swap_id: int | str) -> int:
    try:
        return int(swap_id)
    except (TypeError, ValueError):
        raise LedgerError(f"swap id {swap_id!r} is not a number") from None


class Ledger:
    """One open ledger file; use ``Ledger.open(path)``, as a context manager or ``close()``."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock = _utc_now) -> None:
        self._conn = conn
        self.path = path
        self._clock = clock

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, clock: Clock | None = None, create: bool = True) -> Ledger:
        """Open (creating file and schema when new and ``create``) and upgrade the schema.

        ``clock`` gives the timestamps (UTC); tests pass a fixed one. Without ``create`` a
        missing file raises ``LedgerFileError``: only publishing starts a ledger, so a
        mistyped path is not taken for an empty one.
        """
        path = Path(path)
        if not create and not path.is_file():
            raise LedgerFileError(
                f"no ledger at {path}: check --db, or publish a roster to start one"
            )
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise LedgerFileError(f"cannot open ledger {path}: {exc}") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise LedgerFileError(f"ledger {path}: cannot switch to WAL journal mode ({mode})")
            conn.execute("PRAGMA synchronous = FULL")
            migrate(conn, path)
        except sqlite3.Error as exc:
            conn.close()
            raise LedgerFileError(f"ledger {path} is not a usable ledger: {exc}") from exc
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, clock or _utc_now)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding the write lock from its start (BEGIN IMMEDIATE)."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise LedgerError(f"ledger {self.path} is busy: {exc}") from exc
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One read snapshot, so several queries see the same committed state."""
        self._conn.execute("BEGIN")
        try:
            yield self._conn
        finally:
            self._conn.execute("COMMIT")

    def _now(self) -> str:
        return _ts(self._clock())

    def _audit(
        self, conn: sqlite3.Connection, actor: str, action: str, subject: str, detail: str = ""
    ) -> None:
        """Record one write in the audit trail, inside the write's own transaction."""
        conn.execute(
            "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
            (self._now(), actor or SYSTEM, action, subject, detail),
        )

    def audit_log(self, subject: str | None = None) -> list[AuditEntry]:
        """The audit trail, oldest first; all of it or one subject's (``swap 12``)."""
        with self._read() as conn:
            if subject is None:
                rows = conn.execute("SELECT * FROM audit ORDER BY id").fetchall()
            else:
                rows = conn.execute(
                    "SELECT * FROM audit WHERE subject = ? ORDER BY id", (subject,)
                ).fetchall()
        return [
            AuditEntry(int(i), dt.datetime.fromisoformat(at), actor, action, subject, detail)
            for i, at, actor, action, subject, detail in rows
        ]

    # -- roster versions ----------------------------------------------------------------

    def publish(
        self,
        roster: Roster,
        *,
        name: str,
        start: dt.date,
        end: dt.date,
        source: str = "",
        note: str = "",
        by: str = SYSTEM,
        judge: RepublishJudge | None = None,
        on_conflict: OnConflict = "refuse",
    ) -> Published:
        """Store a roster as the newest published version; its id and what became of the
        registered swaps that no longer hold on it.

        ``judge`` gets the new version and the registered swaps (not kept as published
        before) of its dates, inside this transaction, and names the ones that no longer
        hold. Then ``on_conflict``: ``refuse`` raises ``RepublishRefused`` and writes
        nothing; ``drop`` cancels them; ``keep`` keeps them registered (they still count
        for S2) but no longer applies them: the new version stands as published.
        """
        if on_conflict not in ("refuse", "drop", "keep"):
            raise LedgerError(f"on_conflict must be refuse, drop or keep, not {on_conflict!r}")
        if end < start:
            raise LedgerError(f"roster {name!r}: end {end} is before start {start}")

        def rows(version_id: int) -> Iterator[tuple[int, str, str, str]]:
            for a in roster.assignments:
                if not start <= a.date <= end:
                    raise LedgerError(
                        f"roster {name!r}: {a.staff_id} on {a.date} is outside {start}..{end}"
                    )
                yield version_id, a.staff_id, a.date.isoformat(), a.shift

        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO roster_version (published_at, name, month, start_date, end_date,"
                " source, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    self._now(),
                    name,
                    start.strftime("%Y-%m"),
                    start.isoformat(),
                    end.isoformat(),
                    source,
                    note,
                ),
            )
            version_id = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO assignment (version_id, staff_id, date, shift) VALUES (?, ?, ?, ?)",
                rows(version_id),
            )
            self._audit(
                conn, by, "publish", f"version {version_id}", f"{name} {start}..{end} {source}"
            )
            conflicts: list[tuple[str, str]] = []
            if judge is not None:
                new = self._version_from(
                    conn,
                    conn.execute(
                        "SELECT * FROM roster_version WHERE id = ?", (version_id,)
                    ).fetchone(),
                ).roster
                affected = [
                    sw
                    for sw in self._registered_in_order(conn)
                    if start <= sw.date_a <= end
                    or (sw.date_b is not None and start <= sw.date_b <= end)
                ]
                found = judge(new, affected)
                conflicts = [(sw.id, found[sw.id]) for sw in affected if sw.id in found]
            if conflicts and on_conflict == "refuse":
                raise RepublishRefused(conflicts)
            for sid, why in conflicts:
                if on_conflict == "drop":
                    conn.execute(
                        "UPDATE swap SET status = 'cancelled', cancelled_at = ?, cancelled_by = ?,"
                        " reason = ? WHERE id = ?",
                        (
                            self._now(),
                            by or SYSTEM,
                            f"dropped at version {version_id}: {why}",
                            int(sid),
                        ),
                    )
                else:
                    conn.execute(
                        "UPDATE swap SET superseded_by = ? WHERE id = ?", (version_id, int(sid))
                    )
                self._audit(conn, by, on_conflict, f"swap {sid}", f"version {version_id}: {why}")
        if on_conflict == "drop":
            return Published(version_id, dropped=tuple(conflicts))
        return Published(version_id, kept=tuple(conflicts))

    def latest_version(self) -> RosterVersion | None:
        """The most recently published version (highest id), or ``None`` before any."""
        with self._read() as conn:
            return self._latest(conn)

    def version(self, version_id: int) -> RosterVersion:
        with self._read() as conn:
            row = conn.execute(
                "SELECT * FROM roster_version WHERE id = ?", (version_id,)
            ).fetchone()
            if row is None:
                raise LedgerError(f"no roster version {version_id} in the ledger")
            return self._version_from(conn, row)

    def versions(self) -> list[RosterVersion]:
        """Every published version, oldest first."""
        with self._read() as conn:
            rows = conn.execute("SELECT * FROM roster_version ORDER BY id").fetchall()
            return [self._version_from(conn, row) for row in rows]

    def _latest(self, conn: sqlite3.Connection) -> RosterVersion | None:
        row = conn.execute("SELECT * FROM roster_version ORDER BY id DESC LIMIT 1").fetchone()
        return None if row is None else self._version_from(conn, row)

    @staticmethod
    def _version_from(conn: sqlite3.Connection, row: tuple[Any, ...]) -> RosterVersion:
        vid, published_at, name, _month, start, end, source, note = row
        cells = conn.execute(
            "SELECT staff_id, date, shift FROM assignment WHERE version_id = ? ORDER BY rowid",
            (vid,),
        ).fetchall()
        roster = Roster(tuple(Assignment(s, dt.date.fromisoformat(d), c) for s, d, c in cells))
        return RosterVersion(
            id=int(vid),
            published_at=dt.datetime.fromisoformat(published_at),
            name=name,
            start=dt.date.fromisoformat(start),
            end=dt.date.fromisoformat(end),
            roster=roster,
            source=source,
            note=note,
        )

    def current_roster(self) -> Roster | None:
        """The roster in force: the latest version with the registered swaps applied."""
        with self._read() as conn:
            return self._current(conn)

    def swapped_cells(self) -> set[tuple[str, dt.date]]:
        """(staff, date) cells of the current roster that registered swaps changed."""
        return set(self.snapshot().changed)

    def stamp(self) -> tuple[int, int]:
        """Changes whenever the ledger does: every write adds an audit entry, so (last audit
        entry, last version) identifies a state; a cache keyed by it is never stale."""
        with self._read() as conn:
            audit = conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone()[0]
            version = conn.execute("SELECT COALESCE(MAX(id), 0) FROM roster_version").fetchone()[0]
        return int(audit), int(version)

    def snapshot(self, known: RosterVersion | None = None) -> Snapshot:
        """The latest version, the roster in force, every swap and the cells swaps
        changed, all from one read (the version's cells are read once). ``known``: a
        version already read; reused when it is still the latest."""
        with self._read() as conn:
            audit = conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone()[0]
            newest = conn.execute("SELECT COALESCE(MAX(id), 0) FROM roster_version").fetchone()
            if known is not None and known.id == newest[0]:
                latest: RosterVersion | None = known
            else:
                latest = self._latest(conn)
            records = [
                self._record_from(row)
                for row in conn.execute("SELECT * FROM swap ORDER BY id").fetchall()
            ]
            applying = self._registered_in_order(conn, applying=True)
        current, changed = (None, set()) if latest is None else apply_swaps(latest.roster, applying)
        version_id = 0 if latest is None else latest.id
        return Snapshot(
            (int(audit), version_id), latest, current, tuple(records), frozenset(changed)
        )

    def _current(self, conn: sqlite3.Connection) -> Roster | None:
        latest = self._latest(conn)
        if latest is None:
            return None
        return apply_swaps(latest.roster, self._registered_in_order(conn, applying=True))[0]

    # -- swaps --------------------------------------------------------------------------

    def request_swap(
        self,
        staff_a: str,
        date_a: dt.date,
        staff_b: str,
        date_b: dt.date | None,
        *,
        requested_by: str = "",
    ) -> int:
        """Record a requested swap (nothing is checked or changed yet); returns its id."""
        if not staff_a or not staff_b:
            raise LedgerError("a swap needs two people")
        if staff_a == staff_b:
            raise LedgerError(f"{staff_a} cannot swap with themselves")
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO swap (staff_a, date_a, staff_b, date_b, status, requested_at,"
                " requested_by) VALUES (?, ?, ?, ?, 'requested', ?, ?)",
                (
                    staff_a,
                    date_a.isoformat(),
                    staff_b,
                    None if date_b is None else date_b.isoformat(),
                    self._now(),
                    requested_by,
                ),
            )
            sid = int(cur.lastrowid or 0)
            back = f", pay-back {date_b}" if date_b is not None else ""
            self._audit(
                conn,
                requested_by,
                "request",
                f"swap {sid}",
                f"{staff_a} {date_a} -> {staff_b}{back}",
            )
            return sid

    def approve_swap(self, swap_id: int | str, side: Literal["a", "b"], by: str = "") -> Swap:
        """One team leader's approval (S1): ``side`` "a" is A's leader, "b" is B's.

        Approving a side twice keeps the first approval; once both sides have approved,
        the status becomes "approved".
        """
        if side not in ("a", "b"):
            raise LedgerError(f"side must be 'a' or 'b', not {side!r}")
        sid = _swap_id(swap_id)
        with self._write() as conn:
            record = self._record(conn, sid)
            status = record.swap.status
            if status in ("registered", "cancelled"):
                raise LedgerError(f"swap {sid} is already {status}; it cannot be approved")
            already = record.approved_a_at if side == "a" else record.approved_b_at
            if already is None:
                conn.execute(
                    f"UPDATE swap SET approved_{side}_at = ?, approved_{side}_by = ? WHERE id = ?",
                    (self._now(), by, sid),
                )
                who = record.swap.staff_a if side == "a" else record.swap.staff_b
                self._audit(conn, by, "approve", f"swap {sid}", f"side {side} ({who})")
            conn.execute(
                "UPDATE swap SET status = 'approved' WHERE id = ? AND status = 'requested'"
                " AND approved_a_at IS NOT NULL AND approved_b_at IS NOT NULL",
                (sid,),
            )
            return self._record(conn, sid).swap

    def register_swap(self, swap_id: int | str, check: SwapCheck, *, by: str = SYSTEM) -> Swap:
        """Register an approved swap if ``check`` finds nothing wrong; atomic with the check.

        ``check(swap, others, current)`` gets the swap, every other swap in the ledger (any
        status) and the roster in force, all read inside this write transaction, and
        returns failure reasons. Raises ``SwapRefused`` (an S1 reason when a leader has
        not approved yet, the check's reasons, or a swap the current roster could not
        show); nothing is written then. The shifts exchanged are stored with the swap.
        """
        sid = _swap_id(swap_id)
        with self._write() as conn:
            swap = self._record(conn, sid).swap
            if swap.status in ("registered", "cancelled"):
                raise LedgerError(f"swap {sid} is already {swap.status}")
            missing = [
                f"{who}'s team leader"
                for who, ok in (
                    (swap.staff_a, swap.approved_by_a_leader),
                    (swap.staff_b, swap.approved_by_b_leader),
                )
                if not ok
            ]
            if missing:
                raise SwapRefused(
                    str(sid),
                    [f"S1: swap {sid} still needs the approval of " + " and ".join(missing)],
                )
            current = self._current(conn)
            if current is None:
                raise LedgerError(f"no published roster in {self.path}: publish one first")
            others = [
                self._swap_from(row)
                for row in conn.execute("SELECT * FROM swap WHERE id <> ? ORDER BY id", (sid,))
            ]
            reasons = [str(r) for r in check(swap, others, current)]
            if reasons:
                raise SwapRefused(str(sid), reasons)
            shift_a, shift_b = exchanged_shifts(current, swap)
            stored = dataclasses.replace(swap, shift_a=shift_a, shift_b=shift_b)
            if (swap.staff_a, swap.date_a) not in apply_swaps(current, [stored])[1]:
                raise SwapRefused(
                    str(sid),
                    [
                        f"the current roster cannot show swap {sid}: {swap.staff_a} has no "
                        f"single shift on {swap.date_a} for {swap.staff_b} to take"
                    ],
                )
            conn.execute(
                "UPDATE swap SET status = 'registered', registered_at = ?, shift_a = ?,"
                " shift_b = ? WHERE id = ?",
                (self._now(), shift_a, shift_b, sid),
            )
            self._audit(
                conn, by, "register", f"swap {sid}", f"shifts {shift_a or '-'}/{shift_b or '-'}"
            )
            return self._record(conn, sid).swap

    def cancel_swap(self, swap_id: int | str, reason: str = "", *, by: str = "") -> Swap:
        """Cancel a swap in any status; a cancelled swap no longer counts or applies."""
        sid = _swap_id(swap_id)
        with self._write() as conn:
            if self._record(conn, sid).swap.status == "cancelled":
                raise LedgerError(f"swap {sid} is already cancelled")
            conn.execute(
                "UPDATE swap SET status = 'cancelled', cancelled_at = ?, cancelled_by = ?,"
                " reason = ? WHERE id = ?",
                (self._now(), by, reason, sid),
            )
            self._audit(conn, by, "cancel", f"swap {sid}", reason)
            return self._record(conn, sid).swap

    def swap(self, swap_id: int | str) -> Swap:
        return self.swap_record(swap_id).swap

    def swap_record(self, swap_id: int | str) -> SwapRecord:
        with self._read() as conn:
            return self._record(conn, _swap_id(swap_id))

    def swaps(self, status: str | None = None) -> list[Swap]:
        """Swaps in id order, all or those of one status (as the rule checks take them)."""
        return [r.swap for r in self.swap_records(status)]

    def swap_records(self, status: str | None = None) -> list[SwapRecord]:
        if status is not None and status not in SWAP_STATUSES:
            raise LedgerError(f"unknown swap status {status!r}; expected one of {SWAP_STATUSES}")
        with self._read() as conn:
            if status is None:
                rows = conn.execute("SELECT * FROM swap ORDER BY id").fetchall()
            else:
                rows = conn.execute(
                    "SELECT * FROM swap WHERE status = ? ORDER BY id", (status,)
                ).fetchall()
        return [self._record_from(row) for row in rows]

    def _record(self, conn: sqlite3.Connection, sid: int) -> SwapRecord:
        row = conn.execute("SELECT * FROM swap WHERE id = ?", (sid,)).fetchone()
        if row is None:
            raise LedgerError(f"no swap {sid} in the ledger")
        return self._record_from(row)

    def _registered_in_order(
        self, conn: sqlite3.Connection, *, applying: bool = False
    ) -> list[Swap]:
        """Registered swaps in registration order; ``applying``: only those the latest
        version still takes (not kept as published by it or a version before)."""
        kept = " AND superseded_by IS NULL" if applying else ""
        rows = conn.execute(
            f"SELECT * FROM swap WHERE status = 'registered'{kept} ORDER BY registered_at, id"
        ).fetchall()
        return [self._swap_from(row) for row in rows]

    @staticmethod
    def _swap_from(row: tuple[Any, ...]) -> Swap:
        return Ledger._record_from(row).swap

    @staticmethod
    def _record_from(row: tuple[Any, ...]) -> SwapRecord:
        (
            sid,
            staff_a,
            date_a,
            staff_b,
            date_b,
            status,
            requested_at,
            requested_by,
            approved_a_at,
            approved_a_by,
            approved_b_at,
            approved_b_by,
            registered_at,
            cancelled_at,
            cancelled_by,
            reason,
            shift_a,
            shift_b,
            _superseded_by,
            accepted_at,
            accepted_by,
        ) = row
        swap = Swap(
            id=str(sid),
            staff_a=staff_a,
            date_a=dt.date.fromisoformat(date_a),
            staff_b=staff_b,
            date_b=_parse_date(date_b),
            status=status,
            approved_by_a_leader=approved_a_at is not None,
            approved_by_b_leader=approved_b_at is not None,
            shift_a=shift_a,
            shift_b=shift_b,
        )
        return SwapRecord(
            swap=swap,
            requested_at=dt.datetime.fromisoformat(requested_at),
            requested_by=requested_by,
            approved_a_at=_parse_ts(approved_a_at),
            approved_a_by=approved_a_by,
            approved_b_at=_parse_ts(approved_b_at),
            approved_b_by=approved_b_by,
            registered_at=_parse_ts(registered_at),
            cancelled_at=_parse_ts(cancelled_at),
            cancelled_by=cancelled_by,
            reason=reason,
            accepted_at=_parse_ts(accepted_at),
            accepted_by=accepted_by,
        )

    # -- leave decisions ----------------------------------------------------------------

    def record_leave_decision(
        self,
        request_id: str,
        staff_id: str,
        verdict: str,
        reasons: Iterable[str] = (),
        *,
        decided_by: str = "",
    ) -> int:
        """Remember a decision on a leave request (e.g. "grant", "refused: L1"); returns id."""
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO leave_decision (request_id, staff_id, verdict, reasons,"
                " decided_at, decided_by) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    request_id,
                    staff_id,
                    verdict,
                    json.dumps(list(reasons), ensure_ascii=False),
                    self._now(),
                    decided_by,
                ),
            )
            self._audit(conn, decided_by, "leave", f"leave {request_id}", f"{staff_id}: {verdict}")
            return int(cur.lastrowid or 0)

    def leave_decisions(self, request_id: str | None = None) -> list[LeaveDecision]:
        """Recorded decisions, oldest first (the last one of a request is the one in force)."""
        with self._read() as conn:
            if request_id is None:
                rows = conn.execute("SELECT * FROM leave_decision ORDER BY id").fetchall()
            else:
                rows = conn.execute(
                    "SELECT * FROM leave_decision WHERE request_id = ? ORDER BY id",
                    (request_id,),
                ).fetchall()
        return [
            LeaveDecision(
                id=int(i),
                request_id=rid,
                staff_id=staff,
                verdict=verdict,
                reasons=tuple(json.loads(reasons)),
                decided_at=dt.datetime.fromisoformat(at),
                decided_by=by,
            )
            for i, rid, staff, verdict, reasons, at, by in rows
        ]
