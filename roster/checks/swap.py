"""Swap rules S1-S8: may A hand their shift on one day to B, with B's shift on another day
(the pay-back, 還班) handed back to A? And with whom could A swap at all?

A swap is judged on the roster it would change: the published roster with the registered
swaps of the ledger already applied. Each verdict has one outcome per rule, S1 to S8 in
order, with the reason in words a team lead reads; the exact reading of every rule is
``docs/rules.md``, section "Swap rules (S)".

S8 (every hard roster rule still holds) is decided incrementally: a swap changes the rows
of two people on at most two days, so only their own rules (R4-R8, R10), the cover of the
shifts they move between (R1-R3, R9) and, when one of them holds the callback seat, R12
can change. The checks are the very functions of ``roster.checks.rules`` applied to those
parts, and only breaches the roster did not already have count against the swap; the
result equals diffing ``check_roster`` before and after, in a fraction of the time: so
``suggest_swaps`` tries every colleague and pay-back day of a 300-person month in well
under two seconds. Pure Python, like the rest of ``roster.checks``: no ortools.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from roster.calendar import Calendar
from roster.checks.rules import (
    PreparedRoster,
    callback_violations,
    day_label,
    person_violations,
    prepare,
    rest_violations,
    shift_label,
    slot_violations,
)
from roster.checks.swap_words import MONTH_NAMES, grade_words, person_name, short_day, times
from roster.model import (
    HARD_RULES,
    Assignment,
    LeaveRequest,
    Roster,
    RuleOutcome,
    Scenario,
    Staff,
    Swap,
    Violation,
)

SWAP_RULES: dict[str, str] = {
    "S1": "LEADERS AGREE",
    "S2": "MONTHLY LIMIT",
    "S3": "NO CONSECUTIVE",
    "S4": "NO DOUBLE SHIFT",
    "S5": "LIKE FOR LIKE",
    "S6": "NO LEAVE",
    "S7": "HOLIDAY DUTY",
    "S8": "ALL RULES",
}
"""The rules a verdict judges, in the order of its outcomes."""

COUNTED_STATUS = "registered"
"""Only registered swaps count for S2/S3 and change the roster; requested, approved and
cancelled ones bind nobody yet (or any more)."""

BINDING_LEAVE = frozenset({"approved", "pending"})
"""Leave statuses that block a swap day (S6): pending leave may still be granted."""

# --------------------------------------------------------------------------------------
# The roster after a swap
# --------------------------------------------------------------------------------------


def apply_swap(roster: Roster, swap: Swap) -> Roster:
    """The roster with A's entries on ``date_a`` given to B and B's on ``date_b`` to A.

    Both moves are read from the roster as given (so a same-day exchange works), entries
    keep their place in the roster, and a side with nothing to move moves nothing: whether
    the swap makes sense is ``swap_verdict``'s question, not this function's.
    """
    out = []
    for a in roster.assignments:
        if a.staff_id == swap.staff_a and a.date == swap.date_a:
            out.append(Assignment(swap.staff_b, a.date, a.shift))
        elif swap.date_b is not None and a.staff_id == swap.staff_b and a.date == swap.date_b:
            out.append(Assignment(swap.staff_a, a.date, a.shift))
        else:
            out.append(a)
    return Roster(tuple(out))


def apply_swaps(roster: Roster, swaps: Iterable[Swap]) -> Roster:
    """The roster with every registered swap of a ledger applied, in ledger order: the
    roster the centre actually works, against which a new swap is judged."""
    for swap in swaps:
        if swap.status == COUNTED_STATUS:
            roster = apply_swap(roster, swap)
    return roster


# --------------------------------------------------------------------------------------
# Verdicts and suggestions
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SwapVerdict:
    """A swap judged by S1-S8: one outcome per rule, the roster after it, and the hard
    rules it would newly break (S8's evidence, empty when S8 passes on its own merits)."""

    swap: Swap
    outcomes: tuple[RuleOutcome, ...]
    after: Roster
    summary: str = ""
    """The swap in words: whose shift, which day, who works it, and the pay-back."""
    new_violations: tuple[Violation, ...] = ()

    @property
    def allowed(self) -> bool:
        return all(o.passed for o in self.outcomes)

    @property
    def failed(self) -> tuple[RuleOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.passed)

    def explain(self) -> list[str]:
        """The verdict in plain words: the swap and the answer, then one line per rule."""
        answer = (
            "allowed" if self.allowed else "refused by " + ", ".join(o.rule for o in self.failed)
        )
        lines = [f"{self.summary}: {answer}." if self.summary else f"Swap: {answer}."]
        for o in self.outcomes:
            name = f"{o.rule} {SWAP_RULES.get(o.rule, '')}".strip()
            mark = "ok" if o.passed else "NO"
            lines.append(f"  {mark:2} {name}" + (f": {o.reason}" if o.reason else ""))
        return lines


@dataclass(frozen=True)
class SwapSuggestions:
    """Who could take A's shift, best first, and why the others could not.

    ``options`` are allowed verdicts (at most ``limit``), ranked by fewest side effects;
    ``found`` counts every valid (colleague, pay-back day) pair, shown or not.
    ``excluded`` counts colleagues with no valid pay-back day under the first reason that
    excluded them (for pay-back days, the commonest reason among their days), most
    frequent first.
    """

    staff_a: str
    date_a: dt.date
    options: list[SwapVerdict] = field(default_factory=list)
    excluded: list[tuple[str, int]] = field(default_factory=list)
    found: int = 0


def swap_verdict(
    scenario: Scenario,
    roster: Roster,
    swap: Swap,
    ledger: Sequence[Swap] = (),
    *,
    for_registration: bool = False,
) -> SwapVerdict:
    """Judge one swap by S1-S8.

    Parameters
    ----------
    scenario
        The centre: staff, shifts, cover, leave, holidays and rule parameters.
    roster
        The roster the swap applies to: the published roster with the ledger's registered
        swaps applied (``apply_swaps``).
    swap
        The swap; its ``status`` and approvals matter only to S1.
    ledger
        The other swaps of the ledger, any status: only registered ones count (S2, S3),
        and an entry with the judged swap's id (or the swap itself) is left out.
    for_registration
        Judge S1 for registering: both team leaders must have approved. Otherwise S1
        only notes that their approval is needed before registration.

    Raises
    ------
    ValueError
        When the swap names an unknown person, the same person twice, or a day outside
        the roster's horizon.
    """
    judge = _judge(scenario, roster, ledger)
    return judge.verdict(swap, for_registration=for_registration)


def suggest_swaps(
    scenario: Scenario,
    roster: Roster,
    staff_a: str,
    date_a: dt.date,
    ledger: Sequence[Swap] = (),
    *,
    limit: int = 10,
    complete: bool = True,
) -> SwapSuggestions:
    """Every colleague and pay-back day that makes an allowed swap of A's shift on
    ``date_a``, ranked: same team first, then the pay-back on the same shift A hands over,
    then the pay-back closest to ``date_a``, then by staff id and day.

    A suggestion always has a pay-back day: a day B works and A is off. Cheap rules are
    tried first (S5, B off on ``date_a``, S6, S7, S2, S3), the roster rules (S4, S8) only
    on what is left. Each returned option is exactly ``swap_verdict``'s verdict.
    ``complete=False`` stops once the best ``limit`` are found (the same options): then
    ``found`` counts only those and ``excluded`` only the cheap rules' reasons, which is
    what a page that lists partners needs, many times faster.

    Raises
    ------
    ValueError
        For an unknown person or a day outside the horizon.
    """
    judge = _judge(scenario, roster, ledger)
    return judge.suggest(staff_a, date_a, limit, complete)


_JUDGES: OrderedDict[tuple[int, int, tuple[Swap, ...]], tuple[Scenario, Roster, _Judge]]
_JUDGES, JUDGES_KEPT = OrderedDict(), 4  # indexing the roster is most of a verdict's time


def _judge(scenario: Scenario, roster: Roster, ledger: Sequence[Swap]) -> _Judge:
    key = (id(scenario), id(roster), tuple(ledger))
    found = _JUDGES.get(key)
    if found is not None and found[0] is scenario and found[1] is roster:
        _JUDGES.move_to_end(key)
        return found[2]
    judge = _Judge(scenario, roster, ledger)
    _JUDGES[key] = (scenario, roster, judge)
    while len(_JUDGES) > JUDGES_KEPT:
        _JUDGES.popitem(last=False)
    return judge


# --------------------------------------------------------------------------------------
# The judge: one roster and ledger, indexed once, many swaps
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Trial:
    """What the roster rules say about one swap (S4's and S8's findings)."""

    double: tuple[str, ...]
    """S4 preconditions: B not off on date_a, A not off on date_b."""
    missing: tuple[str, ...]
    """S8 preconditions: A not on duty on date_a, B not on duty on date_b."""
    rest: tuple[Violation, ...]
    """New R5/R10 rest breaches of A or B."""
    new: tuple[Violation, ...]
    """Every new hard-rule breach."""


class _Judge:
    """A roster and a ledger indexed for many swap questions (one per suggestion)."""

    def __init__(self, scenario: Scenario, roster: Roster, ledger: Sequence[Swap]) -> None:
        self.scenario = scenario
        self.roster = roster
        self.calendar = Calendar(scenario)
        self.prep: PreparedRoster = prepare(scenario, roster)
        self.people = self.prep.people
        self.shifts = self.prep.shifts
        self.ledger = tuple(ledger)
        self.registered = [s for s in self.ledger if s.status == COUNTED_STATUS]
        self.swaps_of: dict[str, list[Swap]] = {}
        for s in self.registered:
            self.swaps_of.setdefault(s.staff_a, []).append(s)
            if s.staff_b != s.staff_a:
                self.swaps_of.setdefault(s.staff_b, []).append(s)
        self.leave_of: dict[str, list[LeaveRequest]] = {}
        for lv in scenario.leave:
            if lv.status in BINDING_LEAVE:
                self.leave_of.setdefault(lv.staff_id, []).append(lv)
        # Positions of each valid entry, aligned with prep.worked, so merged days keep the
        # roster's order exactly as prepare() would see it after apply_swap.
        self.positions: dict[tuple[str, int], list[int]] = {}
        self.duty: dict[tuple[int, str], list[str]] = {}
        index = {d: i for i, d in enumerate(scenario.days)}
        seen: set[tuple[str, int, str]] = set()
        for pos, a in enumerate(roster.assignments):
            if a.staff_id not in self.people or a.shift not in self.shifts or a.date not in index:
                continue
            i = index[a.date]
            self.positions.setdefault((a.staff_id, i), []).append(pos)
            if (a.staff_id, i, a.shift) not in seen:
                seen.add((a.staff_id, i, a.shift))
                self.duty.setdefault((i, a.shift), []).append(a.staff_id)
        self.callers = frozenset(p.id for p in scenario.staff if p.has_role("callback"))
        self._person_before: dict[str, frozenset[Violation]] = {}
        self._slot_before: dict[tuple[int, str], frozenset[Violation]] = {}

    # -- look-ups -----------------------------------------------------------------------

    @cached_property
    def holidays(self) -> dict[dt.date, str]:
        return self.calendar.holidays

    @cached_property
    def callback_before(self) -> frozenset[Violation]:
        return frozenset(callback_violations(self.prep))

    def day_index(self, day: dt.date) -> int:
        return (day - self.scenario.start).days

    def codes(self, staff_id: str, day: dt.date) -> list[str]:
        return self.prep.codes_on(staff_id, self.day_index(day))

    def works(self, staff_id: str, day: dt.date) -> bool:
        return bool(self.prep.worked.get(staff_id, {}).get(self.day_index(day)))

    def duty_words(self, staff_id: str, day: dt.date) -> str:
        labels = [shift_label(self.shifts[c]) for c in self.codes(staff_id, day)]
        return " and ".join(labels) if labels else "no shift"

    def leave_on(self, staff_id: str, day: dt.date) -> LeaveRequest | None:
        for lv in self.leave_of.get(staff_id, ()):
            if lv.covers(day):
                return lv
        return None

    def others(self, staff_id: str, swap: Swap) -> list[Swap]:
        """Registered swaps of a person, without the one being judged."""
        return [
            s
            for s in self.swaps_of.get(staff_id, ())
            if s is not swap and not (swap.id and s.id == swap.id)
        ]

    def leaders_of(self, person: Staff) -> str:
        names = [
            person_name(p)
            for p in self.scenario.staff
            if p.team == person.team and p.has_role("team_leader") and p.id != person.id
        ]
        team = f"team {person.team}" if person.team else "their team"
        return f"{' or '.join(names)}, {team}" if names else f"the leader of {team}"

    def validate(self, swap: Swap) -> tuple[Staff, Staff]:
        for staff_id in (swap.staff_a, swap.staff_b):
            if staff_id not in self.people:
                raise ValueError(f"swap {swap.id or '(new)'}: unknown staff {staff_id!r}")
        if swap.staff_a == swap.staff_b:
            raise ValueError(f"swap {swap.id or '(new)'}: {swap.staff_a} cannot swap with self")
        sc = self.scenario
        for day in (swap.date_a, swap.date_b):
            if day is not None and not sc.start <= day <= sc.end:
                raise ValueError(
                    f"swap {swap.id or '(new)'}: {day.isoformat()} is outside the roster "
                    f"{sc.start.isoformat()} to {sc.end.isoformat()}"
                )
        return self.people[swap.staff_a], self.people[swap.staff_b]

    # -- the verdict --------------------------------------------------------------------

    def verdict(self, swap: Swap, *, for_registration: bool) -> SwapVerdict:
        a, b = self.validate(swap)
        trial = self.trial(swap)
        outcomes = (
            self.s1_leaders(swap, a, b, for_registration),
            self.s2_monthly(swap, a, b),
            self.s3_consecutive(swap, a, b),
            self.s4_double(swap, trial),
            self.s5_like(a, b),
            self.s6_leave(swap, a, b),
            self.s7_holiday(swap),
            self.s8_all(trial),
        )
        return SwapVerdict(
            swap,
            outcomes,
            apply_swap(self.roster, swap),
            self.summary(swap, a, b),
            trial.new,
        )

    def summary(self, swap: Swap, a: Staff, b: Staff) -> str:
        text = (
            f"{person_name(a)}'s {self.duty_words(a.id, swap.date_a)} on {day_label(swap.date_a)} "
            f"worked by {person_name(b)}"
        )
        if swap.date_b is None:
            return text + ", pay-back day not set"
        return (
            text + f"; pay-back: {person_name(b)}'s {self.duty_words(b.id, swap.date_b)} on "
            f"{day_label(swap.date_b)} worked by {person_name(a)}"
        )

    def s1_leaders(self, swap: Swap, a: Staff, b: Staff, for_registration: bool) -> RuleOutcome:
        """S1: both team leaders approve before the swap is registered in the ledger."""
        if not for_registration:
            return RuleOutcome(
                "S1", True, "needs both team leaders' approval before it is registered"
            )
        missing = [
            f"{person_name(p)}'s team leader ({self.leaders_of(p)}) has not approved"
            for p, approved in (
                (a, swap.approved_by_a_leader),
                (b, swap.approved_by_b_leader),
            )
            if not approved
        ]
        if missing:
            return RuleOutcome("S1", False, "; ".join(missing))
        return RuleOutcome("S1", True, "both team leaders approved")

    def month_swaps(self, person: Staff, swap: Swap) -> list[Swap]:
        """Registered swaps of a person in the calendar month of ``swap.date_a``."""
        month = (swap.date_a.year, swap.date_a.month)
        return sorted(
            (s for s in self.others(person.id, swap) if (s.date_a.year, s.date_a.month) == month),
            key=lambda s: (s.date_a, s.id),
        )

    def s2_monthly(self, swap: Swap, a: Staff, b: Staff) -> RuleOutcome:
        """S2: each person in at most ``max_swaps_per_month`` registered swaps per calendar
        month of ``date_a``, as asker or partner, this one included."""
        limit = self.scenario.rules.max_swaps_per_month
        month = MONTH_NAMES[swap.date_a.month - 1]
        failures, counts = [], []
        for p in (a, b):
            done = self.month_swaps(p, swap)
            counts.append(f"{person_name(p)} {len(done) + 1} of {limit}")
            if len(done) + 1 <= limit:
                continue
            if not done:
                failures.append(f"no swaps allowed (max_swaps_per_month = {limit})")
                continue
            days = ", ".join(short_day(s.date_a) for s in done)
            failures.append(
                f"{person_name(p)} has already swapped {times(len(done))} in {month} ({days}); "
                f"at most {limit} a month"
            )
        if failures:
            return RuleOutcome("S2", False, "; ".join(dict.fromkeys(failures)))
        return RuleOutcome("S2", True, f"swaps in {month}: " + ", ".join(counts))

    def s3_consecutive(self, swap: Swap, a: Staff, b: Staff) -> RuleOutcome:
        """S3: no other registered swap of either person on a swap day or the day before or
        after one; no handing over a shift the person received by a swap (no chains)."""
        found = self.s3_problems(swap, a, b)
        if found:
            return RuleOutcome("S3", False, "; ".join(found))
        return RuleOutcome("S3", True, "no other swap of either person on or next to these days")

    def s3_problems(self, swap: Swap, a: Staff, b: Staff) -> list[str]:
        found: list[str] = []
        mine = [d for d in (swap.date_a, swap.date_b) if d is not None]
        for person, handed in ((a, swap.date_a), (b, swap.date_b)):
            for other in self.others(person.id, swap):
                received = (other.staff_b == person.id and other.date_a == handed) or (
                    other.staff_a == person.id and other.date_b == handed
                )
                if handed is not None and received:
                    found.append(
                        f"the shift {person_name(person)} would hand over on "
                        f"{day_label(handed)} is one received by swap "
                        f"{other.id or '(unnamed)'}: no chains of swaps"
                    )
                    continue
                theirs = [d for d in (other.date_a, other.date_b) if d is not None]
                clash = [(o, d) for o in theirs for d in mine if abs((o - d).days) <= 1]
                if not clash:
                    continue
                o, d = clash[0]
                where = {-1: "the day before", 0: "the same day as", 1: "the day after"}[
                    (o - d).days
                ]
                found.append(
                    f"{person_name(person)} is already in swap {other.id or '(unnamed)'} on "
                    f"{day_label(o)}, {where} {day_label(d)}: no swaps on consecutive days"
                )
        return list(dict.fromkeys(found))

    def s4_double(self, swap: Swap, trial: _Trial) -> RuleOutcome:
        """S4: after the swap and the pay-back neither works two shifts a day (R4) or rests
        too little between shifts (R5, R10 with history); B must be off on ``date_a``, A
        off on ``date_b``."""
        if trial.double:
            return RuleOutcome("S4", False, "; ".join(trial.double))
        if trial.rest:
            names = {
                p.id: person_name(p) for p in (self.people[swap.staff_a], self.people[swap.staff_b])
            }
            return RuleOutcome(
                "S4",
                False,
                "; ".join(
                    f"after the swap {names.get(v.staff_id or '', v.staff_id)} would work "
                    f"{v.message}"
                    for v in trial.rest
                ),
            )
        return RuleOutcome("S4", True, "no double shift and enough rest for both")

    def s5_like(self, a: Staff, b: Staff) -> RuleOutcome:
        """S5: same job type and same grade (the equivalent grade is the same grade)."""
        if a.job_type == b.job_type and a.grade == b.grade:
            return RuleOutcome("S5", True, f"both are {grade_words(a)}s")
        return RuleOutcome(
            "S5",
            False,
            f"{person_name(a)} is a {grade_words(a)}, {person_name(b)} is a "
            f"{grade_words(b)}: a swap needs the same grade and job type",
        )

    def s6_leave(self, swap: Swap, a: Staff, b: Staff) -> RuleOutcome:
        """S6: neither person has approved or pending leave on either swap day."""
        found = []
        for p in (a, b):
            for d in dict.fromkeys(x for x in (swap.date_a, swap.date_b) if x is not None):
                lv = self.leave_on(p.id, d)
                if lv is not None:
                    ref = f" ({lv.id})" if lv.id else ""
                    kind = lv.type.replace("_", " ")
                    found.append(
                        f"{person_name(p)} has {lv.status} {kind} leave on {day_label(d)}{ref}"
                    )
        if found:
            return RuleOutcome("S6", False, "; ".join(found) + ": no leave on swap days")
        return RuleOutcome("S6", True, "no leave on either day")

    def s7_holiday(self, swap: Swap) -> RuleOutcome:
        """S7: holiday duty cannot be swapped: neither swap day is a public holiday."""
        found = [
            f"{day_label(d)} is a public holiday ({self.holidays[d]})"
            for d in dict.fromkeys(x for x in (swap.date_a, swap.date_b) if x is not None)
            if d in self.holidays
        ]
        if found:
            return RuleOutcome("S7", False, "; ".join(found) + ": holiday duty cannot be swapped")
        return RuleOutcome("S7", True, "no public holiday")

    def s8_all(self, trial: _Trial) -> RuleOutcome:
        """S8: A works ``date_a`` (and B ``date_b``), and the roster after the swap breaks
        no hard rule that the roster before did not already break."""
        parts = list(trial.missing)
        if trial.new:
            parts.append("after the swap: " + "; ".join(str(v) for v in trial.new))
        if parts:
            return RuleOutcome("S8", False, "; ".join(parts))
        return RuleOutcome("S8", True, "no hard roster rule newly broken")

    # -- the roster rules, incrementally ------------------------------------------------

    def person_before(self, staff_id: str) -> frozenset[Violation]:
        if staff_id not in self._person_before:
            self._person_before[staff_id] = frozenset(person_violations(self.prep, [staff_id]))
        return self._person_before[staff_id]

    def slot_check(self, slot: tuple[int, str], ids: Iterable[str]) -> list[Violation]:
        day = self.scenario.start + dt.timedelta(days=slot[0])
        return slot_violations(
            self.calendar, day, self.shifts[slot[1]], [self.people[i] for i in ids]
        )

    def slot_before(self, slot: tuple[int, str]) -> frozenset[Violation]:
        if slot not in self._slot_before:
            self._slot_before[slot] = frozenset(self.slot_check(slot, self.duty.get(slot, [])))
        return self._slot_before[slot]

    def moved_rows(
        self, keep: str, take: str, give_day: int | None, take_day: int | None
    ) -> dict[int, list[str]]:
        """``keep``'s rows after giving away ``give_day`` and taking ``take``'s entries of
        ``take_day``, merged in roster order."""
        rows = dict(self.prep.worked.get(keep, {}))
        if give_day is not None:
            rows.pop(give_day, None)
        if take_day is not None:
            incoming = self.prep.worked.get(take, {}).get(take_day, [])
            if incoming:
                kept = take_day != give_day
                own = self.prep.worked.get(keep, {}).get(take_day, []) if kept else []
                own_at = self.positions.get((keep, take_day), []) if kept else []
                ours = zip(own_at, own, strict=True)
                theirs = zip(self.positions.get((take, take_day), []), incoming, strict=True)
                merged = sorted([*ours, *theirs])
                rows[take_day] = [code for _, code in merged]
        return rows

    def trial(self, swap: Swap) -> _Trial:
        a, b = swap.staff_a, swap.staff_b
        ia = self.day_index(swap.date_a)
        ib = None if swap.date_b is None else self.day_index(swap.date_b)
        worked = self.prep.worked
        a_rows = self.moved_rows(a, b, ia, ib)
        b_rows = self.moved_rows(b, a, ib, ia)

        double, missing = [], []
        name_a, name_b = person_name(self.people[a]), person_name(self.people[b])
        handed_a = list(dict.fromkeys(worked.get(a, {}).get(ia, [])))
        if not handed_a:
            missing.append(
                f"{name_a} is not on duty on {day_label(swap.date_a)}: no shift to hand over"
            )
        if worked.get(b, {}).get(ia) and ia != ib:
            double.append(
                f"{name_b} already works the {self.duty_words(b, swap.date_a)} on "
                f"{day_label(swap.date_a)}: taking {name_a}'s shift would make two shifts "
                "that day"
            )
        handed_b: list[str] = []
        if ib is not None and swap.date_b is not None:
            handed_b = list(dict.fromkeys(worked.get(b, {}).get(ib, [])))
            if not handed_b:
                missing.append(
                    f"{name_b} is not on duty on {day_label(swap.date_b)}: no shift to pay back"
                )
            if worked.get(a, {}).get(ib) and ia != ib:
                double.append(
                    f"{name_a} already works the {self.duty_words(a, swap.date_b)} on "
                    f"{day_label(swap.date_b)}: the pay-back would make two shifts that day"
                )

        after = PreparedRoster(
            self.scenario,
            self.people,
            self.shifts,
            {a: a_rows, b: b_rows},
            self.prep.history,
            self.prep.roster,
            (),
        )
        before = self.person_before(a) | self.person_before(b)
        new: set[Violation] = set(person_violations(after, [a, b])) - before
        rest = set(rest_violations(after, [a, b])) - before

        slots = {(ia, c) for c in handed_a} | {(ib, c) for c in handed_b if ib is not None}
        for slot in slots:
            d, code = slot
            ids = [i for i in self.duty.get(slot, []) if i not in (a, b)]
            ids += [p for p, rows in ((a, a_rows), (b, b_rows)) if code in rows.get(d, [])]
            new |= set(self.slot_check(slot, ids)) - self.slot_before(slot)

        if a in self.callers or b in self.callers:
            full = {**worked, a: a_rows, b: b_rows}
            changed = PreparedRoster(
                self.scenario,
                self.people,
                self.shifts,
                full,
                self.prep.history,
                self.prep.roster,
                (),
            )
            new |= set(callback_violations(changed)) - self.callback_before

        return _Trial(
            tuple(double),
            tuple(missing),
            tuple(sorted(rest, key=_violation_order)),
            tuple(sorted(new, key=_violation_order)),
        )

    # -- suggestions --------------------------------------------------------------------

    def suggest(
        self, staff_a: str, date_a: dt.date, limit: int, complete: bool = True
    ) -> SwapSuggestions:
        if staff_a not in self.people:
            raise ValueError(f"unknown staff {staff_a!r}")
        sc = self.scenario
        if not sc.start <= date_a <= sc.end:
            raise ValueError(
                f"{date_a.isoformat()} is outside the roster {sc.start.isoformat()} to "
                f"{sc.end.isoformat()}"
            )
        a = self.people[staff_a]
        colleagues = [p for p in sc.staff if p.id != staff_a]
        blocked = self.blocked(a, date_a)
        if blocked:
            return SwapSuggestions(staff_a, date_a, [], [(blocked, len(colleagues))], 0)

        ia = self.day_index(date_a)
        a_code = self.codes(staff_a, date_a)[0]
        a_days = self.prep.worked.get(staff_a, {})
        limit_month = sc.rules.max_swaps_per_month
        excluded: Counter[str] = Counter()
        # Every (rank, colleague, pay-back) the cheap rules leave, ranked before the
        # expensive ones (S4, S8) run, so the first ``limit`` found are the best.
        candidates: list[tuple[tuple[int, int, int, int, str], Swap]] = []
        for b in colleagues:
            probe = Swap("", staff_a, date_a, b.id, None)
            reason = self.colleague_reason(a, b, date_a, probe, limit_month)
            if reason:
                excluded[reason] += 1
                continue
            b_days = self.prep.worked.get(b.id, {})
            payback_days = sorted(d for d, codes in b_days.items() if codes and not a_days.get(d))
            if not payback_days:
                excluded[f"no pay-back day: works no day on which {person_name(a)} is off"] += 1
                continue
            for ib in payback_days:
                date_b = sc.start + dt.timedelta(days=ib)
                rank = (
                    int(b.team != a.team),
                    int(b_days[ib][0] != a_code),
                    abs(ib - ia),
                    int(ib < ia),
                    b.id,
                )
                candidates.append((rank, Swap("", staff_a, date_a, b.id, date_b)))
        candidates.sort(key=lambda item: item[0])
        found: list[Swap] = []
        reasons: dict[str, Counter[str]] = {}
        valid: set[str] = set()
        for _, swap in candidates:
            if not complete and len(found) >= limit:
                break  # the best ``limit`` are known; the rest only feed the counts
            why = self.payback_reason(a, self.people[swap.staff_b], swap)
            if why:
                reasons.setdefault(swap.staff_b, Counter())[why] += 1
                continue
            valid.add(swap.staff_b)
            found.append(swap)
        for b_id, counts in reasons.items():
            if b_id not in valid and complete:
                excluded[counts.most_common(1)[0][0]] += 1
        options = [self.verdict(swap, for_registration=False) for swap in found[:limit]]
        return SwapSuggestions(
            staff_a,
            date_a,
            options,
            sorted(excluded.items(), key=lambda item: (-item[1], item[0])),
            len(found),
        )

    def blocked(self, a: Staff, date_a: dt.date) -> str:
        """Why no colleague at all could take A's shift that day ("" when some might)."""
        if not self.works(a.id, date_a):
            return f"S8 ALL RULES: {person_name(a)} is not on duty on {day_label(date_a)}"
        if self.leave_on(a.id, date_a) is not None:
            return f"S6 NO LEAVE: {person_name(a)} has leave on {day_label(date_a)}"
        if date_a in self.holidays:
            return f"S7 HOLIDAY DUTY: {day_label(date_a)} is a public holiday"
        probe = Swap("", a.id, date_a, a.id, None)
        if len(self.month_swaps(a, probe)) + 1 > self.scenario.rules.max_swaps_per_month:
            return f"S2 MONTHLY LIMIT: {person_name(a)} has no swap left this month"
        if self._s3_person(a, probe, date_a, [date_a]):
            return f"S3 NO CONSECUTIVE: {person_name(a)} is in another swap on or next to that day"
        return ""

    def _s3_person(
        self, person: Staff, swap: Swap, handed: dt.date | None, days: list[dt.date]
    ) -> bool:
        """S3 for one person: a chain through ``handed`` or another swap next to ``days``."""
        for other in self.others(person.id, swap):
            if handed is not None and (
                (other.staff_b == person.id and other.date_a == handed)
                or (other.staff_a == person.id and other.date_b == handed)
            ):
                return True
            for o in (other.date_a, other.date_b):
                if o is not None and any(abs((o - d).days) <= 1 for d in days):
                    return True
        return False

    def colleague_reason(self, a: Staff, b: Staff, date_a: dt.date, probe: Swap, limit: int) -> str:
        """Why B cannot take A's shift whatever the pay-back day ("" when B might)."""
        if a.grade != b.grade or a.job_type != b.job_type:
            return "S5 LIKE FOR LIKE: other grade or job type"
        if self.works(b.id, date_a):
            return "S4 NO DOUBLE SHIFT: works that day too"
        if self.leave_on(b.id, date_a) is not None:
            return "S6 NO LEAVE: has leave that day"
        if len(self.month_swaps(b, probe)) + 1 > limit:
            return "S2 MONTHLY LIMIT: no swap left this month"
        if self._s3_person(b, probe, None, [date_a]):
            return "S3 NO CONSECUTIVE: in another swap on or next to that day"
        return ""

    def payback_reason(self, a: Staff, b: Staff, swap: Swap) -> str:
        """Why this pay-back day does not work ("" when the swap is allowed)."""
        date_b = swap.date_b
        assert date_b is not None
        if date_b in self.holidays:
            return "S7 HOLIDAY DUTY: pay-back on a public holiday"
        if self.leave_on(a.id, date_b) is not None or self.leave_on(b.id, date_b) is not None:
            return "S6 NO LEAVE: leave on the pay-back day"
        if self._s3_person(a, swap, None, [date_b]) or self._s3_person(b, swap, date_b, [date_b]):
            return "S3 NO CONSECUTIVE: another swap on or next to the pay-back day"
        trial = self.trial(swap)
        if trial.double or trial.rest:
            return "S4 NO DOUBLE SHIFT: too little rest between shifts"
        if trial.missing or trial.new:
            first = trial.new[0].rule if trial.new else ""
            return f"S8 ALL RULES: would break {first} {HARD_RULES.get(first, '')}".rstrip()
        return ""


def _violation_order(v: Violation) -> tuple[int, dt.date, str, str, str]:
    number = int(v.rule[1:]) if v.rule[1:].isdigit() else 99
    return (number, v.date or dt.date.min, v.staff_id or "", v.shift or "", v.message)
