"""The pages of team leaders and approvers: the queue with every verdict recomputed,
approve, refuse and register, publish a new roster, coverage, the roster workbook, and
the audit log. Authorization is checked here, on the server, for every route."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from starlette.background import BackgroundTask

from roster.app import desk
from roster.app import swap as swaps
from roster.app.check import edited_roster
from roster.app.desk import Person
from roster.app.record import current, publish
from roster.exceptions import RosterError
from roster.ledger import OnConflict, RepublishRefused
from roster.reports.roster_workbook import write_roster_workbook
from roster.web.security import MAX_UPLOAD, check_csrf
from roster.web.site import leader, manager, render, see_other, site, team_lead

router = APIRouter()
Leader = Annotated[Person, Depends(leader)]
TeamLead = Annotated[Person, Depends(team_lead)]
Manager = Annotated[Person, Depends(manager)]


@router.get("/lead/queue", response_class=HTMLResponse)
def queue(request: Request, me: Leader) -> HTMLResponse:
    s = site(request)
    records = desk.swap_queue(s.scenario, s.ledger, me.id) if me.is_leader else []
    verdicts = {}
    if records:
        roster, ledger_swaps = swaps.current_roster(s.scenario, s.ledger)
        for r in records:  # recomputed now: a leader never approves blindly (不得随意批准)
            others = [x for x in ledger_swaps if x.id != r.swap.id]
            verdicts[r.swap.id] = swaps.check(s.scenario, roster, r.swap, others)
    leave = desk.leave_queue(s.scenario, s.ledger, me.id)
    team = desk.team_leave(s.scenario, s.ledger, me.id) if me.is_leader else []
    return render(request, "queue.html", records=records, verdicts=verdicts, leave=leave, team=team)


def _leader_of_a_side(request: Request, me: Person, swap_id: int) -> None:
    record = swaps.listing(site(request).ledger, None)
    found = next((r for r in record if r.swap.id == str(swap_id)), None)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no swap {swap_id}")
    sides = (found.swap.staff_a, found.swap.staff_b)
    if not any(me.id in swaps.team_leaders(site(request).scenario, who) for who in sides):
        raise HTTPException(status_code=403, detail="not a team leader of either person")


@router.post("/lead/swap/{swap_id}/approve")
def swap_approve(
    request: Request, me: Leader, swap_id: int, csrf: Annotated[str, Form()] = ""
) -> RedirectResponse:
    check_csrf(request, csrf)
    _leader_of_a_side(request, me, swap_id)
    s = site(request)
    try:
        swaps.approve(s.scenario, s.ledger, swap_id, me.id)
    except RosterError as err:
        raise HTTPException(status_code=403, detail=str(err)) from None
    return see_other("/lead/queue")


@router.post("/lead/swap/{swap_id}/refuse")
def swap_refuse(
    request: Request,
    me: Leader,
    swap_id: int,
    reason: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> RedirectResponse:
    check_csrf(request, csrf)
    _leader_of_a_side(request, me, swap_id)
    try:
        swaps.cancel(site(request).ledger, swap_id, f"refused: {reason}", me.id)
    except RosterError as err:
        raise HTTPException(status_code=409, detail=str(err)) from None
    return see_other("/lead/queue")


@router.post("/lead/swap/{swap_id}/register", response_model=None)
def swap_register(
    request: Request, me: Leader, swap_id: int, csrf: Annotated[str, Form()] = ""
) -> HTMLResponse | RedirectResponse:
    check_csrf(request, csrf)
    _leader_of_a_side(request, me, swap_id)
    s = site(request)
    try:
        swaps.register(s.scenario, s.ledger, swap_id, me.id)
    except RosterError as err:
        return render(request, "message.html", status=409, message=str(err))
    return see_other("/lead/queue")


@router.post("/lead/leave/{request_id}/{decision}")
def leave_decide(
    request: Request,
    me: Manager,
    request_id: int,
    decision: str,
    reason: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> RedirectResponse:
    check_csrf(request, csrf)
    if decision not in ("approve", "refuse"):
        raise HTTPException(status_code=404, detail="approve or refuse")
    s = site(request)
    allowed = {row.id for row, _ in desk.leave_queue(s.scenario, s.ledger, me.id)}
    if request_id not in allowed:  # L2: only the level that approves it, level by level
        raise HTTPException(status_code=403, detail="not at the level that approves this leave")
    try:
        desk.decide_leave(s.scenario, s.ledger, request_id, me.id, decision == "approve", reason)
    except RosterError as err:
        raise HTTPException(status_code=409, detail=str(err)) from None
    return see_other("/lead/queue")


# -- publish and download ---------------------------------------------------------------


@router.get("/lead/publish", response_class=HTMLResponse)
def publish_page(request: Request, me: TeamLead) -> HTMLResponse:
    return render(request, "publish.html", conflicts=(), done=None, error="")


@router.post("/lead/publish", response_class=HTMLResponse)
async def publish_upload(
    request: Request,
    me: TeamLead,
    workbook: UploadFile,
    action: Annotated[str, Form()] = "refuse",
    csrf: Annotated[str, Form()] = "",
) -> HTMLResponse:
    check_csrf(request, csrf)
    s = site(request)
    data = await workbook.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return render(
            request, "publish.html", status=413, conflicts=(), done=None, error="too large"
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(data)
        try:
            roster, _ = edited_roster(s.scenario, path)
            done = publish(
                s.scenario,
                s.ledger,
                roster,
                name=workbook.filename or "upload.xlsx",
                source="web upload",
                on_conflict="drop"
                if action == "drop"
                else "keep"
                if action == "keep"
                else "refuse",
                by=me.id,
            )
        except RepublishRefused as err:
            return render(
                request, "publish.html", status=409, conflicts=err.conflicts, done=None, error=""
            )
        except RosterError as err:
            return render(
                request, "publish.html", status=400, conflicts=(), done=None, error=str(err)
            )
    return render(request, "publish.html", conflicts=(), done=done, error="")


def _on_conflict(action: str) -> OnConflict:
    return "drop" if action == "drop" else "keep" if action == "keep" else "refuse"


@router.get("/lead/roster.xlsx")
def download(request: Request, me: TeamLead) -> FileResponse:
    s = site(request)
    found = current(s.scenario, s.ledger)
    folder = tempfile.mkdtemp()
    path = Path(folder) / "current.xlsx"
    write_roster_workbook(
        path, s.scenario, found.result, found.violations, changes=list(found.changes)
    )
    return FileResponse(
        path,
        filename="current.xlsx",
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


# -- coverage and the audit log ---------------------------------------------------------


@router.get("/lead/coverage", response_class=HTMLResponse)
def team_coverage(request: Request, me: TeamLead) -> HTMLResponse:
    s = site(request)
    rows, days = desk.team_roster(s.scenario, s.ledger, me.team)
    short = {(d, sh): n for d, sh, _, _, n in desk.month_coverage(s.scenario, s.ledger)}
    codes = [sh.code for sh in s.scenario.shifts]
    return render(
        request, "coverage_team.html", rows=rows, days=days, short=short, codes=codes, team=me.team
    )


@router.get("/centre/coverage", response_class=HTMLResponse)
def centre_coverage(request: Request, me: Manager) -> HTMLResponse:
    s = site(request)
    cells = sorted(desk.month_coverage(s.scenario, s.ledger))
    top = max([max(r, n) for _, _, r, n, _ in cells] + [1])
    return render(request, "coverage_centre.html", cells=cells, top=top)


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request, me: Manager) -> HTMLResponse:
    entries = swaps.audit(site(request).ledger)
    return render(request, "audit.html", entries=list(reversed(entries))[:500])
