"""The CP-SAT side of a scenario: decision variables, the model, and how rules add to it.

Every rule family receives one :class:`Context`. Hard constraints go through
:meth:`Context.add` with the rule ID, so that a diagnostic build can guard each family
with one assumption literal and ask which rules are in conflict. The production build
passes no literals: guarded constraints weaken CP-SAT's presolve and bounds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from ortools.sat.python import cp_model

from roster.calendar import Calendar
from roster.model import Scenario, Shift, Staff

LinearExpr = cp_model.LinearExpr | int
"""An integer expression over the model's variables (a plain int when all are constants)."""


@dataclass(frozen=True)
class Penalty:
    """A named, weighted soft cost: ``weight * expr`` enters the objective.

    ``expr`` is a non-negative integer expression; the decoder reads its value back to say
    who and what cost how much.
    """

    rule: str
    weight: int
    expr: LinearExpr
    description: str
    staff_id: str | None = None
    date: dt.date | None = None
    shift: str | None = None


class RosterVars:
    """One Boolean per person, day and shift (``x``), plus derived expressions.

    Days before the horizon (``history``) are constants: ``works``/``night`` accept a day
    index below zero and return 0 or 1 from the history sheet.
    """

    def __init__(self, model: cp_model.CpModel, scenario: Scenario) -> None:
        self.model = model
        self.scenario = scenario
        self.num_people = len(scenario.staff)
        self.num_days = scenario.num_days
        self.num_shifts = len(scenario.shifts)
        self._x: list[list[list[cp_model.IntVar]]] = [
            [
                [
                    model.new_bool_var(f"x_{person.id}_d{d}_{shift.code}")
                    for shift in scenario.shifts
                ]
                for d in range(self.num_days)
            ]
            for person in scenario.staff
        ]
        index = {s.id: i for i, s in enumerate(scenario.staff)}
        codes = {s.code: i for i, s in enumerate(scenario.shifts)}
        self._history: dict[tuple[int, int], int] = {}
        for a in scenario.history:
            self._history[(index[a.staff_id], (a.date - scenario.start).days)] = codes[a.shift]

    def x(self, p: int, d: int, s: int) -> cp_model.IntVar:
        return self._x[p][d][s]

    def all_x(self) -> list[cp_model.IntVar]:
        return [v for person in self._x for day in person for v in day]

    def day_vars(self, p: int, d: int) -> list[cp_model.IntVar]:
        return self._x[p][d]

    def works(self, p: int, d: int) -> LinearExpr:
        """1 when person p works day d (R4 keeps the sum at most 1)."""
        if d < 0:
            return 1 if (p, d) in self._history else 0
        return sum(self._x[p][d])

    def history_shift(self, p: int, d: int) -> int | None:
        return self._history.get((p, d))

    def night(self, p: int, d: int) -> LinearExpr:
        shifts = self.scenario.shifts
        if d < 0:
            s = self._history.get((p, d))
            return 1 if s is not None and shifts[s].night else 0
        return sum(v for v, shift in zip(self._x[p][d], shifts, strict=True) if shift.night)

    @cached_property
    def history_depth(self) -> int:
        """How many days before the horizon the history sheet reaches."""
        return max((-d for (_, d) in self._history), default=0)


class Context:
    """What a rule family works with: the scenario, its calendar, the model, the variables."""

    def __init__(
        self,
        scenario: Scenario,
        calendar: Calendar,
        model: cp_model.CpModel,
        variables: RosterVars,
        guards: dict[str, cp_model.IntVar] | None = None,
        pins: Mapping[tuple[str, str], int | tuple[int, int]] | None = None,
    ) -> None:
        self.scenario = scenario
        self.calendar = calendar
        self.model = model
        self.vars = variables
        self.guards = guards
        self.pins = pins or {}
        """(grade, kind) -> the count (or range) of nights, weekend or holiday shifts every
        person of the grade works: a narrowing of the search, not a rule of the centre
        (:mod:`roster.constraints.fairness`)."""

    @property
    def staff(self) -> tuple[Staff, ...]:
        return self.scenario.staff

    @property
    def shifts(self) -> tuple[Shift, ...]:
        return self.scenario.shifts

    @property
    def days(self) -> list[dt.date]:
        return self.scenario.days

    def people(self) -> range:
        return range(len(self.scenario.staff))

    def _guard(self, rule: str, ct: cp_model.Constraint) -> cp_model.Constraint:
        if self.guards is not None:
            ct.only_enforce_if(self.guards[rule])
        return ct

    def add(self, rule: str, bounded: cp_model.BoundedLinearExpression | bool) -> None:
        """Add a hard linear constraint of rule ``rule``."""
        if isinstance(bounded, bool):
            if not bounded:
                # A constant false constraint (e.g. history already breaks a rule).
                self._guard(rule, self.model.add_bool_or([]))
            return
        self._guard(rule, self.model.add(bounded))

    def add_bool_or(self, rule: str, literals: Sequence[cp_model.IntVar]) -> None:
        self._guard(rule, self.model.add_bool_or(literals))

    def add_implication_or(
        self, rule: str, condition: cp_model.IntVar, literals: Sequence[cp_model.IntVar]
    ) -> None:
        """``condition`` implies at least one of ``literals`` (hard rule ``rule``)."""
        self._guard(rule, self.model.add_bool_or([condition.negated(), *literals]))

    def sum_x(self, cells: Iterable[tuple[int, int, int]]) -> LinearExpr:
        return sum(self.vars.x(p, d, s) for p, d, s in cells)


@dataclass(frozen=True)
class RuleFamily:
    """One module's rules, declared by the module itself as ``FAMILY = RuleFamily(...)``
    and found by :mod:`roster.constraints`, which applies the families by ``order``.

    ``apply`` adds the hard constraints through :meth:`Context.add` and returns the soft
    costs. ``guarded``: the hard rules of ``rules`` the diagnosis may switch off one at a
    time. ``least_cost``, when given, is the family's soft cost in every roster that keeps
    the hard rules: a lower bound known without solving.
    """

    name: str
    order: int
    rules: tuple[str, ...]
    apply: Callable[[Context], list[Penalty]]
    guarded: tuple[str, ...] = ()
    least_cost: Callable[[Scenario, Calendar], int] | None = None

    def __post_init__(self) -> None:
        if not set(self.guarded) <= set(self.rules):
            raise ValueError(f"Rule family {self.name!r} guards rules it does not have.")
