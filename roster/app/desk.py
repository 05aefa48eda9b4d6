""" "What is my month?", "may I log in?", "my shifts in my calendar", "ask for leave",
"answer a swap request", "what waits for my approval?": the questions the web app asks
for agents, team leaders and approvers. Each takes the scenario and the ledger's path and
returns plain data; the command line's ``roster users`` shares the user questions.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from icalendar import Calendar as ICalendar
from icalendar import Event

from roster.app.leave import with_ledger
from roster.app.swap import current_roster, snapshot, team_leaders
from roster.calendar import Calendar
from roster.checks import check_roster
from roster.checks.coverage import coverage_rows, on_duty
from roster.checks.leave import approval_level, leave_verdicts
from roster.exceptions import RosterUsageError
from roster.ledger import Ledger, SwapRecord
from roster.ledger import desk as ledger_desk
from roster.model import APPROVING_ROLES, LeaveRequest, LeaveVerdict, Roster, Scenario

HASHER = PasswordHasher()
"""argon2id with the library's defaults (RFC 9106 low-memory profile)."""

MIN_PASSWORD = 8


# -- who is who -------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Someone who may log in: a staff member or an approver, with what they may do."""

    id: str
    name: str
    team: str
    roles: frozenset[str]
    rostered: bool = True
    """On the staff sheet (has shifts to swap and leave to ask); approvers are not."""

    @property
    def is_leader(self) -> bool:
        return "team_leader" in self.roles

    @property
    def levels(self) -> frozenset[str]:
        """The L2 levels they approve leave at."""
        return self.roles & frozenset(APPROVING_ROLES)

    @property
    def is_manager(self) -> bool:
        return bool(self.levels)


def people(scenario: Scenario) -> dict[str, Person]:
    found = {s.id: Person(s.id, s.name, s.team, s.roles) for s in scenario.staff}
    for a in scenario.approvers:
        found[a.id] = Person(a.id, a.name or a.id, "", frozenset({a.role}), rostered=False)
    return found


# -- users ------------------------------------------------------------------------------


def set_password(
    scenario: Scenario | None, ledger_path: Path, staff_id: str, password: str
) -> None:
    """Store an argon2 hash of ``password`` for ``staff_id`` (never the password); with a
    scenario, the id must be on its staff or approvers sheet."""
    if scenario is not None and staff_id not in people(scenario):
        raise RosterUsageError(f"unknown staff id {staff_id!r}")
    if len(password) < MIN_PASSWORD:
        raise RosterUsageError(f"a password has at least {MIN_PASSWORD} characters")
    with Ledger.open(ledger_path, create=False) as ledger:
        ledger_desk.set_user(ledger, staff_id, password_hash=HASHER.hash(password), by=staff_id)


def import_users(scenario: Scenario, ledger_path: Path) -> list[tuple[str, str, str]]:
    """A one-time first-login code for everyone without a password: (id, name, code)."""
    out = []
    with Ledger.open(ledger_path, create=False) as ledger:
        for person in people(scenario).values():
            found = ledger_desk.user(ledger, person.id)
            if found is not None and found.password_hash:
                continue
            code = "-".join(secrets.token_hex(2) for _ in range(3))
            ledger_desk.set_user(ledger, person.id, first_code_hash=HASHER.hash(code), by="system")
            out.append((person.id, person.name, code))
    return out


def authenticate(ledger_path: Path, staff_id: str, secret: str) -> str | None:
    """``password`` when the password matches, ``code`` for a first-login code (the user
    must then choose a password), ``None`` otherwise."""
    with Ledger.open(ledger_path, create=False) as ledger:
        found = ledger_desk.user(ledger, staff_id)
    if found is None:
        HASHER.hash(secret)  # the same work as a real check: timing says nothing
        return None
    for kind, stored in (("password", found.password_hash), ("code", found.first_code_hash)):
        if not stored:
            continue
        try:
            HASHER.verify(stored, secret)
            return kind
        except (VerificationError, InvalidHashError):
            continue
    return None


def login_blocked(ledger_path: Path, keys: tuple[str, ...], window: float, limit: int) -> bool:
    """Too many failed logins for any of ``keys`` in the last ``window`` seconds; kept in
    the ledger, so every worker process of the web app counts the same."""
    with Ledger.open(ledger_path, create=False) as ledger:
        return ledger_desk.login_failures(ledger, keys, time.time() - window) >= limit


def login_outcome(ledger_path: Path, keys: tuple[str, ...], failed: bool) -> None:
    with Ledger.open(ledger_path, create=False) as ledger:
        ledger_desk.record_login(ledger, keys, time.time(), failed)


def ics_token(ledger_path: Path, staff_id: str) -> str | None:
    with Ledger.open(ledger_path, create=False) as ledger:
        found = ledger_desk.user(ledger, staff_id)
    return found.ics_token if found else None


# -- my month ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MyDay:
    date: dt.date
    shift: str | None
    shift_name: str
    night: bool
    leave: str
    holiday: str
    swapped: bool


@dataclass(frozen=True)
class MyMonth:
    person: Person
    days: tuple[MyDay, ...]
    weeks: tuple[tuple[MyDay | None, ...], ...]
    swaps_used: int
    swaps_limit: int
    swaps: tuple[SwapRecord, ...] = field(default=())


def my_month(scenario: Scenario, ledger_path: Path, staff_id: str) -> MyMonth:
    """My shifts with registered swaps applied, my leave, the holidays, my swaps."""
    person = people(scenario)[staff_id]
    roster, _ = current_roster(scenario, ledger_path)
    state = snapshot(ledger_path)  # cached: the very read current_roster just made
    records, changed = state.records, state.changed
    with Ledger.open(ledger_path, create=False) as ledger:
        requests = ledger_desk.leave_requests(ledger)
    shifts = {s.code: s for s in scenario.shifts}
    holidays = _holidays(scenario)
    mine = [r for r in records if staff_id in (r.swap.staff_a, r.swap.staff_b)]
    leave = {
        d: _leave_word(lv.status)
        for lv in scenario.leave
        if lv.staff_id == staff_id and lv.status != "rejected"
        for d in lv.days()
    }
    for req in requests:
        if req.staff_id == staff_id and req.status in ("pending", "approved"):
            for d in _days(req.start, req.end):
                leave[d] = _leave_word(req.status)
    worked = {a.date: a.shift for a in roster.assignments if a.staff_id == staff_id}
    days = []
    for d in scenario.days:
        code = worked.get(d)
        shift = shifts.get(code or "")
        days.append(
            MyDay(
                d,
                code,
                shift.name if shift else "",
                bool(shift and shift.night),
                leave.get(d, ""),
                holidays.get(d, ""),
                (staff_id, d) in changed,
            )
        )
    used = sum(1 for r in mine if r.swap.status == "registered")
    return MyMonth(
        person,
        tuple(days),
        _weeks(days),
        used,
        scenario.rules.max_swaps_per_month,
        tuple(mine),
    )


_HOLIDAYS: dict[int, tuple[Scenario, dict[dt.date, str]]] = {}


def _holidays(scenario: Scenario) -> dict[dt.date, str]:
    """The month's holidays, worked out once per scenario the app serves."""
    found = _HOLIDAYS.get(id(scenario))
    if found is None or found[0] is not scenario:
        found = (scenario, Calendar(scenario).holidays)
        _HOLIDAYS[id(scenario)] = found
    return found[1]


def _leave_word(status: str) -> str:
    return "leave" if status == "approved" else "leave?"


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _weeks(days: list[MyDay]) -> tuple[tuple[MyDay | None, ...], ...]:
    """Monday-first weeks of the month, blanks outside it."""
    if not days:
        return ()
    lead: list[MyDay | None] = [None] * days[0].date.weekday()
    cells = lead + list(days)
    cells += [None] * (-len(cells) % 7)
    return tuple(tuple(cells[i : i + 7]) for i in range(0, len(cells), 7))


def team_roster(
    scenario: Scenario, ledger_path: Path, team: str
) -> tuple[list[tuple[str, str, list[str]]], list[dt.date]]:
    """The team's rows (id, name, one code per day; ``休`` off, ``假`` leave: never why)."""
    roster, _ = current_roster(scenario, ledger_path)
    away = {(lv.staff_id, d) for lv in scenario.leave if lv.status == "approved" for d in lv.days()}
    members = {s.id for s in scenario.staff if s.team == team}
    shifts = {(a.staff_id, a.date): a.shift for a in roster.assignments if a.staff_id in members}
    rows = []
    for s in scenario.staff:
        if s.id not in members:
            continue
        cells = []
        for d in scenario.days:
            code = shifts.get((s.id, d))
            cells.append(code if code else ("假" if (s.id, d) in away else ""))
        rows.append((s.id, s.name, cells))
    return rows, list(scenario.days)


def ics_feed(scenario: Scenario, ledger_path: Path, token: str) -> bytes | None:
    """The person's shifts as an iCalendar file, found by their secret token."""
    with Ledger.open(ledger_path, create=False) as ledger:
        found = ledger_desk.user_by_token(ledger, token)
    if found is None or not secrets.compare_digest(found.ics_token, token):
        return None
    roster, _ = current_roster(scenario, ledger_path)
    shifts = {s.code: s for s in scenario.shifts}
    cal = ICalendar()
    cal.add("prodid", "-//roster//shifts//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{scenario.name}: {found.staff_id}")
    for a in sorted(roster.assignments, key=lambda a: (a.date, a.shift)):
        if a.staff_id != found.staff_id or a.shift not in shifts:
            continue
        shift = shifts[a.shift]
        start = dt.datetime.combine(a.date, dt.time()) + dt.timedelta(minutes=shift.start)
        length = (shift.end - shift.start) % 1440 or 1440
        event = Event()
        event.add("uid", f"{found.staff_id}-{a.date.isoformat()}-{a.shift}@roster")
        event.add("summary", f"{shift.name} ({shift.code})")
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=length))
        event.add("dtstamp", dt.datetime.now(dt.UTC))
        cal.add_component(event)
    return bytes(cal.to_ical())


# -- swaps: the partner's answer --------------------------------------------------------


def answer_swap(ledger_path: Path, swap_id: int, staff_id: str, accept: bool) -> None:
    """The partner named in the request accepts or declines it."""
    with Ledger.open(ledger_path, create=False) as ledger:
        ledger_desk.answer_swap(ledger, swap_id, staff_id, accept)


# -- leave through the app --------------------------------------------------------------


@dataclass(frozen=True)
class LeaveAnswer:
    """A leave request's L1-L8 verdict, whether cover allows it as rostered (L9's quick
    look: the roster minus the person on those days breaks no cover rule), and who
    approves it next (L2)."""

    request_id: str
    verdict: LeaveVerdict
    cover_ok: bool
    cover_note: str
    approver_level: str


def scenario_with_requests(scenario: Scenario, ledger_path: Path) -> Scenario:
    """The scenario with the ledger's swaps and the leave asked for in the app (ids
    ``W<n>``; their approvals are the approvers' staff ids)."""
    scenario, _ = with_ledger(scenario, Roster(()), ledger_path)
    with Ledger.open(ledger_path, create=False) as ledger:
        rows = ledger_desk.leave_requests(ledger)
    extra = tuple(
        LeaveRequest(
            f"W{r.id}",
            r.staff_id,
            r.start,
            r.end,
            type=r.type,
            status={"cancelled": "rejected"}.get(r.status, r.status),
            requested_at=r.requested_at,
            requested_by=r.requested_by,
            approved_by=";".join(r.approvals),
            certificate=r.certificate,
            phoned_team_leader=r.phoned_team_leader,
        )
        for r in rows
        if scenario.start <= r.end and r.start <= scenario.end
    )
    return scenario.replace(leave=scenario.leave + extra)


@dataclass(frozen=True)
class _LeaveState:
    """What every leave verdict of one page reads: the scenario with the app's requests,
    the current roster and the hard-rule breaches it already has."""

    full: Scenario
    roster: Roster
    before: frozenset[str]


def _leave_state(scenario: Scenario, ledger_path: Path) -> _LeaveState:
    full = scenario_with_requests(scenario, ledger_path)
    roster, _ = current_roster(scenario, ledger_path)
    return _LeaveState(full, roster, frozenset(str(v) for v in check_roster(full, roster)))


def judge_leave(
    scenario: Scenario, ledger_path: Path, request_id: str, state: _LeaveState | None = None
) -> LeaveAnswer:
    """L1-L8 on the current roster, the quick cover look, and the next approver; ``state``
    when a page judges several requests of one state."""
    state = state or _leave_state(scenario, ledger_path)
    (verdict,) = leave_verdicts(state.full, state.roster, [request_id])
    lv = next(x for x in state.full.leave if x.id == request_id)
    without = Roster(
        tuple(
            a
            for a in state.roster.assignments
            if not (a.staff_id == lv.staff_id and lv.covers(a.date))
        )
    )
    broken = [v for v in check_roster(state.full, without) if str(v) not in state.before]
    note = "cover allows it as rostered" if not broken else f"cover: {broken[0]}"
    return LeaveAnswer(request_id, verdict, not broken, note, approval_level(lv))


def ask_leave(
    scenario: Scenario,
    ledger_path: Path,
    staff_id: str,
    start: dt.date,
    end: dt.date,
    type_: str,
    *,
    certificate: bool,
    phoned: bool,
    now: dt.datetime | None = None,
) -> LeaveAnswer:
    """Record a leave request made now by ``staff_id`` and judge it at once."""
    if end < start:
        raise RosterUsageError("the last day is before the first")
    if not (scenario.start <= start and end <= scenario.end):
        raise RosterUsageError(f"leave must fall in {scenario.start}..{scenario.end}")
    with Ledger.open(ledger_path, create=False) as ledger:
        rid = ledger_desk.add_leave_request(
            ledger,
            staff_id,
            start,
            end,
            type_,
            certificate=certificate,
            phoned_team_leader=phoned,
            requested_at=now or dt.datetime.now(),
            by=staff_id,
        )
    return judge_leave(scenario, ledger_path, f"W{rid}")


def decide_leave(
    scenario: Scenario, ledger_path: Path, request_id: int, by: str, approve: bool, reason: str
) -> None:
    """An approver's decision, at the level they hold; the request is approved once its
    L2 level has approved (a manager's approval adds to it, never replaces it)."""
    person = people(scenario).get(by)
    if person is None or not person.levels:
        raise RosterUsageError(f"{by} approves no leave")
    answer = judge_leave(scenario, ledger_path, f"W{request_id}")
    final = answer.approver_level in person.levels
    with Ledger.open(ledger_path, create=False) as ledger:
        ledger_desk.decide_leave_request(
            ledger, request_id, by, approve=approve, final=final, reason=reason
        )


def leave_queue(
    scenario: Scenario, ledger_path: Path, approver: str
) -> list[tuple[ledger_desk.LeaveRequestRow, LeaveAnswer]]:
    """Pending leave the approver may decide: at their L2 level, or as a manager for
    the exceptions; each with its verdict recomputed now."""
    person = people(scenario).get(approver)
    if person is None or not person.levels:
        return []
    with Ledger.open(ledger_path, create=False) as ledger:
        rows = [r for r in ledger_desk.leave_requests(ledger) if r.status == "pending"]
    state = _leave_state(scenario, ledger_path) if rows else None
    out = []
    for row in rows:
        answer = judge_leave(scenario, ledger_path, f"W{row.id}", state)
        if answer.approver_level in person.levels or "manager" in person.levels:
            out.append((row, answer))
    return out


def team_leave(
    scenario: Scenario, ledger_path: Path, leader: str
) -> list[tuple[ledger_desk.LeaveRequestRow, LeaveAnswer]]:
    """Pending leave of a team leader's team, each with its verdict recomputed now: the
    leader sees it (and the cover it costs) though L2's levels approve it."""
    team = {
        s.id for s in scenario.staff if leader in team_leaders(scenario, s.id) and s.id != leader
    }
    with Ledger.open(ledger_path, create=False) as ledger:
        rows = [
            r
            for r in ledger_desk.leave_requests(ledger)
            if r.status == "pending" and r.staff_id in team
        ]
    state = _leave_state(scenario, ledger_path) if rows else None
    return [(row, judge_leave(scenario, ledger_path, f"W{row.id}", state)) for row in rows]


def swap_queue(scenario: Scenario, ledger_path: Path, leader: str) -> list[SwapRecord]:
    """Swaps a team leader decides: accepted by the partner, a side of the leader's team
    not yet approved, or approved and waiting to be registered."""
    with Ledger.open(ledger_path, create=False) as ledger:
        records = ledger.swap_records()
    out = []
    for r in records:
        if r.swap.status not in ("requested", "approved"):
            continue
        sides = [r.swap.staff_a, r.swap.staff_b]
        if not any(leader in team_leaders(scenario, who) for who in sides):
            continue
        if r.swap.status == "requested" and r.accepted_at is None:
            continue
        out.append(r)
    return out


def month_coverage(
    scenario: Scenario, ledger_path: Path
) -> list[tuple[dt.date, str, int, int, int]]:
    """(day, shift, required, rostered, short) of the current roster, per day and shift."""
    roster, _ = current_roster(scenario, ledger_path)
    totals: dict[tuple[dt.date, str], tuple[int, int]] = {}
    for row in coverage_rows(Calendar(scenario), roster):
        required, short = totals.get((row.date, row.shift), (0, 0))
        totals[(row.date, row.shift)] = (required + row.required, short + row.short)
    duty = on_duty(roster)
    return [
        (d, s, req, len(duty.get((d, s), [])), short) for (d, s), (req, short) in totals.items()
    ]
