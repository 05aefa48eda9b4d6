"""Read a scenario: an ``.xlsx`` workbook or a folder of ``<sheet>.csv`` files.

Two stages, as in PyVRP's reader: a *parser* turns the file into plain text tables (no
meaning attached, row numbers kept), and a *builder* turns the tables into a validated
:class:`~roster.model.Scenario`. Keeping them apart lets both file formats share every
check, and lets every error name the sheet, the row a person sees in Excel and the column.

Columns the builder needs (everything else listed in DESIGN.md is optional and has a
default; unknown columns are kept by the parser and ignored):

========  ===================================
sheet     required columns
========  ===================================
config    key, value
staff     id, grade
shifts    code, start, end
cover     day, shift, requirement, min
leave     staff_id, start, end
requests  staff_id, date, shift
holidays  date
history   staff_id, date, shift
swaps     id, staff_a, date_a, staff_b
roster    staff_id, date, shift
forecast  day, interval, calls, aht
approvers id, role
========  ===================================

A missing optional sheet, or one without even a header row, means "none". A blank
config value means "the default", except ``country``: without the key the calendar
is CN, while a blank value (or ``none``) means no public holidays.
"""

from __future__ import annotations

import calendar as std_calendar
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import holidays as holidays_lib

from roster.calendar import parse_day_spec
from roster.exceptions import RosterInputError
from roster.io.rows import (
    COLOR_RE,
    MONTH_RE,
    Row,
    located,
    one_of,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_int,
    parse_number,
    parse_time,
)
from roster.io.tables import Table, cell_text, read_tables
from roster.model import (
    APPROVERS,
    APPROVING_ROLES,
    GRADES,
    LEAVE_STATUSES,
    LEAVE_TYPES,
    OFF,
    PERSON_FIELDS,
    REQUEST_KINDS,
    ROLES,
    WEEKDAY_NAMES,
    Approver,
    Assignment,
    CoverRule,
    FieldKind,
    ForecastRow,
    HolidayChange,
    LeaveRequest,
    RuleParameters,
    Scenario,
    Shift,
    ShiftRequest,
    Staff,
    Swap,
    Weights,
    approvals_of,
)

_T = TypeVar("_T")

__all__ = [
    "OPTIONAL_SHEETS",
    "REQUIRED_COLUMNS",
    "REQUIRED_SHEETS",
    "Table",
    "build_scenario",
    "cell_text",
    "read_scenario",
    "read_tables",
]

REQUIRED_SHEETS: tuple[str, ...] = ("config", "staff", "shifts", "cover")
OPTIONAL_SHEETS: tuple[str, ...] = (
    "leave",
    "requests",
    "holidays",
    "history",
    "swaps",
    "roster",
    "forecast",
    "approvers",
)

REQUIRED_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "config": ("key", "value"),
    "staff": ("id", "grade"),
    "shifts": ("code", "start", "end"),
    "cover": ("day", "shift", "requirement", "min"),
    "leave": ("staff_id", "start", "end"),
    "requests": ("staff_id", "date", "shift"),
    "holidays": ("date",),
    "history": ("staff_id", "date", "shift"),
    "swaps": ("id", "staff_a", "date_a", "staff_b"),
    "roster": ("staff_id", "date", "shift"),
    "forecast": ("day", "interval", "calls", "aht"),
    "approvers": ("id", "role"),
}


# ======================================================================================
# Builder: tables -> Scenario (the parser is roster.io.tables, the row accessors roster.io.rows)
# ======================================================================================


class _ScenarioBuilder:
    """Builds a Scenario sheet by sheet; later sheets look up ids the earlier ones defined."""

    def __init__(self, tables: Mapping[str, Table], default_name: str) -> None:
        self.tables = tables
        self.default_name = default_name
        self.start = dt.date.min
        self.end = dt.date.max
        self.staff_ids: dict[str, int] = {}
        self.approver_ids: dict[str, int] = {}
        self.codes: dict[str, int] = {}
        self.cap_rows: list[tuple[Row, str, str]] = []  # (row, column, shift code)
        self.codes_folded: dict[str, str | None] = {}
        self.successions: tuple[str, Row | None] = ("", None)

    # -- sheets and rows ----------------------------------------------------------------

    def rows(self, sheet: str) -> Iterator[Row]:
        table = self.tables.get(sheet)
        if table is None or not table.has_header:
            if sheet in REQUIRED_SHEETS:
                columns = ", ".join(REQUIRED_COLUMNS[sheet])
                if table is None:
                    message = f"required sheet is missing; expected a sheet (or {sheet}.csv)"
                else:
                    message = f"{table.source or 'the sheet'} is empty; expected a header row"
                raise RosterInputError(f"{message} with columns {columns}", sheet=sheet)
            return
        for column in REQUIRED_COLUMNS[sheet]:
            if column not in table.columns:
                raise RosterInputError(
                    f"missing required column {column!r}; the header row has "
                    f"{', '.join(table.columns)}",
                    sheet=sheet,
                    row=1,
                    column=column,
                )
        for number, cells in table.rows:
            yield Row(sheet, number, cells)

    # -- look-ups -----------------------------------------------------------------------

    def staff_id(self, row: Row, column: str) -> str:
        value = row.required(column, "a staff id")
        if value not in self.staff_ids:
            raise row.error(
                column, f"unknown staff id {value!r}; expected an id from the 'staff' sheet"
            )
        return value

    def shift_code(self, row: Row, column: str, *, allow_off: bool = False) -> str:
        expected = "a shift code from the 'shifts' sheet" + (" or OFF" if allow_off else "")
        value = row.required(column, expected)
        if allow_off and value.upper() == OFF:
            return OFF
        if value in self.codes:
            return value
        folded = self.codes_folded.get(value.casefold())
        if folded:
            return folded
        known = one_of([*self.codes, OFF] if allow_off else self.codes)
        raise row.error(column, f"unknown shift code {value!r}; expected {known}")

    def in_horizon(self, row: Row, column: str, day: dt.date) -> dt.date:
        if not self.start <= day <= self.end:
            raise row.error(
                column,
                f"date {day} is outside the scenario's horizon; expected a date from "
                f"{self.start} to {self.end}",
            )
        return day

    # -- config -------------------------------------------------------------------------

    def config(self) -> tuple[str, str, RuleParameters, Weights, dict[str, str]]:
        values: dict[str, tuple[str, Row]] = {}
        for row in self.rows("config"):
            key = row.text("key").lower()
            if not key:
                raise row.error("key", "missing key; expected a setting name such as 'month'")
            if key in values:
                raise row.error(
                    "key", f"duplicate key {key!r}; first given on row {values[key][1].number}"
                )
            values[key] = (row.text("value"), row)

        name = values.pop("name", ("", None))[0] or self.default_name
        self.successions = values.pop("forbidden_successions", ("", None))
        self._horizon(values)
        country = self._country(values)
        rules = self._fields(RuleParameters, dataclasses.fields(RuleParameters), values, "")
        weights = self._fields(Weights, dataclasses.fields(Weights), values, "weight_")
        for key, (_, row) in values.items():
            if key.startswith("weight_"):
                known = [f"weight_{f.name}" for f in dataclasses.fields(Weights)]
                raise row.error("key", f"unknown weight {key!r}; expected {one_of(known)}")
        extra = {key: value for key, (value, _) in values.items()}
        return name, country, rules, weights, extra

    def _horizon(self, values: dict[str, tuple[str, Row]]) -> None:
        month = values.pop("month", None)
        start = values.pop("start", None)
        end = values.pop("end", None)
        if month and month[0]:
            text, row = month
            if (start and start[0]) or (end and end[0]):
                raise row.error("value", "give either month or start and end, not both")
            match = MONTH_RE.fullmatch(text)
            if not match or not 1 <= int(match[2]) <= 12:
                raise row.error("value", f"month {text!r} is not valid; expected YYYY-MM")
            year, number = int(match[1]), int(match[2])
            self.start = dt.date(year, number, 1)
            self.end = dt.date(year, number, std_calendar.monthrange(year, number)[1])
            return
        if not (start and start[0]) or not (end and end[0]):
            raise RosterInputError(
                "the horizon is not given; expected key 'month' (YYYY-MM) or keys 'start' "
                "and 'end' (YYYY-MM-DD)",
                sheet="config",
                column="key",
            )
        self.start = start[1].convert("value", start[0], parse_date, "start as YYYY-MM-DD")
        self.end = end[1].convert("value", end[0], parse_date, "end as YYYY-MM-DD")
        if self.end < self.start:
            raise end[1].error(
                "value", f"end {self.end} is before start {self.start}; expected end >= start"
            )

    @staticmethod
    def _country(values: dict[str, tuple[str, Row]]) -> str:
        entry = values.pop("country", None)
        if entry is None:
            return "CN"
        text, row = entry
        if text.lower() in ("", "none", "-"):
            return ""
        code = text.upper()
        try:
            holidays_lib.country_holidays(code)
        except NotImplementedError:
            raise row.error(
                "value",
                f"country {text!r} has no public-holiday calendar; expected an ISO code such "
                "as CN, HK or TW, or 'none'",
            ) from None
        return code

    @staticmethod
    def _fields(
        cls: Callable[..., _T],
        fields: tuple[dataclasses.Field[Any], ...],
        values: dict[str, tuple[str, Row]],
        prefix: str,
    ) -> _T:
        """Fill a parameter record from config keys ``<prefix><field>``, typed by default."""
        changes: dict[str, object] = {}
        for f in fields:
            key = prefix + f.name
            entry = values.pop(key, None)
            if entry is None or not entry[0]:
                continue
            text, row = entry
            default = f.default
            value: object
            if isinstance(default, bool):
                value = row.convert("value", text, parse_bool, f"{key} as yes or no")
            elif f.name == "night_leave_cutoff":
                minutes = row.convert("value", text, parse_time, f"{key} as HH:MM")
                value = f"{minutes // 60:02d}:{minutes % 60:02d}"
            elif f.name == "team_meeting_day":
                value = _weekday_name(text)
                if value is None:
                    raise row.error(
                        "value", f"{key} {text!r} is not valid; expected {one_of(WEEKDAY_NAMES)}"
                    )
            elif isinstance(default, float):
                number = row.convert("value", text, parse_number, f"{key} as a number")
                value = number
            elif isinstance(default, int) or default is None:
                if default is None and text.lower() == "none":
                    continue
                number = row.convert("value", text, parse_int, f"{key} as a whole number")
                if number < 0:
                    raise row.error("value", f"{key} {text!r}; expected a whole number >= 0")
                value = number
            else:
                value = text
            with located(row, "value"):  # the record's own checks, at this key's value
                cls(**{f.name: value})
            changes[f.name] = value
        return cls(**changes)

    # -- the centre ---------------------------------------------------------------------

    def staff(self) -> tuple[Staff, ...]:
        people = []
        for row in self.rows("staff"):
            staff_id = row.required("id", "a staff id")
            if staff_id in self.staff_ids:
                raise row.error(
                    "id",
                    f"duplicate staff id {staff_id!r} (first on row {self.staff_ids[staff_id]}); "
                    "expected each id once",
                )
            grade = row.choice("grade", GRADES, "grade")
            roles = []
            for part in row.text("roles").split(";"):
                role = part.strip().lower()
                if not role:
                    continue
                if role not in ROLES:
                    raise row.error(
                        "roles",
                        f"unknown role {part.strip()!r}; expected {one_of(ROLES)} "
                        "(several separated by ';')",
                    )
                roles.append(role)
            limits = self._limits(row)
            with located(row):
                person = Staff(
                    id=staff_id,
                    name=row.text("name", staff_id),
                    grade=grade,
                    team=row.text("team"),
                    roles=frozenset(roles or ("agent",)),
                    job_type=row.text("job_type", "agent"),
                    **limits,
                )
            self.staff_ids[staff_id] = row.number
            people.append(person)
        if not people:
            raise RosterInputError("no staff; expected at least one person", sheet="staff")
        return tuple(people)

    def _limits(self, row: Row) -> dict[str, Any]:
        """The person's rule fields, one staff column each (:data:`PERSON_FIELDS`; ``Any``:
        each value has its kind's type); a minimum above its maximum is reported at the
        maximum's column, as soon as both are read."""
        values: dict[str, Any] = {}
        for f in PERSON_FIELDS:
            if f.kind == FieldKind.COUNT:
                values[f.name] = row.int_or_none(f.name)
            elif f.kind == FieldKind.FLAG:
                values[f.name] = row.bool_(f.name, bool(f.default))
            else:  # FieldKind.CAPS
                values[f.name] = self._shift_caps(row, f.name)
            for low in PERSON_FIELDS:
                if low.maximum != f.name or values.get(low.name) is None:
                    continue
                least, most = values[low.name], values[f.name]
                if most is not None and least > most:
                    raise row.error(
                        f.name,
                        f"{low.name} {least} > {f.name} {most}; expected {low.name} <= {f.name}",
                    )
        return values

    def _shift_caps(self, row: Row, column: str) -> tuple[tuple[str, int], ...]:
        """Caps per shift code as ``D=10;N=5``; the codes are checked once shifts are read."""
        caps: list[tuple[str, int]] = []
        expected = "CODE=count pairs separated by ';', such as D=10;N=5"
        for part in row.text(column).split(";"):
            if not part.strip():
                continue
            code, sep, count = (piece.strip() for piece in part.partition("="))
            if not sep or not code:
                raise row.error(column, f"{part.strip()!r} is not valid; expected {expected}")
            cap = row.convert(column, count, parse_int, expected)
            if cap < 0:
                raise row.error(column, f"{part.strip()!r}; expected a count >= 0")
            if any(code == known for known, _ in caps):
                raise row.error(column, f"shift {code!r} is capped twice; expected once")
            caps.append((code, cap))
            self.cap_rows.append((row, column, code))
        return tuple(caps)

    def forbidden_successions(self) -> tuple[tuple[str, str], ...]:
        """Config ``forbidden_successions`` as ``N>D;L>E``: shift D may not follow shift N
        on the next day, and so on (read once the shift codes are known)."""
        text, row = self.successions
        if row is None or not text.strip():
            return ()
        pairs: list[tuple[str, str]] = []
        for part in text.split(";"):
            if not part.strip():
                continue
            first, sep, second = (piece.strip() for piece in part.partition(">"))
            if not sep or not first or not second:
                raise row.error(
                    "value", f"forbidden succession {part.strip()!r}; expected X>Y such as N>D"
                )
            for code in (first, second):
                if code not in self.codes:
                    raise row.error(
                        "value",
                        f"forbidden succession {part.strip()!r} names unknown shift "
                        f"{code!r}; expected {one_of(self.codes)}",
                    )
            if (first, second) not in pairs:
                pairs.append((first, second))
        return tuple(pairs)

    def _check_cap_codes(self) -> None:
        for row, column, code in self.cap_rows:
            if code not in self.codes:
                raise row.error(
                    column, f"unknown shift code {code!r}; expected {one_of(self.codes)}"
                )

    def shifts(self) -> tuple[Shift, ...]:
        found = []
        for row in self.rows("shifts"):
            code = row.required("code", "a shift code such as D or N")
            if code in self.codes:
                raise row.error(
                    "code",
                    f"duplicate shift code {code!r} (first on row {self.codes[code]}); "
                    "expected each code once",
                )
            if code.upper() == OFF:
                raise row.error("code", f"shift code {code!r} is reserved for a day off")
            start = row.time("start")
            end = row.time("end")
            color = row.text("color") or None
            if color is not None and not COLOR_RE.fullmatch(color):
                raise row.error(
                    "color", f"{color!r} is not a colour; expected hex #RRGGBB or RRGGBB"
                )
            crosses = Shift(code, code, start, end).crosses_midnight
            with located(row):
                shift = Shift(
                    code=code,
                    name=row.text("name", code),
                    start=start,
                    end=end,
                    night=row.bool_("night", crosses),
                    color=color,
                )
            self.codes[code] = row.number
            folded = code.casefold()
            self.codes_folded[folded] = None if folded in self.codes_folded else code
            found.append(shift)
        if not found:
            raise RosterInputError("no shifts; expected at least one shift", sheet="shifts")
        return tuple(found)

    def cover(self) -> tuple[CoverRule, ...]:
        rules = []
        for row in self.rows("cover"):
            raw_day = row.required("day", _DAY_EXPECTED)
            day = row.convert("day", raw_day, parse_day_spec, _DAY_EXPECTED)
            shift = self.shift_code(row, "shift")
            requirement = row.choice("requirement", GRADES + ROLES, "requirement (grade or role)")
            low = row.int_("min")
            high = row.int_or_none("max")
            if high is not None and low > high:
                raise row.error("max", f"min {low} > max {high}; expected max >= min, or blank")
            weight_under = row.int_or_none("weight_under")
            weight_over = row.int_or_none("weight_over")
            with located(row):
                rules.append(
                    CoverRule(day, shift, requirement, low, high, weight_under, weight_over)
                )
        return tuple(rules)

    def forecast(self, rules: RuleParameters) -> tuple[ForecastRow, ...]:
        found = []
        seen: dict[tuple[str, int], int] = {}
        step = rules.interval_minutes
        for row in self.rows("forecast"):
            raw_day = row.required("day", _DAY_EXPECTED)
            day = row.convert("day", raw_day, parse_day_spec, _DAY_EXPECTED)
            start = row.time("interval")
            if start % step:
                raise row.error(
                    "interval",
                    f"{row.text('interval')!r} does not start a {step}-minute interval; "
                    f"expected a time on the config's interval_minutes ({step})",
                )
            if (day, start) in seen:
                raise row.error(
                    "interval", f"duplicate interval; first given on row {seen[(day, start)]}"
                )
            seen[(day, start)] = row.number
            shares: dict[str, float | None] = {}
            for column in ("service_level", "answer_seconds", "max_occupancy", "shrinkage"):
                shares[column] = row.decimal_or_none(column)
                with located(row, column):  # each checked alone, so the error names it
                    ForecastRow(day, start, 0.0, 1.0, **{column: shares[column]})
            with located(row):
                found.append(
                    ForecastRow(
                        day=day,
                        start=start,
                        calls=row.decimal("calls"),
                        aht=row.decimal("aht", positive=True),
                        service_level=shares["service_level"],
                        answer_seconds=shares["answer_seconds"],
                        max_occupancy=shares["max_occupancy"],
                        shrinkage=shares["shrinkage"],
                    )
                )
        return tuple(found)

    # -- optional sheets ----------------------------------------------------------------

    def leave(self) -> tuple[LeaveRequest, ...]:
        found = []
        ids: dict[str, int] = {}
        for row in self.rows("leave"):
            leave_id = row.text("id")
            if leave_id in ids:
                raise row.error(
                    "id", f"duplicate leave id {leave_id!r} (first on row {ids[leave_id]})"
                )
            if leave_id:
                ids[leave_id] = row.number
            staff_id = self.staff_id(row, "staff_id")
            start = row.date("start")
            end = row.date("end")
            if end < start:
                raise row.error("end", f"end {end} is before start {start}; expected end >= start")
            if end < self.start or start > self.end:
                raise row.error(
                    "start" if start > self.end else "end",
                    f"leave {start} to {end} is outside the scenario's horizon; expected leave "
                    f"on some day from {self.start} to {self.end}",
                )
            requested_at = None
            if row.text("requested_at"):
                requested_at = row.convert(
                    "requested_at",
                    row.text("requested_at"),
                    parse_datetime,
                    "a date and time (YYYY-MM-DD HH:MM)",
                )
            with located(row):
                found.append(
                    LeaveRequest(
                        id=leave_id,
                        staff_id=staff_id,
                        start=start,
                        end=end,
                        type=row.choice("type", LEAVE_TYPES, "leave type", "personal"),
                        status=row.choice("status", LEAVE_STATUSES, "leave status", "approved"),
                        requested_at=requested_at,
                        requested_by=row.text("requested_by"),
                        approved_by=self.approved_by(row),
                        certificate=row.bool_("certificate", False),
                        phoned_team_leader=row.bool_("phoned_team_leader", False),
                        weight=row.int_or_none("weight"),
                    )
                )
        return tuple(found)

    def approved_by(self, row: Row) -> str:
        """L2's approvals: levels or ids from the staff or approvers sheet, ``;``-separated."""
        text = row.text("approved_by")
        for token in approvals_of(text):
            if token.lower() in APPROVERS:
                continue
            if token not in self.staff_ids and token not in self.approver_ids:
                raise row.error(
                    "approved_by",
                    f"unknown approver {token!r}; expected department_head, center_director, "
                    "manager or an id from the 'staff' or 'approvers' sheet (several: ';')",
                )
        return ";".join(t.lower() if t.lower() in APPROVERS else t for t in approvals_of(text))

    def approvers(self) -> tuple[Approver, ...]:
        found = []
        for row in self.rows("approvers"):
            approver_id = row.required("id", "an approver id")
            if approver_id in self.approver_ids:
                raise row.error(
                    "id",
                    f"duplicate approver id {approver_id!r} "
                    f"(first on row {self.approver_ids[approver_id]})",
                )
            self.approver_ids[approver_id] = row.number
            found.append(
                Approver(
                    approver_id,
                    row.choice("role", APPROVING_ROLES, "approving role"),
                    row.text("name"),
                )
            )
        return tuple(found)

    def requests(self, weights: Weights) -> tuple[ShiftRequest, ...]:
        found = []
        for row in self.rows("requests"):
            staff_id = self.staff_id(row, "staff_id")
            day = self.in_horizon(row, "date", row.date("date"))
            shift = self.shift_code(row, "shift", allow_off=True)
            kind = row.choice("kind", REQUEST_KINDS, "request kind", "want")
            weight = row.int_("weight", weights.request)
            with located(row):
                found.append(ShiftRequest(staff_id, day, shift, kind, weight))
        return tuple(found)

    def holidays(self) -> tuple[HolidayChange, ...]:
        return tuple(
            HolidayChange(row.date("date"), row.text("name", "holiday"))
            for row in self.rows("holidays")
        )

    def assignments(self, sheet: str) -> tuple[Assignment, ...]:
        """History (days before the horizon) or a published roster (days inside it).

        ``OFF`` rows are allowed and dropped: a day without a row is a day off anyway.
        """
        found = []
        seen: dict[tuple[str, dt.date], int] = {}
        for row in self.rows(sheet):
            staff_id = self.staff_id(row, "staff_id")
            day = row.date("date")
            if sheet == "history" and day >= self.start:
                raise row.error(
                    "date",
                    f"history date {day} is not before the horizon; expected a date before "
                    f"{self.start}",
                )
            if sheet != "history":
                self.in_horizon(row, "date", day)
            shift = self.shift_code(row, "shift", allow_off=True)
            if shift == OFF:
                continue
            key = (staff_id, day)
            if key in seen:
                raise row.error(
                    "date",
                    f"{staff_id} has a second shift on {day} (first on row {seen[key]}); "
                    "expected at most one shift a day",
                )
            seen[key] = row.number
            found.append(Assignment(staff_id, day, shift))
        return tuple(found)

    def swaps(self) -> tuple[Swap, ...]:
        found = []
        ids: dict[str, int] = {}
        for row in self.rows("swaps"):
            swap_id = row.required("id", "a swap id")
            if swap_id in ids:
                raise row.error(
                    "id", f"duplicate swap id {swap_id!r} (first on row {ids[swap_id]})"
                )
            ids[swap_id] = row.number
            with located(row):
                found.append(
                    Swap(
                        id=swap_id,
                        staff_a=self.staff_id(row, "staff_a"),
                        date_a=row.date("date_a"),
                        staff_b=self.staff_id(row, "staff_b"),
                        date_b=row.date_or_none("date_b"),
                        status=row.text("status", "requested").lower(),
                        approved_by_a_leader=row.bool_("approved_by_a_leader", False),
                        approved_by_b_leader=row.bool_("approved_by_b_leader", False),
                    )
                )
        return tuple(found)

    # -- all ----------------------------------------------------------------------------

    def build(self) -> Scenario:
        for sheet in REQUIRED_SHEETS:  # report a missing sheet before any row error
            next(self.rows(sheet), None)
        name, country, rules, weights, extra = self.config()
        staff = self.staff()
        shifts = self.shifts()
        self._check_cap_codes()
        successions = self.forbidden_successions()
        cover = self.cover()
        approvers = self.approvers()
        leave = self.leave()
        requests = self.requests(weights)
        holiday_changes = self.holidays()
        history = self.assignments("history")
        swaps = self.swaps()
        published = self.assignments("roster")
        forecast = self.forecast(rules)
        try:
            return Scenario(
                name=name,
                start=self.start,
                end=self.end,
                staff=staff,
                shifts=shifts,
                cover=cover,
                country=country,
                rules=rules,
                weights=weights,
                leave=leave,
                requests=requests,
                holiday_changes=holiday_changes,
                history=history,
                swaps=swaps,
                published=published,
                extra_config=extra,
                forbidden_successions=successions,
                forecast=forecast,
                approvers=approvers,
            )
        except ValueError as exc:  # every row was checked above; this is a safety net
            raise RosterInputError(str(exc)) from None


_DAY_EXPECTED = "a date (YYYY-MM-DD), Mon..Sun, weekday, weekend, holiday or *"


def _weekday_name(text: str) -> str | None:
    """Mon..Sun from ``mon``, ``Monday``, ``MON`` and the like."""
    lowered = text.strip().lower()
    for name in WEEKDAY_NAMES:
        full = std_calendar.day_name[WEEKDAY_NAMES.index(name)].lower()
        if lowered in (name.lower(), full):
            return name
    return None


def build_scenario(tables: Mapping[str, Table], *, default_name: str = "scenario") -> Scenario:
    """Validate parsed tables and build the scenario they describe.

    Parameters
    ----------
    tables
        Sheets by lower-cased name, as :func:`read_tables` returns them.
    default_name
        The scenario name when ``config`` gives none (the reader passes the file stem).

    Raises
    ------
    RosterInputError
        For the first malformed value, naming its sheet, row and column.
    """
    return _ScenarioBuilder(tables, default_name).build()


def read_scenario(path: Path) -> Scenario:
    """Read a scenario workbook (``.xlsx``) or folder of CSV files.

    Parameters
    ----------
    path
        The workbook file or the folder.

    Returns
    -------
    Scenario
        The validated scenario.

    Raises
    ------
    RosterInputError
        For any malformed input, with the sheet, row and column that hold it.
    """
    path = Path(path)
    tables = read_tables(path, REQUIRED_SHEETS + OPTIONAL_SHEETS)
    name = path.resolve().name if path.is_dir() else path.stem
    return build_scenario(tables, default_name=name)
