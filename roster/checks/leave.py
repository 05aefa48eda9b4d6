"""Leave rules L1-L8: is a leave request valid under the centre's leave regulations?

Each request gets one outcome per rule, L1 to L8 in order; a rule that does not apply
passes with a short note. The exact reading of every rule is ``docs/rules.md``, section
"Leave rules (L)"; the docstrings below repeat the choices that matter. L9 (can the
requests that pass be granted together under cover) needs the solver and is decided
elsewhere; here ``LeaveVerdict.cover`` stays ``None``.

Pure Python and plain dictionaries, like the roster checker: no ortools, so this module
can judge what the solver decides, and 500 requests of a 1,000-person month take a tenth
of a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from roster.calendar import Calendar
from roster.checks.rules import shift_label
from roster.model import (
    LeaveRequest,
    LeaveVerdict,
    Roster,
    RuleOutcome,
    Scenario,
    Shift,
)

LEAVE_RULES: dict[str, str] = {
    "L1": "NOTICE",
    "L2": "APPROVER",
    "L3": "IN PERSON",
    "L4": "SICK PROOF",
    "L5": "NIGHT",
    "L6": "HOLIDAY",
    "L7": "OFFICIAL",
    "L8": "NOT ON SWAP DAYS",
}
"""The rules this module judges, in the order of every verdict's outcomes."""

SICK_TYPES = frozenset({"sick", "emergency_sick"})
"""Sickness is not chosen: no notice (L1), no night or holiday refusal (L5, L6), and it may
be requested on the person's behalf (L3); its proof is L4."""

NOTICE_DAYS_TYPES = frozenset({"personal", "annual"})
NOTICE_HOURS_TYPES = frozenset({"special_personal"})
IN_PERSON_TYPES = frozenset({"personal", "special_personal", "annual", "business", "study"})
OFFICIAL_TYPES = frozenset({"business", "study"})

MANAGER_APPROVERS = frozenset({"manager", "center_director"})
"""Who gives "a manager's approval" (L1, L5, L6): a manager, or the centre director, who
heads the centre's management (so official leave on a night or holiday can pass L5-L7)."""

SWAP_STATUSES = frozenset({"registered", "approved"})
"""Swap-ledger statuses of swaps that will happen (L8); ``requested`` and ``rejected`` ones
bind nobody yet."""

_TYPE_WORDS = {
    "personal": "personal leave",
    "special_personal": "special personal leave",
    "sick": "sick leave",
    "emergency_sick": "emergency sick leave",
    "business": "business leave",
    "study": "study leave",
    "annual": "annual leave",
}
_APPROVER_WORDS = {
    "department_head": "the department head",
    "center_director": "the centre director",
    "manager": "a manager",
}


def leave_verdicts(
    scenario: Scenario,
    roster: Roster | None = None,
    requests: Sequence[str] | None = None,
    now: dt.datetime | None = None,
) -> list[LeaveVerdict]:
    """Judge leave requests by L1-L8, one ``LeaveVerdict`` each (``cover`` left ``None``).

    ``roster`` is the roster the leave would be taken from: it tells the shift a leave day
    starts with (L1), the night shifts (L5) and holiday duty (L6). ``None`` means the
    scenario's published roster (the ``roster`` sheet), or no roster when there is none;
    then L1 counts from 00:00 and L5/L6 have no duty to judge. A roster that already keeps
    the person off on their leave days shows no duty on them either.

    ``requests`` picks request ids (in that order, repeats dropped); an unknown id raises
    ``ValueError`` naming it. ``None`` judges every request in the scenario's order.

    ``requested_at`` is the time that counts for notice and cutoffs; ``now`` stands in
    for it only on requests that carry none (a request entered without a time is being
    made now). With neither, L1 and any L5/L6 that applies fail with "no request time".
    """
    judge = _Judge(scenario, _roster_to_use(scenario, roster), now)
    return [judge.verdict(index) for index in _selected(scenario.leave, requests)]


def refused_pending(scenario: Scenario) -> frozenset[int]:
    """Indices into ``scenario.leave`` of pending requests that fail a leave rule L1-L8,
    judged on the scenario's published roster: R16 never grants them (RULES.md), so the
    solver gets them priced at 0 (``roster.app.leave.under_leave_rules``) and the Leave
    sheet says why."""
    if not scenario.pending_leave:
        return frozenset()
    judge = _Judge(scenario, _roster_to_use(scenario, None), None)
    return frozenset(
        i
        for i, lv in enumerate(scenario.leave)
        if lv.status == "pending" and not judge.verdict(i).passes_rules
    )


def _roster_to_use(scenario: Scenario, roster: Roster | None) -> Roster | None:
    if roster is not None:
        return roster
    return Roster(scenario.published) if scenario.published else None


def _selected(leave: Sequence[LeaveRequest], requests: Sequence[str] | None) -> list[int]:
    if requests is None:
        return list(range(len(leave)))
    if isinstance(requests, str):  # one id given bare would otherwise be read letter by letter
        requests = [requests]
    position = {lv.id: i for i, lv in enumerate(leave)}
    unknown = [r for r in requests if r not in position]
    if unknown:
        known = ", ".join(sorted(position)) or "none"
        raise ValueError(
            f"unknown leave request id(s) {', '.join(map(repr, unknown))}; "
            f"the scenario has: {known}"
        )
    return list(dict.fromkeys(position[r] for r in requests))


def match_verdicts(scenario: Scenario, verdicts: Sequence[LeaveVerdict]) -> dict[int, LeaveVerdict]:
    """Index into ``scenario.leave`` -> its verdict, paired by request id and person (in
    order, so blank ids still pair up); a request without a verdict is left out."""
    queue: dict[tuple[str, str], list[LeaveVerdict]] = {}
    for verdict in verdicts:
        queue.setdefault((verdict.request_id, verdict.staff_id), []).append(verdict)
    out: dict[int, LeaveVerdict] = {}
    for i, leave in enumerate(scenario.leave):
        waiting = queue.get((leave.id, leave.staff_id))
        if waiting:
            out[i] = waiting.pop(0)
    return out


def rule_results(verdict: LeaveVerdict) -> dict[str, bool]:
    """Rule (L1-L9) -> passed, for the rules judged; L9 comes from ``cover`` once decided
    (it is not judged before, nor for a request refused by L1-L8)."""
    passed = {o.rule: o.passed for o in verdict.outcomes}
    if "L9" not in passed and verdict.cover is not None:
        passed["L9"] = verdict.cover
    return passed


def failure_reasons(verdict: LeaveVerdict) -> str:
    """The failed rules with their reasons in words, ``;``-separated; L9 too once cover
    refused the request."""
    reasons = [f"{o.rule}: {o.reason}" if o.reason else o.rule for o in verdict.failed]
    if verdict.cover is False and not any(o.rule == "L9" for o in verdict.outcomes):
        reasons.append(f"L9: {verdict.cover_reason}" if verdict.cover_reason else "L9")
    return "; ".join(reasons)


# --------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _span(minutes: int) -> str:
    """``1 day 14 h 30 min``: a gap between two moments, for a team lead to read."""
    days, rest = divmod(abs(minutes), 1440)
    hours, mins = divmod(rest, 60)
    parts = [_plural(days, "day")] if days else []
    parts += [f"{hours} h"] if hours else []
    parts += [f"{mins} min"] if mins else []
    return " ".join(parts) or "0 min"


def _at(moment: dt.datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def _period(lv: LeaveRequest) -> str:
    if lv.start == lv.end:
        return lv.start.isoformat()
    return f"{lv.start.isoformat()} to {lv.end.isoformat()}"


def _name(lv: LeaveRequest, index: int) -> str:
    return lv.id or f"leave row {index + 1}"


def _minutes_between(early: dt.datetime, late: dt.datetime) -> int:
    return int((late - early).total_seconds() // 60)


def _parse_cutoff(text: str) -> dt.time:
    try:
        hours, minutes = (int(part) for part in text.strip().split(":"))
        return dt.time(hours, minutes)
    except ValueError:
        raise ValueError(f"config night_leave_cutoff {text!r}: expected HH:MM") from None


# --------------------------------------------------------------------------------------
# What one request is judged on
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Facts:
    """What L1, L2, L5 and L6 share: the request time, the moment the leave starts, the
    duty it takes the person from, and so whether it needs a manager as an exception."""

    requested: dt.datetime | None
    start: dt.datetime
    start_shift: Shift | None
    late: bool
    nights: tuple[tuple[dt.date, Shift], ...]
    holidays: tuple[tuple[dt.date, str], ...]

    @property
    def needs_manager(self) -> bool:
        return self.late or bool(self.nights) or bool(self.holidays)


class _Judge:
    """Look-ups built once per call, so each request costs a few dictionary reads."""

    def __init__(self, scenario: Scenario, roster: Roster | None, now: dt.datetime | None) -> None:
        self.scenario = scenario
        self.roster = roster
        self.now = now
        self.rules = scenario.rules
        self.cutoff = _parse_cutoff(scenario.rules.night_leave_cutoff)
        self.shifts = {s.code: s for s in scenario.shifts}
        self.duty: dict[tuple[str, dt.date], list[Shift]] = {}
        if roster is not None:
            for a in roster.assignments:
                shift = self.shifts.get(a.shift)
                if shift is not None:  # unknown codes are the roster checker's R0
                    self.duty.setdefault((a.staff_id, a.date), []).append(shift)
        self.by_person: dict[str, list[int]] = {}
        for i, lv in enumerate(scenario.leave):
            self.by_person.setdefault(lv.staff_id, []).append(i)
        self.swap_days: dict[tuple[str, dt.date], list[str]] = {}
        for sw in scenario.swaps:
            if sw.status.strip().lower() not in SWAP_STATUSES:
                continue
            self.swap_days.setdefault((sw.staff_b, sw.date_a), []).append(
                f"works {sw.date_a.isoformat()} for {sw.staff_a} by swap {sw.id} ({sw.status})"
            )
            if sw.date_b is not None:
                self.swap_days.setdefault((sw.staff_a, sw.date_b), []).append(
                    f"works {sw.date_b.isoformat()} as the pay-back to {sw.staff_b} "
                    f"of swap {sw.id} ({sw.status})"
                )

    @cached_property
    def holidays(self) -> dict[dt.date, str]:
        return Calendar(self.scenario).holidays

    @cached_property
    def double_applications(self) -> dict[int, int]:
        """Request index -> the earlier request it duplicates (L2, "no applying twice").

        Among one person's non-sick requests that are not rejected and share a day, the
        one that stands is the approved one, then the one requested first, then the one
        higher in the sheet; every other one is a second application.
        """
        found: dict[int, int] = {}
        leave = self.scenario.leave
        for indices in self.by_person.values():
            rows = [
                i
                for i in indices
                if leave[i].status != "rejected" and leave[i].type not in SICK_TYPES
            ]
            if len(rows) < 2:
                continue
            rows.sort(key=lambda i: self._standing(leave[i], i))
            for k, i in enumerate(rows):
                for j in rows[:k]:
                    if leave[j].start <= leave[i].end and leave[i].start <= leave[j].end:
                        found[i] = j
                        break
        return found

    def _standing(self, lv: LeaveRequest, index: int) -> tuple[int, dt.datetime, int]:
        requested = self._requested(lv) or dt.datetime.max
        return (0 if lv.status == "approved" else 1, requested, index)

    def _requested(self, lv: LeaveRequest) -> dt.datetime | None:
        moment = lv.requested_at or self.now
        return moment.replace(tzinfo=None) if moment is not None else None

    def facts(self, lv: LeaveRequest) -> _Facts:
        requested = self._requested(lv)
        first = self.duty.get((lv.staff_id, lv.start), [])
        start_shift = min(first, key=lambda s: s.start) if first else None
        start = dt.datetime.combine(lv.start, dt.time())
        if start_shift is not None:
            start += dt.timedelta(minutes=start_shift.start)
        late = False
        if requested is not None and lv.type in NOTICE_DAYS_TYPES | NOTICE_HOURS_TYPES:
            late = requested > start - self._notice(lv)
        nights: list[tuple[dt.date, Shift]] = []
        holidays: list[tuple[dt.date, str]] = []
        if lv.type not in SICK_TYPES:
            days = lv.days()
            if self.duty:
                for d in days:
                    nights += [(d, s) for s in self.duty.get((lv.staff_id, d), []) if s.night]
            if any(self.scenario.start <= d <= self.scenario.end for d in days):
                holidays = [(d, self.holidays[d]) for d in days if d in self.holidays]
        return _Facts(requested, start, start_shift, late, tuple(nights), tuple(holidays))

    def _notice(self, lv: LeaveRequest) -> dt.timedelta:
        if lv.type in NOTICE_HOURS_TYPES:
            return dt.timedelta(hours=self.rules.special_leave_notice_hours)
        return dt.timedelta(days=self.rules.leave_notice_days)

    # -- the verdict --------------------------------------------------------------------

    def verdict(self, index: int) -> LeaveVerdict:
        lv = self.scenario.leave[index]
        f = self.facts(lv)
        outcomes = (
            self.l1_notice(lv, f),
            self.l2_approver(lv, f, index),
            self.l3_in_person(lv),
            self.l4_sick_proof(lv, index),
            self.l5_night(lv, f),
            self.l6_holiday(lv, f),
            self.l7_official(lv),
            self.l8_swap_days(lv),
        )
        return LeaveVerdict(lv.id, lv.staff_id, outcomes)

    def l1_notice(self, lv: LeaveRequest, f: _Facts) -> RuleOutcome:
        """L1: personal and annual leave requested ``leave_notice_days`` days, special
        personal leave ``special_leave_notice_hours`` hours, before the leave starts (the
        start of the person's first rostered shift on its first day, else 00:00 of that
        day); a later request passes only with a manager's approval."""
        kind = _TYPE_WORDS[lv.type]
        if lv.type not in NOTICE_DAYS_TYPES | NOTICE_HOURS_TYPES:
            return RuleOutcome("L1", True, f"{kind} needs no notice")
        if lv.type in NOTICE_HOURS_TYPES:
            hours = self.rules.special_leave_notice_hours
            need = (
                f"to be requested {_plural(hours, 'hour')} before the shift starts "
                "(special_leave_notice_hours)"
            )
        else:
            need = (
                f"to be requested {_plural(self.rules.leave_notice_days, 'day')} ahead "
                "(leave_notice_days)"
            )
        starts = f"on {_at(f.start)}"
        if f.start_shift is not None:
            starts = f"with the {shift_label(f.start_shift)} on {_at(f.start)}"
        if f.requested is None:
            return RuleOutcome(
                "L1", False, f"no request time: the leave starts {starts} and {kind} needs {need}"
            )
        lead = _minutes_between(f.requested, f.start)
        when = (
            f"requested {_at(f.requested)}, {_span(lead)} before the leave starts {starts}"
            if lead >= 0
            else f"requested {_at(f.requested)}, {_span(lead)} after the leave started {starts}"
        )
        if not f.late:
            return RuleOutcome("L1", True, when)
        if self.manager_approved(lv):
            return RuleOutcome(
                "L1", True, f"{when}: late, but approved by {self._approvals_words(lv)}"
            )
        return RuleOutcome("L1", False, f"{when}; {kind} needs {need} or a manager's approval")

    def levels(self, lv: LeaveRequest) -> tuple[frozenset[str], list[str]]:
        """The L2 levels ``lv``'s approvals stand for, and the approvals that are no
        approver (a staff id without an approving role)."""
        given: set[str] = set()
        unknown: list[str] = []
        for who in lv.approvals:
            levels = self.scenario.approver_levels(who)
            if levels:
                given |= levels
            else:
                unknown.append(who)
        return frozenset(given), unknown

    def manager_approved(self, lv: LeaveRequest) -> bool:
        """A manager's approval (L1, L5, L6) is recorded: a manager's or the centre
        director's, who heads the centre's management."""
        return bool(self.levels(lv)[0] & MANAGER_APPROVERS)

    def _approvals_words(self, lv: LeaveRequest) -> str:
        words = []
        for who in lv.approvals:
            level = _APPROVER_WORDS.get(who)
            words.append(level if level else who)
        return " and ".join(words)

    def l2_approver(self, lv: LeaveRequest, f: _Facts, index: int) -> RuleOutcome:
        """L2: one day of leave is approved by the department head, more than one by the
        centre director, level by level; official leave (L7) by the centre director.

        A request may carry several approvals (``approved_by`` levels or staff ids,
        ``;``-separated). The level's own approval is always needed: a manager's approval,
        which a late, night or holiday request also needs (L1, L5, L6), comes in addition
        and never instead. An approver named by id must hold that level's role (staff
        sheet roles, or the approvers sheet). Skipping a level shows as a one-day request
        approved by the centre director without the department head; a longer request
        approved by the department head alone is still ``pending`` on its way to the
        centre director, and fails once ``approved``. Applying twice shows as two
        overlapping requests of the same person. A rejected request fails here, so that
        it is never granted.
        """
        days = len(lv.days())
        level = day_level(days)
        length = f"leave of {_plural(days, 'day')}"
        given, unknown = self.levels(lv)
        if lv.type in OFFICIAL_TYPES:
            # The centre director's own approval of official leave is L7's to judge.
            if "center_director" in given:
                level = "center_director"
            length = _TYPE_WORDS[lv.type]
        needed = _APPROVER_WORDS[level]
        who = self._approvals_words(lv)
        if lv.status == "rejected":
            return RuleOutcome("L2", False, "rejected" + (f" by {who}" if who else ""))
        earlier = self.double_applications.get(index)
        if earlier is not None:
            other = self.scenario.leave[earlier]
            return RuleOutcome(
                "L2",
                False,
                f"overlaps request {_name(other, earlier)} ({other.status}, {_period(other)}) "
                "of the same person: leave is applied for once, at one level at a time",
            )
        if unknown:
            return RuleOutcome(
                "L2",
                False,
                f"{', '.join(unknown)} approved it but is not a department head, centre "
                "director or manager (roles on the staff sheet, or the approvers sheet)",
            )
        manager_needed = f.needs_manager and not given & MANAGER_APPROVERS
        also = " and a manager's approval (late, night or holiday leave)"
        pending = lv.status == "pending"
        if not given:
            if pending:
                return RuleOutcome(
                    "L2",
                    True,
                    f"awaiting approval: needs {needed}" + (also if f.needs_manager else ""),
                )
            return RuleOutcome(
                "L2", False, f"approved with no approver recorded; {length} needs {needed}"
            )
        if level not in given:
            if level == "center_director" and "department_head" in given:
                if pending:
                    return RuleOutcome(
                        "L2", True, f"approved by the department head, awaiting {needed}"
                    )
                return RuleOutcome(
                    "L2", False, f"{length} needs {needed}'s approval; only {who} approved it"
                )
            if level == "department_head" and "center_director" in given:
                return RuleOutcome(
                    "L2",
                    False,
                    f"{length} is approved by {needed}; the centre director approved it, "
                    f"skipping {needed}'s level",
                )
            return RuleOutcome(
                "L2",
                False,
                f"approved by {who}, whose approval is only in addition for late, night-shift "
                f"or holiday leave; {length} needs {needed}",
            )
        if manager_needed:  # L1, L5 or L6 refuses it until a manager approves too
            return RuleOutcome("L2", True, f"approved by {who}; a manager's approval is awaited")
        if f.needs_manager:
            return RuleOutcome(
                "L2",
                True,
                f"approved by {who}, with a manager's approval as a late, night or holiday case",
            )
        return RuleOutcome("L2", True, f"approved by {who}")

    def l3_in_person(self, lv: LeaveRequest) -> RuleOutcome:
        """L3: leave other than sick leave is requested by the person themself."""
        by = lv.requested_by.strip()
        if lv.type in SICK_TYPES:
            if by and by != lv.staff_id:
                return RuleOutcome(
                    "L3", True, f"{_TYPE_WORDS[lv.type]} may be requested by someone else ({by})"
                )
            return RuleOutcome("L3", True, "")
        if not by:
            return RuleOutcome("L3", False, "not requested in person: no requester recorded")
        if by != lv.staff_id:
            return RuleOutcome(
                "L3",
                False,
                f"not requested in person: requested by {by} for {lv.staff_id}; "
                f"{_TYPE_WORDS[lv.type]} must be requested by the person themself",
            )
        return RuleOutcome("L3", True, "")

    def l4_sick_proof(self, lv: LeaveRequest, index: int) -> RuleOutcome:
        """L4: sick leave (a whole day or more: every leave row is) needs a medical
        certificate, emergency sick leave a phone call to the team leader; and the
        certificates run without a gap: a sick row next to or overlapping another sick row
        of the same person that has no certificate fails too. Emergency rows are the
        exception the rule allows and neither need nor break that run; rejected rows do
        not count."""
        if lv.type == "emergency_sick":
            if lv.phoned_team_leader:
                return RuleOutcome("L4", True, "the team leader was phoned")
            return RuleOutcome(
                "L4",
                False,
                f"emergency sick leave ({_period(lv)}) needs the team leader phoned before "
                "the shift (phoned_team_leader = yes)",
            )
        if lv.type != "sick":
            return RuleOutcome("L4", True, "not sick leave")
        if not lv.certificate:
            return RuleOutcome(
                "L4",
                False,
                f"sick leave of {_plural(len(lv.days()), 'day')} ({_period(lv)}) needs a "
                "medical certificate (certificate = yes)",
            )
        leave = self.scenario.leave
        for j in self.by_person[lv.staff_id]:
            other = leave[j]
            if (
                j != index
                and other.type == "sick"
                and other.status != "rejected"
                and not other.certificate
                and _touch(lv, other)
            ):
                return RuleOutcome(
                    "L4",
                    False,
                    f"continues sick leave {_name(other, j)} ({_period(other)}), which has no "
                    f"certificate: {_period(other)} is a gap in the certificates, and "
                    "certificate dates must be continuous",
                )
        return RuleOutcome("L4", True, "certificate given")

    def l5_night(self, lv: LeaveRequest, f: _Facts) -> RuleOutcome:
        """L5: leave on a day the roster has the person on a night shift is refused unless
        requested before ``night_leave_cutoff`` on that day (or earlier) and approved by a
        manager. Sick leave is exempt (its proof is L4)."""
        if lv.type in SICK_TYPES:
            return RuleOutcome("L5", True, "sick leave is not refused from a night shift")
        if self.roster is None:
            return RuleOutcome("L5", True, "no roster to judge nights")
        if not f.nights:
            return RuleOutcome("L5", True, "not a night shift")
        cutoff = f"{self.cutoff:%H:%M}"
        manager = self.manager_approved(lv)
        problems = []
        for d, shift in f.nights:
            on = f"rostered on the {shift_label(shift)} on {d.isoformat()}"
            if f.requested is None:
                problems.append(f"{on}, no request time")
            elif f.requested >= dt.datetime.combine(d, self.cutoff):
                problems.append(f"{on}, requested {_at(f.requested)}, after the {cutoff} cutoff")
            elif not manager:
                problems.append(on)
        if not problems:
            return RuleOutcome(
                "L5", True, "night shift: requested before the cutoff, manager approved"
            )
        if not manager:
            problems.append("not approved by a manager")
        return RuleOutcome(
            "L5",
            False,
            "; ".join(problems)
            + f": leave from a night shift needs a request before {cutoff} that day "
            "(night_leave_cutoff) and a manager's approval",
        )

    def l6_holiday(self, lv: LeaveRequest, f: _Facts) -> RuleOutcome:
        """L6: a leave day on a public holiday of the horizon fails unless requested
        ``holiday_leave_notice_days`` days before 00:00 of that day and approved by a
        manager; a person rostered on the holiday cannot take leave that day at all. Sick
        leave is exempt (its proof is L4)."""
        if lv.type in SICK_TYPES:
            return RuleOutcome("L6", True, "sick leave is not refused on a holiday")
        if not f.holidays:
            return RuleOutcome("L6", True, "not a public holiday")
        notice = self.rules.holiday_leave_notice_days
        problems = []
        for d, name in f.holidays:
            label = f"{d.isoformat()} is a public holiday ({name})"
            duty = self.duty.get((lv.staff_id, d), [])
            if duty:
                problems.append(
                    f"{label} and {lv.staff_id} is rostered on the {shift_label(duty[0])}: "
                    "staff on holiday duty cannot take leave that day"
                )
                continue
            deadline = dt.datetime.combine(d, dt.time()) - dt.timedelta(days=notice)
            late = f.requested is None or f.requested > deadline
            manager = self.manager_approved(lv)
            if late or not manager:
                got = "no request time" if f.requested is None else f"requested {_at(f.requested)}"
                got += "" if manager else ", not approved by a manager"
                problems.append(
                    f"{label}: leave on it needs a request {_plural(notice, 'day')} ahead "
                    f"(holiday_leave_notice_days, by {_at(deadline)}) and a manager's "
                    f"approval; {got}"
                )
        if problems:
            return RuleOutcome("L6", False, "; ".join(problems))
        days = ", ".join(d.isoformat() for d, _ in f.holidays)
        return RuleOutcome("L6", True, f"holiday {days}: requested in time, manager approved")

    def l7_official(self, lv: LeaveRequest) -> RuleOutcome:
        """L7: business and study leave are approved by the centre director; a pending one
        passes as awaiting them."""
        if lv.type not in OFFICIAL_TYPES:
            return RuleOutcome("L7", True, "not official leave")
        if "center_director" in self.levels(lv)[0]:
            return RuleOutcome("L7", True, "approved by the centre director")
        if lv.status != "approved":
            return RuleOutcome("L7", True, "awaiting approval: needs the centre director")
        who = self._approvals_words(lv) or "nobody recorded"
        return RuleOutcome(
            "L7",
            False,
            f"{_TYPE_WORDS[lv.type]} needs the centre director's approval; approved by {who}",
        )

    def l8_swap_days(self, lv: LeaveRequest) -> RuleOutcome:
        """L8: no leave on a day the person works for someone else by a swap (``staff_b``
        on ``date_a``) or as its pay-back (``staff_a`` on ``date_b``), for swaps whose
        ledger status is registered or approved."""
        found = _flatten(self.swap_days.get((lv.staff_id, d), []) for d in lv.days())
        if not found:
            return RuleOutcome("L8", True, "")
        return RuleOutcome(
            "L8",
            False,
            f"{lv.staff_id} " + "; ".join(found) + ": no leave on a swap or pay-back day",
        )


def day_level(days: int) -> str:
    """L2's level for leave of ``days`` days: the department head for one, the centre
    director for more."""
    return "department_head" if days <= 1 else "center_director"


def approval_level(lv: LeaveRequest) -> str:
    """The level whose approval a request needs: its length's (L2), or the centre director
    for business and study leave (L7)."""
    return "center_director" if lv.type in OFFICIAL_TYPES else day_level(len(lv.days()))


def _touch(a: LeaveRequest, b: LeaveRequest) -> bool:
    """Two leave periods overlap or follow each other without a day between."""
    one = dt.timedelta(days=1)
    return a.start <= b.end + one and b.start <= a.end + one


def _flatten(groups: Iterable[list[str]]) -> list[str]:
    return [item for group in groups for item in group]
