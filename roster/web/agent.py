"""The pages every person uses: log in, my month, the team roster, can I swap, who could
take it, requests, leave. Each calls one ``roster.app`` question."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from roster.app import desk
from roster.app import swap as swaps
from roster.app.desk import Person
from roster.exceptions import RosterError
from roster.model import LEAVE_TYPES
from roster.web.security import check_csrf, client_address
from roster.web.site import current, render, see_other, site

router = APIRouter()
Me = Annotated[Person, Depends(current)]


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise HTTPException(
            status_code=400, detail=f"{text!r} is not a date (YYYY-MM-DD)"
        ) from None


@router.get("/healthz")
def healthz() -> Response:
    return Response("ok", media_type="text/plain")


@router.get("/")
def home() -> RedirectResponse:
    return see_other("/me")


@router.get("/lang/{code}")
def set_language(code: str, next: str = "/me") -> RedirectResponse:
    target = next if next.startswith("/") and not next.startswith("//") else "/me"
    response = see_other(target)
    response.set_cookie("lang", "en" if code == "en" else "zh", samesite="lax", httponly=True)
    return response


# -- logging in -------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/me") -> HTMLResponse:
    return render(request, "login.html", next=next, error="")


@router.post("/login", response_model=None)
def login(
    request: Request,
    staff_id: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/me",
) -> HTMLResponse | RedirectResponse:
    check_csrf(request, csrf)
    s = site(request)
    keys = (f"id:{staff_id}", f"ip:{client_address(request)}")
    if s.limiter.blocked(*keys):
        return render(request, "login.html", status=429, next=next, error="too_many")
    kind = desk.authenticate(s.ledger, staff_id, password) if staff_id in s.people else None
    if kind is None:
        s.limiter.failed(*keys)
        return render(request, "login.html", status=401, next=next, error="bad_login")
    s.limiter.succeeded(staff_id)
    request.session.clear()  # a new session on login: no fixation
    request.session["staff"] = staff_id
    if kind == "code":
        request.session["must_set_password"] = True
        return see_other("/password")
    target = next if next.startswith("/") and not next.startswith("//") else "/me"
    if target == "/me" and not s.people[staff_id].rostered:
        target = "/lead/queue"  # approvers have no shifts: their page is the queue
    return see_other(target)


@router.get("/password", response_class=HTMLResponse)
def password_page(request: Request) -> HTMLResponse:
    if not request.session.get("staff"):
        return see_other("/login")  # type: ignore[return-value]
    return render(request, "password.html", error="")


@router.post("/password", response_model=None)
def set_password(
    request: Request, password: Annotated[str, Form()], csrf: Annotated[str, Form()] = ""
) -> HTMLResponse | RedirectResponse:
    check_csrf(request, csrf)
    staff = request.session.get("staff")
    if not staff:
        return see_other("/login")
    try:
        desk.set_password(site(request).scenario, site(request).ledger, str(staff), password)
    except RosterError as err:
        return render(request, "password.html", status=400, error=str(err))
    request.session.pop("must_set_password", None)
    return see_other("/me")


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()] = "") -> RedirectResponse:
    check_csrf(request, csrf)
    request.session.clear()
    return see_other("/login")


# -- my month, the team, my calendar ----------------------------------------------------


@router.get("/me", response_class=HTMLResponse)
def my_month(request: Request, me: Me) -> HTMLResponse:
    s = site(request)
    month = desk.my_month(s.scenario, s.ledger, me.id)
    token = desk.ics_token(s.ledger, me.id)
    return render(request, "me.html", month=month, ics=f"/ics/{token}.ics" if token else "")


@router.get("/team", response_class=HTMLResponse)
def team(request: Request, me: Me) -> HTMLResponse:
    s = site(request)
    rows, days = desk.team_roster(s.scenario, s.ledger, me.team)
    return render(request, "team.html", rows=rows, days=days, team=me.team)


@router.get("/ics/{token}.ics")
def ics(request: Request, token: str) -> Response:
    s = site(request)
    body = desk.ics_feed(s.scenario, s.ledger, token)
    if body is None:
        raise HTTPException(status_code=404, detail="no such calendar")
    return Response(body, media_type="text/calendar")


# -- swaps ------------------------------------------------------------------------------


@router.get("/swap/check", response_class=HTMLResponse)
def swap_check(
    request: Request,
    me: Me,
    date: str | None = None,
    with_: Annotated[str | None, Query(alias="with")] = None,
    payback: str | None = None,
) -> HTMLResponse:
    s = site(request)
    verdict = None
    error = ""
    first, back = _day(date), _day(payback)
    if first is not None and with_:
        try:
            _, verdict = swaps.judge_proposal(s.scenario, s.ledger, me.id, first, with_, back)
        except (ValueError, RosterError) as err:
            error = str(err)
    colleagues = [p for p in s.scenario.staff if p.id != me.id]
    return render(
        request,
        "swap_check.html",
        date=date or "",
        partner=with_ or "",
        payback=payback or "",
        verdict=verdict,
        error=error,
        colleagues=colleagues,
    )


@router.get("/swap/suggest", response_class=HTMLResponse)
def swap_suggest(request: Request, me: Me, date: str | None = None) -> HTMLResponse:
    s = site(request)
    found = None
    error = ""
    first = _day(date)
    if first is not None:
        try:
            roster, ledger_swaps = swaps.current_roster(s.scenario, s.ledger)
            found = swaps.suggest(
                s.scenario, roster, me.id, first, ledger_swaps, 15, complete=False
            )
        except (ValueError, RosterError) as err:
            error = str(err)
    return render(request, "swap_suggest.html", date=date or "", found=found, error=error)


@router.post("/swap/request", response_model=None)
def swap_request(
    request: Request,
    me: Me,
    date: Annotated[str, Form()],
    partner: Annotated[str, Form(alias="with")],
    payback: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> HTMLResponse | RedirectResponse:
    check_csrf(request, csrf)
    s = site(request)
    first, back = _day(date), _day(payback)
    if first is None:
        raise HTTPException(status_code=400, detail="the day of the shift is needed")
    try:
        proposal, verdict = swaps.judge_proposal(s.scenario, s.ledger, me.id, first, partner, back)
    except ValueError as err:
        raise HTTPException(status_code=400, detail=str(err)) from None
    if not verdict.allowed:
        return render(
            request,
            "swap_check.html",
            status=409,
            date=date,
            partner=partner,
            payback=payback,
            verdict=verdict,
            error="",
            colleagues=[p for p in s.scenario.staff if p.id != me.id],
        )
    swaps.request(s.ledger, proposal, me.id)
    return see_other("/requests")


@router.get("/requests", response_class=HTMLResponse)
def my_requests(request: Request, me: Me) -> HTMLResponse:
    s = site(request)
    records = swaps.listing(s.ledger, None)
    incoming = [r for r in records if r.swap.staff_b == me.id]
    outgoing = [r for r in records if r.swap.staff_a == me.id]
    return render(request, "requests.html", incoming=incoming, outgoing=outgoing)


@router.post("/swap/{swap_id}/accept")
def swap_accept(
    request: Request, me: Me, swap_id: int, csrf: Annotated[str, Form()] = ""
) -> RedirectResponse:
    return _answer(request, me, swap_id, csrf, accept=True)


@router.post("/swap/{swap_id}/decline")
def swap_decline(
    request: Request, me: Me, swap_id: int, csrf: Annotated[str, Form()] = ""
) -> RedirectResponse:
    return _answer(request, me, swap_id, csrf, accept=False)


def _answer(
    request: Request, me: Person, swap_id: int, csrf: str, accept: bool
) -> RedirectResponse:
    check_csrf(request, csrf)
    try:
        desk.answer_swap(site(request).ledger, swap_id, me.id, accept)
    except RosterError as err:
        raise HTTPException(status_code=403, detail=str(err)) from None
    return see_other("/requests")


# -- leave ------------------------------------------------------------------------------


@router.get("/leave/new", response_class=HTMLResponse)
def leave_form(request: Request, me: Me) -> HTMLResponse:
    return render(request, "leave_new.html", types=LEAVE_TYPES, answer=None, error="")


@router.post("/leave/new", response_class=HTMLResponse)
def leave_ask(
    request: Request,
    me: Me,
    start: Annotated[str, Form()],
    end: Annotated[str, Form()] = "",
    kind: Annotated[str, Form(alias="type")] = "personal",
    certificate: Annotated[str, Form()] = "",
    phoned: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> HTMLResponse:
    check_csrf(request, csrf)
    s = site(request)
    first = _day(start)
    last = _day(end) or first
    if first is None or last is None:
        raise HTTPException(status_code=400, detail="the first day is needed")
    if kind not in LEAVE_TYPES:
        raise HTTPException(status_code=400, detail=f"unknown leave type {kind!r}")
    try:
        answer = desk.ask_leave(
            s.scenario,
            s.ledger,
            me.id,
            first,
            last,
            kind,
            certificate=bool(certificate),
            phoned=bool(phoned),
        )
    except RosterError as err:
        return render(
            request, "leave_new.html", status=400, types=LEAVE_TYPES, answer=None, error=str(err)
        )
    return render(request, "leave_new.html", types=LEAVE_TYPES, answer=answer, error="")


def login_url(path: str) -> str:
    return f"/login?next={quote(path)}"
