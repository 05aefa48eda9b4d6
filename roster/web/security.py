"""Who is asking, and may they: the signed session, the CSRF token every POST carries,
the login rate limit, and the secret the session is signed with.

Sessions are Starlette's signed cookies (itsdangerous): HttpOnly, SameSite=Lax, expiring
after ``SESSION_SECONDS``, ``Secure`` when served over HTTPS (``--https-only``). The
session holds the staff id and a CSRF token; a POST without the token gets 403.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from fastapi import HTTPException, Request

from roster.app import desk

SESSION_SECONDS = 8 * 3600
"""A working shift and its handover: an agent logs in once per shift."""

LOGIN_WINDOW = 15 * 60
LOGIN_FAILURES = 5
"""At most this many failed logins per staff id, and per address, in the window."""

MAX_UPLOAD = 5 * 1024 * 1024
"""A roster workbook of a 1,000-person month is about 1 MB; larger uploads are refused."""


def session_secret(ledger_path: Path) -> str:
    """``ROSTER_SECRET`` from the environment, else a random key kept beside the ledger
    (created once, readable by its owner only), so sessions survive a restart."""
    given = os.environ.get("ROSTER_SECRET")
    if given:
        return given
    path = ledger_path.with_name(ledger_path.name + ".secret")
    if not path.exists():
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
            handle.flush()
            os.fsync(handle.fileno())
        try:  # the first process to link it wins; the others read the winner's key
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()


class LoginLimiter:
    """Failed logins per key (``id:<staff>``, ``ip:<address>``) in a sliding window,
    counted in the ledger so that every worker process shares them."""

    def __init__(
        self, ledger: Path, window: float = LOGIN_WINDOW, limit: int = LOGIN_FAILURES
    ) -> None:
        self.ledger = ledger
        self.window = window
        self.limit = limit

    def blocked(self, *keys: str) -> bool:
        return desk.login_blocked(self.ledger, keys, self.window, self.limit)

    def failed(self, *keys: str) -> None:
        desk.login_outcome(self.ledger, keys, failed=True)

    def succeeded(self, staff_id: str) -> None:
        desk.login_outcome(self.ledger, (f"id:{staff_id}",), failed=False)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


def check_csrf(request: Request, given: str | None) -> None:
    """403 unless ``given`` (form field or X-CSRF-Token header) is the session's token."""
    expected = request.session.get("csrf")
    sent = given or request.headers.get("x-csrf-token", "")
    if not expected or not secrets.compare_digest(str(expected), sent):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token")


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
