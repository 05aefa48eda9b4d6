"""The JSON API: the same questions as the pages, for scripts and phones. The session
cookie logs in; a POST carries the CSRF token in the ``X-CSRF-Token`` header (``GET
/api/session`` gives it). The schema is at ``/api/docs``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel

from roster.app import desk
from roster.app import swap as swaps
from roster.app.desk import Person
from roster.checks.swap import SwapVerdict
from roster.exceptions import RosterError
from roster.web.security import check_csrf, csrf_token
from roster.web.site import current, leader, site

router = APIRouter(prefix="/api")
Me = Annotated[Person, Depends(current)]
Leader = Annotated[Person, Depends(leader)]


class SwapAsk(BaseModel):
    date: dt.date
    partner: str
    payback: dt.date | None = None


def _verdict(verdict: SwapVerdict) -> dict[str, Any]:
    return {
        "allowed": verdict.allowed,
        "rules": [
            {"rule": o.rule, "passed": o.passed, "reason": o.reason} for o in verdict.outcomes
        ],
        "explain": verdict.explain(),
    }


@router.get("/session")
def session(request: Request, me: Me) -> dict[str, Any]:
    return {"staff_id": me.id, "name": me.name, "csrf": csrf_token(request)}


@router.get("/me")
def me(request: Request, me: Me) -> dict[str, Any]:
    s = site(request)
    month = desk.my_month(s.scenario, s.ledger, me.id)
    return {
        "staff_id": me.id,
        "swaps": {"used": month.swaps_used, "limit": month.swaps_limit},
        "days": [
            {
                "date": d.date.isoformat(),
                "shift": d.shift,
                "leave": d.leave,
                "holiday": d.holiday,
                "swapped": d.swapped,
            }
            for d in month.days
        ],
    }


@router.get("/swap/check")
def swap_check(
    request: Request,
    me: Me,
    date: dt.date,
    partner: Annotated[str, Query(alias="with")],
    payback: dt.date | None = None,
) -> dict[str, Any]:
    s = site(request)
    try:
        _, verdict = swaps.judge_proposal(s.scenario, s.ledger, me.id, date, partner, payback)
    except ValueError as err:
        raise HTTPException(status_code=400, detail=str(err)) from None
    return _verdict(verdict)


@router.get("/swap/suggest")
def swap_suggest(request: Request, me: Me, date: dt.date, limit: int = 10) -> dict[str, Any]:
    s = site(request)
    roster, ledger_swaps = swaps.current_roster(s.scenario, s.ledger)
    try:
        found = swaps.suggest(
            s.scenario, roster, me.id, date, ledger_swaps, min(limit, 50), complete=False
        )
    except ValueError as err:
        raise HTTPException(status_code=400, detail=str(err)) from None
    return {
        "options": [
            {
                "partner": o.swap.staff_b,
                "payback": o.swap.date_b.isoformat() if o.swap.date_b else None,
            }
            for o in found.options
        ],
        "excluded": [{"reason": r, "count": n} for r, n in found.excluded[:5]],
    }


@router.post("/swap/request")
def swap_request(request: Request, me: Me, ask: SwapAsk) -> dict[str, Any]:
    check_csrf(request, None)
    s = site(request)
    try:
        proposal, verdict = swaps.judge_proposal(
            s.scenario, s.ledger, me.id, ask.date, ask.partner, ask.payback
        )
    except ValueError as err:
        raise HTTPException(status_code=400, detail=str(err)) from None
    if not verdict.allowed:
        raise HTTPException(status_code=409, detail=_verdict(verdict))
    return {"id": swaps.request(s.ledger, proposal, me.id), **_verdict(verdict)}


@router.post("/swap/{swap_id}/accept")
def swap_accept(request: Request, me: Me, swap_id: int) -> dict[str, Any]:
    check_csrf(request, None)
    try:
        desk.answer_swap(site(request).ledger, swap_id, me.id, True)
    except RosterError as err:
        raise HTTPException(status_code=403, detail=str(err)) from None
    return {"id": swap_id, "accepted": True}


@router.post("/swap/{swap_id}/approve")
def swap_approve(request: Request, me: Leader, swap_id: int) -> dict[str, Any]:
    check_csrf(request, None)
    s = site(request)
    try:
        record = swaps.approve(s.scenario, s.ledger, swap_id, me.id)
    except RosterError as err:
        raise HTTPException(status_code=403, detail=str(err)) from None
    return {"id": swap_id, "status": record.status}


@router.get("/lead/queue")
def lead_queue(request: Request, me: Leader) -> dict[str, Any]:
    s = site(request)
    records = desk.swap_queue(s.scenario, s.ledger, me.id) if me.is_leader else []
    return {
        "swaps": [
            {
                "id": r.swap.id,
                "staff_a": r.swap.staff_a,
                "date_a": r.swap.date_a.isoformat(),
                "staff_b": r.swap.staff_b,
                "date_b": r.swap.date_b.isoformat() if r.swap.date_b else None,
                "status": r.swap.status,
            }
            for r in records
        ]
    }
