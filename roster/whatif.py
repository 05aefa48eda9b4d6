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
from roster.model import (
    GRADES,
    ROLES,
    WEEKDAY_NAMES,
    CoverRule,
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
    return sc.replace(
        staff=tuple(s for s in sc.staff if s.id not in gone),
        leave=tuple(lv for lv in sc.leave if lv.staff_id not in gone),
        requests=tuple(r for r in sc.requests if r.staff_id not in gone),
        history=tuple(a for a in sc.history if a.staff_id not in gone),
        published=tuple(a for a in sc.published if a.staff_id not in gone),
        swaps=tuple(w for w in sc.swaps if w.staff_a not in gone and w.staff_b not in gone),
    )


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
