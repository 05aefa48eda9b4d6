"""The centre's web app: ``create_app(scenario, ledger)`` gives the FastAPI application
that ``roster serve`` runs with uvicorn (one process, the SQLite ledger)."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from roster.model import Scenario
from roster.web import agent, api, lead
from roster.web.agent import login_url
from roster.web.security import SESSION_SECONDS, session_secret
from roster.web.site import LoginRequired, Site, render

STATIC = Path(__file__).with_name("static")


def from_environment() -> FastAPI:
    """The app of ``ROSTER_SCENARIO`` and ``ROSTER_LEDGER`` (``roster serve --workers N``
    starts each worker process with them: uvicorn imports the app by name there)."""
    from roster.io import read_scenario

    scenario = read_scenario(Path(os.environ["ROSTER_SCENARIO"]))
    return create_app(
        scenario,
        Path(os.environ["ROSTER_LEDGER"]),
        https_only=os.environ.get("ROSTER_HTTPS_ONLY") == "1",
    )


def create_app(
    scenario: Scenario, ledger: Path, *, https_only: bool = False, secret: str | None = None
) -> FastAPI:
    """The app for one centre's month and its ledger (which must exist: publish first)."""
    app = FastAPI(
        title="roster",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.site = Site(scenario, ledger, https_only=https_only)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret or session_secret(ledger),
        session_cookie="roster_session",
        max_age=SESSION_SECONDS,
        same_site="lax",
        https_only=https_only,
    )

    @app.middleware("http")
    async def headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if not request.url.path.startswith("/api/docs"):
            response.headers.setdefault(
                "Content-Security-Policy", "default-src 'self'; style-src 'self'"
            )
        return response

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "log in first"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(login_url(target), status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return render(request, "message.html", status=exc.status_code, message=str(exc.detail))

    app.include_router(agent.router)
    app.include_router(lead.router)
    app.include_router(api.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app
