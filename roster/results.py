"""A roster and what is said about it: assignments, solve results, rule violations,
verdicts on leave requests and changes to a published roster.

Frozen dataclasses like :mod:`roster.model` (which re-exports every name here), kept apart
so that the model of the centre stays one readable module. Nothing here knows CP-SAT.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(frozen=True)
class Assignment:
    staff_id: str
    date: dt.date
    shift: str


# --------------------------------------------------------------------------------------
# A roster and a solve result
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Roster:
    """Who works which shift on which day; a person works at most one entry per day."""

    assignments: tuple[Assignment, ...]

    def by_person_day(self) -> dict[tuple[str, dt.date], list[str]]:
        table: dict[tuple[str, dt.date], list[str]] = {}
        for a in self.assignments:
            table.setdefault((a.staff_id, a.date), []).append(a.shift)
        return table

    def shift_of(self, staff_id: str, day: dt.date) -> str | None:
        for a in self.assignments:
            if a.staff_id == staff_id and a.date == day:
                return a.shift
        return None

    @staticmethod
    def from_rows(rows: Iterable[tuple[str, dt.date, str]]) -> Roster:
        return Roster(tuple(Assignment(s, d, c) for s, d, c in rows))


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    """(objective - bound) / objective, as CP-SAT reports it; 0 for a zero objective."""
    if objective is None or bound is None:
        return None
    if objective == 0:
        return 0.0
    return max(0.0, (objective - bound) / abs(objective))


class SolveStatus(StrEnum):
    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"
    MODEL_INVALID = "MODEL_INVALID"

    @property
    def has_roster(self) -> bool:
        return self in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


@dataclass(frozen=True)
class PenaltyItem:
    """One non-zero soft-rule cost: ``amount`` units at ``weight`` each."""

    rule: str
    weight: int
    amount: int
    description: str
    staff_id: str | None = None
    date: dt.date | None = None
    shift: str | None = None

    @property
    def cost(self) -> int:
        return self.weight * self.amount


@dataclass(frozen=True)
class SolveSettings:
    """How a solve ran: the search asked for, and what it did on the way (the Summary
    sheet's settings). A field left ``None`` did not apply to this solve."""

    time_limit: float | None = None
    workers: int | None = None
    seed: int | None = None
    preset: str | None = None
    slices: int | None = None
    """Slices the centre was first solved in (1: the whole month as one model)."""
    slice_time: float | None = None
    search_workers: int | None = None
    """CP-SAT workers of the last search (one fewer while the month plans ran beside it)."""
    pinned_time: float | None = None
    """Seconds of the search pinned to even counts, before the open search."""
    build_time: float | None = None
    variables: int | None = None
    constraints: int | None = None
    plan_bound: int | None = None
    plan_rounds: int | None = None
    plan_time: float | None = None
    plan_converged: bool | None = None
    plan_roster: int | None = None
    """The cost of the month plans' own roster, when they made one."""
    plan_restart: bool | None = None
    """Whether the search started again from the month plans' roster."""
    source: str | None = None
    """Where the roster came from when it was not solved (a ledger version)."""

    def items(self) -> list[tuple[str, Any]]:
        """(name, value) of every field that applies, in declaration order."""
        return [
            (f.name, getattr(self, f.name))
            for f in dataclasses.fields(self)
            if getattr(self, f.name) is not None
        ]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and getattr(self, name, None) is not None

    def __getitem__(self, name: str) -> Any:
        if name not in self:
            raise KeyError(name)
        return getattr(self, name)

    def get(self, name: str, default: Any = None) -> Any:
        value = getattr(self, name, None) if isinstance(name, str) else None
        return default if value is None else value


@dataclass(frozen=True)
class Result:
    """What a solve returns, always: a roster when there is one, reasons when there is not."""

    status: SolveStatus
    objective: int | None
    bound: float | None
    wall_time: float
    roster: Roster | None
    penalties: tuple[PenaltyItem, ...] = ()
    reasons: tuple[str, ...] = ()
    first_solution_time: float | None = None
    settings: SolveSettings = field(default_factory=SolveSettings)

    @property
    def gap(self) -> float | None:
        """Relative gap between objective and bound (0 when proven optimal)."""
        return relative_gap(self.objective, self.bound)

    def cost_by_rule(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for p in self.penalties:
            totals[p.rule] = totals.get(p.rule, 0) + p.cost
        return totals


@dataclass(frozen=True)
class Violation:
    """A broken hard rule, as the checker reports it: rule ID, who, when, and why."""

    rule: str
    message: str
    staff_id: str | None = None
    date: dt.date | None = None
    shift: str | None = None

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.staff_id or "",
                self.date.isoformat() if self.date else "",
                self.shift or "",
            )
            if part
        )
        return f"{self.rule}: {self.message}" + (f" [{where}]" if where else "")


# --------------------------------------------------------------------------------------
# Verdicts on leave requests and changes to a published roster
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleOutcome:
    """One rule's verdict on one request: passed or not, and why in plain words."""

    rule: str
    passed: bool
    reason: str = ""


@dataclass(frozen=True)
class LeaveVerdict:
    """A leave request judged by the leave rules L1-L8 and, when decided, by cover (L9).

    ``cover`` is ``None`` until L9 has been decided; then ``True`` when the request can be
    granted together with the others granted, ``False`` when it would break cover.
    """

    request_id: str
    staff_id: str
    outcomes: tuple[RuleOutcome, ...]
    cover: bool | None = None
    cover_reason: str = ""

    @property
    def passes_rules(self) -> bool:
        return all(o.passed for o in self.outcomes)

    @property
    def failed(self) -> tuple[RuleOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.passed)

    @property
    def granted(self) -> bool:
        return self.passes_rules and self.cover is not False

    @property
    def verdict(self) -> str:
        if not self.passes_rules:
            return "refused: " + ", ".join(o.rule for o in self.failed)
        if self.cover is None:
            return "passes L1-L8"
        return "grant" if self.cover else "refused: L9"


@dataclass(frozen=True)
class Change:
    """One cell of a published roster that a repair changes (``None`` = off)."""

    staff_id: str
    date: dt.date
    before: str | None
    after: str | None
    why: str = ""
