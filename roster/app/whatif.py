"""What-if variants of a scenario: remove or add staff, scale demand, change settings.

A variant is a plain, hashable record of text edits so that it can be written to a
workbook, read back from a CSV row, and shipped to another process or machine unchanged.
``apply_variant`` builds a new :class:`Scenario` in memory; no file is ever touched.

Demand with a day spec (``N@weekend:1.2``) is applied through *dated* cover rows: for each
horizon day the spec matches, the cover that day currently resolves to for that shift is
scaled and written back as rows dated that day. Dated rows outrank every other day spec, so
exactly the matching days change and all others keep their cover. Without a day spec every
cover row of the shift is scaled in place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from roster.calendar import Calendar, parse_day_spec
from roster.checks.coverage import coverage_rows, on_duty
from roster.model import (
    GRADES,
    ROLES,
    WEEKDAY_NAMES,
    CoverRule,
    Result,
    Roster,
    RuleParameters,
    Scenario,
    Staff,
    Weights,
)

NEW_TEAM = "new"
"""The team every added person joins."""


@dataclass(frozen=True)
class Variant:
    """One what-if: text edits of a scenario, recorded as given (see module docstring)."""

    name: str = "variant"
    remove: tuple[str, ...] = ()
    add: tuple[str, ...] = ()
    """Each ``GRADE:N[:ROLE;ROLE]``."""
    demand: tuple[str, ...] = ()
    """Each ``SHIFT[@DAYSPEC]:FACTOR``, DAYSPEC as the cover sheet's day values."""
    settings: tuple[tuple[str, str], ...] = ()
    """Config ``(KEY, VALUE)`` pairs, same keys as the config sheet."""
    seed: int = 0

    def describe(self) -> list[str]:
        """Every change in words, one line each (for the Variant sheet and the terminal)."""
        lines = [f"remove {i}" for i in self.remove]
        lines += [f"add {a}" for a in self.add]
        lines += [f"demand {d}" for d in self.demand]
        lines += [f"set {k}={v}" for k, v in self.settings]
        return lines or ["no change"]


# --------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddSpec:
    grade: str
    count: int
    roles: frozenset[str]


@dataclass(frozen=True)
class DemandSpec:
    shift: str
    day: str | None
    factor: Fraction


def parse_add(text: str) -> AddSpec:
    """``GRADE:N[:ROLE;ROLE]`` (roles may also be separated by commas)."""
    parts = text.strip().split(":")
    if len(parts) not in (2, 3):
        raise ValueError(f"--add {text!r}: expected GRADE:N or GRADE:N:ROLE;ROLE")
    grade = parts[0].strip().lower()
    if grade not in GRADES:
        raise ValueError(f"--add {text!r}: unknown grade {parts[0]!r}; expected one of {GRADES}")
    try:
        count = int(parts[1])
    except ValueError:
        raise ValueError(f"--add {text!r}: N {parts[1]!r} is not a whole number") from None
    if count < 1:
        raise ValueError(f"--add {text!r}: N must be >= 1")
    roles = frozenset({"agent"})
    if len(parts) == 3:
        names = [r.strip().lower() for r in re.split(r"[;,]", parts[2]) if r.strip()]
        unknown = [r for r in names if r not in ROLES]
        if unknown or not names:
            raise ValueError(f"--add {text!r}: unknown role(s) {unknown}; expected {ROLES}")
        roles = frozenset(names)
    return AddSpec(grade, count, roles)


def parse_demand(text: str) -> DemandSpec:
    """``SHIFT[@DAYSPEC]:FACTOR``; FACTOR a decimal or fraction >= 0."""
    head, sep, factor_text = text.strip().rpartition(":")
    if not sep or not head:
        raise ValueError(f"--demand {text!r}: expected SHIFT[@DAYSPEC]:FACTOR")
    try:
        factor = Fraction(factor_text.strip())
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"--demand {text!r}: FACTOR {factor_text!r} is not a number") from None
    if factor < 0:
        raise ValueError(f"--demand {text!r}: FACTOR must be >= 0")
    shift, at, day = head.partition("@")
    if not shift.strip():
        raise ValueError(f"--demand {text!r}: missing SHIFT")
    spec = parse_day_spec(day) if at else None
    return DemandSpec(shift.strip(), spec, factor)


def parse_setting(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise ValueError(f"--set {text!r}: expected KEY=VALUE")
    return key.strip().lower(), value.strip()


def parse_variant(
    name: str = "variant",
    remove: Iterable[str] = (),
    add: Iterable[str] = (),
    demand: Iterable[str] = (),
    set_pairs: Iterable[str | tuple[str, str]] = (),
    seed: int = 0,
) -> Variant:
    """Check the syntax of every edit now, so a typo fails before any solving.

    ``set_pairs`` holds ``KEY=VALUE`` texts or ``(KEY, VALUE)`` pairs. Raises ``ValueError``
    with a message that names the offending option and value.
    """
    removed = tuple(r.strip() for r in remove if r.strip())
    adds = tuple(a.strip() for a in add if a.strip())
    for a in adds:
        parse_add(a)
    demands = tuple(d.strip() for d in demand if d.strip())
    for d in demands:
        parse_demand(d)
    settings: list[tuple[str, str]] = []
    for pair in set_pairs:
        key, value = parse_setting(pair) if isinstance(pair, str) else (pair[0].lower(), pair[1])
        _convert_setting(key, value)
        settings.append((key, value))
    return Variant(name or "variant", removed, adds, demands, tuple(settings), int(seed))


# --------------------------------------------------------------------------------------
# Applying
# --------------------------------------------------------------------------------------


def apply_variant(scenario: Scenario, variant: Variant) -> Scenario:
    """The scenario with the variant's edits, in the order remove, add, demand, settings.

    Raises ``ValueError`` for an edit that does not fit this scenario (unknown id or shift).
    """
    sc = _remove(scenario, variant.remove)
    for text in variant.add:
        sc = _add(sc, parse_add(text))
    for text in variant.demand:
        sc = _demand(sc, parse_demand(text))
    if variant.settings:
        sc = apply_settings(sc, variant.settings)
    return sc


def _remove(sc: Scenario, ids: Sequence[str]) -> Scenario:
    if not ids:
        return sc
    known = {s.id for s in sc.staff}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ValueError(f"--remove: unknown staff id(s) {', '.join(unknown)}")
    gone = set(ids)
    if gone == known:
        raise ValueError("--remove: cannot remove every member of staff")
    return sc.for_staff(tuple(s for s in sc.staff if s.id not in gone))


def _median(values: list[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return int(statistics.median_low(present)) if present else None


def _add(sc: Scenario, spec: AddSpec) -> Scenario:
    peers = [s for s in sc.staff if s.grade == spec.grade]
    low = _median([s.min_shifts for s in peers])
    high = _median([s.max_shifts for s in peers])
    if low is not None and high is not None and low > high:
        low = high
    taken = {s.id for s in sc.staff}
    added: list[Staff] = []
    k = 0
    while len(added) < spec.count:
        k += 1
        new_id = f"NEW-{spec.grade}-{k}"
        if new_id in taken:
            continue
        added.append(
            Staff(
                new_id,
                new_id,
                spec.grade,
                NEW_TEAM,
                spec.roles,
                job_type="team_leader" if "team_leader" in spec.roles else "agent",
                min_shifts=low,
                max_shifts=high,
            )
        )
    return sc.replace(staff=(*sc.staff, *added))


def _scaled(value: int, factor: Fraction) -> int:
    return math.ceil(value * factor)


def _scale_rule(rule: CoverRule, factor: Fraction, day: str | None = None) -> CoverRule:
    high = None if rule.max is None else max(_scaled(rule.max, factor), _scaled(rule.min, factor))
    return CoverRule(day or rule.day, rule.shift, rule.requirement, _scaled(rule.min, factor), high)


def day_matches(calendar: Calendar, spec: str, day: dt.date) -> bool:
    """Whether a cover day spec (normalised by ``parse_day_spec``) applies to a day."""
    if spec == "*":
        return True
    if spec == "weekday":
        return not calendar.is_weekend(day)
    if spec == "weekend":
        return calendar.is_weekend(day)
    if spec == "holiday":
        return calendar.is_holiday(day)
    if spec in WEEKDAY_NAMES:
        return WEEKDAY_NAMES.index(spec) == day.weekday()
    return spec == day.isoformat()


def _demand(sc: Scenario, spec: DemandSpec) -> Scenario:
    if spec.shift not in {s.code for s in sc.shifts}:
        raise ValueError(f"--demand: unknown shift {spec.shift!r}")
    if spec.day is None:
        cover = tuple(_scale_rule(r, spec.factor) if r.shift == spec.shift else r for r in sc.cover)
        return sc.replace(cover=cover)
    calendar = Calendar(sc)
    days = [d for d in sc.days if day_matches(calendar, spec.day, d)]
    if not days:
        raise ValueError(f"--demand: day {spec.day!r} matches no day of the horizon")
    dated = {d.isoformat() for d in days}
    kept = [r for r in sc.cover if not (r.shift == spec.shift and parse_day_spec(r.day) in dated)]
    for d in days:
        for requirement, need in calendar.needs(d, spec.shift).items():
            rule = CoverRule(d.isoformat(), spec.shift, requirement, need.min, need.max)
            kept.append(_scale_rule(rule, spec.factor))
    return sc.replace(cover=tuple(kept))


# --------------------------------------------------------------------------------------
# Settings
# --------------------------------------------------------------------------------------

_TRUE = ("yes", "y", "true", "1", "on")
_FALSE = ("no", "n", "false", "0", "off")


def _field_value(key: str, f: dataclasses.Field[Any], text: str) -> object:
    default = f.default
    lowered = text.strip().lower()
    if isinstance(default, bool):
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(f"--set {key}={text}: expected yes or no")
    if f.name == "night_leave_cutoff":
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", lowered)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValueError(f"--set {key}={text}: expected HH:MM")
        return f"{int(match[1]):02d}:{match[2]}"
    if f.name == "team_meeting_day":
        for name in WEEKDAY_NAMES:
            if lowered[:3] == name.lower():
                return name
        raise ValueError(f"--set {key}={text}: expected Mon..Sun")
    if default is None and lowered in ("", "none"):
        return None
    if isinstance(default, int) or default is None:
        try:
            number = int(lowered)
        except ValueError:
            raise ValueError(f"--set {key}={text}: expected a whole number") from None
        if number < 0:
            raise ValueError(f"--set {key}={text}: expected a whole number >= 0")
        return number
    return text


def _convert_setting(key: str, text: str) -> tuple[str, str, object]:
    """``(record, field, value)``: record is ``rules``, ``weights`` or ``country``."""
    if key == "country":
        return "country", "country", "" if text.lower() in ("", "none", "-") else text.upper()
    for f in dataclasses.fields(RuleParameters):
        if f.name == key:
            return "rules", f.name, _field_value(key, f, text)
    if key.startswith("weight_"):
        for f in dataclasses.fields(Weights):
            if "weight_" + f.name == key:
                return "weights", f.name, _field_value(key, f, text)
    known = [f.name for f in dataclasses.fields(RuleParameters)]
    known += ["weight_" + f.name for f in dataclasses.fields(Weights)]
    raise ValueError(f"--set {key}: unknown setting; expected one of {', '.join(known)}, country")


def apply_settings(sc: Scenario, settings: Iterable[tuple[str, str]]) -> Scenario:
    """The scenario with config keys changed, validated by the records' own checks."""
    rules: dict[str, Any] = {}
    weights: dict[str, Any] = {}
    country = sc.country
    for key, text in settings:
        record, name, value = _convert_setting(key.lower(), text)
        if record == "rules":
            rules[name] = value
        elif record == "weights":
            weights[name] = value
        else:
            country = str(value)
    return sc.replace(
        rules=dataclasses.replace(sc.rules, **rules),
        weights=dataclasses.replace(sc.weights, **weights),
        country=country,
    )


# --------------------------------------------------------------------------------------
# Comparing a variant with its base
# --------------------------------------------------------------------------------------

SOFT_COVER_WEIGHT = 1000
"""Weight per missing person when a side without a roster is re-solved with cover made soft:
high enough that the solver first leaves the fewest seats empty, then minds the rest."""


@dataclass(frozen=True)
class ShortfallRow:
    """People missing on one shift of one day for one requirement (R1 grade, R3 role) or
    for the team leader every operating shift needs (R2)."""

    date: dt.date
    shift: str
    rule: str
    requirement: str
    required: int
    rostered: int
    short: int


@dataclass(frozen=True)
class CoverPoint:
    """People the cover table asks for on a shift of a day, against people rostered."""

    date: dt.date
    shift: str
    required: int
    rostered: int


@dataclass(frozen=True)
class PersonLoad:
    """One person's share of the unpopular work (fairness) and their hours."""

    staff_id: str
    name: str
    grade: str
    shifts: int
    nights: int
    weekends: int
    holidays: int
    hours: float


@dataclass(frozen=True)
class Side:
    """What one scenario (base or variant) gives.

    ``feasible`` is the answer under the hard rules. When it is ``False`` the roster, costs
    and shortfall come from the re-solve with cover made soft (``soft_cover``): the least
    shortfall the month can have.
    """

    label: str
    scenario_name: str
    headcount: int
    feasible: bool
    status: str
    objective: int | None
    wall_time: float
    reasons: tuple[str, ...]
    soft_cover: bool
    soft_status: str | None
    soft_objective: int | None
    cost_by_rule: tuple[tuple[str, int], ...]
    shortfall: tuple[ShortfallRow, ...]
    cover: tuple[CoverPoint, ...]
    people: tuple[PersonLoad, ...]
    has_roster: bool
    minimums: str | None = None
    """R21: the surplus the minimum shifts force and the minimums that would fit, if any."""

    @property
    def total_short(self) -> int:
        return sum(r.short for r in self.shortfall)

    def short_by_rule(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for r in self.shortfall:
            totals[r.rule] = totals.get(r.rule, 0) + r.short
        return totals

    def short_by_day(self) -> dict[dt.date, int]:
        totals: dict[dt.date, int] = {}
        for r in self.shortfall:
            totals[r.date] = totals.get(r.date, 0) + r.short
        return totals


@dataclass(frozen=True)
class Comparison:
    """Base against variant, solved with the same settings, and the variant's record."""

    base: Side
    variant: Side
    record: Variant
    settings: tuple[tuple[str, str], ...]
    days: tuple[dt.date, ...]
    shifts: tuple[str, ...]

    @property
    def changes(self) -> list[str]:
        return self.record.describe()


def soft_cover(scenario: Scenario, weight: int = SOFT_COVER_WEIGHT) -> Scenario:
    """The scenario with grade seats (R1), team leaders (R2) and role seats (R3) soft."""
    return scenario.with_uniform_under(weight, weight)


def shortfall_rows(scenario: Scenario, roster: Roster) -> list[ShortfallRow]:
    """Every empty seat of a roster: coverage rows short (R1/R3) and leaderless shifts (R2)."""
    calendar = Calendar(scenario)
    out = []
    for row in coverage_rows(calendar, roster):
        if row.short > 0:
            rule = "R1" if row.requirement in GRADES else "R3"
            out.append(
                ShortfallRow(
                    row.date,
                    row.shift,
                    rule,
                    row.requirement,
                    row.required,
                    row.assigned,
                    row.short,
                )
            )
    people = {s.id: s for s in scenario.staff}
    duty = on_duty(roster)
    for day in calendar.days:
        for shift in scenario.shifts:
            if not calendar.operating(day, shift.code):
                continue
            on = [people[i] for i in duty.get((day, shift.code), []) if i in people]
            leaders = sum(1 for p in on if p.has_role("team_leader"))
            if leaders == 0:
                out.append(ShortfallRow(day, shift.code, "R2", "team_leader", 1, 0, 1))
    return sorted(out, key=lambda r: (r.date, r.shift, r.rule, r.requirement))


def cover_points(scenario: Scenario, roster: Roster | None) -> list[CoverPoint]:
    """Required (grade seats; at least one on an operating shift) vs rostered per shift."""
    calendar = Calendar(scenario)
    duty = on_duty(roster) if roster is not None else {}
    out = []
    for day in calendar.days:
        for shift in scenario.shifts:
            needs = calendar.needs(day, shift.code)
            seats = sum(n.min for g, n in needs.items() if g in GRADES)
            required = max(seats, 1 if calendar.operating(day, shift.code) else 0)
            out.append(CoverPoint(day, shift.code, required, len(duty.get((day, shift.code), []))))
    return out


def person_loads(scenario: Scenario, roster: Roster | None) -> list[PersonLoad]:
    """Nights, weekend shifts, holiday shifts and hours per person (zeros without a roster)."""
    calendar = Calendar(scenario)
    shifts = {s.code: s for s in scenario.shifts}
    counts: dict[str, list[int]] = {s.id: [0, 0, 0, 0, 0] for s in scenario.staff}
    in_horizon = set(scenario.days)
    for a in roster.assignments if roster is not None else ():
        if a.staff_id not in counts or a.shift not in shifts or a.date not in in_horizon:
            continue
        shift = shifts[a.shift]
        c = counts[a.staff_id]
        c[0] += 1
        c[1] += int(shift.night)
        c[2] += int(calendar.is_weekend(a.date))
        c[3] += int(calendar.is_holiday(a.date))
        c[4] += shift.duration
    out = []
    for s in scenario.staff:
        n, nights, weekends, holidays, minutes = counts[s.id]
        out.append(
            PersonLoad(s.id, s.name, s.grade, n, nights, weekends, holidays, round(minutes / 60, 2))
        )
    return out


def solve_side(
    label: str, scenario: Scenario, *, time_limit: float, workers: int, seed: int
) -> Side:
    """Solve under the hard rules; without a roster, solve again with cover made soft."""
    from roster.app.leave import under_leave_rules
    from roster.checks.service import minimum_advice
    from roster.solver import solve

    result = solve(
        under_leave_rules(scenario),
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        diagnose=True,
    )
    feasible = result.status.has_roster and result.roster is not None
    shown: Result = result
    soft: Result | None = None
    judged = scenario
    if not feasible:
        judged = soft_cover(scenario)
        soft = solve(
            under_leave_rules(judged),
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            diagnose=False,
        )
        shown = soft
    roster = shown.roster if shown.status.has_roster else None
    return Side(
        label=label,
        scenario_name=scenario.name,
        headcount=len(scenario.staff),
        feasible=feasible,
        status=str(result.status),
        objective=result.objective if feasible else None,
        wall_time=result.wall_time + (soft.wall_time if soft else 0.0),
        reasons=tuple(result.reasons),
        soft_cover=soft is not None,
        soft_status=str(soft.status) if soft else None,
        soft_objective=soft.objective if soft else None,
        cost_by_rule=tuple(sorted(shown.cost_by_rule().items(), key=lambda kv: _rule_key(kv[0]))),
        shortfall=tuple(shortfall_rows(judged, roster)) if roster is not None else (),
        cover=tuple(cover_points(scenario, roster)),
        people=tuple(person_loads(scenario, roster)),
        has_roster=roster is not None,
        minimums=minimum_advice(scenario),
    )


def _rule_key(rule: str) -> tuple[int, str]:
    digits = rule[1:]
    return (int(digits) if digits.isdigit() else 99, rule)


def compare(
    base: Scenario,
    variant: Variant,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int | None = None,
) -> Comparison:
    """Solve the base and the variant with the same settings and put them side by side.

    ``seed`` defaults to the variant's own; the one used is recorded in the comparison.
    Raises ``ValueError`` when the variant does not fit the base (unknown id or shift).
    """
    used_seed = variant.seed if seed is None else seed
    changed = apply_variant(base, variant)
    left = solve_side("base", base, time_limit=time_limit, workers=workers, seed=used_seed)
    right = solve_side(
        variant.name, changed, time_limit=time_limit, workers=workers, seed=used_seed
    )
    settings = (
        ("time_limit", f"{time_limit:g}"),
        ("workers", str(workers)),
        ("seed", str(used_seed)),
        ("soft_cover_weight", str(SOFT_COVER_WEIGHT)),
    )
    shifts = tuple(dict.fromkeys([s.code for s in base.shifts] + [s.code for s in changed.shifts]))
    record = dataclasses.replace(variant, seed=used_seed)
    return Comparison(left, right, record, settings, tuple(base.days), shifts)
