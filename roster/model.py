"""Domain model: the centre and its rules, as frozen, self-validating dataclasses (the
roster, results and verdicts are :mod:`roster.results`, imported from here too).

Nothing here knows about CP-SAT or files. Readers build these objects; the solver, the
checker and the writers consume them. Times are whole minutes, weights whole numbers, so
the solver's integer objective and the checker's recomputation can agree exactly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from roster.parameters import RuleParameters as RuleParameters
from roster.parameters import Weights as Weights
from roster.parameters import check_service, check_shares

# The roster and what is said about it live in roster.results; imported from here as ever.
from roster.results import Assignment as Assignment
from roster.results import Change as Change
from roster.results import LeaveVerdict as LeaveVerdict
from roster.results import PenaltyItem as PenaltyItem
from roster.results import Result as Result
from roster.results import Roster as Roster
from roster.results import RuleOutcome as RuleOutcome
from roster.results import SolveSettings as SolveSettings
from roster.results import SolveStatus as SolveStatus
from roster.results import Violation as Violation
from roster.results import relative_gap as relative_gap
from roster.vocabulary import APPROVERS as APPROVERS
from roster.vocabulary import APPROVING_ROLES as APPROVING_ROLES
from roster.vocabulary import GRADES as GRADES
from roster.vocabulary import LEAVE_STATUSES as LEAVE_STATUSES
from roster.vocabulary import LEAVE_TYPES as LEAVE_TYPES
from roster.vocabulary import MINUTES_PER_DAY as MINUTES_PER_DAY
from roster.vocabulary import OFF as OFF
from roster.vocabulary import REQUEST_KINDS as REQUEST_KINDS
from roster.vocabulary import ROLES as ROLES
from roster.vocabulary import WEEKDAY_NAMES as WEEKDAY_NAMES
from roster.vocabulary import approvals_of as approvals_of
from roster.vocabulary import grade_rank as grade_rank

# --------------------------------------------------------------------------------------
# The centre
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Staff:
    """One person on the roster.

    ``min_shifts``/``max_shifts``/``max_nights`` are per horizon (R7); ``None`` means
    "no limit of this person's own". ``max_per_shift`` caps each listed shift code per
    horizon (0: never that shift); ``min_minutes``/``max_minutes`` bound the horizon's
    working minutes (shift lengths without handover, as the Curtois benchmark counts).
    ``max_weekends`` caps the weekends worked in the horizon (R18);
    ``min_consecutive_days``/``min_consecutive_off`` are the shortest runs of worked days
    and of days off (R19; ``None`` or 1: no restriction). ``max_consecutive_days``
    replaces the config's limit on worked days in a row for this person (R6).
    ``complete_weekends``: both days of a weekend worked or neither (R20).
    The defaults of every later field restrict nothing, so older scenarios keep their
    meaning. Each rule field has its line in :data:`PERSON_FIELDS`, which the reader, the
    writer, the month plans' path and these checks follow.
    """

    id: str
    name: str
    grade: str
    team: str
    roles: frozenset[str] = frozenset({"agent"})
    job_type: str = "agent"
    min_shifts: int | None = None
    max_shifts: int | None = None
    max_nights: int | None = None
    can_work_nights: bool = True
    max_per_shift: tuple[tuple[str, int], ...] = ()
    min_minutes: int | None = None
    max_minutes: int | None = None
    max_weekends: int | None = None
    min_consecutive_days: int | None = None
    min_consecutive_off: int | None = None
    max_consecutive_days: int | None = None
    complete_weekends: bool = False

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("Staff id must not be empty.")
        if self.grade not in GRADES:
            raise ValueError(
                f"Staff {self.id!r}: unknown grade {self.grade!r}; expected one of {GRADES}."
            )
        unknown = set(self.roles) - set(ROLES)
        if unknown:
            raise ValueError(
                f"Staff {self.id!r}: unknown role(s) {sorted(unknown)}; expected {ROLES}."
            )
        _check_limits(self)

    def consecutive_limit(self, default: int) -> int:
        """Worked days in a row allowed (R6): this person's own limit, else the config's."""
        return default if self.max_consecutive_days is None else self.max_consecutive_days

    def shift_cap(self, code: str) -> int | None:
        """This person's own cap on shift ``code`` per horizon (R7), ``None`` when uncapped."""
        return dict(self.max_per_shift).get(code)

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def rank(self) -> int:
        return grade_rank(self.grade)


class FieldKind(StrEnum):
    """How a per-person field is read from and written to its staff-sheet column."""

    COUNT = "count"
    """A whole number >= 0, blank for ``None`` (no limit of the person's own)."""
    FLAG = "flag"
    """yes or no, blank for the field's default."""
    CAPS = "caps"
    """``CODE=count`` pairs separated by ``;`` (``D=10;N=5``), blank for none."""


@dataclass(frozen=True)
class PersonField:
    """A per-person rule field: the :class:`Staff` attribute and the staff-sheet column
    ``name``, read and written by ``kind``, feeding hard rule ``rule``.

    ``priced``: the month plans' path (:mod:`roster.solver.pricing`) may price a person
    whose value is not the default; when False such a person is priced by CP-SAT.
    ``maximum``: the field (of a ``min_*`` one) that must not be below it.
    ``always``: the column is written even when nobody uses it (the sheet's older
    columns); the others are written only up to the last one anybody uses.
    """

    name: str
    kind: FieldKind
    rule: str
    doc: str
    priced: bool
    maximum: str | None = None
    always: bool = False

    @property
    def default(self) -> object:
        """The Staff field's default, which restricts nothing."""
        return _STAFF_DEFAULTS[self.name]

    def is_set(self, person: Staff) -> bool:
        """Whether ``person`` has a value of their own here (not the default)."""
        return bool(getattr(person, self.name) != self.default)


_COUNT, _FLAG, _CAPS = FieldKind.COUNT, FieldKind.FLAG, FieldKind.CAPS

PERSON_FIELDS: tuple[PersonField, ...] = (
    # min_shifts, max_shifts, max_nights: the path does not follow them but prices such a
    # person all the same; the checker sends a plan that breaks one on to CP-SAT.
    PersonField("min_shifts", _COUNT, "R7", "fewest shifts in the horizon", priced=True,
                maximum="max_shifts", always=True),
    PersonField("max_shifts", _COUNT, "R7", "most shifts in the horizon", priced=True,
                always=True),
    PersonField("max_nights", _COUNT, "R7", "most night shifts in the horizon", priced=True,
                always=True),
    PersonField("can_work_nights", _FLAG, "R7", "no: never a night shift", priced=True,
                always=True),
    PersonField("max_per_shift", _CAPS, "R7", "most shifts of each listed code",
                priced=True),
    PersonField("min_minutes", _COUNT, "R7", "fewest working minutes in the horizon",
                priced=True, maximum="max_minutes"),
    PersonField("max_minutes", _COUNT, "R7", "most working minutes in the horizon",
                priced=True),
    PersonField("max_weekends", _COUNT, "R18", "most weekends worked in the horizon",
                priced=True),
    PersonField("min_consecutive_days", _COUNT, "R19", "shortest run of worked days",
                priced=True),
    PersonField("min_consecutive_off", _COUNT, "R19", "shortest run of days off",
                priced=True),
    PersonField("max_consecutive_days", _COUNT, "R6", "most worked days in a row (else "
                "the config's max_consecutive_days)", priced=True),
    # The path's state has no "worked Saturday" to follow R20 with: CP-SAT prices them.
    PersonField("complete_weekends", _FLAG, "R20", "yes: both days of a weekend or neither",
                priced=False),
)  # fmt: skip
"""Every per-person rule field, in staff-sheet column order: the reader, the writer, the
month plans' path and Staff's own checks all follow this table. A new per-person rule is
its Staff field and its line here (and its rule in HARD_RULES), a family module declaring
``FAMILY`` in :mod:`roster.constraints`, its check in :mod:`roster.checks.rules`, its tests
and its paragraph in ``docs/rules.md``."""

IDENTITY_FIELDS: tuple[str, ...] = ("id", "name", "grade", "team", "roles", "job_type")
"""The Staff fields before the rule fields: who the person is, not what limits them."""

_STAFF_DEFAULTS: dict[str, object] = {f.name: f.default for f in dataclasses.fields(Staff)}


def _check_table() -> None:
    """A Staff field without its line here would be neither read, written nor checked."""
    names = [f.name for f in PERSON_FIELDS]
    if [f.name for f in dataclasses.fields(Staff)] != [*IDENTITY_FIELDS, *names]:
        raise TypeError("PERSON_FIELDS must list every Staff rule field, in field order.")
    always = [f.always for f in PERSON_FIELDS]
    if always != sorted(always, reverse=True):
        raise TypeError("PERSON_FIELDS: the always-written columns come first.")
    for f in PERSON_FIELDS:
        if f.maximum is not None and (f.kind != _COUNT or f.maximum not in names):
            raise TypeError(f"PERSON_FIELDS: {f.name}'s maximum {f.maximum!r} is no count.")


_check_table()


def _check_limits(person: Staff) -> None:
    """Staff's checks of its rule fields, in the order they always ran: counts >= 0, then
    min <= max pairs, then shift caps (so a bad row keeps its error message)."""
    for f in PERSON_FIELDS:
        value = getattr(person, f.name)
        if f.kind == FieldKind.COUNT and value is not None and value < 0:
            raise ValueError(f"Staff {person.id!r}: {f.name} must be >= 0, got {value}.")
    for f in PERSON_FIELDS:
        low = getattr(person, f.name)
        high = None if f.maximum is None else getattr(person, f.maximum)
        if low is not None and high is not None and low > high:
            raise ValueError(f"Staff {person.id!r}: {f.name} {low} > {f.maximum} {high}.")
    for f in PERSON_FIELDS:
        if f.kind != FieldKind.CAPS:
            continue
        caps: tuple[tuple[str, int], ...] = getattr(person, f.name)
        codes = [code for code, _ in caps]
        if len(set(codes)) != len(codes):
            raise ValueError(f"Staff {person.id!r}: {f.name} names a shift twice.")
        for code, cap in caps:
            if cap < 0:
                raise ValueError(f"Staff {person.id!r}: {f.name} {code}={cap} must be >= 0.")


@dataclass(frozen=True)
class Shift:
    """A shift type. ``start``/``end`` are minutes after midnight; an end at or before the
    start means the shift crosses midnight into the next day."""

    code: str
    name: str
    start: int
    end: int
    night: bool = False
    color: str | None = None

    def __post_init__(self) -> None:
        if not self.code or self.code.upper() == OFF:
            raise ValueError(f"Shift code {self.code!r} is empty or reserved.")
        for name in ("start", "end"):
            value = getattr(self, name)
            if not 0 <= value < MINUTES_PER_DAY:
                raise ValueError(f"Shift {self.code!r}: {name} {value} is not a time of day.")

    @property
    def duration(self) -> int:
        """Length in minutes (without the handover)."""
        length = (self.end - self.start) % MINUTES_PER_DAY
        return length or MINUTES_PER_DAY

    @property
    def crosses_midnight(self) -> bool:
        return self.start + self.duration > MINUTES_PER_DAY

    def interval(self, day_index: int) -> tuple[int, int]:
        """Absolute [start, end) in minutes from the horizon start, for a shift on that day."""
        begin = day_index * MINUTES_PER_DAY + self.start
        return begin, begin + self.duration


@dataclass(frozen=True)
class CoverRule:
    """One row of the ``cover`` sheet before day matching.

    ``day`` is a date, a weekday name (Mon..Sun), ``weekday``, ``weekend``, ``holiday``
    or ``*``; ``requirement`` is a grade or a role.
    """

    day: str
    shift: str
    requirement: str
    min: int
    max: int | None = None
    weight_under: int | None = None
    """Cost of each person missing from this row (R1/R3); blank: the scenario's weight."""
    weight_over: int | None = None
    """Cost of each person over this row's ``max`` (R1); blank: ``weight_cover_over``."""

    def __post_init__(self) -> None:
        if self.min < 0:
            raise ValueError(f"Cover {self.day}/{self.shift}/{self.requirement}: min < 0.")
        for name in ("weight_under", "weight_over"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(
                    f"Cover {self.day}/{self.shift}/{self.requirement}: {name} must be >= 0, "
                    f"got {value}."
                )
        if self.max is not None and self.max < self.min:
            raise ValueError(
                f"Cover {self.day}/{self.shift}/{self.requirement}: "
                f"min {self.min} > max {self.max}."
            )
        if self.requirement not in GRADES and self.requirement not in ROLES:
            raise ValueError(
                f"Cover requirement {self.requirement!r} is neither a grade nor a role."
            )

    @property
    def is_grade(self) -> bool:
        return self.requirement in GRADES


@dataclass(frozen=True)
class LeaveRequest:
    """A leave request; only ``approved`` leave binds the roster (R8), ``pending`` leave is
    granted where cover allows (R16)."""

    id: str
    staff_id: str
    start: dt.date
    end: dt.date
    type: str = "personal"
    status: str = "approved"
    requested_at: dt.datetime | None = None
    requested_by: str = ""
    approved_by: str = ""
    certificate: bool = False
    phoned_team_leader: bool = False
    weight: int | None = None
    """How much granting this pending request is worth (R16); blank: weight_pending_leave."""

    def __post_init__(self) -> None:
        if self.weight is not None and self.weight < 0:
            raise ValueError(f"Leave {self.id!r}: weight must be >= 0, got {self.weight}.")
        if self.end < self.start:
            raise ValueError(f"Leave {self.id!r}: end {self.end} is before start {self.start}.")
        if self.type not in LEAVE_TYPES:
            raise ValueError(f"Leave {self.id!r}: unknown type {self.type!r}.")
        if self.status not in LEAVE_STATUSES:
            raise ValueError(f"Leave {self.id!r}: unknown status {self.status!r}.")
        if self.approved_by != self.approved_by.strip():
            raise ValueError(f"Leave {self.id!r}: approver {self.approved_by!r} has spaces.")

    @property
    def approvals(self) -> tuple[str, ...]:
        """Every approval recorded (L2): levels or the staff ids of approvers, in order."""
        return approvals_of(self.approved_by)

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def days(self) -> list[dt.date]:
        n = (self.end - self.start).days + 1
        return [self.start + dt.timedelta(days=i) for i in range(n)]


@dataclass(frozen=True)
class ShiftRequest:
    """A wish (R15): ``want`` or ``avoid`` a shift (or ``OFF``) on a date."""

    staff_id: str
    date: dt.date
    shift: str
    kind: str = "want"
    weight: int = 5

    def __post_init__(self) -> None:
        if self.kind not in REQUEST_KINDS:
            raise ValueError(f"Request kind {self.kind!r}; expected want or avoid.")
        if self.weight < 0:
            raise ValueError(f"Request weight {self.weight} must be >= 0.")


@dataclass(frozen=True)
class ForecastRow:
    """A line of the ``forecast`` sheet: the calls offered in one interval of the days
    ``day`` matches (a date, a weekday name, ``weekday``, ``weekend``, ``holiday`` or ``*``,
    the most specific winning as in ``cover``). ``start`` is minutes after midnight; the
    service-level target, answer time, occupancy cap and shrinkage are the config's
    (``service_level``, ``answer_seconds``, ``max_occupancy``, ``shrinkage``) when blank."""

    day: str
    start: int
    calls: float
    aht: float
    """Average handle time in seconds."""
    service_level: float | None = None
    answer_seconds: float | None = None
    max_occupancy: float | None = None
    shrinkage: float | None = None

    def __post_init__(self) -> None:
        where = f"Forecast {self.day} {self.start // 60:02d}:{self.start % 60:02d}"
        if not 0 <= self.start < MINUTES_PER_DAY:
            raise ValueError(f"{where}: start is not a time of day.")
        if self.calls < 0:
            raise ValueError(f"{where}: calls must be >= 0, got {self.calls}.")
        if self.aht <= 0:
            raise ValueError(f"{where}: aht must be > 0 seconds, got {self.aht}.")
        check_service(where, self.service_level, self.answer_seconds)
        check_shares(where, self.max_occupancy, self.shrinkage)


@dataclass(frozen=True)
class HolidayChange:
    """A line of the ``holidays`` sheet: add a holiday, or remove one when name is ``-``."""

    date: dt.date
    name: str

    @property
    def removes(self) -> bool:
        return self.name.strip() == "-"


@dataclass(frozen=True)
class Swap:
    """A row of the swap ledger: A's shift on ``date_a`` worked by B, B's on ``date_b`` by A."""

    id: str
    staff_a: str
    date_a: dt.date
    staff_b: str
    date_b: dt.date | None
    status: str = "requested"
    approved_by_a_leader: bool = False
    approved_by_b_leader: bool = False
    shift_a: str | None = None
    """The shift code A handed over, as registered (``None``: not recorded)."""
    shift_b: str | None = None
    """The shift code B handed over as the pay-back (or in a same-day exchange)."""


FAIRNESS_KINDS: tuple[str, ...] = ("nights", "weekend", "holiday")
"""What R14 evens out within a grade: night shifts, weekend shifts, holiday shifts."""


@dataclass(frozen=True)
class FairnessBand:
    """Counts people outside the scenario already have (R14): the grade's spread of
    ``kind`` runs from the lowest of ``low`` and the scenario's counts to the highest of
    ``high`` and them. A large centre solved in slices hands each slice the counts of the
    slices before it, so the centre's spread, not each slice's, is what is evened out."""

    grade: str
    kind: str
    low: int
    high: int

    def __post_init__(self) -> None:
        if self.grade not in GRADES or self.kind not in FAIRNESS_KINDS:
            raise ValueError(f"Fairness band {self.grade}/{self.kind}: unknown grade or kind.")
        if not 0 <= self.low <= self.high:
            raise ValueError(f"Fairness band {self.grade}/{self.kind}: need 0 <= low <= high.")


SOFT_RULES: dict[str, str] = {
    "R1": "COVER (over max / under min when soft)",
    "R2": "SUPERVISOR (when weight_role_under is given)",
    "R3": "ROLE COVER (when weight_role_under or the row's weight_under is given)",
    "R11": "QA REACH",
    "R13": "MEETINGS",
    "R14": "FAIRNESS",
    "R15": "REQUESTS",
    "R16": "PENDING LEAVE",
    "R17": "STABILITY",
    "R21": "SURPLUS",
}

HARD_RULES: dict[str, str] = {
    "R1": "COVER",
    "R2": "SUPERVISOR",
    "R3": "ROLE COVER",
    "R4": "ONE SHIFT",
    "R5": "REST",
    "R6": "CONSECUTIVE",
    "R7": "WORKLOAD",
    "R8": "LEAVE",
    "R9": "HANDOVER",
    "R10": "HISTORY",
    "R12": "CALLBACK GAP",
    "R18": "WEEKENDS",
    "R19": "MIN RUNS",
    "R20": "COMPLETE WEEKENDS",
}


# --------------------------------------------------------------------------------------
# The scenario
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Approver:
    """Someone who approves leave without being rostered (the ``approvers`` sheet): a
    department head, the centre director or a manager (L2)."""

    id: str
    role: str
    name: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("Approver id must not be empty.")
        if self.role not in APPROVING_ROLES:
            raise ValueError(
                f"Approver {self.id!r}: role {self.role!r} is not one of {APPROVING_ROLES}."
            )


@dataclass(frozen=True)
class Scenario:
    """Everything the team lead gives: one month (or any horizon) of one centre."""

    name: str
    start: dt.date
    end: dt.date
    staff: tuple[Staff, ...]
    shifts: tuple[Shift, ...]
    cover: tuple[CoverRule, ...]
    country: str = "CN"
    rules: RuleParameters = field(default_factory=RuleParameters)
    weights: Weights = field(default_factory=Weights)
    leave: tuple[LeaveRequest, ...] = ()
    requests: tuple[ShiftRequest, ...] = ()
    holiday_changes: tuple[HolidayChange, ...] = ()
    history: tuple[Assignment, ...] = ()
    swaps: tuple[Swap, ...] = ()
    published: tuple[Assignment, ...] = ()
    extra_config: Mapping[str, str] = field(default_factory=dict)
    forbidden_successions: tuple[tuple[str, str], ...] = ()
    """R5: (X, Y) forbids shift Y the day after shift X, beside what the rest time forbids."""
    fairness_bands: tuple[FairnessBand, ...] = ()
    """R14: counts of people outside the scenario (set by slicing, not read from input)."""
    forecast: tuple[ForecastRow, ...] = ()
    """R22: calls per interval, from which grade seats are derived where ``cover`` is silent."""
    approvers: tuple[Approver, ...] = ()
    """L2: people who approve leave and are not rostered (staff may approve too, by role)."""

    def approver_levels(self, who: str) -> frozenset[str]:
        """The L2 levels ``who`` approves at: a level word itself, else the approving
        roles of that staff id or approver (empty: not an approver)."""
        if who in APPROVING_ROLES:
            return frozenset({who})
        roles = {r for s in self.staff if s.id == who for r in s.roles}
        roles |= {a.role for a in self.approvers if a.id == who}
        return frozenset(roles & set(APPROVING_ROLES))

    def __post_init__(self) -> None:
        self._validate()

    def with_uniform_under(self, cover_under: int | None, role_under: int | None) -> Scenario:
        """Every empty seat priced alike: these scenario weights, the rows' own
        ``weight_under`` dropped. What-if shortfalls, staffing's hard cover and the re-plan's
        diagnosis need that, or a row's own low weight would hide its seats."""
        return self.replace(
            cover=tuple(dataclasses.replace(c, weight_under=None) for c in self.cover),
            weights=dataclasses.replace(
                self.weights, cover_under=cover_under, role_under=role_under
            ),
        )

    def fairness_band(self, grade: str, kind: str) -> FairnessBand | None:
        for band in self.fairness_bands:
            if band.grade == grade and band.kind == kind:
                return band
        return None

    def _validate(self) -> None:
        if self.end < self.start:
            raise ValueError(f"Horizon end {self.end} is before start {self.start}.")
        _unique("staff", [s.id for s in self.staff])
        _unique("shift", [s.code for s in self.shifts])
        _unique("leave", [lv.id for lv in self.leave if lv.id])
        _unique("approver", [a.id for a in self.approvers])
        if not self.staff:
            raise ValueError("The scenario has no staff.")
        if not self.shifts:
            raise ValueError("The scenario has no shifts.")
        staff_ids = {s.id for s in self.staff}
        codes = {s.code for s in self.shifts}
        for person in self.staff:
            for code, _ in person.max_per_shift:
                if code not in codes:
                    raise ValueError(
                        f"Staff {person.id!r}: max_per_shift names unknown shift {code!r}."
                    )
        step = self.rules.interval_minutes
        for row in self.forecast:
            if row.start % step:
                raise ValueError(
                    f"Forecast interval {row.start // 60:02d}:{row.start % 60:02d} does not "
                    f"start on a {step}-minute boundary (config interval_minutes)."
                )
        for pair in self.forbidden_successions:
            for code in pair:
                if code not in codes:
                    raise ValueError(f"forbidden_successions names unknown shift {code!r}.")
        for c in self.cover:
            if c.shift not in codes:
                raise ValueError(f"Cover row references unknown shift {c.shift!r}.")
        for lv in self.leave:
            if lv.staff_id not in staff_ids:
                raise ValueError(f"Leave {lv.id!r} references unknown staff {lv.staff_id!r}.")
        for r in self.requests:
            if r.staff_id not in staff_ids:
                raise ValueError(f"Request references unknown staff {r.staff_id!r}.")
            if r.shift != OFF and r.shift not in codes:
                raise ValueError(f"Request references unknown shift {r.shift!r}.")
            if not self.start <= r.date <= self.end:
                raise ValueError(f"Request date {r.date} is outside the horizon.")
        for a in self.history:
            if a.staff_id not in staff_ids:
                raise ValueError(f"History references unknown staff {a.staff_id!r}.")
            if a.shift not in codes:
                raise ValueError(f"History references unknown shift {a.shift!r}.")
            if a.date >= self.start:
                raise ValueError(f"History date {a.date} is not before the horizon.")
        for a in self.published:
            if a.staff_id not in staff_ids:
                raise ValueError(f"Published roster references unknown staff {a.staff_id!r}.")
            if a.shift not in codes:
                raise ValueError(f"Published roster references unknown shift {a.shift!r}.")

    # -- look-ups -----------------------------------------------------------------------

    @property
    def days(self) -> list[dt.date]:
        n = (self.end - self.start).days + 1
        return [self.start + dt.timedelta(days=i) for i in range(n)]

    @property
    def num_days(self) -> int:
        return (self.end - self.start).days + 1

    def day_index(self, day: dt.date) -> int:
        return (day - self.start).days

    def person(self, staff_id: str) -> Staff:
        for s in self.staff:
            if s.id == staff_id:
                return s
        raise KeyError(staff_id)

    def shift(self, code: str) -> Shift:
        for s in self.shifts:
            if s.code == code:
                return s
        raise KeyError(code)

    def approved_leave(self, staff_id: str, day: dt.date) -> LeaveRequest | None:
        for lv in self.leave:
            if lv.staff_id == staff_id and lv.status == "approved" and lv.covers(day):
                return lv
        return None

    def leave_weight(self, leave: LeaveRequest) -> int:
        """What granting a pending request is worth (R16): its own weight or the default."""
        return self.weights.pending_leave if leave.weight is None else leave.weight

    @property
    def pending_leave(self) -> tuple[LeaveRequest, ...]:
        return tuple(lv for lv in self.leave if lv.status == "pending")

    def replace(self, **changes: Any) -> Scenario:
        """A copy with some fields changed (and validated again)."""
        return dataclasses.replace(self, **changes)

    def for_staff(self, staff: tuple[Staff, ...], **changes: Any) -> Scenario:
        """These people only, with the leave, requests, history and published shifts that
        are theirs and the swaps between two of them; ``changes`` as in ``replace``."""
        ids = {person.id for person in staff}
        return self.replace(
            staff=staff,
            leave=tuple(lv for lv in self.leave if lv.staff_id in ids),
            requests=tuple(r for r in self.requests if r.staff_id in ids),
            history=tuple(a for a in self.history if a.staff_id in ids),
            published=tuple(a for a in self.published if a.staff_id in ids),
            swaps=tuple(s for s in self.swaps if s.staff_a in ids and s.staff_b in ids),
            **changes,
        )


def _unique(what: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"Duplicate {what} id {i!r}.")
        seen.add(i)
